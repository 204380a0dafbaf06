//! Columnar datasets of optional strings, and CSV reading that never drops a row silently.
//!
//! A [`Dataset`] stores each column as one contiguous UTF-8 buffer plus offsets, so a million
//! records cost a few allocations, not millions. Reading a CSV keeps going past bad rows: each
//! one becomes a [`Rejected`] entry naming the file, line and reason.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// One column: values stored back to back, `None` for missing.
///
/// ```
/// use caselink::data::Column;
/// let mut c = Column::new("name");
/// c.push(Some("Ann"));
/// c.push(None);
/// assert_eq!(c.get(0), Some("Ann"));
/// assert_eq!(c.get(1), None);
/// assert_eq!(c.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Column {
    name: String,
    bytes: String,
    /// `ends[i]` is the end offset of value i in `bytes`; value i starts at `ends[i-1]`.
    ends: Vec<usize>,
    present: Vec<bool>,
}

impl Column {
    /// An empty column called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Column { name: name.into(), ..Default::default() }
    }

    /// The column's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Append a value (`None` = missing).
    pub fn push(&mut self, value: Option<&str>) {
        if let Some(v) = value {
            self.bytes.push_str(v);
        }
        self.ends.push(self.bytes.len());
        self.present.push(value.is_some());
    }

    /// The value at `row`, `None` when missing or out of range.
    pub fn get(&self, row: usize) -> Option<&str> {
        if !*self.present.get(row)? {
            return None;
        }
        let start = if row == 0 { 0 } else { self.ends[row - 1] };
        Some(&self.bytes[start..self.ends[row]])
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Iterate over the values.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Option<&str>> + '_ {
        (0..self.len()).map(move |i| self.get(i))
    }

    /// Number of missing values.
    pub fn null_count(&self) -> usize {
        self.present.iter().filter(|p| !**p).count()
    }
}

/// A row that could not be read, with where and why.
///
/// ```
/// use caselink::data::Rejected;
/// let r = Rejected { file: "a.csv".into(), line: 3, reason: "expected 2 fields, found 3".into() };
/// assert_eq!(r.to_string(), "a.csv:3: expected 2 fields, found 3");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rejected {
    /// File or dataset name.
    pub file: String,
    /// 1-based line number where the record starts.
    pub line: u64,
    /// Why it was rejected.
    pub reason: String,
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

/// A table of optional strings with named columns and an optional record-id column.
///
/// ```
/// use caselink::Dataset;
/// let mut d = Dataset::new("people", &["id", "name"]).unwrap();
/// d.push_row(&[Some("1"), Some("Ann Lee")]).unwrap();
/// d.push_row(&[Some("2"), None]).unwrap();
/// d.set_id_column("id").unwrap();
/// assert_eq!(d.len(), 2);
/// assert_eq!(d.value(0, "name").unwrap(), Some("Ann Lee"));
/// assert_eq!(d.id(1), "2");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    name: String,
    columns: Vec<Column>,
    index: HashMap<String, usize>,
    id_column: Option<usize>,
    /// Source line of each row (1-based), when read from a file.
    lines: Vec<u64>,
    /// Rows that could not be read.
    pub rejected: Vec<Rejected>,
}

impl Dataset {
    /// An empty dataset with the given columns. Duplicate or empty column names are an error.
    pub fn new(name: impl Into<String>, columns: &[&str]) -> Result<Self> {
        let name = name.into();
        let mut d = Dataset { name, ..Default::default() };
        for (i, c) in columns.iter().enumerate() {
            d.add_column_name(c, i)?;
        }
        Ok(d)
    }

    fn add_column_name(&mut self, c: &str, position: usize) -> Result<()> {
        if c.trim().is_empty() {
            return Err(Error::BadData {
                file: self.name.clone(),
                line: 1,
                column: None,
                value: Some(c.to_owned()),
                reason: format!("column {} has an empty name; give every column a header", position + 1),
            });
        }
        if self.index.contains_key(c) {
            return Err(Error::BadData {
                file: self.name.clone(),
                line: 1,
                column: Some(c.to_owned()),
                value: None,
                reason: "duplicate column name; rename one of them".into(),
            });
        }
        self.index.insert(c.to_owned(), self.columns.len());
        self.columns.push(Column::new(c));
        Ok(())
    }

    /// The dataset's name (usually the file it came from).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.columns.first().map_or(self.lines.len(), Column::len)
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Column names in order.
    pub fn column_names(&self) -> Vec<&str> {
        self.columns.iter().map(Column::name).collect()
    }

    /// The column called `name`.
    pub fn column(&self, name: &str) -> Result<&Column> {
        self.index.get(name).map(|&i| &self.columns[i]).ok_or_else(|| self.missing(name))
    }

    /// True when the column exists.
    pub fn has_column(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }

