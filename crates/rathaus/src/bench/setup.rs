//! The benchmark city "Großstadt" in `bench.db`: Musterstadt's catalogue with its
//! Bürgerbüro replaced by `locations` offices sharing `counters` counters, every bookable
//! service offered at each, a horizon of `horizon_days`, the capacity rows for it, and
//! `appointments` appointments. Built once; a second run finds the tenant and reuses it.
//!
//! The appointments are written with bulk SQL rather than through the booking API (that
//! would take hours at this scale): the past ones as history (completed, no-shows,
//! cancellations over the last eleven months), the future ones on every other free run of
//! the capacity, so about half of the future is booked and the rows point at them.

use super::{BenchArgs, scalar};
use anyhow::Context;
use jiff::{Timestamp, ToSpan};
use rathaus_booking::StoredPolicy;
use rathaus_catalog::model::{Catalog, Channel, Counter, Location};
use rathaus_db::appointments::slots;
use rathaus_db::{DatabaseConnection, TenantId, audit, begin_write, tenants};
use rathaus_domain::{AccentColour, Ags, Email, Language, Slug};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement, Value};

pub const TENANT: &str = "grossstadt";
pub const HOST: &str = "grossstadt.localhost";
/// The service the future appointments and the booking benchmark use.
pub const SERVICE: &str = "personalausweis-beantragen";
/// Rows per multi-row INSERT (SQLite allows 32766 parameters).
const CHUNK: usize = 1_000;

/// The scaled catalogue: every location-offered service at each of `n` Bürgerbüros with the
/// opening hours of Musterstadt's main office, `counters` counters in all.
pub fn catalog(n: usize, counters: usize) -> Catalog {
    let mut c = rathaus_catalog_store::demo::musterstadt();
    let template = c.locations.iter().find(|l| l.key == "buergerbuero-mitte").cloned().unwrap_or_default();
    let mut offered: Vec<String> = c.locations.iter().flat_map(|l| l.services.clone()).collect();
    offered.sort();
    offered.dedup();
    let n = n.max(1);
    c.locations = (0..n)
        .map(|i| {
            let count = counters / n + usize::from(i < counters % n);
            Location {
                key: format!("buergerbuero-{:02}", i + 1),
                counters: (1..=count)
                    .map(|j| Counter { key: format!("schalter-{j}"), name: format!("Schalter {j}") })
                    .collect(),
                services: offered.clone(),
                ..template.clone()
            }
        })
        .map(|mut l| {
            l.name.de = format!("Bürgerbüro {}", &l.key[13..]);
            l.name.en = format!("Citizens' Office {}", &l.key[13..]);
            l
        })
        .collect();
    // Offices only: the city's mobile sites and virtual offices are not part of the load.
    c.mobile_sites.clear();
    c.virtual_offices.clear();
    for s in &mut c.services {
        s.channels.retain(|ch| !matches!(ch, Channel::Mobile | Channel::Video));
    }
    c
}

/// Opens the benchmark database, building it if needed; reports what it holds. The build
/// goes to a temporary file renamed at the end, so an interrupted build is never reused.
pub async fn ensure(args: &BenchArgs) -> anyhow::Result<serde_json::Value> {
    let started = std::time::Instant::now();
    let path = args.database_path();
    if !path.exists() {
        std::fs::create_dir_all(&args.data_dir)?;
        let partial = path.with_extension("db.partial");
        let _ = std::fs::remove_file(&partial);
        let db = rathaus_db::connect_and_migrate(&super::sqlite_url(&partial)).await?;
        build(&db, args).await?;
        db.close().await?;
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
        }
        std::fs::rename(&partial, &path)?;
    }
    let db = rathaus_db::connect_and_migrate(&args.database_url()?).await?;
    let tenant =
        tenants::find_by_slug(&db, TENANT).await?.context("the benchmark database has no tenant: delete it")?;
    let t = || -> Value { tenant.tenant_id().0.into() };
    Ok(serde_json::json!({
        "database": path.display().to_string(),
        "locations": scalar(&db, "SELECT COUNT(*) FROM places WHERE tenant_id = ?", vec![t()]).await?,
        "counters": scalar(&db, "SELECT COUNT(*) FROM counters WHERE tenant_id = ?", vec![t()]).await?,
        "appointments": scalar(&db, "SELECT COUNT(*) FROM appointments WHERE tenant_id = ?", vec![t()]).await?,
        "capacity_rows": scalar(&db, "SELECT COUNT(*) FROM capacity_slots WHERE tenant_id = ?", vec![t()]).await?,
        "booked_rows": scalar(&db, "SELECT COUNT(*) FROM capacity_slots WHERE tenant_id = ? AND appointment_id IS NOT NULL", vec![t()]).await?,
        "setup_seconds": started.elapsed().as_secs(),
    }))
}

