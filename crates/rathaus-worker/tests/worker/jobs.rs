//! The job queue: running, retrying, giving up, dedup, leases, and several nodes racing.

use futures_util::future::BoxFuture;
use rathaus_db::entity::job;
use rathaus_db::now;
use rathaus_test_db::{TestDb, dual_test};
use rathaus_worker::jobs::{self, policy};
use rathaus_worker::{Job, JobError, JobHandler, NewJob, Worker};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::json;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc;

const KIND: &str = "test.job";

type Behaviour = dyn Fn(&Job) -> Result<(), JobError> + Send + Sync;

/// A handler that counts its runs per job id and then behaves as told.
struct Recorder {
    runs: Mutex<HashMap<i64, u32>>,
    behaviour: Box<Behaviour>,
}

impl Recorder {
    fn new(behaviour: impl Fn(&Job) -> Result<(), JobError> + Send + Sync + 'static) -> Arc<Recorder> {
        Arc::new(Recorder { runs: Mutex::new(HashMap::new()), behaviour: Box::new(behaviour) })
    }

    fn ok() -> Arc<Recorder> {
        Self::new(|_| Ok(()))
    }

    fn runs(&self, id: i64) -> u32 {
        self.runs.lock().unwrap().get(&id).copied().unwrap_or(0)
    }
}

impl JobHandler for Recorder {
    fn kind(&self) -> &'static str {
        KIND
    }

    fn run<'a>(&'a self, job: &'a Job) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            *self.runs.lock().unwrap().entry(job.id).or_default() += 1;
            (self.behaviour)(job)
        })
    }
}

fn worker(t: &TestDb, handler: Arc<Recorder>) -> Worker {
    Worker::new(t.db.clone(), "node-a").register(handler)
}

async fn enqueue(t: &TestDb, job: NewJob) -> i64 {
    jobs::enqueue(&t.db, job).await.unwrap().expect("enqueued")
}

async fn job(t: &TestDb, id: i64) -> Job {
    jobs::get(&t.db, id).await.unwrap().expect("job exists")
}

/// Moves a job's run-at time to now, as if its backoff had passed.
async fn make_due(t: &TestDb, id: i64) {
    set(t, id, job::Column::RunAt, now()).await;
}

async fn set(t: &TestDb, id: i64, col: job::Column, value: impl Into<sea_orm::Value>) {
    job::Entity::update_many()
        .col_expr(col, Expr::value(value.into()))
        .filter(job::Column::Id.eq(id))
        .exec(&t.db)
        .await
        .unwrap();
}

dual_test!(
    async fn a_job_runs_once_and_is_marked_done(t: TestDb) {
        let handler = Recorder::ok();
        let id = enqueue(&t, NewJob::new(KIND, json!({"n": 1}))).await;
        assert_eq!(jobs::pending_count(&t.db).await.unwrap(), 1);
        let w = worker(&t, handler.clone());
        assert_eq!(w.run_due().await.unwrap(), 1);
        assert_eq!(w.run_due().await.unwrap(), 0, "nothing left");
        assert_eq!(handler.runs(id), 1);
        let j = job(&t, id).await;
        assert_eq!((j.state.as_str(), j.attempts), ("done", 1));
        assert!(j.finished_at.is_some());
        assert_eq!((j.locked_by, j.locked_until), (None, None), "lock released");
        assert_eq!(jobs::pending_count(&t.db).await.unwrap(), 0);
    }
);

dual_test!(
    async fn jobs_in_the_future_and_of_unknown_kinds_are_left_alone(t: TestDb) {
        let later = enqueue(&t, NewJob::new(KIND, json!({})).run_at(now() + 3600)).await;
        let other = enqueue(&t, NewJob::new("test.other", json!({}))).await;
        assert_eq!(worker(&t, Recorder::ok()).run_due().await.unwrap(), 0);
        for id in [later, other] {
            let j = job(&t, id).await;
            assert_eq!((j.state.as_str(), j.attempts, j.locked_by), ("queued", 0, None));
        }
        assert_eq!(jobs::pending_count(&t.db).await.unwrap(), 2, "pending counts jobs not yet due");
        assert_eq!(Worker::new(t.db.clone(), "idle").run_due().await.unwrap(), 0, "no handlers, no claims");
    }
);

