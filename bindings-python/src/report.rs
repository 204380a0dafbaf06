//! The HTML report (`caselink::report`) of a trace or a linkage, as a string for Python.

use pyo3::prelude::*;

use crate::data::PyDataset;
use crate::engine::PyTrace;
use crate::errors::IntoPyResult;
use crate::linker::PyLinker;

/// Pairs below this probability are left out of a linkage report (as the trace does).
const REPORT_FLOOR: f64 = 1e-4;

fn check_threshold(threshold: f64) -> PyResult<()> {
    if (0.0..=1.0).contains(&threshold) {
        Ok(())
    } else {
        Err(pyo3::exceptions::PyValueError::new_err(format!(
            "threshold must be a probability in [0, 1], got {threshold}"
        )))
    }
}

/// The self-contained HTML report of a trace.
#[pyfunction]
#[pyo3(signature = (output, threshold = 0.5, max_rows = 5000))]
fn trace_report_html(py: Python<'_>, output: &Bound<'_, PyTrace>, threshold: f64, max_rows: usize) -> PyResult<String> {
    check_threshold(threshold)?;
    let t = output.get();
    let options = caselink::report::ReportOptions { threshold, max_rows, ..Default::default() };
    Ok(py.detach(|| caselink::report::trace_html_with(&t.result, &t.input, &options)))
}

/// The self-contained HTML report of a linkage (`right=None` for a deduplication): the linker
/// scores the candidate pairs again down to a small floor, so the weight histogram and the
/// review queue show both sides of the threshold.
#[pyfunction]
#[pyo3(signature = (linker, left, right = None, threshold = 0.5))]
fn link_report_html(
    py: Python<'_>,
    linker: &Bound<'_, PyLinker>,
    left: &Bound<'_, PyDataset>,
    right: Option<&Bound<'_, PyDataset>>,
    threshold: f64,
) -> PyResult<String> {
    check_threshold(threshold)?;
    let (l, r) = (&left.get().inner, right.map(|r| &r.get().inner));
    let guard = linker.get().read();
    let lk: &caselink::linker::Linker = &guard;
    let options = caselink::report::ReportOptions { threshold, ..Default::default() };
    py.detach(|| {
        let p = lk.predict(l, r, threshold.min(REPORT_FLOOR))?;
        Ok(caselink::report::link_html_with(lk, &p, l, r.unwrap_or(l), &options))
    })
    .py_err(py)
}

/// Register the report functions on the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(pyo3::wrap_pyfunction!(trace_report_html, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(link_report_html, m)?)?;
    Ok(())
}
