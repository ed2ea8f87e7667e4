//! Confirming a hold, and booking directly (staff on behalf of a caller).
//!
//! [`confirm`] is one write transaction: the held appointment is found by its hold token;
//! **one conditional UPDATE** moves the hold's rows to the appointment `WHERE hold_id = ?
//! AND held_until_s >= now` (an expired hold that someone else re-held has fewer rows left,
//! so the count falls short and nothing is confirmed); the per-contact cap is checked; then
//! the row becomes `confirmed` with contact, booking code, manage-token hash and
//! idempotency key (`WHERE status = 'held'`). [`book`] does the same in one transaction
//! without a separate hold.
//!
//! * **Idempotent**: an idempotency key is unique per tenant. A confirmation whose key was
//!   used already returns the first confirmation ([`Confirmed::replayed`]; the raw manage
//!   token exists only in the first answer, since only its hash is stored) instead of a
//!   second appointment; a hold made for it is given back. Two racing confirmations with one
//!   key: the unique index refuses the second, which rolls back and reads the first.
//! * **Per-contact cap**: confirmed appointments that have not ended, per service, counted
//!   by contact hash across the tenant, limited by `max_active_per_contact` of the place
//!   being booked. The count and the write share the transaction, and transactions of one
//!   contact are serial: SQLite's `BEGIN IMMEDIATE` serialises all writers; on PostgreSQL
//!   `pg_advisory_xact_lock` on the contact hash (`rathaus_db::appointments::records::lock_contact`)
//!   is taken before the count. Lock order everywhere: slot rows, then the contact, then the
//!   audit chain; a transaction holding a contact lock needs no rows that another one
//!   waiting for that lock holds, so these transactions cannot deadlock.
//! * **Audit**: staff actions (the caller passes an [`AuditEntry`] naming the actor) are
//!   recorded as `appointment.booked` with ids only, in the same transaction. Citizens'
//!   own bookings are not staff actions and write no audit entry: the appointment row
//!   records channel and times, and auditing every citizen booking would serialise all
//!   bookings of a tenant on its audit chain.

use crate::codes::{self, HoldId, ManageToken};
use crate::contact::Contact;
use crate::error::BookingError;
use crate::hold::{self, HoldRequest};
use crate::hooks::{self, InTransaction, Nothing};
use crate::policy::{access, booked_by, channel_code};
use jiff::Timestamp;
use rathaus_db::appointments::plan;
use rathaus_db::appointments::records::{self, Appointment, Confirmation, NewHold, Status};
use rathaus_db::appointments::slots;
use rathaus_db::audit::{self, AuditEntry};
use rathaus_db::{StoreError, TenantId, begin_write};
use sea_orm::{DatabaseConnection, DatabaseTransaction, TransactionTrait};

/// A confirmed appointment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmed {
    pub appointment_id: i64,
    pub booking_code: String,
    /// The raw manage token (for the cancel link): present in the first answer only.
    pub manage_token: Option<ManageToken>,
    /// This answers a repeated request with the first one's result.
    pub replayed: bool,
}

/// How often a colliding booking code is drawn again (a collision is ~10⁻⁹ per code).
const CODE_ATTEMPTS: usize = 8;

/// Confirms a hold for `contact`. Errors: [`BookingError::HoldNotFound`],
/// [`BookingError::HoldExpired`] (also when the place's grid changed since the hold, so
/// that its length is no longer a whole number of the new slots), [`BookingError::AlreadyConfirmed`]
/// (with another key), [`BookingError::ContactLimit`].
pub async fn confirm(
    db: &DatabaseConnection,
    tenant: TenantId,
    hold: &HoldId,
    contact: &Contact,
    idempotency_key: Option<&str>,
    audit: Option<AuditEntry>,
    now: Timestamp,
) -> Result<Confirmed, BookingError> {
    confirm_notifying(db, tenant, hold, contact, idempotency_key, audit, &Nothing, now).await
}

