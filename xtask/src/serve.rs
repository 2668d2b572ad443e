//! `cargo xtask serve`: the console on trunk's dev server, offline.

use crate::run::{Failure, Outcome, run};
use crate::setup::{self, Needs, Workspace};

pub fn serve(ws: &Workspace, args: &[String]) -> Outcome {
    let mut port = String::from("8088");
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--port" => {
                rest.next()
                    .filter(|p| p.parse::<u16>().is_ok())
                    .ok_or_else(|| Failure("--port needs a port number, e.g. --port 8088".into()))?
                    .clone_into(&mut port);
            }
            other => {
                return Err(Failure(format!(
                    "unknown option `{other}` for serve (known: --port N)"
                )));
            }
        }
    }
    setup::ensure(ws, Needs::Build)?;
    println!("APIG Console: http://127.0.0.1:{port}/  (Ctrl-C stops it)");
    let mut trunk = ws.command(ws.tool("bin/trunk"));
    trunk.args([
        "serve",
        "--offline",
        "--address",
        "127.0.0.1",
        "--port",
        &port,
    ]);
    run(trunk, "trunk serve")
}
