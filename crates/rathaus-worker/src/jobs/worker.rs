//! The worker loop: claim a due job, run its handler under a lease that is kept alive while
//! it runs, write down the outcome, repeat.
//!
//! A handler that panics is caught and counted as a retryable failure, so one bad job cannot
//! take the node's worker down. Logs carry the job id and kind only, never payloads or
//! handler messages (those may hold personal data; they go to `jobs.last_error`).

use super::policy::{self, Outcome};
use super::{Job, JobError, JobHandler, lease};
use futures_util::FutureExt;
use rathaus_db::{DatabaseConnection, StoreError, now};
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tracing::Instrument;

/// How long a claimed job stays leased without a heartbeat, unless configured otherwise.
pub const DEFAULT_LEASE: Duration = Duration::from_secs(300);
/// How long [`Worker::run`] sleeps when no job is due, unless configured otherwise.
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(1);

/// Claims and runs due jobs.
#[derive(Clone)]
pub struct Worker {
    pub db: DatabaseConnection,
    /// Names this node in `jobs.locked_by` (followed by a per-claim token).
    pub node_id: String,
    pub handlers: Vec<Arc<dyn JobHandler>>,
    /// Sleep between polls of [`Worker::run`] when no job is due.
    pub poll_interval: Duration,
    /// Lease on a claimed job; renewed every third of it while the handler runs. A job whose
    /// node died becomes claimable again when the lease runs out.
    pub lease: Duration,
}

impl Worker {
    pub fn new(db: DatabaseConnection, node_id: impl Into<String>) -> Self {
        Worker {
            db,
            node_id: node_id.into(),
            handlers: Vec::new(),
            poll_interval: DEFAULT_POLL_INTERVAL,
            lease: DEFAULT_LEASE,
        }
    }

    /// Adds the handler for its kind, replacing an earlier one of the same kind.
    pub fn register(mut self, handler: Arc<dyn JobHandler>) -> Self {
        self.handlers.retain(|h| h.kind() != handler.kind());
        self.handlers.push(handler);
        self
    }

    pub fn with_poll_interval(mut self, poll_interval: Duration) -> Self {
        self.poll_interval = poll_interval;
        self
    }

    /// Sets the lease (whole seconds, at least one).
    pub fn with_lease(mut self, lease: Duration) -> Self {
        self.lease = lease;
        self
    }

    /// Claims and runs due jobs until none is due; returns how many ran. Jobs that become due
    /// meanwhile (a retry with backoff is not) are run too.
    pub async fn run_due(&self) -> Result<usize, StoreError> {
        self.run_due_until(None).await
    }

    /// Runs due jobs, then sleeps for the poll interval, until `shutdown` turns true (or its
    /// sender is dropped). A job that is running when shutdown is asked for is finished first.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        tracing::info!(node = %self.node_id, kinds = ?self.kinds(), "job worker started");
        loop {
            if *shutdown.borrow() {
                break;
            }
            if let Err(e) = self.run_due_until(Some(&shutdown)).await {
                tracing::error!(error = %e, "job worker: database error; retrying after the poll interval");
            }
            tokio::select! {
                _ = tokio::time::sleep(self.poll_interval) => {}
                changed = shutdown.changed() => if changed.is_err() { break },
            }
        }
        tracing::info!(node = %self.node_id, "job worker stopped");
    }

    fn kinds(&self) -> Vec<&'static str> {
        self.handlers.iter().map(|h| h.kind()).collect()
    }

    fn lease_secs(&self) -> i64 {
        i64::try_from(self.lease.as_secs()).unwrap_or(i64::MAX / 4).max(1)
    }

    async fn run_due_until(&self, shutdown: Option<&watch::Receiver<bool>>) -> Result<usize, StoreError> {
        let kinds = self.kinds();
        let mut ran = 0;
        while !shutdown.is_some_and(|s| *s.borrow()) {
            let claim = format!("{}/{}", self.node_id, rathaus_db::random_token(12));
            let Some(job) = lease::claim_next(&self.db, &kinds, &claim, now(), self.lease_secs()).await? else {
                break;
            };
            let span = tracing::info_span!("job", job_id = job.id, kind = %job.kind, attempt = job.attempts);
            self.run_claimed(&job, &claim).instrument(span).await?;
            ran += 1;
        }
        Ok(ran)
    }

    async fn run_claimed(&self, job: &Job, claim: &str) -> Result<(), StoreError> {
        let Some(handler) = self.handlers.iter().find(|h| h.kind() == job.kind) else {
            // Cannot happen: claims are filtered by the registered kinds.
            return Err(StoreError::NotFound);
        };
        let result = self.run_with_heartbeat(handler.as_ref(), job, claim).await;
        let outcome = policy::decide(result, job.attempts, job.max_attempts, now());
        match &outcome {
            Outcome::Done => tracing::info!("job done"),
            Outcome::Retry { run_at, .. } => tracing::warn!(run_at, "job failed; will retry"),
            Outcome::Failed { .. } => tracing::error!("job failed for good"),
        }
        if !lease::finish(&self.db, job.id, claim, outcome, now()).await? {
            tracing::warn!("job lease was lost while it ran; its outcome is discarded");
        }
        Ok(())
    }

    /// Runs the handler, catching a panic as a retryable error, and renews the lease every
    /// third of its length until the handler returns.
    async fn run_with_heartbeat(&self, handler: &dyn JobHandler, job: &Job, claim: &str) -> Result<(), JobError> {
        let run = AssertUnwindSafe(async { handler.run(job).await }).catch_unwind();
        tokio::pin!(run);
        let every = Duration::from_secs(self.lease_secs() as u64) / 3;
        let mut heartbeat = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        heartbeat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let result = loop {
            tokio::select! {
                result = &mut run => break result,
                _ = heartbeat.tick() => {
                    match lease::extend(&self.db, job.id, claim, now() + self.lease_secs()).await {
                        Ok(true) => {}
                        Ok(false) => tracing::warn!("job lease was lost while it runs"),
                        Err(e) => tracing::warn!(error = %e, "job lease could not be renewed"),
                    }
                }
            }
        };
        result.unwrap_or_else(|panic| {
            tracing::error!("job handler panicked");
            Err(JobError::Retry(format!("handler panicked: {}", panic_message(panic.as_ref()))))
        })
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    if let Some(s) = panic.downcast_ref::<&'static str>() {
        s
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s
    } else {
        "non-string panic payload"
    }
}