dual_test!(
    async fn a_retry_backs_off_then_succeeds(t: TestDb) {
        let handler =
            Recorder::new(|j| if j.attempts == 1 { Err(JobError::Retry("smtp down".into())) } else { Ok(()) });
        let id = enqueue(&t, NewJob::new(KIND, json!({}))).await;
        let w = worker(&t, handler.clone());
        let before = now();
        assert_eq!(w.run_due().await.unwrap(), 1, "the retry is not due yet, so the run stops");
        let after = now();
        let j = job(&t, id).await;
        assert_eq!((j.state.as_str(), j.attempts, j.locked_by), ("queued", 1, None));
        let backoff = policy::backoff_secs(1);
        assert!((before + backoff..=after + backoff).contains(&j.run_at), "run_at {} after backoff", j.run_at);
        assert!(j.last_error.as_deref().unwrap().contains("smtp down"));
        assert_eq!(w.run_due().await.unwrap(), 0);

        make_due(&t, id).await;
        assert_eq!(w.run_due().await.unwrap(), 1);
        let j = job(&t, id).await;
        assert_eq!((j.state.as_str(), j.attempts), ("done", 2));
        assert_eq!(handler.runs(id), 2);
    }
);

dual_test!(
    async fn a_job_fails_after_max_attempts(t: TestDb) {
        let handler = Recorder::new(|_| Err(JobError::Retry("still down".into())));
        let id = enqueue(&t, NewJob::new(KIND, json!({})).max_attempts(3)).await;
        let w = worker(&t, handler.clone());
        for attempt in 1..=3 {
            assert_eq!(w.run_due().await.unwrap(), 1, "attempt {attempt}");
            make_due(&t, id).await;
        }
        assert_eq!(w.run_due().await.unwrap(), 0, "failed jobs are not run again");
        let j = job(&t, id).await;
        assert_eq!((j.state.as_str(), j.attempts), ("failed", 3));
        assert!(j.finished_at.is_some());
        assert!(j.last_error.as_deref().unwrap().contains("still down"));
        assert_eq!(handler.runs(id), 3);
        assert_eq!(jobs::pending_count(&t.db).await.unwrap(), 0);
    }
);

dual_test!(
    async fn a_permanent_error_fails_at_once(t: TestDb) {
        let handler = Recorder::new(|_| Err(JobError::Permanent("no such recipient".into())));
        let id = enqueue(&t, NewJob::new(KIND, json!({}))).await;
        assert_eq!(worker(&t, handler.clone()).run_due().await.unwrap(), 1);
        let j = job(&t, id).await;
        assert_eq!((j.state.as_str(), j.attempts), ("failed", 1));
        assert!(j.last_error.as_deref().unwrap().contains("no such recipient"));
    }
);

dual_test!(
    async fn a_dedup_key_enqueues_once_even_inside_a_transaction(t: TestDb) {
        let first = jobs::enqueue(&t.db, NewJob::new(KIND, json!({})).dedup_key("case-7")).await.unwrap();
        assert!(first.is_some());
        // A duplicate must not abort the surrounding transaction (it would on PostgreSQL with a
        // failed INSERT): the next statements and the commit still work.
        let tx = rathaus_db::begin_write(&t.db).await.unwrap();
        assert_eq!(jobs::enqueue(&tx, NewJob::new(KIND, json!({})).dedup_key("case-7")).await.unwrap(), None);
        let other_kind = jobs::enqueue(&tx, NewJob::new("test.other", json!({})).dedup_key("case-7")).await.unwrap();
        assert!(other_kind.is_some(), "keys are per kind");
        tx.commit().await.unwrap();
        // Without a key there is no dedup.
        let a = jobs::enqueue(&t.db, NewJob::new(KIND, json!({}))).await.unwrap();
        let b = jobs::enqueue(&t.db, NewJob::new(KIND, json!({}))).await.unwrap();
        assert!(a.is_some() && b.is_some() && a != b);
        // Racing enqueues of one key, on all pooled connections: exactly one wins.
        let racing = (0..8).map(|_| jobs::enqueue(&t.db, NewJob::new(KIND, json!({})).dedup_key("case-8")));
        let results = futures_util::future::join_all(racing).await;
        let won: Vec<_> = results.into_iter().filter_map(|r| r.unwrap()).collect();
        assert_eq!(won.len(), 1, "{won:?}");
        assert_eq!(jobs::pending_count(&t.db).await.unwrap(), 5);
    }
);

