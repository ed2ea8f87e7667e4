//! Text messages (SMS) for rathaus: appointment confirmations and reminders.
//!
//! This crate talks to an SMS provider and knows nothing of the database. Storage, retries
//! and the development outbox live in `rathaus-mail`, which writes every SMS as an
//! `outbox_messages` row (channel `sms`) and sends it from its `sms.send` job through an
//! [`SmsGateway`].
//!
//! * [`SmsGateway`]: the provider interface, usable as `Arc<dyn SmsGateway>`.
//! * [`HttpGateway`]: a generic HTTP gateway – URL, method, authentication and body template
//!   are configured ([`config`] documents every variable, with examples).
//! * [`E164`]: a phone number in international format, parsed once at the boundary.
//! * [`segments`]: how many SMS parts a text costs (GSM-7 or UCS-2), so callers can keep
//!   reminders to one or two.
//!
//! Nothing here logs or returns a phone number or message text: errors and log fields carry
//! HTTP status codes and outcomes only, and the `Debug` output of messages, numbers and the
//! configuration hides numbers, texts and secrets.

pub mod config;
mod gateway;
pub mod http;
mod number;
mod segments;
mod template;

pub use config::{Auth, ConfigError, ContentType, GatewayConfig, GatewayParts, Method, Secret, SmsDeliveryMode};
pub use gateway::{SentSms, Sms, SmsError, SmsGateway};
pub use http::HttpGateway;
pub use number::{E164, InvalidNumber};
pub use segments::segments;
