//! The rest of the engine for Python: trace, synthetic data, evaluation, extraction, clustering.
//!
//! Tables go back to Python as `{column: StringColumn | numpy array}`; the Python package turns
//! them into the caller's frame flavour (Arrow buffers for string columns, numpy for numbers), so
//! no Python object is made per cell on the way out.

use std::collections::HashMap;
use std::path::PathBuf;

use caselink::data::Column;
use caselink::eval;
use caselink::trace::{self as core_trace, ColumnMap, Source, TraceInput, TraceOptions, TraceResult};
use numpy::IntoPyArray;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rayon::prelude::*;

use crate::data::PyDataset;
use crate::errors::IntoPyResult;
use crate::normalize::json_to_py;
use crate::texts::{self, StringColumn, column_of};

fn strings(name: &str, values: impl IntoIterator<Item = Option<String>>) -> StringColumn {
    let mut c = Column::new(name);
    for v in values {
        c.push(v.as_deref());
    }
    StringColumn { inner: c }
}

fn opt_f64(values: impl IntoIterator<Item = Option<f64>>) -> Vec<f64> {
    values.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect()
}

/// Set the columns of `outcomes.csv` after the case id (`status` … `confidence`) on `out`, one
/// value per outcome; numbers as float64 with NaN for none. Shared by the trace and Spark paths.
pub(crate) fn outcome_columns(py: Python<'_>, out: &Bound<'_, PyDict>, o: &[core_trace::Outcome]) -> PyResult<()> {
    let s = |name: &str, f: &dyn Fn(&core_trace::Outcome) -> Option<String>| strings(name, o.iter().map(f));
    out.set_item("status", s("status", &|x| Some(x.status.name().to_owned())))?;
    out.set_item("report_ids", s("report_ids", &|x| Some(x.report_ids.join(";"))))?;
    out.set_item("first_report_date", s("first_report_date", &|x| x.first_report_date.clone()))?;
    out.set_item("recipient_agency", s("recipient_agency", &|x| x.recipient_agency.clone()))?;
    out.set_item("court_id", s("court_id", &|x| x.court_id.clone()))?;
    out.set_item("case_number", s("case_number", &|x| x.case_number.clone()))?;
    out.set_item("defendant_name", s("defendant_name", &|x| x.defendant_name.clone()))?;
    out.set_item("charged_date", s("charged_date", &|x| x.charged_date.clone()))?;
    out.set_item("plea_date", s("plea_date", &|x| x.plea_date.clone()))?;
    out.set_item("sentenced_date", s("sentenced_date", &|x| x.sentenced_date.clone()))?;
    out.set_item("sentence_months", opt_f64(o.iter().map(|x| x.sentence_months.map(f64::from))).into_pyarray(py))?;
    out.set_item("release_ids", s("release_ids", &|x| Some(x.release_ids.join(";"))))?;
    out.set_item(
        "days_report_to_charge",
        opt_f64(o.iter().map(|x| x.days_report_to_charge.map(f64::from))).into_pyarray(py),
    )?;
    out.set_item("confidence", opt_f64(o.iter().map(|x| x.confidence)).into_pyarray(py))?;
    debug_assert!(core_trace::OUTCOME_COLUMNS[1..].iter().all(|c| out.contains(*c).unwrap_or(false)));
    Ok(())
}

/// The result of a trace, kept in Rust; tables are built on request.
#[pyclass(name = "TraceOutput", module = "caselink._caselink", frozen)]
#[derive(Debug)]
pub(crate) struct PyTrace {
    pub(crate) input: TraceInput,
    pub(crate) result: TraceResult,
}

