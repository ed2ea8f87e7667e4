//! Test databases: every test gets its own fresh, migrated database on SQLite and on
//! PostgreSQL.
//!
//! * SQLite: a new file in the temp directory, removed when the [`TestDb`] drops.
//! * PostgreSQL: a migrated template database is prepared once per migration set (under an
//!   advisory lock, so parallel test binaries do not race), and each test clones it with
//!   `CREATE DATABASE … TEMPLATE`, dropped again afterwards.
//!
//! PostgreSQL is reached at `RATHAUS_TEST_DATABASE_URL` (an admin connection, default
//! `postgres://postgres@127.0.0.1:5432/postgres`). It is **required** when `CI` is set or
//! that variable is given: an unreachable server then fails the test. Otherwise PostgreSQL
//! tests are skipped with a message on stderr.
//!
//! [`dual_test!`] writes a test once and runs it on both engines.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use sea_orm_migration::MigratorTrait;
use std::path::PathBuf;

pub use rathaus_db::Engine;

pub mod fixtures;
pub mod smtp_sink;

const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub struct TestDb {
    pub db: DatabaseConnection,
    /// A URL for this database that another process (a spawned server) can open.
    pub url: String,
    pub engine: Engine,
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    Database { admin_url: String, name: String },
}

fn unique_suffix() -> String {
    let mut buf = [0u8; 8];
    getrandom::fill(&mut buf).expect("random source");
    hex::encode(buf)
}

/// Whether PostgreSQL tests must run (and fail when the server is unreachable).
pub fn postgres_required() -> bool {
    std::env::var_os("CI").is_some() || std::env::var_os("RATHAUS_TEST_DATABASE_URL").is_some()
}

fn admin_url() -> String {
    std::env::var("RATHAUS_TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_ADMIN_URL.to_owned())
}

fn with_database(admin: &str, name: &str) -> String {
    let mut url = url::Url::parse(admin).expect("RATHAUS_TEST_DATABASE_URL is a valid URL");
    url.set_path(&format!("/{name}"));
    url.to_string()
}

impl TestDb {
    pub async fn new(engine: Engine) -> Option<TestDb> {
        match engine {
            Engine::Sqlite => Some(Self::sqlite().await),
            Engine::Postgres => Self::postgres().await,
        }
    }

    pub async fn sqlite() -> TestDb {
        let path = std::env::temp_dir().join(format!("rathaus-test-{}.db", unique_suffix()));
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let db = rathaus_db::connect_and_migrate(&url).await.expect("open and migrate test SQLite database");
        TestDb { db, url, engine: Engine::Sqlite, cleanup: Cleanup::File(path) }
    }

    /// A fresh PostgreSQL database, or `None` (with a message) when PostgreSQL is not
    /// required and not reachable.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = admin_url();
        let admin = match rathaus_db::connect(&admin_url).await {
            Ok(db) => db,
            Err(e) if !postgres_required() => {
                eprintln!(
                    "SKIPPED: PostgreSQL test, no server at {admin_url} ({e}). \
                     Set RATHAUS_TEST_DATABASE_URL or CI to require it."
                );
                return None;
            }
            Err(e) => panic!("PostgreSQL is required (CI or RATHAUS_TEST_DATABASE_URL set) but unreachable: {e}"),
        };
        let template = ensure_template(&admin, &admin_url).await;
        let name = format!("rathaus_t_{}", unique_suffix());
        // A clone fails while another session is connected to the template; retry briefly.
        let mut attempt = 0;
        loop {
            let sql = format!("CREATE DATABASE {name} TEMPLATE {template}");
            match admin.execute_unprepared(&sql).await {
                Ok(_) => break,
                Err(_) if attempt < 50 => {
                    attempt += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                Err(e) => panic!("create test database from template: {e}"),
            }
        }
        admin.close().await.ok();
        let url = with_database(&admin_url, &name);
        let db = rathaus_db::connect(&url).await.expect("open test PostgreSQL database");
        Some(TestDb { db, url, engine: Engine::Postgres, cleanup: Cleanup::Database { admin_url, name } })
    }
}

/// A fingerprint of the migrations' *content*: the schema SQL they produce on SQLite. A template is reused only while the migrations are unchanged.
async fn schema_fingerprint() -> &'static str {
    static FINGERPRINT: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    FINGERPRINT
        .get_or_init(|| async {
            use sha2::Digest;
            // A scratch SQLite file (an in-memory database would differ per pooled connection).
            let scratch = TestDb::sqlite().await;
            let db = scratch.db.clone();
            let rows = db
                .query_all_raw(Statement::from_string(
                    DbBackend::Sqlite,
                    "SELECT coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
                ))
                .await
                .expect("read schema");
            let mut hasher = sha2::Sha256::new();
            for row in rows {
                let sql: String = row.try_get_by_index(0).expect("sql text");
                hasher.update(sql.as_bytes());
            }
            let names: Vec<String> =
                rathaus_db::migration::Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
            hasher.update(names.join(",").as_bytes());
            hex::encode(hasher.finalize())
        })
        .await
}

