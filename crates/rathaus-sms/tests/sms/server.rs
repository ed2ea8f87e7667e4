//! A stand-in SMS gateway: an axum server on 127.0.0.1:0 that records every request and
//! answers with a status, body and delay the test sets.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use rathaus_sms::{GatewayConfig, GatewayParts, HttpGateway};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request as the gateway saw it.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: Method,
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: String,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }

    pub fn query_pairs(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(self.query.as_deref().unwrap_or_default().as_bytes()).into_owned().collect()
    }

    pub fn form_pairs(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(self.body.as_bytes()).into_owned().collect()
    }
}

#[derive(Clone)]
struct Reply {
    status: u16,
    body: String,
    delay: Duration,
}

#[derive(Clone)]
struct Shared {
    received: Arc<Mutex<Vec<Received>>>,
    reply: Arc<Mutex<Reply>>,
}

pub struct Gateway {
    pub addr: SocketAddr,
    shared: Shared,
}

impl Gateway {
    /// A gateway answering `status` with `body`.
    pub async fn answering(status: u16, body: &str) -> Gateway {
        Gateway::start(Reply { status, body: body.to_owned(), delay: Duration::ZERO }).await
    }

    /// A gateway that answers 200 only after `delay`.
    pub async fn slow(delay: Duration) -> Gateway {
        Gateway::start(Reply { status: 200, body: String::new(), delay }).await
    }

    async fn start(reply: Reply) -> Gateway {
        let shared = Shared { received: Arc::default(), reply: Arc::new(Mutex::new(reply)) };
        let app = axum::Router::new().fallback(record).with_state(shared.clone());
        // Bound before the test sends anything, so no request can come too early.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Gateway { addr, shared }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().unwrap().clone()
    }

    /// The only request received.
    pub fn only(&self) -> Received {
        let all = self.received();
        assert_eq!(all.len(), 1, "exactly one request: {all:?}");
        all.into_iter().next().unwrap()
    }

    /// A client for this gateway: `parts` with the URL `path` on this server.
    pub fn client(&self, path: &str, parts: GatewayParts<'_>) -> HttpGateway {
        let url = self.url(path);
        HttpGateway::new(GatewayConfig::from_parts(GatewayParts { url: &url, ..parts }).unwrap()).unwrap()
    }
}

async fn record(State(shared): State<Shared>, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let received = Received {
        method,
        path: uri.path().to_owned(),
        query: uri.query().map(str::to_owned),
        headers,
        body: String::from_utf8(body.to_vec()).unwrap(),
    };
    shared.received.lock().unwrap().push(received);
    let reply = shared.reply.lock().unwrap().clone();
    tokio::time::sleep(reply.delay).await;
    (StatusCode::from_u16(reply.status).unwrap(), reply.body).into_response()
}
