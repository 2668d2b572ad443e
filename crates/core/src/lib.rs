//! `apig-core`: the domain of buying a Huawei Cloud APIG dedicated gateway.
//!
//! Pure Rust without I/O and without a clock: time always comes in as an argument.
//! Used by the console (`apig-web`, compiled to wasm32) and by the emulator (`apig-mock`).

pub mod region;
