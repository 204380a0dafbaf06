//! Extracted records as the press-release table `trace` links (`caselink trace --press-text DIR`).

use std::collections::HashMap;
use std::path::Path;

use super::{ExtractedRecord, extract};
use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::normalize::date::iso;

/// The press-release columns filled from extracted records, in order (the trace's standard set).
pub use crate::trace::RELEASE_COLUMNS as PRESS_COLUMNS;

/// Turn extracted records into a press-release dataset; `doc_ids[i]` is the document of
/// `records[i]`. A document with several defendants gives `doc#1`, `doc#2`, … as release ids; the
/// date is the event date, else the document date (ISO); `tip_ref` and `case_number` take the
/// first number found; `text` is left empty.
///
/// ```
/// let recs = caselink::extract::extract(
///     "KNOXVILLE, Tenn. – Darren Lee Whitfield, 41, of Knoxville, was sentenced on March 4, 2021 to 180 months \
///      in federal prison, announced the U.S. Attorney for the Eastern District of Tennessee.",
///     None,
/// );
/// let ids = vec!["a.txt"; recs.len()];
/// let d = caselink::extract::to_press_releases(&recs, &ids).unwrap();
/// assert_eq!(d.value(0, "release_id").unwrap(), Some("a.txt"));
/// assert_eq!(d.value(0, "date").unwrap(), Some("2021-03-04"));
/// assert_eq!(d.value(0, "district").unwrap(), Some("tned"));
/// ```
pub fn to_press_releases(records: &[ExtractedRecord], doc_ids: &[&str]) -> Result<Dataset> {
    if records.len() != doc_ids.len() {
        return Err(Error::invalid_spec(
            "doc_ids",
            format!("{} records but {} document ids", records.len(), doc_ids.len()),
        ));
    }
    let mut d = Dataset::new("press-text", &PRESS_COLUMNS)?;
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for id in doc_ids {
        counts.entry(id).or_default().0 += 1;
    }
    for (r, id) in records.iter().zip(doc_ids) {
        let (total, seen) = counts.get_mut(id).expect("counted above");
        *seen += 1;
        let release_id = if *total > 1 { format!("{id}#{seen}") } else { (*id).to_string() };
        let date = r.event_date.or(r.doc_date).map(iso);
        let age = r.age.map(|a| a.to_string());
        let months = r.sentence_months.map(|m| m.to_string());
        let tip = r.tip_numbers.first().map(u64::to_string);
        d.push_row(&[
            Some(release_id.as_str()),
            date.as_deref(),
            r.district.as_deref(),
            r.defendant_name.as_deref(),
            age.as_deref(),
            r.city.as_deref(),
            r.state.as_deref(),
            r.event.map(|e| e.as_str()),
            months.as_deref(),
            tip.as_deref(),
            r.case_numbers.first().map(String::as_str),
            None,
        ])?;
    }
    Ok(d)
}

/// Extract every file of `dir` (one file = one document, sorted by name; hidden files and
/// sub-directories skipped) into a press-release dataset whose ids are `prefix` + file name.
pub fn read_press_text_dir(dir: &Path, prefix: &str) -> Result<Dataset> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io("read directory", dir, e))?;
    let mut paths = Vec::new();
    for e in entries {
        let path = e.map_err(|e| Error::io("read directory", dir, e))?.path();
        let hidden = path.file_name().and_then(|n| n.to_str()).is_none_or(|n| n.starts_with('.'));
        if path.is_file() && !hidden {
            paths.push(path);
        }
    }
    paths.sort();
    let mut records = Vec::new();
    let mut ids = Vec::new();
    for path in &paths {
        let bytes = std::fs::read(path).map_err(|e| Error::io("read", path, e))?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for r in extract(&String::from_utf8_lossy(&bytes), None) {
            records.push(r);
            ids.push(format!("{prefix}{name}"));
        }
    }
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    to_press_releases(&records, &id_refs)
}

/// `base` with the rows of `extra` appended (columns of `base`; a column `extra` lacks is empty).
pub fn append_rows(base: &Dataset, extra: &Dataset) -> Result<Dataset> {
    let names: Vec<&str> = base.column_names();
    let mut out = Dataset::new(base.name(), &names)?;
    out.rejected = base.rejected.clone();
    for (d, n) in [(base, base.len()), (extra, extra.len())] {
        for row in 0..n {
            let values: Vec<Option<&str>> =
                names.iter().map(|c| if d.has_column(c) { d.value(row, c).ok().flatten() } else { None }).collect();
            out.push_row(&values)?;
        }
    }
    Ok(out)
}
