//! Referrals that name no one: a screen name or an email spelling a defendant's name links them
//! (the `handle` comparison), and only at the trace's floor for nameless referrals.

mod support;

use std::collections::HashMap;

use caselink::normalize::name::{NameKind, parse_name};
use caselink::synth;
use caselink::trace::{self, NAMELESS_FLOOR, Source, TraceOptions};

use support::rows::push;

#[test]
fn a_handle_spelling_the_defendant_links_a_referral_that_names_no_one() {
    let mut world = synth::cases(2000, 31);
    let docket = push(
        &mut world.dockets,
        &[
            ("docket_id", "990001"),
            ("case_number", "3:16-cr-00099-TAV"),
            ("court_id", "tned"),
            ("defendant_name", "ZELLWEGEROVA, QUINTAVIOUS M."),
            ("filed_date", "2016-03-01"),
        ],
    );
    let mut referral = |id: &str, email: &str| {
        push(
            &mut world.referrals,
            &[("report_id", id), ("received_date", "2015-10-01"), ("suspect_email", email), ("state", "TN")],
        )
    };
    let spelled = referral("990002", "quintavious.zellwegerova88@gmail.com");
    let initial = referral("990003", "qzellwegerova@yahoo.com");
    let unrelated = referral("990004", "darkwolf1234@gmail.com");
    let result = trace::trace(&world.trace_input().unwrap(), &TraceOptions::default()).unwrap();
    let case = |s: Source, row: u32| result.case_of[s as usize][row as usize];
    assert_eq!(case(Source::Referral, spelled), case(Source::Docket, docket), "given name + surname: joins");
    assert_eq!(
        case(Source::Referral, initial),
        case(Source::Docket, docket),
        "initial + surname of a rare name: joins"
    );
    assert_ne!(case(Source::Referral, unrelated), case(Source::Docket, docket), "a handle of words: stays out");
    let link = result.links.iter().find(|l| l.left == Source::Referral && l.left_row == spelled).unwrap();
    assert!(link.match_probability >= NAMELESS_FLOOR, "{}", link.match_probability);
}

#[test]
fn nameless_referrals_join_only_at_the_floor_and_mostly_rightly() {
    let world = synth::cases(6000, 37);
    let result = trace::trace(&world.trace_input().unwrap(), &TraceOptions::default()).unwrap();
    let truth: HashMap<(String, String), String> = (0..world.truth.len())
        .map(|i| {
            let v = |c: &str| world.truth.value(i, c).unwrap().unwrap().to_owned();
            ((v("record_type"), v("record_id")), v("case_id"))
        })
        .collect();
    let true_case = |s: Source, row: u32| {
        let d = match s {
            Source::Referral => &world.referrals,
            Source::Docket => &world.dockets,
            Source::PressRelease => &world.press_releases,
        };
        truth[&(s.name().to_owned(), d.id(row as usize).into_owned())].clone()
    };
    let names_someone = |row: u32| {
        world
            .referrals
            .value(row as usize, "suspect_name")
            .unwrap()
            .is_some_and(|n| parse_name(n).kind == NameKind::Person)
    };
    let (mut nameless, mut right, mut named_below_floor) = (0, 0, 0);
    for l in result.links.iter().filter(|l| l.left == Source::Referral) {
        if names_someone(l.left_row) {
            named_below_floor += usize::from(l.match_probability < NAMELESS_FLOOR);
            continue;
        }
        nameless += 1;
        assert!(l.match_probability >= NAMELESS_FLOOR, "a nameless referral joined at {}", l.match_probability);
        right += usize::from(true_case(Source::Referral, l.left_row) == true_case(l.right, l.right_row));
    }
    // About 40% of synthetic referrals write no real name; most of those that reach a case do
    // so through a handle.
    assert!(nameless > 100, "only {nameless} nameless referrals joined a case");
    assert!(right * 100 >= nameless * 95, "{right} of {nameless} nameless referral links right");
    assert!(named_below_floor > 0, "the floor is for nameless referrals only");
}

/// A handle comparison explains itself with each column's value once, its terms summing to the
/// match weight the linkage gave, and a rare handle weighs more than a common one.
#[test]
fn a_handle_match_explains_itself_and_a_common_handle_weighs_less() {
    use caselink::linker::Linker;
    let world = synth::cases(3000, 4);
    let spec = r#"{"unique_id": "report_id",
        "comparisons": [
            {"type": "name", "column": "suspect_name", "right_column": "defendant_name", "tf": true},
            {"type": "handle", "columns": ["suspect_name", "suspect_email", "suspect_screen_name"],
             "right_columns": ["defendant_name"], "tf": true},
            {"type": "district", "column": "state", "right_column": "court_id"}],
        "blocking": [
            {"type": "key", "keys": [{"fn": "surname", "column": "suspect_name", "right_column": "defendant_name"}]},
            {"type": "key", "keys": [{"fn": "handle", "column": "suspect_email", "right_column": "defendant_name"},
                                     {"fn": "district", "column": "state", "right_column": "court_id"}]}]}"#;
    let mut dockets = world.dockets.clone();
    dockets.set_id_column("docket_id").unwrap();
    let mut referrals = world.referrals.clone();
    referrals.set_id_column("report_id").unwrap();
    let mut lk = Linker::from_json(spec).unwrap();
    let (_, pred) = lk.train_predict(&referrals, Some(&dockets), 0.5).unwrap();
    let k = pred.comparison_names.len();
    let h = pred.comparison_names.iter().position(|n| n == "handle").unwrap();
    let full: Vec<usize> = (0..pred.len()).filter(|&i| pred.levels[i * k + h] == 3).collect();
    assert!(full.len() > 10, "{} pairs at given + surname", full.len());
    let i = full[0];
    let (l, r) = (pred.left[i] as usize, pred.right[i] as usize);
    let e = lk.explain(&referrals, l, &dockets, r).unwrap();
    let term = e.terms.iter().find(|t| t.comparison == "handle").unwrap();
    assert_eq!(term.level_label, "given + surname");
    assert_eq!(term.right_value, dockets.value(r, "defendant_name").unwrap().unwrap(), "each column once");
    assert!((e.match_weight - pred.match_weight[i]).abs() < 1e-9);
    // Term frequencies: among given + surname matches, the weights differ by the handle.
    let weights: Vec<f64> = full
        .iter()
        .map(|&i| lk.explain(&referrals, pred.left[i] as usize, &dockets, pred.right[i] as usize).unwrap())
        .map(|e| e.terms.iter().find(|t| t.comparison == "handle").unwrap().weight)
        .collect();
    let (lo, hi) = weights.iter().fold((f64::MAX, f64::MIN), |(a, b), &w| (a.min(w), b.max(w)));
    assert!(hi - lo > 0.5, "handle weights {lo}..{hi} do not depend on the handle");
}
