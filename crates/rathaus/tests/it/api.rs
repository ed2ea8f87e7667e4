//! The JSON API: its OpenAPI document and documentation page, the tenant and staff
//! endpoints, problem documents for every kind of bad request, CSRF protection and tenant
//! isolation.

use crate::app_test;
use crate::support::*;
use axum::{
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use rathaus_db::{audit, entity::user_token, staff, tenants};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

const ADMIN: &str = "admin@musterstadt.example";
const CLERK: &str = "sachbearbeitung@musterstadt.example";
const KLEINDORF_ADMIN: &str = "admin@kleindorf.example";
const PROBLEM: &str = "application/problem+json";

/// Every path the API serves, as named in the OpenAPI document.
const PATHS: [&str; 5] =
    ["/api/v1/tenant", "/api/v1/staff", "/api/v1/staff/{id}", "/api/v1/openapi.json", "/api/v1/docs"];

/// A problem document with the given status; returns its body.
#[track_caller]
fn assert_problem(res: &TestResponse, status: StatusCode) -> Value {
    assert_eq!(res.status, status, "{}", res.body);
    assert_eq!(res.content_type(), PROBLEM, "{}", res.body);
    let body = res.json();
    assert_eq!(body["status"], status.as_u16());
    assert!(body["type"].as_str().unwrap().starts_with("/api/v1/problems/"), "{body}");
    body
}

fn pointers(problem: &Value) -> Vec<&str> {
    problem["errors"].as_array().into_iter().flatten().filter_map(|e| e["pointer"].as_str()).collect()
}

/// A POST with a raw body and the given headers.
async fn post_raw(c: &mut Client, path: &str, headers: &[(&str, &str)], body: impl Into<Body>) -> TestResponse {
    let mut req = Request::builder().method(Method::POST).uri(path);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    c.send(req.body(body.into()).expect("request")).await
}

async fn invite(c: &mut Client, email: &str, role: &str) -> TestResponse {
    let body = json!({ "email": email, "display_name": "Neue Kollegin", "role": role });
    c.post_json("/api/v1/staff", &body.to_string()).await
}

app_test!(async fn openapi_document_is_3_1_and_lists_every_path(app) {
    let res = app.client(MUSTERSTADT).get("/api/v1/openapi.json").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.content_type().starts_with("application/json"));
    let doc = res.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"), "{}", doc["openapi"]);
    assert_eq!(doc["info"]["title"], "rathaus API");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    let description = doc["info"]["description"].as_str().unwrap();
    assert!(description.contains("municipality") && description.contains("Kommune"), "English and German");
    for path in PATHS {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    assert!(doc["paths"]["/api/v1/staff"]["post"]["requestBody"].is_object());
    for schema in ["Problem", "FieldProblem", "StaffMember", "StaffInvitation", "TenantInfo"] {
        assert!(doc["components"]["schemas"][schema].is_object(), "schema {schema} missing");
    }
    let scheme = &doc["components"]["securitySchemes"]["session_cookie"];
    assert_eq!((scheme["type"].as_str(), scheme["in"].as_str()), (Some("apiKey"), Some("cookie")));
    assert_eq!(scheme["name"], "__Host-rathaus_session");
});

app_test!(async fn docs_page_lists_every_operation_in_the_page_language(app) {
    let mut c = app.client(MUSTERSTADT);
    let res = c.get("/api/v1/docs").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.content_type().starts_with("text/html"));
    assert!(res.body.contains("<html lang=\"de\""));
    assert!(!res.body.contains("<script>") && !res.body.contains("swagger"), "no inline or external scripts");
    assert!(res.body.contains("href=\"/api/v1/openapi.json\""));
    for path in PATHS {
        assert!(res.body.contains(&format!("{path}</code>")), "{path} not listed");
    }
    for text in ["Parameter", "Antworten", "Datenstrukturen", "<caption", "scope=\"col\"", "id=\"schema-Problem\""] {
        assert!(res.body.contains(text), "{text} missing");
    }
    assert!(res.body.contains("lang=\"en\""), "English descriptions are marked as such");
    assert!(!res.body.contains("api-docs-"), "every key is translated");

    let en = c.get_with("/api/v1/docs", &[("accept-language", "en")]).await;
    assert!(en.body.contains("<html lang=\"en\"") && en.body.contains("Responses") && !en.body.contains("api-docs-"));
});

