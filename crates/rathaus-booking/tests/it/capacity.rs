//! Capacity rows: regeneration is idempotent, follows the plan (counter services, staffing,
//! blocks) and never deletes a booked row; the daily roll keeps the horizon filled.

use crate::support::*;
use jiff::civil::{Weekday, date};
use rathaus_booking::{Channel, Location, Search, book, by_place, regenerate, roll_forward};
use rathaus_db::appointments::plan::{self, StaffingBlock};
use rathaus_db::catalog::services;
use rathaus_domain::opening_hours::TimeRange;
use rathaus_test_db::dual_test;

dual_test!(
    async fn regenerate_is_idempotent_and_never_deletes_booked_rows(t: TestDb) {
        let db = &t.db;
        let a = demo_tenant(db, "musterstadt", "05999001").await;
        let mitte = place(db, a, "buergerbuero-mitte").await;
        let first = regenerate(db, a, mitte, D, D, now()).await.unwrap();
        // Wednesday 08:00–13:00 at 8 counters on a 5-minute grid.
        assert_eq!((first.inserted, first.deleted, first.updated), (8 * 60, 0, 0));
        assert_eq!(count(db, &format!("SELECT COUNT(*) FROM capacity_slots WHERE place_id = {mitte}")).await, 480);
        let again = regenerate(db, a, mitte, D, D, now()).await.unwrap();
        assert!(!again.changed() && again.conflicts.is_empty(), "{again:?}");

        let counter = counter_ids(db, a, mitte).await[0];
        let (clerk, entry) = clerk(db, a).await;
        let req = request(mitte, start(counter, at(D, 10, 0), 15), ausweis(), Channel::Phone(clerk));
        let booked = book(db, a, &req, &contact(1), None, Some(entry), now()).await.unwrap();
        let id = booked.appointment_id;

        // A staff meeting 09:30–11:00: its rows leave the grid, except the booked ones.
        let block =
            plan::add_time_block(db, a, mitte, None, at(D, 9, 30).as_second(), at(D, 11, 0).as_second(), "meeting")
                .await
                .unwrap();
        let blocked = regenerate(db, a, mitte, D, D, now()).await.unwrap();
        assert_eq!((blocked.inserted, blocked.deleted), (0, 8 * 18 - 3));
        assert_eq!(blocked.conflicts.len(), 3, "the booked rows are reported");
        assert!(blocked.conflicts.iter().all(|c| c.appointment_id == Some(id) && c.counter_id == counter));
        assert_eq!(count(db, &format!("SELECT COUNT(*) FROM capacity_slots WHERE appointment_id = {id}")).await, 3);
        let (from, to) = (at(D, 9, 30).as_second(), at(D, 11, 0).as_second());
        let in_block = format!(
            "SELECT COUNT(*) FROM capacity_slots WHERE place_id = {mitte} AND start_s >= {from} AND start_s < {to}"
        );
        assert_eq!(count(db, &in_block).await, 3, "only the booked rows remain in the block");
        let repeat = regenerate(db, a, mitte, D, D, now()).await.unwrap();
        assert!(!repeat.changed(), "{repeat:?}");
        assert_eq!(repeat.conflicts, blocked.conflicts);

        plan::remove_time_block(db, a, block.id).await.unwrap();
        let back = regenerate(db, a, mitte, D, D, now()).await.unwrap();
        assert_eq!((back.inserted, back.deleted, back.conflicts.len()), (8 * 18 - 3, 0, 0));
        assert_eq!(count(db, &format!("SELECT COUNT(*) FROM capacity_slots WHERE place_id = {mitte}")).await, 480);
    }
);

