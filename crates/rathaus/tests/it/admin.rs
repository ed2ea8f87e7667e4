//! The admin area: tenant settings and logo, staff accounts and invitations, the audit
//! log and the outbox; role checks and tenant isolation.

use crate::app_test;
use crate::support::*;
use axum::{
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use rathaus_db::{TenantId, audit, sessions, staff, tenants};
use rathaus_domain::{Email, Role};

const ADMIN: &str = "admin@musterstadt.example";
const SUPERVISOR: &str = "teamleitung@musterstadt.example";
const CLERK: &str = "sachbearbeitung@musterstadt.example";
const KLEINDORF_ADMIN: &str = "admin@kleindorf.example";

/// A real 1×1 PNG.
const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde, 0x00, 0x00, 0x00, 0x0c, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xe0, 0x8e, 0x59, 0x0b, 0x00, 0x01, 0x8a, 0x01, 0x15, 0x01, 0xf2, 0xab, 0xd8,
    0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

async fn tenant(app: &TestApp, slug: &str) -> tenants::Tenant {
    tenants::find_by_slug(&app.db.db, slug).await.unwrap().unwrap()
}

async fn account(app: &TestApp, tenant: TenantId, email: &str) -> staff::StaffUser {
    staff::find_by_email(&app.db.db, tenant, &Email::parse(email).unwrap()).await.unwrap().unwrap()
}

async fn last_audit(app: &TestApp, tenant: TenantId) -> audit::AuditRecord {
    audit::list(&app.db.db, tenant, 1, 0).await.unwrap().remove(0)
}

async fn outbox(app: &TestApp, tenant: TenantId) -> Vec<rathaus_db::entity::outbox_message::Model> {
    rathaus_mail::outbox::list(&app.db.db, tenant, 100, 0).await.unwrap()
}

/// The path and query of the first password link in a mail text.
fn password_path(text: &str) -> String {
    let start = text.find("http://localhost/account/password?token=").expect("a link to localhost in the mail");
    let link = text[start..].split_whitespace().next().unwrap();
    link.trim_start_matches("http://localhost").to_owned()
}

/// Musterstadt's settings as a form, with some fields replaced.
fn settings_form<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("name", "Musterstadt"),
        ("ags", "05999001"),
        ("federal_state", "NW"),
        ("street", "Rathausplatz 1"),
        ("postal_code", "12345"),
        ("city", "Musterstadt"),
        ("contact_email", "buergerbuero@musterstadt.example"),
        ("contact_phone", "+49 1234 5678-0"),
        ("time_zone", "Europe/Berlin"),
        ("accent_colour", "#0b5cad"),
        ("languages", "en"),
    ];
    for (key, value) in changes {
        form.retain(|(k, _)| k != key);
        if !value.is_empty() {
            form.push((*key, *value));
        }
    }
    form
}

/// Posts the logo form as a browser does (multipart), optionally without the CSRF token.
async fn upload_logo(
    c: &mut Client,
    filename: &str,
    content_type: &str,
    bytes: &[u8],
    with_csrf: bool,
) -> TestResponse {
    let boundary = "rathaus-test-boundary-7d3f";
    let mut body = Vec::new();
    if with_csrf {
        let token = c.csrf().await;
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n").bytes(),
        );
    }
    body.extend(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n"
        )
        .bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").bytes());
    let req = Request::builder()
        .method(Method::POST)
        .uri("/admin/settings/logo")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(Body::from(body))
        .unwrap();
    c.send(req).await
}

