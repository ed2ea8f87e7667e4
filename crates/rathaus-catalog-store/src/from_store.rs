//! Stored rows → catalogue items (the export direction), in the canonical order of
//! [`crate::canonical`]. A stored value that does not fit the catalogue (changed behind the
//! store's back) is an error, never silently dropped.

use crate::details::{PlaceDetails, ServiceDetails};
use rathaus_catalog::model::{
    Accessibility, Address, Channel, Coordinates, Counter, Department, HoursException, Location, LocationKind,
    MobileSite, OpeningHours, RecurringSession, Service, Session, Text, Topic, VirtualOffice, Weekday, WeeklyHours,
};
use rathaus_db::catalog::places::{Place, PlaceType};
use rathaus_db::catalog::{counters, departments, hours, mobile, offerings, services, topics};
use rathaus_db::{DbErr, StoreError, TenantId};
use rathaus_domain::opening_hours::TimeRange;
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

/// A place of any type, as the catalogue has it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CatalogPlace {
    Location(Location),
    MobileSite(MobileSite),
    VirtualOffice(VirtualOffice),
}

pub(crate) fn corrupt(what: &str, value: impl std::fmt::Debug) -> StoreError {
    StoreError::Db(DbErr::Type(format!("stored {what} {value:?} does not fit the catalogue")))
}

fn text(de: &str, en: &str) -> Text {
    Text::new(de, en)
}

fn note(de: &Option<String>, en: &Option<String>) -> Option<Text> {
    match (de, en) {
        (None, None) => None,
        _ => Some(text(de.as_deref().unwrap_or(""), en.as_deref().unwrap_or(""))),
    }
}

/// A catalogue enum from its snake_case code.
fn from_code<T: serde::de::DeserializeOwned>(what: &str, code: &str) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).map_err(|_| corrupt(what, code))
}

fn json<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| corrupt(what, e.to_string()))
}

pub(crate) fn department(d: &departments::Department) -> Department {
    Department {
        key: d.key.clone(),
        xzufi_id: d.xzufi_id.clone(),
        name: text(&d.name_de, &d.name_en),
        email: d.email.clone(),
        phone: d.phone.clone(),
    }
}

pub(crate) fn topic(t: &topics::Topic) -> Topic {
    Topic { key: t.key.clone(), name: text(&t.name_de, &t.name_en) }
}

/// Keys of departments and topics by id, to name a service's references.
pub(crate) struct Keys {
    pub departments: HashMap<i64, String>,
    pub topics: HashMap<i64, String>,
}

pub(crate) fn service(s: &services::Service, keys: &Keys) -> Result<Service, StoreError> {
    let d: ServiceDetails = json("service details", &s.details)?;
    let department = keys.departments.get(&s.department_id).ok_or_else(|| corrupt("department id", s.department_id))?;
    let topic =
        s.topic_id.map(|id| keys.topics.get(&id).cloned().ok_or_else(|| corrupt("topic id", id))).transpose()?;
    Ok(Service {
        slug: s.slug.clone(),
        draft: !s.active,
        xzufi_id: s.xzufi_id.clone(),
        leika: s.leika.clone(),
        department: department.clone(),
        topic,
        name: text(&s.name_de, &s.name_en),
        summary: d.summary,
        description: d.description,
        eligibility: d.eligibility,
        documents: d.documents,
        fees: d.fees,
        legal_basis: d.legal_basis,
        processing_time: d.processing_time,
        procedure: d.procedure,
        deadlines: d.deadlines,
        notes: d.notes,
        online_url: d.online_url,
        minutes_per_person: s
            .minutes_per_person
            .map(|m| u16::try_from(m).map_err(|_| corrupt("minutes per person", m)))
            .transpose()?,
        max_persons: s.max_persons.map(|m| u8::try_from(m).map_err(|_| corrupt("max persons", m))).transpose()?,
        channels: s.channel_codes().map(|c| from_code::<Channel>("channel", c)).collect::<Result<_, _>>()?,
        keywords: d.keywords,
        phrasings: d.phrasings,
    })
}

fn catalog_weekday(day: jiff::civil::Weekday) -> Weekday {
    Weekday::ALL.into_iter().find(|w| w.to_jiff() == day).unwrap_or(Weekday::Mon)
}

/// `("08:00", "12:00")` of a range.
fn times(range: TimeRange) -> (String, String) {
    let text = range.to_string();
    let (from, to) = text.split_once('-').unwrap_or((&text, ""));
    (from.to_owned(), to.to_owned())
}

fn ranges(hours: &rathaus_domain::opening_hours::DayHours) -> Vec<String> {
    hours.ranges().iter().map(ToString::to_string).collect()
}

