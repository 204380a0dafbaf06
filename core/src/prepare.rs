//! Prepare once, compare many: every comparison's columns are parsed and canonicalised once
//! per distinct value into compact columnar form (interned ids, day numbers, district ids, …),
//! so comparing a pair touches no parser and allocates nothing.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::compare::date::PreparedDate;
use crate::compare::district::PreparedDistrict;
use crate::compare::handle::PreparedHandles;
use crate::compare::name::PreparedName;
use crate::compare::reference::PreparedReference;
use crate::compare::statute::PreparedStatutes;
use crate::compare::{self, Comparator, Level};
use crate::data::Dataset;
use crate::error::{Error, Result};
use crate::normalize::date::{DateOptions, parse_date};
use crate::normalize::name::parse_name;
use crate::normalize::text::fold;
use crate::spec::ComparisonSpec;

/// Values for the left side and, when linking two tables, the right side (`None` = dedupe:
/// the right side is the left side).
#[derive(Debug, Clone)]
pub struct Sides<T> {
    /// Left values, one per row.
    pub left: Vec<T>,
    /// Right values, one per row; `None` when deduplicating.
    pub right: Option<Vec<T>>,
}

impl<T> Sides<T> {
    /// The left value of `row`.
    #[inline]
    pub fn l(&self, row: usize) -> &T {
        &self.left[row]
    }

    /// The right value of `row`.
    #[inline]
    pub fn r(&self, row: usize) -> &T {
        match &self.right {
            Some(r) => &r[row],
            None => &self.left[row],
        }
    }

    /// The right values.
    pub fn right_values(&self) -> &[T] {
        self.right.as_deref().unwrap_or(&self.left)
    }
}

/// One comparison's prepared columns.
#[derive(Debug, Clone)]
pub enum PreparedColumn {
    /// Folded strings interned across both sides (id 0 = missing; `values[0]` is unused).
    Text {
        /// Interned ids per row.
        ids: Sides<u32>,
        /// Distinct folded values by id.
        values: Vec<Box<str>>,
    },
    /// Names interned by raw value (id 0 = missing or not a person). The prepared names are
    /// shared (`Arc`) by the `name` and `middle_name` comparisons of one column.
    Name {
        /// Interned ids per row.
        ids: Sides<u32>,
        /// Prepared names by id (`None` at id 0).
        values: Arc<Vec<Option<PreparedName>>>,
    },
    /// Dates.
    Date(Sides<Option<PreparedDate>>),
    /// Districts or states.
    District(Sides<Option<PreparedDistrict>>),
    /// Reference numbers.
    Reference(Sides<Option<PreparedReference>>),
    /// Statute citations (each distinct raw value parsed once, shared by its rows).
    Statute(Sides<Option<Arc<PreparedStatutes>>>),
    /// Numbers (NaN = missing).
    Numeric(Sides<f64>),
    /// Handles and name forms, from several columns per side.
    Handle {
        /// Each row's handles and name forms (with `tf`, each handle's id in `values`).
        rows: Sides<Option<PreparedHandles>>,
        /// Whether each row has a handle: two rows without one are null, answered from these
        /// bytes without reading the rows (most pairs are two named records).
        has_handle: Sides<bool>,
        /// Letters of each handle id, for term frequencies (`values[0]` is unused; only `""`
        /// without `tf`).
        values: Vec<Box<str>>,
    },
}

impl PreparedColumn {
    /// The term-frequency key of the value id `id` (folded text, or the full name).
    pub fn tf_key(&self, id: u32) -> Option<&str> {
        match self {
            PreparedColumn::Text { values, .. } | PreparedColumn::Handle { values, .. } => {
                values.get(id as usize).map(|s| &**s)
            }
            PreparedColumn::Name { values, .. } => {
                values.get(id as usize).and_then(Option::as_ref).map(|n| n.primary.full())
            }
            _ => None,
        }
    }

    /// The interned id of (side, row), for term frequencies; `None` for non-interned columns.
    pub fn id(&self, right: bool, row: usize) -> Option<u32> {
        let ids = match self {
            PreparedColumn::Text { ids, .. } | PreparedColumn::Name { ids, .. } => ids,
            _ => return None,
        };
        Some(if right { *ids.r(row) } else { *ids.l(row) })
    }

