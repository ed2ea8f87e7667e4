//! The event bus: publish/subscribe for "something changed" signals (a ticket was called,
//! a case moved on), so that every node can push updates to its open browser connections.
//!
//! * SQLite (one node): an in-process tokio broadcast channel.
//! * PostgreSQL (many nodes): [`EventBus::publish`] sends `NOTIFY rathaus_events` with the
//!   event as JSON; each node runs one listener task (see `listener`) that forwards every
//!   notification into its local broadcast channel. A node therefore receives its own events
//!   exactly once, through the database like everybody else's.
//!
//! Delivery is best effort, as with any broadcast: a subscriber that falls more than
//! [`CAPACITY`] events behind gets `RecvError::Lagged`, and events published while a node's
//! listener is reconnecting are missed by that node. Subscribers that must not miss anything
//! re-read the state from the database after a lag or reconnect; the event is only a nudge.
//!
//! Payloads are limited to [`MAX_PAYLOAD_BYTES`] of JSON on both engines (PostgreSQL caps a
//! NOTIFY payload at 8000 bytes), so code that works on SQLite also works on PostgreSQL. Send
//! ids, not documents.

mod listener;

use rathaus_db::{DbErr, Engine, StoreError};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tokio::sync::broadcast;

/// The PostgreSQL channel all nodes LISTEN on.
pub const CHANNEL: &str = "rathaus_events";
/// How many events a subscriber may fall behind before it lags.
pub const CAPACITY: usize = 1024;
/// The largest event, as JSON, that [`EventBus::publish`] accepts.
pub const MAX_PAYLOAD_BYTES: usize = 7900;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub topic: String,
    pub tenant_id: Option<i64>,
    pub payload: serde_json::Value,
}

/// A handle on the node's event bus; clones share it. Dropping the last clone stops the
/// PostgreSQL listener task.
#[derive(Clone)]
pub struct EventBus {
    inner: Arc<Inner>,
}

struct Inner {
    local: broadcast::Sender<Event>,
    transport: Transport,
}

enum Transport {
    InProcess,
    Postgres { db: DatabaseConnection, listener: tokio::task::JoinHandle<()> },
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let Transport::Postgres { listener, .. } = &self.transport {
            listener.abort();
        }
    }
}

impl EventBus {
    /// Starts the bus for `db`'s engine. On PostgreSQL this returns once the listener is
    /// LISTENing, so an event published after `start` returns is not missed.
    pub async fn start(db: &DatabaseConnection) -> Result<EventBus, StoreError> {
        let (local, _) = broadcast::channel(CAPACITY);
        let transport = match rathaus_db::engine_of(db) {
            Engine::Sqlite => Transport::InProcess,
            Engine::Postgres => {
                let listener = listener::start(db.get_postgres_connection_pool(), local.clone()).await?;
                Transport::Postgres { db: db.clone(), listener }
            }
        };
        Ok(EventBus { inner: Arc::new(Inner { local, transport }) })
    }

    /// Publishes `event` to all subscribers on all nodes. Fails for a payload over
    /// [`MAX_PAYLOAD_BYTES`]; having no subscriber is not an error.
    pub async fn publish(&self, event: Event) -> Result<(), StoreError> {
        let json = serde_json::to_string(&event)
            .map_err(|e| StoreError::Db(DbErr::Custom(format!("event cannot be encoded as JSON: {e}"))))?;
        if json.len() > MAX_PAYLOAD_BYTES {
            return Err(StoreError::Db(DbErr::Custom(format!(
                "event payload too large: {} bytes of JSON, at most {MAX_PAYLOAD_BYTES} \
                 (PostgreSQL NOTIFY limit); publish ids and let subscribers load the data",
                json.len()
            ))));
        }
        match &self.inner.transport {
            Transport::InProcess => {
                // Err means nobody is subscribed right now, which is fine.
                let _ = self.inner.local.send(event);
            }
            Transport::Postgres { db, .. } => {
                db.execute_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "SELECT pg_notify($1, $2)",
                    [CHANNEL.into(), json.into()],
                ))
                .await?;
            }
        }
        Ok(())
    }

    /// Receives every event published after this call, on any node.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.inner.local.subscribe()
    }
}
