//! `cargo xtask serve`: the console on trunk's dev server, offline; or, with `--mock`, the
//! release build of the console served by `apig-mock` together with the emulated API.

use std::env;
use std::fs;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

use crate::children;
use crate::loadgen;
use crate::run::{Failure, Outcome, describe, run};
use crate::setup::{self, Needs, Workspace};
use crate::size;

/// The environment variables `apig-mock` (and the official SDKs) read the credentials from.
const ENV_AK: &str = "HUAWEICLOUD_SDK_AK";
const ENV_SK: &str = "HUAWEICLOUD_SDK_SK";
const ENV_PROJECT_ID: &str = "HUAWEICLOUD_SDK_PROJECT_ID";
/// Where `apig-mock` keeps its development triple, next to its database.
const DEV_CREDENTIALS_FILE: &str = "dev-credentials.json";

pub fn serve(ws: &Workspace, args: &[String]) -> Outcome {
    let mut port = None;
    let mut mock = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--port" => {
                port = Some(
                    rest.next()
                        .and_then(|p| p.parse::<u16>().ok())
                        .ok_or_else(|| {
                            Failure("--port needs a port number, e.g. --port 8088".into())
                        })?,
                );
            }
            "--mock" => mock = true,
            other => {
                return Err(Failure(format!(
                    "unknown option `{other}` for serve (known: --port N, --mock)"
                )));
            }
        }
    }
    // Ctrl-C or SIGTERM stops trunk or apig-mock (and any build under way) with xtask.
    children::supervise()?;
    if mock {
        return serve_mock(ws, port.unwrap_or(8090));
    }
    let port = port.unwrap_or(8088).to_string();
    setup::ensure(ws, Needs::Build)?;
    println!("APIG Console: http://127.0.0.1:{port}/  (Ctrl-C stops it)");
    let mut trunk = ws.command(ws.tool("bin/trunk"));
    trunk.args([
        "serve",
        "--offline",
        "--address",
        "127.0.0.1",
        "--port",
        &port,
    ]);
    run(trunk, "trunk serve")
}

/// `serve --mock`: builds the console (release, into `dist/`) and `apig-mock` (release), runs
/// `apig-mock --serve-dist dist/` on 127.0.0.1:`port` with its data in the per-user data
/// directory, and prints the URL and the credentials once it answers.
fn serve_mock(ws: &Workspace, port: u16) -> Outcome {
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    check_free(address)?;
    setup::ensure(ws, Needs::Build)?;
    let dist = ws.root.join("dist");
    size::release_build(ws, &dist)?;
    let mut build = ws.cargo();
    build.args(["build", "--release", "-p", "apig-mock"]);
    run(build, "cargo build --release -p apig-mock")?;

    let data_dir = mock_data_dir();
    let mut mock = ws.command(ws.root.join("target/release/apig-mock"));
    mock.arg("--listen")
        .arg(address.to_string())
        .arg("--data")
        .arg(data_dir.join("apig-mock.sqlite3"))
        .arg("--serve-dist")
        .arg(&dist);
    eprintln!("$ {}", describe(&mock));
    let mut child = children::spawn(&mut mock)
        .map_err(|e| Failure(format!("could not start apig-mock: {e}")))?;
    let ready = loadgen::wait_ready(address, "/health", Duration::from_secs(30), || match child
        .try_wait()
    {
        Ok(Some(status)) => Err(format!("apig-mock exited ({status})")),
        _ => Ok(()),
    });
    if let Err(reason) = ready {
        let _ = child.kill();
        let _ = child.wait();
        return Err(Failure(reason));
    }
    for line in banner(address, &data_dir) {
        println!("{line}");
    }
    let status = children::wait(&mut child)?;
    if status.success() || children::stopping() {
        Ok(())
    } else {
        Err(Failure(format!("apig-mock failed ({status})")))
    }
}

/// Fails early, with a clear message, when something already listens on `address`.
fn check_free(address: SocketAddr) -> Outcome {
    TcpListener::bind(address).map(drop).map_err(|e| {
        Failure(format!(
            "cannot listen on {address} ({e}); is apig-mock already running? \
             Pick another port with --port N"
        ))
    })
}

/// `apig-mock`'s default data directory (`apig_mock::config::default_data_dir`, kept equal):
/// `$XDG_DATA_HOME/apig-mock`, else `$HOME/.local/share/apig-mock`, else `./.apig-mock`.
fn mock_data_dir() -> PathBuf {
    if let Some(xdg) = env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(xdg).join("apig-mock");
    }
    if let Some(home) = env::var_os("HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(home).join(".local/share/apig-mock");
    }
    PathBuf::from(".apig-mock")
}

