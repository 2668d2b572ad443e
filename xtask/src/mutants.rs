//! `cargo xtask mutants [MODULE…] [--timeout SECONDS]`: how strong the core's tests are, measured
//! with cargo-mutants on the rule modules, one module after another.
//!
//! Not a test layer: a module takes from minutes to an hour. Each run builds and tests one
//! mutant at a time (`--jobs 1`), in cargo-mutants' copy of the workspace but with this
//! workspace's `target/` (`CARGO_TARGET_DIR`), so the dependencies are not built again. Each
//! mutant runs the test targets of apig-core that exercise its module ([`MODULES`]), not the
//! whole suite: a mutant caught by them is caught by the suite, so the share is a lower bound,
//! and a mutant costs a fraction of the time. Results go to `target/mutants/<module>/mutants.out/`. The summary gives,
//! per module, the caught share of the viable mutants (caught + timed out + missed; a mutant
//! that does not build is unviable) against the goal of [`GOAL`], and names every survivor.

use std::fs;
use std::path::Path;
use std::time::Instant;

use serde_json::Value;

use crate::run::{Failure, Outcome, tee};
use crate::setup::{self, Workspace};

/// The rule modules of `crates/core/src`, in the order they run by default, with the test
/// targets of apig-core that exercise each (`lib` = the unit tests in `src/`).
pub const MODULES: [(&str, &[&str]); 5] = [
    ("precheck", &["domain_precheck", "domain_validate"]),
    (
        "validate",
        &[
            "domain_validate",
            "domain_update",
            "domain_plan",
            "domain_props",
        ],
    ),
    (
        "network_change",
        &["lib", "domain_network", "domain_update"],
    ),
    (
        "lifecycle",
        &["lib", "domain_lifecycle", "domain_plan", "domain_update"],
    ),
    (
        "sign",
        &["lib", "sign_vectors", "sign_verify", "sign_props"],
    ),
];
/// Goal: caught ÷ viable mutants, per module.
const GOAL: f64 = 0.9;
/// Default limit for one mutant's test run, in seconds (the suite takes about 10 s unmutated).
const DEFAULT_TIMEOUT_SECONDS: u32 = 120;

const USAGE: &str = "usage: cargo xtask mutants [MODULE...] [--timeout SECONDS]
modules: precheck, validate, network_change, lifecycle, sign (default: all, in that order)";

/// One module's figures.
#[derive(Debug, Default, PartialEq, Eq)]
struct Tally {
    caught: usize,
    timeout: usize,
    missed: usize,
    unviable: usize,
}

impl Tally {
    fn viable(&self) -> usize {
        self.caught + self.timeout + self.missed
    }

    /// Caught (timeouts included) ÷ viable; `None` without viable mutants.
    fn share(&self) -> Option<f64> {
        let viable = self.viable();
        #[allow(clippy::cast_precision_loss)] // counts far below 2^52
        (viable > 0).then(|| (self.caught + self.timeout) as f64 / viable as f64)
    }
}

pub fn mutants(ws: &Workspace, args: &[String]) -> Outcome {
    let (modules, timeout) = parse_args(args)?;
    setup::ensure_cargo_mutants(ws)?;
    let mut results = Vec::new();
    for module in &modules {
        let targets = MODULES
            .iter()
            .find(|(name, _)| name == module)
            .map_or(&[][..], |(_, targets)| *targets);
        println!(
            "== cargo-mutants: crates/core/src/{module}.rs (tests: {})",
            targets.join(", ")
        );
        let started = Instant::now();
        let output = ws.root.join("target/mutants").join(module);
        let _ = fs::remove_dir_all(output.join("mutants.out"));
        fs::create_dir_all(&output)?;
        let mut command = ws.cargo();
        command
            .args(["mutants", "--package", "apig-core", "--file"])
            .arg(format!("crates/core/src/{module}.rs"))
            .args(["--jobs", "1", "--timeout"])
            .arg(timeout.to_string())
            .arg("--output")
            .arg(&output)
            .arg("--")
            .args(test_target_args(targets))
            .env("CARGO_TARGET_DIR", ws.root.join("target"));
        // cargo-mutants exits non-zero when a mutant survives; the outcomes file says which.
        let captured = tee(command)?;
        let outcomes = output.join("mutants.out/outcomes.json");
        let tally = read_tally(&outcomes).map_err(|e| {
            Failure(format!(
                "{module}: no outcomes ({e}); cargo-mutants exited with {}",
                captured.status
            ))
        })?;
        let survivors = read_survivors(&output.join("mutants.out/missed.txt"));
        results.push((module.clone(), tally, survivors, started.elapsed()));
    }
    println!(
        "\n== mutants: caught / viable per module (goal >= {:.0} %)",
        GOAL * 100.0
    );
    let mut below = Vec::new();
    for (module, tally, survivors, elapsed) in &results {
        let share = tally.share();
        let verdict = match share {
            Some(s) if s >= GOAL => "met",
            Some(_) => "MISSED",
            None => "no viable mutants",
        };
        if share.is_some_and(|s| s < GOAL) {
            below.push(module.clone());
        }
        println!(
            "{module:<15} {:>4} / {:<4} {:>6}  {verdict:<7} (caught {}, timeout {}, missed {}, \
             unviable {}; {:.0} min)",
            tally.caught + tally.timeout,
            tally.viable(),
            share.map_or_else(|| "-".to_owned(), |s| format!("{:.1} %", s * 100.0)),
            tally.caught,
            tally.timeout,
            tally.missed,
            tally.unviable,
            elapsed.as_secs_f64() / 60.0,
        );
        for survivor in survivors {
            println!("    survived: {survivor}");
        }
    }
    if below.is_empty() {
        Ok(())
    } else {
        Err(Failure(format!(
            "below {:.0} % caught: {}",
            GOAL * 100.0,
            below.join(", ")
        )))
    }
}