/// [`confirm`], running `hook` in the transaction of a new confirmation (not of a replay).
#[expect(clippy::too_many_arguments, reason = "confirm's arguments and the hook")]
pub async fn confirm_notifying(
    db: &DatabaseConnection,
    tenant: TenantId,
    hold: &HoldId,
    contact: &Contact,
    idempotency_key: Option<&str>,
    audit: Option<AuditEntry>,
    hook: &dyn InTransaction,
    now: Timestamp,
) -> Result<Confirmed, BookingError> {
    if let Some(done) = replay(db, tenant, idempotency_key, Some(hold)).await? {
        return Ok(done);
    }
    let now_s = now.as_second();
    let tx = begin_write(db).await?;
    let Some(held) = records::by_hold_token_hash(&tx, tenant, &hold.hash()).await? else {
        return abort(tx, BookingError::HoldNotFound).await;
    };
    if held.status()? != Status::Held {
        tx.rollback().await?;
        return match idempotency_key {
            Some(key) if held.idempotency_key.as_deref() == Some(key) => Ok(replayed(&held)),
            _ => Err(BookingError::AlreadyConfirmed),
        };
    }
    if held.held_until_s.is_none_or(|t| t < now_s) {
        return abort(tx, BookingError::HoldExpired).await;
    }
    let policy = plan::policy(&tx, tenant, held.place_id).await?;
    let k = (held.end_s - held.start_s) / (i64::from(policy.slot_minutes) * 60).max(1);
    let moved = slots::confirm_hold(&tx, tenant, held.run(), held.id, now_s).await?;
    if i64::try_from(moved).ok() != Some(k) {
        tx.rollback().await?;
        return settle(db, tenant, hold, idempotency_key).await;
    }
    let service_ids: Vec<i64> =
        records::services_of(&tx, tenant, held.id).await?.iter().map(|s| s.service_id).collect();
    if let Err(e) = check_cap(&tx, tenant, contact, &service_ids, policy.max_active_per_contact, now_s).await {
        return abort(tx, e).await;
    }
    finish(db, tx, tenant, &held, contact, idempotency_key, audit, hook, now_s, Some(hold)).await
}

/// Why a hold that looked confirmable could not be confirmed, read afresh: on PostgreSQL a
/// concurrent confirmation of the same hold may have committed after this transaction read
/// it. The same key then gets the first confirmation as a replay.
async fn settle(
    db: &DatabaseConnection,
    tenant: TenantId,
    hold: &HoldId,
    idempotency_key: Option<&str>,
) -> Result<Confirmed, BookingError> {
    let Some(now_row) = records::by_hold_token_hash(db, tenant, &hold.hash()).await? else {
        return Err(BookingError::HoldNotFound);
    };
    match now_row.status()? {
        Status::Held => Err(BookingError::HoldExpired),
        _ if idempotency_key.is_some() && now_row.idempotency_key.as_deref() == idempotency_key => {
            Ok(replayed(&now_row))
        }
        _ => Err(BookingError::AlreadyConfirmed),
    }
}

/// Books `req.start` for `contact` in one transaction (staff on behalf of a caller, a
/// walk-in at the desk). Errors as [`hold::hold`] and [`confirm`].
pub async fn book(
    db: &DatabaseConnection,
    tenant: TenantId,
    req: &HoldRequest,
    contact: &Contact,
    idempotency_key: Option<&str>,
    audit: Option<AuditEntry>,
    now: Timestamp,
) -> Result<Confirmed, BookingError> {
    book_notifying(db, tenant, req, contact, idempotency_key, audit, &Nothing, now).await
}

/// [`book`], running `hook` in the transaction of a new booking (not of a replay).
#[expect(clippy::too_many_arguments, reason = "book's arguments and the hook")]
pub async fn book_notifying(
    db: &DatabaseConnection,
    tenant: TenantId,
    req: &HoldRequest,
    contact: &Contact,
    idempotency_key: Option<&str>,
    audit: Option<AuditEntry>,
    hook: &dyn InTransaction,
    now: Timestamp,
) -> Result<Confirmed, BookingError> {
    if let Some(done) = replay(db, tenant, idempotency_key, None).await? {
        return Ok(done);
    }
    let c = hold::check(db, tenant, req, now).await?;
    let now_s = now.as_second();
    let tx = begin_write(db).await?;
    let new = NewHold {
        run: c.run,
        channel: channel_code(req.channel),
        booked_by_user_id: booked_by(req.channel),
        hold_token_hash: None,
        held_until_s: now_s,
        services: &c.resolved.booked,
    };
    let held = records::insert_held(&tx, tenant, &new, now_s).await?;
    let taken = slots::take_for_appointment(&tx, tenant, c.run, held.id, access(req.channel), now_s).await?;
    if taken != c.k {
        tx.rollback().await?;
        return Err(hold::taken(db, tenant, &c, req, now).await);
    }
    let cap = c.setup.stored.max_active_per_contact;
    if let Err(e) = check_cap(&tx, tenant, contact, &c.resolved.service_ids(), cap, now_s).await {
        return abort(tx, e).await;
    }
    finish(db, tx, tenant, &held, contact, idempotency_key, audit, hook, now_s, None).await
}

async fn abort<T>(tx: DatabaseTransaction, e: BookingError) -> Result<T, BookingError> {
    tx.rollback().await?;
    Err(e)
}

fn replayed(a: &Appointment) -> Confirmed {
    Confirmed {
        appointment_id: a.id,
        booking_code: a.booking_code.clone().unwrap_or_default(),
        manage_token: None,
        replayed: true,
    }
}

