//! Press release / court document text → structured rows, one per defendant.
//!
//! The extractor finds the spans itself (dateline, district phrase, defendant apposition, case
//! and tip numbers, date phrases) and hands their values to the shared normalizers (district,
//! date, docket, CyberTip, name). What stays private: the dateline city table and the "5th day
//! of May, 2023" date shape, which the normalizers do not cover. Input is capped at
//! [`MAX_INPUT`] bytes; every regex is from the `regex` crate (no backtracking), so time is
//! linear in the input. Word boundaries are ASCII (`(?-u:\b)`) so that the lazy DFA can run over
//! text with dashes and section signs instead of falling back to the slower NFA engines.

pub mod dates;
pub mod events;
pub mod html;
pub mod people;
pub mod places;
pub mod press;
pub mod refs;

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

pub use events::Event;
pub use press::{PRESS_COLUMNS, append_rows, read_press_text_dir, to_press_releases};

use crate::normalize::date::{Precision, iso};
use crate::normalize::name::{ParsedName, parse_name};

/// Only the first 2 MB of a document are read; releases and opinions are far shorter, and the cap
/// bounds time and memory on hostile input.
pub const MAX_INPUT: usize = 2 * 1024 * 1024;

/// What kind of document the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocType {
    /// A US Attorney's press release (or a verbatim repost).
    PressRelease,
    /// A court opinion or order.
    CourtOpinion,
    /// A news article.
    News,
    /// Anything else.
    Unknown,
}

impl DocType {
    /// The snake_case name used in CSV and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DocType::PressRelease => "press_release",
            DocType::CourtOpinion => "court_opinion",
            DocType::News => "news",
            DocType::Unknown => "unknown",
        }
    }
}

/// How sure the extractor is of each field, 0–1 (0 when the field is empty).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct FieldConfidence {
    /// Document date.
    pub doc_date: f32,
    /// District.
    pub district: f32,
    /// Defendant name.
    pub defendant_name: f32,
    /// Age.
    pub age: f32,
    /// City and state.
    pub residence: f32,
    /// Event.
    pub event: f32,
    /// Event date.
    pub event_date: f32,
    /// Sentence.
    pub sentence: f32,
}

/// One defendant as a document reports them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtractedRecord {
    /// Kind of document.
    pub doc_type: DocType,
    /// Release / filing date, days since 1970-01-01.
    pub doc_date: Option<i32>,
    /// District court id (`tned`).
    pub district: Option<String>,
    /// Confidence in `district` (lower when inferred from a dateline).
    pub district_confidence: f32,
    /// Defendant's name as written.
    pub defendant_name: Option<String>,
    /// The same name through the shared name parser (folded; titles such as "Dr." dropped).
    pub defendant_name_parsed: Option<ParsedName>,
    /// Age as stated.
    pub age: Option<u32>,
    /// City of residence.
    pub city: Option<String>,
    /// Two-letter state of residence.
    pub state: Option<String>,
    /// The most advanced event reported.
    pub event: Option<Event>,
    /// When that event happened, days since 1970-01-01.
    pub event_date: Option<i32>,
    /// How much of `event_date` was stated.
    pub event_date_precision: Option<Precision>,
    /// Prison term in months.
    pub sentence_months: Option<u32>,
    /// A life sentence.
    pub life_sentence: bool,
    /// Offence statutes, `"18 U.S.C. § 2252A"`.
    pub statutes: Vec<String>,
    /// Docket numbers, canonical `office:yy-type-nnnnn`.
    pub case_numbers: Vec<String>,
    /// CyberTipline report numbers.
    pub tip_numbers: Vec<u64>,
    /// Providers named (canonical).
    pub esp: Vec<String>,
    /// Whether a CyberTip / NCMEC is mentioned.
    pub mentions_cybertip: bool,
    /// Per-field confidence.
    pub confidence: FieldConfidence,
}

