//! Background jobs of booking, run by whichever node claims them (see `rathaus-worker`):
//!
//! * [`holds`] (`booking.expire_holds`, every minute): frees the rows of expired holds and
//!   forgets spent proofs of work. Availability counts expired holds as free already; this
//!   keeps the tables small.
//! * [`capacity`] (`booking.roll_forward`, hourly, and `booking.regenerate` on demand after
//!   a plan change): keeps the capacity rows of every place current up to its horizon.
//! * [`reminders`] (`appointment.reminder`, one per appointment and version): the reminder
//!   at the place's `reminder_hours` before the start.
//! * [`lottery`] (`booking.lottery`, every minute): runs the draws whose window has closed.
//!
//! Periodic jobs re-enqueue themselves for the next period, deduplicated per period, so
//! any number of nodes starting at once create one job per period ([`periodic`]).

pub mod capacity;
pub mod holds;
pub mod lottery;
pub mod periodic;
pub mod reminders;

use crate::Notifier;
use rathaus_db::DatabaseConnection;
use rathaus_worker::{JobError, JobHandler};
use std::sync::Arc;

/// Every handler of this crate, for `Worker::register`.
pub fn handlers(db: &DatabaseConnection, notifier: &Notifier) -> Vec<Arc<dyn JobHandler>> {
    vec![
        Arc::new(holds::ExpireHolds { db: db.clone() }),
        Arc::new(capacity::RollForward { db: db.clone() }),
        Arc::new(capacity::Regenerate { db: db.clone() }),
        Arc::new(reminders::SendReminder { db: db.clone(), notifier: notifier.clone() }),
        Arc::new(lottery::RunDraws { db: db.clone(), notifier: notifier.clone() }),
    ]
}

/// Enqueues the first run of every periodic job (idempotent): call at start-up.
pub async fn start(db: &DatabaseConnection) -> Result<(), rathaus_db::StoreError> {
    let now = rathaus_db::now();
    periodic::schedule(db, holds::KIND, holds::PERIOD_SECS, now - holds::PERIOD_SECS).await?;
    periodic::schedule(db, lottery::KIND, lottery::PERIOD_SECS, now - lottery::PERIOD_SECS).await?;
    periodic::schedule(db, capacity::ROLL_KIND, capacity::ROLL_PERIOD_SECS, now - capacity::ROLL_PERIOD_SECS).await?;
    Ok(())
}

pub(crate) fn retry(e: impl std::fmt::Display) -> JobError {
    JobError::Retry(e.to_string())
}
