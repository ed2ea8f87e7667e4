//! Integration tests of rathaus-sms: the HTTP gateway against a real local HTTP server.

mod auth;
mod classification;
mod rendering;
mod server;
