//! `/admin/catalog`: how much the catalogue holds, links to each part, and what the
//! catalogue's validation still finds (e.g. a channel no place offers yet). Those problems
//! do not stop the website, but an export of the catalogue could not be imported again
//! until they are fixed.

use super::{admin_tenant, problems};
use crate::{
    AppState,
    auth::Staff,
    error::PageError,
    page::{Page, render},
};
use askama::Template;
use axum::{Router, extract::State, response::Response, routing::get};
use rathaus_db::catalog::{departments, places, places::PlaceType, services, topics};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/admin/catalog", get(show))
}

/// A problem as a row of the list.
pub(super) struct ProblemRow {
    pub path: String,
    pub item: String,
    pub text: String,
    pub detail: String,
}

impl ProblemRow {
    pub(super) fn of(page: &Page, p: &rathaus_catalog::Problem) -> Self {
        ProblemRow {
            path: p.path.clone(),
            item: p.item.clone().unwrap_or_default(),
            text: problems::explain(page.tr, p.code),
            detail: p.message.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/catalog/overview.html")]
struct Overview {
    page: Page,
    departments: usize,
    topics: usize,
    active_services: usize,
    inactive_services: usize,
    locations: usize,
    mobile_sites: usize,
    virtual_offices: usize,
    problems: Vec<ProblemRow>,
}

async fn show(State(state): State<AppState>, staff: Staff, page: Page) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let all_services = services::list(&state.db, tenant).await?;
    let active_services = all_services.iter().filter(|s| s.active).count();
    let all_places = places::list_all(&state.db, tenant).await?;
    let count = |t: PlaceType| all_places.iter().filter(|p| p.place_type == t.code()).count();
    let catalog = rathaus_catalog_store::export(&state.db, tenant).await?;
    let problems = catalog.validate().iter().map(|p| ProblemRow::of(&page, p)).collect();
    render(&Overview {
        departments: departments::list(&state.db, tenant).await?.len(),
        topics: topics::list(&state.db, tenant).await?.len(),
        active_services,
        inactive_services: all_services.len() - active_services,
        locations: count(PlaceType::Location),
        mobile_sites: count(PlaceType::MobileSite),
        virtual_offices: count(PlaceType::VirtualOffice),
        problems,
        page,
    })
}
