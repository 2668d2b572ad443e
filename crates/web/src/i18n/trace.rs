//! The API trace drawer.

/// Messages of the API trace drawer.
pub struct TraceTexts {
    /// The header button and the drawer's title.
    pub title: &'static str,
    /// The header button's accessible name with the number of entries.
    pub button_label: fn(usize) -> String,
    /// What the drawer shows, working in this browser.
    pub intro_local: &'static str,
    /// What the drawer shows with apig-mock at `{host}`.
    pub intro_mock: fn(&str) -> String,
    pub close: &'static str,
    pub clear: &'static str,
    /// The checkbox that shows the reads (the periodic sync) too; `{n}` of them are folded.
    pub show_reads: fn(usize) -> String,
    pub empty: &'static str,
    pub list_label: &'static str,
    pub request: &'static str,
    pub answer: &'static str,
    pub headers: &'static str,
    pub no_body: &'static str,
    /// Said instead of a status when no answer came.
    pub no_answer: &'static str,
    /// "answered by the console's core" (this browser) under an answer.
    pub answered_locally: &'static str,
    /// "{ms} ms"
    pub millis: fn(f64) -> String,
    pub copy_curl: &'static str,
    pub copy_koocli: &'static str,
    pub copied: &'static str,
    pub copy_unavailable: &'static str,
    /// Why an emulator call has no `KooCLI` copy.
    pub no_koocli: &'static str,
    /// The note that the local curl must still be signed.
    pub unsigned_note: &'static str,
    /// The note that the mock's curl carries its signature (valid for a while).
    pub signed_note: &'static str,
}

pub const EN: TraceTexts = TraceTexts {
    title: "API trace",
    button_label: |n| format!("API trace, {n} requests"),
    intro_local: "Every request your actions stand for, as the real APIG API would receive it, with the answer the console's core gives (nothing leaves this browser).",
    intro_mock: |host| {
        format!(
            "Every signed request sent to apig-mock at {host}, with its answer and how long it took. The secret key is never shown; the signature is."
        )
    },
    close: "Close",
    clear: "Clear",
    show_reads: |n| format!("Show reads ({n})"),
    empty: "No requests yet. Buy, change or delete a gateway, or edit the sandbox, and its requests appear here.",
    list_label: "Requests, newest first",
    request: "Request",
    answer: "Answer",
    headers: "Headers",
    no_body: "(no body)",
    no_answer: "no answer",
    answered_locally: "Answered by the console's core in this browser.",
    millis: |ms| format!("{ms:.0} ms"),
    copy_curl: "Copy as curl",
    copy_koocli: "Copy as KooCLI",
    copied: "Copied.",
    copy_unavailable: "Copying is not available here; select the text instead.",
    no_koocli: "The emulator's own call: the real service and KooCLI have no such call.",
    unsigned_note: "The curl copy still has to be signed (AK/SK), as the real API requires.",
    signed_note: "The curl copy carries this request's signature; apig-mock accepts it for 15 minutes.",
};

pub const ZH: TraceTexts = TraceTexts {
    title: "API 调用记录",
    button_label: |n| format!("API 调用记录，共 {n} 个请求"),
    intro_local: "您的每个操作所对应的请求：真实 APIG API 将收到的请求，以及控制台核心给出的响应（不会离开本浏览器）。",
    intro_mock: |host| {
        format!(
            "发送到 {host} 上 apig-mock 的每个已签名请求，及其响应和耗时。不会显示密钥（SK），仅显示签名。"
        )
    },
    close: "关闭",
    clear: "清空",
    show_reads: |n| format!("显示读取请求（{n}）"),
    empty: "暂无请求。购买、修改或删除实例，或编辑沙箱后，其请求将显示在此处。",
    list_label: "请求（最新的在前）",
    request: "请求",
    answer: "响应",
    headers: "请求头",
    no_body: "（无消息体）",
    no_answer: "无响应",
    answered_locally: "由本浏览器中的控制台核心响应。",
    millis: |ms| format!("{ms:.0} 毫秒"),
    copy_curl: "复制为 curl",
    copy_koocli: "复制为 KooCLI",
    copied: "已复制。",
    copy_unavailable: "此处无法复制，请手动选择文本。",
    no_koocli: "模拟器自身的接口：真实服务和 KooCLI 均无此接口。",
    unsigned_note: "curl 命令仍需按真实 API 的要求进行签名（AK/SK）。",
    signed_note: "curl 命令带有本请求的签名；apig-mock 在 15 分钟内接受。",
};
