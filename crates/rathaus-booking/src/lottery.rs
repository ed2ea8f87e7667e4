//! Lottery release (Hakimov, Heller, Kübler and Kurino, AER 2021): online requests for a
//! newly released day that arrive within `lottery_minutes` after its release are not booked
//! first come, first served. They are collected as entries – one per contact and draw – and
//! at the end of the window allocated in a random order, each in turn getting its wished
//! time if still free, else the earliest free time that day. Being fastest gains nothing,
//! so scalping bots lose their edge.
//!
//! * [`draw_at`] is the pure rule (is `now` inside the window of `date`?); holds for such a
//!   date are refused with [`BookingError::Lottery`] (see `hold::check`).
//! * [`enter`] records an entry (`AlreadyEntered` for a second one of the same contact).
//! * [`draw`] allocates one draw. The order comes from a seed the caller derives from a
//!   secret and the draw's identity, so a draw can be reproduced for an audit. It is safe to
//!   run again after a crash: bookings carry the idempotency key `lottery-<entry id>`, and
//!   an entry is decided (`WHERE status = 'waiting'`) once.

use crate::availability::{Location, Search, by_place};
use crate::confirm::{Confirmed, book_notifying};
use crate::contact::Contact;
use crate::error::BookingError;
use crate::hold::HoldRequest;
use crate::hooks::InTransaction;
use crate::need::{self, ServiceRequest};
use crate::setup::{self, Setup};
use futures_util::future::BoxFuture;
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use rathaus_db::appointments::lottery::{self, LotteryEntry, NewEntry};
use rathaus_db::{StoreError, TenantId, begin_write};
use rathaus_slots::{Channel, release_of, starts_at_local};
use sea_orm::{DatabaseConnection, DatabaseTransaction};

/// The end of the lottery window for online requests for local `date` at the place, if
/// `now` is inside it: `release ≤ now < release + lottery_minutes`.
pub(crate) fn draw_at(s: &Setup, date: Date, now: Timestamp) -> Option<Timestamp> {
    let minutes = i64::from(s.stored.lottery_minutes);
    if minutes == 0 {
        return None;
    }
    let release = release_of(&s.tz, &s.policy, date)?;
    let end = Timestamp::from_second(release.as_second() + minutes * 60).ok()?;
    (release <= now && now < end).then_some(end)
}

/// When requests for `date` at a place are drawn, if `now` is in its lottery window (for
/// pages that explain the lottery before the citizen picks a time).
pub async fn lottery_draw_at(
    db: &DatabaseConnection,
    tenant: TenantId,
    place_id: i64,
    date: Date,
    now: Timestamp,
) -> Result<Option<Timestamp>, BookingError> {
    let s = setup::light(db, tenant, &[place_id]).await?.pop().ok_or(BookingError::NotFound)?;
    Ok(draw_at(&s, date, now))
}

/// A request for the draw.
#[derive(Debug, Clone)]
pub struct Entry {
    pub place_id: i64,
    pub date: Date,
    /// The wished time; `None`: any time that day.
    pub wish: Option<Time>,
    pub services: Vec<ServiceRequest>,
    pub contact: Contact,
    pub language: String,
    /// The site the request came from (for the links in the outcome e-mail).
    pub origin: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entered {
    pub entry_id: i64,
    pub draw_at: Timestamp,
}

/// Records an entry while the window of its date is open. Errors: `Invalid` (services, a
/// contact without e-mail or phone: `contact-missing`), `Invalid("lottery-closed")` outside
/// the window, [`BookingError::AlreadyEntered`].
pub async fn enter(
    db: &DatabaseConnection,
    tenant: TenantId,
    entry: &Entry,
    now: Timestamp,
) -> Result<Entered, BookingError> {
    let resolved = need::resolve(db, tenant, &entry.services).await?;
    if !need::offered_at(db, tenant, entry.place_id, &resolved).await? {
        return Err(BookingError::Invalid("service-not-offered"));
    }
    let s = setup::light(db, tenant, &[entry.place_id]).await?.pop().ok_or(BookingError::NotFound)?;
    let draw = draw_at(&s, entry.date, now).ok_or(BookingError::Invalid("lottery-closed"))?;
    let hash = entry.contact.hash(tenant).ok_or(BookingError::Invalid("contact-missing"))?;
    let services = serde_json::to_string(&entry.services).map_err(|_| BookingError::Invalid("service-unknown"))?;
    let (date, wish) = (entry.date.to_string(), entry.wish.map(|t| t.strftime("%H:%M").to_string()));
    let new = NewEntry {
        place_id: entry.place_id,
        draw_at_s: draw.as_second(),
        date: &date,
        wish_time: wish.as_deref(),
        services: &services,
        name: entry.contact.name(),
        email: entry.contact.email().map(|e| e.as_str()),
        phone: entry.contact.phone().map(|p| p.as_str()),
        contact_hash: &hash,
        language: &entry.language,
        origin: &entry.origin,
    };
    let tx = begin_write(db).await?;
    match lottery::insert(&tx, tenant, &new, now.as_second()).await {
        Ok(row) => {
            tx.commit().await?;
            Ok(Entered { entry_id: row.id, draw_at: draw })
        }
        Err(StoreError::Conflict(_)) => {
            tx.rollback().await?;
            Err(BookingError::AlreadyEntered)
        }
        Err(e) => {
            tx.rollback().await?;
            Err(e.into())
        }
    }
}

/// What the draw decided for one entry.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub entry: LotteryEntry,
    pub confirmed: Option<Confirmed>,
}

