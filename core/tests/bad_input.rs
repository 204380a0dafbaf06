//! The bad-input corpus (`testdata/bad/cases.toml`): every file through the CSV reader, the
//! trace and a trained `Linker` (dedupe + clustering), asserting the outcome the manifest gives
//! and the accounting: every row read is in the output or in `rejected`, never lost. Also: a
//! blocking rule over `model.max_pairs` stops with `LimitExceeded` naming the rule, and the
//! extractor's output stays bounded on large generated text.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use caselink::Dataset;
use caselink::data::CsvOptions;
use caselink::linker::Linker;
use caselink::trace::{self, Source, TraceInput, TraceOptions};

#[derive(Debug, serde::Deserialize)]
struct Manifest {
    case: Vec<Case>,
}

#[derive(Debug, serde::Deserialize)]
struct Case {
    name: String,
    file: Option<String>,
    generate: Option<String>,
    bytes: Option<usize>,
    columns: Option<usize>,
    source: String,
    what: String,
    outcome: String,
    code: Option<String>,
    message: Option<String>,
    rows: Option<usize>,
    rejected: Option<usize>,
    reasons: Option<Vec<String>>,
    trace_rows: Option<usize>,
    trace_rejected: Option<usize>,
    trace_reasons: Option<Vec<String>>,
}

fn bad_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/bad")
}

fn manifest() -> Manifest {
    let text = std::fs::read_to_string(bad_dir().join("cases.toml")).expect("read cases.toml");
    toml::from_str(&text).expect("parse cases.toml")
}

const REFERRAL_HEADER: &str = "report_id,received_date,suspect_name,state";

/// The generated cases (too big to commit); the Python and C tests build the same bytes.
fn generated(case: &Case) -> Vec<u8> {
    match case.generate.as_deref() {
        Some("big_field") => {
            let mut b = format!("{REFERRAL_HEADER}\n1001,2019-03-04,John Smith,VA\n1002,2019-05-06,").into_bytes();
            b.resize(b.len() + case.bytes.expect("bytes"), b'x');
            b.extend_from_slice(b",TX\n1003,2019-07-08,Ann Lee,CA\n");
            b
        }
        Some("wide") => {
            let n = case.columns.expect("columns");
            let mut s = String::from(REFERRAL_HEADER);
            for i in 0..n {
                s.push_str(&format!(",x{i}"));
            }
            s.push('\n');
            for row in ["1001,2019-03-04,John Smith,VA", "1002,2019-05-06,Mary Jones,TX"] {
                s.push_str(row);
                s.push_str(&",".repeat(n));
                s.push('\n');
            }
            s.into_bytes()
        }
        other => panic!("{}: unknown generator {other:?}", case.name),
    }
}

/// The case's file on disk (generated ones in a scratch directory).
fn path_of(case: &Case) -> PathBuf {
    match &case.file {
        Some(f) => bad_dir().join(f),
        None => {
            let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bad-input");
            std::fs::create_dir_all(&dir).unwrap();
            let p = dir.join(format!("{}.csv", case.name));
            std::fs::write(&p, generated(case)).unwrap();
            p
        }
    }
}

fn source_of(case: &Case) -> Source {
    case.source.parse().unwrap_or_else(|e| panic!("{}: {e}", case.name))
}

/// Rows a plain csv reader sees (header and blank lines excluded): the count caselink must
/// account for, computed without caselink.
fn records_in(path: &Path) -> usize {
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_path(path).unwrap();
    let mut n = 0;
    let mut rec = csv::ByteRecord::new();
    while rdr.read_byte_record(&mut rec).unwrap() {
        if !(rec.len() == 1 && rec[0].iter().all(u8::is_ascii_whitespace)) {
            n += 1;
        }
    }
    n
}

fn check_error(case: &Case, stage: &str, e: &caselink::Error) {
    assert_eq!(case.outcome, "error", "{} ({stage}): unexpected error {e}", case.name);
    assert_eq!(Some(e.code()), case.code.as_deref(), "{} ({stage}): {e}", case.name);
    let fragment = case.message.as_deref().expect("message");
    assert!(e.to_string().contains(fragment), "{} ({stage}): {e:?} lacks {fragment:?}", case.name);
}

fn check_rejected(case: &Case, stage: &str, d: &Dataset, rows: usize, reasons: &[String]) {
    assert_eq!(d.len(), rows, "{} ({stage}): rows; rejected {:?}", case.name, d.rejected);
    assert_eq!(d.rejected.len(), reasons.len(), "{} ({stage}): {:?}", case.name, d.rejected);
    for (r, fragment) in d.rejected.iter().zip(reasons) {
        assert!(r.reason.contains(fragment.as_str()), "{} ({stage}): {r} lacks {fragment:?}", case.name);
        assert!(r.line >= 2, "{} ({stage}): {r}", case.name);
        assert!(r.file.ends_with(".csv"), "{r}");
        assert!(r.reason.len() < 300, "{} ({stage}): reasons stay short: {} bytes", case.name, r.reason.len());
    }
}

