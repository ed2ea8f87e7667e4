//! `/standorte` and `/standorte/{key}`: where services are offered. One page kind for
//! locations, mobile-office sites and the video office, with their kind shown; hours,
//! exceptions, holidays, mobile sessions and an "open now" line in the tenant's time zone.

use super::dates::{WEEK, day_name, long_date, short_date, time_range};
use super::hours::{self, PlannedSession, SESSION_WEEKS, UPCOMING_DAYS, plus_days};
use super::open_status::{StatusLine, status_text};
use crate::{
    AppState,
    error::PageError,
    i18n::Tr,
    page::{Page, render},
    tenancy::{CurrentTenant, Tenant},
};
use askama::Template;
use axum::{
    extract::{Path, State},
    response::Response,
};
use rathaus_catalog::model::{Text, TextList};
use rathaus_db::catalog::places::{self, Place, PlaceType};
use rathaus_db::catalog::{collation::sort_german, offerings};
use rathaus_db::{DatabaseConnection, StoreError};
use rathaus_domain::Language;
use serde::Deserialize;

/// The texts of a place kept in its `details` JSON (see `rathaus-catalog-store`'s
/// `PlaceDetails`, in the catalogue's own serde shapes). Fields this page does not show are
/// ignored.
#[derive(Debug, Default, Deserialize)]
pub struct PlaceTexts {
    #[serde(default)]
    pub accessibility_notes: Option<Text>,
    #[serde(default)]
    pub transport: Option<Text>,
    #[serde(default)]
    pub description: Option<Text>,
    #[serde(default)]
    pub requirements: TextList,
}

impl PlaceTexts {
    pub fn of(place: &Place) -> Result<Self, StoreError> {
        serde_json::from_value(place.details_json()?)
            .map_err(|e| StoreError::Db(rathaus_db::DbErr::Custom(format!("place details of {}: {e}", place.key))))
    }
}

/// The place's name in `lang`.
pub fn place_name(place: &Place, lang: Language) -> String {
    Text::new(place.name_de.as_str(), place.name_en.as_str()).get(lang).to_owned()
}

/// "Bürgerbüro", "Standort des mobilen Bürgerbüros", "Video-Bürgerbüro", …
pub fn kind_label(tr: Tr, place: &Place) -> String {
    match place.place_type() {
        Ok(PlaceType::Location) => tr.t(&format!("catalog-kind-{}", place.kind.as_deref().unwrap_or("other"))),
        Ok(t) => tr.t(&format!("catalog-kind-{}", t.code())),
        Err(_) => tr.t("catalog-kind-other"),
    }
}

/// "Rathausplatz 1, 12345 Musterstadt", or empty without an address.
pub fn address_line(place: &Place) -> String {
    place.address().map(|a| format!("{}, {} {}", a.street, a.postal_code, a.city)).unwrap_or_default()
}

/// A place in a list: on the places page and on a service page.
pub struct PlaceSummary {
    pub key: String,
    pub name: String,
    pub kind: String,
    pub address: String,
    pub status: StatusLine,
    /// For mobile sites: "Nächster Termin: …", else empty.
    pub next_session: String,
}

pub async fn summarise(
    db: &DatabaseConnection,
    tenant: &Tenant,
    place: &Place,
    tr: Tr,
    now: jiff::Timestamp,
) -> Result<PlaceSummary, StoreError> {
    let lang = tr.lang();
    let schedule = hours::schedule(db, tenant, place, lang, now).await?;
    let status = status_text(&schedule.status_at(now), now, &tenant.tz(), lang);
    let mut next_session = String::new();
    if place.place_type()? == PlaceType::MobileSite {
        let today = hours::today(tenant, now);
        let upcoming =
            hours::sessions(db, tenant.tenant_id(), place, today, plus_days(today, 7 * SESSION_WEEKS)).await?;
        if let Some(s) = upcoming.iter().find(|s| !s.cancelled) {
            let when = format!("{}, {}", short_date(tr, s.date), time_range(tr, s.hours));
            next_session = tr.t_with("catalog-next-session", &[("date", when)]);
        }
    }
    Ok(PlaceSummary {
        key: place.key.clone(),
        name: place_name(place, lang),
        kind: kind_label(tr, place),
        address: address_line(place),
        status,
        next_session,
    })
}

struct PlaceGroup {
    heading: String,
    places: Vec<PlaceSummary>,
}

#[derive(Template)]
#[template(path = "catalog/places.html")]
struct PlacesPage {
    page: Page,
    groups: Vec<PlaceGroup>,
}

#[tracing::instrument(skip_all, fields(tenant = tenant.id))]
pub async fn list_places(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
) -> Result<Response, PageError> {
    let now = jiff::Timestamp::now();
    let mut groups = Vec::new();
    for place_type in PlaceType::ALL {
        let mut found = places::list(&state.db, tenant.tenant_id(), place_type).await?;
        sort_german(&mut found, |p| match page.language() {
            Language::De => p.name_de.as_str(),
            Language::En => p.name_en.as_str(),
        });
        let mut summaries = Vec::with_capacity(found.len());
        for place in &found {
            summaries.push(summarise(&state.db, &tenant, place, page.tr, now).await?);
        }
        if !summaries.is_empty() {
            groups.push(PlaceGroup {
                heading: page.t(&format!("catalog-group-{}", place_type.code())),
                places: summaries,
            });
        }
    }
    render(&PlacesPage { page, groups })
}

struct Coordinates {
    text: String,
    map_url: String,
}

struct HoursRow {
    day: String,
    hours: String,
}

