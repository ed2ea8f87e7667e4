//! Catalogue items → the store's field structs (the import direction). Pure translation of
//! a catalogue that passed `Catalog::validate`; what validation guarantees (well-formed keys,
//! ranges, times) is still checked here and reported, never unwrapped.

use crate::details::{PlaceDetails, ServiceDetails, to_json};
use rathaus_catalog::model::{Department, Location, MobileSite, OpeningHours, Service, Topic, VirtualOffice};
use rathaus_db::catalog::departments::DepartmentFields;
use rathaus_db::catalog::hours::HoursException;
use rathaus_db::catalog::mobile::{RecurringSession, SessionFields};
use rathaus_db::catalog::places::{Address, PlaceFields, PlaceType};
use rathaus_db::catalog::services::ServiceFields;
use rathaus_db::catalog::topics::TopicFields;
use rathaus_domain::Slug;
use rathaus_domain::opening_hours::{DayHours, TimeRange, WeeklyHours};

/// A value the store cannot represent (only possible for an unvalidated catalogue).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} {value:?} cannot be stored")]
pub struct Unrepresentable {
    pub what: &'static str,
    pub value: String,
}

fn bad(what: &'static str, value: impl Into<String>) -> Unrepresentable {
    Unrepresentable { what, value: value.into() }
}

pub(crate) fn key(k: &str) -> Result<Slug, Unrepresentable> {
    Slug::parse(k).map_err(|_| bad("key", k))
}

/// The snake_case code serde gives a unit enum variant (`citizen_office`).
pub(crate) fn code<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => format!("{other:?}"),
    }
}

pub(crate) fn department(d: &Department) -> Result<DepartmentFields, Unrepresentable> {
    Ok(DepartmentFields {
        key: key(&d.key)?,
        xzufi_id: d.xzufi_id.clone(),
        name_de: d.name.de.clone(),
        name_en: d.name.en.clone(),
        email: d.email.clone(),
        phone: d.phone.clone(),
    })
}

pub(crate) fn topic(t: &Topic) -> Result<TopicFields, Unrepresentable> {
    Ok(TopicFields { key: key(&t.key)?, name_de: t.name.de.clone(), name_en: t.name.en.clone() })
}

/// The store fields of a catalogue service: the queried fields as columns, the texts in the
/// `details` JSON. Used by the import and by the admin forms, so both write the same shape.
pub fn service(s: &Service, department_id: i64, topic_id: Option<i64>) -> Result<ServiceFields, Unrepresentable> {
    let details = ServiceDetails {
        summary: s.summary.clone(),
        description: s.description.clone(),
        eligibility: s.eligibility.clone(),
        documents: s.documents.clone(),
        fees: s.fees.clone(),
        legal_basis: s.legal_basis.clone(),
        processing_time: s.processing_time.clone(),
        procedure: s.procedure.clone(),
        deadlines: s.deadlines.clone(),
        notes: s.notes.clone(),
        online_url: s.online_url.clone(),
        keywords: s.keywords.clone(),
        phrasings: s.phrasings.clone(),
    };
    Ok(ServiceFields {
        slug: key(&s.slug)?,
        leika: s.leika.clone(),
        xzufi_id: s.xzufi_id.clone(),
        department_id,
        topic_id,
        name_de: s.name.de.clone(),
        name_en: s.name.en.clone(),
        minutes_per_person: s.minutes_per_person,
        max_persons: s.max_persons,
        channels: s.channels.iter().map(|c| c.code().to_owned()).collect(),
        details: to_json(&details),
    })
}

fn address(a: &rathaus_catalog::model::Address) -> Address {
    Address { street: a.street.clone(), postal_code: a.postal_code.clone(), city: a.city.clone() }
}

