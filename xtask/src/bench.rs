//! `cargo xtask bench`: benchmarks that print figures (never timed tests).
//!
//! 1. apig-core's criterion benchmark (validate + pre-checks).
//! 2. The API ([`api`]): signed list calls and create + delete cycles against apig-mock (release)
//!    and, in the same run, the same workload against moto's server; rates, p50 / p99 and ratios.
//!    `cargo xtask bench api` runs this section alone. Then the data plane ([`dataplane`]):
//!    calls/s and p50 / p99 through a MOCK API with NONE and with APP auth, against a trivial
//!    axum handler in the same run; `cargo xtask bench dataplane` runs it alone.
//! 3. The console's release bundle and its sizes.
//! 4. A minimal Leptos page (`bench/minimal-leptos`), built the same way, as the load baseline.
//! 5. In headless Chromium (`tests/e2e/bench/load-and-keystroke.mjs`): navigation → interactive
//!    form for the console's `/gateways/buy` and the minimal page, and keystroke → check-panel
//!    latency with 50 stored gateways.
//!    Then (`tests/e2e/bench/first-visit.mjs`) the console as a static host serves it: first
//!    visit to the interactive form unthrottled and on an emulated slow network, and a repeat
//!    visit with the service worker.
//!    `cargo xtask bench console` runs sections 3 to 5 alone (no criterion, no API, no moto).
//!
//! `cargo xtask bench scale` ([`scale`]) is separate: how the console's keystroke and list
//! figures and apig-mock's throughput change with 1,000 and 10,000 stored gateways.
//!
//! Goals are compared and printed as `met` or `MISSED`; a missed goal does not fail the run.
//! A figure that could not be measured at all (a page without its hook) does, after the table.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::fixture;
use crate::run::{Failure, Outcome, run};
use crate::setup::{self, Needs, Workspace};
use crate::size::{self, AssetSize};

mod api;
mod dataplane;
mod dataplane_setup;
mod scale;

/// Goal: brotli size of the console's `.wasm`, in bytes (120 KB).
const WASM_BROTLI_GOAL: usize = 120_000;
/// Goal: console load time / minimal page load time.
const LOAD_RATIO_GOAL: f64 = 1.5;
/// Goal: p95 keystroke → check panel painted, in ms (one frame at 60 Hz).
const KEYSTROKE_P95_GOAL_MS: f64 = 16.0;
/// Goal: first visit to the interactive buy form on the slow network, in ms (the "good"
/// largest-contentful-paint threshold).
const SLOW_FIRST_VISIT_GOAL_MS: f64 = 2500.0;
/// Goal: repeat visit with the service worker, in ms.
const REPEAT_VISIT_GOAL_MS: f64 = 150.0;
const VISIT_CONDITIONS: &str = "visits: the dist as a static host serves it (brotli copies, \
     _headers); navigation start -> form#buy-form[data-interactive=true] on /gateways/buy; first \
     visits each in a new context (empty cache, no service worker); slow network = Chrome \
     DevTools Protocol emulation, 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip; repeat visit \
     = a new navigation in the slow context once its service worker controls the page";
/// Stored gateways while typing.
const GATEWAYS: usize = 50;
/// Fresh page loads per page.
const LOADS: usize = 10;
/// Measured keystrokes (after 10 discarded warm-up keystrokes).
const KEYSTROKES: usize = 120;

