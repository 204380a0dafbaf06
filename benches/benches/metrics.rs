//! Pairs/s of every metric on realistic name pairs, caselink against strsim in the same group.
//!
//! Run one group quickly with e.g.
//! `cargo bench -p caselink-benches --bench metrics -- jaro_winkler --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;

use caselink::metrics::{BatchComparator, Metric, jaro, jaro_winkler, levenshtein, osa, qgram, token_set, token_sort};
use caselink_benches::{PairKind, name_pairs};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const PAIRS: usize = 1000;

type Pairs = Vec<(String, String)>;

/// A similarity function.
type Sim = fn(&str, &str) -> f64;

fn datasets() -> Vec<(PairKind, Pairs)> {
    PairKind::ALL.into_iter().map(|k| (k, name_pairs(PAIRS, 2024, k))).collect()
}

fn strsim_token_sort(a: &str, b: &str) -> f64 {
    let mut x: Vec<&str> = a.split_whitespace().collect();
    let mut y: Vec<&str> = b.split_whitespace().collect();
    x.sort_unstable();
    y.sort_unstable();
    strsim::normalized_levenshtein(&x.join(" "), &y.join(" "))
}

fn strsim_osa(a: &str, b: &str) -> f64 {
    let n = a.chars().count().max(b.chars().count());
    if n == 0 { 1.0 } else { 1.0 - strsim::osa_distance(a, b) as f64 / n as f64 }
}

/// One group: `ours` and, when given, `theirs` on every dataset.
fn group(c: &mut Criterion, name: &str, ours: Sim, theirs: Option<(&str, Sim)>) {
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Elements(PAIRS as u64));
    for (kind, pairs) in datasets() {
        g.bench_with_input(BenchmarkId::new("caselink", kind.label()), &pairs, |bch, p| {
            bch.iter(|| p.iter().map(|(a, b)| ours(black_box(a), black_box(b))).sum::<f64>())
        });
        if let Some((label, f)) = theirs {
            g.bench_with_input(BenchmarkId::new(label, kind.label()), &pairs, |bch, p| {
                bch.iter(|| p.iter().map(|(a, b)| f(black_box(a), black_box(b))).sum::<f64>())
            });
        }
    }
    g.finish();
}

fn metrics(c: &mut Criterion) {
    group(c, "jaro_winkler", jaro_winkler::normalized_similarity, Some(("strsim", strsim::jaro_winkler)));
    group(c, "levenshtein", levenshtein::normalized_similarity, Some(("strsim", strsim::normalized_levenshtein)));
    group(c, "osa", osa::normalized_similarity, Some(("strsim", strsim_osa)));
    group(c, "jaro", jaro::normalized_similarity, Some(("strsim", strsim::jaro)));
    // strsim's Dice drops whitespace first, so it is a speed reference only.
    group(c, "qgram", qgram::normalized_similarity, Some(("strsim_sorensen_dice", strsim::sorensen_dice)));
    group(c, "token_sort", token_sort::normalized_similarity, Some(("strsim_naive", strsim_token_sort)));
    group(c, "token_set", token_set::normalized_similarity, None);
}

/// One query against many choices: the query's masks are built once.
fn batch(c: &mut Criterion) {
    let pairs = name_pairs(PAIRS, 2024, PairKind::ShortAscii);
    let mut g = c.benchmark_group("batch_short_ascii");
    g.throughput(Throughput::Elements(PAIRS as u64));
    for m in [Metric::JaroWinkler, Metric::Levenshtein] {
        let q = BatchComparator::new(m, &pairs[0].0);
        g.bench_function(BenchmarkId::new("caselink", m.name()), |bch| {
            bch.iter(|| pairs.iter().map(|(_, b)| q.normalized_similarity(black_box(b))).sum::<f64>())
        });
    }
    g.finish();
}

criterion_group!(benches, metrics, batch);
criterion_main!(benches);
