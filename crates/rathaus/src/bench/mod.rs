//! `rathaus bench setup|availability|booking|queue`: the benchmarks of BENCHMARKS.md.
//!
//! * [`setup`] builds "Großstadt": the demo catalogue scaled to a city of a million people –
//!   12 Bürgerbüros with 100 counters offering every bookable service, an 8-week horizon
//!   with its capacity rows, and 500,000 appointments (most of them history, the rest filling
//!   about half of the future capacity) – in a SQLite file, once (reused when present).
//! * [`load`] runs the real router on 127.0.0.1 and drives it with a keep-alive HTTP load
//!   generator in the same process: `/healthz`, then `/api/v1/availability`, each at the same
//!   concurrency for the same time, so the ratio of the two is fair (both share the 2 cores
//!   with the load generator, which understates absolute throughput).
//! * [`booking`] books free times concurrently (hold + confirm, as the citizen flow does,
//!   without the HTTP pages) and counts confirmations per second, then checks with SQL that
//!   no counter-slot was given twice.
//! * [`queue`] holds thousands of call-display and phone SSE connections on one node and
//!   measures how fast a call reaches all of them, and the waiting-time estimate's error.
//!
//! Each prints a table and, with `--json`, one JSON object. Peak memory is the process's
//! `VmHWM` (server and load generator together, an upper bound for the server).

pub mod booking;
pub mod load;
pub mod queue;
pub mod setup;

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum BenchCommand {
    /// Build the benchmark database (skipped when it exists).
    Setup(BenchArgs),
    /// Availability API throughput and latency, against /healthz.
    Availability(BenchArgs),
    /// Confirmed bookings per second.
    Booking(BenchArgs),
    /// Call-to-delivery latency to many display and phone subscribers, memory per
    /// subscriber, and the accuracy of the waiting-time estimates.
    Queue(queue::QueueBenchArgs),
    /// The subscribers of `bench queue`, run as its child process.
    #[command(hide = true)]
    QueueClients(queue::QueueClientArgs),
}

#[derive(Args, Debug, Clone)]
pub struct BenchArgs {
    /// Where the benchmark database lives (`bench.db`).
    #[arg(long, default_value = "./data/bench")]
    pub data_dir: PathBuf,
    /// Appointments in the database (the scale: 500,000).
    #[arg(long, default_value_t = 500_000)]
    pub appointments: u64,
    /// Locations and counters (12 and 100).
    #[arg(long, default_value_t = 12)]
    pub locations: usize,
    #[arg(long, default_value_t = 100)]
    pub counters: usize,
    /// Days of capacity ahead (8 weeks).
    #[arg(long, default_value_t = 56)]
    pub horizon_days: u32,
    /// Concurrent connections (availability) or booking tasks.
    #[arg(long, default_value_t = 256)]
    pub concurrency: usize,
    /// Seconds of measurement per endpoint, after a warm-up of a fifth of it.
    #[arg(long, default_value_t = 20)]
    pub seconds: u64,
    /// Bookings a second during the availability benchmark's third phase.
    #[arg(long, default_value_t = 20)]
    pub bookings_per_second: u32,
    /// Print one JSON object instead of the table.
    #[arg(long)]
    pub json: bool,
}

impl BenchArgs {
    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("bench.db")
    }

    pub fn database_url(&self) -> anyhow::Result<String> {
        std::fs::create_dir_all(&self.data_dir)?;
        Ok(sqlite_url(&self.database_path()))
    }
}

pub fn sqlite_url(path: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

pub async fn run(command: BenchCommand) -> anyhow::Result<()> {
    match command {
        BenchCommand::Setup(args) => {
            let report = setup::ensure(&args).await?;
            print(&args, &report)
        }
        BenchCommand::Availability(args) => {
            setup::ensure(&args).await?;
            let report = load::run(&args).await?;
            print(&args, &report)
        }
        BenchCommand::Booking(args) => {
            setup::ensure(&args).await?;
            let report = booking::run(&args).await?;
            print(&args, &report)
        }
        BenchCommand::Queue(args) => {
            let report = queue::run(&args).await?;
            print_report(args.json, &report)
        }
        BenchCommand::QueueClients(args) => queue::run_clients(args).await,
    }
}

fn print(args: &BenchArgs, report: &serde_json::Value) -> anyhow::Result<()> {
    print_report(args.json, report)
}

fn print_report(json: bool, report: &serde_json::Value) -> anyhow::Result<()> {
    if json {
        println!("{report}");
    } else if let Some(map) = report.as_object() {
        for (k, v) in map {
            println!("{k:<32} {v}");
        }
    }
    Ok(())
}

/// The one integer a SQL query over the benchmark database returns.
pub async fn scalar(
    db: &rathaus_db::DatabaseConnection,
    sql: &str,
    values: Vec<sea_orm::Value>,
) -> anyhow::Result<i64> {
    use anyhow::Context;
    use sea_orm::ConnectionTrait;
    let statement = sea_orm::Statement::from_sql_and_values(db.get_database_backend(), sql, values);
    let row = db.query_one_raw(statement).await?.context("no row")?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

/// The process's peak resident memory in MiB (`VmHWM`), if the kernel tells.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some((kib / 1024.0 * 10.0).round() / 10.0)
}

/// The value at quantile `q` of sorted latencies in microseconds, as milliseconds.
pub fn quantile_ms(sorted: &[u32], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    f64::from(sorted[i.min(sorted.len() - 1)]) / 1000.0
}
