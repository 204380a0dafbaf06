//! The linkage spec: which columns to compare and how, which pairs to consider (blocking), and
//! the model options. Plain serde data, read from JSON or TOML; unknown keys are rejected with
//! their path inside the spec (`comparisons[2].thresholdz`). [`LinkageSpec::validate`] checks
//! everything that serde cannot, so a [`crate::linker::Linker`] built from a spec never fails
//! later because of it.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::metrics::Metric;

/// A whole linkage configuration.
///
/// ```
/// use caselink::spec::LinkageSpec;
/// let s = LinkageSpec::from_json(r#"{"unique_id": "id",
///     "comparisons": [{"type": "exact", "column": "surname", "tf": true}],
///     "blocking": [{"type": "key", "keys": [{"fn": "prefix", "column": "surname", "n": 2}]}]}"#).unwrap();
/// assert_eq!(s.comparisons.len(), 1);
/// assert_eq!(s.model.em_max_iterations, 25);
/// assert_eq!(LinkageSpec::from_json(&s.to_json()).unwrap(), s);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkageSpec {
    /// Record id column (the same name in both tables).
    pub unique_id: String,
    /// The comparisons, in output order.
    pub comparisons: Vec<ComparisonSpec>,
    /// Blocking rules; the candidate pairs are the union of the rules' pairs. Empty = all pairs.
    #[serde(default)]
    pub blocking: Vec<BlockingRule>,
    /// Blocking rules for the EM training passes only (default: `blocking`). Training wants
    /// passes whose rule leaves a comparison's columns free, which prediction may not need.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub training_blocking: Vec<BlockingRule>,
    /// Model and resource options.
    #[serde(default)]
    pub model: ModelOptions,
}

/// Model options: prior, EM settings, sampling, resource limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ModelOptions {
    /// Prior probability λ that two random records match; when absent, EM estimates the share of
    /// matches among the candidate pairs and spreads it over all pairs.
    pub prior: Option<f64>,
    /// Most EM iterations per training pass.
    pub em_max_iterations: u32,
    /// EM stops when no parameter moves by more than this.
    pub em_tolerance: f64,
    /// Random pairs sampled to estimate u.
    pub u_sample_pairs: u64,
    /// Seed of the random pair sampler.
    pub seed: u64,
    /// Most candidate pairs allowed before blocking is refused with a limit error.
    pub max_pairs: u64,
    /// A blocking key with more records than this on either side is skipped and reported.
    pub max_block_size: u32,
    /// Estimate λ per blocking rule, on the pairs each rule adds to the earlier ones and with only
    /// the comparisons those rules do not block on (calibrated; see `Linker::train`), instead of
    /// one EM over all candidate pairs with every comparison (overestimates λ as data grows).
    /// The distributed (Spark) path trains it identically.
    pub lambda_by_rule: bool,
    /// Share of each training rule's key blocks its EM pass reads (1 = all). Blocks are picked
    /// by a hash of their key and `seed`, the same on Spark. m converges long before every
    /// pair of a broad training rule (one date of birth: ~19M pairs at 1M persons) is read.
    pub training_block_sample: f64,
}

impl Default for ModelOptions {
    fn default() -> Self {
        ModelOptions {
            prior: None,
            em_max_iterations: 25,
            em_tolerance: 1e-4,
            u_sample_pairs: 1_000_000,
            seed: 42,
            max_pairs: 200_000_000,
            max_block_size: 5_000,
            lambda_by_rule: false,
            training_block_sample: 1.0,
        }
    }
}

fn default_jw() -> Vec<f64> {
    vec![0.92, 0.8]
}

fn default_within_days() -> Vec<u32> {
    vec![1, 30]
}

