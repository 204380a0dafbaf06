//! Status codes and the opaque error object, plus the one place where core errors become statuses.

use std::ffi::{CString, c_char};

use caselink::ErrorFamily;

use crate::boundary::{self, Failure};

/// The outcome of a fallible call. The numbers are part of the ABI: they are never renumbered
/// and never reused; new codes are only ever appended.
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum caselink_status {
    /// Success.
    CASELINK_STATUS_OK = 0,
    /// The linkage spec is invalid (the message names the path inside the spec and the reason).
    CASELINK_STATUS_INVALID_SPEC = 1,
    /// A column named by the spec or the caller does not exist.
    CASELINK_STATUS_UNKNOWN_FIELD = 2,
    /// Input data cannot be read as asked (file, line, column and value are in the message).
    CASELINK_STATUS_BAD_DATA = 3,
    /// The operating system refused a read or write (the message names the path).
    CASELINK_STATUS_IO = 4,
    /// A model file is corrupt, truncated or from an incompatible version.
    CASELINK_STATUS_BAD_MODEL = 5,
    /// A configured resource limit would be exceeded.
    CASELINK_STATUS_LIMIT = 6,
    /// A pointer argument that must not be NULL was NULL.
    CASELINK_STATUS_NULL_ARGUMENT = 7,
    /// A string argument is not valid UTF-8.
    CASELINK_STATUS_INVALID_UTF8 = 8,
    /// An internal error (a Rust panic) was caught; handles passed to that call may only be freed.
    CASELINK_STATUS_PANIC = 9,
    /// An index argument is past the end (e.g. a row number not less than the row count).
    CASELINK_STATUS_OUT_OF_RANGE = 10,
    /// An engine error of a kind newer than this mapping; the message says what happened.
    CASELINK_STATUS_OTHER = 11,
}

impl caselink_status {
    /// Every status, in numeric order.
    pub(crate) const ALL: [caselink_status; 12] = [
        caselink_status::CASELINK_STATUS_OK,
        caselink_status::CASELINK_STATUS_INVALID_SPEC,
        caselink_status::CASELINK_STATUS_UNKNOWN_FIELD,
        caselink_status::CASELINK_STATUS_BAD_DATA,
        caselink_status::CASELINK_STATUS_IO,
        caselink_status::CASELINK_STATUS_BAD_MODEL,
        caselink_status::CASELINK_STATUS_LIMIT,
        caselink_status::CASELINK_STATUS_NULL_ARGUMENT,
        caselink_status::CASELINK_STATUS_INVALID_UTF8,
        caselink_status::CASELINK_STATUS_PANIC,
        caselink_status::CASELINK_STATUS_OUT_OF_RANGE,
        caselink_status::CASELINK_STATUS_OTHER,
    ];

    /// The status's C name, as a NUL-terminated static string.
    pub(crate) fn name(self) -> &'static std::ffi::CStr {
        use caselink_status::*;
        match self {
            CASELINK_STATUS_OK => c"CASELINK_STATUS_OK",
            CASELINK_STATUS_INVALID_SPEC => c"CASELINK_STATUS_INVALID_SPEC",
            CASELINK_STATUS_UNKNOWN_FIELD => c"CASELINK_STATUS_UNKNOWN_FIELD",
            CASELINK_STATUS_BAD_DATA => c"CASELINK_STATUS_BAD_DATA",
            CASELINK_STATUS_IO => c"CASELINK_STATUS_IO",
            CASELINK_STATUS_BAD_MODEL => c"CASELINK_STATUS_BAD_MODEL",
            CASELINK_STATUS_LIMIT => c"CASELINK_STATUS_LIMIT",
            CASELINK_STATUS_NULL_ARGUMENT => c"CASELINK_STATUS_NULL_ARGUMENT",
            CASELINK_STATUS_INVALID_UTF8 => c"CASELINK_STATUS_INVALID_UTF8",
            CASELINK_STATUS_PANIC => c"CASELINK_STATUS_PANIC",
            CASELINK_STATUS_OUT_OF_RANGE => c"CASELINK_STATUS_OUT_OF_RANGE",
            CASELINK_STATUS_OTHER => c"CASELINK_STATUS_OTHER",
        }
    }
}

