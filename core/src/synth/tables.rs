//! The embedded frequency tables (`core/data/synth/*.csv`, `core/data/districts.csv`), parsed
//! once on first use.

use std::sync::OnceLock;

use super::names::nicknames_of;
use super::rng::{Weighted, mix};

/// One federal district as the generator spells it.
#[derive(Debug, Clone)]
pub struct District {
    /// PACER court id, e.g. `tned`.
    pub court_id: String,
    /// Full name, e.g. `Eastern District of Tennessee`.
    pub name: String,
    /// Bluebook citation, e.g. `E.D. Tenn.`.
    pub short_citation: String,
    /// US Attorney's office abbreviation, e.g. `EDTN`.
    pub usao: String,
    /// Other spellings seen in press releases and captions.
    pub variants: Vec<String>,
    /// Index into [`Tables::states`].
    pub state: usize,
}

/// One state or territory.
#[derive(Debug, Clone)]
pub struct State {
    /// Two-letter code.
    pub code: String,
    /// Full name.
    pub name: String,
    /// AP abbreviation (`Tenn.`).
    pub ap: String,
    /// State police or investigation bureau.
    pub police: String,
    /// FBI field offices serving the state.
    pub fbi: Vec<String>,
    /// HSI offices serving the state.
    pub hsi: Vec<String>,
    /// Indexes into [`Tables::cities`].
    pub cities: Vec<usize>,
    /// Weights over `cities` (earlier = larger).
    pub city_weights: Weighted,
    /// Indexes into [`Tables::districts`].
    pub districts: Vec<usize>,
}

/// One city.
#[derive(Debug, Clone)]
pub struct City {
    /// City name.
    pub name: String,
    /// A representative ZIP code.
    pub zip: u32,
    /// Index into [`Tables::states`].
    pub state: usize,
    /// The district whose court sits nearest (a fixed choice per city).
    pub district: usize,
}

/// All embedded tables.
#[derive(Debug)]
pub struct Tables {
    /// Surnames as displayed (accents kept), in frequency order.
    pub surnames: Vec<String>,
    /// Whether each surname is Hispanic (can form double surnames).
    pub hispanic: Vec<bool>,
    /// Weights over `surnames`.
    pub surname_weights: Weighted,
    /// Indexes of Hispanic surnames.
    pub hispanic_idx: Vec<usize>,
    /// Weights over `hispanic_idx`.
    pub hispanic_weights: Weighted,
    /// Given names (both sexes).
    pub given: Vec<String>,
    /// Nicknames per given name (same index).
    pub nicknames: Vec<&'static [&'static str]>,
    /// Indexes of male given names.
    pub male_idx: Vec<usize>,
    /// Weights over `male_idx`.
    pub male_weights: Weighted,
    /// Indexes of female given names.
    pub female_idx: Vec<usize>,
    /// Weights over `female_idx`.
    pub female_weights: Weighted,
    /// States and territories.
    pub states: Vec<State>,
    /// Weights over `states` (population).
    pub state_weights: Weighted,
    /// Cities.
    pub cities: Vec<City>,
    /// Federal districts.
    pub districts: Vec<District>,
    /// Electronic service providers and the mail domain they host, if any.
    pub esps: Vec<(String, Option<String>)>,
    /// Weights over `esps` (share of reports).
    pub esp_weights: Weighted,
}

const SURNAMES: &str = include_str!("../../data/synth/surnames.csv");
const GIVEN: &str = include_str!("../../data/synth/given_names.csv");
const CITIES: &str = include_str!("../../data/synth/cities.csv");
const STATES: &str = include_str!("../../data/synth/states.csv");
const ESPS: &str = include_str!("../../data/synth/esps.csv");
const DISTRICTS: &str = include_str!("../../data/districts.csv");

fn rows(text: &'static str) -> Vec<csv::StringRecord> {
    let mut r = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    // The tables are compiled in and covered by tests; a malformed row is a build defect.
    r.records().map(|x| x.expect("embedded synth table is valid CSV")).collect()
}

fn num(s: &str) -> u64 {
    s.trim().parse().unwrap_or(0)
}

/// The tables, parsed on first call.
pub fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(load)
}

