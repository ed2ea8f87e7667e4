//! The citizen booking flow through its pages, as a browser without JavaScript: service,
//! place, day, time (hold), contact, consent, summary, booking; the confirmation e-mail
//! with its calendar file and QR code; the manage page; rebooking and cancelling; and the
//! clear answers for an expired hold, a taken time and a double submit.

use crate::booking_test;
use crate::support::*;
use axum::http::StatusCode;
use rathaus_db::{TenantId, tenants};

const AUSWEIS: &str = "personalausweis-beantragen";

/// The value of the first `<input … name="NAME" value="…">` in a page, or of the `n`th.
pub fn input_value(html: &str, name: &str, n: usize) -> Option<String> {
    let needle = format!("name=\"{name}\" value=\"");
    let mut rest = html;
    let mut found = 0;
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        let value = after.split('"').next()?.to_owned();
        if found == n {
            return Some(unescape(&value));
        }
        found += 1;
        rest = after;
    }
    None
}

/// The `href` of the first day link of a time page.
pub fn first_day_link(html: &str) -> String {
    let list = html.split("class=\"day-list\"").nth(1).expect("a day list");
    let href = list.split("href=\"").nth(1).unwrap().split('"').next().unwrap();
    unescape(href).split('#').next().unwrap().to_owned()
}

