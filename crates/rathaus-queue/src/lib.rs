//! The front-desk queue of a Bürgerbüro as a pure engine: which waiting ticket a counter
//! calls next, when each ticket will probably be called, and a simulated office day to
//! measure those estimates. Data in, decisions out; no I/O, no clock (`now` is a
//! parameter). Instants are UTC epoch seconds, durations seconds.
//!
//! # Call order
//!
//! [`rank`] (the whole line, for displays) and [`next_for_counter`] (one counter) apply the
//! same rules, in this order ([`Standing`]):
//!
//! 1. **Overdue**: a callable ticket that has waited longer than `max_wait_secs` comes
//!    first, the longest-waiting first. The wait counts from `queued_at`, for an appointment
//!    from when it became due ([`waiting_since`]). This is the fairness guarantee: once
//!    overdue, a ticket is overtaken by no ticket that became overdue after it, so it waits
//!    at most `max_wait_secs` plus one service per older overdue ticket at one counter that
//!    can serve it, plus the service in progress there.
//! 2. **Priority** tickets that are callable (walk-ins, due appointments), by `queued_at`.
//! 3. **Due appointments** (`now >= start − early_call_secs`) by start, then `queued_at`. A
//!    late appointment (checked in after start + `late_grace_secs`) under
//!    [`LatePolicy::KeepAppointment`] is due.
//! 4. **Walk-ins** first in, first out by `queued_at`, with late appointments under
//!    [`LatePolicy::AsWalkIn`] joining at their check-in.
//! 5. **Early appointments** (not yet due) only when nothing above is callable for that
//!    counter and `serve_early_when_idle`, earliest start first; in [`rank`] they come last.
//!
//! Ties are broken by id, so the order does not depend on the order of the input. A counter
//! calls only tickets all of whose services it handles ([`can_serve`]). A transfer changes a
//! ticket's services but keeps `queued_at`, and so its place; so does a re-queue after an
//! unanswered call ([`after_unanswered_call`]: re-queued until `max_unanswered_calls`, then
//! parked or closed as a no-show).
//!
//! # Estimates
//!
//! [`ServiceTimes`] smooths the observed service durations per service, starting from the
//! catalogue's planned durations, and learns how widely they spread. [`estimate_calls`]
//! simulates the staffed counters forward from their current state with the same rules as
//! [`next_for_counter`]: by default 32 times with sampled durations, taking each ticket's
//! median call ([`Method`]), because with several counters the next free one is sooner than
//! the soonest expected end. [`estimate_calls_with`] also lets the appointments still
//! expected today join the line when due, if they come ([`Punctuality`]); without them the
//! walk-ins' estimates are far too short. Busy counters are best given as free at now +
//! [`ServiceTimes::expected_remaining`]. [`position`] and [`positions`] give the number of
//! people ahead for a display.
//!
//! # Simulation
//!
//! [`simulate_office_day`] draws a typical day ([`DayConfig::typical`]) from a seed and
//! measures the estimates against the calls that actually happen; `examples/office_day.rs`
//! prints the median over twenty seeds for BENCHMARKS.md, and what each part of the
//! estimator is worth.

pub mod estimate;
mod order;
mod policy;
mod rng;
pub mod simulate;
mod ticket;

pub use estimate::{
    ExpectedAppointment, Method, Punctuality, ServiceTimes, StaffedCounter, estimate_calls, estimate_calls_with,
    forecast_calls, position, positions,
};
pub use order::{Standing, next_for_counter, rank, standing, waiting_since};
pub use policy::{CallOutcome, LatePolicy, QueuePolicy, Unanswered, after_unanswered_call};
pub use simulate::{AccuracyReport, DayConfig, EstimatorConfig, SimService, simulate_days, simulate_office_day};
pub use ticket::{Origin, ServiceId, TicketId, WaitingTicket, can_serve};
