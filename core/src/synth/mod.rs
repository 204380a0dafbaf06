#![doc = include_str!("README.md")]

use std::path::Path;

use crate::Dataset;
use crate::error::{Error, Result};

mod cases;
pub mod dates;
pub mod names;
mod persons;
pub mod render;
pub mod rng;
pub mod tables;

pub use cases::{DOCKET_COLUMNS, REFERRAL_COLUMNS, RELEASE_COLUMNS, TRUTH_COLUMNS};
pub use persons::{PERSON_COLUMNS, PERSON_TRUTH_COLUMNS};

/// The three CyberTipline sources plus the ground truth, generated together.
#[derive(Debug, Clone)]
pub struct CasesWorld {
    /// `referrals.csv`: one row per CyberTipline report.
    pub referrals: Dataset,
    /// `dockets.csv`: one row per federal criminal docket.
    pub dockets: Dataset,
    /// `press_releases.csv`: one row per US Attorney press release.
    pub press_releases: Dataset,
    /// `truth.csv`: record_type, record_id, case_id for every record above.
    pub truth: Dataset,
    /// Noise-free facts per record (true dates, events, person), in the order of `truth`; for tests
    /// and evaluation, never written to disk.
    pub timeline: Vec<TrueRecord>,
}

/// Person records for the deduplication benchmark, plus the ground truth.
#[derive(Debug, Clone)]
pub struct PersonsWorld {
    /// `persons.csv`.
    pub persons: Dataset,
    /// `persons_truth.csv`: unique_id, person_id.
    pub truth: Dataset,
}

/// Which source a record comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    /// A CyberTipline referral.
    Referral,
    /// A federal docket.
    Docket,
    /// A press release.
    PressRelease,
}

impl RecordKind {
    /// The `record_type` spelling used in `truth.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Referral => "referral",
            RecordKind::Docket => "docket",
            RecordKind::PressRelease => "press_release",
        }
    }
}

/// The event a press release announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Event {
    /// Charged by complaint.
    Charged,
    /// Indicted by a grand jury.
    Indicted,
    /// Pleaded guilty.
    PleadedGuilty,
    /// Convicted at trial.
    Convicted,
    /// Sentenced.
    Sentenced,
}

impl Event {
    /// The `event` column spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Event::Charged => "charged",
            Event::Indicted => "indicted",
            Event::PleadedGuilty => "pleaded guilty",
            Event::Convicted => "convicted",
            Event::Sentenced => "sentenced",
        }
    }

    /// Stage in the life of a case: 0 charge, 1 plea or verdict, 2 sentence.
    pub fn stage(self) -> u8 {
        match self {
            Event::Charged | Event::Indicted => 0,
            Event::PleadedGuilty | Event::Convicted => 1,
            Event::Sentenced => 2,
        }
    }
}

/// The noise-free facts behind one generated record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrueRecord {
    /// Source table.
    pub kind: RecordKind,
    /// Row in that table.
    pub row: u32,
    /// Case index (`case_id` is `c` + this, zero-padded to 7 digits).
    pub case: u32,
    /// Person index (one person may have several cases).
    pub person: u32,
    /// True date in days since 1970-01-01: received, filed, or the release's publication date.
    pub date: i32,
    /// For press releases, the event announced.
    pub event: Option<Event>,
}

/// Generate `n_cases` cases (people, referrals, dockets, press releases, truth), deterministically from `seed`.
///
/// ```
/// let w = caselink::synth::cases(50, 1);
/// assert!(w.referrals.len() >= 50);
/// assert_eq!(w.truth.len(), w.referrals.len() + w.dockets.len() + w.press_releases.len());
/// ```
pub fn cases(n_cases: usize, seed: u64) -> CasesWorld {
    cases::generate(n_cases, seed)
}

/// Generate `n_people` distinct people with 1–5 noisy records each, deterministically from `seed`.
///
/// ```
/// let w = caselink::synth::persons(20, 1);
/// assert!(w.persons.len() >= 20 && w.persons.len() <= 100);
/// assert_eq!(w.truth.len(), w.persons.len());
/// ```
pub fn persons(n_people: usize, seed: u64) -> PersonsWorld {
    persons::generate(n_people, seed)
}

fn write_one(d: &Dataset, dir: &Path, file: &str) -> Result<()> {
    let path = dir.join(file);
    let f = std::fs::File::create(&path).map_err(|e| Error::io("create", &path, e))?;
    d.write_csv(std::io::BufWriter::with_capacity(1 << 20, f))
}

fn ensure_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create directory", dir, e))
}

impl CasesWorld {
    /// The three sources as a trace input (copies; the world keeps its tables and truth).
    ///
    /// ```
    /// let world = caselink::synth::cases(20, 1);
    /// let input = world.trace_input().unwrap();
    /// let result = caselink::trace::trace(&input, &Default::default()).unwrap();
    /// assert_eq!(result.summary.records_read, world.truth.len() as u64);
    /// ```
    pub fn trace_input(&self) -> Result<crate::trace::TraceInput> {
        crate::trace::TraceInput::new(
            Some(self.referrals.clone()),
            Some(self.dockets.clone()),
            Some(self.press_releases.clone()),
            &[],
        )
    }

    /// Write `referrals.csv`, `dockets.csv`, `press_releases.csv` and `truth.csv` into `dir` (created if missing).
    pub fn write(&self, dir: &Path) -> Result<()> {
        ensure_dir(dir)?;
        write_one(&self.referrals, dir, "referrals.csv")?;
        write_one(&self.dockets, dir, "dockets.csv")?;
        write_one(&self.press_releases, dir, "press_releases.csv")?;
        write_one(&self.truth, dir, "truth.csv")
    }
}

impl PersonsWorld {
    /// Write `persons.csv` and `persons_truth.csv` into `dir` (created if missing).
    pub fn write(&self, dir: &Path) -> Result<()> {
        ensure_dir(dir)?;
        write_one(&self.persons, dir, "persons.csv")?;
        write_one(&self.truth, dir, "persons_truth.csv")
    }
}

/// Generate a cases world (`n_cases`) or a persons world (`n_people`) and write it to `dir`;
/// returns a one-line-per-file summary of what was written. Exactly one size must be given.
pub fn generate_to(n_cases: Option<usize>, n_people: Option<usize>, seed: u64, dir: &Path) -> Result<String> {
    let show = |d: &Dataset, file: &str| format!("  {} ({} rows)", dir.join(file).display(), d.len());
    match (n_cases, n_people) {
        (Some(n), None) => {
            let w = cases(n, seed);
            w.write(dir)?;
            Ok(format!(
                "wrote {n} cases (seed {seed}):\n{}\n{}\n{}\n{}",
                show(&w.referrals, "referrals.csv"),
                show(&w.dockets, "dockets.csv"),
                show(&w.press_releases, "press_releases.csv"),
                show(&w.truth, "truth.csv")
            ))
        }
        (None, Some(n)) => {
            let w = persons(n, seed);
            w.write(dir)?;
            Ok(format!(
                "wrote {n} people (seed {seed}):\n{}\n{}",
                show(&w.persons, "persons.csv"),
                show(&w.truth, "persons_truth.csv")
            ))
        }
        _ => Err(Error::invalid_spec("synth", "give exactly one of --cases N or --persons N")),
    }
}
