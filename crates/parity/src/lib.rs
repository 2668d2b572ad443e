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
mod table;

pub use apis::API_NAME;
pub use table::*;

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
mod tests;
