//! Reading the gateway configuration: defaults, every variable, clear errors, no secrets
//! in `Debug`.

use super::*;

const JSON_BODY: &str = r#"{"to":"{{to}}","text":"{{text}}","from":"{{sender}}"}"#;

fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

fn parts(url: &'static str, body: Option<&'static str>) -> GatewayParts<'static> {
    GatewayParts { url, body, ..GatewayParts::default() }
}

#[test]
fn hold_unless_a_url_is_set() {
    assert!(matches!(SmsDeliveryMode::from_env_map(&env(&[])), Ok(SmsDeliveryMode::Hold)));
    assert!(matches!(SmsDeliveryMode::from_env_map(&env(&[(ENV_URL, " ")])), Ok(SmsDeliveryMode::Hold)));
    assert!(matches!(SmsDeliveryMode::from_env_map(&env(&[(ENV_URL, "HOLD")])), Ok(SmsDeliveryMode::Hold)));
    let gateway = env(&[(ENV_URL, "https://sms.example/send"), (ENV_BODY, JSON_BODY)]);
    assert!(matches!(SmsDeliveryMode::from_env_map(&gateway), Ok(SmsDeliveryMode::Gateway(_))));
}

#[test]
fn defaults() {
    let c = GatewayConfig::from_env_map(&env(&[(ENV_URL, "https://sms.example/send"), (ENV_BODY, JSON_BODY)])).unwrap();
    assert_eq!(c.method(), Method::Post);
    assert_eq!(c.auth(), &Auth::None);
    assert_eq!(c.content_type().as_str(), "application/json");
    assert_eq!(c.content_type().escaping, Escaping::Json);
    assert_eq!(c.sender(), None);
    assert_eq!(c.timeout(), Duration::from_secs(10));
    assert!(c.id_field.is_none());
}

#[test]
fn reads_every_variable() {
    let c = GatewayConfig::from_env_map(&env(&[
        (ENV_URL, "http://127.0.0.1:8080/sms/{{to}}"),
        (ENV_METHOD, "get"),
        (ENV_AUTH, "header:X-Api-Key:k"),
        (ENV_BODY, "msg={{text}}"),
        (ENV_CONTENT_TYPE, "Application/X-WWW-Form-Urlencoded; charset=UTF-8"),
        (ENV_SENDER, "+49 30 1234567"),
        (ENV_TIMEOUT, "3"),
        (ENV_ID_FIELD, "messages.0.id"),
    ]))
    .unwrap();
    assert_eq!(c.method(), Method::Get);
    assert!(matches!(c.auth(), Auth::Header { name, .. } if name == "x-api-key"));
    assert_eq!(c.content_type().as_str(), "Application/X-WWW-Form-Urlencoded; charset=UTF-8");
    assert_eq!(c.content_type().escaping, Escaping::Form);
    assert_eq!(c.sender(), Some("+49301234567"));
    assert_eq!(c.timeout(), Duration::from_secs(3));
    assert!(c.id_field.is_some());
    let text = ContentType::parse("text/plain").unwrap();
    assert_eq!(text.escaping, Escaping::Raw);
}

#[test]
fn errors_say_what_is_wrong() {
    let err = |p: GatewayParts<'static>| GatewayConfig::from_parts(p).unwrap_err();
    let ok_body = Some(JSON_BODY);
    assert_eq!(err(parts("ftp://sms.example/", ok_body)), ConfigError::Scheme);
    assert_eq!(err(parts("not a url", ok_body)), ConfigError::InvalidUrl);
    assert_eq!(
        err(parts("https://sms.example/{{phone}}", ok_body)),
        ConfigError::UrlTemplate(TemplateError::Unknown("phone".into()))
    );
    assert_eq!(err(parts("https://sms.example/", None)), ConfigError::MissingBody);
    assert_eq!(err(parts("https://sms.example/", Some("{{text"))), ConfigError::BodyTemplate(TemplateError::Unclosed));
    assert_eq!(err(parts("https://sms.example/", Some("{{text}}"))), ConfigError::PlaceholderUnused("to"));
    assert_eq!(err(parts("https://sms.example/{{to}}", Some("x"))), ConfigError::PlaceholderUnused("text"));
    let with = |f: fn(&mut GatewayParts<'static>)| {
        let mut p = parts("https://sms.example/", ok_body);
        f(&mut p);
        err(p)
    };
    assert_eq!(with(|p| p.method = Some("PUT")), ConfigError::Method);
    assert_eq!(with(|p| p.auth = Some("token")), ConfigError::AuthMode);
    assert_eq!(with(|p| p.content_type = Some("a\nb")), ConfigError::ContentType);
    assert_eq!(with(|p| p.sender = Some("Bürgerbüro Musterstadt")), ConfigError::Sender);
    assert_eq!(with(|p| p.timeout = Some("0")), ConfigError::Timeout);
    assert_eq!(with(|p| p.timeout = Some("ten")), ConfigError::Timeout);
    assert_eq!(with(|p| p.id_field = Some("a..b")), ConfigError::IdField);
    assert_eq!(GatewayConfig::from_env_map(&env(&[])).unwrap_err(), ConfigError::MissingUrl);
    assert_eq!(
        ConfigError::PlaceholderUnused("to").to_string(),
        "neither RATHAUS_SMS_URL nor RATHAUS_SMS_BODY uses the placeholder {{to}}"
    );
}

#[test]
fn get_needs_no_body() {
    let mut p = parts("https://sms.example/send?to={{to}}&text={{text}}", None);
    p.method = Some("GET");
    assert!(GatewayConfig::from_parts(p).unwrap().body.is_empty());
}

#[test]
fn debug_shows_no_secret() {
    let c = GatewayConfig::from_env_map(&env(&[
        (ENV_URL, "https://urluser:urlpass@sms.example:8443/send?key=urlkey&to={{to}}"),
        (ENV_AUTH, "basic:rathaus:authpass"),
        (ENV_BODY, r#"{"api_key":"bodykey","text":"{{text}}"}"#),
    ]))
    .unwrap();
    let shown = format!("{c:?}");
    for secret in ["urlpass", "urlkey", "authpass", "bodykey", "urluser"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(shown.contains("https://sms.example:8443/send?…"), "{shown}");
    assert!(shown.contains("***"), "{shown}");
    for auth in ["bearer:tok3n", "header:X-Api-Key:tok3n"] {
        let c = GatewayConfig::from_env_map(&env(&[
            (ENV_URL, "https://sms.example/"),
            (ENV_AUTH, auth),
            (ENV_BODY, JSON_BODY),
        ]))
        .unwrap();
        assert!(!format!("{c:?}").contains("tok3n"));
    }
}
