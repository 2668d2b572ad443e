//! `cargo xtask dist [--base /path/] [--out DIR] [--with-mock]`: the console as one folder for
//! any static host.
//!
//! A release trunk build for the public base path, then what a static host needs around it:
//! - the page names its build (`<meta name="apig-console-build">`), carries the
//!   Content-Security-Policy ([`csp`]) as a `<meta>`, the manifest and the icons;
//! - `404.html`, the same page: hosts without an SPA fallback (GitHub Pages, bucket websites)
//!   answer an unknown path such as `/gateways/buy` with it, and the console routes by the
//!   address, so it starts at the requested page;
//! - `sw.js`, the service worker (`static/sw.js` with this build's id and files), which makes
//!   the console work offline after one visit and picks up a new build on request;
//! - `manifest.webmanifest` and the icons (installable);
//! - `.br` / `.gz` copies of every text file;
//! - `.nojekyll`, so that GitHub Pages publishes the folder as it is;
//! - `_headers` (the convention of Netlify and Cloudflare Pages): immutable caching for the
//!   content-hashed files, `no-cache` for everything else, and the security headers.
//!
//! `--with-mock` then builds a release `apig-mock` with this folder embedded (feature
//! `embedded-dist`), one file that serves the console and the API.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::json;
use sha2::{Digest, Sha256};

use crate::run::{Failure, Outcome, run};
use crate::setup::{self, Needs, Workspace};
use crate::size::{self, AssetSize};

/// The Content-Security-Policy, one place for the `<meta>` and for `_headers`.
///
/// `script-src`: the page's own files only (no inline or foreign script); WebAssembly needs
/// `'wasm-unsafe-eval'`. `connect-src`: the page's origin (apig-mock serving the console, the
/// service worker's precache) and apig-mock on this machine, any port (the console served by a
/// static host or by trunk talking to `apig-mock` on 127.0.0.1:8090): backend mode cannot be
/// narrower without knowing the endpoint, which the person types in at run time. An apig-mock
/// elsewhere is used by letting it serve the console (same origin). `*.localhost`: "Try it"
/// calls an API through apig-mock's data plane at `{debugging domain}.localhost:{port}`,
/// which the browser resolves to this machine.
const CSP: &[&str] = &[
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self' http://127.0.0.1:* http://localhost:* http://*.localhost:*",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
];
/// Only effective as a header (a `<meta>` with it is ignored and reported by browsers).
const CSP_HEADER_ONLY: &str = "frame-ancestors 'none'";
/// The other security headers of `_headers`.
const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=()",
    ),
];
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Files copied from `static/` into every build.
const ICONS: &[&str] = &["icon.svg", "icon-192.png", "icon-512.png"];
const MANIFEST: &str = "manifest.webmanifest";
const PAGE: &str = "index.html";
const NOT_FOUND_PAGE: &str = "404.html";
const LOADER: &str = "boot.js";
const SERVICE_WORKER: &str = "sw.js";
const HEADERS: &str = "_headers";
const NO_JEKYLL: &str = ".nojekyll";

/// What `dist` was asked for.
#[derive(Debug, PartialEq, Eq)]
struct Options {
    base: String,
    out: Option<PathBuf>,
    /// The page trunk builds (default `index.html`).
    html: Option<PathBuf>,
    with_mock: bool,
}

fn parse(args: &[String]) -> Outcome<Options> {
    let mut options = Options {
        base: "/".into(),
        out: None,
        html: None,
        with_mock: false,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--base" => {
                let value = rest.next().ok_or_else(|| {
                    Failure("--base needs a path, e.g. --base /apig-console/".into())
                })?;
                options.base = base_path(value)?;
            }
            "--out" => {
                let value = rest
                    .next()
                    .ok_or_else(|| Failure("--out needs a folder, e.g. --out public".into()))?;
                options.out = Some(PathBuf::from(value));
            }
            "--html" => {
                let value = rest.next().ok_or_else(|| {
                    Failure("--html needs the page to build, e.g. --html index.html".into())
                })?;
                options.html = Some(PathBuf::from(value));
            }
            "--with-mock" => options.with_mock = true,
            other => {
                return Err(Failure(format!(
                    "unknown option `{other}` for dist (known: --base /path/, --out DIR, --html FILE, --with-mock)"
                )));
            }
        }
    }
    if options.with_mock && options.base != "/" {
        return Err(Failure(format!(
            "--with-mock: apig-mock serves the console at its root, so the build must be for \
             --base / (not {})",
            options.base
        )));
    }
    Ok(options)
}

