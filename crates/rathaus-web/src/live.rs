//! Live queue state for the call displays, the citizens' phones and the desks, pushed over
//! server-sent events.
//!
//! One *feed* per place holds the latest [`Live`] snapshot in a `watch` channel. A
//! `queue.changed` event (from this node or, through PostgreSQL NOTIFY, from any other)
//! marks the feed dirty; one task per feed reloads the place's queue from the database
//! and publishes the new snapshot, coalescing bursts of changes into one reload. Every
//! subscriber then formats its own small message (the display all current calls, a phone
//! its own ticket) from the shared snapshot, so a call costs one reload per node however
//! many screens watch. Snapshots are also refreshed every [`TICK`] while someone watches,
//! because estimates move with the clock.
//!
//! A client that reconnects (EventSource does so by itself) gets the current snapshot
//! first, so it catches up on whatever it missed; the call log ids let a display tell
//! which calls are new (gong) and which it already showed.

use rathaus_db::TenantId;
use rathaus_db::front_desk::events::QueueEvent;
use rathaus_domain::Language;
use rathaus_front_desk::state::PlaceQueue;
use rathaus_worker::EventBus;
use sea_orm::DatabaseConnection;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

/// How often a watched feed is recomputed without a change (the estimates follow the clock).
pub const TICK: Duration = Duration::from_secs(30);
/// How many past calls a display lists.
pub const RECENT_CALLS: u64 = 8;

/// One place's queue at one moment.
#[derive(Debug)]
pub struct Live {
    /// Grows with every snapshot of this feed (the SSE event id).
    pub version: u64,
    pub queue: Option<PlaceQueue>,
    /// Today's calls, newest first.
    pub calls: Vec<QueueEvent>,
    /// Messages already formatted from this snapshot: every display of a place (and every
    /// phone following one ticket) in one language gets the same text, formatted once.
    messages: Mutex<HashMap<(MessageKey, Language), Arc<str>>>,
}

/// Which message of a snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageKey {
    Board,
    Ticket(i64),
    Desk,
}

impl Live {
    fn new(version: u64, queue: Option<PlaceQueue>, calls: Vec<QueueEvent>) -> Self {
        Live { version, queue, calls, messages: Mutex::default() }
    }

    /// The JSON of message `key` in `lang`, made by `format` the first time it is asked
    /// for; later subscribers share it.
    pub fn message(
        &self,
        key: MessageKey,
        lang: Language,
        format: impl FnOnce(&Live) -> Option<String>,
    ) -> Option<Arc<str>> {
        let cached = self.messages.lock().unwrap_or_else(|p| p.into_inner()).get(&(key, lang)).cloned();
        if let Some(done) = cached {
            return Some(done);
        }
        let frame: Arc<str> = format(self)?.into();
        let mut messages = self.messages.lock().unwrap_or_else(|p| p.into_inner());
        Some(messages.entry((key, lang)).or_insert(frame).clone())
    }

    /// A service's name in `lang` (German when there is no English one).
    pub fn service_name(&self, id: i64, lang: Language) -> Option<&str> {
        let (de, en) = self.queue.as_ref()?.service_names.get(&id)?;
        Some(if lang == Language::En && !en.is_empty() { en } else { de })
    }
}

struct Feed {
    tx: watch::Sender<Arc<Live>>,
    /// A reload task is running.
    loading: AtomicBool,
    /// A change arrived while loading: load once more.
    dirty: AtomicBool,
}

/// The feeds of this node, by tenant and place.
type Feeds = HashMap<(TenantId, i64), Arc<Feed>>;

#[derive(Clone)]
pub struct QueueHub {
    db: DatabaseConnection,
    feeds: Arc<Mutex<Feeds>>,
    /// Held while a feed is created.
    creating: Arc<tokio::sync::Mutex<()>>,
    versions: Arc<AtomicU64>,
}

impl QueueHub {
    /// Must be called inside a tokio runtime: starts the task that follows queue changes.
    pub fn new(db: DatabaseConnection, events: &EventBus) -> Self {
        let hub = Self { db, feeds: Arc::default(), creating: Arc::default(), versions: Arc::new(AtomicU64::new(1)) };
        hub.follow(events.subscribe());
        hub.tick();
        hub
    }

