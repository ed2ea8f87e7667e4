//! Step 1, `/termine/buchen`: which services (several can share one appointment) and for
//! how many persons. `?service=…` preselects the service the citizen came from. The form
//! is a GET to step 2, which sends it back here with errors when something does not fit.

use super::choice::{Choice, MAX_PERSONS};
use super::view::service_name;
use crate::{
    AppState,
    error::PageError,
    forms::FormErrors,
    page::{Page, render},
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{extract::State, http::Uri, response::Response};
use rathaus_db::TenantId;
use rathaus_db::catalog::{offerings, services};
use sea_orm::ConnectionTrait;

pub(super) struct ServiceOption {
    pub slug: String,
    pub name: String,
    pub minutes: i32,
}

#[derive(Template)]
#[template(path = "appointments/start.html")]
pub(super) struct StartPage {
    pub page: Page,
    pub errors: FormErrors,
    /// The services chosen (shown first), then the others.
    pub chosen: Vec<ServiceOption>,
    pub others: Vec<ServiceOption>,
    pub persons: String,
    pub max_persons: u32,
}

/// Services that can be booked as an appointment: active, with the appointment channel,
/// counter minutes, and offered at some place.
pub(crate) async fn bookable(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Vec<services::Service>, PageError> {
    let offered: Vec<i64> = offerings::all(db, tenant).await?.into_iter().map(|(_, s)| s).collect();
    Ok(services::a_to_z(db, tenant)
        .await?
        .into_iter()
        .filter(|s| s.active && s.offers("appointment") && s.minutes_per_person.is_some_and(|m| m > 0))
        .filter(|s| offered.contains(&s.id))
        .collect())
}

/// The page for `choice`, with `errors` (from step 2's checks).
pub(super) async fn page_for(
    state: &AppState,
    tenant: TenantId,
    page: Page,
    choice: &Choice,
    errors: FormErrors,
) -> Result<Response, PageError> {
    let lang = page.language();
    let (mut chosen, mut others) = (Vec::new(), Vec::new());
    for s in bookable(&state.db, tenant).await? {
        let checked = choice.services.contains(&s.slug);
        let option =
            ServiceOption { name: service_name(&s, lang), minutes: s.minutes_per_person.unwrap_or(0), slug: s.slug };
        if checked { chosen.push(option) } else { others.push(option) }
    }
    render(&StartPage { page, errors, chosen, others, persons: choice.persons.clone(), max_persons: MAX_PERSONS })
}

pub(super) async fn show(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    uri: Uri,
) -> Result<Response, PageError> {
    let choice = Choice::from_query(uri.query());
    page_for(&state, tenant.tenant_id(), page, &choice, FormErrors::new()).await
}
