//! The public catalogue in a real browser: search from the start page, open the top result
//! and one of its locations, A–Z, topics and places, in German and English, and on a
//! 320 px phone without sideways scrolling. Every page is checked with axe (WCAG 2.0/2.1
//! A and AA). SQLite only: the pages are the same on both engines.

use crate::browser_support::{Browser, run};
use crate::support::TestApp;
use fantoccini::Locator;
use rathaus_test_db::Engine;
use std::time::Duration;

/// The catalogue pages every language and width is checked on.
const PAGES: [&str; 13] = [
    "/",
    "/suche?q=mein+Perso+ist+abgelaufen",
    "/suche?q=xqzt+vlorp",
    "/suche?q=",
    "/leistungen",
    "/leistungen/personalausweis-beantragen",
    "/themen",
    "/themen/pass-ausweis",
    "/standorte",
    "/standorte/buergerbuero-mitte",
    "/standorte/dgh-oberdorf",
    "/termine/buchen?service=personalausweis-beantragen",
    "/antrag/strassenschaden-melden",
];

async fn assert_accessible(b: &Browser) {
    if let Err(report) = b.check_accessibility().await {
        b.screenshot(&format!("{}-after-navigation", b.test_name())).await;
        panic!("{report}");
    }
}

/// Waits until the page after a click or submission shows `css` (the new page has loaded).
async fn wait_for(b: &Browser, css: &str) {
    let found = b.client().wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(css)).await;
    if let Err(error) = found {
        b.screenshot(&format!("{}-waiting", b.test_name())).await;
        panic!("{css} did not appear on {}: {error}", b.current_url().await);
    }
    b.wait_for_load().await;
}

async fn lang(b: &Browser) -> String {
    b.execute_json("return document.documentElement.lang").await.as_str().unwrap_or("").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn citizens_search_and_find_service_and_location() {
    let app = TestApp::new(Engine::Sqlite).await.expect("SQLite is always available");
    let base = app.serve().await;
    run("citizens_search_and_find_service_and_location", |b| async move {
        b.goto(&format!("{base}/lang/de?next=%2F")).await;
        b.visit(&format!("{base}/")).await;
        assert_eq!(lang(&b).await, "de");
        assert_eq!(b.text("label[for='q']").await, "Was möchten Sie erledigen?");

        // Search from the start page and open the best result.
        b.fill("#q", "mein Perso ist abgelaufen").await;
        b.submit("form.search-form").await;
        wait_for(&b, ".service-cards").await;
        assert!(b.current_url().await.contains("/suche?q=mein"), "{}", b.current_url().await);
        assert_accessible(&b).await;
        b.click(".service-card-title a").await;
        wait_for(&b, ".service-actions").await;
        assert!(b.current_url().await.ends_with("/leistungen/personalausweis-beantragen"));
        assert_accessible(&b).await;
        assert!(b.text(".service-actions").await.contains("Termin buchen"));

        // From the service to one of its locations.
        b.click("a.place-name[href='/standorte/buergerbuero-mitte']").await;
        wait_for(&b, "table.hours").await;
        assert!(b.current_url().await.ends_with("/standorte/buergerbuero-mitte"));
        assert_accessible(&b).await;
        assert!(b.exists("table.hours caption").await);
        let status = b.text(".open-status").await;
        assert!(status.contains("geöffnet") || status.contains("Geschlossen"), "{status}");

        // An empty search: the error summary takes the focus.
        b.visit(&format!("{base}/")).await;
        b.submit("form.search-form").await;
        wait_for(&b, ".error-summary").await;
        assert!(b.focused_element_matches(".error-summary").await, "focus moves to the summary");
        assert_accessible(&b).await;

        for path in PAGES {
            b.visit(&format!("{base}{path}")).await;
        }
        b.visit(&format!("{base}/standorte/video-buergerbuero")).await;

        // The same pages in English.
        b.goto(&format!("{base}/lang/en?next=%2F")).await;
        assert_eq!(lang(&b).await, "en");
        assert_eq!(b.text("label[for='q']").await, "What do you need to do?");
        for path in PAGES {
            b.visit(&format!("{base}{path}")).await;
            assert_eq!(lang(&b).await, "en", "{path}");
        }

        // A 320 px phone: nothing scrolls sideways.
        b.set_window_size(320, 640).await;
        for language in ["de", "en"] {
            b.goto(&format!("{base}/lang/{language}?next=%2F")).await;
            for path in PAGES {
                b.visit(&format!("{base}{path}")).await;
                if b.overflows_horizontally().await {
                    let culprits = b
                        .execute_json(
                            "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))",
                        )
                        .await;
                    panic!("{path} ({language}) scrolls sideways at 320 px; too wide: {culprits}");
                }
            }
        }
        b.set_window_size(1920, 1080).await;
    })
    .await;
}
