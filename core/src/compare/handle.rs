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
    n_initial: u16,
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
        let from = usize::from(self.n_handles + self.n_full);
        &self.hashes[from..from + usize::from(self.n_initial)]
    }

    /// The term-frequency id of handle `i`, once [`PreparedHandles::with_tf_ids`] set them.
    pub fn tf_id(&self, i: usize) -> Option<u32> {
        let at = usize::from(self.n_handles + self.n_full + self.n_initial) + i;
        self.hashes.get(at).map(|&id| id as u32)
    }

    /// The same record with each handle's term-frequency id (from `id_of`, 0 when unknown)
    /// stored after its forms, so that scoring a pair needs no lookup.
    pub fn with_tf_ids(self, id_of: impl Fn(u64) -> u32) -> PreparedHandles {
        let ids = self.handles().iter().map(|&h| u64::from(id_of(h)));
        let hashes = self.hashes.iter().copied().chain(ids).collect::<Vec<u64>>().into_boxed_slice();
        PreparedHandles { hashes, ..self }
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
    let mut out: [Vec<String>; 3] = Default::default();
    each_text(p, &mut |part, t| {
        if !out[part].iter().any(|x| x == t) {
            out[part].push(t.to_owned());
        }
    });
    let [h, f, i] = out;
    (h, f, i)
}

/// Calls `emit(part, letters)` for each text a parsed value (and its aliases) yields: part 0 a
/// handle, 1 a full form, 2 an initial form; a text may come more than once.
fn each_text(p: &ParsedName, emit: &mut impl FnMut(usize, &str)) {
    let mut buf = String::new();
    one(p, &mut buf, emit);
    for a in &p.aliases {
        one(&parse_name(a), &mut buf, emit);
    }
}

/// The letters of a parsed (already folded) part: `fold` again would change nothing.
fn push_letters(buf: &mut String, s: &str) {
    buf.extend(s.chars().filter(char::is_ascii_lowercase));
}

