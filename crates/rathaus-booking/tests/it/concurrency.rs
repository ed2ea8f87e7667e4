//! The overbooking guarantee under real concurrency: many tasks on separate pooled
//! connections (on PostgreSQL also a second pool, as a second node would have) race for
//! the last free capacity; exactly that capacity is confirmed. Also racing repeats of one
//! confirmation, racing cancellations and the per-contact cap under a race.

use crate::support::*;
use rathaus_booking::{
    AppointmentRef, BookingError, Channel, Contact, HoldRequest, book, cancel, confirm, hold, regenerate,
};
use rathaus_db::appointments::plan;
use rathaus_db::{DatabaseConnection, TenantId};
use rathaus_test_db::{Engine, TestDb, dual_test};
use std::time::Instant;

const ATTEMPTS: usize = 200;

/// The test's pool plus, on PostgreSQL, a second pool of its own.
async fn pools(t: &TestDb) -> Vec<DatabaseConnection> {
    let mut pools = vec![t.db.clone()];
    if t.engine == Engine::Postgres {
        pools.push(rathaus_db::connect(&t.url).await.unwrap());
    }
    pools
}

/// Süd on `D` with only 09:00–09:15 free in the morning: one 15-minute run per counter,
/// three in all. The afternoon stays free for alternatives.
async fn last_three(db: &DatabaseConnection) -> (TenantId, i64, Vec<i64>) {
    let a = demo_tenant(db, "musterstadt", "05999001").await;
    let sued = place(db, a, "buergerbuero-sued").await;
    for (from, to) in [(at(D, 8, 0), at(D, 9, 0)), (at(D, 9, 15), at(D, 12, 0))] {
        plan::add_time_block(db, a, sued, None, from.as_second(), to.as_second(), "full").await.unwrap();
    }
    regenerate(db, a, sued, D, D, now()).await.unwrap();
    let morning = format!("SELECT COUNT(*) FROM capacity_slots WHERE start_s < {}", at(D, 12, 0).as_second());
    assert_eq!(count(db, &morning).await, 9);
    (a, sued, counter_ids(db, a, sued).await)
}

dual_test!(
    async fn racing_bookings_confirm_exactly_the_free_capacity(t: TestDb) {
        let (a, sued, counters) = last_three(&t.db).await;
        let pools = pools(&t).await;
        let began = Instant::now();
        let tasks: Vec<_> = (0..ATTEMPTS)
            .map(|i| {
                let db = pools[i % pools.len()].clone();
                let req = request(sued, start(counters[i % 3], at(D, 9, 0), 15), ausweis(), Channel::Online);
                tokio::spawn(async move {
                    let held = hold(&db, a, &req, now()).await?;
                    confirm(&db, a, &held.id, &contact(i), Some(&format!("attempt-{i}")), None, now()).await
                })
            })
            .collect();
        let (mut confirmed, mut taken) = (Vec::new(), 0);
        for task in tasks {
            match task.await.unwrap() {
                Ok(c) => confirmed.push(c.appointment_id),
                Err(BookingError::SlotTaken(s)) => {
                    assert!(!s.alternatives.is_empty(), "a refusal offers other times");
                    taken += 1;
                }
                Err(e) => panic!("unexpected: {e:?}"),
            }
        }
        let elapsed = began.elapsed();
        eprintln!(
            "{:?}: {ATTEMPTS} racing hold+confirm over {} pool(s): {} confirmed, {taken} slot taken, {elapsed:?}",
            t.engine,
            pools.len(),
            confirmed.len()
        );
        assert_eq!((confirmed.len(), taken), (3, ATTEMPTS - 3));

        let db = &t.db;
        assert_eq!(count(db, "SELECT COUNT(*) FROM appointments WHERE status = 'confirmed'").await, 3);
        assert_eq!(count(db, "SELECT COUNT(*) FROM appointments").await, 3, "refused holds left nothing behind");
        assert_eq!(count(db, "SELECT COUNT(*) FROM capacity_slots WHERE appointment_id IS NOT NULL").await, 9);
        assert_eq!(count(db, "SELECT COUNT(*) FROM capacity_slots WHERE hold_id IS NOT NULL").await, 0);
        let not_three = "SELECT COUNT(*) FROM (SELECT appointment_id FROM capacity_slots \
                         WHERE appointment_id IS NOT NULL GROUP BY appointment_id HAVING COUNT(*) <> 3) x";
        assert_eq!(count(db, not_three).await, 0, "each appointment has exactly its three slots");
        let overlapping = "SELECT COUNT(*) FROM appointments a JOIN appointments b \
                           ON a.counter_id = b.counter_id AND a.id < b.id \
                           AND a.start_s < b.end_s AND b.start_s < a.end_s \
                           WHERE a.status = 'confirmed' AND b.status = 'confirmed'";
        assert_eq!(count(db, overlapping).await, 0, "no two appointments share a counter-slot");
        let counters_used = "SELECT COUNT(DISTINCT counter_id) FROM appointments WHERE status = 'confirmed'";
        assert_eq!(count(db, counters_used).await, 3);
    }
);

