//! The library version.

use std::ffi::{CStr, c_char};

use crate::boundary;

const VERSION: &CStr = match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
    Ok(v) => v,
    Err(_) => panic!("the package version contains a NUL byte"),
};

/// The library version, e.g. "0.1.0", as a static NUL-terminated string.
///
/// Ownership: static; never free it. Never returns NULL. Thread safety: safe from any thread.
#[unsafe(no_mangle)]
pub extern "C" fn caselink_version() -> *const c_char {
    boundary::value(|_| c"".as_ptr(), || Ok(VERSION.as_ptr()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_matches_the_engine() {
        let v = unsafe { CStr::from_ptr(caselink_version()) };
        assert_eq!(v.to_str().unwrap(), caselink::VERSION);
    }
}
