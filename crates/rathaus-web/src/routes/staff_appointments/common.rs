//! What the staff appointment pages share: the places of the tenant to choose from, the
//! chosen place and day, and how an appointment appears in a list.

use crate::error::PageError;
use crate::i18n::Tr;
use crate::routes::catalog::dates::clock;
use crate::routes::catalog::places::place_name;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use rathaus_booking::Appointment;
use rathaus_db::catalog::places::{Place, PlaceType};
use rathaus_db::catalog::{counters, places, services};
use rathaus_db::{DatabaseConnection, TenantId};
use std::collections::HashMap;

pub(super) struct PlaceOption {
    pub key: String,
    pub name: String,
    pub selected: bool,
}

/// The places that can have appointments (not video offices without counters are left
/// out later by having no rows), the chosen one first by key or the first location.
pub(super) async fn places_and_choice(
    db: &DatabaseConnection,
    tenant: TenantId,
    tr: Tr,
    key: Option<&str>,
) -> Result<(Vec<PlaceOption>, Place), PageError> {
    let all: Vec<Place> = places::list_all(db, tenant).await?;
    let chosen = key
        .and_then(|k| all.iter().find(|p| p.key == k))
        .or_else(|| all.iter().find(|p| p.place_type().ok() == Some(PlaceType::Location)))
        .or(all.first())
        .cloned()
        .ok_or_else(PageError::not_found)?;
    let options = all
        .iter()
        .map(|p| PlaceOption { key: p.key.clone(), name: place_name(p, tr.lang()), selected: p.id == chosen.id })
        .collect();
    Ok((options, chosen))
}

/// An appointment in a staff list.
pub(super) struct Row {
    pub id: i64,
    pub date: String,
    pub start: String,
    pub end: String,
    pub counter: String,
    pub services: String,
    pub persons: i32,
    pub name: String,
    pub contact: String,
    pub status_label: String,
    pub channel_label: String,
    pub code: String,
    pub notes: String,
}

/// Names of counters and services, loaded once per page.
pub(super) struct Names {
    counters: HashMap<i64, String>,
    services: HashMap<i64, String>,
}

impl Names {
    pub async fn load(db: &DatabaseConnection, tenant: TenantId, place_id: i64, tr: Tr) -> Result<Names, PageError> {
        let counters = counters::list(db, tenant, place_id).await?.into_iter().map(|c| (c.id, c.name)).collect();
        let services = services::list(db, tenant)
            .await?
            .into_iter()
            .map(|s| (s.id, crate::routes::appointments::view::service_name(&s, tr.lang())))
            .collect();
        Ok(Names { counters, services })
    }

    pub fn counter(&self, id: i64) -> String {
        self.counters.get(&id).cloned().unwrap_or_default()
    }
}

pub(super) async fn row(
    db: &DatabaseConnection,
    tenant: TenantId,
    tz: &TimeZone,
    tr: Tr,
    names: &Names,
    a: &Appointment,
) -> Result<Row, PageError> {
    let at =
        |s: i64| Timestamp::from_second(s).map(|t| t.to_zoned(tz.clone())).map_err(|e| PageError::internal("time", &e));
    let (start, end) = (at(a.start_s)?, at(a.end_s)?);
    let booked = rathaus_db::appointments::records::services_of(db, tenant, a.id).await?;
    let services =
        booked.iter().filter_map(|b| names.services.get(&b.service_id).cloned()).collect::<Vec<_>>().join(", ");
    let contact = [a.email.clone(), a.phone.clone()].into_iter().flatten().collect::<Vec<_>>().join(", ");
    Ok(Row {
        id: a.id,
        date: start.date().to_string(),
        start: clock(start.time()),
        end: clock(end.time()),
        counter: names.counter(a.counter_id),
        services,
        persons: a.persons,
        name: a.name.clone(),
        contact,
        status_label: tr.t(&format!("booking-status-{}", a.status)),
        channel_label: tr.t(&format!("staff-appt-channel-{}", a.channel)),
        code: a.booking_code.clone().unwrap_or_default(),
        notes: a.notes.clone().unwrap_or_default(),
    })
}

/// Midnight to midnight of a local date, in epoch seconds.
pub(super) fn day_bounds(tz: &TimeZone, date: Date) -> Result<(i64, i64), PageError> {
    let start = date.to_zoned(tz.clone()).map_err(|e| PageError::internal("date", &e))?;
    let next = date.tomorrow().and_then(|d| d.to_zoned(tz.clone())).map_err(|e| PageError::internal("date", &e))?;
    Ok((start.timestamp().as_second(), next.timestamp().as_second()))
}
