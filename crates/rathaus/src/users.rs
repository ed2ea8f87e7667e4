//! `rathaus user …` and `rathaus tenant …`: administration from the shell, for the first
//! admin account of a new installation and for scripted set-ups.

use crate::cli::{TenantCommand, UserCommand};
use anyhow::{Context, anyhow, bail};
use rathaus_db::{audit, begin_write, staff, tenants};
use rathaus_domain::{AccentColour, Ags, Email, Language, NewPassword, Role, Slug};
use std::io::BufRead;

pub async fn run(command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Create { tenant, role, email, name, db } => {
            let role = Role::parse(&role).map_err(|_| anyhow!("role must be admin, supervisor or clerk"))?;
            let email = Email::parse(&email).map_err(|_| anyhow!("not a valid e-mail address: {email}"))?;
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line).context("reading the password from stdin")?;
            let password = line.trim_end_matches(['\n', '\r']);
            let password = NewPassword::parse(password).map_err(|e| {
                anyhow!("password refused ({}): use at least {} characters", e.code, NewPassword::MIN_CHARS)
            })?;
            let conn = db.open().await?;
            rathaus_db::migrate(&conn).await?;
            let tenant = tenants::find_by_slug(&conn, &tenant)
                .await?
                .ok_or_else(|| anyhow!("no tenant with slug {tenant:?}; see `rathaus tenant list`"))?;
            let name = name.unwrap_or_else(|| email.as_str().split('@').next().unwrap_or("").to_owned());
            let hash = rathaus_web::auth::password::hash(&password);
            let tx = begin_write(&conn).await?;
            let user = staff::create(&tx, tenant.tenant_id(), &email, &name, role, Some(hash))
                .await
                .map_err(|e| anyhow!("cannot create user: {e}"))?;
            let entry = audit::AuditEntry::new(None, "cli", "staff.created")
                .target("user", user.id)
                .details(serde_json::json!({ "role": role.as_str() }));
            audit::append_in(&tx, tenant.tenant_id(), entry).await?;
            tx.commit().await?;
            println!("created {} user {} in tenant {}", role.as_str(), user.email, tenant.slug);
            Ok(())
        }
    }
}

pub async fn run_tenant(command: TenantCommand) -> anyhow::Result<()> {
    match command {
        TenantCommand::Create { slug, name, ags, host, contact_email, time_zone, db } => {
            let slug = Slug::parse(&slug).map_err(|_| anyhow!("slug: lower-case letters, digits and hyphens"))?;
            let ags = Ags::parse(&ags).map_err(|e| anyhow!("AGS invalid ({})", e.code))?;
            let tz = jiff::tz::TimeZone::get(&time_zone).map_err(|_| anyhow!("unknown time zone {time_zone}"))?;
            let settings = tenants::TenantSettings {
                name: name.clone(),
                federal_state: ags.federal_state(),
                ags,
                street: String::new(),
                postal_code: String::new(),
                city: name,
                contact_email: Email::parse(&contact_email).map_err(|_| anyhow!("invalid contact e-mail"))?,
                contact_phone: String::new(),
                time_zone: tz,
                time_zone_name: time_zone,
                accent_colour: AccentColour::parse("#0b5cad").expect("default colour is valid"),
                languages: vec![Language::De, Language::En],
            };
            let conn = db.open().await?;
            rathaus_db::migrate(&conn).await?;
            let tx = begin_write(&conn).await?;
            let tenant = tenants::create(&tx, &slug, &settings, &host).await.map_err(|e| anyhow!("{e}"))?;
            audit::append_in(
                &tx,
                tenant.tenant_id(),
                audit::AuditEntry::new(None, "cli", "tenant.created").target("tenant", tenant.id),
            )
            .await?;
            tx.commit().await?;
            println!("created tenant {} ({})", tenant.slug, tenant.name);
            Ok(())
        }
        TenantCommand::List(db) => {
            let conn = db.open().await?;
            let all = tenants::list(&conn).await?;
            if all.is_empty() {
                bail!("no tenants yet: create one with `rathaus tenant create` or load the demo");
            }
            for t in all {
                let hosts = tenants::hosts(&conn, t.tenant_id()).await?;
                println!("{}\t{}\t{}\t{}", t.slug, t.name, t.ags, hosts.join(","));
            }
            Ok(())
        }
    }
}
