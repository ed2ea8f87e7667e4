//! `rathaus backup`: an online, consistent copy of a SQLite database (`VACUUM INTO`), safe
//! while the server runs. PostgreSQL installations use `pg_dump` (see README).

use crate::cli::BackupArgs;
use anyhow::{anyhow, bail};
use rathaus_db::Engine;
use sea_orm::{ConnectionTrait, Statement};
use std::process::ExitCode;

pub async fn run(args: BackupArgs) -> anyhow::Result<ExitCode> {
    if args.output.exists() {
        bail!("{} exists already; choose a new file", args.output.display());
    }
    let conn = args.db.open().await?;
    if rathaus_db::engine_of(&conn) == Engine::Postgres {
        eprintln!(
            "PostgreSQL is backed up with its own tools, e.g.\n  pg_dump --format=custom --file=rathaus.dump \"$RATHAUS_DATABASE_URL\"\n\
             and restored with pg_restore --clean --dbname=URL rathaus.dump (see README, \"Backup\")."
        );
        return Ok(ExitCode::from(2));
    }
    let path = args.output.to_str().ok_or_else(|| anyhow!("backup path must be valid UTF-8"))?;
    conn.execute_raw(Statement::from_sql_and_values(conn.get_database_backend(), "VACUUM INTO ?", [path.into()]))
        .await
        .map_err(|e| anyhow!("backup failed: {e}"))?;
    println!("backup written to {}", args.output.display());
    Ok(ExitCode::SUCCESS)
}
