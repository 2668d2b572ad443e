//! Requests as the catalogue's values (wire → `apis::`): every field parsed with the core's
//! validated types, a value that breaks a rule refused with `APIG.2011` naming the wire
//! parameter (`req_params[1].name`, `backend_api.timeout`, ...). The rules between objects
//! (uniqueness, path parameters defined, quotas) are the operations' in `apis`.

use crate::apis::{
    ApiDefinition, ApiDocs, AppCredentials, AppInput, AppKey, AppName, AppSecret, AuthType,
    Backend, BackendKind, BackendParam as DomainBackendParam, BackendProtocol, BackendUri,
    BackendValue, ContextVar, EnvInput, EnvName, GroupInput, GroupName, GroupRemark, HttpBackend,
    Invalid, MatchMode, Method, MockBackend, ParamLocation, ParamName, ParamType, Refusal, Remark,
    ReqParam as DomainReqParam, ReqProtocol, ReqUri, ResourceId, UrlDomain, Visibility,
};

use super::{
    ApiRequest, AppRequest, BackendApi, BackendParam, EnvRequest, GroupRequest, MockInfo, ReqParam,
};

/// Parses `value` given as `parameter`.
fn parse<T>(
    parameter: &str,
    value: &str,
    parse: impl FnOnce(&str) -> Result<T, Invalid>,
) -> Result<T, Refusal> {
    parse(value).map_err(|why| Refusal::invalid(parameter, &why))
}

/// An optional remark (absent = empty).
fn remark(parameter: &str, value: Option<&str>) -> Result<Remark, Refusal> {
    parse(parameter, value.unwrap_or_default(), Remark::parse)
}

/// A group's name and remark.
pub fn group_input(body: &GroupRequest) -> Result<GroupInput, Refusal> {
    Ok(GroupInput {
        name: parse("name", &body.name, GroupName::parse)?,
        remark: parse(
            "remark",
            body.remark.as_deref().unwrap_or_default(),
            GroupRemark::parse,
        )?,
    })
}

/// `1` / `2` flags (`required`, `pass_through`): absent is `default`.
fn flag(parameter: &str, value: Option<i64>, default: bool) -> Result<bool, Refusal> {
    match value {
        None => Ok(default),
        Some(1) => Ok(true),
        Some(2) => Ok(false),
        Some(other) => Err(Refusal::invalid(
            parameter,
            &Invalid::Range {
                min: 1,
                max: 2,
                actual: other,
            },
        )),
    }
}

fn req_param(at: &str, param: &ReqParam) -> Result<DomainReqParam, Refusal> {
    let location = parse(
        &format!("{at}.location"),
        &param.location,
        ParamLocation::parse,
    )?;
    let path = location == ParamLocation::Path;
    let kind = if param.kind.is_empty() {
        "STRING"
    } else {
        &param.kind
    };
    Ok(DomainReqParam {
        name: parse(&format!("{at}.name"), &param.name, ParamName::parse)?,
        param_type: parse(&format!("{at}.type"), kind, ParamType::parse)?,
        location,
        // A PATH parameter is always required.
        required: path || flag(&format!("{at}.required"), param.required, false)?,
        default_value: param.default_value.clone(),
        pass_through: flag(&format!("{at}.pass_through"), param.pass_through, true)?,
        remark: remark(&format!("{at}.remark"), param.remark.as_deref())?,
    })
}

fn backend_param(at: &str, param: &BackendParam) -> Result<DomainBackendParam, Refusal> {
    let value_at = format!("{at}.value");
    let value = match param.origin.as_str() {
        "REQUEST" => BackendValue::Request(parse(&value_at, &param.value, ParamName::parse)?),
        "CONSTANT" => BackendValue::Constant(param.value.clone()),
        "SYSTEM" => {
            let name = param.value.strip_prefix("$context.").ok_or_else(|| {
                Refusal::invalid_because(
                    &value_at,
                    "A SYSTEM parameter's value is a gateway variable such as $context.sourceIp.",
                )
            })?;
            BackendValue::System(parse(&value_at, name, ContextVar::parse)?)
        }
        other => {
            return Err(Refusal::invalid(
                format!("{at}.origin"),
                &Invalid::NotOneOf {
                    given: other.to_owned(),
                    allowed: "REQUEST, CONSTANT, SYSTEM".to_owned(),
                },
            ));
        }
    };
    Ok(DomainBackendParam {
        name: parse(&format!("{at}.name"), &param.name, ParamName::parse)?,
        location: parse(
            &format!("{at}.location"),
            &param.location,
            ParamLocation::parse,
        )?,
        value,
        remark: remark(&format!("{at}.remark"), param.remark.as_deref())?,
    })
}

