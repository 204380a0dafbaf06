//! The union of blocking rules without a global set of seen pairs: a pair produced by rule `i`
//! is emitted only when no earlier rule also produces it (and, within a rule, only under its
//! smallest shared key). Each rule can answer "would I produce (l, r)?" from per-row keys in
//! O(keys), so memory stays proportional to the records, not to the pairs.

/// A rule that can say whether it produces a pair.
pub trait Covers {
    /// True when this rule produces the pair (left row `l`, right row `r`).
    fn covers(&self, l: usize, r: usize) -> bool;
}

/// True when any of `earlier` produces (l, r).
///
/// ```
/// use caselink::block::union::{Covers, covered_by_any};
/// struct Even;
/// impl Covers for Even { fn covers(&self, l: usize, r: usize) -> bool { (l + r) % 2 == 0 } }
/// let rules: Vec<&(dyn Covers + Sync)> = vec![&Even];
/// assert!(covered_by_any(&rules, 1, 3));
/// assert!(!covered_by_any(&rules, 1, 2));
/// ```
pub fn covered_by_any(earlier: &[&(dyn Covers + Sync)], l: usize, r: usize) -> bool {
    earlier.iter().any(|c| c.covers(l, r))
}
