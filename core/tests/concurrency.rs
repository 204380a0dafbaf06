//! One `Linker` shared by many threads gives what one thread gets, and a trace gives the same
//! output in a one-thread rayon pool as in a two-thread pool.

use std::sync::Arc;

use caselink::Dataset;
use caselink::linker::{Linker, Predictions};
use caselink::trace::{self, TraceInput, TraceOptions};

const SPEC: &str = r#"{"unique_id": "unique_id",
  "comparisons": [
    {"type": "string", "column": "first_name", "metric": "jaro_winkler", "thresholds": [0.92, 0.8]},
    {"type": "string", "column": "surname", "metric": "jaro_winkler", "thresholds": [0.92, 0.8], "tf": true},
    {"type": "date", "column": "dob"},
    {"type": "exact", "column": "city"}],
  "blocking": [
    {"type": "key", "keys": [{"fn": "value", "column": "surname"}]},
    {"type": "key", "keys": [{"fn": "value", "column": "dob"}]}],
  "model": {"seed": 9, "u_sample_pairs": 5000}}"#;

fn people() -> Dataset {
    let mut d = caselink::synth::persons(150, 21).persons;
    if d.id_column().is_none() {
        d.set_id_column("unique_id").unwrap();
    }
    d
}

#[test]
fn one_linker_in_eight_threads_agrees_with_one_thread() {
    let data = Arc::new(people());
    let mut linker = Linker::from_json(SPEC).unwrap();
    linker.train(&data, None).unwrap();
    let linker = Arc::new(linker);
    let expected: Predictions = linker.predict(&data, None, 0.0).unwrap();
    assert!(expected.len() > 50, "the test needs pairs to compare: {}", expected.len());
    let handles: Vec<_> = (0..8)
        .map(|t| {
            let (linker, data) = (Arc::clone(&linker), Arc::clone(&data));
            // Staggered thresholds: threads run different amounts of work at the same time.
            std::thread::spawn(move || {
                (0..3).map(|i| linker.predict(&data, None, if (t + i) % 2 == 0 { 0.0 } else { 0.5 }).unwrap()).collect()
            })
        })
        .collect();
    let above_half: Vec<usize> = (0..expected.len()).filter(|&i| expected.match_probability[i] >= 0.5).collect();
    for h in handles {
        let results: Vec<Predictions> = h.join().expect("no panic");
        for p in results {
            if p.len() == expected.len() {
                assert_eq!(p, expected);
            } else {
                assert_eq!(p.len(), above_half.len());
                assert!(above_half.iter().enumerate().all(|(j, &i)| p.left[j] == expected.left[i]
                    && p.right[j] == expected.right[i]
                    && p.match_weight[j] == expected.match_weight[i]));
            }
        }
    }
    // Explain is read-only too: the same from another thread.
    let (l, r) = (expected.left[0] as usize, expected.right[0] as usize);
    let here = linker.explain(&data, l, &data, r).unwrap();
    let there = {
        let (linker, data) = (Arc::clone(&linker), Arc::clone(&data));
        std::thread::spawn(move || linker.explain(&data, l, &data, r).unwrap()).join().unwrap()
    };
    assert_eq!(format!("{here:?}"), format!("{there:?}"));
}

#[test]
fn trace_output_does_not_depend_on_the_thread_count() {
    let world = caselink::synth::cases(120, 31);
    let input = TraceInput::new(Some(world.referrals), Some(world.dockets), Some(world.press_releases), &[]).unwrap();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| {
            let r = trace::trace(&input, &TraceOptions::default()).unwrap();
            let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("concurrency-trace-{threads}"));
            let _ = std::fs::remove_dir_all(&dir);
            r.write(&input, &dir).unwrap();
            let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| {
                    let p = e.unwrap().path();
                    (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap())
                })
                .collect();
            files.sort();
            (r.summary, r.case_of, files)
        })
    };
    let (s1, c1, f1) = run(1);
    let (s2, c2, f2) = run(2);
    assert_eq!(s1, s2);
    assert_eq!(c1, c2);
    assert!(f1.len() >= 5, "{:?}", f1.iter().map(|f| &f.0).collect::<Vec<_>>());
    for ((n1, t1), (n2, t2)) in f1.iter().zip(&f2) {
        assert_eq!(n1, n2);
        assert!(t1 == t2, "{n1} differs between 1 and 2 threads");
    }
    assert!(s1.referrals_linked_to_docket > 0);
}
