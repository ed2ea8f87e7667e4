//! Test support: a [`TestApp`] (router + fresh database with the demo loaded) and a
//! cookie-keeping [`Client`] that behaves like a browser without JavaScript.

use axum::{
    Router,
    body::Body,
    http::{HeaderMap, Method, Request, StatusCode, header},
};
use http_body_util::BodyExt;
use rathaus_test_db::{Engine, TestDb};
use rathaus_web::{AppState, WebConfig};
use std::collections::BTreeMap;
use tower::ServiceExt;

pub const MUSTERSTADT: &str = "localhost";
pub const KLEINDORF: &str = "kleindorf.localhost";
/// How many days ahead [`TestApp::with_capacity`] makes bookable.
pub const CAPACITY_DAYS: u32 = 15;

pub struct TestApp {
    pub db: TestDb,
    pub state: AppState,
    pub router: Router,
}

impl TestApp {
    /// A migrated database with the demo tenants and accounts, or `None` when the engine
    /// is skipped (PostgreSQL not required and not reachable).
    pub async fn new(engine: Engine) -> Option<TestApp> {
        Self::with_config(engine, Self::config()).await
    }

    /// The tests' configuration: demo mode, and a booking guard that accepts the
    /// no-JavaScript pass at once and asks little work of the browser's solver (the guard
    /// itself is tested with its real settings in `booking_guard`).
    pub fn config() -> WebConfig {
        let guard = rathaus_web::fairness::GuardConfig {
            pow_max_number: 2_000,
            slow_pass_wait_secs: 0,
            ..rathaus_web::fairness::GuardConfig::default()
        };
        WebConfig { demo: true, guard, ..WebConfig::default() }
    }

    /// [`TestApp::new`] with the demo's bookable capacity of the next 15 days generated
    /// (booking tests; the full horizon takes a while in debug builds).
    pub async fn with_capacity(engine: Engine) -> Option<TestApp> {
        let app = Self::new(engine).await?;
        rathaus::demo::load_capacity(&app.db.db, Some(CAPACITY_DAYS)).await.expect("generate capacity");
        Some(app)
    }

    /// [`TestApp::with_capacity`] with another configuration.
    pub async fn with_capacity_and(engine: Engine, config: WebConfig) -> Option<TestApp> {
        let app = Self::with_config(engine, config).await?;
        rathaus::demo::load_capacity(&app.db.db, Some(CAPACITY_DAYS)).await.expect("generate capacity");
        Some(app)
    }

    pub async fn with_config(engine: Engine, config: WebConfig) -> Option<TestApp> {
        let db = TestDb::new(engine).await?;
        rathaus::demo::load(&db.db).await.expect("load demo");
        let events = rathaus_worker::EventBus::start(&db.db).await.expect("event bus");
        let state = AppState::new(db.db.clone(), config, events);
        let router = rathaus_web::router(state.clone());
        Some(TestApp { db, state, router })
    }

    /// Serves the app on a free local port (for the browser) and returns its base URL,
    /// e.g. `http://localhost:41234`; `kleindorf.localhost` on the same port reaches Kleindorf.
    pub async fn serve(&self) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("address").port();
        let app = self.router.clone().into_make_service_with_connect_info::<std::net::SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
        format!("http://localhost:{port}")
    }

    /// A fresh browser-like client for a host name.
    pub fn client(&self, host: &str) -> Client {
        Client::new(self.router.clone(), host)
    }

    /// A client signed in with a demo login.
    pub async fn signed_in(&self, host: &str, email: &str) -> Client {
        let login = rathaus::demo::LOGINS.iter().find(|l| l.email == email).expect("a demo login");
        let mut c = self.client(host);
        c.login(login.email, login.password).await;
        c
    }
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestResponse {
    pub fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn content_type(&self) -> &str {
        self.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

/// Keeps cookies like a browser and sends requests to one host.
pub struct Client {
    router: Router,
    pub host: String,
    pub cookies: BTreeMap<String, String>,
}

impl Client {
    /// A client for any router, e.g. a second "node" over the same database.
    pub fn new(router: Router, host: &str) -> Client {
        Client { router, host: host.to_owned(), cookies: BTreeMap::new() }
    }

    pub async fn send(&mut self, mut req: Request<Body>) -> TestResponse {
        let h = req.headers_mut();
        h.insert(header::HOST, self.host.parse().expect("host"));
        if !self.cookies.is_empty() {
            let jar = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
            h.insert(header::COOKIE, jar.parse().expect("cookie header"));
        }
        let res = self.router.clone().oneshot(req).await.expect("router is infallible");
        for set in res.headers().get_all(header::SET_COOKIE) {
            let set = set.to_str().expect("ascii cookie");
            let (pair, attrs) = set.split_once(';').unwrap_or((set, ""));
            let (name, value) = pair.split_once('=').expect("name=value");
            if value.is_empty() || attrs.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        TestResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub async fn get(&mut self, path: &str) -> TestResponse {
        self.send(Request::get(path).body(Body::empty()).expect("request")).await
    }

    pub async fn get_with(&mut self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut req = Request::get(path);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        self.send(req.body(Body::empty()).expect("request")).await
    }

    /// The CSRF token the server gave this client (fetching a page first if needed).
    pub async fn csrf(&mut self) -> String {
        if !self.cookies.contains_key(rathaus_web::csrf::COOKIE) {
            self.get("/login").await;
        }
        self.cookies.get(rathaus_web::csrf::COOKIE).cloned().expect("csrf cookie set")
    }

    /// Posts a form as a browser would, with the CSRF token added.
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_form_raw(path, &all).await
    }

    /// Posts a form exactly as given (no CSRF token added).
    pub async fn post_form_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let body = serde_urlencoded::to_string(fields).expect("encode form");
        let req = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("request");
        self.send(req).await
    }

    pub async fn post_json(&mut self, path: &str, body: &str) -> TestResponse {
        let req = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_owned()))
            .expect("request");
        self.send(req).await
    }

    pub async fn login(&mut self, email: &str, password: &str) -> TestResponse {
        let res = self.post_form("/login", &[("email", email), ("password", password), ("next", "/staff")]).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "login of {email} failed: {}", res.body);
        res
    }
}

/// Runs an async test body on both engines with a fresh `TestApp` each:
/// `app_test!(async fn name(app) { ... });` creates `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! app_test {
    ($(#[$meta:meta])* async fn $name:ident($app:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            $(#[$meta])*
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let Some($app) = $crate::support::TestApp::new(rathaus_test_db::Engine::Sqlite).await else { return };
                $body
            }

            $(#[$meta])*
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some($app) = $crate::support::TestApp::new(rathaus_test_db::Engine::Postgres).await else { return };
                $body
            }
        }
    };
}

/// [`app_test!`] with the demo's capacity generated ([`TestApp::with_capacity`]).
#[macro_export]
macro_rules! booking_test {
    ($(#[$meta:meta])* async fn $name:ident($app:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            $(#[$meta])*
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let Some($app) = $crate::support::TestApp::with_capacity(rathaus_test_db::Engine::Sqlite).await else { return };
                $body
            }

            $(#[$meta])*
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some($app) = $crate::support::TestApp::with_capacity(rathaus_test_db::Engine::Postgres).await else { return };
                $body
            }
        }
    };
}
