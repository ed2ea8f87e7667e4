//! Outgoing email and SMS for rathaus. Every message goes through the outbox table and is
//! sent by a background job with retries:
//!
//! 1. A caller renders a message ([`templates`]) and calls [`enqueue_email`] inside the
//!    write transaction of the change that causes it: the outbox row (and its attachments)
//!    and the `mail.send` job commit together with that change, or not at all.
//! 2. The worker runs [`SendEmail`], which sends the message over SMTP and records `sent`,
//!    or the error and a retry, or `failed`.
//! 3. Text messages take the same path: [`enqueue_sms`] writes an `sms` row and an
//!    `sms.send` job, and [`SendSms`] sends it through an [`rathaus_sms::SmsGateway`]
//!    (the configurable HTTP gateway, documented in [`rathaus_sms::config`]).
//! 4. Administrators read the tenant's outbox ([`outbox::list`], [`outbox::get`], …).
//!
//! With [`DeliveryMode::Hold`] and [`SmsDeliveryMode::Hold`] (development, demo) nothing
//! is sent: messages stay `held` in the outbox, where they can be read. The mail delivery
//! configuration is documented in [`config`].

pub mod config;
pub mod outbox;
pub mod send;
pub mod templates;

pub use config::{ConfigError, DeliveryMode, Secret, SmtpConfig, SmtpTls};
pub use outbox::{Attachment, AttachmentInfo, OutgoingEmail, enqueue_email, enqueue_sms};
pub use rathaus_sms::{E164, SmsDeliveryMode};
pub use send::{SendEmail, SendSms};
pub use templates::RenderedEmail;