/// One comparison: how two records' values become a level.
///
/// Every variant takes an optional `name` (default: the column name) and an optional
/// `right_column` naming the column in the right table when it differs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ComparisonSpec {
    /// Exact equality of the folded values.
    Exact {
        /// Output name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Left column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
        /// Term-frequency adjustment of the exact level.
        #[serde(default)]
        tf: bool,
    },
    /// A string metric with similarity thresholds (descending), above an exact level.
    String {
        /// Output name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Left column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
        /// The metric.
        metric: Metric,
        /// Similarity thresholds, strictly descending, each in (0, 1).
        thresholds: Vec<f64>,
        /// Term-frequency adjustment of the exact level.
        #[serde(default)]
        tf: bool,
    },
    /// Person names: exact / nickname / initial / Jaro–Winkler levels / swapped / else.
    Name {
        /// Output name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Full-name column (parsed), alternative to `given` + `surname`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        column: Option<String>,
        /// Right full-name column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
        /// Given-name column.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        given: Option<String>,
        /// Right given-name column (default: `given`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_given: Option<String>,
        /// Surname column.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        surname: Option<String>,
        /// Right surname column (default: `surname`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_surname: Option<String>,
        /// Column of extra names (aliases), separated by `;` or `|`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        aliases: Option<String>,
        /// Right alias column (default: `aliases`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_aliases: Option<String>,
        /// Jaro–Winkler thresholds on the full name, strictly descending.
        #[serde(default = "default_jw")]
        jw_thresholds: Vec<f64>,
        /// Term-frequency adjustment of the exact level (on the full name).
        #[serde(default)]
        tf: bool,
        /// With `tf`, also adjust the levels between `else` and `exact` by the frequency of the
        /// more common of the two full names, as Splink does for fuzzy levels: a near-match of two
        /// rare names counts more, "Jon Smith" / "John Smith" less.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        tf_fuzzy: bool,
        /// Add two levels below `swapped`: only the surname agrees (the given names differ or
        /// one is missing) and only the given name agrees. Off by default: the ladder is unchanged.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        partial: bool,
    },
    /// Dates: exact / day–month swapped / within N days / within M months / else, or a
    /// directional window on right − left.
    Date {
        /// Output name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Left column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
        /// Day thresholds, strictly ascending.
        #[serde(default = "default_within_days")]
        within_days: Vec<u32>,
        /// Month thresholds, strictly ascending.
        #[serde(default)]
        within_months: Vec<u32>,
        /// Directional window `[a, b]`: right − left in days must lie in it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        window: Option<[i32; 2]>,
        /// With `window`: extra levels inside it for |right − left| ≤ each step (days,
        /// strictly ascending), so a release four days after a filing beats one four years after.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        window_steps: Vec<u32>,
        /// Read ambiguous numeric dates day first.
        #[serde(default)]
        day_first: bool,
    },
    /// Middle names read from a full-name column: exact / one side an initial of the other /
    /// else, null when either side writes none. Its evidence adds to a `name` comparison's:
    /// namesakes share a given name and surname far more often than a middle name.
    MiddleName {
        /// Output name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Left full-name column (parsed as the `name` comparison parses it).
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
    },
    /// Online handles (screen names, email local parts, one-word aliases) against person
    /// names: the handle's letters spell given name + surname / initial + surname / else; null
    /// unless one side has a handle and the other a name. Each side pools its columns' values.
    Handle {
        /// Output name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Left columns, each holding a handle, an email or a name (at least one).
        columns: Vec<String>,
        /// Right columns (default: `columns`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_columns: Option<Vec<String>>,
        /// Term-frequency adjustment of both match levels by the matched handle's frequency
        /// (`jsmith` is far more common than `austinharer`).
        #[serde(default)]
        tf: bool,
    },
    /// Federal districts: same district / same state / else (any spelling, or a state).
    District {
        /// Output name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Left column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
    },
    /// US Code citations (`18:2252A(a)(2)`, `18 U.S.C. § 2252A(a)(2)`): a citation in common /
    /// a section in common / else; null when either side cites nothing.
    Statute {
        /// Output name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Left column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
    },
    /// Reference numbers (CyberTipline or docket): exact / one edit / else.
    Reference {
        /// Output name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Left column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
        /// Court column: docket numbers only agree when their courts do.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        court_column: Option<String>,
        /// Right court column (default: `court_column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_court_column: Option<String>,
    },
    /// Numbers: exact / within each tolerance (ascending) / else.
    Numeric {
        /// Output name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Left column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
        /// Tolerances, strictly ascending and positive.
        tolerances: Vec<f64>,
        /// Tolerances are relative (|a − b| / max(|a|, |b|)) rather than absolute.
        #[serde(default)]
        relative: bool,
    },
}

impl ComparisonSpec {
    /// The comparison's output name: `name`, else its (left) column, else its surname column
    /// (`handle` for a handle comparison).
    pub fn name(&self) -> String {
        match self {
            ComparisonSpec::Exact { name, column, .. }
            | ComparisonSpec::String { name, column, .. }
            | ComparisonSpec::Date { name, column, .. }
            | ComparisonSpec::MiddleName { name, column, .. }
            | ComparisonSpec::District { name, column, .. }
            | ComparisonSpec::Statute { name, column, .. }
            | ComparisonSpec::Reference { name, column, .. }
            | ComparisonSpec::Numeric { name, column, .. } => name.clone().unwrap_or_else(|| column.clone()),
            // Its first column is usually a name column that a `name` comparison names already.
            ComparisonSpec::Handle { name, .. } => name.clone().unwrap_or_else(|| "handle".into()),
            ComparisonSpec::Name { name, column, surname, given, .. } => name
                .clone()
                .or_else(|| column.clone())
                .or_else(|| surname.clone())
                .or_else(|| given.clone())
                .unwrap_or_else(|| "name".into()),
        }
    }

