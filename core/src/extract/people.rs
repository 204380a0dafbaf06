//! Who the document is about: defendants named in prose ("Darren Lee Whitfield, 41, of
//! Knoxville, was sentenced …") or in a court caption ("v. KEVIN DALE SUMMERS, Defendant.").
//! A name counts only with a defendant cue (age apposition, a case verb, "sentenced NAME"), and
//! never when a title or role (judge, attorney, agent, byline, relative) frames it.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::places::floor;
use crate::normalize::name::parse_name;

const CITY: &str = r"\p{Lu}[\p{L}.’'\-]*(?:[ \t]+\p{Lu}[\p{L}.’'\-]*){0,2}";
const STATE: &str = r"\p{Lu}[\p{L}.]*(?:[ \t]?\p{Lu}[\p{L}.]*)?";

static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"\p{Lu}[\p{L}’'\-]*\.?(?:[ \t]+(?:(?:de|la|del|van|von|da|di|du|le|dos|das)[ \t]+)*(?:\p{Lu}[\p{L}’'\-]*\.?|[“”]\p{Lu}\p{L}*[”“]|"\p{Lu}\p{L}*")){1,6}(?:,[ \t]+(?:Jr|Sr)\.)?"#,
    )
    .expect("name regex")
});
static AGE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^,?[ \t]+(?:age[ \t]+)?(\d{{1,2}}),(?:[ \t]+(?:of|from|a[ \t]+resident[ \t]+of|both[ \t]+of|who[ \t]+lives[ \t]+in)[ \t]+(?:the[ \t]+)?({CITY})(?:,[ \t]*({STATE}))?)?"
    ))
    .expect("age cue regex")
});
static PAREN_CUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^[ \t]*\((\d{{1,2}}),[ \t]*({CITY})\)")).expect("paren cue regex"));
/// A verb of the case right after the name ("…, was sentenced", "pleaded guilty").
const VERB_CUE_BODY: &str = r",?[ \t]+(?:(?:was|is|has[ \t]+been|had[ \t]+been|were|had)[ \t]+(?:also[ \t]+|previously[ \t]+|subsequently[ \t]+|then[ \t]+)?(?:sentenced|charged|indicted|arrested|convicted|found[ \t]+guilty|ordered|named|taken[ \t]+into[ \t]+custody|remanded|pleaded|pled)|(?:was|is|has[ \t]+been)[ \t]+(?:handed|given|booked|jailed)|(?:pleaded|pled|pleads|admitted|appeals|challenges|will[ \t]+spend|will[ \t]+serve|gets)|(?:a|an)[ \t]+[^,\n]{1,60},[ \t]+(?:was|is|has|had|pleaded|pled|admitted))(?-u:\b)";
static VERB_CUE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!("^{VERB_CUE_BODY}")).expect("verb cue regex"));
/// Any of the cues after a name (age apposition, "(41, Knoxville)", a case verb) in one
/// anchored test: most capitalised runs fail it within a few bytes.
static AFTER_GATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:,?[ \t]+(?:age[ \t]+)?\d{{1,2}},|[ \t]*\(\d{{1,2}},[ \t]*{CITY}\)|{VERB_CUE_BODY})"))
        .expect("after gate regex")
});
static PRE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?:sentenced|convicted|charging|charges|indicted|arrested|against)[ \t]+(?:(\d{1,2})-year-old[ \t]+)?|(?:Sentenced|Charged|Indicted|Arrested|Convicted)[ \t]+(?:was|were)[ \t]+)$",
    )
    .expect("pre cue regex")
});
static OF_CITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^,?[ \t]+(?:of|from)[ \t]+(?:the[ \t]+)?({CITY})(?:,[ \t]*({STATE}))?"))
        .expect("of-city regex")
});
static ROLE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:attorneys?|judges?|agents?|charge|detective|det\.|sgt\.|sergeant|officer|magistrate|sheriff|(?-u:\b)by|spokes\w+|director|trooper|investigator|deputy|lawyer|counsel|mother|father|parent|wife|husband|victim|clerk|commissioner|prosecutor|honorable|hon\.|presiding|reporter|writer)[ \t]*,?[ \t]*$")
        .expect("role regex")
});
static PLACE_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)(?:of|in|from|near|at)[ \t]+(?:the[ \t]+)?$").expect("place regex"));
static ROLE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^,?[ \t]*(?:the[ \t]+)?(?:acting[ \t]+|first[ \t]+)?(?:united[ \t]+states[ \t]+attorney|u\.s\.[ \t]+attorney|special[ \t]+agent|assistant|(?:chief[ \t]+|senior[ \t]+)?(?:u\.s\.[ \t]+|united[ \t]+states[ \t]+)?(?:district|circuit|magistrate)[ \t]+judge|staff|spokes|attorney|judge|director|sheriff|said)")
        .expect("role-after regex")
});

