//! The information page's APIs section.

/// Messages of the APIs section.
pub struct ApisTexts {
    pub title: &'static str,
    /// What the section shows.
    pub intro: &'static str,
    /// The gateway has no API group yet.
    pub empty: &'static str,
    pub debug_domain: &'static str,
    /// The debugging domain's access setting.
    pub debug_on: &'static str,
    pub debug_off: &'static str,
    /// Caption of a group's API table: "APIs of group {name}".
    pub caption: fn(&str) -> String,
    pub col_name: &'static str,
    pub col_method: &'static str,
    pub col_path: &'static str,
    pub col_published: &'static str,
    /// An API published in no environment.
    pub unpublished: &'static str,
    /// A group without APIs.
    pub no_apis: &'static str,
    /// The delete dialog: what of the API catalogue goes with the gateway — groups (named),
    /// APIs, published APIs, apps.
    pub going: fn(&str, usize, usize, usize) -> String,
}

pub const EN: ApisTexts = ApisTexts {
    title: "APIs",
    intro: "The API groups of this gateway with their debugging domains, and their APIs with the environments each is published in.",
    empty: "No API group yet. Groups, APIs and their publication are created through the APIG API (apig-mock serves it).",
    debug_domain: "Debugging domain",
    debug_on: "on",
    debug_off: "off",
    caption: |name| format!("APIs of group {name}"),
    col_name: "Name",
    col_method: "Method",
    col_path: "Path",
    col_published: "Published in",
    unpublished: "Not published",
    no_apis: "No APIs in this group yet.",
    going: |groups, apis, published, apps| {
        format!(
            "Its APIs go with it: API groups {groups} with {apis} APIs ({published} published, whose debugging domains stop answering) and {apps} apps with their authorizations."
        )
    },
};

pub const ZH: ApisTexts = ApisTexts {
    title: "API",
    intro: "本实例的 API 分组及其调试域名，以及各分组的 API 和已发布的环境。",
    empty: "暂无 API 分组。分组、API 及其发布通过 APIG API 创建（apig-mock 提供该 API）。",
    debug_domain: "调试域名",
    debug_on: "已开启",
    debug_off: "已关闭",
    caption: |name| format!("分组 {name} 的 API"),
    col_name: "名称",
    col_method: "请求方法",
    col_path: "请求路径",
    col_published: "已发布环境",
    unpublished: "未发布",
    no_apis: "该分组暂无 API。",
    going: |groups, apis, published, apps| {
        format!(
            "其 API 将一并删除：API 分组 {groups}，共 {apis} 个 API（{published} 个已发布，其调试域名将不再响应），以及 {apps} 个应用及其授权。"
        )
    },
};
