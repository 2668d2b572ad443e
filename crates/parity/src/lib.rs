//! The parity suite: one table of scenarios, run against the console's store (in headless
//! Chromium) and against apig-mock (over signed HTTP), each answer compared with the table.
//!
//! A scenario (`tests/parity/scenarios.json`) names a starting account (changes to the default
//! seed), starting gateways (by name and state), one operation with its input, and what must
//! come back: the HTTP status, the error code, the field and, where given, the message or the
//! number of gateways listed. This crate reads the table, builds each scenario's starting state
//! from a base account (the console's seed, or the one apig-mock holds for the project),
//! builds the inputs both sides send, and compares an [`Observed`] answer with the expectation,
//! naming the scenario when they differ. It holds no rule: every decision comes from the side
//! under test.

mod apis;

pub use apis::API_NAME;

use std::net::Ipv4Addr;

use apig_core::account::{
    Account, AccountType, CustomPolicy, Direction, Eip, EipStatus, EnterpriseProject, Statement,
    Subnet, SystemPolicy, Vpc,
};
use apig_core::account::{Effect, SecurityGroup};
use apig_core::api::CreateInstanceV2Request;
use apig_core::authority::Operation;
use apig_core::gateway::Gateway;
use apig_core::lifecycle::{self, CreationSpeed, InjectedFailure};
use apig_core::plan::apply_plan;
use apig_core::region::InboundMode;
use apig_core::validate::{Draft, DraftTag, validate};
use apig_core::values::ErrorCode;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// Operations of the API that the table does not cover, because the console's store does not
/// offer them (the table runs every scenario on both sides): listing tags, the by-tag queries,
/// custom inbound ports, features, the network restriction and API management (groups, APIs,
/// environments, publishing, apps, authorizations). apig-mock's answers to them are
/// checked by its own tests, the SDK conformance tests and the Terraform replay; an operation
/// leaves this list, and enters the table allowed and denied, once the console's store has it
/// (the tag actions, the edition change, creating a group and an API, publishing and taking
/// offline have).
pub const NOT_IN_TABLE_YET: [Operation; 37] = [
    Operation::ListTags,
    Operation::ListProjectTags,
    Operation::ListByTags,
    Operation::CountByTags,
    Operation::ListIngressPorts,
    Operation::AddIngressPort,
    Operation::DeleteIngressPort,
    Operation::ListFeatures,
    Operation::SetFeature,
    Operation::ShowRestriction,
    Operation::ListApiGroups,
    Operation::ShowApiGroup,
    Operation::UpdateApiGroup,
    Operation::DeleteApiGroup,
    Operation::SetDebugDomainAccess,
    Operation::BindDomain,
    Operation::UnbindDomain,
    Operation::ListApis,
    Operation::ShowApi,
    Operation::UpdateApi,
    Operation::DeleteApi,
    Operation::ListApiVersions,
    Operation::ChangeApiVersion,
    Operation::DebugApi,
    Operation::CreateEnvironment,
    Operation::ListEnvironments,
    Operation::UpdateEnvironment,
    Operation::DeleteEnvironment,
    Operation::CreateApp,
    Operation::ListApps,
    Operation::ShowApp,
    Operation::UpdateApp,
    Operation::DeleteApp,
    Operation::ResetAppSecret,
    Operation::AuthorizeApps,
    Operation::ListAuthorizations,
    Operation::CancelAuthorization,
];

/// The region every scenario works in (the one apig-mock's test credential stands for).
pub const REGION: &str = "cn-north-4";

/// The name of the policy a scenario's `deny` list goes into (messages name it).
pub const DENY_POLICY: &str = "parity-deny";

/// The name of the policy a scenario's `allow` list goes into.
pub const ALLOW_POLICY: &str = "parity-allow";

/// The ID scenarios use for a gateway that does not exist.
pub const MISSING_ID: &str = "00000000000000000000000000000000";

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

/// The ID of a part an edit adds.
fn edit_id(kind: &str, name: &str) -> String {
    format!("parity-{kind}-{name}")
}

fn region_of(account: &Account) -> Result<&apig_core::account::Region, String> {
    account
        .region(REGION)
        .ok_or_else(|| format!("the account has no region {REGION}"))
}

impl Scenario {
    fn fail(&self, what: impl std::fmt::Display) -> String {
        format!("scenario \"{}\": {what}", self.name)
    }