pub fn bench(ws: &Workspace, args: &[String]) -> Outcome {
    if cfg!(debug_assertions) {
        // The API load generator signs, sends and parses thousands of requests a second on the
        // same cores as the server it measures. Unoptimised it took a third of the machine
        // (sha2 without inlining), which the server then lacked; so the benchmarks always run
        // in a release build of xtask.
        let mut release = ws.cargo();
        release
            .args(["run", "--release", "--quiet", "-p", "xtask", "--", "bench"])
            .args(args);
        return run(release, "cargo xtask bench (release build of xtask)");
    }
    match args.first().map(String::as_str) {
        None => {}
        Some("api") => return api_only(ws),
        Some("dataplane") => return dataplane::bench(ws),
        Some("console") => return console_only(ws),
        Some("scale") => return scale::scale(ws, args.get(1).map(String::as_str)),
        Some(other) => {
            return Err(Failure(format!(
                "unknown argument `{other}` for bench (known: api, console, dataplane, scale)"
            )));
        }
    }
    println!("== apig-core: validate + all pre-checks on the default account (criterion)");
    let mut criterion = ws.cargo();
    criterion.args(["bench", "-p", "apig-core", "--bench", "validate"]);
    run(criterion, "core benchmark")?;

    // Before the console: the API figures need neither the wasm build nor the browser.
    let api = api::measure(ws)?;
    dataplane::bench(ws)?;

    let rows = console(ws)?;
    print_api(&api);
    let unmeasured: Vec<String> = unmeasured(&rows)
        .chain(api.lines.iter().filter_map(api::Line::unmeasured))
        .collect();
    outcome(&unmeasured)
}

/// `cargo xtask bench console`: only the console's sections (bundle sizes, load, keystrokes).
fn console_only(ws: &Workspace) -> Outcome {
    let rows = console(ws)?;
    let unmeasured: Vec<String> = unmeasured(&rows).collect();
    outcome(&unmeasured)
}

/// The figures that could not be taken.
fn unmeasured(rows: &[Row]) -> impl Iterator<Item = String> + '_ {
    rows.iter().filter_map(|r| match &r.verdict {
        Verdict::NotMeasured(_) => Some(r.figure.clone()),
        _ => None,
    })
}

fn outcome(unmeasured: &[String]) -> Outcome {
    if unmeasured.is_empty() {
        Ok(())
    } else {
        Err(Failure(format!(
            "not measured: {} (see the reasons above)",
            unmeasured.join("; ")
        )))
    }
}

/// Sections 3 to 5: the console's release bundle, the minimal page, the browser figures;
/// prints the table and returns its rows.
fn console(ws: &Workspace) -> Outcome<Vec<Row>> {
    setup::ensure(ws, Needs::Test)?;
    println!("== console bundle (release build)");
    let dist = ws.root.join("dist");
    let sizes = size::release_build(ws, &dist)?;
    size::print_sizes(&sizes);

    println!("== minimal Leptos page (release build, same profile and wasm-opt level)");
    let work = ws.root.join("target/bench");
    let minimal_dist = work.join("minimal-leptos");
    let mut trunk = ws.command(ws.tool("bin/trunk"));
    trunk
        .args(["build", "--release", "--offline", "--dist"])
        .arg(&minimal_dist)
        .arg("bench/minimal-leptos/index.html");
    run(trunk, "trunk build --release (minimal Leptos page)")?;
    let minimal_sizes = size::measure(&minimal_dist)?;
    size::print_sizes(&minimal_sizes);

    println!("== browser: load → interactive form, keystroke → check panel (headless Chromium)");
    let fixture_file = work.join(format!("fixture-{GATEWAYS}-gateways.json"));
    fixture::write(&fixture_file, GATEWAYS)?;
    let report_file = work.join("browser.json");
    let _ = fs::remove_file(&report_file);
    let mut node = ws.command("node");
    node.arg("bench/load-and-keystroke.mjs")
        .arg("--console")
        .arg(&dist)
        .arg("--minimal")
        .arg(&minimal_dist)
        .arg("--fixture")
        .arg(&fixture_file)
        .arg("--out")
        .arg(&report_file)
        .args(["--loads", &LOADS.to_string()])
        .args(["--keystrokes", &KEYSTROKES.to_string()])
        .current_dir(ws.root.join("tests/e2e"));
    run(node, "browser benchmark")?;
    let report = read_report(&report_file)?;

    println!(
        "== browser: the console on a static host, first and repeat visits (headless Chromium)"
    );
    let visits_file = work.join("visits.json");
    let _ = fs::remove_file(&visits_file);
    let mut visits = ws.command("node");
    visits
        .arg("bench/first-visit.mjs")
        .arg("--dist")
        .arg(&dist)
        .arg("--out")
        .arg(&visits_file)
        .args(["--loads", &LOADS.to_string()])
        .current_dir(ws.root.join("tests/e2e"));
    run(visits, "first-visit benchmark")?;
    let visits = read_report(&visits_file)?;

    let mut rows = figures(&sizes, &minimal_sizes, &report);
    rows.extend(visit_rows(&visits));
    println!("\n== figures");
    print_table(&rows);
    for line in conditions(&report) {
        println!("  {line}");
    }
    println!("  {VISIT_CONDITIONS}");
    Ok(rows)
}

