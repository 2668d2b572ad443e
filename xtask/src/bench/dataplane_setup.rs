//! The APIs `cargo xtask bench dataplane` calls (see [`super::dataplane`]).

use super::api::Mock;
use super::dataplane::AppKeys;

/// Sets up the gateway, its group bound to `domain`, the two APIs and the app.
pub fn prepare(_mock: &Mock, _domain: &str) -> Result<AppKeys, String> {
    Err("the API catalogue is not available in this build".into())
}
