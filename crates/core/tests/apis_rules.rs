//! The rules of an API definition and the quotas of API management, each refused with its
//! APIG code and the parameter at fault; a refusal changes nothing.

mod apis_common;

use apig_core::apis::{
    ApiDefinition, AuthType, Backend, BackendParam, BackendProtocol, BackendUri, BackendValue,
    ContextVar, HttpBackend, MatchMode, Method, MockBackend, ParamLocation, ParamName, Quotas,
    Remark, ResourceId, UrlDomain, create_api, max_backend_timeout_ms, update_api,
};
use apig_core::code::ErrorCode;
use apig_core::features::set_feature;
use apig_core::values::Edition;
use apis_common::{NOW, add_api, add_group, gateway, id, mock_api, param, refused};

fn http(uri: &str, timeout_ms: u32) -> Backend {
    Backend::Http(HttpBackend {
        req_protocol: BackendProtocol::Http,
        req_method: Method::Any,
        req_uri: BackendUri::parse(uri).expect("valid"),
        url_domain: UrlDomain::parse("127.0.0.1:9000").expect("valid"),
        timeout_ms,
        retry_count: -1,
    })
}

fn backend_param(name: &str, location: ParamLocation, value: BackendValue) -> BackendParam {
    BackendParam {
        name: ParamName::parse(name).expect("valid"),
        location,
        value,
        remark: Remark::default(),
    }
}

#[test]
fn the_same_route_twice_is_apig_3301() {
    let mut gw = gateway();
    let g = add_group(&mut gw, 1, "shop");
    add_api(&mut gw, 1, mock_api(&g, "get_user", "/users/{id}"));
    let before = gw.apis.clone();
    let e = refused(
        create_api(
            &mut gw,
            mock_api(&g, "get_user2", "/users/{uid}"),
            id("api", 2),
            NOW,
        ),
        ErrorCode::ApiExists,
        "req_uri",
    );
    assert!(e.message.contains("get_user"), "{}", e.message);
    assert_eq!(gw.apis, before, "a refusal changes nothing");
    // Another method, match mode or group is another API.
    let mut post = mock_api(&g, "post_user", "/users/{id}");
    post.req_method = Method::Post;
    add_api(&mut gw, 3, post);
    let mut prefix = mock_api(&g, "prefix_user", "/users/{id}");
    prefix.match_mode = MatchMode::Swa;
    add_api(&mut gw, 4, prefix);
    let g2 = add_group(&mut gw, 2, "shop2");
    add_api(&mut gw, 5, mock_api(&g2, "get_user", "/users/{id}"));
    // ANY is a method of its own.
    let mut any = mock_api(&g, "any_user", "/users/{id}");
    any.req_method = Method::Any;
    add_api(&mut gw, 6, any);
    // Same name in the group.
    refused(
        create_api(
            &mut gw,
            mock_api(&g, "get_user", "/other"),
            id("api", 7),
            NOW,
        ),
        ErrorCode::ApiNameExists,
        "name",
    );
    // An update may keep its own route and name.
    let mut same = mock_api(&g, "get_user", "/users/{id}");
    same.cors = true;
    let api = update_api(&mut gw, id("api", 1).as_str(), same, NOW + 1).expect("own route");
    assert!(api.definition.cors);
    assert_eq!(api.update_time_ms, NOW + 1);
}

#[test]
fn path_parameters_must_be_declared() {
    let mut gw = gateway();
    let g = add_group(&mut gw, 1, "shop");
    let mut d = mock_api(&g, "files", "/files/{dir}/{rest+}");
    d.req_params.pop();
    let e = refused(
        create_api(&mut gw, d.clone(), id("api", 1), NOW),
        ErrorCode::PathParameterUndefined,
        "req_uri",
    );
    assert!(e.message.contains("{rest}"), "{}", e.message);
    d.req_params.push(param("rest", ParamLocation::Path, false));
    refused(
        create_api(&mut gw, d.clone(), id("api", 1), NOW),
        ErrorCode::ApigInvalidParameter,
        "req_params[1].required",
    );
    d.req_params[1].required = true;
    d.req_params.push(param("ghost", ParamLocation::Path, true));
    refused(
        create_api(&mut gw, d.clone(), id("api", 1), NOW),
        ErrorCode::ApigInvalidParameter,
        "req_params[2].name",
    );
    d.req_params[2].location = ParamLocation::Query;
    d.req_params
        .push(param("ghost", ParamLocation::Query, false));
    refused(
        create_api(&mut gw, d.clone(), id("api", 1), NOW),
        ErrorCode::ApigInvalidParameter,
        "req_params[3].name",
    );
    d.req_params.pop();
    assert!(create_api(&mut gw, d, id("api", 1), NOW).is_ok());
}

