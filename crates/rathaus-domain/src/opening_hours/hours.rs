//! The civil building blocks of opening hours: a time range, the ranges of one day, and
//! the weekly pattern. They know nothing of time zones; [`super::Schedule`] places them
//! on the time line.

use crate::Invalid;
use jiff::civil::{Date, DateTime, Time, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

const MINUTES_PER_DAY: u16 = 24 * 60;

/// Opening hours within one day, e.g. `08:00-12:30`, to the minute.
///
/// The end is exclusive (at 12:30 the location is closed) and lies after the start. A range
/// may end at midnight, written `24:00` (`00:00` is read the same way when it ends a range);
/// it is stored as `end() == 00:00` and displayed as `24:00`. Ranges do not cross midnight:
/// "22:00-02:00" is rejected; write `22:00-24:00` on one day and `00:00-02:00` on the next,
/// and [`super::Schedule::status_at`] joins them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeRange {
    start: Time,
    end: Time,
}

impl TimeRange {
    /// Both times must be whole minutes; an `end` of 00:00 means midnight at the end of
    /// the day.
    pub fn new(start: Time, end: Time) -> Result<Self, Invalid> {
        let whole_minute = |t: Time| t.second() == 0 && t.subsec_nanosecond() == 0;
        if !whole_minute(start) || !whole_minute(end) {
            return Err(Invalid::new("hours-format"));
        }
        let range = Self { start, end };
        if range.end_minute() <= range.start_minute() {
            return Err(Invalid::new("hours-order"));
        }
        Ok(range)
    }

    /// Parses `HH:MM-HH:MM` (hours may have one digit; an en dash works too).
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let (start, end) = input.trim().split_once(['-', '–']).ok_or(Invalid::new("hours-format"))?;
        let start = parse_minute(start.trim()).filter(|&m| m < MINUTES_PER_DAY);
        let end = parse_minute(end.trim());
        match (start, end) {
            (Some(start), Some(end)) => Self::new(time_of(start), time_of(end % MINUTES_PER_DAY)),
            _ => Err(Invalid::new("hours-format")),
        }
    }

    pub fn start(self) -> Time {
        self.start
    }

    /// The (exclusive) end; 00:00 when the range ends at midnight.
    pub fn end(self) -> Time {
        self.end
    }

    pub fn ends_at_midnight(self) -> bool {
        self.end == Time::midnight()
    }

    /// Whether the wall-clock time `t` lies in the range (start inclusive, end exclusive).
    pub fn contains(self, t: Time) -> bool {
        self.start <= t && (self.ends_at_midnight() || t < self.end)
    }

    pub(super) fn start_on(self, date: Date) -> DateTime {
        date.to_datetime(self.start)
    }

    /// The civil end on `date`, which is the next day's 00:00 for a range ending at 24:00.
    pub(super) fn end_on(self, date: Date) -> Option<DateTime> {
        if self.ends_at_midnight() {
            date.tomorrow().ok().map(|d| d.to_datetime(Time::midnight()))
        } else {
            Some(date.to_datetime(self.end))
        }
    }

    fn start_minute(self) -> u16 {
        minute_of(self.start)
    }

    fn end_minute(self) -> u16 {
        if self.ends_at_midnight() { MINUTES_PER_DAY } else { minute_of(self.end) }
    }
}

fn parse_minute(s: &str) -> Option<u16> {
    let (h, m) = s.split_once(':')?;
    let number = |s: &str, max_len: usize| {
        let digits = (1..=max_len).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        if digits { s.parse::<u16>().ok() } else { None }
    };
    let (h, m) = (number(h, 2)?, number(m, 2).filter(|_| m.len() == 2)?);
    let minute = h * 60 + m;
    (m < 60 && minute <= MINUTES_PER_DAY).then_some(minute)
}

fn minute_of(t: Time) -> u16 {
    // Both fit: hour < 24, minute < 60.
    t.hour() as u16 * 60 + t.minute() as u16
}

fn time_of(minute: u16) -> Time {
    // `minute` < 1440, so the hour is < 24 and the minute < 60.
    Time::constant((minute / 60) as i8, (minute % 60) as i8, 0, 0)
}

