//! Appointment rows. A hold inserts the row with status `held` (no contact data) and its
//! services; confirming turns it into `confirmed` with the contact, the booking code, the
//! manage-token hash and the idempotency key in one conditional UPDATE (`WHERE status =
//! 'held'`), so a hold is confirmed at most once. The unique indexes turn a reused booking
//! code or idempotency key into [`StoreError::Conflict`] (`booking-code-taken`,
//! `idempotency-key-taken`).

use crate::appointments::slots::SlotRun;
use crate::catalog::{conflict, corrupt};
use crate::entity::{appointment, appointment_service};
use crate::{StoreError, TenantId};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set, Statement,
};
use std::collections::HashMap;

pub use appointment::Model as Appointment;

/// Where an appointment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Slots held for a citizen who is entering their details; no contact data yet.
    Held,
    Confirmed,
    Cancelled,
    Arrived,
    NoShow,
    Completed,
}

impl Status {
    pub const ALL: [Status; 6] =
        [Status::Held, Status::Confirmed, Status::Cancelled, Status::Arrived, Status::NoShow, Status::Completed];

    pub fn code(self) -> &'static str {
        match self {
            Status::Held => "held",
            Status::Confirmed => "confirmed",
            Status::Cancelled => "cancelled",
            Status::Arrived => "arrived",
            Status::NoShow => "no_show",
            Status::Completed => "completed",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

impl Appointment {
    pub fn status(&self) -> Result<Status, StoreError> {
        Status::parse(&self.status).ok_or_else(|| corrupt("appointment status", &self.status))
    }

    /// The counter-slots it takes.
    pub fn run(&self) -> SlotRun {
        SlotRun { place_id: self.place_id, counter_id: self.counter_id, start_s: self.start_s, end_s: self.end_s }
    }
}

/// One service of an appointment: persons and the counter minutes reserved for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookedService {
    pub service_id: i64,
    pub persons: u32,
    pub minutes: u32,
}

/// A hold to record.
#[derive(Debug, Clone)]
pub struct NewHold<'a> {
    pub run: SlotRun,
    /// `online`, `phone`, `walk_in` or `emergency`.
    pub channel: &'a str,
    pub booked_by_user_id: Option<i64>,
    /// SHA-256 of the hold token handed to the citizen (`None` for a direct staff booking).
    pub hold_token_hash: Option<String>,
    pub held_until_s: i64,
    pub services: &'a [BookedService],
}

