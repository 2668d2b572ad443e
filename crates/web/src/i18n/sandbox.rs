//! The Sandbox page.

use apig_core::lifecycle::CreationSpeed;

/// Messages of the Sandbox page.
pub struct SandboxTexts {
    pub title: &'static str,
    pub scope_browser: &'static str,
    /// Changes go to apig-mock: project, endpoint.
    pub scope_mock: fn(&str, &str) -> String,
    pub creation_speed: &'static str,
    pub created_in: &'static str,
    pub speed: fn(CreationSpeed) -> &'static str,
    pub fault_injection: &'static str,
    pub next_fails: &'static str,
    pub never: &'static str,
    /// "at step {step} (while at {percent} %)"
    pub at_step: fn(u8, u8) -> String,
    pub with_code: &'static str,
    /// The reason of an injectable failure code.
    pub failure_reason: fn(apig_core::values::ErrorCode) -> &'static str,
    /// Armed: code, step.
    pub armed: fn(&str, u8) -> String,
    pub not_armed: &'static str,
    pub account: &'static str,
    pub account_type: &'static str,
    pub personal: &'static str,
    pub enterprise: &'static str,
    pub account_type_hint: &'static str,
    pub quota: &'static str,
    pub set_quota: &'static str,
    /// "Gateway quota set to {n}."
    pub quota_set: fn(u32) -> String,
    /// "Enter a whole number from 0 to {max}."
    pub quota_invalid: fn(u32) -> String,
    pub enterprise_projects: &'static str,
    pub new_project: &'static str,
    pub add_project: &'static str,
    /// "Enterprise project {name} added."
    pub project_added: fn(&str) -> String,
    pub permissions: &'static str,
    /// "System roles and policies of {user}"
    pub roles_of: fn(&str) -> String,
    pub custom_policies: &'static str,
    /// "Remove policy {name}"
    pub remove_policy: fn(&str) -> String,
    pub add_statement: &'static str,
    pub policy_name: &'static str,
    pub effect: &'static str,
    pub allow: &'static str,
    pub deny: &'static str,
    pub deny_wins: &'static str,
    pub actions_label: &'static str,
    /// "Custom policy {name} saved."
    pub policy_saved: fn(&str) -> String,
    /// "VPCs and subnets in {region}"
    pub vpcs_in: fn(&str) -> String,
    pub region_hint: &'static str,
    pub subnets: &'static str,
    pub subnet: &'static str,
    pub used: &'static str,
    pub free: &'static str,
    pub mark_title: &'static str,
    pub select_subnet: &'static str,
    pub address_lowest: &'static str,
    pub mark_used: &'static str,
    pub add_subnet_title: &'static str,
    pub select_vpc: &'static str,
    pub name: &'static str,
    pub add_subnet: &'static str,
    pub add_vpc_title: &'static str,
    pub add_vpc: &'static str,
    /// "VPC {name} added."
    pub vpc_added: fn(&str) -> String,
    pub choose_subnet_vpc: &'static str,
    /// "Subnet {name} added."
    pub subnet_added: fn(&str) -> String,
    pub choose_mark_subnet: &'static str,
    /// "{subnet} has no free address left."
    pub no_free_address: fn(&str) -> String,
    /// "{raw} is not an IPv4 address."
    pub not_ipv4: fn(&str) -> String,
    /// "{ip} in {subnet} marked used."
    pub marked_used: fn(&str, &str) -> String,
    /// "{s} is not an IPv4 CIDR such as 192.168.5.0/24."
    pub not_cidr: fn(&str) -> String,
    /// "Security groups in {region}"
    pub groups_in: fn(&str) -> String,
    /// "Remove rule: {text}"
    pub remove_rule: fn(&str) -> String,
    pub rule_removed: &'static str,
    pub opens_web: &'static str,
    pub open_web: &'static str,
    /// "{name} now allows TCP 80 and 443 from the internet."
    pub web_opened: fn(&str) -> String,
    pub add_rule_title: &'static str,
    pub group: &'static str,
    pub select_group: &'static str,
    pub direction: &'static str,
    pub inbound: &'static str,
    pub outbound: &'static str,
    pub port_range: &'static str,
    pub remote_cidr: &'static str,
    pub add_rule: &'static str,
    pub add_group_title: &'static str,
    pub add_group: &'static str,
    /// "Security group {name} added."
    pub group_added: fn(&str) -> String,
    pub choose_rule_group: &'static str,
    /// "{raw} is not a port (1–65535) or range such as 8000-8080."
    pub not_port: fn(&str) -> String,
    pub remote_not_cidr: &'static str,
    pub rule_added: &'static str,
    /// A rule in words.
    pub rule: fn(&RuleWords<'_>) -> String,
    /// "EIPs in {region}"
    pub eips_in: fn(&str) -> String,
    pub eips: &'static str,
    pub address: &'static str,
    pub status: &'static str,
    pub bound_to: &'static str,
    pub bandwidth: &'static str,
    pub actions: &'static str,
    /// "Remove EIP {address}"
    pub remove_eip: fn(&str) -> String,
    pub eip_free: &'static str,
    pub eip_bound: &'static str,
    pub add_eip: &'static str,
    pub pool_empty: &'static str,
    /// "EIP {address} added."
    pub eip_added: fn(&str) -> String,
    pub state_title: &'static str,
    pub state_hint: &'static str,
    pub export: &'static str,
    pub import: &'static str,
    pub reset: &'static str,
    pub reset_warning: &'static str,
    pub cancel: &'static str,
    pub reset_everything: &'static str,
    /// "Exported the account, {n} gateway(s) and the settings."
    pub exported: fn(usize) -> String,
    /// "{file} could not be read. Nothing was replaced."
    pub unreadable: fn(&str) -> String,
    /// "Imported {file}: the account, {n} gateway(s) and the settings."
    pub imported: fn(&str, usize) -> String,
    /// "{file} was refused: {reason} Nothing was replaced."
    pub import_refused: fn(&str, &str) -> String,
    pub reset_done: &'static str,
    pub file_failed: &'static str,
}

/// A security-group rule, its parts already written as figures.
pub struct RuleWords<'a> {
    pub inbound: bool,
    pub ether: &'static str,
    /// `None`: any protocol.
    pub protocol: Option<&'static str>,
    /// `None`: all ports; else (min, max).
    pub ports: Option<(u16, u16)>,
    /// A CIDR, a group's name (`group = true`), or `None` for anywhere.
    pub remote: Option<&'a str>,
    pub group: bool,
}

