//! Golden and exhaustive tests for the district normalizer.

use caselink::normalize::district::{District, all, lookup, lookup_index, state_code, state_districts};
use proptest::prelude::*;

#[derive(serde::Deserialize)]
struct Case {
    input: String,
    court_id: Option<String>,
    state: Option<String>,
}

#[derive(serde::Deserialize)]
struct Golden {
    case: Vec<Case>,
}

#[test]
fn golden_cases() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/normalize/district.toml");
    let cases = toml::from_str::<Golden>(&std::fs::read_to_string(path).unwrap()).unwrap().case;
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let got = lookup(&c.input).map(|d| d.court_id.as_str());
        if got != c.court_id.as_deref() {
            failures.push(format!("{:?}: got {got:?}, want {:?}", c.input, c.court_id));
        }
        if let Some(want) = &c.state {
            let want = (!want.is_empty()).then_some(want.as_str());
            if state_code(&c.input) != want {
                failures.push(format!("{:?}: state {:?}, want {want:?}", c.input, state_code(&c.input)));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// The embedded table's raw rows, read independently of the crate's parser.
fn rows() -> Vec<std::collections::HashMap<String, String>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/districts.csv");
    csv::Reader::from_path(path).unwrap().deserialize().map(|r| r.unwrap()).collect()
}

/// Case and punctuation variants of one spelling.
fn variants(s: &str) -> Vec<String> {
    let no_dots = s.replace('.', "");
    let mut v = vec![
        s.to_string(),
        s.to_uppercase(),
        s.to_lowercase(),
        no_dots.clone(),
        s.replace(". ", "."),
        s.replace('.', ". ").trim().to_string(),
        format!("  {}  ", s.replace(' ', "   ")),
        s.replace(',', ""),
    ];
    // Abbreviations made of one- and two-letter parts are also written glued (`EDVa`, `NDWVa`).
    if no_dots.split(' ').all(|w| w.len() <= 2) {
        v.push(no_dots.replace(' ', ""));
        v.push(no_dots.replace(' ', "").to_lowercase());
    }
    v
}

#[test]
fn every_spelling_of_every_district_maps_back() {
    let rows = rows();
    assert_eq!(rows.len(), 94);
    assert_eq!(all().len(), 94);
    let mut failures = Vec::new();
    let mut checked = 0;
    for (i, row) in rows.iter().enumerate() {
        let d: &District = &all()[i];
        assert_eq!(d.court_id, row["pacer_court_id"]);
        let mut spellings: Vec<&str> = row["variants"].split('|').map(str::trim).collect();
        spellings.extend([
            row["pacer_court_id"].as_str(),
            row["usao_abbrev"].as_str(),
            row["short_citation"].as_str(),
            row["district_name"].as_str(),
            row["courtlistener_name"].as_str(),
        ]);
        let prefixed = [
            format!("U.S. District Court for the {}", row["district_name"]),
            format!("United States District Court, {}", row["district_name"]),
            format!("U.S. Attorney's Office for the {}", row["district_name"]),
            format!("USDC {}", row["usao_abbrev"]),
            format!("USAO {}", row["usao_abbrev"]),
        ];
        for s in spellings.iter().copied().chain(prefixed.iter().map(String::as_str)) {
            for v in variants(s) {
                checked += 1;
                if lookup_index(&v) != Some(i) {
                    failures.push(format!("{v:?} → {:?}, want {}", lookup(&v).map(|d| &d.court_id), d.court_id));
                }
            }
        }
    }
    assert!(checked > 5000, "{checked}");
    assert!(failures.is_empty(), "{} of {checked} failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn bare_states_are_states_not_districts() {
    for row in rows() {
        let code = row["state_code"].as_str();
        for s in [row["state"].as_str(), code, row["ap_state_abbrev"].as_str()] {
            assert_eq!(state_code(s), Some(code), "{s}");
            if code != "DC" {
                assert_eq!(lookup_index(s), None, "{s} is a state, not a district");
            }
            let ids: Vec<usize> = state_districts(s);
            assert!(
                ids.iter().all(|&i| all()[i].state_code == code)
                    && ids.iter().any(|&i| all()[i].court_id == row["pacer_court_id"]),
                "{s}"
            );
        }
    }
}

#[test]
fn state_sets() {
    let ids = |s: &str| -> Vec<&str> { state_districts(s).iter().map(|&i| all()[i].court_id.as_str()).collect() };
    assert_eq!(ids("Texas"), ["txed", "txnd", "txsd", "txwd"]);
    assert_eq!(ids("Calif."), ["cacd", "caed", "cand", "casd"]);
    assert_eq!(ids("ny"), ["nyed", "nynd", "nysd", "nywd"]);
    assert_eq!(ids("State of Alaska"), ["akd"]);
    assert_eq!(ids("Commonwealth of Pennsylvania"), ["paed", "pamd", "pawd"]);
    assert_eq!(ids("Puerto Rico"), ["prd"]);
    assert_eq!(ids("W. Va."), ["wvnd", "wvsd"]);
    assert!(ids("Ontario").is_empty());
    assert_eq!(state_districts("").len(), 0);
}

#[test]
fn describe_fields() {
    let v = caselink::normalize::district::describe("E.D. Tenn.");
    assert_eq!((v["court_id"].as_str(), v["state"].as_str()), (Some("tned"), Some("TN")));
    assert_eq!(v["name"], "Eastern District of Tennessee");
    let v = caselink::normalize::district::describe("Tennessee");
    assert!(v["court_id"].is_null());
    assert_eq!(v["state"], "TN");
}

proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,60}") {
        let _ = lookup_index(&s);
        let _ = state_code(&s);
        let _ = state_districts(&s);
    }

    #[test]
    fn spelling_noise_does_not_change_the_answer(i in 0usize..94, upper: bool, spaces in 1usize..4) {
        let d = &all()[i];
        let sep = " ".repeat(spaces);
        let name = d.name.replace(' ', &sep);
        let name = if upper { name.to_uppercase() } else { name };
        prop_assert_eq!(lookup_index(&name), Some(i));
    }
}
