//! String comparison: exact, then one level per similarity threshold (descending), then else.

use super::{ELSE, Level, NULL};
use crate::metrics::Metric;

/// The level of a similarity `sim` for descending `thresholds` (below the exact level).
///
/// ```
/// use caselink::compare::string::level_of_similarity;
/// assert_eq!(level_of_similarity(0.95, &[0.9, 0.8]), 3);
/// assert_eq!(level_of_similarity(0.85, &[0.9, 0.8]), 2);
/// assert_eq!(level_of_similarity(0.5, &[0.9, 0.8]), 1);
/// ```
#[inline]
pub fn level_of_similarity(sim: f64, thresholds: &[f64]) -> Level {
    for (i, t) in thresholds.iter().enumerate() {
        if sim >= *t {
            return (1 + thresholds.len() - i) as Level;
        }
    }
    ELSE
}

/// Level of two prepared (folded) strings; `None` = missing.
///
/// ```
/// use caselink::compare::string::compare;
/// use caselink::metrics::Metric;
/// assert_eq!(compare(Some("smith"), Some("smith"), Metric::JaroWinkler, &[0.9]), 3);
/// assert_eq!(compare(Some("smith"), Some("smyth"), Metric::JaroWinkler, &[0.85]), 2);
/// assert_eq!(compare(None, Some("smyth"), Metric::JaroWinkler, &[0.9]), 0);
/// ```
#[inline]
pub fn compare(a: Option<&str>, b: Option<&str>, metric: Metric, thresholds: &[f64]) -> Level {
    match (a, b) {
        (Some(a), Some(b)) if a == b => (2 + thresholds.len()) as Level,
        (Some(a), Some(b)) => level_of_similarity(metric.normalized_similarity(a, b), thresholds),
        _ => NULL,
    }
}
