//! Reference numbers: CyberTipline report numbers (8–9 digits) and federal docket numbers in
//! all their spellings (`3:18-CR-178-TAV-HBG`, `18-cr-178`, `3:CR-20-197`, `1:21cr123`, …),
//! canonicalised to `office:yy-type-nnnnn`.
//!
//! STUB: being written (issue 2); the types are the contract.

use serde::{Deserialize, Serialize};

/// A federal docket number's parts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DocketNumber {
    /// Divisional office number (the `3` in `3:18-cr-178`), when written.
    pub office: Option<u8>,
    /// Two-digit year.
    pub year: u8,
    /// Case type, lower case: `cr`, `mj`, `cv`, `po`, …
    pub case_type: String,
    /// Sequence number.
    pub seq: u32,
}

impl DocketNumber {
    /// Canonical text: `3:18-cr-00178`, or `18-cr-00178` without an office.
    ///
    /// ```
    /// use caselink::normalize::reference::DocketNumber;
    /// let d = DocketNumber { office: Some(3), year: 18, case_type: "cr".into(), seq: 178 };
    /// assert_eq!(d.canonical(), "3:18-cr-00178");
    /// ```
    pub fn canonical(&self) -> String {
        match self.office {
            Some(o) => format!("{o}:{:02}-{}-{:05}", self.year, self.case_type, self.seq),
            None => format!("{:02}-{}-{:05}", self.year, self.case_type, self.seq),
        }
    }
}

/// A parsed reference number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reference {
    /// A CyberTipline report number.
    Cybertip {
        /// The number.
        number: u64,
    },
    /// A federal docket number.
    Docket(DocketNumber),
}

/// Parse a CyberTipline report number (8–9 digits, with or without `#`, `No.`, `CyberTip`).
pub fn parse_cybertip(raw: &str) -> Option<u64> {
    let _ = raw;
    None
}

/// Parse a federal docket number.
pub fn parse_docket(raw: &str) -> Option<DocketNumber> {
    let _ = raw;
    None
}

/// Parse either kind (docket numbers are tried first).
pub fn parse_reference(raw: &str) -> Option<Reference> {
    parse_docket(raw)
        .map(Reference::Docket)
        .or_else(|| parse_cybertip(raw).map(|number| Reference::Cybertip { number }))
}

/// The JSON that `caselink normalize reference` prints.
pub fn describe(raw: &str) -> serde_json::Value {
    match parse_reference(raw) {
        Some(Reference::Cybertip { number }) => {
            serde_json::json!({"input": raw, "kind": "cybertip", "canonical": number.to_string(), "number": number})
        }
        Some(Reference::Docket(d)) => {
            serde_json::json!({"input": raw, "kind": "docket", "canonical": d.canonical(), "office": d.office, "year": d.year, "case_type": d.case_type, "seq": d.seq})
        }
        None => serde_json::json!({"input": raw, "kind": null, "canonical": null}),
    }
}