pub const EN: SandboxTexts = SandboxTexts {
    title: "Sandbox",
    scope_browser: "Everything the pre-checks look at lives here. Changes apply at once and are kept in this browser.",
    scope_mock: |project, endpoint| {
        format!(
            "Everything the pre-checks look at lives here. Changes apply at once to the sandbox account of project {project} on apig-mock ({endpoint}); importing a file is not available there."
        )
    },
    creation_speed: "Creation speed",
    created_in: "New gateways are created in",
    speed: |s| match s {
        CreationSpeed::Instant => "Instant",
        CreationSpeed::Fast => "30 seconds (default)",
        CreationSpeed::Realistic => "15 minutes, like the real service",
    },
    fault_injection: "Fault injection",
    next_fails: "The next creation fails",
    never: "Never (no fault)",
    at_step: |step, percent| format!("at step {step} (while at {percent} %)"),
    with_code: "with the code",
    failure_reason: |code| {
        code.meaning()
            .split_once(": ")
            .map_or("creation failed", |(_, why)| why)
    },
    armed: |code, step| {
        format!(
            "Armed: the next gateway you create ends in CreateFail with {code} at step {step}. It is cleared once used."
        )
    },
    not_armed: "No fault armed: creations succeed.",
    account: "Account",
    account_type: "Account type",
    personal: "Personal",
    enterprise: "Enterprise",
    account_type_hint: "Enterprise accounts must choose an Enterprise Project when buying (APIC.7241).",
    quota: "Gateways per project (quota)",
    set_quota: "Set quota",
    quota_set: |n| format!("Gateway quota set to {n}."),
    quota_invalid: |max| format!("Enter a whole number from 0 to {max}."),
    enterprise_projects: "Enterprise projects",
    new_project: "New project",
    add_project: "Add project",
    project_added: |name| format!("Enterprise project {name} added."),
    permissions: "Permissions",
    roles_of: |user| format!("System roles and policies of {user}"),
    custom_policies: "Custom policies",
    remove_policy: |name| format!("Remove policy {name}"),
    add_statement: "Add a statement",
    policy_name: "Policy name",
    effect: "Effect",
    allow: "Allow",
    deny: "Deny",
    deny_wins: "Deny (wins over every Allow)",
    actions_label: "Actions (comma separated; * matches anything)",
    policy_saved: |name| format!("Custom policy {name} saved."),
    vpcs_in: |region| format!("VPCs and subnets in {region}"),
    region_hint: "The region chosen at the top of the page is the one edited here.",
    subnets: "Subnets",
    subnet: "Subnet",
    used: "Used",
    free: "Free",
    mark_title: "Mark an address used",
    select_subnet: "Select a subnet",
    address_lowest: "Address (empty = the lowest free one)",
    mark_used: "Mark used",
    add_subnet_title: "Add a subnet",
    select_vpc: "Select a VPC",
    name: "Name",
    add_subnet: "Add subnet",
    add_vpc_title: "Add a VPC",
    add_vpc: "Add VPC",
    vpc_added: |name| format!("VPC {name} added."),
    choose_subnet_vpc: "Choose the VPC of the new subnet.",
    subnet_added: |name| format!("Subnet {name} added."),
    choose_mark_subnet: "Choose the subnet whose address to mark used.",
    no_free_address: |subnet| format!("{subnet} has no free address left."),
    not_ipv4: |raw| format!("{raw} is not an IPv4 address."),
    marked_used: |ip, subnet| format!("{ip} in {subnet} marked used."),
    not_cidr: |s| format!("{s} is not an IPv4 CIDR such as 192.168.5.0/24."),
    groups_in: |region| format!("Security groups in {region}"),
    remove_rule: |text| format!("Remove rule: {text}"),
    rule_removed: "Rule removed.",
    opens_web: "Opens TCP 80 and 443 to the internet.",
    open_web: "Open 80/443 to the internet",
    web_opened: |name| format!("{name} now allows TCP 80 and 443 from the internet."),
    add_rule_title: "Add a TCP rule",
    group: "Group",
    select_group: "Select a group",
    direction: "Direction",
    inbound: "Inbound",
    outbound: "Outbound",
    port_range: "Port or range (empty = all)",
    remote_cidr: "Remote CIDR",
    add_rule: "Add rule",
    add_group_title: "Add a security group",
    add_group: "Add group",
    group_added: |name| format!("Security group {name} added."),
    choose_rule_group: "Choose the group of the new rule.",
    not_port: |raw| format!("{raw} is not a port (1–65535) or range such as 8000-8080."),
    remote_not_cidr: "Remote must be a CIDR such as 0.0.0.0/0.",
    rule_added: "Rule added.",
    rule: |r| {
        let dir = if r.inbound { "Inbound" } else { "Outbound" };
        let proto = r.protocol.unwrap_or("any protocol");
        let ports = match r.ports {
            None => "all ports".to_owned(),
            Some((a, b)) if a == b => format!("port {a}"),
            Some((a, b)) => format!("ports {a}–{b}"),
        };
        let remote = match (r.remote, r.group) {
            (Some(g), true) => format!("members of {g}"),
            (Some(net), false) => net.to_owned(),
            (None, _) => "anywhere".to_owned(),
        };
        let way = if r.inbound { "from" } else { "to" };
        format!("{dir} {} {proto} {ports} {way} {remote}", r.ether)
    },
    eips_in: |region| format!("EIPs in {region}"),
    eips: "EIPs",
    address: "Address",
    status: "Status",
    bound_to: "Bound to",
    bandwidth: "Bandwidth",
    actions: "Actions",
    remove_eip: |address| format!("Remove EIP {address}"),
    eip_free: "free",
    eip_bound: "bound",
    add_eip: "Add a free EIP",
    pool_empty: "The region's public pool has no address left.",
    eip_added: |address| format!("EIP {address} added."),
    state_title: "Export, import, reset",
    state_hint: "The export file holds the account, every gateway and the settings (JSON, schema version 1).",
    export: "Export state",
    import: "Import state…",
    reset: "Reset to the default seed…",
    reset_warning: "Reset removes every gateway, your account edits and the settings. Export first to keep them.",
    cancel: "Cancel",
    reset_everything: "Reset everything",
    exported: |n| format!("Exported the account, {n} gateway(s) and the settings."),
    unreadable: |file| format!("{file} could not be read. Nothing was replaced."),
    imported: |file, n| format!("Imported {file}: the account, {n} gateway(s) and the settings."),
    import_refused: |file, e| format!("{file} was refused: {e} Nothing was replaced."),
    reset_done: "The sandbox is back to the default seed; gateways and settings were removed.",
    file_failed: "The browser could not offer the file.",
};

