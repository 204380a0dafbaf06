//! Raw string similarities, knowing nothing of records. One file per metric, each with the same
//! surface: `distance` (where it makes sense), `similarity`, `normalized_similarity` in [0, 1]
//! and a `_with_cutoff` form. A naive reference twin of each lives in
//! `core/tests/support/reference.rs`.
//!
//! STUB: the fast kernels are being written (issue 3); [`Metric`] is the contract.

pub mod jaro;
pub mod jaro_winkler;
pub mod levenshtein;
pub mod osa;
pub mod qgram;
pub mod token_set;
pub mod token_sort;

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
