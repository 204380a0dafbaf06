//! The `caselink` command: link CSV files, trace CyberTipline outcomes, check normalizers.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use caselink::trace;
use clap::{Parser, Subcommand};

// Linking allocates and frees many small strings and large vectors: with mimalloc a 1M-case
// docket-release trace took 9.2 s of user CPU instead of 10.5 s with the system allocator.
// Without transparent huge pages, because zeroing a 2 MB page for each fresh large vector cost
// more system time than the huge pages saved.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `println!` that ends the program quietly when stdout is closed (`caselink eval ... | head`)
/// instead of panicking with "failed printing to stdout".
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            return Err(caselink::Error::io("write", "<stdout>", e));
        }
    }};
}

#[derive(Debug, Parser)]
#[command(name = "caselink", version, about = "Record linkage for referrals, dockets and press releases")]
struct Cli {
    /// No progress display and no informational messages on stderr.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print each step and its time on stderr.
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

/// How much the command says on stderr: spinners for long steps when stderr is a terminal.
#[derive(Debug, Clone, Copy)]
struct Ui {
    quiet: bool,
    verbose: bool,
    tty: bool,
}

impl Ui {
    /// Run one long step under a spinner (terminal only); `--verbose` logs its time.
    fn step<T>(&self, what: &str, f: impl FnOnce() -> T) -> T {
        let started = std::time::Instant::now();
        let bar = (self.tty && !self.quiet).then(|| {
            let pb = indicatif::ProgressBar::new_spinner();
            if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} [{elapsed}]") {
                pb.set_style(style);
            }
            pb.set_message(what.to_owned());
            pb.enable_steady_tick(std::time::Duration::from_millis(120));
            pb
        });
        let out = f();
        if let Some(pb) = bar {
            pb.finish_and_clear();
        }
        if self.verbose {
            eprintln!("{what}: {:.2}s", started.elapsed().as_secs_f64());
        }
        out
    }

    /// An informational line on stderr (silent with `--quiet`).
    fn info(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            eprintln!("{msg}");
        }
    }
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
    /// Link two CSV files (or deduplicate one) with a spec; writes scored pairs.
    Link {
        /// The linkage spec (JSON, or TOML when the file ends in .toml).
        #[arg(long, required_unless_present = "model")]
        spec: Option<std::path::PathBuf>,
        /// Left file (the only file when deduplicating).
        left: std::path::PathBuf,
        /// Right file; omit to deduplicate LEFT.
        right: Option<std::path::PathBuf>,
        /// Where to write the pairs CSV.
        #[arg(long)]
        out: std::path::PathBuf,
        /// Keep pairs at or above this match probability.
        #[arg(long, default_value_t = 0.5)]
        threshold: f64,
        /// Save the trained model here.
        #[arg(long)]
        model_out: Option<std::path::PathBuf>,
        /// Use this trained model instead of training by EM (its spec is used; --spec may be omitted).
        #[arg(long)]
        model: Option<std::path::PathBuf>,
        /// Write an HTML report of the model, blocking, weights and review queue here.
        #[arg(long, value_name = "FILE")]
        report: Option<std::path::PathBuf>,
    },
    /// Trace CyberTipline referrals to dockets and press releases; writes pairs, clusters,
    /// outcomes, agencies and rejected rows into DIR.
    Trace {
        /// Referrals CSV.
        #[arg(long)]
        referrals: Option<std::path::PathBuf>,
        /// Dockets CSV.
        #[arg(long)]
        dockets: Option<std::path::PathBuf>,
        /// Press releases CSV.
        #[arg(long)]
        press: Option<std::path::PathBuf>,
        /// A directory of press release / court document texts to extract and link as press
        /// releases (one file = one document; ids are file names, prefixed `text:` with --press).
        #[arg(long, value_name = "DIR")]
        press_text: Option<std::path::PathBuf>,
        /// Output directory.
        #[arg(long)]
        out: std::path::PathBuf,
        /// Keep and cluster links at or above this match probability.
        #[arg(long, default_value_t = 0.5)]
        threshold: f64,
        /// Column remapping, e.g. dockets.defendant_name=NAME (repeatable).
        #[arg(long = "map", value_name = "SOURCE.COLUMN=NAME")]
        maps: Vec<String>,
        /// Write an HTML report (outcomes, models, review queues, data quality) here.
        #[arg(long, value_name = "FILE")]
        report: Option<std::path::PathBuf>,
    },
    /// Generate a small synthetic world, trace it and report accuracy.
    Demo {
        /// Where to write the output files (default: a new folder caselink-demo-N here).
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        /// Number of synthetic cases.
        #[arg(long, default_value_t = 2000)]
        cases: usize,
        /// Seed of the synthetic world.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Do not write OUT/report.html.
        #[arg(long)]
        no_report: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ui = Ui { quiet: cli.quiet, verbose: cli.verbose, tty: std::io::IsTerminal::is_terminal(&std::io::stderr()) };
    match run(cli, ui) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli, ui: Ui) -> caselink::Result<ExitCode> {
    match cli.command {
        Command::Normalize { kind, values } => normalize(&kind, values),
        Command::Eval { pairs, clusters, truth, threshold } => {
            eval(pairs.as_deref(), clusters.as_deref(), &truth, threshold)
        }
        Command::Synth { cases, persons, seed, out } => {
            let summary = ui.step("generating", || caselink::synth::generate_to(cases, persons, seed, &out))?;
            ui.info(summary);
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract { files, out, format } => extract(&files, &out, &format),
        Command::Link { spec, left, right, out, threshold, model_out, model, report } => link(
            ui,
            LinkArgs {
                spec: spec.as_deref(),
                left: &left,
                right: right.as_deref(),
                out: &out,
                threshold,
                model_out: model_out.as_deref(),
                model: model.as_deref(),
                report: report.as_deref(),
            },
        ),
        Command::Trace { referrals, dockets, press, press_text, out, threshold, maps, report } => {
            let maps = maps.iter().map(|m| m.parse()).collect::<caselink::Result<Vec<_>>>()?;
            let mut input = ui.step("reading inputs", || {
                trace::TraceInput::read(referrals.as_deref(), dockets.as_deref(), press.as_deref(), &maps)
            })?;
            if let Some(dir) = press_text {
                let prefix = if press.is_some() { "text:" } else { "" };
                let texts =
                    ui.step("extracting press release texts", || caselink::extract::read_press_text_dir(&dir, prefix))?;
                let all = match &input.press_releases {
                    Some(csv) => caselink::extract::append_rows(csv, &texts)?,
                    None => texts,
                };
                input.press_releases = Some(trace::conform(all, trace::Source::PressRelease, &[])?);
            }
            run_trace(ui, &input, threshold, &out, report.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { out, cases, seed, no_report } => demo(ui, out, cases, seed, no_report),
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
    say!("{}", serde_json::to_string_pretty(&json).expect("JSON values serialize"));
    Ok(ExitCode::SUCCESS)
}

struct LinkArgs<'a> {
    spec: Option<&'a std::path::Path>,
    left: &'a std::path::Path,
    right: Option<&'a std::path::Path>,
    out: &'a std::path::Path,
    threshold: f64,
    model_out: Option<&'a std::path::Path>,
    model: Option<&'a std::path::Path>,
    report: Option<&'a std::path::Path>,
}

fn link(ui: Ui, a: LinkArgs<'_>) -> caselink::Result<ExitCode> {
    use caselink::linker::Linker;
    use caselink::spec::LinkageSpec;
    let started = std::time::Instant::now();
    let mut linker = match (a.model, a.spec) {
        (Some(m), _) => Linker::load(m)?,
        (None, Some(s)) => {
            let text = std::fs::read_to_string(s).map_err(|e| caselink::Error::io("read", s, e))?;
            let spec = if s.extension().is_some_and(|e| e == "toml") {
                LinkageSpec::from_toml(&text)?
            } else {
                LinkageSpec::from_json(&text)?
            };
            Linker::new(spec)?
        }
        (None, None) => unreachable!("clap requires --spec or --model"),
    };
    let options = caselink::data::CsvOptions::default().with_id(&linker.spec().unique_id);
    let (left, right) = ui.step("reading inputs", || -> caselink::Result<_> {
        let left = caselink::Dataset::from_csv_path(a.left, &options)?;
        let right = a.right.map(|r| caselink::Dataset::from_csv_path(r, &options)).transpose()?;
        Ok((left, right))
    })?;
    for r in left.rejected.iter().chain(right.iter().flat_map(|d| d.rejected.iter())) {
        ui.info(format_args!("rejected {r}"));
    }
    // The report's weight histogram and review queue need the pairs below the threshold too.
    let floor = if a.report.is_some() { a.threshold.min(REPORT_FLOOR) } else { a.threshold };
    let scored = if a.model.is_none() {
        let (report, scored) =
            ui.step("training by EM and scoring", || linker.train_predict(&left, right.as_ref(), floor))?;
        ui.info(format_args!("trained by EM: {} training passes", report.passes.len()));
        scored
    } else {
        ui.step("scoring candidate pairs", || linker.predict(&left, right.as_ref(), floor))?
    };
    if let Some(m) = a.model_out {
        linker.save(m)?;
    }
    let pred = at_least(&scored, a.threshold);
    let right_ds = right.as_ref().unwrap_or(&left);
    let f = std::fs::File::create(a.out).map_err(|e| caselink::Error::io("create", a.out, e))?;
    ui.step("writing pairs", || pred.write_csv(&left, right_ds, std::io::BufWriter::new(f)))?;
    if let Some(path) = a.report {
        let options = caselink::report::ReportOptions { threshold: a.threshold, ..Default::default() };
        let html = ui.step("writing the report", || {
            caselink::report::link_html_with(&linker, &scored, &left, right_ds, &options)
        });
        caselink::report::write(path, &html)?;
        ui.info(format_args!("report written to {}", path.display()));
    }
    let read = left.len() + left.rejected.len() + right.as_ref().map_or(0, |r| r.len() + r.rejected.len());
    let rejected = left.rejected.len() + right.as_ref().map_or(0, |r| r.rejected.len());
    // Every row read is linked (in some kept pair), unlinked, or rejected: say which, so nothing
    // disappears unnoticed.
    let mut in_pair_left = vec![false; left.len()];
    let mut in_pair_right = vec![false; right.as_ref().map_or(0, |r| r.len())];
    for i in 0..pred.len() {
        in_pair_left[pred.left[i] as usize] = true;
        match right {
            Some(_) => in_pair_right[pred.right[i] as usize] = true,
            None => in_pair_left[pred.right[i] as usize] = true,
        }
    }
    let linked = in_pair_left.iter().chain(&in_pair_right).filter(|x| **x).count();
    let unlinked = left.len() + in_pair_right.len() - linked;
    ui.info(format_args!(
        "{read} records read = {linked} linked + {unlinked} unlinked + {rejected} rejected; \
         {} candidate pairs compared; {} pairs at p >= {} written to {} in {:.2}s",
        pred.pairs_compared,
        pred.len(),
        a.threshold,
        a.out.display(),
        started.elapsed().as_secs_f64()
    ));
    // The process exits next: freeing a million records' strings one by one would only delay it.
    std::mem::forget((left, right, linker, scored, pred));
    Ok(ExitCode::SUCCESS)
}

/// Pairs below this probability are left out of a `link` report (as the trace does).
const REPORT_FLOOR: f64 = 1e-4;

/// The pairs of `p` at or above `threshold`.
fn at_least(p: &caselink::linker::Predictions, threshold: f64) -> caselink::linker::Predictions {
    let keep: Vec<usize> = (0..p.len()).filter(|&i| p.match_probability[i] >= threshold).collect();
    let k = p.comparison_names.len();
    caselink::linker::Predictions {
        left: keep.iter().map(|&i| p.left[i]).collect(),
        right: keep.iter().map(|&i| p.right[i]).collect(),
        match_weight: keep.iter().map(|&i| p.match_weight[i]).collect(),
        match_probability: keep.iter().map(|&i| p.match_probability[i]).collect(),
        levels: keep.iter().flat_map(|&i| p.levels[i * k..(i + 1) * k].iter().copied()).collect(),
        ..p.clone()
    }
}

fn run_trace(
    ui: Ui,
    input: &trace::TraceInput,
    threshold: f64,
    out: &std::path::Path,
    report: Option<&std::path::Path>,
) -> caselink::Result<trace::TraceResult> {
    let result = ui.step("linking and clustering", || trace::trace(input, &trace::TraceOptions { threshold }))?;
    ui.step("writing outputs", || result.write(input, out))?;
    say!("{}", result.summary);
    say!("wrote pairs.csv, clusters.csv, outcomes.csv, agencies.csv, rejected.csv to {}", out.display());
    if let Some(path) = report {
        let options = caselink::report::ReportOptions { threshold, ..Default::default() };
        let html = ui.step("writing the report", || caselink::report::trace_html_with(&result, input, &options));
        caselink::report::write(path, &html)?;
        say!("wrote the report to {}", path.display());
    }
    Ok(result)
}

fn demo(
    ui: Ui,
    out: Option<std::path::PathBuf>,
    cases: usize,
    seed: u64,
    no_report: bool,
) -> caselink::Result<ExitCode> {
    let out = match out {
        Some(o) => o,
        None => (1..)
            .map(|i| std::path::PathBuf::from(format!("caselink-demo-{i}")))
            .find(|p| !p.exists())
            .expect("some folder name is free"),
    };
    say!("caselink demo: a synthetic world of {cases} cases (seed {seed}), traced from referrals to sentences\n");
    let started = std::time::Instant::now();
    let world = ui.step("generating the synthetic world", || caselink::synth::cases(cases, seed));
    world.write(&out.join("input"))?;
    let truth = caselink::eval::Truth::from_dataset(&world.truth)?;
    let input = trace::TraceInput::new(Some(world.referrals), Some(world.dockets), Some(world.press_releases), &[])?;
    let report = (!no_report).then(|| out.join("report.html"));
    let result = run_trace(ui, &input, 0.5, &out, report.as_deref())?;
    say!("\nfirst cases with a public record:");
    result.print_outcomes(8, std::io::stdout()).map_err(|e| caselink::Error::io("write", "<stdout>", e))?;
    let mut labelled = Vec::new();
    for s in trace::Source::ALL {
        if let Some(d) = input.get(s) {
            for (row, &case) in result.case_of[s as usize].iter().enumerate() {
                labelled.push(((s.name().to_owned(), d.id(row).into_owned()), case.to_string()));
            }
        }
    }
    let report = caselink::eval::clusters(&labelled, &truth);
    say!("\naccuracy against the generator's truth (pairs of records placed in the same case):");
    say!("{:<24} {:>9} {:>9} {:>9}", "source pair", "precision", "recall", "f1");
    for ((a, b), c) in &report.pairwise.by_source {
        if a != b {
            say!("{:<24} {:>9.4} {:>9.4} {:>9.4}", format!("{a}-{b}"), c.precision(), c.recall(), c.f1());
        }
    }
    let o = report.pairwise.overall;
    say!("{:<24} {:>9.4} {:>9.4} {:>9.4}", "all pairs", o.precision(), o.recall(), o.f1());
    say!("\ninputs in {}/input, outputs in {} ({:.1}s)", out.display(), out.display(), started.elapsed().as_secs_f64());
    Ok(ExitCode::SUCCESS)
}
