//! Jaro similarity, counted in chars, identical to `strsim::jaro` (and to RapidFuzz's
//! `Jaro.similarity`).
//!
//! Definition: the match window is `max(len_a, len_b) / 2 - 1` (at least 0); walking `a` left to
//! right, each char matches the first not-yet-matched equal char of `b` within the window; `t`
//! is half the number of positions where the matched chars of `a` and of `b`, each in order,
//! differ; `jaro = (m/len_a + m/len_b + (m - t)/m) / 3`, 0.0 when `m = 0`, 1.0 for two empty
//! strings and 0.0 when exactly one is empty.
//!
//! The kernel (when both strings, after trimming what the window can never reach and the common
//! prefix, have at most 64 symbols) is the bit-parallel one of RapidFuzz: pattern-match masks of
//! `b`, a sliding window mask, and `blsi` to take the first free match; transpositions are
//! counted by walking the two flag words together. Longer strings use
//! the same idea on 64-bit blocks of masks, one first-free search per char.

use super::common::{BlockMasks, CharMasks, Sym, common_prefix, dispatch, low_bits, multiversion, opaque, with_masks};
use super::levenshtein::cut;

/// Jaro similarity of `a` and `b` in [0, 1].
///
/// ```
/// let s = caselink::metrics::jaro::similarity("MARTHA", "MARHTA");
/// assert!((s - 0.9444444444444445).abs() < 1e-12);
/// ```
#[inline]
pub fn similarity(a: &str, b: &str) -> f64 {
    normalized_similarity(a, b)
}

