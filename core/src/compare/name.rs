//! Person-name comparison on prepared names. Levels, highest first: exact full name / surname
//! exact + given names nickname-equivalent / surname exact + an initial matching the other's
//! given name / Jaro–Winkler on the full name ≥ each threshold / given and surname swapped /
//! (with `partial`: only the surname agrees / only the given name agrees) / else. A side that is not a person (screen name, email, sealed placeholder) is null. With
//! aliases, the best level over every (name, alias) combination counts.

use std::borrow::Cow;

use super::{ELSE, Level, NULL};
use crate::metrics::Metric;
use crate::normalize::name::{NameKind, ParsedName};
use crate::normalize::nickname;
use crate::normalize::text::fold_alnum;

/// What a name comparison needs from its spec.
#[derive(Debug, Clone, PartialEq)]
pub struct NameConfig {
    /// Jaro–Winkler thresholds on the full name, descending.
    pub jw_thresholds: Vec<f64>,
    /// Two extra levels below `swapped`: surname only agrees, given name only agrees.
    pub partial: bool,
}

/// Jaro–Winkler at or above which a single name part (given name or surname) counts as agreeing
/// in the partial and tolerant-swap checks: one typo in a name of six letters or more.
const PART_JW: f64 = 0.92;

impl NameConfig {
    /// Labels of the levels above else.
    pub fn labels(&self) -> Vec<String> {
        let mut v = Vec::new();
        if self.partial {
            v.extend(["given only".to_owned(), "surname only".to_owned()]);
        }
        v.push("swapped".to_owned());
        v.extend(self.jw_thresholds.iter().rev().map(|t| format!("jaro_winkler >= {t}")));
        v.extend(["initial".into(), "nickname".into(), "exact".into()]);
        v
    }

    fn exact(&self) -> Level {
        (self.jw_thresholds.len() + 5 + self.extra()) as Level
    }

    fn extra(&self) -> usize {
        if self.partial { 2 } else { 0 }
    }
}

/// One name (a primary name or an alias) prepared for comparison.
///
/// The given name and the surname are slices of the full name, not strings of their own: a
/// comparison reads all three, and at a million records the names do not fit in any cache, so
/// each separate allocation was one more memory miss per name compared.
///
/// ```
/// use caselink::compare::name::PreparedName;
/// let p = PreparedName::from_parts(Some("John"), Some("de la Cruz"), None).unwrap().primary;
/// assert_eq!((p.given(), p.surname(), p.full()), ("john", "de la cruz", "john de la cruz"));
/// let s = PreparedName::from_parts(None, Some("Cruz"), None).unwrap().primary;
/// assert_eq!((s.given(), s.surname(), s.full()), ("", "cruz", "cruz"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameParts {
    /// `given surname`, the string Jaro–Winkler compares.
    full: Box<str>,
    /// Where the given name ends in `full`.
    given_end: usize,
    /// Where the surname starts in `full`.
    surname_start: usize,
    /// Nickname groups of the given name.
    pub groups: &'static [u16],
}

impl NameParts {
    fn new(given: &str, surname: &str) -> NameParts {
        let mut full = String::with_capacity(given.len() + 1 + surname.len());
        full.push_str(given);
        if !given.is_empty() && !surname.is_empty() {
            full.push(' ');
        }
        let surname_start = full.len();
        full.push_str(surname);
        NameParts { full: full.into(), given_end: given.len(), surname_start, groups: nickname::groups(given) }
    }

    /// Folded given name ("" when absent).
    pub fn given(&self) -> &str {
        &self.full[..self.given_end]
    }

    /// Folded surname tokens joined by single spaces ("" when absent).
    pub fn surname(&self) -> &str {
        &self.full[self.surname_start..]
    }

    /// `given surname`, the string Jaro–Winkler compares.
    pub fn full(&self) -> &str {
        &self.full
    }

    fn is_initial(&self) -> bool {
        self.given().chars().count() == 1
    }
}

/// A person's name with its aliases, prepared for comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedName {
    /// The primary name.
    pub primary: NameParts,
    /// Aliases that are themselves person names.
    pub aliases: Vec<NameParts>,
    /// For a prose-order name with a middle name: the reading with the last middle name as the
    /// first part of a two-part surname ("Michael Alvarado Fernandez" → "alvarado fernandez").
    /// Compared only against a primary name whose surname has two parts.
    pub compound: Option<NameParts>,
    /// Middle names or initials of the primary name, folded, in order (read by the
    /// `middle_name` comparison; empty when prepared from separate columns).
    pub middles: Box<[Box<str>]>,
}