pub const ZH: SandboxTexts = SandboxTexts {
    title: "沙箱",
    scope_browser: "预检查用到的一切都在这里。修改立即生效，并保存在本浏览器中。",
    scope_mock: |project, endpoint| {
        format!(
            "预检查用到的一切都在这里。修改立即作用于 apig-mock（{endpoint}）上项目 {project} 的沙箱账号；此时无法导入文件。"
        )
    },
    creation_speed: "创建速度",
    created_in: "新实例的创建时长",
    speed: |s| match s {
        CreationSpeed::Instant => "立即",
        CreationSpeed::Fast => "30秒（默认）",
        CreationSpeed::Realistic => "15分钟，与真实服务相同",
    },
    fault_injection: "故障注入",
    next_fails: "下一次创建失败于",
    never: "从不（无故障）",
    at_step: |step, percent| format!("第 {step} 步（进度 {percent} % 时）"),
    with_code: "错误码",
    failure_reason: |code| match code {
        apig_core::values::ErrorCode::InsufficientQuota => "配额不足",
        apig_core::values::ErrorCode::InsufficientResources => "资源不足",
        _ => "创建失败",
    },
    armed: |code, step| {
        format!("已设置：下一个创建的实例会在第 {step} 步以 {code} 变为创建失败。使用一次后清除。")
    },
    not_armed: "未设置故障：创建会成功。",
    account: "账号",
    account_type: "账号类型",
    personal: "个人",
    enterprise: "企业",
    account_type_hint: "企业账号购买时必须选择企业项目（APIC.7241）。",
    quota: "每个项目的实例数（配额）",
    set_quota: "设置配额",
    quota_set: |n| format!("实例配额已设为 {n}。"),
    quota_invalid: |max| format!("请输入0到{max}之间的整数。"),
    enterprise_projects: "企业项目",
    new_project: "新项目",
    add_project: "添加项目",
    project_added: |name| format!("已添加企业项目 {name}。"),
    permissions: "权限",
    roles_of: |user| format!("{user} 的系统角色和策略"),
    custom_policies: "自定义策略",
    remove_policy: |name| format!("移除策略 {name}"),
    add_statement: "添加授权语句",
    policy_name: "策略名称",
    effect: "效果",
    allow: "允许",
    deny: "拒绝",
    deny_wins: "拒绝（优先于所有允许）",
    actions_label: "授权项（以逗号分隔；* 匹配任意内容）",
    policy_saved: |name| format!("已保存自定义策略 {name}。"),
    vpcs_in: |region| format!("{region} 的虚拟私有云和子网"),
    region_hint: "此处编辑的是页面顶部选择的区域。",
    subnets: "子网",
    subnet: "子网",
    used: "已用",
    free: "可用",
    mark_title: "标记地址为已用",
    select_subnet: "请选择子网",
    address_lowest: "地址（留空 = 最小的可用地址）",
    mark_used: "标记为已用",
    add_subnet_title: "添加子网",
    select_vpc: "请选择虚拟私有云",
    name: "名称",
    add_subnet: "添加子网",
    add_vpc_title: "添加虚拟私有云",
    add_vpc: "添加虚拟私有云",
    vpc_added: |name| format!("已添加虚拟私有云 {name}。"),
    choose_subnet_vpc: "请选择新子网所属的虚拟私有云。",
    subnet_added: |name| format!("已添加子网 {name}。"),
    choose_mark_subnet: "请选择要标记地址的子网。",
    no_free_address: |subnet| format!("{subnet} 已没有可用地址。"),
    not_ipv4: |raw| format!("{raw} 不是IPv4地址。"),
    marked_used: |ip, subnet| format!("已将 {subnet} 中的 {ip} 标记为已用。"),
    not_cidr: |s| format!("{s} 不是IPv4网段，例如 192.168.5.0/24。"),
    groups_in: |region| format!("{region} 的安全组"),
    remove_rule: |text| format!("移除规则：{text}"),
    rule_removed: "已移除规则。",
    opens_web: "向公网开放 TCP 80 和 443。",
    open_web: "向公网开放 80/443",
    web_opened: |name| format!("{name} 现在允许来自公网的 TCP 80 和 443。"),
    add_rule_title: "添加TCP规则",
    group: "安全组",
    select_group: "请选择安全组",
    direction: "方向",
    inbound: "入方向",
    outbound: "出方向",
    port_range: "端口或端口范围（留空 = 全部）",
    remote_cidr: "远端网段",
    add_rule: "添加规则",
    add_group_title: "添加安全组",
    add_group: "添加安全组",
    group_added: |name| format!("已添加安全组 {name}。"),
    choose_rule_group: "请选择新规则所属的安全组。",
    not_port: |raw| format!("{raw} 不是端口（1–65535）或端口范围（例如 8000-8080）。"),
    remote_not_cidr: "远端必须是网段，例如 0.0.0.0/0。",
    rule_added: "已添加规则。",
    rule: |r| {
        let dir = if r.inbound { "入方向" } else { "出方向" };
        let proto = r.protocol.unwrap_or("全部协议");
        let ports = match r.ports {
            None => "全部端口".to_owned(),
            Some((a, b)) if a == b => format!("端口 {a}"),
            Some((a, b)) => format!("端口 {a}–{b}"),
        };
        let remote = match (r.remote, r.group) {
            (Some(g), true) => format!("安全组 {g} 的成员"),
            (Some(net), false) => net.to_owned(),
            (None, _) => "任意地址".to_owned(),
        };
        let way = if r.inbound {
            "源地址"
        } else {
            "目的地址"
        };
        format!("{dir} {} {proto} {ports}，{way} {remote}", r.ether)
    },
    eips_in: |region| format!("{region} 的弹性IP地址"),
    eips: "弹性IP地址",
    address: "地址",
    status: "状态",
    bound_to: "绑定到",
    bandwidth: "带宽",
    actions: "操作",
    remove_eip: |address| format!("移除弹性IP地址 {address}"),
    eip_free: "未绑定",
    eip_bound: "已绑定",
    add_eip: "添加一个未绑定的弹性IP地址",
    pool_empty: "该区域的公网地址池已没有可用地址。",
    eip_added: |address| format!("已添加弹性IP地址 {address}。"),
    state_title: "导出、导入、重置",
    state_hint: "导出文件包含账号、所有实例和设置（JSON，架构版本 1）。",
    export: "导出状态",
    import: "导入状态…",
    reset: "重置为默认数据…",
    reset_warning: "重置会删除所有实例、您对账号的修改和设置。如需保留，请先导出。",
    cancel: "取消",
    reset_everything: "全部重置",
    exported: |n| format!("已导出账号、{n} 个实例和设置。"),
    unreadable: |file| format!("无法读取 {file}。未替换任何内容。"),
    imported: |file, n| format!("已导入 {file}：账号、{n} 个实例和设置。"),
    import_refused: |file, e| format!("{file} 被拒绝：{e} 未替换任何内容。"),
    reset_done: "沙箱已恢复为默认数据；实例和设置已删除。",
    file_failed: "浏览器无法提供该文件。",
};
