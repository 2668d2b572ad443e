//! Environments: create, update, delete (RELEASE is built in and stays).

use crate::code::ErrorCode;
use crate::gateway::Gateway;

use super::super::model::Environment;
use super::super::names::{EnvName, Remark, ResourceId};
use super::super::refusal::{Missing, Refusal};
use super::super::{DEFAULT_ENVIRONMENT_RELEASE_ID, Quotas};
use super::{fresh_id, quota};

/// What a caller gives for an environment (create and update).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvInput {
    /// Name, unique in the gateway (RELEASE is taken).
    pub name: EnvName,
    /// Remark.
    pub remark: Remark,
}

fn name_taken(gateway: &Gateway, name: &EnvName, except: Option<&str>) -> Result<(), Refusal> {
    if let Some(other) = gateway
        .apis
        .environments()
        .find(|e| e.name == *name && Some(e.id.as_str()) != except)
    {
        return Err(Refusal::new(
            ErrorCode::EnvironmentNameExists,
            "name",
            format!(
                "The environment name already exists: environment {} is named {name}. Choose another name.",
                other.id
            ),
        ));
    }
    Ok(())
}

/// The stored environment `env_id`: `APIG.3003` when there is none, `APIG.2011` for RELEASE,
/// which cannot be changed or deleted.
fn own_environment(gateway: &Gateway, env_id: &str) -> Result<usize, Refusal> {
    if env_id == DEFAULT_ENVIRONMENT_RELEASE_ID {
        return Err(Refusal::invalid_because(
            "env_id",
            "RELEASE is the built-in environment and cannot be changed or deleted; choose an environment of your own.",
        ));
    }
    gateway
        .apis
        .environments
        .iter()
        .position(|e| e.id.as_str() == env_id)
        .ok_or_else(|| Missing::Environment.refusal("env_id", env_id))
}

/// Creates environment `id`. `APIG.3104` past 10 environments besides RELEASE, `APIG.3205`
/// for a name in use.
pub fn create_environment(
    gateway: &mut Gateway,
    input: EnvInput,
    id: ResourceId,
    now_ms: u64,
) -> Result<&Environment, Refusal> {
    let max = Quotas::for_edition(gateway.edition).environments;
    if gateway.apis.environments.len() >= max {
        return Err(quota(
            ErrorCode::EnvironmentQuota,
            "name",
            "environments besides RELEASE",
            max,
            "Delete an environment you no longer need.",
        ));
    }
    name_taken(gateway, &input.name, None)?;
    fresh_id(gateway.apis.environments().map(|e| &e.id), &id)?;
    gateway.apis.environments.push(Environment {
        id,
        name: input.name,
        remark: input.remark,
        create_time_ms: now_ms,
    });
    Ok(gateway.apis.environments.last().expect("just pushed"))
}

/// Renames environment `env_id` and sets its remark. `APIG.3003`, `APIG.3205`, `APIG.2011`
/// for RELEASE.
pub fn update_environment<'a>(
    gateway: &'a mut Gateway,
    env_id: &str,
    input: EnvInput,
) -> Result<&'a Environment, Refusal> {
    let at = own_environment(gateway, env_id)?;
    name_taken(gateway, &input.name, Some(env_id))?;
    let env = &mut gateway.apis.environments[at];
    env.name = input.name;
    env.remark = input.remark;
    Ok(env)
}

/// Deletes environment `env_id` with its past publication records and its authorizations.
/// `APIG.3003`; `APIG.3418` while an API is published in it; `APIG.2011` for RELEASE.
pub fn delete_environment(gateway: &mut Gateway, env_id: &str) -> Result<Environment, Refusal> {
    let at = own_environment(gateway, env_id)?;
    let published = gateway
        .apis
        .publications
        .iter()
        .filter(|p| p.effective && p.env_id.as_str() == env_id)
        .count();
    if published > 0 {
        return Err(Refusal::new(
            ErrorCode::EnvironmentHasPublishedApis,
            "env_id",
            format!(
                "The environment contains published APIs: {published} API(s) are published in it. Take them offline first."
            ),
        ));
    }
    let catalogue = &mut gateway.apis;
    catalogue
        .publications
        .retain(|p| p.env_id.as_str() != env_id);
    catalogue
        .authorizations
        .retain(|a| a.env_id.as_str() != env_id);
    Ok(catalogue.environments.remove(at))
}
