//! One story of the whole service, told over real HTTP on 127.0.0.1 against SQLite and against
//! PostgreSQL: a booked call, customers, escalations, idempotent system-of-record events,
//! user-directed actions, controls, the outbox through a failing channel, the audit chain, and
//! cross-tenant probes on every route.

mod common;

use aisha::worker::{self, Channels};
use common::*;
use jiff::{SignedDuration, Timestamp};
use serde_json::{json, Value};

const GOLDEN: [&str; 9] = [
    "Hi I'm having air-conditioning issues today",
    "The thermostat is blank and there's water dripping",
    "Yes please",
    "Subach",
    "yes",
    "John",
    "555-123-4567",
    "123 Main Street, Anytown",
    "As soon as possible",
];

async fn story(backend: Backend) {
    let app = spawn_app(backend).await;
    let (twilio_base, twilio_got) = fake_peer(
        "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json",
        vec![],
        201,
    )
    .await;
    let (sor_base, sor_got) = fake_peer("/hooks/aisha", vec![500, 503], 200).await;
    let key = app
        .company(
            "acme-hvac",
            json!({
                "twilio": {"accountSid": TWILIO_SID, "authToken": TWILIO_TOKEN, "fromNumber": "+15125550111"},
                "systemOfRecord": {"webhookUrl": format!("{sor_base}/hooks/aisha"), "signingSecret": SOR_SECRET},
                "transferNumber": "+15125550122"
            }),
        )
        .await;
    let other = app.company("other-co", json!({})).await;
    let c = "/v1/companies/acme-hvac";

    // A caller books a visit: the booking goes to the system of record and the caller's
    // relationship is Committed.
    let mut last = Value::Null;
    let mut sources = Vec::new();
    for text in GOLDEN {
        let (status, r) = app
            .call(
                "POST",
                &format!("{c}/conversations/call-1/turns"),
                &key,
                Some(json!({"text": text, "callerId": "+15551234567"})),
            )
            .await;
        assert_eq!(status, 200, "{r}");
        sources.push(r["replySource"].as_str().unwrap_or("?").to_owned());
        last = r;
    }
    assert_eq!(last["mode"], "COMPLETE");
    // No LLM here: discovery is the embedded responder's, booking only what was configured.
    assert_eq!(sources[0], "embedded_responder", "{sources:?}");
    assert!(
        sources[3..].iter().all(|s| s == "configured"),
        "{sources:?}"
    );
    assert!(!sources.contains(&"llm".to_owned()), "{sources:?}");
    assert_eq!(last["session"]["booking"]["slots"]["phone"], "555-123-4567");
    let (_, customers) = app.call("GET", &format!("{c}/customers"), &key, None).await;
    let booked = customers
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["customerId"] == "phone-5551234567")
        .expect("the booked caller is a customer");
    assert_eq!(booked["state"], "Committed");
    let (status, session) = app
        .call("GET", &format!("{c}/conversations/call-1"), &key, None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(session["mode"], "COMPLETE");

    // A customer asks about price: escalated, visible in the inbox, resolved with a note.
    let (status, _) = app
        .call(
            "PUT",
            &format!("{c}/customers/dana"),
            &key,
            Some(json!({"firstName": "Dana", "phone": "+15551230000", "state": "Engaged"})),
        )
        .await;
    assert_eq!(status, 200);
    let (_, r) = app
        .call("POST", &format!("{c}/customers/dana/events"), &key, Some(json!({"type": "inbound_message", "channel": "sms", "text": "How much is the install?"})))
        .await;
    assert_eq!(
        r["effects"]["escalations"][0]["trigger"], "pricing_question",
        "{r}"
    );
    let (_, open) = app
        .call("GET", &format!("{c}/escalations?status=open"), &key, None)
        .await;
    let esc = open
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["customer_id"] == "dana")
        .expect("dana's escalation is open")
        .clone();
    let id = esc["id"].as_i64().unwrap();
    let (status, _) = app
        .call(
            "POST",
            &format!("{c}/escalations/{id}/resolve"),
            &key,
            Some(json!({"note": "Called her with the quote", "by": "sam"})),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = app
        .call(
            "POST",
            &format!("{c}/escalations/{id}/resolve"),
            &key,
            Some(json!({"note": "again"})),
        )
        .await;
    assert_eq!(status, 404, "an escalation resolves once");
    let (status, _) = app
        .call(
            "POST",
            &format!("{c}/escalations/{id}/resolve"),
            &key,
            Some(json!({"note": " "})),
        )
        .await;
    assert_eq!(status, 400);

    // A retried system-of-record webhook is applied once.
    let send_event = |k: &'static str| {
        let http = app.http.clone();
        let url = format!("{}{c}/customers/dana/events", app.base);
        let key = key.clone();
        async move {
            let resp = http
                .post(url)
                .bearer_auth(key)
                .header("Idempotency-Key", k)
                .body(r#"{"type":"proposal_delivered","summary":"New condenser"}"#)
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), 200);
            resp.json::<Value>().await.unwrap()
        }
    };
    let first = send_event("crm-evt-1").await;
    let again = send_event("crm-evt-1").await;
    assert_eq!(first["duplicate"], false);
    assert_eq!(again["duplicate"], true);
    assert_eq!(again["state"], "Evaluating");
    let (_, timeline) = app
        .call("GET", &format!("{c}/customers/dana"), &key, None)
        .await;
    let proposals = timeline["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["record"]["rule"] == "proposal_delivered")
        .count();
    assert_eq!(proposals, 1, "applied once: {timeline}");

    // A user-directed message goes out even under the kill switch; a discount is escalated.
    let (status, _) = app
        .call(
            "PUT",
            &format!("{c}/controls"),
            &key,
            Some(json!({"killSwitch": true})),
        )
        .await;
    assert_eq!(status, 400, "a reason is required");
    let (status, controls) = app
        .call(
            "PUT",
            &format!("{c}/controls"),
            &key,
            Some(json!({"killSwitch": true, "reason": "storm week", "by": "owner"})),
        )
        .await;
    assert_eq!((status, controls["killSwitch"].clone()), (200, json!(true)));
    let (_, r) = app
        .call("POST", &format!("{c}/customers/dana/actions"), &key, Some(json!({"action": "send_message", "text": "Your quote is ready to review whenever you like.", "by": "owner"})))
        .await;
    assert_eq!(
        r["effects"]["actions"][0]["policy_gate_result"], "allowed",
        "{r}"
    );
    assert_eq!(r["effects"]["actions"][0]["delivered"], true);
    let (_, r) = app
        .call(
            "POST",
            &format!("{c}/customers/dana/actions"),
            &key,
            Some(json!({"action": "offer_discount", "text": "10% off"})),
        )
        .await;
    assert_eq!(
        r["effects"]["actions"][0]["policy_gate_result"],
        "escalated"
    );
    let (status, _) = app
        .call(
            "PUT",
            &format!("{c}/customers/dana/hands-off"),
            &key,
            Some(json!({"enabled": false, "reason": "owner is handling her"})),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = app
        .call(
            "PUT",
            &format!("{c}/customers/dana/state"),
            &key,
            Some(json!({"state": "Happy", "reason": "typo"})),
        )
        .await;
    assert_eq!(status, 400);
    let (status, r) = app
        .call(
            "PUT",
            &format!("{c}/customers/dana/state"),
            &key,
            Some(json!({"state": "Active", "reason": "installed last year", "by": "sam"})),
        )
        .await;
    assert_eq!((status, r["state"].clone()), (200, json!("Active")));

    // The outbox: Twilio takes the SMS; the system of record fails twice, then takes every
    // webhook, each with the same idempotency key on every attempt.
    let channels = Channels::new(&twilio_base).allow_private_webhooks(true);
    let t0 = Timestamp::now();
    let r1 = worker::send_due(&app.service, &channels, "w1", t0, 100)
        .await
        .unwrap();
    assert!(r1.sent >= 1 && r1.retrying >= 1, "{r1:?}");
    let mut at = t0;
    for _ in 0..4 {
        at += SignedDuration::from_secs(3600);
        worker::send_due(&app.service, &channels, "w1", at, 100)
            .await
            .unwrap();
    }
    let (_, deliveries) = app
        .call("GET", &format!("{c}/deliveries"), &key, None)
        .await;
    let deliveries = deliveries.as_array().unwrap();
    assert!(
        deliveries.iter().all(|d| d["status"] == "sent"),
        "{deliveries:?}"
    );
    // Twilio's message SID is kept on the row; a webhook has none.
    for d in deliveries {
        let sid = if d["channel"] == "twilio_sms" {
            json!("SM123")
        } else {
            Value::Null
        };
        assert_eq!(d["providerId"], sid, "{d}");
    }
    let sms = twilio_got.all();
    assert_eq!(sms.len(), 1, "one SMS, sent once");
    let (headers, form) = &sms[0];
    assert!(headers.contains_key("i-twilio-idempotency-token"));
    assert!(headers["authorization"]
        .to_str()
        .unwrap()
        .starts_with("Basic "));
    let form: Vec<(String, String)> = serde_urlencoded::from_str(form).unwrap();
    assert!(form.contains(&("To".into(), "+15551230000".into())));
    assert!(form.contains(&("From".into(), "+15125550111".into())));
    let hooks = sor_got.all();
    let kinds: Vec<String> = hooks
        .iter()
        .map(|(_, b)| {
            serde_json::from_str::<Value>(b).unwrap()["event"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    for k in ["booking.completed", "state.changed", "escalation.opened"] {
        assert!(kinds.iter().any(|x| x == k), "no {k} webhook in {kinds:?}");
    }
    for (h, body) in &hooks {
        let ts = h["x-aisha-timestamp"].to_str().unwrap();
        let sig = h["x-aisha-signature"].to_str().unwrap();
        assert_eq!(
            sig,
            format!("sha256={}", worker::sign_webhook(SOR_SECRET, ts, body))
        );
    }
    let first_key = hooks[0].0["idempotency-key"].to_str().unwrap();
    let retries = hooks
        .iter()
        .filter(|(h, _)| h["idempotency-key"] == first_key)
        .count();
    assert!(
        retries >= 2,
        "the failing webhook was retried with the same key"
    );

    // The audit chain records it all and verifies; the database refuses to rewrite it.
    let (_, audit) = app
        .call("GET", &format!("{c}/audit?limit=1000"), &key, None)
        .await;
    let kinds: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    for k in [
        "company.created",
        "booking.completed",
        "escalation",
        "escalation.resolved",
        "transition",
        "action",
        "override",
        "event",
    ] {
        assert!(kinds.contains(&k), "no {k} in the audit log: {kinds:?}");
    }
    let (_, v) = app
        .call("GET", &format!("{c}/audit/verify"), &key, None)
        .await;
    assert_eq!(v["intact"], true, "{v}");
    assert_audit_is_append_only(backend, &app.database).await;

    // Another company's key gets 404, and no key 401, on every company route the OpenAPI
    // document lists (all of them sit under the one company layer), never the data.
    let (_, doc) = app.call("GET", "/openapi.json", "", None).await;
    let mut probed = 0;
    for (template, ops) in doc["paths"].as_object().unwrap() {
        let Some(rest) = template.strip_prefix("/v1/companies/{companyId}") else {
            continue;
        };
        let path = format!("{c}{rest}")
            .replace("{conversationId}", "call-1")
            .replace("{customerId}", "dana")
            .replace("{id}", &id.to_string());
        for method in ops
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| *k != "parameters")
        {
            let method = method.to_uppercase();
            if rest.is_empty() && method == "PUT" {
                continue; // creating a company takes the admin token
            }
            let (status, body) = app
                .call(&method, &path, &other, Some(json!({"text": "hi"})))
                .await;
            assert_eq!(
                status, 404,
                "{method} {path} with another company's key: {body}"
            );
            assert!(
                !body.to_string().contains("Dana"),
                "{method} {path} leaked data"
            );
            let (status, body) = app.call(&method, &path, "", None).await;
            assert_eq!(status, 401, "{method} {path} without a key: {body}");
            probed += 1;
        }
    }
    assert!(probed >= 17, "only {probed} company routes documented");
    // Bad input: clear errors, never a 500.
    let (status, _) = app
        .call("GET", "/v1/companies/nope/customers", &key, None)
        .await;
    assert_eq!(status, 404);
    let (status, body) = app
        .call(
            "POST",
            &format!("{c}/customers/dana/events"),
            &key,
            Some(json!({"type": "teleport"})),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    let (status, _) = app
        .call(
            "POST",
            &format!("{c}/customers/nobody/events"),
            &key,
            Some(json!({"type": "lead_created"})),
        )
        .await;
    assert_eq!(status, 404);
    let (status, _) = app
        .call("GET", &format!("{c}/escalations?status=maybe"), &key, None)
        .await;
    assert_eq!(status, 400);

    // The API describes itself, and counts what it did.
    let (status, doc) = app.call("GET", "/openapi.json", "", None).await;
    assert_eq!(status, 200);
    for p in [
        "/v1/companies/{companyId}/conversations/{conversationId}/turns",
        "/v1/companies/{companyId}/escalations/{id}/resolve",
        "/health",
        "/metrics",
    ] {
        assert!(doc["paths"].get(p).is_some(), "{p} is not documented");
    }
    let metrics = app
        .http
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("aisha_http_requests_total"), "{metrics}");
}

async fn assert_audit_is_append_only(backend: Backend, database: &str) {
    let attempts = [
        "UPDATE audit_log SET kind = 'x' WHERE seq = 1",
        "DELETE FROM audit_log WHERE seq = 1",
    ];
    match backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(&format!("sqlite://{database}"))
                .await
                .unwrap();
            for sql in attempts {
                let err = sqlx::query(sql).execute(&pool).await.unwrap_err();
                assert!(err.to_string().contains("append-only"), "{sql}: {err}");
            }
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(database).await.unwrap();
            for sql in attempts.into_iter().chain(["TRUNCATE audit_log"]) {
                let err = sqlx::query(sql).execute(&pool).await.unwrap_err();
                assert!(err.to_string().contains("append-only"), "{sql}: {err}");
            }
        }
    }
}

#[tokio::test]
async fn story_on_sqlite() {
    story(Backend::Sqlite).await;
}

#[tokio::test]
async fn story_on_postgres() {
    story(Backend::Postgres).await;
}

/// Many concurrent writers of one company: every write lands, none deadlocks (foreign-key
/// checks and the audit chain's head lock must not conflict), and the chain stays intact.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writers_on_postgres() {
    let app = spawn_app(Backend::Postgres).await;
    app.company("acme-hvac", json!({})).await;
    let mut tasks = Vec::new();
    for i in 0..48 {
        let service = app.service.clone();
        tasks.push(tokio::spawn(async move {
            let now = Timestamp::now();
            let customer = aisha_core::care::Customer {
                id: format!("c{i}"),
                phone: Some(format!("+1555000{i:04}")),
                ..Default::default()
            };
            service
                .upsert_customer(
                    "acme-hvac",
                    customer,
                    aisha_core::care::CareState::Engaged,
                    now,
                )
                .await?;
            // An escalating turn writes a session, an escalation and audit entries.
            service
                .turn(aisha::service::Turn::new(
                    "acme-hvac",
                    &format!("conv-{i}").parse().unwrap(),
                    "How much does a new furnace cost?",
                    now,
                ))
                .await?;
            service
                .apply_event(
                    "acme-hvac",
                    &format!("c{i}").parse().unwrap(),
                    &aisha_core::care::Event::InboundMessage {
                        channel: None,
                        text: "too expensive".into(),
                    },
                    now,
                )
                .await
        }));
    }
    for t in tasks {
        t.await.unwrap().expect("every concurrent write succeeds");
    }
    let verified = app.service.verify_audit("acme-hvac", None).await.unwrap();
    assert!(
        verified.intact() && verified.chain.records > 48 * 3,
        "{verified:?}"
    );
}