    /// The spec `"type"` of this comparison.
    pub fn kind(&self) -> &'static str {
        match self {
            ComparisonSpec::Exact { .. } => "exact",
            ComparisonSpec::String { .. } => "string",
            ComparisonSpec::Name { .. } => "name",
            ComparisonSpec::MiddleName { .. } => "middle_name",
            ComparisonSpec::Handle { .. } => "handle",
            ComparisonSpec::Date { .. } => "date",
            ComparisonSpec::District { .. } => "district",
            ComparisonSpec::Statute { .. } => "statute",
            ComparisonSpec::Reference { .. } => "reference",
            ComparisonSpec::Numeric { .. } => "numeric",
        }
    }

    /// (left, right) column pairs read by this comparison.
    pub fn column_pairs(&self) -> Vec<(String, String)> {
        fn pair(l: &str, r: &Option<String>) -> (String, String) {
            (l.to_owned(), r.clone().unwrap_or_else(|| l.to_owned()))
        }
        match self {
            ComparisonSpec::Exact { column, right_column, .. }
            | ComparisonSpec::String { column, right_column, .. }
            | ComparisonSpec::Date { column, right_column, .. }
            | ComparisonSpec::MiddleName { column, right_column, .. }
            | ComparisonSpec::District { column, right_column, .. }
            | ComparisonSpec::Statute { column, right_column, .. }
            | ComparisonSpec::Numeric { column, right_column, .. } => vec![pair(column, right_column)],
            // Every column of each side appears in some pair (the shorter list repeats its last).
            ComparisonSpec::Handle { columns, right_columns, .. } => {
                let right = right_columns.as_ref().unwrap_or(columns);
                (0..columns.len().max(right.len()))
                    .filter_map(|i| {
                        let l = columns.get(i).or(columns.last())?;
                        let r = right.get(i).or(right.last())?;
                        Some((l.clone(), r.clone()))
                    })
                    .collect()
            }
            ComparisonSpec::Reference { column, right_column, court_column, right_court_column, .. } => {
                let mut v = vec![pair(column, right_column)];
                if let Some(c) = court_column {
                    v.push(pair(c, right_court_column));
                }
                v
            }
            ComparisonSpec::Name {
                column,
                right_column,
                given,
                right_given,
                surname,
                right_surname,
                aliases,
                right_aliases,
                ..
            } => {
                let mut v = Vec::new();
                for (l, r) in
                    [(column, right_column), (given, right_given), (surname, right_surname), (aliases, right_aliases)]
                {
                    if let Some(l) = l {
                        v.push(pair(l, r));
                    }
                }
                v
            }
        }
    }
}

/// A blocking rule. The candidate pairs are the union over rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum BlockingRule {
    /// Pairs agreeing on every derived key (an AND of keys).
    Key {
        /// The keys, all of which must agree.
        keys: Vec<KeySpec>,
    },
    /// Pairs within `window` positions of each other when all records are sorted by `key`.
    SortedNeighbourhood {
        /// Sort key.
        key: KeySpec,
        /// Window size (≥ 2).
        window: usize,
    },
    /// Pairs whose folded values are within `max_edits` Levenshtein edits (an fst index).
    Fuzzy {
        /// Left column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
        /// 1 or 2.
        max_edits: u8,
    },
}

impl BlockingRule {
    /// A short human-readable description, used in reports and errors.
    pub fn describe(&self) -> String {
        match self {
            BlockingRule::Key { keys } => keys.iter().map(KeySpec::describe).collect::<Vec<_>>().join(" & "),
            BlockingRule::SortedNeighbourhood { key, window } => {
                format!("sorted_neighbourhood({}, window={window})", key.describe())
            }
            BlockingRule::Fuzzy { column, max_edits, .. } => format!("fuzzy({column}, max_edits={max_edits})"),
        }
    }

    /// Whether this rule's pairs agree on what `comparison` compares, so that a training pass
    /// on them cannot estimate its m: some key reads one of its columns, unless the key fixes
    /// only parts of a name the comparison does not look at (a `name_pair` or `surname` key
    /// says nothing about the middle names a `middle_name` comparison reads, nor about whether a
    /// handle spells the name, as a `handle` comparison asks).
    ///
    /// ```
    /// use caselink::spec::{BlockingRule, ComparisonSpec};
    /// let rule: BlockingRule = serde_json::from_str(r#"{"type": "key", "keys": [{"fn": "name_pair", "column": "n"}]}"#).unwrap();
    /// let name: ComparisonSpec = serde_json::from_str(r#"{"type": "name", "column": "n"}"#).unwrap();
    /// let middle: ComparisonSpec = serde_json::from_str(r#"{"type": "middle_name", "column": "n"}"#).unwrap();
    /// assert!(rule.fixes(&name));
    /// assert!(!rule.fixes(&middle));
    /// ```
    pub fn fixes(&self, comparison: &ComparisonSpec) -> bool {
        let cols: Vec<String> = comparison.column_pairs().into_iter().flat_map(|(l, r)| [l, r]).collect();
        match self {
            BlockingRule::Key { keys } => keys.iter().any(|k| {
                cols.iter().any(|c| c == k.column())
                    && !(matches!(comparison, ComparisonSpec::MiddleName { .. } | ComparisonSpec::Handle { .. })
                        && k.is_name_part())
            }),
            _ => self.columns().iter().any(|c| cols.contains(c)),
        }
    }

