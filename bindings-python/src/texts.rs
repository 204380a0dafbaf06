//! Getting many strings out of Python fast.
//!
//! Batch calls over lists of `str` read each string in place: they take a reference to every
//! item (a tuple snapshot made in one C-level pass, so that no other thread can free a string
//! while the GIL is released), borrow each str's cached UTF-8 with `PyUnicode_AsUTF8AndSize` (for
//! an ASCII str, a pointer into the object itself) and compute with the GIL released over those
//! `&str`s. Nothing is copied. `cpdist` does this a chunk at a time ([`Seq`]), so that the str
//! objects are still in cache when they are scored; the other calls take the whole argument at
//! once ([`Texts`]). Arrow arrays skip per-element Python objects entirely:
//! [`StringColumn::from_arrow`] reads the offsets/data/validity buffers into one Rust buffer.
//!
//! `PyUnicode_AsUTF8AndSize` entered the *limited* API only in CPython 3.10, but every CPython
//! since 3.3 exports it. The wheel targets abi3-py39, so on Unix (where an extension module
//! resolves its C symbols in the interpreter that loads it) we declare the function ourselves; on
//! Windows an abi3 module links `python3.dll`, which exports it only from 3.10 on, so there the
//! strings are copied through pyo3's portable path instead.

use std::borrow::Cow;

use caselink::data::Column;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple};

/// An immutable column of optional strings held by Rust (one UTF-8 buffer plus offsets).
#[pyclass(module = "caselink._caselink", frozen)]
#[derive(Debug)]
pub(crate) struct StringColumn {
    pub(crate) inner: Column,
}

#[pymethods]
impl StringColumn {
    /// Build from a list or tuple of `str | None`.
    #[new]
    fn new(values: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(StringColumn { inner: column_from_sequence(values, "values")? })
    }

    /// Build from the buffers of an Arrow `string` (`large=False`, int32 offsets) or
    /// `large_string` (`large=True`, int64 offsets) array: `data` is the UTF-8 bytes, `offsets`
    /// the little-endian offsets, `validity` the LSB-first null bitmap (or None), and
    /// `offset`/`length` the array slice.
    #[staticmethod]
    #[pyo3(signature = (data, offsets, validity, offset, length, large))]
    fn from_arrow(
        data: &Bound<'_, PyBytes>,
        offsets: &Bound<'_, PyBytes>,
        validity: Option<&Bound<'_, PyBytes>>,
        offset: usize,
        length: usize,
        large: bool,
    ) -> PyResult<Self> {
        let inner = column_from_arrow(
            data.as_bytes(),
            offsets.as_bytes(),
            validity.map(|v| v.as_bytes()),
            offset,
            length,
            large,
        )
        .map_err(PyValueError::new_err)?;
        Ok(StringColumn { inner })
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// The values as a list of `str | None`.
    fn to_list(&self) -> Vec<Option<&str>> {
        self.inner.iter().collect()
    }

    /// The values as Arrow `large_string` buffers `(data, offsets, validity, length)`: UTF-8
    /// bytes, little-endian int64 offsets, and the LSB-first null bitmap (None without nulls).
    /// `pyarrow.Array.from_buffers` builds an array from them without a Python object per value.
    fn arrow_buffers<'py>(
        &self,
        py: Python<'py>,
    ) -> (Bound<'py, PyBytes>, Bound<'py, PyBytes>, Option<Bound<'py, PyBytes>>, usize) {
        let (data, offsets, validity) = arrow_buffers(&self.inner);
        (PyBytes::new(py, &data), PyBytes::new(py, &offsets), validity.map(|v| PyBytes::new(py, &v)), self.inner.len())
    }
}

/// A column as Arrow `large_string` buffers: data, int64 offsets, validity bitmap (None without nulls).
pub(crate) fn arrow_buffers(c: &Column) -> (Vec<u8>, Vec<u8>, Option<Vec<u8>>) {
    let n = c.len();
    let mut data: Vec<u8> = Vec::new();
    let mut offsets: Vec<u8> = Vec::with_capacity((n + 1) * 8);
    offsets.extend_from_slice(&0i64.to_le_bytes());
    let mut validity = vec![0u8; n.div_ceil(8)];
    let mut nulls = 0usize;
    for (i, v) in c.iter().enumerate() {
        match v {
            Some(s) => {
                data.extend_from_slice(s.as_bytes());
                validity[i / 8] |= 1 << (i % 8);
            }
            None => nulls += 1,
        }
        // A column's bytes are far below i64::MAX; the conversion cannot fail in practice.
        offsets.extend_from_slice(&i64::try_from(data.len()).unwrap_or(i64::MAX).to_le_bytes());
    }
    (data, offsets, (nulls > 0).then_some(validity))
}

