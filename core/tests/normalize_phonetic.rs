//! Golden cases for Soundex and Double Metaphone (`testdata/normalize/phonetic.toml`) and
//! property tests: keys are short, upper-case ASCII, and no input panics.

use caselink::normalize::phonetic::{describe, double_metaphone, soundex};
use proptest::prelude::*;

#[derive(serde::Deserialize)]
struct Golden {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    input: String,
    soundex: Option<String>,
    metaphone: Option<String>,
    metaphone_alt: Option<String>,
}

fn golden() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/normalize/phonetic.toml");
    let text = std::fs::read_to_string(path).expect("read phonetic.toml");
    toml::from_str::<Golden>(&text).expect("parse phonetic.toml").case
}

#[test]
fn golden_cases() {
    let cases = golden();
    assert!(cases.len() >= 40, "only {} golden cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let (p, a) = double_metaphone(&c.input);
        let got = [("soundex", soundex(&c.input)), ("metaphone", p), ("metaphone_alt", a)];
        let want = [&c.soundex, &c.metaphone, &c.metaphone_alt];
        for ((field, got), want) in got.iter().zip(want) {
            if let Some(want) = want
                && got != want
            {
                failures.push(format!("{:?}: {field} = {got:?}, expected {want:?}", c.input));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn describe_matches_functions() {
    let v = describe("Schmidt");
    assert_eq!(v["soundex"], "S530");
    assert_eq!(v["metaphone"], "XMT");
    assert_eq!(v["metaphone_alt"], "SMT");
    assert_eq!(v["input"], "Schmidt");
}

#[test]
fn spelling_variants_share_keys() {
    for (a, b) in [("Smith", "Smyth"), ("Stephen", "Steven"), ("Catherine", "Kathryn"), ("Muller", "Müller")] {
        assert_eq!(double_metaphone(a).0, double_metaphone(b).0, "{a} / {b}");
    }
    assert_eq!(soundex("Robert"), soundex("Rupert"));
    assert_ne!(soundex("Robert"), soundex("Roland"));
}

fn is_key(s: &str) -> bool {
    s.len() <= 4 && s.bytes().all(|b| b.is_ascii_uppercase() || b == b'0')
}

proptest! {
    #[test]
    fn never_panics_and_keys_are_well_formed(s in ".{0,64}") {
        let sx = soundex(&s);
        prop_assert!(sx.is_empty() || (sx.len() == 4 && sx.as_bytes()[0].is_ascii_uppercase()
            && sx[1..].bytes().all(|b| b.is_ascii_digit())), "{:?}", sx);
        let (p, a) = double_metaphone(&s);
        prop_assert!(is_key(&p) && is_key(&a), "{:?} {:?}", p, a);
    }

    #[test]
    fn ascii_words_always_get_a_soundex(s in "[A-Za-z]{1,20}") {
        prop_assert_eq!(soundex(&s).len(), 4);
    }

    #[test]
    fn case_does_not_matter(s in "[A-Za-z ]{0,20}") {
        prop_assert_eq!(double_metaphone(&s), double_metaphone(&s.to_uppercase()));
        prop_assert_eq!(soundex(&s), soundex(&s.to_lowercase()));
    }
}

#[test]
fn very_long_and_odd_inputs() {
    let long = "abcdefghij".repeat(500);
    assert_eq!(soundex(&long).len(), 4);
    assert_eq!(double_metaphone(&long).0.len(), 4);
    for s in ["😀😀", "مرحبا", "שלום", "\u{0}", "---"] {
        assert_eq!(soundex(s), "", "{s}");
        let _ = double_metaphone(s);
    }
    // Ç is an S sound in Double Metaphone, although folding alone would make it a C.
    assert_eq!(double_metaphone("ÇA").0, "S");
}
