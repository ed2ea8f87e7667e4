//! SeaORM entities, one file per table. Query code lives in the domain modules of this
//! crate, not here.

pub mod audit_log;
pub mod job;
pub mod login_failure;
pub mod outbox_attachment;
pub mod outbox_message;
pub mod session;
pub mod tenant;
pub mod tenant_host;
pub mod user;
pub mod user_token;