app_test!(async fn admin_changes_the_settings_and_the_change_is_audited(app) {
    let mut c = app.signed_in(MUSTERSTADT, ADMIN).await;
    let form = c.get("/admin/settings").await;
    assert_eq!(form.status, StatusCode::OK);
    for shown in ["value=\"05999001\"", "value=\"#0b5cad\"", "<option value=\"NW\" selected>", "musterstadt.localhost"] {
        assert!(form.body.contains(shown), "settings page lacks {shown}");
    }

    let res = c.post_form("/admin/settings", &settings_form(&[("name", "Musterstadt am See"), ("accent_colour", "#1D4F91"), ("languages", "")])).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), "/admin/settings?notice=settings-saved");
    let t = tenant(&app, "musterstadt").await;
    assert_eq!((t.name.as_str(), t.accent_colour.as_str(), t.languages.as_str()), ("Musterstadt am See", "#1d4f91", "de"));
    let entry = last_audit(&app, t.tenant_id()).await;
    assert_eq!((entry.action.as_str(), entry.actor.as_str()), ("tenant.settings_changed", ADMIN));
    let details: serde_json::Value = serde_json::from_str(&entry.details).unwrap();
    assert_eq!(details, serde_json::json!({ "changed": ["name", "accent_colour", "languages"] }));

    // The tenant cache was invalidated: the change shows at once.
    let page = c.get("/admin/settings?notice=settings-saved").await;
    assert!(page.body.contains("Die Einstellungen wurden gespeichert."));
    assert!(page.body.contains("Musterstadt am See"));
    assert!(c.get("/branding.css").await.body.contains("#1d4f91"));
    assert!(!page.body.contains("hreflang=\"en\""), "English is no longer offered");

    // Saving unchanged settings writes nothing to the log.
    let before = audit::count(&app.db.db, t.tenant_id()).await.unwrap();
    c.post_form("/admin/settings", &settings_form(&[("name", "Musterstadt am See"), ("accent_colour", "#1d4f91"), ("languages", "")])).await;
    assert_eq!(audit::count(&app.db.db, t.tenant_id()).await.unwrap(), before);
});

app_test!(async fn invalid_settings_are_refused_field_by_field_keeping_the_input(app) {
    let mut c = app.signed_in(MUSTERSTADT, ADMIN).await;
    let res = c
        .post_form(
            "/admin/settings",
            &settings_form(&[("name", "Neuer Name"), ("ags", "123"), ("accent_colour", "#ffff00"), ("contact_email", "kein-mail")]),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("<title>Fehler:"), "the title says there are errors");
    assert!(res.body.contains("error-summary"));
    for (field, message) in [
        ("ags", "genau 8 Ziffern"),
        ("accent_colour", "Diese Farbe ist zu hell"),
        ("contact_email", "im Format name@beispiel.de"),
    ] {
        assert!(res.body.contains(&format!("href=\"#{field}\"")), "summary links to {field}");
        assert!(res.body.contains(&format!("id=\"{field}-error\"")), "message at {field}");
        assert!(res.body.contains(message), "{message}");
    }
    for kept in ["value=\"Neuer Name\"", "value=\"123\"", "value=\"#ffff00\"", "value=\"kein-mail\"", "value=\"Rathausplatz 1\""] {
        assert!(res.body.contains(kept), "entered value {kept} is kept");
    }
    assert!(res.body.contains("aria-invalid=\"true\""));
    assert_eq!(tenant(&app, "musterstadt").await.name, "Musterstadt", "nothing was saved");

    let bad_zone = c.post_form("/admin/settings", &settings_form(&[("time_zone", "Mars/Olympus"), ("federal_state", "BY")])).await;
    assert!(bad_zone.body.contains("Wählen Sie eine Zeitzone"));
    assert!(bad_zone.body.contains("Das Bundesland passt nicht zum Gemeindeschlüssel"));
    // Another tenant's AGS is taken.
    let taken = c.post_form("/admin/settings", &settings_form(&[("ags", "09999002"), ("federal_state", "BY")])).await;
    assert_eq!(taken.status, StatusCode::OK);
    assert!(taken.body.contains("bereits einer anderen Kommune zugeordnet"));
});

app_test!(async fn clerks_and_supervisors_cannot_administer(app) {
    let mut clerk = app.signed_in(MUSTERSTADT, CLERK).await;
    for path in ["/admin", "/admin/settings", "/admin/staff", "/admin/staff/invite", "/admin/audit", "/admin/outbox"] {
        let res = clerk.get(path).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "clerk on {path}");
        assert!(res.body.contains("Kein Zugriff"));
    }
    let res = clerk.post_form("/admin/settings", &settings_form(&[("name", "Gekapert")])).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(tenant(&app, "musterstadt").await.name, "Musterstadt");

    let mut supervisor = app.signed_in(MUSTERSTADT, SUPERVISOR).await;
    for path in ["/admin/settings", "/admin/staff", "/admin/staff/invite", "/admin/outbox"] {
        assert_eq!(supervisor.get(path).await.status, StatusCode::FORBIDDEN, "supervisor on {path}");
    }
    let t = tenant(&app, "musterstadt").await.tenant_id();
    let clerk_id = account(&app, t, CLERK).await.id;
    let res = supervisor.post_form(&format!("/admin/staff/{clerk_id}/deactivate"), &[]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(account(&app, t, CLERK).await.active);
    let overview = supervisor.get("/admin").await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(overview.body.contains("href=\"/admin/audit\"") && !overview.body.contains("href=\"/admin/settings\""));
    assert_eq!(supervisor.get("/admin/audit").await.status, StatusCode::OK, "supervisors read the audit log");

    let anonymous = app.client(MUSTERSTADT).get("/admin/settings").await;
    assert_eq!(anonymous.location(), "/login?next=%2Fadmin%2Fsettings");
});

