//! Compile the C programs in `bindings-c/tests/c/` and `examples/c/` against the shared and the
//! static library with `-std=c11 -Wall -Wextra -Werror` (and once as C++17), run them, and run
//! them again under valgrind: zero errors and zero definite leaks.
//!
//! The libraries are built by a nested `cargo build -p caselink-c --features test-panic`: cargo
//! does not build cdylib/staticlib artifacts for `cargo test`, and it releases its build-directory
//! lock before running test binaries, so the nested build neither deadlocks nor races another test
//! binary (cargo runs those one at a time). The built libraries are copied into a private
//! directory so that a later `cargo build` cannot swap them under the running programs.
//!
//! Needs gcc, g++ and valgrind (`.ci/run` installs them). `CASELINK_SKIP_VALGRIND=1` skips only
//! the valgrind runs, for machines without it; CI never sets it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

struct Libs {
    dir: PathBuf,
    shared_dir: PathBuf,
    static_lib: PathBuf,
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn work_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("c-programs")
}

fn libs() -> &'static Libs {
    static LIBS: OnceLock<Libs> = OnceLock::new();
    LIBS.get_or_init(|| {
        let target_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("target dir").to_path_buf();
        let status = Command::new(env!("CARGO"))
            .args(["build", "-p", "caselink-c", "--features", "test-panic", "--target-dir"])
            .arg(&target_dir)
            .current_dir(crate_dir())
            .status()
            .expect("run cargo build -p caselink-c");
        assert!(status.success(), "cargo build -p caselink-c --features test-panic failed");
        let built = target_dir.join("debug");
        let dir = work_dir().join("lib");
        let shared_dir = dir.join("shared");
        std::fs::create_dir_all(&shared_dir).unwrap();
        let static_lib = dir.join("libcaselink.a");
        std::fs::copy(built.join("libcaselink.so"), shared_dir.join("libcaselink.so")).expect("copy libcaselink.so");
        std::fs::copy(built.join("libcaselink.a"), &static_lib).expect("copy libcaselink.a");
        Libs { dir, shared_dir, static_lib }
    })
}

#[derive(Clone, Copy, Debug)]
enum Link {
    Shared,
    Static,
}

#[derive(Clone, Copy, Debug)]
enum Lang {
    C11,
    Cxx17,
}

fn run_checked(cmd: &mut Command, what: &str) -> Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {what}: {e} (is it installed?)"));
    assert!(
        out.status.success(),
        "{what} failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Compile `source` and return the executable's path.
fn compile(source: &Path, link: Link, lang: Lang) -> PathBuf {
    let libs = libs();
    let stem = source.file_stem().unwrap().to_string_lossy();
    let exe = libs.dir.join(format!("{stem}-{link:?}-{lang:?}").to_lowercase());
    let mut cmd = match lang {
        Lang::C11 => {
            let mut c = Command::new("gcc");
            c.args(["-std=c11"]);
            c
        }
        Lang::Cxx17 => {
            let mut c = Command::new("g++");
            c.args(["-x", "c++", "-std=c++17"]);
            c
        }
    };
    cmd.args(["-Wall", "-Wextra", "-Werror", "-pedantic", "-g", "-DCASELINK_TEST_PANIC"])
        .arg("-I")
        .arg(crate_dir().join("include"))
        .arg("-I")
        .arg(crate_dir().join("tests/c"))
        .arg(source);
    if matches!(lang, Lang::Cxx17) {
        // Stop treating the libraries below as C++ sources.
        cmd.args(["-x", "none"]);
    }
    match link {
        Link::Shared => {
            cmd.arg("-L").arg(&libs.shared_dir).arg("-lcaselink");
            cmd.arg(format!("-Wl,-rpath,{}", libs.shared_dir.display()));
        }
        Link::Static => {
            cmd.arg(&libs.static_lib);
        }
    }
    cmd.args(["-lpthread", "-ldl", "-lm", "-o"]).arg(&exe);
    run_checked(&mut cmd, &format!("compiling {} ({link:?}, {lang:?})", source.display()));
    exe
}

fn scratch(name: &str) -> PathBuf {
    let d = work_dir().join("scratch").join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Run `exe` with `args`, then under valgrind with `valgrind_args`; returns the direct run's stdout.
fn run(exe: &Path, args: &[String], valgrind_args: &[String]) -> String {
    let name = exe.file_name().unwrap().to_string_lossy().into_owned();
    let out = run_checked(Command::new(exe).args(args), &name);
    if std::env::var_os("CASELINK_SKIP_VALGRIND").is_some() {
        eprintln!("note: CASELINK_SKIP_VALGRIND is set; skipped valgrind for {name}");
    } else {
        let vg = Command::new("valgrind")
            .args([
                "--quiet",
                "--error-exitcode=99",
                "--leak-check=full",
                "--errors-for-leak-kinds=definite",
                "--show-leak-kinds=definite",
            ])
            .arg(exe)
            .args(valgrind_args)
            .output()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot run valgrind: {e}; install it (apt-get install valgrind) or set CASELINK_SKIP_VALGRIND=1"
                )
            });
        assert!(
            vg.status.success(),
            "{name} under valgrind: {} (99 = memory errors or definite leaks)\n{}",
            vg.status,
            String::from_utf8_lossy(&vg.stderr)
        );
    }
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn test_api_args(name: &str) -> Vec<String> {
    let expected = caselink::normalize::district::lookup("E.D. Va.").map_or("-".to_owned(), |d| d.court_id.clone());
    vec![scratch(name).display().to_string(), expected]
}

