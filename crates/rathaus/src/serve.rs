//! `rathaus serve`: opens and migrates the database, loads the demo if asked, starts the
//! background worker and serves HTTP until SIGINT/SIGTERM, then drains in-flight requests.

use crate::cli::ServeArgs;
use anyhow::{Context, anyhow};
use rathaus_mail::{DeliveryMode, SendEmail, SendSms, SmsDeliveryMode};
use rathaus_web::{AppState, WebConfig};
use rathaus_worker::{EventBus, Worker};
use std::{net::SocketAddr, sync::Arc};
use tokio::sync::watch;

/// How outgoing mail is configured: an SMTP URL, or the outbox only ("outbox"/"hold" or
/// nothing at all, where admins read messages on the outbox page).
fn delivery_mode(args: &ServeArgs) -> anyhow::Result<DeliveryMode> {
    match args.smtp_url.as_deref().map(str::trim) {
        None | Some("") | Some("outbox") | Some("hold") => Ok(DeliveryMode::Hold),
        Some(url) => DeliveryMode::parse(url, &args.mail_from).map_err(|e| anyhow!("RATHAUS_SMTP_URL: {e}")),
    }
}

/// SMS from the `RATHAUS_SMS_*` variables: a gateway, or the outbox (unset, or `hold`).
fn sms_mode() -> anyhow::Result<SmsDeliveryMode> {
    let env: std::collections::HashMap<String, String> =
        std::env::vars().filter(|(k, _)| k.starts_with("RATHAUS_SMS_")).collect();
    SmsDeliveryMode::from_env_map(&env).map_err(|e| anyhow!("SMS configuration: {e}"))
}

fn node_id(args: &ServeArgs) -> String {
    args.node_id.clone().unwrap_or_else(|| {
        let host =
            std::fs::read_to_string("/etc/hostname").map(|h| h.trim().to_owned()).unwrap_or_else(|_| "node".into());
        format!("{host}-{}", std::process::id())
    })
}

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let url = args.db.url()?;
    let db = rathaus_db::connect_and_migrate(&url).await.context("cannot open or migrate the database")?;
    if args.demo {
        let created = crate::demo::load(&db).await?;
        if created {
            // The first days at once, so the demo books right away; the roll-forward job
            // fills the rest of the horizon.
            crate::demo::load_capacity(&db, Some(14)).await?;
        }
        crate::demo::print_logins(created);
    }
    let mail = delivery_mode(&args)?;
    if matches!(mail, DeliveryMode::Hold) {
        tracing::info!("e-mail is kept in the outbox (no SMTP configured)");
    }
    let sms = sms_mode()?;
    tracing::info!(sms = ?sms, "SMS delivery");
    let notifier = rathaus_appointments::Notifier { mail: mail.clone(), sms: Some(sms.clone()) };
    let config = WebConfig {
        demo: args.demo,
        session_ttl_secs: args.session_minutes * 60,
        trusted_proxies: args.trusted_proxies.clone(),
        mail: mail.clone(),
        notifier: notifier.clone(),
        guard: args.booking.guard(),
        ..WebConfig::default()
    };
    let events = EventBus::start(&db).await.context("cannot start the event bus")?;
    let state = AppState::new(db.clone(), config, events);
    let app = rathaus_web::router(state);

    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let worker_task = if args.no_worker {
        None
    } else {
        let mut worker = Worker::new(db.clone(), node_id(&args))
            .register(Arc::new(crate::housekeeping::Housekeeping { db: db.clone() }));
        if let DeliveryMode::Smtp(smtp) = &mail {
            worker = worker.register(Arc::new(SendEmail::new(db.clone(), smtp).map_err(|e| anyhow!("mail: {e}"))?));
        }
        if let SmsDeliveryMode::Gateway(gateway) = &sms {
            worker = worker.register(Arc::new(SendSms::http(db.clone(), gateway).map_err(|e| anyhow!("SMS: {e}"))?));
        }
        for handler in rathaus_appointments::jobs::handlers(&db, &notifier) {
            worker = worker.register(handler);
        }
        crate::housekeeping::schedule_next(&db, rathaus_db::now() - 3600).await?;
        rathaus_appointments::jobs::start(&db).await?;
        Some(tokio::spawn(worker.run(shutdown_rx.clone())))
    };
    let listener =
        tokio::net::TcpListener::bind(args.bind).await.with_context(|| format!("cannot bind {}", args.bind))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, engine = ?rathaus_db::engine_of(&db), "rathaus listening");
    println!("rathaus listening on http://{addr}");

    let server = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal(shutdown_tx));
    server.await.context("server error")?;
    if let Some(task) = worker_task {
        // The worker finishes its current job, then stops.
        let _ = task.await;
    }
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
