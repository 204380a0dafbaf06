//! Golden and property tests for CyberTipline and docket numbers.

use caselink::normalize::reference::{
    DocketNumber, Reference, find_cybertips, find_dockets, parse_cybertip, parse_docket, parse_docket_naive,
    parse_reference,
};
use proptest::prelude::*;

#[derive(serde::Deserialize)]
struct Case {
    input: String,
    kind: String,
    canonical: Option<String>,
}

#[derive(serde::Deserialize)]
struct Golden {
    case: Vec<Case>,
}

#[test]
fn golden_cases() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/normalize/reference.toml");
    let cases = toml::from_str::<Golden>(&std::fs::read_to_string(path).unwrap()).unwrap().case;
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let got = match parse_reference(&c.input) {
            Some(Reference::Docket(d)) => ("docket", Some(d.canonical())),
            Some(Reference::Cybertip { number }) => ("cybertip", Some(number.to_string())),
            None => ("", None),
        };
        if got != (c.kind.as_str(), c.canonical.clone()) {
            failures.push(format!("{:?}: got {got:?}, want ({:?}, {:?})", c.input, c.kind, c.canonical));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    for c in &cases {
        assert_eq!(parse_docket(&c.input), parse_docket_naive(&c.input), "{:?}", c.input);
    }
}

/// Pieces of docket numbers, well and badly formed, for the fast path's differential test.
#[rustfmt::skip] // a table
const DOCKET_PIECES: &[&str] = &[
    "3", "13", "123", "0", "00", "18", "2019", "1899", "201", ":", "-", "--", " ", "  ", ".", ",", "\t", "\u{2013}", "cr",
    "CR", "Cr", "crim", "mj", "mag", "cv", "civ", "misc", "mc", "po", "cm", "x", "crx", "No.", "Case", "Criminal Action",
    "00178", "178", "1", "99999", "123456", "00000", "TAV", "HBG", "abcde", "1a", "#",
];

/// Docket numbers in the plain shapes the fast path reads, with their variations.
fn plain_docket() -> impl Strategy<Value = String> {
    let sep = prop::sample::select(vec!["-", " ", ""]);
    (
        proptest::option::of(prop::sample::select(vec!["1", "3", "13", "0", "99"])),
        prop::sample::select(vec!["18", "2019", "07", "1999", "2100", "5"]),
        prop::sample::select(vec!["cr", "CR", "crim", "mj", "MAG", "civ", "cm", "po", "xx"]),
        prop::sample::select(vec!["178", "00178", "0", "99999", "123456", "1"]),
        prop::collection::vec(prop::sample::select(vec!["TAV", "HBG", "1", "12", "123", "1234", "abcde"]), 0..3),
        (sep.clone(), sep.clone(), sep),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(office, year, ty, seq, tail, (s1, s2, s3), type_first, padded)| {
            let office = office.map(|o| format!("{o}:")).unwrap_or_default();
            let body = if type_first {
                format!("{office}{ty}{s1}{year}{s2}{seq}")
            } else {
                format!("{office}{year}{s1}{ty}{s3}{seq}")
            };
            let tail: String = tail.iter().map(|t| format!("-{t}")).collect();
            if padded { format!("  {body}{tail} ") } else { format!("{body}{tail}") }
        })
}

#[test]
fn docket_parts() {
    let d = parse_docket("3:CR-20-197").unwrap();
    assert_eq!(d, DocketNumber { office: Some(3), year: 20, case_type: "cr".into(), seq: 197 });
    let d = parse_docket("Criminal Action No. 11–10294–GAO").unwrap();
    assert_eq!((d.office, d.year, d.case_type.as_str(), d.seq), (None, 11, "cr", 10294));
    let v = caselink::normalize::reference::describe("3:18-CR-178-TAV-HBG");
    assert_eq!((v["kind"].as_str(), v["canonical"].as_str()), (Some("docket"), Some("3:18-cr-00178")));
    assert_eq!(v["office"], 3);
    let v = caselink::normalize::reference::describe("CT#123456789");
    assert_eq!((v["kind"].as_str(), v["number"].as_u64()), (Some("cybertip"), Some(123_456_789)));
    assert!(caselink::normalize::reference::describe("hello")["kind"].is_null());
}

