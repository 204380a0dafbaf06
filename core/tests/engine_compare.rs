//! Golden comparator cases from `testdata/compare/*.toml`, run through the same preparation as
//! a linkage run.

use caselink::compare::Comparator;
use caselink::prepare::compare_values;
use caselink::spec::ComparisonSpec;

fn cases(file: &str) -> Vec<toml::Table> {
    let path = format!("{}/../testdata/compare/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: toml::Table = toml::from_str(&text).unwrap();
    let list = doc["case"].as_array().unwrap();
    assert!(list.len() >= 5, "{file} has too few cases");
    list.iter().map(|c| c.as_table().unwrap().clone()).collect()
}

fn check(file: &str, spec_of: impl Fn(&toml::Table) -> serde_json::Value) {
    for c in cases(file) {
        let spec: ComparisonSpec = serde_json::from_value(spec_of(&c)).unwrap();
        let left = c.get("left").and_then(|v| v.as_str());
        let right = c.get("right").and_then(|v| v.as_str());
        let level = compare_values(&spec, left, right).unwrap();
        let want = c["level"].as_integer().unwrap();
        assert_eq!(i64::from(level), want, "{file}: {c:?}");
        let labels = Comparator::from_spec(&spec).labels();
        assert_eq!(labels[level as usize], c["label"].as_str().unwrap(), "{file}: {c:?}");
        // Comparisons are symmetric.
        assert_eq!(compare_values(&spec, right, left).unwrap(), level, "{file} swapped: {c:?}");
    }
}

fn floats(v: &toml::Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|t| t.as_float().unwrap()).collect()
}

#[test]
fn exact_golden() {
    check("exact.toml", |_| serde_json::json!({"type": "exact", "column": "v"}));
}

#[test]
fn string_golden() {
    check("string.toml", |c| {
        serde_json::json!({"type": "string", "column": "v", "metric": c["metric"].as_str().unwrap(),
            "thresholds": floats(&c["thresholds"])})
    });
}

#[test]
fn numeric_golden() {
    check("numeric.toml", |c| {
        serde_json::json!({"type": "numeric", "column": "v", "tolerances": floats(&c["tolerances"]),
            "relative": c.get("relative").and_then(|r| r.as_bool()).unwrap_or(false)})
    });
}

#[test]
fn middle_name_golden() {
    check("middle_name.toml", |_| serde_json::json!({"type": "middle_name", "column": "v"}));
}

#[test]
fn handle_golden() {
    check("handle.toml", |_| serde_json::json!({"type": "handle", "columns": ["v"]}));
}

#[test]
fn statute_golden() {
    check("statute.toml", |_| serde_json::json!({"type": "statute", "column": "v"}));
}

#[test]
fn statute_matches_its_naive_twin() {
    use caselink::compare::statute::{compare, compare_naive, prepare};
    let values = [
        "18:2252A(a)(2)",
        "18 U.S.C. § 2252A(a)(5)(B)",
        "18:2252A(a)(2) and 2253",
        "18 USC 2253",
        "18:2422(b)",
        "18:2251(a) and (e)",
        "enticement",
        "",
    ];
    for a in values {
        for b in values {
            let (pa, pb) = (prepare(a), prepare(b));
            assert_eq!(
                compare(pa.as_deref(), pb.as_deref()),
                compare_naive(pa.as_deref(), pb.as_deref()),
                "{a:?} {b:?}"
            );
        }
    }
}

#[test]
fn middle_name_shares_the_name_parse() {
    let specs: Vec<ComparisonSpec> = serde_json::from_value(serde_json::json!([
        {"type": "name", "column": "n"},
        {"type": "middle_name", "column": "n"},
    ]))
    .unwrap();
    let mut d = caselink::Dataset::new("d", &["n"]).unwrap();
    d.push_row(&[Some("SMITH, JOHN MICHAEL")]).unwrap();
    d.push_row(&[Some("John M. Smith")]).unwrap();
    d.push_row(&[Some("John R. Smith")]).unwrap();
    let p = caselink::prepare::Prepared::new(&specs, &d, None).unwrap();
    let cmp = Comparator::from_spec(&specs[1]);
    let labels = cmp.labels();
    let level = |l, r| labels[p.level(1, &cmp, l, r) as usize].clone();
    assert_eq!((level(0, 1), level(0, 2), level(1, 2)), ("initial".into(), "else".into(), "else".into()));
    // One parse serves both comparisons.
    match (&p.columns[0], &p.columns[1]) {
        (
            caselink::prepare::PreparedColumn::Name { values: a, .. },
            caselink::prepare::PreparedColumn::Name { values: b, .. },
        ) => assert!(std::sync::Arc::ptr_eq(a, b)),
        other => panic!("expected two name columns, got {other:?}"),
    }
}

