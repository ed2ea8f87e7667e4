//! Several nodes on one PostgreSQL database, as real processes of the `rathaus` binary:
//! a session made on node A is valid on node B, an event published on A reaches B, and a
//! background job runs exactly once although both nodes' workers compete for it, and a
//! ticket called at a desk on node A appears on a call display connected to node B.

use rathaus_mail::{DeliveryMode, OutgoingEmail, SmtpConfig, enqueue_email};
use rathaus_test_db::{TestDb, smtp_sink::SmtpSink};
use std::{collections::HashMap, process::Stdio, time::Duration};
use tokio::{
    io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader},
    net::TcpStream,
    process::{Child, Command},
};

/// One `rathaus serve` process on a free port.
struct Node {
    addr: String,
    _child: Child,
}

impl Node {
    async fn start(db_url: &str, name: &str, smtp: &SmtpSink) -> Node {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rathaus"))
            .args(["serve", "--bind", "127.0.0.1:0", "--database-url", db_url, "--node-id", name])
            .args(["--smtp-url", &format!("smtp://{}?tls=none&timeout=5", smtp.addr)])
            .env("RATHAUS_LOG", "warn")
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("start rathaus");
        // The server prints its address once it is listening: wait for that line.
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let addr = tokio::time::timeout(Duration::from_secs(60), async {
            while let Some(line) = lines.next_line().await.expect("read stdout") {
                if let Some(addr) = line.strip_prefix("rathaus listening on http://") {
                    return addr.to_owned();
                }
            }
            panic!("node {name} exited before listening");
        })
        .await
        .expect("node started in time");
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Node { addr, _child: child }
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

/// A deliberately tiny HTTP/1.1 client (one request per connection), so the test talks to
/// the nodes exactly as a browser or load balancer would.
async fn http(node: &Node, method: &str, path: &str, cookies: &HashMap<String, String>, form: Option<&str>) -> Reply {
    let mut stream = TcpStream::connect(&node.addr).await.expect("connect");
    let cookie = cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
    let body = form.unwrap_or("");
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    if !cookie.is_empty() {
        req.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    if form.is_some() {
        req.push_str(&format!("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n", body.len()));
    }
    req.push_str("\r\n");
    req.push_str(body);
    stream.write_all(req.as_bytes()).await.expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("receive");
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").expect("HTTP response");
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status");
    let headers =
        lines.filter_map(|l| l.split_once(": ")).map(|(k, v)| (k.to_ascii_lowercase(), v.to_owned())).collect();
    Reply { status, headers, body: body.to_owned() }
}

fn keep_cookies(reply: &Reply, jar: &mut HashMap<String, String>) {
    for (_, v) in reply.headers.iter().filter(|(k, _)| k == "set-cookie") {
        let pair = v.split(';').next().unwrap_or("");
        if let Some((name, value)) = pair.split_once('=') {
            jar.insert(name.to_owned(), value.to_owned());
        }
    }
}

async fn login(node: &Node, email: &str, password: &str) -> HashMap<String, String> {
    let mut jar = HashMap::new();
    keep_cookies(&http(node, "GET", "/login", &jar, None).await, &mut jar);
    let csrf = jar[rathaus_web::csrf::COOKIE].clone();
    let form = serde_urlencoded::to_string([
        ("csrf", csrf.as_str()),
        ("email", email),
        ("password", password),
        ("next", "/staff"),
    ])
    .unwrap();
    let reply = http(node, "POST", "/login", &jar, Some(&form)).await;
    assert_eq!(reply.status, 303, "login failed: {}", reply.body);
    keep_cookies(&reply, &mut jar);
    jar
}

/// Polls `check` until it holds, for at most `limit`; returns whether it held.
async fn eventually<F: AsyncFnMut() -> bool>(limit: Duration, mut check: F) -> bool {
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        if check().await {
            return true;
        }
        if tokio::time::Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_share_sessions_events_and_jobs() {
    let Some(t) = TestDb::postgres().await else { return };
    rathaus::demo::load(&t.db).await.unwrap();
    let smtp = SmtpSink::accepting().await;
    let a = Node::start(&t.url, "node-a", &smtp).await;
    let b = Node::start(&t.url, "node-b", &smtp).await;

    // 1. A session created on A is valid on B.
    let jar = login(&a, "admin@musterstadt.example", "Demo-Admin-Musterstadt").await;
    let on_b = http(&b, "GET", "/staff", &jar, None).await;
    assert_eq!(on_b.status, 200, "session from node A must be valid on node B");
    assert!(on_b.body.contains("Demo Administration"));

    // 2. An event published on A reaches B: A publishes `tenant.changed` when the admin
    //    saves the settings, and B drops its cached tenant at once (its cache would keep
    //    the old colour for 30 s otherwise).
    let before = http(&b, "GET", "/branding.css", &HashMap::new(), None).await;
    assert!(before.body.contains("#0b5cad"), "B has cached the tenant");
    // A subscriber of our own on the database, standing in for any listener on node B.
    let observer = rathaus_worker::EventBus::start(&t.db).await.unwrap();
    let mut bus_b = observer.subscribe();
    let settings = http(&a, "GET", "/admin/settings", &jar, None).await;
    assert_eq!(settings.status, 200, "settings page");
    let mut fields = form_fields(&settings.body, "/admin/settings");
    fields.retain(|(k, _)| k != "accent_colour");
    fields.push(("accent_colour".into(), "#6b2c91".into()));
    let form = serde_urlencoded::to_string(&fields).unwrap();
    let saved = http(&a, "POST", "/admin/settings", &jar, Some(&form)).await;
    assert_eq!(saved.status, 303, "settings saved on A: {}", saved.body);
    let event = tokio::time::timeout(Duration::from_secs(10), bus_b.recv()).await.expect("event arrives").unwrap();
    assert_eq!(event.topic, "tenant.changed");
    let fresh = eventually(Duration::from_secs(10), async || {
        http(&b, "GET", "/branding.css", &HashMap::new(), None).await.body.contains("#6b2c91")
    })
    .await;
    assert!(fresh, "node B must follow node A's change through the event");

    // 3. Jobs run exactly once: 30 e-mails, two competing workers.
    let tenant = rathaus_db::tenants::find_by_slug(&t.db, "musterstadt").await.unwrap().unwrap().tenant_id();
    let mode = DeliveryMode::Smtp(
        SmtpConfig::from_url(&format!("smtp://{}?tls=none", smtp.addr), "test <t@example.org>").unwrap(),
    );
    let already = smtp.received().len();
    for i in 0..30 {
        let msg = OutgoingEmail {
            tenant,
            to: rathaus_domain::Email::parse(&format!("person{i}@example.org")).unwrap(),
            subject: format!("cluster message {i}"),
            text: "hello".into(),
            html: None,
            attachments: vec![],
        };
        enqueue_email(&t.db, &mode, msg).await.unwrap();
    }
    let all_done = eventually(Duration::from_secs(60), async || {
        pending_mail(&t.db).await == 0 && smtp.received().len() >= already + 30
    })
    .await;
    assert!(all_done, "the workers delivered the messages");
    let subjects: Vec<String> = smtp
        .received()
        .iter()
        .filter_map(|m| m.data.lines().find(|l| l.starts_with("Subject: cluster message")).map(str::to_owned))
        .collect();
    let unique: std::collections::BTreeSet<_> = subjects.iter().collect();
    assert_eq!(subjects.len(), 30, "each message was sent exactly once");
    assert_eq!(unique.len(), 30);
}

/// Queued `mail.send` jobs (the periodic jobs of housekeeping and booking are always queued).
async fn pending_mail(db: &rathaus_db::DatabaseConnection) -> i64 {
    use sea_orm::ConnectionTrait;
    let sql = "SELECT COUNT(*) FROM jobs WHERE kind = 'mail.send' AND state = 'queued'";
    let row = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

/// The named fields of the form posting to `action`, with their current values
/// (inputs, checked checkboxes, selected options) — what a browser would submit.
fn form_fields(html: &str, action: &str) -> Vec<(String, String)> {
    let start = html.find(&format!("action=\"{action}\"")).expect("form present");
    let form = &html[start..html[start..].find("</form>").map_or(html.len(), |e| start + e)];
    let attr = |tag: &str, name: &str| -> Option<String> {
        let key = format!(" {name}=\"");
        let i = tag.find(&key)? + key.len();
        Some(tag[i..].split('"').next()?.replace("&#35;", "#").replace("&amp;", "&"))
    };
    let mut out = Vec::new();
    for part in form.split('<').skip(1) {
        let tag = part.split('>').next().unwrap_or("");
        if tag.starts_with("input") {
            let Some(name) = attr(tag, "name") else { continue };
            let kind = attr(tag, "type").unwrap_or_default();
            if (kind == "checkbox" || kind == "radio") && !tag.contains(" checked") {
                continue;
            }
            out.push((name, attr(tag, "value").unwrap_or_default()));
        } else if tag.starts_with("select") {
            let name = attr(tag, "name").unwrap_or_default();
            let rest = &form[form.find(tag).unwrap_or(0)..];
            let select = &rest[..rest.find("</select>").unwrap_or(rest.len())];
            let chosen = select
                .split("<option")
                .skip(1)
                .find(|o| o.split('>').next().unwrap_or("").contains(" selected"))
                .and_then(|o| attr(o.split('>').next().unwrap_or(""), "value"))
                .unwrap_or_default();
            out.push((name, chosen));
        }
    }
    out
}

/// Posts a form with the CSRF token of `jar` (fetching a page first for the cookie).
async fn post(node: &Node, path: &str, jar: &mut HashMap<String, String>, fields: &[(&str, &str)]) -> Reply {
    if !jar.contains_key(rathaus_web::csrf::COOKIE) {
        keep_cookies(&http(node, "GET", "/login", jar, None).await, jar);
    }
    let csrf = jar[rathaus_web::csrf::COOKIE].clone();
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    let reply = http(node, "POST", path, jar, Some(&serde_urlencoded::to_string(&all).unwrap())).await;
    keep_cookies(&reply, jar);
    reply
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_at_a_desk_on_node_a_reaches_a_display_on_node_b() {
    use crate::front_desk::{Sse, current_labels};
    let Some(t) = TestDb::postgres().await else { return };
    rathaus::demo::load(&t.db).await.unwrap();
    let smtp = SmtpSink::accepting().await;
    let a = Node::start(&t.url, "node-a", &smtp).await;
    let b = Node::start(&t.url, "node-b", &smtp).await;
    let scalar = async |sql: &str| -> i64 {
        use sea_orm::ConnectionTrait;
        let row =
            t.db.query_one_raw(sea_orm::Statement::from_string(t.db.get_database_backend(), sql))
                .await
                .unwrap()
                .unwrap();
        row.try_get_by_index::<i64>(0).unwrap()
    };
    let tenant = scalar("SELECT id FROM tenants WHERE slug = 'musterstadt'").await;
    let place =
        scalar(&format!("SELECT id FROM places WHERE tenant_id = {tenant} AND key = 'buergerbuero-mitte'")).await;
    let counter = scalar(&format!("SELECT MIN(id) FROM counters WHERE place_id = {place}")).await;

    // The admin registers a display on A; the display enrols on B and listens there.
    let mut admin = login(&a, "admin@musterstadt.example", "Demo-Admin-Musterstadt").await;
    let place_text = place.to_string();
    let created =
        post(&a, "/admin/geraete", &mut admin, &[("name", "Anzeige"), ("kind", "display"), ("place", &place_text)])
            .await;
    let start = created.body.find("class=\"enrolment-code\"><strong>").expect("code") + 31;
    let code = created.body[start..start + 12].to_owned();
    let mut display = HashMap::new();
    let enrolled = post(&b, "/geraet", &mut display, &[("code", &code)]).await;
    assert_eq!(enrolled.status, 303, "{}", enrolled.body);
    let mut board = Sse::open(&b.addr, "/anzeige/live", &display, None).await;
    assert!(current_labels(&board.next().await.data).is_empty());

    // A walk-in arrives (through the database and the bus, as from a terminal anywhere).
    let events = rathaus_worker::EventBus::start(&t.db).await.unwrap();
    let service =
        scalar(&format!("SELECT id FROM services WHERE tenant_id = {tenant} AND slug = 'beglaubigung'")).await;
    let scope = rathaus_front_desk::Scope { db: &t.db, events: &events, tenant: rathaus_db::TenantId(tenant) };
    let request = rathaus_front_desk::checkin::WalkIn {
        place_id: place,
        services: &[service],
        priority: false,
        language: "de",
        channel: rathaus_front_desk::checkin::Channel::Terminal,
    };
    let tz = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    rathaus_front_desk::checkin::walk_in(
        scope,
        &tz,
        request,
        &rathaus_front_desk::Actor::Citizen,
        jiff::Timestamp::now(),
    )
    .await
    .unwrap();
    assert_eq!(board.until(|s| s["waiting"] == 1).await.data["waiting"], 1, "B learns of the new ticket");

    // The clerk calls on node A; node B's display shows it.
    let mut clerk = login(&a, "sachbearbeitung@musterstadt.example", "Demo-Sachbearbeitung-Musterstadt").await;
    assert_eq!(post(&a, "/schalter/anmelden", &mut clerk, &[("counter", &counter.to_string())]).await.status, 303);
    assert_eq!(post(&a, "/schalter/aufrufen", &mut clerk, &[]).await.status, 303);
    let called = board.until(|s| !current_labels(s).is_empty()).await;
    assert_eq!(current_labels(&called.data), ["W-001"]);
}
