//! Waiting numbers and their transitions. Each transition is one conditional UPDATE on the
//! status it starts from (and, for a called ticket, on the counter that called it); it
//! returns whether the row changed, so a ticket two clerks reach for goes to one of them.

use crate::catalog::corrupt;
use crate::entity::{ticket, ticket_service};
use crate::{StoreError, TenantId};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set, Statement,
};
use std::collections::HashMap;

pub use ticket::Model as Ticket;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TicketStatus {
    Waiting,
    Called,
    Serving,
    Parked,
    Done,
    NoShow,
    Cancelled,
}

impl TicketStatus {
    pub const ALL: [TicketStatus; 7] = [
        TicketStatus::Waiting,
        TicketStatus::Called,
        TicketStatus::Serving,
        TicketStatus::Parked,
        TicketStatus::Done,
        TicketStatus::NoShow,
        TicketStatus::Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TicketStatus::Waiting => "waiting",
            TicketStatus::Called => "called",
            TicketStatus::Serving => "serving",
            TicketStatus::Parked => "parked",
            TicketStatus::Done => "done",
            TicketStatus::NoShow => "no_show",
            TicketStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

impl Ticket {
    pub fn status(&self) -> Result<TicketStatus, StoreError> {
        TicketStatus::parse(&self.status).ok_or_else(|| corrupt("ticket status", &self.status))
    }

    /// The number as shown: `A-017`.
    pub fn label(&self) -> String {
        format!("{}-{:03}", self.prefix, self.number)
    }
}

pub struct NewTicket<'a> {
    pub place_id: i64,
    pub day: &'a str,
    pub prefix: &'a str,
    /// `appointment` or `walk_in`.
    pub kind: &'a str,
    pub appointment_id: Option<i64>,
    pub priority: bool,
    pub persons: i32,
    pub due_s: Option<i64>,
    pub follow_hash: String,
    pub language: &'a str,
    pub channel: &'a str,
    pub services: &'a [i64],
}

/// Inserts a ticket with the next number of its place, day and prefix. Two concurrent
/// inserts may pick the same number; the unique index refuses the second with
/// `StoreError::Conflict("ticket-number-taken")` and the caller retries in a new
/// transaction. A second ticket for one appointment is `appointment-checked-in`.
pub async fn insert(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    new: NewTicket<'_>,
    now: i64,
) -> Result<Ticket, StoreError> {
    lock_numbering(db, new.place_id).await?;
    let last: Option<i32> = ticket::Entity::find()
        .select_only()
        .column_as(Expr::expr(Func::max(Expr::col(ticket::Column::Number))), "n")
        .filter(ticket::Column::PlaceId.eq(new.place_id))
        .filter(ticket::Column::Day.eq(new.day))
        .filter(ticket::Column::Prefix.eq(new.prefix))
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten();
    let row = ticket::ActiveModel {
        tenant_id: Set(tenant.0),
        place_id: Set(new.place_id),
        day: Set(new.day.to_owned()),
        prefix: Set(new.prefix.to_owned()),
        number: Set(last.unwrap_or(0) + 1),
        kind: Set(new.kind.to_owned()),
        appointment_id: Set(new.appointment_id),
        status: Set(TicketStatus::Waiting.code().to_owned()),
        priority: Set(i16::from(new.priority)),
        persons: Set(Ord::max(new.persons, 1)),
        checked_in_at: Set(now),
        queued_at: Set(now),
        due_s: Set(new.due_s),
        for_counter_id: Set(None),
        counter_id: Set(None),
        user_id: Set(None),
        calls: Set(0),
        unanswered: Set(0),
        called_at: Set(None),
        started_at: Set(None),
        finished_at: Set(None),
        notified_at: Set(None),
        follow_hash: Set(new.follow_hash),
        language: Set(new.language.to_owned()),
        channel: Set(new.channel.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| {
        crate::catalog::conflict(
            e,
            &[("appointment", "appointment-checked-in"), ("follow", "follow-token-taken")],
            "ticket-number-taken",
        )
    })?;
    for service in new.services {
        ticket_service::ActiveModel {
            tenant_id: Set(tenant.0),
            ticket_id: Set(row.id),
            service_id: Set(*service),
            done: Set(0),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(row)
}

/// On PostgreSQL, serialises "read the last number, insert the next" per place (advisory
/// lock 7005 on the place id), so concurrent check-ins queue for a moment instead of
/// colliding on the unique index. SQLite's write transactions are serial already.
async fn lock_numbering(db: &impl ConnectionTrait, place_id: i64) -> Result<(), StoreError> {
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    let key = i32::try_from(place_id.rem_euclid(i64::from(i32::MAX))).unwrap_or(0);
    db.execute_raw(Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        "SELECT pg_advisory_xact_lock(7005, $1::int4)",
        [key.into()],
    ))
    .await?;
    Ok(())
}

pub async fn get(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<Option<Ticket>, StoreError> {
    Ok(ticket::Entity::find_by_id(id).filter(ticket::Column::TenantId.eq(tenant.0)).one(db).await?)
}

pub async fn by_follow_hash(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    hash: &str,
) -> Result<Option<Ticket>, StoreError> {
    Ok(ticket::Entity::find()
        .filter(ticket::Column::TenantId.eq(tenant.0))
        .filter(ticket::Column::FollowHash.eq(hash))
        .one(db)
        .await?)
}

pub async fn by_appointment(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    appointment_id: i64,
) -> Result<Option<Ticket>, StoreError> {
    Ok(ticket::Entity::find()
        .filter(ticket::Column::TenantId.eq(tenant.0))
        .filter(ticket::Column::AppointmentId.eq(appointment_id))
        .one(db)
        .await?)
}

/// The place's tickets in the given statuses, oldest first.
pub async fn at_place(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    statuses: &[TicketStatus],
) -> Result<Vec<Ticket>, StoreError> {
    Ok(ticket::Entity::find()
        .filter(ticket::Column::TenantId.eq(tenant.0))
        .filter(ticket::Column::PlaceId.eq(place_id))
        .filter(ticket::Column::Status.is_in(statuses.iter().map(|s| s.code())))
        .order_by_asc(ticket::Column::QueuedAt)
        .order_by_asc(ticket::Column::Id)
        .all(db)
        .await?)
}

/// The ticket a counter has called or is serving.
pub async fn current_at_counter(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    counter_id: i64,
) -> Result<Option<Ticket>, StoreError> {
    Ok(ticket::Entity::find()
        .filter(ticket::Column::TenantId.eq(tenant.0))
        .filter(ticket::Column::CounterId.eq(counter_id))
        .filter(ticket::Column::Status.is_in([TicketStatus::Called.code(), TicketStatus::Serving.code()]))
        .order_by_desc(ticket::Column::CalledAt)
        .one(db)
        .await?)
}

/// Tickets of a place finished in `[from, to)`, for service-time estimates and statistics.
pub async fn finished_between(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: Option<i64>,
    from: i64,
    to: i64,
) -> Result<Vec<Ticket>, StoreError> {
    let mut q = ticket::Entity::find()
        .filter(ticket::Column::TenantId.eq(tenant.0))
        .filter(ticket::Column::CheckedInAt.gte(from))
        .filter(ticket::Column::CheckedInAt.lt(to))
        .filter(ticket::Column::Status.is_in([TicketStatus::Done.code(), TicketStatus::NoShow.code()]));
    if let Some(place) = place_id {
        q = q.filter(ticket::Column::PlaceId.eq(place));
    }
    Ok(q.order_by_asc(ticket::Column::FinishedAt).order_by_asc(ticket::Column::Id).all(db).await?)
}

/// `(id, status)` of the place's tickets that ended (done, no-show, cancelled) since `since`.
pub async fn ended_since(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    since: i64,
) -> Result<Vec<(i64, TicketStatus)>, StoreError> {
    let rows = ticket::Entity::find()
        .filter(ticket::Column::TenantId.eq(tenant.0))
        .filter(ticket::Column::PlaceId.eq(place_id))
        .filter(ticket::Column::FinishedAt.gte(since))
        .all(db)
        .await?;
    rows.into_iter().map(|t| Ok((t.id, t.status()?))).collect()
}

/// `(service_id, done)` per ticket.
pub async fn services_of(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    ticket_ids: &[i64],
) -> Result<HashMap<i64, Vec<(i64, bool)>>, StoreError> {
    let mut out: HashMap<i64, Vec<(i64, bool)>> = HashMap::new();
    for chunk in ticket_ids.chunks(500) {
        let rows = ticket_service::Entity::find()
            .filter(ticket_service::Column::TenantId.eq(tenant.0))
            .filter(ticket_service::Column::TicketId.is_in(chunk.iter().copied()))
            .order_by_asc(ticket_service::Column::Id)
            .all(db)
            .await?;
        for r in rows {
            out.entry(r.ticket_id).or_default().push((r.service_id, r.done != 0));
        }
    }
    Ok(out)
}

fn update(tenant: TenantId, id: i64) -> sea_orm::UpdateMany<ticket::Entity> {
    ticket::Entity::update_many().filter(ticket::Column::TenantId.eq(tenant.0)).filter(ticket::Column::Id.eq(id))
}

async fn changed_one(stmt: sea_orm::UpdateMany<ticket::Entity>, db: &impl ConnectionTrait) -> Result<bool, StoreError> {
    Ok(stmt.exec(db).await?.rows_affected == 1)
}

/// waiting → called by `counter_id`.
pub async fn call(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    counter_id: i64,
    user_id: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let stmt = update(tenant, id)
        .col_expr(ticket::Column::Status, Expr::value(TicketStatus::Called.code()))
        .col_expr(ticket::Column::CounterId, Expr::value(counter_id))
        .col_expr(ticket::Column::UserId, Expr::value(user_id))
        .col_expr(ticket::Column::CalledAt, Expr::value(now))
        .col_expr(ticket::Column::Calls, Expr::col(ticket::Column::Calls).add(1))
        .filter(ticket::Column::Status.eq(TicketStatus::Waiting.code()));
    changed_one(stmt, db).await
}

/// called → called again (the display repeats it).
pub async fn recall(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    counter_id: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let stmt = update(tenant, id)
        .col_expr(ticket::Column::CalledAt, Expr::value(now))
        .col_expr(ticket::Column::Calls, Expr::col(ticket::Column::Calls).add(1))
        .filter(ticket::Column::CounterId.eq(counter_id))
        .filter(ticket::Column::Status.eq(TicketStatus::Called.code()));
    changed_one(stmt, db).await
}

/// called → serving: the citizen came to the counter.
pub async fn start(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    counter_id: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let stmt = update(tenant, id)
        .col_expr(ticket::Column::Status, Expr::value(TicketStatus::Serving.code()))
        .col_expr(ticket::Column::StartedAt, Expr::value(now))
        .filter(ticket::Column::CounterId.eq(counter_id))
        .filter(ticket::Column::Status.eq(TicketStatus::Called.code()));
    changed_one(stmt, db).await
}

/// serving → done, marking which of its services were actually done.
pub async fn finish(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    counter_id: i64,
    done_services: &[i64],
    now: i64,
) -> Result<bool, StoreError> {
    let stmt = update(tenant, id)
        .col_expr(ticket::Column::Status, Expr::value(TicketStatus::Done.code()))
        .col_expr(ticket::Column::FinishedAt, Expr::value(now))
        .filter(ticket::Column::CounterId.eq(counter_id))
        .filter(ticket::Column::Status.eq(TicketStatus::Serving.code()));
    if !changed_one(stmt, db).await? {
        return Ok(false);
    }
    ticket_service::Entity::update_many()
        .col_expr(ticket_service::Column::Done, Expr::value(1))
        .filter(ticket_service::Column::TenantId.eq(tenant.0))
        .filter(ticket_service::Column::TicketId.eq(id))
        .filter(ticket_service::Column::ServiceId.is_in(done_services.iter().copied()))
        .exec(db)
        .await?;
    Ok(true)
}

/// What becomes of a called ticket that was not answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unanswered {
    /// Back into the line at its old place.
    Requeue,
    Park,
    NoShow,
}

/// called → waiting / parked / no_show, counting the unanswered call.
pub async fn unanswered(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    counter_id: i64,
    outcome: Unanswered,
    now: i64,
) -> Result<bool, StoreError> {
    let status = match outcome {
        Unanswered::Requeue => TicketStatus::Waiting,
        Unanswered::Park => TicketStatus::Parked,
        Unanswered::NoShow => TicketStatus::NoShow,
    };
    let mut stmt = update(tenant, id)
        .col_expr(ticket::Column::Status, Expr::value(status.code()))
        .col_expr(ticket::Column::Unanswered, Expr::col(ticket::Column::Unanswered).add(1))
        .filter(ticket::Column::CounterId.eq(counter_id))
        .filter(ticket::Column::Status.eq(TicketStatus::Called.code()));
    if outcome == Unanswered::NoShow {
        stmt = stmt.col_expr(ticket::Column::FinishedAt, Expr::value(now));
    } else {
        stmt = stmt.col_expr(ticket::Column::CounterId, Expr::value(Option::<i64>::None));
    }
    changed_one(stmt, db).await
}

/// called or serving → waiting for another counter and/or other services, keeping its
/// place in line (`queued_at` is unchanged).
pub async fn transfer(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    from_counter_id: i64,
    to_counter_id: Option<i64>,
    services: Option<&[i64]>,
) -> Result<bool, StoreError> {
    let stmt = update(tenant, id)
        .col_expr(ticket::Column::Status, Expr::value(TicketStatus::Waiting.code()))
        .col_expr(ticket::Column::CounterId, Expr::value(Option::<i64>::None))
        .col_expr(ticket::Column::StartedAt, Expr::value(Option::<i64>::None))
        .col_expr(ticket::Column::ForCounterId, Expr::value(to_counter_id))
        .filter(ticket::Column::CounterId.eq(from_counter_id))
        .filter(ticket::Column::Status.is_in([TicketStatus::Called.code(), TicketStatus::Serving.code()]));
    if !changed_one(stmt, db).await? {
        return Ok(false);
    }
    if let Some(services) = services {
        ticket_service::Entity::delete_many()
            .filter(ticket_service::Column::TenantId.eq(tenant.0))
            .filter(ticket_service::Column::TicketId.eq(id))
            .exec(db)
            .await?;
        for service in services {
            ticket_service::ActiveModel {
                tenant_id: Set(tenant.0),
                ticket_id: Set(id),
                service_id: Set(*service),
                done: Set(0),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(true)
}

/// parked → waiting at its old place (the citizen came back).
pub async fn unpark(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<bool, StoreError> {
    let stmt = update(tenant, id)
        .col_expr(ticket::Column::Status, Expr::value(TicketStatus::Waiting.code()))
        .filter(ticket::Column::Status.eq(TicketStatus::Parked.code()));
    changed_one(stmt, db).await
}

/// Sets or clears the priority flag of a waiting or parked ticket.
pub async fn set_priority(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    priority: bool,
) -> Result<bool, StoreError> {
    let stmt = update(tenant, id)
        .col_expr(ticket::Column::Priority, Expr::value(i16::from(priority)))
        .filter(ticket::Column::Status.is_in([TicketStatus::Waiting.code(), TicketStatus::Parked.code()]));
    changed_one(stmt, db).await
}

/// Closes tickets still open that were checked in before `before` (the office closed with
/// them in line, or a clerk never finished them): waiting and parked ones as cancelled,
/// called and served ones as done. Returns how many.
pub async fn close_stale(db: &impl ConnectionTrait, before: i64, now: i64) -> Result<u64, StoreError> {
    let mut closed = 0;
    for (from, to) in [
        (&[TicketStatus::Waiting, TicketStatus::Parked][..], TicketStatus::Cancelled),
        (&[TicketStatus::Called, TicketStatus::Serving][..], TicketStatus::Done),
    ] {
        closed += ticket::Entity::update_many()
            .col_expr(ticket::Column::Status, Expr::value(to.code()))
            .col_expr(ticket::Column::FinishedAt, Expr::value(now))
            .filter(ticket::Column::CheckedInAt.lt(before))
            .filter(ticket::Column::Status.is_in(from.iter().map(|s| s.code())))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(closed)
}
