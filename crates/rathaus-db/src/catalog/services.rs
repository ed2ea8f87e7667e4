//! Services (Leistungen): the columns that appointments and lists query, plus the rich
//! bilingual texts as opaque JSON `details`.
//!
//! The public A–Z list and the topic lists are active services in German order (see
//! [`super::collation`]); admin lists are by slug and include inactive services.

use super::collation::sort_german;
use super::{conflict, departments, topics};
use crate::entity::service;
use crate::{StoreError, TenantId, now};
use rathaus_domain::Slug;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

pub use service::Model as Service;

impl Service {
    /// The channel codes (`appointment`, `walk_in`, `online`, …) in stored order.
    pub fn channel_codes(&self) -> impl Iterator<Item = &str> {
        self.channels.split(',').filter(|c| !c.is_empty())
    }

    pub fn offers(&self, channel: &str) -> bool {
        self.channel_codes().any(|c| c == channel)
    }

    /// The `details` JSON document.
    pub fn details_json(&self) -> Result<serde_json::Value, StoreError> {
        serde_json::from_str(&self.details).map_err(|_| super::corrupt("service details of", &self.slug))
    }
}

/// Everything that describes a service except whether it is active (see [`set_active`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceFields {
    pub slug: Slug,
    /// LeiKa key (14 digits starting with 99), unique per tenant.
    pub leika: Option<String>,
    /// The id of the XZuFi `leistung` it was imported from, unique per tenant.
    pub xzufi_id: Option<String>,
    /// A department of the same tenant.
    pub department_id: i64,
    /// A topic of the same tenant.
    pub topic_id: Option<i64>,
    pub name_de: String,
    pub name_en: String,
    pub minutes_per_person: Option<u16>,
    pub max_persons: Option<u8>,
    /// Channel codes; none may contain a comma.
    pub channels: Vec<String>,
    /// Texts nothing queries inside; `rathaus-catalog-store` defines the shape.
    pub details: serde_json::Value,
}

impl ServiceFields {
    fn apply(&self, m: &mut service::ActiveModel) {
        m.slug = Set(self.slug.as_str().to_owned());
        m.leika = Set(self.leika.clone());
        m.xzufi_id = Set(self.xzufi_id.clone());
        m.department_id = Set(self.department_id);
        m.topic_id = Set(self.topic_id);
        m.name_de = Set(self.name_de.clone());
        m.name_en = Set(self.name_en.clone());
        m.minutes_per_person = Set(self.minutes_per_person.map(i32::from));
        m.max_persons = Set(self.max_persons.map(i32::from));
        m.channels = Set(self.channels.join(","));
        m.details = Set(self.details.to_string());
    }

    /// The department and topic must be the tenant's own.
    async fn check_references(&self, db: &impl ConnectionTrait, tenant: TenantId) -> Result<(), StoreError> {
        if departments::get(db, tenant, self.department_id).await?.is_none() {
            return Err(StoreError::Conflict("department-not-found"));
        }
        if let Some(topic) = self.topic_id
            && topics::get(db, tenant, topic).await?.is_none()
        {
            return Err(StoreError::Conflict("topic-not-found"));
        }
        if self.channels.iter().any(|c| c.contains(',') || c.is_empty()) {
            return Err(StoreError::Conflict("service-channel-invalid"));
        }
        Ok(())
    }
}

const CONFLICTS: &[(&str, &str)] = &[("leika", "service-leika-taken"), ("xzufi", "service-xzufi-id-taken")];