    fn missing(&self, name: &str) -> Error {
        Error::ColumnNotFound {
            column: name.to_owned(),
            source_name: self.name.clone(),
            available: self.columns.iter().map(|c| c.name.clone()).collect(),
        }
    }

    /// The value at (`row`, `column`).
    pub fn value(&self, row: usize, column: &str) -> Result<Option<&str>> {
        Ok(self.column(column)?.get(row))
    }

    /// Append a row; its length must equal the number of columns.
    pub fn push_row(&mut self, values: &[Option<&str>]) -> Result<()> {
        if values.len() != self.columns.len() {
            return Err(Error::BadData {
                file: self.name.clone(),
                line: self.len() as u64 + 1,
                column: None,
                value: None,
                reason: format!("expected {} values, got {}", self.columns.len(), values.len()),
            });
        }
        for (c, v) in self.columns.iter_mut().zip(values) {
            c.push(*v);
        }
        self.lines.push(self.lines.len() as u64 + 1);
        Ok(())
    }

    /// Add a whole column (its length must match the dataset's, unless the dataset has no columns yet).
    pub fn add_column(&mut self, column: Column) -> Result<()> {
        if !self.columns.is_empty() && column.len() != self.len() {
            return Err(Error::BadData {
                file: self.name.clone(),
                line: 0,
                column: Some(column.name.clone()),
                value: None,
                reason: format!("column has {} rows, dataset has {}", column.len(), self.len()),
            });
        }
        let was_empty = self.columns.is_empty();
        let n = column.len();
        let name = column.name.clone();
        self.add_column_name(&name, self.columns.len())?;
        *self.columns.last_mut().expect("just added") = column;
        if was_empty {
            self.lines = (1..=n as u64).collect();
        }
        Ok(())
    }

    /// Rename a column (used for `--map source.column=NAME`).
    pub fn rename_column(&mut self, from: &str, to: &str) -> Result<()> {
        let i = *self.index.get(from).ok_or_else(|| self.missing(from))?;
        if from == to {
            return Ok(());
        }
        if self.index.contains_key(to) {
            return Err(Error::BadData {
                file: self.name.clone(),
                line: 1,
                column: Some(to.to_owned()),
                value: None,
                reason: format!("cannot rename '{from}' to '{to}': '{to}' already exists"),
            });
        }
        self.index.remove(from);
        self.index.insert(to.to_owned(), i);
        self.columns[i].name = to.to_owned();
        Ok(())
    }

    /// Use `column` as the record id. Rows with a missing or repeated id are moved to `rejected`.
    pub fn set_id_column(&mut self, column: &str) -> Result<()> {
        let ci = *self.index.get(column).ok_or_else(|| self.missing(column))?;
        let mut seen: HashMap<&str, u64> = HashMap::with_capacity(self.len());
        let mut bad: Vec<(usize, String)> = Vec::new();
        for (row, v) in self.columns[ci].iter().enumerate() {
            let line = self.lines[row];
            match v {
                None => bad.push((row, format!("missing id in column '{column}'"))),
                Some(id) => {
                    if let Some(first) = seen.insert(id, line) {
                        seen.insert(id, first);
                        bad.push((
                            row,
                            format!(
                                "duplicate id {} in column '{column}' (first seen on line {first})",
                                crate::error::clip(id)
                            ),
                        ));
                    }
                }
            }
        }
        drop(seen);
        if !bad.is_empty() {
            let drop_rows: Vec<usize> = bad.iter().map(|(r, _)| *r).collect();
            for (row, reason) in bad {
                self.rejected.push(Rejected { file: self.name.clone(), line: self.lines[row], reason });
            }
            self.remove_rows(&drop_rows);
        }
        self.id_column = Some(ci);
        Ok(())
    }

    fn remove_rows(&mut self, sorted_rows: &[usize]) {
        let mut drop = vec![false; self.len()];
        for &r in sorted_rows {
            drop[r] = true;
        }
        for c in &mut self.columns {
            let mut nc = Column::new(std::mem::take(&mut c.name));
            for (i, v) in c.iter().enumerate() {
                if !drop[i] {
                    nc.push(v);
                }
            }
            *c = nc;
        }
        self.lines = self.lines.iter().enumerate().filter(|(i, _)| !drop[*i]).map(|(_, l)| *l).collect();
    }

    /// The id column's name, if one is set.
    pub fn id_column(&self) -> Option<&str> {
        self.id_column.map(|i| self.columns[i].name.as_str())
    }

