//! The fairness guard in front of holds, with its real rules: the no-JavaScript pass only
//! after its wait, a proof of work or pass works once, rate limits per client that a
//! spoofed `X-Forwarded-For` cannot dodge, and the availability API's limit.

use crate::booking_flow::{first_day_link, input_value, unescape};
use crate::support::*;
use axum::http::StatusCode;
use rathaus_test_db::Engine;
use rathaus_web::fairness::GuardConfig;

const AUSWEIS: &str = "personalausweis-beantragen";

fn config(guard: GuardConfig, trusted: &[&str]) -> rathaus_web::WebConfig {
    rathaus_web::WebConfig {
        guard,
        trusted_proxies: trusted.iter().map(|t| t.parse().unwrap()).collect(),
        ..TestApp::config()
    }
}

/// The time page of the first day and its form fields: (date, time, pass, challenge).
async fn time_form(c: &mut Client) -> (String, String, String, String) {
    let res = c.get(&format!("/termine/buchen/zeit?service={AUSWEIS}&persons=1&ort=buergerbuero-mitte")).await;
    let day = first_day_link(&res.body);
    let page = c.get(&format!("/termine/buchen/zeit{day}")).await;
    let challenge = page
        .body
        .split("data-challenge=\"")
        .nth(1)
        .map(|rest| unescape(rest.split('"').next().unwrap()))
        .unwrap_or_default();
    (
        input_value(&page.body, "datum", 0).unwrap(),
        input_value(&page.body, "zeit", 0).unwrap(),
        input_value(&page.body, "pass", 0).unwrap(),
        challenge,
    )
}

async fn post_hold(c: &mut Client, date: &str, time: &str, pass: &str, altcha: &str) -> TestResponse {
    let fields = [
        ("service", AUSWEIS),
        ("persons", "1"),
        ("ort", "buergerbuero-mitte"),
        ("datum", date),
        ("zeit", time),
        ("pass", pass),
        ("altcha", altcha),
    ];
    c.post_form("/termine/buchen/zeit", &fields).await
}

async fn guard_rules(engine: Engine) {
    let guard = GuardConfig { pow_max_number: 1_000, slow_pass_wait_secs: 3600, ..GuardConfig::default() };
    let Some(app) = TestApp::with_capacity_and(engine, config(guard, &[])).await else { return };
    let mut c = app.client(MUSTERSTADT);
    let (date, time, pass, challenge) = time_form(&mut c).await;
    // Without JavaScript, right away: wait.
    let early = post_hold(&mut c, &date, &time, &pass, "").await;
    assert_eq!(early.status, StatusCode::OK);
    assert!(early.body.contains("Bitte warten Sie noch"), "{}", early.body);
    // Garbage instead of a solution.
    let bad = post_hold(&mut c, &date, &time, &pass, "bm9uc2Vuc2U=").await;
    assert!(bad.body.contains("konnte nicht geprüft werden"));
    // A solved challenge holds, once.
    let c_json: rathaus_fairness::pow::Challenge = serde_json::from_str(&challenge).unwrap();
    let solution = rathaus_fairness::pow::solve(&c_json).unwrap();
    let ok = post_hold(&mut c, &date, &time, &pass, &solution).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let mut other = app.client(MUSTERSTADT);
    let replay = post_hold(&mut other, &date, &time, &pass, &solution).await;
    assert_eq!(replay.status, StatusCode::OK);
    assert!(replay.body.contains("konnte nicht geprüft werden"), "a solution works once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guard_rules_sqlite() {
    guard_rules(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guard_rules_postgres() {
    guard_rules(Engine::Postgres).await;
}

async fn rate_limits(engine: Engine) {
    let guard =
        GuardConfig { holds_per_minute: 2, holds_burst: 2, api_per_minute: 3, api_burst: 3, ..TestApp::config().guard };
    // The test client's peer is 0.0.0.0: trusting it makes `X-Forwarded-For` count.
    let Some(app) = TestApp::with_capacity_and(engine, config(guard, &["0.0.0.0"])).await else { return };
    let mut c = app.client(MUSTERSTADT);
    let (date, time, pass, _) = time_form(&mut c).await;
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let fresh_pass = time_form(&mut c).await.2;
        statuses.push(post_hold(&mut c, &date, &time, &fresh_pass, "").await.status);
    }
    assert_eq!(statuses[2], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
    let _ = pass;
    // The API: three requests, then 429 with Retry-After, as a problem document.
    let path = format!("/api/v1/availability?service={AUSWEIS}&location=any");
    let headers = [("x-forwarded-for", "198.51.100.7")];
    for _ in 0..3 {
        assert_eq!(c.get_with(&path, &headers).await.status, StatusCode::OK);
    }
    let limited = c.get_with(&path, &headers).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.content_type(), "application/problem+json");
    assert!(limited.headers.contains_key("retry-after"));
    // Another real client behind the proxy is not affected.
    assert_eq!(c.get_with(&path, &[("x-forwarded-for", "198.51.100.8")]).await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_sqlite() {
    rate_limits(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_postgres() {
    rate_limits(Engine::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spoofed_forwarded_for_does_not_dodge_the_limit() {
    let guard = GuardConfig { api_per_minute: 2, api_burst: 2, ..TestApp::config().guard };
    // No trusted proxies: the header is ignored, every request counts for the peer.
    let Some(app) = TestApp::with_config(Engine::Sqlite, config(guard, &[])).await else { return };
    let mut c = app.client(MUSTERSTADT);
    let path = format!("/api/v1/availability?service={AUSWEIS}&location=any");
    let mut statuses = Vec::new();
    for i in 0..3 {
        statuses.push(c.get_with(&path, &[("x-forwarded-for", &format!("203.0.113.{i}"))]).await.status);
    }
    assert_eq!(statuses, [StatusCode::OK, StatusCode::OK, StatusCode::TOO_MANY_REQUESTS]);
}
