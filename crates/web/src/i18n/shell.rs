//! The shell: header, navigation, language switcher, banners, statuses, announcements, the
//! update notice and the not-found page.

use apig_core::lifecycle::Status;
use apig_core::values::Edition;

/// Messages of the shell.
pub struct Shell {
    /// The document title.
    pub title: &'static str,
    pub brand: &'static str,
    pub skip_to_content: &'static str,
    /// The navigation's accessible name.
    pub sections: &'static str,
    pub nav_gateways: &'static str,
    pub nav_sandbox: &'static str,
    pub nav_settings: &'static str,
    pub region: &'static str,
    /// The language switcher's label.
    pub language: &'static str,
    pub backend_browser: &'static str,
    /// The badge with apig-mock: host, whether calls are unanswered, whether it failed.
    pub backend_mock: fn(&str, bool, bool) -> String,
    pub dismiss: &'static str,
    pub remove: &'static str,
    pub update_ready: &'static str,
    pub update_reload: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub not_found_link: &'static str,
    /// A status's name.
    pub status: fn(Status) -> &'static str,
    pub creation_progress: &'static str,
    /// "{name} is now {status}."
    pub now_status: fn(&str, &str) -> String,
    /// "{name} is {status}." (a gateway that appeared)
    pub is_status: fn(&str, &str) -> String,
    /// "{name} was deleted."
    pub was_deleted: fn(&str) -> String,
    /// An edition's name.
    pub edition: fn(Edition) -> &'static str,
    /// A storage problem in words (`None`: the English text as it is).
    pub storage: fn(&crate::storage::StorageError) -> Option<String>,
    /// A region's name in this language, when it has one of its own.
    pub region_name: fn(&str) -> Option<&'static str>,
    /// The pager under a list: "Total records: {n}".
    pub pager_total: fn(usize) -> String,
    pub pager_per_page: &'static str,
    pub pager_previous: &'static str,
    pub pager_next: &'static str,
    /// A page number's accessible name: "Page {n}".
    pub pager_page: fn(usize) -> String,
}

pub const EN: Shell = Shell {
    title: "APIG Console",
    brand: "APIG Console",
    skip_to_content: "Skip to content",
    sections: "Sections",
    nav_gateways: "Gateways",
    nav_sandbox: "Sandbox",
    nav_settings: "Settings",
    region: "Region",
    language: "Language",
    backend_browser: "Backend: this browser",
    backend_mock: |host, waiting, failed| {
        // The waiting mark before the host: a narrow header cuts the end.
        format!(
            "Backend: apig-mock{} {host}{}",
            if waiting { " (waiting…)" } else { "" },
            if failed { " (unreachable)" } else { "" },
        )
    },
    dismiss: "Dismiss",
    remove: "Remove",
    update_ready: "A new version of the console is ready.",
    update_reload: "Reload to update",
    not_found_title: "Page not found",
    not_found_text: "There is no page at this address. ",
    not_found_link: "Go to Gateways",
    status: Status::as_str,
    creation_progress: "Creation progress",
    now_status: |name, status| format!("{name} is now {status}."),
    is_status: |name, status| format!("{name} is {status}."),
    was_deleted: |name| format!("{name} was deleted."),
    edition: Edition::display_name,
    storage: |_| None,
    region_name: |_| None,
    pager_total: |n| format!("Total records: {n}"),
    pager_per_page: "Per page",
    pager_previous: "‹ Previous",
    pager_next: "Next ›",
    pager_page: |n| format!("Page {n}"),
};

pub const ZH: Shell = Shell {
    title: "API网关 APIG 控制台",
    brand: "API网关 APIG",
    skip_to_content: "跳到正文",
    sections: "导航",
    nav_gateways: "实例",
    nav_sandbox: "沙箱",
    nav_settings: "设置",
    region: "区域",
    language: "语言",
    backend_browser: "后端：本浏览器",
    backend_mock: |host, waiting, failed| {
        format!(
            "后端：apig-mock{} {host}{}",
            if waiting { "（等待中…）" } else { "" },
            if failed { "（无法连接）" } else { "" },
        )
    },
    dismiss: "关闭",
    remove: "移除",
    update_ready: "控制台有新版本可用。",
    update_reload: "重新加载以更新",
    not_found_title: "页面不存在",
    not_found_text: "此地址没有页面。",
    not_found_link: "前往实例列表",
    status: status_zh,
    creation_progress: "创建进度",
    now_status: |name, status| format!("{name} 现在的状态：{status}。"),
    is_status: |name, status| format!("{name} 的状态：{status}。"),
    was_deleted: |name| format!("{name} 已删除。"),
    edition: edition_zh,
    storage: |e| Some(storage_zh(e)),
    region_name: region_zh,
    pager_total: |n| format!("总条数：{n}"),
    pager_per_page: "每页显示",
    pager_previous: "‹ 上一页",
    pager_next: "下一页 ›",
    pager_page: |n| format!("第 {n} 页"),
};

