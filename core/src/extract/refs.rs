//! Statutes, docket numbers, CyberTipline report numbers, providers (ESPs) and CyberTip
//! mentions in running text.

use std::sync::LazyLock;

use regex::Regex;

use super::places::floor;
use crate::normalize::reference::{find_cybertips, find_dockets};

static STATUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(\d{1,2})\s*U\.?\s?S\.?\s?C\.?(?:\s*A\.)?\s*(?:§§?|sections?|secs?\.)?\s*(\d{2,4}[A-Z]?)((?:\s*\([0-9a-zA-Z]{1,4}\))*(?:\s*(?:,|and|&|or)\s*(?:§\s*)?(?:\d{3,4}[A-Z]?|\([0-9a-zA-Z]{1,4}\))(?:\s*\([0-9a-zA-Z]{1,4}\))*)*)|(?-u:\b)title\s+(\d{1,2}),?\s+united\s+states\s+code,?\s+sections?\s+(\d{2,4}[A-Z]?)",
    )
    .expect("statute regex")
});
static MORE_SECTIONS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:,|and|&|or)\s*(?:§\s*)?(\d{3,4}[A-Z]?)").expect("section regex"));

/// Offence statutes, canonical `"18 U.S.C. § 2252A"`, in order of first mention. Procedural
/// sections (title 28; title 18 part II, §§ 3000–3999) are left out: they say how a case is run,
/// not what it is about.
pub fn statutes(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |title: &str, sec: &str| {
        let sec = sec.to_uppercase();
        let num: u32 = sec.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse().unwrap_or(0);
        if title == "28" || (title == "18" && (3000..4000).contains(&num)) {
            return;
        }
        let s = format!("{title} U.S.C. § {sec}");
        if !out.contains(&s) {
            out.push(s);
        }
    };
    for c in STATUTE.captures_iter(text) {
        if let (Some(t), Some(s)) = (c.get(1), c.get(2)) {
            push(t.as_str(), s.as_str());
            if let Some(more) = c.get(3) {
                for m in MORE_SECTIONS.captures_iter(more.as_str()) {
                    push(t.as_str(), &m[1]);
                }
            }
        } else if let (Some(t), Some(s)) = (c.get(4), c.get(5)) {
            push(t.as_str(), s.as_str());
        }
    }
    out
}

/// Criminal docket numbers (`3:19-CR-112`, `18 Cr. 211`, `8:21CR145`, `CR-20-188-SLP`),
/// canonical `office:yy-type-nnnnn`, deduplicated, in order. The shared docket normalizer finds
/// and canonicalises them; civil and other non-criminal dockets (a § 2255 motion's `cv` number)
/// are left out because the field is about the criminal case.
///
/// The normalizer folds and scans whatever it is given; it is run only on windows around the
/// places a docket can be (a case-type code next to a digit, or a kind word such as "Criminal"),
/// which keeps it off the bulk of the prose.
pub fn case_numbers(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for m in DOCKET_HINT.find_iter(text) {
        let s = floor(text, m.start().saturating_sub(DOCKET_REACH));
        let e = floor(text, (m.end() + DOCKET_REACH).min(text.len()));
        match windows.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => windows.push((s, e)),
        }
    }
    for (s, e) in windows {
        for d in find_dockets(&text[s..e]) {
            if !matches!(d.case_type.as_str(), "cr" | "mj" | "po" | "cm") {
                continue;
            }
            let c = d.canonical();
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

/// How far a docket match can reach from its hint (kind words, "No.", the number, judge initials).
const DOCKET_REACH: usize = 96;

/// Where a docket number may be: a type code beside a digit (`19-CR-112`, `21cr145`, `CR-20-188`)
/// or a word naming the kind of case before a number (`Criminal Action No. 11-10294`; the
/// normalizer's own prefix words). No word boundaries, so
/// the DFA runs over any text; a superset of what the normalizer matches.
static DOCKET_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\d[\s\-–:]*(?:crim|cr|mag|mj|civ|cv|misc|mc|po|sw|gj|pt|cm)|(?:crim|cr|mag|mj|civ|cv|misc|mc|po|sw|gj|pt|cm)\.?[\s\-–]*\d|(?:criminal|crim|civil|civ|magistrate|mag|miscellaneous|misc)\.?\s*(?:action|case|complaint|docket|matter|judgment)?\s*(?:d\.\s?c\.\s*)?(?:(?:case|docket|dkt\.?)\s*)?(?:(?:nos?|nr|num|number)\.?\s*|\#\s*)?:?\s*\d",
    )
    .expect("docket hint regex")
});

