//! The citizen's appointment booking (issue: "Citizen booking flow"), German URLs:
//!
//! 1. `/termine/buchen` ([`start`]): service(s) and number of persons;
//! 2. `/termine/buchen/standort` ([`places`]): a place, or the earliest time anywhere;
//! 3. `/termine/buchen/zeit` ([`times`]): day and time; posting a time **holds** it (proof
//!    of work or the slower no-JavaScript pass, rate-limited) and sets the hold cookie;
//! 4. `/termine/buchen/kontakt` and 5. `/termine/buchen/einwilligung` ([`details`]): name
//!    with e-mail and/or mobile number, then consent – stored on the held appointment;
//! 6. `/termine/buchen/pruefen` ([`finish`]): the summary; posting it confirms (idempotent:
//!    a double submit finds the first confirmation) or, with double opt-in, e-mails a link
//!    to `/termine/bestaetigen/{token}` ([`opt_in`]);
//! 7. the confirmation: the manage page `/termine/verwalten/{token}` ([`manage`]) with the
//!    booking code, QR code and calendar file, where the citizen cancels or rebooks
//!    ([`rebook`], which also takes a time the office offered after cancelling).
//!
//! Days released within a lottery window go to `/termine/verlosung` ([`lottery`]) instead
//! of step 3's hold. Steps 1–3 are GET pages carrying the [`choice`] in the query string;
//! everything works without JavaScript.

pub(crate) mod choice;
pub(crate) mod details;
mod finish;
pub(crate) mod held;
mod lottery;
mod manage;
mod opt_in;
pub(crate) mod places;
mod rebook;
pub(crate) mod start;
pub(crate) mod times;
pub(crate) mod view;

use crate::{AppState, error::PageError};
use axum::{
    Router,
    routing::{get, post},
};
use rathaus_booking::BookingError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/termine/buchen", get(start::show))
        .route("/termine/buchen/standort", get(places::show))
        .route("/termine/buchen/zeit", get(times::show).post(times::hold))
        .route("/termine/buchen/kontakt", get(details::contact).post(details::save_contact))
        .route("/termine/buchen/einwilligung", get(details::consent).post(details::save_consent))
        .route("/termine/buchen/pruefen", get(finish::summary).post(finish::book))
        .route("/termine/buchen/abbrechen", post(finish::abandon))
        .route("/termine/buchen/email-pruefen", get(finish::check_email))
        .route("/termine/bestaetigen/{token}", get(opt_in::show).post(opt_in::confirm))
        .route("/termine/verlosung", get(lottery::show).post(lottery::enter))
        .route("/termine/verwalten/{token}", get(manage::show))
        .route("/termine/verwalten/{token}/termin.ics", get(manage::calendar))
        .route("/termine/verwalten/{token}/qr.svg", get(manage::qr_code))
        .route("/termine/verwalten/{token}/einchecken", post(manage::check_in))
        .route("/termine/verwalten/{token}/absagen", get(manage::confirm_cancel).post(manage::cancel))
        .route("/termine/verwalten/{token}/umbuchen", get(rebook::show).post(rebook::rebook))
        .route("/termine/verwalten/{token}/angebot", get(rebook::show_offer).post(rebook::take_offer))
}

/// A booking error that is not an answer for the citizen's form: not found stays 404, a
/// database failure is logged and becomes the 500 page.
pub(crate) fn page_error(e: BookingError) -> PageError {
    match e {
        BookingError::NotFound | BookingError::HoldNotFound => PageError::not_found(),
        BookingError::Store(e) => PageError::from(e),
        other => {
            tracing::warn!(error = %other, "booking refused");
            PageError::bad_request()
        }
    }
}

/// The translation key of a booking error shown to the citizen in a form.
pub(crate) fn message_key(e: &BookingError) -> String {
    match e {
        BookingError::Invalid(code) => format!("booking-error-{code}"),
        BookingError::SlotTaken(_) => "booking-error-slot-taken".into(),
        BookingError::HoldExpired | BookingError::HoldNotFound => "booking-error-hold-expired".into(),
        BookingError::AlreadyConfirmed => "booking-error-already-confirmed".into(),
        BookingError::ContactLimit { .. } => "booking-error-contact-limit".into(),
        BookingError::NotCancellable => "booking-error-not-cancellable".into(),
        BookingError::Lottery { .. } => "booking-error-lottery".into(),
        BookingError::AlreadyEntered => "booking-error-already-entered".into(),
        BookingError::NotFound => "booking-error-not-found".into(),
        BookingError::Store(_) => "booking-error-store".into(),
    }
}
