//! Writing a message into the outbox and enqueueing its send job.

use super::{CHANNEL_EMAIL, SEND_JOB, STATE_HELD, STATE_QUEUED};
use crate::config::DeliveryMode;
use rathaus_db::entity::{outbox_attachment, outbox_message};
use rathaus_db::{StoreError, TenantId, now};
use rathaus_domain::Email;
use rathaus_worker::jobs::{self, NewJob};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

/// An email to send on behalf of a tenant. Its `Debug` shows no recipient or content.
#[derive(Clone)]
pub struct OutgoingEmail {
    pub tenant: TenantId,
    pub to: Email,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    pub attachments: Vec<Attachment>,
}

/// A file attached to an email. `content_type` is sent exactly as given, parameters
/// included (e.g. `text/calendar; method=REQUEST; charset=UTF-8`).
#[derive(Clone)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for OutgoingEmail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutgoingEmail")
            .field("tenant", &self.tenant)
            .field("html", &self.html.is_some())
            .field("attachments", &self.attachments)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for Attachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attachment")
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// Writes the message to the outbox and, unless `mode` is [`DeliveryMode::Hold`], enqueues
/// its `mail.send` job (deduplicated by message id). Pass the write transaction of the
/// change that causes the message. Returns the message id.
pub async fn enqueue_email(
    conn: &impl ConnectionTrait,
    mode: &DeliveryMode,
    msg: OutgoingEmail,
) -> Result<i64, StoreError> {
    let state = match mode {
        DeliveryMode::Hold => STATE_HELD,
        DeliveryMode::Smtp(_) => STATE_QUEUED,
    };
    let message = outbox_message::ActiveModel {
        tenant_id: Set(msg.tenant.0),
        channel: Set(CHANNEL_EMAIL.to_owned()),
        recipient: Set(msg.to.as_str().to_owned()),
        subject: Set(msg.subject),
        body_text: Set(msg.text),
        body_html: Set(msg.html),
        state: Set(state.to_owned()),
        attempts: Set(0),
        last_error: Set(None),
        created_at: Set(now()),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    for a in msg.attachments {
        outbox_attachment::ActiveModel {
            message_id: Set(message.id),
            filename: Set(a.filename),
            content_type: Set(a.content_type),
            content: Set(a.bytes),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    if let DeliveryMode::Smtp(_) = mode {
        let job = NewJob {
            tenant: Some(msg.tenant),
            dedup_key: Some(message.id.to_string()),
            ..NewJob::new(SEND_JOB, serde_json::json!({ "message_id": message.id }))
        };
        jobs::enqueue(conn, job).await?;
    }
    tracing::info!(message_id = message.id, state, "email added to the outbox");
    Ok(message.id)
}
