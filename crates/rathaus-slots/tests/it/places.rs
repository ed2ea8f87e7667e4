//! Mobile-office sessions and virtual offices through the same engine; serde of the inputs
//! and the availability API body.

use crate::fixtures::*;
use jiff::civil::{Weekday, date, time};
use rathaus_domain::opening_hours::WeeklyHours;
use rathaus_slots::*;

#[test]
fn a_mobile_session_is_a_place_open_only_on_its_session_dates() {
    // The Bürgerkoffer visits the village hall on two Tuesdays; one clerk brings the case.
    let sessions = vec![special(date(2026, 5, 5), "09:00-12:00"), special(date(2026, 5, 19), "14:00-16:00")];
    let opening = schedule(WeeklyHours::closed(), sessions);
    let clerk = CounterPlan {
        counter_id: 901,
        services: ServiceSet::only(["perso", "pass"]),
        staffed: vec![every_day("00:00-24:00")],
    };
    let p = place(opening, 15, vec![clerk], vec![]);
    let grid = capacity_grid(&p, &open_policy(), date(2026, 5, 1), date(2026, 5, 31));
    assert_eq!(grid.len(), 12 + 8);
    let taken = |_: u64, t: jiff::Timestamp| t == local(date(2026, 5, 5), time(9, 30, 0, 0));
    let request = Request { need: &need("perso", 20, 1), channel: Channel::Online, now: local(MON, EARLY) };
    let starts = available_starts(&p, &open_policy(), &grid, taken, &request);
    let days = day_times(&starts, &berlin());
    let shown: Vec<(String, Vec<String>)> =
        days.iter().map(|(d, t)| (d.to_string(), t.iter().map(|&t| hm(t)).collect())).collect();
    assert_eq!(
        shown[0],
        (
            "2026-05-05".to_string(),
            vec![
                "09:00".into(),
                "09:45".into(),
                "10:00".into(),
                "10:15".into(),
                "10:30".into(),
                "10:45".into(),
                "11:00".into(),
                "11:15".into(),
                "11:30".into()
            ]
        )
    );
    assert_eq!(
        shown[1],
        (
            "2026-05-19".to_string(),
            vec![
                "14:00".into(),
                "14:15".into(),
                "14:30".into(),
                "14:45".into(),
                "15:00".into(),
                "15:15".into(),
                "15:30".into()
            ]
        )
    );
}

#[test]
fn a_virtual_office_has_its_own_hours_and_video_clerks() {
    // Video consultations Monday to Thursday 16:00-19:00 and Friday 09:00-11:00.
    let weekly = week(&WEEKDAYS[..4], "16:00-19:00").with(Weekday::Friday, hours("09:00-11:00"));
    let clerks = vec![
        CounterPlan {
            counter_id: 501,
            services: ServiceSet::only(["wohngeld"]),
            staffed: vec![StaffedBlock { weekdays: WEEKDAYS.to_vec(), dates: None, hours: range("00:00-24:00") }],
        },
        CounterPlan {
            counter_id: 502,
            services: ServiceSet::only(["wohngeld", "elterngeld"]),
            staffed: vec![StaffedBlock::weekly(Weekday::Friday, range("09:00-10:00"))],
        },
    ];
    let p = place(schedule(weekly, vec![]), 30, clerks, vec![]);
    let grid = capacity_grid(&p, &open_policy(), MON, date(2026, 5, 8));
    let now = local(MON, EARLY);
    let elterngeld = free_starts(&p, &open_policy(), &grid, &need("elterngeld", 45, 1), Channel::Online, now);
    assert_eq!(elterngeld.len(), 1);
    assert_eq!(
        (hhmm(elterngeld[0].start), hhmm(elterngeld[0].end), elterngeld[0].counter_id),
        ("09:00".into(), "10:00".into(), 502)
    );
    let wohngeld = free_starts(&p, &open_policy(), &grid, &need("wohngeld", 30, 1), Channel::Online, now);
    assert_eq!(start_times(&wohngeld, MON), ["16:00", "16:30", "17:00", "17:30", "18:00", "18:30"]);
    assert_eq!(wohngeld.iter().filter(|s| s.start == local(date(2026, 5, 8), time(9, 0, 0, 0))).count(), 2);
}

