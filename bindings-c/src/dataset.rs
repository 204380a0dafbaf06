//! Datasets: built row by row from C strings, or read from a CSV file.

use std::ffi::c_char;

use caselink::Dataset;
use caselink::data::CsvOptions;

use crate::boundary::{self, Failure, check_out, mut_arg, ref_arg, slice_arg, str_arg, write_out};
use crate::error::{caselink_error, caselink_status};

/// A table of optional strings with named columns. Opaque; create it with
/// `caselink_dataset_new` or `caselink_dataset_from_csv`, release it with `caselink_dataset_free`.
#[allow(non_camel_case_types)]
#[derive(Debug)]
pub struct caselink_dataset {
    pub(crate) inner: Dataset,
}

fn new_handle(inner: Dataset) -> *mut caselink_dataset {
    Box::into_raw(Box::new(caselink_dataset { inner }))
}

/// Create an empty dataset with the given column names (in order).
///
/// Ownership: the names are copied; on success `*out` receives a new dataset that the caller
/// frees with `caselink_dataset_free`. On failure `*out` is not written and, if `err` is not
/// NULL, `*err` receives an error to free with `caselink_error_free`.
/// Errors: duplicate or blank names → `CASELINK_STATUS_BAD_DATA`; a name that is not UTF-8 →
/// `CASELINK_STATUS_INVALID_UTF8`.
/// NULL: `column_names` may be NULL only when `n_columns` is 0; a NULL name, or a NULL `out`,
/// → `CASELINK_STATUS_NULL_ARGUMENT`; `err` may be NULL.
/// Thread safety: safe to call from any thread.
///
/// # Safety
/// `column_names` points to `n_columns` pointers, each NULL or a NUL-terminated string; `out`
/// and `err` are NULL or point to writable storage.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_dataset_new(
    column_names: *const *const c_char,
    n_columns: usize,
    out: *mut *mut caselink_dataset,
    err: *mut *mut caselink_error,
) -> caselink_status {
    boundary::call(err, || {
        check_out(out, "out")?;
        // SAFETY: per this function's contract.
        let raw = unsafe { slice_arg(column_names, n_columns, "column_names")? };
        let mut names = Vec::with_capacity(raw.len());
        for (i, p) in raw.iter().enumerate() {
            // SAFETY: each element is NULL or a NUL-terminated string, per the contract.
            names.push(unsafe { str_arg(*p, &format!("column_names[{i}]"))? });
        }
        let d = Dataset::new("dataset", &names)?;
        // SAFETY: checked by `check_out`; nothing can fail after this point.
        unsafe { write_out(out, new_handle(d)) };
        Ok(())
    })
}

/// Append one row; `values` holds one entry per column, in column order, and a NULL entry is a
/// missing value.
///
/// Ownership: the values are copied; the caller keeps ownership of `values`.
/// Errors: `n_values` differing from the column count → `CASELINK_STATUS_BAD_DATA`; a value
/// that is not UTF-8 → `CASELINK_STATUS_INVALID_UTF8`. On any failure the dataset is unchanged.
/// NULL: `dataset` NULL → `CASELINK_STATUS_NULL_ARGUMENT`; `values` may be NULL only when
/// `n_values` is 0; `err` may be NULL.
/// Thread safety: mutates `dataset`; no other thread may use that dataset during the call.
///
/// # Safety
/// `dataset` is NULL or a live dataset; `values` points to `n_values` pointers, each NULL or a
/// NUL-terminated string; `err` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_dataset_push_row(
    dataset: *mut caselink_dataset,
    values: *const *const c_char,
    n_values: usize,
    err: *mut *mut caselink_error,
) -> caselink_status {
    boundary::call(err, || {
        // SAFETY: per this function's contract.
        let d = unsafe { mut_arg(dataset, "dataset")? };
        // SAFETY: per this function's contract.
        let raw = unsafe { slice_arg(values, n_values, "values")? };
        let mut row = Vec::with_capacity(raw.len());
        for (i, p) in raw.iter().enumerate() {
            if p.is_null() {
                row.push(None);
            } else {
                // SAFETY: non-NULL elements are NUL-terminated strings, per the contract.
                row.push(Some(unsafe { str_arg(*p, &format!("values[{i}]"))? }));
            }
        }
        d.inner.push_row(&row)?;
        Ok(())
    })
}