/// The public base path as trunk and the console want it: `/`, or `/a/b/` (leading and
/// trailing slash added when missing). Only characters that need no escaping in a URL path,
/// an HTML attribute or `_headers` are accepted.
fn base_path(value: &str) -> Outcome<String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~/".contains(c);
    if let Some(bad) = value.chars().find(|c| !allowed(*c)) {
        return Err(Failure(format!(
            "--base {value:?}: `{bad}` is not allowed; use a path of letters, digits and - . _ ~ /, \
             e.g. --base /apig-console/"
        )));
    }
    if value
        .split('/')
        .any(|segment| segment == "." || segment == "..")
    {
        return Err(Failure(format!(
            "--base {value:?}: `.` and `..` segments are not allowed; give the path from the \
             domain root, e.g. --base /apig-console/"
        )));
    }
    let inner = value.trim_matches('/');
    if inner.is_empty() {
        Ok("/".into())
    } else if inner.contains("//") {
        Err(Failure(format!(
            "--base {value:?}: empty path segment; e.g. --base /apig-console/"
        )))
    } else {
        Ok(format!("/{inner}/"))
    }
}

pub fn dist(ws: &Workspace, args: &[String]) -> Outcome {
    let options = parse(args)?;
    setup::ensure(ws, Needs::Build)?;
    // Paths given on the command line are relative to where it was typed.
    let here = std::env::current_dir()?;
    let out = options
        .out
        .map_or_else(|| ws.root.join("dist"), |out| here.join(out));
    let html = options
        .html
        .map_or_else(|| ws.root.join(PAGE), |html| here.join(html));
    let (sizes, finished) = build_page(ws, &html, &out, &options.base)?;
    size::print_sizes(&sizes);
    println!(
        "\nThe console for {} is in {} (build {}; the service worker precaches {} files): \
         copy the folder's contents there as they are.",
        options.base,
        out.display(),
        finished.build,
        finished.assets.len()
    );
    if options.with_mock {
        let binary = build_mock(ws, &out)?;
        let bytes = fs::metadata(&binary)?.len();
        println!(
            "apig-mock with this console embedded: {} ({:.1} MiB); run it with \
             `{} --data :memory:` and open http://127.0.0.1:8090/",
            binary.display(),
            mib(bytes),
            binary.display()
        );
    }
    Ok(())
}

#[allow(clippy::cast_precision_loss)] // file sizes are far below 2^52 bytes
fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// The release build for `base` into `out`, finished for static hosts; returns the sizes of its
/// `.wasm`, `.js` and `.css` and what [`finish`] made.
pub fn build(ws: &Workspace, out: &Path, base: &str) -> Outcome<(Vec<AssetSize>, Finished)> {
    build_page(ws, Path::new(PAGE), out, base)
}

/// [`build`] of another page than `index.html` (relative to the workspace root or absolute).
fn build_page(
    ws: &Workspace,
    html: &Path,
    out: &Path,
    base: &str,
) -> Outcome<(Vec<AssetSize>, Finished)> {
    let mut trunk = ws.command(ws.tool("bin/trunk"));
    trunk.args([
        "build",
        "--release",
        "--offline",
        "--public-url",
        base,
        "--dist",
    ]);
    trunk.arg(out).arg(html);
    run(trunk, "trunk build --release")?;
    let finished = finish(&ws.root.join("static"), out, base)?;
    let sizes = size::compress(out, true)?;
    compress_pages(out)?;
    Ok((sizes, finished))
}

/// `cargo build --release -p apig-mock --features embedded-dist` with `out` embedded.
fn build_mock(ws: &Workspace, out: &Path) -> Outcome<PathBuf> {
    let mut cargo = ws.cargo();
    cargo
        .args([
            "build",
            "--release",
            "-p",
            "apig-mock",
            "--features",
            "embedded-dist",
        ])
        .env("APIG_MOCK_EMBED_DIST", out);
    run(
        cargo,
        "cargo build --release -p apig-mock --features embedded-dist",
    )?;
    Ok(ws.root.join("target/release/apig-mock"))
}

/// What [`finish`] made of a trunk build.
pub struct Finished {
    /// The build's id: the start of the SHA-256 over its files' names and contents.
    pub build: String,
    /// The files the service worker precaches, relative to the base path.
    pub assets: Vec<String>,
}

