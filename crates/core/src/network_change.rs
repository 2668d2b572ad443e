//! Changing a gateway's public access after creation: bind, replace or unbind the inbound EIP
//! (LVS regions), enable, resize or disable the inbound bandwidth (ELB regions), and enable,
//! resize or disable outbound access (NAT EIP).
//!
//! Each change is checked completely before anything is touched ([`preview`] runs it on
//! copies), so on error the account and the gateway are unchanged. A change that succeeds
//! updates the EIPs of the account, the gateway's access, its history and marks it `Updating`.

use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};

use crate::account::{Account, Eip, EipStatus};
use crate::gateway::{Change, Gateway, Inbound, Outbound};
use crate::lifecycle::{Operation, check_transition};
use crate::region::InboundMode;
use crate::validate::{Field, Problem};
use crate::values::{Bandwidth, ErrorCode, InstanceId};

/// A change of public inbound access, as the API's `eip` / `ingress-eip` endpoints take it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum InboundChange {
    /// LVS: bind this free EIP, replacing the one bound now (`PUT .../eip`).
    BindEip {
        /// The EIP to bind.
        eip_id: String,
    },
    /// LVS: unbind the EIP (`DELETE .../eip`).
    UnbindEip,
    /// ELB: enable inbound access with this bandwidth (`POST .../ingress-eip`).
    EnableIngress {
        /// Mbit/s as typed.
        bandwidth: String,
    },
    /// ELB: change the inbound bandwidth (`PUT .../ingress-eip`).
    UpdateIngress {
        /// Mbit/s as typed.
        bandwidth: String,
    },
    /// ELB: disable inbound access (`DELETE .../ingress-eip`).
    DisableIngress,
}

/// A change of public outbound access (`.../nat-eip`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum OutboundChange {
    /// Enable outbound access with this bandwidth (`POST`).
    Enable {
        /// Mbit/s as typed.
        bandwidth: String,
    },
    /// Change the outbound bandwidth (`PUT`).
    Update {
        /// Mbit/s as typed.
        bandwidth: String,
    },
    /// Disable outbound access (`DELETE`).
    Disable,
}

/// Why a network change was refused: a problem like any other (its wire message names the
/// parameter, [`Problem::wire_message`]).
pub type NetworkError = Problem;

fn err(field: Field, code: ErrorCode, message: impl Into<String>) -> NetworkError {
    Problem::new(field, code, message)
}

/// How the console shows inbound access, e.g. `"EIP 1.2.3.4"`, `"1.2.3.4, 5 Mbit/s"`, `"Off"`.
pub fn inbound_label(inbound: &Inbound) -> String {
    match inbound {
        Inbound::Off => "Off".to_owned(),
        Inbound::Eip { address, .. } => format!("EIP {address}"),
        Inbound::Elb {
            address, bandwidth, ..
        } => format!("{address}, {bandwidth}"),
    }
}

/// How the console shows outbound access, e.g. `"1.2.3.4, 5 Mbit/s"` or `"Off"`.
pub fn outbound_label(outbound: &Outbound) -> String {
    match outbound {
        Outbound::Off => "Off".to_owned(),
        Outbound::Nat {
            address, bandwidth, ..
        } => format!("{address}, {bandwidth}"),
    }
}

/// A UUID-shaped ID for an EIP created for `gateway` at `now_ms`.
fn new_eip_id(gateway: &Gateway, purpose: &str, now_ms: u64) -> String {
    InstanceId::derive_uuid(&[gateway.id.as_str(), purpose], now_ms)
}

fn check_status(gateway: &Gateway, operation: Operation, now_ms: u64) -> Result<(), NetworkError> {
    check_transition(gateway.status(now_ms), operation).map_err(|e| {
        let p = e.problem();
        err(p.field, p.code, p.message)
    })
}

fn parse_bandwidth(field: Field, raw: &str) -> Result<Bandwidth, NetworkError> {
    let parsed = if field == Field::IngressBandwidth {
        Bandwidth::parse_inbound(raw)
    } else {
        Bandwidth::parse_outbound(raw)
    };
    parsed.map_err(|e| Problem::value(field, &e))
}

