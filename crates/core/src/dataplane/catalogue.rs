//! The gateway's API catalogue as the data plane reads it ([`super::gateway::Served`]).

use crate::gateway::Gateway;

use super::gateway::Served;

/// What the data plane serves of a gateway: its catalogue, once it has one.
pub fn served(_gateway: &Gateway) -> Option<&dyn Served> {
    None
}

/// The permission `DebugApiV2` needs.
pub const DEBUG_OPERATION: crate::authority::Operation = crate::authority::Operation::Show;

/// The answer for an API the gateway does not have (404).
pub fn api_not_found(api_id: &str) -> crate::api::ErrorBody {
    crate::api::ErrorBody::new(
        crate::code::ErrorCode::GatewayApiNotFound.as_str(),
        format!("API {api_id} does not exist"),
    )
}