dual_test!(
    async fn a_job_enqueued_in_a_rolled_back_transaction_does_not_exist(t: TestDb) {
        let tx = t.db.begin().await.unwrap();
        jobs::enqueue(&tx, NewJob::new(KIND, json!({}))).await.unwrap();
        tx.rollback().await.unwrap();
        assert_eq!(jobs::pending_count(&t.db).await.unwrap(), 0);
    }
);

dual_test!(
    async fn a_job_whose_lease_expired_is_run_again(t: TestDb) {
        let handler = Recorder::ok();
        let id = enqueue(&t, NewJob::new(KIND, json!({}))).await;
        // A node claimed it and died mid-run.
        set(&t, id, job::Column::LockedBy, "dead-node/abc").await;
        set(&t, id, job::Column::Attempts, 1).await;
        set(&t, id, job::Column::LockedUntil, now() + 300).await;
        let w = worker(&t, handler.clone());
        assert_eq!(w.run_due().await.unwrap(), 0, "a leased job is not claimed");
        set(&t, id, job::Column::LockedUntil, now() - 1).await;
        assert_eq!(w.run_due().await.unwrap(), 1, "an expired lease is claimed again");
        let j = job(&t, id).await;
        assert_eq!((j.state.as_str(), j.attempts, j.locked_by), ("done", 2, None));
        assert_eq!(handler.runs(id), 1);
    }
);

dual_test!(
    async fn two_nodes_racing_run_every_job_exactly_once(t: TestDb) {
        const JOBS: usize = 200;
        let handler = Recorder::ok();
        let mut ids = Vec::with_capacity(JOBS);
        for i in 0..JOBS {
            ids.push(enqueue(&t, NewJob::new(KIND, json!({ "i": i }))).await);
        }
        // Node B has a pool of its own, as a separate process would.
        let second = rathaus_db::connect(&t.url).await.unwrap();
        let a = worker(&t, handler.clone());
        let b = Worker::new(second, "node-b").register(handler.clone());
        let (ran_a, ran_b) = tokio::join!(
            tokio::spawn(async move { a.run_due().await }),
            tokio::spawn(async move { b.run_due().await })
        );
        let (ran_a, ran_b) = (ran_a.unwrap().unwrap(), ran_b.unwrap().unwrap());
        assert_eq!(ran_a + ran_b, JOBS, "a ran {ran_a}, b ran {ran_b}");
        let runs = handler.runs.lock().unwrap().clone();
        assert_eq!(runs.len(), JOBS);
        for id in &ids {
            assert_eq!(runs.get(id), Some(&1), "job {id} ran exactly once");
        }
        assert_eq!(jobs::pending_count(&t.db).await.unwrap(), 0);
    }
);

/// Panics on jobs whose payload says so and reports every run on a channel.
struct Panicky {
    ran: mpsc::UnboundedSender<i64>,
}

impl JobHandler for Panicky {
    fn kind(&self) -> &'static str {
        KIND
    }

    fn run<'a>(&'a self, job: &'a Job) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let _ = self.ran.send(job.id);
            if job.payload.contains("panic") {
                panic!("handler bug");
            }
            Ok(())
        })
    }
}

