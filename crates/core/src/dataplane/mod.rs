//! The data plane: how a gateway serves calls of its published APIs (docs/reference.md, Data
//! plane; the emulator's choices in docs/mock.md, Data plane). Pure: time, request IDs and the
//! throttling counters come in as arguments, and the HTTP exchange with a backend is left to
//! the caller ([`call::Outcome::Proxy`]), so the console's router and apig-mock share it.
//!
//! - [`host`]: the group a `Host` names (debugging domain, optionally `.localhost`, or a bound
//!   domain);
//! - [`path`]: `req_uri` templates with `{name}` / `{name+}`, exact and prefix matches;
//! - [`route`]: which API a method and path select, and the precedence rules;
//! - [`auth`]: APP authentication through [`crate::sign`]'s verifier, and authorization;
//! - [`throttle`]: the edition's ceiling, the per-API limit and the debugging domain's daily
//!   calls as a state machine;
//! - [`cors`]: preflights and headers of CORS APIs;
//! - [`backend`]: MOCK answers, the HTTP backend's request plan with `$context` parameters, and
//!   the answer for a backend's result (504 on timeout);
//! - [`answer`]: the gateway's answers and error answers (`APIG.0xxx`) with `X-Request-Id`;
//! - [`call`]: one routed call from authentication to the backend.

pub mod answer;
pub mod auth;
pub mod backend;
pub mod call;
pub mod catalogue;
pub mod cors;
pub mod debug;
pub mod gateway;
pub mod host;
pub mod path;
pub mod route;
pub mod throttle;

pub use answer::{Answer, GatewayError};
pub use call::{AuthKind, Backend, Call, Outcome, RoutedApi};
pub use host::{HostTarget, debug_domain, parse_host};
pub use path::{MatchMode, Template};
pub use throttle::Throttle;

#[cfg(test)]
mod tests;
