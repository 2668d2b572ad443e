//! Throttling as a state machine with time as an argument (docs/reference.md, Data plane):
//! the gateway's ceiling per second by edition, each API's limit per second (the `ratelimit`
//! feature's `api_limits`, 200 by default, over all environments) and the debugging domain's
//! 1000 calls a day (UTC) per group.
//!
//! Each limit is a fixed window (the current second, or the current UTC day) with a count. A
//! call is admitted only if every limit it falls under has room, and only an admitted call
//! counts: a refused burst does not eat into the next window.

use std::collections::HashMap;

use crate::gateway::Gateway;
use crate::values::Edition;

/// Calls a day through one group's debugging domain.
pub const DEBUG_DOMAIN_DAILY_LIMIT: u64 = 1000;
/// Each API's calls a second when the `ratelimit` feature says nothing else.
pub const DEFAULT_API_LIMIT: u64 = 200;

const DAY_MS: u64 = 86_400_000;
const SECOND_MS: u64 = 1000;

/// The gateway's ceiling in requests a second, by edition: Basic 2,000, Professional 4,000,
/// Enterprise 6,000, Platinum 10,000 (IPv6 editions alike); a `PLATINUM_Xn` edition, n times
/// Platinum's.
pub fn edition_ceiling(edition: Edition) -> u64 {
    match edition {
        Edition::Basic | Edition::BasicIpv6 => 2000,
        Edition::Professional | Edition::ProfessionalIpv6 => 4000,
        Edition::Enterprise | Edition::EnterpriseIpv6 => 6000,
        Edition::Platinum | Edition::PlatinumIpv6 => 10_000,
        Edition::PlatinumX2 => 20_000,
        Edition::PlatinumX3 => 30_000,
        Edition::PlatinumX4 => 40_000,
        Edition::PlatinumX5 => 50_000,
        Edition::PlatinumX6 => 60_000,
        Edition::PlatinumX7 => 70_000,
        Edition::PlatinumX8 => 80_000,
    }
}

/// The per-API limit a second of a gateway: the `ratelimit` feature's `api_limits`.
pub fn api_limit(gateway: &Gateway) -> u64 {
    crate::features::feature_states(gateway)
        .iter()
        .find(|f| f.spec.name == "ratelimit")
        .and_then(|f| serde_json::from_str::<serde_json::Value>(&f.config).ok())
        .and_then(|config| config["api_limits"].as_u64())
        .unwrap_or(DEFAULT_API_LIMIT)
}

/// What a limit counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every call of a gateway (its edition's ceiling), per second.
    Gateway(String),
    /// The calls of one API of a gateway in every environment, per second.
    Api {
        /// The gateway.
        gateway_id: String,
        /// The API.
        api_id: String,
    },
    /// The calls through one group's debugging domain, per UTC day.
    DebugDomain(String),
}

impl Scope {
    fn window_ms(&self) -> u64 {
        match self {
            Self::DebugDomain(_) => DAY_MS,
            Self::Gateway(_) | Self::Api { .. } => SECOND_MS,
        }
    }

    /// How the service names the limit in its answers (`policy api`, …).
    pub fn policy(&self) -> &'static str {
        match self {
            Self::Gateway(_) => "instance",
            Self::Api { .. } => "api",
            Self::DebugDomain(_) => "debug domain",
        }
    }

    /// The unit of the window, as written in answers.
    pub fn unit(&self) -> &'static str {
        match self {
            Self::DebugDomain(_) => "1 day",
            Self::Gateway(_) | Self::Api { .. } => "1 second",
        }
    }
}

/// One limit a call falls under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limit {
    /// What it counts.
    pub scope: Scope,
    /// Calls allowed in a window.
    pub max: u64,
}

/// Room left under a limit after an admitted call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remaining {
    /// The limit.
    pub limit: Limit,
    /// Calls still allowed in this window.
    pub remain: u64,
}

impl Remaining {
    /// `remain:199,limit:200,time:1 second` (the `X-Apig-RateLimit-*` header value).
    pub fn header_value(&self) -> String {
        format!(
            "remain:{},limit:{},time:{}",
            self.remain,
            self.limit.max,
            self.limit.scope.unit()
        )
    }
}

