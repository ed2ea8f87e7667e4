//! Micro-benchmark of the slot engine: 12 locations with 100 counters in total, an 8-week
//! horizon and a 5-minute grid. Prints the median of repeated runs for the capacity grid and
//! for the available starts of one request (with about a third of the slots booked).
//!
//! `cargo run --release -p rathaus-slots --example grid_bench`

use jiff::Timestamp;
use jiff::civil::{Time, Weekday, date};
use jiff::tz::TimeZone;
use rathaus_domain::FederalState;
use rathaus_domain::opening_hours::{DayHours, Schedule, TimeRange, WeeklyHours};
use rathaus_slots::*;
use std::collections::HashSet;
use std::hint::black_box;
use std::time::{Duration, Instant};

const RUNS: usize = 31;
const SERVICES: [&str; 6] = ["pass", "perso", "meldung", "kfz", "fuehrerschein", "beglaubigung"];

fn main() {
    let tz = TimeZone::get("Europe/Berlin").expect("bundled tzdb");
    let (from, to) = (date(2026, 5, 4), date(2026, 6, 28));
    let places: Vec<Place> = (0..12).map(|i| location(i, &tz)).collect();
    let policy = policy();
    let now = date(2026, 5, 4).to_datetime(Time::constant(7, 30, 0, 0)).to_zoned(tz.clone()).unwrap().timestamp();

    let grid_time = median(|| {
        black_box(places.iter().map(|p| capacity_grid(p, &policy, from, to)).collect::<Vec<_>>());
    });
    let grids: Vec<Vec<CounterSlot>> = places.iter().map(|p| capacity_grid(p, &policy, from, to)).collect();
    let slots: usize = grids.iter().map(Vec::len).sum();
    let taken: Vec<HashSet<(u64, Timestamp)>> = grids
        .iter()
        .map(|g| {
            g.iter()
                .filter(|s| hash(s.counter_id, s.start).is_multiple_of(3))
                .map(|s| (s.counter_id, s.start))
                .collect()
        })
        .collect();

    let need = Need::new(vec![NeedItem::new("pass", 15, 2), NeedItem::new("perso", 10, 1)]).expect("valid need");
    let request = Request { need: &need, channel: Channel::Online, now };
    let starts_of =
        |i: usize| available_starts(&places[i], &policy, &grids[i], |c, t| taken[i].contains(&(c, t)), &request);
    let all_time = median(|| {
        black_box((0..12).map(starts_of).collect::<Vec<_>>());
    });
    let untaken_time = median(|| {
        black_box(
            (0..12)
                .map(|i| available_starts(&places[i], &policy, &grids[i], |_, _| false, &request))
                .collect::<Vec<_>>(),
        );
    });
    let one_time = median(|| {
        black_box(starts_of(0));
    });
    let starts: Vec<Vec<Start>> = (0..12).map(starts_of).collect();
    let days_time = median(|| {
        black_box(starts.iter().map(|s| day_times(s, &tz)).collect::<Vec<_>>());
    });
    let one_grid_time = median(|| {
        black_box(capacity_grid(&places[0], &policy, from, to));
    });

    println!("12 locations, {} counters, {from}..{to} (8 weeks), 5-minute grid", counters(&places));
    println!("counter-slots: {slots} ({} booked)", taken.iter().map(HashSet::len).sum::<usize>());
    println!("starts found for 2 x pass 15' + perso 10' (40 min): {}", starts.iter().map(Vec::len).sum::<usize>());
    println!("median of {RUNS} runs:");
    println!("  capacity_grid, 12 locations:     {}", ms(grid_time));
    println!("  capacity_grid, 1 location:       {}", ms(one_grid_time));
    println!("  available_starts, 12 locations:  {}", ms(all_time));
    println!("  available_starts, 1 location:    {}", ms(one_time));
    println!("  available_starts, 12, no lookup: {}  (nothing booked: cost without the HashSet)", ms(untaken_time));
    println!("  day_times, 12 locations:         {}", ms(days_time));
}

fn location(i: u64, tz: &TimeZone) -> Place {
    let h = |s: &str| DayHours::parse(s).expect("valid hours");
    let weekly = WeeklyHours::closed()
        .with(Weekday::Monday, h("07:30-12:30"))
        .with(Weekday::Tuesday, h("07:30-12:30, 14:00-18:00"))
        .with(Weekday::Wednesday, h("07:30-12:30"))
        .with(Weekday::Thursday, h("07:30-12:30, 14:00-18:00"))
        .with(Weekday::Friday, h("07:30-12:30"))
        .with(Weekday::Saturday, if i.is_multiple_of(3) { h("09:00-12:00") } else { DayHours::closed() });
    let opening =
        Schedule::new(weekly, [], Some(FederalState::NordrheinWestfalen), tz.clone()).expect("valid schedule");
    let n = if i < 4 { 9 } else { 8 };
    let counters = (0..n)
        .map(|c| {
            let id = i * 100 + c;
            let services = if c % 3 == 0 {
                ServiceSet::all()
            } else {
                ServiceSet::only(SERVICES.iter().skip((c % 4) as usize).take(3).copied())
            };
            let range = |s: &str| TimeRange::parse(s).expect("valid range");
            let staffed = vec![
                StaffedBlock {
                    weekdays: vec![],
                    dates: None,
                    hours: range(if c % 2 == 0 { "07:30-13:00" } else { "08:00-12:30" }),
                },
                StaffedBlock {
                    weekdays: vec![Weekday::Tuesday, Weekday::Thursday],
                    dates: None,
                    hours: range("14:00-18:00"),
                },
            ];
            CounterPlan { counter_id: id, services, staffed }
        })
        .collect();
    let meeting = Block {
        counter: None,
        from: date(2026, 5, 6).to_datetime(Time::constant(7, 30, 0, 0)).to_zoned(tz.clone()).unwrap().timestamp(),
        to: date(2026, 5, 6).to_datetime(Time::constant(9, 0, 0, 0)).to_zoned(tz.clone()).unwrap().timestamp(),
        reason: "Teambesprechung".into(),
    };
    Place::new(opening, SlotMinutes::new(5).expect("divides 60"), counters, vec![meeting]).expect("valid place")
}

fn policy() -> BookingPolicy {
    let c = |name, share_percent, release_hours_before| Contingent { name, share_percent, release_hours_before };
    let contingents =
        vec![c(ContingentName::Phone, 15, 48), c(ContingentName::WalkIn, 10, 2), c(ContingentName::Emergency, 5, 4)];
    BookingPolicy {
        horizon_days: 56,
        min_lead_minutes: 120,
        release: Some(RollingRelease { at: Time::constant(7, 0, 0, 0), days_ahead: 56 }),
        contingents: Contingents::new(contingents).expect("valid contingents"),
        contingent_block_minutes: 30,
    }
}

fn counters(places: &[Place]) -> usize {
    places.iter().map(|p| p.counters().len()).sum()
}

fn hash(counter: u64, t: Timestamp) -> u64 {
    let h = counter.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ t.as_second() as u64;
    (h ^ (h >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9) >> 7
}

fn median(mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort_unstable();
    times[RUNS / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}
