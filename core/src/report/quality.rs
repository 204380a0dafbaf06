//! Data quality: values the normalizers could not read, per column.

use crate::data::Dataset;
use crate::normalize::date::{DateOptions, parse_date};
use crate::normalize::district;
use crate::normalize::name::{NameKind, parse_name};

/// What a column holds, and so which normalizer checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Dates: `parse_date` must read them.
    Date,
    /// Federal districts / court ids: `district::lookup` must know them.
    District,
    /// US states: `district::state_code` must know them.
    State,
    /// Person names: `parse_name` must find something.
    Name,
}

impl ColumnKind {
    /// A short name for the report.
    pub fn name(self) -> &'static str {
        match self {
            ColumnKind::Date => "date",
            ColumnKind::District => "district",
            ColumnKind::State => "state",
            ColumnKind::Name => "name",
        }
    }

    /// True when the normalizer reads `v` (a non-empty value).
    ///
    /// ```
    /// use caselink::report::ColumnKind;
    /// assert!(ColumnKind::Date.accepts("2021-03-04"));
    /// assert!(!ColumnKind::Date.accepts("last blue moon"));
    /// assert!(ColumnKind::State.accepts("Tenn."));
    /// assert!(!ColumnKind::Name.accepts("--"));
    /// ```
    pub fn accepts(self, v: &str) -> bool {
        match self {
            ColumnKind::Date => parse_date(v, &DateOptions::default()).is_some(),
            ColumnKind::District => district::lookup(v).is_some(),
            ColumnKind::State => district::state_code(v).is_some(),
            ColumnKind::Name => parse_name(v).kind != NameKind::Empty,
        }
    }
}

/// One column's count of unreadable values.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnQuality {
    /// Dataset name.
    pub dataset: String,
    /// Column.
    pub column: String,
    /// The check applied.
    pub kind: ColumnKind,
    /// Non-empty values.
    pub non_empty: u64,
    /// Non-empty values the normalizer rejected.
    pub unparsed: u64,
    /// Up to three distinct rejected values.
    pub examples: Vec<String>,
}

/// Check `column` of `d` (absent columns give `None`).
///
/// ```
/// use caselink::Dataset;
/// use caselink::report::{column_quality, ColumnKind};
/// let d = Dataset::from_csv_reader("id,d\n1,2020-01-02\n2,soon\n3,\n".as_bytes(), "x", &Default::default()).unwrap();
/// let q = column_quality(&d, "d", ColumnKind::Date).unwrap();
/// assert_eq!((q.non_empty, q.unparsed), (2, 1));
/// assert_eq!(q.examples, vec!["soon".to_string()]);
/// ```
pub fn column_quality(d: &Dataset, column: &str, kind: ColumnKind) -> Option<ColumnQuality> {
    let col = d.column(column).ok()?;
    let mut q = ColumnQuality {
        dataset: d.name().to_owned(),
        column: column.to_owned(),
        kind,
        non_empty: 0,
        unparsed: 0,
        examples: Vec::new(),
    };
    for v in col.iter().flatten() {
        if v.trim().is_empty() {
            continue;
        }
        q.non_empty += 1;
        if !kind.accepts(v) {
            q.unparsed += 1;
            if q.examples.len() < 3 && !q.examples.iter().any(|e| e == v) {
                q.examples.push(v.to_owned());
            }
        }
    }
    Some(q)
}

/// The `p`-quantile of sorted `v` by linear interpolation (the median is the usual median).
pub(crate) fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let (i, f) = (h.floor() as usize, h - h.floor());
    let next = sorted.get(i + 1).copied().unwrap_or(sorted[i]);
    Some(sorted[i] + f * (next - sorted[i]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.5), Some(2.5));
        assert_eq!(quantile(&v, 0.25), Some(1.75));
        assert_eq!(quantile(&[7.0], 0.75), Some(7.0));
        assert_eq!(quantile(&[], 0.5), None);
    }

    #[test]
    fn district_and_absent_columns() {
        let d =
            Dataset::from_csv_reader("id,c\n1,tnmd\n2,Nowhere Court\n".as_bytes(), "x", &Default::default()).unwrap();
        let q = column_quality(&d, "c", ColumnKind::District).unwrap();
        assert_eq!((q.non_empty, q.unparsed), (2, 1));
        assert!(column_quality(&d, "missing", ColumnKind::District).is_none());
    }
}