/// `cargo xtask bench api`: only the API section.
fn api_only(ws: &Workspace) -> Outcome {
    let api = api::measure(ws)?;
    print_api(&api);
    let unmeasured: Vec<String> = api.lines.iter().filter_map(api::Line::unmeasured).collect();
    if unmeasured.is_empty() {
        Ok(())
    } else {
        Err(Failure(format!("not measured: {}", unmeasured.join("; "))))
    }
}

fn print_api(api: &api::Figures) {
    println!(
        "\n== figures: API, apig-mock vs moto (goal: >= {:.0}x moto's throughput)",
        api::THROUGHPUT_GOAL
    );
    for line in api::table(&api.lines) {
        println!("{line}");
    }
    for line in &api.conditions {
        println!("  {line}");
    }
}

fn read_report(path: &Path) -> Outcome<Value> {
    let text = fs::read_to_string(path)
        .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    serde_json::from_str(&text).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

/// How a figure compares to its goal.
enum Verdict {
    /// A figure without a goal.
    Info,
    Met,
    Missed,
    /// The figure could not be taken; the reason.
    NotMeasured(String),
}

impl Verdict {
    fn against(ok: bool) -> Self {
        if ok { Self::Met } else { Self::Missed }
    }

    fn label(&self) -> &'static str {
        match self {
            Self::Info => "",
            Self::Met => "met",
            Self::Missed => "MISSED",
            Self::NotMeasured(_) => "NOT MEASURED",
        }
    }
}

/// One line of the table.
struct Row {
    figure: String,
    value: String,
    goal: String,
    verdict: Verdict,
}

impl Row {
    fn info(figure: impl Into<String>, value: impl Into<String>) -> Self {
        Row {
            figure: figure.into(),
            value: value.into(),
            goal: String::new(),
            verdict: Verdict::Info,
        }
    }

    fn unmeasured(figure: impl Into<String>, goal: impl Into<String>, reason: &str) -> Self {
        Row {
            figure: figure.into(),
            value: "-".into(),
            goal: goal.into(),
            verdict: Verdict::NotMeasured(reason.to_owned()),
        }
    }
}

fn wasm(sizes: &[AssetSize]) -> Option<&AssetSize> {
    sizes.iter().find(|s| {
        Path::new(&s.file)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("wasm"))
    })
}

fn ms(value: f64) -> String {
    format!("{value:.1} ms")
}

fn number(value: &Value, key: &str) -> Option<f64> {
    value.get(key).and_then(Value::as_f64)
}

fn error(value: &Value) -> Option<String> {
    match value.get("error") {
        Some(Value::String(e)) => Some(e.clone()),
        None | Some(Value::Null) => None,
        Some(other) => Some(other.to_string()),
    }
}

/// `1234567` as `1,234,567`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The table: sizes, load times and their ratio, keystroke latency; goals compared.
fn figures(sizes: &[AssetSize], minimal_sizes: &[AssetSize], report: &Value) -> Vec<Row> {
    let mut rows = Vec::new();
    size_rows(&mut rows, sizes, minimal_sizes);
    load_rows(&mut rows, &report["load"]);
    keystroke_rows(&mut rows, &report["keystroke"]);
    rows
}

