//! Privacy guarantees that SECURITY.md states, checked: no networking crate anywhere in the
//! dependency graph, no printing from the library (only the CLI writes to the terminal), and
//! values quoted in reasons are clipped.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Crates that speak to the network (HTTP clients and servers, TLS, async sockets).
const NETWORK_CRATES: &[&str] = &[
    "reqwest",
    "hyper",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "surf",
    "attohttpc",
    "h2",
    "http",
    "tokio",
    "mio",
    "socket2",
    "async-std",
    "native-tls",
    "openssl",
    "openssl-sys",
    "rustls",
    "ring",
    "websocket",
    "tungstenite",
];

#[test]
fn no_networking_crate_in_cargo_lock() {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).expect("Cargo.lock is committed");
    let lock: toml::Value = toml::from_str(&lock).expect("Cargo.lock parses");
    let packages = lock["package"].as_array().expect("[[package]] tables");
    assert!(packages.len() > 20, "only {} packages: is this the workspace lock?", packages.len());
    let names: Vec<&str> = packages.iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"caselink") && names.contains(&"csv"));
    let found: Vec<&&str> = names.iter().filter(|n| NETWORK_CRATES.contains(n)).collect();
    assert!(found.is_empty(), "networking crates in Cargo.lock: {found:?}; caselink must not reach the network");
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn the_library_prints_nothing() {
    let src = root().join("core/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 20);
    let mut offenders = Vec::new();
    for f in files.iter().filter(|f| !f.starts_with(src.join("bin"))) {
        let text = std::fs::read_to_string(f).unwrap();
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if ["println!", "eprintln!", "print!(", "eprint!(", "dbg!("].iter().any(|m| code.contains(m)) {
                offenders.push(format!("{}:{}: {}", f.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(offenders.is_empty(), "the library must not print (record contents could leak):\n{}", offenders.join("\n"));
}

#[test]
fn values_in_reasons_and_errors_are_clipped() {
    let long_id = "7".repeat(5000);
    let csv = format!("id,name\n{long_id},A\n{long_id},B\n");
    let o = caselink::data::CsvOptions::default().with_id("id");
    let d = caselink::Dataset::from_csv_reader(csv.as_bytes(), "ids.csv", &o).unwrap();
    assert_eq!(d.rejected.len(), 1);
    let reason = &d.rejected[0].reason;
    assert!(reason.len() < 200 && reason.contains("(5000 bytes)"), "{reason}");
    let secret = "x".repeat(4000);
    let mut header = format!("id,{secret}").into_bytes();
    header.extend_from_slice(b"\xff\n");
    let e = caselink::Dataset::from_csv_reader(header.as_slice(), "h.csv", &Default::default()).unwrap_err();
    assert!(e.to_string().contains("not valid UTF-8"), "{e}");
    assert!(e.to_string().len() < 300, "{} bytes", e.to_string().len());
}
