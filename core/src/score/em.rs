//! Expectation–maximisation of m and λ with u fixed (as Splink does), over the counts of
//! distinct comparison patterns rather than over pairs: a million pairs usually collapse to a
//! few thousand patterns, so each iteration is cheap. This function is also what the Spark path
//! reuses on patterns counted by executors.

use super::fellegi_sunter::PSEUDO_COUNT;

/// EM settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EmOptions {
    /// Most iterations.
    pub max_iterations: u32,
    /// Stop when no parameter moves by more than this.
    pub tolerance: f64,
    /// Re-estimate m (false = only λ).
    pub estimate_m: bool,
    /// Re-estimate λ (false = keep it).
    pub estimate_lambda: bool,
}

/// What EM found.
#[derive(Debug, Clone, PartialEq)]
pub struct EmOutcome {
    /// m per comparison and level (inactive comparisons unchanged).
    pub m: Vec<Vec<f64>>,
    /// Estimated λ.
    pub lambda: f64,
    /// Iterations run.
    pub iterations: u32,
    /// True when the tolerance was reached.
    pub converged: bool,
}

/// Run EM on `patterns` ((levels per comparison, count)); comparisons with `active[k] == false`
/// are left out of the likelihood and keep their m (e.g. those used by the pass's blocking rule).
///
/// ```
/// use caselink::score::em::{em, EmOptions};
/// // One comparison with levels null/else/exact: 100 agreeing pairs, 900 disagreeing.
/// let patterns = vec![(vec![2u8], 100u64), (vec![1u8], 900u64)];
/// let u = vec![vec![1.0, 0.99, 0.01]];
/// let m0 = vec![vec![1.0, 0.2, 0.8]];
/// // With m known, P(agree) = 0.8 λ + 0.01 (1 − λ) = 0.1 gives λ ≈ 0.114.
/// let o = em(&patterns, &m0, &u, 0.5, &[true], &EmOptions { max_iterations: 500, tolerance: 1e-12, estimate_m: false, estimate_lambda: true });
/// assert!((o.lambda - 0.09 / 0.79).abs() < 1e-3, "{}", o.lambda);
/// ```
pub fn em(
    patterns: &[(Vec<u8>, u64)],
    m: &[Vec<f64>],
    u: &[Vec<f64>],
    lambda: f64,
    active: &[bool],
    options: &EmOptions,
) -> EmOutcome {
    let mut m: Vec<Vec<f64>> = m.to_vec();
    // The starting m doubles as a weak prior (PRIOR_PAIRS pseudo-matches spread like it), so a
    // tiny training set leaves m near its sensible start instead of flattening it; with
    // thousands of matches the prior is negligible.
    let prior_m = m.clone();
    let mut lambda = lambda.clamp(1e-9, 1.0 - 1e-9);
    let k = m.len();
    let mut iterations = 0;
    let mut converged = false;
    let total: f64 = patterns.iter().map(|(_, c)| *c as f64).sum();
    if total == 0.0 {
        return EmOutcome { m, lambda, iterations, converged: true };
    }
    while iterations < options.max_iterations {
        iterations += 1;
        // E-step: P(match | pattern), accumulated into expected level counts among matches.
        let prior = (lambda / (1.0 - lambda)).log2();
        let mut counts: Vec<Vec<f64>> = m.iter().map(|v| vec![0.0; v.len()]).collect();
        let mut matches = 0.0;
        for (levels, c) in patterns {
            let mut w = prior;
            for j in 0..k {
                let l = levels[j] as usize;
                if active[j] && l > 0 {
                    w += (m[j][l] / u[j][l]).log2();
                }
            }
            let p = super::probability(w);
            let e = p * *c as f64;
            matches += e;
            for j in 0..k {
                let l = levels[j] as usize;
                if l > 0 {
                    counts[j][l] += e;
                }
            }
        }
        // M-step.
        let mut change: f64 = 0.0;
        if options.estimate_lambda {
            let new = (matches / total).clamp(1e-9, 1.0 - 1e-9);
            change = change.max((new - lambda).abs());
            lambda = new;
        }
        if options.estimate_m {
            for j in 0..k {
                if !active[j] {
                    continue;
                }
                let levels = (m[j].len() - 1) as f64;
                let sum: f64 = counts[j].iter().skip(1).sum::<f64>() + PSEUDO_COUNT * levels + PRIOR_PAIRS;
                let prior_sum: f64 = prior_m[j].iter().skip(1).sum::<f64>().max(f64::MIN_POSITIVE);
                for l in 1..m[j].len() {
                    let new = (counts[j][l] + PSEUDO_COUNT + PRIOR_PAIRS * prior_m[j][l] / prior_sum) / sum;
                    change = change.max((new - m[j][l]).abs());
                    m[j][l] = new;
                }
            }
        }
        if change < options.tolerance {
            converged = true;
            break;
        }
    }
    EmOutcome { m, lambda, iterations, converged }
}

