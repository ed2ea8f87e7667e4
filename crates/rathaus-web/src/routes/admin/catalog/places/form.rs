//! The form of a place's own details (pure): key (when created), kind, names, address,
//! coordinates, accessibility, transport, walk-in and contact for locations; the same
//! without kind, walk-in and contact for mobile sites; names, description and requirements
//! for video offices. Counters, services, hours and sessions keep what `base` has.

use super::item::{Item, code};
use crate::routes::admin::catalog::values::{Pairs, degrees, join_lines, optional, optional_text, text, text_list};
use crate::{forms::FormErrors, i18n::Tr};
use rathaus_catalog::model::{Accessibility, Address, Coordinates, LocationKind, Text};
use rathaus_domain::Slug;

pub(super) const KINDS: [LocationKind; 5] = [
    LocationKind::CitizenOffice,
    LocationKind::VehicleRegistration,
    LocationKind::RegistryOffice,
    LocationKind::ImmigrationOffice,
    LocationKind::Other,
];

#[derive(Debug, Clone, Default)]
pub(in crate::routes::admin::catalog) struct PlaceInput {
    pub key: String,
    pub kind: String,
    pub name_de: String,
    pub name_en: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub latitude: String,
    pub longitude: String,
    pub step_free: bool,
    pub accessibility_de: String,
    pub accessibility_en: String,
    pub transport_de: String,
    pub transport_en: String,
    pub walk_in: bool,
    pub phone: String,
    pub email: String,
    pub description_de: String,
    pub description_en: String,
    pub requirements_de: String,
    pub requirements_en: String,
}

fn de_en(t: &Option<Text>) -> (String, String) {
    t.as_ref().map(|t| (t.de.clone(), t.en.clone())).unwrap_or_default()
}

/// Degrees for the form: as stored, with a decimal point.
fn degrees_text(d: f64) -> String {
    d.to_string()
}

impl PlaceInput {
    pub(super) fn from_item(item: &Item) -> Self {
        match item {
            Item::Location(l) => {
                let (accessibility_de, accessibility_en) = de_en(&l.accessibility.notes);
                let (transport_de, transport_en) = de_en(&l.transport);
                PlaceInput {
                    key: l.key.clone(),
                    kind: code(&l.kind),
                    name_de: l.name.de.clone(),
                    name_en: l.name.en.clone(),
                    street: l.address.street.clone(),
                    postal_code: l.address.postal_code.clone(),
                    city: l.address.city.clone(),
                    latitude: degrees_text(l.coordinates.lat),
                    longitude: degrees_text(l.coordinates.lon),
                    step_free: l.accessibility.step_free,
                    accessibility_de,
                    accessibility_en,
                    transport_de,
                    transport_en,
                    walk_in: l.walk_in,
                    phone: l.phone.clone().unwrap_or_default(),
                    email: l.email.clone().unwrap_or_default(),
                    ..PlaceInput::default()
                }
            }
            Item::MobileSite(m) => {
                let (accessibility_de, accessibility_en) = de_en(&m.accessibility.notes);
                let (transport_de, transport_en) = de_en(&m.transport);
                PlaceInput {
                    key: m.key.clone(),
                    name_de: m.name.de.clone(),
                    name_en: m.name.en.clone(),
                    street: m.address.street.clone(),
                    postal_code: m.address.postal_code.clone(),
                    city: m.address.city.clone(),
                    latitude: degrees_text(m.coordinates.lat),
                    longitude: degrees_text(m.coordinates.lon),
                    step_free: m.accessibility.step_free,
                    accessibility_de,
                    accessibility_en,
                    transport_de,
                    transport_en,
                    ..PlaceInput::default()
                }
            }
            Item::VirtualOffice(v) => {
                let (description_de, description_en) = de_en(&v.description);
                PlaceInput {
                    key: v.key.clone(),
                    name_de: v.name.de.clone(),
                    name_en: v.name.en.clone(),
                    description_de,
                    description_en,
                    requirements_de: join_lines(&v.requirements.de),
                    requirements_en: join_lines(&v.requirements.en),
                    ..PlaceInput::default()
                }
            }
        }
    }

    pub(super) fn from_pairs(pairs: &[(String, String)]) -> Self {
        let p = Pairs(pairs);
        PlaceInput {
            key: p.get("key"),
            kind: p.get("kind"),
            name_de: p.get("name_de"),
            name_en: p.get("name_en"),
            street: p.get("street"),
            postal_code: p.get("postal_code"),
            city: p.get("city"),
            latitude: p.get("latitude"),
            longitude: p.get("longitude"),
            step_free: p.ticked("step_free"),
            accessibility_de: p.get("accessibility_de"),
            accessibility_en: p.get("accessibility_en"),
            transport_de: p.get("transport_de"),
            transport_en: p.get("transport_en"),
            walk_in: p.ticked("walk_in"),
            phone: p.get("phone"),
            email: p.get("email"),
            description_de: p.get("description_de"),
            description_en: p.get("description_en"),
            requirements_de: p.get("requirements_de"),
            requirements_en: p.get("requirements_en"),
        }
    }
}

