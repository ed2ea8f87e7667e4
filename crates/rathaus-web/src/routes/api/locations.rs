//! `/api/v1/locations`: where services are offered. Locations with counters, mobile-office
//! sites and video offices share one list (`type`); one place with its weekly hours,
//! exceptions of the next 60 days, mobile sessions of the next six weeks, the services
//! offered there and whether it is open now (in the municipality's time zone, holidays
//! included).

use super::extract::{ApiJson, ApiPath};
use super::services::LocalisedText;
use crate::{
    AppState,
    error::{ApiError, Problem},
    routes::catalog::dates::{WEEK, day_code},
    routes::catalog::hours::{self, SESSION_WEEKS, UPCOMING_DAYS, plus_days},
    tenancy::CurrentTenant,
};
use axum::extract::State;
use jiff::Zoned;
use rathaus_db::catalog::offerings;
use rathaus_db::catalog::places::{self, Place, PlaceType};
use rathaus_domain::Language;
use rathaus_domain::opening_hours::{DayHours, OpenStatus};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct PlaceAddress {
    #[schema(example = "Rathausplatz 1")]
    pub street: String,
    #[schema(example = "12345")]
    pub postal_code: String,
    #[schema(example = "Musterstadt")]
    pub city: String,
}

/// WGS 84 degrees.
#[derive(Debug, Serialize, ToSchema)]
pub struct GeoPoint {
    #[schema(example = 51.2562)]
    pub lat: f64,
    #[schema(example = 7.1508)]
    pub lon: f64,
}

/// A place where services are offered.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlaceItem {
    #[schema(example = "buergerbuero-mitte")]
    pub key: String,
    /// `location` (with counters), `mobile_site` (mobile citizens' office) or
    /// `virtual_office` (video consultations).
    #[serde(rename = "type")]
    #[schema(example = "location")]
    pub place_type: String,
    /// For locations: `citizen_office`, `vehicle_registration`, `registry_office`,
    /// `immigration_office` or `other`; null for other places.
    #[schema(required = true, example = "citizen_office")]
    pub kind: Option<String>,
    pub name: LocalisedText,
    /// Null for video offices.
    #[schema(required = true)]
    pub address: Option<PlaceAddress>,
    #[schema(required = true)]
    pub coordinates: Option<GeoPoint>,
    /// Reachable without steps; null when unknown or not applicable.
    #[schema(required = true)]
    pub step_free: Option<bool>,
}

fn item(p: &Place) -> PlaceItem {
    PlaceItem {
        key: p.key.clone(),
        place_type: p.place_type.clone(),
        kind: p.kind.clone(),
        name: LocalisedText::new(&p.name_de, &p.name_en),
        address: p.address().map(|a| PlaceAddress { street: a.street, postal_code: a.postal_code, city: a.city }),
        coordinates: p.coordinates().map(|(lat, lon)| GeoPoint { lat, lon }),
        step_free: p.step_free,
    }
}

/// All places.
///
/// Public. Locations, mobile-office sites and video offices, by key.
#[utoipa::path(
    get,
    path = "/api/v1/locations",
    tag = "catalogue",
    operation_id = "list_locations",
    responses((status = 200, description = "The municipality's places", body = Vec<PlaceItem>))
)]
#[tracing::instrument(skip_all, fields(tenant = tenant.id))]
pub(super) async fn list_locations(
    State(state): State<AppState>,
    tenant: CurrentTenant,
) -> Result<ApiJson<Vec<PlaceItem>>, ApiError> {
    let all = places::list_all(&state.db, tenant.tenant_id()).await?;
    Ok(ApiJson(all.iter().map(item).collect()))
}

/// Whether the place is open now.
#[derive(Debug, Serialize, ToSchema)]
pub struct OpenNow {
    pub open: bool,
    /// When open: the end of the current opening (RFC 3339 with the local offset).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = DateTime, example = "2026-10-06T18:00:00+02:00")]
    pub until: Option<String>,
    /// When closed: the next opening within 60 days, or null if none is planned.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = DateTime, example = "2026-10-07T08:00:00+02:00")]
    pub opens_at: Option<Option<String>>,
}

fn rfc3339(z: &Zoned) -> String {
    z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

impl From<&OpenStatus> for OpenNow {
    fn from(status: &OpenStatus) -> Self {
        match status {
            OpenStatus::Open { until } => OpenNow { open: true, until: Some(rfc3339(until)), opens_at: None },
            OpenStatus::Closed { opens_at, .. } => {
                OpenNow { open: false, until: None, opens_at: Some(opens_at.as_ref().map(rfc3339)) }
            }
        }
    }
}

/// A day that differs from the weekly hours.
#[derive(Debug, Serialize, ToSchema)]
pub struct HoursExceptionItem {
    #[schema(format = Date, example = "2026-12-24")]
    pub date: String,
    pub closed: bool,
    /// The hours that day when not closed, `HH:MM-HH:MM`.
    #[schema(example = json!([]))]
    pub hours: Vec<String>,
    #[schema(required = true)]
    pub note: Option<LocalisedText>,
}

/// A dated session of the mobile citizens' office.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionItem {
    #[schema(format = Date, example = "2026-11-03")]
    pub date: String,
    #[schema(example = "09:00-12:00")]
    pub hours: String,
    /// A recurring session called off for this date.
    pub cancelled: bool,
    #[schema(required = true)]
    pub note: Option<LocalisedText>,
}

