//! API management of a gateway (docs/reference.md, API management): the [`Catalogue`] stored
//! in the gateway record (`Gateway::apis`) — API groups with their debug domain and bound
//! domains, APIs, environments (the built-in RELEASE and the gateway's own), publication
//! records, apps and authorizations —, the validated values they are made of, and one pure
//! operation per management call (`create_group`, `create_api`, `publish`, ...) that checks
//! every rule and quota before it changes anything and answers a [`Refusal`] with its
//! `APIG.xxxx` code otherwise. Time and generated IDs, keys and secrets come in as arguments.
//!
//! The data plane reads the catalogue through [`Catalogue::published`],
//! [`Catalogue::group_by_debug_domain`], [`Catalogue::group_by_domain`],
//! [`Catalogue::environment_by_name`], [`Catalogue::app_by_key`] and
//! [`Catalogue::is_authorized`].

mod model;
mod names;
mod ops;
mod quota;
mod refusal;
mod uri;

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

pub use model::{
    Api, ApiDefinition, ApiDocs, App, AuthType, Authorization, Backend, BackendKind, BackendParam,
    BackendProtocol, BackendValue, BoundDomain, ContextVar, Environment, Group, HttpBackend,
    MatchMode, Method, MockBackend, ParamLocation, ParamType, Publication, ReqParam, ReqProtocol,
    Visibility,
};
pub use names::{
    ApiName, AppKey, AppName, AppSecret, DomainName, EnvName, GroupName, GroupRemark, ParamName,
    Remark, ResourceId,
};
pub use ops::{
    AppCredentials, AppInput, AuthOutcome, EnvInput, GroupInput, PublishIds, authorize_apps,
    bind_domain, cancel_authorization, change_version, create_api, create_app, create_environment,
    create_group, delete_api, delete_app, delete_environment, delete_group, max_backend_timeout_ms,
    offline, publish, reset_app_secret, set_debug_domain_access, unbind_domain, update_api,
    update_app, update_environment, update_group,
};
pub use quota::{Quotas, VERSIONS_KEPT};
pub use refusal::{Invalid, Missing, Refusal};
pub use uri::{BackendUri, ReqUri, Segment, UrlDomain};

/// The ID of the built-in environment RELEASE.
pub const DEFAULT_ENVIRONMENT_RELEASE_ID: &str = "DEFAULT_ENVIRONMENT_RELEASE_ID";

/// The name of the built-in environment, the one a call without `X-Stage` reaches.
pub const RELEASE: &str = "RELEASE";

static RELEASE_ENVIRONMENT: LazyLock<Environment> = LazyLock::new(|| Environment {
    id: ResourceId::parse(DEFAULT_ENVIRONMENT_RELEASE_ID).expect("valid ID"),
    name: EnvName::parse(RELEASE).expect("valid name"),
    remark: Remark::parse("The built-in environment").expect("valid remark"),
    create_time_ms: 0,
});

/// The built-in environment RELEASE.
pub fn release_environment() -> &'static Environment {
    &RELEASE_ENVIRONMENT
}

/// The debug domain of group `group_id` in `region`:
/// `{group_id}.apic.{region}.huaweicloudapis.com`.
pub fn debug_domain(group_id: &str, region: &str) -> String {
    format!("{group_id}.apic.{region}.huaweicloudapis.com")
}

/// Everything a gateway serves and who may call it. Lists keep creation order (oldest first);
/// publications are newest first per API and environment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    /// API groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// APIs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub apis: Vec<Api>,
    /// The gateway's own environments (RELEASE is built in, not stored).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub environments: Vec<Environment>,
    /// Publication records (versions), newest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publications: Vec<Publication>,
    /// Apps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub apps: Vec<App>,
    /// Authorizations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authorizations: Vec<Authorization>,
}

/// An API as published in one environment: what the data plane routes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublishedApi<'a> {
    /// The API's ID.
    pub api_id: &'a ResourceId,
    /// Its group.
    pub group: &'a Group,
    /// The environment.
    pub environment: &'a Environment,
    /// The effective publication (its `definition` is what calls reach, which may differ
    /// from the API's current definition until it is published again).
    pub publication: &'a Publication,
}

impl PublishedApi<'_> {
    /// The published definition.
    pub fn definition(&self) -> &ApiDefinition {
        &self.publication.definition
    }
}

