//! Person names: parse docket style (`SMITH, JOHN M. JR. a/k/a "JD"`) and prose style
//! (`John M. Smith Jr.`) into parts, and tell real names from screen names, emails and
//! sealed placeholders.
//!
//! # Rules
//! - Everything is folded first ([`fold`]: NFKD, no diacritics, lower case); apostrophes vanish
//!   (`O'NEIL` → `oneil`), periods end a token (`J.M.` → `j`, `m`), hyphens split surnames into
//!   tokens (`García-López` → `garcia`, `lopez`) and given names into given + middle
//!   (`Mary-Jane` → `mary` + `jane`).
//! - A single whitespace-free token is an email when it has a valid `local@domain.tld` shape, and a
//!   screen name when it holds digits, `_`, `@`, dotted words (`john.smith`) or handle-style case
//!   (`xXdarkXx`). Screen names and emails never fill `given`/`surname`: they are weak evidence.
//! - Placeholders (`SEALED DEFENDANT 3`, `UNDER SEAL`, `John Doe 2`, `Juvenile Male`, `REDACTED`)
//!   are [`NameKind::Sealed`]; junk (`UNKNOWN`, `N/A`, `none`) and companies (`Acme Inc.`) are
//!   [`NameKind::Empty`].
//! - Aliases: text after `a/k/a`, `aka`, `a.k.a.`, `f/k/a`, `n/k/a`, `alias`, `also known as`,
//!   `formerly known as` (split on `,` `;` and further markers), text in double quotes, in
//!   single quotes around one word (`'Jack'`) and in parentheses.
//! - With a comma (`SMITH JR., JOHN M.`) the part before the first comma is the surname (every
//!   token, so `GARCIA LOPEZ, MARIA` has a double surname) and the rest is given + middle.
//!   Commas that only hold a suffix or nothing (`John Smith, Jr.`, `Thomas J. Hart,,`) do not count.
//! - Without a comma the order is prose: given, middles, surname. The surname starts at the first
//!   particle (`de`, `del`, `de la`, `van`, `von`, `da`, `di`, `du`, `le`, `la`, `st`, `mc`, `mac`,
//!   …) that follows the given name, or is the last token; two trailing common Hispanic surnames
//!   (`Jose Garcia Lopez`) form a double surname.
//! - Order swaps (no comma): when the first token is a known surname that is not a known given
//!   name and the second is a known given name that is not a known surname (`Smith John`,
//!   `SMITH JOHN MICHAEL`, where any third token is also a given name or an initial), the
//!   surname-first reading is taken and `order_ambiguous` is set. When
//!   the first token could be a surname and the second a given name but neither reading wins
//!   (`Thomas James`), prose order is kept and `order_ambiguous` is set. `SMITH J` (a long token
//!   then initials only) is read surname-first without the flag.
//! - A lone token is a given name when it is a known given name and not a known surname (`John`),
//!   otherwise a surname (`O'NEIL`, `Kelly`).

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::normalize::nickname;
use crate::normalize::text::{fold, fold_alnum};

/// What a name field actually holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// Nothing usable (empty or only punctuation).
    #[default]
    Empty,
    /// A person's name.
    Person,
    /// An online handle such as `jsmith87`.
    ScreenName,
    /// An email address.
    Email,
    /// A placeholder such as `SEALED DEFENDANT 3`.
    Sealed,
}

/// A parsed name. All parts are folded (lower case, no diacritics).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedName {
    /// What the field holds.
    pub kind: NameKind,
    /// Given (first) name; a single letter when only an initial was written.
    pub given: Option<String>,
    /// Middle names or initials, in order.
    pub middle: Vec<String>,
    /// Surname tokens in order (`de la cruz` → `["de", "la", "cruz"]`; `garcia-lopez` → `["garcia", "lopez"]`).
    pub surname: Vec<String>,
    /// Generational suffix: `jr`, `sr`, `ii`, `iii`, `iv`.
    pub suffix: Option<String>,
    /// Aliases (after a/k/a, aka, f/k/a, or quoted nicknames), each folded as written.
    pub aliases: Vec<String>,
    /// True when the order of given name and surname could not be told (e.g. `Smith John`).
    pub order_ambiguous: bool,
    /// For screen names and emails: the handle (email local part or screen name), folded.
    pub handle: Option<String>,
}

