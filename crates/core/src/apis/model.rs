//! The objects of a gateway's catalogue: groups, APIs with their definition, environments,
//! publication records, apps and authorizations (docs/reference.md, API management).

use serde::{Deserialize, Serialize};

use super::names::{
    ApiName, AppKey, AppName, AppSecret, DomainName, EnvName, GroupName, GroupRemark, ParamName,
    Remark, ResourceId,
};
use super::uri::{BackendUri, ReqUri, UrlDomain};

macro_rules! wire_enum {
    ($(#[$doc:meta])* $t:ident { $($(#[$vdoc:meta])* $v:ident = $wire:literal),+ $(,)? }
     $(unavailable [$($u:literal),*] instead $instead:literal)?) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $t {
            $($(#[$vdoc])* #[serde(rename = $wire)] $v,)+
        }

        impl $t {
            /// Every value, in the API's order.
            pub const ALL: &'static [Self] = &[$(Self::$v),+];

            /// The wire form.
            pub const fn as_str(self) -> &'static str {
                match self { $(Self::$v => $wire),+ }
            }

            /// Parses the wire form (exact, upper case as the API spells it); a value the real
            /// service has but this gateway does not offer is refused as not available here.
            pub fn parse(s: &str) -> Result<Self, $crate::apis::Invalid> {
                if let Some(v) = Self::ALL.iter().find(|v| v.as_str() == s) {
                    return Ok(*v);
                }
                $(if [$($u),*].contains(&s) {
                    return Err($crate::apis::Invalid::NotAvailable {
                        given: s.to_owned(),
                        instead: $instead,
                    });
                })?
                Err($crate::apis::Invalid::NotOneOf {
                    given: s.to_owned(),
                    allowed: Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                })
            }
        }

        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

wire_enum!(
    /// An HTTP method of an API (`req_method`); `ANY` matches every method.
    Method {
        /// `GET`
        Get = "GET",
        /// `POST`
        Post = "POST",
        /// `PUT`
        Put = "PUT",
        /// `DELETE`
        Delete = "DELETE",
        /// `HEAD`
        Head = "HEAD",
        /// `PATCH`
        Patch = "PATCH",
        /// `OPTIONS`
        Options = "OPTIONS",
        /// `ANY`: every method.
        Any = "ANY",
    }
);

impl Method {
    /// Whether an API of this method answers a request with `method` (upper case).
    pub fn accepts(self, method: &str) -> bool {
        self == Self::Any || self.as_str() == method
    }
}

wire_enum!(
    /// How the request path is matched (`match_mode`).
    MatchMode {
        /// Exact match (the default).
        Normal = "NORMAL",
        /// Prefix match: the rest of the path goes to the backend.
        Swa = "SWA",
    }
);

wire_enum!(
    /// The protocol an API is called with (`req_protocol`).
    ReqProtocol {
        /// `HTTP`
        Http = "HTTP",
        /// `HTTPS` (the documented default)
        Https = "HTTPS",
        /// `BOTH`
        Both = "BOTH",
    }
    unavailable ["GRPCS"] instead "use HTTP, HTTPS or BOTH"
);

wire_enum!(
    /// The protocol of an HTTP backend.
    BackendProtocol {
        /// `HTTP`
        Http = "HTTP",
        /// `HTTPS`
        Https = "HTTPS",
    }
);

wire_enum!(
    /// Who may call an API (`auth_type`); IAM and custom authorizers are not available here.
    AuthType {
        /// No authentication.
        None = "NONE",
        /// App authentication: an app's key/secret signature, the app authorized.
        App = "APP",
    }
    unavailable ["IAM", "AUTHORIZER"] instead "use NONE or APP"
);

wire_enum!(
    /// Public or private API (`type`: 1 or 2 on the wire).
    Visibility {
        /// `1`: public.
        Public = "1",
        /// `2`: private.
        Private = "2",
    }
);

wire_enum!(
    /// The type of a request parameter.
    ParamType {
        /// `STRING`
        String = "STRING",
        /// `NUMBER`
        Number = "NUMBER",
    }
);

wire_enum!(
    /// Where a parameter travels.
    ParamLocation {
        /// In the path (`{name}`).
        Path = "PATH",
        /// In the query string.
        Query = "QUERY",
        /// In a header.
        Header = "HEADER",
    }
);

wire_enum!(
    /// A value the gateway knows about a call (`$context.NAME` of a SYSTEM backend parameter).
    ContextVar {
        /// The caller's IP address.
        SourceIp = "sourceIp",
        /// The environment's name.
        Stage = "stage",
        /// The API's ID.
        ApiId = "apiId",
        /// The calling app's ID (APP auth).
        AppId = "appId",
        /// The request ID (`X-Request-Id`).
        RequestId = "requestId",
        /// The gateway's address.
        ServerAddr = "serverAddr",
        /// The gateway's name.
        ServerName = "serverName",
        /// When the gateway handled the call.
        HandleTime = "handleTime",
        /// The API's name.
        ApiName = "apiName",
        /// The calling app's name (APP auth).
        AppName = "appName",
    }
);

/// A parameter of the request an API accepts (`req_params[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReqParam {
    /// Its name (case-sensitive in path and query, not in headers).
    pub name: ParamName,
    /// `STRING` or `NUMBER`.
    pub param_type: ParamType,
    /// Where it travels.
    pub location: ParamLocation,
    /// Whether the caller must send it (a PATH parameter always must).
    pub required: bool,
    /// Its default value, if any.
    pub default_value: Option<String>,
    /// Whether it is passed on to the backend unchanged.
    pub pass_through: bool,
    /// Remark.
    pub remark: Remark,
}

/// Where a backend parameter's value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "origin", content = "value", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BackendValue {
    /// `REQUEST`: the request parameter of this name.
    Request(ParamName),
    /// `CONSTANT`: this text.
    Constant(String),
    /// `SYSTEM`: `$context.NAME`.
    System(ContextVar),
}

/// A parameter the gateway sends the backend (`backend_params[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackendParam {
    /// The name the backend sees.
    pub name: ParamName,
    /// Where it goes.
    pub location: ParamLocation,
    /// Where its value comes from.
    pub value: BackendValue,
    /// Remark.
    pub remark: Remark,
}

