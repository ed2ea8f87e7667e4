//! Work that must commit together with a booking change: the confirmation e-mail in the
//! outbox, the reminder job, an event. Every changing operation has a variant that takes an
//! [`InTransaction`] and runs it inside its write transaction, after the change and just
//! before the commit, with the appointment as it now is. If the hook fails, nothing of the
//! change is kept; if the change rolls back, neither is the hook's work.

use crate::codes::ManageToken;
use futures_util::future::BoxFuture;
use rathaus_db::StoreError;
use rathaus_db::appointments::records::Appointment;
use sea_orm::DatabaseTransaction;

/// What a hook sees: the appointment after the change, and the raw manage token when the
/// change created one (a new confirmation), since only its hash is stored.
pub struct Changed<'a> {
    pub appointment: &'a Appointment,
    pub manage_token: Option<&'a ManageToken>,
}

pub trait InTransaction: Send + Sync {
    fn run<'a>(&'a self, tx: &'a DatabaseTransaction, changed: Changed<'a>) -> BoxFuture<'a, Result<(), StoreError>>;
}

/// The hook that does nothing.
pub struct Nothing;

impl InTransaction for Nothing {
    fn run<'a>(&'a self, _: &'a DatabaseTransaction, _: Changed<'a>) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async { Ok(()) })
    }
}

/// Re-reads the appointment inside `tx` and runs the hook on it.
pub(crate) async fn run(
    hook: &dyn InTransaction,
    tx: &DatabaseTransaction,
    tenant: rathaus_db::TenantId,
    appointment_id: i64,
    manage_token: Option<&ManageToken>,
) -> Result<(), StoreError> {
    let Some(appointment) = rathaus_db::appointments::records::get(tx, tenant, appointment_id).await? else {
        return Err(StoreError::NotFound);
    };
    hook.run(tx, Changed { appointment: &appointment, manage_token }).await
}
