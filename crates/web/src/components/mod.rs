//! Reusable pieces of the console, one component per file.

pub mod banners;
pub mod check_panel;
pub mod header;
pub mod nav;
pub mod status;
