//! The demo catalogues: Musterstadt's full catalogue (from `rathaus-catalog`) and a small one
//! for the village of Kleindorf, built by filtering Musterstadt's in code so that both stay
//! in step when the demo texts change.

use rathaus_catalog::model::{
    Accessibility, Address, Catalog, Channel, Coordinates, Counter, HoursException, Location, LocationKind,
    OpeningHours, Service, Text, WeeklyHours,
};

/// The services Kleindorf's municipal office offers: six of Musterstadt's Bürgerbüro.
pub const KLEINDORF_SERVICES: [&str; 6] = [
    "personalausweis-beantragen",
    "reisepass-beantragen",
    "ausweis-abholen",
    "wohnsitz-anmelden",
    "meldebescheinigung",
    "beglaubigung",
];

/// Musterstadt's demo catalogue (28 services, 7 locations, mobile office, video office).
pub fn musterstadt() -> Catalog {
    rathaus_catalog::demo_catalog()
}

/// Kleindorf's demo catalogue: the [`KLEINDORF_SERVICES`] of Musterstadt's Bürgerbüro at one
/// location, the "Gemeindeamt Kleindorf".
///
/// Taken from Musterstadt: the six services (with "Musterstadt" in their texts replaced by
/// "Kleindorf", and without the mobile and video channels, because Kleindorf has neither a
/// mobile office nor a video office), the topics they are listed under and the Bürgerbüro
/// department (with Kleindorf's contact data). The location is written here.
pub fn kleindorf() -> Catalog {
    let source = musterstadt();
    let services: Vec<Service> = source
        .services
        .iter()
        .filter(|s| KLEINDORF_SERVICES.contains(&s.slug.as_str()))
        .map(|s| {
            let mut s = renamed(s);
            s.channels.retain(|c| !matches!(c, Channel::Mobile | Channel::Video));
            s
        })
        .collect();
    let topics =
        source.topics.iter().filter(|t| services.iter().any(|s| s.topic.as_ref() == Some(&t.key))).cloned().collect();
    let departments = source
        .departments
        .iter()
        .filter(|d| services.iter().any(|s| s.department == d.key))
        .map(|d| {
            let mut d = d.clone();
            d.email = Some("gemeinde@kleindorf.example".to_owned());
            d.phone = Some("+49 9876 543-0".to_owned());
            d
        })
        .collect();
    Catalog {
        departments,
        topics,
        locations: vec![gemeindeamt(services.iter().map(|s| s.slug.clone()).collect())],
        services,
        ..Catalog::default()
    }
}

/// The service with "Musterstadt" replaced by "Kleindorf" in every text.
fn renamed(service: &Service) -> Service {
    let json = serde_json::to_string(service).expect("catalogue types always serialise");
    serde_json::from_str(&json.replace("Musterstadt", "Kleindorf")).expect("a replaced word keeps the JSON valid")
}

fn gemeindeamt(services: Vec<String>) -> Location {
    let hours = |ranges: &[&str]| ranges.iter().map(|r| (*r).to_owned()).collect::<Vec<_>>();
    Location {
        key: "gemeindeamt".to_owned(),
        kind: LocationKind::CitizenOffice,
        name: Text::new("Gemeindeamt Kleindorf", "Kleindorf Municipal Office"),
        address: Address {
            street: "Dorfstraße 3".to_owned(),
            postal_code: "98765".to_owned(),
            city: "Kleindorf".to_owned(),
        },
        coordinates: Coordinates { lat: 48.9134, lon: 11.4171 },
        accessibility: Accessibility {
            step_free: true,
            notes: Some(Text::new(
                "Stufenloser Eingang über den Hof, Amtsstube im Erdgeschoss.",
                "Step-free entrance through the courtyard, office on the ground floor.",
            )),
        },
        transport: Some(Text::new("Bus 9012 bis Kleindorf Rathaus.", "Bus 9012 to Kleindorf Rathaus.")),
        phone: Some("+49 9876 543-0".to_owned()),
        email: Some("gemeinde@kleindorf.example".to_owned()),
        walk_in: true,
        counters: vec![Counter { key: "amtsstube".to_owned(), name: "Amtsstube".to_owned() }],
        services,
        opening_hours: OpeningHours {
            weekly: WeeklyHours {
                mon: hours(&["08:00-12:00"]),
                tue: hours(&["08:00-12:00"]),
                thu: hours(&["08:00-12:00", "14:00-18:00"]),
                fri: hours(&["08:00-12:00"]),
                ..WeeklyHours::default()
            },
            exceptions: vec![HoursException {
                date: jiff::civil::date(2026, 12, 24),
                closed: true,
                hours: Vec::new(),
                note: Some(Text::new("Heiligabend", "Christmas Eve")),
            }],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kleindorf_is_a_valid_subset_of_musterstadt() {
        let k = kleindorf();
        assert_eq!(k.validate(), vec![], "the Kleindorf demo must validate");
        assert_eq!(k.services.len(), 6);
        assert_eq!(k.locations.len(), 1);
        assert!(k.mobile_sites.is_empty() && k.virtual_offices.is_empty());
        let json = serde_json::to_string(&k.services).unwrap();
        assert!(!json.contains("Musterstadt"), "texts name Kleindorf");
    }
}