    fn follow(&self, mut rx: tokio::sync::broadcast::Receiver<rathaus_worker::Event>) {
        let hub = self.clone();
        tokio::spawn(async move {
            use tokio::sync::broadcast::error::RecvError;
            loop {
                match rx.recv().await {
                    Ok(e) if e.topic == rathaus_front_desk::QUEUE_CHANGED => {
                        let place = e.payload.get("place_id").and_then(|v| v.as_i64());
                        if let (Some(tenant), Some(place)) = (e.tenant_id, place) {
                            hub.changed(TenantId(tenant), place);
                        }
                    }
                    Ok(_) => {}
                    // Missed events: everything may have changed.
                    Err(RecvError::Lagged(_)) => hub.changed_all(),
                    Err(RecvError::Closed) => break,
                }
            }
        });
    }

    fn tick(&self) {
        let hub = self.clone();
        tokio::spawn(async move {
            let mut interval = tokio::time::interval(TICK);
            interval.tick().await;
            loop {
                interval.tick().await;
                hub.changed_all();
            }
        });
    }

    fn changed_all(&self) {
        let keys: Vec<(TenantId, i64)> = self.lock().keys().copied().collect();
        for (tenant, place) in keys {
            self.changed(tenant, place);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Feeds> {
        self.feeds.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The place's queue changed: reload its feed if anybody watches it.
    pub fn changed(&self, tenant: TenantId, place_id: i64) {
        let Some(feed) = self.lock().get(&(tenant, place_id)).cloned() else { return };
        if feed.tx.receiver_count() == 0 {
            self.lock().remove(&(tenant, place_id));
            return;
        }
        self.reload(tenant, place_id, feed);
    }

    fn reload(&self, tenant: TenantId, place_id: i64, feed: Arc<Feed>) {
        feed.dirty.store(true, Ordering::SeqCst);
        if feed.loading.swap(true, Ordering::SeqCst) {
            return;
        }
        let hub = self.clone();
        tokio::spawn(async move {
            while feed.dirty.swap(false, Ordering::SeqCst) {
                let live = hub.load(tenant, place_id).await;
                feed.tx.send_replace(Arc::new(live));
            }
            feed.loading.store(false, Ordering::SeqCst);
            // A change that raced with the end of the loop.
            if feed.dirty.load(Ordering::SeqCst) {
                hub.reload(tenant, place_id, feed);
            }
        });
    }

    async fn load(&self, tenant: TenantId, place_id: i64) -> Live {
        let version = self.versions.fetch_add(1, Ordering::SeqCst);
        let now = rathaus_db::now();
        let queue = rathaus_front_desk::state::load(&self.db, tenant, place_id, now).await;
        let calls =
            rathaus_db::front_desk::events::recent(&self.db, tenant, place_id, now - 12 * 3600, RECENT_CALLS).await;
        match (queue, calls) {
            (Ok(queue), Ok(calls)) => Live::new(version, Some(queue), calls),
            (Err(e), _) | (_, Err(e)) => {
                tracing::warn!(error = %e, place_id, "queue snapshot failed");
                Live::new(version, None, Vec::new())
            }
        }
    }

    /// Watches the place's queue; the receiver holds a current snapshot at once.
    pub async fn subscribe(&self, tenant: TenantId, place_id: i64) -> watch::Receiver<Arc<Live>> {
        if let Some(feed) = self.lock().get(&(tenant, place_id)) {
            return feed.tx.subscribe();
        }
        // One load per new feed, however many screens connect at once (a reconnect storm
        // after a network outage would otherwise load the queue once per screen).
        let _creating = self.creating.lock().await;
        if let Some(feed) = self.lock().get(&(tenant, place_id)) {
            return feed.tx.subscribe();
        }
        let live = self.load(tenant, place_id).await;
        let mut feeds = self.lock();
        let feed = feeds.entry((tenant, place_id)).or_insert_with(|| {
            Arc::new(Feed {
                tx: watch::channel(Arc::new(live)).0,
                loading: AtomicBool::new(false),
                dirty: AtomicBool::new(false),
            })
        });
        feed.tx.subscribe()
    }

    /// How many connections watch feeds on this node (for the benchmark and metrics).
    pub fn subscribers(&self) -> usize {
        self.lock().values().map(|f| f.tx.receiver_count()).sum()
    }
}
