//! Token-set similarity: RapidFuzz's `token_set_ratio` logic with normalized Levenshtein in
//! place of its Indel ratio.
//!
//! Exactly: split both strings on whitespace (`char::is_whitespace`) into token *sets* (duplicates
//! dropped), sorted byte-wise (no case folding). Let `sect` be the sorted intersection and
//! `diff_ab`, `diff_ba` the sorted differences, each joined with single spaces, and
//! `t0 = sect`, `t1 = sect + " " + diff_ab`, `t2 = sect + " " + diff_ba` (without the space when
//! one side is empty). The score is the maximum of the normalized Levenshtein similarities
//! `(t0, t1)`, `(t0, t2)` and `(t1, t2)`. So it is 1.0 when one token set contains the other
//! (and they share a token). Two strings without tokens score 1.0 (RapidFuzz gives 0 there), one
//! string without tokens against one with tokens scores 0.0.
//!
//! The kernel never builds `t0`, `t1`, `t2`: `t0` is a prefix of `t1` and `t2`, so the first two
//! distances are length differences and the third is the distance of the two differences.

use std::cell::RefCell;

use super::levenshtein::{self, cut, normalize};
use super::token_sort::token_spans;

thread_local! {
    static BUFS: RefCell<Bufs> = const { RefCell::new(Bufs::new()) };
}

/// Reusable buffers: no allocation per call once they have grown.
#[derive(Debug)]
struct Bufs {
    spans_a: Vec<(usize, usize)>,
    spans_b: Vec<(usize, usize)>,
    diff_ab: String,
    diff_ba: String,
}

impl Bufs {
    const fn new() -> Self {
        Bufs { spans_a: Vec::new(), spans_b: Vec::new(), diff_ab: String::new(), diff_ba: String::new() }
    }
}

/// Token-set similarity of `a` and `b` in [0, 1].
///
/// ```
/// use caselink::metrics::token_set::normalized_similarity as f;
/// assert_eq!(f("Jon Smith", "Smith Jon Smith"), 1.0);
/// assert_eq!(f("Jon A Smith", "Smith Jon"), 1.0);
/// assert!(f("Jon Smith", "Jan Smith") < 1.0);
/// ```
#[inline]
pub fn normalized_similarity(a: &str, b: &str) -> f64 {
    BUFS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut bufs) => compute(a, b, &mut bufs),
        Err(_) => compute(a, b, &mut Bufs::new()),
    })
}

/// The same as [`normalized_similarity`] (token sets have no natural distance).
///
/// ```
/// assert_eq!(caselink::metrics::token_set::similarity("a b", "b a"), 1.0);
/// ```
#[inline]
pub fn similarity(a: &str, b: &str) -> f64 {
    normalized_similarity(a, b)
}

/// [`normalized_similarity`], or 0.0 when it is below `cutoff`.
///
/// ```
/// assert_eq!(caselink::metrics::token_set::normalized_similarity_with_cutoff("ab", "xy", 0.5), 0.0);
/// ```
#[inline]
pub fn normalized_similarity_with_cutoff(a: &str, b: &str, cutoff: f64) -> f64 {
    cut(normalized_similarity(a, b), cutoff)
}

/// Sorted, deduplicated token spans of `s`.
fn token_set(s: &str, spans: &mut Vec<(usize, usize)>) {
    token_spans(s, spans);
    spans.sort_unstable_by(|x, y| s[x.0..x.1].cmp(&s[y.0..y.1]));
    spans.dedup_by(|x, y| s[x.0..x.1] == s[y.0..y.1]);
}

fn push_token(out: &mut String, t: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(t);
}

fn compute(a: &str, b: &str, bufs: &mut Bufs) -> f64 {
    let Bufs { spans_a, spans_b, diff_ab, diff_ba } = bufs;
    token_set(a, spans_a);
    token_set(b, spans_b);
    if spans_a.is_empty() || spans_b.is_empty() {
        return if spans_a.len() == spans_b.len() { 1.0 } else { 0.0 };
    }
    diff_ab.clear();
    diff_ba.clear();
    // Length in chars of `sect` joined with spaces; number of shared tokens.
    let (mut sect_len, mut shared) = (0usize, 0usize);
    let (mut i, mut j) = (0, 0);
    let tok_a = |k: usize| &a[spans_a[k].0..spans_a[k].1];
    let tok_b = |k: usize| &b[spans_b[k].0..spans_b[k].1];
    while i < spans_a.len() || j < spans_b.len() {
        let ord = match (i < spans_a.len(), j < spans_b.len()) {
            (true, true) => tok_a(i).cmp(tok_b(j)),
            (true, false) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        match ord {
            std::cmp::Ordering::Less => {
                push_token(diff_ab, tok_a(i));
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                push_token(diff_ba, tok_b(j));
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                sect_len += tok_a(i).chars().count() + usize::from(shared > 0);
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    if shared > 0 && (diff_ab.is_empty() || diff_ba.is_empty()) {
        return 1.0;
    }
    let d = levenshtein::distance(diff_ab, diff_ba);
    let (ab_len, ba_len) = (diff_ab.chars().count(), diff_ba.chars().count());
    if shared == 0 {
        // t0 is empty and t1, t2 are not: only (t1, t2) can score.
        return normalize(d, ab_len.max(ba_len));
    }
    let (t1_len, t2_len) = (sect_len + 1 + ab_len, sect_len + 1 + ba_len);
    let r01 = normalize(1 + ab_len, t1_len);
    let r02 = normalize(1 + ba_len, t2_len);
    let r12 = normalize(d, t1_len.max(t2_len));
    r01.max(r02).max(r12)
}
