//! Set-up: installs what the workflows need, and nothing when it is already there.
//!
//! Every tool goes into the git-ignored `.tools/` folder of the workspace (cargo tools under
//! `.tools/bin`, npm's binaryen under `.tools/npm`), except the browser, which comes from Debian.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::run::{Failure, Outcome, read_output, run};

/// trunk 0.22 needs rustc 1.96.1; 0.21.14 is the newest that builds with the pinned toolchain.
pub const TRUNK_VERSION: &str = "0.21.14";
/// wasm-opt from npm's binaryen; Debian's binaryen 108 builds a page that stays blank.
/// Trunk.toml pins the same version (`version_132`), so a stray older wasm-opt fails loudly.
pub const BINARYEN_VERSION: &str = "132.0.0";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// cargo-mutants, which `cargo xtask mutants` runs on the core's rule modules.
pub const CARGO_MUTANTS_VERSION: &str = "27.1.0";
/// moto, the AWS emulator whose API Gateway server `cargo xtask bench` measures apig-mock against.
pub const MOTO_REQUIREMENT: &str = "moto[server]==5.2.5";

/// The workspace and the environment the workflows run their tools in.
pub struct Workspace {
    pub root: PathBuf,
    path: OsString,
}

impl Workspace {
    /// The workspace that contains this xtask, with `.tools` first on `PATH`.
    pub fn locate() -> Workspace {
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let root = manifest
            .parent()
            .map_or(manifest.clone(), Path::to_path_buf);
        let mut dirs = vec![
            root.join(".tools/bin"),
            root.join(".tools/npm/node_modules/.bin"),
        ];
        if let Some(existing) = env::var_os("PATH") {
            dirs.extend(env::split_paths(&existing));
        }
        let path = env::join_paths(dirs).unwrap_or_default();
        Workspace { root, path }
    }

    /// A command run in the workspace root with the tools on `PATH`.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command.current_dir(&self.root).env("PATH", &self.path);
        command
    }

    /// `cargo` with the tools on `PATH` (the same cargo that runs this xtask).
    pub fn cargo(&self) -> Command {
        self.command(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
    }

    pub fn tool(&self, relative: &str) -> PathBuf {
        self.root.join(".tools").join(relative)
    }

    /// The wasm-bindgen version that `Cargo.lock` names; the CLI must match it exactly.
    pub fn wasm_bindgen_version(&self) -> Outcome<String> {
        let lock = fs::read_to_string(self.root.join("Cargo.lock"))
            .map_err(|e| Failure(format!("cannot read Cargo.lock: {e}")))?;
        let mut lines = lock.lines();
        while let Some(line) = lines.next() {
            if line == "name = \"wasm-bindgen\""
                && let Some(version) = lines
                    .next()
                    .and_then(|v| v.strip_prefix("version = \""))
                    .and_then(|v| v.strip_suffix('"'))
            {
                return Ok(version.to_owned());
            }
        }
        Err(Failure("Cargo.lock names no wasm-bindgen version".into()))
    }
}

/// What a workflow needs beyond the Rust toolchain.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// The wasm toolchain: target, trunk, wasm-bindgen, wasm-opt, crates.
    Build,
    /// Build plus the browser, its driver and the e2e packages.
    Test,
}

