//! The front desk through its pages, on both engines: devices are enrolled once and
//! revoked with one click; an appointment checks in at the terminal (and on the phone) and
//! is called, served and finished at a counter; walk-ins get numbers in sequence;
//! counters call only what they handle; unanswered calls park a ticket; transfers keep the
//! place; concurrent check-ins and calls never share a number or a ticket; supervisors see
//! figures and edit the rules; the display and the phone follow live over SSE and catch up
//! after a reconnect.

use crate::app_test;
use crate::booking_flow::{count, musterstadt, sqlx_exec};
use crate::support::*;
use axum::http::StatusCode;

const ADMIN: &str = "admin@musterstadt.example";
const CLERK: &str = "sachbearbeitung@musterstadt.example";
const SUPERVISOR: &str = "teamleitung@musterstadt.example";
const MITTE: &str = "buergerbuero-mitte";

/// The enrolment code shown once after creating a device.
fn enrolment_code(html: &str) -> String {
    let start = html.find("class=\"enrolment-code\"><strong>").expect("code shown") + 31;
    html[start..start + 12].to_owned()
}

/// A browser enrolled as a device of `kind` at the Mitte office.
pub async fn enrolled(app: &TestApp, kind: &str) -> Client {
    let mut admin = app.signed_in(MUSTERSTADT, ADMIN).await;
    let place = place_id(app, MITTE).await.to_string();
    let created = admin.post_form("/admin/geraete", &[("name", "Eingang"), ("kind", kind), ("place", &place)]).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let code = enrolment_code(&created.body);
    let mut device = app.client(MUSTERSTADT);
    let res = device.post_form("/geraet", &[("code", &code.to_lowercase())]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    device
}

pub async fn place_id(app: &TestApp, key: &str) -> i64 {
    let t = musterstadt(app).await;
    count(app, &format!("SELECT id FROM places WHERE tenant_id = {} AND key = '{key}'", t.0)).await
}

async fn counter_id(app: &TestApp, name: &str) -> i64 {
    let place = place_id(app, MITTE).await;
    count(app, &format!("SELECT id FROM counters WHERE place_id = {place} AND name = '{name}'")).await
}

async fn service_id(app: &TestApp, slug: &str) -> i64 {
    let t = musterstadt(app).await;
    count(app, &format!("SELECT id FROM services WHERE tenant_id = {} AND slug = '{slug}'", t.0)).await
}

/// A confirmed appointment at Mitte starting `minutes` from now, with a known booking code
/// and manage token; returns its id.
pub async fn appointment_in(app: &TestApp, code: &str, manage_token: &str, minutes: i64) -> i64 {
    let t = musterstadt(app).await.0;
    let place = place_id(app, MITTE).await;
    let counter = counter_id(app, "Schalter 1").await;
    let service = service_id(app, "personalausweis-beantragen").await;
    let now = rathaus_db::now();
    let start = now + minutes * 60;
    let hash = rathaus_db::token_hash(manage_token);
    sqlx_exec(
        app,
        &format!(
            "INSERT INTO appointments (tenant_id, place_id, counter_id, start_s, end_s, status, booking_code, \
             manage_token_hash, channel, persons, name, email, created_at, confirmed_at, language, sequence) \
             VALUES ({t}, {place}, {counter}, {start}, {}, 'confirmed', '{code}', '{hash}', 'online', 1, \
             'Erika Mustermann', 'erika@example.org', {now}, {now}, 'de', 0)",
            start + 900
        ),
    )
    .await;
    let id = count(app, &format!("SELECT id FROM appointments WHERE booking_code = '{code}'")).await;
    sqlx_exec(
        app,
        &format!(
            "INSERT INTO appointment_services (tenant_id, appointment_id, service_id, persons, minutes) \
             VALUES ({t}, {id}, {service}, 1, 15)"
        ),
    )
    .await;
    id
}

fn ticket_number(html: &str) -> String {
    let start = html.find("class=\"ticket-number\">").expect("ticket number") + 22;
    html[start..].split('<').next().unwrap().to_owned()
}

fn follow_link(html: &str) -> String {
    let start = html.find("/warteschlange/").expect("follow link");
    html[start..start + 15 + 48].to_owned()
}

app_test!(
    async fn a_device_enrols_once_sees_only_its_role_and_is_revoked_with_one_click(app) {
        let mut admin = app.signed_in(MUSTERSTADT, ADMIN).await;
        let place = place_id(&app, MITTE).await.to_string();
        let created = admin.post_form("/admin/geraete", &[("name", "Terminal Eingang"), ("kind", "terminal"), ("place", &place)]).await;
        let code = enrolment_code(&created.body);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM devices WHERE credential_hash IS NULL").await, 1);
        assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM devices WHERE enrolment_hash = '{code}'")).await, 0, "only a hash is stored");

        let mut anonymous = app.client(MUSTERSTADT);
        let res = anonymous.get("/terminal").await;
        assert_eq!((res.status, res.location()), (StatusCode::SEE_OTHER, "/geraet"));

        let mut terminal = app.client(MUSTERSTADT);
        let res = terminal.post_form("/geraet", &[("code", &code)]).await;
        assert_eq!((res.status, res.location()), (StatusCode::SEE_OTHER, "/terminal"));
        let cookie = res.headers.get("set-cookie").unwrap().to_str().unwrap().to_owned();
        assert!(cookie.starts_with("__Host-rathaus_device=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
        let start = terminal.get("/terminal").await;
        assert_eq!(start.status, StatusCode::OK, "{}", start.body);
        assert!(start.body.contains("name=\"code\"") && start.body.contains("/terminal/ohne-termin"));
        // A terminal is no display, and the code works once.
        assert_eq!(terminal.get("/anzeige").await.status, StatusCode::FORBIDDEN);
        let mut thief = app.client(MUSTERSTADT);
        let again = thief.post_form("/geraet", &[("code", &code)]).await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(again.body.contains("error-summary"));
        assert_eq!(thief.post_form("/geraet", &[("code", "")]).await.status, StatusCode::UNPROCESSABLE_ENTITY);

        // The credential is worthless under another tenant's host.
        let mut elsewhere = app.client(KLEINDORF);
        elsewhere.cookies = terminal.cookies.clone();
        assert_eq!(elsewhere.get("/terminal").await.status, StatusCode::SEE_OTHER);

        // Only admins manage devices; revoking is one click.
        let mut clerk = app.signed_in(MUSTERSTADT, CLERK).await;
        assert_eq!(clerk.get("/admin/geraete").await.status, StatusCode::FORBIDDEN);
        let list = admin.get("/admin/geraete").await;
        assert!(list.body.contains("Terminal Eingang") && list.body.contains("aktiv"));
        let id = count(&app, "SELECT id FROM devices").await;
        let revoked = admin.post_form(&format!("/admin/geraete/{id}/sperren"), &[]).await;
        assert_eq!(revoked.status, StatusCode::SEE_OTHER);
        let res = terminal.get("/terminal").await;
        assert_eq!((res.status, res.location()), (StatusCode::SEE_OTHER, "/geraet"));
        assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action IN ('device.create', 'device.enrol', 'device.revoke')").await, 3);
        let bad = admin.post_form("/admin/geraete", &[("name", ""), ("kind", "toaster"), ("place", "x")]).await;
        assert_eq!(bad.status, StatusCode::OK);
        assert!(bad.body.contains("error-summary"));
    }
);

app_test!(
    async fn an_appointment_checks_in_at_the_terminal_is_called_served_and_finished(app) {
        let id = appointment_in(&app, "KX7M29", &"a".repeat(48), 2).await;
        appointment_in(&app, "LATER2", &"b".repeat(48), 45).await;
        let mut terminal = enrolled(&app, "terminal").await;

        let unknown = terminal.post_form("/terminal/einchecken", &[("code", "ZZZZZZ")]).await;
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(unknown.body.contains("keinen Termin"), "{}", unknown.body);
        let early = terminal.post_form("/terminal/einchecken", &[("code", "LATER2")]).await;
        assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
        // 45 minutes ahead is too early – or, late in the evening, tomorrow.
        let tz = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
        let now = jiff::Timestamp::now();
        let later = now.checked_add(jiff::SignedDuration::from_mins(45)).unwrap();
        if later.to_zoned(tz.clone()).date() == now.to_zoned(tz).date() {
            assert!(early.body.contains("ab ") && early.body.contains("möglich"), "{}", early.body);
        } else {
            assert!(early.body.contains("nicht heute"), "{}", early.body);
        }

        // As scanned or typed: case and spaces do not matter.
        let ticket = terminal.post_form("/terminal/einchecken", &[("code", " kx7m 29 ")]).await;
        assert_eq!(ticket.status, StatusCode::OK, "{}", ticket.body);
        assert_eq!(ticket_number(&ticket.body), "A-001");
        assert!(ticket.body.contains("Personalausweis") && ticket.body.contains("qr.svg"));
        assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM appointments WHERE id = {id} AND status = 'arrived'")).await, 1);
        let follow = follow_link(&ticket.body);
        let twice = terminal.post_form("/terminal/einchecken", &[("code", "KX7M29")]).await;
        assert!(twice.body.contains("bereits eingecheckt"));

        let mut phone = app.client(MUSTERSTADT);
        let page = phone.get(&follow).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("A-001") && page.body.contains("sobald ein Schalter geöffnet ist"), "{}", page.body);
        assert_eq!(phone.get(&format!("{follow}/qr.svg")).await.content_type(), "image/svg+xml");
        assert_eq!(phone.get("/warteschlange/nonsense").await.status, StatusCode::NOT_FOUND);

        // The clerk signs in at a counter; the estimate appears.
        let mut clerk = app.signed_in(MUSTERSTADT, CLERK).await;
        let choose = clerk.get("/schalter").await;
        assert!(choose.body.contains("Schalter 1"), "{}", choose.body);
        let counter = counter_id(&app, "Schalter 1").await.to_string();
        let res = clerk.post_form("/schalter/anmelden", &[("counter", &counter)]).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let page = phone.get(&follow).await;
        assert!(page.body.contains("Minuten") || page.body.contains("gleich an der Reihe"), "{}", page.body);

        let desk = clerk.get("/schalter").await;
        assert!(desk.body.contains("A-001") && desk.body.contains("data-key=\"n\""), "{}", desk.body);
        let called = clerk.post_form("/schalter/aufrufen", &[]).await;
        assert_eq!(called.status, StatusCode::SEE_OTHER, "{}", called.body);
        let desk = clerk.get("/schalter").await;
        assert!(desk.body.contains("KX7M29") && desk.body.contains("Erika Mustermann"), "the appointment is shown");
        assert!(phone.get(&follow).await.body.contains("Bitte kommen Sie zu Schalter 1"));
        assert_eq!(count(&app, "SELECT COUNT(*) FROM queue_events WHERE kind = 'called' AND label = 'A-001'").await, 1);
        // Nobody else waits; a second call is refused while one is at the counter.
        let busy = clerk.post_form("/schalter/aufrufen", &[]).await;
        assert_eq!(busy.status, StatusCode::CONFLICT);
        clerk.post_form("/schalter/aktion", &[("step", "recall")]).await;
        assert_eq!(count(&app, "SELECT CAST(calls AS BIGINT) FROM tickets").await, 2);
        let started = clerk.post_form("/schalter/aktion", &[("step", "start")]).await;
        assert_eq!(started.status, StatusCode::SEE_OTHER);
        let service = service_id(&app, "personalausweis-beantragen").await.to_string();
        let done = clerk.post_form("/schalter/aktion", &[("step", "finish"), ("done", &service)]).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets WHERE status = 'done' AND finished_at IS NOT NULL").await, 1);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM ticket_services WHERE done = 1").await, 1);
        assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM appointments WHERE id = {id} AND status = 'completed'")).await, 1);
        assert!(phone.get(&follow).await.body.contains("erledigt"));
        let desk = clerk.get("/schalter").await;
        assert!(desk.body.contains("Bediente</dt><dd>1</dd>"), "{}", desk.body);
        let audited = count(&app, "SELECT COUNT(*) FROM audit_log WHERE action IN ('ticket.check_in', 'desk.sign_in', 'ticket.called', 'ticket.recalled', 'ticket.start', 'ticket.finish')").await;
        assert_eq!(audited, 6);
        let bogus = clerk.post_form("/schalter/aktion", &[("step", "explode")]).await;
        assert_eq!(bogus.status, StatusCode::BAD_REQUEST);
        let stale = clerk.post_form("/schalter/aktion", &[("step", "finish")]).await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "nothing at the counter any more");
    }
);

