//! Fellegi–Sunter parameters: per comparison, m (P(level | match)) and u (P(level | non-match))
//! for every level; λ the prior probability of a match among candidate pairs. The match weight
//! is log2(λ / (1 − λ)) + Σ log2(m / u); the null level contributes 0.

use serde::{Deserialize, Serialize};

/// Laplace pseudo-count added to every non-null level so none has probability 0.
pub const PSEUDO_COUNT: f64 = 1.0;

/// m and u of one comparison, indexed by level (index 0, the null level, holds 1.0 and is unused).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonParams {
    /// P(level | match).
    pub m: Vec<f64>,
    /// P(level | non-match).
    pub u: Vec<f64>,
}

/// The whole model's parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parameters {
    /// Prior probability that a candidate pair is a match.
    pub lambda: f64,
    /// One per comparison.
    pub comparisons: Vec<ComparisonParams>,
}

impl Parameters {
    /// log2(λ / (1 − λ)).
    pub fn prior_weight(&self) -> f64 {
        (self.lambda / (1.0 - self.lambda)).log2()
    }

    /// log2(m / u) of comparison `k` at `level` (0 for the null level).
    ///
    /// ```
    /// use caselink::score::{ComparisonParams, Parameters};
    /// let p = Parameters { lambda: 0.5, comparisons: vec![ComparisonParams { m: vec![1.0, 0.1, 0.9], u: vec![1.0, 0.9, 0.1] }] };
    /// assert_eq!(p.weight(0, 0), 0.0);
    /// assert!((p.weight(0, 2) - 9f64.log2()).abs() < 1e-12);
    /// assert_eq!(p.prior_weight(), 0.0);
    /// ```
    pub fn weight(&self, k: usize, level: u8) -> f64 {
        if level == 0 {
            return 0.0;
        }
        let c = &self.comparisons[k];
        (c.m[level as usize] / c.u[level as usize]).log2()
    }

    /// Weights of every (comparison, level).
    pub fn weight_table(&self) -> Vec<Vec<f64>> {
        self.comparisons
            .iter()
            .enumerate()
            .map(|(k, c)| (0..c.m.len()).map(|l| self.weight(k, l as u8)).collect())
            .collect()
    }
}

/// Probability of a match weight: 2^w / (1 + 2^w), computed without overflow.
///
/// ```
/// use caselink::score::probability;
/// assert_eq!(probability(0.0), 0.5);
/// assert!((probability(3.0) - 8.0 / 9.0).abs() < 1e-12);
/// assert!(probability(5000.0) <= 1.0 && probability(-5000.0) >= 0.0);
/// ```
pub fn probability(w: f64) -> f64 {
    1.0 / (1.0 + (-w).exp2())
}

/// Normalize level counts (index 0 ignored) into probabilities with Laplace smoothing.
///
/// ```
/// use caselink::score::fellegi_sunter::smooth;
/// let p = smooth(&[99.0, 0.0, 8.0]);
/// assert_eq!(p[0], 1.0);
/// assert!((p[1] + p[2] - 1.0).abs() < 1e-12 && p[1] > 0.0);
/// ```
pub fn smooth(counts: &[f64]) -> Vec<f64> {
    let levels = counts.len().saturating_sub(1) as f64;
    let total: f64 = counts.iter().skip(1).sum::<f64>() + PSEUDO_COUNT * levels;
    let mut out = vec![1.0; counts.len()];
    for (o, c) in out.iter_mut().zip(counts).skip(1) {
        *o = (c + PSEUDO_COUNT) / total;
    }
    out
}

/// Starting m for EM: most mass on the top level, decreasing geometrically below it.
///
/// ```
/// let m = caselink::score::fellegi_sunter::default_m(4);
/// assert!(m[3] > m[2] && m[2] > m[1]);
/// assert!((m[1] + m[2] + m[3] - 1.0).abs() < 1e-12);
/// ```
pub fn default_m(num_levels: usize) -> Vec<f64> {
    let mut m = vec![1.0; num_levels];
    if num_levels < 2 {
        return m;
    }
    let raw: Vec<f64> = (1..num_levels).map(|l| 2f64.powi(3 * l as i32)).collect();
    let total: f64 = raw.iter().sum();
    for (l, r) in raw.iter().enumerate() {
        m[l + 1] = r / total;
    }
    m
}
