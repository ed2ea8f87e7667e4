//! `/antrag/{slug}`: where the service page's "apply online" action leads until this
//! installation offers the online application for the service. The page says so plainly
//! and gives what the citizen needs to get it done today: the places offering the service
//! (with their opening status), the responsible department's phone and e-mail, and what to
//! bring. The application flow replaces this route when it arrives; booking an appointment
//! has its own flow (`routes::appointments`).

use super::places::{PlaceSummary, summarise};
use super::services::Contact;
use crate::{
    AppState,
    error::PageError,
    page::{Page, render},
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    extract::{Path, State},
    response::Response,
};
use rathaus_catalog::model::Channel;
use rathaus_db::catalog::places::PlaceType;
use rathaus_db::catalog::{departments, offerings, services};

#[derive(Template)]
#[template(path = "catalog/next_steps.html")]
struct NextStepsPage {
    page: Page,
    slug: String,
    name: String,
    documents: Vec<String>,
    places: Vec<PlaceSummary>,
    department: Option<Contact>,
}

pub async fn application(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    next_steps(&state, &tenant, page, &slug, Channel::Online).await
}

async fn next_steps(
    state: &AppState,
    tenant: &CurrentTenant,
    page: Page,
    slug: &str,
    channel: Channel,
) -> Result<Response, PageError> {
    let (db, t, lang) = (&state.db, tenant.tenant_id(), page.language());
    let row = services::get_by_slug(db, t, slug).await?.filter(|s| s.active).ok_or_else(PageError::not_found)?;
    let service = rathaus_catalog_store::service(db, t, slug).await?.ok_or_else(PageError::not_found)?;
    if !service.offers(channel) {
        return Err(PageError::not_found());
    }
    let department = departments::get(db, t, row.department_id).await?.map(|d| Contact::of_department(&d, lang));
    let now = jiff::Timestamp::now();
    let mut places = Vec::new();
    for place in offerings::places_offering(db, t, row.id, Some(PlaceType::Location)).await? {
        places.push(summarise(db, tenant, &place, page.tr, now).await?);
    }
    render(&NextStepsPage {
        slug: service.slug.clone(),
        name: service.name.get(lang).to_owned(),
        documents: service.documents.get(lang).to_vec(),
        places,
        department,
        page,
    })
}
