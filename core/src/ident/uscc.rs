//! Unified social credit codes (统一社会信用代码), GB 32100-2015.
//!
//! Hard errors: length, alphabet, digits where the standard has digits, the
//! final check character, a division code (positions 3–8) whose first two
//! digits name no province-level division of GB/T 2260, and the shape of a
//! resident ID number. Warnings: the embedded organization code's own check
//! character, and authority/type pairs the standard does not list.
//!
//! Severities: a wrong check character or an impossible division cannot be
//! part of a code any authority issued, so both are errors; lower division
//! levels are not compared (see [`super::division`]), so a code that carries
//! its city's code (Shenzhen: 440300) rather than its district's passes. A
//! resident ID number is personal data in the wrong field: an error that
//! quotes nothing of it, whatever its check characters say.
//!
//! A code on the caller's legacy allow-list is one the district has recorded
//! as real: each of these errors then becomes a recorded warning instead
//! (`*_overridden`), and the code passes.

use std::fmt;

use serde::{Serialize, Serializer};

use super::division::{is_province_prefix, NATIONAL};
use super::resident_id::is_resident_id;
use crate::findings::{Code, Finding, Path, Report};

/// The 31 symbols of the code, in value order (I, O, Z, S, V excluded).
pub const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weights of positions 1–17 for the final check: 3^i mod 31.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Weights of the 8 characters of a GB 11714 organization code.
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// The value of a symbol in [`ALPHABET`], or `None` outside it.
pub(crate) const fn value(symbol: u8) -> Option<u32> {
    let v = match symbol {
        b'0'..=b'9' => symbol - b'0',
        b'A'..=b'H' => symbol - b'A' + 10,
        b'J'..=b'N' => symbol - b'J' + 18,
        b'P'..=b'R' => symbol - b'P' + 23,
        b'T' | b'U' => symbol - b'T' + 26,
        b'W'..=b'Y' => symbol - b'W' + 28,
        _ => return None,
    };
    Some(v as u32)
}

/// The final check character for the first 17 symbols (which must be in the alphabet).
pub fn check_character(first17: &[u8]) -> Option<u8> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (&symbol, weight) in first17.iter().zip(WEIGHTS) {
        sum += value(symbol)? * weight;
    }
    Some(ALPHABET[((31 - sum % 31) % 31) as usize])
}

/// The check character of an 8-character organization code (GB 11714), or
/// `None` if a character is not a digit or an upper-case letter.
pub fn org_code_check_character(first8: &[u8]) -> Option<u8> {
    if first8.len() != 8 {
        return None;
    }
    let mut sum = 0;
    for (&c, weight) in first8.iter().zip(ORG_WEIGHTS) {
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'A'..=b'Z' => c - b'A' + 10,
            _ => return None,
        };
        sum += u32::from(v) * weight;
    }
    Some(match 11 - sum % 11 {
        10 => b'X',
        11 => b'0',
        c => b'0' + c as u8,
    })
}

/// Folds full-width forms to ASCII, upper-cases, and drops spaces and hyphens.
pub fn normalize(input: &str) -> String {
    input.chars().filter_map(fold).collect()
}

fn fold(c: char) -> Option<char> {
    let c = match c {
        // Full-width ASCII (a phone keyboard in Chinese mode).
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    // Any white space (no-break, thin, ideographic...) and any dash or minus
    // sign, as text pasted from documents and web pages carries them.
    let dash = matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{00AD}'
    );
    if c.is_whitespace() || dash || matches!(c, '\u{200B}' | '\u{FEFF}') {
        None
    } else {
        Some(c.to_ascii_uppercase())
    }
}

/// The organization types the standard defines for a registration authority.
fn known_types(authority: u8) -> Option<&'static [u8]> {
    Some(match authority {
        b'1' => b"1239",   // 机构编制: organ, public institution, mass organization, other
        b'2' => b"19",     // 外交
        b'3' => b"123459", // 司法行政
        b'4' => b"19",     // 文化
        b'5' => b"1239",   // 民政: social group, private non-enterprise, foundation, other
        b'6' => b"129",    // 旅游
        b'7' => b"129",    // 宗教
        b'8' => b"19",     // 工会
        b'9' => b"123",    // 工商: enterprise, individual business, farmers' cooperative
        b'A' => b"19",     // 中央军委改革和编制办公室
        b'N' => b"1239",   // 农业: group, village and township collectives, other
        b'Y' => b"1",      // 其他
        _ => return None,
    })
}

