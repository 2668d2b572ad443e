//! Custom inbound ports of a gateway (`…/custom-ingress-ports`): a port from 1024 to 49151
//! with the protocol HTTP or HTTPS, at most 40 a gateway, each port number once (a port
//! serves one protocol), added and removed while the gateway's status allows a change.

use serde::{Deserialize, Serialize};

use crate::gateway::Gateway;
use crate::lifecycle::{Operation, check_transition};
use crate::validate::{Field, Problem};
use crate::values::{ErrorCode, InstanceId};

/// The protocol of a custom inbound port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PortProtocol {
    /// `HTTP`
    #[serde(rename = "HTTP")]
    Http,
    /// `HTTPS`
    #[serde(rename = "HTTPS")]
    Https,
}

impl PortProtocol {
    /// The wire form, `HTTP` or `HTTPS`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Http => "HTTP",
            Self::Https => "HTTPS",
        }
    }

    /// Parses the wire form (exact, upper case): anything else is `APIC.7211` on
    /// [`Field::IngressPortProtocol`].
    pub fn parse(s: &str) -> Result<Self, Problem> {
        match s {
            "HTTP" => Ok(Self::Http),
            "HTTPS" => Ok(Self::Https),
            other => Err(invalid(
                Field::IngressPortProtocol,
                &format!("The protocol must be HTTP or HTTPS, not `{other}`."),
            )),
        }
    }
}

/// One custom inbound port.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngressPort {
    /// The port's ID (32 lower-hex characters).
    pub id: String,
    /// Its protocol.
    pub protocol: PortProtocol,
    /// The port number.
    pub port: u16,
    /// When it was added, epoch ms.
    pub created_at_ms: u64,
}

impl IngressPort {
    /// The port's status as the API reports it: the sandbox's ports are always usable.
    pub const fn status(&self) -> &'static str {
        "normal"
    }

    /// How the console shows it, e.g. `HTTPS 8443`.
    pub fn label(&self) -> String {
        format!("{} {}", self.protocol.as_str(), self.port)
    }
}

/// Lowest port number.
pub const PORT_MIN: u16 = 1024;
/// Highest port number.
pub const PORT_MAX: u16 = 49151;
/// Most custom inbound ports a gateway has.
pub const MAX_PORTS: usize = 40;

fn invalid(field: Field, message: &str) -> Problem {
    Problem::invalid(field, message)
}

/// Parses a port number: a whole number from 1024 to 49151 (`APIC.7211` on
/// [`Field::IngressPort`]).
pub fn parse_port(port: i64) -> Result<u16, Problem> {
    u16::try_from(port)
        .ok()
        .filter(|p| (PORT_MIN..=PORT_MAX).contains(p))
        .ok_or_else(|| {
            invalid(
                Field::IngressPort,
                &format!("The inbound port must be from {PORT_MIN} to {PORT_MAX}, got {port}."),
            )
        })
}

fn status_allows(gateway: &Gateway, now_ms: u64) -> Result<(), Problem> {
    check_transition(gateway.status(now_ms), Operation::Update).map_err(|e| e.problem())
}

/// What adding a port would add, without changing anything: the status must allow a change
/// (`APIC.7701`), the protocol and port must be valid (`APIC.7211`), the port number must not
/// be in use on the gateway (`APIC.7211`, whatever its protocol), and the gateway must have
/// fewer than 40 ports (`APIC.7403`).
pub fn preview_add(
    gateway: &Gateway,
    protocol: &str,
    port: i64,
    now_ms: u64,
) -> Result<IngressPort, Problem> {
    status_allows(gateway, now_ms)?;
    let protocol = PortProtocol::parse(protocol)?;
    let port = parse_port(port)?;
    if let Some(taken) = gateway.ingress_ports.iter().find(|p| p.port == port) {
        return Err(invalid(
            Field::IngressPort,
            &format!(
                "Port {port} is already an inbound port of the gateway ({}); a port serves one protocol. Choose another port.",
                taken.protocol.as_str()
            ),
        ));
    }
    if gateway.ingress_ports.len() >= MAX_PORTS {
        return Err(Problem::new(
            Field::IngressPort,
            ErrorCode::TooManyIngressPorts,
            format!(
                "{}: the gateway has {MAX_PORTS} custom inbound ports. Remove one first.",
                ErrorCode::TooManyIngressPorts.meaning()
            ),
        ));
    }
    let id = InstanceId::derive(
        &[gateway.id.as_str(), "ingress-port", &port.to_string()],
        now_ms,
    );
    Ok(IngressPort {
        id: id.to_string(),
        protocol,
        port,
        created_at_ms: now_ms,
    })
}

