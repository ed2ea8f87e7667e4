//! The booking window of a request: which start instants a channel may book at `now`.
//!
//! - **Lead time** (online, phone): `start >= now + min_lead_minutes`; walk-ins and
//!   emergencies only need `start >= now`.
//! - **Horizon**: the start's local date is at most today + `horizon_days`.
//! - **Rolling release** (online, phone): date D opens at (D − `days_ahead`) at `at`, local
//!   time (placed on the time line like opening hours). Before 07:00 today the last open
//!   date is today + days_ahead − 1; from 07:00 on it is today + days_ahead.
//!
//! Both date limits are turned into one instant (the local midnight after the last date),
//! so checking a start is two integer comparisons.

use crate::policy::{BookingPolicy, Channel};
use crate::timeline::reached_secs;
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    /// Earliest start, epoch seconds (inclusive).
    pub earliest: i64,
    /// Starts must be before this (exclusive); `i64::MIN` when nothing is open yet.
    pub before: i64,
}

impl Window {
    pub fn new(tz: &TimeZone, policy: &BookingPolicy, channel: Channel, now: Timestamp) -> Self {
        let now_s = now.as_second() + i64::from(now.subsec_nanosecond() > 0);
        let lead = if channel.is_advance_booking() { i64::from(policy.min_lead_minutes) * 60 } else { 0 };
        let today = tz.to_datetime(now).date();
        let mut last = add_days(today, i64::from(policy.horizon_days));
        if let (Some(release), true) = (policy.release, channel.is_advance_booking()) {
            let opened_today = reached_secs(tz, today, release.at).is_some_and(|at| now.as_second() >= at);
            last = last.min(add_days(today, i64::from(release.days_ahead) - i64::from(!opened_today)));
        }
        let before = if last >= today { midnight_after(tz, last) } else { i64::MIN };
        Self { earliest: now_s.saturating_add(lead), before }
    }

    pub fn allows(self, start: i64) -> bool {
        self.earliest <= start && start < self.before
    }
}

/// `date + days`, saturating at the ends of the supported range.
fn add_days(date: Date, days: i64) -> Date {
    let span = jiff::Span::new().try_days(days).ok();
    span.and_then(|s| date.checked_add(s).ok()).unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

fn midnight_after(tz: &TimeZone, date: Date) -> i64 {
    date.tomorrow().ok().and_then(|d| reached_secs(tz, d, Time::midnight())).unwrap_or(i64::MAX)
}

/// The instant local `date` opens for advance booking under the policy's rolling release
/// (`date − days_ahead` at `at`); `None` without a rolling release. A lottery window
/// starts here.
pub fn release_of(tz: &TimeZone, policy: &BookingPolicy, date: Date) -> Option<Timestamp> {
    let release = policy.release?;
    let day = add_days(date, -i64::from(release.days_ahead));
    reached_secs(tz, day, release.at).and_then(|s| Timestamp::from_second(s).ok())
}