    /// Number of distinct interned values (including the null id 0).
    pub fn distinct(&self) -> usize {
        match self {
            PreparedColumn::Text { values, .. } => values.len(),
            PreparedColumn::Name { values, .. } => values.len(),
            PreparedColumn::Handle { values, .. } => values.len(),
            _ => 0,
        }
    }

    /// Term-frequency counts by value id over the rows of `sides` (`false` the left side, `true`
    /// the right), each row counting each of its values once; `None` for a column without
    /// interned values.
    pub(crate) fn tf_id_counts(&self, sides: &[bool]) -> Option<Vec<u32>> {
        let mut counts = vec![0u32; self.distinct()];
        let mut add = |id: u32| {
            if let Some(c) = counts.get_mut(id as usize) {
                *c = c.saturating_add(1);
            }
        };
        for &right in sides {
            match self {
                PreparedColumn::Text { ids, .. } | PreparedColumn::Name { ids, .. } => {
                    let rows = if right { ids.right.as_deref().unwrap_or(&[]) } else { &ids.left };
                    rows.iter().for_each(|&id| add(id));
                }
                PreparedColumn::Handle { rows, .. } => {
                    let side = if right { rows.right.as_deref().unwrap_or(&[]) } else { &rows.left };
                    for h in side.iter().flatten() {
                        (0..h.handles().len()).filter_map(|i| h.tf_id(i)).for_each(&mut add);
                    }
                }
                _ => return None,
            }
        }
        Some(counts)
    }

    /// For a handle column with term frequencies: the id of the handle deciding the level of
    /// (left row `l`, right row `r`), if they match ([`compare::handle::matched`]).
    pub(crate) fn matched_handle_id(&self, l: usize, r: usize) -> Option<u32> {
        let PreparedColumn::Handle { rows, .. } = self else { return None };
        let (a, b) = (rows.l(l).as_ref(), rows.r(r).as_ref());
        let (side, i) = compare::handle::matched_at(a, b)?;
        if side { b } else { a }?.tf_id(i).filter(|&id| id != 0)
    }
}

/// All comparisons' prepared columns for one (left, right) pair of datasets.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// One per comparison, in spec order.
    pub columns: Vec<PreparedColumn>,
    /// Rows on the left.
    pub n_left: usize,
    /// Rows on the right (= `n_left` when deduplicating).
    pub n_right: usize,
    /// True when deduplicating one table.
    pub dedupe: bool,
}

/// The names of one dataset's column, prepared by a linkage with a plain `name` comparison on it
/// (one full-name column, no alias column): a deduplication of that dataset with the same
/// comparison reuses them instead of parsing every name again (see
/// [`Prepared::new_reusing`]).
#[derive(Debug, Clone)]
pub(crate) struct NameSide {
    /// The column.
    pub(crate) column: String,
    /// Each row's name id in `values`.
    pub(crate) ids: Vec<u32>,
    /// Prepared names by id (`None` at id 0); may hold names of the other side too.
    pub(crate) values: Arc<Vec<Option<PreparedName>>>,
}

/// The column of a `name` comparison reading one full-name column per side and nothing else.
fn plain_name_columns(spec: &ComparisonSpec) -> Option<(&str, &str)> {
    match spec {
        ComparisonSpec::Name {
            column: Some(c),
            right_column,
            given: None,
            surname: None,
            aliases: None,
            right_given: None,
            right_surname: None,
            right_aliases: None,
            ..
        } => Some((c, right_column.as_deref().unwrap_or(c))),
        _ => None,
    }
}

impl Prepared {
    /// Prepare `left` (and `right`, or dedupe when `None`) for the given comparisons.
    pub fn new(specs: &[ComparisonSpec], left: &Dataset, right: Option<&Dataset>) -> Result<Prepared> {
        Prepared::new_reusing(specs, left, right, &[])
    }

