//! Shared state of all handlers.

use crate::{
    WebConfig, assets::Assets, availability::AvailabilityCache, metrics::Metrics, search::SearchIndexes,
    tenancy::TenantDirectory,
};
use rathaus_db::DatabaseConnection;
use rathaus_worker::EventBus;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<WebConfig>,
    pub tenants: TenantDirectory,
    /// Per-tenant service search (request routing).
    pub search: SearchIndexes,
    pub events: EventBus,
    /// Free appointment times, shared until capacity changes.
    pub availability: AvailabilityCache,
    /// Rate limits and proof of work in front of holds and bookings.
    pub guard: Arc<crate::fairness::Guard>,
    pub metrics: Metrics,
    pub assets: Arc<Assets>,
    /// Live queue snapshots for displays, phones and desks.
    pub queues: crate::live::QueueHub,
}

impl AppState {
    /// The front desk of `tenant` on this node's database and event bus.
    pub fn front_desk(&self, tenant: rathaus_db::TenantId) -> rathaus_front_desk::Scope<'_> {
        rathaus_front_desk::Scope { db: &self.db, events: &self.events, tenant }
    }

    /// Must be called inside a tokio runtime: it starts the tasks that keep the tenant and
    /// search caches in step with changes made on other nodes.
    pub fn new(db: DatabaseConnection, config: WebConfig, events: EventBus) -> Self {
        let tenants = TenantDirectory::new(db.clone(), events.clone());
        tenants.follow_changes();
        let search = SearchIndexes::new(db.clone(), events.clone());
        let availability = AvailabilityCache::new(&events);
        let queues = crate::live::QueueHub::new(db.clone(), &events);
        Self {
            availability,
            guard: Arc::new(crate::fairness::Guard::new(db.clone(), config.guard.clone())),
            tenants,
            search,
            db,
            config: Arc::new(config),
            events,
            metrics: Metrics::default(),
            assets: Arc::new(Assets::embedded()),
            queues,
        }
    }
}
