//! The 94 federal judicial districts: every spelling → the PACER court id (`E.D. Va.`, `EDVA`,
//! `Eastern District of Virginia` → `vaed`), and a state → its districts. The table is embedded
//! from `core/data/districts.csv`, so nothing is read at run time.
//!
//! How spellings collapse: the text is folded ([`fold_alnum`]) into words; state names and
//! abbreviations (`Tennessee`, `Tenn.`) become the postal code, direction words become one letter
//! (`Eastern` → `e`), `District`/`Dist.` becomes `d`, filler (`the`, `of`, `for`) is dropped, and
//! court words (`U.S.`, `United States`, `District Court`, `USDC`, `USAO`, `Attorney's Office`)
//! are dropped but remembered. The rest is glued into one key, so `Eastern District of Virginia`,
//! `E.D. Va.`, `E. D. Va.`, `ED VA` and `EDVA` all become `edva`; one `HashMap` holds the keys of
//! every spelling of every district. A key that is only a state code names a district only when
//! court words were present and the state has one district (`District Court of Guam`, `United
//! States District Court, Nebraska`); a bare state name is a state ([`state_districts`]), never a
//! district — except `District of Columbia` / `D.C.`, whose state is its district.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::text::fold_alnum;

/// One federal district.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct District {
    /// PACER/CM-ECF court id, e.g. `vaed`.
    pub court_id: String,
    /// Two-letter state code, e.g. `VA` (`DC`, `PR`, `GU`, `VI`, `MP` included).
    pub state_code: String,
    /// State name, e.g. `Virginia`.
    pub state: String,
    /// Full name, e.g. `Eastern District of Virginia`.
    pub name: String,
    /// Bluebook citation, e.g. `E.D. Va.`.
    pub short_citation: String,
    /// US Attorney's office abbreviation, e.g. `EDVA`.
    pub usao: String,
}

/// The embedded table (see `core/data/districts.csv` and `shared/data/README.md`).
const CSV: &str = include_str!("../../data/districts.csv");

/// Abbreviations in use beyond the table's AP and Bluebook forms, as (spelling, state code).
const EXTRA_STATE_SPELLINGS: &[(&str, &str)] = &[
    ("Calif.", "CA"),
    ("Cal.", "CA"),
    ("Penn.", "PA"),
    ("Penna.", "PA"),
    ("Wisc.", "WI"),
    ("Nebr.", "NE"),
    ("Kans.", "KS"),
    ("Oreg.", "OR"),
    ("Ore.", "OR"),
    ("Tex.", "TX"),
    ("Haw.", "HI"),
    ("Mass.", "MA"),
    ("Colo.", "CO"),
    ("Conn.", "CT"),
    ("Wash.", "WA"),
    ("W. Va.", "WV"),
    ("W.V.", "WV"),
    ("Washington, D.C.", "DC"),
    ("Washington DC", "DC"),
    ("N. Mar. I.", "MP"),
    ("CNMI", "MP"),
    ("Mariana Islands", "MP"),
    ("U.S. Virgin Islands", "VI"),
    ("USVI", "VI"),
];

/// The six direction words of district names and their letters.
const DIRECTIONS: &[(&str, &str)] =
    &[("eastern", "e"), ("western", "w"), ("northern", "n"), ("southern", "s"), ("middle", "m"), ("central", "c")];

/// Words dropped from keys that mark the text as naming a court or US Attorney's office.
const COURT_WORDS: &[&str] =
    &["court", "courts", "usdc", "usao", "attorney", "attorneys", "office", "offices", "federal"];

/// Multi-word phrases dropped from keys that mark the text as naming a court.
const COURT_PHRASES: &[&str] = &["united states", "u s", "us", "district court", "dist ct", "u s d c", "u s a o"];

/// Words dropped from keys without meaning anything.
const FILLER: &[&str] = &["the", "of", "for", "at", "and"];

