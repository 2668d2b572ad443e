//! The catalogue's objects as the API answers them (`apis::` → wire). The routes gather what
//! an answer needs besides the object (a group's name, the environments an API runs in) and
//! hand it in; these functions only shape JSON.

use crate::apis::{
    Api, App, Authorization, Backend, BackendValue, BoundDomain, Environment, Group, Publication,
};
use crate::convert::rfc3339;

use super::{
    ApiInfo, ApiVersionResp, AppInfo, AuthInfo, AuthOpt, AuthRelation, AuthResult, BackendApi,
    BackendParam, DomainResponse, EnvInfo, GroupInfo, MockInfo, PublishResp, ReqParam, UrlDomain,
};

/// `1` for yes, `2` for no: the API's way of spelling a flag in `required` and `pass_through`.
const fn one_or_two(yes: bool) -> i64 {
    if yes { 1 } else { 2 }
}

/// A bound domain in a group's `url_domains`.
pub fn url_domain(domain: &BoundDomain) -> UrlDomain {
    UrlDomain {
        id: domain.id.as_str().to_owned(),
        domain: domain.url_domain.as_str().to_owned(),
        // Resolved: the sandbox has no DNS to wait for.
        cname_status: 3,
        min_ssl_version: "TLSv1.2".to_owned(),
        ingress_http_port: -1,
        ingress_https_port: -1,
    }
}

/// The answer of binding a domain.
pub fn domain_response(domain: &BoundDomain) -> DomainResponse {
    DomainResponse {
        id: domain.id.as_str().to_owned(),
        url_domain: domain.url_domain.as_str().to_owned(),
        status: 3,
        min_ssl_version: "TLSv1.2".to_owned(),
        ingress_http_port: -1,
        ingress_https_port: -1,
    }
}

/// A group.
pub fn group_info(group: &Group) -> GroupInfo {
    GroupInfo {
        id: group.id.as_str().to_owned(),
        name: group.name.as_str().to_owned(),
        status: 1,
        sl_domain: group.sl_domain.clone(),
        sl_domains: vec![group.sl_domain.clone()],
        register_time: rfc3339(group.register_time_ms),
        update_time: rfc3339(group.update_time_ms),
        on_sell_status: 2,
        url_domains: group.domains.iter().map(url_domain).collect(),
        sl_domain_access_enabled: group.sl_domain_access_enabled,
        remark: Some(group.remark.as_str().to_owned()),
        is_default: 2,
        version: "V1".to_owned(),
    }
}

/// An environment; `created_ms` stands for the built-in RELEASE's creation (the gateway's).
pub fn env_info(env: &Environment, created_ms: u64) -> EnvInfo {
    EnvInfo {
        id: env.id.as_str().to_owned(),
        name: env.name.as_str().to_owned(),
        remark: Some(env.remark.as_str().to_owned()),
        create_time: rfc3339(if env.create_time_ms == 0 {
            created_ms
        } else {
            env.create_time_ms
        }),
    }
}

/// The effective publication of an API in one environment, for `run_env_*` / `publish_*`.
#[derive(Debug, Clone, Copy)]
pub struct Running<'a> {
    /// The environment.
    pub env: &'a Environment,
    /// The version in effect there.
    pub publication: &'a Publication,
}

