//! A normalised description of the live schema, read from the engine's own catalogue.
//! Two engines that ran the same migrations must describe alike; the schema-equivalence
//! test compares them. Types are reduced to classes, because SQLite has no `bigint` vs
//! `integer` distinction worth keeping.

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, Statement};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableInfo {
    /// name → (type class, nullable)
    pub columns: BTreeMap<String, (String, bool)>,
    pub primary_key: Vec<String>,
    /// (unique, columns) of every non-primary index.
    pub indexes: BTreeSet<(bool, Vec<String>)>,
    /// (column, referenced table, referenced column)
    pub foreign_keys: BTreeSet<(String, String, String)>,
    pub triggers: BTreeSet<String>,
}

pub type SchemaInfo = BTreeMap<String, TableInfo>;

/// Maps an engine's declared type to a portable class.
pub fn type_class(declared: &str) -> String {
    let t = declared.to_ascii_lowercase();
    let class = if t.contains("int") || t == "serial" || t == "bigserial" {
        "integer"
    } else if t.contains("char") || t.contains("text") || t.contains("clob") {
        "text"
    } else if t.contains("blob") || t.contains("bytea") || t.contains("binary") {
        "bytes"
    } else if t.contains("bool") {
        "boolean"
    } else if t.contains("real") || t.contains("double") || t.contains("float") {
        "real"
    } else if t.contains("numeric") || t.contains("decimal") {
        "decimal"
    } else if t.contains("time") || t.contains("date") {
        "datetime"
    } else {
        return format!("other:{t}");
    };
    class.to_owned()
}

const IGNORED_TABLES: &[&str] = &["seaql_migrations", "sqlite_sequence"];

pub async fn describe(db: &DatabaseConnection) -> Result<SchemaInfo, DbErr> {
    match db.get_database_backend() {
        DatabaseBackend::Sqlite => describe_sqlite(db).await,
        _ => describe_postgres(db).await,
    }
}

async fn rows(db: &DatabaseConnection, sql: &str) -> Result<Vec<sea_orm::QueryResult>, DbErr> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql.to_owned())).await
}

async fn describe_sqlite(db: &DatabaseConnection) -> Result<SchemaInfo, DbErr> {
    let mut out = SchemaInfo::new();
    for t in rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").await? {
        let table: String = t.try_get_by_index(0)?;
        if IGNORED_TABLES.contains(&table.as_str()) {
            continue;
        }
        let mut info = TableInfo::default();
        let mut pk: Vec<(i64, String)> = Vec::new();
        for c in rows(db, &format!("PRAGMA table_info(\"{table}\")")).await? {
            let name: String = c.try_get("", "name")?;
            let ty: String = c.try_get("", "type")?;
            let notnull: i64 = c.try_get("", "notnull")?;
            let pk_pos: i64 = c.try_get("", "pk")?;
            if pk_pos > 0 {
                pk.push((pk_pos, name.clone()));
            }
            // A primary key column is NOT NULL whatever the declaration says.
            info.columns.insert(name, (type_class(&ty), notnull == 0 && pk_pos == 0));
        }
        pk.sort();
        info.primary_key = pk.into_iter().map(|(_, n)| n).collect();
        for i in rows(db, &format!("PRAGMA index_list(\"{table}\")")).await? {
            let name: String = i.try_get("", "name")?;
            let unique: i64 = i.try_get("", "unique")?;
            let origin: String = i.try_get("", "origin")?;
            if origin == "pk" {
                continue;
            }
            let mut cols: Vec<(i64, String)> = Vec::new();
            for ic in rows(db, &format!("PRAGMA index_info(\"{name}\")")).await? {
                cols.push((ic.try_get("", "seqno")?, ic.try_get("", "name")?));
            }
            cols.sort();
            info.indexes.insert((unique == 1, cols.into_iter().map(|(_, n)| n).collect()));
        }
        for f in rows(db, &format!("PRAGMA foreign_key_list(\"{table}\")")).await? {
            info.foreign_keys.insert((f.try_get("", "from")?, f.try_get("", "table")?, f.try_get("", "to")?));
        }
        let trig_sql = format!("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '{table}'");
        for tr in rows(db, &trig_sql).await? {
            info.triggers.insert(tr.try_get_by_index(0)?);
        }
        out.insert(table, info);
    }
    Ok(out)
}

async fn describe_postgres(db: &DatabaseConnection) -> Result<SchemaInfo, DbErr> {
    let mut out = SchemaInfo::new();
    let cols = rows(
        db,
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text \
         FROM information_schema.columns WHERE table_schema = current_schema() \
         ORDER BY table_name, ordinal_position",
    )
    .await?;
    for c in cols {
        let table: String = c.try_get_by_index(0)?;
        if IGNORED_TABLES.contains(&table.as_str()) {
            continue;
        }
        let name: String = c.try_get_by_index(1)?;
        let ty: String = c.try_get_by_index(2)?;
        let nullable: String = c.try_get_by_index(3)?;
        out.entry(table).or_default().columns.insert(name, (type_class(&ty), nullable == "YES"));
    }
    let idx = rows(
        db,
        "SELECT t.relname::text, ix.indisunique, ix.indisprimary, \
                array_to_string(array_agg(a.attname::text ORDER BY k.n), ',') \
         FROM pg_index ix \
         JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_namespace ns ON ns.oid = t.relnamespace \
         CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, n) \
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum \
         WHERE ns.nspname = current_schema() \
         GROUP BY t.relname, ix.indexrelid, ix.indisunique, ix.indisprimary",
    )
    .await?;
    for i in idx {
        let table: String = i.try_get_by_index(0)?;
        let Some(info) = out.get_mut(&table) else { continue };
        let unique: bool = i.try_get_by_index(1)?;
        let primary: bool = i.try_get_by_index(2)?;
        let cols: String = i.try_get_by_index(3)?;
        let cols: Vec<String> = cols.split(',').map(str::to_owned).collect();
        if primary {
            info.primary_key = cols;
        } else {
            info.indexes.insert((unique, cols));
        }
    }
    let fks = rows(
        db,
        "SELECT cl.relname::text, a.attname::text, rcl.relname::text, ra.attname::text \
         FROM pg_constraint c \
         JOIN pg_class cl ON cl.oid = c.conrelid \
         JOIN pg_namespace ns ON ns.oid = cl.relnamespace \
         JOIN pg_class rcl ON rcl.oid = c.confrelid \
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] \
         JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1] \
         WHERE c.contype = 'f' AND ns.nspname = current_schema()",
    )
    .await?;
    for f in fks {
        let table: String = f.try_get_by_index(0)?;
        if let Some(info) = out.get_mut(&table) {
            info.foreign_keys.insert((f.try_get_by_index(1)?, f.try_get_by_index(2)?, f.try_get_by_index(3)?));
        }
    }
    let trig = rows(
        db,
        "SELECT DISTINCT event_object_table::text, trigger_name::text FROM information_schema.triggers \
         WHERE trigger_schema = current_schema()",
    )
    .await?;
    for tr in trig {
        let table: String = tr.try_get_by_index(0)?;
        if let Some(info) = out.get_mut(&table) {
            info.triggers.insert(tr.try_get_by_index(1)?);
        }
    }
    Ok(out)
}
