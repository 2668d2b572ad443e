//! The validate + pre-checks benchmark arrives with the core domain.
fn main() {}
