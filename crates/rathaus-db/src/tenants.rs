//! Tenants (Mandanten) and the host names that select them.

use crate::entity::{tenant, tenant_host};
use crate::{StoreError, TenantId, is_unique_violation, now};
use rathaus_domain::{AccentColour, Ags, Email, FederalState, Language, Slug};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

pub use tenant::Model as Tenant;

/// Everything an admin may change about their tenant. Fields are parsed values.
#[derive(Debug, Clone)]
pub struct TenantSettings {
    pub name: String,
    pub ags: Ags,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub contact_email: Email,
    pub contact_phone: String,
    pub time_zone: jiff::tz::TimeZone,
    pub time_zone_name: String,
    pub federal_state: FederalState,
    pub accent_colour: AccentColour,
    pub languages: Vec<Language>,
}

impl Tenant {
    pub fn tenant_id(&self) -> TenantId {
        TenantId(self.id)
    }

    pub fn language_list(&self) -> Vec<Language> {
        Language::parse_list(&self.languages).unwrap_or_else(|_| vec![Language::De])
    }

    pub fn tz(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::get(&self.time_zone).unwrap_or(jiff::tz::TimeZone::UTC)
    }
}

/// Normalises a `Host` header value: lower case, without port.
pub fn normalise_host(host: &str) -> String {
    let host = host.trim().to_ascii_lowercase();
    if let Some(rest) = host.strip_prefix('[') {
        // IPv6 literal: "[::1]:8080"
        return rest.split(']').next().unwrap_or("").to_owned();
    }
    if host.matches(':').count() > 1 {
        // A bare IPv6 address ("::1") has no port.
        return host;
    }
    host.rsplit_once(':')
        .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
        .map(|(h, _)| h.to_owned())
        .unwrap_or(host)
}

pub async fn create(
    db: &impl ConnectionTrait,
    slug: &Slug,
    settings: &TenantSettings,
    hosts: &[String],
) -> Result<Tenant, StoreError> {
    let t = now();
    let model = tenant::ActiveModel {
        slug: Set(slug.as_str().to_owned()),
        name: Set(settings.name.clone()),
        ags: Set(settings.ags.as_str().to_owned()),
        street: Set(settings.street.clone()),
        postal_code: Set(settings.postal_code.clone()),
        city: Set(settings.city.clone()),
        contact_email: Set(settings.contact_email.as_str().to_owned()),
        contact_phone: Set(settings.contact_phone.clone()),
        time_zone: Set(settings.time_zone_name.clone()),
        federal_state: Set(settings.federal_state.code().to_owned()),
        accent_colour: Set(settings.accent_colour.to_string()),
        logo: Set(None),
        logo_mime: Set(None),
        languages: Set(Language::format_list(&settings.languages)),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| if is_unique_violation(&e) { StoreError::Conflict("tenant-exists") } else { e.into() })?;
    for host in hosts {
        add_host(db, model.tenant_id(), host).await?;
    }
    Ok(model)
}

pub async fn add_host(db: &impl ConnectionTrait, tenant: TenantId, host: &str) -> Result<(), StoreError> {
    tenant_host::ActiveModel { tenant_id: Set(tenant.0), host: Set(normalise_host(host)), ..Default::default() }
        .insert(db)
        .await
        .map_err(|e| if is_unique_violation(&e) { StoreError::Conflict("host-taken") } else { e.into() })?;
    Ok(())
}

pub async fn hosts(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Vec<String>, StoreError> {
    Ok(tenant_host::Entity::find()
        .filter(tenant_host::Column::TenantId.eq(tenant.0))
        .order_by_asc(tenant_host::Column::Host)
        .all(db)
        .await?
        .into_iter()
        .map(|h| h.host)
        .collect())
}

pub async fn get(db: &impl ConnectionTrait, id: TenantId) -> Result<Option<Tenant>, StoreError> {
    Ok(tenant::Entity::find_by_id(id.0).one(db).await?)
}

pub async fn find_by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<Option<Tenant>, StoreError> {
    Ok(tenant::Entity::find().filter(tenant::Column::Slug.eq(slug)).one(db).await?)
}

pub async fn find_by_host(db: &impl ConnectionTrait, host: &str) -> Result<Option<Tenant>, StoreError> {
    let Some(h) =
        tenant_host::Entity::find().filter(tenant_host::Column::Host.eq(normalise_host(host))).one(db).await?
    else {
        return Ok(None);
    };
    get(db, TenantId(h.tenant_id)).await
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Tenant>, StoreError> {
    Ok(tenant::Entity::find().order_by_asc(tenant::Column::Id).all(db).await?)
}

pub async fn count(db: &impl ConnectionTrait) -> Result<u64, StoreError> {
    Ok(tenant::Entity::find().count(db).await?)
}

pub async fn update_settings(
    db: &impl ConnectionTrait,
    id: TenantId,
    s: &TenantSettings,
) -> Result<Tenant, StoreError> {
    let existing = get(db, id).await?.ok_or(StoreError::NotFound)?;
    let mut m: tenant::ActiveModel = existing.into();
    m.name = Set(s.name.clone());
    m.ags = Set(s.ags.as_str().to_owned());
    m.street = Set(s.street.clone());
    m.postal_code = Set(s.postal_code.clone());
    m.city = Set(s.city.clone());
    m.contact_email = Set(s.contact_email.as_str().to_owned());
    m.contact_phone = Set(s.contact_phone.clone());
    m.time_zone = Set(s.time_zone_name.clone());
    m.federal_state = Set(s.federal_state.code().to_owned());
    m.accent_colour = Set(s.accent_colour.to_string());
    m.languages = Set(Language::format_list(&s.languages));
    m.updated_at = Set(now());
    m.update(db).await.map_err(|e| if is_unique_violation(&e) { StoreError::Conflict("ags-taken") } else { e.into() })
}

pub async fn set_logo(
    db: &impl ConnectionTrait,
    id: TenantId,
    logo: Option<(Vec<u8>, String)>,
) -> Result<(), StoreError> {
    let existing = get(db, id).await?.ok_or(StoreError::NotFound)?;
    let mut m: tenant::ActiveModel = existing.into();
    let (bytes, mime) = logo.map_or((None, None), |(b, m)| (Some(b), Some(m)));
    m.logo = Set(bytes);
    m.logo_mime = Set(mime);
    m.updated_at = Set(now());
    m.update(db).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::normalise_host;

    #[test]
    fn hosts_are_normalised() {
        assert_eq!(normalise_host("Musterstadt.DE:443"), "musterstadt.de");
        assert_eq!(normalise_host("127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(normalise_host("[::1]:8080"), "::1");
        assert_eq!(normalise_host("::1"), "::1");
        assert_eq!(normalise_host("localhost"), "localhost");
    }
}
