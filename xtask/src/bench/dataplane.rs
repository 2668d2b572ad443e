//! `cargo xtask bench dataplane`: calls through apig-mock's data plane against a trivial axum
//! handler in the same run.
//!
//! apig-mock is the release build (`--speed instant`, a fresh `SQLite` file); the baseline is the
//! release build of `crates/mock/examples/trivial.rs` (one route answering `ok` through
//! `axum::serve`): the most an HTTP/1.1 answer costs here. One gateway gets a group bound to a
//! domain, two MOCK APIs published in RELEASE — `GET /none` with `auth_type: NONE` and
//! `GET /app` with `APP`, its app authorized — and the per-API limit raised to 1,000,000 calls/s
//! through the gateway feature `ratelimit`, so neither the per-API limit nor the debugging
//! domain's 1,000 calls a day shape the figures (the calls carry the bound domain in `Host`).
//! The gateway's edition ceiling stays (Platinum, 10,000 calls/s). Each APP call is signed by
//! the load generator with the app's key (a fresh `X-Sdk-Date` and signature per call).

use std::fs;
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use apig_core::sign::{SignableRequest, format_sdk_date, sign};
use serde_json::{Value, json};

use super::api::{Credential, Mock, Server, TempDir, free_address};
use crate::loadgen::{self, Connection, Load, Measured};
use crate::run::{Failure, Outcome, run};
use crate::setup::Workspace;

/// Client connections (one thread each).
const CONNECTIONS: usize = 8;
const LOAD: Load = Load {
    connections: CONNECTIONS,
    warmup: 50,
    max_operations: 100_000,
    max_duration: Duration::from_secs(4),
};
/// The bound domain the calls use.
pub const DOMAIN: &str = "bench.apig.example";

/// One workload's figures.
struct Figure {
    workload: &'static str,
    measured: Measured,
}

/// Builds and starts both servers, sets the APIs up, measures, prints.
pub fn bench(ws: &Workspace) -> Outcome {
    let mut build = ws.cargo();
    build.args([
        "build",
        "--release",
        "-p",
        "apig-mock",
        "--bin",
        "apig-mock",
        "--example",
        "trivial",
    ]);
    run(
        build,
        "cargo build --release -p apig-mock (server and the trivial example)",
    )?;
    let mock_binary = ws.root.join("target/release/apig-mock");
    let trivial_binary = ws.root.join("target/release/examples/trivial");

    let temp = TempDir::new()?;
    let credential = Credential {
        ak: "AKBENCHDATAPLANE0001".into(),
        sk: "SKBENCHDATAPLANE000000000000000000000001".into(),
        project: format!("{:032x}", 0xda7a_0001_u64),
    };
    let file = temp.path().join("credentials.json");
    let list = json!([{ "access_key": credential.ak, "secret_key": credential.sk, "project_id": credential.project }]);
    fs::write(&file, list.to_string())?;
    let mock_address = free_address()?;
    let mut command = Command::new(&mock_binary);
    command
        .arg("--listen")
        .arg(mock_address.to_string())
        .arg("--data")
        .arg(temp.path().join("apig-mock.sqlite3"))
        .args(["--speed", "instant", "--credentials"])
        .arg(&file);
    let mut mock_server = Server::start("apig-mock", command, temp.path().join("apig-mock.log"))?;
    let trivial_address = free_address()?;
    let mut command = Command::new(&trivial_binary);
    command.arg(trivial_address.to_string());
    let mut trivial = Server::start("trivial axum", command, temp.path().join("trivial.log"))?;
    mock_server.wait_ready(mock_address, "/health")?;
    trivial.wait_ready(trivial_address, "/health")?;

    let mock = Mock::new(mock_address, vec![credential]);
    let app = super::dataplane_setup::prepare(&mock, DOMAIN)
        .map_err(|e| Failure(format!("setting the APIs up: {e}")))?;

    println!("== data plane: {CONNECTIONS} connections (trivial axum, MOCK + NONE, MOCK + APP)");
    let host_headers = |host: &str| vec![("Host".to_owned(), host.to_owned())];
    let figures = [
        Figure {
            workload: "trivial axum handler",
            measured: loadgen::drive(trivial_address, LOAD, |_, c| {
                expect(c.request("GET", "/", &host_headers("127.0.0.1"), &[]), "ok")
            }),
        },
        Figure {
            workload: "MOCK API, auth NONE",
            measured: loadgen::drive(mock_address, LOAD, |_, c| {
                expect(
                    c.request("GET", "/none", &host_headers(DOMAIN), &[]),
                    "none",
                )
            }),
        },
        Figure {
            workload: "MOCK API, auth APP (signed per call)",
            measured: loadgen::drive(mock_address, LOAD, |_, c| app_call(c, &app)),
        },
    ];
    drop(mock_server);
    drop(trivial);
    print(&figures)
}

