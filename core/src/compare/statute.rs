//! Statute comparison: the charges two records cite. Levels, highest first: exact (a citation
//! in common, subsections and all) / section (a section in common, the subsections differ or
//! one side writes none) / else. Null when either side cites nothing readable.
//!
//! Two dockets of one defendant in two courts usually carry the same charge; two namesakes, or
//! one person's two cases years apart, draw theirs independently. Text that parses as no
//! citation is compared as folded letters and digits, equal or not.

use std::sync::Arc;

use super::{ELSE, Level, NULL};
use crate::normalize::statute::parse_statutes;
use crate::normalize::text::fold_alnum;

/// Labels of the levels above else.
pub const LABELS: [&str; 2] = ["section", "exact"];

/// A value prepared for comparison: canonical citations and their `title:section` keys, both
/// sorted; unparsed text is one citation with no section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedStatutes {
    /// Canonical citations (`18:2252a(a)(5)(b)`), sorted.
    pub citations: Vec<Box<str>>,
    /// Their `title:section` keys, sorted, duplicates removed.
    pub sections: Vec<Box<str>>,
}

/// Prepare a raw value; `None` when it holds no letter or digit.
///
/// ```
/// use caselink::compare::statute::prepare;
/// let p = prepare("18 U.S.C. § 2252A(a)(5)(B)").unwrap();
/// assert_eq!(&*p.citations[0], "18:2252a(a)(5)(b)");
/// assert_eq!(&*p.sections[0], "18:2252a");
/// assert!(prepare(" § ").is_none());
/// ```
pub fn prepare(raw: &str) -> Option<Arc<PreparedStatutes>> {
    let cites = parse_statutes(raw);
    let (mut citations, mut sections): (Vec<Box<str>>, Vec<Box<str>>) = if cites.is_empty() {
        let text: String = fold_alnum(raw).split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return None;
        }
        (vec![text.into()], Vec::new())
    } else {
        cites.iter().map(|c| (c.canonical().into(), c.section_key().into())).unzip()
    };
    citations.sort_unstable();
    citations.dedup();
    sections.sort_unstable();
    sections.dedup();
    Some(Arc::new(PreparedStatutes { citations, sections }))
}

fn share(a: &[Box<str>], b: &[Box<str>]) -> bool {
    // Both sorted: one merge pass.
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Level of two prepared values.
///
/// ```
/// use caselink::compare::statute::{compare, prepare};
/// let a = prepare("18:2252A(a)(2)");
/// assert_eq!(compare(a.as_deref(), prepare("18 U.S.C. § 2252A(a)(2)").as_deref()), 3);
/// assert_eq!(compare(a.as_deref(), prepare("18 U.S.C. § 2252A(a)(5)(B)").as_deref()), 2);
/// assert_eq!(compare(a.as_deref(), prepare("18:2422(b)").as_deref()), 1);
/// assert_eq!(compare(a.as_deref(), None), 0);
/// ```
pub fn compare(a: Option<&PreparedStatutes>, b: Option<&PreparedStatutes>) -> Level {
    let (Some(a), Some(b)) = (a, b) else { return NULL };
    if share(&a.citations, &b.citations) {
        3
    } else if share(&a.sections, &b.sections) {
        2
    } else {
        ELSE
    }
}

/// The same levels by brute force over every pair of citations (the reference twin of
/// [`compare`], for tests).
pub fn compare_naive(a: Option<&PreparedStatutes>, b: Option<&PreparedStatutes>) -> Level {
    let (Some(a), Some(b)) = (a, b) else { return NULL };
    let any = |x: &[Box<str>], y: &[Box<str>]| x.iter().any(|p| y.iter().any(|q| p == q));
    if any(&a.citations, &b.citations) {
        3
    } else if any(&a.sections, &b.sections) {
        2
    } else {
        ELSE
    }
}