app_test!(async fn tenant_endpoint_answers_for_the_host(app) {
    let muster = app.client(MUSTERSTADT).get("/api/v1/tenant").await;
    assert_eq!(muster.status, StatusCode::OK);
    assert_eq!(muster.content_type(), "application/json");
    let m = muster.json();
    assert_eq!(m["name"], "Musterstadt");
    assert_eq!(m["ags"], "05999001");
    assert_eq!(m["address"], json!({ "street": "Rathausplatz 1", "postal_code": "12345", "city": "Musterstadt" }));
    assert_eq!(m["contact_email"], "buergerbuero@musterstadt.example");
    assert_eq!(m["contact_phone"], "+49 1234 5678-0");
    assert_eq!(m["time_zone"], "Europe/Berlin");
    assert_eq!(m["federal_state"], "NW");
    assert_eq!(m["languages"], json!(["de", "en"]));
    assert_eq!(m["accent_colour"].as_str().map(str::to_ascii_lowercase).as_deref(), Some("#0b5cad"));
    assert!(m["logo_url"].is_null(), "no logo uploaded");

    let klein = app.client(KLEINDORF).get("/api/v1/tenant").await.json();
    assert_eq!((klein["name"].as_str(), klein["ags"].as_str()), (Some("Kleindorf"), Some("09999002")));
    assert_eq!(klein["federal_state"], "BY");

    let tenant = tenants::find_by_slug(&app.db.db, "kleindorf").await.unwrap().unwrap();
    tenants::set_logo(&app.db.db, tenant.tenant_id(), Some((b"<svg/>".to_vec(), "image/svg+xml".into()))).await.unwrap();
    app.state.tenants.invalidate();
    let klein = app.client(KLEINDORF).get("/api/v1/tenant").await.json();
    assert!(klein["logo_url"].as_str().unwrap().starts_with("/branding/logo?v="), "{klein}");
});

app_test!(async fn staff_list_is_for_admins_only(app) {
    let anonymous = app.client(MUSTERSTADT).get("/api/v1/staff").await;
    assert_problem(&anonymous, StatusCode::UNAUTHORIZED);
    let clerk = app.signed_in(MUSTERSTADT, CLERK).await.get("/api/v1/staff").await;
    assert_problem(&clerk, StatusCode::FORBIDDEN);

    let mut admin = app.signed_in(MUSTERSTADT, ADMIN).await;
    let res = admin.get("/api/v1/staff").await;
    assert_eq!(res.status, StatusCode::OK);
    let list = res.json();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    let me = list.iter().find(|s| s["email"] == ADMIN).unwrap();
    assert_eq!((me["role"].as_str(), me["active"].as_bool()), (Some("admin"), Some(true)));
    assert!(me["id"].is_i64() && me["display_name"].is_string());
    let signed_in = me["last_login_at"].as_str().unwrap();
    assert!(signed_in.ends_with('Z') && signed_in.parse::<jiff::Timestamp>().is_ok(), "RFC 3339 UTC: {signed_in}");
    let never = list.iter().find(|s| s["email"] == "teamleitung@musterstadt.example").unwrap();
    assert!(never["last_login_at"].is_null());

    let one = admin.get(&format!("/api/v1/staff/{}", me["id"])).await;
    assert_eq!(one.json(), *me);
    assert_problem(&admin.get("/api/v1/staff/999999").await, StatusCode::NOT_FOUND);
    let bad_id = assert_problem(&admin.get("/api/v1/staff/abc").await, StatusCode::BAD_REQUEST);
    assert_eq!(pointers(&bad_id), ["/id"]);
});

