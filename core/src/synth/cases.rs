//! The CyberTipline world: people, their cases, referrals, dockets and press releases.

use std::collections::HashMap;
use std::fmt::Write;

use super::dates::{DateStyle, age_on, days_from_civil, release_style, write_date, write_iso};
use super::names::{Identity, MAIL_DOMAINS, push_docket_name, push_handle, push_prose_name, push_referral_name};
use super::render::{
    DocketForm, DocketNumber, judge, push_agency, push_court, push_district, push_state, variant_form,
};
use super::rng::{Rng, mix};
use super::tables::tables;
use super::{CasesWorld, Event, RecordKind, TrueRecord};
use crate::Dataset;

pub use crate::trace::{DOCKET_COLUMNS, REFERRAL_COLUMNS, RELEASE_COLUMNS};
/// Truth columns.
pub const TRUTH_COLUMNS: [&str; 3] = ["record_type", "record_id", "case_id"];

/// Share of cases that reach a federal docket.
pub const DOCKET_RATE: f64 = 0.30;
/// Share of docketed cases with a second docket in another court.
pub const SECOND_DOCKET_RATE: f64 = 0.03;
/// Share of cases that are a later case of an earlier person.
pub const REPEAT_PERSON_RATE: f64 = 0.06;
/// Share of new people given the exact name of an earlier person (forced namesakes).
pub const FORCED_NAMESAKE_RATE: f64 = 0.015;

struct Person {
    id: Identity,
    dob: i32,
    handles: u64,
}

struct Case {
    person: u32,
    start: i32,
    city: u32,
    statute: u8,
    agency: u64,
}

struct Referral {
    case: u32,
    date: i32,
    esp: u8,
}

struct Docket {
    case: u32,
    district: u16,
    filed: i32,
    number: DocketNumber,
    id: u64,
}

struct Release {
    case: u32,
    docket: u32,
    date: i32,
    event: Event,
    sentence: u16,
}

/// Statutes: (PACER style, U.S.C. style, offense phrase, sentence range in months).
const STATUTES: [(&str, &str, &str, u16, u16); 5] = [
    ("18:2252A(a)(5)(B)", "18 U.S.C. § 2252A(a)(5)(B)", "possession of child pornography", 24, 120),
    ("18:2252A(a)(2)", "18 U.S.C. § 2252A(a)(2)", "receipt and distribution of child pornography", 60, 240),
    ("18:2251(a)", "18 U.S.C. § 2251(a)", "production of child pornography", 180, 480),
    ("18:2422(b)", "18 U.S.C. § 2422(b)", "enticement of a minor", 120, 360),
    (
        "18:2252(a)(4)(B)",
        "18 U.S.C. § 2252(a)(4)(B)",
        "possession of material involving the sexual exploitation of minors",
        12,
        120,
    ),
];
const STATUTE_WEIGHTS: [u64; 5] = [35, 35, 15, 10, 5];

