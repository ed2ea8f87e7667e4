//! SeaORM entities, one file per table. Query code lives in the domain modules of this
//! crate, not here.

pub mod appointment;
pub mod appointment_link;
pub mod appointment_service;
pub mod audit_log;
pub mod booking_policy;
pub mod capacity_slot;
pub mod counter;
pub mod counter_service;
pub mod department;
pub mod installation_secret;
pub mod job;
pub mod login_failure;
pub mod lottery_entry;
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
pub mod spent_token;
pub mod staffing_block;
pub mod tenant;
pub mod tenant_host;
pub mod time_block;
pub mod topic;
pub mod user;
pub mod user_token;
