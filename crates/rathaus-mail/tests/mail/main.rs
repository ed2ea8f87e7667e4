//! Integration tests of rathaus-mail: outbox storage on SQLite and PostgreSQL, delivery
//! through a real SMTP exchange with a local sink, failure handling and the templates.

mod delivery;
mod failures;
mod hold;
mod scoping;
mod support;
mod templates;