    /// The starting state over `base`, at `now_ms`.
    pub fn start(&self, base: &Account, now_ms: u64) -> Result<Start, String> {
        let mut account = base.clone();
        if let Some(region) = account.region_mut(REGION)
            && let Some(mode) = self.account.inbound_mode
        {
            region.inbound_mode = mode;
        }
        if self.account.enterprise {
            account.account_type = AccountType::Enterprise;
        }
        let mut gateways: Vec<Gateway> = Vec::new();
        for (nonce, setup) in (1_u64..).zip(&self.gateways) {
            let gateway = self.build_gateway(&mut account, &gateways, setup, nonce, now_ms)?;
            gateways.push(gateway);
        }
        let principal = &mut account.principal;
        if self.account.no_custom_policies {
            principal.custom_policies.clear();
        }
        if let Some(policies) = &self.account.policies {
            principal.system_policies.clone_from(policies);
        }
        for (name, effect, actions) in [
            (DENY_POLICY, Effect::Deny, &self.account.deny),
            (ALLOW_POLICY, Effect::Allow, &self.account.allow),
        ] {
            if !actions.is_empty() {
                principal.custom_policies.push(CustomPolicy {
                    name: name.to_owned(),
                    statements: vec![Statement {
                        effect,
                        actions: actions.clone(),
                    }],
                });
            }
        }
        if let Some(quota) = self.account.quota {
            account.gateway_quota = quota;
        }
        Ok(Start { account, gateways })
    }

    fn build_gateway(
        &self,
        account: &mut Account,
        existing: &[Gateway],
        setup: &GatewaySetup,
        nonce: u64,
        now_ms: u64,
    ) -> Result<Gateway, String> {
        let region = region_of(account).map_err(|e| self.fail(e))?;
        let mut draft = Draft::prefilled(account, region, existing);
        setup.name.clone_into(&mut draft.instance_name);
        if setup.inbound {
            draft.public_inbound = true;
            if region.inbound_mode == InboundMode::Lvs {
                draft.eip_id = region
                    .free_eips()
                    .next()
                    .map(|e| e.id.clone())
                    .ok_or_else(|| self.fail("no free EIP for a starting gateway"))?;
            }
        }
        if let Some(bandwidth) = setup.outbound {
            draft.public_outbound = true;
            draft.outbound_bandwidth = bandwidth.to_string();
        }
        if let Some(name) = &setup.subnet {
            draft.subnet_id = region
                .vpcs
                .iter()
                .flat_map(|v| &v.subnets)
                .find(|s| s.name == *name)
                .map(|s| s.id.clone())
                .ok_or_else(|| self.fail(format!("no subnet {name}")))?;
        }
        draft.tags = setup
            .tags
            .iter()
            .map(|(key, value)| DraftTag {
                key: key.clone(),
                value: value.clone(),
            })
            .collect();
        let plan = validate(&draft, account, existing, nonce)
            .map_err(|p| self.fail(format!("starting gateway {} is invalid: {p:?}", setup.name)))?;
        apply_plan(account, &plan).map_err(|e| self.fail(e))?;
        let long_ago = now_ms.saturating_sub(3_600_000);
        let speed = CreationSpeed::Realistic;
        let mut gateway = match setup.state {
            State::Creating => plan.to_gateway(now_ms, speed, None),
            State::Failed => plan.to_gateway(
                long_ago,
                speed,
                Some(InjectedFailure {
                    at_step: 1,
                    code: ErrorCode::CreateFailed,
                }),
            ),
            _ => plan.to_gateway(long_ago, speed, None),
        };
        let pending = match setup.state {
            State::Updating => Some(lifecycle::Operation::Update),
            State::Deleting => Some(lifecycle::Operation::Delete),
            _ => None,
        };
        if let Some(op) = pending {
            gateway.begin(op, now_ms).map_err(|e| self.fail(e))?;
        }
        if let Some(group) = &setup.group {
            apis::add_catalogue(&mut gateway, group, setup.published, nonce, long_ago)
                .map_err(|e| self.fail(format!("starting group {group}: {e}")))?;
        }
        Ok(gateway)
    }

    /// The ID of the gateway the operation is about.
    pub fn gateway_id(&self, start: &Start) -> Result<String, String> {
        let name = self
            .gateway
            .as_deref()
            .ok_or_else(|| self.fail("names no gateway"))?;
        if name == "missing" {
            return Ok(MISSING_ID.to_owned());
        }
        start
            .gateways
            .iter()
            .find(|g| g.name.as_str() == name)
            .map(|g| g.id.to_string())
            .ok_or_else(|| self.fail(format!("no starting gateway {name}")))
    }

    fn input_object(&self) -> Result<Map<String, Value>, String> {
        match &self.input {
            Value::Null => Ok(Map::new()),
            Value::Object(map) => Ok(map.clone()),
            other => Err(self.fail(format!("input must be an object, not {other}"))),
        }
    }

