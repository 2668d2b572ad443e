//! A gateway serving one call, from its `Host` to the answer or the backend's plan.
//!
//! What the data plane needs of a gateway's API catalogue is the trait [`Served`]: the group a
//! domain reaches, environments by name, the definitions published in an environment, apps and
//! their authorizations. Steps: the group (debugging domain of this gateway's region with the
//! group's debug access on, or a bound domain), the environment (`X-Stage`, default `RELEASE`),
//! the API ([`super::route`]), then [`super::call::serve`] under the gateway's edition ceiling,
//! the API's limit and, through the debugging domain, the daily calls. Anything not found is
//! 404 `APIG.0101`.

use crate::gateway::Gateway;
use crate::sign::SignableRequest;

use super::answer::GatewayError;
use super::auth::AppKeys;
use super::call::{self, Apps, Call, Outcome, RoutedApi};
use super::cors;
use super::host::{HostTarget, parse_host};
use super::path::{MatchMode, path_segments};
use super::route::{Candidate, select};
use super::throttle::{
    DEBUG_DOMAIN_DAILY_LIMIT, Limit, Scope, Throttle, api_limit, edition_ceiling,
};

/// The header naming the environment.
pub const HEADER_STAGE: &str = "X-Stage";
/// The environment of a call without `X-Stage`.
pub const DEFAULT_STAGE: &str = "RELEASE";

/// One API definition as routing and serving need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiDef {
    /// What serving needs.
    pub api: RoutedApi,
    /// `req_method` (`ANY` included).
    pub method: String,
    /// `req_uri`.
    pub req_uri: String,
    /// `match_mode`.
    pub mode: MatchMode,
}

/// An app of the gateway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppDef {
    /// ID.
    pub id: String,
    /// Name.
    pub name: String,
    /// app key.
    pub key: String,
    /// app secret.
    pub secret: String,
}

/// What the data plane reads of a gateway's API catalogue.
pub trait Served {
    /// Whether the group exists and its debugging domain is on.
    fn debug_domain_open(&self, group_id: &str) -> Option<bool>;
    /// The group an independent domain is bound to.
    fn group_of_domain(&self, domain: &str) -> Option<String>;
    /// The ID of the environment named `name`.
    fn env_id(&self, name: &str) -> Option<String>;
    /// The definitions of the group's APIs as published in the environment.
    fn published(&self, group_id: &str, env_id: &str) -> Vec<ApiDef>;
    /// The current definition of an API and its group's ID.
    fn definition(&self, api_id: &str) -> Option<(ApiDef, String)>;
    /// The app with this app key.
    fn app_by_key(&self, key: &str) -> Option<AppDef>;
    /// The app with this ID.
    fn app(&self, app_id: &str) -> Option<AppDef>;
    /// Whether the app may call the API in the environment.
    fn authorized(&self, app_id: &str, api_id: &str, env_id: &str) -> bool;
}

/// The request of a call, with what the gateway gave it.
#[derive(Debug, Clone, Copy)]
pub struct Incoming<'a> {
    /// The request (raw path and query, headers incl. `Host`, body).
    pub request: &'a SignableRequest,
    /// The caller's address.
    pub source_ip: &'a str,
    /// The request ID.
    pub request_id: &'a str,
    /// Now, epoch ms.
    pub now_ms: u64,
}

/// The group a `Host` reaches on this gateway and whether through its debugging domain.
pub fn group_for_host(
    gateway: &Gateway,
    served: &dyn Served,
    host: &str,
) -> Option<(String, bool)> {
    match parse_host(host) {
        HostTarget::DebugDomain { group_id, region } => (region == gateway.region
            && served.debug_domain_open(&group_id)?)
        .then_some((group_id, true)),
        HostTarget::Domain(name) => served.group_of_domain(&name).map(|g| (g, false)),
    }
}

struct AppsOf<'a> {
    served: &'a dyn Served,
    env_id: &'a str,
}

