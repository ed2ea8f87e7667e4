//! From the database to the slot engine's inputs: a place's opening hours (or mobile-office
//! sessions), its active counters with the services they handle, their staffing, blocked
//! times and the booking policy.
//!
//! Two depths: [`full`] builds everything [`rathaus_slots::capacity_grid`] needs (for
//! regenerating rows); [`light`] only what [`rathaus_slots::available_starts`] needs on top
//! of stored rows – the counters' services, the time zone and the policy – for several
//! places in a handful of queries, because availability and holds read the grid from the
//! rows, which already carry hours, staffing and blocks.
//!
//! In the engine a service is named by its database id (as text), so counters' service sets
//! and needs agree without looking up slugs.

use crate::error::{BookingError, corrupt};
use crate::policy;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use rathaus_catalog::model::{MobileSite, RecurringSession, Session, Weekday as CatalogWeekday};
use rathaus_db::appointments::plan::{self, StoredPolicy};
use rathaus_db::catalog::hours;
use rathaus_db::catalog::mobile;
use rathaus_db::catalog::places::{self, PlaceType};
use rathaus_db::{TenantId, tenants};
use rathaus_domain::FederalState;
use rathaus_domain::opening_hours::{DayHours, Exception, ExceptionKind, Schedule, TimeRange, WeeklyHours};
use rathaus_slots::{Block, BookingPolicy, CounterPlan, DateRange, ServiceId, ServiceSet, StaffedBlock};
use sea_orm::ConnectionTrait;
use std::collections::{BTreeMap, HashMap};

/// One place, ready for the engine.
#[derive(Debug, Clone)]
pub(crate) struct Setup {
    pub place_id: i64,
    pub tz: TimeZone,
    pub stored: StoredPolicy,
    pub policy: BookingPolicy,
    pub engine: rathaus_slots::Place,
}

impl Setup {
    /// The grid step in seconds.
    pub fn step_s(&self) -> i64 {
        i64::from(self.engine.slot_minutes().get()) * 60
    }
}

/// The engine's name for a service.
pub(crate) fn service_key(service_id: i64) -> ServiceId {
    ServiceId::new(service_id.to_string())
}

/// The engine's counter id of a database counter (ids are positive).
pub(crate) fn engine_counter(id: i64) -> u64 {
    u64::try_from(id).unwrap_or_default()
}

pub(crate) fn db_counter(id: u64) -> i64 {
    i64::try_from(id).unwrap_or(i64::MAX)
}

/// The first instant of a local date.
pub(crate) fn midnight(tz: &TimeZone, date: Date) -> Result<Timestamp, BookingError> {
    Ok(date.to_zoned(tz.clone())?.timestamp())
}

async fn time_zone(db: &impl ConnectionTrait, tenant: TenantId) -> Result<tenants::Tenant, BookingError> {
    tenants::get(db, tenant).await?.ok_or(BookingError::NotFound)
}

/// Counters with their service sets (none stored: all services), without staffing.
async fn counter_plans(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_ids: &[i64],
) -> Result<HashMap<i64, Vec<CounterPlan>>, BookingError> {
    let counters = plan::active_counters(db, tenant, place_ids).await?;
    let mut handled: HashMap<i64, Vec<ServiceId>> = HashMap::new();
    for (counter_id, service_id) in plan::counter_services(db, tenant, place_ids).await? {
        handled.entry(counter_id).or_default().push(service_key(service_id));
    }
    let mut out: HashMap<i64, Vec<CounterPlan>> = HashMap::new();
    for c in counters {
        let services = match handled.remove(&c.id) {
            Some(list) => ServiceSet::Only(list.into_iter().collect()),
            None => ServiceSet::all(),
        };
        out.entry(c.place_id).or_default().push(CounterPlan {
            counter_id: engine_counter(c.id),
            services,
            staffed: Vec::new(),
        });
    }
    Ok(out)
}

/// The places among `place_ids` that belong to the tenant, in the order given, without
/// opening hours or staffing (see the module doc). Unknown ids are left out.
pub(crate) async fn light(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_ids: &[i64],
) -> Result<Vec<Setup>, BookingError> {
    let tz = time_zone(db, tenant).await?.tz();
    let own: Vec<i64> = places::list_all(db, tenant).await?.into_iter().map(|p| p.id).collect();
    let ids: Vec<i64> = place_ids.iter().copied().filter(|id| own.contains(id)).collect();
    let mut policies = plan::policies(db, tenant, &ids).await?;
    let mut counters = counter_plans(db, tenant, &ids).await?;
    ids.iter()
        .map(|&place_id| {
            let stored = policies.remove(&place_id).unwrap_or_default();
            let (policy, grid) = policy::engine(&stored)?;
            let opening = Schedule::new(WeeklyHours::closed(), [], None, tz.clone())?;
            let engine =
                rathaus_slots::Place::new(opening, grid, counters.remove(&place_id).unwrap_or_default(), vec![])
                    .map_err(|_| corrupt("counters"))?;
            Ok(Setup { place_id, tz: tz.clone(), stored, policy, engine })
        })
        .collect()
}

