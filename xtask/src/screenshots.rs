//! `cargo xtask screenshots`: regenerates the README's pictures in `docs/screenshots/`.
//!
//! The e2e journeys take the pictures; they write them into the working tree only when
//! `APIG_README_SCREENSHOTS=1` is set (see `screenshot` in `tests/e2e/harness.mjs`), so
//! `cargo xtask test` leaves the tree as it was. This command builds what the journeys need,
//! runs them with that variable, then checks that every picture the README names was written.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

use crate::run::{Failure, Outcome, run};
use crate::setup::{self, Needs, Workspace};
use crate::size;
use crate::test::journeys;

const PICTURES: &str = "docs/screenshots/";

pub fn screenshots(ws: &Workspace) -> Outcome {
    setup::ensure(ws, Needs::Test)?;
    let started = SystemTime::now();
    let mut mock = ws.cargo();
    mock.args(["build", "-p", "apig-mock"]);
    run(
        mock,
        "building apig-mock (the backend-mode journeys start it)",
    )?;
    let dist = ws.root.join("dist");
    size::release_build(ws, &dist)?;
    // The journeys that take the README's pictures (the static-host ones need builds of their
    // own and take none).
    let mut e2e = journeys(ws, &dist);
    e2e.args([
        "buy.test.mjs",
        "buy-ux.test.mjs",
        "manage.test.mjs",
        "manage-ux.test.mjs",
        "shell.test.mjs",
        "backend.test.mjs",
        "trace-tryit.test.mjs",
        "apis-tryit.test.mjs",
        "zh.test.mjs",
    ]);
    e2e.env("APIG_README_SCREENSHOTS", "1");
    run(e2e, "the e2e journeys")?;

    let readme = fs::read_to_string(ws.root.join("README.md"))?;
    let named = pictures_named(&readme);
    let stale: Vec<&str> = named
        .iter()
        .copied()
        .filter(|name| !written_since(&ws.root.join(PICTURES).join(name), started))
        .collect();
    if !stale.is_empty() {
        return Err(Failure(format!(
            "README.md shows pictures no journey wrote in this run: {} (a journey must call \
             `screenshot(page, NAME, {{ readme: true }})` for each)",
            stale.join(", ")
        )));
    }
    println!(
        "screenshots: {} README pictures written to {PICTURES}",
        named.len()
    );
    Ok(())
}

/// The file names of the pictures under `docs/screenshots/` that `markdown` links to, in order:
/// the targets of links `](docs/screenshots/NAME)` whose NAME is one file name, so a sentence
/// that merely names the folder is no picture.
fn pictures_named(markdown: &str) -> Vec<&str> {
    let link = format!("]({PICTURES}");
    let mut names: Vec<&str> = Vec::new();
    for (at, _) in markdown.match_indices(&link) {
        let rest = &markdown[at + link.len()..];
        let Some(end) = rest.find(')') else { continue };
        let name = &rest[..end];
        let one_file = !name.is_empty() && !name.contains(['/', '`', ' ', '\n']);
        if one_file && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

fn written_since(file: &Path, since: SystemTime) -> bool {
    fs::metadata(file)
        .and_then(|m| m.modified())
        .is_ok_and(|modified| modified >= since)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_picture_the_readme_links_once() {
        let markdown = "| ![List](docs/screenshots/a.png) | ![Form](docs/screenshots/b-c.png) |\n\
                        again ![List](docs/screenshots/a.png) and [docs](docs/mock.md)";
        assert_eq!(pictures_named(markdown), ["a.png", "b-c.png"]);
        assert!(pictures_named("no pictures").is_empty());
        // A sentence naming the folder, as the README's own does, is no picture.
        let sentence = "written to `docs/screenshots/` (a plain test run writes none there)";
        assert!(pictures_named(sentence).is_empty());
    }
}
