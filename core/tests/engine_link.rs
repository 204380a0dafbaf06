//! End to end: deduplicate a generated person table with exact and string comparisons only
//! (no dependence on the name/date parsers), check F1, thread-count determinism, explain,
//! term frequencies, labels, save/load and the model file's defences.

use std::collections::{HashMap, HashSet};

use caselink::Dataset;
use caselink::linker::{Linker, Predictions};
use caselink::score::SplitMix64;

const SPEC: &str = r#"{
  "unique_id": "id",
  "comparisons": [
    {"type": "string", "column": "given", "metric": "jaro_winkler", "thresholds": [0.9, 0.8]},
    {"type": "string", "column": "surname", "metric": "jaro_winkler", "thresholds": [0.9, 0.8], "tf": true},
    {"type": "string", "column": "dob", "metric": "levenshtein", "thresholds": [0.8]},
    {"type": "exact", "column": "city", "tf": true},
    {"type": "exact", "column": "postcode"}
  ],
  "blocking": [
    {"type": "key", "keys": [{"fn": "value", "column": "surname"}]},
    {"type": "key", "keys": [{"fn": "value", "column": "dob"}]},
    {"type": "key", "keys": [{"fn": "prefix", "column": "given", "n": 2}, {"fn": "value", "column": "postcode"}]}
  ],
  "model": {"u_sample_pairs": 30000, "seed": 5}
}"#;

struct World {
    data: Dataset,
    entity: Vec<usize>,
}

fn word(rng: &mut SplitMix64) -> String {
    const SYL: [&str; 24] = [
        "ka", "lo", "mi", "ren", "dor", "sa", "vel", "tin", "ber", "ga", "no", "lu", "ris", "ta", "mon", "che", "ald",
        "fi", "wen", "ost", "ma", "ric", "del", "zu",
    ];
    let n = 2 + rng.below(2);
    (0..n).map(|_| SYL[rng.below(SYL.len() as u64) as usize]).collect()
}

fn typo(s: &str, rng: &mut SplitMix64) -> String {
    let mut c: Vec<char> = s.chars().collect();
    if c.len() < 3 {
        return s.to_owned();
    }
    let i = 1 + rng.below(c.len() as u64 - 2) as usize;
    match rng.below(3) {
        0 => c[i] = (b'a' + rng.below(26) as u8) as char,
        1 => c.swap(i, i - 1),
        _ => {
            c.remove(i);
        }
    }
    c.into_iter().collect()
}

fn generate(entities: usize, seed: u64) -> World {
    let mut rng = SplitMix64::new(seed);
    let cities = ["springfield", "riverton", "lakeside", "hillview", "brookfield", "oakdale"];
    let mut data = Dataset::new("people", &["id", "given", "surname", "dob", "city", "postcode"]).unwrap();
    let mut entity = Vec::new();
    let mut id = 0;
    for e in 0..entities {
        let given = word(&mut rng);
        // A fifth of the people are Smiths: a common surname for the TF test.
        let surname = if rng.below(5) == 0 { "smith".to_owned() } else { word(&mut rng) };
        let dob = format!("{}-{:02}-{:02}", 1940 + rng.below(60), 1 + rng.below(12), 1 + rng.below(28));
        let city = cities[rng.below(cities.len() as u64) as usize];
        let postcode = format!("{:05}", rng.below(100_000));
        let copies = 1 + rng.below(3);
        for _ in 0..copies {
            let mut g = given.clone();
            let mut s = surname.clone();
            let mut d = dob.clone();
            let mut c = Some(city.to_owned());
            let mut p = Some(postcode.clone());
            match rng.below(6) {
                0 => g = typo(&g, &mut rng),
                1 => s = typo(&s, &mut rng),
                2 => d = typo(&d, &mut rng),
                3 => c = None,
                4 => p = None,
                _ => {}
            }
            if rng.below(10) == 0 {
                g = g.to_uppercase();
            }
            let idv = id.to_string();
            data.push_row(&[Some(&idv), Some(&g), Some(&s), Some(&d), c.as_deref(), p.as_deref()]).unwrap();
            entity.push(e);
            id += 1;
        }
    }
    data.set_id_column("id").unwrap();
    World { data, entity }
}

