//! Phonetic keys for blocking: Soundex and Double Metaphone.
//!
//! STUB: being written (issue 2); the functions are the contract.

/// American Soundex code (`Robert` → `R163`); empty when `s` has no ASCII letters after folding.
pub fn soundex(s: &str) -> String {
    let _ = s;
    String::new()
}

/// Double Metaphone primary and alternate keys.
pub fn double_metaphone(s: &str) -> (String, String) {
    let _ = s;
    (String::new(), String::new())
}

/// The JSON that `caselink normalize phonetic` prints.
pub fn describe(raw: &str) -> serde_json::Value {
    let (p, a) = double_metaphone(raw);
    serde_json::json!({ "input": raw, "soundex": soundex(raw), "metaphone": p, "metaphone_alt": a })
}
