//! The front desk in the database: devices ([`devices`]), each place's queue rules
//! ([`policy`]), waiting numbers ([`tickets`]), who sits at which counter ([`desks`]) and
//! the call log that displays show ([`events`]). Schema and its reasons:
//! `migration/m0005_front_desk.rs`. The queue's ordering rules are pure (`rathaus-queue`);
//! the workflow around them lives in `rathaus-front-desk`.
//!
//! # Invariants and what enforces them
//!
//! * **A number is given once per place, day and prefix**: unique index; a check-in that
//!   loses a race sees a conflict and retries with the next number.
//! * **An appointment checks in once**: unique `tickets.appointment_id`.
//! * **A ticket is called by one counter**: every transition is one conditional UPDATE on
//!   the expected status (and, once called, on the counter), and its caller checks that
//!   exactly one row changed.
//! * **One clerk per counter**: one desk row per counter (unique), taken by a conditional
//!   upsert.

pub mod desks;
pub mod devices;
pub mod events;
pub mod policy;
pub mod tickets;
