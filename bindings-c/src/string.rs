//! Strings handed to C and how they come back to be freed.

use std::ffi::{CString, c_char};

use crate::boundary;

/// Free a string that this library returned through a `char **` out-parameter
/// (e.g. `caselink_normalize_district`, `caselink_dataset_value`).
///
/// Ownership: takes ownership of `s`; it is invalid afterwards. Never pass a string from
/// `malloc` or one returned as `const char *` (those are owned by the library or an error).
/// NULL: no-op. Thread safety: safe from any thread, once per string.
///
/// # Safety
/// `s` is NULL or a string returned by this library through a `char **`, not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_string_free(s: *mut c_char) {
    boundary::value(
        |_| (),
        || {
            if !s.is_null() {
                // SAFETY: such strings come from `CString::into_raw` in `boundary::c_string`.
                drop(unsafe { CString::from_raw(s) });
            }
            Ok(())
        },
    )
}
