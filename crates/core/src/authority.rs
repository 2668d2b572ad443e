//! Who may do what, decided once for both front ends.
//!
//! Every operation on gateways is an [`Operation`] with its IAM action (docs/reference.md, Endpoints and Quota and permissions);
//! [`authorize`] is the one decision the console's store and apig-mock's routes both ask before
//! they run one, so a Deny set on the Sandbox page refuses the same calls with the same code and
//! message in this browser and on apig-mock. An operation on an existing gateway asks first,
//! then looks the gateway up ([`gateway_not_found`] when it is not there).

use serde::{Deserialize, Serialize};

use crate::account::{Decision, Principal, SystemPolicy};
use crate::network_change::{InboundChange, OutboundChange};
use crate::precheck::{CreatePermission, create_permission};
use crate::validate::{Field, Problem};
use crate::values::ErrorCode;

/// An operation of the API on gateways; a new endpoint adds its variant here and gets its
/// authorization from [`authorize`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    /// `POST /instances`.
    Create,
    /// `GET /instances`.
    List,
    /// `GET /instances/{id}` and its `/progress`.
    Show,
    /// `PUT /instances/{id}`: name, description, maintenance window, security group.
    Update,
    /// `DELETE /instances/{id}`.
    Delete,
    /// `PUT .../eip` (LVS): bind or replace the inbound EIP.
    BindEip,
    /// `DELETE .../eip` (LVS).
    UnbindEip,
    /// `POST .../ingress-eip` (ELB).
    EnableIngress,
    /// `PUT .../ingress-eip` (ELB).
    UpdateIngress,
    /// `DELETE .../ingress-eip` (ELB).
    DisableIngress,
    /// `POST .../nat-eip`.
    EnableNat,
    /// `PUT .../nat-eip`.
    UpdateNat,
    /// `DELETE .../nat-eip`.
    DisableNat,
    /// `GET .../instance-tags`.
    ListTags,
    /// `GET /instance-tags`: every tag of the project.
    ListProjectTags,
    /// `POST .../instance-tags/action` with `create` (the console's tag edit needs this and
    /// [`Operation::DeleteTags`]).
    CreateTags,
    /// `POST .../instance-tags/action` with `delete`.
    DeleteTags,
    /// `POST /resource-instances/filter`.
    ListByTags,
    /// `POST /resource-instances/count`.
    CountByTags,
    /// `GET .../custom-ingress-ports` and a port's `/domains`.
    ListIngressPorts,
    /// `POST .../custom-ingress-ports`.
    AddIngressPort,
    /// `DELETE .../custom-ingress-ports/{id}`.
    DeleteIngressPort,
    /// `GET .../features` and `.../instance-features`.
    ListFeatures,
    /// `POST .../features`.
    SetFeature,
    /// `GET .../restriction`.
    ShowRestriction,
    /// `POST .../postpaid-resize`: change the edition.
    Resize,
    // API management (issue #18): one operation per management call.
    /// `POST .../api-groups`.
    CreateApiGroup,
    /// `GET .../api-groups`.
    ListApiGroups,
    /// `GET .../api-groups/{group_id}`.
    ShowApiGroup,
    /// `PUT .../api-groups/{group_id}`.
    UpdateApiGroup,
    /// `DELETE .../api-groups/{group_id}`.
    DeleteApiGroup,
    /// `PUT .../api-groups/{group_id}/sl-domain-access-settings`.
    SetDebugDomainAccess,
    /// `POST .../api-groups/{group_id}/domains`.
    BindDomain,
    /// `DELETE .../api-groups/{group_id}/domains/{domain_id}`.
    UnbindDomain,
    /// `POST .../apis`.
    CreateApi,
    /// `GET .../apis`.
    ListApis,
    /// `GET .../apis/{api_id}`.
    ShowApi,
    /// `PUT .../apis/{api_id}`.
    UpdateApi,
    /// `DELETE .../apis/{api_id}`.
    DeleteApi,
    /// `POST .../apis/action` with `online`, and the batch `POST .../apis/publish?action=online`.
    PublishApi,
    /// `POST .../apis/action` with `offline`, and the batch `?action=offline`.
    OfflineApi,
    /// `GET .../apis/publish/{api_id}`.
    ListApiVersions,
    /// `PUT .../apis/publish/{api_id}`.
    ChangeApiVersion,
    /// `POST .../apis/debug/{api_id}`.
    DebugApi,
    /// `POST .../envs`.
    CreateEnvironment,
    /// `GET .../envs`.
    ListEnvironments,
    /// `PUT .../envs/{env_id}`.
    UpdateEnvironment,
    /// `DELETE .../envs/{env_id}`.
    DeleteEnvironment,
    /// `POST .../apps`.
    CreateApp,
    /// `GET .../apps`.
    ListApps,
    /// `GET .../apps/{app_id}`.
    ShowApp,
    /// `PUT .../apps/{app_id}`.
    UpdateApp,
    /// `DELETE .../apps/{app_id}`.
    DeleteApp,
    /// `PUT .../apps/secret/{app_id}`.
    ResetAppSecret,
    /// `POST .../app-auths`.
    AuthorizeApps,
    /// `GET .../app-auths/binded-apis` and `.../binded-apps`.
    ListAuthorizations,
    /// `DELETE .../app-auths/{app_auth_id}`.
    CancelAuthorization,
}

