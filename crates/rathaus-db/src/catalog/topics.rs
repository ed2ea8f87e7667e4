//! Topics (Lebenslagen, Themenfelder) that group services on the website.

use super::conflict;
use crate::entity::topic;
use crate::{StoreError, TenantId, now};
use rathaus_domain::Slug;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

pub use topic::Model as Topic;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicFields {
    pub key: Slug,
    pub name_de: String,
    pub name_en: String,
}

impl TopicFields {
    fn apply(&self, m: &mut topic::ActiveModel) {
        m.key = Set(self.key.as_str().to_owned());
        m.name_de = Set(self.name_de.clone());
        m.name_en = Set(self.name_en.clone());
    }
}

/// All topics, by key.
pub async fn list(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Vec<Topic>, StoreError> {
    Ok(topic::Entity::find()
        .filter(topic::Column::TenantId.eq(tenant.0))
        .order_by_asc(topic::Column::Key)
        .all(db)
        .await?)
}

pub async fn get(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<Option<Topic>, StoreError> {
    Ok(topic::Entity::find_by_id(id).filter(topic::Column::TenantId.eq(tenant.0)).one(db).await?)
}

pub async fn get_by_key(db: &impl ConnectionTrait, tenant: TenantId, key: &str) -> Result<Option<Topic>, StoreError> {
    Ok(topic::Entity::find()
        .filter(topic::Column::TenantId.eq(tenant.0))
        .filter(topic::Column::Key.eq(key))
        .one(db)
        .await?)
}

/// Fails with `topic-key-taken`.
pub async fn create(db: &impl ConnectionTrait, tenant: TenantId, fields: &TopicFields) -> Result<Topic, StoreError> {
    let t = now();
    let mut m =
        topic::ActiveModel { tenant_id: Set(tenant.0), created_at: Set(t), updated_at: Set(t), ..Default::default() };
    fields.apply(&mut m);
    m.insert(db).await.map_err(|e| conflict(e, &[], "topic-key-taken"))
}

pub async fn update(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    fields: &TopicFields,
) -> Result<Topic, StoreError> {
    let existing = get(db, tenant, id).await?.ok_or(StoreError::NotFound)?;
    let mut m: topic::ActiveModel = existing.into();
    fields.apply(&mut m);
    m.updated_at = Set(now());
    m.update(db).await.map_err(|e| conflict(e, &[], "topic-key-taken"))
}

/// Deletes a topic; its services stay, unlisted from any topic.
pub async fn delete(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<(), StoreError> {
    let result = topic::Entity::delete_many()
        .filter(topic::Column::TenantId.eq(tenant.0))
        .filter(topic::Column::Id.eq(id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}
