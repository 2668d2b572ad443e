//! Gateway features (`…/features`, `…/instance-features`, `supported_features`): the
//! catalogue of features a sandbox gateway supports with their documented defaults and the
//! rules of their configuration (docs/reference.md, Features).
//!
//! A gateway stores only the features set away from their defaults ([`FeatureSetting`]); every
//! reader merges them with the catalogue through [`feature_states`].

use serde::{Deserialize, Serialize};

use crate::gateway::Gateway;
use crate::lifecycle::{Operation, check_transition};
use crate::validate::{Field, Problem};

/// What a feature's `config` holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigKind {
    /// The feature cannot be configured.
    Fixed,
    /// `on` or `off`.
    Switch,
    /// A JSON object of whole numbers, each `(key, min, max)`; keys left out keep their value.
    Numbers(&'static [(&'static str, u64, u64)]),
    /// A whole number of bytes from `min` to `max`, written as a string.
    Bytes {
        /// Smallest value.
        min: u64,
        /// Largest value.
        max: u64,
    },
    /// A JSON object of the named string fields (log group and stream).
    Strings(&'static [&'static str]),
    /// `app_token`: `enable` on / off and the two lifetimes in seconds.
    AppToken,
}

/// One feature of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureSpec {
    /// The feature's name, e.g. `ratelimit`.
    pub name: &'static str,
    /// What it does, for the console.
    pub description: &'static str,
    /// Whether a new gateway has it on.
    pub default_enabled: bool,
    /// The configuration of a new gateway.
    pub default_config: &'static str,
    /// What `config` may hold.
    pub kind: ConfigKind,
}

const MIB: u64 = 1024 * 1024;

/// The features of a sandbox gateway, in the order the API lists them.
pub static CATALOGUE: [FeatureSpec; 14] = [
    FeatureSpec {
        name: "lts",
        description: "Report the gateway's access logs to a log stream",
        default_enabled: false,
        default_config: "",
        kind: ConfigKind::Strings(&["group_id", "topic_id", "log_group", "log_stream"]),
    },
    FeatureSpec {
        name: "gateway_responses",
        description: "Custom gateway responses",
        default_enabled: true,
        default_config: "",
        kind: ConfigKind::Fixed,
    },
    FeatureSpec {
        name: "ratelimit",
        description: "Default request throttling of every API (calls per second)",
        default_enabled: true,
        default_config: "{\"api_limits\": 200}",
        kind: ConfigKind::Numbers(&[("api_limits", 1, 1_000_000)]),
    },
    FeatureSpec {
        name: "request_body_size",
        description: "Largest request body, in bytes (12 MiB by default)",
        default_enabled: true,
        default_config: "12582912",
        kind: ConfigKind::Bytes {
            min: MIB,
            max: 9536 * MIB,
        },
    },
    FeatureSpec {
        name: "backend_timeout",
        description: "Largest backend timeout, in milliseconds",
        default_enabled: true,
        default_config: "{\"max_timeout\": 60000}",
        kind: ConfigKind::Numbers(&[("max_timeout", 1, 600_000)]),
    },
    FeatureSpec {
        name: "app_token",
        description: "App authentication with an access token",
        default_enabled: false,
        default_config: "{\"enable\": \"off\", \"app_token_expire_time\": 3600, \"app_token_uri\": \"/v1/apigw/oauth2/token\", \"refresh_token_expire_time\": 7200}",
        kind: ConfigKind::AppToken,
    },
    FeatureSpec {
        name: "app_basic",
        description: "App authentication with Basic credentials",
        default_enabled: false,
        default_config: "off",
        kind: ConfigKind::Switch,
    },
    FeatureSpec {
        name: "app_secret",
        description: "App authentication with an app key and secret in headers",
        default_enabled: false,
        default_config: "off",
        kind: ConfigKind::Switch,
    },
    FeatureSpec {
        name: "multi_auth",
        description: "Two authentication modes on one API",
        default_enabled: false,
        default_config: "off",
        kind: ConfigKind::Switch,
    },
    FeatureSpec {
        name: "sign_basic",
        description: "Basic-auth signature keys",
        default_enabled: false,
        default_config: "off",
        kind: ConfigKind::Switch,
    },
    FeatureSpec {
        name: "app_route",
        description: "Calling APIs by IP address",
        default_enabled: false,
        default_config: "off",
        kind: ConfigKind::Switch,
    },
    FeatureSpec {
        name: "cors",
        description: "The CORS plug-in",
        default_enabled: false,
        default_config: "off",
        kind: ConfigKind::Switch,
    },
    FeatureSpec {
        name: "app_quota",
        description: "Client quotas",
        default_enabled: false,
        default_config: "off",
        kind: ConfigKind::Switch,
    },
    FeatureSpec {
        name: "app_acl",
        description: "Client access control",
        default_enabled: false,
        default_config: "off",
        kind: ConfigKind::Switch,
    },
];

/// The instance capabilities `GET …/instance-features` lists (they depend on the gateway's
/// version; every sandbox gateway has them all).
pub const INSTANCE_CAPABILITIES: [&str; 5] = [
    "resize_huge_flavor",
    "health_check_in_instance_etcd",
    "shubao_support_add_node",
    "upgrade_uninterrupted",
    "sm_cipher_type",
];