/// A new EIP for the gateway: the next free pool address of the region.
fn create_eip(
    account: &Account,
    gateway: &Gateway,
    field: Field,
    purpose: &str,
    bandwidth: Bandwidth,
    now_ms: u64,
) -> Result<Eip, NetworkError> {
    let address: Option<Ipv4Addr> = account
        .region(&gateway.region)
        .and_then(crate::account::Region::next_public_address);
    let address = address.ok_or_else(|| {
        err(
            field,
            ErrorCode::EipCreateFailed,
            "No public address is left in the region's pool; free an EIP in the sandbox first.",
        )
    })?;
    Ok(Eip {
        id: new_eip_id(gateway, purpose, now_ms),
        address,
        status: EipStatus::Active,
        bound_to: Some(gateway.id.to_string()),
        bandwidth_mbps: bandwidth.mbps(),
    })
}

fn region_mode(account: &Account, gateway: &Gateway) -> Result<InboundMode, NetworkError> {
    account
        .region(&gateway.region)
        .map(|r| r.inbound_mode)
        .ok_or_else(|| {
            err(
                Field::Region,
                ErrorCode::InvalidParameter,
                format!("Region {} no longer exists in the sandbox.", gateway.region),
            )
        })
}

fn wrong_mode(field: Field, mode: InboundMode, region: &str) -> NetworkError {
    let (this, hint) = match mode {
        InboundMode::Lvs => (
            "LVS",
            "bind, replace or unbind an EIP instead of setting an inbound bandwidth",
        ),
        InboundMode::Elb => (
            "ELB",
            "set an inbound bandwidth instead; the gateway gets its own EIP",
        ),
    };
    err(
        field,
        ErrorCode::WrongMode,
        format!("{region} uses {this} inbound access: {hint}."),
    )
}

/// Removes an EIP the gateway owns, or unbinds a user EIP it holds.
fn give_back(account: &mut Account, gateway: &Gateway, eip_id: &str, owned: bool) {
    let Some(region) = account.region_mut(&gateway.region) else {
        return;
    };
    if owned {
        region.eips.retain(|e| e.id != eip_id);
    } else if let Some(e) = region.eip_mut(eip_id)
        && e.bound_to.as_deref() == Some(gateway.id.as_str())
    {
        e.status = EipStatus::Down;
        e.bound_to = None;
    }
}

/// The inbound access after binding `eip_id` (LVS).
fn bind_target(
    account: &Account,
    gateway: &Gateway,
    mode: InboundMode,
    eip_id: &str,
) -> Result<Inbound, NetworkError> {
    let region_id = &gateway.region;
    if mode != InboundMode::Lvs {
        return Err(wrong_mode(Field::Eip, mode, region_id));
    }
    if matches!(&gateway.inbound, Inbound::Eip { eip_id: current, .. } if current == eip_id) {
        return Err(err(
            Field::Eip,
            ErrorCode::AlreadyEnabled,
            "This EIP is already bound to the gateway.",
        ));
    }
    let eip = account.region(region_id).and_then(|r| r.eip(eip_id));
    let Some(eip) = eip.filter(|e| e.is_free()) else {
        return Err(err(
            Field::Eip,
            ErrorCode::InvalidParameter,
            format!(
                "EIP {eip_id} is not a free EIP of {region_id}; choose an unbound EIP (status DOWN)."
            ),
        ));
    };
    let inbound = Inbound::Eip {
        eip_id: eip.id.clone(),
        address: eip.address,
    };
    Ok(inbound)
}

