//! The front desk pages:
//!
//! * [`device`]: the device cookie of terminals and displays, and enrolment (`/geraet`);
//! * [`devices`]: admins create devices (one-time enrolment code) and revoke them
//!   (`/admin/geraete`);
//! * [`terminal`]: the check-in terminal (`/terminal`): booking code or scanned QR code,
//!   walk-in tickets, the printable ticket; resets itself when idle;
//! * [`follow`]: the citizen's phone page for a ticket (`/warteschlange/{token}`), also the
//!   virtual waiting room, live over SSE;
//! * [`display`]: the call display (`/anzeige`), live over SSE;
//! * [`desk`]: the clerk workstation (`/schalter`), with keyboard shortcuts;
//! * [`stats`]: supervisors' figures with SVG charts and CSV (`/staff/warteschlange`).

pub mod desk;
pub mod device;
mod devices;
mod display;
pub mod follow;
mod labels;
pub(crate) mod sse;
mod stats;
mod terminal;

use crate::AppState;
use axum::{
    Router,
    routing::{get, post},
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/geraet", get(device::show_enrol).post(device::enrol))
        .route("/admin/geraete", get(devices::list).post(devices::create))
        .route("/admin/geraete/{id}/sperren", post(devices::revoke))
        .route("/terminal", get(terminal::start))
        .route("/terminal/einchecken", post(terminal::check_in))
        .route("/terminal/ohne-termin", post(terminal::walk_in))
        .route("/warteschlange/{token}", get(follow::show))
        .route("/warteschlange/{token}/live", get(follow::live))
        .route("/warteschlange/{token}/qr.svg", get(follow::qr_code))
        .route("/anzeige", get(display::show))
        .route("/anzeige/live", get(display::live))
        .route("/schalter", get(desk::show))
        .route("/schalter/anmelden", post(desk::sign_in))
        .route("/schalter/abmelden", post(desk::sign_out))
        .route("/schalter/pause", post(desk::pause))
        .route("/schalter/aufrufen", post(desk::call_next))
        .route("/schalter/aufrufen/{id}", post(desk::call_ticket))
        .route("/schalter/aktion", post(desk::act))
        .route("/schalter/zurueckholen/{id}", post(desk::unpark))
        .route("/schalter/vorrang/{id}", post(desk::set_priority))
        .route("/schalter/live", get(desk::live))
        .route("/staff/warteschlange", get(stats::show))
        .route("/staff/warteschlange.csv", get(stats::csv))
        .route("/staff/warteschlange/einstellungen", post(stats::save_settings))
}
