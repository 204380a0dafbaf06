//! Replays every committed fuzz corpus file (`fuzz/corpus/<target>/*`) through the fuzz target
//! bodies on stable Rust, so CI checks what the fuzzer found without needing nightly.
//!
//! The bodies live in `fuzz/src/targets.rs` and are included here with `#[path]`: one copy of the
//! code, two drivers (cargo-fuzz on nightly, this test on stable). Keeping them in the fuzz crate
//! rather than as a hidden module of caselink keeps test-only code out of the library's API and
//! its compile; the bodies use only caselink's public API, so they compile from either side.

#[path = "../../fuzz/src/targets.rs"]
mod targets;

use std::path::Path;

type Target = fn(&[u8]);

const TARGETS: [(&str, Target); 9] = [
    ("csv_reader", targets::csv_reader),
    ("normalize_name", targets::normalize_name),
    ("normalize_date", targets::normalize_date),
    ("normalize_district", targets::normalize_district),
    ("normalize_reference", targets::normalize_reference),
    ("normalize_statute", targets::normalize_statute),
    ("extract", targets::extract),
    ("spec_json", targets::spec_json),
    ("model_load", targets::model_load),
];

fn corpus_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus")
}

#[test]
fn every_fuzz_target_has_a_binary_and_a_corpus() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let manifest = std::fs::read_to_string(fuzz.join("Cargo.toml")).unwrap();
    for (name, _) in TARGETS {
        assert!(fuzz.join(format!("fuzz_targets/{name}.rs")).exists(), "{name}: no fuzz target file");
        assert!(manifest.contains(&format!("name = \"{name}\"")), "{name}: no [[bin]] in fuzz/Cargo.toml");
        let n = std::fs::read_dir(corpus_dir().join(name)).map_or(0, Iterator::count);
        assert!(n >= 5, "{name}: only {n} corpus files");
    }
}

#[test]
fn corpora_replay_without_panics() {
    let mut total = 0;
    for (name, target) in TARGETS {
        let dir = corpus_dir().join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for f in files {
            let data = std::fs::read(&f).unwrap();
            assert!(data.len() <= 64 << 10, "{}: keep corpus files small", f.display());
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "fuzz target {name} panicked on {}", f.display());
            total += 1;
        }
    }
    assert!(total > 100, "{total} corpus files");
}