    /// The left-side columns a rule reads.
    pub fn columns(&self) -> Vec<String> {
        match self {
            BlockingRule::Key { keys } => keys.iter().map(|k| k.column().to_owned()).collect(),
            BlockingRule::SortedNeighbourhood { key, .. } => vec![key.column().to_owned()],
            BlockingRule::Fuzzy { column, right_column, .. } => {
                let mut v = vec![column.clone()];
                v.extend(right_column.clone());
                v
            }
        }
    }
}

/// Binds every key variant's `column` and `right_column` to `$c` and `$r` and evaluates `$body`:
/// the one list of variants for the accessors that read the columns and the one that rewrites them.
macro_rules! key_columns {
    ($key:expr, |$c:ident, $r:ident| $body:expr) => {
        match $key {
            KeySpec::Value { column: $c, right_column: $r }
            | KeySpec::Prefix { column: $c, right_column: $r, .. }
            | KeySpec::Soundex { column: $c, right_column: $r }
            | KeySpec::Metaphone { column: $c, right_column: $r }
            | KeySpec::Surname { column: $c, right_column: $r }
            | KeySpec::SurnameSoundex { column: $c, right_column: $r }
            | KeySpec::GivenInitial { column: $c, right_column: $r }
            | KeySpec::Given { column: $c, right_column: $r }
            | KeySpec::NamePair { column: $c, right_column: $r }
            | KeySpec::SurnameInitial { column: $c, right_column: $r }
            | KeySpec::Month { column: $c, right_column: $r }
            | KeySpec::Year { column: $c, right_column: $r }
            | KeySpec::District { column: $c, right_column: $r }
            | KeySpec::Reference { column: $c, right_column: $r }
            | KeySpec::Handle { column: $c, right_column: $r } => $body,
        }
    };
}

/// A key derived from one column for blocking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "fn", rename_all = "snake_case", deny_unknown_fields)]
pub enum KeySpec {
    /// The folded value.
    Value {
        /// Column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
    },
    /// The first `n` characters of the folded value.
    Prefix {
        /// Column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
        /// Number of characters (≥ 1).
        n: usize,
    },
    /// Soundex of the value.
    Soundex {
        /// Column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
    },
    /// Double Metaphone primary key of the value.
    Metaphone {
        /// Column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
    },
    /// The parsed surname of a full-name column.
    Surname {
        /// Column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
    },
    /// Soundex of the parsed surname.
    SurnameSoundex {
        /// Column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
    },
    /// First letter of the parsed given name.
    GivenInitial {
        /// Column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
    },
    /// The parsed given name, folded to its nickname group's formal name (`bill` → `william`).
    Given {
        /// Column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
    },
    /// The parsed given name and surname, sorted: the same key whichever order they were
    /// written in (`Wallace Joshua` and `WALLACE, JOSHUA`).
    NamePair {
        /// Column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
    },
    /// First letter of the parsed surname (survives most typos later in the surname).
    SurnameInitial {
        /// Column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
    },
    /// Year and month of a date (`2019-06`).
    Month {
        /// Column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
    },
    /// Year of a date.
    Year {
        /// Column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
    },
    /// Court id of a district; a state emits all of its districts.
    District {
        /// Column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
    },
    /// Canonical reference number.
    Reference {
        /// Column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
    },
    /// What the `handle` comparison matches: a handle's letters (screen name, email local part,
    /// one-word name), or a person name's forms (given name + surname and initial + surname, in
    /// both orders), so that `jsmith84` and `SMITH, JOHN` share a key.
    Handle {
        /// Column.
        column: String,
        /// Right column (default: `column`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        right_column: Option<String>,
    },
}

impl KeySpec {
    /// True for the keys read off a parsed person name's given name or surname (`surname`,
    /// `surname_soundex`, `surname_initial`, `given`, `given_initial`, `name_pair`).
    /// A new one needs its arm both where keys come from a parse (`block::key::name_key_texts`)
    /// and where they come from a prepared name (`name_part_hashes`, whose tests list every key).
    ///
    /// ```
    /// use caselink::spec::KeySpec;
    /// assert!(KeySpec::NamePair { column: "n".into(), right_column: None }.is_name_part());
    /// assert!(!KeySpec::Value { column: "n".into(), right_column: None }.is_name_part());
    /// ```
    pub fn is_name_part(&self) -> bool {
        matches!(
            self,
            KeySpec::Surname { .. }
                | KeySpec::SurnameSoundex { .. }
                | KeySpec::SurnameInitial { .. }
                | KeySpec::Given { .. }
                | KeySpec::GivenInitial { .. }
                | KeySpec::NamePair { .. }
        )
    }

    /// This key reading `column` on both sides: two keys that derive the same values from one
    /// side's column compare equal after it.
    ///
    /// ```
    /// use caselink::spec::KeySpec;
    /// let a = KeySpec::Handle { column: "email".into(), right_column: Some("name".into()) };
    /// let b = KeySpec::Handle { column: "screen".into(), right_column: Some("name".into()) };
    /// assert_ne!(a, b);
    /// assert_eq!(a.on_column("name"), b.on_column("name"));
    /// ```
    pub fn on_column(&self, column: &str) -> KeySpec {
        let mut k = self.clone();
        key_columns!(&mut k, |c, r| {
            column.clone_into(c);
            *r = None;
        });
        k
    }