/// Read a CSV file (UTF-8, comma-separated, first row = header) into a new dataset.
///
/// Values are trimmed and empty values are missing. Rows that cannot be read (wrong field
/// count, invalid UTF-8, NUL bytes, over-long fields) do not fail the call: they are counted by
/// `caselink_dataset_rejected_len` and described by `caselink_dataset_rejected_message`.
/// Ownership: on success `*out` receives a new dataset that the caller frees with
/// `caselink_dataset_free`; on failure `*out` is not written and `*err` (if `err` is not NULL)
/// receives an error to free with `caselink_error_free`.
/// Errors: cannot open/read → `CASELINK_STATUS_IO`; empty file or bad header (duplicate or
/// blank names) → `CASELINK_STATUS_BAD_DATA`; `path` not UTF-8 → `CASELINK_STATUS_INVALID_UTF8`.
/// NULL: `path` or `out` NULL → `CASELINK_STATUS_NULL_ARGUMENT`; `err` may be NULL.
/// Thread safety: safe to call from any thread.
///
/// # Safety
/// `path` is NULL or a NUL-terminated string; `out` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_dataset_from_csv(
    path: *const c_char,
    out: *mut *mut caselink_dataset,
    err: *mut *mut caselink_error,
) -> caselink_status {
    boundary::call(err, || {
        check_out(out, "out")?;
        // SAFETY: per this function's contract.
        let path = unsafe { str_arg(path, "path")? };
        let d = Dataset::from_csv_path(path, &CsvOptions::default())?;
        // SAFETY: checked by `check_out`; nothing can fail after this point.
        unsafe { write_out(out, new_handle(d)) };
        Ok(())
    })
}

/// Number of rows in `dataset` (rejected CSV rows not included). NULL: returns 0.
///
/// Thread safety: read-only; any number of threads may read one dataset at once.
///
/// # Safety
/// `dataset` is NULL or a live dataset not being mutated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_dataset_len(dataset: *const caselink_dataset) -> usize {
    // SAFETY: per this function's contract.
    boundary::value(|_| 0, || Ok(unsafe { ref_arg(dataset, "dataset")? }.inner.len()))
}

/// Number of columns in `dataset`. NULL: returns 0.
///
/// Thread safety: read-only; any number of threads may read one dataset at once.
///
/// # Safety
/// `dataset` is NULL or a live dataset not being mutated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_dataset_column_count(dataset: *const caselink_dataset) -> usize {
    // SAFETY: per this function's contract.
    boundary::value(|_| 0, || Ok(unsafe { ref_arg(dataset, "dataset")? }.inner.column_names().len()))
}

/// Number of CSV rows that could not be read and were set aside (0 for datasets built with
/// `caselink_dataset_new`). NULL: returns 0.
///
/// Thread safety: read-only; any number of threads may read one dataset at once.
///
/// # Safety
/// `dataset` is NULL or a live dataset not being mutated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_dataset_rejected_len(dataset: *const caselink_dataset) -> usize {
    // SAFETY: per this function's contract.
    boundary::value(|_| 0, || Ok(unsafe { ref_arg(dataset, "dataset")? }.inner.rejected.len()))
}

/// Describe rejected row number `index` as "file:line: reason".
///
/// Ownership: on success `*message_out` receives a new string that the caller frees with
/// `caselink_string_free`; on failure it is not written.
/// Errors: `index` not less than `caselink_dataset_rejected_len` → `CASELINK_STATUS_OUT_OF_RANGE`.
/// NULL: `dataset` or `message_out` NULL → `CASELINK_STATUS_NULL_ARGUMENT`; `err` may be NULL.
/// Thread safety: read-only; any number of threads may read one dataset at once.
///
/// # Safety
/// `dataset` is NULL or a live dataset not being mutated; `message_out` and `err` are NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_dataset_rejected_message(
    dataset: *const caselink_dataset,
    index: usize,
    message_out: *mut *mut c_char,
    err: *mut *mut caselink_error,
) -> caselink_status {
    boundary::call(err, || {
        check_out(message_out, "message_out")?;
        // SAFETY: per this function's contract.
        let d = unsafe { ref_arg(dataset, "dataset")? };
        let rejected = d.inner.rejected.get(index).ok_or_else(|| {
            Failure::new(
                caselink_status::CASELINK_STATUS_OUT_OF_RANGE,
                format!("rejected row index {index} is out of range (there are {})", d.inner.rejected.len()),
            )
        })?;
        let s = boundary::c_string(&rejected.to_string())?;
        // SAFETY: checked by `check_out`; nothing can fail after this point.
        unsafe { write_out(message_out, s) };
        Ok(())
    })
}

