//! API management in the table: a starting gateway's catalogue (a group holding the API
//! `hello`) and the inputs of `create_api_group`, `create_api`, `publish_api` and
//! `offline_api`, as the wire requests both sides send.
//!
//! Inputs: `create_api_group`: `name` (default `parity_group`); `create_api`: `group` (the
//! starting gateway's group, or `missing`) and any of `name`, `method`, `path`, `status` over
//! the console's "Try it" example; `publish_api` / `offline_api`: `api` (`hello` or `missing`)
//! and `env` (`RELEASE` or `missing`).

use apig_core::api::management::{
    self, ApiAction, ApiActionRequest, ApiRequest, GroupRequest, TryIt,
};
use apig_core::apis::{DEFAULT_ENVIRONMENT_RELEASE_ID, PublishIds, ResourceId};
use apig_core::authority::Operation;
use apig_core::gateway::Gateway;
use serde_json::Value;

use super::{MISSING_ID, Op, Scenario, Start};

/// The name of the API a starting gateway's group holds.
pub const API_NAME: &str = "hello";

/// The `n`-th ID of the starting gateway `nonce` (32 hex digits, the same on both sides).
fn id(nonce: u64, n: u64) -> ResourceId {
    ResourceId::parse(&format!("{nonce:016x}{n:016x}")).expect("32 hex digits")
}

/// Gives `gateway` the group `group` holding the API `hello` (`GET /hello`, MOCK), published
/// to RELEASE when `published`.
pub(crate) fn add_catalogue(
    gateway: &mut Gateway,
    group: &str,
    published: bool,
    nonce: u64,
    now_ms: u64,
) -> Result<(), String> {
    let request = GroupRequest {
        name: group.to_owned(),
        remark: None,
    };
    let group =
        management::create_group(gateway, &request, id(nonce, 1), now_ms).map_err(|r| r.message)?;
    let api = TryIt::default()
        .api_request(&group.id)
        .map_err(|r| r.message)?;
    let api = management::create_api(gateway, &api, id(nonce, 2), now_ms).map_err(|r| r.message)?;
    if published {
        let action = ApiAction::parse(&TryIt::publish_request(&api.id)).map_err(|r| r.message)?;
        let ids = || PublishIds {
            publish_id: id(nonce, 3),
            version_id: id(nonce, 4),
        };
        action.apply(gateway, ids, now_ms).map_err(|r| r.message)?;
    }
    Ok(())
}

impl Scenario {
    fn text(&self, key: &str) -> Result<Option<String>, String> {
        match self.input_object()?.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(self.fail(format!("input {key} must be a string, not {other}"))),
        }
    }

    /// The gateway the operation is about, at the start (none for `missing`).
    fn start_gateway<'a>(&self, start: &'a Start) -> Result<Option<&'a Gateway>, String> {
        let id = self.gateway_id(start)?;
        Ok(start.gateways.iter().find(|g| g.id.as_str() == id))
    }

    /// The body of `create_api_group`.
    pub fn group_request(&self) -> Result<GroupRequest, String> {
        Ok(GroupRequest {
            name: self.text("name")?.unwrap_or_else(|| "parity_group".into()),
            remark: None,
        })
    }

    /// The body of `create_api`.
    pub fn api_request(&self, start: &Start) -> Result<ApiRequest, String> {
        let group = self.text("group")?.unwrap_or_else(|| "missing".into());
        let group_id = if group == "missing" {
            MISSING_ID.to_owned()
        } else {
            self.start_gateway(start)?
                .and_then(|g| g.apis.groups.iter().find(|x| x.name.as_str() == group))
                .map(|g| g.id.to_string())
                .ok_or_else(|| self.fail(format!("no starting group {group}")))?
        };
        let mut fields = TryIt::default();
        for (key, slot) in [
            ("name", &mut fields.name),
            ("method", &mut fields.method),
            ("path", &mut fields.path),
            ("status", &mut fields.status),
        ] {
            if let Some(value) = self.text(key)? {
                *slot = value;
            }
        }
        fields.api_request(&group_id).map_err(|r| {
            self.fail(format!(
                "the API input does not form a request: {}",
                r.message
            ))
        })
    }

    /// The body of `publish_api` / `offline_api`.
    pub fn api_action_request(&self, start: &Start) -> Result<ApiActionRequest, String> {
        let api = self.text("api")?.unwrap_or_else(|| API_NAME.into());
        let api_id = if api == "missing" {
            MISSING_ID.to_owned()
        } else {
            self.start_gateway(start)?
                .and_then(|g| {
                    g.apis
                        .apis
                        .iter()
                        .find(|a| a.definition.name.as_str() == api)
                })
                .map(|a| a.id.to_string())
                .ok_or_else(|| self.fail(format!("no starting API {api}")))?
        };
        let env_id = match self.text("env")?.as_deref() {
            None | Some("RELEASE") => DEFAULT_ENVIRONMENT_RELEASE_ID.to_owned(),
            Some(_) => MISSING_ID.to_owned(),
        };
        let action = match self.operation {
            Op::Api(Operation::OfflineApi) => "offline",
            _ => "online",
        };
        Ok(ApiActionRequest {
            action: action.into(),
            env_id,
            api_id,
            remark: None,
        })
    }
}