app_test!(async fn an_invitation_lets_the_new_colleague_set_a_password_and_sign_in(app) {
    let t = tenant(&app, "musterstadt").await.tenant_id();
    let mut c = app.signed_in(MUSTERSTADT, ADMIN).await;
    assert!(c.get("/admin/staff/invite").await.body.contains("type=\"radio\""));
    let res = c
        .post_form("/admin/staff/invite", &[("name", "Erika Mustermann"), ("email", "Erika@Musterstadt.example"), ("role", "supervisor")])
        .await;
    assert_eq!(res.location(), "/admin/staff?notice=staff-invited", "{}", res.body);
    let erika = account(&app, t, "erika@musterstadt.example").await;
    assert_eq!((erika.role(), erika.password_hash.is_none()), (Role::Supervisor, true));
    let entry = last_audit(&app, t).await;
    assert_eq!((entry.action.as_str(), entry.target_id.clone()), ("staff.invited", erika.id.to_string()));

    let mails = outbox(&app, t).await;
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.recipient, "erika@musterstadt.example");
    assert!(mail.subject.contains("Einladung"), "{}", mail.subject);
    assert!(mail.body_text.contains("Demo Administration"), "names the inviter");

    let staff_page = c.get("/admin/staff?notice=staff-invited").await;
    assert!(staff_page.body.contains("Erika Mustermann") && staff_page.body.contains("Einladung offen"));

    // A second invitation for the same address is a field error.
    let twice = c.post_form("/admin/staff/invite", &[("name", "Erika M."), ("email", "erika@musterstadt.example"), ("role", "clerk")]).await;
    assert_eq!(twice.status, StatusCode::OK);
    assert!(twice.body.contains("Für diese E-Mail-Adresse gibt es bereits einen Zugang"));
    assert!(twice.body.contains("value=\"Erika M.\""));
    assert_eq!(outbox(&app, t).await.len(), 1);

    let mut erika_browser = app.client(MUSTERSTADT);
    let path = password_path(&mail.body_text);
    let token = path.split("token=").nth(1).unwrap().to_owned();
    let form = erika_browser.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Sie wurden eingeladen"));
    let password = "Erikas sicheres Passwort";
    let set = erika_browser.post_form("/account/password", &[("token", &token), ("password", password), ("password_confirm", password)]).await;
    assert_eq!(set.location(), "/login?notice=password-set");
    erika_browser.login("erika@musterstadt.example", password).await;
    assert_eq!(erika_browser.get("/admin/audit").await.status, StatusCode::OK, "signed in as a supervisor");
});

app_test!(async fn deactivation_ends_the_sessions_and_blocks_sign_in(app) {
    let t = tenant(&app, "musterstadt").await.tenant_id();
    let clerk_id = account(&app, t, CLERK).await.id;
    let mut clerk = app.signed_in(MUSTERSTADT, CLERK).await;
    let token = clerk.cookies["__Host-rathaus_session"].clone();
    let mut c = app.signed_in(MUSTERSTADT, ADMIN).await;

    let res = c.post_form(&format!("/admin/staff/{clerk_id}/deactivate"), &[]).await;
    assert_eq!(res.location(), "/admin/staff?notice=staff-updated");
    assert!(!account(&app, t, CLERK).await.active);
    assert!(sessions::lookup(&app.db.db, t, &token).await.unwrap().is_none(), "the session is gone");
    assert_eq!(clerk.get("/staff").await.status, StatusCode::SEE_OTHER, "signed out at once");
    let entry = last_audit(&app, t).await;
    assert_eq!((entry.action.as_str(), entry.target_id.clone()), ("staff.deactivated", clerk_id.to_string()));

    let mut again = app.client(MUSTERSTADT);
    let res = again.post_form("/login", &[("email", CLERK), ("password", "Demo-Sachbearbeitung-Musterstadt")]).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("falsch"), "a deactivated account cannot sign in");
    let list = c.get("/admin/staff").await;
    assert!(list.body.contains("Deaktiviert") && list.body.contains(&format!("/admin/staff/{clerk_id}/reactivate")));

    let res = c.post_form(&format!("/admin/staff/{clerk_id}/reactivate"), &[]).await;
    assert_eq!(res.location(), "/admin/staff?notice=staff-updated");
    assert_eq!(last_audit(&app, t).await.action, "staff.reactivated");
    again.login(CLERK, "Demo-Sachbearbeitung-Musterstadt").await;
});

