//! Term frequencies: how common each value is, so that agreeing on a rare value (a rare
//! surname) counts more than agreeing on a common one (SMITH). As in Splink, the u of an exact
//! match on value v is replaced by v's relative frequency.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// Value counts of one comparison, sorted by value for binary search and compact storage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TfTable {
    /// (value, count), sorted by value.
    pub values: Vec<(String, u32)>,
    /// Sum of the counts.
    pub total: u64,
}

impl TfTable {
    /// Build from counts.
    ///
    /// ```
    /// use caselink::score::tf::TfTable;
    /// let t = TfTable::from_counts([("smith".to_string(), 9u32), ("zed".to_string(), 1)].into_iter().collect());
    /// assert!((t.frequency("smith") - 0.9).abs() < 1e-12);
    /// assert!((t.frequency("unseen") - 0.1).abs() < 1e-12, "unseen values count as seen once");
    /// ```
    pub fn from_counts(counts: HashMap<String, u32>) -> TfTable {
        TfTable::from_value_counts(counts.iter().map(|(v, c)| (v.as_str(), *c)))
    }

    /// Build from (value, count) pairs in any order; a value may come more than once (its counts
    /// add up, saturating), and zero counts are dropped. Sorted rather than hashed, and each value
    /// copied once.
    ///
    /// ```
    /// use caselink::score::tf::TfTable;
    /// let t = TfTable::from_value_counts([("zed", 1), ("smith", 4), ("smith", 5), ("gone", 0)]);
    /// assert_eq!(t.values, [("smith".to_string(), 9), ("zed".to_string(), 1)]);
    /// assert_eq!(t.total, 10);
    /// ```
    pub fn from_value_counts<'a>(counts: impl IntoIterator<Item = (&'a str, u32)>) -> TfTable {
        use rayon::prelude::*;
        let mut keyed: Vec<(&str, u32)> = counts.into_iter().filter(|(_, c)| *c > 0).collect();
        keyed.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut values: Vec<(String, u32)> = Vec::with_capacity(keyed.len());
        for (v, c) in keyed {
            match values.last_mut() {
                Some((s, n)) if s == v => *n = n.saturating_add(c),
                _ => values.push((v.to_owned(), c)),
            }
        }
        let total = values.iter().map(|(_, c)| u64::from(*c)).sum();
        TfTable { values, total }
    }

    /// Relative frequency of `v`; a value never seen counts as seen once.
    pub fn frequency(&self, v: &str) -> f64 {
        if self.total == 0 {
            return 1.0;
        }
        let c = match self.values.binary_search_by(|(s, _)| s.as_str().cmp(v)) {
            Ok(i) => self.values[i].1,
            Err(_) => 1,
        };
        f64::from(c.max(1)) / self.total as f64
    }

    /// A hash index over the table for many lookups ([`TfTable::frequency`] searches the sorted
    /// values, a dozen string comparisons per lookup).
    ///
    /// ```
    /// use caselink::score::tf::TfTable;
    /// let t = TfTable::from_counts([("smith".to_string(), 3u32), ("zed".to_string(), 1)].into_iter().collect());
    /// let ix = t.index();
    /// assert_eq!(ix.frequency("smith"), t.frequency("smith"));
    /// assert_eq!(ix.frequency("unseen"), t.frequency("unseen"));
    /// ```
    pub fn index(&self) -> TfIndex<'_> {
        TfIndex { counts: self.values.iter().map(|(s, c)| (s.as_str(), *c)).collect(), total: self.total }
    }

    /// True when values are strictly sorted and counts sum to `total` (checked on model load).
    pub fn is_consistent(&self) -> bool {
        self.values.windows(2).all(|w| w[0].0 < w[1].0)
            && self.values.iter().map(|(_, c)| u64::from(*c)).sum::<u64>() == self.total
    }
}

/// [`TfTable::index`]: the same frequencies, by hash lookup.
#[derive(Debug)]
pub struct TfIndex<'a> {
    counts: rustc_hash::FxHashMap<&'a str, u32>,
    total: u64,
}

impl TfIndex<'_> {
    /// Relative frequency of `v`, as [`TfTable::frequency`].
    pub fn frequency(&self, v: &str) -> f64 {
        if self.total == 0 {
            return 1.0;
        }
        let c = self.counts.get(v).copied().unwrap_or(1);
        f64::from(c.max(1)) / self.total as f64
    }
}
