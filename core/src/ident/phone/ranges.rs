//! Which numbers are allocated: the mobile ranges of the mainland and the
//! fixed-line and mobile ranges of Hong Kong and Macau.
//!
//! Source: libphonenumber's metadata (`PhoneNumberMetadata.xml`, release 9.0,
//! as shipped in the `phonenumbers` 9.0.43 package the differential test runs
//! against), territories CN (mobile), HK and MO (`fixedLine` and `mobile`).
//! The patterns are written out by hand, as prefix tables, so the browser
//! bundle carries no regex engine: each pattern alternative of the form
//! `PREFIX\d{n}` is one entry, in the same order as in the metadata.

/// CN mobile (9.0): `1(?:610\d|740[0-5])\d{6}|1(?:[38]\d|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])\d{8}`.
const CN_MOBILE: &[&str] = &[
    "1610",
    "1740[0-5]",
    "1[38]",
    "14[57]",
    "1[59][0-35-9]",
    "16[25-7]",
    "17[0-35-8]",
];

/// HK fixedLine: `(?:2(?:[13-9]\d|2[013-9])\d|3(?:(?:[1569][0-24-9]|4[0-246-9]|7[0-24-69])\d|
/// 8(?:4[0-8]|[579]\d|6[0-5]))|58(?:0[1-9]|1[2-9]))\d{4}`, 8 digits.
const HK_FIXED: &[&str] = &[
    "2[13-9]",
    "22[013-9]",
    "3[1569][0-24-9]",
    "34[0-246-9]",
    "37[0-24-69]",
    "384[0-8]",
    "38[579]",
    "386[0-5]",
    "580[1-9]",
    "581[2-9]",
];

/// HK mobile, 8 digits: `(?:4(?:0(?:6[0-3]|9[3-6])|24[3-6]|44[0-35-9]|6(?:4[0-57-9]|6[0-6])|
/// 7(?:4[0-48]|6[0-5]))|5(?:25[3-7]|35[4-8]|73[0-6]|95[0-8])|6(?:26[013-8]|(?:66|78)[0-5])|
/// 7(?:0(?:7[1-8]|8[0-8])|10[1-4])|84(?:4[0-2]|8[0-35-9])|9(?:29[013-9]|39[014-9]|59[0-467]|899))\d{4}|
/// (?:4(?:4[0-35-9]|6[0-357-9]|7[0-35])|5(?:[1-59][0-46-9]|6[0-4689]|7[0-246-9])|
/// 6(?:0[1-9]|[13-59]\d|[268][0-57-9]|7[0-79])|70[1-59]|84[0-39]|9(?:0[1-9]|1[02-9]|[2358][0-8]|[467]\d))\d{5}`.
const HK_MOBILE: &[&str] = &[
    // Four-digit prefixes.
    "406[0-3]",
    "409[3-6]",
    "424[3-6]",
    "444[0-35-9]",
    "464[0-57-9]",
    "466[0-6]",
    "474[0-48]",
    "476[0-5]",
    "525[3-7]",
    "535[4-8]",
    "573[0-6]",
    "595[0-8]",
    "626[013-8]",
    "666[0-5]",
    "678[0-5]",
    "707[1-8]",
    "708[0-8]",
    "710[1-4]",
    "844[0-2]",
    "848[0-35-9]",
    "929[013-9]",
    "939[014-9]",
    "959[0-467]",
    "9899",
    // Three-digit prefixes.
    "44[0-35-9]",
    "46[0-357-9]",
    "47[0-35]",
    "5[1-59][0-46-9]",
    "56[0-4689]",
    "57[0-246-9]",
    "60[1-9]",
    "6[13-59]",
    "6[268][0-57-9]",
    "67[0-79]",
    "70[1-59]",
    "84[0-39]",
    "90[1-9]",
    "91[02-9]",
    "9[2358][0-8]",
    "9[467]",
];

/// MO fixedLine: `(?:28[2-9]|8(?:11|[2-57-9]\d))\d{5}`, 8 digits.
const MO_FIXED: &[&str] = &["28[2-9]", "811", "8[2-57-9]"];

/// MO mobile: `6800[0-79]\d{3}|6(?:[235]\d\d|6(?:0[0-5]|[1-9]\d)|8(?:0[1-9]|[14-8]\d|2[5-9]|[39][0-4]))\d{4}`, 8 digits.
const MO_MOBILE: &[&str] = &[
    "6800[0-79]",
    "6[235]",
    "660[0-5]",
    "66[1-9]",
    "680[1-9]",
    "68[14-8]",
    "682[5-9]",
    "68[39][0-4]",
];