app_test!(async fn admins_cannot_deactivate_or_demote_themselves(app) {
    let t = tenant(&app, "musterstadt").await.tenant_id();
    let me = account(&app, t, ADMIN).await.id;
    let mut c = app.signed_in(MUSTERSTADT, ADMIN).await;
    let page = c.get("/admin/staff").await;
    assert!(!page.body.contains(&format!("/admin/staff/{me}/deactivate")), "no button for oneself");
    assert_eq!(c.post_form(&format!("/admin/staff/{me}/deactivate"), &[]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(c.post_form(&format!("/admin/staff/{me}/role"), &[("role", "clerk")]).await.status, StatusCode::FORBIDDEN);
    let still = account(&app, t, ADMIN).await;
    assert!(still.active && still.role() == Role::Admin);
    assert_eq!(c.get("/admin").await.status, StatusCode::OK);
});

app_test!(async fn a_role_change_takes_effect_at_once(app) {
    let t = tenant(&app, "musterstadt").await.tenant_id();
    let clerk_id = account(&app, t, CLERK).await.id;
    let mut clerk = app.signed_in(MUSTERSTADT, CLERK).await;
    assert_eq!(clerk.get("/admin/audit").await.status, StatusCode::FORBIDDEN);
    let mut c = app.signed_in(MUSTERSTADT, ADMIN).await;
    let page = c.get("/admin/staff").await;
    assert!(page.body.contains(&format!("for=\"role-{clerk_id}\"")), "each role select has a label");

    let res = c.post_form(&format!("/admin/staff/{clerk_id}/role"), &[("role", "supervisor")]).await;
    assert_eq!(res.location(), "/admin/staff?notice=staff-updated");
    assert_eq!(account(&app, t, CLERK).await.role(), Role::Supervisor);
    let entry = last_audit(&app, t).await;
    assert_eq!(entry.action, "staff.role_changed");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&entry.details).unwrap(), serde_json::json!({ "from": "clerk", "to": "supervisor" }));
    assert_eq!(clerk.get("/admin/audit").await.status, StatusCode::OK);
    assert_eq!(c.post_form(&format!("/admin/staff/{clerk_id}/role"), &[("role", "root")]).await.status, StatusCode::BAD_REQUEST);
});

app_test!(async fn a_password_reset_link_is_mailed_in_the_admins_language(app) {
    let t = tenant(&app, "musterstadt").await.tenant_id();
    let clerk_id = account(&app, t, CLERK).await.id;
    let mut c = app.signed_in(MUSTERSTADT, ADMIN).await;
    c.get("/lang/en?next=%2Fadmin%2Fstaff").await;
    let res = c.post_form(&format!("/admin/staff/{clerk_id}/password-reset"), &[]).await;
    assert_eq!(res.location(), "/admin/staff?notice=reset-sent");
    assert!(c.get(res.location()).await.body.contains("reset"), "English notice");
    assert_eq!(last_audit(&app, t).await.action, "staff.password_reset_sent");
    let mail = outbox(&app, t).await.remove(0);
    assert_eq!(mail.recipient, CLERK);
    assert!(mail.subject.starts_with("Reset your password"), "{}", mail.subject);

    let mut browser = app.client(MUSTERSTADT);
    let path = password_path(&mail.body_text);
    let token = path.split("token=").nth(1).unwrap().to_owned();
    let password = "ein frisches neues Passwort";
    let set = browser.post_form("/account/password", &[("token", &token), ("password", password), ("password_confirm", password)]).await;
    assert_eq!(set.location(), "/login?notice=password-set");
    browser.login(CLERK, password).await;
});