/// Copy the value at (`row`, `column`) into `*value_out`; a missing value gives NULL.
///
/// Ownership: on success `*value_out` receives NULL or a new string that the caller frees with
/// `caselink_string_free`; on failure it is not written.
/// Errors: no such column → `CASELINK_STATUS_UNKNOWN_FIELD`; `row` not less than
/// `caselink_dataset_len` → `CASELINK_STATUS_OUT_OF_RANGE`; `column` not UTF-8 →
/// `CASELINK_STATUS_INVALID_UTF8`.
/// NULL: `dataset`, `column` or `value_out` NULL → `CASELINK_STATUS_NULL_ARGUMENT`; `err` may be NULL.
/// Thread safety: read-only; any number of threads may read one dataset at once.
///
/// # Safety
/// `dataset` is NULL or a live dataset not being mutated; `column` is NULL or NUL-terminated;
/// `value_out` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_dataset_value(
    dataset: *const caselink_dataset,
    row: usize,
    column: *const c_char,
    value_out: *mut *mut c_char,
    err: *mut *mut caselink_error,
) -> caselink_status {
    boundary::call(err, || {
        check_out(value_out, "value_out")?;
        // SAFETY: per this function's contract.
        let d = unsafe { ref_arg(dataset, "dataset")? };
        // SAFETY: per this function's contract.
        let column = unsafe { str_arg(column, "column")? };
        let col = d.inner.column(column)?;
        if row >= d.inner.len() {
            return Err(Failure::new(
                caselink_status::CASELINK_STATUS_OUT_OF_RANGE,
                format!("row {row} is out of range (the dataset has {} rows)", d.inner.len()),
            ));
        }
        let v = match col.get(row) {
            Some(s) => boundary::c_string(s)?,
            None => std::ptr::null_mut(),
        };
        // SAFETY: checked by `check_out`; nothing can fail after this point.
        unsafe { write_out(value_out, v) };
        Ok(())
    })
}

/// Use `column` as the dataset's record-id column (typically the linker's
/// `caselink_linker_unique_id`), so that `caselink_dataset_id` gives record ids.
///
/// Rows whose id is missing, or repeats an earlier row's id, are removed from the dataset and
/// moved to the rejected rows (`caselink_dataset_rejected_len`, `caselink_dataset_rejected_message`
/// with "missing id …" / "duplicate id … (first seen on line N)"), so row numbers after such a
/// row shift down: call this before linking, and read row numbers only afterwards.
/// Errors: no such column → `CASELINK_STATUS_UNKNOWN_FIELD` (the dataset is unchanged);
/// `column` not UTF-8 → `CASELINK_STATUS_INVALID_UTF8`.
/// NULL: `dataset` or `column` NULL → `CASELINK_STATUS_NULL_ARGUMENT`; `err` may be NULL.
/// Thread safety: mutates `dataset`; no other thread may use that dataset during the call.
///
/// # Safety
/// `dataset` is NULL or a live dataset used by no one else now; `column` is NULL or
/// NUL-terminated; `err` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_dataset_set_id_column(
    dataset: *mut caselink_dataset,
    column: *const c_char,
    err: *mut *mut caselink_error,
) -> caselink_status {
    boundary::call(err, || {
        // SAFETY: per this function's contract.
        let d = unsafe { mut_arg(dataset, "dataset")? };
        // SAFETY: per this function's contract.
        let column = unsafe { str_arg(column, "column")? };
        d.inner.set_id_column(column)?;
        Ok(())
    })
}