app_test!(
    async fn the_citizen_checks_in_on_the_phone_within_the_window(app) {
        let token = "c".repeat(48);
        appointment_in(&app, "PHONE2", &token, 2).await;
        appointment_in(&app, "FAR234", &"d".repeat(48), 120).await;
        let mut phone = app.client(MUSTERSTADT);
        let manage = phone.get(&format!("/termine/verwalten/{token}")).await;
        assert!(manage.body.contains("/einchecken"), "{}", manage.body);
        let far = phone.get(&format!("/termine/verwalten/{}", "d".repeat(48))).await;
        assert!(!far.body.contains("/einchecken"), "not yet two hours before");
        let res = phone.post_form(&format!("/termine/verwalten/{token}/einchecken"), &[]).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        assert!(res.location().starts_with("/warteschlange/"));
        let page = phone.get(res.location()).await;
        assert!(page.body.contains("A-001"));
        assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets WHERE channel = 'phone'").await, 1);
        let manage = phone.get(&format!("/termine/verwalten/{token}")).await;
        assert!(manage.body.contains("Eingecheckt") && !manage.body.contains("/einchecken\""));
        let again = phone.post_form(&format!("/termine/verwalten/{token}/einchecken"), &[]).await;
        assert_eq!(again.location(), format!("/termine/verwalten/{token}"));
        assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets").await, 1);
    }
);

