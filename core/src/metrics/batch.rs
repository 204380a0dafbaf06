//! One query against many choices: the query is decoded and its bit masks built once.

use super::common::{BlockMasks, CharMasks, Sym, with_chars};
use super::levenshtein::normalize;
use super::{Metric, jaro, jaro_winkler, levenshtein, osa, token_set, token_sort};

/// A query pre-processed for one metric; [`normalized_similarity`](Self::normalized_similarity)
/// scores a choice exactly as `metric.normalized_similarity(query, choice)` would.
///
/// ```
/// use caselink::metrics::{BatchComparator, Metric};
/// let q = BatchComparator::new(Metric::JaroWinkler, "MARTHA");
/// for choice in ["MARHTA", "MARTA", "BERTHA"] {
///     assert_eq!(q.normalized_similarity(choice), Metric::JaroWinkler.normalized_similarity("MARTHA", choice));
/// }
/// ```
#[derive(Debug, Clone)]
pub struct BatchComparator {
    metric: Metric,
    query: String,
    prep: Prep,
}

#[derive(Debug, Clone)]
enum Prep {
    /// Levenshtein, OSA and Jaro(-Winkler): the query's symbols and masks.
    Pattern(Pattern),
    /// Token sort: the token-sorted query, prepared for Levenshtein.
    Sorted(Box<BatchComparator>),
    /// Dice: the query's sorted bigrams.
    Bigrams(Vec<u64>),
    /// Token set: nothing worth precomputing.
    Plain,
}

#[derive(Debug, Clone)]
struct Pattern {
    chars: Vec<u32>,
    /// Masks when the query has at most 64 chars.
    word: Option<Box<CharMasks>>,
    /// Masks when it has more.
    blocks: Option<BlockMasks>,
}

impl Pattern {
    fn new(query: &str) -> Self {
        let chars: Vec<u32> = query.chars().map(|c| c as u32).collect();
        let (word, blocks) = if chars.len() <= 64 {
            (Some(Box::new(CharMasks::build(&chars))), None)
        } else {
            (None, Some(BlockMasks::build(&chars)))
        };
        Pattern { chars, word, blocks }
    }
}

/// Sorted packed bigrams of `s`.
fn bigrams(s: &str) -> Vec<u64> {
    let c: Vec<u32> = s.chars().map(|c| c as u32).collect();
    let mut g: Vec<u64> = c.windows(2).map(|w| (u64::from(w[0]) << 32) | u64::from(w[1])).collect();
    g.sort_unstable();
    g
}

/// Runs `f` on the symbols of `s`: its bytes when ASCII (the masks are keyed by code point, so
/// bytes and chars look up alike), its chars otherwise.
#[inline(always)]
fn with_syms<R>(s: &str, bytes: impl FnOnce(&[u8]) -> R, chars: impl FnOnce(&[u32]) -> R) -> R {
    if s.is_ascii() { bytes(s.as_bytes()) } else { with_chars(s, chars) }
}

impl BatchComparator {
    /// Pre-processes `query` for `metric`.
    ///
    /// ```
    /// use caselink::metrics::{BatchComparator, Metric};
    /// assert_eq!(BatchComparator::new(Metric::Levenshtein, "abc").normalized_similarity("abc"), 1.0);
    /// ```
    pub fn new(metric: Metric, query: &str) -> Self {
        let prep = match metric {
            Metric::Levenshtein | Metric::Osa | Metric::Jaro | Metric::JaroWinkler => {
                Prep::Pattern(Pattern::new(query))
            }
            Metric::TokenSort => {
                let mut spans = Vec::new();
                let mut sorted = String::new();
                token_sort::sorted_join(query, &mut spans, &mut sorted);
                Prep::Sorted(Box::new(BatchComparator::new(Metric::Levenshtein, &sorted)))
            }
            Metric::Qgram => Prep::Bigrams(bigrams(query)),
            Metric::TokenSet => Prep::Plain,
        };
        BatchComparator { metric, query: query.to_owned(), prep }
    }

    /// The metric this comparator scores with.
    ///
    /// ```
    /// use caselink::metrics::{BatchComparator, Metric};
    /// assert_eq!(BatchComparator::new(Metric::Osa, "x").metric(), Metric::Osa);
    /// ```
    pub fn metric(&self) -> Metric {
        self.metric
    }

    /// The query string.
    ///
    /// ```
    /// use caselink::metrics::{BatchComparator, Metric};
    /// assert_eq!(BatchComparator::new(Metric::Osa, "x").query(), "x");
    /// ```
    pub fn query(&self) -> &str {
        &self.query
    }

