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
};
