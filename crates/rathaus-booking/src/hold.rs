//! Holding a time while the citizen enters their details.
//!
//! A hold is one write transaction: insert the appointment as `held` (services fixed,
//! because the length of the appointment follows from them and alternatives must be at
//! counters that handle them), then **one conditional UPDATE** that points the `k` free,
//! usable rows of the chosen counter in `[start, end)` at it with an expiry
//! (`rathaus_db::appointments::slots::take_for_hold`). Commit only if exactly `k` rows
//! changed; otherwise roll back (the held row vanishes with it) and answer
//! [`SlotTaken`](crate::SlotTaken) with the next free starts.
//!
//! Why exactly `k` proves the slot is ours: the rows exist only where the grid has
//! capacity, so `k` rows in `[start, end)` on one counter means the run is whole; each
//! matched row was free and usable at the moment it was changed (SQLite: writers are
//! serial; PostgreSQL: a row being changed by another transaction is re-checked after that
//! one commits), and a row belongs to at most one hold or appointment. A hold expires by
//! itself: every statement treats `held_until_s < now` as free, before
//! [`expire_holds`] tidies up.

use crate::availability::{alternatives, window_allows};
use crate::codes::HoldId;
use crate::error::BookingError;
use crate::lottery;
use crate::need::{self, Resolved, ServiceRequest};
use crate::policy::{access, booked_by, channel_code};
use crate::setup::{self, Setup, db_counter};
use jiff::Timestamp;
use rathaus_db::appointments::records::{self, NewHold, Status};
use rathaus_db::appointments::slots::{self, SlotRun};
use rathaus_db::{TenantId, begin_write};
use rathaus_slots::{Channel, Start};
use sea_orm::DatabaseConnection;

/// A time to hold or book: a [`Start`] from the availability of `place_id` for `services`.
#[derive(Debug, Clone)]
pub struct HoldRequest {
    pub place_id: i64,
    pub start: Start,
    pub services: Vec<ServiceRequest>,
    pub channel: Channel,
}

/// A held time. `id` is the token to confirm it with (shown to its holder only).
#[derive(Debug, Clone)]
pub struct Hold {
    pub id: HoldId,
    pub appointment_id: i64,
    pub place_id: i64,
    pub start: Start,
    pub held_until: Timestamp,
}

/// A request checked against the catalogue and the place, before touching capacity.
pub(crate) struct Checked {
    pub setup: Setup,
    pub resolved: Resolved,
    pub run: SlotRun,
    /// The number of counter-slots the run takes.
    pub k: u64,
}

/// Checks everything but the capacity itself: the place and counter (`NotFound`), the
/// services (offered here, handled by the counter), that the start is a run of this need on
/// the grid (`start-invalid`), and the booking window of the channel (outside:
/// [`BookingError::SlotTaken`] with alternatives).
pub(crate) async fn check(
    db: &DatabaseConnection,
    tenant: TenantId,
    req: &HoldRequest,
    now: Timestamp,
) -> Result<Checked, BookingError> {
    let setup = setup::light(db, tenant, &[req.place_id]).await?.pop().ok_or(BookingError::NotFound)?;
    let resolved = need::resolve(db, tenant, &req.services).await?;
    if !need::offered_at(db, tenant, req.place_id, &resolved).await? {
        return Err(BookingError::Invalid("service-not-offered"));
    }
    let counter = setup.engine.counter(req.start.counter_id).ok_or(BookingError::NotFound)?;
    if !resolved.need.handled_by(&counter.services) {
        return Err(BookingError::Invalid("counter-cannot-serve"));
    }
    let step = setup.step_s();
    let k = i64::from(resolved.need.slots(setup.engine.slot_minutes()));
    let (start_s, end_s) = (req.start.start.as_second(), req.start.end.as_second());
    let whole = req.start.start.subsec_nanosecond() == 0 && req.start.end.subsec_nanosecond() == 0;
    if !whole || start_s.rem_euclid(step) != 0 || end_s - start_s != k * step {
        return Err(BookingError::Invalid("start-invalid"));
    }
    let run = SlotRun { place_id: req.place_id, counter_id: db_counter(req.start.counter_id), start_s, end_s };
    let checked = Checked { setup, resolved, run, k: u64::try_from(k).unwrap_or(0) };
    if req.channel == Channel::Online {
        let date = checked.setup.tz.to_datetime(req.start.start).date();
        if let Some(draw_at) = lottery::draw_at(&checked.setup, date, now) {
            return Err(BookingError::Lottery { draw_at });
        }
    }
    if !window_allows(&checked.setup, &checked.resolved.need, req.start, req.channel, now) {
        return Err(taken(db, tenant, &checked, req, now).await);
    }
    Ok(checked)
}