    /// `metric.normalized_similarity(query, choice)`, reusing the query's preparation.
    ///
    /// ```
    /// use caselink::metrics::{BatchComparator, Metric};
    /// let q = BatchComparator::new(Metric::TokenSort, "Jon Smith");
    /// assert_eq!(q.normalized_similarity("Smith Jon"), 1.0);
    /// ```
    #[inline]
    pub fn normalized_similarity(&self, choice: &str) -> f64 {
        match &self.prep {
            Prep::Pattern(p) => with_syms(choice, |t| self.pattern_score(p, t), |t| self.pattern_score(p, t)),
            Prep::Sorted(inner) => token_sort::with_sorted_one(choice, |c| inner.normalized_similarity(c)),
            Prep::Bigrams(q) => {
                if self.query == choice {
                    return 1.0;
                }
                let c = bigrams(choice);
                let i = intersect(q, &c);
                let n = q.len() + c.len();
                if n == 0 { 0.0 } else { (2 * i) as f64 / n as f64 }
            }
            Prep::Plain => token_set::normalized_similarity(&self.query, choice),
        }
    }

    /// Scores every choice into `out` (`out.len()` must equal `choices.len()`; extra slots on
    /// either side are left alone).
    ///
    /// ```
    /// use caselink::metrics::{BatchComparator, Metric};
    /// let mut out = [0.0; 2];
    /// BatchComparator::new(Metric::Jaro, "abc").score_into(&["abc", "xyz"], &mut out);
    /// assert_eq!(out, [1.0, 0.0]);
    /// ```
    pub fn score_into<S: AsRef<str>>(&self, choices: &[S], out: &mut [f64]) {
        for (o, c) in out.iter_mut().zip(choices) {
            *o = self.normalized_similarity(c.as_ref());
        }
    }

    #[inline(always)]
    fn pattern_score<T: Sym>(&self, p: &Pattern, text: &[T]) -> f64 {
        let (m, n) = (p.chars.len(), text.len());
        match self.metric {
            Metric::Levenshtein | Metric::Osa => {
                let osa = self.metric == Metric::Osa;
                let d = if m == 0 {
                    n
                } else if let Some(pm) = &p.word {
                    if osa { osa::word(m, text, pm) } else { levenshtein::word(m, text, pm) }
                } else if let Some(bm) = &p.blocks {
                    if osa { osa::block(m, text, bm) } else { levenshtein::block(m, text, bm) }
                } else {
                    n
                };
                normalize(d, m.max(n))
            }
            Metric::Jaro => self.jaro(p, text),
            Metric::JaroWinkler => {
                let prefix = p
                    .chars
                    .iter()
                    .take(jaro_winkler::MAX_PREFIX)
                    .zip(text)
                    .take_while(|(x, y)| **x == y.code())
                    .count();
                jaro_winkler::boost(self.jaro(p, text), prefix)
            }
            // Not reachable: other metrics have other preparations.
            _ => self.metric.normalized_similarity(&self.query, &decode(text)),
        }
    }

    /// Jaro of the query (as `a`) and `text` (as `b`), with the query's masks.
    #[inline(always)]
    fn jaro<T: Sym>(&self, p: &Pattern, text: &[T]) -> f64 {
        let (m, n) = (p.chars.len(), text.len());
        if m == 0 || n == 0 {
            return if m == n { 1.0 } else { 0.0 };
        }
        let bound = (m.max(n) / 2).saturating_sub(1);
        // Chars of the text beyond `m + bound` can never be matched.
        let reach = &text[..n.min(m + bound)];
        match &p.word {
            // Jaro's greedy matching yields the same counts whichever string drives it, so the
            // text may drive here although `a` (the query) drives in `jaro::matches`.
            Some(pm) if reach.len() <= 64 => {
                let (matches, t) = jaro::word(reach, pm, bound);
                jaro::formula(matches, t / 2, m, n)
            }
            _ => with_chars(&self.query, |q| {
                let t: Vec<u32> = text.iter().map(|c| c.code()).collect();
                jaro::similarity_seq(q, &t)
            }),
        }
    }
}

fn decode<T: Sym>(text: &[T]) -> String {
    text.iter().filter_map(|c| char::from_u32(c.code())).collect()
}

fn intersect(x: &[u64], y: &[u64]) -> usize {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_unicode_queries() {
        let q = "é".repeat(40) + &"ab".repeat(40);
        for m in Metric::ALL {
            let b = BatchComparator::new(m, &q);
            for c in ["", "ab", &q[2..], &"ab".repeat(45), "中文"] {
                assert_eq!(b.normalized_similarity(c), m.normalized_similarity(&q, c), "{} {c}", m.name());
            }
        }
    }
}
