//! Small data fixtures shared by the storage test suites.

use rathaus_db::{TenantId, tenants};
use rathaus_domain::{AccentColour, Ags, Email, FederalState, Language, Slug};
use sea_orm::DatabaseConnection;

/// Valid settings for a test tenant named after its slug (Nordrhein-Westfalen, Berlin time).
pub fn tenant_settings(slug: &str, ags: &str) -> tenants::TenantSettings {
    tenants::TenantSettings {
        name: slug.to_owned(),
        ags: Ags::parse(ags).expect("test AGS is valid"),
        street: "Marktplatz 1".into(),
        postal_code: "12345".into(),
        city: slug.to_owned(),
        contact_email: Email::parse("info@example.org").expect("valid"),
        contact_phone: "+49 30 123456".into(),
        time_zone: jiff::tz::TimeZone::get("Europe/Berlin").expect("bundled tz data"),
        time_zone_name: "Europe/Berlin".into(),
        federal_state: FederalState::parse("NW").expect("valid"),
        accent_colour: AccentColour::parse("#0b5cad").expect("valid"),
        languages: vec![Language::De, Language::En],
    }
}

/// Creates a tenant reachable at `<slug>.example`.
pub async fn tenant(db: &DatabaseConnection, slug: &str, ags: &str) -> TenantId {
    let slug_value = Slug::parse(slug).expect("test slug is valid");
    tenants::create(db, &slug_value, &tenant_settings(slug, ags), &[format!("{slug}.example")])
        .await
        .expect("create test tenant")
        .tenant_id()
}
