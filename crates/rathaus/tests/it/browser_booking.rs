//! Booking in a real browser with JavaScript (the proof of work is solved by `pow.js`):
//! from the service page through place, day and time, contact, consent and summary to the
//! confirmation; the e-mail with its calendar file and manage link; rebooking and
//! cancelling through that link; and a clerk who finds the appointment in the calendar and
//! marks the citizen as arrived. Every page is checked with axe. SQLite only: the pages
//! are the same on both engines.

use crate::browser_support::{Browser, run};
use crate::support::TestApp;
use fantoccini::Locator;
use rathaus_test_db::Engine;
use std::time::Duration;

pub(crate) async fn accessible(b: &Browser) {
    if let Err(report) = b.check_accessibility().await {
        b.screenshot(&format!("{}-axe", b.test_name())).await;
        panic!("{report}");
    }
}

pub(crate) async fn wait_for(b: &Browser, css: &str) {
    let found = b.client().wait().at_most(Duration::from_secs(15)).for_element(Locator::Css(css)).await;
    if let Err(error) = found {
        b.screenshot(&format!("{}-waiting", b.test_name())).await;
        panic!("{css} did not appear on {}: {error}", b.current_url().await);
    }
    b.wait_for_load().await;
}

/// Picks the first day and the first time of the picker on the current page.
async fn pick_first_time(b: &Browser) {
    b.click(".day-list a").await;
    wait_for(b, "#times .time-option input").await;
    accessible(b).await;
    b.click("#times .time-option input").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_books_rebooks_and_cancels_and_a_clerk_marks_the_arrival() {
    let app = TestApp::with_capacity(Engine::Sqlite).await.expect("SQLite is always available");
    let base = app.serve().await;
    let db = app.db.db.clone();
    run("a_citizen_books_rebooks_and_cancels_and_a_clerk_marks_the_arrival", |b| async move {
        b.goto(&format!("{base}/lang/de?next=%2F")).await;
        b.visit(&format!("{base}/leistungen/personalausweis-beantragen")).await;
        b.click(".service-actions a[href^='/termine/buchen']").await;
        wait_for(&b, "input[name=service]:checked").await;
        accessible(&b).await;
        b.submit("form[action='/termine/buchen/standort']").await;
        wait_for(&b, "input[name=ort]").await;
        accessible(&b).await;
        b.click("#ort-buergerbuero-mitte").await;
        b.submit("form[action='/termine/buchen/zeit']").await;
        wait_for(&b, ".day-list").await;
        accessible(&b).await;
        pick_first_time(&b).await;
        // The proof of work is solved in the browser before the form goes.
        b.submit("form[action='/termine/buchen/zeit']").await;
        wait_for(&b, "#name").await;
        assert!(b.current_url().await.ends_with("/termine/buchen/kontakt"), "{}", b.current_url().await);
        accessible(&b).await;

        // Contact: an error first, then right.
        b.fill("#email", "kein-at-zeichen").await;
        b.submit("form[action='/termine/buchen/kontakt']").await;
        wait_for(&b, ".error-summary").await;
        accessible(&b).await;
        b.fill("#name", "Erika Mustermann").await;
        b.fill("#email", "erika@example.org").await;
        b.submit("form[action='/termine/buchen/kontakt']").await;
        wait_for(&b, "#consent").await;
        accessible(&b).await;
        b.click("#consent").await;
        b.submit("form[action='/termine/buchen/einwilligung']").await;
        wait_for(&b, "#book").await;
        accessible(&b).await;
        assert!(b.text("main").await.contains("Erika Mustermann"));
        b.submit("form[action='/termine/buchen/pruefen']").await;
        wait_for(&b, ".booking-code").await;
        accessible(&b).await;
        assert!(b.text("h1").await.contains("Ihr Termin ist gebucht"));
        let code = b.text(".booking-code").await;
        assert_eq!(code.len(), 6);
        assert!(b.exists("img.qr-code").await);

        // The e-mail: calendar file, QR code and the manage link, which works in the browser.
        let mails = outbox_for(&db, "erika@example.org").await;
        let mail = mails.iter().find(|m| m.subject.starts_with("Terminbestätigung")).expect("confirmation e-mail");
        assert!(mail.body_text.contains(&code));
        let names: Vec<String> = attachments_of(&db, mail.id).await.into_iter().map(|a| a.filename).collect();
        assert!(names.contains(&"termin.ics".to_owned()) && names.contains(&"termin-qr.png".to_owned()), "{names:?}");
        let link = mail.body_text.split_whitespace().find(|w| w.contains("/termine/verwalten/")).expect("manage link");
        assert!(link.starts_with(&base), "the link points at the site the citizen used: {link}");
        let manage = link.to_owned();
        b.visit(&manage).await;

        // Rebook through the link.
        b.click("a[href$='/umbuchen']").await;
        wait_for(&b, ".day-list").await;
        accessible(&b).await;
        pick_first_time(&b).await;
        b.submit("form[action$='/umbuchen']").await;
        wait_for(&b, ".notice").await;
        assert!(b.text(".notice").await.contains("verlegt"));
        accessible(&b).await;

        // A clerk finds it in the calendar and marks the arrival.
        b.goto(&format!("{base}/login")).await;
        b.fill("#email", "sachbearbeitung@musterstadt.example").await;
        b.fill("#password", "Demo-Sachbearbeitung-Musterstadt").await;
        b.submit("form[action='/login']").await;
        let id = count_in(&db, "SELECT MAX(id) FROM appointments WHERE status = 'confirmed'").await;
        let date = date_of(&db, id).await;
        b.visit(&format!("{base}/staff/termine?ort=buergerbuero-mitte&datum={date}")).await;
        assert!(b.text("main").await.contains("Erika Mustermann"));
        b.click(&format!("a[href='/staff/termine/{id}']")).await;
        wait_for(&b, "input[value=arrived]").await;
        accessible(&b).await;
        b.submit(&format!("form[action='/staff/termine/{id}/markieren']")).await;
        wait_for(&b, ".notice").await;
        accessible(&b).await;
        assert_eq!(
            count_in(&db, &format!("SELECT COUNT(*) FROM appointments WHERE id = {id} AND status = 'arrived'")).await,
            1
        );
        // A mark made by mistake is undone.
        b.submit(&format!("form[action='/staff/termine/{id}/markieren']:has(input[value=undo])")).await;
        wait_for(&b, ".notice").await;
        assert_eq!(
            count_in(&db, &format!("SELECT COUNT(*) FROM appointments WHERE id = {id} AND status = 'confirmed'")).await,
            1
        );

        // Back as the citizen: cancel through the link.
        b.visit(&manage).await;
        b.click("a[href$='/absagen']").await;
        wait_for(&b, "form[action$='/absagen']").await;
        accessible(&b).await;
        b.submit("form[action$='/absagen']").await;
        wait_for(&b, ".notice").await;
        accessible(&b).await;
        assert!(b.text(".notice").await.contains("abgesagt"));
        let spent = count_in(&db, "SELECT COUNT(*) FROM spent_tokens WHERE token_key LIKE 'pow:%'").await;
        assert!(spent >= 1, "the browser solved the proof of work");
    })
    .await;
}

async fn count_in(db: &rathaus_db::DatabaseConnection, sql: &str) -> i64 {
    use sea_orm::ConnectionTrait;
    let row = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

async fn date_of(db: &rathaus_db::DatabaseConnection, id: i64) -> String {
    let start = count_in(db, &format!("SELECT start_s FROM appointments WHERE id = {id}")).await;
    let tz = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    jiff::Timestamp::from_second(start).unwrap().to_zoned(tz).date().to_string()
}

async fn outbox_for(db: &rathaus_db::DatabaseConnection, to: &str) -> Vec<rathaus_db::entity::outbox_message::Model> {
    let t = rathaus_db::tenants::find_by_slug(db, "musterstadt").await.unwrap().unwrap().tenant_id();
    rathaus_mail::outbox::list(db, t, 100, 0).await.unwrap().into_iter().filter(|m| m.recipient == to).collect()
}

async fn attachments_of(
    db: &rathaus_db::DatabaseConnection,
    id: i64,
) -> Vec<rathaus_db::entity::outbox_attachment::Model> {
    let t = rathaus_db::tenants::find_by_slug(db, "musterstadt").await.unwrap().unwrap().tenant_id();
    let (_, infos) = rathaus_mail::outbox::get(db, t, id).await.unwrap().unwrap();
    let mut out = Vec::new();
    for i in infos {
        out.push(rathaus_mail::outbox::attachment(db, t, id, i.id).await.unwrap().unwrap());
    }
    out
}
