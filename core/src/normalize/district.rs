//! The 94 federal judicial districts: every spelling → the PACER court id (`E.D. Va.`, `EDVA`,
//! `Eastern District of Virginia` → `vaed`), and a state → its districts. The table is embedded
//! from `core/data/districts.csv`, so nothing is read at run time.
//!
//! STUB: being written (issue 2); the types are the contract.

/// One federal district.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct District {
    /// PACER/CM-ECF court id, e.g. `vaed`.
    pub court_id: String,
    /// Two-letter state code, e.g. `VA` (`DC`, `PR`, `GU`, `VI`, `MP` included).
    pub state_code: String,
    /// State name, e.g. `Virginia`.
    pub state: String,
    /// Full name, e.g. `Eastern District of Virginia`.
    pub name: String,
    /// Bluebook citation, e.g. `E.D. Va.`.
    pub short_citation: String,
    /// US Attorney's office abbreviation, e.g. `EDVA`.
    pub usao: String,
}

/// All districts, in the order of the embedded table. Index positions are stable ids.
pub fn all() -> &'static [District] {
    &[]
}

/// The index (into [`all`]) of the district `raw` names, in any spelling.
pub fn lookup_index(raw: &str) -> Option<usize> {
    let _ = raw;
    None
}

/// The district `raw` names, in any spelling.
pub fn lookup(raw: &str) -> Option<&'static District> {
    lookup_index(raw).map(|i| &all()[i])
}

/// The two-letter code of the state `raw` names (`Tennessee`, `Tenn.`, `TN`).
pub fn state_code(raw: &str) -> Option<&'static str> {
    let _ = raw;
    None
}

/// Indices (into [`all`]) of the districts in the state `raw` names.
pub fn state_districts(raw: &str) -> Vec<usize> {
    let _ = raw;
    Vec::new()
}

/// The JSON that `caselink normalize district` prints.
pub fn describe(raw: &str) -> serde_json::Value {
    match lookup(raw) {
        Some(d) => serde_json::json!({"input": raw, "court_id": d.court_id, "state": d.state_code, "name": d.name}),
        None => serde_json::json!({"input": raw, "court_id": null, "state": state_code(raw), "name": null}),
    }
}
