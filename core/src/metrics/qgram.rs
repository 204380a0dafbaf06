//! Similarity over character bigrams (q-grams with q = 2), counted as multisets.
//!
//! A string of `n` chars has the `n - 1` overlapping bigrams `s[i..i+2]`; whitespace is an
//! ordinary char. With `I` the size of the multiset intersection of the bigrams of `a` and `b`:
//! Dice (the [`Metric::Qgram`](super::Metric::Qgram) metric) is `2 I / (n_a + n_b)` and Jaccard
//! is `I / (n_a + n_b - I)`. Equal strings score 1.0 (also when too short to have bigrams);
//! otherwise a pair with no bigram at all scores 0.0.
//!
//! `strsim::sorensen_dice` differs: it first deletes all whitespace and measures lengths in bytes
//! (so it agrees with [`dice`] only on ASCII strings without whitespace).

use super::common::{STACK_CHARS, Sym, dispatch};
use super::levenshtein::cut;

/// Size of the multiset intersection of the bigrams of `a` and `b`.
///
/// ```
/// assert_eq!(caselink::metrics::qgram::similarity("healed", "sealed"), 4);
/// ```
#[inline]
pub fn similarity(a: &str, b: &str) -> usize {
    dispatch(a, b, |x, y| counts(x, y).0, |x, y| counts(x, y).0)
}

/// Number of bigrams of either string not matched in the other (`n_a + n_b - 2 I`).
///
/// ```
/// assert_eq!(caselink::metrics::qgram::distance("healed", "sealed"), 2);
/// ```
#[inline]
pub fn distance(a: &str, b: &str) -> usize {
    let f = |(i, na, nb): (usize, usize, usize)| na + nb - 2 * i;
    dispatch(a, b, |x, y| f(counts(x, y)), |x, y| f(counts(x, y)))
}

/// Dice coefficient over bigrams, in [0, 1] (the [`Metric::Qgram`](super::Metric::Qgram) metric).
///
/// ```
/// assert_eq!(caselink::metrics::qgram::normalized_similarity("healed", "sealed"), 0.8);
/// ```
#[inline]
pub fn normalized_similarity(a: &str, b: &str) -> f64 {
    dice(a, b)
}

/// [`normalized_similarity`], or 0.0 when it is below `cutoff` (may skip the work).
///
/// ```
/// assert_eq!(caselink::metrics::qgram::normalized_similarity_with_cutoff("ab", "abcdefgh", 0.5), 0.0);
/// ```
#[inline]
pub fn normalized_similarity_with_cutoff(a: &str, b: &str, cutoff: f64) -> f64 {
    dispatch(a, b, |x, y| dice_seq_cutoff(x, y, cutoff), |x, y| dice_seq_cutoff(x, y, cutoff))
}

/// Dice coefficient over bigrams: `2 I / (n_a + n_b)`.
///
/// ```
/// assert_eq!(caselink::metrics::qgram::dice("night", "nacht"), 0.25);
/// ```
#[inline]
pub fn dice(a: &str, b: &str) -> f64 {
    dispatch(a, b, dice_seq, dice_seq)
}

/// Jaccard index over bigram multisets: `I / (n_a + n_b - I)`.
///
/// ```
/// let s = caselink::metrics::qgram::jaccard("healed", "sealed");
/// assert!((s - 4.0 / 6.0).abs() < 1e-12);
/// ```
#[inline]
pub fn jaccard(a: &str, b: &str) -> f64 {
    dispatch(a, b, jaccard_seq, jaccard_seq)
}

#[inline(always)]
pub(crate) fn dice_seq<T: Sym>(a: &[T], b: &[T]) -> f64 {
    if a == b {
        return 1.0;
    }
    let (i, na, nb) = counts(a, b);
    if na + nb == 0 { 0.0 } else { (2 * i) as f64 / (na + nb) as f64 }
}

#[inline(always)]
fn dice_seq_cutoff<T: Sym>(a: &[T], b: &[T], cutoff: f64) -> f64 {
    let (na, nb) = (a.len().saturating_sub(1), b.len().saturating_sub(1));
    // At most min(na, nb) bigrams are shared.
    if a != b && na + nb > 0 && ((2 * na.min(nb)) as f64 / (na + nb) as f64) < cutoff {
        return 0.0;
    }
    cut(dice_seq(a, b), cutoff)
}

#[inline(always)]
pub(crate) fn jaccard_seq<T: Sym>(a: &[T], b: &[T]) -> f64 {
    if a == b {
        return 1.0;
    }
    let (i, na, nb) = counts(a, b);
    if na + nb == 0 { 0.0 } else { i as f64 / (na + nb - i) as f64 }
}

/// `(I, n_a, n_b)`: the bigram intersection size and the bigram counts.
#[inline(always)]
fn counts<T: Sym>(a: &[T], b: &[T]) -> (usize, usize, usize) {
    let (na, nb) = (a.len().saturating_sub(1), b.len().saturating_sub(1));
    if na == 0 || nb == 0 {
        return (0, na, nb);
    }
    (with_bigrams(a, |x| with_bigrams(b, |y| intersect_sorted(x, y))), na, nb)
}

/// Runs `f` on the sorted bigrams of `s` (≥ 2 symbols), packed into `u64`s.
#[inline(always)]
fn with_bigrams<T: Sym, R>(s: &[T], f: impl FnOnce(&[u64]) -> R) -> R {
    let pack = |w: &[T]| (u64::from(w[0].code()) << 32) | u64::from(w[1].code());
    if s.len() <= STACK_CHARS + 1 {
        let mut buf = [0u64; STACK_CHARS];
        let n = s.len() - 1;
        for (slot, w) in buf.iter_mut().zip(s.windows(2)) {
            *slot = pack(w);
        }
        let grams = &mut buf[..n];
        grams.sort_unstable();
        f(grams)
    } else {
        let mut grams: Vec<u64> = s.windows(2).map(pack).collect();
        grams.sort_unstable();
        f(&grams)
    }
}

/// Size of the multiset intersection of two sorted slices.
#[inline(always)]
fn intersect_sorted(x: &[u64], y: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}