dual_test!(
    async fn racing_repeats_make_one_appointment_and_one_cancellation(t: TestDb) {
        let (a, sued, counters) = last_three(&t.db).await;
        let pools = pools(&t).await;
        let db = &t.db;
        let req = request(sued, start(counters[0], at(D, 9, 0), 15), ausweis(), Channel::Online);
        let held = hold(db, a, &req, now()).await.unwrap();
        let tasks: Vec<_> = (0..20)
            .map(|i| {
                let (db, id) = (pools[i % pools.len()].clone(), held.id.clone());
                tokio::spawn(async move { confirm(&db, a, &id, &contact(1), Some("one-key"), None, now()).await })
            })
            .collect();
        let mut ids = Vec::new();
        let mut tokens = Vec::new();
        for task in tasks {
            let c = task.await.unwrap().unwrap();
            ids.push(c.appointment_id);
            tokens.extend(c.manage_token);
        }
        ids.dedup();
        assert_eq!(ids.len(), 1, "every repeat names the same appointment");
        assert_eq!(tokens.len(), 1, "one first confirmation, the rest replays");
        assert_eq!(count(db, "SELECT COUNT(*) FROM appointments WHERE status = 'confirmed'").await, 1);

        let token = tokens.pop().unwrap();
        let tasks: Vec<_> = (0..20)
            .map(|i| {
                let (db, token) = (pools[i % pools.len()].clone(), token.clone());
                tokio::spawn(
                    async move { cancel(&db, a, AppointmentRef::ManageToken(token.as_str()), None, now()).await },
                )
            })
            .collect();
        let (mut first, mut freed) = (0, 0);
        for task in tasks {
            let c = task.await.unwrap().unwrap();
            first += usize::from(!c.already);
            freed += c.freed_slots;
        }
        assert_eq!((first, freed), (1, 3));
    }
);

dual_test!(
    async fn the_contact_cap_holds_under_a_race(t: TestDb) {
        let db = &t.db;
        let a = demo_tenant(db, "musterstadt", "05999001").await;
        let mitte = place(db, a, "buergerbuero-mitte").await;
        regenerate(db, a, mitte, D, D, now()).await.unwrap();
        let mut policy = plan::policy(db, a, mitte).await.unwrap();
        policy.max_active_per_contact = 1;
        plan::set_policy(db, a, mitte, &policy).await.unwrap();
        let counters = counter_ids(db, a, mitte).await;
        let pools = pools(&t).await;
        let anna = Contact::parse("Anna", Some("anna@example.org"), None).unwrap();
        let tasks: Vec<_> = (0..24)
            .map(|i| {
                let (db, anna) = (pools[i % pools.len()].clone(), anna.clone());
                let slot = start(counters[i % 8], minutes(at(D, 9, 0), 15 * (i as i64 / 8)), 15);
                let req: HoldRequest = request(mitte, slot, ausweis(), Channel::Online);
                tokio::spawn(async move { book(&db, a, &req, &anna, None, None, now()).await })
            })
            .collect();
        let (mut ok, mut capped) = (0, 0);
        for task in tasks {
            match task.await.unwrap() {
                Ok(_) => ok += 1,
                Err(BookingError::ContactLimit { limit: 1 }) => capped += 1,
                Err(e) => panic!("unexpected: {e:?}"),
            }
        }
        assert_eq!((ok, capped), (1, 23));
        assert_eq!(count(db, "SELECT COUNT(*) FROM appointments").await, 1);
    }
);

