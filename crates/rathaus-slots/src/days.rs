//! From starts to what the availability API shows: local dates with distinct local start
//! times, `{"days": [{"date": "2026-05-04", "times": ["09:00", "09:10"]}]}`, and back from a
//! chosen date and time to the starts that storage may try to book.
//!
//! In a DST fold a wall-clock time happens twice (02:30 CEST and 02:30 CET); the list shows
//! it once, and [`starts_at_local`] returns the starts of both instants, earlier first.

use crate::starts::Start;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};

/// Distinct local start times per local date, both ascending.
pub fn day_times(starts: &[Start], tz: &TimeZone) -> Vec<(Date, Vec<Time>)> {
    let mut days: BTreeMap<Date, BTreeSet<Time>> = BTreeMap::new();
    let mut last: Option<(jiff::Timestamp, Date, Time)> = None;
    for s in starts {
        // Starts come sorted with many counters per instant: convert each instant once.
        let (date, time) = match last {
            Some((t, date, time)) if t == s.start => (date, time),
            _ => {
                let dt = tz.to_datetime(s.start);
                (dt.date(), dt.time())
            }
        };
        last = Some((s.start, date, time));
        days.entry(date).or_default().insert(time);
    }
    days.into_iter().map(|(date, times)| (date, times.into_iter().collect())).collect()
}

/// The starts whose local date and time are `date` and `time`, by start then counter id:
/// the candidates to book, in order, when a citizen picked that time.
pub fn starts_at_local(starts: &[Start], tz: &TimeZone, date: Date, time: Time) -> Vec<Start> {
    let wanted = date.to_datetime(time);
    let mut found: Vec<Start> = starts.iter().filter(|s| tz.to_datetime(s.start) == wanted).copied().collect();
    found.sort_unstable();
    found
}

/// The availability API body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AvailableDays {
    pub days: Vec<AvailableDay>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AvailableDay {
    pub date: Date,
    /// Serialized as `HH:MM`.
    #[serde(serialize_with = "hh_mm")]
    pub times: Vec<Time>,
}

impl From<Vec<(Date, Vec<Time>)>> for AvailableDays {
    fn from(days: Vec<(Date, Vec<Time>)>) -> Self {
        Self { days: days.into_iter().map(|(date, times)| AvailableDay { date, times }).collect() }
    }
}

fn hh_mm<S: Serializer>(times: &[Time], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(times.iter().map(|t| format!("{:02}:{:02}", t.hour(), t.minute())))
}
