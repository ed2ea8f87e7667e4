//! A queued message travels through the job and lettre to a real SMTP server.

use crate::support::*;
use rathaus_mail::outbox;
use rathaus_test_db::dual_test;
use rathaus_test_db::smtp_sink::SmtpSink;

dual_test!(
    async fn queued_message_is_delivered_over_smtp_and_marked_sent(t: TestDb) {
        let tenant = tenant(&t.db, "musterstadt", "05999001").await;
        let sink = SmtpSink::accepting().await;
        let mode = smtp_mode(&sink);
        let id = enqueue(&t.db, &mode, email(tenant, "anna@example.org", "Your appointment")).await;
        assert_eq!(message(&t.db, tenant, id).await.state, "queued");
        assert_eq!(rathaus_worker::jobs::pending_count(&t.db).await.unwrap(), 1);

        let rathaus_mail::DeliveryMode::Smtp(config) = &mode else { unreachable!() };
        assert_eq!(worker(&t.db, config).run_due().await.unwrap(), 1);

        let sent = message(&t.db, tenant, id).await;
        assert_eq!(sent.state, "sent");
        assert!(sent.sent_at.is_some());
        assert_eq!(sent.attempts, 1);
        assert_eq!(rathaus_worker::jobs::pending_count(&t.db).await.unwrap(), 0);
        assert_eq!(only_job(&t.db).await.state, "done");

        let received = sink.received();
        assert_eq!(received.len(), 1);
        let m = &received[0];
        assert!(m.mail_from.contains("noreply@musterstadt.example"), "{}", m.mail_from);
        assert_eq!(m.rcpt_to.len(), 1);
        assert!(m.rcpt_to[0].contains("anna@example.org"));
        let raw = &m.data;
        assert!(raw.contains("Subject: Your appointment\r\n"), "{raw}");
        assert!(raw.contains("To: anna@example.org"), "{raw}");
        assert!(raw.contains("Content-Type: multipart/mixed"), "{raw}");
        assert!(raw.contains("Content-Type: multipart/alternative"), "{raw}");
        assert!(raw.contains("Content-Type: text/plain; charset=utf-8"), "{raw}");
        assert!(raw.contains("Hello from the text part"), "{raw}");
        assert!(raw.contains("Content-Type: text/html; charset=utf-8"), "{raw}");
        assert!(raw.contains("<p>Hello from the <strong>HTML</strong> part</p>"), "{raw}");
        assert!(raw.contains(&format!("Content-Type: {ICS_TYPE}\r\n")), "{raw}");
        assert!(raw.contains("Content-Disposition: attachment; filename=\"termin.ics\""), "{raw}");
        assert!(raw.contains("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST"), "{raw}");

        // Running again sends nothing twice.
        assert_eq!(worker(&t.db, config).run_due().await.unwrap(), 0);
        assert_eq!(sink.received().len(), 1);
        assert_eq!(outbox::count(&t.db, tenant).await.unwrap(), 1);
    }
);

dual_test!(
    async fn a_message_is_only_queued_when_its_transaction_commits(t: TestDb) {
        let tenant = tenant(&t.db, "musterstadt", "05999001").await;
        let sink = SmtpSink::accepting().await;
        let tx = rathaus_db::begin_write(&t.db).await.unwrap();
        rathaus_mail::enqueue_email(&tx, &smtp_mode(&sink), email(tenant, "anna@example.org", "Rolled back"))
            .await
            .unwrap();
        tx.rollback().await.unwrap();
        assert_eq!(outbox::count(&t.db, tenant).await.unwrap(), 0);
        assert_eq!(rathaus_worker::jobs::pending_count(&t.db).await.unwrap(), 0);
    }
);
