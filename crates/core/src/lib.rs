//! `apig-core`: the domain of buying a Huawei Cloud APIG dedicated gateway.
//!
//! Pure Rust without I/O and without a clock: time always comes in as an argument.
//! Used by the console (`apig-web`, compiled to wasm32) and by the emulator (`apig-mock`).

pub mod account;
pub mod api;
pub mod apis;
pub mod authority;
pub mod code;
pub mod convert;
pub mod dataplane;
pub mod export;
pub mod features;
pub mod gateway;
pub mod ingress_ports;
pub mod lifecycle;
pub mod network_change;
pub mod plan;
pub mod precheck;
pub mod region;
pub mod resize;
pub mod restriction;
pub mod sign;
pub mod tags;
pub mod validate;
pub mod values;

pub use account::Account;
pub use gateway::Gateway;
pub use lifecycle::{CreationSpeed, Status, creation_progress};
pub use plan::{CreatePlan, apply_plan, release};
pub use precheck::{Check, CheckKind, Outcome, run_prechecks};
pub use validate::{Draft, Field, Problem, UpdateDraft, validate, validate_update};
pub use values::ErrorCode;

/// The seed account's pre-filled purchase as a gateway created at `created_at_ms`, at instant
/// speed: the starting point of the unit tests of the operations on an existing gateway.
#[cfg(test)]
pub(crate) fn seed_gateway(created_at_ms: u64) -> gateway::Gateway {
    let account = account::Account::default_seed();
    let region = account.regions[0].clone();
    let draft = Draft::prefilled(&account, &region, &[]);
    let plan = validate(&draft, &account, &[], 1).expect("valid draft");
    plan.to_gateway(created_at_ms, CreationSpeed::Instant, None)
}
