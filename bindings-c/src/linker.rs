//! The linker: build it from a spec, train it, link datasets, save and load models.
//!
//! `caselink_linker` wraps the engine's `Linker`, which is `Send + Sync` (checked at compile time
//! below): `caselink_linker_link` only reads it, so any number of threads may link with one
//! `const caselink_linker *` at once. Training mutates it and needs exclusive use.

use std::ffi::{CString, c_char, c_int};

use caselink::linker::Linker;
use caselink::spec::LinkageSpec;

use crate::boundary::{self, Failure, check_out, mut_arg, ref_arg, str_arg, write_out};
use crate::dataset::caselink_dataset;
use crate::error::{caselink_error, caselink_status};

/// A compiled linkage spec, trained or not. Opaque; create it with `caselink_linker_from_json`,
/// `caselink_linker_from_toml` or `caselink_linker_load`, release it with `caselink_linker_free`.
#[allow(non_camel_case_types)]
#[derive(Debug)]
pub struct caselink_linker {
    inner: Linker,
    /// The spec's `unique_id`, kept as a C string so `caselink_linker_unique_id` can lend it.
    unique_id: CString,
}

/// The pairs one `caselink_linker_link` call kept. Opaque; read it with `caselink_matches_len`
/// and `caselink_matches_get`, release it with `caselink_matches_free`.
#[allow(non_camel_case_types)]
#[derive(Debug)]
pub struct caselink_matches {
    pairs: Vec<caselink_match>,
}

/// One scored pair, copied out by `caselink_matches_get`.
///
/// `left_row` and `right_row` are 0-based row numbers in the left and right datasets (when
/// deduplicating, both are rows of the one dataset and `left_row < right_row`). Turn a row into
/// its record id with `caselink_dataset_id`.
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct caselink_match {
    /// Row in the left dataset.
    pub left_row: u64,
    /// Row in the right dataset (in the left dataset when deduplicating).
    pub right_row: u64,
    /// Match weight: log2 of the Bayes factor, prior included.
    pub match_weight: f64,
    /// Match probability in [0, 1].
    pub match_probability: f64,
}

// Sharing one linker between threads is part of the C contract: fail the build, not the
// program, if the engine ever stops being thread-safe.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<caselink_linker>();
    assert_send_sync::<caselink_matches>();
};

fn new_handle(inner: Linker) -> *mut caselink_linker {
    let unique_id = CString::new(inner.spec().unique_id.replace('\0', "\\0")).unwrap_or_default();
    Box::into_raw(Box::new(caselink_linker { inner, unique_id }))
}

/// The optional right dataset: NULL means "deduplicate the left one".
///
/// # Safety
/// `p` is NULL or a live dataset not being mutated.
unsafe fn right_arg<'a>(p: *const caselink_dataset) -> Option<&'a caselink::Dataset> {
    // SAFETY: per this function's contract.
    unsafe { p.as_ref() }.map(|d| &d.inner)
}

/// Create a linker from a linkage spec written as JSON.
///
/// The spec is validated completely here (comparison types, thresholds, blocking rules, model
/// options), so a linker that exists never fails later because of its spec; columns are only
/// checked against data by `caselink_linker_train` and `caselink_linker_link`.
/// Ownership: `spec_json` is only read; on success `*out` receives a new, untrained linker that
/// the caller frees with `caselink_linker_free`. On failure `*out` is not written.
/// Errors: malformed JSON, an unknown key or an invalid value → `CASELINK_STATUS_INVALID_SPEC`,
/// with the path inside the spec in the message (e.g. "invalid spec at comparisons[0].type: …";
/// "$" for the document as a whole); `spec_json` not UTF-8 → `CASELINK_STATUS_INVALID_UTF8`.
/// NULL: `spec_json` or `out` NULL → `CASELINK_STATUS_NULL_ARGUMENT`; `err` may be NULL.
/// Thread safety: safe to call from any thread.
///
/// # Safety
/// `spec_json` is NULL or a NUL-terminated string; `out` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_linker_from_json(
    spec_json: *const c_char,
    out: *mut *mut caselink_linker,
    err: *mut *mut caselink_error,
) -> caselink_status {
    boundary::call(err, || {
        check_out(out, "out")?;
        // SAFETY: per this function's contract.
        let json = unsafe { str_arg(spec_json, "spec_json")? };
        let linker = Linker::from_json(json)?;
        // SAFETY: checked by `check_out`; nothing can fail after this point.
        unsafe { write_out(out, new_handle(linker)) };
        Ok(())
    })
}

