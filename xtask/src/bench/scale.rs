//! `cargo xtask bench scale`: how cost grows with the amount of stored work.
//!
//! - **Console** (release build, headless Chromium, `tests/e2e/bench/load-and-keystroke.mjs`):
//!   keystroke → check panel and the gateways list's render, with [`SMALL`] and with [`LARGE`]
//!   gateways stored in `cn-north-4` (bought through the core by [`crate::fixture`], the quota
//!   raised). Goals at [`LARGE`]: keystroke p95 ≤ 16 ms, list render (median) ≤ 100 ms.
//! - **apig-mock** (release, `--speed instant`): the list and create + delete workloads of
//!   `cargo xtask bench api` against two servers started side by side with the same
//!   credentials (the bench's 9 and [`PROJECTS`] more): one whose store holds only the 5 listed
//!   gateways ("empty"), one that also holds [`STORED`] gateways, 5 in each of the [`PROJECTS`]
//!   projects ("full"). The two are measured in turns
//!   ([`ROUNDS`] rounds, each workload on one then the other), so a slow spell of the shared
//!   machine hits both; the figure is each side's median over the rounds. Goal: the full store's
//!   throughput at least [`THROUGHPUT_SHARE_GOAL`] of the empty store's.
//!
//! Missed goals are printed as `MISSED` and do not fail the run; a figure that could not be
//! taken does.

use std::fs;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use serde_json::{Value, json};

use super::api::{self, Credential, Mock, Server, TempDir};
use super::{
    KEYSTROKE_P95_GOAL_MS, KEYSTROKES, Row, Verdict, error, ms, number, outcome, print_table,
    read_report, unmeasured,
};
use crate::fixture;
use crate::loadgen::{self, Connection, Load, Measured};
use crate::run::{Failure, Outcome, run};
use crate::setup::{self, Needs, Workspace};
use crate::size;

/// Stored gateways of the console's baseline figures (those of `cargo xtask bench console`).
const SMALL: usize = super::GATEWAYS;
/// Stored gateways the console's goals are measured at.
const LARGE: usize = 1_000;
/// Goal at [`LARGE`]: median click on "Gateways" → the list's first page painted (its rows,
/// the quota and the total over every stored gateway), in ms.
const LIST_RENDER_GOAL_MS: f64 = 100.0;
/// Measured list renders per gateway count (keystrokes: as many as `bench console`).
const RENDERS: usize = 10;

/// Projects (one credential each) filled in the full store, besides the bench's own.
const PROJECTS: usize = 2_000;
/// The default quota of a project, filled in the full store.
const GATEWAYS_PER_PROJECT: usize = 5;
/// Gateways in the full store's filled projects.
const STORED: usize = PROJECTS * GATEWAYS_PER_PROJECT;
/// Goal: full-store throughput ÷ empty-store throughput, per workload.
const THROUGHPUT_SHARE_GOAL: f64 = 0.8;
/// Alternating measured rounds per workload and store.
const ROUNDS: usize = 3;

const LIST_LOAD: Load = Load {
    connections: api::CONNECTIONS,
    warmup: 20,
    max_operations: 50_000,
    max_duration: Duration::from_secs(3),
};

const CYCLE_LOAD: Load = Load {
    connections: api::CONNECTIONS,
    warmup: 5,
    max_operations: 20_000,
    max_duration: Duration::from_secs(3),
};

/// `part`: `None` for every figure, `console` or `mock` for that side's only.
pub fn scale(ws: &Workspace, part: Option<&str>) -> Outcome {
    let (console, mock) = match part {
        None => (true, true),
        Some("console") => (true, false),
        Some("mock") => (false, true),
        Some(other) => {
            return Err(Failure(format!(
                "unknown argument `{other}` for bench scale (known: console, mock)"
            )));
        }
    };
    let api_rows = if mock { mock_figures(ws)? } else { Vec::new() };
    let console_rows = if console {
        console_figures(ws)?
    } else {
        Vec::new()
    };
    println!("\n== figures: scale");
    let rows: Vec<Row> = console_rows.into_iter().chain(api_rows).collect();
    print_table(&rows);
    if console {
        println!(
            "  console: headless Chromium, release build; gateways bought through the core in \
         cn-north-4 (a /20 subnet added past 82), quota twice the count; keystroke as in \
         `bench console` ({KEYSTROKES} keys); list = click on the side navigation's Gateways \
         link on /gateways/buy -> the list's first page (the first 10 gateways, the default \
         page size, as rows of #gateways-table) with the quota and the pager's total over \
         every stored gateway -> next frame ({RENDERS} renders after 2 warm-up, back to the \
         form in between)"
        );
    }
    if mock {
        println!(
            "  apig-mock: release, --speed instant, a fresh SQLite file each; {PROJECTS} credentials \
         more on both; full store = {STORED} gateways ({GATEWAYS_PER_PROJECT} in each) + the 5 \
         listed, empty store = the 5 listed; {} connections; {ROUNDS} alternating rounds of {} s per workload \
         and store, median rate of the rounds",
            api::CONNECTIONS,
            LIST_LOAD.max_duration.as_secs()
        );
    }
    let missing: Vec<String> = unmeasured(&rows).collect();
    outcome(&missing)
}

