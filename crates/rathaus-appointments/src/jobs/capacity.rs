//! Capacity rows in step with the plan: `booking.roll_forward` (hourly) regenerates every
//! place of every tenant from today to the end of its horizon, so the day a rolling release
//! opens has its rows in time, and applies the retention period (personal data of
//! appointments that ended [`RETENTION_DAYS`] ago are removed, old lottery entries deleted); `booking.regenerate` does one place right after an admin
//! changed its hours, counters, staffing or policy ([`regenerate_soon`]).

use super::{periodic, retry};
use futures_util::future::BoxFuture;
use jiff::{Timestamp, ToSpan};
use rathaus_db::appointments::plan;
use rathaus_db::{DatabaseConnection, StoreError, TenantId, tenants};
use rathaus_worker::{Job, JobError, JobHandler, NewJob, jobs};
use sea_orm::ConnectionTrait;

pub const ROLL_KIND: &str = "booking.roll_forward";
pub const ROLL_PERIOD_SECS: i64 = 3600;
pub const REGENERATE_KIND: &str = "booking.regenerate";
/// How long after an appointment its personal data are kept (the consent page says so).
pub const RETENTION_DAYS: i64 = 30;

pub struct RollForward {
    pub db: DatabaseConnection,
}

impl JobHandler for RollForward {
    fn kind(&self) -> &'static str {
        ROLL_KIND
    }

    fn run<'a>(&'a self, _job: &'a Job) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let now = Timestamp::now();
            let before = now.as_second() - RETENTION_DAYS * 86_400;
            let anonymised =
                rathaus_db::appointments::changes::anonymise_ended_before(&self.db, before).await.map_err(retry)?;
            let entries = rathaus_db::appointments::lottery::purge_before(&self.db, before).await.map_err(retry)?;
            tracing::info!(anonymised, entries, "appointment retention applied");
            for t in tenants::list(&self.db).await.map_err(retry)? {
                let reports = rathaus_booking::roll_forward(&self.db, t.tenant_id(), now).await.map_err(retry)?;
                let conflicts: usize = reports.iter().map(|(_, r)| r.conflicts.len()).sum();
                tracing::info!(tenant = t.id, places = reports.len(), conflicts, "capacity rolled forward");
            }
            periodic::schedule(&self.db, ROLL_KIND, ROLL_PERIOD_SECS, now.as_second()).await.map_err(retry)?;
            Ok(())
        })
    }
}

/// Asks for the capacity of one place (`None`: every place of the tenant) to be
/// regenerated soon, e.g. after an admin changed hours, counters or the plan.
pub async fn regenerate_soon(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: Option<i64>,
) -> Result<(), StoreError> {
    let job = NewJob::new(REGENERATE_KIND, serde_json::json!({ "place_id": place_id })).tenant(tenant);
    jobs::enqueue(db, job).await?;
    Ok(())
}

pub struct Regenerate {
    pub db: DatabaseConnection,
}

impl JobHandler for Regenerate {
    fn kind(&self) -> &'static str {
        REGENERATE_KIND
    }

    fn run<'a>(&'a self, job: &'a Job) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let tenant = TenantId(job.tenant_id.ok_or_else(|| JobError::Permanent("no tenant".into()))?);
            let payload: serde_json::Value =
                serde_json::from_str(&job.payload).map_err(|e| JobError::Permanent(e.to_string()))?;
            match payload["place_id"].as_i64() {
                Some(place_id) => {
                    regenerate_place(&self.db, tenant, place_id, Timestamp::now()).await.map_err(retry)?;
                }
                None => {
                    rathaus_booking::roll_forward(&self.db, tenant, Timestamp::now()).await.map_err(retry)?;
                }
            }
            Ok(())
        })
    }
}

/// Regenerates one place from today to the end of its horizon (also used directly by the
/// admin pages and the demo loader).
pub async fn regenerate_place(
    db: &DatabaseConnection,
    tenant: TenantId,
    place_id: i64,
    now: Timestamp,
) -> Result<rathaus_booking::RegenerateReport, rathaus_booking::BookingError> {
    let tz = tenants::get(db, tenant).await?.ok_or(rathaus_booking::BookingError::NotFound)?.tz();
    let today = tz.to_datetime(now).date();
    let policy = plan::policy(db, tenant, place_id).await?;
    let last = today.checked_add(i64::from(policy.horizon_days).days())?;
    rathaus_booking::regenerate(db, tenant, place_id, today, last, now).await
}
