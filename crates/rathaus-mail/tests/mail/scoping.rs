//! Reading the outbox is scoped by tenant: list, count, get and attachments.

use crate::support::*;
use rathaus_mail::{DeliveryMode, outbox};
use rathaus_test_db::dual_test;

dual_test!(
    async fn outbox_reads_are_scoped_by_tenant(t: TestDb) {
        let a = tenant(&t.db, "musterstadt", "05999001").await;
        let b = tenant(&t.db, "kleindorf", "09999002").await;
        let a1 = enqueue(&t.db, &DeliveryMode::Hold, email(a, "one@example.org", "A1")).await;
        let a2 = enqueue(&t.db, &DeliveryMode::Hold, email(a, "two@example.org", "A2")).await;
        let b1 = enqueue(&t.db, &DeliveryMode::Hold, email(b, "three@example.org", "B1")).await;

        let ids = |v: Vec<rathaus_db::entity::outbox_message::Model>| v.into_iter().map(|m| m.id).collect::<Vec<_>>();
        assert_eq!(ids(outbox::list(&t.db, a, 10, 0).await.unwrap()), vec![a2, a1], "newest first");
        assert_eq!(ids(outbox::list(&t.db, a, 1, 1).await.unwrap()), vec![a1]);
        assert_eq!(ids(outbox::list(&t.db, b, 10, 0).await.unwrap()), vec![b1]);
        assert_eq!(outbox::count(&t.db, a).await.unwrap(), 2);
        assert_eq!(outbox::count(&t.db, b).await.unwrap(), 1);

        assert!(outbox::get(&t.db, a, b1).await.unwrap().is_none());
        let (m, attachments) = outbox::get(&t.db, b, b1).await.unwrap().unwrap();
        assert_eq!(m.subject, "B1");
        assert_eq!(attachments.len(), 1);
        let info = &attachments[0];
        assert_eq!((info.filename.as_str(), info.content_type.as_str()), ("termin.ics", ICS_TYPE));
        let bytes = email(b, "x@example.org", "x").attachments[0].bytes.clone();
        assert_eq!(info.size, bytes.len() as i64);

        let found = outbox::attachment(&t.db, b, b1, info.id).await.unwrap().unwrap();
        assert_eq!(found.content, bytes);
        assert!(outbox::attachment(&t.db, a, b1, info.id).await.unwrap().is_none(), "other tenant");
        assert!(outbox::attachment(&t.db, a, a1, info.id).await.unwrap().is_none(), "other message");
    }
);
