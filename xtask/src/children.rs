//! Child processes that stop with `cargo xtask serve`.
//!
//! Once [`supervise`] has run, every child started through [`spawn`] gets its own process group,
//! and SIGINT (Ctrl-C), SIGTERM or SIGHUP to xtask is passed on as SIGTERM to each group: trunk
//! and whatever it started (cargo, wasm-bindgen, wasm-opt), or apig-mock, stop with xtask.
//! Groups that are still there after [`GRACE`] get SIGKILL, then xtask exits. Without
//! `supervise` (every other workflow) children stay in xtask's group, where a terminal's
//! Ctrl-C reaches them directly.

use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::run::{Failure, Outcome};

/// How long the children get to stop after SIGTERM.
const GRACE: Duration = Duration::from_secs(5);

static SUPERVISED: AtomicBool = AtomicBool::new(false);
static STOPPING: AtomicBool = AtomicBool::new(false);
/// Process group ids (= the leader's pid) of the running children.
static GROUPS: Mutex<Vec<u32>> = Mutex::new(Vec::new());

/// Passes SIGINT, SIGTERM and SIGHUP on to the children from now on.
pub fn supervise() -> Outcome {
    if SUPERVISED.swap(true, Ordering::SeqCst) {
        return Ok(());
    }
    let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP])
        .map_err(|e| Failure(format!("cannot handle signals: {e}")))?;
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            STOPPING.store(true, Ordering::SeqCst);
            eprintln!("\nstopping (signal {signal}) …");
            signal_groups("TERM");
            let deadline = Instant::now() + GRACE;
            while Instant::now() < deadline && !groups().is_empty() {
                thread::sleep(Duration::from_millis(50));
            }
            signal_groups("KILL");
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// Whether a signal asked xtask to stop (a child that then exits did so on request).
pub fn stopping() -> bool {
    STOPPING.load(Ordering::SeqCst)
}

/// Starts `command`, in a process group of its own when supervised.
pub fn spawn(command: &mut Command) -> std::io::Result<Child> {
    if !SUPERVISED.load(Ordering::SeqCst) {
        return command.spawn();
    }
    command.process_group(0);
    let child = command.spawn()?;
    if let Ok(mut groups) = GROUPS.lock() {
        groups.push(child.id());
    }
    Ok(child)
}

/// Waits for a child started by [`spawn`] and forgets its group.
pub fn wait(child: &mut Child) -> std::io::Result<ExitStatus> {
    let status = child.wait();
    let id = child.id();
    if let Ok(mut groups) = GROUPS.lock() {
        groups.retain(|g| *g != id);
    }
    status
}

fn groups() -> Vec<u32> {
    GROUPS.lock().map(|g| g.clone()).unwrap_or_default()
}

/// `kill -SIGNAL -- -GROUP` for every running child's group (the group, so that what the child
/// started stops too).
fn signal_groups(signal: &str) {
    for group in groups() {
        let _ = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg("--")
            .arg(format!("-{group}"))
            .status();
    }
}
