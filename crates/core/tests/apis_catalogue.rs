//! Groups, environments, publishing, apps and authorizations through their operations, and
//! the views the data plane reads; the catalogue in the stored gateway JSON.

mod apis_common;

use apig_core::Gateway;
use apig_core::apis::{
    AppInput, AppName, AppSecret, DEFAULT_ENVIRONMENT_RELEASE_ID, DomainName, EnvInput, EnvName,
    GroupInput, GroupName, GroupRemark, RELEASE, Remark, ResourceId, VERSIONS_KEPT, authorize_apps,
    bind_domain, cancel_authorization, change_version, create_environment, create_group,
    delete_api, delete_app, delete_environment, delete_group, offline, publish, reset_app_secret,
    set_debug_domain_access, unbind_domain, update_api, update_app, update_environment,
    update_group,
};
use apig_core::code::ErrorCode;
use apis_common::{
    NOW, add_api, add_app, add_env, add_group, gateway, id, mock_api, publish_ids, refused,
};

const REL: &str = DEFAULT_ENVIRONMENT_RELEASE_ID;

fn group_input(name: &str) -> GroupInput {
    GroupInput {
        name: GroupName::parse(name).expect("valid"),
        remark: GroupRemark::default(),
    }
}

fn env_input(name: &str) -> EnvInput {
    EnvInput {
        name: EnvName::parse(name).expect("valid"),
        remark: Remark::default(),
    }
}

#[test]
fn groups_get_a_debug_domain_and_bound_domains() {
    let mut gw = gateway();
    let g = add_group(&mut gw, 1, "shop");
    let group = gw.apis.group(g.as_str()).expect("stored");
    assert_eq!(
        group.sl_domain,
        format!("{g}.apic.cn-north-4.huaweicloudapis.com")
    );
    assert!(group.sl_domain_access_enabled);
    let host = group.sl_domain.to_uppercase();
    assert_eq!(
        gw.apis.group_by_debug_domain(&host).map(|g| &g.id),
        Some(&g)
    );
    refused(
        create_group(&mut gw, group_input("shop"), id("group", 2), NOW),
        ErrorCode::GroupNameExists,
        "name",
    );
    refused(
        create_group(&mut gw, group_input("other"), g.clone(), NOW),
        ErrorCode::ApigInvalidParameter,
        "id",
    );
    let off = set_debug_domain_access(&mut gw, g.as_str(), false, NOW + 5).expect("set");
    assert!(!off.sl_domain_access_enabled);
    assert_eq!(off.update_time_ms, NOW + 5);
    for i in 0..5 {
        let d = DomainName::parse(&format!("api{i}.example.com")).expect("valid");
        bind_domain(&mut gw, g.as_str(), d, id("domain", i), NOW).expect("bound");
    }
    let sixth = DomainName::parse("api5.example.com").expect("valid");
    refused(
        bind_domain(&mut gw, g.as_str(), sixth, id("domain", 5), NOW),
        ErrorCode::DomainQuota,
        "url_domain",
    );
    assert_eq!(
        gw.apis.group_by_domain("API3.example.com").map(|g| &g.id),
        Some(&g)
    );
    let g2 = add_group(&mut gw, 2, "other");
    let taken = DomainName::parse("api0.example.com").expect("valid");
    let e = refused(
        bind_domain(&mut gw, g2.as_str(), taken, id("domain", 9), NOW),
        ErrorCode::ApigInvalidParameter,
        "url_domain",
    );
    assert!(
        e.message.contains("already bound to group shop"),
        "{}",
        e.message
    );
    let debug = DomainName::parse("x.apic.cn-north-4.huaweicloudapis.com").expect("valid");
    refused(
        bind_domain(&mut gw, g2.as_str(), debug, id("domain", 9), NOW),
        ErrorCode::ApigInvalidParameter,
        "url_domain",
    );
    let gone = unbind_domain(&mut gw, g.as_str(), id("domain", 0).as_str(), NOW).expect("unbound");
    assert_eq!(gone.url_domain.as_str(), "api0.example.com");
    assert!(gw.apis.group_by_domain("api0.example.com").is_none());
    refused(
        unbind_domain(&mut gw, g.as_str(), "nope", NOW),
        ErrorCode::DomainDoesNotExist,
        "domain_id",
    );
    let renamed = update_group(&mut gw, g.as_str(), group_input("shop-v2"), NOW).expect("ok");
    assert_eq!(renamed.name.as_str(), "shop-v2");
    refused(
        update_group(&mut gw, g2.as_str(), group_input("shop-v2"), NOW),
        ErrorCode::GroupNameExists,
        "name",
    );
    assert!(update_group(&mut gw, g.as_str(), group_input("shop-v2"), NOW).is_ok());
}