/// An API with its group's name and the environments it runs in (aligned `|`-joined lists).
pub fn api_info(api: &Api, group_name: &str, running: &[Running<'_>]) -> ApiInfo {
    let d = &api.definition;
    let joined = |f: &dyn Fn(&Running<'_>) -> String| {
        (!running.is_empty()).then(|| running.iter().map(f).collect::<Vec<_>>().join("|"))
    };
    let (mock_info, backend_api) = backend(api);
    ApiInfo {
        id: api.id.as_str().to_owned(),
        name: d.name.as_str().to_owned(),
        kind: d.visibility.as_str().parse().unwrap_or(1),
        req_protocol: d.req_protocol.as_str().to_owned(),
        req_method: d.req_method.as_str().to_owned(),
        req_uri: d.req_uri.as_str().to_owned(),
        auth_type: d.auth_type.as_str().to_owned(),
        auth_opt: AuthOpt {
            app_code_auth_type: Some(
                if d.app_code_header {
                    "HEADER"
                } else {
                    "DISABLE"
                }
                .into(),
            ),
        },
        cors: d.cors,
        match_mode: d.match_mode.as_str().to_owned(),
        backend_type: d.backend.kind().as_str().to_owned(),
        remark: Some(d.remark.as_str().to_owned()),
        group_id: d.group_id.as_str().to_owned(),
        group_name: group_name.to_owned(),
        group_version: "V1".to_owned(),
        body_remark: Some(d.docs.body_remark.clone()),
        result_normal_sample: Some(d.docs.result_normal_sample.clone()),
        result_failure_sample: Some(d.docs.result_failure_sample.clone()),
        tags: d.docs.tags.clone(),
        status: 1,
        register_time: rfc3339(api.register_time_ms),
        update_time: rfc3339(api.update_time_ms),
        run_env_id: joined(&|r| r.env.id.as_str().to_owned()),
        run_env_name: joined(&|r| r.env.name.as_str().to_owned()),
        publish_id: joined(&|r| r.publication.publish_id.as_str().to_owned()),
        publish_time: joined(&|r| rfc3339(r.publication.publish_time_ms)),
        mock_info,
        backend_api,
        req_params: d.req_params.iter().map(req_param).collect(),
        backend_params: d.backend_params.iter().map(backend_param).collect(),
    }
}

/// The mock or HTTP backend of an API as answered.
fn backend(api: &Api) -> (Option<MockInfo>, Option<BackendApi>) {
    match &api.definition.backend {
        Backend::Mock(mock) => (
            Some(MockInfo {
                id: Some(api.id.as_str().to_owned()),
                result_content: Some(mock.result_content.clone()),
                status_code: Some(i64::from(mock.status_code)),
                status: Some(1),
                ..MockInfo::default()
            }),
            None,
        ),
        Backend::Http(http) => (
            None,
            Some(BackendApi {
                id: Some(api.id.as_str().to_owned()),
                req_protocol: http.req_protocol.as_str().to_owned(),
                req_method: http.req_method.as_str().to_owned(),
                req_uri: http.req_uri.as_str().to_owned(),
                url_domain: Some(http.url_domain.to_string()),
                timeout: Some(i64::from(http.timeout_ms)),
                retry_count: Some(http.retry_count.to_string()),
                vpc_channel_status: Some(2),
                status: Some(1),
                ..BackendApi::default()
            }),
        ),
    }
}

fn req_param(p: &crate::apis::ReqParam) -> ReqParam {
    ReqParam {
        id: Some(p.name.as_str().to_owned()),
        name: p.name.as_str().to_owned(),
        kind: p.param_type.as_str().to_owned(),
        location: p.location.as_str().to_owned(),
        default_value: p.default_value.clone(),
        required: Some(one_or_two(p.required)),
        remark: Some(p.remark.as_str().to_owned()),
        pass_through: Some(one_or_two(p.pass_through)),
    }
}

fn backend_param(p: &crate::apis::BackendParam) -> BackendParam {
    let (origin, value) = match &p.value {
        BackendValue::Request(name) => ("REQUEST", name.as_str().to_owned()),
        BackendValue::Constant(text) => ("CONSTANT", text.clone()),
        BackendValue::System(var) => ("SYSTEM", format!("$context.{}", var.as_str())),
    };
    BackendParam {
        id: Some(p.name.as_str().to_owned()),
        origin: origin.to_owned(),
        name: p.name.as_str().to_owned(),
        location: p.location.as_str().to_owned(),
        value,
        remark: Some(p.remark.as_str().to_owned()),
    }
}

/// A publication record (the answer of publishing, and a batch's successes).
pub fn publish_resp(publication: &Publication, api_name: &str) -> PublishResp {
    PublishResp {
        publish_id: publication.publish_id.as_str().to_owned(),
        api_id: publication.api_id.as_str().to_owned(),
        api_name: api_name.to_owned(),
        env_id: publication.env_id.as_str().to_owned(),
        remark: Some(publication.remark.as_str().to_owned()),
        publish_time: rfc3339(publication.publish_time_ms),
        version_id: publication.version_id.as_str().to_owned(),
    }
}

/// A version of an API in an environment, numbered by its publication time.
pub fn api_version(publication: &Publication, env_name: &str) -> ApiVersionResp {
    let time = rfc3339(publication.publish_time_ms);
    ApiVersionResp {
        version_id: publication.version_id.as_str().to_owned(),
        version_no: time.chars().filter(char::is_ascii_digit).collect(),
        api_id: publication.api_id.as_str().to_owned(),
        env_id: publication.env_id.as_str().to_owned(),
        env_name: env_name.to_owned(),
        remark: Some(publication.remark.as_str().to_owned()),
        publish_time: time,
        status: one_or_two(publication.effective),
    }
}

/// An app, its secret in full; `bind_num` for lists.
pub fn app_info(app: &App, bind_num: Option<u64>) -> AppInfo {
    AppInfo {
        id: app.id.as_str().to_owned(),
        name: app.name.as_str().to_owned(),
        remark: Some(app.remark.as_str().to_owned()),
        creator: "USER".to_owned(),
        app_key: app.app_key.as_str().to_owned(),
        app_secret: app.app_secret.as_str().to_owned(),
        register_time: rfc3339(app.register_time_ms),
        update_time: rfc3339(app.update_time_ms),
        status: 1,
        app_type: "apig".to_owned(),
        bind_num,
    }
}

/// One (API, app) pair of an authorization request that succeeded.
/// `names` are the API's and the app's.
pub fn auth_success(auth: &Authorization, names: (&str, &str)) -> AuthRelation {
    AuthRelation {
        id: auth.id.as_str().to_owned(),
        api_id: auth.api_id.as_str().to_owned(),
        app_id: auth.app_id.as_str().to_owned(),
        auth_result: AuthResult {
            status: "SUCCESS".to_owned(),
            error_code: None,
            error_msg: None,
            api_name: names.0.to_owned(),
            app_name: names.1.to_owned(),
        },
        auth_time: rfc3339(auth.auth_time_ms),
        auth_role: "PROVIDER".to_owned(),
        auth_tunnel: "NORMAL".to_owned(),
    }
}

/// One (API, app) pair of an authorization request that failed with `code` and `message`.
/// `ids` and `names` are the API's and the app's.
pub fn auth_failure(
    ids: (&str, &str),
    names: (&str, &str),
    code: &str,
    message: &str,
) -> AuthRelation {
    AuthRelation {
        api_id: ids.0.to_owned(),
        app_id: ids.1.to_owned(),
        auth_result: AuthResult {
            status: "FAILED".to_owned(),
            error_code: Some(code.to_owned()),
            error_msg: Some(message.to_owned()),
            api_name: names.0.to_owned(),
            app_name: names.1.to_owned(),
        },
        auth_role: "PROVIDER".to_owned(),
        auth_tunnel: "NORMAL".to_owned(),
        ..AuthRelation::default()
    }
}

/// What a listed authorization shows besides the record itself.
#[derive(Debug, Clone, Copy)]
pub struct AuthContext<'a> {
    /// The API.
    pub api: &'a Api,
    /// Its group's name.
    pub group_name: &'a str,
    /// The environment.
    pub env: &'a Environment,
    /// The app.
    pub app: &'a App,
    /// The API's publication record in that environment, if published.
    pub publish_id: Option<&'a str>,
}

