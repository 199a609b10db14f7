//! Three `aisha serve` processes share one PostgreSQL database; one is killed mid-run. Every
//! due relationship is decided exactly once, and every message reaches the provider (a local
//! server speaking Twilio's Messages API), duplicates only ever carrying the same idempotency
//! token so that Twilio drops them.

mod common;

use std::collections::HashMap;
use std::process::Stdio;
use std::time::Duration;

use aisha::service::Service;
use aisha_core::care::{CareState, Customer};
use common::*;
use jiff::Timestamp;
use serde_json::json;
use sqlx::Row;

const CUSTOMERS: usize = 240;

/// A fixed-offset zone where it is now about noon, so quiet hours never defer the outreach.
fn noon_zone() -> String {
    let hour = Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).hour() as i32;
    let mut offset = 12 - hour;
    if offset > 14 {
        offset -= 24;
    }
    if offset < -12 {
        offset += 24;
    }
    match offset {
        0 => "Etc/UTC".into(),
        o if o > 0 => format!("Etc/GMT-{o}"),
        o => format!("Etc/GMT+{}", -o),
    }
}

/// The server key every process shares (it keys the audit chain they all append to).
fn key() -> aisha::server_key::ServerKey {
    aisha::server_key::ServerKey::from_bytes([7; 32])
}

fn serve(database: &str, worker: &str, twilio: &str) -> tokio::process::Child {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_aisha"))
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--database",
            database,
            "--no-demo",
            "--tick-ms",
            "20",
            "--lease-ms",
            "1500",
            "--batch",
            "8",
            "--worker-id",
            worker,
            "--twilio-api-base",
            twilio,
        ])
        .env("AISHA_LOG", "warn")
        .env(aisha::server_key::ENV_KEY, key().to_hex())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the aisha binary starts")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_processes_one_killed_decide_everything_once() {
    let database = fresh_postgres().await;
    let (twilio, received) = fake_peer(
        "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json",
        vec![],
        201,
    )
    .await;
    let store = aisha::store::open(&database).await.unwrap();
    let service = Service::new(store, None).with_server_key(key());
    let mut company: serde_json::Value = serde_json::from_str(COMPANY).unwrap();
    company["timezone"] = json!(noon_zone());
    company["twilio"] =
        json!({"accountSid": TWILIO_SID, "authToken": TWILIO_TOKEN, "fromNumber": "+15125550111"});
    service
        .put_company_json(&company.to_string(), "test", Timestamp::now())
        .await
        .unwrap();
    let now = Timestamp::now();
    for i in 0..CUSTOMERS {
        let c = Customer {
            id: format!("lead-{i:04}"),
            first_name: Some("Dana".into()),
            phone: Some(format!("+1555{i:07}")),
            ..Customer::default()
        };
        service
            .upsert_customer("acme-hvac", c, CareState::Unaware, now)
            .await
            .unwrap();
    }

    let pool = sqlx::PgPool::connect(&database).await.unwrap();
    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query(sql)
                .fetch_one(&pool)
                .await
                .unwrap()
                .get::<i64, _>(0)
        }
    };
    let mut doomed = serve(&database, "w-doomed", &twilio);
    let _a = serve(&database, "w-a", &twilio);
    let _b = serve(&database, "w-b", &twilio);

    // Kill one worker as soon as the run is under way.
    let started = std::time::Instant::now();
    while count("SELECT count(*) FROM actions").await < (CUSTOMERS / 6) as i64 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "nothing was decided"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    doomed.start_kill().unwrap();
    doomed.wait().await.unwrap();

    // The survivors finish, taking over the dead worker's claims when its leases run out.
    loop {
        let decided = count("SELECT count(*) FROM actions WHERE kind = 'follow_up'").await;
        let sent = count("SELECT count(*) FROM outbox WHERE status = 'sent'").await;
        if decided >= CUSTOMERS as i64 && sent >= CUSTOMERS as i64 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "stalled at {decided} decided, {sent} sent"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;

    // Decided exactly once per relationship; one outbox row per message; nothing pending.
    assert_eq!(
        count("SELECT count(*) FROM actions WHERE kind = 'follow_up'").await,
        CUSTOMERS as i64
    );
    assert_eq!(count("SELECT count(*) FROM (SELECT customer_id FROM actions GROUP BY customer_id HAVING count(*) > 1) d").await, 0);
    assert_eq!(count("SELECT count(*) FROM outbox").await, CUSTOMERS as i64);
    assert_eq!(
        count("SELECT count(*) FROM outbox WHERE status <> 'sent'").await,
        0
    );

    // Every message reached Twilio; any repeat carries the same idempotency token.
    let mut by_token: HashMap<String, Vec<String>> = HashMap::new();
    for (headers, body) in received.all() {
        let token = headers["i-twilio-idempotency-token"]
            .to_str()
            .unwrap()
            .to_owned();
        by_token.entry(token).or_default().push(body);
    }
    assert_eq!(by_token.len(), CUSTOMERS, "every message was sent");
    for bodies in by_token.values() {
        assert!(
            bodies.windows(2).all(|w| w[0] == w[1]),
            "a repeat differs: {bodies:?}"
        );
    }
    // The audit chain stayed intact with concurrent writers: the company, each customer, each
    // decision's action and transitions.
    let transitions = count("SELECT count(*) FROM transitions").await as usize;
    let verdict = service.verify_audit("acme-hvac", None).await.unwrap();
    assert!(verdict.intact(), "{verdict:?}");
    assert_eq!(verdict.chain.records, 1 + CUSTOMERS * 2 + transitions);
}
