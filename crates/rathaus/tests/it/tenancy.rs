//! Tenant isolation: one installation, several municipalities, no way across.

use crate::app_test;
use crate::support::*;
use axum::http::StatusCode;

app_test!(async fn hosts_select_their_tenant(app) {
    assert!(app.client(MUSTERSTADT).get("/").await.body.contains("Musterstadt"));
    assert!(app.client("127.0.0.1:8080").get("/").await.body.contains("Musterstadt"));
    let k = app.client(KLEINDORF).get("/").await;
    assert!(k.body.contains("Kleindorf") && !k.body.contains("Musterstadt"));
    let unknown = app.client("elsewhere.example").get("/").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.body.contains("Unbekannte Adresse") && unknown.body.contains("Unknown address"));
});

app_test!(async fn a_session_of_one_tenant_is_worthless_in_another(app) {
    let a = app.signed_in(MUSTERSTADT, "admin@musterstadt.example").await;
    let mut b = app.client(KLEINDORF);
    b.cookies = a.cookies.clone();
    let res = b.get("/staff").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "Musterstadt's session must not open Kleindorf's staff area");
    // Musterstadt's credentials do not work at Kleindorf.
    let res = b.post_form("/login", &[("email", "admin@musterstadt.example"), ("password", "Demo-Admin-Musterstadt")]).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("falsch"));
});
