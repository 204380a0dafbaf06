//! The synthetic-data generator: determinism, shapes, ground truth and the world's invariants.

use std::collections::{HashMap, HashSet};

use caselink::Dataset;
use caselink::synth::{self, Event, RecordKind};

fn csv_bytes(d: &Dataset) -> Vec<u8> {
    let mut v = Vec::new();
    d.write_csv(&mut v).unwrap();
    v
}

fn world_bytes(w: &synth::CasesWorld) -> Vec<Vec<u8>> {
    [&w.referrals, &w.dockets, &w.press_releases, &w.truth].into_iter().map(csv_bytes).collect()
}

#[test]
fn cases_are_deterministic_and_seed_dependent() {
    let a = world_bytes(&synth::cases(300, 7));
    let b = world_bytes(&synth::cases(300, 7));
    assert_eq!(a, b);
    let c = world_bytes(&synth::cases(300, 8));
    assert_ne!(a[0], c[0]);
    assert_ne!(a[3], c[3]);
}

#[test]
fn persons_are_deterministic_and_seed_dependent() {
    let a = synth::persons(300, 7);
    let b = synth::persons(300, 7);
    assert_eq!(csv_bytes(&a.persons), csv_bytes(&b.persons));
    assert_eq!(csv_bytes(&a.truth), csv_bytes(&b.truth));
    assert_ne!(csv_bytes(&a.persons), csv_bytes(&synth::persons(300, 9).persons));
}