/// Create a linker from a linkage spec written as TOML (the same keys as the JSON form).
///
/// Ownership, errors, NULL and thread safety: as `caselink_linker_from_json` (malformed TOML →
/// `CASELINK_STATUS_INVALID_SPEC`).
///
/// # Safety
/// `spec_toml` is NULL or a NUL-terminated string; `out` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_linker_from_toml(
    spec_toml: *const c_char,
    out: *mut *mut caselink_linker,
    err: *mut *mut caselink_error,
) -> caselink_status {
    boundary::call(err, || {
        check_out(out, "out")?;
        // SAFETY: per this function's contract.
        let toml = unsafe { str_arg(spec_toml, "spec_toml")? };
        let linker = Linker::new(LinkageSpec::from_toml(toml)?)?;
        // SAFETY: checked by `check_out`; nothing can fail after this point.
        unsafe { write_out(out, new_handle(linker)) };
        Ok(())
    })
}

/// Load a model file written by `caselink_linker_save` (spec plus trained parameters, if any).
///
/// Model files are treated as untrusted input: a truncated, corrupt, oversized (over 64 MiB) or
/// foreign file, or one from an incompatible format version, is refused with
/// `CASELINK_STATUS_BAD_MODEL` and a message naming the file and the problem; it never crashes.
/// Ownership: on success `*out` receives a new linker that the caller frees with
/// `caselink_linker_free`; on failure `*out` is not written.
/// Errors: the file cannot be opened or read → `CASELINK_STATUS_IO`; bad contents →
/// `CASELINK_STATUS_BAD_MODEL`; `path` not UTF-8 → `CASELINK_STATUS_INVALID_UTF8`.
/// NULL: `path` or `out` NULL → `CASELINK_STATUS_NULL_ARGUMENT`; `err` may be NULL.
/// Thread safety: safe to call from any thread.
///
/// # Safety
/// `path` is NULL or a NUL-terminated string; `out` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_linker_load(
    path: *const c_char,
    out: *mut *mut caselink_linker,
    err: *mut *mut caselink_error,
) -> caselink_status {
    boundary::call(err, || {
        check_out(out, "out")?;
        // SAFETY: per this function's contract.
        let path = unsafe { str_arg(path, "path")? };
        let linker = Linker::load(path)?;
        // SAFETY: checked by `check_out`; nothing can fail after this point.
        unsafe { write_out(out, new_handle(linker)) };
        Ok(())
    })
}

/// Save the linker (its spec and, when trained, its parameters and term-frequency tables) to a
/// model file at `path`, replacing any existing file. `caselink_linker_load` reads it back into
/// a linker that gives identical matches.
///
/// Ownership: nothing is taken or returned; the linker is only read.
/// Errors: the file cannot be written → `CASELINK_STATUS_IO` (the message names the path);
/// `path` not UTF-8 → `CASELINK_STATUS_INVALID_UTF8`. An untrained linker can be saved.
/// NULL: `linker` or `path` NULL → `CASELINK_STATUS_NULL_ARGUMENT`; `err` may be NULL.
/// Thread safety: read-only on the linker; may run while other threads link with it.
///
/// # Safety
/// `linker` is NULL or a live linker not being mutated; `path` is NULL or NUL-terminated; `err`
/// is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_linker_save(
    linker: *const caselink_linker,
    path: *const c_char,
    err: *mut *mut caselink_error,
) -> caselink_status {
    boundary::call(err, || {
        // SAFETY: per this function's contract.
        let l = unsafe { ref_arg(linker, "linker")? };
        // SAFETY: per this function's contract.
        let path = unsafe { str_arg(path, "path")? };
        l.inner.save(path)?;
        Ok(())
    })
}

