//! Finding the tenant (Mandant) of a request from its host name.
//!
//! Each tenant lists its host names. An installation with exactly one tenant answers on
//! any host, so a small town needs no host configuration. Lookups are cached briefly; a
//! change is announced on the event bus (`tenant.changed`), so every node drops its cache
//! at once. [`CACHE_TTL`] bounds staleness should an event be missed.

use crate::{AppState, i18n::Tr};
use axum::{
    extract::{FromRequestParts, Request, State},
    http::{StatusCode, header, request::Parts},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};
use rathaus_db::{DatabaseConnection, tenants};
use rathaus_worker::{Event, EventBus};
use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
    time::{Duration, Instant},
};

pub use rathaus_db::tenants::Tenant;

const CACHE_TTL: Duration = Duration::from_secs(30);

/// The tenant of the current request.
#[derive(Clone, Debug)]
pub struct CurrentTenant(pub Arc<Tenant>);

impl std::ops::Deref for CurrentTenant {
    type Target = Tenant;
    fn deref(&self) -> &Tenant {
        &self.0
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentTenant {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<CurrentTenant>().cloned().ok_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// Topic of the event that tells all nodes a tenant's settings or hosts changed.
pub const TENANT_CHANGED: &str = "tenant.changed";

/// Host name → (when looked up, the tenant if any).
type HostCache = HashMap<String, (Instant, Option<Arc<Tenant>>)>;

#[derive(Clone)]
pub struct TenantDirectory {
    db: DatabaseConnection,
    events: EventBus,
    cache: Arc<RwLock<HostCache>>,
}

impl TenantDirectory {
    pub fn new(db: DatabaseConnection, events: EventBus) -> Self {
        Self { db, events, cache: Arc::default() }
    }

    /// Drops the cache whenever any node announces a tenant change.
    pub fn follow_changes(&self) {
        let mut rx = self.events.subscribe();
        let cache = Arc::downgrade(&self.cache);
        tokio::spawn(async move {
            loop {
                let relevant = match rx.recv().await {
                    Ok(event) => event.topic == TENANT_CHANGED,
                    // Missed events: clear to be safe.
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => true,
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
                };
                let Some(cache) = cache.upgrade() else { break };
                if relevant {
                    cache.write().expect("cache lock").clear();
                }
            }
        });
    }

    pub async fn resolve(&self, host: &str) -> Result<Option<Arc<Tenant>>, rathaus_db::StoreError> {
        let host = tenants::normalise_host(host);
        if let Some((at, hit)) = self.cache.read().expect("cache lock").get(&host).cloned()
            && at.elapsed() < CACHE_TTL
        {
            return Ok(hit);
        }
        let found = match tenants::find_by_host(&self.db, &host).await? {
            Some(t) => Some(t),
            None => {
                // A single-tenant installation answers on every host name.
                let all = tenants::list(&self.db).await?;
                if all.len() == 1 { all.into_iter().next() } else { None }
            }
        };
        let found = found.map(Arc::new);
        self.cache.write().expect("cache lock").insert(host, (Instant::now(), found.clone()));
        Ok(found)
    }

    /// Forgets cached lookups after a tenant's settings or hosts changed, here at once and
    /// on the other nodes through the event bus.
    pub fn invalidate(&self) {
        self.cache.write().expect("cache lock").clear();
        let events = self.events.clone();
        tokio::spawn(async move {
            let event = Event { topic: TENANT_CHANGED.to_owned(), tenant_id: None, payload: serde_json::Value::Null };
            if let Err(e) = events.publish(event).await {
                tracing::warn!(error = %e, "could not announce tenant change");
            }
        });
    }
}

pub async fn resolve_tenant(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
        .or_else(|| req.uri().host().map(str::to_owned))
        .unwrap_or_default();
    match state.tenants.resolve(&host).await {
        Ok(Some(tenant)) => {
            req.extensions_mut().insert(CurrentTenant(tenant));
            next.run(req).await
        }
        Ok(None) if req.uri().path().starts_with("/api/") => crate::error::ApiError::not_found()
            .detail("no municipality is configured for this host name")
            .into_response(),
        Ok(None) => unknown_host_page(),
        Err(e) => {
            tracing::error!(error = %e, "tenant lookup failed");
            (StatusCode::SERVICE_UNAVAILABLE, "Service unavailable").into_response()
        }
    }
}

/// No tenant means no branding and no language preference: answer in both languages.
fn unknown_host_page() -> Response {
    #[derive(askama::Template)]
    #[template(path = "errors/unknown_host.html")]
    struct UnknownHost {
        de: Tr,
        en: Tr,
    }
    let page = UnknownHost { de: Tr(rathaus_domain::Language::De), en: Tr(rathaus_domain::Language::En) };
    match askama::Template::render(&page) {
        Ok(html) => (StatusCode::NOT_FOUND, Html(html)).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}
