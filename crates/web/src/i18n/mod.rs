//! The console's two languages: English and Simplified Chinese (简体中文).
//!
//! A typed catalogue, no runtime parser: [`Texts`] has one field per message, grouped by page
//! (one struct per area, each in its own file with its English and Chinese values side by
//! side). Both values are struct literals, so a message missing from either language does not
//! compile. A message with figures is a function field (`fn(…) -> String`) taking typed
//! parameters, so both languages show the same figures. The language is a signal in the store
//! ([`crate::state::Store::lang`]); components read `t()` inside a reactive closure and switch
//! at once, without a reload and without touching any other signal (the form's draft, focus
//! and checks stay as they are).
//!
//! Adding a message: add a field to the area's struct and its value to both `EN` and `ZH` in
//! the same file; use it as `{move || t().area.field}` in a view (where `let t = use_t();`).
//! Chinese wording follows Huawei Cloud's own console (the gateway is 实例, Buy Gateway is
//! 购买实例, Updating is 升级中); codes, IDs, CIDRs, addresses and the product words (VPC, EIP,
//! AZ, API, TCP, IPv4, IPv6, Terraform, `KooCLI`, curl) stay as they are in both languages.

pub mod apis;
pub mod buy;
pub mod checks;
pub mod confirm;
pub mod gateway;
pub mod gateways;
pub mod manage;
pub mod problems;
pub mod rail;
pub mod sandbox;
pub mod settings;
pub mod shell;
pub mod toast;
pub mod trace;

pub use checks::line_text;
pub use problems::{
    field_label, problem_coded, problem_text, problem_with_field, problems_text, split_code,
    with_code,
};
pub use sandbox::{RuleWords, SandboxTexts};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::state::use_store;

/// A language of the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// English.
    #[default]
    #[serde(rename = "en")]
    En,
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    Zh,
}

impl Lang {
    /// Both languages, in the switcher's order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The BCP 47 tag, for `<html lang>` and `Intl`.
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's name in itself, as the switcher offers it.
    pub const fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
        }
    }

    /// The language a first visit gets from the browser's preferred languages: any `zh*` →
    /// Simplified Chinese, else English.
    pub fn from_preferences<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        if preferred
            .into_iter()
            .any(|tag| tag.trim().to_ascii_lowercase().starts_with("zh"))
        {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language of `navigator.languages` (English when the browser says nothing).
    pub fn from_browser() -> Lang {
        let tags: Vec<String> = web_sys::window()
            .map(|w| {
                w.navigator()
                    .languages()
                    .iter()
                    .filter_map(|v| v.as_string())
                    .collect()
            })
            .unwrap_or_default();
        Lang::from_preferences(tags.iter().map(String::as_str))
    }

    /// The catalogue of this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }
}

/// Every message of the console in one language.
pub struct Texts {
    /// Header, navigation, banners, dialogs shared by every page, not-found page.
    pub shell: shell::Shell,
    /// The Buy Gateway form and its check panel.
    pub buy: buy::Buy,
    /// The confirmation page and the public-access sentences.
    pub confirm: confirm::Confirm,
    /// The gateway information page.
    pub gateway: gateway::GatewayInfo,
    /// The gateways list.
    pub gateways: gateways::Gateways,
    /// Controls shared by the confirmation and information pages.
    pub manage: manage::Manage,
    /// The Sandbox page.
    pub sandbox: sandbox::SandboxTexts,
    /// The Settings page.
    pub settings: settings::SettingsTexts,
    /// Problems from the core, rendered from their field, code and typed parameters.
    pub problems: problems::Problems,
    /// The toast region.
    pub toast: toast::ToastTexts,
    /// The buy page's summary rail, fixes in place and sandbox chips.
    pub rail: rail::Rail,
    /// The API trace drawer.
    pub trace: trace::TraceTexts,
    /// The information page's APIs section.
    pub apis: apis::ApisTexts,
}