#[test]
fn name_from_separate_columns_needs_no_parser() {
    let spec: ComparisonSpec =
        serde_json::from_value(serde_json::json!({"type": "name", "given": "g", "surname": "s"})).unwrap();
    let cmp = Comparator::from_spec(&spec);
    let labels = cmp.labels();
    let mut l = caselink::Dataset::new("l", &["g", "s"]).unwrap();
    l.push_row(&[Some("Jon"), Some("Smith")]).unwrap();
    l.push_row(&[Some("Jon"), None]).unwrap();
    let mut r = caselink::Dataset::new("r", &["g", "s"]).unwrap();
    r.push_row(&[Some("J."), Some("SMITH")]).unwrap();
    r.push_row(&[None, None]).unwrap();
    let p = caselink::prepare::Prepared::new(std::slice::from_ref(&spec), &l, Some(&r)).unwrap();
    assert_eq!(labels[p.level(0, &cmp, 0, 0) as usize], "initial");
    assert_eq!(labels[p.level(0, &cmp, 0, 1) as usize], "null");
    assert_eq!(labels[p.level(0, &cmp, 1, 0) as usize], "else");
}

#[test]
fn missing_column_is_reported() {
    let spec: ComparisonSpec =
        serde_json::from_value(serde_json::json!({"type": "exact", "column": "a", "right_column": "b"})).unwrap();
    let l = caselink::Dataset::new("left.csv", &["a"]).unwrap();
    let r = caselink::Dataset::new("right.csv", &["a"]).unwrap();
    let e = caselink::prepare::Prepared::new(std::slice::from_ref(&spec), &l, Some(&r)).unwrap_err();
    assert_eq!(e.code(), "column_not_found");
    assert!(e.to_string().contains("'b' not found in right.csv"), "{e}");
}

/// `levels_of_pairs` (a batch, one comparison at a time) gives `level` pair by pair, for every
/// comparison type the trace and person specs use, nulls and out-of-order pairs included.
#[test]
fn batched_levels_equal_pair_by_pair() {
    use caselink::prepare::{Prepared, level, levels_of_pairs};
    use caselink::trace::{Source, spec_for};
    let world = caselink::synth::cases(300, 11);
    let people = caselink::synth::persons(300, 11);
    let pick = |s: Source| match s {
        Source::Referral => &world.referrals,
        Source::Docket => &world.dockets,
        Source::PressRelease => &world.press_releases,
    };
    let persons_spec = caselink::spec::LinkageSpec::from_json(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/persons/spec.json")).unwrap(),
    )
    .unwrap();
    let mut cases = vec![(persons_spec, &people.persons, None)];
    for (l, r) in [
        (Source::Docket, Source::PressRelease),
        (Source::Referral, Source::Docket),
        (Source::Referral, Source::PressRelease),
        (Source::Docket, Source::Docket),
        (Source::PressRelease, Source::PressRelease),
    ] {
        let right = (l != r).then(|| pick(r));
        cases.push((spec_for(l, r).unwrap(), pick(l), right));
    }
    for (spec, left, right) in cases {
        let p = Prepared::new(&spec.comparisons, left, right).unwrap();
        let n_right = right.map_or(left.len(), |d| d.len());
        // Deterministic scattered pairs, more than one batch, some rows repeated.
        let pairs: Vec<(u32, u32)> = (0..1000u64)
            .map(|i| {
                let h = i.wrapping_mul(0x9e37_79b9_7f4a_7c15);
                ((h % left.len() as u64) as u32, ((h >> 32) % n_right as u64) as u32)
            })
            .collect();
        let mut seen_levels = 0;
        for (k, cs) in spec.comparisons.iter().enumerate() {
            let cmp = Comparator::from_spec(cs);
            let mut batched = vec![0u8; pairs.len()];
            levels_of_pairs(&p.columns[k], &cmp, &pairs, &mut batched, 1);
            let one_by_one: Vec<u8> =
                pairs.iter().map(|&(l, r)| level(&p.columns[k], &cmp, l as usize, r as usize)).collect();
            assert_eq!(batched, one_by_one, "comparison {k} of {}", spec.unique_id);
            // Interleaved, as the linker lays a pair's levels out side by side.
            let mut strided = vec![0u8; pairs.len() * 3];
            levels_of_pairs(&p.columns[k], &cmp, &pairs, &mut strided[1..], 3);
            let every_third: Vec<u8> = strided.iter().skip(1).step_by(3).copied().collect();
            assert_eq!(every_third, one_by_one, "comparison {k} of {}, stride 3", spec.unique_id);
            let mut distinct = one_by_one.clone();
            distinct.sort_unstable();
            distinct.dedup();
            seen_levels += distinct.len();
        }
        assert!(seen_levels > spec.comparisons.len(), "the pairs reach more than one level");
    }
}
