//! Reusable pieces of the console, one component per file.

pub mod header;
pub mod nav;