fn http_backend(backend: Option<&BackendApi>) -> Result<HttpBackend, Refusal> {
    let Some(b) = backend else {
        return Err(Refusal::invalid("backend_api", &Invalid::Missing));
    };
    if b.vpc_channel_status == Some(1) {
        return Err(Refusal::invalid(
            "backend_api.vpc_channel_status",
            &Invalid::NotAvailable {
                given: "1".to_owned(),
                instead: "VPC channels are not emulated; give url_domain and vpc_channel_status 2",
            },
        ));
    }
    let timeout = b
        .timeout
        .ok_or_else(|| Refusal::invalid("backend_api.timeout", &Invalid::Missing))?;
    let timeout_ms = u32::try_from(timeout)
        .ok()
        .filter(|t| *t >= 1)
        .ok_or_else(|| {
            Refusal::invalid(
                "backend_api.timeout",
                &Invalid::Range {
                    min: 1,
                    max: i64::from(u32::MAX),
                    actual: timeout,
                },
            )
        })?;
    let retry = b.retry_count.as_deref().unwrap_or("-1");
    let retry_count = retry
        .trim()
        .parse::<i8>()
        .ok()
        .filter(|r| (-1..=10).contains(r))
        .ok_or_else(|| {
            Refusal::invalid_because(
                "backend_api.retry_count",
                &format!("`{retry}` is not a number from -1 to 10."),
            )
        })?;
    Ok(HttpBackend {
        req_protocol: parse(
            "backend_api.req_protocol",
            &b.req_protocol,
            BackendProtocol::parse,
        )?,
        req_method: parse("backend_api.req_method", &b.req_method, Method::parse)?,
        req_uri: parse("backend_api.req_uri", &b.req_uri, BackendUri::parse)?,
        url_domain: parse(
            "backend_api.url_domain",
            b.url_domain.as_deref().unwrap_or_default(),
            UrlDomain::parse,
        )?,
        timeout_ms,
        retry_count,
    })
}

fn mock_backend(mock: Option<&MockInfo>) -> Result<MockBackend, Refusal> {
    let mock = mock.cloned().unwrap_or_default();
    let status = mock.status_code.unwrap_or(200);
    let status_code = u16::try_from(status)
        .ok()
        .filter(|s| (200..=599).contains(s))
        .ok_or_else(|| {
            Refusal::invalid(
                "mock_info.status_code",
                &Invalid::Range {
                    min: 200,
                    max: 599,
                    actual: status,
                },
            )
        })?;
    Ok(MockBackend {
        result_content: mock.result_content.unwrap_or_default(),
        status_code,
    })
}