/// The single mapping from core error families to C statuses (DESIGN §6).
pub(crate) fn status_of(family: ErrorFamily) -> caselink_status {
    match family {
        ErrorFamily::Spec => caselink_status::CASELINK_STATUS_INVALID_SPEC,
        ErrorFamily::Column => caselink_status::CASELINK_STATUS_UNKNOWN_FIELD,
        ErrorFamily::Data => caselink_status::CASELINK_STATUS_BAD_DATA,
        ErrorFamily::Io => caselink_status::CASELINK_STATUS_IO,
        ErrorFamily::Model => caselink_status::CASELINK_STATUS_BAD_MODEL,
        ErrorFamily::Limit => caselink_status::CASELINK_STATUS_LIMIT,
        // `ErrorFamily` is non-exhaustive: a family added to core before this table is updated
        // still reaches C as a failure with its message, never as success.
        _ => caselink_status::CASELINK_STATUS_OTHER,
    }
}

/// An error: a status plus a human-readable message. Opaque; created by the library, released
/// with `caselink_error_free`.
#[allow(non_camel_case_types)]
#[derive(Debug)]
pub struct caselink_error {
    pub(crate) status: caselink_status,
    pub(crate) message: CString,
}

impl caselink_error {
    /// Build an error; NUL bytes in `message` (which may quote user data) are escaped.
    pub(crate) fn new(status: caselink_status, message: &str) -> Self {
        let message = CString::new(message.replace('\0', "\\0")).unwrap_or_default();
        caselink_error { status, message }
    }
}

/// The status of `err`.
///
/// NULL: returns `CASELINK_STATUS_OK` (no error object means no error).
/// Thread safety: an error is immutable; it may be read from any thread.
///
/// # Safety
/// `err` is NULL or an error from this library that has not been freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_error_status(err: *const caselink_error) -> caselink_status {
    boundary::value(
        |s| s,
        || {
            // SAFETY: the caller passes NULL or a live error from this library (contract in the header).
            Ok(unsafe { err.as_ref() }.map_or(caselink_status::CASELINK_STATUS_OK, |e| e.status))
        },
    )
}

/// The message of `err`: a NUL-terminated UTF-8 string owned by `err`, valid until
/// `caselink_error_free(err)`; do not free it yourself.
///
/// NULL: returns an empty static string "" (never NULL), so it can always be printed.
/// Thread safety: an error is immutable; it may be read from any thread.
///
/// # Safety
/// `err` is NULL or an error from this library that has not been freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_error_message(err: *const caselink_error) -> *const c_char {
    boundary::value(
        |_| c"".as_ptr(),
        || {
            // SAFETY: the caller passes NULL or a live error from this library (contract in the header).
            Ok(unsafe { err.as_ref() }.map_or(c"".as_ptr(), |e| e.message.as_ptr()))
        },
    )
}

/// Free an error returned through a `caselink_error **err` out-parameter.
///
/// Ownership: takes ownership of `err`; the pointer and its message are invalid afterwards.
/// NULL: no-op. Thread safety: do not free an error while another thread reads it.
///
/// # Safety
/// `err` is NULL or an error from this library that has not been freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_error_free(err: *mut caselink_error) {
    boundary::value(
        |_| (),
        || {
            if !err.is_null() {
                // SAFETY: non-NULL errors come from `Box::into_raw` in `boundary::report`, freed once.
                drop(unsafe { Box::from_raw(err) });
            }
            Ok(())
        },
    )
}

