//! Reference-number comparison: exact / one substitution or adjacent transposition / else, on
//! parsed CyberTipline numbers or docket numbers (compared with their court when known).

use super::{ELSE, Level, NULL};
use crate::normalize::reference::{Reference, parse_reference};
use crate::normalize::text::fold_alnum;

/// What kind of reference a prepared value is; only equal kinds can agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefKind {
    /// A CyberTipline report number.
    Cybertip,
    /// A docket number.
    Docket,
    /// Unparsed text (letters and digits only), compared as is.
    Other,
}

/// A reference prepared for comparison.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PreparedReference {
    /// The kind.
    pub kind: RefKind,
    /// The compared text: digits for a CyberTip number, `yy-type-nnnnn` for a docket (the
    /// office is kept apart so a missing office does not prevent a match).
    pub key: Box<str>,
    /// Divisional office of a docket, when written.
    pub office: Option<u8>,
    /// The court (district index) the reference belongs to, when a court column is given.
    pub court: Option<u16>,
}

impl PreparedReference {
    /// The canonical text (used for blocking keys and display).
    pub fn canonical(&self) -> String {
        match self.office {
            Some(o) => format!("{o}:{}", self.key),
            None => self.key.to_string(),
        }
    }
}

/// Prepare a raw reference; unparseable text falls back to its letters and digits.
///
/// ```
/// use caselink::compare::reference::{prepare, RefKind};
/// let p = prepare("ab-12 3", None).unwrap();
/// assert_eq!((p.kind, &*p.key), (RefKind::Other, "ab123"));
/// assert!(prepare(" - ", None).is_none());
/// ```
pub fn prepare(raw: &str, court: Option<u16>) -> Option<PreparedReference> {
    match parse_reference(raw) {
        Some(Reference::Cybertip { number }) => {
            Some(PreparedReference { kind: RefKind::Cybertip, key: number.to_string().into(), office: None, court })
        }
        Some(Reference::Docket(d)) => Some(PreparedReference {
            kind: RefKind::Docket,
            key: format!("{:02}-{}-{:05}", d.year, d.case_type, d.seq).into(),
            office: d.office,
            court,
        }),
        None => {
            let k: String = fold_alnum(raw).chars().filter(|c| !c.is_whitespace()).collect();
            (!k.is_empty()).then(|| PreparedReference { kind: RefKind::Other, key: k.into(), office: None, court })
        }
    }
}

/// True when `a` and `b` have the same length and differ by one substitution or one swap of
/// adjacent characters.
///
/// ```
/// use caselink::compare::reference::one_edit;
/// assert!(one_edit(b"12345678", b"12345679"));
/// assert!(one_edit(b"12345678", b"12345687"));
/// assert!(!one_edit(b"12345678", b"12345699"));
/// assert!(!one_edit(b"12345678", b"1234567"));
/// ```
pub fn one_edit(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diffs: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).take(3).collect();
    match diffs.as_slice() {
        [_] => true,
        [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
        _ => false,
    }
}

/// Level of two prepared references.
///
/// ```
/// use caselink::compare::reference::{compare, PreparedReference, RefKind};
/// let r = |k: &str, court| Some(PreparedReference { kind: RefKind::Docket, key: k.into(), office: Some(3), court });
/// assert_eq!(compare(r("18-cr-00178", Some(1)).as_ref(), r("18-cr-00178", Some(1)).as_ref()), 3);
/// assert_eq!(compare(r("18-cr-00178", Some(1)).as_ref(), r("18-cr-00187", Some(1)).as_ref()), 2);
/// assert_eq!(compare(r("18-cr-00178", Some(1)).as_ref(), r("18-cr-00178", Some(2)).as_ref()), 1);
/// ```
pub fn compare(a: Option<&PreparedReference>, b: Option<&PreparedReference>) -> Level {
    let (Some(a), Some(b)) = (a, b) else { return NULL };
    if a.kind != b.kind {
        return ELSE;
    }
    if let (Some(x), Some(y)) = (a.court, b.court) {
        if x != y {
            return ELSE;
        }
    }
    if let (Some(x), Some(y)) = (a.office, b.office) {
        if x != y {
            return ELSE;
        }
    }
    if a.key == b.key {
        3
    } else if one_edit(a.key.as_bytes(), b.key.as_bytes()) {
        2
    } else {
        ELSE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tip(n: &str) -> PreparedReference {
        PreparedReference { kind: RefKind::Cybertip, key: n.into(), office: None, court: None }
    }

    #[test]
    fn cybertip_levels() {
        assert_eq!(compare(Some(&tip("51234567")), Some(&tip("51234567"))), 3);
        assert_eq!(compare(Some(&tip("51234567")), Some(&tip("51234561"))), 2);
        assert_eq!(compare(Some(&tip("51234567")), Some(&tip("15234567"))), 2);
        assert_eq!(compare(Some(&tip("51234567")), Some(&tip("15234576"))), ELSE);
        assert_eq!(compare(Some(&tip("51234567")), None), NULL);
    }

    #[test]
    fn kinds_and_offices_must_agree() {
        let d = |office| PreparedReference { kind: RefKind::Docket, key: "18-cr-00178".into(), office, court: None };
        assert_eq!(compare(Some(&d(Some(3))), Some(&d(None))), 3, "missing office does not prevent a match");
        assert_eq!(compare(Some(&d(Some(3))), Some(&d(Some(1)))), ELSE);
        let other = PreparedReference { kind: RefKind::Other, key: "18-cr-00178".into(), office: None, court: None };
        assert_eq!(compare(Some(&d(None)), Some(&other)), ELSE);
        assert_eq!(d(Some(3)).canonical(), "3:18-cr-00178");
    }
}
