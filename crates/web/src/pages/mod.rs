//! One page per file, each a route of [`crate::App`].

pub mod buy;
pub mod gateways;
pub mod not_found;
pub mod sandbox;