/// The name of a status code as a static NUL-terminated string, e.g. "CASELINK_STATUS_IO".
///
/// `status` is an `int` (not `caselink_status`) so that any number is safe to pass: a number
/// that is not a known status gives "CASELINK_STATUS_UNKNOWN". Never returns NULL; never free
/// the result. Thread safety: safe from any thread.
#[unsafe(no_mangle)]
pub extern "C" fn caselink_status_name(status: std::ffi::c_int) -> *const c_char {
    boundary::value(
        |_| c"CASELINK_STATUS_UNKNOWN".as_ptr(),
        || {
            let known = caselink_status::ALL.into_iter().find(|s| *s as std::ffi::c_int == status);
            Ok(known.map_or(c"CASELINK_STATUS_UNKNOWN", caselink_status::name).as_ptr())
        },
    )
}

impl From<caselink::Error> for Failure {
    fn from(e: caselink::Error) -> Self {
        Failure { status: status_of(e.family()), message: e.to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn numbers_are_stable() {
        // These numbers are ABI: a failure here means a renumbering, which is never allowed.
        let expected = [
            ("CASELINK_STATUS_OK", 0),
            ("CASELINK_STATUS_INVALID_SPEC", 1),
            ("CASELINK_STATUS_UNKNOWN_FIELD", 2),
            ("CASELINK_STATUS_BAD_DATA", 3),
            ("CASELINK_STATUS_IO", 4),
            ("CASELINK_STATUS_BAD_MODEL", 5),
            ("CASELINK_STATUS_LIMIT", 6),
            ("CASELINK_STATUS_NULL_ARGUMENT", 7),
            ("CASELINK_STATUS_INVALID_UTF8", 8),
            ("CASELINK_STATUS_PANIC", 9),
            ("CASELINK_STATUS_OUT_OF_RANGE", 10),
            ("CASELINK_STATUS_OTHER", 11),
        ];
        assert_eq!(caselink_status::ALL.len(), expected.len());
        for (s, (name, n)) in caselink_status::ALL.into_iter().zip(expected) {
            assert_eq!(s as i32, n);
            assert_eq!(s.name().to_str().unwrap(), name);
            let via_c = unsafe { CStr::from_ptr(caselink_status_name(n)) };
            assert_eq!(via_c.to_str().unwrap(), name);
        }
        let unknown = unsafe { CStr::from_ptr(caselink_status_name(-3)) };
        assert_eq!(unknown.to_str().unwrap(), "CASELINK_STATUS_UNKNOWN");
    }

    #[test]
    fn every_core_family_maps_to_its_design_status() {
        use caselink::Error;
        use caselink_status::*;
        let cases = [
            (Error::invalid_spec("a", "b"), CASELINK_STATUS_INVALID_SPEC),
            (
                Error::ColumnNotFound { column: "c".into(), source_name: "s".into(), available: vec![] },
                CASELINK_STATUS_UNKNOWN_FIELD,
            ),
            (
                Error::BadData { file: "f".into(), line: 1, column: None, value: None, reason: "r".into() },
                CASELINK_STATUS_BAD_DATA,
            ),
            (Error::io("read", "p", std::io::Error::other("x")), CASELINK_STATUS_IO),
            (Error::bad_model(None, "r"), CASELINK_STATUS_BAD_MODEL),
            (Error::LimitExceeded { what: "w".into(), actual: 2, limit: 1, hint: "h".into() }, CASELINK_STATUS_LIMIT),
        ];
        for (e, status) in cases {
            let message = e.to_string();
            let f = Failure::from(e);
            assert_eq!(f.status, status);
            assert_eq!(f.message, message);
        }
    }

    #[test]
    fn null_error_reads_as_ok_and_empty() {
        unsafe {
            assert_eq!(caselink_error_status(std::ptr::null()), caselink_status::CASELINK_STATUS_OK);
            assert_eq!(CStr::from_ptr(caselink_error_message(std::ptr::null())).to_bytes(), b"");
            caselink_error_free(std::ptr::null_mut());
        }
    }

    #[test]
    fn nul_bytes_in_messages_are_escaped() {
        let e = caselink_error::new(caselink_status::CASELINK_STATUS_BAD_DATA, "value \"a\0b\"");
        assert_eq!(e.message.to_str().unwrap(), "value \"a\\0b\"");
    }
}
