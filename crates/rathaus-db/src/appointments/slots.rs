//! Capacity rows: one row per counter-slot (`capacity_slots`). Every statement that takes
//! capacity is a single conditional UPDATE over the rows of one counter in `[start, end)`;
//! its caller commits only if it changed exactly as many rows as the run has slots.
//!
//! A row is **free** when `appointment_id IS NULL AND (hold_id IS NULL OR held_until_s <
//! now)`: an expired hold is free at once, before [`expire_holds`] tidies it up. A row is
//! **usable** by a booking when it is in no contingent, in one the booking may use
//! ([`ContingentAccess`]), or released (`release_at_s <= now`).

use crate::entity::capacity_slot::{self, Column};
use crate::{StoreError, TenantId};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder, Set, Statement,
};

pub use capacity_slot::Model as SlotRow;

/// Rows per multi-row INSERT (10 values each stays far below either engine's limit).
const INSERT_CHUNK: usize = 500;
/// Keys per `IN (…)` list.
const KEY_CHUNK: usize = 500;

impl SlotRow {
    /// Neither booked nor held at `now`.
    pub fn is_free(&self, now: i64) -> bool {
        self.appointment_id.is_none() && (self.hold_id.is_none() || self.held_until_s.is_some_and(|t| t < now))
    }
}

/// A counter-slot to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSlot {
    pub counter_id: i64,
    pub start_s: i64,
    pub end_s: i64,
    pub contingent: Option<String>,
    pub release_at_s: Option<i64>,
}

/// `[start_s, end_s)` on one counter of one place: the rows an appointment takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotRun {
    pub place_id: i64,
    pub counter_id: i64,
    pub start_s: i64,
    pub end_s: i64,
}

/// The unreleased contingents a booking may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContingentAccess<'a> {
    /// None (online bookings).
    None,
    /// This one (walk-ins: `walk_in`, emergencies: `emergency`).
    Only(&'a str),
    /// All but these (staff on the phone: all but `walk_in` and `emergency`).
    AllExcept(&'a [&'a str]),
}

fn free(now: i64) -> Condition {
    Condition::all()
        .add(Column::AppointmentId.is_null())
        .add(Condition::any().add(Column::HoldId.is_null()).add(Column::HeldUntilS.lt(now)))
}

fn usable(access: ContingentAccess<'_>, now: i64) -> Condition {
    let any = Condition::any().add(Column::Contingent.is_null()).add(Column::ReleaseAtS.lte(now));
    match access {
        ContingentAccess::None => any,
        ContingentAccess::Only(name) => any.add(Column::Contingent.eq(name)),
        ContingentAccess::AllExcept(names) => any.add(Column::Contingent.is_not_in(names.iter().copied())),
    }
}

fn run_rows(tenant: TenantId, run: SlotRun) -> Condition {
    Condition::all()
        .add(Column::TenantId.eq(tenant.0))
        .add(Column::PlaceId.eq(run.place_id))
        .add(Column::CounterId.eq(run.counter_id))
        .add(Column::StartS.gte(run.start_s))
        .add(Column::StartS.lt(run.end_s))
}

fn place_range(tenant: TenantId, place_id: i64, from_s: i64, to_s: i64) -> Condition {
    Condition::all()
        .add(Column::TenantId.eq(tenant.0))
        .add(Column::PlaceId.eq(place_id))
        .add(Column::StartS.gte(from_s))
        .add(Column::StartS.lt(to_s))
}

/// On PostgreSQL, serialises the rest of the transaction with every other one that
/// regenerates the same place (advisory lock 7004 on the place id), so two regenerations
/// never interleave their reads and writes. SQLite's `BEGIN IMMEDIATE` does this already.
pub async fn lock_place(db: &impl ConnectionTrait, place_id: i64) -> Result<(), StoreError> {
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    let key = i32::try_from(place_id.rem_euclid(1 << 31)).unwrap_or_default();
    db.execute_raw(Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        "SELECT pg_advisory_xact_lock(7004, $1::int4)",
        [key.into()],
    ))
    .await?;
    Ok(())
}