fn size_rows(rows: &mut Vec<Row>, sizes: &[AssetSize], minimal_sizes: &[AssetSize]) {
    match wasm(sizes) {
        Some(w) => {
            rows.push(Row::info("console .wasm raw", size::kib(w.raw)));
            rows.push(Row::info("console .wasm gzip -9", size::kib(w.gzip)));
            rows.push(Row {
                figure: "console .wasm brotli 11".into(),
                value: format!("{} ({} B)", size::kib(w.brotli), grouped(w.brotli)),
                goal: format!("<= 120 KB ({} B)", grouped(WASM_BROTLI_GOAL)),
                verdict: Verdict::against(w.brotli <= WASM_BROTLI_GOAL),
            });
        }
        None => rows.push(Row::unmeasured(
            "console .wasm",
            "",
            "no .wasm in the console's dist",
        )),
    }
    if let Some(w) = wasm(minimal_sizes) {
        rows.push(Row::info(
            "minimal Leptos .wasm raw / brotli",
            format!("{} / {}", size::kib(w.raw), size::kib(w.brotli)),
        ));
    }
}

fn load_rows(rows: &mut Vec<Row>, load: &Value) {
    let mut medians = [None, None];
    let mut samples_of: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    for (i, (key, label)) in [
        ("console", "console /gateways/buy"),
        ("minimal", "minimal Leptos page"),
    ]
    .into_iter()
    .enumerate()
    {
        let figure = format!("load -> interactive form, {label}");
        let entry = &load[key];
        let samples: Vec<f64> = entry["samples_ms"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default();
        samples_of[i].clone_from(&samples);
        match (error(entry), number(entry, "median_ms")) {
            (None, Some(median)) => {
                medians[i] = Some(median);
                let min = samples.iter().copied().fold(f64::INFINITY, f64::min);
                let max = samples.iter().copied().fold(0.0, f64::max);
                rows.push(Row::info(
                    figure,
                    format!(
                        "{} (median of {}; {min:.0}-{max:.0})",
                        ms(median),
                        samples.len()
                    ),
                ));
            }
            (reason, _) => rows.push(Row::unmeasured(
                figure,
                "",
                &reason.unwrap_or_else(|| "no median in the report".into()),
            )),
        }
    }
    let ratio_figure = "load ratio console / minimal";
    let ratio_goal = format!("<= {LOAD_RATIO_GOAL}");
    match medians {
        [Some(console), Some(minimal)] if minimal > 0.0 => {
            // Compared as shown (two decimals), so `1.50` never reads MISSED.
            let ratio = (console / minimal * 100.0).round() / 100.0;
            rows.push(Row {
                figure: ratio_figure.into(),
                value: format!("{ratio:.2}"),
                goal: ratio_goal,
                verdict: Verdict::against(ratio <= LOAD_RATIO_GOAL),
            });
        }
        _ => rows.push(Row::unmeasured(
            ratio_figure,
            ratio_goal,
            "needs both load figures",
        )),
    }
    if let Some((ratio, pairs)) = paired_ratio(&samples_of[0], &samples_of[1]) {
        rows.push(Row::info(
            "load ratio, median of the pairs (same round)",
            format!("{ratio:.2} ({pairs} pairs)"),
        ));
    }
}

/// The median of console / minimal over the loads of the same round. The two pages load back to
/// back in each round, so a slow spell of a shared machine hits both halves of a pair; the ratio
/// of the two medians (the goal's figure) mixes rounds and swings more from run to run.
fn paired_ratio(console: &[f64], minimal: &[f64]) -> Option<(f64, usize)> {
    if console.is_empty() || console.len() != minimal.len() {
        return None;
    }
    let mut ratios: Vec<f64> = console
        .iter()
        .zip(minimal)
        .filter(|(_, m)| **m > 0.0)
        .map(|(c, m)| c / m)
        .collect();
    if ratios.len() != console.len() {
        return None;
    }
    ratios.sort_by(f64::total_cmp);
    let n = ratios.len();
    let median = if n % 2 == 1 {
        ratios[n / 2]
    } else {
        f64::midpoint(ratios[n / 2 - 1], ratios[n / 2])
    };
    Some((median, n))
}

fn keystroke_rows(rows: &mut Vec<Row>, keys: &Value) {
    let p95_goal = format!("<= {KEYSTROKE_P95_GOAL_MS} ms");
    let figure = |what: &str| format!("keystroke -> check panel {what}");
    if let Some(reason) = error(keys) {
        rows.push(Row::unmeasured(figure("p50 / p95"), p95_goal, &reason));
        return;
    }
    match (
        number(keys, "frame_p50_ms"),
        number(keys, "frame_p95_ms"),
        number(keys, "dom_p50_ms"),
        number(keys, "dom_p95_ms"),
    ) {
        (Some(p50), Some(p95), Some(dom50), Some(dom95)) => {
            rows.push(Row::info(figure("painted, p50"), ms(p50)));
            rows.push(Row {
                figure: figure("painted, p95"),
                value: ms(p95),
                goal: p95_goal,
                verdict: Verdict::against(p95 <= KEYSTROKE_P95_GOAL_MS),
            });
            rows.push(Row::info(
                figure("in DOM, p50 / p95"),
                format!("{} / {}", ms(dom50), ms(dom95)),
            ));
        }
        _ => rows.push(Row::unmeasured(
            figure("p50 / p95"),
            p95_goal,
            "no percentiles in the report",
        )),
    }
}

/// The static-host visits (`tests/e2e/bench/first-visit.mjs`): first visit unthrottled and on
/// the slow network, repeat visit with the service worker.
fn visit_rows(report: &Value) -> Vec<Row> {
    let lines = [
        (
            "first_visit",
            "first visit -> interactive form, unthrottled",
            None,
        ),
        (
            "slow_first_visit",
            "first visit -> interactive form, slow network",
            Some(SLOW_FIRST_VISIT_GOAL_MS),
        ),
        (
            "repeat_visit",
            "repeat visit (service worker) -> interactive form",
            Some(REPEAT_VISIT_GOAL_MS),
        ),
    ];
    lines
        .into_iter()
        .map(|(key, figure, goal)| {
            let goal_text = goal.map(|g| format!("<= {g:.0} ms")).unwrap_or_default();
            let entry = &report[key];
            let samples: Vec<f64> = entry["samples_ms"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_f64).collect())
                .unwrap_or_default();
            match (error(report), number(entry, "median_ms")) {
                (None, Some(median)) => {
                    let min = samples.iter().copied().fold(f64::INFINITY, f64::min);
                    let max = samples.iter().copied().fold(0.0, f64::max);
                    Row {
                        figure: figure.into(),
                        value: format!(
                            "{} (median of {}; {min:.0}-{max:.0})",
                            ms(median),
                            samples.len()
                        ),
                        goal: goal_text,
                        verdict: goal.map_or(Verdict::Info, |g| Verdict::against(median <= g)),
                    }
                }
                (reason, _) => Row::unmeasured(
                    figure,
                    goal_text,
                    &reason.unwrap_or_else(|| "no median in the report".into()),
                ),
            }
        })
        .collect()
}