/// Extract one record per defendant from a document (plain text or HTML).
///
/// `reference_date` (days since epoch) resolves "today" when the document carries no date.
///
/// ```
/// let recs = caselink::extract::extract(
///     "Thursday, March 4, 2021\nKNOXVILLE, Tenn. – Darren Lee Whitfield, 41, of Knoxville, was sentenced today \
///      to 180 months in federal prison, announced the U.S. Attorney for the Eastern District of Tennessee.",
///     None,
/// );
/// assert_eq!(recs.len(), 1);
/// assert_eq!(recs[0].defendant_name.as_deref(), Some("Darren Lee Whitfield"));
/// assert_eq!(recs[0].district.as_deref(), Some("tned"));
/// assert_eq!(recs[0].sentence_months, Some(180));
/// assert_eq!(recs[0].defendant_name_parsed.as_ref().map(|p| p.surname.join(" ")).as_deref(), Some("whitfield"));
/// assert!(caselink::extract::extract("\u{0}\u{1}\u{2}", None).is_empty());
/// ```
pub fn extract(text: &str, reference_date: Option<i32>) -> Vec<ExtractedRecord> {
    let text = &text[..places::floor(text, text.len().min(MAX_INPUT))];
    let plain = if html::looks_like_html(text) { html::to_text(text) } else { clean_plain(text) };
    if is_garbage(&plain) {
        return Vec::new();
    }
    let body = drop_boilerplate(&plain);
    let doc_type = classify(&body);
    let doc_date = doc_date(&body, doc_type);
    let base = doc_date.or(reference_date);
    let dateline = if doc_type == DocType::CourtOpinion { None } else { find_dateline(&body) };
    let (district, district_conf) = find_district(&body, doc_type, dateline.as_ref());
    let district_state = district.and_then(places::row).map(|r| r.state_code.clone());
    let dateline_state = dateline.as_ref().and_then(|d| d.state.as_deref()).and_then(places::state_code);

    // Who: the caption for opinions, appositions in prose otherwise.
    let mut mentions = Vec::new();
    if doc_type == DocType::CourtOpinion
        && let Some((name, start)) = people::caption_defendant(&body)
    {
        mentions.push(people::Mention { name, start, age: None, city: None, state: None });
    }
    if mentions.is_empty() {
        mentions = people::prose_defendants(&body);
    }
    if mentions.is_empty() {
        return Vec::new();
    }
    fill_from_defendant_blocks(&body, &mut mentions);

    // Each defendant owns the text from the sentence of its first mention to the next
    // defendant's; the lead before the first one is shared.
    let starts: Vec<usize> = mentions.iter().map(|m| events::sentence_bounds(&body, m.start).0).collect();
    let first = starts.iter().copied().min().unwrap_or(0);
    let prefix = &body[..first];
    let lead = LEAD.captures(&body);

    let mut out = Vec::with_capacity(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        let seg_start = if doc_type == DocType::CourtOpinion { first } else { starts[i] };
        let seg_end = starts.iter().copied().filter(|&s| s > seg_start).min().unwrap_or(body.len());
        let seg = &body[seg_start..seg_end];
        let scope = format!("{prefix}\n{seg}");
        let mut rec = empty_record(doc_type, doc_date, district, district_conf);
        rec.defendant_name = Some(m.name.clone());
        rec.defendant_name_parsed = Some(parse_name(&m.name));
        rec.confidence.defendant_name = if doc_type == DocType::CourtOpinion { 0.95 } else { 0.85 };
        rec.age = m.age;

        // Where the defendant lives.
        let mut city = m.city.clone();
        let mut state_written = m.state.clone();
        if city.is_none()
            && seg.contains("both")
            && let Some(c) = BOTH_OF.captures(seg)
        {
            city = c.get(1).map(|x| x.as_str().to_string());
            state_written = c.get(2).map(|x| x.as_str().to_string());
        }
        if let Some(l) = &lead
            && (city.is_none() || rec.age.is_none())
            && l.get(0).is_some_and(|x| x.start() < seg_end)
        {
            if rec.age.is_none() {
                rec.age = l.get(1).and_then(|a| a.as_str().parse().ok());
            }
            if city.is_none() {
                city = l.get(2).map(|x| x.as_str().to_string());
                state_written = l.get(3).map(|x| x.as_str().to_string());
            }
        }
        if city.is_none()
            && ["home", "residence", "house", "apartment"].iter().any(|w| scope.contains(w))
            && let Some(c) = HOME_IN.captures(&scope)
        {
            city = c.get(1).map(|x| x.as_str().to_string());
            state_written = c.get(2).map(|x| x.as_str().to_string());
        }
        rec.confidence.age = if rec.age.is_some() { 0.9 } else { 0.0 };
        if let Some(c) = city {
            let st = state_written.as_deref().and_then(places::state_code);
            rec.state = st
                .map(str::to_string)
                .or_else(|| dateline_state.map(str::to_string))
                .or_else(|| district_state.clone());
            rec.city = Some(c);
            rec.confidence.residence = if st.is_some() { 0.9 } else { 0.7 };
        }

        // What happened, and when.
        if doc_type == DocType::CourtOpinion {
            let appeal =
                body.contains("COURT OF APPEALS") || body.contains("Court of Appeals") || body.contains("Appellant");
            rec.event = Some(if appeal { Event::Appeal } else { Event::MotionRuling });
            rec.event_date = doc_date;
            rec.event_date_precision = doc_date.map(|_| Precision::Day);
            rec.confidence.event = 0.9;
        } else {
            let cues = events::cues(&scope);
            if let Some(best) = cues.iter().map(|c| c.event).max() {
                rec.event = Some(best);
                rec.confidence.event = 0.8;
                if let Some((d, p)) =
                    cues.iter().filter(|c| c.event == best).find_map(|c| events::cue_date(&scope, c, base))
                {
                    rec.event_date = Some(d);
                    rec.event_date_precision = Some(p);
                }
            }
        }
        rec.confidence.event_date = if rec.event_date.is_some() { 0.8 } else { 0.0 };
        if matches!(rec.event, Some(Event::Sentenced | Event::Appeal | Event::MotionRuling)) {
            let (months, life) = events::prison_term(&scope);
            rec.sentence_months = months;
            rec.life_sentence = life;
            rec.confidence.sentence = if months.is_some() || life { 0.85 } else { 0.0 };
        }
        rec.statutes = refs::statutes(&scope);
        rec.case_numbers = refs::case_numbers(&scope);
        rec.tip_numbers = refs::tip_numbers(&scope);
        rec.esp = refs::esps(&scope);
        rec.mentions_cybertip = refs::mentions_cybertip(&scope);
        out.push(rec);
    }
    out
}

