//! Rules for places: locations, mobile sites and virtual offices share one key space (an
//! appointment names its place by key), list only existing services that they can actually
//! serve, and have well-formed addresses, coordinates, hours and schedules.

use super::Checker;
use crate::{
    model::{Address, Catalog, Channel, Coordinates, Counter, OpeningHours, Weekday},
    sessions::session_hours,
};
use rathaus_domain::opening_hours::{DayHours, TimeRange};
use std::collections::HashSet;

pub(super) fn check(catalog: &Catalog, c: &mut Checker) {
    let mut keys = HashSet::new();
    for (i, l) in catalog.locations.iter().enumerate() {
        let p = format!("locations[{i}]");
        c.item = Some(l.key.clone());
        c.key(&format!("{p}.key"), &l.key, &mut keys, "place");
        c.text(&format!("{p}.name"), &l.name);
        address(&format!("{p}.address"), &l.address, c);
        coordinates(&format!("{p}.coordinates"), l.coordinates, c);
        if let Some(notes) = &l.accessibility.notes {
            c.text(&format!("{p}.accessibility.notes"), notes);
        }
        if let Some(t) = &l.transport {
            c.text(&format!("{p}.transport"), t);
        }
        if let Some(phone) = &l.phone {
            c.phone(&format!("{p}.phone"), phone);
        }
        if let Some(email) = &l.email {
            c.email(&format!("{p}.email"), email);
        }
        counters(&format!("{p}.counters"), &l.counters, c);
        if l.counters.is_empty() && !l.services.is_empty() {
            c.push(&format!("{p}.counters"), "missing-value", "a location that offers services needs counters");
        }
        services(
            &p,
            &l.services,
            catalog,
            Channel::is_at_location,
            "a counter channel (appointment, walk_in, terminal, pickup)",
            c,
        );
        hours(&format!("{p}.opening_hours"), &l.opening_hours, c);
    }
    for (i, m) in catalog.mobile_sites.iter().enumerate() {
        let p = format!("mobile_sites[{i}]");
        c.item = Some(m.key.clone());
        c.key(&format!("{p}.key"), &m.key, &mut keys, "place");
        c.text(&format!("{p}.name"), &m.name);
        counters(&format!("{p}.counters"), &m.counters, c);
        address(&format!("{p}.address"), &m.address, c);
        coordinates(&format!("{p}.coordinates"), m.coordinates, c);
        if let Some(notes) = &m.accessibility.notes {
            c.text(&format!("{p}.accessibility.notes"), notes);
        }
        if let Some(t) = &m.transport {
            c.text(&format!("{p}.transport"), t);
        }
        services(&p, &m.services, catalog, |ch| ch == Channel::Mobile, "the mobile channel", c);
        if m.schedule.is_empty() && m.sessions.is_empty() {
            c.push(&format!("{p}.schedule"), "missing-value", "neither a schedule nor sessions: the site never opens");
        }
        for (j, r) in m.schedule.iter().enumerate() {
            let q = format!("{p}.schedule[{j}]");
            clock_pair(&q, &r.from, &r.to, c);
            if !(1..=52).contains(&r.every_weeks) {
                c.push(&format!("{q}.every_weeks"), "out-of-range", format!("{} is not within 1..=52", r.every_weeks));
            }
            match r.first_date {
                Some(first) if first.weekday() != r.weekday.to_jiff() => c.push(
                    &format!("{q}.first_date"),
                    "invalid-schedule",
                    format!("{first} is a {:?}, not {}", first.weekday(), r.weekday.code()),
                ),
                None if r.every_weeks > 1 => c.push(
                    &format!("{q}.first_date"),
                    "invalid-schedule",
                    "every_weeks > 1 needs a first_date to count the weeks from",
                ),
                _ => {}
            }
            if let (Some(first), Some(last)) = (r.first_date, r.last_date)
                && last < first
            {
                c.push(&format!("{q}.last_date"), "invalid-schedule", "last_date is before first_date");
            }
        }
        for (j, s) in m.sessions.iter().enumerate() {
            let q = format!("{p}.sessions[{j}]");
            clock_pair(&q, &s.from, &s.to, c);
            if let Some(note) = &s.note {
                c.text(&format!("{q}.note"), note);
            }
        }
    }
    for (i, v) in catalog.virtual_offices.iter().enumerate() {
        let p = format!("virtual_offices[{i}]");
        c.item = Some(v.key.clone());
        c.key(&format!("{p}.key"), &v.key, &mut keys, "place");
        c.text(&format!("{p}.name"), &v.name);
        if let Some(d) = &v.description {
            c.text(&format!("{p}.description"), d);
        }
        counters(&format!("{p}.counters"), &v.counters, c);
        c.list(&format!("{p}.requirements"), &v.requirements, false, true);
        services(&p, &v.services, catalog, |ch| ch == Channel::Video, "the video channel", c);
        hours(&format!("{p}.opening_hours"), &v.opening_hours, c);
    }
}

