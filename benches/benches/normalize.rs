//! Normalizer throughput: one criterion group per normalizer kind (`normalize_name`,
//! `normalize_phonetic`, …), each measuring values per second over a realistic mix.
//!
//! Run: `cargo bench -p caselink-benches --bench normalize`.

use std::hint::black_box;

use caselink::normalize::{name, phonetic};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// A mix of the spellings seen in dockets, press releases and referral tables.
const NAMES: &[&str] = &[
    "SMITH, JOHN MICHAEL JR.",
    "SMITH, JOHN M. JR. a/k/a \"JD\"",
    "John M. Smith Jr.",
    "J. Michael Smith",
    "Smith John",
    "O'NEIL, PATRICK",
    "DE LA CRUZ, MARIA",
    "Maria de la Cruz",
    "García-López",
    "GARCIA LOPEZ, MARIA ELENA",
    "Thomas J. Hart,,",
    "Dr. Robert O\u{2019}Brien III",
    "John \u{201C}JD\u{201D} Smith",
    "SEALED DEFENDANT 3",
    "jsmith87",
    "john.smith@example.com",
    "UNKNOWN",
    "WILLIAMS, ROBERT LEE",
    "Christopher Allen Johnson",
    "NGUYEN, VAN THANH",
    "Jose Garcia Lopez",
    "Kevin Davis a/k/a K-Dog",
    "xXdarkXx",
    "United States v. Michael Brown",
];

const WORDS: &[&str] = &[
    "Smith",
    "Schmidt",
    "Thompson",
    "Johnson",
    "Garcia",
    "Rodriguez",
    "O'Neil",
    "McLaughlin",
    "Brzozowski",
    "Wasserman",
    "Nguyen",
    "Czerny",
    "Hathaway",
    "Jankelowicz",
    "Williams",
    "Knight",
    "de la Cruz",
    "Müller",
    "Fischer",
    "Caesar",
];

fn bench_name(c: &mut Criterion) {
    let mut g = c.benchmark_group("normalize_name");
    g.throughput(Throughput::Elements(NAMES.len() as u64));
    g.bench_function("parse_name", |b| {
        b.iter(|| {
            for n in NAMES {
                black_box(name::parse_name(black_box(n)));
            }
        })
    });
    g.finish();
}

fn bench_phonetic(c: &mut Criterion) {
    let mut g = c.benchmark_group("normalize_phonetic");
    g.throughput(Throughput::Elements(WORDS.len() as u64));
    g.bench_function("soundex", |b| {
        b.iter(|| {
            for w in WORDS {
                black_box(phonetic::soundex(black_box(w)));
            }
        })
    });
    g.bench_function("double_metaphone", |b| {
        b.iter(|| {
            for w in WORDS {
                black_box(phonetic::double_metaphone(black_box(w)));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench_name, bench_phonetic);
criterion_main!(benches);
