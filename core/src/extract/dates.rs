//! Date phrases in running text: "March 4, 2021", "Dec. 2, 2022", "JUN 2 2020", "5th day of May,
//! 2023", "March 2021", "today", "Tuesday". This finds the phrases in prose; the shared date
//! normalizer gives calendar spans their value. "5th day of May, 2023" (court orders) is the one
//! shape it does not parse, so that one is computed here.

use std::sync::LazyLock;

use regex::Regex;

use crate::normalize::date::{DateOptions, Precision, days_from_civil, parse_date};

const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(?P<dd>\d{{1,2}})(?:st|nd|rd|th)\s+day\s+of\s+(?P<dm>{MONTH}),?\s+(?P<dy>\d{{4}})|(?:(?:in|on)\s+)?(?P<m>{MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})|(?:(?:in|on)\s+)?(?P<mm>{MONTH})\.?,?\s+(?P<my>\d{{4}})|(?P<nm>\d{{1,2}})/(?P<nd>\d{{1,2}})/(?P<ny>\d{{4}})|(?P<rel>today|this\s+morning|this\s+afternoon|tonight|yesterday)|(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?-u:\b)in\s+(?P<im>{MONTH})(?-u:\b))"
    ))
    .expect("date regex")
});

/// A date phrase found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Byte span in the text.
    pub start: usize,
    /// End of the span.
    pub end: usize,
    /// What the phrase says.
    pub kind: Kind,
}

/// What a date phrase says, before any relative resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A calendar date or month.
    Absolute(i32, Precision),
    /// Days relative to the document date (0 = today, -1 = yesterday).
    Relative(i32),
    /// The latest such weekday (0 = Monday) on or before the document date.
    Weekday(u32),
    /// A month named without a year ("in March").
    MonthOnly(u32),
}

impl Found {
    /// Resolve to (days, precision) against the document date, when possible.
    pub fn resolve(&self, base: Option<i32>) -> Option<(i32, Precision)> {
        match self.kind {
            Kind::Absolute(d, p) => Some((d, p)),
            Kind::Relative(off) => base.map(|b| (b + off, Precision::Day)),
            Kind::Weekday(w) => base.map(|b| {
                // 1970-01-01 was a Thursday (weekday 3).
                let bw = (b + 3).rem_euclid(7) as u32;
                let back = (bw + 7 - w) % 7;
                (b - back as i32, Precision::Day)
            }),
            Kind::MonthOnly(m) => base.map(|b| {
                let (y, bm, _) = crate::normalize::date::civil_from_days(b);
                let y = if m <= bm { y } else { y - 1 };
                (days_from_civil(y, m, 1), Precision::Month)
            }),
        }
    }

    /// True for a full calendar date.
    pub fn is_full(&self) -> bool {
        matches!(self.kind, Kind::Absolute(_, Precision::Day))
    }
}

fn month_num(s: &str) -> Option<u32> {
    let l = s.get(..3)?.to_ascii_lowercase();
    let m = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .iter()
        .position(|x| *x == l)?;
    Some(m as u32 + 1)
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn valid(y: i32, m: u32, d: u32) -> Option<i32> {
    let dim = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    ((1900..=2100).contains(&y) && (1..=dim).contains(&d)).then(|| days_from_civil(y, m, d))
}

/// The value of a calendar date span, from the shared date normalizer (US month-first order).
fn parse(span: &str) -> Option<Kind> {
    let p = parse_date(span, &DateOptions::default())?;
    let (y, _, _) = crate::normalize::date::civil_from_days(p.days);
    (1900..=2100).contains(&y).then_some(Kind::Absolute(p.days, p.precision))
}

/// All date phrases in `text`, in order.
pub fn find_all(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    for c in DATE.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let kind = if let (Some(d), Some(m), Some(y)) = (c.name("dd"), c.name("dm"), c.name("dy")) {
            let (Some(mo), Ok(d), Ok(y)) = (month_num(m.as_str()), d.as_str().parse(), y.as_str().parse()) else {
                continue;
            };
            match valid(y, mo, d) {
                Some(days) => Kind::Absolute(days, Precision::Day),
                None => continue,
            }
        } else if let (Some(m), Some(y)) = (c.name("m").or(c.name("mm")), c.name("y").or(c.name("my"))) {
            // Month names are capitalised in prose; "may 5" lower case is a verb phrase.
            if !starts_upper(m.as_str()) {
                continue;
            }
            match parse(&text[m.start()..y.end()]) {
                Some(kind) => kind,
                None => continue,
            }
        } else if let (Some(m), Some(y)) = (c.name("nm"), c.name("ny")) {
            match parse(&text[m.start()..y.end()]) {
                Some(kind) => kind,
                None => continue,
            }
        } else if let Some(r) = c.name("rel") {
            Kind::Relative(if r.as_str().eq_ignore_ascii_case("yesterday") { -1 } else { 0 })
        } else if let Some(w) = c.name("wd") {
            let l = w.as_str().to_ascii_lowercase();
            let idx = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
                .iter()
                .position(|x| *x == l)
                .unwrap_or(0);
            Kind::Weekday(idx as u32)
        } else if let Some(m) = c.name("im") {
            if !starts_upper(m.as_str()) || m.as_str().eq_ignore_ascii_case("may") && m.as_str() != "May" {
                continue;
            }
            match month_num(m.as_str()) {
                Some(mo) => Kind::MonthOnly(mo),
                None => continue,
            }
        } else {
            continue;
        };
        out.push(Found { start: whole.start(), end: whole.end(), kind });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_absolute_and_relative_dates() {
        let f = find_all("On Dec. 2, 2022 and JUN 2 2020, this 5th day of May, 2023, in March 2021, today, Tuesday.");
        let abs: Vec<_> =
            f.iter().filter_map(|x| x.resolve(None)).map(|(d, _)| crate::normalize::date::iso(d)).collect();
        assert_eq!(abs, ["2022-12-02", "2020-06-02", "2023-05-05", "2021-03-01"]);
        let base = days_from_civil(2023, 7, 12); // a Wednesday
        let tue = f.iter().find(|x| matches!(x.kind, Kind::Weekday(1))).and_then(|x| x.resolve(Some(base)));
        assert_eq!(tue.map(|t| crate::normalize::date::iso(t.0)).as_deref(), Some("2023-07-11"));
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(find_all("February 30, 2021").iter().all(|f| !f.is_full()));
    }
}