/// Turns trunk's output in `out` (built for `base`) into the folder for static hosts.
pub fn finish(statics: &Path, out: &Path, base: &str) -> Outcome<Finished> {
    let page_file = out.join(PAGE);
    let page = fs::read_to_string(&page_file)
        .map_err(|e| Failure(format!("{}: {e}", page_file.display())))?;
    let loader_tag = format!("src=\"{base}{LOADER}\" data-base=\"{base}\"");
    if !page.contains(&loader_tag) {
        return Err(Failure(format!(
            "{}: no loader `<script {loader_tag}>`; is `pattern_script` still in Trunk.toml?",
            page_file.display()
        )));
    }
    for icon in ICONS {
        fs::copy(statics.join(icon), out.join(icon))?;
    }
    let mut files = built_files(out)?;
    let template = fs::read_to_string(statics.join(SERVICE_WORKER))?;
    let build = build_id(out, &files, &[&head_tags(base, ""), &template])?;
    fs::write(out.join(MANIFEST), manifest(base))?;
    files.push(MANIFEST.into());
    files.sort();

    let page = with_head(&page, &head_tags(base, &build))?;
    fs::write(&page_file, &page)?;
    fs::write(out.join(NOT_FOUND_PAGE), &page)?;

    let mut assets = vec![PAGE.to_owned()];
    assets.extend(files.iter().cloned());
    fs::write(
        out.join(SERVICE_WORKER),
        service_worker(&template, &build, &assets)?,
    )?;
    fs::write(out.join(HEADERS), headers(base, &files))?;
    // GitHub Pages would otherwise run the folder through Jekyll, which drops `_headers`.
    fs::write(out.join(NO_JEKYLL), "")?;
    Ok(Finished { build, assets })
}

/// Every file of trunk's output but the page (and compressed copies of an earlier run).
fn built_files(out: &Path) -> Outcome<Vec<String>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(out)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let derived = [
            PAGE,
            NOT_FOUND_PAGE,
            SERVICE_WORKER,
            MANIFEST,
            HEADERS,
            NO_JEKYLL,
        ];
        if entry.file_type()?.is_file()
            && !derived.contains(&name.as_str())
            && !Path::new(&name)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("br") || e.eq_ignore_ascii_case("gz"))
        {
            files.push(name);
        }
    }
    files.sort();
    Ok(files)
}

/// 16 hex digits of the SHA-256 over what the finished build is made of: `extra` (what this
/// step adds: the head tags, the service worker's template), the page and `files` (names and
/// contents). Any change of the result gives another id, so a new service worker never shares
/// a cache with an older one.
fn build_id(out: &Path, files: &[String], extra: &[&str]) -> Outcome<String> {
    let mut hasher = Sha256::new();
    for text in extra {
        hasher.update(text.as_bytes());
        hasher.update([0]);
    }
    for name in std::iter::once(&PAGE.to_owned()).chain(files) {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(fs::read(out.join(name))?);
        hasher.update([0]);
    }
    let digest = hasher.finalize();
    Ok(digest[..8].iter().fold(String::new(), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    }))
}

/// The policy for the `<meta>` (`header` false) or the `Content-Security-Policy` header.
pub fn csp(header: bool) -> String {
    let mut directives: Vec<&str> = CSP.to_vec();
    if header {
        directives.push(CSP_HEADER_ONLY);
    }
    directives.join("; ")
}

fn head_tags(base: &str, build: &str) -> String {
    format!(
        "\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\" />\
         \n    <meta name=\"apig-console-build\" content=\"{build}\" />\
         \n    <meta name=\"theme-color\" content=\"#1f2733\" />\
         \n    <link rel=\"manifest\" href=\"{base}{MANIFEST}\" />\
         \n    <link rel=\"icon\" href=\"{base}icon.svg\" type=\"image/svg+xml\" />\
         \n    <link rel=\"apple-touch-icon\" href=\"{base}icon-192.png\" />",
        csp = csp(false)
    )
}

/// `page` with `tags` right after `<meta charset="utf-8" />` (or `<head>`), before anything
/// the policy governs.
fn with_head(page: &str, tags: &str) -> Outcome<String> {
    let after = |marker: &str| page.find(marker).map(|i| i + marker.len());
    let at = after("<meta charset=\"utf-8\" />")
        .or_else(|| after("<head>"))
        .ok_or_else(|| Failure("the built index.html has no <head>".into()))?;
    Ok(format!("{}{tags}{}", &page[..at], &page[at..]))
}

