//! The public base path the console is served under: empty at a domain root, `/apig-console`
//! under a sub-path (a GitHub Pages project page, a folder of a web server).
//!
//! The build writes it once, into the loader's `<script data-base="/apig-console/">` (trunk's
//! `{base}`, from `cargo xtask dist --base`); the router takes it as its `base`, so routes,
//! redirects and `navigate` calls resolve under it. `<A href>` does not prefix absolute paths,
//! so every link goes through [`href`].

use std::sync::OnceLock;

/// The base path without its trailing slash (`""` at the root).
pub fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let written = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("script[data-base]").ok().flatten())
            .and_then(|script| script.get_attribute("data-base"))
            .unwrap_or_default();
        normalise(&written)
    })
}

/// The address of the console's page `path` (which starts with `/`) under the base path.
pub fn href(path: &str) -> String {
    format!("{}{path}", base())
}

/// `/apig-console/` → `/apig-console`; `/`, `""` and anything that is not an absolute path → `""`.
fn normalise(written: &str) -> String {
    let trimmed = written.trim().trim_end_matches('/');
    if trimmed.starts_with('/') {
        trimmed.to_owned()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::normalise;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn keeps_an_absolute_path_without_its_trailing_slash() {
        for (written, base) in [
            ("/", ""),
            ("", ""),
            ("/apig-console/", "/apig-console"),
            ("/apig-console", "/apig-console"),
            ("/a/b/", "/a/b"),
            ("./", ""),
            ("https://example.org/x/", ""),
        ] {
            assert_eq!(normalise(written), base, "{written:?}");
        }
    }
}