async fn build(db: &DatabaseConnection, args: &BenchArgs) -> anyhow::Result<TenantId> {
    let settings = tenants::TenantSettings {
        name: "Großstadt".to_owned(),
        ags: Ags::parse("05999003")?,
        street: "Rathausplatz 1".to_owned(),
        postal_code: "54321".to_owned(),
        city: "Großstadt".to_owned(),
        contact_email: Email::parse("buergerbuero@grossstadt.example")?,
        contact_phone: "+49 1111 0".to_owned(),
        time_zone: jiff::tz::TimeZone::get("Europe/Berlin")?,
        time_zone_name: "Europe/Berlin".to_owned(),
        federal_state: Ags::parse("05999003")?.federal_state(),
        accent_colour: AccentColour::parse("#0b5cad")?,
        languages: vec![Language::De, Language::En],
    };
    let hosts = vec![HOST.to_owned(), "localhost".to_owned(), "127.0.0.1".to_owned()];
    let tenant = tenants::create(db, &Slug::parse(TENANT)?, &settings, &hosts).await?.tenant_id();
    let entry = audit::AuditEntry::new(None, "bench", "");
    rathaus_catalog_store::import_catalog(db, tenant, &catalog(args.locations, args.counters), &entry).await?;
    let places = rathaus_db::catalog::places::list_all(db, tenant).await?;
    let policy = StoredPolicy { horizon_days: args.horizon_days, ..StoredPolicy::default() };
    for p in &places {
        rathaus_booking::set_policy(db, tenant, p.id, &policy).await?;
    }
    rathaus_booking::roll_forward(db, tenant, Timestamp::now()).await?;
    let future = book_future(db, tenant, args.appointments).await?;
    history(db, tenant, args.appointments.saturating_sub(future)).await?;
    Ok(tenant)
}

