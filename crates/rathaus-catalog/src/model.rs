//! The catalogue document: the serde types of the `rathaus-catalog/1` format described in
//! `FORMAT.md`. The types are deliberately lenient (strings for keys, times and contact
//! data) so that one [`Catalog::validate`](crate::Catalog::validate) run can list every
//! problem with its path; structural mistakes (unknown fields, wrong types) fail parsing.

mod place;
mod service;
mod text;

pub use place::{
    Accessibility, Address, Coordinates, Counter, HoursException, Location, LocationKind, MobileSite, OpeningHours,
    RecurringSession, Session, VirtualOffice, Weekday, WeeklyHours,
};
pub use service::{Channel, Fee, FeeAmount, FeeUnit, Service};
pub use text::{Text, TextList};

use serde::{Deserialize, Serialize};

/// The value of the `format` field this crate reads and writes.
pub const FORMAT: &str = "rathaus-catalog/1";

/// A tenant's whole service catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub format: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub departments: Vec<Department>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<Topic>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<Location>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mobile_sites: Vec<MobileSite>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub virtual_offices: Vec<VirtualOffice>,
}

impl Default for Catalog {
    fn default() -> Self {
        Self {
            format: FORMAT.to_owned(),
            departments: Vec::new(),
            topics: Vec::new(),
            services: Vec::new(),
            locations: Vec::new(),
            mobile_sites: Vec::new(),
            virtual_offices: Vec::new(),
        }
    }
}

impl Catalog {
    pub fn service(&self, slug: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.slug == slug)
    }

    pub fn department(&self, key: &str) -> Option<&Department> {
        self.departments.iter().find(|d| d.key == key)
    }

    pub fn location(&self, key: &str) -> Option<&Location> {
        self.locations.iter().find(|l| l.key == key)
    }

    pub fn mobile_site(&self, key: &str) -> Option<&MobileSite> {
        self.mobile_sites.iter().find(|m| m.key == key)
    }

    /// Locations whose counters offer the service.
    pub fn locations_offering<'a>(&'a self, slug: &'a str) -> impl Iterator<Item = &'a Location> {
        self.locations.iter().filter(move |l| l.services.iter().any(|s| s == slug))
    }
}

/// A department (Fachbereich, Amt): who is responsible and how to reach them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    pub key: String,
    /// The `id` of the XZuFi `organisationseinheit` it was imported from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xzufi_id: Option<String>,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// A topic for "list by topic" on the website (Lebenslage, Themenfeld).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub key: String,
    pub name: Text,
}
