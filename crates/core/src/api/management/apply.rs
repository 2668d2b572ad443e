//! The management calls as whole operations on a gateway: a wire request in, the wire answer
//! out, every rule the catalogue's (`apis::`). apig-mock answers these calls with them and the
//! console, working in this browser, runs the same functions, so both answer a request alike.

use crate::apis::{self, Api, Catalogue, Invalid, PublishIds, Refusal, Remark, ResourceId};
use crate::gateway::Gateway;

use crate::api::ErrorBody;

use super::{
    ApiActionRequest, ApiInfo, ApiRequest, GroupInfo, GroupRequest, PublishResp, Running,
    api_definition, api_info, group_info, group_input, publish_resp,
};

/// `CreateApiGroupV2`: the group `body` describes, with ID `id`, created at `now_ms`.
pub fn create_group(
    gateway: &mut Gateway,
    body: &GroupRequest,
    id: ResourceId,
    now_ms: u64,
) -> Result<GroupInfo, Refusal> {
    let input = group_input(body)?;
    apis::create_group(gateway, input, id, now_ms).map(group_info)
}

/// An API as answered: with its group's name and the environments it runs in.
pub fn api_answer(catalogue: &Catalogue, api: &Api) -> ApiInfo {
    let group_name = catalogue
        .group(api.definition.group_id.as_str())
        .map(|g| g.name.as_str().to_owned())
        .unwrap_or_default();
    let running: Vec<Running<'_>> = catalogue
        .published_in(api.id.as_str())
        .map(|(env, publication)| Running { env, publication })
        .collect();
    api_info(api, &group_name, &running)
}

/// `CreateApiV2`: the API `body` describes, with ID `id`, created at `now_ms`.
pub fn create_api(
    gateway: &mut Gateway,
    body: &ApiRequest,
    id: ResourceId,
    now_ms: u64,
) -> Result<ApiInfo, Refusal> {
    let definition = api_definition(body)?;
    let id = apis::create_api(gateway, definition, id, now_ms)?
        .id
        .clone();
    let api = gateway.apis.api(id.as_str()).expect("just created");
    Ok(api_answer(&gateway.apis, api))
}

/// `online` (publish) is `true`, `offline` `false`; anything else is `APIG.2011` naming
/// `action`.
pub fn online_action(action: &str) -> Result<bool, Refusal> {
    match action {
        "online" => Ok(true),
        "offline" => Ok(false),
        other => Err(Refusal::invalid(
            "action",
            &Invalid::NotOneOf {
                given: other.to_owned(),
                allowed: "online, offline".into(),
            },
        )),
    }
}

/// What `CreateOrDeletePublishRecordForApiV2` asks: publish (`online`) or take offline one API
/// in one environment, with a remark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiAction {
    /// `online` (publish) rather than `offline`.
    pub online: bool,
    /// The API.
    pub api_id: String,
    /// The environment.
    pub env_id: String,
    /// The publication's description.
    pub remark: Remark,
}

impl ApiAction {
    /// Reads the request: `action` other than `online` / `offline`, or a remark that breaks its
    /// rule, is `APIG.2011` naming it.
    pub fn parse(body: &ApiActionRequest) -> Result<Self, Refusal> {
        let online = online_action(&body.action)?;
        let remark = Remark::parse(body.remark.as_deref().unwrap_or_default())
            .map_err(|why| Refusal::invalid("remark", &why))?;
        Ok(Self {
            online,
            api_id: body.api_id.clone(),
            env_id: body.env_id.clone(),
            remark,
        })
    }

    /// Applies it at `now_ms` (a publication takes its IDs from `ids`); the record answered —
    /// taking offline, the one that was in effect.
    pub fn apply(
        &self,
        gateway: &mut Gateway,
        ids: impl FnOnce() -> PublishIds,
        now_ms: u64,
    ) -> Result<PublishResp, Refusal> {
        let name = gateway
            .apis
            .api(&self.api_id)
            .map(|a| a.definition.name.as_str().to_owned())
            .unwrap_or_default();
        if self.online {
            let record = apis::publish(
                gateway,
                &self.api_id,
                &self.env_id,
                self.remark.clone(),
                ids(),
                now_ms,
            )?;
            Ok(publish_resp(record, &name))
        } else {
            let record = apis::offline(gateway, &self.api_id, &self.env_id)?;
            Ok(publish_resp(&record, &name))
        }
    }
}

impl From<&Refusal> for ErrorBody {
    /// The answer's body of a refusal (its HTTP status is `refusal.code.http_status()`).
    fn from(refusal: &Refusal) -> Self {
        Self::new(refusal.code.as_str(), refusal.message.clone())
    }
}
