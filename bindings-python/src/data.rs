//! `Dataset` for Python: the core columnar table built from a dict of columns and back.

use caselink::data::{Column, CsvOptions};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::errors::IntoPyResult;
use crate::texts::{self, Texts};

/// A table of optional strings held by the Rust engine.
#[pyclass(name = "Dataset", module = "caselink._caselink", frozen)]
#[derive(Debug)]
pub(crate) struct PyDataset {
    pub(crate) inner: caselink::Dataset,
}

#[pymethods]
impl PyDataset {
    /// Build from `{column: list[str | None] | tuple | StringColumn}`; all columns the same length.
    #[new]
    #[pyo3(signature = (columns, name = "data"))]
    fn new(py: Python<'_>, columns: &Bound<'_, PyDict>, name: &str) -> PyResult<Self> {
        let mut d = caselink::Dataset::new(name, &[]).py_err(py)?;
        for (key, values) in columns.iter() {
            let key = key
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("column names must be str"))?
                .to_cow()?
                .into_owned();
            let column = match texts::extract(&values, &key)? {
                Texts::Owned(mut c) => {
                    rename(&mut c, &key);
                    c
                }
                Texts::Shared(c) => {
                    let mut c = c.get().inner.clone();
                    rename(&mut c, &key);
                    c
                }
            };
            d.add_column(column).py_err(py)?;
        }
        Ok(PyDataset { inner: d })
    }

    /// Read a CSV file (rows that cannot be read are kept in `rejected`).
    #[staticmethod]
    fn read_csv(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let d = py.detach(|| caselink::Dataset::from_csv_path(&path, &CsvOptions::default())).py_err(py)?;
        Ok(PyDataset { inner: d })
    }

    /// The dataset's name.
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// Column names in order.
    #[getter]
    fn columns(&self) -> Vec<&str> {
        self.inner.column_names()
    }

    /// Rows that could not be read, as `file:line: reason` strings.
    #[getter]
    fn rejected(&self) -> Vec<String> {
        self.inner.rejected.iter().map(ToString::to_string).collect()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// One column as a list of `str | None` (ColumnNotFoundError when missing).
    fn column<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyList>> {
        let c = self.inner.column(name).py_err(py)?;
        PyList::new(py, c.iter())
    }

    /// The whole table as `{column: list[str | None]}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for name in self.inner.column_names() {
            out.set_item(name, self.column(py, name)?)?;
        }
        Ok(out)
    }
}

fn rename(c: &mut Column, name: &str) {
    if c.name() != name {
        let mut renamed = Column::new(name);
        for v in c.iter() {
            renamed.push(v);
        }
        *c = renamed;
    }
}
