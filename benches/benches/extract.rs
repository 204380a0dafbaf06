//! Extraction throughput over the fixture documents: documents/s and MB/s.
//!
//! `cargo bench -p caselink-benches --bench extract`
//!
//! Besides criterion's wall-clock figures, the run ends with the same loop timed by the thread's
//! own CPU time (Linux `/proc/thread-self/schedstat`), which a busy shared machine does not
//! inflate. Skip it with `CASELINK_BENCH_NO_CPU=1`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group};

fn fixtures() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/extract");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("testdata/extract exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
        .collect();
    paths.sort();
    paths.iter().map(|p| String::from_utf8_lossy(&std::fs::read(p).expect("read fixture")).into_owned()).collect()
}

fn extract_all(docs: &[String]) -> usize {
    docs.iter().map(|d| caselink::extract::extract(black_box(d), None).len()).sum()
}

fn bench(c: &mut Criterion) {
    let docs = fixtures();
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("fixtures_docs", |b| b.iter(|| extract_all(&docs)));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("fixtures_bytes", |b| b.iter(|| extract_all(&docs)));
    g.finish();
}

/// Nanoseconds this thread has spent on a CPU.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Documents/s and MiB/s per CPU-second, over at least two CPU-seconds.
fn cpu_throughput() {
    let docs = fixtures();
    let bytes: usize = docs.iter().map(String::len).sum();
    black_box(extract_all(&docs));
    let Some(start) = cpu_ns() else {
        eprintln!("no /proc/thread-self/schedstat: CPU-time throughput skipped");
        return;
    };
    let mut rounds = 0usize;
    let mut now = start;
    while now - start < 2_000_000_000 {
        black_box(extract_all(&docs));
        rounds += 1;
        now = cpu_ns().unwrap_or(u64::MAX);
    }
    let secs = (now - start) as f64 * 1e-9;
    println!(
        "extract (CPU time, {rounds} rounds of {} docs / {bytes} bytes): {:.0} docs/s, {:.2} MiB/s",
        docs.len(),
        (rounds * docs.len()) as f64 / secs,
        (rounds * bytes) as f64 / secs / (1024.0 * 1024.0)
    );
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    // `cargo test --benches` runs this binary in test mode: no timing then.
    let testing = std::env::args().any(|a| a == "--test");
    if !testing && std::env::var_os("CASELINK_BENCH_NO_CPU").is_none() {
        cpu_throughput();
    }
}