fn manifest(base: &str) -> String {
    let icon = |src: &str, sizes: &str, kind: &str| json!({ "src": format!("{base}{src}"), "sizes": sizes, "type": kind, "purpose": "any" });
    let manifest = json!({
        "name": "APIG Console",
        "short_name": "APIG Console",
        "description": "Try, teach and test the purchase of an APIG dedicated gateway against a sandbox account.",
        "id": base,
        "start_url": format!("{base}gateways"),
        "scope": base,
        "display": "standalone",
        "background_color": "#f4f6f9",
        "theme_color": "#1f2733",
        "icons": [
            icon("icon-192.png", "192x192", "image/png"),
            icon("icon-512.png", "512x512", "image/png"),
            icon("icon.svg", "any", "image/svg+xml"),
        ],
    });
    format!("{manifest:#}\n")
}

/// `static/sw.js` with this build's id and files.
fn service_worker(template: &str, build: &str, assets: &[String]) -> Outcome<String> {
    const BUILD: &str = "__APIG_BUILD__";
    const ASSETS: &str = "__APIG_ASSETS__";
    if !template.contains(BUILD) || !template.contains(ASSETS) {
        return Err(Failure(format!(
            "static/{SERVICE_WORKER} lacks {BUILD} or {ASSETS}"
        )));
    }
    Ok(template
        .replace(BUILD, build)
        .replace(ASSETS, &serde_json::to_string(assets).unwrap_or_default()))
}

