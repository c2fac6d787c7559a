//! Administrative division codes (行政区划代码), GB/T 2260.
//!
//! A division code is six digits: province (2), prefecture (2), county (2).
//! Only the province level is checked here. The lower levels change with every
//! yearly revision (counties are merged, renamed, split), while a code issued
//! under an old division keeps its digits for life; a full table would also
//! weigh on the browser bundle. The province level has been stable since
//! Chongqing (50) was created in 1997, and a prefix that no province-level
//! division has cannot be part of any real code.
//!
//! Source: GB/T 2260 《中华人民共和国行政区划代码》 and the yearly list of the
//! Ministry of Civil Affairs (民政部 县级以上行政区划代码), which list 31
//! provinces, autonomous regions and municipalities plus 71 台湾省,
//! 81 香港特别行政区 and 82 澳门特别行政区 — the same 34 prefixes as the
//! division table python-stdnum ships for resident ID numbers (`stdnum/cn/loc.dat`).

/// The province-level prefixes of GB/T 2260, ascending.
pub const PROVINCES: [u8; 34] = [
    11, 12, 13, 14, 15, // 北京 天津 河北 山西 内蒙古
    21, 22, 23, // 辽宁 吉林 黑龙江
    31, 32, 33, 34, 35, 36, 37, // 上海 江苏 浙江 安徽 福建 江西 山东
    41, 42, 43, 44, 45, 46, // 河南 湖北 湖南 广东 广西 海南
    50, 51, 52, 53, 54, // 重庆 四川 贵州 云南 西藏
    61, 62, 63, 64, 65, // 陕西 甘肃 青海 宁夏 新疆
    71, 81, 82, // 台湾 香港 澳门
];

/// `PROVINCES` as bit sets: bit `u` of entry `t` is set for the prefix `tu`.
const PROVINCE_BITS: [u16; 10] = {
    let mut bits = [0u16; 10];
    let mut i = 0;
    while i < PROVINCES.len() {
        bits[(PROVINCES[i] / 10) as usize] |= 1 << (PROVINCES[i] % 10);
        i += 1;
    }
    bits
};

/// The division code national-level (central) registration authorities put
/// in positions 3–8 of a unified social credit code.
pub const NATIONAL: &[u8; 6] = b"100000";

/// Whether the first two bytes are ASCII digits naming a province-level
/// division of GB/T 2260 (`b"44"` for Guangdong).
#[inline]
pub fn is_province_prefix(code: &[u8]) -> bool {
    match code {
        [t @ b'0'..=b'9', u @ b'0'..=b'9', ..] => {
            PROVINCE_BITS[usize::from(t - b'0')] >> (u - b'0') & 1 == 1
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provinces_are_the_gb_t_2260_list() {
        let from_bits: Vec<u8> = (0..100u8)
            .filter(|n| is_province_prefix(format!("{n:02}").as_bytes()))
            .collect();
        assert_eq!(from_bits, PROVINCES);
        for code in ["440300", "440308", "110000", "650102", "820000", "710000"] {
            assert!(is_province_prefix(code.as_bytes()), "{code}");
        }
        for code in [
            "010219", "100000", "160000", "240000", "470000", "550000", "700000", "830000",
            "990000",
        ] {
            assert!(!is_province_prefix(code.as_bytes()), "{code}");
        }
        assert!(!is_province_prefix(b"4"));
        assert!(!is_province_prefix(b"4A"));
    }
}