/// Installs whatever is missing; prints one line per step that did something.
pub fn ensure(ws: &Workspace, needs: Needs) -> Outcome {
    let started = Instant::now();
    let mut installed = Vec::new();
    if !read_output("rustup", &["target", "list", "--installed"], &ws.root)
        .is_some_and(|list| list.lines().any(|l| l.trim() == WASM_TARGET))
    {
        let mut add = Command::new("rustup");
        add.args(["target", "add", WASM_TARGET]);
        run(add, "rustup target add")?;
        installed.push(WASM_TARGET.to_owned());
    }
    let tools_root = ws.root.join(".tools");
    if !version_is(&ws.tool("bin/trunk"), &format!("trunk {TRUNK_VERSION}")) {
        let mut install = ws.cargo();
        install.args([
            "install",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--locked",
            "--root",
        ]);
        install.arg(&tools_root);
        run(install, "installing trunk")?;
        installed.push(format!("trunk {TRUNK_VERSION}"));
    }
    let wb = ws.wasm_bindgen_version()?;
    if !version_is(&ws.tool("bin/wasm-bindgen"), &format!("wasm-bindgen {wb}"))
        || !ws.tool("bin/wasm-bindgen-test-runner").exists()
    {
        // No --locked: the CLI's own lockfile pins a webpki-roots release the registry lacks.
        let mut install = ws.cargo();
        install.args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &wb,
            "--force",
            "--root",
        ]);
        install.arg(&tools_root);
        run(install, "installing wasm-bindgen-cli")?;
        installed.push(format!("wasm-bindgen-cli {wb}"));
    }
    let wasm_opt = ws.tool("npm/node_modules/.bin/wasm-opt");
    let major = BINARYEN_VERSION
        .split('.')
        .next()
        .unwrap_or(BINARYEN_VERSION);
    if !read_output(&wasm_opt, &["--version"], &ws.root)
        .is_some_and(|v| v.contains(&format!("version {major}")))
    {
        fs::create_dir_all(ws.tool("npm"))?;
        let mut install = ws.command("npm");
        install.args(["install", "--prefix"]);
        install.arg(ws.tool("npm"));
        install.args(["--no-save", "--no-package-lock", "--no-audit", "--no-fund"]);
        install.arg(format!("binaryen@{BINARYEN_VERSION}"));
        run(install, "installing wasm-opt (npm binaryen)")?;
        installed.push(format!("binaryen {BINARYEN_VERSION}"));
    }
    if needs == Needs::Test {
        ensure_browser(ws, &mut installed)?;
        ensure_e2e_packages(ws, &mut installed)?;
        ensure_sdk_venv(ws, &mut installed)?;
    }
    let mut fetch = ws.cargo();
    fetch.args(["fetch", "--quiet"]);
    run(fetch, "cargo fetch")?;
    if installed.is_empty() {
        eprintln!(
            "set-up: everything present ({:.1} s)",
            started.elapsed().as_secs_f64()
        );
    } else {
        eprintln!(
            "set-up: installed {} in {:.0} s",
            installed.join(", "),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

fn version_is(program: &Path, expected: &str) -> bool {
    program.exists()
        && read_output(program, &["--version"], Path::new("/"))
            .is_some_and(|v| v.lines().next() == Some(expected))
}

fn on_path(ws: &Workspace, program: &str) -> bool {
    read_output("sh", &["-c", &format!("command -v {program}")], &ws.root)
        .is_some_and(|p| !p.is_empty())
}

/// A font with Chinese glyphs: without one, Chromium draws the 简体中文 pages (and the README's
/// pictures of them) as boxes.
const CJK_FONT: &str = "fonts-wqy-microhei";

fn has_cjk_font(ws: &Workspace) -> bool {
    read_output("fc-list", &[":lang=zh"], &ws.root).is_some_and(|fonts| !fonts.trim().is_empty())
}

fn ensure_browser(ws: &Workspace, installed: &mut Vec<String>) -> Outcome {
    let browser = on_path(ws, "chromium") && on_path(ws, "chromedriver");
    let font = has_cjk_font(ws);
    if browser && font {
        return Ok(());
    }
    let mut packages = Vec::new();
    if !browser {
        packages.extend(["chromium", "chromium-driver"]);
    }
    if !font {
        packages.push(CJK_FONT);
    }
    let mut update = Command::new("apt-get");
    update.arg("update");
    run(update, "apt-get update")?;
    let mut install = Command::new("apt-get");
    install
        .args(["install", "-y", "--no-install-recommends"])
        .args(&packages)
        .env("DEBIAN_FRONTEND", "noninteractive");
    let what = packages.join(", ");
    run(install, &format!("installing {what}"))?;
    installed.push(what);
    Ok(())
}

/// The npm packages of `tests/e2e` (`npm ci`); a stamp in `node_modules` holding the text of
/// `package-lock.json` it was installed from skips the install while the lock file's content is
/// unchanged (its modification time says nothing: a checkout or a worktree renews it).
fn ensure_e2e_packages(ws: &Workspace, installed: &mut Vec<String>) -> Outcome {
    let dir = ws.root.join("tests/e2e");
    let lock = fs::read_to_string(dir.join("package-lock.json"))?;
    let stamp = dir.join("node_modules/.apig-console-installed-lock.json");
    let present = dir
        .join("node_modules/playwright-core/package.json")
        .exists()
        && dir.join("node_modules/axe-core/axe.min.js").exists();
    if present && fs::read_to_string(&stamp).is_ok_and(|s| s == lock) {
        return Ok(());
    }
    let mut ci = ws.command("npm");
    ci.args(["ci", "--no-audit", "--no-fund"]).current_dir(&dir);
    run(ci, "npm ci (tests/e2e)")?;
    fs::write(&stamp, lock)?;
    installed.push("e2e npm packages".into());
    Ok(())
}

/// The Python venv of the SDK conformance tests (`tests/sdk/.venv`) with the pinned packages of
/// `tests/sdk/requirements.txt`; a stamp holding that file's text skips the install when it
/// has not changed.
fn ensure_sdk_venv(ws: &Workspace, installed: &mut Vec<String>) -> Outcome {
    let dir = ws.root.join("tests/sdk");
    let requirements = fs::read_to_string(dir.join("requirements.txt"))
        .map_err(|e| Failure(format!("cannot read tests/sdk/requirements.txt: {e}")))?;
    let venv = dir.join(".venv");
    let stamp = venv.join(".requirements-installed");
    let python = venv.join("bin/python");
    if python.exists() && fs::read_to_string(&stamp).is_ok_and(|s| s == requirements) {
        return Ok(());
    }
    if !python.exists() {
        let mut create = ws.command("python3");
        create.args(["-m", "venv"]).arg(&venv);
        run(create, "python3 -m venv tests/sdk/.venv")?;
    }
    let mut install = ws.command(&python);
    install
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
        ])
        .arg(dir.join("requirements.txt"));
    run(install, "pip install -r tests/sdk/requirements.txt")?;
    fs::write(&stamp, requirements)?;
    installed.push("SDK test venv (huaweicloudsdkapig/vpc/eip, pytest)".into());
    Ok(())
}

