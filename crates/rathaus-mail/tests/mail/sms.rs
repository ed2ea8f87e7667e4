//! Text messages through the outbox and the `sms.send` job to a real local HTTP gateway:
//! delivered once, 5xx retried, 4xx failed at once, held in development. Job errors and
//! `last_error` never carry the number or the text.

use crate::sms_gateway::*;
use crate::support::{message, only_job, tenant};
use rathaus_mail::{E164, SmsDeliveryMode, enqueue_sms, outbox};
use rathaus_test_db::dual_test;
use rathaus_worker::jobs::pending_count;
use sea_orm::ConnectionTrait;

const TO: &str = "+4917012345678";
const TEXT: &str = "Erinnerung: Ihr Termin im Bürgerbüro morgen, 09:30 Uhr. \"Absagen\" & mehr: 0123/4567";

fn assert_private(error: &str) {
    assert!(!error.contains("4917012345678") && !error.contains("Bürgerbüro"), "{error}");
}

dual_test!(
    async fn queued_sms_is_delivered_once_and_marked_sent(t: TestDb) {
        let tenant = tenant(&t.db, "musterstadt", "05999001").await;
        let gateway = SmsGateway::answering(200).await;
        let id = enqueue_text(&t.db, &gateway.mode(), tenant, TO, TEXT).await;
        let m = message(&t.db, tenant, id).await;
        assert_eq!((m.channel.as_str(), m.state.as_str(), m.subject.as_str()), ("sms", "queued", "SMS"));
        assert_eq!((m.recipient.as_str(), m.body_text.as_str(), m.body_html.as_deref()), (TO, TEXT, None));
        assert_eq!(pending_count(&t.db).await.unwrap(), 1);
        assert_eq!(only_job(&t.db).await.kind, "sms.send");

        let worker = sms_worker(&t.db, &gateway.config());
        assert_eq!(worker.run_due().await.unwrap(), 1);
        let sent = message(&t.db, tenant, id).await;
        assert_eq!((sent.state.as_str(), sent.attempts), ("sent", 1));
        assert!(sent.sent_at.is_some() && sent.last_error.is_none());
        assert_eq!(only_job(&t.db).await.state, "done");
        let received = gateway.received();
        assert_eq!(received, vec![serde_json::json!({ "to": TO, "text": TEXT, "from": "Rathaus" })]);

        // Running again sends nothing twice.
        assert_eq!(worker.run_due().await.unwrap(), 0);
        assert_eq!(gateway.received().len(), 1);
        assert_eq!(pending_count(&t.db).await.unwrap(), 0);
    }
);

dual_test!(
    async fn server_error_is_retried_and_then_delivered(t: TestDb) {
        let tenant = tenant(&t.db, "musterstadt", "05999001").await;
        let gateway = SmsGateway::answering(500).await;
        let id = enqueue_text(&t.db, &gateway.mode(), tenant, TO, TEXT).await;
        let worker = sms_worker(&t.db, &gateway.config());
        assert_eq!(worker.run_due().await.unwrap(), 1);

        let m = message(&t.db, tenant, id).await;
        assert_eq!((m.state.as_str(), m.attempts), ("queued", 1));
        let last_error = m.last_error.unwrap();
        assert!(last_error.contains("500"), "{last_error}");
        assert_private(&last_error);
        let job = only_job(&t.db).await;
        assert_eq!(job.state, "queued", "the job waits for its retry");
        let job_error = job.last_error.unwrap();
        assert!(job_error.contains("HTTP 500"), "{job_error}");
        assert_private(&job_error);
        // The retry is not due yet.
        assert_eq!(worker.run_due().await.unwrap(), 0);

        gateway.answer(200);
        t.db.execute_unprepared("UPDATE jobs SET run_at = 0").await.unwrap();
        assert_eq!(worker.run_due().await.unwrap(), 1);
        let m = message(&t.db, tenant, id).await;
        assert_eq!((m.state.as_str(), m.attempts), ("sent", 2));
        assert_eq!(only_job(&t.db).await.state, "done");
        assert_eq!(gateway.received().len(), 2, "one refused, one accepted");
    }
);