impl PreparedName {
    /// Prepare a parsed name; `None` unless it is a person with a given name or surname.
    ///
    /// ```
    /// use caselink::compare::name::PreparedName;
    /// use caselink::normalize::name::{NameKind, ParsedName};
    /// let p = ParsedName { kind: NameKind::Person, given: Some("john".into()), surname: vec!["de".into(), "la".into(), "cruz".into()], ..Default::default() };
    /// assert_eq!(PreparedName::new(&p, &[]).unwrap().primary.full(), "john de la cruz");
    /// let email = ParsedName { kind: NameKind::Email, handle: Some("jd".into()), ..Default::default() };
    /// assert!(PreparedName::new(&email, &[]).is_none());
    /// ```
    pub fn new(p: &ParsedName, extra_aliases: &[ParsedName]) -> Option<PreparedName> {
        let primary = parts_of(p)?;
        let mut aliases: Vec<NameParts> = Vec::new();
        // Written in prose order, a two-part surname reads as a middle name plus a surname
        // ("Michael Alvarado Fernandez" for "ALVARADO FERNANDEZ, MICHAEL").
        let compound = match (p.middle.last(), p.surname.is_empty(), p.given.as_deref()) {
            (Some(middle), false, Some(given)) if middle.chars().count() > 1 => {
                Some(NameParts::new(given, &format!("{middle} {}", p.surname.join(" "))))
            }
            _ => None,
        };
        for a in p.aliases.iter().map(|s| crate::normalize::name::parse_name(s)).chain(extra_aliases.iter().cloned()) {
            if let Some(mut parts) = parts_of(&a) {
                // An alias with only one word is usually a nickname for the given name.
                if parts.surname().is_empty() {
                    parts = NameParts::new(parts.given(), primary.surname());
                }
                if parts != primary && !aliases.contains(&parts) {
                    aliases.push(parts);
                }
            }
        }
        let middles = p.middle.iter().map(|m| fold_alnum(m).into_boxed_str()).filter(|m| !m.is_empty()).collect();
        Some(PreparedName { primary, aliases, compound, middles })
    }

    /// Prepare from separate given-name and surname values (no parser involved).
    ///
    /// ```
    /// use caselink::compare::name::PreparedName;
    /// let p = PreparedName::from_parts(Some("José  Maria"), Some("García-López"), None).unwrap();
    /// assert_eq!(p.primary.given(), "jose");
    /// assert_eq!(p.primary.surname(), "garcia lopez");
    /// assert!(PreparedName::from_parts(None, Some(" "), None).is_none());
    /// ```
    pub fn from_parts(given: Option<&str>, surname: Option<&str>, aliases: Option<&str>) -> Option<PreparedName> {
        let g = given.map(fold_alnum).unwrap_or_default();
        let g = g.split(' ').next().unwrap_or("");
        let s = surname.map(fold_alnum).unwrap_or_default();
        if g.is_empty() && s.is_empty() {
            return None;
        }
        let primary = NameParts::new(g, &s);
        let mut out = PreparedName { primary, aliases: Vec::new(), compound: None, middles: Box::default() };
        if let Some(a) = aliases {
            let parsed: Vec<ParsedName> = split_aliases(a).map(crate::normalize::name::parse_name).collect();
            let with = PreparedName::new(
                &ParsedName {
                    kind: NameKind::Person,
                    given: (!g.is_empty()).then(|| g.to_owned()),
                    surname: s.split(' ').filter(|t| !t.is_empty()).map(str::to_owned).collect(),
                    ..Default::default()
                },
                &parsed,
            )?;
            out.aliases = with.aliases;
        }
        Some(out)
    }

    fn all(&self) -> impl Iterator<Item = &NameParts> {
        std::iter::once(&self.primary).chain(self.aliases.iter())
    }
}

/// Split an alias column value on `;` or `|`.
pub fn split_aliases(s: &str) -> impl Iterator<Item = &str> {
    s.split([';', '|']).map(str::trim).filter(|a| !a.is_empty())
}

fn parts_of(p: &ParsedName) -> Option<NameParts> {
    if p.kind != NameKind::Person {
        return None;
    }
    let given = p.given.as_deref().unwrap_or("");
    // Most surnames are one token: borrowed, not joined.
    let surname = match p.surname.as_slice() {
        [] => Cow::Borrowed(""),
        [one] => Cow::Borrowed(one.as_str()),
        many => Cow::Owned(many.join(" ")),
    };
    if given.is_empty() && surname.is_empty() {
        return None;
    }
    Some(NameParts::new(given, &surname))
}

