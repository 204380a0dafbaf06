//! Dates in every format seen in dockets, releases and referral tables, as days since
//! 1970-01-01 with a precision and a day/month ambiguity flag.
//!
//! The parser is a hand-written tokenizer plus a few fixed shapes (no regex), because it runs
//! once per record on millions of records. Policies, all deliberate:
//! - Two-digit years pivot at 70: `00`–`69` → 2000–2069, `70`–`99` → 1970–1999.
//! - Numeric `a/b/yyyy` is read month-first unless [`DateOptions::day_first`]; when only one
//!   reading is a valid date that reading is used whatever the policy, and
//!   [`ParsedDate::ambiguous`] is set only when both readings are valid and different.
//! - A time of day (`T14:03:00Z`, `14:03 pm`, `+05:30`) is checked loosely and then ignored: the
//!   calendar date is the one written, with no time-zone conversion.
//! - Relative words resolve only against [`DateOptions::reference`]: `today`, `yesterday`,
//!   `tomorrow`; `<weekday>` and `on <weekday>` are the most recent such day on or before the
//!   reference; `last <weekday>` is the most recent one strictly before it (said on a Thursday,
//!   "last Thursday" means a week ago).
//! - Years 1..=9999 only; anything else, or any word the parser does not know, gives `None`.

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

/// Earliest accepted day number (0001-01-01).
const MIN_DAYS: i32 = -719_162;
/// Latest accepted day number (9999-12-31).
const MAX_DAYS: i32 = 2_932_896;
/// Inputs with more tokens than this are not dates (and the tokenizer needs no allocation).
const MAX_TOKENS: usize = 32;

impl ParsedDate {
    /// The day number with day and month swapped (`2020-05-10` → `2020-10-05`), when that is a
    /// valid, different date; `None` for month or year precision.
    ///
    /// ```
    /// use caselink::normalize::date::{days_from_civil, parse_date, DateOptions};
    /// let p = parse_date("2020-05-10", &DateOptions::default()).unwrap();
    /// assert_eq!(p.swapped(), Some(days_from_civil(2020, 10, 5)));
    /// assert_eq!(parse_date("2020-05-13", &DateOptions::default()).unwrap().swapped(), None);
    /// ```
    pub fn swapped(&self) -> Option<i32> {
        if self.precision != Precision::Day || !(MIN_DAYS..=MAX_DAYS).contains(&self.days) {
            return None;
        }
        let (y, m, d) = civil_from_days(self.days);
        if d > 12 || d == m {
            return None;
        }
        // The new day is the old month (1..=12), valid in every month.
        Some(days_from_civil(y, d, m))
    }
}

/// True when the year is a Gregorian leap year.
fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in month `m` of year `y` (0 for an invalid month).
fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// True when (y, m, d) is a real date in years 1..=9999.
fn valid(y: i32, m: u32, d: u32) -> bool {
    (1..=9999).contains(&y) && d >= 1 && d <= days_in_month(y, m)
}

/// Two-digit year pivot: 00–69 → 20xx, 70–99 → 19xx.
fn pivot(y2: u32) -> i32 {
    if y2 < 70 { 2000 + y2 as i32 } else { 1900 + y2 as i32 }
}

/// Strict `YYYY-MM-DD` → day number: the fast path for clean ISO columns.
///
/// ```
/// use caselink::normalize::date::{days_from_civil, parse_iso_days};
/// assert_eq!(parse_iso_days("2020-02-29"), Some(days_from_civil(2020, 2, 29)));
/// assert_eq!(parse_iso_days("2019-02-29"), None);
/// assert_eq!(parse_iso_days("2020-2-29"), None);
/// ```
pub fn parse_iso_days(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
    };
    let (y, m, d) = (num(0..4)? as i32, num(5..7)?, num(8..10)?);
    valid(y, m, d).then(|| days_from_civil(y, m, d))
}

/// A recognised word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    Month(u32),
    /// Monday = 0 … Sunday = 6.
    Weekday(i32),
    Today,
    Yesterday,
    Tomorrow,
    Last,
    On,
    The,
    Of,
    At,
    AmPm,
    /// `Z`, `UTC`, `GMT`, `EST`, …
    Zone,
    /// A single letter other than the ones above (`t` of ISO time, parts of `a.m.`).
    Letter(u8),
}

