//! Running child processes: echoing what runs, teeing output while capturing it.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::children;

/// A failure of the workflow, with a message for the person running it.
#[derive(Debug)]
pub struct Failure(pub String);

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Self {
        Failure(error.to_string())
    }
}

/// Shorthand for results of workflow steps.
pub type Outcome<T = ()> = Result<T, Failure>;

/// What a finished command printed and how it exited.
pub struct Captured {
    pub status: ExitStatus,
    pub output: String,
}

impl Captured {
    pub fn success(&self) -> bool {
        self.status.success()
    }
}

/// Describes a command the way a person would type it.
pub fn describe(command: &Command) -> String {
    let mut line = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    line
}

/// Runs `command`, echoing its stdout and stderr as they come, and returns both captured.
pub fn tee(mut command: Command) -> Outcome<Captured> {
    eprintln!("$ {}", describe(&command));
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command
        .spawn()
        .map_err(|e| Failure(format!("could not start `{}`: {e}", describe(&command))))?;
    let buffer = Arc::new(Mutex::new(String::new()));
    let out = child
        .stdout
        .take()
        .map(|s| pump(s, Arc::clone(&buffer), false));
    let err = child
        .stderr
        .take()
        .map(|s| pump(s, Arc::clone(&buffer), true));
    let status = child.wait()?;
    for handle in [out, err].into_iter().flatten() {
        let _ = handle.join();
    }
    let output = buffer.lock().map(|b| b.clone()).unwrap_or_default();
    Ok(Captured { status, output })
}

fn pump(
    stream: impl Read + Send + 'static,
    buffer: Arc<Mutex<String>>,
    to_stderr: bool,
) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        let mut reader = BufReader::new(stream);
        let mut line = Vec::new();
        while reader.read_until(b'\n', &mut line).unwrap_or(0) > 0 {
            let text = String::from_utf8_lossy(&line);
            if to_stderr {
                let _ = std::io::stderr().write_all(text.as_bytes());
            } else {
                let _ = std::io::stdout().write_all(text.as_bytes());
            }
            if let Ok(mut b) = buffer.lock() {
                b.push_str(&text);
            }
            line.clear();
        }
    })
}

/// Runs `command` with inherited output; fails with `what` when it exits non-zero.
pub fn run(mut command: Command, what: &str) -> Outcome {
    eprintln!("$ {}", describe(&command));
    let mut child = children::spawn(&mut command).map_err(|e| {
        Failure(format!(
            "{what}: could not start `{}`: {e}",
            describe(&command)
        ))
    })?;
    let status = children::wait(&mut child)?;
    if status.success() || children::stopping() {
        Ok(())
    } else {
        Err(Failure(format!("{what} failed ({status})")))
    }
}

/// Runs `program args` quietly and returns its trimmed stdout, or `None` when it cannot run or fails.
pub fn read_output(program: impl AsRef<OsStr>, args: &[&str], dir: &Path) -> Option<String> {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}