/// The scheduler's batch save: a stale write in the middle is skipped on its own, the others
/// are applied, and nothing of the stale one (actions, outbox, audit) is written.
async fn batch_save_skips_only_the_stale_write(backend: Backend) {
    use aisha::store::{NewDelivery, RelationshipWrite, Saved};
    use aisha_core::care::{CareState, Customer, Effects, Relationship};
    let app = spawn_app(backend).await;
    app.company("acme-hvac", json!({})).await;
    let store = app.store.clone();
    let cid = aisha_core::CompanyId::parse("acme-hvac").unwrap();
    let now = Timestamp::now();
    for id in ["a", "b", "c"] {
        let c = Customer {
            id: id.into(),
            ..Default::default()
        };
        app.service
            .upsert_customer("acme-hvac", c, CareState::Engaged, now)
            .await
            .unwrap();
    }
    let mut rels: Vec<(Relationship, i64)> = Vec::new();
    for id in ["a", "b", "c"] {
        rels.push(store.relationship(&cid, id).await.unwrap().unwrap());
    }
    rels[1].1 -= 1; // b was read before someone else's save
    let fx = Effects::default();
    let deliveries: Vec<Vec<NewDelivery>> = ["a", "b", "c"]
        .iter()
        .map(|id| {
            vec![NewDelivery {
                customer_id: Some((*id).into()),
                channel: aisha::store::DeliveryChannel::Console,
                destination: (*id).into(),
                payload: json!({}),
                idempotency_key: format!("k-{id}"),
            }]
        })
        .collect();
    let writes: Vec<RelationshipWrite<'_>> = rels
        .iter()
        .zip(&deliveries)
        .map(|((rel, version), d)| RelationshipWrite {
            company: &cid,
            rel,
            expected_version: Some(*version),
            effects: &fx,
            next_due: None,
            controls: None,
            deliveries: d,
            audit: &[],
            idempotency: None,
            now,
        })
        .collect();
    let saved: Vec<Saved> = store
        .save_relationships(&writes)
        .await
        .unwrap()
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(saved, vec![Saved::Applied, Saved::Conflict, Saved::Applied]);
    let keys: Vec<String> = store
        .deliveries(&cid, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.idempotency_key)
        .collect();
    assert!(
        keys.contains(&"k-a".into())
            && keys.contains(&"k-c".into())
            && !keys.contains(&"k-b".into()),
        "{keys:?}"
    );
}

#[tokio::test]
async fn batch_save_on_sqlite() {
    batch_save_skips_only_the_stale_write(Backend::Sqlite).await;
}

#[tokio::test]
async fn batch_save_on_postgres() {
    batch_save_skips_only_the_stale_write(Backend::Postgres).await;
}