    /// The record id of `row`: the id column's value, or the 0-based row number when no id column is set.
    pub fn id(&self, row: usize) -> std::borrow::Cow<'_, str> {
        match self.id_column {
            Some(ci) => std::borrow::Cow::Borrowed(self.columns[ci].get(row).unwrap_or("")),
            None => std::borrow::Cow::Owned(row.to_string()),
        }
    }

    /// The source line (1-based) a row was read from.
    pub fn line(&self, row: usize) -> u64 {
        self.lines.get(row).copied().unwrap_or(row as u64 + 1)
    }

    /// Read a CSV file. See [`Dataset::from_csv_reader`].
    pub fn from_csv_path(path: impl AsRef<Path>, options: &CsvOptions) -> Result<Self> {
        let path = path.as_ref();
        let f = std::fs::File::open(path).map_err(|e| Error::io("read", path, e))?;
        Self::from_csv_reader(std::io::BufReader::new(f), &path.display().to_string(), options)
    }

    /// Read CSV from any reader; `name` is used in messages. The first record is the header.
    ///
    /// Values are trimmed; empty values are missing. A row that cannot be read (wrong number of
    /// fields, invalid UTF-8, NUL bytes, an over-long field, a quote left open at the end of the
    /// file) is added to `rejected` and reading goes on. A header problem (empty file, duplicate
    /// or empty column names, a required column missing) is an error, and so is a file in the
    /// wrong encoding: UTF-16, or Latin-1/Windows-1252 (every non-ASCII byte invalid as UTF-8
    /// and valid as Windows-1252), which is said once for the file rather than once per row.
    /// Line numbers count `\n`, `\r\n` and lone `\r` alike.
    ///
    /// ```
    /// use caselink::{Dataset, data::CsvOptions};
    /// let csv = "id,name\n1,Ann\n2,Bob,extra\n3,\n";
    /// let d = Dataset::from_csv_reader(csv.as_bytes(), "people.csv", &CsvOptions::default()).unwrap();
    /// assert_eq!(d.len(), 2);
    /// assert_eq!(d.rejected.len(), 1);
    /// assert_eq!(d.rejected[0].to_string(), "people.csv:3: expected 2 fields, found 3");
    /// assert_eq!(d.value(1, "name").unwrap(), None);
    /// ```
    pub fn from_csv_reader<R: Read>(reader: R, name: &str, options: &CsvOptions) -> Result<Self> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(options.delimiter)
            .from_reader(Scanner::new(reader));
        let mut record = csv::ByteRecord::new();
        let header = match rdr.read_byte_record(&mut record) {
            Ok(false) => {
                return Err(Error::BadData {
                    file: name.to_owned(),
                    line: 0,
                    column: None,
                    value: None,
                    reason: "file is empty: expected a header row naming the columns".into(),
                });
            }
            Ok(true) => record.clone(),
            Err(e) => return Err(csv_error(name, &e)),
        };
        let mut names: Vec<String> = Vec::with_capacity(header.len());
        if header.get(0).is_some_and(|f| f.starts_with(b"\xFF\xFE") || f.starts_with(b"\xFE\xFF")) {
            return Err(Error::BadData {
                file: name.to_owned(),
                line: 1,
                column: None,
                value: None,
                reason: "file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8".into(),
            });
        }
        for (i, field) in header.iter().enumerate() {
            let field = if i == 0 { field.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(field) } else { field };
            match std::str::from_utf8(field) {
                Ok(s) => names.push(s.trim().to_owned()),
                Err(_) => {
                    return Err(Error::BadData {
                        file: name.to_owned(),
                        line: 1,
                        column: None,
                        value: Some(String::from_utf8_lossy(field).into_owned()),
                        reason: format!("header field {} is not valid UTF-8; save the file as UTF-8", i + 1),
                    });
                }
            }
        }
        let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut d = Dataset::new(name, &name_refs)?;
        for req in &options.required {
            if !d.has_column(req) {
                return Err(d.missing(req));
            }
        }
        let width = names.len();
        let mut encoding = EncodingEvidence::default();
        // The last record read: its first and last line, and whether it was kept (to diagnose a
        // quote left open at the end of the file).
        let mut last: Option<(u64, u64, bool)> = None;
        loop {
            let before = rdr.position().line();
            match rdr.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    let line = match record.position() {
                        // csv counts lines at `\n` only, and ends a record at the `\r` of `\r\n`:
                        // in CRLF files a record "starts" one line early, on that `\n`, and in
                        // old Mac files (lone `\r`) every record is on line 1.
                        Some(p) => p.line() + rdr.get_mut().uncounted_breaks_before(p.byte()),
                        None => before,
                    };
                    let end_line = line + line_breaks(&record);
                    if record.len() == 1
                        && record.get(0).is_some_and(|f| f.iter().all(u8::is_ascii_whitespace))
                        && width > 1
                    {
                        // A blank line is not a record; csv already skips truly empty ones.
                        continue;
                    }
                    match check_row(&record, width, &names, options) {
                        Ok(text) => {
                            encoding.utf8_beyond_ascii |= !text.is_ascii();
                            for (i, c) in d.columns.iter_mut().enumerate() {
                                let s = record.range(i).and_then(|r| text.get(r)).unwrap_or_default().trim();
                                c.push(if s.is_empty() { None } else { Some(s) });
                            }
                            d.lines.push(line);
                            last = Some((line, end_line, true));
                        }
                        Err(problem) => {
                            let mut reason = problem.reason;
                            if let Some(column) = problem.invalid_utf8_column {
                                encoding.saw_invalid(line, &names[column], &record);
                            }
                            if record.len() != width && end_line > line {
                                reason.push_str(&format!(
                                    "; the record runs from line {line} to line {end_line}: is a quote unbalanced?"
                                ));
                            }
                            d.rejected.push(Rejected { file: name.to_owned(), line, reason });
                            last = Some((line, end_line, false));
                        }
                    }
                }
                Err(e) => {
                    // csv errors on a row (e.g. I/O) are fatal only when they are I/O.
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        return Err(csv_error(name, &e));
                    }
                    d.rejected.push(Rejected { file: name.to_owned(), line: before, reason: e.to_string() });
                    last = None;
                }
            }
        }
        // An odd number of quote characters means a quoted field was never closed: csv then reads
        // to the end of the file as one field. When that record spans lines, the lines it swallowed
        // would vanish inside one value, so the record is rejected instead of kept. (A stray quote
        // inside an unquoted field also makes the count odd; a legitimately multi-line last record
        // is then rejected too, with a reason saying where to look: better than hiding lines.)
        if rdr.get_ref().quotes % 2 == 1
            && let Some((line, end_line, accepted)) = last
            && end_line > line
            && accepted
        {
            let row = d.len() - 1;
            d.remove_rows(&[row]);
            d.rejected.push(Rejected {
                file: name.to_owned(),
                line,
                reason: format!(
                    "unclosed quote: the record starting here runs to the end of the file (line {end_line}); \
                     close the quote or escape it as \"\""
                ),
            });
        }
        if let Some(reason) = encoding.whole_file_latin1() {
            return Err(Error::BadData { file: name.to_owned(), line: 0, column: None, value: None, reason });
        }
        if let Some(id) = &options.id_column {
            d.set_id_column(id)?;
        }
        Ok(d)
    }

    /// Write the dataset as CSV with a header.
    pub fn write_csv<W: std::io::Write>(&self, writer: W) -> Result<()> {
        let mut w = csv::Writer::from_writer(writer);
        let wrap = |e: csv::Error| Error::io("write", self.name.clone(), std::io::Error::other(e));
        w.write_record(self.column_names()).map_err(wrap)?;
        for row in 0..self.len() {
            w.write_record(self.columns.iter().map(|c| c.get(row).unwrap_or(""))).map_err(wrap)?;
        }
        w.flush().map_err(|e| Error::io("write", self.name.clone(), e))?;
        Ok(())
    }
}