    /// The ID an `eip` input names: `free` (the first free EIP), `bound` (the first bound
    /// one) or `missing`.
    fn eip(&self, account: &Account, which: &Value) -> Result<String, String> {
        let region = region_of(account).map_err(|e| self.fail(e))?;
        let found = match which.as_str() {
            Some("free") => region.free_eips().next(),
            Some("bound") => region.eips.iter().find(|e| e.bound_to.is_some()),
            Some("missing") => return Ok("00000000-0000-0000-0000-000000000000".into()),
            _ => return Err(self.fail(format!("eip must be free, bound or missing, not {which}"))),
        };
        found
            .map(|e| e.id.clone())
            .ok_or_else(|| self.fail(format!("no {which} EIP in {REGION}")))
    }

    /// Resolves `subnet_name`, `security_group_name` and `eip` into the IDs the body carries;
    /// every other key is copied.
    fn resolve(&self, account: &Account, body: &mut Map<String, Value>) -> Result<(), String> {
        let region = region_of(account).map_err(|e| self.fail(e))?;
        for (key, value) in self.input_object()? {
            let name = value.as_str().unwrap_or_default();
            match key.as_str() {
                "subnet_name" => {
                    let id = region
                        .vpcs
                        .iter()
                        .flat_map(|v| &v.subnets)
                        .find(|s| s.name == name)
                        .map(|s| s.id.clone())
                        .ok_or_else(|| self.fail(format!("no subnet {name}")))?;
                    body.insert("subnet_id".into(), Value::String(id));
                }
                "security_group_name" => {
                    let id = region
                        .security_groups
                        .iter()
                        .find(|g| g.name == name)
                        .map(|g| g.id.clone())
                        .ok_or_else(|| self.fail(format!("no security group {name}")))?;
                    body.insert("security_group_id".into(), Value::String(id));
                }
                "eip" => {
                    body.insert("eip_id".into(), Value::String(self.eip(account, &value)?));
                }
                _ => {
                    body.insert(key, value);
                }
            }
        }
        Ok(())
    }

    /// The create body: a valid one for the starting account (the prefilled form), with the
    /// input's fields over it.
    pub fn create_body(&self, start: &Start) -> Result<Value, String> {
        // The base body is built under full permissions and a large quota, so that a scenario
        // about permissions or quota still has a body to send.
        let mut permissive = start.account.clone();
        permissive.gateway_quota = 1000;
        permissive.principal.system_policies = vec![SystemPolicy::ApigFullAccess];
        permissive.principal.custom_policies.clear();
        let region = region_of(&permissive).map_err(|e| self.fail(e))?;
        let draft = Draft::prefilled(&permissive, region, &start.gateways);
        let plan = validate(&draft, &permissive, &start.gateways, 99)
            .map_err(|p| self.fail(format!("the prefilled form is invalid: {p:?}")))?;
        let Ok(Value::Object(mut body)) =
            serde_json::to_value(CreateInstanceV2Request::from(&plan))
        else {
            return Err(self.fail("the create body is not an object"));
        };
        self.resolve(&start.account, &mut body)?;
        Ok(Value::Object(body))
    }

    /// The update body (only the input's fields).
    pub fn update_body(&self, start: &Start) -> Result<Value, String> {
        let mut body = Map::new();
        self.resolve(&start.account, &mut body)?;
        Ok(Value::Object(body))
    }

    /// The EIP a `bind_eip` binds.
    pub fn eip_id(&self, start: &Start) -> Result<String, String> {
        let which = self.input_object()?.get("eip").cloned().unwrap_or_default();
        self.eip(&start.account, &which)
    }

