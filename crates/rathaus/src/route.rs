//! `rathaus route`: request routing from the shell, e.g. to evaluate a query set.
//!
//! `rathaus route --demo --batch < queries.txt` reads one query per line and prints one
//! JSON line per query, `{"query": "...", "services": [{"slug": "...", "score": ...}, ...]}`,
//! best first, using the built-in demo catalogue and no database. Without `--demo` it uses
//! the catalogue of a tenant in the configured database.

use crate::cli::RouteArgs;
use anyhow::{anyhow, bail};
use rathaus_search::{Index, route_batch_line};
use std::io::{BufRead, Write};

async fn index_for(args: &RouteArgs) -> anyhow::Result<Index> {
    if args.demo {
        return Ok(rathaus_search::catalog::demo_index());
    }
    let db = args.db.open().await?;
    let tenant = match &args.tenant {
        Some(slug) => {
            rathaus_db::tenants::find_by_slug(&db, slug).await?.ok_or_else(|| anyhow!("no tenant {slug:?}"))?
        }
        None => {
            let mut all = rathaus_db::tenants::list(&db).await?;
            if all.len() != 1 {
                bail!("{} tenants: choose one with --tenant", all.len());
            }
            all.remove(0)
        }
    };
    let mut catalog = rathaus_catalog_store::export(&db, tenant.tenant_id()).await?;
    let active: std::collections::HashSet<String> =
        rathaus_db::catalog::services::a_to_z(&db, tenant.tenant_id()).await?.into_iter().map(|s| s.slug).collect();
    catalog.services.retain(|s| active.contains(&s.slug));
    Ok(Index::build(&rathaus_search::catalog::documents_from_catalog(&catalog)))
}

pub async fn run(args: RouteArgs) -> anyhow::Result<()> {
    let index = index_for(&args).await?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.batch {
        for line in std::io::stdin().lock().lines() {
            let line = line?;
            writeln!(out, "{}", route_batch_line(&index, line.trim_end_matches('\r'), args.limit))?;
        }
    } else {
        let query = args.query.join(" ");
        if query.trim().is_empty() {
            bail!("give a query, or --batch to read queries from stdin");
        }
        writeln!(out, "{}", route_batch_line(&index, &query, args.limit))?;
    }
    Ok(())
}
