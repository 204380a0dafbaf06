//! # caselink
//!
//! An embeddable record-linkage engine. It links person records fuzzily and at scale — names
//! spelled ten ways, dates that must fall in a plausible order, federal districts in any
//! spelling, reference numbers with typos — and its flagship job is tracing which CyberTipline
//! referrals led to a federal prosecution by linking referral tables, court dockets and US
//! Attorney press releases.
//!
//! ## The pipeline
//! ```text
//! records ──prepare──▶ prepared columns ──block──▶ candidate pairs ──compare──▶ comparison vectors
//!         ──score──▶ match weights / probabilities ──cluster──▶ entities ──(trace)──▶ outcome table
//! ```
//! | stage | module |
//! |---|---|
//! | prepare | [`normalize`] |
//! | block | [`block`] |
//! | compare | [`compare`] (over [`metrics`]) |
//! | score | [`score`] |
//! | cluster | [`cluster`] |
//! | trace | [`trace`] |
//!
//! ```
//! use caselink::Dataset;
//! let d = Dataset::from_csv_reader("id,name\n1,Ann\n".as_bytes(), "people.csv", &Default::default()).unwrap();
//! assert_eq!(d.len(), 1);
//! ```

pub mod block;
pub mod cluster;
pub mod compare;
pub mod data;
pub mod distributed;
pub mod error;
pub mod eval;
pub mod explain;
pub mod extract;
pub mod linker;
pub mod metrics;
pub mod model;
pub mod normalize;
pub mod prepare;
pub mod report;
pub mod score;
pub mod spec;
pub mod synth;
pub mod trace;

pub use data::Dataset;
pub use error::{Error, ErrorFamily, Result};

/// The crate version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
