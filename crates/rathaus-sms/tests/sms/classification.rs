//! The answer decides: 2xx sent (with the provider id if configured), 408/429/5xx,
//! timeouts and refused connections are transient, other 4xx permanent. No error names the
//! number or the text; no `Debug` shows a secret.

use crate::server::Gateway;
use rathaus_sms::{E164, GatewayConfig, GatewayParts, HttpGateway, SentSms, Sms, SmsError, SmsGateway};
use std::time::Duration;

const NUMBER: &str = "+4917012345678";
const TEXT: &str = "Erinnerung: Ihr Termin morgen";

fn sms() -> Sms {
    Sms { to: E164::parse(NUMBER).unwrap(), text: TEXT.into(), sender: None }
}

const BODY: &str = r#"{"to":"{{to}}","text":"{{text}}"}"#;

async fn send_to(gateway: &Gateway, parts: GatewayParts<'_>) -> Result<SentSms, SmsError> {
    gateway.client("/send", GatewayParts { body: Some(BODY), ..parts }).send(&sms()).await
}

fn assert_private(error: &SmsError) {
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains(NUMBER) && !shown.contains("4917012345678") && !shown.contains(TEXT), "{shown}");
}

#[tokio::test]
async fn success_reads_the_provider_id() {
    let gateway = Gateway::answering(200, r#"{"messages":[{"id":"msg-42","status":"queued"}]}"#).await;
    let sent = send_to(&gateway, GatewayParts { id_field: Some("messages.0.id"), ..Default::default() }).await;
    assert_eq!(sent, Ok(SentSms { provider_id: Some("msg-42".into()) }));
    let plain = send_to(&gateway, GatewayParts::default()).await;
    assert_eq!(plain, Ok(SentSms { provider_id: None }));

    let not_json = Gateway::answering(202, "OK 12345").await;
    let sent = send_to(&not_json, GatewayParts { id_field: Some("id"), ..Default::default() }).await;
    assert_eq!(sent, Ok(SentSms { provider_id: None }), "accepted, only the id is missing");
}

#[tokio::test]
async fn client_errors_are_permanent() {
    for status in [400, 401, 404, 422] {
        let gateway = Gateway::answering(status, &format!("invalid number {NUMBER}")).await;
        let error = send_to(&gateway, GatewayParts::default()).await.unwrap_err();
        assert_eq!(error, SmsError::Permanent(format!("gateway refused the message with HTTP {status}")));
        assert_private(&error);
    }
}

#[tokio::test]
async fn server_errors_and_throttling_are_transient() {
    for status in [408, 429, 500, 503] {
        let gateway = Gateway::answering(status, &format!("try later {NUMBER}")).await;
        let error = send_to(&gateway, GatewayParts::default()).await.unwrap_err();
        assert_eq!(error, SmsError::Transient(format!("gateway answered HTTP {status}")));
        assert_private(&error);
    }
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let gateway = Gateway::answering(302, "").await;
    let error = send_to(&gateway, GatewayParts::default()).await.unwrap_err();
    assert!(matches!(error, SmsError::Permanent(_)), "{error:?}");
}

#[tokio::test]
async fn a_timeout_is_transient() {
    let gateway = Gateway::slow(Duration::from_secs(5)).await;
    let error = send_to(&gateway, GatewayParts { timeout: Some("1"), ..Default::default() }).await.unwrap_err();
    assert_eq!(error, SmsError::Transient("gateway request timed out".into()));
    assert_eq!(gateway.received().len(), 1);
}

#[tokio::test]
async fn a_refused_connection_is_transient_and_names_no_url() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let url = format!("http://{closed}/send/{{{{to}}}}?text={{{{text}}}}");
    let config =
        GatewayConfig::from_parts(GatewayParts { url: &url, method: Some("GET"), ..Default::default() }).unwrap();
    let error = HttpGateway::new(config).unwrap().send(&sms()).await.unwrap_err();
    assert_eq!(error, SmsError::Transient("gateway connection failed".into()));
    assert_private(&error);
}

#[tokio::test]
async fn debug_shows_no_secret_or_number() {
    let gateway = Gateway::answering(200, "").await;
    let client = gateway.client(
        "/send?key=s3cret-url",
        GatewayParts { auth: Some("bearer:s3cret-token"), body: Some(BODY), ..Default::default() },
    );
    let shown = format!("{client:?} {:?}", sms());
    for hidden in ["s3cret-url", "s3cret-token", NUMBER, TEXT] {
        assert!(!shown.contains(hidden), "{hidden} in {shown}");
    }
}
