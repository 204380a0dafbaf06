//! Given-name nickname groups (William ~ Bill ~ Will ~ Billy), written as data in the crate.
//!
//! STUB: the table is being written (issue 2); the functions are the contract.

/// The id of every nickname group `given` (folded) belongs to; empty when unknown.
/// A name can be in several groups (`al` is Albert, Alfred and Alan).
pub fn groups(given: &str) -> &'static [u16] {
    let _ = given;
    &[]
}

/// True when two folded given names are the same or nicknames of one another.
pub fn are_equivalent(a: &str, b: &str) -> bool {
    a == b || groups(a).iter().any(|g| groups(b).contains(g))
}