    /// The bandwidth of an enable / update of ingress or NAT access.
    pub fn bandwidth(&self) -> Result<u32, String> {
        self.input_object()?
            .get("bandwidth")
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| self.fail("input needs a whole-number bandwidth"))
    }

    /// The tags of a `create_tags` / `delete_tags`.
    pub fn tags(&self) -> Result<Vec<DraftTag>, String> {
        let tags = self
            .input_object()?
            .get("tags")
            .cloned()
            .unwrap_or_default();
        serde_json::from_value(tags).map_err(|e| self.fail(format!("input tags: {e}")))
    }

    /// The body of `POST …/instance-tags/action` for `action` (`create` or `delete`).
    pub fn tags_body(&self, action: &str) -> Result<Value, String> {
        Ok(json!({ "action": action, "tags": self.tags()? }))
    }

    /// The edition a `resize` asks for.
    pub fn spec_id(&self) -> Result<String, String> {
        self.input_object()?
            .get("spec_id")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| self.fail("input needs a spec_id"))
    }

    /// The body of an ingress / NAT change.
    pub fn bandwidth_body(&self) -> Result<Value, String> {
        Ok(json!({ "bandwidth_size": self.bandwidth()?, "bandwidth_charging_mode": "bandwidth" }))
    }

    /// Applies the scenario's account edit to `account`, as the Sandbox page would.
    pub fn apply_edit(&self, account: &mut Account) -> Result<(), String> {
        let edit: AccountEdit = serde_json::from_value(self.input.clone())
            .map_err(|e| self.fail(format!("input is not an account edit: {e}")))?;
        match edit {
            AccountEdit::Quota(n) => account.gateway_quota = n,
            AccountEdit::AddProject { name } => {
                account.enterprise_projects.push(EnterpriseProject {
                    id: edit_id("project", &name),
                    name,
                });
            }
            AccountEdit::AddPolicy {
                name,
                effect,
                actions,
            } => account.principal.custom_policies.push(CustomPolicy {
                name,
                statements: vec![Statement { effect, actions }],
            }),
            network => self.edit_region(self.region_mut(account)?, network)?,
        }
        Ok(())
    }

    /// The edits of [`REGION`]'s networks, security groups and EIPs.
    fn edit_region(
        &self,
        region: &mut apig_core::account::Region,
        edit: AccountEdit,
    ) -> Result<(), String> {
        let cidr = |text: &str| {
            text.parse()
                .map_err(|_| self.fail(format!("{text} is not a CIDR")))
        };
        match edit {
            AccountEdit::AddVpc { name, cidr: text } => region.vpcs.push(Vpc {
                id: edit_id("vpc", &name),
                cidr: cidr(&text)?,
                name,
                subnets: Vec::new(),
            }),
            AccountEdit::AddSubnet {
                vpc,
                name,
                cidr: text,
            } => {
                let cidr = cidr(&text)?;
                let vpc = region
                    .vpcs
                    .iter_mut()
                    .find(|v| v.name == vpc)
                    .ok_or_else(|| self.fail(format!("no VPC {vpc}")))?;
                vpc.subnets.push(Subnet {
                    id: edit_id("subnet", &name),
                    name,
                    cidr,
                    used: Vec::new(),
                });
            }
            AccountEdit::MarkUsed { subnet, ip } => {
                let s = region
                    .vpcs
                    .iter_mut()
                    .flat_map(|v| &mut v.subnets)
                    .find(|s| s.name == subnet)
                    .ok_or_else(|| self.fail(format!("no subnet {subnet}")))?;
                s.used.push(ip);
            }
            AccountEdit::AddGroup { name, vpc } => {
                let vpc_id = region
                    .vpcs
                    .iter()
                    .find(|v| v.name == vpc)
                    .map_or_else(String::new, |v| v.id.clone());
                region.security_groups.push(SecurityGroup {
                    id: edit_id("group", &name),
                    name,
                    vpc_id,
                    rules: Vec::new(),
                });
            }
            AccountEdit::AddRule { group, min, max } => {
                let g = region
                    .security_groups
                    .iter_mut()
                    .find(|g| g.name == group)
                    .ok_or_else(|| self.fail(format!("no security group {group}")))?;
                let mut rule = g
                    .rules
                    .first()
                    .cloned()
                    .ok_or_else(|| self.fail(format!("{group} has no rule to copy")))?;
                rule.id = edit_id("rule", &format!("{min}-{max}"));
                rule.direction = Direction::Ingress;
                rule.port_range_min = Some(min);
                rule.port_range_max = Some(max);
                g.rules.push(rule);
            }
            AccountEdit::AddEip { address } => region.eips.push(Eip {
                id: edit_id("eip", &address.to_string()),
                address,
                status: EipStatus::Down,
                bound_to: None,
                bandwidth_mbps: 5,
            }),
            AccountEdit::Quota(_)
            | AccountEdit::AddProject { .. }
            | AccountEdit::AddPolicy { .. } => {
                return Err(self.fail("not an edit of the region"));
            }
        }
        Ok(())
    }

    fn region_mut<'a>(
        &self,
        account: &'a mut Account,
    ) -> Result<&'a mut apig_core::account::Region, String> {
        account
            .region_mut(REGION)
            .ok_or_else(|| self.fail(format!("the account has no region {REGION}")))
    }

    /// Compares what `side` answered with the expectation; the error names the scenario, the
    /// side and every difference.
    pub fn check(&self, side: &str, observed: &Observed) -> Result<(), String> {
        let e = &self.expect;
        let mut differences = Vec::new();
        if observed.status != e.status {
            differences.push(format!(
                "status {} (expected {})",
                observed.status, e.status
            ));
        }
        if observed.code != e.code {
            differences.push(format!("code {:?} (expected {:?})", observed.code, e.code));
        }
        if observed.field != e.field {
            differences.push(format!(
                "field {:?} (expected {:?})",
                observed.field, e.field
            ));
        }
        if e.message.is_some() && observed.message != e.message {
            differences.push(format!(
                "message {:?} (expected {:?})",
                observed.message, e.message
            ));
        }
        if e.count.is_some() && observed.count != e.count {
            differences.push(format!(
                "count {:?} (expected {:?})",
                observed.count, e.count
            ));
        }
        if differences.is_empty() {
            Ok(())
        } else {
            Err(self.fail(format!("{side} answered {}", differences.join(", "))))
        }
    }
}

