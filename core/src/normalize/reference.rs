//! Reference numbers: CyberTipline report numbers (8–9 digits) and federal docket numbers in
//! all their spellings (`3:18-CR-178-TAV-HBG`, `18-cr-178`, `3:CR-20-197`, `1:21cr123`, …),
//! canonicalised to `office:yy-type-nnnnn`.
//!
//! Policies: a CyberTipline number is 8 or 9 digits with no leading zero, written as one run of
//! digits — `12,345,678` is rejected, because tip numbers are identifiers that are never grouped
//! and a grouped number in text is almost always a count or an amount. Docket numbers drop the
//! judge initials and defendant number (`-TAV-HBG`, `-1`); a two-digit year is kept as written,
//! a four-digit one (`CR 2019-123`) is cut to two; case types are a closed list
//! (`cr mj cv po mc sw gj pt cm`, with `crim`, `mag`, `civ`, `misc` mapped onto them), so `No.
//! 18-123` alone is not a docket number unless the words before it say which kind
//! (`Criminal Action No. 11–10294–GAO`).

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// A federal docket number's parts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DocketNumber {
    /// Divisional office number (the `3` in `3:18-cr-178`), when written.
    pub office: Option<u8>,
    /// Two-digit year.
    pub year: u8,
    /// Case type, lower case: `cr`, `mj`, `cv`, `po`, …
    pub case_type: String,
    /// Sequence number.
    pub seq: u32,
}

impl DocketNumber {
    /// Canonical text: `3:18-cr-00178`, or `18-cr-00178` without an office.
    ///
    /// ```
    /// use caselink::normalize::reference::DocketNumber;
    /// let d = DocketNumber { office: Some(3), year: 18, case_type: "cr".into(), seq: 178 };
    /// assert_eq!(d.canonical(), "3:18-cr-00178");
    /// ```
    pub fn canonical(&self) -> String {
        match self.office {
            Some(o) => format!("{o}:{:02}-{}-{:05}", self.year, self.case_type, self.seq),
            None => format!("{:02}-{}-{:05}", self.year, self.case_type, self.seq),
        }
    }
}

/// A parsed reference number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reference {
    /// A CyberTipline report number.
    Cybertip {
        /// The number.
        number: u64,
    },
    /// A federal docket number.
    Docket(DocketNumber),
}

/// Words that may stand before a CyberTipline number in a field (`CyberTip Report #`, `NCMEC report`).
const TIP_WORDS: &[&str] = &[
    "ncmec",
    "cybertipline",
    "cybertip",
    "cyber",
    "tipline",
    "tip",
    "report",
    "rpt",
    "number",
    "num",
    "no",
    "nr",
    "ct",
    "id",
];

/// Parse a CyberTipline report number (8–9 digits, with or without `#`, `No.`, `CyberTip`).
///
/// ```
/// use caselink::normalize::reference::parse_cybertip;
/// assert_eq!(parse_cybertip("CyberTipline Report #12345678"), Some(12_345_678));
/// assert_eq!(parse_cybertip("CT#123456789"), Some(123_456_789));
/// assert_eq!(parse_cybertip("1234567"), None);
/// assert_eq!(parse_cybertip("12,345,678"), None);
/// ```
pub fn parse_cybertip(raw: &str) -> Option<u64> {
    let text = ascii_form(raw)?;
    let b = text.as_bytes();
    let mut i = 0;
    // Prefix: known words and `#`, `:`, `.`, `-`, in any order.
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || matches!(b[i], b'#' | b':' | b'.' | b'-')) {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphabetic() {
            i += 1;
        }
        if start == i {
            break;
        }
        let w = &text[start..i];
        if !TIP_WORDS.iter().any(|t| t.eq_ignore_ascii_case(w)) {
            return None;
        }
    }
    let start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let digits = &text[start..i];
    if !(8..=9).contains(&digits.len()) || digits.starts_with('0') {
        return None;
    }
    // Only whitespace and closing punctuation may follow.
    if !b[i..].iter().all(|c| c.is_ascii_whitespace() || matches!(c, b'.' | b',' | b';' | b')')) {
        return None;
    }
    digits.parse().ok()
}

/// `raw` as ASCII: folded (en dashes → `-`, full-width digits → ASCII) when it is not already.
fn ascii_form(raw: &str) -> Option<Cow<'_, str>> {
    if raw.is_ascii() {
        return Some(Cow::Borrowed(raw));
    }
    let folded = super::text::fold(raw);
    folded.is_ascii().then_some(Cow::Owned(folded))
}

/// Case types accepted, longest spelling first (the regex alternation is leftmost-first).
const TYPES: &str = "crim|cr|mag|mj|civ|cv|misc|mc|po|sw|gj|pt|cm";

