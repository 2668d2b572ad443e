//! The API's error answers and the reading of request bodies: [`ErrorBody`], the `APIC.7211`
//! naming of fields, and [`decode_json`], which names the field of a wrong JSON type.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::values::ErrorCode;

/// The error body of the API (docs/reference.md, Errors). `request_id` is only present on
/// front-door errors.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ErrorBody {
    /// `APIC.xxxx`, `APIG.xxxx` or `APIGW.xxxx`.
    pub error_code: String,
    /// Human-readable text.
    pub error_msg: String,
    /// Request ID (front-door errors).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl ErrorBody {
    /// An error body with a code and a message.
    pub fn new(error_code: impl Into<String>, error_msg: impl Into<String>) -> Self {
        Self {
            error_code: error_code.into(),
            error_msg: error_msg.into(),
            request_id: None,
        }
    }

    /// The body of `code` with its meaning as the message.
    pub fn of(code: ErrorCode) -> Self {
        Self::new(code.as_str(), code.meaning())
    }

    /// The same body carrying a request ID.
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// `APIC.7211`: a parameter value breaks the rules; the message names the parameter in
    /// camelCase as the service does (`maintain_begin` → `parameter name[maintainBegin]`).
    pub fn invalid_parameter(field: &str) -> Self {
        let code = ErrorCode::InvalidParameter;
        Self::new(
            code.as_str(),
            format!(
                "{}, parameter name[{}]",
                code.meaning(),
                snake_to_camel(field)
            ),
        )
    }

    /// `APIC.7302`: instance not found.
    pub fn instance_not_found() -> Self {
        Self::of(ErrorCode::InstanceNotFound)
    }

    /// `APIGW.0301`: the front door rejected the AK/SK signature.
    pub fn signature_rejected() -> Self {
        let code = ErrorCode::SignatureRejected;
        Self::new(
            code.as_str(),
            format!("{}: verify aksk signature fail", code.meaning()),
        )
    }

    /// `APIGW.0301`: the front door does not know the access key.
    pub fn unknown_access_key(access_key: &str) -> Self {
        let code = ErrorCode::SignatureRejected;
        Self::new(
            code.as_str(),
            format!("{}: ak {access_key} not exist", code.meaning()),
        )
    }

    /// `APIGW.0101`: no such API at the front door.
    pub fn api_not_found() -> Self {
        Self::of(ErrorCode::ApiNotFound)
    }
}

/// `maintain_begin` → `maintainBegin`, as the service names fields in `APIC.7211` messages.
pub fn snake_to_camel(field: &str) -> String {
    let mut camel = String::with_capacity(field.len());
    let mut upper_next = false;
    for ch in field.chars() {
        if ch == '_' {
            upper_next = !camel.is_empty();
        } else if upper_next {
            camel.extend(ch.to_uppercase());
            upper_next = false;
        } else {
            camel.push(ch);
        }
    }
    camel
}

/// Why a JSON body could not be read into a wire type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The body is not JSON (or not UTF-8).
    #[error("the body is not valid JSON: {0}")]
    Syntax(String),
    /// The body is JSON but not an object.
    #[error("the body must be a JSON object")]
    NotAnObject,
    /// A field has a value of the wrong type or shape.
    #[error("parameter {field} is invalid: {message}")]
    Field {
        /// The top-level field name, as in the JSON.
        field: String,
        /// What serde said about it.
        message: String,
    },
}

impl DecodeError {
    /// The field to blame, when one is known.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Field { field, .. } => Some(field),
            Self::Syntax(_) | Self::NotAnObject => None,
        }
    }

    /// The `APIC.7211` body the service answers with (naming the field when known).
    pub fn to_error_body(&self) -> ErrorBody {
        match self {
            Self::Field { field, .. } => ErrorBody::invalid_parameter(field),
            Self::Syntax(_) | Self::NotAnObject => ErrorBody::new(
                ErrorCode::InvalidParameter.as_str(),
                format!(
                    "{}, the request body is not a valid JSON object",
                    ErrorCode::InvalidParameter.meaning()
                ),
            ),
        }
    }
}

/// Reads a JSON object body into `T`, naming the top-level field that has the wrong type.
///
/// `serde_json`'s messages say *what* was wrong ("invalid type: string, expected u32") but not
/// *where*; to find the field without a path-tracking dependency, a failed object is retried
/// key by key, each key alone: the first key that fails on its own for another reason than a
/// missing field is the culprit. This only runs on the error path.
pub fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, DecodeError> {
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|error| DecodeError::Syntax(error.to_string()))?;
    let serde_json::Value::Object(map) = &value else {
        return Err(DecodeError::NotAnObject);
    };
    let error = match T::deserialize(&value) {
        Ok(decoded) => return Ok(decoded),
        Err(error) => error,
    };
    for (key, field_value) in map {
        let mut alone = serde_json::Map::new();
        alone.insert(key.clone(), field_value.clone());
        if let Err(own) = T::deserialize(&serde_json::Value::Object(alone))
            && !own.to_string().starts_with("missing field `")
        {
            return Err(DecodeError::Field {
                field: key.clone(),
                message: strip_position(&own.to_string()),
            });
        }
    }
    // No key fails alone: the error is about the object as a whole, e.g. a required field
    // that is missing, which serde names.
    Err(DecodeError::Field {
        field: field_of_serde_error(&error).unwrap_or_default(),
        message: strip_position(&error.to_string()),
    })
}

/// The field a `serde_json` error names, for the messages that name one: missing, unknown and
/// duplicate fields.
pub fn field_of_serde_error(error: &serde_json::Error) -> Option<String> {
    let text = error.to_string();
    ["missing field `", "unknown field `", "duplicate field `"]
        .iter()
        .find_map(|prefix| text.strip_prefix(prefix))
        .and_then(|rest| rest.split_once('`'))
        .map(|(field, _)| field.to_owned())
}

/// Drops `serde_json`'s " at line L column C" suffix, meaningless for a `Value` source.
pub(super) fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_owned(),
        None => message.to_owned(),
    }
}
