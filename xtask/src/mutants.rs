//! `cargo xtask mutants [MODULE…] [--timeout SECONDS] [--iterate] [--shard K/N]`: how strong
//! the core's tests are, measured with cargo-mutants on the rule modules, one module after
//! another.
//!
//! Not a test layer: a module takes from minutes to an hour. Each run builds and tests one
//! mutant at a time (`--jobs 1`), in cargo-mutants' copy of the workspace but with this
//! workspace's `target/` (`CARGO_TARGET_DIR`), in the `mutants` profile of Cargo.toml (the test
//! profile without debug information: quicker incremental builds and links; the dependencies
//! are built for it once and then kept). Each
//! mutant runs the test targets of apig-core that exercise its module ([`MODULES`]), not the
//! whole suite: a mutant caught by them is caught by the suite, so the share is a lower bound,
//! and a mutant costs a fraction of the time. A module is its file `<module>.rs` or its folder
//! `<module>/` (`mod.rs` and the files beside it; a `#[cfg(test)]` module is not mutated).
//! Results go to `target/mutants/<module>/mutants.out/`. The summary gives,
//! per module, the caught share of the viable mutants (caught + timed out + missed; a mutant
//! that does not build is unviable) against the goal of [`GOAL`], and names every survivor.
//!
//! `--iterate` tests only what the previous runs of the module did not catch (cargo-mutants keeps
//! the caught and unviable lists); each mutant's latest outcome is kept in
//! `target/mutants/<module>/outcomes-by-mutant.json`, so the summary covers every run since the
//! last one without `--iterate`. After adding tests it re-checks the survivors in minutes. The
//! source files must not have changed since (a mutant is named by its line and column).
//!
//! `--shard K/N` runs the K-th of N slices (0-based, mutants dealt round-robin, so each slice
//! samples every function): a module in pieces, or a sample of it when time is short.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::Instant;

use serde_json::Value;

use crate::run::{Failure, Outcome, tee};
use crate::setup::{self, Workspace};