/// [`BookingError::SlotTaken`] with the alternatives from the requested start on (or the
/// database error that prevented finding them).
pub(crate) async fn taken(
    db: &DatabaseConnection,
    tenant: TenantId,
    c: &Checked,
    req: &HoldRequest,
    now: Timestamp,
) -> BookingError {
    match alternatives(db, tenant, &c.setup, &c.resolved, req.channel, req.start.start, req.start, now).await {
        Ok(found) => BookingError::slot_taken(found),
        Err(e) => e,
    }
}

/// Holds `req.start` for `hold_minutes` of the place's policy.
pub async fn hold(
    db: &DatabaseConnection,
    tenant: TenantId,
    req: &HoldRequest,
    now: Timestamp,
) -> Result<Hold, BookingError> {
    let c = check(db, tenant, req, now).await?;
    let now_s = now.as_second();
    let held_until_s = now_s + i64::from(c.setup.stored.hold_minutes) * 60;
    let id = HoldId::generate();
    let tx = begin_write(db).await?;
    let new = NewHold {
        run: c.run,
        channel: channel_code(req.channel),
        booked_by_user_id: booked_by(req.channel),
        hold_token_hash: Some(id.hash()),
        held_until_s,
        services: &c.resolved.booked,
    };
    let appointment = records::insert_held(&tx, tenant, &new, now_s).await?;
    let changed =
        slots::take_for_hold(&tx, tenant, c.run, appointment.id, held_until_s, access(req.channel), now_s).await?;
    if changed != c.k {
        tx.rollback().await?;
        return Err(taken(db, tenant, &c, req, now).await);
    }
    tx.commit().await?;
    Ok(Hold {
        id,
        appointment_id: appointment.id,
        place_id: req.place_id,
        start: req.start,
        held_until: Timestamp::from_second(held_until_s)?,
    })
}

/// Gives a hold back at once (the citizen went back to choose another time). Whether there
/// was a live hold to give back.
pub async fn release(db: &DatabaseConnection, tenant: TenantId, hold: &HoldId) -> Result<bool, BookingError> {
    let tx = begin_write(db).await?;
    let Some(held) = records::by_hold_token_hash(&tx, tenant, &hold.hash()).await? else {
        tx.rollback().await?;
        return Ok(false);
    };
    if held.status()? != Status::Held {
        tx.rollback().await?;
        return Ok(false);
    }
    slots::release_hold(&tx, tenant, held.id).await?;
    let deleted = records::delete_held(&tx, tenant, held.id).await?;
    tx.commit().await?;
    Ok(deleted)
}

/// Frees the capacity of every expired hold of every tenant and deletes the held rows (the
/// periodic job; availability and holds treat expired holds as free already). Returns the
/// number of counter-slots freed.
#[tracing::instrument(skip_all)]
pub async fn expire_holds(db: &DatabaseConnection, now: Timestamp) -> Result<u64, BookingError> {
    let now_s = now.as_second();
    let tx = begin_write(db).await?;
    let freed = slots::expire_holds(&tx, now_s).await?;
    let deleted = records::delete_expired_holds(&tx, now_s).await?;
    tx.commit().await?;
    tracing::debug!(freed, deleted, "expired holds");
    Ok(freed)
}