/// The closing block some offices print ("The Defendant:\nKWAME OSEI-BONSU\nAge: 44\nQueens,
/// New York"): fills age and residence the prose left out.
static DEFENDANT_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?mi)^[ \t]*the[ \t]+defendants?:[ \t]*\n((?:[ \t]*[^\n]+\n?){1,12})").expect("defendant block regex")
});
static BLOCK_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?mi)^[ \t]*([^\n]+?)[ \t]*\n[ \t]*age:?[ \t]*(\d{1,2})[ \t]*\n[ \t]*([^\n,]{2,40})(?:,[ \t]*([^\n]{2,30}))?$")
        .expect("block entry regex")
});

fn fill_from_defendant_blocks(text: &str, mentions: &mut [people::Mention]) {
    if !(text.contains("efendant") || text.contains("EFENDANT")) {
        return;
    }
    for block in DEFENDANT_BLOCK.captures_iter(text) {
        let Some(b) = block.get(1) else { continue };
        for e in BLOCK_ENTRY.captures_iter(b.as_str()) {
            let Some(name) = e.get(1) else { continue };
            let Some(m) = mentions.iter_mut().find(|m| people::same_person(&m.name, name.as_str())) else {
                continue;
            };
            if m.age.is_none() {
                m.age = e.get(2).and_then(|a| a.as_str().parse().ok());
            }
            if m.city.is_none() {
                m.city = e.get(3).map(|c| c.as_str().trim().to_string());
                m.state = e.get(4).map(|c| c.as_str().trim().to_string());
            }
        }
    }
}

fn empty_record(doc_type: DocType, doc_date: Option<i32>, district: Option<usize>, conf: f32) -> ExtractedRecord {
    ExtractedRecord {
        doc_type,
        doc_date,
        district: district.and_then(places::row).map(|r| r.court_id.clone()),
        district_confidence: conf,
        defendant_name: None,
        defendant_name_parsed: None,
        age: None,
        city: None,
        state: None,
        event: None,
        event_date: None,
        event_date_precision: None,
        sentence_months: None,
        life_sentence: false,
        statutes: Vec::new(),
        case_numbers: Vec::new(),
        tip_numbers: Vec::new(),
        esp: Vec::new(),
        mentions_cybertip: false,
        confidence: FieldConfidence {
            doc_date: if doc_date.is_some() { 0.9 } else { 0.0 },
            district: conf,
            ..FieldConfidence::default()
        },
    }
}