    /// The (left) column the key reads.
    pub fn column(&self) -> &str {
        self.columns().0
    }

    /// The right column the key reads (default: the left column).
    pub fn right_column(&self) -> &str {
        let (l, r) = self.columns();
        r.as_deref().unwrap_or(l)
    }

    fn columns(&self) -> (&str, &Option<String>) {
        key_columns!(self, |c, r| (c.as_str(), r))
    }

    /// Text such as `prefix(surname, 3)`.
    pub fn describe(&self) -> String {
        let f = match self {
            KeySpec::Value { .. } => "value",
            KeySpec::Prefix { column, n, .. } => return format!("prefix({column}, {n})"),
            KeySpec::Soundex { .. } => "soundex",
            KeySpec::Metaphone { .. } => "metaphone",
            KeySpec::Surname { .. } => "surname",
            KeySpec::SurnameSoundex { .. } => "surname_soundex",
            KeySpec::GivenInitial { .. } => "given_initial",
            KeySpec::Given { .. } => "given",
            KeySpec::NamePair { .. } => "name_pair",
            KeySpec::SurnameInitial { .. } => "surname_initial",
            KeySpec::Month { .. } => "month",
            KeySpec::Year { .. } => "year",
            KeySpec::District { .. } => "district",
            KeySpec::Reference { .. } => "reference",
            KeySpec::Handle { .. } => "handle",
        };
        format!("{f}({})", self.column())
    }
}

impl LinkageSpec {
    /// Read a spec from JSON, rejecting unknown keys with their path, then validate it.
    pub fn from_json(s: &str) -> Result<Self> {
        let v: serde_json::Value =
            serde_json::from_str(s).map_err(|e| Error::invalid_spec("$", format!("not valid JSON: {e}")))?;
        Self::from_value(v)
    }

    /// Read a spec from TOML, rejecting unknown keys with their path, then validate it.
    ///
    /// ```
    /// use caselink::spec::LinkageSpec;
    /// let s = LinkageSpec::from_toml("unique_id = \"id\"\n[[comparisons]]\ntype = \"numeric\"\ncolumn = \"age\"\ntolerances = [1.0, 3.0]\n").unwrap();
    /// assert_eq!(s.comparisons[0].name(), "age");
    /// ```
    pub fn from_toml(s: &str) -> Result<Self> {
        let v: serde_json::Value =
            toml::from_str(s).map_err(|e| Error::invalid_spec("$", format!("not valid TOML: {e}")))?;
        Self::from_value(v)
    }

    /// Read a spec from a JSON value (the common path of JSON and TOML).
    pub fn from_value(v: serde_json::Value) -> Result<Self> {
        let spec: LinkageSpec = match serde_json::from_value(v.clone()) {
            Ok(s) => s,
            Err(e) => return Err(locate_error(&v, &e)),
        };
        spec.validate()?;
        Ok(spec)
    }