static EN: Texts = Texts {
    shell: shell::EN,
    gateways: gateways::EN,
    buy: buy::EN,
    confirm: confirm::EN,
    gateway: gateway::EN,
    manage: manage::EN,
    problems: problems::EN,
    settings: settings::EN,
    sandbox: sandbox::EN,
    toast: toast::EN,
    rail: rail::EN,
    trace: trace::EN,
    apis: apis::EN,
};

static ZH: Texts = Texts {
    shell: shell::ZH,
    gateways: gateways::ZH,
    buy: buy::ZH,
    confirm: confirm::ZH,
    gateway: gateway::ZH,
    manage: manage::ZH,
    problems: problems::ZH,
    settings: settings::ZH,
    sandbox: sandbox::ZH,
    toast: toast::ZH,
    rail: rail::ZH,
    trace: trace::ZH,
    apis: apis::ZH,
};

/// The name of region `id` in `lang` (the account's own name, else the ID, where the
/// catalogue has none).
pub fn region_name(lang: Lang, id: &str) -> String {
    (lang.texts().shell.region_name)(id)
        .map_or_else(|| crate::format::region_name(id), str::to_owned)
}

/// Public inbound access in words, in `lang`.
pub fn inbound_text(lang: Lang, inbound: &apig_core::gateway::Inbound) -> String {
    use apig_core::gateway::Inbound;
    let t = &lang.texts().confirm;
    match inbound {
        Inbound::Off => t.off.to_owned(),
        Inbound::Eip { address, .. } => (t.inbound_eip)(&address.to_string()),
        Inbound::Elb { bandwidth, .. } => (t.inbound_elb)(bandwidth.mbps()),
    }
}

/// Public outbound access in words, in `lang`.
pub fn outbound_text(lang: Lang, outbound: &apig_core::gateway::Outbound) -> String {
    use apig_core::gateway::Outbound;
    let t = &lang.texts().confirm;
    match outbound {
        Outbound::Off => t.off.to_owned(),
        Outbound::Nat { bandwidth, .. } => (t.outbound_nat)(bandwidth.mbps()),
    }
}

/// Why a status refuses an operation, in `lang`, without the code.
pub fn status_conflict_text(lang: Lang, e: &apig_core::lifecycle::StatusConflict) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::Zh => {
            let t = lang.texts();
            (t.gateway.status_refuses)((t.shell.status)(e.status))
        }
    }
}

/// A refused change of a gateway, in `lang`, with its code.
pub fn manage_error_text(lang: Lang, error: &crate::state::ManageError) -> String {
    use crate::state::ManageError;
    match (lang, error) {
        (Lang::En, ManageError::Status(_)) => error.to_string(),
        (Lang::Zh, ManageError::NotFound) => lang.texts().gateway.no_longer_exists.to_owned(),
        (_, ManageError::Invalid(problems)) => problems_text(lang, problems),
        (_, ManageError::Status(e)) => {
            with_code(lang, &status_conflict_text(lang, e), e.code().as_str())
        }
        (_, ManageError::NotFound | ManageError::Network(_) | ManageError::Refused(_)) => {
            problem_coded(lang, &error.problem())
        }
    }
}

/// A stored value of the change history in `lang` (the core records `Off` and `EIP …`).
pub fn history_value(lang: Lang, value: &str) -> String {
    match (lang, value) {
        (Lang::En, v) => v.to_owned(),
        (_, "Off") => lang.texts().confirm.off.to_owned(),
        (_, v) => v.strip_prefix("EIP ").map_or_else(
            || v.to_owned(),
            |rest| format!("{} {rest}", lang.texts().buy.eip),
        ),
    }
}

