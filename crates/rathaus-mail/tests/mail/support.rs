//! Shared fixtures: tenants, a sample message, delivery configuration and a worker.

use rathaus_db::entity::outbox_message;
use rathaus_db::{DatabaseConnection, TenantId};
use rathaus_domain::Email;
use rathaus_mail::{Attachment, DeliveryMode, OutgoingEmail, SendEmail, SmtpConfig, enqueue_email, outbox};
use rathaus_test_db::smtp_sink::SmtpSink;
use rathaus_worker::Worker;
use std::sync::Arc;

pub const FROM: &str = "Bürgerbüro Musterstadt <noreply@musterstadt.example>";
pub const ICS_TYPE: &str = "text/calendar; method=REQUEST; charset=UTF-8";

pub use rathaus_test_db::fixtures::tenant;

pub fn email(tenant: TenantId, to: &str, subject: &str) -> OutgoingEmail {
    OutgoingEmail {
        tenant,
        to: Email::parse(to).unwrap(),
        subject: subject.to_owned(),
        text: "Hello from the text part".into(),
        html: Some("<p>Hello from the <strong>HTML</strong> part</p>".into()),
        attachments: vec![Attachment {
            filename: "termin.ics".into(),
            content_type: ICS_TYPE.into(),
            bytes: b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n".to_vec(),
        }],
    }
}

/// Delivery to a plain-text SMTP server on localhost (the sink, or a closed port).
pub fn smtp_to(addr: std::net::SocketAddr) -> SmtpConfig {
    SmtpConfig::from_url(&format!("smtp://{}:{}?tls=none&timeout=5", addr.ip(), addr.port()), FROM).unwrap()
}

pub fn smtp_mode(sink: &SmtpSink) -> DeliveryMode {
    DeliveryMode::Smtp(smtp_to(sink.addr))
}

/// Enqueues in a write transaction of its own, as a caller would with its change.
pub async fn enqueue(db: &DatabaseConnection, mode: &DeliveryMode, msg: OutgoingEmail) -> i64 {
    let tx = rathaus_db::begin_write(db).await.unwrap();
    let id = enqueue_email(&tx, mode, msg).await.unwrap();
    tx.commit().await.unwrap();
    id
}

pub fn worker(db: &DatabaseConnection, config: &SmtpConfig) -> Worker {
    let handler = SendEmail::new(db.clone(), config).unwrap();
    Worker::new(db.clone(), "test-node").register(Arc::new(handler))
}

pub async fn message(db: &DatabaseConnection, tenant: TenantId, id: i64) -> outbox_message::Model {
    outbox::get(db, tenant, id).await.unwrap().expect("message in the outbox").0
}

/// The only job row (these tests enqueue one message each).
pub async fn only_job(db: &DatabaseConnection) -> rathaus_worker::Job {
    use sea_orm::EntityTrait;
    let jobs = rathaus_db::entity::job::Entity::find().all(db).await.unwrap();
    assert_eq!(jobs.len(), 1, "exactly one job");
    jobs.into_iter().next().unwrap()
}
