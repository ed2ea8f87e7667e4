//! `rathaus bench queue`: the front desk under many watchers, and the accuracy of its
//! waiting-time estimates.
//!
//! * **Fan-out**: a fresh demo database (SQLite, in `--data-dir`), the real router on
//!   127.0.0.1, one office with a queue of walk-ins and one clerk, and `--subscribers` SSE
//!   connections held open in this process: half call displays (`/anzeige/live`), half
//!   phones following a ticket (`/warteschlange/{token}/live`). The clerk then calls
//!   `--calls` tickets, one every `--interval-ms`. Latency is from just before the call to
//!   the moment a subscriber has read the message that shows it: a display the called
//!   number among the current calls, a phone its position moved up by one. The subscribers
//!   run in a child process (`rathaus bench queue-clients`), so memory per subscriber is
//!   the growth of the *server's* resident memory from before the connections to after all
//!   have their first message, divided by their number. Both processes share the cores.
//! * **Accuracy**: the office-day simulation of `rathaus-queue` (arrivals, no-shows,
//!   service-time spread) over `--days` seeds; the mean absolute error of the estimated
//!   wait at check-in, in minutes, as the median over the days.

use super::{peak_rss_mib, quantile_ms};
use anyhow::Context;
use clap::Args;
use rathaus_db::TenantId;
use rathaus_front_desk::{Actor, Scope};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt};

#[derive(Args, Debug, Clone)]
pub struct QueueBenchArgs {
    /// Where the benchmark's database is made (`queue.db`, replaced on every run).
    #[arg(long, default_value = "./data/bench")]
    pub data_dir: PathBuf,
    /// Open SSE connections (half displays, half phones).
    #[arg(long, default_value_t = 5000)]
    pub subscribers: usize,
    /// Calls to measure.
    #[arg(long, default_value_t = 40)]
    pub calls: usize,
    /// Time between two calls.
    #[arg(long, default_value_t = 500)]
    pub interval_ms: u64,
    /// Simulated office days for the accuracy figure.
    #[arg(long, default_value_t = 20)]
    pub days: u64,
    /// Print one JSON object instead of the table.
    #[arg(long)]
    pub json: bool,
}

const PLACE: &str = "buergerbuero-mitte";
const SERVICE: &str = "beglaubigung";

struct Office {
    scope_db: rathaus_db::DatabaseConnection,
    events: rathaus_worker::EventBus,
    tenant: TenantId,
    clerk: i64,
    display_cookie: String,
    follow_tokens: Vec<String>,
}

impl Office {
    fn scope(&self) -> Scope<'_> {
        Scope { db: &self.scope_db, events: &self.events, tenant: self.tenant }
    }
}

