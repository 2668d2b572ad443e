//! Messages shared by the confirmation and information pages: code view, edit links, copy
//! buttons, the applying state and page titles.

/// Messages of the confirmation and information pages' shared controls.
pub struct Manage {
    /// The collapsed panel of the exports.
    pub view_as_code: &'static str,
    /// The name of the tab list of the exports.
    pub formats: &'static str,
    /// The parameters group of name, edition and the like.
    pub group_basics: &'static str,
    /// The parameters group of the network.
    pub group_network: &'static str,
    /// "Edit" link of a parameters group.
    pub edit: &'static str,
    /// "Edit {group}": the Edit link's accessible name.
    pub edit_group: fn(&str) -> String,
    /// "Copy {what}": a copy button's accessible name.
    pub copy_value: fn(&str) -> String,
    /// The neutral headline while the gateway applies a change.
    pub applying: &'static str,
    /// The creation timeline's heading.
    pub creation: &'static str,
    /// The four steps behind 30 → 50 → 80 → 90 %, then done (100 %).
    pub steps: [&'static str; 4],
    /// The last line of the timeline: the gateway runs.
    pub step_done: &'static str,
    /// A step's state for screen readers: done, in progress, waiting, failed.
    pub step_state: [&'static str; 4],
    /// "Elapsed {time}"
    pub elapsed: fn(&str) -> String,
    /// "About {left} left (creation speed: {speed})"
    pub estimate: fn(&str, &str) -> String,
    /// "Step {n}, {step}, failed with {code}."
    pub failed_at: fn(u8, &str, &str) -> String,
    /// What a failed gateway still holds, before the list.
    pub still_holds: &'static str,
    /// The action that deletes a failed gateway and opens the form with its settings.
    pub buy_again: &'static str,
    /// Announced after it: "{name} is being deleted; the form holds its settings."
    pub buying_again: fn(&str) -> String,
    /// The toast after Create: "{name} is being created."
    pub creating: fn(&str) -> String,
    /// The toast after Delete: "{name} deleted, {n} private IPs released"
    pub deleted: fn(&str, usize) -> String,
}

pub const EN: Manage = Manage {
    view_as_code: "View as code",
    formats: "Formats",
    group_basics: "Basics",
    group_network: "Network",
    edit: "Edit",
    edit_group: |g| format!("Edit {g}"),
    copy_value: |w| format!("Copy {w}"),
    applying: "Applying…",
    creation: "Creation",
    steps: [
        "Reserve private IPs in the subnet",
        "Create the gateway's nodes",
        "Configure the network and addresses",
        "Start the gateway",
    ],
    step_done: "Running",
    step_state: ["done", "in progress", "waiting", "failed"],
    elapsed: |t| format!("Elapsed {t}"),
    estimate: |left, speed| format!("About {left} left (creation speed: {speed})"),
    failed_at: |n, step, code| format!("Step {n}, {step}, failed with {code}."),
    still_holds: "Until it is deleted, the failed gateway still holds:",
    buy_again: "Delete and buy again with the same settings",
    buying_again: |n| format!("{n} is being deleted; the form holds its settings."),
    creating: |n| format!("{n} is being created."),
    deleted: |n, ips| match ips {
        1 => format!("{n} deleted, 1 private IP released"),
        _ => format!("{n} deleted, {ips} private IPs released"),
    },
};

pub const ZH: Manage = Manage {
    view_as_code: "以代码查看",
    formats: "格式",
    group_basics: "基本配置",
    group_network: "网络配置",
    edit: "修改",
    edit_group: |g| format!("修改{g}"),
    copy_value: |w| format!("复制{w}"),
    applying: "正在应用…",
    creation: "创建进度",
    steps: [
        "在子网中预留私有IP",
        "创建实例节点",
        "配置网络与地址",
        "启动实例",
    ],
    step_done: "运行中",
    step_state: ["已完成", "进行中", "等待中", "失败"],
    elapsed: |t| format!("已用时 {t}"),
    estimate: |left, speed| format!("约剩 {left}（创建速度：{speed}）"),
    failed_at: |n, step, code| format!("第 {n} 步“{step}”失败：{code}。"),
    still_holds: "删除之前，创建失败的实例仍占用：",
    buy_again: "删除并以相同配置重新购买",
    buying_again: |n| format!("正在删除{n}；购买页已填入其配置。"),
    creating: |n| format!("正在创建{n}。"),
    deleted: |n, ips| format!("已删除{n}，释放 {ips} 个私有IP"),
};
