//! The generic HTTP gateway: renders the configured request for a message, sends it with
//! a timeout and classifies the answer (module `response`).
//!
//! * `POST`: the body template, escaped for its content type, with that `Content-Type`.
//! * `GET`: the body template, form-urlencoded, appended to the URL as query string.
//! * Placeholders in the URL are percent-encoded.
//! * Timeouts and connection errors are transient, like HTTP 408, 429 and 5xx.
//!
//! Errors are described by fixed phrases and status codes only: a client error's own text
//! contains the URL, which may hold the number (GET) or a key.

mod response;

pub(crate) use response::IdPath;

use crate::config::{Auth, ConfigError, GatewayConfig, Method};
use crate::gateway::{SentSms, Sms, SmsError, SmsGateway};
use crate::template::{Escaping, Values};
use futures_util::future::BoxFuture;
use reqwest::header::{CONTENT_TYPE, HeaderValue};
use response::Verdict;

/// Sends messages through the configured HTTP gateway.
#[derive(Debug, Clone)]
pub struct HttpGateway {
    config: GatewayConfig,
    client: reqwest::Client,
}

impl HttpGateway {
    pub fn new(config: GatewayConfig) -> Result<HttpGateway, ConfigError> {
        let client = reqwest::Client::builder()
            .timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("rathaus/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|_| ConfigError::Client)?;
        Ok(HttpGateway { config, client })
    }

    pub fn config(&self) -> &GatewayConfig {
        &self.config
    }

    #[tracing::instrument(name = "sms_gateway", skip_all)]
    async fn deliver(&self, msg: &Sms) -> Result<SentSms, SmsError> {
        let config = &self.config;
        let sender = msg.sender.as_deref().or(config.sender.as_deref()).unwrap_or_default();
        let values = Values { to: msg.to.as_str(), text: &msg.text, sender };
        let mut url = config.url.render(values, Escaping::Url);
        if config.method == Method::Get && !config.body.is_empty() {
            if !url.ends_with(['?', '&']) {
                url.push(if url.contains('?') { '&' } else { '?' });
            }
            url.push_str(&config.body.render(values, Escaping::Form));
        }
        let url =
            url::Url::parse(&url).map_err(|_| SmsError::Permanent("the rendered gateway URL is invalid".into()))?;
        let mut request = match config.method {
            Method::Get => self.client.get(url),
            Method::Post => self
                .client
                .post(url)
                .header(CONTENT_TYPE, content_type(config)?)
                .body(config.body.render(values, config.content_type.escaping)),
        };
        request = match &config.auth {
            Auth::None => request,
            Auth::Bearer(token) => request.bearer_auth(token.expose()),
            Auth::Basic { user, password } => request.basic_auth(user, Some(password.expose())),
            Auth::Header { name, value } => {
                let mut value = HeaderValue::from_str(value.expose())
                    .map_err(|_| SmsError::Permanent("the authentication header value is invalid".into()))?;
                value.set_sensitive(true);
                request.header(name, value)
            }
        };
        let response = request.send().await.map_err(|e| request_error(&e))?;
        let status = response.status().as_u16();
        if let Verdict::Failed(error) = response::classify(status) {
            tracing::warn!(status, "SMS gateway did not accept the message");
            return Err(error);
        }
        let Some(path) = &config.id_field else {
            return Ok(SentSms::default());
        };
        // The message is accepted: a body that cannot be read only costs us its id.
        let provider_id = match response.bytes().await {
            Ok(body) => path.find(&body),
            Err(e) => {
                tracing::warn!(timeout = e.is_timeout(), "SMS gateway answer could not be read; no provider id");
                None
            }
        };
        Ok(SentSms { provider_id })
    }
}

impl SmsGateway for HttpGateway {
    fn send<'a>(&'a self, msg: &'a Sms) -> BoxFuture<'a, Result<SentSms, SmsError>> {
        Box::pin(self.deliver(msg))
    }
}

fn content_type(config: &GatewayConfig) -> Result<HeaderValue, SmsError> {
    HeaderValue::from_str(config.content_type.as_str())
        .map_err(|_| SmsError::Permanent("the content type is invalid".into()))
}

/// A failed request as a fixed phrase (the client's own message names the URL).
fn request_error(e: &reqwest::Error) -> SmsError {
    let what = if e.is_timeout() {
        "gateway request timed out"
    } else if e.is_connect() {
        "gateway connection failed"
    } else if e.is_builder() {
        return SmsError::Permanent("gateway request could not be built".into());
    } else {
        "gateway request failed"
    };
    tracing::warn!(outcome = what, "SMS gateway not reached");
    SmsError::Transient(what.into())
}
