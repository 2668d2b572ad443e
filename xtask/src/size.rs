//! `cargo xtask size`: a release build and the raw, gzip and brotli sizes of its assets.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::dist;
use crate::run::{Failure, Outcome};
use crate::setup::{self, Needs, Workspace};

/// The sizes of one built asset, in bytes.
pub struct AssetSize {
    pub file: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

/// Builds the release bundle for the domain root into `dist` (`cargo xtask dist`: trunk offline,
/// size profile, wasm-opt -Oz, then the service worker, `404.html`, `_headers`, and a brotli and
/// a gzip copy next to each asset, which `apig-mock --serve-dist` sends to browsers that accept
/// them). Returns the sizes of the `.wasm`, `.js` and `.css`.
pub fn release_build(ws: &Workspace, dist: &Path) -> Outcome<Vec<AssetSize>> {
    dist::build(ws, dist, "/").map(|(sizes, _)| sizes)
}

/// The most the release `.wasm` may weigh in brotli (quality 11), in bytes: its size when the
/// budget was set (540,501 B = 527.8 KiB, with "Try it": API management and the gateway's data
/// plane running in this browser — the core's `api::management` operations and the
/// `dataplane` router apig-mock serves with —, +43.0 KiB, of which reading only the IDs of
/// apig-mock's answers saved 13.9; 496,473 B = 484.8 KiB before, with the API trace drawer, the
/// API-management catalogue that a gateway record carries and the information page's APIs
/// section, the buy page's summary rail, fixes in place and toasts, the grouped confirmation,
/// the creation timeline and the phone layout; 421,471 B = 411.6 KiB before them; 397,669 B =
/// 388.3 KiB with the console in English and Simplified Chinese before the Tags forms and the
/// pager; 375,340 B = 366.5 KiB in English alone) plus 5 %, about 554.2 KiB. `cargo xtask test`
/// fails past it.
pub const WASM_BROTLI_BUDGET: usize = 567_526;

/// `cargo xtask size-budget DIR` (a layer of `cargo xtask test`): the brotli size of the
/// `.wasm` in `DIR` against [`WASM_BROTLI_BUDGET`], printed either way.
pub fn budget(args: &[String]) -> Outcome {
    let dist = args
        .first()
        .ok_or_else(|| Failure("size-budget needs the dist folder".into()))?;
    let sizes = measure(Path::new(dist))?;
    let wasm = sizes
        .iter()
        .find(|s| Path::new(&s.file).extension().is_some_and(|e| e == "wasm"))
        .ok_or_else(|| Failure(format!("no .wasm in {dist}")))?;
    let verdict = within_budget(wasm.brotli);
    println!(
        "{}: {} brotli ({} B); budget {} ({} B): {}",
        wasm.file,
        kib(wasm.brotli),
        wasm.brotli,
        kib(WASM_BROTLI_BUDGET),
        WASM_BROTLI_BUDGET,
        if verdict { "within" } else { "OVER" }
    );
    if verdict {
        Ok(())
    } else {
        Err(Failure(format!(
            "the .wasm grew past its budget by {}: shrink it, or raise WASM_BROTLI_BUDGET in \
             xtask/src/size.rs with the reason in the commit",
            kib(wasm.brotli - WASM_BROTLI_BUDGET)
        )))
    }
}

fn within_budget(brotli: usize) -> bool {
    brotli <= WASM_BROTLI_BUDGET
}

pub fn size(ws: &Workspace) -> Outcome<Vec<AssetSize>> {
    setup::ensure(ws, Needs::Build)?;
    let dist = ws.root.join("dist");
    let sizes = release_build(ws, &dist)?;
    print_sizes(&sizes);
    Ok(sizes)
}

/// Measures every `.wasm`, `.js` and `.css` file in `dist`.
pub fn measure(dist: &Path) -> Outcome<Vec<AssetSize>> {
    compress(dist, false)
}

/// Compresses every `.wasm`, `.js` and `.css` file in `dist` (gzip -9, brotli 11), writing the
/// compressed copies next to them when `store`; returns the sizes.
pub fn compress(dist: &Path, store: bool) -> Outcome<Vec<AssetSize>> {
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
            let file = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let gzip = gzip(&bytes)?;
            let brotli = brotli(&bytes)?;
            if store {
                fs::write(dist.join(format!("{file}.gz")), &gzip)?;
                fs::write(dist.join(format!("{file}.br")), &brotli)?;
            }
            Ok(AssetSize {
                file,
                raw: bytes.len(),
                gzip: gzip.len(),
                brotli: brotli.len(),
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

pub fn gzip(bytes: &[u8]) -> Outcome<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

pub fn brotli(bytes: &[u8]) -> Outcome<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn the_budget_is_inclusive() {
        assert!(within_budget(WASM_BROTLI_BUDGET));
        assert!(!within_budget(WASM_BROTLI_BUDGET + 1));
    }

    #[test]
    fn stores_copies_that_decompress_to_the_asset() {
        let dir = std::env::temp_dir().join(format!("xtask-compress-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let asset: Vec<u8> = (0..50_000_u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        fs::write(dir.join("app_bg.wasm"), &asset).unwrap();
        fs::write(dir.join("index.html"), "<!DOCTYPE html>").unwrap();

        let sizes = compress(&dir, true).unwrap();

        assert_eq!(sizes.len(), 1, "only .wasm/.js/.css are assets");
        let br = fs::read(dir.join("app_bg.wasm.br")).unwrap();
        let gz = fs::read(dir.join("app_bg.wasm.gz")).unwrap();
        assert_eq!((sizes[0].brotli, sizes[0].gzip), (br.len(), gz.len()));
        assert!(br.len() < asset.len() && gz.len() < asset.len());
        let mut unbrotli = Vec::new();
        brotli::Decompressor::new(br.as_slice(), 4096)
            .read_to_end(&mut unbrotli)
            .unwrap();
        let mut ungzip = Vec::new();
        flate2::read::GzDecoder::new(gz.as_slice())
            .read_to_end(&mut ungzip)
            .unwrap();
        assert_eq!(unbrotli, asset);
        assert_eq!(ungzip, asset);
        assert!(!dir.join("index.html.br").exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