/// One token of a date string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// A run of digits: value (saturating) and number of digits (saturating).
    Num(u32, u8),
    /// A number with an ordinal suffix (`5th`).
    Ord(u32),
    Word(Word),
    Punct(u8),
}

/// Classify a lower-case letter run.
fn word(w: &[u8]) -> Option<Word> {
    use Word::*;
    Some(match w {
        b"jan" | b"january" => Month(1),
        b"feb" | b"february" => Month(2),
        b"mar" | b"march" => Month(3),
        b"apr" | b"april" => Month(4),
        b"may" => Month(5),
        b"jun" | b"june" => Month(6),
        b"jul" | b"july" => Month(7),
        b"aug" | b"august" => Month(8),
        b"sep" | b"sept" | b"september" => Month(9),
        b"oct" | b"october" => Month(10),
        b"nov" | b"november" => Month(11),
        b"dec" | b"december" => Month(12),
        b"mon" | b"monday" => Weekday(0),
        b"tue" | b"tues" | b"tuesday" => Weekday(1),
        b"wed" | b"weds" | b"wednesday" => Weekday(2),
        b"thu" | b"thur" | b"thurs" | b"thursday" => Weekday(3),
        b"fri" | b"friday" => Weekday(4),
        b"sat" | b"saturday" => Weekday(5),
        b"sun" | b"sunday" => Weekday(6),
        b"today" => Today,
        b"yesterday" => Yesterday,
        b"tomorrow" => Tomorrow,
        b"last" => Last,
        b"on" => On,
        b"the" => The,
        b"of" => Of,
        b"at" => At,
        b"am" | b"pm" => AmPm,
        b"z" | b"utc" | b"gmt" | b"est" | b"edt" | b"cst" | b"cdt" | b"mst" | b"mdt" | b"pst" | b"pdt" | b"akst"
        | b"akdt" | b"hst" => Zone,
        [c] => Letter(*c),
        _ => return None,
    })
}

/// Split ASCII text into at most [`MAX_TOKENS`] tokens; `None` on any unknown word or character.
fn tokenize(s: &[u8], out: &mut [Tok; MAX_TOKENS]) -> Option<usize> {
    let mut n = 0;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        let tok = if c.is_ascii_whitespace() {
            i += 1;
            continue;
        } else if c.is_ascii_digit() {
            let (mut v, mut len) = (0u32, 0u8);
            while i < s.len() && s[i].is_ascii_digit() {
                v = v.saturating_mul(10).saturating_add(u32::from(s[i] - b'0'));
                len = len.saturating_add(1);
                i += 1;
            }
            let rest = &s[i..];
            let suffix = rest.get(..2).map(|x| x.to_ascii_lowercase());
            let ordinal = matches!(suffix.as_deref(), Some(b"st" | b"nd" | b"rd" | b"th"))
                && !rest.get(2).is_some_and(|c| c.is_ascii_alphabetic());
            if ordinal && len <= 2 {
                i += 2;
                Tok::Ord(v)
            } else {
                Tok::Num(v, len)
            }
        } else if c.is_ascii_alphabetic() {
            let mut buf = [0u8; 10];
            let mut len = 0;
            while i < s.len() && s[i].is_ascii_alphabetic() {
                *buf.get_mut(len)? = s[i].to_ascii_lowercase();
                len += 1;
                i += 1;
            }
            Tok::Word(word(&buf[..len])?)
        } else if matches!(c, b'/' | b'-' | b'.' | b',' | b':' | b'\'' | b'+') {
            i += 1;
            Tok::Punct(c)
        } else {
            return None;
        };
        *out.get_mut(n)? = tok;
        n += 1;
    }
    Some(n)
}

/// Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday).
fn weekday(days: i32) -> i32 {
    (days + 3).rem_euclid(7)
}

