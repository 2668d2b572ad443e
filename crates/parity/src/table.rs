//! The scenario table's shape: a scenario's starting account and gateways, its operation and
//! what must come back, and what one side answered.

use std::net::Ipv4Addr;

use apig_core::account::{Account, Effect, SystemPolicy};
use apig_core::authority::Operation;
use apig_core::gateway::Gateway;
use apig_core::region::InboundMode;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The whole table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    scenarios: Vec<Scenario>,
}

/// One scenario.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Unique, says what is tried and what must happen.
    pub name: String,
    /// Changes to the base account before the operation.
    #[serde(default)]
    pub account: AccountSetup,
    /// Gateways that exist before the operation.
    #[serde(default)]
    pub gateways: Vec<GatewaySetup>,
    /// What is done.
    pub operation: Op,
    /// The starting gateway the operation is about (by name), or `missing`.
    #[serde(default)]
    pub gateway: Option<String>,
    /// The operation's input (see [`Op`]).
    #[serde(default)]
    pub input: Value,
    /// What must come back.
    pub expect: Expect,
}

/// Changes to the base account; permissions and quota apply after the starting gateways exist.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AccountSetup {
    /// Replaces the principal's system roles and policies.
    pub policies: Option<Vec<SystemPolicy>>,
    /// Actions a custom policy ([`DENY_POLICY`]) denies.
    pub deny: Vec<String>,
    /// Actions a custom policy ([`ALLOW_POLICY`]) allows.
    pub allow: Vec<String>,
    /// The gateway quota.
    pub quota: Option<u32>,
    /// The region's inbound mode (`lvs` to bind EIPs in [`REGION`]).
    pub inbound_mode: Option<InboundMode>,
    /// An enterprise account.
    pub enterprise: bool,
    /// Without the base account's custom policies (the seed's denies deleting tags).
    pub no_custom_policies: bool,
}

/// A starting gateway.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GatewaySetup {
    /// Its name.
    pub name: String,
    /// Its status when the operation runs.
    #[serde(default)]
    pub state: State,
    /// Public inbound access on (LVS: the first free EIP; ELB: 5 Mbit/s).
    #[serde(default)]
    pub inbound: bool,
    /// Public outbound access with this bandwidth.
    #[serde(default)]
    pub outbound: Option<u32>,
    /// The subnet (by name) it takes its private IPs from; the prefilled form's otherwise.
    #[serde(default)]
    pub subnet: Option<String>,
    /// Its tags, as key / value pairs.
    #[serde(default)]
    pub tags: Vec<(String, String)>,
    /// An API group of this name holding the API [`API_NAME`] (`GET /hello`, MOCK).
    #[serde(default)]
    pub group: Option<String>,
    /// That API published to RELEASE.
    #[serde(default)]
    pub published: bool,
}

/// The status a starting gateway is in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Created long ago.
    #[default]
    Running,
    /// Created just now, at the realistic speed (15 minutes).
    Creating,
    /// Running, with an update started just now (a minute at the realistic speed).
    Updating,
    /// Running, with a deletion started just now.
    Deleting,
    /// Its creation failed (`CreateFail`).
    Failed,
}

/// The operation of a scenario: an API operation (written as the core's [`Operation`] is,
/// e.g. `delete`, `bind_eip`) or an account edit, with the input it reads:
/// - `create`: fields of the create body over a valid one, plus `subnet_name`,
///   `security_group_name` and `eip` (`free`, `bound`, `missing`) resolved in [`REGION`];
/// - `update`: fields of the update body, plus `security_group_name`;
/// - `bind_eip`: `eip`; `enable_ingress`, `update_ingress`, `enable_nat`, `update_nat`:
///   `bandwidth`; `create_tags`, `delete_tags`: `tags` (`[{key, value}]`; the console applies
///   the action to the gateway's tags with the core and saves the result through its Tags
///   form's call); `resize`: `spec_id`; the others none;
/// - `edit_account`: one [`AccountEdit`]; the console edits through the Sandbox page's store
///   call, apig-mock gets the edited account by `PUT /_mock/{project}/account`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// An edit of the sandbox account.
    EditAccount,
    /// An operation of the API.
    #[serde(untagged)]
    Api(Operation),
}

impl Op {
    /// The HTTP status of success.
    pub const fn success_status(self) -> u16 {
        match self {
            Self::Api(op) => op.success_status(),
            Self::EditAccount => 200,
        }
    }
}

/// One edit of the Sandbox page, applied to [`REGION`].
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum AccountEdit {
    /// Sets the gateway quota.
    Quota(u32),
    /// Adds an enterprise project.
    AddProject {
        /// Its name.
        name: String,
    },
    /// Adds a custom policy statement.
    AddPolicy {
        /// The policy's name.
        name: String,
        /// `Allow` or `Deny`.
        effect: Effect,
        /// The actions.
        actions: Vec<String>,
    },
    /// Adds a VPC.
    AddVpc {
        /// Its name.
        name: String,
        /// Its CIDR.
        cidr: String,
    },
    /// Adds a subnet to the VPC named `vpc`.
    AddSubnet {
        /// The VPC's name.
        vpc: String,
        /// Its name.
        name: String,
        /// Its CIDR.
        cidr: String,
    },
    /// Marks an address of the subnet named `subnet` used.
    MarkUsed {
        /// The subnet's name.
        subnet: String,
        /// The address.
        ip: Ipv4Addr,
    },
    /// Adds a security group to the VPC named `vpc`.
    AddGroup {
        /// Its name.
        name: String,
        /// The VPC's name.
        vpc: String,
    },
    /// Adds an ingress TCP rule to the group named `group`.
    AddRule {
        /// The group's name.
        group: String,
        /// Lowest port.
        min: u16,
        /// Highest port.
        max: u16,
    },
    /// Adds a free EIP with this address.
    AddEip {
        /// The address.
        address: Ipv4Addr,
    },
}

/// What must come back.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The HTTP status (the console answers the status of its code, or of the success).
    pub status: u16,
    /// The error code; absent on success.
    #[serde(default)]
    pub code: Option<String>,
    /// The field the refusal concerns (a core field ID); absent on success.
    #[serde(default)]
    pub field: Option<String>,
    /// The exact message, where the scenario pins it.
    #[serde(default)]
    pub message: Option<String>,
    /// For `list`: how many gateways are listed.
    #[serde(default)]
    pub count: Option<usize>,
}

/// What one side answered.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Observed {
    /// HTTP status.
    pub status: u16,
    /// Error code, on a refusal.
    pub code: Option<String>,
    /// The field, on a refusal.
    pub field: Option<String>,
    /// The message, on a refusal.
    pub message: Option<String>,
    /// For a list: how many gateways.
    pub count: Option<usize>,
}

/// A scenario's starting state, built from a base account.
#[derive(Debug, Clone)]
pub struct Start {
    /// The account, with the starting gateways' addresses taken.
    pub account: Account,
    /// The starting gateways.
    pub gateways: Vec<Gateway>,
}

/// Reads the table; refuses an empty one and duplicate names.
pub fn parse(text: &str) -> Result<Vec<Scenario>, String> {
    let table: Table =
        serde_json::from_str(text).map_err(|e| format!("the scenario table does not read: {e}"))?;
    for (i, s) in table.scenarios.iter().enumerate() {
        if table.scenarios[..i].iter().any(|o| o.name == s.name) {
            return Err(format!("scenario name used twice: {}", s.name));
        }
    }
    if table.scenarios.is_empty() {
        return Err("the scenario table is empty".into());
    }
    Ok(table.scenarios)
}
