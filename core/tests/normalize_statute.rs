//! Golden and property tests for US Code citations.

use caselink::normalize::statute::{Citation, MAX_CITATIONS, describe, parse_statutes};
use proptest::prelude::*;

#[derive(serde::Deserialize)]
struct Case {
    input: String,
    canonical: String,
}

#[derive(serde::Deserialize)]
struct Golden {
    case: Vec<Case>,
}

fn joined(raw: &str) -> String {
    parse_statutes(raw).iter().map(Citation::canonical).collect::<Vec<_>>().join("; ")
}

#[test]
fn golden_cases() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/normalize/statute.toml");
    let cases = toml::from_str::<Golden>(&std::fs::read_to_string(path).unwrap()).unwrap().case;
    assert!(cases.len() >= 15, "only {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter(|c| joined(&c.input) != c.canonical)
        .map(|c| format!("{:?}: got {:?}, want {:?}", c.input, joined(&c.input), c.canonical))
        .collect();
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn describe_lists_parts() {
    let v = describe("18 U.S.C. §§ 2252A(a)(2) and 2253");
    assert_eq!(v["canonical"], "18:2252a(a)(2); 18:2253");
    assert_eq!(v["citations"][1]["section"], "2253");
    assert_eq!(v["citations"][0]["subsections"], "(a)(2)");
    assert!(describe("no statute here")["canonical"].is_null());
}

#[test]
fn long_lists_are_capped() {
    let raw: String = (0..100).map(|i| format!("18:{} ", 1000 + i)).collect();
    assert_eq!(parse_statutes(&raw).len(), MAX_CITATIONS);
}

proptest! {
    // Untrusted cells: any text parses without panicking, and the canonical form of what it
    // finds parses back to the same citations.
    #[test]
    fn any_text_is_safe_and_canonical_forms_round_trip(s in "\\PC{0,80}") {
        let cites = parse_statutes(&s);
        prop_assert!(cites.len() <= MAX_CITATIONS);
        for c in &cites {
            prop_assert_eq!(&parse_statutes(&c.canonical()), &vec![c.clone()]);
        }
    }

    #[test]
    fn pacer_and_prose_spellings_agree(title in 1u16..=54, sec in 100u32..9999, letter in "[a-c]?", subs in proptest::collection::vec("[a-z1-9]", 0..3)) {
        let path: String = subs.iter().map(|s| format!("({s})")).collect();
        let pacer = format!("{title}:{sec}{}{}", letter.to_uppercase(), path.to_uppercase());
        let prose = format!("{title} U.S.C. § {sec}{letter}{path}");
        prop_assert_eq!(joined(&pacer), joined(&prose));
        prop_assert_eq!(joined(&pacer), format!("{title}:{sec}{letter}{path}"));
    }
}
