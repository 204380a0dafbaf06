//! The engine steps `caselink.spark` runs inside Spark executors (on Arrow batches turned into
//! Datasets) and on the driver (training from counted patterns). See `core/src/distributed.rs`.

use std::collections::HashMap;

use caselink::distributed::{self, Side, TrainCounts};
use caselink::trace::Source;
use numpy::{IntoPyArray, PyArrayMethods};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::data::PyDataset;
use crate::errors::IntoPyResult;
use crate::linker::PyLinker;
use crate::normalize::json_to_py;
use crate::texts::StringColumn;

type PatternList = (Vec<Vec<u8>>, Vec<u64>);

fn side(right: bool) -> Side {
    if right { Side::Right } else { Side::Left }
}

/// Blocking keys of every row: `(rule, row, key)` arrays (uint32, uint32, int64 — the 64-bit key
/// reinterpreted as signed, as Spark has no unsigned type). `right=True` reads the right
/// columns; `training=True` uses the spec's training rules when it has them.
#[pyfunction]
#[pyo3(signature = (linker, data, right = false, training = false))]
fn spark_block_keys<'py>(
    py: Python<'py>,
    linker: &Bound<'py, PyLinker>,
    data: &Bound<'py, PyDataset>,
    right: bool,
    training: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let d = &data.get().inner;
    let lk = linker.get();
    let k = py.detach(|| distributed::block_keys(&lk.read(), d, side(right), training)).py_err(py)?;
    let keys: Vec<i64> = k.key.iter().map(|&x| x as i64).collect();
    Ok((k.rule.into_pyarray(py), k.row.into_pyarray(py), keys.into_pyarray(py)).into_pyobject(py)?.into_any())
}

/// The columns a distributed run reads from the left (or, with `right=True`, the right) table:
/// the id column first.
#[pyfunction]
#[pyo3(signature = (linker, right = false))]
fn spark_columns(linker: &Bound<'_, PyLinker>, right: bool) -> Vec<String> {
    distributed::columns(&linker.get().read(), side(right))
}

/// Score `left[i]` against `right[i]` (equal lengths; in a dedupe both hold the table's columns)
/// and keep pairs with probability ≥ threshold: `{row, match_weight, match_probability, levels}`.
#[pyfunction]
#[pyo3(signature = (linker, left, right, dedupe, threshold))]
fn spark_score_aligned<'py>(
    py: Python<'py>,
    linker: &Bound<'py, PyLinker>,
    left: &Bound<'py, PyDataset>,
    right: &Bound<'py, PyDataset>,
    dedupe: bool,
    threshold: f64,
) -> PyResult<Bound<'py, PyDict>> {
    let (l, r) = (&left.get().inner, &right.get().inner);
    let lk = linker.get();
    let p = py.detach(|| distributed::score_aligned(&lk.read(), l, r, dedupe, threshold)).py_err(py)?;
    let (n, k) = (p.len(), p.comparison_names.len());
    let out = PyDict::new(py);
    out.set_item("row", p.left.into_pyarray(py))?;
    out.set_item("match_weight", p.match_weight.into_pyarray(py))?;
    out.set_item("match_probability", p.match_probability.into_pyarray(py))?;
    out.set_item("levels", p.levels.into_pyarray(py).reshape([n, k])?)?;
    Ok(out)
}

/// Distinct comparison patterns of the aligned pairs and their counts: `(patterns, counts)`,
/// each pattern the bytes of its levels.
#[pyfunction]
#[pyo3(signature = (linker, left, right, dedupe))]
fn spark_pattern_counts<'py>(
    py: Python<'py>,
    linker: &Bound<'py, PyLinker>,
    left: &Bound<'py, PyDataset>,
    right: &Bound<'py, PyDataset>,
    dedupe: bool,
) -> PyResult<(Vec<Bound<'py, PyBytes>>, Vec<u64>)> {
    let (l, r) = (&left.get().inner, &right.get().inner);
    let lk = linker.get();
    let p = py.detach(|| distributed::pattern_counts(&lk.read(), l, r, dedupe)).py_err(py)?;
    Ok(p.into_iter().map(|(pat, c)| (PyBytes::new(py, &pat), c)).unzip())
}

/// Term-frequency counts of a batch: `(comparison, value, count)` lists, for comparisons with tf.
#[pyfunction]
#[pyo3(signature = (linker, data, right, dedupe))]
fn spark_tf_counts(
    py: Python<'_>,
    linker: &Bound<'_, PyLinker>,
    data: &Bound<'_, PyDataset>,
    right: bool,
    dedupe: bool,
) -> PyResult<(Vec<u32>, StringColumn, Vec<u32>)> {
    let d = &data.get().inner;
    let lk = linker.get();
    let t = py.detach(|| distributed::tf_counts(&lk.read(), d, side(right), dedupe)).py_err(py)?;
    let (mut comp, mut values, mut counts) = (Vec::new(), caselink::data::Column::new("value"), Vec::new());
    for (k, c) in t.iter().enumerate() {
        let Some(c) = c else { continue };
        let mut items: Vec<(&String, &u32)> = c.iter().collect();
        items.sort_unstable();
        for (v, n) in items {
            comp.push(k as u32);
            values.push(Some(v));
            counts.push(*n);
        }
    }
    Ok((comp, StringColumn { inner: values }, counts))
}