impl ParsedName {
    /// Surname tokens joined without separator (`garcia lopez` → `garcialopez`), so that
    /// `McDonald`, `Mc Donald` and `MC-DONALD` share one key; empty when there is no surname.
    ///
    /// ```
    /// use caselink::normalize::name::parse_name;
    /// assert_eq!(parse_name("DE LA CRUZ, MARIA").surname_key(), "delacruz");
    /// ```
    pub fn surname_key(&self) -> String {
        self.surname.concat()
    }

    /// `given surname` with surname tokens space-separated (`maria de la cruz`); the parts that
    /// are missing are left out.
    ///
    /// ```
    /// use caselink::normalize::name::parse_name;
    /// assert_eq!(parse_name("SMITH, JOHN MICHAEL JR.").full_key(), "john smith");
    /// ```
    pub fn full_key(&self) -> String {
        let mut out = String::with_capacity(32);
        if let Some(g) = &self.given {
            out.push_str(g);
        }
        for s in &self.surname {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(s);
        }
        out
    }

    /// First letter of the given name.
    ///
    /// ```
    /// use caselink::normalize::name::parse_name;
    /// assert_eq!(parse_name("J. Michael Smith").initial(), Some('j'));
    /// assert_eq!(parse_name("SMITH").initial(), None);
    /// ```
    pub fn initial(&self) -> Option<char> {
        self.given.as_deref().and_then(|g| g.chars().next())
    }

    /// True when the field holds a real person's name.
    pub fn is_person(&self) -> bool {
        self.kind == NameKind::Person
    }
}

/// Parse a raw name field. Never panics; unusable input gives [`NameKind::Empty`].
///
/// ```
/// use caselink::normalize::name::{parse_name, NameKind};
/// let p = parse_name("SMITH, JOHN M. JR. a/k/a \"JD\"");
/// assert_eq!(p.kind, NameKind::Person);
/// assert_eq!(p.given.as_deref(), Some("john"));
/// assert_eq!(p.middle, ["m"]);
/// assert_eq!(p.surname, ["smith"]);
/// assert_eq!(p.suffix.as_deref(), Some("jr"));
/// assert_eq!(p.aliases, ["jd"]);
/// assert_eq!(parse_name("jsmith87").kind, NameKind::ScreenName);
/// assert_eq!(parse_name("SEALED DEFENDANT 3").kind, NameKind::Sealed);
/// ```
pub fn parse_name(raw: &str) -> ParsedName {
    let folded = fold_fast(raw);
    if !folded.chars().any(char::is_alphanumeric) {
        return ParsedName::default();
    }
    if let Some(p) = parse_handle(raw, &folded) {
        return p;
    }
    let body = strip_caption(&folded);
    let mut aliases = Vec::new();
    let main = split_aliases(body, &mut aliases);
    let mut segments = tokenize(&main, &mut aliases);

    let no_name = segments.iter().all(Vec::is_empty);
    let placeholder = if no_name {
        // `[REDACTED]`, `a/k/a JD`: only bracketed or marked text; judge by the alias words.
        let words: Vec<Vec<String>> = vec![aliases.iter().flat_map(|a| a.split(' ')).map(str::to_string).collect()];
        match classify_placeholder(&words) {
            Some(NameKind::Sealed) => Some(NameKind::Sealed),
            _ => Some(NameKind::Empty),
        }
    } else {
        classify_placeholder(&segments)
    };
    match placeholder {
        Some(NameKind::Sealed) => return ParsedName { kind: NameKind::Sealed, ..ParsedName::default() },
        // A field holding only aliases keeps them: they are still evidence.
        Some(_) => return ParsedName { aliases: if no_name { aliases } else { Vec::new() }, ..ParsedName::default() },
        None => {}
    }

    let suffix = clean_segments(&mut segments);
    segments.retain(|s| !s.is_empty());
    let mut out = ParsedName { kind: NameKind::Person, suffix, aliases, ..ParsedName::default() };
    match segments.len() {
        0 => {
            // Nothing but a suffix, honorific or alias was written.
            if out.aliases.is_empty() {
                return ParsedName::default();
            }
            out.kind = NameKind::Empty;
        }
        1 => {
            let tokens = segments.pop().unwrap_or_default();
            assign_prose(tokens, &mut out);
        }
        _ => {
            let mut iter = segments.into_iter();
            let surname = iter.next().unwrap_or_default();
            push_surname_tokens(surname, &mut out.surname);
            let rest: Vec<String> = iter.flatten().collect();
            assign_given(rest, &mut out);
        }
    }
    out
}

