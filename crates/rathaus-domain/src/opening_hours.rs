//! Opening hours of a location, in the location's time zone (for us: Europe/Berlin).
//!
//! # Model
//!
//! - [`TimeRange`]: `08:00-12:30`, whole minutes, end exclusive and after the start. `24:00`
//!   ends a range at midnight. Ranges never cross midnight; a night opening is split
//!   (`22:00-24:00` and `00:00-02:00` the next day) and the status joins the halves.
//! - [`DayHours`]: the sorted, non-overlapping ranges of one day; touching ranges are joined.
//! - [`WeeklyHours`]: Monday to Sunday, in serde as `{ "mon": ["08:00-12:00"], … }`.
//! - [`Exception`]: other hours on one date, either [`ExceptionKind::Closed`] or
//!   [`ExceptionKind::SpecialHours`].
//! - [`Schedule`]: weekly hours, exceptions, optionally a federal state whose public
//!   holidays close the location, and the time zone.
//!
//! The hours of a date come from, in this order: an exception on the date; a public holiday
//! of the state (closed); the weekly pattern. So an exception can open a location on a
//! holiday (e.g. a Sunday election office).
//!
//! Parse errors carry the codes `hours-format` (not `HH:MM-HH:MM`), `hours-order` (end not
//! after start, e.g. a range over midnight), `hours-overlap` and `hours-exception-duplicate`.
//!
//! # From wall-clock hours to instants
//!
//! Hours are posted in local wall-clock time; [`Schedule::status_at`] works on instants.
//! A range opens at the **first instant at which the local clock shows its start (or a
//! later time)**, and closes at the first instant at which the clock shows its end. At the
//! end minute the location is closed. Normally that is simply the local time. On the days
//! the clocks change:
//!
//! - **Gap** (spring forward, e.g. Europe/Berlin on 29 March 2026: 02:00 CET becomes 03:00
//!   CEST, so 02:00–02:59 never happens). A boundary inside the gap is reached when the
//!   clock jumps over it, at 03:00 CEST. So `02:00-03:00` does not open at all, `02:30-04:00`
//!   opens at 03:00 CEST, and `01:00-04:00` is open from 01:00 CET to 04:00 CEST (two real
//!   hours). jiff's disambiguations do not give this: `compatible`/`later` would move 02:30
//!   to 03:30 CEST and `earlier` to 01:30 CET, so the gap is resolved to the transition
//!   itself.
//! - **Fold** (fall back, e.g. 25 October 2026: 03:00 CEST becomes 02:00 CET, so 02:00–02:59
//!   happens twice). A boundary inside the fold is reached at its first occurrence (jiff's
//!   `earlier`, the offset before the transition). So `02:00-03:00` opens at 02:00 CEST and
//!   closes at 03:00 CET, two real hours; `01:00-02:30` closes at 02:30 CEST and stays
//!   closed while the clock shows 02:00–02:30 again.
//!
//! [`Schedule::hours_on`] returns the posted wall-clock hours unchanged, also on those days.
//!
//! The "next opening" of a closed location is searched for [`LOOKAHEAD_DAYS`] local days
//! ahead and skips holidays and closures; the end of an opening follows ranges that
//! continue over midnight.

mod hours;
mod schedule;

pub use hours::{DayHours, TimeRange, WeeklyHours};
pub use schedule::{ClosedReason, Exception, ExceptionKind, LOOKAHEAD_DAYS, OpenStatus, Schedule};

#[cfg(test)]
mod tests;
