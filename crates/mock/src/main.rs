//! The `apig-mock` binary: parses flags, opens the store, loads credentials, binds the socket
//! and serves until SIGINT / SIGTERM.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use apig_core::lifecycle::CreationSpeed;
use apig_mock::config::{self, CredentialSource, Credentials};
use apig_mock::serve::{Limits, serve};
use apig_mock::state::{AppState, system_clock};
use apig_mock::store::Store;
use clap::{Parser, ValueEnum};
use tracing_subscriber::EnvFilter;

/// mimalloc instead of the system allocator: a request allocates many small strings (headers,
/// JSON), and glibc's malloc was a quarter of the server's time under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A local emulator of the Huawei Cloud APIG v2 REST API.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8090")]
    listen: SocketAddr,
    /// The `SQLite` file (default: `apig-mock.sqlite3` in the per-user data directory);
    /// `:memory:` keeps everything in memory.
    #[arg(long)]
    data: Option<String>,
    /// A JSON file with `{"access_key","secret_key","project_id"}` or a list of them
    /// (default: `HUAWEICLOUD_SDK_AK` / `_SK` / `_PROJECT_ID`, else a development triple kept in the
    /// data directory).
    #[arg(long, value_name = "FILE")]
    credentials: Option<PathBuf>,
    /// How fast gateways are created (instant, fast = 30 s, realistic = 15 min).
    #[arg(long, value_enum, default_value_t = Speed::Fast)]
    speed: Speed,
    /// Serve the built console from this directory at `/` (with SPA fallback).
    #[arg(long, value_name = "DIR")]
    serve_dist: Option<PathBuf>,
    /// Connections served at once; more wait until one closes.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_connections)]
    max_connections: usize,
    /// Seconds for a request's headers to arrive (also the longest a connection may stay idle).
    #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().header_read_timeout.as_secs())]
    header_timeout: u64,
    /// Seconds to wait for the next chunk of a request body.
    #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().body_timeout.as_secs())]
    body_timeout: u64,
    /// Seconds from a request's headers to its answer.
    #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().request_timeout.as_secs())]
    request_timeout: u64,
}

impl Cli {
    fn limits(&self) -> Limits {
        Limits {
            max_connections: self.max_connections,
            header_read_timeout: Duration::from_secs(self.header_timeout.max(1)),
            body_timeout: Duration::from_secs(self.body_timeout.max(1)),
            request_timeout: Duration::from_secs(self.request_timeout.max(1)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Speed {
    Instant,
    Fast,
    Realistic,
}

impl From<Speed> for CreationSpeed {
    fn from(speed: Speed) -> Self {
        match speed {
            Speed::Instant => Self::Instant,
            Speed::Fast => Self::Fast,
            Speed::Realistic => Self::Realistic,
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("apig-mock: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let data = cli
        .data
        .clone()
        .unwrap_or_else(|| config::default_database().to_string_lossy().into_owned());
    let data_dir = if data == ":memory:" {
        config::default_data_dir()
    } else {
        PathBuf::from(&data)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), PathBuf::from)
    };
    let store = Store::open(&data).map_err(|e| format!("cannot open the store {data}: {e}"))?;
    let (credentials, source) = Credentials::load(cli.credentials.as_deref(), &data_dir)
        .map_err(|e| format!("credentials: {e}"))?;
    if let Some(dist) = &cli.serve_dist
        && !dist.join("index.html").is_file()
    {
        return Err(format!(
            "--serve-dist {}: no index.html there",
            dist.display()
        ));
    }
    let limits = cli.limits();
    let listener = tokio::net::TcpListener::bind(cli.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", cli.listen))?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;
    if let Some(warning) = config::exposure_warning(&address) {
        eprintln!("apig-mock: {warning}");
    }
    announce(
        &address,
        &data,
        &credentials,
        &source,
        cli.serve_dist.is_some(),
    );
    let state = AppState::build(
        store,
        credentials,
        cli.speed.into(),
        system_clock(),
        cli.serve_dist,
    );
    serve(listener, apig_mock::app(state), limits, shutdown_signal()).await;
    Ok(())
}

/// Prints where the emulator listens and which credentials it accepts. A closed or full
/// stdout (a parent that read only the first line) does not stop the server.
fn announce(
    address: &SocketAddr,
    data: &str,
    credentials: &Credentials,
    source: &CredentialSource,
    console: bool,
) {
    use std::fmt::Write as _;
    use std::io::Write as _;
    let mut text = String::new();
    let _ = writeln!(text, "apig-mock listening on http://{address}");
    let _ = writeln!(text, "  data: {data}");
    if console {
        let _ = writeln!(text, "  console: http://{address}/");
    }
    match source {
        CredentialSource::File(path) => {
            let _ = writeln!(text, "  credentials: {}", path.display());
        }
        CredentialSource::Environment => {
            let _ = writeln!(
                text,
                "  credentials: {} / {} / {}",
                config::ENV_AK,
                config::ENV_SK,
                config::ENV_PROJECT_ID
            );
        }
        CredentialSource::Development { path, created } => {
            let _ = writeln!(
                text,
                "  development credentials ({} {}):",
                if *created { "created in" } else { "from" },
                path.display()
            );
            for c in credentials.all() {
                let _ = writeln!(text, "    {}={}", config::ENV_AK, c.access_key);
                let _ = writeln!(text, "    {}={}", config::ENV_SK, c.secret_key);
                let _ = writeln!(text, "    {}={}", config::ENV_PROJECT_ID, c.project_id);
            }
        }
    }
    for c in credentials.all() {
        let _ = writeln!(text, "  project {} (AK {})", c.project_id, c.access_key);
    }
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("apig-mock shutting down");
}