dual_test!(
    async fn racing_overlapping_runs_never_share_a_slot(t: TestDb) {
        let db = &t.db;
        let a = demo_tenant(db, "musterstadt", "05999001").await;
        let sued = place(db, a, "buergerbuero-sued").await;
        // 09:00–09:30 free: six slots per counter, room for two 15-minute appointments.
        for (from, to) in [(at(D, 8, 0), at(D, 9, 0)), (at(D, 9, 30), at(D, 12, 0))] {
            plan::add_time_block(db, a, sued, None, from.as_second(), to.as_second(), "full").await.unwrap();
        }
        regenerate(db, a, sued, D, D, now()).await.unwrap();
        let counters = counter_ids(db, a, sued).await;
        let pools = pools(&t).await;
        // Starts at :00, :05, :10 and :15, which overlap each other in every pair but one.
        let attempts: Vec<(i64, jiff::Timestamp)> =
            (0..ATTEMPTS).map(|i| (counters[i % 3], minutes(at(D, 9, 0), 5 * ((i as i64 / 3) % 4)))).collect();
        let tasks: Vec<_> = attempts
            .iter()
            .enumerate()
            .map(|(i, &(counter, at_time))| {
                let db = pools[i % pools.len()].clone();
                let req = request(sued, start(counter, at_time, 15), ausweis(), Channel::Online);
                tokio::spawn(async move {
                    let held = hold(&db, a, &req, now()).await?;
                    confirm(&db, a, &held.id, &contact(i), None, None, now()).await
                })
            })
            .collect();
        let mut failed = Vec::new();
        for (task, attempt) in tasks.into_iter().zip(&attempts) {
            match task.await.unwrap() {
                Ok(_) => {}
                Err(BookingError::SlotTaken(_)) => failed.push(*attempt),
                Err(e) => panic!("unexpected: {e:?}"),
            }
        }
        let overlapping = "SELECT COUNT(*) FROM appointments a JOIN appointments b \
                           ON a.counter_id = b.counter_id AND a.id < b.id \
                           AND a.start_s < b.end_s AND b.start_s < a.end_s";
        assert_eq!(count(db, overlapping).await, 0);
        let confirmed = count(db, "SELECT COUNT(*) FROM appointments WHERE status = 'confirmed'").await;
        assert!((3..=6).contains(&confirmed), "{confirmed}");
        assert_eq!(
            count(db, "SELECT COUNT(*) FROM capacity_slots WHERE appointment_id IS NOT NULL").await,
            confirmed * 3
        );
        // Every refusal was right: an appointment overlaps the run it asked for.
        for (counter, at_time) in failed {
            let (s, e) = (at_time.as_second(), at_time.as_second() + 900);
            let blocking = format!(
                "SELECT COUNT(*) FROM appointments WHERE status = 'confirmed' AND counter_id = {counter} \
                 AND start_s < {e} AND {s} < end_s"
            );
            assert!(count(db, &blocking).await >= 1, "refused without a conflict at {at_time}");
        }
    }
);

dual_test!(
    async fn racing_staff_bookings_with_one_key_make_one_appointment(t: TestDb) {
        let (a, sued, counters) = last_three(&t.db).await;
        let pools = pools(&t).await;
        let db = &t.db;
        // Different times (a form sent again after the clerk changed the time): one key, one
        // appointment; the unique index settles the race, the losers read the winner.
        let tasks: Vec<_> = (0..12)
            .map(|i| {
                let db = pools[i % pools.len()].clone();
                let slot = start(counters[i % 3], minutes(at(D, 14, 0), 15 * (i as i64 / 3)), 15);
                let req = request(sued, slot, ausweis(), Channel::WalkIn);
                tokio::spawn(async move { book(&db, a, &req, &contact(1), Some("desk-form-1"), None, now()).await })
            })
            .collect();
        let mut ids = Vec::new();
        for task in tasks {
            ids.push(task.await.unwrap().unwrap().appointment_id);
        }
        ids.dedup();
        assert_eq!(ids.len(), 1, "{ids:?}");
        assert_eq!(count(db, "SELECT COUNT(*) FROM appointments").await, 1);
        let booked = count(db, "SELECT COUNT(*) FROM capacity_slots WHERE appointment_id IS NOT NULL").await;
        assert_eq!(booked, 3, "the losers' rows are free again");
    }
);
