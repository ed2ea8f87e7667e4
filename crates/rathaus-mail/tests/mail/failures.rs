//! A server that refuses or is unreachable: retries with the error recorded, permanent
//! refusals and the last attempt end in `failed`. Job errors never carry personal data.

use crate::support::*;
use rathaus_test_db::dual_test;
use rathaus_test_db::smtp_sink::SmtpSink;
use sea_orm::ConnectionTrait;

const TO: &str = "bernd@example.org";
const SUBJECT: &str = "Private subject";

dual_test!(
    async fn temporary_refusal_is_retried_with_the_error_recorded(t: TestDb) {
        let tenant = tenant(&t.db, "musterstadt", "05999001").await;
        let sink = SmtpSink::refusing_data("451 4.3.0 try again later").await;
        let config = smtp_to(sink.addr);
        let id = enqueue(&t.db, &rathaus_mail::DeliveryMode::Smtp(config.clone()), email(tenant, TO, SUBJECT)).await;
        let worker = worker(&t.db, &config);
        assert_eq!(worker.run_due().await.unwrap(), 1);

        let m = message(&t.db, tenant, id).await;
        assert_eq!(m.state, "queued");
        assert_eq!(m.attempts, 1);
        assert!(m.last_error.as_deref().unwrap().contains("451"), "{:?}", m.last_error);
        assert!(m.sent_at.is_none());
        let job = only_job(&t.db).await;
        assert_eq!(job.state, "queued", "the job waits for its retry");
        let job_error = job.last_error.unwrap();
        assert!(job_error.contains("451"), "{job_error}");
        assert!(!job_error.contains(TO) && !job_error.contains(SUBJECT), "{job_error}");
        // The retry is not due yet.
        assert_eq!(worker.run_due().await.unwrap(), 0);

        // On the job's last attempt the message gives up too.
        let sql = "UPDATE jobs SET attempts = max_attempts - 1, run_at = 0";
        t.db.execute_unprepared(sql).await.unwrap();
        assert_eq!(worker.run_due().await.unwrap(), 1);
        let m = message(&t.db, tenant, id).await;
        assert_eq!((m.state.as_str(), m.attempts), ("failed", 2));
        assert_eq!(only_job(&t.db).await.state, "failed");
        assert!(sink.received().is_empty());
    }
);

dual_test!(
    async fn unreachable_server_is_retried(t: TestDb) {
        let tenant = tenant(&t.db, "musterstadt", "05999001").await;
        let closed = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap()
        };
        let config = smtp_to(closed);
        let id = enqueue(&t.db, &rathaus_mail::DeliveryMode::Smtp(config.clone()), email(tenant, TO, SUBJECT)).await;
        assert_eq!(worker(&t.db, &config).run_due().await.unwrap(), 1);

        let m = message(&t.db, tenant, id).await;
        assert_eq!((m.state.as_str(), m.attempts), ("queued", 1));
        assert!(m.last_error.is_some());
        let job = only_job(&t.db).await;
        assert_eq!(job.state, "queued");
        assert!(job.last_error.unwrap().contains("SMTP connection failed"));
    }
);

dual_test!(
    async fn permanent_refusal_fails_at_once(t: TestDb) {
        let tenant = tenant(&t.db, "musterstadt", "05999001").await;
        let sink = SmtpSink::refusing_data("550 5.7.1 message refused").await;
        let config = smtp_to(sink.addr);
        let id = enqueue(&t.db, &rathaus_mail::DeliveryMode::Smtp(config.clone()), email(tenant, TO, SUBJECT)).await;
        assert_eq!(worker(&t.db, &config).run_due().await.unwrap(), 1);

        let m = message(&t.db, tenant, id).await;
        assert_eq!((m.state.as_str(), m.attempts), ("failed", 1));
        assert!(m.last_error.as_deref().unwrap().contains("550"), "{:?}", m.last_error);
        let job = only_job(&t.db).await;
        assert_eq!(job.state, "failed");
        assert!(!job.last_error.unwrap().contains(TO));
        assert_eq!(rathaus_worker::jobs::pending_count(&t.db).await.unwrap(), 0);
    }
);
