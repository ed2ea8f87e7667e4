//! Schema migrations. One definition, rendered by sea-query for SQLite and PostgreSQL, so
//! the two engines cannot drift apart; `tests/schema_equivalence.rs` proves it.
//! Engine-specific SQL is allowed only where sea-query has no portable form (triggers), and
//! then both branches live next to each other.

use sea_orm_migration::prelude::*;

mod m0001_platform;
mod m0002_catalog;
mod m0003_appointments;
mod m0004_booking_flow;
mod m0005_front_desk;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_platform::Migration),
            Box::new(m0002_catalog::Migration),
            Box::new(m0003_appointments::Migration),
            Box::new(m0004_booking_flow::Migration),
            Box::new(m0005_front_desk::Migration),
        ]
    }
}

pub(crate) async fn index(
    m: &SchemaManager<'_>,
    table: &'static str,
    name: &str,
    cols: &[&'static str],
) -> Result<(), DbErr> {
    let mut stmt = Index::create().name(name).table(table).to_owned();
    for c in cols {
        stmt.col(*c);
    }
    m.create_index(stmt).await
}

pub(crate) async fn unique_index(
    m: &SchemaManager<'_>,
    table: &'static str,
    name: &str,
    cols: &[&'static str],
) -> Result<(), DbErr> {
    let mut stmt = Index::create().name(name).table(table).unique().to_owned();
    for c in cols {
        stmt.col(*c);
    }
    m.create_index(stmt).await
}

/// Refuses UPDATE and DELETE on `table` in both engines. Retention of audited data happens
/// by anonymising the subject's records elsewhere, never by rewriting the trail.
pub(crate) async fn append_only_triggers(m: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    let db = m.get_connection();
    match m.get_database_backend() {
        sea_orm::DatabaseBackend::Sqlite => {
            for op in ["UPDATE", "DELETE"] {
                let lower = op.to_lowercase();
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER tr_{table}_no_{lower} BEFORE {op} ON {table} \
                     BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                ))
                .await?;
            }
        }
        _ => {
            db.execute_unprepared(&format!(
                "CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN RAISE EXCEPTION '{table} is append-only'; END $$"
            ))
            .await?;
            for op in ["UPDATE", "DELETE"] {
                let lower = op.to_lowercase();
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER tr_{table}_no_{lower} BEFORE {op} ON {table} \
                     FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
                ))
                .await?;
            }
        }
    }
    Ok(())
}

/// Column helpers shared by all migrations, so every table spells ids and times alike.
pub(crate) mod cols {
    use sea_orm_migration::prelude::*;
    use sea_orm_migration::schema as s;

    pub fn id() -> ColumnDef {
        s::big_pk_auto("id")
    }
    /// Integer UTC epoch seconds.
    pub fn at(name: &'static str) -> ColumnDef {
        s::big_integer(name)
    }
    pub fn at_null(name: &'static str) -> ColumnDef {
        s::big_integer_null(name)
    }
    /// A foreign key from `table.column` to `parent.id`, named `fk_{table}_{column}`.
    pub fn fk(
        table: &'static str,
        column: &'static str,
        parent: &'static str,
        on_delete: ForeignKeyAction,
    ) -> ForeignKeyCreateStatement {
        ForeignKey::create()
            .name(format!("fk_{table}_{column}"))
            .from(table, column)
            .to(parent, "id")
            .on_delete(on_delete)
            .to_owned()
    }
    pub fn tenant_fk(table: &'static str) -> ForeignKeyCreateStatement {
        ForeignKey::create()
            .name(format!("fk_{table}_tenant"))
            .from(table, "tenant_id")
            .to("tenants", "id")
            .on_delete(ForeignKeyAction::Cascade)
            .to_owned()
    }
}
