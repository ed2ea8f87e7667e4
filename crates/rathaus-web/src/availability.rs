//! The availability cache: answers of `GET /api/v1/availability` (and the booking pages'
//! time lists) are computed once and shared, so a refresh storm costs a hash lookup per
//! request instead of a capacity query.
//!
//! * **Invalidation by generation.** Every change of a place's capacity (hold, release,
//!   confirmation, cancellation, move, regeneration) calls [`AvailabilityCache::changed`],
//!   which bumps a counter for the place and one for its tenant and publishes
//!   `capacity.changed`, so every node bumps its counters too. An entry remembers the counter
//!   of its scope (the place, or the tenant for `location=any`) when it was computed and is
//!   used only while that counter is unchanged.
//! * **Freshness.** Entries also expire after [`TTL`], because the booking window moves
//!   with the clock (lead time, rolling release). What the cache shows is a proposal; the
//!   conditional UPDATE of a hold decides.
//! * **One computation per key.** Concurrent requests for a missing key wait for the one
//!   computation in flight (a `OnceCell` per entry) instead of all querying the database.
//! * **Bounded.** Past [`MAX_ENTRIES`] the oldest half is dropped.

use rathaus_db::TenantId;
use rathaus_worker::{Event, EventBus};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::OnceCell;

/// Topic of the event that tells all nodes a place's capacity changed.
pub const CAPACITY_CHANGED: &str = "capacity.changed";
pub const TTL: Duration = Duration::from_secs(15);
pub const MAX_ENTRIES: usize = 20_000;

/// What an answer depends on: one place, or all places of the tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Place(i64),
    Tenant,
}

type Value = bytes::Bytes;

struct Entry {
    made: Instant,
    generation: u64,
    cell: Arc<OnceCell<Value>>,
}

#[derive(Default)]
struct Inner {
    entries: Mutex<HashMap<(TenantId, String), Entry>>,
    generations: Mutex<HashMap<(TenantId, Scope), u64>>,
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
        self.inner.entries.lock().unwrap_or_else(|e| e.into_inner()).clear();
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

    /// The cached answer for `key` in `scope`, or the one `compute` makes (once, however
    /// many ask at the same time). Errors are not cached.
    pub async fn get_or_compute<F, Fut, E>(
        &self,
        tenant: TenantId,
        scope: Scope,
        key: String,
        compute: F,
    ) -> Result<Value, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<u8>, E>>,
    {
        let generation = self.generation(tenant, scope);
        let cell = {
            let mut entries = self.inner.entries.lock().unwrap_or_else(|e| e.into_inner());
            let k = (tenant, key);
            let fresh = entries.get(&k).is_some_and(|e| e.generation == generation && e.made.elapsed() < TTL);
            if !fresh {
                if entries.len() >= MAX_ENTRIES {
                    evict_oldest_half(&mut entries);
                }
                entries.insert(k.clone(), Entry { made: Instant::now(), generation, cell: Arc::new(OnceCell::new()) });
            }
            entries.get(&k).map(|e| e.cell.clone()).unwrap_or_default()
        };
        cell.get_or_try_init(|| async { compute().await.map(bytes::Bytes::from) }).await.cloned()
    }
}

fn evict_oldest_half(entries: &mut HashMap<(TenantId, String), Entry>) {
    let mut ages: Vec<Instant> = entries.values().map(|e| e.made).collect();
    ages.sort_unstable();
    let cut = ages[ages.len() / 2];
    entries.retain(|_, e| e.made > cut);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    async fn answer(cache: &AvailabilityCache, scope: Scope, key: &str, calls: &AtomicUsize) -> Value {
        cache
            .get_or_compute(TenantId(1), scope, key.to_owned(), || async {
                calls.fetch_add(1, Ordering::SeqCst);
                Ok::<_, ()>(b"x".to_vec())
            })
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn answers_are_shared_until_their_place_changes() {
        let cache = AvailabilityCache::default();
        let calls = AtomicUsize::new(0);
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
        answer(&cache, Scope::Place(7), "a", &calls).await;
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
                    .get_or_compute(TenantId(1), Scope::Place(1), "k".into(), || async {
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
    async fn errors_are_not_cached_and_the_size_is_bounded() {
        let cache = AvailabilityCache::default();
        let failed: Result<Value, &str> =
            cache.get_or_compute(TenantId(1), Scope::Tenant, "e".into(), || async { Err("db down") }).await;
        assert!(failed.is_err());
        let calls = AtomicUsize::new(0);
        answer(&cache, Scope::Tenant, "e", &calls).await;
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        for i in 0..(MAX_ENTRIES + 10) {
            answer(&cache, Scope::Tenant, &format!("k{i}"), &calls).await;
        }
        assert!(cache.inner.entries.lock().unwrap().len() <= MAX_ENTRIES);
    }
}
