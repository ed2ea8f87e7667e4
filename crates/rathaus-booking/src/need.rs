//! What an appointment is for: catalogue services by slug with a number of persons, turned
//! into the engine's [`Need`] and the rows `appointment_services` will hold.
//!
//! A service is bookable when it is active, offers the `appointment` channel and has
//! counter minutes per person; persons run from 1 to its `max_persons` (1 when unset).

use crate::error::BookingError;
use crate::setup::service_key;
use rathaus_db::TenantId;
use rathaus_db::appointments::records::BookedService;
use rathaus_db::catalog::{offerings, services};
use rathaus_slots::{Need, NeedItem};
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};

/// One service of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceRequest {
    pub slug: String,
    pub persons: u32,
}

impl ServiceRequest {
    pub fn new(slug: impl Into<String>, persons: u32) -> Self {
        Self { slug: slug.into(), persons }
    }
}

/// A request resolved against the catalogue.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub need: Need,
    pub booked: Vec<BookedService>,
}

impl Resolved {
    pub fn service_ids(&self) -> Vec<i64> {
        self.booked.iter().map(|b| b.service_id).collect()
    }
}

pub(crate) async fn resolve(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    requests: &[ServiceRequest],
) -> Result<Resolved, BookingError> {
    let mut items = Vec::with_capacity(requests.len());
    let mut booked = Vec::with_capacity(requests.len());
    for r in requests {
        let service =
            services::get_by_slug(db, tenant, &r.slug).await?.ok_or(BookingError::Invalid("service-unknown"))?;
        let minutes = service.minutes_per_person.and_then(|m| u32::try_from(m).ok()).filter(|&m| m > 0);
        let Some(minutes) = minutes.filter(|_| service.active && service.offers("appointment")) else {
            return Err(BookingError::Invalid("service-not-bookable"));
        };
        let max = service.max_persons.and_then(|m| u32::try_from(m).ok()).unwrap_or(1);
        if r.persons == 0 || r.persons > max {
            return Err(BookingError::Invalid("persons-invalid"));
        }
        items.push(NeedItem { service: service_key(service.id), minutes_per_person: minutes, persons: r.persons });
        booked.push(BookedService {
            service_id: service.id,
            persons: r.persons,
            minutes: minutes.saturating_mul(r.persons),
        });
    }
    Ok(Resolved { need: Need::new(items)?, booked })
}

/// Whether the place offers every service of the request.
pub(crate) async fn offered_at(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    resolved: &Resolved,
) -> Result<bool, BookingError> {
    let offered = offerings::service_ids(db, tenant, place_id).await?;
    Ok(resolved.booked.iter().all(|b| offered.contains(&b.service_id)))
}

/// The places (ids, ascending) that offer every service of the request.
pub(crate) async fn places_offering_all(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    resolved: &Resolved,
) -> Result<Vec<i64>, BookingError> {
    let pairs = offerings::all(db, tenant).await?;
    let mut places: Vec<i64> = pairs.iter().map(|&(place, _)| place).collect();
    places.dedup();
    places.retain(|&place| resolved.booked.iter().all(|b| pairs.contains(&(place, b.service_id))));
    Ok(places)
}
