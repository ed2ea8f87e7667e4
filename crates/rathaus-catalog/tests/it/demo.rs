//! The Musterstadt demo catalogue: valid, complete, bilingual and rich enough for search.

use rathaus_catalog::{Catalog, demo_catalog, model::Channel};
use std::collections::BTreeSet;

const SLUGS: [&str; 28] = [
    "personalausweis-beantragen",
    "reisepass-beantragen",
    "kinderreisepass-beantragen",
    "vorlaeufiger-personalausweis",
    "ausweis-verlust-melden",
    "eid-pin-ruecksetzen",
    "ausweis-abholen",
    "wohnsitz-anmelden",
    "wohnsitz-ummelden",
    "wohnsitz-abmelden",
    "meldebescheinigung",
    "auskunftssperre",
    "beglaubigung",
    "fuehrungszeugnis",
    "briefwahl-beantragen",
    "fahrzeug-zulassen",
    "fahrzeug-ausser-betrieb",
    "fuehrerschein-umtauschen",
    "gewerbe-anmelden",
    "fundsachen",
    "hundesteuer-anmelden",
    "bewohnerparkausweis",
    "geburtsurkunde",
    "eheschliessung-anmelden",
    "aufenthaltstitel",
    "strassenschaden-melden",
    "sperrmuell-anmelden",
    "baugenehmigung",
];

const LEIKA: [(&str, &str); 10] = [
    ("personalausweis-beantragen", "99008001012000"),
    ("wohnsitz-anmelden", "99115005104000"),
    ("meldebescheinigung", "99115003012000"),
    ("fuehrungszeugnis", "99049001001000"),
    ("briefwahl-beantragen", "99128009012000"),
    ("gewerbe-anmelden", "99050012104000"),
    ("hundesteuer-anmelden", "99102013104000"),
    ("bewohnerparkausweis", "99108001001000"),
    ("geburtsurkunde", "99027002012000"),
    ("eheschliessung-anmelden", "99059001104000"),
];

#[test]
fn validates_without_problems() {
    let problems = demo_catalog().validate();
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn round_trips_through_yaml_and_json() {
    let catalog = demo_catalog();
    let yaml = catalog.to_yaml().unwrap();
    assert_eq!(Catalog::from_yaml(&yaml).unwrap(), catalog);
    let json = catalog.to_json().unwrap();
    assert_eq!(Catalog::from_json(&json).unwrap(), catalog);
    assert_eq!(Catalog::from_yaml(&json).unwrap(), catalog, "JSON read as YAML");
}

#[test]
fn contains_exactly_the_agreed_services_and_leika_keys() {
    let catalog = demo_catalog();
    let got: BTreeSet<&str> = catalog.services.iter().map(|s| s.slug.as_str()).collect();
    let want: BTreeSet<&str> = SLUGS.into_iter().collect();
    assert_eq!(got, want);
    assert_eq!(catalog.services.len(), SLUGS.len(), "no duplicates");
    for s in &catalog.services {
        let expected = LEIKA.iter().find(|(slug, _)| *slug == s.slug).map(|(_, k)| *k);
        assert_eq!(s.leika.as_deref(), expected, "{}: LeiKa keys only where agreed", s.slug);
    }
}

#[test]
fn every_service_is_bilingual_and_searchable() {
    for s in &demo_catalog().services {
        for (field, text) in [
            ("name", &s.name),
            ("summary", &s.summary),
            ("description", &s.description),
            ("eligibility", &s.eligibility),
        ] {
            assert!(!text.de.trim().is_empty() && !text.en.trim().is_empty(), "{}.{field}", s.slug);
        }
        for optional in [&s.processing_time, &s.procedure, &s.deadlines, &s.notes].into_iter().flatten() {
            assert!(!optional.de.is_empty() && !optional.en.is_empty(), "{}", s.slug);
        }
        assert_eq!(s.documents.de.len(), s.documents.en.len(), "{} documents", s.slug);
        assert!(!s.fees.is_empty(), "{} fees", s.slug);
        assert!(!s.legal_basis.is_empty(), "{} legal basis", s.slug);
        for (lang, keywords, phrasings) in
            [("de", &s.keywords.de, &s.phrasings.de), ("en", &s.keywords.en, &s.phrasings.en)]
        {
            assert!((8..=20).contains(&keywords.len()), "{} has {} {lang} keywords", s.slug, keywords.len());
            assert!((5..=12).contains(&phrasings.len()), "{} has {} {lang} phrasings", s.slug, phrasings.len());
        }
    }
}

#[test]
fn every_service_can_be_used_somewhere() {
    let catalog = demo_catalog();
    for s in &catalog.services {
        let at_a_place = catalog.locations.iter().any(|l| l.services.contains(&s.slug))
            || catalog.mobile_sites.iter().any(|m| m.services.contains(&s.slug))
            || catalog.virtual_offices.iter().any(|v| v.services.contains(&s.slug));
        assert!(at_a_place || s.offers(Channel::Online), "{} is offered nowhere", s.slug);
    }
    for l in &catalog.locations {
        for slug in &l.services {
            assert!(catalog.service(slug).is_some(), "{}: unknown {slug}", l.key);
        }
    }
}

#[test]
fn locations_match_the_agreed_setup() {
    let catalog = demo_catalog();
    let counters = |key: &str| catalog.location(key).map(|l| l.counters.len());
    assert_eq!(counters("buergerbuero-mitte"), Some(8));
    assert_eq!(counters("buergerbuero-nord"), Some(4));
    assert_eq!(counters("buergerbuero-sued"), Some(3));
    assert_eq!(counters("kfz-zulassungsstelle"), Some(6));
    assert_eq!(counters("standesamt"), Some(2));
    assert_eq!(counters("auslaenderbehoerde"), Some(4));
    assert_eq!(catalog.mobile_sites.len(), 2);
    assert_eq!(catalog.virtual_offices.len(), 1);
    for l in &catalog.locations {
        assert_eq!(l.address.postal_code, "12345", "{}", l.key);
        assert!((51.1..51.4).contains(&l.coordinates.lat) && (7.0..7.3).contains(&l.coordinates.lon), "{}", l.key);
    }
}

#[test]
fn mobile_office_schedule_expands() {
    use jiff::civil::date;
    let catalog = demo_catalog();
    let oberdorf = catalog.mobile_site("dgh-oberdorf").unwrap();
    let dates: Vec<_> = rathaus_catalog::expand_sessions(oberdorf, date(2026, 11, 1), date(2026, 12, 31))
        .into_iter()
        .map(|s| s.date)
        .collect();
    // Fortnightly on Tuesdays from 3 November; 29 December is cancelled.
    assert_eq!(dates, vec![date(2026, 11, 3), date(2026, 11, 17), date(2026, 12, 1), date(2026, 12, 15)]);
}
