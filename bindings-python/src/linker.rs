//! `caselink._caselink.Linker`: the compiled engine linker (train, predict, explain, model bytes).
//!
//! The class is `frozen` and keeps the core linker behind an `RwLock`, so one object can be
//! shared by several Python threads: predictions take a read lock with the GIL released and run
//! side by side; training works on a copy (GIL released, no lock held) and swaps it in at the end,
//! so concurrent predictions never wait for a training run.

use std::path::PathBuf;
use std::sync::{RwLock, RwLockReadGuard};

use caselink::linker::Linker;
use caselink::spec::LinkageSpec;
use numpy::{IntoPyArray, PyArrayMethods};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::data::PyDataset;
use crate::errors::IntoPyResult;
use crate::normalize::json_to_py;

/// A compiled linkage spec, trained or not (the Python `caselink.Linker` wraps it).
#[pyclass(name = "Linker", module = "caselink._caselink", frozen)]
#[derive(Debug)]
pub(crate) struct PyLinker {
    pub(crate) inner: RwLock<Linker>,
}

impl PyLinker {
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, Linker> {
        // A panic while holding the lock cannot leave the linker half-written (training swaps a
        // finished copy in), so a poisoned lock still guards a consistent value.
        self.inner.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn wrap(linker: Linker) -> Self {
        PyLinker { inner: RwLock::new(linker) }
    }
}

fn report<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let v = serde_json::to_value(value).map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    json_to_py(py, &v)
}

#[pymethods]
impl PyLinker {
    /// Validate and compile a JSON spec (SpecError with the path inside the spec when invalid).
    #[new]
    fn new(py: Python<'_>, spec_json: &str) -> PyResult<Self> {
        Ok(Self::wrap(Linker::from_json(spec_json).py_err(py)?))
    }

    /// Validate and compile a TOML spec.
    #[staticmethod]
    fn from_toml(py: Python<'_>, text: &str) -> PyResult<Self> {
        let spec = LinkageSpec::from_toml(text).py_err(py)?;
        Ok(Self::wrap(Linker::new(spec).py_err(py)?))
    }

    /// A linker from model bytes (ModelError when corrupt or from another version).
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<Self> {
        Ok(Self::wrap(Linker::from_bytes(data).py_err(py)?))
    }

    /// Load a model file.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        Ok(Self::wrap(py.detach(|| Linker::load(&path)).py_err(py)?))
    }

    /// The spec as canonical JSON (every default filled in).
    fn spec_json(&self) -> String {
        self.read().spec().to_json()
    }

    /// True once trained or loaded from a trained model.
    #[getter]
    fn is_trained(&self) -> bool {
        self.read().is_trained()
    }

    /// Comparison names in spec order.
    #[getter]
    fn comparison_names(&self) -> Vec<String> {
        self.read().comparison_names()
    }

    /// Level labels of each comparison (index = level; level 0 is "null").
    fn level_labels(&self) -> Vec<Vec<String>> {
        self.read().level_labels()
    }

    /// λ, the prior weight and m, u and weight per level of each comparison, as a dict.
    fn parameters<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = self.read().parameters_json();
        json_to_py(py, &v)
    }

    /// The model (spec, parameters, term frequencies) as bytes.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let bytes = py.detach(|| self.read().to_bytes());
        PyBytes::new(py, &bytes)
    }

    /// Save the model to a file.
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        py.detach(|| self.read().save(&path)).py_err(py)
    }

    /// Train by EM (u from random pairs, m per blocking rule, λ over all candidate pairs);
    /// `right=None` deduplicates `left`. Returns the training report as a dict.
    #[pyo3(signature = (left, right = None))]
    fn train<'py>(
        &self,
        py: Python<'py>,
        left: &Bound<'py, PyDataset>,
        right: Option<&Bound<'py, PyDataset>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (l, r) = (&left.get().inner, right.map(|r| &r.get().inner));
        let mut copy = self.read().clone();
        let rep = py.detach(|| copy.train(l, r)).py_err(py)?;
        *self.inner.write().unwrap_or_else(std::sync::PoisonError::into_inner) = copy;
        report(py, &rep)
    }

    /// Train m from labelled matching pairs `(left row, right row)`; u and λ as in `train`.
    #[pyo3(signature = (left, right, pairs))]
    fn train_from_labels<'py>(
        &self,
        py: Python<'py>,
        left: &Bound<'py, PyDataset>,
        right: Option<&Bound<'py, PyDataset>>,
        pairs: Vec<(usize, usize)>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (l, r) = (&left.get().inner, right.map(|r| &r.get().inner));
        let mut copy = self.read().clone();
        let rep = py.detach(|| copy.train_from_labels(l, r, &pairs)).py_err(py)?;
        *self.inner.write().unwrap_or_else(std::sync::PoisonError::into_inner) = copy;
        report(py, &rep)
    }

    /// Score every candidate pair and keep those with probability ≥ `threshold`.
    ///
    /// Returns a dict of numpy arrays: `left`, `right` (row numbers, uint32), `match_weight`,
    /// `match_probability` (float64), `levels` (uint8, one column per comparison), plus
    /// `comparison_names`, `pairs_compared` and the `blocking` report.
    #[pyo3(signature = (left, right = None, threshold = 0.5))]
    fn predict<'py>(
        &self,
        py: Python<'py>,
        left: &Bound<'py, PyDataset>,
        right: Option<&Bound<'py, PyDataset>>,
        threshold: f64,
    ) -> PyResult<Bound<'py, PyDict>> {
        if !(0.0..=1.0).contains(&threshold) {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "threshold must be a probability in [0, 1], got {threshold}"
            )));
        }
        let (l, r) = (&left.get().inner, right.map(|r| &r.get().inner));
        let p = py.detach(|| self.read().predict(l, r, threshold)).py_err(py)?;
        let out = PyDict::new(py);
        let (n, k) = (p.len(), p.comparison_names.len());
        out.set_item("blocking", report(py, &p.blocking)?)?;
        out.set_item("pairs_compared", p.pairs_compared)?;
        out.set_item("comparison_names", &p.comparison_names)?;
        out.set_item("left", p.left.into_pyarray(py))?;
        out.set_item("right", p.right.into_pyarray(py))?;
        out.set_item("match_weight", p.match_weight.into_pyarray(py))?;
        out.set_item("match_probability", p.match_probability.into_pyarray(py))?;
        out.set_item("levels", p.levels.into_pyarray(py).reshape([n, k])?)?;
        Ok(out)
    }

    /// Explain (left row, right row): prior weight, one term per comparison, match weight and
    /// probability, as a dict.
    fn explain<'py>(
        &self,
        py: Python<'py>,
        left: &Bound<'py, PyDataset>,
        left_row: usize,
        right: &Bound<'py, PyDataset>,
        right_row: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (l, r) = (&left.get().inner, &right.get().inner);
        let e = self.read().explain(l, left_row, r, right_row).py_err(py)?;
        report(py, &e)
    }
}
