//! The API section of `cargo xtask bench`: apig-mock against moto's server, the same workload on
//! both in the same run.
//!
//! apig-mock is the release build with a fresh `SQLite` file (`--data` in a temporary folder) and
//! `--speed instant`; moto is `moto_server` from `target/bench/moto-venv` (installed by the
//! bench set-up). Both listen on 127.0.0.1 and keep their default per-request log, written to a
//! file. The client is [`crate::loadgen`]: [`CONNECTIONS`] connections, each on its own thread.
//!
//! - **list**: apig-mock `GET /v2/{project}/apigw/instances?limit=20&offset=0`, signed with
//!   `apig_core::sign::sign` (a fresh `X-Sdk-Date` and signature per request), against moto's
//!   `GET /restapis`; both lists hold [`LIST_ITEMS`] entries.
//! - **create + delete**: one cycle is a create and a delete of the thing just created:
//!   apig-mock `POST …/instances` (202) + `DELETE …/instances/{id}` (204), each connection in its
//!   own project (the quota is 5 gateways per account); moto `POST /restapis` +
//!   `DELETE /restapis/{id}`. moto wants only an AWS-style `Authorization` header, which it
//!   does not verify.
//!
//! Goal: apig-mock's throughput at least [`THROUGHPUT_GOAL`] × moto's, for each workload.

use std::fs;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use apig_core::account::ids;
use apig_core::sign::{SignableRequest, format_sdk_date, sign};
use serde_json::{Value, json};

use super::Verdict;
use crate::loadgen::{self, Connection, Load, Measured};
use crate::run::{Failure, Outcome, run};
use crate::setup::{self, MOTO_REQUIREMENT, Workspace};

/// Goal: apig-mock requests/s ÷ moto requests/s, per workload.
pub const THROUGHPUT_GOAL: f64 = 20.0;
/// Client connections (one thread each).
pub const CONNECTIONS: usize = 8;
/// Entries in each server's list during the list workload.
const LIST_ITEMS: usize = 5;
/// How long a server may take to answer its first request.
const START_TIMEOUT: Duration = Duration::from_mins(1);

const LIST_LOAD: Load = Load {
    connections: CONNECTIONS,
    warmup: 50,
    max_operations: 50_000,
    max_duration: Duration::from_secs(5),
};

const CYCLE_LOAD: Load = Load {
    connections: CONNECTIONS,
    warmup: 10,
    max_operations: 20_000,
    max_duration: Duration::from_secs(5),
};

/// A child process killed (and reaped) when dropped.
pub(super) struct Server {
    name: &'static str,
    child: Child,
    log: PathBuf,
}

impl Server {
    pub(super) fn start(name: &'static str, mut command: Command, log: PathBuf) -> Outcome<Self> {
        let file = fs::File::create(&log)?;
        command
            .stdin(Stdio::null())
            .stdout(file.try_clone()?)
            .stderr(file);
        eprintln!("$ {} > {}", crate::run::describe(&command), log.display());
        let child = command
            .spawn()
            .map_err(|e| Failure(format!("could not start {name}: {e}")))?;
        Ok(Self { name, child, log })
    }