// ---- console ----

fn console_figures(ws: &Workspace) -> Outcome<Vec<Row>> {
    setup::ensure(ws, Needs::Test)?;
    println!("== console bundle (release build)");
    let dist = ws.root.join("dist");
    size::release_build(ws, &dist)?;
    let work = ws.root.join("target/bench");
    let mut rows = Vec::new();
    for count in [SMALL, LARGE] {
        println!("== browser: keystroke -> check panel, list render with {count} gateways");
        let fixture_file = work.join(format!("fixture-{count}-gateways.json"));
        fixture::write(&fixture_file, count)?;
        let report_file = work.join(format!("scale-{count}.json"));
        let _ = fs::remove_file(&report_file);
        let mut node = ws.command("node");
        node.arg("bench/load-and-keystroke.mjs")
            .arg("--console")
            .arg(&dist)
            .arg("--fixture")
            .arg(&fixture_file)
            .arg("--out")
            .arg(&report_file)
            .args(["--measure", "keystroke,list"])
            .args(["--keystrokes", &KEYSTROKES.to_string()])
            .args(["--renders", &RENDERS.to_string()])
            .current_dir(ws.root.join("tests/e2e"));
        run(node, "browser benchmark")?;
        let report = read_report(&report_file)?;
        rows.extend(console_rows(count, &report));
    }
    Ok(rows)
}

/// The rows of one gateway count; goals only at [`LARGE`].
fn console_rows(count: usize, report: &Value) -> Vec<Row> {
    let graded = count == LARGE;
    let mut rows = Vec::new();
    let keys = &report["keystroke"];
    let figure = format!("keystroke -> check panel painted p50 / p95, {count} gateways");
    let goal = if graded {
        format!("p95 <= {KEYSTROKE_P95_GOAL_MS} ms")
    } else {
        String::new()
    };
    match (
        error(keys),
        number(keys, "frame_p50_ms"),
        number(keys, "frame_p95_ms"),
    ) {
        (None, Some(p50), Some(p95)) => rows.push(Row {
            figure,
            value: format!("{} / {}", ms(p50), ms(p95)),
            goal,
            verdict: if graded {
                Verdict::against(p95 <= KEYSTROKE_P95_GOAL_MS)
            } else {
                Verdict::Info
            },
        }),
        (reason, _, _) => rows.push(Row::unmeasured(
            figure,
            goal,
            &reason.unwrap_or_else(|| "no percentiles in the report".into()),
        )),
    }
    let list = &report["list"];
    let figure = format!("list render median (p95, max), {count} gateways");
    let goal = if graded {
        format!("median <= {LIST_RENDER_GOAL_MS} ms")
    } else {
        String::new()
    };
    match (
        error(list),
        number(list, "frame_p50_ms"),
        number(list, "frame_p95_ms"),
        number(list, "frame_max_ms"),
    ) {
        (None, Some(median), Some(p95), Some(max)) => rows.push(Row {
            figure,
            value: format!("{} ({}, {})", ms(median), ms(p95), ms(max)),
            goal,
            verdict: if graded {
                Verdict::against(median <= LIST_RENDER_GOAL_MS)
            } else {
                Verdict::Info
            },
        }),
        (reason, ..) => rows.push(Row::unmeasured(
            figure,
            goal,
            &reason.unwrap_or_else(|| "no figures in the report".into()),
        )),
    }
    rows
}

// ---- apig-mock ----

/// The bench's list and cycle credentials, then [`PROJECTS`] to fill.
fn scale_credentials() -> Vec<Credential> {
    let mut credentials = api::credentials();
    credentials.extend((0..PROJECTS).map(|i| Credential {
        ak: format!("AKSCALE{i:013}"),
        sk: format!("SKSCALE{i:033}"),
        project: format!("{:032x}", 0x0005_ca1e_0000 + i),
    }));
    credentials
}

