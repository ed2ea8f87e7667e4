//! What can go wrong at the front desk. Every variant but `Store` is the citizen's or the
//! clerk's situation and has a message in the UI (`code()` is its key).

use rathaus_db::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum FrontDeskError {
    #[error("no appointment with this code")]
    UnknownCode,
    #[error("the appointment is at another place")]
    WrongPlace,
    #[error("the appointment is not today")]
    NotToday,
    #[error("check-in opens later")]
    TooEarly { opens_at: i64 },
    #[error("the appointment has checked in already")]
    AlreadyCheckedIn,
    #[error("the appointment cannot check in (cancelled or done)")]
    NotCheckable,
    #[error("walk-ins are not taken here")]
    NoWalkIns,
    #[error("the service is not offered here")]
    UnknownService,
    #[error("the counter is taken by another clerk")]
    CounterTaken,
    #[error("not signed in at a counter")]
    NoDesk,
    #[error("the counter is busy with a ticket")]
    Busy,
    #[error("nobody is waiting for this counter")]
    NobodyWaiting,
    #[error("the ticket is no longer in that state")]
    Stale,
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sea_orm::DbErr> for FrontDeskError {
    fn from(e: sea_orm::DbErr) -> Self {
        FrontDeskError::Store(e.into())
    }
}

impl FrontDeskError {
    /// A stable code for messages and problem details.
    pub fn code(&self) -> &'static str {
        match self {
            FrontDeskError::UnknownCode => "unknown-code",
            FrontDeskError::WrongPlace => "wrong-place",
            FrontDeskError::NotToday => "not-today",
            FrontDeskError::TooEarly { .. } => "too-early",
            FrontDeskError::NotCheckable => "not-checkable",
            FrontDeskError::AlreadyCheckedIn => "already-checked-in",
            FrontDeskError::NoWalkIns => "no-walk-ins",
            FrontDeskError::UnknownService => "unknown-service",
            FrontDeskError::CounterTaken => "counter-taken",
            FrontDeskError::NoDesk => "no-desk",
            FrontDeskError::Busy => "busy",
            FrontDeskError::NobodyWaiting => "nobody-waiting",
            FrontDeskError::Stale => "stale",
            FrontDeskError::NotFound => "not-found",
            FrontDeskError::Store(_) => "internal",
        }
    }
}