const CITY: &str = r"\p{Lu}[\p{L}.’'\-]*(?:[ \t]+\p{Lu}[\p{L}.’'\-]*){0,2}";
const STATE: &str = r"\p{Lu}[\p{L}.]*(?:[ \t]?\p{Lu}[\p{L}.]*)?";

static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:A|An|a|an)[ \t]+(?:(\d{{1,2}})-year-old[ \t]+)?({CITY})(?:,[ \t]*({STATE}),?)?[ \t]+(?:man|woman|resident|couple|father|mother|teacher)(?-u:\b)"
    ))
    .expect("lead regex")
});
static BOTH_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?-u:\b)both[ \t]+(?:of|from)[ \t]+(?:the[ \t]+)?({CITY})(?:,[ \t]*({STATE}))?"))
        .expect("both-of regex")
});
static HOME_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:his|her|their)[ \t]+(?:home|residence|house|apartment)[ \t]+in[ \t]+({CITY})(?:,[ \t]*({STATE}))?"
    ))
    .expect("home regex")
});

fn clean_plain(text: &str) -> String {
    text.chars().filter(|c| *c != '\r').map(|c| if c == '\u{a0}' || c == '\t' { ' ' } else { c }).collect()
}

/// Binary or empty input: too many control/replacement characters, or too few words.
fn is_garbage(text: &str) -> bool {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\u{fffd}' || (c.is_control() && c != '\n' && c != '\t') {
            bad += 1;
        }
    }
    if total == 0 || bad * 20 > total {
        return true;
    }
    text.split_whitespace().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2).take(10).count() < 10
}

/// Drop paragraphs that every release carries and that say nothing about this case.
fn drop_boilerplate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let psc = t.contains("Project Safe Childhood")
            && (t.contains("nationwide initiative") || t.contains("May 2006") || t.contains("justice.gov/psc"));
        let presumption = t.starts_with("An indictment is merely")
            || t.starts_with("A criminal complaint is")
            || t.starts_with("The charges contained")
            || t.starts_with("The details contained")
            || t.starts_with("All defendants are presumed");
        if !(psc || presumption) {
            out.push_str(line);
        }
    }
    out
}

static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)(?:^|\|)[ \t]*By[ \t]+\p{Lu}\p{L}+[ \t]+\p{Lu}").expect("byline regex"));
static RELEASE_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)u\.s\.[ \t]+attorney|united[ \t]+states[ \t]+attorney|project[ \t]+safe[ \t]+childhood|for[ \t]+immediate[ \t]+release|department[ \t]+of[ \t]+justice|(?-u:\b)announced(?-u:\b)")
        .expect("release regex")
});

/// A court heading in mixed case at the start of a line ("United States Court of Appeals / For
/// the Eighth Circuit"); in running text such words follow "the", so news stays news.
static COURT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^[ \t]*(?:in[ \t]+the[ \t]+)?united[ \t]+states[ \t]+(?:district[ \t]+court|court[ \t]+of[ \t]+appeals)(?-u:\b)")
        .expect("court heading regex")
});
/// What reporters write and press offices do not: a station or agency in the dateline
/// ("ROCHESTER, N.Y. (WHAM) —"), prosecutors in the third person, unreachable lawyers.
static NEWS_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*\p{Lu}[\p{Lu}.'’ ]+(?:,[^(\n]{2,20})?[ \t]*\([^)\d\n]*\p{Lu}{2,}[^)\d\n]*\)[ \t]*(?:—|–|-)")
        .expect("news dateline regex")
});
static NEWS_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)could[ \t]+not[ \t]+(?:immediately[ \t]+)?be[ \t]+reached|declined[ \t]+to[ \t]+comment|(?-u:\b)federal[ \t]+prosecutors[ \t]+said")
        .expect("news phrase regex")
});

/// The reporters' phrases, behind a substring test that rules most texts out cheaply.
fn news_phrase(text: &str) -> bool {
    ["reached", "omment", "rosecutors", "REACHED", "OMMENT", "ROSECUTORS"].iter().any(|w| text.contains(w))
        && NEWS_PHRASE.is_match(text)
}

