//! The console's "Try it": a MOCK API with auth `NONE` described in a few fields, and the calls
//! that create it (with a group when the gateway has none), publish it to `RELEASE` and call it
//! through its group's debugging domain. Built here so both homes of the console send the
//! same requests, checked by the same rules as apig-mock's.

use serde::{Deserialize, Serialize};

use crate::apis::{
    ApiDefinition, DEFAULT_ENVIRONMENT_RELEASE_ID, Invalid, Refusal, ReqUri, Segment,
};
use crate::dataplane::Template;
use crate::dataplane::debug::DebugRequest;
use crate::dataplane::gateway::DEFAULT_STAGE;
use crate::sign::SignableRequest;

use super::{ApiActionRequest, ApiRequest, GroupRequest, MockInfo, ReqParam, api_definition};

/// The name of the group created when the gateway has none.
pub const GROUP_NAME: &str = "try_it";

/// A group ID that passes the ID rule, to check a request before its group exists.
const ANY_GROUP_ID: &str = "00000000000000000000000000000000";

/// The fields of "Try it", as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TryIt {
    /// The API's name.
    pub name: String,
    /// `GET`, `POST`, … or `ANY`.
    pub method: String,
    /// The path, `{p}` / `{p+}` parameters allowed.
    pub path: String,
    /// The status the MOCK backend answers, as typed.
    pub status: String,
    /// The body the MOCK backend answers.
    pub body: String,
}

impl Default for TryIt {
    fn default() -> Self {
        Self {
            name: "hello".into(),
            method: "GET".into(),
            path: "/hello".into(),
            status: "200".into(),
            body: r#"{"hello":"from a MOCK backend"}"#.into(),
        }
    }
}

/// The field of "Try it" a refusal is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TryField {
    Name,
    Method,
    Path,
    Status,
    Body,
}

impl TryField {
    /// The field behind the wire parameter `parameter` (none for the group or the gateway).
    pub fn of(parameter: &str) -> Option<Self> {
        Some(match parameter {
            "name" => Self::Name,
            "req_method" => Self::Method,
            "req_uri" | "match_mode" => Self::Path,
            "mock_info.status_code" => Self::Status,
            "mock_info.result_content" => Self::Body,
            p if p.starts_with("req_params") => Self::Path,
            _ => return None,
        })
    }
}

impl TryIt {
    /// `CreateApiGroupV2`'s body for the group made when the gateway has none.
    pub fn group_request() -> GroupRequest {
        GroupRequest {
            name: GROUP_NAME.to_owned(),
            remark: Some("Created by the console's Try it".to_owned()),
        }
    }

