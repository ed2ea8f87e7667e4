//! The booking benchmark: `concurrency` tasks book for `seconds` as citizens do, without
//! the pages: look up a day's free starts at a random place and day, hold one at random,
//! confirm it with a contact of its own. A start taken meanwhile is counted and another is
//! tried. Afterwards SQL checks that every confirmed appointment holds exactly its own
//! counter-slots (none given twice, none short).

use super::setup::{SERVICE, TENANT};
use super::{BenchArgs, peak_rss_mib, scalar};
use anyhow::Context;
use jiff::{Timestamp, ToSpan};
use rathaus_booking::{BookingError, Channel, Contact, HoldRequest, Location, Search, ServiceRequest};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Default)]
pub struct Counts {
    pub confirmed: AtomicU64,
    pub taken: AtomicU64,
    pub no_free_day: AtomicU64,
    pub errors: AtomicU64,
    pub searches: AtomicU64,
    /// Microseconds spent searching, holding and confirming.
    pub search_us: AtomicU64,
    pub hold_us: AtomicU64,
    pub confirm_us: AtomicU64,
}

fn spent(counter: &AtomicU64, since: Instant) {
    counter.fetch_add(u64::try_from(since.elapsed().as_micros()).unwrap_or(u64::MAX), Ordering::Relaxed);
}

/// A citizen's booking: random place and day, a random free start, hold and confirm.
/// Returns the place when an appointment was confirmed.
pub struct Citizen {
    pub db: rathaus_db::DatabaseConnection,
    pub tenant: rathaus_db::TenantId,
    pub places: Vec<i64>,
    pub today: jiff::civil::Date,
    pub horizon_days: i64,
    pub name: String,
    seed: u64,
    n: u64,
    /// Free starts seen per place and day, as a citizen's page shows them: searched when
    /// empty, so most attempts hold from a listing (which may be out of date).
    seen: std::collections::HashMap<(i64, jiff::civil::Date), Vec<rathaus_booking::Start>>,
}

impl Citizen {
    pub fn new(
        db: rathaus_db::DatabaseConnection,
        tenant: rathaus_db::TenantId,
        places: Vec<i64>,
        today: jiff::civil::Date,
        horizon_days: i64,
        worker: usize,
    ) -> Self {
        let seed = 0x9e37_79b9_7f4a_7c15u64 ^ (worker as u64 + 1);
        // Contacts unique per run: the cap on active appointments per contact stays out of it.
        let run = Timestamp::now().as_millisecond();
        Self {
            db,
            tenant,
            places,
            today,
            horizon_days,
            name: format!("b{run}-{worker}"),
            seed,
            n: 0,
            seen: Default::default(),
        }
    }

    /// A xorshift generator: reproducible, no dependency.
    fn next(&mut self, m: u64) -> u64 {
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 7;
        self.seed ^= self.seed << 17;
        self.seed % m.max(1)
    }