fn one(p: &ParsedName, buf: &mut String, emit: &mut impl FnMut(usize, &str)) {
    buf.clear();
    match p.kind {
        NameKind::Email | NameKind::ScreenName => push_letters(buf, p.handle.as_deref().unwrap_or("")),
        // One word and no given name (`JSMITH`, `jsmith`): a handle as likely as a surname.
        NameKind::Person if p.given.is_none() && p.surname.len() == 1 => push_letters(buf, &p.surname[0]),
        _ => {}
    }
    if buf.len() >= MIN_LETTERS {
        emit(0, buf);
        return;
    }
    if p.kind != NameKind::Person {
        return;
    }
    buf.clear();
    push_letters(buf, p.given.as_deref().unwrap_or(""));
    if buf.is_empty() {
        return;
    }
    let given = buf.clone();
    let mut joined = String::new();
    for t in &p.surname {
        push_letters(&mut joined, t);
    }
    let mut first = String::new();
    push_letters(&mut first, p.surname.first().map_or("", String::as_str));
    for s in [&joined, &first] {
        if s.is_empty() {
            continue;
        }
        let mut form = |a: &str, b: &str, part: usize| {
            buf.clear();
            buf.push_str(a);
            buf.push_str(b);
            emit(part, buf);
        };
        if given.len() > 1 {
            form(&given, s, 1);
            form(s, &given, 1);
        }
        form(&given[..1], s, 2);
        form(s, &given[..1], 2);
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
        each_text(&parse_name(v), &mut |part, t| {
            parts[part].push(hash_str(t));
            if part == 0 {
                kept.push(t.to_owned());
            }
        });
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
    let (n_handles, n_full, n_initial) = (h.len() as u16, f.len() as u16, i.len() as u16);
    Some((PreparedHandles { hashes: [h, f, i].concat().into_boxed_slice(), n_handles, n_full, n_initial }, kept))
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
    let (side, i) = matched_at(a, b)?;
    let side = if side { b? } else { a? };
    Some(side.handles()[i])
}

/// Where [`matched`]'s handle sits: (`false` for `a`, `true` for `b`; its index in `handles()`).
pub fn matched_at(a: Option<&PreparedHandles>, b: Option<&PreparedHandles>) -> Option<(bool, usize)> {
    strongest(a?, b?).map(|(_, side, i)| (side, i))
}

/// The strongest match between `a` and `b`: (its level, the side whose handle matched — `false`
/// for `a` —, the handle's index), searching full forms before initial forms. One search serves
/// [`compare`]'s level and [`matched_at`]'s handle, so the handle whose frequency adjusts a
/// level is always the one that decided it.
fn strongest(a: &PreparedHandles, b: &PreparedHandles) -> Option<(Level, bool, usize)> {
    let find = |h: &[u64], forms: &[u64]| h.iter().position(|x| forms.binary_search(x).is_ok());
    let at = |level: Level, side: bool| move |i: usize| (level, side, i);
    find(a.handles(), b.full())
        .map(at(ELSE + 2, false))
        .or_else(|| find(b.handles(), a.full()).map(at(ELSE + 2, true)))
        .or_else(|| find(a.handles(), b.initial()).map(at(ELSE + 1, false)))
        .or_else(|| find(b.handles(), a.initial()).map(at(ELSE + 1, true)))
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
    if let Some((level, _, _)) = strongest(a, b) {
        return level;
    }
    // Every name with a given name has initial forms.
    let comparable = |x: &PreparedHandles, y: &PreparedHandles| !x.handles().is_empty() && !y.initial().is_empty();
    if comparable(a, b) || comparable(b, a) { ELSE } else { NULL }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::key::key_texts;
    use crate::spec::KeySpec;

    proptest::proptest! {
        /// The `handle` blocking key brings together every pair the comparison puts at a match
        /// level, and preparing any text neither panics nor yields an empty record.
        #[test]
        fn the_handle_key_finds_every_matching_pair(
            given in "[A-Za-zÀ-ÿ]{1,8}",
            surname in "[A-Za-z' -]{1,12}",
            digits in "[0-9._]{0,4}",
            style in 0usize..6,
            noise in "\\PC{0,20}",
        ) {
            let name = format!("{}, {}", surname.to_uppercase(), given.to_uppercase());
            let (g, s) = (given.to_lowercase(), surname.to_lowercase().replace(['\'', ' ', '-'], ""));
            let g0: String = g.chars().take(1).collect();
            let handle = match style {
                0 => format!("{g}{s}{digits}"),
                1 => format!("{s}_{g}{digits}"),
                2 => format!("{g0}{s}{digits}@gmail.com"),
                3 => format!("{s}{g0}{digits}"),
                4 => format!("{g}.{s}"),
                _ => noise.clone(),
            };
            let key = KeySpec::Handle { column: "v".into(), right_column: None };
            let (a, b) = (prepare(&[Some(&handle)]), prepare(&[Some(&name)]));
            if let Some(p) = &a {
                proptest::prop_assert!(!(p.handles().is_empty() && p.initial().is_empty()));
            }
            if compare(a.as_ref(), b.as_ref()) > ELSE {
                let (ka, kb) = (key_texts(&key, &handle), key_texts(&key, &name));
                proptest::prop_assert!(ka.iter().any(|k| kb.contains(k)), "{handle:?} {name:?}: {ka:?} {kb:?}");
            }
        }
    }

    #[test]
    fn the_matched_handles_term_frequency_id_is_stored_beside_it() {
        let name = prepare(&[Some("SMITH, JOHN")]);
        let h = prepare(&[Some("darkwolf1234"), Some("jsmith84@gmail.com")]).unwrap();
        assert_eq!(h.tf_id(0), None, "no ids before with_tf_ids");
        let ids = h.with_tf_ids(|x| if x == hash_str("jsmith") { 7 } else { 3 });
        let (side, i) = matched_at(Some(&ids), name.as_ref()).unwrap();
        assert!(!side);
        assert_eq!(ids.handles()[i], hash_str("jsmith"));
        assert_eq!(ids.tf_id(i), Some(7));
        // The forms and the level are unchanged by the ids.
        assert_eq!(
            ids.initial().len(),
            prepare(&[Some("darkwolf1234"), Some("jsmith84@gmail.com")]).unwrap().initial().len()
        );
        assert_eq!(compare(Some(&ids), name.as_ref()), ELSE + 1);
        assert_eq!(matched_at(name.as_ref(), Some(&ids)), Some((true, i)));
    }
}