fn int(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

/// Inserts a `held` appointment with its services.
pub async fn insert_held(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    hold: &NewHold<'_>,
    now: i64,
) -> Result<Appointment, StoreError> {
    let persons = hold.services.iter().map(|s| s.persons).max().unwrap_or(1);
    let row = appointment::ActiveModel {
        tenant_id: Set(tenant.0),
        place_id: Set(hold.run.place_id),
        counter_id: Set(hold.run.counter_id),
        start_s: Set(hold.run.start_s),
        end_s: Set(hold.run.end_s),
        status: Set(Status::Held.code().to_owned()),
        booking_code: Set(None),
        manage_token_hash: Set(None),
        hold_token_hash: Set(hold.hold_token_hash.clone()),
        idempotency_key: Set(None),
        channel: Set(hold.channel.to_owned()),
        booked_by_user_id: Set(hold.booked_by_user_id),
        persons: Set(int(persons)),
        name: Set(String::new()),
        email: Set(None),
        phone: Set(None),
        contact_hash: Set(None),
        created_at: Set(now),
        confirmed_at: Set(None),
        cancelled_at: Set(None),
        held_until_s: Set(Some(hold.held_until_s)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for s in hold.services {
        appointment_service::ActiveModel {
            tenant_id: Set(tenant.0),
            appointment_id: Set(row.id),
            service_id: Set(s.service_id),
            persons: Set(int(s.persons)),
            minutes: Set(int(s.minutes)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(row)
}

/// What confirming adds to a held appointment.
#[derive(Debug, Clone, Copy)]
pub struct Confirmation<'a> {
    pub booking_code: &'a str,
    pub manage_token_hash: &'a str,
    pub idempotency_key: Option<&'a str>,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub contact_hash: Option<&'a str>,
}

const CONFLICTS: &[(&str, &str)] =
    &[("booking_code", "booking-code-taken"), ("idempotency_key", "idempotency-key-taken")];

/// Confirms a `held` appointment; `false` if it is not (or no longer) held.
pub async fn confirm(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    c: &Confirmation<'_>,
    now: i64,
) -> Result<bool, StoreError> {
    let changed = appointment::Entity::update_many()
        .col_expr(appointment::Column::Status, Expr::value(Status::Confirmed.code()))
        .col_expr(appointment::Column::BookingCode, Expr::value(c.booking_code))
        .col_expr(appointment::Column::ManageTokenHash, Expr::value(c.manage_token_hash))
        .col_expr(appointment::Column::IdempotencyKey, Expr::value(c.idempotency_key.map(str::to_owned)))
        .col_expr(appointment::Column::Name, Expr::value(c.name))
        .col_expr(appointment::Column::Email, Expr::value(c.email.map(str::to_owned)))
        .col_expr(appointment::Column::Phone, Expr::value(c.phone.map(str::to_owned)))
        .col_expr(appointment::Column::ContactHash, Expr::value(c.contact_hash.map(str::to_owned)))
        .col_expr(appointment::Column::ConfirmedAt, Expr::value(now))
        .col_expr(appointment::Column::HeldUntilS, Expr::value(Option::<i64>::None))
        .filter(appointment::Column::TenantId.eq(tenant.0))
        .filter(appointment::Column::Id.eq(id))
        .filter(appointment::Column::Status.eq(Status::Held.code()))
        .exec(db)
        .await
        .map_err(|e| conflict(e, CONFLICTS, "appointment-conflict"))?
        .rows_affected;
    Ok(changed == 1)
}

async fn find_by(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    column: appointment::Column,
    value: sea_orm::Value,
) -> Result<Option<Appointment>, StoreError> {
    Ok(appointment::Entity::find()
        .filter(appointment::Column::TenantId.eq(tenant.0))
        .filter(column.eq(value))
        .one(db)
        .await?)
}

pub async fn get(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<Option<Appointment>, StoreError> {
    find_by(db, tenant, appointment::Column::Id, id.into()).await
}

pub async fn by_hold_token_hash(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    hash: &str,
) -> Result<Option<Appointment>, StoreError> {
    find_by(db, tenant, appointment::Column::HoldTokenHash, hash.into()).await
}

pub async fn by_manage_token_hash(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    hash: &str,
) -> Result<Option<Appointment>, StoreError> {
    find_by(db, tenant, appointment::Column::ManageTokenHash, hash.into()).await
}

pub async fn by_idempotency_key(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    key: &str,
) -> Result<Option<Appointment>, StoreError> {
    find_by(db, tenant, appointment::Column::IdempotencyKey, key.into()).await
}

pub async fn by_booking_code(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    code: &str,
) -> Result<Option<Appointment>, StoreError> {
    find_by(db, tenant, appointment::Column::BookingCode, code.into()).await
}

/// The services of an appointment, by service id.
pub async fn services_of(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    appointment_id: i64,
) -> Result<Vec<BookedService>, StoreError> {
    let rows = appointment_service::Entity::find()
        .filter(appointment_service::Column::TenantId.eq(tenant.0))
        .filter(appointment_service::Column::AppointmentId.eq(appointment_id))
        .order_by_asc(appointment_service::Column::ServiceId)
        .all(db)
        .await?;
    let unsigned = |v: i32| u32::try_from(v).map_err(|_| corrupt("persons or minutes", &v.to_string()));
    rows.into_iter()
        .map(|r| {
            Ok(BookedService { service_id: r.service_id, persons: unsigned(r.persons)?, minutes: unsigned(r.minutes)? })
        })
        .collect()
}

/// The service ids of several appointments at once.
pub async fn service_ids_of(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    appointment_ids: &[i64],
) -> Result<HashMap<i64, Vec<i64>>, StoreError> {
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    for chunk in appointment_ids.chunks(500) {
        let rows = appointment_service::Entity::find()
            .filter(appointment_service::Column::TenantId.eq(tenant.0))
            .filter(appointment_service::Column::AppointmentId.is_in(chunk.iter().copied()))
            .order_by_asc(appointment_service::Column::ServiceId)
            .all(db)
            .await?;
        for r in rows {
            out.entry(r.appointment_id).or_default().push(r.service_id);
        }
    }
    Ok(out)
}

/// Cancels a confirmed appointment; `false` if it is not confirmed (any more).
pub async fn set_cancelled(db: &impl ConnectionTrait, tenant: TenantId, id: i64, now: i64) -> Result<bool, StoreError> {
    let changed = appointment::Entity::update_many()
        .col_expr(appointment::Column::Status, Expr::value(Status::Cancelled.code()))
        .col_expr(appointment::Column::CancelledAt, Expr::value(now))
        .filter(appointment::Column::TenantId.eq(tenant.0))
        .filter(appointment::Column::Id.eq(id))
        .filter(appointment::Column::Status.eq(Status::Confirmed.code()))
        .exec(db)
        .await?
        .rows_affected;
    Ok(changed == 1)
}

/// Deletes a held appointment (a hold given back); `false` if it is not held.
pub async fn delete_held(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<bool, StoreError> {
    let deleted = appointment::Entity::delete_many()
        .filter(appointment::Column::TenantId.eq(tenant.0))
        .filter(appointment::Column::Id.eq(id))
        .filter(appointment::Column::Status.eq(Status::Held.code()))
        .exec(db)
        .await?
        .rows_affected;
    Ok(deleted == 1)
}

/// Deletes the held appointments of every tenant whose hold expired before `now` (their
/// slots are freed by the foreign key, or were taken by another hold meanwhile).
pub async fn delete_expired_holds(db: &impl ConnectionTrait, now: i64) -> Result<u64, StoreError> {
    Ok(appointment::Entity::delete_many()
        .filter(appointment::Column::Status.eq(Status::Held.code()))
        .filter(appointment::Column::HeldUntilS.lt(now))
        .exec(db)
        .await?
        .rows_affected)
}

/// On PostgreSQL, serialises the rest of the transaction with every other one that locks
/// the same contact (advisory lock 7003 on the first 32 bits of the contact hash), so that
/// "count the contact's appointments, then add one" cannot interleave. SQLite needs nothing:
/// its write transactions (`BEGIN IMMEDIATE`) are serial already.
pub async fn lock_contact(db: &impl ConnectionTrait, contact_hash: &str) -> Result<(), StoreError> {
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    let prefix = contact_hash.get(..8).and_then(|h| u32::from_str_radix(h, 16).ok()).unwrap_or(0);
    let key = i32::from_ne_bytes(prefix.to_ne_bytes());
    db.execute_raw(Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        "SELECT pg_advisory_xact_lock(7003, $1::int4)",
        [key.into()],
    ))
    .await?;
    Ok(())
}

/// How many confirmed appointments that have not ended by `now` the contact has per
/// service (only services in `service_ids`; services without any are absent).
pub async fn active_per_service(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    contact_hash: &str,
    service_ids: &[i64],
    now: i64,
) -> Result<HashMap<i64, u64>, StoreError> {
    let active = Query::select()
        .column(appointment::Column::Id)
        .from(appointment::Entity)
        .and_where(appointment::Column::TenantId.eq(tenant.0))
        .and_where(appointment::Column::ContactHash.eq(contact_hash))
        .and_where(appointment::Column::Status.eq(Status::Confirmed.code()))
        .and_where(appointment::Column::EndS.gt(now))
        .to_owned();
    let counts: Vec<(i64, i64)> = appointment_service::Entity::find()
        .select_only()
        .column(appointment_service::Column::ServiceId)
        .column_as(appointment_service::Column::Id.count(), "n")
        .filter(appointment_service::Column::TenantId.eq(tenant.0))
        .filter(appointment_service::Column::ServiceId.is_in(service_ids.iter().copied()))
        .filter(appointment_service::Column::AppointmentId.in_subquery(active))
        .group_by(appointment_service::Column::ServiceId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(counts.into_iter().map(|(service, n)| (service, u64::try_from(n).unwrap_or(0))).collect())
}

/// The appointments (not holds) of a place starting in `[from_s, to_s)`, by start.
pub async fn at_place(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    from_s: i64,
    to_s: i64,
) -> Result<Vec<Appointment>, StoreError> {
    Ok(appointment::Entity::find()
        .filter(appointment::Column::TenantId.eq(tenant.0))
        .filter(appointment::Column::PlaceId.eq(place_id))
        .filter(appointment::Column::StartS.gte(from_s))
        .filter(appointment::Column::StartS.lt(to_s))
        .filter(appointment::Column::Status.ne(Status::Held.code()))
        .order_by_asc(appointment::Column::StartS)
        .order_by_asc(appointment::Column::CounterId)
        .all(db)
        .await?)
}
