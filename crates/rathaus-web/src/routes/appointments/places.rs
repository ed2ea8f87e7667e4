//! Step 2, `/termine/buchen/standort`: where. Every place that offers all chosen services,
//! with its address, step-free access and its earliest free time in the next weeks, plus
//! "the earliest time at any place". Invalid choices of step 1 go back there with errors.

use super::choice::{ANYWHERE, Choice};
use super::start;
use crate::{
    AppState,
    error::PageError,
    forms::FormErrors,
    i18n::Tr,
    page::{Page, render},
    routes::catalog::places::{address_line, place_name},
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{extract::State, http::Uri, response::Response};
use jiff::{Timestamp, ToSpan};
use rathaus_booking::{Channel, Location, Search};
use rathaus_db::TenantId;
use rathaus_db::catalog::offerings;

/// How far ahead step 2 looks for each place's earliest time.
const LOOKAHEAD_DAYS: i64 = 28;

struct PlaceOption {
    key: String,
    name: String,
    address: String,
    step_free: Option<bool>,
    /// "Mi., 4. Nov., 09:30", empty when nothing is free.
    earliest: String,
}

#[derive(Template)]
#[template(path = "appointments/places.html")]
struct PlacesPage {
    page: Page,
    choice: Choice,
    services: Vec<String>,
    options: Vec<PlaceOption>,
    anywhere: &'static str,
    any_earliest: String,
}

/// Checks step 1: at least one bookable service, persons within every service's limit.
pub(crate) async fn check(
    state: &AppState,
    tenant: TenantId,
    tr: Tr,
    choice: &Choice,
) -> Result<FormErrors, PageError> {
    let mut errors = FormErrors::new();
    let bookable = start::bookable(&state.db, tenant).await?;
    let chosen: Vec<_> = bookable.iter().filter(|s| choice.services.contains(&s.slug)).collect();
    if chosen.is_empty() || chosen.len() != choice.services.len() {
        errors.add("services", tr.t("booking-error-services"));
    }
    match choice.persons() {
        None => errors.add("persons", tr.t("booking-error-persons")),
        Some(p) => {
            if let Some(s) = chosen.iter().find(|s| i64::from(p) > i64::from(s.max_persons.unwrap_or(1))) {
                let max = s.max_persons.unwrap_or(1).to_string();
                errors.add("persons", tr.t_with("booking-error-persons-max", &[("max", max)]));
            }
        }
    }
    Ok(errors)
}

pub(super) async fn show(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    uri: Uri,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    let choice = Choice::from_query(uri.query());
    let errors = check(&state, t, page.tr, &choice).await?;
    if !errors.is_empty() {
        return start::page_for(&state, t, page, &choice, errors).await;
    }
    let requests = choice.requests();
    let now = Timestamp::now();
    let today = tenant.tz().to_datetime(now).date();
    let to = today.checked_add(LOOKAHEAD_DAYS.days()).map_err(|e| PageError::internal("date", &e))?;
    let search =
        Search { services: &requests, location: Location::Any, from: today, to, channel: Channel::Online, now };
    let found = rathaus_booking::by_place(&state.db, t, &search).await.map_err(super::page_error)?;
    let tz = tenant.tz();
    let earliest_of = |place_id: i64| {
        found
            .iter()
            .find(|p| p.place_id == place_id)
            .and_then(|p| p.earliest())
            .map(|at| super::view::short_when(page.tr, &at.to_zoned(tz.clone())))
            .unwrap_or_default()
    };
    let pairs = offerings::all(&state.db, t).await?;
    let service_ids: Vec<i64> = start::bookable(&state.db, t)
        .await?
        .into_iter()
        .filter(|s| choice.services.contains(&s.slug))
        .map(|s| s.id)
        .collect();
    let mut options = Vec::new();
    for place in rathaus_db::catalog::places::list_all(&state.db, t).await? {
        if !service_ids.iter().all(|s| pairs.contains(&(place.id, *s))) {
            continue;
        }
        options.push(PlaceOption {
            key: place.key.clone(),
            name: place_name(&place, page.language()),
            address: address_line(&place),
            step_free: place.step_free,
            earliest: earliest_of(place.id),
        });
    }
    let any_earliest = found
        .first()
        .and_then(|p| p.earliest())
        .map(|at| super::view::short_when(page.tr, &at.to_zoned(tz.clone())))
        .unwrap_or_default();
    let services = chosen_names(&state, t, page.tr, &choice).await?;
    render(&PlacesPage { page, choice, services, options, anywhere: ANYWHERE, any_earliest })
}

/// The names of the chosen services, in the page's language.
pub(super) async fn chosen_names(
    state: &AppState,
    tenant: TenantId,
    tr: Tr,
    choice: &Choice,
) -> Result<Vec<String>, PageError> {
    let mut out = Vec::new();
    for slug in &choice.services {
        if let Some(s) = rathaus_db::catalog::services::get_by_slug(&state.db, tenant, slug).await? {
            out.push(super::view::service_name(&s, tr.lang()));
        }
    }
    Ok(out)
}
