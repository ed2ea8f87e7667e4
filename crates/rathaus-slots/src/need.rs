//! What one appointment asks for: services with counter minutes per person and a number of
//! persons. The duration is Σ minutes × persons, rounded up to the slot grid, and all
//! services are handled in one go at **one** counter.

use crate::place::SlotMinutes;
use crate::staffing::{ServiceId, ServiceSet};
use rathaus_domain::Invalid;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The longest appointment accepted: a whole day.
pub const MAX_NEED_MINUTES: u32 = 24 * 60;

/// One service of an appointment, e.g. passports for a family of four at 15 minutes each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeedItem {
    pub service: ServiceId,
    pub minutes_per_person: u32,
    pub persons: u32,
}

impl NeedItem {
    pub fn new(service: &str, minutes_per_person: u32, persons: u32) -> Self {
        Self { service: ServiceId::new(service), minutes_per_person, persons }
    }
}

/// A valid request: at least one service (`need-empty`), each with minutes and persons of at
/// least one (`need-zero`), no service twice (`need-duplicate-service`), at most
/// [`MAX_NEED_MINUTES`] in total (`need-too-long`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "NeedRepr", into = "NeedRepr")]
pub struct Need {
    services: Vec<NeedItem>,
    minutes: u32,
}

impl Need {
    pub fn new(services: Vec<NeedItem>) -> Result<Self, Invalid> {
        if services.is_empty() {
            return Err(Invalid::new("need-empty"));
        }
        if services.iter().any(|s| s.minutes_per_person == 0 || s.persons == 0) {
            return Err(Invalid::new("need-zero"));
        }
        let distinct: BTreeSet<&ServiceId> = services.iter().map(|s| &s.service).collect();
        if distinct.len() != services.len() {
            return Err(Invalid::new("need-duplicate-service"));
        }
        let minutes = services
            .iter()
            .try_fold(0u32, |sum, s| sum.checked_add(s.minutes_per_person.checked_mul(s.persons)?))
            .filter(|&m| m <= MAX_NEED_MINUTES)
            .ok_or(Invalid::new("need-too-long"))?;
        Ok(Self { services, minutes })
    }

    /// One service for `persons` persons.
    pub fn single(service: &str, minutes_per_person: u32, persons: u32) -> Result<Self, Invalid> {
        Self::new(vec![NeedItem::new(service, minutes_per_person, persons)])
    }

    pub fn services(&self) -> &[NeedItem] {
        &self.services
    }

    /// Σ minutes × persons, before rounding.
    pub fn minutes(&self) -> u32 {
        self.minutes
    }

    /// The number of consecutive grid slots needed: minutes rounded up to the grid.
    pub fn slots(&self, grid: SlotMinutes) -> u32 {
        self.minutes.div_ceil(grid.get())
    }

    /// Whether a counter with `set` can handle every service of this appointment.
    pub fn handled_by(&self, set: &ServiceSet) -> bool {
        self.services.iter().all(|s| set.contains(&s.service))
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct NeedRepr {
    services: Vec<NeedItem>,
}

impl TryFrom<NeedRepr> for Need {
    type Error = Invalid;
    fn try_from(r: NeedRepr) -> Result<Self, Invalid> {
        Self::new(r.services)
    }
}

impl From<Need> for NeedRepr {
    fn from(n: Need) -> Self {
        Self { services: n.services }
    }
}