/// Line breaks inside a record's fields (quoted multi-line values), ignoring trailing ones.
fn line_breaks(record: &csv::ByteRecord) -> u64 {
    let bytes = record.as_slice();
    // Nearly every record is on one line: two vectorised searches instead of three byte loops.
    if !bytes.contains(&b'\n') && !bytes.contains(&b'\r') {
        return 0;
    }
    let end = bytes.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(0, |i| i + 1);
    let bytes = &bytes[..end];
    let lone_cr = bytes.iter().enumerate().filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n')).count();
    (bytes.iter().filter(|&&b| b == b'\n').count() + lone_cr) as u64
}

/// Why a row was rejected, and whether invalid UTF-8 was the reason (for encoding detection).
struct RowProblem {
    reason: String,
    invalid_utf8_column: Option<usize>,
}

/// The record's text (all its fields, as [`csv::ByteRecord::as_slice`] holds them) when the row
/// can be read, else the first problem found, field by field.
fn check_row<'r>(
    record: &'r csv::ByteRecord,
    width: usize,
    names: &[String],
    options: &CsvOptions,
) -> std::result::Result<&'r str, RowProblem> {
    let plain = |reason: String| RowProblem { reason, invalid_utf8_column: None };
    if record.len() != width {
        return Err(plain(format!("expected {width} fields, found {}", record.len())));
    }
    // A good row is checked in one pass over its bytes, not three per field. Each field must
    // start and end on a character boundary too: two fields that are each invalid can join into
    // valid UTF-8.
    let bytes = record.as_slice();
    if let Ok(text) = std::str::from_utf8(bytes)
        && !bytes.contains(&0)
        && (0..record.len()).filter_map(|i| record.range(i)).all(|r| {
            r.len() <= options.max_field_bytes && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
        })
    {
        return Ok(text);
    }
    // Unreachable without a problem: a row whose fields are each short, NUL-free UTF-8 passed.
    Err(first_problem(record, names, options).unwrap_or_else(|| plain("the row could not be read".to_owned())))
}

