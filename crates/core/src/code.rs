//! The one type of every error code the console and the emulator answer with: the service's
//! instance-management codes (`APIC.xxxx`) and the cloud front door's (`APIGW.xxxx`), each with
//! its HTTP status and short meaning (docs/reference.md, Errors).
//!
//! Nothing else in the workspace spells a code: the console, apig-mock and the stored records
//! (an injected failure keeps its code) all go through [`ErrorCode`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident = $wire:literal, $status:literal, $meaning:literal;)+) => {
        /// An error code of the APIG API, written `APIC.xxxx` / `APIGW.xxxx` on the wire.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)+
        }

        impl ErrorCode {
            /// Every code, in the order of the table below.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The wire form, e.g. `"APIC.7211"`.
            pub const fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $wire),+ }
            }

            /// The HTTP status the real service answers with.
            pub const fn http_status(self) -> u16 {
                match self { $(Self::$variant => $status),+ }
            }

            /// The service's short English meaning, as used in `error_msg`.
            pub const fn meaning(self) -> &'static str {
                match self { $(Self::$variant => $meaning),+ }
            }
        }
    };
}

error_codes! {
    /// Front door: the AK/SK signature did not verify, or the access key is unknown.
    SignatureRejected = "APIGW.0301", 401, "Incorrect IAM authentication information";
    /// Front door: no API is published at this method and path.
    ApiNotFound = "APIGW.0101", 404, "The API does not exist or has not been published in the environment";
    /// Front door: the request body exceeds 12 MB.
    BodyTooLarge = "APIGW.0201", 413, "Request entity too large";
    // Data plane (APIG.0xxx): the gateway's answers to calls of published APIs.
    /// Gateway: no API at this method and path, not published in the environment, or the
    /// domain is not bound.
    GatewayApiNotFound = "APIG.0101", 404, "The API does not exist or has not been published in the environment";
    /// Gateway: the app's signature is missing, malformed, expired or wrong, or the key unknown.
    AppAuthFailed = "APIG.0303", 401, "Incorrect app authentication information";
    /// Gateway: the app is not authorized for the API in the environment.
    AppNotAuthorized = "APIG.0304", 403, "The app is not authorized to access the API";
    /// Gateway: a throttling limit or the debugging domain's daily calls are used up.
    Throttled = "APIG.0308", 429, "The throttling threshold has been reached";
    /// Gateway: the backend could not be reached.
    BackendUnavailable = "APIG.0202", 502, "Backend unavailable";
    /// Gateway: the backend did not answer within the API's timeout.
    BackendTimeout = "APIG.0203", 504, "Backend timeout";
    /// `DebugApiV2`: the debugging request is not valid.
    DebugBadRequest = "APIG.2030", 400, "Bad request for debugging the API";
    /// No permission for the method.
    NoPermission = "APIC.7106", 403, "No permissions to request for the method";
    /// The path's project is not the caller's.
    ForeignProject = "APIC.7130", 403, "The project does not belong to the account of this access key";
    /// A parameter value breaks its rules.
    InvalidParameter = "APIC.7211", 400, "Parameter value does not match the rules";
    /// The maintenance window is not 4 hours long.
    MaintainWindowLength = "APIC.7230", 400, "The maintenance time window must be 4 hours";
    /// The maintenance window does not begin at 2, 6, 10, 14, 18 or 22 h.
    MaintainWindowHour = "APIC.7235", 400, "The maintenance window must start at 02, 06, 10, 14, 18 or 22 h";
    /// No (valid) availability zone.
    AzMissing = "APIC.7238", 400, "Specify an available zone";
    /// Enterprise accounts must give an enterprise project.
    EnterpriseProjectRequired = "APIC.7241", 400, "Enterprise project ID required";
    /// The operation does not fit the region's inbound mode (LVS vs. ELB).
    WrongMode = "APIC.7242", 400, "The gateway does not support this load balancing mode";
    /// The bandwidth cannot be updated (access off, or unchanged).
    BandwidthNotUpdatable = "APIC.7244", 400, "The bandwidth cannot be updated";
    /// Instance spec not found.
    SpecNotFound = "APIC.7301", 404, "Instance spec not found";
    /// Instance not found.
    InstanceNotFound = "APIC.7302", 404, "Instance not found";
    /// The security group is not in the VPC.
    SecurityGroupNotInVpc = "APIC.7307", 404, "The security group does not belong to the VPC";
    /// The region has no availability zones.
    NoAvailableZones = "APIC.7310", 404, "No available zones found in the region";
    /// Maximum number of gateways reached.
    QuotaExceeded = "APIC.7400", 403, "Maximum number of gateways reached";
    /// The edition cannot be changed this way: a downgrade, a change between IPv6 and IPv4
    /// editions, an edition an AZ of the gateway does not sell, or a region whose gateways
    /// cannot change edition (LVS regions).
    ScaleUpUnsupported = "APIC.7243", 400, "The instance does not support this specification change";
    /// Too many tags.
    TooManyTags = "APIC.7402", 403, "Maximum number of tags reached";
    /// Too many custom inbound ports.
    TooManyIngressPorts = "APIC.7403", 403, "Maximum number of custom inbound ports reached";
    /// A gateway with this name already exists.
    DuplicateName = "APIC.7500", 400, "The gateway name already exists";
    /// A gateway with this ID already exists.
    DuplicateId = "APIC.7505", 400, "The gateway ID already exists";
    /// The gateway's status does not allow the operation.
    StatusConflict = "APIC.7701", 409, "The instance status does not allow this operation";
    /// The gateway already has the requested edition.
    SameSpec = "APIC.7707", 409, "The instance already has this specification";
    /// The access is already enabled.
    AlreadyEnabled = "APIC.7711", 409, "Public access is already enabled";
    /// Creation failed.
    CreateFailed = "APIC.9206", 400, "Failed to create the instance";
    /// Disabling outbound access failed (it is not enabled).
    DisableOutboundFailed = "APIC.9208", 400, "Failed to disable public outbound access";
    /// The edition change failed: the subnet lacks the addresses the new edition needs.
    ScaleUpFailed = "APIC.9215", 400, "Failed to scale up the instance";
    /// No public address could be created.
    EipCreateFailed = "APIC.9210", 500, "Failed to create the EIP";
    /// Creation failed for insufficient quota of an underlying resource.
    InsufficientQuota = "APIC.9218", 400, "Failed to create the instance: insufficient quota";
    /// Creation failed for insufficient resources.
    InsufficientResources = "APIC.9219", 400, "Failed to create the instance: insufficient resources";
    /// Something failed inside the service; details are logged, never answered.
    SystemError = "APIC.9999", 500, "System error";
    // API management (APIG.2xxx/3xxx)
    /// A parameter value of an API-management call breaks its rules.
    ApigInvalidParameter = "APIG.2011", 400, "Invalid parameter value";
    /// `req_uri` uses a `{name}` no PATH request parameter defines.
    PathParameterUndefined = "APIG.2026", 400, "The request path parameters are not defined";
    /// The backend path uses a `{name}` no PATH backend parameter defines.
    BackendPathParameterUndefined = "APIG.2027", 400, "The backend path parameters are not defined";
    /// A REQUEST backend parameter maps a request parameter the API does not have.
    MappedParameterUndefined = "APIG.2028", 400, "The mapped request parameter is not defined";
    /// No such API group.
    GroupDoesNotExist = "APIG.3001", 404, "The API group does not exist";
    /// No such API.
    ApiDoesNotExist = "APIG.3002", 404, "The API does not exist";
    /// No such environment.
    EnvironmentDoesNotExist = "APIG.3003", 404, "The environment does not exist";
    /// No such app.
    AppDoesNotExist = "APIG.3004", 404, "The app does not exist";
    /// No such authorization record.
    AuthorizationDoesNotExist = "APIG.3009", 404, "The API authorization record does not exist";
    /// No such publication record (or version), or the API is not published there.
    PublicationDoesNotExist = "APIG.3015", 404, "The API publication record does not exist";
    /// No such domain bound to the group.
    DomainDoesNotExist = "APIG.3020", 404, "The URL domain does not exist";
    /// No such gateway (the API-management calls' instance path parameter).
    GatewayDoesNotExist = "APIG.3030", 404, "The instance does not exist";
    /// Too many API groups.
    GroupQuota = "APIG.3101", 403, "The maximum number of API groups has been reached";
    /// Too many APIs in the gateway.
    ApiQuota = "APIG.3102", 403, "The maximum number of APIs has been reached";
    /// Too many apps.
    AppQuota = "APIG.3103", 403, "The maximum number of apps has been reached";
    /// Too many environments.
    EnvironmentQuota = "APIG.3104", 403, "The maximum number of environments has been reached";
    /// Too many independent domains in the group.
    DomainQuota = "APIG.3108", 403, "The maximum number of independent domain names has been reached";
    /// Too many parameters in the API.
    ParameterQuota = "APIG.3111", 403, "The maximum number of API parameters has been reached";
    /// Too many tags on the API.
    ApiTagQuota = "APIG.3133", 403, "The maximum number of API tags has been reached";
    /// Too many APIs in the group.
    ApisPerGroupQuota = "APIG.3125", 403, "The maximum number of APIs in the API group has been reached";
    /// The group name is taken.
    GroupNameExists = "APIG.3201", 400, "The API group name already exists";
    /// The API name is taken in its group.
    ApiNameExists = "APIG.3202", 400, "The API name already exists";
    /// The app name is taken.
    AppNameExists = "APIG.3203", 400, "The app name already exists";
    /// The environment name is taken.
    EnvironmentNameExists = "APIG.3205", 400, "The environment name already exists";
    /// Another API of the group has the same method, path and match mode.
    ApiExists = "APIG.3301", 400, "The API already exists";
    /// The app key is taken.
    AppKeyExists = "APIG.3310", 400, "The AppKey already exists";
    /// The app is already authorized for the API in the environment.
    AuthorizationExists = "APIG.3316", 400, "The API authorization record already exists";
    /// The group still holds APIs.
    GroupHasApis = "APIG.3415", 403, "The API group cannot be deleted because it contains APIs";
    /// An API is still published in the environment.
    EnvironmentHasPublishedApis = "APIG.3418", 403, "The environment contains published APIs";
}

