//! Dates and times as citizens read them: "Mo., 5. Okt." / "Mon 5 Oct", "Montag, 5. Oktober
//! 2026" / "Monday 5 October 2026", and 24-hour times ("08:00"). The words come from the
//! Fluent files (`catalog-day-*`, `catalog-month-*`).

use crate::i18n::Tr;
use jiff::civil::{Date, Time, Weekday};
use rathaus_domain::opening_hours::TimeRange;

/// Monday to Sunday, for tables of weekly hours.
pub const WEEK: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

/// The three-letter code of a weekday (`mon` … `sun`), as in the catalogue and the API.
pub fn day_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "mon",
        Weekday::Tuesday => "tue",
        Weekday::Wednesday => "wed",
        Weekday::Thursday => "thu",
        Weekday::Friday => "fri",
        Weekday::Saturday => "sat",
        Weekday::Sunday => "sun",
    }
}

pub fn day_name(tr: Tr, day: Weekday) -> String {
    tr.t(&format!("catalog-day-{}", day_code(day)))
}

/// "Mo., 5. Okt." / "Mon 5 Oct".
pub fn short_date(tr: Tr, date: Date) -> String {
    tr.t_with(
        "catalog-date-short",
        &[
            ("weekday", tr.t(&format!("catalog-day-short-{}", day_code(date.weekday())))),
            ("day", date.day().to_string()),
            ("month", tr.t(&format!("catalog-month-short-{}", date.month()))),
        ],
    )
}

/// "Montag, 5. Oktober 2026" / "Monday 5 October 2026".
pub fn long_date(tr: Tr, date: Date) -> String {
    tr.t_with(
        "catalog-date-long",
        &[
            ("weekday", day_name(tr, date.weekday())),
            ("day", date.day().to_string()),
            ("month", tr.t(&format!("catalog-month-{}", date.month()))),
            ("year", date.year().to_string()),
        ],
    )
}

/// "08:00".
pub fn clock(time: Time) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// "08:00–12:00 Uhr" / "08:00–12:00"; a range ending at midnight ends at "24:00".
pub fn time_range(tr: Tr, range: TimeRange) -> String {
    let end = if range.ends_at_midnight() { "24:00".to_owned() } else { clock(range.end()) };
    tr.t_with("catalog-time-range", &[("from", clock(range.start())), ("to", end)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};
    use rathaus_domain::Language;

    #[test]
    fn dates_read_naturally_in_both_languages() {
        let (de, en) = (Tr(Language::De), Tr(Language::En));
        let d = date(2026, 10, 5);
        assert_eq!(short_date(de, d), "Mo., 5. Okt.");
        assert_eq!(short_date(en, d), "Mon 5 Oct");
        assert_eq!(long_date(de, date(2026, 3, 1)), "Sonntag, 1. März 2026");
        assert_eq!(long_date(en, date(2026, 3, 1)), "Sunday 1 March 2026");
        assert_eq!(clock(time(8, 5, 0, 0)), "08:05");
        let evening = TimeRange::parse("22:00-24:00").unwrap();
        assert_eq!(time_range(de, evening), "22:00–24:00 Uhr");
        assert_eq!(time_range(en, TimeRange::parse("8:00-12:30").unwrap()), "08:00–12:30");
    }
}
