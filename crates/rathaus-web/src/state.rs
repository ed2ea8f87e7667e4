//! Shared state of all handlers.

use crate::{WebConfig, assets::Assets, metrics::Metrics, tenancy::TenantDirectory};
use rathaus_db::DatabaseConnection;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<WebConfig>,
    pub tenants: TenantDirectory,
    pub metrics: Metrics,
    pub assets: Arc<Assets>,
}

impl AppState {
    pub fn new(db: DatabaseConnection, config: WebConfig) -> Self {
        Self {
            tenants: TenantDirectory::new(db.clone()),
            db,
            config: Arc::new(config),
            metrics: Metrics::default(),
            assets: Arc::new(Assets::embedded()),
        }
    }
}