/// The venv of moto's server for `cargo xtask bench` (`target/bench/moto-venv`, apart from the
/// SDK test venv), with [`MOTO_REQUIREMENT`] installed; a stamp holding the requirement skips
/// the install when it is already there. Returns the venv's `moto_server`.
pub fn ensure_moto_venv(ws: &Workspace) -> Outcome<PathBuf> {
    let venv = ws.root.join("target/bench/moto-venv");
    let python = venv.join("bin/python");
    let server = venv.join("bin/moto_server");
    let stamp = venv.join(".moto-installed");
    if server.exists() && fs::read_to_string(&stamp).is_ok_and(|s| s == MOTO_REQUIREMENT) {
        return Ok(server);
    }
    let started = Instant::now();
    if !python.exists() {
        let mut create = ws.command("python3");
        create.args(["-m", "venv"]).arg(&venv);
        run(create, "python3 -m venv target/bench/moto-venv")?;
    }
    let mut install = ws.command(&python);
    install.args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        MOTO_REQUIREMENT,
    ]);
    run(install, "pip install moto[server]")?;
    fs::write(&stamp, MOTO_REQUIREMENT)?;
    eprintln!(
        "set-up: installed {MOTO_REQUIREMENT} in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(server)
}

/// cargo-mutants [`CARGO_MUTANTS_VERSION`] in `.tools/bin` (from the Rust crate registry, locked),
/// for `cargo xtask mutants`; nothing when it is there.
pub fn ensure_cargo_mutants(ws: &Workspace) -> Outcome {
    let expected = format!("cargo-mutants {CARGO_MUTANTS_VERSION}");
    // Run as a cargo subcommand, the binary wants `mutants` first.
    let tool = ws.tool("bin/cargo-mutants");
    if tool.exists()
        && read_output(&tool, &["mutants", "--version"], Path::new("/"))
            .is_some_and(|v| v.lines().next() == Some(expected.as_str()))
    {
        return Ok(());
    }
    let started = Instant::now();
    let mut install = ws.cargo();
    install.args([
        "install",
        "cargo-mutants",
        "--version",
        CARGO_MUTANTS_VERSION,
        "--locked",
        "--root",
    ]);
    install.arg(ws.root.join(".tools"));
    run(install, "installing cargo-mutants")?;
    eprintln!(
        "set-up: installed {expected} in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