/// What an allocated Hong Kong or Macau number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Line {
    /// A fixed line (may carry an extension).
    Fixed,
    /// A mobile number.
    Mobile,
}

/// Whether eleven digits fall in an allocated mainland mobile range.
pub(super) fn is_cn_mobile(digits: &[u8]) -> bool {
    digits.len() == 11 && any_prefix(CN_MOBILE, digits)
}

/// The kind of an 8-digit Hong Kong number, `None` outside the fixed-line and mobile ranges.
pub(super) fn hong_kong(digits: &[u8]) -> Option<Line> {
    line(digits, HK_FIXED, HK_MOBILE)
}

/// The kind of an 8-digit Macau number, `None` outside the fixed-line and mobile ranges.
pub(super) fn macau(digits: &[u8]) -> Option<Line> {
    line(digits, MO_FIXED, MO_MOBILE)
}

fn line(digits: &[u8], fixed: &[&str], mobile: &[&str]) -> Option<Line> {
    if digits.len() != 8 {
        None
    } else if any_prefix(fixed, digits) {
        Some(Line::Fixed)
    } else if any_prefix(mobile, digits) {
        Some(Line::Mobile)
    } else {
        None
    }
}

fn any_prefix(prefixes: &[&str], digits: &[u8]) -> bool {
    digits.iter().all(u8::is_ascii_digit)
        && prefixes.iter().any(|p| has_prefix(digits, p.as_bytes()))
}

/// Whether `digits` start with `prefix`: digits, and `[...]` classes of
/// digits and ranges (`[0-35-9]`), nothing else.
fn has_prefix(digits: &[u8], prefix: &[u8]) -> bool {
    let mut digits = digits.iter();
    let mut rest = prefix;
    while let Some((&first, tail)) = rest.split_first() {
        let Some(&d) = digits.next() else {
            return false;
        };
        if first == b'[' {
            let end = tail.iter().position(|&b| b == b']').unwrap_or(tail.len());
            if !in_class(d, &tail[..end]) {
                return false;
            }
            rest = tail.get(end + 1..).unwrap_or_default();
        } else {
            if d != first {
                return false;
            }
            rest = tail;
        }
    }
    true
}

fn in_class(d: u8, class: &[u8]) -> bool {
    let mut i = 0;
    while i < class.len() {
        if class.get(i + 1) == Some(&b'-') && i + 2 < class.len() {
            if (class[i]..=class[i + 2]).contains(&d) {
                return true;
            }
            i += 3;
        } else {
            if class[i] == d {
                return true;
            }
            i += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_read_digits_and_classes() {
        assert!(has_prefix(b"12345678", b"12"));
        assert!(has_prefix(b"12345678", b"1[0-24-9]3"));
        assert!(!has_prefix(b"13345678", b"1[0-24-9]"));
        assert!(has_prefix(b"15", b"1[0-35-9]"));
        assert!(!has_prefix(b"14", b"1[0-35-9]"));
        assert!(!has_prefix(b"1", b"12"));
        for table in [CN_MOBILE, HK_FIXED, HK_MOBILE, MO_FIXED, MO_MOBILE] {
            for p in table {
                assert!(
                    p.bytes().all(|b| b.is_ascii_digit() || b"[]-".contains(&b)),
                    "{p}"
                );
            }
        }
    }

    #[test]
    fn metadata_examples_are_allocated() {
        // The example numbers of libphonenumber's metadata.
        assert_eq!(hong_kong(b"21234567"), Some(Line::Fixed));
        assert_eq!(hong_kong(b"51234567"), Some(Line::Mobile));
        assert_eq!(macau(b"28212345"), Some(Line::Fixed));
        assert_eq!(macau(b"66123456"), Some(Line::Mobile));
        assert!(is_cn_mobile(b"13123456789"));
        // Pager (71…), personal (81…) and UAN (30…) numbers are neither.
        assert_eq!(hong_kong(b"71123456"), None);
        assert_eq!(hong_kong(b"81123456"), None);
        assert_eq!(hong_kong(b"30161234"), None);
        assert_eq!(hong_kong(b"2123456"), None);
        assert_eq!(macau(b"08005012"), None);
    }
}