impl Catalogue {
    /// Whether the gateway has no group, API, environment, publication, app or
    /// authorization (the stored record then leaves the field out).
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
            && self.apis.is_empty()
            && self.environments.is_empty()
            && self.publications.is_empty()
            && self.apps.is_empty()
            && self.authorizations.is_empty()
    }

    /// The group `id`.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id.as_str() == id)
    }

    /// The group whose debug domain is `host` (case-insensitive, without port or the
    /// `.localhost` suffix — the caller strips those), whether or not its access is on
    /// (the caller checks `sl_domain_access_enabled`).
    pub fn group_by_debug_domain(&self, host: &str) -> Option<&Group> {
        self.groups
            .iter()
            .find(|g| g.sl_domain.eq_ignore_ascii_case(host))
    }

    /// The group `host` is bound to as an independent domain (case-insensitive, without port).
    pub fn group_by_domain(&self, host: &str) -> Option<&Group> {
        self.groups.iter().find(|g| {
            g.domains
                .iter()
                .any(|d| d.url_domain.as_str().eq_ignore_ascii_case(host))
        })
    }

    /// The API `id`.
    pub fn api(&self, id: &str) -> Option<&Api> {
        self.apis.iter().find(|a| a.id.as_str() == id)
    }

    /// The APIs of group `group_id`.
    pub fn apis_of_group<'a>(&'a self, group_id: &'a str) -> impl Iterator<Item = &'a Api> + 'a {
        self.apis
            .iter()
            .filter(move |a| a.definition.group_id.as_str() == group_id)
    }

    /// Every environment: RELEASE first, then the gateway's own, oldest first.
    pub fn environments(&self) -> impl Iterator<Item = &Environment> {
        std::iter::once(release_environment()).chain(self.environments.iter())
    }

    /// The environment `id` (RELEASE included).
    pub fn environment(&self, id: &str) -> Option<&Environment> {
        self.environments().find(|e| e.id.as_str() == id)
    }

    /// The environment named `name` (exact; `RELEASE` is the built-in one), as `X-Stage`
    /// selects it.
    pub fn environment_by_name(&self, name: &str) -> Option<&Environment> {
        self.environments().find(|e| e.name.as_str() == name)
    }

    /// The effective publication of API `api_id` in environment `env_id`, if it is published
    /// there.
    pub fn publication(&self, api_id: &str, env_id: &str) -> Option<&Publication> {
        self.publications
            .iter()
            .find(|p| p.effective && p.api_id.as_str() == api_id && p.env_id.as_str() == env_id)
    }

    /// The versions of API `api_id` (in environment `env_id` if given), newest first.
    pub fn versions<'a>(
        &'a self,
        api_id: &'a str,
        env_id: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Publication> + 'a {
        self.publications.iter().filter(move |p| {
            p.api_id.as_str() == api_id && env_id.is_none_or(|e| p.env_id.as_str() == e)
        })
    }

    /// The environments API `api_id` is published in with their effective publication, in
    /// the order of [`Catalogue::environments`] (the wire's `run_env_id` / `publish_id`
    /// joined with `|`).
    pub fn published_in<'a>(
        &'a self,
        api_id: &'a str,
    ) -> impl Iterator<Item = (&'a Environment, &'a Publication)> + 'a {
        self.environments()
            .filter_map(move |e| self.publication(api_id, e.id.as_str()).map(|p| (e, p)))
    }

    /// Every API published in environment `env_id`, with its published definition, in the
    /// order of the APIs.
    pub fn published<'a>(&'a self, env_id: &str) -> Vec<PublishedApi<'a>> {
        let Some(environment) = self.environment(env_id) else {
            return Vec::new();
        };
        self.apis
            .iter()
            .filter_map(|api| {
                let publication = self.publication(api.id.as_str(), env_id)?;
                let group = self.group(publication.definition.group_id.as_str())?;
                Some(PublishedApi {
                    api_id: &api.id,
                    group,
                    environment,
                    publication,
                })
            })
            .collect()
    }

    /// The app `id`.
    pub fn app(&self, id: &str) -> Option<&App> {
        self.apps.iter().find(|a| a.id.as_str() == id)
    }

    /// The app whose key is `key` (exact), as an APP-auth call's `Access=` names it.
    pub fn app_by_key(&self, key: &str) -> Option<&App> {
        self.apps.iter().find(|a| a.app_key.as_str() == key)
    }

    /// The authorization `id`.
    pub fn authorization(&self, id: &str) -> Option<&Authorization> {
        self.authorizations.iter().find(|a| a.id.as_str() == id)
    }

    /// Whether app `app` (its ID) is authorized to call API `api` (its ID) in environment
    /// `env` (its ID).
    pub fn is_authorized(&self, app: &str, api: &str, env: &str) -> bool {
        self.authorizations.iter().any(|a| {
            a.app_id.as_str() == app && a.api_id.as_str() == api && a.env_id.as_str() == env
        })
    }
}
