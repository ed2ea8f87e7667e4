//! A minimal SMTP server for tests: speaks EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP and QUIT
//! on 127.0.0.1, collects every accepted message raw, and can be told to refuse DATA with a
//! given reply, to stand in for a server that is down or rejects mail.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// A message the sink accepted.
#[derive(Debug, Clone)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// The DATA payload with dot-stuffing undone.
    pub data: String,
}

pub struct SmtpSink {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl SmtpSink {
    /// Accepts every message.
    pub async fn accepting() -> SmtpSink {
        Self::start(None).await
    }

    /// Answers the end of DATA with `reply` (e.g. `451 4.3.0 try again later`).
    pub async fn refusing_data(reply: &'static str) -> SmtpSink {
        Self::start(Some(reply)).await
    }

    async fn start(data_reply: Option<&'static str>) -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind SMTP sink");
        let addr = listener.local_addr().expect("sink address");
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, data_reply, store.clone()));
            }
        });
        SmtpSink { addr, received, task }
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn session(stream: TcpStream, data_reply: Option<&'static str>, store: Arc<Mutex<Vec<Received>>>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    let mut reply = async |text: &str| write.write_all(format!("{text}\r\n").as_bytes()).await.is_ok();
    if !reply("220 sink.test ESMTP ready").await {
        return;
    }
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_owned();
        let verb = command.split([' ', ':']).next().unwrap_or("").to_ascii_uppercase();
        let answer = match verb.as_str() {
            "EHLO" => "250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8",
            "HELO" | "NOOP" => "250 OK",
            "MAIL" => {
                from = command[10..].to_owned();
                "250 OK"
            }
            "RCPT" => {
                to.push(command[8..].to_owned());
                "250 OK"
            }
            "RSET" => {
                (from, to) = (String::new(), Vec::new());
                "250 OK"
            }
            "DATA" => {
                if !reply("354 end with <CRLF>.<CRLF>").await {
                    return;
                }
                let mut data = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                match data_reply {
                    Some(refusal) => refusal,
                    None => {
                        let message = Received { mail_from: from.clone(), rcpt_to: to.clone(), data };
                        store.lock().unwrap().push(message);
                        "250 OK queued"
                    }
                }
            }
            "QUIT" => {
                reply("221 bye").await;
                return;
            }
            _ => "502 command not implemented",
        };
        if !reply(answer).await {
            return;
        }
    }
}
