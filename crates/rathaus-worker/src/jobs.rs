//! The job queue: background work stored as rows of `jobs`, shared by all nodes.
//!
//! * [`enqueue`] adds a job, also inside a caller's transaction (so a job is queued if and
//!   only if the change that needs it commits). A `dedup_key` makes enqueueing idempotent,
//!   enforced by the unique index on `(kind, dedup_key)` via `INSERT … ON CONFLICT DO
//!   NOTHING`, which does not abort a surrounding PostgreSQL transaction.
//! * [`Worker`] claims one due job at a time with a single conditional UPDATE that sets a
//!   lease (see `lease`), so exactly one node runs it; a job whose node died is claimed
//!   again once the lease runs out. Handlers must therefore be idempotent.
//! * Failures retry with exponential backoff until `max_attempts` (see `policy`); then, or
//!   on [`JobError::Permanent`], the job is marked failed and kept for inspection.
//! * [`pending_count`], [`get`] and [`purge_finished`] serve tests, the CLI and housekeeping.
//!
//! States: `queued` (waiting or running; running means leased), `done`, `failed`.
//! Times are epoch seconds from each node's clock, so node clocks must roughly agree (leases
//! are minutes long, skew of a few seconds is harmless).

mod lease;
pub mod policy;
mod worker;

pub use worker::{DEFAULT_LEASE, DEFAULT_POLL_INTERVAL, Worker};

use lease::{DONE, QUEUED};
use rathaus_db::entity::job;
use rathaus_db::{StoreError, TenantId};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set, TryInsertResult};

pub use rathaus_db::entity::job::Model as Job;

/// A job to enqueue.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: String,
    pub payload: serde_json::Value,
    pub tenant: Option<TenantId>,
    /// UTC epoch seconds; `rathaus_db::now()` for "as soon as possible".
    pub run_at: i64,
    pub max_attempts: i32,
    /// At most one job per (kind, dedup_key) is ever enqueued; a second enqueue is a no-op.
    pub dedup_key: Option<String>,
}

impl NewJob {
    pub fn new(kind: impl Into<String>, payload: serde_json::Value) -> Self {
        Self { kind: kind.into(), payload, tenant: None, run_at: rathaus_db::now(), max_attempts: 8, dedup_key: None }
    }

    pub fn tenant(mut self, tenant: TenantId) -> Self {
        self.tenant = Some(tenant);
        self
    }

    pub fn run_at(mut self, run_at: i64) -> Self {
        self.run_at = run_at;
        self
    }

    pub fn max_attempts(mut self, max_attempts: i32) -> Self {
        self.max_attempts = max_attempts;
        self
    }

    pub fn dedup_key(mut self, key: impl Into<String>) -> Self {
        self.dedup_key = Some(key.into());
        self
    }
}

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// Try again later (with backoff), until `max_attempts` is reached.
    #[error("retry: {0}")]
    Retry(String),
    /// Give up now; the job is marked failed.
    #[error("permanent: {0}")]
    Permanent(String),
}

/// Runs jobs of one kind. Handlers must be idempotent: a job whose lease expired mid-run
/// (node crash) is run again.
pub trait JobHandler: Send + Sync + 'static {
    fn kind(&self) -> &'static str;
    fn run<'a>(&'a self, job: &'a Job) -> futures_util::future::BoxFuture<'a, Result<(), JobError>>;
}

/// Enqueues a job; returns its id, or `None` when the dedup key already exists.
pub async fn enqueue(db: &impl ConnectionTrait, job: NewJob) -> Result<Option<i64>, StoreError> {
    let row = job::ActiveModel {
        tenant_id: Set(job.tenant.map(|t| t.0)),
        kind: Set(job.kind),
        payload: Set(job.payload.to_string()),
        dedup_key: Set(job.dedup_key),
        run_at: Set(job.run_at),
        attempts: Set(0),
        max_attempts: Set(job.max_attempts),
        locked_by: Set(None),
        locked_until: Set(None),
        last_error: Set(None),
        created_at: Set(rathaus_db::now()),
        finished_at: Set(None),
        state: Set(QUEUED.to_owned()),
        ..Default::default()
    };
    // `ON CONFLICT DO NOTHING` without a conflict target: the only unique constraints on
    // `jobs` are the primary key and `ux_jobs_dedup` (kind, dedup_key). Naming the columns
    // would make SQLite match them against its cached schema when preparing, and a pooled
    // connection whose schema was read while migrations ran can lack the index; it then fails
    // with "ON CONFLICT clause does not match any PRIMARY KEY or UNIQUE constraint" instead of
    // reloading the schema. Without a target the schema is checked at execution, as usual.
    let inserted =
        job::Entity::insert(row).on_conflict(OnConflict::new().do_nothing().to_owned()).try_insert().exec(db).await?;
    Ok(match inserted {
        TryInsertResult::Inserted(r) => Some(r.last_insert_id),
        TryInsertResult::Conflicted | TryInsertResult::Empty => None,
    })
}

/// Queued jobs, due or not (running ones included): what is left to do.
pub async fn pending_count(db: &impl ConnectionTrait) -> Result<u64, StoreError> {
    Ok(job::Entity::find().filter(job::Column::State.eq(QUEUED)).count(db).await?)
}

pub async fn get(db: &impl ConnectionTrait, id: i64) -> Result<Option<Job>, StoreError> {
    Ok(job::Entity::find_by_id(id).one(db).await?)
}

/// Deletes done jobs that finished more than `older_than_secs` ago; returns how many.
/// Failed jobs are kept for inspection.
pub async fn purge_finished(db: &impl ConnectionTrait, older_than_secs: i64) -> Result<u64, StoreError> {
    let cutoff = rathaus_db::now() - older_than_secs;
    Ok(job::Entity::delete_many()
        .filter(job::Column::State.eq(DONE))
        .filter(job::Column::FinishedAt.lt(cutoff))
        .exec(db)
        .await?
        .rows_affected)
}
