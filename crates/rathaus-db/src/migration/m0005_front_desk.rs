//! The front desk: devices, waiting numbers, counters' desks and the call log.
//!
//! * `devices`: check-in terminals and call displays, bound to a tenant and a place. An
//!   admin creates one with a one-time enrolment code (`enrolment_hash`, valid until
//!   `enrolment_expires_at`); enrolling swaps it for a long-lived credential
//!   (`credential_hash`). Only SHA-256 hashes are stored. `revoked_at` ends it at once.
//! * `queue_policies`: one row per place (**no row ⇒ the defaults** of
//!   `front_desk::policy::QueueSettings::default`): walk-ins allowed, ticket prefixes,
//!   check-in window, the queue rules of `rathaus-queue` and the "called soon" notice.
//! * `tickets`: one waiting number. Unique `(place_id, day, prefix, number)`, so two
//!   check-ins can never get the same number (the loser of a race retries with the next).
//!   `appointment_id` is unique: an appointment checks in once. `queued_at` is the place in
//!   line and survives transfers; `for_counter_id` names the counter a ticket was
//!   transferred to. Every status change is one conditional UPDATE on the expected status,
//!   so two clerks can never call the same ticket. A ticket holds no personal data: the
//!   citizen is reached through the appointment, if any.
//! * `ticket_services`: the services of a ticket; `done` marks what was actually done.
//! * `counter_desks`: who is signed in at a counter (one clerk per counter, by primary key
//!   and a conditional sign-in), and whether the desk is paused.
//! * `queue_events`: the call log per place (called, recalled, …) that displays show and
//!   catch up from after a lost connection (`id` is the SSE event id). Pruned after days.
#![expect(elided_lifetimes_in_paths, reason = "MigrationTrait declares `&SchemaManager` with an elided lifetime")]

