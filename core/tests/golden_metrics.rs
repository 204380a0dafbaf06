//! The fast metrics (and their reference twins) against the language-neutral golden cases in
//! `testdata/metrics/<metric>.toml`, which the Python and C tests read too.

mod support;

use caselink::metrics::{Metric, levenshtein, osa};
use serde::Deserialize;
use support::reference as r;

#[derive(Debug, Deserialize)]
struct Case {
    a: String,
    b: String,
    expected: f64,
    distance: Option<usize>,
}

#[derive(Debug, Deserialize)]
struct Golden {
    case: Vec<Case>,
}

fn load(metric: Metric) -> Vec<Case> {
    let path = format!("{}/../testdata/metrics/{}.toml", env!("CARGO_MANIFEST_DIR"), metric.name());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    toml::from_str::<Golden>(&text).unwrap_or_else(|e| panic!("{path}: {e}")).case
}

fn reference(metric: Metric) -> fn(&str, &str) -> f64 {
    match metric {
        Metric::Levenshtein => r::normalized_levenshtein,
        Metric::Osa => r::normalized_osa,
        Metric::Jaro => r::jaro,
        Metric::JaroWinkler => r::jaro_winkler,
        Metric::Qgram => r::dice,
        Metric::TokenSort => r::token_sort,
        Metric::TokenSet => r::token_set,
    }
}

#[test]
fn every_metric_matches_its_golden_cases() {
    for metric in Metric::ALL {
        let cases = load(metric);
        assert!(cases.len() >= 15, "{}: only {} cases", metric.name(), cases.len());
        for c in &cases {
            for (a, b) in [(&c.a, &c.b), (&c.b, &c.a)] {
                let fast = metric.normalized_similarity(a, b);
                assert!((fast - c.expected).abs() <= 1e-12, "{} {a:?} {b:?}: {fast} != {}", metric.name(), c.expected);
                let slow = reference(metric)(a, b);
                assert!((slow - c.expected).abs() <= 1e-12, "reference {} {a:?} {b:?}", metric.name());
            }
        }
    }
}

#[test]
fn edit_distances_match_golden_distances() {
    for (metric, f) in
        [(Metric::Levenshtein, levenshtein::distance as fn(&str, &str) -> usize), (Metric::Osa, osa::distance)]
    {
        for c in load(metric) {
            let want = c.distance.unwrap_or_else(|| panic!("{}: case without distance", metric.name()));
            assert_eq!(f(&c.a, &c.b), want, "{} {:?} {:?}", metric.name(), c.a, c.b);
            assert_eq!(f(&c.b, &c.a), want, "{} {:?} {:?}", metric.name(), c.b, c.a);
        }
    }
}

#[test]
fn classic_values_hold() {
    // Hand-checked textbook values, independent of the generated files.
    let jw = load(Metric::JaroWinkler);
    let find = |a: &str| jw.iter().find(|c| c.a == a).map(|c| c.expected);
    assert_eq!(find("MARTHA").map(|x| (x * 1e4).round()), Some(9611.0));
    assert_eq!(find("DWAYNE").map(|x| (x * 1e4).round()), Some(8400.0));
    assert_eq!(find("DIXON").map(|x| (x * 1e4).round()), Some(8133.0));
}