/// What a run of words in a spelling stands for.
#[derive(Debug, Clone, Copy)]
enum Piece {
    /// A state: its lower-case code.
    State(&'static str),
    /// A court word: dropped, but remembered.
    Court,
}

/// The parsed table and its lookup maps.
#[derive(Debug)]
struct Table {
    districts: Vec<District>,
    /// Normalized key → index into `districts`.
    keys: HashMap<String, usize>,
    /// Phrases of one to three folded words → what they stand for.
    phrases: HashMap<String, Piece>,
    /// Compact folded state spelling (`tenn`, `newyork`, `wva`) → index of a district of that state.
    states: HashMap<String, usize>,
    /// Keys that two districts both claimed (kept by the first); empty for the shipped table.
    conflicts: Vec<String>,
}

/// Fold to lower-case alphanumerics with no spaces at all: the state-name key.
fn compact(raw: &str) -> String {
    fold_alnum(raw).replace(' ', "")
}

/// [`fold_alnum`] for ASCII input, without the Unicode normalization pass (the lookup hot path).
fn ascii_fold_alnum(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.chars() {
        match c {
            '\'' | '`' => {}
            c if c.is_ascii_alphanumeric() => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c.to_ascii_lowercase());
            }
            _ => pending_space = true,
        }
    }
    out
}

/// Leak a string into a `&'static str` (called only while building the one static table).
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// The state part of a Bluebook district citation (`E.D. Va.` → `Va.`, `D.N.H.` → `N.H.`).
fn citation_state(cite: &str) -> &str {
    let c = cite.trim();
    let c = match c.as_bytes() {
        [b'E' | b'W' | b'N' | b'S' | b'M' | b'C', b'.', ..] => c[2..].trim_start(),
        _ => c,
    };
    c.strip_prefix("D.").map_or(c, str::trim_start)
}

impl Table {
    fn build() -> Table {
        let mut districts = Vec::new();
        let mut variants = Vec::new();
        let mut extra_names = Vec::new();
        let mut ap = Vec::new();
        let mut reader = csv::Reader::from_reader(CSV.as_bytes());
        // The table is fixed at compile time and checked by the tests; a malformed row is skipped
        // rather than panicking at run time.
        for row in reader.deserialize::<HashMap<String, String>>().flatten() {
            let get = |k: &str| row.get(k).map(|v| v.trim().to_string()).unwrap_or_default();
            districts.push(District {
                court_id: get("pacer_court_id"),
                state_code: get("state_code"),
                state: get("state"),
                name: get("district_name"),
                short_citation: get("short_citation"),
                usao: get("usao_abbrev"),
            });
            variants.push(get("variants").split('|').map(|v| v.trim().to_string()).collect::<Vec<_>>());
            extra_names.push(get("courtlistener_name"));
            ap.push(get("ap_state_abbrev"));
        }

        // States: every spelling → a district of that state.
        let mut states = HashMap::new();
        let mut phrases: HashMap<String, Piece> = HashMap::new();
        let by_code: HashMap<&str, usize> =
            districts.iter().enumerate().map(|(i, d)| (d.state_code.as_str(), i)).collect();
        let mut state_spellings: Vec<(String, usize)> = Vec::new();
        for (i, d) in districts.iter().enumerate() {
            for s in [d.state.as_str(), d.state_code.as_str(), ap[i].as_str(), citation_state(&d.short_citation)] {
                state_spellings.push((s.to_string(), i));
            }
        }
        for (s, code) in EXTRA_STATE_SPELLINGS {
            if let Some(&i) = by_code.get(code) {
                state_spellings.push((s.to_string(), i));
            }
        }
        for (s, i) in state_spellings {
            let folded = fold_alnum(&s);
            if folded.is_empty() {
                continue;
            }
            states.entry(folded.replace(' ', "")).or_insert(i);
            // In keys, one-letter words are glued anyway (`n y` → `ny`), so only spellings with
            // a longer word need a phrase entry. Leak the code only when it is stored: a leaked
            // string that is dropped is a real (valgrind "definite") leak.
            if folded.split(' ').any(|w| w.len() > 1) {
                phrases
                    .entry(folded)
                    .or_insert_with(|| Piece::State(leak(districts[i].state_code.to_ascii_lowercase())));
            }
        }
        for p in COURT_PHRASES.iter().chain(COURT_WORDS) {
            phrases.insert(p.to_string(), Piece::Court);
        }

        let mut table = Table { districts, keys: HashMap::new(), phrases, states, conflicts: Vec::new() };
        for i in 0..table.districts.len() {
            let d = &table.districts[i];
            let code = d.state_code.to_ascii_lowercase();
            let dir = match d.name.split(' ').next().map(str::to_ascii_lowercase) {
                Some(w) => DIRECTIONS.iter().find(|(word, _)| *word == w).map(|(_, l)| *l),
                None => None,
            };
            let mut spellings = vec![d.court_id.clone(), d.usao.clone(), d.short_citation.clone(), d.name.clone()];
            spellings.extend(variants[i].iter().cloned());
            spellings.push(extra_names[i].clone());
            let mut keys: Vec<String> = spellings.iter().map(|s| table.key(s).0).collect();
            // Generated forms: `edtn`, `tne`, `tned`; `dak`, `akd`.
            match dir {
                Some(l) => keys.extend([format!("{l}d{code}"), format!("{code}{l}"), format!("{code}{l}d")]),
                None => keys.extend([format!("d{code}"), format!("{code}d")]),
            }
            keys.push(d.court_id.to_ascii_lowercase());
            keys.push(d.usao.to_ascii_lowercase());
            for k in keys {
                // A bare state code is a state, not a district (DC excepted: its state is its district).
                if k.is_empty() || (table.is_state_code(&k) && k != "dc") {
                    continue;
                }
                match table.keys.get(&k) {
                    Some(&j) if j != i => table
                        .conflicts
                        .push(format!("{k}: {} vs {}", table.districts[j].court_id, table.districts[i].court_id)),
                    Some(_) => {}
                    None => {
                        table.keys.insert(k, i);
                    }
                }
            }
        }
        table
    }