/// A feature set away from its default, as stored with the gateway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureSetting {
    /// The feature's name.
    pub name: String,
    /// Whether it is on.
    pub enabled: bool,
    /// Its configuration.
    pub config: String,
    /// When it was set, epoch ms.
    pub updated_at_ms: u64,
}

/// A feature of a gateway as the API shows it: the stored setting or the default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureState {
    /// The catalogue entry.
    pub spec: FeatureSpec,
    /// Whether it is on.
    pub enabled: bool,
    /// Its configuration.
    pub config: String,
    /// When it was last set (the gateway's creation for a default).
    pub updated_at_ms: u64,
}

/// The catalogue entry of `name`.
pub fn spec(name: &str) -> Option<&'static FeatureSpec> {
    CATALOGUE.iter().find(|f| f.name == name)
}

/// The names of the features a gateway supports (`supported_features` of show).
pub fn supported_features(_gateway: &Gateway) -> Vec<String> {
    CATALOGUE.iter().map(|f| f.name.to_owned()).collect()
}

/// Every feature of the gateway with its current value, in catalogue order.
pub fn feature_states(gateway: &Gateway) -> Vec<FeatureState> {
    CATALOGUE
        .iter()
        .map(
            |spec| match gateway.features.iter().find(|s| s.name == spec.name) {
                Some(s) => FeatureState {
                    spec: *spec,
                    enabled: s.enabled,
                    config: s.config.clone(),
                    updated_at_ms: s.updated_at_ms,
                },
                None => FeatureState {
                    spec: *spec,
                    enabled: spec.default_enabled,
                    config: spec.default_config.to_owned(),
                    updated_at_ms: gateway.created_at_ms,
                },
            },
        )
        .collect()
}

fn invalid(field: Field, message: &str) -> Problem {
    Problem::invalid(field, message)
}

fn config_error(spec: &FeatureSpec, what: &str) -> Problem {
    invalid(
        Field::FeatureConfig,
        &format!("The configuration of {} {what}.", spec.name),
    )
}

fn json_object(
    spec: &FeatureSpec,
    config: &str,
) -> Result<serde_json::Map<String, serde_json::Value>, Problem> {
    match serde_json::from_str::<serde_json::Value>(config) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        _ => Err(config_error(spec, "must be a JSON object")),
    }
}

fn number_in(
    spec: &FeatureSpec,
    map: &serde_json::Map<String, serde_json::Value>,
    key: &str,
    min: u64,
    max: u64,
) -> Result<(), Problem> {
    match map.get(key) {
        None => Ok(()),
        Some(v) => match v.as_u64() {
            Some(n) if (min..=max).contains(&n) => Ok(()),
            _ => Err(config_error(
                spec,
                &format!("needs {key} as a whole number from {min} to {max}, got {v}"),
            )),
        },
    }
}

/// Checks `config` against the feature's kind; an empty config with `enable` is the default.
/// Returns the configuration to store.
fn check_config(spec: &FeatureSpec, enable: bool, config: &str) -> Result<String, Problem> {
    let config = config.trim();
    match spec.kind {
        ConfigKind::Fixed => Err(invalid(
            Field::FeatureName,
            &format!("The feature {} cannot be configured.", spec.name),
        )),
        ConfigKind::Switch => match config {
            "" => Ok(if enable { "on" } else { "off" }.to_owned()),
            "on" | "off" => Ok(config.to_owned()),
            _ => Err(config_error(spec, "must be on or off")),
        },
        _ if config.is_empty() => Ok(spec.default_config.to_owned()),
        ConfigKind::Numbers(keys) => {
            let map = json_object(spec, config)?;
            if let Some(unknown) = map.keys().find(|k| !keys.iter().any(|(n, _, _)| n == k)) {
                return Err(config_error(spec, &format!("has no setting {unknown}")));
            }
            for (key, min, max) in keys {
                number_in(spec, &map, key, *min, *max)?;
            }
            Ok(config.to_owned())
        }
        ConfigKind::Bytes { min, max } => match config.parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(config.to_owned()),
            _ => Err(config_error(
                spec,
                &format!("must be a number of bytes from {min} to {max}"),
            )),
        },
        ConfigKind::Strings(keys) => {
            let map = json_object(spec, config)?;
            for (k, v) in &map {
                if !keys.contains(&k.as_str()) || !v.is_string() {
                    return Err(config_error(
                        spec,
                        &format!("takes only the text settings {}", keys.join(", ")),
                    ));
                }
            }
            Ok(config.to_owned())
        }
        ConfigKind::AppToken => {
            let map = json_object(spec, config)?;
            match map.get("enable").and_then(|v| v.as_str()) {
                None | Some("on" | "off") => {}
                Some(_) => return Err(config_error(spec, "needs enable as on or off")),
            }
            for key in ["app_token_expire_time", "refresh_token_expire_time"] {
                number_in(spec, &map, key, 1, 72_000)?;
            }
            Ok(config.to_owned())
        }
    }
}

