//! Tags and edition changes in a real browser (headless Chromium): the Buy Gateway form's Tags
//! row, and the store's tag and edition changes as the information page calls them — what they
//! keep in localStorage, what they refuse and that a refusal keeps nothing.

use apig_core::account::Account;
use apig_core::gateway::Gateway;
use apig_core::lifecycle::Status;
use apig_core::validate::DraftTag;
use apig_core::values::{Edition, ErrorCode};
use apig_web::state::{Settings, Store};
use leptos::prelude::{GetUntracked, Owner};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

mod common;

use common::{find, fire, mount, settle, store_envelope, stored, text, type_into};

wasm_bindgen_test_configure!(run_in_browser);

fn tag(key: &str, value: &str) -> DraftTag {
    DraftTag {
        key: key.into(),
        value: value.into(),
    }
}

/// A running gateway named `name` on the subnet named `subnet` of cn-north-4, with `tags`.
fn gateway_on(account: &mut Account, name: &str, subnet: &str, tags: Vec<DraftTag>) -> Gateway {
    let region = account.region("cn-north-4").unwrap().clone();
    let subnet_id = region
        .vpcs
        .iter()
        .flat_map(|v| v.subnets.iter())
        .find(|s| s.name == subnet)
        .unwrap()
        .id
        .clone();
    let draft = apig_core::validate::Draft {
        instance_name: name.into(),
        subnet_id,
        tags,
        ..apig_core::validate::Draft::prefilled(account, &region, &[])
    };
    let plan = apig_core::validate::validate(&draft, account, &[], 7).unwrap();
    apig_core::plan::apply_plan(account, &plan).unwrap();
    // Created long ago at the demo speed: Running, and its operations take 3 s.
    plan.to_gateway(0, apig_core::lifecycle::CreationSpeed::Fast, None)
}

/// Stores `account` and `gateways` and opens a store on them (as the console does on load).
fn open_with(account: &Account, gateways: &[Gateway]) -> (Owner, Store) {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    store_envelope("account", account);
    store_envelope("gateways", &gateways);
    store_envelope("settings", &Settings::default());
    let owner = Owner::new();
    let store = owner.with(|| Store::open().0);
    (owner, store)
}

fn stored_gateways() -> Vec<Gateway> {
    let envelope: serde_json::Value = serde_json::from_str(&stored("gateways")).unwrap();
    serde_json::from_value(envelope["data"].clone()).unwrap()
}

#[wasm_bindgen_test]
fn adding_a_tag_is_kept_and_recorded() {
    let mut account = Account::default_seed();
    let gw = gateway_on(
        &mut account,
        "tagged",
        "subnet-roomy",
        vec![tag("env", "prod")],
    );
    let id = gw.id.to_string();
    let (owner, store) = open_with(&account, &[gw]);
    owner.with(|| {
        let rows = [tag("env", "prod"), tag("team", "payments")];
        let preview = store.preview_tags(&id, &rows).unwrap().unwrap();
        assert_eq!(
            (preview.old.as_str(), preview.new.as_str()),
            ("env=prod", "env=prod, team=payments")
        );
        // The review keeps nothing.
        assert_eq!(stored_gateways()[0].tags.as_slice().len(), 1);
        store.change_tags(&id, &rows).unwrap();
        let kept = &stored_gateways()[0];
        assert_eq!(kept.tags.as_slice().len(), 2);
        assert_eq!(kept.history.last().unwrap().field, "tags");
        assert_eq!(store.gateways.get_untracked()[0].tags, kept.tags);
    });
}

#[wasm_bindgen_test]
fn a_refused_tag_change_keeps_nothing() {
    let mut account = Account::default_seed();
    let gw = gateway_on(
        &mut account,
        "tagged",
        "subnet-roomy",
        vec![tag("env", "prod")],
    );
    let id = gw.id.to_string();
    let (owner, store) = open_with(&account, std::slice::from_ref(&gw));
    owner.with(|| {
        // The seed's custom policy denies apig:instanceTags:delete: removing a tag is refused.
        let refused = store.change_tags(&id, &[]).unwrap_err().problem();
        assert_eq!(refused.code, ErrorCode::NoPermission);
        assert!(
            refused.message.contains("apig:instanceTags:delete"),
            "{}",
            refused.message
        );
        // A bad key is refused naming the field, with what to do.
        let bad = store
            .change_tags(&id, &[tag("env", "prod"), tag("_sys_x", "1")])
            .unwrap_err()
            .problem();
        assert_eq!(bad.code, ErrorCode::InvalidParameter);
        assert_eq!(bad.field.id(), "tags");
        // 21 tags are too many.
        let many: Vec<DraftTag> = (0..21).map(|i| tag(&format!("k{i}"), "v")).collect();
        let too_many = store.change_tags(&id, &many).unwrap_err().problem();
        assert_eq!(too_many.field.id(), "tags");
        assert_eq!(stored_gateways(), vec![gw]);
    });
}

