//! Handle comparison: does an online handle (a screen name, an email's local part, a one-word
//! alias) spell the other side's person name? Levels, highest first: given name + surname
//! (`johnsmith84`, `john.smith`, `smith_john1984` for John Smith) / initial + surname
//! (`jsmith`, `smithj123`) / else. Null unless one side has a handle and the other a name.
//!
//! Many CyberTipline referrals name no suspect but carry the account that uploaded the file, and
//! people often build handles from their own names. Digits, dots, dashes and underscores are
//! dropped before comparing, so the handle's letters must equal one of the name's forms:
//! given name and surname in either order, or the given name's initial and the surname in
//! either order (a surname of several words joined, or its first word alone). A handle of fewer
//! than four letters says too little and is ignored.
//!
//! A record that writes a person name is compared by that name alone: its handles are ignored,
//! since a handle built from the name it sits beside adds nothing the `name` comparison has not
//! counted (counting both made a namesake's name and email look like two agreements).
//!
//! Values are compared through 64-bit hashes of those letter strings (as blocking keys are).

use super::{ELSE, Level, NULL};
use crate::block::key::hash_str;
use crate::normalize::name::{NameKind, ParsedName, parse_name};
use crate::normalize::text::fold;

/// Labels of the levels above else.
pub const LABELS: [&str; 2] = ["initial + surname", "given + surname"];

/// Fewest letters a handle needs to be compared.
const MIN_LETTERS: usize = 4;

/// What one record's values offer the comparison: its handles and its names' forms, hashed.
/// One allocation per record (a million referrals hold one each): the handles, then the full
/// forms, then the initial forms, each part sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedHandles {
    hashes: Box<[u64]>,
    n_handles: u16,
    n_full: u16,
}

impl PreparedHandles {
    /// Hashed letters of each handle.
    pub fn handles(&self) -> &[u64] {
        &self.hashes[..usize::from(self.n_handles)]
    }

    /// Hashed given name + surname forms of each name.
    pub fn full(&self) -> &[u64] {
        &self.hashes[usize::from(self.n_handles)..usize::from(self.n_handles + self.n_full)]
    }

    /// Hashed initial + surname forms of each name.
    pub fn initial(&self) -> &[u64] {
        &self.hashes[usize::from(self.n_handles + self.n_full)..]
    }
}

/// The letter strings one parsed value yields: (handles, full forms, initial forms).
///
/// ```
/// use caselink::compare::handle::texts;
/// use caselink::normalize::name::parse_name;
/// let (h, _, _) = texts(&parse_name("John.Smith84@gmail.com"));
/// assert_eq!(h, ["johnsmith"]);
/// let (h, full, initial) = texts(&parse_name("SMITH, JOHN M. a/k/a \"JSMITH\""));
/// assert_eq!((h, full, initial), (vec!["jsmith".to_string()], vec!["johnsmith".into(), "smithjohn".into()], vec!["jsmith".into(), "smithj".into()]));
/// ```
pub fn texts(p: &ParsedName) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut out = (Vec::new(), Vec::new(), Vec::new());
    add(p, &mut out);
    for a in &p.aliases {
        add(&parse_name(a), &mut out);
    }
    for v in [&mut out.0, &mut out.1, &mut out.2] {
        let mut seen = std::collections::HashSet::new();
        v.retain(|s| seen.insert(s.clone()));
    }
    out
}

fn letters(s: &str) -> String {
    fold(s).chars().filter(char::is_ascii_lowercase).collect()
}

fn add(p: &ParsedName, (handles, full, initial): &mut (Vec<String>, Vec<String>, Vec<String>)) {
    let as_handle = match p.kind {
        NameKind::Email | NameKind::ScreenName => p.handle.as_deref().map(letters),
        // One word and no given name (`JSMITH`, `jsmith`): a handle as likely as a surname.
        NameKind::Person if p.given.is_none() && p.surname.len() == 1 => Some(letters(&p.surname[0])),
        _ => None,
    };
    if let Some(h) = as_handle.filter(|h| h.len() >= MIN_LETTERS) {
        handles.push(h);
        return;
    }
    if p.kind != NameKind::Person {
        return;
    }
    let Some(given) = p.given.as_deref().map(letters).filter(|g| !g.is_empty()) else { return };
    let joined: String = p.surname.iter().map(|s| letters(s)).collect();
    let first = p.surname.first().map(|s| letters(s)).unwrap_or_default();
    for s in [joined, first] {
        if s.is_empty() {
            continue;
        }
        if given.len() > 1 {
            full.push(format!("{given}{s}"));
            full.push(format!("{s}{given}"));
        }
        let g0 = &given[..1];
        initial.push(format!("{g0}{s}"));
        initial.push(format!("{s}{g0}"));
    }
}