app_test!(
    async fn walk_ins_queue_in_order_counters_call_only_their_services_and_transfers_keep_the_place(app) {
        let mut terminal = enrolled(&app, "terminal").await;
        let meldung = service_id(&app, "beglaubigung").await;
        let fund = service_id(&app, "fundsachen").await;
        let first = terminal.post_form("/terminal/ohne-termin", &[("service", &meldung.to_string())]).await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.body);
        assert_eq!(ticket_number(&first.body), "W-001");
        let second = terminal.post_form("/terminal/ohne-termin", &[("service", &fund.to_string())]).await;
        assert_eq!(ticket_number(&second.body), "W-002");
        let third = terminal.post_form("/terminal/ohne-termin", &[("service", &meldung.to_string())]).await;
        assert_eq!(ticket_number(&third.body), "W-003");
        let unknown = terminal.post_form("/terminal/ohne-termin", &[("service", "999999")]).await;
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(terminal.post_form("/terminal/ohne-termin", &[("service", "x")]).await.status, StatusCode::BAD_REQUEST);

        // Schalter 2 handles lost property only.
        let c1 = counter_id(&app, "Schalter 1").await;
        let c2 = counter_id(&app, "Schalter 2").await;
        let t = musterstadt(&app).await.0;
        sqlx_exec(&app, &format!("INSERT INTO counter_services (tenant_id, counter_id, service_id) VALUES ({t}, {c2}, {fund})")).await;
        let mut clerk = app.signed_in(MUSTERSTADT, CLERK).await;
        let mut supervisor = app.signed_in(MUSTERSTADT, SUPERVISOR).await;
        clerk.post_form("/schalter/anmelden", &[("counter", &c2.to_string())]).await;
        clerk.post_form("/schalter/aufrufen", &[]).await;
        assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM tickets WHERE status = 'called' AND counter_id = {c2} AND number = 2")).await, 1, "W-002, the one it handles");
        // Counter 1 is taken by nobody; the supervisor takes it and calls W-001 first.
        let taken = supervisor.post_form("/schalter/anmelden", &[("counter", &c2.to_string())]).await;
        assert_eq!(taken.status, StatusCode::CONFLICT, "one clerk per counter");
        supervisor.post_form("/schalter/anmelden", &[("counter", &c1.to_string())]).await;
        supervisor.post_form("/schalter/aufrufen", &[]).await;
        assert_eq!(count(&app, &format!("SELECT CAST(number AS BIGINT) FROM tickets WHERE status = 'called' AND counter_id = {c1}")).await, 1);
        // W-001 needs another service: back in line, still before W-003.
        let res = supervisor.post_form("/schalter/aktion", &[("step", "transfer"), ("to_service", &fund.to_string())]).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        supervisor.post_form("/schalter/aufrufen", &[]).await;
        assert_eq!(count(&app, &format!("SELECT CAST(number AS BIGINT) FROM tickets WHERE status = 'called' AND counter_id = {c1}")).await, 1, "the transfer kept its place");
        let missing = supervisor.post_form("/schalter/aktion", &[("step", "transfer")]).await;
        assert_eq!(missing.status, StatusCode::OK);
        assert!(missing.body.contains("error-summary"));
        // Pause: no calls.
        clerk.post_form("/schalter/aktion", &[("step", "start")]).await;
        clerk.post_form("/schalter/aktion", &[("step", "finish"), ("done", &fund.to_string())]).await;
        clerk.post_form("/schalter/pause", &[("paused", "1")]).await;
        assert!(clerk.get("/schalter").await.body.contains("In Pause"));
    }
);

