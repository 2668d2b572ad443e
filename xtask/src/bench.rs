//! `cargo xtask bench`: benchmarks that print figures (never timed tests).

use crate::run::{Outcome, run};
use crate::setup::Workspace;
use crate::size;

pub fn bench(ws: &Workspace) -> Outcome {
    println!("== apig-core: validate + all pre-checks on the default account (criterion)");
    let mut criterion = ws.cargo();
    criterion.args(["bench", "-p", "apig-core", "--bench", "validate"]);
    run(criterion, "core benchmark")?;

    println!("== console bundle (release build)");
    size::size(ws)?;
    Ok(())
}