/// Copy the record id of `row` into `*id_out`: the id column's value when one was set with
/// `caselink_dataset_set_id_column`, otherwise the 0-based row number in decimal ("0", "1", …).
///
/// Ownership: on success `*id_out` receives a new string that the caller frees with
/// `caselink_string_free`; on failure it is not written.
/// Errors: `row` not less than `caselink_dataset_len` → `CASELINK_STATUS_OUT_OF_RANGE`.
/// NULL: `dataset` or `id_out` NULL → `CASELINK_STATUS_NULL_ARGUMENT`; `err` may be NULL.
/// Thread safety: read-only; any number of threads may read one dataset at once.
///
/// # Safety
/// `dataset` is NULL or a live dataset not being mutated; `id_out` and `err` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_dataset_id(
    dataset: *const caselink_dataset,
    row: usize,
    id_out: *mut *mut c_char,
    err: *mut *mut caselink_error,
) -> caselink_status {
    boundary::call(err, || {
        check_out(id_out, "id_out")?;
        // SAFETY: per this function's contract.
        let d = unsafe { ref_arg(dataset, "dataset")? };
        if row >= d.inner.len() {
            return Err(Failure::new(
                caselink_status::CASELINK_STATUS_OUT_OF_RANGE,
                format!("row {row} is out of range (the dataset has {} rows)", d.inner.len()),
            ));
        }
        let s = boundary::c_string(&d.inner.id(row))?;
        // SAFETY: checked by `check_out`; nothing can fail after this point.
        unsafe { write_out(id_out, s) };
        Ok(())
    })
}