#[test]
fn written_files_are_identical_across_runs() {
    let base = std::env::temp_dir().join(format!("caselink-synth-test-{}", std::process::id()));
    let (d1, d2) = (base.join("a"), base.join("b"));
    synth::cases(200, 3).write(&d1).unwrap();
    synth::cases(200, 3).write(&d2).unwrap();
    synth::persons(100, 3).write(&d1).unwrap();
    synth::persons(100, 3).write(&d2).unwrap();
    for f in ["referrals.csv", "dockets.csv", "press_releases.csv", "truth.csv", "persons.csv", "persons_truth.csv"] {
        let x = std::fs::read(d1.join(f)).unwrap();
        assert!(!x.is_empty(), "{f}");
        assert_eq!(x, std::fs::read(d2.join(f)).unwrap(), "{f}");
    }
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn columns_follow_the_design() {
    let w = synth::cases(100, 1);
    assert_eq!(
        w.referrals.column_names(),
        [
            "report_id",
            "received_date",
            "suspect_name",
            "state",
            "esp",
            "city",
            "recipient_agency",
            "suspect_email",
            "suspect_screen_name"
        ]
    );
    assert_eq!(
        w.dockets.column_names(),
        ["docket_id", "case_number", "court_id", "defendant_name", "filed_date", "statute"]
    );
    assert_eq!(
        w.press_releases.column_names(),
        [
            "release_id",
            "date",
            "district",
            "defendant_name",
            "age",
            "city",
            "state",
            "event",
            "sentence_months",
            "tip_ref",
            "case_number",
            "text"
        ]
    );
    assert_eq!(w.truth.column_names(), ["record_type", "record_id", "case_id"]);
    let p = synth::persons(50, 1);
    assert_eq!(
        p.persons.column_names(),
        ["unique_id", "first_name", "middle_name", "surname", "dob", "city", "state", "zip", "email"]
    );
    assert_eq!(p.truth.column_names(), ["unique_id", "person_id"]);
    // Ids are set and unique, so nothing was rejected.
    for d in [&w.referrals, &w.dockets, &w.press_releases, &p.persons] {
        assert!(d.rejected.is_empty());
        assert!(d.id_column().is_some());
    }
}

#[test]
fn truth_covers_every_record_exactly_once() {
    let w = synth::cases(1000, 2);
    let mut truth: HashSet<(String, String)> = HashSet::new();
    for row in 0..w.truth.len() {
        let t = w.truth.value(row, "record_type").unwrap().unwrap().to_owned();
        let id = w.truth.value(row, "record_id").unwrap().unwrap().to_owned();
        assert!(w.truth.value(row, "case_id").unwrap().is_some_and(|c| c.starts_with('c')));
        assert!(truth.insert((t, id)), "duplicate truth row {row}");
    }
    let mut n = 0;
    for (kind, d) in [("referral", &w.referrals), ("docket", &w.dockets), ("press_release", &w.press_releases)] {
        for row in 0..d.len() {
            assert!(truth.contains(&(kind.to_owned(), d.id(row).into_owned())), "{kind} row {row} has no truth");
            n += 1;
        }
    }
    assert_eq!(n, truth.len());
    assert_eq!(w.timeline.len(), truth.len());
}

#[test]
fn about_thirty_percent_of_cases_reach_a_docket() {
    let n = 2000;
    let w = synth::cases(n, 5);
    let docketed: HashSet<u32> = w.timeline.iter().filter(|r| r.kind == RecordKind::Docket).map(|r| r.case).collect();
    let rate = docketed.len() as f64 / n as f64;
    assert!((0.26..0.34).contains(&rate), "docket rate {rate}");
    let cases: HashSet<u32> = w.timeline.iter().map(|r| r.case).collect();
    assert_eq!(cases.len(), n, "every case has at least one referral");
    let persons: HashSet<u32> = w.timeline.iter().map(|r| r.person).collect();
    assert!(persons.len() < n && persons.len() > n * 9 / 10, "some people have two cases: {}", persons.len());
}

#[test]
fn referrals_precede_dockets_and_events_are_ordered() {
    let w = synth::cases(2000, 6);
    let mut by_case: HashMap<u32, Vec<&synth::TrueRecord>> = HashMap::new();
    for r in &w.timeline {
        by_case.entry(r.case).or_default().push(r);
    }
    let mut checked = 0;
    for recs in by_case.values() {
        let last_ref = recs.iter().filter(|r| r.kind == RecordKind::Referral).map(|r| r.date).max().unwrap();
        let dockets: Vec<i32> = recs.iter().filter(|r| r.kind == RecordKind::Docket).map(|r| r.date).collect();
        for &d in &dockets {
            assert!(d > last_ref, "docket filed before its referral");
            assert!(d - last_ref <= 1200, "docket too late");
        }
        let first = dockets.iter().min();
        let mut rel: Vec<(u8, i32)> = recs
            .iter()
            .filter(|r| r.kind == RecordKind::PressRelease)
            .map(|r| (r.event.unwrap().stage(), r.date))
            .collect();
        for &(_, date) in &rel {
            assert!(first.is_some_and(|&f| date >= f), "release before any filing");
        }
        if dockets.len() == 1 && rel.len() > 1 {
            rel.sort();
            assert!(rel.windows(2).all(|p| p[0].1 <= p[1].1), "events out of order: {rel:?}");
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked}");
    // Every sentencing release states a sentence most of the time.
    let ev = w.press_releases.column("event").unwrap();
    let months = w.press_releases.column("sentence_months").unwrap();
    let sentenced = (0..ev.len()).filter(|&i| ev.get(i) == Some(Event::Sentenced.as_str())).count();
    let with_months = (0..ev.len()).filter(|&i| months.get(i).is_some()).count();
    assert!(sentenced > 0 && with_months <= sentenced && with_months * 10 >= sentenced * 8);
}

#[test]
fn iso_dates_parse_and_referral_rows_are_in_time_order() {
    let w = synth::cases(500, 4);
    let dates: Vec<&str> = w.referrals.column("received_date").unwrap().iter().map(|d| d.unwrap()).collect();
    assert!(dates.iter().all(|d| d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-'));
    assert!(dates.windows(2).all(|p| p[0] <= p[1]));
    let filed: Vec<&str> = w.dockets.column("filed_date").unwrap().iter().map(|d| d.unwrap()).collect();
    assert!(filed.windows(2).all(|p| p[0] <= p[1]));
}

#[test]
fn report_ids_are_unique_eight_or_nine_digit_numbers() {
    let w = synth::cases(3000, 9);
    let mut seen = HashSet::new();
    for id in w.referrals.column("report_id").unwrap().iter() {
        let id = id.unwrap();
        assert!((8..=9).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit()), "{id}");
        assert!(seen.insert(id));
    }
}

#[test]
fn a_minority_of_releases_quote_a_tip_and_most_match_a_report() {
    let w = synth::cases(3000, 11);
    let reports: HashSet<&str> = w.referrals.column("report_id").unwrap().iter().flatten().collect();
    let tips: Vec<&str> = w.press_releases.column("tip_ref").unwrap().iter().flatten().collect();
    let share = tips.len() as f64 / w.press_releases.len() as f64;
    assert!((0.06..0.14).contains(&share), "tip share {share}");
    let exact = tips.iter().filter(|t| reports.contains(*t)).count();
    assert!(exact < tips.len() && exact * 10 > tips.len() * 7, "{exact} of {}", tips.len());
}

#[test]
fn many_referrals_carry_no_real_name() {
    let w = synth::cases(2000, 12);
    let names = w.referrals.column("suspect_name").unwrap();
    let empty = names.null_count();
    let handle_like = names.iter().flatten().filter(|n| !n.contains(' ')).count();
    let share = (empty + handle_like) as f64 / names.len() as f64;
    assert!((0.33..0.50).contains(&share), "no-name share {share}");
}

fn top_share(values: impl Iterator<Item = String>) -> (f64, usize) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut total = 0;
    for v in values {
        *counts.entry(v).or_default() += 1;
        total += 1;
    }
    let top = counts.values().copied().max().unwrap_or(0);
    (top as f64 / total as f64, counts.len())
}

#[test]
fn surnames_follow_a_skewed_distribution() {
    let p = synth::persons(5000, 13);
    let t = &p.truth;
    // One surname per person (its first record), folded to ASCII upper case.
    let mut first: HashMap<String, String> = HashMap::new();
    for row in 0..p.persons.len() {
        let pid = t.value(row, "person_id").unwrap().unwrap().to_owned();
        if let Some(s) = p.persons.value(row, "surname").unwrap() {
            let s: String = s.chars().map(caselink::synth::names::fold_char).collect::<String>().to_uppercase();
            first.entry(pid).or_insert(s);
        }
    }
    let (share, distinct) = top_share(first.into_values());
    let uniform = 1.0 / distinct as f64;
    assert!(share > 20.0 * uniform, "top share {share} vs uniform {uniform} over {distinct}");
    assert!((0.005..0.03).contains(&share), "top surname share {share}");
}

#[test]
fn persons_have_one_to_five_records_and_opaque_shuffled_ids() {
    let n = 2000;
    let p = synth::persons(n, 14);
    let mut per: HashMap<String, usize> = HashMap::new();
    let mut order = Vec::new();
    for row in 0..p.truth.len() {
        let pid = p.truth.value(row, "person_id").unwrap().unwrap().to_owned();
        assert_eq!(p.truth.value(row, "unique_id").unwrap(), p.persons.value(row, "unique_id").unwrap());
        *per.entry(pid.clone()).or_default() += 1;
        order.push(pid);
    }
    assert_eq!(per.len(), n);
    assert!(per.values().all(|&c| (1..=5).contains(&c)));
    let adjacent = order.windows(2).filter(|w| w[0] == w[1]).count();
    assert!(adjacent * 50 < order.len(), "records of a person are clustered: {adjacent}");
    let ids: Vec<&str> = p.persons.column("unique_id").unwrap().iter().flatten().collect();
    assert!(ids.windows(2).filter(|w| w[0] < w[1]).count() < ids.len() * 3 / 4, "ids follow row order");
}

#[test]
fn files_stay_small() {
    let w = synth::cases(2000, 15);
    let bytes: usize = world_bytes(&w).iter().map(Vec::len).sum();
    assert!(bytes < 3_000_000, "{bytes} bytes");
}

#[test]
fn generate_to_needs_exactly_one_size() {
    let dir = std::env::temp_dir().join("caselink-synth-never-written");
    assert!(synth::generate_to(Some(1), Some(1), 0, &dir).is_err());
    assert!(synth::generate_to(None, None, 0, &dir).is_err());
    assert!(!dir.exists());
}
