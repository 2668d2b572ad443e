//! The Buy Gateway form and its check panel.

use apig_core::precheck::{CheckKind, Outcome};
use apig_core::values::Edition;

/// An edition's requests per second, bandwidth (one AZ / two or more), APIs and private IPs.
type Facts = (Option<u32>, Option<(u32, u32)>, Option<u32>, u32);

fn facts(e: Edition) -> Facts {
    (
        e.max_requests_per_second(),
        e.bandwidth_mbps(),
        e.api_quota(),
        e.private_ips_needed(),
    )
}

/// Messages of the Buy Gateway form.
pub struct Buy {
    pub breadcrumb: &'static str,
    pub title: &'static str,
    pub discard: &'static str,
    pub cancel: &'static str,
    pub next: &'static str,
    /// "{n} problems to fix before you can continue."
    pub problems_to_fix: fn(usize) -> String,
    /// "A pre-check fails ({titles}): fix it before you continue."
    pub check_fails: fn(&str) -> String,
    pub region: &'static str,
    pub region_lvs: &'static str,
    pub region_elb: &'static str,
    pub az: &'static str,
    /// " — does not sell {edition}"
    pub az_does_not_sell: fn(&str) -> String,
    pub az_hint: &'static str,
    pub name: &'static str,
    pub name_hint: &'static str,
    pub edition: &'static str,
    /// The facts of an edition: requests/s, bandwidth "one/two", APIs, private IPs.
    pub edition_facts: fn(Edition) -> String,
    pub other_editions: &'static str,
    /// "{edition} ({n} private IPs)"
    pub other_edition_option: fn(&str, u32) -> String,
    pub window: &'static str,
    pub window_hint: &'static str,
    pub enterprise_project: &'static str,
    pub select_enterprise_project: &'static str,
    pub inbound: &'static str,
    pub inbound_toggle: &'static str,
    pub eip: &'static str,
    pub select_eip: &'static str,
    /// "{address} (free, {mbps} Mbit/s)"
    pub eip_free: fn(&str, u32) -> String,
    pub inbound_bandwidth: &'static str,
    pub inbound_bandwidth_hint: &'static str,
    pub outbound: &'static str,
    pub outbound_toggle: &'static str,
    pub outbound_bandwidth: &'static str,
    pub network: &'static str,
    pub vpc: &'static str,
    pub select_vpc: &'static str,
    pub subnet: &'static str,
    pub select_subnet: &'static str,
    /// "{free} free addresses, fits {editions}" (editions empty: fits none)
    pub subnet_free: fn(u64, &str) -> String,
    pub security_group: &'static str,
    pub select_security_group: &'static str,
    pub another_vpc: &'static str,
    /// One rule line: which (0 = inbound 80, 1 = inbound 443, 2 = outbound 443), allowed.
    pub rule_line: fn(u8, bool) -> String,
    pub description: &'static str,
    /// The check panel.
    pub prechecks: &'static str,
    /// "No check fails." / "{n} checks fail: …"
    pub failing_checks: fn(usize) -> String,
    pub check_title: fn(CheckKind) -> &'static str,
    pub outcome: fn(Outcome) -> &'static str,
    pub fix_rules: &'static str,
    /// A list separator ("", "、").
    pub list_separator: &'static str,
    pub tags: &'static str,
    pub tags_hint: &'static str,
    pub tag_key: &'static str,
    pub tag_value: &'static str,
    /// The accessible name of tag row {n}'s key input.
    pub tag_key_label: fn(usize) -> String,
    /// The accessible name of tag row {n}'s value input.
    pub tag_value_label: fn(usize) -> String,
    /// The accessible name of tag row {n}'s Remove button.
    pub remove_tag: fn(usize) -> String,
    pub add_tag: &'static str,
    /// "{n} of at most {max}"
    pub tag_count: fn(usize, usize) -> String,
}

