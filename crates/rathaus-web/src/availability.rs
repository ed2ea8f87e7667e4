//! The availability cache: answers of `GET /api/v1/availability` are computed once and
//! shared, so a refresh storm costs a hash lookup per request instead of a capacity query.
//!
//! * **Two levels.** A *part* is one place's free starts for a query (services, persons,
//!   dates); an *answer* is the finished JSON. A place's answer is made from its part, a
//!   `location=any` answer by merging the parts of every place offering the services – so a
//!   booking at one place recomputes only that place's part, and `any` answers are rebuilt
//!   from cached parts without a capacity query for the other places.
//! * **Invalidation by generation.** Every change of a place's capacity (hold, release,
//!   confirmation, cancellation, move, regeneration) calls [`AvailabilityCache::changed`],
//!   which bumps a counter for the place and one for its tenant and publishes
//!   `capacity.changed`, so every node bumps its counters too. An entry remembers the counter
//!   of its scope (the place, or the tenant for `any`) when it was computed and is used only
//!   while that counter is unchanged.
//! * **Freshness.** Entries also expire after [`TTL`], because the booking window moves
//!   with the clock (lead time, rolling release): a time may be listed up to a minute after
//!   its lead time has passed. What the cache shows is a proposal; the hold checks the
//!   window again and its conditional UPDATE decides.
//! * **One computation per key, nobody waits for it twice.** The first request after a
//!   change computes the new answer (so a citizen who cancels and reloads sees the freed
//!   time); requests arriving while it is being computed get the previous answer at once
//!   instead of queueing behind it. Without a previous answer they wait for the one
//!   computation in flight. The computation runs in its own task, so a client that hangs
//!   up does not abandon it.
//! * **Refreshes yield to bookings.** At most [`MAX_REFRESHES`] outdated answers are
//!   recomputed at a time; a request that finds all of them busy gets the previous answer.
//!   On a quiet system that never happens; in a storm answers lag a few seconds behind.
//! * **No query on a hit.** The place a request names (key or id) is resolved once per
//!   [`TTL`] too ([`AvailabilityCache::place`]).
//! * **Bounded.** Past [`MAX_ENTRIES`] per level the oldest half is dropped.

use rathaus_booking::PlaceAvailability;
use rathaus_db::TenantId;
use rathaus_worker::{Event, EventBus};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{OnceCell, Semaphore};

/// Topic of the event that tells all nodes a place's capacity changed.
pub const CAPACITY_CHANGED: &str = "capacity.changed";
pub const TTL: Duration = Duration::from_secs(60);
pub const MAX_ENTRIES: usize = 20_000;
/// Refreshes running at once per level. Under a booking storm every booking outdates many
/// answers; recomputing all of them at once would take the cores from the bookings
/// themselves. Past this, the previous answer is served and refreshed later.
pub const MAX_REFRESHES: usize = 1;

/// What an answer depends on: one place, or all places of the tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Place(i64),
    Tenant,
}

/// A finished answer (JSON).
pub type Answer = bytes::Bytes;
/// One place's free starts for a query (empty when it has none).
pub type Part = Arc<Vec<PlaceAvailability>>;

struct Entry<V> {
    made: Instant,
    generation: u64,
    cell: Arc<OnceCell<V>>,
    /// Whether the computation for `cell` is running.
    busy: Arc<AtomicBool>,
    /// The previous entry's value, served while this one is computed.
    stale: Option<V>,
}

impl<V: Clone> Entry<V> {
    fn usable(&self, generation: u64) -> bool {
        self.generation == generation
            && self.made.elapsed() < TTL
            && (self.cell.initialized() || self.busy.load(Ordering::Acquire))
    }

    fn latest(&self) -> Option<V> {
        self.cell.get().cloned().or_else(|| self.stale.clone())
    }
}

/// The computation of an entry's value: while it lives, the entry counts as being computed
/// and holds its refresh permit (if it needed one). Dropped when the computation ends in
/// any way – value, error or panic – so a failed one never blocks the entry.
struct Refresh {
    busy: Arc<AtomicBool>,
    _permit: Option<tokio::sync::OwnedSemaphorePermit>,
}

