//! The compare stage: two prepared values → a comparison **level**.
//!
//! Every comparison has levels `0 = null` (missing or unusable on either side; weight 0),
//! `1 = else` (the lowest agreement), then increasingly strong agreement, the highest being an
//! exact match. Each file holds one comparator working on prepared (already parsed) values, so
//! nothing is parsed per pair.

pub mod date;
pub mod district;
pub mod exact;
pub mod handle;
pub mod middle_name;
pub mod name;
pub mod numeric;
pub mod reference;
pub mod statute;
pub mod string;

use crate::metrics::Metric;
use crate::spec::ComparisonSpec;

/// A comparison level: 0 = null, 1 = else, … , highest = exact.
pub type Level = u8;

/// The null level (missing on either side).
pub const NULL: Level = 0;
/// The lowest non-null level.
pub const ELSE: Level = 1;

/// A comparison compiled from its spec: what it needs to turn prepared values into a level.
#[derive(Debug, Clone, PartialEq)]
pub enum Comparator {
    /// Exact equality.
    Exact,
    /// A string metric with descending thresholds.
    String {
        /// The metric.
        metric: Metric,
        /// Thresholds, descending.
        thresholds: Vec<f64>,
    },
    /// Person names.
    Name(name::NameConfig),
    /// Middle names of person names.
    MiddleName,
    /// Online handles against person names.
    Handle,
    /// Dates.
    Date(date::DateConfig),
    /// Districts.
    District,
    /// Reference numbers.
    Reference,
    /// Statute citations.
    Statute,
    /// Numbers with tolerances.
    Numeric {
        /// Tolerances, ascending.
        tolerances: Vec<f64>,
        /// Relative rather than absolute tolerances.
        relative: bool,
    },
}

impl Comparator {
    /// Compile a (validated) comparison spec.
    ///
    /// ```
    /// use caselink::compare::Comparator;
    /// use caselink::spec::ComparisonSpec;
    /// let c = Comparator::from_spec(&ComparisonSpec::Exact { name: None, column: "a".into(), right_column: None, tf: false });
    /// assert_eq!(c.labels(), vec!["null", "else", "exact"]);
    /// ```
    pub fn from_spec(spec: &ComparisonSpec) -> Comparator {
        match spec {
            ComparisonSpec::Exact { .. } => Comparator::Exact,
            ComparisonSpec::String { metric, thresholds, .. } => {
                Comparator::String { metric: *metric, thresholds: thresholds.clone() }
            }
            ComparisonSpec::Name { jw_thresholds, partial, .. } => {
                Comparator::Name(name::NameConfig { jw_thresholds: jw_thresholds.clone(), partial: *partial })
            }
            ComparisonSpec::Date { within_days, within_months, window, window_steps, .. } => {
                Comparator::Date(date::DateConfig {
                    within_days: within_days.clone(),
                    within_months: within_months.clone(),
                    window: *window,
                    window_steps: window_steps.clone(),
                })
            }
            ComparisonSpec::MiddleName { .. } => Comparator::MiddleName,
            ComparisonSpec::Handle { .. } => Comparator::Handle,
            ComparisonSpec::District { .. } => Comparator::District,
            ComparisonSpec::Reference { .. } => Comparator::Reference,
            ComparisonSpec::Statute { .. } => Comparator::Statute,
            ComparisonSpec::Numeric { tolerances, relative, .. } => {
                Comparator::Numeric { tolerances: tolerances.clone(), relative: *relative }
            }
        }
    }

    /// Human-readable label of each level, indexed by level.
    pub fn labels(&self) -> Vec<String> {
        let mut v: Vec<String> = vec!["null".into(), "else".into()];
        match self {
            Comparator::Exact => v.push("exact".into()),
            Comparator::String { metric, thresholds } => {
                v.extend(thresholds.iter().rev().map(|t| format!("{} >= {t}", metric.name())));
                v.push("exact".into());
            }
            Comparator::Name(c) => v.extend(c.labels()),
            Comparator::MiddleName => v.extend(middle_name::LABELS.map(String::from)),
            Comparator::Handle => v.extend(handle::LABELS.map(String::from)),
            Comparator::Date(c) => v.extend(c.labels()),
            Comparator::District => v.extend(["same state".into(), "same district".into()]),
            Comparator::Reference => v.extend(["one edit".into(), "exact".into()]),
            Comparator::Statute => v.extend(statute::LABELS.map(String::from)),
            Comparator::Numeric { tolerances, relative } => {
                let unit = if *relative { " (relative)" } else { "" };
                v.extend(tolerances.iter().rev().map(|t| format!("within {t}{unit}")));
                v.push("exact".into());
            }
        }
        v
    }

    /// Number of levels including null.
    pub fn num_levels(&self) -> usize {
        self.labels().len()
    }

    /// The level that term-frequency adjustment applies to (the exact level), if any.
    pub fn exact_level(&self) -> Option<Level> {
        match self {
            Comparator::Exact | Comparator::String { .. } | Comparator::Name(_) => {
                Some((self.num_levels() - 1) as Level)
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_counts_match_labels() {
        let specs = [
            r#"{"type":"string","column":"a","metric":"jaro","thresholds":[0.9,0.8]}"#,
            r#"{"type":"name","column":"a"}"#,
            r#"{"type":"middle_name","column":"a"}"#,
            r#"{"type":"date","column":"a","within_months":[12]}"#,
            r#"{"type":"date","column":"a","window":[0,30]}"#,
            r#"{"type":"district","column":"a"}"#,
            r#"{"type":"reference","column":"a"}"#,
            r#"{"type":"numeric","column":"a","tolerances":[1,3]}"#,
            r#"{"type":"statute","column":"a"}"#,
            r#"{"type":"handle","columns":["a","b"],"right_columns":["c"]}"#,
        ];
        let expected = [5, 8, 4, 7, 3, 4, 4, 5, 4, 4];
        for (s, n) in specs.iter().zip(expected) {
            let spec: ComparisonSpec = serde_json::from_str(s).unwrap();
            let c = Comparator::from_spec(&spec);
            assert_eq!(c.num_levels(), n, "{s}: {:?}", c.labels());
        }
    }
}