    pub async fn book_once(&mut self, counts: &Counts) -> Option<i64> {
        let services = vec![ServiceRequest::new(SERVICE, 1)];
        let i = usize::try_from(self.next(self.places.len() as u64)).unwrap_or(0);
        let place = self.places[i];
        let days = u64::try_from(self.horizon_days).unwrap_or(1);
        let date = self.today.checked_add((self.next(days) as i64).days()).ok()?;
        let now = Timestamp::now();
        if self.seen.get(&(place, date)).is_none_or(Vec::is_empty) {
            let t0 = Instant::now();
            let search = Search {
                services: &services,
                location: Location::Place(place),
                from: date,
                to: date,
                channel: Channel::Online,
                now,
            };
            let found = rathaus_booking::by_place(&self.db, self.tenant, &search).await;
            spent(&counts.search_us, t0);
            counts.searches.fetch_add(1, Ordering::Relaxed);
            let Ok(found) = found else {
                counts.errors.fetch_add(1, Ordering::Relaxed);
                return None;
            };
            self.seen.insert((place, date), found.into_iter().next().map(|p| p.starts).unwrap_or_default());
        }
        let listed = self.seen.get(&(place, date)).map_or(0, Vec::len);
        if listed == 0 {
            counts.no_free_day.fetch_add(1, Ordering::Relaxed);
            return None;
        }
        let pick = usize::try_from(self.next(listed as u64)).unwrap_or(0);
        let start = self.seen.get_mut(&(place, date))?.swap_remove(pick);
        let req = HoldRequest { place_id: place, start, services: services.clone(), channel: Channel::Online };
        let t0 = Instant::now();
        let hold = rathaus_booking::hold(&self.db, self.tenant, &req, now).await;
        spent(&counts.hold_us, t0);
        let hold = match hold {
            Ok(h) => h,
            Err(BookingError::SlotTaken(_)) => {
                counts.taken.fetch_add(1, Ordering::Relaxed);
                return None;
            }
            Err(_) => {
                counts.errors.fetch_add(1, Ordering::Relaxed);
                return None;
            }
        };
        self.n += 1;
        let email = format!("{}-{}@bench.example", self.name, self.n);
        let contact = Contact::parse("Bench", Some(&email), None).ok()?;
        let t0 = Instant::now();
        let confirmed =
            rathaus_booking::confirm(&self.db, self.tenant, &hold.id, &contact, None, None, Timestamp::now()).await;
        spent(&counts.confirm_us, t0);
        match confirmed {
            Ok(_) => {
                counts.confirmed.fetch_add(1, Ordering::Relaxed);
                Some(place)
            }
            Err(e) => {
                tracing::warn!(error = %e, "confirmation failed");
                counts.errors.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }
}

fn mean_ms(total_us: &AtomicU64, n: u64) -> f64 {
    (total_us.load(Ordering::Relaxed) as f64 / n.max(1) as f64 / 10.0).round() / 100.0
}

pub async fn run(args: &BenchArgs) -> anyhow::Result<serde_json::Value> {
    let db = rathaus_db::connect_and_migrate(&args.database_url()?).await?;
    let tenant = rathaus_db::tenants::find_by_slug(&db, TENANT).await?.context("no benchmark tenant")?;
    let t = tenant.tenant_id();
    let places: Vec<i64> = rathaus_db::catalog::places::list_all(&db, t).await?.into_iter().map(|p| p.id).collect();
    let today = Timestamp::now().to_zoned(tenant.tz()).date();
    let before = scalar(&db, "SELECT COUNT(*) FROM appointments WHERE status = 'confirmed'", Vec::new()).await?;
    let counts = Arc::new(Counts::default());
    let started = Instant::now();
    let end = started + Duration::from_secs(args.seconds);
    let concurrency = args.concurrency.clamp(1, 64);
    let mut tasks = Vec::new();
    for worker in 0..concurrency {
        let counts = counts.clone();
        let mut citizen = Citizen::new(db.clone(), t, places.clone(), today, i64::from(args.horizon_days), worker);
        tasks.push(tokio::spawn(async move {
            while Instant::now() < end {
                citizen.book_once(&counts).await;
            }
        }));
    }
    for task in tasks {
        task.await?;
    }
    let seconds = started.elapsed().as_secs_f64();
    let confirmed = counts.confirmed.load(Ordering::Relaxed);
    let attempts = confirmed + counts.taken.load(Ordering::Relaxed) + counts.errors.load(Ordering::Relaxed);
    let after = scalar(&db, "SELECT COUNT(*) FROM appointments WHERE status = 'confirmed'", Vec::new()).await?;
    // Every confirmed future appointment owns exactly (end - start) / slot length rows.
    let short = scalar(
        &db,
        "SELECT COUNT(*) FROM appointments a WHERE a.status = 'confirmed' AND a.start_s > strftime('%s','now') AND \
         (SELECT COUNT(*) FROM capacity_slots s WHERE s.appointment_id = a.id) * 300 <> a.end_s - a.start_s",
        Vec::new(),
    )
    .await?;
    Ok(serde_json::json!({
        "tasks": concurrency,
        "seconds": (seconds * 10.0).round() / 10.0,
        "confirmed": confirmed,
        "confirmed_per_second": (confirmed as f64 / seconds).round(),
        "slot_taken_retries": counts.taken.load(Ordering::Relaxed),
        "days_without_free_time": counts.no_free_day.load(Ordering::Relaxed),
        "errors": counts.errors.load(Ordering::Relaxed),
        "searches": counts.searches.load(Ordering::Relaxed),
        "mean_search_ms": mean_ms(&counts.search_us, counts.searches.load(Ordering::Relaxed)),
        "mean_hold_ms": mean_ms(&counts.hold_us, attempts),
        "mean_confirm_ms": mean_ms(&counts.confirm_us, confirmed.max(1)),
        "confirmed_rows_match": after - before == i64::try_from(confirmed).unwrap_or(-1),
        "appointments_with_wrong_slot_count": short,
        "peak_rss_mib": peak_rss_mib(),
    }))
}