/// A value of change-history field `field` in `lang`: an edition by its name in `lang`, a tag
/// list without tags as `lang` says it, anything else as [`history_value`] shows it.
pub fn change_value(lang: Lang, field: &str, value: &str) -> String {
    use apig_core::validate::Field;
    use apig_core::values::Edition;
    if field == Field::Edition.id()
        && let Some(edition) = Edition::ALL.iter().find(|e| e.display_name() == value)
    {
        return (lang.texts().shell.edition)(*edition).to_owned();
    }
    if field == Field::Tags.id()
        && value == apig_core::tags::tags_label(&apig_core::values::Tags::default())
    {
        return lang.texts().gateway.no_tags.to_owned();
    }
    history_value(lang, value)
}

/// A security-group rule in words in `lang`, e.g. "Inbound IPv4 TCP port 443 from
/// 0.0.0.0/0"; a remote group is named from `groups`.
pub fn rule_text(
    lang: Lang,
    r: &apig_core::account::SecurityGroupRule,
    groups: &[apig_core::account::SecurityGroup],
) -> String {
    use apig_core::account::{Direction, EtherType, Protocol};
    let group_name;
    let (remote, group) = match (&r.remote_ip_prefix, &r.remote_group_id) {
        (Some(net), _) => {
            group_name = net.to_string();
            (Some(group_name.as_str()), false)
        }
        (None, Some(g)) => {
            group_name = groups
                .iter()
                .find(|x| x.id == *g)
                .map_or_else(|| g.clone(), |x| x.name.clone());
            (Some(group_name.as_str()), true)
        }
        (None, None) => (None, false),
    };
    let words = RuleWords {
        inbound: r.direction == Direction::Ingress,
        ether: match r.ethertype {
            EtherType::IPv4 => "IPv4",
            EtherType::IPv6 => "IPv6",
        },
        protocol: r.protocol.map(|p| match p {
            Protocol::Tcp => "TCP",
            Protocol::Udp => "UDP",
            Protocol::Icmp => "ICMP",
        }),
        ports: match (r.port_range_min, r.port_range_max) {
            (None, None) => None,
            (a, b) => Some((a.unwrap_or(1), b.unwrap_or(65535))),
        },
        remote,
        group,
    };
    (lang.texts().sandbox.rule)(&words)
}

/// A message chosen from the catalogue, for components that take their text as a prop.
pub type Tr = fn(&'static Texts) -> &'static str;

/// The catalogue of the current language; call it inside a reactive closure.
pub fn use_t() -> impl Fn() -> &'static Texts + Copy + Send + Sync + 'static {
    let lang = use_store().lang;
    move || lang.get().texts()
}

/// Sets `<html lang>` (tracked: call it from an effect); each page names the document itself
/// (`components::title::page_title`).
pub fn apply_to_document(lang: Lang) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// Epoch milliseconds as a date and time in the reader's language and time zone:
/// `2026-12-02 15:04:05` in English, `2026/12/02 15:04:05` in Chinese (`Intl`).
pub fn format_time(lang: Lang, ms: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    match lang {
        Lang::En => format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            date.get_full_year(),
            date.get_month() + 1,
            date.get_date(),
            date.get_hours(),
            date.get_minutes(),
            date.get_seconds()
        ),
        Lang::Zh => {
            let options = js_sys::Object::new();
            for (key, value) in [
                ("year", "numeric"),
                ("month", "2-digit"),
                ("day", "2-digit"),
                ("hour", "2-digit"),
                ("minute", "2-digit"),
                ("second", "2-digit"),
            ] {
                let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
            }
            let _ = js_sys::Reflect::set(&options, &"hour12".into(), &false.into());
            String::from(date.to_locale_string(lang.tag(), &options))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn any_chinese_preference_chooses_chinese() {
        for (preferred, expected) in [
            (&["zh-CN"][..], Lang::Zh),
            (&["en-US", "zh-TW"][..], Lang::Zh),
            (&["ZH"][..], Lang::Zh),
            (&["en-US", "en"][..], Lang::En),
            (&["de-DE"][..], Lang::En),
            (&[][..], Lang::En),
        ] {
            assert_eq!(
                Lang::from_preferences(preferred.iter().copied()),
                expected,
                "{preferred:?}"
            );
        }
    }
}