app_test!(
    async fn unanswered_calls_park_a_ticket_that_comes_back_at_its_place(app) {
        let mut terminal = enrolled(&app, "terminal").await;
        let meldung = service_id(&app, "beglaubigung").await.to_string();
        terminal.post_form("/terminal/ohne-termin", &[("service", &meldung)]).await;
        terminal.post_form("/terminal/ohne-termin", &[("service", &meldung)]).await;
        let mut clerk = app.signed_in(MUSTERSTADT, CLERK).await;
        let c1 = counter_id(&app, "Schalter 1").await.to_string();
        clerk.post_form("/schalter/anmelden", &[("counter", &c1)]).await;
        // Default rule: three unanswered calls park it; before that it goes back in line first.
        for round in 1..=3 {
            clerk.post_form("/schalter/aufrufen", &[]).await;
            assert_eq!(count(&app, "SELECT CAST(number AS BIGINT) FROM tickets WHERE status = 'called'").await, 1, "round {round}");
            clerk.post_form("/schalter/aktion", &[("step", "unanswered")]).await;
        }
        assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets WHERE number = 1 AND status = 'parked' AND unanswered = 3").await, 1);
        let desk = clerk.get("/schalter").await;
        assert!(desk.body.contains("W-001 zurückholen"));
        let id = count(&app, "SELECT id FROM tickets WHERE number = 1").await;
        clerk.post_form(&format!("/schalter/zurueckholen/{id}"), &[]).await;
        clerk.post_form("/schalter/aufrufen", &[]).await;
        assert_eq!(count(&app, "SELECT CAST(number AS BIGINT) FROM tickets WHERE status = 'called'").await, 1, "back at its old place");
        clerk.post_form("/schalter/aktion", &[("step", "no_show")]).await;
        assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets WHERE number = 1 AND status = 'no_show'").await, 1);
    }
);

