//! The availability benchmark: the real router (as `rathaus serve` builds it, worker off,
//! the API's rate limit off) on 127.0.0.1, and `concurrency` keep-alive connections that
//! request as fast as answers come – first `/healthz`, then `/api/v1/availability` with a
//! mix of services, places (and `any`), two-week windows across the horizon and one or two
//! persons. Latency is measured per request from send to the last body byte.
//!
//! Three availability figures: **cold** (every distinct query once, one at a time, on an
//! empty cache: what one computation costs), **storm** (all connections on the warm cache),
//! and **storm with bookings** (the same while `--bookings-per-second` citizens book, each
//! booking invalidating its place's answers and every `location=any` answer).

use super::booking::{Citizen, Counts};
use super::setup::{HOST, TENANT};
use super::{BenchArgs, peak_rss_mib, quantile_ms};
use anyhow::Context;
use axum::body::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Services in the query mix (the most asked-for at a Bürgerbüro).
const SERVICES: [&str; 6] = [
    "personalausweis-beantragen",
    "reisepass-beantragen",
    "wohnsitz-anmelden",
    "wohnsitz-ummelden",
    "meldebescheinigung",
    "beglaubigung",
];

struct Phase {
    requests: u64,
    errors: u64,
    seconds: f64,
    /// Microseconds, sorted.
    latencies: Vec<u32>,
}

impl Phase {
    fn rps(&self) -> f64 {
        (self.requests as f64 / self.seconds).round()
    }
}

/// Drives `paths` (cycled per connection) for a warm-up and then `seconds`.
async fn phase(base: &str, paths: Arc<Vec<String>>, concurrency: usize, seconds: u64) -> anyhow::Result<Phase> {
    let client: Client<_, Empty<Bytes>> =
        Client::builder(TokioExecutor::new()).pool_max_idle_per_host(concurrency).build_http();
    let warmup = Duration::from_secs((seconds / 5).max(1));
    let start = Instant::now() + warmup;
    let end = start + Duration::from_secs(seconds);
    let mut tasks = Vec::with_capacity(concurrency);
    for worker in 0..concurrency {
        let (client, paths, base) = (client.clone(), paths.clone(), base.to_owned());
        tasks.push(tokio::spawn(async move {
            let (mut n, mut errors, mut latencies) = (0u64, 0u64, Vec::new());
            let mut i = worker * 7919;
            loop {
                let t0 = Instant::now();
                if t0 >= end {
                    break;
                }
                let uri: hyper::Uri = format!("{base}{}", paths[i % paths.len()]).parse().expect("valid URI");
                i += 1;
                let req = hyper::Request::get(uri).header("host", HOST).body(Empty::new()).expect("request");
                let ok = match client.request(req).await {
                    Ok(res) => {
                        let status = res.status();
                        res.into_body().collect().await.is_ok() && status.is_success()
                    }
                    Err(_) => false,
                };
                if t0 >= start {
                    n += 1;
                    errors += u64::from(!ok);
                    latencies.push(u32::try_from(t0.elapsed().as_micros()).unwrap_or(u32::MAX));
                }
            }
            (n, errors, latencies)
        }));
    }
    let mut out = Phase { requests: 0, errors: 0, seconds: seconds as f64, latencies: Vec::new() };
    for t in tasks {
        let (n, e, l) = t.await?;
        out.requests += n;
        out.errors += e;
        out.latencies.extend(l);
    }
    out.latencies.sort_unstable();
    Ok(out)
}

/// The query mix: services × persons × places (and `any`) × four two-week windows.
fn availability_paths(places: &[rathaus_db::catalog::places::Place], today: Date) -> anyhow::Result<Vec<String>> {
    let mut places: Vec<&str> = places.iter().map(|p| p.key.as_str()).collect();
    places.push("any");
    let mut paths = Vec::new();
    for week in [0i64, 7, 14, 21] {
        let from = today.checked_add(week.days())?;
        let to = from.checked_add(13.days())?;
        for s in SERVICES {
            for p in &places {
                for persons in [1, 2] {
                    paths.push(format!(
                        "/api/v1/availability?service={s}&location={p}&from={from}&to={to}&persons={persons}"
                    ));
                }
            }
        }
    }
    Ok(paths)
}

