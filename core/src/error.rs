//! One error type for the whole engine.
//!
//! Every variant carries the offending value and says what to do next, so the Python and C
//! surfaces can show the same message. [`Error::code`] is a stable snake_case identifier and
//! [`Error::family`] groups variants the way DESIGN §6 maps them onto Python exceptions and C
//! status codes.

use std::path::PathBuf;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The families of errors, one per Python exception class and C status code.
///
/// ```
/// use caselink::{Error, ErrorFamily};
/// let e = Error::invalid_spec("comparisons[0].type", "unknown type 'fuzzy'");
/// assert_eq!(e.family(), ErrorFamily::Spec);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorFamily {
    /// The linkage spec is invalid.
    Spec,
    /// A column named by the spec or the caller is missing.
    Column,
    /// Input data cannot be read as asked.
    Data,
    /// The operating system refused a read or write.
    Io,
    /// A model or index file is corrupt or from an incompatible version.
    Model,
    /// A configured resource limit would be exceeded.
    Limit,
}

/// Everything that can go wrong in caselink.
///
/// ```
/// use caselink::Error;
/// let e = Error::ColumnNotFound { column: "dob".into(), source_name: "left.csv".into(), available: vec!["id".into(), "name".into()] };
/// assert_eq!(e.code(), "column_not_found");
/// assert!(e.to_string().contains("dob"));
/// assert!(e.to_string().contains("id, name"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The spec is invalid at `path` (a dotted path inside the spec, e.g. `comparisons[2].levels`).
    #[error("invalid spec at {path}: {reason}")]
    InvalidSpec {
        /// Where in the spec the problem is.
        path: String,
        /// What is wrong and how to fix it.
        reason: String,
    },

    /// A column is missing from a dataset.
    #[error(
        "column '{column}' not found in {source_name} (available: {}); rename the column or remap it (e.g. --map {column}=OTHER)",
        available.join(", ")
    )]
    ColumnNotFound {
        /// The missing column.
        column: String,
        /// The dataset (usually a file path) that lacks it.
        source_name: String,
        /// The columns that do exist.
        available: Vec<String>,
    },

    /// Input data cannot be read at all (as opposed to a row that is rejected).
    #[error("{file}:{line}{}: {reason}{}", column.as_ref().map(|c| format!(": column '{c}'")).unwrap_or_default(), value.as_ref().map(|v| format!(" (value: {})", crate::error::clip(v))).unwrap_or_default())]
    BadData {
        /// File (or dataset name) the data came from.
        file: String,
        /// 1-based line number (0 when the problem is the file as a whole).
        line: u64,
        /// Column, when one is to blame.
        column: Option<String>,
        /// Offending value, when there is one (clipped when displayed).
        value: Option<String>,
        /// What is wrong and what to do.
        reason: String,
    },

    /// Reading or writing a file failed.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done ("read", "write", "create directory").
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },

    /// A model or index file is corrupt, truncated or from an incompatible version.
    #[error("bad model file{}: {reason}", path.as_ref().map(|p| format!(" {p}")).unwrap_or_default())]
    BadModel {
        /// The file, when known.
        path: Option<String>,
        /// What is wrong.
        reason: String,
    },

    /// A resource limit would be exceeded (e.g. a blocking rule producing too many pairs).
    #[error("limit exceeded: {what} ({actual} > limit {limit}); {hint}")]
    LimitExceeded {
        /// What was being counted, naming the rule or key.
        what: String,
        /// How many there would have been (or a lower bound).
        actual: u64,
        /// The configured limit.
        limit: u64,
        /// How to proceed.
        hint: String,
    },
}

impl Error {
    /// Build an [`Error::InvalidSpec`].
    pub fn invalid_spec(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidSpec { path: path.into(), reason: reason.into() }
    }

    /// Build an [`Error::BadModel`].
    pub fn bad_model(path: Option<&str>, reason: impl Into<String>) -> Self {
        Error::BadModel { path: path.map(str::to_owned), reason: reason.into() }
    }

    /// Build an [`Error::Io`].
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { action, path: path.into(), source }
    }

    /// A stable snake_case identifier for the variant.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidSpec { .. } => "invalid_spec",
            Error::ColumnNotFound { .. } => "column_not_found",
            Error::BadData { .. } => "bad_data",
            Error::Io { .. } => "io",
            Error::BadModel { .. } => "bad_model",
            Error::LimitExceeded { .. } => "limit_exceeded",
        }
    }

    /// The family this error belongs to (one per Python exception / C status code).
    pub fn family(&self) -> ErrorFamily {
        match self {
            Error::InvalidSpec { .. } => ErrorFamily::Spec,
            Error::ColumnNotFound { .. } => ErrorFamily::Column,
            Error::BadData { .. } => ErrorFamily::Data,
            Error::Io { .. } => ErrorFamily::Io,
            Error::BadModel { .. } => ErrorFamily::Model,
            Error::LimitExceeded { .. } => ErrorFamily::Limit,
        }
    }
}

/// Values in messages are clipped so a 10 MB field cannot flood a terminal or a log.
pub(crate) fn clip(v: &str) -> String {
    const MAX: usize = 80;
    if v.chars().count() <= MAX {
        format!("{v:?}")
    } else {
        let head: String = v.chars().take(MAX).collect();
        format!("{head:?}… ({} bytes)", v.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_data_names_file_line_column_and_value() {
        let e = Error::BadData {
            file: "dockets.csv".into(),
            line: 7,
            column: Some("filed_date".into()),
            value: Some("x".repeat(500)),
            reason: "not a date".into(),
        };
        let msg = e.to_string();
        assert!(msg.starts_with("dockets.csv:7: column 'filed_date': not a date"), "{msg}");
        assert!(msg.contains("(500 bytes)"), "long values are clipped: {msg}");
        assert!(msg.len() < 200);
        assert_eq!(e.code(), "bad_data");
        assert_eq!(e.family(), ErrorFamily::Data);
    }

    #[test]
    fn io_error_keeps_source() {
        let e = Error::io("read", "/nope.csv", std::io::Error::from(std::io::ErrorKind::NotFound));
        assert_eq!(e.code(), "io");
        assert!(e.to_string().starts_with("cannot read /nope.csv"));
        assert!(std::error::Error::source(&e).is_some());
    }

    #[test]
    fn codes_are_distinct() {
        let all = [
            Error::invalid_spec("a", "b"),
            Error::ColumnNotFound { column: "c".into(), source_name: "s".into(), available: vec![] },
            Error::BadData { file: "f".into(), line: 1, column: None, value: None, reason: "r".into() },
            Error::io("read", "p", std::io::Error::other("x")),
            Error::bad_model(None, "r"),
            Error::LimitExceeded { what: "w".into(), actual: 2, limit: 1, hint: "h".into() },
        ];
        let codes: std::collections::HashSet<_> = all.iter().map(Error::code).collect();
        assert_eq!(codes.len(), all.len());
    }
}
