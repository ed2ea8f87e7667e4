//! A place as the catalogue has it (location, mobile site or video office), and its store
//! fields exactly as `rathaus-catalog-store` writes them on import: address, coordinates and
//! flags as columns, the texts in `details` (`accessibility_notes`, `transport`,
//! `description`, `requirements`). The integration tests prove the round trip via `export`.

use rathaus_catalog::model::{Catalog, Location, MobileSite, Text, TextList, VirtualOffice};
use rathaus_db::catalog::places::{Address, PlaceFields, PlaceType};
use rathaus_domain::Slug;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Item {
    Location(Location),
    MobileSite(MobileSite),
    VirtualOffice(VirtualOffice),
}

/// `places.details`, in the shape `rathaus-catalog-store` reads.
#[derive(Serialize)]
struct Details<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    accessibility_notes: Option<&'a Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    transport: Option<&'a Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a Text>,
    #[serde(skip_serializing_if = "TextList::is_empty")]
    requirements: &'a TextList,
}

fn address(a: &rathaus_catalog::model::Address) -> Address {
    Address { street: a.street.clone(), postal_code: a.postal_code.clone(), city: a.city.clone() }
}

/// The snake_case code serde gives a unit enum variant (`citizen_office`).
pub(super) fn code<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

impl Item {
    /// A new, empty place of `place_type`.
    pub(super) fn empty(place_type: PlaceType) -> Self {
        match place_type {
            PlaceType::Location => Item::Location(Location::default()),
            PlaceType::MobileSite => Item::MobileSite(MobileSite::default()),
            PlaceType::VirtualOffice => Item::VirtualOffice(VirtualOffice::default()),
        }
    }

    pub(super) fn key(&self) -> &str {
        match self {
            Item::Location(l) => &l.key,
            Item::MobileSite(m) => &m.key,
            Item::VirtualOffice(v) => &v.key,
        }
    }

    /// The place `key` of the exported catalogue.
    pub(super) fn find(catalog: &Catalog, key: &str) -> Option<Item> {
        let location = catalog.locations.iter().find(|l| l.key == key).cloned().map(Item::Location);
        let mobile = || catalog.mobile_sites.iter().find(|m| m.key == key).cloned().map(Item::MobileSite);
        let video = || catalog.virtual_offices.iter().find(|v| v.key == key).cloned().map(Item::VirtualOffice);
        location.or_else(mobile).or_else(video)
    }

    /// Puts this place into `catalog` (last of its list, replacing the place with key
    /// `replacing`) and returns its path prefix (`locations[7]`), where validation reports it.
    pub(super) fn insert_into(&self, catalog: &mut Catalog, replacing: Option<&str>) -> String {
        let keep = |k: &str| replacing != Some(k);
        match self {
            Item::Location(l) => {
                catalog.locations.retain(|x| keep(&x.key));
                catalog.locations.push(l.clone());
                format!("locations[{}]", catalog.locations.len() - 1)
            }
            Item::MobileSite(m) => {
                catalog.mobile_sites.retain(|x| keep(&x.key));
                catalog.mobile_sites.push(m.clone());
                format!("mobile_sites[{}]", catalog.mobile_sites.len() - 1)
            }
            Item::VirtualOffice(v) => {
                catalog.virtual_offices.retain(|x| keep(&x.key));
                catalog.virtual_offices.push(v.clone());
                format!("virtual_offices[{}]", catalog.virtual_offices.len() - 1)
            }
        }
    }

    /// The store fields of a validated place (its key is well-formed).
    pub(super) fn fields(&self) -> Option<PlaceFields> {
        let key = Slug::parse(self.key()).ok()?;
        let none = TextList::default();
        Some(match self {
            Item::Location(l) => PlaceFields {
                key,
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
                details: json(&Details {
                    accessibility_notes: l.accessibility.notes.as_ref(),
                    transport: l.transport.as_ref(),
                    description: None,
                    requirements: &none,
                }),
            },
            Item::MobileSite(m) => PlaceFields {
                key,
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
                details: json(&Details {
                    accessibility_notes: m.accessibility.notes.as_ref(),
                    transport: m.transport.as_ref(),
                    description: None,
                    requirements: &none,
                }),
            },
            Item::VirtualOffice(v) => PlaceFields {
                key,
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
                details: json(&Details {
                    accessibility_notes: None,
                    transport: None,
                    description: v.description.as_ref(),
                    requirements: &v.requirements,
                }),
            },
        })
    }
}

fn json(details: &Details<'_>) -> serde_json::Value {
    serde_json::to_value(details).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_fields_follow_the_import() {
        let demo = rathaus_catalog::demo_catalog();
        let mitte = Item::find(&demo, "buergerbuero-mitte").unwrap();
        let f = mitte.fields().unwrap();
        assert_eq!((f.kind.as_deref(), f.step_free, f.walk_in), (Some("citizen_office"), Some(true), true));
        assert!(f.details.get("transport").is_some() && f.details.get("requirements").is_none());
        let video = Item::find(&demo, "video-buergerbuero").unwrap().fields().unwrap();
        assert_eq!((video.address, video.coordinates), (None, None));
        assert!(video.details.get("requirements").is_some());
        let mut catalog = demo.clone();
        assert_eq!(mitte.insert_into(&mut catalog, Some("buergerbuero-mitte")), "locations[6]");
        assert_eq!(catalog.locations.len(), demo.locations.len());
    }
}
