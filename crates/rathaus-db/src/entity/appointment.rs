//! Table `appointments`: held (status `held`, no contact yet) and booked appointments.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "appointments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub place_id: i64,
    pub counter_id: i64,
    pub start_s: i64,
    pub end_s: i64,
    /// `held`, `confirmed`, `cancelled`, `arrived`, `no_show` or `completed`.
    pub status: String,
    pub booking_code: Option<String>,
    pub manage_token_hash: Option<String>,
    pub hold_token_hash: Option<String>,
    pub idempotency_key: Option<String>,
    /// `online`, `phone`, `walk_in` or `emergency`.
    pub channel: String,
    pub booked_by_user_id: Option<i64>,
    pub persons: i32,
    /// Empty while held.
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub contact_hash: Option<String>,
    pub created_at: i64,
    pub confirmed_at: Option<i64>,
    pub cancelled_at: Option<i64>,
    pub held_until_s: Option<i64>,
    /// `de` or `en`: the citizen's language for e-mails and reminders.
    pub language: String,
    /// When the citizen agreed to the processing of their data.
    pub consent_at: Option<i64>,
    /// iCalendar SEQUENCE: bumped whenever the appointment moves.
    pub sequence: i32,
    pub arrived_at: Option<i64>,
    /// Why the office cancelled (a code such as `office-closed`); NULL otherwise.
    pub cancel_reason: Option<String>,
    /// Double opt-in: when the e-mail asking the citizen to confirm was sent.
    pub opt_in_sent_at: Option<i64>,
    #[sea_orm(column_type = "Text", nullable)]
    pub notes: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