/// `cargo test` arguments selecting `targets`: `--lib` for `lib`, `--test NAME` for the others.
fn test_target_args(targets: &[&str]) -> Vec<String> {
    targets
        .iter()
        .flat_map(|target| match *target {
            "lib" => vec!["--lib".to_owned()],
            name => vec!["--test".to_owned(), name.to_owned()],
        })
        .collect()
}

fn parse_args(args: &[String]) -> Outcome<(Vec<String>, u32)> {
    let mut modules = Vec::new();
    let mut timeout = DEFAULT_TIMEOUT_SECONDS;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "--timeout" {
            timeout = rest
                .next()
                .and_then(|s| s.parse().ok())
                .filter(|s| *s > 0)
                .ok_or_else(|| Failure(format!("--timeout needs a number of seconds\n{USAGE}")))?;
        } else if MODULES.iter().any(|(name, _)| name == arg) {
            modules.push(arg.clone());
        } else {
            return Err(Failure(format!(
                "unknown module or option `{arg}`\n{USAGE}"
            )));
        }
    }
    if modules.is_empty() {
        modules = MODULES.iter().map(|(m, _)| (*m).to_owned()).collect();
    }
    Ok((modules, timeout))
}

/// Counts the outcomes of the mutants in cargo-mutants' `outcomes.json` (the baseline is not a
/// mutant and is left out).
fn read_tally(path: &Path) -> Result<Tally, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let json: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    tally(&json).ok_or_else(|| format!("{}: no `outcomes` list", path.display()))
}

fn tally(json: &Value) -> Option<Tally> {
    let mut tally = Tally::default();
    for outcome in json.get("outcomes")?.as_array()? {
        match outcome.get("summary").and_then(Value::as_str) {
            Some("CaughtMutant") => tally.caught += 1,
            Some("MissedMutant") => tally.missed += 1,
            Some("Timeout") => tally.timeout += 1,
            Some("Unviable") => tally.unviable += 1,
            _ => {}
        }
    }
    Some(tally)
}

/// The survivors as cargo-mutants names them (`file:line:col: replace … with …`).
fn read_survivors(path: &Path) -> Vec<String> {
    fs::read_to_string(path)
        .map(|text| {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn counts_mutant_outcomes_but_not_the_baseline() {
        let outcomes = json!({ "outcomes": [
            { "scenario": "Baseline", "summary": "Success" },
            { "scenario": { "Mutant": {} }, "summary": "CaughtMutant" },
            { "scenario": { "Mutant": {} }, "summary": "CaughtMutant" },
            { "scenario": { "Mutant": {} }, "summary": "MissedMutant" },
            { "scenario": { "Mutant": {} }, "summary": "Timeout" },
            { "scenario": { "Mutant": {} }, "summary": "Unviable" },
        ]});
        let tally = tally(&outcomes).expect("tally");
        assert_eq!(
            tally,
            Tally {
                caught: 2,
                timeout: 1,
                missed: 1,
                unviable: 1
            }
        );
        assert_eq!(tally.viable(), 4);
        assert_eq!(tally.share(), Some(0.75));
        assert_eq!(Tally::default().share(), None);
        assert!(super::tally(&json!({})).is_none());
    }

    #[test]
    fn selects_each_modules_test_targets() {
        assert_eq!(
            test_target_args(&["lib", "sign_vectors"]),
            ["--lib", "--test", "sign_vectors"]
        );
        for (module, targets) in MODULES {
            assert!(!targets.is_empty(), "{module}");
            for target in targets {
                assert!(
                    *target == "lib"
                        || Path::new(env!("CARGO_MANIFEST_DIR"))
                            .join(format!("../crates/core/tests/{target}.rs"))
                            .exists(),
                    "{module}: no test target {target}"
                );
            }
        }
    }

    #[test]
    fn reads_modules_and_a_timeout() {
        let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let (modules, timeout) = parse_args(&args(&["precheck", "--timeout", "60"])).unwrap();
        assert_eq!((modules, timeout), (vec!["precheck".to_owned()], 60));
        let (modules, timeout) = parse_args(&[]).unwrap();
        assert_eq!(modules.len(), MODULES.len());
        assert_eq!(timeout, DEFAULT_TIMEOUT_SECONDS);
        assert!(parse_args(&args(&["plan"])).is_err());
        assert!(parse_args(&args(&["--timeout", "0"])).is_err());
    }
}
