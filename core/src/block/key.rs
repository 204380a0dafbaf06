//! Derived blocking keys: each row gets zero or more 64-bit keys per rule (a state value emits
//! one key per district of the state; an AND rule emits the combinations).

use crate::data::Column;
use crate::normalize::date::{DateOptions, civil_from_days, parse_date};
use crate::normalize::name::{NameKind, parse_name};
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
    let nz = |s: String| if s.is_empty() { vec![] } else { vec![s] };
    let person = || {
        let p = parse_name(raw);
        (p.kind == NameKind::Person).then_some(p)
    };
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
        KeySpec::Surname { .. } => person().map(|p| nz(p.surname.join(" "))).unwrap_or_default(),
        KeySpec::SurnameSoundex { .. } => {
            person().map(|p| nz(phonetic::soundex(&p.surname.join(" ")))).unwrap_or_default()
        }
        KeySpec::GivenInitial { .. } => person()
            .and_then(|p| p.given)
            .and_then(|g| g.chars().next())
            .map(|c| vec![c.to_string()])
            .unwrap_or_default(),
        KeySpec::Given { .. } => person()
            .and_then(|p| p.given)
            .filter(|g| g.chars().count() > 1)
            .map(|g| vec![crate::normalize::nickname::canonical(&g).to_owned()])
            .unwrap_or_default(),
        KeySpec::NamePair { .. } => person()
            .and_then(|p| {
                let g = p.given.filter(|g| g.chars().count() > 1)?;
                let s = p.surname.last()?.clone();
                Some(if g <= s { format!("{g} {s}") } else { format!("{s} {g}") })
            })
            .map(|k| vec![k])
            .unwrap_or_default(),
        KeySpec::SurnameInitial { .. } => person()
            .and_then(|p| p.surname.first().and_then(|s| s.chars().next()))
            .map(|c| vec![c.to_string()])
            .unwrap_or_default(),
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
    }
}

/// Most key combinations one row may emit under an AND rule (guards against blow-up).
const MAX_COMBINATIONS: usize = 64;

/// Derive the AND-combined keys of every row for `keys`, reading one column per key.
pub fn derive(keys: &[KeySpec], columns: &[&Column], n_rows: usize) -> RowKeys {
    let mut out = RowKeys { offsets: Vec::with_capacity(n_rows + 1), keys: Vec::with_capacity(n_rows) };
    out.offsets.push(0);
    // Distinct raw values are derived once per key.
    let mut caches: Vec<std::collections::HashMap<&str, Vec<u64>>> = vec![Default::default(); keys.len()];
    let mut combo: Vec<u64> = Vec::new();
    let mut next: Vec<u64> = Vec::new();
    for row in 0..n_rows {
        combo.clear();
        combo.push(0);
        for (k, (key, col)) in keys.iter().zip(columns).enumerate() {
            let hashes: &[u64] = match col.get(row) {
                None => &[],
                Some(v) => {
                    caches[k].entry(v).or_insert_with(|| key_texts(key, v).iter().map(|t| hash_str(t)).collect())
                }
            };
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
