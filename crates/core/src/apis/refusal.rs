//! [`Refusal`]: why an API-management operation did not happen, and [`Invalid`]: why one
//! value failed to parse.

use std::fmt;

use crate::code::ErrorCode;

/// Why one value failed to parse; [`Refusal::invalid`] turns it into an `APIG.2011` answer
/// naming the parameter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    /// The value is required but empty or absent.
    #[error("a value is required")]
    Missing,
    /// Too few or too many characters.
    #[error("must be {min}–{max} characters long, got {actual}")]
    Length {
        /// Fewest characters allowed.
        min: usize,
        /// Most characters allowed.
        max: usize,
        /// Characters given.
        actual: usize,
    },
    /// The first character is not allowed there.
    #[error("must start with {expected}, not `{ch}`")]
    FirstChar {
        /// The character given.
        ch: char,
        /// What may come first, e.g. "a letter".
        expected: &'static str,
    },
    /// A character the value may not contain.
    #[error("the character `{ch}` is not allowed; use {allowed}")]
    BadChar {
        /// The character given.
        ch: char,
        /// What is allowed, e.g. "letters, digits and _".
        allowed: &'static str,
    },
    /// Not one of the allowed words.
    #[error("`{given}` is not one of {allowed}")]
    NotOneOf {
        /// The value given.
        given: String,
        /// The allowed values, comma separated.
        allowed: String,
    },
    /// A value the real service has but this gateway does not offer.
    #[error("`{given}` is not available here; {instead}")]
    NotAvailable {
        /// The value given.
        given: String,
        /// What to use instead.
        instead: &'static str,
    },
    /// A number outside its range.
    #[error("must be between {min} and {max}, got {actual}")]
    Range {
        /// Smallest allowed value.
        min: i64,
        /// Largest allowed value.
        max: i64,
        /// The value given.
        actual: i64,
    },
    /// The value does not have the required form.
    #[error("{0}")]
    Format(&'static str),
}

/// An API-management operation refused: the `APIG.xxxx` code (its HTTP status is
/// [`ErrorCode::http_status`]), the wire name of the parameter at fault (`name`,
/// `req_params[1].name`, `group_id`, ...; the path parameter for a missing object) and a
/// message naming the parameter and what to do. apig-mock answers it as `error_code` /
/// `error_msg`; the console shows the message next to the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The error code.
    pub code: ErrorCode,
    /// The wire name of the parameter at fault.
    pub parameter: String,
    /// One or two sentences: what is wrong and what to do.
    pub message: String,
}

impl Refusal {
    /// The management calls' answer for a gateway that does not exist: 404 `APIG.3030`
    /// naming it.
    pub fn gateway_missing(instance_id: &str) -> Self {
        let code = ErrorCode::GatewayDoesNotExist;
        Self::new(
            code,
            "instance_id",
            format!("{};id:{instance_id}", code.meaning()),
        )
    }

    /// A refusal with its code, parameter and message.
    pub fn new(code: ErrorCode, parameter: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code,
            parameter: parameter.into(),
            message: message.into(),
        }
    }

    /// `APIG.2011` for a value that failed to parse: `Invalid parameter
    /// value,parameterName:{parameter}. The value {why}.`
    pub fn invalid(parameter: impl Into<String>, why: &Invalid) -> Self {
        let parameter = parameter.into();
        let message =
            format!("Invalid parameter value,parameterName:{parameter}. The value {why}.");
        Self::new(ErrorCode::ApigInvalidParameter, parameter, message)
    }

    /// `APIG.2011` with a message of the caller's (a rule between fields).
    pub fn invalid_because(parameter: impl Into<String>, what_to_do: &str) -> Self {
        let parameter = parameter.into();
        let message = format!("Invalid parameter value,parameterName:{parameter}. {what_to_do}");
        Self::new(ErrorCode::ApigInvalidParameter, parameter, message)
    }

    /// The HTTP status of the answer.
    pub const fn http_status(&self) -> u16 {
        self.code.http_status()
    }

    /// Prefixes the parameter with the path of the object it belongs to, e.g. `name` →
    /// `backend_api.name`.
    #[must_use]
    pub fn within(mut self, prefix: &str) -> Self {
        let inner = std::mem::take(&mut self.parameter);
        let outer = format!("{prefix}.{inner}");
        self.message = self.message.replacen(
            &format!("parameterName:{inner}"),
            &format!("parameterName:{outer}"),
            1,
        );
        self.parameter = outer;
        self
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for Refusal {}

/// An object of the catalogue that may be missing, with its `APIG.3xxx` "does not exist"
/// code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// An API group (`APIG.3001`).
    Group,
    /// An API (`APIG.3002`).
    Api,
    /// An environment (`APIG.3003`).
    Environment,
    /// An app (`APIG.3004`).
    App,
    /// An authorization record (`APIG.3009`).
    Authorization,
    /// A publication record or version (`APIG.3015`).
    Publication,
    /// A domain bound to a group (`APIG.3020`).
    Domain,
}

impl Missing {
    /// The `APIG` code answered.
    pub const fn code(self) -> ErrorCode {
        match self {
            Self::Group => ErrorCode::GroupDoesNotExist,
            Self::Api => ErrorCode::ApiDoesNotExist,
            Self::Environment => ErrorCode::EnvironmentDoesNotExist,
            Self::App => ErrorCode::AppDoesNotExist,
            Self::Authorization => ErrorCode::AuthorizationDoesNotExist,
            Self::Publication => ErrorCode::PublicationDoesNotExist,
            Self::Domain => ErrorCode::DomainDoesNotExist,
        }
    }

    const fn noun(self) -> &'static str {
        match self {
            Self::Group => "API group",
            Self::Api => "API",
            Self::Environment => "environment",
            Self::App => "app",
            Self::Authorization => "authorization record",
            Self::Publication => "publication record",
            Self::Domain => "domain",
        }
    }

    /// The refusal for `id` given as `parameter`: `{Noun} {id} does not exist. ...`.
    pub fn refusal(self, parameter: &str, id: &str) -> Refusal {
        let noun = self.noun();
        let mut first = noun.chars();
        let cap: String = first
            .next()
            .map(|c| c.to_uppercase().chain(first).collect())
            .unwrap_or_default();
        Refusal::new(
            self.code(),
            parameter,
            format!(
                "{cap} {id} does not exist (parameter {parameter}). It may have been deleted meanwhile; list the {noun}s and use an existing ID."
            ),
        )
    }
}