/// The inbound access `change` leads to, with the EIP to create; refuses what the mode,
/// the current access or the values do not allow.
fn target_inbound(
    account: &Account,
    gateway: &Gateway,
    mode: InboundMode,
    change: &InboundChange,
    now_ms: u64,
) -> Result<(Field, Inbound, Option<Eip>), NetworkError> {
    let region_id = gateway.region.clone();
    let target = match change {
        InboundChange::BindEip { eip_id } => (
            Field::Eip,
            bind_target(account, gateway, mode, eip_id)?,
            None,
        ),
        InboundChange::UnbindEip => {
            if mode != InboundMode::Lvs {
                return Err(wrong_mode(Field::Eip, mode, &region_id));
            }
            if !matches!(gateway.inbound, Inbound::Eip { .. }) {
                return Err(err(
                    Field::Eip,
                    ErrorCode::InvalidParameter,
                    "No EIP is bound to the gateway.",
                ));
            }
            (Field::Eip, Inbound::Off, None)
        }
        InboundChange::EnableIngress { bandwidth } => {
            if mode != InboundMode::Elb {
                return Err(wrong_mode(Field::IngressBandwidth, mode, &region_id));
            }
            if gateway.inbound != Inbound::Off {
                return Err(err(
                    Field::IngressBandwidth,
                    ErrorCode::AlreadyEnabled,
                    "Public inbound access is already enabled; change its bandwidth instead.",
                ));
            }
            let bw = parse_bandwidth(Field::IngressBandwidth, bandwidth)?;
            let eip = create_eip(
                account,
                gateway,
                Field::IngressBandwidth,
                "ingress-eip",
                bw,
                now_ms,
            )?;
            let inbound = Inbound::Elb {
                eip_id: eip.id.clone(),
                address: eip.address,
                bandwidth: bw,
            };
            (Field::IngressBandwidth, inbound, Some(eip))
        }
        InboundChange::UpdateIngress { bandwidth } => {
            if mode != InboundMode::Elb {
                return Err(wrong_mode(Field::IngressBandwidth, mode, &region_id));
            }
            let Inbound::Elb {
                eip_id,
                address,
                bandwidth: current,
            } = &gateway.inbound
            else {
                return Err(err(
                    Field::IngressBandwidth,
                    ErrorCode::BandwidthNotUpdatable,
                    "Public inbound access is off: enable it before changing its bandwidth.",
                ));
            };
            let bw = parse_bandwidth(Field::IngressBandwidth, bandwidth)?;
            if bw == *current {
                return Err(err(
                    Field::IngressBandwidth,
                    ErrorCode::BandwidthNotUpdatable,
                    format!("The inbound bandwidth is already {bw}."),
                ));
            }
            let inbound = Inbound::Elb {
                eip_id: eip_id.clone(),
                address: *address,
                bandwidth: bw,
            };
            (Field::IngressBandwidth, inbound, None)
        }
        InboundChange::DisableIngress => {
            if mode != InboundMode::Elb {
                return Err(wrong_mode(Field::IngressBandwidth, mode, &region_id));
            }
            if !matches!(gateway.inbound, Inbound::Elb { .. }) {
                return Err(err(
                    Field::IngressBandwidth,
                    ErrorCode::InvalidParameter,
                    "Public inbound access is not enabled.",
                ));
            }
            (Field::IngressBandwidth, Inbound::Off, None)
        }
    };
    Ok(target)
}

/// Applies `change` to the gateway's inbound access at `now_ms`: checks the status
/// (`APIC.7701`), the region's mode (`APIC.7242`), the current access (`APIC.7711`,
/// `APIC.7244`) and the values (`APIC.7211`) first; then updates the account's EIPs, the
/// gateway, its history, and marks it `Updating`. Returns the history entry.
pub fn change_inbound(
    account: &mut Account,
    gateway: &mut Gateway,
    change: &InboundChange,
    now_ms: u64,
) -> Result<Change, NetworkError> {
    check_status(gateway, Operation::ChangeInbound, now_ms)?;
    let mode = region_mode(account, gateway)?;
    let region_id = gateway.region.clone();
    let (field, new_inbound, created) = target_inbound(account, gateway, mode, change, now_ms)?;

    // Everything checked: now change the account and the gateway.
    match gateway.inbound.clone() {
        Inbound::Off => {}
        Inbound::Eip { eip_id, .. } => give_back(account, gateway, &eip_id, false),
        Inbound::Elb { eip_id, .. } => {
            if let Inbound::Elb { bandwidth: new, .. } = &new_inbound {
                if let Some(e) = account
                    .region_mut(&region_id)
                    .and_then(|r| r.eip_mut(&eip_id))
                {
                    e.bandwidth_mbps = new.mbps();
                }
            } else {
                give_back(account, gateway, &eip_id, true);
            }
        }
    }
    if let Some(region) = account.region_mut(&region_id) {
        if let Inbound::Eip { eip_id, .. } = &new_inbound
            && let Some(e) = region.eip_mut(eip_id)
        {
            e.status = EipStatus::Active;
            e.bound_to = Some(gateway.id.to_string());
        }
        if let Some(eip) = created {
            region.eips.push(eip);
        }
    }
    let old = inbound_label(&gateway.inbound);
    let new = inbound_label(&new_inbound);
    gateway.inbound = new_inbound;
    finish(gateway, Operation::ChangeInbound, field, old, new, now_ms)
}

