//! Hostile model files: truncated at every length, 1000 seeded multi-bit corruptions, wrong
//! magic and version, an oversized file on disk. Each gives `bad_model`. Claimed lengths of 2^60
//! bytes and the memory they may cost are in `hostile_model_memory.rs` (its own binary, so that
//! no other test's allocations blur the peak-memory reading).
//!
//! (`engine_link.rs` already checks single-bit flips at every 7th byte and a u64::MAX length;
//! this file covers what it does not.)

use caselink::Dataset;
use caselink::linker::Linker;
use caselink::model::FORMAT_VERSION;
use caselink::score::SplitMix64;

const SPEC: &str = r#"{"unique_id": "id",
  "comparisons": [
    {"type": "string", "column": "name", "metric": "jaro_winkler", "thresholds": [0.9, 0.7], "tf": true},
    {"type": "exact", "column": "city"}],
  "blocking": [{"type": "key", "keys": [{"fn": "value", "column": "city"}]}],
  "model": {"seed": 1, "u_sample_pairs": 2000}}"#;

fn small_model() -> Vec<u8> {
    let mut d = Dataset::new("people", &["id", "name", "city"]).unwrap();
    let names = ["ann lee", "anne lee", "bob stone", "rob stone", "cy young", "si young", "dee park", "di park"];
    for (i, n) in names.iter().cycle().take(40).enumerate() {
        let city = ["a", "b", "c"][i % 3];
        d.push_row(&[Some(&i.to_string()), Some(n), Some(city)]).unwrap();
    }
    d.set_id_column("id").unwrap();
    let mut l = Linker::from_json(SPEC).unwrap();
    l.train(&d, None).unwrap();
    l.to_bytes()
}

fn must_fail(b: &[u8]) -> String {
    match Linker::from_bytes(b) {
        Ok(_) => panic!("{} hostile bytes loaded as a model", b.len()),
        Err(e) => {
            assert_eq!(e.code(), "bad_model", "{e}");
            e.to_string()
        }
    }
}

#[test]
fn truncated_at_every_length() {
    let bytes = small_model();
    assert!(Linker::from_bytes(&bytes).unwrap().is_trained());
    for n in 0..bytes.len() {
        let msg = must_fail(&bytes[..n]);
        assert!(msg.contains("truncated") || (n > 0 && msg.contains("magic")), "at {n}: {msg}");
    }
    let mut padded = bytes.clone();
    padded.push(0);
    assert!(must_fail(&padded).contains("padded"));
}

#[test]
fn a_thousand_seeded_corruptions() {
    let bytes = small_model();
    let mut rng = SplitMix64::new(2024);
    for variant in 0..1000 {
        let mut b = bytes.clone();
        let flips = 1 + rng.below(8);
        for _ in 0..flips {
            let i = rng.below(b.len() as u64) as usize;
            b[i] ^= 1 << rng.below(8);
        }
        if b == bytes {
            continue; // two flips of one bit cancelled out
        }
        let msg = must_fail(&b);
        assert!(!msg.is_empty(), "variant {variant}");
    }
}

#[test]
fn wrong_magic_and_versions() {
    let bytes = small_model();
    for i in 0..8 {
        let mut b = bytes.clone();
        b[i] = b[i].wrapping_add(1);
        assert!(must_fail(&b).contains("wrong magic"), "byte {i}");
    }
    assert!(must_fail(b"PK\x03\x04 a zip file, not a model").contains("wrong magic"));
    for v in [0u16, FORMAT_VERSION + 1, u16::MAX] {
        let mut b = bytes.clone();
        b[8..10].copy_from_slice(&v.to_le_bytes());
        assert!(must_fail(&b).contains(&format!("format version {v}")));
    }
}

#[test]
fn a_hostile_file_on_disk_is_refused_before_it_is_read() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-model");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sparse.model");
    let f = std::fs::File::create(&path).unwrap();
    // A sparse 1 GiB file: reading it whole would cost 1 GiB.
    f.set_len(1 << 30).unwrap();
    drop(f);
    let e = Linker::load(&path).unwrap_err();
    assert_eq!(e.code(), "bad_model");
    assert!(e.to_string().contains("too large to be a model"), "{e}");
    std::fs::remove_file(&path).unwrap();
    assert_eq!(Linker::load(&path).unwrap_err().code(), "io");
}