fn classify(text: &str) -> DocType {
    let head = &text[..places::floor(text, text.len().min(4000))];
    if head.contains("UNITED STATES DISTRICT COURT")
        || head.contains("COURT OF APPEALS")
        || (head.contains("UNITED STATES OF AMERICA") && (head.contains("Plaintiff") || head.contains("Appellee")))
        || COURT_HEADING.is_match(head)
    {
        DocType::CourtOpinion
    } else if BYLINE.is_match(head) || NEWS_DATELINE.is_match(head) || news_phrase(text) {
        DocType::News
    } else if RELEASE_MARK.is_match(text) {
        DocType::PressRelease
    } else {
        DocType::Unknown
    }
}

static OPINION_DATE_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:filed|entered|dated|decided|date)\s*:?\s*$").expect("opinion date key regex")
});

fn doc_date(text: &str, doc_type: DocType) -> Option<i32> {
    let found = dates::find_all(text);
    let full = || found.iter().filter(|f| f.is_full());
    let day = |f: &dates::Found| f.resolve(None).map(|x| x.0);
    if doc_type == DocType::CourtOpinion {
        let keyed =
            full().find(|f| OPINION_DATE_KEY.is_match(&text[places::floor(text, f.start.saturating_sub(40))..f.start]));
        if let Some(f) = keyed {
            return day(f);
        }
        if let Some(f) = full().find(|f| text[f.start..f.end].to_lowercase().contains("day of")) {
            return day(f);
        }
    }
    for f in full() {
        let (ls, le) = line_bounds(text, f.start);
        let line = &text[ls..le];
        let rest = format!("{}{}", &text[ls..f.start], &text[f.end..le]);
        if f.start < 1500 && text[..f.start].ends_with('(') && text[f.end..].starts_with(')') {
            return day(f);
        }
        let lower_words = rest
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .count();
        if lower_words == 0 && rest.split_whitespace().count() <= 6 && !line.trim().is_empty() {
            return day(f);
        }
    }
    None
}

fn line_bounds(text: &str, pos: usize) -> (usize, usize) {
    let s = text[..pos].rfind('\n').map_or(0, |p| p + 1);
    let e = text[pos..].find('\n').map_or(text.len(), |p| pos + p);
    (s, e)
}

