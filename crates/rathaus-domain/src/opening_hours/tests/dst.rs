//! Europe/Berlin switches to summer time on Sunday 29 March 2026 (02:00 CET → 03:00 CEST)
//! and back on Sunday 25 October 2026 (03:00 CEST → 02:00 CET).

use super::*;
use ClosedReason::Regular;
use Weekday::*;
use jiff::civil::date;

fn sundays(h: &str) -> Schedule {
    schedule(week(&[(Sunday, h), (Monday, "08:00-12:00")]), vec![], None)
}

#[test]
fn a_range_inside_the_spring_gap_never_opens() {
    let s = sundays("02:00-03:00");
    assert_eq!(s.hours_on(date(2026, 3, 29)), hours("02:00-03:00"), "posted hours stay as they are");
    assert_eq!(s.status_at(at("2026-03-29T01:30+01:00")), closed(Some("2026-03-30T08:00+02:00"), Regular));
    assert_eq!(s.status_at(at("2026-03-29T03:00+02:00")), closed(Some("2026-03-30T08:00+02:00"), Regular));
    // A week later the same range is an ordinary hour.
    assert_eq!(s.status_at(at("2026-04-05T02:30+02:00")), open_until("2026-04-05T03:00+02:00"));
}

#[test]
fn a_start_inside_the_spring_gap_opens_when_the_clock_jumps() {
    let s = sundays("02:30-04:00");
    assert_eq!(s.status_at(at("2026-03-29T01:30+01:00")), closed(Some("2026-03-29T03:00+02:00"), Regular));
    assert_eq!(s.status_at(at("2026-03-29T01:59:59+01:00")), closed(Some("2026-03-29T03:00+02:00"), Regular));
    assert_eq!(s.status_at(at("2026-03-29T03:00+02:00")), open_until("2026-03-29T04:00+02:00"));
}

#[test]
fn an_end_inside_the_spring_gap_closes_when_the_clock_jumps() {
    let s = sundays("01:00-02:30");
    assert_eq!(s.status_at(at("2026-03-29T01:45+01:00")), open_until("2026-03-29T03:00+02:00"));
    assert_eq!(s.status_at(at("2026-03-29T03:00+02:00")), closed(Some("2026-03-30T08:00+02:00"), Regular));
}

#[test]
fn a_range_over_the_spring_gap_is_an_hour_shorter() {
    let s = sundays("01:00-04:00");
    assert_eq!(s.status_at(at("2026-03-29T01:00+01:00")), open_until("2026-03-29T04:00+02:00"));
    let OpenStatus::Open { until } = s.status_at(at("2026-03-29T01:00+01:00")) else { unreachable!() };
    assert_eq!(until.timestamp().duration_since(at("2026-03-29T01:00+01:00")).as_hours(), 2);
    // Two ranges with the gap between them meet on the time line and are joined.
    let s = sundays("01:00-02:15, 02:45-04:00");
    assert_eq!(s.status_at(at("2026-03-29T01:30+01:00")), open_until("2026-03-29T04:00+02:00"));
}

#[test]
fn a_night_opening_over_the_spring_change() {
    let s = schedule(week(&[(Saturday, "22:00-24:00"), (Sunday, "00:00-04:00")]), vec![], None);
    assert_eq!(s.status_at(at("2026-03-28T23:00+01:00")), open_until("2026-03-29T04:00+02:00"));
    assert_eq!(s.status_at(at("2026-03-29T03:30+02:00")), open_until("2026-03-29T04:00+02:00"));
}

#[test]
fn a_range_of_the_autumn_fold_covers_both_passes() {
    let s = sundays("02:00-03:00");
    assert_eq!(s.status_at(at("2026-10-25T01:59+02:00")), closed(Some("2026-10-25T02:00+02:00"), Regular));
    assert_eq!(s.status_at(at("2026-10-25T02:00+02:00")), open_until("2026-10-25T03:00+01:00"));
    assert_eq!(s.status_at(at("2026-10-25T02:30+02:00")), open_until("2026-10-25T03:00+01:00"));
    assert_eq!(s.status_at(at("2026-10-25T02:30+01:00")), open_until("2026-10-25T03:00+01:00"));
    assert_eq!(s.status_at(at("2026-10-25T03:00+01:00")), closed(Some("2026-10-26T08:00+01:00"), Regular));
    let real = at("2026-10-25T03:00+01:00").duration_since(at("2026-10-25T02:00+02:00"));
    assert_eq!(real.as_hours(), 2);
}

#[test]
fn an_end_inside_the_autumn_fold_closes_at_its_first_occurrence() {
    let s = sundays("01:00-02:30");
    assert_eq!(s.status_at(at("2026-10-25T02:15+02:00")), open_until("2026-10-25T02:30+02:00"));
    assert_eq!(s.status_at(at("2026-10-25T02:30+02:00")), closed(Some("2026-10-26T08:00+01:00"), Regular));
    // The clock shows 02:15 again an hour later, but the opening is over.
    assert_eq!(s.status_at(at("2026-10-25T02:15+01:00")), closed(Some("2026-10-26T08:00+01:00"), Regular));
}

#[test]
fn a_start_inside_the_autumn_fold_opens_at_its_first_occurrence() {
    let s = sundays("02:30-04:00");
    assert_eq!(s.status_at(at("2026-10-25T02:00+02:00")), closed(Some("2026-10-25T02:30+02:00"), Regular));
    assert_eq!(s.status_at(at("2026-10-25T02:10+01:00")), open_until("2026-10-25T04:00+01:00"));
}

#[test]
fn a_weekday_schedule_across_the_change_weekends() {
    let s = schedule(week(&[(Friday, "08:00-12:00"), (Monday, "08:00-12:00")]), vec![], None);
    assert_eq!(s.status_at(at("2026-03-27T13:00+01:00")), closed(Some("2026-03-30T08:00+02:00"), Regular));
    assert_eq!(s.status_at(at("2026-03-30T08:00+02:00")), open_until("2026-03-30T12:00+02:00"));
    assert_eq!(s.status_at(at("2026-10-23T13:00+02:00")), closed(Some("2026-10-26T08:00+01:00"), Regular));
    let OpenStatus::Closed { opens_at: Some(opens_at), .. } = s.status_at(at("2026-10-23T13:00+02:00")) else {
        unreachable!()
    };
    assert_eq!(opens_at.to_string(), "2026-10-26T08:00:00+01:00[Europe/Berlin]");
}
