//! The capacity rows of a place: the slot engine's grid, stored one row per counter-slot.
//!
//! [`regenerate`] makes the rows of a date window match the grid of the current hours,
//! exceptions, public holidays, counters, counter services, staffing, blocked times and
//! policy, in one write transaction:
//!
//! * rows in the grid but not stored are **inserted** (`ON CONFLICT DO NOTHING`);
//! * stored rows no longer in the grid (or of another length, after a grid change) are
//!   **deleted only if free** – a booked or held row is never deleted but reported as a
//!   [`SlotConflict`] for staff to resolve (the appointment needs another time), and no new
//!   row is inserted where it would overlap it, so a counter never has two rows for one
//!   instant;
//! * free rows whose contingent or release time changed are **updated**; booked rows keep
//!   theirs until they are free again and the next run updates them.
//!
//! It is idempotent: contingent tags depend only on the place, the policy and the date (see
//! `rathaus_slots`), so a second run over the same data changes nothing. Runs for one place
//! are serialised (PostgreSQL: an advisory lock per place; SQLite: `BEGIN IMMEDIATE`), and
//! every delete and update is conditional on the row being free, so a booking racing a
//! regeneration either keeps its row (reported) or never saw it.
//!
//! [`roll_forward`] is the daily job: every place of a tenant from today to the end of its
//! horizon, and free rows of past days are pruned (booked ones stay as history).

use crate::error::BookingError;
use crate::policy::release_before_s;
use crate::setup::{self, db_counter, midnight};
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use rathaus_db::appointments::plan;
use rathaus_db::appointments::slots::{self, NewSlot, SlotRow};
use rathaus_db::catalog::places;
use rathaus_db::{TenantId, begin_write};
use rathaus_slots::capacity_grid;
use sea_orm::DatabaseConnection;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A booked or held row that the current plan no longer has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotConflict {
    pub counter_id: i64,
    pub start: Timestamp,
    pub end: Timestamp,
    pub appointment_id: Option<i64>,
    /// The held appointment, if the row is held (not booked).
    pub hold_id: Option<i64>,
}

/// What a regeneration changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegenerateReport {
    pub inserted: u64,
    pub deleted: u64,
    pub updated: u64,
    pub conflicts: Vec<SlotConflict>,
}

impl RegenerateReport {
    pub fn changed(&self) -> bool {
        self.inserted + self.deleted + self.updated > 0
    }
}

fn conflict_of(r: &SlotRow) -> Result<SlotConflict, BookingError> {
    Ok(SlotConflict {
        counter_id: r.counter_id,
        start: Timestamp::from_second(r.start_s)?,
        end: Timestamp::from_second(r.end_s)?,
        appointment_id: r.appointment_id,
        hold_id: r.appointment_id.is_none().then_some(r.hold_id).flatten(),
    })
}

/// A row the grid wants, with how long before its start its contingent is released.
struct Wanted {
    slot: NewSlot,
    release_before_s: Option<i64>,
}

