//! `/suche?q=…`: the services the routing engine finds for a citizen's own words, at most
//! [`MAX_HITS`], best first. When the engine is not confident we say so, offer its hits as
//! "maybe you mean", and show the general enquiry contact instead of guessing. An empty
//! query returns to the form with an error summary; a query longer than [`MAX_QUERY_CHARS`]
//! is cut to that length (on a character boundary) and the page says so.

use super::services::{Contact, ServiceCard, summary_of};
use crate::{
    AppState,
    error::PageError,
    forms::FormErrors,
    page::{Page, render},
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    extract::{Query, State},
    response::Response,
};
use rathaus_db::catalog::departments;
use serde::Deserialize;

/// Results shown on the page and returned by the route API.
pub const MAX_HITS: usize = 5;
/// Longer queries are cut (page) or refused (API).
pub const MAX_QUERY_CHARS: usize = 500;
/// The department whose contact answers general enquiries, if the tenant has it.
const ENQUIRY_DEPARTMENT: &str = "buergerbuero";

/// The query, trimmed and cut to [`MAX_QUERY_CHARS`] characters; whether it was cut.
pub fn clip_query(raw: &str) -> (String, bool) {
    let trimmed = raw.trim();
    match trimmed.char_indices().nth(MAX_QUERY_CHARS) {
        Some((cut, _)) => (trimmed[..cut].trim_end().to_owned(), true),
        None => (trimmed.to_owned(), false),
    }
}

#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

#[derive(Template)]
#[template(path = "catalog/results.html")]
struct ResultsPage {
    page: Page,
    query: String,
    errors: FormErrors,
    truncated: bool,
    confident: bool,
    hits: Vec<ServiceCard>,
    office: Option<Contact>,
}

#[tracing::instrument(skip_all, fields(tenant = tenant.id))]
pub async fn show_results(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    Query(SearchQuery { q }): Query<SearchQuery>,
) -> Result<Response, PageError> {
    let (query, truncated) = clip_query(&q);
    let mut errors = FormErrors::new();
    if query.is_empty() {
        errors.add("q", page.t("catalog-search-empty"));
        let page =
            ResultsPage { page, query, errors, truncated: false, confident: false, hits: Vec::new(), office: None };
        return render(&page);
    }
    let (db, t, lang) = (&state.db, tenant.tenant_id(), page.language());
    let results = state.search.route(t, lang, &query, MAX_HITS).await?;
    let mut hits = Vec::with_capacity(results.services.len());
    for hit in results.services.into_iter().take(MAX_HITS) {
        hits.push(ServiceCard {
            summary: summary_of(db, t, &hit.slug, lang).await?,
            slug: hit.slug,
            name: hit.name,
            department: hit.department,
        });
    }
    let confident = results.confident && !hits.is_empty();
    let office = match confident {
        true => None,
        false => departments::get_by_key(db, t, ENQUIRY_DEPARTMENT).await?.map(|d| Contact::of_department(&d, lang)),
    };
    render(&ResultsPage { page, query, errors, truncated, confident, hits, office })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_queries_are_cut_on_a_character_boundary() {
        assert_eq!(clip_query("  Perso  "), ("Perso".to_owned(), false));
        let long = "ä".repeat(MAX_QUERY_CHARS + 10);
        let (cut, truncated) = clip_query(&long);
        assert!(truncated);
        assert_eq!(cut.chars().count(), MAX_QUERY_CHARS);
        let exact = "a".repeat(MAX_QUERY_CHARS);
        assert_eq!(clip_query(&exact), (exact.clone(), false));
    }
}
