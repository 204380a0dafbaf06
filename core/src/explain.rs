//! Explain one pair: each comparison's raw values, level and weight contribution. The prior
//! weight plus the terms equals the pair's match weight (a waterfall).

use serde::Serialize;

use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::linker::Linker;
use crate::prepare::Prepared;
use crate::score::probability;

/// One comparison's part of a pair's match weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExplainTerm {
    /// Comparison name.
    pub comparison: String,
    /// The left record's raw value(s), joined with ` | ` when the comparison reads several columns.
    pub left_value: String,
    /// The right record's raw value(s).
    pub right_value: String,
    /// The level.
    pub level: u8,
    /// The level's label.
    pub level_label: String,
    /// log2(m / u) of the level (term-frequency adjusted where enabled); 0 for null.
    pub weight: f64,
}

/// A pair's explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// log2(λ / (1 − λ)).
    pub prior_weight: f64,
    /// One term per comparison.
    pub terms: Vec<ExplainTerm>,
    /// prior_weight + Σ terms.
    pub match_weight: f64,
    /// The probability of the match weight.
    pub match_probability: f64,
}

fn one_row(ds: &Dataset, row: usize, columns: &[&str]) -> Result<Dataset> {
    if row >= ds.len() {
        return Err(Error::BadData {
            file: ds.name().to_owned(),
            line: 0,
            column: None,
            value: Some(row.to_string()),
            reason: format!("row {row} is out of range ({} rows)", ds.len()),
        });
    }
    let mut out = Dataset::new(ds.name(), columns)?;
    let values: Vec<Option<&str>> = columns.iter().map(|c| ds.value(row, c)).collect::<Result<_>>()?;
    out.push_row(&values)?;
    Ok(out)
}

/// Explain (left row, right row) with a trained linker.
pub fn explain(
    linker: &Linker,
    left: &Dataset,
    left_row: usize,
    right: &Dataset,
    right_row: usize,
) -> Result<Explanation> {
    let specs = &linker.spec().comparisons;
    let mut lcols: Vec<String> = Vec::new();
    let mut rcols: Vec<String> = Vec::new();
    for s in specs {
        for (l, r) in s.column_pairs() {
            if !lcols.contains(&l) {
                lcols.push(l);
            }
            if !rcols.contains(&r) {
                rcols.push(r);
            }
        }
    }
    let lrefs: Vec<&str> = lcols.iter().map(String::as_str).collect();
    let rrefs: Vec<&str> = rcols.iter().map(String::as_str).collect();
    let l1 = one_row(left, left_row, &lrefs)?;
    let r1 = one_row(right, right_row, &rrefs)?;
    let prepared = Prepared::new(specs, &l1, Some(&r1))?;
    let (levels, weights, prior) = linker.score_prepared_pair(&prepared)?;
    let labels = linker.level_labels();
    let names = linker.comparison_names();
    // Each column once (a handle comparison pairs its left columns with one right column).
    let join = |ds: &Dataset, mut cols: Vec<&str>| -> String {
        let mut seen = Vec::new();
        cols.retain(|c| {
            !seen.contains(c) && {
                seen.push(*c);
                true
            }
        });
        cols.iter().map(|c| ds.value(0, c).ok().flatten().unwrap_or("")).collect::<Vec<_>>().join(" | ")
    };
    let terms: Vec<ExplainTerm> = specs
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let pairs = s.column_pairs();
            ExplainTerm {
                comparison: names[k].clone(),
                left_value: join(&l1, pairs.iter().map(|p| p.0.as_str()).collect()),
                right_value: join(&r1, pairs.iter().map(|p| p.1.as_str()).collect()),
                level: levels[k],
                level_label: labels[k][levels[k] as usize].clone(),
                weight: weights[k],
            }
        })
        .collect();
    let match_weight = prior + weights.iter().sum::<f64>();
    Ok(Explanation { prior_weight: prior, terms, match_weight, match_probability: probability(match_weight) })
}
