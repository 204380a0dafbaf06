//! Levenshtein edit distance (unit-cost insertions, deletions, substitutions), counted in chars.
//!
//! The kernel is Myers' bit-parallel algorithm in Hyyrö's formulation: one 64-bit word when the
//! shorter string (after stripping the common prefix and suffix) has at most 64 symbols, a
//! multi-word simulation of the same arithmetic beyond. ASCII pairs are compared as bytes.
//! `normalized_similarity = 1 - distance / max(len_a, len_b)`, and 1.0 for two empty strings,
//! exactly as `strsim::normalized_levenshtein`.

use super::common::{BlockMasks, CharMasks, Sym, dispatch, multiversion, opaque, strip_affix, with_masks};

/// Levenshtein distance between `a` and `b` in chars.
///
/// ```
/// assert_eq!(caselink::metrics::levenshtein::distance("kitten", "sitting"), 3);
/// ```
#[inline]
pub fn distance(a: &str, b: &str) -> usize {
    dispatch(a, b, distance_seq, distance_seq)
}

/// Similarity as `max(len_a, len_b) - distance` (the number of "kept" chars).
///
/// ```
/// assert_eq!(caselink::metrics::levenshtein::similarity("kitten", "sitting"), 4);
/// ```
#[inline]
pub fn similarity(a: &str, b: &str) -> usize {
    dispatch(a, b, |x, y| x.len().max(y.len()) - distance_seq(x, y), |x, y| x.len().max(y.len()) - distance_seq(x, y))
}

multiversion! {
/// `1 - distance / max(len_a, len_b)` in [0, 1]; 1.0 when both are empty.
///
/// ```
/// let s = caselink::metrics::levenshtein::normalized_similarity("kitten", "sitting");
/// assert!((s - 4.0 / 7.0).abs() < 1e-12);
/// ```
    #[inline]
    #[allow(clippy::redundant_closure)] // the closures carry #[inline(always)]
    pub fn normalized_similarity(a: &str, b: &str) -> f64 {
        // Closures marked inline(always), not the function items: the `FnOnce::call_once` shim of
        // a function item was sometimes left out of line, compiled without the BMI features.
        dispatch(a, b, #[inline(always)] |x, y| normalized_seq(x, y), #[inline(always)] |x, y| normalized_seq(x, y))
    }
}

/// [`normalized_similarity`], or 0.0 when it is below `cutoff` (may skip the work).
///
/// ```
/// use caselink::metrics::levenshtein::normalized_similarity_with_cutoff as f;
/// assert_eq!(f("abc", "xyz", 0.5), 0.0);
/// assert_eq!(f("abc", "abc", 0.5), 1.0);
/// ```
#[inline]
pub fn normalized_similarity_with_cutoff(a: &str, b: &str, cutoff: f64) -> f64 {
    dispatch(a, b, |x, y| normalized_seq_cutoff(x, y, cutoff), |x, y| normalized_seq_cutoff(x, y, cutoff))
}

/// The normalization shared by Levenshtein-type distances.
#[inline(always)]
pub(crate) fn normalize(dist: usize, max_len: usize) -> f64 {
    if max_len == 0 { 1.0 } else { 1.0 - (dist as f64) / (max_len as f64) }
}

/// Applies a cutoff to a similarity.
#[inline(always)]
pub(crate) fn cut(sim: f64, cutoff: f64) -> f64 {
    if sim >= cutoff { sim } else { 0.0 }
}

#[inline(always)]
pub(crate) fn normalized_seq<T: Sym>(a: &[T], b: &[T]) -> f64 {
    normalize(distance_seq(a, b), a.len().max(b.len()))
}

#[inline(always)]
pub(crate) fn normalized_seq_cutoff<T: Sym>(a: &[T], b: &[T], cutoff: f64) -> f64 {
    let max_len = a.len().max(b.len());
    // The distance is at least the length difference.
    if normalize(a.len().abs_diff(b.len()), max_len) < cutoff {
        return 0.0;
    }
    cut(normalized_seq(a, b), cutoff)
}

/// Levenshtein distance of two symbol slices.
#[inline]
pub(crate) fn distance_seq<T: Sym>(a: &[T], b: &[T]) -> usize {
    let (a, b) = strip_affix(a, b);
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return long.len();
    }
    // The loop runs once per text symbol along a serial dependency chain, so the text should be
    // the shorter string whenever the longer one fits in one word.
    if long.len() <= 64 {
        with_masks(long, |pm| word(long.len(), short, pm))
    } else if short.len() <= 64 {
        with_masks(short, |pm| word(short.len(), long, pm))
    } else {
        block(short.len(), long, &BlockMasks::build(short))
    }
}

