//! Pairs per CPU-second of the hot metrics, caselink vs strsim, on the bench's realistic pairs.
//!
//! Criterion measures wall time, which a busy shared machine inflates; this tool divides by the
//! thread's own on-CPU time (Linux `/proc/thread-self/schedstat`) instead, so it estimates the
//! single-thread throughput of an idle core. Run with
//! `cargo run --release -p caselink-benches --example cpu_throughput [-- <rounds>]`.

use std::hint::black_box;

use caselink::metrics::{jaro_winkler, levenshtein};
use caselink_benches::{PairKind, name_pairs};

/// A similarity function.
type Sim = fn(&str, &str) -> f64;

/// Nanoseconds this thread has spent on a CPU.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn measure(pairs: &[(String, String)], rounds: usize, f: Sim) -> Option<f64> {
    let mut sink = 0.0;
    for (a, b) in pairs {
        sink += f(a, b);
    }
    let start = cpu_ns()?;
    for _ in 0..rounds {
        for (a, b) in pairs {
            sink += f(black_box(a), black_box(b));
        }
    }
    let ns = cpu_ns()? - start;
    black_box(sink);
    Some((rounds * pairs.len()) as f64 / (ns as f64 * 1e-9))
}

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let short = name_pairs(1000, 2024, PairKind::ShortAscii);
    let groups: [(&str, Sim, Sim); 2] = [
        ("jaro_winkler", jaro_winkler::normalized_similarity, strsim::jaro_winkler),
        ("levenshtein", levenshtein::normalized_similarity, strsim::normalized_levenshtein),
    ];
    println!("{:<14} {:>16} {:>16} {:>8}", "metric", "caselink pairs/s", "strsim pairs/s", "ratio");
    for (name, ours, theirs) in groups {
        let (Some(o), Some(t)) = (measure(&short, rounds, ours), measure(&short, rounds / 10 + 1, theirs)) else {
            eprintln!("no /proc/thread-self/schedstat on this system");
            return;
        };
        println!("{name:<14} {:>14.1} M {:>14.2} M {:>7.1}x", o / 1e6, t / 1e6, o / t);
    }
}