impl fmt::Display for TimeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (start, end) = (self.start_minute(), self.end_minute());
        write!(f, "{:02}:{:02}-{:02}:{:02}", start / 60, start % 60, end / 60, end % 60)
    }
}

impl Serialize for TimeRange {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeRange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// The opening hours of one day: sorted, non-overlapping ranges; empty means closed.
/// Ranges that touch (`08:00-12:00`, `12:00-14:00`) are joined into one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct DayHours(Vec<TimeRange>);

impl DayHours {
    pub const fn closed() -> Self {
        Self(Vec::new())
    }

    /// Sorts the ranges, joins touching ones and rejects overlaps (`hours-overlap`).
    pub fn new(ranges: impl IntoIterator<Item = TimeRange>) -> Result<Self, Invalid> {
        let mut ranges: Vec<TimeRange> = ranges.into_iter().collect();
        ranges.sort_by_key(|r| r.start);
        let mut joined: Vec<TimeRange> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match joined.last_mut() {
                Some(last) if range.start_minute() < last.end_minute() => {
                    return Err(Invalid::new("hours-overlap"));
                }
                Some(last) if range.start_minute() == last.end_minute() => last.end = range.end,
                _ => joined.push(range),
            }
        }
        Ok(Self(joined))
    }

    /// Parses comma-separated ranges, e.g. `08:00-12:00, 14:00-18:00`; blank means closed.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let parts = input.split(',').map(str::trim).filter(|p| !p.is_empty());
        Self::new(parts.map(TimeRange::parse).collect::<Result<Vec<_>, _>>()?)
    }

    pub fn ranges(&self) -> &[TimeRange] {
        &self.0
    }

    pub fn is_closed(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the wall-clock time `t` lies in one of the ranges.
    pub fn contains(&self, t: Time) -> bool {
        self.0.iter().any(|r| r.contains(t))
    }
}

/// Comma-separated ranges; nothing for a closed day.
impl fmt::Display for DayHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, range) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{range}")?;
        }
        Ok(())
    }
}

/// A list of range strings: `["08:00-12:00", "14:00-18:00"]`.
impl Serialize for DayHours {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for DayHours {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let ranges = Vec::<TimeRange>::deserialize(deserializer)?;
        Self::new(ranges).map_err(serde::de::Error::custom)
    }
}

/// The regular opening hours from Monday to Sunday. In serde it reads and writes as
/// `{ "mon": ["08:00-12:00", "14:00-18:00"], "tue": [], … }`; a missing day is closed and
/// unknown keys are rejected.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(from = "WeekRepr", into = "WeekRepr")]
pub struct WeeklyHours([DayHours; 7]);

impl WeeklyHours {
    /// Closed every day.
    pub fn closed() -> Self {
        Self::default()
    }

    pub fn with(mut self, day: Weekday, hours: DayHours) -> Self {
        self.set(day, hours);
        self
    }

    pub fn set(&mut self, day: Weekday, hours: DayHours) {
        self.0[index(day)] = hours;
    }

    pub fn on(&self, day: Weekday) -> &DayHours {
        &self.0[index(day)]
    }
}

fn index(day: Weekday) -> usize {
    // 0..=6 by definition.
    day.to_monday_zero_offset() as usize
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WeekRepr {
    #[serde(default)]
    mon: DayHours,
    #[serde(default)]
    tue: DayHours,
    #[serde(default)]
    wed: DayHours,
    #[serde(default)]
    thu: DayHours,
    #[serde(default)]
    fri: DayHours,
    #[serde(default)]
    sat: DayHours,
    #[serde(default)]
    sun: DayHours,
}

impl From<WeekRepr> for WeeklyHours {
    fn from(w: WeekRepr) -> Self {
        Self([w.mon, w.tue, w.wed, w.thu, w.fri, w.sat, w.sun])
    }
}

impl From<WeeklyHours> for WeekRepr {
    fn from(WeeklyHours([mon, tue, wed, thu, fri, sat, sun]): WeeklyHours) -> Self {
        Self { mon, tue, wed, thu, fri, sat, sun }
    }
}
