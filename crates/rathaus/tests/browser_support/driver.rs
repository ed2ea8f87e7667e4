//! The chromedriver process behind one `Browser`: found on disk, started on a free port,
//! polled until it reports ready, and killed together with its Chromium on drop.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::process::{Child, Command};

use super::wire::http_request;

/// How long chromedriver may take to answer `/status` with ready (it takes ~50 ms), and
/// how long to wait between polls.
const READY_DEADLINE: Duration = Duration::from_secs(15);
const READY_POLL_INTERVAL: Duration = Duration::from_millis(25);
/// Another process may take the free port between our probe and chromedriver's bind.
const PORT_ATTEMPTS: u32 = 3;

/// Where chromedriver and Chromium are installed.
pub(super) struct Installation {
    pub(super) chromedriver: PathBuf,
    pub(super) chromium: PathBuf,
}

impl Installation {
    /// Looks in `/usr/bin` first (Debian's `chromium` and `chromium-driver`), then on `PATH`.
    pub(super) fn find() -> Option<Self> {
        Some(Self { chromedriver: find_executable("chromedriver")?, chromium: find_executable("chromium")? })
    }
}

fn find_executable(name: &str) -> Option<PathBuf> {
    let preferred = Path::new("/usr/bin").join(name);
    if preferred.is_file() {
        return Some(preferred);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|candidate| candidate.is_file())
}

/// A running chromedriver, in a process group of its own so that dropping it also ends the
/// Chromium processes it started (they outlive a killed chromedriver otherwise).
pub(super) struct ChromeDriver {
    child: Child,
    /// Also the process group id; `None` only if the child was already reaped at spawn.
    pid: Option<u32>,
    port: u16,
    url: String,
    scratch_dir: PathBuf,
}

impl ChromeDriver {
    pub(super) async fn start(installation: &Installation) -> Result<Self, String> {
        let mut last_error = String::new();
        for _ in 0..PORT_ATTEMPTS {
            match Self::start_on_free_port(installation).await {
                Ok(driver) => return Ok(driver),
                Err(error) => last_error = error,
            }
        }
        Err(last_error)
    }

    async fn start_on_free_port(installation: &Installation) -> Result<Self, String> {
        let port = free_port()?;
        let scratch_dir = create_scratch_dir()?;
        let child = match spawn(installation, &scratch_dir, port) {
            Ok(child) => child,
            Err(error) => {
                let _ = std::fs::remove_dir_all(&scratch_dir);
                return Err(error);
            }
        };
        // From here on, dropping `driver` cleans up the process group and `scratch_dir`.
        let mut driver = Self { pid: child.id(), child, port, url: format!("http://127.0.0.1:{port}"), scratch_dir };
        driver.wait_until_ready(port).await?;
        Ok(driver)
    }

    async fn wait_until_ready(&mut self, port: u16) -> Result<(), String> {
        let deadline = tokio::time::Instant::now() + READY_DEADLINE;
        while tokio::time::Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("chromedriver exited with {status}\n{}", self.log_tail()));
            }
            if reports_ready(port).await {
                return Ok(());
            }
            tokio::time::sleep(READY_POLL_INTERVAL).await;
        }
        Err(format!("chromedriver on port {port} not ready within {READY_DEADLINE:?}\n{}", self.log_tail()))
    }

    pub(super) fn url(&self) -> &str {
        &self.url
    }

    /// Sends a Chrome DevTools Protocol command to the browser of `session_id` through
    /// chromedriver's `goog/cdp/execute` endpoint, which fantoccini does not wrap.
    pub(super) async fn execute_cdp(
        &self,
        session_id: &str,
        command: &str,
        params: serde_json::Value,
    ) -> Result<serde_json::Value, String> {
        let path = format!("/session/{session_id}/goog/cdp/execute");
        let body = serde_json::json!({ "cmd": command, "params": params }).to_string();
        let exchange = http_request(self.port, "POST", &path, Some(&body));
        let (status, response) = tokio::time::timeout(Duration::from_secs(10), exchange)
            .await
            .ok()
            .flatten()
            .ok_or_else(|| format!("no answer from chromedriver to {command}"))?;
        let response: serde_json::Value =
            serde_json::from_str(&response).map_err(|e| format!("{command}: unreadable answer ({e}): {response}"))?;
        if status != 200 {
            return Err(format!("{command} failed with HTTP {status}: {response}"));
        }
        Ok(response["value"].clone())
    }

    /// A fresh, empty Chromium profile directory for this driver's only session.
    pub(super) fn profile_dir(&self) -> PathBuf {
        self.scratch_dir.join("profile")
    }

    /// The last lines chromedriver (and Chromium through it) wrote, for failure messages.
    pub(super) fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.scratch_dir.join("chromedriver.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        let tail = lines[lines.len().saturating_sub(20)..].join("\n");
        format!("--- chromedriver log (last lines) ---\n{tail}")
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        // `kill_on_drop` only reaches chromedriver itself; the group holds Chromium too.
        // Never signal group 0 (that would be our own group).
        if let Some(pid) = self.pid.filter(|&pid| pid > 1) {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", "--", &format!("-{pid}")])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
        let _ = std::fs::remove_dir_all(&self.scratch_dir);
    }
}

fn spawn(installation: &Installation, scratch_dir: &Path, port: u16) -> Result<Child, String> {
    let log_path = scratch_dir.join("chromedriver.log");
    let log = std::fs::File::create(&log_path).map_err(|e| format!("cannot create {}: {e}", log_path.display()))?;
    let log_err = log.try_clone().map_err(|e| format!("cannot clone log file: {e}"))?;
    Command::new(&installation.chromedriver)
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log_err)
        .process_group(0)
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", installation.chromedriver.display()))
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("cannot bind a free port: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    Ok(port)
}

fn create_scratch_dir() -> Result<PathBuf, String> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    loop {
        let dir = std::env::temp_dir().join(format!(
            "rathaus-browser-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(format!("cannot create {}: {e}", dir.display())),
        }
    }
}

/// Asks chromedriver's `/status`; any failure means "not yet".
async fn reports_ready(port: u16) -> bool {
    let status = tokio::time::timeout(Duration::from_secs(1), http_request(port, "GET", "/status", None));
    match status.await {
        Ok(Some((200, body))) => body.contains("\"ready\":true"),
        _ => false,
    }
}