/// A column named `name` from optional strings.
pub(crate) fn column_of<'a>(name: &str, values: impl IntoIterator<Item = Option<&'a str>>) -> Column {
    let mut c = Column::new(name);
    for v in values {
        c.push(v);
    }
    c
}

/// Strings taken from a Python argument: owned, shared with a [`StringColumn`], or the Python
/// `str` objects themselves.
#[derive(Debug)]
pub(crate) enum Texts<'py> {
    /// Copied from a list/tuple (Windows, where the UTF-8 of a str cannot be borrowed under abi3-py39).
    Owned(Column),
    /// A `StringColumn` passed in.
    Shared(Bound<'py, StringColumn>),
    /// A tuple of `str | None` (a list is snapshotted into one), read in place by [`Texts::views`];
    /// the `String` names the argument in errors.
    Python(Bound<'py, PyTuple>, String),
}

impl Texts<'_> {
    /// One `Option<&str>` per value, ready to hand to a detached computation. For Python
    /// strings this checks each item's type (`TypeError` naming the index otherwise) and borrows
    /// its UTF-8; a str that cannot be encoded (a lone surrogate) raises `UnicodeEncodeError`.
    pub(crate) fn views(&self) -> PyResult<Vec<Option<&str>>> {
        match self {
            Texts::Owned(c) => Ok(c.iter().collect()),
            Texts::Shared(b) => Ok(b.get().inner.iter().collect()),
            Texts::Python(t, arg) => tuple_views(t, arg),
        }
    }
}

/// The values of `t` as borrowed strings.
#[cfg(not(windows))]
fn tuple_views<'a>(t: &'a Bound<'_, PyTuple>, arg: &str) -> PyResult<Vec<Option<&'a str>>> {
    let mut out = Vec::with_capacity(t.len());
    for (i, item) in t.iter_borrowed().enumerate() {
        out.push(view(item, i, arg)?);
    }
    Ok(out)
}

/// `item` (element `i` of the argument `arg`) as a borrowed string, None for `None`.
#[cfg(not(windows))]
#[inline]
fn view<'a>(item: Borrowed<'a, '_, PyAny>, i: usize, arg: &str) -> PyResult<Option<&'a str>> {
    // The exact-type test is a pointer comparison; subclasses of str take the slower check.
    Ok(match item.cast_exact::<PyString>() {
        Ok(s) => Some(borrow_utf8(s)?),
        Err(_) if item.is_none() => None,
        Err(_) => match item.cast::<PyString>() {
            Ok(s) => Some(borrow_utf8(s)?),
            Err(_) => return Err(not_a_str(&item, i, arg)),
        },
    })
}

/// A list or tuple of `str | None` read a chunk at a time (see [`Seq::chunk`]), so that the
/// strings of a chunk are still in the CPU cache when the detached computation reads them.
#[derive(Debug)]
pub(crate) struct Seq<'py> {
    items: Bound<'py, PyAny>,
    arg: &'static str,
}

/// The items `lo..hi` of a [`Seq`], kept alive while the GIL is released: in a new tuple for a
/// list (which another thread may change meanwhile), or the tuple argument itself (immutable).
#[derive(Debug)]
#[cfg_attr(windows, allow(dead_code))] // read only by the borrowing `views`, which Windows lacks
pub(crate) struct Chunk<'py> {
    items: Bound<'py, PyTuple>,
    /// Where the chunk starts in `items`, and in the argument.
    start: usize,
    lo: usize,
    len: usize,
    arg: &'static str,
}

impl<'py> Seq<'py> {
    /// `obj` when it is a list or tuple and its strings can be borrowed on this platform.
    pub(crate) fn of(obj: &Bound<'py, PyAny>, arg: &'static str) -> Option<Seq<'py>> {
        let ok = !cfg!(windows) && (obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>());
        ok.then(|| Seq { items: obj.clone(), arg })
    }

    /// Current length (a list may change between chunks: another thread can run meanwhile).
    pub(crate) fn len(&self) -> usize {
        self.items.len().unwrap_or(0)
    }

    /// The items `lo..hi`. For a list, two C-level passes (a slice, then a tuple of it), each
    /// taking a reference to every item. A list that shrank meanwhile raises `RuntimeError`
    /// instead of yielding fewer items.
    pub(crate) fn chunk(&self, lo: usize, hi: usize) -> PyResult<Chunk<'py>> {
        let (items, start) = match self.items.cast::<PyList>() {
            Ok(list) => (list.get_slice(lo, hi).to_tuple(), 0),
            Err(_) => (self.items.cast::<PyTuple>()?.clone(), lo),
        };
        let len = hi.saturating_sub(lo);
        if items.len() < start.saturating_add(len) {
            return Err(PyRuntimeError::new_err(format!("list '{}' changed size during the call", self.arg)));
        }
        Ok(Chunk { items, start, lo, len, arg: self.arg })
    }
}

