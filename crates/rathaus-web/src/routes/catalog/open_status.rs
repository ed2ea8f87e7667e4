//! "Open now?" as one line of text: "Jetzt geöffnet bis 18:00 Uhr", "Geschlossen – öffnet
//! morgen um 08:00 Uhr", "Heute geschlossen (Feiertag: Tag der Deutschen Einheit) – öffnet
//! Mo., 5. Okt. um 08:00 Uhr".
//!
//! Pure: the caller passes the instant (`now`) and the place's time zone, so tests use fixed
//! instants. "Today" and "tomorrow" are local dates in that zone, and every time is shown as
//! the local wall clock of the instant it names (so a DST change day reads as posted).

use super::dates::{clock, short_date};
use crate::i18n::Tr;
use jiff::{Timestamp, Zoned, civil::Time, tz::TimeZone};
use rathaus_domain::Language;
use rathaus_domain::opening_hours::{ClosedReason, OpenStatus};

/// The status as shown on a page: the sentence, and whether the place is open (for styling).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    pub open: bool,
    pub text: String,
}

/// The sentence for `status` as seen at `now` in `tz`, in `lang`.
pub fn status_text(status: &OpenStatus, now: Timestamp, tz: &TimeZone, lang: Language) -> StatusLine {
    let tr = Tr(lang);
    let today = now.to_zoned(tz.clone()).date();
    let tomorrow = today.tomorrow().ok();
    match status {
        OpenStatus::Open { until } => {
            let until = until.with_time_zone(tz.clone());
            let (date, time) = (until.date(), until.time());
            let text = if date == today {
                tr.t_with("catalog-status-open-until", &[("time", clock(time))])
            } else if Some(date) == tomorrow && time == Time::midnight() {
                tr.t_with("catalog-status-open-until", &[("time", "24:00".to_owned())])
            } else if Some(date) == tomorrow {
                tr.t_with("catalog-status-open-until-tomorrow", &[("time", clock(time))])
            } else {
                tr.t_with("catalog-status-open-until-date", &[("date", short_date(tr, date)), ("time", clock(time))])
            };
            StatusLine { open: true, text }
        }
        OpenStatus::Closed { opens_at, reason } => {
            let closed = match reason {
                ClosedReason::Holiday(holiday) => {
                    tr.t_with("catalog-status-closed-holiday", &[("holiday", holiday.name(lang).to_owned())])
                }
                ClosedReason::Exception(Some(note)) if !note.trim().is_empty() => {
                    tr.t_with("catalog-status-closed-note", &[("note", note.trim().to_owned())])
                }
                ClosedReason::Exception(_) | ClosedReason::Regular => tr.t("catalog-status-closed"),
            };
            let text = match opens_at {
                Some(at) => {
                    let when = when(tr, &at.with_time_zone(tz.clone()), today, tomorrow);
                    tr.t_with("catalog-status-opens", &[("closed", closed), ("when", when)])
                }
                None => tr.t_with("catalog-status-no-opening", &[("closed", closed)]),
            };
            StatusLine { open: false, text }
        }
    }
}

/// "heute um 14:00 Uhr", "morgen um 08:00 Uhr", "Mo., 5. Okt. um 08:00 Uhr".
fn when(tr: Tr, at: &Zoned, today: jiff::civil::Date, tomorrow: Option<jiff::civil::Date>) -> String {
    let time = clock(at.time());
    if at.date() == today {
        tr.t_with("catalog-when-today", &[("time", time)])
    } else if Some(at.date()) == tomorrow {
        tr.t_with("catalog-when-tomorrow", &[("time", time)])
    } else {
        tr.t_with("catalog-when-date", &[("date", short_date(tr, at.date())), ("time", time)])
    }
}

#[cfg(test)]
mod tests;