/// Makes the rows of the local dates `from..=to` of a place match its current plan.
#[tracing::instrument(skip_all, fields(tenant = tenant.0, place_id = place_id))]
pub async fn regenerate(
    db: &DatabaseConnection,
    tenant: TenantId,
    place_id: i64,
    from: Date,
    to: Date,
    now: Timestamp,
) -> Result<RegenerateReport, BookingError> {
    let s = setup::full(db, tenant, place_id, from, to).await?;
    let grid = capacity_grid(&s.engine, &s.policy, from, to);
    let (from_s, to_s) = (midnight(&s.tz, from)?.as_second(), midnight(&s.tz, to.tomorrow()?)?.as_second());
    let now_s = now.as_second();

    let mut wanted: HashMap<(i64, i64), Wanted> = HashMap::with_capacity(grid.len());
    for slot in grid {
        let start_s = slot.start.as_second();
        let before = slot.contingent.as_ref().and_then(|name| release_before_s(&s.policy, name));
        let new = NewSlot {
            counter_id: db_counter(slot.counter_id),
            start_s,
            end_s: slot.end.as_second(),
            contingent: slot.contingent.map(String::from),
            release_at_s: before.map(|b| start_s - b),
        };
        wanted.insert((new.counter_id, start_s), Wanted { slot: new, release_before_s: before });
    }

    let tx = begin_write(db).await?;
    slots::lock_place(&tx, place_id).await?;
    let existing = slots::in_range(&tx, tenant, place_id, from_s, to_s).await?;
    let mut report = RegenerateReport::default();
    let mut kept: HashSet<(i64, i64)> = HashSet::new();
    let mut busy: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
    let mut delete: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    let mut retag: BTreeMap<(i64, Option<String>, Option<i64>), Vec<i64>> = BTreeMap::new();
    for r in &existing {
        let key = (r.counter_id, r.start_s);
        match wanted.get(&key) {
            Some(w) if w.slot.end_s == r.end_s => {
                kept.insert(key);
                let same = w.slot.contingent == r.contingent && w.slot.release_at_s == r.release_at_s;
                if !same && r.is_free(now_s) {
                    let group = (r.counter_id, w.slot.contingent.clone(), w.release_before_s);
                    retag.entry(group).or_default().push(r.start_s);
                }
            }
            _ if r.is_free(now_s) => delete.entry(r.counter_id).or_default().push(r.start_s),
            _ => {
                report.conflicts.push(conflict_of(r)?);
                busy.entry(r.counter_id).or_default().push((r.start_s, r.end_s));
            }
        }
    }

    let planned: usize = delete.values().map(Vec::len).sum();
    for (&counter_id, starts) in &delete {
        report.deleted += slots::delete_free(&tx, tenant, place_id, counter_id, starts, now_s).await?;
    }
    if report.deleted < planned as u64 {
        // Some were booked or held since they were read: they stay, reported.
        let gone: HashSet<(i64, i64)> =
            delete.iter().flat_map(|(&c, starts)| starts.iter().map(move |&st| (c, st))).collect();
        for r in slots::in_range(&tx, tenant, place_id, from_s, to_s).await? {
            if gone.contains(&(r.counter_id, r.start_s)) {
                report.conflicts.push(conflict_of(&r)?);
                busy.entry(r.counter_id).or_default().push((r.start_s, r.end_s));
            }
        }
    }
    for ((counter_id, contingent, before), starts) in &retag {
        report.updated +=
            slots::retag_free(&tx, tenant, place_id, *counter_id, starts, contingent.as_deref(), *before, now_s)
                .await?;
    }
    let overlaps_busy = |n: &NewSlot| {
        busy.get(&n.counter_id).is_some_and(|spans| spans.iter().any(|&(s, e)| n.start_s < e && s < n.end_s))
    };
    let mut insert: Vec<NewSlot> = wanted
        .into_iter()
        .filter(|(key, _)| !kept.contains(key))
        .map(|(_, w)| w.slot)
        .filter(|n| !overlaps_busy(n))
        .collect();
    insert.sort_by_key(|n| (n.counter_id, n.start_s));
    report.inserted = slots::insert(&tx, tenant, place_id, &insert).await?;
    tx.commit().await?;
    report.conflicts.sort_by_key(|c| (c.start, c.counter_id));
    tracing::info!(
        inserted = report.inserted,
        deleted = report.deleted,
        updated = report.updated,
        conflicts = report.conflicts.len(),
        "capacity regenerated"
    );
    Ok(report)
}

/// The daily job for one tenant: regenerates every place that has active counters from
/// today to the end of its horizon and prunes free rows of past days. Reports by place id.
#[tracing::instrument(skip_all, fields(tenant = tenant.0))]
pub async fn roll_forward(
    db: &DatabaseConnection,
    tenant: TenantId,
    now: Timestamp,
) -> Result<Vec<(i64, RegenerateReport)>, BookingError> {
    roll_forward_within(db, tenant, now, None).await
}

/// [`roll_forward`], but no further than `max_days` ahead (demo set-up and tests that need
/// only the next days).
pub async fn roll_forward_within(
    db: &DatabaseConnection,
    tenant: TenantId,
    now: Timestamp,
    max_days: Option<u32>,
) -> Result<Vec<(i64, RegenerateReport)>, BookingError> {
    let tz = rathaus_db::tenants::get(db, tenant).await?.ok_or(BookingError::NotFound)?.tz();
    let today = tz.to_datetime(now).date();
    let place_ids: Vec<i64> = places::list_all(db, tenant).await?.into_iter().map(|p| p.id).collect();
    let mut staffed: Vec<i64> =
        plan::active_counters(db, tenant, &place_ids).await?.iter().map(|c| c.place_id).collect();
    staffed.dedup();
    let mut reports = Vec::with_capacity(staffed.len());
    for place_id in staffed {
        let policy = plan::policy(db, tenant, place_id).await?;
        let days = max_days.map_or(policy.horizon_days, |m| m.min(policy.horizon_days));
        let last = today.checked_add(i64::from(days).days())?;
        let report = regenerate(db, tenant, place_id, today, last, now).await?;
        slots::prune_free_before(db, tenant, place_id, midnight(&tz, today)?.as_second(), now.as_second()).await?;
        reports.push((place_id, report));
    }
    Ok(reports)
}