/// Words that never belong to a person's name here; the name is what follows the last of them.
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "u.s",
    "u.s.",
    "us",
    "united",
    "states",
    "america",
    "district",
    "court",
    "judge",
    "attorney",
    "attorneys",
    "assistant",
    "acting",
    "chief",
    "senior",
    "special",
    "agent",
    "charge",
    "magistrate",
    "circuit",
    "federal",
    "department",
    "justice",
    "police",
    "office",
    "sheriff",
    "task",
    "force",
    "county",
    "state",
    "national",
    "center",
    "homeland",
    "security",
    "investigations",
    "bureau",
    "fbi",
    "hsi",
    "icac",
    "internet",
    "crimes",
    "against",
    "children",
    "project",
    "safe",
    "childhood",
    "today",
    "separately",
    "according",
    "defendant",
    "defendants",
    "mr",
    "ms",
    "mrs",
    "dr",
    "man",
    "woman",
    "men",
    "couple",
    "brothers",
    "sentenced",
    "pleads",
    "guilty",
    "indicted",
    "charged",
    "convicted",
    "months",
    "years",
    "prison",
    "life",
    "plaintiff",
    "appellant",
    "appellee",
    "memorandum",
    "opinion",
    "order",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "det",
    "sgt",
    "detective",
    "sergeant",
    "officer",
    "staff",
    "writer",
    "by",
    "posted",
    "published",
    "updated",
    "case",
    "no",
    "section",
    "title",
    "code",
    "street",
    "avenue",
    "road",
    "inc",
    "llc",
    "and",
    "of",
    "in",
    "for",
    "on",
    "at",
    "to",
    "with",
    "his",
    "her",
    "their",
    "after",
    "before",
    "when",
    "while",
    "evidence",
    "investigators",
    "agents",
    "prosecutors",
    "facebook",
    "google",
    "snapchat",
    "kik",
    "discord",
    "twitter",
    "instagram",
    "dropbox",
    "microsoft",
    "yahoo",
    "apple",
    "tiktok",
    "reddit",
    "tumblr",
    "imgur",
    "telegram",
    "whatsapp",
    "meetme",
    "omegle",
    "verizon",
    "skype",
    "bing",
    "icloud",
    "meta",
    "sentencing",
    "trial",
    "jury",
    "grand",
    "government",
    "minor",
    "victim",
    "honorable",
    "hon",
    "presiding",
    "clerk",
    "director",
    "secretary",
    "governor",
    "commissioner",
];

fn is_stop(tok: &str) -> bool {
    let t = tok.trim_matches(|c: char| c == ',' || c == '“' || c == '”' || c == '"');
    // A word ending a sentence ("NCMEC. Arceneaux …"): only initials and suffixes end in a dot.
    if t.ends_with('.') && t.chars().filter(|c| c.is_alphabetic()).count() > 1 && !matches!(t, "Jr." | "Sr.") {
        return true;
    }
    let l = t.to_lowercase();
    STOP_SET.contains(l.trim_end_matches('.')) || STOP_SET.contains(l.as_str())
}

static STOP_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| STOP.iter().copied().collect());

/// A defendant mention found in prose.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Name as written.
    pub name: String,
    /// Byte offset of the mention.
    pub start: usize,
    /// Age from the apposition, if any.
    pub age: Option<u32>,
    /// City from the apposition, if any.
    pub city: Option<String>,
    /// State as written after the city, if any.
    pub state: Option<String>,
}

/// The identity key used to merge mentions of one person ("Dale Hutchins" ~ "Dale Everett Hutchins").
pub fn key(name: &str) -> (String, String) {
    let toks: Vec<String> = name
        .split_whitespace()
        .filter(|t| !t.starts_with(['“', '"', '”']))
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|t| !t.is_empty() && !matches!(t.as_str(), "jr" | "sr" | "ii" | "iii" | "iv"))
        .collect();
    (toks.first().cloned().unwrap_or_default(), toks.last().cloned().unwrap_or_default())
}

