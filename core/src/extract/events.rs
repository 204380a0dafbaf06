//! What happened to the defendant (the most advanced event), when, and the prison term.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use super::dates::{self, Found};
use super::places::floor;
use crate::normalize::date::Precision;

/// A case event a document reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// Arrested (no charge stated yet).
    Arrested,
    /// Charged by complaint or information.
    Charged,
    /// Indicted by a grand jury.
    Indicted,
    /// Pleaded guilty.
    PleadedGuilty,
    /// Convicted at trial.
    Convicted,
    /// Sentenced.
    Sentenced,
    /// An appellate decision.
    Appeal,
    /// A trial-court ruling on a motion.
    MotionRuling,
}

impl Event {
    /// The snake_case name used in CSV and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Event::Arrested => "arrested",
            Event::Charged => "charged",
            Event::Indicted => "indicted",
            Event::PleadedGuilty => "pleaded_guilty",
            Event::Convicted => "convicted",
            Event::Sentenced => "sentenced",
            Event::Appeal => "appeal",
            Event::MotionRuling => "motion_ruling",
        }
    }
}

/// Cue patterns, most advanced event first.
const CUE_PATTERNS: [(Event, &str); 6] = [
    (
        Event::Sentenced,
        r"(?i)(?-u:\b)sentenced(?-u:\b)|(?-u:\b)(?:receives?|received|gets|got|given)[ \t]+(?:a[ \t]+)?(?:\d+|[a-z]+)[ \t-](?:and[ \t]a[ \t]half[ \t-])?(?:years?|months?)(?-u:\b)|(?-u:\b)will[ \t]+(?:spend|serve)(?-u:\b)|(?-u:\b)imposed[ \t]+(?:the|a|today's)[ \t]+sentence|(?-u:\b)ordered[ \t]+(?:\w+[ \t]+){0,2}?to[ \t]+serve(?-u:\b)|(?-u:\b)(?:handed|received|receives|given|gets|got)[ \t]+(?:a|an|the|his|her)[ \t]+(?:[\w-]+[ \t]+){0,3}?(?:sentence|prison[ \t]+term)(?-u:\b)",
    ),
    (
        Event::Convicted,
        r"(?i)(?-u:\b)convicted(?-u:\b)|(?-u:\b)found[ \t]+(?:[^\s.]+[ \t]+){0,10}?guilty(?-u:\b)|(?-u:\b)guilty[ \t]+verdict(?-u:\b)",
    ),
    (
        Event::PleadedGuilty,
        r"(?i)(?-u:\b)(?:pleaded|pled|pleads|pleading)[ \t]+guilty(?-u:\b)|(?-u:\b)guilty[ \t]+plea(?-u:\b)|(?-u:\b)admit(?:ted|s)[ \t]+in[ \t]+(?:federal[ \t]+|u\.s\.[ \t]+district[ \t]+)?court(?-u:\b)",
    ),
    (
        Event::Indicted,
        r"(?i)(?-u:\b)indicted(?-u:\b)|(?-u:\b)indictment,?[ \t]+(?:was[ \t]+)?(?:returned|unsealed)(?-u:\b)|(?-u:\b)returned[ \t]+an?[ \t]+(?:[\w-]+[ \t]+)?indictment(?-u:\b)|(?-u:\b)named[ \t]+in[ \t]+an?[ \t]+(?:[\w-]+[ \t]+)?indictment(?-u:\b)",
    ),
    (Event::Charged, r"(?i)(?-u:\b)charged(?-u:\b)"),
    (Event::Arrested, r"(?i)(?-u:\b)arrested(?-u:\b)|(?-u:\b)taken[ \t]+into[ \t]+custody(?-u:\b)"),
];

static CUES: LazyLock<Vec<(Event, Regex)>> =
    LazyLock::new(|| CUE_PATTERNS.iter().map(|(e, p)| (*e, Regex::new(p).expect("event cue regex"))).collect());
/// All cue patterns at once: one pass says which events occur at all, so the per-event scans
/// run only for those.
static CUE_SET: LazyLock<RegexSet> =
    LazyLock::new(|| RegexSet::new(CUE_PATTERNS.iter().map(|(_, p)| *p)).expect("event cue set"));

static NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)if|(?-u:\b)when|(?-u:\b)will[ \t]+be|(?-u:\b)to[ \t]+be|(?-u:\b)could[ \t]+be|(?-u:\b)would[ \t]+be|(?-u:\b)may[ \t]+be|(?-u:\b)not(?:[ \t]+yet)?(?:[ \t]+been)?(?:[ \t]+formally)?|(?-u:\b)before[ \t]+being|(?-u:\b)awaiting|(?-u:\b)unless|(?-u:\b)until|(?-u:\b)never)[ \t]*$")
        .expect("negation regex")
});

