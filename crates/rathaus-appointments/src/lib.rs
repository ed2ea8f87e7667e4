//! The appointment service around `rathaus-booking`: what has to happen besides the booking
//! itself, and what happens later without a request.
//!
//! * [`notify`]: the citizen's notifications as in-transaction hooks
//!   ([`rathaus_booking::InTransaction`]): the e-mail (with the `.ics` calendar entry and
//!   the QR code of the booking code), the SMS, and the reminder job – written into the
//!   outbox and job queue in the same transaction as the change, or not at all.
//! * [`details`]: what a notification says about an appointment (place, services, local
//!   time), read inside that transaction.
//! * [`jobs`]: background work shared by all nodes: expired holds, the daily capacity
//!   roll-forward (and regeneration after a plan change), reminders and lottery draws.

pub mod details;
pub mod jobs;
pub mod notify;

pub use notify::{Notifier, Notify, OfferedTime, Take, manage_link};
