//! Exact comparison on interned ids (0 = missing): levels null / else / exact.

use super::{ELSE, Level, NULL};

/// Level of two interned ids; id 0 means missing.
///
/// ```
/// use caselink::compare::exact::compare;
/// assert_eq!(compare(3, 3), 2);
/// assert_eq!(compare(3, 4), 1);
/// assert_eq!(compare(0, 4), 0);
/// ```
#[inline]
pub fn compare(a: u32, b: u32) -> Level {
    if a == 0 || b == 0 {
        NULL
    } else if a == b {
        2
    } else {
        ELSE
    }
}
