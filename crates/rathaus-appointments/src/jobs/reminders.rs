//! `appointment.reminder`: one job per appointment and version (its calendar sequence),
//! due `reminder_hours` before the start. A moved appointment gets a new job; the old one
//! finds the sequence changed and does nothing, as it does for a cancelled or past
//! appointment. Appointments booked closer to their start than the reminder time get none.

use super::retry;
use crate::notify::{Notifier, Notify};
use futures_util::future::BoxFuture;
use rathaus_db::appointments::records::{self, Appointment, Status};
use rathaus_db::{DatabaseConnection, StoreError, TenantId, begin_write};
use rathaus_mail::templates::Notice;
use rathaus_worker::{Job, JobError, JobHandler, NewJob, jobs};
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};

pub const KIND: &str = "appointment.reminder";

#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    appointment_id: i64,
    sequence: i32,
    origin: String,
}

/// Enqueues the reminder of `a` (in the caller's transaction); nothing when `hours` is 0
/// or the reminder time has passed.
pub async fn schedule(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    a: &Appointment,
    hours: u32,
    origin: &str,
    now: i64,
) -> Result<(), StoreError> {
    let run_at = a.start_s - i64::from(hours) * 3600;
    if hours == 0 || run_at <= now {
        return Ok(());
    }
    let payload = Payload { appointment_id: a.id, sequence: a.sequence, origin: origin.to_owned() };
    let job = NewJob::new(KIND, serde_json::to_value(&payload).unwrap_or_default())
        .tenant(tenant)
        .run_at(run_at)
        .dedup_key(format!("{}-{}", a.id, a.sequence));
    jobs::enqueue(db, job).await?;
    Ok(())
}

pub struct SendReminder {
    pub db: DatabaseConnection,
    pub notifier: Notifier,
}

impl JobHandler for SendReminder {
    fn kind(&self) -> &'static str {
        KIND
    }

    fn run<'a>(&'a self, job: &'a Job) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let tenant = TenantId(job.tenant_id.ok_or_else(|| JobError::Permanent("no tenant".into()))?);
            let p: Payload = serde_json::from_str(&job.payload).map_err(|e| JobError::Permanent(e.to_string()))?;
            let now = rathaus_db::now();
            let tx = begin_write(&self.db).await.map_err(retry)?;
            let Some(a) = records::get(&tx, tenant, p.appointment_id).await.map_err(retry)? else {
                return Ok(());
            };
            let current = a.status().map_err(retry)? == Status::Confirmed && a.sequence == p.sequence;
            if current && a.start_s > now {
                Notify::new(tenant, &self.notifier, Notice::Reminder, &p.origin)
                    .write(&tx, &a, None, now)
                    .await
                    .map_err(retry)?;
                tracing::info!(appointment_id = a.id, "reminder written");
            }
            tx.commit().await.map_err(retry)?;
            Ok(())
        })
    }
}
