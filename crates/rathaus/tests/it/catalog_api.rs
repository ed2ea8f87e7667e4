//! The catalogue API: services, request routing (exact JSON shape, limits, route order),
//! places with hours and status, the OpenAPI document, and tenant isolation, on both
//! engines.

use crate::app_test;
use crate::support::*;
use axum::http::StatusCode;
use serde_json::Value;

const PROBLEM: &str = "application/problem+json";

#[track_caller]
fn assert_problem(res: &TestResponse, status: StatusCode) -> Value {
    assert_eq!(res.status, status, "{}", res.body);
    assert_eq!(res.content_type(), PROBLEM, "{}", res.body);
    res.json()
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().expect("an object").keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

/// An RFC 3339 timestamp with a numeric offset (`2026-10-06T18:00:00+02:00`).
#[track_caller]
fn assert_rfc3339_with_offset(v: &Value) {
    let text = v.as_str().unwrap_or_else(|| panic!("not a string: {v}"));
    assert!(text.parse::<jiff::Timestamp>().is_ok(), "{text}");
    assert!(!text.ends_with('Z') && text.len() == 25 && (text.contains('+') || text[19..].starts_with('-')), "{text}");
}

app_test!(async fn routing_answers_exactly_the_documented_shape(app) {
    let mut c = app.client(MUSTERSTADT);
    let res = c.get("/api/v1/services/route?q=mein%20Perso%20ist%20abgelaufen").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.content_type().starts_with("application/json"));
    let body = res.json();
    assert_eq!(keys(&body), ["confident", "services"]);
    assert!(body["confident"].is_boolean());
    let services = body["services"].as_array().unwrap();
    assert!(!services.is_empty() && services.len() <= 5, "{body}");
    for s in services {
        assert_eq!(keys(s), ["department", "name", "score", "slug"]);
        assert!(s["score"].is_number());
    }
    let scores: Vec<f64> = services.iter().map(|s| s["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");
    assert_eq!(services[0]["slug"], "personalausweis-beantragen");
    assert_eq!(services[0]["name"], "Personalausweis beantragen");
    assert_eq!(services[0]["department"], "Bürgerbüro");

    let en = c.get_with("/api/v1/services/route?q=my%20ID%20card%20has%20expired", &[("accept-language", "en")]).await;
    let en = en.json();
    assert_eq!(en["services"][0]["slug"], "personalausweis-beantragen");
    assert_eq!(en["services"][0]["name"], "Apply for an identity card", "names in the request's language");
    assert_eq!(en["services"][0]["department"], "Citizens' Office");

    let gibberish = c.get("/api/v1/services/route?q=xqzt%20vlorp%20brzzk").await.json();
    assert_eq!(gibberish["confident"], false);
});

app_test!(async fn routing_refuses_missing_empty_and_overlong_queries(app) {
    let mut c = app.client(MUSTERSTADT);
    // `/services/route` is its own route, not the service with the slug "route".
    for path in ["/api/v1/services/route", "/api/v1/services/route?q=", "/api/v1/services/route?q=%20%20"] {
        let problem = assert_problem(&c.get(path).await, StatusCode::BAD_REQUEST);
        assert_eq!(problem["errors"][0]["pointer"], "/q", "{path}: {problem}");
    }
    let long = "a".repeat(501);
    assert_problem(&c.get(&format!("/api/v1/services/route?q={long}")).await, StatusCode::BAD_REQUEST);
    let at_limit = "ä".repeat(500);
    let path = format!("/api/v1/services/route?{}", serde_urlencoded::to_string([("q", at_limit.as_str())]).unwrap());
    assert_eq!(c.get(&path).await.status, StatusCode::OK, "500 characters (not bytes) are fine");
    assert_eq!(c.get("/api/v1/services/route?q=Perso").await.status, StatusCode::OK);
});

app_test!(async fn the_service_list_and_one_service(app) {
    let mut c = app.client(MUSTERSTADT);
    let list = c.get("/api/v1/services").await;
    assert_eq!(list.status, StatusCode::OK);
    let list = list.json();
    let items = list.as_array().unwrap();
    assert_eq!(items.len(), 28);
    let id_card = items.iter().find(|s| s["slug"] == "personalausweis-beantragen").unwrap();
    assert_eq!(
        keys(id_card),
        ["channels", "department", "leika", "max_persons", "minutes_per_person", "name", "slug", "topic"]
    );
    assert_eq!(id_card["leika"], "99008001012000");
    assert_eq!(id_card["name"]["de"], "Personalausweis beantragen");
    assert_eq!(id_card["name"]["en"], "Apply for an identity card");
    assert_eq!(id_card["department"]["key"], "buergerbuero");
    assert_eq!(id_card["topic"]["key"], "pass-ausweis");
    assert_eq!(id_card["minutes_per_person"], 15);
    assert_eq!(id_card["max_persons"], 4);
    assert!(id_card["channels"].as_array().unwrap().contains(&Value::from("appointment")));

    let one = c.get("/api/v1/services/personalausweis-beantragen").await;
    assert_eq!(one.status, StatusCode::OK);
    let one = one.json();
    assert_eq!(one["fees"][0]["kind"], "fixed");
    assert_eq!(one["fees"][0]["fixed_cents"], 3700);
    assert!(one["documents"]["de"][0].as_str().unwrap().starts_with("Bisheriger Personalausweis"));
    assert!(one["documents"]["en"][0].as_str().unwrap().starts_with("Your previous identity card"));
    assert!(one["legal_basis"].as_array().unwrap().iter().any(|l| l.as_str().unwrap().contains("PAuswG")));
    assert!(one["description"]["en"].as_str().unwrap().contains("identity card"));
    assert_eq!(one["department"]["email"], "buergerbuero@musterstadt.example");
    let places = one["locations"].as_array().unwrap();
    assert!(places.iter().any(|p| p["key"] == "buergerbuero-mitte" && p["type"] == "location"));
    assert!(places.iter().any(|p| p["key"] == "dgh-oberdorf" && p["type"] == "mobile_site"));

    let car = c.get("/api/v1/services/fahrzeug-zulassen").await.json();
    assert_eq!((car["fees"][0]["kind"].as_str(), car["fees"][0]["min_cents"].as_u64()), (Some("range"), Some(2700)));

    let missing = assert_problem(&c.get("/api/v1/services/gibt-es-nicht").await, StatusCode::NOT_FOUND);
    assert_eq!(missing["type"], "/api/v1/problems/not-found");
});

app_test!(async fn places_with_hours_and_status(app) {
    let mut c = app.client(MUSTERSTADT);
    let list = c.get("/api/v1/locations").await.json();
    let items = list.as_array().unwrap();
    assert_eq!(items.len(), 10, "7 locations, 2 mobile sites, 1 video office");
    let mitte = items.iter().find(|p| p["key"] == "buergerbuero-mitte").unwrap();
    assert_eq!(keys(mitte), ["address", "coordinates", "key", "kind", "name", "step_free", "type"]);
    assert_eq!((mitte["type"].as_str(), mitte["kind"].as_str()), (Some("location"), Some("citizen_office")));
    assert_eq!(mitte["coordinates"]["lat"], 51.2562);
    assert_eq!(mitte["address"]["street"], "Rathausplatz 1");
    assert_eq!(mitte["step_free"], true);
    let video = items.iter().find(|p| p["type"] == "virtual_office").unwrap();
    assert!(video["address"].is_null() && video["coordinates"].is_null());

    let res = c.get("/api/v1/locations/buergerbuero-mitte").await;
    assert_eq!(res.status, StatusCode::OK);
    let one = res.json();
    assert_eq!(keys(&one["opening_hours"]), ["fri", "mon", "sat", "sun", "thu", "tue", "wed"]);
    assert_eq!(one["opening_hours"]["mon"], serde_json::json!(["08:00-13:00"]));
    assert_eq!(one["opening_hours"]["tue"], serde_json::json!(["08:00-13:00", "14:00-18:00"]));
    assert_eq!(one["opening_hours"]["sun"], serde_json::json!([]));
    assert!(one["exceptions"].is_array() && one["sessions"] == serde_json::json!([]));
    assert!(one["services"].as_array().unwrap().iter().any(|s| s["slug"] == "personalausweis-beantragen"));
    let status = &one["status"];
    match status["open"].as_bool() {
        Some(true) => assert_rfc3339_with_offset(&status["until"]),
        Some(false) => assert_rfc3339_with_offset(&status["opens_at"]),
        None => panic!("no open flag: {status}"),
    }
    assert_eq!(keys(status).len(), 2, "{status}");

    let site = c.get("/api/v1/locations/dgh-oberdorf").await.json();
    assert_eq!(site["type"], "mobile_site");
    let session = &site["sessions"][0];
    assert_eq!(keys(session), ["cancelled", "date", "hours", "note"]);
    assert_eq!(session["hours"], "09:00-12:00");

    let missing = assert_problem(&c.get("/api/v1/locations/gibt-es-nicht").await, StatusCode::NOT_FOUND);
    assert_eq!(missing["status"], 404);
});

app_test!(async fn kleindorf_sees_only_its_own_catalogue(app) {
    let mut k = app.client(KLEINDORF);
    let list = k.get("/api/v1/services").await.json();
    let mut slugs: Vec<&str> = list.as_array().unwrap().iter().map(|s| s["slug"].as_str().unwrap()).collect();
    slugs.sort_unstable();
    let mut expected = rathaus_catalog_store::demo::KLEINDORF_SERVICES.to_vec();
    expected.sort_unstable();
    assert_eq!(slugs, expected);
    assert_problem(&k.get("/api/v1/services/baugenehmigung").await, StatusCode::NOT_FOUND);
    assert_problem(&k.get("/api/v1/locations/buergerbuero-mitte").await, StatusCode::NOT_FOUND);
    let places = k.get("/api/v1/locations").await.json();
    assert_eq!(places.as_array().unwrap().len(), 1);
    assert_eq!(places[0]["key"], "gemeindeamt");
    let routed = k.get("/api/v1/services/route?q=Bauantrag%20Baugenehmigung").await.json();
    assert!(routed["services"].as_array().unwrap().iter().all(|s| s["slug"] != "baugenehmigung"), "{routed}");
    let one = k.get("/api/v1/services/personalausweis-beantragen").await.json();
    assert!(!one.to_string().contains("Musterstadt"), "Kleindorf's own texts and places");
});

app_test!(async fn the_catalogue_endpoints_are_documented(app) {
    let mut c = app.client(MUSTERSTADT);
    let doc = c.get("/api/v1/openapi.json").await.json();
    for path in [
        "/api/v1/services",
        "/api/v1/services/{slug}",
        "/api/v1/services/route",
        "/api/v1/locations",
        "/api/v1/locations/{key}",
    ] {
        assert!(doc["paths"][path]["get"].is_object(), "{path} missing");
    }
    assert_eq!(doc["paths"]["/api/v1/services/route"]["get"]["parameters"][0]["name"], "q");
    for schema in ["RouteResult", "RouteHit", "ServiceListItem", "ServiceDetail", "PlaceItem", "PlaceDetail", "OpenNow"] {
        assert!(doc["components"]["schemas"][schema].is_object(), "schema {schema} missing");
    }
    let docs = c.get("/api/v1/docs").await;
    assert!(docs.body.contains("/api/v1/services/route</code>") && docs.body.contains("/api/v1/locations/{key}</code>"));
});