#[wasm_bindgen_test]
fn an_edition_change_needs_the_subnets_addresses() {
    let mut account = Account::default_seed();
    let small = gateway_on(&mut account, "small", "subnet-basic-only", vec![]);
    let roomy = gateway_on(&mut account, "roomy", "subnet-roomy", vec![]);
    let (small_id, roomy_id) = (small.id.to_string(), roomy.id.to_string());
    let (owner, store) = open_with(&account, &[small.clone(), roomy]);
    owner.with(|| {
        // The /29 has no address left for Professional's two more private IPs.
        let refused = store
            .change_edition(&small_id, Edition::Professional.as_str())
            .unwrap_err()
            .problem();
        assert_eq!(refused.code, ErrorCode::ScaleUpFailed, "{refused:?}");
        assert!(
            refused.message.contains("subnet-basic-only"),
            "{}",
            refused.message
        );
        assert_eq!(stored_gateways()[0], small);
        // On the roomy subnet it passes: Resizing, the new edition, its private IPs taken.
        store
            .change_edition(&roomy_id, Edition::Professional.as_str())
            .unwrap();
        let kept = stored_gateways()[1].clone();
        assert_eq!(kept.edition, Edition::Professional);
        assert_eq!(
            kept.private_ips.len(),
            Edition::Professional.private_ips_needed() as usize
        );
        assert_eq!(kept.status(now()), Status::Resizing);
        assert_eq!(kept.status(now() + 3_000), Status::Running);
        assert_eq!(kept.history.last().unwrap().field, "spec_id");
        // While it resizes, a second change is refused (APIC.7701).
        let busy = store
            .change_edition(&roomy_id, Edition::Enterprise.as_str())
            .unwrap_err()
            .problem();
        assert_eq!(busy.code, ErrorCode::StatusConflict);
        // The account's subnet holds the new addresses.
        let account: Account = serde_json::from_value(
            serde_json::from_str::<serde_json::Value>(&stored("account")).unwrap()["data"].clone(),
        )
        .unwrap();
        let subnet = account
            .region("cn-north-4")
            .and_then(|r| r.subnet(&kept.subnet_id))
            .unwrap()
            .1
            .clone();
        for ip in &kept.private_ips {
            assert!(subnet.used.contains(ip), "{ip} not marked used");
        }
    });
}

fn now() -> u64 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let now = js_sys::Date::now() as u64;
    now
}

#[wasm_bindgen_test]
async fn the_tags_row_shows_the_cores_errors_once_left_and_is_saved_with_the_draft() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    let m = mount("/gateways/buy").await;
    find(&m.host, "#tags-add")
        .unchecked_into::<HtmlElement>()
        .click();
    settle().await;
    type_into(&m.host, "#tags-key-0", "bad/key").await;
    assert_eq!(text(&m.host, "#tags-error"), "");
    let key = find(&m.host, "#tags-key-0");
    fire(&key, "blur");
    settle().await;
    assert_eq!(
        text(&m.host, "#tags-error"),
        "Tag 1 key cannot contain “/”; use only letters, digits, spaces and _ . : = + - @. \
         APIC.7211"
    );
    assert_eq!(key.get_attribute("aria-invalid").as_deref(), Some("true"));
    type_into(&m.host, "#tags-key-0", "env").await;
    type_into(&m.host, "#tags-value-0", "prod").await;
    assert_eq!(text(&m.host, "#tags-error"), "");
    assert_eq!(key.get_attribute("aria-invalid").as_deref(), Some("false"));
    let draft = stored("draft");
    assert!(
        draft.contains(r#""tags":[{"key":"env","value":"prod"}]"#),
        "{draft}"
    );
    find(&m.host, "#tags-remove-0")
        .unchecked_into::<HtmlElement>()
        .click();
    settle().await;
    assert!(m.host.query_selector("#tags-key-0").unwrap().is_none());
    assert!(stored("draft").contains(r#""tags":[]"#));
}
