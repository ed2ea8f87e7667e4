//! The delivery jobs: `mail.send` here, `sms.send` in `sms` ([`SendSms`]).
//!
//! The `mail.send` job loads one queued outbox message, sends it over SMTP and records the
//! outcome on the message.
//!
//! * Sent: state `sent`, `sent_at` set.
//! * Temporary failure (4xx reply, connection or TLS trouble, timeout): `attempts` and
//!   `last_error` are recorded, the message stays `queued` and the job is retried with
//!   backoff ([`JobError::Retry`]). On the job's last attempt the message becomes `failed`.
//! * Permanent failure (5xx reply, or a message that cannot be built): state `failed`,
//!   [`JobError::Permanent`].
//!
//! Delivery is at least once: if the server accepted the message but recording that fails,
//! the job is retried and the message may arrive twice.
//!
//! Logs and job errors name only the message id and the outcome (an SMTP code at most),
//! never recipients, subjects or bodies. The full SMTP error, which may quote the address,
//! goes to the message's `last_error`, visible to the tenant's administrators only.

pub mod message;
mod sms;
mod transport;

pub use sms::SendSms;

use crate::config::{ConfigError, SmtpConfig};
use crate::outbox::{self, SEND_JOB, STATE_QUEUED, state};
use futures_util::future::BoxFuture;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use rathaus_db::{DatabaseConnection, StoreError, TenantId};
use rathaus_worker::{Job, JobError, JobHandler};

/// Handler for `mail.send` jobs. Register it with the worker when delivery is SMTP.
pub struct SendEmail {
    db: DatabaseConnection,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SendEmail {
    pub fn new(db: DatabaseConnection, config: &SmtpConfig) -> Result<SendEmail, ConfigError> {
        Ok(SendEmail { db, transport: transport::build(config)?, from: config.from_mailbox()? })
    }

    #[tracing::instrument(name = "send_email", skip_all, fields(job_id = job.id, message_id))]
    async fn send(&self, job: &Job) -> Result<(), JobError> {
        let (tenant, id) = target(job)?;
        tracing::Span::current().record("message_id", id);
        let Some(row) = outbox::get_message(&self.db, tenant, id).await.map_err(db_error)? else {
            tracing::warn!("email not in the outbox");
            return Err(JobError::Permanent(format!("outbox message {id} not found")));
        };
        if row.state != STATE_QUEUED {
            tracing::info!(state = %row.state, "email no longer queued; nothing to send");
            return Ok(());
        }
        let attachments = outbox::attachments_of(&self.db, id).await.map_err(db_error)?;
        let email = match message::build(&self.from, &row, &attachments) {
            Ok(email) => email,
            Err(e) => {
                tracing::error!(error = %e, "email cannot be built; giving up");
                state::record_failure(&self.db, tenant, id, &e.to_string(), true).await.map_err(db_error)?;
                return Err(JobError::Permanent(e.to_string()));
            }
        };
        match self.transport.send(email).await {
            Ok(_) => {
                state::mark_sent(&self.db, tenant, id).await.map_err(db_error)?;
                tracing::info!("email sent");
                Ok(())
            }
            Err(e) => {
                let summary = summarize(&e);
                let last_attempt = job.attempts >= job.max_attempts;
                let give_up = e.is_permanent() || last_attempt;
                state::record_failure(&self.db, tenant, id, &e.to_string(), give_up).await.map_err(db_error)?;
                if e.is_permanent() {
                    tracing::warn!(outcome = %summary, "email refused permanently");
                    Err(JobError::Permanent(summary))
                } else {
                    tracing::warn!(outcome = %summary, last_attempt, "email not sent; will retry");
                    Err(JobError::Retry(summary))
                }
            }
        }
    }
}

impl JobHandler for SendEmail {
    fn kind(&self) -> &'static str {
        SEND_JOB
    }

    fn run<'a>(&'a self, job: &'a Job) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(self.send(job))
    }
}

/// The tenant and message id a job is about.
fn target(job: &Job) -> Result<(TenantId, i64), JobError> {
    #[derive(serde::Deserialize)]
    struct Payload {
        message_id: i64,
    }
    let payload: Payload =
        serde_json::from_str(&job.payload).map_err(|_| JobError::Permanent("payload has no message_id".into()))?;
    let tenant = job.tenant_id.ok_or_else(|| JobError::Permanent("job has no tenant".into()))?;
    Ok((TenantId(tenant), payload.message_id))
}

fn db_error(e: StoreError) -> JobError {
    tracing::warn!(error = %e, "outbox storage failed");
    JobError::Retry("outbox storage failed".into())
}

/// What went wrong, without anything the server may have quoted (such as the address).
fn summarize(e: &lettre::transport::smtp::Error) -> String {
    if let Some(code) = e.status() {
        let kind = if e.is_permanent() { "permanent" } else { "transient" };
        format!("SMTP {kind} error {code}")
    } else if e.is_timeout() {
        "SMTP timeout".into()
    } else if e.is_tls() {
        "SMTP TLS error".into()
    } else if e.is_client() {
        "SMTP client error".into()
    } else if e.is_response() {
        "SMTP response could not be understood".into()
    } else {
        "SMTP connection failed".into()
    }
}
