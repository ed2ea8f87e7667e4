//! Blocking time and closing a counter or a whole place: the office is closed because of
//! illness, a counter is needed for training.
//!
//! * [`block_time`] records the block (audited) and regenerates the capacity of the
//!   affected local dates, so nobody can book the time any more; booked rows stay (the
//!   regeneration never deletes them) and the confirmed appointments in the time are
//!   reported.
//! * [`cancel_closure`] is the mass cancellation: for each of those appointments it looks
//!   for new times to offer ([`offers`]) and cancels it with the office's reason in a
//!   transaction of its own, in which the caller's hook writes the notification with the
//!   offers. One appointment per transaction, so a failure half-way leaves every appointment
//!   either cancelled and notified or untouched, and running it again finishes the rest.

use crate::availability::{Candidate, Location, Search, by_place};
use crate::cancel::{AppointmentRef, cancel_notifying};
use crate::capacity::{RegenerateReport, regenerate};
use crate::error::BookingError;
use crate::hooks::InTransaction;
use crate::reschedule::services_of;
use jiff::{Timestamp, ToSpan};
use rathaus_db::appointments::changes;
use rathaus_db::appointments::plan::{self, TimeBlock};
use rathaus_db::appointments::records::Appointment;
use rathaus_db::audit::{self, AuditEntry};
use rathaus_db::{StoreError, TenantId, begin_write};
use rathaus_slots::Channel;
use sea_orm::DatabaseConnection;