/// A normalised code that passed every hard check.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Uscc(String);

impl Uscc {
    /// The 18 characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Position 1: the registration authority.
    pub fn authority(&self) -> char {
        char::from(self.0.as_bytes()[0])
    }

    /// Position 2: the organization type within the authority.
    pub fn org_type(&self) -> char {
        char::from(self.0.as_bytes()[1])
    }

    /// Positions 3–8: the GB/T 2260 division code of the registering authority.
    pub fn division(&self) -> &str {
        &self.0[2..8]
    }

    /// Checks `input` and returns the code if it has no error.
    pub fn parse(input: &str) -> Result<Uscc, Report> {
        let mut report = Report::new();
        match check(input, &UsccPolicy::default(), &Path::root(), &mut report) {
            Some(code) if report.is_valid() => Ok(code),
            _ => Err(report),
        }
    }
}

impl fmt::Display for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Uscc {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// Exceptions a district has decided on, recorded explicitly.
#[derive(Debug, Clone, Default)]
pub struct UsccPolicy {
    /// Normalised codes, sorted and without repeats (a sorted list rather
    /// than a set: no tree code of its own in the browser bundle).
    legacy: Vec<String>,
}

impl UsccPolicy {
    /// The policy with no exceptions.
    pub fn none() -> &'static UsccPolicy {
        static NONE: UsccPolicy = UsccPolicy { legacy: Vec::new() };
        &NONE
    }

    /// Accepts this code as real despite a wrong final check character (early
    /// pilot regions issued some real codes that fail it), a division code
    /// unknown to GB/T 2260, or the shape of a resident ID number (a real code
    /// can have it by chance). Its findings say which check was overridden.
    pub fn allow_legacy(&mut self, code: &str) -> &mut Self {
        let code = normalize(code);
        if let Err(at) = self.legacy.binary_search(&code) {
            self.legacy.insert(at, code);
        }
        self
    }

    /// Whether the normalised code is on the legacy allow-list.
    pub fn is_legacy(&self, normalized: &str) -> bool {
        self.legacy
            .binary_search_by(|code| code.as_str().cmp(normalized))
            .is_ok()
    }
}

/// Symbol values by byte (upper and lower case), 0xFF outside the alphabet.
const VALUES: [u8; 256] = {
    let mut table = [0xFFu8; 256];
    let mut i = 0;
    while i < 31 {
        let symbol = ALPHABET[i];
        table[symbol as usize] = i as u8;
        table[symbol.to_ascii_lowercase() as usize] = i as u8;
        i += 1;
    }
    table
};

/// Whether `input` is a code without errors (warnings allowed) under no
/// legacy exceptions, without allocating: the verdict of [`check`] with
/// [`UsccPolicy::none`].
pub fn is_valid(input: &str) -> bool {
    let bytes = input.as_bytes();
    if bytes.len() == 18 {
        // The common case: exactly the 18 symbols, no separators to fold.
        let mut sum = 0u32;
        for (i, &b) in bytes[..17].iter().enumerate() {
            let v = VALUES[b as usize];
            if v == 0xFF || (1..8).contains(&i) && !b.is_ascii_digit() {
                return is_valid_folded(input);
            }
            sum += u32::from(v) * WEIGHTS[i];
        }
        let check = ALPHABET[((31 - sum % 31) % 31) as usize];
        if bytes[17].to_ascii_uppercase() != check || !is_possible_division(&bytes[2..8]) {
            return false;
        }
        // A resident ID number starts with a province and has digits up to
        // position 17 (positions 2–8 are digits already): enterprises (91…)
        // and codes with letters never get further.
        let id_like = is_province_prefix(bytes) && bytes[8..17].iter().all(u8::is_ascii_digit);
        return !id_like || !is_resident_id_folded(bytes);
    }
    is_valid_folded(input)
}

fn is_valid_folded(input: &str) -> bool {
    let mut code = [0u8; 18];
    let mut len = 0;
    for c in input.chars().filter_map(fold) {
        if len == 18 || !c.is_ascii() {
            return false;
        }
        code[len] = c as u8;
        len += 1;
    }
    len == 18
        && code[1..8].iter().all(u8::is_ascii_digit)
        && value(code[0]).is_some()
        && check_character(&code[..17]) == Some(code[17])
        && is_possible_division(&code[2..8])
        && !is_resident_id(&code)
}