#[test]
fn inputs_round_trip_through_serde() {
    let json = serde_json::json!({
        "opening": {
            "weekly": {"mon": ["08:00-12:00"], "thu": ["08:00-12:00", "14:00-18:00"]},
            "exceptions": [{"date": "2026-05-06", "kind": "closed", "note": "Betriebsausflug"}],
            "holidays_state": "NW",
            "time_zone": "Europe/Berlin"
        },
        "slot_minutes": 5,
        "counters": [
            {"counter_id": 1, "services": "all", "staffed": [{"weekdays": ["mon", "thu"], "hours": "08:00-18:00"}]},
            {"counter_id": 2, "services": ["pass"], "staffed": [{"dates": {"first": "2026-05-01", "last": "2026-05-31"}, "hours": "08:00-10:00"}]}
        ],
        "blocks": [{"counter": null, "from": "2026-05-04T08:00:00Z", "to": "2026-05-04T09:00:00Z", "reason": "Teambesprechung"}]
    });
    let p: Place = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(p.counters()[0].staffed[0].weekdays, [Weekday::Monday, Weekday::Thursday]);
    assert_eq!(p.opening().hours_on(date(2026, 5, 6)).to_string(), "");
    let back: Place = serde_json::from_value(serde_json::to_value(&p).unwrap()).unwrap();
    let policy = open_policy();
    assert_eq!(
        capacity_grid(&p, &policy, MON, date(2026, 5, 31)),
        capacity_grid(&back, &policy, MON, date(2026, 5, 31))
    );

    let bad_grid = serde_json::json!({"opening": json["opening"], "slot_minutes": 7, "counters": []});
    assert!(serde_json::from_value::<Place>(bad_grid).is_err());
    let need: Need = serde_json::from_value(
        serde_json::json!({"services": [{"service": "pass", "minutes_per_person": 15, "persons": 3}]}),
    )
    .unwrap();
    assert_eq!(need.minutes(), 45);
    assert!(serde_json::from_value::<Need>(serde_json::json!({"services": []})).is_err());
    let policy: BookingPolicy = serde_json::from_value(serde_json::json!({
        "horizon_days": 56, "min_lead_minutes": 120, "release": {"at": "07:00", "days_ahead": 28},
        "contingents": [{"name": "phone", "share_percent": 20, "release_hours_before": 48}]
    }))
    .unwrap();
    assert_eq!(policy.contingent_block_minutes, 30);
    assert_eq!(serde_json::to_value(Channel::Phone(StaffId(3))).unwrap(), serde_json::json!({"phone": 3}));
}

#[test]
fn the_availability_body_lists_local_dates_and_times() {
    let p = office(vec![counter(1, &["all"], "08:00-09:00"), counter(2, &["all"], "08:30-09:00")]);
    let grid = capacity_grid(&p, &open_policy(), MON, date(2026, 5, 5));
    let starts = free_starts(&p, &open_policy(), &grid, &need("pass", 20, 1), Channel::Online, local(MON, EARLY));
    let body = AvailableDays::from(day_times(&starts, &berlin()));
    let expected = serde_json::json!({"days": [
        {"date": "2026-05-04", "times": ["08:00", "08:10", "08:20", "08:30", "08:40"]},
        {"date": "2026-05-05", "times": ["08:00", "08:10", "08:20", "08:30", "08:40"]}
    ]});
    assert_eq!(serde_json::to_value(&body).unwrap(), expected);
    let at_830 = starts_at_local(&starts, &berlin(), MON, time(8, 30, 0, 0));
    assert_eq!(at_830.iter().map(|s| s.counter_id).collect::<Vec<_>>(), [1, 2]);
}