dual_test!(
    async fn transient_failures_give_up_on_the_last_attempt(t: TestDb) {
        let tenant = tenant(&t.db, "musterstadt", "05999001").await;
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
        let config = gateway_at(closed);
        let id = enqueue_text(&t.db, &SmsDeliveryMode::Gateway(config.clone()), tenant, TO, TEXT).await;
        let worker = sms_worker(&t.db, &config);
        assert_eq!(worker.run_due().await.unwrap(), 1);
        let m = message(&t.db, tenant, id).await;
        assert_eq!((m.state.as_str(), m.last_error.as_deref()), ("queued", Some("gateway connection failed")));

        t.db.execute_unprepared("UPDATE jobs SET attempts = max_attempts - 1, run_at = 0").await.unwrap();
        assert_eq!(worker.run_due().await.unwrap(), 1);
        let m = message(&t.db, tenant, id).await;
        assert_eq!((m.state.as_str(), m.attempts), ("failed", 2));
        assert_eq!(only_job(&t.db).await.state, "failed");
    }
);

dual_test!(
    async fn client_error_fails_at_once(t: TestDb) {
        let tenant = tenant(&t.db, "musterstadt", "05999001").await;
        let gateway = SmsGateway::answering(400).await;
        let id = enqueue_text(&t.db, &gateway.mode(), tenant, TO, TEXT).await;
        assert_eq!(sms_worker(&t.db, &gateway.config()).run_due().await.unwrap(), 1);

        let m = message(&t.db, tenant, id).await;
        assert_eq!((m.state.as_str(), m.attempts), ("failed", 1));
        assert_eq!(m.last_error.as_deref(), Some("gateway refused the message with HTTP 400"));
        let job = only_job(&t.db).await;
        assert_eq!(job.state, "failed");
        assert_private(&job.last_error.unwrap());
        assert_eq!(pending_count(&t.db).await.unwrap(), 0);
        assert_eq!(gateway.received().len(), 1);
    }
);

dual_test!(
    async fn held_sms_stays_in_the_outbox_and_nothing_is_sent(t: TestDb) {
        let tenant = tenant(&t.db, "musterstadt", "05999001").await;
        let id = enqueue_text(&t.db, &SmsDeliveryMode::Hold, tenant, TO, TEXT).await;
        assert_eq!(pending_count(&t.db).await.unwrap(), 0);
        let (m, attachments) = outbox::get(&t.db, tenant, id).await.unwrap().unwrap();
        assert_eq!((m.channel.as_str(), m.state.as_str(), m.body_text.as_str()), ("sms", "held", TEXT));
        assert!(attachments.is_empty());
        let listed = outbox::list(&t.db, tenant, 10, 0).await.unwrap();
        assert_eq!(listed.iter().map(|m| (m.id, m.subject.as_str())).collect::<Vec<_>>(), vec![(id, "SMS")]);

        // Even a worker that could send finds nothing to do.
        let gateway = SmsGateway::answering(200).await;
        assert_eq!(sms_worker(&t.db, &gateway.config()).run_due().await.unwrap(), 0);
        assert_eq!(message(&t.db, tenant, id).await.state, "held");
        assert!(gateway.received().is_empty());
    }
);

dual_test!(
    async fn an_sms_is_only_queued_when_its_transaction_commits(t: TestDb) {
        let tenant = tenant(&t.db, "musterstadt", "05999001").await;
        let gateway = SmsGateway::answering(200).await;
        let tx = rathaus_db::begin_write(&t.db).await.unwrap();
        enqueue_sms(&tx, &gateway.mode(), tenant, &E164::parse(TO).unwrap(), TEXT).await.unwrap();
        tx.rollback().await.unwrap();
        assert_eq!(outbox::count(&t.db, tenant).await.unwrap(), 0);
        assert_eq!(pending_count(&t.db).await.unwrap(), 0);
    }
);