fn mock_figures(ws: &Workspace) -> Outcome<Vec<Row>> {
    let mut build = ws.cargo();
    build.args(["build", "--release", "-p", "apig-mock"]);
    run(build, "cargo build --release -p apig-mock")?;
    let binary = ws.root.join("target/release/apig-mock");
    let temp = TempDir::new()?;
    let credentials = scale_credentials();
    let file = temp.path().join("credentials.json");
    let list: Vec<Value> = credentials
        .iter()
        .map(|c| json!({ "access_key": c.ak, "secret_key": c.sk, "project_id": c.project }))
        .collect();
    fs::write(&file, Value::Array(list).to_string())?;

    let mut servers = Vec::new();
    let mut mocks = Vec::new();
    for name in ["empty", "full"] {
        let address = api::free_address()?;
        let mut command = Command::new(&binary);
        command
            .arg("--listen")
            .arg(address.to_string())
            .arg("--data")
            .arg(temp.path().join(format!("{name}.sqlite3")))
            .args(["--speed", "instant", "--credentials"])
            .arg(&file);
        let mut server = Server::start(
            "apig-mock",
            command,
            temp.path().join(format!("{name}.log")),
        )?;
        server.wait_ready(address, "/health")?;
        servers.push(server);
        mocks.push(Mock::new(address, credentials.clone()));
    }
    let (empty, full) = (&mocks[0], &mocks[1]);
    println!("== apig-mock: seeding the full store with {STORED} gateways in {PROJECTS} projects");
    let started = std::time::Instant::now();
    api::seed_list(empty).map_err(|e| Failure(format!("seeding the empty store: {e}")))?;
    seed_full(full)?;
    println!("   seeded in {:.1} s", started.elapsed().as_secs_f64());

    let names = AtomicUsize::new(0);
    let next_name = || format!("cycle-{}", names.fetch_add(1, Ordering::Relaxed));
    let mut list = [Vec::new(), Vec::new()];
    let mut cycle = [Vec::new(), Vec::new()];
    for round in 1..=ROUNDS {
        println!("== apig-mock: round {round} of {ROUNDS} (list, then create + delete)");
        // Alternate which store goes first, so drift within a round evens out.
        let order = if round % 2 == 1 { [0, 1] } else { [1, 0] };
        for side in order {
            let mock = &mocks[side];
            list[side].push(loadgen::drive(mock.address(), LIST_LOAD, |_, c| {
                mock.list(c)
            }));
        }
        for side in order {
            let mock = &mocks[side];
            cycle[side].push(loadgen::drive(mock.address(), CYCLE_LOAD, |worker, c| {
                let credential = &mock.credentials()[1 + worker];
                let id = mock.create(c, credential, &next_name())?;
                mock.delete(c, credential, &id)
            }));
        }
    }
    drop(servers);
    Ok(vec![
        share_row("apig-mock list (5 entries), req/s", &list),
        share_row("apig-mock create + delete, cycles/s", &cycle),
    ])
}

/// The listed 5, then [`GATEWAYS_PER_PROJECT`] gateways in each of the [`PROJECTS`] projects
/// after the bench's own, on [`api::CONNECTIONS`] connections.
fn seed_full(mock: &Mock) -> Outcome {
    api::seed_list(mock).map_err(|e| Failure(format!("seeding the full store: {e}")))?;
    let fillers: Vec<&Credential> = mock
        .credentials()
        .iter()
        .skip(1 + api::CONNECTIONS)
        .collect();
    let failures: Vec<String> = thread::scope(|scope| {
        let handles: Vec<_> = (0..api::CONNECTIONS)
            .map(|worker| {
                let mine: Vec<&Credential> = fillers
                    .iter()
                    .copied()
                    .skip(worker)
                    .step_by(api::CONNECTIONS)
                    .collect();
                scope.spawn(move || -> Result<(), String> {
                    let mut connection = Connection::new(mock.address());
                    for credential in mine {
                        for n in 0..GATEWAYS_PER_PROJECT {
                            mock.create(&mut connection, credential, &format!("stored-{n}"))?;
                        }
                    }
                    Ok(())
                })
            })
            .collect();
        handles
            .into_iter()
            .filter_map(|h| match h.join() {
                Ok(Ok(())) => None,
                Ok(Err(e)) => Some(e),
                Err(_) => Some("a seeding thread panicked".into()),
            })
            .collect()
    });
    if let Some(first) = failures.first() {
        return Err(Failure(format!("seeding the full store: {first}")));
    }
    Ok(())
}

/// The median rate of the rounds of one side, and the merged latencies' p99.
fn summary(runs: &[Measured]) -> Result<(f64, f64), String> {
    if let Some(broken) = runs.iter().find(|m| m.errors > 0) {
        return Err(format!(
            "{} failed operations, first: {}",
            broken.errors,
            broken.first_error.as_deref().unwrap_or("?")
        ));
    }
    let mut rates: Vec<f64> = runs.iter().map(Measured::rate).collect();
    if rates.is_empty() || rates.iter().any(|r| *r <= 0.0) {
        return Err("a round completed no operation".into());
    }
    rates.sort_by(f64::total_cmp);
    let median = rates[rates.len() / 2];
    let merged = Measured {
        latencies: runs.iter().flat_map(|m| m.latencies.clone()).collect(),
        ..Measured::default()
    };
    Ok((median, merged.percentile_ms(99.0).unwrap_or(0.0)))
}

