//! The three CyberTipline sources: their columns, and reading them with remapped names.

use std::path::Path;

use crate::data::{Column, CsvOptions, Dataset};
use crate::error::{Error, Result};

/// Referral columns (DESIGN §4), required ones first: the first four.
pub const REFERRAL_COLUMNS: [&str; 9] = [
    "report_id",
    "received_date",
    "suspect_name",
    "state",
    "esp",
    "city",
    "recipient_agency",
    "suspect_email",
    "suspect_screen_name",
];
/// Docket columns (DESIGN §4), required ones first: the first five.
pub const DOCKET_COLUMNS: [&str; 6] =
    ["docket_id", "case_number", "court_id", "defendant_name", "filed_date", "statute"];
/// Press-release columns (DESIGN §4), required ones first: the first four.
pub const RELEASE_COLUMNS: [&str; 12] = [
    "release_id",
    "date",
    "district",
    "defendant_name",
    "age",
    "city",
    "state",
    "event",
    "sentence_months",
    "tip_ref",
    "case_number",
    "text",
];

/// The kind of a record in a trace.
///
/// ```
/// use caselink::trace::Source;
/// assert_eq!(Source::PressRelease.name(), "press_release");
/// assert_eq!("docket".parse::<Source>().unwrap(), Source::Docket);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// A CyberTipline referral (NCMEC-style report).
    Referral,
    /// A federal court docket.
    Docket,
    /// A US Attorney press release.
    PressRelease,
}

impl Source {
    /// All three, in the order their records are numbered.
    pub const ALL: [Source; 3] = [Source::Referral, Source::Docket, Source::PressRelease];

    /// The name used in output files (`referral`, `docket`, `press_release`).
    pub fn name(self) -> &'static str {
        match self {
            Source::Referral => "referral",
            Source::Docket => "docket",
            Source::PressRelease => "press_release",
        }
    }

    /// The word used in `--map SOURCE.column=NAME` (`referrals`, `dockets`, `press`).
    pub fn map_prefix(self) -> &'static str {
        match self {
            Source::Referral => "referrals",
            Source::Docket => "dockets",
            Source::PressRelease => "press",
        }
    }

    /// The record id column.
    pub fn id_column(self) -> &'static str {
        match self {
            Source::Referral => "report_id",
            Source::Docket => "docket_id",
            Source::PressRelease => "release_id",
        }
    }

    /// Every standard column, required ones first.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Source::Referral => &REFERRAL_COLUMNS,
            Source::Docket => &DOCKET_COLUMNS,
            Source::PressRelease => &RELEASE_COLUMNS,
        }
    }

    fn n_required(self) -> usize {
        match self {
            Source::Referral => 4,
            Source::Docket => 5,
            Source::PressRelease => 4,
        }
    }

    /// Columns that must be present.
    pub fn required(self) -> &'static [&'static str] {
        &self.columns()[..self.n_required()]
    }

    /// Columns used when present (added empty when absent, so every spec can name them).
    pub fn optional(self) -> &'static [&'static str] {
        &self.columns()[self.n_required()..]
    }
}

impl std::str::FromStr for Source {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Source::ALL.into_iter().find(|x| x.name() == s || x.map_prefix() == s).ok_or_else(|| {
            Error::invalid_spec("source", format!("unknown source '{s}'; expected referrals, dockets or press"))
        })
    }
}

/// A column remapping: in `source`'s file, column `from` plays the role of `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    /// Which input.
    pub source: Source,
    /// The standard column name (e.g. `defendant_name`).
    pub to: String,
    /// The column name in the user's file (e.g. `NAME`).
    pub from: String,
}

impl std::str::FromStr for ColumnMap {
    type Err = Error;

    /// Parse `dockets.defendant_name=NAME`.
    ///
    /// ```
    /// use caselink::trace::{ColumnMap, Source};
    /// let m: ColumnMap = "dockets.defendant_name=NAME".parse().unwrap();
    /// assert_eq!((m.source, m.to.as_str(), m.from.as_str()), (Source::Docket, "defendant_name", "NAME"));
    /// assert!("defendant_name=NAME".parse::<ColumnMap>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self> {
        let bad = || {
            Error::invalid_spec("--map", format!("'{s}' is not SOURCE.column=NAME (e.g. dockets.defendant_name=NAME)"))
        };
        let (lhs, from) = s.split_once('=').ok_or_else(bad)?;
        let (src, to) = lhs.split_once('.').ok_or_else(bad)?;
        if to.is_empty() || from.is_empty() {
            return Err(bad());
        }
        Ok(ColumnMap { source: src.parse()?, to: to.to_owned(), from: from.to_owned() })
    }
}

/// Make a dataset fit `source`: apply the column maps, check required columns, add absent
/// optional columns as empty, and set the id column (rows with a missing or repeated id are
/// moved to `rejected`).
pub fn conform(mut d: Dataset, source: Source, maps: &[ColumnMap]) -> Result<Dataset> {
    for m in maps.iter().filter(|m| m.source == source) {
        d.rename_column(&m.from, &m.to)?;
    }
    for c in source.required() {
        d.column(c)?;
    }
    for c in source.optional() {
        if !d.has_column(c) {
            let mut col = Column::new(*c);
            for _ in 0..d.len() {
                col.push(None);
            }
            d.add_column(col)?;
        }
    }
    if d.id_column() != Some(source.id_column()) {
        d.set_id_column(source.id_column())?;
    }
    Ok(d)
}

/// Read one source's CSV file and [`conform`] it.
pub fn read(path: &Path, source: Source, maps: &[ColumnMap]) -> Result<Dataset> {
    let d = Dataset::from_csv_path(path, &CsvOptions::default())?;
    conform(d, source, maps)
}