/// Resolve a relative expression that makes up the whole input.
fn relative(t: &[Tok], reference: Option<i32>) -> Option<Option<i32>> {
    use Word::*;
    let delta_to = |r: i32, wd: i32| (weekday(r) - wd).rem_euclid(7);
    let f: fn(i32, i32, i32) -> Option<i32> = match t {
        [Tok::Word(Today)] => |r, _, _| Some(r),
        [Tok::Word(Yesterday)] => |r, _, _| r.checked_sub(1),
        [Tok::Word(Tomorrow)] => |r, _, _| r.checked_add(1),
        [Tok::Word(Weekday(_))] | [Tok::Word(On), Tok::Word(Weekday(_))] => |r, _, back| r.checked_sub(back),
        [Tok::Word(Last), Tok::Word(Weekday(_))] => |r, wd, _| {
            let y = r.checked_sub(1)?;
            y.checked_sub((weekday(y) - wd).rem_euclid(7))
        },
        _ => return None,
    };
    let wd = match t.last() {
        Some(Tok::Word(Weekday(w))) => *w,
        _ => 0,
    };
    Some(reference.and_then(|r| {
        if !(MIN_DAYS..=MAX_DAYS).contains(&r) {
            return None;
        }
        f(r, wd, delta_to(r, wd)).filter(|d| (MIN_DAYS..=MAX_DAYS).contains(d))
    }))
}

/// A date read from the front of the tokens: (year, month, day, precision, ambiguous, tokens used).
type Front = (i32, u32, u32, Precision, bool, usize);

/// A year at `t[i]`: four digits, or two digits (pivoted) when `short` allows, or `'yy`.
fn year_at(t: &[Tok], i: usize, short: bool) -> Option<(i32, usize)> {
    match (t.get(i)?, t.get(i + 1)) {
        (Tok::Num(v, 4), _) => Some((*v as i32, 1)),
        (Tok::Num(v, 2), _) if short => Some((pivot(*v), 1)),
        (Tok::Punct(b'\''), Some(Tok::Num(v, 2))) => Some((pivot(*v), 2)),
        _ => None,
    }
}

/// A day number at `t[i]`: `5`, `05`, `5th`.
fn day_at(t: &[Tok], i: usize) -> Option<u32> {
    match t.get(i)? {
        Tok::Num(v, 1 | 2) | Tok::Ord(v) => Some(*v),
        _ => None,
    }
}

/// Skip an optional token matching `p` at `t[i]`.
fn skip(t: &[Tok], i: usize, p: impl Fn(&Tok) -> bool) -> usize {
    if t.get(i).is_some_and(p) { i + 1 } else { i }
}

fn is_punct(tok: &Tok, set: &[u8]) -> bool {
    matches!(tok, Tok::Punct(c) if set.contains(c))
}

/// `Month[.] day[,] year`, `Month[.][,] year`, `Month-dd-yyyy`; `i` points after the month.
fn after_month(t: &[Tok], m: u32, i: usize) -> Option<Front> {
    let i = skip(t, i, |x| is_punct(x, b"."));
    // Oct-05-2020
    if let (Some(Tok::Punct(b'-')), Some(d), Some(Tok::Punct(b'-'))) = (t.get(i), day_at(t, i + 1), t.get(i + 2)) {
        let (y, n) = year_at(t, i + 3, true)?;
        return Some((y, m, d, Precision::Day, false, i + 3 + n));
    }
    if let Some(d) = day_at(t, i) {
        let j = skip(t, i + 1, |x| is_punct(x, b","));
        if let Some((y, n)) = year_at(t, j, true) {
            return Some((y, m, d, Precision::Day, false, j + n));
        }
    }
    let j = skip(t, i, |x| is_punct(x, b",") || *x == Tok::Word(Word::Of));
    let (y, n) = year_at(t, j, false)?;
    Some((y, m, 1, Precision::Month, false, j + n))
}

/// `5 October 2020`, `5th of Oct., 2020`, `05-Oct-20`; `i` points after the day.
fn after_day(t: &[Tok], d: u32, i: usize) -> Option<Front> {
    let dash = t.get(i).is_some_and(|x| is_punct(x, b"-"));
    let i = if dash { i + 1 } else { skip(t, i, |x| *x == Tok::Word(Word::Of)) };
    let Some(Tok::Word(Word::Month(m))) = t.get(i) else { return None };
    let j = skip(t, i + 1, |x| is_punct(x, b"."));
    let j = skip(t, j, |x| is_punct(x, if dash { b"-" } else { b"," }));
    let (y, n) = year_at(t, j, true)?;
    Some((y, *m, d, Precision::Day, false, j + n))
}

