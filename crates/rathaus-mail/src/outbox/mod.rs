//! The outbox: every email is first a row in `outbox_messages` (with its attachments in
//! `outbox_attachments`), written in the caller's transaction, so a message exists exactly
//! when the change that caused it was committed.
//!
//! States: `queued` (a `mail.send` job will send it), `held` (development: kept for
//! reading, never sent), `sent`, `failed` (refused permanently or out of attempts).
//!
//! * `enqueue`: writing a message and enqueueing its job ([`enqueue_email`]).
//! * `read`: the administrators' outbox page, scoped by tenant ([`list`], [`count`],
//!   [`get`], [`attachment`]).
//! * `state`: the transitions the send job makes.

mod enqueue;
mod read;
pub(crate) mod state;

pub use enqueue::{Attachment, OutgoingEmail, enqueue_email};
pub use read::{AttachmentInfo, attachment, count, get, list};
pub(crate) use read::{attachments_of, get_message};

/// The job kind that sends one outbox message.
pub const SEND_JOB: &str = "mail.send";

pub const STATE_QUEUED: &str = "queued";
pub const STATE_HELD: &str = "held";
pub const STATE_SENT: &str = "sent";
pub const STATE_FAILED: &str = "failed";
