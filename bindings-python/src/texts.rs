//! Getting many strings out of Python fast.
//!
//! A batch call first copies every string into one Rust buffer (a core [`Column`]) while holding
//! the GIL, then computes with the GIL released. With the abi3-py310 ABI, `to_cow` borrows each
//! str's cached UTF-8 (`PyUnicode_AsUTF8AndSize`), so the copy is one `memcpy` per value.
//! Arrow arrays skip per-element Python objects entirely: [`StringColumn::from_arrow`] reads the
//! offsets/data/validity buffers.

use caselink::data::Column;
use pyo3::exceptions::{PyTypeError, PyValueError};
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

/// Strings taken from a Python argument, owned or shared with a [`StringColumn`].
#[derive(Debug)]
pub(crate) enum Texts<'py> {
    /// Copied from a list/tuple.
    Owned(Column),
    /// A `StringColumn` passed in.
    Shared(Bound<'py, StringColumn>),
}

impl Texts<'_> {
    /// The underlying column.
    pub(crate) fn column(&self) -> &Column {
        match self {
            Texts::Owned(c) => c,
            Texts::Shared(b) => &b.get().inner,
        }
    }

    /// One `Option<&str>` per value, ready to hand to a detached computation.
    pub(crate) fn views(&self) -> Vec<Option<&str>> {
        self.column().iter().collect()
    }
}

/// Extract `obj` (list, tuple or `StringColumn`) as texts; `arg` names the argument in errors.
pub(crate) fn extract<'py>(obj: &Bound<'py, PyAny>, arg: &str) -> PyResult<Texts<'py>> {
    if let Ok(c) = obj.cast::<StringColumn>() {
        return Ok(Texts::Shared(c.clone()));
    }
    Ok(Texts::Owned(column_from_sequence(obj, arg)?))
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
        return Err(PyTypeError::new_err(format!(
            "argument '{arg}' must be a list or tuple of str (or a StringColumn), not {}",
            type_name(obj)
        )));
    }
    Ok(col)
}

#[inline]
fn push_item(col: &mut Column, item: &Bound<'_, PyAny>, i: usize, arg: &str) -> PyResult<()> {
    if let Ok(s) = item.cast::<PyString>() {
        col.push(Some(&s.to_cow()?));
    } else if item.is_none() {
        col.push(None);
    } else {
        return Err(PyTypeError::new_err(format!(
            "element {i} of '{arg}' is {}, expected str or None",
            type_name(item)
        )));
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
