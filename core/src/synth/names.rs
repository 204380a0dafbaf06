//! True identities (given, middle, surname, suffix) and the ways records spell them: docket
//! style, prose style, referral style, screen names and emails, with typos and nicknames.

use std::fmt::Write;
use std::sync::OnceLock;

use super::rng::{Rng, Weighted};
use super::tables::{Tables, tables};

/// Nicknames by formal given name (a small, hand-written map for the generator; the engine keeps its own).
const NICKNAMES: &[(&str, &[&str])] = &[
    ("William", &["Bill", "Will", "Billy", "Liam"]),
    ("Robert", &["Bob", "Rob", "Bobby", "Robbie"]),
    ("Richard", &["Rick", "Rich", "Dick", "Ricky"]),
    ("James", &["Jim", "Jimmy", "Jamie"]),
    ("John", &["Jack", "Johnny"]),
    ("Michael", &["Mike", "Mikey"]),
    ("Christopher", &["Chris", "Topher"]),
    ("Joseph", &["Joe", "Joey"]),
    ("Thomas", &["Tom", "Tommy"]),
    ("Charles", &["Chuck", "Charlie"]),
    ("Daniel", &["Dan", "Danny"]),
    ("Matthew", &["Matt"]),
    ("Anthony", &["Tony"]),
    ("Donald", &["Don", "Donnie"]),
    ("Steven", &["Steve"]),
    ("Stephen", &["Steve"]),
    ("Andrew", &["Andy", "Drew"]),
    ("Joshua", &["Josh"]),
    ("Kenneth", &["Ken", "Kenny"]),
    ("Edward", &["Ed", "Eddie", "Ted"]),
    ("Timothy", &["Tim", "Timmy"]),
    ("Ronald", &["Ron", "Ronnie"]),
    ("Jeffrey", &["Jeff"]),
    ("Jonathan", &["Jon"]),
    ("Nicholas", &["Nick"]),
    ("Benjamin", &["Ben"]),
    ("Samuel", &["Sam"]),
    ("Gregory", &["Greg"]),
    ("Alexander", &["Alex"]),
    ("Patrick", &["Pat"]),
    ("Raymond", &["Ray"]),
    ("Jacob", &["Jake"]),
    ("Zachary", &["Zach"]),
    ("Nathan", &["Nate"]),
    ("Nathaniel", &["Nate", "Nat"]),
    ("Douglas", &["Doug"]),
    ("Gerald", &["Jerry"]),
    ("Lawrence", &["Larry"]),
    ("Frederick", &["Fred", "Freddie"]),
    ("Theodore", &["Ted", "Teddy"]),
    ("Phillip", &["Phil"]),
    ("Philip", &["Phil"]),
    ("Bradley", &["Brad"]),
    ("Gabriel", &["Gabe"]),
    ("Vincent", &["Vince"]),
    ("Eugene", &["Gene"]),
    ("Terrence", &["Terry"]),
    ("Leonard", &["Len", "Lenny"]),
    ("Francisco", &["Paco", "Frank"]),
    ("José", &["Pepe", "Joe"]),
    ("Alejandro", &["Alex"]),
    ("Roberto", &["Beto"]),
    ("Eduardo", &["Eddie", "Lalo"]),
    ("Guillermo", &["Memo", "Willie"]),
    ("Elizabeth", &["Liz", "Beth", "Betsy", "Lizzie"]),
    ("Katherine", &["Kate", "Kathy", "Katie"]),
    ("Catherine", &["Cathy", "Cate"]),
    ("Kathleen", &["Kathy"]),
    ("Margaret", &["Maggie", "Peggy", "Meg"]),
    ("Jennifer", &["Jen", "Jenny"]),
    ("Jessica", &["Jess", "Jessie"]),
    ("Susan", &["Sue", "Susie"]),
    ("Patricia", &["Pat", "Patty", "Trish"]),
    ("Deborah", &["Debbie", "Deb"]),
    ("Debra", &["Debbie"]),
    ("Rebecca", &["Becky", "Becca"]),
    ("Kimberly", &["Kim"]),
    ("Christina", &["Tina", "Chris"]),
    ("Christine", &["Chris"]),
    ("Victoria", &["Vicky", "Tori"]),
    ("Samantha", &["Sam"]),
    ("Abigail", &["Abby"]),
    ("Cynthia", &["Cindy"]),
    ("Pamela", &["Pam"]),
    ("Stephanie", &["Steph"]),
    ("Jacqueline", &["Jackie"]),
    ("Judith", &["Judy"]),
    ("Dorothy", &["Dot", "Dottie"]),
    ("Barbara", &["Barb"]),
    ("Sandra", &["Sandy"]),
    ("Amanda", &["Mandy"]),
    ("Melissa", &["Missy"]),
    ("Alexandra", &["Alex"]),
    ("Theresa", &["Terry"]),
    ("Teresa", &["Terry"]),
    ("Frances", &["Fran"]),
    ("Virginia", &["Ginny"]),
    ("Gabrielle", &["Gabby"]),
];