app_test!(
    async fn concurrent_check_ins_and_calls_never_share_a_number_or_a_ticket(app) {
        let t = musterstadt(&app).await;
        let place = place_id(&app, MITTE).await;
        let meldung = service_id(&app, "beglaubigung").await;
        let tz = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
        let mut tasks = Vec::new();
        for _ in 0..24 {
            let (db, events, tz) = (app.state.db.clone(), app.state.events.clone(), tz.clone());
            tasks.push(tokio::spawn(async move {
                use rathaus_front_desk::checkin::{Channel, WalkIn};
                let scope = rathaus_front_desk::Scope { db: &db, events: &events, tenant: t };
                let request = WalkIn { place_id: place, services: &[meldung], priority: false, language: "de", channel: Channel::Terminal };
                rathaus_front_desk::checkin::walk_in(scope, &tz, request, &rathaus_front_desk::Actor::Citizen, jiff::Timestamp::now())
                .await
                .map(|i| i.ticket.number)
            }));
        }
        let mut numbers = Vec::new();
        for task in tasks {
            numbers.push(task.await.unwrap().expect("every check-in gets a number"));
        }
        numbers.sort();
        assert_eq!(numbers, (1..=24).collect::<Vec<_>>());

        // Three clerks at three counters call at once: three different tickets.
        let logins = [CLERK, SUPERVISOR, ADMIN];
        let mut users = Vec::new();
        for email in logins {
            users.push(count(&app, &format!("SELECT id FROM users WHERE email = '{email}'")).await);
        }
        let mut calls = Vec::new();
        for (i, user) in users.iter().enumerate() {
            let counter = counter_id(&app, &format!("Schalter {}", i + 1)).await;
            rathaus_db::front_desk::desks::sign_in(&app.state.db, t, place, counter, *user, false, rathaus_db::now()).await.unwrap();
            let (db, events, user) = (app.state.db.clone(), app.state.events.clone(), *user);
            calls.push(tokio::spawn(async move {
                let actor = rathaus_front_desk::Actor::Citizen;
                let scope = rathaus_front_desk::Scope { db: &db, events: &events, tenant: t };
                rathaus_front_desk::desk::call_next(scope, user, &actor, rathaus_db::now()).await.map(|t| t.id)
            }));
        }
        let mut called = Vec::new();
        for c in calls {
            called.push(c.await.unwrap().expect("each counter gets one"));
        }
        called.sort();
        called.dedup();
        assert_eq!(called.len(), users.len());
        assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets WHERE status = 'called'").await, users.len() as i64);
    }
);