#[test]
fn api_program_passes_shared_and_static() {
    let source = crate_dir().join("tests/c/test_api.c");
    for link in [Link::Shared, Link::Static] {
        let exe = compile(&source, link, Lang::C11);
        let args = test_api_args(&format!("api-{link:?}"));
        let stdout = run(&exe, &args, &args);
        assert!(stdout.contains("test_api: all checks passed"), "{stdout}");
        assert!(stdout.contains("panic boundary: checked"), "the panic test did not run: {stdout}");
    }
}

#[test]
fn api_program_compiles_and_passes_as_cxx() {
    let exe = compile(&crate_dir().join("tests/c/test_api.c"), Link::Shared, Lang::Cxx17);
    let out = run_checked(Command::new(&exe).args(test_api_args("api-cxx")), "test_api as C++");
    assert!(String::from_utf8_lossy(&out.stdout).contains("all checks passed"));
}

#[test]
fn threads_program_passes_shared_and_static() {
    let source = crate_dir().join("tests/c/test_threads.c");
    for link in [Link::Shared, Link::Static] {
        let exe = compile(&source, link, Lang::C11);
        let stdout = run(&exe, &["200".into()], &["2".into()]);
        assert!(stdout.contains("8 threads x 200 rounds agree (30 matches from one shared linker)"), "{stdout}");
    }
}

#[test]
fn linker_program_passes_shared_and_static() {
    let source = crate_dir().join("tests/c/test_linker.c");
    for link in [Link::Shared, Link::Static] {
        let exe = compile(&source, link, Lang::C11);
        let args = vec![scratch(&format!("linker-{link:?}")).display().to_string()];
        let stdout = run(&exe, &args, &args);
        assert!(stdout.contains("test_linker: all checks passed (30 people"), "{stdout}");
    }
}

#[test]
fn linker_program_compiles_and_passes_as_cxx() {
    let exe = compile(&crate_dir().join("tests/c/test_linker.c"), Link::Shared, Lang::Cxx17);
    let args = [scratch("linker-cxx").display().to_string()];
    let out = run_checked(Command::new(&exe).args(args), "test_linker as C++");
    assert!(String::from_utf8_lossy(&out.stdout).contains("all checks passed"));
}

