//! The information page's APIs section reads the gateway's catalogue: a group with its
//! debugging domain, an API published to RELEASE and one not published, and a gateway without
//! groups says so.

use apig_core::account::Account;
use apig_core::apis::{
    self, ApiDefinition, ApiDocs, ApiName, AuthType, Backend, GroupInput, GroupName, GroupRemark,
    MatchMode, Method, MockBackend, PublishIds, Remark, ReqProtocol, ReqUri, ResourceId,
    Visibility,
};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod common;

use common::{mount, running_gateway, store_envelope, text};

wasm_bindgen_test_configure!(run_in_browser);

fn id(n: u64) -> ResourceId {
    ResourceId::derive(&["apis-section"], n)
}

fn mock_api(group_id: &ResourceId, name: &str, path: &str) -> ApiDefinition {
    ApiDefinition {
        group_id: group_id.clone(),
        name: ApiName::parse(name).unwrap(),
        visibility: Visibility::Public,
        req_protocol: ReqProtocol::Http,
        req_method: Method::Get,
        req_uri: ReqUri::parse(path).unwrap(),
        match_mode: MatchMode::Normal,
        auth_type: AuthType::None,
        app_code_header: false,
        cors: true,
        remark: Remark::parse("").unwrap(),
        req_params: Vec::new(),
        backend: Backend::Mock(MockBackend {
            result_content: "hello".into(),
            status_code: 200,
        }),
        backend_params: Vec::new(),
        docs: ApiDocs::default(),
    }
}

fn clear_storage() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
async fn groups_apis_and_their_publication_are_listed() {
    clear_storage();
    let mut account = Account::default_seed();
    let mut gateway = running_gateway(&mut account, "serving-gw");
    let input = GroupInput {
        name: GroupName::parse("shop").unwrap(),
        remark: GroupRemark::parse("").unwrap(),
    };
    let group = apis::create_group(&mut gateway, input, id(1), 0)
        .unwrap()
        .clone();
    let hello = apis::create_api(
        &mut gateway,
        mock_api(&group.id, "hello", "/hello"),
        id(2),
        0,
    )
    .unwrap()
    .id
    .clone();
    apis::create_api(
        &mut gateway,
        mock_api(&group.id, "draft", "/draft"),
        id(3),
        0,
    )
    .unwrap();
    let ids = PublishIds {
        publish_id: id(4),
        version_id: id(5),
    };
    let release = apis::DEFAULT_ENVIRONMENT_RELEASE_ID;
    apis::publish(
        &mut gateway,
        hello.as_str(),
        release,
        Remark::parse("").unwrap(),
        ids,
        0,
    )
    .unwrap();
    let gateway_id = gateway.id.to_string();
    store_envelope("account", &account);
    store_envelope("gateways", &vec![gateway]);
    let m = mount(&format!("/gateways/{gateway_id}")).await;

    let section = text(&m.host, "#apis-section");
    assert!(section.contains("shop"), "{section}");
    assert_eq!(
        text(&m.host, ".api-debug-domain"),
        format!("{}.apic.cn-north-4.huaweicloudapis.com", group.id)
    );
    assert!(text(&m.host, &format!("tr[data-api=\"{hello}\"]")).contains("RELEASE"));
    let draft = text(&m.host, &format!("tr[data-api=\"{}\"]", id(3)));
    assert!(
        draft.contains("/draft") && draft.contains("Not published"),
        "{draft}"
    );
}

#[wasm_bindgen_test]
async fn a_gateway_without_groups_says_so() {
    clear_storage();
    let mut account = Account::default_seed();
    let gateway = running_gateway(&mut account, "idle-gw");
    let gateway_id = gateway.id.to_string();
    store_envelope("account", &account);
    store_envelope("gateways", &vec![gateway]);
    let m = mount(&format!("/gateways/{gateway_id}")).await;
    assert!(text(&m.host, "#apis-empty").contains("No API group yet"));
    assert!(m.host.query_selector("#delete-apis").unwrap().is_none());
}
