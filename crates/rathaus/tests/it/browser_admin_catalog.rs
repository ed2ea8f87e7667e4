//! The catalogue administration in a real browser: every page visited (and every page after a
//! submission) is checked with axe-core; forms are submitted with errors and the errors read.

use crate::browser_support::{Browser, run};
use crate::support::TestApp;
use fantoccini::Locator;
use rathaus_test_db::Engine;

async fn app() -> (TestApp, String) {
    let app = TestApp::new(Engine::Sqlite).await.expect("SQLite is always available");
    let base = app.serve().await;
    (app, base)
}

/// Waits until the page after a submission shows `css` (the submit helper may return while
/// the old page is still there).
async fn wait_for(b: &Browser, css: &str) {
    if let Err(e) = b.client().wait().for_element(Locator::Css(css)).await {
        b.screenshot(&format!("{}-waiting", b.test_name())).await;
        panic!("{css} did not appear: {e}");
    }
}

async fn assert_accessible(b: &Browser) {
    if let Err(report) = b.check_accessibility().await {
        b.screenshot(&format!("{}-after-submit", b.test_name())).await;
        panic!("{report}");
    }
}

/// Signs in as Musterstadt's admin, with German chosen (headless Chromium asks for English).
async fn sign_in_as_admin(b: &Browser, base: &str) {
    b.goto(&format!("{base}/lang/de?next=%2F")).await;
    b.visit(&format!("{base}/login")).await;
    b.fill("#email", "admin@musterstadt.example").await;
    b.fill("#password", "Demo-Admin-Musterstadt").await;
    b.submit("form[action='/login']").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn catalogue_administration_is_accessible_with_errors_shown() {
    let (app, base) = app().await;
    let tenant = rathaus_db::tenants::find_by_slug(&app.db.db, "musterstadt").await.unwrap().unwrap().tenant_id();
    let mitte =
        rathaus_db::catalog::places::get_by_key(&app.db.db, tenant, "buergerbuero-mitte").await.unwrap().unwrap();
    // The file to import: the current catalogue with one service renamed.
    let mut catalog = rathaus_catalog_store::export(&app.db.db, tenant).await.unwrap();
    catalog.services.iter_mut().find(|s| s.slug == "beglaubigung").unwrap().name.de = "Beglaubigung von Kopien".into();
    let file = std::env::temp_dir().join(format!("rathaus-katalog-{}.yaml", std::process::id()));
    std::fs::write(&file, catalog.to_yaml().unwrap()).unwrap();
    let path = file.display().to_string();

    run("catalogue_administration_is_accessible_with_errors_shown", |b| async move {
        sign_in_as_admin(&b, &base).await;
        b.visit(&format!("{base}/admin")).await;
        b.click("a[href='/admin/catalog']").await;
        wait_for(&b, "a[href='/admin/catalog/transfer']").await;
        assert_eq!(b.text("h1").await, "Leistungskatalog");
        assert_accessible(&b).await;

        // The service list, and filtered.
        b.visit(&format!("{base}/admin/catalog/services")).await;
        b.visit(&format!("{base}/admin/catalog/services?department=&topic=&channel=appointment")).await;

        // A service with an error: the summary gets focus and links to the field.
        b.visit(&format!("{base}/admin/catalog/services/hundesteuer-anmelden")).await;
        b.fill("#name_de", " ").await;
        b.fill("#minutes_per_person", "0").await;
        b.submit("#catalog-form").await;
        wait_for(&b, "#name_de-error").await;
        assert!(b.focused_element_matches(".error-summary").await, "focus moves to the summary");
        assert!(b.text("#name_de-error").await.contains("Dieser Text fehlt"));
        assert!(b.text("#minutes_per_person-error").await.contains("1 bis 480"));
        assert_accessible(&b).await;

        // A place's hours with a bad day: the message is at that day only.
        b.visit(&format!("{base}/admin/catalog/places/{}", mitte.id)).await;
        b.visit(&format!("{base}/admin/catalog/places/{}/hours", mitte.id)).await;
        b.fill("#hours_tue", "25:00-26:00").await;
        b.submit(&format!("form[action='/admin/catalog/places/{}/hours']", mitte.id)).await;
        wait_for(&b, "#hours_tue-error").await;
        assert!(b.text("#hours_tue-error").await.contains("Dienstag"));
        assert!(!b.exists("#hours_mon-error").await);
        assert_accessible(&b).await;
        b.visit(&format!("{base}/admin/catalog/places/{}/counters", mitte.id)).await;
        b.visit(&format!("{base}/admin/catalog/places/{}/services", mitte.id)).await;

        // Import: a dry run of an edited export, then the result page.
        b.visit(&format!("{base}/admin/catalog/transfer")).await;
        let input = b.client().find(Locator::Css("#file")).await.expect("file input");
        input.send_keys(&path).await.expect("choose the file");
        b.click("#dry_run").await;
        b.submit("form[action='/admin/catalog/transfer']").await;
        wait_for(&b, "td[data-count='updated']").await;
        assert_eq!(b.text("h1").await, "Ergebnis des Imports");
        assert!(b.text(".notice").await.contains("Probelauf"));
        assert_eq!(b.text("td[data-count='updated']").await, "0", "departments first, unchanged");
        assert_accessible(&b).await;
    })
    .await;
    let _ = std::fs::remove_file(file);
}
