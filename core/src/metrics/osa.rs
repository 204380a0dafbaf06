//! Optimal string alignment distance (restricted Damerau–Levenshtein: adjacent transpositions
//! count one edit, but no substring is edited twice), counted in chars.
//!
//! Same distance as `strsim::osa_distance`. The kernel is Hyyrö's bit-parallel OSA algorithm
//! (2003): one 64-bit word when the shorter string (after stripping the common prefix and
//! suffix) has at most 64 symbols, a multi-word simulation beyond.
//! `normalized_similarity = 1 - distance / max(len_a, len_b)`, and 1.0 for two empty strings.

use super::common::{BlockMasks, CharMasks, Sym, dispatch, multiversion, strip_affix, with_masks};
use super::levenshtein::{cut, last_column, normalize};

/// OSA distance between `a` and `b` in chars.
///
/// ```
/// assert_eq!(caselink::metrics::osa::distance("MARTHA", "MARHTA"), 1);
/// assert_eq!(caselink::metrics::osa::distance("ca", "abc"), 3);
/// ```
#[inline]
pub fn distance(a: &str, b: &str) -> usize {
    dispatch(a, b, distance_seq, distance_seq)
}

/// Similarity as `max(len_a, len_b) - distance`.
///
/// ```
/// assert_eq!(caselink::metrics::osa::similarity("MARTHA", "MARHTA"), 5);
/// ```
#[inline]
pub fn similarity(a: &str, b: &str) -> usize {
    dispatch(a, b, |x, y| x.len().max(y.len()) - distance_seq(x, y), |x, y| x.len().max(y.len()) - distance_seq(x, y))
}

multiversion! {
/// `1 - distance / max(len_a, len_b)` in [0, 1]; 1.0 when both are empty.
///
/// ```
/// let s = caselink::metrics::osa::normalized_similarity("MARTHA", "MARHTA");
/// assert!((s - 5.0 / 6.0).abs() < 1e-12);
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
/// assert_eq!(caselink::metrics::osa::normalized_similarity_with_cutoff("ab", "abcdef", 0.5), 0.0);
/// ```
#[inline]
pub fn normalized_similarity_with_cutoff(a: &str, b: &str, cutoff: f64) -> f64 {
    dispatch(a, b, |x, y| normalized_seq_cutoff(x, y, cutoff), |x, y| normalized_seq_cutoff(x, y, cutoff))
}

#[inline(always)]
pub(crate) fn normalized_seq<T: Sym>(a: &[T], b: &[T]) -> f64 {
    normalize(distance_seq(a, b), a.len().max(b.len()))
}

#[inline(always)]
pub(crate) fn normalized_seq_cutoff<T: Sym>(a: &[T], b: &[T], cutoff: f64) -> f64 {
    if normalize(a.len().abs_diff(b.len()), a.len().max(b.len())) < cutoff {
        return 0.0;
    }
    cut(normalized_seq(a, b), cutoff)
}

/// OSA distance of two symbol slices.
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
#[inline(always)]
pub(crate) fn word<T: Sym>(m: usize, text: &[T], pm: &CharMasks) -> usize {
    let mut vp = u64::MAX;
    let mut vn = 0u64;
    let mut d0 = 0u64;
    let mut pm_old = 0u64;
    for &c in text {
        let pm_j = pm.get(c);
        let tr = ((!d0 & pm_j) << 1) & pm_old;
        d0 = (((pm_j & vp).wrapping_add(vp)) ^ vp) | pm_j | vn | tr;
        let hp = vn | !(d0 | vp);
        let hn = d0 & vp;
        let hp = (hp << 1) | 1;
        let hn = hn << 1;
        vp = hn | !(d0 | hp);
        vn = hp & d0;
        pm_old = pm_j;
    }
    last_column(m, text.len(), vp, vn)
}

/// Distance between a pattern of `m` symbols (any length ≥ 1) and `text`: the single-word
/// algorithm on an `m`-bit integer held in 64-bit words.
pub(crate) fn block<T: Sym>(m: usize, text: &[T], pm: &BlockMasks) -> usize {
    let words = pm.words();
    let mut vp = vec![u64::MAX; words];
    let mut vn = vec![0u64; words];
    let mut d0 = vec![0u64; words];
    let mut pm_old = vec![0u64; words];
    let last = 1u64 << ((m - 1) % 64);
    let mut score = m;
    for &c in text {
        let row = pm.row(c);
        let mut add_carry = false;
        let mut hp_carry = 1u64;
        let mut hn_carry = 0u64;
        // Top bit of `!d0 & pm_j` of the previous word, computed with the previous column's d0.
        let mut tr_carry = 0u64;
        for w in 0..words {
            let pm_j = row[w];
            let tr_src = !d0[w] & pm_j;
            let tr = ((tr_src << 1) | tr_carry) & pm_old[w];
            tr_carry = tr_src >> 63;
            let (s1, c1) = (pm_j & vp[w]).overflowing_add(vp[w]);
            let (s2, c2) = s1.overflowing_add(u64::from(add_carry));
            add_carry = c1 | c2;
            let nd0 = (s2 ^ vp[w]) | pm_j | vn[w] | tr;
            let hp = vn[w] | !(nd0 | vp[w]);
            let hn = nd0 & vp[w];
            if w == words - 1 {
                score += usize::from(hp & last != 0);
                score -= usize::from(hn & last != 0);
            }
            let hp_s = (hp << 1) | hp_carry;
            let hn_s = (hn << 1) | hn_carry;
            hp_carry = hp >> 63;
            hn_carry = hn >> 63;
            vp[w] = hn_s | !(nd0 | hp_s);
            vn[w] = hp_s & nd0;
            d0[w] = nd0;
            pm_old[w] = pm_j;
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_matches_word() {
        let p = b"abcdefghijkl";
        let t = b"bacedfgihjlk";
        let single = with_masks(p.as_slice(), |pm| word(p.len(), t.as_slice(), pm));
        let multi = block(p.len(), t.as_slice(), &BlockMasks::build(p.as_slice()));
        assert_eq!(single, 4);
        assert_eq!(multi, 4);
    }

    #[test]
    fn long_transpositions_across_words() {
        let a: String = (0..150).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
        let mut b: Vec<char> = a.chars().collect();
        b.swap(63, 64);
        b.swap(127, 128);
        // Different first and last chars keep the affix stripping from shortening the pattern.
        b[0] = 'Z';
        b[149] = 'Z';
        let b: String = b.into_iter().collect();
        assert_eq!(distance(&a, &b), strsim::osa_distance(&a, &b));
        assert_eq!(distance(&a, &b), 4);
    }
}