impl Operation {
    /// Every operation.
    pub const ALL: [Self; 57] = [
        Self::Create,
        Self::List,
        Self::Show,
        Self::Update,
        Self::Delete,
        Self::BindEip,
        Self::UnbindEip,
        Self::EnableIngress,
        Self::UpdateIngress,
        Self::DisableIngress,
        Self::EnableNat,
        Self::UpdateNat,
        Self::DisableNat,
        Self::ListTags,
        Self::ListProjectTags,
        Self::CreateTags,
        Self::DeleteTags,
        Self::ListByTags,
        Self::CountByTags,
        Self::ListIngressPorts,
        Self::AddIngressPort,
        Self::DeleteIngressPort,
        Self::ListFeatures,
        Self::SetFeature,
        Self::ShowRestriction,
        Self::Resize,
        Self::CreateApiGroup,
        Self::ListApiGroups,
        Self::ShowApiGroup,
        Self::UpdateApiGroup,
        Self::DeleteApiGroup,
        Self::SetDebugDomainAccess,
        Self::BindDomain,
        Self::UnbindDomain,
        Self::CreateApi,
        Self::ListApis,
        Self::ShowApi,
        Self::UpdateApi,
        Self::DeleteApi,
        Self::PublishApi,
        Self::OfflineApi,
        Self::ListApiVersions,
        Self::ChangeApiVersion,
        Self::DebugApi,
        Self::CreateEnvironment,
        Self::ListEnvironments,
        Self::UpdateEnvironment,
        Self::DeleteEnvironment,
        Self::CreateApp,
        Self::ListApps,
        Self::ShowApp,
        Self::UpdateApp,
        Self::DeleteApp,
        Self::ResetAppSecret,
        Self::AuthorizeApps,
        Self::ListAuthorizations,
        Self::CancelAuthorization,
    ];

    /// Whether the operation only reads (APIG `ReadOnlyAccess` allows exactly these).
    pub const fn is_read(self) -> bool {
        matches!(
            self,
            Self::List
                | Self::Show
                | Self::ListTags
                | Self::ListProjectTags
                | Self::ListByTags
                | Self::CountByTags
                | Self::ListIngressPorts
                | Self::ListFeatures
                | Self::ShowRestriction
                | Self::ListApiGroups
                | Self::ShowApiGroup
                | Self::ListApis
                | Self::ShowApi
                | Self::ListApiVersions
                | Self::ListEnvironments
                | Self::ListApps
                | Self::ShowApp
                | Self::ListAuthorizations
        )
    }

