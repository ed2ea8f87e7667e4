//! The SMTP transport built from [`SmtpConfig`]: TLS mode, port, credentials, timeout.

use crate::config::{ConfigError, SmtpConfig, SmtpTls};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, Tokio1Executor};

pub(super) fn build(config: &SmtpConfig) -> Result<AsyncSmtpTransport<Tokio1Executor>, ConfigError> {
    let tls_parameters = || TlsParameters::new(config.host.clone()).map_err(|_| ConfigError::Tls);
    let tls = match config.tls {
        SmtpTls::None => Tls::None,
        SmtpTls::StartTls => Tls::Required(tls_parameters()?),
        SmtpTls::Tls => Tls::Wrapper(tls_parameters()?),
    };
    // `builder_dangerous` only means "no TLS preset"; the TLS mode is set right here.
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host)
        .port(config.port)
        .tls(tls)
        .timeout(Some(config.timeout));
    if let Some(user) = &config.username {
        let password = config.password.as_ref().map(|p| p.expose().to_owned()).unwrap_or_default();
        builder = builder.credentials(Credentials::new(user.clone(), password));
    }
    Ok(builder.build())
}
