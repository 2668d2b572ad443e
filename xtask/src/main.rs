//! `cargo xtask`: every workflow of the project, each doing its own set-up first.
//!
//! - `serve [--port N]`: install what is missing, then `trunk serve --offline` on 127.0.0.1.
//! - `test`: the same set-up plus the browser, then every test layer in order.
//! - `size`: a release build and the sizes of what it produced.
//! - `bench`: benchmarks that print figures (core, bundle size, load time, keystroke latency).

mod bench;
mod fixture;
mod run;
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
  test              set up (incl. chromium), then fmt, clippy, native tests, wasm tests in
                    headless Chromium, a release build and the e2e journeys
  size              release build; raw, gzip and brotli sizes of the .wasm, .js and .css
  bench             benchmarks: core validate + pre-checks, bundle size, and in headless
                    Chromium load time vs a minimal Leptos page and keystroke latency";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ws = Workspace::locate();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve::serve(&ws, &args[1..]),
        Some("test") => test::test(&ws),
        Some("size") => size::size(&ws).map(|_| ()),
        Some("bench") => bench::bench(&ws),
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
