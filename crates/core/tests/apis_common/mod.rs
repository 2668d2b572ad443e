//! Helpers shared by the `apis_*` tests: a gateway, IDs, and definitions to start from.
#![allow(dead_code)] // Each test crate uses a different subset.

#[path = "../domain_common/mod.rs"]
mod domain_common;

use apig_core::Gateway;
use apig_core::apis::{
    ApiDefinition, ApiDocs, ApiName, AppCredentials, AppInput, AppKey, AppName, AppSecret,
    AuthType, Backend, EnvInput, EnvName, GroupInput, GroupName, GroupRemark, MatchMode, Method,
    MockBackend, ParamLocation, ParamName, ParamType, PublishIds, Refusal, Remark, ReqParam,
    ReqProtocol, ReqUri, ResourceId, Visibility,
};
use apig_core::code::ErrorCode;

/// When the tests act, epoch ms.
pub const NOW: u64 = 1_800_000_000_000;

/// A running Basic gateway in `cn-north-4`, catalogue empty.
pub fn gateway() -> Gateway {
    let mut account = domain_common::seed();
    domain_common::cn4_gateways(&mut account, 1).remove(0)
}

/// A 32-hex ID derived from `what` and `n`.
pub fn id(what: &str, n: u64) -> ResourceId {
    ResourceId::derive(&[what], n)
}

/// A group `name` with ID `id("group", n)`.
pub fn add_group(gw: &mut Gateway, n: u64, name: &str) -> ResourceId {
    apig_core::apis::create_group(
        gw,
        GroupInput {
            name: GroupName::parse(name).expect("valid group name"),
            remark: GroupRemark::default(),
        },
        id("group", n),
        NOW,
    )
    .expect("group created")
    .id
    .clone()
}

/// A NONE-auth MOCK GET API answering 200 `{"ok":true}` at `uri` (path parameters declared).
pub fn mock_api(group: &ResourceId, name: &str, uri: &str) -> ApiDefinition {
    let req_uri = ReqUri::parse(uri).expect("valid uri");
    let req_params = req_uri
        .params()
        .map(|p| ReqParam {
            name: p.clone(),
            param_type: ParamType::String,
            location: ParamLocation::Path,
            required: true,
            default_value: None,
            pass_through: true,
            remark: Remark::default(),
        })
        .collect();
    ApiDefinition {
        group_id: group.clone(),
        name: ApiName::parse(name).expect("valid api name"),
        visibility: Visibility::Public,
        req_protocol: ReqProtocol::Https,
        req_method: Method::Get,
        req_uri,
        match_mode: MatchMode::Normal,
        auth_type: AuthType::None,
        app_code_header: false,
        cors: false,
        remark: Remark::default(),
        req_params,
        backend: Backend::Mock(MockBackend {
            result_content: "{\"ok\":true}".into(),
            status_code: 200,
        }),
        backend_params: Vec::new(),
        docs: ApiDocs::default(),
    }
}

/// A request parameter.
pub fn param(name: &str, location: ParamLocation, required: bool) -> ReqParam {
    ReqParam {
        name: ParamName::parse(name).expect("valid param name"),
        param_type: ParamType::String,
        location,
        required,
        default_value: None,
        pass_through: true,
        remark: Remark::default(),
    }
}

/// Creates `definition` as API `id("api", n)`.
pub fn add_api(gw: &mut Gateway, n: u64, definition: ApiDefinition) -> ResourceId {
    apig_core::apis::create_api(gw, definition, id("api", n), NOW)
        .expect("api created")
        .id
        .clone()
}

/// Environment `name` as `id("env", n)`.
pub fn add_env(gw: &mut Gateway, n: u64, name: &str) -> ResourceId {
    apig_core::apis::create_environment(
        gw,
        EnvInput {
            name: EnvName::parse(name).expect("valid env name"),
            remark: Remark::default(),
        },
        id("env", n),
        NOW,
    )
    .expect("env created")
    .id
    .clone()
}

/// Publication IDs number `n`.
pub fn publish_ids(n: u64) -> PublishIds {
    PublishIds {
        publish_id: id("publish", n),
        version_id: id("version", n),
    }
}

/// App `name` with key `key-{n}-xxxxxxxx` as `id("app", n)`.
pub fn add_app(gw: &mut Gateway, n: u64, name: &str) -> ResourceId {
    apig_core::apis::create_app(
        gw,
        AppInput {
            name: AppName::parse(name).expect("valid app name"),
            remark: Remark::default(),
        },
        AppCredentials {
            app_key: AppKey::parse(&format!("key{n:08}")).expect("valid key"),
            app_secret: AppSecret::parse(&format!("secret{n:08}")).expect("valid secret"),
        },
        id("app", n),
        NOW,
    )
    .expect("app created")
    .id
    .clone()
}

/// Asserts a refusal's code and parameter, and that its message names the parameter.
pub fn refused<T: std::fmt::Debug>(
    result: Result<T, Refusal>,
    code: ErrorCode,
    parameter: &str,
) -> Refusal {
    let e = result.expect_err("refused");
    assert_eq!((e.code, e.parameter.as_str()), (code, parameter), "{e}");
    assert!(!e.message.is_empty());
    e
}