/// [`is_resident_id`] of 18 bytes whose last one may still be a lower-case `x`.
fn is_resident_id_folded(bytes: &[u8]) -> bool {
    let mut code = [0u8; 18];
    code.copy_from_slice(bytes);
    code[17] = code[17].to_ascii_uppercase();
    is_resident_id(&code)
}

/// Whether positions 3–8 can be a registering authority's division: a
/// province-level prefix of GB/T 2260, or the national `100000`.
#[inline]
fn is_possible_division(division: &[u8]) -> bool {
    is_province_prefix(division) || division == NATIONAL
}

/// Checks `input`, adding findings at `path` to `report`; returns the
/// normalised code when it has no error.
pub fn check(input: &str, policy: &UsccPolicy, path: &Path, report: &mut Report) -> Option<Uscc> {
    let normalized = normalize(input);
    let chars: Vec<char> = normalized.chars().collect();
    if chars.is_empty() {
        report.add(Code::Required, path.clone());
        return None;
    }
    if chars.len() != 18 {
        report.push(Finding::new(Code::UsccLength, path.clone()).with("length", chars.len()));
        return None;
    }
    let bytes = normalized.as_bytes();
    let legacy = policy.is_legacy(&normalized);
    if is_resident_id(bytes) {
        if !legacy {
            // Personal data: the finding quotes nothing of the number.
            report.add(Code::UsccResidentId, path.clone());
            return None;
        }
        report.add(Code::UsccResidentIdOverridden, path.clone());
    }
    let mut ok = true;
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii() || value(c as u8).is_none() {
            let shown = if c.is_ascii_graphic() || !c.is_control() {
                c
            } else {
                '?'
            };
            report.push(
                Finding::new(Code::UsccCharset, path.clone())
                    .with("position", i + 1)
                    .with("character", shown),
            );
            ok = false;
        } else if (1..8).contains(&i) && !c.is_ascii_digit() {
            report.push(Finding::new(Code::UsccFormat, path.clone()).with("position", i + 1));
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    let expected = check_character(&bytes[..17])?;
    if expected != bytes[17] {
        if legacy {
            report.add(Code::UsccChecksumOverridden, path.clone());
        } else {
            report.push(
                Finding::new(Code::UsccChecksum, path.clone())
                    .with("expected", char::from(expected)),
            );
            return None;
        }
    }
    if !is_possible_division(&bytes[2..8]) {
        let code = if legacy {
            Code::UsccDivisionOverridden
        } else {
            Code::UsccDivision
        };
        report.push(Finding::new(code, path.clone()).with("prefix", &normalized[2..4]));
        if !legacy {
            return None;
        }
    }
    match known_types(bytes[0]) {
        None => report.push(
            Finding::new(Code::UsccUnknownAuthority, path.clone())
                .with("authority", char::from(bytes[0])),
        ),
        Some(types) if !types.contains(&bytes[1]) => report.push(
            Finding::new(Code::UsccUnknownType, path.clone())
                .with("authority", char::from(bytes[0]))
                .with("org_type", char::from(bytes[1])),
        ),
        Some(_) => {}
    }
    if let Some(org_check) = org_code_check_character(&bytes[8..16]) {
        if org_check != bytes[16] {
            report.push(
                Finding::new(Code::UsccOrgCodeChecksum, path.clone())
                    .with("expected", char::from(org_check)),
            );
        }
    }
    Some(Uscc(normalized))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a code with a correct final check from 17 symbols.
    fn complete(first17: &str) -> String {
        let check = check_character(first17.as_bytes()).unwrap();
        format!("{first17}{}", char::from(check))
    }

    fn codes(input: &str) -> Vec<Code> {
        let mut report = Report::new();
        check(input, &UsccPolicy::default(), &Path::root(), &mut report);
        report.findings().iter().map(|f| f.code).collect()
    }

    #[test]
    fn alphabet_values_match_positions() {
        for (i, &symbol) in ALPHABET.iter().enumerate() {
            assert_eq!(value(symbol), Some(i as u32));
        }
        for bad in [b'I', b'O', b'Z', b'S', b'V', b'a', b'-'] {
            assert_eq!(value(bad), None);
        }
        for (i, w) in WEIGHTS.iter().enumerate() {
            assert_eq!(*w, 3u32.pow(i as u32) % 31);
        }
    }

    #[test]
    fn accepts_published_code() {
        // The example in GB 32100 material and python-stdnum's docs.
        assert!(codes("91110000600037341L").is_empty());
        assert!(is_valid("91110000600037341L"));
        assert!(is_valid(" 9111 0000-6000 3734 1l "));
        assert!(is_valid("９１１１００００６０００３７３４１Ｌ"));
        assert!(is_valid("91110000600037341L\u{a0}"));
        assert!(is_valid("9111\u{2009}0000\u{2212}600037341l"));
        assert!(!is_valid("9111000060003734IL"));
        assert!(!is_valid("9A1100006000373411"));
    }

    #[test]
    fn errors_on_length_alphabet_digits_and_check() {
        assert_eq!(codes("12345"), [Code::UsccLength]);
        assert_eq!(codes(""), [Code::Required]);
        assert_eq!(codes("91110000600037341I"), [Code::UsccCharset]);
        assert_eq!(codes("9A110000600037341L"), [Code::UsccFormat]);
        assert_eq!(codes("91110000600037341M"), [Code::UsccChecksum]);
        assert!(!is_valid("91110000600037341M"));
        assert!(!is_valid("9111000060003734中L"));
    }

    #[test]
    fn letter_authorities_are_legal() {
        for authority in ['A', 'N', 'Y'] {
            let code = complete(&format!("{authority}1440300MA5D12345"));
            let found = codes(&code);
            assert!(
                !found.contains(&Code::UsccUnknownAuthority),
                "{code}: {found:?}"
            );
            assert!(is_valid(&code));
        }
    }

    #[test]
    fn warns_on_unknown_authority_type_and_org_code() {
        assert!(codes(&complete("B1440300MA5D1234X")).contains(&Code::UsccUnknownAuthority));
        assert!(codes(&complete("97440300MA5D1234X")).contains(&Code::UsccUnknownType));
        // 60003734 has organization check 1 (as in the published code); 2 is wrong.
        assert_eq!(
            codes(&complete("91110000600037342")),
            [Code::UsccOrgCodeChecksum]
        );
    }

    #[test]
    fn legacy_codes_pass_with_a_recorded_warning() {
        let mut policy = UsccPolicy::default();
        policy.allow_legacy("91110000600037341M");
        let mut report = Report::new();
        let code = check("91110000600037341M", &policy, &Path::root(), &mut report);
        assert!(code.is_some());
        assert!(report.is_valid());
        assert!(report.has(Code::UsccChecksumOverridden));
    }

    #[test]
    fn division_prefix_must_name_a_province_level_division() {
        // Shenzhen codes carry the city's 440300; a district's code passes too.
        assert!(codes("91440300MA5FUTN418").is_empty());
        assert!(codes(&complete("91440308MA5FUTN41")).is_empty());
        // National registrations, Taiwan, Hong Kong and Macau.
        for division in ["100000", "710000", "810000", "820000", "659001"] {
            let code = complete(&format!("51{division}MJ0000018"));
            assert!(codes(&code).is_empty(), "{code}: {:?}", codes(&code));
            assert!(is_valid(&code), "{code}");
        }
        for division in ["470300", "000000", "100100", "990000", "010219"] {
            let code = complete(&format!("91{division}MA5FUTN41"));
            let mut report = Report::new();
            assert!(check(&code, UsccPolicy::none(), &Path::root(), &mut report).is_none());
            assert_eq!(report.findings().len(), 1, "{code}");
            let finding = &report.findings()[0];
            assert_eq!(finding.code, Code::UsccDivision);
            assert_eq!(finding.params["prefix"], division[..2].into());
            assert!(!is_valid(&code), "{code}");
            assert!(!is_valid(&code.to_lowercase()), "{code}");
            assert!(!is_valid(&format!(" {code} ")), "{code}");
        }
        // A wrong check character is reported first, alone.
        assert_eq!(codes("91470300MA5FUTN41M"), [Code::UsccChecksum]);
    }

    #[test]
    fn resident_id_numbers_are_refused_without_quoting_them() {
        // Passes the code's check character (and its division would too were
        // 01 a province): only the ID-number finding, with no parameter.
        let id = "320102199409116943";
        assert_eq!(check_character(&id.as_bytes()[..17]), Some(b'3'));
        let mut report = Report::new();
        assert!(check(id, UsccPolicy::none(), &Path::root(), &mut report).is_none());
        assert_eq!(report.findings().len(), 1);
        assert_eq!(report.findings()[0].code, Code::UsccResidentId);
        assert!(report.findings()[0].params.is_empty());
        assert!(!is_valid(id));
        assert!(!is_valid("3201 0219 9409 1169 43"));
        // One that fails the code's check character is named for what it is too.
        assert_eq!(codes("360426199101010071"), [Code::UsccResidentId]);
        assert_eq!(codes("44030819900101005x"), [Code::UsccResidentId]);
        // Not a resident ID: a wrong MOD 11-2 character, an impossible date.
        assert_eq!(codes("320102199409116942"), [Code::UsccChecksum]);
        assert!(!codes(&complete("32010219941311694")).contains(&Code::UsccResidentId));
    }

    #[test]
    fn the_allow_list_turns_each_override_into_a_recorded_warning() {
        let division = complete("91470300MA5FUTN41");
        // A real code with a resident ID's shape: 1 2 120119 (蓟州区) 40110113 6 7.
        let id_shaped = "121201194011011367";
        assert!(super::is_resident_id(id_shaped.as_bytes()));
        assert_eq!(codes(id_shaped), [Code::UsccResidentId]);
        let mut policy = UsccPolicy::default();
        policy.allow_legacy(&division).allow_legacy(id_shaped);
        for (code, expected) in [
            (division.as_str(), Code::UsccDivisionOverridden),
            (id_shaped, Code::UsccResidentIdOverridden),
        ] {
            let mut report = Report::new();
            assert!(check(code, &policy, &Path::root(), &mut report).is_some());
            assert!(report.is_valid());
            let found: Vec<Code> = report.findings().iter().map(|f| f.code).collect();
            assert_eq!(found, [expected], "{code}");
            assert!(!is_valid(code), "is_valid knows no exceptions: {code}");
        }
        // Both overrides at once when the check character is wrong too.
        let both = format!("{}M", &division[..17]);
        policy.allow_legacy(&both);
        let mut report = Report::new();
        assert!(check(&both, &policy, &Path::root(), &mut report).is_some());
        let found: Vec<Code> = report.findings().iter().map(|f| f.code).collect();
        assert_eq!(
            found,
            [Code::UsccChecksumOverridden, Code::UsccDivisionOverridden]
        );
    }

    #[test]
    fn org_code_check_follows_gb_11714() {
        assert_eq!(org_code_check_character(b"60003734"), Some(b'1'));
        assert_eq!(org_code_check_character(b"D2670596"), Some(b'X'));
        assert_eq!(org_code_check_character(b"d2670596"), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]
        /// The allocation-free check gives the verdict of the full one (the
        /// fuzz target's property), on codes near the new checks: resident ID
        /// numbers (some with a lower-case x), any division, letters, spaces.
        #[test]
        fn is_valid_agrees_with_check(
            first17 in "(11|32|44|51|82|91|N1)[0-9]{4}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])[0-9]{3}|[1-9ANY][0-9]{7}[0-9A-HJ-NP-RTUW-Y]{9}",
            end in 0..4u8,
            lower in proptest::bool::ANY,
            spaced in proptest::bool::ANY,
        ) {
            use super::super::resident_id::check_character as id_check;
            let mut first17 = first17.into_bytes();
            let last = match end {
                0 => check_character(&first17),
                1 => id_check(&first17),
                2 => Some(b'X'),
                // Both check characters at once, as 320102199409116943 has
                // them: vary the sequence number's last digit.
                _ => (b'0'..=b'9')
                    .find_map(|d| {
                        first17[16] = d;
                        let both = check_character(&first17);
                        (both.is_some() && both == id_check(&first17)).then_some(both?)
                    })
                    .or_else(|| check_character(&first17)),
            };
            let first17 = String::from_utf8(first17).unwrap_or_default();
            let mut code = format!("{first17}{}", char::from(last.unwrap_or(b'0')));
            if lower {
                code = code.to_lowercase();
            }
            if spaced {
                code.insert(6, ' ');
            }
            let mut report = Report::new();
            let checked = check(&code, UsccPolicy::none(), &Path::root(), &mut report);
            let valid = checked.is_some() && report.is_valid();
            proptest::prop_assert_eq!(is_valid(&code), valid, "{}", code);
        }
    }
}
