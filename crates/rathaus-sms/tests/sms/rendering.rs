//! The request is rendered as configured: JSON and form bodies with their escaping, GET
//! with the template as query string, placeholders in the URL percent-encoded.

use crate::server::Gateway;
use rathaus_sms::{E164, GatewayParts, Sms, SmsGateway};

/// Quotes, a backslash, a newline, umlauts, `&` and `+`: everything that breaks naive
/// escaping.
const TEXT: &str = "Ihr Termin \"Ummeldung\" am 03.03. um 09:30 – Bürgerbüro & Co.\nMitbringen: Pass + Foto \\ ß";
const NUMBER: &str = "+4917012345678";

fn sms(sender: Option<&str>) -> Sms {
    Sms { to: E164::parse(NUMBER).unwrap(), text: TEXT.to_owned(), sender: sender.map(str::to_owned) }
}

#[tokio::test]
async fn json_body_escapes_values_inside_the_strings() {
    let gateway = Gateway::answering(200, "").await;
    let body = r#"{"messages":[{"to":"{{to}}","text":"{{text}}","from":"{{sender}}"}]}"#;
    let client = gateway
        .client("/v1/messages", GatewayParts { body: Some(body), sender: Some("Rathaus"), ..Default::default() });
    client.send(&sms(None)).await.unwrap();

    let r = gateway.only();
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/v1/messages"));
    assert_eq!(r.header("content-type"), Some("application/json"));
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(json["messages"][0]["to"], NUMBER);
    assert_eq!(json["messages"][0]["text"], TEXT);
    assert_eq!(json["messages"][0]["from"], "Rathaus");
}

#[tokio::test]
async fn form_body_is_urlencoded_and_the_message_sender_wins() {
    let gateway = Gateway::answering(201, "").await;
    let parts = GatewayParts {
        body: Some("To={{to}}&From={{sender}}&Body={{text}}"),
        content_type: Some("application/x-www-form-urlencoded"),
        sender: Some("Rathaus"),
        ..Default::default()
    };
    gateway.client("/accounts/AC42/messages", parts).send(&sms(Some("Standesamt"))).await.unwrap();

    let r = gateway.only();
    assert_eq!(r.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert!(r.body.contains("%2B49170") && !r.body.contains('\n'), "{}", r.body);
    let pairs = r.form_pairs();
    let expected = [("To", NUMBER), ("From", "Standesamt"), ("Body", TEXT)];
    assert_eq!(pairs, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
}

#[tokio::test]
async fn other_content_types_get_the_values_as_they_are() {
    let gateway = Gateway::answering(200, "").await;
    let parts = GatewayParts {
        body: Some("{{to}}\n{{text}}"),
        content_type: Some("text/plain; charset=utf-8"),
        ..Default::default()
    };
    gateway.client("/raw", parts).send(&sms(None)).await.unwrap();
    let r = gateway.only();
    assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
    assert_eq!(r.body, format!("{NUMBER}\n{TEXT}"));
}

#[tokio::test]
async fn get_appends_the_template_as_query_and_encodes_url_placeholders() {
    let gateway = Gateway::answering(200, "").await;
    let parts = GatewayParts { method: Some("GET"), body: Some("text={{text}}&from={{sender}}"), ..Default::default() };
    gateway.client("/send/{{to}}?key=k%26y", parts).send(&sms(Some("Rathaus"))).await.unwrap();

    let r = gateway.only();
    assert_eq!(r.method.as_str(), "GET");
    assert_eq!(r.path, "/send/%2B4917012345678");
    assert!(r.body.is_empty());
    assert_eq!(r.header("content-type"), None);
    let expected = [("key", "k&y"), ("text", TEXT), ("from", "Rathaus")];
    assert_eq!(r.query_pairs(), expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
}

#[tokio::test]
async fn get_with_placeholders_only_in_the_url() {
    let gateway = Gateway::answering(200, "").await;
    let parts = GatewayParts { method: Some("get"), ..Default::default() };
    gateway.client("/send?to={{to}}&text={{text}}", parts).send(&sms(None)).await.unwrap();
    let expected = [("to", NUMBER), ("text", TEXT)];
    assert_eq!(gateway.only().query_pairs(), expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
}