/// Words before the number that say which kind of case it is (and so supply the type).
const KIND_WORDS: &str = concat!(
    r"(?P<kw>criminal|crim\.?|cr\.?|civil|civ\.?|magistrate|mag\.?|miscellaneous|misc\.?)",
    r"\s*(?:action|case|complaint|docket|matter|judgment)?\s*",
);

/// The regex body shared by the field parser and the text scanner.
fn docket_pattern() -> String {
    // `Criminal Action`, `D.C.`, `Case`, `No.` / `#`, in that order, each optional.
    let prefix = format!(
        r"(?:{KIND_WORDS})?(?:d\.\s?c\.\s*)?(?:(?:case|docket|dkt\.?)\s*)?(?:(?:nos?|nr|num|number)\.?\s*|\#\s*)?:?\s*"
    );
    let office = |n: u8| format!(r"(?:(?P<o{n}>\d{{1,2}})\s*:\s*)?");
    // 3:18-cr-178, 1:21cr123, 3:18 CR 435
    let year_first =
        format!(r"{}(?P<y1>\d{{4}}|\d{{2}})\s*[-\s]?\s*(?P<t1>{TYPES})\.?\s*[-\s]?\s*(?P<s1>\d{{1,5}})", office(1));
    // 3:CR-20-197, CR 19-123
    let type_first =
        format!(r"{}(?P<t2>{TYPES})\.?\s*[-\s]?\s*(?P<y2>\d{{4}}|\d{{2}})\s*[-\s]\s*(?P<s2>\d{{1,5}})", office(2));
    // 11-10294 (the type comes from the kind words)
    let untyped = format!(r"{}(?P<y3>\d{{2}})\s*-\s*(?P<s3>\d{{1,5}})", office(3));
    // Judge initials and defendant numbers: -TAV-HBG, -1
    let tail = r"(?:\s*-\s*(?:\d{1,3}|[a-z]{1,4})\b)*";
    format!("{prefix}(?:{year_first}|{type_first}|{untyped}){tail}")
}

/// A whole field holding one docket number.
static DOCKET_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^\s*{}\s*[.,;]?\s*$", docket_pattern())).expect("docket regex is valid")
});

/// Docket numbers inside free text.
static DOCKET_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b{}\b", docket_pattern())).expect("docket regex is valid"));

/// The canonical case type of a matched spelling.
fn case_type(t: &str) -> Option<&'static str> {
    Some(match t.to_ascii_lowercase().as_str() {
        "cr" | "crim" | "criminal" => "cr",
        "mj" | "mag" | "magistrate" => "mj",
        "cv" | "civ" | "civil" => "cv",
        "mc" | "misc" | "miscellaneous" => "mc",
        "po" => "po",
        "sw" => "sw",
        "gj" => "gj",
        "pt" => "pt",
        "cm" => "cm",
        _ => return None,
    })
}

/// Build a docket number from a match of [`docket_pattern`].
fn from_captures(c: &regex::Captures<'_>) -> Option<DocketNumber> {
    let g = |name: &str| c.name(name).map(|m| m.as_str());
    let (office, year, ty, seq) = if let Some(y) = g("y1") {
        (g("o1"), y, g("t1")?, g("s1")?)
    } else if let Some(y) = g("y2") {
        (g("o2"), y, g("t2")?, g("s2")?)
    } else {
        let kw = g("kw")?.trim_end_matches('.');
        (g("o3"), g("y3")?, kw, g("s3")?)
    };
    let office = match office {
        Some(o) => Some(o.parse::<u8>().ok().filter(|&o| o >= 1)?),
        None => None,
    };
    let year: u32 = year.parse().ok()?;
    let year = match year {
        0..=99 => year,
        1900..=2099 => year % 100,
        _ => return None,
    } as u8;
    let seq: u32 = seq.parse().ok().filter(|&s| s >= 1)?;
    Some(DocketNumber { office, year, case_type: case_type(ty.trim_end_matches('.'))?.to_string(), seq })
}

/// Parse a federal docket number.
///
/// ```
/// use caselink::normalize::reference::parse_docket;
/// assert_eq!(parse_docket("3:18-CR-178-TAV-HBG").unwrap().canonical(), "3:18-cr-00178");
/// assert_eq!(parse_docket("Criminal Action No. 11\u{2013}10294\u{2013}GAO").unwrap().canonical(), "11-cr-10294");
/// assert_eq!(parse_docket("1:21cr123").unwrap().canonical(), "1:21-cr-00123");
/// assert_eq!(parse_docket("No. 18-123"), None);
/// ```
pub fn parse_docket(raw: &str) -> Option<DocketNumber> {
    let text = docket_field(raw)?;
    // Most fields are written in a few plain shapes; reading those by hand is several times
    // faster than the regex (which gives the same answer on them), and a trace parses every
    // docket and release several times.
    common_docket(&text).or_else(|| docket_by_regex(&text))
}