/// Numeric `a sep b sep year` under the day/month policy.
fn numeric(a: u32, b: u32, y: i32, day_first: bool) -> Option<(u32, u32, bool)> {
    let month_first_ok = valid(y, a, b);
    let day_first_ok = valid(y, b, a);
    match (month_first_ok, day_first_ok) {
        (true, true) if a == b => Some((a, b, false)),
        (true, true) if day_first => Some((b, a, true)),
        (true, true) => Some((a, b, true)),
        (true, false) => Some((a, b, false)),
        (false, true) => Some((b, a, false)),
        (false, false) => None,
    }
}

/// Read a date from the front of `t`.
fn front(t: &[Tok], day_first: bool) -> Option<Front> {
    let p = |i: usize| match t.get(i) {
        Some(Tok::Punct(c)) => Some(*c),
        _ => None,
    };
    let num = |i: usize| match t.get(i) {
        Some(Tok::Num(v, l)) => Some((*v, *l)),
        _ => None,
    };
    match t.first()? {
        Tok::Num(v, 8) => Some(((*v / 10_000) as i32, *v / 100 % 100, *v % 100, Precision::Day, false, 1)),
        Tok::Num(y, 4) => {
            let y = *y as i32;
            let s1 = p(1);
            match (s1, num(2)) {
                (Some(s @ (b'-' | b'/' | b'.')), Some((m, 1 | 2))) => {
                    if p(3) == Some(s) {
                        let (d, 1 | 2) = num(4)? else { return None };
                        Some((y, m, d, Precision::Day, false, 5))
                    } else if s != b'.' {
                        Some((y, m, 1, Precision::Month, false, 3))
                    } else {
                        None
                    }
                }
                (None, _) => match t.get(1) {
                    Some(Tok::Word(Word::Month(m))) => {
                        let i = skip(t, 2, |x| is_punct(x, b"."));
                        match day_at(t, i) {
                            Some(d) => Some((y, *m, d, Precision::Day, false, i + 1)),
                            None => Some((y, *m, 1, Precision::Month, false, i)),
                        }
                    }
                    _ => Some((y, 1, 1, Precision::Year, false, 1)),
                },
                _ => None,
            }
        }
        Tok::Num(a, 1 | 2) => {
            let a = *a;
            match (p(1), num(2)) {
                (Some(s @ (b'-' | b'/' | b'.')), Some((b, 1 | 2))) => {
                    if p(3) != Some(s) {
                        return None;
                    }
                    let (y, n) = year_at(t, 4, true)?;
                    if n != 1 {
                        return None;
                    }
                    let (m, d, amb) = numeric(a, b, y, day_first)?;
                    Some((y, m, d, Precision::Day, amb, 5))
                }
                (Some(b'-' | b'/' | b'.'), Some((y, 4))) => Some((y as i32, a, 1, Precision::Month, false, 3)),
                _ => after_day(t, a, 1),
            }
        }
        Tok::Ord(d) => after_day(t, *d, 1),
        Tok::Word(Word::The) => {
            let d = day_at(t, 1)?;
            let (y, m, d, pr, amb, n) = after_day(&t[1..], d, 1)?;
            Some((y, m, d, pr, amb, n + 1))
        }
        Tok::Word(Word::Month(m)) => after_month(t, *m, 1),
        _ => None,
    }
}

