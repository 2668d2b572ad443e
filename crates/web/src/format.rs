//! Display formatting: how the console writes times, regions, problems, speeds, rules and
//! what a deletion releases. Pure text, shared by the pages.

use apig_core::account::{Direction, EtherType, Protocol, SecurityGroup, SecurityGroupRule};
use apig_core::gateway::{Gateway, Inbound, Outbound};
use apig_core::lifecycle::CreationSpeed;
use apig_core::region::SANDBOX_REGIONS;
use apig_core::validate::Problem;
use apig_core::values::ErrorCode;

/// The display name of a region ID, or the ID itself when unknown.
pub fn region_name(id: &str) -> String {
    SANDBOX_REGIONS
        .iter()
        .find(|(region, _)| *region == id)
        .map_or_else(|| id.to_owned(), |(_, name)| (*name).to_owned())
}

/// Formats epoch milliseconds as `YYYY-MM-DD HH:MM:SS` in the browser's local time.
pub fn format_time(ms: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds()
    )
}

/// Each problem as `message (code)`, joined by spaces.
pub fn problems_text(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("{} ({})", p.message, p.code.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// How long a creation takes at `speed`, as the Sandbox page offers it.
pub fn speed_label(speed: CreationSpeed) -> &'static str {
    match speed {
        CreationSpeed::Instant => "Instant",
        CreationSpeed::Fast => "30 seconds (default)",
        CreationSpeed::Realistic => "15 minutes, like the real service",
    }
}

/// An injectable creation failure with its code.
pub fn failure_code_label(code: ErrorCode) -> String {
    // Each meaning starts "Failed to create the instance"; the option (in a narrow panel) names
    // only what follows, e.g. "APIC.9218 — insufficient quota".
    let reason = code
        .meaning()
        .split_once(": ")
        .map_or("creation failed", |(_, why)| why);
    format!("{} — {reason}", code.as_str())
}

/// A security-group rule in words, e.g. "Inbound IPv4 TCP port 443 from 0.0.0.0/0"; a
/// remote group is named from `groups`.
pub fn rule_text(r: &SecurityGroupRule, groups: &[SecurityGroup]) -> String {
    let dir = match r.direction {
        Direction::Ingress => "Inbound",
        Direction::Egress => "Outbound",
    };
    let eth = match r.ethertype {
        EtherType::IPv4 => "IPv4",
        EtherType::IPv6 => "IPv6",
    };
    let proto = match r.protocol {
        None => "any protocol",
        Some(Protocol::Tcp) => "TCP",
        Some(Protocol::Udp) => "UDP",
        Some(Protocol::Icmp) => "ICMP",
    };
    let ports = match (r.port_range_min, r.port_range_max) {
        (None, None) => "all ports".to_owned(),
        (Some(a), Some(b)) if a == b => format!("port {a}"),
        (a, b) => format!(
            "ports {}–{}",
            a.map_or_else(|| "1".into(), |p| p.to_string()),
            b.map_or_else(|| "65535".into(), |p| p.to_string())
        ),
    };
    let remote = match (&r.remote_ip_prefix, &r.remote_group_id) {
        (Some(net), _) => net.to_string(),
        (None, Some(g)) => groups.iter().find(|x| x.id == *g).map_or_else(
            || format!("group {g}"),
            |x| format!("members of {}", x.name),
        ),
        (None, None) => "anywhere".to_owned(),
    };
    let way = if r.direction == Direction::Ingress {
        "from"
    } else {
        "to"
    };
    format!("{dir} {eth} {proto} {ports} {way} {remote}")
}

/// Public inbound access as the confirmation page states it.
pub fn inbound_text(inbound: &Inbound) -> String {
    match inbound {
        Inbound::Off => "Off".to_owned(),
        Inbound::Eip { address, .. } => format!("EIP {address} (existing, bound to the gateway)"),
        Inbound::Elb { bandwidth, .. } => {
            format!(
                "A new EIP with {} Mbit/s inbound bandwidth",
                bandwidth.mbps()
            )
        }
    }
}

/// Public outbound access as the confirmation page states it.
pub fn outbound_text(outbound: &Outbound) -> String {
    match outbound {
        Outbound::Off => "Off".to_owned(),
        Outbound::Nat { bandwidth, .. } => {
            format!(
                "A NAT EIP with {} Mbit/s outbound bandwidth",
                bandwidth.mbps()
            )
        }
    }
}

/// What deleting the gateway releases, one sentence each.
pub fn released(g: &Gateway) -> Vec<String> {
    let mut items = vec![format!(
        "Private IPs {} return to the subnet.",
        g.private_ips
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    )];
    match &g.inbound {
        Inbound::Off => {}
        Inbound::Eip { address, .. } => {
            items.push(format!("EIP {address} is unbound and free again."));
        }
        Inbound::Elb {
            address, bandwidth, ..
        } => items.push(format!(
            "The inbound EIP {address} and its {bandwidth} bandwidth are released."
        )),
    }
    if let Outbound::Nat {
        address, bandwidth, ..
    } = &g.outbound
    {
        items.push(format!(
            "The outbound NAT EIP {address} and its {bandwidth} bandwidth are released."
        ));
    }
    items
}