/// Each path once, one after the other: the cost of computing an answer.
async fn cold(base: &str, paths: &[String]) -> anyhow::Result<Vec<u32>> {
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let mut latencies = Vec::with_capacity(paths.len());
    for path in paths {
        let t0 = Instant::now();
        let req = hyper::Request::get(format!("{base}{path}")).header("host", HOST).body(Empty::new())?;
        let res = client.request(req).await?;
        anyhow::ensure!(res.status().is_success(), "{path}: {}", res.status());
        res.into_body().collect().await?;
        latencies.push(u32::try_from(t0.elapsed().as_micros()).unwrap_or(u32::MAX));
    }
    latencies.sort_unstable();
    Ok(latencies)
}

/// Books `rate` appointments a second until `until`, telling the cache as the booking
/// pages do; returns how many were confirmed.
async fn book_meanwhile(state: rathaus_web::AppState, mut citizen: Citizen, rate: u32, until: Instant) -> u64 {
    let counts = Counts::default();
    let mut tick = tokio::time::interval(Duration::from_secs_f64(1.0 / f64::from(rate.max(1))));
    while Instant::now() < until {
        tick.tick().await;
        if let Some(place) = citizen.book_once(&counts).await {
            state.availability.changed(&state.events, citizen.tenant, place).await;
        }
    }
    counts.confirmed.load(std::sync::atomic::Ordering::Relaxed)
}

pub async fn run(args: &BenchArgs) -> anyhow::Result<serde_json::Value> {
    let db = rathaus_db::connect_and_migrate(&args.database_url()?).await?;
    let guard = rathaus_web::fairness::GuardConfig { api_per_minute: 0, ..Default::default() };
    let config = rathaus_web::WebConfig { guard, ..Default::default() };
    let events = rathaus_worker::EventBus::start(&db).await?;
    let state = rathaus_web::AppState::new(db.clone(), config, events);
    let app = rathaus_web::router(state.clone()).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });

    let tenant = rathaus_db::tenants::find_by_slug(&db, TENANT).await?.context("no benchmark tenant")?;
    let places = rathaus_db::catalog::places::list_all(&db, tenant.tenant_id()).await?;
    let today = Timestamp::now().to_zoned(tenant.tz()).date();
    let paths = Arc::new(availability_paths(&places, today)?);
    let health = phase(&base, Arc::new(vec!["/healthz".to_owned()]), args.concurrency, args.seconds).await?;
    let cold = cold(&base, &paths).await?;
    let avail = phase(&base, paths.clone(), args.concurrency, args.seconds).await?;

    let places = places.iter().map(|p| p.id).collect();
    let citizen = Citizen::new(db.clone(), tenant.tenant_id(), places, today, i64::from(args.horizon_days), 999);
    let until = Instant::now() + Duration::from_secs(args.seconds + (args.seconds / 5).max(1));
    let booker = tokio::spawn(book_meanwhile(state, citizen, args.bookings_per_second, until));
    let mixed = phase(&base, paths.clone(), args.concurrency, args.seconds).await?;
    let booked = booker.await?;
    Ok(serde_json::json!({
        "concurrency": args.concurrency,
        "seconds": args.seconds,
        "distinct_queries": paths.len(),
        "healthz_rps": health.rps(),
        "healthz_p50_ms": quantile_ms(&health.latencies, 0.5),
        "healthz_p99_ms": quantile_ms(&health.latencies, 0.99),
        "healthz_errors": health.errors,
        "cold_p50_ms": quantile_ms(&cold, 0.5),
        "cold_p99_ms": quantile_ms(&cold, 0.99),
        "cold_max_ms": quantile_ms(&cold, 1.0),
        "availability_rps": avail.rps(),
        "availability_p50_ms": quantile_ms(&avail.latencies, 0.5),
        "availability_p99_ms": quantile_ms(&avail.latencies, 0.99),
        "availability_errors": avail.errors,
        "ratio_to_healthz": ((avail.rps() / health.rps().max(1.0)) * 1000.0).round() / 1000.0,
        "with_bookings_per_second": args.bookings_per_second,
        "with_bookings_confirmed": booked,
        "with_bookings_rps": mixed.rps(),
        "with_bookings_p50_ms": quantile_ms(&mixed.latencies, 0.5),
        "with_bookings_p99_ms": quantile_ms(&mixed.latencies, 0.99),
        "with_bookings_errors": mixed.errors,
        "with_bookings_ratio_to_healthz": ((mixed.rps() / health.rps().max(1.0)) * 1000.0).round() / 1000.0,
        "peak_rss_mib": peak_rss_mib(),
    }))
}