/// Whether a later mention `b` names the person of an earlier mention `a`: same first and last
/// word, or (by the shared name parser) the same surname with `b`'s given name absent, equal,
/// or one of `a`'s middle names — "Ferreira da Silva" after "Mateus Ferreira da Silva".
pub fn same_person(a: &str, b: &str) -> bool {
    if key(a) == key(b) {
        return true;
    }
    let (pa, pb) = (parse_name(a), parse_name(b));
    if pa.surname.is_empty() || pa.surname != pb.surname {
        return false;
    }
    match (&pa.given, &pb.given) {
        (_, None) => true,
        (Some(ga), Some(gb)) => ga == gb || pa.middle.iter().any(|m| m == gb),
        (None, Some(_)) => false,
    }
}

/// A city captured by a greedy capitalised-words pattern, cut where a sentence ends inside it
/// ("Lewiston. Judge Nancy" → "Lewiston"); abbreviations such as "St." stay.
pub fn cut_sentence(city: &str) -> String {
    let mut end = city.len();
    for (i, _) in city.match_indices(". ") {
        let word = city[..i].rsplit(' ').next().unwrap_or("");
        if word.chars().filter(|c| c.is_alphabetic()).count() > 2 {
            end = i;
            break;
        }
    }
    city[..end].trim_end_matches(',').to_string()
}

/// Defendant mentions in prose, in text order, one per person (first full mention wins).
pub fn prose_defendants(text: &str) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for m in NAME.find_iter(text) {
        // No cue after the run and none before it: not a defendant, whatever its words. (A
        // before-cue is lower case, so it can only sit before the run, not inside it.)
        let after = &text[m.end()..floor(text, (m.end() + 160).min(text.len()))];
        let run_before = &text[floor(text, m.start().saturating_sub(40))..m.start()];
        if !AFTER_GATE.is_match(after) && !PRE_CUE.is_match(run_before) {
            continue;
        }
        // Keep only the tokens after the last stop word.
        let run = m.as_str();
        let mut offset = 0;
        let mut name_start = None;
        let mut stopped_by_role = false;
        for tok in run.split_whitespace() {
            let at = run[offset..].find(tok).map_or(offset, |p| offset + p);
            offset = at + tok.len();
            if is_stop(tok) {
                name_start = None;
                stopped_by_role = ROLE_BEFORE.is_match(&run[..offset]);
            } else if name_start.is_none() {
                name_start = Some(at);
            }
        }
        let Some(ns) = name_start else { continue };
        if stopped_by_role {
            continue;
        }
        let start = m.start() + ns;
        let name = text[start..m.end()].trim_end_matches(',').trim();
        let toks: Vec<&str> = name.split_whitespace().collect();
        let real = toks.iter().filter(|t| t.chars().filter(|c| c.is_alphabetic()).count() > 1).count();
        if toks.len() < 2 || real < 2 {
            continue;
        }
        let before = &text[floor(text, start.saturating_sub(40))..start];
        // Most capitalised runs have no defendant cue at all: test that first (anchored, so
        // each test fails within a few bytes) before the role, place and state checks.
        let has_cue = AGE_CUE.is_match(after)
            || PAREN_CUE.is_match(after)
            || VERB_CUE.is_match(after)
            || PRE_CUE.is_match(before);
        if !has_cue {
            continue;
        }
        if ROLE_BEFORE.is_match(before) || ROLE_AFTER.is_match(after) || PLACE_BEFORE.is_match(before) {
            continue;
        }
        if super::places::state_code(name).is_some() {
            continue;
        }
        let mut mention = Mention { name: name.to_string(), start, age: None, city: None, state: None };
        let cue = if let Some(c) = AGE_CUE.captures(after) {
            mention.age = c.get(1).and_then(|a| a.as_str().parse().ok());
            mention.city = c.get(2).map(|x| x.as_str().to_string());
            mention.state = c.get(3).map(|x| x.as_str().to_string());
            true
        } else if let Some(c) = PAREN_CUE.captures(after) {
            mention.age = c.get(1).and_then(|a| a.as_str().parse().ok());
            mention.city = c.get(2).map(|x| x.as_str().to_string());
            true
        } else if let Some(c) = PRE_CUE.captures(before) {
            // "sentenced 45-year-old NAME of CITY today"
            mention.age = c.get(1).and_then(|a| a.as_str().parse().ok());
            if let Some(o) = OF_CITY.captures(after) {
                mention.city = o.get(1).map(|x| x.as_str().to_string());
                mention.state = o.get(2).map(|x| x.as_str().to_string());
            }
            true
        } else {
            VERB_CUE.is_match(after)
        };
        if !cue {
            continue;
        }
        if let Some(c) = mention.city.take() {
            mention.city = Some(cut_sentence(&c));
        }
        if let Some(existing) = out.iter_mut().find(|o| same_person(&o.name, &mention.name)) {
            existing.age = existing.age.or(mention.age);
            if existing.city.is_none() {
                existing.city = mention.city;
                existing.state = mention.state;
            }
            continue;
        }
        out.push(mention);
    }
    out
}