fn share_row(figure: &str, runs: &[Vec<Measured>; 2]) -> Row {
    let goal = format!("full >= {:.0} % of empty", THROUGHPUT_SHARE_GOAL * 100.0);
    match (summary(&runs[0]), summary(&runs[1])) {
        (Ok((empty, empty_p99)), Ok((full, full_p99))) => {
            // Compared as shown (whole percent).
            let share = (full / empty * 100.0).round() / 100.0;
            Row {
                figure: format!("{figure}, empty store -> {STORED} stored"),
                value: format!(
                    "{} -> {} ({:.0} %; p99 {} -> {})",
                    rate(empty),
                    rate(full),
                    share * 100.0,
                    ms(empty_p99),
                    ms(full_p99)
                ),
                goal,
                verdict: Verdict::against(share >= THROUGHPUT_SHARE_GOAL),
            }
        }
        (empty, full) => {
            let reason = [("empty", empty.err()), ("full", full.err())]
                .into_iter()
                .filter_map(|(side, e)| e.map(|e| format!("{side} store: {e}")))
                .collect::<Vec<_>>()
                .join("; ");
            Row::unmeasured(figure, goal, &reason)
        }
    }
}

fn rate(value: f64) -> String {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // rates are small and >= 0
    let whole = value.round() as usize;
    super::grouped(whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(count: usize, seconds: u64) -> Measured {
        Measured {
            latencies: vec![Duration::from_millis(1); count],
            elapsed: Duration::from_secs(seconds),
            ..Measured::default()
        }
    }

    #[test]
    fn two_thousand_projects_to_fill_besides_the_benchs_own() {
        let credentials = scale_credentials();
        assert_eq!(credentials.len(), 1 + api::CONNECTIONS + 2_000);
        let mut projects: Vec<&str> = credentials.iter().map(|c| c.project.as_str()).collect();
        projects.sort_unstable();
        projects.dedup();
        assert_eq!(projects.len(), credentials.len());
        let mut keys: Vec<&str> = credentials.iter().map(|c| c.ak.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), credentials.len());
        assert_eq!(STORED, 10_000);
    }

    #[test]
    fn the_share_compares_medians_with_the_goal() {
        let empty = vec![measured(1_000, 1), measured(900, 1), measured(1_100, 1)];
        let met = share_row(
            "list",
            &[
                empty,
                vec![measured(800, 1), measured(800, 1), measured(800, 1)],
            ],
        );
        assert_eq!(met.verdict.label(), "met");
        assert!(met.value.contains("1,000 -> 800 (80 %"), "{}", met.value);
        let slow = vec![measured(790, 1), measured(2_000, 1), measured(100, 1)];
        let missed = share_row(
            "list",
            &[
                vec![measured(1_000, 1), measured(1_000, 1), measured(1_000, 1)],
                slow,
            ],
        );
        assert_eq!(missed.verdict.label(), "MISSED");
        let mut broken = measured(10, 1);
        broken.errors = 1;
        broken.first_error = Some("create: HTTP 500".into());
        let row = share_row("list", &[vec![measured(1_000, 1)], vec![broken]]);
        assert_eq!(row.verdict.label(), "NOT MEASURED");
    }

    #[test]
    fn goals_apply_to_the_large_count_only() {
        let report = json!({
            "keystroke": { "error": null, "frame_p50_ms": 5.0, "frame_p95_ms": 17.0 },
            "list": { "error": null, "frame_p50_ms": 90.0, "frame_p95_ms": 120.0, "frame_max_ms": 130.0 },
        });
        let small: Vec<&str> = console_rows(SMALL, &report)
            .iter()
            .map(|r| r.verdict.label())
            .collect();
        assert_eq!(small, ["", ""]);
        let large: Vec<&str> = console_rows(LARGE, &report)
            .iter()
            .map(|r| r.verdict.label())
            .collect();
        assert_eq!(large, ["MISSED", "met"]);
        let broken =
            json!({ "keystroke": { "error": "no #buy-form" }, "list": { "error": "no rows" } });
        let labels: Vec<&str> = console_rows(LARGE, &broken)
            .iter()
            .map(|r| r.verdict.label())
            .collect();
        assert_eq!(labels, ["NOT MEASURED", "NOT MEASURED"]);
    }
}
