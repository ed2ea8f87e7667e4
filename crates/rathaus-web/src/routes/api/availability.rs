//! `GET /api/v1/availability`: the free appointment times for services at a place, or the
//! earliest ones anywhere (`location=any`), in the places' local time. Answers come from
//! the availability cache (see `crate::availability`), keyed by the normalised query.

use super::extract::ApiQuery;
use crate::{
    AppState,
    availability::{AvailabilityCache, Scope},
    booking::{self, LocationChoice},
    error::{ApiError, FieldProblem, Problem},
    tenancy::CurrentTenant,
};
use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use rathaus_booking::{BookingError, Channel, Location, Search, ServiceRequest};
use rathaus_db::{DatabaseConnection, TenantId};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use utoipa::{IntoParams, ToSchema};

/// The longest range one request may ask for.
pub const MAX_DAYS: i64 = 62;
/// The range when `to` is left out.
pub const DEFAULT_DAYS: i64 = 14;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AvailabilityQuery {
    /// Service slug; several services for one appointment separated by commas.
    #[param(example = "personalausweis-beantragen")]
    service: String,
    /// A place id or key, or `any` for the earliest times at every place offering the
    /// services.
    #[param(example = "any")]
    location: String,
    /// First local date (default: today).
    #[param(example = "2026-12-03")]
    from: Option<String>,
    /// Last local date, inclusive (default: `from` + 13 days; at most 62 days in all).
    #[param(example = "2026-12-16")]
    to: Option<String>,
    /// Persons who come (for each service; default 1).
    #[param(example = 1)]
    persons: Option<u32>,
}

/// A day with free start times.
#[derive(Debug, Serialize, ToSchema)]
pub struct Day {
    #[schema(example = "2026-12-03")]
    pub date: String,
    /// Local start times, `HH:MM`, ascending.
    #[schema(example = json!(["09:00", "09:15"]))]
    pub times: Vec<String>,
}

/// A place with free times in the range.
#[derive(Debug, Serialize, ToSchema)]
pub struct LocationOption {
    pub id: i64,
    #[schema(example = "buergerbuero-mitte")]
    pub key: String,
    pub name: super::services::LocalisedText,
    /// Its earliest free start, local `YYYY-MM-DDTHH:MM`.
    #[schema(example = "2026-12-03T09:00")]
    pub earliest: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Availability {
    /// Days with at least one free start (at any of the places for `location=any`).
    pub days: Vec<Day>,
    /// The places that have free times, earliest first.
    pub locations: Vec<LocationOption>,
}

fn field(pointer: &str, detail: &str) -> ApiError {
    ApiError::validation(vec![FieldProblem { pointer: pointer.into(), detail: detail.into() }])
}

fn date(value: &str, name: &str) -> Result<Date, ApiError> {
    value.parse().map_err(|_| field(&format!("/{name}"), "Expected a date YYYY-MM-DD."))
}

/// Free appointment times.
///
/// Public. The start times at which an appointment for the services (with the number of
/// persons) can be booked online, by local date. Times are a snapshot: booking one may
/// still find it taken. Cached for up to a minute and refreshed on every booking change.
#[utoipa::path(
    get,
    path = "/api/v1/availability",
    tag = "appointments",
    operation_id = "get_availability",
    params(AvailabilityQuery),
    responses(
        (status = 200, description = "Free times by day", body = Availability),
        (status = 404, description = "No such place", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown or unbookable service, persons out of range, bad dates", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this client", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(tenant = tenant.id))]
pub(super) async fn get_availability(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    headers: axum::http::HeaderMap,
    extensions: axum::http::Extensions,
    ApiQuery(q): ApiQuery<AvailabilityQuery>,
) -> Result<Response, ApiError> {
    let t = tenant.tenant_id();
    let now = Timestamp::now();
    let client =
        crate::security::client_ip(crate::security::peer_ip(&extensions), &headers, &state.config.trusted_proxies);
    if let Err(wait) = state.guard.check_api(client, now) {
        let mut res = ApiError::too_many_requests().detail("Too many requests from this client.").into_response();
        if let Ok(v) = wait.to_string().parse() {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return Ok(res);
    }
    let today = tenant.tz().to_datetime(now).date();
    let from = q.from.as_deref().map(|v| date(v, "from")).transpose()?.unwrap_or(today);
    let to = match q.to.as_deref() {
        Some(v) => date(v, "to")?,
        None => from.checked_add((DEFAULT_DAYS - 1).days()).map_err(|_| field("/from", "Date out of range."))?,
    };
    if to < from || from.until(to).map(|s| s.get_days()).unwrap_or(i32::MAX) >= MAX_DAYS as i32 {
        return Err(field("/to", "`to` must be on or after `from`, at most 62 days in all."));
    }
    let services = booking::service_requests(q.service.split(','), q.persons.unwrap_or(1))
        .ok_or_else(|| field("/service", "Name at least one service."))?;
    let db = state.db.clone();
    let location = state
        .availability
        .place(t, &q.location, || async {
            Ok::<_, rathaus_db::StoreError>(booking::location(&db, t, &q.location).await?.map(|l| match l {
                LocationChoice::Place(p) => Location::Place(p.id),
                LocationChoice::Any => Location::Any,
            }))
        })
        .await?
        .ok_or_else(|| ApiError::not_found().detail("There is no such location."))?;
    let query = format!("{}|{from}|{to}", booking::services_key(&services));
    let (scope, key) = match location {
        Location::Place(id) => (Scope::Place(id), format!("api|{id}|{query}")),
        Location::Any => (Scope::Tenant, format!("api|any|{query}")),
    };
    let cache = state.availability.clone();
    let body = state
        .availability
        .get_or_compute(t, scope, key, move || async move {
            let answer = compose(&cache, &db, t, Arc::new(services), location, (from, to), &query).await?;
            serde_json::to_vec(&answer).map_err(|e| BookingError::Store(sea_orm::DbErr::Custom(e.to_string()).into()))
        })
        .await
        .map_err(booking::api_error)?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// The answer for a place, or for `any` merged from the parts of every place offering the
/// services; each part comes from the cache (`query` names it) or one capacity query.
async fn compose(
    cache: &AvailabilityCache,
    db: &DatabaseConnection,
    t: TenantId,
    services: Arc<Vec<ServiceRequest>>,
    location: Location,
    (from, to): (Date, Date),
    query: &str,
) -> Result<Availability, BookingError> {
    let places = match location {
        Location::Place(id) => vec![id],
        Location::Any => rathaus_booking::places_offering(db, t, &services).await?,
    };
    let mut found = Vec::new();
    for id in places {
        let (db, services) = (db.clone(), services.clone());
        let part = cache
            .part(t, id, query, move || async move {
                let now = Timestamp::now();
                let search = Search {
                    services: &services,
                    location: Location::Place(id),
                    from,
                    to,
                    channel: Channel::Online,
                    now,
                };
                rathaus_booking::by_place(&db, t, &search).await
            })
            .await;
        match part {
            Ok(part) => found.extend(part.iter().cloned()),
            // A place removed since `places_offering` read the offerings.
            Err(BookingError::NotFound) if location == Location::Any => {}
            Err(e) => return Err(e),
        }
    }
    found.sort_by_key(|p| (p.earliest(), p.place_id));
    let names = booking::place_names(db, t).await?;
    Ok(booking::to_answer(&found, &names))
}
