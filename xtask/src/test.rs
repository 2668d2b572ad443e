//! `cargo xtask test`: every test layer in order, stopping at the first that fails.
//!
//! Each layer prints one summary line; the run ends with `N passed, N failed`, counting every
//! test of every layer (a check such as fmt or a build counts as one).

use std::env;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::run::{Failure, Outcome, tee};
use crate::setup::{self, Needs, WASM_TARGET, Workspace};

/// The figures one layer produced.
struct LayerResult {
    name: &'static str,
    passed: usize,
    failed: usize,
    ok: bool,
    seconds: f64,
}

/// How a layer's output is turned into counts.
#[derive(Clone, Copy)]
enum Counting {
    /// The whole layer is one check.
    Single,
    /// Sum of cargo's `test result: ... N passed; M failed` lines.
    CargoTest,
    /// node's test runner: `# pass N` / `# fail N`.
    NodeTest,
    /// pytest's final line: `N passed, M failed, K errors in …`.
    Pytest,
}

/// One layer: a name for the summary, how to count, and the command that runs it.
struct Layer {
    name: &'static str,
    counting: Counting,
    command: Command,
}

fn cargo_layer(ws: &Workspace, name: &'static str, counting: Counting, args: &[&str]) -> Layer {
    let mut command = ws.cargo();
    command.args(args);
    Layer {
        name,
        counting,
        command,
    }
}