impl Drop for Refresh {
    fn drop(&mut self) {
        self.busy.store(false, Ordering::Release);
    }
}

/// Entries of one level, by tenant and key.
struct Shelf<V> {
    entries: Mutex<HashMap<(TenantId, String), Entry<V>>>,
    /// Refreshes of answers that have a previous value, at most this many at a time.
    refreshes: Arc<Semaphore>,
}

impl<V> Default for Shelf<V> {
    fn default() -> Self {
        Self { entries: Mutex::default(), refreshes: Arc::new(Semaphore::new(MAX_REFRESHES)) }
    }
}

impl<V: Clone + Send + Sync + 'static> Shelf<V> {
    async fn get_or_compute<F, Fut, E>(
        &self,
        tenant: TenantId,
        generation: u64,
        key: String,
        compute: F,
    ) -> Result<V, E>
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = Result<V, E>> + Send + 'static,
        E: Send + 'static,
    {
        let (cell, stale, refresh) = {
            let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            let k = (tenant, key);
            let previous = entries.get(&k);
            match previous {
                Some(e) if e.usable(generation) => (e.cell.clone(), e.stale.clone(), None),
                _ => {
                    let stale = previous.and_then(Entry::latest);
                    // A refresh that may be put off: only when a permit is free.
                    let permit = match &stale {
                        Some(v) => match self.refreshes.clone().try_acquire_owned() {
                            Ok(permit) => Some(permit),
                            Err(_) => return Ok(v.clone()),
                        },
                        None => None,
                    };
                    if entries.len() >= MAX_ENTRIES {
                        evict_oldest_half(&mut entries);
                    }
                    let entry = Entry {
                        made: Instant::now(),
                        generation,
                        cell: Arc::new(OnceCell::new()),
                        busy: Arc::new(AtomicBool::new(true)),
                        stale: stale.clone(),
                    };
                    let refresh = Refresh { busy: entry.busy.clone(), _permit: permit };
                    let handles = (entry.cell.clone(), stale, Some(refresh));
                    entries.insert(k, entry);
                    handles
                }
            }
        };
        if let Some(v) = cell.get() {
            return Ok(v.clone());
        }
        let Some(refresh) = refresh else {
            if let Some(v) = stale {
                return Ok(v);
            }
            return cell.get_or_try_init(compute).await.cloned();
        };
        let task = tokio::spawn(async move {
            let _refresh = refresh;
            cell.get_or_try_init(compute).await.cloned()
        });
        match task.await {
            Ok(result) => result,
            Err(e) => std::panic::resume_unwind(e.into_panic()),
        }
    }

    fn clear(&self) {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

#[derive(Default)]
struct Inner {
    answers: Shelf<Answer>,
    parts: Shelf<Part>,
    generations: Mutex<HashMap<(TenantId, Scope), u64>>,
    /// Place names as requests give them → the place (found ones only).
    places: Mutex<HashMap<(TenantId, String), (Instant, rathaus_booking::Location)>>,
}

#[derive(Clone, Default)]
pub struct AvailabilityCache {
    inner: Arc<Inner>,
}

impl AvailabilityCache {
    /// A cache that follows `capacity.changed` events from every node.
    pub fn new(events: &EventBus) -> Self {
        let cache = Self::default();
        let follower = cache.clone();
        let mut rx = events.subscribe();
        tokio::spawn(async move {
            loop {
                match rx.recv().await {
                    Ok(e) if e.topic == CAPACITY_CHANGED => {
                        if let (Some(t), Some(p)) = (e.tenant_id, e.payload["place_id"].as_i64()) {
                            follower.bump(TenantId(t), p);
                        }
                    }
                    Ok(_) => {}
                    // Missed events: forget everything rather than serve stale answers.
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => follower.clear(),
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
                }
            }
        });
        cache
    }

    fn generation(&self, tenant: TenantId, scope: Scope) -> u64 {
        let g = self.inner.generations.lock().unwrap_or_else(|e| e.into_inner());
        g.get(&(tenant, scope)).copied().unwrap_or(0)
    }

    fn bump(&self, tenant: TenantId, place_id: i64) {
        let mut g = self.inner.generations.lock().unwrap_or_else(|e| e.into_inner());
        *g.entry((tenant, Scope::Place(place_id))).or_default() += 1;
        *g.entry((tenant, Scope::Tenant)).or_default() += 1;
    }

    fn clear(&self) {
        self.inner.answers.clear();
        self.inner.parts.clear();
    }

    /// Records that a place's capacity changed, here and (through the event bus) on every
    /// other node. A failed publish is logged: other nodes then catch up within [`TTL`].
    pub async fn changed(&self, events: &EventBus, tenant: TenantId, place_id: i64) {
        self.bump(tenant, place_id);
        let event = Event {
            topic: CAPACITY_CHANGED.to_owned(),
            tenant_id: Some(tenant.0),
            payload: serde_json::json!({ "place_id": place_id }),
        };
        if let Err(e) = events.publish(event).await {
            tracing::warn!(error = %e, "capacity change not published");
        }
    }

    /// The place `name` stands for, from `lookup` at most once per [`TTL`] (a name not found
    /// is looked up again each time).
    pub async fn place<F, Fut, E>(
        &self,
        tenant: TenantId,
        name: &str,
        lookup: F,
    ) -> Result<Option<rathaus_booking::Location>, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Option<rathaus_booking::Location>, E>>,
    {
        let key = (tenant, name.to_owned());
        if let Some((made, found)) = self.inner.places.lock().unwrap_or_else(|e| e.into_inner()).get(&key)
            && made.elapsed() < TTL
        {
            return Ok(Some(*found));
        }
        let found = lookup().await?;
        if let Some(location) = found {
            let mut places = self.inner.places.lock().unwrap_or_else(|e| e.into_inner());
            if places.len() >= MAX_ENTRIES {
                places.clear();
            }
            places.insert(key, (Instant::now(), location));
        }
        Ok(found)
    }

    /// The cached answer for `key` in `scope`, or the one `compute` makes (see the module
    /// documentation for who waits). Errors are not cached.
    pub async fn get_or_compute<F, Fut, E>(
        &self,
        tenant: TenantId,
        scope: Scope,
        key: String,
        compute: F,
    ) -> Result<Answer, E>
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = Result<Vec<u8>, E>> + Send + 'static,
        E: Send + 'static,
    {
        let generation = self.generation(tenant, scope);
        self.inner
            .answers
            .get_or_compute(tenant, generation, key, || async move { compute().await.map(Answer::from) })
            .await
    }

    /// The cached part of `place_id` for `key`, or the one `compute` makes.
    pub async fn part<F, Fut, E>(&self, tenant: TenantId, place_id: i64, key: &str, compute: F) -> Result<Part, E>
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = Result<Vec<PlaceAvailability>, E>> + Send + 'static,
        E: Send + 'static,
    {
        let generation = self.generation(tenant, Scope::Place(place_id));
        self.inner
            .parts
            .get_or_compute(
                tenant,
                generation,
                format!("{place_id}|{key}"),
                || async move { compute().await.map(Arc::new) },
            )
            .await
    }
}

fn evict_oldest_half<V>(entries: &mut HashMap<(TenantId, String), Entry<V>>) {
    let mut ages: Vec<Instant> = entries.values().map(|e| e.made).collect();
    ages.sort_unstable();
    let cut = ages[ages.len() / 2];
    entries.retain(|_, e| e.made > cut);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    async fn answer(cache: &AvailabilityCache, scope: Scope, key: &str, calls: &Arc<AtomicUsize>) -> Answer {
        let calls = calls.clone();
        cache
            .get_or_compute(TenantId(1), scope, key.to_owned(), || async move {
                let n = calls.fetch_add(1, Ordering::SeqCst);
                Ok::<_, ()>(format!("v{n}").into_bytes())
            })
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn answers_are_shared_until_their_place_changes() {
        let cache = AvailabilityCache::default();
        let calls = Arc::new(AtomicUsize::new(0));
        answer(&cache, Scope::Place(7), "a", &calls).await;
        answer(&cache, Scope::Place(7), "a", &calls).await;
        answer(&cache, Scope::Tenant, "any", &calls).await;
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        cache.bump(TenantId(1), 8);
        answer(&cache, Scope::Place(7), "a", &calls).await;
        assert_eq!(calls.load(Ordering::SeqCst), 2, "another place's change keeps the entry");
        answer(&cache, Scope::Tenant, "any", &calls).await;
        assert_eq!(calls.load(Ordering::SeqCst), 3, "any place's change invalidates `any`");
        cache.bump(TenantId(1), 7);
        assert_eq!(
            answer(&cache, Scope::Place(7), "a", &calls).await,
            "v3",
            "the first request after a change is fresh"
        );
        assert_eq!(calls.load(Ordering::SeqCst), 4);
    }

    #[tokio::test]
    async fn concurrent_misses_compute_once() {
        let cache = AvailabilityCache::default();
        let calls = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..32 {
            let (cache, calls) = (cache.clone(), calls.clone());
            tasks.push(tokio::spawn(async move {
                cache
                    .get_or_compute(TenantId(1), Scope::Place(1), "k".into(), || async move {
                        calls.fetch_add(1, Ordering::SeqCst);
                        tokio::task::yield_now().await;
                        Ok::<_, ()>(vec![1])
                    })
                    .await
                    .unwrap()
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn while_a_new_answer_is_computed_others_get_the_previous_one() {
        let cache = AvailabilityCache::default();
        let calls = Arc::new(AtomicUsize::new(0));
        answer(&cache, Scope::Place(1), "k", &calls).await;
        cache.bump(TenantId(1), 1);
        let (started_tx, started) = tokio::sync::oneshot::channel::<()>();
        let (finish, finish_rx) = tokio::sync::oneshot::channel::<()>();
        let slow = {
            let cache = cache.clone();
            tokio::spawn(async move {
                cache
                    .get_or_compute(TenantId(1), Scope::Place(1), "k".into(), || async move {
                        let _ = started_tx.send(());
                        let _ = finish_rx.await;
                        Ok::<_, ()>(b"new".to_vec())
                    })
                    .await
                    .unwrap()
            })
        };
        started.await.unwrap();
        assert_eq!(answer(&cache, Scope::Place(1), "k", &calls).await, "v0", "served the previous answer at once");
        finish.send(()).unwrap();
        assert_eq!(slow.await.unwrap(), "new");
        assert_eq!(answer(&cache, Scope::Place(1), "k", &calls).await, "new");
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn errors_are_not_cached_and_the_size_is_bounded() {
        let cache = AvailabilityCache::default();
        let failed: Result<Answer, &str> =
            cache.get_or_compute(TenantId(1), Scope::Tenant, "e".into(), || async { Err("db down") }).await;
        assert!(failed.is_err());
        let calls = Arc::new(AtomicUsize::new(0));
        answer(&cache, Scope::Tenant, "e", &calls).await;
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        for i in 0..(MAX_ENTRIES + 10) {
            answer(&cache, Scope::Tenant, &format!("k{i}"), &calls).await;
        }
        assert!(cache.inner.answers.len() <= MAX_ENTRIES);
    }

    #[tokio::test]
    async fn parts_follow_their_place() {
        let cache = AvailabilityCache::default();
        let calls = Arc::new(AtomicUsize::new(0));
        let part = |place: i64| {
            let (cache, calls) = (cache.clone(), calls.clone());
            async move {
                cache
                    .part(TenantId(1), place, "q", || async move {
                        calls.fetch_add(1, Ordering::SeqCst);
                        Ok::<_, ()>(Vec::new())
                    })
                    .await
                    .unwrap()
            }
        };
        part(1).await;
        part(2).await;
        cache.bump(TenantId(1), 2);
        part(1).await;
        part(2).await;
        assert_eq!(calls.load(Ordering::SeqCst), 3, "only place 2's part is recomputed");
    }
}