impl Chunk<'_> {
    /// The chunk's values as borrowed strings (`TypeError` naming the index for a non-str).
    #[cfg(not(windows))]
    pub(crate) fn views(&self) -> PyResult<Vec<Option<&str>>> {
        let mut out = Vec::with_capacity(self.len);
        for k in 0..self.len {
            let item = self.items.get_borrowed_item(self.start + k)?;
            out.push(view(item, self.lo + k, self.arg)?);
        }
        Ok(out)
    }

    /// Never reached: [`Seq::of`] declines on Windows.
    #[cfg(windows)]
    pub(crate) fn views(&self) -> PyResult<Vec<Option<&str>>> {
        Err(PyTypeError::new_err(format!("argument '{}' cannot be read in place here", self.arg)))
    }
}

#[cfg(windows)]
fn tuple_views<'a>(t: &'a Bound<'_, PyTuple>, arg: &str) -> PyResult<Vec<Option<&'a str>>> {
    // Never built on Windows (see `extract`); kept so that the enum is the same everywhere.
    Err(PyTypeError::new_err(format!("argument '{arg}' of {} values cannot be read in place here", t.len())))
}

#[cfg(not(windows))]
mod cpython {
    use pyo3::ffi::{Py_ssize_t, PyObject};
    use std::ffi::c_char;

    unsafe extern "C" {
        /// `const char *PyUnicode_AsUTF8AndSize(PyObject *unicode, Py_ssize_t *size)`, exported by
        /// every CPython since 3.3 (part of the limited API only since 3.10, hence not in pyo3's
        /// bindings for an abi3-py39 build).
        pub(super) fn PyUnicode_AsUTF8AndSize(unicode: *mut PyObject, size: *mut Py_ssize_t) -> *const c_char;
    }
}

/// Borrow the UTF-8 of a Python str for as long as the str itself is borrowed.
#[cfg(not(windows))]
pub(crate) fn borrow_utf8<'a>(s: Borrowed<'a, '_, PyString>) -> PyResult<&'a str> {
    let mut size: pyo3::ffi::Py_ssize_t = 0;
    // SAFETY: `s` is a live `str` object (a `Borrowed<PyString>` guarantees both) and we hold the
    // GIL (the `'py` lifetime of `Borrowed`), as the C API requires. The function returns either
    // NULL with a Python exception set, or a pointer to `size` bytes of valid UTF-8 that CPython
    // caches inside the str object (for a compact ASCII str, the object's own character data) and
    // frees only when the str is deallocated. Strings are immutable, so the bytes never change; the
    // returned slice's lifetime is tied to `'a`, the borrow that keeps the str alive.
    let data = unsafe { cpython::PyUnicode_AsUTF8AndSize(s.as_ptr(), &mut size) };
    if data.is_null() {
        return Err(PyErr::fetch(s.py()));
    }
    let len = usize::try_from(size).map_err(|_| PyValueError::new_err("negative string size"))?;
    // SAFETY: `data` is non-null and points to `len` initialised bytes that live for `'a` (above),
    // and they are valid UTF-8: CPython's strict UTF-8 encoder made them (a str holding a lone
    // surrogate has no UTF-8 form and makes the call fail instead). pyo3's own `to_str` relies on
    // the same guarantee.
    Ok(unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(data.cast::<u8>(), len)) })
}

/// The UTF-8 of a Python str: borrowed where the platform allows (see the module docs).
pub(crate) fn text_of<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    #[cfg(not(windows))]
    {
        borrow_utf8(s.as_borrowed()).map(Cow::Borrowed)
    }
    #[cfg(windows)]
    {
        s.to_cow()
    }
}

/// A `str` argument, borrowed without a copy where the platform allows (pyo3 would re-encode
/// every `&str` argument into a new `bytes` object under abi3-py39).
#[derive(Debug)]
pub(crate) struct Utf8<'a>(Cow<'a, str>);

impl std::ops::Deref for Utf8<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'a> FromPyObject<'a, '_> for Utf8<'a> {
    type Error = PyErr;