    pub(super) fn wait_ready(&mut self, address: SocketAddr, path: &str) -> Outcome {
        let (name, log) = (self.name, self.log.clone());
        let child = &mut self.child;
        loadgen::wait_ready(address, path, START_TIMEOUT, || match child.try_wait() {
            Ok(Some(status)) => Err(format!("exited ({status})")),
            _ => Ok(()),
        })
        .map_err(|reason| {
            let tail = fs::read_to_string(&log).unwrap_or_default();
            let tail: Vec<&str> = tail.lines().rev().take(20).collect();
            Failure(format!(
                "{name} did not start: {reason}\n{}",
                tail.into_iter().rev().collect::<Vec<_>>().join("\n")
            ))
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port that was free a moment ago on 127.0.0.1.
pub(super) fn free_address() -> Outcome<SocketAddr> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?)
}

/// A temporary folder removed when dropped.
pub(super) struct TempDir(PathBuf);

impl TempDir {
    pub(super) fn new() -> Outcome<Self> {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir =
            std::env::temp_dir().join(format!("apig-bench-{}-{nanos:08x}", std::process::id()));
        fs::create_dir_all(&dir)?;
        Ok(Self(dir))
    }
}

impl TempDir {
    pub(super) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// One AK / SK / project triple the bench's apig-mock accepts.
#[derive(Clone)]
pub(super) struct Credential {
    pub(super) ak: String,
    pub(super) sk: String,
    pub(super) project: String,
}

/// Credential 0 lists; credential `1 + w` is connection `w`'s for the create + delete cycles.
pub(super) fn credentials() -> Vec<Credential> {
    (0..=CONNECTIONS)
        .map(|i| Credential {
            ak: format!("AKBENCH{i:013}"),
            sk: format!("SKBENCH{i:033}"),
            project: format!("{:032x}", 0xbe_0000 + i),
        })
        .collect()
}

/// Signed apig-mock calls, the way the SDK signs them.
pub(super) struct Mock {
    address: SocketAddr,
    credentials: Vec<Credential>,
}

impl Mock {
    pub(super) fn new(address: SocketAddr, credentials: Vec<Credential>) -> Self {
        Self {
            address,
            credentials,
        }
    }

    pub(super) fn address(&self) -> SocketAddr {
        self.address
    }

    pub(super) fn credentials(&self) -> &[Credential] {
        &self.credentials
    }

    pub(super) fn call(
        &self,
        connection: &mut Connection,
        credential: &Credential,
        method: &str,
        target: &str,
        body: &[u8],
    ) -> Result<loadgen::Answer, String> {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let mut request = SignableRequest::new(method, path)
            .with_query(query)
            .with_header("Host", self.address.to_string())
            .with_header("Content-Type", "application/json")
            .with_header("X-Project-Id", &credential.project)
            .with_body(body.to_vec());
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_err(|e| e.to_string())?;
        let date = format_sdk_date(i64::try_from(now.as_secs()).unwrap_or(i64::MAX))
            .map_err(|e| e.to_string())?;
        sign(&mut request, &credential.ak, &credential.sk, &date).map_err(|e| e.to_string())?;
        connection
            .request(method, target, &request.headers, body)
            .map_err(|e| format!("{method} {path}: {e}"))
    }

    fn instances(credential: &Credential) -> String {
        format!("/v2/{}/apigw/instances", credential.project)
    }

    pub(super) fn create(
        &self,
        connection: &mut Connection,
        credential: &Credential,
        name: &str,
    ) -> Result<String, String> {
        let body = json!({
            "instance_name": name,
            "spec_id": "BASIC",
            "vpc_id": ids::CN4_VPC_MAIN,
            "subnet_id": ids::CN4_SUBNET_ROOMY,
            "security_group_id": ids::CN4_SG_WEB,
            "available_zone_ids": ["cn-north-4a"],
        })
        .to_string();
        let answer = self.call(
            connection,
            credential,
            "POST",
            &Self::instances(credential),
            body.as_bytes(),
        )?;
        expect(&answer, &[202], "create")?;
        id_of(&answer, "instance_id")
    }

    pub(super) fn delete(
        &self,
        connection: &mut Connection,
        credential: &Credential,
        id: &str,
    ) -> Result<(), String> {
        let target = format!("{}/{id}", Self::instances(credential));
        let answer = self.call(connection, credential, "DELETE", &target, &[])?;
        expect(&answer, &[204], "delete")
    }

    pub(super) fn list(&self, connection: &mut Connection) -> Result<(), String> {
        let credential = &self.credentials[0];
        let target = format!("{}?limit=20&offset=0", Self::instances(credential));
        let answer = self.call(connection, credential, "GET", &target, &[])?;
        expect(&answer, &[200], "list")?;
        count_items(&answer, "instances")
    }
}

/// moto's API Gateway (REST APIs) with an AWS-style `Authorization` header it does not verify.
struct Moto {
    address: SocketAddr,
}

impl Moto {
    fn headers(&self) -> Vec<(String, String)> {
        vec![
            ("Host".into(), self.address.to_string()),
            ("Content-Type".into(), "application/json".into()),
            (
                "Authorization".into(),
                "AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/apigateway/aws4_request, \
                 SignedHeaders=host, Signature=0000"
                    .into(),
            ),
        ]
    }

    fn create(&self, connection: &mut Connection, name: &str) -> Result<String, String> {
        let body = json!({ "name": name }).to_string();
        let answer = connection
            .request("POST", "/restapis", &self.headers(), body.as_bytes())
            .map_err(|e| format!("POST /restapis: {e}"))?;
        expect(&answer, &[200, 201], "create")?;
        id_of(&answer, "id")
    }

    fn delete(&self, connection: &mut Connection, id: &str) -> Result<(), String> {
        let answer = connection
            .request("DELETE", &format!("/restapis/{id}"), &self.headers(), &[])
            .map_err(|e| format!("DELETE /restapis/{id}: {e}"))?;
        expect(&answer, &[200, 202, 204], "delete")
    }

    fn list(&self, connection: &mut Connection) -> Result<(), String> {
        let answer = connection
            .request("GET", "/restapis", &self.headers(), &[])
            .map_err(|e| format!("GET /restapis: {e}"))?;
        expect(&answer, &[200], "list")?;
        count_items(&answer, "item")
    }
}

fn expect(answer: &loadgen::Answer, statuses: &[u16], what: &str) -> Result<(), String> {
    if statuses.contains(&answer.status) {
        Ok(())
    } else {
        let text = answer.text();
        Err(format!(
            "{what}: HTTP {} {}",
            answer.status,
            text.chars().take(200).collect::<String>()
        ))
    }
}

fn id_of(answer: &loadgen::Answer, key: &str) -> Result<String, String> {
    serde_json::from_slice::<Value>(&answer.body)
        .ok()
        .and_then(|v| v[key].as_str().map(str::to_owned))
        .ok_or_else(|| format!("no {key} in {}", answer.text()))
}

/// The list must hold exactly [`LIST_ITEMS`] entries (so both servers answer the same work).
fn count_items(answer: &loadgen::Answer, key: &str) -> Result<(), String> {
    let n = serde_json::from_slice::<Value>(&answer.body)
        .ok()
        .and_then(|v| v[key].as_array().map(Vec::len));
    if n == Some(LIST_ITEMS) {
        Ok(())
    } else {
        Err(format!("list: expected {LIST_ITEMS} entries, got {n:?}"))
    }
}

/// Both figures of one workload.
struct Pair {
    workload: &'static str,
    unit: &'static str,
    mock: Measured,
    moto: Measured,
}

/// What the section measured: one line per workload, and how.
pub struct Figures {
    pub lines: Vec<Line>,
    pub conditions: Vec<String>,
}

/// Builds apig-mock (release), installs moto when missing, runs both workloads on both servers.
pub fn measure(ws: &Workspace) -> Outcome<Figures> {
    let moto_server = setup::ensure_moto_venv(ws)?;
    let mut build = ws.cargo();
    build.args(["build", "--release", "-p", "apig-mock"]);
    run(build, "cargo build --release -p apig-mock")?;
    let mock_binary = ws.root.join("target/release/apig-mock");

    let temp = TempDir::new()?;
    let credentials = credentials();
    let file = temp.0.join("credentials.json");
    let list: Vec<Value> = credentials
        .iter()
        .map(|c| json!({ "access_key": c.ak, "secret_key": c.sk, "project_id": c.project }))
        .collect();
    fs::write(&file, Value::Array(list).to_string())?;

    let mock_address = free_address()?;
    let mut command = Command::new(&mock_binary);
    command
        .arg("--listen")
        .arg(mock_address.to_string())
        .arg("--data")
        .arg(temp.path().join("apig-mock.sqlite3"))
        .args(["--speed", "instant", "--credentials"])
        .arg(&file);
    let mut mock_server = Server::start("apig-mock", command, temp.0.join("apig-mock.log"))?;
    let moto_address = free_address()?;
    let mut command = Command::new(&moto_server);
    command
        .args(["-H", "127.0.0.1", "-p"])
        .arg(moto_address.port().to_string());
    let mut moto_process = Server::start("moto_server", command, temp.0.join("moto.log"))?;
    mock_server.wait_ready(mock_address, "/health")?;
    moto_process.wait_ready(moto_address, "/")?;

    let mock = Mock::new(mock_address, credentials);
    let moto = Moto {
        address: moto_address,
    };
    seed(&mock, &moto)?;

    let names = AtomicUsize::new(0);
    let next_name = || format!("bench-{}", names.fetch_add(1, Ordering::Relaxed));
    println!("== API: signed list calls, {CONNECTIONS} connections (apig-mock, then moto)");
    let list = Pair {
        workload: "list (5 entries)",
        unit: "req/s",
        mock: loadgen::drive(mock_address, LIST_LOAD, |_, c| mock.list(c)),
        moto: loadgen::drive(moto_address, LIST_LOAD, |_, c| moto.list(c)),
    };
    println!("== API: create + delete cycles, {CONNECTIONS} connections (apig-mock, then moto)");
    let cycle = Pair {
        workload: "create + delete cycle",
        unit: "cycles/s",
        mock: loadgen::drive(mock_address, CYCLE_LOAD, |worker, c| {
            let credential = &mock.credentials[1 + worker];
            let id = mock.create(c, credential, &next_name())?;
            mock.delete(c, credential, &id)
        }),
        moto: loadgen::drive(moto_address, CYCLE_LOAD, |_, c| {
            let id = moto.create(c, &next_name())?;
            moto.delete(c, &id)
        }),
    };
    let mock_version = read_version(&mock_binary);
    drop(mock_server);
    drop(moto_process);

    let pairs = [list, cycle];
    let conditions = conditions(&mock_version, &pairs);
    Ok(Figures {
        lines: pairs.iter().map(Line::of).collect(),
        conditions,
    })
}

/// How the figures were taken, printed under the table.
fn conditions(mock_version: &str, pairs: &[Pair]) -> Vec<String> {
    let mut conditions = vec![
        format!(
            "API: {mock_version} (release, --speed instant, fresh SQLite file) vs moto_server \
             ({MOTO_REQUIREMENT}, Werkzeug); both on 127.0.0.1 with their per-request log to a file"
        ),
        format!(
            "API: load generator in xtask (Rust, HTTP/1.1 keep-alive), {CONNECTIONS} connections \
             on {CONNECTIONS} threads on the same machine; per workload and server {} / {} \
             warm-up operations per connection, then at most {} list calls / {} cycles or {} s",
            LIST_LOAD.warmup,
            CYCLE_LOAD.warmup,
            LIST_LOAD.max_operations,
            CYCLE_LOAD.max_operations,
            LIST_LOAD.max_duration.as_secs(),
        ),
        "API: list = apig-mock GET /v2/{project}/apigw/instances?limit=20&offset=0 signed \
         SDK-HMAC-SHA256 per request | moto GET /restapis; cycle = POST + DELETE of the created \
         gateway (apig-mock, one project per connection) | REST API (moto); latency per call / \
         per cycle"
            .into(),
    ];
    for pair in pairs {
        conditions.push(format!(
            "API: {}: {} + {} measured, TCP connections opened: apig-mock {}, moto {} \
             (moto's server closes every connection)",
            pair.workload,
            pair.mock.latencies.len(),
            pair.moto.latencies.len(),
            pair.mock.connections_opened,
            pair.moto.connections_opened,
        ));
    }
    conditions
}

/// [`LIST_ITEMS`] gateways in the listing project of apig-mock, as many REST APIs in moto.
fn seed(mock: &Mock, moto: &Moto) -> Outcome {
    seed_list(mock).map_err(|e| Failure(format!("seeding apig-mock: {e}")))?;
    let mut connection = Connection::new(moto.address);
    for n in 0..LIST_ITEMS {
        moto.create(&mut connection, &format!("listed-{n}"))
            .map_err(|e| Failure(format!("seeding moto: {e}")))?;
    }
    Ok(())
}

/// [`LIST_ITEMS`] gateways in the listing project (credential 0) of apig-mock.
pub(super) fn seed_list(mock: &Mock) -> Result<(), String> {
    let mut connection = Connection::new(mock.address);
    let list_credential = &mock.credentials[0];
    for n in 0..LIST_ITEMS {
        mock.create(&mut connection, list_credential, &format!("listed-{n}"))?;
    }
    Ok(())
}

fn read_version(binary: &Path) -> String {
    crate::run::read_output(binary, &["--version"], Path::new("/"))
        .unwrap_or_else(|| "apig-mock".into())
}

/// One line of the section's table.
pub struct Line {
    workload: &'static str,
    unit: &'static str,
    mock: Option<Stats>,
    moto: Option<Stats>,
    /// apig-mock's rate ÷ moto's, as shown (one decimal).
    ratio: Option<f64>,
    verdict: Verdict,
}

/// Rate and latency percentiles of one server in one workload.
#[derive(Clone, Copy)]
struct Stats {
    rate: f64,
    p50_ms: f64,
    p99_ms: f64,
}

impl Stats {
    fn of(measured: &Measured) -> Option<Self> {
        Some(Self {
            rate: measured.rate(),
            p50_ms: measured.percentile_ms(50.0)?,
            p99_ms: measured.percentile_ms(99.0)?,
        })
    }
}

impl Line {
    fn of(pair: &Pair) -> Self {
        let problems: Vec<String> = [
            failure("apig-mock", &pair.mock),
            failure("moto", &pair.moto),
        ]
        .into_iter()
        .flatten()
        .collect();
        let (mock, moto) = (Stats::of(&pair.mock), Stats::of(&pair.moto));
        let (ratio, verdict) = match (mock, moto) {
            (Some(a), Some(b)) if problems.is_empty() && b.rate > 0.0 => {
                let shown = (a.rate / b.rate * 10.0).round() / 10.0;
                (Some(shown), Verdict::against(shown >= THROUGHPUT_GOAL))
            }
            _ => (
                None,
                Verdict::NotMeasured(if problems.is_empty() {
                    "no rate for moto".into()
                } else {
                    problems.join("; ")
                }),
            ),
        };
        Self {
            workload: pair.workload,
            unit: pair.unit,
            mock,
            moto,
            ratio,
            verdict,
        }
    }

    /// The reason this line could not be measured, if it could not.
    pub fn unmeasured(&self) -> Option<String> {
        match &self.verdict {
            Verdict::NotMeasured(reason) => Some(format!("API {}: {reason}", self.workload)),
            _ => None,
        }
    }
}

/// The failure of a run, if it had any.
fn failure(name: &str, measured: &Measured) -> Option<String> {
    if measured.errors > 0 {
        Some(format!(
            "{name}: {} failed operations, first: {}",
            measured.errors,
            measured.first_error.as_deref().unwrap_or("?")
        ))
    } else if measured.latencies.is_empty() {
        Some(format!("{name}: no operation completed"))
    } else {
        None
    }
}

fn rate(value: f64) -> String {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // rates are small and >= 0
    let whole = value.round() as usize;
    if value >= 100.0 {
        super::grouped(whole)
    } else {
        format!("{value:.1}")
    }
}

/// The table's lines: workload, apig-mock rate, p50, p99, moto rate, p50, p99, ratio, goal, result.
pub fn table(lines: &[Line]) -> Vec<String> {
    let header = [
        "workload",
        "unit",
        "apig-mock",
        "p50",
        "p99",
        "moto",
        "p50",
        "p99",
        "ratio",
        "goal",
        "result",
    ];
    let goal = format!(">= {THROUGHPUT_GOAL:.0}x");
    let mut cells: Vec<Vec<String>> = vec![header.iter().map(|h| (*h).to_owned()).collect()];
    for line in lines {
        let mut row = vec![line.workload.to_owned(), line.unit.to_owned()];
        for stats in [line.mock, line.moto] {
            match stats {
                Some(s) => row.extend([
                    rate(s.rate),
                    format!("{:.2} ms", s.p50_ms),
                    format!("{:.2} ms", s.p99_ms),
                ]),
                None => row.extend(["-".into(), "-".into(), "-".into()]),
            }
        }
        row.push(
            line.ratio
                .map_or_else(|| "-".into(), |r| format!("{r:.1}x")),
        );
        row.push(goal.clone());
        row.push(line.verdict.label().to_owned());
        cells.push(row);
    }
    let columns = header.len();
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out: Vec<String> = cells
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(i, cell)| {
                    // Text columns to the left, figures to the right.
                    if i < 2 || i == columns - 1 {
                        format!("{cell:<width$}", width = widths[i])
                    } else {
                        format!("{cell:>width$}", width = widths[i])
                    }
                })
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_owned()
        })
        .collect();
    for line in lines {
        if let Some(reason) = line.unmeasured() {
            out.push(format!("NOT MEASURED {reason}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(count: usize, each_ms: u64, seconds: u64) -> Measured {
        Measured {
            latencies: vec![Duration::from_millis(each_ms); count],
            elapsed: Duration::from_secs(seconds),
            ..Measured::default()
        }
    }

    fn pair(mock: Measured, moto: Measured) -> Pair {
        Pair {
            workload: "list (5 entries)",
            unit: "req/s",
            mock,
            moto,
        }
    }

    #[test]
    fn compares_throughput_with_the_goal() {
        let met = Line::of(&pair(measured(20_000, 1, 1), measured(1_000, 8, 1)));
        assert_eq!(met.ratio, Some(20.0));
        assert_eq!(met.verdict.label(), "met");
        let missed = Line::of(&pair(measured(19_940, 1, 1), measured(1_000, 8, 1)));
        assert_eq!(missed.ratio, Some(19.9));
        assert_eq!(missed.verdict.label(), "MISSED");
        assert!(missed.unmeasured().is_none());
        let text = table(&[met, missed]).join("\n");
        assert!(text.contains("20,000"), "{text}");
        assert!(text.contains("20.0x"), "{text}");
        assert!(text.contains("MISSED"), "{text}");
    }

    #[test]
    fn errors_make_a_line_unmeasured() {
        let mut broken = measured(10, 8, 1);
        broken.errors = 2;
        broken.first_error = Some("create: HTTP 500".into());
        let line = Line::of(&pair(measured(100, 1, 1), broken));
        assert_eq!(line.verdict.label(), "NOT MEASURED");
        let reason = line.unmeasured().expect("reason");
        assert!(reason.contains("moto: 2 failed operations"), "{reason}");
        let empty = Line::of(&pair(Measured::default(), measured(10, 8, 1)));
        assert!(empty.unmeasured().expect("reason").contains("no operation"));
        assert!(
            table(&[empty])
                .iter()
                .any(|l| l.starts_with("NOT MEASURED"))
        );
    }
}
