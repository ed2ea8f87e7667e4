//! `rathaus`: the digital citizen office in one binary. See `rathaus --help`.

use clap::Parser;
use rathaus::{backup, cli, demo, route, serve, telemetry, users};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    telemetry::init(&cli.log_format);
    match run(cli).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: cli::Cli) -> anyhow::Result<ExitCode> {
    use cli::Command;
    match cli.command {
        Command::Serve(args) => serve::run(args).await.map(|()| ExitCode::SUCCESS),
        Command::Migrate(db) => {
            let conn = db.open().await?;
            rathaus_db::migrate(&conn).await?;
            println!("migrations applied");
            Ok(ExitCode::SUCCESS)
        }
        Command::User { command } => users::run(command).await.map(|()| ExitCode::SUCCESS),
        Command::Tenant { command } => users::run_tenant(command).await.map(|()| ExitCode::SUCCESS),
        Command::Demo { command: cli::DemoCommand::Load(db) } => {
            let conn = db.open().await?;
            rathaus_db::migrate(&conn).await?;
            let created = demo::load(&conn).await?;
            demo::print_logins(created);
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup(args) => backup::run(args).await,
        Command::Route(args) => route::run(args).await.map(|()| ExitCode::SUCCESS),
        Command::Bench { command } => rathaus::bench::run(command).await.map(|()| ExitCode::SUCCESS),
        Command::Audit { command: cli::AuditCommand::Verify(db) } => {
            let conn = db.open().await?;
            match rathaus_db::audit::verify(&conn).await? {
                Ok(n) => {
                    println!("audit trail intact: {n} entries verified");
                    Ok(ExitCode::SUCCESS)
                }
                Err(broken) => {
                    eprintln!("audit trail BROKEN at {broken}");
                    Ok(ExitCode::from(1))
                }
            }
        }
    }
}