    fn extract(ob: Borrowed<'a, '_, PyAny>) -> PyResult<Self> {
        let s = ob.cast::<PyString>()?;
        #[cfg(not(windows))]
        return borrow_utf8(s).map(|t| Utf8(Cow::Borrowed(t)));
        #[cfg(windows)]
        return text_of(&s).map(|t| Utf8(Cow::Owned(t.into_owned())));
    }
}

/// Extract `obj` (list, tuple or `StringColumn`) as texts; `arg` names the argument in errors.
pub(crate) fn extract<'py>(obj: &Bound<'py, PyAny>, arg: &str) -> PyResult<Texts<'py>> {
    if let Ok(c) = obj.cast::<StringColumn>() {
        return Ok(Texts::Shared(c.clone()));
    }
    if cfg!(windows) {
        return Ok(Texts::Owned(column_from_sequence(obj, arg)?));
    }
    if let Ok(list) = obj.cast::<PyList>() {
        // A snapshot: the tuple holds a reference to every str, and another thread may mutate
        // the list while the GIL is released.
        return Ok(Texts::Python(list.to_tuple(), arg.to_owned()));
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return Ok(Texts::Python(tuple.clone(), arg.to_owned()));
    }
    Err(not_a_sequence(obj, arg))
}

/// Copy a list or tuple of `str | None` into a column.
pub(crate) fn column_from_sequence(obj: &Bound<'_, PyAny>, arg: &str) -> PyResult<Column> {
    let mut col = Column::new(arg);
    if let Ok(list) = obj.cast::<PyList>() {
        for (i, item) in list.iter().enumerate() {
            push_item(&mut col, &item, i, arg)?;
        }
    } else if let Ok(tuple) = obj.cast::<PyTuple>() {
        for (i, item) in tuple.iter().enumerate() {
            push_item(&mut col, &item, i, arg)?;
        }
    } else {
        return Err(not_a_sequence(obj, arg));
    }
    Ok(col)
}

fn not_a_sequence(obj: &Bound<'_, PyAny>, arg: &str) -> PyErr {
    PyTypeError::new_err(format!(
        "argument '{arg}' must be a list or tuple of str (or a StringColumn), not {}",
        type_name(obj)
    ))
}

fn not_a_str(item: &Bound<'_, PyAny>, i: usize, arg: &str) -> PyErr {
    PyTypeError::new_err(format!("element {i} of '{arg}' is {}, expected str or None", type_name(item)))
}

#[inline]
fn push_item(col: &mut Column, item: &Bound<'_, PyAny>, i: usize, arg: &str) -> PyResult<()> {
    if let Ok(s) = item.cast::<PyString>() {
        col.push(Some(&text_of(s)?));
    } else if item.is_none() {
        col.push(None);
    } else {
        return Err(not_a_str(item, i, arg));
    }
    Ok(())
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "an object".to_owned())
}

/// Validate Arrow string buffers and copy the slice `offset..offset+length` into a column.
pub(crate) fn column_from_arrow(
    data: &[u8],
    offsets: &[u8],
    validity: Option<&[u8]>,
    offset: usize,
    length: usize,
    large: bool,
) -> Result<Column, String> {
    let width = if large { 8 } else { 4 };
    let end = offset.checked_add(length).ok_or("offset + length overflows")?;
    let needed = end.checked_add(1).and_then(|n| n.checked_mul(width)).ok_or("offset + length overflows")?;
    if offsets.len() < needed {
        return Err(format!("offsets buffer has {} bytes, need {needed}", offsets.len()));
    }
    if let Some(v) = validity.filter(|v| v.len() * 8 < end) {
        return Err(format!("validity bitmap has {} bits, need {end}", v.len() * 8));
    }
    let read = |i: usize| -> Result<usize, String> {
        let b = &offsets[i * width..(i + 1) * width];
        let v = if large {
            i64::from_le_bytes(b.try_into().map_err(|_| "bad offset")?)
        } else {
            i64::from(i32::from_le_bytes(b.try_into().map_err(|_| "bad offset")?))
        };
        usize::try_from(v).map_err(|_| format!("negative offset {v} at {i}"))
    };
    let mut col = Column::new("arrow");
    let mut start = read(offset)?;
    for i in offset..end {
        let stop = read(i + 1)?;
        let valid = validity.is_none_or(|v| v[i / 8] >> (i % 8) & 1 == 1);
        if !valid {
            col.push(None);
        } else {
            let bytes = data
                .get(start..stop)
                .ok_or_else(|| format!("value {} spans bytes {start}..{stop} outside the data buffer", i - offset))?;
            let s = std::str::from_utf8(bytes).map_err(|e| format!("value {} is not UTF-8: {e}", i - offset))?;
            col.push(Some(s));
        }
        start = stop;
    }
    Ok(col)
}
