//! Staff sign-in: sessions in the database, throttling, CSRF, logout, password links.

use crate::app_test;
use crate::support::*;
use axum::http::StatusCode;
use rathaus_db::{sessions, staff, tokens};

app_test!(async fn login_creates_a_server_side_session_and_logout_ends_it(app) {
    let mut c = app.client(MUSTERSTADT);
    assert_eq!(c.get("/staff").await.location(), "/login?next=%2Fstaff", "anonymous users are sent to login");
    let res = c.login("admin@musterstadt.example", "Demo-Admin-Musterstadt").await;
    assert_eq!(res.location(), "/staff");
    let cookie = res.headers["set-cookie"].to_str().unwrap();
    for attr in ["Secure", "HttpOnly", "SameSite=Lax", "__Host-rathaus_session"] {
        assert!(cookie.contains(attr), "session cookie lacks {attr}");
    }
    let token = c.cookies["__Host-rathaus_session"].clone();
    let tenant = rathaus_db::tenants::find_by_slug(&app.db.db, "musterstadt").await.unwrap().unwrap().tenant_id();
    assert!(sessions::lookup(&app.db.db, tenant, &token).await.unwrap().is_some(), "stored server-side");
    assert!(c.get("/staff").await.body.contains("Demo Administration"));

    let out = c.post_form("/logout", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(sessions::lookup(&app.db.db, tenant, &token).await.unwrap().is_none(), "logout deletes the session");
    // Replaying the old cookie does not work.
    c.cookies.insert("__Host-rathaus_session".into(), token);
    assert_eq!(c.get("/staff").await.status, StatusCode::SEE_OTHER);
});

app_test!(async fn wrong_passwords_are_throttled_across_nodes(app) {
    let mut c = app.client(MUSTERSTADT);
    for _ in 0..5 {
        let res = c.post_form("/login", &[("email", "admin@musterstadt.example"), ("password", "falsch falsch falsch")]).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.body.contains("E-Mail-Adresse oder Passwort ist falsch"));
        assert!(res.body.contains("aria-invalid=\"true\""), "field marked invalid");
    }
    // The counter lives in the database: a second "node" (another router on the same
    // database) refuses the right password too.
    let node_b = rathaus_web::router(rathaus_web::AppState::new(app.db.db.clone(), app.state.config.as_ref().clone(), app.state.events.clone()));
    let mut c2 = Client::new(node_b, MUSTERSTADT);
    let res = c2.post_form("/login", &[("email", "admin@musterstadt.example"), ("password", "Demo-Admin-Musterstadt")]).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(res.body.contains("Zu viele fehlgeschlagene Anmeldeversuche"));
});

app_test!(async fn forms_without_a_valid_csrf_token_are_refused(app) {
    let mut c = app.client(MUSTERSTADT);
    c.csrf().await;
    let res = c.post_form_raw("/login", &[("email", "admin@musterstadt.example"), ("password", "Demo-Admin-Musterstadt")]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.body.contains("Die Sitzung ist abgelaufen"));
    let res = c
        .post_form_raw("/login", &[("csrf", &"0".repeat(64)), ("email", "admin@musterstadt.example"), ("password", "Demo-Admin-Musterstadt")])
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(!c.cookies.contains_key("__Host-rathaus_session"));
});

app_test!(async fn a_password_link_works_once(app) {
    let tenant = rathaus_db::tenants::find_by_slug(&app.db.db, "musterstadt").await.unwrap().unwrap().tenant_id();
    let email = rathaus_domain::Email::parse("sachbearbeitung@musterstadt.example").unwrap();
    let user = staff::find_by_email(&app.db.db, tenant, &email).await.unwrap().unwrap();
    let token = tokens::issue(&app.db.db, tenant, user.id, tokens::Purpose::PasswordReset, 3600).await.unwrap();
    let mut c = app.client(MUSTERSTADT);
    let form = c.get(&format!("/account/password?token={token}")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("sachbearbeitung@musterstadt.example"));

    let short = c.post_form("/account/password", &[("token", &token), ("password", "kurz"), ("password_confirm", "kurz")]).await;
    assert!(short.body.contains("error-summary") && short.body.contains("mindestens 12 Zeichen"));
    let new = "ein ganz neues Passwort";
    let ok = c.post_form("/account/password", &[("token", &token), ("password", new), ("password_confirm", new)]).await;
    assert_eq!(ok.location(), "/login?notice=password-set");
    c.login("sachbearbeitung@musterstadt.example", new).await;
    let again = app.client(MUSTERSTADT).get(&format!("/account/password?token={token}")).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "used links are dead");
});
