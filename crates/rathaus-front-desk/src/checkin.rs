//! Getting a ticket: an appointment checks in (terminal, phone or staff), or a walk-in
//! draws a number for a service. Numbers are `PREFIX-NNN` per place and local day; the
//! unique index decides a race, and the loser retries with the next number.

use crate::{Actor, FrontDeskError, Scope, publish_change};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use rathaus_db::appointments::records::{self, Appointment, Status};
use rathaus_db::front_desk::policy::{self, QueueSettings};
use rathaus_db::front_desk::tickets::{self, NewTicket, Ticket};
use rathaus_db::{StoreError, TenantId, audit, begin_write};
use sea_orm::DatabaseConnection;

/// How often a check-in retries after losing the race for a number.
const NUMBER_ATTEMPTS: usize = 8;

/// A ticket just issued, with the token of its follow page (`/warteschlange/{token}`),
/// which exists only here: the database keeps its hash.
#[derive(Debug, Clone)]
pub struct Issued {
    pub ticket: Ticket,
    pub follow_token: String,
}

/// Where a check-in happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Terminal,
    Phone,
    Staff,
}

impl Channel {
    fn code(self) -> &'static str {
        match self {
            Channel::Terminal => "terminal",
            Channel::Phone => "phone",
            Channel::Staff => "staff",
        }
    }
}

/// Whether an appointment may check in now: confirmed (or already marked arrived), today
/// at its place's local date, and no earlier than the window before its start.
pub fn check_window(
    a: &Appointment,
    settings: &QueueSettings,
    tz: &TimeZone,
    now: Timestamp,
) -> Result<(), FrontDeskError> {
    match a.status()? {
        Status::Confirmed | Status::Arrived => {}
        _ => return Err(FrontDeskError::NotCheckable),
    }
    let start = Timestamp::from_second(a.start_s).map_err(|_| FrontDeskError::NotCheckable)?;
    if start.to_zoned(tz.clone()).date() != now.to_zoned(tz.clone()).date() {
        return Err(FrontDeskError::NotToday);
    }
    let opens_at = a.start_s - i64::from(settings.checkin_before_minutes.max(0)) * 60;
    if now.as_second() < opens_at {
        return Err(FrontDeskError::TooEarly { opens_at });
    }
    Ok(())
}

/// Checks an appointment in. `at_place` is the terminal's place (a terminal only checks in
/// its own place's appointments). An appointment checks in once
/// ([`FrontDeskError::AlreadyCheckedIn`]); its ticket's follow token cannot be shown again
/// because only its hash is stored.
pub async fn check_in(
    scope: Scope<'_>,
    tz: &TimeZone,
    appointment: &Appointment,
    at_place: Option<i64>,
    channel: Channel,
    actor: &Actor,
    now: Timestamp,
) -> Result<Issued, FrontDeskError> {
    let Scope { db, events, tenant } = scope;
    if at_place.is_some_and(|p| p != appointment.place_id) {
        return Err(FrontDeskError::WrongPlace);
    }
    let settings = policy::get(db, tenant, appointment.place_id).await?;
    check_window(appointment, &settings, tz, now)?;
    if tickets::by_appointment(db, tenant, appointment.id).await?.is_some() {
        return Err(FrontDeskError::AlreadyCheckedIn);
    }
    let services: Vec<i64> =
        records::services_of(db, tenant, appointment.id).await?.into_iter().map(|s| s.service_id).collect();
    let day = local_day(tz, now);
    let issued = issue(
        db,
        tenant,
        now,
        |follow_hash| NewTicket {
            place_id: appointment.place_id,
            day: &day,
            prefix: &settings.appointment_prefix,
            kind: "appointment",
            appointment_id: Some(appointment.id),
            priority: false,
            persons: appointment.persons,
            due_s: Some(appointment.start_s),
            follow_hash,
            language: &appointment.language,
            channel: channel.code(),
            services: &services,
        },
        |tx, ticket| {
            let entry = actor.entry("ticket.check_in").target("ticket", ticket.id).details(serde_json::json!({
                "appointment_id": appointment.id,
                "channel": channel.code(),
            }));
            let appointment_id = appointment.id;
            Box::pin(async move {
                // The appointment shows as arrived in the calendar; already arrived stays so.
                rathaus_db::appointments::changes::set_status(
                    tx,
                    tenant,
                    appointment_id,
                    Status::Confirmed,
                    Status::Arrived,
                    now.as_second(),
                )
                .await?;
                audit::append_in(tx, tenant, entry).await?;
                Ok(())
            })
        },
    )
    .await;
    match issued {
        Err(FrontDeskError::Store(StoreError::Conflict("appointment-checked-in"))) => {
            Err(FrontDeskError::AlreadyCheckedIn)
        }
        other => {
            let issued = other?;
            publish_change(events, tenant, appointment.place_id).await;
            Ok(issued)
        }
    }
}

