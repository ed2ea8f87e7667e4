//! Moving a confirmed appointment to another time (the citizen rebooking through the manage
//! link, or staff moving it), keeping its booking code, contact and services.
//!
//! One write transaction: the old rows are given back, the **one conditional UPDATE** takes
//! the `k` free, usable rows of the new run (as a hold would), and only if exactly `k`
//! changed is the appointment row moved (`WHERE status = 'confirmed'`) and its calendar
//! sequence bumped; otherwise everything rolls back, the old time stays booked, and the
//! answer is [`BookingError::SlotTaken`] with alternatives. Giving back first lets an
//! appointment move by a few minutes on its own counter.

use crate::cancel::{AppointmentRef, find};
use crate::error::BookingError;
use crate::hold::{self, HoldRequest};
use crate::hooks::{self, InTransaction};
use crate::need::ServiceRequest;
use crate::policy::access;
use jiff::Timestamp;
use rathaus_db::appointments::records::{self, Appointment, Status};
use rathaus_db::appointments::{changes, slots};
use rathaus_db::audit::{self, AuditEntry};
use rathaus_db::catalog::services;
use rathaus_db::{TenantId, begin_write};
use rathaus_slots::{Channel, Start};
use sea_orm::{ConnectionTrait, DatabaseConnection};

/// The services of an appointment as a request (slugs and persons), e.g. to look for other
/// times for it.
pub async fn services_of(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    appointment_id: i64,
) -> Result<Vec<ServiceRequest>, BookingError> {
    let mut out = Vec::new();
    for b in records::services_of(db, tenant, appointment_id).await? {
        let service = services::get(db, tenant, b.service_id).await?.ok_or(BookingError::NotFound)?;
        out.push(ServiceRequest::new(service.slug, b.persons));
    }
    Ok(out)
}

/// Moves a confirmed appointment to `start` at `place_id`. Citizens (no audit entry) move
/// their own appointment before it begins, within the online booking window; staff
/// (`Channel::Phone`) within theirs, audited as `appointment.moved`. An appointment the
/// office cancelled (it has a cancel reason) can be moved too, by its citizen, which
/// confirms it again at the new time: taking a time the office offered. `hook` runs in the
/// transaction (the notification with the new `.ics`).
#[expect(clippy::too_many_arguments, reason = "which, where to, who, and what else to commit")]
pub async fn reschedule(
    db: &DatabaseConnection,
    tenant: TenantId,
    which: AppointmentRef<'_>,
    place_id: i64,
    start: Start,
    channel: Channel,
    audit_entry: Option<AuditEntry>,
    hook: &dyn InTransaction,
    now: Timestamp,
) -> Result<Appointment, BookingError> {
    let now_s = now.as_second();
    let a = find(db, tenant, which).await?.ok_or(BookingError::NotFound)?;
    let from = a.status()?;
    let by_citizen = audit_entry.is_none();
    let movable = match from {
        Status::Confirmed => !by_citizen || a.start_s > now_s,
        Status::Cancelled => by_citizen && a.cancel_reason.is_some(),
        _ => false,
    };
    if !movable {
        return Err(BookingError::NotCancellable);
    }
    let req = HoldRequest { place_id, start, services: services_of(db, tenant, a.id).await?, channel };
    let c = hold::check(db, tenant, &req, now).await?;
    let tx = begin_write(db).await?;
    slots::release_appointment(&tx, tenant, a.id).await?;
    let taken = slots::take_for_appointment(&tx, tenant, c.run, a.id, access(channel), now_s).await?;
    if taken != c.k {
        tx.rollback().await?;
        return Err(hold::taken(db, tenant, &c, &req, now).await);
    }
    if !changes::move_to(&tx, tenant, a.id, c.run, from).await? {
        // Cancelled or marked meanwhile.
        tx.rollback().await?;
        return Err(BookingError::NotCancellable);
    }
    if let Some(entry) = audit_entry {
        let entry = AuditEntry { action: "appointment.moved".into(), ..entry }.target("appointment", a.id).details(
            serde_json::json!({
                "from": {"place_id": a.place_id, "counter_id": a.counter_id, "start_s": a.start_s},
                "to": {"place_id": c.run.place_id, "counter_id": c.run.counter_id, "start_s": c.run.start_s},
            }),
        );
        audit::append_in(&tx, tenant, entry).await?;
    }
    if let Err(e) = hooks::run(hook, &tx, tenant, a.id, None).await {
        tx.rollback().await?;
        return Err(e.into());
    }
    let moved = records::get(&tx, tenant, a.id).await?.ok_or(BookingError::NotFound)?;
    tx.commit().await?;
    Ok(moved)
}