/// An HTTP backend (`backend_api`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpBackend {
    /// `HTTP` or `HTTPS`.
    pub req_protocol: BackendProtocol,
    /// The method sent (`ANY`: the caller's).
    pub req_method: Method,
    /// The backend path.
    pub req_uri: BackendUri,
    /// `host[:port]`.
    pub url_domain: UrlDomain,
    /// Timeout in ms, 1 … the gateway's `backend_timeout.max_timeout`.
    pub timeout_ms: u32,
    /// Retries: -1 (idempotent methods once) … 10.
    pub retry_count: i8,
}

/// A MOCK backend (`mock_info`): a fixed answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockBackend {
    /// The body answered (`result_content`).
    pub result_content: String,
    /// The HTTP status answered (`status_code`, 200–599; default 200).
    pub status_code: u16,
}

wire_enum!(
    /// The kind of backend (`backend_type`); FUNCTION and GRPC are not available here.
    BackendKind {
        /// A web service.
        Http = "HTTP",
        /// A fixed answer.
        Mock = "MOCK",
    }
    unavailable ["FUNCTION", "GRPC"] instead "use HTTP or MOCK"
);

/// What serves an API's calls; FUNCTION and GRPC backends are not available here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "backend_type", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Backend {
    /// `HTTP`: a web service.
    Http(HttpBackend),
    /// `MOCK`: a fixed answer.
    Mock(MockBackend),
}

impl Backend {
    /// `HTTP` or `MOCK`.
    pub const fn kind(&self) -> BackendKind {
        match self {
            Self::Http(_) => BackendKind::Http,
            Self::Mock(_) => BackendKind::Mock,
        }
    }
}