    /// The spec as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a spec always serializes")
    }

    /// The comparison names, in order.
    pub fn comparison_names(&self) -> Vec<String> {
        self.comparisons.iter().map(ComparisonSpec::name).collect()
    }

    /// Check everything serde cannot: non-empty names, ordered thresholds, sane limits.
    ///
    /// ```
    /// use caselink::spec::LinkageSpec;
    /// let e = LinkageSpec::from_json(r#"{"unique_id": "id", "comparisons": [
    ///   {"type": "string", "column": "a", "metric": "jaro", "thresholds": [0.8, 0.9]}]}"#).unwrap_err();
    /// assert!(e.to_string().contains("comparisons[0].thresholds"));
    /// ```
    pub fn validate(&self) -> Result<()> {
        if self.unique_id.trim().is_empty() {
            return Err(Error::invalid_spec("unique_id", "must name the record id column"));
        }
        if self.comparisons.is_empty() {
            return Err(Error::invalid_spec("comparisons", "at least one comparison is needed"));
        }
        let mut names = std::collections::HashSet::new();
        for (i, c) in self.comparisons.iter().enumerate() {
            let p = |f: &str| format!("comparisons[{i}].{f}");
            if !names.insert(c.name()) {
                return Err(Error::invalid_spec(
                    p("name"),
                    format!("duplicate comparison name '{}'; give each comparison a distinct name", c.name()),
                ));
            }
            for (l, r) in c.column_pairs() {
                if l.trim().is_empty() || r.trim().is_empty() {
                    return Err(Error::invalid_spec(p("column"), "column names must not be empty"));
                }
            }
            match c {
                ComparisonSpec::Exact { .. }
                | ComparisonSpec::MiddleName { .. }
                | ComparisonSpec::District { .. }
                | ComparisonSpec::Statute { .. }
                | ComparisonSpec::Reference { .. } => {}
                ComparisonSpec::Handle { columns, right_columns, .. } => {
                    if columns.is_empty() || right_columns.as_ref().is_some_and(Vec::is_empty) {
                        return Err(Error::invalid_spec(
                            p("columns"),
                            "a handle comparison needs at least one column on each side",
                        ));
                    }
                }
                ComparisonSpec::String { thresholds, .. } => check_similarities(thresholds, &p("thresholds"))?,
                ComparisonSpec::Name { column, given, surname, jw_thresholds, tf, tf_fuzzy, .. } => {
                    if *tf_fuzzy && !*tf {
                        return Err(Error::invalid_spec(
                            p("tf_fuzzy"),
                            "adjusts the fuzzy levels by term frequency, so it needs `\"tf\": true` too",
                        ));
                    }
                    if column.is_none() && surname.is_none() {
                        return Err(Error::invalid_spec(
                            p("column"),
                            "a name comparison needs a full-name `column` or a `surname` column",
                        ));
                    }
                    if column.is_some() && (given.is_some() || surname.is_some()) {
                        return Err(Error::invalid_spec(
                            p("column"),
                            "give either a full-name `column` or `given`/`surname` columns, not both",
                        ));
                    }
                    check_similarities(jw_thresholds, &p("jw_thresholds"))?;
                }
                ComparisonSpec::Date { within_days, within_months, window, window_steps, .. } => {
                    check_ascending(within_days, &p("within_days"))?;
                    check_ascending(window_steps, &p("window_steps"))?;
                    if window.is_none() && !window_steps.is_empty() {
                        return Err(Error::invalid_spec(p("window_steps"), "needs a window"));
                    }
                    check_ascending(within_months, &p("within_months"))?;
                    if let Some([a, b]) = window {
                        if a > b {
                            return Err(Error::invalid_spec(p("window"), format!("[{a}, {b}]: start must be ≤ end")));
                        }
                    }
                    if within_days.len() + within_months.len() > 200 {
                        return Err(Error::invalid_spec(p("within_days"), "too many levels (at most 200)"));
                    }
                }
                ComparisonSpec::Numeric { tolerances, .. } => {
                    if tolerances.len() > 200 {
                        return Err(Error::invalid_spec(p("tolerances"), "too many levels (at most 200)"));
                    }
                    for w in tolerances.windows(2) {
                        if w[0].partial_cmp(&w[1]) != Some(std::cmp::Ordering::Less) {
                            return Err(Error::invalid_spec(p("tolerances"), "must be strictly ascending"));
                        }
                    }
                    if tolerances.iter().any(|t| !t.is_finite() || *t <= 0.0) {
                        return Err(Error::invalid_spec(p("tolerances"), "each tolerance must be finite and > 0"));
                    }
                }
            }
        }
        let rules = self.blocking.iter().enumerate().map(|(i, b)| (format!("blocking[{i}]"), b));
        let training = self.training_blocking.iter().enumerate().map(|(i, b)| (format!("training_blocking[{i}]"), b));
        for (at, b) in rules.chain(training) {
            match b {
                BlockingRule::Key { keys } => {
                    if keys.is_empty() {
                        return Err(Error::invalid_spec(format!("{at}.keys"), "at least one key is needed"));
                    }
                    for (j, k) in keys.iter().enumerate() {
                        check_key(k, &format!("{at}.keys[{j}]"))?;
                    }
                }
                BlockingRule::SortedNeighbourhood { key, window } => {
                    check_key(key, &format!("{at}.key"))?;
                    if *window < 2 || *window > 1000 {
                        return Err(Error::invalid_spec(format!("{at}.window"), "must be in 2..=1000"));
                    }
                }
                BlockingRule::Fuzzy { column, max_edits, .. } => {
                    if column.trim().is_empty() {
                        return Err(Error::invalid_spec(format!("{at}.column"), "must not be empty"));
                    }
                    if !(1..=2).contains(max_edits) {
                        return Err(Error::invalid_spec(format!("{at}.max_edits"), "must be 1 or 2"));
                    }
                }
            }
        }
        let m = &self.model;
        if let Some(p) = m.prior {
            if !(p > 0.0 && p < 1.0) {
                return Err(Error::invalid_spec("model.prior", format!("{p} is not in (0, 1)")));
            }
        }
        if m.em_max_iterations == 0 {
            return Err(Error::invalid_spec("model.em_max_iterations", "must be ≥ 1"));
        }
        if !(m.em_tolerance.is_finite() && m.em_tolerance > 0.0) {
            return Err(Error::invalid_spec("model.em_tolerance", "must be finite and > 0"));
        }
        if !(m.training_block_sample > 0.0 && m.training_block_sample <= 1.0) {
            return Err(Error::invalid_spec(
                "model.training_block_sample",
                format!(
                    "must be in (0, 1], got {} (1 reads every training block; 0.1 a tenth of them)",
                    m.training_block_sample
                ),
            ));
        }
        if m.u_sample_pairs == 0 {
            return Err(Error::invalid_spec("model.u_sample_pairs", "must be ≥ 1"));
        }
        if m.max_pairs == 0 {
            return Err(Error::invalid_spec("model.max_pairs", "must be ≥ 1"));
        }
        if m.max_block_size == 0 {
            return Err(Error::invalid_spec("model.max_block_size", "must be ≥ 1"));
        }
        Ok(())
    }
}

