//! The provider interface: one message in, the provider's verdict out.

use crate::number::E164;
use futures_util::future::BoxFuture;
use std::fmt;

/// One text message to send.
#[derive(Clone, PartialEq, Eq)]
pub struct Sms {
    pub to: E164,
    pub text: String,
    /// The sender shown to the recipient; `None` uses the gateway's configured sender.
    pub sender: Option<String>,
}

impl fmt::Debug for Sms {
    /// Shows neither the number nor the text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sms")
            .field("chars", &self.text.chars().count())
            .field("sender", &self.sender)
            .finish_non_exhaustive()
    }
}

/// The provider accepted the message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentSms {
    /// The provider's id for the message, when the gateway is configured to read one.
    pub provider_id: Option<String>,
}

/// The provider did not accept the message. The description never contains the number or
/// the text, so it may be logged and stored with the job.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SmsError {
    /// Worth trying again later: timeouts, connection trouble, HTTP 408, 429 and 5xx.
    #[error("transient: {0}")]
    Transient(String),
    /// Trying again will not help: the provider refused the message (other 4xx).
    #[error("permanent: {0}")]
    Permanent(String),
}

/// Sends text messages through a provider.
///
/// The method returns a boxed future rather than being an `async fn`, because an `async
/// fn` in a trait makes the trait unusable as `dyn`: the send job holds an
/// `Arc<dyn SmsGateway>`, so tests and other providers can stand in for [`HttpGateway`].
///
/// [`HttpGateway`]: crate::HttpGateway
pub trait SmsGateway: Send + Sync {
    fn send<'a>(&'a self, msg: &'a Sms) -> BoxFuture<'a, Result<SentSms, SmsError>>;
}