app_test!(
    async fn supervisors_see_queue_figures_as_table_chart_and_csv_and_edit_the_rules(app) {
        let mut terminal = enrolled(&app, "terminal").await;
        let meldung = service_id(&app, "beglaubigung").await.to_string();
        terminal.post_form("/terminal/ohne-termin", &[("service", &meldung)]).await;
        let mut clerk = app.signed_in(MUSTERSTADT, CLERK).await;
        clerk.post_form("/schalter/anmelden", &[("counter", &counter_id(&app, "Schalter 1").await.to_string())]).await;
        clerk.post_form("/schalter/aufrufen", &[]).await;
        clerk.post_form("/schalter/aktion", &[("step", "start")]).await;
        clerk.post_form("/schalter/aktion", &[("step", "finish"), ("done", &meldung)]).await;

        assert_eq!(clerk.get("/staff/warteschlange").await.status, StatusCode::FORBIDDEN, "supervisors only");
        let mut supervisor = app.signed_in(MUSTERSTADT, SUPERVISOR).await;
        let page = supervisor.get("/staff/warteschlange").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("<svg role=\"img\"") && page.body.contains("Kopien und Unterschriften") && page.body.contains("Schalter 1"));
        let csv = supervisor.get("/staff/warteschlange.csv").await;
        assert_eq!(csv.content_type(), "text/csv; charset=utf-8");
        assert!(csv.body.starts_with("dimension,key,tickets") && csv.body.contains("total,,1,0"), "{}", csv.body);
        assert!(csv.body.lines().any(|l| l.starts_with("service,Kopien und Unterschriften amtlich beglaubigen,1,0")), "{}", csv.body);
        let odd = supervisor.get("/staff/warteschlange?von=gestern&bis=2026-13-45").await;
        assert_eq!(odd.status, StatusCode::OK, "bad dates fall back to the last week");

        let place = place_id(&app, MITTE).await.to_string();
        let bad = supervisor
            .post_form("/staff/warteschlange/einstellungen", &[("place", &place), ("appointment_prefix", "T"), ("walk_in_prefix", "T"), ("checkin_before_minutes", "lots")])
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("error-summary"));
        let saved = supervisor
            .post_form(
                "/staff/warteschlange/einstellungen",
                &[("place", &place), ("appointment_prefix", "T"), ("walk_in_prefix", "O"), ("checkin_before_minutes", "30"),
                  ("early_call_minutes", "5"), ("late_grace_minutes", "15"), ("max_wait_minutes", "45"), ("max_unanswered", "2"), ("notify_minutes", "5")],
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        let next = terminal.post_form("/terminal/ohne-termin", &[("service", &meldung)]).await;
        assert_eq!(next.status, StatusCode::UNPROCESSABLE_ENTITY, "walk-ins were switched off");
        assert!(next.body.contains("keine Wartenummern ohne Termin") || !next.body.contains("ohne-termin\""), "{}", next.body);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'queue.settings'").await, 1);
    }
);

