//! Token-sort similarity: split both strings on whitespace (`char::is_whitespace`), sort the
//! tokens (byte-wise, no case folding), join them with single spaces, and take the normalized
//! Levenshtein similarity of the two results. So word order does not matter:
//! `"Jon Smith"` and `"Smith  Jon"` score 1.0. Two strings without tokens score 1.0.
//!
//! This is RapidFuzz's `token_sort_ratio` with normalized Levenshtein in place of its Indel ratio.

use std::cell::RefCell;

use super::common::multiversion;
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

/// Strings of at most this many bytes take the ASCII fast path: their sorted forms are built in
/// stack buffers, without thread-local state.
const FAST_BYTES: usize = 64;

/// A token of at least one byte needs one separator after it unless it is last, so a string of
/// [`FAST_BYTES`] bytes has at most this many tokens.
const FAST_TOKENS: usize = FAST_BYTES.div_ceil(2);

/// `char::is_whitespace` restricted to ASCII: space and `\t \n \x0B \x0C \r`.
#[inline(always)]
fn is_ascii_ws(c: u8) -> bool {
    c == b' ' || (b'\t'..=b'\r').contains(&c)
}

/// Byte-wise order of two non-empty tokens; deciding on the first byte avoids a `memcmp` call
/// for most pairs of distinct name parts.
#[inline(always)]
fn token_gt(x: &[u8], y: &[u8]) -> bool {
    match (x.first(), y.first()) {
        (Some(p), Some(q)) if p != q => p > q,
        _ => x > y,
    }
}

/// The token-sorted form of the ASCII string `s` (at most [`FAST_BYTES`] bytes): `s` itself when
/// it already is in that form (tokens in order, one space between them, none around), else the
/// sorted tokens joined with single spaces in `out`. Same result as [`sorted_join`] on ASCII.
#[inline(always)]
fn sort_ascii<'a>(s: &'a [u8], out: &'a mut [u8; FAST_BYTES]) -> &'a [u8] {
    debug_assert!(s.len() <= FAST_BYTES && s.is_ascii());
    let mut spans = [(0u8, 0u8); FAST_TOKENS];
    let mut n = 0;
    // Canonical until a separator other than one space, or leading/trailing whitespace, shows up.
    let mut canonical = true;
    let mut i = 0;
    while i < s.len() {
        if is_ascii_ws(s[i]) {
            canonical &= i > 0 && s[i] == b' ' && i + 1 < s.len() && !is_ascii_ws(s[i + 1]);
            i += 1;
            continue;
        }
        let start = i;
        while i < s.len() && !is_ascii_ws(s[i]) {
            i += 1;
        }
        // `n < FAST_TOKENS` always holds (see FAST_TOKENS); the guard keeps indexing panic-free.
        if let Some(slot) = spans.get_mut(n) {
            // Both fit in a u8 because `s.len() <= FAST_BYTES`.
            *slot = (start as u8, i as u8);
            n += 1;
        }
    }
    let tok = |(i, j): (u8, u8)| &s[usize::from(i)..usize::from(j)];
    let spans = &mut spans[..n];
    // Insertion sort: names have two to four tokens, often already in order.
    let mut moved = false;
    for k in 1..spans.len() {
        let cur = spans[k];
        let mut j = k;
        while j > 0 && token_gt(tok(spans[j - 1]), tok(cur)) {
            spans[j] = spans[j - 1];
            j -= 1;
        }
        if j != k {
            spans[j] = cur;
            moved = true;
        }
    }
    if canonical && !moved {
        return s;
    }
    let mut len = 0;
    for (k, &span) in spans.iter().enumerate() {
        let t = tok(span);
        if k > 0 {
            out[len] = b' ';
            len += 1;
        }
        out[len..len + t.len()].copy_from_slice(t);
        len += t.len();
    }
    &out[..len]
}

/// Runs `bytes` on the token-sorted forms of two short ASCII strings, `f` on those of any other
/// pair. Both closures must compute the same function (on bytes and on `&str` respectively).
#[inline(always)]
fn with_sorted<R>(a: &str, b: &str, bytes: impl FnOnce(&[u8], &[u8]) -> R, f: impl FnOnce(&str, &str) -> R) -> R {
    if a.len() <= FAST_BYTES && b.len() <= FAST_BYTES && a.is_ascii() && b.is_ascii() {
        let (mut ba, mut bb) = ([0u8; FAST_BYTES], [0u8; FAST_BYTES]);
        return bytes(sort_ascii(a.as_bytes(), &mut ba), sort_ascii(b.as_bytes(), &mut bb));
    }
    with_sorted_general(a, b, f)
}

/// Runs `f` on the token-sorted forms of `a` and `b`.
#[inline(never)]
fn with_sorted_general<R>(a: &str, b: &str, f: impl FnOnce(&str, &str) -> R) -> R {
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
    with_sorted(a, b, levenshtein::distance_seq, levenshtein::distance)
}

/// `max(len) - distance` between the token-sorted forms.
///
/// ```
/// assert_eq!(caselink::metrics::token_sort::similarity("Jon Smith", "Smith John"), 9);
/// ```
#[inline]
pub fn similarity(a: &str, b: &str) -> usize {
    with_sorted(a, b, |x, y| x.len().max(y.len()) - levenshtein::distance_seq(x, y), levenshtein::similarity)
}

multiversion! {
/// Normalized Levenshtein similarity between the token-sorted forms, in [0, 1].
///
/// ```
/// assert_eq!(caselink::metrics::token_sort::normalized_similarity("Jon Smith", "Smith Jon"), 1.0);
/// ```
    #[inline]
    pub fn normalized_similarity(a: &str, b: &str) -> f64 {
        with_sorted(a, b, levenshtein::normalized_seq, levenshtein::normalized_similarity)
    }
}

/// [`normalized_similarity`], or 0.0 when it is below `cutoff` (may skip the work).
///
/// ```
/// assert_eq!(caselink::metrics::token_sort::normalized_similarity_with_cutoff("Al", "Bob Xavier", 0.5), 0.0);
/// ```
#[inline]
pub fn normalized_similarity_with_cutoff(a: &str, b: &str, cutoff: f64) -> f64 {
    with_sorted(
        a,
        b,
        |x, y| levenshtein::normalized_seq_cutoff(x, y, cutoff),
        |x, y| levenshtein::normalized_similarity_with_cutoff(x, y, cutoff),
    )
}