impl ErrorCode {
    /// The codes a creation job can end with (an injected failure may only use these).
    pub const CREATION_FAILURES: [Self; 3] = [
        Self::CreateFailed,
        Self::InsufficientQuota,
        Self::InsufficientResources,
    ];

    /// Whether a creation job can end with this code.
    pub fn is_creation_failure(self) -> bool {
        Self::CREATION_FAILURES.contains(&self)
    }

    /// Whether the cloud front door or the gateway answers it (its bodies carry the `request_id`).
    pub const fn is_front_door(self) -> bool {
        matches!(
            self,
            Self::SignatureRejected
                | Self::ApiNotFound
                | Self::BodyTooLarge
                | Self::GatewayApiNotFound
                | Self::AppAuthFailed
                | Self::AppNotAuthorized
                | Self::Throttled
                | Self::BackendUnavailable
                | Self::BackendTimeout
        )
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text is not a known error code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown error code `{0}`")]
pub struct UnknownErrorCode(pub String);

impl FromStr for ErrorCode {
    type Err = UnknownErrorCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| UnknownErrorCode(s.to_owned()))
    }
}

impl TryFrom<String> for ErrorCode {
    type Error = UnknownErrorCode;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<ErrorCode> for String {
    fn from(code: ErrorCode) -> Self {
        code.as_str().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_and_is_spelt_once() {
        for (i, code) in ErrorCode::ALL.iter().enumerate() {
            assert_eq!(code.as_str().parse::<ErrorCode>(), Ok(*code));
            assert!(
                ErrorCode::ALL[i + 1..]
                    .iter()
                    .all(|other| other.as_str() != code.as_str()),
                "{code} twice"
            );
            // Front door and gateway answers: `APIGW.` and the data plane's `APIG.0xxx`.
            let text = code.as_str();
            let gateway_prefix = text.starts_with("APIGW.") || text.starts_with("APIG.0");
            let prefix_ok = gateway_prefix == code.is_front_door();
            assert!(
                prefix_ok,
                "{code}: front door and gateway codes are exactly the APIGW and APIG.0 ones"
            );
        }
        assert_eq!(
            "APIC.0000".parse::<ErrorCode>(),
            Err(UnknownErrorCode("APIC.0000".into()))
        );
    }

    #[test]
    fn statuses_follow_the_service() {
        let cases = [
            (ErrorCode::SignatureRejected, 401),
            (ErrorCode::ApiNotFound, 404),
            (ErrorCode::BodyTooLarge, 413),
            (ErrorCode::NoPermission, 403),
            (ErrorCode::ForeignProject, 403),
            (ErrorCode::InvalidParameter, 400),
            (ErrorCode::QuotaExceeded, 403),
            (ErrorCode::SecurityGroupNotInVpc, 404),
            (ErrorCode::InstanceNotFound, 404),
            (ErrorCode::StatusConflict, 409),
            (ErrorCode::AlreadyEnabled, 409),
            (ErrorCode::InsufficientResources, 400),
            (ErrorCode::SystemError, 500),
        ];
        for (code, status) in cases {
            assert_eq!(code.http_status(), status, "{code}");
        }
    }

    #[test]
    fn creation_failures_are_the_job_codes() {
        let failures: Vec<&str> = ErrorCode::ALL
            .iter()
            .filter(|c| c.is_creation_failure())
            .map(|c| c.as_str())
            .collect();
        assert_eq!(failures, ["APIC.9206", "APIC.9218", "APIC.9219"]);
    }

    #[test]
    fn serde_uses_the_wire_form() {
        let json = serde_json::to_string(&ErrorCode::WrongMode).expect("serialise");
        assert_eq!(json, "\"APIC.7242\"");
        let back: ErrorCode = serde_json::from_str("\"APIGW.0101\"").expect("known");
        assert_eq!(back, ErrorCode::ApiNotFound);
        assert!(serde_json::from_str::<ErrorCode>("\"APIC.1\"").is_err());
    }
}
