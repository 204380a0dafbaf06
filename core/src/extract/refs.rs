//! Statutes, docket numbers, CyberTipline report numbers, providers (ESPs) and CyberTip
//! mentions in running text.

use std::sync::LazyLock;

use regex::Regex;

static STATUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d{1,2})\s*U\.?\s?S\.?\s?C\.?(?:\s*A\.)?\s*(?:§§?|sections?|secs?\.)?\s*(\d{2,4}[A-Z]?)((?:\s*\([0-9a-zA-Z]{1,4}\))*(?:\s*(?:,|and|&|or)\s*(?:§\s*)?(?:\d{3,4}[A-Z]?|\([0-9a-zA-Z]{1,4}\))(?:\s*\([0-9a-zA-Z]{1,4}\))*)*)|\btitle\s+(\d{1,2}),?\s+united\s+states\s+code,?\s+sections?\s+(\d{2,4}[A-Z]?)",
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

static DOCKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(\d):\s?(\d{2})\s?[-–\s]?\s?(cr|mj|po)\.?\s?[-–\s]?\s?(\d{1,6})|(\d{2})\s?[-–\s]\s?(cr|mj|po)\.?\s?[-–\s]?\s?(\d{1,6})|(\d{2})(cr|mj)(\d{1,6})|cr[-–\s](\d{2})[-–](\d{1,6}))\b",
    )
    .expect("docket regex")
});

/// Criminal docket numbers (`3:18-CR-178`, `18 Cr. 211`, `8:21CR145`, `CR-20-188-SLP`),
/// canonical `office:yy-type-nnnnn`, deduplicated, in order.
pub fn case_numbers(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in DOCKET.captures_iter(text) {
        let g = |i: usize| c.get(i).map(|m| m.as_str());
        let (office, year, kind, seq) = if let (Some(o), Some(y), Some(k), Some(s)) = (g(1), g(2), g(3), g(4)) {
            (Some(o), y, k, s)
        } else if let (Some(y), Some(k), Some(s)) = (g(5), g(6), g(7)) {
            (None, y, k, s)
        } else if let (Some(y), Some(k), Some(s)) = (g(8), g(9), g(10)) {
            // "8:21CR145" — the office sits just before the match.
            let start = c.get(0).map_or(0, |m| m.start());
            let pre = &text.as_bytes()[..start];
            let office = (pre.len() >= 2 && pre[pre.len() - 1] == b':' && pre[pre.len() - 2].is_ascii_digit())
                .then(|| &text[start - 2..start - 1]);
            (office, y, k, s)
        } else if let (Some(y), Some(s)) = (g(11), g(12)) {
            (None, y, "cr", s)
        } else {
            continue;
        };
        let Ok(seq) = seq.parse::<u32>() else { continue };
        let kind = kind.to_lowercase();
        let canon = match office {
            Some(o) => format!("{o}:{year}-{kind}-{seq:05}"),
            None => format!("{year}-{kind}-{seq:05}"),
        };
        if !out.contains(&canon) {
            out.push(canon);
        }
    }
    out
}

static TIP_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)cyber\s?-?tip|tipline|\bNCMEC\b|national\s+center\s+for\s+missing").expect("tip context regex")
});
static EIGHT_NINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\d{8,9}\b").expect("digits regex"));

/// 8–9 digit numbers written in a CyberTip context (the phrase within 150 bytes before).
pub fn tip_numbers(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    for m in EIGHT_NINE.find_iter(text) {
        let from = super::places::floor(text, m.start().saturating_sub(150));
        if TIP_CONTEXT.is_match(&text[from..m.start()])
            && let Ok(n) = m.as_str().parse::<u64>()
            && !out.contains(&n)
        {
            out.push(n);
        }
    }
    out
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
    Regex::new(&format!(r"\b(?:{alt})\b")).expect("esp regex")
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
