//! The APIs `cargo xtask bench dataplane` calls (see [`super::dataplane`]): a Platinum X8
//! gateway bought through the API, then its catalogue made with the core's operations (as the
//! management routes make it) and stored through `PUT /_mock/{project}/gateways`.

use std::time::{SystemTime, UNIX_EPOCH};

use apig_core::account::ids;
use apig_core::apis::{
    self, ApiDefinition, AuthType, Backend, GroupInput, MatchMode, Method, MockBackend, PublishIds,
    Remark, ReqProtocol, ReqUri, ResourceId, Visibility,
};
use apig_core::features::set_feature;
use apig_core::gateway::Gateway;
use serde_json::json;

use super::api::Mock;
use super::dataplane::AppKeys;
use crate::loadgen::Connection;

const APP_KEY: &str = "bench-dataplane-key";
const APP_SECRET: &str = "bench-dataplane-secret";

fn id(n: u64) -> ResourceId {
    ResourceId::parse(&format!("{:032x}", 0xbe_0000_u64 + n)).expect("a valid ID")
}

fn definition(
    group: &ResourceId,
    name: &str,
    uri: &str,
    auth: AuthType,
) -> Result<ApiDefinition, String> {
    Ok(ApiDefinition {
        group_id: group.clone(),
        name: apis::ApiName::parse(name).map_err(|e| e.to_string())?,
        visibility: Visibility::Public,
        req_protocol: ReqProtocol::Http,
        req_method: Method::Get,
        req_uri: ReqUri::parse(uri).map_err(|e| e.to_string())?,
        match_mode: MatchMode::Normal,
        auth_type: auth,
        app_code_header: false,
        cors: false,
        remark: Remark::default(),
        req_params: Vec::new(),
        backend: Backend::Mock(MockBackend {
            result_content: uri.trim_start_matches('/').to_owned(),
            status_code: 200,
        }),
        backend_params: Vec::new(),
        docs: apig_core::apis::ApiDocs::default(),
    })
}

/// The catalogue: a group bound to `domain`, `GET /none` (NONE) and `GET /app` (APP) MOCK APIs
/// published in RELEASE, an app authorized for `/app`, the per-API limit at 1,000,000/s.
fn catalogue(gateway: &mut Gateway, domain: &str, now: u64) -> Result<(), String> {
    let text = |e: apis::Refusal| e.message;
    let group = id(1);
    let input = GroupInput {
        name: apis::GroupName::parse("bench_group").map_err(|e| e.to_string())?,
        remark: apis::GroupRemark::default(),
    };
    apis::create_group(gateway, input, group.clone(), now).map_err(text)?;
    let name = apis::DomainName::parse(domain).map_err(|e| e.to_string())?;
    apis::bind_domain(gateway, group.as_str(), name, id(2), now).map_err(text)?;
    let app_input = apis::AppInput {
        name: apis::AppName::parse("bench_app").map_err(|e| e.to_string())?,
        remark: Remark::default(),
    };
    let credentials = apis::AppCredentials {
        app_key: apis::AppKey::parse(APP_KEY).map_err(|e| e.to_string())?,
        app_secret: apis::AppSecret::parse(APP_SECRET).map_err(|e| e.to_string())?,
    };
    apis::create_app(gateway, app_input, credentials, id(3), now).map_err(text)?;
    for (n, (name, uri, auth)) in [
        ("none_api", "/none", AuthType::None),
        ("app_api", "/app", AuthType::App),
    ]
    .into_iter()
    .enumerate()
    {
        let n = 10 * (n as u64 + 1);
        let api = id(n);
        apis::create_api(
            gateway,
            definition(&group, name, uri, auth)?,
            api.clone(),
            now,
        )
        .map_err(text)?;
        let publish_ids = PublishIds {
            publish_id: id(n + 1),
            version_id: id(n + 2),
        };
        apis::publish(
            gateway,
            api.as_str(),
            apis::DEFAULT_ENVIRONMENT_RELEASE_ID,
            Remark::default(),
            publish_ids,
            now,
        )
        .map_err(text)?;
        if auth == AuthType::App {
            apis::authorize_apps(
                gateway,
                apis::DEFAULT_ENVIRONMENT_RELEASE_ID,
                &[id(3)],
                &[api],
                &mut || id(n + 3),
                now,
            )
            .map_err(text)?;
        }
    }
    set_feature(gateway, "ratelimit", true, "{\"api_limits\": 1000000}", now)
        .map_err(|p| p.message)?;
    Ok(())
}

/// Buys the gateway, stores its catalogue and answers the app's key and secret.
pub fn prepare(mock: &Mock, domain: &str) -> Result<AppKeys, String> {
    let credential = mock.credentials()[0].clone();
    let mut connection = Connection::new(mock.address());
    let body = json!({
        "instance_name": "bench-dataplane",
        "spec_id": "PLATINUM_X8",
        "vpc_id": ids::CN4_VPC_MAIN,
        "subnet_id": ids::CN4_SUBNET_ROOMY,
        "security_group_id": ids::CN4_SG_WEB,
        "available_zone_ids": ["cn-north-4a"],
    })
    .to_string();
    let instances = format!("/v2/{}/apigw/instances", credential.project);
    let created = mock.call(
        &mut connection,
        &credential,
        "POST",
        &instances,
        body.as_bytes(),
    )?;
    if created.status != 202 {
        return Err(format!(
            "buying the gateway: HTTP {} {}",
            created.status,
            created.text()
        ));
    }
    let records = format!("/_mock/{}/gateways", credential.project);
    let listed = mock.call(&mut connection, &credential, "GET", &records, &[])?;
    let mut gateways: Vec<Gateway> =
        serde_json::from_slice(&listed.body).map_err(|e| format!("reading the gateway: {e}"))?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_millis();
    let now = u64::try_from(now).map_err(|e| e.to_string())?;
    let gateway = gateways.first_mut().ok_or("no gateway was stored")?;
    catalogue(gateway, domain, now)?;
    let body = json!({ "gateways": gateways }).to_string();
    let stored = mock.call(
        &mut connection,
        &credential,
        "PUT",
        &records,
        body.as_bytes(),
    )?;
    if stored.status != 200 {
        return Err(format!(
            "storing the catalogue: HTTP {} {}",
            stored.status,
            stored.text()
        ));
    }
    Ok(AppKeys {
        key: APP_KEY.into(),
        secret: APP_SECRET.into(),
    })
}
