//! Derived blocking keys: each row gets zero or more 64-bit keys per rule (a state value emits
//! one key per district of the state; an AND rule emits the combinations).

use crate::compare::name::{NameParts, PreparedName};
use crate::data::Column;
use crate::normalize::date::{DateOptions, civil_from_days, parse_date};
use crate::normalize::name::{NameKind, ParsedName, parse_name};
use crate::normalize::text::fold;
use crate::normalize::{district, phonetic};
use crate::spec::KeySpec;

/// Per-row key lists in compressed form (row `i`'s keys are sorted and distinct).
#[derive(Debug, Clone, Default)]
pub struct RowKeys {
    offsets: Vec<u32>,
    keys: Vec<u64>,
}

impl RowKeys {
    /// Keys of `row` (empty when the row has none).
    #[inline]
    pub fn of(&self, row: usize) -> &[u64] {
        let (a, b) = (self.offsets[row] as usize, self.offsets[row + 1] as usize);
        &self.keys[a..b]
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A stable 64-bit hash (FNV-1a with a final avalanche), identical on every platform and run.
///
/// ```
/// use caselink::block::key::hash_str;
/// assert_eq!(hash_str("smith"), hash_str("smith"));
/// assert_ne!(hash_str("smith"), hash_str("smyth"));
/// ```
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

/// SplitMix64 finaliser.
#[inline]
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Combine the hash of an AND rule's component keys (order matters).
#[inline]
pub fn combine(h: u64, k: u64) -> u64 {
    mix(h.rotate_left(17) ^ k.wrapping_add(0x9e37_79b9_7f4a_7c15))
}

/// The key texts a raw value yields under `key` (empty when the value gives no key).
///
/// ```
/// use caselink::block::key::key_texts;
/// use caselink::spec::KeySpec;
/// let k = KeySpec::Prefix { column: "s".into(), right_column: None, n: 3 };
/// assert_eq!(key_texts(&k, "Müller"), vec!["mul"]);
/// assert!(key_texts(&k, "  ").is_empty());
/// ```
pub fn key_texts(key: &KeySpec, raw: &str) -> Vec<String> {
    if key.is_name_part() {
        let p = parse_name(raw);
        return if p.kind == NameKind::Person { name_key_texts(key, &p) } else { Vec::new() };
    }
    let nz = |s: String| if s.is_empty() { vec![] } else { vec![s] };
    match key {
        KeySpec::Value { .. } => nz(fold(raw)),
        KeySpec::Prefix { n, .. } => nz(fold(raw).chars().take(*n).collect()),
        KeySpec::Soundex { .. } => nz(phonetic::soundex(raw)),
        KeySpec::Metaphone { .. } => {
            let (p, a) = phonetic::double_metaphone(raw);
            let mut v = nz(p);
            if !a.is_empty() && !v.contains(&a) {
                v.push(a);
            }
            v
        }
        KeySpec::Month { .. } => parse_date(raw, &DateOptions::default())
            .filter(|d| d.precision != crate::normalize::date::Precision::Year)
            .map(|d| {
                let (y, m, _) = civil_from_days(d.days);
                vec![format!("{y:04}-{m:02}")]
            })
            .unwrap_or_default(),
        KeySpec::Year { .. } => parse_date(raw, &DateOptions::default())
            .map(|d| vec![civil_from_days(d.days).0.to_string()])
            .unwrap_or_default(),
        KeySpec::District { .. } => match district::lookup(raw) {
            Some(d) => vec![d.court_id.clone()],
            None => district::state_districts(raw)
                .into_iter()
                .filter_map(|i| district::all().get(i).map(|d| d.court_id.clone()))
                .collect(),
        },
        KeySpec::Reference { .. } => {
            crate::compare::reference::prepare(raw, None).map(|r| vec![r.key.to_string()]).unwrap_or_default()
        }
        KeySpec::Handle { .. } => {
            let (mut v, full, initial) = crate::compare::handle::texts(&parse_name(raw));
            for t in full.into_iter().chain(initial) {
                if !v.contains(&t) {
                    v.push(t);
                }
            }
            v
        }
        // Name keys were handled above.
        _ => Vec::new(),
    }
}

/// The texts a name key yields from a parsed person name (empty for other keys).
fn name_key_texts(key: &KeySpec, p: &ParsedName) -> Vec<String> {
    let nz = |s: String| if s.is_empty() { vec![] } else { vec![s] };
    match key {
        KeySpec::Surname { .. } => nz(p.surname.join(" ")),
        KeySpec::SurnameSoundex { .. } => nz(phonetic::soundex(&p.surname.join(" "))),
        KeySpec::GivenInitial { .. } => {
            p.given.as_ref().and_then(|g| g.chars().next()).map(|c| vec![c.to_string()]).unwrap_or_default()
        }
        KeySpec::Given { .. } => p
            .given
            .as_ref()
            .filter(|g| g.chars().count() > 1)
            .map(|g| vec![crate::normalize::nickname::canonical(g).to_owned()])
            .unwrap_or_default(),
        KeySpec::NamePair { .. } => p
            .given
            .as_ref()
            .filter(|g| g.chars().count() > 1)
            .and_then(|g| {
                let s = p.surname.last()?;
                Some(if g <= s { format!("{g} {s}") } else { format!("{s} {g}") })
            })
            .map(|k| vec![k])
            .unwrap_or_default(),
        KeySpec::SurnameInitial { .. } => {
            p.surname.first().and_then(|s| s.chars().next()).map(|c| vec![c.to_string()]).unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

/// The hashes a name-part key yields for the primary name `n` of a prepared name: those of
/// [`name_key_texts`] on the parse it was prepared from (a prepared name keeps the parse's given
/// name and its surname tokens joined by spaces), without parsing the name again.
fn name_part_hashes(key: &KeySpec, n: &NameParts, buf: &mut String, out: &mut Vec<u64>) {
    let (given, surname) = (n.given(), n.surname());
    let long_given = given.chars().nth(1).is_some();
    let char_hash = |c: char| hash_str(c.encode_utf8(&mut [0u8; 4]));
    match key {
        KeySpec::Surname { .. } if !surname.is_empty() => out.push(hash_str(surname)),
        KeySpec::SurnameSoundex { .. } => {
            let s = phonetic::soundex(surname);
            if !s.is_empty() {
                out.push(hash_str(&s));
            }
        }
        KeySpec::GivenInitial { .. } => out.extend(given.chars().next().map(char_hash)),
        KeySpec::Given { .. } if long_given => out.push(hash_str(crate::normalize::nickname::canonical(given))),
        KeySpec::NamePair { .. } if long_given && !surname.is_empty() => {
            let last = surname.rsplit(' ').next().unwrap_or(surname);
            buf.clear();
            let (a, b) = if given <= last { (given, last) } else { (last, given) };
            buf.push_str(a);
            buf.push(' ');
            buf.push_str(b);
            out.push(hash_str(buf));
        }
        KeySpec::SurnameInitial { .. } => out.extend(surname.chars().next().map(char_hash)),
        _ => {}
    }
}

/// [`column_key_lists`] for name-part keys on a column whose names are already prepared:
/// `ids` gives each row's prepared name in `names` (id 0: none). Each distinct name's keys are
/// derived once, then copied to its rows; names no row uses (another table's, when the names
/// were prepared for a linkage with it) are skipped.
pub(crate) fn prepared_name_key_lists(keys: &[&KeySpec], ids: &[u32], names: &[Option<PreparedName>]) -> Vec<KeyLists> {
    use rayon::prelude::*;
    let mut used = vec![false; names.len()];
    for &id in ids {
        used[id as usize] = true;
    }
    keys.par_iter()
        .map(|key| {
            let mut by_id = KeyLists { offsets: Vec::with_capacity(names.len() + 1), hashes: Vec::new() };
            by_id.offsets.push(0);
            let mut buf = String::new();
            for (name, &used) in names.iter().zip(&used) {
                if let (Some(n), true) = (name, used) {
                    name_part_hashes(key, &n.primary, &mut buf, &mut by_id.hashes);
                }
                by_id.offsets.push(by_id.hashes.len() as u32);
            }
            let mut rows =
                KeyLists { offsets: Vec::with_capacity(ids.len() + 1), hashes: Vec::with_capacity(ids.len()) };
            rows.offsets.push(0);
            for &id in ids {
                rows.hashes.extend_from_slice(by_id.of(id as usize));
                rows.offsets.push(rows.hashes.len() as u32);
            }
            rows
        })
        .collect()
}

/// The hashes each row yields under one key, in the order [`key_texts`] gives them (not sorted).
#[derive(Debug, Clone, Default)]
pub struct KeyLists {
    offsets: Vec<u32>,
    hashes: Vec<u64>,
}

impl KeyLists {
    /// Hashes of `row`.
    #[inline]
    pub fn of(&self, row: usize) -> &[u64] {
        let (a, b) = (self.offsets[row] as usize, self.offsets[row + 1] as usize);
        &self.hashes[a..b]
    }
}

/// Rows per parallel task when deriving keys.
const KEY_TASK: usize = 4096;

/// The hashes of every row under each of `keys`, all reading `col`: names are parsed once per
/// row for all name keys, other keys are derived once per distinct value within a task, and rows
/// are split over the rayon pool (the result does not depend on the number of threads).
///
/// ```
/// use caselink::block::key::{column_key_lists, hash_str};
/// use caselink::data::Column;
/// use caselink::spec::KeySpec;
/// let mut col = Column::new("n");
/// col.push(Some("SMITH, JOHN"));
/// col.push(None);
/// let s = KeySpec::Surname { column: "n".into(), right_column: None };
/// let g = KeySpec::GivenInitial { column: "n".into(), right_column: None };
/// let lists = column_key_lists(&[&s, &g], &col);
/// assert_eq!(lists[0].of(0), &[hash_str("smith")]);
/// assert_eq!(lists[1].of(0), &[hash_str("j")]);
/// assert!(lists[0].of(1).is_empty());
/// ```
pub fn column_key_lists(keys: &[&KeySpec], col: &Column) -> Vec<KeyLists> {
    use rayon::prelude::*;
    let n = col.len();
    let any_name = keys.iter().any(|k| k.is_name_part());
    let starts: Vec<usize> = (0..n).step_by(KEY_TASK).collect();
    let parts: Vec<Vec<(Vec<u32>, Vec<u64>)>> = starts
        .par_iter()
        .map(|&start| {
            let end = (start + KEY_TASK).min(n);
            let mut out: Vec<(Vec<u32>, Vec<u64>)> =
                keys.iter().map(|_| (Vec::with_capacity(end - start), Vec::with_capacity(end - start))).collect();
            // Per key: raw value -> its hashes, a range of `arena` (no allocation per value).
            let mut caches: Vec<rustc_hash::FxHashMap<&str, (u32, u32)>> =
                keys.iter().map(|_| Default::default()).collect();
            let mut arena: Vec<u64> = Vec::new();
            for row in start..end {
                let v = col.get(row);
                let parsed = match v {
                    Some(raw) if any_name => Some(parse_name(raw)).filter(|p| p.kind == NameKind::Person),
                    _ => None,
                };
                for (k, key) in keys.iter().enumerate() {
                    let (lens, hashes) = &mut out[k];
                    let before = hashes.len();
                    if let Some(raw) = v {
                        if key.is_name_part() {
                            if let Some(p) = &parsed {
                                hashes.extend(name_key_texts(key, p).iter().map(|t| hash_str(t)));
                            }
                        } else {
                            let (a, b) = *caches[k].entry(raw).or_insert_with(|| {
                                let a = arena.len() as u32;
                                arena.extend(key_texts(key, raw).iter().map(|t| hash_str(t)));
                                (a, arena.len() as u32)
                            });
                            hashes.extend_from_slice(&arena[a as usize..b as usize]);
                        }
                    }
                    lens.push((hashes.len() - before) as u32);
                }
            }
            out
        })
        .collect();
    let mut lists: Vec<KeyLists> =
        keys.iter().map(|_| KeyLists { offsets: Vec::with_capacity(n + 1), hashes: Vec::with_capacity(n) }).collect();
    for l in &mut lists {
        l.offsets.push(0);
    }
    for part in parts {
        for (l, (lens, hashes)) in lists.iter_mut().zip(part) {
            let mut at = *l.offsets.last().unwrap_or(&0);
            for len in lens {
                at += len;
                l.offsets.push(at);
            }
            l.hashes.extend_from_slice(&hashes);
        }
    }
    lists
}

/// Most key combinations one row may emit under an AND rule (guards against blow-up).
const MAX_COMBINATIONS: usize = 64;

/// Derive the AND-combined keys of every row for `keys`, reading one column per key.
pub fn derive(keys: &[KeySpec], columns: &[&Column], n_rows: usize) -> RowKeys {
    let lists: Vec<KeyLists> =
        keys.iter().zip(columns).map(|(k, c)| column_key_lists(&[k], c).pop().unwrap_or_default()).collect();
    combine_lists(&lists.iter().collect::<Vec<_>>(), n_rows)
}

/// AND-combine per-key hash lists (one per key of a rule, in the rule's order) into each row's
/// sorted, distinct keys.
pub fn combine_lists(lists: &[&KeyLists], n_rows: usize) -> RowKeys {
    let mut out = RowKeys { offsets: Vec::with_capacity(n_rows + 1), keys: Vec::with_capacity(n_rows) };
    out.offsets.push(0);
    let mut combo: Vec<u64> = Vec::new();
    let mut next: Vec<u64> = Vec::new();
    for row in 0..n_rows {
        combo.clear();
        combo.push(0);
        for l in lists {
            let hashes = l.of(row);
            next.clear();
            for &c in &combo {
                for &h in hashes {
                    if next.len() < MAX_COMBINATIONS {
                        next.push(combine(c, h));
                    }
                }
            }
            std::mem::swap(&mut combo, &mut next);
            if combo.is_empty() {
                break;
            }
        }
        combo.sort_unstable();
        combo.dedup();
        out.keys.extend_from_slice(&combo);
        out.offsets.push(out.keys.len() as u32);
    }
    out
}

/// The display text of the combined key `hash` of `row` (for reports), if it can be rebuilt.
pub fn key_text(keys: &[KeySpec], columns: &[&Column], row: usize, hash: u64) -> String {
    let mut combos: Vec<(u64, String)> = vec![(0, String::new())];
    for (key, col) in keys.iter().zip(columns) {
        let texts = col.get(row).map(|v| key_texts(key, v)).unwrap_or_default();
        let mut next = Vec::new();
        for (h, s) in &combos {
            for t in &texts {
                let sep = if s.is_empty() { "" } else { " & " };
                next.push((combine(*h, hash_str(t)), format!("{s}{sep}{t}")));
            }
        }
        combos = next;
    }
    combos.into_iter().find(|(h, _)| *h == hash).map(|(_, s)| s).unwrap_or_else(|| format!("#{hash:016x}"))
}

/// True when two sorted key lists share a key for which `ok` holds; returns the smallest.
#[inline]
pub fn smallest_common(a: &[u64], b: &[u64], ok: impl Fn(u64) -> bool) -> Option<u64> {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if ok(a[i]) {
                    return Some(a[i]);
                }
                i += 1;
                j += 1;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NAME_KEYS: [fn() -> KeySpec; 6] = [
        || KeySpec::Surname { column: "n".into(), right_column: None },
        || KeySpec::SurnameSoundex { column: "n".into(), right_column: None },
        || KeySpec::GivenInitial { column: "n".into(), right_column: None },
        || KeySpec::Given { column: "n".into(), right_column: None },
        || KeySpec::NamePair { column: "n".into(), right_column: None },
        || KeySpec::SurnameInitial { column: "n".into(), right_column: None },
    ];

    /// The keys from a prepared name are those of parsing the raw value again.
    fn agree(raw: &str) -> Result<(), String> {
        let prepared = PreparedName::new(&parse_name(raw), &[]);
        for key in NAME_KEYS.map(|k| k()) {
            let parsed: Vec<u64> = key_texts(&key, raw).iter().map(|t| hash_str(t)).collect();
            let mut from_prepared = Vec::new();
            if let Some(p) = &prepared {
                name_part_hashes(&key, &p.primary, &mut String::new(), &mut from_prepared);
            }
            if parsed != from_prepared {
                return Err(format!("{raw:?} under {key:?}: parsed {parsed:?}, prepared {from_prepared:?}"));
            }
        }
        Ok(())
    }

    #[test]
    fn prepared_name_keys_agree_on_the_golden_names() {
        #[derive(serde::Deserialize)]
        struct Case {
            input: String,
        }
        #[derive(serde::Deserialize)]
        struct Golden {
            case: Vec<Case>,
        }
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/normalize/name.toml");
        let golden: Golden = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert!(golden.case.len() > 50);
        for c in &golden.case {
            agree(&c.input).unwrap();
        }
        for raw in ["José María García-López", "O'BRIEN, Mary-Kate", "de la Cruz", "Ng, J", "Xu Li", "Zoë Ó Sé"]
        {
            agree(raw).unwrap();
        }
    }

    proptest! {
        #[test]
        fn prepared_name_keys_agree_on_any_text(raw in "\\PC{0,40}") {
            prop_assert_eq!(agree(&raw), Ok(()));
        }

        #[test]
        fn prepared_name_keys_agree_on_name_like_text(raw in "[A-Za-zÀ-ÿ,.'\" -]{0,30}") {
            prop_assert_eq!(agree(&raw), Ok(()));
        }
    }

    /// One parse per row, shared by every name key, gives what parsing per key gives.
    #[test]
    fn shared_column_lists_equal_key_by_key_texts() {
        let values = [
            Some("SMITH, JOHN M. a/k/a \"JD\""),
            None,
            Some("Jon Smith"),
            Some("jd1977@example.com"),
            Some("  "),
            Some("Ramirez-Sanders, Nathan A."),
            Some("Jon Smith"),
            Some("TX"),
        ];
        let mut col = Column::new("n");
        for v in values {
            col.push(v);
        }
        let c = || "n".to_string();
        let keys = [
            KeySpec::Surname { column: c(), right_column: None },
            KeySpec::Given { column: c(), right_column: None },
            KeySpec::NamePair { column: c(), right_column: None },
            KeySpec::SurnameSoundex { column: c(), right_column: None },
            KeySpec::Prefix { column: c(), right_column: None, n: 3 },
            KeySpec::District { column: c(), right_column: None },
        ];
        let refs: Vec<&KeySpec> = keys.iter().collect();
        let lists = column_key_lists(&refs, &col);
        for (k, key) in keys.iter().enumerate() {
            for (row, v) in values.iter().enumerate() {
                let want: Vec<u64> =
                    v.map(|v| key_texts(key, v).iter().map(|t| hash_str(t)).collect()).unwrap_or_default();
                assert_eq!(lists[k].of(row), want.as_slice(), "key {key:?} row {row}");
            }
        }
        // Rows that yield something do so for the right reasons.
        assert!(!lists[0].of(0).is_empty() && lists[0].of(3).is_empty());
        assert!(!lists[5].of(7).is_empty(), "a state emits its districts");
    }
}
