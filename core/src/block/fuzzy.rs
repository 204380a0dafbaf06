//! Fuzzy blocking: pairs whose folded values lie within 1 or 2 Levenshtein edits, found with an
//! `fst` map of the right side's distinct values searched by a Levenshtein automaton.
//!
//! The automaton is the classic dynamic-programming row (one row per state, pruned as soon as
//! every cell exceeds the edit budget), so it never has to be built up front and cannot become
//! "too large"; its cost is bounded by the fst's branches within the budget. It works on bytes,
//! so a non-ASCII letter counts as more than one edit.

use fst::{Automaton, IntoStreamer, Streamer};

use crate::normalize::text::fold_alnum;

/// The fuzzy key of a raw value: folded letters and digits without spaces.
///
/// ```
/// assert_eq!(caselink::block::fuzzy::fuzzy_key("O'Neil-Smith"), "oneilsmith");
/// ```
pub fn fuzzy_key(raw: &str) -> String {
    fold_alnum(raw).chars().filter(|c| !c.is_whitespace()).collect()
}

/// A Levenshtein automaton over bytes accepting strings within `k` edits of `query`.
#[derive(Debug, Clone)]
pub struct Lev<'a> {
    query: &'a [u8],
    k: u32,
}

impl<'a> Lev<'a> {
    /// The automaton for `query` with at most `k` edits.
    pub fn new(query: &'a str, k: u32) -> Self {
        Lev { query: query.as_bytes(), k }
    }
}

impl Automaton for Lev<'_> {
    type State = Option<Vec<u32>>;

    fn start(&self) -> Self::State {
        Some((0..=self.query.len() as u32).collect())
    }

    fn is_match(&self, state: &Self::State) -> bool {
        state.as_ref().is_some_and(|row| row.last().is_some_and(|d| *d <= self.k))
    }

    fn can_match(&self, state: &Self::State) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
        let prev = state.as_ref()?;
        let mut row = Vec::with_capacity(prev.len());
        row.push(prev[0] + 1);
        for (i, q) in self.query.iter().enumerate() {
            let cost = u32::from(*q != byte);
            let v = (prev[i] + cost).min(prev[i + 1] + 1).min(row[i] + 1);
            row.push(v);
        }
        (row.iter().min().copied().unwrap_or(u32::MAX) <= self.k).then_some(row)
    }
}

/// Bounded Levenshtein distance on bytes: `Some(d)` when `d <= k`.
///
/// ```
/// use caselink::block::fuzzy::within;
/// assert!(within("smith", "smyth", 1));
/// assert!(!within("smith", "smythe", 1));
/// assert!(within("smith", "smythe", 2));
/// ```
pub fn within(a: &str, b: &str, k: u32) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > k as usize {
        return false;
    }
    let mut prev: Vec<u32> = (0..=b.len() as u32).collect();
    let mut row = vec![0u32; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        row[0] = i as u32 + 1;
        for (j, cb) in b.iter().enumerate() {
            row[j + 1] = (prev[j] + u32::from(ca != cb)).min(prev[j + 1] + 1).min(row[j] + 1);
        }
        if row.iter().min().copied().unwrap_or(0) > k {
            return false;
        }
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()] <= k
}

/// An index of distinct keys (sorted) for fuzzy lookup.
#[derive(Debug)]
pub struct FuzzyIndex {
    map: fst::Map<Vec<u8>>,
}

impl FuzzyIndex {
    /// Build from distinct keys in strictly ascending byte order.
    pub fn new(sorted_keys: &[String]) -> crate::Result<Self> {
        let map = fst::Map::from_iter(sorted_keys.iter().enumerate().map(|(i, k)| (k.as_bytes(), i as u64)))
            .map_err(|e| crate::Error::bad_model(None, format!("cannot build the fuzzy index: {e}")))?;
        Ok(FuzzyIndex { map })
    }

    /// Indices of the keys within `k` edits of `query`, ascending.
    ///
    /// ```
    /// use caselink::block::fuzzy::FuzzyIndex;
    /// let keys: Vec<String> = ["smith", "smyth", "jones"].iter().map(|s| s.to_string()).collect();
    /// let mut sorted = keys.clone();
    /// sorted.sort();
    /// let idx = FuzzyIndex::new(&sorted).unwrap();
    /// let hits: Vec<&str> = idx.search("smith", 1).into_iter().map(|i| sorted[i].as_str()).collect();
    /// assert_eq!(hits, vec!["smith", "smyth"]);
    /// ```
    pub fn search(&self, query: &str, k: u32) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stream = self.map.search(Lev::new(query, k)).into_stream();
        while let Some((_, v)) = stream.next() {
            out.push(v as usize);
        }
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn automaton_agrees_with_direct_distance() {
        let words = ["", "a", "ab", "abc", "smith", "smyth", "smithe", "mith", "jones", "johns", "jonas", "zz"];
        let mut sorted: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        sorted.sort();
        sorted.dedup();
        let idx = FuzzyIndex::new(&sorted).unwrap();
        for q in words {
            for k in 1..=2 {
                let got: Vec<&str> = idx.search(q, k).into_iter().map(|i| sorted[i].as_str()).collect();
                let want: Vec<&str> = sorted.iter().filter(|w| within(q, w, k)).map(String::as_str).collect();
                assert_eq!(got, want, "{q} k={k}");
            }
        }
    }
}