/// Estimate the model's parameters without labels: u from random pairs, m and the prior by EM
/// over the blocked candidate pairs. `right == NULL` deduplicates `left`; otherwise `left` is
/// linked to `right`. Training again re-estimates, starting from the current m.
///
/// Ownership: the datasets are only read; the library keeps no pointer to them.
/// Errors: a column the spec names is missing from a dataset → `CASELINK_STATUS_UNKNOWN_FIELD`
/// (the message names the column and the columns that exist); a blocking rule producing more
/// pairs than `model.max_pairs` → `CASELINK_STATUS_LIMIT`; a value a comparison cannot read →
/// `CASELINK_STATUS_BAD_DATA`. On failure the linker is unchanged (except after
/// `CASELINK_STATUS_PANIC`, where it may only be freed).
/// NULL: `linker` or `left` NULL → `CASELINK_STATUS_NULL_ARGUMENT`; `right` NULL = dedupe;
/// `err` may be NULL.
/// Thread safety: mutates the linker: no other thread may use it during the call. The datasets
/// are only read and may be shared with other threads.
///
/// # Safety
/// `linker` is NULL or a live linker used by no one else now; `left` and `right` are NULL or
/// live datasets not being mutated; `err` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_linker_train(
    linker: *mut caselink_linker,
    left: *const caselink_dataset,
    right: *const caselink_dataset,
    err: *mut *mut caselink_error,
) -> caselink_status {
    boundary::call(err, || {
        // SAFETY: per this function's contract.
        let l = unsafe { mut_arg(linker, "linker")? };
        // SAFETY: per this function's contract.
        let left = unsafe { ref_arg(left, "left")? };
        // SAFETY: per this function's contract.
        let right = unsafe { right_arg(right) };
        l.inner.train(&left.inner, right)?;
        Ok(())
    })
}

/// Score every candidate pair and keep those whose match probability is at least `threshold`.
/// `right == NULL` deduplicates `left` (each unordered pair once, `left_row < right_row`).
///
/// The result does not depend on the number of threads or on other calls running at the same
/// time: the same linker and datasets always give the same matches in the same order.
/// Ownership: the datasets are only read; on success `*out` receives a new match list that the
/// caller frees with `caselink_matches_free` (it does not point into the linker or the datasets,
/// which may be freed first). On failure `*out` is not written.
/// Errors: the linker is not trained (neither `caselink_linker_train` nor a trained model file)
/// → `CASELINK_STATUS_BAD_MODEL`; `threshold` NaN or outside [0, 1] →
/// `CASELINK_STATUS_INVALID_SPEC`; a column the spec names is missing →
/// `CASELINK_STATUS_UNKNOWN_FIELD`; too many candidate pairs → `CASELINK_STATUS_LIMIT`.
/// NULL: `linker`, `left` or `out` NULL → `CASELINK_STATUS_NULL_ARGUMENT`; `right` NULL = dedupe;
/// `err` may be NULL.
/// Thread safety: read-only on the linker and the datasets: any number of threads may link with
/// one `const caselink_linker *` (and the same datasets) at once.
///
/// # Safety
/// `linker` is NULL or a live linker not being mutated; `left` and `right` are NULL or live
/// datasets not being mutated; `out` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_linker_link(
    linker: *const caselink_linker,
    left: *const caselink_dataset,
    right: *const caselink_dataset,
    threshold: f64,
    out: *mut *mut caselink_matches,
    err: *mut *mut caselink_error,
) -> caselink_status {
    boundary::call(err, || {
        check_out(out, "out")?;
        // SAFETY: per this function's contract.
        let l = unsafe { ref_arg(linker, "linker")? };
        // SAFETY: per this function's contract.
        let left = unsafe { ref_arg(left, "left")? };
        // SAFETY: per this function's contract.
        let right = unsafe { right_arg(right) };
        if !(0.0..=1.0).contains(&threshold) {
            return Err(Failure::new(
                caselink_status::CASELINK_STATUS_INVALID_SPEC,
                format!("threshold {threshold} is not a probability: pass a value in [0, 1]"),
            ));
        }
        let p = l.inner.predict(&left.inner, right, threshold)?;
        let pairs = (0..p.len())
            .map(|i| caselink_match {
                left_row: u64::from(p.left[i]),
                right_row: u64::from(p.right[i]),
                match_weight: p.match_weight[i],
                match_probability: p.match_probability[i],
            })
            .collect();
        // SAFETY: checked by `check_out`; nothing can fail after this point.
        unsafe { write_out(out, Box::into_raw(Box::new(caselink_matches { pairs }))) };
        Ok(())
    })
}