    fn is_state_code(&self, k: &str) -> bool {
        k.len() == 2 && self.districts.iter().any(|d| d.state_code.eq_ignore_ascii_case(k))
    }

    /// The normalized key of a spelling, and whether court words were seen.
    fn key(&self, raw: &str) -> (String, bool) {
        let folded = if raw.is_ascii() { ascii_fold_alnum(raw) } else { fold_alnum(raw) };
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let mut key = String::with_capacity(folded.len());
        let mut phrase = String::with_capacity(folded.len());
        let mut court = false;
        let mut i = 0;
        'words: while i < words.len() {
            for n in (2..=3).rev() {
                if i + n <= words.len() {
                    phrase.clear();
                    for (k, w) in words[i..i + n].iter().enumerate() {
                        if k > 0 {
                            phrase.push(' ');
                        }
                        phrase.push_str(w);
                    }
                    if let Some(piece) = self.phrases.get(&phrase) {
                        match piece {
                            Piece::State(code) => key.push_str(code),
                            Piece::Court => court = true,
                        }
                        i += n;
                        continue 'words;
                    }
                }
            }
            let w = words[i];
            i += 1;
            if let Some((_, l)) = DIRECTIONS.iter().find(|(word, _)| *word == w) {
                key.push_str(l);
            } else if w == "district" || w == "dist" {
                key.push('d');
            } else if FILLER.contains(&w) {
            } else if let Some(piece) = self.phrases.get(w) {
                match piece {
                    Piece::State(code) => key.push_str(code),
                    Piece::Court => court = true,
                }
            } else if let Some(&j) = self.states.get(w) {
                // A glued state spelling (`wva`).
                key.push_str(&self.districts[j].state_code.to_ascii_lowercase());
            } else {
                i += self.push_glued(&mut key, w, words.get(i).copied());
            }
        }
        (key, court)
    }

    /// Push an unknown word, splitting a glued citation (`edtenn` → `ed` + `tn`, `dmass` → `d` + `ma`,
    /// `ndw va` → `nd` + `wv`); returns how many following words were used too.
    fn push_glued(&self, key: &mut String, w: &str, next: Option<&str>) -> usize {
        for p in ["d", "ed", "wd", "nd", "sd", "md", "cd"] {
            let Some(rest) = w.strip_prefix(p) else { continue };
            let (state, used) = match (self.states.get(rest), next) {
                (Some(&j), _) => (j, 0),
                (None, Some(n)) if !rest.is_empty() => match self.states.get(&format!("{rest}{n}")) {
                    Some(&j) => (j, 1),
                    None => continue,
                },
                _ => continue,
            };
            key.push_str(p);
            key.push_str(&self.districts[state].state_code.to_ascii_lowercase());
            return used;
        }
        key.push_str(w);
        0
    }

    fn lookup(&self, raw: &str) -> Option<usize> {
        let (key, court) = self.key(raw);
        if let Some(&i) = self.keys.get(&key) {
            return Some(i);
        }
        if court && self.is_state_code(&key) {
            let mut found = self.districts.iter().enumerate().filter(|(_, d)| d.state_code.eq_ignore_ascii_case(&key));
            let (i, _) = found.next()?;
            return found.next().is_none().then_some(i);
        }
        None
    }
}