impl Apps for AppsOf<'_> {
    fn find(&self, app_key: &str) -> Option<AppKeys> {
        self.served.app_by_key(app_key).map(|app| AppKeys {
            app_id: app.id,
            secret: app.secret,
        })
    }

    fn name(&self, app_id: &str) -> String {
        self.served.app(app_id).map(|a| a.name).unwrap_or_default()
    }

    fn authorized(&self, app: &str, api: &str) -> bool {
        self.served.authorized(app, api, self.env_id)
    }
}

/// The limits of a call of `api_id` on `gateway` (through the debugging domain of `group_id`
/// when `debug_domain`).
pub fn limits(gateway: &Gateway, api_id: &str, group_id: &str, debug_domain: bool) -> Vec<Limit> {
    let mut limits = vec![
        Limit {
            scope: Scope::Gateway(gateway.id.to_string()),
            max: edition_ceiling(gateway.edition),
        },
        Limit {
            scope: Scope::Api {
                gateway_id: gateway.id.to_string(),
                api_id: api_id.to_owned(),
            },
            max: api_limit(gateway),
        },
    ];
    if debug_domain {
        limits.push(Limit {
            scope: Scope::DebugDomain(group_id.to_owned()),
            max: DEBUG_DOMAIN_DAILY_LIMIT,
        });
    }
    limits
}

/// Serves a call that reached `gateway`'s group `group_id` (from [`group_for_host`]).
pub fn handle(
    gateway: &Gateway,
    served: &dyn Served,
    group_id: &str,
    debug_domain: bool,
    incoming: &Incoming<'_>,
    throttle: &mut Throttle,
) -> Outcome {
    let request = incoming.request;
    let not_found = || Outcome::Answer(GatewayError::ApiNotFound.answer(incoming.request_id));
    let stage = request
        .header(HEADER_STAGE)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(DEFAULT_STAGE);
    let Some(env_id) = served.env_id(stage) else {
        return not_found();
    };
    let published = served.published(group_id, &env_id);
    let segments = path_segments(&request.path);
    let candidates = || {
        published.iter().map(|def| Candidate {
            api: def,
            method: def.method.as_str(),
            req_uri: def.req_uri.as_str(),
            mode: def.mode,
        })
    };
    let preflight = cors::preflight_method(request)
        .and_then(|method| select(candidates(), &method, &segments))
        .filter(|(def, _)| def.api.cors);
    let Some((def, matched)) =
        preflight.or_else(|| select(candidates(), &request.method, &segments))
    else {
        return not_found();
    };
    let address = gateway.ingress_ip.to_string();
    let call = Call {
        request,
        source_ip: incoming.source_ip,
        request_id: incoming.request_id,
        now_ms: incoming.now_ms,
        stage,
        server: (&address, gateway.name.as_str()),
    };
    let apps = AppsOf {
        served,
        env_id: &env_id,
    };
    let limits = limits(gateway, &def.api.id, group_id, debug_domain);
    call::serve(&def.api, &matched, &call, &apps, &limits, throttle)
}

/// Serves a debug call of one API definition (`DebugApiV2`): routed to `def` alone, never
/// counted against a limit. A path the definition does not match is 404 `APIG.0101`.
pub fn handle_one(
    def: &ApiDef,
    served: &dyn Served,
    env_id: &str,
    stage: &str,
    incoming: &Incoming<'_>,
) -> Outcome {
    let request = incoming.request;
    let segments = path_segments(&request.path);
    let candidate = Candidate {
        api: def,
        method: def.method.as_str(),
        req_uri: def.req_uri.as_str(),
        mode: def.mode,
    };
    let Some((_, matched)) = select([candidate], &request.method, &segments) else {
        return Outcome::Answer(GatewayError::ApiNotFound.answer(incoming.request_id));
    };
    let call = Call {
        request,
        source_ip: incoming.source_ip,
        request_id: incoming.request_id,
        now_ms: incoming.now_ms,
        stage,
        server: ("", ""),
    };
    let apps = AppsOf { served, env_id };
    call::serve(&def.api, &matched, &call, &apps, &[], &mut Throttle::new())
}
