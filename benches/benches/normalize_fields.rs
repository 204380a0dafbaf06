//! Throughput of the date, district and reference normalizers (records/s), on mixed realistic
//! spellings. Run: `cargo bench -p caselink-benches --bench normalize_fields`.

use std::hint::black_box;

use caselink::normalize::date::{DateOptions, civil_from_days, parse_date};
use caselink::normalize::{district, reference};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const MONTHS: [&str; 12] =
    ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];

/// 1,000 dates in the formats of referral tables, dockets and press releases.
fn dates() -> Vec<String> {
    (0..1000)
        .map(|i: i32| {
            let (y, m, d) = civil_from_days(15_000 + i * 7);
            match i % 6 {
                0 => format!("{y}-{m:02}-{d:02}"),
                1 => format!("{m:02}/{d:02}/{y}"),
                2 => format!("{} {d}, {y}", MONTHS[m as usize - 1]),
                3 => format!("{y}-{m:02}-{d:02}T14:03:00Z"),
                4 => format!("{d} {} {y}", MONTHS[m as usize - 1]),
                _ => format!("{m}-{d}-{:02}", y % 100),
            }
        })
        .collect()
}

/// Every district in six spellings.
fn districts() -> Vec<String> {
    district::all()
        .iter()
        .flat_map(|d| {
            [
                d.court_id.clone(),
                d.usao.clone(),
                d.short_citation.clone(),
                d.name.clone(),
                format!("U.S. District Court for the {}", d.name),
                d.name.to_uppercase(),
            ]
        })
        .collect()
}

/// Docket numbers and tip numbers in their usual spellings.
fn references() -> Vec<String> {
    (0..1000u32)
        .map(|i| match i % 5 {
            0 => format!("{}:{}-cr-{:05}-TAV-HBG", i % 9 + 1, 10 + i % 15, i * 7 + 1),
            1 => format!("{}:{}-CR-{}", i % 9 + 1, 10 + i % 15, i * 7 + 1),
            2 => format!("Criminal Action No. {}\u{2013}{}\u{2013}GAO", 10 + i % 15, 10_000 + i),
            3 => format!("CyberTip Report #{}", 10_000_000 + i * 9_973),
            _ => format!("{}", 100_000_000 + i * 99_991),
        })
        .collect()
}

fn bench_date(c: &mut Criterion) {
    let inputs = dates();
    let opts = DateOptions::default();
    assert!(inputs.iter().all(|s| parse_date(s, &opts).is_some()), "every bench date parses");
    let mut g = c.benchmark_group("normalize_date");
    g.throughput(Throughput::Elements(inputs.len() as u64));
    g.bench_function("parse_date_mixed", |b| {
        b.iter(|| inputs.iter().filter(|s| parse_date(black_box(s), &opts).is_some()).count())
    });
    g.finish();
}

fn bench_district(c: &mut Criterion) {
    let inputs = districts();
    assert!(inputs.iter().all(|s| district::lookup_index(s).is_some()), "every bench spelling resolves");
    let mut g = c.benchmark_group("normalize_district");
    g.throughput(Throughput::Elements(inputs.len() as u64));
    g.bench_function("lookup_mixed", |b| {
        b.iter(|| inputs.iter().filter(|s| district::lookup_index(black_box(s)).is_some()).count())
    });
    g.finish();
}

fn bench_reference(c: &mut Criterion) {
    let inputs = references();
    assert!(inputs.iter().all(|s| reference::parse_reference(s).is_some()), "every bench reference parses");
    let mut g = c.benchmark_group("normalize_reference");
    g.throughput(Throughput::Elements(inputs.len() as u64));
    g.bench_function("parse_reference_mixed", |b| {
        b.iter(|| inputs.iter().filter(|s| reference::parse_reference(black_box(s)).is_some()).count())
    });
    g.finish();
}

criterion_group!(benches, bench_date, bench_district, bench_reference);
criterion_main!(benches);
