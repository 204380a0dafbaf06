//! The panic boundary and the pointer checks every `extern "C"` function goes through.
//!
//! Unwinding into C is undefined behaviour (and since Rust 1.81 an abort), so every exported
//! body runs inside [`call`] or [`value`], which turn a panic into `CASELINK_STATUS_PANIC`. The
//! argument helpers below turn NULL and invalid UTF-8 into their statuses before any work is
//! done, which is what makes "outputs are written only on success" easy to keep: functions
//! write their out-parameters last, with [`write_out`].

use std::any::Any;
use std::ffi::{CStr, CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::error::{caselink_error, caselink_status};

/// A failed call: the status and the message that `caselink_error` will carry.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) status: caselink_status,
    pub(crate) message: String,
}

impl Failure {
    /// A failure with an explicit status.
    pub(crate) fn new(status: caselink_status, message: impl Into<String>) -> Self {
        Failure { status, message: message.into() }
    }

    /// A NULL pointer where one is not allowed; `what` names the parameter.
    pub(crate) fn null(what: &str) -> Self {
        Failure::new(caselink_status::CASELINK_STATUS_NULL_ARGUMENT, format!("argument '{what}' must not be NULL"))
    }

    fn panic(payload: &(dyn Any + Send)) -> Self {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_owned());
        Failure::new(
            caselink_status::CASELINK_STATUS_PANIC,
            format!("internal error (caught panic): {detail}; this is a caselink bug, please report it"),
        )
    }
}

/// Run a fallible body inside the panic boundary; on failure, store a new `caselink_error` in
/// `*err` (when `err` is not NULL) and return its status.
///
/// The closure is asserted unwind-safe: after a panic the call reports `CASELINK_STATUS_PANIC`
/// and the header tells callers that handles passed to that call may only be freed.
pub(crate) fn call<F>(err: *mut *mut caselink_error, f: F) -> caselink_status
where
    F: FnOnce() -> Result<(), Failure>,
{
    let failure = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => return caselink_status::CASELINK_STATUS_OK,
        Ok(Err(failure)) => failure,
        Err(payload) => Failure::panic(payload.as_ref()),
    };
    let status = failure.status;
    // Building and boxing the error allocates; keep even that inside a boundary.
    let _ = catch_unwind(AssertUnwindSafe(|| {
        if !err.is_null() {
            let boxed = Box::new(caselink_error::new(status, &failure.message));
            // SAFETY: `err` is non-NULL and, per every function's contract, points to writable
            // storage for one `caselink_error *`.
            unsafe { err.write(Box::into_raw(boxed)) };
        }
    }));
    status
}

/// Run a body that returns a plain value inside the panic boundary; `on_error` turns the failing
/// status (including `CASELINK_STATUS_PANIC`) into the value C receives.
pub(crate) fn value<T, F>(on_error: fn(caselink_status) -> T, f: F) -> T
where
    F: FnOnce() -> Result<T, Failure>,
{
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => v,
        Ok(Err(failure)) => on_error(failure.status),
        Err(_) => on_error(caselink_status::CASELINK_STATUS_PANIC),
    }
}

/// Borrow a NUL-terminated C string as UTF-8.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string that outlives `'a` and is not mutated.
pub(crate) unsafe fn str_arg<'a>(p: *const c_char, what: &str) -> Result<&'a str, Failure> {
    if p.is_null() {
        return Err(Failure::null(what));
    }
    // SAFETY: non-NULL and NUL-terminated per this function's contract.
    let bytes = unsafe { CStr::from_ptr(p) }.to_bytes();
    std::str::from_utf8(bytes).map_err(|e| {
        Failure::new(
            caselink_status::CASELINK_STATUS_INVALID_UTF8,
            format!("argument '{what}' is not valid UTF-8 (invalid byte at offset {})", e.valid_up_to()),
        )
    })
}

/// Borrow a handle immutably.
///
/// # Safety
/// `p` is NULL or a live handle of type `T` created by this library, not being mutated.
pub(crate) unsafe fn ref_arg<'a, T>(p: *const T, what: &str) -> Result<&'a T, Failure> {
    // SAFETY: per this function's contract.
    unsafe { p.as_ref() }.ok_or_else(|| Failure::null(what))
}