pub const EN: Buy = Buy {
    breadcrumb: "Breadcrumb",
    title: "Buy Gateway",
    discard: "Discard draft",
    cancel: "Cancel",
    next: "Next",
    problems_to_fix: |n| {
        format!(
            "{n} {} to fix before you can continue.",
            if n == 1 { "problem" } else { "problems" }
        )
    },
    check_fails: |titles| format!("A pre-check fails ({titles}): fix it before you continue."),
    region: "Region",
    region_lvs: "Public inbound uses an existing EIP you choose (LVS region).",
    region_elb: "Public inbound gets its own EIP with a bandwidth (ELB region).",
    az: "AZ",
    az_does_not_sell: |edition| format!(" — does not sell {edition}"),
    az_hint: "Choose one or more AZs; several AZs make the gateway more available.",
    name: "Gateway Name",
    name_hint: "3–64 characters: start with a letter; then letters, digits, hyphens (-) or underscores (_).",
    edition: "Edition",
    edition_facts: |e| {
        let (rps, bw, apis, ips) = facts(e);
        let rps = rps.map_or_else(|| "—".to_owned(), |r| format!("{r} requests/s"));
        let bw = bw.map_or_else(
            || "—".to_owned(),
            |(one, two)| format!("{one}/{two} Mbit/s"),
        );
        let apis = apis.map_or_else(|| "—".to_owned(), |a| format!("{a} APIs"));
        format!("{rps} · {bw} · {apis} · {ips} private IPs")
    },
    other_editions: "Other editions (IPv6, Platinum 2–8): ",
    other_edition_option: |edition, ips| format!("{edition} ({ips} private IPs)"),
    window: "Scheduled Maintenance",
    window_hint: "A 4-hour window in which the service may upgrade the gateway.",
    enterprise_project: "Enterprise Project",
    select_enterprise_project: "Select an enterprise project",
    inbound: "Public Inbound Access",
    inbound_toggle: "Enable public inbound access",
    eip: "EIP",
    select_eip: "Select an EIP",
    eip_free: |address, mbps| format!("{address} (free, {mbps} Mbit/s)"),
    inbound_bandwidth: "Inbound bandwidth (Mbit/s)",
    inbound_bandwidth_hint: "The gateway gets its own EIP; at least 5 Mbit/s.",
    outbound: "Public Outbound Access",
    outbound_toggle: "Let backends on the internet be reached",
    outbound_bandwidth: "Outbound bandwidth (Mbit/s)",
    network: "Network",
    vpc: "VPC",
    select_vpc: "Select a VPC",
    subnet: "Subnet",
    select_subnet: "Select a subnet",
    subnet_free: |free, editions| {
        if editions.is_empty() {
            format!("{free} free addresses, fits no edition")
        } else {
            format!("{free} free addresses, fits {editions}")
        }
    },
    security_group: "Security Group",
    select_security_group: "Select a security group",
    another_vpc: " (another VPC)",
    rule_line: |which, yes| {
        let rule = match which {
            0 => "Inbound TCP 80 from 0.0.0.0/0",
            1 => "Inbound TCP 443 from 0.0.0.0/0",
            _ => "Outbound TCP 443 to 0.0.0.0/0",
        };
        format!("{rule}: {}", if yes { "allowed" } else { "not allowed" })
    },
    description: "Description",
    prechecks: "Pre-checks",
    failing_checks: |n| match n {
        0 => "No check fails.".to_owned(),
        1 => "1 check fails: the purchase would be refused.".to_owned(),
        n => format!("{n} checks fail: the purchase would be refused."),
    },
    check_title: CheckKind::title,
    outcome: |o| match o {
        Outcome::Pending => "Pending",
        Outcome::Pass => "Pass",
        Outcome::Warn => "Warning",
        Outcome::Fail => "Fail",
    },
    fix_rules: "Fix the rules on the Sandbox page",
    list_separator: ", ",
    tags: "Tags",
    tags_hint: "Optional: key / value pairs to find and group your gateways by.",
    tag_key: "Key",
    tag_value: "Value",
    tag_key_label: |n| format!("Tag {n} key"),
    tag_value_label: |n| format!("Tag {n} value"),
    remove_tag: |n| format!("Remove tag {n}"),
    add_tag: "Add tag",
    tag_count: |n, max| format!("{n} of at most {max}"),
};