#[test]
fn a_group_with_apis_cannot_be_deleted() {
    let mut gw = gateway();
    let g = add_group(&mut gw, 1, "shop");
    let api = add_api(&mut gw, 1, mock_api(&g, "hello", "/hello"));
    let e = refused(
        delete_group(&mut gw, g.as_str()),
        ErrorCode::GroupHasApis,
        "group_id",
    );
    assert_eq!(e.http_status(), 403);
    assert!(e.message.starts_with(&format!(
        "The API group cannot be deleted because it contains APIs,id:{g}."
    )));
    delete_api(&mut gw, api.as_str()).expect("deleted");
    assert_eq!(delete_group(&mut gw, g.as_str()).expect("empty").id, g);
    refused(
        delete_group(&mut gw, g.as_str()),
        ErrorCode::GroupDoesNotExist,
        "group_id",
    );
    assert!(gw.apis.is_empty());
}

#[test]
fn group_quota_is_1500() {
    let mut gw = gateway();
    for i in 0..1500 {
        add_group(&mut gw, i, &format!("group_{i}"));
    }
    refused(
        create_group(&mut gw, group_input("one_more"), id("group", 1500), NOW),
        ErrorCode::GroupQuota,
        "name",
    );
}

#[test]
fn environments_besides_release() {
    let mut gw = gateway();
    let names: Vec<&str> = gw.apis.environments().map(|e| e.name.as_str()).collect();
    assert_eq!(names, [RELEASE]);
    assert_eq!(
        gw.apis
            .environment_by_name("RELEASE")
            .map(|e| e.id.as_str()),
        Some(REL)
    );
    refused(
        create_environment(&mut gw, env_input("RELEASE"), id("env", 0), NOW),
        ErrorCode::EnvironmentNameExists,
        "name",
    );
    for i in 0..10 {
        add_env(&mut gw, i, &format!("env_{i}"));
    }
    refused(
        create_environment(&mut gw, env_input("env_10"), id("env", 10), NOW),
        ErrorCode::EnvironmentQuota,
        "name",
    );
    assert_eq!(gw.apis.environments().count(), 11);
    let e1 = id("env", 1);
    let renamed = update_environment(&mut gw, e1.as_str(), env_input("staging")).expect("ok");
    assert_eq!(renamed.name.as_str(), "staging");
    assert!(gw.apis.environment_by_name("staging").is_some());
    refused(
        update_environment(&mut gw, REL, env_input("prod")),
        ErrorCode::ApigInvalidParameter,
        "env_id",
    );
    refused(
        delete_environment(&mut gw, REL),
        ErrorCode::ApigInvalidParameter,
        "env_id",
    );
    refused(
        delete_environment(&mut gw, "nope"),
        ErrorCode::EnvironmentDoesNotExist,
        "env_id",
    );
    refused(
        update_environment(&mut gw, id("env", 2).as_str(), env_input("staging")),
        ErrorCode::EnvironmentNameExists,
        "name",
    );
    // Published APIs keep an environment.
    let g = add_group(&mut gw, 1, "shop");
    let api = add_api(&mut gw, 1, mock_api(&g, "hello", "/hello"));
    publish(
        &mut gw,
        api.as_str(),
        e1.as_str(),
        Remark::default(),
        publish_ids(1),
        NOW,
    )
    .expect("published");
    refused(
        delete_environment(&mut gw, e1.as_str()),
        ErrorCode::EnvironmentHasPublishedApis,
        "env_id",
    );
    offline(&mut gw, api.as_str(), e1.as_str()).expect("offline");
    delete_environment(&mut gw, e1.as_str()).expect("deleted");
    assert_eq!(gw.apis.versions(api.as_str(), Some(e1.as_str())).count(), 0);
}

