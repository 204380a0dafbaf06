//! String similarities, one function per metric of the engine.
//!
//! They return a plain `double`, so a failure is a negative number: minus the status that
//! explains it (-7.0 NULL argument, -8.0 invalid UTF-8, -9.0 caught panic).

use std::ffi::c_char;

use caselink::metrics::Metric;

use crate::boundary::{self, str_arg};

fn similarity(metric: Metric, a: *const c_char, b: *const c_char) -> f64 {
    boundary::value(
        |status| -f64::from(status as i32),
        || {
            // SAFETY: the exported wrappers pass on their callers' NUL-terminated (or NULL) strings.
            let (a, b) = unsafe { (str_arg(a, "a")?, str_arg(b, "b")?) };
            Ok(metric.normalized_similarity(a, b))
        },
    )
}

/// Jaro–Winkler similarity of `a` and `b` in [0, 1] (1 = identical; prefix weight 0.1, up to 4
/// characters, boost above 0.7).
///
/// NULL or invalid UTF-8: returns a negative number, minus the status (-7.0 NULL, -8.0 UTF-8).
/// The strings are only read, never kept. Thread safety: safe from any number of threads.
///
/// # Safety
/// `a` and `b` are NULL or NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_jaro_winkler(a: *const c_char, b: *const c_char) -> f64 {
    similarity(Metric::JaroWinkler, a, b)
}

/// Jaro similarity of `a` and `b` in [0, 1] (1 = identical).
///
/// NULL or invalid UTF-8: returns a negative number, minus the status (-7.0 NULL, -8.0 UTF-8).
/// The strings are only read, never kept. Thread safety: safe from any number of threads.
///
/// # Safety
/// `a` and `b` are NULL or NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_jaro(a: *const c_char, b: *const c_char) -> f64 {
    similarity(Metric::Jaro, a, b)
}

/// Levenshtein similarity of `a` and `b` in [0, 1]: 1 − edit distance / longer length in characters.
///
/// NULL or invalid UTF-8: returns a negative number, minus the status (-7.0 NULL, -8.0 UTF-8).
/// The strings are only read, never kept. Thread safety: safe from any number of threads.
///
/// # Safety
/// `a` and `b` are NULL or NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_levenshtein(a: *const c_char, b: *const c_char) -> f64 {
    similarity(Metric::Levenshtein, a, b)
}

/// Optimal-string-alignment similarity of `a` and `b` in [0, 1] (like Levenshtein, but a swap
/// of two adjacent characters costs one edit).
///
/// NULL or invalid UTF-8: returns a negative number, minus the status (-7.0 NULL, -8.0 UTF-8).
/// The strings are only read, never kept. Thread safety: safe from any number of threads.
///
/// # Safety
/// `a` and `b` are NULL or NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_osa(a: *const c_char, b: *const c_char) -> f64 {
    similarity(Metric::Osa, a, b)
}

/// Dice coefficient over character bigrams of `a` and `b`, in [0, 1].
///
/// NULL or invalid UTF-8: returns a negative number, minus the status (-7.0 NULL, -8.0 UTF-8).
/// The strings are only read, never kept. Thread safety: safe from any number of threads.
///
/// # Safety
/// `a` and `b` are NULL or NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_qgram(a: *const c_char, b: *const c_char) -> f64 {
    similarity(Metric::Qgram, a, b)
}

/// Levenshtein similarity of `a` and `b` in [0, 1] after sorting their whitespace-separated tokens.
///
/// NULL or invalid UTF-8: returns a negative number, minus the status (-7.0 NULL, -8.0 UTF-8).
/// The strings are only read, never kept. Thread safety: safe from any number of threads.
///
/// # Safety
/// `a` and `b` are NULL or NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_token_sort(a: *const c_char, b: *const c_char) -> f64 {
    similarity(Metric::TokenSort, a, b)
}

/// Token-set similarity of `a` and `b` in [0, 1]: the best Levenshtein similarity among the
/// token intersection and differences.
///
/// NULL or invalid UTF-8: returns a negative number, minus the status (-7.0 NULL, -8.0 UTF-8).
/// The strings are only read, never kept. Thread safety: safe from any number of threads.
///
/// # Safety
/// `a` and `b` are NULL or NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_token_set(a: *const c_char, b: *const c_char) -> f64 {
    similarity(Metric::TokenSet, a, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CString;

    type CMetric = unsafe extern "C" fn(*const c_char, *const c_char) -> f64;
    const ALL: [(Metric, CMetric); 7] = [
        (Metric::JaroWinkler, caselink_jaro_winkler),
        (Metric::Jaro, caselink_jaro),
        (Metric::Levenshtein, caselink_levenshtein),
        (Metric::Osa, caselink_osa),
        (Metric::Qgram, caselink_qgram),
        (Metric::TokenSort, caselink_token_sort),
        (Metric::TokenSet, caselink_token_set),
    ];

    #[test]
    fn every_engine_metric_is_exported_and_agrees_with_core() {
        assert_eq!(ALL.len(), Metric::ALL.len());
        let pairs = [("MARTHA", "MARHTA"), ("kitten", "sitting"), ("", ""), ("Zoë Lee", "Lee Zoe"), ("a", "")];
        for (m, f) in ALL {
            for (a, b) in pairs {
                let (ca, cb) = (CString::new(a).unwrap(), CString::new(b).unwrap());
                let got = unsafe { f(ca.as_ptr(), cb.as_ptr()) };
                assert_eq!(got, m.normalized_similarity(a, b), "{} {a:?} {b:?}", m.name());
            }
        }
    }

    #[test]
    fn known_values() {
        let jw = unsafe { caselink_jaro_winkler(c"MARTHA".as_ptr(), c"MARHTA".as_ptr()) };
        assert!((jw - 0.961_111).abs() < 1e-6, "{jw}");
        let lev = unsafe { caselink_levenshtein(c"kitten".as_ptr(), c"sitting".as_ptr()) };
        assert!((lev - (1.0 - 3.0 / 7.0)).abs() < 1e-12, "{lev}");
        assert_eq!(unsafe { caselink_osa(c"ca".as_ptr(), c"ac".as_ptr()) }, 0.5);
    }

    #[test]
    fn bad_arguments_give_minus_the_status() {
        let bad = CString::new(vec![0xc3u8, 0x28]).unwrap();
        for (_, f) in ALL {
            unsafe {
                assert_eq!(f(std::ptr::null(), c"a".as_ptr()), -7.0);
                assert_eq!(f(c"a".as_ptr(), std::ptr::null()), -7.0);
                assert_eq!(f(bad.as_ptr(), c"a".as_ptr()), -8.0);
            }
        }
    }
}