pub const ZH: Buy = Buy {
    breadcrumb: "面包屑导航",
    title: "购买实例",
    discard: "放弃草稿",
    cancel: "取消",
    next: "下一步",
    problems_to_fix: |n| format!("还有 {n} 个问题需要修正，才能继续。"),
    check_fails: |titles| format!("预检查未通过（{titles}）：请修正后再继续。"),
    region: "区域",
    region_lvs: "公网入口使用您选择的已有弹性IP地址（LVS区域）。",
    region_elb: "公网入口会获得自己的弹性IP地址和带宽（ELB区域）。",
    az: "可用区",
    az_does_not_sell: |edition| format!(" — 不售卖{edition}"),
    az_hint: "请选择一个或多个可用区；多个可用区可提高实例的可用性。",
    name: "实例名称",
    name_hint: "3–64个字符：以中文或英文字母开头，只能包含中文、英文字母、数字、中划线（-）和下划线（_）。",
    edition: "实例规格",
    edition_facts: |e| {
        let (rps, bw, apis, ips) = facts(e);
        let rps = rps.map_or_else(|| "—".to_owned(), |r| format!("{r} 次请求/秒"));
        let bw = bw.map_or_else(
            || "—".to_owned(),
            |(one, two)| format!("{one}/{two} Mbit/s"),
        );
        let apis = apis.map_or_else(|| "—".to_owned(), |a| format!("{a} 个API"));
        format!("{rps} · {bw} · {apis} · {ips} 个私有IP")
    },
    other_editions: "其他规格（IPv6、铂金版 x2–x8）：",
    other_edition_option: |edition, ips| format!("{edition}（{ips} 个私有IP）"),
    window: "可维护时间窗",
    window_hint: "服务可在这4小时的时间窗内升级实例。",
    enterprise_project: "企业项目",
    select_enterprise_project: "请选择企业项目",
    inbound: "公网入口",
    inbound_toggle: "开启公网入口",
    eip: "弹性IP地址",
    select_eip: "请选择弹性IP地址",
    eip_free: |address, mbps| format!("{address}（未绑定，{mbps} Mbit/s）"),
    inbound_bandwidth: "入公网带宽（Mbit/s）",
    inbound_bandwidth_hint: "实例会获得自己的弹性IP地址；至少 5 Mbit/s。",
    outbound: "公网出口",
    outbound_toggle: "允许访问公网上的后端服务",
    outbound_bandwidth: "出公网带宽（Mbit/s）",
    network: "网络",
    vpc: "虚拟私有云",
    select_vpc: "请选择虚拟私有云",
    subnet: "子网",
    select_subnet: "请选择子网",
    subnet_free: |free, editions| {
        if editions.is_empty() {
            format!("{free} 个可用地址，不满足任何规格")
        } else {
            format!("{free} 个可用地址，满足{editions}")
        }
    },
    security_group: "安全组",
    select_security_group: "请选择安全组",
    another_vpc: "（其他虚拟私有云）",
    rule_line: |which, yes| {
        let rule = match which {
            0 => "入方向 TCP 80，源地址 0.0.0.0/0",
            1 => "入方向 TCP 443，源地址 0.0.0.0/0",
            _ => "出方向 TCP 443，目的地址 0.0.0.0/0",
        };
        format!("{rule}：{}", if yes { "允许" } else { "不允许" })
    },
    description: "描述",
    prechecks: "预检查",
    failing_checks: |n| match n {
        0 => "没有未通过的检查。".to_owned(),
        n => format!("{n} 项检查未通过：购买会被拒绝。"),
    },
    check_title: |kind| match kind {
        CheckKind::Quota => "实例配额",
        CheckKind::Permission => "权限",
        CheckKind::SubnetCapacity => "子网容量",
        CheckKind::SecurityGroup => "安全组",
        CheckKind::Eip => "公网入口弹性IP",
    },
    outcome: |o| match o {
        Outcome::Pending => "待检查",
        Outcome::Pass => "通过",
        Outcome::Warn => "警告",
        Outcome::Fail => "未通过",
    },
    fix_rules: "在沙箱页面修改安全组规则",
    list_separator: "、",
    tags: "标签",
    tags_hint: "可选：用于查找和分组实例的键/值对。",
    tag_key: "键",
    tag_value: "值",
    tag_key_label: |n| format!("标签{n}的键"),
    tag_value_label: |n| format!("标签{n}的值"),
    remove_tag: |n| format!("删除标签{n}"),
    add_tag: "添加标签",
    tag_count: |n, max| format!("已添加{n}个，最多{max}个"),
};