#[test]
fn parameters_are_counted_up_to_fifty() {
    let mut gw = gateway();
    let g = add_group(&mut gw, 1, "shop");
    let mut d = mock_api(&g, "many", "/many");
    d.req_params = (0..50)
        .map(|i| param(&format!("q{i}"), ParamLocation::Query, false))
        .collect();
    add_api(&mut gw, 1, d.clone());
    d.name = apig_core::apis::ApiName::parse("many2").expect("valid");
    d.req_uri = apig_core::apis::ReqUri::parse("/many2").expect("valid");
    d.req_params.push(param("q50", ParamLocation::Query, false));
    let e = refused(
        create_api(&mut gw, d.clone(), id("api", 2), NOW),
        ErrorCode::ParameterQuota,
        "req_params",
    );
    assert!(e.message.contains("at most 50"), "{}", e.message);
    assert_eq!(e.http_status(), 403);
    d.req_params.truncate(50);
    d.backend_params = (0..51)
        .map(|i| {
            backend_param(
                &format!("b{i}"),
                ParamLocation::Header,
                BackendValue::Constant("x".into()),
            )
        })
        .collect();
    refused(
        create_api(&mut gw, d.clone(), id("api", 2), NOW),
        ErrorCode::ParameterQuota,
        "backend_params",
    );
    d.backend_params.clear();
    d.docs.tags = (0..11).map(|i| format!("t{i}")).collect();
    refused(
        create_api(&mut gw, d.clone(), id("api", 2), NOW),
        ErrorCode::ApiTagQuota,
        "tags",
    );
    d.docs.tags.pop();
    assert!(create_api(&mut gw, d, id("api", 2), NOW).is_ok());
}

#[test]
fn http_backends_follow_the_gateway_timeout_and_their_parameters() {
    let mut gw = gateway();
    let g = add_group(&mut gw, 1, "shop");
    assert_eq!(max_backend_timeout_ms(&gw), 60_000);
    let mut d = mock_api(&g, "proxy", "/proxy/{id}");
    d.backend = http("/v1/items/{item}", 60_000);
    let e = refused(
        create_api(&mut gw, d.clone(), id("api", 1), NOW),
        ErrorCode::BackendPathParameterUndefined,
        "backend_api.req_uri",
    );
    assert!(e.message.contains("{item}"), "{}", e.message);
    d.backend_params.push(backend_param(
        "item",
        ParamLocation::Path,
        BackendValue::Request(ParamName::parse("nope").expect("valid")),
    ));
    refused(
        create_api(&mut gw, d.clone(), id("api", 1), NOW),
        ErrorCode::MappedParameterUndefined,
        "backend_params[0].value",
    );
    d.backend_params[0].value = BackendValue::Request(ParamName::parse("id").expect("valid"));
    d.backend_params.push(backend_param(
        "X-Source",
        ParamLocation::Header,
        BackendValue::System(ContextVar::SourceIp),
    ));
    d.backend = http("/v1/items/{item}", 60_001);
    let e = refused(
        create_api(&mut gw, d.clone(), id("api", 1), NOW),
        ErrorCode::ApigInvalidParameter,
        "backend_api.timeout",
    );
    assert!(
        e.message.contains("between 1 and 60000, got 60001"),
        "{}",
        e.message
    );
    d.backend = http("/v1/items/{item}", 0);
    refused(
        create_api(&mut gw, d.clone(), id("api", 1), NOW),
        ErrorCode::ApigInvalidParameter,
        "backend_api.timeout",
    );
    // The gateway's feature raises the ceiling.
    set_feature(
        &mut gw,
        "backend_timeout",
        true,
        "{\"max_timeout\": 120000}",
        NOW,
    )
    .expect("set");
    assert_eq!(max_backend_timeout_ms(&gw), 120_000);
    d.backend = http("/v1/items/{item}", 120_000);
    if let Backend::Http(h) = &mut d.backend {
        h.retry_count = 11;
    }
    refused(
        create_api(&mut gw, d.clone(), id("api", 1), NOW),
        ErrorCode::ApigInvalidParameter,
        "backend_api.retry_count",
    );
    if let Backend::Http(h) = &mut d.backend {
        h.retry_count = 10;
    }
    let api = create_api(&mut gw, d, id("api", 1), NOW).expect("valid");
    assert_eq!(api.definition.backend.kind().as_str(), "HTTP");
}