/// The first problem of a row of the right width, field by field (length, NUL, UTF-8); `None`
/// when every field can be read.
fn first_problem(record: &csv::ByteRecord, names: &[String], options: &CsvOptions) -> Option<RowProblem> {
    let plain = |reason: String| Some(RowProblem { reason, invalid_utf8_column: None });
    for (i, f) in record.iter().enumerate() {
        if f.len() > options.max_field_bytes {
            return plain(format!(
                "column '{}': field of {} bytes exceeds the limit of {} bytes",
                names[i],
                f.len(),
                options.max_field_bytes
            ));
        }
        if f.contains(&0) {
            return plain(format!("column '{}': contains a NUL byte", names[i]));
        }
        if let Err(e) = std::str::from_utf8(f) {
            return Some(RowProblem {
                reason: format!(
                    "column '{}': invalid UTF-8 at byte {} (is the file Latin-1/Windows-1252? save it as UTF-8)",
                    names[i],
                    e.valid_up_to()
                ),
                invalid_utf8_column: Some(i),
            });
        }
    }
    None
}

/// What the rows say about the file's encoding.
#[derive(Default)]
struct EncodingEvidence {
    /// Some accepted row holds (valid) UTF-8 beyond ASCII.
    utf8_beyond_ascii: bool,
    /// Rows rejected for invalid UTF-8.
    invalid_rows: u64,
    /// Every such row's non-ASCII bytes are defined in Windows-1252.
    all_cp1252: bool,
    /// The first such row: line and column.
    first: Option<(u64, String)>,
}

impl EncodingEvidence {
    fn saw_invalid(&mut self, line: u64, column: &str, record: &csv::ByteRecord) {
        // Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in Windows-1252.
        let cp1252 = record.as_slice().iter().all(|b| !matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D));
        if self.first.is_none() {
            self.first = Some((line, column.to_owned()));
            self.all_cp1252 = true;
        }
        self.invalid_rows += 1;
        self.all_cp1252 &= cp1252;
    }

    /// A file whose only non-ASCII text is invalid UTF-8 that reads as Windows-1252 is in that
    /// encoding. Rejecting just those rows would quietly drop every accented name, so the file
    /// is refused once, with the fix, instead.
    fn whole_file_latin1(&self) -> Option<String> {
        let (line, column) = self.first.as_ref()?;
        if self.utf8_beyond_ascii || !self.all_cp1252 {
            return None;
        }
        Some(format!(
            "the file looks like Latin-1/Windows-1252, not UTF-8: {} row(s) hold bytes that are not UTF-8 \
             (the first on line {line}, column '{column}') and no row holds UTF-8 text beyond ASCII; \
             convert it (e.g. iconv -f WINDOWS-1252 -t UTF-8) and read it again",
            self.invalid_rows
        ))
    }
}

/// Watches the bytes on their way to the csv parser: counts quotes (to tell an unclosed quote
/// from a multi-line field) and notes where a `\r\n`'s `\n` and a lone `\r` sit (to number
/// lines as an editor does). The parser lags the reads by at most its buffer, so few offsets are
/// kept at once.
struct Scanner<R> {
    inner: R,
    quotes: u64,
    offset: u64,
    prev_cr: bool,
    crlf_lf: std::collections::VecDeque<u64>,
    lone_cr: std::collections::VecDeque<u64>,
    lone_cr_passed: u64,
}

impl<R> Scanner<R> {
    fn new(inner: R) -> Self {
        Scanner {
            inner,
            quotes: 0,
            offset: 0,
            prev_cr: false,
            crlf_lf: Default::default(),
            lone_cr: Default::default(),
            lone_cr_passed: 0,
        }
    }

    /// Line breaks csv did not count before a record starting at byte `offset` (offsets must
    /// not decrease between calls): lone `\r`s before it, plus one when it starts on the `\n`
    /// of a `\r\n`.
    fn uncounted_breaks_before(&mut self, offset: u64) -> u64 {
        while self.crlf_lf.front().is_some_and(|&o| o < offset) {
            self.crlf_lf.pop_front();
        }
        while self.lone_cr.front().is_some_and(|&o| o < offset) {
            self.lone_cr.pop_front();
            self.lone_cr_passed += 1;
        }
        self.lone_cr_passed + u64::from(self.crlf_lf.front() == Some(&offset))
    }
}

impl<R: Read> Read for Scanner<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let got = &buf[..n];
        // Without a carriage return (the common case) only the quotes need counting, which the
        // compiler vectorises; the byte loop below runs for files with `\r`.
        if !self.prev_cr && !got.contains(&b'\r') {
            self.quotes += got.iter().filter(|&&b| b == b'"').count() as u64;
            self.offset += n as u64;
            return Ok(n);
        }
        for (i, &b) in got.iter().enumerate() {
            let at = self.offset + i as u64;
            match b {
                b'"' => self.quotes += 1,
                b'\n' if self.prev_cr => self.crlf_lf.push_back(at),
                _ => {}
            }
            if self.prev_cr && b != b'\n' {
                self.lone_cr.push_back(at - 1);
            }
            self.prev_cr = b == b'\r';
        }
        self.offset += n as u64;
        Ok(n)
    }
}