/// The layers in the order they run: cheapest and most basic first.
///
/// The Leptos crates (`apig-web`, and `minimal-leptos`, the baseline page of `cargo xtask bench`)
/// are only checked for wasm32: compiling Leptos natively as well would add minutes for nothing.
fn layers(ws: &Workspace, dist: &Path) -> Vec<Layer> {
    let trunk = release_build(ws, dist);
    let e2e = journeys(ws, dist);
    // The SDK tests start `target/debug/apig-mock` themselves (tests/sdk/conftest.py builds it
    // with this cargo first), on a free 127.0.0.1 port with an in-memory store.
    let mut sdk = ws.command(ws.root.join("tests/sdk/.venv/bin/python"));
    sdk.args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/sdk"])
        .env(
            "APIG_MOCK_CARGO",
            env::var_os("CARGO").unwrap_or_else(|| "cargo".into()),
        );
    vec![
        cargo_layer(ws, "fmt", Counting::Single, &["fmt", "--all", "--check"]),
        cargo_layer(
            ws,
            "clippy (native)",
            Counting::Single,
            &[
                "clippy",
                "--workspace",
                "--exclude",
                "apig-web",
                "--exclude",
                "minimal-leptos",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ),
        cargo_layer(
            ws,
            "clippy (apig-web, minimal-leptos, wasm32)",
            Counting::Single,
            &[
                "clippy",
                "-p",
                "apig-web",
                "-p",
                "minimal-leptos",
                "--target",
                WASM_TARGET,
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ),
        cargo_layer(
            ws,
            "native tests",
            Counting::CargoTest,
            &[
                "test",
                "--workspace",
                "--exclude",
                "apig-web",
                "--exclude",
                "minimal-leptos",
            ],
        ),
        Layer {
            name: "SDK conformance (Python)",
            counting: Counting::Pytest,
            command: sdk,
        },
        cargo_layer(
            ws,
            "wasm tests (headless Chromium)",
            Counting::CargoTest,
            &["test", "-p", "apig-web", "--target", WASM_TARGET],
        ),
        Layer {
            name: "release build (trunk)",
            counting: Counting::Single,
            command: trunk,
        },
        Layer {
            name: "e2e (Playwright, headless Chromium)",
            counting: Counting::NodeTest,
            command: e2e,
        },
    ]
}

/// The release build of the console into `dist` (trunk, offline).
pub fn release_build(ws: &Workspace, dist: &Path) -> Command {
    let mut trunk = ws.command(ws.tool("bin/trunk"));
    trunk
        .args(["build", "--release", "--offline", "--dist"])
        .arg(dist);
    trunk
}

/// Every e2e journey, one file after another, against the release build in `dist`. The
/// backend-mode journeys start `target/debug/apig-mock`, which must be built first (in `test`,
/// the SDK layer builds it).
pub fn journeys(ws: &Workspace, dist: &Path) -> Command {
    let mut e2e = ws.command("node");
    e2e.args(["--test", "--test-concurrency=1"])
        .current_dir(ws.root.join("tests/e2e"))
        .env("DIST", dist)
        .env("APIG_MOCK_BIN", ws.root.join("target/debug/apig-mock"));
    e2e
}

pub fn test(ws: &Workspace) -> Outcome {
    setup::ensure(ws, Needs::Test)?;
    let layers = layers(ws, &ws.root.join("dist"));
    let names: Vec<&str> = layers.iter().map(|l| l.name).collect();
    let mut results: Vec<LayerResult> = Vec::new();
    let mut parity = [
        ParitySide::new("console", "parity_console_answers_every_scenario"),
        ParitySide::new("apig-mock", "parity_apig_mock_answers_every_scenario"),
    ];
    for layer in layers {
        eprintln!("\n==== {}", layer.name);
        let started = Instant::now();
        let captured = tee(layer.command)?;
        let ok = captured.success();
        for side in &mut parity {
            side.read(&captured.output);
        }
        let (mut passed, mut failed) = count(layer.counting, &captured.output, ok);
        if !ok && failed == 0 {
            // A failure that no test line reports (a compile error, a crash) still counts.
            failed = 1;
            if matches!(layer.counting, Counting::Single) {
                passed = 0;
            }
        }
        results.push(LayerResult {
            name: layer.name,
            passed,
            failed,
            ok,
            seconds: started.elapsed().as_secs_f64(),
        });
        if !ok {
            break;
        }
    }

    println!("\n==== summary");
    for r in &results {
        println!(
            "{:<40} {:<4} {:>4} passed, {:>3} failed  ({:.0} s)",
            r.name,
            if r.ok { "ok" } else { "FAIL" },
            r.passed,
            r.failed,
            r.seconds
        );
    }
    for name in names.iter().skip(results.len()) {
        println!("{name:<40} not run (an earlier layer failed)");
    }
    println!("{}", parity_line(&ws.root, &parity));
    let passed: usize = results.iter().map(|r| r.passed).sum();
    let failed: usize = results.iter().map(|r| r.failed).sum();
    println!("{passed} passed, {failed} failed");
    if results.iter().all(|r| r.ok) {
        Ok(())
    } else {
        Err(Failure("a test layer failed".into()))
    }
}

/// One side of the parity suite: the test that runs the scenario table there, and how it went.
struct ParitySide {
    name: &'static str,
    test: &'static str,
    passed: Option<bool>,
}

impl ParitySide {
    const fn new(name: &'static str, test: &'static str) -> Self {
        Self {
            name,
            test,
            passed: None,
        }
    }

    /// Reads the test's result line (`test NAME ... ok` / `... FAILED`) from a layer's output.
    fn read(&mut self, output: &str) {
        for line in output.lines() {
            let line = line.trim();
            if line.starts_with("test ") && line.contains(self.test) {
                self.passed = Some(line.ends_with(" ok"));
            }
        }
    }
}

/// The summary's parity line: how many scenarios the table has and whether both sides
/// answered each as the table says, e.g. `parity: 74 scenarios × 2 (console, apig-mock): all
/// agree`.
fn parity_line(root: &Path, sides: &[ParitySide]) -> String {
    let table = root.join("tests/parity/scenarios.json");
    let scenarios = std::fs::read_to_string(&table)
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|v| v["scenarios"].as_array().map(Vec::len))
        .map_or_else(
            || "? (the table does not read)".to_owned(),
            |n| n.to_string(),
        );
    let names: Vec<&str> = sides.iter().map(|s| s.name).collect();
    let verdict = if sides.iter().all(|s| s.passed == Some(true)) {
        "all agree".to_owned()
    } else {
        sides
            .iter()
            .map(|s| {
                let how = match s.passed {
                    Some(true) => "as the table says",
                    Some(false) => "FAILED",
                    None => "not run",
                };
                format!("{} {how}", s.name)
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "parity: {scenarios} scenarios × {} ({}): {verdict}",
        sides.len(),
        names.join(", ")
    )
}

fn count(counting: Counting, output: &str, ok: bool) -> (usize, usize) {
    match counting {
        Counting::Single => (usize::from(ok), usize::from(!ok)),
        Counting::CargoTest => {
            let mut passed = 0;
            let mut failed = 0;
            for line in output.lines() {
                if let Some(rest) = line.trim().strip_prefix("test result: ") {
                    passed += number_before(rest, " passed");
                    failed += number_before(rest, " failed");
                }
            }
            (passed, failed)
        }
        Counting::NodeTest => {
            let mut passed = 0;
            let mut failed = 0;
            for line in output.lines() {
                let line = line.trim();
                if let Some(n) = line.strip_prefix("# pass ") {
                    passed += n.trim().parse::<usize>().unwrap_or(0);
                } else if let Some(n) = line.strip_prefix("# fail ") {
                    failed += n.trim().parse::<usize>().unwrap_or(0);
                }
            }
            (passed, failed)
        }
        Counting::Pytest => {
            // The summary is the last line that counts anything, e.g.
            // `3 passed, 1 failed, 2 errors in 4.20s` (errors are failures too).
            let summary = output
                .lines()
                .rev()
                .map(|l| l.trim().trim_matches('=').trim())
                .find(|l| l.contains(" passed") || l.contains(" failed") || l.contains(" error"))
                .unwrap_or_default();
            let passed = number_before(summary, " passed");
            let failed = number_before(summary, " failed") + number_before(summary, " error");
            (passed, failed)
        }
    }
}

/// The number just before `label` in e.g. `ok. 12 passed; 0 failed; ...`.
fn number_before(text: &str, label: &str) -> usize {
    text.find(label)
        .and_then(|end| {
            let head = &text[..end];
            let start = head
                .rfind(|c: char| !c.is_ascii_digit())
                .map_or(0, |i| i + 1);
            head[start..].parse().ok()
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cargo_test_lines() {
        let out = "test result: ok. 12 passed; 0 failed; 0 ignored\n\
                   test result: FAILED. 3 passed; 2 failed; 0 ignored\n";
        assert_eq!(count(Counting::CargoTest, out, false), (15, 2));
    }

    #[test]
    fn counts_node_test_lines() {
        let out = "# tests 5\n# pass 4\n# fail 1\n";
        assert_eq!(count(Counting::NodeTest, out, false), (4, 1));
    }

    #[test]
    fn counts_pytest_summaries() {
        let out = "tests/sdk/test_x.py ..F\n=== 12 passed, 1 failed, 2 errors in 3.21s ===\n";
        assert_eq!(count(Counting::Pytest, out, false), (12, 3));
        assert_eq!(
            count(Counting::Pytest, "....\n4 passed in 0.5s\n", true),
            (4, 0)
        );
        assert_eq!(
            count(Counting::Pytest, "1 passed, 1 error in 2s\n", false),
            (1, 1)
        );
        assert_eq!(
            count(Counting::Pytest, "no tests ran in 0.01s\n", true),
            (0, 0)
        );
    }

    #[test]
    fn parity_sides_read_their_result_lines() {
        let mut console = ParitySide::new("console", "parity_console_answers");
        let mut mock = ParitySide::new("apig-mock", "parity_apig_mock_answers");
        let out = "test parity_console_answers ... ok\ntest parity_apig_mock_answers ... FAILED\n";
        console.read(out);
        mock.read(out);
        assert_eq!((console.passed, mock.passed), (Some(true), Some(false)));
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let line = parity_line(&root, &[console, mock]);
        assert!(line.starts_with("parity: "), "{line}");
        assert!(
            line.ends_with("(console, apig-mock): console as the table says, apig-mock FAILED"),
            "{line}"
        );
        let mut both = ParitySide::new("console", "x");
        both.read("test x ... ok");
        assert!(parity_line(&root, &[both]).ends_with("× 1 (console): all agree"));
    }

    #[test]
    fn single_check_counts_one() {
        assert_eq!(count(Counting::Single, "", true), (1, 0));
        assert_eq!(count(Counting::Single, "", false), (0, 1));
    }
}