/// Runs every scenario through `run` and collects the failures (each naming its scenario), so
/// one run reports every difference, not only the first.
pub fn failures(
    scenarios: &[Scenario],
    mut run: impl FnMut(&Scenario) -> Result<(), String>,
) -> Vec<String> {
    scenarios.iter().filter_map(|s| run(s).err()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"{"scenarios": [{"name": "delete denied", "account": {"deny": ["apig:instances:delete"]},
        "gateways": [{"name": "gw-a"}], "operation": "delete", "gateway": "gw-a",
        "expect": {"status": 403, "code": "APIC.7106", "field": "account"}}]}"#;

    #[test]
    fn reads_builds_and_compares() {
        let scenarios = parse(ONE).expect("reads");
        let s = &scenarios[0];
        let start = s
            .start(&Account::default_seed(), 10_000_000)
            .expect("start");
        assert_eq!(start.gateways.len(), 1);
        assert_eq!(
            start.gateways[0].status(10_000_000),
            lifecycle::Status::Running
        );
        assert!(
            start
                .account
                .principal
                .custom_policies
                .iter()
                .any(|p| p.name == DENY_POLICY)
        );
        assert_eq!(
            s.gateway_id(&start).expect("id"),
            start.gateways[0].id.as_str()
        );
        let right = Observed {
            status: 403,
            code: Some("APIC.7106".into()),
            field: Some("account".into()),
            ..Observed::default()
        };
        assert_eq!(s.check("console", &right), Ok(()));
        let wrong = Observed {
            status: 204,
            ..Observed::default()
        };
        let e = s.check("apig-mock", &wrong).expect_err("differs");
        assert!(
            e.contains("delete denied") && e.contains("apig-mock"),
            "{e}"
        );
    }

    /// The table itself: every operation is tried allowed and denied, and the kinds of failure
    /// the suite promises each appear.
    #[test]
    fn the_table_covers_every_operation() {
        let table = parse(include_str!("../../../tests/parity/scenarios.json")).expect("reads");
        assert!(table.len() >= 40, "{}", table.len());
        for op in Operation::ALL {
            if NOT_IN_TABLE_YET.contains(&op) {
                continue;
            }
            let of_op: Vec<&Scenario> = table
                .iter()
                .filter(|s| s.operation == Op::Api(op))
                .collect();
            assert!(
                of_op.iter().any(|s| s.expect.code.is_none()),
                "{op:?} is never allowed"
            );
            assert!(
                of_op
                    .iter()
                    .any(|s| s.expect.code.as_deref() == Some("APIC.7106")),
                "{op:?} is never denied"
            );
        }
        for code in [
            "APIC.7701",
            "APIC.7400",
            "APIC.9219",
            "APIC.7211",
            "APIC.7302",
        ] {
            assert!(
                table.iter().any(|s| s.expect.code.as_deref() == Some(code)),
                "no scenario expects {code}"
            );
        }
        assert!(
            table
                .iter()
                .filter(|s| s.operation == Op::EditAccount)
                .count()
                >= 10
        );
        let op: Op = serde_json::from_str("\"bind_eip\"").expect("op");
        assert_eq!(op, Op::Api(Operation::BindEip));
        let edit: Op = serde_json::from_str("\"edit_account\"").expect("edit");
        assert_eq!(edit, Op::EditAccount);
    }

    #[test]
    fn refuses_duplicates_and_unknown_keys() {
        let twice = ONE.replace("}]}", "}, {\"name\": \"delete denied\", \"operation\": \"list\", \"expect\": {\"status\": 200}}]}");
        assert!(parse(&twice).expect_err("twice").contains("twice"));
        let unknown = ONE.replace("\"gateway\":", "\"gatway\":");
        assert!(parse(&unknown).is_err());
    }
}