fn opt(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

fn push_row<const N: usize>(d: &mut Dataset, b: &[String; N]) {
    let vals: [Option<&str>; N] = std::array::from_fn(|i| opt(&b[i]));
    // The header and the buffers have the same width by construction.
    d.push_row(&vals).expect("row width matches the header");
}

/// Generate the world (see the module docs for the model).
pub fn generate(n_cases: usize, seed: u64) -> CasesWorld {
    let t = tables();
    let mut rng = Rng::new(seed ^ 0xCA5E_0000_0000_0001);
    let epoch = days_from_civil(2012, 1, 1);
    let span = days_from_civil(2024, 1, 1) - epoch;
    let statute_w = super::rng::Weighted::new(&STATUTE_WEIGHTS);

    // People and cases.
    let mut people: Vec<Person> = Vec::with_capacity(n_cases);
    let mut cases: Vec<Case> = Vec::with_capacity(n_cases);
    let mut person_city: Vec<u32> = Vec::with_capacity(n_cases);
    for i in 0..n_cases {
        let statute = statute_w.sample(&mut rng) as u8;
        let agency = rng.next_u64();
        if i >= 20 && rng.chance(REPEAT_PERSON_RATE) {
            let j = rng.index(i);
            let start = cases[j].start + rng.range(180, 1500) as i32;
            if start < epoch + span {
                let person = cases[j].person;
                let city = if rng.chance(0.3) { random_city(&mut rng) } else { cases[j].city };
                cases.push(Case { person, start, city, statute, agency });
                continue;
            }
        }
        let start = epoch + rng.below(span as u64) as i32;
        let male = rng.chance(0.93);
        let mut id = Identity::random(&mut rng, male);
        let mut city = random_city(&mut rng);
        if !people.is_empty() && rng.chance(FORCED_NAMESAKE_RATE) {
            let k = rng.index(people.len());
            let other = people[k].id;
            id = other;
            if rng.chance(0.5) {
                city = person_city[k];
            }
        }
        let age = 18 + rng.below(26) + rng.below(26);
        let dob = start - (age as f64 * 365.25) as i32 - rng.below(365) as i32;
        people.push(Person { id, dob, handles: rng.next_u64() });
        person_city.push(city);
        cases.push(Case { person: (people.len() - 1) as u32, start, city, statute, agency });
    }

    // Events.
    let mut refs: Vec<Referral> = Vec::with_capacity(n_cases * 5 / 4);
    let mut dockets: Vec<Docket> = Vec::with_capacity(n_cases / 3);
    let mut releases: Vec<Release> = Vec::with_capacity(n_cases / 3);
    let mut esp_seen = [false; 64];
    for (ci, c) in cases.iter().enumerate() {
        let n_ref = match rng.below(100) {
            0..82 => 1,
            82..96 => 2,
            _ => 3,
        };
        let mut date = c.start;
        esp_seen.iter_mut().for_each(|s| *s = false);
        for k in 0..n_ref {
            if k > 0 {
                date += rng.range(14, 120) as i32;
            }
            let mut esp = t.esp_weights.sample(&mut rng);
            for _ in 0..8 {
                if !esp_seen[esp % 64] {
                    break;
                }
                esp = t.esp_weights.sample(&mut rng);
            }
            esp_seen[esp % 64] = true;
            refs.push(Referral { case: ci as u32, date, esp: esp as u8 });
        }
        if !rng.chance(DOCKET_RATE) {
            continue;
        }
        let (lo, hi) = (30u64, 1095u64);
        let skew = rng.below(hi - lo) * rng.below(hi - lo) / (hi - lo);
        let mut filed = (c.start + (lo + skew) as i32).max(date + 7);
        let home = t.cities[c.city as usize].district;
        let n_dockets = if rng.chance(SECOND_DOCKET_RATE) { 2 } else { 1 };
        for k in 0..n_dockets {
            let district = if k == 0 {
                home
            } else {
                filed += rng.range(30, 400) as i32;
                let st = &t.states[t.districts[home].state];
                let others: Vec<usize> = st.districts.iter().copied().filter(|&d| d != home).collect();
                if !others.is_empty() && rng.chance(0.7) {
                    others[rng.index(others.len())]
                } else {
                    let mut d = rng.index(t.districts.len());
                    if d == home {
                        d = (d + 1) % t.districts.len();
                    }
                    d
                }
            };
            let di = dockets.len() as u32;
            let number = DocketNumber { office: 0, yy: 0, seq: 0, judges: [None, None] };
            dockets.push(Docket { case: ci as u32, district: district as u16, filed, number, id: 0 });
            push_releases(&mut releases, &mut rng, ci as u32, di, filed, c.statute);
        }
    }

    // Row order follows time, as real extracts do; ids are assigned in that order.
    let mut ref_order: Vec<u32> = (0..refs.len() as u32).collect();
    ref_order.sort_by_key(|&i| (refs[i as usize].date, refs[i as usize].case));
    let mut report_ids = vec![0u64; refs.len()];
    let gap = (800_000_000 / refs.len().max(1) as u64).clamp(2, 400);
    let mut next = 10_000_000 + rng.below(150_000_000);
    for &i in &ref_order {
        next += 1 + rng.below(gap);
        report_ids[i as usize] = next;
    }
    // Report ids per case, for tip numbers quoted in releases.
    let mut case_ref_start = vec![0u32; cases.len() + 1];
    for r in &refs {
        case_ref_start[r.case as usize + 1] += 1;
    }
    for i in 0..cases.len() {
        case_ref_start[i + 1] += case_ref_start[i];
    }

    let mut docket_order: Vec<u32> = (0..dockets.len() as u32).collect();
    docket_order.sort_by_key(|&i| (dockets[i as usize].filed, i));
    let mut seq: HashMap<(u16, i32), u32> = HashMap::new();
    let mut next_docket = 4_000_000 + rng.below(2_000_000);
    for &i in &docket_order {
        let d = &mut dockets[i as usize];
        let year = super::dates::civil_from_days(d.filed).0;
        let s = seq
            .entry((d.district, year))
            .or_insert_with(|| 1 + (mix(u64::from(d.district) << 16 ^ year as u64) % 40) as u32);
        *s += 1 + rng.below(3) as u32;
        let offices = 1 + mix(u64::from(d.district)) % 5;
        let j1 = judge(d.district as usize, rng.below(8));
        let j2 = rng.chance(0.5).then(|| judge(d.district as usize, 8 + rng.below(8)));
        d.number = DocketNumber {
            office: 1 + rng.below(offices) as u8,
            yy: year.rem_euclid(100) as u8,
            seq: *s,
            judges: [Some(j1), j2],
        };
        next_docket += 1 + rng.below(300);
        d.id = next_docket;
    }

    let mut release_order: Vec<u32> = (0..releases.len() as u32).collect();
    release_order.sort_by_key(|&i| (releases[i as usize].date, i));

    let mut timeline = Vec::with_capacity(refs.len() + dockets.len() + releases.len());
    let mut truth = Dataset::new("truth.csv", &TRUTH_COLUMNS).expect("static header");
    let mut tb: [String; 3] = Default::default();

    // Referrals.
    let mut rd = Dataset::new("referrals.csv", &REFERRAL_COLUMNS).expect("static header");
    let mut b: [String; 9] = Default::default();
    for (row, &i) in ref_order.iter().enumerate() {
        let r = &refs[i as usize];
        let c = &cases[r.case as usize];
        let p = &people[c.person as usize];
        let city = &t.cities[c.city as usize];
        let st = &t.states[city.state];
        b.iter_mut().for_each(String::clear);
        let _ = write!(b[0], "{}", report_ids[i as usize]);
        write_iso(&mut b[1], r.date);
        let year = super::dates::civil_from_days(p.dob).0;
        // Email and screen name first: the suspect_name may repeat one of them.
        let (esp_name, esp_domain) = &t.esps[r.esp as usize];
        if rng.chance(0.55) {
            if rng.chance(0.9) {
                let v = if rng.chance(0.7) { 0 } else { 1 };
                push_handle(&mut b[7], &p.id, &mut Rng::new(p.handles ^ v), year);
            } else {
                push_handle(&mut b[7], &p.id, &mut Rng::new(rng.next_u64()), year);
            }
            b[7].push('@');
            match esp_domain {
                Some(dom) if rng.chance(0.7) => b[7].push_str(dom),
                _ => b[7].push_str(MAIL_DOMAINS[(mix(p.handles) % MAIL_DOMAINS.len() as u64) as usize]),
            }
        }
        if rng.chance(0.55) {
            if rng.chance(0.9) {
                let v = if rng.chance(0.7) { 2 } else { 3 };
                push_handle(&mut b[8], &p.id, &mut Rng::new(p.handles ^ v), year);
            } else {
                push_handle(&mut b[8], &p.id, &mut Rng::new(rng.next_u64()), year);
            }
        }
        match rng.below(100) {
            0..15 => {}
            15..30 => {
                if b[8].is_empty() {
                    push_handle(&mut b[2], &p.id, &mut Rng::new(p.handles ^ 2), year);
                } else {
                    let (a, z) = b.split_at_mut(8);
                    a[2].push_str(&z[0]);
                }
            }
            30..40 => {
                if b[7].is_empty() {
                    push_handle(&mut b[2], &p.id, &mut Rng::new(p.handles), year);
                    b[2].push_str("@gmail.com");
                } else {
                    let (a, z) = b.split_at_mut(7);
                    a[2].push_str(&z[0]);
                }
            }
            _ => push_referral_name(&mut b[2], &p.id, &mut rng),
        }
        match rng.below(100) {
            0..90 => b[3].push_str(&st.code),
            90..93 => b[3].push_str(&st.name),
            93..97 => {
                let other = &t.states[t.state_weights.sample(&mut rng)];
                b[3].push_str(&other.code);
            }
            _ => {}
        }
        b[4].push_str(esp_name);
        match rng.below(100) {
            0..65 => b[5].push_str(&city.name),
            65..70 => {
                let k = st.cities[rng.index(st.cities.len())];
                b[5].push_str(&t.cities[k].name);
            }
            _ => {}
        }
        let choice = if rng.chance(0.85) { c.agency } else { rng.next_u64() };
        push_agency(&mut b[6], st, choice);
        push_row(&mut rd, &b);
        timeline.push(TrueRecord {
            kind: RecordKind::Referral,
            row: row as u32,
            case: r.case,
            person: c.person,
            date: r.date,
            event: None,
        });
        truth_row(RecordKind::Referral, &b[0], r.case, &mut tb, &mut truth);
    }

    // Dockets.
    let mut dd = Dataset::new("dockets.csv", &DOCKET_COLUMNS).expect("static header");
    let mut b: [String; 6] = Default::default();
    for (row, &i) in docket_order.iter().enumerate() {
        let d = &dockets[i as usize];
        let c = &cases[d.case as usize];
        let p = &people[c.person as usize];
        b.iter_mut().for_each(String::clear);
        let _ = write!(b[0], "{}", d.id);
        let form = if rng.chance(0.88) { DocketForm::Canonical } else { variant_form(&mut rng) };
        d.number.push(&mut b[1], form);
        push_court(&mut b[2], d.district as usize, &mut rng);
        push_docket_name(&mut b[3], &p.id, &mut rng);
        write_iso(&mut b[4], d.filed);
        if rng.chance(0.9) {
            let s = &STATUTES[c.statute as usize];
            b[5].push_str(if rng.chance(0.6) { s.0 } else { s.1 });
        }
        push_row(&mut dd, &b);
        timeline.push(TrueRecord {
            kind: RecordKind::Docket,
            row: row as u32,
            case: d.case,
            person: c.person,
            date: d.filed,
            event: None,
        });
        truth_row(RecordKind::Docket, &b[0], d.case, &mut tb, &mut truth);
    }

    // Press releases.
    let mut pd = Dataset::new("press_releases.csv", &RELEASE_COLUMNS).expect("static header");
    let mut b: [String; 12] = Default::default();
    let mut next_release = 100_000 + rng.below(500_000);
    for (row, &i) in release_order.iter().enumerate() {
        let r = &releases[i as usize];
        let d = &dockets[r.docket as usize];
        let c = &cases[r.case as usize];
        let p = &people[c.person as usize];
        b.iter_mut().for_each(String::clear);
        next_release += 1 + rng.below(40);
        let _ = write!(b[0], "{next_release}");
        let shown = match rng.below(100) {
            0..3 => r.date - 1,
            3..5 => r.date + 1,
            _ => r.date,
        };
        let style = release_style(&mut rng);
        let swap = style != DateStyle::Long && style != DateStyle::Ap && rng.chance(0.02);
        write_date(&mut b[1], shown, style, swap);
        if rng.chance(0.97) {
            push_district(&mut b[2], d.district as usize, &mut rng);
        }
        push_prose_name(&mut b[3], &p.id, &mut rng);
        if rng.chance(0.8) {
            let mut age = age_on(p.dob, r.date);
            if rng.chance(0.1) {
                age += if rng.chance(0.5) { 1 } else { -1 };
            }
            let _ = write!(b[4], "{age}");
        }
        let home = &t.cities[c.city as usize];
        let st = &t.states[t.districts[d.district as usize].state];
        let home_st = &t.states[home.state];
        match rng.below(100) {
            0..80 => b[5].push_str(&home.name),
            80..88 => {
                let k = home_st.cities[rng.index(home_st.cities.len())];
                b[5].push_str(&t.cities[k].name);
            }
            _ => {}
        }
        if rng.chance(0.85) {
            let s = if rng.chance(0.9) { home_st } else { st };
            push_state(&mut b[6], s, &mut rng, 0.5, 0.35);
        }
        b[7].push_str(r.event.as_str());
        if r.event == Event::Sentenced && rng.chance(0.95) {
            let _ = write!(b[8], "{}", r.sentence);
        }
        if rng.chance(0.10) {
            let lo = case_ref_start[r.case as usize] as usize;
            let hi = case_ref_start[r.case as usize + 1] as usize;
            let tip = report_ids[lo + rng.index(hi - lo)];
            let _ = write!(b[9], "{tip}");
            if rng.chance(0.15) {
                mistype_digit(&mut b[9], &mut rng);
            }
        }
        if rng.chance(0.35) {
            let form = if rng.chance(0.3) { DocketForm::Canonical } else { variant_form(&mut rng) };
            d.number.push(&mut b[10], form);
        }
        if rng.chance(0.5) {
            let (head, tail) = b.split_at_mut(11);
            push_text(&mut tail[0], head, r, STATUTES[c.statute as usize].2);
        }
        push_row(&mut pd, &b);
        timeline.push(TrueRecord {
            kind: RecordKind::PressRelease,
            row: row as u32,
            case: r.case,
            person: c.person,
            date: r.date,
            event: Some(r.event),
        });
        truth_row(RecordKind::PressRelease, &b[0], r.case, &mut tb, &mut truth);
    }

    for (d, col) in [(&mut rd, "report_id"), (&mut dd, "docket_id"), (&mut pd, "release_id")] {
        d.set_id_column(col).expect("the id column exists");
    }
    CasesWorld { referrals: rd, dockets: dd, press_releases: pd, truth, timeline }
}

fn truth_row(kind: RecordKind, id: &str, case: u32, tb: &mut [String; 3], truth: &mut Dataset) {
    tb.iter_mut().for_each(String::clear);
    tb[0].push_str(kind.as_str());
    tb[1].push_str(id);
    let _ = write!(tb[2], "c{case:07}");
    push_row(truth, tb);
}

fn random_city(rng: &mut Rng) -> u32 {
    let t = tables();
    let st = &t.states[t.state_weights.sample(rng)];
    st.cities[st.city_weights.sample(rng)] as u32
}

/// 0–3 releases per docket (35/30/20/15 %): one release is a sentencing (50 %), a charge (30 %) or a
/// plea (20 %); two are charge+sentence, plea+sentence or charge+plea; three are all three.
fn push_releases(out: &mut Vec<Release>, rng: &mut Rng, case: u32, docket: u32, filed: i32, statute: u8) {
    let n = match rng.below(100) {
        0..35 => 0,
        35..65 => 1,
        65..85 => 2,
        _ => 3,
    };
    if n == 0 {
        return;
    }
    let charged = filed + rng.range(0, 14) as i32;
    let plea = filed + rng.range(60, 420) as i32;
    let sentenced = plea + rng.range(75, 300) as i32;
    let (with_charge, with_plea, with_sentence) = match (n, rng.below(100)) {
        (1, 0..50) => (false, false, true),
        (1, 50..80) => (true, false, false),
        (1, _) => (false, true, false),
        (2, 0..40) => (true, false, true),
        (2, 40..75) => (false, true, true),
        (2, _) => (true, true, false),
        _ => (true, true, true),
    };
    let (_, _, _, lo, hi) = STATUTES[statute as usize];
    let mut months = rng.range(i64::from(lo), i64::from(hi)) as u16;
    if rng.chance(0.4) {
        months = (months / 12).max(1) * 12;
    }
    let lag = |rng: &mut Rng| if rng.chance(0.7) { 0 } else { rng.range(1, 2) as i32 };
    if with_charge {
        let event = if rng.chance(0.5) { Event::Charged } else { Event::Indicted };
        let date = charged + lag(rng);
        out.push(Release { case, docket, date, event, sentence: 0 });
    }
    if with_plea {
        let event = if rng.chance(0.93) { Event::PleadedGuilty } else { Event::Convicted };
        let date = plea + lag(rng);
        out.push(Release { case, docket, date, event, sentence: 0 });
    }
    if with_sentence {
        let date = sentenced + lag(rng);
        out.push(Release { case, docket, date, event: Event::Sentenced, sentence: months });
    }
}

fn mistype_digit(s: &mut String, rng: &mut Rng) {
    let n = s.len();
    if n < 2 {
        return;
    }
    let pos = 1 + rng.index(n - 1);
    let old = s.as_bytes()[pos];
    let new = b'0' + ((old - b'0' + 1 + rng.below(9) as u8) % 10);
    let mut tmp = [0u8; 4];
    s.replace_range(pos..pos + 1, char::from(new).encode_utf8(&mut tmp));
}

/// One or two sentences in the style of a US Attorney's release, reusing the row's noisy fields.
fn push_text(out: &mut String, f: &mut [String], r: &Release, offense: &str) {
    let name = &f[3];
    out.push_str(name);
    if !f[4].is_empty() {
        let _ = write!(out, ", {}", f[4]);
    }
    if !f[5].is_empty() {
        let _ = write!(out, ", of {}", f[5]);
        if !f[6].is_empty() {
            let _ = write!(out, ", {}", f[6]);
        }
    }
    let _ = match r.event {
        Event::Charged => write!(out, ", was charged by criminal complaint with {offense}."),
        Event::Indicted => write!(out, ", was indicted by a federal grand jury on charges of {offense}."),
        Event::PleadedGuilty => write!(out, ", pleaded guilty to {offense}."),
        Event::Convicted => write!(out, ", was convicted at trial of {offense}."),
        Event::Sentenced => {
            write!(out, ", was sentenced to {} months in federal prison for {offense}.", r.sentence)
        }
    };
    if !f[9].is_empty() {
        let _ = write!(out, " The investigation began with CyberTipline report {}.", f[9]);
    }
}
