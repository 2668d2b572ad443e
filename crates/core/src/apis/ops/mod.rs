//! The operations of API management: one pure function per management call. Each checks the
//! whole request against the catalogue first and changes nothing when it answers a
//! [`Refusal`]; time (`now_ms`) and generated IDs, keys and secrets are arguments.

mod apis;
mod apps;
mod envs;
mod groups;
mod publish;

pub use apis::{create_api, delete_api, max_backend_timeout_ms, update_api};
pub use apps::{
    AppCredentials, AppInput, AuthOutcome, authorize_apps, cancel_authorization, create_app,
    delete_app, reset_app_secret, update_app,
};
pub use envs::{EnvInput, create_environment, delete_environment, update_environment};
pub use groups::{
    GroupInput, bind_domain, create_group, delete_group, set_debug_domain_access, unbind_domain,
    update_group,
};
pub use publish::{PublishIds, change_version, offline, publish};

use super::names::ResourceId;
use super::refusal::Refusal;

/// `APIG.2011` when a generated `id` is already used by an object of the same kind (the
/// caller's ID source repeated itself).
fn fresh_id<'a>(
    mut used: impl Iterator<Item = &'a ResourceId>,
    id: &ResourceId,
) -> Result<(), Refusal> {
    if used.any(|u| u == id) {
        return Err(Refusal::invalid_because(
            "id",
            &format!("The ID {id} is already used; generate another one."),
        ));
    }
    Ok(())
}

/// A quota refusal: `{what} quota reached: at most {max}. {what_to_do}`.
fn quota(
    code: crate::code::ErrorCode,
    parameter: &str,
    what: &str,
    max: usize,
    what_to_do: &str,
) -> Refusal {
    Refusal::new(
        code,
        parameter,
        format!("{}: at most {max} {what}. {what_to_do}", code.meaning()),
    )
}