    /// [`Prepared::new`], taking the names of a deduplication's plain `name` comparison from
    /// `names` when they hold its column (prepared from the same rows by an earlier linkage):
    /// the same names, so the same comparisons.
    pub(crate) fn new_reusing(
        specs: &[ComparisonSpec],
        left: &Dataset,
        right: Option<&Dataset>,
        names: &[NameSide],
    ) -> Result<Prepared> {
        let reused = |s: &ComparisonSpec| -> Option<PreparedColumn> {
            let (l, r) = plain_name_columns(s)?;
            let side =
                names.iter().find(|n| right.is_none() && n.column == l && l == r && n.ids.len() == left.len())?;
            Some(PreparedColumn::Name {
                ids: Sides { left: side.ids.clone(), right: None },
                values: Arc::clone(&side.values),
            })
        };
        // Columns are independent: prepared in parallel.
        // A middle-name comparison reads the parse of a name comparison on the same columns.
        let shared: Vec<Option<usize>> = specs.iter().map(|s| name_column_of(specs, s)).collect();
        let columns: Vec<Result<Option<PreparedColumn>>> = specs
            .par_iter()
            .zip(&shared)
            .map(|(s, share)| match (share, reused(s)) {
                (Some(_), _) => Ok(None),
                (None, Some(col)) => Ok(Some(col)),
                (None, None) => prepare_column(s, left, right).map(Some),
            })
            .collect();
        // The first error in spec order, whichever thread met it first.
        let mut columns = columns.into_iter().collect::<Result<Vec<_>>>()?;
        for (i, share) in shared.iter().enumerate() {
            if let Some(k) = *share {
                // A name column: its ids are copied, its prepared names shared.
                columns[i] = columns[k].clone();
            }
        }
        let columns = columns.into_iter().map(|c| c.expect("every column is prepared or shared")).collect();
        Ok(Prepared {
            columns,
            n_left: left.len(),
            n_right: right.map_or(left.len(), Dataset::len),
            dedupe: right.is_none(),
        })
    }

    /// The names of each side of this linkage's plain `name` comparisons, for later
    /// deduplications of the same datasets to reuse ([`Prepared::new_reusing`]).
    pub(crate) fn name_sides(&self, specs: &[ComparisonSpec]) -> Vec<(bool, NameSide)> {
        let mut out = Vec::new();
        for (spec, col) in specs.iter().zip(&self.columns) {
            let (Some((l, r)), PreparedColumn::Name { ids, values }) = (plain_name_columns(spec), col) else {
                continue;
            };
            out.push((false, NameSide { column: l.to_owned(), ids: ids.left.clone(), values: Arc::clone(values) }));
            if let Some(right) = &ids.right {
                out.push((true, NameSide { column: r.to_owned(), ids: right.clone(), values: Arc::clone(values) }));
            }
        }
        out
    }

    /// The level of comparison `k` for the pair (left row `l`, right row `r`).
    #[inline]
    pub fn level(&self, k: usize, cmp: &Comparator, l: usize, r: usize) -> Level {
        level(&self.columns[k], cmp, l, r)
    }
}

/// For a `middle_name` comparison, the index of a full-name `name` comparison on the same
/// columns, whose prepared column it can share.
fn name_column_of(specs: &[ComparisonSpec], spec: &ComparisonSpec) -> Option<usize> {
    let ComparisonSpec::MiddleName { .. } = spec else { return None };
    let want = spec.column_pairs();
    specs.iter().position(|s| {
        matches!(s, ComparisonSpec::Name { column: Some(_), given: None, surname: None, .. })
            && s.column_pairs()[0] == want[0]
    })
}

