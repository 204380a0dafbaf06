//! Python bindings for caselink: the extension module `caselink._caselink`.
//!
//! The Python package (`bindings-python/python/caselink/`) wraps these functions with frame
//! handling and documentation; everything here takes plain Python values (str, lists, dicts)
//! and releases the GIL for batch work.

use pyo3::prelude::*;

mod data;
mod engine;
mod errors;
mod linker;
mod metrics;
mod normalize;
mod report;
mod spark;
mod texts;

/// The extension module.
#[pymodule]
fn _caselink(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", caselink::VERSION)?;
    errors::register(m)?;
    metrics::register(m)?;
    normalize::register(m)?;
    m.add_class::<texts::StringColumn>()?;
    m.add_class::<data::PyDataset>()?;
    m.add_class::<linker::PyLinker>()?;
    engine::register(m)?;
    report::register(m)?;
    spark::register(m)?;
    Ok(())
}
