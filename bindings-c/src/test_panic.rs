//! A deliberate panic, compiled only with the `test-panic` feature, to prove the boundary holds.

use crate::boundary;
use crate::error::{caselink_error, caselink_status};

/// Panic inside the library on purpose (tests only; present when the library is built with the
/// `test-panic` feature). Returns `CASELINK_STATUS_PANIC` and, if `err` is not NULL, stores an
/// error in `*err` (free it with `caselink_error_free`). The process keeps running.
///
/// # Safety
/// `err` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_test_panic(err: *mut *mut caselink_error) -> caselink_status {
    boundary::call(err, || panic!("deliberate panic from caselink_test_panic"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deliberate_panic_is_caught() {
        let mut err: *mut caselink_error = std::ptr::null_mut();
        assert_eq!(unsafe { caselink_test_panic(&mut err) }, caselink_status::CASELINK_STATUS_PANIC);
        unsafe {
            assert_eq!(crate::error::caselink_error_status(err), caselink_status::CASELINK_STATUS_PANIC);
            crate::error::caselink_error_free(err);
        }
    }
}
