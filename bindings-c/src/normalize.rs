//! Normalizers: free text → canonical ids.

use std::ffi::c_char;

use crate::boundary::{self, check_out, str_arg, write_out};
use crate::error::{caselink_error, caselink_status};

/// Normalize a federal district written in any spelling ("E.D. Va.", "EDVA", "Eastern District
/// of Virginia", "vaed") to its PACER court id ("vaed").
///
/// Not recognised is not an error: the call returns `CASELINK_STATUS_OK` and sets
/// `*court_id_out` to NULL. So on `CASELINK_STATUS_OK`, `*court_id_out` is always written
/// (a court id or NULL); on failure it is not written.
/// Ownership: a non-NULL `*court_id_out` is a new string the caller frees with
/// `caselink_string_free`; on failure `*err` (if `err` is not NULL) receives an error to free
/// with `caselink_error_free`.
/// Errors: `text` not UTF-8 → `CASELINK_STATUS_INVALID_UTF8`.
/// NULL: `text` or `court_id_out` NULL → `CASELINK_STATUS_NULL_ARGUMENT`; `err` may be NULL.
/// Thread safety: safe from any number of threads (the district table is immutable).
///
/// # Safety
/// `text` is NULL or a NUL-terminated string; `court_id_out` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_normalize_district(
    text: *const c_char,
    court_id_out: *mut *mut c_char,
    err: *mut *mut caselink_error,
) -> caselink_status {
    boundary::call(err, || {
        check_out(court_id_out, "court_id_out")?;
        // SAFETY: per this function's contract.
        let text = unsafe { str_arg(text, "text")? };
        let id = match caselink::normalize::district::lookup(text) {
            Some(d) => boundary::c_string(&d.court_id)?,
            None => std::ptr::null_mut(),
        };
        // SAFETY: checked by `check_out`; nothing can fail after this point.
        unsafe { write_out(court_id_out, id) };
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::string::caselink_string_free;
    use caselink_status::*;
    use std::ffi::{CStr, CString};
    use std::ptr::null_mut;

    fn normalize(text: &str) -> Option<String> {
        let c = CString::new(text).unwrap();
        let mut out = 0x30 as *mut c_char;
        assert_eq!(unsafe { caselink_normalize_district(c.as_ptr(), &mut out, null_mut()) }, CASELINK_STATUS_OK);
        if out.is_null() {
            return None;
        }
        let s = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_owned();
        unsafe { caselink_string_free(out) };
        Some(s)
    }

    #[test]
    fn agrees_with_the_core_table_and_writes_null_when_unknown() {
        for text in ["E.D. Va.", "EDVA", "Eastern District of Virginia", "vaed", "S.D.N.Y.", "nowhere at all", ""] {
            let core = caselink::normalize::district::lookup(text).map(|d| d.court_id.clone());
            assert_eq!(normalize(text), core, "{text:?}");
        }
        assert_eq!(normalize("nowhere at all"), None);
    }

    #[test]
    fn null_and_bad_utf8() {
        let mut out = 0x30 as *mut c_char;
        let bad = CString::new(vec![b'E', 0xff]).unwrap();
        unsafe {
            assert_eq!(
                caselink_normalize_district(std::ptr::null(), &mut out, null_mut()),
                CASELINK_STATUS_NULL_ARGUMENT
            );
            assert_eq!(caselink_normalize_district(bad.as_ptr(), &mut out, null_mut()), CASELINK_STATUS_INVALID_UTF8);
            assert_eq!(
                caselink_normalize_district(c"EDVA".as_ptr(), null_mut(), null_mut()),
                CASELINK_STATUS_NULL_ARGUMENT
            );
        }
        assert_eq!(out, 0x30 as *mut c_char, "failures leave the output alone");
    }
}
