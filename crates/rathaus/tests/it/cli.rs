//! The `rathaus` binary as an operator uses it: version, demo load, user creation from
//! stdin, backup, audit verification, JSON logs without personal data, graceful shutdown.

use std::{
    io::Write,
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
};

fn rathaus(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rathaus"))
        .args(args)
        .env("RATHAUS_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run rathaus");
    if let Some(input) = stdin {
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
    }
    child.wait_with_output().expect("wait")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        let mut b = [0u8; 8];
        getrandom::fill(&mut b).unwrap();
        let p = std::env::temp_dir().join(format!("rathaus-cli-{}", hex::encode(b)));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    fn path(&self) -> &Path {
        &self.0
    }
    fn arg(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn version_is_printed() {
    let out = rathaus(&["--version"], None);
    assert!(out.status.success());
    assert!(text(&out).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn operator_workflow_on_sqlite() {
    let dir = TempDir::new();
    let load = rathaus(&["demo", "load", "--data-dir", dir.arg()], None);
    assert!(load.status.success(), "{}", text(&load));
    assert!(text(&load).contains("admin@musterstadt.example"), "demo logins printed");
    assert!(rathaus(&["demo", "load", "--data-dir", dir.arg()], None).status.success(), "idempotent");

    // The password comes from stdin; a weak one is refused with a clear message.
    let weak = rathaus(
        &[
            "user",
            "create",
            "--tenant",
            "musterstadt",
            "--role",
            "clerk",
            "--email",
            "neu@musterstadt.example",
            "--data-dir",
            dir.arg(),
        ],
        Some("kurz\n"),
    );
    assert!(!weak.status.success());
    assert!(text(&weak).contains("at least 12"), "{}", text(&weak));
    let ok = rathaus(
        &[
            "user",
            "create",
            "--tenant",
            "musterstadt",
            "--role",
            "clerk",
            "--email",
            "neu@musterstadt.example",
            "--data-dir",
            dir.arg(),
        ],
        Some("ein langes neues Passwort\n"),
    );
    assert!(ok.status.success(), "{}", text(&ok));
    let dup = rathaus(
        &[
            "user",
            "create",
            "--tenant",
            "musterstadt",
            "--role",
            "clerk",
            "--email",
            "neu@musterstadt.example",
            "--data-dir",
            dir.arg(),
        ],
        Some("ein langes neues Passwort\n"),
    );
    assert!(!dup.status.success(), "duplicate e-mail refused");
    let bad_role = rathaus(
        &[
            "user",
            "create",
            "--tenant",
            "musterstadt",
            "--role",
            "king",
            "--email",
            "x@musterstadt.example",
            "--data-dir",
            dir.arg(),
        ],
        Some("ein langes neues Passwort\n"),
    );
    assert!(text(&bad_role).contains("admin, supervisor or clerk"));

    let list = rathaus(&["tenant", "list", "--data-dir", dir.arg()], None);
    assert!(text(&list).contains("kleindorf") && text(&list).contains("kleindorf.localhost"));

    let verify = rathaus(&["audit", "verify", "--data-dir", dir.arg()], None);
    assert!(verify.status.success(), "{}", text(&verify));
    assert!(text(&verify).contains("intact"));

    let backup_file = dir.path().join("backup.db");
    let backup = rathaus(&["backup", "--data-dir", dir.arg(), "--output", backup_file.to_str().unwrap()], None);
    assert!(backup.status.success(), "{}", text(&backup));
    // The backup is a working database: the server's own tools read it.
    let url = format!("sqlite://{}", backup_file.display());
    let from_backup = rathaus(&["tenant", "list", "--database-url", &url], None);
    assert!(text(&from_backup).contains("musterstadt"), "{}", text(&from_backup));
    let again = rathaus(&["backup", "--data-dir", dir.arg(), "--output", backup_file.to_str().unwrap()], None);
    assert!(!again.status.success(), "never overwrites an existing file");
}

#[test]
fn audit_verify_fails_on_a_tampered_trail() {
    let dir = TempDir::new();
    assert!(rathaus(&["demo", "load", "--data-dir", dir.arg()], None).status.success());
    let db = dir.path().join("rathaus.db");
    // Someone with file access removes the triggers and rewrites history.
    tamper(&db);
    let verify = rathaus(&["audit", "verify", "--data-dir", dir.arg()], None);
    assert_eq!(verify.status.code(), Some(1), "{}", text(&verify));
    assert!(text(&verify).contains("BROKEN") && text(&verify).contains("seq 1"), "{}", text(&verify));
}

fn tamper(db: &Path) {
    let url = format!("sqlite://{}", db.display());
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        use sea_orm::ConnectionTrait;
        let conn = rathaus_db::connect(&url).await.unwrap();
        conn.execute_unprepared("DROP TRIGGER tr_audit_log_no_update").await.unwrap();
        conn.execute_unprepared("UPDATE audit_log SET actor = 'someone else' WHERE seq = 1").await.unwrap();
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_logs_json_without_personal_data_and_shuts_down_gracefully() {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
    let dir = TempDir::new();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_rathaus"))
        .args(["serve", "--demo", "--bind", "127.0.0.1:0", "--data-dir", dir.arg(), "--log-format", "json"])
        .env("RATHAUS_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut addr = String::new();
    while let Some(line) = lines.next_line().await.unwrap() {
        if let Some(a) = line.strip_prefix("rathaus listening on http://") {
            addr = a.to_owned();
            break;
        }
    }
    assert!(!addr.is_empty(), "server started");
    // A failed and a successful login: the log must not contain the e-mail address.
    for password in ["falsches Passwort!!", "Demo-Admin-Musterstadt"] {
        let client = login_over_tcp(&addr, "admin@musterstadt.example", password).await;
        assert!(client == 200 || client == 303, "login answered {client}");
    }
    let pid = child.id().unwrap().to_string();
    let status = std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(status.success());
    let exit = tokio::time::timeout(std::time::Duration::from_secs(30), child.wait()).await.expect("exits").unwrap();
    assert!(exit.success(), "graceful shutdown exits 0");
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).await.unwrap();
    assert!(stderr.contains("shut down cleanly"), "{stderr}");
    for line in stderr.lines().filter(|l| !l.trim().is_empty()) {
        assert!(serde_json::from_str::<serde_json::Value>(line).is_ok(), "not a JSON log line: {line}");
    }
    assert!(!stderr.contains("admin@musterstadt.example"), "personal data in the log: {stderr}");
    assert!(!stderr.contains("Demo-Admin-Musterstadt"), "a secret in the log");
}

/// Logs in over a raw TCP connection; returns the status code of the POST.
async fn login_over_tcp(addr: &str, email: &str, password: &str) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    async fn exchange(addr: &str, req: String) -> String {
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        s.write_all(req.as_bytes()).await.unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).await.unwrap();
        out
    }
    let page = exchange(addr, "GET /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".into()).await;
    let csrf = page.split("__Host-rathaus_csrf=").nth(1).unwrap().split(';').next().unwrap().to_owned();
    let body =
        serde_urlencoded::to_string([("csrf", csrf.as_str()), ("email", email), ("password", password)]).unwrap();
    let req = format!(
        "POST /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: __Host-rathaus_csrf={csrf}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let res = exchange(addr, req).await;
    res.split(' ').nth(1).unwrap().parse().unwrap()
}

#[test]
fn route_batch_answers_one_json_line_per_query() {
    let queries = "mein Perso ist abgelaufen\nI moved to a new flat\n\nfuhrungszeugnis\n";
    let out = rathaus(&["route", "--demo", "--batch"], Some(queries));
    assert!(out.status.success(), "{}", text(&out));
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(lines.len(), 4, "one line per input line, empty ones included");
    assert_eq!(lines[0]["query"], "mein Perso ist abgelaufen");
    assert_eq!(lines[0]["services"][0]["slug"], "personalausweis-beantragen");
    assert!(lines[0]["services"][0]["score"].as_f64().unwrap() > 0.0);
    assert!(lines[0]["services"].as_array().unwrap().len() <= 5);
    assert_eq!(lines[3]["services"][0]["slug"], "fuehrungszeugnis");
}

#[test]
fn route_uses_the_configured_database_without_demo() {
    let dir = TempDir::new();
    assert!(rathaus(&["demo", "load", "--data-dir", dir.arg()], None).status.success());
    let out = rathaus(&["route", "--data-dir", dir.arg(), "--tenant", "musterstadt", "Hund", "anmelden"], None);
    assert!(out.status.success(), "{}", text(&out));
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["services"][0]["slug"], "hundesteuer-anmelden");
    let ambiguous = rathaus(&["route", "--data-dir", dir.arg(), "Hund"], None);
    assert!(text(&ambiguous).contains("--tenant"), "two tenants: the user must choose");
}
