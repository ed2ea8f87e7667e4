use super::*;
use crate::Invalid;

fn code<T: std::fmt::Debug>(r: Result<T, Invalid>) -> &'static str {
    r.unwrap_err().code
}

#[test]
fn time_ranges() {
    let r = TimeRange::parse("08:00-12:30").unwrap();
    assert_eq!((r.start(), r.end()), (jiff::civil::time(8, 0, 0, 0), jiff::civil::time(12, 30, 0, 0)));
    assert_eq!(r.to_string(), "08:00-12:30");
    assert_eq!(TimeRange::parse(" 8:00 – 12:30 ").unwrap(), r);

    let late = TimeRange::parse("22:00-24:00").unwrap();
    assert!(late.ends_at_midnight());
    assert_eq!(late.to_string(), "22:00-24:00");
    assert_eq!(TimeRange::parse("22:00-00:00").unwrap(), late);
    assert_eq!(TimeRange::parse("00:00-24:00").unwrap().to_string(), "00:00-24:00");
    assert!(late.contains(jiff::civil::time(23, 59, 59, 999_999_999)));
    assert!(!r.contains(jiff::civil::time(12, 30, 0, 0)), "the end is exclusive");
    assert!(r.contains(jiff::civil::time(8, 0, 0, 0)));

    for bad in [
        "",
        "08:00",
        "8-12",
        "08:60-09:00",
        "24:00-24:00",
        "25:00-26:00",
        "08:00-24:01",
        "0800-0900",
        "08:0-09:00",
        "08:00:00-09:00",
        "a:00-b:00",
        "+8:00-09:00",
    ] {
        assert_eq!(code(TimeRange::parse(bad)), "hours-format", "{bad:?}");
    }
    for bad in ["12:00-08:00", "08:00-08:00", "22:00-02:00"] {
        assert_eq!(code(TimeRange::parse(bad)), "hours-order", "{bad:?}");
    }
    let with_seconds = TimeRange::new(jiff::civil::time(8, 0, 30, 0), jiff::civil::time(9, 0, 0, 0));
    assert_eq!(code(with_seconds), "hours-format");
}

#[test]
fn day_hours() {
    let day = DayHours::parse("14:00-18:00, 08:00-12:00").unwrap();
    assert_eq!(day.to_string(), "08:00-12:00, 14:00-18:00");
    assert_eq!(day.ranges().len(), 2);
    assert!(day.contains(jiff::civil::time(15, 0, 0, 0)));
    assert!(!day.contains(jiff::civil::time(12, 0, 0, 0)));

    assert_eq!(DayHours::parse("08:00-12:00, 12:00-14:00").unwrap().to_string(), "08:00-14:00");
    assert_eq!(DayHours::parse("20:00-22:00,22:00-24:00").unwrap().to_string(), "20:00-24:00");
    assert!(DayHours::parse("  ").unwrap().is_closed());
    assert_eq!(DayHours::parse("").unwrap(), DayHours::closed());

    assert_eq!(code(DayHours::parse("08:00-12:00, 11:00-13:00")), "hours-overlap");
    assert_eq!(code(DayHours::parse("08:00-12:00, 08:00-12:00")), "hours-overlap");
    assert_eq!(code(DayHours::parse("08:00-24:00, 10:00-11:00")), "hours-overlap");
    assert_eq!(code(DayHours::parse("08:00-12:00, 14:00")), "hours-format");
}

#[test]
fn weekly_hours_in_json() {
    let json = r#"{ "mon": ["08:00-12:00", "14:00-18:00"], "thu": ["14:00-19:00"], "sun": [] }"#;
    let weekly: WeeklyHours = serde_json::from_str(json).unwrap();
    assert_eq!(weekly.on(Weekday::Monday).to_string(), "08:00-12:00, 14:00-18:00");
    assert!(weekly.on(Weekday::Tuesday).is_closed(), "a missing day is closed");
    assert_eq!(
        serde_json::to_string(&weekly).unwrap(),
        r#"{"mon":["08:00-12:00","14:00-18:00"],"tue":[],"wed":[],"thu":["14:00-19:00"],"fri":[],"sat":[],"sun":[]}"#
    );

    let overlap = serde_json::from_str::<WeeklyHours>(r#"{ "mon": ["08:00-12:00", "11:00-13:00"] }"#);
    assert!(overlap.unwrap_err().to_string().contains("hours-overlap"));
    let bad = serde_json::from_str::<WeeklyHours>(r#"{ "tue": ["8 to 12"] }"#);
    assert!(bad.unwrap_err().to_string().contains("hours-format"));
    assert!(serde_json::from_str::<WeeklyHours>(r#"{ "monday": [] }"#).is_err());
}

#[test]
fn exceptions_in_json() {
    let json = r#"[
        { "date": "2026-12-24", "kind": "special-hours", "hours": ["08:00-12:00"], "note": "Heiligabend" },
        { "date": "2026-12-31", "kind": "closed" }
    ]"#;
    let exceptions: Vec<Exception> = serde_json::from_str(json).unwrap();
    assert_eq!(
        exceptions,
        [
            special(jiff::civil::date(2026, 12, 24), "08:00-12:00", Some("Heiligabend")),
            closed_on(jiff::civil::date(2026, 12, 31), None),
        ]
    );
    let back: Vec<Exception> = serde_json::from_str(&serde_json::to_string(&exceptions).unwrap()).unwrap();
    assert_eq!(back, exceptions);
}

#[test]
fn two_exceptions_on_one_date_are_rejected() {
    let d = jiff::civil::date(2026, 12, 24);
    let result =
        Schedule::new(WeeklyHours::closed(), [closed_on(d, None), special(d, "08:00-12:00", None)], None, berlin());
    assert_eq!(code(result), "hours-exception-duplicate");
}
