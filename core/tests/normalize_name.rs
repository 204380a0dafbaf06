//! Golden cases for the name parser (`testdata/normalize/name.toml`), the helper keys, the
//! nickname table, and property tests: no input panics and every output is folded.

use caselink::normalize::name::{NameKind, ParsedName, describe, parse_name};
use caselink::normalize::nickname::{are_equivalent, canonical, groups};
use proptest::prelude::*;

#[derive(serde::Deserialize)]
struct Golden {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    input: String,
    kind: NameKind,
    given: Option<String>,
    #[serde(default)]
    middle: Vec<String>,
    #[serde(default)]
    surname: Vec<String>,
    suffix: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    order_ambiguous: bool,
    handle: Option<String>,
}

impl Case {
    fn expected(&self) -> ParsedName {
        ParsedName {
            kind: self.kind,
            given: self.given.clone(),
            middle: self.middle.clone(),
            surname: self.surname.clone(),
            suffix: self.suffix.clone(),
            aliases: self.aliases.clone(),
            order_ambiguous: self.order_ambiguous,
            handle: self.handle.clone(),
        }
    }
}

fn golden() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/normalize/name.toml");
    let text = std::fs::read_to_string(path).expect("read name.toml");
    toml::from_str::<Golden>(&text).expect("parse name.toml").case
}

#[test]
fn golden_cases() {
    let cases = golden();
    assert!(cases.len() >= 40, "only {} golden cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            let got = parse_name(&c.input);
            let want = c.expected();
            (got != want).then(|| format!("{:?}\n   got:  {got:?}\n   want: {want:?}", c.input))
        })
        .collect();
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn keys_and_helpers() {
    let p = parse_name("GARCIA LOPEZ, MARIA ELENA");
    assert_eq!(p.surname_key(), "garcialopez");
    assert_eq!(p.full_key(), "maria garcia lopez");
    assert_eq!(p.initial(), Some('m'));
    assert!(p.is_person());
    // Spacing and hyphenation variants of one surname share the key.
    for s in ["McDonald, Ann", "Mc Donald, Ann", "MC-DONALD, ANN"] {
        assert_eq!(parse_name(s).surname_key(), "mcdonald", "{s}");
    }
    let h = parse_name("jsmith87");
    assert!(!h.is_person());
    assert_eq!(h.surname_key(), "");
    assert_eq!(h.full_key(), "");
    assert_eq!(h.initial(), None);
}

#[test]
fn docket_and_prose_spellings_agree() {
    let pairs = [
        ("SMITH, JOHN MICHAEL JR.", "John Michael Smith Jr."),
        ("DE LA CRUZ, MARIA", "Maria de la Cruz"),
        ("O'NEIL, PATRICK", "Patrick O\u{2019}Neil"),
        ("GARCIA-LOPEZ, JOSE", "José García López"),
    ];
    for (docket, prose) in pairs {
        let (a, b) = (parse_name(docket), parse_name(prose));
        assert_eq!(
            (a.given.clone(), a.surname_key(), a.suffix.clone()),
            (b.given.clone(), b.surname_key(), b.suffix.clone()),
            "{docket}"
        );
    }
}

#[test]
fn describe_keeps_its_field_names() {
    let v = describe("SMITH, JOHN M. JR. a/k/a \"JD\"");
    for field in ["input", "kind", "given", "middle", "surname", "suffix", "aliases", "order_ambiguous", "handle"] {
        assert!(v.get(field).is_some(), "missing {field}");
    }
    assert_eq!(v["kind"], "person");
    assert_eq!(v["surname"], "smith");
    assert_eq!(v["suffix"], "jr");
    assert_eq!(v["aliases"][0], "jd");
    let e = describe("UNKNOWN");
    assert_eq!(e["kind"], "empty");
    assert!(e["surname"].is_null() && e["given"].is_null());
    assert_eq!(describe("a@b.co")["kind"], "email");
}

#[test]
fn nickname_table() {
    for (a, b) in [
        ("william", "bill"),
        ("robert", "bob"),
        ("elizabeth", "liz"),
        ("margaret", "peggy"),
        ("richard", "dick"),
        ("john", "jack"),
        ("katherine", "kathy"),
        ("christopher", "kit"),
        ("james", "jimmy"),
    ] {
        assert!(are_equivalent(a, b), "{a} ~ {b}");
        assert_eq!(canonical(b), a, "canonical({b})");
    }
    assert!(!are_equivalent("william", "robert"));
    assert!(!are_equivalent("bill", "bob"));
    // `al` belongs to several groups, so it has no single canonical form.
    assert!(groups("al").len() >= 3);
    assert_eq!(canonical("al"), "al");
    assert!(are_equivalent("al", "albert") && are_equivalent("al", "alfred"));
    assert!(!are_equivalent("albert", "alfred"));
}