/// How the browser figures were taken, printed under the table.
fn conditions(report: &Value) -> Vec<String> {
    let keys = &report["keystroke"];
    let count = |key: &str| number(keys, key).unwrap_or(0.0);
    vec![
        format!(
            "browser: headless Chromium {}",
            report["chromium"].as_str().unwrap_or("?")
        ),
        "load: navigation start (performance.timeOrigin) -> form#buy-form[data-interactive=true] \
         in the DOM; each load in a new browser context (cold HTTP cache, empty storage) whose \
         renderer was started on a blank same-origin page; pages alternated, 1 warm-up each"
            .into(),
        format!(
            "keystroke: {} stored gateways (cn-north-4), {} keys into #instance_name ~80 ms apart \
             after 10 warm-up ({} measured, {} missed); keydown (capture) -> #check-panel \
             data-revision changes (in DOM) -> next requestAnimationFrame (painted)",
            count("gateways"),
            count("keystrokes"),
            count("measured"),
            count("missed"),
        ),
    ]
}

fn print_table(rows: &[Row]) {
    let chars = |s: &String| s.chars().count();
    let width = rows.iter().map(|r| chars(&r.figure)).max().unwrap_or(0);
    let value_width = rows.iter().map(|r| chars(&r.value)).max().unwrap_or(0);
    let goal_width = rows
        .iter()
        .map(|r| chars(&r.goal))
        .max()
        .unwrap_or(0)
        .max("goal".len());
    println!(
        "{:<width$}  {:<value_width$}  {:<goal_width$}  result",
        "figure", "value", "goal"
    );
    for r in rows {
        println!(
            "{:<width$}  {:<value_width$}  {:<goal_width$}  {}",
            r.figure,
            r.value,
            r.goal,
            r.verdict.label()
        );
    }
    for r in rows {
        if let Verdict::NotMeasured(reason) = &r.verdict {
            println!("NOT MEASURED {}: {reason}", r.figure);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sizes(brotli: usize) -> Vec<AssetSize> {
        vec![AssetSize {
            file: "app_bg.wasm".into(),
            raw: brotli * 3,
            gzip: brotli * 2,
            brotli,
        }]
    }

    fn verdicts(rows: &[Row]) -> Vec<(&str, &str)> {
        rows.iter()
            .filter(|r| !matches!(r.verdict, Verdict::Info))
            .map(|r| (r.figure.as_str(), r.verdict.label()))
            .collect()
    }

    #[test]
    fn pairs_loads_of_the_same_round() {
        // Round 2 was slow for both pages: the pair's ratio stays 1.5.
        let console = [150.0, 450.0, 160.0];
        let minimal = [100.0, 300.0, 80.0];
        assert_eq!(paired_ratio(&console, &minimal), Some((1.5, 3)));
        assert_eq!(
            paired_ratio(&[150.0, 160.0], &[100.0, 100.0]),
            Some((1.55, 2))
        );
        // A page that stopped early leaves rounds without a pair: no figure.
        assert_eq!(paired_ratio(&[150.0, 160.0], &[100.0]), None);
        assert_eq!(paired_ratio(&[], &[]), None);
    }

    #[test]
    fn compares_the_visits_to_their_goals() {
        let report = json!({
            "error": null,
            "first_visit": { "samples_ms": [300.0, 320.0], "median_ms": 310.0 },
            "slow_first_visit": { "samples_ms": [2400.0, 2700.0], "median_ms": 2550.0 },
            "repeat_visit": { "samples_ms": [100.0, 140.0], "median_ms": 120.0 },
        });
        assert_eq!(
            verdicts(&visit_rows(&report)),
            vec![
                ("first visit -> interactive form, slow network", "MISSED"),
                ("repeat visit (service worker) -> interactive form", "met"),
            ]
        );
        let broken = json!({ "error": "no service worker" });
        assert!(
            visit_rows(&broken)
                .iter()
                .all(|r| matches!(r.verdict, Verdict::NotMeasured(_)))
        );
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(120_000), "120,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn compares_every_goal() {
        let report = json!({
            "load": {
                "console": { "samples_ms": [150.0, 160.0], "median_ms": 155.0, "error": null },
                "minimal": { "samples_ms": [100.0, 110.0], "median_ms": 100.0, "error": null },
            },
            "keystroke": { "error": null, "frame_p50_ms": 5.0, "frame_p95_ms": 17.0,
                           "dom_p50_ms": 3.0, "dom_p95_ms": 4.0 },
        });
        let rows = figures(&sizes(119_000), &sizes(20_000), &report);
        assert_eq!(
            verdicts(&rows),
            vec![
                ("console .wasm brotli 11", "met"),
                ("load ratio console / minimal", "MISSED"),
                ("keystroke -> check panel painted, p95", "MISSED"),
            ]
        );
    }

    #[test]
    fn a_missing_hook_is_not_measured() {
        let report = json!({
            "load": {
                "console": { "samples_ms": [], "median_ms": null, "error": "no #buy-form" },
                "minimal": { "samples_ms": [100.0], "median_ms": 100.0, "error": null },
            },
            "keystroke": { "error": "no #buy-form" },
        });
        let rows = figures(&sizes(130_000), &sizes(20_000), &report);
        assert_eq!(
            verdicts(&rows),
            vec![
                ("console .wasm brotli 11", "MISSED"),
                (
                    "load -> interactive form, console /gateways/buy",
                    "NOT MEASURED"
                ),
                ("load ratio console / minimal", "NOT MEASURED"),
                ("keystroke -> check panel p50 / p95", "NOT MEASURED"),
            ]
        );
    }
}