app_test!(async fn inviting_staff_creates_the_account_once(app) {
    let mut admin = app.signed_in(MUSTERSTADT, ADMIN).await;
    let res = invite(&mut admin, " Neu@Musterstadt.Example ", "clerk").await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let created = res.json();
    assert_eq!(created["email"], "neu@musterstadt.example", "normalised");
    assert_eq!((created["role"].as_str(), created["active"].as_bool()), (Some("clerk"), Some(true)));
    assert!(created["last_login_at"].is_null());
    let id = created["id"].as_i64().unwrap();
    assert_eq!(res.location(), format!("/api/v1/staff/{id}"));
    assert_eq!(admin.get(res.location()).await.json(), created);

    let tenant = tenants::find_by_slug(&app.db.db, "musterstadt").await.unwrap().unwrap().tenant_id();
    let user = staff::get(&app.db.db, tenant, id).await.unwrap().unwrap();
    assert!(user.password_hash.is_none(), "the invitee sets the password");
    let invitations = user_token::Entity::find().filter(user_token::Column::UserId.eq(id)).count(&app.db.db).await.unwrap();
    assert_eq!(invitations, 1, "an invitation link was issued");
    let outbox = rathaus_mail::outbox::list(&app.db.db, tenant, 10, 0).await.unwrap();
    let mail = outbox.iter().find(|m| m.recipient == "neu@musterstadt.example").expect("invitation e-mailed");
    assert!(mail.body_text.contains("http://localhost/account/password?token="), "{}", mail.body_text);
    assert!(mail.subject.contains("Einladung"), "German, as the request: {}", mail.subject);
    let log = audit::list(&app.db.db, tenant, 50, 0).await.unwrap();
    let entry = log.iter().find(|r| r.action == "staff.invited").expect("audited");
    assert_eq!((entry.actor.as_str(), entry.target_id.as_str()), (ADMIN, id.to_string().as_str()));

    let again = assert_problem(&invite(&mut admin, "neu@musterstadt.example", "admin").await, StatusCode::CONFLICT);
    assert_eq!(pointers(&again), ["/email"]);
    assert_eq!(staff::list(&app.db.db, tenant).await.unwrap().len(), 4, "nothing written twice");

    let invalid = assert_problem(&invite(&mut admin, "not-an-address", "root").await, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(pointers(&invalid), ["/email", "/role"]);
    let blank = json!({ "email": "x@musterstadt.example", "display_name": "  ", "role": "clerk" }).to_string();
    let blank = assert_problem(&admin.post_json("/api/v1/staff", &blank).await, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(pointers(&blank), ["/display_name"]);

    // The same e-mail address may exist in another municipality.
    let mut klein = app.signed_in(KLEINDORF, KLEINDORF_ADMIN).await;
    assert_eq!(invite(&mut klein, "neu@musterstadt.example", "clerk").await.status, StatusCode::CREATED);

    let clerk = &mut app.signed_in(MUSTERSTADT, CLERK).await;
    assert_problem(&invite(clerk, "zwei@musterstadt.example", "clerk").await, StatusCode::FORBIDDEN);
    assert_problem(&invite(&mut app.client(MUSTERSTADT), "drei@musterstadt.example", "clerk").await, StatusCode::UNAUTHORIZED);
});

app_test!(async fn bad_requests_are_problems_never_server_errors(app) {
    let mut admin = app.signed_in(MUSTERSTADT, ADMIN).await;
    let json_ct = [("content-type", "application/json")];

    let malformed = assert_problem(&post_raw(&mut admin, "/api/v1/staff", &json_ct, "{\"email\": ").await, StatusCode::BAD_REQUEST);
    assert!(malformed["detail"].as_str().unwrap().contains("line 1, column"), "{malformed}");

    let wrong_type = assert_problem(&admin.post_json("/api/v1/staff", r#"{"email": 5}"#).await, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(pointers(&wrong_type), ["/email"]);
    let missing = r#"{"email": "a@musterstadt.example", "role": "clerk"}"#;
    let missing = assert_problem(&admin.post_json("/api/v1/staff", missing).await, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(pointers(&missing), ["/display_name"]);

    let body = json!({ "email": "a@musterstadt.example", "display_name": "A", "role": "clerk" }).to_string();
    assert_problem(&post_raw(&mut admin, "/api/v1/staff", &[], body.clone()).await, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let as_text = [("content-type", "text/plain")];
    assert_problem(&post_raw(&mut admin, "/api/v1/staff", &as_text, body.clone()).await, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let huge = format!(r#"{{"email": "a@musterstadt.example", "display_name": "{}", "role": "clerk"}}"#, "x".repeat(2 * 1024 * 1024 + 1));
    assert_problem(&post_raw(&mut admin, "/api/v1/staff", &json_ct, huge).await, StatusCode::PAYLOAD_TOO_LARGE);

    let unknown = assert_problem(&admin.get("/api/v1/nothing/here").await, StatusCode::NOT_FOUND);
    assert_eq!(unknown["type"], "/api/v1/problems/not-found");
    assert_problem(&app.client(MUSTERSTADT).get("/api/v2").await, StatusCode::NOT_FOUND);
    let wrong_method = admin.send(Request::delete("/api/v1/tenant").body(Body::empty()).unwrap()).await;
    assert_problem(&wrong_method, StatusCode::METHOD_NOT_ALLOWED);
    assert!(wrong_method.headers.contains_key(header::ALLOW));

    let tenant = tenants::find_by_slug(&app.db.db, "musterstadt").await.unwrap().unwrap().tenant_id();
    assert_eq!(staff::list(&app.db.db, tenant).await.unwrap().len(), 3, "none of these created anything");
});

app_test!(async fn cross_site_writes_are_refused(app) {
    let mut admin = app.signed_in(MUSTERSTADT, ADMIN).await;
    let body = || json!({ "email": "csrf@musterstadt.example", "display_name": "C", "role": "admin" }).to_string();
    let forged: [&[(&str, &str)]; 5] = [
        &[("sec-fetch-site", "cross-site")],
        &[("sec-fetch-site", "same-site"), ("origin", "http://kleindorf.localhost")],
        &[("origin", "https://evil.example")],
        &[("origin", "null")],
        &[("origin", "http://localhost:9999")],
    ];
    for headers in forged {
        let mut all = vec![("content-type", "application/json")];
        all.extend_from_slice(headers);
        let res = post_raw(&mut admin, "/api/v1/staff", &all, body()).await;
        assert_problem(&res, StatusCode::FORBIDDEN);
    }
    // A simple cross-site form post (no preflight) is not JSON and never gets through.
    let form = [("content-type", "text/plain")];
    assert_problem(&post_raw(&mut admin, "/api/v1/staff", &form, body()).await, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let same_origin = [("content-type", "application/json"), ("sec-fetch-site", "same-origin"), ("origin", "http://localhost")];
    assert_eq!(post_raw(&mut admin, "/api/v1/staff", &same_origin, body()).await.status, StatusCode::CREATED);
});

app_test!(async fn tenants_cannot_see_each_others_staff(app) {
    let mut klein = app.signed_in(KLEINDORF, KLEINDORF_ADMIN).await;
    let list = klein.get("/api/v1/staff").await.json();
    let emails: Vec<&str> = list.as_array().unwrap().iter().map(|s| s["email"].as_str().unwrap()).collect();
    assert_eq!(emails, [KLEINDORF_ADMIN]);

    let muster = app.signed_in(MUSTERSTADT, ADMIN).await;
    let muster_id = muster_admin_id(&app).await;
    assert_problem(&klein.get(&format!("/api/v1/staff/{muster_id}")).await, StatusCode::NOT_FOUND);

    // Musterstadt's session cookie means nothing at Kleindorf.
    let mut stolen = app.client(KLEINDORF);
    stolen.cookies = muster.cookies.clone();
    assert_problem(&stolen.get("/api/v1/staff").await, StatusCode::UNAUTHORIZED);
    assert_problem(&invite(&mut stolen, "evil@kleindorf.example", "admin").await, StatusCode::UNAUTHORIZED);
});

async fn muster_admin_id(app: &TestApp) -> i64 {
    let tenant = tenants::find_by_slug(&app.db.db, "musterstadt").await.unwrap().unwrap().tenant_id();
    let email = rathaus_domain::Email::parse(ADMIN).unwrap();
    staff::find_by_email(&app.db.db, tenant, &email).await.unwrap().unwrap().id
}