#[pymethods]
impl PyTrace {
    /// The headline numbers and record accounting, as a dict.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = serde_json::to_value(&self.result.summary).map_err(|e| PyValueError::new_err(e.to_string()))?;
        json_to_py(py, &v)
    }

    /// Links accepted into cases (as in pairs.csv): left_source, left_id, right_source,
    /// right_id, match_weight, match_probability.
    fn pairs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let links = &self.result.links;
        let mut cols: [Column; 4] = ["left_source", "left_id", "right_source", "right_id"].map(Column::new);
        let (mut w, mut p) = (Vec::with_capacity(links.len()), Vec::with_capacity(links.len()));
        for lk in links {
            let (Some(ld), Some(rd)) = (self.input.get(lk.left), self.input.get(lk.right)) else { continue };
            cols[0].push(Some(lk.left.name()));
            cols[1].push(Some(&ld.id(lk.left_row as usize)));
            cols[2].push(Some(lk.right.name()));
            cols[3].push(Some(&rd.id(lk.right_row as usize)));
            w.push(lk.match_weight);
            p.push(lk.match_probability);
        }
        let out = PyDict::new(py);
        for c in cols {
            out.set_item(c.name().to_owned(), StringColumn { inner: c })?;
        }
        out.set_item("match_weight", w.into_pyarray(py))?;
        out.set_item("match_probability", p.into_pyarray(py))?;
        Ok(out)
    }

    /// Every accepted record once: record_type, record_id, case_id.
    fn clusters<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let mut cols: [Column; 3] = ["record_type", "record_id", "case_id"].map(Column::new);
        for s in Source::ALL {
            if let Some(d) = self.input.get(s) {
                for (row, &case) in self.result.case_of[s as usize].iter().enumerate() {
                    cols[0].push(Some(s.name()));
                    cols[1].push(Some(&d.id(row)));
                    cols[2].push(Some(&core_trace::case_id(case as usize)));
                }
            }
        }
        let out = PyDict::new(py);
        for c in cols {
            out.set_item(c.name().to_owned(), StringColumn { inner: c })?;
        }
        Ok(out)
    }

    /// One row per case (the columns of `outcomes.csv`; numbers as float64 with NaN for none).
    fn outcomes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let o = &self.result.outcomes;
        let out = PyDict::new(py);
        out.set_item("case_id", strings("case_id", o.iter().map(|x| Some(x.case_id.clone()))))?;
        outcome_columns(py, &out, o)?;
        Ok(out)
    }

    /// Per agency, district and state: referrals and how many reached each stage.
    fn agencies<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let a = &self.result.agencies;
        let out = PyDict::new(py);
        out.set_item("group", strings("group", a.iter().map(|x| Some(x.group.to_owned()))))?;
        out.set_item("name", strings("name", a.iter().map(|x| Some(x.name.clone()))))?;
        out.set_item("referrals", a.iter().map(|x| x.referrals).collect::<Vec<_>>().into_pyarray(py))?;
        out.set_item("linked_to_docket", a.iter().map(|x| x.linked_to_docket).collect::<Vec<_>>().into_pyarray(py))?;
        out.set_item(
            "with_press_release",
            a.iter().map(|x| x.with_press_release).collect::<Vec<_>>().into_pyarray(py),
        )?;
        out.set_item("with_sentencing", a.iter().map(|x| x.with_sentencing).collect::<Vec<_>>().into_pyarray(py))?;
        out.set_item(
            "median_days_report_to_charge",
            opt_f64(a.iter().map(|x| x.median_days_report_to_charge)).into_pyarray(py),
        )?;
        Ok(out)
    }

    /// Rows that could not be used: file (the input's name), line (1-based row), reason.
    fn rejected<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let r = &self.result.rejected;
        let out = PyDict::new(py);
        out.set_item("file", strings("file", r.iter().map(|x| Some(x.file.clone()))))?;
        out.set_item("line", r.iter().map(|x| x.line).collect::<Vec<_>>().into_pyarray(py))?;
        out.set_item("reason", strings("reason", r.iter().map(|x| Some(x.reason.clone()))))?;
        Ok(out)
    }

    /// Write pairs.csv, clusters.csv, outcomes.csv, agencies.csv and rejected.csv into `dir`.
    fn write(&self, py: Python<'_>, dir: PathBuf) -> PyResult<()> {
        py.detach(|| self.result.write(&self.input, &dir)).py_err(py)
    }
}