/// A gateway with group `shop`, API `hello` at GET /hello published in RELEASE, and app `app`.
fn published() -> (Gateway, ResourceId, ResourceId) {
    let mut gw = gateway();
    let g = add_group(&mut gw, 1, "shop");
    let api = add_api(&mut gw, 1, mock_api(&g, "hello", "/hello"));
    publish(
        &mut gw,
        api.as_str(),
        REL,
        Remark::default(),
        publish_ids(1),
        NOW,
    )
    .expect("ok");
    let app = add_app(&mut gw, 1, "app");
    (gw, api, app)
}

#[test]
fn publishing_keeps_ten_versions_newest_first() {
    let (mut gw, api, _) = published();
    let view = gw.apis.published(REL);
    assert_eq!(view.len(), 1);
    assert_eq!(view[0].api_id, &api);
    assert_eq!(view[0].group.name.as_str(), "shop");
    assert_eq!(view[0].environment.name.as_str(), RELEASE);
    // A change is not live until published again.
    let g = gw
        .apis
        .api(api.as_str())
        .expect("api")
        .definition
        .group_id
        .clone();
    update_api(&mut gw, api.as_str(), mock_api(&g, "hello", "/hello2"), NOW).expect("ok");
    assert_eq!(
        gw.apis.published(REL)[0].definition().req_uri.as_str(),
        "/hello"
    );
    for n in 2..=12 {
        publish(
            &mut gw,
            api.as_str(),
            REL,
            Remark::default(),
            publish_ids(n),
            NOW + n,
        )
        .expect("republished");
    }
    let versions: Vec<_> = gw.apis.versions(api.as_str(), Some(REL)).collect();
    assert_eq!(versions.len(), VERSIONS_KEPT);
    assert_eq!(versions[0].version_id, id("version", 12));
    assert_eq!(versions[9].version_id, id("version", 3));
    assert_eq!(versions.iter().filter(|p| p.effective).count(), 1);
    assert!(versions[0].effective);
    assert_eq!(
        gw.apis.published(REL)[0].definition().req_uri.as_str(),
        "/hello2"
    );
    // Back to an older version.
    let back = change_version(&mut gw, api.as_str(), id("version", 5).as_str()).expect("ok");
    assert!(back.effective);
    assert_eq!(
        gw.apis
            .publication(api.as_str(), REL)
            .map(|p| &p.version_id),
        Some(&id("version", 5))
    );
    refused(
        change_version(&mut gw, api.as_str(), id("version", 1).as_str()),
        ErrorCode::PublicationDoesNotExist,
        "version_id",
    );
    let was = offline(&mut gw, api.as_str(), REL).expect("offline");
    assert_eq!(was.version_id, id("version", 5));
    assert!(gw.apis.published(REL).is_empty());
    assert_eq!(gw.apis.versions(api.as_str(), None).count(), VERSIONS_KEPT);
    refused(
        offline(&mut gw, api.as_str(), REL),
        ErrorCode::PublicationDoesNotExist,
        "api_id",
    );
    refused(
        publish(
            &mut gw,
            "nope",
            REL,
            Remark::default(),
            publish_ids(99),
            NOW,
        ),
        ErrorCode::ApiDoesNotExist,
        "api_id",
    );
    refused(
        publish(
            &mut gw,
            api.as_str(),
            "nope",
            Remark::default(),
            publish_ids(99),
            NOW,
        ),
        ErrorCode::EnvironmentDoesNotExist,
        "env_id",
    );
}

