//! Departments (Fachbereiche, Ämter) of a tenant: who is responsible for a service.

use super::conflict;
use crate::entity::{department, service};
use crate::{StoreError, TenantId, now};
use rathaus_domain::Slug;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

pub use department::Model as Department;

/// Everything that describes a department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentFields {
    pub key: Slug,
    /// The id of the XZuFi `organisationseinheit` it was imported from.
    pub xzufi_id: Option<String>,
    pub name_de: String,
    pub name_en: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl DepartmentFields {
    fn apply(&self, m: &mut department::ActiveModel) {
        m.key = Set(self.key.as_str().to_owned());
        m.xzufi_id = Set(self.xzufi_id.clone());
        m.name_de = Set(self.name_de.clone());
        m.name_en = Set(self.name_en.clone());
        m.email = Set(self.email.clone());
        m.phone = Set(self.phone.clone());
    }
}

const CONFLICTS: &[(&str, &str)] = &[("xzufi", "department-xzufi-id-taken")];

/// All departments, by key.
pub async fn list(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Vec<Department>, StoreError> {
    Ok(department::Entity::find()
        .filter(department::Column::TenantId.eq(tenant.0))
        .order_by_asc(department::Column::Key)
        .all(db)
        .await?)
}

pub async fn get(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<Option<Department>, StoreError> {
    Ok(department::Entity::find_by_id(id).filter(department::Column::TenantId.eq(tenant.0)).one(db).await?)
}

pub async fn get_by_key(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    key: &str,
) -> Result<Option<Department>, StoreError> {
    Ok(department::Entity::find()
        .filter(department::Column::TenantId.eq(tenant.0))
        .filter(department::Column::Key.eq(key))
        .one(db)
        .await?)
}

/// Fails with `department-key-taken` or `department-xzufi-id-taken`.
pub async fn create(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    fields: &DepartmentFields,
) -> Result<Department, StoreError> {
    let t = now();
    let mut m = department::ActiveModel {
        tenant_id: Set(tenant.0),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    };
    fields.apply(&mut m);
    m.insert(db).await.map_err(|e| conflict(e, CONFLICTS, "department-key-taken"))
}

/// Replaces all fields; `NotFound` for another tenant's id.
pub async fn update(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    fields: &DepartmentFields,
) -> Result<Department, StoreError> {
    let existing = get(db, tenant, id).await?.ok_or(StoreError::NotFound)?;
    let mut m: department::ActiveModel = existing.into();
    fields.apply(&mut m);
    m.updated_at = Set(now());
    m.update(db).await.map_err(|e| conflict(e, CONFLICTS, "department-key-taken"))
}

/// Deletes a department that no service refers to (else `department-in-use`).
pub async fn delete(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<(), StoreError> {
    get(db, tenant, id).await?.ok_or(StoreError::NotFound)?;
    let in_use = service::Entity::find()
        .filter(service::Column::TenantId.eq(tenant.0))
        .filter(service::Column::DepartmentId.eq(id))
        .count(db)
        .await?;
    if in_use > 0 {
        return Err(StoreError::Conflict("department-in-use"));
    }
    department::Entity::delete_many()
        .filter(department::Column::TenantId.eq(tenant.0))
        .filter(department::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
