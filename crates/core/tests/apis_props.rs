//! Property test: any sequence of management operations keeps the catalogue whole — a refusal
//! changes nothing; publications and authorizations point at what exists; at most one version
//! of an API is in effect per environment, at most 10 kept; two APIs in effect in one
//! environment never share a route.

mod apis_common;

use apig_core::Gateway;
use apig_core::apis::{
    AppCredentials, AppInput, AppKey, AppName, AppSecret, Catalogue,
    DEFAULT_ENVIRONMENT_RELEASE_ID, EnvInput, EnvName, GroupInput, GroupName, GroupRemark, Method,
    PublishIds, Refusal, Remark, ResourceId, Segment, VERSIONS_KEPT,
};
use apis_common::{NOW, gateway, id, mock_api};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    CreateGroup(u8),
    DeleteGroup(u8),
    CreateApi {
        api: u8,
        group: u8,
        path: u8,
        any: bool,
    },
    UpdateApi {
        api: u8,
        path: u8,
    },
    DeleteApi(u8),
    CreateEnv(u8),
    DeleteEnv(u8),
    Publish {
        api: u8,
        env: u8,
    },
    Offline {
        api: u8,
        env: u8,
    },
    ChangeVersion {
        api: u8,
        version: u8,
    },
    CreateApp(u8),
    DeleteApp(u8),
    Authorize {
        app: u8,
        api: u8,
        env: u8,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let small = || 0u8..4;
    prop_oneof![
        1 => small().prop_map(Op::CreateGroup),
        1 => small().prop_map(Op::DeleteGroup),
        1 => (small(), small(), small(), any::<bool>()).prop_map(|(api, group, path, any)| {
            Op::CreateApi {
                api,
                group,
                path,
                any,
            }
        }),
        1 => (small(), small()).prop_map(|(api, path)| Op::UpdateApi { api, path }),
        1 => small().prop_map(Op::DeleteApi),
        1 => small().prop_map(Op::CreateEnv),
        1 => small().prop_map(Op::DeleteEnv),
        3 => (small(), 0u8..2).prop_map(|(api, env)| Op::Publish { api, env }),
        1 => (small(), small()).prop_map(|(api, env)| Op::Offline { api, env }),
        1 => (small(), 0u8..40).prop_map(|(api, version)| Op::ChangeVersion { api, version }),
        1 => small().prop_map(Op::CreateApp),
        1 => small().prop_map(Op::DeleteApp),
        3 => (0u8..2, small(), 0u8..2).prop_map(|(app, api, env)| Op::Authorize { app, api, env }),
    ]
}

/// Where every sequence starts: two groups, an API in each, an environment besides RELEASE,
/// two apps — so the random operations meet existing objects often.
fn setup() -> Vec<Op> {
    vec![
        Op::CreateGroup(0),
        Op::CreateGroup(1),
        Op::CreateApi {
            api: 0,
            group: 0,
            path: 0,
            any: false,
        },
        Op::CreateApi {
            api: 1,
            group: 1,
            path: 0,
            any: true,
        },
        Op::CreateEnv(1),
        Op::CreateApp(0),
        Op::CreateApp(1),
    ]
}

fn env_id(n: u8) -> ResourceId {
    if n == 0 {
        ResourceId::parse(DEFAULT_ENVIRONMENT_RELEASE_ID).expect("valid")
    } else {
        id("env", u64::from(n))
    }
}

fn new_app(gw: &mut Gateway, app: u8) -> Result<(), Refusal> {
    apig_core::apis::create_app(
        gw,
        AppInput {
            name: AppName::parse(&format!("app_{app}")).expect("valid"),
            remark: Remark::default(),
        },
        AppCredentials {
            app_key: AppKey::parse(&format!("key-{app}-0000")).expect("valid"),
            app_secret: AppSecret::parse("secret-0000").expect("valid"),
        },
        id("app", u64::from(app)),
        NOW,
    )
    .map(drop)
}

