//! Fuzz target bodies: one function per target, each taking the raw fuzz input.
//!
//! Shared by the cargo-fuzz binaries (`fuzz/fuzz_targets/*.rs`, nightly) and by the stable
//! replay test `core/tests/fuzz_corpora.rs`, which includes this file with `#[path]`: one body,
//! two drivers, so the CI replay checks exactly what the fuzzer checked. Only caselink's public
//! API is used. Besides "does not panic", each body asserts an invariant the caller relies on.

use caselink::Dataset;
use caselink::data::CsvOptions;
use caselink::linker::Linker;
use caselink::normalize::{date, district, name, reference};
use caselink::spec::LinkageSpec;

/// Text targets take valid UTF-8 only: callers hand the normalizers `&str`.
fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// CSV reader: no panic; every row is either kept or rejected with a line; setting an id column
/// moves rows to `rejected` but never loses one.
pub fn csv_reader(data: &[u8]) {
    let options = CsvOptions { max_field_bytes: 256, ..Default::default() };
    let Ok(d) = Dataset::from_csv_reader(data, "fuzz.csv", &options) else { return };
    let mut previous = 0;
    for row in 0..d.len() {
        assert!(d.line(row) > previous.max(1), "lines increase, after the header");
        previous = d.line(row);
        for c in d.column_names() {
            let v = d.value(row, c).expect("column exists");
            assert!(v.is_none_or(|v| !v.is_empty() && v.trim() == v), "values are trimmed, empty is missing");
        }
    }
    assert!(d.rejected.iter().all(|r| r.line >= 1 && !r.reason.is_empty()));
    let first = d.column_names()[0].to_owned();
    let with_id = Dataset::from_csv_reader(data, "fuzz.csv", &options.clone().with_id(&first)).expect("same header");
    assert_eq!(with_id.len() + with_id.rejected.len(), d.len() + d.rejected.len(), "no row lost");
}

/// Name parser: no panic, keys computable, deterministic.
pub fn normalize_name(data: &[u8]) {
    let Some(s) = text(data) else { return };
    let p = name::parse_name(s);
    let _ = (p.surname_key(), p.full_key(), p.initial(), p.is_person());
    assert_eq!(name::parse_name(s), p, "deterministic");
    let _ = name::describe(s);
}

/// Date parser: no panic; a parsed date is in the supported range and prints as an ISO date that
/// parses back to the same day.
pub fn normalize_date(data: &[u8]) {
    let Some(s) = text(data) else { return };
    for options in [date::DateOptions::default(), date::DateOptions { day_first: true, reference: Some(18_000) }] {
        if let Some(p) = date::parse_date(s, &options) {
            let _ = p.swapped();
            let iso = date::iso(p.days);
            assert_eq!(date::parse_iso_days(&iso), Some(p.days), "{s:?} -> {iso}");
        }
        let _ = date::describe(s, &options);
    }
}

/// District lookup: no panic; a found district is found again by its own court id.
pub fn normalize_district(data: &[u8]) {
    let Some(s) = text(data) else { return };
    if let Some(i) = district::lookup_index(s) {
        let d = &district::all()[i];
        assert_eq!(district::lookup_index(&d.court_id), Some(i), "{s:?}");
    }
    let _ = (district::state_code(s), district::state_districts(s), district::describe(s));
}

/// Reference numbers: no panic; the hand-read docket shapes agree with the regex; a parsed
/// docket's canonical form parses to the same docket.
pub fn normalize_reference(data: &[u8]) {
    let Some(s) = text(data) else { return };
    assert_eq!(reference::parse_docket(s), reference::parse_docket_naive(s), "fast path differs: {s:?}");
    if let Some(d) = reference::parse_docket(s) {
        assert_eq!(reference::parse_docket(&d.canonical()).as_ref(), Some(&d), "{s:?}");
    }
    let _ = (reference::parse_cybertip(s), reference::parse_reference(s), reference::describe(s));
    let _ = (reference::find_dockets(s), reference::find_cybertips(s));
}

/// Statute citations: no panic; at most `MAX_CITATIONS`; each canonical form parses back to
/// itself; the prepared comparison value agrees with itself.
pub fn normalize_statute(data: &[u8]) {
    use caselink::normalize::statute;
    let Some(s) = text(data) else { return };
    let cites = statute::parse_statutes(s);
    assert!(cites.len() <= statute::MAX_CITATIONS, "{s:?}");
    for c in &cites {
        assert_eq!(statute::parse_statutes(&c.canonical()), vec![c.clone()], "{s:?}");
    }
    let _ = statute::describe(s);
    if let Some(p) = caselink::compare::statute::prepare(s) {
        assert_eq!(caselink::compare::statute::compare(Some(&p), Some(&p)), 3, "{s:?}");
    }
}

/// Extractor: no panic; output rows serialise.
pub fn extract(data: &[u8]) {
    let Some(s) = text(data) else { return };
    for reference_date in [None, Some(18_000)] {
        for r in caselink::extract::extract(s, reference_date) {
            let _ = caselink::extract::to_csv_row("doc", &r);
            let _ = caselink::extract::to_json_row("doc", &r);
        }
    }
}

/// Spec parser: no panic; a spec that parses and compiles round-trips through its JSON.
pub fn spec_json(data: &[u8]) {
    let Some(s) = text(data) else { return };
    let _ = LinkageSpec::from_toml(s);
    let Ok(spec) = LinkageSpec::from_json(s) else { return };
    if Linker::new(spec.clone()).is_ok() {
        assert_eq!(LinkageSpec::from_json(&spec.to_json()).expect("own JSON parses"), spec);
    }
}

/// Model loader: no panic, fails with `bad_model`; a loaded model saves to bytes that load again.
/// An even first byte feeds the input as a whole file; an odd one wraps the rest in a valid header
/// (magic, version, length, checksum) so the fuzzer reaches the payload decoder.
pub fn model_load(data: &[u8]) {
    let bytes = match data.split_first() {
        Some((flag, rest)) if flag & 1 == 1 => {
            let mut b = Vec::with_capacity(22 + rest.len());
            b.extend_from_slice(caselink::model::MAGIC);
            b.extend_from_slice(&caselink::model::FORMAT_VERSION.to_le_bytes());
            b.extend_from_slice(&(rest.len() as u64).to_le_bytes());
            b.extend_from_slice(&caselink::model::crc32(rest).to_le_bytes());
            b.extend_from_slice(rest);
            b
        }
        _ => data.to_vec(),
    };
    match Linker::from_bytes(&bytes) {
        Ok(l) => {
            let again = Linker::from_bytes(&l.to_bytes()).expect("a saved model loads");
            assert_eq!(again.spec(), l.spec());
        }
        Err(e) => assert_eq!(e.code(), "bad_model", "{e}"),
    }
}
