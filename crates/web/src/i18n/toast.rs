//! Toasts: the region's name and its buttons.

/// Messages of the toast region.
pub struct ToastTexts {
    /// The region's accessible name.
    pub region: &'static str,
    pub undo: &'static str,
    pub dismiss: &'static str,
    /// The toast after an Undo.
    pub undone: &'static str,
}

pub const EN: ToastTexts = ToastTexts {
    region: "Notifications",
    undo: "Undo",
    dismiss: "Dismiss notification",
    undone: "Undone.",
};

pub const ZH: ToastTexts = ToastTexts {
    region: "通知",
    undo: "撤销",
    dismiss: "关闭通知",
    undone: "已撤销。",
};
