//! Storage conformance: the same behaviour on SQLite and PostgreSQL.

use rathaus_db::audit::{self, AuditEntry};
use rathaus_db::schema_info;
use rathaus_db::tokens::{self, Purpose};
use rathaus_db::{TenantId, sessions, staff, tenants};
use rathaus_domain::{Email, Role, Slug};
use rathaus_test_db::{TestDb, dual_test};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use rathaus_test_db::fixtures::tenant_settings as settings;

async fn tenant(db: &DatabaseConnection, slug: &str, ags: &str, host: &str) -> TenantId {
    tenants::create(db, &Slug::parse(slug).unwrap(), &settings(slug, ags), &[host.to_owned()])
        .await
        .unwrap()
        .tenant_id()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemas_of_both_engines_are_equivalent() {
    let sqlite = TestDb::sqlite().await;
    let Some(pg) = TestDb::postgres().await else { return };
    let a = schema_info::describe(&sqlite.db).await.unwrap();
    let b = schema_info::describe(&pg.db).await.unwrap();
    assert!(a.len() >= 10, "expected the platform tables, got {:?}", a.keys());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "same tables");
    for (table, left) in &a {
        assert_eq!(Some(left), b.get(table), "table {table} differs between SQLite and PostgreSQL");
        for (col, (class, _)) in &left.columns {
            assert_ne!(class, "datetime", "{table}.{col}: timestamps are stored as integers");
        }
    }
}

dual_test!(
    async fn sqlite_runs_in_wal_mode(t: TestDb) {
        if t.engine == rathaus_db::Engine::Sqlite {
            let row =
                t.db.query_one_raw(sea_orm::Statement::from_string(t.db.get_database_backend(), "PRAGMA journal_mode"))
                    .await
                    .unwrap()
                    .unwrap();
            let mode: String = row.try_get_by_index(0).unwrap();
            assert_eq!(mode, "wal");
        }
    }
);

dual_test!(
    async fn tenants_resolve_by_host_and_keep_unique_keys(t: TestDb) {
        let a = tenant(&t.db, "musterstadt", "05999001", "musterstadt.example").await;
        assert_eq!(tenants::find_by_host(&t.db, "MUSTERSTADT.example:8080").await.unwrap().unwrap().id, a.0);
        assert!(tenants::find_by_host(&t.db, "unknown.example").await.unwrap().is_none());
        let same_ags =
            tenants::create(&t.db, &Slug::parse("zweite").unwrap(), &settings("Zweite", "05999001"), &[]).await;
        assert!(matches!(same_ags, Err(rathaus_db::StoreError::Conflict(_))));
        let b = tenant(&t.db, "kleindorf", "09999002", "kleindorf.example").await;
        let taken = tenants::add_host(&t.db, b, "musterstadt.example").await;
        assert!(matches!(taken, Err(rathaus_db::StoreError::Conflict("host-taken"))));
    }
);

dual_test!(
    async fn staff_and_sessions_are_scoped_by_tenant(t: TestDb) {
        let a = tenant(&t.db, "musterstadt", "05999001", "a.example").await;
        let b = tenant(&t.db, "kleindorf", "09999002", "b.example").await;
        let email = Email::parse("anna@example.org").unwrap();
        let anna = staff::create(&t.db, a, &email, "Anna", Role::Clerk, None).await.unwrap();
        // The same address may exist in another tenant, but not twice in one.
        staff::create(&t.db, b, &email, "Anna B", Role::Admin, None).await.unwrap();
        assert!(matches!(
            staff::create(&t.db, a, &email, "Anna 2", Role::Clerk, None).await,
            Err(rathaus_db::StoreError::Conflict("email-taken"))
        ));
        assert!(staff::get(&t.db, b, anna.id).await.unwrap().is_none(), "tenant B cannot read A's staff");
        assert!(matches!(staff::set_active(&t.db, b, anna.id, false).await, Err(rathaus_db::StoreError::NotFound)));

        let token = sessions::create(&t.db, a, anna.id, 3600).await.unwrap();
        assert!(sessions::lookup(&t.db, a, &token).await.unwrap().is_some());
        assert!(sessions::lookup(&t.db, b, &token).await.unwrap().is_none(), "a session is valid in its tenant only");
        staff::set_active(&t.db, a, anna.id, false).await.unwrap();
        assert!(sessions::lookup(&t.db, a, &token).await.unwrap().is_none(), "deactivated users lose their sessions");
    }
);