/// A model per source, trained once on synthetic data with the source's own columns.
fn linkers() -> &'static (Linker, Linker, caselink::synth::CasesWorld) {
    static L: OnceLock<(Linker, Linker, caselink::synth::CasesWorld)> = OnceLock::new();
    L.get_or_init(|| {
        let world = caselink::synth::cases(150, 17);
        let input = world.trace_input().unwrap();
        let referrals = r#"{"unique_id": "report_id",
          "comparisons": [
            {"type": "name", "column": "suspect_name"},
            {"type": "date", "column": "received_date"},
            {"type": "exact", "column": "state"}],
          "blocking": [
            {"type": "key", "keys": [{"fn": "surname", "column": "suspect_name"}]},
            {"type": "key", "keys": [{"fn": "value", "column": "state"}]}],
          "model": {"seed": 3}}"#;
        let dockets = r#"{"unique_id": "docket_id",
          "comparisons": [
            {"type": "name", "column": "defendant_name"},
            {"type": "date", "column": "filed_date"},
            {"type": "district", "column": "court_id"},
            {"type": "reference", "column": "case_number", "court_column": "court_id"}],
          "blocking": [
            {"type": "key", "keys": [{"fn": "surname", "column": "defendant_name"}]},
            {"type": "key", "keys": [{"fn": "reference", "column": "case_number"}]}],
          "model": {"seed": 3}}"#;
        let mut lr = Linker::from_json(referrals).unwrap();
        lr.train(input.referrals.as_ref().unwrap(), None).unwrap();
        let mut ld = Linker::from_json(dockets).unwrap();
        ld.train(input.dockets.as_ref().unwrap(), None).unwrap();
        (lr, ld, world)
    })
}

fn run_case(case: &Case) {
    let path = path_of(case);
    let source = source_of(case);
    assert!(!case.what.is_empty());

    // 1. The plain reader.
    match Dataset::from_csv_path(&path, &CsvOptions::default()) {
        Err(e) => check_error(case, "read", &e),
        Ok(d) => {
            assert_eq!(case.outcome, "ok", "{}: expected an error, read {} rows", case.name, d.len());
            let reasons = case.reasons.as_deref().expect("reasons");
            assert_eq!(case.rejected, Some(reasons.len()), "{}: rejected = number of reasons", case.name);
            check_rejected(case, "read", &d, case.rows.expect("rows"), reasons);
            if case.name != "unbalanced_quote_middle" && case.name != "unbalanced_quote_last" {
                // (An unclosed quote joins lines into one csv record; that record is the one rejected.)
                assert_eq!(d.len() + d.rejected.len(), records_in(&path), "{}: every record accounted", case.name);
            }
        }
    }

    // 2. The trace, with the bad file as its source and synthetic data in the other two slots.
    let conformed = match trace::read(&path, source, &[]) {
        Err(e) => {
            check_error(case, "trace read", &e);
            return;
        }
        Ok(d) => d,
    };
    assert_eq!(case.outcome, "ok", "{}", case.name);
    let rows = case.trace_rows.or(case.rows).unwrap();
    let reasons = case.trace_reasons.as_ref().or(case.reasons.as_ref()).unwrap();
    assert_eq!(case.trace_rejected.or(case.rejected), Some(reasons.len()), "{}", case.name);
    check_rejected(case, "trace", &conformed, rows, reasons);
    let (lr, ld, world) = linkers();
    let mut slots = [Some(world.referrals.clone()), Some(world.dockets.clone()), Some(world.press_releases.clone())];
    let others: usize =
        Source::ALL.iter().filter(|&&s| s != source).map(|&s| slots[s as usize].as_ref().unwrap().len()).sum();
    slots[source as usize] = Some(conformed.clone());
    let [r, d, p] = slots;
    let input = TraceInput::new(r, d, p, &[]).unwrap();
    let result = trace::trace(&input, &TraceOptions::default()).unwrap_or_else(|e| panic!("{}: trace: {e}", case.name));
    let s = &result.summary;
    assert_eq!(s.records_read, s.records_in_cases + s.rejected, "{}: {s:?}", case.name);
    assert_eq!(s.rejected as usize, reasons.len(), "{}", case.name);
    assert_eq!(s.records_in_cases as usize, rows + others, "{}", case.name);
    assert_eq!(result.case_of[source as usize].len(), rows, "{}: every kept row is in a case", case.name);
    assert_eq!(result.rejected, conformed.rejected);
    for link in &result.links {
        assert!(link.match_probability.is_finite() && (0.0..=1.0).contains(&link.match_probability));
    }

    // 3. A trained linker deduplicating the file, then clustering: every row gets an entity.
    let linker = if source == Source::Referral { lr } else { ld };
    let pred = linker.predict(&conformed, None, 0.0).unwrap_or_else(|e| panic!("{}: predict: {e}", case.name));
    assert!(pred.match_probability.iter().all(|p| p.is_finite() && (0.0..=1.0).contains(p)), "{}", case.name);
    let edges: Vec<(u32, u32)> =
        (0..pred.len()).filter(|&i| pred.match_probability[i] >= 0.5).map(|i| (pred.left[i], pred.right[i])).collect();
    assert!(edges.iter().all(|&(a, b)| (a as usize) < rows && (b as usize) < rows));
    let labels = caselink::cluster::connected_components(rows, &edges);
    assert_eq!(
        labels.len() + conformed.rejected.len(),
        rows + reasons.len(),
        "{}: read = entities' rows + rejected",
        case.name
    );
}

