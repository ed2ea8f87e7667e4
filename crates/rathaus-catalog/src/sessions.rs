//! Dated sessions of a mobile office site: its recurring schedule expanded over a date range,
//! plus its explicit sessions, minus cancelled dates. Pure calendar arithmetic (jiff civil
//! dates), no time zone: sessions are local times at the site.

use crate::model::{MobileSite, RecurringSession, Text};
use jiff::{ToSpan, civil::Date};
use rathaus_domain::opening_hours::TimeRange;

/// One session of the mobile office on a given day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedSession {
    pub date: Date,
    pub hours: TimeRange,
    pub note: Option<Text>,
}

/// A session's `from`/`to` as a time range, if well-formed.
pub(crate) fn session_hours(from: &str, to: &str) -> Option<TimeRange> {
    TimeRange::parse(&format!("{}-{}", from.trim(), to.trim())).ok()
}

/// All sessions of `site` with `from <= date <= to`, sorted by date and start time.
///
/// Recurring entries yield a session every `every_weeks` weeks on their weekday, starting
/// with the first such weekday on or after `first_date` (or every week when there is no
/// `first_date`), up to `last_date`. Explicit sessions are added; a recurring session on the
/// same date and time as an explicit one is dropped in favour of the explicit one (which may
/// carry a note). Dates in `cancelled` are skipped for recurring sessions only. Entries with
/// malformed times are skipped here; [`crate::Catalog::validate`] reports them.
pub fn expand_sessions(site: &MobileSite, from: Date, to: Date) -> Vec<DatedSession> {
    let mut out: Vec<DatedSession> = Vec::new();
    for entry in &site.schedule {
        for date in recurring_dates(entry, from, to) {
            if site.cancelled.contains(&date) {
                continue;
            }
            if let Some(hours) = session_hours(&entry.from, &entry.to) {
                out.push(DatedSession { date, hours, note: None });
            }
        }
    }
    for s in &site.sessions {
        if s.date < from || s.date > to {
            continue;
        }
        if let Some(hours) = session_hours(&s.from, &s.to) {
            out.retain(|o| !(o.date == s.date && o.hours == hours));
            out.push(DatedSession { date: s.date, hours, note: s.note.clone() });
        }
    }
    out.sort_by_key(|s| (s.date, s.hours.start(), s.hours.end()));
    out.dedup_by(|a, b| a.date == b.date && a.hours == b.hours);
    out
}

/// The dates of one recurring entry within `[from, to]`.
fn recurring_dates(entry: &RecurringSession, from: Date, to: Date) -> Vec<Date> {
    let weekday = entry.weekday.to_jiff();
    let step_weeks = i64::from(entry.every_weeks.max(1));
    let start = match entry.first_date {
        Some(first) => next_on_or_after(first, weekday),
        None => next_on_or_after(from, weekday),
    };
    let end = match entry.last_date {
        Some(last) if last < to => last,
        _ => to,
    };
    let Some(mut date) = start else { return Vec::new() };
    // Jump close to `from` without walking every cycle of a long schedule.
    if date < from {
        let days_behind = i64::from((from - date).get_days());
        let cycles = days_behind / (7 * step_weeks);
        match date.checked_add((cycles * 7 * step_weeks).days()) {
            Ok(d) => date = d,
            Err(_) => return Vec::new(),
        }
    }
    let mut dates = Vec::new();
    while date <= end {
        if date >= from {
            dates.push(date);
        }
        match date.checked_add((7 * step_weeks).days()) {
            Ok(d) => date = d,
            Err(_) => break,
        }
    }
    dates
}

fn next_on_or_after(date: Date, weekday: jiff::civil::Weekday) -> Option<Date> {
    if date.weekday() == weekday { Some(date) } else { date.nth_weekday(1, weekday).ok() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Session, Weekday};
    use jiff::civil::date;

    fn site(schedule: Vec<RecurringSession>, sessions: Vec<Session>, cancelled: Vec<Date>) -> MobileSite {
        MobileSite { schedule, sessions, cancelled, ..MobileSite::default() }
    }

    fn every(weekday: Weekday, weeks: u8, first: Option<Date>) -> RecurringSession {
        RecurringSession {
            weekday,
            from: "09:00".into(),
            to: "12:00".into(),
            every_weeks: weeks,
            first_date: first,
            last_date: None,
        }
    }

    #[test]
    fn fortnightly_from_first_date() {
        // 2026-11-03 is a Tuesday.
        let s = site(vec![every(Weekday::Tue, 2, Some(date(2026, 11, 3)))], vec![], vec![]);
        let got: Vec<Date> =
            expand_sessions(&s, date(2026, 11, 1), date(2026, 12, 31)).into_iter().map(|d| d.date).collect();
        assert_eq!(
            got,
            vec![date(2026, 11, 3), date(2026, 11, 17), date(2026, 12, 1), date(2026, 12, 15), date(2026, 12, 29)]
        );
        // A window that starts long after the first date keeps the same rhythm.
        let later: Vec<Date> =
            expand_sessions(&s, date(2027, 6, 1), date(2027, 6, 30)).into_iter().map(|d| d.date).collect();
        assert_eq!(later, vec![date(2027, 6, 1), date(2027, 6, 15), date(2027, 6, 29)]);
    }

    #[test]
    fn cancelled_and_explicit_sessions() {
        let explicit = Session { date: date(2026, 12, 10), from: "14:00".into(), to: "16:00".into(), note: None };
        let s = site(vec![every(Weekday::Thu, 1, None)], vec![explicit], vec![date(2026, 12, 24), date(2026, 12, 31)]);
        let got = expand_sessions(&s, date(2026, 12, 1), date(2026, 12, 31));
        let dates: Vec<(Date, i8)> = got.iter().map(|d| (d.date, d.hours.start().hour())).collect();
        assert_eq!(
            dates,
            vec![(date(2026, 12, 3), 9), (date(2026, 12, 10), 9), (date(2026, 12, 10), 14), (date(2026, 12, 17), 9),]
        );
    }

    #[test]
    fn first_date_off_weekday_and_last_date() {
        // 2026-11-02 is a Monday: the schedule starts on the following Wednesday.
        let mut entry = every(Weekday::Wed, 1, Some(date(2026, 11, 2)));
        entry.last_date = Some(date(2026, 11, 11));
        let s = site(vec![entry], vec![], vec![]);
        let got: Vec<Date> =
            expand_sessions(&s, date(2026, 1, 1), date(2027, 1, 1)).into_iter().map(|d| d.date).collect();
        assert_eq!(got, vec![date(2026, 11, 4), date(2026, 11, 11)]);
    }
}