fn compare_parts(a: &NameParts, b: &NameParts, c: &NameConfig) -> Level {
    let (ag, asur, bg, bsur) = (a.given(), a.surname(), b.given(), b.surname());
    let exact = c.exact();
    let same_surname = !asur.is_empty() && asur == bsur;
    if same_surname && ag == bg {
        return exact;
    }
    if same_surname && !ag.is_empty() && !bg.is_empty() {
        if a.groups.iter().any(|g| b.groups.contains(g)) {
            return exact - 1;
        }
        if (a.is_initial() || b.is_initial()) && ag.chars().next() == bg.chars().next() {
            return exact - 2;
        }
    }
    let n = c.jw_thresholds.len();
    let p = c.extra();
    let both = !ag.is_empty() && !asur.is_empty() && !bg.is_empty() && !bsur.is_empty();
    // With `partial`, each part must be close on its own (as Splink's forename–surname levels
    // do): on the full string a shared surname alone lifts relatives above the thresholds. A
    // part missing on one side leaves only the partial levels.
    // Each part's similarity is computed once: on random pairs (u estimation) this comparison
    // runs millions of times.
    let part = |x: &str, y: &str| {
        if x.is_empty() || y.is_empty() {
            0.0
        } else if x == y {
            1.0
        } else {
            jw(x, y)
        }
    };
    let (sg, ss) = if c.partial { (part(ag, bg), part(asur, bsur)) } else { (0.0, 0.0) };
    let sim = match (c.partial, both) {
        (false, _) => jw(a.full(), b.full()),
        (true, true) => sg.min(ss),
        (true, false) => 0.0,
    };
    for (i, t) in c.jw_thresholds.iter().enumerate() {
        if sim >= *t {
            return (2 + n + p - i) as Level;
        }
    }
    if both && ag == bsur && asur == bg {
        return (2 + p) as Level;
    }
    if !c.partial {
        return ELSE;
    }
    // Tolerant checks: each part on its own, allowing a typo.
    if both && part(ag, bsur) >= PART_JW && part(asur, bg) >= PART_JW {
        return (2 + p) as Level;
    }
    if ss >= PART_JW {
        return 3;
    }
    if sg >= PART_JW || (!ag.is_empty() && a.groups.iter().any(|g| b.groups.contains(g))) {
        return 2;
    }
    ELSE
}

fn jw(a: &str, b: &str) -> f64 {
    Metric::JaroWinkler.normalized_similarity(a, b)
}

