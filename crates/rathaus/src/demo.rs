//! The demo installation: "Musterstadt" (a mid-sized town in Nordrhein-Westfalen) and the
//! small "Kleindorf" (Bayern), with one account per role. Loaded by `serve --demo` on first
//! start and by `rathaus demo load`; loading twice changes nothing.

use anyhow::Context;
use rathaus_db::{DatabaseConnection, TenantId, audit, begin_write, staff, tenants};
use rathaus_domain::{AccentColour, Ags, Email, Language, NewPassword, Role, Slug};

pub struct DemoLogin {
    pub tenant: &'static str,
    pub host: &'static str,
    pub role: Role,
    pub email: &'static str,
    pub password: &'static str,
}

/// Demo logins are public knowledge: never use `--demo` for real data.
pub const LOGINS: &[DemoLogin] = &[
    DemoLogin {
        tenant: "musterstadt",
        host: "localhost",
        role: Role::Admin,
        email: "admin@musterstadt.example",
        password: "Demo-Admin-Musterstadt",
    },
    DemoLogin {
        tenant: "musterstadt",
        host: "localhost",
        role: Role::Supervisor,
        email: "teamleitung@musterstadt.example",
        password: "Demo-Teamleitung-Musterstadt",
    },
    DemoLogin {
        tenant: "musterstadt",
        host: "localhost",
        role: Role::Clerk,
        email: "sachbearbeitung@musterstadt.example",
        password: "Demo-Sachbearbeitung-Musterstadt",
    },
    DemoLogin {
        tenant: "kleindorf",
        host: "kleindorf.localhost",
        role: Role::Admin,
        email: "admin@kleindorf.example",
        password: "Demo-Admin-Kleindorf",
    },
];

struct DemoTenant {
    slug: &'static str,
    name: &'static str,
    ags: &'static str,
    street: &'static str,
    postal_code: &'static str,
    city: &'static str,
    email: &'static str,
    phone: &'static str,
    accent: &'static str,
    hosts: &'static [&'static str],
}

const TENANTS: &[DemoTenant] = &[
    DemoTenant {
        slug: "musterstadt",
        name: "Musterstadt",
        ags: "05999001",
        street: "Rathausplatz 1",
        postal_code: "12345",
        city: "Musterstadt",
        email: "buergerbuero@musterstadt.example",
        phone: "+49 1234 5678-0",
        accent: "#0b5cad",
        hosts: &["localhost", "127.0.0.1", "::1", "musterstadt.localhost"],
    },
    DemoTenant {
        slug: "kleindorf",
        name: "Kleindorf",
        ags: "09999002",
        street: "Dorfstraße 3",
        postal_code: "98765",
        city: "Kleindorf",
        email: "gemeinde@kleindorf.example",
        phone: "+49 9876 543-0",
        accent: "#1d6b35",
        hosts: &["kleindorf.localhost"],
    },
];

fn display_name(email: &str, role: Role) -> String {
    let who = match role {
        Role::Admin => "Demo Administration",
        Role::Supervisor => "Demo Teamleitung",
        Role::Clerk => "Demo Sachbearbeitung",
    };
    format!("{who} ({})", email.split('@').nth(1).unwrap_or(""))
}

/// Creates the demo tenants and accounts that are missing. Returns whether anything new
/// was created.
pub async fn load(db: &DatabaseConnection) -> anyhow::Result<bool> {
    let mut created = false;
    for t in TENANTS {
        if tenants::find_by_slug(db, t.slug).await?.is_some() {
            continue;
        }
        let settings = tenants::TenantSettings {
            name: t.name.to_owned(),
            ags: Ags::parse(t.ags).expect("demo AGS is valid"),
            street: t.street.to_owned(),
            postal_code: t.postal_code.to_owned(),
            city: t.city.to_owned(),
            contact_email: Email::parse(t.email).expect("demo e-mail is valid"),
            contact_phone: t.phone.to_owned(),
            time_zone: jiff::tz::TimeZone::get("Europe/Berlin").context("time zone data")?,
            time_zone_name: "Europe/Berlin".to_owned(),
            federal_state: Ags::parse(t.ags).expect("valid").federal_state(),
            accent_colour: AccentColour::parse(t.accent).expect("demo colour has enough contrast"),
            languages: vec![Language::De, Language::En],
        };
        let hosts: Vec<String> = t.hosts.iter().map(|h| (*h).to_owned()).collect();
        let tx = begin_write(db).await?;
        let tenant = tenants::create(&tx, &Slug::parse(t.slug).expect("valid"), &settings, &hosts).await?;
        for login in LOGINS.iter().filter(|l| l.tenant == t.slug) {
            create_account(&tx, tenant.tenant_id(), login).await?;
        }
        audit::append_in(
            &tx,
            tenant.tenant_id(),
            audit::AuditEntry::new(None, "demo", "tenant.created").target("tenant", tenant.id),
        )
        .await?;
        // The service catalogue, in the same transaction: Musterstadt's full demo catalogue,
        // for Kleindorf a subset of it (six Bürgerbüro services at one office; see
        // `rathaus_catalog_store::demo::kleindorf`).
        let catalog = match t.slug {
            "kleindorf" => rathaus_catalog_store::demo::kleindorf(),
            _ => rathaus_catalog_store::demo::musterstadt(),
        };
        rathaus_catalog_store::import(&tx, tenant.tenant_id(), &catalog, &audit::AuditEntry::new(None, "demo", ""))
            .await?;
        tx.commit().await?;
        created = true;
    }
    Ok(created)
}

/// Generates the bookable capacity of every demo tenant from today to the end of each
/// place's horizon, or `max_days` ahead (what the hourly `booking.roll_forward` job keeps
/// current afterwards).
pub async fn load_capacity(db: &DatabaseConnection, max_days: Option<u32>) -> anyhow::Result<()> {
    let now = jiff::Timestamp::now();
    for t in TENANTS {
        if let Some(tenant) = tenants::find_by_slug(db, t.slug).await? {
            rathaus_booking::roll_forward_within(db, tenant.tenant_id(), now, max_days).await?;
        }
    }
    Ok(())
}

async fn create_account(
    tx: &rathaus_db::DatabaseTransaction,
    tenant: TenantId,
    login: &DemoLogin,
) -> anyhow::Result<()> {
    let hash = rathaus_web::auth::password::hash(&NewPassword::parse(login.password).expect("demo password is valid"));
    let email = Email::parse(login.email).expect("valid");
    staff::create(tx, tenant, &email, &display_name(login.email, login.role), login.role, Some(hash)).await?;
    Ok(())
}

pub fn print_logins(created: bool) {
    if created {
        println!("Demo data loaded.");
    }
    println!("Demo logins (public – never use --demo for real data):");
    for l in LOGINS {
        println!(
            "  {:<12} {:<10} {:<38} {}  (http://{}:PORT/login)",
            l.tenant,
            l.role.as_str(),
            l.email,
            l.password,
            l.host
        );
    }
}
