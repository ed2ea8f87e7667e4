//! The platform: tenants and their host names, staff, sessions, login throttling, the
//! audit log, background jobs and the email outbox.
#![expect(elided_lifetimes_in_paths, reason = "MigrationTrait declares `&SchemaManager` with an elided lifetime")]

use super::cols::{at, at_null, id, tenant_fk};
use super::{append_only_triggers, index, unique_index};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("tenants")
                .col(id())
                .col(string_uniq("slug"))
                .col(string("name"))
                .col(string_uniq("ags"))
                .col(string("street"))
                .col(string("postal_code"))
                .col(string("city"))
                .col(string("contact_email"))
                .col(string("contact_phone"))
                .col(string("time_zone"))
                .col(string("federal_state"))
                .col(string("accent_colour"))
                .col(blob_null("logo"))
                .col(string_null("logo_mime"))
                .col(string("languages"))
                .col(at("created_at"))
                .col(at("updated_at"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("tenant_hosts")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(string_uniq("host"))
                .foreign_key(&mut tenant_fk("tenant_hosts"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("users")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(string("email"))
                .col(string("display_name"))
                .col(string("role"))
                .col(string_null("password_hash"))
                .col(boolean("active"))
                .col(at("created_at"))
                .col(at("updated_at"))
                .col(at_null("last_login_at"))
                .foreign_key(&mut tenant_fk("users"))
                .to_owned(),
        )
        .await?;
        unique_index(m, "users", "ux_users_tenant_email", &["tenant_id", "email"]).await?;

        // One-time links: invitations and password resets. Only the hash is stored.
        m.create_table(
            Table::create()
                .table("user_tokens")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("user_id"))
                .col(string("purpose"))
                .col(string_uniq("token_hash"))
                .col(at("expires_at"))
                .col(at_null("used_at"))
                .col(at("created_at"))
                .foreign_key(&mut tenant_fk("user_tokens"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_user_tokens_user")
                        .from("user_tokens", "user_id")
                        .to("users", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("sessions")
                .col(id())
                .col(string_uniq("token_hash"))
                .col(big_integer("tenant_id"))
                .col(big_integer("user_id"))
                .col(at("created_at"))
                .col(at("last_seen_at"))
                .col(at("expires_at"))
                .foreign_key(&mut tenant_fk("sessions"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_sessions_user")
                        .from("sessions", "user_id")
                        .to("users", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        index(m, "sessions", "ix_sessions_expires", &["expires_at"]).await?;

        // Failed logins by hashed key (account or client address), shared by all nodes.
        m.create_table(
            Table::create().table("login_failures").col(id()).col(string("key_hash")).col(at("failed_at")).to_owned(),
        )
        .await?;
        index(m, "login_failures", "ix_login_failures_key", &["key_hash", "failed_at"]).await?;

        // Append-only and hash-chained per tenant; `seq` is unique per tenant, so two
        // concurrent writers cannot both extend the chain from the same predecessor.
        m.create_table(
            Table::create()
                .table("audit_log")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(big_integer("seq"))
                .col(big_integer_null("actor_user_id"))
                .col(string("actor"))
                .col(string("action"))
                .col(string("target_type"))
                .col(string("target_id"))
                .col(text("details"))
                .col(at("created_at"))
                .col(string("prev_hash"))
                .col(string("hash"))
                .foreign_key(&mut tenant_fk("audit_log"))
                .to_owned(),
        )
        .await?;
        unique_index(m, "audit_log", "ux_audit_log_tenant_seq", &["tenant_id", "seq"]).await?;
        append_only_triggers(m, "audit_log").await?;

        m.create_table(
            Table::create()
                .table("jobs")
                .col(id())
                .col(big_integer_null("tenant_id"))
                .col(string("kind"))
                .col(text("payload"))
                .col(string_null("dedup_key"))
                .col(at("run_at"))
                .col(integer("attempts"))
                .col(integer("max_attempts"))
                .col(string_null("locked_by"))
                .col(at_null("locked_until"))
                .col(text_null("last_error"))
                .col(at("created_at"))
                .col(at_null("finished_at"))
                .col(string("state"))
                .to_owned(),
        )
        .await?;
        index(m, "jobs", "ix_jobs_due", &["state", "run_at"]).await?;
        unique_index(m, "jobs", "ux_jobs_dedup", &["kind", "dedup_key"]).await?;

        m.create_table(
            Table::create()
                .table("outbox_messages")
                .col(id())
                .col(big_integer("tenant_id"))
                .col(string("channel"))
                .col(string("recipient"))
                .col(string("subject"))
                .col(text("body_text"))
                .col(text_null("body_html"))
                .col(string("state"))
                .col(integer("attempts"))
                .col(text_null("last_error"))
                .col(at("created_at"))
                .col(at_null("sent_at"))
                .foreign_key(&mut tenant_fk("outbox_messages"))
                .to_owned(),
        )
        .await?;
        index(m, "outbox_messages", "ix_outbox_tenant_created", &["tenant_id", "created_at"]).await?;

        m.create_table(
            Table::create()
                .table("outbox_attachments")
                .col(id())
                .col(big_integer("message_id"))
                .col(string("filename"))
                .col(string("content_type"))
                .col(blob("content"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_outbox_attachments_message")
                        .from("outbox_attachments", "message_id")
                        .to("outbox_messages", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "outbox_attachments",
            "outbox_messages",
            "jobs",
            "audit_log",
            "login_failures",
            "sessions",
            "user_tokens",
            "users",
            "tenant_hosts",
            "tenants",
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