/// One place of the tenant with everything the grid of the local dates `from..=to` needs.
pub(crate) async fn full(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    from: Date,
    to: Date,
) -> Result<Setup, BookingError> {
    let tenant_row = time_zone(db, tenant).await?;
    let tz = tenant_row.tz();
    let place = places::get(db, tenant, place_id).await?.ok_or(BookingError::NotFound)?;
    let opening = match place.place_type()? {
        PlaceType::MobileSite => sessions_schedule(db, tenant, place_id, from, to, &tz).await?,
        PlaceType::Location | PlaceType::VirtualOffice => {
            let weekly = hours::weekly(db, tenant, place_id).await?;
            let exceptions = hours::exceptions(db, tenant, place_id, Some(from), Some(to)).await?;
            let exceptions = exceptions.into_iter().map(|e| Exception {
                date: e.date,
                kind: if e.closed {
                    ExceptionKind::Closed { note: None }
                } else {
                    ExceptionKind::SpecialHours { hours: e.hours, note: None }
                },
            });
            let state = FederalState::parse(&tenant_row.federal_state).ok();
            Schedule::new(weekly, exceptions, state, tz.clone())?
        }
    };
    let stored = plan::policy(db, tenant, place_id).await?;
    let (policy, grid) = policy::engine(&stored)?;

    let mut staffing: HashMap<u64, Vec<StaffedBlock>> = HashMap::new();
    for b in plan::staffing(db, tenant, place_id).await? {
        let dates = match (b.date_from, b.date_to) {
            (None, None) => None,
            (first, last) => Some(DateRange { first: first.unwrap_or(Date::MIN), last: last.unwrap_or(Date::MAX) }),
        };
        let block = StaffedBlock { weekdays: b.weekday.into_iter().collect(), dates, hours: b.hours };
        staffing.entry(engine_counter(b.counter_id)).or_default().push(block);
    }
    let all_day = TimeRange::parse("00:00-24:00")?;
    let mut counters = counter_plans(db, tenant, &[place_id]).await?.remove(&place_id).unwrap_or_default();
    for c in &mut counters {
        // No staffing plan: staffed whenever the place is open.
        c.staffed = staffing
            .remove(&c.counter_id)
            .unwrap_or_else(|| vec![StaffedBlock { weekdays: Vec::new(), dates: None, hours: all_day }]);
    }

    let (from_s, to_s) = (midnight(&tz, from)?, midnight(&tz, to.tomorrow()?)?);
    let blocks = plan::time_blocks(db, tenant, place_id, from_s.as_second(), to_s.as_second())
        .await?
        .into_iter()
        .map(|b| {
            Ok(Block {
                counter: b.counter_id.map(engine_counter),
                from: Timestamp::from_second(b.start_s)?,
                to: Timestamp::from_second(b.end_s)?,
                reason: b.reason,
            })
        })
        .collect::<Result<Vec<_>, BookingError>>()?;
    let engine = rathaus_slots::Place::new(opening, grid, counters, blocks).map_err(|_| corrupt("counters"))?;
    Ok(Setup { place_id, tz, stored, policy, engine })
}

/// A mobile site is open only during its sessions that take place (as the catalogue pages
/// show them: `rathaus_catalog::expand_sessions`).
async fn sessions_schedule(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    site_id: i64,
    from: Date,
    to: Date,
    tz: &TimeZone,
) -> Result<Schedule, BookingError> {
    let times = |range: TimeRange| {
        let text = range.to_string();
        let (start, end) = text.split_once('-').unwrap_or((&text, ""));
        (start.to_owned(), end.to_owned())
    };
    let weekday = |day: jiff::civil::Weekday| {
        CatalogWeekday::ALL.into_iter().find(|d| d.to_jiff() == day).unwrap_or(CatalogWeekday::Mon)
    };
    let schedule = mobile::schedule(db, tenant, site_id)
        .await?
        .into_iter()
        .map(|r| {
            let (from, to) = times(r.hours);
            RecurringSession {
                weekday: weekday(r.weekday),
                from,
                to,
                every_weeks: r.every_weeks,
                first_date: r.first_date,
                last_date: r.last_date,
            }
        })
        .collect();
    let sessions = mobile::sessions(db, tenant, site_id)
        .await?
        .into_iter()
        .map(|s| {
            let (from, to) = times(s.hours);
            Session { date: s.date, from, to, note: None }
        })
        .collect();
    let cancelled = mobile::cancelled_dates(db, tenant, site_id).await?;
    let site = MobileSite { schedule, sessions, cancelled, ..MobileSite::default() };
    let mut by_date: BTreeMap<Date, Vec<TimeRange>> = BTreeMap::new();
    for s in rathaus_catalog::expand_sessions(&site, from, to) {
        by_date.entry(s.date).or_default().push(s.hours);
    }
    let mut exceptions = Vec::new();
    for (date, ranges) in by_date {
        // Overlapping sessions on one day (a data-entry slip) count as the first one.
        let first = ranges[0];
        let hours = DayHours::new(ranges).or_else(|_| DayHours::new([first]))?;
        exceptions.push(Exception { date, kind: ExceptionKind::SpecialHours { hours, note: None } });
    }
    Ok(Schedule::new(WeeklyHours::closed(), exceptions, None, tz.clone())?)
}
