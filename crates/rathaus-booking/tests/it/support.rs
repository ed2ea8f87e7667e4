//! Fixtures: a tenant with the demo catalogue, fixed instants in Berlin time, and counts
//! straight from SQL (so the assertions do not trust the code under test).

use jiff::civil::{Date, date};
use jiff::{Timestamp, tz::TimeZone};
use rathaus_booking::{Channel, Contact, HoldRequest, ServiceRequest, StaffId, Start};
use rathaus_catalog_store::{demo, import_catalog};
use rathaus_db::audit::AuditEntry;
use rathaus_db::catalog::{counters, places};
use rathaus_db::{DatabaseConnection, TenantId};
use sea_orm::{ConnectionTrait, Statement};

/// A Wednesday with regular hours everywhere (Süd: 08–12, 14–18; Mitte: 08–13).
pub const D: Date = date(2026, 11, 4);

/// Monday before `D`, 07:00 in Musterstadt: the default "now" of the tests.
pub fn now() -> Timestamp {
    at(date(2026, 11, 2), 7, 0)
}

/// A local time in Berlin.
pub fn at(day: Date, hour: i8, minute: i8) -> Timestamp {
    let tz = TimeZone::get("Europe/Berlin").unwrap();
    day.at(hour, minute, 0, 0).to_zoned(tz).unwrap().timestamp()
}

pub fn minutes(t: Timestamp, m: i64) -> Timestamp {
    Timestamp::from_second(t.as_second() + m * 60).unwrap()
}

pub fn staff() -> AuditEntry {
    AuditEntry::new(None, "clerk@musterstadt.example", "")
}

/// A clerk of the tenant: who books on the phone, and their audit entry prototype.
pub async fn clerk(db: &DatabaseConnection, tenant: TenantId) -> (StaffId, AuditEntry) {
    let email = rathaus_domain::Email::parse("clerk@musterstadt.example").unwrap();
    let user =
        rathaus_db::staff::create(db, tenant, &email, "Clara Clerk", rathaus_domain::Role::Clerk, None).await.unwrap();
    (StaffId(u64::try_from(user.id).unwrap()), AuditEntry::new(Some(user.id), email.as_str(), ""))
}

/// A tenant with the Musterstadt demo catalogue.
pub async fn demo_tenant(db: &DatabaseConnection, slug: &str, ags: &str) -> TenantId {
    let tenant = rathaus_test_db::fixtures::tenant(db, slug, ags).await;
    import_catalog(db, tenant, &demo::musterstadt(), &AuditEntry::new(None, "demo", "")).await.unwrap();
    tenant
}

pub async fn place(db: &DatabaseConnection, tenant: TenantId, key: &str) -> i64 {
    places::get_by_key(db, tenant, key).await.unwrap().unwrap().id
}

/// The place's counters by key (`schalter-1`, …).
pub async fn counter_ids(db: &DatabaseConnection, tenant: TenantId, place: i64) -> Vec<i64> {
    counters::list(db, tenant, place).await.unwrap().into_iter().map(|c| c.id).collect()
}

pub fn ausweis() -> Vec<ServiceRequest> {
    vec![ServiceRequest::new("personalausweis-beantragen", 1)]
}

pub fn contact(n: usize) -> Contact {
    Contact::parse(&format!("Person {n}"), Some(&format!("person{n}@example.org")), None).unwrap()
}

/// `minutes` long from `start` at a counter.
pub fn start(counter: i64, start: Timestamp, minutes_long: i64) -> Start {
    Start { start, end: self::minutes(start, minutes_long), counter_id: u64::try_from(counter).unwrap() }
}

pub fn request(place_id: i64, start: Start, services: Vec<ServiceRequest>, channel: Channel) -> HoldRequest {
    HoldRequest { place_id, start, services, channel }
}

/// A single number from SQL.
pub async fn count(db: &impl ConnectionTrait, sql: &str) -> i64 {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}