fn csv_error(name: &str, e: &csv::Error) -> Error {
    let line = e.position().map_or(0, csv::Position::line);
    match e.kind() {
        csv::ErrorKind::Io(io) => Error::io("read", name, std::io::Error::new(io.kind(), io.to_string())),
        _ => Error::BadData { file: name.to_owned(), line, column: None, value: None, reason: e.to_string() },
    }
}

/// How to read a CSV file.
///
/// ```
/// use caselink::data::CsvOptions;
/// let o = CsvOptions::default().with_id("report_id").require(&["report_id", "received_date"]);
/// assert_eq!(o.id_column.as_deref(), Some("report_id"));
/// assert_eq!(o.required.len(), 2);
/// ```
#[derive(Debug, Clone)]
pub struct CsvOptions {
    /// Field delimiter (default `,`).
    pub delimiter: u8,
    /// Column holding the record id; rows with a missing or duplicate id are rejected.
    pub id_column: Option<String>,
    /// Columns that must exist.
    pub required: Vec<String>,
    /// Longest field accepted; longer ones reject the row (default 1 MiB).
    pub max_field_bytes: usize,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions { delimiter: b',', id_column: None, required: Vec::new(), max_field_bytes: 1 << 20 }
    }
}

impl CsvOptions {
    /// Set the id column (it becomes required too).
    pub fn with_id(mut self, column: &str) -> Self {
        self.id_column = Some(column.to_owned());
        if !self.required.iter().any(|c| c == column) {
            self.required.push(column.to_owned());
        }
        self
    }

    /// Add required columns.
    pub fn require(mut self, columns: &[&str]) -> Self {
        for c in columns {
            if !self.required.iter().any(|r| r == c) {
                self.required.push((*c).to_owned());
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &[u8], o: &CsvOptions) -> Result<Dataset> {
        Dataset::from_csv_reader(s, "t.csv", o)
    }

    #[test]
    fn empty_file_is_an_error() {
        let e = read(b"", &CsvOptions::default()).unwrap_err();
        assert_eq!(e.code(), "bad_data");
        assert!(e.to_string().contains("t.csv:0: file is empty"), "{e}");
    }

    #[test]
    fn header_only_gives_zero_rows() {
        let d = read(b"id,name\n", &CsvOptions::default()).unwrap();
        assert_eq!(d.len(), 0);
        assert_eq!(d.column_names(), vec!["id", "name"]);
    }

    #[test]
    fn bom_and_crlf_are_handled() {
        let d = read(b"\xEF\xBB\xBFid,name\r\n1,Ann\r\n2,Bob\r\n", &CsvOptions::default()).unwrap();
        assert_eq!(d.column_names(), vec!["id", "name"]);
        assert_eq!(d.value(1, "name").unwrap(), Some("Bob"));
    }

    #[test]
    fn ragged_rows_are_rejected_with_line() {
        let d = read(b"a,b\n1,2\n1\n1,2,3\n4,5\n", &CsvOptions::default()).unwrap();
        assert_eq!(d.len(), 2);
        let lines: Vec<u64> = d.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 4]);
        assert_eq!(d.rejected[0].reason, "expected 2 fields, found 1");
        assert_eq!(d.line(1), 5);
    }

    #[test]
    fn invalid_utf8_row_is_rejected_naming_column() {
        let d = read("id,name\n1,Jos\u{e9}\n2,Ann\n".as_bytes(), &CsvOptions::default()).unwrap();
        assert_eq!(d.len(), 2);
        let d = read(b"id,name\n1,Jos\xe9\n2,Zo\xc3\xab\n", &CsvOptions::default()).unwrap();
        assert_eq!(d.len(), 1);
        assert!(d.rejected[0].reason.starts_with("column 'name': invalid UTF-8 at byte 3"), "{:?}", d.rejected);
    }

    #[test]
    fn a_whole_latin1_file_is_refused_once() {
        let e = read(b"id,name\n1,Jos\xe9\n2,Ann\n3,M\xfcller\n", &CsvOptions::default()).unwrap_err();
        assert_eq!(e.code(), "bad_data");
        let msg = e.to_string();
        assert!(msg.contains("looks like Latin-1/Windows-1252"), "{msg}");
        assert!(msg.contains("2 row(s)") && msg.contains("line 2, column 'name'"), "{msg}");
        // A byte undefined in Windows-1252 is not Latin-1 text: only that row goes.
        let d = read(b"id,name\n1,Jos\x81\n2,Ann\n", &CsvOptions::default()).unwrap();
        assert_eq!((d.len(), d.rejected.len()), (1, 1));
    }

