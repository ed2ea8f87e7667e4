use super::*;
use jiff::civil::{Weekday, date};
use rathaus_domain::FederalState;
use rathaus_domain::opening_hours::{DayHours, Exception, ExceptionKind, Schedule, WeeklyHours};

fn berlin() -> TimeZone {
    TimeZone::get("Europe/Berlin").unwrap()
}

fn hours(text: &str) -> DayHours {
    DayHours::parse(text).unwrap()
}

/// The Bürgerbüro Mitte of the demo: long Tuesdays and Thursdays, Saturday mornings.
fn town_hall() -> WeeklyHours {
    WeeklyHours::closed()
        .with(Weekday::Monday, hours("08:00-13:00"))
        .with(Weekday::Tuesday, hours("08:00-13:00, 14:00-18:00"))
        .with(Weekday::Wednesday, hours("08:00-13:00"))
        .with(Weekday::Thursday, hours("08:00-13:00, 14:00-18:00"))
        .with(Weekday::Friday, hours("08:00-12:00"))
        .with(Weekday::Saturday, hours("09:00-12:00"))
}

fn schedule(weekly: WeeklyHours, exceptions: Vec<Exception>) -> Schedule {
    Schedule::new(weekly, exceptions, Some(FederalState::NordrheinWestfalen), berlin()).unwrap()
}

/// The line for `schedule` at the instant `utc` (RFC 3339, UTC).
fn line(schedule: &Schedule, utc: &str, lang: Language) -> StatusLine {
    let now: Timestamp = utc.parse().unwrap();
    status_text(&schedule.status_at(now), now, &berlin(), lang)
}

fn de(schedule: &Schedule, utc: &str) -> String {
    line(schedule, utc, Language::De).text
}

#[test]
fn open_until_the_end_of_the_current_range() {
    let s = schedule(town_hall(), vec![]);
    // Tuesday 6 October 2026, 10:00 and 15:00 CEST.
    let morning = line(&s, "2026-10-06T08:00:00Z", Language::De);
    assert_eq!(morning, StatusLine { open: true, text: "Jetzt geöffnet bis 13:00 Uhr".into() });
    assert_eq!(de(&s, "2026-10-06T13:00:00Z"), "Jetzt geöffnet bis 18:00 Uhr");
    assert_eq!(line(&s, "2026-10-06T13:00:00Z", Language::En).text, "Open now until 18:00");
}

#[test]
fn closed_at_lunch_opens_again_today() {
    let s = schedule(town_hall(), vec![]);
    let lunch = line(&s, "2026-10-06T11:30:00Z", Language::De);
    assert!(!lunch.open);
    assert_eq!(lunch.text, "Geschlossen – öffnet heute um 14:00 Uhr");
    assert_eq!(line(&s, "2026-10-06T11:30:00Z", Language::En).text, "Closed – opens today at 14:00");
}

#[test]
fn a_public_holiday_is_named_and_skipped() {
    let s = schedule(town_hall(), vec![]);
    // Saturday 3 October 2026, Tag der Deutschen Einheit; Sunday is closed anyway.
    assert_eq!(
        de(&s, "2026-10-03T08:00:00Z"),
        "Heute geschlossen (Feiertag: Tag der Deutschen Einheit) – öffnet Mo., 5. Okt. um 08:00 Uhr"
    );
    assert_eq!(
        line(&s, "2026-10-03T08:00:00Z", Language::En).text,
        "Closed today (public holiday: Day of German Unity) – opens Mon 5 Oct at 08:00"
    );
}

#[test]
fn tomorrow_and_today_switch_at_local_midnight_not_utc() {
    let s = schedule(town_hall(), vec![]);
    // Monday 5 October 2026, 23:59:59 CEST: opens tomorrow.
    assert_eq!(de(&s, "2026-10-05T21:59:59Z"), "Geschlossen – öffnet morgen um 08:00 Uhr");
    // One second later it is Tuesday in Musterstadt (still Monday in UTC): opens today.
    assert_eq!(de(&s, "2026-10-05T22:00:00Z"), "Geschlossen – öffnet heute um 08:00 Uhr");
    assert_eq!(line(&s, "2026-10-05T22:00:00Z", Language::En).text, "Closed – opens today at 08:00");
}

#[test]
fn openings_that_reach_or_cross_midnight() {
    let late = WeeklyHours::closed().with(Weekday::Friday, hours("20:00-24:00"));
    // Friday 9 October 2026, 21:00 CEST.
    assert_eq!(de(&schedule(late, vec![]), "2026-10-09T19:00:00Z"), "Jetzt geöffnet bis 24:00 Uhr");
    let night =
        WeeklyHours::closed().with(Weekday::Friday, hours("22:00-24:00")).with(Weekday::Saturday, hours("00:00-02:00"));
    let s = schedule(night, vec![]);
    assert_eq!(de(&s, "2026-10-09T20:30:00Z"), "Jetzt geöffnet bis morgen 02:00 Uhr");
    assert_eq!(line(&s, "2026-10-09T20:30:00Z", Language::En).text, "Open now until tomorrow 02:00");
    // After midnight the same opening ends "today".
    assert_eq!(de(&s, "2026-10-09T23:30:00Z"), "Jetzt geöffnet bis 02:00 Uhr");
}

#[test]
fn spring_forward_shows_the_posted_wall_clock() {
    let sunday = WeeklyHours::closed().with(Weekday::Sunday, hours("08:00-12:00"));
    let s = Schedule::new(sunday, vec![], None, berlin()).unwrap();
    // Sunday 29 March 2026, 01:30 CET; at 02:00 the clocks jump to 03:00 CEST.
    assert_eq!(de(&s, "2026-03-29T00:30:00Z"), "Geschlossen – öffnet heute um 08:00 Uhr");
    // 08:30 CEST is 06:30 UTC.
    assert_eq!(de(&s, "2026-03-29T06:30:00Z"), "Jetzt geöffnet bis 12:00 Uhr");
}

#[test]
fn fall_back_closes_at_the_first_occurrence_and_skips_all_saints() {
    let sunday = WeeklyHours::closed().with(Weekday::Sunday, hours("01:00-02:30"));
    let s = schedule(sunday, vec![]);
    // Sunday 25 October 2026, 02:00 CEST (first pass through 02:00–03:00).
    assert_eq!(de(&s, "2026-10-25T00:00:00Z"), "Jetzt geöffnet bis 02:30 Uhr");
    // 02:15 CET, the second pass: closed. 1 November is Allerheiligen in NRW.
    assert_eq!(de(&s, "2026-10-25T01:15:00Z"), "Geschlossen – öffnet So., 8. Nov. um 01:00 Uhr");
}

#[test]
fn an_exception_names_its_reason() {
    let christmas_eve =
        Exception { date: date(2026, 12, 24), kind: ExceptionKind::Closed { note: Some("Heiligabend".into()) } };
    let s = schedule(town_hall(), vec![christmas_eve]);
    // Thursday 24 December; the 25th and 26th are holidays, the 27th a Sunday.
    assert_eq!(de(&s, "2026-12-24T09:00:00Z"), "Geschlossen (Heiligabend) – öffnet Mo., 28. Dez. um 08:00 Uhr");
}

#[test]
fn never_open_says_so() {
    let s = schedule(WeeklyHours::closed(), vec![]);
    assert_eq!(
        de(&s, "2026-10-06T08:00:00Z"),
        "Geschlossen – in den nächsten Wochen sind keine Öffnungszeiten geplant"
    );
}
