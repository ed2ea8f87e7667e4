//! Hold mode (development, demo): messages stay readable in the outbox, nothing is sent.

use crate::support::*;
use rathaus_mail::{DeliveryMode, outbox};
use rathaus_test_db::dual_test;
use rathaus_test_db::smtp_sink::SmtpSink;

dual_test!(
    async fn held_messages_stay_in_the_outbox_without_a_job(t: TestDb) {
        let tenant = tenant(&t.db, "musterstadt", "05999001").await;
        let id = enqueue(&t.db, &DeliveryMode::Hold, email(tenant, "anna@example.org", "Held")).await;

        assert_eq!(rathaus_worker::jobs::pending_count(&t.db).await.unwrap(), 0);
        let (m, attachments) = outbox::get(&t.db, tenant, id).await.unwrap().unwrap();
        assert_eq!(m.state, "held");
        assert_eq!(m.recipient, "anna@example.org");
        assert_eq!(m.body_text, "Hello from the text part");
        assert_eq!(attachments.len(), 1);

        // Even a worker that could send finds nothing to do.
        let sink = SmtpSink::accepting().await;
        assert_eq!(worker(&t.db, &smtp_to(sink.addr)).run_due().await.unwrap(), 0);
        assert_eq!(message(&t.db, tenant, id).await.state, "held");
        assert!(sink.received().is_empty());
    }
);