/// The levels of one comparison (`col`, `cmp`) for many pairs: `out[i * stride]` for pair `i`.
/// The same values as [`level`], but with the comparator picked once for the whole batch, and one
/// comparison at a time, so that the processor overlaps the memory loads of consecutive pairs
/// (each pair reads rows scattered over the table; compared pair by pair, the loads of the next
/// pair wait behind the string metrics of this one).
///
/// ```
/// use caselink::compare::Comparator;
/// use caselink::prepare::{Prepared, level, levels_of_pairs};
/// use caselink::spec::ComparisonSpec;
/// use caselink::Dataset;
/// let mut d = Dataset::new("d", &["id", "s"]).unwrap();
/// for (i, s) in ["smith", "smyth", "jones"].iter().enumerate() {
///     d.push_row(&[Some(&i.to_string()), Some(s)]).unwrap();
/// }
/// let spec: ComparisonSpec = serde_json::from_str(r#"{"type": "string", "column": "s", "metric": "jaro_winkler", "thresholds": [0.8]}"#).unwrap();
/// let p = Prepared::new(std::slice::from_ref(&spec), &d, None).unwrap();
/// let cmp = Comparator::from_spec(&spec);
/// let pairs = [(0, 1), (0, 2), (1, 2)];
/// let mut out = [0u8; 3];
/// levels_of_pairs(&p.columns[0], &cmp, &pairs, &mut out, 1);
/// let one_by_one: Vec<u8> = pairs.iter().map(|&(l, r)| level(&p.columns[0], &cmp, l as usize, r as usize)).collect();
/// assert_eq!(out.to_vec(), one_by_one);
/// ```
pub fn levels_of_pairs(col: &PreparedColumn, cmp: &Comparator, pairs: &[(u32, u32)], out: &mut [u8], stride: usize) {
    #[inline(always)]
    fn fill(pairs: &[(u32, u32)], out: &mut [u8], stride: usize, f: impl Fn(usize, usize) -> Level) {
        for (o, &(l, r)) in out.iter_mut().step_by(stride.max(1)).zip(pairs) {
            *o = f(l as usize, r as usize);
        }
    }
    match (cmp, col) {
        (Comparator::Exact, PreparedColumn::Text { ids, .. }) => {
            fill(pairs, out, stride, |l, r| compare::exact::compare(*ids.l(l), *ids.r(r)))
        }
        (Comparator::Name(c), PreparedColumn::Name { ids, values }) => {
            let first = |s: &str| s.as_bytes().first().map_or(0, |&c| usize::from(c));
            let touch = |id: u32| values[id as usize].as_ref().map_or(0, |n| first(n.primary.full()));
            gathered(pairs, out, stride, ids, touch, |a, b| {
                compare::name::compare(values[a as usize].as_ref(), values[b as usize].as_ref(), c)
            })
        }
        (Comparator::MiddleName, PreparedColumn::Name { ids, values }) => {
            let touch = |id: u32| {
                values[id as usize]
                    .as_ref()
                    .map_or(0, |n| n.middles.first().map_or(0, |m| usize::from(m.as_bytes()[0])))
            };
            gathered(pairs, out, stride, ids, touch, |a, b| {
                compare::middle_name::compare(values[a as usize].as_ref(), values[b as usize].as_ref())
            })
        }
        (Comparator::String { metric, thresholds }, PreparedColumn::Text { ids, values }) => {
            let touch = |id: u32| values[id as usize].as_bytes().first().map_or(0, |&c| usize::from(c));
            gathered(pairs, out, stride, ids, touch, |a, b| {
                if a == b {
                    (2 + thresholds.len()) as Level
                } else {
                    compare::string::level_of_similarity(
                        metric.normalized_similarity(&values[a as usize], &values[b as usize]),
                        thresholds,
                    )
                }
            })
        }
        (Comparator::Date(c), PreparedColumn::Date(s)) => {
            fill(pairs, out, stride, |l, r| compare::date::compare(*s.l(l), *s.r(r), c))
        }
        _ => fill(pairs, out, stride, |l, r| level(col, cmp, l, r)),
    }
}

/// [`levels_of_pairs`] for an interned column whose values sit behind pointers: a batch's ids,
/// then its values (`touch` reads each value's memory), are read with nothing else in between, so
/// that those cache misses overlap too; then `f` compares the non-null ids.
#[inline(always)]
fn gathered(
    pairs: &[(u32, u32)],
    out: &mut [u8],
    stride: usize,
    ids: &Sides<u32>,
    touch: impl Fn(u32) -> usize,
    f: impl Fn(u32, u32) -> Level,
) {
    const BATCH: usize = 128;
    let stride = stride.max(1);
    let mut got = [(0u32, 0u32); BATCH];
    for (n, batch) in pairs.chunks(BATCH).enumerate() {
        let got = &mut got[..batch.len()];
        for (g, &(l, r)) in got.iter_mut().zip(batch) {
            *g = (*ids.l(l as usize), *ids.r(r as usize));
        }
        let touched: usize = got.iter().map(|&(a, b)| touch(a) + touch(b)).sum();
        // Kept, so that the reads are not optimised away.
        std::hint::black_box(touched);
        let out = &mut out[n * BATCH * stride..];
        for (o, &(a, b)) in out.iter_mut().step_by(stride).zip(got.iter()) {
            *o = if a == 0 || b == 0 { compare::NULL } else { f(a, b) };
        }
    }
}

