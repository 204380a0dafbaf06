//! Person names: parse docket style (`SMITH, JOHN M. JR. a/k/a "JD"`) and prose style
//! (`John M. Smith Jr.`) into parts, and tell real names from screen names, emails and
//! sealed placeholders.
//!
//! STUB: the parser is being written (issue 2); the types are the contract.

use serde::{Deserialize, Serialize};

/// What a name field actually holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// Nothing usable (empty or only punctuation).
    #[default]
    Empty,
    /// A person's name.
    Person,
    /// An online handle such as `jsmith87`.
    ScreenName,
    /// An email address.
    Email,
    /// A placeholder such as `SEALED DEFENDANT 3`.
    Sealed,
}

/// A parsed name. All parts are folded (lower case, no diacritics).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedName {
    /// What the field holds.
    pub kind: NameKind,
    /// Given (first) name; a single letter when only an initial was written.
    pub given: Option<String>,
    /// Middle names or initials, in order.
    pub middle: Vec<String>,
    /// Surname tokens in order (`de la cruz` → `["de", "la", "cruz"]`; `garcia-lopez` → `["garcia", "lopez"]`).
    pub surname: Vec<String>,
    /// Generational suffix: `jr`, `sr`, `ii`, `iii`, `iv`.
    pub suffix: Option<String>,
    /// Aliases (after a/k/a, aka, f/k/a, or quoted nicknames), each folded as written.
    pub aliases: Vec<String>,
    /// True when the order of given name and surname could not be told (e.g. `Smith John`).
    pub order_ambiguous: bool,
    /// For screen names and emails: the handle (email local part or screen name), folded.
    pub handle: Option<String>,
}

/// Parse a raw name field.
pub fn parse_name(raw: &str) -> ParsedName {
    let _ = raw;
    ParsedName::default()
}

/// The JSON that `caselink normalize name` prints.
pub fn describe(raw: &str) -> serde_json::Value {
    let p = parse_name(raw);
    serde_json::json!({
        "input": raw,
        "kind": p.kind,
        "given": p.given,
        "middle": p.middle,
        "surname": if p.surname.is_empty() { None } else { Some(p.surname.join(" ")) },
        "suffix": p.suffix,
        "aliases": p.aliases,
        "order_ambiguous": p.order_ambiguous,
        "handle": p.handle,
    })
}