#[test]
fn huge_and_hostile_inputs() {
    let long = "Smith ".repeat(1000);
    assert_eq!(parse_name(&long).kind, NameKind::Person);
    let one_word = "a".repeat(5000);
    assert_eq!(parse_name(&one_word).surname, [one_word]);
    for s in ["\"", "(", "[[[", "a/k/a", "\"\"\"", "'", "''", "-", "@", "@@", ",", "(a/k/a", "\u{202E}abc", "\u{0}"] {
        let p = parse_name(s);
        assert!(matches!(p.kind, NameKind::Empty | NameKind::Person | NameKind::ScreenName), "{s:?}: {p:?}");
    }
    assert_eq!(parse_name("a/k/a JD").kind, NameKind::Empty);
    assert_eq!(parse_name("a/k/a JD").aliases, ["jd"]);
}

fn is_folded(s: &str) -> bool {
    // `to_lowercase` rather than `!is_uppercase`: some symbols (`🅐`) are upper case with no lower form.
    s.to_lowercase() == s && !s.is_empty() && !s.contains(' ')
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_and_parts_are_folded_tokens(s in "\\PC{0,80}") {
        let p = parse_name(&s);
        if p.kind == NameKind::Person {
            prop_assert!(p.given.is_some() || !p.surname.is_empty(), "{:?}", p);
            for part in p.given.iter().chain(&p.middle).chain(&p.surname) {
                prop_assert!(is_folded(part) && part.chars().all(char::is_alphanumeric), "{:?} in {:?}", part, p);
            }
        } else {
            prop_assert!(p.given.is_none() && p.middle.is_empty() && p.surname.is_empty(), "{:?}", p);
        }
        if let Some(sfx) = &p.suffix {
            prop_assert!(["jr", "sr", "ii", "iii", "iv"].contains(&sfx.as_str()));
        }
        prop_assert_eq!(p.handle.is_some(), matches!(p.kind, NameKind::ScreenName | NameKind::Email));
    }

    #[test]
    fn name_like_inputs(given in "[A-Z][a-z]{1,8}", surname in "[A-Z][a-z]{2,10}", docket in any::<bool>()) {
        // Words the parser gives a meaning of their own (suffixes, titles, placeholders, junk).
        let special = ["jr", "sr", "ii", "iii", "iv", "mr", "mrs", "ms", "dr", "rev", "hon", "doe", "roe", "inc", "llc",
            "ltd", "md", "esq", "na", "nan", "nil", "none", "null", "unk", "test", "anon", "void", "tbd", "et", "dft",
            "deft", "phd", "rn", "dds", "ret", "sir", "fr", "lt", "col", "gen", "maj", "sen", "rep", "gov", "det", "sgt",
            "same", "miss", "mx", "cpl", "pvt", "spc", "sfc", "cdr", "adm", "ofc", "capt", "atty", "prof", "judge", "dame",
            "corp", "plc", "lpn", "dmd", "dvm", "cpa", "jnr", "snr", "minor", "sealed",
            // Alias markers ("Aa Nka" reads as "aa, now known as …").
            "aka", "fka", "nka", "alias", "aliases"];
        prop_assume!(!special.contains(&given.to_lowercase().as_str()) && !special.contains(&surname.to_lowercase().as_str()));
        let raw = if docket { format!("{}, {}", surname.to_uppercase(), given.to_uppercase()) } else { format!("{given} {surname}") };
        let p = parse_name(&raw);
        prop_assert_eq!(p.kind, NameKind::Person);
        prop_assert_eq!(p.surname.concat().len() + p.given.as_deref().map_or(0, str::len), given.len() + surname.len());
        if docket {
            prop_assert_eq!(p.given, Some(given.to_lowercase()));
        }
    }

    #[test]
    fn case_and_spacing_do_not_matter(s in "[A-Za-z,.' -]{0,40}") {
        let a = parse_name(&s);
        let b = parse_name(&format!("  {}  ", s.to_uppercase()));
        // Upper-casing can only change the handle-style check (`xXdarkXx`), never the person parse.
        if a.kind == NameKind::Person && b.kind == NameKind::Person {
            prop_assert_eq!(a, b);
        }
    }

}

proptest! {
    // Long inputs are slow to generate in debug builds; a few dozen cover the length handling.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn arbitrary_long_strings(s in "\\PC{1000,5000}") {
        let p = parse_name(&s);
        prop_assert!(p.surname.len() + p.middle.len() <= s.len());
    }
}
