//! Given-name nickname groups (William ~ Bill ~ Will ~ Billy), written as data in the crate
//! (`core/data/nicknames.txt`, one group per line, formal name first).

use std::collections::HashMap;
use std::sync::LazyLock;

/// The embedded table: one group per line, the formal name first.
const DATA: &str = include_str!("../../data/nicknames.txt");

struct Table {
    /// The formal (first) name of each group, by group id.
    formal: Vec<&'static str>,
    /// Every name → the ids of the groups it belongs to (sorted, no duplicates).
    by_name: HashMap<&'static str, Vec<u16>>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut formal = Vec::new();
    let mut by_name: HashMap<&'static str, Vec<u16>> = HashMap::new();
    let lines = DATA.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
    for (id, line) in lines.enumerate() {
        // The table is far below u16::MAX groups; a longer table would be a build-time mistake.
        let id = u16::try_from(id).unwrap_or(u16::MAX);
        let mut names = line.split_whitespace();
        let Some(first) = names.next() else { continue };
        formal.push(first);
        for name in std::iter::once(first).chain(names) {
            let ids = by_name.entry(name).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    Table { formal, by_name }
});

/// The id of every nickname group `given` (folded) belongs to; empty when unknown.
/// A name can be in several groups (`al` is Albert, Alfred and Alan).
///
/// ```
/// use caselink::normalize::nickname::groups;
/// assert!(groups("al").len() >= 3);
/// assert!(groups("zzyzx").is_empty());
/// ```
pub fn groups(given: &str) -> &'static [u16] {
    TABLE.by_name.get(given).map(Vec::as_slice).unwrap_or(&[])
}

/// True when two folded given names are the same or nicknames of one another.
///
/// ```
/// use caselink::normalize::nickname::are_equivalent;
/// assert!(are_equivalent("william", "bill"));
/// assert!(are_equivalent("bob", "robbie"));
/// assert!(!are_equivalent("william", "robert"));
/// ```
pub fn are_equivalent(a: &str, b: &str) -> bool {
    a == b || groups(a).iter().any(|g| groups(b).contains(g))
}

/// The group's formal name when `name` (folded) is in exactly one group, else `name` itself;
/// a cheap blocking key that puts `bill` and `william` together.
///
/// ```
/// use caselink::normalize::nickname::canonical;
/// assert_eq!(canonical("bill"), "william");
/// assert_eq!(canonical("al"), "al"); // Albert, Alfred, Alan...: no single answer
/// assert_eq!(canonical("zzyzx"), "zzyzx");
/// ```
pub fn canonical(name: &str) -> &str {
    match groups(name) {
        [one] => TABLE.formal.get(usize::from(*one)).copied().unwrap_or(name),
        _ => name,
    }
}

/// True when `name` (folded) appears anywhere in the nickname table.
pub fn is_known(name: &str) -> bool {
    TABLE.by_name.contains_key(name)
}

/// Number of nickname groups in the embedded table.
pub fn group_count() -> usize {
    TABLE.formal.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_large_and_folded() {
        assert!(group_count() >= 150, "{} groups", group_count());
        for name in TABLE.by_name.keys() {
            assert!(name.bytes().all(|b| b.is_ascii_lowercase()), "{name:?} is not folded");
        }
    }

    #[test]
    fn symmetric_and_reflexive() {
        for (a, b) in [("william", "billy"), ("elizabeth", "betty"), ("margaret", "peggy"), ("richard", "dick")] {
            assert!(are_equivalent(a, b) && are_equivalent(b, a), "{a} {b}");
        }
        assert!(are_equivalent("unlisted", "unlisted"));
        assert!(!are_equivalent("unlisted", "other"));
    }
}