#[test]
fn every_case_gives_its_outcome_on_every_path() {
    let m = manifest();
    assert!(m.case.len() >= 24, "the corpus lost cases: {}", m.case.len());
    for case in &m.case {
        run_case(case);
    }
}

#[test]
fn every_committed_file_is_in_the_manifest_and_small() {
    let m = manifest();
    let named: std::collections::HashSet<&str> = m.case.iter().filter_map(|c| c.file.as_deref()).collect();
    for entry in std::fs::read_dir(bad_dir()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(entry.metadata().unwrap().len() < 1 << 20, "{name}: generate big files in the test instead");
        if name != "cases.toml" {
            assert!(named.contains(name.as_str()), "{name} has no case in cases.toml");
        }
    }
}

#[test]
fn latin1_is_reported_once_for_the_file_not_per_row() {
    let e = Dataset::from_csv_path(bad_dir().join("latin1.csv"), &CsvOptions::default()).unwrap_err();
    let msg = e.to_string();
    assert_eq!(msg.matches("Latin-1").count(), 1, "{msg}");
    assert!(msg.contains("first on line 2, column 'suspect_name'") && msg.contains("iconv"), "{msg}");
    // The same names in UTF-8 read fine: the refusal is about the encoding, not the content.
    let bytes = std::fs::read(bad_dir().join("latin1.csv")).unwrap();
    let utf8: String = bytes.iter().map(|&b| cp1252(b)).collect();
    let d = Dataset::from_csv_reader(utf8.as_bytes(), "utf8.csv", &CsvOptions::default()).unwrap();
    assert_eq!((d.len(), d.rejected.len()), (4, 0));
    assert_eq!(d.value(3, "suspect_name").unwrap(), Some("Zoë “Zee” Brontë"));
}

/// Windows-1252 decoding of the bytes the corpus uses.
fn cp1252(b: u8) -> char {
    match b {
        0x93 => '“',
        0x94 => '”',
        0x80..=0x9F => panic!("byte {b:#x} not in the corpus"),
        _ => char::from(b),
    }
}

#[test]
fn a_blocking_rule_over_max_pairs_stops_naming_the_rule() {
    let mut d = Dataset::new("people", &["id", "state", "name"]).unwrap();
    for i in 0..200 {
        d.push_row(&[Some(&i.to_string()), Some("VA"), Some(&format!("Person {i}"))]).unwrap();
    }
    d.set_id_column("id").unwrap();
    let spec = r#"{"unique_id": "id",
      "comparisons": [{"type": "string", "column": "name", "metric": "jaro_winkler", "thresholds": [0.9]}],
      "blocking": [{"type": "key", "keys": [{"fn": "value", "column": "state"}]}],
      "model": {"max_pairs": 1000}}"#;
    let mut linker = Linker::from_json(spec).unwrap();
    let e = linker.train(&d, None).unwrap_err();
    assert_eq!(e.code(), "limit_exceeded", "{e}");
    let msg = e.to_string();
    // 200 records in one block: 200 * 199 / 2 pairs.
    assert!(msg.contains("blocking rule 0") && msg.contains("state") && msg.contains("19900 > limit 1000"), "{msg}");
}

#[test]
fn extractor_output_stays_bounded_on_large_text() {
    // 40 press-release paragraphs with filler (about 40 KB; the extractor is linear, and its
    // speed is a bench's business, not a test's): output stays bounded by the input.
    let para = "WASHINGTON – John Q. Public, 34, of Richmond, Virginia, was sentenced today to 120 months \
                in prison for receipt of child pornography, announced the U.S. Attorney for the Eastern \
                District of Virginia. Case No. 3:18-cr-00178. ";
    let filler = "The investigation was conducted by many agencies working together over several years. ";
    let mut text = String::new();
    for _ in 0..40 {
        text.push_str(para);
        for _ in 0..4 {
            text.push_str(filler);
        }
        text.push('\n');
    }
    assert!(text.len() > 20_000);
    let records = caselink::extract::extract(&text, None);
    assert!(!records.is_empty(), "the paragraphs name a defendant");
    assert!(records.len() <= 40, "{} records from 40 paragraphs", records.len());
    for r in &records {
        let row = caselink::extract::to_csv_row("doc", r);
        assert!(row.iter().all(|v| v.len() <= text.len()));
    }
}
