//! Rules for services: identity (slug, LeiKa key, XZuFi id), references, texts, fees,
//! counter time, channels.

use super::Checker;
use crate::{
    LeikaKey,
    model::{Catalog, Channel, Fee, FeeAmount, Service},
};
use std::collections::{HashMap, HashSet};

pub(super) fn check(catalog: &Catalog, c: &mut Checker) {
    let departments: HashSet<&str> = catalog.departments.iter().map(|d| d.key.as_str()).collect();
    let topics: HashSet<&str> = catalog.topics.iter().map(|t| t.key.as_str()).collect();
    let mut slugs = HashSet::new();
    let mut leikas: HashMap<String, usize> = HashMap::new();
    let mut xzufi_ids: HashMap<String, usize> = HashMap::new();

    for (i, s) in catalog.services.iter().enumerate() {
        let p = format!("services[{i}]");
        c.item = Some(s.slug.clone());
        c.key(&format!("{p}.slug"), &s.slug, &mut slugs, "service");

        if let Some(leika) = &s.leika {
            if LeikaKey::parse(leika).is_err() {
                c.push(
                    &format!("{p}.leika"),
                    "invalid-leika",
                    format!("{leika:?} is not a LeiKa key: 14 digits starting with 99"),
                );
            } else if let Some(first) = leikas.insert(leika.trim().to_owned(), i) {
                c.push(
                    &format!("{p}.leika"),
                    "duplicate-leika",
                    format!("LeiKa key {leika} is also used by services[{first}]; imports could not tell them apart"),
                );
            }
        }
        if let Some(id) = &s.xzufi_id {
            if id.trim().is_empty() {
                c.push(&format!("{p}.xzufi_id"), "empty-entry", "XZuFi id is blank");
            } else if let Some(first) = xzufi_ids.insert(id.clone(), i) {
                c.push(
                    &format!("{p}.xzufi_id"),
                    "duplicate-key",
                    format!("XZuFi id {id:?} is also used by services[{first}]"),
                );
            }
        }

        if s.department.trim().is_empty() {
            c.push(&format!("{p}.department"), "missing-reference", "no responsible department set");
        } else if !departments.contains(s.department.as_str()) {
            c.push(
                &format!("{p}.department"),
                "unknown-reference",
                format!("department {:?} does not exist", s.department),
            );
        }
        if let Some(topic) = &s.topic
            && !topics.contains(topic.as_str())
        {
            c.push(&format!("{p}.topic"), "unknown-reference", format!("topic {topic:?} does not exist"));
        }

        if s.draft {
            // A draft needs only what identifies it; the rest is checked when it is published.
            if s.name.de.trim().is_empty() {
                c.push(&format!("{p}.name.de"), "missing-text", "German text is missing");
            }
        } else {
            check_texts(&p, s, c);
        }
        for (j, fee) in s.fees.iter().enumerate() {
            check_fee(&format!("{p}.fees[{j}]"), fee, s.draft, c);
        }
        check_counter_time(&p, s, c);
        check_channels(&p, s, catalog, c);
        if let Some(url) = &s.online_url
            && (!url.starts_with("https://") || url.contains(char::is_whitespace))
        {
            c.push(&format!("{p}.online_url"), "invalid-url", format!("{url:?} must be an https:// address"));
        }
    }
}

fn check_texts(p: &str, s: &Service, c: &mut Checker) {
    c.text(&format!("{p}.name"), &s.name);
    c.text(&format!("{p}.summary"), &s.summary);
    c.text(&format!("{p}.description"), &s.description);
    c.text(&format!("{p}.eligibility"), &s.eligibility);
    for (field, value) in [
        ("processing_time", &s.processing_time),
        ("procedure", &s.procedure),
        ("deadlines", &s.deadlines),
        ("notes", &s.notes),
    ] {
        if let Some(text) = value {
            c.text(&format!("{p}.{field}"), text);
        }
    }
    c.list(&format!("{p}.documents"), &s.documents, false, true);
    c.list(&format!("{p}.keywords"), &s.keywords, true, false);
    c.list(&format!("{p}.phrasings"), &s.phrasings, true, false);
    for (j, law) in s.legal_basis.iter().enumerate() {
        if law.trim().is_empty() {
            c.push(&format!("{p}.legal_basis[{j}]"), "empty-entry", "entry is blank");
        }
    }
}

fn check_fee(p: &str, fee: &Fee, draft: bool, c: &mut Checker) {
    let text = |c: &mut Checker, path: &str, t: &crate::model::Text| {
        if draft {
            if t.de.trim().is_empty() {
                c.push(&format!("{path}.de"), "missing-text", "German text is missing");
            }
        } else {
            c.text(path, t);
        }
    };
    text(c, &format!("{p}.label"), &fee.label);
    match fee.amount() {
        Some(FeeAmount::Range { min, max }) if min > max => {
            c.push(p, "invalid-fee", format!("min_cents {min} is greater than max_cents {max}"));
        }
        Some(FeeAmount::Rule(rule)) => text(c, &format!("{p}.rule"), rule),
        Some(_) => {}
        None => c.push(p, "invalid-fee", "give exactly one of: fixed_cents, min_cents with max_cents, or rule"),
    }
}

fn check_counter_time(p: &str, s: &Service, c: &mut Checker) {
    match s.minutes_per_person {
        Some(m) if !(1..=480).contains(&m) => {
            c.push(&format!("{p}.minutes_per_person"), "out-of-range", format!("{m} is not within 1..=480 minutes"));
        }
        None if s.offers(Channel::Appointment) || s.offers(Channel::WalkIn) => {
            c.push(
                &format!("{p}.minutes_per_person"),
                "missing-value",
                "counter time is needed for appointments and walk-ins",
            );
        }
        _ => {}
    }
    if let Some(n) = s.max_persons
        && !(1..=20).contains(&n)
    {
        c.push(&format!("{p}.max_persons"), "out-of-range", format!("{n} is not within 1..=20 persons"));
    }
}

/// Channels exist, are listed once, and the places agree with them.
fn check_channels(p: &str, s: &Service, catalog: &Catalog, c: &mut Checker) {
    if s.channels.is_empty() && !s.draft {
        c.push(&format!("{p}.channels"), "missing-channel", "no channel: citizens could not use the service");
    }
    let mut seen = HashSet::new();
    for (j, ch) in s.channels.iter().enumerate() {
        if !seen.insert(*ch) {
            c.push(&format!("{p}.channels[{j}]"), "duplicate-entry", format!("{} is listed twice", ch.code()));
        }
    }
    let lists = |list: &Vec<String>| list.contains(&s.slug);
    let at_location = catalog.locations.iter().any(|l| lists(&l.services));
    let at_mobile = catalog.mobile_sites.iter().any(|m| lists(&m.services));
    let at_video = catalog.virtual_offices.iter().any(|v| lists(&v.services));
    for (j, ch) in s.channels.iter().enumerate() {
        let missing = match ch {
            ch if ch.is_at_location() => (!at_location).then_some("no location lists it"),
            Channel::Mobile => (!at_mobile).then_some("no mobile site lists it"),
            Channel::Video => (!at_video).then_some("no virtual office lists it"),
            _ => None,
        };
        if let Some(why) = missing {
            c.push(
                &format!("{p}.channels[{j}]"),
                "channel-without-place",
                format!("channel {} is offered but {why}", ch.code()),
            );
        }
    }
}
