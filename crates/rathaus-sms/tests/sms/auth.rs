//! Every authentication mode arrives as the header the provider expects.

use crate::server::Gateway;
use rathaus_sms::{E164, GatewayParts, Sms, SmsGateway};

async fn authorization_headers(auth: Option<&str>) -> (Option<String>, Option<String>) {
    let gateway = Gateway::answering(200, "").await;
    let parts = GatewayParts { auth, body: Some("{{to}} {{text}}"), ..Default::default() };
    let sms = Sms { to: E164::parse("+4917012345678").unwrap(), text: "Hallo".into(), sender: None };
    gateway.client("/send", parts).send(&sms).await.unwrap();
    let r = gateway.only();
    (r.header("authorization").map(str::to_owned), r.header("x-api-key").map(str::to_owned))
}

#[tokio::test]
async fn none_sends_no_credentials() {
    assert_eq!(authorization_headers(None).await, (None, None));
    assert_eq!(authorization_headers(Some("none")).await, (None, None));
}

#[tokio::test]
async fn bearer_token() {
    assert_eq!(authorization_headers(Some("bearer:tok.en-1")).await, (Some("Bearer tok.en-1".into()), None));
}

#[tokio::test]
async fn basic_user_and_password() {
    // base64("rathaus:geh:eim"): the password keeps its colon.
    let expected = Some("Basic cmF0aGF1czpnZWg6ZWlt".into());
    assert_eq!(authorization_headers(Some("basic:rathaus:geh:eim")).await, (expected, None));
}

#[tokio::test]
async fn own_header() {
    assert_eq!(authorization_headers(Some("header:X-Api-Key:k3y:v")).await, (None, Some("k3y:v".into())));
}