app_test!(async fn the_audit_log_lists_actions_page_by_page(app) {
    let t = tenant(&app, "musterstadt").await.tenant_id();
    let clerk_id = account(&app, t, CLERK).await.id;
    let mut admin = app.signed_in(MUSTERSTADT, ADMIN).await;
    admin.post_form(&format!("/admin/staff/{clerk_id}/role"), &[("role", "supervisor")]).await;
    let mut supervisor = app.signed_in(MUSTERSTADT, SUPERVISOR).await;
    let page = supervisor.get("/admin/audit").await;
    assert_eq!(page.status, StatusCode::OK);
    let target = format!("user {clerk_id}");
    for shown in ["staff.role_changed", ADMIN, target.as_str(), "supervisor", "Hash-Kette", "<caption>"] {
        assert!(page.body.contains(shown), "audit page lacks {shown}");
    }
    assert!(!page.body.contains("?page=2"), "one page only");

    for i in 0..60 {
        audit::append(&app.db.db, t, audit::AuditEntry::new(None, "test", format!("test.entry_{i}"))).await.unwrap();
    }
    let first = supervisor.get("/admin/audit").await;
    assert!(first.body.contains("test.entry_59") && !first.body.contains("test.entry_5<"));
    assert!(first.body.contains("href=\"/admin/audit?page=2\""));
    let second = supervisor.get("/admin/audit?page=2").await;
    assert!(second.body.contains("staff.role_changed") && second.body.contains("href=\"/admin/audit?page=1\""));
    assert_eq!(supervisor.get("/admin/audit?page=3").await.status, StatusCode::NOT_FOUND);
});

app_test!(async fn the_outbox_shows_messages_safely_with_their_attachments(app) {
    let t = tenant(&app, "musterstadt").await.tenant_id();
    let message = rathaus_mail::OutgoingEmail {
        tenant: t,
        to: Email::parse("buerger@example.org").unwrap(),
        subject: "Ihre Terminbestätigung".to_owned(),
        text: "Guten Tag,\nIhr Termin ist bestätigt.".to_owned(),
        html: Some("<p>Termin <script>alert(1)</script> bestätigt</p>".to_owned()),
        attachments: vec![rathaus_mail::Attachment {
            filename: "Termin März.ics".to_owned(),
            content_type: "text/calendar; charset=UTF-8".to_owned(),
            bytes: b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".to_vec(),
        }],
    };
    let id = rathaus_mail::enqueue_email(&app.db.db, &rathaus_mail::DeliveryMode::Hold, message).await.unwrap();
    let (_, attachments) = rathaus_mail::outbox::get(&app.db.db, t, id).await.unwrap().unwrap();
    let aid = attachments[0].id;

    let mut c = app.signed_in(MUSTERSTADT, ADMIN).await;
    let list = c.get("/admin/outbox").await;
    assert!(list.body.contains("Ihre Terminbestätigung") && list.body.contains("Zurückgehalten"));
    let page = c.get(&format!("/admin/outbox/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Ihr Termin ist bestätigt."));
    assert!(page.body.contains(&format!("<iframe sandbox src=\"/admin/outbox/{id}/html\"")));
    assert!(!page.body.contains("<script>alert(1)"), "the HTML part is never part of our page");
    assert!(page.body.contains("&#60;script&#62;alert(1)"), "its source is shown escaped");

    let html = c.get(&format!("/admin/outbox/{id}/html")).await;
    let csp = html.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.starts_with("default-src 'none'") && csp.contains("frame-ancestors 'self'") && csp.contains("sandbox"));
    assert!(!csp.contains("script-src"));
    assert_eq!(html.headers["x-frame-options"], "SAMEORIGIN");

    let file = c.get(&format!("/admin/outbox/{id}/attachments/{aid}")).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.content_type(), "text/calendar; charset=UTF-8");
    let disposition = file.headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment;") && disposition.contains("filename*=UTF-8''Termin%20M%C3%A4rz.ics"));
    assert!(file.body.starts_with("BEGIN:VCALENDAR"));
    assert_eq!(c.get(&format!("/admin/outbox/{id}/attachments/{}", aid + 1000)).await.status, StatusCode::NOT_FOUND);

    // Kleindorf's admin sees none of it.
    let mut k = app.signed_in(KLEINDORF, KLEINDORF_ADMIN).await;
    assert!(!k.get("/admin/outbox").await.body.contains("Terminbestätigung"));
    for path in [format!("/admin/outbox/{id}"), format!("/admin/outbox/{id}/html"), format!("/admin/outbox/{id}/attachments/{aid}")] {
        assert_eq!(k.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
});

