//! Durability: a committed confirmation survives the process dying, an uncommitted hold
//! leaves nothing behind – on both engines. A child process (this test binary, running
//! the ignored `crash_child`) books, starts a hold transaction, reports both on stdout and
//! is killed (SIGKILL) in the middle of it; the database is then opened afresh.

use crate::support::*;
use rathaus_booking::{AppointmentRef, Channel, book, find, hold, regenerate};
use rathaus_db::appointments::records::{self, BookedService, NewHold};
use rathaus_db::appointments::slots::{self, ContingentAccess, SlotRun};
use rathaus_db::catalog::services;
use rathaus_db::{DatabaseConnection, TenantId, begin_write};
use rathaus_test_db::dual_test;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

const URL: &str = "RATHAUS_CRASH_URL";

/// The child process, killed (SIGKILL) and reaped when dropped – also when the test fails.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Writes a hold of `[start, start + 15 min)` at `counter` inside `tx` without committing.
async fn uncommitted_hold(
    tx: &impl sea_orm::ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    counter_id: i64,
    service_id: i64,
    start: jiff::Timestamp,
) -> i64 {
    let now_s = now().as_second();
    let run = SlotRun { place_id, counter_id, start_s: start.as_second(), end_s: start.as_second() + 900 };
    let services = [BookedService { service_id, persons: 1, minutes: 15 }];
    let new = NewHold {
        run,
        channel: "online",
        booked_by_user_id: None,
        hold_token_hash: Some(rathaus_db::token_hash(&format!("in-flight-{counter_id}"))),
        held_until_s: now_s + 600,
        services: &services,
    };
    let held = records::insert_held(tx, tenant, &new, now_s).await.unwrap();
    let taken = slots::take_for_hold(tx, tenant, run, held.id, now_s + 600, ContingentAccess::None, now_s).await;
    assert_eq!(taken.unwrap(), 3);
    held.id
}

async fn ausweis_id(db: &DatabaseConnection, tenant: TenantId) -> i64 {
    services::get_by_slug(db, tenant, "personalausweis-beantragen").await.unwrap().unwrap().id
}

dual_test!(
    async fn a_confirmation_survives_a_crash_and_an_uncommitted_hold_does_not(t: TestDb) {
        let db = &t.db;
        let a = demo_tenant(db, "musterstadt", "05999001").await;
        let sued = place(db, a, "buergerbuero-sued").await;
        regenerate(db, a, sued, D, D, now()).await.unwrap();
        let counters = counter_ids(db, a, sued).await;
        let service = ausweis_id(db, a).await;

        // In this process: a pool dropped, without closing, in the middle of a hold.
        {
            let pool = rathaus_db::connect(&t.url).await.unwrap();
            let tx = begin_write(&pool).await.unwrap();
            uncommitted_hold(&tx, a, sued, counters[1], service, at(D, 10, 0)).await;
            drop(tx);
            drop(pool);
        }

        // In a child process that is killed while its hold transaction is open.
        let mut child = Child(
            Command::new(std::env::current_exe().unwrap())
                .args(["crash::crash_child", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
                .env(URL, &t.url)
                .env("RATHAUS_CRASH_IDS", format!("{} {sued} {} {service}", a.0, counters[0]))
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .spawn()
                .unwrap(),
        );
        let stdout = child.0.stdout.take().unwrap();
        let committed = tokio::task::spawn_blocking(move || {
            let mut committed = None;
            for line in BufReader::new(stdout).lines() {
                // The harness may print its "test … " prefix on the same line.
                let line = line.unwrap();
                if let Some((_, id)) = line.split_once("COMMITTED ") {
                    committed = Some(id.trim().parse::<i64>().unwrap());
                }
                if line.contains("IN-FLIGHT") {
                    return committed;
                }
            }
            panic!("the child ended before its hold was in flight")
        })
        .await
        .unwrap()
        .expect("the child confirmed an appointment");
        drop(child);

        let reopened = rathaus_db::connect(&t.url).await.unwrap();
        let row = find(&reopened, a, AppointmentRef::Id(committed)).await.unwrap().expect("durable");
        assert_eq!(row.status, "confirmed");
        let rows = format!("SELECT COUNT(*) FROM capacity_slots WHERE appointment_id = {committed}");
        assert_eq!(count(&reopened, &rows).await, 3);
        assert_eq!(count(&reopened, "SELECT COUNT(*) FROM appointments").await, 1, "no trace of either hold");
        assert_eq!(count(&reopened, "SELECT COUNT(*) FROM capacity_slots WHERE hold_id IS NOT NULL").await, 0);
        // Both times are free for others.
        for (counter, hour) in [(counters[1], 10), (counters[0], 11)] {
            let req = request(sued, start(counter, at(D, hour, 0), 15), ausweis(), Channel::Online);
            hold(&reopened, a, &req, now()).await.unwrap();
        }
        reopened.close().await.unwrap();
    }
);

/// The child of the crash test: books, opens a hold transaction, says so, and waits to be
/// killed. Does nothing when run on its own.
#[tokio::test]
#[ignore = "run in a child process by the crash test, which kills it"]
async fn crash_child() {
    let (Ok(url), Ok(ids)) = (std::env::var(URL), std::env::var("RATHAUS_CRASH_IDS")) else { return };
    let ids: Vec<i64> = ids.split(' ').map(|n| n.parse().unwrap()).collect();
    let (tenant, sued, counter, service) = (TenantId(ids[0]), ids[1], ids[2], ids[3]);
    let db = rathaus_db::connect(&url).await.unwrap();
    let req = request(sued, start(counter, at(D, 9, 0), 15), ausweis(), Channel::Online);
    let booked = book(&db, tenant, &req, &contact(1), None, None, now()).await.unwrap();
    println!("COMMITTED {}", booked.appointment_id);
    let tx = begin_write(&db).await.unwrap();
    uncommitted_hold(&tx, tenant, sued, counter, service, at(D, 11, 0)).await;
    println!("IN-FLIGHT");
    std::io::stdout().flush().unwrap();
    std::future::pending::<()>().await;
}
