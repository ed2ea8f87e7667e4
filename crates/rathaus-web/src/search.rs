//! Finding the right service for a citizen's free text, per tenant.
//!
//! Each tenant's routing index (crate `rathaus-search`) is built from its catalogue in the
//! database on first use and cached. A catalogue change calls [`SearchIndexes::invalidate`],
//! which drops the cached index here and, through the event `catalog.changed`, on every
//! other node; the next query rebuilds it (a few milliseconds for a town's catalogue).

use rathaus_catalog::model::Text;
use rathaus_db::{DatabaseConnection, StoreError, TenantId};
use rathaus_domain::Language;
use rathaus_search::Index;
use rathaus_worker::{Event, EventBus};
use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
};

pub const CATALOG_CHANGED: &str = "catalog.changed";

/// The index of one tenant plus what a result line shows.
pub struct TenantSearch {
    pub index: Index,
    /// slug → (service name, department name)
    names: HashMap<String, (Text, Text)>,
}

/// One service a query was routed to, ready to show.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchHit {
    pub slug: String,
    pub name: String,
    pub department: String,
    pub score: f32,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchResults {
    pub services: Vec<SearchHit>,
    /// Whether the best hit is likely right; if not, offer the general enquiry contact.
    pub confident: bool,
}

#[derive(Clone)]
pub struct SearchIndexes {
    db: DatabaseConnection,
    events: EventBus,
    cache: Arc<RwLock<HashMap<TenantId, Arc<TenantSearch>>>>,
}

impl SearchIndexes {
    pub fn new(db: DatabaseConnection, events: EventBus) -> Self {
        let me = Self { db, events, cache: Arc::default() };
        me.follow_changes();
        me
    }

    fn follow_changes(&self) {
        let mut rx = self.events.subscribe();
        let cache = Arc::downgrade(&self.cache);
        tokio::spawn(async move {
            loop {
                let drop_tenant = match rx.recv().await {
                    Ok(event) if event.topic == CATALOG_CHANGED => event.tenant_id.map(TenantId),
                    Ok(_) => continue,
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => None,
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
                };
                let Some(cache) = cache.upgrade() else { break };
                let mut cache = cache.write().expect("search cache lock");
                match drop_tenant {
                    Some(t) => {
                        cache.remove(&t);
                    }
                    None => cache.clear(),
                }
            }
        });
    }

    /// The tenant's index, built from its active services if not cached.
    pub async fn for_tenant(&self, tenant: TenantId) -> Result<Arc<TenantSearch>, StoreError> {
        if let Some(hit) = self.cache.read().expect("search cache lock").get(&tenant) {
            return Ok(hit.clone());
        }
        let mut catalog = rathaus_catalog_store::export(&self.db, tenant).await?;
        let active: std::collections::HashSet<String> =
            rathaus_db::catalog::services::a_to_z(&self.db, tenant).await?.into_iter().map(|s| s.slug).collect();
        catalog.services.retain(|s| active.contains(&s.slug));
        let names = catalog
            .services
            .iter()
            .map(|s| {
                let dept = catalog.department(&s.department).map(|d| d.name.clone()).unwrap_or_default();
                (s.slug.clone(), (s.name.clone(), dept))
            })
            .collect();
        let built = Arc::new(TenantSearch {
            index: Index::build(&rathaus_search::catalog::documents_from_catalog(&catalog)),
            names,
        });
        self.cache.write().expect("search cache lock").insert(tenant, built.clone());
        Ok(built)
    }

    /// Routes `query` to at most `limit` of the tenant's services, best first.
    pub async fn route(
        &self,
        tenant: TenantId,
        lang: Language,
        query: &str,
        limit: usize,
    ) -> Result<SearchResults, StoreError> {
        let search = self.for_tenant(tenant).await?;
        let routing = search.index.route(query, limit);
        let services = routing
            .services
            .into_iter()
            .map(|hit| {
                let (name, dept) = search.names.get(&hit.id).cloned().unwrap_or_default();
                SearchHit {
                    name: name.get(lang).to_owned(),
                    department: dept.get(lang).to_owned(),
                    slug: hit.id,
                    score: hit.score,
                }
            })
            .collect();
        Ok(SearchResults { services, confident: routing.confident })
    }

    /// Forgets the tenant's index here and on all nodes, after its catalogue changed.
    pub fn invalidate(&self, tenant: TenantId) {
        self.cache.write().expect("search cache lock").remove(&tenant);
        let events = self.events.clone();
        tokio::spawn(async move {
            let event = Event {
                topic: CATALOG_CHANGED.to_owned(),
                tenant_id: Some(tenant.0),
                payload: serde_json::Value::Null,
            };
            if let Err(e) = events.publish(event).await {
                tracing::warn!(error = %e, "could not announce catalogue change");
            }
        });
    }
}