multiversion! {
/// Jaro similarity of `a` and `b` in [0, 1] (the same as [`similarity`]).
///
/// ```
/// assert_eq!(caselink::metrics::jaro::normalized_similarity("", ""), 1.0);
/// assert_eq!(caselink::metrics::jaro::normalized_similarity("a", ""), 0.0);
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
/// assert_eq!(caselink::metrics::jaro::normalized_similarity_with_cutoff("a", "abcdefgh", 0.8), 0.0);
/// ```
#[inline]
pub fn normalized_similarity_with_cutoff(a: &str, b: &str, cutoff: f64) -> f64 {
    dispatch(a, b, |x, y| similarity_seq_cutoff(x, y, cutoff), |x, y| similarity_seq_cutoff(x, y, cutoff))
}

/// The Jaro formula, with the operations in `strsim`'s order so results are bit-identical.
#[inline(always)]
pub(crate) fn formula(m: usize, t: usize, la: usize, lb: usize) -> f64 {
    if m == 0 {
        return 0.0;
    }
    // Through `i64` (exact: slice lengths are below 2^63) the conversions are one instruction
    // each on x86-64; `usize as f64` is a sequence of several.
    let m_f = m as i64 as f64;
    ((m_f / la as i64 as f64) + (m_f / lb as i64 as f64) + ((m - t) as i64 as f64 / m_f)) / 3.0
}

/// The best Jaro score two strings of these lengths could reach (all of the shorter matched).
#[inline(always)]
pub(crate) fn upper_bound(la: usize, lb: usize) -> f64 {
    formula(la.min(lb), 0, la, lb)
}

#[inline(always)]
pub(crate) fn similarity_seq<T: Sym>(a: &[T], b: &[T]) -> f64 {
    similarity_and_prefix(a, b).0
}

/// The Jaro similarity and the length of the common prefix (which the matching finds anyway).
#[inline(always)]
pub(crate) fn similarity_and_prefix<T: Sym>(a: &[T], b: &[T]) -> (f64, usize) {
    let (la, lb) = (a.len(), b.len());
    if la == 0 || lb == 0 {
        return (if la == lb { 1.0 } else { 0.0 }, 0);
    }
    let (m, t, prefix) = matches(a, b);
    (formula(m, t, la, lb), prefix)
}

#[inline(always)]
pub(crate) fn similarity_seq_cutoff<T: Sym>(a: &[T], b: &[T], cutoff: f64) -> f64 {
    if !a.is_empty() && !b.is_empty() && upper_bound(a.len(), b.len()) < cutoff {
        return 0.0;
    }
    cut(similarity_seq(a, b), cutoff)
}

/// Number of matches `m`, transpositions `t` (already halved) and the common prefix length of
/// two non-empty slices.
#[inline(always)]
pub(crate) fn matches<T: Sym>(a: &[T], b: &[T]) -> (usize, usize, usize) {
    let bound = (a.len().max(b.len()) / 2).saturating_sub(1);
    // `a[i]` can only match `b[j]` with `|i - j| <= bound` and `j < len_b`: cut what lies beyond.
    let a = &a[..a.len().min(b.len() + bound)];
    let b = &b[..b.len().min(a.len() + bound)];
    // A common prefix always matches itself, position for position, without transpositions.
    let prefix = common_prefix(a, b);
    let (a, b) = (&a[prefix..], &b[prefix..]);
    if a.is_empty() || b.is_empty() {
        return (prefix, 0, prefix);
    }
    let (m, t) = if a.len() <= 64 && b.len() <= 64 {
        with_masks(
            b,
            #[inline(always)]
            |pm| word(a, pm, bound),
        )
    } else {
        blocks(a, b, bound)
    };
    (prefix + m, t / 2, prefix)
}

/// Bit-parallel matching of `text` (≤ 64 symbols) against a pattern (≤ 64 symbols) given by its
/// masks. Returns the matches and the unhalved transpositions.
#[inline(always)]
pub(crate) fn word<T: Sym>(text: &[T], pm: &CharMasks, bound: usize) -> (usize, usize) {
    let mut p_flag = 0u64;
    let mut t_flag = 0u64;
    // Pattern positions within the window of text position 0: [0, bound].
    let mut window = low_bits(bound + 1);
    for (j, &c) in text.iter().enumerate() {
        // `pm & window` does not depend on the previous iteration; kept apart, it leaves three
        // instructions (and-not, lowest bit, or) on the chain through `p_flag`.
        // Without `opaque` the optimiser reassociates this into `(pm & !p_flag) & window`, which puts
        // two more instructions on the loop-carried chain through `p_flag` (measured: about a tenth
        // of the Jaro–Winkler time on short names).
        let cand = opaque(pm.get(c) & window) & !p_flag;
        // The lowest candidate is the first free equal char of the pattern in the window.
        let first = cand & cand.wrapping_neg();
        p_flag |= first;
        t_flag |= u64::from(first != 0) << j;
        // The window grows at its right end; once `j >= bound` its left end moves too.
        window = if j < bound { (window << 1) | 1 } else { window << 1 };
    }
    // Each match sets one bit of each flag word.
    let m = p_flag.count_ones() as usize;
    let mut t = 0usize;
    while t_flag != 0 {
        let p_bit = p_flag & p_flag.wrapping_neg();
        let j = t_flag.trailing_zeros() as usize;
        t += usize::from(pm.get(text[j]) & p_bit == 0);
        t_flag &= t_flag - 1;
        p_flag ^= p_bit;
    }
    (m, t)
}

/// Matching for long strings: `b`'s masks in 64-bit blocks and a bitset of matched positions
/// of `b`, so each char of `a` finds its first free match with a few word operations instead of
/// a scan of the window. Returns the matches and the unhalved transpositions.
pub(crate) fn blocks<T: Sym>(a: &[T], b: &[T], bound: usize) -> (usize, usize) {
    let pm = BlockMasks::build(b);
    let mut b_flag = vec![0u64; pm.words()];
    let mut a_flag = vec![0u64; a.len().div_ceil(64)];
    let mut m = 0;
    for (i, &c) in a.iter().enumerate() {
        let lo = i.saturating_sub(bound);
        let hi = (i + bound).min(b.len() - 1);
        if lo > hi {
            break;
        }
        let row = pm.row(c);
        for w in lo / 64..=hi / 64 {
            let mut cand = row[w] & !b_flag[w];
            if w == lo / 64 {
                cand &= u64::MAX << (lo % 64);
            }
            if w == hi / 64 {
                cand &= low_bits(hi % 64 + 1);
            }
            if cand != 0 {
                b_flag[w] |= cand & cand.wrapping_neg();
                a_flag[i / 64] |= 1u64 << (i % 64);
                m += 1;
                break;
            }
        }
    }
    // The k-th matched char of `a` against the k-th matched char of `b`.
    let a_pos = a_flag.iter().enumerate().flat_map(|(w, &f)| bits(f).map(move |k| w * 64 + k));
    let b_pos = b_flag.iter().enumerate().flat_map(|(w, &f)| bits(f).map(move |k| w * 64 + k));
    let t = a_pos.zip(b_pos).filter(|&(i, j)| a[i] != b[j]).count();
    (m, t)
}

/// Positions of the set bits of `f`, lowest first.
fn bits(mut f: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (f != 0).then(|| {
            let k = f.trailing_zeros() as usize;
            f &= f - 1;
            k
        })
    })
}