/// Free a dataset.
///
/// Ownership: takes ownership of `dataset`; it is invalid afterwards. NULL: no-op.
/// Thread safety: no other thread may use the dataset during or after the call.
///
/// # Safety
/// `dataset` is NULL or a live dataset from this library, not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn caselink_dataset_free(dataset: *mut caselink_dataset) {
    boundary::value(
        |_| (),
        || {
            if !dataset.is_null() {
                // SAFETY: non-NULL datasets come from `new_handle` (`Box::into_raw`) and are freed once.
                drop(unsafe { Box::from_raw(dataset) });
            }
            Ok(())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::caselink_error_free;
    use crate::string::caselink_string_free;
    use caselink_status::*;
    use std::ffi::{CStr, CString};
    use std::ptr::{null, null_mut};

    fn value(d: *const caselink_dataset, row: usize, col: &CStr) -> Result<Option<String>, caselink_status> {
        let mut out: *mut c_char = null_mut();
        let s = unsafe { caselink_dataset_value(d, row, col.as_ptr(), &mut out, null_mut()) };
        if s != CASELINK_STATUS_OK {
            return Err(s);
        }
        if out.is_null() {
            return Ok(None);
        }
        let v = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_owned();
        unsafe { caselink_string_free(out) };
        Ok(Some(v))
    }

    #[test]
    fn build_push_and_read_back() {
        let names = [c"id".as_ptr(), c"name".as_ptr()];
        let mut d: *mut caselink_dataset = null_mut();
        unsafe {
            assert_eq!(caselink_dataset_new(names.as_ptr(), 2, &mut d, null_mut()), CASELINK_STATUS_OK);
            let row = [c"1".as_ptr(), null()];
            assert_eq!(caselink_dataset_push_row(d, row.as_ptr(), 2, null_mut()), CASELINK_STATUS_OK);
            assert_eq!(caselink_dataset_len(d), 1);
            assert_eq!(caselink_dataset_column_count(d), 2);
            assert_eq!(value(d, 0, c"id"), Ok(Some("1".into())));
            assert_eq!(value(d, 0, c"name"), Ok(None));
            assert_eq!(value(d, 1, c"id"), Err(CASELINK_STATUS_OUT_OF_RANGE));
            assert_eq!(value(d, 0, c"dob"), Err(CASELINK_STATUS_UNKNOWN_FIELD));

            let mut err: *mut caselink_error = null_mut();
            let short = [c"2".as_ptr()];
            assert_eq!(caselink_dataset_push_row(d, short.as_ptr(), 1, &mut err), CASELINK_STATUS_BAD_DATA);
            assert!(!err.is_null());
            caselink_error_free(err);
            let bad = CString::new(vec![b'a', 0xff]).unwrap();
            let row = [c"3".as_ptr(), bad.as_ptr()];
            assert_eq!(caselink_dataset_push_row(d, row.as_ptr(), 2, null_mut()), CASELINK_STATUS_INVALID_UTF8);
            assert_eq!(caselink_dataset_len(d), 1, "a failed push leaves the dataset unchanged");
            caselink_dataset_free(d);
        }
    }

    #[test]
    fn outputs_untouched_on_failure() {
        let names = [c"a".as_ptr(), c"a".as_ptr()];
        let sentinel = 0x20 as *mut caselink_dataset;
        let mut d = sentinel;
        let mut err: *mut caselink_error = null_mut();
        unsafe {
            assert_eq!(caselink_dataset_new(names.as_ptr(), 2, &mut d, &mut err), CASELINK_STATUS_BAD_DATA);
            assert_eq!(d, sentinel);
            caselink_error_free(err);
            assert_eq!(caselink_dataset_new(null(), 1, &mut d, null_mut()), CASELINK_STATUS_NULL_ARGUMENT);
            assert_eq!(caselink_dataset_new(null(), 0, null_mut(), null_mut()), CASELINK_STATUS_NULL_ARGUMENT);
            assert_eq!(d, sentinel);
        }
    }

    #[test]
    fn csv_rejects_are_reported_and_missing_files_are_io() {
        let dir = std::env::temp_dir().join(format!("caselink-c-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("people.csv");
        std::fs::write(&path, "id,name\n1,Ann\n2,Bob,extra\n").unwrap();
        let cpath = CString::new(path.to_str().unwrap()).unwrap();
        let mut d: *mut caselink_dataset = null_mut();
        unsafe {
            assert_eq!(caselink_dataset_from_csv(cpath.as_ptr(), &mut d, null_mut()), CASELINK_STATUS_OK);
            assert_eq!(caselink_dataset_len(d), 1);
            assert_eq!(caselink_dataset_rejected_len(d), 1);
            let mut msg: *mut c_char = null_mut();
            assert_eq!(caselink_dataset_rejected_message(d, 0, &mut msg, null_mut()), CASELINK_STATUS_OK);
            let text = CStr::from_ptr(msg).to_str().unwrap().to_owned();
            assert!(text.ends_with("people.csv:3: expected 2 fields, found 3"), "{text}");
            caselink_string_free(msg);
            assert_eq!(caselink_dataset_rejected_message(d, 1, &mut msg, null_mut()), CASELINK_STATUS_OUT_OF_RANGE);
            caselink_dataset_free(d);
            let missing = CString::new(dir.join("nope.csv").to_str().unwrap()).unwrap();
            assert_eq!(caselink_dataset_from_csv(missing.as_ptr(), &mut d, null_mut()), CASELINK_STATUS_IO);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn id_column_rejects_missing_and_duplicate_ids() {
        let names = [c"id".as_ptr(), c"name".as_ptr()];
        let mut d: *mut caselink_dataset = null_mut();
        let mut id: *mut c_char = null_mut();
        unsafe {
            assert_eq!(caselink_dataset_new(names.as_ptr(), 2, &mut d, null_mut()), CASELINK_STATUS_OK);
            for row in [[c"a7".as_ptr(), c"Ann".as_ptr()], [null(), c"Bob".as_ptr()], [c"a7".as_ptr(), c"Cy".as_ptr()]]
            {
                assert_eq!(caselink_dataset_push_row(d, row.as_ptr(), 2, null_mut()), CASELINK_STATUS_OK);
            }
            assert_eq!(caselink_dataset_id(d, 2, &mut id, null_mut()), CASELINK_STATUS_OK);
            assert_eq!(CStr::from_ptr(id).to_str().unwrap(), "2", "without an id column the id is the row number");
            caselink_string_free(id);
            assert_eq!(caselink_dataset_set_id_column(d, c"dob".as_ptr(), null_mut()), CASELINK_STATUS_UNKNOWN_FIELD);
            assert_eq!(caselink_dataset_len(d), 3);
            assert_eq!(caselink_dataset_set_id_column(d, c"id".as_ptr(), null_mut()), CASELINK_STATUS_OK);
            assert_eq!(caselink_dataset_len(d), 1);
            assert_eq!(caselink_dataset_rejected_len(d), 2);
            assert_eq!(caselink_dataset_id(d, 0, &mut id, null_mut()), CASELINK_STATUS_OK);
            assert_eq!(CStr::from_ptr(id).to_str().unwrap(), "a7");
            caselink_string_free(id);
            id = null_mut();
            assert_eq!(caselink_dataset_id(d, 1, &mut id, null_mut()), CASELINK_STATUS_OUT_OF_RANGE);
            assert!(id.is_null());
            assert_eq!(caselink_dataset_id(d, 0, null_mut(), null_mut()), CASELINK_STATUS_NULL_ARGUMENT);
            assert_eq!(
                caselink_dataset_set_id_column(null_mut(), c"id".as_ptr(), null_mut()),
                CASELINK_STATUS_NULL_ARGUMENT
            );
            caselink_dataset_free(d);
        }
    }
}