/// A cue for an event at a byte span.
#[derive(Debug, Clone, Copy)]
pub struct Cue {
    /// The event.
    pub event: Event,
    /// Start of the cue.
    pub start: usize,
    /// End of the cue.
    pub end: usize,
}

/// All non-negated event cues in the text, in order.
pub fn cues(text: &str) -> Vec<Cue> {
    let mut out = Vec::new();
    let present = CUE_SET.matches(text);
    for (i, (event, re)) in CUES.iter().enumerate() {
        if !present.matched(i) {
            continue;
        }
        for m in re.find_iter(text) {
            let before = &text[floor(text, m.start().saturating_sub(30))..m.start()];
            if NEGATED.is_match(before) {
                continue;
            }
            out.push(Cue { event: *event, start: m.start(), end: m.end() });
        }
    }
    out.sort_by_key(|c| c.start);
    out
}

const ABBREV: &[&str] = &[
    "sgt", "det", "lt", "mr", "ms", "mrs", "dr", "st", "jr", "sr", "no", "inc", "co", "corp", "ft", "mt", "gov", "sen",
    "rep", "ave", "blvd", "vs", "v", "ky", "va", "tenn", "ga", "ala", "fla", "mo", "ill", "ind", "kan", "neb", "ore",
    "mich", "minn", "miss", "mont", "nev", "okla", "pa", "conn", "ariz", "ark", "calif", "colo", "del", "md", "mass",
    "wash", "wis", "wyo", "vt", "dec", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "jun", "jul",
];

fn is_boundary(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    if b[i] == b'\n' {
        return true;
    }
    if !matches!(b[i], b'.' | b'!' | b'?') || !b.get(i + 1).is_some_and(|c| c.is_ascii_whitespace()) {
        return false;
    }
    let word_start = text[..i].rfind(|c: char| !c.is_alphanumeric()).map_or(0, |p| p + 1);
    let word = &text[word_start..i];
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false; // an initial
    }
    !ABBREV.contains(&word.to_ascii_lowercase().as_str())
}

/// Byte bounds of the sentence around `pos` (newlines end sentences too).
pub fn sentence_bounds(text: &str, pos: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let mut s = pos.min(b.len());
    while s > 0 && !is_boundary(text, s - 1) {
        s -= 1;
    }
    let mut e = pos.min(b.len());
    while e < b.len() && !is_boundary(text, e) {
        e += 1;
    }
    (floor(text, s), floor(text, e))
}

/// The date of the cue: the date phrase in its sentence nearest to it, resolved against `base`.
pub fn cue_date(text: &str, cue: &Cue, base: Option<i32>) -> Option<(i32, Precision)> {
    let (s, e) = sentence_bounds(text, cue.start);
    let found: Vec<Found> = dates::find_all(&text[s..e]);
    let dist = |f: &Found| {
        let (fs, fe) = (f.start + s, f.end + s);
        if fe <= cue.start { cue.start - fe } else { fs.saturating_sub(cue.end) }
    };
    found.iter().min_by_key(|f| dist(f)).and_then(|f| f.resolve(base))
}

const NUMW: &str = r"(?:(?:twenty|thirty|forty|fifty|sixty)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|eleven|twelve|ten|one|two|three|four|five|six|seven|eight|nine)";

static TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<approx>(?:more[ \t]+than|nearly|almost|over|about|approximately|roughly)[ \t]+)?(?P<n>\d{{1,3}}|{NUMW})(?P<half>[ \t]+and[ \t]+(?:a[ \t]+)?half)?[ \t-]+(?P<unit>years?|months?)(?-u:\b)(?:[ \t]+and[ \t]+(?P<n2>\d{{1,2}}|{NUMW})[ \t]+months?(?-u:\b))?"
    ))
    .expect("term regex")
});
static TERM_REJECT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[ \t]*(?:of[ \t]+)?(?:supervised[ \t]+release|probation|post-release|home[ \t]+confinement|-?old(?-u:\b)|ago(?-u:\b)|earlier(?-u:\b)|later(?-u:\b)|of[ \t]+age)")
        .expect("reject-after regex")
});
static TERM_REJECT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:maximum|minimum|up[ \t]+to|faces?|facing|at[ \t]+least|carries|carry|period|between|range|ranging|guidelines?|statutory|potential|could|possible|within)(?-u:\b)")
        .expect("reject-before regex")
});
static TERM_ACCEPT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:to|serve|spend|of|a|gets|get|receives|received|got|given|sentence)[ \t]*$")
        .expect("accept regex")
});
static TERM_ACCEPT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[ \t]*(?:in[ \t]+(?:federal[ \t]+)?prison|(?:federal[ \t]+)?prison|imprisonment|of[ \t]+imprisonment|sentence|behind[ \t]+bars|incarceration)")
        .expect("accept-after regex")
});
static LIFE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)life[ \t]+(?:in[ \t]+(?:federal[ \t]+)?prison|imprisonment|sentence|behind[ \t]+bars)(?-u:\b)|(?-u:\b)sentenced[ \t]+(?:\S+[ \t]+){0,8}?to[ \t]+life(?-u:\b)")
        .expect("life regex")
});