    /// `CreateApiV2`'s body for the API in group `group_id`: public, HTTP, auth `NONE`, CORS on
    /// (so a page can call it), exact match, each path parameter declared as a required
    /// string, the MOCK backend answering the body with the status. A status that is not a
    /// whole number is refused naming `mock_info.status_code`.
    pub fn api_request(&self, group_id: &str) -> Result<ApiRequest, Refusal> {
        let typed = self.status.trim();
        let status = typed.parse::<i64>().map_err(|_| {
            Refusal::invalid(
                "mock_info.status_code",
                &Invalid::NotOneOf {
                    given: typed.to_owned(),
                    allowed: "the whole numbers 200–599".into(),
                },
            )
        })?;
        let path = self.path.trim();
        let req_params = ReqUri::parse(path)
            .map(|uri| {
                uri.params()
                    .map(|name| ReqParam {
                        name: name.to_string(),
                        kind: "STRING".into(),
                        location: "PATH".into(),
                        required: Some(1),
                        ..ReqParam::default()
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(ApiRequest {
            name: self.name.trim().to_owned(),
            kind: Some(1),
            req_protocol: "HTTP".into(),
            req_method: self.method.trim().to_ascii_uppercase(),
            req_uri: path.to_owned(),
            auth_type: "NONE".into(),
            cors: Some(true),
            match_mode: Some("NORMAL".into()),
            backend_type: "MOCK".into(),
            group_id: group_id.to_owned(),
            mock_info: Some(MockInfo {
                result_content: Some(self.body.clone()),
                status_code: Some(status),
                ..MockInfo::default()
            }),
            req_params,
            ..ApiRequest::default()
        })
    }

    /// Checks every field by the rules of `CreateApiV2` before anything is sent.
    pub fn check(&self) -> Result<ApiDefinition, Refusal> {
        api_definition(&self.api_request(ANY_GROUP_ID)?)
    }

    /// The body that publishes API `api_id` to `RELEASE`.
    pub fn publish_request(api_id: &str) -> ApiActionRequest {
        ApiActionRequest {
            action: "online".into(),
            env_id: DEFAULT_ENVIRONMENT_RELEASE_ID.into(),
            api_id: api_id.to_owned(),
            remark: None,
        }
    }

    /// The path the call asks for: each `{p}` filled with its own name, a `{p+}` with
    /// `name/more`, so the call matches the API.
    pub fn call_path(&self) -> String {
        let path = self.path.trim();
        let Ok(template) = Template::parse(path) else {
            return path.to_owned();
        };
        let values: Vec<(String, String)> = template
            .segments()
            .iter()
            .filter_map(|segment| match segment {
                Segment::Param(name) => Some((name.to_string(), name.to_string())),
                Segment::Greedy(name) => Some((name.to_string(), format!("{name}/more"))),
                Segment::Literal(_) => None,
            })
            .collect();
        template.fill(&values)
    }

    /// The method the call uses (`GET` for an API of any method).
    pub fn call_method(&self) -> String {
        match self.method.trim().to_ascii_uppercase() {
            any if any == "ANY" => "GET".into(),
            method => method,
        }
    }

    /// `DebugApiV2`'s body for the same call, as a consumer of what is published in
    /// `RELEASE` (for an apig-mock whose data plane the browser cannot reach by name).
    pub fn debug_request(&self) -> DebugRequest {
        DebugRequest {
            mode: "CONSUMER".into(),
            scheme: "HTTP".into(),
            method: self.call_method(),
            path: self.call_path(),
            stage: Some(DEFAULT_STAGE.into()),
            ..DebugRequest::default()
        }
    }

    /// The call of the API on `host` (its group's debugging domain), as a client sends it.
    pub fn call(&self, host: &str) -> SignableRequest {
        SignableRequest::new(self.call_method(), self.call_path()).with_header("Host", host)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_passes_and_asks_for_what_it_declares() {
        let example = TryIt::default();
        let definition = example.check().expect("the example is valid");
        assert_eq!(definition.name.as_str(), "hello");
        let request = example.api_request("g").unwrap();
        assert_eq!(request.auth_type, "NONE");
        assert_eq!(request.backend_type, "MOCK");
        assert_eq!(request.cors, Some(true));
        assert_eq!(example.call_path(), "/hello");
        assert_eq!(
            TryIt::publish_request("a").env_id,
            DEFAULT_ENVIRONMENT_RELEASE_ID
        );
    }

    #[test]
    fn path_parameters_are_declared_and_filled() {
        let it = TryIt {
            path: "/pets/{id}/files/{rest+}".into(),
            method: "any".into(),
            ..TryIt::default()
        };
        let request = it.api_request("g").unwrap();
        let names: Vec<&str> = request.req_params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["id", "rest"]);
        assert!(request.req_params.iter().all(|p| p.location == "PATH"));
        it.check().expect("declared parameters pass");
        assert_eq!(it.call_path(), "/pets/id/files/rest/more");
        assert_eq!(it.call_method(), "GET");
        assert_eq!(request.req_method, "ANY");
    }

    #[test]
    fn each_bad_field_is_named() {
        let field = |it: TryIt| TryField::of(&it.check().unwrap_err().parameter);
        let bad = |f: fn(&mut TryIt)| {
            let mut it = TryIt::default();
            f(&mut it);
            it
        };
        assert_eq!(field(bad(|t| t.name = "a!".into())), Some(TryField::Name));
        assert_eq!(
            field(bad(|t| t.method = "FETCH".into())),
            Some(TryField::Method)
        );
        assert_eq!(
            field(bad(|t| t.path = "hello".into())),
            Some(TryField::Path)
        );
        assert_eq!(
            field(bad(|t| t.status = "abc".into())),
            Some(TryField::Status)
        );
        assert_eq!(
            field(bad(|t| t.status = "99".into())),
            Some(TryField::Status)
        );
        assert_eq!(TryField::of("group_id"), None);
    }
}