/// A service offered at a place.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceRef {
    #[schema(example = "personalausweis-beantragen")]
    pub slug: String,
    pub name: LocalisedText,
}

/// A place with its hours, services and current status.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlaceDetail {
    #[serde(flatten)]
    pub place: PlaceItem,
    #[schema(required = true)]
    pub phone: Option<String>,
    #[schema(required = true, format = Email)]
    pub email: Option<String>,
    /// Citizens without appointment are served (queue tickets).
    pub walk_in: bool,
    /// Regular hours per weekday (`mon` … `sun`), `HH:MM-HH:MM`; empty when closed. Empty
    /// every day for mobile-office sites, which have `sessions` instead.
    #[schema(value_type = Object, example = json!({"mon": ["08:00-13:00"], "tue": ["08:00-13:00", "14:00-18:00"], "wed": [], "thu": [], "fri": [], "sat": [], "sun": []}))]
    pub opening_hours: BTreeMap<&'static str, Vec<String>>,
    /// Exceptions of the next 60 days, by date. Public holidays close the place as well.
    pub exceptions: Vec<HoursExceptionItem>,
    /// Mobile-office sites: the sessions of the next six weeks, by date.
    pub sessions: Vec<SessionItem>,
    /// The services offered here, A–Z.
    pub services: Vec<ServiceRef>,
    pub status: OpenNow,
}

fn ranges(hours: &DayHours) -> Vec<String> {
    hours.ranges().iter().map(ToString::to_string).collect()
}

fn note(de: &Option<String>, en: &Option<String>) -> Option<LocalisedText> {
    let (de, en) = (de.as_deref().unwrap_or(""), en.as_deref().unwrap_or(""));
    (!de.trim().is_empty() || !en.trim().is_empty()).then(|| LocalisedText::new(de, en))
}

/// One place.
///
/// Public. With weekly opening hours, exceptions of the next 60 days, the sessions of a
/// mobile-office site for the next six weeks, the services offered, and whether it is open
/// now (in the municipality's time zone, public holidays included).
#[utoipa::path(
    get,
    path = "/api/v1/locations/{key}",
    tag = "catalogue",
    operation_id = "get_location",
    params(("key" = String, Path, description = "The place's key, e.g. `buergerbuero-mitte`")),
    responses(
        (status = 200, description = "The place", body = PlaceDetail),
        (status = 404, description = "No such place in this municipality", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(tenant = tenant.id))]
pub(super) async fn show_location(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    ApiPath(key): ApiPath<String>,
) -> Result<ApiJson<PlaceDetail>, ApiError> {
    let (db, t) = (&state.db, tenant.tenant_id());
    let place = places::get_by_key(db, t, &key).await?.ok_or_else(ApiError::not_found)?;
    let now = jiff::Timestamp::now();
    let today = hours::today(&tenant, now);
    let mut opening_hours: BTreeMap<&'static str, Vec<String>> =
        WEEK.iter().map(|&d| (day_code(d), Vec::new())).collect();
    let (mut exceptions, mut sessions) = (Vec::new(), Vec::new());
    if place.place_type()? == PlaceType::MobileSite {
        let planned = hours::sessions(db, t, &place, today, plus_days(today, 7 * SESSION_WEEKS)).await?;
        sessions = planned
            .iter()
            .map(|s| SessionItem {
                date: s.date.to_string(),
                hours: s.hours.to_string(),
                cancelled: s.cancelled,
                note: s.note.as_ref().map(|n| LocalisedText::new(&n.de, &n.en)),
            })
            .collect();
    } else {
        let h = hours::place_hours(db, t, &place).await?;
        for day in WEEK {
            opening_hours.insert(day_code(day), ranges(h.weekly.on(day)));
        }
        let until = plus_days(today, UPCOMING_DAYS);
        exceptions = h
            .exceptions
            .iter()
            .filter(|e| e.date >= today && e.date <= until)
            .map(|e| HoursExceptionItem {
                date: e.date.to_string(),
                closed: e.closed,
                hours: ranges(&e.hours),
                note: note(&e.note_de, &e.note_en),
            })
            .collect();
    }
    // Notes of exceptions do not reach the status object, so the language does not matter.
    let schedule = hours::schedule(db, &tenant, &place, Language::De, now).await?;
    let services = offerings::services_at(db, t, place.id)
        .await?
        .into_iter()
        .map(|s| ServiceRef { name: LocalisedText::new(&s.name_de, &s.name_en), slug: s.slug })
        .collect();
    Ok(ApiJson(PlaceDetail {
        place: item(&place),
        phone: place.phone.clone(),
        email: place.email.clone(),
        walk_in: place.walk_in,
        opening_hours,
        exceptions,
        sessions,
        services,
        status: OpenNow::from(&schedule.status_at(now)),
    }))
}