async fn opening_hours(db: &impl ConnectionTrait, tenant: TenantId, place_id: i64) -> Result<OpeningHours, StoreError> {
    let week = hours::weekly(db, tenant, place_id).await?;
    let on = |day: Weekday| ranges(week.on(day.to_jiff()));
    let weekly = WeeklyHours {
        mon: on(Weekday::Mon),
        tue: on(Weekday::Tue),
        wed: on(Weekday::Wed),
        thu: on(Weekday::Thu),
        fri: on(Weekday::Fri),
        sat: on(Weekday::Sat),
        sun: on(Weekday::Sun),
    };
    let exceptions = hours::exceptions(db, tenant, place_id, None, None)
        .await?
        .into_iter()
        .map(|e| HoursException {
            date: e.date,
            closed: e.closed,
            hours: ranges(&e.hours),
            note: note(&e.note_de, &e.note_en),
        })
        .collect();
    Ok(OpeningHours { weekly, exceptions })
}

/// The catalogue's counters of a place: the active ones, by key.
async fn active_counters(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
) -> Result<Vec<Counter>, StoreError> {
    Ok(counters::list(db, tenant, place_id)
        .await?
        .into_iter()
        .filter(|c| c.active)
        .map(|c| Counter { key: c.key, name: c.name })
        .collect())
}

/// Slugs of the services offered at a place, sorted.
async fn offered(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    slugs: &HashMap<i64, String>,
) -> Result<Vec<String>, StoreError> {
    let mut out = offerings::service_ids(db, tenant, place_id)
        .await?
        .into_iter()
        .map(|id| slugs.get(&id).cloned().ok_or_else(|| corrupt("service id", id)))
        .collect::<Result<Vec<_>, _>>()?;
    out.sort();
    Ok(out)
}

fn address_of(p: &Place) -> Result<Address, StoreError> {
    let a = p.address().ok_or_else(|| corrupt("address of place", &p.key))?;
    Ok(Address { street: a.street, postal_code: a.postal_code, city: a.city })
}

fn coordinates_of(p: &Place) -> Result<Coordinates, StoreError> {
    let (lat, lon) = p.coordinates().ok_or_else(|| corrupt("coordinates of place", &p.key))?;
    Ok(Coordinates { lat, lon })
}

/// A place with everything that hangs off it; `slugs` names services by id.
pub(crate) async fn place(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    p: &Place,
    slugs: &HashMap<i64, String>,
) -> Result<CatalogPlace, StoreError> {
    let details: PlaceDetails = json("place details", &p.details)?;
    let name = text(&p.name_de, &p.name_en);
    let accessibility = || -> Result<Accessibility, StoreError> {
        let step_free = p.step_free.ok_or_else(|| corrupt("step_free of place", &p.key))?;
        Ok(Accessibility { step_free, notes: details.accessibility_notes.clone() })
    };
    Ok(match p.place_type()? {
        PlaceType::Location => {
            let kind = p.kind.as_deref().ok_or_else(|| corrupt("kind of location", &p.key))?;
            CatalogPlace::Location(Location {
                key: p.key.clone(),
                kind: from_code::<LocationKind>("location kind", kind)?,
                name,
                address: address_of(p)?,
                coordinates: coordinates_of(p)?,
                accessibility: accessibility()?,
                transport: details.transport.clone(),
                phone: p.phone.clone(),
                email: p.email.clone(),
                walk_in: p.walk_in,
                counters: active_counters(db, tenant, p.id).await?,
                services: offered(db, tenant, p.id, slugs).await?,
                opening_hours: opening_hours(db, tenant, p.id).await?,
            })
        }
        PlaceType::MobileSite => {
            let schedule = mobile::schedule(db, tenant, p.id)
                .await?
                .into_iter()
                .map(|r| {
                    let (from, to) = times(r.hours);
                    RecurringSession {
                        weekday: catalog_weekday(r.weekday),
                        from,
                        to,
                        every_weeks: r.every_weeks,
                        first_date: r.first_date,
                        last_date: r.last_date,
                    }
                })
                .collect();
            let sessions = mobile::sessions(db, tenant, p.id)
                .await?
                .into_iter()
                .map(|s| {
                    let (from, to) = times(s.hours);
                    Session { date: s.date, from, to, note: note(&s.note_de, &s.note_en) }
                })
                .collect();
            CatalogPlace::MobileSite(MobileSite {
                key: p.key.clone(),
                name,
                address: address_of(p)?,
                coordinates: coordinates_of(p)?,
                accessibility: accessibility()?,
                transport: details.transport.clone(),
                counters: active_counters(db, tenant, p.id).await?,
                services: offered(db, tenant, p.id, slugs).await?,
                schedule,
                sessions,
                cancelled: mobile::cancelled_dates(db, tenant, p.id).await?,
            })
        }
        PlaceType::VirtualOffice => CatalogPlace::VirtualOffice(VirtualOffice {
            key: p.key.clone(),
            name,
            description: details.description.clone(),
            counters: active_counters(db, tenant, p.id).await?,
            services: offered(db, tenant, p.id, slugs).await?,
            opening_hours: opening_hours(db, tenant, p.id).await?,
            requirements: details.requirements.clone(),
        }),
    })
}