/// 1 when the linker is trained (by `caselink_linker_train` or loaded from a trained model)
/// and can link, 0 otherwise. NULL: returns 0.
///
/// Thread safety: read-only; safe while other threads link with the same linker.
///
/// # Safety
/// `linker` is NULL or a live linker not being mutated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_linker_is_trained(linker: *const caselink_linker) -> c_int {
    // SAFETY: per this function's contract.
    boundary::value(|_| 0, || Ok(c_int::from(unsafe { ref_arg(linker, "linker")? }.inner.is_trained())))
}

/// The spec's `unique_id`: the name of the record-id column. The linker itself links by row
/// number; pass this name to `caselink_dataset_set_id_column` so that `caselink_dataset_id`
/// gives record ids for the matched rows.
///
/// Ownership: the string belongs to the linker and is valid until `caselink_linker_free`; do not
/// free it. NULL: returns NULL.
/// Thread safety: read-only; safe while other threads link with the same linker.
///
/// # Safety
/// `linker` is NULL or a live linker.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_linker_unique_id(linker: *const caselink_linker) -> *const c_char {
    boundary::value(
        |_| std::ptr::null(),
        // SAFETY: per this function's contract.
        || Ok(unsafe { ref_arg(linker, "linker")? }.unique_id.as_ptr()),
    )
}

/// The linker's spec as pretty-printed JSON, with every default filled in; passing it to
/// `caselink_linker_from_json` gives an equivalent (untrained) linker.
///
/// Ownership: on success `*json_out` receives a new string that the caller frees with
/// `caselink_string_free`; on failure it is not written.
/// NULL: `linker` or `json_out` NULL → `CASELINK_STATUS_NULL_ARGUMENT`; `err` may be NULL.
/// Thread safety: read-only; safe while other threads link with the same linker.
///
/// # Safety
/// `linker` is NULL or a live linker not being mutated; `json_out` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_linker_to_json(
    linker: *const caselink_linker,
    json_out: *mut *mut c_char,
    err: *mut *mut caselink_error,
) -> caselink_status {
    // SAFETY: per this function's contract.
    unsafe { linker_text(linker, json_out, err, |l| l.spec().to_json()) }
}

/// The trained parameters as JSON for people to read: λ (the prior), and per comparison and
/// level the m and u probabilities and the match weight. An untrained linker gives
/// `{"trained": false, "comparisons": [...]}`.
///
/// Ownership: on success `*json_out` receives a new string that the caller frees with
/// `caselink_string_free`; on failure it is not written.
/// NULL: `linker` or `json_out` NULL → `CASELINK_STATUS_NULL_ARGUMENT`; `err` may be NULL.
/// Thread safety: read-only; safe while other threads link with the same linker.
///
/// # Safety
/// `linker` is NULL or a live linker not being mutated; `json_out` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_linker_parameters_json(
    linker: *const caselink_linker,
    json_out: *mut *mut c_char,
    err: *mut *mut caselink_error,
) -> caselink_status {
    // SAFETY: per this function's contract.
    unsafe { linker_text(linker, json_out, err, |l| l.parameters_json().to_string()) }
}

/// Shared body of the functions that hand a linker's text to the caller as a new C string.
///
/// # Safety
/// As for the calling functions: `linker` is NULL or live, `out` and `err` NULL or writable.
unsafe fn linker_text(
    linker: *const caselink_linker,
    out: *mut *mut c_char,
    err: *mut *mut caselink_error,
    text: impl FnOnce(&caselink::linker::Linker) -> String,
) -> caselink_status {
    boundary::call(err, || {
        check_out(out, "json_out")?;
        // SAFETY: per the caller's contract.
        let l = unsafe { ref_arg(linker, "linker")? };
        let s = boundary::c_string(&text(&l.inner))?;
        // SAFETY: checked by `check_out`; nothing can fail after this point.
        unsafe { write_out(out, s) };
        Ok(())
    })
}

