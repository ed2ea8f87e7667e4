//! `rathaus serve`: opens and migrates the database, loads the demo if asked, starts the
//! background worker and serves HTTP until SIGINT/SIGTERM, then drains in-flight requests.

use crate::cli::ServeArgs;
use anyhow::Context;
use rathaus_web::{AppState, WebConfig};
use std::net::SocketAddr;
use tokio::sync::watch;

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let url = args.db.url()?;
    let db = rathaus_db::connect(&url).await.context("cannot open database")?;
    rathaus_db::migrate(&db).await.context("migrations failed")?;
    if args.demo {
        let created = crate::demo::load(&db).await?;
        crate::demo::print_logins(created);
    }
    let config = WebConfig {
        demo: args.demo,
        session_ttl_secs: args.session_minutes * 60,
        trusted_proxies: args.trusted_proxies.clone(),
        ..WebConfig::default()
    };
    let state = AppState::new(db.clone(), config);
    let app = rathaus_web::router(state);

    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let listener = tokio::net::TcpListener::bind(args.bind).await.with_context(|| format!("cannot bind {}", args.bind))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, engine = ?rathaus_db::engine_of(&db), "rathaus listening");
    println!("rathaus listening on http://{addr}");

    let server = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal(shutdown_tx));
    let _ = shutdown_rx;
    server.await.context("server error")?;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// Resolves on SIGINT or SIGTERM and tells background tasks to stop.
async fn shutdown_signal(tx: watch::Sender<bool>) {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutdown requested");
    let _ = tx.send(true);
}