/// A server-sent-event stream read over a plain TCP connection, as a browser would.
pub struct Sse {
    lines: tokio::io::Lines<tokio::io::BufReader<tokio::net::TcpStream>>,
}

/// One `state` message: its id and JSON data.
pub struct SseState {
    pub id: u64,
    pub data: serde_json::Value,
}

impl Sse {
    /// Opens `path` on the server at `base` (`http://localhost:PORT` or `HOST:PORT`).
    pub async fn open<'a>(
        base: &str,
        path: &str,
        cookies: impl IntoIterator<Item = (&'a String, &'a String)>,
        last_id: Option<u64>,
    ) -> Sse {
        use tokio::io::{AsyncBufReadExt, AsyncWriteExt};
        let addr = match base.strip_prefix("http://localhost:") {
            Some(port) => format!("127.0.0.1:{port}"),
            None => base.to_owned(),
        };
        let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
        let cookie = cookies.into_iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
        let last = last_id.map(|id| format!("Last-Event-ID: {id}\r\n")).unwrap_or_default();
        let req = format!(
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nCookie: {cookie}\r\n{last}\r\n"
        );
        stream.write_all(req.as_bytes()).await.expect("send");
        let mut lines = tokio::io::BufReader::new(stream).lines();
        let status = lines.next_line().await.expect("read").expect("status line");
        assert!(status.contains(" 200 "), "{status}");
        while let Some(line) = lines.next_line().await.expect("headers") {
            if line.is_empty() {
                break;
            }
        }
        Sse { lines }
    }

    /// The next `state` message (chunked transfer framing and comments are skipped).
    pub async fn next(&mut self) -> SseState {
        let read = async {
            let (mut id, mut event, mut data) = (None, None, None);
            while let Some(line) = self.lines.next_line().await.expect("read event") {
                if let Some(v) = line.strip_prefix("id: ").or_else(|| line.strip_prefix("id:")) {
                    id = v.trim().parse().ok();
                } else if let Some(v) = line.strip_prefix("event: ").or_else(|| line.strip_prefix("event:")) {
                    event = Some(v.trim().to_owned());
                } else if let Some(v) = line.strip_prefix("data: ").or_else(|| line.strip_prefix("data:")) {
                    data = Some(v.to_owned());
                } else if line.is_empty() && event.as_deref() == Some("state") {
                    let data = serde_json::from_str(data.as_deref().expect("data")).expect("JSON data");
                    return SseState { id: id.expect("an event id"), data };
                }
            }
            panic!("stream ended");
        };
        tokio::time::timeout(std::time::Duration::from_secs(20), read).await.expect("an event in time")
    }

    /// Reads messages until one satisfies `ready`.
    pub async fn until(&mut self, ready: impl Fn(&serde_json::Value) -> bool) -> SseState {
        loop {
            let s = self.next().await;
            if ready(&s.data) {
                return s;
            }
        }
    }
}

pub fn current_labels(board: &serde_json::Value) -> Vec<String> {
    board["current"].as_array().unwrap().iter().map(|c| c["label"].as_str().unwrap().to_owned()).collect()
}

