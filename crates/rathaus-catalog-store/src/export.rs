//! Export: a tenant's catalogue from the database, in canonical order.
//!
//! **Canonical form** ([`canonical`]): departments, topics and places by key, services by
//! slug; within a place counters by key and offered services by slug; exceptions, sessions
//! and cancellations by date; recurring entries by weekday and time; opening hours and
//! session times normalised as `rathaus_domain::opening_hours` writes them (`08:00-12:00`,
//! touching ranges joined). The database keeps no order of its own, so
//! `export(import(c)) == canonical(c)` is the round-trip guarantee.
//!
//! Inactive services are exported as drafts (`draft: true`); deactivated counters are not
//! (they were removed from the catalogue).

use crate::from_store::{self, CatalogPlace, Keys};
use crate::to_store;
use rathaus_catalog::FORMAT;
use rathaus_catalog::model::{Catalog, OpeningHours, Service};
use rathaus_db::catalog::{departments, places, services, topics};
use rathaus_db::{StoreError, TenantId};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

/// The tenant's whole catalogue, in canonical form.
pub async fn export(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Catalog, StoreError> {
    let department_rows = departments::list(db, tenant).await?;
    let topic_rows = topics::list(db, tenant).await?;
    let keys = Keys {
        departments: department_rows.iter().map(|d| (d.id, d.key.clone())).collect(),
        topics: topic_rows.iter().map(|t| (t.id, t.key.clone())).collect(),
    };
    let service_rows = services::list(db, tenant).await?;
    let slugs: HashMap<i64, String> = service_rows.iter().map(|s| (s.id, s.slug.clone())).collect();
    let mut catalog = Catalog {
        format: FORMAT.to_owned(),
        departments: department_rows.iter().map(from_store::department).collect(),
        topics: topic_rows.iter().map(from_store::topic).collect(),
        services: service_rows.iter().map(|s| from_store::service(s, &keys)).collect::<Result<_, _>>()?,
        ..Catalog::default()
    };
    for p in places::list_all(db, tenant).await? {
        match from_store::place(db, tenant, &p, &slugs).await? {
            CatalogPlace::Location(l) => catalog.locations.push(l),
            CatalogPlace::MobileSite(m) => catalog.mobile_sites.push(m),
            CatalogPlace::VirtualOffice(v) => catalog.virtual_offices.push(v),
        }
    }
    Ok(catalog)
}

/// One service as the catalogue has it, e.g. for its page on the website.
pub async fn service(db: &impl ConnectionTrait, tenant: TenantId, slug: &str) -> Result<Option<Service>, StoreError> {
    let Some(row) = services::get_by_slug(db, tenant, slug).await? else { return Ok(None) };
    let mut keys = Keys { departments: HashMap::new(), topics: HashMap::new() };
    if let Some(d) = departments::get(db, tenant, row.department_id).await? {
        keys.departments.insert(d.id, d.key);
    }
    if let Some(topic_id) = row.topic_id
        && let Some(t) = topics::get(db, tenant, topic_id).await?
    {
        keys.topics.insert(t.id, t.key);
    }
    from_store::service(&row, &keys).map(Some)
}

/// `catalog` in the order and normal form [`export`] produces.
pub fn canonical(catalog: &Catalog) -> Catalog {
    let mut c = catalog.clone();
    c.departments.sort_by(|a, b| a.key.cmp(&b.key));
    c.topics.sort_by(|a, b| a.key.cmp(&b.key));
    c.services.sort_by(|a, b| a.slug.cmp(&b.slug));
    c.locations.sort_by(|a, b| a.key.cmp(&b.key));
    c.mobile_sites.sort_by(|a, b| a.key.cmp(&b.key));
    c.virtual_offices.sort_by(|a, b| a.key.cmp(&b.key));
    for l in &mut c.locations {
        l.counters.sort_by(|a, b| a.key.cmp(&b.key));
        l.services.sort();
        normalise_hours(&mut l.opening_hours);
    }
    for m in &mut c.mobile_sites {
        m.counters.sort_by(|a, b| a.key.cmp(&b.key));
    }
    for v in &mut c.virtual_offices {
        v.counters.sort_by(|a, b| a.key.cmp(&b.key));
        v.services.sort();
        normalise_hours(&mut v.opening_hours);
    }
    for m in &mut c.mobile_sites {
        m.services.sort();
        for r in &mut m.schedule {
            normalise_times(&mut r.from, &mut r.to);
        }
        m.schedule.sort_by(|a, b| {
            (a.weekday, &a.from, &a.to, a.every_weeks, a.first_date, a.last_date).cmp(&(
                b.weekday,
                &b.from,
                &b.to,
                b.every_weeks,
                b.first_date,
                b.last_date,
            ))
        });
        for s in &mut m.sessions {
            normalise_times(&mut s.from, &mut s.to);
        }
        m.sessions.sort_by(|a, b| (a.date, &a.from).cmp(&(b.date, &b.from)));
        m.cancelled.sort();
    }
    c
}

fn normalise_ranges(ranges: &mut Vec<String>) {
    if let Ok(day) = to_store::day_hours(ranges) {
        *ranges = day.ranges().iter().map(ToString::to_string).collect();
    }
}

fn normalise_hours(hours: &mut OpeningHours) {
    let w = &mut hours.weekly;
    for day in [&mut w.mon, &mut w.tue, &mut w.wed, &mut w.thu, &mut w.fri, &mut w.sat, &mut w.sun] {
        normalise_ranges(day);
    }
    for e in &mut hours.exceptions {
        normalise_ranges(&mut e.hours);
    }
    hours.exceptions.sort_by_key(|e| e.date);
}

fn normalise_times(from: &mut String, to: &mut String) {
    if let Ok(range) = to_store::time_range(from, to) {
        let text = range.to_string();
        if let Some((f, t)) = text.split_once('-') {
            (*from, *to) = (f.to_owned(), t.to_owned());
        }
    }
}
