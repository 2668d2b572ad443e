//! One page per file, each a route of [`crate::App`].

pub mod buy;
pub mod confirm;
pub mod gateway;
pub mod gateways;
pub mod not_found;
pub mod sandbox;
pub mod settings;