/// [`fold`] with a fast path for pure-ASCII input (most records), where NFKD is the identity.
fn fold_fast(s: &str) -> String {
    if !s.is_ascii() {
        return fold(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for b in s.bytes() {
        if b.is_ascii_whitespace() || b == 0x0B {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(if b == b'`' { '\'' } else { b.to_ascii_lowercase() as char });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Word lists. Small ones are scanned linearly (a few dozen short compares beat hashing); the
// surname and given-name lists are hashed.

const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "rev",
    "reverend",
    "hon",
    "honorable",
    "sgt",
    "sergeant",
    "lt",
    "capt",
    "captain",
    "col",
    "gen",
    "maj",
    "cpl",
    "pvt",
    "det",
    "detective",
    "officer",
    "ofc",
    "judge",
    "prof",
    "professor",
    "fr",
    "sir",
    "dame",
    "atty",
    "pastor",
    "deacon",
    "sen",
    "rep",
    "gov",
    "spc",
    "sfc",
    "ssgt",
    "msgt",
    "cdr",
    "adm",
    "mister",
    "madam",
    "doctor",
];

const PROFESSIONAL: &[&str] = &["esq", "esquire", "md", "phd", "dds", "dvm", "cpa", "rn", "ret", "lpn", "dmd"];

const PARTICLES: &[&str] = &[
    "de", "del", "della", "dela", "der", "den", "la", "le", "van", "von", "da", "das", "dos", "di", "du", "st", "ste",
    "saint", "mc", "mac", "bin", "ibn", "al", "el", "ter", "ten", "vander", "vanden", "lo",
];

const JUNK: &[&str] = &[
    "unknown",
    "unk",
    "n a",
    "na",
    "none",
    "null",
    "nil",
    "nan",
    "undefined",
    "not available",
    "not provided",
    "not applicable",
    "not given",
    "no name",
    "noname",
    "anonymous",
    "anon",
    "void",
    "test",
    "tbd",
    "unknown unknown",
    "unknown suspect",
    "unknown subject",
    "unknown person",
    "no suspect",
    "x",
    "xx",
    "xxx",
    "same",
    "see above",
    "various",
    "multiple",
];

const CORPORATE: &[&str] = &[
    "inc",
    "llc",
    "ltd",
    "corp",
    "corporation",
    "company",
    "incorporated",
    "llp",
    "plc",
    "gmbh",
    "limited",
    "holdings",
    "enterprises",
];

const HISPANIC_SURNAMES: &[&str] = &[
    "garcia",
    "rodriguez",
    "martinez",
    "hernandez",
    "lopez",
    "gonzalez",
    "gonzales",
    "perez",
    "sanchez",
    "ramirez",
    "torres",
    "flores",
    "rivera",
    "gomez",
    "diaz",
    "reyes",
    "cruz",
    "morales",
    "ortiz",
    "gutierrez",
    "chavez",
    "ramos",
    "ruiz",
    "mendoza",
    "alvarez",
    "castillo",
    "jimenez",
    "moreno",
    "romero",
    "herrera",
    "medina",
    "aguilar",
    "vargas",
    "castro",
    "guzman",
    "fernandez",
    "juarez",
    "mendez",
    "munoz",
    "salazar",
    "soto",
    "delgado",
    "pena",
    "rios",
    "vasquez",
    "vazquez",
    "contreras",
    "sandoval",
    "guerrero",
    "estrada",
    "nunez",
    "figueroa",
    "dominguez",
    "cortez",
    "luna",
    "avila",
    "santiago",
    "velasquez",
    "fuentes",
    "espinoza",
    "navarro",
    "campos",
    "silva",
    "acosta",
    "cervantes",
    "valdez",
    "ochoa",
    "mejia",
    "rojas",
    "trevino",
    "zamora",
    "ibarra",
    "serrano",
    "calderon",
    "maldonado",
    "marquez",
    "padilla",
    "cabrera",
    "solis",
    "molina",
    "suarez",
    "rosales",
    "orozco",
    "villanueva",
];

const OTHER_SURNAMES: &[&str] = &[
    "smith",
    "johnson",
    "williams",
    "brown",
    "jones",
    "miller",
    "davis",
    "wilson",
    "anderson",
    "taylor",
    "thomas",
    "moore",
    "jackson",
    "martin",
    "lee",
    "thompson",
    "white",
    "harris",
    "clark",
    "lewis",
    "robinson",
    "walker",
    "young",
    "allen",
    "king",
    "wright",
    "scott",
    "hill",
    "green",
    "adams",
    "nelson",
    "baker",
    "hall",
    "campbell",
    "mitchell",
    "carter",
    "roberts",
    "phillips",
    "evans",
    "turner",
    "parker",
    "collins",
    "edwards",
    "stewart",
    "morris",
    "murphy",
    "cook",
    "rogers",
    "morgan",
    "cooper",
    "peterson",
    "bailey",
    "reed",
    "kelly",
    "howard",
    "kim",
    "cox",
    "ward",
    "richardson",
    "watson",
    "brooks",
    "wood",
    "james",
    "bennett",
    "gray",
    "hughes",
    "price",
    "sanders",
    "myers",
    "long",
    "ross",
    "foster",
    "powell",
    "jenkins",
    "perry",
    "russell",
    "sullivan",
    "bell",
    "coleman",
    "butler",
    "henderson",
    "barnes",
    "fisher",
    "patterson",
    "simmons",
    "graham",
    "wallace",
    "hamilton",
    "ford",
    "marshall",
    "owens",
    "harrison",
    "gibson",
    "ellis",
    "hunt",
    "jordan",
    "reynolds",
    "stevens",
    "tucker",
    "porter",
    "hunter",
    "hicks",
    "crawford",
    "boyd",
    "mason",
    "warren",
    "black",
    "dixon",
    "burns",
    "gordon",
    "shaw",
    "holmes",
    "rice",
    "robertson",
    "nguyen",
    "tran",
    "pham",
    "patel",
    "chen",
    "wang",
    "liu",
    "singh",
    "khan",
    "hart",
    "oneil",
    "oneill",
    "obrien",
    "mcdonald",
    "murray",
    "freeman",
    "wells",
    "webb",
    "simpson",
    "johnston",
    "washington",
    "brewer",
    "hayes",
    "myers",
    "fox",
    "stone",
    "payne",
    "weaver",
    "lane",
    "knight",
    "hudson",
    "spencer",
    "gardner",
    "stephens",
    "grant",
    "dunn",
    "duncan",
    "armstrong",
    "carpenter",
    "lawrence",
    "elliott",
    "chapman",
    "harper",
    "riley",
    "berry",
    "bryant",
    "alexander",
    "griffin",
    "west",
    "cole",
    "jensen",
    "olson",
    "larson",
    "schmidt",
    "schneider",
    "weber",
    "meyer",
    "wagner",
    "becker",
    "schultz",
    "hoffman",
    "koch",
    "richter",
    "wolf",
    "schroeder",
    "neumann",
    "schwarz",
    "zimmerman",
    "braun",
    "hartmann",
    "kruger",
    "lange",
    "werner",
    "krause",
    "lehmann",
];

const EXTRA_GIVEN: &[&str] = &[
    "kevin",
    "jason",
    "mark",
    "brian",
    "ryan",
    "justin",
    "brandon",
    "tyler",
    "kyle",
    "juan",
    "carlos",
    "luis",
    "miguel",
    "jorge",
    "pedro",
    "jesus",
    "gary",
    "keith",
    "sean",
    "shawn",
    "travis",
    "dustin",
    "derek",
    "corey",
    "cody",
    "chad",
    "craig",
    "todd",
    "troy",
    "wayne",
    "dale",
    "jesse",
    "ethan",
    "noah",
    "logan",
    "mason",
    "caleb",
    "luke",
    "hunter",
    "jordan",
    "dylan",
    "austin",
    "evan",
    "ian",
    "connor",
    "owen",
    "chase",
    "blake",
    "cole",
    "gavin",
    "jared",
    "marcus",
    "devin",
    "tanner",
    "seth",
    "trevor",
    "garrett",
    "curtis",
    "lance",
    "omar",
    "ahmed",
    "mohammed",
    "muhammad",
    "hassan",
    "ivan",
    "dmitri",
    "sergei",
    "linda",
    "karen",
    "ashley",
    "laura",
    "sharon",
    "kathleen",
    "brenda",
    "heather",
    "diane",
    "joyce",
    "kelly",
    "lauren",
    "megan",
    "cheryl",
    "gloria",
    "janice",
    "grace",
    "madison",
    "denise",
    "marilyn",
    "amber",
    "danielle",
    "brittany",
    "diana",
    "natalie",
    "lori",
    "tiffany",
    "kayla",
    "crystal",
    "tammy",
    "erin",
    "chelsea",
    "misty",
    "brittney",
    "dawn",
    "rhonda",
    "sheila",
    "tanya",
    "jasmine",
    "destiny",
    "sierra",
    "alyssa",
    "rosa",
    "guadalupe",
    "carmen",
    "juana",
    "yolanda",
    "elena",
    "jenna",
    "dean",
    "glenn",
    "neil",
    "shane",
    "brett",
    "darren",
    "roy",
    "jimmy",
    "eddie",
    "fred",
    "frank",
    "earl",
    "alan",
    "joe",
    "juanita",
    "maria",
    "van",
    "del",
];

static SURNAMES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| HISPANIC_SURNAMES.iter().chain(OTHER_SURNAMES).copied().collect());

static GIVEN_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| EXTRA_GIVEN.iter().copied().collect());

fn in_list(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// True when `word` (folded) is a common surname.
pub fn is_common_surname(word: &str) -> bool {
    SURNAMES.contains(word)
}

/// True when `word` (folded) is a common given name (from the nickname table or a list of
/// frequent given names).
pub fn is_common_given(word: &str) -> bool {
    nickname::is_known(word) || GIVEN_NAMES.contains(word)
}

fn suffix_of(word: &str) -> Option<&'static str> {
    Some(match word {
        "jr" | "junior" | "jnr" => "jr",
        "sr" | "senior" | "snr" => "sr",
        "ii" | "2nd" => "ii",
        "iii" | "3rd" => "iii",
        "iv" | "4th" => "iv",
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// Handles and emails.

fn parse_handle(raw: &str, folded: &str) -> Option<ParsedName> {
    if folded.contains(' ') {
        return None;
    }
    let s = folded.strip_prefix("mailto:").unwrap_or(folded);
    let s = s.trim_matches(|c| matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | '"'));
    let handle =
        |h: &str, kind: NameKind| Some(ParsedName { kind, handle: Some(h.to_string()), ..ParsedName::default() });
    if let Some(at) = s.find('@') {
        let (local, domain) = (&s[..at], &s[at + 1..]);
        if at > 0 && is_email_domain(domain) && !local.contains('@') {
            return handle(local, NameKind::Email);
        }
        let h = s.trim_start_matches('@');
        return if h.chars().any(char::is_alphanumeric) { handle(h, NameKind::ScreenName) } else { None };
    }
    if !s.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-')) {
        return None;
    }
    if !s.chars().any(char::is_alphabetic) {
        return None;
    }
    let has_digit_or_underscore = s.chars().any(|c| c.is_ascii_digit() || c == '_');
    if has_digit_or_underscore && suffix_of(s.trim_end_matches('.')).is_none() {
        return handle(s, NameKind::ScreenName);
    }
    // `john.smith` is a handle; `J.Smith` and `J.M.` are initials.
    let pieces: Vec<&str> = s.split('.').filter(|p| !p.is_empty()).collect();
    if pieces.len() >= 2 && pieces[..pieces.len() - 1].iter().any(|p| p.chars().count() > 1) {
        return handle(s, NameKind::ScreenName);
    }
    if handle_case(raw.trim()) {
        return handle(s, NameKind::ScreenName);
    }
    None
}

fn is_email_domain(domain: &str) -> bool {
    let Some(dot) = domain.rfind('.') else { return false };
    dot > 0
        && dot + 1 < domain.len()
        && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-')
        && domain[dot + 1..].chars().all(char::is_alphabetic)
}

/// Case patterns real names do not have: a lower-case start followed by capitals (`xXdarkXx`,
/// `iBob`) or three or more lower→upper switches (`DaRkAnGeL`); `McDonald`, `DeShawn` pass.
fn handle_case(raw: &str) -> bool {
    let mut chars = raw.chars().filter(|c| c.is_alphabetic());
    let Some(first) = chars.next() else { return false };
    let mut switches = 0;
    let mut prev_lower = first.is_lowercase();
    let mut any_upper = false;
    for c in chars {
        if c.is_uppercase() {
            any_upper = true;
            if prev_lower {
                switches += 1;
            }
        }
        prev_lower = c.is_lowercase();
    }
    (first.is_lowercase() && any_upper) || switches >= 3
}

// ---------------------------------------------------------------------------------------------
// Captions and aliases.

/// Drop a case caption such as `United States v. ` in front of the name.
fn strip_caption(folded: &str) -> &str {
    // Every marker starts with " v": one byte scan spares most names four substring searches.
    if !folded.as_bytes().windows(2).any(|w| w == b" v") {
        return folded;
    }
    for marker in [" v. ", " v ", " vs. ", " vs "] {
        if let Some(pos) = folded.find(marker) {
            if pos > 40 {
                continue;
            }
            let prefix = fold_alnum(&folded[..pos]);
            let known = matches!(
                prefix.as_str(),
                "united states"
                    | "united states of america"
                    | "usa"
                    | "us"
                    | "u s"
                    | "u s a"
                    | "state"
                    | "people"
                    | "the people"
                    | "commonwealth"
            );
            if known {
                return &folded[pos + marker.len()..];
            }
        }
    }
    folded
}

/// Length in tokens of an alias marker starting at `tokens[i]`, if there is one.
fn alias_marker(tokens: &[&str], i: usize) -> Option<usize> {
    let key = |j: usize| tokens.get(j).map(|t| t.trim_matches(|c| matches!(c, ',' | ';' | ':' | '(' | ')' | '-')));
    let t = key(i)?;
    if matches!(
        t,
        "a/k/a"
            | "aka"
            | "a.k.a."
            | "a.k.a"
            | "f/k/a"
            | "fka"
            | "f.k.a."
            | "f.k.a"
            | "n/k/a"
            | "nka"
            | "alias"
            | "aliases"
            | "a/k/a/"
            | "a/k/as"
    ) {
        return Some(1);
    }
    if matches!(t, "also" | "formerly" | "now") && key(i + 1) == Some("known") && key(i + 2) == Some("as") {
        return Some(3);
    }
    None
}

/// Push each alias found in `text` (split on `,`, `;` and further alias markers), folded.
fn push_aliases(text: &str, aliases: &mut Vec<String>) {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut current = String::new();
    let flush = |current: &mut String, aliases: &mut Vec<String>| {
        let a = fold_alnum(current);
        if !a.is_empty() && !aliases.contains(&a) {
            aliases.push(a);
        }
        current.clear();
    };
    let mut i = 0;
    while i < tokens.len() {
        if let Some(n) = alias_marker(&tokens, i) {
            flush(&mut current, aliases);
            i += n;
            continue;
        }
        for piece in tokens[i].split_inclusive([',', ';']) {
            current.push(' ');
            current.push_str(piece);
            if piece.ends_with([',', ';']) {
                flush(&mut current, aliases);
            }
        }
        i += 1;
    }
    flush(&mut current, aliases);
}

/// Remove marked, quoted and parenthesised aliases from `s`, pushing them to `aliases` in the
/// order written; returns the name part.
fn split_aliases(s: &str, aliases: &mut Vec<String>) -> String {
    // Markers first, so that `(a/k/a "JD")` is one alias and not a parenthesis holding a marker.
    let tokens: Vec<&str> = s.split_whitespace().collect();
    let mut marked = None;
    let mut head = s;
    if let Some((i, n)) = (0..tokens.len()).find_map(|i| alias_marker(&tokens, i).map(|n| (i, n))) {
        // Byte offset of token i: tokens are subslices of `s`.
        let start = tokens[i].as_ptr() as usize - s.as_ptr() as usize;
        head = &s[..start];
        marked = Some(tokens[i + n..].join(" "));
    }

    let mut main = String::with_capacity(head.len());
    let mut rest = head;
    while let Some(pos) = rest.find(['"', '(', '[']) {
        main.push_str(&rest[..pos]);
        let close = match rest.as_bytes()[pos] {
            b'"' => '"',
            b'(' => ')',
            _ => ']',
        };
        let after = &rest[pos + 1..];
        let (inner, next) = match after.find(close) {
            Some(end) => (&after[..end], &after[end + 1..]),
            None => (after, ""),
        };
        // `(1)` and `[2]` are defendant numbers, not aliases.
        if inner.chars().any(char::is_alphabetic) {
            push_aliases(inner, aliases);
        }
        main.push(' ');
        rest = next;
    }
    main.push_str(rest);
    if let Some(m) = marked {
        push_aliases(&m, aliases);
    }
    main
}

// ---------------------------------------------------------------------------------------------
// Tokens.

/// Split the name part into comma/semicolon segments of clean tokens (letters, digits and inner
/// hyphens); single-quoted words go to `aliases`, embedded emails and handles are dropped.
fn tokenize(main: &str, aliases: &mut Vec<String>) -> Vec<Vec<String>> {
    let mut segments = Vec::with_capacity(2);
    for seg in main.split([',', ';']) {
        let mut tokens = Vec::with_capacity(4);
        for raw in seg.split_whitespace() {
            if raw.contains('@') {
                continue;
            }
            if raw.len() > 2 && raw.starts_with('\'') && raw.ends_with('\'') {
                let a = fold_alnum(raw);
                if !a.is_empty() && !aliases.contains(&a) {
                    aliases.push(a);
                }
                continue;
            }
            let mut cur = String::with_capacity(raw.len());
            for c in raw.chars() {
                if c.is_alphanumeric() {
                    cur.push(c);
                } else if c == '-' {
                    if !cur.is_empty() && !cur.ends_with('-') {
                        cur.push('-');
                    }
                } else if c != '\'' {
                    finish_token(&mut cur, &mut tokens);
                }
            }
            finish_token(&mut cur, &mut tokens);
        }
        segments.push(tokens);
    }
    segments
}

fn finish_token(cur: &mut String, tokens: &mut Vec<String>) {
    while cur.ends_with('-') {
        cur.pop();
    }
    if !cur.is_empty() {
        tokens.push(std::mem::take(cur));
    }
}

/// Sealed placeholder, junk or company → its kind; a person → `None`.
fn classify_placeholder(segments: &[Vec<String>]) -> Option<NameKind> {
    let words: Vec<&str> = segments.iter().flatten().map(String::as_str).collect();
    if words.is_empty() {
        return Some(NameKind::Empty);
    }
    let has = |w: &str| words.contains(&w);
    let sealed = has("sealed")
        || has("redacted")
        || words.windows(2).any(|p| p == ["under", "seal"])
        || ((has("doe") || has("roe")) && (has("john") || has("jane") || has("baby") || has("richard")))
        || matches!(words[0], "juvenile" | "minor")
        || (has("defendant")
            && words.iter().all(|w| {
                matches!(*w, "defendant" | "unknown" | "unnamed" | "no" | "number")
                    || w.bytes().all(|b| b.is_ascii_digit())
            }));
    if sealed {
        return Some(NameKind::Sealed);
    }
    // `JUNK` holds words joined by single spaces: compared word by word, without joining.
    let joined_len = words.iter().map(|w| w.len() + 1).sum::<usize>().saturating_sub(1);
    if words.len() <= 3 && JUNK.iter().any(|j| j.len() == joined_len && j.split(' ').eq(words.iter().copied())) {
        return Some(NameKind::Empty);
    }
    if words.iter().any(|w| in_list(CORPORATE, w)) {
        return Some(NameKind::Empty);
    }
    None
}

/// Drop honorifics, professional suffixes, defendant numbers and `et al`; take out the
/// generational suffix and return it.
fn clean_segments(segments: &mut [Vec<String>]) -> Option<String> {
    let total: usize = segments.iter().map(Vec::len).sum();
    let mut suffix = None;
    for (si, seg) in segments.iter_mut().enumerate() {
        // Honorifics only lead a segment, and only when a name follows (`HON, JOHN` keeps `hon`).
        while seg.len() > 1 && in_list(HONORIFICS, &seg[0]) {
            seg.remove(0);
        }
        let n = seg.len();
        let mut keep = vec![true; n];
        let mut i = 0;
        while i < n {
            let t = seg[i].as_str();
            let first_of_name = si == 0 && i == 0;
            let mut drop = 1;
            if t == "et" && seg.get(i + 1).is_none_or(|n| n == "al") {
                drop = 2;
            } else if matches!(t, "defendant" | "deft" | "dft" | "defendants") {
                // dropped
            } else if let Some(s) = suffix_of(t).filter(|_| !first_of_name && total > 1).filter(|_| {
                // `Junior Seau`: the spelled-out words are suffixes only at the end of a part.
                !matches!(t, "junior" | "senior") || i + 1 == n
            }) {
                suffix.get_or_insert_with(|| s.to_string());
            } else if !first_of_name && total > 1 && in_list(PROFESSIONAL, t) {
                // dropped
            } else if t.bytes().any(|b| b.is_ascii_digit()) {
                // Defendant numbers (`(1)`, `#2`) and stray handles carry no name.
            } else {
                drop = 0;
            }
            for k in keep.iter_mut().skip(i).take(drop) {
                *k = false;
            }
            i += drop.max(1);
        }
        let mut flags = keep.into_iter();
        seg.retain(|_| flags.next().unwrap_or(false));
    }
    suffix
}

// ---------------------------------------------------------------------------------------------
// Assembly.

fn push_surname_tokens(tokens: Vec<String>, surname: &mut Vec<String>) {
    for t in tokens {
        if t.contains('-') {
            surname.extend(t.split('-').filter(|p| !p.is_empty()).map(str::to_string));
        } else {
            surname.push(t);
        }
    }
}

/// First token → given name (a hyphenated one gives its first part), the rest → middle names.
fn assign_given(tokens: Vec<String>, out: &mut ParsedName) {
    for t in tokens {
        for part in t.split('-').filter(|p| !p.is_empty()) {
            if out.given.is_none() {
                out.given = Some(part.to_string());
            } else {
                out.middle.push(part.to_string());
            }
        }
    }
}

fn assign_prose(mut tokens: Vec<String>, out: &mut ParsedName) {
    let n = tokens.len();
    if n == 1 {
        let t = tokens.pop().unwrap_or_default();
        if !t.contains('-') && is_common_given(&t) && !is_common_surname(&t) {
            out.given = Some(t);
        } else {
            push_surname_tokens(vec![t], &mut out.surname);
        }
        return;
    }
    // `de la Cruz`, `Van der Berg`: a leading particle (that is not also a given name, like `Van`
    // in `Van Morrison`) starts a surname with no given name.
    if in_list(PARTICLES, &tokens[0]) && !is_common_given(&tokens[0]) {
        push_surname_tokens(tokens, &mut out.surname);
        return;
    }
    // Surname-first without a comma: `SMITH J M`, `Smith John`, `SMITH JOHN MICHAEL`.
    let single = |t: &str| t.chars().count() == 1;
    let t0 = tokens[0].as_str();
    let t1 = tokens[1].as_str();
    let initials_after = !single(t0) && tokens[1..].iter().all(|t| single(t));
    // With three or more tokens the rest must read as given + middle names (`SMITH JOHN MICHAEL`);
    // `Grant Michael Tran` ends in a surname, so it stays in prose order.
    let last = tokens[n - 1].as_str();
    let rest_is_given = n == 2 || is_common_given(last) || single(last);
    let strong_swap =
        is_common_surname(t0) && !is_common_given(t0) && is_common_given(t1) && !is_common_surname(t1) && rest_is_given;
    if initials_after || strong_swap {
        out.order_ambiguous = strong_swap;
        let surname = tokens.remove(0);
        push_surname_tokens(vec![surname], &mut out.surname);
        assign_given(tokens, out);
        return;
    }
    if n == 2 && is_common_surname(t0) && is_common_given(t1) && !single(t1) {
        out.order_ambiguous = true;
    }
    // The surname starts at the first particle after the given name, else at the last token
    // (or the last two when both are common Hispanic surnames).
    let particle = (1..n - 1).find(|&i| in_list(PARTICLES, &tokens[i]));
    let start = match particle {
        Some(p) => p,
        None if n >= 3 && in_list(HISPANIC_SURNAMES, &tokens[n - 2]) && in_list(HISPANIC_SURNAMES, &tokens[n - 1]) => {
            n - 2
        }
        None => n - 1,
    };
    let surname = tokens.split_off(start);
    push_surname_tokens(surname, &mut out.surname);
    assign_given(tokens, out);
}

/// The JSON that `caselink normalize name` prints.
///
/// ```
/// let v = caselink::normalize::name::describe("John \"JD\" Smith");
/// assert_eq!(v["kind"], "person");
/// assert_eq!(v["surname"], "smith");
/// assert_eq!(v["aliases"][0], "jd");
/// ```
pub fn describe(raw: &str) -> serde_json::Value {
    let p = parse_name(raw);
    serde_json::json!({
        "input": raw,
        "kind": p.kind,
        "given": p.given,
        "middle": p.middle,
        "surname": if p.surname.is_empty() { None } else { Some(p.surname.join(" ")) },
        "suffix": p.suffix,
        "aliases": p.aliases,
        "order_ambiguous": p.order_ambiguous,
        "handle": p.handle,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn fast_fold_agrees_with_fold_on_ascii(s in "[ -~\t\n\r]{0,40}") {
            prop_assert_eq!(fold_fast(&s), fold(&s));
        }
    }

    #[test]
    fn word_lists_are_folded() {
        for w in HONORIFICS.iter().chain(PROFESSIONAL).chain(PARTICLES).chain(HISPANIC_SURNAMES).chain(OTHER_SURNAMES) {
            assert_eq!(fold_alnum(w), *w, "{w}");
        }
        assert!(is_common_surname("garcia") && is_common_given("william") && is_common_given("kevin"));
        assert!(!is_common_given("smith"));
    }
}
