//! The staff side of appointments, under `/staff/termine` (every signed-in staff member of
//! the tenant; the plan pages need a supervisor):
//!
//! * [`calendar`]: the day and week calendar of a place (all counters or one), with
//!   navigation, the printable day list and its CSV export;
//! * [`detail`]: one appointment: contact, services, notes; marking arrived / no-show /
//!   completed (and undo), cancelling with a notification, moving to another time;
//! * [`phone`]: booking on behalf of a caller (channel `phone`: may use the phone
//!   contingent, notifies the citizen like an online booking);
//! * [`closures`]: blocking time at a place or counter and the mass cancellation that
//!   follows an office closure, with notifications that offer new times;
//! * [`plan`]: supervisors edit a place's booking policy (grid, horizon, lead time, rolling
//!   release, contingents, holds, cap, reminder, lottery, double opt-in), its counters'
//!   services and staffing blocks; the capacity is regenerated afterwards.
//!
//! Every change is audited in its transaction (by `rathaus-booking`); the pages show staff
//! what citizens entered, so they are `Cache-Control: no-store` like every page.

pub(crate) mod calendar;
mod closures;
mod common;
mod detail;
mod phone;
mod plan;

use crate::AppState;
use axum::{
    Router,
    routing::{get, post},
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff/termine", get(calendar::show))
        .route("/staff/termine/tagesliste", get(calendar::day_list))
        .route("/staff/termine/tagesliste.csv", get(calendar::day_csv))
        .route("/staff/termine/neu", get(phone::show).post(phone::book))
        .route("/staff/termine/sperren", get(closures::show).post(closures::block))
        .route("/staff/termine/sperren/{id}/absagen", post(closures::cancel_all))
        .route("/staff/termine/sperren/{id}/aufheben", post(closures::unblock))
        .route("/staff/termine/plan", get(plan::show).post(plan::save_policy))
        .route("/staff/termine/plan/schalter/{id}", post(plan::save_counter))
        .route("/staff/termine/{id}", get(detail::show))
        .route("/staff/termine/{id}/markieren", post(detail::mark))
        .route("/staff/termine/{id}/absagen", post(detail::cancel))
        .route("/staff/termine/{id}/notiz", post(detail::save_note))
        .route("/staff/termine/{id}/verlegen", get(detail::show_move).post(detail::move_to))
}