/// Free a linker.
///
/// Ownership: takes ownership of `linker`; it (and the string from `caselink_linker_unique_id`)
/// is invalid afterwards. Match lists from it stay valid. NULL: no-op.
/// Thread safety: no other thread may use the linker during or after the call.
///
/// # Safety
/// `linker` is NULL or a live linker from this library, not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_linker_free(linker: *mut caselink_linker) {
    boundary::value(
        |_| (),
        || {
            if !linker.is_null() {
                // SAFETY: non-NULL linkers come from `new_handle` (`Box::into_raw`) and are freed once.
                drop(unsafe { Box::from_raw(linker) });
            }
            Ok(())
        },
    )
}

/// Number of pairs in `matches`. NULL: returns 0.
///
/// Thread safety: read-only; any number of threads may read one match list at once.
///
/// # Safety
/// `matches` is NULL or a live match list.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_matches_len(matches: *const caselink_matches) -> usize {
    // SAFETY: per this function's contract.
    boundary::value(|_| 0, || Ok(unsafe { ref_arg(matches, "matches")? }.pairs.len()))
}

/// Copy pair number `index` (0-based, in the linker's deterministic order) into `*out`.
///
/// This function has no `err` parameter: it reports through its status only.
/// Errors: `index` not less than `caselink_matches_len` → `CASELINK_STATUS_OUT_OF_RANGE`.
/// On failure `*out` is not written.
/// NULL: `matches` or `out` NULL → `CASELINK_STATUS_NULL_ARGUMENT`.
/// Thread safety: read-only; any number of threads may read one match list at once.
///
/// # Safety
/// `matches` is NULL or a live match list; `out` is NULL or points to writable storage for one
/// `caselink_match`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_matches_get(
    matches: *const caselink_matches,
    index: usize,
    out: *mut caselink_match,
) -> caselink_status {
    boundary::call(std::ptr::null_mut(), || {
        check_out(out, "out")?;
        // SAFETY: per this function's contract.
        let m = unsafe { ref_arg(matches, "matches")? };
        let pair = *m.pairs.get(index).ok_or_else(|| {
            Failure::new(
                caselink_status::CASELINK_STATUS_OUT_OF_RANGE,
                format!("match index {index} is out of range (there are {})", m.pairs.len()),
            )
        })?;
        // SAFETY: checked by `check_out`; nothing can fail after this point.
        unsafe { write_out(out, pair) };
        Ok(())
    })
}

