//! The event bus: in-process on SQLite, LISTEN/NOTIFY between nodes on PostgreSQL.

use rathaus_test_db::{TestDb, dual_test};
use rathaus_worker::{Event, EventBus};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::json;
use std::time::Duration;
use tokio::sync::broadcast::{self, error::TryRecvError};

fn event(topic: &str, n: i64) -> Event {
    Event { topic: topic.to_owned(), tenant_id: Some(7), payload: json!({ "n": n }) }
}

async fn next(rx: &mut broadcast::Receiver<Event>) -> Event {
    tokio::time::timeout(Duration::from_secs(10), rx.recv()).await.expect("an event within 10 s").expect("bus open")
}

dual_test!(
    async fn a_subscriber_receives_each_event_exactly_once(t: TestDb) {
        let bus = EventBus::start(&t.db).await.unwrap();
        let mut rx = bus.subscribe();
        bus.publish(event("ticket.called", 1)).await.unwrap();
        assert_eq!(next(&mut rx).await, event("ticket.called", 1));
        // Had the first event arrived twice, the duplicate would come before this marker.
        bus.clone().publish(event("marker", 2)).await.unwrap();
        assert_eq!(next(&mut rx).await, event("marker", 2));
        assert!(matches!(rx.try_recv(), Err(TryRecvError::Empty)));
    }
);

dual_test!(
    async fn oversized_events_are_refused_on_both_engines(t: TestDb) {
        let bus = EventBus::start(&t.db).await.unwrap();
        let mut rx = bus.subscribe();
        let big = Event { topic: "big".into(), tenant_id: None, payload: json!("x".repeat(8000)) };
        let err = bus.publish(big).await.expect_err("too large for NOTIFY");
        assert!(err.to_string().contains("too large"), "{err}");
        let fits = Event { topic: "fits".into(), tenant_id: None, payload: json!("x".repeat(7800)) };
        bus.publish(fits.clone()).await.unwrap();
        assert_eq!(next(&mut rx).await, fits);
    }
);

/// Two buses on separate pools of one database, as two nodes would have.
async fn two_nodes(t: &TestDb) -> (EventBus, EventBus) {
    let a = EventBus::start(&t.db).await.unwrap();
    let second = rathaus_db::connect(&t.url).await.unwrap();
    let b = EventBus::start(&second).await.unwrap();
    (a, b)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_events_reach_other_nodes_and_the_publisher_once() {
    let Some(t) = TestDb::postgres().await else {
        return;
    };
    let (a, b) = two_nodes(&t).await;
    let (mut on_a, mut on_b) = (a.subscribe(), b.subscribe());
    a.publish(event("case.updated", 1)).await.unwrap();
    assert_eq!(next(&mut on_b).await, event("case.updated", 1), "node B hears node A");
    assert_eq!(next(&mut on_a).await, event("case.updated", 1), "node A hears itself");
    b.publish(event("marker", 2)).await.unwrap();
    assert_eq!(next(&mut on_a).await, event("marker", 2), "A got its own event exactly once");
    assert_eq!(next(&mut on_b).await, event("marker", 2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_listener_survives_a_dropped_connection() {
    let Some(t) = TestDb::postgres().await else {
        return;
    };
    let (a, b) = two_nodes(&t).await;
    let mut on_b = b.subscribe();
    // Kill every LISTEN connection of this database, as a server restart or network cut would.
    let killed =
        t.db.query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()",
        ))
        .await
        .unwrap();
    assert_eq!(killed.len(), 2, "both nodes' listeners were connected");
    // Events published while B reconnects are lost by design; keep publishing until one
    // arrives, which proves the listener is back.
    let arrived = async {
        for n in 0.. {
            a.publish(event("probe", n)).await.unwrap();
            if let Ok(got) = tokio::time::timeout(Duration::from_millis(500), on_b.recv()).await {
                return got.unwrap();
            }
        }
        unreachable!()
    };
    let got = tokio::time::timeout(Duration::from_secs(30), arrived).await.expect("node B's listener came back");
    assert_eq!(got.topic, "probe");
}