    /// The IAM action a principal needs (the network changes are updates of the instance).
    pub const fn action(self) -> &'static str {
        match self {
            Self::Create => "apig:instances:create",
            Self::List => "apig:instances:list",
            Self::Show | Self::ListIngressPorts | Self::ListFeatures | Self::ShowRestriction => {
                "apig:instances:get"
            }
            Self::Delete => "apig:instances:delete",
            Self::ListTags | Self::ListProjectTags => "apig:instanceTags:list",
            Self::CreateTags => "apig:instanceTags:create",
            Self::DeleteTags => "apig:instanceTags:delete",
            Self::ListByTags => "apig:instance:listByTags",
            Self::CountByTags => "apig:instance:getNumByTags",
            Self::Update
            | Self::BindEip
            | Self::UnbindEip
            | Self::EnableIngress
            | Self::UpdateIngress
            | Self::DisableIngress
            | Self::EnableNat
            | Self::UpdateNat
            | Self::DisableNat
            | Self::AddIngressPort
            | Self::DeleteIngressPort
            | Self::SetFeature
            | Self::Resize => "apig:instances:update",
            Self::CreateApiGroup => "apig:groups:create",
            Self::ListApiGroups => "apig:groups:list",
            Self::ShowApiGroup => "apig:groups:get",
            Self::UpdateApiGroup
            | Self::SetDebugDomainAccess
            | Self::BindDomain
            | Self::UnbindDomain => "apig:groups:update",
            Self::DeleteApiGroup => "apig:groups:delete",
            Self::CreateApi => "apig:apis:create",
            Self::ListApis => "apig:apis:list",
            Self::ShowApi | Self::ListApiVersions | Self::ListAuthorizations => "apig:apis:get",
            Self::UpdateApi => "apig:apis:update",
            Self::DeleteApi => "apig:apis:delete",
            Self::PublishApi | Self::ChangeApiVersion => "apig:apis:publish",
            Self::OfflineApi => "apig:apis:offline",
            Self::DebugApi => "apig:apis:debug",
            Self::CreateEnvironment => "apig:envs:create",
            Self::ListEnvironments => "apig:envs:list",
            Self::UpdateEnvironment => "apig:envs:update",
            Self::DeleteEnvironment => "apig:envs:delete",
            Self::CreateApp => "apig:apps:create",
            Self::ListApps => "apig:apps:list",
            Self::ShowApp => "apig:apps:get",
            Self::UpdateApp | Self::ResetAppSecret => "apig:apps:update",
            Self::DeleteApp => "apig:apps:delete",
            Self::AuthorizeApps | Self::CancelAuthorization => "apig:apis:authorize",
        }
    }

    /// A verb phrase for messages ("No permission to …").
    pub const fn describe(self) -> &'static str {
        match self {
            Self::Create => "create a gateway",
            Self::List => "list gateways",
            Self::Show => "view the gateway",
            Self::Update => "change the gateway",
            Self::Delete => "delete the gateway",
            Self::BindEip => "bind an EIP to the gateway",
            Self::UnbindEip => "unbind the gateway's EIP",
            Self::EnableIngress => "enable public inbound access",
            Self::UpdateIngress => "change the inbound bandwidth",
            Self::DisableIngress => "disable public inbound access",
            Self::EnableNat => "enable public outbound access",
            Self::UpdateNat => "change the outbound bandwidth",
            Self::DisableNat => "disable public outbound access",
            Self::ListTags => "list the gateway's tags",
            Self::ListProjectTags => "list the project's tags",
            Self::CreateTags => "add tags to the gateway",
            Self::DeleteTags => "remove tags from the gateway",
            Self::ListByTags => "list gateways by tag",
            Self::CountByTags => "count gateways by tag",
            Self::ListIngressPorts => "list the gateway's custom inbound ports",
            Self::AddIngressPort => "add a custom inbound port",
            Self::DeleteIngressPort => "remove a custom inbound port",
            Self::ListFeatures => "list the gateway's features",
            Self::SetFeature => "change a feature of the gateway",
            Self::ShowRestriction => "view the gateway's network restriction",
            Self::Resize => "change the gateway's edition",
            Self::CreateApiGroup => "create an API group",
            Self::ListApiGroups => "list the API groups",
            Self::ShowApiGroup => "view the API group",
            Self::UpdateApiGroup => "change the API group",
            Self::DeleteApiGroup => "delete the API group",
            Self::SetDebugDomainAccess => "turn the group's debug domain on or off",
            Self::BindDomain => "bind a domain to the API group",
            Self::UnbindDomain => "unbind a domain from the API group",
            Self::CreateApi => "create an API",
            Self::ListApis => "list the APIs",
            Self::ShowApi => "view the API",
            Self::UpdateApi => "change the API",
            Self::DeleteApi => "delete the API",
            Self::PublishApi => "publish the API",
            Self::OfflineApi => "take the API offline",
            Self::ListApiVersions => "list the API's versions",
            Self::ChangeApiVersion => "switch the API's version",
            Self::DebugApi => "debug the API",
            Self::CreateEnvironment => "create an environment",
            Self::ListEnvironments => "list the environments",
            Self::UpdateEnvironment => "change the environment",
            Self::DeleteEnvironment => "delete the environment",
            Self::CreateApp => "create an app",
            Self::ListApps => "list the apps",
            Self::ShowApp => "view the app",
            Self::UpdateApp => "change the app",
            Self::DeleteApp => "delete the app",
            Self::ResetAppSecret => "reset the app's secret",
            Self::AuthorizeApps => "authorize apps to call APIs",
            Self::ListAuthorizations => "list the app authorizations",
            Self::CancelAuthorization => "cancel an app authorization",
        }
    }

    /// The HTTP status of success (docs/reference.md, Endpoints).
    pub const fn success_status(self) -> u16 {
        match self {
            Self::Create | Self::EnableIngress | Self::UpdateIngress | Self::Resize => 202,
            Self::Delete
            | Self::DisableIngress
            | Self::DisableNat
            | Self::CreateTags
            | Self::DeleteTags
            | Self::DeleteIngressPort
            | Self::DeleteApiGroup
            | Self::SetDebugDomainAccess
            | Self::UnbindDomain
            | Self::DeleteApi
            | Self::DeleteEnvironment
            | Self::DeleteApp
            | Self::CancelAuthorization => 204,
            Self::AddIngressPort
            | Self::SetFeature
            | Self::CreateApiGroup
            | Self::BindDomain
            | Self::CreateApi
            | Self::PublishApi
            | Self::OfflineApi
            | Self::CreateEnvironment
            | Self::CreateApp
            | Self::AuthorizeApps => 201,
            Self::List
            | Self::ListTags
            | Self::ListProjectTags
            | Self::ListByTags
            | Self::CountByTags
            | Self::ListIngressPorts
            | Self::ListFeatures
            | Self::ShowRestriction
            | Self::Show
            | Self::Update
            | Self::BindEip
            | Self::UnbindEip
            | Self::EnableNat
            | Self::UpdateNat
            | Self::ListApiGroups
            | Self::ShowApiGroup
            | Self::UpdateApiGroup
            | Self::ListApis
            | Self::ShowApi
            | Self::UpdateApi
            | Self::ListApiVersions
            | Self::ChangeApiVersion
            | Self::DebugApi
            | Self::ListEnvironments
            | Self::UpdateEnvironment
            | Self::ListApps
            | Self::ShowApp
            | Self::UpdateApp
            | Self::ResetAppSecret
            | Self::ListAuthorizations => 200,
        }
    }

    /// The operation of an inbound change.
    pub const fn of_inbound(change: &InboundChange) -> Self {
        match change {
            InboundChange::BindEip { .. } => Self::BindEip,
            InboundChange::UnbindEip => Self::UnbindEip,
            InboundChange::EnableIngress { .. } => Self::EnableIngress,
            InboundChange::UpdateIngress { .. } => Self::UpdateIngress,
            InboundChange::DisableIngress => Self::DisableIngress,
        }
    }

    /// The operation of an outbound change.
    pub const fn of_outbound(change: &OutboundChange) -> Self {
        match change {
            OutboundChange::Enable { .. } => Self::EnableNat,
            OutboundChange::Update { .. } => Self::UpdateNat,
            OutboundChange::Disable => Self::DisableNat,
        }
    }
}