/// Pairwise precision, recall and F1 of predicted pairs against the entity labels.
fn f1(pred: &Predictions, entity: &[usize], threshold: f64) -> (f64, f64, f64) {
    let predicted: HashSet<(u32, u32)> = (0..pred.len())
        .filter(|&i| pred.match_probability[i] >= threshold)
        .map(|i| (pred.left[i], pred.right[i]))
        .collect();
    let mut by_entity: HashMap<usize, Vec<u32>> = HashMap::new();
    for (row, e) in entity.iter().enumerate() {
        by_entity.entry(*e).or_default().push(row as u32);
    }
    let truth: HashSet<(u32, u32)> = by_entity
        .values()
        .flat_map(|rows| {
            rows.iter().enumerate().flat_map(move |(i, &a)| rows[i + 1..].iter().map(move |&b| (a.min(b), a.max(b))))
        })
        .collect();
    let tp = predicted.intersection(&truth).count() as f64;
    let p = tp / predicted.len().max(1) as f64;
    let r = tp / truth.len().max(1) as f64;
    (p, r, if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) })
}

fn trained(world: &World) -> Linker {
    let mut linker = Linker::from_json(SPEC).unwrap();
    let report = linker.train(&world.data, None).unwrap();
    assert_eq!(report.passes.len(), 3);
    assert!(report.untrained.is_empty(), "{report:?}");
    assert!(report.lambda > 0.0 && report.lambda < 1.0);
    linker
}

#[test]
fn dedupe_reaches_high_f1() {
    let world = generate(600, 1);
    let linker = trained(&world);
    let pred = linker.predict(&world.data, None, 0.01).unwrap();
    let (p, r, f) = f1(&pred, &world.entity, 0.5);
    eprintln!("dedupe: precision {p:.4} recall {r:.4} f1 {f:.4}");
    assert!(f > 0.95, "precision {p:.3} recall {r:.3} f1 {f:.3}\n{}", linker.parameters_json());
    assert!(pred.left.iter().zip(&pred.right).all(|(l, r)| l < r));
    assert!(pred.match_probability.iter().all(|p| *p >= 0.01));
    assert_eq!(pred.pairs_compared, pred.blocking.candidate_pairs);
    // The exact level must carry more weight than else for every comparison.
    let params = linker.parameters_json();
    for c in params["comparisons"].as_array().unwrap() {
        let levels = c["levels"].as_array().unwrap();
        let first = levels.first().unwrap()["weight"].as_f64().unwrap();
        let last = levels.last().unwrap()["weight"].as_f64().unwrap();
        assert!(last > 0.0 && first < 0.0, "{c}");
    }
}

