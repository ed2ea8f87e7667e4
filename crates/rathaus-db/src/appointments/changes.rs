//! Changes to appointment rows after they exist: the citizen's details on a hold while the
//! booking form is filled in, longer holds for double opt-in, moves, marks (arrived,
//! no-show, completed) and cancellation with a reason. Each is one conditional UPDATE on
//! the expected status, returning whether the row changed, so a concurrent change makes it
//! a no-op the caller can report instead of a lost update.

use crate::appointments::records::Status;
use crate::appointments::slots::SlotRun;
use crate::entity::{appointment, capacity_slot};
use crate::{StoreError, TenantId};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use appointment::Column as A;

/// What the citizen entered so far, kept on the held row (never on an expired one).
#[derive(Debug, Clone, Copy, Default)]
pub struct Pending<'a> {
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub language: &'a str,
    pub consent_at: Option<i64>,
}

/// Stores the citizen's details on a live hold; `false` if it is not held (any more).
pub async fn save_pending(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    p: &Pending<'_>,
    now: i64,
) -> Result<bool, StoreError> {
    let changed = appointment::Entity::update_many()
        .col_expr(A::Name, Expr::value(p.name))
        .col_expr(A::Email, Expr::value(p.email.map(str::to_owned)))
        .col_expr(A::Phone, Expr::value(p.phone.map(str::to_owned)))
        .col_expr(A::Language, Expr::value(p.language))
        .col_expr(A::ConsentAt, Expr::value(p.consent_at))
        .filter(A::TenantId.eq(tenant.0))
        .filter(A::Id.eq(id))
        .filter(A::Status.eq(Status::Held.code()))
        .filter(A::HeldUntilS.gte(now))
        .exec(db)
        .await?
        .rows_affected;
    Ok(changed == 1)
}

/// Keeps a live hold (row and slots) until `until_s` and records that the opt-in e-mail
/// went out; `false` if the hold is gone or expired.
pub async fn extend_for_opt_in(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    until_s: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let changed = appointment::Entity::update_many()
        .col_expr(A::HeldUntilS, Expr::value(until_s))
        .col_expr(A::OptInSentAt, Expr::value(now))
        .filter(A::TenantId.eq(tenant.0))
        .filter(A::Id.eq(id))
        .filter(A::Status.eq(Status::Held.code()))
        .filter(A::HeldUntilS.gte(now))
        .exec(db)
        .await?
        .rows_affected;
    if changed != 1 {
        return Ok(false);
    }
    capacity_slot::Entity::update_many()
        .col_expr(capacity_slot::Column::HeldUntilS, Expr::value(until_s))
        .filter(capacity_slot::Column::TenantId.eq(tenant.0))
        .filter(capacity_slot::Column::HoldId.eq(id))
        .filter(capacity_slot::Column::AppointmentId.is_null())
        .exec(db)
        .await?;
    Ok(true)
}

/// Moves an appointment in status `from` to `run`, confirmed, and bumps its calendar
/// sequence; `false` if it is not in `from` (any more). Moving a cancelled appointment
/// (one the office cancelled, to a time it offered) confirms it again. The caller has
/// moved the slot rows in the same transaction.
pub async fn move_to(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    run: SlotRun,
    from: Status,
) -> Result<bool, StoreError> {
    let changed = appointment::Entity::update_many()
        .col_expr(A::Status, Expr::value(Status::Confirmed.code()))
        .col_expr(A::CancelledAt, Expr::value(Option::<i64>::None))
        .col_expr(A::CancelReason, Expr::value(Option::<String>::None))
        .col_expr(A::PlaceId, Expr::value(run.place_id))
        .col_expr(A::CounterId, Expr::value(run.counter_id))
        .col_expr(A::StartS, Expr::value(run.start_s))
        .col_expr(A::EndS, Expr::value(run.end_s))
        .col_expr(A::Sequence, Expr::col(A::Sequence).add(1))
        .filter(A::TenantId.eq(tenant.0))
        .filter(A::Id.eq(id))
        .filter(A::Status.eq(from.code()))
        .exec(db)
        .await?
        .rows_affected;
    Ok(changed == 1)
}