/// Prepare the raw values of one record (several columns may hold handles or names).
///
/// ```
/// use caselink::compare::handle::prepare;
/// assert!(prepare(&[Some("darkwolf1234"), None]).is_some());
/// assert!(prepare(&[Some("jd"), Some("")]).is_none());
/// ```
pub fn prepare(values: &[Option<&str>]) -> Option<PreparedHandles> {
    prepare_with_handles(values).map(|(p, _)| p)
}

/// [`prepare`], also returning the letters of the handles it keeps (for the term-frequency table).
pub fn prepare_with_handles(values: &[Option<&str>]) -> Option<(PreparedHandles, Vec<String>)> {
    let mut parts: [Vec<u64>; 3] = Default::default();
    let mut kept: Vec<String> = Vec::new();
    for v in values.iter().flatten() {
        let (h, f, i) = texts(&parse_name(v));
        for (part, t) in parts.iter_mut().zip([&h, &f, &i]) {
            part.extend(t.iter().map(|s| hash_str(s)));
        }
        kept.extend(h);
    }
    for part in &mut parts {
        part.sort_unstable();
        part.dedup();
        // A record writing hundreds of names is not a person's: keep what fits the lengths.
        part.truncate(usize::from(u16::MAX / 4));
    }
    let [mut h, f, i] = parts;
    // A record that writes a person's name is compared by that name (the `name` comparison):
    // its handles, usually built from the same name, would count the same evidence twice.
    if !i.is_empty() {
        h.clear();
        kept.clear();
    }
    if h.is_empty() && i.is_empty() {
        return None;
    }
    kept.sort_unstable();
    kept.dedup();
    let (n_handles, n_full) = (h.len() as u16, f.len() as u16);
    Some((PreparedHandles { hashes: [h, f, i].concat().into_boxed_slice(), n_handles, n_full }, kept))
}

/// The hash of the handle that decides the level of `a` against `b` (the first of either side's
/// handles found among the other's forms, full forms first), if any: the value whose frequency
/// adjusts the level's weight when the comparison has `tf`.
///
/// ```
/// use caselink::compare::handle::{matched, prepare};
/// use caselink::block::key::hash_str;
/// let smith = prepare(&[Some("SMITH, JOHN")]);
/// let h = prepare(&[Some("jsmith84"), Some("darkwolf1234")]);
/// assert_eq!(matched(h.as_ref(), smith.as_ref()), Some(hash_str("jsmith")));
/// assert_eq!(matched(smith.as_ref(), h.as_ref()), Some(hash_str("jsmith")));
/// ```
pub fn matched(a: Option<&PreparedHandles>, b: Option<&PreparedHandles>) -> Option<u64> {
    let (a, b) = (a?, b?);
    let find = |h: &[u64], forms: &[u64]| h.iter().copied().find(|x| forms.binary_search(x).is_ok());
    find(a.handles(), b.full())
        .or_else(|| find(b.handles(), a.full()))
        .or_else(|| find(a.handles(), b.initial()))
        .or_else(|| find(b.handles(), a.initial()))
}

/// Level of two prepared records.
///
/// ```
/// use caselink::compare::handle::{compare, prepare};
/// let smith = prepare(&[Some("SMITH, JOHN MICHAEL")]);
/// assert_eq!(compare(prepare(&[Some("johnsmith84")]).as_ref(), smith.as_ref()), 3);
/// assert_eq!(compare(prepare(&[Some("smithj@yahoo.com")]).as_ref(), smith.as_ref()), 2);
/// assert_eq!(compare(prepare(&[Some("darkwolf1234")]).as_ref(), smith.as_ref()), 1);
/// assert_eq!(compare(prepare(&[Some("John Smith")]).as_ref(), smith.as_ref()), 0); // no handle
/// // A record with a name is compared by its name: its email does not count.
/// assert_eq!(compare(prepare(&[Some("John Smith"), Some("johnsmith@aol.com")]).as_ref(), smith.as_ref()), 0);
/// ```
pub fn compare(a: Option<&PreparedHandles>, b: Option<&PreparedHandles>) -> Level {
    let (Some(a), Some(b)) = (a, b) else { return NULL };
    let hits = |h: &[u64], forms: &[u64]| h.iter().any(|x| forms.binary_search(x).is_ok());
    if hits(a.handles(), b.full()) || hits(b.handles(), a.full()) {
        return ELSE + 2;
    }
    if hits(a.handles(), b.initial()) || hits(b.handles(), a.initial()) {
        return ELSE + 1;
    }
    // Every name with a given name has initial forms.
    let comparable = |x: &PreparedHandles, y: &PreparedHandles| !x.handles().is_empty() && !y.initial().is_empty();
    if comparable(a, b) || comparable(b, a) { ELSE } else { NULL }
}