/// `train_predict` scores the candidates during the λ pass and rescores only those that could
/// pass; whatever λ turns out to be, it must return exactly what train then predict returns.
#[test]
fn fused_train_predict_equals_train_then_predict() {
    let world = generate(400, 4);
    let by_rule = SPEC.replace(r#""seed": 5}"#, r#""seed": 5, "lambda_by_rule": true}"#);
    let fixed = SPEC.replace(r#""seed": 5}"#, r#""seed": 5, "prior": 0.001}"#);
    for spec in [SPEC, by_rule.as_str(), fixed.as_str()] {
        for threshold in [0.0, 0.001, 0.5, 0.99, 1.0] {
            for threads in [1, 2] {
                rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(|| {
                    let mut fused = Linker::from_json(spec).unwrap();
                    let (report, got) = fused.train_predict(&world.data, None, threshold).unwrap();
                    let mut apart = Linker::from_json(spec).unwrap();
                    assert_eq!(apart.train(&world.data, None).unwrap(), report);
                    assert_eq!(fused.to_bytes(), apart.to_bytes());
                    let want = apart.predict(&world.data, None, threshold).unwrap();
                    assert_eq!(got, want, "threshold {threshold}, {threads} threads");
                    if threshold < 0.9 {
                        assert!(!got.is_empty());
                    }
                });
            }
        }
    }
}

#[test]
fn predictions_do_not_depend_on_thread_count() {
    let world = generate(300, 2);
    let linker = trained(&world);
    let run = |threads| {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(|| {
            let mut l = Linker::from_json(SPEC).unwrap();
            l.train(&world.data, None).unwrap();
            (l.to_bytes(), l.predict(&world.data, None, 0.0).unwrap())
        })
    };
    let (m1, p1) = run(1);
    let (m2, p2) = run(2);
    assert_eq!(m1, m2, "training is deterministic");
    assert_eq!(p1, p2);
    assert_eq!(p1, linker.predict(&world.data, None, 0.0).unwrap());
    assert!(!p1.is_empty());
}

#[test]
fn explain_terms_sum_to_the_match_weight() {
    let world = generate(200, 3);
    let linker = trained(&world);
    let pred = linker.predict(&world.data, None, 0.0).unwrap();
    for i in (0..pred.len()).step_by(pred.len() / 20 + 1) {
        let (l, r) = (pred.left[i] as usize, pred.right[i] as usize);
        let e = linker.explain(&world.data, l, &world.data, r).unwrap();
        let sum = e.prior_weight + e.terms.iter().map(|t| t.weight).sum::<f64>();
        assert!((sum - e.match_weight).abs() < 1e-9);
        assert!((e.match_weight - pred.match_weight[i]).abs() < 1e-9, "explain agrees with predict");
        let levels: Vec<u8> = e.terms.iter().map(|t| t.level).collect();
        assert_eq!(levels, pred.levels_of(i));
        assert_eq!(e.terms[0].left_value, world.data.value(l, "given").unwrap().unwrap_or(""));
    }
    assert!(linker.explain(&world.data, 0, &world.data, 10_000).is_err());
}

#[test]
fn rare_surname_agreement_weighs_more_than_smith() {
    let world = generate(400, 4);
    let linker = trained(&world);
    let mut d = Dataset::new("pairs", &["id", "given", "surname", "dob", "city", "postcode"]).unwrap();
    for (i, s) in ["smith", "smith", "zuvelric", "zuvelric"].iter().enumerate() {
        d.push_row(&[Some(&i.to_string()), Some("kalo"), Some(s), None, None, None]).unwrap();
    }
    let common = linker.explain(&d, 0, &d, 1).unwrap();
    let rare = linker.explain(&d, 2, &d, 3).unwrap();
    assert_eq!(common.terms[1].level_label, "exact");
    assert_eq!(rare.terms[1].level_label, "exact");
    assert!(
        rare.terms[1].weight > common.terms[1].weight + 2.0,
        "rare {:?} vs smith {:?}",
        rare.terms[1],
        common.terms[1]
    );
    assert!(rare.match_weight > common.match_weight);
}

#[test]
fn labelled_training_also_links() {
    let world = generate(400, 6);
    let mut labels = Vec::new();
    for a in 0..world.entity.len() {
        for b in a + 1..world.entity.len() {
            if world.entity[a] == world.entity[b] {
                labels.push((a, b));
            }
        }
    }
    let mut linker = Linker::from_json(SPEC).unwrap();
    linker.train_from_labels(&world.data, None, &labels).unwrap();
    let pred = linker.predict(&world.data, None, 0.5).unwrap();
    let (_, _, f) = f1(&pred, &world.entity, 0.5);
    assert!(f > 0.95, "f1 {f}");
    assert!(linker.train_from_labels(&world.data, None, &[(0, 99_999)]).is_err());
}

#[test]
fn untrained_linker_refuses_to_predict() {
    let world = generate(20, 7);
    let e = Linker::from_json(SPEC).unwrap().predict(&world.data, None, 0.5).unwrap_err();
    assert_eq!(e.code(), "bad_model");
}

#[test]
fn link_two_tables_with_renamed_columns() {
    let world = generate(300, 8);
    // Split each entity's records: first to the left, the rest to the right (renamed columns).
    let mut left = Dataset::new("left", &["id", "given", "surname", "dob", "city", "postcode"]).unwrap();
    let mut right = Dataset::new("right", &["id", "first", "last", "dob", "city", "postcode"]).unwrap();
    let mut seen = HashSet::new();
    let (mut le, mut re) = (Vec::new(), Vec::new());
    for row in 0..world.data.len() {
        let vals: Vec<Option<&str>> = ["id", "given", "surname", "dob", "city", "postcode"]
            .iter()
            .map(|c| world.data.value(row, c).unwrap())
            .collect();
        if seen.insert(world.entity[row]) {
            left.push_row(&vals).unwrap();
            le.push(world.entity[row]);
        } else {
            right.push_row(&vals).unwrap();
            re.push(world.entity[row]);
        }
    }
    let spec = SPEC
        .replace(r#""column": "given","#, r#""column": "given", "right_column": "first","#)
        .replace(r#""column": "surname","#, r#""column": "surname", "right_column": "last","#)
        .replace(
            r#"{"fn": "value", "column": "surname"}"#,
            r#"{"fn": "value", "column": "surname", "right_column": "last"}"#,
        )
        .replace(
            r#"{"fn": "prefix", "column": "given", "n": 2}"#,
            r#"{"fn": "prefix", "column": "given", "right_column": "first", "n": 2}"#,
        );
    let mut linker = Linker::from_json(&spec).unwrap();
    linker.train(&left, Some(&right)).unwrap();
    let pred = linker.predict(&left, Some(&right), 0.5).unwrap();
    let truth: usize = re.len();
    let tp = (0..pred.len()).filter(|&i| le[pred.left[i] as usize] == re[pred.right[i] as usize]).count();
    let (p, r) = (tp as f64 / pred.len().max(1) as f64, tp as f64 / truth as f64);
    assert!(p > 0.95 && r > 0.9, "precision {p} recall {r}");
    let mut csv = Vec::new();
    pred.write_csv(&left, &right, &mut csv).unwrap();
    let text = String::from_utf8(csv).unwrap();
    assert!(text.starts_with(
        "left_id,right_id,match_weight,match_probability,level_given,level_surname,level_dob,level_city,level_postcode\n"
    ));
    assert_eq!(text.lines().count(), pred.len() + 1);
}

#[test]
fn model_round_trip_gives_identical_predictions() {
    let world = generate(200, 9);
    let linker = trained(&world);
    let dir = std::env::temp_dir().join(format!("caselink-engine-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("model.bin");
    linker.save(&path).unwrap();
    let back = Linker::load(&path).unwrap();
    assert_eq!(back.spec(), linker.spec());
    assert_eq!(back.predict(&world.data, None, 0.0).unwrap(), linker.predict(&world.data, None, 0.0).unwrap());
    assert_eq!(back.parameters_json(), linker.parameters_json());
    assert_eq!(back.to_bytes(), linker.to_bytes());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn corrupt_models_are_rejected() {
    let world = generate(50, 10);
    let bytes = trained(&world).to_bytes();
    let bad = |b: &[u8]| {
        let e = Linker::from_bytes(b).unwrap_err();
        assert_eq!(e.code(), "bad_model", "{e}");
        e.to_string()
    };
    assert!(bad(&bytes[..bytes.len() - 1]).contains("truncated"));
    assert!(bad(&bytes[..5]).contains("truncated"));
    assert!(bad(b"").contains("truncated"));
    let mut wrong_magic = bytes.clone();
    wrong_magic[0] = b'X';
    assert!(bad(&wrong_magic).contains("magic"));
    let mut wrong_version = bytes.clone();
    wrong_version[8] = 99;
    assert!(bad(&wrong_version).contains("version 99"));
    let mut absurd = bytes.clone();
    absurd[10..18].copy_from_slice(&u64::MAX.to_le_bytes());
    assert!(bad(&absurd).contains("exceeds the limit"));
    // Every single-bit flip anywhere is caught.
    for i in (0..bytes.len()).step_by(7) {
        for bit in [0, 5] {
            let mut flipped = bytes.clone();
            flipped[i] ^= 1 << bit;
            bad(&flipped);
        }
    }
    let untrained = Linker::from_json(SPEC).unwrap();
    assert!(!Linker::from_bytes(&untrained.to_bytes()).unwrap().is_trained());
}

/// The estimated λ must match the true share of matching pairs among all pairs. An EM over the
/// candidate pairs with u from random pairs overestimates it many times over (candidate
/// non-matches agree on their blocking keys), which turns namesakes into matches at scale.
#[test]
fn estimated_lambda_is_calibrated_on_person_data() {
    let world = caselink::synth::persons(3000, 5);
    let spec = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/persons/spec.json")).unwrap();
    let mut linker = Linker::from_json(&spec).unwrap();
    assert!(linker.spec().model.lambda_by_rule, "the persons example turns the calibrated estimate on");
    let report = linker.train(&world.persons, None).unwrap();
    let person_of: HashMap<&str, &str> = (0..world.truth.len())
        .map(|i| {
            (world.truth.value(i, "unique_id").unwrap().unwrap(), world.truth.value(i, "person_id").unwrap().unwrap())
        })
        .collect();
    let mut sizes: HashMap<&str, u64> = HashMap::new();
    for i in 0..world.persons.len() {
        let id = world.persons.value(i, "unique_id").unwrap().unwrap();
        *sizes.entry(person_of[id]).or_default() += 1;
    }
    let matches: u64 = sizes.values().map(|s| s * (s - 1) / 2).sum();
    let n = world.persons.len() as f64;
    let truth = matches as f64 / (n * (n - 1.0) / 2.0);
    let off = (report.lambda / truth).log2().abs();
    // The old joint estimate was 0.2 bits off here, and the gap grows with the data (4 bits at 1M).
    assert!(off < 0.1, "λ {} vs true {truth}: {off:.2} bits off", report.lambda);
}

/// With `tf_fuzzy`, a near-match of two rare names outweighs a near-match of a common name at
/// the same level (Johm/John Smith vs Kowalsky/Kowalski); without it, the two weigh the same.
#[test]
fn tf_fuzzy_weighs_near_matches_by_the_more_common_name() {
    let mut d = Dataset::new("d", &["id", "name", "city"]).unwrap();
    let mut rows: Vec<(String, String)> = Vec::new();
    for i in 0..60 {
        rows.push(("John Smith".into(), format!("c{}", i % 7)));
    }
    rows.push(("Johm Smith".into(), "x".into()));
    rows.push(("Zbigniew Kowalski".into(), "y".into()));
    rows.push(("Zbigniew Kowalsky".into(), "y2".into()));
    for i in 0..200 {
        rows.push((format!("Person{i} Surname{}", i * 7919 % 211), format!("c{}", i % 13)));
    }
    for (i, (n, c)) in rows.iter().enumerate() {
        d.push_row(&[Some(&i.to_string()), Some(n), Some(c)]).unwrap();
    }
    let spec = |fuzzy: bool| {
        format!(
            r#"{{"unique_id": "id",
            "comparisons": [{{"type": "name", "column": "name", "tf": true, "tf_fuzzy": {fuzzy}}},
                            {{"type": "exact", "column": "city"}}],
            "blocking": [{{"type": "key", "keys": [{{"fn": "surname_soundex", "column": "name"}}]}}],
            "model": {{"prior": 0.01}}}}"#
        )
    };
    let weight_of = |fuzzy: bool, a: u32, b: u32| {
        let mut l = Linker::from_json(&spec(fuzzy)).unwrap();
        let (_, p) = l.train_predict(&d, None, 0.0).unwrap();
        let i = (0..p.len()).find(|&i| (p.left[i], p.right[i]) == (a, b)).expect("pair is a candidate");
        (p.levels_of(i).to_vec(), p.match_weight[i])
    };
    let (jon, kowal) = ((0u32, 60u32), (61u32, 62u32));
    let (lev_common, common) = weight_of(true, jon.0, jon.1);
    let (lev_rare, rare) = weight_of(true, kowal.0, kowal.1);
    assert_eq!(lev_common, lev_rare, "same levels, so only the frequencies differ");
    assert!(rare > common + 3.0, "rare {rare} vs common {common}");
    let (_, plain_common) = weight_of(false, jon.0, jon.1);
    let (_, plain_rare) = weight_of(false, kowal.0, kowal.1);
    assert_eq!(plain_common, plain_rare);
    assert!(Linker::from_json(&spec(true).replace(r#""tf": true"#, r#""tf": false"#)).is_err());
}

#[test]
fn one_record_or_an_empty_side_trains_without_pairs() {
    // No pair exists to sample u from (one record deduplicated, or nothing on the right): u
    // stays at its smoothed prior and nothing is linked. This once indexed a row past the end.
    let spec = caselink::trace::spec_for(caselink::trace::Source::Docket, caselink::trace::Source::Docket).unwrap();
    let columns = caselink::trace::DOCKET_COLUMNS;
    let mut one = Dataset::new("dockets.csv", &columns).unwrap();
    let row = ["d1", "3:18-cr-00178", "tned", "SMITH, JOHN M.", "2018-05-01", "18:2252A(a)(2)"];
    one.push_row(&row.map(Some)).unwrap();
    let mut lk = Linker::new(spec.clone()).unwrap();
    let (report, pairs) = lk.train_predict(&one, None, 0.5).unwrap();
    assert_eq!(pairs.len(), 0);
    assert_eq!(report.u_pairs, 0);
    let empty = Dataset::new("dockets.csv", &columns).unwrap();
    let mut lk = Linker::new(spec).unwrap();
    assert_eq!(lk.train_predict(&one, Some(&empty), 0.5).unwrap().1.len(), 0);
}
