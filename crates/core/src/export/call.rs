//! One API call as the real service receives it — operation, method, path, query and JSON body
//! built from the wire types — and its copies as a curl line and a `KooCLI` command.
//!
//! The console sends these calls to apig-mock and, working in this browser, shows the same
//! calls in its API trace: both build them here, so what the trace shows is what would be sent.
//! The create request's exports ([`super::curl`], [`super::koocli`]) are these calls' copies too.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{ExportContext, shell_quote};
use crate::api::management::{ApiActionRequest, ApiRequest, GroupRequest};
use crate::api::{
    CreateInstanceV2Request, EipBindRequest, IngressEipRequest, NatEipRequest, ResizeRequest,
    TagActionRequest, UpdateInstanceRequest,
};
use crate::authority::Operation;
use crate::dataplane::debug::DebugRequest;
use crate::network_change::{InboundChange, OutboundChange};
use crate::sign::encode_component;

/// The first line of an unsigned curl copy: curl cannot compute the signature itself.
const SIGN_NOTE: &str = "# sign with SDK-HMAC-SHA256 (AK/SK): add the X-Sdk-Date and Authorization headers an SDK or KooCLI computes";

/// One call of the APIG v2 API (or of the emulator's own `/_mock` API).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiCall {
    /// The permission and success status it has; `None` for the emulator's own calls.
    pub operation: Option<Operation>,
    /// The SDK's and `KooCLI`'s name of the call (`UpdateInstanceV2`); `None` when the real
    /// service has no such call (the emulator's `/_mock` API).
    pub name: Option<&'static str>,
    /// HTTP method, upper case.
    pub method: &'static str,
    /// The path with every parameter filled in and percent-encoded.
    pub path: String,
    /// The path's parameters other than the project (`instance_id`), as `KooCLI` names them.
    pub path_params: Vec<(&'static str, String)>,
    /// Query parameters (names and values of unreserved characters), in order.
    pub query: Vec<(&'static str, String)>,
    /// The compact JSON body, if the call has one.
    pub body: Option<String>,
}

fn compact<T: serde::Serialize>(value: &T) -> Option<String> {
    // The wire types only hold strings, numbers, booleans and lists: they always serialise.
    serde_json::to_string(value).ok()
}

fn instances(project: &str) -> String {
    format!("/v2/{}/apigw/instances", encode_component(project))
}

fn instance(project: &str, id: &str) -> String {
    format!("{}/{}", instances(project), encode_component(id))
}

impl ApiCall {
    fn on_instance(
        operation: Operation,
        name: &'static str,
        method: &'static str,
        project: &str,
        id: &str,
        tail: &str,
        body: Option<String>,
    ) -> Self {
        Self {
            operation: Some(operation),
            name: Some(name),
            method,
            path: format!("{}{tail}", instance(project, id)),
            path_params: vec![("instance_id", id.to_owned())],
            query: Vec::new(),
            body,
        }
    }

    /// `CreateInstanceV2`: `POST /v2/{project_id}/apigw/instances`.
    pub fn create_instance(project: &str, request: &CreateInstanceV2Request) -> Self {
        Self {
            operation: Some(Operation::Create),
            name: Some("CreateInstanceV2"),
            method: "POST",
            path: instances(project),
            path_params: Vec::new(),
            query: Vec::new(),
            body: compact(request),
        }
    }

    /// `ListInstancesV2`: `GET /v2/{project_id}/apigw/instances?limit=…&offset=…`.
    pub fn list_instances(project: &str, limit: u64, offset: u64) -> Self {
        Self {
            operation: Some(Operation::List),
            name: Some("ListInstancesV2"),
            method: "GET",
            path: instances(project),
            path_params: Vec::new(),
            query: vec![("limit", limit.to_string()), ("offset", offset.to_string())],
            body: None,
        }
    }

    /// `ShowDetailsOfInstanceV2`: `GET …/instances/{instance_id}`.
    pub fn show_instance(project: &str, id: &str) -> Self {
        Self::on_instance(
            Operation::Show,
            "ShowDetailsOfInstanceV2",
            "GET",
            project,
            id,
            "",
            None,
        )
    }

    /// `UpdateInstanceV2`: `PUT …/instances/{instance_id}`.
    pub fn update_instance(project: &str, id: &str, request: &UpdateInstanceRequest) -> Self {
        Self::on_instance(
            Operation::Update,
            "UpdateInstanceV2",
            "PUT",
            project,
            id,
            "",
            compact(request),
        )
    }

    /// `CreateApiGroupV2`: `POST …/instances/{instance_id}/api-groups`.
    pub fn create_api_group(project: &str, id: &str, request: &GroupRequest) -> Self {
        Self::on_instance(
            Operation::CreateApiGroup,
            "CreateApiGroupV2",
            "POST",
            project,
            id,
            "/api-groups",
            compact(request),
        )
    }

    /// `CreateApiV2`: `POST …/instances/{instance_id}/apis`.
    pub fn create_api(project: &str, id: &str, request: &ApiRequest) -> Self {
        Self::on_instance(
            Operation::CreateApi,
            "CreateApiV2",
            "POST",
            project,
            id,
            "/apis",
            compact(request),
        )
    }

    /// `CreateOrDeletePublishRecordForApiV2`: `POST …/instances/{instance_id}/apis/action`
    /// (publish with `online`, take offline with `offline`).
    pub fn api_action(project: &str, id: &str, request: &ApiActionRequest) -> Self {
        let operation = if request.action == "offline" {
            Operation::OfflineApi
        } else {
            Operation::PublishApi
        };
        Self::on_instance(
            operation,
            "CreateOrDeletePublishRecordForApiV2",
            "POST",
            project,
            id,
            "/apis/action",
            compact(request),
        )
    }

    /// `DebugApiV2`: `POST …/instances/{instance_id}/apis/debug/{api_id}`.
    pub fn debug_api(project: &str, id: &str, api_id: &str, request: &DebugRequest) -> Self {
        let mut call = Self::on_instance(
            Operation::DebugApi,
            "DebugApiV2",
            "POST",
            project,
            id,
            &format!("/apis/debug/{}", encode_component(api_id)),
            compact(request),
        );
        call.path_params.push(("api_id", api_id.to_owned()));
        call
    }

    /// `DeleteInstancesV2`: `DELETE …/instances/{instance_id}`.
    pub fn delete_instance(project: &str, id: &str) -> Self {
        Self::on_instance(
            Operation::Delete,
            "DeleteInstancesV2",
            "DELETE",
            project,
            id,
            "",
            None,
        )
    }

    /// The call of an inbound change: `PUT|DELETE …/eip` (LVS regions) or
    /// `POST|PUT|DELETE …/ingress-eip` (ELB regions). A bandwidth that is not a number is sent
    /// as 0, which the service refuses with its own code.
    pub fn inbound(project: &str, id: &str, change: &InboundChange) -> Self {
        let operation = Operation::of_inbound(change);
        let ingress = |bandwidth: &str| {
            compact(&IngressEipRequest {
                bandwidth_size: mbps(bandwidth),
                bandwidth_charging_mode: Some("bandwidth".to_owned()),
            })
        };
        let (name, method, tail, body) = match change {
            InboundChange::BindEip { eip_id } => (
                "AddEipV2",
                "PUT",
                "/eip",
                compact(&EipBindRequest {
                    eip_id: eip_id.clone(),
                }),
            ),
            InboundChange::UnbindEip => ("RemoveEipV2", "DELETE", "/eip", None),
            InboundChange::EnableIngress { bandwidth } => (
                "AddIngressEipV2",
                "POST",
                "/ingress-eip",
                ingress(bandwidth),
            ),
            InboundChange::UpdateIngress { bandwidth } => (
                "UpdateIngressEipV2",
                "PUT",
                "/ingress-eip",
                ingress(bandwidth),
            ),
            InboundChange::DisableIngress => ("RemoveIngressEipV2", "DELETE", "/ingress-eip", None),
        };
        Self::on_instance(operation, name, method, project, id, tail, body)
    }

    /// The call of an outbound change: `POST|PUT|DELETE …/nat-eip`.
    pub fn outbound(project: &str, id: &str, change: &OutboundChange) -> Self {
        let nat = |bandwidth: &str| {
            compact(&NatEipRequest {
                bandwidth_size: mbps(bandwidth),
                bandwidth_charging_mode: Some("bandwidth".to_owned()),
            })
        };
        let (name, method, body) = match change {
            OutboundChange::Enable { bandwidth } => ("AddEngressEipV2", "POST", nat(bandwidth)),
            OutboundChange::Update { bandwidth } => ("UpdateEngressEipV2", "PUT", nat(bandwidth)),
            OutboundChange::Disable => ("RemoveEngressEipV2", "DELETE", None),
        };
        let operation = Operation::of_outbound(change);
        Self::on_instance(operation, name, method, project, id, "/nat-eip", body)
    }

    /// `BatchCreateOrDeleteInstanceTags`: `POST …/instance-tags/action`.
    pub fn tags_action(project: &str, id: &str, request: &TagActionRequest) -> Self {
        let operation = if request.action == "delete" {
            Operation::DeleteTags
        } else {
            Operation::CreateTags
        };
        Self::on_instance(
            operation,
            "BatchCreateOrDeleteInstanceTags",
            "POST",
            project,
            id,
            "/instance-tags/action",
            compact(request),
        )
    }

    /// `CreatePostPayResizeOrder`: `POST …/postpaid-resize` (the edition change).
    pub fn resize(project: &str, id: &str, spec_id: &str) -> Self {
        let body = compact(&ResizeRequest {
            spec_id: spec_id.to_owned(),
        });
        Self::on_instance(
            Operation::Resize,
            "CreatePostPayResizeOrder",
            "POST",
            project,
            id,
            "/postpaid-resize",
            body,
        )
    }

    /// A call of the emulator's own API (`/_mock/…`), which the real service does not have.
    pub fn emulator(method: &'static str, path: String, body: Option<String>) -> Self {
        Self {
            operation: None,
            name: None,
            method,
            path,
            path_params: Vec::new(),
            query: Vec::new(),
            body,
        }
    }

    /// The query as sent: `name=value` pairs joined by `&` (empty without a query).
    pub fn raw_query(&self) -> String {
        self.query
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The path with its query, as a request line names it.
    pub fn path_and_query(&self) -> String {
        match self.raw_query() {
            query if query.is_empty() => self.path.clone(),
            query => format!("{}?{query}", self.path),
        }
    }

    /// The status the service answers a success with (200 for the emulator's own calls).
    pub fn success_status(&self) -> u16 {
        self.operation.map_or(200, Operation::success_status)
    }
}

/// A bandwidth as typed; 0 when it is not a number (the service refuses it with its code).
fn mbps(text: &str) -> u32 {
    text.trim().parse().unwrap_or(0)
}

/// A curl command for `call` to the service at `context`'s endpoint, preceded by a comment
/// saying that it still has to be signed (curl cannot compute `SDK-HMAC-SHA256` itself).
pub fn curl_call(call: &ApiCall, context: &ExportContext) -> String {
    let url = format!("https://{}{}", context.endpoint_host, call.path_and_query());
    let headers = [
        ("Content-Type", "application/json".to_owned()),
        ("X-Project-Id", context.project_id.clone()),
    ];
    format!("{SIGN_NOTE}\n{}", curl_line(call, &url, &headers))
}

/// A curl command repeating `call` exactly as it was sent to `base_url` (`http://127.0.0.1:8090`)
/// with `headers`, its signature included (the `Host` header is curl's own); the emulator accepts
/// the copy while its `X-Sdk-Date` is within the signature's time window.
pub fn curl_sent(call: &ApiCall, base_url: &str, headers: &[(String, String)]) -> String {
    let url = format!("{base_url}{}", call.path_and_query());
    let headers: Vec<(&str, String)> = headers
        .iter()
        .filter(|(name, _)| !name.eq_ignore_ascii_case("host"))
        .map(|(name, value)| (name.as_str(), value.clone()))
        .collect();
    curl_line(call, &url, &headers)
}

fn curl_line(call: &ApiCall, url: &str, headers: &[(&str, String)]) -> String {
    let mut line = format!("curl -X {} {}", call.method, shell_quote(url));
    for (name, value) in headers {
        line.push_str(" \\\n  -H ");
        line.push_str(&shell_quote(&format!("{name}: {value}")));
    }
    if let Some(body) = &call.body {
        line.push_str(" \\\n  --data-raw ");
        line.push_str(&shell_quote(body));
    }
    line.push('\n');
    line
}

/// A `KooCLI` command for `call`: `hcloud APIG {name} --cli-region=… --project_id=…`, then the
/// path parameters, the query and the body's values, nested names dotted and list items
/// numbered from 1 (`--available_zone_ids.1=…`, `--tags.1.key=…`), one option per line, every
/// value shell-quoted. `None` for a call the real service does not have.
pub fn koocli_call(call: &ApiCall, context: &ExportContext) -> Option<String> {
    let name = call.name?;
    let mut options: Vec<(String, String)> = vec![
        ("cli-region".to_owned(), context.region.clone()),
        ("project_id".to_owned(), context.project_id.clone()),
    ];
    for (param, value) in call.path_params.iter().chain(&call.query) {
        options.push(((*param).to_owned(), value.clone()));
    }
    if let Some(body) = &call.body
        && let Ok(value) = serde_json::from_str::<Ordered>(body)
    {
        value.flatten("", &mut options);
    }
    let mut command = format!("hcloud APIG {name}");
    for (option, value) in &options {
        command.push_str(" \\\n  --");
        command.push_str(option);
        command.push('=');
        command.push_str(&shell_quote(value));
    }
    command.push('\n');
    Some(command)
}

/// A JSON value that keeps its object's keys in the order they were written (the wire types'
/// field order), which `serde_json::Value` does not.
enum Ordered {
    Null,
    Scalar(String),
    List(Vec<Ordered>),
    Object(Vec<(String, Ordered)>),
}

impl Ordered {
    /// Adds `prefix`'s leaves to `out` as dotted option names; nulls and empty lists add none.
    fn flatten(&self, prefix: &str, out: &mut Vec<(String, String)>) {
        let join = |key: &str| {
            if prefix.is_empty() {
                key.to_owned()
            } else {
                format!("{prefix}.{key}")
            }
        };
        match self {
            Ordered::Null => {}
            Ordered::Scalar(text) => out.push((prefix.to_owned(), text.clone())),
            Ordered::List(items) => {
                for (index, item) in items.iter().enumerate() {
                    item.flatten(&join(&(index + 1).to_string()), out);
                }
            }
            Ordered::Object(fields) => {
                for (key, value) in fields {
                    value.flatten(&join(key), out);
                }
            }
        }
    }
}

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor;
        impl<'de> Visitor<'de> for OrderedVisitor {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Ordered, E> {
                Ok(Ordered::Scalar(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Ordered, E> {
                Ok(Ordered::Scalar(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Ordered, E> {
                Ok(Ordered::Scalar(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Ordered, E> {
                Ok(Ordered::Scalar(v.to_string()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Ordered, E> {
                Ok(Ordered::Scalar(v.to_owned()))
            }
            fn visit_unit<E>(self) -> Result<Ordered, E> {
                Ok(Ordered::Null)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ordered, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Ordered::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry::<String, Ordered>()? {
                    fields.push(entry);
                }
                Ok(Ordered::Object(fields))
            }
        }
        deserializer.deserialize_any(OrderedVisitor)
    }
}
