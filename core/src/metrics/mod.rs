//! Raw string similarities, knowing nothing of records. One file per metric, each with the same
//! surface: `distance` (where it makes sense), `similarity`, `normalized_similarity` in [0, 1]
//! and a `_with_cutoff` form. A naive reference twin of each lives in
//! `core/tests/support/reference.rs`.
//!
//! All lengths count Unicode scalar values (chars). ASCII pairs are compared as bytes, other
//! pairs as chars decoded into a stack buffer (strings up to 64 chars) — no heap allocation per
//! call on that path. [`BatchComparator`] prepares a query once for one-vs-many scoring;
//! [`cpdist`] and [`cdist`] score whole lists.

mod batch;
mod common;
pub mod jaro;
pub mod jaro_winkler;
pub mod levenshtein;
pub mod osa;
pub mod qgram;
pub mod token_set;
pub mod token_sort;

pub use batch::BatchComparator;

use serde::{Deserialize, Serialize};

/// A string metric the engine can use in a comparison, by its spec name.
///
/// ```
/// use caselink::metrics::Metric;
/// assert_eq!("jaro_winkler".parse::<Metric>().unwrap(), Metric::JaroWinkler);
/// assert_eq!(Metric::JaroWinkler.normalized_similarity("abc", "abc"), 1.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Levenshtein edit distance, normalized by the longer length.
    Levenshtein,
    /// Optimal string alignment (restricted Damerau–Levenshtein), normalized by the longer length.
    Osa,
    /// Jaro similarity.
    Jaro,
    /// Jaro–Winkler (prefix weight 0.1, max prefix 4, boost threshold 0.7).
    JaroWinkler,
    /// Dice coefficient over character bigrams.
    Qgram,
    /// Normalized Levenshtein after sorting whitespace-separated tokens.
    TokenSort,
    /// Token-set ratio: the best normalized Levenshtein among intersection/difference strings.
    TokenSet,
}

impl Metric {
    /// Every metric, in declaration order.
    pub const ALL: [Metric; 7] = [
        Metric::Levenshtein,
        Metric::Osa,
        Metric::Jaro,
        Metric::JaroWinkler,
        Metric::Qgram,
        Metric::TokenSort,
        Metric::TokenSet,
    ];

    /// The spec name (`"jaro_winkler"`).
    pub fn name(self) -> &'static str {
        match self {
            Metric::Levenshtein => "levenshtein",
            Metric::Osa => "osa",
            Metric::Jaro => "jaro",
            Metric::JaroWinkler => "jaro_winkler",
            Metric::Qgram => "qgram",
            Metric::TokenSort => "token_sort",
            Metric::TokenSet => "token_set",
        }
    }

    /// Similarity in [0, 1] (1 = identical).
    #[inline]
    pub fn normalized_similarity(self, a: &str, b: &str) -> f64 {
        match self {
            Metric::Levenshtein => levenshtein::normalized_similarity(a, b),
            Metric::Osa => osa::normalized_similarity(a, b),
            Metric::Jaro => jaro::normalized_similarity(a, b),
            Metric::JaroWinkler => jaro_winkler::normalized_similarity(a, b),
            Metric::Qgram => qgram::normalized_similarity(a, b),
            Metric::TokenSort => token_sort::normalized_similarity(a, b),
            Metric::TokenSet => token_set::normalized_similarity(a, b),
        }
    }
}

impl std::str::FromStr for Metric {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Metric::ALL.into_iter().find(|m| m.name() == s).ok_or_else(|| {
            crate::Error::invalid_spec(
                "metric",
                format!("unknown metric '{s}'; expected one of {}", Metric::ALL.map(Metric::name).join(", ")),
            )
        })
    }
}

fn length_error(what: String) -> crate::Error {
    crate::Error::BadData { file: "<metrics arguments>".into(), line: 0, column: None, value: None, reason: what }
}

/// Scores the pairs `(a[i], b[i])` into `out[i]` with `metric` (all three slices the same length).
///
/// ```
/// use caselink::metrics::{cpdist, Metric};
/// let mut out = [0.0; 2];
/// cpdist(Metric::Levenshtein, &["abc", "ab"], &["abc", "xy"], &mut out).unwrap();
/// assert_eq!(out, [1.0, 0.0]);
/// ```
pub fn cpdist<S: AsRef<str>, T: AsRef<str>>(metric: Metric, a: &[S], b: &[T], out: &mut [f64]) -> crate::Result<()> {
    if a.len() != b.len() || a.len() != out.len() {
        return Err(length_error(format!(
            "cpdist needs equally long inputs, got {} and {} strings for {} outputs",
            a.len(),
            b.len(),
            out.len()
        )));
    }
    for ((o, x), y) in out.iter_mut().zip(a).zip(b) {
        *o = metric.normalized_similarity(x.as_ref(), y.as_ref());
    }
    Ok(())
}

/// Scores every query against every choice into `out`, row-major (`out[i * choices.len() + j]`),
/// preparing each query once with a [`BatchComparator`].
///
/// ```
/// use caselink::metrics::{cdist, Metric};
/// let mut out = [0.0; 4];
/// cdist(Metric::Jaro, &["abc", "xyz"], &["abc", "xyz"], &mut out).unwrap();
/// assert_eq!(out, [1.0, 0.0, 0.0, 1.0]);
/// ```
pub fn cdist<S: AsRef<str>, T: AsRef<str>>(
    metric: Metric,
    queries: &[S],
    choices: &[T],
    out: &mut [f64],
) -> crate::Result<()> {
    if queries.len().checked_mul(choices.len()) != Some(out.len()) {
        return Err(length_error(format!(
            "cdist needs {} x {} outputs, got {}",
            queries.len(),
            choices.len(),
            out.len()
        )));
    }
    if choices.is_empty() {
        return Ok(());
    }
    for (q, row) in queries.iter().zip(out.chunks_mut(choices.len())) {
        BatchComparator::new(metric, q.as_ref()).score_into(choices, row);
    }
    Ok(())
}
