//! Token-sort similarity: split both strings on whitespace (`char::is_whitespace`), sort the
//! tokens (byte-wise, no case folding), join them with single spaces, and take the normalized
//! Levenshtein similarity of the two results. So word order does not matter:
//! `"Jon Smith"` and `"Smith  Jon"` score 1.0. Two strings without tokens score 1.0.
//!
//! This is RapidFuzz's `token_sort_ratio` with normalized Levenshtein in place of its Indel ratio.

use std::cell::RefCell;

use super::levenshtein;

thread_local! {
    static BUFS: RefCell<Bufs> = const { RefCell::new(Bufs::new()) };
}

/// Reusable buffers: no allocation per call once they have grown.
#[derive(Debug)]
struct Bufs {
    spans: Vec<(usize, usize)>,
    a: String,
    b: String,
}

impl Bufs {
    const fn new() -> Self {
        Bufs { spans: Vec::new(), a: String::new(), b: String::new() }
    }
}

/// Byte ranges of the whitespace-separated tokens of `s`.
pub(crate) fn token_spans(s: &str, spans: &mut Vec<(usize, usize)>) {
    spans.clear();
    let base = s.as_ptr() as usize;
    spans.extend(s.split_whitespace().map(|t| {
        let start = t.as_ptr() as usize - base;
        (start, start + t.len())
    }));
}

/// Whether `s` is already in token-sorted form (one token, no surrounding whitespace).
#[inline(always)]
fn is_single_token(s: &str) -> bool {
    if s.is_ascii() {
        // `char::is_whitespace` on ASCII: space and \t \n \x0B \x0C \r.
        !s.bytes().any(|c| c == b' ' || (b'\t'..=b'\r').contains(&c))
    } else {
        !s.chars().any(char::is_whitespace)
    }
}

/// Writes the sorted, single-space-joined tokens of `s` into `out`.
pub(crate) fn sorted_join(s: &str, spans: &mut Vec<(usize, usize)>, out: &mut String) {
    token_spans(s, spans);
    spans.sort_unstable_by(|x, y| s[x.0..x.1].cmp(&s[y.0..y.1]));
    out.clear();
    for (k, &(i, j)) in spans.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(&s[i..j]);
    }
}

/// Runs `f` on the token-sorted forms of `a` and `b`.
#[inline]
fn with_sorted<R>(a: &str, b: &str, f: impl FnOnce(&str, &str) -> R) -> R {
    match (is_single_token(a), is_single_token(b)) {
        (true, true) => f(a, b),
        (sa, sb) => BUFS.with(|cell| match cell.try_borrow_mut() {
            Ok(mut bufs) => {
                let Bufs { spans, a: ba, b: bb } = &mut *bufs;
                if !sa {
                    sorted_join(a, spans, ba);
                }
                if !sb {
                    sorted_join(b, spans, bb);
                }
                f(if sa { a } else { ba.as_str() }, if sb { b } else { bb.as_str() })
            }
            Err(_) => {
                let (mut spans, mut ba, mut bb) = (Vec::new(), String::new(), String::new());
                sorted_join(a, &mut spans, &mut ba);
                sorted_join(b, &mut spans, &mut bb);
                f(&ba, &bb)
            }
        }),
    }
}

/// Runs `f` on the token-sorted form of `s`.
pub(crate) fn with_sorted_one<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    if is_single_token(s) {
        return f(s);
    }
    BUFS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut bufs) => {
            let Bufs { spans, a, .. } = &mut *bufs;
            sorted_join(s, spans, a);
            f(a)
        }
        Err(_) => {
            let (mut spans, mut out) = (Vec::new(), String::new());
            sorted_join(s, &mut spans, &mut out);
            f(&out)
        }
    })
}

/// Levenshtein distance between the token-sorted forms.
///
/// ```
/// assert_eq!(caselink::metrics::token_sort::distance("Jon Smith", "Smith Jon"), 0);
/// ```
#[inline]
pub fn distance(a: &str, b: &str) -> usize {
    with_sorted(a, b, levenshtein::distance)
}

/// `max(len) - distance` between the token-sorted forms.
///
/// ```
/// assert_eq!(caselink::metrics::token_sort::similarity("Jon Smith", "Smith John"), 9);
/// ```
#[inline]
pub fn similarity(a: &str, b: &str) -> usize {
    with_sorted(a, b, levenshtein::similarity)
}

/// Normalized Levenshtein similarity between the token-sorted forms, in [0, 1].
///
/// ```
/// assert_eq!(caselink::metrics::token_sort::normalized_similarity("Jon Smith", "Smith Jon"), 1.0);
/// ```
#[inline]
pub fn normalized_similarity(a: &str, b: &str) -> f64 {
    with_sorted(a, b, levenshtein::normalized_similarity)
}

/// [`normalized_similarity`], or 0.0 when it is below `cutoff` (may skip the work).
///
/// ```
/// assert_eq!(caselink::metrics::token_sort::normalized_similarity_with_cutoff("Al", "Bob Xavier", 0.5), 0.0);
/// ```
#[inline]
pub fn normalized_similarity_with_cutoff(a: &str, b: &str, cutoff: f64) -> f64 {
    with_sorted(a, b, |x, y| levenshtein::normalized_similarity_with_cutoff(x, y, cutoff))
}
