//! Shared helpers for the criterion benches (realistic name-pair generators).
//!
//! Everything is seeded and deterministic: the same seed gives the same pairs on every machine,
//! so throughput figures are comparable across runs.

/// A tiny deterministic generator (SplitMix64); good enough to draw bench inputs.
///
/// ```
/// let mut r = caselink_benches::SplitMix64::new(7);
/// assert!(r.below(10) < 10);
/// ```
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// A uniformly chosen element of a non-empty slice.
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const FIRST: &[&str] = &[
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Christopher",
    "Karen",
    "Daniel",
    "Nancy",
    "Matthew",
    "Lisa",
    "Anthony",
    "Betty",
    "Mark",
    "Sandra",
    "Donald",
    "Ashley",
    "Steven",
    "Kimberly",
    "Andrew",
    "Emily",
    "Paul",
    "Donna",
    "Joshua",
    "Michelle",
    "Kenneth",
    "Carol",
    "Kevin",
    "Amanda",
    "Brian",
    "Melissa",
    "Timothy",
    "Deborah",
    "Ronald",
    "Stephanie",
    "Jason",
    "Rebecca",
    "Jeffrey",
    "Laura",
    "Ryan",
    "Amy",
    "Jacob",
    "Angela",
    "Gary",
    "Shirley",
    "Nicholas",
    "Anna",
    "Eric",
    "Ruth",
    "Jon",
    "Dwayne",
    "Martha",
    "Luis",
    "Ana",
];

const LAST: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Dixon",
    "Dickson",
    "McDonald",
    "O'Brien",
];

const FIRST_ACCENTED: &[&str] = &[
    "José",
    "María",
    "Zoë",
    "Françoise",
    "Łukasz",
    "Søren",
    "Renée",
    "Jürgen",
    "Ángel",
    "Inés",
    "Björn",
    "Chloé",
    "Agnès",
    "Dağhan",
    "Mikuláš",
    "Ðorđe",
    "Zoé",
    "Sébastien",
    "Núria",
    "Joaquín",
];

const LAST_ACCENTED: &[&str] = &[
    "Müller",
    "Núñez",
    "Gómez",
    "Ramírez",
    "Pérez",
    "Fernández",
    "Sánchez",
    "Schäfer",
    "Øvergård",
    "Kovač",
    "Dvořák",
    "Lefèvre",
    "Gonçalves",
    "Jiménez",
    "Wójcik",
    "Ðorđević",
    "Åberg",
    "Çelik",
    "Márquez",
    "Strauß",
];

const STREETS: &[&str] = &["Main Street", "Oak Avenue", "Pine Road", "Maple Drive", "Cedar Lane", "Elm Boulevard"];
const CITIES: &[&str] = &["Springfield", "Riverside", "Fairview", "Georgetown", "Madison", "Clinton", "Franklin"];
const STATES: &[&str] = &["CA", "TX", "NY", "FL", "IL", "PA", "OH", "GA", "NC", "MI"];

/// Which kind of pairs to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairKind {
    /// ASCII person names, 5–40 chars, about 17 on average.
    ShortAscii,
    /// Names followed by an address: always more than 64 chars.
    Long,
    /// Names with accented first and last names.
    NonAscii,
}

impl PairKind {
    /// Every kind.
    pub const ALL: [PairKind; 3] = [PairKind::ShortAscii, PairKind::Long, PairKind::NonAscii];

    /// A short label for bench ids.
    pub fn label(self) -> &'static str {
        match self {
            PairKind::ShortAscii => "short_ascii",
            PairKind::Long => "long",
            PairKind::NonAscii => "non_ascii",
        }
    }
}

/// One person's name as `first [middle] last`.
fn person(r: &mut SplitMix64, accented: bool) -> Vec<String> {
    let (firsts, lasts) = if accented && r.chance(0.7) { (FIRST_ACCENTED, LAST_ACCENTED) } else { (FIRST, LAST) };
    let mut parts = vec![r.pick(firsts).to_owned()];
    if r.chance(0.3) {
        parts.push(r.pick(FIRST).to_owned());
    }
    parts.push(r.pick(lasts).to_owned());
    parts
}

