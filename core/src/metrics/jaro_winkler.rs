//! Jaro–Winkler similarity, counted in chars, identical to `strsim::jaro_winkler` and to
//! RapidFuzz's `JaroWinkler.similarity` with its defaults.
//!
//! `jw = jaro + 0.1 * l * (1 - jaro)` when `jaro > 0.7`, else `jaro`, where `l` is the length of
//! the common prefix capped at 4 chars. Two empty strings score 1.0, one empty string 0.0.

use super::common::{Sym, common_prefix, dispatch, multiversion};
use super::jaro;
use super::levenshtein::cut;

/// Weight of each common-prefix char.
pub const PREFIX_WEIGHT: f64 = 0.1;
/// At most this many prefix chars earn the boost.
pub const MAX_PREFIX: usize = 4;
/// The boost applies only when the Jaro similarity is above this.
pub const BOOST_THRESHOLD: f64 = 0.7;

/// Jaro–Winkler similarity of `a` and `b` in [0, 1].
///
/// ```
/// let s = caselink::metrics::jaro_winkler::similarity("MARTHA", "MARHTA");
/// assert!((s - 0.9611111111111111).abs() < 1e-12);
/// ```
#[inline]
pub fn similarity(a: &str, b: &str) -> f64 {
    normalized_similarity(a, b)
}

multiversion! {
/// Jaro–Winkler similarity in [0, 1] (the same as [`similarity`]).
///
/// ```
/// assert_eq!(caselink::metrics::jaro_winkler::normalized_similarity("Jon", "Jon"), 1.0);
/// ```
    #[inline]
    #[allow(clippy::redundant_closure)] // the closures carry #[inline(always)]
    pub fn normalized_similarity(a: &str, b: &str) -> f64 {
        // Closures marked inline(always), not the function items: the `FnOnce::call_once` shim of
        // a function item was sometimes left out of line, compiled without the BMI features.
        dispatch(a, b, #[inline(always)] |x, y| similarity_seq(x, y), #[inline(always)] |x, y| similarity_seq(x, y))
    }
}

/// [`normalized_similarity`], or 0.0 when it is below `cutoff` (may skip the work).
///
/// ```
/// assert_eq!(caselink::metrics::jaro_winkler::normalized_similarity_with_cutoff("a", "bcdefgh", 0.5), 0.0);
/// ```
#[inline]
pub fn normalized_similarity_with_cutoff(a: &str, b: &str, cutoff: f64) -> f64 {
    dispatch(a, b, |x, y| similarity_seq_cutoff(x, y, cutoff), |x, y| similarity_seq_cutoff(x, y, cutoff))
}

/// The Winkler boost, with the operations in `strsim`'s order.
#[inline(always)]
pub(crate) fn boost(sim: f64, prefix: usize) -> f64 {
    if sim > BOOST_THRESHOLD { sim + PREFIX_WEIGHT * prefix as f64 * (1.0 - sim) } else { sim }
}

#[inline(always)]
fn prefix<T: Sym>(a: &[T], b: &[T]) -> usize {
    common_prefix(&a[..a.len().min(MAX_PREFIX)], b)
}

#[inline(always)]
pub(crate) fn similarity_seq<T: Sym>(a: &[T], b: &[T]) -> f64 {
    // Trimming in the Jaro matching never cuts below the shorter length, so its common prefix
    // is the strings' common prefix.
    let (sim, prefix) = jaro::similarity_and_prefix(a, b);
    boost(sim, prefix.min(MAX_PREFIX))
}

#[inline(always)]
pub(crate) fn similarity_seq_cutoff<T: Sym>(a: &[T], b: &[T], cutoff: f64) -> f64 {
    // The boost is monotone in the Jaro score, so boosting the Jaro upper bound bounds JW.
    if !a.is_empty() && !b.is_empty() && boost(jaro::upper_bound(a.len(), b.len()), prefix(a, b)) < cutoff {
        return 0.0;
    }
    cut(similarity_seq(a, b), cutoff)
}