/// Whether trunk named `file` by its content (`name-<16 hex digits>` before the extension or
/// before `_bg`), so that it never changes under that name.
fn is_hashed(file: &str) -> bool {
    let Some((stem, _)) = file.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `_headers`: security headers on every path, immutable caching for the hashed files and
/// `no-cache` for the rest. Each file gets one `Cache-Control` rule only: hosts join the values
/// of every rule that matches a path.
fn headers(base: &str, built: &[String]) -> String {
    let mut text = format!("{base}*\n");
    let _ = writeln!(text, "  Content-Security-Policy: {}", csp(true));
    for (name, value) in SECURITY_HEADERS {
        let _ = writeln!(text, "  {name}: {value}");
    }
    let unhashed = [
        String::new(),
        PAGE.into(),
        NOT_FOUND_PAGE.into(),
        SERVICE_WORKER.into(),
    ];
    for file in unhashed.iter().chain(built) {
        let cache = if is_hashed(file) {
            IMMUTABLE
        } else {
            "no-cache"
        };
        let _ = write!(text, "\n{base}{file}\n  Cache-Control: {cache}\n");
    }
    text
}

/// `.br` / `.gz` copies of the pages, the manifest and the SVG icon (the `.wasm`, `.js` and
/// `.css` get theirs from [`size::compress`]).
fn compress_pages(out: &Path) -> Outcome {
    for name in [PAGE, NOT_FOUND_PAGE, MANIFEST, "icon.svg"] {
        let bytes = fs::read(out.join(name))?;
        fs::write(out.join(format!("{name}.gz")), size::gzip(&bytes)?)?;
        fs::write(out.join(format!("{name}.br")), size::brotli(&bytes)?)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn normalises_the_base_path() {
        for (given, base) in [
            ("/", "/"),
            ("", "/"),
            ("/apig-console/", "/apig-console/"),
            ("apig-console", "/apig-console/"),
            ("/a/b", "/a/b/"),
        ] {
            assert_eq!(base_path(given).unwrap(), base, "{given:?}");
        }
        for bad in ["/a b/", "/a\"/", "/../x/", "/a//b/", "/x?y", "https://h/x/"] {
            let message = base_path(bad).unwrap_err().0;
            assert!(message.contains("--base"), "{bad:?}: {message}");
        }
    }

    #[test]
    fn parses_the_options() {
        assert_eq!(
            parse(&args(&["--base", "/apig-console", "--out", "public"])).unwrap(),
            Options {
                base: "/apig-console/".into(),
                out: Some("public".into()),
                html: None,
                with_mock: false,
            }
        );
        assert!(parse(&args(&["--with-mock"])).unwrap().with_mock);
        for bad in [
            &["--base"][..],
            &["--out"],
            &["--nope"],
            &["--with-mock", "--base", "/sub/"],
        ] {
            assert!(parse(&args(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_policy_forbids_inline_and_foreign_scripts() {
        let meta = csp(false);
        assert!(
            meta.contains("script-src 'self' 'wasm-unsafe-eval';"),
            "{meta}"
        );
        assert!(!meta.contains("unsafe-inline"), "{meta}");
        assert!(meta.contains("object-src 'none'") && meta.contains("base-uri 'self'"));
        assert!(!meta.contains("frame-ancestors"), "ignored in a <meta>");
        assert!(csp(true).ends_with("frame-ancestors 'none'"));
    }

    #[test]
    fn caches_hashed_files_for_good_and_revalidates_the_rest() {
        let built = vec![
            "apig-web-0123456789abcdef.js".to_owned(),
            "apig-web-0123456789abcdef_bg.wasm".to_owned(),
            "boot.js".to_owned(),
            "main-fedcba9876543210.css".to_owned(),
        ];
        let text = headers("/apig-console/", &built);
        assert!(text.starts_with("/apig-console/*\n  Content-Security-Policy: default-src"));
        let rule = |path: &str| {
            let at = text
                .find(&format!("\n{path}\n"))
                .unwrap_or_else(|| panic!("no rule for {path}:\n{text}"));
            text[at..].lines().nth(2).unwrap_or_default().to_owned()
        };
        for hashed in [
            "apig-web-0123456789abcdef.js",
            "apig-web-0123456789abcdef_bg.wasm",
            "main-fedcba9876543210.css",
        ] {
            assert_eq!(
                rule(&format!("/apig-console/{hashed}")),
                format!("  Cache-Control: {IMMUTABLE}")
            );
        }
        for plain in ["", "index.html", "404.html", "sw.js", "boot.js"] {
            assert_eq!(
                rule(&format!("/apig-console/{plain}")),
                "  Cache-Control: no-cache"
            );
        }
        assert_eq!(
            text.matches("Cache-Control").count(),
            8,
            "one rule per file"
        );
    }

    #[test]
    fn finishes_a_trunk_build() {
        let dir = std::env::temp_dir().join(format!("xtask-dist-{}", std::process::id()));
        let out = dir.join("dist");
        let statics = Path::new(env!("CARGO_MANIFEST_DIR")).join("../static");
        fs::create_dir_all(&out).unwrap();
        let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\" /><title>t</title>\
                    <script type=\"module\" src=\"/sub/boot.js\" data-base=\"/sub/\" \
                    data-js=\"/sub/app-0123456789abcdef.js\" data-wasm=\"/sub/app-0123456789abcdef_bg.wasm\">\
                    </script></head><body></body></html>";
        fs::write(out.join(PAGE), page).unwrap();
        fs::write(out.join("app-0123456789abcdef.js"), "export default 1;").unwrap();
        fs::write(out.join("app-0123456789abcdef_bg.wasm"), [0, 97, 115, 109]).unwrap();
        fs::write(out.join(LOADER), "// loader").unwrap();

        let finished = finish(&statics, &out, "/sub/").unwrap();

        assert_eq!(finished.build.len(), 16);
        assert_eq!(
            finished.assets,
            [
                "index.html",
                "app-0123456789abcdef.js",
                "app-0123456789abcdef_bg.wasm",
                "boot.js",
                "icon-192.png",
                "icon-512.png",
                "icon.svg",
                "manifest.webmanifest",
            ]
        );
        let built = fs::read_to_string(out.join(PAGE)).unwrap();
        assert_eq!(built, fs::read_to_string(out.join(NOT_FOUND_PAGE)).unwrap());
        let charset = built.find("<meta charset").unwrap();
        let policy = built.find("Content-Security-Policy").unwrap();
        assert!(charset < policy && policy < built.find("<script").unwrap());
        assert!(built.contains(&format!(
            "<meta name=\"apig-console-build\" content=\"{}\" />",
            finished.build
        )));
        assert!(built.contains("<link rel=\"manifest\" href=\"/sub/manifest.webmanifest\" />"));
        let sw = fs::read_to_string(out.join(SERVICE_WORKER)).unwrap();
        assert!(
            sw.contains(&format!("const BUILD = '{}';", finished.build)),
            "{sw}"
        );
        assert!(sw.contains(r#"const ASSETS = ["index.html","app-0123456789abcdef.js","#));
        let manifest: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(out.join(MANIFEST)).unwrap()).unwrap();
        assert_eq!(manifest["scope"], "/sub/");
        assert_eq!(manifest["start_url"], "/sub/gateways");
        assert_eq!(manifest["icons"][0]["src"], "/sub/icon-192.png");

        // Another base (other head tags): another build; another content of one file too.
        fs::write(out.join(PAGE), page.replace("/sub/", "/sub2/")).unwrap();
        let moved = finish(&statics, &out, "/sub2/").unwrap();
        assert_ne!(moved.build, finished.build);
        fs::write(out.join(PAGE), page).unwrap();
        fs::write(out.join("app-0123456789abcdef_bg.wasm"), [0, 97, 115, 110]).unwrap();
        let other = finish(&statics, &out, "/sub/").unwrap();
        assert_ne!(other.build, finished.build);
        fs::remove_dir_all(&dir).unwrap();
    }
}