/// The level of one comparison for (left row `l`, right row `r`) on its prepared column.
#[inline]
pub fn level(col: &PreparedColumn, cmp: &Comparator, l: usize, r: usize) -> Level {
    match (cmp, col) {
        (Comparator::Exact, PreparedColumn::Text { ids, .. }) => compare::exact::compare(*ids.l(l), *ids.r(r)),
        (Comparator::String { metric, thresholds }, PreparedColumn::Text { ids, values }) => {
            let (a, b) = (*ids.l(l), *ids.r(r));
            if a == 0 || b == 0 {
                compare::NULL
            } else if a == b {
                (2 + thresholds.len()) as Level
            } else {
                compare::string::level_of_similarity(
                    metric.normalized_similarity(&values[a as usize], &values[b as usize]),
                    thresholds,
                )
            }
        }
        (Comparator::Name(c), PreparedColumn::Name { ids, values }) => {
            let (a, b) = (*ids.l(l), *ids.r(r));
            if a == 0 || b == 0 {
                compare::NULL
            } else {
                compare::name::compare(values[a as usize].as_ref(), values[b as usize].as_ref(), c)
            }
        }
        (Comparator::MiddleName, PreparedColumn::Name { ids, values }) => {
            let (a, b) = (*ids.l(l), *ids.r(r));
            compare::middle_name::compare(values[a as usize].as_ref(), values[b as usize].as_ref())
        }
        (Comparator::Date(c), PreparedColumn::Date(s)) => compare::date::compare(*s.l(l), *s.r(r), c),
        (Comparator::District, PreparedColumn::District(s)) => compare::district::compare(*s.l(l), *s.r(r)),
        (Comparator::Reference, PreparedColumn::Reference(s)) => {
            compare::reference::compare(s.l(l).as_ref(), s.r(r).as_ref())
        }
        (Comparator::Statute, PreparedColumn::Statute(s)) => {
            compare::statute::compare(s.l(l).as_deref(), s.r(r).as_deref())
        }
        (Comparator::Numeric { tolerances, relative }, PreparedColumn::Numeric(s)) => {
            compare::numeric::compare(*s.l(l), *s.r(r), tolerances, *relative)
        }
        (Comparator::Handle, PreparedColumn::Handle { rows, has_handle, .. }) => {
            if *has_handle.l(l) || *has_handle.r(r) {
                compare::handle::compare(rows.l(l).as_ref(), rows.r(r).as_ref())
            } else {
                compare::NULL
            }
        }
        // Comparators and columns are built together from one spec, so this cannot happen.
        _ => compare::NULL,
    }
}

/// Compare two raw values with one comparison spec, through the same preparation as a linkage
/// run (handy for bindings and golden tests).
///
/// ```
/// use caselink::prepare::compare_values;
/// use caselink::spec::ComparisonSpec;
/// let spec: ComparisonSpec = serde_json::from_str(r#"{"type": "exact", "column": "x"}"#).unwrap();
/// assert_eq!(compare_values(&spec, Some("Müller"), Some("MULLER")).unwrap(), 2);
/// assert_eq!(compare_values(&spec, Some("a"), None).unwrap(), 0);
/// let none: ComparisonSpec = serde_json::from_str(r#"{"type": "handle", "columns": []}"#).unwrap();
/// assert!(compare_values(&none, Some("jsmith"), Some("John Smith")).is_err());
/// ```
pub fn compare_values(spec: &ComparisonSpec, left: Option<&str>, right: Option<&str>) -> Result<Level> {
    let pairs = spec.column_pairs();
    if pairs.is_empty() {
        return Err(Error::invalid_spec(spec.name(), "the comparison reads no column; give it at least one"));
    }
    let (lc, rc): (Vec<&str>, Vec<&str>) = pairs.iter().map(|(l, r)| (l.as_str(), r.as_str())).unzip();
    let mut l = Dataset::new("left", &lc)?;
    let mut r = Dataset::new("right", &rc)?;
    let mut lv = vec![None; lc.len()];
    let mut rv = vec![None; rc.len()];
    lv[0] = left;
    rv[0] = right;
    l.push_row(&lv)?;
    r.push_row(&rv)?;
    let p = Prepared::new(std::slice::from_ref(spec), &l, Some(&r))?;
    Ok(p.level(0, &Comparator::from_spec(spec), 0, 0))
}

fn side_columns<'a>(ds: &'a Dataset, names: &[Option<&str>]) -> Result<Vec<Option<&'a crate::data::Column>>> {
    names.iter().map(|n| n.map(|n| ds.column(n)).transpose()).collect()
}

