//! The person-deduplication world: people with 1–5 noisy records each.

use std::fmt::Write;

use super::PersonsWorld;
use super::dates::{civil_from_days, days_from_civil, write_iso};
use super::names::{Case, Identity, Joiner, MAIL_DOMAINS, push_cased, push_handle, typo};
use super::rng::{Permutation, Rng, mix};
use super::tables::tables;
use crate::Dataset;

/// Person columns.
pub const PERSON_COLUMNS: [&str; 9] =
    ["unique_id", "first_name", "middle_name", "surname", "dob", "city", "state", "zip", "email"];
/// Person truth columns.
pub const PERSON_TRUTH_COLUMNS: [&str; 2] = ["unique_id", "person_id"];

struct Person {
    id: Identity,
    dob: i32,
    city: u32,
    zip_offset: u32,
    handles: u64,
}

fn initial<'a>(s: &str, tmp: &'a mut [u8; 4]) -> &'a str {
    s.chars().next().map_or("", |c| c.encode_utf8(tmp))
}

fn random_city(rng: &mut Rng) -> u32 {
    let t = tables();
    let st = &t.states[t.state_weights.sample(rng)];
    st.cities[st.city_weights.sample(rng)] as u32
}

/// Generate the world (see the module docs for the noise rates).
pub fn generate(n_people: usize, seed: u64) -> PersonsWorld {
    let t = tables();
    let mut rng = Rng::new(seed ^ 0x9E75_0000_0000_0002);
    let lo = days_from_civil(1940, 1, 1);
    let hi = days_from_civil(2006, 1, 1);
    let mut people: Vec<Person> = Vec::with_capacity(n_people);
    for _ in 0..n_people {
        let male = rng.chance(0.5);
        let mut id = Identity::random(&mut rng, male);
        let mut city = random_city(&mut rng);
        if !people.is_empty() && rng.chance(0.02) {
            let k = rng.index(people.len());
            id = people[k].id;
            if rng.chance(0.5) {
                city = people[k].city;
            }
        }
        let dob = lo + rng.below((hi - lo) as u64) as i32;
        people.push(Person { id, dob, city, zip_offset: rng.below(40) as u32, handles: rng.next_u64() });
    }
    // Records: (person, copy number) in a shuffled order.
    let mut recs: Vec<(u32, u8)> = Vec::with_capacity(n_people * 5 / 2);
    for p in 0..n_people as u32 {
        let n = match rng.below(100) {
            0..35 => 1,
            35..60 => 2,
            60..80 => 3,
            80..92 => 4,
            _ => 5,
        };
        recs.extend((0..n).map(|k| (p, k)));
    }
    rng.shuffle(&mut recs);
    let width = (recs.len() as u64 * 10).max(10).to_string().len() - 1;
    let modulus = 10u64.pow(width as u32);
    let perm = Permutation::new(modulus, &mut rng);

    let mut d = Dataset::new("persons.csv", &PERSON_COLUMNS).expect("static header");
    let mut truth = Dataset::new("persons_truth.csv", &PERSON_TRUTH_COLUMNS).expect("static header");
    let mut b: [String; 9] = Default::default();
    let mut pid = String::new();
    for (i, &(pi, copy)) in recs.iter().enumerate() {
        let p = &people[pi as usize];
        b.iter_mut().for_each(String::clear);
        let _ = write!(b[0], "r{:0width$}", perm.apply(i as u64));
        let upper = rng.chance(0.15);
        let case = if upper { Case::Upper } else { Case::As };
        let fold = rng.chance(0.5);
        // first_name
        match rng.below(100) {
            0..7 => push_cased(&mut b[1], p.id.nickname(&mut rng).unwrap_or(p.id.given_str()), case, fold),
            7..10 => push_cased(&mut b[1], initial(p.id.given_str(), &mut [0; 4]), case, fold),
            10..12 => {}
            _ => push_cased(&mut b[1], p.id.given_str(), case, fold),
        }
        if rng.chance(0.06) {
            typo(&mut b[1], 0, &mut rng);
        }
        // middle_name
        match p.id.middle_str() {
            Some(m) => match rng.below(100) {
                0..40 => push_cased(&mut b[2], m, case, fold),
                40..65 => push_cased(&mut b[2], initial(m, &mut [0; 4]), case, fold),
                _ => {}
            },
            None if rng.chance(0.03) => b[2].push((b'A' + rng.below(26) as u8) as char),
            None => {}
        }
        // surname
        if rng.chance(0.99) {
            let joiner = match rng.below(10) {
                0..6 => Joiner::Hyphen,
                6..8 => Joiner::Space,
                _ => Joiner::FirstOnly,
            };
            p.id.push_surname(&mut b[3], joiner, case, fold);
            if rng.chance(0.06) {
                typo(&mut b[3], 0, &mut rng);
            }
        }
        if rng.chance(0.03) {
            let (a, z) = b.split_at_mut(3);
            std::mem::swap(&mut a[1], &mut z[0]);
        }
        // dob
        if rng.chance(0.95) {
            let mut dob = p.dob;
            if rng.chance(0.01) {
                let (y, m, dd) = civil_from_days(dob);
                dob = days_from_civil(y + if rng.chance(0.5) { 1 } else { -1 }, m, dd.min(28));
            }
            let (y, m, dd) = civil_from_days(dob);
            if rng.chance(0.03) && dd <= 12 {
                let _ = write!(b[4], "{y:04}-{dd:02}-{m:02}");
            } else {
                write_iso(&mut b[4], dob);
            }
            if rng.chance(0.02) {
                let pos = 5 + rng.index(5);
                let pos = if b[4].as_bytes().get(pos) == Some(&b'-') { pos + 1 } else { pos };
                if let Some(&old) = b[4].as_bytes().get(pos) {
                    let new = b'0' + (old - b'0' + 1 + rng.below(9) as u8) % 10;
                    b[4].replace_range(pos..pos + 1, char::from(new).encode_utf8(&mut [0; 4]));
                }
            }
        }
        // address: the first record is at home; later ones moved 20 % of the time.
        let (city, zip_offset) = if copy > 0 && rng.chance(0.2) {
            (random_city(&mut rng), rng.below(40) as u32)
        } else {
            (p.city, p.zip_offset)
        };
        let c = &t.cities[city as usize];
        let st = &t.states[c.state];
        if rng.chance(0.95) {
            push_cased(&mut b[5], &c.name, case, false);
        }
        match rng.below(100) {
            0..90 => b[6].push_str(&st.code),
            90..95 => b[6].push_str(&st.name),
            _ => {}
        }
        if rng.chance(0.92) {
            let mut zip = c.zip + zip_offset;
            if rng.chance(0.02) {
                zip = zip / 10 * 10 + (zip % 10 + 1 + rng.below(9) as u32) % 10;
            }
            let _ = write!(b[7], "{zip:05}");
        }
        if rng.chance(0.6) {
            let year = civil_from_days(p.dob).0;
            let v = if rng.chance(0.8) { 0 } else { 1 };
            push_handle(&mut b[8], &p.id, &mut Rng::new(p.handles ^ v), year);
            b[8].push('@');
            b[8].push_str(MAIL_DOMAINS[(mix(p.handles ^ v) % MAIL_DOMAINS.len() as u64) as usize]);
            if rng.chance(0.02) {
                typo(&mut b[8], 0, &mut rng);
            }
        }
        let vals: [Option<&str>; 9] = std::array::from_fn(|k| (!b[k].is_empty()).then_some(b[k].as_str()));
        d.push_row(&vals).expect("row width matches the header");
        pid.clear();
        let _ = write!(pid, "p{pi:07}");
        truth.push_row(&[Some(&b[0]), Some(&pid)]).expect("row width matches the header");
    }
    d.set_id_column("unique_id").expect("the id column exists");
    truth.set_id_column("unique_id").expect("the id column exists");
    PersonsWorld { persons: d, truth }
}
