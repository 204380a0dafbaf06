//! Python bindings for caselink: the extension module `caselink._caselink`.
//!
//! The Python package (`bindings-python/python/caselink/`) wraps these functions with frame
//! handling and documentation; everything here takes plain Python values (str, lists, dicts)
//! and releases the GIL for batch work.

use pyo3::prelude::*;

// The engine's own allocations (prepared columns, candidate pairs, blocks) go through mimalloc,
// as in the `caselink` command: a 1M-case docket-release trace from pandas took 4.9-5.2 s instead
// of 5.7-5.9 s with the system allocator. Python objects are still allocated by Python.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
