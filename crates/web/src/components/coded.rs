//! A message whose code is shown as a small tag beside the sentence, not as raw API output.

use leptos::prelude::*;

use crate::i18n::split_code;

/// `text` with the code at its end ("… (APIC.7211)", as [`crate::i18n::with_code`] writes it)
/// shown as a `.code-tag`; a text without a code as it is.
pub fn coded(text: &str) -> AnyView {
    let (sentence, code) = split_code(text);
    let sentence = sentence.to_owned();
    match code {
        Some(code) => {
            let code = code.to_owned();
            view! { {sentence} " " <span class="code-tag">{code}</span> }.into_any()
        }
        None => sentence.into_any(),
    }
}
