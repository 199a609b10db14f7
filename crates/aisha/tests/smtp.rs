//! Email through SMTP, against a local server that speaks the protocol (RFC 5321): the message
//! arrives with the company's text and the idempotency key as its Message-ID; a temporary
//! refusal (451) is retried, a permanent one (550) is not.

mod common;

use std::sync::{Arc, Mutex};

use aisha::service::{ChannelConfig, Service};
use aisha::worker::{self, Channels};
use aisha_core::care::{CareState, Customer, Event};
use common::*;
use jiff::{SignedDuration, Timestamp};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// A minimal SMTP server: answers each command, refuses the first `fail_first` messages at
/// DATA's end with `refusal`, and keeps what it accepted.
async fn smtp_server(fail_first: usize, refusal: &'static str) -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let got = Arc::new(Mutex::new(Vec::new()));
    let failures = Arc::new(Mutex::new(fail_first));
    let g = got.clone();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let (g, failures) = (g.clone(), failures.clone());
            tokio::spawn(async move {
                let (r, mut w) = stream.into_split();
                let mut lines = BufReader::new(r).lines();
                w.write_all(b"220 localhost ESMTP test\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            let body = data.take().unwrap();
                            let reply = accept(&failures, &g, body, refusal);
                            w.write_all(reply.as_bytes()).await.unwrap();
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") {
                        b"250-localhost\r\n250 8BITMIME\r\n"
                    } else if upper.starts_with("DATA") {
                        data = Some(String::new());
                        b"354 go ahead\r\n"
                    } else if upper.starts_with("QUIT") {
                        w.write_all(b"221 bye\r\n").await.unwrap();
                        break;
                    } else {
                        b"250 ok\r\n"
                    };
                    w.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, got)
}

fn accept(
    failures: &Mutex<usize>,
    got: &Mutex<Vec<String>>,
    body: String,
    refusal: &'static str,
) -> &'static str {
    let mut f = failures.lock().unwrap();
    if *f > 0 {
        *f -= 1;
        refusal
    } else {
        got.lock().unwrap().push(body);
        "250 2.0.0 queued\r\n"
    }
}

async fn emailing_service() -> (tempfile::TempDir, Service) {
    let dir = tempfile::tempdir().unwrap();
    let store = aisha::store::open(&dir.path().join("a.db").display().to_string())
        .await
        .unwrap();
    let service = Service::new(store, None).with_channels(ChannelConfig { smtp_enabled: true });
    service
        .put_company_json(COMPANY, "test", Timestamp::now())
        .await
        .unwrap();
    let customer = Customer {
        id: "lee".into(),
        first_name: Some("Lee".into()),
        email: Some("lee@example.com".into()),
        ..Customer::default()
    };
    service
        .upsert_customer("acme-hvac", customer, CareState::Engaged, Timestamp::now())
        .await
        .unwrap();
    service
        .apply_event(
            "acme-hvac",
            &"lee".parse().unwrap(),
            &Event::UserDirected {
                action: "send_message".into(),
                text: "Your filter is ready for pickup.".into(),
                by: Some("owner".into()),
            },
            Timestamp::now(),
        )
        .await
        .unwrap();
    (dir, service)
}

#[tokio::test]
async fn email_goes_out_through_smtp_and_temporary_refusals_are_retried() {
    let (port, got) = smtp_server(1, "451 4.3.0 try again later\r\n").await;
    let (_dir, service) = emailing_service().await;
    let channels = Channels::new("http://127.0.0.1:1")
        .with_smtp(
            &format!("smtp://127.0.0.1:{port}"),
            "Acme <aisha@acme.example>",
        )
        .unwrap();
    let now = Timestamp::now();
    let first = worker::send_due(&service, &channels, "w", now, 10)
        .await
        .unwrap();
    assert_eq!((first.sent, first.retrying), (0, 1), "{first:?}");
    let second = worker::send_due(
        &service,
        &channels,
        "w",
        now + SignedDuration::from_secs(60),
        10,
    )
    .await
    .unwrap();
    assert_eq!(second.sent, 1, "{second:?}");
    let mails = got.lock().unwrap().clone();
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert!(mail.contains("Your filter is ready for pickup."), "{mail}");
    assert!(mail.contains("To: lee@example.com"), "{mail}");
    let d = &service.deliveries("acme-hvac", 10).await.unwrap()[0];
    assert_eq!(d.channel, aisha::store::DeliveryChannel::Smtp);
    assert!(
        mail.contains(&format!("Message-ID: <{}@aisha>", d.idempotency_key)),
        "{mail}"
    );
}

#[tokio::test]
async fn a_permanent_smtp_refusal_fails_the_delivery_for_good() {
    let (port, got) = smtp_server(usize::MAX, "550 5.1.1 no such user\r\n").await;
    let (_dir, service) = emailing_service().await;
    let channels = Channels::new("http://127.0.0.1:1")
        .with_smtp(&format!("smtp://127.0.0.1:{port}"), "aisha@acme.example")
        .unwrap();
    let r = worker::send_due(&service, &channels, "w", Timestamp::now(), 10)
        .await
        .unwrap();
    assert_eq!(r.failed, 1, "{r:?}");
    assert!(got.lock().unwrap().is_empty());
    let d = &service.deliveries("acme-hvac", 10).await.unwrap()[0];
    assert_eq!(d.status, aisha::store::DeliveryStatus::Failed);
    assert!(
        d.last_error.as_deref().unwrap_or("").contains("550"),
        "{d:?}"
    );
}