static TABLE: LazyLock<Table> = LazyLock::new(Table::build);

/// All districts, in the order of the embedded table. Index positions are stable ids.
///
/// ```
/// assert_eq!(caselink::normalize::district::all().len(), 94);
/// ```
pub fn all() -> &'static [District] {
    &TABLE.districts
}

/// The index (into [`all`]) of the district `raw` names, in any spelling.
///
/// ```
/// use caselink::normalize::district::{all, lookup_index};
/// let spellings = ["E.D. Va.", "EDVA", "vaed", "Eastern District of Va.", "U.S. District Court for the E.D. Va."];
/// for s in spellings {
///     assert_eq!(all()[lookup_index(s).unwrap()].court_id, "vaed");
/// }
/// assert_eq!(lookup_index("Virginia"), None);
/// ```
pub fn lookup_index(raw: &str) -> Option<usize> {
    TABLE.lookup(raw)
}

/// The district `raw` names, in any spelling.
pub fn lookup(raw: &str) -> Option<&'static District> {
    lookup_index(raw).map(|i| &all()[i])
}

/// The two-letter code of the state `raw` names (`Tennessee`, `Tenn.`, `TN`).
///
/// ```
/// use caselink::normalize::district::state_code;
/// assert_eq!(state_code("Tenn."), Some("TN"));
/// assert_eq!(state_code("calif"), Some("CA"));
/// assert_eq!(state_code("Narnia"), None);
/// ```
pub fn state_code(raw: &str) -> Option<&'static str> {
    let mut key = compact(raw);
    for prefix in ["stateof", "commonwealthof", "territoryof"] {
        if let Some(rest) = key.strip_prefix(prefix) {
            key = rest.to_string();
        }
    }
    let table: &'static Table = &TABLE;
    table.states.get(&key).map(|&i| table.districts[i].state_code.as_str())
}

/// Indices (into [`all`]) of the districts in the state `raw` names.
///
/// ```
/// use caselink::normalize::district::{all, state_districts};
/// let ids: Vec<&str> = state_districts("Tennessee").iter().map(|&i| all()[i].court_id.as_str()).collect();
/// assert_eq!(ids, ["tned", "tnmd", "tnwd"]);
/// ```
pub fn state_districts(raw: &str) -> Vec<usize> {
    match state_code(raw) {
        Some(code) => all().iter().enumerate().filter(|(_, d)| d.state_code == code).map(|(i, _)| i).collect(),
        None => Vec::new(),
    }
}

/// The JSON that `caselink normalize district` prints.
pub fn describe(raw: &str) -> serde_json::Value {
    match lookup(raw) {
        Some(d) => serde_json::json!({"input": raw, "court_id": d.court_id, "state": d.state_code, "name": d.name}),
        None => serde_json::json!({"input": raw, "court_id": null, "state": state_code(raw), "name": null}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_districts_share_a_key() {
        assert!(TABLE.conflicts.is_empty(), "{:?}", TABLE.conflicts);
    }

    #[test]
    fn ascii_fold_matches_fold_alnum() {
        for s in ["U.S. Attorney's Office", "  E.D.Va. ", "`quoted` -- x", "", "N.D.W. Va.", "a\tb\nc"] {
            assert_eq!(ascii_fold_alnum(s), fold_alnum(s), "{s:?}");
        }
    }

    #[test]
    fn citation_state_strips_the_district_part() {
        assert_eq!(citation_state("E.D. Va."), "Va.");
        assert_eq!(citation_state("D.N.H."), "N.H.");
        assert_eq!(citation_state("N.D.W. Va."), "W. Va.");
        assert_eq!(citation_state("D. N. Mar. I."), "N. Mar. I.");
        assert_eq!(citation_state("D.D.C."), "D.C.");
    }

    proptest::proptest! {
        #[test]
        fn ascii_fold_agrees(s in "[ -~\t\n]{0,40}") {
            proptest::prop_assert_eq!(ascii_fold_alnum(&s), fold_alnum(&s));
        }
    }

    #[test]
    fn keys_collapse_spellings() {
        for s in ["Eastern District of Virginia", "E.D. Va.", "E. D. Va.", "ED VA", "EDVA", "USDC EDVA"] {
            assert_eq!(TABLE.key(s).0, "edva", "{s}");
        }
        assert_eq!(TABLE.key("United States District Court, Nebraska"), ("ne".to_string(), true));
    }
}
