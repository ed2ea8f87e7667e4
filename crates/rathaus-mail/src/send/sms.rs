//! The `sms.send` job: loads one queued SMS from the outbox, sends it through the gateway
//! and records the outcome on the message.
//!
//! * Sent: state `sent`, `sent_at` set; the provider's id (if any) goes to the log.
//! * Transient failure (timeout, connection trouble, HTTP 408, 429, 5xx): `attempts` and
//!   `last_error` are recorded, the message stays `queued` and the job is retried with
//!   backoff ([`JobError::Retry`]). On the job's last attempt the message becomes `failed`.
//! * Permanent failure (other HTTP 4xx, or a stored number that is not E.164): state
//!   `failed`, [`JobError::Permanent`].
//!
//! Delivery is at least once: a gateway that accepted the message but answered too late
//! (timeout), or an outcome that could not be recorded, leads to a retry and possibly a
//! second SMS. Logs, job errors and `last_error` carry the message id and the outcome
//! (an HTTP status at most), never the number or the text.

use super::{db_error, target};
use crate::outbox::{self, CHANNEL_SMS, SMS_SEND_JOB, STATE_QUEUED, state};
use futures_util::future::BoxFuture;
use rathaus_db::DatabaseConnection;
use rathaus_sms::{ConfigError, E164, GatewayConfig, HttpGateway, Sms, SmsError, SmsGateway};
use rathaus_worker::{Job, JobError, JobHandler};
use std::sync::Arc;

/// Handler for `sms.send` jobs. Register it with the worker when SMS delivery is a gateway.
pub struct SendSms {
    db: DatabaseConnection,
    gateway: Arc<dyn SmsGateway>,
}

impl SendSms {
    /// Sends through any gateway.
    pub fn new(db: DatabaseConnection, gateway: Arc<dyn SmsGateway>) -> SendSms {
        SendSms { db, gateway }
    }

    /// Sends through the HTTP gateway of `config`.
    pub fn http(db: DatabaseConnection, config: &GatewayConfig) -> Result<SendSms, ConfigError> {
        Ok(SendSms::new(db, Arc::new(HttpGateway::new(config.clone())?)))
    }

    #[tracing::instrument(name = "send_sms", skip_all, fields(job_id = job.id, message_id))]
    async fn send(&self, job: &Job) -> Result<(), JobError> {
        let (tenant, id) = target(job)?;
        tracing::Span::current().record("message_id", id);
        let Some(row) = outbox::get_message(&self.db, tenant, id).await.map_err(db_error)? else {
            tracing::warn!("SMS not in the outbox");
            return Err(JobError::Permanent(format!("outbox message {id} not found")));
        };
        if row.channel != CHANNEL_SMS {
            tracing::error!(channel = %row.channel, "outbox message is not an SMS");
            return Err(JobError::Permanent(format!("outbox message {id} is not an SMS")));
        }
        if row.state != STATE_QUEUED {
            tracing::info!(state = %row.state, "SMS no longer queued; nothing to send");
            return Ok(());
        }
        let Ok(to) = E164::parse(&row.recipient) else {
            let error = "the recipient is not a phone number in international format";
            tracing::error!("SMS recipient is invalid; giving up");
            state::record_failure(&self.db, tenant, id, error, true).await.map_err(db_error)?;
            return Err(JobError::Permanent(error.into()));
        };
        let sms = Sms { to, text: row.body_text, sender: None };
        match self.gateway.send(&sms).await {
            Ok(sent) => {
                state::mark_sent(&self.db, tenant, id).await.map_err(db_error)?;
                tracing::info!(provider_id = sent.provider_id.as_deref(), "SMS sent");
                Ok(())
            }
            Err(SmsError::Transient(error)) => {
                let last_attempt = job.attempts >= job.max_attempts;
                state::record_failure(&self.db, tenant, id, &error, last_attempt).await.map_err(db_error)?;
                tracing::warn!(outcome = %error, last_attempt, "SMS not sent; will retry");
                Err(JobError::Retry(error))
            }
            Err(SmsError::Permanent(error)) => {
                state::record_failure(&self.db, tenant, id, &error, true).await.map_err(db_error)?;
                tracing::warn!(outcome = %error, "SMS refused permanently");
                Err(JobError::Permanent(error))
            }
        }
    }
}

impl JobHandler for SendSms {
    fn kind(&self) -> &'static str {
        SMS_SEND_JOB
    }

    fn run<'a>(&'a self, job: &'a Job) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(self.send(job))
    }
}