/// A span of time at a place, or at one counter of it.
#[derive(Debug, Clone)]
pub struct Closure {
    pub place_id: i64,
    pub counter_id: Option<i64>,
    pub from: Timestamp,
    pub to: Timestamp,
    /// Shown to staff (not to citizens).
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Blocked {
    pub block: TimeBlock,
    pub regenerated: RegenerateReport,
    /// Confirmed appointments in the blocked time: they still need another time.
    pub affected: Vec<Appointment>,
}

/// How many new times a cancellation offers.
pub const OFFERS: usize = 3;

/// Blocks the time and takes it out of the bookable capacity. Errors: `NotFound` (place
/// or counter of another tenant), `Invalid("time-block-order")`.
pub async fn block_time(
    db: &DatabaseConnection,
    tenant: TenantId,
    closure: &Closure,
    audit_entry: AuditEntry,
    now: Timestamp,
) -> Result<Blocked, BookingError> {
    let (from_s, to_s) = (closure.from.as_second(), closure.to.as_second());
    let tx = begin_write(db).await?;
    let block =
        match plan::add_time_block(&tx, tenant, closure.place_id, closure.counter_id, from_s, to_s, &closure.reason)
            .await
        {
            Ok(b) => b,
            Err(e) => {
                tx.rollback().await?;
                return Err(match e {
                    StoreError::NotFound => BookingError::NotFound,
                    StoreError::Conflict("time-block-order") => BookingError::Invalid("time-block-order"),
                    e => e.into(),
                });
            }
        };
    let entry = AuditEntry { action: "time.blocked".into(), ..audit_entry }.target("time_block", block.id).details(
        serde_json::json!({"place_id": closure.place_id, "counter_id": closure.counter_id, "start_s": from_s, "end_s": to_s}),
    );
    audit::append_in(&tx, tenant, entry).await?;
    tx.commit().await?;
    let regenerated = regenerate_span(db, tenant, closure.place_id, closure.from, closure.to, now).await?;
    let affected = changes::confirmed_in(db, tenant, closure.place_id, closure.counter_id, from_s, to_s).await?;
    Ok(Blocked { block, regenerated, affected })
}

/// Lifts a block (audited) and gives its time back to the capacity.
pub async fn unblock_time(
    db: &DatabaseConnection,
    tenant: TenantId,
    block_id: i64,
    audit_entry: AuditEntry,
    now: Timestamp,
) -> Result<RegenerateReport, BookingError> {
    let tx = begin_write(db).await?;
    let Some(block) = plan::time_block(&tx, tenant, block_id).await? else {
        tx.rollback().await?;
        return Err(BookingError::NotFound);
    };
    plan::remove_time_block(&tx, tenant, block_id).await?;
    let entry = AuditEntry { action: "time.unblocked".into(), ..audit_entry }
        .target("time_block", block_id)
        .details(serde_json::json!({"place_id": block.place_id, "start_s": block.start_s, "end_s": block.end_s}));
    audit::append_in(&tx, tenant, entry).await?;
    tx.commit().await?;
    let (from, to) = (Timestamp::from_second(block.start_s)?, Timestamp::from_second(block.end_s)?);
    regenerate_span(db, tenant, block.place_id, from, to, now).await
}

/// Regenerates the local dates a span touches.
async fn regenerate_span(
    db: &DatabaseConnection,
    tenant: TenantId,
    place_id: i64,
    from: Timestamp,
    to: Timestamp,
    now: Timestamp,
) -> Result<RegenerateReport, BookingError> {
    let tz = rathaus_db::tenants::get(db, tenant).await?.ok_or(BookingError::NotFound)?.tz();
    let first = tz.to_datetime(from).date();
    let last = tz.to_datetime(Timestamp::from_second(to.as_second() - 1)?).date().max(first);
    regenerate(db, tenant, place_id, first, last, now).await
}

/// New times for the services of an appointment from `after` on, anywhere they are
/// offered, earliest first: at most [`OFFERS`] distinct times within four weeks.
pub async fn offers(
    db: &DatabaseConnection,
    tenant: TenantId,
    appointment: &Appointment,
    after: Timestamp,
    now: Timestamp,
) -> Result<Vec<Candidate>, BookingError> {
    let services = services_of(db, tenant, appointment.id).await?;
    let tz = rathaus_db::tenants::get(db, tenant).await?.ok_or(BookingError::NotFound)?.tz();
    let from = tz.to_datetime(after.max(now)).date();
    let search = Search {
        services: &services,
        location: Location::Any,
        from,
        to: from.checked_add(28.days())?,
        channel: Channel::Online,
        now,
    };
    let mut all: Vec<Candidate> = Vec::new();
    for p in by_place(db, tenant, &search).await? {
        all.extend(
            p.starts.into_iter().filter(|s| s.start >= after).map(|start| Candidate { place_id: p.place_id, start }),
        );
    }
    all.sort_by_key(|c| (c.start.start, c.place_id, c.start.counter_id));
    all.dedup_by_key(|c| (c.start.start, c.place_id));
    all.truncate(OFFERS);
    Ok(all)
}

/// Cancels each appointment with the office's `reason` code, offering new times after
/// `after`. `hook_for` builds the notification of one appointment from its offers.
/// Returns the ids cancelled now (already cancelled ones are skipped).
#[expect(clippy::too_many_arguments, reason = "what, why, from when, who, how to notify, and the clock")]
pub async fn cancel_closure<H, F>(
    db: &DatabaseConnection,
    tenant: TenantId,
    appointments: &[Appointment],
    reason: &str,
    after: Timestamp,
    audit_entry: AuditEntry,
    hook_for: F,
    now: Timestamp,
) -> Result<Vec<i64>, BookingError>
where
    H: InTransaction,
    F: Fn(&Appointment, Vec<Candidate>) -> H,
{
    let mut cancelled = Vec::new();
    for a in appointments {
        let offered = offers(db, tenant, a, after, now).await?;
        let hook = hook_for(a, offered);
        let done =
            cancel_notifying(db, tenant, AppointmentRef::Id(a.id), Some(audit_entry.clone()), Some(reason), &hook, now)
                .await;
        match done {
            Ok(c) if !c.already => cancelled.push(a.id),
            Ok(_) | Err(BookingError::NotCancellable) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(cancelled)
}