#[test]
fn two_published_apis_never_share_a_route() {
    let (mut gw, api, _) = published();
    let g = gw
        .apis
        .api(api.as_str())
        .expect("api")
        .definition
        .group_id
        .clone();
    update_api(&mut gw, api.as_str(), mock_api(&g, "hello", "/moved"), NOW).expect("ok");
    let other = add_api(&mut gw, 2, mock_api(&g, "hello2", "/hello"));
    let e = refused(
        publish(
            &mut gw,
            other.as_str(),
            REL,
            Remark::default(),
            publish_ids(2),
            NOW,
        ),
        ErrorCode::ApiExists,
        "api_id",
    );
    assert!(e.message.contains("hello is published"), "{}", e.message);
    publish(
        &mut gw,
        api.as_str(),
        REL,
        Remark::default(),
        publish_ids(3),
        NOW,
    )
    .expect("ok");
    publish(
        &mut gw,
        other.as_str(),
        REL,
        Remark::default(),
        publish_ids(4),
        NOW,
    )
    .expect("free");
    assert_eq!(gw.apis.published(REL).len(), 2);
    let runs: Vec<&str> = gw
        .apis
        .published_in(other.as_str())
        .map(|(e, _)| e.name.as_str())
        .collect();
    assert_eq!(runs, [RELEASE]);
}

#[test]
fn apps_keys_and_secrets() {
    let (mut gw, _, app) = published();
    let found = gw.apis.app_by_key("key00000001").expect("by key");
    assert_eq!(found.id, app);
    refused(
        apig_core::apis::create_app(
            &mut gw,
            AppInput {
                name: AppName::parse("app").expect("valid"),
                remark: Remark::default(),
            },
            apig_core::apis::AppCredentials {
                app_key: apig_core::apis::AppKey::parse("other-key").expect("valid"),
                app_secret: AppSecret::parse("secret-2").expect("valid"),
            },
            id("app", 2),
            NOW,
        ),
        ErrorCode::AppNameExists,
        "name",
    );
    refused(
        apig_core::apis::create_app(
            &mut gw,
            AppInput {
                name: AppName::parse("app2").expect("valid"),
                remark: Remark::default(),
            },
            apig_core::apis::AppCredentials {
                app_key: apig_core::apis::AppKey::parse("key00000001").expect("valid"),
                app_secret: AppSecret::parse("secret-2").expect("valid"),
            },
            id("app", 2),
            NOW,
        ),
        ErrorCode::AppKeyExists,
        "app_key",
    );
    let new_secret = AppSecret::parse("fresh-secret").expect("valid");
    let reset = reset_app_secret(&mut gw, app.as_str(), new_secret, NOW + 9).expect("reset");
    assert_eq!(reset.app_secret.as_str(), "fresh-secret");
    assert_eq!(reset.update_time_ms, NOW + 9);
    let input = AppInput {
        name: AppName::parse("renamed").expect("valid"),
        remark: Remark::parse("for tests").expect("valid"),
    };
    assert_eq!(
        update_app(&mut gw, app.as_str(), input, NOW)
            .expect("ok")
            .name
            .as_str(),
        "renamed"
    );
    for i in 2..=50 {
        add_app(&mut gw, i, &format!("app_{i}"));
    }
    let e = refused(
        apig_core::apis::create_app(
            &mut gw,
            AppInput {
                name: AppName::parse("app_51").expect("valid"),
                remark: Remark::default(),
            },
            apig_core::apis::AppCredentials {
                app_key: apig_core::apis::AppKey::parse("key-51-x").expect("valid"),
                app_secret: AppSecret::parse("secret-51").expect("valid"),
            },
            id("app", 51),
            NOW,
        ),
        ErrorCode::AppQuota,
        "name",
    );
    assert_eq!(e.http_status(), 403);
}

