//! Cells as a host read them, and identifiers a spreadsheet damaged by
//! storing them as numbers.
//!
//! Excel and LibreOffice keep a number to 15 significant digits and drop its
//! leading zeros. An 18-character all-digit USCC typed into a General-format
//! cell is stored as `914403001234567000` (shown `9.14403E+17`); the industry
//! code `0511` (GB/T 4754 divisions 01–09 start with 0) becomes `511`, which
//! is another valid code; the landline `075525551234` becomes `75525551234`.
//! What was typed cannot be recovered, and a check of what is left either
//! accepts another enterprise's code or proposes a new check character.
//! Such cells are refused with [`Code::StoredAsNumber`](crate::Code::StoredAsNumber).
//!
//! A cell counts as stored as a number when
//! - the host says so: a workbook cell of numeric type ([`Cell::Number`]);
//! - or its text has the shape a spreadsheet writes for a number too wide for
//!   its cell: digits, an optional decimal part, `E`, a sign and the exponent
//!   (`9.14403E+17`, `7.55256E+10`). This is the only evidence a CSV or
//!   tab-separated export keeps; a sign after the `E` is required, so that a
//!   real code such as `9144030012345E6789` is never mistaken for one.
//!
//! Which numbers are refused, by column:
//! - USCC: a number of 16 or more digits (10¹⁵ or more): its digits past the
//!   15th were zeroed.
//! - Contact and liaison phone numbers: a number of 16 or more digits, and a
//!   number of 9 or more digits that starts with neither `1` (a mobile number)
//!   nor `86` (a country code): a mainland landline with its area code starts
//!   with the trunk `0`, which a number cannot keep. A mobile number or an
//!   8-digit Shenzhen number stored as a number is read as usual.
//! - Industry codes: a number of fewer than 4 digits (`511` may be `0511`,
//!   `51` may be `051`, `5` may be `05`) or of 16 or more. A 4-digit number
//!   cannot have lost a zero: codes have at most 4 digits.
//!
//! Every other column reads a number as the text a person sees: a whole
//! number without `.0`.

use super::Column;

/// One cell of a roster row, as the host read it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// Text as typed (every CSV cell; a workbook's text, date or other cell
    /// as the text a person sees).
    Text(&'a str),
    /// A workbook cell of numeric type, as stored.
    Number(f64),
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(text: &'a str) -> Self {
        Cell::Text(text)
    }
}

/// Numbers from here on have 16 or more digits: more than a spreadsheet keeps.
const KEPT: f64 = 1e15;

/// A number as the text a person sees: whole numbers without `.0` (phone
/// numbers and counts are often stored as numbers), others as Rust prints them.
pub fn number_text(number: f64) -> String {
    if number.is_finite() && number.fract() == 0.0 && number.abs() < KEPT {
        // Exact: a whole number below 10^15 fits an i64.
        format!("{}", number as i64)
    } else {
        number.to_string()
    }
}

/// Whether `text` has the shape a spreadsheet writes for a wide number:
/// `[+-]digits[.digits](E|e)(+|-)digits`, spaces around it ignored.
pub fn is_scientific(text: &str) -> bool {
    let text = text.trim();
    let text = text.strip_prefix(['+', '-']).unwrap_or(text);
    let Some((mantissa, exponent)) = text.split_once(['E', 'e']) else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(mantissa),
    };
    let exponent_ok = exponent
        .strip_prefix(['+', '-'])
        .is_some_and(|e| digits(e) && e.len() <= 3);
    mantissa_ok && exponent_ok
}

/// Whether the cell of an identifier column holds a value the spreadsheet
/// stored as a number and so may have changed (the rules of the module
/// documentation). Columns that hold no identifier never do.
pub fn stored_as_number(column: Column, cell: Cell<'_>) -> bool {
    let identifier = matches!(
        column,
        Column::Uscc | Column::ContactPhone | Column::LiaisonPhone | Column::IndustryCodes
    );
    if !identifier {
        return false;
    }
    let number = match cell {
        Cell::Text(text) => return is_scientific(text),
        Cell::Number(number) => number,
    };
    if !number.is_finite() || number.abs() >= KEPT {
        return true;
    }
    if number.fract() != 0.0 || number < 0.0 {
        // Not a code in any form: the field's own check names it.
        return false;
    }
    let digits = number_text(number);
    match column {
        Column::ContactPhone | Column::LiaisonPhone => {
            digits.len() >= 9 && !digits.starts_with('1') && !digits.starts_with("86")
        }
        Column::IndustryCodes => digits.len() < 4,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_see_them() {
        assert_eq!(number_text(13800138000.0), "13800138000");
        assert_eq!(number_text(12000.5), "12000.5");
        assert_eq!(number_text(914403001234567000.0), "914403001234567000");
    }

    #[test]
    fn the_shape_of_a_wide_number() {
        for wide in [
            "9.14403E+17",
            "9.14403e+17",
            " 7.55256E+10 ",
            "9E+17",
            "-1.5E-03",
        ] {
            assert!(is_scientific(wide), "{wide}");
        }
        for typed in [
            "9144030012345E6789",
            "91440300MA5FUTN418",
            "9.14403E17",
            "E+17",
            "9.E+17",
            "13800138000",
            "",
        ] {
            assert!(!is_scientific(typed), "{typed}");
        }
    }

    #[test]
    fn identifiers_damaged_by_a_number_cell() {
        use Cell::{Number, Text};
        let damaged = |column, cell| stored_as_number(column, cell);
        // The USCC keeps 15 digits: 914403001234567891 became ...567000.
        assert!(damaged(Column::Uscc, Number(914403001234567000.0)));
        assert!(damaged(Column::Uscc, Text("9.14403E+17")));
        assert!(!damaged(Column::Uscc, Text("91440300MA5FUTN418")));
        assert!(
            !damaged(Column::Uscc, Number(12345.0)),
            "uscc_length says it"
        );
        // A mobile number as a number is whole; a landline lost its trunk 0.
        assert!(!damaged(Column::ContactPhone, Number(13800138000.0)));
        assert!(!damaged(Column::ContactPhone, Number(25551234.0)));
        assert!(!damaged(Column::LiaisonPhone, Number(8613800138000.0)));
        assert!(damaged(Column::ContactPhone, Number(75525551234.0)));
        assert!(damaged(Column::LiaisonPhone, Number(2012345678.0)));
        assert!(damaged(Column::LiaisonPhone, Text("7.55256E+10")));
        // Industry codes: only four digits cannot have lost a leading zero.
        assert!(!damaged(Column::IndustryCodes, Number(2438.0)));
        for short in [511.0, 51.0, 5.0] {
            assert!(damaged(Column::IndustryCodes, Number(short)), "{short}");
        }
        // Other columns read numbers as numbers.
        assert!(!damaged(Column::Employees, Number(1e16)));
        assert!(!damaged(Column::Name, Text("9.14403E+17")));
    }
}
