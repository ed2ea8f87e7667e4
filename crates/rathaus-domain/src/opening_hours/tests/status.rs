use super::*;
use crate::FederalState::{Bayern, Berlin};
use crate::holidays::holiday_on;
use ClosedReason::Regular;
use Weekday::*;
use jiff::ToSpan;
use jiff::civil::date;

fn office() -> WeeklyHours {
    week(&[
        (Monday, "08:00-12:00"),
        (Tuesday, "08:00-12:00, 14:00-18:00"),
        (Wednesday, "08:00-12:00"),
        (Thursday, "08:00-12:00"),
        (Friday, "08:00-12:00"),
    ])
}

#[test]
fn at_the_opening_and_the_closing_minute() {
    let s = schedule(office(), vec![], None);
    // Tuesday, 9 June 2026.
    assert_eq!(s.status_at(at("2026-06-09T07:59:59+02:00")), closed(Some("2026-06-09T08:00+02:00"), Regular));
    assert_eq!(s.status_at(at("2026-06-09T08:00+02:00")), open_until("2026-06-09T12:00+02:00"));
    assert_eq!(s.status_at(at("2026-06-09T11:59:59.999999999+02:00")), open_until("2026-06-09T12:00+02:00"));
    assert_eq!(s.status_at(at("2026-06-09T12:00+02:00")), closed(Some("2026-06-09T14:00+02:00"), Regular));
    assert_eq!(s.status_at(at("2026-06-09T18:00+02:00")), closed(Some("2026-06-10T08:00+02:00"), Regular));
}

#[test]
fn over_the_weekend() {
    let s = schedule(office(), vec![], None);
    let monday = Some("2026-06-08T08:00+02:00");
    assert_eq!(s.status_at(at("2026-06-05T12:00+02:00")), closed(monday, Regular));
    assert_eq!(s.status_at(at("2026-06-06T10:00+02:00")), closed(monday, Regular));
    assert_eq!(s.status_at(at("2026-06-07T23:59+02:00")), closed(monday, Regular));
}

#[test]
fn a_public_holiday_closes_the_location() {
    let corpus_christi = date(2026, 6, 4);
    let s = schedule(office(), vec![], Some(Bayern));
    assert!(s.hours_on(corpus_christi).is_closed());
    let holiday = holiday_on(Bayern, corpus_christi).unwrap();
    assert_eq!(
        s.status_at(at("2026-06-04T09:00+02:00")),
        closed(Some("2026-06-05T08:00+02:00"), ClosedReason::Holiday(holiday))
    );
    // The day before, the next opening skips the holiday.
    assert_eq!(s.status_at(at("2026-06-03T12:00+02:00")), closed(Some("2026-06-05T08:00+02:00"), Regular));
    // Without a state, holidays are ordinary days.
    let anywhere = schedule(office(), vec![], None);
    assert_eq!(anywhere.hours_on(corpus_christi), hours("08:00-12:00"));
}

#[test]
fn christmas_and_new_year() {
    let s = schedule(
        office(),
        vec![
            special(date(2026, 12, 24), "08:00-12:00", Some("Heiligabend")),
            closed_on(date(2026, 12, 31), Some("Silvester")),
        ],
        Some(Berlin),
    );
    let after_christmas = Some("2026-12-28T08:00+01:00");
    assert_eq!(s.status_at(at("2026-12-24T10:00+01:00")), open_until("2026-12-24T12:00+01:00"));
    assert_eq!(
        s.status_at(at("2026-12-24T18:00+01:00")),
        closed(after_christmas, ClosedReason::Exception(Some("Heiligabend".into())))
    );
    let christmas = holiday_on(Berlin, date(2026, 12, 25)).unwrap();
    assert_eq!(s.status_at(at("2026-12-25T10:00+01:00")), closed(after_christmas, ClosedReason::Holiday(christmas)));
    // 31 December closed, 1 January a holiday, then the weekend.
    assert_eq!(s.status_at(at("2026-12-30T12:00+01:00")), closed(Some("2027-01-04T08:00+01:00"), Regular));

    let listed: Vec<_> = s
        .next_openings(at("2026-12-22T15:00+01:00"), 14)
        .into_iter()
        .map(|(d, h)| (d.to_string(), h.to_string()))
        .collect();
    let expected = [
        ("2026-12-22", "08:00-12:00, 14:00-18:00"),
        ("2026-12-23", "08:00-12:00"),
        ("2026-12-24", "08:00-12:00"),
        ("2026-12-28", "08:00-12:00"),
        ("2026-12-29", "08:00-12:00, 14:00-18:00"),
        ("2026-12-30", "08:00-12:00"),
        ("2027-01-04", "08:00-12:00"),
    ];
    assert_eq!(listed, expected.map(|(d, h)| (d.to_owned(), h.to_owned())));
}

