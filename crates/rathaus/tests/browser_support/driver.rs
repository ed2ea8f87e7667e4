//! The chromedriver process behind one `Browser`: found on disk, started on a free port,
//! polled until it reports ready, and killed together with its Chromium on drop.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

/// How often, and how far apart, chromedriver's `/status` is asked before giving up.
const READY_POLLS: u32 = 200;
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
        Some(Self {
            chromedriver: find_executable("chromedriver")?,
            chromium: find_executable("chromium")?,
        })
    }
}

fn find_executable(name: &str) -> Option<PathBuf> {
    let preferred = Path::new("/usr/bin").join(name);
    if preferred.is_file() {
        return Some(preferred);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// A running chromedriver, in a process group of its own so that dropping it also ends the
/// Chromium processes it started (they outlive a killed chromedriver otherwise).
pub(super) struct ChromeDriver {
    child: Child,
    /// Also the process group id; `None` only if the child was already reaped at spawn.
    pid: Option<u32>,
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
        let mut driver = Self {
            pid: child.id(),
            child,
            url: format!("http://127.0.0.1:{port}"),
            scratch_dir,
        };
        driver.wait_until_ready(port).await?;
        Ok(driver)
    }

    async fn wait_until_ready(&mut self, port: u16) -> Result<(), String> {
        for _ in 0..READY_POLLS {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("chromedriver exited with {status}\n{}", self.log_tail()));
            }
            if reports_ready(port).await {
                return Ok(());
            }
            tokio::time::sleep(READY_POLL_INTERVAL).await;
        }
        Err(format!(
            "chromedriver on port {port} not ready after {READY_POLLS} polls\n{}",
            self.log_tail()
        ))
    }

    pub(super) fn url(&self) -> &str {
        &self.url
    }

    /// A fresh, empty Chromium profile directory for this driver's only session.
    pub(super) fn profile_dir(&self) -> PathBuf {
        self.scratch_dir.join("profile")
    }

    /// The last lines chromedriver (and Chromium through it) wrote, for failure messages.
    pub(super) fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.scratch_dir.join("chromedriver.log"))
            .unwrap_or_default();
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
    let log = std::fs::File::create(&log_path)
        .map_err(|e| format!("cannot create {}: {e}", log_path.display()))?;
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
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| format!("cannot bind a free port: {e}"))?;
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

/// Asks chromedriver's `/status` over a bare HTTP/1.1 request; any failure means "not yet".
async fn reports_ready(port: u16) -> bool {
    let attempt = async {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).await.ok()?;
        let request =
            format!("GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.ok()?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response).await.ok()?;
        let response = String::from_utf8_lossy(&response);
        Some(response.starts_with("HTTP/1.1 200") && response.contains("\"ready\":true"))
    };
    tokio::time::timeout(Duration::from_secs(2), attempt)
        .await
        .ok()
        .flatten()
        .unwrap_or(false)
}
