//! The rathaus application: command line, server start-up and demo data. The binary in
//! `main.rs` only parses arguments and dispatches here.

pub mod backup;
pub mod bench;
pub mod cli;
pub mod demo;
pub mod housekeeping;
pub mod route;
pub mod serve;
pub mod telemetry;
pub mod users;
