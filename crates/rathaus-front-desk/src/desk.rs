//! The clerk's side: sign in at a counter, then call, recall, start, finish, no-show,
//! unanswered, transfer, park and pause. Each step is a conditional UPDATE on the state it
//! starts from (so two clerks never get one ticket, and a double key press does nothing the
//! second time), audited in its transaction and published as `queue.changed`.

use crate::state::{self, PlaceQueue};
use crate::{Actor, FrontDeskError, Scope, publish_change};
use rathaus_db::front_desk::desks::{self, Desk};
use rathaus_db::front_desk::events::{self, NewEvent};
use rathaus_db::front_desk::tickets::{self, Ticket, Unanswered};
use rathaus_db::{TenantId, audit, begin_write};
use rathaus_queue::CallOutcome;
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction};

/// How often `call_next` tries again when another counter took its pick first.
const CALL_ATTEMPTS: usize = 5;

/// The clerk's signed-in desk.
pub async fn desk_of(db: &impl ConnectionTrait, tenant: TenantId, user_id: i64) -> Result<Desk, FrontDeskError> {
    desks::of_user(db, tenant, user_id).await?.ok_or(FrontDeskError::NoDesk)
}

/// The ticket at the clerk's counter (called or being served).
pub async fn current(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    desk: &Desk,
) -> Result<Option<Ticket>, FrontDeskError> {
    Ok(tickets::current_at_counter(db, tenant, desk.counter_id).await?)
}

pub async fn sign_in(
    scope: Scope<'_>,
    counter_id: i64,
    take_over: bool,
    user_id: i64,
    actor: &Actor,
    now: i64,
) -> Result<(), FrontDeskError> {
    let Scope { db, events, tenant } = scope;
    let counter = rathaus_db::catalog::counters::get(db, tenant, counter_id).await?.ok_or(FrontDeskError::NotFound)?;
    if !counter.active {
        return Err(FrontDeskError::NotFound);
    }
    let tx = begin_write(db).await?;
    if !desks::sign_in(&tx, tenant, counter.place_id, counter.id, user_id, take_over, now).await? {
        tx.rollback().await?;
        return Err(FrontDeskError::CounterTaken);
    }
    audit::append_in(&tx, tenant, actor.entry("desk.sign_in").target("counter", counter.id)).await?;
    tx.commit().await?;
    publish_change(events, tenant, counter.place_id).await;
    Ok(())
}

pub async fn sign_out(scope: Scope<'_>, user_id: i64, actor: &Actor) -> Result<(), FrontDeskError> {
    let Scope { db, events, tenant } = scope;
    let Some(desk) = desks::of_user(db, tenant, user_id).await? else { return Ok(()) };
    let tx = begin_write(db).await?;
    desks::sign_out(&tx, tenant, user_id).await?;
    audit::append_in(&tx, tenant, actor.entry("desk.sign_out").target("counter", desk.counter_id)).await?;
    tx.commit().await?;
    publish_change(events, tenant, desk.place_id).await;
    Ok(())
}

pub async fn set_paused(scope: Scope<'_>, user_id: i64, paused: bool, actor: &Actor) -> Result<(), FrontDeskError> {
    let Scope { db, events, tenant } = scope;
    let desk = desk_of(db, tenant, user_id).await?;
    let tx = begin_write(db).await?;
    desks::set_paused(&tx, tenant, user_id, paused).await?;
    let action = if paused { "desk.pause" } else { "desk.resume" };
    audit::append_in(&tx, tenant, actor.entry(action).target("counter", desk.counter_id)).await?;
    tx.commit().await?;
    publish_change(events, tenant, desk.place_id).await;
    Ok(())
}

/// Calls the next ticket for the clerk's counter by the queue's rules.
pub async fn call_next(scope: Scope<'_>, user_id: i64, actor: &Actor, now: i64) -> Result<Ticket, FrontDeskError> {
    let Scope { db, tenant, .. } = scope;
    let desk = desk_of(db, tenant, user_id).await?;
    if current(db, tenant, &desk).await?.is_some() {
        return Err(FrontDeskError::Busy);
    }
    for _ in 0..CALL_ATTEMPTS {
        let queue: PlaceQueue = state::load_with(db, tenant, desk.place_id, now, state::Detail::OrderOnly).await?;
        let Some(id) = queue.next_for(desk.counter_id) else { return Err(FrontDeskError::NobodyWaiting) };
        match call(scope, &desk, id, user_id, actor, now).await {
            Err(FrontDeskError::Stale) => continue,
            other => return other,
        }
    }
    Err(FrontDeskError::Stale)
}

