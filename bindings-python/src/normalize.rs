//! `caselink.normalize`: what the engine makes of a raw value, as a dict (the same fields as
//! `caselink normalize KIND VALUE` prints).

use caselink::normalize::{self, date::DateOptions};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// Convert a JSON value into the equivalent Python object (dict, list, str, int, float, bool, None).
pub(crate) fn json_to_py<'py>(py: Python<'py>, v: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, item) in map {
                dict.set_item(k, json_to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// Describe `value` as normalizer `kind` (`name`, `district`, `reference`, `phonetic`, `date`).
#[pyfunction]
pub(crate) fn normalize_describe<'py>(py: Python<'py>, kind: &str, value: &str) -> PyResult<Bound<'py, PyAny>> {
    let v = normalize::describe(kind, value).ok_or_else(|| {
        PyValueError::new_err(format!("unknown normalizer '{kind}'; expected one of {}", normalize::KINDS.join(", ")))
    })?;
    json_to_py(py, &v)
}

/// Describe a date with options; `reference` is a day number (days since 1970-01-01).
#[pyfunction]
#[pyo3(signature = (value, day_first = false, reference = None))]
pub(crate) fn normalize_date<'py>(
    py: Python<'py>,
    value: &str,
    day_first: bool,
    reference: Option<i32>,
) -> PyResult<Bound<'py, PyAny>> {
    json_to_py(py, &normalize::date::describe(value, &DateOptions { day_first, reference }))
}

/// Register the normalizer functions on the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(pyo3::wrap_pyfunction!(normalize_describe, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(normalize_date, m)?)?;
    m.add("NORMALIZE_KINDS", normalize::KINDS.to_vec())?;
    Ok(())
}