/// [`parse_docket`] by the regex alone: the reference its fast path is tested against.
///
/// ```
/// use caselink::normalize::reference::{parse_docket, parse_docket_naive};
/// for s in ["3:18-CR-178-TAV-HBG", "Criminal Action No. 11-10294-GAO", "CR 19-123", "No. 18-123"] {
///     assert_eq!(parse_docket(s), parse_docket_naive(s));
/// }
/// ```
pub fn parse_docket_naive(raw: &str) -> Option<DocketNumber> {
    docket_by_regex(&docket_field(raw)?)
}

/// `raw` as ASCII, unless it cannot be a docket field.
fn docket_field(raw: &str) -> Option<Cow<'_, str>> {
    // Bound the work on absurd inputs; no docket field is this long.
    ascii_form(raw).filter(|text| text.len() <= 200)
}

fn docket_by_regex(text: &str) -> Option<DocketNumber> {
    // Every docket shape has a type letter or a `-`: skip the regex for bare numbers.
    if !text.bytes().any(|b| b == b'-' || b.is_ascii_alphabetic()) {
        return None;
    }
    from_captures(&DOCKET_FIELD.captures(text)?)
}

/// The plain shapes, read by hand: `[O:]YY[-| ]TYPE[-| ]SEQ` (`3:18-cr-00178`, `18 CR 435`,
/// `1:21cr123`) and `O:TYPE[-| ]YY(-| )SEQ` (`3:CR-20-197`), each followed by judge initials
/// and defendant numbers (`-TAV-HBG`, `-1`), with spaces around the whole. `None` means "not
/// one of these" (the regex decides), never "not a docket number"; a text it answers is one on
/// which the regex takes the same path (office first, the longest year, the whole type word),
/// so both give the same number (tested against [`parse_docket_naive`]).
fn common_docket(text: &str) -> Option<DocketNumber> {
    let b = text.trim_matches(' ').as_bytes();
    let mut at = 0;
    let run = |at: &mut usize, f: fn(&u8) -> bool| {
        let start = *at;
        while *at < b.len() && f(&b[*at]) {
            *at += 1;
        }
        &b[start..*at]
    };
    let sep = |at: &mut usize| {
        if *at < b.len() && matches!(b[*at], b'-' | b' ') {
            *at += 1;
            true
        } else {
            false
        }
    };
    let first = run(&mut at, u8::is_ascii_digit);
    let (office, year, ty) = if b.get(at) == Some(&b':') {
        if !(1..=2).contains(&first.len()) {
            return None;
        }
        at += 1;
        if b.get(at).is_some_and(u8::is_ascii_digit) {
            let year = run(&mut at, u8::is_ascii_digit);
            sep(&mut at);
            let ty = run(&mut at, u8::is_ascii_alphabetic);
            sep(&mut at);
            (Some(first), year, ty)
        } else {
            let ty = run(&mut at, u8::is_ascii_alphabetic);
            sep(&mut at);
            let year = run(&mut at, u8::is_ascii_digit);
            // Type first, the year and the sequence number must be apart.
            if !sep(&mut at) {
                return None;
            }
            (Some(first), year, ty)
        }
    } else {
        sep(&mut at);
        let ty = run(&mut at, u8::is_ascii_alphabetic);
        sep(&mut at);
        (None, first, ty)
    };
    if !matches!(year.len(), 2 | 4) {
        return None;
    }
    let case_type = TYPES.split('|').find(|t| t.as_bytes().eq_ignore_ascii_case(ty)).and_then(case_type)?;
    let seq = run(&mut at, u8::is_ascii_digit);
    if !(1..=5).contains(&seq.len()) {
        return None;
    }
    // Judge initials and defendant numbers, each ended by `-` or the end of the text.
    while at < b.len() {
        if b[at] != b'-' {
            return None;
        }
        at += 1;
        let part = run(&mut at, u8::is_ascii_alphanumeric);
        let ok = match part.len() {
            1..=3 if part.iter().all(u8::is_ascii_digit) => true,
            1..=4 => part.iter().all(u8::is_ascii_alphabetic),
            _ => false,
        };
        if !ok {
            return None;
        }
    }
    let number = |d: &[u8]| d.iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0'));
    let office = match office {
        Some(o) => Some(u8::try_from(number(o)).ok().filter(|&o| o >= 1)?),
        None => None,
    };
    let year = match number(year) {
        y @ 0..=99 => y,
        y @ 1900..=2099 => y % 100,
        _ => return None,
    } as u8;
    let seq = Some(number(seq)).filter(|&s| s >= 1)?;
    Some(DocketNumber { office, year, case_type: case_type.to_string(), seq })
}