/// Writes the "not this time" notification of an entry inside the transaction that
/// decides it.
pub trait LostNotice: Send + Sync {
    fn run<'a>(&'a self, tx: &'a DatabaseTransaction, entry: &'a LotteryEntry)
    -> BoxFuture<'a, Result<(), StoreError>>;
}

/// Allocates one draw: entries in the random `order` (entry ids, e.g. from
/// `rathaus_fairness::lottery::draw_order`; waiting entries missing from it come last, by
/// id), each booked at its wish or the earliest free time of its date, through
/// `won(entry)` as the booking's hook, or decided as lost with `lost`. Returns the outcomes
/// of the entries decided in this run.
#[expect(clippy::too_many_arguments, reason = "which draw, its order, the two notices, and the clock")]
pub async fn draw<H, W>(
    db: &DatabaseConnection,
    tenant: TenantId,
    place_id: i64,
    draw_at_s: i64,
    order: &[i64],
    won: W,
    lost: &dyn LostNotice,
    now: Timestamp,
) -> Result<Vec<Outcome>, BookingError>
where
    H: InTransaction,
    W: Fn(&LotteryEntry) -> H,
{
    let mut waiting = lottery::waiting(db, tenant, place_id, draw_at_s).await?;
    waiting.sort_by_key(|e| (order.iter().position(|&id| id == e.id).unwrap_or(usize::MAX), e.id));
    let mut outcomes = Vec::with_capacity(waiting.len());
    for entry in waiting {
        let confirmed = try_book(db, tenant, &entry, &won(&entry), now).await?;
        let tx = begin_write(db).await?;
        let decided =
            lottery::decide(&tx, tenant, entry.id, confirmed.as_ref().map(|c| c.appointment_id), now.as_second())
                .await?;
        if decided && confirmed.is_none() {
            lost.run(&tx, &entry).await?;
        }
        tx.commit().await?;
        if decided {
            outcomes.push(Outcome { entry, confirmed });
        }
    }
    Ok(outcomes)
}

/// Books an entry at its wish, else the earliest free time of its date; `None` when nothing
/// is left (or its contact reached the cap).
async fn try_book(
    db: &DatabaseConnection,
    tenant: TenantId,
    entry: &LotteryEntry,
    hook: &dyn InTransaction,
    now: Timestamp,
) -> Result<Option<Confirmed>, BookingError> {
    let services: Vec<ServiceRequest> =
        serde_json::from_str(&entry.services).map_err(|_| crate::error::corrupt("entry"))?;
    let date: Date = entry.date.parse().map_err(|_| crate::error::corrupt("entry date"))?;
    let contact = Contact::parse(&entry.name, entry.email.as_deref(), entry.phone.as_deref())?;
    let search = Search {
        services: &services,
        location: Location::Place(entry.place_id),
        from: date,
        to: date,
        channel: Channel::Online,
        now,
    };
    let Some(place) = by_place(db, tenant, &search).await?.pop() else { return Ok(None) };
    let mut starts = place.starts;
    if let Some(wish) = entry.wish_time.as_deref().and_then(|t| format!("{t}:00").parse::<Time>().ok()) {
        let tz = rathaus_db::tenants::get(db, tenant).await?.ok_or(BookingError::NotFound)?.tz();
        let wished = starts_at_local(&starts, &tz, date, wish);
        starts.retain(|s| !wished.contains(s));
        starts.splice(0..0, wished);
    }
    let key = format!("lottery-{}", entry.id);
    for start in starts {
        let req = HoldRequest { place_id: entry.place_id, start, services: services.clone(), channel: Channel::Online };
        match book_notifying(db, tenant, &req, &contact, Some(&key), None, hook, now).await {
            Ok(c) => return Ok(Some(c)),
            Err(BookingError::SlotTaken(_)) => continue,
            Err(BookingError::ContactLimit { .. }) => return Ok(None),
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}