/// An API's definition from `POST …/apis` / `PUT …/apis/{api_id}`.
pub fn api_definition(body: &ApiRequest) -> Result<ApiDefinition, Refusal> {
    let visibility = match body.kind {
        Some(1) => Visibility::Public,
        Some(2) => Visibility::Private,
        None => return Err(Refusal::invalid("type", &Invalid::Missing)),
        Some(other) => {
            return Err(Refusal::invalid(
                "type",
                &Invalid::Range {
                    min: 1,
                    max: 2,
                    actual: other,
                },
            ));
        }
    };
    let auth_type = parse("auth_type", &body.auth_type, AuthType::parse)?;
    let app_code_header = match body
        .auth_opt
        .as_ref()
        .and_then(|o| o.app_code_auth_type.as_deref())
    {
        None | Some("DISABLE") => false,
        Some("HEADER") if auth_type == AuthType::App => true,
        Some("HEADER") => {
            return Err(Refusal::invalid_because(
                "auth_opt.app_code_auth_type",
                "HEADER (simple authentication) needs auth_type APP.",
            ));
        }
        Some(other) => {
            return Err(Refusal::invalid(
                "auth_opt.app_code_auth_type",
                &Invalid::NotOneOf {
                    given: other.to_owned(),
                    allowed: "DISABLE, HEADER".to_owned(),
                },
            ));
        }
    };
    let backend = match parse("backend_type", &body.backend_type, BackendKind::parse)? {
        BackendKind::Http => Backend::Http(http_backend(body.backend_api.as_ref())?),
        BackendKind::Mock => Backend::Mock(mock_backend(body.mock_info.as_ref())?),
    };
    let protocol = if body.req_protocol.is_empty() {
        "HTTPS"
    } else {
        &body.req_protocol
    };
    let match_mode = body.match_mode.as_deref().unwrap_or("NORMAL");
    Ok(ApiDefinition {
        group_id: parse("group_id", &body.group_id, ResourceId::parse)?,
        name: parse("name", &body.name, crate::apis::ApiName::parse)?,
        visibility,
        req_protocol: parse("req_protocol", protocol, ReqProtocol::parse)?,
        req_method: parse("req_method", &body.req_method, Method::parse)?,
        req_uri: parse("req_uri", &body.req_uri, ReqUri::parse)?,
        match_mode: parse("match_mode", match_mode, MatchMode::parse)?,
        auth_type,
        app_code_header,
        cors: body.cors.unwrap_or(false),
        remark: remark("remark", body.remark.as_deref())?,
        req_params: body
            .req_params
            .iter()
            .enumerate()
            .map(|(i, p)| req_param(&format!("req_params[{i}]"), p))
            .collect::<Result<_, _>>()?,
        backend,
        docs: ApiDocs {
            body_remark: body.body_remark.clone().unwrap_or_default(),
            result_normal_sample: body.result_normal_sample.clone().unwrap_or_default(),
            result_failure_sample: body.result_failure_sample.clone().unwrap_or_default(),
            tags: body.tags.clone(),
        },
        backend_params: body
            .backend_params
            .iter()
            .enumerate()
            .map(|(i, p)| backend_param(&format!("backend_params[{i}]"), p))
            .collect::<Result<_, _>>()?,
    })
}

/// An environment's name and remark.
pub fn env_input(body: &EnvRequest) -> Result<EnvInput, Refusal> {
    Ok(EnvInput {
        name: parse("name", &body.name, EnvName::parse)?,
        remark: remark("remark", body.remark.as_deref())?,
    })
}

/// An app's name and remark.
pub fn app_input(body: &AppRequest) -> Result<AppInput, Refusal> {
    Ok(AppInput {
        name: parse("name", &body.name, AppName::parse)?,
        remark: remark("remark", body.remark.as_deref())?,
    })
}

/// An app's key and secret: the request's, else the generated ones given (the core has no
/// random numbers).
pub fn app_credentials(
    body: &AppRequest,
    generated_key: &str,
    generated_secret: &str,
) -> Result<AppCredentials, Refusal> {
    Ok(AppCredentials {
        app_key: parse(
            "app_key",
            body.app_key.as_deref().unwrap_or(generated_key),
            AppKey::parse,
        )?,
        app_secret: app_secret(body.app_secret.as_deref(), generated_secret)?,
    })
}

/// A secret: the one given, else the generated one.
pub fn app_secret(given: Option<&str>, generated: &str) -> Result<AppSecret, Refusal> {
    parse("app_secret", given.unwrap_or(generated), AppSecret::parse)
}

/// The IDs of a list parameter (`app_ids`, `api_ids`), each a well-formed ID.
pub fn resource_ids(parameter: &str, ids: &[String]) -> Result<Vec<ResourceId>, Refusal> {
    ids.iter()
        .enumerate()
        .map(|(i, id)| parse(&format!("{parameter}[{i}]"), id, ResourceId::parse))
        .collect()
}