/// The rule modules of `crates/core/src`, in the order they run by default, with the test
/// targets of apig-core that exercise each (`lib` = the unit tests in `src/`). `validate` leaves
/// out `domain_props`: its 512 random drafts per property took most of each mutant's test time,
/// and the exact-message tests of `domain_messages` judge the same rules.
pub const MODULES: [(&str, &[&str]); 5] = [
    ("precheck", &["domain_precheck", "domain_validate"]),
    (
        "validate",
        &[
            "domain_validate",
            "domain_messages",
            "domain_update",
            "domain_plan",
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

const USAGE: &str =
    "usage: cargo xtask mutants [MODULE...] [--timeout SECONDS] [--iterate] [--shard K/N]
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
    let Args {
        modules,
        timeout,
        iterate,
        shard,
    } = parse_args(args)?;
    setup::ensure_cargo_mutants(ws)?;
    let mut results = Vec::new();
    for module in &modules {
        let targets = MODULES
            .iter()
            .find(|(name, _)| name == module)
            .map_or(&[][..], |(_, targets)| *targets);
        println!(
            "== cargo-mutants: crates/core/src/{module}{} (tests: {})",
            run_label(iterate, shard.as_deref()),
            targets.join(", ")
        );
        let started = Instant::now();
        let output = ws.root.join("target/mutants").join(module);
        if !iterate {
            let _ = fs::remove_dir_all(output.join("mutants.out"));
        }
        fs::create_dir_all(&output)?;
        let mut command = ws.cargo();
        command
            .args(["mutants", "--package", "apig-core"])
            .args(file_args(module))
            // Iterating, the tree is the one the previous run checked: no baseline again.
            .args(if iterate {
                &["--iterate", "--baseline", "skip"][..]
            } else {
                &[]
            })
            .args(
                shard
                    .iter()
                    .flat_map(|k| ["--shard", k.as_str(), "--sharding", "round-robin"]),
            )
            .args(["--jobs", "1", "--profile", "mutants", "--timeout"])
            .arg(timeout.to_string())
            .arg("--output")
            .arg(&output)
            .args(test_target_args(targets))
            .env("CARGO_TARGET_DIR", ws.root.join("target"));
        // cargo-mutants exits non-zero when a mutant survives; the outcomes file says which.
        let captured = tee(command)?;
        let latest = record_outcomes(&output, iterate).map_err(|e| {
            Failure(format!(
                "{module}: no outcomes ({e}); cargo-mutants exited with {}",
                captured.status
            ))
        })?;
        let tally = tally(&latest);
        let survivors = latest
            .iter()
            .filter(|(_, outcome)| *outcome == "MissedMutant")
            .map(|(name, _)| name.clone())
            .collect::<Vec<_>>();
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

/// cargo-mutants' `--file` globs for a module: its file, or the files of its folder.
fn file_args(module: &str) -> [String; 4] {
    [
        "--file".to_owned(),
        format!("crates/core/src/{module}.rs"),
        "--file".to_owned(),
        format!("crates/core/src/{module}/**/*.rs"),
    ]
}

/// cargo-mutants arguments selecting `targets` for both the build and the test of each mutant
/// (`--cargo-arg`; arguments after `--` would reach `cargo test` only, and the build would
/// compile every test target of apig-core): `--lib` for `lib`, `--test=NAME` for the others.
fn test_target_args(targets: &[&str]) -> Vec<String> {
    targets
        .iter()
        .map(|target| match *target {
            "lib" => "--cargo-arg=--lib".to_owned(),
            name => format!("--cargo-arg=--test={name}"),
        })
        .collect()
}

/// The command line: which modules, the limit per mutant, whether to iterate, which slice.
#[derive(Debug, PartialEq, Eq)]
struct Args {
    modules: Vec<String>,
    timeout: u32,
    iterate: bool,
    /// `K/N` with K < N.
    shard: Option<String>,
}

fn parse_args(args: &[String]) -> Outcome<Args> {
    let mut modules = Vec::new();
    let mut timeout = DEFAULT_TIMEOUT_SECONDS;
    let mut iterate = false;
    let mut shard = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "--iterate" {
            iterate = true;
        } else if arg == "--shard" {
            let slice = rest
                .next()
                .filter(|k| {
                    k.split_once('/')
                        .and_then(|(k, n)| Some((k.parse::<u32>().ok()?, n.parse::<u32>().ok()?)))
                        .is_some_and(|(k, n)| k < n)
                })
                .ok_or_else(|| Failure(format!("--shard needs K/N with K < N\n{USAGE}")))?;
            shard = Some(slice.clone());
        } else if arg == "--timeout" {
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
    Ok(Args {
        modules,
        timeout,
        iterate,
        shard,
    })
}

/// How a run is announced: ` (iterating, shard 1/4)`, ` (shard 1/4)`, … or nothing.
fn run_label(iterate: bool, shard: Option<&str>) -> String {
    match (iterate, shard) {
        (true, Some(k)) => format!(" (iterating, shard {k})"),
        (true, None) => " (iterating)".to_owned(),
        (false, Some(k)) => format!(" (shard {k})"),
        (false, None) => String::new(),
    }
}

/// Each mutant's latest outcome: this run's over those of the earlier runs when iterating
/// (cargo-mutants skipped what they caught or found unviable), kept in
/// `<output>/outcomes-by-mutant.json`.
fn record_outcomes(output: &Path, iterate: bool) -> Result<BTreeMap<String, String>, String> {
    let merged = output.join("outcomes-by-mutant.json");
    let mut latest = if iterate {
        read_json(&merged)
            .ok()
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default()
    } else {
        BTreeMap::new()
    };
    let json = read_json(&output.join("mutants.out/outcomes.json"))?;
    merge_outcomes(&mut latest, &json).ok_or_else(|| "no `outcomes` list".to_owned())?;
    let text = serde_json::to_string_pretty(&latest).map_err(|e| e.to_string())?;
    fs::write(&merged, text).map_err(|e| format!("{}: {e}", merged.display()))?;
    Ok(latest)
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Puts the outcome of each mutant in cargo-mutants' `outcomes.json` into `latest`, by the
/// mutant's name (`file:line:col: replace … with …`); the baseline is not a mutant and is left
/// out.
fn merge_outcomes(latest: &mut BTreeMap<String, String>, json: &Value) -> Option<()> {
    for outcome in json.get("outcomes")?.as_array()? {
        let name = outcome
            .pointer("/scenario/Mutant/name")
            .and_then(Value::as_str);
        let summary = outcome.get("summary").and_then(Value::as_str);
        if let (Some(name), Some(summary)) = (name, summary) {
            latest.insert(name.to_owned(), summary.to_owned());
        }
    }
    Some(())
}

fn tally(latest: &BTreeMap<String, String>) -> Tally {
    let mut tally = Tally::default();
    for outcome in latest.values() {
        match outcome.as_str() {
            "CaughtMutant" => tally.caught += 1,
            "MissedMutant" => tally.missed += 1,
            "Timeout" => tally.timeout += 1,
            "Unviable" => tally.unviable += 1,
            _ => {}
        }
    }
    tally
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn counts_mutant_outcomes_but_not_the_baseline() {
        let mutant = |name: &str, summary: &str| json!({ "scenario": { "Mutant": { "name": name } }, "summary": summary });
        let outcomes = json!({ "outcomes": [
            { "scenario": "Baseline", "summary": "Success" },
            mutant("a", "CaughtMutant"),
            mutant("b", "CaughtMutant"),
            mutant("c", "MissedMutant"),
            mutant("d", "Timeout"),
            mutant("e", "Unviable"),
        ]});
        let mut latest = BTreeMap::new();
        merge_outcomes(&mut latest, &outcomes).expect("outcomes");
        let tally = tally(&latest);
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
        assert!(merge_outcomes(&mut latest, &json!({})).is_none());
        // Iterating: a later run's outcome replaces the earlier one of the same mutant.
        merge_outcomes(
            &mut latest,
            &json!({ "outcomes": [mutant("c", "CaughtMutant")] }),
        )
        .expect("outcomes");
        assert_eq!(super::tally(&latest).caught, 3);
        assert_eq!(super::tally(&latest).missed, 0);
    }

    #[test]
    fn a_module_is_its_file_or_its_folder() {
        for (module, _) in MODULES {
            let [_, file, _, folder] = file_args(module);
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
            let folder = folder.trim_end_matches("/**/*.rs");
            assert!(
                root.join(&file).exists() || root.join(folder).join("mod.rs").exists(),
                "{module}: neither {file} nor {folder}/mod.rs"
            );
        }
        assert_eq!(
            file_args("sign"),
            [
                "--file",
                "crates/core/src/sign.rs",
                "--file",
                "crates/core/src/sign/**/*.rs"
            ]
        );
    }

    #[test]
    fn selects_each_modules_test_targets() {
        assert_eq!(
            test_target_args(&["lib", "sign_vectors"]),
            ["--cargo-arg=--lib", "--cargo-arg=--test=sign_vectors"]
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
        assert_eq!(
            parse_args(&args(&["precheck", "--timeout", "60"])).unwrap(),
            Args {
                modules: vec!["precheck".to_owned()],
                timeout: 60,
                iterate: false,
                shard: None
            }
        );
        assert_eq!(
            parse_args(&args(&["sign", "--shard", "1/3"]))
                .unwrap()
                .shard,
            Some("1/3".to_owned())
        );
        assert!(parse_args(&args(&["sign", "--shard", "3/3"])).is_err());
        assert!(parse_args(&args(&["sign", "--shard", "x"])).is_err());
        assert!(parse_args(&args(&["sign", "--iterate"])).unwrap().iterate);
        let all = parse_args(&[]).unwrap();
        assert_eq!(all.modules.len(), MODULES.len());
        assert_eq!(all.timeout, DEFAULT_TIMEOUT_SECONDS);
        assert!(!all.iterate);
        assert!(parse_args(&args(&["plan"])).is_err());
        assert!(parse_args(&args(&["--timeout", "0"])).is_err());
    }
}