fn refusal(message: String) -> Problem {
    Problem::new(Field::Account, ErrorCode::NoPermission, message)
}

/// Whether `principal` may perform `operation`: `APIC.7106` on [`Field::Account`] with what
/// refused it and what to do, else `Ok`. An explicit Deny wins over every Allow; creating
/// needs more than the APIG action (see [`create_permission`]).
pub fn authorize(principal: &Principal, operation: Operation) -> Result<(), Problem> {
    let action = operation.action();
    let what = operation.describe();
    if operation == Operation::Create {
        return match create_permission(principal) {
            CreatePermission::Allowed { .. } => Ok(()),
            CreatePermission::Denied { policy } => Err(refusal(format!(
                "No permission to {what}: custom policy {policy} denies {action}, and a Deny wins over every Allow. Remove the Deny."
            ))),
            CreatePermission::Missing { missing } => Err(refusal(format!(
                "No permission to {what}. Grant {missing}."
            ))),
        };
    }
    match principal.decide(action) {
        Decision::Allowed(_) => Ok(()),
        Decision::Denied(policy) => Err(refusal(format!(
            "No permission to {what}: custom policy {policy} denies {action}, and a Deny wins over every Allow. Remove the Deny."
        ))),
        Decision::NotGranted => {
            let read_only = if principal.has(SystemPolicy::ApigReadOnlyAccess) {
                " APIG ReadOnlyAccess only allows get and list actions."
            } else {
                ""
            };
            Err(refusal(format!(
                "No permission to {what}: nothing grants {action}.{read_only} Grant APIG Administrator or APIG FullAccess, or a custom policy allowing {action}."
            )))
        }
    }
}