/// The textbook matching loop (the twin of [`word`] and [`blocks`] in unit tests). Returns the
/// matches and the unhalved transpositions.
#[cfg(test)]
pub(crate) fn textbook<T: Sym>(a: &[T], b: &[T], bound: usize) -> (usize, usize) {
    let mut a_flag = vec![false; a.len()];
    let mut b_flag = vec![false; b.len()];
    let mut m = 0;
    for (i, &c) in a.iter().enumerate() {
        let lo = i.saturating_sub(bound);
        let hi = (i + bound + 1).min(b.len());
        for j in lo..hi {
            if !b_flag[j] && b[j] == c {
                a_flag[i] = true;
                b_flag[j] = true;
                m += 1;
                break;
            }
        }
    }
    let mut t = 0;
    let mut bj = b_flag.iter().zip(b).filter(|(f, _)| **f).map(|(_, c)| c);
    for (&c, _) in a.iter().zip(&a_flag).filter(|(_, f)| **f) {
        if bj.next().is_some_and(|&d| d != c) {
            t += 1;
        }
    }
    (m, t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_and_textbook_agree() {
        let a = b"DIXONABCDEFG";
        let b = b"DICKSONXGFEDCBA";
        let bound = 15 / 2 - 1;
        let fast = with_masks(b.as_slice(), |pm| word(a.as_slice(), pm, bound));
        assert_eq!(fast, textbook(a.as_slice(), b.as_slice(), bound));
        assert_eq!(fast, blocks(a.as_slice(), b.as_slice(), bound));
    }

    #[test]
    fn blocks_and_textbook_agree_on_long_strings() {
        let a: Vec<u8> = (0..300u32).map(|i| b"abcab"[(i * 7 % 5) as usize] ^ u8::from(i % 3 == 0)).collect();
        let b: Vec<u8> = (0..200u32).map(|i| b"bacba"[(i * 3 % 5) as usize]).collect();
        for bound in [0, 1, 63, 64, 149] {
            assert_eq!(blocks(&a, &b, bound), textbook(&a, &b, bound), "bound {bound}");
        }
    }

    #[test]
    fn matches_strsim_on_classics() {
        for (a, b) in [("MARTHA", "MARHTA"), ("DWAYNE", "DUANE"), ("DIXON", "DICKSONX"), ("a", "b"), ("ab", "a")] {
            assert_eq!(normalized_similarity(a, b), strsim::jaro(a, b), "{a} {b}");
        }
        let long_a = "ab".repeat(50);
        let long_b = "ba".repeat(45);
        assert_eq!(normalized_similarity(&long_a, &long_b), strsim::jaro(&long_a, &long_b));
    }
}
