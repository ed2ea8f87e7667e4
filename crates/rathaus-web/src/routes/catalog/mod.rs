//! The public service catalogue: search, A–Z, topics, service and location pages.

use crate::AppState;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
}
