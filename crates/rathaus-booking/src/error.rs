//! What can go wrong when booking. Every variant but [`BookingError::Store`] is an answer
//! for the citizen or clerk (a slot taken, a hold expired, a limit reached); `Store` is a
//! database failure, logged by the caller and never shown in detail. Codes of
//! [`BookingError::Invalid`] are stable keys for translations (`error-<code>`).

use rathaus_db::StoreError;
use rathaus_slots::Start;

/// The time asked for cannot be had (taken meanwhile, or outside the booking window for this
/// channel). `alternatives` are the next free starts for the same services at the same
/// place, at most [`SlotTaken::MAX_ALTERNATIVES`] distinct times, earliest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotTaken {
    pub alternatives: Vec<Start>,
}

impl SlotTaken {
    pub const MAX_ALTERNATIVES: usize = 5;
}

#[derive(Debug, thiserror::Error)]
pub enum BookingError {
    #[error("slot taken")]
    SlotTaken(SlotTaken),
    /// The request does not describe a bookable appointment: an unknown or unbookable
    /// service (`service-unknown`, `service-not-bookable`, `service-not-offered`), persons
    /// out of range (`persons-invalid`), a start that is not a run of this need on the grid
    /// (`start-invalid`), a counter that cannot serve it (`counter-cannot-serve`), contact
    /// data that does not parse (`contact-name`, `contact-email`, `contact-phone`), or a
    /// need the slot engine refuses (`need-*`).
    #[error("invalid request: {0}")]
    Invalid(&'static str),
    /// No such place, counter or appointment for this tenant.
    #[error("not found")]
    NotFound,
    /// No held appointment for this hold token (never held, given back, or expired and
    /// tidied up).
    #[error("hold not found")]
    HoldNotFound,
    /// The hold ran out before it was confirmed (its slots may be someone else's by now).
    #[error("hold expired")]
    HoldExpired,
    /// The hold was confirmed already, with another (or no) idempotency key.
    #[error("already confirmed")]
    AlreadyConfirmed,
    /// The contact has `limit` active appointments for one of the services already.
    #[error("contact has {limit} active appointments for a service")]
    ContactLimit { limit: u32 },
    /// Cancelled, no-show and completed appointments stay as they are; citizens cannot
    /// cancel once the appointment has begun.
    #[error("appointment cannot be cancelled")]
    NotCancellable,
    /// Requests for this day are collected and drawn by lot at `draw_at` (lottery release),
    /// not booked first come, first served.
    #[error("drawn by lot")]
    Lottery { draw_at: jiff::Timestamp },
    /// This contact has entered this draw already.
    #[error("already entered")]
    AlreadyEntered,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl BookingError {
    pub fn slot_taken(alternatives: Vec<Start>) -> Self {
        Self::SlotTaken(SlotTaken { alternatives })
    }
}

impl From<sea_orm::DbErr> for BookingError {
    fn from(e: sea_orm::DbErr) -> Self {
        Self::Store(StoreError::Db(e))
    }
}

impl From<rathaus_domain::Invalid> for BookingError {
    fn from(e: rathaus_domain::Invalid) -> Self {
        Self::Invalid(e.code)
    }
}

/// Calendar arithmetic beyond jiff's range (years far outside ±9999).
impl From<jiff::Error> for BookingError {
    fn from(_: jiff::Error) -> Self {
        BookingError::Invalid("date-out-of-range")
    }
}

/// Stored data the engine refuses: the database was changed behind the store's back.
pub(crate) fn corrupt(what: &str) -> BookingError {
    BookingError::Store(StoreError::Db(sea_orm::DbErr::Type(format!("stored {what} is malformed"))))
}
