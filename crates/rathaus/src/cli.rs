//! Command line. Every option can also be given as an environment variable
//! (`RATHAUS_…`, shown in `--help`); a flag on the command line wins.

use clap::{Args, Parser, Subcommand};
use std::{net::SocketAddr, path::PathBuf};

#[derive(Parser, Debug)]
#[command(name = "rathaus", version, about = "rathaus – the digital citizen office (Digitales Bürgerbüro)")]
pub struct Cli {
    /// Log format: "text" for people, "json" for log collectors.
    #[arg(long, env = "RATHAUS_LOG_FORMAT", default_value = "text", global = true)]
    pub log_format: String,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web server (and the background worker).
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate(DbArgs),
    /// Manage staff accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage tenants (municipalities).
    Tenant {
        #[command(subcommand)]
        command: TenantCommand,
    },
    /// Demo data.
    Demo {
        #[command(subcommand)]
        command: DemoCommand,
    },
    /// Write an online backup of the SQLite database (PostgreSQL: use pg_dump, see README).
    Backup(BackupArgs),
    /// Route citizens' free-text requests to services (one query per line on stdin with
    /// --batch, one JSON line per query on stdout).
    Route(RouteArgs),
    /// Benchmarks of appointment availability and booking (see BENCHMARKS.md).
    Bench {
        #[command(subcommand)]
        command: crate::bench::BenchCommand,
    },
    /// Audit trail tools.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

#[derive(Args, Debug, Clone)]
pub struct DbArgs {
    /// Directory for the SQLite database and other local data.
    #[arg(long, env = "RATHAUS_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// Database URL: `sqlite://PATH` or `postgres://USER@HOST/DB`. Default: SQLite in the data dir.
    #[arg(long, env = "RATHAUS_DATABASE_URL")]
    pub database_url: Option<String>,
}

impl DbArgs {
    pub fn url(&self) -> anyhow::Result<String> {
        if let Some(url) = &self.database_url {
            return Ok(url.clone());
        }
        std::fs::create_dir_all(&self.data_dir)
            .map_err(|e| anyhow::anyhow!("cannot create data dir {}: {e}", self.data_dir.display()))?;
        Ok(format!("sqlite://{}?mode=rwc", self.data_dir.join("rathaus.db").display()))
    }

