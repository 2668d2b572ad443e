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
    /// "Try it": its heading and what it does.
    pub try_title: &'static str,
    pub try_intro: &'static str,
    /// Where the call goes, this browser or apig-mock.
    pub try_here: &'static str,
    pub try_mock: &'static str,
    pub try_mock_debug: &'static str,
    pub try_name: &'static str,
    pub try_method: &'static str,
    pub try_path: &'static str,
    pub try_path_hint: &'static str,
    pub try_status: &'static str,
    pub try_body: &'static str,
    pub try_run: &'static str,
    pub try_running: &'static str,
    /// The steps' list heading.
    pub try_steps: &'static str,
    pub step_group: &'static str,
    pub step_api: &'static str,
    pub step_publish: &'static str,
    /// The call made through `DebugApiV2` (apig-mock on another machine).
    pub step_debug: &'static str,
    /// A step refused: "{step} refused".
    pub step_refused: fn(&str) -> String,
    pub try_request: &'static str,
    pub try_answer: &'static str,
    /// "Try it" could not finish (apig-mock unreachable): the reason follows.
    pub try_failed: &'static str,
    /// The field error's lead, read with the field's message.
    pub try_fix: &'static str,
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
    try_title: "Try it",
    try_intro: "Describe an API that a MOCK backend answers, without authentication. Try it creates the API (and a group named try_it if the gateway has none), publishes it to RELEASE and calls it through the group's debugging domain.",
    try_here: "Served in this browser by the same router apig-mock uses.",
    try_mock: "Sent to apig-mock, then called through its data plane.",
    try_mock_debug: "Sent to apig-mock, then called through DebugApiV2: its data plane is reached by name only when apig-mock listens on this machine's 127.0.0.1.",
    try_name: "API name",
    try_method: "Method",
    try_path: "Path",
    try_path_hint: "Starts with /; {name} takes one segment, {name+} the rest.",
    try_status: "Answer status",
    try_body: "Answer body",
    try_run: "Create, publish and call",
    try_running: "Creating, publishing and calling…",
    try_steps: "API calls made",
    step_group: "Create the API group try_it",
    step_api: "Create the API",
    step_publish: "Publish it to RELEASE",
    step_debug: "Call it through DebugApiV2",
    step_refused: |step| format!("{step}: refused"),
    try_request: "Request",
    try_answer: "The gateway's answer",
    try_failed: "Try it could not finish:",
    try_fix: "Fix this field:",
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
    try_title: "调试",
    try_intro: "描述一个由 MOCK 后端响应、无需认证的 API。调试将创建该 API（实例尚无分组时另建名为 try_it 的分组），发布到 RELEASE 环境，并通过分组的调试域名调用。",
    try_here: "在本浏览器中由 apig-mock 使用的同一路由处理。",
    try_mock: "发送到 apig-mock，再通过其数据面调用。",
    try_mock_debug: "发送到 apig-mock，再通过 DebugApiV2 调用：仅当 apig-mock 监听本机 127.0.0.1 时，才能按域名访问其数据面。",
    try_name: "API 名称",
    try_method: "请求方法",
    try_path: "请求路径",
    try_path_hint: "以 / 开头；{参数名} 匹配一段路径，{参数名+} 匹配其余路径。",
    try_status: "响应状态码",
    try_body: "响应体",
    try_run: "创建、发布并调用",
    try_running: "正在创建、发布并调用…",
    try_steps: "已发起的 API 调用",
    step_group: "创建 API 分组 try_it",
    step_api: "创建 API",
    step_publish: "发布到 RELEASE 环境",
    step_debug: "通过 DebugApiV2 调用",
    step_refused: |step| format!("{step}：被拒绝"),
    try_request: "请求",
    try_answer: "网关的响应",
    try_failed: "调试未能完成：",
    try_fix: "请修改此字段：",
};