/// The nicknames of `given` (empty when it has none).
///
/// ```
/// assert!(caselink::synth::names::nicknames_of("William").contains(&"Bill"));
/// assert!(caselink::synth::names::nicknames_of("Zed").is_empty());
/// ```
pub fn nicknames_of(given: &str) -> &'static [&'static str] {
    NICKNAMES.iter().find(|(g, _)| *g == given).map_or(&[], |(_, n)| n)
}

const RARE_START: &[&str] = &[
    "Ash", "Bar", "Bel", "Ber", "Black", "Brad", "Bren", "Brook", "Cal", "Car", "Chan", "Cor", "Dal", "Dar", "Dun",
    "El", "Fair", "Fen", "Gar", "Gol", "Hal", "Har", "Hart", "Hol", "Kel", "Ken", "Kirk", "Lan", "Lind", "Mar", "Mor",
    "Nor", "Ol", "Pem", "Ren", "Rut", "Sel", "Stan", "Stock", "Tal", "Thorn", "Wal", "War", "Wes", "Whit", "Win",
    "Wood", "Yar", "Kow", "Nov", "Pet", "Wis", "Kra", "Lew", "Ost", "Hof", "Kauf", "Schul", "Wein", "Ros", "Gold",
    "Eisen", "Stein", "Berg", "Brun", "Al", "Ams", "Bick", "Bos", "Bux", "Cran", "Dorn", "Eck", "Fitz", "Gav", "Hen",
    "Hux", "Jes", "Kin", "Lat", "Mat", "Nel", "Pry", "Quil", "Rad", "Sum", "Tre", "Van", "Ved", "Zel",
];
const RARE_MID: &[&str] = &["", "", "", "en", "er", "in", "a", "o", "ing", "el", "an"];
const RARE_END: &[&str] = &[
    "ley", "ton", "son", "sen", "field", "ford", "worth", "well", "man", "mann", "er", "ers", "by", "dale", "wick",
    "more", "ham", "ing", "ski", "czyk", "ak", "ek", "berg", "stein", "baum", "feld", "ner", "ler", "ick", "ett",
    "ard", "ridge", "brook", "wood", "land", "hurst", "stead", "ow", "ley", "ey", "ich", "ovic", "enko", "ova",
];

struct RareTables {
    start: Weighted,
    mid: Weighted,
    end: Weighted,
}

fn zipf(n: usize, s: f64) -> Weighted {
    Weighted::new(&(0..n).map(|k| (1e6 / (k as f64 + 1.0).powf(s)) as u64).collect::<Vec<_>>())
}

fn rare_tables() -> &'static RareTables {
    static R: OnceLock<RareTables> = OnceLock::new();
    R.get_or_init(|| RareTables {
        start: zipf(RARE_START.len(), 0.7),
        mid: zipf(RARE_MID.len(), 0.3),
        end: zipf(RARE_END.len(), 0.7),
    })
}

/// One surname part: a listed surname or a generated rare one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurnamePart {
    /// Index into the surname table.
    Listed(u16),
    /// A rare surname built from (start, middle, ending) syllables.
    Rare(u8, u8, u8),
}

