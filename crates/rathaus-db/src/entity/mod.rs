//! SeaORM entities, one file per table. Query code lives in the domain modules of this
//! crate, not here.

pub mod audit_log;
pub mod counter;
pub mod department;
pub mod job;
pub mod login_failure;
pub mod mobile_cancellation;
pub mod mobile_schedule;
pub mod mobile_session;
pub mod outbox_attachment;
pub mod outbox_message;
pub mod place;
pub mod place_exception;
pub mod place_hours;
pub mod place_service;
pub mod service;
pub mod session;
pub mod tenant;
pub mod tenant_host;
pub mod topic;
pub mod user;
pub mod user_token;
