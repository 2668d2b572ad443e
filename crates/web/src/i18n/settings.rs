//! The Settings page (the backend).

/// Messages of the Settings page.
pub struct SettingsTexts {
    pub title: &'static str,
    pub backend: &'static str,
    pub where_gateways_live: &'static str,
    pub this_browser: &'static str,
    pub mock: &'static str,
    pub endpoint: &'static str,
    pub endpoint_hint: &'static str,
    pub access_key: &'static str,
    pub access_key_hint: &'static str,
    pub secret_key: &'static str,
    pub secret_key_hint: &'static str,
    pub project_id: &'static str,
    pub project_id_hint: &'static str,
    pub test: &'static str,
    pub save: &'static str,
    /// "Calling {endpoint} …"
    pub calling: fn(&str) -> String,
    /// Connected: endpoint, project, count.
    pub connected: fn(&str, &str, u64) -> String,
    /// "Refused: {error}"
    pub refused: fn(&str) -> String,
    pub saved_mock: &'static str,
    pub saved_browser: &'static str,
    pub now_browser: &'static str,
    /// Now using apig-mock at {url}, with the last failure when there is one.
    pub now_mock: fn(&str, Option<&str>) -> String,
}

pub const EN: SettingsTexts = SettingsTexts {
    title: "Settings",
    backend: "Backend",
    where_gateways_live: "Where gateways live",
    this_browser: "This browser (localStorage)",
    mock: "apig-mock (the APIG v2 API, signed with AK / SK)",
    endpoint: "Endpoint URL",
    endpoint_hint: "Where apig-mock listens, e.g. http://127.0.0.1:8090 (cargo xtask serve --mock prints it).",
    access_key: "Access key (AK)",
    access_key_hint: "Printed by apig-mock at start.",
    secret_key: "Secret key (SK)",
    secret_key_hint: "Kept only in this tab's sessionStorage, never in localStorage; a new tab asks again.",
    project_id: "Project ID",
    project_id_hint: "32 hexadecimal characters; goes into the path and X-Project-Id.",
    test: "Test connection",
    save: "Save",
    calling: |endpoint| format!("Calling {endpoint} …"),
    connected: |endpoint, project, total| {
        format!(
            "Connected: {endpoint} answered the signed GET /v2/{project}/apigw/instances with {total} gateway(s)."
        )
    },
    refused: |e| format!("Refused: {e}"),
    saved_mock: "Saved. The console now lists, buys, changes and deletes gateways through apig-mock.",
    saved_browser: "Saved. The console now keeps gateways in this browser (localStorage).",
    now_browser: "Now using: this browser (localStorage).",
    now_mock: |url, failed| match failed {
        Some(e) => format!("Now using: apig-mock at {url} — the last call failed: {e}"),
        None => format!("Now using: apig-mock at {url}."),
    },
};

pub const ZH: SettingsTexts = SettingsTexts {
    title: "设置",
    backend: "后端",
    where_gateways_live: "实例保存在哪里",
    this_browser: "本浏览器（localStorage）",
    mock: "apig-mock（APIG v2 API，使用 AK / SK 签名）",
    endpoint: "终端节点URL",
    endpoint_hint: "apig-mock 的监听地址，例如 http://127.0.0.1:8090（cargo xtask serve --mock 会打印）。",
    access_key: "访问密钥ID（AK）",
    access_key_hint: "apig-mock 启动时打印。",
    secret_key: "秘密访问密钥（SK）",
    secret_key_hint: "只保存在此标签页的 sessionStorage 中，从不写入 localStorage；新标签页需要重新输入。",
    project_id: "项目ID",
    project_id_hint: "32个十六进制字符；用于路径和 X-Project-Id。",
    test: "测试连接",
    save: "保存",
    calling: |endpoint| format!("正在调用 {endpoint} …"),
    connected: |endpoint, project, total| {
        format!(
            "已连接：{endpoint} 应答了签名的 GET /v2/{project}/apigw/instances，共 {total} 个实例。"
        )
    },
    refused: |e| format!("被拒绝：{e}"),
    saved_mock: "已保存。控制台现在通过 apig-mock 查询、购买、修改和删除实例。",
    saved_browser: "已保存。控制台现在把实例保存在本浏览器中（localStorage）。",
    now_browser: "当前使用：本浏览器（localStorage）。",
    now_mock: |url, failed| match failed {
        Some(e) => format!("当前使用：{url} 上的 apig-mock — 上次调用失败：{e}"),
        None => format!("当前使用：{url} 上的 apig-mock。"),
    },
};
