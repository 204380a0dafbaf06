//! The docket↔docket step of the trace: a defendant charged in two courts becomes one case with
//! both dockets, never two dockets of one court, and the merges it makes are right.

mod support;

use std::collections::HashMap;
use std::sync::OnceLock;

use caselink::normalize::district;
use caselink::synth;
use caselink::trace::{self, Source, TraceOptions};

use support::rows::push;

/// One 20,000-case world and its trace, shared by the tests that measure accuracy: a few
/// thousand cases give too few docket merges (under 20) for a share of them to mean much.
fn traced_world() -> &'static (synth::CasesWorld, trace::TraceResult) {
    static WORLD: OnceLock<(synth::CasesWorld, trace::TraceResult)> = OnceLock::new();
    WORLD.get_or_init(|| {
        let world = synth::cases(20_000, 29);
        let result = trace_world(&world);
        (world, result)
    })
}

#[test]
fn two_dockets_of_one_defendant_join_one_case_never_two_of_one_court() {
    let (world, result) = traced_world();
    let truth = truth_of(world);
    let true_case = |row: u32| truth[&("docket".to_owned(), world.dockets.id(row as usize).into_owned())].clone();
    assert!(result.linkages.iter().any(|l| l.left == Source::Docket && l.right == Source::Docket));

    // Every case holds at most one docket per court.
    let court = |row: usize| {
        let raw = world.dockets.value(row, "court_id").unwrap();
        raw.and_then(district::lookup).map(|d| d.court_id.clone())
    };
    let mut courts_of_case: HashMap<u32, Vec<String>> = HashMap::new();
    for (row, &case) in result.case_of[Source::Docket as usize].iter().enumerate() {
        if let Some(c) = court(row) {
            let seen = courts_of_case.entry(case).or_default();
            assert!(!seen.contains(&c), "case {case} has two dockets of court {c}");
            seen.push(c);
        }
    }

    // The generator gives some cases a second docket in another court; the trace joins most of
    // the ones it joins correctly.
    let docket_links: Vec<_> =
        result.links.iter().filter(|l| l.left == Source::Docket && l.right == Source::Docket).collect();
    let right = docket_links.iter().filter(|l| true_case(l.left_row) == true_case(l.right_row)).count();
    let mut per_case: HashMap<String, usize> = HashMap::new();
    for row in 0..world.dockets.len() {
        *per_case.entry(true_case(row as u32)).or_default() += 1;
    }
    let two_docket_cases = per_case.values().filter(|&&n| n > 1).count();
    assert!(two_docket_cases > 50, "the world has cases with two dockets ({two_docket_cases})");
    assert!(right * 3 >= two_docket_cases * 2, "joined {right} of {two_docket_cases} two-docket cases");
    assert!(right * 10 >= docket_links.len() * 9, "{right} of {} docket links right", docket_links.len());
    for l in &docket_links {
        assert!(l.match_probability >= 0.5 && l.match_probability <= 1.0);
        // Both dockets of a link are in one case.
        let c = &result.case_of[Source::Docket as usize];
        assert_eq!(c[l.left_row as usize], c[l.right_row as usize]);
    }
}

#[test]
fn a_release_no_docket_took_joins_its_siblings_case() {
    let (world, result) = traced_world();
    let truth = truth_of(world);
    let true_case = |source: &str, id: std::borrow::Cow<'_, str>| truth[&(source.to_owned(), id.into_owned())].clone();
    let releases = &result.case_of[Source::PressRelease as usize];
    let dockets = &result.case_of[Source::Docket as usize];
    let sibling_links: Vec<_> =
        result.links.iter().filter(|l| l.left == Source::PressRelease && l.right == Source::PressRelease).collect();
    assert!(sibling_links.len() > 20, "only {} releases joined through a sibling", sibling_links.len());
    let mut right = 0;
    for l in &sibling_links {
        // The sibling (left) joined a docket case, and the rescued release (right) joined it too.
        let case = releases[l.left_row as usize];
        assert_eq!(releases[l.right_row as usize], case);
        assert!(dockets.contains(&case), "sibling {} is in no docket case", l.left_row);
        assert!((0.5..=1.0).contains(&l.match_probability));
        // Right when the case holds the release's own docket (the sibling may be a repeat
        // defendant's release wrongly placed there: the rescued release is still right).
        let own = true_case("press_release", world.press_releases.id(l.right_row as usize));
        let holds_own =
            (0..world.dockets.len()).any(|d| dockets[d] == case && true_case("docket", world.dockets.id(d)) == own);
        right += usize::from(holds_own);
    }
    assert!(right * 20 >= sibling_links.len() * 17, "{right} of {} rescued releases right", sibling_links.len());
    // A release traced without dockets has no docket case to reach: no sibling linkage runs.
    let alone = trace::TraceInput { press_releases: world.trace_input().unwrap().press_releases, ..Default::default() };
    let r = trace::trace(&alone, &TraceOptions::default()).unwrap();
    assert!(r.linkages.is_empty() && r.links.is_empty());
}

/// The true case of every (record type, record id) of a synthetic world.
fn truth_of(world: &synth::CasesWorld) -> HashMap<(String, String), String> {
    (0..world.truth.len())
        .map(|i| {
            let v = |c: &str| world.truth.value(i, c).unwrap().unwrap().to_owned();
            ((v("record_type"), v("record_id")), v("case_id"))
        })
        .collect()
}

/// Trace all three sources of a synthetic world with the default options.
fn trace_world(world: &synth::CasesWorld) -> trace::TraceResult {
    trace::trace(&world.trace_input().unwrap(), &TraceOptions::default()).unwrap()
}

/// A referral received after its namesake's docket was filed cannot join that case through the
/// case's press release (a repeat offender's later tip is not the earlier case's): the docket's
/// own date says no. The same referral received before the filing joins.
#[test]
fn a_release_does_not_bring_in_a_referral_outside_the_dockets_window() {
    let mut world = synth::cases(2000, 29);
    let name = "Quintavious Zellwegerova";
    let docket = push(
        &mut world.dockets,
        &[
            ("docket_id", "990001"),
            ("case_number", "3:16-cr-00099-TAV"),
            ("court_id", "tned"),
            ("defendant_name", "ZELLWEGEROVA, QUINTAVIOUS"),
            ("filed_date", "2016-03-01"),
        ],
    );
    push(
        &mut world.press_releases,
        &[
            ("release_id", "990002"),
            ("date", "2017-01-15"),
            ("district", "E.D. Tenn."),
            ("defendant_name", name),
            ("state", "TN"),
            ("event", "sentenced"),
        ],
    );
    let mut referral = |id: &str, date: &str| {
        push(
            &mut world.referrals,
            &[("report_id", id), ("received_date", date), ("suspect_name", name), ("state", "TN")],
        )
    };
    let before = referral("990003", "2015-10-01");
    let after = referral("990004", "2016-09-01");
    let result = trace_world(&world);
    let case = |s: Source, row: u32| result.case_of[s as usize][row as usize];
    assert_eq!(case(Source::Referral, before), case(Source::Docket, docket), "received before the filing: joins");
    assert_ne!(case(Source::Referral, after), case(Source::Docket, docket), "received after the filing: stays out");
}