dual_test!(
    async fn a_panicking_handler_does_not_kill_the_worker(t: TestDb) {
        let (ran, mut runs) = mpsc::unbounded_channel();
        let w = Worker::new(t.db.clone(), "node-a")
            .register(Arc::new(Panicky { ran }))
            .with_poll_interval(Duration::from_millis(50));
        let bad = enqueue(&t, NewJob::new(KIND, json!("panic"))).await;
        assert_eq!(w.run_due().await.unwrap(), 1);
        let j = job(&t, bad).await;
        assert_eq!((j.state.as_str(), j.attempts, j.locked_by), ("queued", 1, None), "a panic counts as a retry");
        assert!(j.last_error.as_deref().unwrap().contains("handler bug"));
        assert_eq!(runs.recv().await, Some(bad));

        // The polling loop survives a panic and keeps running later jobs, until shut down.
        let (stop, shutdown) = tokio::sync::watch::channel(false);
        let running = tokio::spawn(w.run(shutdown));
        make_due(&t, bad).await;
        let good = enqueue(&t, NewJob::new(KIND, json!("fine"))).await;
        let mut seen = Vec::new();
        while !seen.contains(&good) {
            let id =
                tokio::time::timeout(Duration::from_secs(10), runs.recv()).await.expect("worker ran jobs").unwrap();
            seen.push(id);
        }
        assert!(seen.contains(&bad), "the panicking job ran again");
        stop.send(true).unwrap();
        tokio::time::timeout(Duration::from_secs(10), running).await.expect("worker stops").unwrap();
        assert_eq!(job(&t, good).await.state, "done");
        assert_eq!(job(&t, bad).await.attempts, 2);
    }
);

/// Blocks each run until released, announcing that it started.
struct Blocking {
    started: mpsc::UnboundedSender<i64>,
    release: tokio::sync::Semaphore,
}

impl JobHandler for Blocking {
    fn kind(&self) -> &'static str {
        KIND
    }

    fn run<'a>(&'a self, job: &'a Job) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let _ = self.started.send(job.id);
            let _permit = self.release.acquire().await.map_err(|e| JobError::Retry(e.to_string()))?;
            Ok(())
        })
    }
}

dual_test!(
    async fn a_long_job_keeps_its_lease_alive(t: TestDb) {
        let (started, mut starts) = mpsc::unbounded_channel();
        let handler = Arc::new(Blocking { started, release: tokio::sync::Semaphore::new(0) });
        let w = Worker::new(t.db.clone(), "node-a").register(handler.clone()).with_lease(Duration::from_secs(1));
        let id = enqueue(&t, NewJob::new(KIND, json!({}))).await;
        let running = tokio::spawn(async move { w.run_due().await });
        assert_eq!(tokio::time::timeout(Duration::from_secs(10), starts.recv()).await.unwrap(), Some(id));
        let first = job(&t, id).await.locked_until.unwrap();
        let renewed = async {
            loop {
                let until = job(&t, id).await.locked_until.unwrap();
                if until > first {
                    return until;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        };
        tokio::time::timeout(Duration::from_secs(10), renewed).await.expect("the lease is renewed while the job runs");
        let other = Recorder::ok();
        assert_eq!(worker(&t, other.clone()).run_due().await.unwrap(), 0, "another node cannot take a live job");
        handler.release.add_permits(1);
        assert_eq!(tokio::time::timeout(Duration::from_secs(10), running).await.unwrap().unwrap().unwrap(), 1);
        assert_eq!(job(&t, id).await.state, "done");
    }
);

dual_test!(
    async fn purging_removes_old_done_jobs_only(t: TestDb) {
        let ok = enqueue(&t, NewJob::new(KIND, json!({}))).await;
        let other = enqueue(&t, NewJob::new("test.other", json!({}))).await;
        assert_eq!(worker(&t, Recorder::ok()).run_due().await.unwrap(), 1);
        let failed = enqueue(&t, NewJob::new(KIND, json!({}))).await;
        worker(&t, Recorder::new(|_| Err(JobError::Permanent("x".into())))).run_due().await.unwrap();
        assert_eq!(jobs::purge_finished(&t.db, 3600).await.unwrap(), 0, "finished just now");
        for id in [ok, failed] {
            set(&t, id, job::Column::FinishedAt, now() - 7200).await;
        }
        assert_eq!(jobs::purge_finished(&t.db, 3600).await.unwrap(), 1);
        assert!(jobs::get(&t.db, ok).await.unwrap().is_none());
        assert_eq!(job(&t, failed).await.state, "failed", "failed jobs are kept for inspection");
        assert_eq!(job(&t, other).await.state, "queued");
    }
);
