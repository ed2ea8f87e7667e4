//! Appointment capacity and available start times: one pure engine for Bürgerbüros with
//! counters, mobile-office sessions and virtual (video) offices. Data in, decisions out; no
//! I/O, no clock (`now` is a parameter).
//!
//! # Inputs
//!
//! - [`Place`]: opening hours ([`Schedule`](rathaus_domain::opening_hours::Schedule), with
//!   holidays, exceptions and the time zone), the grid ([`SlotMinutes`], a divisor of 60),
//!   the counters ([`CounterPlan`]: services handled and [`StaffedBlock`]s) and [`Block`]s.
//! - [`BookingPolicy`]: horizon, lead time, [`RollingRelease`], [`Contingent`]s.
//! - [`Need`]: services × minutes × persons; [`Channel`]: online, phone, walk-in, emergency.
//!
//! A **mobile-office session** is a place whose schedule is closed every week and opened by
//! special-hours exceptions on the session dates, with one counter (the clerk with the case).
//! A **virtual office** is a place with its own hours whose counters are the video clerks.
//!
//! # Capacity model
//!
//! The unit of capacity is the **counter-slot**: counter *c* staffed, place open and nothing
//! blocked for one grid slot `[t, t + grid)`. Grid instants are multiples of the grid since
//! the Unix epoch, i.e. absolute time: on 29 March (Berlin) there is no slot in the skipped
//! hour, on 25 October the repeated hour has its slots twice as *different instants* and no
//! instant twice. An appointment of duration *d* (Σ minutes × persons, rounded up to the
//! grid) needs `k = d / grid` **consecutive counter-slots of one counter** that handles all
//! of its services. [`capacity_grid`] lists the counter-slots; [`available_starts`] finds
//! the starts where such a run is free and usable by the channel.
//!
//! Contingents are counter-slots tagged with the contingent they are held back for (in runs
//! spread over the day, see the `contingent` module); the booking window and the release of
//! contingents are decided per request from `now`.
//!
//! # Booking window, channels and contingents
//!
//! | channel                 | may use contingents        | lead time | horizon | rolling release |
//! |-------------------------|----------------------------|-----------|---------|-----------------|
//! | `Online`                | none (only released ones)  | yes       | yes     | yes             |
//! | `Phone(staff)`          | `phone` and custom ones    | yes       | yes     | yes             |
//! | `WalkIn` (at the desk)  | `walk_in`                  | no        | yes     | no              |
//! | `Emergency`             | `emergency`                | no        | yes     | no              |
//!
//! - Lead time: `start >= now + min_lead_minutes` (else `start >= now`).
//! - Horizon: the start's local date is at most today + `horizon_days`.
//! - Rolling release: date D is bookable from (D − `days_ahead`) at `at` local time; before
//!   `at` the last date is today + days_ahead − 1, from `at` on today + days_ahead.
//! - A contingent slot is usable by every channel from `release_hours_before` its start.
//!   Every slot of an appointment must be usable, not just the first.
//! - Contingent slots are chosen per local date in runs of `contingent_block_minutes` on one
//!   counter, handed out by a smooth weighted round robin over the day's runs in time order:
//!   each contingent gets its share to within half a run, spread over the day and rotating
//!   over the counters. Runs, not every k-th slot, so that reserved time can host a whole
//!   phone appointment and does not chop the rest into pieces too short for long ones.
//!
//! # Storage: how to keep "never overbooked" with conditional updates
//!
//! Store **one row per counter-slot**, not an aggregated count:
//!
//! ```text
//! counter_slot(place_id, counter_id, start_s, end_s, contingent NULL, release_at_s NULL,
//!              appointment_id NULL, PRIMARY KEY (place_id, counter_id, start_s))
//! ```
//!
//! (`start_s` etc. are UTC epoch seconds; `release_at_s = start_s − release_hours_before ×
//! 3600` for contingent rows, rewritten when the policy changes.) Capacity per row is 1, so `booked = booked + need WHERE
//! booked + need <= capacity` becomes "appointment_id IS NULL". Booking a [`Start`] of
//! `k` slots is **one statement** in one write transaction (`BEGIN IMMEDIATE` on SQLite):
//!
//! ```sql
//! UPDATE counter_slot SET appointment_id = :id
//!  WHERE place_id = :place AND counter_id = :counter
//!    AND start_s >= :start AND start_s < :end
//!    AND appointment_id IS NULL
//!    AND (contingent IS NULL OR contingent IN (:usable_by_channel) OR release_at_s <= :now)
//! ```
//!
//! and commit only if **exactly k rows** changed, otherwise roll back and answer "slot
//! taken". Exactly k rows means all k slots exist (no gap: staffed, open, unblocked
//! throughout), were free and are usable by the channel; a concurrent booking of any of them
//! makes the count fall short, so two appointments never share a counter-slot. Cancelling
//! sets `appointment_id = NULL` on the appointment's rows. [`available_starts`] works on a
//! snapshot and only proposes; the conditional update is the authority. To book a date and time the
//! citizen picked, try the candidates of [`starts_at_local`] in order until one succeeds.
//!
//! Why not aggregated rows `(place, service group, slot) → capacity count`? Such a count
//! cannot say that **one** counter stays free for all k slots: counter A free at 9:00 and
//! counter B free at 9:05 count as "1 free" in both slots, yet no counter can take a
//! 10-minute appointment. And counters with overlapping skills (A: passports + ID cards,
//! B: ID cards + vehicles) do not split into groups, so a booking could not know whose count
//! to decrement. Counts are exact only for one-slot appointments at interchangeable counters.
//! Counts for display ("12 free today") are `COUNT(*) … WHERE appointment_id IS NULL`.
//!
//! Regenerating rows after a change of hours, staffing or blocks: insert new free rows,
//! delete free rows that are no longer in the grid, and report booked rows that are no
//! longer in the grid (the appointment needs a new time); never delete a booked row.
//! Contingent tags depend only on the place, the policy and the date, so regenerating a
//! window gives the same tags as before for unchanged days.
//!
//! # Speed
//!
//! Everything is linear in the number of counter-slots after a sort; see
//! `examples/grid_bench.rs` (12 places, 100 counters, 8 weeks, 5-minute grid).

mod contingent;
mod days;
mod grid;
mod need;
mod place;
mod policy;
mod schedule_serde;
mod staffing;
mod starts;
mod timeline;
mod window;

pub use days::{AvailableDay, AvailableDays, day_times, starts_at_local};
pub use grid::{CounterSlot, capacity_grid};
pub use need::{MAX_NEED_MINUTES, Need, NeedItem};
pub use place::{Block, Place, SlotMinutes};
pub use policy::{BookingPolicy, Channel, Contingent, ContingentName, Contingents, RollingRelease, StaffId};
pub use staffing::{AllServices, CounterPlan, DateRange, ServiceId, ServiceSet, StaffedBlock};
pub use starts::{Request, Start, available_starts};
pub use window::release_of;
