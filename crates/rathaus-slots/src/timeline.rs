//! From posted wall-clock hours to instants, and the interval arithmetic of the grid.
//!
//! Wall-clock boundaries are placed on the time line by the same rule as
//! `rathaus_domain::opening_hours` (see its module doc): a boundary is reached at the first
//! instant at which the local clock shows it or a later time. In a DST gap that is the
//! transition itself, in a fold the first occurrence. Opening hours, staffing blocks and the
//! rolling release all use this rule, so they agree with `Schedule::status_at`.
//!
//! Intervals are half-open `[start, end)` in UTC epoch seconds.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{AmbiguousOffset, TimeZone};
use rathaus_domain::opening_hours::TimeRange;

/// `[start, end)` in epoch seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Interval {
    pub start: i64,
    pub end: i64,
}

/// The first instant at which the wall clock in `tz` shows `dt` or a later time.
pub(crate) fn reached(tz: &TimeZone, dt: DateTime) -> Option<Timestamp> {
    match tz.to_ambiguous_timestamp(dt).offset() {
        AmbiguousOffset::Unambiguous { offset } => offset.to_timestamp(dt).ok(),
        AmbiguousOffset::Fold { before, .. } => before.to_timestamp(dt).ok(),
        AmbiguousOffset::Gap { after, .. } => {
            // With the offset after the gap, `dt` lands just before the transition.
            let before_gap = after.to_timestamp(dt).ok()?;
            tz.following(before_gap).next().map(|t| t.timestamp())
        }
    }
}

/// Epoch seconds of [`reached`].
pub(crate) fn reached_secs(tz: &TimeZone, date: Date, time: Time) -> Option<i64> {
    reached(tz, date.to_datetime(time)).map(|t| t.as_second())
}

/// The instants of a posted range on `date` (24:00 is the next midnight); `None` if it is
/// empty on the time line, e.g. `02:00-03:00` on the day the clocks spring forward.
pub(crate) fn range_on(tz: &TimeZone, date: Date, range: TimeRange) -> Option<Interval> {
    let start = reached_secs(tz, date, range.start())?;
    let end = if range.ends_at_midnight() {
        reached_secs(tz, date.tomorrow().ok()?, Time::midnight())?
    } else {
        reached_secs(tz, date, range.end())?
    };
    (start < end).then_some(Interval { start, end })
}

/// Sorts and joins overlapping or touching intervals.
pub(crate) fn normalize(mut v: Vec<Interval>) -> Vec<Interval> {
    v.sort_unstable();
    let mut out: Vec<Interval> = Vec::with_capacity(v.len());
    for i in v.into_iter().filter(|i| i.start < i.end) {
        match out.last_mut() {
            Some(last) if i.start <= last.end => last.end = last.end.max(i.end),
            _ => out.push(i),
        }
    }
    out
}

/// The intersection of two normalized lists.
pub(crate) fn intersect(a: &[Interval], b: &[Interval]) -> Vec<Interval> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        let (start, end) = (a[i].start.max(b[j].start), a[i].end.min(b[j].end));
        if start < end {
            out.push(Interval { start, end });
        }
        if a[i].end < b[j].end { i += 1 } else { j += 1 }
    }
    out
}

/// `a` without the time covered by `holes`; both normalized.
pub(crate) fn subtract(a: &[Interval], holes: &[Interval]) -> Vec<Interval> {
    let mut out = Vec::with_capacity(a.len());
    let mut h = 0;
    for &interval in a {
        let mut start = interval.start;
        while h < holes.len() && holes[h].end <= start {
            h += 1;
        }
        let mut k = h;
        while k < holes.len() && holes[k].start < interval.end {
            if holes[k].start > start {
                out.push(Interval { start, end: holes[k].start });
            }
            start = start.max(holes[k].end);
            k += 1;
        }
        if start < interval.end {
            out.push(Interval { start, end: interval.end });
        }
    }
    out
}

/// The grid slots `[t, t + step)` with `t` a multiple of `step` that lie inside `interval`.
pub(crate) fn grid_starts(interval: Interval, step: i64) -> impl Iterator<Item = i64> {
    let first = interval.start.div_euclid(step) * step + if interval.start.rem_euclid(step) == 0 { 0 } else { step };
    (0..).map(move |n| first + n * step).take_while(move |t| t + step <= interval.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(start: i64, end: i64) -> Interval {
        Interval { start, end }
    }

    #[test]
    fn interval_arithmetic() {
        assert_eq!(normalize(vec![iv(5, 8), iv(0, 2), iv(2, 4), iv(6, 7), iv(9, 9)]), vec![iv(0, 4), iv(5, 8)]);
        assert_eq!(intersect(&[iv(0, 10), iv(20, 30)], &[iv(5, 25)]), vec![iv(5, 10), iv(20, 25)]);
        assert_eq!(subtract(&[iv(0, 10), iv(20, 30)], &[iv(2, 3), iv(8, 22), iv(29, 40)]), {
            vec![iv(0, 2), iv(3, 8), iv(22, 29)]
        });
        assert_eq!(grid_starts(iv(61, 300), 60).collect::<Vec<_>>(), vec![120, 180, 240]);
        assert_eq!(grid_starts(iv(-120, 0), 60).collect::<Vec<_>>(), vec![-120, -60]);
    }
}
