//! Parse each raw value once into a prepared form: names, dates, districts, reference numbers,
//! phonetic keys. Every normalizer has a `describe` function giving the JSON that
//! `caselink normalize KIND` prints, so users can check what the engine makes of their spellings.

pub mod date;
pub mod district;
pub mod name;
pub mod nickname;
pub mod phonetic;
pub mod reference;
pub mod statute;
pub mod text;

/// The kinds `caselink normalize` accepts.
pub const KINDS: [&str; 6] = ["name", "date", "district", "reference", "phonetic", "statute"];

/// Describe `value` as normalizer `kind` would parse it, as a JSON object.
///
/// ```
/// let v = caselink::normalize::describe("name", "SMITH, JOHN").unwrap();
/// assert!(v.is_object());
/// assert_eq!(caselink::normalize::describe("district", "E.D. Tenn.").unwrap()["court_id"], "tned");
/// assert!(caselink::normalize::describe("colour", "x").is_none());
/// ```
pub fn describe(kind: &str, value: &str) -> Option<serde_json::Value> {
    Some(match kind {
        "name" => name::describe(value),
        "date" => date::describe(value, &date::DateOptions::default()),
        "district" => district::describe(value),
        "reference" => reference::describe(value),
        "phonetic" => phonetic::describe(value),
        "statute" => statute::describe(value),
        _ => return None,
    })
}
