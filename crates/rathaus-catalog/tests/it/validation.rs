//! Validation problems name the path of the offending value, so an administrator can find
//! it; each rule is shown by breaking one thing in the (valid) demo catalogue.

use rathaus_catalog::{
    Catalog, Problem, demo_catalog,
    model::{Channel, Fee, Text},
};

fn problems_after(change: impl FnOnce(&mut Catalog)) -> Vec<Problem> {
    let mut catalog = demo_catalog();
    change(&mut catalog);
    catalog.validate()
}

fn has(problems: &[Problem], path: &str, code: &str) -> bool {
    problems.iter().any(|p| p.path == path && p.code == code)
}

fn index(catalog: &Catalog, slug: &str) -> usize {
    catalog.services.iter().position(|s| s.slug == slug).unwrap()
}

#[test]
fn leika_keys_are_checked_and_unique() {
    let catalog = demo_catalog();
    let i = index(&catalog, "personalausweis-beantragen");
    let j = index(&catalog, "reisepass-beantragen");
    let p = problems_after(|c| c.services[i].leika = Some("12345".into()));
    assert!(has(&p, &format!("services[{i}].leika"), "invalid-leika"), "{p:?}");
    let shown = p.iter().find(|p| p.code == "invalid-leika").unwrap().to_string();
    assert!(shown.starts_with(&format!("services[{i}].leika (personalausweis-beantragen): ")), "{shown}");

    let p = problems_after(|c| c.services[j].leika = Some("99008001012000".into()));
    assert!(has(&p, &format!("services[{j}].leika"), "duplicate-leika"), "{p:?}");
}

#[test]
fn slugs_and_references() {
    let catalog = demo_catalog();
    let i = index(&catalog, "fundsachen");
    let p = problems_after(|c| {
        c.services[i].slug = "personalausweis-beantragen".into();
        c.services[i].department = "fundamt".into();
        c.services[i].topic = Some("nichts".into());
    });
    assert!(has(&p, &format!("services[{i}].slug"), "duplicate-key"), "{p:?}");
    assert!(has(&p, &format!("services[{i}].department"), "unknown-reference"), "{p:?}");
    assert!(has(&p, &format!("services[{i}].topic"), "unknown-reference"), "{p:?}");

    let p = problems_after(|c| c.locations[0].services.push("gibt-es-nicht".into()));
    let last = demo_catalog().locations[0].services.len();
    assert!(has(&p, &format!("locations[0].services[{last}]"), "unknown-reference"), "{p:?}");

    let p = problems_after(|c| c.services[i].slug = "Fundsachen Büro".into());
    assert!(has(&p, &format!("services[{i}].slug"), "invalid-key"), "{p:?}");
}

#[test]
fn both_languages_everywhere() {
    let p = problems_after(|c| {
        c.services[2].summary.en.clear();
        c.services[2].documents.en.pop();
        c.services[2].keywords.de.clear();
        c.departments[0].name.de = "  ".into();
    });
    assert!(has(&p, "services[2].summary.en", "missing-text"), "{p:?}");
    assert!(has(&p, "services[2].documents", "translation-mismatch"), "{p:?}");
    assert!(has(&p, "services[2].keywords.de", "missing-text"), "{p:?}");
    assert!(has(&p, "departments[0].name.de", "missing-text"), "{p:?}");
}

#[test]
fn ranges_and_fees() {
    let p = problems_after(|c| {
        c.services[0].minutes_per_person = Some(0);
        c.services[1].max_persons = Some(21);
        c.services[3].minutes_per_person = None;
        c.services[0].fees.push(Fee {
            label: Text::new("Spanne", "Range"),
            min_cents: Some(5000),
            max_cents: Some(1000),
            ..Fee::default()
        });
        c.services[0].fees.push(Fee {
            label: Text::new("Beides", "Both"),
            fixed_cents: Some(100),
            rule: Some(Text::new("x", "y")),
            ..Fee::default()
        });
    });
    let fees = demo_catalog().services[0].fees.len();
    assert!(has(&p, "services[0].minutes_per_person", "out-of-range"), "{p:?}");
    assert!(has(&p, "services[1].max_persons", "out-of-range"), "{p:?}");
    assert!(has(&p, "services[3].minutes_per_person", "missing-value"), "{p:?}");
    assert!(has(&p, &format!("services[0].fees[{fees}]"), "invalid-fee"), "{p:?}");
    assert!(has(&p, &format!("services[0].fees[{}]", fees + 1), "invalid-fee"), "{p:?}");
}

#[test]
fn opening_hours_coordinates_and_schedules() {
    let p = problems_after(|c| {
        c.locations[1].opening_hours.weekly.mon = vec!["8-12".into(), "13:00-14:00".into()];
        c.locations[1].opening_hours.weekly.tue = vec!["08:00-12:00".into(), "11:30-13:00".into()];
        c.locations[2].coordinates.lat = 95.0;
        c.locations[2].address.postal_code = "1234".into();
        c.mobile_sites[0].schedule[0].first_date = Some(jiff::civil::date(2026, 11, 4));
        c.mobile_sites[0].schedule[0].to = "08:00".into();
    });
    assert!(has(&p, "locations[1].opening_hours.weekly.mon[0]", "invalid-hours"), "{p:?}");
    assert!(has(&p, "locations[1].opening_hours.weekly.tue", "invalid-hours"), "overlap: {p:?}");
    assert!(has(&p, "locations[2].coordinates.lat", "invalid-coordinates"), "{p:?}");
    assert!(has(&p, "locations[2].address.postal_code", "invalid-postal-code"), "{p:?}");
    assert!(has(&p, "mobile_sites[0].schedule[0].first_date", "invalid-schedule"), "{p:?}");
    assert!(has(&p, "mobile_sites[0].schedule[0].to", "invalid-hours"), "{p:?}");
}

#[test]
fn channels_and_places_agree() {
    let catalog = demo_catalog();
    let bewohnerpark = index(&catalog, "bewohnerparkausweis");
    let abholen = index(&catalog, "ausweis-abholen");
    let p = problems_after(|c| {
        // Offered by video, but no virtual office lists it.
        c.services[bewohnerpark].channels.push(Channel::Video);
        // Listed by locations, but no longer offers any counter channel.
        c.services[abholen].channels = vec![Channel::Online];
    });
    assert!(has(&p, &format!("services[{bewohnerpark}].channels[1]"), "channel-without-place"), "{p:?}");
    assert!(
        p.iter().any(|p| p.path.starts_with("locations[0].services[") && p.code == "place-without-channel"),
        "{p:?}"
    );

    let p = problems_after(|c| c.services[bewohnerpark].channels.clear());
    assert!(has(&p, &format!("services[{bewohnerpark}].channels"), "missing-channel"), "{p:?}");
}