app_test!(async fn the_logo_must_be_a_small_png_or_jpeg(app) {
    let mut c = app.signed_in(MUSTERSTADT, ADMIN).await;
    let res = upload_logo(&mut c, "wappen.png", "image/png", TINY_PNG, true).await;
    assert_eq!(res.location(), "/admin/settings?notice=settings-saved", "{}", res.body);
    let t = tenant(&app, "musterstadt").await;
    assert_eq!((t.logo.as_deref(), t.logo_mime.as_deref()), (Some(TINY_PNG), Some("image/png")));
    assert_eq!(last_audit(&app, t.tenant_id()).await.action, "tenant.logo_changed");
    let served = c.get("/branding/logo").await;
    assert_eq!((served.status, served.content_type()), (StatusCode::OK, "image/png"));

    let text = upload_logo(&mut c, "wappen.png", "image/png", b"Das ist kein Bild, nur Text.", true).await;
    assert_eq!(text.status, StatusCode::OK);
    assert!(text.body.contains("kein PNG- oder JPEG-Bild") && text.body.contains("id=\"logo-error\""));
    let mut big = TINY_PNG.to_vec();
    big.resize(600 * 1024, 0);
    assert!(upload_logo(&mut c, "gross.png", "image/png", &big, true).await.body.contains("Die Datei ist zu groß"));
    big.resize(3 * 1024 * 1024, 0);
    assert!(upload_logo(&mut c, "riesig.png", "image/png", &big, true).await.body.contains("Die Datei ist zu groß"));
    assert!(upload_logo(&mut c, "", "application/octet-stream", b"", true).await.body.contains("Wählen Sie eine Bilddatei aus"));
    assert_eq!(tenant(&app, "musterstadt").await.logo.as_deref(), Some(TINY_PNG), "refused uploads change nothing");

    let forged = upload_logo(&mut c, "x.png", "image/png", TINY_PNG, false).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "the multipart form is CSRF-checked");

    let res = c.post_form("/admin/settings/logo/remove", &[]).await;
    assert_eq!(res.location(), "/admin/settings?notice=settings-saved");
    assert!(tenant(&app, "musterstadt").await.logo.is_none());
    assert_eq!(last_audit(&app, t.tenant_id()).await.action, "tenant.logo_removed");
});

app_test!(async fn another_tenants_admin_can_neither_see_nor_change_our_staff(app) {
    let m = tenant(&app, "musterstadt").await.tenant_id();
    let clerk_id = account(&app, m, CLERK).await.id;
    let mut ours = app.signed_in(MUSTERSTADT, ADMIN).await;
    ours.post_form("/admin/settings", &settings_form(&[("name", "Musterstadt an der Grenze")])).await;
    let audit_before = audit::count(&app.db.db, m).await.unwrap();

    let mut k = app.signed_in(KLEINDORF, KLEINDORF_ADMIN).await;
    let staff_page = k.get("/admin/staff").await;
    assert!(staff_page.body.contains(KLEINDORF_ADMIN) && !staff_page.body.contains("musterstadt.example"));
    for (action, form) in [("deactivate", vec![]), ("role", vec![("role", "admin")]), ("password-reset", vec![]), ("reactivate", vec![])] {
        let res = k.post_form(&format!("/admin/staff/{clerk_id}/{action}"), &form).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{action}");
    }
    let clerk = account(&app, m, CLERK).await;
    assert!(clerk.active && clerk.role() == Role::Clerk, "nothing changed");
    assert_eq!(audit::count(&app.db.db, m).await.unwrap(), audit_before);
    let k_id = tenant(&app, "kleindorf").await.tenant_id();
    assert!(outbox(&app, m).await.is_empty() && outbox(&app, k_id).await.is_empty(), "no mail was sent");

    let audit_page = k.get("/admin/audit").await;
    assert_eq!(audit_page.status, StatusCode::OK);
    assert!(audit_page.body.contains(KLEINDORF_ADMIN));
    assert!(!audit_page.body.contains("admin@musterstadt.example") && !audit_page.body.contains("tenant.settings_changed"));
    let settings = k.get("/admin/settings").await;
    assert!(settings.body.contains("value=\"Kleindorf\"") && !settings.body.contains("Musterstadt"));
});
