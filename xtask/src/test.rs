//! `cargo xtask test`: every test layer in order, stopping at the first that fails.
//!
//! Each layer prints one summary line; the run ends with `N passed, N failed`, counting every
//! test of every layer (a check such as fmt or a build counts as one).

use std::env;
use std::path::{Path, PathBuf};
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
    /// The Terraform replay: one `  ok  <step>` line per step that passed; a
    /// `terraform replay: failed` line is one failed step.
    Replay,
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
    let (builds, dist_sub, dist_b) = release_builds(ws, dist);
    let mut e2e = journeys(ws, dist);
    e2e.env("DIST_SUB", &dist_sub).env("DIST_B", &dist_b);
    // The SDK tests start `target/debug/apig-mock` themselves (tests/sdk/conftest.py builds it
    // with this cargo first), on a free 127.0.0.1 port with an in-memory store.
    let mut sdk = ws.command(ws.root.join("tests/sdk/.venv/bin/python"));
    sdk.args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/sdk"])
        .env(
            "APIG_MOCK_CARGO",
            env::var_os("CARGO").unwrap_or_else(|| "cargo".into()),
        );
    // The Terraform replay starts the same binary (built by the SDK layer before it).
    let mut replay = ws.command(ws.root.join("tests/sdk/.venv/bin/python"));
    replay.arg("tests/terraform/replay.py").env(
        "APIG_MOCK_CARGO",
        env::var_os("CARGO").unwrap_or_else(|| "cargo".into()),
    );
    let mut layers = vec![
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
        Layer {
            name: "Terraform replay (signed HTTP)",
            counting: Counting::Replay,
            command: replay,
        },
        cargo_layer(
            ws,
            "wasm tests (headless Chromium)",
            Counting::CargoTest,
            &["test", "-p", "apig-web", "--target", WASM_TARGET],
        ),
    ];
    layers.extend(builds);
    layers.push(Layer {
        name: "e2e (Playwright, headless Chromium)",
        counting: Counting::NodeTest,
        command: e2e,
    });
    layers
}

/// The release builds, each a `cargo xtask dist` run of this very binary, and the size budget:
/// the root build (A) into `dist`, its budget, the build for a sub-path, and build B of the
/// update journey (another page title and style sheet). Returns the layers and the folders of the last two builds.
fn release_builds(ws: &Workspace, dist: &Path) -> (Vec<Layer>, PathBuf, PathBuf) {
    let xtask = |args: &[&str]| {
        let mut command = ws.command(env::current_exe().unwrap_or_else(|_| "xtask".into()));
        command.args(args);
        command
    };
    let e2e_builds = ws.root.join("target/e2e");
    let dist_sub = e2e_builds.join("dist-apig-console");
    let dist_b = e2e_builds.join("dist-b");
    let page_b = e2e_builds.join("update-b/index.html");
    if let Err(e) = write_page_b(ws, &page_b) {
        eprintln!("cannot write {}: {e}", page_b.display());
    }
    let mut root = xtask(&["dist", "--out"]);
    root.arg(dist);
    let mut budget = xtask(&["size-budget"]);
    budget.arg(dist);
    let mut sub = xtask(&["dist", "--base", SUB_PATH, "--out"]);
    sub.arg(&dist_sub);
    let mut build_b = xtask(&["dist", "--html"]);
    build_b.arg(&page_b).arg("--out").arg(&dist_b);
    let layers = [
        ("release build (cargo xtask dist)", root),
        ("size budget (.wasm, brotli)", budget),
        ("release build for /apig-console/", sub),
        ("release build B (update journey)", build_b),
    ]
    .into_iter()
    .map(|(name, command)| Layer {
        name,
        counting: Counting::Single,
        command,
    })
    .collect();
    (layers, dist_sub, dist_b)
}

/// The sub-path of the journeys on a host without SPA fallback.
const SUB_PATH: &str = "/apig-console/";

/// Build B's mark in the page: the header's brand reads "APIG Console B".
const MARK_B: &str = "\n/* build B of the update journey */\n.brand::after { content: \" B\"; }\n";

/// The page of build B next to its style sheet: `index.html` with another title, and
/// `style/main.css` with [`MARK_B`] (so B's page, `.css` and service worker differ from A's);
/// the other paths (the other style sheets too) made relative to `page`'s folder (three levels below the workspace root).
fn write_page_b(ws: &Workspace, page: &Path) -> std::io::Result<()> {
    let index = std::fs::read_to_string(ws.root.join("index.html"))?;
    let css = std::fs::read_to_string(ws.root.join("style/main.css"))?;
    let up = "../../../";
    let b = index
        .replace(
            "<title>APIG Console</title>",
            "<title>APIG Console (build B)</title>",
        )
        .replace("href=\"style/main.css\"", "href=\"main.css\"")
        .replace("href=\"style/", &format!("href=\"{up}style/"))
        .replace("href=\"crates/", &format!("href=\"{up}crates/"))
        .replace("href=\"static/", &format!("href=\"{up}static/"));
    let folder = page.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    std::fs::write(folder.join("main.css"), css + MARK_B)?;
    std::fs::write(page, b)
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
    let mut replay_line: Option<String> = None;
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
        if matches!(layer.counting, Counting::Replay) {
            replay_line = Some(replay_summary(&captured.output));
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
    println!(
        "{}",
        replay_line.unwrap_or_else(|| "terraform replay: not run".to_owned())
    );
    let passed: usize = results.iter().map(|r| r.passed).sum();
    let failed: usize = results.iter().map(|r| r.failed).sum();
    println!("{passed} passed, {failed} failed");
    if results.iter().all(|r| r.ok) {
        Ok(())
    } else {
        Err(Failure("a test layer failed".into()))
    }
}

/// The summary's replay line: the replay's own last line (`terraform replay: N steps, …`), or
/// what is known when it ended without one.
fn replay_summary(output: &str) -> String {
    output
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with("terraform replay:"))
        .map_or_else(
            || {
                let steps = output
                    .lines()
                    .filter(|l| l.trim_start().starts_with("ok  "))
                    .count();
                format!("terraform replay: ended after {steps} steps without a result")
            },
            str::to_owned,
        )
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
        Counting::Replay => {
            let passed = output
                .lines()
                .filter(|l| l.trim_start().starts_with("ok  "))
                .count();
            let failed = output
                .lines()
                .filter(|l| l.trim_start().starts_with("terraform replay: failed"))
                .count();
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
    fn counts_replay_steps_and_keeps_its_line() {
        let out =
            "  ok  apply (3 ms)\n  ok  refresh (1 ms)\nterraform replay: failed: update: name\n";
        assert_eq!(count(Counting::Replay, out, false), (2, 1));
        assert_eq!(
            replay_summary(out),
            "terraform replay: failed: update: name"
        );
        assert_eq!(
            replay_summary("  ok  apply\n"),
            "terraform replay: ended after 1 steps without a result"
        );
    }

    #[test]
    fn single_check_counts_one() {
        assert_eq!(count(Counting::Single, "", true), (1, 0));
        assert_eq!(count(Counting::Single, "", false), (0, 1));
    }
}