/// An authorization as `binded-apis` / `binded-apps` list it.
pub fn auth_info(auth: &Authorization, ctx: &AuthContext<'_>) -> AuthInfo {
    let d = &ctx.api.definition;
    AuthInfo {
        id: auth.id.as_str().to_owned(),
        api_id: auth.api_id.as_str().to_owned(),
        api_name: d.name.as_str().to_owned(),
        api_type: d.visibility.as_str().parse().unwrap_or(1),
        api_remark: Some(d.remark.as_str().to_owned()),
        group_id: d.group_id.as_str().to_owned(),
        group_name: ctx.group_name.to_owned(),
        env_id: ctx.env.id.as_str().to_owned(),
        env_name: ctx.env.name.as_str().to_owned(),
        app_id: ctx.app.id.as_str().to_owned(),
        app_name: ctx.app.name.as_str().to_owned(),
        app_remark: Some(ctx.app.remark.as_str().to_owned()),
        app_type: "apig".to_owned(),
        app_creator: "USER".to_owned(),
        publish_id: ctx.publish_id.unwrap_or_default().to_owned(),
        auth_time: rfc3339(auth.auth_time_ms),
        auth_role: "PROVIDER".to_owned(),
        auth_tunnel: "NORMAL".to_owned(),
    }
}