/// Trace referrals → dockets → press releases (any may be None). `maps` holds
/// `(source, standard column, your column)` triples.
#[pyfunction]
#[pyo3(signature = (referrals = None, dockets = None, press_releases = None, threshold = 0.5, maps = Vec::new()))]
pub(crate) fn trace(
    py: Python<'_>,
    referrals: Option<&Bound<'_, PyDataset>>,
    dockets: Option<&Bound<'_, PyDataset>>,
    press_releases: Option<&Bound<'_, PyDataset>>,
    threshold: f64,
    maps: Vec<(String, String, String)>,
) -> PyResult<PyTrace> {
    let maps: Vec<ColumnMap> = maps
        .into_iter()
        .map(|(source, to, from)| Ok(ColumnMap { source: source.parse().py_err(py)?, to, from }))
        .collect::<PyResult<_>>()?;
    let (r, d, p) =
        (referrals.map(|x| &x.get().inner), dockets.map(|x| &x.get().inner), press_releases.map(|x| &x.get().inner));
    let (input, result) = py
        .detach(|| -> caselink::Result<_> {
            let input = TraceInput::new(r.cloned(), d.cloned(), p.cloned(), &maps)?;
            let result = core_trace::trace(&input, &TraceOptions { threshold })?;
            Ok((input, result))
        })
        .py_err(py)?;
    Ok(PyTrace { input, result })
}

fn datasets<'py>(py: Python<'py>, items: Vec<(&str, caselink::Dataset)>) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    for (k, d) in items {
        out.set_item(k, PyDataset { inner: d })?;
    }
    Ok(out)
}

/// `n` synthetic cases: `{referrals, dockets, press_releases, truth}` as Datasets.
#[pyfunction]
#[pyo3(signature = (n, seed = 0))]
pub(crate) fn synth_cases(py: Python<'_>, n: usize, seed: u64) -> PyResult<Bound<'_, PyDict>> {
    let w = py.detach(|| caselink::synth::cases(n, seed));
    datasets(
        py,
        vec![
            ("referrals", w.referrals),
            ("dockets", w.dockets),
            ("press_releases", w.press_releases),
            ("truth", w.truth),
        ],
    )
}

/// `n` synthetic people with 1–5 records each: `{persons, truth}` as Datasets.
#[pyfunction]
#[pyo3(signature = (n, seed = 0))]
pub(crate) fn synth_persons(py: Python<'_>, n: usize, seed: u64) -> PyResult<Bound<'_, PyDict>> {
    let w = py.detach(|| caselink::synth::persons(n, seed));
    datasets(py, vec![("persons", w.persons), ("truth", w.truth)])
}

/// Score predicted pairs (a `left_id` column) or clusters against a truth table, like
/// `caselink eval`; returns the report as a dict.
#[pyfunction]
#[pyo3(signature = (predicted, truth, threshold = 0.5))]
pub(crate) fn evaluate<'py>(
    py: Python<'py>,
    predicted: &Bound<'py, PyDataset>,
    truth: &Bound<'py, PyDataset>,
    threshold: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let (pred, truth) = (&predicted.get().inner, &truth.get().inner);
    let json = py
        .detach(|| -> caselink::Result<serde_json::Value> {
            let truth = eval::Truth::from_dataset(truth)?;
            Ok(if pred.has_column("left_id") {
                eval::pairwise(&eval::scored_pairs(pred)?, &truth, threshold, None).to_json()
            } else {
                eval::clusters(&eval::labelled_rows(pred)?, &truth).to_json()
            })
        })
        .py_err(py)?;
    json_to_py(py, &json)
}

/// Extract one record per defendant from each text (in parallel, GIL released); returns one
/// list of dicts per text, with ISO dates.
#[pyfunction]
#[pyo3(signature = (texts, reference_date = None))]
pub(crate) fn extract_many<'py>(
    py: Python<'py>,
    texts: Vec<String>,
    reference_date: Option<i32>,
) -> PyResult<Bound<'py, PyList>> {
    let rows: Vec<Vec<serde_json::Value>> = py.detach(|| {
        texts
            .par_iter()
            .map(|t| {
                caselink::extract::extract(t, reference_date)
                    .iter()
                    .map(|r| {
                        let mut v = caselink::extract::to_json_row("", r);
                        if let Some(m) = v.as_object_mut() {
                            m.remove("doc_id");
                        }
                        v
                    })
                    .collect()
            })
            .collect()
    });
    let out = PyList::empty(py);
    for doc in &rows {
        let list = PyList::empty(py);
        for r in doc {
            list.append(json_to_py(py, r)?)?;
        }
        out.append(list)?;
    }
    Ok(out)
}

