//! Districts and states as they are written in prose: "U.S. Attorney for the Eastern District of
//! Tennessee", "EASTERN DISTRICT OF KENTUCKY", "E.D. Tenn.", a dateline "KNOXVILLE, Tenn. –".
//! The spans are found here; naming them (district ids, state codes) is the shared district
//! normalizer's job, so district indices are indices into [`district::all`].

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::normalize::district::{self, District};

/// The district row at `idx` (an index into [`district::all`]).
pub fn row(idx: usize) -> Option<&'static District> {
    district::all().get(idx)
}

/// Two-letter code of a state spelling (`Tennessee`, `Tenn.`, `TN`, `W.Va.`).
pub fn state_code(s: &str) -> Option<&'static str> {
    if s.trim().is_empty() {
        return None;
    }
    district::state_code(s)
}

/// Indices of the districts of a state code.
pub fn districts_of(code: &str) -> Vec<usize> {
    district::all().iter().enumerate().filter(|(_, r)| r.state_code == code).map(|(i, _)| i).collect()
}

static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(eastern|western|northern|southern|middle|central)\s+)?district\s+of\s+(?:the\s+)?([a-z]+(?:[ \t]+[a-z]+){0,2})")
        .expect("district regex")
});

/// Short citations (`E.D. Tenn.`) → district index, and one regex finding any of them.
static CITES: LazyLock<(HashMap<&'static str, usize>, Option<Regex>)> = LazyLock::new(|| {
    let by_cite: HashMap<&'static str, usize> =
        district::all().iter().enumerate().map(|(i, d)| (d.short_citation.as_str(), i)).collect();
    let mut cites: Vec<&&str> = by_cite.keys().collect();
    cites.sort_by_key(|c| std::cmp::Reverse(c.len()));
    let alt = cites.iter().map(|c| regex::escape(c)).collect::<Vec<_>>().join("|");
    let re = Regex::new(&format!(r"(?-u:\b)(?:{alt})")).ok();
    (by_cite, re)
});

/// A district named in the text.
#[derive(Debug, Clone, Copy)]
pub struct DistrictHit {
    /// Byte offset.
    pub pos: usize,
    /// Row index.
    pub idx: usize,
    /// Whether an office or court word precedes it ("Attorney for the …", "Court for the …").
    pub anchored: bool,
}

/// Every district phrase ("Eastern District of Tennessee", "E.D. Tenn.") in the text, in order.
pub fn find_districts(text: &str) -> Vec<DistrictHit> {
    let mut out = Vec::new();
    for c in PHRASE.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let dir = c.get(1).map_or("", |m| m.as_str());
        let words: Vec<&str> = c.get(2).map_or("", |m| m.as_str()).split_whitespace().collect();
        // The phrase regex takes up to three words after "of"; the longest prefix that names a
        // district wins ("District of South Dakota said" → "South Dakota").
        let found = (1..=words.len()).rev().find_map(|n| {
            let phrase = format!("{dir} district of {}", words[..n].join(" "));
            district::lookup_index(phrase.trim())
        });
        if let Some(idx) = found {
            let before = &text[floor(text, whole.start().saturating_sub(60))..whole.start()].to_lowercase();
            let anchored = before.contains("attorney") || before.contains("court") || before.contains("office");
            out.push(DistrictHit { pos: whole.start(), idx, anchored });
        }
    }
    let (by_cite, re) = &*CITES;
    // Every short citation has "D." (E.D. Tenn., D. Mont., D.N.J.): skip the scan without one.
    if let Some(re) = re.as_ref().filter(|_| text.contains("D.")) {
        for m in re.find_iter(text) {
            if let Some(&idx) = by_cite.get(m.as_str()) {
                out.push(DistrictHit { pos: m.start(), idx, anchored: false });
            }
        }
    }
    out.sort_by_key(|h| h.pos);
    out
}