/// Applies `change` to the gateway's outbound access at `now_ms`: checks the status
/// (`APIC.7701`), the current access (`APIC.7711`, `APIC.7244`, `APIC.9208`) and the
/// bandwidth (`APIC.7211`) first; then creates, resizes or removes the NAT EIP, records the
/// change and marks the gateway `Updating`. Returns the history entry.
pub fn change_outbound(
    account: &mut Account,
    gateway: &mut Gateway,
    change: &OutboundChange,
    now_ms: u64,
) -> Result<Change, NetworkError> {
    let field = Field::OutboundBandwidth;
    check_status(gateway, Operation::ChangeOutbound, now_ms)?;
    region_mode(account, gateway)?;
    let region_id = gateway.region.clone();
    let new_outbound = match change {
        OutboundChange::Enable { bandwidth } => {
            if gateway.outbound != Outbound::Off {
                return Err(err(
                    field,
                    ErrorCode::AlreadyEnabled,
                    "Public outbound access is already enabled; change its bandwidth instead.",
                ));
            }
            let bw = parse_bandwidth(field, bandwidth)?;
            let eip = create_eip(account, gateway, field, "nat-eip", bw, now_ms)?;
            let outbound = Outbound::Nat {
                eip_id: eip.id.clone(),
                address: eip.address,
                bandwidth: bw,
            };
            if let Some(region) = account.region_mut(&region_id) {
                region.eips.push(eip);
            }
            outbound
        }
        OutboundChange::Update { bandwidth } => {
            let Outbound::Nat {
                eip_id,
                address,
                bandwidth: current,
            } = &gateway.outbound
            else {
                return Err(err(
                    field,
                    ErrorCode::BandwidthNotUpdatable,
                    "Public outbound access is off: enable it before changing its bandwidth.",
                ));
            };
            let bw = parse_bandwidth(field, bandwidth)?;
            if bw == *current {
                return Err(err(
                    field,
                    ErrorCode::BandwidthNotUpdatable,
                    format!("The outbound bandwidth is already {bw}."),
                ));
            }
            if let Some(e) = account
                .region_mut(&region_id)
                .and_then(|r| r.eip_mut(eip_id))
            {
                e.bandwidth_mbps = bw.mbps();
            }
            Outbound::Nat {
                eip_id: eip_id.clone(),
                address: *address,
                bandwidth: bw,
            }
        }
        OutboundChange::Disable => {
            let Outbound::Nat { eip_id, .. } = &gateway.outbound else {
                return Err(err(
                    field,
                    ErrorCode::DisableOutboundFailed,
                    "Public outbound access is not enabled, so it cannot be disabled.",
                ));
            };
            let eip_id = eip_id.clone();
            give_back(account, gateway, &eip_id, true);
            Outbound::Off
        }
    };
    let old = outbound_label(&gateway.outbound);
    let new = outbound_label(&new_outbound);
    gateway.outbound = new_outbound;
    finish(gateway, Operation::ChangeOutbound, field, old, new, now_ms)
}

/// Records the change and marks the gateway `Updating`.
fn finish(
    gateway: &mut Gateway,
    operation: Operation,
    field: Field,
    old: String,
    new: String,
    now_ms: u64,
) -> Result<Change, NetworkError> {
    // The status was checked before anything changed; `begin` checks it again.
    gateway.begin(operation, now_ms).map_err(|e| {
        let p = e.problem();
        err(p.field, p.code, p.message)
    })?;
    gateway.record(now_ms, field.id(), old, new);
    Ok(gateway.history.last().cloned().unwrap_or(Change {
        at_ms: now_ms,
        field: field.id().to_owned(),
        old: String::new(),
        new: String::new(),
    }))
}

/// What an inbound change would do (the history entry it would write), without changing
/// anything: for showing old → new before saving.
pub fn preview_inbound(
    account: &Account,
    gateway: &Gateway,
    change: &InboundChange,
    now_ms: u64,
) -> Result<Change, NetworkError> {
    change_inbound(&mut account.clone(), &mut gateway.clone(), change, now_ms)
}