/// Undoes HTML escaping of attribute values (`&amp;`, `&#38;`, `&#x3d;`, …).
pub fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(end) = tail.find(';') else {
            out.push_str(tail);
            return out;
        };
        let entity = &tail[1..end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => out.push(c),
            None => out.push_str(&tail[..=end]),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

pub async fn musterstadt(app: &TestApp) -> TenantId {
    tenants::find_by_slug(&app.db.db, "musterstadt").await.unwrap().unwrap().tenant_id()
}

pub async fn outbox(app: &TestApp) -> Vec<rathaus_db::entity::outbox_message::Model> {
    rathaus_mail::outbox::list(&app.db.db, musterstadt(app).await, 100, 0).await.unwrap()
}

/// Goes through steps 1–3 and holds the first free time; returns the time page's path.
pub async fn hold_first_time(c: &mut Client) -> String {
    let res = c.get(&format!("/termine/buchen/zeit?service={AUSWEIS}&persons=1&ort=buergerbuero-mitte")).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let day = first_day_link(&res.body);
    let path = format!("/termine/buchen/zeit{day}");
    let page = c.get(&path).await;
    assert_eq!(page.status, StatusCode::OK, "{path}");
    let time = input_value(&page.body, "zeit", 0).expect("a free time on the first day");
    let date = input_value(&page.body, "datum", 0).unwrap();
    let pass = input_value(&page.body, "pass", 0).expect("the no-JavaScript pass");
    let res = c
        .post_form(
            "/termine/buchen/zeit",
            &[
                ("service", AUSWEIS),
                ("persons", "1"),
                ("ort", "buergerbuero-mitte"),
                ("datum", &date),
                ("zeit", &time),
                ("pass", &pass),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), "/termine/buchen/kontakt");
    assert!(c.cookies.contains_key("__Host-rathaus_hold"));
    path
}

/// Steps 4–6 after a hold: contact, consent, summary and booking. Returns the manage path.
pub async fn complete_booking(c: &mut Client, email: &str) -> String {
    let res =
        c.post_form("/termine/buchen/kontakt", &[("name", "Erika Mustermann"), ("email", email), ("phone", "")]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = c.post_form("/termine/buchen/einwilligung", &[("consent", "1")]).await;
    assert_eq!(res.location(), "/termine/buchen/pruefen");
    let summary = c.get("/termine/buchen/pruefen").await;
    assert!(summary.body.contains("Erika Mustermann"));
    let key = input_value(&summary.body, "key", 0).unwrap();
    let res = c.post_form("/termine/buchen/pruefen", &[("key", &key)]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let manage = res.location().to_owned();
    assert!(manage.starts_with("/termine/verwalten/") && manage.ends_with("?neu=1"), "{manage}");
    manage.trim_end_matches("?neu=1").to_owned()
}

booking_test!(
    async fn a_citizen_books_gets_the_email_rebooks_and_cancels(app) {
        let mut c = app.client(MUSTERSTADT);
        // Step 1 preselects the service the citizen came from; step 2 lists the places.
        let start = c.get(&format!("/termine/buchen?service={AUSWEIS}")).await;
        assert_eq!(start.status, StatusCode::OK);
        assert!(start.body.contains(&format!("value=\"{AUSWEIS}\" checked")), "preselected");
        let places = c.get(&format!("/termine/buchen/standort?service={AUSWEIS}&persons=1")).await;
        assert_eq!(places.status, StatusCode::OK, "{}", places.body);
        assert!(places.body.contains("value=\"buergerbuero-mitte\"") && places.body.contains("value=\"alle\""));

        hold_first_time(&mut c).await;
        let contact = c.get("/termine/buchen/kontakt").await;
        assert!(contact.body.contains("Diese Zeit ist für Sie reserviert"), "the hold is shown");
        let manage = complete_booking(&mut c, "erika@example.org").await;
        assert!(!c.cookies.contains_key("__Host-rathaus_hold"), "the hold cookie is gone after booking");

        let page = c.get(&format!("{manage}?neu=1")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Ihr Termin ist gebucht"));
        let code = page.body.split("class=\"booking-code\">").nth(1).unwrap().split('<').next().unwrap().to_owned();
        assert_eq!(code.len(), 6, "{code}");

        // The confirmation e-mail: booking code, manage link, .ics and QR code.
        let mails = outbox(&app).await;
        let mail = mails.iter().find(|m| m.recipient == "erika@example.org").expect("confirmation e-mail");
        assert!(mail.subject.starts_with("Terminbestätigung"), "{}", mail.subject);
        assert!(mail.body_text.contains(&code));
        assert!(mail.body_text.contains(&format!("http://localhost{manage}")), "manage link in the mail");
        let files = attachments(&app, mail.id).await;
        let ics = files.iter().find(|f| f.filename == "termin.ics").expect(".ics attached");
        assert_eq!(ics.content_type, "text/calendar; method=REQUEST; charset=UTF-8");
        let ics_text = String::from_utf8(ics.content.clone()).unwrap();
        assert!(ics_text.contains("METHOD:REQUEST\r\n") && ics_text.contains("BEGIN:VEVENT\r\n"));
        assert!(files.iter().any(|f| f.filename == "termin-qr.png" && f.content.starts_with(b"\x89PNG")));

        // The manage page's calendar file and QR code.
        let cal = c.get(&format!("{manage}/termin.ics")).await;
        assert_eq!(cal.status, StatusCode::OK);
        assert!(cal.content_type().starts_with("text/calendar"));
        let qr = c.get(&format!("{manage}/qr.svg")).await;
        assert_eq!(qr.content_type(), "image/svg+xml");
        assert!(qr.body.contains("<svg"));

        // Rebook: another day's first time.
        let rebook = c.get(&format!("{manage}/umbuchen")).await;
        assert_eq!(rebook.status, StatusCode::OK, "{}", rebook.body);
        let days: Vec<&str> = rebook.body.split("class=\"day-list\"").nth(1).unwrap().split("href=\"?datum=").skip(1).collect();
        let other_day = days.get(1).or(days.first()).unwrap().split('#').next().unwrap().to_owned();
        let day_page = c.get(&format!("{manage}/umbuchen?datum={other_day}")).await;
        let time = input_value(&day_page.body, "zeit", 1).or_else(|| input_value(&day_page.body, "zeit", 0)).unwrap();
        let moved = c.post_form(&format!("{manage}/umbuchen"), &[("datum", &other_day), ("zeit", &time)]).await;
        assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
        assert_eq!(moved.location(), format!("{manage}?verlegt=1"));
        let after = c.get(&format!("{manage}?verlegt=1")).await;
        assert!(after.body.contains("Ihr Termin wurde verlegt"));
        assert!(after.body.contains(&code), "the booking code stays");
        let moved_mail = outbox(&app).await.into_iter().find(|m| m.subject.starts_with("Ihr Termin wurde verlegt"));
        assert!(moved_mail.is_some(), "the move is e-mailed");

        // Cancel: asks first, then frees the time and confirms.
        let ask = c.get(&format!("{manage}/absagen")).await;
        assert!(ask.body.contains("wirklich absagen"));
        let cancelled = c.post_form(&format!("{manage}/absagen"), &[]).await;
        assert_eq!(cancelled.location(), format!("{manage}?abgesagt=1"));
        let page = c.get(&format!("{manage}?abgesagt=1")).await;
        assert!(page.body.contains("Ihr Termin ist abgesagt"));
        assert!(!page.body.contains("/umbuchen\""), "no rebooking of a cancelled appointment");
        let cancel_mail = outbox(&app).await.into_iter().find(|m| m.subject.starts_with("Ihr Termin ist abgesagt")).unwrap();
        let files = attachments(&app, cancel_mail.id).await;
        assert_eq!(files[0].content_type, "text/calendar; method=CANCEL; charset=UTF-8");
        // Cancelling again changes nothing.
        let again = c.post_form(&format!("{manage}/absagen"), &[]).await;
        assert_eq!(again.status, StatusCode::SEE_OTHER);
    }
);

booking_test!(
    async fn a_double_submit_books_once(app) {
        let mut c = app.client(MUSTERSTADT);
        hold_first_time(&mut c).await;
        c.post_form("/termine/buchen/kontakt", &[("name", "Max"), ("email", "max@example.org")]).await;
        c.post_form("/termine/buchen/einwilligung", &[("consent", "1")]).await;
        let summary = c.get("/termine/buchen/pruefen").await;
        let key = input_value(&summary.body, "key", 0).unwrap();
        let hold_cookie = c.cookies.get("__Host-rathaus_hold").cloned().unwrap();
        let first = c.post_form("/termine/buchen/pruefen", &[("key", &key)]).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER);
        // The second click still carries the hold cookie.
        c.cookies.insert("__Host-rathaus_hold".into(), hold_cookie);
        let second = c.post_form("/termine/buchen/pruefen", &[("key", &key)]).await;
        assert_eq!(second.status, StatusCode::OK, "{}", second.body);
        assert!(second.body.contains("bereits gebucht"));
        let n: i64 = count(&app, "SELECT COUNT(*) FROM appointments WHERE status = 'confirmed'").await;
        assert_eq!(n, 1, "one appointment");
        let mails = outbox(&app).await.into_iter().filter(|m| m.recipient == "max@example.org").count();
        assert_eq!(mails, 1, "one confirmation");
    }
);

booking_test!(
    async fn forms_explain_what_is_missing_and_an_expired_hold_is_said_plainly(app) {
        let mut c = app.client(MUSTERSTADT);
        // Step 2 without a service, or with too many persons, goes back to step 1 with errors.
        let none = c.get("/termine/buchen/standort?persons=1").await;
        assert_eq!(none.status, StatusCode::OK);
        assert!(none.body.contains("error-summary") && none.body.contains("href=\"#services\""));
        let many = c.get(&format!("/termine/buchen/standort?service={AUSWEIS}&persons=zwölf")).await;
        assert!(many.body.contains("href=\"#persons\""));
        // Without a hold, the later steps say the reservation is gone.
        let gone = c.get("/termine/buchen/kontakt").await;
        assert_eq!(gone.status, StatusCode::OK);
        assert!(gone.body.contains("Reservierung ist abgelaufen"));
        // With a hold: missing name and contact are reported at the fields.
        hold_first_time(&mut c).await;
        let bad = c.post_form("/termine/buchen/kontakt", &[("name", ""), ("email", "kein-at"), ("phone", "")]).await;
        assert_eq!(bad.status, StatusCode::OK);
        assert!(bad.body.contains("href=\"#name\"") && bad.body.contains("href=\"#email\""), "{}", bad.body);
        let neither = c.post_form("/termine/buchen/kontakt", &[("name", "Erika"), ("email", ""), ("phone", "")]).await;
        assert!(neither.body.contains("E-Mail-Adresse oder eine Mobilnummer"));
        c.post_form("/termine/buchen/kontakt", &[("name", "Erika"), ("phone", "0170 1234567")]).await;
        let no_consent = c.post_form("/termine/buchen/einwilligung", &[]).await;
        assert!(no_consent.body.contains("href=\"#consent\""));
        // A malformed time value is a clear 200 with an error, never a 500.
        let res = c
            .post_form(
                "/termine/buchen/zeit",
                &[("service", AUSWEIS), ("persons", "1"), ("ort", "buergerbuero-mitte"), ("zeit", "nonsense")],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.body.contains("Wählen Sie eine Uhrzeit"));
        // The hold expires: the summary then says so.
        sqlx_exec(&app, "UPDATE appointments SET held_until_s = 1 WHERE status = 'held'").await;
        sqlx_exec(&app, "UPDATE capacity_slots SET held_until_s = 1 WHERE hold_id IS NOT NULL").await;
        let expired = c.get("/termine/buchen/pruefen").await;
        assert!(expired.body.contains("Reservierung ist abgelaufen"));
    }
);

booking_test!(
    async fn a_taken_time_offers_the_next_free_ones(app) {
        let mut first = app.client(MUSTERSTADT);
        let mut second = app.client(MUSTERSTADT);
        let res = first.get(&format!("/termine/buchen/zeit?service={AUSWEIS}&persons=1&ort=buergerbuero-sued")).await;
        let day = first_day_link(&res.body);
        let page = first.get(&format!("/termine/buchen/zeit{day}")).await;
        let time = input_value(&page.body, "zeit", 0).unwrap();
        let date = input_value(&page.body, "datum", 0).unwrap();
        let form = |pass: &str| {
            vec![
                ("service", AUSWEIS.to_owned()),
                ("persons", "1".to_owned()),
                ("ort", "buergerbuero-sued".to_owned()),
                ("datum", date.clone()),
                ("zeit", time.clone()),
                ("pass", pass.to_owned()),
            ]
        };
        // Süd has three counters: three holds of the same time succeed, the fourth is refused.
        for n in 0..3 {
            let mut c = app.client(MUSTERSTADT);
            let pass = input_value(&c.get(&format!("/termine/buchen/zeit{day}")).await.body, "pass", 0).unwrap();
            let fields = form(&pass);
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let res = c.post_form("/termine/buchen/zeit", &fields).await;
            assert_eq!(res.status, StatusCode::SEE_OTHER, "hold {n}: {}", res.body);
        }
        let pass = input_value(&second.get(&format!("/termine/buchen/zeit{day}")).await.body, "pass", 0).unwrap();
        let fields = form(&pass);
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = second.post_form("/termine/buchen/zeit", &fields).await;
        assert_eq!(refused.status, StatusCode::OK);
        assert!(refused.body.contains("nicht mehr frei"), "{}", refused.body);
        assert!(refused.body.contains("Diese Zeiten sind noch frei"), "alternatives offered");
    }
);

/// The attachments of an outbox message, with content.
pub async fn attachments(app: &TestApp, message_id: i64) -> Vec<rathaus_db::entity::outbox_attachment::Model> {
    let t = musterstadt(app).await;
    let (_, infos) = rathaus_mail::outbox::get(&app.db.db, t, message_id).await.unwrap().unwrap();
    let mut out = Vec::new();
    for i in infos {
        out.push(rathaus_mail::outbox::attachment(&app.db.db, t, message_id, i.id).await.unwrap().unwrap());
    }
    out
}

/// A single number from SQL (the tests do not trust the code under test for counts).
pub async fn count(app: &TestApp, sql: &str) -> i64 {
    use sea_orm::ConnectionTrait;
    let db = &app.db.db;
    let row = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

pub async fn sqlx_exec(app: &TestApp, sql: &str) {
    use sea_orm::ConnectionTrait;
    let db = &app.db.db;
    db.execute_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
}