/// Largest char boundary ≤ i.
pub fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Lower-case alphanumerics, to compare state spellings ("N.C." ~ "n.c").
fn norm_state(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The shared normalizer has no city table, so this one stays here.
/// Cities a dateline names without a state (AP style) or that seat a US Attorney's office in a
/// state with several districts, with their district.
const CITIES: &[(&str, &str)] = &[
    ("atlanta", "gand"),
    ("baltimore", "mdd"),
    ("boston", "mad"),
    ("chicago", "ilnd"),
    ("cincinnati", "ohsd"),
    ("cleveland", "ohnd"),
    ("dallas", "txnd"),
    ("denver", "cod"),
    ("detroit", "mied"),
    ("honolulu", "hid"),
    ("houston", "txsd"),
    ("indianapolis", "insd"),
    ("las vegas", "nvd"),
    ("los angeles", "cacd"),
    ("miami", "flsd"),
    ("milwaukee", "wied"),
    ("minneapolis", "mnd"),
    ("new orleans", "laed"),
    ("new york", "nysd"),
    ("oklahoma city", "okwd"),
    ("philadelphia", "paed"),
    ("phoenix", "azd"),
    ("pittsburgh", "pawd"),
    ("st. louis", "moed"),
    ("salt lake city", "utd"),
    ("san antonio", "txwd"),
    ("san diego", "casd"),
    ("san francisco", "cand"),
    ("seattle", "wawd"),
    ("washington", "dcd"),
    ("birmingham", "alnd"),
    ("huntsville", "alnd"),
    ("montgomery", "almd"),
    ("mobile", "alsd"),
    ("little rock", "ared"),
    ("fort smith", "arwd"),
    ("fayetteville, ark", "arwd"),
    ("sacramento", "caed"),
    ("fresno", "caed"),
    ("oakland", "cand"),
    ("san jose", "cand"),
    ("santa ana", "cacd"),
    ("riverside", "cacd"),
    ("tampa", "flmd"),
    ("orlando", "flmd"),
    ("jacksonville", "flmd"),
    ("fort myers", "flmd"),
    ("tallahassee", "flnd"),
    ("pensacola", "flnd"),
    ("gainesville", "flnd"),
    ("fort lauderdale", "flsd"),
    ("west palm beach", "flsd"),
    ("macon", "gamd"),
    ("columbus, ga", "gamd"),
    ("albany, ga", "gamd"),
    ("savannah", "gasd"),
    ("augusta", "gasd"),
    ("rome", "gand"),
    ("springfield, ill", "ilcd"),
    ("peoria", "ilcd"),
    ("urbana", "ilcd"),
    ("rock island", "ilcd"),
    ("east st. louis", "ilsd"),
    ("fairview heights", "ilsd"),
    ("benton", "ilsd"),
    ("hammond", "innd"),
    ("fort wayne", "innd"),
    ("south bend", "innd"),
    ("evansville", "insd"),
    ("cedar rapids", "iand"),
    ("sioux city", "iand"),
    ("des moines", "iasd"),
    ("davenport", "iasd"),
    ("lexington", "kyed"),
    ("london", "kyed"),
    ("covington", "kyed"),
    ("louisville", "kywd"),
    ("paducah", "kywd"),
    ("bowling green", "kywd"),
    ("baton rouge", "lamd"),
    ("shreveport", "lawd"),
    ("lafayette, la", "lawd"),
    ("grand rapids", "miwd"),
    ("kalamazoo", "miwd"),
    ("flint", "mied"),
    ("bay city", "mied"),
    ("oxford, miss", "msnd"),
    ("jackson, miss", "mssd"),
    ("gulfport", "mssd"),
    ("kansas city", "mowd"),
    ("springfield, mo", "mowd"),
    ("jefferson city", "mowd"),
    ("cape girardeau", "moed"),
    ("brooklyn", "nyed"),
    ("central islip", "nyed"),
    ("albany", "nynd"),
    ("syracuse", "nynd"),
    ("utica", "nynd"),
    ("binghamton", "nynd"),
    ("buffalo", "nywd"),
    ("rochester", "nywd"),
    ("white plains", "nysd"),
    ("raleigh", "nced"),
    ("wilmington, n.c", "nced"),
    ("greensboro", "ncmd"),
    ("winston-salem", "ncmd"),
    ("durham", "ncmd"),
    ("charlotte", "ncwd"),
    ("asheville", "ncwd"),
    ("toledo", "ohnd"),
    ("akron", "ohnd"),
    ("youngstown", "ohnd"),
    ("columbus", "ohsd"),
    ("dayton", "ohsd"),
    ("tulsa", "oknd"),
    ("muskogee", "oked"),
    ("harrisburg", "pamd"),
    ("scranton", "pamd"),
    ("williamsport", "pamd"),
    ("erie", "pawd"),
    ("johnstown", "pawd"),
    ("allentown", "paed"),
    ("knoxville", "tned"),
    ("chattanooga", "tned"),
    ("greeneville", "tned"),
    ("nashville", "tnmd"),
    ("memphis", "tnwd"),
    ("jackson, tenn", "tnwd"),
    ("tyler", "txed"),
    ("beaumont", "txed"),
    ("plano", "txed"),
    ("sherman", "txed"),
    ("fort worth", "txnd"),
    ("lubbock", "txnd"),
    ("amarillo", "txnd"),
    ("corpus christi", "txsd"),
    ("mcallen", "txsd"),
    ("brownsville", "txsd"),
    ("laredo", "txsd"),
    ("austin", "txwd"),
    ("el paso", "txwd"),
    ("waco", "txwd"),
    ("midland", "txwd"),
    ("alexandria", "vaed"),
    ("richmond, va", "vaed"),
    ("norfolk", "vaed"),
    ("newport news", "vaed"),
    ("roanoke", "vawd"),
    ("charlottesville", "vawd"),
    ("abingdon", "vawd"),
    ("harrisonburg", "vawd"),
    ("lynchburg", "vawd"),
    ("spokane", "waed"),
    ("yakima", "waed"),
    ("tacoma", "wawd"),
    ("wheeling", "wvnd"),
    ("clarksburg", "wvnd"),
    ("martinsburg", "wvnd"),
    ("charleston, w", "wvsd"),
    ("huntington", "wvsd"),
    ("beckley", "wvsd"),
    ("madison", "wiwd"),
    ("green bay", "wied"),
    ("concord", "nhd"),
    ("san juan", "prd"),
];

/// The district of a dateline city, given the state code the dateline wrote (if any).
pub fn city_district(city: &str, state: Option<&str>) -> Option<usize> {
    let c = city.trim().to_lowercase();
    let st = state.map(|s| s.to_lowercase());
    let id = CITIES.iter().find_map(|(name, id)| match name.split_once(", ") {
        Some((n, s)) => {
            (n == c && st.as_deref().is_some_and(|x| norm_state(x).starts_with(&norm_state(s)))).then_some(*id)
        }
        None => (*name == c).then_some(*id),
    });
    let id = id.or_else(|| {
        // A "city, st" key also answers a bare city when its state matches.
        CITIES.iter().find_map(|(name, id)| {
            let (n, _) = name.split_once(", ")?;
            (n == c).then_some(*id)
        })
    })?;
    let idx = district::all().iter().position(|r| r.court_id == id)?;
    if let (Some(code), Some(r)) = (state.and_then(state_code), row(idx))
        && r.state_code != code
    {
        return None;
    }
    Some(idx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_and_citations() {
        let hits =
            find_districts("U.S. Attorney for the Eastern District of Tennessee and E.D. Ky. and DISTRICT OF MONTANA");
        let ids: Vec<_> = hits.iter().map(|h| row(h.idx).map(|r| r.court_id.as_str())).collect();
        assert_eq!(ids, [Some("tned"), Some("kyed"), Some("mtd")]);
        assert!(hits[0].anchored);
        assert_eq!(state_code("W.Va."), Some("WV"));
        assert_eq!(state_code("Tenn."), Some("TN"));
        assert_eq!(city_district("Knoxville", Some("Tenn.")).and_then(row).map(|r| r.court_id.as_str()), Some("tned"));
        assert!(city_district("Knoxville", Some("Iowa")).is_none());
    }
}