struct DatedRow {
    date: String,
    text: String,
    note: String,
    cancelled: bool,
}

struct ServiceLink {
    slug: String,
    name: String,
}

#[derive(Template)]
#[template(path = "catalog/place.html")]
struct PlacePage {
    page: Page,
    name: String,
    kind: String,
    place_type: &'static str,
    address: Option<places::Address>,
    coordinates: Option<Coordinates>,
    step_free: Option<bool>,
    accessibility_notes: String,
    transport: String,
    description: String,
    requirements: Vec<String>,
    phone: String,
    email: String,
    walk_in: bool,
    status: StatusLine,
    weekly: Vec<HoursRow>,
    exceptions: Vec<DatedRow>,
    holidays: Vec<DatedRow>,
    sessions: Vec<DatedRow>,
    services: Vec<ServiceLink>,
}

/// "51,2562" in German, "51.2562" in English.
fn degrees(value: f64, lang: Language) -> String {
    let text = format!("{value}");
    match lang {
        Language::De => text.replace('.', ","),
        Language::En => text,
    }
}

fn coordinates(place: &Place, tr: Tr) -> Option<Coordinates> {
    let (lat, lon) = place.coordinates()?;
    let lang = tr.lang();
    Some(Coordinates {
        text: tr.t_with("catalog-place-coordinates-text", &[("lat", degrees(lat, lang)), ("lon", degrees(lon, lang))]),
        map_url: format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"),
    })
}

fn ranges_text(tr: Tr, hours: &rathaus_domain::opening_hours::DayHours) -> String {
    if hours.is_closed() {
        return tr.t("catalog-place-closed");
    }
    hours.ranges().iter().map(|r| time_range(tr, *r)).collect::<Vec<_>>().join(", ")
}

fn session_rows(tr: Tr, sessions: &[PlannedSession]) -> Vec<DatedRow> {
    sessions
        .iter()
        .map(|s| DatedRow {
            date: long_date(tr, s.date),
            text: time_range(tr, s.hours),
            note: s.note.as_ref().map(|n| n.get(tr.lang()).to_owned()).unwrap_or_default(),
            cancelled: s.cancelled,
        })
        .collect()
}

#[tracing::instrument(skip_all, fields(tenant = tenant.id))]
pub async fn show_place(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    Path(key): Path<String>,
) -> Result<Response, PageError> {
    let db = &state.db;
    let place = places::get_by_key(db, tenant.tenant_id(), &key).await?.ok_or_else(PageError::not_found)?;
    let place_type = place.place_type()?;
    let (tr, lang) = (page.tr, page.language());
    let now = jiff::Timestamp::now();
    let today = hours::today(&tenant, now);
    let texts = PlaceTexts::of(&place)?;
    let text_of = |t: &Option<Text>| t.as_ref().map(|t| t.get(lang).to_owned()).unwrap_or_default();

    let schedule = hours::schedule(db, &tenant, &place, lang, now).await?;
    let status = status_text(&schedule.status_at(now), now, &tenant.tz(), lang);
    let (mut weekly, mut exceptions, mut holidays, mut sessions) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    if place_type == PlaceType::MobileSite {
        let to = plus_days(today, 7 * SESSION_WEEKS);
        sessions = session_rows(tr, &hours::sessions(db, tenant.tenant_id(), &place, today, to).await?);
    } else {
        let h = hours::place_hours(db, tenant.tenant_id(), &place).await?;
        weekly =
            WEEK.iter().map(|&d| HoursRow { day: day_name(tr, d), hours: ranges_text(tr, h.weekly.on(d)) }).collect();
        let until = plus_days(today, UPCOMING_DAYS);
        exceptions = h
            .exceptions
            .iter()
            .filter(|e| e.date >= today && e.date <= until)
            .map(|e| DatedRow {
                date: long_date(tr, e.date),
                text: ranges_text(tr, &e.hours),
                note: hours::exception_note(e, lang).unwrap_or_default(),
                cancelled: e.closed,
            })
            .collect();
        holidays = hours::holidays_between(&tenant, today, until)
            .into_iter()
            // An exception on the date (e.g. a Sunday election office) wins over the holiday.
            .filter(|hol| !h.exceptions.iter().any(|e| e.date == hol.date))
            .map(|hol| DatedRow {
                date: long_date(tr, hol.date),
                text: hol.name(lang).to_owned(),
                note: String::new(),
                cancelled: true,
            })
            .collect();
    }
    let mut services: Vec<ServiceLink> = offerings::services_at(db, tenant.tenant_id(), place.id)
        .await?
        .into_iter()
        .map(|s| ServiceLink { name: Text::new(s.name_de, s.name_en).get(lang).to_owned(), slug: s.slug })
        .collect();
    // In the order of the names shown (the store sorts by the German ones).
    sort_german(&mut services, |s| s.name.as_str());

    render(&PlacePage {
        name: place_name(&place, lang),
        kind: kind_label(tr, &place),
        place_type: place_type.code(),
        address: place.address(),
        coordinates: coordinates(&place, tr),
        step_free: place.step_free,
        accessibility_notes: text_of(&texts.accessibility_notes),
        transport: text_of(&texts.transport),
        description: text_of(&texts.description),
        requirements: texts.requirements.get(lang).to_vec(),
        phone: place.phone.clone().unwrap_or_default(),
        email: place.email.clone().unwrap_or_default(),
        walk_in: place.walk_in,
        status,
        weekly,
        exceptions,
        holidays,
        sessions,
        services,
        page,
    })
}
