//! The outbox: every email and SMS is first a row in `outbox_messages` (with its attachments in
//! `outbox_attachments`), written in the caller's transaction, so a message exists exactly
//! when the change that caused it was committed.
//!
//! States: `queued` (a `mail.send` or `sms.send` job will send it), `held` (development:
//! kept for reading, never sent), `sent`, `failed` (refused permanently or out of attempts).
//!
//! The `channel` column says which: `email`, or `sms` (recipient an E.164 number, subject
//! the label [`SMS_SUBJECT`], the text in `body_text`, no HTML, no attachments).
//!
//! * `enqueue`: writing an email and enqueueing its job ([`enqueue_email`]).
//! * `sms`: the same for a text message ([`enqueue_sms`]).
//! * `read`: the administrators' outbox page, scoped by tenant ([`list`], [`count`],
//!   [`get`], [`attachment`]).
//! * `state`: the transitions the send job makes.

mod enqueue;
mod read;
mod sms;
pub(crate) mod state;

pub use enqueue::{Attachment, OutgoingEmail, enqueue_email};
pub use read::{AttachmentInfo, attachment, count, get, list};
pub(crate) use read::{attachments_of, get_message};
pub use sms::enqueue_sms;

/// The job kind that sends one outbox email.
pub const SEND_JOB: &str = "mail.send";
/// The job kind that sends one outbox SMS.
pub const SMS_SEND_JOB: &str = "sms.send";

pub const CHANNEL_EMAIL: &str = "email";
pub const CHANNEL_SMS: &str = "sms";
/// The subject of every SMS row: an SMS has none, and lists show this label instead.
pub const SMS_SUBJECT: &str = "SMS";

pub const STATE_QUEUED: &str = "queued";
pub const STATE_HELD: &str = "held";
pub const STATE_SENT: &str = "sent";
pub const STATE_FAILED: &str = "failed";
