//! API groups: create, update, delete, the debug domain's switch, bound domains.

use crate::code::ErrorCode;
use crate::gateway::Gateway;

use super::super::names::{DomainName, GroupName, GroupRemark, ResourceId};
use super::super::refusal::{Missing, Refusal};
use super::super::{BoundDomain, Group, Quotas, debug_domain};
use super::{fresh_id, quota};

/// What a caller gives for a group (create and update).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupInput {
    /// Name, unique in the gateway.
    pub name: GroupName,
    /// Remark.
    pub remark: GroupRemark,
}

fn name_taken(gateway: &Gateway, name: &GroupName, except: Option<&str>) -> Result<(), Refusal> {
    if let Some(other) = gateway
        .apis
        .groups
        .iter()
        .find(|g| g.name == *name && Some(g.id.as_str()) != except)
    {
        return Err(Refusal::new(
            ErrorCode::GroupNameExists,
            "name",
            format!(
                "The API group name already exists: group {} is named {name}. Choose another name.",
                other.id
            ),
        ));
    }
    Ok(())
}

fn group_mut<'a>(gateway: &'a mut Gateway, group_id: &str) -> Result<&'a mut Group, Refusal> {
    gateway
        .apis
        .groups
        .iter_mut()
        .find(|g| g.id.as_str() == group_id)
        .ok_or_else(|| Missing::Group.refusal("group_id", group_id))
}

/// Creates a group with ID `id` at `now_ms`: its debug domain is on. `APIG.3101` past the
/// group quota, `APIG.3201` for a name in use.
pub fn create_group(
    gateway: &mut Gateway,
    input: GroupInput,
    id: ResourceId,
    now_ms: u64,
) -> Result<&Group, Refusal> {
    let quotas = Quotas::for_edition(gateway.edition);
    if gateway.apis.groups.len() >= quotas.groups {
        return Err(quota(
            ErrorCode::GroupQuota,
            "name",
            "API groups per gateway",
            quotas.groups,
            "Delete a group you no longer need.",
        ));
    }
    name_taken(gateway, &input.name, None)?;
    fresh_id(gateway.apis.groups.iter().map(|g| &g.id), &id)?;
    let group = Group {
        sl_domain: debug_domain(id.as_str(), &gateway.region),
        id,
        name: input.name,
        remark: input.remark,
        sl_domain_access_enabled: true,
        domains: Vec::new(),
        register_time_ms: now_ms,
        update_time_ms: now_ms,
    };
    gateway.apis.groups.push(group);
    Ok(gateway.apis.groups.last().expect("just pushed"))
}

/// Renames group `group_id` and sets its remark. `APIG.3001`, `APIG.3201`.
pub fn update_group<'a>(
    gateway: &'a mut Gateway,
    group_id: &str,
    input: GroupInput,
    now_ms: u64,
) -> Result<&'a Group, Refusal> {
    group_mut(gateway, group_id)?;
    name_taken(gateway, &input.name, Some(group_id))?;
    let group = group_mut(gateway, group_id)?;
    group.name = input.name;
    group.remark = input.remark;
    group.update_time_ms = now_ms;
    Ok(group)
}

/// Deletes group `group_id` (with its bound domains). `APIG.3001`; `APIG.3415` while it
/// holds APIs.
pub fn delete_group(gateway: &mut Gateway, group_id: &str) -> Result<Group, Refusal> {
    group_mut(gateway, group_id)?;
    let apis = gateway.apis.apis_of_group(group_id).count();
    if apis > 0 {
        return Err(Refusal::new(
            ErrorCode::GroupHasApis,
            "group_id",
            format!(
                "The API group cannot be deleted because it contains APIs,id:{group_id}. Delete its {apis} API(s) first."
            ),
        ));
    }
    let at = gateway
        .apis
        .groups
        .iter()
        .position(|g| g.id.as_str() == group_id)
        .expect("checked");
    Ok(gateway.apis.groups.remove(at))
}

/// Turns the debug domain of group `group_id` on or off (`sl_domain_access_enabled`).
pub fn set_debug_domain_access<'a>(
    gateway: &'a mut Gateway,
    group_id: &str,
    enabled: bool,
    now_ms: u64,
) -> Result<&'a Group, Refusal> {
    let group = group_mut(gateway, group_id)?;
    group.sl_domain_access_enabled = enabled;
    group.update_time_ms = now_ms;
    Ok(group)
}

/// Binds `domain` to group `group_id` as binding `id`. `APIG.3001`; `APIG.3108` past 5
/// domains; `APIG.2011` (`url_domain`) for a domain already bound in this gateway or a debug
/// domain.
pub fn bind_domain<'a>(
    gateway: &'a mut Gateway,
    group_id: &str,
    domain: DomainName,
    id: ResourceId,
    now_ms: u64,
) -> Result<&'a BoundDomain, Refusal> {
    let max = Quotas::for_edition(gateway.edition).domains_per_group;
    let count = group_mut(gateway, group_id)?.domains.len();
    if count >= max {
        return Err(quota(
            ErrorCode::DomainQuota,
            "url_domain",
            "independent domains per group",
            max,
            "Unbind a domain of this group first.",
        ));
    }
    if domain.as_str().ends_with(".huaweicloudapis.com") {
        return Err(Refusal::invalid_because(
            "url_domain",
            &format!("{domain} is a debug domain; bind a domain of your own."),
        ));
    }
    if let Some(other) = gateway.apis.group_by_domain(domain.as_str()) {
        return Err(Refusal::invalid_because(
            "url_domain",
            &format!(
                "{domain} is already bound to group {}; unbind it there first.",
                other.name
            ),
        ));
    }
    fresh_id(
        gateway
            .apis
            .groups
            .iter()
            .flat_map(|g| g.domains.iter().map(|d| &d.id)),
        &id,
    )?;
    let group = group_mut(gateway, group_id)?;
    group.domains.push(BoundDomain {
        id,
        url_domain: domain,
        bound_at_ms: now_ms,
    });
    group.update_time_ms = now_ms;
    Ok(group.domains.last().expect("just pushed"))
}

/// Unbinds domain binding `domain_id` from group `group_id`. `APIG.3001`, `APIG.3020`.
pub fn unbind_domain(
    gateway: &mut Gateway,
    group_id: &str,
    domain_id: &str,
    now_ms: u64,
) -> Result<BoundDomain, Refusal> {
    let group = group_mut(gateway, group_id)?;
    let at = group
        .domains
        .iter()
        .position(|d| d.id.as_str() == domain_id)
        .ok_or_else(|| Missing::Domain.refusal("domain_id", domain_id))?;
    group.update_time_ms = now_ms;
    Ok(group.domains.remove(at))
}
