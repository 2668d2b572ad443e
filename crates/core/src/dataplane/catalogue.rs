//! The gateway's API catalogue ([`crate::apis::Catalogue`]) as the data plane reads it
//! ([`Served`]): published definitions per group and environment, apps and authorizations.

use crate::apis::{self, ApiDefinition, AuthType, BackendValue, Catalogue, ParamLocation};
use crate::authority::Operation;
use crate::gateway::Gateway;

use super::backend::{self, BackendParam, Location, Origin};
use super::call::{AuthKind, Backend, RoutedApi};
use super::gateway::{ApiDef, AppDef, Served};
use super::path::MatchMode;

/// What the data plane serves of a gateway: its catalogue.
pub fn served(gateway: &Gateway) -> Option<&dyn Served> {
    Some(&gateway.apis)
}

/// The permission `DebugApiV2` needs.
pub const DEBUG_OPERATION: Operation = Operation::DebugApi;

/// The answer for an API the gateway does not have: 404 `APIG.3002`.
pub fn api_not_found(api_id: &str) -> crate::api::ErrorBody {
    crate::api::ErrorBody::from(&apis::Missing::Api.refusal("api_id", api_id))
}

/// One API definition as routing and serving need it.
pub fn api_def(api_id: &str, definition: &ApiDefinition) -> ApiDef {
    let backend = match &definition.backend {
        apis::Backend::Mock(mock) => Backend::Mock {
            status: Some(mock.status_code),
            content: mock.result_content.clone(),
        },
        apis::Backend::Http(http) => Backend::Http(backend::HttpBackend {
            protocol: http.req_protocol.as_str().to_owned(),
            method: http.req_method.as_str().to_owned(),
            url_domain: http.url_domain.to_string(),
            req_uri: http.req_uri.as_str().to_owned(),
            timeout_ms: u64::from(http.timeout_ms),
            params: definition.backend_params.iter().map(param).collect(),
        }),
    };
    ApiDef {
        api: RoutedApi {
            id: api_id.to_owned(),
            name: definition.name.as_str().to_owned(),
            auth: match definition.auth_type {
                AuthType::None => AuthKind::None,
                AuthType::App => AuthKind::App,
            },
            cors: definition.cors,
            backend,
        },
        method: definition.req_method.as_str().to_owned(),
        req_uri: definition.req_uri.as_str().to_owned(),
        mode: match definition.match_mode {
            apis::MatchMode::Normal => MatchMode::Exact,
            apis::MatchMode::Swa => MatchMode::Prefix,
        },
    }
}

fn param(param: &apis::BackendParam) -> BackendParam {
    let (origin, value) = match &param.value {
        BackendValue::Request(name) => (Origin::Request, name.as_str().to_owned()),
        BackendValue::Constant(text) => (Origin::Constant, text.clone()),
        BackendValue::System(var) => (Origin::System, format!("$context.{}", var.as_str())),
    };
    BackendParam {
        name: param.name.as_str().to_owned(),
        location: match param.location {
            ParamLocation::Path => Location::Path,
            ParamLocation::Query => Location::Query,
            ParamLocation::Header => Location::Header,
        },
        origin,
        value,
    }
}

fn app_def(app: &apis::App) -> AppDef {
    AppDef {
        id: app.id.as_str().to_owned(),
        name: app.name.as_str().to_owned(),
        key: app.app_key.as_str().to_owned(),
        secret: app.app_secret.as_str().to_owned(),
    }
}

impl Served for Catalogue {
    fn debug_domain_open(&self, group_id: &str) -> Option<bool> {
        self.group(group_id).map(|g| g.sl_domain_access_enabled)
    }

    fn group_of_domain(&self, domain: &str) -> Option<String> {
        self.group_by_domain(domain)
            .map(|g| g.id.as_str().to_owned())
    }

    fn env_id(&self, name: &str) -> Option<String> {
        self.environment_by_name(name)
            .map(|e| e.id.as_str().to_owned())
    }

    fn published(&self, group_id: &str, env_id: &str) -> Vec<ApiDef> {
        Catalogue::published(self, env_id)
            .into_iter()
            .filter(|p| p.group.id.as_str() == group_id)
            .map(|p| api_def(p.api_id.as_str(), p.definition()))
            .collect()
    }

    fn definition(&self, api_id: &str) -> Option<(ApiDef, String)> {
        self.api(api_id).map(|api| {
            (
                api_def(api.id.as_str(), &api.definition),
                api.definition.group_id.as_str().to_owned(),
            )
        })
    }

    fn app_by_key(&self, key: &str) -> Option<AppDef> {
        Catalogue::app_by_key(self, key).map(app_def)
    }

    fn app(&self, app_id: &str) -> Option<AppDef> {
        Catalogue::app(self, app_id).map(app_def)
    }

    fn authorized(&self, app: &str, api: &str, env_id: &str) -> bool {
        self.is_authorized(app, api, env_id)
    }
}
