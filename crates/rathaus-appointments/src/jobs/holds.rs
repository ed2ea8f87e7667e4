//! `booking.expire_holds`: every minute, frees the rows of expired holds (deleting the
//! held appointments) and forgets spent proofs of work whose validity ended.

use super::{periodic, retry};
use futures_util::future::BoxFuture;
use rathaus_db::DatabaseConnection;
use rathaus_worker::{Job, JobError, JobHandler};

pub const KIND: &str = "booking.expire_holds";
pub const PERIOD_SECS: i64 = 60;

pub struct ExpireHolds {
    pub db: DatabaseConnection,
}

impl JobHandler for ExpireHolds {
    fn kind(&self) -> &'static str {
        KIND
    }

    fn run<'a>(&'a self, _job: &'a Job) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let now = jiff::Timestamp::now();
            let freed = rathaus_booking::expire_holds(&self.db, now).await.map_err(retry)?;
            let spent = rathaus_db::spent_tokens::purge_expired(&self.db, now.as_second()).await.map_err(retry)?;
            tracing::debug!(freed, spent, "expired holds and proofs cleared");
            periodic::schedule(&self.db, KIND, PERIOD_SECS, now.as_second()).await.map_err(retry)?;
            Ok(())
        })
    }
}