#[test]
fn authorizations_per_pair() {
    let (mut gw, api, app) = published();
    let g = gw
        .apis
        .api(api.as_str())
        .expect("api")
        .definition
        .group_id
        .clone();
    let unpublished = add_api(&mut gw, 2, mock_api(&g, "draft", "/draft"));
    let mut n = 0;
    let mut next = || {
        n += 1;
        id("auth", n)
    };
    let outcomes = authorize_apps(
        &mut gw,
        REL,
        std::slice::from_ref(&app),
        &[api.clone(), unpublished.clone()],
        &mut next,
        NOW,
    )
    .expect("answered per pair");
    assert_eq!(outcomes.len(), 2);
    let made = outcomes[0].result.as_ref().expect("published API");
    assert_eq!((&made.api_id, &made.app_id), (&api, &app));
    let e = outcomes[1].result.as_ref().expect_err("not published");
    assert_eq!(e.code, ErrorCode::PublicationDoesNotExist);
    assert!(gw.apis.is_authorized(app.as_str(), api.as_str(), REL));
    assert!(
        !gw.apis
            .is_authorized(app.as_str(), unpublished.as_str(), REL)
    );
    let again = authorize_apps(
        &mut gw,
        REL,
        std::slice::from_ref(&app),
        std::slice::from_ref(&api),
        &mut next,
        NOW,
    )
    .expect("answered");
    assert_eq!(
        again[0].result.as_ref().expect_err("twice").code,
        ErrorCode::AuthorizationExists
    );
    for (env, apps, apis, code, parameter) in [
        (
            "nope",
            vec![app.clone()],
            vec![api.clone()],
            ErrorCode::EnvironmentDoesNotExist,
            "env_id",
        ),
        (
            REL,
            vec![],
            vec![api.clone()],
            ErrorCode::ApigInvalidParameter,
            "app_ids",
        ),
        (
            REL,
            vec![app.clone(), app.clone()],
            vec![api.clone()],
            ErrorCode::ApigInvalidParameter,
            "app_ids[1]",
        ),
        (
            REL,
            vec![id("app", 77)],
            vec![api.clone()],
            ErrorCode::AppDoesNotExist,
            "app_ids[0]",
        ),
        (
            REL,
            vec![app.clone()],
            vec![id("api", 77)],
            ErrorCode::ApiDoesNotExist,
            "api_ids[0]",
        ),
    ] {
        refused(
            authorize_apps(&mut gw, env, &apps, &apis, &mut next, NOW),
            code,
            parameter,
        );
    }
    let auth_id = gw.apis.authorizations[0].id.clone();
    cancel_authorization(&mut gw, auth_id.as_str()).expect("cancelled");
    assert!(!gw.apis.is_authorized(app.as_str(), api.as_str(), REL));
    refused(
        cancel_authorization(&mut gw, auth_id.as_str()),
        ErrorCode::AuthorizationDoesNotExist,
        "app_auth_id",
    );
}

#[test]
fn deleting_takes_what_depends_on_it() {
    let (mut gw, api, app) = published();
    let mut n = 0;
    let mut next = || {
        n += 1;
        id("auth", n)
    };
    authorize_apps(
        &mut gw,
        REL,
        std::slice::from_ref(&app),
        std::slice::from_ref(&api),
        &mut next,
        NOW,
    )
    .expect("ok");
    delete_app(&mut gw, app.as_str()).expect("deleted");
    assert!(gw.apis.authorizations.is_empty());
    refused(
        delete_app(&mut gw, app.as_str()),
        ErrorCode::AppDoesNotExist,
        "app_id",
    );
    let app = add_app(&mut gw, 2, "app2");
    authorize_apps(
        &mut gw,
        REL,
        std::slice::from_ref(&app),
        std::slice::from_ref(&api),
        &mut next,
        NOW,
    )
    .expect("ok");
    delete_api(&mut gw, api.as_str()).expect("deleted");
    assert!(gw.apis.authorizations.is_empty());
    assert!(gw.apis.publications.is_empty());
    assert!(gw.apis.published(REL).is_empty());
}

#[test]
fn the_catalogue_is_stored_in_the_gateway_json() {
    let plain = gateway();
    let json = serde_json::to_value(&plain).expect("serialise");
    assert!(json.get("apis").is_none(), "an empty catalogue is left out");
    let back: Gateway = serde_json::from_value(json).expect("older records read");
    assert!(back.apis.is_empty());
    let (gw, _, _) = published();
    let json = serde_json::to_string(&gw).expect("serialise");
    let back: Gateway = serde_json::from_str(&json).expect("reads");
    assert_eq!(back, gw);
    let mut value = serde_json::to_value(&gw).expect("serialise");
    value["apis"]["groups"][0]["name"] = "x".into();
    let err = serde_json::from_value::<Gateway>(value).expect_err("invalid name refused");
    assert!(err.to_string().contains("3–255"), "{err}");
}
