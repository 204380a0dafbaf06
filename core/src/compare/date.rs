//! Date comparison on prepared dates: exact / day–month swapped / within N days (tightest
//! first) / within M months / else; or, with a directional `window = [a, b]`, in window
//! (right − left in `[a, b]` days, graded by `window_steps` on |right − left|) / else.

use super::{ELSE, Level, NULL};
use crate::normalize::date::{ParsedDate, Precision, civil_from_days, days_from_civil};

/// What a date comparison needs from its spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateConfig {
    /// Day thresholds, ascending.
    pub within_days: Vec<u32>,
    /// Month thresholds, ascending.
    pub within_months: Vec<u32>,
    /// Directional window on right − left, in days.
    pub window: Option<[i32; 2]>,
    /// Inside the window, extra levels for |right − left| ≤ each step (ascending).
    pub window_steps: Vec<u32>,
}

impl DateConfig {
    /// Labels of the levels above else.
    pub fn labels(&self) -> Vec<String> {
        if let Some([a, b]) = self.window {
            let mut v = vec![format!("in window [{a}, {b}] days")];
            v.extend(self.window_steps.iter().rev().map(|d| format!("in window, within {d} days")));
            return v;
        }
        let mut v: Vec<String> = self.within_months.iter().rev().map(|m| format!("within {m} months")).collect();
        v.extend(self.within_days.iter().rev().map(|d| format!("within {d} days")));
        v.push("day-month swapped".into());
        v.push("exact".into());
        v
    }
}

/// A date prepared for comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PreparedDate {
    /// Days since 1970-01-01.
    pub days: i32,
    /// How much of the date was given.
    pub precision: Precision,
    /// year × 12 + month − 1.
    pub month_index: i32,
    /// The same date with day and month exchanged, when that is a different valid date.
    pub swapped: Option<i32>,
}

impl PreparedDate {
    /// Prepare a parsed date.
    ///
    /// ```
    /// use caselink::compare::date::PreparedDate;
    /// use caselink::normalize::date::{ParsedDate, Precision, days_from_civil};
    /// let p = PreparedDate::new(ParsedDate { days: days_from_civil(2020, 3, 4), precision: Precision::Day, ambiguous: true });
    /// assert_eq!(p.swapped, Some(days_from_civil(2020, 4, 3)));
    /// ```
    pub fn new(p: ParsedDate) -> PreparedDate {
        let (y, m, d) = civil_from_days(p.days);
        let swapped = (p.precision == Precision::Day && d <= 12 && d != m).then(|| days_from_civil(y, d, m));
        PreparedDate { days: p.days, precision: p.precision, month_index: y * 12 + m as i32 - 1, swapped }
    }
}

