//! Dates in every format seen in dockets, releases and referral tables, as days since
//! 1970-01-01 with a precision and a day/month ambiguity flag.
//!
//! STUB: the parser is being written (issue 2); the types are the contract.

use serde::{Deserialize, Serialize};

/// How much of the date was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// Year, month and day.
    Day,
    /// Year and month (day set to 1).
    Month,
    /// Year only (month and day set to 1).
    Year,
}

/// A parsed date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ParsedDate {
    /// Days since 1970-01-01 (negative before).
    pub days: i32,
    /// How much was given.
    pub precision: Precision,
    /// True when day and month could be read either way (`05/10/2020`).
    pub ambiguous: bool,
}

/// How to read numeric dates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateOptions {
    /// Read `05/10/2020` as 5 October (day first) instead of May 10 (month first, the US default).
    pub day_first: bool,
    /// Days since epoch that relative words (`today`, `last Thursday`) resolve against; without
    /// it they parse to nothing.
    pub reference: Option<i32>,
}

/// Parse a date; `None` when it cannot be read.
pub fn parse_date(raw: &str, options: &DateOptions) -> Option<ParsedDate> {
    let _ = (raw, options);
    None
}

/// Days since 1970-01-01 of a proleptic Gregorian date (no validation).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    // Howard Hinnant's algorithm.
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The (year, month, day) of a day number.
pub fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// ISO 8601 text (`2020-10-05`) of a day number.
///
/// ```
/// use caselink::normalize::date::{days_from_civil, iso};
/// assert_eq!(iso(days_from_civil(2020, 10, 5)), "2020-10-05");
/// assert_eq!(days_from_civil(1970, 1, 1), 0);
/// ```
pub fn iso(days: i32) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The JSON that `caselink normalize date` prints.
pub fn describe(raw: &str, options: &DateOptions) -> serde_json::Value {
    match parse_date(raw, options) {
        Some(p) => {
            serde_json::json!({"input": raw, "date": iso(p.days), "days": p.days, "precision": p.precision, "ambiguous": p.ambiguous})
        }
        None => serde_json::json!({"input": raw, "date": null, "days": null, "precision": null, "ambiguous": null}),
    }
}