/// Huawei's Chinese names of the statuses.
fn status_zh(status: Status) -> &'static str {
    match status {
        Status::Creating => "创建中",
        Status::CreateSuccess => "创建成功",
        Status::CreateFail => "创建失败",
        Status::Initing => "初始化中",
        Status::Registering => "注册中",
        Status::Running => "运行中",
        Status::InitingFailed => "初始化失败",
        Status::RegisterFailed => "注册失败",
        Status::Installing => "安装中",
        Status::InstallFailed => "安装失败",
        Status::Updating => "升级中",
        Status::UpdateFailed => "升级失败",
        Status::Rollbacking => "回滚中",
        Status::RollbackSuccess => "回滚成功",
        Status::RollbackFailed => "回滚失败",
        Status::Deleting => "删除中",
        Status::DeleteFailed => "删除失败",
        Status::Unregistering => "注销中",
        Status::UnRegisterFailed => "注销失败",
        Status::CreateTimeout => "创建超时",
        Status::InitTimeout => "初始化超时",
        Status::RegisterTimeout => "注册超时",
        Status::InstallTimeout => "安装超时",
        Status::UpdateTimeout => "升级超时",
        Status::RollbackTimeout => "回滚超时",
        Status::DeleteTimeout => "删除超时",
        Status::UnregisterTimeout => "注销超时",
        Status::Starting => "启动中",
        Status::Freezing => "冻结中",
        Status::Frozen => "已冻结",
        Status::Restarting => "重启中",
        Status::RestartFail => "重启失败",
        Status::Unhealthy => "实例异常",
        Status::RestartTimeout => "重启超时",
        Status::Resizing => "规格变更中",
        Status::ResizeFailed => "规格变更失败",
        Status::ResizeTimeout => "规格变更超时",
    }
}

/// Huawei's Chinese names of the editions (实例规格).
pub fn edition_zh(edition: Edition) -> &'static str {
    match edition {
        Edition::Basic => "基础版",
        Edition::Professional => "专业版",
        Edition::Enterprise => "企业版",
        Edition::Platinum => "铂金版",
        Edition::BasicIpv6 => "基础版（IPv6）",
        Edition::ProfessionalIpv6 => "专业版（IPv6）",
        Edition::EnterpriseIpv6 => "企业版（IPv6）",
        Edition::PlatinumIpv6 => "铂金版（IPv6）",
        Edition::PlatinumX2 => "铂金版 x2",
        Edition::PlatinumX3 => "铂金版 x3",
        Edition::PlatinumX4 => "铂金版 x4",
        Edition::PlatinumX5 => "铂金版 x5",
        Edition::PlatinumX6 => "铂金版 x6",
        Edition::PlatinumX7 => "铂金版 x7",
        Edition::PlatinumX8 => "铂金版 x8",
    }
}

/// The Chinese names of the sandbox's regions; another region keeps the name it has.
pub fn region_zh(id: &str) -> Option<&'static str> {
    match id {
        "cn-north-4" => Some("华北-北京四"),
        "cn-north-1" => Some("华北-北京一"),
        "ap-southeast-1" => Some("中国-香港"),
        _ => None,
    }
}

/// A storage problem in Chinese, with the key and the browser's own reason as they are.
fn storage_zh(error: &crate::storage::StorageError) -> String {
    use crate::storage::StorageError;
    match error {
        StorageError::Unavailable(why) => {
            format!("浏览器存储不可用（{why}）。修改只保存在内存中，关闭此标签页后会丢失。")
        }
        StorageError::ReadFailed { key, message } => {
            format!("从浏览器存储读取 {key} 失败：{message}")
        }
        StorageError::QuotaExceeded { key } => {
            format!("浏览器存储已满：无法保存 {key}。请释放空间（例如导出并删除旧数据）后重试。")
        }
        StorageError::WriteFailed { key, message } => {
            format!("保存 {key} 到浏览器存储失败：{message}")
        }
        StorageError::Corrupt {
            key,
            backup_key,
            reason,
        } => format!(
            "无法读取已保存的 {key}（{reason}）。原始内容保存在 {backup_key} 中；控制台已从空白值开始。"
        ),
    }
}