async fn prepare(args: &QueueBenchArgs, queue_len: usize) -> anyhow::Result<(Office, rathaus_web::AppState)> {
    std::fs::create_dir_all(&args.data_dir)?;
    let path = args.data_dir.join("queue.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let db = rathaus_db::connect_and_migrate(&super::sqlite_url(&path)).await?;
    crate::demo::load(&db).await?;
    let events = rathaus_worker::EventBus::start(&db).await?;
    let state = rathaus_web::AppState::new(db.clone(), rathaus_web::WebConfig::default(), events.clone());
    let tenant = rathaus_db::tenants::find_by_slug(&db, "musterstadt").await?.context("demo tenant")?;
    let t = tenant.tenant_id();
    let place = rathaus_db::catalog::places::get_by_key(&db, t, PLACE).await?.context("demo place")?;
    let service = rathaus_db::catalog::services::get_by_slug(&db, t, SERVICE).await?.context("demo service")?;
    let email = rathaus_domain::Email::parse("sachbearbeitung@musterstadt.example")?;
    let clerk = rathaus_db::staff::find_by_email(&db, t, &email).await?.context("demo clerk")?.id;
    let now = rathaus_db::now();
    let admin = Actor::Staff { user_id: clerk, email: "bench".into() };
    let (_, code) = rathaus_front_desk::devices::create(
        &db,
        t,
        place.id,
        rathaus_db::front_desk::devices::DeviceKind::Display,
        "Bench",
        &admin,
        now,
    )
    .await?;
    let (_, credential) = rathaus_front_desk::devices::enrol(&db, t, &code, now).await?.context("enrol display")?;
    let counter = rathaus_db::catalog::counters::list(&db, t, place.id).await?.first().context("a counter")?.id;
    rathaus_db::front_desk::desks::sign_in(&db, t, place.id, counter, clerk, true, now).await?;
    let office = Office {
        scope_db: db.clone(),
        events,
        tenant: t,
        clerk,
        display_cookie: format!("{}={credential}", rathaus_web::routes::front_desk::device::COOKIE),
        follow_tokens: Vec::new(),
    };
    let mut office = office;
    let tz = tenant.tz();
    for _ in 0..queue_len {
        let request = rathaus_front_desk::checkin::WalkIn {
            place_id: place.id,
            services: &[service.id],
            priority: false,
            language: "de",
            channel: rathaus_front_desk::checkin::Channel::Terminal,
        };
        let issued =
            rathaus_front_desk::checkin::walk_in(office.scope(), &tz, request, &Actor::Citizen, jiff::Timestamp::now())
                .await?;
        office.follow_tokens.push(issued.follow_token);
    }
    Ok((office, state))
}

/// The hidden `rathaus bench queue-clients`: the subscribers of the fan-out benchmark, in a
/// process of their own so that the server's memory is measured alone. Prints `ready` once
/// every connection has its first message, then one JSON line: per subscriber and call the
/// Unix time in microseconds at which it saw the call (or null).
#[derive(Args, Debug, Clone)]
pub struct QueueClientArgs {
    #[arg(long)]
    pub addr: std::net::SocketAddr,
    #[arg(long)]
    pub display_cookie: String,
    /// Follow tokens, comma-separated; phones take them in turn.
    #[arg(long)]
    pub tokens: String,
    #[arg(long)]
    pub subscribers: usize,
    #[arg(long)]
    pub calls: usize,
    /// Stop after this many seconds at the latest.
    #[arg(long, default_value_t = 300)]
    pub deadline_secs: u64,
}

fn unix_micros() -> i64 {
    jiff::Timestamp::now().as_microsecond()
}

/// The number after `"key":` in a JSON text, without parsing all of it.
fn json_int(text: &str, key: &str) -> Option<i64> {
    let at = text.find(&format!("\"{key}\":"))? + key.len() + 3;
    let digits: String = text[at..].chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
    digits.parse().ok()
}

/// One SSE connection: for every call index, when it saw it (a display: the number among
/// the current calls; a phone: its position moved up by one per call).
async fn subscriber(
    args: Arc<QueueClientArgs>,
    path: String,
    cookie: String,
    display: bool,
    ready: tokio::sync::mpsc::Sender<()>,
    until: tokio::time::Instant,
) -> Vec<Option<i64>> {
    let mut seen = vec![None; args.calls];
    let Ok(mut stream) = tokio::net::TcpStream::connect(args.addr).await else { return seen };
    let req =
        format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nCookie: {cookie}\r\n\r\n");
    if stream.write_all(req.as_bytes()).await.is_err() {
        return seen;
    }
    let mut lines = tokio::io::BufReader::with_capacity(1024, stream).lines();
    let (mut first_position, mut announced) = (None, false);
    while let Ok(Ok(Some(line))) = tokio::time::timeout_at(until, lines.next_line()).await {
        let Some(data) = line.strip_prefix("data: ").or_else(|| line.strip_prefix("data:")) else { continue };
        let at = unix_micros();
        if !announced {
            announced = true;
            let _ = ready.send(()).await;
        }
        if display {
            // The numbers among the current calls: `"label":"W-007"` → call 7.
            let current = data.split("\"recent\"").next().unwrap_or("");
            for part in current.split("\"label\":\"W-").skip(1) {
                let n: usize = part.chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap_or(0);
                if let Some(slot) = n.checked_sub(1).and_then(|k| seen.get_mut(k)) {
                    slot.get_or_insert(at);
                }
            }
        } else if let Some(position) = json_int(data, "position") {
            let moved = usize::try_from(*first_position.get_or_insert(position) - position).unwrap_or(0);
            for slot in seen.iter_mut().take(moved.min(args.calls)) {
                slot.get_or_insert(at);
            }
        } else if !data.contains("\"status\":\"waiting\"") {
            for slot in seen.iter_mut() {
                slot.get_or_insert(at);
            }
        }
        if seen.iter().all(Option::is_some) {
            break;
        }
    }
    seen
}

pub async fn run_clients(args: QueueClientArgs) -> anyhow::Result<()> {
    let tokens: Vec<String> = args.tokens.split(',').map(str::to_owned).collect();
    let args = Arc::new(args);
    let until = tokio::time::Instant::now() + Duration::from_secs(args.deadline_secs);
    let (ready_tx, mut ready_rx) = tokio::sync::mpsc::channel(args.subscribers.max(1));
    let mut tasks = Vec::with_capacity(args.subscribers);
    for i in 0..args.subscribers {
        let display = i % 2 == 0;
        let (path, cookie) = if display {
            ("/anzeige/live".to_owned(), args.display_cookie.clone())
        } else {
            (format!("/warteschlange/{}/live", tokens[(i / 2) % tokens.len()]), String::new())
        };
        tasks.push(tokio::spawn(subscriber(args.clone(), path, cookie, display, ready_tx.clone(), until)));
        if i % 100 == 99 {
            // Connect in waves, as screens coming on in the morning would.
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    drop(ready_tx);
    let mut connected = 0;
    while connected < args.subscribers && ready_rx.recv().await.is_some() {
        connected += 1;
    }
    println!("ready {connected}");
    let mut all = Vec::with_capacity(tasks.len());
    for t in tasks {
        all.push(t.await?);
    }
    println!("{}", serde_json::json!({ "seen": all }));
    Ok(())
}

/// The server process's resident memory now, in KiB (`VmRSS`).
fn rss_kib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find(|l| l.starts_with("VmRSS:"))?.split_whitespace().nth(1)?.parse().ok()
}

pub async fn run(args: &QueueBenchArgs) -> anyhow::Result<serde_json::Value> {
    let queue_len = args.calls + 60;
    let (office, state) = prepare(args, queue_len).await?;
    let app = rathaus_web::router(state.clone()).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, app).await });

    let before = rss_kib();
    let tokens: Vec<&str> = office.follow_tokens[args.calls..].iter().map(String::as_str).collect();
    let mut child = tokio::process::Command::new(std::env::current_exe()?)
        .args(["bench", "queue-clients", "--addr", &addr.to_string(), "--display-cookie", &office.display_cookie])
        .args(["--tokens", &tokens.join(","), "--subscribers", &args.subscribers.to_string()])
        .args(["--calls", &args.calls.to_string()])
        .env("RATHAUS_LOG", "error")
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    let mut out = tokio::io::BufReader::new(child.stdout.take().context("client output")?).lines();
    let ready = tokio::time::timeout(Duration::from_secs(180), out.next_line()).await??.unwrap_or_default();
    let connected: usize = ready.strip_prefix("ready ").and_then(|n| n.parse().ok()).unwrap_or(0);
    anyhow::ensure!(connected == args.subscribers, "only {connected} of {} subscribers connected", args.subscribers);
    let subscribed = state.queues.subscribers();
    let after = rss_kib();
    let per_subscriber_kib = match (before, after) {
        (Some(b), Some(a)) => Some(((a - b) / args.subscribers.max(1) as f64 * 10.0).round() / 10.0),
        _ => None,
    };

    let mut sent = Vec::with_capacity(args.calls);
    let scope = office.scope();
    for k in 0..args.calls {
        tokio::time::sleep(Duration::from_millis(args.interval_ms)).await;
        let now = rathaus_db::now();
        if k > 0 {
            use rathaus_front_desk::desk::{Step, act};
            act(scope, office.clerk, Step::Start, &Actor::Citizen, now).await?;
            act(scope, office.clerk, Step::Finish { done_services: Vec::new() }, &Actor::Citizen, now).await?;
        }
        sent.push(unix_micros());
        rathaus_front_desk::desk::call_next(scope, office.clerk, &Actor::Citizen, now).await?;
    }
    let report = tokio::time::timeout(Duration::from_secs(300), out.next_line()).await??.context("client report")?;
    let seen: Vec<Vec<Option<i64>>> =
        serde_json::from_value(serde_json::from_str::<serde_json::Value>(&report)?["seen"].take())?;
    let _ = child.wait().await;
    let mut latencies: Vec<u32> = Vec::new();
    let mut missed = 0u64;
    for subscriber in &seen {
        for (k, at) in subscriber.iter().enumerate() {
            match at {
                Some(at) => latencies.push(u32::try_from((at - sent[k]).max(0)).unwrap_or(u32::MAX)),
                None => missed += 1,
            }
        }
    }
    latencies.sort_unstable();

    let reports = rathaus_queue::simulate_days(1..args.days + 1, &rathaus_queue::DayConfig::typical());
    let median = rathaus_queue::AccuracyReport::median(&reports).context("no simulated day")?;
    Ok(serde_json::json!({
        "subscribers": args.subscribers,
        "subscribed_on_server": subscribed,
        "calls": args.calls,
        "interval_ms": args.interval_ms,
        "deliveries": latencies.len(),
        "missed": missed,
        "delivery_p50_ms": quantile_ms(&latencies, 0.5),
        "delivery_p99_ms": quantile_ms(&latencies, 0.99),
        "delivery_max_ms": quantile_ms(&latencies, 1.0),
        "rss_per_subscriber_kib": per_subscriber_kib,
        "peak_rss_mib": peak_rss_mib(),
        "accuracy_days": args.days,
        "accuracy_tickets_per_day": median.tickets,
        "accuracy_mae_minutes": (median.mean_abs_error_minutes * 100.0).round() / 100.0,
        "accuracy_median_abs_error_minutes": (median.median_abs_error_minutes * 100.0).round() / 100.0,
        "accuracy_p90_abs_error_minutes": (median.p90_abs_error_minutes * 100.0).round() / 100.0,
        "accuracy_mean_wait_minutes": (median.mean_wait_minutes * 100.0).round() / 100.0,
    }))
}