    #[test]
    fn crlf_line_numbers_are_right() {
        for text in [
            "a,b\n1,2\n1\n3,\"x\ny\"\n5\n",
            "a,b\r\n1,2\r\n1\r\n3,\"x\r\ny\"\r\n5\r\n",
            "a,b\r1,2\r1\r3,\"x\ry\"\r5\r",
            "a,b\r\n1,2\n1\r3,\"x\r\ny\"\n5",
        ] {
            let d = read(text.as_bytes(), &CsvOptions::default()).unwrap();
            assert_eq!((d.line(0), d.line(1)), (2, 4), "{text:?}");
            let lines: Vec<u64> = d.rejected.iter().map(|r| r.line).collect();
            assert_eq!(lines, [3, 6], "{text:?}");
        }
    }

    #[test]
    fn utf16_is_named() {
        let e = read(b"\xff\xfei\x00d\x00\n\x00", &CsvOptions::default()).unwrap_err();
        assert!(e.to_string().contains("file is UTF-16"), "{e}");
    }

    #[test]
    fn an_unclosed_quote_never_hides_lines() {
        // In the middle: the swallowed lines make the field count wrong; the reason says why.
        let d = read(b"a,b,c\n1,\"x,q\n2,y,w\n3,z,v\n", &CsvOptions::default()).unwrap();
        assert_eq!((d.len(), d.rejected.len()), (0, 1));
        assert!(
            d.rejected[0].reason.contains("runs from line 2 to line 4: is a quote unbalanced?"),
            "{:?}",
            d.rejected
        );
        // In the last field: the count is right, but the record cannot be kept.
        let d = read(b"a,b\n1,x\n2,\"y\n3,z\n", &CsvOptions::default()).unwrap();
        assert_eq!((d.len(), d.rejected.len()), (1, 1));
        assert_eq!(d.rejected[0].line, 3);
        assert!(d.rejected[0].reason.starts_with("unclosed quote"), "{:?}", d.rejected);
        // A legitimate multi-line quoted field stays.
        let d = read(b"a,b\n1,\"x\ny\"\n", &CsvOptions::default()).unwrap();
        assert_eq!((d.len(), d.rejected.len()), (1, 0));
    }

    #[test]
    fn invalid_utf8_header_is_an_error() {
        let e = read(b"id,n\xe9m\n1,2\n", &CsvOptions::default()).unwrap_err();
        assert!(e.to_string().contains("header field 2 is not valid UTF-8"), "{e}");
    }

    #[test]
    fn nul_bytes_are_rejected() {
        let d = read(b"id,name\n1,A\x00B\n", &CsvOptions::default()).unwrap();
        assert_eq!(d.len(), 0);
        assert_eq!(d.rejected[0].reason, "column 'name': contains a NUL byte");
    }

    #[test]
    fn oversized_field_is_rejected() {
        let mut data = b"id,text\n1,".to_vec();
        data.extend(std::iter::repeat_n(b'x', 2000));
        data.extend(b"\n2,ok\n");
        let o = CsvOptions { max_field_bytes: 1000, ..Default::default() };
        let d = read(&data, &o).unwrap();
        assert_eq!(d.len(), 1);
        assert!(d.rejected[0].reason.contains("field of 2000 bytes exceeds the limit of 1000 bytes"));
    }

    #[test]
    fn duplicate_and_missing_ids_are_rejected() {
        let o = CsvOptions::default().with_id("id");
        let d = read(b"id,name\n1,A\n1,B\n,C\n2,D\n", &o).unwrap();
        assert_eq!(d.len(), 2);
        assert_eq!(d.id(0), "1");
        assert_eq!(d.id(1), "2");
        assert_eq!(d.value(1, "name").unwrap(), Some("D"));
        assert_eq!(d.rejected.len(), 2);
        assert_eq!(d.rejected[0].reason, "duplicate id \"1\" in column 'id' (first seen on line 2)");
        assert_eq!(d.rejected[0].line, 3);
        assert_eq!(d.rejected[1].reason, "missing id in column 'id'");
        assert_eq!(d.line(1), 5);
    }

    #[test]
    fn missing_required_column_is_typed() {
        let o = CsvOptions::default().require(&["dob"]);
        let e = read(b"id,name\n1,A\n", &o).unwrap_err();
        assert_eq!(e.code(), "column_not_found");
        assert!(e.to_string().contains("column 'dob' not found in t.csv (available: id, name)"), "{e}");
    }

    #[test]
    fn duplicate_column_names_are_an_error() {
        let e = read(b"id,name,name\n1,A,B\n", &CsvOptions::default()).unwrap_err();
        assert!(e.to_string().contains("column 'name': duplicate column name"), "{e}");
    }