/// The limit a refused call hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Throttled {
    /// The full limit.
    pub limit: Limit,
    /// When its window ends, epoch ms.
    pub resets_at_ms: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Window {
    start_ms: u64,
    count: u64,
}

/// The counters of every limit.
#[derive(Debug, Clone, Default)]
pub struct Throttle {
    windows: HashMap<Scope, Window>,
}

impl Throttle {
    /// No calls counted.
    pub fn new() -> Self {
        Self::default()
    }

    /// Admits a call at `now_ms` under every limit of `limits` (and counts it), or refuses it
    /// with the first limit that has no room (and counts nothing).
    pub fn admit(&mut self, limits: &[Limit], now_ms: u64) -> Result<Vec<Remaining>, Throttled> {
        let mut current = Vec::with_capacity(limits.len());
        for limit in limits {
            let window_ms = limit.scope.window_ms();
            let start_ms = now_ms - now_ms % window_ms;
            let count = match self.windows.get(&limit.scope) {
                Some(w) if w.start_ms == start_ms => w.count,
                _ => 0,
            };
            if count >= limit.max {
                return Err(Throttled {
                    limit: limit.clone(),
                    resets_at_ms: start_ms + window_ms,
                });
            }
            current.push((start_ms, count));
        }
        Ok(limits
            .iter()
            .zip(current)
            .map(|(limit, (start_ms, count))| {
                self.windows.insert(
                    limit.scope.clone(),
                    Window {
                        start_ms,
                        count: count + 1,
                    },
                );
                Remaining {
                    limit: limit.clone(),
                    remain: limit.max - count - 1,
                }
            })
            .collect())
    }

    /// Forgets every window that ended before `now_ms` (keeps the memory bounded).
    pub fn sweep(&mut self, now_ms: u64) {
        self.windows
            .retain(|scope, w| w.start_ms + scope.window_ms() > now_ms);
    }

    /// How many windows are held.
    pub fn len(&self) -> usize {
        self.windows.len()
    }

    /// Whether no window is held.
    pub fn is_empty(&self) -> bool {
        self.windows.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(max: u64) -> Limit {
        Limit {
            scope: Scope::Api {
                gateway_id: "g".into(),
                api_id: "a".into(),
            },
            max,
        }
    }

    #[test]
    fn a_burst_over_the_limit_is_refused_until_the_next_second() {
        let mut throttle = Throttle::new();
        let limits = [api(3)];
        let t = 1_704_067_200_000;
        for remain in [2, 1, 0] {
            let admitted = throttle.admit(&limits, t + 10).expect("room");
            assert_eq!(admitted[0].remain, remain);
        }
        let refused = throttle.admit(&limits, t + 999).expect_err("full");
        assert_eq!(refused.resets_at_ms, t + 1000);
        assert_eq!(
            throttle.admit(&limits, t + 1000).expect("next")[0].remain,
            2
        );
        assert_eq!(
            throttle.admit(&limits, t + 1000).expect("next")[0].header_value(),
            "remain:1,limit:3,time:1 second"
        );
    }

    #[test]
    fn a_refused_call_counts_nowhere() {
        let mut throttle = Throttle::new();
        let day = Limit {
            scope: Scope::DebugDomain("grp".into()),
            max: 2,
        };
        let t = 5 * DAY_MS + 7;
        let limits = [day.clone(), api(1)];
        throttle.admit(&limits, t).expect("first");
        let refused = throttle.admit(&limits, t).expect_err("api full");
        assert_eq!(refused.limit, api(1));
        // The refused call did not count against the day: one more fits.
        throttle.admit(&limits, t + SECOND_MS).expect("second");
        let refused = throttle
            .admit(&limits, t + 2 * SECOND_MS)
            .expect_err("day full");
        assert_eq!((refused.limit, refused.resets_at_ms), (day, 6 * DAY_MS));
        throttle.sweep(6 * DAY_MS);
        assert!(throttle.is_empty());
    }
}