/// A coordinate in `range`, or the error at `field`.
fn coordinate(tr: Tr, errors: &mut FormErrors, field: &str, value: &str, limit: f64) -> f64 {
    match degrees(value) {
        Some(Ok(d)) if (-limit..=limit).contains(&d) => d,
        _ => {
            errors.add(field, tr.t(&format!("admin-catalog-invalid-{field}")));
            0.0
        }
    }
}

/// `base` with the details of the form. On an existing place the key stays as it is.
pub(super) fn parse(tr: Tr, input: &PlaceInput, base: &Item, is_new: bool) -> (Item, FormErrors) {
    let mut errors = FormErrors::new();
    let key = if is_new {
        errors.check(tr, "key", Slug::parse(&input.key)).map(|k| k.as_str().to_owned()).unwrap_or_default()
    } else {
        base.key().to_owned()
    };
    let name = text(&input.name_de, &input.name_en);
    let address = || Address {
        street: input.street.trim().to_owned(),
        postal_code: input.postal_code.trim().to_owned(),
        city: input.city.trim().to_owned(),
    };
    let mut item = base.clone();
    if !matches!(item, Item::VirtualOffice(_)) {
        let lat = coordinate(tr, &mut errors, "latitude", &input.latitude, 90.0);
        let lon = coordinate(tr, &mut errors, "longitude", &input.longitude, 180.0);
        let accessibility = Accessibility {
            step_free: input.step_free,
            notes: optional_text(&input.accessibility_de, &input.accessibility_en),
        };
        let transport = optional_text(&input.transport_de, &input.transport_en);
        match &mut item {
            Item::Location(l) => {
                match KINDS.iter().find(|k| code(*k) == input.kind.trim()) {
                    Some(kind) => l.kind = *kind,
                    None => errors.add("kind", tr.t("admin-catalog-invalid-kind")),
                }
                (l.key, l.name, l.address) = (key, name, address());
                (l.coordinates, l.accessibility, l.transport) = (Coordinates { lat, lon }, accessibility, transport);
                (l.walk_in, l.phone, l.email) = (input.walk_in, optional(&input.phone), optional(&input.email));
            }
            Item::MobileSite(m) => {
                (m.key, m.name, m.address) = (key, name, address());
                (m.coordinates, m.accessibility, m.transport) = (Coordinates { lat, lon }, accessibility, transport);
            }
            Item::VirtualOffice(_) => {}
        }
    } else if let Item::VirtualOffice(v) = &mut item {
        (v.key, v.name) = (key, name);
        v.description = optional_text(&input.description_de, &input.description_en);
        v.requirements = text_list(&input.requirements_de, &input.requirements_en);
    }
    (item, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rathaus_db::catalog::places::PlaceType;
    use rathaus_domain::Language;

    fn mitte() -> Item {
        Item::find(&rathaus_catalog::demo_catalog(), "buergerbuero-mitte").unwrap()
    }

    #[test]
    fn the_stored_place_round_trips_through_the_form() {
        for key in ["buergerbuero-mitte", "dgh-oberdorf", "video-buergerbuero"] {
            let item = Item::find(&rathaus_catalog::demo_catalog(), key).unwrap();
            let (again, errors) = parse(Tr(Language::De), &PlaceInput::from_item(&item), &item, false);
            assert!(errors.is_empty(), "{key}: {errors:?}");
            assert_eq!(again, item, "{key}");
        }
    }

    #[test]
    fn coordinates_accept_commas_and_are_range_checked() {
        let input = PlaceInput { latitude: "51,5".into(), longitude: "200".into(), ..PlaceInput::from_item(&mitte()) };
        let (item, errors) = parse(Tr(Language::De), &input, &mitte(), false);
        let fields: Vec<&str> = errors.items.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["longitude"]);
        let Item::Location(l) = item else { unreachable!() };
        assert_eq!(l.coordinates.lat, 51.5);
    }

    #[test]
    fn a_new_place_needs_a_key_and_a_known_kind() {
        let input = PlaceInput { key: "Neu!".into(), kind: "castle".into(), ..PlaceInput::from_item(&mitte()) };
        let (_, errors) = parse(Tr(Language::De), &input, &Item::empty(PlaceType::Location), true);
        let fields: Vec<&str> = errors.items.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["key", "kind"]);
    }
}
