//! District comparison: same district / same state (including a state value that contains
//! the district) / else.

use std::sync::OnceLock;

use super::{ELSE, Level, NULL};
use crate::normalize::district;

/// A district or state value prepared for comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PreparedDistrict {
    /// Index into [`district::all`] when the value names a district; `None` for a state.
    pub district: Option<u16>,
    /// Index of the state (see [`state_index`]).
    pub state: u16,
}

fn states() -> &'static Vec<String> {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        let mut v: Vec<String> = district::all().iter().map(|d| d.state_code.clone()).collect();
        v.sort();
        v.dedup();
        v
    })
}

/// A stable small index of a two-letter state code among the districts' states.
pub fn state_index(code: &str) -> Option<u16> {
    states().binary_search_by(|s| s.as_str().cmp(code)).ok().map(|i| i as u16)
}

/// Prepare a raw district or state value (any spelling); `None` when unknown.
pub fn prepare(raw: &str) -> Option<PreparedDistrict> {
    if let Some(i) = district::lookup_index(raw) {
        let d = district::all().get(i)?;
        return Some(PreparedDistrict { district: Some(i as u16), state: state_index(&d.state_code)? });
    }
    let code = district::state_code(raw)?;
    Some(PreparedDistrict { district: None, state: state_index(code)? })
}

/// Level of two prepared districts.
///
/// ```
/// use caselink::compare::district::{compare, PreparedDistrict};
/// let edva = Some(PreparedDistrict { district: Some(80), state: 45 });
/// let wdva = Some(PreparedDistrict { district: Some(81), state: 45 });
/// let va = Some(PreparedDistrict { district: None, state: 45 });
/// assert_eq!(compare(edva, edva), 3);
/// assert_eq!(compare(edva, wdva), 2);
/// assert_eq!(compare(va, edva), 2);
/// assert_eq!(compare(None, edva), 0);
/// ```
#[inline]
pub fn compare(a: Option<PreparedDistrict>, b: Option<PreparedDistrict>) -> Level {
    let (Some(a), Some(b)) = (a, b) else { return NULL };
    match (a.district, b.district) {
        (Some(x), Some(y)) if x == y => 3,
        _ if a.state == b.state => 2,
        _ => ELSE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn different_states_are_else() {
        let a = Some(PreparedDistrict { district: Some(1), state: 1 });
        let b = Some(PreparedDistrict { district: Some(2), state: 2 });
        let tx = Some(PreparedDistrict { district: None, state: 2 });
        assert_eq!(compare(a, b), ELSE);
        assert_eq!(compare(a, tx), ELSE);
        assert_eq!(compare(tx, tx), 2, "two state values only agree on the state");
        assert_eq!(compare(b, tx), 2);
    }
}
