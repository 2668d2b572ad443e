//! Publishing: put an API's current definition online in an environment, take it offline,
//! switch to an earlier version.

use crate::code::ErrorCode;
use crate::gateway::Gateway;

use super::super::model::Publication;
use super::super::names::{Remark, ResourceId};
use super::super::refusal::{Missing, Refusal};
use super::super::{Catalogue, VERSIONS_KEPT};
use super::apis::same_route;
use super::fresh_id;

/// The generated IDs of a publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishIds {
    /// The record's ID (`publish_id`).
    pub publish_id: ResourceId,
    /// The version's ID (`version_id`).
    pub version_id: ResourceId,
}

fn existing(catalogue: &Catalogue, api_id: &str, env_id: &str) -> Result<(), Refusal> {
    if catalogue.api(api_id).is_none() {
        return Err(Missing::Api.refusal("api_id", api_id));
    }
    if catalogue.environment(env_id).is_none() {
        return Err(Missing::Environment.refusal("env_id", env_id));
    }
    Ok(())
}

/// `APIG.3301` when another API is in effect in `env_id` with the same route as `candidate`.
fn route_free(catalogue: &Catalogue, candidate: &Publication) -> Result<(), Refusal> {
    let clash = catalogue.publications.iter().find(|p| {
        p.effective
            && p.env_id == candidate.env_id
            && p.api_id != candidate.api_id
            && same_route(&p.definition, &candidate.definition)
    });
    match clash {
        Some(p) => Err(Refusal::new(
            ErrorCode::ApiExists,
            "api_id",
            format!(
                "The API already exists: {} is published in this environment with {} {} ({}). Take it offline first, or change this API's route.",
                p.definition.name,
                p.definition.req_method,
                p.definition.req_uri,
                p.definition.match_mode
            ),
        )),
        None => Ok(()),
    }
}

/// Makes `version` the effective one of its API and environment.
fn make_effective(catalogue: &mut Catalogue, api_id: &str, env_id: &str, version_id: &str) {
    for p in &mut catalogue.publications {
        if p.api_id.as_str() == api_id && p.env_id.as_str() == env_id {
            p.effective = p.version_id.as_str() == version_id;
        }
    }
}

/// Publishes the current definition of API `api_id` in environment `env_id` as a new version
/// (the effective one), keeping the newest [`VERSIONS_KEPT`] of that API and environment.
/// `APIG.3002`, `APIG.3003`, `APIG.3301` (another API is published there with the same route).
pub fn publish<'a>(
    gateway: &'a mut Gateway,
    api_id: &str,
    env_id: &str,
    remark: Remark,
    ids: PublishIds,
    now_ms: u64,
) -> Result<&'a Publication, Refusal> {
    let catalogue = &mut gateway.apis;
    existing(catalogue, api_id, env_id)?;
    let api = catalogue.api(api_id).expect("checked");
    let env = catalogue.environment(env_id).expect("checked");
    let publication = Publication {
        publish_id: ids.publish_id,
        version_id: ids.version_id,
        api_id: api.id.clone(),
        env_id: env.id.clone(),
        remark,
        publish_time_ms: now_ms,
        effective: true,
        definition: api.definition.clone(),
    };
    route_free(catalogue, &publication)?;
    fresh_id(
        catalogue.publications.iter().map(|p| &p.version_id),
        &publication.version_id,
    )?;
    fresh_id(
        catalogue.publications.iter().map(|p| &p.publish_id),
        &publication.publish_id,
    )?;
    let version = publication.version_id.clone();
    catalogue.publications.insert(0, publication);
    make_effective(catalogue, api_id, env_id, version.as_str());
    let mut kept = 0;
    catalogue.publications.retain(|p| {
        if p.api_id.as_str() == api_id && p.env_id.as_str() == env_id {
            kept += 1;
            kept <= VERSIONS_KEPT
        } else {
            true
        }
    });
    Ok(&catalogue.publications[0])
}

/// Takes API `api_id` offline in environment `env_id` (its versions stay, none effective);
/// answers the version that was in effect. `APIG.3002`, `APIG.3003`, `APIG.3015` when it is
/// not published there.
pub fn offline(gateway: &mut Gateway, api_id: &str, env_id: &str) -> Result<Publication, Refusal> {
    let catalogue = &mut gateway.apis;
    existing(catalogue, api_id, env_id)?;
    let Some(p) = catalogue
        .publications
        .iter_mut()
        .find(|p| p.effective && p.api_id.as_str() == api_id && p.env_id.as_str() == env_id)
    else {
        return Err(Refusal::new(
            ErrorCode::PublicationDoesNotExist,
            "api_id",
            format!(
                "The API publication record does not exist: API {api_id} is not published in environment {env_id}, so there is nothing to take offline."
            ),
        ));
    };
    p.effective = false;
    Ok(p.clone())
}

/// Makes version `version_id` of API `api_id` the effective one in its environment.
/// `APIG.3002`, `APIG.3015` (no such version of this API), `APIG.3301`.
pub fn change_version<'a>(
    gateway: &'a mut Gateway,
    api_id: &str,
    version_id: &str,
) -> Result<&'a Publication, Refusal> {
    let catalogue = &mut gateway.apis;
    if catalogue.api(api_id).is_none() {
        return Err(Missing::Api.refusal("api_id", api_id));
    }
    let Some(candidate) = catalogue
        .publications
        .iter()
        .find(|p| p.api_id.as_str() == api_id && p.version_id.as_str() == version_id)
    else {
        return Err(Missing::Publication.refusal("version_id", version_id));
    };
    route_free(catalogue, candidate)?;
    let env_id = candidate.env_id.clone();
    make_effective(catalogue, api_id, env_id.as_str(), version_id);
    Ok(catalogue
        .publications
        .iter()
        .find(|p| p.version_id.as_str() == version_id)
        .expect("checked"))
}