/// A true identity: what every record of the person is a noisy spelling of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    /// Index into the given-name table.
    pub given: u16,
    /// Middle name (an index into the given-name table).
    pub middle: Option<u16>,
    /// First (or only) surname.
    pub surname: SurnamePart,
    /// Second surname of a double (`García-López`).
    pub surname2: Option<SurnamePart>,
    /// 0 none, else an index into [`SUFFIXES`].
    pub suffix: u8,
    /// Sex (chooses the given-name table).
    pub male: bool,
}

/// Name suffixes; index 0 means none.
pub const SUFFIXES: [&str; 6] = ["", "Jr.", "Sr.", "II", "III", "IV"];

/// Share of surnames drawn from the generated long tail instead of the listed table.
pub const RARE_SURNAME_SHARE: f64 = 0.40;

impl Identity {
    /// Draw an identity: given and middle names by frequency for the sex, a surname from the
    /// listed table (60 %) or the rare tail (40 %), double surnames for 20 % of Hispanic ones,
    /// a hyphenated double for 1 % of others, a suffix for 6 % of men, no middle name for 12 %.
    pub fn random(rng: &mut Rng, male: bool) -> Identity {
        let t = tables();
        let (idx, w) = if male { (&t.male_idx, &t.male_weights) } else { (&t.female_idx, &t.female_weights) };
        let given = idx[w.sample(rng)] as u16;
        let middle = if rng.chance(0.88) {
            let mut m = idx[w.sample(rng)] as u16;
            if m == given {
                m = idx[w.sample(rng)] as u16;
            }
            Some(m)
        } else {
            None
        };
        let surname = random_surname(rng, t);
        let surname2 = match surname {
            SurnamePart::Listed(i) if t.hispanic[i as usize] && rng.chance(0.20) => {
                Some(SurnamePart::Listed(t.hispanic_idx[t.hispanic_weights.sample(rng)] as u16))
            }
            _ if rng.chance(0.01) => Some(random_surname(rng, t)),
            _ => None,
        }
        .filter(|s| *s != surname);
        let suffix = if male && rng.chance(0.06) {
            match rng.below(100) {
                0..70 => 1,
                70..80 => 2,
                80..88 => 3,
                88..98 => 4,
                _ => 5,
            }
        } else {
            0
        };
        Identity { given, middle, surname, surname2, suffix, male }
    }

    /// The given name.
    pub fn given_str(&self) -> &'static str {
        &tables().given[self.given as usize]
    }

    /// The middle name, if any.
    pub fn middle_str(&self) -> Option<&'static str> {
        self.middle.map(|m| tables().given[m as usize].as_str())
    }

    /// A nickname for the given name, if it has any.
    pub fn nickname(&self, rng: &mut Rng) -> Option<&'static str> {
        rng.pick(tables().nicknames[self.given as usize]).copied()
    }

    /// Append the canonical full name (`John Michael Smith Jr.`) — the truth, no noise.
    pub fn push_canonical(&self, buf: &mut String) {
        buf.push_str(self.given_str());
        if let Some(m) = self.middle_str() {
            buf.push(' ');
            buf.push_str(m);
        }
        buf.push(' ');
        self.push_surname(buf, Joiner::Hyphen, Case::As, false);
        if self.suffix > 0 {
            buf.push(' ');
            buf.push_str(SUFFIXES[self.suffix as usize]);
        }
    }

    /// Append the surname with `joiner` between the parts of a double surname.
    pub fn push_surname(&self, buf: &mut String, joiner: Joiner, case: Case, fold: bool) {
        push_part(buf, self.surname, case, fold);
        if let Some(s2) = self.surname2 {
            match joiner {
                Joiner::Hyphen => buf.push('-'),
                Joiner::Space => buf.push(' '),
                Joiner::FirstOnly => return,
            }
            push_part(buf, s2, case, fold);
        }
    }
}

fn random_surname(rng: &mut Rng, t: &Tables) -> SurnamePart {
    if rng.chance(RARE_SURNAME_SHARE) {
        let r = rare_tables();
        SurnamePart::Rare(r.start.sample(rng) as u8, r.mid.sample(rng) as u8, r.end.sample(rng) as u8)
    } else {
        SurnamePart::Listed(t.surname_weights.sample(rng) as u16)
    }
}

