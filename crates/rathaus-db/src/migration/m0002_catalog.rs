//! The service catalogue of each tenant (`rathaus-catalog/1`, see `crates/rathaus-catalog/FORMAT.md`).
//!
//! Relational wherever later features query: appointments need a service's counter time,
//! persons and channels, the places that offer it, their counters, weekly hours and dated
//! exceptions; the slot engine books locations, mobile-office sessions and video offices
//! alike. Rich bilingual text that nothing queries inside (descriptions, fees, documents,
//! keywords) lives in a JSON `details` text column.
//!
//! * **One `places` table** for locations, mobile sites and virtual (video) offices, told apart
//!   by `place_type`. The catalogue gives them one key space (an appointment names its place by
//!   key); a single table enforces that with one unique index, and hours, exceptions, counters
//!   and offered services hang off `place_id` for all three, so appointments later need one
//!   foreign key, not three. Address, coordinates and `step_free` are NULL exactly for virtual
//!   offices; `kind` is set for locations only.
//! * **Civil dates and times are text**: dates `YYYY-MM-DD`, times `HH:MM`, ranges
//!   `HH:MM-HH:MM[,…]`. They are local to the place (opening hours, not instants), and ISO dates
//!   and zero-padded times compare correctly as text on both engines. Instants stay integer
//!   epoch seconds (`created_at`, `updated_at`).
//! * Every table carries `tenant_id`, children too, so every query filters by tenant directly.
//! * Children cascade with their place; a department in use by services cannot be deleted
//!   (no action → the store reports a conflict); deleting a topic unlists its services.
#![expect(elided_lifetimes_in_paths, reason = "MigrationTrait declares `&SchemaManager` with an elided lifetime")]