app_test!(
    async fn the_display_and_the_phone_follow_calls_live_and_catch_up_after_a_reconnect(app) {
        let base = app.serve().await;
        let display = enrolled(&app, "display").await;
        let mut terminal = enrolled(&app, "terminal").await;
        let service = service_id(&app, "beglaubigung").await.to_string();
        let first = terminal.post_form("/terminal/ohne-termin", &[("service", &service)]).await;
        terminal.post_form("/terminal/ohne-termin", &[("service", &service)]).await;
        let follow = follow_link(&first.body);

        let mut board = Sse::open(&base, "/anzeige/live", &display.cookies, None).await;
        let start = board.next().await;
        assert!(current_labels(&start.data).is_empty());
        assert_eq!(start.data["waiting"], 2);
        let mut phone = Sse::open(&base, &format!("{follow}/live"), &std::collections::BTreeMap::new(), None).await;
        assert_eq!(phone.next().await.data["status"], "waiting");

        let mut clerk = app.signed_in(MUSTERSTADT, CLERK).await;
        clerk.post_form("/schalter/anmelden", &[("counter", &counter_id(&app, "Schalter 1").await.to_string())]).await;
        clerk.post_form("/schalter/aufrufen", &[]).await;
        let called = board.until(|b| !current_labels(b).is_empty()).await;
        assert_eq!(current_labels(&called.data), ["W-001"]);
        assert_eq!(called.data["current"][0]["counter"], "Schalter 1");
        assert!(called.data["current"][0]["say_en"].as_str().unwrap().contains("W 1"));
        assert!(called.id > start.id);
        let mine = phone.until(|s| s["status"] == "called").await;
        assert!(mine.data["detail"].as_str().unwrap().contains("Schalter 1"));

        // The display loses its connection; meanwhile W-001 is done and W-002 is called.
        drop(board);
        clerk.post_form("/schalter/aktion", &[("step", "start")]).await;
        clerk.post_form("/schalter/aktion", &[("step", "finish"), ("done", &service)]).await;
        clerk.post_form("/schalter/aufrufen", &[]).await;
        // Let this node's feed settle, so what follows is catch-up and not a live update.
        let mut feed = app.state.queues.subscribe(musterstadt(&app).await, place_id(&app, MITTE).await).await;
        tokio::time::timeout(std::time::Duration::from_secs(20), async {
            // Both the call log and the queue of one snapshot show W-002 called.
            let settled = |live: &rathaus_web::live::Live| {
                live.calls.first().is_some_and(|c| c.label == "W-002")
                    && live.queue.as_ref().is_some_and(|q| {
                        q.active.iter().any(|a| a.ticket.number == 2 && a.ticket.status == "called")
                    })
            };
            while !settled(&feed.borrow_and_update()) {
                feed.changed().await.expect("feed alive");
            }
        })
        .await
        .expect("the feed shows the call");
        let mut board = Sse::open(&base, "/anzeige/live", &display.cookies, Some(called.id)).await;
        let caught_up = board.next().await;
        assert_eq!(current_labels(&caught_up.data), ["W-002"], "the first message after reconnecting is the current state");
        assert!(caught_up.id > called.id);
        let recent: Vec<&str> = caught_up.data["recent"].as_array().unwrap().iter().map(|c| c["label"].as_str().unwrap()).collect();
        assert_eq!(recent, ["W-001"]);
        assert_eq!(phone.until(|s| s["status"] == "done").await.data["label"], "W-001");

        // Without a device credential there is no stream.
        let mut anonymous = app.client(MUSTERSTADT);
        assert_eq!(anonymous.get("/anzeige/live").await.status, StatusCode::SEE_OTHER);
    }
);

app_test!(
    async fn a_clerk_gives_a_waiting_ticket_priority_and_it_is_called_first(app) {
        let mut terminal = enrolled(&app, "terminal").await;
        let service = service_id(&app, "beglaubigung").await.to_string();
        terminal.post_form("/terminal/ohne-termin", &[("service", &service)]).await;
        terminal.post_form("/terminal/ohne-termin", &[("service", &service)]).await;
        let mut clerk = app.signed_in(MUSTERSTADT, CLERK).await;
        clerk.post_form("/schalter/anmelden", &[("counter", &counter_id(&app, "Schalter 1").await.to_string())]).await;
        let second = count(&app, "SELECT id FROM tickets WHERE number = 2").await;
        let res = clerk.post_form(&format!("/schalter/vorrang/{second}"), &[("priority", "1")]).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        assert!(clerk.get("/schalter").await.body.contains("Vorrang für W-002 aufheben"));
        clerk.post_form("/schalter/aufrufen", &[]).await;
        assert_eq!(count(&app, "SELECT CAST(number AS BIGINT) FROM tickets WHERE status = 'called'").await, 2);
        let stale = clerk.post_form(&format!("/schalter/vorrang/{second}"), &[("priority", "0")]).await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "a called ticket's priority no longer matters");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'ticket.priority'").await, 1);
    }
);