/// Calls one particular waiting (or parked) ticket, e.g. from the list on the desk.
pub async fn call_ticket(
    scope: Scope<'_>,
    user_id: i64,
    ticket_id: i64,
    actor: &Actor,
    now: i64,
) -> Result<Ticket, FrontDeskError> {
    let Scope { db, tenant, .. } = scope;
    let desk = desk_of(db, tenant, user_id).await?;
    if current(db, tenant, &desk).await?.is_some() {
        return Err(FrontDeskError::Busy);
    }
    let ticket = owned(db, tenant, &desk, ticket_id).await?;
    if ticket.status == "parked" {
        tickets::unpark(db, tenant, ticket.id).await?;
    }
    call(scope, &desk, ticket_id, user_id, actor, now).await
}

async fn call(
    scope: Scope<'_>,
    desk: &Desk,
    ticket_id: i64,
    user_id: i64,
    actor: &Actor,
    now: i64,
) -> Result<Ticket, FrontDeskError> {
    let Scope { db, events, tenant } = scope;
    let tx = begin_write(db).await?;
    if !tickets::call(&tx, tenant, ticket_id, desk.counter_id, user_id, now).await? {
        tx.rollback().await?;
        return Err(FrontDeskError::Stale);
    }
    let ticket = log_call(&tx, tenant, desk, ticket_id, "called", actor, now).await?;
    tx.commit().await?;
    publish_change(events, tenant, desk.place_id).await;
    Ok(ticket)
}

/// Appends the call to the place's call log (what displays show) and the audit trail.
async fn log_call(
    tx: &DatabaseTransaction,
    tenant: TenantId,
    desk: &Desk,
    ticket_id: i64,
    kind: &str,
    actor: &Actor,
    now: i64,
) -> Result<Ticket, FrontDeskError> {
    let ticket = tickets::get(tx, tenant, ticket_id).await?.ok_or(FrontDeskError::NotFound)?;
    let counter = rathaus_db::catalog::counters::get(tx, tenant, desk.counter_id).await?;
    let label = ticket.label();
    let new = NewEvent {
        place_id: desk.place_id,
        ticket_id,
        kind,
        label: &label,
        counter_name: counter.as_ref().map(|c| c.name.as_str()),
    };
    events::append(tx, tenant, new, now).await?;
    let entry = actor.entry(&format!("ticket.{kind}")).target("ticket", ticket_id).details(serde_json::json!({
        "counter_id": desk.counter_id,
    }));
    audit::append_in(tx, tenant, entry).await?;
    Ok(ticket)
}

/// A ticket of the desk's place.
async fn owned(db: &impl ConnectionTrait, tenant: TenantId, desk: &Desk, id: i64) -> Result<Ticket, FrontDeskError> {
    match tickets::get(db, tenant, id).await? {
        Some(t) if t.place_id == desk.place_id => Ok(t),
        _ => Err(FrontDeskError::NotFound),
    }
}

/// The ticket currently at the clerk's counter.
async fn at_counter(db: &DatabaseConnection, tenant: TenantId, user_id: i64) -> Result<(Desk, Ticket), FrontDeskError> {
    let desk = desk_of(db, tenant, user_id).await?;
    let ticket = current(db, tenant, &desk).await?.ok_or(FrontDeskError::Stale)?;
    Ok((desk, ticket))
}

/// What a clerk does with the ticket at the counter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Call it again (the display repeats it).
    Recall,
    /// The citizen came to the counter.
    Start,
    /// Done, with the services actually done.
    Finish { done_services: Vec<i64> },
    /// The citizen did not come: by the place's rules back in line, parked or no-show.
    Unanswered,
    /// Marked a no-show at once.
    NoShow,
    /// Back in line, at its old place, for another counter and/or other services.
    Transfer { to_counter: Option<i64>, services: Option<Vec<i64>> },
}

impl Step {
    fn action(&self) -> &'static str {
        match self {
            Step::Recall => "recalled",
            Step::Start => "ticket.start",
            Step::Finish { .. } => "ticket.finish",
            Step::Unanswered => "ticket.unanswered",
            Step::NoShow => "ticket.no_show",
            Step::Transfer { .. } => "ticket.transfer",
        }
    }
}