    pub async fn open(&self) -> anyhow::Result<rathaus_db::DatabaseConnection> {
        let url = self.url()?;
        rathaus_db::connect(&url).await.map_err(|e| anyhow::anyhow!("cannot open database: {e}"))
    }
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "RATHAUS_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    #[command(flatten)]
    pub db: DbArgs,
    /// Load the demo municipalities on first start; keep e-mail in the outbox.
    #[arg(long, env = "RATHAUS_DEMO")]
    pub demo: bool,
    /// Outgoing mail: `smtp://user:pass@host:587?tls=starttls`, `smtps://host:465`, or
    /// `outbox` to keep messages in the outbox (default with --demo).
    #[arg(long, env = "RATHAUS_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Sender of outgoing e-mail, e.g. `Bürgerbüro <noreply@musterstadt.de>`.
    #[arg(long, env = "RATHAUS_MAIL_FROM", default_value = "rathaus <noreply@localhost>")]
    pub mail_from: String,
    /// Comma-separated addresses of reverse proxies whose X-Forwarded-For is trusted.
    #[arg(long, env = "RATHAUS_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Staff session lifetime without activity, in minutes.
    #[arg(long, env = "RATHAUS_SESSION_MINUTES", default_value_t = 480)]
    pub session_minutes: i64,
    /// Identifier of this node in a cluster (default: host name and process id).
    #[arg(long, env = "RATHAUS_NODE_ID")]
    pub node_id: Option<String>,
    /// Do not run background jobs on this node (e.g. a web-only node).
    #[arg(long, env = "RATHAUS_NO_WORKER")]
    pub no_worker: bool,
    #[command(flatten)]
    pub booking: BookingArgs,
}

/// Fairness of online booking (see the README, "Appointments"). SMS are configured with
/// the `RATHAUS_SMS_*` variables only (they hold secrets).
#[derive(Args, Debug, Clone)]
pub struct BookingArgs {
    /// Proof-of-work difficulty of a hold (the browser tries up to this many hashes, half
    /// on average; 0 turns it off and leaves the no-JavaScript pass).
    #[arg(long, env = "RATHAUS_POW_MAX_NUMBER", default_value_t = 50_000)]
    pub pow_max_number: u64,
    /// Seconds a booking page must be open before a hold without JavaScript is accepted.
    #[arg(long, env = "RATHAUS_SLOW_PASS_SECONDS", default_value_t = 10)]
    pub slow_pass_seconds: u64,
    /// Holds per client address and minute (0: unlimited).
    #[arg(long, env = "RATHAUS_HOLDS_PER_MINUTE", default_value_t = 10)]
    pub holds_per_minute: u32,
    /// Availability API requests per client address and minute (0: unlimited).
    #[arg(long, env = "RATHAUS_API_PER_MINUTE", default_value_t = 600)]
    pub api_per_minute: u32,
}

impl BookingArgs {
    pub fn guard(&self) -> rathaus_web::fairness::GuardConfig {
        let defaults = rathaus_web::fairness::GuardConfig::default();
        rathaus_web::fairness::GuardConfig {
            pow_max_number: self.pow_max_number,
            slow_pass_wait_secs: self.slow_pass_seconds,
            holds_per_minute: self.holds_per_minute,
            holds_burst: defaults.holds_burst.min(self.holds_per_minute.max(1)),
            api_per_minute: self.api_per_minute,
            api_burst: defaults.api_burst.min(self.api_per_minute.max(1)),
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create a staff account. The password is read from standard input.
    Create {
        /// Tenant slug, e.g. `musterstadt`.
        #[arg(long)]
        tenant: String,
        /// admin, supervisor or clerk.
        #[arg(long)]
        role: String,
        #[arg(long)]
        email: String,
        /// Display name (default: the part of the e-mail address before the @).
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand, Debug)]
pub enum TenantCommand {
    /// Create a tenant (municipality).
    Create {
        /// Short identifier, e.g. `musterstadt`.
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name: String,
        /// Official municipality key (Amtlicher Gemeindeschlüssel), 8 digits.
        #[arg(long)]
        ags: String,
        /// Host names that reach this tenant, comma-separated.
        #[arg(long, value_delimiter = ',')]
        host: Vec<String>,
        #[arg(long)]
        contact_email: String,
        #[arg(long, default_value = "Europe/Berlin")]
        time_zone: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// List tenants and their host names.
    List(DbArgs),
}

#[derive(Subcommand, Debug)]
pub enum DemoCommand {
    /// Load the demo municipalities (Musterstadt, Kleindorf) if not present.
    Load(DbArgs),
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Verify the hash chain of the whole audit trail; exit 1 naming the first broken entry.
    Verify(DbArgs),
}

#[derive(Args, Debug)]
pub struct BackupArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Where to write the backup file (must not exist).
    #[arg(long)]
    pub output: PathBuf,
}

#[derive(Args, Debug)]
pub struct RouteArgs {
    /// Use the built-in Musterstadt demo catalogue; needs no database.
    #[arg(long)]
    pub demo: bool,
    /// Read one query per line from stdin and print one JSON line per query.
    #[arg(long)]
    pub batch: bool,
    /// Tenant slug whose catalogue to use (without --demo; default: the only tenant).
    #[arg(long)]
    pub tenant: Option<String>,
    /// How many services to list per query.
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
    /// A single query (instead of --batch).
    pub query: Vec<String>,
    #[command(flatten)]
    pub db: DbArgs,
}