/// Connected components over links with probability ≥ `threshold`. Records are named by key
/// strings; `records` adds keys that appear in no link (each then forms its own cluster).
/// Returns `(keys, labels)`: every key once, in order of first appearance, and its cluster (0-based).
#[pyfunction]
#[pyo3(signature = (left, right, probability, threshold = 0.5, records = None))]
pub(crate) fn cluster_pairs<'py>(
    py: Python<'py>,
    left: &Bound<'py, PyAny>,
    right: &Bound<'py, PyAny>,
    probability: Vec<f64>,
    threshold: f64,
    records: Option<&Bound<'py, PyAny>>,
) -> PyResult<(StringColumn, Bound<'py, numpy::PyArray1<u32>>)> {
    let (l, r) = (texts::extract(left, "left")?, texts::extract(right, "right")?);
    let extra = records.map(|x| texts::extract(x, "records")).transpose()?;
    let (lv, rv, ev) = (l.views()?, r.views()?, extra.as_ref().map(texts::Texts::views).transpose()?);
    if lv.len() != rv.len() || lv.len() != probability.len() {
        return Err(PyValueError::new_err(format!(
            "left, right and probability must have the same length, got {}, {} and {}",
            lv.len(),
            rv.len(),
            probability.len()
        )));
    }
    let (keys, labels) = py.detach(|| components(&lv, &rv, ev.as_deref(), &probability, threshold));
    Ok((StringColumn { inner: keys }, labels.into_pyarray(py)))
}

fn components<'a>(
    lv: &[Option<&'a str>],
    rv: &[Option<&'a str>],
    extra: Option<&[Option<&'a str>]>,
    probability: &[f64],
    threshold: f64,
) -> (Column, Vec<u32>) {
    let mut index: HashMap<&'a str, u32> = HashMap::new();
    let mut keys: Vec<&'a str> = Vec::new();
    let mut id = |k: Option<&'a str>| -> Option<u32> {
        let k = k?;
        Some(*index.entry(k).or_insert_with(|| {
            keys.push(k);
            (keys.len() - 1) as u32
        }))
    };
    for v in extra.unwrap_or(&[]) {
        id(*v);
    }
    let mut edges = Vec::new();
    for i in 0..lv.len() {
        if let (Some(a), Some(b)) = (id(lv[i]), id(rv[i]))
            && probability[i] >= threshold
        {
            edges.push((a, b));
        }
    }
    let labels = caselink::cluster::connected_components(keys.len(), &edges);
    (column_of("key", keys.iter().map(|k| Some(*k))), labels)
}

/// Register the engine functions and classes on the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyTrace>()?;
    m.add("OUTCOME_COLUMNS", core_trace::OUTCOME_COLUMNS.to_vec())?;
    m.add_function(pyo3::wrap_pyfunction!(trace, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(synth_cases, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(synth_persons, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(pyo3::wrap_pyfunction!(cluster_pairs, m)?)?;
    Ok(())
}