fn push_part(buf: &mut String, part: SurnamePart, case: Case, fold: bool) {
    match part {
        SurnamePart::Listed(i) => push_cased(buf, &tables().surnames[i as usize], case, fold),
        SurnamePart::Rare(a, b, c) => {
            push_cased(buf, RARE_START[a as usize], case, fold);
            push_cased(buf, RARE_MID[b as usize], case, fold);
            push_cased(buf, RARE_END[c as usize], case, fold);
        }
    }
}

/// How the parts of a double surname are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joiner {
    /// `García-López`
    Hyphen,
    /// `García López`
    Space,
    /// `García`
    FirstOnly,
}

/// Letter case for rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// As stored (title case).
    As,
    /// UPPER CASE.
    Upper,
    /// lower case.
    Lower,
}

/// Strip the diacritics the tables use (`García` → `Garcia`, `Muñoz` → `Munoz`).
pub fn fold_char(c: char) -> char {
    match c {
        'á' | 'à' | 'ä' | 'â' | 'ã' | 'å' => 'a',
        'Á' | 'À' | 'Ä' | 'Â' | 'Ã' | 'Å' => 'A',
        'é' | 'è' | 'ë' | 'ê' => 'e',
        'É' | 'È' | 'Ë' | 'Ê' => 'E',
        'í' | 'ì' | 'ï' | 'î' => 'i',
        'Í' | 'Ì' | 'Ï' | 'Î' => 'I',
        'ó' | 'ò' | 'ö' | 'ô' | 'õ' => 'o',
        'Ó' | 'Ò' | 'Ö' | 'Ô' | 'Õ' => 'O',
        'ú' | 'ù' | 'ü' | 'û' => 'u',
        'Ú' | 'Ù' | 'Ü' | 'Û' => 'U',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ç' => 'c',
        'Ç' => 'C',
        _ => c,
    }
}

/// Append `s` in `case`, folding diacritics when `fold`.
pub fn push_cased(buf: &mut String, s: &str, case: Case, fold: bool) {
    for c in s.chars() {
        let c = if fold { fold_char(c) } else { c };
        match case {
            Case::As => buf.push(c),
            Case::Upper => buf.extend(c.to_uppercase()),
            Case::Lower => buf.extend(c.to_lowercase()),
        }
    }
}

/// Append `s` as a handle fragment: ASCII letters only, lower case.
fn push_slug(buf: &mut String, s: &str) {
    for c in s.chars() {
        let c = fold_char(c);
        if c.is_ascii_alphabetic() {
            buf.push(c.to_ascii_lowercase());
        }
    }
}

const QWERTY_ROWS: [&[u8]; 3] = [b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];

fn neighbour_key(c: u8, rng: &mut Rng) -> u8 {
    let lc = c.to_ascii_lowercase();
    for row in QWERTY_ROWS {
        if let Some(p) = row.iter().position(|&k| k == lc) {
            let q = if p == 0 {
                1
            } else if p + 1 == row.len() || rng.chance(0.5) {
                p - 1
            } else {
                p + 1
            };
            let k = row[q];
            return if c.is_ascii_uppercase() { k.to_ascii_uppercase() } else { k };
        }
    }
    c
}

