//! Cancelling: the appointment becomes `cancelled` and its counter-slots are free at once.
//!
//! One write transaction: `UPDATE appointments SET status = 'cancelled' WHERE id = ? AND
//! status = 'confirmed'` (of two racing cancellations one changes the row, the other sees
//! it cancelled), then `UPDATE capacity_slots SET appointment_id = NULL WHERE
//! appointment_id = ?`. Cancelling a cancelled appointment answers
//! [`Cancelled::already`] without changing anything, so a repeated request is harmless.
//! Citizens (no audit entry given) cancel by manage token and only before the start;
//! staff may cancel any confirmed appointment and are audited (`appointment.cancelled`).

use crate::error::BookingError;
use crate::hooks::{self, InTransaction, Nothing};
use jiff::Timestamp;
use rathaus_db::appointments::records::{self, Appointment, Status};
use rathaus_db::appointments::{changes, links, slots};
use rathaus_db::audit::{self, AuditEntry};
use rathaus_db::{TenantId, begin_write, token_hash};
use sea_orm::{ConnectionTrait, DatabaseConnection};

/// How an appointment is named: by staff by id, by its citizen by the manage token.
#[derive(Debug, Clone, Copy)]
pub enum AppointmentRef<'a> {
    Id(i64),
    ManageToken(&'a str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled {
    pub appointment_id: i64,
    /// Counter-slots given back.
    pub freed_slots: u64,
    /// It was cancelled before; nothing changed.
    pub already: bool,
}

/// A booked appointment of this tenant (`None` for a hold, another tenant's or an unknown
/// one).
pub async fn find(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    which: AppointmentRef<'_>,
) -> Result<Option<Appointment>, BookingError> {
    let found = match which {
        AppointmentRef::Id(id) => records::get(db, tenant, id).await?,
        AppointmentRef::ManageToken(token) => links::appointment_by_token_hash(db, tenant, &token_hash(token)).await?,
    };
    match found {
        Some(a) if a.status()? != Status::Held => Ok(Some(a)),
        _ => Ok(None),
    }
}

/// Cancels an appointment. `audit`: the staff member's entry prototype (action, target and
/// details are filled in), `None` for the citizen. Errors: [`BookingError::NotFound`],
/// [`BookingError::NotCancellable`] (arrived, no-show, completed; or begun, for citizens).
pub async fn cancel(
    db: &DatabaseConnection,
    tenant: TenantId,
    which: AppointmentRef<'_>,
    audit_entry: Option<AuditEntry>,
    now: Timestamp,
) -> Result<Cancelled, BookingError> {
    cancel_notifying(db, tenant, which, audit_entry, None, &Nothing, now).await
}

/// [`cancel`] with the office's reason code (`office-closed`, …; staff only) and a hook
/// that runs in the transaction when the appointment is actually cancelled.
pub async fn cancel_notifying(
    db: &DatabaseConnection,
    tenant: TenantId,
    which: AppointmentRef<'_>,
    audit_entry: Option<AuditEntry>,
    reason: Option<&str>,
    hook: &dyn InTransaction,
    now: Timestamp,
) -> Result<Cancelled, BookingError> {
    let now_s = now.as_second();
    let tx = begin_write(db).await?;
    let Some(a) = find(&tx, tenant, which).await? else {
        tx.rollback().await?;
        return Err(BookingError::NotFound);
    };
    let by_citizen = audit_entry.is_none();
    let refusal = match a.status()? {
        Status::Cancelled => {
            tx.rollback().await?;
            return Ok(Cancelled { appointment_id: a.id, freed_slots: 0, already: true });
        }
        Status::Confirmed if by_citizen && a.start_s <= now_s => Some(BookingError::NotCancellable),
        Status::Confirmed => None,
        Status::Held | Status::Arrived | Status::NoShow | Status::Completed => Some(BookingError::NotCancellable),
    };
    if let Some(e) = refusal {
        tx.rollback().await?;
        return Err(e);
    }
    if !records::set_cancelled(&tx, tenant, a.id, now_s).await? {
        // Changed since it was read (PostgreSQL: a concurrent cancellation committed first).
        tx.rollback().await?;
        return match find(db, tenant, AppointmentRef::Id(a.id)).await? {
            Some(now_row) if now_row.status()? == Status::Cancelled => {
                Ok(Cancelled { appointment_id: a.id, freed_slots: 0, already: true })
            }
            _ => Err(BookingError::NotCancellable),
        };
    }
    let freed = slots::release_appointment(&tx, tenant, a.id).await?;
    if let Some(reason) = reason.filter(|_| !by_citizen) {
        changes::set_cancel_reason(&tx, tenant, a.id, reason).await?;
    }
    if let Some(entry) = audit_entry {
        let entry = AuditEntry { action: "appointment.cancelled".into(), ..entry }.target("appointment", a.id).details(
            serde_json::json!({"place_id": a.place_id, "start_s": a.start_s, "freed_slots": freed, "reason": reason}),
        );
        audit::append_in(&tx, tenant, entry).await?;
    }
    if let Err(e) = hooks::run(hook, &tx, tenant, a.id, None).await {
        tx.rollback().await?;
        return Err(e.into());
    }
    tx.commit().await?;
    Ok(Cancelled { appointment_id: a.id, freed_slots: freed, already: false })
}
