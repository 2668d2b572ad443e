//! Console-wide state, provided through context.

use apig_core::region::SANDBOX_REGIONS;
use leptos::prelude::*;

/// The region the console works in; pages read it, the header's selector writes it.
#[derive(Clone, Copy)]
pub struct SelectedRegion(pub RwSignal<String>);

/// Provides the console's shared state to every component below the caller.
pub fn provide_console_state() {
    let first = SANDBOX_REGIONS
        .first()
        .map_or_else(String::new, |(id, _)| (*id).to_owned());
    provide_context(SelectedRegion(RwSignal::new(first)));
}

/// The selected region (panics only if called outside [`crate::App`], a programming error).
pub fn selected_region() -> SelectedRegion {
    expect_context::<SelectedRegion>()
}

/// The display name of a region ID, or the ID itself when unknown.
pub fn region_name(id: &str) -> String {
    SANDBOX_REGIONS
        .iter()
        .find(|(region, _)| *region == id)
        .map_or_else(|| id.to_owned(), |(_, name)| (*name).to_owned())
}
