//! The `caselink` command: link CSV files, trace CyberTipline outcomes, check normalizers.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "caselink", version, about = "Record linkage for referrals, dockets and press releases")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show what the engine makes of values: KIND is name, date, district, reference or phonetic.
    /// Reads one value per line from stdin when no VALUE is given; prints one JSON object per value.
    Normalize {
        /// name | date | district | reference | phonetic
        kind: String,
        /// Values to parse (default: lines of stdin).
        values: Vec<String>,
    },
    /// Score pairs or clusters against a truth file; prints JSON (precision, recall, f1, tp, fp, fn).
    Eval {
        /// Scored pairs (left_id,right_id,match_probability[,left_source,right_source]).
        #[arg(long, conflicts_with = "clusters", required_unless_present = "clusters")]
        pairs: Option<std::path::PathBuf>,
        /// Clusters (record_type,record_id,case_id or unique_id,cluster_id).
        #[arg(long)]
        clusters: Option<std::path::PathBuf>,
        /// Truth (record_type,record_id,case_id or unique_id,person_id).
        #[arg(long)]
        truth: std::path::PathBuf,
        /// Pairs at or above this probability count as predicted links.
        #[arg(long, default_value_t = 0.5)]
        threshold: f64,
    },
    /// Generate seeded synthetic data with ground truth: CyberTipline cases or person records.
    #[command(group(clap::ArgGroup::new("kind").required(true).args(["cases", "persons"])))]
    Synth {
        /// Number of cases (writes referrals, dockets, press_releases and truth CSVs).
        #[arg(long)]
        cases: Option<usize>,
        /// Number of distinct people (writes persons.csv and persons_truth.csv).
        #[arg(long)]
        persons: Option<usize>,
        /// Random seed; the same seed and size give byte-identical files.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Output directory (created if missing).
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Generate a small synthetic world, trace it and report accuracy.
    Demo {
        /// Where to write the output files.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> caselink::Result<ExitCode> {
    match cli.command {
        Command::Normalize { kind, values } => normalize(&kind, values),
        Command::Eval { pairs, clusters, truth, threshold } => {
            eval(pairs.as_deref(), clusters.as_deref(), &truth, threshold)
        }
        Command::Synth { cases, persons, seed, out } => {
            let summary = caselink::synth::generate_to(cases, persons, seed, &out)?;
            eprintln!("{summary}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { out: _ } => {
            eprintln!("caselink demo: not yet implemented (the trace lands with issue 5)");
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn normalize(kind: &str, values: Vec<String>) -> caselink::Result<ExitCode> {
    if !caselink::normalize::KINDS.contains(&kind) {
        eprintln!("error: unknown kind '{kind}'; expected one of {}", caselink::normalize::KINDS.join(", "));
        return Ok(ExitCode::from(2));
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut emit = |v: &str| -> caselink::Result<()> {
        let json = caselink::normalize::describe(kind, v).expect("kind checked");
        writeln!(out, "{json}").map_err(|e| caselink::Error::io("write", "<stdout>", e))
    };
    if values.is_empty() {
        for line in std::io::stdin().lock().lines() {
            let line = line.map_err(|e| caselink::Error::io("read", "<stdin>", e))?;
            emit(&line)?;
        }
    } else {
        for v in &values {
            emit(v)?;
        }
    }
    out.flush().map_err(|e| caselink::Error::io("write", "<stdout>", e))?;
    Ok(ExitCode::SUCCESS)
}

fn read_csv(path: &std::path::Path) -> caselink::Result<caselink::Dataset> {
    let d = caselink::Dataset::from_csv_path(path, &caselink::data::CsvOptions::default())?;
    for r in &d.rejected {
        eprintln!("warning: rejected {r}");
    }
    Ok(d)
}

fn eval(
    pairs: Option<&std::path::Path>,
    clusters: Option<&std::path::Path>,
    truth: &std::path::Path,
    threshold: f64,
) -> caselink::Result<ExitCode> {
    use caselink::eval;
    let truth = eval::Truth::from_dataset(&read_csv(truth)?)?;
    let json = match (pairs, clusters) {
        (Some(p), _) => eval::pairwise(&eval::scored_pairs(&read_csv(p)?)?, &truth, threshold, None).to_json(),
        (None, Some(c)) => {
            let rows = eval::labelled_rows(&read_csv(c)?)?;
            eval::clusters(&rows, &truth).to_json()
        }
        (None, None) => unreachable!("clap requires one of --pairs/--clusters"),
    };
    println!("{}", serde_json::to_string_pretty(&json).expect("JSON values serialize"));
    Ok(ExitCode::SUCCESS)
}
