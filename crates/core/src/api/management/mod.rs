//! Wire types of API management on a dedicated gateway (docs/reference.md, API management):
//! groups and their domains, APIs, environments, publication and versions, apps and their
//! authorizations. The JSON names follow the official SDK's models (`ApiGroupCreate`,
//! `ApiCreate`, `EnvCreate`, `ApiActionInfo`, `AppCreate`, `ApiAuthCreate`, …).
//!
//! Like the instance types, requests default every missing key and ignore unknown ones, so a
//! body with gaps reaches the core's rules, which name the parameter; responses carry the
//! fields the SDK and Terraform read. Times are `YYYY-MM-DDTHH:MM:SSZ` strings.
//!
//! `input` reads a request into the catalogue's values (`apis::`), naming the wire parameter a
//! value breaks; `convert` shapes the catalogue's objects as answers.

mod api;
mod app;
mod apply;
mod convert;
mod env;
mod group;
mod input;
mod publish;
mod try_it;

pub use api::*;
pub use app::*;
pub use apply::*;
pub use convert::*;
pub use env::*;
pub use group::*;
pub use input::*;
pub use publish::*;
pub use try_it::{GROUP_NAME as TRY_GROUP_NAME, TryField, TryIt};

#[cfg(test)]
mod tests;
