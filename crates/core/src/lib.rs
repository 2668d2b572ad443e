//! `apig-core`: the domain of buying a Huawei Cloud APIG dedicated gateway.
//!
//! Pure Rust without I/O and without a clock: time always comes in as an argument.
//! Used by the console (`apig-web`, compiled to wasm32) and by the emulator (`apig-mock`).

pub mod account;
pub mod api;
pub mod authority;
pub mod code;
pub mod convert;
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