dual_test!(
    async fn one_time_tokens_work_exactly_once(t: TestDb) {
        let a = tenant(&t.db, "musterstadt", "05999001", "a.example").await;
        let user =
            staff::create(&t.db, a, &Email::parse("neu@example.org").unwrap(), "Neu", Role::Clerk, None).await.unwrap();
        let token = tokens::issue(&t.db, a, user.id, Purpose::Invitation, 3600).await.unwrap();
        assert_eq!(tokens::redeem(&t.db, a, &token, Purpose::PasswordReset).await.unwrap(), None, "purpose must match");
        let (r1, r2) = tokio::join!(
            tokens::redeem(&t.db, a, &token, Purpose::Invitation),
            tokens::redeem(&t.db, a, &token, Purpose::Invitation)
        );
        let used: Vec<_> = [r1.unwrap(), r2.unwrap()].into_iter().flatten().collect();
        assert_eq!(used, vec![user.id], "exactly one of two racing redemptions succeeds");
        let expired = tokens::issue(&t.db, a, user.id, Purpose::PasswordReset, -1).await.unwrap();
        assert_eq!(tokens::redeem(&t.db, a, &expired, Purpose::PasswordReset).await.unwrap(), None);
    }
);

dual_test!(
    async fn audit_chain_verifies_and_detects_tampering(t: TestDb) {
        let a = tenant(&t.db, "musterstadt", "05999001", "a.example").await;
        let b = tenant(&t.db, "kleindorf", "09999002", "b.example").await;
        for i in 0..5 {
            for tenant in [a, b] {
                let entry = AuditEntry::new(None, "system", "test.event")
                    .target("thing", i)
                    .details(serde_json::json!({"i": i}));
                audit::append(&t.db, tenant, entry).await.unwrap();
            }
        }
        assert_eq!(audit::verify(&t.db).await.unwrap(), Ok(10));

        // The triggers refuse changes through normal SQL on both engines.
        let refused = t.db.execute_unprepared("UPDATE audit_log SET action = 'forged' WHERE seq = 3").await;
        assert!(refused.is_err(), "audit_log must be append-only");
        let refused = t.db.execute_unprepared("DELETE FROM audit_log WHERE seq = 3").await;
        assert!(refused.is_err(), "audit_log must be append-only");

        // Someone with DBA rights drops the triggers and edits a row: verify names it.
        drop_append_only_triggers(&t).await;
        t.db.execute_unprepared(&format!(
            "UPDATE audit_log SET action = 'forged' WHERE tenant_id = {} AND seq = 3",
            a.0
        ))
        .await
        .unwrap();
        let broken = audit::verify(&t.db).await.unwrap().unwrap_err();
        assert_eq!((broken.tenant_id, broken.seq), (a.0, 3));
        assert!(broken.reason.contains("altered"));
    }
);

dual_test!(
    async fn audit_chain_detects_deletion(t: TestDb) {
        let a = tenant(&t.db, "musterstadt", "05999001", "a.example").await;
        for i in 0..4 {
            audit::append(&t.db, a, AuditEntry::new(Some(1), "x@example.org", "test.event").target("thing", i))
                .await
                .unwrap();
        }
        drop_append_only_triggers(&t).await;
        t.db.execute_unprepared("DELETE FROM audit_log WHERE seq = 2").await.unwrap();
        let broken = audit::verify(&t.db).await.unwrap().unwrap_err();
        assert_eq!(broken.seq, 3, "the entry after the gap is named");
    }
);

dual_test!(
    async fn concurrent_audit_appends_keep_one_chain(t: TestDb) {
        let a = tenant(&t.db, "musterstadt", "05999001", "a.example").await;
        let mut tasks = Vec::new();
        for i in 0..20 {
            let db = t.db.clone();
            tasks.push(tokio::spawn(async move {
                audit::append(&db, a, AuditEntry::new(None, "system", "race").target("n", i)).await
            }));
        }
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        assert_eq!(audit::verify(&t.db).await.unwrap(), Ok(20));
    }
);

async fn drop_append_only_triggers(t: &TestDb) {
    for trigger in ["tr_audit_log_no_update", "tr_audit_log_no_delete"] {
        let sql = match t.engine {
            rathaus_db::Engine::Sqlite => format!("DROP TRIGGER {trigger}"),
            rathaus_db::Engine::Postgres => format!("DROP TRIGGER {trigger} ON audit_log"),
        };
        t.db.execute_unprepared(&sql).await.unwrap();
    }
}