/// Distance between a pattern of `m` (1..=64) symbols, given by its masks, and `text`.
///
/// The loop is one serial dependency chain through `vp` and `vn`, so its cost is the length of
/// that chain, not its instruction count. The textbook order (`x = eq | vn`,
/// `d0 = ((x & vp) + vp ^ vp) | x`, `hp = vn | !(d0 | vp)`, `hn = vp & d0`,
/// `vp' = hn << 1 | !(d0 | hp << 1 | 1)`, `vn' = (hp << 1 | 1) & d0`) puts about twelve dependent
/// steps on it; the identities below take it to seven, and [`opaque`] keeps the optimiser from
/// reassociating the early-ready terms back onto the chain.
#[inline(always)]
pub(crate) fn word<T: Sym>(m: usize, text: &[T], pm: &CharMasks) -> usize {
    let mut vp = u64::MAX;
    let mut vn = 0u64;
    for &c in text {
        let eq = pm.get(c);
        let x = eq | vn;
        // `vp` and `vn` are disjoint, so `x & vp == eq & vp`: the addition need not wait for `vn`.
        let s = (eq & vp).wrapping_add(vp) ^ vp;
        let d0 = s | x;
        let hn = vp & d0;
        // `hp = vn | hp1` with `hp1 = !(d0 | vp) = !s & !(x | vp)`; the second factor is ready
        // before the addition ends, and `vn` joins only after the shift (in `lo`).
        let hp1 = !s & opaque(!(x | vp));
        let lo = (vn << 1) | 1;
        // `!(d0 | hp << 1 | 1) == !(hp1 << 1) & !s & !(x | lo)`, all but the first factor early.
        let rest = !s & opaque(!(x | lo));
        vp = (hn << 1) | (!(hp1 << 1) & opaque(rest));
        // `(hp << 1 | 1) & d0 == (hp1 << 1) & d0 | lo & d0`.
        vn = ((hp1 << 1) & d0) | opaque(lo & d0);
    }
    last_column(m, text.len(), vp, vn)
}

/// `D[m][n]` from the vertical deltas of the last column: `D[0][n] = n`, and each of the `m`
/// rows adds one where `vp` has a bit and subtracts one where `vn` has one. Keeping the score out
/// of the loop shortens it.
#[inline(always)]
pub(crate) fn last_column(m: usize, n: usize, vp: u64, vn: u64) -> usize {
    let mask = super::common::low_bits(m);
    n + (vp & mask).count_ones() as usize - (vn & mask).count_ones() as usize
}

/// Distance between a pattern of `m` symbols (any length ≥ 1) and `text`: the single-word
/// algorithm run on an `m`-bit integer held in 64-bit words (carries of the addition and of the
/// shifts travel from low words to high ones).
pub(crate) fn block<T: Sym>(m: usize, text: &[T], pm: &BlockMasks) -> usize {
    let words = pm.words();
    let mut vp = vec![u64::MAX; words];
    let mut vn = vec![0u64; words];
    let last = 1u64 << ((m - 1) % 64);
    let mut score = m;
    for &c in text {
        let row = pm.row(c);
        let mut add_carry = false;
        let mut hp_carry = 1u64;
        let mut hn_carry = 0u64;
        for w in 0..words {
            let x = row[w] | vn[w];
            let (s1, c1) = (x & vp[w]).overflowing_add(vp[w]);
            let (s2, c2) = s1.overflowing_add(u64::from(add_carry));
            add_carry = c1 | c2;
            let d0 = (s2 ^ vp[w]) | x;
            let hp = vn[w] | !(d0 | vp[w]);
            let hn = vp[w] & d0;
            if w == words - 1 {
                score += usize::from(hp & last != 0);
                score -= usize::from(hn & last != 0);
            }
            let hp_s = (hp << 1) | hp_carry;
            let hn_s = (hn << 1) | hn_carry;
            hp_carry = hp >> 63;
            hn_carry = hn >> 63;
            vp[w] = hn_s | !(d0 | hp_s);
            vn[w] = hp_s & d0;
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_matches_word_on_short_patterns() {
        let p = b"MARTHA JONES";
        let t = b"MARHTA JONSE X";
        let single = with_masks(p.as_slice(), |pm| word(p.len(), t.as_slice(), pm));
        let multi = block(p.len(), t.as_slice(), &BlockMasks::build(p.as_slice()));
        assert_eq!(single, multi);
        assert_eq!(single, strsim::levenshtein("MARTHA JONES", "MARHTA JONSE X"));
    }

    #[test]
    fn long_and_unicode() {
        let a = "é".repeat(70) + "abc";
        let b = "é".repeat(69) + "xabcd";
        assert_eq!(distance(&a, &b), strsim::levenshtein(&a, &b));
        let a = "x".repeat(130);
        let b = "y".repeat(129) + "x";
        assert_eq!(distance(&a, &b), 129);
    }
}