#[test]
fn mock_status_and_simple_authentication() {
    let mut gw = gateway();
    let g = add_group(&mut gw, 1, "shop");
    let mut d = mock_api(&g, "mocked", "/mocked");
    for (status, ok) in [(199, false), (200, true), (599, true), (600, false)] {
        d.backend = Backend::Mock(MockBackend {
            result_content: String::new(),
            status_code: status,
        });
        let mut copy = gw.clone();
        let result = create_api(&mut copy, d.clone(), id("api", 1), NOW).map(|a| a.id.clone());
        assert_eq!(result.is_ok(), ok, "{status}");
        if !ok {
            refused(
                result,
                ErrorCode::ApigInvalidParameter,
                "mock_info.status_code",
            );
        }
    }
    d.backend = Backend::Mock(MockBackend {
        result_content: "{}".into(),
        status_code: 201,
    });
    d.app_code_header = true;
    refused(
        create_api(&mut gw, d.clone(), id("api", 1), NOW),
        ErrorCode::ApigInvalidParameter,
        "auth_opt.app_code_auth_type",
    );
    d.auth_type = AuthType::App;
    assert!(create_api(&mut gw, d, id("api", 1), NOW).is_ok());
}

#[test]
fn unknown_groups_and_apis_are_404() {
    let mut gw = gateway();
    let ghost = ResourceId::parse("ghost").expect("valid");
    let e = refused(
        create_api(&mut gw, mock_api(&ghost, "x_api", "/x"), id("api", 1), NOW),
        ErrorCode::GroupDoesNotExist,
        "group_id",
    );
    assert_eq!(e.http_status(), 404);
    assert!(e.message.contains("ghost"), "{}", e.message);
    let g = add_group(&mut gw, 1, "shop");
    refused(
        update_api(&mut gw, "nope", mock_api(&g, "x_api", "/x"), NOW),
        ErrorCode::ApiDoesNotExist,
        "api_id",
    );
    refused(
        apig_core::apis::delete_api(&mut gw, "nope"),
        ErrorCode::ApiDoesNotExist,
        "api_id",
    );
}

fn numbered(g: &ResourceId, i: usize) -> ApiDefinition {
    mock_api(g, &format!("api_{i}"), &format!("/r{i}"))
}

#[test]
fn api_quotas_follow_the_edition_and_the_group() {
    assert_eq!(Quotas::for_edition(Edition::Basic).apis, 250);
    assert_eq!(Quotas::for_edition(Edition::ProfessionalIpv6).apis, 800);
    assert_eq!(Quotas::for_edition(Edition::Enterprise).apis, 2000);
    assert_eq!(Quotas::for_edition(Edition::PlatinumX8).apis, 8000);
    let mut gw = gateway();
    assert_eq!(gw.edition, Edition::Basic);
    let g = add_group(&mut gw, 1, "shop");
    for i in 0..250 {
        add_api(&mut gw, i as u64, numbered(&g, i));
    }
    let e = refused(
        create_api(&mut gw, numbered(&g, 250), id("api", 250), NOW),
        ErrorCode::ApiQuota,
        "group_id",
    );
    assert!(e.message.contains("at most 250"), "{}", e.message);
    // Per group: 1000 on a larger edition.
    let mut big = gateway();
    big.edition = Edition::Enterprise;
    let g = add_group(&mut big, 1, "shop");
    let g2 = add_group(&mut big, 2, "other");
    for i in 0..1000 {
        add_api(&mut big, i as u64, numbered(&g, i));
    }
    refused(
        create_api(&mut big, numbered(&g, 1000), id("api", 1000), NOW),
        ErrorCode::ApisPerGroupQuota,
        "group_id",
    );
    let moved = add_api(&mut big, 1001, numbered(&g2, 1001));
    refused(
        update_api(&mut big, moved.as_str(), numbered(&g, 1001), NOW),
        ErrorCode::ApisPerGroupQuota,
        "group_id",
    );
    // Updating an API in its full group is not a new one.
    assert!(update_api(&mut big, id("api", 0).as_str(), numbered(&g, 0), NOW).is_ok());
}
