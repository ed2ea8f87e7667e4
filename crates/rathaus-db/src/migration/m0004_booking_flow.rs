//! What the citizen booking flow, the staff calendar and the fairness rules add to
//! `m0003_appointments`:
//!
//! * `appointments` gets the citizen's `language` (e-mails and reminders in it), `consent_at`
//!   (when the citizen agreed to the processing of their data), `sequence` (the iCalendar
//!   SEQUENCE, bumped on every move so calendars replace the old event), `arrived_at`,
//!   `cancel_reason` (a code such as `office-closed` when the office cancelled),
//!   `opt_in_sent_at` (a held appointment whose confirmation e-mail asks the citizen to
//!   confirm: double opt-in) and `notes` (a staff note, e.g. the caller's request).
//! * `booking_policies` gets `lottery_minutes` (requests for a newly released day that
//!   arrive within this many minutes after the release are drawn by lot; 0: off),
//!   `reminder_hours` (how long before the appointment the reminder goes out; 0: none) and
//!   `double_opt_in` (1: a booking counts only once the citizen confirmed it by e-mail).
//! * `lottery_entries`: one request per contact and draw (unique `(place_id, draw_at_s,
//!   contact_hash)`, so one person cannot buy more chances), decided by the draw job;
//!   `origin` is the site the request came from, for the links in the outcome e-mail.
//! * `spent_tokens`: proofs of work and no-JavaScript passes already used (primary key:
//!   the token's replay key), so each solution books once, on every node.
//! * `appointment_links`: further manage links of an appointment, one per message that
//!   carries one (reminder, a move by staff, an office cancellation with offers). Only the
//!   SHA-256 of each token is stored, like the first link's `manage_token_hash`, so a
//!   message written later can still give the citizen a working link.
//! * `installation_secrets`: random keys every node shares (the proof-of-work HMAC key),
//!   created once on first use unless configured.
#![expect(elided_lifetimes_in_paths, reason = "MigrationTrait declares `&SchemaManager` with an elided lifetime")]

use super::cols::{at, at_null, id, tenant_fk};
use super::{index, unique_index};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// SQLite adds one column per `ALTER TABLE`.
async fn add_column(m: &SchemaManager<'_>, table: &'static str, mut column: ColumnDef) -> Result<(), DbErr> {
    m.alter_table(Table::alter().table(table).add_column(&mut column).to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        add_column(m, "appointments", string("language").default("de").to_owned()).await?;
        add_column(m, "appointments", at_null("consent_at")).await?;
        add_column(m, "appointments", integer("sequence").default(0).to_owned()).await?;
        add_column(m, "appointments", at_null("arrived_at")).await?;
        add_column(m, "appointments", string_null("cancel_reason")).await?;
        add_column(m, "appointments", at_null("opt_in_sent_at")).await?;
        add_column(m, "appointments", text_null("notes")).await?;

        add_column(m, "booking_policies", integer("lottery_minutes").default(0).to_owned()).await?;
        add_column(m, "booking_policies", integer("reminder_hours").default(24).to_owned()).await?;
        add_column(m, "booking_policies", small_integer("double_opt_in").default(0).to_owned()).await?;

        // `services`: JSON text `[{"slug": "...", "persons": 1}]`; `wish_time` `HH:MM` or
        // NULL (any time of `date`); `status`: waiting | won | lost.
        m.create_table(
            Table::create()
                .table("lottery_entries")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("place_id"))
                .col(at("draw_at_s"))
                .col(string("date"))
                .col(string_null("wish_time"))
                .col(text("services"))
                .col(string("name"))
                .col(string_null("email"))
                .col(string_null("phone"))
                .col(string("contact_hash"))
                .col(string("language"))
                .col(string("origin"))
                .col(string("status"))
                .col(big_integer_null("appointment_id"))
                .col(at("created_at"))
                .col(at_null("decided_at"))
                .check(("ck_lottery_entries_status", Expr::col("status").is_in(["waiting", "won", "lost"])))
                .foreign_key(&mut tenant_fk("lottery_entries"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_lottery_entries_place_id")
                        .from("lottery_entries", "place_id")
                        .to("places", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_lottery_entries_appointment_id")
                        .from("lottery_entries", "appointment_id")
                        .to("appointments", "id")
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        unique_index(
            m,
            "lottery_entries",
            "ux_lottery_entries_draw_contact",
            &["place_id", "draw_at_s", "contact_hash"],
        )
        .await?;
        index(m, "lottery_entries", "ix_lottery_entries_status_draw", &["status", "draw_at_s"]).await?;
        index(m, "lottery_entries", "ix_lottery_entries_tenant", &["tenant_id"]).await?;
        index(m, "lottery_entries", "ix_lottery_entries_appointment", &["appointment_id"]).await?;

        m.create_table(
            Table::create()
                .table("spent_tokens")
                .col(string("token_key").primary_key())
                .col(at("expires_at"))
                .to_owned(),
        )
        .await?;
        index(m, "spent_tokens", "ix_spent_tokens_expires", &["expires_at"]).await?;

        m.create_table(
            Table::create()
                .table("appointment_links")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("appointment_id"))
                .col(string("token_hash"))
                .col(at("created_at"))
                .foreign_key(&mut tenant_fk("appointment_links"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_appointment_links_appointment_id")
                        .from("appointment_links", "appointment_id")
                        .to("appointments", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        unique_index(m, "appointment_links", "ux_appointment_links_token_hash", &["token_hash"]).await?;
        index(m, "appointment_links", "ix_appointment_links_appointment", &["appointment_id"]).await?;

        m.create_table(
            Table::create()
                .table("installation_secrets")
                .col(string("name").primary_key())
                .col(string("value"))
                .col(at("created_at"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["installation_secrets", "appointment_links", "spent_tokens", "lottery_entries"] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        for (table, column) in [
            ("booking_policies", "double_opt_in"),
            ("booking_policies", "reminder_hours"),
            ("booking_policies", "lottery_minutes"),
            ("appointments", "notes"),
            ("appointments", "opt_in_sent_at"),
            ("appointments", "cancel_reason"),
            ("appointments", "arrived_at"),
            ("appointments", "sequence"),
            ("appointments", "consent_at"),
            ("appointments", "language"),
        ] {
            m.alter_table(Table::alter().table(table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