/// The app's key and secret.
pub struct AppKeys {
    pub key: String,
    pub secret: String,
}

fn app_call(connection: &mut Connection, app: &AppKeys) -> Result<(), String> {
    let mut request = SignableRequest::new("GET", "/app").with_header("Host", DOMAIN);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|e| e.to_string())?;
    let date = format_sdk_date(i64::try_from(now.as_secs()).unwrap_or(i64::MAX))
        .map_err(|e| e.to_string())?;
    sign(&mut request, &app.key, &app.secret, &date).map_err(|e| e.to_string())?;
    expect(
        connection.request("GET", "/app", &request.headers, &[]),
        "app",
    )
}

fn expect(answer: std::io::Result<loadgen::Answer>, body: &str) -> Result<(), String> {
    let answer = answer.map_err(|e| e.to_string())?;
    if answer.status == 200 && answer.text() == body {
        Ok(())
    } else {
        Err(format!(
            "HTTP {} {}",
            answer.status,
            answer.text().chars().take(200).collect::<String>()
        ))
    }
}

fn print(figures: &[Figure]) -> Outcome {
    let baseline = figures[0].measured.rate();
    println!("\n== figures: data plane");
    println!(
        "{:<40}  {:>10}  {:>9}  {:>9}  {:>14}",
        "workload", "calls/s", "p50", "p99", "vs trivial"
    );
    let mut problems = Vec::new();
    for figure in figures {
        let m = &figure.measured;
        if m.errors > 0 || m.latencies.is_empty() {
            problems.push(format!(
                "{}: {} failed, first: {}",
                figure.workload,
                m.errors,
                m.first_error.as_deref().unwrap_or("no call completed")
            ));
        }
        let share = if baseline > 0.0 {
            format!("{:.0} %", m.rate() / baseline * 100.0)
        } else {
            "-".into()
        };
        println!(
            "{:<40}  {:>10}  {:>9}  {:>9}  {:>14}",
            figure.workload,
            super::grouped(rate(m.rate())),
            m.percentile_ms(50.0)
                .map_or_else(|| "-".into(), |v| format!("{v:.2} ms")),
            m.percentile_ms(99.0)
                .map_or_else(|| "-".into(), |v| format!("{v:.2} ms")),
            share,
        );
    }
    println!(
        "  {CONNECTIONS} connections on {CONNECTIONS} threads (xtask's HTTP/1.1 keep-alive load \
         generator) on the same machine; per workload {} warm-up calls per connection, then at \
         most {} calls or {} s",
        LOAD.warmup,
        LOAD.max_operations,
        LOAD.max_duration.as_secs()
    );
    println!(
        "  apig-mock: release, --speed instant, fresh SQLite file, per-request log to a file; \
         the calls go through the bound domain {DOMAIN} (not the debugging domain, whose 1,000 \
         calls a day would stop the run) with the per-API limit raised to 1,000,000/s through \
         the ratelimit feature; the Platinum edition's ceiling of 10,000 calls/s stays"
    );
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure(format!("not measured: {}", problems.join("; "))))
    }
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // rates are small and >= 0
fn rate(value: f64) -> usize {
    value.round() as usize
}

#[allow(dead_code)]
fn _json(_: &Value) {}
