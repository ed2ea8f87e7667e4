//! Contingents and the rolling release, enforced by the conditional UPDATE as well as shown
//! by availability.

use crate::support::*;
use jiff::civil::date;
use rathaus_booking::{
    BookingError, Channel, Location, Search, StaffId, Start, by_place, hold, regenerate, set_policy,
};
use rathaus_db::appointments::plan;
use rathaus_db::{DatabaseConnection, TenantId};
use rathaus_test_db::dual_test;

async fn online_starts(db: &DatabaseConnection, tenant: TenantId, place: i64, at_now: jiff::Timestamp) -> Vec<Start> {
    let services = ausweis();
    let search = Search {
        services: &services,
        location: Location::Place(place),
        from: D,
        to: D,
        channel: Channel::Online,
        now: at_now,
    };
    by_place(db, tenant, &search).await.unwrap().into_iter().flat_map(|p| p.starts).collect()
}

dual_test!(
    async fn online_cannot_take_unreleased_phone_contingent_but_phone_can(t: TestDb) {
        let db = &t.db;
        let a = demo_tenant(db, "musterstadt", "05999001").await;
        let sued = place(db, a, "buergerbuero-sued").await;
        let mut policy = plan::policy(db, a, sued).await.unwrap();
        policy.contingents = serde_json::json!([{"name": "phone", "share_percent": 120, "release_hours_before": 24}]);
        let refused = set_policy(db, a, sued, &policy).await;
        assert!(matches!(refused, Err(BookingError::Invalid("policy-contingents"))), "{refused:?}");
        policy.contingents = serde_json::json!([{"name": "phone", "share_percent": 50, "release_hours_before": 24}]);
        set_policy(db, a, sued, &policy).await.unwrap();
        regenerate(db, a, sued, D, D, now()).await.unwrap();
        let tagged =
            "SELECT COUNT(*) FROM capacity_slots WHERE contingent = 'phone' AND release_at_s = start_s - 86400";
        let total = count(db, "SELECT COUNT(*) FROM capacity_slots").await;
        let phone = count(db, tagged).await;
        assert!((phone * 2 - total).abs() <= 6, "half of the day to within half a run: {phone} of {total}");

        // The first phone run: six slots from its start on one counter.
        let first = "SELECT counter_id FROM capacity_slots WHERE contingent = 'phone' ORDER BY start_s, counter_id";
        let counter = count(db, first).await;
        let start_s = count(
            db,
            &format!("SELECT MIN(start_s) FROM capacity_slots WHERE contingent = 'phone' AND counter_id = {counter}"),
        )
        .await;
        let phone_slot = start(counter, jiff::Timestamp::from_second(start_s).unwrap(), 15);
        assert!(!online_starts(db, a, sued, now()).await.contains(&phone_slot));
        let online = hold(db, a, &request(sued, phone_slot, ausweis(), Channel::Online), now()).await;
        assert!(matches!(online, Err(BookingError::SlotTaken(_))), "{online:?}");
        let walk_in = hold(db, a, &request(sued, phone_slot, ausweis(), Channel::WalkIn), now()).await;
        assert!(matches!(walk_in, Err(BookingError::SlotTaken(_))), "not the walk-in reserve");
        let (clerk, _) = clerk(db, a).await;
        hold(db, a, &request(sued, phone_slot, ausweis(), Channel::Phone(clerk)), now()).await.unwrap();

        // Each slot is everyone's from 24 hours before its start: the run's last three slots
        // once the last of them is released, not before.
        let later = start(counter, jiff::Timestamp::from_second(start_s + 15 * 60).unwrap(), 15);
        let almost = jiff::Timestamp::from_second(start_s + 25 * 60 - 86_400 - 1).unwrap();
        assert!(!online_starts(db, a, sued, almost).await.contains(&later));
        let released = jiff::Timestamp::from_second(start_s + 25 * 60 - 86_400).unwrap();
        assert!(online_starts(db, a, sued, released).await.contains(&later));
        let early = hold(db, a, &request(sued, later, ausweis(), Channel::Online), almost).await;
        assert!(matches!(early, Err(BookingError::SlotTaken(_))), "the UPDATE checks the release too");
        hold(db, a, &request(sued, later, ausweis(), Channel::Online), released).await.unwrap();
    }
);

dual_test!(
    async fn rolling_release_opens_one_day_at_the_release_time(t: TestDb) {
        let db = &t.db;
        let a = demo_tenant(db, "musterstadt", "05999001").await;
        let sued = place(db, a, "buergerbuero-sued").await;
        let mut policy = plan::policy(db, a, sued).await.unwrap();
        policy.release = Some((jiff::civil::time(7, 0, 0, 0), 2));
        plan::set_policy(db, a, sued, &policy).await.unwrap();
        regenerate(db, a, sued, D, D, now()).await.unwrap();
        let counter = counter_ids(db, a, sued).await[0];
        let nine = start(counter, at(D, 9, 0), 15);
        let before = at(date(2026, 11, 2), 6, 59);
        assert!(online_starts(db, a, sued, before).await.is_empty(), "4 November opens on 2 November at 07:00");
        for channel in [Channel::Online, Channel::Phone(StaffId(7))] {
            let early = hold(db, a, &request(sued, nine, ausweis(), channel), before).await;
            assert!(matches!(early, Err(BookingError::SlotTaken(_))), "{early:?}");
        }
        let open = at(date(2026, 11, 2), 7, 0);
        assert!(online_starts(db, a, sued, open).await.contains(&nine));
        hold(db, a, &request(sued, nine, ausweis(), Channel::Online), open).await.unwrap();
    }
);
