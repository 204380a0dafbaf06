//! Engine kernels on generated person data: prepare (records/s) and block + compare + score
//! (candidate pairs/s, through `Linker::predict`).

use std::hint::black_box;

use caselink::Dataset;
use caselink::linker::Linker;
use caselink::prepare::Prepared;
use caselink::score::SplitMix64;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SPEC: &str = r#"{
  "unique_id": "id",
  "comparisons": [
    {"type": "string", "column": "given", "metric": "jaro_winkler", "thresholds": [0.9, 0.8]},
    {"type": "string", "column": "surname", "metric": "jaro_winkler", "thresholds": [0.9, 0.8], "tf": true},
    {"type": "string", "column": "dob", "metric": "levenshtein", "thresholds": [0.8]},
    {"type": "exact", "column": "city", "tf": true},
    {"type": "numeric", "column": "age", "tolerances": [1, 3]}
  ],
  "blocking": [
    {"type": "key", "keys": [{"fn": "value", "column": "surname"}]},
    {"type": "key", "keys": [{"fn": "value", "column": "dob"}]}
  ],
  "model": {"u_sample_pairs": 100000}
}"#;

fn people(n: usize, seed: u64) -> Dataset {
    const SYL: [&str; 16] =
        ["ka", "lo", "mi", "ren", "dor", "sa", "vel", "tin", "ber", "ga", "no", "lu", "ris", "ta", "mon", "che"];
    let mut rng = SplitMix64::new(seed);
    let word = |rng: &mut SplitMix64| -> String { (0..3).map(|_| SYL[rng.below(16) as usize]).collect() };
    let mut d = Dataset::new("people", &["id", "given", "surname", "dob", "city", "age"]).unwrap();
    for i in 0..n {
        let g = word(&mut rng);
        let s = word(&mut rng);
        let dob = format!("{}-{:02}-{:02}", 1950 + rng.below(50), 1 + rng.below(12), 1 + rng.below(28));
        let city = format!("city{}", rng.below(50));
        let age = (20 + rng.below(60)).to_string();
        d.push_row(&[Some(&i.to_string()), Some(&g), Some(&s), Some(&dob), Some(&city), Some(&age)]).unwrap();
    }
    d
}

fn engine(c: &mut Criterion) {
    let data = people(20_000, 1);
    let linker = {
        let mut l = Linker::from_json(SPEC).unwrap();
        l.train(&data, None).unwrap();
        l
    };
    let spec = linker.spec().clone();
    let mut g = c.benchmark_group("engine");
    g.sample_size(10);
    g.throughput(Throughput::Elements(data.len() as u64));
    g.bench_function("prepare", |b| b.iter(|| black_box(Prepared::new(&spec.comparisons, &data, None).unwrap())));
    let pairs = linker.predict(&data, None, 0.0).unwrap().pairs_compared;
    g.throughput(Throughput::Elements(pairs));
    g.bench_function("predict", |b| b.iter(|| black_box(linker.predict(&data, None, 0.5).unwrap())));
    g.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