/// Sets a feature of the gateway at `now_ms` (`POST …/features`): the status must allow a
/// change (`APIC.7701`), the feature must be known and configurable and its `config` valid
/// (`APIC.7211` naming `name` or `config`). Nothing changes on error. Records the change in the
/// history (field `feature_name`) and returns the feature's new state.
pub fn set_feature(
    gateway: &mut Gateway,
    name: &str,
    enable: bool,
    config: &str,
    now_ms: u64,
) -> Result<FeatureState, Problem> {
    check_transition(gateway.status(now_ms), Operation::Update).map_err(|e| e.problem())?;
    let Some(spec) = spec(name) else {
        let known: Vec<&str> = CATALOGUE.iter().map(|f| f.name).collect();
        return Err(invalid(
            Field::FeatureName,
            &format!(
                "Unknown feature `{name}`; known features: {}.",
                known.join(", ")
            ),
        ));
    };
    let config = check_config(spec, enable, config)?;
    let old = feature_states(gateway)
        .into_iter()
        .find(|s| s.spec.name == name)
        .map(|s| label(s.enabled, &s.config))
        .unwrap_or_default();
    let setting = FeatureSetting {
        name: name.to_owned(),
        enabled: enable,
        config: config.clone(),
        updated_at_ms: now_ms,
    };
    match gateway.features.iter_mut().find(|s| s.name == name) {
        Some(existing) => *existing = setting,
        None => gateway.features.push(setting),
    }
    gateway.record(
        now_ms,
        Field::FeatureName.id(),
        format!("{name}: {old}"),
        format!("{name}: {}", label(enable, &config)),
    );
    Ok(FeatureState {
        spec: *spec,
        enabled: enable,
        config,
        updated_at_ms: now_ms,
    })
}

fn label(enabled: bool, config: &str) -> String {
    let on = if enabled { "on" } else { "off" };
    if config.is_empty() || config == on {
        on.to_owned()
    } else {
        format!("{on} ({config})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::ErrorCode;

    fn gateway() -> Gateway {
        crate::seed_gateway(7)
    }

    #[test]
    fn defaults_then_a_setting() {
        let mut g = gateway();
        let states = feature_states(&g);
        assert_eq!(states.len(), CATALOGUE.len());
        let rate = states
            .iter()
            .find(|s| s.spec.name == "ratelimit")
            .expect("listed");
        assert_eq!(
            (rate.enabled, rate.config.as_str(), rate.updated_at_ms),
            (true, "{\"api_limits\": 200}", 7)
        );
        let set = set_feature(&mut g, "ratelimit", true, "{\"api_limits\": 500}", 9).expect("set");
        assert_eq!(set.updated_at_ms, 9);
        let again = feature_states(&g);
        let rate = again
            .iter()
            .find(|s| s.spec.name == "ratelimit")
            .expect("listed");
        assert_eq!(rate.config, "{\"api_limits\": 500}");
        assert_eq!(
            g.history.last().map(|c| c.field.as_str()),
            Some("feature_name")
        );
        assert_eq!(supported_features(&g).len(), CATALOGUE.len());
        let cors = set_feature(&mut g, "cors", true, "", 10).expect("switch");
        assert_eq!(cors.config, "on");
    }

    #[test]
    fn refusals_name_the_field() {
        let mut g = gateway();
        let cases = [
            ("nope", true, "", Field::FeatureName),
            ("gateway_responses", true, "", Field::FeatureName),
            (
                "ratelimit",
                true,
                "{\"api_limits\": 0}",
                Field::FeatureConfig,
            ),
            (
                "ratelimit",
                true,
                "{\"api_limits\": 1000001}",
                Field::FeatureConfig,
            ),
            ("ratelimit", true, "{\"other\": 1}", Field::FeatureConfig),
            ("ratelimit", true, "500", Field::FeatureConfig),
            ("request_body_size", true, "1048575", Field::FeatureConfig),
            (
                "backend_timeout",
                true,
                "{\"max_timeout\": 600001}",
                Field::FeatureConfig,
            ),
            (
                "app_token",
                true,
                "{\"enable\": \"yes\"}",
                Field::FeatureConfig,
            ),
            (
                "app_token",
                true,
                "{\"app_token_expire_time\": 72001}",
                Field::FeatureConfig,
            ),
            ("cors", true, "maybe", Field::FeatureConfig),
            ("lts", true, "{\"group_id\": 5}", Field::FeatureConfig),
        ];
        for (name, enable, config, field) in cases {
            let e = set_feature(&mut g, name, enable, config, 1).expect_err(name);
            assert_eq!(
                (e.code, e.field),
                (ErrorCode::InvalidParameter, field),
                "{name} {config}"
            );
        }
        assert!(g.features.is_empty(), "nothing stored");
        set_feature(
            &mut g,
            "request_body_size",
            true,
            &(9536 * MIB).to_string(),
            2,
        )
        .expect("largest");
        set_feature(
            &mut g,
            "lts",
            true,
            "{\"group_id\": \"g\", \"log_stream\": \"s\"}",
            3,
        )
        .expect("lts");
    }
}