/// Level of two prepared names (best over aliases).
///
/// ```
/// use caselink::compare::name::{compare, NameConfig, PreparedName};
/// let c = NameConfig { jw_thresholds: vec![0.92, 0.8], partial: false };
/// let n = |g: &str, s: &str| PreparedName::from_parts(Some(g), Some(s), None);
/// assert_eq!(compare(n("john", "smith").as_ref(), n("John", "SMITH").as_ref(), &c), 7);
/// assert_eq!(compare(n("j", "smith").as_ref(), n("john", "smith").as_ref(), &c), 5);
/// assert_eq!(compare(n("smith", "john").as_ref(), n("john", "smith").as_ref(), &c), 2);
/// assert_eq!(compare(None, n("john", "smith").as_ref(), &c), 0);
/// ```
pub fn compare(a: Option<&PreparedName>, b: Option<&PreparedName>, c: &NameConfig) -> Level {
    let (Some(a), Some(b)) = (a, b) else { return NULL };
    let exact = c.exact();
    let mut best = NULL;
    for (x, y) in [(a, b), (b, a)] {
        if let Some(cx) = &x.compound
            && y.primary.surname().contains(' ')
        {
            best = best.max(compare_parts(cx, &y.primary, c));
        }
    }
    if best == exact {
        return best;
    }
    for x in a.all() {
        for y in b.all() {
            best = best.max(compare_parts(x, y, c));
            if best == exact {
                return best;
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> NameConfig {
        NameConfig { jw_thresholds: vec![0.92, 0.8], partial: false }
    }

    fn label(l: Level) -> String {
        let mut v = vec!["null".to_owned(), "else".to_owned()];
        v.extend(cfg().labels());
        v[l as usize].clone()
    }

    fn person(given: &str, surname: &[&str], aliases: &[&str]) -> PreparedName {
        let p = ParsedName {
            kind: NameKind::Person,
            given: (!given.is_empty()).then(|| given.to_owned()),
            surname: surname.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        let extra: Vec<ParsedName> = aliases
            .iter()
            .map(|a| {
                let mut t = a.split(' ');
                let g = t.next().unwrap().to_owned();
                ParsedName {
                    kind: NameKind::Person,
                    given: Some(g),
                    surname: t.map(str::to_owned).collect(),
                    ..Default::default()
                }
            })
            .collect();
        PreparedName::new(&p, &extra).unwrap()
    }

    #[test]
    fn level_ladder() {
        let c = cfg();
        let js = person("jonathan", &["smith"], &[]);
        let cases = [
            (person("jonathan", &["smith"], &[]), "exact"),
            (person("j", &["smith"], &[]), "initial"),
            (person("jonathon", &["smith"], &[]), "jaro_winkler >= 0.92"),
            (person("smith", &["jonathan"], &[]), "swapped"),
            (person("mary", &["jones"], &[]), "else"),
        ];
        for (other, want) in cases {
            assert_eq!(label(compare(Some(&js), Some(&other), &c)), want, "{other:?}");
            assert_eq!(label(compare(Some(&other), Some(&js), &c)), want, "symmetric: {other:?}");
        }
    }

    #[test]
    fn a_two_part_surname_in_prose_order_matches_the_docket_form() {
        let c = cfg();
        let parse = |s: &str| PreparedName::new(&crate::normalize::name::parse_name(s), &[]);
        let docket = parse("ALVARADO FERNANDEZ, MICHAEL");
        for prose in ["Michael Alvarado Fernandez", "Michael Alvarado-Fernandez"] {
            assert_eq!(label(compare(docket.as_ref(), parse(prose).as_ref(), &c)), "exact", "{prose}");
        }
        // An initial is not a surname part, and a different middle name still differs.
        assert_ne!(label(compare(docket.as_ref(), parse("Michael A. Fernandez").as_ref(), &c)), "exact");
        assert_ne!(label(compare(docket.as_ref(), parse("Michael Perez Fernandez").as_ref(), &c)), "exact");
    }

    #[test]
    fn aliases_take_the_best_level() {
        let c = cfg();
        let a = person("robert", &["miller"], &["bobby jones"]);
        let b = person("bobby", &["jones"], &[]);
        assert_eq!(label(compare(Some(&a), Some(&b), &c)), "exact");
        let no_alias = person("robert", &["miller"], &[]);
        assert_eq!(label(compare(Some(&no_alias), Some(&b), &c)), "else");
    }

    #[test]
    fn non_persons_are_null() {
        let sealed = ParsedName { kind: NameKind::Sealed, ..Default::default() };
        assert!(PreparedName::new(&sealed, &[]).is_none());
        let empty_person = ParsedName { kind: NameKind::Person, ..Default::default() };
        assert!(PreparedName::new(&empty_person, &[]).is_none());
    }

    #[test]
    fn one_word_alias_borrows_the_surname() {
        let a = person("william", &["smith"], &["billy"]);
        assert_eq!(a.aliases[0].full(), "billy smith");
    }

    #[test]
    fn partial_levels() {
        let c = NameConfig { jw_thresholds: vec![0.92, 0.8], partial: true };
        let mut labels = vec!["null".to_owned(), "else".to_owned()];
        labels.extend(c.labels());
        let n = |g: Option<&str>, s: Option<&str>| PreparedName::from_parts(g, s, None);
        let level = |a: Option<PreparedName>, b: Option<PreparedName>| {
            let l = compare(a.as_ref(), b.as_ref(), &c);
            assert_eq!(l, compare(b.as_ref(), a.as_ref(), &c), "symmetric");
            labels[l as usize].clone()
        };
        assert_eq!(level(n(Some("john"), Some("smith")), n(Some("john"), Some("smith"))), "exact");
        assert_eq!(level(n(None, Some("ross")), n(Some("sanjay"), Some("ross"))), "surname only");
        assert_eq!(level(n(Some("mary"), Some("ross")), n(Some("kate"), Some("rossi"))), "surname only");
        assert_eq!(level(n(Some("lisa"), Some("carey")), n(Some("lisa"), None)), "given only");
        assert_eq!(level(n(Some("castill"), Some("carolyn")), n(Some("carolyn"), Some("castillo"))), "swapped");
        assert_eq!(level(n(Some("mary"), Some("jones")), n(Some("peter"), Some("brown"))), "else");
        assert_eq!(
            level(n(Some("jonathon"), Some("smith")), n(Some("jonathan"), Some("smith"))),
            "jaro_winkler >= 0.92"
        );
        // Relatives: the full names are close, the given names are not.
        assert_eq!(level(n(Some("jane"), Some("richardson")), n(Some("mary"), Some("richardson"))), "surname only");
        // Without `partial` the ladder is the classic one.
        let classic = cfg();
        let a = n(None, Some("ross"));
        let b = n(Some("sanjay"), Some("ross"));
        assert_eq!(compare(a.as_ref(), b.as_ref(), &classic), ELSE);
    }
}