fn check_similarities(t: &[f64], path: &str) -> Result<()> {
    if t.len() > 200 {
        return Err(Error::invalid_spec(path, "too many levels (at most 200)"));
    }
    if t.iter().any(|x| !(x.is_finite() && *x > 0.0 && *x < 1.0)) {
        return Err(Error::invalid_spec(path, "each threshold must be in (0, 1); exact equality is its own level"));
    }
    for w in t.windows(2) {
        if w[0] <= w[1] {
            return Err(Error::invalid_spec(path, format!("must be strictly descending ({} then {})", w[0], w[1])));
        }
    }
    Ok(())
}

fn check_ascending(t: &[u32], path: &str) -> Result<()> {
    if t.first() == Some(&0) {
        return Err(Error::invalid_spec(path, "thresholds must be ≥ 1 (exact is its own level)"));
    }
    for w in t.windows(2) {
        if w[0] >= w[1] {
            return Err(Error::invalid_spec(path, format!("must be strictly ascending ({} then {})", w[0], w[1])));
        }
    }
    Ok(())
}

fn check_key(k: &KeySpec, path: &str) -> Result<()> {
    if k.column().trim().is_empty() {
        return Err(Error::invalid_spec(format!("{path}.column"), "must not be empty"));
    }
    if let KeySpec::Prefix { n, .. } = k {
        if *n == 0 || *n > 64 {
            return Err(Error::invalid_spec(format!("{path}.n"), "must be in 1..=64"));
        }
    }
    Ok(())
}

/// serde_json errors carry no path; find the innermost failing element by re-reading parts.
fn locate_error(v: &serde_json::Value, e: &serde_json::Error) -> Error {
    let msg = e.to_string();
    let Some(obj) = v.as_object() else {
        return Error::invalid_spec("$", format!("the spec must be an object: {msg}"));
    };
    const TOP: [&str; 5] = ["unique_id", "comparisons", "blocking", "training_blocking", "model"];
    for k in obj.keys() {
        if !TOP.contains(&k.as_str()) {
            return Error::invalid_spec(k.clone(), format!("unknown key; expected one of {}", TOP.join(", ")));
        }
    }
    let item_err = |path: String, item: &serde_json::Value, r: std::result::Result<(), serde_json::Error>| {
        r.err().map(|e| {
            let m = e.to_string();
            let field = unknown_field(&m);
            let _ = item;
            match field {
                Some(f) => Error::invalid_spec(format!("{path}.{f}"), m),
                None => Error::invalid_spec(path, m),
            }
        })
    };
    if let Some(list) = obj.get("comparisons").and_then(|c| c.as_array()) {
        for (i, c) in list.iter().enumerate() {
            let r = serde_json::from_value::<ComparisonSpec>(c.clone()).map(|_| ());
            if let Some(err) = item_err(format!("comparisons[{i}]"), c, r) {
                return err;
            }
        }
    }
    for (name, list) in ["blocking", "training_blocking"].iter().filter_map(|n| Some((n, obj.get(*n)?.as_array()?))) {
        for (i, c) in list.iter().enumerate() {
            if let Some(keys) = c.get("keys").and_then(|k| k.as_array()) {
                for (j, k) in keys.iter().enumerate() {
                    let r = serde_json::from_value::<KeySpec>(k.clone()).map(|_| ());
                    if let Some(err) = item_err(format!("{name}[{i}].keys[{j}]"), k, r) {
                        return err;
                    }
                }
            }
            let r = serde_json::from_value::<BlockingRule>(c.clone()).map(|_| ());
            if let Some(err) = item_err(format!("{name}[{i}]"), c, r) {
                return err;
            }
        }
    }
    if let Some(m) = obj.get("model") {
        let r = serde_json::from_value::<ModelOptions>(m.clone()).map(|_| ());
        if let Some(err) = item_err("model".into(), m, r) {
            return err;
        }
    }
    let field = unknown_field(&msg).unwrap_or_else(|| "$".into());
    Error::invalid_spec(field, msg)
}

