//! English display text that the core's types do not carry themselves: region names. Everything a page shows goes through [`crate::i18n`].

use apig_core::region::SANDBOX_REGIONS;

/// The display name of a region ID, or the ID itself when unknown.
pub fn region_name(id: &str) -> String {
    SANDBOX_REGIONS
        .iter()
        .find(|(region, _)| *region == id)
        .map_or_else(|| id.to_owned(), |(_, name)| (*name).to_owned())
}