/// Apply one typo to the ASCII letters of `buf[start..]`: substitution by a neighbouring key
/// (40 %), transposition of adjacent letters (30 %), deletion (20 %) or a doubled letter (10 %).
/// Returns false when there was no letter to alter.
///
/// ```
/// use caselink::synth::{names::typo, rng::Rng};
/// let mut s = String::from("Johnson");
/// assert!(typo(&mut s, 0, &mut Rng::new(1)));
/// assert_ne!(s, "Johnson");
/// ```
pub fn typo(buf: &mut String, start: usize, rng: &mut Rng) -> bool {
    let bytes = buf.as_bytes();
    let start = start.min(bytes.len());
    let letters = bytes[start..].iter().filter(|b| b.is_ascii_alphabetic()).count();
    if letters < 2 {
        return false;
    }
    // Keep the first letter most of the time: people rarely mistype an initial.
    let k = 1 + rng.index(letters - 1);
    let Some(pos) = (start..bytes.len()).filter(|&i| bytes[i].is_ascii_alphabetic()).nth(k) else {
        return false;
    };
    let c = bytes[pos];
    let kind = rng.below(10);
    let mut tmp = [0u8; 2];
    match kind {
        0..4 => {
            tmp[0] = neighbour_key(c, rng);
            let s = std::str::from_utf8(&tmp[..1]).unwrap_or("x");
            buf.replace_range(pos..pos + 1, s);
        }
        4..7 if pos + 1 < bytes.len() && bytes[pos + 1].is_ascii_alphabetic() && bytes[pos + 1] != c => {
            tmp = [bytes[pos + 1], c];
            let s = std::str::from_utf8(&tmp).unwrap_or("xx");
            buf.replace_range(pos..pos + 2, s);
        }
        4..9 => {
            buf.remove(pos);
        }
        _ => {
            buf.insert(pos, c as char);
        }
    }
    true
}

/// Rates for the spellings in [`push_docket_name`], [`push_prose_name`] and [`push_referral_name`].
pub const DOCKET_TYPO: f64 = 0.03;
/// Typo rate in press-release names.
pub const PROSE_TYPO: f64 = 0.05;
/// Typo rate in referral names.
pub const REFERRAL_TYPO: f64 = 0.08;

/// Append a docket-style name: `SMITH, JOHN MICHAEL JR.`, middle full 55 % / initial 30 % /
/// dropped 15 %, accents folded 85 %, an alias (`a/k/a "JD"`) 8 %, order swapped 0.5 %, typo 3 %.
pub fn push_docket_name(buf: &mut String, id: &Identity, rng: &mut Rng) {
    let start = buf.len();
    let fold = rng.chance(0.85);
    let joiner = match rng.below(10) {
        0..5 => Joiner::Hyphen,
        5..9 => Joiner::Space,
        _ => Joiner::FirstOnly,
    };
    let swapped = rng.chance(0.005);
    if !swapped {
        id.push_surname(buf, joiner, Case::Upper, fold);
        buf.push_str(", ");
    }
    push_cased(buf, id.given_str(), Case::Upper, fold);
    if let Some(m) = id.middle_str() {
        match rng.below(100) {
            0..55 => {
                buf.push(' ');
                push_cased(buf, m, Case::Upper, fold);
            }
            55..85 => {
                buf.push(' ');
                push_initial(buf, m, Case::Upper, true);
            }
            _ => {}
        }
    }
    if swapped {
        buf.push(' ');
        id.push_surname(buf, joiner, Case::Upper, fold);
    }
    if id.suffix > 0 && rng.chance(0.9) {
        buf.push(' ');
        push_cased(buf, SUFFIXES[id.suffix as usize], Case::Upper, false);
    }
    if rng.chance(DOCKET_TYPO) {
        typo(buf, start, rng);
    }
    if rng.chance(0.08) {
        buf.push_str(if rng.chance(0.8) { " a/k/a " } else { " aka " });
        match rng.below(3) {
            0 => {
                buf.push('"');
                push_initial(buf, id.given_str(), Case::Upper, false);
                match id.middle_str() {
                    Some(m) => push_initial(buf, m, Case::Upper, false),
                    None => buf.push('J'),
                }
                buf.push('"');
            }
            1 => {
                buf.push('"');
                push_cased(buf, id.nickname(rng).unwrap_or(id.given_str()), Case::Upper, true);
                buf.push(' ');
                id.push_surname(buf, Joiner::FirstOnly, Case::Upper, true);
                buf.push('"');
            }
            _ => {
                buf.push('"');
                let mut h = Rng::new(rng.next_u64());
                push_handle(buf, id, &mut h, 0);
                buf.make_ascii_uppercase();
                buf.push('"');
            }
        }
    }
}

fn push_initial(buf: &mut String, s: &str, case: Case, dot: bool) {
    if let Some(c) = s.chars().next() {
        push_cased(buf, c.encode_utf8(&mut [0; 4]), case, true);
        if dot {
            buf.push('.');
        }
    }
}