/// Appointment rows: `(place, counter, start, end, status, code)`.
type Row = (i64, i64, i64, i64, &'static str, String);

async fn insert_appointments(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    rows: &[Row],
    now: i64,
) -> anyhow::Result<()> {
    for chunk in rows.chunks(CHUNK) {
        let mut sql = String::from(
            "INSERT INTO appointments (tenant_id, place_id, counter_id, start_s, end_s, status, booking_code, channel, \
             persons, name, created_at, confirmed_at) VALUES ",
        );
        let mut values: Vec<Value> = Vec::with_capacity(chunk.len() * 11);
        for (i, (place, counter, start, end, status, code)) in chunk.iter().enumerate() {
            sql.push_str(if i == 0 {
                "(?,?,?,?,?,?,?,'online',1,'',?,?)"
            } else {
                ",(?,?,?,?,?,?,?,'online',1,'',?,?)"
            });
            values.extend([
                tenant.0.into(),
                (*place).into(),
                (*counter).into(),
                (*start).into(),
                (*end).into(),
                (*status).into(),
                code.clone().into(),
                (start - 86_400 * 14).min(now).into(),
                (start - 86_400 * 14).min(now).into(),
            ]);
        }
        db.execute_raw(Statement::from_sql_and_values(DatabaseBackend::Sqlite, &sql, values)).await?;
    }
    Ok(())
}

/// Books every other free run of the service's length on every counter (about half of the
/// future), up to `limit` appointments; returns how many.
async fn book_future(db: &DatabaseConnection, tenant: TenantId, limit: u64) -> anyhow::Result<u64> {
    let service = rathaus_db::catalog::services::get_by_slug(db, tenant, SERVICE).await?.context("service")?;
    let minutes = i64::from(service.minutes_per_person.unwrap_or(15));
    let now = Timestamp::now().as_second();
    let mut rows: Vec<Row> = Vec::new();
    for p in rathaus_db::catalog::places::list_all(db, tenant).await? {
        let free = slots::in_range(db, tenant, p.id, now, now + 400 * 86_400).await?;
        let mut i = 0;
        let mut take = true;
        while i < free.len() {
            let first = &free[i];
            let end = first.start_s + minutes * 60;
            let run: Vec<_> =
                free[i..].iter().take_while(|r| r.counter_id == first.counter_id && r.start_s < end).collect();
            let whole =
                run.last().is_some_and(|r| r.end_s == end) && run.windows(2).all(|w| w[0].end_s == w[1].start_s);
            if whole && take && (rows.len() as u64) < limit {
                rows.push((p.id, first.counter_id, first.start_s, end, "confirmed", format!("F{:06X}", rows.len())));
            }
            take = !take;
            i += run.len().max(1);
        }
    }
    let tx = begin_write(db).await?;
    insert_appointments(&tx, tenant, &rows, now).await?;
    tx.execute_raw(Statement::from_sql_and_values(
        DatabaseBackend::Sqlite,
        "UPDATE capacity_slots SET appointment_id = (SELECT a.id FROM appointments a WHERE a.tenant_id = \
         capacity_slots.tenant_id AND a.place_id = capacity_slots.place_id AND a.counter_id = capacity_slots.counter_id \
         AND a.start_s <= capacity_slots.start_s AND a.end_s > capacity_slots.start_s AND a.status = 'confirmed') \
         WHERE tenant_id = ? AND start_s >= ?",
        [tenant.0.into(), now.into()],
    ))
    .await?;
    services_for_all(&tx, tenant, service.id, minutes).await?;
    tx.commit().await?;
    Ok(rows.len() as u64)
}

/// `n` past appointments over the last 330 days: 85 % completed, 7 % no-shows, 8 %
/// cancelled, on the counters' grid during office hours.
async fn history(db: &DatabaseConnection, tenant: TenantId, n: u64) -> anyhow::Result<()> {
    let service = rathaus_db::catalog::services::get_by_slug(db, tenant, SERVICE).await?.context("service")?;
    let minutes = i64::from(service.minutes_per_person.unwrap_or(15));
    let counters: Vec<(i64, i64)> = rathaus_db::appointments::plan::active_counters(
        db,
        tenant,
        &rathaus_db::catalog::places::list_all(db, tenant).await?.iter().map(|p| p.id).collect::<Vec<_>>(),
    )
    .await?
    .into_iter()
    .map(|c| (c.place_id, c.id))
    .collect();
    let tz = jiff::tz::TimeZone::get("Europe/Berlin")?;
    let today = Timestamp::now().to_zoned(tz.clone()).date();
    let now = Timestamp::now().as_second();
    let mut rows: Vec<Row> = Vec::with_capacity(usize::try_from(n).unwrap_or(0));
    // A small linear congruential generator: reproducible, no dependency.
    let mut seed: u64 = 0x5eed;
    let mut next = |m: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % m.max(1)
    };
    for i in 0..n {
        let (place, counter) = counters[usize::try_from(next(counters.len() as u64)).unwrap_or(0)];
        let day = today.checked_sub((1 + next(330) as i64).days())?;
        let minute = 8 * 60 + 15 * next(40) as i64;
        let start = day.to_zoned(tz.clone())?.timestamp().as_second() + minute * 60;
        let status = match next(100) {
            0..85 => "completed",
            85..92 => "no_show",
            _ => "cancelled",
        };
        rows.push((place, counter, start, start + minutes * 60, status, format!("H{i:07X}")));
    }
    let tx = begin_write(db).await?;
    insert_appointments(&tx, tenant, &rows, now).await?;
    services_for_all(&tx, tenant, service.id, minutes).await?;
    tx.commit().await?;
    Ok(())
}

/// One service row for every appointment of the tenant that has none.
async fn services_for_all(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    service_id: i64,
    minutes: i64,
) -> anyhow::Result<()> {
    db.execute_raw(Statement::from_sql_and_values(
        DatabaseBackend::Sqlite,
        "INSERT INTO appointment_services (tenant_id, appointment_id, service_id, persons, minutes) \
         SELECT tenant_id, id, ?, 1, ? FROM appointments a WHERE a.tenant_id = ? AND NOT EXISTS \
         (SELECT 1 FROM appointment_services s WHERE s.appointment_id = a.id)",
        [service_id.into(), minutes.into(), tenant.0.into()],
    ))
    .await?;
    Ok(())
}
