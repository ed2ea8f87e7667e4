//! Periodic clean-up, run as a job so that exactly one node does it each hour: expired
//! sessions, old failed-login records, finished jobs, the front desk's call log, and
//! tickets left open from an earlier day. Each run enqueues the next one
//! (deduplicated per hour slot, so many nodes starting at once create one job).

use futures_util::future::BoxFuture;
use rathaus_db::{DatabaseConnection, front_desk, sessions, throttle};
use rathaus_worker::{Job, JobError, JobHandler, NewJob, jobs};
use sea_orm::ConnectionTrait;

pub const KIND: &str = "housekeeping";
const PERIOD_SECS: i64 = 3600;
/// Failed logins older than this no longer count for throttling.
const LOGIN_FAILURE_RETENTION_SECS: i64 = 24 * 3600;
/// Finished jobs are kept a week for inspection.
const FINISHED_JOB_RETENTION_SECS: i64 = 7 * 24 * 3600;
/// The call log feeds the displays of the day; a week is kept for questions.
const QUEUE_EVENT_RETENTION_SECS: i64 = 7 * 24 * 3600;
/// A ticket still open this long after its check-in was left over at closing time.
const STALE_TICKET_SECS: i64 = 18 * 3600;

/// Enqueues the run for the next hour slot (idempotent).
pub async fn schedule_next(db: &impl ConnectionTrait, after: i64) -> Result<(), rathaus_db::StoreError> {
    let slot = after / PERIOD_SECS + 1;
    let job = NewJob::new(KIND, serde_json::Value::Null).run_at(slot * PERIOD_SECS).dedup_key(format!("slot-{slot}"));
    jobs::enqueue(db, job).await?;
    Ok(())
}

pub struct Housekeeping {
    pub db: DatabaseConnection,
}

impl JobHandler for Housekeeping {
    fn kind(&self) -> &'static str {
        KIND
    }

    fn run<'a>(&'a self, _job: &'a Job) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let now = rathaus_db::now();
            let retry = |e: rathaus_db::StoreError| JobError::Retry(e.to_string());
            let sessions = sessions::purge_expired(&self.db).await.map_err(retry)?;
            let failures = throttle::purge_before(&self.db, now - LOGIN_FAILURE_RETENTION_SECS).await.map_err(retry)?;
            let finished = jobs::purge_finished(&self.db, FINISHED_JOB_RETENTION_SECS).await.map_err(retry)?;
            let calls = front_desk::events::prune(&self.db, now - QUEUE_EVENT_RETENTION_SECS).await.map_err(retry)?;
            let tickets =
                front_desk::tickets::close_stale(&self.db, now - STALE_TICKET_SECS, now).await.map_err(retry)?;
            tracing::info!(sessions, failures, finished, calls, tickets, "housekeeping done");
            schedule_next(&self.db, now).await.map_err(retry)?;
            Ok(())
        })
    }
}
