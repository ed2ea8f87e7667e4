//! Bare HTTP/1.1 exchanges with chromedriver, for the two things fantoccini's client does
//! not do for us: polling `/status` before a session exists, and `goog/cdp/execute`.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One bare HTTP/1.1 exchange with chromedriver, returning the status code and body.
pub(super) async fn http_request(port: u16, method: &str, path: &str, body: Option<&str>) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.ok()?;
    let body = body.unwrap_or("");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.ok()?;
    let response = read_response(&mut stream).await?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    let status = head.split(' ').nth(1)?.parse().ok()?;
    Some((status, body.to_owned()))
}

/// Reads one response up to its `Content-Length`: chromedriver says `Connection: close`
/// but keeps the socket open, so reading to the end would wait for a timeout.
async fn read_response(stream: &mut TcpStream) -> Option<String> {
    let mut response = Vec::new();
    let mut chunk = [0_u8; 4096];
    loop {
        let read = stream.read(&mut chunk).await.ok()?;
        response.extend_from_slice(&chunk[..read]);
        let text = String::from_utf8_lossy(&response);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head.lines().find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.trim().eq_ignore_ascii_case("content-length").then_some(())?;
                value.trim().parse::<usize>().ok()
            });
            if read == 0 || length.is_some_and(|length| body.len() >= length) {
                return Some(text.into_owned());
            }
        }
        if read == 0 {
            return None;
        }
    }
}
