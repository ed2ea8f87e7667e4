//! `/themen` and `/themen/{key}`: services grouped by topic (Lebenslage). The topic cards
//! also appear on the start page.

use super::services::{ServiceCard, summary_of};
use crate::{
    AppState,
    error::PageError,
    i18n::Tr,
    page::{Page, render},
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    extract::{Path, State},
    response::Response,
};
use rathaus_catalog::model::Text;
use rathaus_db::catalog::{collation::sort_german, services, topics};
use rathaus_db::{DatabaseConnection, StoreError, TenantId};
use std::collections::HashMap;

/// A topic with the number of its active services.
pub struct TopicCard {
    pub key: String,
    pub name: String,
    pub count: String,
}

/// The tenant's topics that list at least one active service, in the order of their names.
pub async fn topic_cards(db: &DatabaseConnection, tenant: TenantId, tr: Tr) -> Result<Vec<TopicCard>, StoreError> {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for s in services::a_to_z(db, tenant).await? {
        if let Some(topic) = s.topic_id {
            *counts.entry(topic).or_default() += 1;
        }
    }
    let mut cards: Vec<TopicCard> = topics::list(db, tenant)
        .await?
        .into_iter()
        .filter_map(|t| {
            let n = *counts.get(&t.id)?;
            let count = match n {
                1 => tr.t("catalog-service-count-one"),
                n => tr.t_with("catalog-service-count-other", &[("count", n.to_string())]),
            };
            Some(TopicCard { name: Text::new(t.name_de, t.name_en).get(tr.lang()).to_owned(), key: t.key, count })
        })
        .collect();
    sort_german(&mut cards, |c| c.name.as_str());
    Ok(cards)
}

#[derive(Template)]
#[template(path = "catalog/topics.html")]
struct TopicsPage {
    page: Page,
    topics: Vec<TopicCard>,
}

#[tracing::instrument(skip_all, fields(tenant = tenant.id))]
pub async fn list_topics(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
) -> Result<Response, PageError> {
    let topics = topic_cards(&state.db, tenant.tenant_id(), page.tr).await?;
    render(&TopicsPage { page, topics })
}

#[derive(Template)]
#[template(path = "catalog/topic.html")]
struct TopicPage {
    page: Page,
    name: String,
    services: Vec<ServiceCard>,
}

#[tracing::instrument(skip_all, fields(tenant = tenant.id))]
pub async fn show_topic(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    Path(key): Path<String>,
) -> Result<Response, PageError> {
    let (db, t, lang) = (&state.db, tenant.tenant_id(), page.language());
    let topic = topics::get_by_key(db, t, &key).await?.ok_or_else(PageError::not_found)?;
    let mut cards = Vec::new();
    for s in services::by_topic(db, t, topic.id).await? {
        cards.push(ServiceCard {
            summary: summary_of(db, t, &s.slug, lang).await?,
            name: Text::new(s.name_de.as_str(), s.name_en.as_str()).get(lang).to_owned(),
            department: String::new(),
            slug: s.slug,
        });
    }
    sort_german(&mut cards, |c| c.name.as_str());
    let name = Text::new(topic.name_de, topic.name_en).get(lang).to_owned();
    render(&TopicPage { page, name, services: cards })
}
