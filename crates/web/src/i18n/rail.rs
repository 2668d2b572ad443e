//! The buy page's summary rail, its headline, fixes in place, the sandbox chips in the header
//! and the notices of the buy page (region switch, discarded draft).

use apig_core::account::{Direction, SystemPolicy};
use apig_core::lifecycle::CreationSpeed;
use apig_core::precheck::fix::Fix;

/// Messages of the summary rail and the fixes.
pub struct Rail {
    pub title: &'static str,
    pub edition: &'static str,
    /// "{n} private IPs from {subnet}"
    pub ips: fn(u32, &str) -> String,
    pub azs: &'static str,
    pub network: &'static str,
    pub public_access: &'static str,
    /// Inbound on/off, outbound on/off with bandwidths.
    pub access: fn(bool, &str, bool, &str) -> String,
    pub not_chosen: &'static str,
    /// The headline: to fix, warnings, pending.
    pub headline: fn(usize, usize, usize) -> String,
    /// Next refused: "{what}" is left.
    pub left: fn(&str) -> String,
    /// "{n} fields"
    pub fields: fn(usize) -> String,
    /// A fix's button label.
    pub fix: fn(&Fix) -> String,
    /// The toast after a fix: "Done: {label}."
    pub fixed: fn(&str) -> String,
    /// A fix the account rules refused.
    pub fix_refused: fn(&str) -> String,
    /// The header chip for an armed fault: step, code.
    pub fault_chip: fn(u8, &str) -> String,
    /// The header chip for a creation speed other than the default.
    pub speed_chip: fn(CreationSpeed) -> String,
    /// Public inbound was turned off by a region switch (region id).
    pub inbound_cleared: fn(&str) -> String,
    pub draft_discarded: &'static str,
}

fn ports_text(ports: &[(Direction, u16)], join: &str) -> String {
    ports
        .iter()
        .map(|(_, p)| p.to_string())
        .collect::<Vec<_>>()
        .join(join)
}

fn policy(p: SystemPolicy) -> &'static str {
    p.name()
}

pub const EN: Rail = Rail {
    title: "What you will buy",
    edition: "Edition",
    ips: |n, subnet| format!("{n} private IPs taken from {subnet}"),
    azs: "AZs",
    network: "Network",
    public_access: "Public access",
    access: |inbound, ib, outbound, ob| {
        let i = if inbound {
            format!("inbound {ib} Mbit/s")
        } else {
            "no inbound".into()
        };
        let o = if outbound {
            format!("outbound {ob} Mbit/s")
        } else {
            "no outbound".into()
        };
        format!("{i}, {o}")
    },
    not_chosen: "not chosen yet",
    headline: |fix, warn, pending| {
        if fix + warn + pending == 0 {
            return "Ready: nothing to fix.".into();
        }
        let mut parts = Vec::new();
        if fix > 0 {
            parts.push(format!("{fix} to fix"));
        }
        if warn > 0 {
            parts.push(format!(
                "{warn} warning{}",
                if warn == 1 { "" } else { "s" }
            ));
        }
        if pending > 0 {
            parts.push(format!("{pending} pending"));
        }
        parts.join(" · ")
    },
    left: |what| format!("Not yet: {what}. Focus moved to the first."),
    fields: |n| format!("{n} field{}", if n == 1 { "" } else { "s" }),
    fix: |fix| match fix {
        Fix::OpenPorts { group, ports, .. } => {
            let dir = if ports.iter().all(|(d, _)| *d == Direction::Egress) {
                "outbound "
            } else {
                ""
            };
            format!("Open {dir}{} on {group}", ports_text(ports, "/"))
        }
        Fix::UseSubnet { subnet, .. } => format!("Use {subnet}"),
        Fix::ChooseEdition(e) => format!("Choose {}", e.display_name()),
        Fix::Grant(p) => format!("Grant {}", policy(*p)),
        Fix::RaiseQuota(n) => format!("Raise the quota to {n}"),
    },
    fixed: |label| format!("Done: {label}."),
    fix_refused: |why| format!("Not changed: {why}"),
    fault_chip: |step, code| format!("Fault armed: step {step}, {code}"),
    speed_chip: |speed| match speed {
        CreationSpeed::Instant => "Creation: instant".into(),
        CreationSpeed::Fast => "Creation: 30 s".into(),
        CreationSpeed::Realistic => "Creation: 15 min".into(),
    },
    inbound_cleared: |region| {
        format!(
            "Public inbound access was turned off: {region} offers it only through a load balancer you set up later."
        )
    },
    draft_discarded: "Draft discarded.",
};

pub const ZH: Rail = Rail {
    title: "将要购买",
    edition: "规格",
    ips: |n, subnet| format!("占用 {subnet} 的 {n} 个私有 IP"),
    azs: "可用区",
    network: "网络",
    public_access: "公网访问",
    access: |inbound, ib, outbound, ob| {
        let i = if inbound {
            format!("入方向 {ib} Mbit/s")
        } else {
            "无入方向".into()
        };
        let o = if outbound {
            format!("出方向 {ob} Mbit/s")
        } else {
            "无出方向".into()
        };
        format!("{i}，{o}")
    },
    not_chosen: "尚未选择",
    headline: |fix, warn, pending| {
        if fix + warn + pending == 0 {
            return "就绪：无需修正。".into();
        }
        let mut parts = Vec::new();
        if fix > 0 {
            parts.push(format!("{fix} 项待修正"));
        }
        if warn > 0 {
            parts.push(format!("{warn} 项警告"));
        }
        if pending > 0 {
            parts.push(format!("{pending} 项待定"));
        }
        parts.join(" · ")
    },
    left: |what| format!("尚不能继续：{what}。焦点已移到第一项。"),
    fields: |n| format!("{n} 个字段"),
    fix: |fix| match fix {
        Fix::OpenPorts { group, ports, .. } => {
            let dir = if ports.iter().all(|(d, _)| *d == Direction::Egress) {
                "出方向"
            } else {
                ""
            };
            format!("在 {group} 上开放{dir} {}", ports_text(ports, "/"))
        }
        Fix::UseSubnet { subnet, .. } => format!("使用 {subnet}"),
        Fix::ChooseEdition(e) => format!("选择{}", super::shell::edition_zh(*e)),
        Fix::Grant(p) => format!("授予 {}", policy(*p)),
        Fix::RaiseQuota(n) => format!("将配额提高到 {n}"),
    },
    fixed: |label| format!("已完成：{label}。"),
    fix_refused: |why| format!("未修改：{why}"),
    fault_chip: |step, code| format!("已设置故障：第 {step} 步，{code}"),
    speed_chip: |speed| match speed {
        CreationSpeed::Instant => "创建：立即".into(),
        CreationSpeed::Fast => "创建：30 秒".into(),
        CreationSpeed::Realistic => "创建：15 分钟".into(),
    },
    inbound_cleared: |region| {
        format!("公网入口已关闭：{region} 仅通过您稍后设置的负载均衡提供公网入口。")
    },
    draft_discarded: "草稿已放弃。",
};
