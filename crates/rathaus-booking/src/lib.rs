//! Appointment booking: the service layer between the pure slot engine (`rathaus-slots`)
//! and storage (`rathaus-db`). It builds the engine's inputs from the database, stores the
//! engine's grid as capacity rows, and books them with conditional updates.
//!
//! # Flow
//!
//! 1. [`capacity::regenerate`] / [`capacity::roll_forward`] keep one row per counter-slot
//!    for the booking horizon (`capacity_slots`).
//! 2. [`availability::availability`] reads a place's free rows in one query and lets the
//!    engine find the starts for the requested services, channel and time.
//! 3. [`hold()`] takes the rows of a chosen start for a few minutes; [`confirm()`] turns the
//!    hold into an appointment with the citizen's contact, a booking code and a manage token.
//!    Staff book in one step with [`book`].
//! 4. [`cancel()`] frees the rows at once; [`expire_holds`] tidies up holds nobody confirmed.
//!
//! # Invariants and why they hold
//!
//! * **Never overbooked.** A counter-slot row points to at most one appointment or hold.
//!   Taking the `k` slots of an appointment is a single conditional UPDATE over the rows of
//!   one counter in `[start, end)` that matches only free rows usable by the channel, and
//!   the transaction commits only if exactly `k` rows changed. So either all `k` slots are
//!   ours or nothing changes, whatever runs concurrently (on SQLite writers are serial
//!   under `BEGIN IMMEDIATE`; on PostgreSQL a second UPDATE of a row waits for the first
//!   and re-checks its condition against the committed row). The engine's availability is a
//!   snapshot that only proposes; the UPDATE decides.
//! * **Holds expire by themselves**: a row held until `t` counts as free at every `now > t`
//!   in every statement, so capacity returns without the job; confirming requires the hold
//!   to be unexpired *and* still on all `k` rows.
//! * **One appointment per request**: an idempotency key is unique per tenant, a hold is
//!   confirmed at most once (`WHERE status = 'held'`).
//! * **Per-contact cap** checked and written in one transaction, serialised per contact
//!   (see [`confirm`](mod@confirm)).
//! * **Tenant isolation**: every statement filters by the tenant; another tenant's place,
//!   hold token, manage token or appointment id matches nothing.
//! * **Durability**: a confirmation is one committed transaction; an uncommitted hold or
//!   confirmation leaves nothing behind (both engines roll back on a dropped connection).
//!
//! # Defaults (no plan stored)
//!
//! A counter without a service list handles all services of its place, a counter without
//! staffing blocks is staffed whenever its place is open, and a place without a policy
//! uses `StoredPolicy::default()` (5-minute grid, 60 days, 1 hour lead, 10-minute holds,
//! two active appointments per contact and service). Only active counters get capacity;
//! a place without counters has none (mobile-office sites list their Bürgerkoffer desks as
//! counters and are bookable during their sessions).

pub mod availability;
pub mod cancel;
pub mod capacity;
pub mod closures;
mod codes;
pub mod confirm;
mod contact;
mod error;
pub mod hold;
pub mod hooks;
pub mod lottery;
pub mod marks;
mod need;
pub mod pending;
mod policy;
pub mod reschedule;
mod setup;

pub use availability::{
    Candidate, Location, PlaceAvailability, Search, availability, by_place, candidates, places_offering,
};
pub use cancel::{AppointmentRef, Cancelled, cancel, cancel_notifying, find};
pub use capacity::{RegenerateReport, SlotConflict, regenerate, roll_forward, roll_forward_within};
pub use closures::{Blocked, Closure, block_time, cancel_closure, offers, unblock_time};
pub use codes::{HoldId, ManageToken, issue_link};
pub use confirm::{Confirmed, book, book_notifying, confirm, confirm_notifying};
pub use contact::{Contact, Phone};
pub use error::{BookingError, SlotTaken};
pub use hold::{Hold, HoldRequest, expire_holds, hold, release};
pub use hooks::{Changed, InTransaction, Nothing};
pub use lottery::{Entered, Entry, LostNotice, Outcome, draw, enter, lottery_draw_at};
pub use marks::{Mark, mark, next_status};
pub use need::ServiceRequest;
pub use pending::{OPT_IN_MINUTES, confirmed_from_hold, live_hold, request_opt_in, save_details};
pub use policy::set_policy;
pub use rathaus_db::appointments::changes::Pending;
pub use rathaus_db::appointments::plan::StoredPolicy;
pub use rathaus_db::appointments::records::{Appointment, Status};
pub use rathaus_slots::{AvailableDays, Channel, StaffId, Start};
pub use reschedule::{reschedule, services_of};