/// All services, active or not, by slug.
pub async fn list(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Vec<Service>, StoreError> {
    Ok(service::Entity::find()
        .filter(service::Column::TenantId.eq(tenant.0))
        .order_by_asc(service::Column::Slug)
        .all(db)
        .await?)
}

/// What the front desk needs of every service: id, minutes per person and the names
/// (German, English) – without the large `details` document.
pub async fn names_and_minutes(
    db: &impl ConnectionTrait,
    tenant: TenantId,
) -> Result<Vec<(i64, Option<i32>, String, String)>, StoreError> {
    use sea_orm::QuerySelect;
    Ok(service::Entity::find()
        .select_only()
        .columns([
            service::Column::Id,
            service::Column::MinutesPerPerson,
            service::Column::NameDe,
            service::Column::NameEn,
        ])
        .filter(service::Column::TenantId.eq(tenant.0))
        .order_by_asc(service::Column::Id)
        .into_tuple()
        .all(db)
        .await?)
}

/// The public A–Z list: active services in German order of their German name.
pub async fn a_to_z(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Vec<Service>, StoreError> {
    let mut all = service::Entity::find()
        .filter(service::Column::TenantId.eq(tenant.0))
        .filter(service::Column::Active.eq(true))
        .all(db)
        .await?;
    sort_german(&mut all, |s| &s.name_de);
    Ok(all)
}

/// Active services listed under a topic, in German order.
pub async fn by_topic(db: &impl ConnectionTrait, tenant: TenantId, topic_id: i64) -> Result<Vec<Service>, StoreError> {
    let mut all = service::Entity::find()
        .filter(service::Column::TenantId.eq(tenant.0))
        .filter(service::Column::TopicId.eq(topic_id))
        .filter(service::Column::Active.eq(true))
        .all(db)
        .await?;
    sort_german(&mut all, |s| &s.name_de);
    Ok(all)
}

pub async fn get(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<Option<Service>, StoreError> {
    Ok(service::Entity::find_by_id(id).filter(service::Column::TenantId.eq(tenant.0)).one(db).await?)
}

pub async fn get_by_slug(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    slug: &str,
) -> Result<Option<Service>, StoreError> {
    find_by(db, tenant, service::Column::Slug, slug).await
}

pub async fn get_by_leika(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    leika: &str,
) -> Result<Option<Service>, StoreError> {
    find_by(db, tenant, service::Column::Leika, leika).await
}

pub async fn get_by_xzufi_id(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    xzufi_id: &str,
) -> Result<Option<Service>, StoreError> {
    find_by(db, tenant, service::Column::XzufiId, xzufi_id).await
}

async fn find_by(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    column: service::Column,
    value: &str,
) -> Result<Option<Service>, StoreError> {
    Ok(service::Entity::find().filter(service::Column::TenantId.eq(tenant.0)).filter(column.eq(value)).one(db).await?)
}

/// Creates an active service. Fails with `service-slug-taken`, `service-leika-taken`,
/// `service-xzufi-id-taken`, `department-not-found` or `topic-not-found`.
pub async fn create(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    fields: &ServiceFields,
) -> Result<Service, StoreError> {
    fields.check_references(db, tenant).await?;
    let t = now();
    let mut m = service::ActiveModel {
        tenant_id: Set(tenant.0),
        active: Set(true),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    };
    fields.apply(&mut m);
    m.insert(db).await.map_err(|e| conflict(e, CONFLICTS, "service-slug-taken"))
}

/// Replaces all fields (not `active`); `NotFound` for another tenant's id.
pub async fn update(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    fields: &ServiceFields,
) -> Result<Service, StoreError> {
    let existing = get(db, tenant, id).await?.ok_or(StoreError::NotFound)?;
    fields.check_references(db, tenant).await?;
    let mut m: service::ActiveModel = existing.into();
    fields.apply(&mut m);
    m.updated_at = Set(now());
    m.update(db).await.map_err(|e| conflict(e, CONFLICTS, "service-slug-taken"))
}

/// Inactive services are hidden from citizens but kept with their history.
pub async fn set_active(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    active: bool,
) -> Result<Service, StoreError> {
    let existing = get(db, tenant, id).await?.ok_or(StoreError::NotFound)?;
    let mut m: service::ActiveModel = existing.into();
    m.active = Set(active);
    m.updated_at = Set(now());
    Ok(m.update(db).await?)
}

/// Deletes a service and its offerings at places.
pub async fn delete(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<(), StoreError> {
    let result = service::Entity::delete_many()
        .filter(service::Column::TenantId.eq(tenant.0))
        .filter(service::Column::Id.eq(id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}