/// Level of two prepared dates.
///
/// ```
/// use caselink::compare::date::{compare, DateConfig, PreparedDate};
/// use caselink::normalize::date::{ParsedDate, Precision, days_from_civil};
/// let d = |y, m, dd| Some(PreparedDate::new(ParsedDate { days: days_from_civil(y, m, dd), precision: Precision::Day, ambiguous: false }));
/// let c = DateConfig { within_days: vec![1, 30], within_months: vec![], window: None, window_steps: vec![] };
/// assert_eq!(compare(d(2020, 1, 5), d(2020, 1, 5), &c), 5);
/// assert_eq!(compare(d(2020, 1, 5), d(2020, 5, 1), &c), 4);
/// assert_eq!(compare(d(2020, 1, 5), d(2020, 1, 6), &c), 3);
/// assert_eq!(compare(d(2020, 1, 5), d(2020, 1, 25), &c), 2);
/// assert_eq!(compare(d(2020, 1, 5), d(2021, 1, 25), &c), 1);
/// assert_eq!(compare(None, d(2021, 1, 25), &c), 0);
/// ```
pub fn compare(a: Option<PreparedDate>, b: Option<PreparedDate>, c: &DateConfig) -> Level {
    let (Some(a), Some(b)) = (a, b) else { return NULL };
    if let Some([lo, hi]) = c.window {
        let diff = i64::from(b.days) - i64::from(a.days);
        if diff < i64::from(lo) || diff > i64::from(hi) {
            return ELSE;
        }
        let steps = c.window_steps.len();
        // Tightest step = highest level; in window but past every step = 2.
        let passed = c.window_steps.iter().take_while(|s| diff.unsigned_abs() > u64::from(**s)).count();
        return (2 + steps - passed) as Level;
    }
    let nm = c.within_months.len();
    let nd = c.within_days.len();
    let exact = (2 + nm + nd + 1) as Level;
    let swap = exact - 1;
    let coarse = a.precision != Precision::Day || b.precision != Precision::Day;
    if coarse {
        // Only as precise as the coarser side: agreement there is the weakest positive level.
        let agree = if a.precision == Precision::Year || b.precision == Precision::Year {
            a.month_index / 12 == b.month_index / 12
        } else {
            a.month_index == b.month_index
        };
        if agree {
            return if nm + nd > 0 { 2 } else { ELSE };
        }
    } else {
        if a.days == b.days {
            return exact;
        }
        if a.swapped == Some(b.days) || b.swapped == Some(a.days) {
            return swap;
        }
        let diff = (i64::from(a.days) - i64::from(b.days)).unsigned_abs();
        for (i, d) in c.within_days.iter().enumerate() {
            if diff <= u64::from(*d) {
                return (2 + nm + nd - 1 - i) as Level;
            }
        }
    }
    let mdiff = (i64::from(a.month_index) - i64::from(b.month_index)).unsigned_abs();
    for (i, m) in c.within_months.iter().enumerate() {
        if mdiff <= u64::from(*m) {
            return (2 + nm - 1 - i) as Level;
        }
    }
    ELSE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<PreparedDate> {
        Some(PreparedDate::new(ParsedDate {
            days: days_from_civil(y, m, d),
            precision: Precision::Day,
            ambiguous: false,
        }))
    }

    fn month(y: i32, m: u32) -> Option<PreparedDate> {
        Some(PreparedDate::new(ParsedDate {
            days: days_from_civil(y, m, 1),
            precision: Precision::Month,
            ambiguous: false,
        }))
    }

    #[test]
    fn levels_with_months() {
        let c = DateConfig { within_days: vec![1, 30], within_months: vec![12], window: None, window_steps: vec![] };
        let labels = c.labels();
        let label = |l: Level| labels[l as usize - 2].clone();
        assert_eq!(label(compare(day(2020, 2, 3), day(2020, 2, 3), &c)), "exact");
        assert_eq!(label(compare(day(2020, 2, 3), day(2020, 3, 2), &c)), "day-month swapped");
        assert_eq!(label(compare(day(2020, 2, 3), day(2020, 2, 2), &c)), "within 1 days");
        assert_eq!(label(compare(day(2020, 2, 3), day(2020, 2, 28), &c)), "within 30 days");
        assert_eq!(label(compare(day(2020, 2, 3), day(2020, 11, 28), &c)), "within 12 months");
        assert_eq!(compare(day(2020, 2, 3), day(2023, 11, 28), &c), ELSE);
        // 13 is not a month: no swap.
        assert_eq!(
            PreparedDate::new(ParsedDate {
                days: days_from_civil(2020, 1, 13),
                precision: Precision::Day,
                ambiguous: false
            })
            .swapped,
            None
        );
    }

    #[test]
    fn coarse_precision_agrees_weakly() {
        let c = DateConfig { within_days: vec![1, 30], within_months: vec![], window: None, window_steps: vec![] };
        assert_eq!(compare(month(2020, 2), day(2020, 2, 17), &c), 2);
        assert_eq!(compare(month(2020, 2), day(2020, 3, 1), &c), ELSE);
    }

    #[test]
    fn window_is_directional() {
        let c =
            DateConfig { within_days: vec![], within_months: vec![], window: Some([0, 1095]), window_steps: vec![] };
        assert_eq!(compare(day(2019, 1, 1), day(2020, 6, 1), &c), 2);
        assert_eq!(compare(day(2020, 6, 1), day(2019, 1, 1), &c), ELSE, "right before left is out of window");
        assert_eq!(compare(day(2010, 6, 1), day(2019, 1, 1), &c), ELSE);
        assert_eq!(compare(day(2019, 1, 1), day(2019, 1, 1), &c), 2, "window bounds are inclusive");
        assert_eq!(compare(None, day(2019, 1, 1), &c), NULL);
    }
}