use super::cols::{at, at_null, fk, id, tenant_fk};
use super::{index, unique_index};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("devices")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("place_id"))
                .col(string("kind"))
                .col(string("name"))
                .col(string_null("enrolment_hash"))
                .col(at_null("enrolment_expires_at"))
                .col(string_null("credential_hash"))
                .col(big_integer_null("created_by_user_id"))
                .col(at("created_at"))
                .col(at_null("enrolled_at"))
                .col(at_null("last_seen_at"))
                .col(at_null("revoked_at"))
                .check(("ck_devices_kind", Expr::col("kind").is_in(["terminal", "display"])))
                .foreign_key(&mut tenant_fk("devices"))
                .foreign_key(&mut fk("devices", "place_id", "places", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("devices", "created_by_user_id", "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        unique_index(m, "devices", "ux_devices_enrolment", &["enrolment_hash"]).await?;
        unique_index(m, "devices", "ux_devices_credential", &["credential_hash"]).await?;
        index(m, "devices", "ix_devices_tenant", &["tenant_id"]).await?;
        index(m, "devices", "ix_devices_place", &["place_id"]).await?;
        index(m, "devices", "ix_devices_created_by", &["created_by_user_id"]).await?;

        m.create_table(
            Table::create()
                .table("queue_policies")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("place_id"))
                .col(small_integer("walk_ins"))
                .col(string("appointment_prefix"))
                .col(string("walk_in_prefix"))
                .col(integer("checkin_before_minutes"))
                .col(integer("early_call_minutes"))
                .col(integer("late_grace_minutes"))
                .col(string("late_policy"))
                .col(integer("max_wait_minutes"))
                .col(integer("max_unanswered"))
                .col(string("after_unanswered"))
                .col(integer("notify_minutes"))
                .col(small_integer("sms_notify"))
                .col(at("updated_at"))
                .check(("ck_queue_policies_late", Expr::col("late_policy").is_in(["keep", "walk_in"])))
                .check(("ck_queue_policies_unanswered", Expr::col("after_unanswered").is_in(["park", "no_show"])))
                .foreign_key(&mut tenant_fk("queue_policies"))
                .foreign_key(&mut fk("queue_policies", "place_id", "places", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        unique_index(m, "queue_policies", "ux_queue_policies_place", &["place_id"]).await?;
        index(m, "queue_policies", "ix_queue_policies_tenant", &["tenant_id"]).await?;

        m.create_table(
            Table::create()
                .table("tickets")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("place_id"))
                .col(string("day"))
                .col(string("prefix"))
                .col(integer("number"))
                .col(string("kind"))
                .col(big_integer_null("appointment_id"))
                .col(string("status"))
                .col(small_integer("priority"))
                .col(integer("persons"))
                .col(at("checked_in_at"))
                .col(at("queued_at"))
                .col(at_null("due_s"))
                .col(big_integer_null("for_counter_id"))
                .col(big_integer_null("counter_id"))
                .col(big_integer_null("user_id"))
                .col(integer("calls"))
                .col(integer("unanswered"))
                .col(at_null("called_at"))
                .col(at_null("started_at"))
                .col(at_null("finished_at"))
                .col(at_null("notified_at"))
                .col(string("follow_hash"))
                .col(string("language"))
                .col(string("channel"))
                .check(("ck_tickets_kind", Expr::col("kind").is_in(["appointment", "walk_in"])))
                .check((
                    "ck_tickets_status",
                    Expr::col("status").is_in([
                        "waiting",
                        "called",
                        "serving",
                        "parked",
                        "done",
                        "no_show",
                        "cancelled",
                    ]),
                ))
                .foreign_key(&mut tenant_fk("tickets"))
                .foreign_key(&mut fk("tickets", "place_id", "places", ForeignKeyAction::Restrict))
                .foreign_key(&mut fk("tickets", "appointment_id", "appointments", ForeignKeyAction::SetNull))
                .foreign_key(&mut fk("tickets", "for_counter_id", "counters", ForeignKeyAction::SetNull))
                .foreign_key(&mut fk("tickets", "counter_id", "counters", ForeignKeyAction::SetNull))
                .foreign_key(&mut fk("tickets", "user_id", "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        unique_index(m, "tickets", "ux_tickets_number", &["place_id", "day", "prefix", "number"]).await?;
        unique_index(m, "tickets", "ux_tickets_appointment", &["appointment_id"]).await?;
        unique_index(m, "tickets", "ux_tickets_follow", &["follow_hash"]).await?;
        index(m, "tickets", "ix_tickets_place_status", &["place_id", "status"]).await?;
        index(m, "tickets", "ix_tickets_tenant_day", &["tenant_id", "day"]).await?;
        index(m, "tickets", "ix_tickets_for_counter", &["for_counter_id"]).await?;
        index(m, "tickets", "ix_tickets_counter", &["counter_id"]).await?;
        index(m, "tickets", "ix_tickets_user", &["user_id"]).await?;

        m.create_table(
            Table::create()
                .table("ticket_services")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("ticket_id"))
                .col(big_integer("service_id"))
                .col(small_integer("done"))
                .foreign_key(&mut tenant_fk("ticket_services"))
                .foreign_key(&mut fk("ticket_services", "ticket_id", "tickets", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("ticket_services", "service_id", "services", ForeignKeyAction::Restrict))
                .to_owned(),
        )
        .await?;
        unique_index(m, "ticket_services", "ux_ticket_services", &["ticket_id", "service_id"]).await?;
        index(m, "ticket_services", "ix_ticket_services_service", &["service_id"]).await?;
        index(m, "ticket_services", "ix_ticket_services_tenant", &["tenant_id"]).await?;

        m.create_table(
            Table::create()
                .table("counter_desks")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("place_id"))
                .col(big_integer("counter_id"))
                .col(big_integer_null("user_id"))
                .col(at("since"))
                .col(small_integer("paused"))
                .foreign_key(&mut tenant_fk("counter_desks"))
                .foreign_key(&mut fk("counter_desks", "place_id", "places", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("counter_desks", "counter_id", "counters", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("counter_desks", "user_id", "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        unique_index(m, "counter_desks", "ux_counter_desks_counter", &["counter_id"]).await?;
        index(m, "counter_desks", "ix_counter_desks_place", &["place_id"]).await?;
        index(m, "counter_desks", "ix_counter_desks_user", &["user_id"]).await?;
        index(m, "counter_desks", "ix_counter_desks_tenant", &["tenant_id"]).await?;

        m.create_table(
            Table::create()
                .table("queue_events")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("place_id"))
                .col(big_integer("ticket_id"))
                .col(string("kind"))
                .col(string("label"))
                .col(string_null("counter_name"))
                .col(at("at"))
                .foreign_key(&mut tenant_fk("queue_events"))
                .foreign_key(&mut fk("queue_events", "place_id", "places", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("queue_events", "ticket_id", "tickets", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        index(m, "queue_events", "ix_queue_events_place", &["place_id", "id"]).await?;
        index(m, "queue_events", "ix_queue_events_ticket", &["ticket_id"]).await?;
        index(m, "queue_events", "ix_queue_events_tenant_at", &["tenant_id", "at"]).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["queue_events", "counter_desks", "ticket_services", "tickets", "queue_policies", "devices"] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