/// Intern a per-row key across both sides; `make` turns a new key into its value (`None` = null).
/// Ids follow the first appearance of each key (left rows, then right rows), skipping nulls.
/// Keys borrow the raw values where they can: a million rows then cost no allocation.
fn intern<'a, T: Send>(
    left_keys: impl Iterator<Item = Option<Cow<'a, str>>>,
    right_keys: Option<Box<dyn Iterator<Item = Option<Cow<'a, str>>> + 'a>>,
    make: impl Fn(&str) -> Option<T> + Sync,
) -> (Sides<u32>, Vec<Option<T>>) {
    // Distinct keys first (cheap, in order), then the expensive `make` on each in parallel.
    // FxHash, hashed once per row: far cheaper than SipHash on short values; a file crafted to
    // collide can only slow this down, not grow memory.
    let mut map: rustc_hash::FxHashMap<Cow<'a, str>, u32> = Default::default();
    let mut run = |keys: &mut dyn Iterator<Item = Option<Cow<'a, str>>>| -> Vec<u32> {
        keys.map(|k| {
            let Some(k) = k else { return u32::MAX };
            let n = map.len() as u32;
            *map.entry(k).or_insert(n)
        })
        .collect()
    };
    let mut lk = left_keys;
    let left = run(&mut lk);
    let right = right_keys.map(|mut rk| run(&mut rk));
    // Moved out by id: ids follow first appearance.
    let mut distinct: Vec<Cow<'a, str>> = vec![Cow::Borrowed(""); map.len()];
    for (k, i) in map {
        distinct[i as usize] = k;
    }
    // Made in place after the null at id 0, in parallel (each thread also faults in its own part
    // of the new memory), then the keys made into nothing are squeezed out in place: moving the
    // values into a second table cost a copy of ~100 MB on one core at a million names.
    let mut values: Vec<Option<T>> = Vec::with_capacity(distinct.len() + 1);
    values.push(None);
    values.par_extend(distinct.par_iter().map(|k| make(k)));
    let mut next = 0u32;
    let id_of: Vec<u32> = values[1..]
        .iter()
        .map(|v| {
            next += u32::from(v.is_some());
            if v.is_some() { next } else { 0 }
        })
        .collect();
    let mut first = true;
    values.retain(|v| std::mem::take(&mut first) || v.is_some());
    let ids = |v: Vec<u32>| v.into_iter().map(|i| if i == u32::MAX { 0 } else { id_of[i as usize] }).collect();
    (Sides { left: ids(left), right: right.map(ids) }, values)
}

fn per_row<'a, T: Clone>(
    left: &'a Dataset,
    right: Option<&'a Dataset>,
    lcol: &str,
    rcol: &str,
    f: impl Fn(Option<&str>) -> T,
) -> Result<Sides<T>> {
    let lc = left.column(lcol)?;
    let rc = right.map(|r| r.column(rcol)).transpose()?;
    // Each distinct raw value is parsed once.
    let mut cache: rustc_hash::FxHashMap<&'a str, T> = Default::default();
    let null = f(None);
    let mut run = |c: &'a crate::data::Column| -> Vec<T> {
        c.iter()
            .map(|v| match v {
                None => null.clone(),
                Some(s) => cache.entry(s).or_insert_with(|| f(Some(s))).clone(),
            })
            .collect()
    };
    let left_v = run(lc);
    let right_v = rc.map(run);
    Ok(Sides { left: left_v, right: right_v })
}

