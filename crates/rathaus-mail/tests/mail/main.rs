//! Integration tests of rathaus-mail: outbox storage on SQLite and PostgreSQL, delivery
//! through a real SMTP exchange with a local sink and of SMS through a local HTTP gateway,
//! failure handling and the templates.

mod delivery;
mod failures;
mod hold;
mod scoping;
mod sms;
mod sms_gateway;
mod support;
mod templates;