#[test]
fn cybertip_field_edges() {
    assert_eq!(parse_cybertip("CyberTip #1234567"), None);
    assert_eq!(parse_cybertip("CyberTip #1234567890"), None);
    assert_eq!(parse_cybertip("Docket 12345678"), None);
    assert_eq!(parse_cybertip("12345678x"), None);
    assert_eq!(parse_cybertip("１２３４５６７８"), Some(12_345_678));
}

#[test]
fn dockets_in_text() {
    let text = "On Oct. 5, 2020, in United States v. Smith, No. 3:18-cr-00178-TAV-HBG (E.D. Tenn.), \
        the court (see also 3:18 CR 435 and Criminal Action No. 11–10294–GAO; again 3:18-CR-178) ruled. \
        Call 555-123-4567; dated 10-05-2020; case 18-123 is not typed.";
    let got: Vec<String> = find_dockets(text).iter().map(DocketNumber::canonical).collect();
    assert_eq!(got, ["3:18-cr-00178", "3:18-cr-00435", "11-cr-10294"]);
    assert!(find_dockets("nothing here 12345678").is_empty());
}

#[test]
fn cybertips_in_text() {
    let text = "The investigation began with CyberTipline Report 12345678, and NCMEC later sent reports \
        #23456789, #34567890 and #45678901. His phone 5551234567 and zip code 37902, \
        plus an unrelated account number 98765432 far away from any tip word in the text.";
    assert_eq!(find_cybertips(text), [12_345_678, 23_456_789, 34_567_890, 45_678_901]);
    assert_eq!(find_cybertips("CT#87654321 and CT# 87654321"), [87_654_321]);
    assert!(find_cybertips("Account 12345678").is_empty());
    assert!(find_cybertips("12345678 CyberTip").is_empty(), "the word must come before the number");
}

proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,80}") {
        let _ = parse_cybertip(&s);
        let _ = parse_docket(&s);
        let _ = find_dockets(&s);
        let _ = find_cybertips(&s);
    }

    #[test]
    fn never_panics_docket_like(s in "[0-9a-zA-Z:#. -]{0,40}") {
        let _ = parse_reference(&s);
        let _ = find_dockets(&s);
    }

    // The hand-written fast path answers exactly as the regex does, on any mix of docket pieces.
    #[test]
    fn fast_path_agrees_with_the_regex(pieces in prop::collection::vec(prop::sample::select(DOCKET_PIECES), 0..9)) {
        let s: String = pieces.concat();
        prop_assert_eq!(parse_docket(&s), parse_docket_naive(&s), "{:?}", s);
    }

    #[test]
    fn fast_path_agrees_on_plain_shapes(s in plain_docket()) {
        prop_assert_eq!(parse_docket(&s), parse_docket_naive(&s), "{:?}", s);
    }

    #[test]
    fn canonical_reparses(office in proptest::option::of(1u8..=99), year in 0u8..=99,
        ty in prop::sample::select(vec!["cr", "mj", "cv", "po", "mc", "sw", "gj", "pt", "cm"]), seq in 1u32..=99_999) {
        let d = DocketNumber { office, year, case_type: ty.to_string(), seq };
        prop_assert_eq!(parse_docket(&d.canonical()), Some(d.clone()));
        prop_assert_eq!(parse_docket(&d.canonical().to_uppercase()), Some(d.clone()));
        prop_assert_eq!(find_dockets(&format!("see {} here", d.canonical())), vec![d]);
    }

    #[test]
    fn tip_numbers_round_trip(n in 10_000_000u64..1_000_000_000) {
        prop_assert_eq!(parse_cybertip(&n.to_string()), Some(n));
        prop_assert_eq!(parse_cybertip(&format!("CyberTip Report #{n}")), Some(n));
        prop_assert_eq!(find_cybertips(&format!("CyberTip {n}.")), vec![n]);
    }
}
