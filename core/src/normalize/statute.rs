//! US Code citations as dockets and releases write them: PACER's `18:2252A(a)(5)(B)`, prose
//! `18 U.S.C. § 2252A(a)(5)(B)`, `18 USC 2251(a) and 2253`, `Title 18, United States Code,
//! Section 2422(b)`. Each parses to title, section and subsection path, canonical
//! `18:2252a(a)(5)(b)`, so that one charge compares equal however it is spelled.
//!
//! A list continues its title: in `18 U.S.C. §§ 2252A(a)(2) and 2253`, 2253 is title 18; a bare
//! `(b)(1)` after `and` is another subsection of the section before it. Only a number after a list
//! word continues the list, so a count or a sentence written after the charge is not read as a
//! section. This reads a statute field; running prose has its own finder
//! ([`crate::extract`]'s statutes), which also needs `U.S.C.` before every title.

use super::text::fold;

/// At most this many citations are read from one value, so a crafted cell cannot grow memory.
pub const MAX_CITATIONS: usize = 16;

/// One parsed citation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Citation {
    /// Title of the US Code (18 for the federal criminal code).
    pub title: u16,
    /// Section, folded: digits then any letters (`2252a`).
    pub section: Box<str>,
    /// Subsection path, folded (`(a)(5)(b)`), empty when none is written.
    pub subsections: Box<str>,
}

impl Citation {
    /// `title:section` followed by the subsection path.
    ///
    /// ```
    /// use caselink::normalize::statute::parse_statutes;
    /// assert_eq!(parse_statutes("18 U.S.C. § 2252A(a)(5)(B)")[0].canonical(), "18:2252a(a)(5)(b)");
    /// ```
    pub fn canonical(&self) -> String {
        format!("{}:{}{}", self.title, self.section, self.subsections)
    }

    /// `title:section` without subsections: what two charges under one section share.
    pub fn section_key(&self) -> String {
        format!("{}:{}", self.title, self.section)
    }
}