static TIP_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)cyber\s?-?tip|tipline|(?-u:\b)NCMEC(?-u:\b)|national\s+center\s+for\s+missing")
        .expect("tip context regex")
});

/// CyberTipline report numbers (the shared reference normalizer: 8–9 digits near a CyberTip word,
/// or continuing a list of them).
pub fn tip_numbers(text: &str) -> Vec<u64> {
    find_cybertips(text)
}

/// True when the text mentions a CyberTip or NCMEC in any common spelling.
pub fn mentions_cybertip(text: &str) -> bool {
    TIP_CONTEXT.is_match(text)
}

/// Provider aliases → canonical name. Meta's apps report as Facebook, Alphabet's as Google.
const ESP: &[(&str, &str)] = &[
    ("Facebook", "Facebook"),
    ("Meta Platforms", "Facebook"),
    ("Meta", "Facebook"),
    ("Instagram", "Facebook"),
    ("Google", "Google"),
    ("YouTube", "Google"),
    ("Gmail", "Google"),
    ("Snapchat", "Snapchat"),
    ("Snap Inc", "Snapchat"),
    ("Oath Holdings", "Yahoo"),
    ("Yahoo", "Yahoo"),
    ("Microsoft", "Microsoft"),
    ("Bing", "Microsoft"),
    ("Skype", "Microsoft"),
    ("OneDrive", "Microsoft"),
    ("Dropbox", "Dropbox"),
    ("Kik", "Kik"),
    ("Discord", "Discord"),
    ("Twitter", "Twitter"),
    ("X Corp", "Twitter"),
    ("TikTok", "TikTok"),
    ("ByteDance", "TikTok"),
    ("Reddit", "Reddit"),
    ("Apple", "Apple"),
    ("iCloud", "Apple"),
    ("Verizon", "Verizon"),
    ("MeetMe", "MeetMe"),
    ("Omegle", "Omegle"),
    ("Tumblr", "Tumblr"),
    ("Imgur", "Imgur"),
    ("Telegram", "Telegram"),
    ("WhatsApp", "WhatsApp"),
];

static ESP_RE: LazyLock<Regex> = LazyLock::new(|| {
    let alt = ESP.iter().map(|(a, _)| regex::escape(a)).collect::<Vec<_>>().join("|");
    Regex::new(&format!(r"(?-u:\b)(?:{alt})(?-u:\b)")).expect("esp regex")
});

/// Providers named in the text, canonical, in order of first mention.
pub fn esps(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in ESP_RE.find_iter(text) {
        if let Some((_, canon)) = ESP.iter().find(|(a, _)| *a == m.as_str())
            && !out.iter().any(|o| o == canon)
        {
            out.push((*canon).to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statutes_canonical() {
        assert_eq!(
            statutes("18 U.S.C. §§ 2251 and 2252A, 18 U.S.C. § 2422(b), 28 U.S.C. § 1291, 18 U.S.C. § 3553(a)"),
            ["18 U.S.C. § 2251", "18 U.S.C. § 2252A", "18 U.S.C. § 2422"]
        );
        assert_eq!(statutes("Title 18, United States Code, Section 2252(a)(2)"), ["18 U.S.C. § 2252"]);
    }

    #[test]
    fn dockets_canonical() {
        assert_eq!(
            case_numbers("No. 3:19-CR-112, 18 Cr. 211 (PGG), 8:21CR145, CR-20-188-SLP, 24-mj-318, No. 19-30144"),
            ["3:19-cr-00112", "18-cr-00211", "8:21-cr-00145", "20-cr-00188", "24-mj-00318"]
        );
    }

    #[test]
    fn tips_need_context() {
        assert_eq!(tip_numbers("CyberTipline Report No. 78120456 and 78133902"), [78120456, 78133902]);
        assert!(tip_numbers("invoice 12345678").is_empty());
    }

    #[test]
    fn esp_aliases() {
        assert_eq!(esps("Oath Holdings d/b/a Yahoo! and Instagram, then Snap Inc."), ["Yahoo", "Facebook", "Snapchat"]);
    }
}