use super::cols::{at, fk, id, tenant_fk};
use super::{index, unique_index};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn place_fk(table: &'static str) -> ForeignKeyCreateStatement {
    fk(table, "place_id", "places", ForeignKeyAction::Cascade)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("departments")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(string("key"))
                .col(string_null("xzufi_id"))
                .col(string("name_de"))
                .col(string("name_en"))
                .col(string_null("email"))
                .col(string_null("phone"))
                .col(at("created_at"))
                .col(at("updated_at"))
                .foreign_key(&mut tenant_fk("departments"))
                .to_owned(),
        )
        .await?;
        unique_index(m, "departments", "ux_departments_tenant_key", &["tenant_id", "key"]).await?;
        unique_index(m, "departments", "ux_departments_tenant_xzufi_id", &["tenant_id", "xzufi_id"]).await?;

        m.create_table(
            Table::create()
                .table("topics")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(string("key"))
                .col(string("name_de"))
                .col(string("name_en"))
                .col(at("created_at"))
                .col(at("updated_at"))
                .foreign_key(&mut tenant_fk("topics"))
                .to_owned(),
        )
        .await?;
        unique_index(m, "topics", "ux_topics_tenant_key", &["tenant_id", "key"]).await?;

        // `channels` is a comma list of channel codes (`appointment,walk_in,online`); the
        // codes are no substrings of each other, so `LIKE '%walk_in%'` is exact.
        // `details` is JSON text: summary, description, eligibility, documents, fees, legal
        // basis, processing time, procedure, deadlines, notes, online URL, keywords, phrasings.
        m.create_table(
            Table::create()
                .table("services")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(string("slug"))
                .col(string_null("leika"))
                .col(string_null("xzufi_id"))
                .col(big_integer("department_id"))
                .col(big_integer_null("topic_id"))
                .col(string("name_de"))
                .col(string("name_en"))
                .col(integer_null("minutes_per_person"))
                .col(integer_null("max_persons"))
                .col(string("channels"))
                .col(boolean("active"))
                .col(text("details"))
                .col(at("created_at"))
                .col(at("updated_at"))
                .foreign_key(&mut tenant_fk("services"))
                .foreign_key(&mut fk("services", "department_id", "departments", ForeignKeyAction::NoAction))
                .foreign_key(&mut fk("services", "topic_id", "topics", ForeignKeyAction::SetNull))
                .to_owned(),
        )
        .await?;
        unique_index(m, "services", "ux_services_tenant_slug", &["tenant_id", "slug"]).await?;
        unique_index(m, "services", "ux_services_tenant_leika", &["tenant_id", "leika"]).await?;
        unique_index(m, "services", "ux_services_tenant_xzufi_id", &["tenant_id", "xzufi_id"]).await?;
        index(m, "services", "ix_services_department", &["department_id"]).await?;
        index(m, "services", "ix_services_topic", &["topic_id"]).await?;

        // `place_type`: location | mobile_site | virtual_office. `details` is JSON text:
        // accessibility notes and transport (locations, mobile sites), description and
        // requirements (virtual offices).
        m.create_table(
            Table::create()
                .table("places")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(string("key"))
                .col(string("place_type"))
                .col(string_null("kind"))
                .col(string("name_de"))
                .col(string("name_en"))
                .col(string_null("street"))
                .col(string_null("postal_code"))
                .col(string_null("city"))
                .col(double_null("latitude"))
                .col(double_null("longitude"))
                .col(boolean_null("step_free"))
                .col(boolean("walk_in"))
                .col(string_null("phone"))
                .col(string_null("email"))
                .col(text("details"))
                .col(at("created_at"))
                .col(at("updated_at"))
                .foreign_key(&mut tenant_fk("places"))
                .to_owned(),
        )
        .await?;
        unique_index(m, "places", "ux_places_tenant_key", &["tenant_id", "key"]).await?;

        // Weekly hours: one row per open weekday (0 = Monday … 6 = Sunday), the day's ranges
        // normalised (`08:00-12:00,14:00-18:00`); a missing row is a closed day.
        m.create_table(
            Table::create()
                .table("place_hours")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("place_id"))
                .col(small_integer("weekday"))
                .col(string("ranges"))
                .foreign_key(&mut tenant_fk("place_hours"))
                .foreign_key(&mut place_fk("place_hours"))
                .to_owned(),
        )
        .await?;
        unique_index(m, "place_hours", "ux_place_hours_place_weekday", &["place_id", "weekday"]).await?;

        // A dated exception: `date` is a civil date `YYYY-MM-DD` (not an instant), which
        // compares correctly as text. Closed all day, or open with `ranges` instead.
        m.create_table(
            Table::create()
                .table("place_exceptions")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("place_id"))
                .col(string("date"))
                .col(boolean("closed"))
                .col(string_null("ranges"))
                .col(string_null("note_de"))
                .col(string_null("note_en"))
                .foreign_key(&mut tenant_fk("place_exceptions"))
                .foreign_key(&mut place_fk("place_exceptions"))
                .to_owned(),
        )
        .await?;
        unique_index(m, "place_exceptions", "ux_place_exceptions_place_date", &["place_id", "date"]).await?;

        // Counters (Schalter) and video desks. `active = false`: removed from the catalogue
        // but kept, because tickets and appointments will refer to it.
        m.create_table(
            Table::create()
                .table("counters")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("place_id"))
                .col(string("key"))
                .col(string("name"))
                .col(boolean("active"))
                .col(at("created_at"))
                .col(at("updated_at"))
                .foreign_key(&mut tenant_fk("counters"))
                .foreign_key(&mut place_fk("counters"))
                .to_owned(),
        )
        .await?;
        unique_index(m, "counters", "ux_counters_place_key", &["place_id", "key"]).await?;

        // Which services a place offers.
        m.create_table(
            Table::create()
                .table("place_services")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("place_id"))
                .col(big_integer("service_id"))
                .foreign_key(&mut tenant_fk("place_services"))
                .foreign_key(&mut place_fk("place_services"))
                .foreign_key(&mut fk("place_services", "service_id", "services", ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        unique_index(m, "place_services", "ux_place_services_place_service", &["place_id", "service_id"]).await?;
        index(m, "place_services", "ix_place_services_service", &["service_id"]).await?;

        // Mobile office: explicit dated sessions, recurring schedule entries, and the dates on
        // which recurring sessions are cancelled. Dates and times are civil text as above.
        m.create_table(
            Table::create()
                .table("mobile_sessions")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("place_id"))
                .col(string("date"))
                .col(string("start_time"))
                .col(string("end_time"))
                .col(string_null("note_de"))
                .col(string_null("note_en"))
                .foreign_key(&mut tenant_fk("mobile_sessions"))
                .foreign_key(&mut place_fk("mobile_sessions"))
                .to_owned(),
        )
        .await?;
        unique_index(m, "mobile_sessions", "ux_mobile_sessions_place_date_start", &["place_id", "date", "start_time"])
            .await?;
        index(m, "mobile_sessions", "ix_mobile_sessions_tenant_date", &["tenant_id", "date"]).await?;

        m.create_table(
            Table::create()
                .table("mobile_schedules")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("place_id"))
                .col(small_integer("weekday"))
                .col(string("start_time"))
                .col(string("end_time"))
                .col(small_integer("every_weeks"))
                .col(string_null("first_date"))
                .col(string_null("last_date"))
                .foreign_key(&mut tenant_fk("mobile_schedules"))
                .foreign_key(&mut place_fk("mobile_schedules"))
                .to_owned(),
        )
        .await?;
        index(m, "mobile_schedules", "ix_mobile_schedules_place", &["place_id"]).await?;

        m.create_table(
            Table::create()
                .table("mobile_cancellations")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("place_id"))
                .col(string("date"))
                .foreign_key(&mut tenant_fk("mobile_cancellations"))
                .foreign_key(&mut place_fk("mobile_cancellations"))
                .to_owned(),
        )
        .await?;
        unique_index(m, "mobile_cancellations", "ux_mobile_cancellations_place_date", &["place_id", "date"]).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "mobile_cancellations",
            "mobile_schedules",
            "mobile_sessions",
            "place_services",
            "counters",
            "place_exceptions",
            "place_hours",
            "places",
            "services",
            "topics",
            "departments",
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