fn load() -> Tables {
    let mut surnames = Vec::new();
    let mut hispanic = Vec::new();
    let mut sw = Vec::new();
    for r in rows(SURNAMES) {
        surnames.push(r[0].to_owned());
        sw.push(num(&r[1]));
        hispanic.push(&r[2] == "1");
    }
    let hispanic_idx: Vec<usize> = (0..surnames.len()).filter(|&i| hispanic[i]).collect();
    let hispanic_weights = Weighted::new(&hispanic_idx.iter().map(|&i| sw[i]).collect::<Vec<_>>());

    let mut given = Vec::new();
    let (mut male_idx, mut female_idx, mut mw, mut fw) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for r in rows(GIVEN) {
        let i = given.len();
        given.push(r[0].to_owned());
        if &r[1] == "M" {
            male_idx.push(i);
            mw.push(num(&r[2]));
        } else {
            female_idx.push(i);
            fw.push(num(&r[2]));
        }
    }
    let nicknames = given.iter().map(|g| nicknames_of(g)).collect();

    let mut states: Vec<State> = Vec::new();
    let mut pops = Vec::new();
    for r in rows(STATES) {
        pops.push(num(&r[1]));
        states.push(State {
            code: r[0].to_owned(),
            name: String::new(),
            ap: String::new(),
            police: r[2].to_owned(),
            fbi: r[3].split('|').map(str::to_owned).collect(),
            hsi: r[4].split('|').map(str::to_owned).collect(),
            cities: Vec::new(),
            city_weights: Weighted::default(),
            districts: Vec::new(),
        });
    }
    let state_of = |code: &str, states: &[State]| states.iter().position(|s| s.code == code);

    let mut districts = Vec::new();
    for r in rows(DISTRICTS) {
        let Some(si) = state_of(&r[1], &states) else { continue };
        states[si].name = r[0].to_owned();
        states[si].ap = r[9].to_owned();
        states[si].districts.push(districts.len());
        districts.push(District {
            court_id: r[6].to_owned(),
            name: r[2].to_owned(),
            short_citation: r[3].to_owned(),
            usao: r[4].to_owned(),
            variants: r[11].split('|').map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()).collect(),
            state: si,
        });
    }

    let mut cities = Vec::new();
    for r in rows(CITIES) {
        let Some(si) = state_of(&r[0], &states) else { continue };
        let ds = &states[si].districts;
        let district = if ds.is_empty() { 0 } else { ds[(mix(fnv(&r[1])) % ds.len() as u64) as usize] };
        states[si].cities.push(cities.len());
        cities.push(City { name: r[1].to_owned(), zip: num(&r[2]) as u32, state: si, district });
    }
    for s in &mut states {
        let w: Vec<u64> = (0..s.cities.len()).map(|k| (1000.0 / (k as f64 + 1.0).powf(0.8)) as u64).collect();
        s.city_weights = Weighted::new(&w);
    }
    // A state with no district or no city cannot host a case.
    for (i, s) in states.iter().enumerate() {
        if s.districts.is_empty() || s.cities.is_empty() {
            pops[i] = 0;
        }
    }

    let mut esps = Vec::new();
    let mut ew = Vec::new();
    for r in rows(ESPS) {
        esps.push((r[0].to_owned(), Some(r[2].to_owned()).filter(|d| !d.is_empty())));
        ew.push(num(&r[1]));
    }

    Tables {
        surname_weights: Weighted::new(&sw),
        surnames,
        hispanic,
        hispanic_idx,
        hispanic_weights,
        given,
        nicknames,
        male_weights: Weighted::new(&mw),
        male_idx,
        female_weights: Weighted::new(&fw),
        female_idx,
        state_weights: Weighted::new(&pops),
        states,
        cities,
        districts,
        esp_weights: Weighted::new(&ew),
        esps,
    }
}

/// FNV-1a of a string (a stable hash for per-name choices).
pub fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load_completely() {
        let t = tables();
        assert!(t.surnames.len() >= 1000);
        assert!(t.given.len() >= 550);
        assert_eq!(t.districts.len(), 94);
        assert!(t.states.iter().all(|s| !s.districts.is_empty() && !s.cities.is_empty() && !s.name.is_empty()));
        assert!(t.cities.iter().all(|c| t.districts[c.district].state == c.state));
        assert_eq!(t.surnames[0], "Smith");
        assert!(t.nicknames[t.given.iter().position(|g| g == "William").unwrap()].contains(&"Bill"));
    }
}