/// Applies one random typo (substitution, deletion, insertion or transposition) to `s`.
fn typo(r: &mut SplitMix64, s: &str) -> String {
    let mut c: Vec<char> = s.chars().collect();
    if c.len() < 2 {
        return s.to_owned();
    }
    let i = r.below(c.len() - 1);
    let letter = char::from(b'a' + r.below(26) as u8);
    match r.below(4) {
        0 => c[i] = letter,
        1 => {
            c.remove(i);
        }
        2 => c.insert(i, letter),
        _ => c.swap(i, i + 1),
    }
    c.into_iter().collect()
}

/// A recorded variant of the same person: typos, initials, dropped middle names, swapped order.
fn variant(r: &mut SplitMix64, parts: &[String]) -> String {
    let mut p: Vec<String> = parts.to_vec();
    if p.len() == 3 && r.chance(0.4) {
        if r.chance(0.5) {
            p.remove(1);
        } else {
            p[1] = format!("{}.", p[1].chars().next().unwrap_or('X'));
        }
    }
    if r.chance(0.1) {
        p[0] = p[0].chars().take(1).collect();
    }
    for _ in 0..r.below(3) {
        let k = r.below(p.len());
        p[k] = typo(r, &p[k]);
    }
    if r.chance(0.15) {
        let last = p.pop().unwrap_or_default();
        p.insert(0, last);
    }
    p.join(" ")
}

fn address(r: &mut SplitMix64) -> String {
    format!(
        "{} {}, {} {}, {} {:05}",
        100 + r.below(9900),
        r.pick(STREETS),
        r.pick(CITIES),
        r.pick(STATES),
        r.pick(STATES),
        r.below(100_000)
    )
}

/// `n` seeded name pairs of the given kind: about half are variants of the same person (typos,
/// initials, swaps), the rest are two different people, as after blocking.
///
/// ```
/// use caselink_benches::{name_pairs, PairKind};
/// let p = name_pairs(100, 1, PairKind::Long);
/// assert_eq!(p.len(), 100);
/// assert!(p.iter().all(|(a, b)| a.chars().count() > 64 && b.chars().count() > 64));
/// ```
pub fn name_pairs(n: usize, seed: u64, kind: PairKind) -> Vec<(String, String)> {
    let mut r = SplitMix64::new(seed ^ (kind as u64).wrapping_mul(0x5851_F42D_4C95_7F2D));
    let accented = kind == PairKind::NonAscii;
    (0..n)
        .map(|_| {
            let a = person(&mut r, accented);
            let other = if r.chance(0.5) { a.clone() } else { person(&mut r, accented) };
            let b = variant(&mut r, &other);
            let a = a.join(" ");
            if kind == PairKind::Long {
                let addr = address(&mut r);
                let addr_b = if r.chance(0.5) { typo(&mut r, &addr) } else { address(&mut r) };
                (format!("{a}, {addr}, United States of America"), format!("{b}, {addr_b}, United States of America"))
            } else {
                (a, b)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_pairs_are_realistic() {
        let p = name_pairs(2000, 42, PairKind::ShortAscii);
        let total: usize = p.iter().map(|(a, b)| a.len() + b.len()).sum();
        let avg = total as f64 / (2 * p.len()) as f64;
        assert!((13.0..=21.0).contains(&avg), "average length {avg}");
        assert!(p.iter().all(|(a, b)| a.is_ascii() && b.is_ascii()));
        assert_eq!(p, name_pairs(2000, 42, PairKind::ShortAscii));
    }

    #[test]
    fn non_ascii_pairs_have_accents() {
        let p = name_pairs(200, 3, PairKind::NonAscii);
        assert!(p.iter().filter(|(a, _)| !a.is_ascii()).count() > 50);
    }
}
