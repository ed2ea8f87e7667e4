//! The web shell: language, security headers, error pages, assets, operations endpoints.

use crate::app_test;
use crate::support::*;
use axum::http::StatusCode;

app_test!(async fn start_page_is_german_with_english_alongside(app) {
    let mut c = app.client(MUSTERSTADT);
    let res = c.get("/").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("<html lang=\"de\""));
    assert!(res.body.contains("Zum Inhalt springen"), "skip link");
    assert!(res.body.contains("hreflang=\"en\""), "language switch offers English");

    let en = c.get_with("/", &[("accept-language", "en-GB,en;q=0.9")]).await;
    assert!(en.body.contains("<html lang=\"en\""), "Accept-Language is honoured");

    // An explicit choice wins over the browser and is remembered.
    let switch = c.get("/lang/en?next=%2Flogin").await;
    assert_eq!(switch.status, StatusCode::SEE_OTHER);
    assert_eq!(switch.location(), "/login");
    let page = c.get_with("/login", &[("accept-language", "de")]).await;
    assert!(page.body.contains("<html lang=\"en\"") && page.body.contains("Sign in"));
    // Open redirects are refused.
    let evil = c.get("/lang/de?next=%2F%2Fevil.example").await;
    assert_eq!(evil.location(), "/");
});

app_test!(async fn security_headers_are_strict(app) {
    let res = app.client(MUSTERSTADT).get("/").await;
    let csp = res.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert_eq!(res.headers["x-content-type-options"], "nosniff");
    assert_eq!(res.headers["x-frame-options"], "DENY");
    let cookie = res.headers["set-cookie"].to_str().unwrap();
    for attr in ["Secure", "HttpOnly", "SameSite=Strict", "__Host-"] {
        assert!(cookie.contains(attr), "csrf cookie lacks {attr}: {cookie}");
    }
});

app_test!(async fn error_pages_are_localised_html(app) {
    let mut c = app.client(MUSTERSTADT);
    let de = c.get("/gibt-es-nicht").await;
    assert_eq!(de.status, StatusCode::NOT_FOUND);
    assert!(de.content_type().starts_with("text/html"));
    assert!(de.body.contains("Seite nicht gefunden"));
    let en = c.get_with("/nope", &[("accept-language", "en")]).await;
    assert!(en.body.contains("Page not found"));
    // Staff pages refuse clerks with a localised 403.
    let mut clerk = app.signed_in(MUSTERSTADT, "sachbearbeitung@musterstadt.example").await;
    let forbidden = clerk.get("/admin").await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    assert!(forbidden.body.contains("Kein Zugriff"));
    // A wrong method on a page is a 4xx page, not a 500.
    let res = c.post_form("/", &[]).await;
    assert!(res.status.is_client_error(), "{}", res.status);
});

app_test!(async fn assets_are_embedded_with_long_cache(app) {
    let mut c = app.client(MUSTERSTADT);
    let home = c.get("/").await;
    let css = home.body.split("href=\"/static/app.").nth(1).and_then(|s| s.split('"').next()).unwrap();
    let res = c.get(&format!("/static/app.{css}")).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.content_type().starts_with("text/css"));
    assert!(res.headers["cache-control"].to_str().unwrap().contains("immutable"));
    assert_eq!(c.get("/static/app.0000.css").await.status, StatusCode::NOT_FOUND);
    let brand = c.get("/branding.css").await;
    assert!(brand.body.contains("--accent: #0b5cad"));
});

app_test!(async fn operations_endpoints_answer(app) {
    let mut c = app.client("any.host.example");
    assert_eq!(c.get("/healthz").await.status, StatusCode::OK);
    assert_eq!(c.get("/readyz").await.status, StatusCode::OK);
    app.client(MUSTERSTADT).get("/").await;
    let metrics = c.get("/metrics").await;
    assert!(metrics.content_type().starts_with("text/plain"));
    assert!(metrics.body.contains("# TYPE rathaus_http_requests_total counter"));
    assert!(metrics.body.contains("route=\"/\""));
    assert!(metrics.body.contains("rathaus_http_request_duration_seconds_bucket"));
});

app_test!(async fn a_failing_page_gives_the_localised_500_page_and_the_server_lives_on(app) {
    async fn boom() -> &'static str {
        panic!("deliberate failure for the test")
    }
    let extra = axum::Router::new().route("/kaputt", axum::routing::get(boom));
    let router = rathaus_web::routes::router_with_pages(app.state.clone(), extra);
    let mut c = Client::new(router, MUSTERSTADT);
    let res = c.get("/kaputt").await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(res.content_type().starts_with("text/html"));
    assert!(res.body.contains("Es ist ein Fehler aufgetreten"), "{}", res.body);
    assert!(!res.body.contains("deliberate"), "no internals in the page");
    let en = c.get_with("/kaputt", &[("accept-language", "en")]).await;
    assert!(en.body.contains("Something went wrong"));
    assert_eq!(c.get("/").await.status, StatusCode::OK, "the next request is served");
});