/// What an API says about itself and nothing serves: the request body's description, the
/// sample answers and the tags (at most 10, `APIG.3133`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiDocs {
    /// `body_remark`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body_remark: String,
    /// `result_normal_sample`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub result_normal_sample: String,
    /// `result_failure_sample`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub result_failure_sample: String,
    /// `tags`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// Everything that defines an API; published versions keep a copy of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiDefinition {
    /// Its group.
    pub group_id: ResourceId,
    /// Name (unique in its group).
    pub name: ApiName,
    /// Public or private.
    pub visibility: Visibility,
    /// The protocol it is called with.
    pub req_protocol: ReqProtocol,
    /// The method it answers.
    pub req_method: Method,
    /// The path it answers.
    pub req_uri: ReqUri,
    /// Exact or prefix match.
    pub match_mode: MatchMode,
    /// Who may call it.
    pub auth_type: AuthType,
    /// Whether an APP-auth API also takes a simple `X-Apig-AppCode` header
    /// (`auth_opt.app_code_auth_type` = HEADER).
    pub app_code_header: bool,
    /// Whether the gateway answers CORS for it (including the preflight).
    pub cors: bool,
    /// Remark.
    pub remark: Remark,
    /// Request parameters.
    pub req_params: Vec<ReqParam>,
    /// What serves it.
    pub backend: Backend,
    /// Parameters sent to the backend.
    pub backend_params: Vec<BackendParam>,
    /// Descriptions, samples and tags.
    #[serde(default)]
    pub docs: ApiDocs,
}

/// An API of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Api {
    /// ID.
    pub id: ResourceId,
    /// The current definition (what the next publication publishes).
    pub definition: ApiDefinition,
    /// Created, epoch ms.
    pub register_time_ms: u64,
    /// Last changed, epoch ms.
    pub update_time_ms: u64,
}

/// An independent domain bound to a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoundDomain {
    /// ID.
    pub id: ResourceId,
    /// The domain.
    pub url_domain: DomainName,
    /// Bound at, epoch ms.
    pub bound_at_ms: u64,
}

/// An API group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// ID.
    pub id: ResourceId,
    /// Name (unique in the gateway).
    pub name: GroupName,
    /// Remark.
    pub remark: GroupRemark,
    /// The debug domain `{id}.apic.{region}.huaweicloudapis.com`.
    pub sl_domain: String,
    /// Whether the debug domain answers calls (`sl_domain_access_enabled`).
    pub sl_domain_access_enabled: bool,
    /// Bound independent domains, oldest first (at most 5).
    pub domains: Vec<BoundDomain>,
    /// Created, epoch ms.
    pub register_time_ms: u64,
    /// Last changed, epoch ms.
    pub update_time_ms: u64,
}

/// An environment. The built-in RELEASE is not stored (see
/// [`super::Catalogue::environments`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Environment {
    /// ID (`DEFAULT_ENVIRONMENT_RELEASE_ID` for RELEASE).
    pub id: ResourceId,
    /// Name (unique in the gateway; RELEASE is taken).
    pub name: EnvName,
    /// Remark.
    pub remark: Remark,
    /// Created, epoch ms (RELEASE: 0, the wire shows the gateway's creation).
    pub create_time_ms: u64,
}

/// One publication of an API in an environment: a version. At most 10 are kept per API and
/// environment; at most one of them is effective (what calls in that environment reach).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    /// The publication record's ID (`publish_id`).
    pub publish_id: ResourceId,
    /// The version's ID (`version_id`).
    pub version_id: ResourceId,
    /// The API.
    pub api_id: ResourceId,
    /// The environment.
    pub env_id: ResourceId,
    /// Remark given when publishing.
    pub remark: Remark,
    /// Published at, epoch ms.
    pub publish_time_ms: u64,
    /// Whether this version is the one in effect (`status` 1; else 2).
    pub effective: bool,
    /// The definition published.
    pub definition: ApiDefinition,
}

/// An app: the credential APP-auth APIs are called with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct App {
    /// ID.
    pub id: ResourceId,
    /// Name (unique in the gateway).
    pub name: AppName,
    /// Remark.
    pub remark: Remark,
    /// Key (unique in the gateway).
    pub app_key: AppKey,
    /// Secret.
    pub app_secret: AppSecret,
    /// Created, epoch ms.
    pub register_time_ms: u64,
    /// Last changed (renamed, secret reset), epoch ms.
    pub update_time_ms: u64,
}

/// An app authorized to call an API in an environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authorization {
    /// ID.
    pub id: ResourceId,
    /// The API.
    pub api_id: ResourceId,
    /// The app.
    pub app_id: ResourceId,
    /// The environment.
    pub env_id: ResourceId,
    /// Authorized at, epoch ms.
    pub auth_time_ms: u64,
}