dual_test!(
    async fn counter_services_and_staffing_shape_the_grid(t: TestDb) {
        let db = &t.db;
        let a = demo_tenant(db, "musterstadt", "05999001").await;
        let mitte = place(db, a, "buergerbuero-mitte").await;
        let counters = counter_ids(db, a, mitte).await;
        let passport = services::get_by_slug(db, a, "reisepass-beantragen").await.unwrap().unwrap();
        // Counter 1 does passports only; counter 2 is staffed on Wednesdays 10–12 only.
        plan::set_counter_services(db, a, counters[0], &[passport.id]).await.unwrap();
        let wednesday = StaffingBlock {
            counter_id: counters[1],
            weekday: Some(Weekday::Wednesday),
            date_from: None,
            date_to: None,
            hours: TimeRange::parse("10:00-12:00").unwrap(),
        };
        plan::replace_staffing(db, a, counters[1], &[wednesday]).await.unwrap();
        regenerate(db, a, mitte, D, D, now()).await.unwrap();
        let rows = |c: i64| format!("SELECT COUNT(*) FROM capacity_slots WHERE counter_id = {c}");
        assert_eq!(count(db, &rows(counters[0])).await, 60, "staffed whenever open by default");
        assert_eq!(count(db, &rows(counters[1])).await, 24);

        let services = ausweis();
        let search = Search {
            services: &services,
            location: Location::Place(mitte),
            from: D,
            to: D,
            channel: Channel::Online,
            now: now(),
        };
        let starts = &by_place(db, a, &search).await.unwrap()[0].starts;
        assert!(!starts.is_empty());
        let c0 = u64::try_from(counters[0]).unwrap();
        let c1 = u64::try_from(counters[1]).unwrap();
        assert!(starts.iter().all(|s| s.counter_id != c0), "counter 1 does not do identity cards");
        let on_c1: Vec<_> = starts.iter().filter(|s| s.counter_id == c1).collect();
        assert_eq!(on_c1.first().unwrap().start, at(D, 10, 0));
        assert_eq!(on_c1.last().unwrap().start, at(D, 11, 45));

        // Tenant isolation of the plan: another tenant cannot touch these counters.
        let b = rathaus_test_db::fixtures::tenant(db, "kleindorf", "09999002").await;
        assert!(plan::set_counter_services(db, b, counters[0], &[]).await.is_err());
        assert!(plan::replace_staffing(db, b, counters[1], &[]).await.is_err());
        assert!(plan::add_time_block(db, b, mitte, None, 0, 60, "x").await.is_err());
    }
);

dual_test!(
    async fn the_daily_roll_fills_the_horizon_and_prunes_the_past(t: TestDb) {
        let db = &t.db;
        let a = demo_tenant(db, "musterstadt", "05999001").await;
        let sued = place(db, a, "buergerbuero-sued").await;
        let mut short = plan::policy(db, a, sued).await.unwrap();
        short.horizon_days = 14;
        for p in rathaus_db::catalog::places::list_all(db, a).await.unwrap() {
            plan::set_policy(db, a, p.id, &short).await.unwrap();
        }
        let reports = roll_forward(db, a, now()).await.unwrap();
        assert!(reports.len() >= 7, "every place with counters: {}", reports.len());
        assert!(reports.iter().all(|(_, r)| r.inserted > 0 && r.conflicts.is_empty()));
        let last = at(date(2026, 11, 17), 0, 0).as_second();
        let beyond = format!("SELECT COUNT(*) FROM capacity_slots WHERE start_s >= {last}");
        assert_eq!(count(db, &beyond).await, 0, "nothing beyond today + 14 days");
        let on_last_day =
            format!("SELECT COUNT(*) FROM capacity_slots WHERE start_s >= {} AND start_s < {last}", last - 86_400);
        assert!(count(db, &on_last_day).await > 0);
        assert!(roll_forward(db, a, now()).await.unwrap().iter().all(|(_, r)| !r.changed()));

        let next_day = at(date(2026, 11, 3), 7, 0);
        let rolled = roll_forward(db, a, next_day).await.unwrap();
        assert!(rolled.iter().any(|(_, r)| r.inserted > 0), "one more day");
        let past =
            format!("SELECT COUNT(*) FROM capacity_slots WHERE start_s < {}", at(date(2026, 11, 3), 0, 0).as_second());
        assert_eq!(count(db, &past).await, 0, "free rows of past days are pruned");
    }
);