/// Borrow a handle mutably.
///
/// # Safety
/// `p` is NULL or a live handle of type `T` created by this library, used by no one else now.
pub(crate) unsafe fn mut_arg<'a, T>(p: *mut T, what: &str) -> Result<&'a mut T, Failure> {
    // SAFETY: per this function's contract.
    unsafe { p.as_mut() }.ok_or_else(|| Failure::null(what))
}

/// Borrow a C array of `n` elements; NULL is accepted only when `n == 0`.
///
/// # Safety
/// When non-NULL, `p` points to `n` initialised elements that outlive `'a`.
pub(crate) unsafe fn slice_arg<'a, T>(p: *const T, n: usize, what: &str) -> Result<&'a [T], Failure> {
    if n == 0 {
        return Ok(&[]);
    }
    if p.is_null() {
        return Err(Failure::null(what));
    }
    // SAFETY: non-NULL, `n` elements per this function's contract.
    Ok(unsafe { std::slice::from_raw_parts(p, n) })
}

/// Check an out-parameter is usable before doing any work, so a NULL one fails early.
pub(crate) fn check_out<T>(out: *mut T, what: &str) -> Result<(), Failure> {
    if out.is_null() { Err(Failure::null(what)) } else { Ok(()) }
}

/// Store the result in an out-parameter; call it last, once nothing can fail any more.
///
/// # Safety
/// `out` was accepted by [`check_out`] and points to writable storage for one `T`.
pub(crate) unsafe fn write_out<T>(out: *mut T, v: T) {
    // SAFETY: per this function's contract.
    unsafe { out.write(v) }
}

/// A heap copy of `s` for C, released with `caselink_string_free`.
pub(crate) fn c_string(s: &str) -> Result<*mut c_char, Failure> {
    CString::new(s).map(CString::into_raw).map_err(|_| {
        Failure::new(caselink_status::CASELINK_STATUS_BAD_DATA, "value contains a NUL byte and cannot be returned to C")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{caselink_error_free, caselink_error_message, caselink_error_status};

    #[test]
    fn panics_become_a_status_and_an_error() {
        let mut err: *mut caselink_error = std::ptr::null_mut();
        let status = call(&mut err, || panic!("boom {}", 42));
        assert_eq!(status, caselink_status::CASELINK_STATUS_PANIC);
        assert!(!err.is_null());
        unsafe {
            assert_eq!(caselink_error_status(err), caselink_status::CASELINK_STATUS_PANIC);
            let msg = CStr::from_ptr(caselink_error_message(err)).to_str().unwrap().to_owned();
            assert!(msg.contains("boom 42"), "{msg}");
            caselink_error_free(err);
        }
    }

    #[test]
    fn err_may_be_null_and_success_leaves_it_alone() {
        assert_eq!(
            call(std::ptr::null_mut(), || Err(Failure::null("x"))),
            caselink_status::CASELINK_STATUS_NULL_ARGUMENT
        );
        let sentinel = 0x10 as *mut caselink_error;
        let mut err = sentinel;
        assert_eq!(call(&mut err, || Ok(())), caselink_status::CASELINK_STATUS_OK);
        assert_eq!(err, sentinel, "success must not write *err");
    }

    #[test]
    fn value_boundary_maps_panics_through_on_error() {
        let v: i32 = value(|s| -(s as i32), || panic!("no"));
        assert_eq!(v, -9);
        let v: i32 = value(|s| -(s as i32), || Err(Failure::null("a")));
        assert_eq!(v, -7);
    }

    #[test]
    fn str_arg_reports_null_and_bad_utf8() {
        unsafe {
            assert_eq!(
                str_arg(std::ptr::null(), "a").unwrap_err().status,
                caselink_status::CASELINK_STATUS_NULL_ARGUMENT
            );
            let bad = c"\xff\xfe";
            let f = str_arg(bad.as_ptr(), "name").unwrap_err();
            assert_eq!(f.status, caselink_status::CASELINK_STATUS_INVALID_UTF8);
            assert!(f.message.contains("'name'"));
            assert_eq!(str_arg(c"Zoë".as_ptr(), "a").unwrap(), "Zoë");
        }
    }
}
