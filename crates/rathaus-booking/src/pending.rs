//! A hold while the citizen fills in the booking form: the details entered so far are kept
//! on the held row (so each step of the form is a page of its own and survives going back
//! and forth), and, with double opt-in, the hold waits for the citizen to confirm through
//! the link in an e-mail.
//!
//! Nothing here touches capacity: the hold keeps its rows until it expires; saving details
//! on an expired hold fails with [`BookingError::HoldExpired`].

use crate::codes::HoldId;
use crate::error::BookingError;
use crate::hooks::{self, InTransaction};
use jiff::Timestamp;
use rathaus_db::appointments::changes::{self, Pending};
use rathaus_db::appointments::records::{self, Appointment, Status};
use rathaus_db::{TenantId, begin_write};
use sea_orm::{ConnectionTrait, DatabaseConnection};

/// How long a hold waits for the citizen's confirmation by e-mail (double opt-in).
pub const OPT_IN_MINUTES: i64 = 30;

/// The live hold with this token (`None` if it never existed, was given back, confirmed or
/// has expired).
pub async fn live_hold(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    hold: &HoldId,
    now: Timestamp,
) -> Result<Option<Appointment>, BookingError> {
    let found = records::by_hold_token_hash(db, tenant, &hold.hash()).await?;
    match found {
        Some(a) if a.status()? == Status::Held && a.held_until_s.is_some_and(|t| t >= now.as_second()) => Ok(Some(a)),
        _ => Ok(None),
    }
}

/// The appointment a hold token turned into, if it was confirmed (for answering a repeated
/// submission or a second click on the opt-in link).
pub async fn confirmed_from_hold(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    hold: &HoldId,
) -> Result<Option<Appointment>, BookingError> {
    let found = records::by_hold_token_hash(db, tenant, &hold.hash()).await?;
    match found {
        Some(a) if a.status()? != Status::Held => Ok(Some(a)),
        _ => Ok(None),
    }
}

/// Stores what the citizen entered on their live hold.
pub async fn save_details(
    db: &DatabaseConnection,
    tenant: TenantId,
    hold: &HoldId,
    details: &Pending<'_>,
    now: Timestamp,
) -> Result<(), BookingError> {
    let Some(held) = live_hold(db, tenant, hold, now).await? else {
        return Err(BookingError::HoldExpired);
    };
    let tx = begin_write(db).await?;
    if !changes::save_pending(&tx, tenant, held.id, details, now.as_second()).await? {
        tx.rollback().await?;
        return Err(BookingError::HoldExpired);
    }
    tx.commit().await?;
    Ok(())
}

/// Double opt-in: keeps the live hold for [`OPT_IN_MINUTES`] more and runs `hook` (which
/// writes the e-mail with the confirmation link) in the same transaction. Returns until
/// when the hold waits.
pub async fn request_opt_in(
    db: &DatabaseConnection,
    tenant: TenantId,
    hold: &HoldId,
    hook: &dyn InTransaction,
    now: Timestamp,
) -> Result<Timestamp, BookingError> {
    let Some(held) = live_hold(db, tenant, hold, now).await? else {
        return Err(BookingError::HoldExpired);
    };
    let until = now.as_second() + OPT_IN_MINUTES * 60;
    let tx = begin_write(db).await?;
    if !changes::extend_for_opt_in(&tx, tenant, held.id, until, now.as_second()).await? {
        tx.rollback().await?;
        return Err(BookingError::HoldExpired);
    }
    if let Err(e) = hooks::run(hook, &tx, tenant, held.id, None).await {
        tx.rollback().await?;
        return Err(e.into());
    }
    tx.commit().await?;
    Ok(Timestamp::from_second(until)?)
}
