//! Extraction throughput over the fixture documents: documents/s and MB/s.
//!
//! `cargo bench -p caselink-benches --bench extract`

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

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

fn bench(c: &mut Criterion) {
    let docs = fixtures();
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("fixtures_docs", |b| {
        b.iter(|| docs.iter().map(|d| caselink::extract::extract(black_box(d), None).len()).sum::<usize>())
    });
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("fixtures_bytes", |b| {
        b.iter(|| docs.iter().map(|d| caselink::extract::extract(black_box(d), None).len()).sum::<usize>())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
