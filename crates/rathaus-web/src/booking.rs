//! What the booking pages and the availability API share: reading a request's services and
//! place, the JSON shape of free times, the form value that names a start, and how booking
//! errors become API problems.

use crate::error::{ApiError, FieldProblem};
use crate::routes::api::availability::{Availability, Day, LocationOption};
use crate::routes::api::services::LocalisedText;
use rathaus_booking::{BookingError, Candidate, PlaceAvailability, ServiceRequest, Start};
use rathaus_db::catalog::places::{self, Place};
use rathaus_db::{StoreError, TenantId};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

/// The services of a request, each for `persons`: slugs trimmed, empty ones dropped,
/// duplicates once; `None` when none is left.
pub fn service_requests<'a>(slugs: impl IntoIterator<Item = &'a str>, persons: u32) -> Option<Vec<ServiceRequest>> {
    let mut out: Vec<ServiceRequest> = Vec::new();
    for slug in slugs.into_iter().map(str::trim).filter(|s| !s.is_empty()) {
        if !out.iter().any(|r| r.slug == slug) {
            out.push(ServiceRequest::new(slug, persons));
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A canonical cache key part for services: sorted `slug:persons`.
pub fn services_key(services: &[ServiceRequest]) -> String {
    let mut parts: Vec<String> = services.iter().map(|s| format!("{}:{}", s.slug, s.persons)).collect();
    parts.sort();
    parts.join(",")
}

/// Where a request looks.
#[derive(Debug, Clone)]
pub enum LocationChoice {
    Place(Box<Place>),
    Any,
}

/// `any`, a place id or a place key of this tenant; `None` if there is no such place.
pub async fn location(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    value: &str,
) -> Result<Option<LocationChoice>, StoreError> {
    let value = value.trim();
    if value.eq_ignore_ascii_case("any") || value == "alle" {
        return Ok(Some(LocationChoice::Any));
    }
    let found = match value.parse::<i64>() {
        Ok(id) => places::get(db, tenant, id).await?,
        Err(_) => places::get_by_key(db, tenant, value).await?,
    };
    Ok(found.map(|p| LocationChoice::Place(Box::new(p))))
}

/// All places of the tenant by id.
pub async fn place_names(db: &impl ConnectionTrait, tenant: TenantId) -> Result<HashMap<i64, Place>, StoreError> {
    Ok(places::list_all(db, tenant).await?.into_iter().map(|p| (p.id, p)).collect())
}

/// The API's answer for the places found: days merged over all places, the places with
/// their earliest time.
pub fn to_answer(found: &[PlaceAvailability], names: &HashMap<i64, Place>) -> Availability {
    let mut merged: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    let mut locations = Vec::new();
    for p in found {
        for day in &p.days.days {
            let times = merged.entry(day.date.to_string()).or_default();
            times.extend(day.times.iter().map(|t| t.strftime("%H:%M").to_string()));
        }
        if let (Some(place), Some(first)) = (names.get(&p.place_id), p.days.days.first()) {
            let time = first.times.first().map(|t| t.strftime("%H:%M").to_string()).unwrap_or_default();
            locations.push(LocationOption {
                id: place.id,
                key: place.key.clone(),
                name: LocalisedText::new(&place.name_de, &place.name_en),
                earliest: format!("{}T{time}", first.date),
            });
        }
    }
    let days = merged
        .into_iter()
        .map(|(date, mut times)| {
            times.sort();
            times.dedup();
            Day { date, times }
        })
        .collect();
    Availability { days, locations }
}

/// A start as a form value: `place.counter.start.end` (epoch seconds).
pub fn encode_start(c: &Candidate) -> String {
    format!("{}.{}.{}.{}", c.place_id, c.start.counter_id, c.start.start.as_second(), c.start.end.as_second())
}

/// The start a form value names, if it is well-formed (whether it is bookable is for the
/// booking to decide).
pub fn decode_start(value: &str) -> Option<Candidate> {
    let mut parts = value.trim().split('.');
    let place_id = parts.next()?.parse().ok()?;
    let counter_id = parts.next()?.parse().ok()?;
    let start = jiff::Timestamp::from_second(parts.next()?.parse().ok()?).ok()?;
    let end = jiff::Timestamp::from_second(parts.next()?.parse().ok()?).ok()?;
    if parts.next().is_some() || start >= end {
        return None;
    }
    Some(Candidate { place_id, start: Start { counter_id, start, end } })
}

/// A booking error as an API problem.
pub fn api_error(e: BookingError) -> ApiError {
    let field = |pointer: &str, code: &str| {
        ApiError::validation(vec![FieldProblem { pointer: pointer.into(), detail: code.into() }])
    };
    match e {
        BookingError::Invalid(code) if code.starts_with("service") || code.starts_with("need") => {
            field("/service", code)
        }
        BookingError::Invalid("persons-invalid") => field("/persons", "persons-invalid"),
        BookingError::Invalid(code) if code.starts_with("contact") => field(&format!("/{code}"), code),
        BookingError::Invalid(code) => ApiError::validation(Vec::new()).detail(code),
        BookingError::NotFound | BookingError::HoldNotFound => ApiError::not_found(),
        BookingError::SlotTaken(_) => ApiError::conflict("slot-taken"),
        BookingError::HoldExpired => ApiError::conflict("hold-expired"),
        BookingError::AlreadyConfirmed => ApiError::conflict("already-confirmed"),
        BookingError::ContactLimit { .. } => ApiError::conflict("contact-limit"),
        BookingError::NotCancellable => ApiError::conflict("not-cancellable"),
        BookingError::Lottery { .. } => ApiError::conflict("lottery"),
        BookingError::AlreadyEntered => ApiError::conflict("already-entered"),
        BookingError::Store(e) => ApiError::from(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_are_read_once_each() {
        let r = service_requests(" a ,b,, a".split(','), 2).unwrap();
        assert_eq!(r, vec![ServiceRequest::new("a", 2), ServiceRequest::new("b", 2)]);
        assert!(service_requests(" , ".split(','), 1).is_none());
        assert_eq!(services_key(&r), "a:2,b:2");
    }

    #[test]
    fn a_start_survives_the_form() {
        let start = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let end = jiff::Timestamp::from_second(1_800_000_900).unwrap();
        let c = Candidate { place_id: 3, start: Start { counter_id: 12, start, end } };
        assert_eq!(decode_start(&encode_start(&c)), Some(c));
        for bad in ["", "1.2.3", "1.2.3.4.5", "a.b.c.d", "1.2.100.50"] {
            assert_eq!(decode_start(bad), None, "{bad}");
        }
    }
}