/// Every docket number in free text, in order of first appearance, without repeats.
///
/// ```
/// use caselink::normalize::reference::find_dockets;
/// let found = find_dockets("Case No. 3:18-cr-00178-TAV (E.D. Tenn.), related to 1:21-mj-123.");
/// let texts: Vec<String> = found.iter().map(|d| d.canonical()).collect();
/// assert_eq!(texts, ["3:18-cr-00178", "1:21-mj-00123"]);
/// ```
pub fn find_dockets(text: &str) -> Vec<DocketNumber> {
    let text: Cow<'_, str> = if text.is_ascii() { Cow::Borrowed(text) } else { Cow::Owned(super::text::fold(text)) };
    let mut seen = HashSet::new();
    DOCKET_TEXT.captures_iter(&text).filter_map(|c| from_captures(&c)).filter(|d| seen.insert(d.clone())).collect()
}

/// Words that make a nearby 8–9 digit number a CyberTipline report number.
static TIP_CONTEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:cyber\s?tip(?:line)?s?|ncmec|ct\s?#)").expect("tip context regex is valid"));

/// Candidate tip numbers: a whole run of 8–9 ASCII digits.
static TIP_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[1-9][0-9]{7,8}\b").expect("tip number regex is valid"));

/// How far (in bytes) after a context word, or after the previous tip number of a list, a number
/// may start and still count as a tip number.
const TIP_WINDOW: usize = 60;

/// True when `gap` only separates items of a list (`, `, ` and #`, `; No. `).
fn is_list_gap(gap: &str) -> bool {
    gap.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '#' | '&' | '.' | ':' | '(' | ')' | '-' | '/'))
        .filter(|w| !w.is_empty())
        .all(|w| ["and", "or", "no", "nos", "number", "numbers"].iter().any(|x| x.eq_ignore_ascii_case(w)))
}

/// Every CyberTipline report number in free text, in order of first appearance, without repeats.
/// A number counts only when a CyberTip word (`CyberTip`, `CyberTipline`, `NCMEC`, `CT#`) ends at
/// most 60 bytes before it, or it continues a list of numbers that counted (`CyberTips 12345678,
/// 23456789 and #34567890`: only separators, `and`, `or`, `No.` in between). Linear in the length
/// of the text.
///
/// ```
/// use caselink::normalize::reference::find_cybertips;
/// let text = "NCMEC sent CyberTip reports #12345678 and #234567890. \
///     His phone is 5551234567 and his bank account 87654321.";
/// assert_eq!(find_cybertips(text), [12_345_678, 234_567_890]);
/// ```
pub fn find_cybertips(text: &str) -> Vec<u64> {
    let mut contexts = TIP_CONTEXT.find_iter(text).map(|m| m.end()).peekable();
    let mut last_context: Option<usize> = None;
    let mut last_tip: Option<usize> = None;
    let mut out: Vec<u64> = Vec::new();
    let mut seen = HashSet::new();
    for m in TIP_NUMBER.find_iter(text) {
        while let Some(&end) = contexts.peek() {
            if end > m.start() {
                break;
            }
            last_context = Some(end);
            contexts.next();
        }
        let near_context = last_context.is_some_and(|p| m.start() - p <= TIP_WINDOW);
        let listed = last_tip.is_some_and(|p| m.start() - p <= TIP_WINDOW && is_list_gap(&text[p..m.start()]));
        if near_context || listed {
            if let Ok(n) = m.as_str().parse::<u64>() {
                if seen.insert(n) {
                    out.push(n);
                }
            }
            last_tip = Some(m.end());
        }
    }
    out
}

/// Parse either kind (docket numbers are tried first).
pub fn parse_reference(raw: &str) -> Option<Reference> {
    parse_docket(raw)
        .map(Reference::Docket)
        .or_else(|| parse_cybertip(raw).map(|number| Reference::Cybertip { number }))
}

/// The JSON that `caselink normalize reference` prints.
pub fn describe(raw: &str) -> serde_json::Value {
    match parse_reference(raw) {
        Some(Reference::Cybertip { number }) => {
            serde_json::json!({"input": raw, "kind": "cybertip", "canonical": number.to_string(), "number": number})
        }
        Some(Reference::Docket(d)) => {
            serde_json::json!({"input": raw, "kind": "docket", "canonical": d.canonical(), "office": d.office, "year": d.year, "case_type": d.case_type, "seq": d.seq})
        }
        None => serde_json::json!({"input": raw, "kind": null, "canonical": null}),
    }
}
