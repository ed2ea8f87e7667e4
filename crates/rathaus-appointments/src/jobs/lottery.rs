//! `booking.lottery`: every minute, runs each draw whose window has closed
//! (`rathaus_booking::draw`). The order is a permutation of the entry ids seeded by the
//! installation's lottery secret and the draw's identity (tenant, place, draw time), so it
//! is reproducible for an audit but not predictable from outside. Winners get the normal
//! confirmation (through the booking's hook), the others an e-mail saying so; both are
//! written in the transaction that decides the entry.

use super::{periodic, retry};
use crate::notify::{Notifier, Notify};
use futures_util::future::BoxFuture;
use jiff::Timestamp;
use rathaus_booking::LostNotice;
use rathaus_db::appointments::lottery::{self, LotteryEntry};
use rathaus_db::catalog::{places, services};
use rathaus_db::{DatabaseConnection, StoreError, TenantId, installation_secrets, tenants};
use rathaus_domain::{Email, Language};
use rathaus_mail::templates::{AppointmentMail, Notice, appointment};
use rathaus_mail::{DeliveryMode, enqueue_email};
use rathaus_worker::{Job, JobError, JobHandler};
use sea_orm::{ConnectionTrait, DatabaseTransaction};

pub const KIND: &str = "booking.lottery";
pub const PERIOD_SECS: i64 = 60;
/// The name of the installation secret the draw order is derived from.
pub const SECRET: &str = "lottery";

pub struct RunDraws {
    pub db: DatabaseConnection,
    pub notifier: Notifier,
}

impl JobHandler for RunDraws {
    fn kind(&self) -> &'static str {
        KIND
    }

    fn run<'a>(&'a self, _job: &'a Job) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let now = Timestamp::now();
            run_due_draws(&self.db, &self.notifier, now).await.map_err(retry)?;
            periodic::schedule(&self.db, KIND, PERIOD_SECS, now.as_second()).await.map_err(retry)?;
            Ok(())
        })
    }
}

/// Runs every draw due at `now`; returns how many entries were decided.
pub async fn run_due_draws(
    db: &DatabaseConnection,
    notifier: &Notifier,
    now: Timestamp,
) -> Result<usize, rathaus_booking::BookingError> {
    let secret = installation_secrets::get_or_create(db, SECRET).await?;
    let mut decided = 0;
    for (tenant, place_id, draw_at_s) in lottery::due_draws(db, now.as_second()).await? {
        let entries = lottery::waiting(db, tenant, place_id, draw_at_s).await?;
        let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
        let seed = rathaus_fairness::lottery::seed_from(&secret, &format!("{}:{place_id}:{draw_at_s}", tenant.0));
        let order = rathaus_fairness::lottery::draw_order(&ids, seed);
        let lost = Lost { tenant, notifier: notifier.clone() };
        let won = |e: &LotteryEntry| Notify::new(tenant, notifier, Notice::LotteryWon, &e.origin);
        let outcomes = rathaus_booking::draw(db, tenant, place_id, draw_at_s, &order, won, &lost, now).await?;
        tracing::info!(
            tenant = tenant.0,
            place_id,
            entries = ids.len(),
            won = outcomes.iter().filter(|o| o.confirmed.is_some()).count(),
            "lottery drawn"
        );
        decided += outcomes.len();
    }
    Ok(decided)
}

struct Lost {
    tenant: TenantId,
    notifier: Notifier,
}

impl LostNotice for Lost {
    fn run<'a>(
        &'a self,
        tx: &'a DatabaseTransaction,
        entry: &'a LotteryEntry,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move { entry_mail(tx, self.tenant, &self.notifier.mail, entry, Notice::LotteryLost).await })
    }
}

/// The e-mail about an entry that has no appointment (received, or lost), if it has an
/// address.
pub async fn entry_mail(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    mode: &DeliveryMode,
    entry: &LotteryEntry,
    notice: Notice,
) -> Result<(), StoreError> {
    let Some(to) = entry.email.as_deref().and_then(|e| Email::parse(e).ok()) else { return Ok(()) };
    let language = Language::parse(&entry.language).unwrap_or_default();
    let t = tenants::get(db, tenant).await?.ok_or(StoreError::NotFound)?;
    let tz = t.tz();
    let place = places::get(db, tenant, entry.place_id).await?.ok_or(StoreError::NotFound)?;
    let place_name = match language {
        Language::En if !place.name_en.is_empty() => place.name_en.clone(),
        _ => place.name_de.clone(),
    };
    let wished: Vec<rathaus_booking::ServiceRequest> = serde_json::from_str(&entry.services).unwrap_or_default();
    let mut names = Vec::new();
    for w in &wished {
        if let Some(s) = services::get_by_slug(db, tenant, &w.slug).await? {
            names.push(if language == Language::En && !s.name_en.is_empty() { s.name_en } else { s.name_de });
        }
    }
    let bad = |what: &str| StoreError::Db(sea_orm::DbErr::Type(format!("lottery entry {what}")));
    let date: jiff::civil::Date = entry.date.parse().map_err(|_| bad("date"))?;
    let time = entry.wish_time.as_deref().and_then(|t| format!("{t}:00").parse().ok()).unwrap_or_default();
    let start = date.to_datetime(time).to_zoned(tz.clone()).map_err(|_| bad("time"))?;
    let draw_at = Timestamp::from_second(entry.draw_at_s).map_err(|_| bad("draw"))?.to_zoned(tz);
    let booking_link = format!("{}/termine/buchen", entry.origin);
    let mail = AppointmentMail {
        notice,
        tenant_name: &t.name,
        citizen_name: &entry.name,
        services: &names,
        place_name: &place_name,
        place_address: "",
        start: &start,
        minutes: 0,
        booking_code: "",
        manage_link: None,
        confirm_link: None,
        confirm_until: None,
        offers: &[],
        draw_at: Some(&draw_at),
        documents: &[],
        booking_link: &booking_link,
    };
    enqueue_email(db, mode, appointment(language, &mail, false).into_outgoing(tenant, to)).await?;
    Ok(())
}