/// One AK / SK / project triple as the banner shows it.
#[derive(Debug, PartialEq, Eq)]
struct Shown {
    access_key: String,
    secret_key: String,
    project_id: String,
}

/// The credentials `apig-mock` accepts when started without `--credentials`: the three
/// `HUAWEICLOUD_SDK_*` variables when all are set, else the development triple(s) it keeps in
/// its data directory. The source is described for the banner.
fn credentials(data_dir: &Path) -> (Vec<Shown>, String) {
    let read = |name: &str| env::var(name).ok().filter(|v| !v.is_empty());
    if let (Some(access_key), Some(secret_key), Some(project_id)) =
        (read(ENV_AK), read(ENV_SK), read(ENV_PROJECT_ID))
    {
        return (
            vec![Shown {
                access_key,
                secret_key,
                project_id,
            }],
            format!("from the environment ({ENV_AK}, {ENV_SK}, {ENV_PROJECT_ID})"),
        );
    }
    let file = data_dir.join(DEV_CREDENTIALS_FILE);
    let shown = fs::read_to_string(&file)
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .map(|v| parse_credentials(&v))
        .unwrap_or_default();
    (
        shown,
        format!("development triple, kept in {}", file.display()),
    )
}

/// `[{"access_key","secret_key","project_id"}, …]` or a single such object.
fn parse_credentials(value: &Value) -> Vec<Shown> {
    let one = |v: &Value| {
        Some(Shown {
            access_key: v["access_key"].as_str()?.to_owned(),
            secret_key: v["secret_key"].as_str()?.to_owned(),
            project_id: v["project_id"].as_str()?.to_owned(),
        })
    };
    match value {
        Value::Array(list) => list.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    }
}

/// What `serve --mock` prints once apig-mock answers.
fn banner(address: SocketAddr, data_dir: &Path) -> Vec<String> {
    let (shown, source) = credentials(data_dir);
    let mut lines = vec![
        String::new(),
        "================ APIG Console on apig-mock ================".into(),
        format!("  console:     http://{address}/"),
        format!(
            "  API:         http://{address}  (APIG /v2/{{project_id}}/apigw/…, VPC /v1/{{project_id}}/…, admin /_mock/{{project_id}}/…)"
        ),
        format!("  data:        {}", data_dir.display()),
        format!("  credentials: {source}"),
    ];
    if shown.is_empty() {
        lines.push("    (could not read them; apig-mock printed its credentials above)".to_owned());
    }
    for c in &shown {
        lines.push(format!("    AK          {}", c.access_key));
        lines.push(format!("    SK          {}", c.secret_key));
        lines.push(format!("    project ID  {}", c.project_id));
    }
    if let Some(c) = shown.first() {
        lines.push("  For the official SDKs / scripts:".into());
        lines.push(format!(
            "    export {ENV_AK}={} {ENV_SK}={} {ENV_PROJECT_ID}={}",
            c.access_key, c.secret_key, c.project_id
        ));
        lines.push(format!("    endpoint http://{address}"));
    }
    lines.push("  Ctrl-C stops it; the data stays for the next start.".into());
    lines.push("============================================================".into());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_one_or_many_credentials() {
        let one = json!({"access_key": "AK1", "secret_key": "SK1", "project_id": "p1"});
        assert_eq!(
            parse_credentials(&one),
            vec![Shown {
                access_key: "AK1".into(),
                secret_key: "SK1".into(),
                project_id: "p1".into(),
            }]
        );
        let many = json!([one, {"access_key": "AK2", "secret_key": "SK2", "project_id": "p2"},
                          {"access_key": "broken"}]);
        assert_eq!(parse_credentials(&many).len(), 2);
        assert!(parse_credentials(&json!("nope")).is_empty());
    }

    #[test]
    fn the_banner_shows_url_and_the_triple() {
        let dir = std::env::temp_dir().join(format!("xtask-banner-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("dir");
        fs::write(
            dir.join(DEV_CREDENTIALS_FILE),
            r#"[{"access_key":"AKDEV","secret_key":"SKDEV","project_id":"0123"}]"#,
        )
        .expect("write");
        let address = SocketAddr::from(([127, 0, 0, 1], 8090));
        // Only when the environment does not name credentials of its own.
        if env::var_os(ENV_AK).is_none() {
            let text = banner(address, &dir).join("\n");
            assert!(
                text.contains("console:     http://127.0.0.1:8090/"),
                "{text}"
            );
            assert!(text.contains("AK          AKDEV"), "{text}");
            assert!(text.contains("SK          SKDEV"), "{text}");
            assert!(text.contains("project ID  0123"), "{text}");
        }
        let _ = fs::remove_dir_all(&dir);
    }
}