/// Sets the status from `from` to `to` (recording the arrival time for `Arrived`); `false`
/// if the row was not in `from`.
pub async fn set_status(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    from: Status,
    to: Status,
    now: i64,
) -> Result<bool, StoreError> {
    let mut update = appointment::Entity::update_many().col_expr(A::Status, Expr::value(to.code()));
    if to == Status::Arrived {
        update = update.col_expr(A::ArrivedAt, Expr::value(now));
    }
    if from == Status::Arrived && to == Status::Confirmed {
        update = update.col_expr(A::ArrivedAt, Expr::value(Option::<i64>::None));
    }
    let changed = update
        .filter(A::TenantId.eq(tenant.0))
        .filter(A::Id.eq(id))
        .filter(A::Status.eq(from.code()))
        .exec(db)
        .await?
        .rows_affected;
    Ok(changed == 1)
}

/// Records why the office cancelled (after `records::set_cancelled`).
pub async fn set_cancel_reason(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    reason: &str,
) -> Result<(), StoreError> {
    appointment::Entity::update_many()
        .col_expr(A::CancelReason, Expr::value(reason))
        .filter(A::TenantId.eq(tenant.0))
        .filter(A::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Sets the staff note of an appointment (`None` clears it).
pub async fn set_notes(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    notes: Option<&str>,
) -> Result<bool, StoreError> {
    let changed = appointment::Entity::update_many()
        .col_expr(A::Notes, Expr::value(notes.map(str::to_owned)))
        .filter(A::TenantId.eq(tenant.0))
        .filter(A::Id.eq(id))
        .filter(A::Status.ne(Status::Held.code()))
        .exec(db)
        .await?
        .rows_affected;
    Ok(changed == 1)
}

/// Confirmed appointments of a place starting in `[from_s, to_s)` (on one counter, if
/// given), by start: what a closure has to cancel.
pub async fn confirmed_in(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    counter_id: Option<i64>,
    from_s: i64,
    to_s: i64,
) -> Result<Vec<appointment::Model>, StoreError> {
    let mut q = appointment::Entity::find()
        .filter(A::TenantId.eq(tenant.0))
        .filter(A::PlaceId.eq(place_id))
        .filter(A::Status.eq(Status::Confirmed.code()))
        .filter(A::StartS.lt(to_s))
        .filter(A::EndS.gt(from_s));
    if let Some(c) = counter_id {
        q = q.filter(A::CounterId.eq(c));
    }
    Ok(q.order_by_asc(A::StartS).order_by_asc(A::Id).all(db).await?)
}

/// Confirmed appointments of every tenant starting in `[from_s, to_s)`: the reminder
/// job's catch-up after downtime.
pub async fn confirmed_starting(
    db: &impl ConnectionTrait,
    from_s: i64,
    to_s: i64,
) -> Result<Vec<appointment::Model>, StoreError> {
    Ok(appointment::Entity::find()
        .filter(A::Status.eq(Status::Confirmed.code()))
        .filter(A::StartS.gte(from_s))
        .filter(A::StartS.lt(to_s))
        .order_by_asc(A::StartS)
        .all(db)
        .await?)
}

/// Retention: removes the personal data of every appointment that ended before
/// `before_s` (name, contact, contact hash, staff note); the row stays as anonymous history
/// for statistics. Returns how many rows were anonymised.
pub async fn anonymise_ended_before(db: &impl ConnectionTrait, before_s: i64) -> Result<u64, StoreError> {
    use sea_orm::Condition;
    let has_data = Condition::any()
        .add(A::Name.ne(""))
        .add(A::Email.is_not_null())
        .add(A::Phone.is_not_null())
        .add(A::ContactHash.is_not_null())
        .add(A::Notes.is_not_null());
    Ok(appointment::Entity::update_many()
        .col_expr(A::Name, Expr::value(""))
        .col_expr(A::Email, Expr::value(Option::<String>::None))
        .col_expr(A::Phone, Expr::value(Option::<String>::None))
        .col_expr(A::ContactHash, Expr::value(Option::<String>::None))
        .col_expr(A::Notes, Expr::value(Option::<String>::None))
        .filter(A::EndS.lt(before_s))
        .filter(A::Status.ne(Status::Held.code()))
        .filter(has_data)
        .exec(db)
        .await?
        .rows_affected)
}
