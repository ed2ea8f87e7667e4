//! Administration of the tenant: settings, staff, audit log and outbox.

use crate::AppState;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
}
