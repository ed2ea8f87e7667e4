//! Appointments: the staffing plan and booking policy of each place, the bookable capacity
//! as one row per counter-slot, and the appointments that take it.
//!
//! * **Plan** (what `rathaus-slots` needs besides the catalogue's hours and counters):
//!   `counter_services` – which services a counter handles (**no row for a counter ⇒ it
//!   handles every service of its place**); `staffing_blocks` – when a counter is staffed
//!   (**no block for a counter ⇒ staffed whenever the place is open**, so the demo catalogue
//!   books without a plan); `booking_policies` – grid, horizon, lead time, rolling release,
//!   contingents, hold time and the per-contact cap (**no row ⇒ the defaults** of
//!   `appointments::plan::StoredPolicy::default`); `time_blocks` – blocked times of the place
//!   (`counter_id` NULL) or of one counter.
//! * **`capacity_slots`**: one row per counter-slot, primary key `(place_id, counter_id,
//!   start_s)`. A row is free while `appointment_id` is NULL and it is not held (`hold_id`
//!   NULL or `held_until_s` in the past). Booking k slots is one conditional UPDATE over
//!   the k consecutive rows of one counter that must change exactly k rows; because every
//!   row can point to one appointment only, no counter-slot is ever given twice. See
//!   `crate::appointments` for the statements.
//! * **`appointments`**: a hold creates the row with status `held` (no contact data yet)
//!   and points the slots' `hold_id` at it; confirming fills in the contact and the codes
//!   and moves the slots to `appointment_id`. `booking_code` is unique per tenant,
//!   `manage_token_hash` and `hold_token_hash` are unique (SHA-256 of random tokens, never
//!   the tokens), and `idempotency_key` is unique per tenant so a repeated confirmation
//!   finds the first one instead of making a second appointment. `contact_hash` is a hash of
//!   the normalised e-mail address or phone number, so the per-contact cap counts without
//!   an index over plaintext.
//! * Instants are integer epoch seconds (`start_s`, `held_until_s`, `created_at`), civil
//!   dates `YYYY-MM-DD` and times `HH:MM` are text, as in `m0002_catalog`.
//! * Children cascade with their tenant, place, counter or appointment. Appointments
//!   themselves refer to their place, counter and services without cascade: a place,
//!   counter or service with appointments cannot be deleted (deactivate it instead), so the
//!   history stays whole.
#![expect(elided_lifetimes_in_paths, reason = "MigrationTrait declares `&SchemaManager` with an elided lifetime")]

use super::cols::{at, at_null, fk, id, tenant_fk};
use super::{index, unique_index};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn cascade(table: &'static str, column: &'static str, parent: &'static str) -> ForeignKeyCreateStatement {
    fk(table, column, parent, ForeignKeyAction::Cascade)
}