/// Append a prose-style name (`John M. Smith Jr.`): given name full 88 % / nickname 7 % /
/// initial with the middle name spelled out 2 %; middle full 20 % / initial 40 % / dropped 40 %
/// (a spurious middle initial is added for 2 % of people without one); accents kept 50 %;
/// suffix kept 75 %; order swapped 1 %; typo 5 %.
pub fn push_prose_name(buf: &mut String, id: &Identity, rng: &mut Rng) {
    let start = buf.len();
    let fold = rng.chance(0.5);
    let joiner = match rng.below(10) {
        0..6 => Joiner::Hyphen,
        6..8 => Joiner::Space,
        _ => Joiner::FirstOnly,
    };
    if rng.chance(0.01) {
        id.push_surname(buf, joiner, Case::As, fold);
        buf.push(' ');
        push_cased(buf, id.given_str(), Case::As, fold);
        return;
    }
    let g = rng.below(100);
    match (g, id.middle_str()) {
        (0..2, Some(m)) => {
            push_initial(buf, id.given_str(), Case::As, true);
            buf.push(' ');
            push_cased(buf, m, Case::As, fold);
        }
        _ => {
            let nick = if g < 9 { id.nickname(rng) } else { None };
            push_cased(buf, nick.unwrap_or(id.given_str()), Case::As, fold);
            match id.middle_str() {
                Some(m) => match rng.below(100) {
                    0..20 => {
                        buf.push(' ');
                        push_cased(buf, m, Case::As, fold);
                    }
                    20..60 => {
                        buf.push(' ');
                        push_initial(buf, m, Case::As, true);
                    }
                    _ => {}
                },
                None if rng.chance(0.02) => {
                    buf.push(' ');
                    buf.push((b'A' + rng.below(26) as u8) as char);
                    buf.push('.');
                }
                None => {}
            }
        }
    }
    buf.push(' ');
    id.push_surname(buf, joiner, Case::As, fold);
    if id.suffix > 0 && rng.chance(0.75) {
        buf.push_str(if rng.chance(0.3) { ", " } else { " " });
        buf.push_str(SUFFIXES[id.suffix as usize]);
    }
    if rng.chance(PROSE_TYPO) {
        typo(buf, start, rng);
    }
}

/// Append the name a provider reported: `John Smith` 45 %, `JOHN SMITH` 10 %, `john smith` 10 %,
/// `Smith, John` 10 %, `John M Smith` 10 %, nickname 10 %, `J Smith` 5 %; accents folded 70 %; typo 8 %.
pub fn push_referral_name(buf: &mut String, id: &Identity, rng: &mut Rng) {
    let start = buf.len();
    let fold = rng.chance(0.7);
    let form = rng.below(100);
    let case = match form {
        45..55 => Case::Upper,
        55..65 => Case::Lower,
        _ => Case::As,
    };
    let joiner = if rng.chance(0.5) { Joiner::FirstOnly } else { Joiner::Space };
    match form {
        65..75 => {
            id.push_surname(buf, joiner, case, fold);
            buf.push_str(", ");
            push_cased(buf, id.given_str(), case, fold);
        }
        75..85 => {
            push_cased(buf, id.given_str(), case, fold);
            if let Some(m) = id.middle_str() {
                buf.push(' ');
                push_initial(buf, m, case, false);
            }
            buf.push(' ');
            id.push_surname(buf, joiner, case, fold);
        }
        85..95 => {
            push_cased(buf, id.nickname(rng).unwrap_or(id.given_str()), case, fold);
            buf.push(' ');
            id.push_surname(buf, joiner, case, fold);
        }
        95.. => {
            push_initial(buf, id.given_str(), case, false);
            buf.push(' ');
            id.push_surname(buf, joiner, case, fold);
        }
        _ => {
            push_cased(buf, id.given_str(), case, fold);
            buf.push(' ');
            id.push_surname(buf, joiner, case, fold);
        }
    }
    if rng.chance(REFERRAL_TYPO) {
        typo(buf, start, rng);
    }
}