static CAPS_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Lu}[\p{L}.’'\-]*(?:[ \t]+\p{Lu}[\p{L}.’'\-]*){1,5}$").expect("caps name regex"));
static VERSUS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)(?:^|\s)(?:v\.|vs\.|versus)(?:\s|$)").expect("versus regex"));
static SEGMENT_SPLIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s{2,}|\)|\|").expect("split regex"));

/// The defendant named in a court caption ("UNITED STATES OF AMERICA, Plaintiff, v. NAME,
/// Defendant."), as written, with its byte offset.
pub fn caption_defendant(text: &str) -> Option<(String, usize)> {
    let head_end = floor(text, text.len().min(6000));
    // Eighth Circuit style captions are in mixed case ("United States of America … v. … Tyler
    // James Brandvold … Defendant - Appellant").
    let us = text[..head_end].to_ascii_lowercase().find("united states of america")?;
    let v = VERSUS.find(&text[us..head_end])?;
    let after_v = us + v.end();
    let mut pos = after_v;
    for line in text[after_v..head_end].split_inclusive('\n').take(10) {
        for seg in SEGMENT_SPLIT.split(line) {
            let s = seg.trim().trim_end_matches(',').trim();
            if s.is_empty() || !CAPS_NAME.is_match(s) {
                continue;
            }
            let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
            let upper = letters.iter().filter(|c| c.is_uppercase()).count();
            let at = line.find(s).map_or(pos, |p| pos + p);
            // A mixed-case name counts only when the role word follows it.
            let role_follows = || {
                let rest = &text[at + s.len()..floor(text, (at + s.len() + 80).min(text.len()))];
                rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == ')').starts_with("Defendant")
            };
            if (upper * 10 < letters.len() * 7 && !role_follows()) || s.split_whitespace().any(is_stop) {
                continue;
            }
            return Some((s.to_string(), at));
        }
        pos += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_defendant_not_officials() {
        let t = "KNOXVILLE, Tenn. – Darren Lee Whitfield, 41, of Knoxville, was ordered by U.S. District Judge \
                 Harold Pemberton to serve 180 months. Assistant U.S. Attorney Marisa Oakes was sentenced to nothing.";
        let d = prose_defendants(t);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].name, "Darren Lee Whitfield");
        assert_eq!(d[0].age, Some(41));
        assert_eq!(d[0].city.as_deref(), Some("Knoxville"));
    }

    #[test]
    fn later_mentions_merge_by_parsed_name() {
        assert!(same_person("Mateus Ferreira da Silva", "Ferreira da Silva"));
        assert!(same_person("Dale Everett Hutchins", "Dale Hutchins"));
        assert!(!same_person("Caleb Ross Huntley", "Demarcus Lee Tolliver"));
        assert!(!same_person("Trevor Mays", "Donna Mays"));
        assert_eq!(cut_sentence("Lewiston. Judge Nancy"), "Lewiston");
        assert_eq!(cut_sentence("St. Louis"), "St. Louis");
    }

    #[test]
    fn mixed_case_caption_needs_the_role_word() {
        let t =
            "United States of America\n\nPlaintiff - Appellee\n\nv.\n\nTyler James Brandvold\n\nDefendant - Appellant";
        assert_eq!(caption_defendant(t).map(|x| x.0).as_deref(), Some("Tyler James Brandvold"));
        let t = "United States of America\nPlaintiff\nv.\nSome Other Words\nand more text here";
        assert_eq!(caption_defendant(t), None);
    }

    #[test]
    fn caption_name() {
        let t = "UNITED STATES OF AMERICA,\n   Plaintiff,\nv.        )  No. 1:18-CR-178\nKEVIN DALE SUMMERS,   )  Judge X\n  Defendant.";
        assert_eq!(caption_defendant(t).map(|x| x.0).as_deref(), Some("KEVIN DALE SUMMERS"));
    }
}
