//! The committed `include/caselink.h` must be exactly what cbindgen generates from the sources.
//!
//! `CASELINK_BLESS_HEADER=1` (what `make header` sets) rewrites the file instead of comparing.

use std::path::{Path, PathBuf};
use std::process::Command;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn generate() -> String {
    let dir = crate_dir();
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("read cbindgen.toml");
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(dir.join("src/lib.rs"))
        .generate()
        .expect("cbindgen cannot generate the header");
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).expect("cbindgen wrote UTF-8")
}

fn header_path() -> PathBuf {
    crate_dir().join("include/caselink.h")
}

/// True when `path` is tracked by git; None when there is no git checkout to ask.
fn tracked(path: &Path) -> Option<bool> {
    let out =
        Command::new("git").arg("-C").arg(crate_dir()).args(["ls-files", "--error-unmatch"]).arg(path).output().ok()?;
    if out.status.success() {
        return Some(true);
    }
    // Outside a work tree git says so; anything else means the file is untracked.
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("not a git repository") { None } else { Some(false) }
}

#[test]
fn committed_header_is_up_to_date() {
    let generated = generate();
    let path = header_path();
    if std::env::var_os("CASELINK_BLESS_HEADER").is_some() {
        std::fs::write(&path, &generated).expect("write include/caselink.h");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "caselink.h is out of date: run `make header` ({} missing or different from what cbindgen generates)",
        path.display()
    );
    match tracked(&path) {
        Some(true) => {}
        Some(false) => panic!("caselink.h is out of date: run `make header` and `git add {}`", path.display()),
        None => eprintln!("note: not a git checkout; skipped the is-tracked check"),
    }
}

#[test]
fn header_has_the_promised_shape() {
    let h = generate();
    for needle in [
        "#ifndef CASELINK_H",
        "#define CASELINK_H",
        "extern \"C\" {",
        "CASELINK_STATUS_OK = 0",
        "CASELINK_STATUS_PANIC = 9",
        "typedef struct caselink_dataset caselink_dataset;",
        "typedef struct caselink_error caselink_error;",
        "typedef struct caselink_linker caselink_linker;",
        "typedef struct caselink_matches caselink_matches;",
        "uint64_t left_row;",
        "} caselink_match;",
        "caselink_status caselink_linker_link(const caselink_linker *linker,",
        "#if defined(CASELINK_TEST_PANIC)",
    ] {
        assert!(h.contains(needle), "header lacks {needle:?}");
    }
    // Every exported function carries its documentation into the header.
    let mut fns = 0;
    let lines: Vec<&str> = h.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.contains(" caselink_") && line.contains('(') && !line.trim_start().starts_with('*') {
            fns += 1;
            assert!(i > 0 && lines[i - 1].trim_end().ends_with("*/"), "undocumented in header: {line}");
        }
    }
    assert!(fns >= 20, "expected the whole API in the header, found {fns} functions");
}