/// The confirmation made earlier with `key`, if any; a hold made for this repetition is
/// given back.
async fn replay(
    db: &DatabaseConnection,
    tenant: TenantId,
    key: Option<&str>,
    hold: Option<&HoldId>,
) -> Result<Option<Confirmed>, BookingError> {
    let Some(key) = key else { return Ok(None) };
    let Some(done) = records::by_idempotency_key(db, tenant, key).await? else { return Ok(None) };
    if let Some(hold) = hold
        && done.hold_token_hash.as_deref() != Some(hold.hash().as_str())
    {
        hold::release(db, tenant, hold).await?;
    }
    Ok(Some(replayed(&done)))
}

/// Refuses when the contact has `cap` active appointments for one of the services.
async fn check_cap(
    tx: &DatabaseTransaction,
    tenant: TenantId,
    contact: &Contact,
    service_ids: &[i64],
    cap: u32,
    now_s: i64,
) -> Result<(), BookingError> {
    let Some(hash) = contact.hash(tenant) else { return Ok(()) };
    if cap == 0 {
        return Ok(());
    }
    records::lock_contact(tx, &hash).await?;
    let counts = records::active_per_service(tx, tenant, &hash, service_ids, now_s).await?;
    if counts.values().any(|&n| n >= u64::from(cap)) {
        return Err(BookingError::ContactLimit { limit: cap });
    }
    Ok(())
}

/// Records the confirmation (drawing booking codes until one is free), audits staff
/// actions, and commits. A taken idempotency key rolls everything back and answers with
/// the confirmation that has it.
#[expect(clippy::too_many_arguments, reason = "the transaction and everything it records")]
async fn finish(
    db: &DatabaseConnection,
    tx: DatabaseTransaction,
    tenant: TenantId,
    held: &Appointment,
    contact: &Contact,
    idempotency_key: Option<&str>,
    audit_entry: Option<AuditEntry>,
    hook: &dyn InTransaction,
    now_s: i64,
    hold: Option<&HoldId>,
) -> Result<Confirmed, BookingError> {
    let manage_token = ManageToken::generate();
    let manage_hash = manage_token.hash();
    let hash = contact.hash(tenant);
    let mut recorded = None;
    for _ in 0..CODE_ATTEMPTS {
        let code = codes::booking_code();
        let c = Confirmation {
            booking_code: &code,
            manage_token_hash: &manage_hash,
            idempotency_key,
            name: contact.name(),
            email: contact.email().map(|e| e.as_str()),
            phone: contact.phone().map(|p| p.as_str()),
            contact_hash: hash.as_deref(),
        };
        // A savepoint, so that a refused code leaves the transaction usable (PostgreSQL
        // aborts a transaction on any error otherwise).
        let attempt = tx.begin().await?;
        match records::confirm(&attempt, tenant, held.id, &c, now_s).await {
            Ok(true) => {
                attempt.commit().await?;
                recorded = Some(code);
                break;
            }
            Ok(false) => {
                // No longer held: confirmed concurrently (see `settle`).
                attempt.rollback().await?;
                tx.rollback().await?;
                return match hold {
                    Some(hold) => settle(db, tenant, hold, idempotency_key).await,
                    None => Err(BookingError::HoldExpired),
                };
            }
            Err(StoreError::Conflict("booking-code-taken")) => attempt.rollback().await?,
            Err(StoreError::Conflict("idempotency-key-taken")) => {
                attempt.rollback().await?;
                tx.rollback().await?;
                return replay(db, tenant, idempotency_key, hold)
                    .await?
                    .ok_or(BookingError::Store(StoreError::Conflict("idempotency-key-taken")));
            }
            Err(e) => {
                attempt.rollback().await?;
                return abort(tx, e.into()).await;
            }
        }
    }
    let Some(booking_code) = recorded else {
        return abort(tx, StoreError::Conflict("booking-code-taken").into()).await;
    };
    if let Some(entry) = audit_entry {
        let services = records::services_of(&tx, tenant, held.id).await?;
        let entry = AuditEntry { action: "appointment.booked".into(), ..entry }.target("appointment", held.id).details(
            serde_json::json!({
                "place_id": held.place_id,
                "counter_id": held.counter_id,
                "start_s": held.start_s,
                "end_s": held.end_s,
                "channel": held.channel,
                "service_ids": services.iter().map(|s| s.service_id).collect::<Vec<_>>(),
            }),
        );
        audit::append_in(&tx, tenant, entry).await?;
    }
    if let Err(e) = hooks::run(hook, &tx, tenant, held.id, Some(&manage_token)).await {
        return abort(tx, e.into()).await;
    }
    tx.commit().await?;
    Ok(Confirmed { appointment_id: held.id, booking_code, manage_token: Some(manage_token), replayed: false })
}
