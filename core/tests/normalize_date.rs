//! Golden and property tests for the date normalizer.

use caselink::normalize::date::{
    DateOptions, ParsedDate, Precision, civil_from_days, days_from_civil, iso, parse_date, parse_iso_days,
};
use proptest::prelude::*;

#[derive(serde::Deserialize)]
struct Case {
    input: String,
    date: Option<String>,
    precision: Option<Precision>,
    ambiguous: Option<bool>,
    #[serde(default)]
    day_first: bool,
    reference: Option<String>,
}

#[derive(serde::Deserialize)]
struct Golden {
    case: Vec<Case>,
}

fn golden() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/normalize/date.toml");
    let text = std::fs::read_to_string(path).expect("golden file");
    toml::from_str::<Golden>(&text).expect("golden toml").case
}

#[test]
fn golden_cases() {
    let cases = golden();
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let reference = c.reference.as_deref().map(|r| parse_iso_days(r).expect("reference is ISO"));
        let opts = DateOptions { day_first: c.day_first, reference };
        let got = parse_date(&c.input, &opts);
        let want = c.date.as_deref().map(|d| ParsedDate {
            days: parse_iso_days(d).expect("expected date is ISO"),
            precision: c.precision.expect("precision given with date"),
            ambiguous: c.ambiguous.expect("ambiguous given with date"),
        });
        if got != want {
            failures.push(format!("{:?}: got {:?}, want {:?}", c.input, got.map(|p| (iso(p.days), p)), c.date));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn describe_fields() {
    let v = caselink::normalize::date::describe("Oct. 5, 2020", &DateOptions::default());
    assert_eq!(v["date"], "2020-10-05");
    assert_eq!(v["precision"], "day");
    assert_eq!(v["ambiguous"], false);
    let v = caselink::normalize::date::describe("whenever", &DateOptions::default());
    assert!(v["date"].is_null() && v["precision"].is_null());
}

#[test]
fn swapped_day_and_month() {
    let us = DateOptions::default();
    let p = parse_date("03/04/2021", &us).unwrap();
    assert_eq!(p.swapped(), Some(days_from_civil(2021, 4, 3)));
    assert_eq!(parse_date("04/04/2021", &us).unwrap().swapped(), None);
    assert_eq!(parse_date("04/13/2021", &us).unwrap().swapped(), None);
    assert_eq!(parse_date("April 2021", &us).unwrap().swapped(), None);
    let wild = ParsedDate { days: i32::MAX, precision: Precision::Day, ambiguous: false };
    assert_eq!(wild.swapped(), None);
}

#[test]
fn relative_words_ignore_out_of_range_reference() {
    for r in [i32::MIN, i32::MAX, days_from_civil(1, 1, 1)] {
        let opts = DateOptions { day_first: false, reference: Some(r) };
        assert_eq!(parse_date("yesterday", &opts), None, "{r}");
        assert_eq!(parse_date("last Monday", &opts), None, "{r}");
    }
}

#[test]
fn every_month_boundary_checked() {
    for year in [1900, 2000, 2019, 2020, 2100] {
        for month in 1..=12u32 {
            let last = (28..=31)
                .rev()
                .find(|&d| parse_date(&format!("{year}-{month:02}-{d:02}"), &Default::default()).is_some());
            let expected = civil_from_days(days_from_civil(year, month % 12 + 1, 1) - 1).2;
            let expected = if month == 12 { 31 } else { expected };
            assert_eq!(last, Some(expected), "{year}-{month}");
        }
    }
}

proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,40}", day_first: bool, r in proptest::option::of(any::<i32>())) {
        let _ = parse_date(&s, &DateOptions { day_first, reference: r });
    }

    #[test]
    fn never_panics_on_date_like(s in "[0-9a-zA-Z/.,:' +-]{0,30}", day_first: bool) {
        let _ = parse_date(&s, &DateOptions { day_first, reference: Some(0) });
    }

    #[test]
    fn iso_round_trips(days in days_from_civil(1, 1, 1)..=days_from_civil(9999, 12, 31)) {
        let text = iso(days);
        let p = parse_date(&text, &DateOptions::default()).unwrap();
        prop_assert_eq!(p, ParsedDate { days, precision: Precision::Day, ambiguous: false });
        prop_assert_eq!(parse_iso_days(&text), Some(days));
    }

    #[test]
    fn written_forms_agree(days in days_from_civil(1970, 1, 1)..=days_from_civil(2069, 12, 31)) {
        const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"];
        let (y, m, d) = civil_from_days(days);
        let us = DateOptions::default();
        for text in [
            format!("{} {d}, {y}", MONTHS[m as usize - 1]),
            format!("{d} {} {y}", &MONTHS[m as usize - 1][..3]),
            format!("{m}/{d}/{y}"),
            format!("{m}-{d}-{:02}", y % 100),
            format!("{y}{m:02}{d:02}"),
        ] {
            let p = parse_date(&text, &us);
            prop_assert_eq!(p.map(|p| p.days), Some(days), "{}", text);
        }
        let p = parse_date(&format!("{d}/{m}/{y}"), &DateOptions { day_first: true, reference: None }).unwrap();
        prop_assert_eq!(p.days, days);
        prop_assert_eq!(p.ambiguous, d <= 12 && d != m);
    }
}