/// `start_s < end_s`, named after its table.
fn ordered(table: &'static str) -> (String, SimpleExpr) {
    (format!("ck_{table}_order"), Expr::col("start_s").lt(Expr::col("end_s")))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("counter_services")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("counter_id"))
                .col(big_integer("service_id"))
                .foreign_key(&mut tenant_fk("counter_services"))
                .foreign_key(&mut cascade("counter_services", "counter_id", "counters"))
                .foreign_key(&mut cascade("counter_services", "service_id", "services"))
                .to_owned(),
        )
        .await?;
        unique_index(m, "counter_services", "ux_counter_services_counter_service", &["counter_id", "service_id"])
            .await?;
        index(m, "counter_services", "ix_counter_services_service", &["service_id"]).await?;

        // `weekday` 0 = Monday … 6 = Sunday (NULL: every day); `date_from`/`date_to` an
        // inclusive civil date range (NULL: open-ended); `start_time`/`end_time` `HH:MM`
        // (`24:00` for midnight).
        m.create_table(
            Table::create()
                .table("staffing_blocks")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("place_id"))
                .col(big_integer("counter_id"))
                .col(small_integer_null("weekday"))
                .col(string_null("date_from"))
                .col(string_null("date_to"))
                .col(string("start_time"))
                .col(string("end_time"))
                .foreign_key(&mut tenant_fk("staffing_blocks"))
                .foreign_key(&mut cascade("staffing_blocks", "place_id", "places"))
                .foreign_key(&mut cascade("staffing_blocks", "counter_id", "counters"))
                .to_owned(),
        )
        .await?;
        index(m, "staffing_blocks", "ix_staffing_blocks_place", &["place_id"]).await?;
        index(m, "staffing_blocks", "ix_staffing_blocks_counter", &["counter_id"]).await?;

        // `release_at` `HH:MM` with `release_days_ahead`: both or neither. `contingents` is
        // JSON text: `[{"name":"phone","share_percent":20,"release_hours_before":24}]`.
        m.create_table(
            Table::create()
                .table("booking_policies")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("place_id"))
                .col(integer("slot_minutes"))
                .col(integer("horizon_days"))
                .col(integer("min_lead_minutes"))
                .col(string_null("release_at"))
                .col(integer_null("release_days_ahead"))
                .col(integer("contingent_block_minutes"))
                .col(text("contingents"))
                .col(integer("hold_minutes"))
                .col(integer("max_active_per_contact"))
                .col(at("updated_at"))
                .foreign_key(&mut tenant_fk("booking_policies"))
                .foreign_key(&mut cascade("booking_policies", "place_id", "places"))
                .to_owned(),
        )
        .await?;
        unique_index(m, "booking_policies", "ux_booking_policies_place", &["place_id"]).await?;

        m.create_table(
            Table::create()
                .table("time_blocks")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("place_id"))
                .col(big_integer_null("counter_id"))
                .col(at("start_s"))
                .col(at("end_s"))
                .col(string("reason"))
                .col(at("created_at"))
                .check(ordered("time_blocks"))
                .foreign_key(&mut tenant_fk("time_blocks"))
                .foreign_key(&mut cascade("time_blocks", "place_id", "places"))
                .foreign_key(&mut cascade("time_blocks", "counter_id", "counters"))
                .to_owned(),
        )
        .await?;
        index(m, "time_blocks", "ix_time_blocks_place_start", &["place_id", "start_s"]).await?;
        index(m, "time_blocks", "ix_time_blocks_counter", &["counter_id"]).await?;

        // `channel`: online | phone | walk_in | emergency. `persons`: the people who come
        // (the largest number over the appointment's services).
        m.create_table(
            Table::create()
                .table("appointments")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("place_id"))
                .col(big_integer("counter_id"))
                .col(at("start_s"))
                .col(at("end_s"))
                .col(string("status"))
                .col(string_null("booking_code"))
                .col(string_null("manage_token_hash"))
                .col(string_null("hold_token_hash"))
                .col(string_null("idempotency_key"))
                .col(string("channel"))
                .col(big_integer_null("booked_by_user_id"))
                .col(integer("persons"))
                .col(string("name"))
                .col(string_null("email"))
                .col(string_null("phone"))
                .col(string_null("contact_hash"))
                .col(at("created_at"))
                .col(at_null("confirmed_at"))
                .col(at_null("cancelled_at"))
                .col(at_null("held_until_s"))
                .check(ordered("appointments"))
                .check((
                    "ck_appointments_status",
                    Expr::col("status").is_in(["held", "confirmed", "cancelled", "arrived", "no_show", "completed"]),
                ))
                .foreign_key(&mut tenant_fk("appointments"))
                .foreign_key(&mut fk("appointments", "place_id", "places", ForeignKeyAction::NoAction))
                .foreign_key(&mut fk("appointments", "counter_id", "counters", ForeignKeyAction::NoAction))
                .foreign_key(&mut fk("appointments", "booked_by_user_id", "users", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        unique_index(m, "appointments", "ux_appointments_tenant_booking_code", &["tenant_id", "booking_code"]).await?;
        unique_index(m, "appointments", "ux_appointments_manage_token_hash", &["manage_token_hash"]).await?;
        unique_index(m, "appointments", "ux_appointments_hold_token_hash", &["hold_token_hash"]).await?;
        unique_index(m, "appointments", "ux_appointments_tenant_idempotency_key", &["tenant_id", "idempotency_key"])
            .await?;
        index(m, "appointments", "ix_appointments_tenant_contact", &["tenant_id", "contact_hash"]).await?;
        index(m, "appointments", "ix_appointments_place_start", &["place_id", "start_s"]).await?;
        index(m, "appointments", "ix_appointments_counter", &["counter_id"]).await?;
        index(m, "appointments", "ix_appointments_status_held_until", &["status", "held_until_s"]).await?;
        index(m, "appointments", "ix_appointments_booked_by", &["booked_by_user_id"]).await?;

        // `minutes`: counter minutes reserved for this service (minutes per person × persons
        // when booked), kept so that later catalogue edits do not rewrite the history.
        m.create_table(
            Table::create()
                .table("appointment_services")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("appointment_id"))
                .col(big_integer("service_id"))
                .col(integer("persons"))
                .col(integer("minutes"))
                .foreign_key(&mut tenant_fk("appointment_services"))
                .foreign_key(&mut cascade("appointment_services", "appointment_id", "appointments"))
                .foreign_key(&mut fk("appointment_services", "service_id", "services", ForeignKeyAction::NoAction))
                .to_owned(),
        )
        .await?;
        unique_index(
            m,
            "appointment_services",
            "ux_appointment_services_appointment_service",
            &["appointment_id", "service_id"],
        )
        .await?;
        index(m, "appointment_services", "ix_appointment_services_service", &["service_id"]).await?;

        // `contingent`: the contingent the slot is held back for (NULL: none);
        // `release_at_s`: from then on every channel may book it.
        m.create_table(
            Table::create()
                .table("capacity_slots")
                .col(big_integer("tenant_id"))
                .col(big_integer("place_id"))
                .col(big_integer("counter_id"))
                .col(at("start_s"))
                .col(at("end_s"))
                .col(string_null("contingent"))
                .col(at_null("release_at_s"))
                .col(big_integer_null("appointment_id"))
                .col(big_integer_null("hold_id"))
                .col(at_null("held_until_s"))
                .primary_key(Index::create().col("place_id").col("counter_id").col("start_s"))
                .check(ordered("capacity_slots"))
                .foreign_key(&mut tenant_fk("capacity_slots"))
                .foreign_key(&mut cascade("capacity_slots", "place_id", "places"))
                .foreign_key(&mut cascade("capacity_slots", "counter_id", "counters"))
                .foreign_key(&mut fk("capacity_slots", "appointment_id", "appointments", ForeignKeyAction::SetNull))
                .foreign_key(&mut fk("capacity_slots", "hold_id", "appointments", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        index(m, "capacity_slots", "ix_capacity_slots_place_start", &["place_id", "start_s"]).await?;
        index(m, "capacity_slots", "ix_capacity_slots_counter", &["counter_id"]).await?;
        index(m, "capacity_slots", "ix_capacity_slots_appointment", &["appointment_id"]).await?;
        index(m, "capacity_slots", "ix_capacity_slots_hold", &["hold_id"]).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "capacity_slots",
            "appointment_services",
            "appointments",
            "time_blocks",
            "booking_policies",
            "staffing_blocks",
            "counter_services",
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
