//! Pages in a real browser (headless Chromium): every page visited is checked with axe-core
//! for WCAG 2.0/2.1 A and AA violations; forms are submitted with errors and corrected.

use crate::browser_support::{Browser, Key, run};
use crate::support::TestApp;
use rathaus_test_db::Engine;

async fn app() -> (TestApp, String) {
    let app = TestApp::new(Engine::Sqlite).await.expect("SQLite is always available");
    let base = app.serve().await;
    (app, base)
}

/// Checks the current page (after a form submission) with axe.
async fn assert_accessible(b: &Browser) {
    if let Err(report) = b.check_accessibility().await {
        b.screenshot(&format!("{}-after-submit", b.test_name())).await;
        panic!("{report}");
    }
}

/// Headless Chromium asks for English (`Accept-Language: en-US`); choose German explicitly.
async fn choose_german(b: &Browser, base: &str) {
    b.goto(&format!("{base}/lang/de?next=%2F")).await;
}

async fn login(b: &Browser, base: &str, email: &str, password: &str) {
    b.visit(&format!("{base}/login")).await;
    b.fill("#email", email).await;
    b.fill("#password", password).await;
    b.submit("form[action='/login']").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn citizen_pages_switch_language_and_fit_a_phone() {
    let (_app, base) = app().await;
    run("citizen_pages_switch_language_and_fit_a_phone", |b| async move {
        b.visit(&format!("{base}/")).await;
        // The browser's language decides until the citizen chooses.
        assert_eq!(b.execute_json("return document.documentElement.lang").await, "en");
        choose_german(&b, &base).await;
        b.visit(&format!("{base}/")).await;
        assert_eq!(b.execute_json("return document.documentElement.lang").await, "de");
        assert!(b.text("h1").await.contains("Musterstadt"));

        b.click("a[hreflang='en']").await;
        assert_eq!(b.execute_json("return document.documentElement.lang").await, "en");
        assert!(b.text("h1").await.contains("Welcome"));
        assert_accessible(&b).await;
        b.click("a[hreflang='de']").await;
        assert_eq!(b.execute_json("return document.documentElement.lang").await, "de");

        b.visit(&format!("{base}/gibt-es-nicht")).await;
        assert_eq!(b.text("h1").await, "Seite nicht gefunden");
        b.visit(&format!("{base}/api/v1/docs")).await;

        b.set_window_size(320, 640).await;
        for path in ["/", "/login", "/api/v1/docs"] {
            b.visit(&format!("{base}{path}")).await;
            if b.overflows_horizontally().await {
                let culprits = b
                    .execute_json(
                        "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))",
                    )
                    .await;
                panic!("{path} scrolls sideways at 320 px; too wide: {culprits}");
            }
        }
        b.set_window_size(1920, 1080).await;
        b.visit(&format!("{base}/")).await;

        // Kleindorf has its own branding under its own host name.
        let kleindorf = base.replace("localhost", "kleindorf.localhost");
        b.visit(&format!("{kleindorf}/")).await;
        assert!(b.text(".brand-name").await.contains("Kleindorf"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyboard_users_can_skip_to_the_content() {
    let (_app, base) = app().await;
    run("keyboard_users_can_skip_to_the_content", |b| async move {
        b.visit(&format!("{base}/login")).await;
        b.press(Key::Tab).await;
        assert!(b.focused_element_matches("a.skip-link").await, "the first Tab reaches the skip link");
        b.press(Key::Enter).await;
        assert!(b.current_url().await.ends_with("#main"));
        // From the main content, Tab goes to the first form field.
        b.press(Key::Tab).await;
        assert!(b.focused_element_matches("#email").await, "focus continues inside main");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_login_shows_accessible_errors_then_succeeds() {
    let (_app, base) = app().await;
    run("staff_login_shows_accessible_errors_then_succeeds", |b| async move {
        choose_german(&b, &base).await;
        login(&b, &base, "admin@musterstadt.example", "falsches Passwort").await;
        assert!(b.exists(".error-summary").await, "error summary shown");
        assert!(b.focused_element_matches(".error-summary").await, "focus moves to the summary");
        assert_eq!(b.value("#email").await, "admin@musterstadt.example", "input kept");
        let title = b.execute_json("return document.title").await;
        assert!(title.as_str().unwrap_or("").starts_with("Fehler:"), "title announces the error: {title}");
        assert_accessible(&b).await;

        b.fill("#password", "Demo-Admin-Musterstadt").await;
        b.submit("form[action='/login']").await;
        assert!(b.current_url().await.ends_with("/staff"));
        assert_accessible(&b).await;
        b.submit("form[action='/logout']").await;
        assert!(b.current_url().await.contains("/login"));
        assert!(b.text(".notice").await.contains("abgemeldet"));
        assert_accessible(&b).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_manages_settings_and_staff() {
    let (_app, base) = app().await;
    run("admin_manages_settings_and_staff", |b| async move {
        choose_german(&b, &base).await;
        login(&b, &base, "admin@musterstadt.example", "Demo-Admin-Musterstadt").await;
        b.visit(&format!("{base}/admin")).await;

        // Settings: a too-light colour is refused with an accessible error.
        b.visit(&format!("{base}/admin/settings")).await;
        b.fill("#accent_colour", "#ffff00").await;
        b.submit("form[action='/admin/settings']").await;
        assert!(b.exists(".error-summary").await);
        assert!(b.text("#accent_colour-error").await.contains("zu hell"));
        assert_accessible(&b).await;
        b.fill("#accent_colour", "#6b2c91").await;
        b.submit("form[action='/admin/settings']").await;
        assert!(b.exists(".notice").await, "saved");
        assert_accessible(&b).await;

        // Staff: invite with a mistake, correct it.
        b.visit(&format!("{base}/admin/staff")).await;
        b.visit(&format!("{base}/admin/staff/invite")).await;
        b.fill("#name", "Erika Mustermann").await;
        b.fill("#email", "erika@").await;
        b.click("input[name='role'][value='clerk']").await;
        b.submit("form[action='/admin/staff/invite']").await;
        assert!(b.exists(".error-summary").await);
        assert_accessible(&b).await;
        b.fill("#email", "erika@musterstadt.example").await;
        b.submit("form[action='/admin/staff/invite']").await;
        assert!(b.current_url().await.contains("/admin/staff"));
        assert!(b.text("main").await.contains("Erika Mustermann"));
        assert_accessible(&b).await;

        b.visit(&format!("{base}/admin/audit")).await;
        assert!(b.text("main").await.contains("staff.invited"));
        b.visit(&format!("{base}/admin/outbox")).await;
        b.click("main table a").await;
        assert_accessible(&b).await;
        let body = b.text("main").await;
        let link = body
            .split_whitespace()
            .find(|w| w.contains("/account/password?token="))
            .expect("invitation link in the message")
            .trim_matches(|c: char| {
                !c.is_ascii_alphanumeric() && c != '/' && c != ':' && c != '?' && c != '=' && c != '.'
            })
            .to_owned();

        // The invitee sets a password (with a mismatch first) and signs in.
        b.submit("form[action='/logout']").await;
        b.visit(&link).await;
        b.fill("#password", "Erikas sicheres Passwort").await;
        b.fill("#password_confirm", "etwas anderes").await;
        b.submit("form[action='/account/password']").await;
        assert!(b.exists(".error-summary").await);
        assert_accessible(&b).await;
        b.fill("#password", "Erikas sicheres Passwort").await;
        b.fill("#password_confirm", "Erikas sicheres Passwort").await;
        b.submit("form[action='/account/password']").await;
        assert!(b.current_url().await.contains("notice=password-set"));
        assert_accessible(&b).await;
        login(&b, &base, "erika@musterstadt.example", "Erikas sicheres Passwort").await;
        assert!(b.current_url().await.ends_with("/staff"));
        assert!(b.text("main").await.contains("Erika Mustermann"));
    })
    .await;
}
