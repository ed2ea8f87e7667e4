//! The start page of a tenant: the search for "what do you need to do?" (a form that
//! sends `GET /suche`), example requests, the topics as cards, links to A–Z and the
//! locations, and how to reach the town hall.

use crate::{
    AppState,
    error::PageError,
    forms::FormErrors,
    page::{Page, render},
    routes::catalog::topics::{TopicCard, topic_cards},
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{extract::State, response::Response};

/// The example requests offered below the search field (keys in `catalog.ftl`).
const EXAMPLES: [&str; 3] = ["catalog-example-1", "catalog-example-2", "catalog-example-3"];

/// An example request, linked to its search results.
struct Example {
    text: String,
    href: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    page: Page,
    /// The search form's state (empty on the start page; see `catalog/results.html`).
    query: String,
    errors: FormErrors,
    examples: Vec<Example>,
    topics: Vec<TopicCard>,
}

#[tracing::instrument(skip_all, fields(tenant = tenant.id))]
pub async fn home(State(state): State<AppState>, tenant: CurrentTenant, page: Page) -> Result<Response, PageError> {
    let topics = topic_cards(&state.db, tenant.tenant_id(), page.tr).await?;
    let examples = EXAMPLES
        .iter()
        .map(|key| {
            let text = page.t(key);
            let href = format!(
                "/suche?{}",
                url::form_urlencoded::Serializer::new(String::new()).append_pair("q", &text).finish()
            );
            Example { text, href }
        })
        .collect();
    render(&Home { page, query: String::new(), errors: FormErrors::new(), examples, topics })
}