/// A dateline: "KNOXVILLE, Tenn. –".
#[derive(Debug, Clone)]
struct Dateline {
    city: String,
    state: Option<String>,
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*(\p{Lu}[\p{L}.'’ ]{1,28}?)(?:,[ \t]*(\p{Lu}[\p{L}. ]{1,20}?))?[ \t]*(?:\([^)\n]{3,30}\))?[ \t]*(–|—|--|-|:)[ \t]*\p{Lu}")
        .expect("dateline regex")
});

fn find_dateline(text: &str) -> Option<Dateline> {
    for c in DATELINE.captures_iter(text).take(20) {
        let city = c.get(1)?.as_str().trim();
        let state = c.get(2).map(|s| s.as_str().trim().to_string());
        let caps = city.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let state_ok = state.as_deref().and_then(places::state_code).is_some();
        // "SAVANNAH, GA: A Pooler man …" — a colon also ends headings ("DATED:", "Topic:"), so
        // a colon dateline must name its state.
        if c.get(3).is_some_and(|m| m.as_str() == ":") && !state_ok {
            continue;
        }
        if (caps && (state.is_none() || state_ok)) || (state_ok && city.split_whitespace().count() <= 3) {
            return Some(Dateline { city: city.to_string(), state: if state_ok { state } else { None } });
        }
    }
    None
}

fn find_district(text: &str, doc_type: DocType, dateline: Option<&Dateline>) -> (Option<usize>, f32) {
    let hits = places::find_districts(text);
    if doc_type == DocType::CourtOpinion
        && let Some(h) = hits.iter().find(|h| h.pos < 4000)
    {
        return (Some(h.idx), 0.95);
    }
    if let Some(h) = hits.iter().find(|h| h.anchored) {
        return (Some(h.idx), 0.95);
    }
    if let Some(h) = hits.first() {
        return (Some(h.idx), 0.85);
    }
    if let Some(d) = dateline {
        if let Some(idx) = places::city_district(&d.city, d.state.as_deref()) {
            return (Some(idx), 0.7);
        }
        if let Some(code) = d.state.as_deref().and_then(places::state_code) {
            let ds = places::districts_of(code);
            if ds.len() == 1 {
                return (Some(ds[0]), 0.75);
            }
        }
    }
    (None, 0.0)
}

/// The CSV header [`to_csv_row`] fills.
pub const CSV_HEADER: [&str; 24] = [
    "doc_id",
    "doc_type",
    "doc_date",
    "district",
    "district_confidence",
    "defendant_name",
    "age",
    "city",
    "state",
    "event",
    "event_date",
    "event_date_precision",
    "sentence_months",
    "life_sentence",
    "statutes",
    "case_numbers",
    "tip_numbers",
    "esp",
    "mentions_cybertip",
    "name_confidence",
    "defendant_given",
    "defendant_middle",
    "defendant_surname",
    "defendant_suffix",
];

/// One CSV row (matching [`CSV_HEADER`]): dates as ISO, lists joined with `;`.
///
/// ```
/// let r = caselink::extract::extract("Darren Lee Whitfield, 41, of Knoxville, was sentenced to 180 months by the U.S. Attorney's office today.", None);
/// let row = caselink::extract::to_csv_row("a.txt", &r[0]);
/// assert_eq!(row.len(), caselink::extract::CSV_HEADER.len());
/// assert_eq!(row[0], "a.txt");
/// ```
pub fn to_csv_row(doc_id: &str, r: &ExtractedRecord) -> Vec<String> {
    let opt = |v: Option<String>| v.unwrap_or_default();
    vec![
        doc_id.to_string(),
        r.doc_type.as_str().to_string(),
        opt(r.doc_date.map(iso)),
        opt(r.district.clone()),
        format!("{:.2}", r.district_confidence),
        opt(r.defendant_name.clone()),
        opt(r.age.map(|a| a.to_string())),
        opt(r.city.clone()),
        opt(r.state.clone()),
        opt(r.event.map(|e| e.as_str().to_string())),
        opt(r.event_date.map(iso)),
        opt(r.event_date_precision.map(|p| match p {
            Precision::Day => "day".to_string(),
            Precision::Month => "month".to_string(),
            Precision::Year => "year".to_string(),
        })),
        opt(r.sentence_months.map(|m| m.to_string())),
        r.life_sentence.to_string(),
        r.statutes.join(";"),
        r.case_numbers.join(";"),
        r.tip_numbers.iter().map(u64::to_string).collect::<Vec<_>>().join(";"),
        r.esp.join(";"),
        r.mentions_cybertip.to_string(),
        format!("{:.2}", r.confidence.defendant_name),
        opt(r.defendant_name_parsed.as_ref().and_then(|p| p.given.clone())),
        r.defendant_name_parsed.as_ref().map(|p| p.middle.join(" ")).unwrap_or_default(),
        r.defendant_name_parsed.as_ref().map(|p| p.surname.join(" ")).unwrap_or_default(),
        opt(r.defendant_name_parsed.as_ref().and_then(|p| p.suffix.clone())),
    ]
}

/// One JSON object per record with `doc_id` first and ISO dates (for `--format jsonl`).
pub fn to_json_row(doc_id: &str, r: &ExtractedRecord) -> serde_json::Value {
    let row = to_csv_row(doc_id, r);
    let mut map = serde_json::Map::new();
    for (k, v) in CSV_HEADER.iter().zip(row) {
        let value = match *k {
            "statutes" => serde_json::json!(r.statutes),
            "case_numbers" => serde_json::json!(r.case_numbers),
            "tip_numbers" => serde_json::json!(r.tip_numbers),
            "esp" => serde_json::json!(r.esp),
            "life_sentence" => serde_json::json!(r.life_sentence),
            "mentions_cybertip" => serde_json::json!(r.mentions_cybertip),
            "age" => serde_json::json!(r.age),
            "sentence_months" => serde_json::json!(r.sentence_months),
            "district_confidence" => serde_json::json!(r.district_confidence),
            "name_confidence" => serde_json::json!(r.confidence.defendant_name),
            _ if v.is_empty() => serde_json::Value::Null,
            _ => serde_json::Value::String(v),
        };
        map.insert((*k).to_string(), value);
    }
    serde_json::Value::Object(map)
}
