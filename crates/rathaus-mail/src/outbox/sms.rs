//! Writing a text message into the outbox and enqueueing its `sms.send` job.

use super::{CHANNEL_SMS, SMS_SEND_JOB, SMS_SUBJECT, STATE_HELD, STATE_QUEUED};
use rathaus_db::entity::outbox_message;
use rathaus_db::{StoreError, TenantId, now};
use rathaus_sms::{E164, SmsDeliveryMode, segments};
use rathaus_worker::jobs::{self, NewJob};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

/// Writes an SMS to `to` with `text` to the outbox and, unless `mode` is
/// [`SmsDeliveryMode::Hold`], enqueues its `sms.send` job (deduplicated by message id).
/// Pass the write transaction of the change that causes the message. Returns the message id.
///
/// The text is stored as given; keep reminders short ([`rathaus_sms::segments`] tells how
/// many parts a text costs).
pub async fn enqueue_sms(
    conn: &impl ConnectionTrait,
    mode: &SmsDeliveryMode,
    tenant: TenantId,
    to: &E164,
    text: &str,
) -> Result<i64, StoreError> {
    let state = match mode {
        SmsDeliveryMode::Hold => STATE_HELD,
        SmsDeliveryMode::Gateway(_) => STATE_QUEUED,
    };
    let message = outbox_message::ActiveModel {
        tenant_id: Set(tenant.0),
        channel: Set(CHANNEL_SMS.to_owned()),
        recipient: Set(to.as_str().to_owned()),
        subject: Set(SMS_SUBJECT.to_owned()),
        body_text: Set(text.to_owned()),
        body_html: Set(None),
        state: Set(state.to_owned()),
        attempts: Set(0),
        last_error: Set(None),
        created_at: Set(now()),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    if let SmsDeliveryMode::Gateway(_) = mode {
        let job = NewJob {
            tenant: Some(tenant),
            dedup_key: Some(message.id.to_string()),
            ..NewJob::new(SMS_SEND_JOB, serde_json::json!({ "message_id": message.id }))
        };
        jobs::enqueue(conn, job).await?;
    }
    tracing::info!(message_id = message.id, state, segments = segments(text), "SMS added to the outbox");
    Ok(message.id)
}