/// Pseudo-matches of the prior on m (see [`em`]).
const PRIOR_PAIRS: f64 = 5.0;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::SplitMix64;
    use std::collections::HashMap;

    /// Simulate pairs from known m/u/λ, count patterns, and check EM recovers m and λ.
    #[test]
    fn recovers_known_parameters() {
        let true_m = [vec![1.0, 0.05, 0.15, 0.8], vec![1.0, 0.1, 0.9], vec![1.0, 0.02, 0.08, 0.2, 0.7]];
        let u = [vec![1.0, 0.9, 0.08, 0.02], vec![1.0, 0.95, 0.05], vec![1.0, 0.8, 0.15, 0.04, 0.01]];
        let true_lambda = 0.2;
        let mut rng = SplitMix64::new(11);
        let draw = |p: &[f64], rng: &mut SplitMix64| -> u8 {
            let mut x = rng.unit();
            for (l, q) in p.iter().enumerate().skip(1) {
                if x < *q {
                    return l as u8;
                }
                x -= q;
            }
            (p.len() - 1) as u8
        };
        let mut counts: HashMap<Vec<u8>, u64> = HashMap::new();
        for _ in 0..200_000 {
            let is_match = rng.unit() < true_lambda;
            let pattern: Vec<u8> = (0..3)
                .map(|k| {
                    // 5% nulls, which must not disturb the estimates.
                    if rng.unit() < 0.05 { 0 } else { draw(if is_match { &true_m[k] } else { &u[k] }, &mut rng) }
                })
                .collect();
            *counts.entry(pattern).or_default() += 1;
        }
        let mut patterns: Vec<(Vec<u8>, u64)> = counts.into_iter().collect();
        patterns.sort();
        let m0: Vec<Vec<f64>> = true_m.iter().map(|m| crate::score::fellegi_sunter::default_m(m.len())).collect();
        let o = em(
            &patterns,
            &m0,
            &u,
            0.05,
            &[true, true, true],
            &EmOptions { max_iterations: 500, tolerance: 1e-7, estimate_m: true, estimate_lambda: true },
        );
        assert!(o.converged);
        assert!((o.lambda - true_lambda).abs() < 0.01, "lambda {}", o.lambda);
        for (k, tm) in true_m.iter().enumerate() {
            for (l, t) in tm.iter().enumerate().skip(1) {
                assert!((o.m[k][l] - t).abs() < 0.02, "m[{k}][{l}] = {} vs {t}", o.m[k][l]);
            }
        }
    }

    #[test]
    fn inactive_comparisons_keep_their_m() {
        let patterns = vec![(vec![2u8, 2u8], 50u64), (vec![1u8, 1u8], 500u64)];
        let u = vec![vec![1.0, 0.9, 0.1], vec![1.0, 0.9, 0.1]];
        let m0 = vec![vec![1.0, 0.3, 0.7], vec![1.0, 0.3, 0.7]];
        let o = em(
            &patterns,
            &m0,
            &u,
            0.1,
            &[true, false],
            &EmOptions { max_iterations: 50, tolerance: 1e-9, estimate_m: true, estimate_lambda: true },
        );
        assert_eq!(o.m[1], m0[1]);
        assert_ne!(o.m[0], m0[0]);
    }
}