/// All rows of a place starting in `[from_s, to_s)`, by counter and start.
pub async fn in_range(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    from_s: i64,
    to_s: i64,
) -> Result<Vec<SlotRow>, StoreError> {
    Ok(capacity_slot::Entity::find()
        .filter(place_range(tenant, place_id, from_s, to_s))
        .order_by_asc(Column::CounterId)
        .order_by_asc(Column::StartS)
        .all(db)
        .await?)
}

/// The free rows of a place starting in `[from_s, to_s)`, by counter and start: one query
/// over the `(place_id, start_s)` index, what availability reads.
pub async fn free_in_range(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    from_s: i64,
    to_s: i64,
    now: i64,
) -> Result<Vec<SlotRow>, StoreError> {
    Ok(capacity_slot::Entity::find()
        .filter(place_range(tenant, place_id, from_s, to_s))
        .filter(free(now))
        .order_by_asc(Column::CounterId)
        .order_by_asc(Column::StartS)
        .all(db)
        .await?)
}

/// Inserts free rows; rows whose key exists already are left alone (a concurrent
/// regeneration may have made them). Returns how many were inserted.
pub async fn insert(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    slots: &[NewSlot],
) -> Result<u64, StoreError> {
    let mut inserted = 0;
    for chunk in slots.chunks(INSERT_CHUNK) {
        let rows = chunk.iter().map(|s| capacity_slot::ActiveModel {
            tenant_id: Set(tenant.0),
            place_id: Set(place_id),
            counter_id: Set(s.counter_id),
            start_s: Set(s.start_s),
            end_s: Set(s.end_s),
            contingent: Set(s.contingent.clone()),
            release_at_s: Set(s.release_at_s),
            appointment_id: Set(None),
            hold_id: Set(None),
            held_until_s: Set(None),
        });
        let result =
            capacity_slot::Entity::insert_many(rows).on_conflict_do_nothing().exec_without_returning(db).await?;
        if let sea_orm::TryInsertResult::Inserted(n) = result {
            inserted += n;
        }
    }
    Ok(inserted)
}

