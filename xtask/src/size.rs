//! `cargo xtask size`: a release build and the raw, gzip and brotli sizes of its assets.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::run::{Failure, Outcome, run};
use crate::setup::{self, Needs, Workspace};

/// The sizes of one built asset, in bytes.
pub struct AssetSize {
    pub file: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

/// Builds the release bundle into `dist/` with trunk (offline, size profile, wasm-opt -Oz).
pub fn release_build(ws: &Workspace, dist: &Path) -> Outcome {
    let mut trunk = ws.command(ws.tool("bin/trunk"));
    trunk.args(["build", "--release", "--offline", "--dist"]);
    trunk.arg(dist);
    run(trunk, "trunk build --release")
}

pub fn size(ws: &Workspace) -> Outcome<Vec<AssetSize>> {
    setup::ensure(ws, Needs::Build)?;
    let dist = ws.root.join("dist");
    release_build(ws, &dist)?;
    let sizes = measure(&dist)?;
    print_sizes(&sizes);
    Ok(sizes)
}

/// Measures every `.wasm`, `.js` and `.css` file in `dist`.
pub fn measure(dist: &Path) -> Outcome<Vec<AssetSize>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dist)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "wasm" | "js" | "css"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Failure(format!("no .wasm/.js/.css in {}", dist.display())));
    }
    files
        .iter()
        .map(|path| {
            let bytes = fs::read(path)?;
            Ok(AssetSize {
                file: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                raw: bytes.len(),
                gzip: gzip_len(&bytes)?,
                brotli: brotli_len(&bytes)?,
            })
        })
        .collect()
}

pub fn print_sizes(sizes: &[AssetSize]) {
    println!(
        "{:<44} {:>10} {:>10} {:>10}",
        "asset", "raw", "gzip", "brotli"
    );
    for s in sizes {
        println!(
            "{:<44} {:>10} {:>10} {:>10}",
            s.file,
            kib(s.raw),
            kib(s.gzip),
            kib(s.brotli)
        );
    }
}

pub fn kib(bytes: usize) -> String {
    #[allow(clippy::cast_precision_loss)] // sizes are far below 2^52 bytes
    let k = bytes as f64 / 1024.0;
    format!("{k:.1} KiB")
}

fn gzip_len(bytes: &[u8]) -> Outcome<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

fn brotli_len(bytes: &[u8]) -> Outcome<usize> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes)?;
    }
    Ok(out.len())
}