fn patterns(p: PatternList) -> PyResult<Vec<(Vec<u8>, u64)>> {
    if p.0.len() != p.1.len() {
        return Err(PyValueError::new_err("patterns and counts differ in length"));
    }
    let mut v: Vec<(Vec<u8>, u64)> = p.0.into_iter().zip(p.1).collect();
    v.sort_unstable();
    // The same pattern counted in several places adds up.
    v.dedup_by(|b, a| {
        if a.0 == b.0 {
            a.1 += b.1;
            true
        } else {
            false
        }
    });
    Ok(v)
}

/// Train the linker from counted patterns (see `caselink::distributed::train_from_counts`);
/// `tf` maps comparison index to `{value: count}`; `candidate_shares` holds one pattern list per
/// blocking rule (the candidates whose first generating rule it is). Returns the training
/// report as a dict.
#[pyfunction]
#[pyo3(signature = (linker, random, tf, rule_patterns, candidate_shares, n_left, n_right, dedupe))]
#[allow(clippy::too_many_arguments)]
fn spark_train_from_counts<'py>(
    py: Python<'py>,
    linker: &Bound<'py, PyLinker>,
    random: PatternList,
    tf: HashMap<usize, HashMap<String, u32>>,
    rule_patterns: Vec<PatternList>,
    candidate_shares: Vec<PatternList>,
    n_left: usize,
    n_right: usize,
    dedupe: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let lk = linker.get();
    let mut copy = lk.read().clone();
    let k = copy.comparison_names().len();
    let tf = (0..k).map(|j| tf.get(&j).cloned()).collect();
    let counts = TrainCounts {
        random: patterns(random)?,
        tf,
        rule_patterns: rule_patterns.into_iter().map(patterns).collect::<PyResult<_>>()?,
        candidate_shares: candidate_shares.into_iter().map(patterns).collect::<PyResult<_>>()?,
        n_left,
        n_right,
        dedupe,
    };
    let rep = py.detach(|| distributed::train_from_counts(&mut copy, &counts)).py_err(py)?;
    *lk.inner.write().unwrap_or_else(std::sync::PoisonError::into_inner) = copy;
    let v = serde_json::to_value(&rep).map_err(|e| PyValueError::new_err(e.to_string()))?;
    json_to_py(py, &v)
}

/// Outcome rows of whole cases from the three batches of their records. `case`, `source` and
/// `row` list the members (`case` a 0-based index into `confidence`, `source` 0 = referral,
/// 1 = docket, 2 = press release, `row` the record's row in its batch). Returns the columns of
/// `outcomes.csv` without `case_id`, one row per case, plus `case` (the index).
#[pyfunction]
#[pyo3(signature = (referrals, dockets, press_releases, case, source, row, confidence))]
#[allow(clippy::too_many_arguments)]
fn spark_outcomes<'py>(
    py: Python<'py>,
    referrals: &Bound<'py, PyDataset>,
    dockets: &Bound<'py, PyDataset>,
    press_releases: &Bound<'py, PyDataset>,
    case: Vec<u32>,
    source: Vec<u8>,
    row: Vec<u32>,
    confidence: Vec<f64>,
) -> PyResult<Bound<'py, PyDict>> {
    if case.len() != source.len() || case.len() != row.len() {
        return Err(PyValueError::new_err("case, source and row must have the same length"));
    }
    let mut members: Vec<Vec<(Source, u32)>> = vec![Vec::new(); confidence.len()];
    for i in 0..case.len() {
        let s = *Source::ALL
            .get(source[i] as usize)
            .ok_or_else(|| PyValueError::new_err(format!("source {} is not 0, 1 or 2", source[i])))?;
        members
            .get_mut(case[i] as usize)
            .ok_or_else(|| PyValueError::new_err(format!("case {} has no confidence", case[i])))?
            .push((s, row[i]));
    }
    let conf: Vec<Option<f64>> = confidence.iter().map(|c| (!c.is_nan()).then_some(*c)).collect();
    let (r, d, p) = (&referrals.get().inner, &dockets.get().inner, &press_releases.get().inner);
    let o = py.detach(|| distributed::outcomes(r, d, p, &members, &conf)).py_err(py)?;
    let out = PyDict::new(py);
    out.set_item("case", (0..o.len() as u32).collect::<Vec<_>>().into_pyarray(py))?;
    crate::engine::outcome_columns(py, &out, &o)?;
    Ok(out)
}

/// The spec JSON the trace runs for a linkage of `left` (`n_left` rows) to `right` (`n_right`
/// rows) (`"referral"`, `"docket"`, `"press_release"`, in spec order), or None for a pair the
/// trace does not link; without sizes, the embedded spec (see `trace::spec_for_tables`).
#[pyfunction]
#[pyo3(signature = (left, right, n_left = 0, n_right = 0))]
fn trace_spec(left: &str, right: &str, n_left: usize, n_right: usize) -> PyResult<Option<String>> {
    let parse = |s: &str| -> PyResult<Source> {
        Source::ALL
            .into_iter()
            .find(|x| x.name() == s)
            .ok_or_else(|| PyValueError::new_err(format!("unknown source {s:?}")))
    };
    Ok(caselink::trace::spec_for_tables(parse(left)?, parse(right)?, n_left, n_right).map(|s| s.to_json()))
}

/// Register the Spark helpers on the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(pyo3::wrap_pyfunction!(spark_columns, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(spark_block_keys, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(spark_score_aligned, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(spark_pattern_counts, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(spark_tf_counts, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(spark_train_from_counts, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(spark_outcomes, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(trace_spec, m)?)?;
    m.add("TRACE_NAMELESS_FLOOR", caselink::trace::NAMELESS_FLOOR)?;
    Ok(())
}
