//! The report in a real browser: headless Chromium loads it from a file URL, its inline script
//! records script errors and the size of every chart into the DOM, and a screenshot is kept
//! under `target/` (a CI artefact). Skips only when Chromium is absent outside CI.

use std::path::{Path, PathBuf};
use std::process::Command;

use caselink::{report, synth, trace};

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

fn run(browser: &Path, profile: &Path, args: &[&str], url: &str) -> std::process::Output {
    // `timeout` keeps a wedged browser from hanging the test run.
    Command::new("timeout")
        .arg("90")
        .arg(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .output()
        .expect("run chromium")
}

fn body_attr<'a>(dom: &'a str, name: &str) -> Option<&'a str> {
    let body = &dom[dom.find("<body")?..];
    let body = &body[..body.find('>')?];
    let key = format!("{name}=\"");
    let start = body.find(&key)? + key.len();
    Some(&body[start..start + body[start..].find('"')?])
}

#[test]
fn report_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        assert!(std::env::var_os("CI").is_none(), "CI is set but chromium is not installed (.ci/run installs it)");
        eprintln!("SKIPPED: chromium not found on PATH; install Debian's `chromium` to run the browser test");
        return;
    };
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target");
    std::fs::create_dir_all(&target).unwrap();
    let target = target.canonicalize().unwrap();
    let world = synth::cases(400, 5);
    let input =
        trace::TraceInput::new(Some(world.referrals), Some(world.dockets), Some(world.press_releases), &[]).unwrap();
    let result = trace::trace(&input, &trace::TraceOptions::default()).unwrap();
    let page = target.join("report-browser-test.html");
    report::write(&page, &report::trace_html(&result, &input)).unwrap();
    let url = format!("file://{}", page.display());
    let profile = std::env::temp_dir().join(format!("caselink-chromium-{}", std::process::id()));

    let out = run(&browser, &profile, &["--dump-dom"], &url);
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "chromium --dump-dom failed: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(body_attr(&dom, "data-ok"), Some("1"), "the report's script did not finish");
    let errors = body_attr(&dom, "data-errors").unwrap_or("missing").replace("&quot;", "\"");
    assert_eq!(errors, "[]", "script errors");
    let charts: serde_json::Value =
        serde_json::from_str(&body_attr(&dom, "data-charts").expect("chart sizes").replace("&quot;", "\"")).unwrap();
    let charts = charts.as_array().unwrap();
    assert!(charts.len() >= 4 + 3 * 4, "funnel, timing, sentences and per linkage weights, m/u, blocking, waterfalls");
    for c in charts {
        assert!(c["w"].as_f64().unwrap() > 50.0 && c["h"].as_f64().unwrap() > 20.0, "chart with no size: {c}");
    }

    let shot = target.join("report-screenshot.png");
    std::fs::remove_file(&shot).ok();
    let out = run(&browser, &profile, &[&format!("--screenshot={}", shot.display()), "--window-size=1280,2000"], &url);
    assert!(out.status.success(), "chromium --screenshot failed: {}", String::from_utf8_lossy(&out.stderr));
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    // A blank 1280x2000 page compresses to a few kB; a rendered report is far larger.
    assert!(png.len() > 40_000, "screenshot is only {} bytes", png.len());
    std::fs::remove_dir_all(&profile).ok();
}
