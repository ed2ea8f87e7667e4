//! Self-scheduling periodic jobs: each run enqueues the run of the next period slot,
//! deduplicated by slot, so a job exists once per period however many nodes schedule it.

use rathaus_worker::{NewJob, jobs};
use sea_orm::ConnectionTrait;

/// Enqueues `kind` for the period slot after `after` (idempotent).
pub async fn schedule(
    db: &impl ConnectionTrait,
    kind: &str,
    period_secs: i64,
    after: i64,
) -> Result<(), rathaus_db::StoreError> {
    let slot = after.div_euclid(period_secs) + 1;
    let job = NewJob::new(kind, serde_json::Value::Null).run_at(slot * period_secs).dedup_key(format!("slot-{slot}"));
    jobs::enqueue(db, job).await?;
    Ok(())
}
