//! Reading the outbox for the administrators' page. Every query is scoped by tenant.

use rathaus_db::entity::{outbox_attachment, outbox_message};
use rathaus_db::{StoreError, TenantId};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// What the outbox page shows about an attachment, without its content.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct AttachmentInfo {
    pub id: i64,
    pub filename: String,
    pub content_type: String,
    /// Size of the content in bytes.
    pub size: i64,
}

/// The tenant's messages, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    limit: u64,
    offset: u64,
) -> Result<Vec<outbox_message::Model>, StoreError> {
    Ok(outbox_message::Entity::find()
        .filter(outbox_message::Column::TenantId.eq(tenant.0))
        .order_by_desc(outbox_message::Column::CreatedAt)
        .order_by_desc(outbox_message::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?)
}

/// How many messages the tenant's outbox holds.
pub async fn count(db: &impl ConnectionTrait, tenant: TenantId) -> Result<u64, StoreError> {
    Ok(outbox_message::Entity::find().filter(outbox_message::Column::TenantId.eq(tenant.0)).count(db).await?)
}

/// One message of the tenant with its attachments' metadata.
pub async fn get(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<Option<(outbox_message::Model, Vec<AttachmentInfo>)>, StoreError> {
    let Some(message) = get_message(db, tenant, id).await? else {
        return Ok(None);
    };
    let attachments = outbox_attachment::Entity::find()
        .select_only()
        .column(outbox_attachment::Column::Id)
        .column(outbox_attachment::Column::Filename)
        .column(outbox_attachment::Column::ContentType)
        // LENGTH of a blob counts bytes on both engines; the cast makes the type BIGINT.
        .column_as(Expr::cust("CAST(LENGTH(content) AS BIGINT)"), "size")
        .filter(outbox_attachment::Column::MessageId.eq(message.id))
        .order_by_asc(outbox_attachment::Column::Id)
        .into_model::<AttachmentInfo>()
        .all(db)
        .await?;
    Ok(Some((message, attachments)))
}

/// One attachment with its content, if its message belongs to the tenant.
pub async fn attachment(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    message_id: i64,
    attachment_id: i64,
) -> Result<Option<outbox_attachment::Model>, StoreError> {
    let of_tenant = Query::select()
        .column(outbox_message::Column::Id)
        .from(outbox_message::Entity)
        .and_where(outbox_message::Column::TenantId.eq(tenant.0))
        .to_owned();
    Ok(outbox_attachment::Entity::find_by_id(attachment_id)
        .filter(outbox_attachment::Column::MessageId.eq(message_id))
        .filter(outbox_attachment::Column::MessageId.in_subquery(of_tenant))
        .one(db)
        .await?)
}

/// The message row alone, scoped by tenant.
pub(crate) async fn get_message(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<Option<outbox_message::Model>, StoreError> {
    Ok(outbox_message::Entity::find_by_id(id).filter(outbox_message::Column::TenantId.eq(tenant.0)).one(db).await?)
}

/// All attachments of a message, with content, for sending.
pub(crate) async fn attachments_of(
    db: &impl ConnectionTrait,
    message_id: i64,
) -> Result<Vec<outbox_attachment::Model>, StoreError> {
    Ok(outbox_attachment::Entity::find()
        .filter(outbox_attachment::Column::MessageId.eq(message_id))
        .order_by_asc(outbox_attachment::Column::Id)
        .all(db)
        .await?)
}