/// Applies `step` to the ticket at the clerk's counter. Returns the ticket as it is after.
pub async fn act(
    scope: Scope<'_>,
    user_id: i64,
    step: Step,
    actor: &Actor,
    now: i64,
) -> Result<Ticket, FrontDeskError> {
    let Scope { db, events, tenant } = scope;
    let (desk, ticket) = at_counter(db, tenant, user_id).await?;
    let counter = desk.counter_id;
    let tx = begin_write(db).await?;
    let mut details = serde_json::json!({ "counter_id": counter });
    let changed = match &step {
        Step::Recall => {
            if tickets::recall(&tx, tenant, ticket.id, counter, now).await? {
                log_call(&tx, tenant, &desk, ticket.id, "recalled", actor, now).await?;
                tx.commit().await?;
                publish_change(events, tenant, desk.place_id).await;
                return tickets::get(db, tenant, ticket.id).await?.ok_or(FrontDeskError::NotFound);
            }
            false
        }
        Step::Start => tickets::start(&tx, tenant, ticket.id, counter, now).await?,
        Step::Finish { done_services } => {
            details["done_services"] = serde_json::json!(done_services);
            let ok = tickets::finish(&tx, tenant, ticket.id, counter, done_services, now).await?;
            if ok && let Some(appointment) = ticket.appointment_id {
                use rathaus_db::appointments::records::Status;
                rathaus_db::appointments::changes::set_status(
                    &tx,
                    tenant,
                    appointment,
                    Status::Arrived,
                    Status::Completed,
                    now,
                )
                .await?;
            }
            ok
        }
        Step::Unanswered | Step::NoShow => {
            let policy =
                crate::rules::queue_policy(&rathaus_db::front_desk::policy::get(&tx, tenant, desk.place_id).await?);
            let unanswered = u32::try_from(ticket.unanswered.max(0)).unwrap_or(0) + 1;
            let outcome = match step {
                Step::NoShow => Unanswered::NoShow,
                _ => match rathaus_queue::after_unanswered_call(unanswered, &policy) {
                    CallOutcome::Requeue => Unanswered::Requeue,
                    CallOutcome::Park => Unanswered::Park,
                    CallOutcome::NoShow => Unanswered::NoShow,
                },
            };
            details["outcome"] = serde_json::json!(format!("{outcome:?}").to_lowercase());
            let ok = tickets::unanswered(&tx, tenant, ticket.id, counter, outcome, now).await?;
            if ok
                && outcome == Unanswered::NoShow
                && let Some(appointment) = ticket.appointment_id
            {
                use rathaus_db::appointments::records::Status;
                rathaus_db::appointments::changes::set_status(
                    &tx,
                    tenant,
                    appointment,
                    Status::Arrived,
                    Status::NoShow,
                    now,
                )
                .await?;
            }
            ok
        }
        Step::Transfer { to_counter, services } => {
            if let Some(to) = to_counter {
                match rathaus_db::catalog::counters::get(&tx, tenant, *to).await? {
                    Some(c) if c.place_id == desk.place_id && c.active => {}
                    _ => {
                        tx.rollback().await?;
                        return Err(FrontDeskError::NotFound);
                    }
                }
            }
            if let Some(services) = services {
                let offered = rathaus_db::catalog::offerings::service_ids(&tx, tenant, desk.place_id).await?;
                if services.is_empty() || services.iter().any(|s| !offered.contains(s)) {
                    tx.rollback().await?;
                    return Err(FrontDeskError::UnknownService);
                }
            }
            details["to_counter"] = serde_json::json!(to_counter);
            details["services"] = serde_json::json!(services);
            tickets::transfer(&tx, tenant, ticket.id, counter, *to_counter, services.as_deref()).await?
        }
    };
    if !changed {
        tx.rollback().await?;
        return Err(FrontDeskError::Stale);
    }
    audit::append_in(&tx, tenant, actor.entry(step.action()).target("ticket", ticket.id).details(details)).await?;
    tx.commit().await?;
    publish_change(events, tenant, desk.place_id).await;
    tickets::get(db, tenant, ticket.id).await?.ok_or(FrontDeskError::NotFound)
}

/// Puts a parked ticket back in line at its old place (the citizen came back).
pub async fn unpark(scope: Scope<'_>, user_id: i64, ticket_id: i64, actor: &Actor) -> Result<(), FrontDeskError> {
    let Scope { db, events, tenant } = scope;
    let desk = desk_of(db, tenant, user_id).await?;
    owned(db, tenant, &desk, ticket_id).await?;
    let tx = begin_write(db).await?;
    if !tickets::unpark(&tx, tenant, ticket_id).await? {
        tx.rollback().await?;
        return Err(FrontDeskError::Stale);
    }
    audit::append_in(&tx, tenant, actor.entry("ticket.unpark").target("ticket", ticket_id)).await?;
    tx.commit().await?;
    publish_change(events, tenant, desk.place_id).await;
    Ok(())
}

/// Gives a waiting ticket priority (e.g. severely disabled, pregnant, an emergency) or takes
/// it back; the queue calls priority tickets before other due ones.
pub async fn set_priority(
    scope: Scope<'_>,
    user_id: i64,
    ticket_id: i64,
    priority: bool,
    actor: &Actor,
) -> Result<(), FrontDeskError> {
    let Scope { db, events, tenant } = scope;
    let desk = desk_of(db, tenant, user_id).await?;
    owned(db, tenant, &desk, ticket_id).await?;
    let tx = begin_write(db).await?;
    if !tickets::set_priority(&tx, tenant, ticket_id, priority).await? {
        tx.rollback().await?;
        return Err(FrontDeskError::Stale);
    }
    let entry =
        actor.entry("ticket.priority").target("ticket", ticket_id).details(serde_json::json!({ "priority": priority }));
    audit::append_in(&tx, tenant, entry).await?;
    tx.commit().await?;
    publish_change(events, tenant, desk.place_id).await;
    Ok(())
}