fn unknown_field(msg: &str) -> Option<String> {
    let rest = msg.strip_prefix("unknown field `").or_else(|| msg.split("unknown field `").nth(1))?;
    Some(rest.split('`').next()?.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL: &str = r#"{
      "unique_id": "id",
      "comparisons": [
        {"type": "exact", "column": "state", "tf": true},
        {"type": "string", "name": "sn", "column": "surname", "right_column": "last", "metric": "jaro_winkler", "thresholds": [0.9, 0.8], "tf": true},
        {"type": "name", "column": "full_name", "aliases": "aka"},
        {"type": "date", "column": "dob", "within_months": [12], "window": [0, 1000], "day_first": true},
        {"type": "district", "column": "court", "right_column": "state"},
        {"type": "reference", "column": "case_number", "court_column": "court"},
        {"type": "numeric", "column": "age", "tolerances": [1, 3]}
      ],
      "blocking": [
        {"type": "key", "keys": [{"fn": "prefix", "column": "surname", "n": 3}, {"fn": "year", "column": "dob"}]},
        {"type": "sorted_neighbourhood", "key": {"fn": "soundex", "column": "surname"}, "window": 5},
        {"type": "fuzzy", "column": "surname", "max_edits": 1}
      ],
      "model": {"prior": 0.01, "seed": 7}
    }"#;

    #[test]
    fn json_round_trip() {
        let s = LinkageSpec::from_json(FULL).unwrap();
        assert_eq!(s.comparisons.len(), 7);
        assert_eq!(s.comparison_names()[1], "sn");
        assert_eq!(s.model.seed, 7);
        assert_eq!(s.model.max_block_size, 5_000);
        let again = LinkageSpec::from_json(&s.to_json()).unwrap();
        assert_eq!(again, s);
    }

    #[test]
    fn toml_round_trip() {
        let s = LinkageSpec::from_json(FULL).unwrap();
        let t = toml::to_string(&s).unwrap();
        assert_eq!(LinkageSpec::from_toml(&t).unwrap(), s);
    }

    #[test]
    fn unknown_keys_are_rejected_with_path() {
        let bad = FULL.replace("\"tolerances\": [1, 3]", "\"tolerances\": [1, 3], \"tolerence\": 2");
        let e = LinkageSpec::from_json(&bad).unwrap_err().to_string();
        assert!(e.contains("comparisons[6].tolerence"), "{e}");

        let bad = FULL.replace("\"n\": 3", "\"n\": 3, \"m\": 1");
        let e = LinkageSpec::from_json(&bad).unwrap_err().to_string();
        assert!(e.contains("blocking[0].keys[0].m"), "{e}");

        let bad = FULL.replace("\"seed\": 7", "\"seed\": 7, \"sede\": 1");
        let e = LinkageSpec::from_json(&bad).unwrap_err().to_string();
        assert!(e.contains("model.sede"), "{e}");

        let bad = FULL.replace("\"unique_id\"", "\"extra\": 1, \"unique_id\"");
        let e = LinkageSpec::from_json(&bad).unwrap_err().to_string();
        assert!(e.contains("invalid spec at extra"), "{e}");

        let e = LinkageSpec::from_toml(
            "unique_id = \"id\"\n[[comparisons]]\ntype = \"exact\"\ncolumn = \"a\"\ncolour = 1\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("comparisons[0].colour"), "{e}");
    }

    #[test]
    fn unknown_type_is_located() {
        let e = LinkageSpec::from_json(
            r#"{"unique_id":"id","comparisons":[{"type":"exact","column":"a"},{"type":"fuzzy","column":"b"}]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("comparisons[1]"), "{e}");
    }

    #[test]
    fn validation_paths() {
        let cases = [
            (r#"{"unique_id":"","comparisons":[{"type":"exact","column":"a"}]}"#, "unique_id"),
            (r#"{"unique_id":"id","comparisons":[]}"#, "comparisons"),
            (
                r#"{"unique_id":"id","comparisons":[{"type":"exact","column":"a"},{"type":"exact","column":"a"}]}"#,
                "comparisons[1].name",
            ),
            (r#"{"unique_id":"id","comparisons":[{"type":"name"}]}"#, "comparisons[0].column"),
            (
                r#"{"unique_id":"id","comparisons":[{"type":"date","column":"d","within_days":[30,1]}]}"#,
                "comparisons[0].within_days",
            ),
            (
                r#"{"unique_id":"id","comparisons":[{"type":"date","column":"d","window":[5,1]}]}"#,
                "comparisons[0].window",
            ),
            (
                r#"{"unique_id":"id","comparisons":[{"type":"numeric","column":"d","tolerances":[-1]}]}"#,
                "comparisons[0].tolerances",
            ),
            (
                r#"{"unique_id":"id","comparisons":[{"type":"exact","column":"a"}],"blocking":[{"type":"fuzzy","column":"a","max_edits":3}]}"#,
                "blocking[0].max_edits",
            ),
            (
                r#"{"unique_id":"id","comparisons":[{"type":"exact","column":"a"}],"blocking":[{"type":"key","keys":[]}]}"#,
                "blocking[0].keys",
            ),
            (
                r#"{"unique_id":"id","comparisons":[{"type":"exact","column":"a"}],"model":{"prior":1.5}}"#,
                "model.prior",
            ),
        ];
        for (json, path) in cases {
            let e = LinkageSpec::from_json(json).unwrap_err();
            assert_eq!(e.code(), "invalid_spec");
            assert!(e.to_string().contains(&format!("at {path}:")), "{path}: {e}");
        }
    }
}
