//! How the booking pages show an appointment: place, address, services, the local day and
//! time, all in the page's language.

use crate::error::PageError;
use crate::i18n::Tr;
use crate::routes::catalog::dates::{clock, long_date, short_date};
use crate::routes::catalog::places::{address_line, place_name};
use jiff::Timestamp;
use jiff::civil::Date;
use rathaus_booking::Appointment;
use rathaus_db::catalog::{places, services};
use rathaus_db::{TenantId, tenants};
use rathaus_domain::Language;
use sea_orm::ConnectionTrait;

#[derive(Debug, Clone)]
pub struct AppointmentView {
    pub place_key: String,
    pub place_name: String,
    pub place_address: String,
    pub services: Vec<String>,
    pub persons: i32,
    pub date: Date,
    /// "Mittwoch, 4. November 2026".
    pub date_label: String,
    /// "09:30".
    pub time_label: String,
    pub end_label: String,
    pub booking_code: String,
    pub name: String,
    pub email: String,
    pub phone: String,
}

pub fn service_name(s: &services::Service, lang: Language) -> String {
    if lang == Language::En && !s.name_en.is_empty() { s.name_en.clone() } else { s.name_de.clone() }
}

pub async fn appointment(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    a: &Appointment,
    tr: Tr,
) -> Result<AppointmentView, PageError> {
    let tz = tenants::get(db, tenant).await?.ok_or_else(PageError::not_found)?.tz();
    let place = places::get(db, tenant, a.place_id).await?.ok_or_else(PageError::not_found)?;
    let mut names = Vec::new();
    for b in rathaus_db::appointments::records::services_of(db, tenant, a.id).await? {
        if let Some(s) = services::get(db, tenant, b.service_id).await? {
            names.push(service_name(&s, tr.lang()));
        }
    }
    let at =
        |s: i64| Timestamp::from_second(s).map(|t| t.to_zoned(tz.clone())).map_err(|e| PageError::internal("time", &e));
    let (start, end) = (at(a.start_s)?, at(a.end_s)?);
    Ok(AppointmentView {
        place_key: place.key.clone(),
        place_name: place_name(&place, tr.lang()),
        place_address: address_line(&place),
        services: names,
        persons: a.persons,
        date: start.date(),
        date_label: long_date(tr, start.date()),
        time_label: clock(start.time()),
        end_label: clock(end.time()),
        booking_code: a.booking_code.clone().unwrap_or_default(),
        name: a.name.clone(),
        email: a.email.clone().unwrap_or_default(),
        phone: a.phone.clone().unwrap_or_default(),
    })
}

/// An instant as a clock time in the tenant's zone.
pub async fn clock_at(db: &impl ConnectionTrait, tenant: TenantId, at_s: i64, _tr: Tr) -> Result<String, PageError> {
    let tz = tenants::get(db, tenant).await?.ok_or_else(PageError::not_found)?.tz();
    let t = Timestamp::from_second(at_s).map_err(|e| PageError::internal("time", &e))?;
    Ok(clock(t.to_zoned(tz).time()))
}

/// "Mi., 4. Nov., 09:30" for lists of offered times.
pub fn short_when(tr: Tr, at: &jiff::Zoned) -> String {
    format!("{}, {}", short_date(tr, at.date()), clock(at.time()))
}