/// `APIC.7302`: no gateway `id` (deleted meanwhile, in another tab, or never there).
pub fn gateway_not_found(id: &str) -> Problem {
    Problem::new(
        Field::InstanceId,
        ErrorCode::InstanceNotFound,
        format!(
            "{}: no gateway {id}. It may have been deleted meanwhile; reload the list.",
            ErrorCode::InstanceNotFound.meaning()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::{Account, CustomPolicy, Effect, Statement};

    fn principal(policies: &[SystemPolicy], deny: &[&str]) -> Principal {
        let mut p = Account::default_seed().principal;
        p.system_policies = policies.to_vec();
        p.custom_policies = if deny.is_empty() {
            Vec::new()
        } else {
            vec![CustomPolicy {
                name: "guard".into(),
                statements: vec![Statement {
                    effect: Effect::Deny,
                    actions: deny.iter().map(|a| (*a).to_owned()).collect(),
                }],
            }]
        };
        p
    }

    #[test]
    fn a_deny_refuses_exactly_its_operations() {
        let p = principal(&[SystemPolicy::ApigFullAccess], &["apig:instances:delete"]);
        for op in Operation::ALL {
            let result = authorize(&p, op);
            if op == Operation::Delete {
                let e = result.expect_err("denied");
                assert_eq!((e.code, e.field), (ErrorCode::NoPermission, Field::Account));
                assert_eq!(
                    e.message,
                    "No permission to delete the gateway: custom policy guard denies apig:instances:delete, and a Deny wins over every Allow. Remove the Deny."
                );
            } else {
                assert_eq!(result, Ok(()), "{op:?}");
            }
        }
        let updates = principal(&[SystemPolicy::ApigFullAccess], &["apig:instances:update"]);
        let refused: Vec<Operation> = Operation::ALL
            .into_iter()
            .filter(|op| authorize(&updates, *op).is_err())
            .collect();
        assert_eq!(
            refused.len(),
            13,
            "update, the eight network changes, ports, features and the edition"
        );
        assert!(
            refused
                .iter()
                .all(|op| op.action() == "apig:instances:update")
        );
    }

    #[test]
    fn read_only_may_list_and_show_only() {
        let p = principal(&[SystemPolicy::ApigReadOnlyAccess], &[]);
        for op in Operation::ALL {
            assert_eq!(authorize(&p, op).is_ok(), op.is_read(), "{op:?}");
        }
        let tags = principal(&[SystemPolicy::ApigFullAccess], &["apig:instanceTags:*"]);
        let refused: Vec<Operation> = Operation::ALL
            .into_iter()
            .filter(|op| authorize(&tags, *op).is_err())
            .collect();
        assert_eq!(
            refused,
            [
                Operation::ListTags,
                Operation::ListProjectTags,
                Operation::CreateTags,
                Operation::DeleteTags
            ]
        );
        let e = authorize(&p, Operation::UnbindEip).expect_err("not granted");
        assert!(e.message.contains("nothing grants apig:instances:update"));
        assert!(
            e.message
                .contains("ReadOnlyAccess only allows get and list")
        );
        let none = principal(&[], &[]);
        let e = authorize(&none, Operation::List).expect_err("nothing");
        assert!(!e.message.contains("ReadOnlyAccess"), "{}", e.message);
    }

    #[test]
    fn creating_needs_the_vpc_role_too() {
        let admin = principal(&[SystemPolicy::ApigAdministrator], &[]);
        let e = authorize(&admin, Operation::Create).expect_err("missing VPC Administrator");
        assert!(e.message.contains("VPC Administrator"), "{}", e.message);
        assert_eq!(authorize(&admin, Operation::Delete), Ok(()));
        let both = principal(
            &[
                SystemPolicy::ApigAdministrator,
                SystemPolicy::VpcAdministrator,
            ],
            &[],
        );
        assert_eq!(authorize(&both, Operation::Create), Ok(()));
        let denied = principal(&[SystemPolicy::ApigFullAccess], &["apig:*:create"]);
        let e = authorize(&denied, Operation::Create).expect_err("denied");
        assert!(
            e.message
                .contains("custom policy guard denies apig:instances:create")
        );
    }

    #[test]
    fn statuses_and_changes_map_to_operations() {
        assert_eq!(Operation::Create.success_status(), 202);
        assert_eq!(Operation::Delete.success_status(), 204);
        assert_eq!(Operation::DisableNat.success_status(), 204);
        assert_eq!(Operation::UnbindEip.success_status(), 200);
        assert_eq!(
            Operation::of_inbound(&InboundChange::UnbindEip),
            Operation::UnbindEip
        );
        assert_eq!(
            Operation::of_outbound(&OutboundChange::Update {
                bandwidth: "5".into()
            }),
            Operation::UpdateNat
        );
        let e = gateway_not_found("abc");
        assert_eq!(
            (e.code, e.field),
            (ErrorCode::InstanceNotFound, Field::InstanceId)
        );
        assert!(e.message.contains("abc"));
    }
}
