//! Industry codes of GB/T 4754-2017 (国民经济行业分类).
//!
//! Divisions 01–97 are all assigned in the 2017 edition; a code names a
//! division (2 digits), a group (3) or a class (4). The 2011 edition's codes
//! differ in places, which is why catalogs list 2017 codes only.

/// Whether `code` has the shape of a GB/T 4754-2017 division, group or class code.
pub fn is_valid_industry_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    if !(2..=4).contains(&bytes.len()) || !bytes.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let division = (bytes[0] - b'0') * 10 + (bytes[1] - b'0');
    (1..=97).contains(&division)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_divisions_groups_and_classes() {
        for good in ["2438", "5245", "62", "358", "0111", "9700"] {
            assert!(is_valid_industry_code(good), "{good}");
        }
        for bad in ["", "2", "24381", "00", "98", "99", "24a8", "Ｃ2438"] {
            assert!(!is_valid_industry_code(bad), "{bad}");
        }
    }
}
