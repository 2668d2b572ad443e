//! `cargo xtask`: every workflow of the project, each doing its own set-up first.
//!
//! - `serve [--port N]`: install what is missing, then `trunk serve --offline` on 127.0.0.1.
//! - `serve --mock [--port N]`: a release build of the console, served by `apig-mock` (release)
//!   together with the emulated API, data kept in the per-user data directory.
//! - `test`: the same set-up plus the browser, then every test layer in order.
//! - `screenshots`: the e2e journeys, writing the README's pictures into `docs/screenshots/`.
//! - `dist [--base /path/] [--out DIR] [--with-mock]`: the console as one folder for any static
//!   host (and, with `--with-mock`, an `apig-mock` with it embedded).
//! - `size`: a release build and the sizes of what it produced.
//! - `bench [api|console|dataplane]`: benchmarks that print figures (core, bundle size, load
//!   time, keystroke latency, apig-mock's API against moto's server, and the data plane against
//!   a trivial axum handler); `api` runs only the API part, `console` only the bundle size, load
//!   time and keystroke latency, `dataplane` only the data plane.
//! - `bench scale`: the console with 1,000 stored gateways, apig-mock with 10,000.
//! - `mutants [MODULE…]`: cargo-mutants on the core's rule modules (slow; not a test layer).

mod bench;
mod children;
mod dist;
mod fixture;
mod loadgen;
mod mutants;
mod run;
mod screenshots;
mod serve;
mod setup;
mod size;
mod test;

use std::process::ExitCode;

use run::Failure;
use setup::Workspace;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  serve [--port N]  set up, then serve the console with trunk on 127.0.0.1 (default port 8088)
  serve --mock [--port N]
                    release-build the console and apig-mock, then run apig-mock serving the
                    console and the emulated API on 127.0.0.1 (default port 8090); prints the
                    URL and the AK / SK / project ID to use
  test              set up (incl. chromium), then fmt, clippy, native tests, wasm tests in
                    headless Chromium, a release build and the e2e journeys
  screenshots       release build, then the e2e journeys, writing the README's pictures into
                    docs/screenshots/ (a test run writes none there)
  dist [--base /path/] [--out DIR] [--html FILE] [--with-mock]
                    release build for a static host at the domain root or under --base
                    (default /), into DIR (default dist/): 404.html, service worker, manifest,
                    .br/.gz copies, _headers; --html builds another page than index.html;
                    --with-mock also builds a release apig-mock with
                    that folder embedded
  size              release build; raw, gzip and brotli sizes of the .wasm, .js and .css
  size-budget DIR   the brotli size of DIR's .wasm against its budget (a layer of `test`)
  bench [api|console|dataplane]
                    benchmarks: core validate + pre-checks, bundle size, in headless Chromium
                    load time vs a minimal Leptos page and keystroke latency, signed API
                    calls against apig-mock vs moto's server (`bench api`: only those;
                    `bench console`: only bundle size, load time and keystroke latency), and
                    calls through the data plane vs a trivial axum handler (`bench dataplane`)
  bench scale [console|mock]
                    how cost grows with stored work: keystroke and list render with 50 and
                    1,000 gateways in the console, apig-mock's list and create + delete
                    throughput with an empty store and with 10,000 gateways in 2,000 projects
                    (`console` / `mock`: only that side's figures)
  mutants [MODULE...] [--timeout SECONDS]
                    install cargo-mutants, run it on the core's rule modules (precheck,
                    validate, network_change, lifecycle, sign; one at a time, one job) and
                    print caught / viable per module against the 90 % goal, naming survivors";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ws = Workspace::locate();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve::serve(&ws, &args[1..]),
        Some("test") => test::test(&ws),
        Some("screenshots") => screenshots::screenshots(&ws),
        Some("dist") => dist::dist(&ws, &args[1..]),
        Some("size") => size::size(&ws).map(|_| ()),
        Some("size-budget") => size::budget(&args[1..]),
        Some("bench") => bench::bench(&ws, &args[1..]),
        Some("mutants") => mutants::mutants(&ws, &args[1..]),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(Failure(USAGE.into())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::FAILURE
        }
    }
}