/// A walk-in's request for a ticket.
#[derive(Debug, Clone, Copy)]
pub struct WalkIn<'a> {
    pub place_id: i64,
    pub services: &'a [i64],
    /// Set by staff (e.g. severely disabled, pregnant); a terminal never sets it.
    pub priority: bool,
    /// The citizen's language (`de`, `en`), for later messages.
    pub language: &'a str,
    pub channel: Channel,
}

/// Draws a walk-in ticket for `services` at a place that takes walk-ins.
pub async fn walk_in(
    scope: Scope<'_>,
    tz: &TimeZone,
    request: WalkIn<'_>,
    actor: &Actor,
    now: Timestamp,
) -> Result<Issued, FrontDeskError> {
    let Scope { db, events, tenant } = scope;
    let WalkIn { place_id, services, priority, language, channel } = request;
    let settings = policy::get(db, tenant, place_id).await?;
    if !settings.walk_ins {
        return Err(FrontDeskError::NoWalkIns);
    }
    let offered: Vec<i64> = walk_in_services(db, tenant, place_id).await?.into_iter().map(|s| s.id).collect();
    if services.is_empty() || services.iter().any(|s| !offered.contains(s)) {
        return Err(FrontDeskError::UnknownService);
    }
    let day = local_day(tz, now);
    let issued = issue(
        db,
        tenant,
        now,
        |follow_hash| NewTicket {
            place_id,
            day: &day,
            prefix: &settings.walk_in_prefix,
            kind: "walk_in",
            appointment_id: None,
            priority,
            persons: 1,
            due_s: None,
            follow_hash,
            language,
            channel: channel.code(),
            services,
        },
        |tx, ticket| {
            let entry = actor
                .entry("ticket.walk_in")
                .target("ticket", ticket.id)
                .details(serde_json::json!({ "services": services, "priority": priority }));
            Box::pin(async move {
                audit::append_in(tx, tenant, entry).await?;
                Ok(())
            })
        },
    )
    .await?;
    publish_change(events, tenant, place_id).await;
    Ok(issued)
}

type Hook<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), StoreError>> + Send + 'a>>;

/// Inserts the ticket and runs `then` in the same transaction, retrying on a number race.
async fn issue<'n>(
    db: &DatabaseConnection,
    tenant: TenantId,
    now: Timestamp,
    new: impl Fn(String) -> NewTicket<'n>,
    then: impl for<'t> Fn(&'t sea_orm::DatabaseTransaction, &Ticket) -> Hook<'t>,
) -> Result<Issued, FrontDeskError> {
    for _ in 0..NUMBER_ATTEMPTS {
        let follow_token = rathaus_db::random_token(24);
        let tx = begin_write(db).await?;
        match tickets::insert(&tx, tenant, new(rathaus_db::token_hash(&follow_token)), now.as_second()).await {
            Ok(ticket) => {
                then(&tx, &ticket).await?;
                tx.commit().await?;
                return Ok(Issued { ticket, follow_token });
            }
            Err(StoreError::Conflict("ticket-number-taken")) => {
                tx.rollback().await?;
            }
            Err(e) => {
                tx.rollback().await?;
                return Err(e.into());
            }
        }
    }
    Err(FrontDeskError::Store(StoreError::Conflict("ticket-number-taken")))
}

/// The local civil date at the place, `YYYY-MM-DD`: ticket numbers restart every day.
pub fn local_day(tz: &TimeZone, now: Timestamp) -> String {
    now.to_zoned(tz.clone()).date().strftime("%Y-%m-%d").to_string()
}

/// Finds a confirmed appointment by its booking code, as typed or scanned (case and
/// spaces do not matter).
pub async fn appointment_by_code(
    db: &DatabaseConnection,
    tenant: TenantId,
    code: &str,
) -> Result<Appointment, FrontDeskError> {
    let code: String = code.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_uppercase();
    if code.is_empty() || code.len() > 16 {
        return Err(FrontDeskError::UnknownCode);
    }
    records::by_booking_code(db, tenant, &code).await?.ok_or(FrontDeskError::UnknownCode)
}

/// The active services of the place that take walk-ins (channel `walk_in`), by name.
pub async fn walk_in_services(
    db: &DatabaseConnection,
    tenant: TenantId,
    place_id: i64,
) -> Result<Vec<rathaus_db::catalog::services::Service>, FrontDeskError> {
    let offered = rathaus_db::catalog::offerings::service_ids(db, tenant, place_id).await?;
    Ok(rathaus_db::catalog::services::list(db, tenant)
        .await?
        .into_iter()
        .filter(|s| s.active && s.offers("walk_in") && offered.contains(&s.id))
        .collect())
}
