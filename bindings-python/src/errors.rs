//! The one place where core errors become Python exceptions (DESIGN §6).
//!
//! Each [`caselink::ErrorFamily`] maps to one exception class; the message is the Rust `Display`
//! string unchanged, so the CLI, C and Python surfaces say the same thing.

use caselink::{Error, ErrorFamily};
use pyo3::exceptions::{PyException, PyOSError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyTuple, PyType};

pyo3::create_exception!(
    caselink._caselink,
    CaselinkError,
    PyException,
    "Base class of every error raised by the caselink engine."
);
pyo3::create_exception!(
    caselink._caselink,
    SpecError,
    CaselinkError,
    "The linkage spec is invalid (the message names the path inside the spec)."
);
pyo3::create_exception!(
    caselink._caselink,
    ColumnNotFoundError,
    CaselinkError,
    "A column named by the spec or the caller is missing."
);
pyo3::create_exception!(
    caselink._caselink,
    DataError,
    CaselinkError,
    "Input data cannot be read as asked (the message names file, line, column and value)."
);
pyo3::create_exception!(
    caselink._caselink,
    ModelError,
    CaselinkError,
    "A model or index file is corrupt or from an incompatible version."
);
pyo3::create_exception!(
    caselink._caselink,
    LimitError,
    CaselinkError,
    "A configured resource limit would be exceeded."
);

/// `CaselinkIOError(CaselinkError, OSError)`: `create_exception!` takes a single base, so this
/// class is built once with `type(...)` to get both bases.
static IO_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The `CaselinkIOError` class, created on first use.
pub(crate) fn io_error_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    IO_ERROR
        .get_or_try_init(py, || -> PyResult<Py<PyType>> {
            let bases = PyTuple::new(py, [py.get_type::<CaselinkError>(), py.get_type::<PyOSError>()])?;
            let ns = pyo3::types::PyDict::new(py);
            ns.set_item("__module__", "caselink._caselink")?;
            ns.set_item("__doc__", "Reading or writing a file failed (also an OSError).")?;
            let ty = py.get_type::<PyType>().call1(("CaselinkIOError", bases, ns))?;
            Ok(ty.cast_into::<PyType>()?.unbind())
        })
        .map(|t| t.bind(py))
}

/// Convert a core error into the Python exception of its family, keeping the message.
pub(crate) fn to_pyerr(py: Python<'_>, e: Error) -> PyErr {
    let msg = e.to_string();
    match e.family() {
        ErrorFamily::Spec => SpecError::new_err(msg),
        ErrorFamily::Column => ColumnNotFoundError::new_err(msg),
        ErrorFamily::Data => DataError::new_err(msg),
        ErrorFamily::Io => match io_error_type(py) {
            // OSError(errno, strerror) would reformat the message; one argument keeps it verbatim.
            Ok(ty) => PyErr::from_type(ty.clone(), (msg,)),
            Err(err) => err,
        },
        ErrorFamily::Model => ModelError::new_err(msg),
        ErrorFamily::Limit => LimitError::new_err(msg),
        // `ErrorFamily` is non-exhaustive: a family added later still surfaces as a CaselinkError.
        _ => CaselinkError::new_err(msg),
    }
}

/// Extension for `Result<T, caselink::Error>` → `PyResult<T>`.
pub(crate) trait IntoPyResult<T> {
    /// Map the error with [`to_pyerr`].
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for caselink::Result<T> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_pyerr(py, e))
    }
}

/// Raise a sample core error of the given code; lets the Python tests check the mapping table
/// for every family, including those no bound API can trigger yet.
#[pyfunction]
pub(crate) fn _raise_sample_error(py: Python<'_>, code: &str) -> PyResult<()> {
    let e = match code {
        "invalid_spec" => Error::invalid_spec("comparisons[0].type", "unknown type 'fuzzy'"),
        "column_not_found" => Error::ColumnNotFound {
            column: "dob".into(),
            source_name: "left.csv".into(),
            available: vec!["id".into(), "name".into()],
        },
        "bad_data" => Error::BadData {
            file: "dockets.csv".into(),
            line: 7,
            column: Some("filed_date".into()),
            value: Some("x".into()),
            reason: "not a date".into(),
        },
        "io" => Error::io("read", "/nope.csv", std::io::Error::from(std::io::ErrorKind::NotFound)),
        "bad_model" => Error::bad_model(Some("model.bin"), "truncated"),
        "limit_exceeded" => Error::LimitExceeded {
            what: "block rule 0".into(),
            actual: 2_000_000,
            limit: 1_000_000,
            hint: "add a stricter key".into(),
        },
        other => return Err(pyo3::exceptions::PyValueError::new_err(format!("unknown error code '{other}'"))),
    };
    Err(to_pyerr(py, e))
}

/// Register the exception classes on the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("CaselinkError", py.get_type::<CaselinkError>())?;
    m.add("SpecError", py.get_type::<SpecError>())?;
    m.add("ColumnNotFoundError", py.get_type::<ColumnNotFoundError>())?;
    m.add("DataError", py.get_type::<DataError>())?;
    m.add("CaselinkIOError", io_error_type(py)?)?;
    m.add("ModelError", py.get_type::<ModelError>())?;
    m.add("LimitError", py.get_type::<LimitError>())?;
    m.add_function(pyo3::wrap_pyfunction!(_raise_sample_error, m)?)?;
    Ok(())
}