/// The name of the template for the current migration set, created if missing.
async fn ensure_template(admin: &DatabaseConnection, admin_url: &str) -> String {
    let digest = schema_fingerprint().await;
    let template = format!("rathaus_tpl_{}", &digest[..16]);
    // Session-level advisory lock on one pooled connection: run lock, work, unlock in one
    // transaction so they share the connection.
    let lock = |sql: &'static str| Statement::from_string(DbBackend::Postgres, sql);
    use sea_orm::TransactionTrait;
    let tx = admin.begin().await.expect("begin");
    tx.execute_raw(lock("SELECT pg_advisory_xact_lock(7002)")).await.expect("template lock");
    let exists = tx
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT 1 FROM pg_database WHERE datname = $1",
            [template.clone().into()],
        ))
        .await
        .expect("look up template")
        .is_some();
    if !exists {
        let building = format!("{template}_build");
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"))
            .await
            .expect("drop stale");
        admin.execute_unprepared(&format!("CREATE DATABASE {building}")).await.expect("create template");
        let db = rathaus_db::connect(&with_database(admin_url, &building)).await.expect("open template");
        rathaus_db::migrate(&db).await.expect("migrate template");
        db.close().await.ok();
        admin
            .execute_unprepared(&format!("ALTER DATABASE {building} RENAME TO {template}"))
            .await
            .expect("publish template");
        // Templates of earlier migration sets are dead weight; drop those nobody uses.
        let stale = admin
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT datname FROM pg_database WHERE datname LIKE 'rathaus\\_tpl\\_%' AND datname <> $1",
                [template.clone().into()],
            ))
            .await
            .unwrap_or_default();
        for row in stale {
            if let Ok(name) = row.try_get_by_index::<String>(0) {
                let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}")).await;
            }
        }
    }
    tx.commit().await.expect("release template lock");
    template
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            Cleanup::Database { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop cannot await; do it on a thread with a runtime of its own.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
                    rt.block_on(async {
                        let admin = rathaus_db::connect(&admin_url).await.ok()?;
                        admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await.ok()?;
                        admin.close().await.ok()
                    })
                })
                .join();
            }
        }
    }
}

/// Writes a test once and runs it on both engines, as `NAME::sqlite` and `NAME::postgres`.
///
/// ```ignore
/// dual_test!(async fn creates_a_tenant(t: TestDb) {
///     // t.db is a fresh, migrated database
/// });
/// ```
#[macro_export]
macro_rules! dual_test {
    ($(#[$meta:meta])* async fn $name:ident($db:ident : TestDb) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            $(#[$meta])*
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $db = $crate::TestDb::sqlite().await;
                $body
            }

            $(#[$meta])*
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some($db) = $crate::TestDb::postgres().await else { return };
                $body
            }
        }
    };
}