/// Adds a custom inbound port at `now_ms` (see [`preview_add`] for the rules) and records it
/// in the history (field `ingress_port`). Returns the new port.
pub fn add(
    gateway: &mut Gateway,
    protocol: &str,
    port: i64,
    now_ms: u64,
) -> Result<IngressPort, Problem> {
    let new = preview_add(gateway, protocol, port, now_ms)?;
    gateway.ingress_ports.push(new.clone());
    gateway.record(
        now_ms,
        Field::IngressPort.id(),
        "None".to_owned(),
        new.label(),
    );
    Ok(new)
}

/// The refusal of a port ID the gateway does not have: `APIC.7211` on [`Field::IngressPort`],
/// naming the ID.
pub fn not_found(id: &str) -> Problem {
    invalid(
        Field::IngressPort,
        &format!("The gateway has no custom inbound port {id}; list the ports to find its ID."),
    )
}

/// Removes the port `id` at `now_ms`: the status must allow a change (`APIC.7701`) and the
/// port must exist (`APIC.7211` on [`Field::IngressPort`], naming the ID). Returns the port.
pub fn remove(gateway: &mut Gateway, id: &str, now_ms: u64) -> Result<IngressPort, Problem> {
    status_allows(gateway, now_ms)?;
    let Some(index) = gateway.ingress_ports.iter().position(|p| p.id == id) else {
        return Err(not_found(id));
    };
    let gone = gateway.ingress_ports.remove(index);
    gateway.record(
        now_ms,
        Field::IngressPort.id(),
        gone.label(),
        "None".to_owned(),
    );
    Ok(gone)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gateway() -> Gateway {
        crate::seed_gateway(0)
    }

    #[test]
    fn add_and_remove_with_every_rule() {
        let mut g = gateway();
        let a = add(&mut g, "HTTPS", 8443, 10).expect("added");
        assert_eq!(
            (a.port, a.protocol, a.status()),
            (8443, PortProtocol::Https, "normal")
        );
        assert_eq!(a.id.len(), 32);
        for (protocol, port, field) in [
            ("HTTP", 1023, Field::IngressPort),
            ("HTTP", 49152, Field::IngressPort),
            ("HTTP", -1, Field::IngressPort),
            ("http", 8080, Field::IngressPortProtocol),
            ("TCP", 8080, Field::IngressPortProtocol),
            ("HTTP", 8443, Field::IngressPort),
        ] {
            let e = add(&mut g, protocol, port, 11).expect_err("refused");
            assert_eq!(
                (e.code, e.field),
                (ErrorCode::InvalidParameter, field),
                "{protocol} {port}"
            );
            assert!(
                e.wire_message()
                    .contains(&format!("parameter name[{}]", field.api_name())),
                "{}",
                e.message
            );
        }
        add(&mut g, "HTTP", PORT_MIN.into(), 12).expect("lowest");
        add(&mut g, "HTTP", PORT_MAX.into(), 13).expect("highest");
        assert_eq!(g.ingress_ports.len(), 3);
        let gone = remove(&mut g, &a.id, 14).expect("removed");
        assert_eq!(gone.port, 8443);
        let e = remove(&mut g, &a.id, 15).expect_err("gone");
        assert!(e.message.contains(&a.id));
        assert_eq!(g.history.len(), 4);
    }

    #[test]
    fn at_most_forty_and_only_when_the_status_allows() {
        let mut g = gateway();
        for i in 0..40 {
            add(&mut g, "HTTP", 2000 + i, 1).expect("fits");
        }
        let e = add(&mut g, "HTTP", 3000, 2).expect_err("41st");
        assert_eq!(
            (e.code, e.code.http_status()),
            (ErrorCode::TooManyIngressPorts, 403)
        );
        let mut busy = gateway();
        busy.speed = crate::CreationSpeed::Fast;
        let e = add(&mut busy, "HTTP", 8080, 1).expect_err("creating");
        assert_eq!(e.code, ErrorCode::StatusConflict);
    }
}
