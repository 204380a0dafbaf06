//! Shared spelling helpers for the generated tables: districts, states, agencies, docket numbers.

use std::fmt::Write;

use super::rng::{Rng, mix};
use super::tables::{State, tables};

/// Append the district `d` in a press-release spelling: full name 30 %, Bluebook citation 15 %,
/// USAO abbreviation 15 %, court id 10 %, another listed variant 30 %.
pub fn push_district(buf: &mut String, d: usize, rng: &mut Rng) {
    let dist = &tables().districts[d];
    match rng.below(100) {
        0..30 => buf.push_str(&dist.name),
        30..45 => buf.push_str(&dist.short_citation),
        45..60 => buf.push_str(&dist.usao),
        60..70 => buf.push_str(&dist.court_id),
        _ => buf.push_str(rng.pick(&dist.variants).map_or(dist.name.as_str(), String::as_str)),
    }
}

/// Append a docket's court: the plain court id 88 %, upper-cased 4 %, USAO abbreviation 4 %, full name 4 %.
pub fn push_court(buf: &mut String, d: usize, rng: &mut Rng) {
    let dist = &tables().districts[d];
    match rng.below(100) {
        0..88 => buf.push_str(&dist.court_id),
        88..92 => buf.push_str(&dist.court_id.to_ascii_uppercase()),
        92..96 => buf.push_str(&dist.usao),
        _ => buf.push_str(&dist.name),
    }
}

/// Append a state as a code (`p_code`), else the full name (`p_name`), else the AP abbreviation.
pub fn push_state(buf: &mut String, s: &State, rng: &mut Rng, p_code: f64, p_name: f64) {
    let x = rng.f64();
    if x < p_code {
        buf.push_str(&s.code);
    } else if x < p_code + p_name {
        buf.push_str(&s.name);
    } else {
        buf.push_str(&s.ap);
    }
}

/// Append the recipient agency chosen by `choice` (a per-case hash) for state `s`: the state's ICAC
/// task force 70 % (spelled `Tennessee ICAC Task Force` mostly, sometimes in long or short form),
/// an FBI field office 12 %, an HSI office 8 %, the state police or bureau 10 %.
pub fn push_agency(buf: &mut String, s: &State, choice: u64) {
    let sub = mix(choice);
    match choice % 100 {
        0..70 => match sub % 100 {
            0..90 => {
                let _ = write!(buf, "{} ICAC Task Force", s.name);
            }
            90..97 => {
                let _ = write!(buf, "{} Internet Crimes Against Children Task Force", s.name);
            }
            _ => {
                let _ = write!(buf, "{} ICAC", s.code);
            }
        },
        70..82 => {
            let _ = write!(buf, "FBI {}", s.fbi[(sub % s.fbi.len() as u64) as usize]);
        }
        82..90 => {
            let _ = write!(buf, "HSI {}", s.hsi[(sub % s.hsi.len() as u64) as usize]);
        }
        _ => buf.push_str(&s.police),
    }
}

/// The parts of a federal criminal docket number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocketNumber {
    /// Divisional office digit (the `3` in `3:18-cr-00178`).
    pub office: u8,
    /// Two-digit year of filing.
    pub yy: u8,
    /// Sequence number within the court and year.
    pub seq: u32,
    /// Assigned judges' initials (second one optional).
    pub judges: [Option<[u8; 3]>; 2],
}

/// How a docket number is spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocketForm {
    /// `3:18-cr-00178-TAV-HBG` (the judges present)
    Canonical,
    /// `3:18-CR-178`
    UpperShort,
    /// `18-cr-178`
    NoOffice,
    /// `3:18 CR 178`
    Spaced,
    /// `3:CR-18-178`
    TypeFirst,
    /// `3:18–cr–00178` (en dashes)
    EnDash,
    /// `3:18-cr-00178` (no judges)
    NoJudge,
}

impl DocketNumber {
    /// Append the number in `form`.
    ///
    /// ```
    /// use caselink::synth::render::{DocketNumber, DocketForm};
    /// let n = DocketNumber { office: 3, yy: 18, seq: 178, judges: [Some(*b"TAV"), None] };
    /// let mut b = String::new();
    /// n.push(&mut b, DocketForm::Canonical);
    /// assert_eq!(b, "3:18-cr-00178-TAV");
    /// b.clear();
    /// n.push(&mut b, DocketForm::Spaced);
    /// assert_eq!(b, "3:18 CR 178");
    /// ```
    pub fn push(&self, buf: &mut String, form: DocketForm) {
        let (o, y, s) = (self.office, self.yy, self.seq);
        let _ = match form {
            DocketForm::Canonical => {
                let _ = write!(buf, "{o}:{y:02}-cr-{s:05}");
                for j in self.judges.iter().flatten() {
                    buf.push('-');
                    buf.extend(j.iter().map(|&c| c as char));
                }
                Ok(())
            }
            DocketForm::UpperShort => write!(buf, "{o}:{y:02}-CR-{s}"),
            DocketForm::NoOffice => write!(buf, "{y:02}-cr-{s}"),
            DocketForm::Spaced => write!(buf, "{o}:{y:02} CR {s}"),
            DocketForm::TypeFirst => write!(buf, "{o}:CR-{y:02}-{s}"),
            DocketForm::EnDash => write!(buf, "{o}:{y:02}\u{2013}cr\u{2013}{s:05}"),
            DocketForm::NoJudge => write!(buf, "{o}:{y:02}-cr-{s:05}"),
        };
    }
}

/// A variant spelling, uniformly among the non-canonical forms.
pub fn variant_form(rng: &mut Rng) -> DocketForm {
    match rng.below(6) {
        0 => DocketForm::UpperShort,
        1 => DocketForm::NoOffice,
        2 => DocketForm::Spaced,
        3 => DocketForm::TypeFirst,
        4 => DocketForm::EnDash,
        _ => DocketForm::NoJudge,
    }
}

/// Judges' initials for district `d`, slot `k` (a stable pool of eight per district).
pub fn judge(d: usize, k: u64) -> [u8; 3] {
    let h = mix((d as u64) << 8 | (k % 8));
    [b'A' + (h % 26) as u8, b'A' + (h >> 8) as u8 % 26, b'A' + (h >> 16) as u8 % 26]
}