/// The bad-input corpus as arguments for test_bad_input.c (PATH STATUS ROWS REJECTED FRAGMENT per
/// case), from testdata/bad/cases.toml; generated cases are written to `dir`. `big` includes the
/// generated ones (a 10 MB field, 100k columns), which are too slow to repeat under valgrind.
fn bad_input_args(dir: &Path, big: bool) -> Vec<String> {
    let bad = crate_dir().join("../testdata/bad");
    let manifest: toml::Table = toml::from_str(&std::fs::read_to_string(bad.join("cases.toml")).unwrap()).unwrap();
    let header = "report_id,received_date,suspect_name,state";
    let mut args = Vec::new();
    for case in manifest["case"].as_array().unwrap() {
        let get = |k: &str| case.get(k).and_then(toml::Value::as_str);
        let path = match (get("file"), get("generate")) {
            (Some(f), _) => bad.join(f),
            (None, Some(_)) if !big => continue,
            (None, Some(kind)) => {
                // The same bytes core/tests/bad_input.rs generates.
                let mut b = Vec::new();
                if kind == "big_field" {
                    b.extend(format!("{header}\n1001,2019-03-04,John Smith,VA\n1002,2019-05-06,").bytes());
                    b.resize(b.len() + case["bytes"].as_integer().unwrap() as usize, b'x');
                    b.extend(b",TX\n1003,2019-07-08,Ann Lee,CA\n");
                } else {
                    assert_eq!(kind, "wide");
                    let n = case["columns"].as_integer().unwrap() as usize;
                    let mut s = header.to_owned();
                    (0..n).for_each(|i| s.push_str(&format!(",x{i}")));
                    for row in ["\n1001,2019-03-04,John Smith,VA", "\n1002,2019-05-06,Mary Jones,TX"] {
                        s.push_str(row);
                        s.push_str(&",".repeat(n));
                    }
                    s.push('\n');
                    b = s.into_bytes();
                }
                let p = dir.join(format!("{}.csv", get("name").unwrap()));
                std::fs::write(&p, b).unwrap();
                p
            }
            (None, None) => panic!("case without file or generator: {case:?}"),
        };
        let count = |k: &str| case.get(k).and_then(toml::Value::as_integer).unwrap_or(0).to_string();
        let (status, fragment) = match get("outcome").unwrap() {
            "ok" => {
                let first = case["reasons"].as_array().unwrap().first().and_then(toml::Value::as_str);
                ("CASELINK_STATUS_OK", first.unwrap_or("-").to_owned())
            }
            _ => {
                let status = match get("code").unwrap() {
                    "bad_data" => "CASELINK_STATUS_BAD_DATA",
                    "io" => "CASELINK_STATUS_IO",
                    "column_not_found" => "CASELINK_STATUS_UNKNOWN_FIELD",
                    other => panic!("no C status for {other}"),
                };
                (status, get("message").unwrap().to_owned())
            }
        };
        args.extend([path.display().to_string(), status.to_owned(), count("rows"), count("rejected"), fragment]);
    }
    args
}

#[test]
fn bad_input_program_reads_the_corpus_as_the_manifest_says() {
    let source = crate_dir().join("tests/c/test_bad_input.c");
    let dir = scratch("bad-input");
    let all = bad_input_args(&dir, true);
    let small = bad_input_args(&dir, false);
    assert!(all.len() / 5 >= 24 && small.len() < all.len());
    for link in [Link::Shared, Link::Static] {
        let exe = compile(&source, link, Lang::C11);
        let stdout = run(&exe, &all, &small);
        assert!(stdout.contains(&format!("test_bad_input: all checks passed ({} cases)", all.len() / 5)), "{stdout}");
    }
}

fn c_sources(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "c"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_c_test_program_has_a_runner() {
    // A new tests/c/*.c needs its own #[test] above (its arguments and expected output).
    let names: Vec<String> = c_sources(&crate_dir().join("tests/c"))
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["test_api.c", "test_bad_input.c", "test_linker.c", "test_threads.c"]);
}

#[test]
fn c_examples_run_shared_and_static() {
    let sources = c_sources(&crate_dir().join("../examples/c"));
    assert!(!sources.is_empty());
    for source in sources {
        let name = source.file_name().unwrap().to_string_lossy().into_owned();
        // Examples read their inputs from paths relative to the repository root by default;
        // tests run in bindings-c/, so pass absolute paths.
        let args: Vec<String> = match name.as_str() {
            "link_example.c" => ["people_left.csv", "people_right.csv"]
                .iter()
                .map(|f| crate_dir().join("../examples/c/data").join(f).display().to_string())
                .collect(),
            _ => vec![],
        };
        for link in [Link::Shared, Link::Static] {
            let exe = compile(&source, link, Lang::C11);
            let stdout = run(&exe, &args, &args);
            match name.as_str() {
                "quickstart.c" => {
                    assert!(stdout.contains("jaro_winkler(\"John Smith\", \"Jon Smith\") = 0.9"), "{stdout}");
                    assert!(stdout.contains("reading no-such-file.csv: CASELINK_STATUS_IO"), "{stdout}");
                }
                "link_example.c" => {
                    for pair in ["c01   d17", "c02   d11", "c12   d03"] {
                        assert!(stdout.contains(pair), "link_example lacks the pair {pair}:\n{stdout}");
                    }
                    assert!(stdout.contains("12 matches"), "{stdout}");
                    // d16 and d18 share only a blocking key with a left record: not the same people.
                    assert!(!stdout.contains("d16") && !stdout.contains("d18"), "decoys linked:\n{stdout}");
                }
                other => panic!("no expectations for examples/c/{other}: add them here"),
            }
        }
    }
}