/// Listed services exist, appear once, and offer a channel this kind of place serves.
fn services(
    p: &str,
    slugs: &[String],
    catalog: &Catalog,
    serves: impl Fn(Channel) -> bool,
    needed: &str,
    c: &mut Checker,
) {
    let mut seen = HashSet::new();
    for (j, slug) in slugs.iter().enumerate() {
        let q = format!("{p}.services[{j}]");
        if !seen.insert(slug) {
            c.push(&q, "duplicate-entry", format!("{slug:?} is listed twice"));
        }
        match catalog.service(slug) {
            None => c.push(&q, "unknown-reference", format!("service {slug:?} does not exist")),
            Some(s) if !s.channels.iter().any(|ch| serves(*ch)) => c.push(
                &q,
                "place-without-channel",
                format!("service {slug:?} is listed here but does not offer {needed}"),
            ),
            Some(_) => {}
        }
    }
}

fn address(p: &str, a: &Address, c: &mut Checker) {
    if a.street.trim().is_empty() {
        c.push(&format!("{p}.street"), "missing-value", "street is missing");
    }
    if a.city.trim().is_empty() {
        c.push(&format!("{p}.city"), "missing-value", "city is missing");
    }
    if a.postal_code.len() != 5 || !a.postal_code.bytes().all(|b| b.is_ascii_digit()) {
        c.push(
            &format!("{p}.postal_code"),
            "invalid-postal-code",
            format!("{:?} is not a five-digit postal code", a.postal_code),
        );
    }
}

fn coordinates(p: &str, co: Coordinates, c: &mut Checker) {
    if !co.lat.is_finite() || !(-90.0..=90.0).contains(&co.lat) {
        c.push(&format!("{p}.lat"), "invalid-coordinates", format!("latitude {} is not within -90..=90", co.lat));
    }
    if !co.lon.is_finite() || !(-180.0..=180.0).contains(&co.lon) {
        c.push(&format!("{p}.lon"), "invalid-coordinates", format!("longitude {} is not within -180..=180", co.lon));
    }
}

fn counters(p: &str, counters: &[Counter], c: &mut Checker) {
    let mut keys = HashSet::new();
    for (j, counter) in counters.iter().enumerate() {
        c.key(&format!("{p}[{j}].key"), &counter.key, &mut keys, "counter");
        if counter.name.trim().is_empty() {
            c.push(&format!("{p}[{j}].name"), "missing-value", "counter name is missing");
        }
    }
}

fn hours(p: &str, hours: &OpeningHours, c: &mut Checker) {
    for day in Weekday::ALL {
        ranges(&format!("{p}.weekly.{}", day.code()), hours.weekly.day(day), c);
    }
    let mut dates = HashSet::new();
    for (j, e) in hours.exceptions.iter().enumerate() {
        let q = format!("{p}.exceptions[{j}]");
        if !dates.insert(e.date) {
            c.push(&format!("{q}.date"), "duplicate-entry", format!("{} has more than one exception", e.date));
        }
        if e.closed != e.hours.is_empty() {
            c.push(&q, "invalid-hours", "an exception is either `closed: true` or has `hours`, not both or neither");
        }
        ranges(&format!("{q}.hours"), &e.hours, c);
        if let Some(note) = &e.note {
            c.text(&format!("{q}.note"), note);
        }
    }
}

/// Well-formed ranges of one day (as `rathaus_domain::opening_hours::TimeRange` reads
/// them) that do not overlap.
fn ranges(p: &str, ranges: &[String], c: &mut Checker) {
    let mut parsed = Vec::new();
    for (j, r) in ranges.iter().enumerate() {
        match TimeRange::parse(r) {
            Ok(range) => parsed.push(range),
            Err(e) => c.push(
                &format!("{p}[{j}]"),
                "invalid-hours",
                format!("{r:?} is not a time range HH:MM-HH:MM with the start before the end ({})", e.code),
            ),
        }
    }
    if parsed.len() == ranges.len() && DayHours::new(parsed).is_err() {
        c.push(p, "invalid-hours", format!("the ranges {ranges:?} overlap"));
    }
}

fn clock_pair(p: &str, from: &str, to: &str, c: &mut Checker) {
    if session_hours(from, to).is_none() {
        c.push(
            &format!("{p}.to"),
            "invalid-hours",
            format!("{from:?} to {to:?} is not a time range HH:MM to HH:MM with the start before the end"),
        );
    }
}
