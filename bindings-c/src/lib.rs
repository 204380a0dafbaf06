//! The caselink C API (`bindings-c/include/caselink.h`, generated from these sources by cbindgen).
//!
//! Conventions, kept by every exported function:
//! - every fallible function returns a [`caselink_status`] (stable numbers, 0 = OK) and takes an
//!   optional `caselink_error **err` that receives an error object on failure;
//! - out-parameters are written only on success;
//! - every `_free(NULL)` is a no-op;
//! - NULL where not allowed → `CASELINK_STATUS_NULL_ARGUMENT`; invalid UTF-8 →
//!   `CASELINK_STATUS_INVALID_UTF8`;
//! - every body runs inside the panic boundary ([`boundary`]): a panic becomes
//!   `CASELINK_STATUS_PANIC` and never unwinds into C.
//!
//! The `unsafe` here is the FFI itself (raw pointers from C); it is confined to the argument
//! helpers in `boundary` and to the `Box::from_raw` in each `_free`.

mod boundary;
pub mod dataset;
pub mod error;
pub mod linker;
pub mod metrics;
pub mod normalize;
pub mod string;
#[cfg(feature = "test-panic")]
pub mod test_panic;
pub mod version;

pub use dataset::caselink_dataset;
pub use error::{caselink_error, caselink_status};
pub use linker::{caselink_linker, caselink_match, caselink_matches};
