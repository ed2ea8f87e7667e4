//! Shared state of all handlers.

use crate::{WebConfig, assets::Assets, metrics::Metrics, tenancy::TenantDirectory};
use rathaus_db::DatabaseConnection;
use rathaus_worker::EventBus;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<WebConfig>,
    pub tenants: TenantDirectory,
    pub events: EventBus,
    pub metrics: Metrics,
    pub assets: Arc<Assets>,
}

impl AppState {
    /// Must be called inside a tokio runtime: it starts the task that keeps the tenant
    /// cache in step with changes made on other nodes.
    pub fn new(db: DatabaseConnection, config: WebConfig, events: EventBus) -> Self {
        let tenants = TenantDirectory::new(db.clone(), events.clone());
        tenants.follow_changes();
        Self {
            tenants,
            db,
            config: Arc::new(config),
            events,
            metrics: Metrics::default(),
            assets: Arc::new(Assets::embedded()),
        }
    }
}
