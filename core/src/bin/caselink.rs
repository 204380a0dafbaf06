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
    /// Extract one row per defendant from press release / court document files (text or HTML).
    Extract {
        /// Documents to read; each file is one document and its name is the row's doc_id.
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// Output file.
        #[arg(long)]
        out: std::path::PathBuf,
        /// csv or jsonl.
        #[arg(long, default_value = "csv")]
        format: String,
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
        Command::Extract { files, out, format } => extract(&files, &out, &format),
        Command::Demo { out: _ } => {
            eprintln!("caselink demo: not yet implemented (the trace lands with issue 5)");
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn extract(files: &[std::path::PathBuf], out: &std::path::Path, format: &str) -> caselink::Result<ExitCode> {
    use caselink::extract as ex;
    if format != "csv" && format != "jsonl" {
        eprintln!("error: unknown format '{format}'; expected csv or jsonl");
        return Ok(ExitCode::from(2));
    }
    let file = std::fs::File::create(out).map_err(|e| caselink::Error::io("create", out, e))?;
    let mut w = std::io::BufWriter::new(file);
    let mut csv = (format == "csv").then(|| csv::Writer::from_writer(Vec::new()));
    if let Some(c) = csv.as_mut() {
        c.write_record(ex::CSV_HEADER).map_err(|e| caselink::Error::io("write", out, e.into()))?;
    }
    for path in files {
        let bytes = std::fs::read(path).map_err(|e| caselink::Error::io("read", path, e))?;
        // Not UTF-8 is read lossily; binary yields no rows rather than an error.
        let text = String::from_utf8_lossy(&bytes);
        let doc_id = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        for rec in ex::extract(&text, None) {
            match csv.as_mut() {
                Some(c) => c
                    .write_record(ex::to_csv_row(&doc_id, &rec))
                    .map_err(|e| caselink::Error::io("write", out, e.into()))?,
                None => writeln!(w, "{}", ex::to_json_row(&doc_id, &rec))
                    .map_err(|e| caselink::Error::io("write", out, e))?,
            }
        }
    }
    if let Some(c) = csv {
        let bytes = c.into_inner().map_err(|e| caselink::Error::io("write", out, e.into_error()))?;
        w.write_all(&bytes).map_err(|e| caselink::Error::io("write", out, e))?;
    }
    w.flush().map_err(|e| caselink::Error::io("write", out, e))?;
    Ok(ExitCode::SUCCESS)
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