pub(crate) fn location(l: &Location) -> Result<PlaceFields, Unrepresentable> {
    let details = PlaceDetails {
        accessibility_notes: l.accessibility.notes.clone(),
        transport: l.transport.clone(),
        ..Default::default()
    };
    Ok(PlaceFields {
        key: key(&l.key)?,
        place_type: PlaceType::Location,
        kind: Some(code(&l.kind)),
        name_de: l.name.de.clone(),
        name_en: l.name.en.clone(),
        address: Some(address(&l.address)),
        coordinates: Some((l.coordinates.lat, l.coordinates.lon)),
        step_free: Some(l.accessibility.step_free),
        walk_in: l.walk_in,
        phone: l.phone.clone(),
        email: l.email.clone(),
        details: to_json(&details),
    })
}

pub(crate) fn mobile_site(m: &MobileSite) -> Result<PlaceFields, Unrepresentable> {
    let details = PlaceDetails {
        accessibility_notes: m.accessibility.notes.clone(),
        transport: m.transport.clone(),
        ..Default::default()
    };
    Ok(PlaceFields {
        key: key(&m.key)?,
        place_type: PlaceType::MobileSite,
        kind: None,
        name_de: m.name.de.clone(),
        name_en: m.name.en.clone(),
        address: Some(address(&m.address)),
        coordinates: Some((m.coordinates.lat, m.coordinates.lon)),
        step_free: Some(m.accessibility.step_free),
        walk_in: false,
        phone: None,
        email: None,
        details: to_json(&details),
    })
}

pub(crate) fn virtual_office(v: &VirtualOffice) -> Result<PlaceFields, Unrepresentable> {
    let details =
        PlaceDetails { description: v.description.clone(), requirements: v.requirements.clone(), ..Default::default() };
    Ok(PlaceFields {
        key: key(&v.key)?,
        place_type: PlaceType::VirtualOffice,
        kind: None,
        name_de: v.name.de.clone(),
        name_en: v.name.en.clone(),
        address: None,
        coordinates: None,
        step_free: None,
        walk_in: false,
        phone: None,
        email: None,
        details: to_json(&details),
    })
}

pub(crate) fn day_hours(ranges: &[String]) -> Result<DayHours, Unrepresentable> {
    let joined = ranges.join(",");
    DayHours::parse(&joined).map_err(|_| bad("opening hours", joined))
}

pub(crate) fn weekly(hours: &OpeningHours) -> Result<WeeklyHours, Unrepresentable> {
    hours.weekly_hours().map_err(|e| bad("weekly hours", e.code))
}

pub(crate) fn exceptions(hours: &OpeningHours) -> Result<Vec<HoursException>, Unrepresentable> {
    hours
        .exceptions
        .iter()
        .map(|e| {
            Ok(HoursException {
                date: e.date,
                closed: e.closed,
                hours: day_hours(&e.hours)?,
                note_de: e.note.as_ref().map(|n| n.de.clone()),
                note_en: e.note.as_ref().map(|n| n.en.clone()),
            })
        })
        .collect()
}

pub(crate) fn time_range(from: &str, to: &str) -> Result<TimeRange, Unrepresentable> {
    let text = format!("{}-{}", from.trim(), to.trim());
    TimeRange::parse(&text).map_err(|_| bad("session time", text))
}

pub(crate) fn sessions(m: &MobileSite) -> Result<Vec<SessionFields>, Unrepresentable> {
    m.sessions
        .iter()
        .map(|s| {
            Ok(SessionFields {
                date: s.date,
                hours: time_range(&s.from, &s.to)?,
                note_de: s.note.as_ref().map(|n| n.de.clone()),
                note_en: s.note.as_ref().map(|n| n.en.clone()),
            })
        })
        .collect()
}

pub(crate) fn schedule(m: &MobileSite) -> Result<Vec<RecurringSession>, Unrepresentable> {
    m.schedule
        .iter()
        .map(|r| {
            Ok(RecurringSession {
                weekday: r.weekday.to_jiff(),
                hours: time_range(&r.from, &r.to)?,
                every_weeks: r.every_weeks,
                first_date: r.first_date,
                last_date: r.last_date,
            })
        })
        .collect()
}