    #[test]
    fn quoted_fields_with_newlines_keep_line_numbers() {
        let d = read(b"id,text\n1,\"a\nb\"\n2,c,d\n", &CsvOptions::default()).unwrap();
        assert_eq!(d.value(0, "text").unwrap(), Some("a\nb"));
        assert_eq!(d.rejected[0].line, 4);
    }

    #[test]
    fn whitespace_only_is_missing() {
        let d = read(b"id,name\n1,   \n", &CsvOptions::default()).unwrap();
        assert_eq!(d.value(0, "name").unwrap(), None);
    }

    #[test]
    fn write_then_read_round_trips() {
        let d = read(b"id,name\n1,\"Smith, John\"\n2,\n", &CsvOptions::default()).unwrap();
        let mut out = Vec::new();
        d.write_csv(&mut out).unwrap();
        let d2 = read(&out, &CsvOptions::default()).unwrap();
        assert_eq!(d2.value(0, "name").unwrap(), Some("Smith, John"));
        assert_eq!(d2.value(1, "name").unwrap(), None);
    }

    #[test]
    fn rename_column_works_and_checks_clashes() {
        let mut d = read(b"id,NAME\n1,A\n", &CsvOptions::default()).unwrap();
        d.rename_column("NAME", "name").unwrap();
        assert_eq!(d.value(0, "name").unwrap(), Some("A"));
        assert!(d.rename_column("name", "id").is_err());
        assert_eq!(d.rename_column("nope", "x").unwrap_err().code(), "column_not_found");
    }

    /// A reader handing out its bytes in the given chunk sizes (cycled), as files and pipes do.
    struct Chunked<'a> {
        bytes: &'a [u8],
        sizes: Vec<usize>,
        n: usize,
    }

    impl Read for Chunked<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let want = self.sizes[self.n % self.sizes.len()].min(buf.len()).min(self.bytes.len());
            self.n += 1;
            buf[..want].copy_from_slice(&self.bytes[..want]);
            self.bytes = &self.bytes[want..];
            Ok(want)
        }
    }

    /// The reference twin of [`Scanner`]: quotes, `\n`s of `\r\n` and lone `\r`s, byte by byte
    /// over the whole input.
    fn scan_naive(bytes: &[u8]) -> (u64, Vec<u64>, Vec<u64>) {
        let quotes = bytes.iter().filter(|&&b| b == b'"').count() as u64;
        let crlf = (1..bytes.len()).filter(|&i| bytes[i] == b'\n' && bytes[i - 1] == b'\r').map(|i| i as u64).collect();
        // A `\r` at the very end is not known to be lone until more bytes come: not counted.
        let lone = (0..bytes.len().saturating_sub(1))
            .filter(|&i| bytes[i] == b'\r' && bytes[i + 1] != b'\n')
            .map(|i| i as u64)
            .collect();
        (quotes, crlf, lone)
    }

    proptest::proptest! {
        #[test]
        fn scanner_matches_its_byte_by_byte_twin(
            bytes in proptest::collection::vec(proptest::sample::select(b"ab\"\r\n,".to_vec()), 0..300),
            sizes in proptest::collection::vec(1usize..40, 1..6),
        ) {
            let mut sc = Scanner::new(Chunked { bytes: &bytes, sizes, n: 0 });
            let mut sink = Vec::new();
            sc.read_to_end(&mut sink).unwrap();
            proptest::prop_assert_eq!(&sink, &bytes);
            let got = (sc.quotes, Vec::from(sc.crlf_lf.clone()), Vec::from(sc.lone_cr.clone()));
            proptest::prop_assert_eq!(got, scan_naive(&bytes));
        }

        #[test]
        fn check_row_agrees_with_the_field_by_field_check(
            fields in proptest::collection::vec(
                proptest::collection::vec(proptest::sample::select(vec![b'a', b' ', 0, 0xC3, 0xA9, 0xE2, 0x82, 0xAC]), 0..8),
                3,
            ),
            max in 2usize..8,
        ) {
            let record = csv::ByteRecord::from(fields.clone());
            let names: Vec<String> = ["x", "y", "z"].map(String::from).to_vec();
            let options = CsvOptions { max_field_bytes: max, ..CsvOptions::default() };
            match (check_row(&record, 3, &names, &options), first_problem(&record, &names, &options)) {
                (Ok(text), None) => proptest::prop_assert_eq!(text.as_bytes(), fields.concat()),
                (Err(fast), Some(slow)) => {
                    proptest::prop_assert_eq!(fast.reason, slow.reason);
                    proptest::prop_assert_eq!(fast.invalid_utf8_column, slow.invalid_utf8_column);
                }
                (fast, slow) => proptest::prop_assert!(false, "fast ok: {}, slow problem: {}", fast.is_ok(), slow.is_some()),
            }
        }
    }
}
