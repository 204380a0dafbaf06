//! Middle-name comparison on prepared names. Levels, highest first: exact (both spell out the
//! same middle name) / initial (one side writes only the initial of the other's middle name, or
//! the two spellings are one typo apart) / else. Null when either side writes no middle name:
//! dockets, releases and reports drop middle names freely, so absence says nothing.
//!
//! It complements the `name` comparison. Two namesakes (the same given name and surname) are
//! common with frequent names; their middle names rarely agree, and one disagreeing middle
//! initial is strong evidence of two people.

use super::{ELSE, Level, NULL};
use crate::compare::name::PreparedName;
use crate::metrics::Metric;

/// Jaro–Winkler at or above which two spelled-out middle names count as one misspelled
/// ("micheal" / "michael"), as the name comparison's part threshold does.
const CLOSE_JW: f64 = 0.92;

/// Labels of the levels above else.
pub const LABELS: [&str; 2] = ["initial", "exact"];

/// The middle name `a` writes when compared with `b`: its first middle name, unless the only
/// middle name is the first half of a two-part surname that `b` writes as its surname
/// ("Michael Alvarado Fernandez" against "ALVARADO FERNANDEZ, MICHAEL").
fn middle_against<'a>(a: &'a PreparedName, b: &PreparedName) -> Option<&'a str> {
    let part_of_surname = a.compound.as_ref().is_some_and(|c| c.surname() == b.primary.surname());
    let used = a.middles.len() - usize::from(part_of_surname && !a.middles.is_empty());
    a.middles[..used].first().map(|m| &**m)
}

/// Level of two prepared names' middle names.
///
/// ```
/// use caselink::compare::middle_name::compare;
/// use caselink::compare::name::PreparedName;
/// use caselink::normalize::name::parse_name;
/// let n = |s: &str| PreparedName::new(&parse_name(s), &[]);
/// let smith = n("SMITH, JOHN MICHAEL");
/// assert_eq!(compare(smith.as_ref(), n("John Michael Smith").as_ref()), 3); // exact
/// assert_eq!(compare(smith.as_ref(), n("John M. Smith").as_ref()), 2); // initial
/// assert_eq!(compare(smith.as_ref(), n("John R. Smith").as_ref()), 1); // else
/// assert_eq!(compare(smith.as_ref(), n("John Smith").as_ref()), 0); // null: no middle name
/// ```
pub fn compare(a: Option<&PreparedName>, b: Option<&PreparedName>) -> Level {
    let (Some(a), Some(b)) = (a, b) else { return NULL };
    // Most pairs have a side without a middle name: answered from the two names' own fields,
    // before `middle_against` compares surnames on the heap.
    if a.middles.is_empty() || b.middles.is_empty() {
        return NULL;
    }
    let (Some(x), Some(y)) = (middle_against(a, b), middle_against(b, a)) else { return NULL };
    let initial = |s: &str| s.chars().nth(1).is_none();
    let exact = ELSE + 2;
    if x == y {
        return if initial(x) { exact - 1 } else { exact };
    }
    if initial(x) || initial(y) {
        return if x.chars().next() == y.chars().next() { exact - 1 } else { ELSE };
    }
    if Metric::JaroWinkler.normalized_similarity(x, y) >= CLOSE_JW { exact - 1 } else { ELSE }
}

/// Naive reference: the same ladder spelled out case by case, for the tests.
#[cfg(test)]
fn reference(a: Option<&PreparedName>, b: Option<&PreparedName>) -> Level {
    let (Some(a), Some(b)) = (a, b) else { return NULL };
    let (Some(x), Some(y)) = (middle_against(a, b), middle_against(b, a)) else { return NULL };
    let (lx, ly) = (x.chars().count(), y.chars().count());
    let first = x.chars().next() == y.chars().next();
    match (lx, ly) {
        (1, 1) | (1, _) | (_, 1) if first => 2,
        (1, _) | (_, 1) => 1,
        _ if x == y => 3,
        _ if strsim::jaro_winkler(x, y) >= CLOSE_JW => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::name::parse_name;

    fn n(s: &str) -> Option<PreparedName> {
        PreparedName::new(&parse_name(s), &[])
    }

    fn label(l: Level) -> &'static str {
        ["null", "else", LABELS[0], LABELS[1]][l as usize]
    }

    #[test]
    fn ladder() {
        let cases = [
            ("SMITH, JOHN MICHAEL JR.", "John Michael Smith Jr.", "exact"),
            ("SMITH, JOHN MICHAEL", "J. Michael Smith", "exact"),
            ("SMITH, JOHN M.", "John Michael Smith", "initial"),
            ("SMITH, JOHN M.", "John M. Smith", "initial"),
            ("SMITH, JOHN MICHAEL", "John Micheal Smith", "initial"),
            ("SMITH, JOHN MICHAEL", "John Mark Smith", "else"),
            ("SMITH, JOHN R.", "John Michael Smith", "else"),
            ("SMITH, JOHN", "John Michael Smith", "null"),
            ("SMITH, JOHN MICHAEL", "jsmith99@example.com", "null"),
            // The prose reading of a two-part surname is not a middle name.
            ("ALVARADO FERNANDEZ, MICHAEL JOSE", "Michael Alvarado Fernandez", "null"),
            ("ALVARADO FERNANDEZ, MICHAEL JOSE", "Michael Jose Alvarado Fernandez", "exact"),
        ];
        for (a, b, want) in cases {
            assert_eq!(label(compare(n(a).as_ref(), n(b).as_ref())), want, "{a} / {b}");
            assert_eq!(label(compare(n(b).as_ref(), n(a).as_ref())), want, "symmetric: {a} / {b}");
        }
    }

    #[test]
    fn agrees_with_the_reference() {
        let names = [
            "SMITH, JOHN MICHAEL",
            "SMITH, JOHN M.",
            "SMITH, JOHN",
            "John Mikael Smith",
            "John Mark Smith",
            "J. Michael Smith",
            "John A Smith",
            "José Ángel García",
            "GARCIA, JOSE A.",
            "GARCIA LOPEZ, ANA MARIA",
            "Ana Garcia Lopez",
            "Ana M. Garcia Lopez",
        ];
        for a in names {
            for b in names {
                let (x, y) = (n(a), n(b));
                assert_eq!(compare(x.as_ref(), y.as_ref()), reference(x.as_ref(), y.as_ref()), "{a} / {b}");
            }
        }
    }
}