/// What an outbound change would do, without changing anything.
pub fn preview_outbound(
    account: &Account,
    gateway: &Gateway,
    change: &OutboundChange,
    now_ms: u64,
) -> Result<Change, NetworkError> {
    change_outbound(&mut account.clone(), &mut gateway.clone(), change, now_ms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::ids;
    use crate::lifecycle::{CreationSpeed, Status};
    use crate::validate::{Draft, validate};

    /// A running gateway in `region` (instant speed) and the account it was taken from.
    fn running(region: &str, inbound: bool, outbound: bool) -> (Account, Gateway) {
        let mut account = Account::default_seed();
        let r = account.region(region).expect("region").clone();
        let mut draft = Draft::prefilled(&account, &r, &[]);
        draft.public_inbound = inbound;
        draft.public_outbound = outbound;
        if inbound && r.inbound_mode == InboundMode::Lvs {
            draft.eip_id = r.free_eips().next().expect("free eip").id.clone();
        }
        let plan = validate(&draft, &account, &[], 1).expect("valid draft");
        crate::plan::apply_plan(&mut account, &plan).expect("apply");
        (account, plan.to_gateway(0, CreationSpeed::Instant, None))
    }

    fn code_of<T>(r: Result<T, NetworkError>) -> Option<&'static str> {
        r.err().map(|e| e.code.as_str())
    }

    #[test]
    fn inbound_refusals_carry_the_service_codes() {
        let (a_elb, g_elb_off) = running("cn-north-4", false, false);
        let (a_elb_on, g_elb_on) = running("cn-north-4", true, true);
        let (a_lvs, g_lvs_off) = running("cn-north-1", false, false);
        let bw = |s: &str| s.to_owned();
        // (account, gateway, change, expected code)
        let inbound: Vec<(&Account, &Gateway, InboundChange, Option<&str>)> = vec![
            (
                &a_elb,
                &g_elb_off,
                InboundChange::BindEip {
                    eip_id: ids::CN4_EIP_FREE_1.into(),
                },
                Some("APIC.7242"),
            ),
            (
                &a_elb,
                &g_elb_off,
                InboundChange::UnbindEip,
                Some("APIC.7242"),
            ),
            (
                &a_lvs,
                &g_lvs_off,
                InboundChange::EnableIngress { bandwidth: bw("5") },
                Some("APIC.7242"),
            ),
            (
                &a_elb_on,
                &g_elb_on,
                InboundChange::EnableIngress { bandwidth: bw("5") },
                Some("APIC.7711"),
            ),
            (
                &a_elb,
                &g_elb_off,
                InboundChange::UpdateIngress { bandwidth: bw("9") },
                Some("APIC.7244"),
            ),
            (
                &a_elb_on,
                &g_elb_on,
                InboundChange::UpdateIngress { bandwidth: bw("5") },
                Some("APIC.7244"),
            ),
            (
                &a_elb,
                &g_elb_off,
                InboundChange::EnableIngress { bandwidth: bw("4") },
                Some("APIC.7211"),
            ),
            (
                &a_elb,
                &g_elb_off,
                InboundChange::EnableIngress {
                    bandwidth: bw("abc"),
                },
                Some("APIC.7211"),
            ),
            (
                &a_elb,
                &g_elb_off,
                InboundChange::DisableIngress,
                Some("APIC.7211"),
            ),
            (
                &a_lvs,
                &g_lvs_off,
                InboundChange::BindEip {
                    eip_id: ids::CN1_EIP_BOUND.into(),
                },
                Some("APIC.7211"),
            ),
            (
                &a_lvs,
                &g_lvs_off,
                InboundChange::UnbindEip,
                Some("APIC.7211"),
            ),
            (
                &a_elb,
                &g_elb_off,
                InboundChange::EnableIngress { bandwidth: bw("5") },
                None,
            ),
            (
                &a_lvs,
                &g_lvs_off,
                InboundChange::BindEip {
                    eip_id: ids::CN1_EIP_FREE_1.into(),
                },
                None,
            ),
        ];
        for (account, gateway, change, expect) in inbound {
            let got = code_of(preview_inbound(account, gateway, &change, 10));
            assert_eq!(got, expect, "{change:?}");
        }
    }

    #[test]
    fn outbound_refusals_carry_the_service_codes() {
        let (a_elb, g_elb_off) = running("cn-north-4", false, false);
        let (a_elb_on, g_elb_on) = running("cn-north-4", true, true);
        let bw = |s: &str| s.to_owned();
        let outbound: Vec<(&Account, &Gateway, OutboundChange, Option<&str>)> = vec![
            (
                &a_elb_on,
                &g_elb_on,
                OutboundChange::Enable { bandwidth: bw("5") },
                Some("APIC.7711"),
            ),
            (
                &a_elb,
                &g_elb_off,
                OutboundChange::Update { bandwidth: bw("5") },
                Some("APIC.7244"),
            ),
            (
                &a_elb,
                &g_elb_off,
                OutboundChange::Disable,
                Some("APIC.9208"),
            ),
            (
                &a_elb,
                &g_elb_off,
                OutboundChange::Enable { bandwidth: bw("0") },
                Some("APIC.7211"),
            ),
            (
                &a_elb,
                &g_elb_off,
                OutboundChange::Enable {
                    bandwidth: bw("2001"),
                },
                Some("APIC.7211"),
            ),
            (
                &a_elb,
                &g_elb_off,
                OutboundChange::Enable { bandwidth: bw("1") },
                None,
            ),
            (&a_elb_on, &g_elb_on, OutboundChange::Disable, None),
        ];
        for (account, gateway, change, expect) in outbound {
            let got = code_of(preview_outbound(account, gateway, &change, 10));
            assert_eq!(got, expect, "{change:?}");
        }
    }

    #[test]
    fn a_busy_gateway_refuses_with_7701_and_nothing_changes() {
        let (mut account, mut gateway) = running("cn-north-4", false, false);
        gateway.speed = CreationSpeed::Fast;
        gateway.created_at_ms = 100;
        let before = (account.clone(), gateway.clone());
        let e = change_outbound(
            &mut account,
            &mut gateway,
            &OutboundChange::Enable {
                bandwidth: "5".into(),
            },
            200,
        )
        .expect_err("creating");
        assert_eq!(e.code, ErrorCode::StatusConflict);
        assert_eq!((account, gateway), before);
    }

    #[test]
    fn lvs_bind_replace_unbind_moves_the_eip() {
        let (mut account, mut gateway) = running("cn-north-1", false, false);
        let eip = |a: &Account, id: &str| a.region("cn-north-1").and_then(|r| r.eip(id)).cloned();
        let bind = |id: &str| InboundChange::BindEip { eip_id: id.into() };
        let c = change_inbound(&mut account, &mut gateway, &bind(ids::CN1_EIP_FREE_1), 10)
            .expect("bind");
        assert_eq!(c.field, "eip_id");
        assert_eq!(c.old, "Off");
        assert!(c.new.starts_with("EIP "), "{}", c.new);
        assert_eq!(gateway.status(10), Status::Running); // instant speed
        assert_eq!(
            eip(&account, ids::CN1_EIP_FREE_1).and_then(|e| e.bound_to),
            Some(gateway.id.to_string())
        );
        // Replace: the first EIP is free again, the second bound.
        change_inbound(&mut account, &mut gateway, &bind(ids::CN1_EIP_FREE_2), 20)
            .expect("replace");
        assert!(eip(&account, ids::CN1_EIP_FREE_1).expect("eip").is_free());
        assert!(!eip(&account, ids::CN1_EIP_FREE_2).expect("eip").is_free());
        change_inbound(&mut account, &mut gateway, &InboundChange::UnbindEip, 30).expect("unbind");
        assert!(eip(&account, ids::CN1_EIP_FREE_2).expect("eip").is_free());
        assert_eq!(gateway.inbound, Inbound::Off);
        assert_eq!(gateway.history.len(), 3);
    }

    #[test]
    fn elb_and_nat_eips_are_created_resized_and_removed() {
        let (mut account, mut gateway) = running("cn-north-4", false, false);
        let count = |a: &Account| a.region("cn-north-4").map_or(0, |r| r.eips.len());
        let n0 = count(&account);
        change_inbound(
            &mut account,
            &mut gateway,
            &InboundChange::EnableIngress {
                bandwidth: "5".into(),
            },
            10,
        )
        .expect("enable in");
        change_outbound(
            &mut account,
            &mut gateway,
            &OutboundChange::Enable {
                bandwidth: "3".into(),
            },
            11,
        )
        .expect("enable out");
        assert_eq!(count(&account), n0 + 2);
        assert_ne!(gateway.inbound.address(), gateway.outbound.address());
        let c = change_outbound(
            &mut account,
            &mut gateway,
            &OutboundChange::Update {
                bandwidth: "8".into(),
            },
            12,
        )
        .expect("resize");
        assert!(
            c.old.ends_with("3 Mbit/s") && c.new.ends_with("8 Mbit/s"),
            "{c:?}"
        );
        change_inbound(
            &mut account,
            &mut gateway,
            &InboundChange::DisableIngress,
            13,
        )
        .expect("disable in");
        change_outbound(&mut account, &mut gateway, &OutboundChange::Disable, 14)
            .expect("disable out");
        assert_eq!(count(&account), n0);
        assert_eq!(gateway.history.len(), 5);
        assert_eq!(gateway.pending.map(|p| p.started_at_ms), Some(14));
    }
}