#[test]
fn exceptions_open_a_holiday_and_close_a_weekday() {
    let ascension = date(2026, 5, 14);
    let s = schedule(
        office(),
        vec![special(ascension, "10:00-14:00", Some("Wahl")), closed_on(date(2026, 6, 10), Some("Betriebsausflug"))],
        Some(Bayern),
    );
    assert_eq!(s.hours_on(ascension), hours("10:00-14:00"));
    assert_eq!(s.status_at(at("2026-05-14T11:00+02:00")), open_until("2026-05-14T14:00+02:00"));
    assert_eq!(
        s.status_at(at("2026-05-14T09:00+02:00")),
        closed(Some("2026-05-14T10:00+02:00"), ClosedReason::Exception(Some("Wahl".into())))
    );
    assert!(s.hours_on(date(2026, 6, 10)).is_closed());
    assert_eq!(
        s.status_at(at("2026-06-10T09:00+02:00")),
        closed(Some("2026-06-11T08:00+02:00"), ClosedReason::Exception(Some("Betriebsausflug".into())))
    );
}

#[test]
fn ranges_adjacent_over_midnight_are_joined() {
    let weekly = week(&[(Monday, "18:00-24:00"), (Tuesday, "00:00-02:00, 08:00-12:00")]);
    let s = schedule(weekly.clone(), vec![], None);
    // Monday, 8 June 2026.
    assert_eq!(s.status_at(at("2026-06-08T17:00+02:00")), closed(Some("2026-06-08T18:00+02:00"), Regular));
    assert_eq!(s.status_at(at("2026-06-08T20:00+02:00")), open_until("2026-06-09T02:00+02:00"));
    assert_eq!(s.status_at(at("2026-06-08T23:59:59+02:00")), open_until("2026-06-09T02:00+02:00"));
    assert_eq!(s.status_at(at("2026-06-09T00:00+02:00")), open_until("2026-06-09T02:00+02:00"));
    assert_eq!(s.status_at(at("2026-06-09T02:00+02:00")), closed(Some("2026-06-09T08:00+02:00"), Regular));

    // When Tuesday is closed, Monday's opening ends at midnight.
    let s = schedule(weekly, vec![closed_on(date(2026, 6, 9), None)], None);
    let until = s.status_at(at("2026-06-08T23:30+02:00"));
    assert_eq!(until, open_until("2026-06-09T00:00+02:00"));
    let OpenStatus::Open { until } = until else { unreachable!() };
    assert_eq!(until.datetime(), date(2026, 6, 9).at(0, 0, 0, 0));
}

#[test]
fn a_location_that_never_closes_reports_the_end_of_the_lookahead() {
    let all_day = [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday].map(|d| (d, "00:00-24:00"));
    let s = schedule(week(&all_day), vec![], None);
    let OpenStatus::Open { until } = s.status_at(at("2026-06-09T10:00+02:00")) else { panic!("open") };
    let cap = date(2026, 6, 9).checked_add((i32::from(LOOKAHEAD_DAYS) + 1).days()).unwrap();
    assert_eq!(until.datetime(), cap.at(0, 0, 0, 0));

    let s = schedule(week(&all_day), vec![closed_on(date(2026, 6, 20), None)], None);
    assert_eq!(s.status_at(at("2026-06-09T10:00+02:00")), open_until("2026-06-20T00:00+02:00"));
}

#[test]
fn the_next_opening_is_searched_60_days_ahead() {
    let today = date(2026, 6, 9);
    let now = at("2026-06-09T10:00+02:00");
    assert_eq!(schedule(WeeklyHours::closed(), vec![], None).status_at(now), closed(None, Regular));
    let last = today.checked_add(i32::from(LOOKAHEAD_DAYS).days()).unwrap();
    let s = schedule(WeeklyHours::closed(), vec![special(last, "09:00-10:00", None)], None);
    let OpenStatus::Closed { opens_at: Some(opens_at), .. } = s.status_at(now) else { panic!("opens") };
    assert_eq!(opens_at.datetime(), last.at(9, 0, 0, 0));
    let too_late = last.tomorrow().unwrap();
    let s = schedule(WeeklyHours::closed(), vec![special(too_late, "09:00-10:00", None)], None);
    assert_eq!(s.status_at(now), closed(None, Regular));
}

#[test]
fn next_openings_lists_open_days_from_today() {
    let s = schedule(office(), vec![], Some(Bayern));
    let week_ahead = s.next_openings(local(date(2026, 6, 1).at(20, 0, 0, 0)), 7);
    let dates: Vec<_> = week_ahead.iter().map(|(d, _)| d.day()).collect();
    // Monday 1 June to Sunday 7 June; Thursday is Corpus Christi.
    assert_eq!(dates, [1, 2, 3, 5]);
    assert!(s.next_openings(at("2026-06-01T20:00+02:00"), 0).is_empty());
}