/// Deletes the listed rows of one counter **if they are free**; booked and held rows stay.
pub async fn delete_free(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    counter_id: i64,
    starts: &[i64],
    now: i64,
) -> Result<u64, StoreError> {
    let mut deleted = 0;
    for chunk in starts.chunks(KEY_CHUNK) {
        deleted += capacity_slot::Entity::delete_many()
            .filter(Column::TenantId.eq(tenant.0))
            .filter(Column::PlaceId.eq(place_id))
            .filter(Column::CounterId.eq(counter_id))
            .filter(Column::StartS.is_in(chunk.iter().copied()))
            .filter(free(now))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(deleted)
}

/// Sets the contingent of the listed free rows of one counter; `release_before_s` is how
/// long before its start a row of that contingent is released (`None`: never, or no
/// contingent).
#[expect(clippy::too_many_arguments, reason = "one key, one value, one clock: all needed")]
pub async fn retag_free(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    counter_id: i64,
    starts: &[i64],
    contingent: Option<&str>,
    release_before_s: Option<i64>,
    now: i64,
) -> Result<u64, StoreError> {
    let mut changed = 0;
    let release = match release_before_s {
        Some(before) => Expr::col(Column::StartS).sub(before),
        None => Expr::value(Option::<i64>::None),
    };
    for chunk in starts.chunks(KEY_CHUNK) {
        changed += capacity_slot::Entity::update_many()
            .col_expr(Column::Contingent, Expr::value(contingent.map(str::to_owned)))
            .col_expr(Column::ReleaseAtS, release.clone())
            .filter(Column::TenantId.eq(tenant.0))
            .filter(Column::PlaceId.eq(place_id))
            .filter(Column::CounterId.eq(counter_id))
            .filter(Column::StartS.is_in(chunk.iter().copied()))
            .filter(free(now))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(changed)
}

/// Holds the free, usable rows of `run` for the held appointment `hold_id` until
/// `held_until_s`. The caller commits only if the result equals the run's slot count.
pub async fn take_for_hold(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    run: SlotRun,
    hold_id: i64,
    held_until_s: i64,
    access: ContingentAccess<'_>,
    now: i64,
) -> Result<u64, StoreError> {
    Ok(capacity_slot::Entity::update_many()
        .col_expr(Column::HoldId, Expr::value(hold_id))
        .col_expr(Column::HeldUntilS, Expr::value(held_until_s))
        .filter(run_rows(tenant, run))
        .filter(free(now))
        .filter(usable(access, now))
        .exec(db)
        .await?
        .rows_affected)
}

/// Books the free, usable rows of `run` for `appointment_id` directly (a booking by staff,
/// without a separate hold). The caller commits only if the result equals the slot count.
pub async fn take_for_appointment(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    run: SlotRun,
    appointment_id: i64,
    access: ContingentAccess<'_>,
    now: i64,
) -> Result<u64, StoreError> {
    Ok(capacity_slot::Entity::update_many()
        .col_expr(Column::AppointmentId, Expr::value(appointment_id))
        .col_expr(Column::HoldId, Expr::value(Option::<i64>::None))
        .col_expr(Column::HeldUntilS, Expr::value(Option::<i64>::None))
        .filter(run_rows(tenant, run))
        .filter(free(now))
        .filter(usable(access, now))
        .exec(db)
        .await?
        .rows_affected)
}

/// Turns the unexpired hold of `appointment_id` on `run` into the booking. A hold that
/// expired and was taken by someone else has fewer rows left (or none), so the count falls
/// short and the caller rolls back.
pub async fn confirm_hold(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    run: SlotRun,
    appointment_id: i64,
    now: i64,
) -> Result<u64, StoreError> {
    Ok(capacity_slot::Entity::update_many()
        .col_expr(Column::AppointmentId, Expr::value(appointment_id))
        .col_expr(Column::HoldId, Expr::value(Option::<i64>::None))
        .col_expr(Column::HeldUntilS, Expr::value(Option::<i64>::None))
        .filter(run_rows(tenant, run))
        .filter(Column::AppointmentId.is_null())
        .filter(Column::HoldId.eq(appointment_id))
        .filter(Column::HeldUntilS.gte(now))
        .exec(db)
        .await?
        .rows_affected)
}

/// Frees the rows booked by an appointment (on cancellation).
pub async fn release_appointment(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    appointment_id: i64,
) -> Result<u64, StoreError> {
    Ok(capacity_slot::Entity::update_many()
        .col_expr(Column::AppointmentId, Expr::value(Option::<i64>::None))
        .filter(Column::TenantId.eq(tenant.0))
        .filter(Column::AppointmentId.eq(appointment_id))
        .exec(db)
        .await?
        .rows_affected)
}

/// Frees the rows still held for a held appointment.
pub async fn release_hold(db: &impl ConnectionTrait, tenant: TenantId, hold_id: i64) -> Result<u64, StoreError> {
    Ok(capacity_slot::Entity::update_many()
        .col_expr(Column::HoldId, Expr::value(Option::<i64>::None))
        .col_expr(Column::HeldUntilS, Expr::value(Option::<i64>::None))
        .filter(Column::TenantId.eq(tenant.0))
        .filter(Column::HoldId.eq(hold_id))
        .filter(Column::AppointmentId.is_null())
        .exec(db)
        .await?
        .rows_affected)
}

/// Clears every expired hold of every tenant (the job; availability already treats them as
/// free). Returns the number of rows freed.
pub async fn expire_holds(db: &impl ConnectionTrait, now: i64) -> Result<u64, StoreError> {
    Ok(capacity_slot::Entity::update_many()
        .col_expr(Column::HoldId, Expr::value(Option::<i64>::None))
        .col_expr(Column::HeldUntilS, Expr::value(Option::<i64>::None))
        .filter(Column::HoldId.is_not_null())
        .filter(Column::HeldUntilS.lt(now))
        .exec(db)
        .await?
        .rows_affected)
}

/// Deletes the free rows of a place that ended by `before_s` (booked ones stay as history).
pub async fn prune_free_before(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    before_s: i64,
    now: i64,
) -> Result<u64, StoreError> {
    Ok(capacity_slot::Entity::delete_many()
        .filter(Column::TenantId.eq(tenant.0))
        .filter(Column::PlaceId.eq(place_id))
        .filter(Column::StartS.lt(before_s))
        .filter(Column::EndS.lte(before_s))
        .filter(free(now))
        .exec(db)
        .await?
        .rows_affected)
}