fn prepare_column<'a>(spec: &ComparisonSpec, left: &'a Dataset, right: Option<&'a Dataset>) -> Result<PreparedColumn> {
    let pairs = spec.column_pairs();
    let Some((lcol, rcol)) = pairs.first() else {
        return Err(Error::invalid_spec(spec.name(), "the comparison reads no column; give it at least one"));
    };
    Ok(match spec {
        ComparisonSpec::Exact { .. } | ComparisonSpec::String { .. } => {
            let lc = left.column(lcol)?;
            let rc = right.map(|r| r.column(rcol)).transpose()?;
            let keys = |c: &'a crate::data::Column| c.iter().map(|v| v.map(Cow::Borrowed));
            let (ids, values) = intern(
                keys(lc),
                rc.map(|c| Box::new(keys(c)) as Box<dyn Iterator<Item = Option<Cow<'a, str>>>>),
                |raw| {
                    let f = fold(raw);
                    (!f.is_empty()).then_some(f)
                },
            );
            // Different raw spellings can fold to one value: re-intern on the folded text.
            let mut canon: HashMap<String, u32> = HashMap::new();
            let mut folded: Vec<Box<str>> = vec!["".into()];
            let remap: Vec<u32> = values
                .into_iter()
                .map(|v| match v {
                    None => 0,
                    Some(s) => *canon.entry(s.clone()).or_insert_with(|| {
                        folded.push(s.into());
                        (folded.len() - 1) as u32
                    }),
                })
                .collect();
            let ids = Sides {
                left: ids.left.iter().map(|&i| remap[i as usize]).collect(),
                right: ids.right.map(|r| r.iter().map(|&i| remap[i as usize]).collect()),
            };
            PreparedColumn::Text { ids, values: folded }
        }
        ComparisonSpec::Name {
            column,
            given,
            surname,
            aliases,
            right_given,
            right_surname,
            right_aliases,
            right_column,
            ..
        } => {
            let lnames = [column.as_deref(), given.as_deref(), surname.as_deref(), aliases.as_deref()];
            let or = |r: &Option<String>, l: &Option<String>| r.clone().or_else(|| l.clone());
            let rnames_owned = [
                or(right_column, column),
                or(right_given, given),
                or(right_surname, surname),
                or(right_aliases, aliases),
            ];
            let rnames: Vec<Option<&str>> = rnames_owned.iter().map(|o| o.as_deref()).collect();
            let lcols = side_columns(left, &lnames)?;
            let rcols = right.map(|r| side_columns(r, &rnames)).transpose()?;
            // With only the full-name column on both sides, the key is its value, borrowed.
            let single =
                [Some(&lcols), rcols.as_ref()].into_iter().flatten().all(|c| c[1..].iter().all(Option::is_none));
            // Otherwise the key joins the raw values with a separator no CSV field can contain unescaped.
            let keys = |cols: &[Option<&'a crate::data::Column>], n: usize| -> Vec<Option<Cow<'a, str>>> {
                if single {
                    return cols[0].map_or_else(|| vec![None; n], |c| c.iter().map(|v| v.map(Cow::Borrowed)).collect());
                }
                (0..n)
                    .map(|row| {
                        let val = |i: usize| cols[i].and_then(|c| c.get(row));
                        if (0..3).all(|i| val(i).is_none()) {
                            return None;
                        }
                        let mut key = String::with_capacity(32);
                        for i in 0..cols.len() {
                            if i > 0 {
                                key.push('\u{1f}');
                            }
                            key.push_str(val(i).unwrap_or(""));
                        }
                        Some(Cow::Owned(key))
                    })
                    .collect()
            };
            let lk = keys(&lcols, left.len());
            let rk = rcols.as_ref().map(|c| keys(c, right.map_or(0, Dataset::len)));
            let full = column.is_some();
            let (ids, values) = intern(
                lk.into_iter(),
                rk.map(|v| Box::new(v.into_iter()) as Box<dyn Iterator<Item = Option<Cow<'a, str>>>>),
                |key| {
                    if single {
                        return PreparedName::new(&parse_name(key), &[]);
                    }
                    let parts: Vec<&str> = key.split('\u{1f}').collect();
                    let nz = |s: &str| (!s.is_empty()).then(|| s.to_owned());
                    let alias_raw = parts.get(3).copied().unwrap_or("");
                    if full {
                        let p = parse_name(parts[0]);
                        let extra: Vec<_> = compare::name::split_aliases(alias_raw).map(parse_name).collect();
                        PreparedName::new(&p, &extra)
                    } else {
                        PreparedName::from_parts(
                            nz(parts[1]).as_deref(),
                            nz(parts[2]).as_deref(),
                            nz(alias_raw).as_deref(),
                        )
                    }
                },
            );
            PreparedColumn::Name { ids, values: Arc::new(values) }
        }
        ComparisonSpec::MiddleName { column, right_column, .. } => {
            // Middle names come from the same parse as the name comparison's.
            let as_name = ComparisonSpec::Name {
                name: None,
                column: Some(column.clone()),
                right_column: right_column.clone(),
                given: None,
                right_given: None,
                surname: None,
                right_surname: None,
                aliases: None,
                right_aliases: None,
                jw_thresholds: Vec::new(),
                tf: false,
                tf_fuzzy: false,
                partial: false,
            };
            prepare_column(&as_name, left, right)?
        }
        ComparisonSpec::Date { day_first, .. } => {
            let opts = DateOptions { day_first: *day_first, reference: None };
            PreparedColumn::Date(per_row(left, right, lcol, rcol, |v| {
                v.and_then(|v| parse_date(v, &opts)).map(PreparedDate::new)
            })?)
        }
        ComparisonSpec::District { .. } => {
            PreparedColumn::District(per_row(left, right, lcol, rcol, |v| v.and_then(compare::district::prepare))?)
        }
        ComparisonSpec::Reference { .. } => {
            let court = |ds: &Dataset, col: Option<&String>| -> Result<Option<Vec<Option<u16>>>> {
                let Some(col) = col else { return Ok(None) };
                let c = ds.column(col)?;
                Ok(Some(c.iter().map(|v| v.and_then(compare::district::prepare).and_then(|d| d.district)).collect()))
            };
            let lcourt = court(left, pairs.get(1).map(|p| &p.0))?;
            let rcourt = right.map(|r| court(r, pairs.get(1).map(|p| &p.1))).transpose()?.flatten();
            let lc = left.column(lcol)?;
            let rc = right.map(|r| r.column(rcol)).transpose()?;
            let build =
                |c: &crate::data::Column, courts: Option<&Vec<Option<u16>>>| -> Vec<Option<PreparedReference>> {
                    c.iter()
                        .enumerate()
                        .map(|(i, v)| v.and_then(|v| compare::reference::prepare(v, courts.and_then(|cs| cs[i]))))
                        .collect()
                };
            PreparedColumn::Reference(Sides {
                left: build(lc, lcourt.as_ref()),
                right: rc.map(|c| build(c, rcourt.as_ref())),
            })
        }
        ComparisonSpec::Statute { .. } => {
            PreparedColumn::Statute(per_row(left, right, lcol, rcol, |v| v.and_then(compare::statute::prepare))?)
        }
        ComparisonSpec::Numeric { .. } => {
            PreparedColumn::Numeric(per_row(left, right, lcol, rcol, compare::numeric::prepare)?)
        }
        ComparisonSpec::Handle { columns, right_columns, tf, .. } => {
            type Row = Option<(PreparedHandles, Vec<String>)>;
            let side = |ds: &Dataset, names: &[String]| -> Result<Vec<Row>> {
                let cols = names.iter().map(|n| ds.column(n)).collect::<Result<Vec<_>>>()?;
                Ok((0..ds.len())
                    .into_par_iter()
                    .with_min_len(1024)
                    .map(|row| {
                        let values: Vec<Option<&str>> = cols.iter().map(|c| c.get(row)).collect();
                        compare::handle::prepare_with_handles(&values)
                    })
                    .collect())
            };
            let l = side(left, columns)?;
            let r = right.map(|r| side(r, right_columns.as_ref().unwrap_or(columns))).transpose()?;
            // The handles' letters, by hash, for term frequencies.
            let mut table: Vec<(u64, &str)> = Vec::new();
            if *tf {
                for (_, kept) in l.iter().chain(r.iter().flatten()).flatten() {
                    table.extend(kept.iter().map(|s| (crate::block::key::hash_str(s), s.as_str())));
                }
                table.par_sort_unstable();
                table.dedup_by_key(|e| e.0);
            }
            let keys: Vec<u64> = table.iter().map(|e| e.0).collect();
            let values = std::iter::once("".into()).chain(table.iter().map(|e| e.1.into())).collect();
            drop(table);
            // Each handle's id stored beside it: scoring a pair looks nothing up.
            let id_of = |h: u64| keys.binary_search(&h).map_or(0, |i| i as u32 + 1);
            let rows = |v: Vec<Row>| {
                v.into_par_iter()
                    .map(|x| x.map(|(h, _)| if *tf { h.with_tf_ids(id_of) } else { h }))
                    .collect::<Vec<_>>()
            };
            let rows = Sides { left: rows(l), right: r.map(rows) };
            let has = |v: &[Option<PreparedHandles>]| {
                v.iter().map(|h| h.as_ref().is_some_and(|h| !h.handles().is_empty())).collect()
            };
            let has_handle = Sides { left: has(&rows.left), right: rows.right.as_deref().map(has) };
            PreparedColumn::Handle { rows, has_handle, values }
        }
    })
}