/// Applies `op` (`nonce` makes fresh IDs), answering whether it was refused.
fn apply(gw: &mut Gateway, op: &Op, nonce: u64) -> Option<Refusal> {
    use apig_core::apis as a;
    let n = |x: &u8| u64::from(*x);
    let result: Result<(), Refusal> = match op {
        Op::CreateGroup(g) => a::create_group(
            gw,
            GroupInput {
                name: GroupName::parse(&format!("group_{g}")).expect("valid"),
                remark: GroupRemark::default(),
            },
            id("group", n(g)),
            NOW,
        )
        .map(drop),
        Op::DeleteGroup(g) => a::delete_group(gw, id("group", n(g)).as_str()).map(drop),
        Op::CreateApi {
            api,
            group,
            path,
            any,
        } => {
            let mut d = mock_api(
                &id("group", n(group)),
                &format!("api_{api}"),
                &format!("/p{path}/{{x}}"),
            );
            if *any {
                d.req_method = Method::Any;
            }
            a::create_api(gw, d, id("api", n(api)), NOW).map(drop)
        }
        Op::UpdateApi { api, path } => {
            let group = gw
                .apis
                .api(id("api", n(api)).as_str())
                .map(|x| x.definition.group_id.clone());
            let group = group.unwrap_or_else(|| id("group", 0));
            let d = mock_api(&group, &format!("api_{api}"), &format!("/p{path}/{{y}}"));
            a::update_api(gw, id("api", n(api)).as_str(), d, NOW).map(drop)
        }
        Op::DeleteApi(api) => a::delete_api(gw, id("api", n(api)).as_str()).map(drop),
        Op::CreateEnv(e) => a::create_environment(
            gw,
            EnvInput {
                name: EnvName::parse(&format!("env_{e}")).expect("valid"),
                remark: Remark::default(),
            },
            env_id(*e),
            NOW,
        )
        .map(drop),
        Op::DeleteEnv(e) => a::delete_environment(gw, env_id(*e).as_str()).map(drop),
        Op::Publish { api, env } => a::publish(
            gw,
            id("api", n(api)).as_str(),
            env_id(*env).as_str(),
            Remark::default(),
            PublishIds {
                publish_id: id("publish", nonce),
                version_id: id("version", nonce),
            },
            NOW + nonce,
        )
        .map(drop),
        Op::Offline { api, env } => {
            a::offline(gw, id("api", n(api)).as_str(), env_id(*env).as_str()).map(drop)
        }
        Op::ChangeVersion { api, version } => a::change_version(
            gw,
            id("api", n(api)).as_str(),
            id("version", n(version)).as_str(),
        )
        .map(drop),
        Op::CreateApp(app) => new_app(gw, *app),
        Op::DeleteApp(app) => a::delete_app(gw, id("app", n(app)).as_str()).map(drop),
        Op::Authorize { app, api, env } => {
            let mut k = 0;
            a::authorize_apps(
                gw,
                env_id(*env).as_str(),
                &[id("app", n(app))],
                &[id("api", n(api))],
                &mut || {
                    k += 1;
                    id("auth", nonce * 10 + k)
                },
                NOW,
            )
            .map(drop)
        }
    };
    result.err()
}

fn shape(segments: &[Segment]) -> Vec<String> {
    segments
        .iter()
        .map(|s| match s {
            Segment::Literal(t) => t.clone(),
            Segment::Param(_) => "{}".into(),
            Segment::Greedy(_) => "{+}".into(),
        })
        .collect()
}

fn check(c: &Catalogue) -> Result<(), TestCaseError> {
    for api in &c.apis {
        prop_assert!(c.group(api.definition.group_id.as_str()).is_some());
    }
    for p in &c.publications {
        prop_assert!(
            c.api(p.api_id.as_str()).is_some(),
            "publication of a deleted API"
        );
        prop_assert!(c.environment(p.env_id.as_str()).is_some());
        let same: Vec<_> = c
            .versions(p.api_id.as_str(), Some(p.env_id.as_str()))
            .collect();
        prop_assert!(same.len() <= VERSIONS_KEPT);
        prop_assert!(same.iter().filter(|v| v.effective).count() <= 1);
        prop_assert!(
            same.windows(2)
                .all(|w| w[0].publish_time_ms >= w[1].publish_time_ms)
        );
    }
    for a in &c.authorizations {
        prop_assert!(c.app(a.app_id.as_str()).is_some());
        prop_assert!(c.api(a.api_id.as_str()).is_some());
        prop_assert!(c.environment(a.env_id.as_str()).is_some());
    }
    for env in c.environments() {
        let live = c.published(env.id.as_str());
        for (i, x) in live.iter().enumerate() {
            for y in &live[..i] {
                let (dx, dy) = (x.definition(), y.definition());
                let clash = dx.group_id == dy.group_id
                    && dx.req_method == dy.req_method
                    && dx.match_mode == dy.match_mode
                    && shape(dx.req_uri.segments()) == shape(dy.req_uri.segments());
                prop_assert!(!clash, "two live APIs on one route in {}", env.name);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    #[test]
    fn any_sequence_keeps_the_catalogue_whole(ops in proptest::collection::vec(op(), 0..60)) {
        let mut gw = gateway();
        for (i, op) in setup().iter().chain(&ops).enumerate() {
            let before = gw.apis.clone();
            if let Some(refusal) = apply(&mut gw, op, i as u64 + 1) {
                prop_assert_eq!(&gw.apis, &before, "{:?} refused ({}) but changed the catalogue", op, refusal);
                prop_assert!(refusal.message.len() > 20);
            }
            check(&gw.apis)?;
        }
        let json = serde_json::to_string(&gw).expect("serialise");
        let back: Gateway = serde_json::from_str(&json).expect("reads back");
        prop_assert_eq!(back, gw);
    }
}
