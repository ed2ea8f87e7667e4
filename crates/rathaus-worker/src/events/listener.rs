//! The PostgreSQL side of the event bus: one task per node holds a `PgListener` on
//! [`CHANNEL`] and forwards each notification into the node's broadcast channel.
//!
//! The task must outlive connection trouble. `PgListener` reconnects by itself when its
//! connection drops; any other error replaces the listener with a fresh one, retried with
//! backoff, and is logged. The task ends only when the pool is closed or the bus is dropped.
//! Payloads are never logged (they may name people); only their size is.

use super::{CHANNEL, Event};
use rathaus_db::{DbErr, StoreError};
use sea_orm::sqlx::{self, PgPool, postgres::PgListener};
use std::time::Duration;
use tokio::sync::broadcast;
use tokio::task::JoinHandle;

const MIN_BACKOFF: Duration = Duration::from_millis(250);
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// LISTENs on [`CHANNEL`], then spawns the forwarding task. Returns after LISTEN succeeded.
pub(super) async fn start(pool: &PgPool, local: broadcast::Sender<Event>) -> Result<JoinHandle<()>, StoreError> {
    let listener =
        listen(pool).await.map_err(|e| StoreError::Db(DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e.into()))))?;
    Ok(tokio::spawn(forward(listener, pool.clone(), local)))
}

async fn listen(pool: &PgPool) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

async fn forward(listener: PgListener, pool: PgPool, local: broadcast::Sender<Event>) {
    let mut listener = Some(listener);
    let mut backoff = MIN_BACKOFF;
    loop {
        let Some(active) = listener.as_mut() else {
            tokio::time::sleep(backoff).await;
            backoff = (backoff * 2).min(MAX_BACKOFF);
            match listen(&pool).await {
                Ok(fresh) => {
                    tracing::info!("event listener reconnected");
                    listener = Some(fresh);
                }
                Err(sqlx::Error::PoolClosed) => break,
                Err(e) => {
                    tracing::warn!(error = %e, retry_in = ?backoff, "event listener cannot reconnect")
                }
            }
            continue;
        };
        match active.try_recv().await {
            Ok(Some(notification)) => {
                backoff = MIN_BACKOFF;
                match serde_json::from_str::<Event>(notification.payload()) {
                    Ok(event) => {
                        // Err means nobody is subscribed on this node right now.
                        let _ = local.send(event);
                    }
                    Err(_) => tracing::warn!(bytes = notification.payload().len(), "undecodable event dropped"),
                }
            }
            Ok(None) => {
                tracing::warn!("event listener lost its connection and reconnected; events in between are missed");
            }
            Err(sqlx::Error::PoolClosed) => break,
            Err(e) => {
                tracing::warn!(error = %e, retry_in = ?backoff, "event listener failed; reconnecting");
                listener = None;
            }
        }
    }
    tracing::info!("database pool closed; event listener stopped");
}