/// Free a match list returned by `caselink_linker_link`.
///
/// Ownership: takes ownership of `matches`; it is invalid afterwards. NULL: no-op.
/// Thread safety: no other thread may use the list during or after the call.
///
/// # Safety
/// `matches` is NULL or a live match list from this library, not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_matches_free(matches: *mut caselink_matches) {
    boundary::value(
        |_| (),
        || {
            if !matches.is_null() {
                // SAFETY: non-NULL lists come from `Box::into_raw` in `caselink_linker_link`, freed once.
                drop(unsafe { Box::from_raw(matches) });
            }
            Ok(())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{caselink_dataset_free, caselink_dataset_new, caselink_dataset_push_row};
    use crate::error::{caselink_error_free, caselink_error_message};
    use crate::string::caselink_string_free;
    use caselink_status::*;
    use std::ffi::{CStr, CString};
    use std::ptr::{null, null_mut};

    const SPEC: &CStr = cr#"{"unique_id": "id", "comparisons": [
        {"type": "string", "column": "given", "metric": "jaro_winkler", "thresholds": [0.9, 0.8]},
        {"type": "string", "column": "surname", "metric": "jaro_winkler", "thresholds": [0.9, 0.8]},
        {"type": "exact", "column": "city"}]}"#;

    const PEOPLE: [[&str; 3]; 8] = [
        ["anna", "keller", "springfield"],
        ["boris", "novak", "riverton"],
        ["carla", "mendes", "lakeside"],
        ["dmitri", "orlov", "hillview"],
        ["elena", "garcia", "oakdale"],
        ["farid", "haddad", "springfield"],
        ["greta", "lindqvist", "riverton"],
        ["hiro", "tanaka", "lakeside"],
    ];

    fn dataset(rows: &[[String; 3]]) -> *mut caselink_dataset {
        let names = [c"given".as_ptr(), c"surname".as_ptr(), c"city".as_ptr()];
        let mut d = null_mut();
        unsafe {
            assert_eq!(caselink_dataset_new(names.as_ptr(), 3, &mut d, null_mut()), CASELINK_STATUS_OK);
            for r in rows {
                let c: Vec<CString> = r.iter().map(|v| CString::new(v.as_str()).unwrap()).collect();
                let p: Vec<*const c_char> = c.iter().map(|v| v.as_ptr()).collect();
                assert_eq!(caselink_dataset_push_row(d, p.as_ptr(), 3, null_mut()), CASELINK_STATUS_OK);
            }
        }
        d
    }

    /// Left: the people; right: the same people in reverse order, with a typo in every surname.
    fn pair_of_datasets() -> (*mut caselink_dataset, *mut caselink_dataset) {
        let left: Vec<[String; 3]> = PEOPLE.iter().map(|p| p.map(str::to_owned)).collect();
        let right: Vec<[String; 3]> = PEOPLE
            .iter()
            .rev()
            .map(|p| {
                let mut s = p[1].to_owned();
                s.insert(2, 'x');
                [p[0].to_owned(), s, p[2].to_owned()]
            })
            .collect();
        (dataset(&left), dataset(&right))
    }

    fn link(l: *const caselink_linker, a: *const caselink_dataset, b: *const caselink_dataset) -> Vec<caselink_match> {
        let mut m = null_mut();
        unsafe {
            assert_eq!(caselink_linker_link(l, a, b, 0.5, &mut m, null_mut()), CASELINK_STATUS_OK);
            let out = (0..caselink_matches_len(m))
                .map(|i| {
                    let mut x = caselink_match { left_row: 0, right_row: 0, match_weight: 0.0, match_probability: 0.0 };
                    assert_eq!(caselink_matches_get(m, i, &mut x), CASELINK_STATUS_OK);
                    x
                })
                .collect();
            caselink_matches_free(m);
            out
        }
    }

    #[test]
    fn train_link_save_and_load() {
        let (a, b) = pair_of_datasets();
        let mut l = null_mut();
        unsafe {
            assert_eq!(caselink_linker_from_json(SPEC.as_ptr(), &mut l, null_mut()), CASELINK_STATUS_OK);
            assert_eq!(caselink_linker_is_trained(l), 0);
            assert_eq!(CStr::from_ptr(caselink_linker_unique_id(l)).to_str().unwrap(), "id");
            assert_eq!(caselink_linker_train(l, a, b, null_mut()), CASELINK_STATUS_OK);
            assert_eq!(caselink_linker_is_trained(l), 1);
            let found = link(l, a, b);
            let n = PEOPLE.len() as u64;
            for i in 0..n {
                let hit = found.iter().find(|m| m.left_row == i && m.right_row == n - 1 - i);
                assert!(hit.is_some_and(|m| m.match_probability > 0.5), "row {i} not matched: {found:?}");
            }
            assert!(found.iter().all(|m| m.right_row == n - 1 - m.left_row), "false matches: {found:?}");

            let dir = std::env::temp_dir().join(format!("caselink-c-linker-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = CString::new(dir.join("m.model").to_str().unwrap()).unwrap();
            assert_eq!(caselink_linker_save(l, path.as_ptr(), null_mut()), CASELINK_STATUS_OK);
            let mut loaded = null_mut();
            assert_eq!(caselink_linker_load(path.as_ptr(), &mut loaded, null_mut()), CASELINK_STATUS_OK);
            assert_eq!(link(loaded, a, b), found);

            let garbage = dir.join("garbage.model");
            std::fs::write(&garbage, b"CASELINK\x01\x00garbage").unwrap();
            let gpath = CString::new(garbage.to_str().unwrap()).unwrap();
            let sentinel = 0x30 as *mut caselink_linker;
            let mut out = sentinel;
            let mut err = null_mut();
            assert_eq!(caselink_linker_load(gpath.as_ptr(), &mut out, &mut err), CASELINK_STATUS_BAD_MODEL);
            assert_eq!(out, sentinel);
            let msg = CStr::from_ptr(caselink_error_message(err)).to_str().unwrap().to_owned();
            assert!(msg.contains("garbage.model"), "{msg}");
            caselink_error_free(err);
            std::fs::remove_dir_all(&dir).unwrap();

            caselink_linker_free(loaded);
            caselink_linker_free(l);
            caselink_dataset_free(a);
            caselink_dataset_free(b);
        }
    }

    #[test]
    fn errors_have_their_statuses() {
        let (a, b) = pair_of_datasets();
        let mut l = null_mut();
        let mut err = null_mut();
        let mut m = 0x40 as *mut caselink_matches;
        unsafe {
            let bad = cr#"{"unique_id": "id", "comparisons": [{"type": "fuzzy", "column": "a"}]}"#;
            assert_eq!(caselink_linker_from_json(bad.as_ptr(), &mut l, &mut err), CASELINK_STATUS_INVALID_SPEC);
            let msg = CStr::from_ptr(caselink_error_message(err)).to_str().unwrap().to_owned();
            assert!(msg.contains("comparisons[0]"), "{msg}");
            caselink_error_free(err);
            assert!(l.is_null());
            assert_eq!(
                caselink_linker_from_toml(
                    c"unique_id = \"id\"\n[[comparisons]]\ntype = \"exact\"\ncolumn = \"city\"\n".as_ptr(),
                    &mut l,
                    null_mut()
                ),
                CASELINK_STATUS_OK
            );
            assert_eq!(caselink_linker_link(l, a, b, 0.5, &mut m, null_mut()), CASELINK_STATUS_BAD_MODEL);
            assert_eq!(caselink_linker_train(l, a, null(), null_mut()), CASELINK_STATUS_OK);
            for t in [f64::NAN, -0.1, 1.5] {
                assert_eq!(caselink_linker_link(l, a, b, t, &mut m, null_mut()), CASELINK_STATUS_INVALID_SPEC);
            }
            assert_eq!(m, 0x40 as *mut caselink_matches, "failures leave *out alone");
            assert_eq!(caselink_linker_link(null(), a, b, 0.5, &mut m, null_mut()), CASELINK_STATUS_NULL_ARGUMENT);
            assert_eq!(caselink_linker_link(l, null(), b, 0.5, &mut m, null_mut()), CASELINK_STATUS_NULL_ARGUMENT);
            assert_eq!(caselink_linker_link(l, a, b, 0.5, null_mut(), null_mut()), CASELINK_STATUS_NULL_ARGUMENT);
            assert_eq!(caselink_linker_train(null_mut(), a, b, null_mut()), CASELINK_STATUS_NULL_ARGUMENT);
            assert_eq!(caselink_matches_len(null()), 0);
            assert_eq!(caselink_matches_get(null(), 0, null_mut()), CASELINK_STATUS_NULL_ARGUMENT);
            let mut json = null_mut();
            assert_eq!(caselink_linker_to_json(l, &mut json, null_mut()), CASELINK_STATUS_OK);
            let mut again = null_mut();
            assert_eq!(caselink_linker_from_json(json, &mut again, null_mut()), CASELINK_STATUS_OK);
            caselink_string_free(json);
            caselink_linker_free(again);
            assert!(caselink_linker_unique_id(null()).is_null());
            assert_eq!(caselink_linker_is_trained(null()), 0);
            caselink_linker_free(null_mut());
            caselink_matches_free(null_mut());
            caselink_linker_free(l);
            caselink_dataset_free(a);
            caselink_dataset_free(b);
        }
    }
}
