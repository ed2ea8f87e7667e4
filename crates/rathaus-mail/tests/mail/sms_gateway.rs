//! A stand-in SMS gateway for the `sms.send` tests: an axum server on 127.0.0.1:0 that
//! records each request body and answers with a status the test can change.

use rathaus_db::{DatabaseConnection, TenantId};
use rathaus_mail::{E164, SendSms, SmsDeliveryMode, enqueue_sms};
use rathaus_sms::{GatewayConfig, GatewayParts};
use rathaus_worker::Worker;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Shared {
    status: Arc<Mutex<u16>>,
    bodies: Arc<Mutex<Vec<serde_json::Value>>>,
}

pub struct SmsGateway {
    pub addr: SocketAddr,
    shared: Shared,
}

impl SmsGateway {
    pub async fn answering(status: u16) -> SmsGateway {
        let shared = Shared { status: Arc::new(Mutex::new(status)), ..Shared::default() };
        let app = axum::Router::new().route("/messages", axum::routing::post(receive)).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        SmsGateway { addr, shared }
    }

    pub fn answer(&self, status: u16) {
        *self.shared.status.lock().unwrap() = status;
    }

    /// The JSON bodies received so far.
    pub fn received(&self) -> Vec<serde_json::Value> {
        self.shared.bodies.lock().unwrap().clone()
    }

    pub fn config(&self) -> GatewayConfig {
        gateway_at(self.addr)
    }

    pub fn mode(&self) -> SmsDeliveryMode {
        SmsDeliveryMode::Gateway(self.config())
    }
}

async fn receive(
    axum::extract::State(shared): axum::extract::State<Shared>,
    axum::Json(body): axum::Json<serde_json::Value>,
) -> axum::http::StatusCode {
    shared.bodies.lock().unwrap().push(body);
    let status = *shared.status.lock().unwrap();
    axum::http::StatusCode::from_u16(status).unwrap()
}

/// A JSON gateway at `addr` (which may be a closed port).
pub fn gateway_at(addr: SocketAddr) -> GatewayConfig {
    let url = format!("http://{addr}/messages");
    GatewayConfig::from_parts(GatewayParts {
        url: &url,
        body: Some(r#"{"to":"{{to}}","text":"{{text}}","from":"{{sender}}"}"#),
        sender: Some("Rathaus"),
        timeout: Some("5"),
        ..GatewayParts::default()
    })
    .unwrap()
}

pub fn sms_worker(db: &DatabaseConnection, config: &GatewayConfig) -> Worker {
    let handler = SendSms::http(db.clone(), config).unwrap();
    Worker::new(db.clone(), "test-node").register(Arc::new(handler))
}

/// Enqueues in a write transaction of its own, as a caller would with its change.
pub async fn enqueue_text(
    db: &DatabaseConnection,
    mode: &SmsDeliveryMode,
    tenant: TenantId,
    to: &str,
    text: &str,
) -> i64 {
    let tx = rathaus_db::begin_write(db).await.unwrap();
    let id = enqueue_sms(&tx, mode, tenant, &E164::parse(to).unwrap(), text).await.unwrap();
    tx.commit().await.unwrap();
    id
}
