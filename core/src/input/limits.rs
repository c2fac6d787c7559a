//! Small readers shared by the outreach records (pairings, centres, usage,
//! bookings): lengths of text, whole numbers in a range, and dates, each a
//! finding at its path when it does not fit.

use chrono::NaiveDate;

use super::Fields;
use crate::findings::{Code, Finding, Path, Report};
use crate::ident::parse_date;

/// Whether `text` has `min..=max` characters; otherwise a `too_short` or
/// `too_long` finding at `path`.
pub fn length(text: &str, (min, max): (u64, u64), path: Path, report: &mut Report) -> bool {
    let count = text.chars().count() as u64;
    if count < min {
        report.push(Finding::new(Code::TooShort, path).with("min", min));
        false
    } else if count > max {
        report.push(Finding::new(Code::TooLong, path).with("max", max));
        false
    } else {
        true
    }
}

impl<'a> Fields<'a> {
    /// A whole number in `min..=max`; outside, an `out_of_range` finding.
    pub fn count_within(
        &self,
        key: &'static str,
        required: bool,
        (min, max): (i64, i64),
        report: &mut Report,
    ) -> Option<u32> {
        let n = self.integer(key, required, report)?;
        if n < min || n > max {
            report.push(
                Finding::new(Code::OutOfRange, self.path(key))
                    .with("min", min)
                    .with("max", max),
            );
            return None;
        }
        u32::try_from(n).ok()
    }

    /// A date in `YYYY-MM-DD` form; anything else a `date_invalid` finding.
    pub fn date(
        &self,
        key: &'static str,
        required: bool,
        report: &mut Report,
    ) -> Option<NaiveDate> {
        let text = self.text(key, required, report)?;
        let date = parse_date(&text);
        if date.is_none() {
            report.add(Code::DateInvalid, self.path(key));
        }
        date
    }
}
