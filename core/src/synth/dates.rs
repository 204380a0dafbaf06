//! Civil dates as day numbers (days since 1970-01-01) and the spellings the generator writes.

use std::fmt::Write;

use super::rng::Rng;

/// Days since 1970-01-01 of the proleptic Gregorian date `y-m-d` (H. Hinnant's algorithm).
///
/// ```
/// use caselink::synth::dates::{days_from_civil, civil_from_days};
/// assert_eq!(days_from_civil(1970, 1, 1), 0);
/// assert_eq!(civil_from_days(days_from_civil(2020, 10, 5)), (2020, 10, 5));
/// ```
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as u32;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i32 - 719_468
}

/// The `(year, month, day)` of a day number.
pub fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = (z - era * 146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe as i32 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Whole years between `dob` and `on` (an age).
pub fn age_on(dob: i32, on: i32) -> i32 {
    let (y1, m1, d1) = civil_from_days(dob);
    let (y2, m2, d2) = civil_from_days(on);
    let mut age = y2 - y1;
    if (m2, d2) < (m1, d1) {
        age -= 1;
    }
    age
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_ABBR: [&str; 12] =
    ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];

/// How a date is spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// `2020-10-05`
    Iso,
    /// `October 5, 2020`
    Long,
    /// `Oct. 5, 2020` (AP style)
    Ap,
    /// `10/05/2020`
    Slash,
    /// `10/5/2020`
    SlashShort,
}

/// Append `day` to `buf` in `style`; `swap` writes the month where the day goes and vice versa
/// (only when both are ≤ 12, as a clerk's slip would).
pub fn write_date(buf: &mut String, day: i32, style: DateStyle, swap: bool) {
    let (y, mut m, mut d) = civil_from_days(day);
    if swap && d <= 12 && d != m {
        (m, d) = (d, m);
    }
    let mi = (m - 1) as usize;
    // Writing to a String cannot fail.
    let _ = match style {
        DateStyle::Iso => write!(buf, "{y:04}-{m:02}-{d:02}"),
        DateStyle::Long => write!(buf, "{} {d}, {y}", MONTHS[mi]),
        DateStyle::Ap => write!(buf, "{} {d}, {y}", MONTHS_ABBR[mi]),
        DateStyle::Slash => write!(buf, "{m:02}/{d:02}/{y}"),
        DateStyle::SlashShort => write!(buf, "{m}/{d}/{y}"),
    };
}

/// Append the ISO spelling of `day`.
pub fn write_iso(buf: &mut String, day: i32) {
    write_date(buf, day, DateStyle::Iso, false);
}

/// A press-release date style: ISO 40 %, long 30 %, AP 10 %, `10/05/2020` 15 %, `10/5/2020` 5 %.
pub fn release_style(rng: &mut Rng) -> DateStyle {
    match rng.below(100) {
        0..40 => DateStyle::Iso,
        40..70 => DateStyle::Long,
        70..80 => DateStyle::Ap,
        80..95 => DateStyle::Slash,
        _ => DateStyle::SlashShort,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_a_wide_range() {
        for z in (-40_000..40_000).step_by(37) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn spells_dates() {
        let day = days_from_civil(2020, 10, 5);
        let mut b = String::new();
        write_date(&mut b, day, DateStyle::Long, false);
        assert_eq!(b, "October 5, 2020");
        b.clear();
        write_date(&mut b, day, DateStyle::Slash, true);
        assert_eq!(b, "05/10/2020");
        assert_eq!(age_on(days_from_civil(1990, 10, 6), day), 29);
        assert_eq!(age_on(days_from_civil(1990, 10, 5), day), 30);
    }
}