/// Every citation in `raw`, in order, duplicates removed (at most [`MAX_CITATIONS`]); empty when
/// none parses.
///
/// ```
/// use caselink::normalize::statute::parse_statutes;
/// let c: Vec<String> = parse_statutes("18 U.S.C. §§ 2252A(a)(2) and (b)(1), 2253").iter().map(|c| c.canonical()).collect();
/// assert_eq!(c, ["18:2252a(a)(2)", "18:2252a(b)(1)", "18:2253"]);
/// assert_eq!(parse_statutes("18:2422(b)")[0].canonical(), "18:2422(b)");
/// assert!(parse_statutes("possession").is_empty());
/// ```
pub fn parse_statutes(raw: &str) -> Vec<Citation> {
    let s = fold(raw);
    let b = s.as_bytes();
    let mut out: Vec<Citation> = Vec::new();
    let mut i = 0;
    // The title in force and the last section read under it.
    let mut title: Option<u16> = None;
    let mut last_section: Option<Box<str>> = None;
    while i < b.len() && out.len() < MAX_CITATIONS {
        if let Some((t, start)) = section_start(&s, i, title) {
            title = Some(t);
            let (c, next) = section_at(b, start, t);
            last_section = Some(c.section.clone());
            push(&mut out, c);
            i = next;
            continue;
        }
        if b[i].is_ascii_digit() {
            // A number that starts no section is skipped whole ("118:" holds no title 18).
            i = digits(b, i).1;
            continue;
        }
        // `… 2252A(a)(2) and (b)(1)`: another subsection of the section before.
        if b[i] == b'('
            && let (Some(t), Some(sec)) = (title, last_section.clone())
            && i > 0
            && follows_list_word(&s[..i])
        {
            let (subs, next) = subsections(b, i);
            if !subs.is_empty() {
                push(&mut out, Citation { title: t, section: sec, subsections: subs.into() });
                i = next;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Where a section starts at `i`, and under which title: after a title (`18:`, `18 U.S.C. §`,
/// `Title 18, United States Code, Section`), or a bare section number after a list word, which
/// continues the list's `title` (any other number, "120 MONTHS", is not a section).
fn section_start(s: &str, i: usize, title: Option<u16>) -> Option<(u16, usize)> {
    let b = s.as_bytes();
    let a_title = |num: &str| num.parse::<u16>().ok().filter(|t| (1..=54).contains(t));
    if b[i].is_ascii_digit() {
        let (num, end) = digits(b, i);
        if let Some(t) = a_title(num)
            && let Some(start) = title_then_section(b, end)
        {
            return Some((t, start));
        }
        return title.filter(|_| num.len() >= 3 && follows_list_word(&s[..i])).map(|t| (t, i));
    }
    if b[i..].starts_with(b"title ") {
        let (num, end) = digits(b, skip_spaces(b, i + "title ".len()));
        let t = a_title(num)?;
        let k = b[end..].windows(7).take(40).position(|w| w == b"section")?;
        let mut p = end + k + "section".len();
        while p < b.len() && matches!(b[p], b's' | b' ' | b'.') {
            p += 1;
        }
        return (p < b.len() && b[p].is_ascii_digit()).then_some((t, p));
    }
    None
}

fn push(out: &mut Vec<Citation>, c: Citation) {
    if !out.contains(&c) {
        out.push(c);
    }
}

fn digits(b: &[u8], i: usize) -> (&str, usize) {
    let mut end = i;
    while end < b.len() && b[end].is_ascii_digit() && end - i < 6 {
        end += 1;
    }
    (std::str::from_utf8(&b[i..end]).unwrap_or(""), end)
}

fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    i
}

/// After a title number ending at `i`: where its section starts, when `:` or `u.s.c.` (any
/// dots and spaces, optional `§`/`§§`/`sec.`) follows.
fn title_then_section(b: &[u8], i: usize) -> Option<usize> {
    if i < b.len() && b[i] == b':' && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        return Some(i + 1);
    }
    let mut j = skip_spaces(b, i);
    let mut letters = [0u8; 3];
    let mut n = 0;
    while j < b.len() && n < 3 {
        match b[j] {
            b'.' | b' ' => j += 1,
            c @ (b'u' | b's' | b'c') => {
                letters[n] = c;
                n += 1;
                j += 1;
            }
            _ => break,
        }
    }
    if letters != *b"usc" {
        return None;
    }
    // `§` folds to itself (two UTF-8 bytes); `sec.`/`section` are also written.
    loop {
        j = skip_spaces(b, j);
        if b[j..].starts_with("§".as_bytes()) {
            j += "§".len();
        } else if b[j..].starts_with(b"section") {
            j += "section".len();
        } else if b[j..].starts_with(b"sec.") {
            j += "sec.".len();
        } else if j < b.len() && b[j] == b'.' {
            j += 1;
        } else {
            break;
        }
    }
    (j < b.len() && b[j].is_ascii_digit()).then_some(j)
}

/// The section starting at `i` (digits, then letters) and its subsection path.
fn section_at(b: &[u8], i: usize, title: u16) -> (Citation, usize) {
    let (num, mut end) = digits(b, i);
    let mut section = num.to_owned();
    while end < b.len() && b[end].is_ascii_lowercase() && section.len() < 10 {
        section.push(b[end] as char);
        end += 1;
    }
    let (subs, next) = subsections(b, end);
    (Citation { title, section: section.into(), subsections: subs.into() }, next)
}

/// `(a)(5)(b)` starting at `i` (spaces between groups allowed); each group is one to four
/// letters or digits.
fn subsections(b: &[u8], mut i: usize) -> (String, usize) {
    let mut out = String::new();
    loop {
        let j = skip_spaces(b, i);
        if j >= b.len() || b[j] != b'(' {
            return (out, i);
        }
        let mut k = j + 1;
        while k < b.len() && b[k].is_ascii_alphanumeric() && k - j <= 4 {
            k += 1;
        }
        if k == j + 1 || k >= b.len() || b[k] != b')' || out.len() > 40 {
            return (out, i);
        }
        out.push_str(std::str::from_utf8(&b[j..=k]).unwrap_or(""));
        i = k + 1;
    }
}

/// Whether the text before a `(` or a bare section number ends with a list word (`and`, `or`,
/// `&`, `,`, `;`, `§`), so it continues the list rather than being a stray parenthesis or number.
fn follows_list_word(before: &str) -> bool {
    let t = before.trim_end();
    t.ends_with(" and") || t.ends_with(" or") || t.ends_with(['&', ',', ';', '§'])
}

/// The JSON `caselink normalize statute` prints: the citations' canonical forms, in order.
///
/// ```
/// let v = caselink::normalize::statute::describe("18 USC 2251(a)");
/// assert_eq!(v["canonical"], "18:2251(a)");
/// assert_eq!(v["citations"][0]["section"], "2251");
/// ```
pub fn describe(raw: &str) -> serde_json::Value {
    let cites = parse_statutes(raw);
    let canonical = (!cites.is_empty()).then(|| cites.iter().map(Citation::canonical).collect::<Vec<_>>().join("; "));
    let list: Vec<serde_json::Value> = cites
        .iter()
        .map(|c| serde_json::json!({"title": c.title, "section": &*c.section, "subsections": &*c.subsections}))
        .collect();
    serde_json::json!({"input": raw, "canonical": canonical, "citations": list})
}