const WORDS: &[&str] = &[
    "shadow", "wolf", "gamer", "king", "boy", "dragon", "ninja", "sk8r", "lil", "big", "cool", "tiger", "ghost",
    "storm", "blaze", "hunter", "reaper", "viper", "nova", "pixel", "dark", "silent", "lone", "red", "blue", "mad",
    "sweet", "daddy", "angel", "devil", "x", "xx", "the", "real", "just", "its", "mr", "captain", "frosty", "duke",
];

/// Append a screen name for `id` drawn from `h`, a per-person generator (so the same person
/// reuses the same handles): name-derived (`johnsmith84`, `jsmith`, `john.smith`,
/// `smith_john1984`, `smithj`) in 60 % of styles, unrelated words (`darkwolf1234`) otherwise.
pub fn push_handle(buf: &mut String, id: &Identity, h: &mut Rng, year: i32) {
    let given = id.given_str();
    let yy = year.rem_euclid(100);
    let mut sur = String::new();
    id.push_surname(&mut sur, Joiner::FirstOnly, Case::As, true);
    let _ = match h.below(10) {
        0 => {
            push_slug(buf, given);
            push_slug(buf, &sur);
            write!(buf, "{yy:02}")
        }
        1 => {
            push_slug(buf, &given[..given.chars().next().map_or(0, char::len_utf8)]);
            push_slug(buf, &sur);
            if h.chance(0.5) { write!(buf, "{}", h.below(100)) } else { Ok(()) }
        }
        2 => {
            push_slug(buf, given);
            buf.push('.');
            push_slug(buf, &sur);
            Ok(())
        }
        3 => {
            push_slug(buf, &sur);
            buf.push('_');
            push_slug(buf, given);
            write!(buf, "{year}")
        }
        4 => {
            push_slug(buf, &sur);
            push_slug(buf, &given[..given.chars().next().map_or(0, char::len_utf8)]);
            write!(buf, "{}", h.below(1000))
        }
        5 => {
            push_slug(buf, id.nickname(h).unwrap_or(given));
            buf.push('_');
            buf.push_str(h.pick(WORDS).copied().unwrap_or("x"));
            write!(buf, "{}", h.below(100))
        }
        _ => {
            buf.push_str(h.pick(WORDS).copied().unwrap_or("x"));
            buf.push_str(h.pick(WORDS).copied().unwrap_or("x"));
            write!(buf, "{}", h.below(10_000))
        }
    };
}

/// Mail domains for handles not tied to a provider.
pub const MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "gmail.com",
    "gmail.com",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "aol.com",
    "icloud.com",
    "protonmail.com",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(seed: u64) -> Identity {
        Identity::random(&mut Rng::new(seed), true)
    }

    #[test]
    fn docket_names_are_upper_and_comma_separated() {
        let mut rng = Rng::new(3);
        let mut commas = 0;
        for s in 0..200 {
            let id = sample(s);
            let mut b = String::new();
            push_docket_name(&mut b, &id, &mut rng);
            let head = b.split(" a/k/a").next().unwrap_or("").split(" aka").next().unwrap_or("");
            assert_eq!(head, head.to_uppercase(), "{b}");
            commas += usize::from(b.contains(", "));
        }
        assert!(commas > 180, "{commas}");
    }

    #[test]
    fn prose_names_end_with_the_surname_usually() {
        let mut rng = Rng::new(4);
        let mut hits = 0;
        for s in 0..300 {
            let id = sample(s);
            let mut b = String::new();
            push_prose_name(&mut b, &id, &mut rng);
            let mut sur = String::new();
            id.push_surname(&mut sur, Joiner::FirstOnly, Case::As, true);
            let folded: String = b.chars().map(fold_char).collect();
            hits += usize::from(folded.contains(&sur));
        }
        assert!(hits > 250, "{hits}");
    }

    #[test]
    fn typo_keeps_valid_utf8_and_changes_text() {
        let mut rng = Rng::new(9);
        for _ in 0..500 {
            let mut s = String::from("García-López, José");
            assert!(typo(&mut s, 0, &mut rng));
            assert_ne!(s, "García-López, José");
        }
        let mut one = String::from("A");
        assert!(!typo(&mut one, 0, &mut rng));
    }
}