/// True when `t` is a time of day with optional am/pm and zone (`T14:03:00.5Z`, `, 2:15 p.m. EST`).
fn is_time(t: &[Tok]) -> bool {
    let mut i = skip(t, 0, |x| is_punct(x, b","));
    i = skip(t, i, |x| matches!(x, Tok::Word(Word::Letter(b't') | Word::At)));
    let two = |i: usize, max: u32| matches!(t.get(i), Some(Tok::Num(v, 2)) if *v <= max);
    if !matches!(t.get(i), Some(Tok::Num(h, 1 | 2)) if *h <= 24) || !is_punct_at(t, i + 1, b":") || !two(i + 2, 59) {
        return false;
    }
    i += 3;
    if is_punct_at(t, i, b":") && two(i + 1, 60) {
        i += 2;
        if is_punct_at(t, i, b".,") && matches!(t.get(i + 1), Some(Tok::Num(..))) {
            i += 2;
        }
    }
    // am / pm / a.m. / p.m.
    match t.get(i) {
        Some(Tok::Word(Word::AmPm)) => i = skip(t, i + 1, |x| is_punct(x, b".")),
        Some(Tok::Word(Word::Letter(b'a' | b'p'))) => {
            let j = skip(t, i + 1, |x| is_punct(x, b"."));
            if t.get(j) != Some(&Tok::Word(Word::Letter(b'm'))) {
                return false;
            }
            i = skip(t, j + 1, |x| is_punct(x, b"."));
        }
        _ => {}
    }
    i = skip(t, i, |x| *x == Tok::Word(Word::Zone));
    // Numeric offset: +05:30, -0500, +05
    if is_punct_at(t, i, b"+-") {
        match t.get(i + 1) {
            Some(Tok::Num(_, 4)) => i += 2,
            Some(Tok::Num(_, 2)) if is_punct_at(t, i + 2, b":") && two(i + 3, 59) => i += 4,
            Some(Tok::Num(_, 2)) => i += 2,
            _ => return false,
        }
    }
    i == t.len()
}

fn is_punct_at(t: &[Tok], i: usize, set: &[u8]) -> bool {
    t.get(i).is_some_and(|x| is_punct(x, set))
}

/// Parse a date; `None` when it cannot be read.
///
/// ```
/// use caselink::normalize::date::{iso, parse_date, DateOptions, Precision};
/// let us = DateOptions::default();
/// assert_eq!(iso(parse_date("Oct. 5, 2020", &us).unwrap().days), "2020-10-05");
/// let p = parse_date("05/10/2020", &us).unwrap();
/// assert_eq!((iso(p.days).as_str(), p.ambiguous), ("2020-05-10", true));
/// let uk = DateOptions { day_first: true, ..Default::default() };
/// assert_eq!(iso(parse_date("05/10/2020", &uk).unwrap().days), "2020-10-05");
/// assert_eq!(parse_date("October 2020", &us).unwrap().precision, Precision::Month);
/// assert!(parse_date("last Thursday", &us).is_none());
/// assert!(parse_date("sometime in 2019", &us).is_none());
/// ```
pub fn parse_date(raw: &str, options: &DateOptions) -> Option<ParsedDate> {
    if let Some(days) = parse_iso_days(raw) {
        return Some(ParsedDate { days, precision: Precision::Day, ambiguous: false });
    }
    if raw.is_ascii() {
        parse_ascii(raw.as_bytes(), options)
    } else {
        // En dashes, no-break spaces, full-width digits: fold to ASCII first.
        let folded = super::text::fold(raw);
        if !folded.is_ascii() {
            return None;
        }
        parse_ascii(folded.as_bytes(), options)
    }
}

fn parse_ascii(s: &[u8], options: &DateOptions) -> Option<ParsedDate> {
    let mut buf = [Tok::Punct(0); MAX_TOKENS];
    let n = tokenize(s, &mut buf)?;
    let mut t = &buf[..n];
    while let [rest @ .., Tok::Punct(b'.' | b',')] = t {
        t = rest;
    }
    if let Some(days) = relative(t, options.reference) {
        return days.map(|days| ParsedDate { days, precision: Precision::Day, ambiguous: false });
    }
    if let [Tok::Word(Word::On), rest @ ..] = t {
        t = rest;
    }
    // A weekday prefix is dropped; the written date wins if the two disagree.
    if let [Tok::Word(Word::Weekday(_)), rest @ ..] = t {
        t = rest;
        if let [Tok::Punct(b',' | b'.'), rest @ ..] = t {
            t = rest;
        }
    }
    let (y, m, d, precision, ambiguous, used) = front(t, options.day_first)?;
    let rest = &t[used..];
    if !(rest.is_empty() || (precision == Precision::Day && is_time(rest))) {
        return None;
    }
    valid(y, m, d).then(|| ParsedDate { days: days_from_civil(y, m, d), precision, ambiguous })
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
