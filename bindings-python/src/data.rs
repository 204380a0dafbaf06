//! `Dataset` for Python: the core columnar table built from a dict of columns and back.

use caselink::data::{Column, CsvOptions};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use numpy::{IntoPyArray, PyArray1};

use crate::errors::IntoPyResult;
use crate::texts::{self, StringColumn, Texts};

/// A table of optional strings held by the Rust engine.
#[pyclass(name = "Dataset", module = "caselink._caselink", frozen)]
#[derive(Debug)]
pub(crate) struct PyDataset {
    pub(crate) inner: caselink::Dataset,
}

#[pymethods]
impl PyDataset {
    /// Build from `{column: list[str | None] | tuple | StringColumn}`; all columns the same length.
    /// With `id_column`, that column is the record id: rows with a missing or repeated id are
    /// moved to `rejected` (see `rows` for where the kept rows came from).
    #[new]
    #[pyo3(signature = (columns, name = "data", id_column = None))]
    fn new(py: Python<'_>, columns: &Bound<'_, PyDict>, name: &str, id_column: Option<&str>) -> PyResult<Self> {
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
                t @ Texts::Python(..) => texts::column_of(&key, t.views()?),
            };
            d.add_column(column).py_err(py)?;
        }
        if let Some(id) = id_column {
            d.set_id_column(id).py_err(py)?;
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

    /// The id column's name, if one is set.
    #[getter]
    fn id_column(&self) -> Option<&str> {
        self.inner.id_column()
    }

    /// For each row of a table built in memory, the 0-based input row it came from (rows move
    /// up when earlier rows are rejected).
    fn rows<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<u64>> {
        (0..self.inner.len()).map(|r| self.inner.line(r).saturating_sub(1)).collect::<Vec<_>>().into_pyarray(py)
    }

    /// The row whose id is `id` (needs an id column), or None.
    fn find_row(&self, id: &str) -> Option<usize> {
        let col = self.inner.id_column()?;
        let c = self.inner.column(col).ok()?;
        c.iter().position(|v| v == Some(id))
    }

    /// The columns as `{name: StringColumn}` (each readable as Arrow buffers).
    fn string_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for name in self.inner.column_names() {
            let c = self.inner.column(name).py_err(py)?.clone();
            out.set_item(name, StringColumn { inner: c })?;
        }
        Ok(out)
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