fn word_num(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let s = s.to_lowercase();
    let (tens, unit) = s.split_once('-').unwrap_or((s.as_str(), ""));
    let base = |w: &str| -> Option<u32> {
        Some(match w {
            "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" => 12,
            "thirteen" => 13,
            "fourteen" => 14,
            "fifteen" => 15,
            "sixteen" => 16,
            "seventeen" => 17,
            "eighteen" => 18,
            "nineteen" => 19,
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            "sixty" => 60,
            _ => return None,
        })
    };
    Some(base(tens)? + if unit.is_empty() { 0 } else { base(unit)? })
}

/// The prison term in months (exact figures preferred over "more than …"), and whether the
/// text reports a life sentence.
pub fn prison_term(text: &str) -> (Option<u32>, bool) {
    let mut exact = None;
    let mut approx = None;
    for c in TERM.captures_iter(text) {
        let m = c.get(0).expect("match");
        let (ss, _) = sentence_bounds(text, m.start());
        let before_all = &text[ss.max(floor(text, m.start().saturating_sub(60)))..m.start()];
        let after = &text[m.end()..floor(text, (m.end() + 40).min(text.len()))];
        if TERM_REJECT_AFTER.is_match(after) || TERM_REJECT_BEFORE.is_match(before_all) {
            continue;
        }
        if !(TERM_ACCEPT_BEFORE.is_match(before_all) || TERM_ACCEPT_AFTER.is_match(after)) {
            continue;
        }
        let Some(n) = c.name("n").and_then(|x| word_num(x.as_str())) else { continue };
        let years = c.name("unit").is_some_and(|u| u.as_str().to_lowercase().starts_with('y'));
        let mut months = if years { n * 12 } else { n };
        if c.name("half").is_some() {
            months += if years { 6 } else { 0 };
        }
        if let Some(n2) = c.name("n2").and_then(|x| word_num(x.as_str())) {
            months += n2;
        }
        if months == 0 || months > 1200 {
            continue;
        }
        if c.name("approx").is_some() {
            approx = approx.or(Some(months));
        } else if exact.is_none() {
            exact = Some(months);
        }
    }
    // A substring test first: most texts never say "life", and it is far cheaper than the regex.
    let maybe_life = text.contains("life") || text.contains("Life") || text.contains("LIFE");
    let life = maybe_life
        && LIFE.find_iter(text).any(|m| {
            let before = &text[floor(text, m.start().saturating_sub(40))..m.start()];
            !TERM_REJECT_BEFORE.is_match(before) && !before.to_lowercase().contains("penalty")
        });
    (if life { None } else { exact.or(approx) }, life)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prison_terms() {
        assert_eq!(prison_term("was sentenced to 120 months, followed by 10 years of supervised release").0, Some(120));
        assert_eq!(prison_term("will serve more than seven years in federal prison").0, Some(84));
        assert_eq!(prison_term("received a 45-year sentence").0, Some(540));
        assert_eq!(prison_term("sentenced today to 15 years and 8 months in prison").0, Some(188));
        assert_eq!(prison_term("faces a mandatory minimum of 15 years").0, None);
        assert_eq!(prison_term("was sentenced to life in prison"), (None, true));
        assert!(!prison_term("faces a maximum penalty of life in prison").1);
    }

    #[test]
    fn negated_cues_are_skipped() {
        let c = cues("If convicted, he faces prison. He will be sentenced in May. He pleaded guilty.");
        assert_eq!(c.iter().map(|c| c.event).collect::<Vec<_>>(), [Event::PleadedGuilty]);
    }
}
