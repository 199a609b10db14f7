//! Service-level tests on a real SQLite file and real HTTP on 127.0.0.1.

mod common;

use std::sync::Arc;
use std::time::Duration;

use aisha::llm::OpenAiCompatible;
use aisha::service::Service;
use aisha::store::sqlite;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

const COMPANY: &str = include_str!("../../../companies/demo-hvac.json");

fn now() -> jiff::Timestamp {
    "2026-03-02T15:00:00Z".parse().unwrap()
}

#[tokio::test]
async fn a_conversation_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("aisha.db");
    {
        let svc = Service::new(Arc::new(sqlite::open(&db).await.unwrap()), None);
        svc.put_company_json(COMPANY, "test", now()).await.unwrap();
        svc.turn(aisha::service::Turn::new(
            "acme-hvac",
            &"call-1".parse().unwrap(),
            "My AC stopped working",
            now(),
        ))
        .await
        .unwrap();
        let r = svc
            .turn(aisha::service::Turn::new(
                "acme-hvac",
                &"call-1".parse().unwrap(),
                "yes please",
                now(),
            ))
            .await
            .unwrap();
        assert_eq!(r.active_slot.as_deref(), Some("name"));
    }
    let svc = Service::new(Arc::new(sqlite::open(&db).await.unwrap()), None);
    let r = svc
        .turn(aisha::service::Turn::new(
            "acme-hvac",
            &"call-1".parse().unwrap(),
            "John Smith",
            now(),
        ))
        .await
        .unwrap();
    assert_eq!(
        r.outcome.reply,
        "Perfect, John Smith. What's the best phone number to reach you?"
    );
}

/// A local server speaking the OpenAI chat-completions wire format.
async fn fake_llm(content: &'static str, delay: Duration) -> String {
    let app = Router::new().route(
        "/v1/chat/completions",
        post(move |Json(body): Json<Value>| async move {
            assert!(body["messages"][0]["content"].as_str().unwrap().contains("never claim to be human"));
            tokio::time::sleep(delay).await;
            Json(json!({"id": "x", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}]}))
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}/v1")
}

async fn service_with_llm(url: &str, timeout: Duration) -> (tempfile::TempDir, Service) {
    let dir = tempfile::tempdir().unwrap();
    let store = sqlite::open(&dir.path().join("a.db")).await.unwrap();
    let llm = OpenAiCompatible::new(url, "test-model", Some("k".into()), timeout).unwrap();
    let svc = Service::new(Arc::new(store), Some(Arc::new(llm)));
    svc.put_company_json(COMPANY, "test", now()).await.unwrap();
    (dir, svc)
}

#[tokio::test]
async fn llm_reply_is_used_when_valid() {
    let url = fake_llm(r#"{"reply":"Oh no, I'm sorry your AC quit on you. What is it doing?","intent":"DISCOVERY","issueSummary":null}"#, Duration::ZERO).await;
    let (_d, svc) = service_with_llm(&url, Duration::from_secs(5)).await;
    let r = svc
        .turn(aisha::service::Turn::new(
            "acme-hvac",
            &"c".parse().unwrap(),
            "Hi, I have a problem",
            now(),
        ))
        .await
        .unwrap();
    assert!(r.outcome.reply.starts_with("Oh no"), "{}", r.outcome.reply);
    assert!(r.outcome.llm_used);
    assert_eq!(
        r.outcome.reply_source,
        aisha_core::frontdesk::ReplySource::Llm
    );
}

#[tokio::test]
async fn llm_reply_with_a_price_falls_back_to_the_embedded_responder() {
    let url = fake_llm(
        r#"{"reply":"A visit is $89, want it?","intent":"DISCOVERY"}"#,
        Duration::ZERO,
    )
    .await;
    let (_d, svc) = service_with_llm(&url, Duration::from_secs(5)).await;
    let r = svc
        .turn(aisha::service::Turn::new(
            "acme-hvac",
            &"c".parse().unwrap(),
            "Hi, I have a problem",
            now(),
        ))
        .await
        .unwrap();
    assert!(!r.outcome.reply.contains('$'), "{}", r.outcome.reply);
    assert!(r
        .outcome
        .speaker_fallback
        .as_deref()
        .unwrap()
        .contains("price"));
    // The LLM's text never reached the caller, and the refusal is kept with the turn.
    assert!(!r.outcome.llm_used);
    assert_eq!(
        r.outcome.reply_source,
        aisha_core::frontdesk::ReplySource::EmbeddedResponder
    );
    let audit = svc.audit_log("acme-hvac", 0, 100).await.unwrap();
    let refused = audit
        .iter()
        .find(|a| a.kind == "speaker.reply_refused")
        .expect("a refused reply is audited");
    assert_eq!(refused.subject, "conversation:c");
    let payload = serde_json::to_string(&refused).unwrap();
    assert!(
        payload.contains("$89") && payload.contains("price"),
        "{payload}"
    );
}

#[tokio::test]
async fn llm_timeout_falls_back_and_cannot_set_booking_state() {
    let url = fake_llm(
        r#"{"reply":"late","intent":"BOOKING_COMPLETE"}"#,
        Duration::from_millis(800),
    )
    .await;
    let (_d, svc) = service_with_llm(&url, Duration::from_millis(100)).await;
    let r = svc
        .turn(aisha::service::Turn::new(
            "acme-hvac",
            &"c".parse().unwrap(),
            "The thermostat is blank",
            now(),
        ))
        .await
        .unwrap();
    assert_eq!(r.outcome.last_agent_intent.as_str(), "OFFER_SCHEDULE");
    assert!(r.outcome.speaker_fallback.is_some());
    assert!(!r.booking.consent_given);
}

#[tokio::test]
async fn http_api_turns_and_tenant_isolation() {
    let dir = tempfile::tempdir().unwrap();
    let svc = Service::new(
        Arc::new(sqlite::open(&dir.path().join("h.db")).await.unwrap()),
        None,
    );
    let app = aisha::web::router(aisha::web::AppState {
        service: svc,
        admin_token: Some("admin".into()),
        public_url: None,
        chat: Default::default(),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let http = reqwest::Client::new();

    let created: Value = http
        .put(format!("{base}/v1/companies/acme-hvac"))
        .bearer_auth("admin")
        .body(COMPANY)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let key = created["apiKey"].as_str().unwrap().to_owned();
    let other = COMPANY.replace("acme-hvac", "other-co");
    let other_key: Value = http
        .put(format!("{base}/v1/companies/other-co"))
        .bearer_auth("admin")
        .body(other)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let other_key = other_key["apiKey"].as_str().unwrap().to_owned();

    let turn = format!("{base}/v1/companies/acme-hvac/conversations/c1/turns");
    let r: Value = http
        .post(&turn)
        .bearer_auth(&key)
        .body(r#"{"text":"My AC stopped working"}"#)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["lastAgentIntent"], "OFFER_SCHEDULE");
    assert!(r["session"]["booking"]["slots"]["name"].is_object());

    // Another company's key gets 404, never the data.
    let resp = http
        .post(&turn)
        .bearer_auth(&other_key)
        .body(r#"{"text":"hi"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    // Malformed JSON and unknown fields are clear 400s.
    let resp = http
        .post(&turn)
        .bearer_auth(&key)
        .body("{nope")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let resp = http
        .post(&turn)
        .bearer_auth(&key)
        .body(r#"{"text":"hi","colour":"red"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    // Invalid company configuration names the field.
    let bad = COMPANY.replace(r#""type": "phone""#, r#""type": "fax""#);
    let resp = http
        .put(format!("{base}/v1/companies/acme-hvac"))
        .bearer_auth("admin")
        .body(bad)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 422);
    let body: Value = resp.json().await.unwrap();
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("bookingSlots[1].type"),
        "{body}"
    );
    // Oversized bodies are refused.
    let huge = format!(r#"{{"text":"{}"}}"#, "a".repeat(400_000));
    let resp = http
        .post(&turn)
        .bearer_auth(&key)
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 413);
    assert_eq!(
        http.get(format!("{base}/health"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

/// The server's scheduler path (claim with a lease, decide, save) on the embedded store: each
/// due relationship is decided once, and a second pass at the same instant finds nothing.
#[tokio::test]
async fn scheduler_tick_on_sqlite_decides_each_due_relationship_once() {
    let dir = tempfile::tempdir().unwrap();
    let svc = Service::new(
        Arc::new(sqlite::open(&dir.path().join("s.db")).await.unwrap()),
        None,
    );
    svc.put_company_json(COMPANY, "test", now()).await.unwrap();
    for i in 0..5 {
        let c = aisha_core::care::Customer {
            id: format!("lead-{i}"),
            // One customer per number: each lead has their own.
            phone: Some(format!("+1555123000{i}")),
            ..Default::default()
        };
        svc.upsert_customer("acme-hvac", c, aisha_core::care::CareState::Unaware, now())
            .await
            .unwrap();
    }
    let lease = jiff::SignedDuration::from_secs(30);
    let decided = svc.scheduler_tick("w1", now(), lease, 3).await.unwrap();
    assert_eq!(decided, 3, "a batch is at most `batch` relationships");
    let decided = svc.scheduler_tick("w2", now(), lease, 10).await.unwrap();
    assert_eq!(decided, 2, "the rest, never the ones already decided");
    assert_eq!(svc.scheduler_tick("w1", now(), lease, 10).await.unwrap(), 0);
    let deliveries = svc.deliveries("acme-hvac", 100).await.unwrap();
    assert_eq!(deliveries.len(), 5);
    assert!(deliveries
        .iter()
        .all(|d| d.channel == aisha::store::DeliveryChannel::Console));
}

/// A local server speaking the chat-completions format that answers every review with `verdict`.
async fn fake_reviewer(verdict: &'static str) -> (String, Arc<std::sync::atomic::AtomicUsize>) {
    let calls = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let c = calls.clone();
    let app = Router::new().route(
        "/v1/chat/completions",
        post(move |Json(_body): Json<Value>| {
            c.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            async move {
                Json(json!({"choices": [{"index": 0, "message": {"role": "assistant", "content": verdict}}]}))
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/v1"), calls)
}

async fn reviewed_service(url: &str) -> (tempfile::TempDir, Service) {
    let dir = tempfile::tempdir().unwrap();
    let store = sqlite::open(&dir.path().join("r.db")).await.unwrap();
    let llm = Arc::new(OpenAiCompatible::new(url, "m", None, Duration::from_secs(2)).unwrap());
    let svc = Service::new(Arc::new(store), None).with_second_opinion(llm);
    svc.put_company_json(COMPANY, "test", now()).await.unwrap();
    let c = aisha_core::care::Customer {
        id: "dana".into(),
        phone: Some("+15551230000".into()),
        ..Default::default()
    };
    svc.upsert_customer("acme-hvac", c, aisha_core::care::CareState::Engaged, now())
        .await
        .unwrap();
    (dir, svc)
}

fn inbound(text: &str) -> aisha_core::care::Event {
    aisha_core::care::Event::InboundMessage {
        channel: None,
        text: text.into(),
    }
}

#[tokio::test]
async fn the_second_opinion_adds_an_escalation_the_detector_missed() {
    let (url, calls) = fake_reviewer(
        r#"{"escalate": true, "reason": "sounds like they may cancel the contract"}"#,
    )
    .await;
    let (_d, svc) = reviewed_service(&url).await;
    let fx = svc
        .apply_event(
            "acme-hvac",
            &"dana".parse().unwrap(),
            &inbound("hmm, we'll see about next month"),
            now(),
        )
        .await
        .unwrap();
    assert_eq!(fx.escalations.len(), 1, "{fx:?}");
    assert_eq!(fx.escalations[0].trigger, "llm_second_opinion");
    assert!(fx.escalations[0].reason.contains("cancel"));
    assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 1);
    // The detector's own escalation needs no second opinion.
    let fx = svc
        .apply_event(
            "acme-hvac",
            &"dana".parse().unwrap(),
            &inbound("How much is the install?"),
            now(),
        )
        .await
        .unwrap();
    assert_eq!(fx.escalations[0].trigger, "pricing_question");
    assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 1);
}

#[tokio::test]
async fn the_second_opinion_never_removes_an_escalation_and_failures_add_nothing() {
    let (url, _) = fake_reviewer(r#"{"escalate": false, "reason": "fine"}"#).await;
    let (_d, svc) = reviewed_service(&url).await;
    let fx = svc
        .apply_event(
            "acme-hvac",
            &"dana".parse().unwrap(),
            &inbound("This is the worst service, I'm furious"),
            now(),
        )
        .await
        .unwrap();
    assert!(
        !fx.escalations.is_empty(),
        "the detector's escalation stands"
    );
    let fx = svc
        .apply_event(
            "acme-hvac",
            &"dana".parse().unwrap(),
            &inbound("thanks, sounds good"),
            now(),
        )
        .await
        .unwrap();
    assert!(fx.escalations.is_empty());
    // An unreachable or babbling reviewer changes nothing.
    let (url, _) = fake_reviewer("not json").await;
    let (_d2, svc) = reviewed_service(&url).await;
    let fx = svc
        .apply_event("acme-hvac", &"dana".parse().unwrap(), &inbound("ok"), now())
        .await
        .unwrap();
    assert!(fx.escalations.is_empty());
}

/// The value of an unlabeled counter in a Prometheus text page (0 when not yet counted).
fn counter(page: &str, name: &str) -> f64 {
    page.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
        .unwrap_or(0.0)
}

/// A refused speaker reply is counted where an operator scrapes it: the real `/metrics`
/// endpoint of the real router, after a turn posted over HTTP to a service whose speaker is
/// a local OpenAI-compatible server that quotes a price.
#[tokio::test]
async fn a_refused_speaker_reply_is_counted_at_the_metrics_endpoint() {
    let url = fake_llm(
        r#"{"reply":"Flat 129 for the diagnostic, want it?","intent":"DISCOVERY"}"#,
        Duration::ZERO,
    )
    .await;
    let (_d, svc) = service_with_llm(&url, Duration::from_secs(5)).await;
    let key = svc
        .rotate_key(
            "acme-hvac",
            "test",
            &aisha_core::Reason::parse("metrics test").unwrap(),
            now(),
        )
        .await
        .unwrap();
    let app = aisha::web::router(aisha::web::AppState {
        service: svc,
        admin_token: None,
        public_url: None,
        chat: Default::default(),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let http = reqwest::Client::new();
    let scrape = || async {
        let resp = http.get(format!("{base}/metrics")).send().await.unwrap();
        assert_eq!(resp.status(), 200);
        resp.text().await.unwrap()
    };
    // The recorder is process-wide and other tests in this binary may refuse replies too:
    // compare against the count before this turn.
    let before = counter(&scrape().await, "aisha_speaker_replies_refused_total");
    let resp = http
        .post(format!(
            "{base}/v1/companies/acme-hvac/conversations/metrics-1/turns"
        ))
        .bearer_auth(&key)
        .header("content-type", "application/json")
        .body(json!({"text": "Hi, my furnace is making a noise"}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let turn: Value = resp.json().await.unwrap();
    assert!(
        !turn.to_string().contains("129"),
        "the refused price reached the caller: {turn}"
    );
    assert_eq!(turn["llmUsed"], false, "{turn}");
    assert_eq!(turn["replySource"], "embedded_responder", "{turn}");
    let after = counter(&scrape().await, "aisha_speaker_replies_refused_total");
    assert!(after >= before + 1.0, "before {before}, after {after}");
}

/// Phones are stored in E.164 however they are written, one customer per number, on both
/// stores: a second customer with the same number is a 409, a non-number a 400, a booking
/// whose caller says "555-123-4567" lands on the customer with that number, and a text to
/// them goes to Twilio as E.164.
#[tokio::test]
async fn phones_are_e164_with_one_customer_per_number() {
    for backend in [common::Backend::Sqlite, common::Backend::Postgres] {
        let app = common::spawn_app(backend).await;
        let twilio = json!({
            "accountSid": "AC0123456789abcdef0123456789abcdef",
            "authToken": "0123456789abcdef0123456789abcdef",
            "fromNumber": "+15125550111"
        });
        let key = app.company("acme-hvac", json!({"twilio": twilio})).await;
        let path = "/v1/companies/acme-hvac/customers";
        let (status, body) = app
            .call(
                "PUT",
                &format!("{path}/dana"),
                &key,
                Some(json!({"firstName": "Dana", "phone": "555-123-4567", "state": "Evaluating"})),
            )
            .await;
        assert_eq!(status, 200, "{backend:?}: {body}");
        let (_, t) = app.call("GET", &format!("{path}/dana"), &key, None).await;
        assert_eq!(t["relationship"]["customer"]["phone"], "+15551234567");
        let (status, body) = app
            .call(
                "PUT",
                &format!("{path}/dana-again"),
                &key,
                Some(json!({"firstName": "Dana", "phone": "+1 (555) 123-4567"})),
            )
            .await;
        assert_eq!(status, 409, "{backend:?}: {body}");
        assert!(body.to_string().contains("dana"), "{body}");
        // Four at once for one new number: one wins, the others hear who has it.
        let races: Vec<String> = (1..=4).map(|i| format!("{path}/race-{i}")).collect();
        let race = |p: &str| {
            let p = p.to_owned();
            let app = &app;
            let key = &key;
            async move {
                app.call("PUT", &p, key, Some(json!({"phone": "555-777-0000"})))
                    .await
            }
        };
        let (a, b, c, d) = tokio::join!(
            race(&races[0]),
            race(&races[1]),
            race(&races[2]),
            race(&races[3])
        );
        let mut statuses = [a.0, b.0, c.0, d.0];
        statuses.sort();
        assert_eq!(
            statuses,
            [200, 409, 409, 409],
            "{backend:?}: {a:?} {b:?} {c:?} {d:?}"
        );
        let (status, _) = app
            .call(
                "PUT",
                &format!("{path}/nobody"),
                &key,
                Some(json!({"phone": "call me maybe"})),
            )
            .await;
        assert_eq!(status, 400);

        // A booking: the slot keeps the caller's words, the customer record is found by number.
        let conv = "call-e164".parse().unwrap();
        for line in [
            "Hi I'm having air-conditioning issues today",
            "The thermostat is blank and there's water dripping",
            "Yes please",
            "Subach",
            "yes",
            "Dana",
            "555-123-4567",
            "123 Main Street, Anytown",
            "As soon as possible",
        ] {
            let r = app
                .service
                .turn(aisha::service::Turn::new("acme-hvac", &conv, line, now()))
                .await
                .unwrap();
            if line == "As soon as possible" {
                assert_eq!(r.booking.slots.phone.as_deref(), Some("555-123-4567"));
            }
        }
        // Dana and the race's winner: the booking made nobody new.
        let (_, list) = app.call("GET", path, &key, None).await;
        assert_eq!(
            list.as_array().map(Vec::len),
            Some(2),
            "{backend:?}: {list}"
        );
        let (_, t) = app.call("GET", &format!("{path}/dana"), &key, None).await;
        assert_eq!(t["relationship"]["state"], "Committed", "{t}");

        // A message to her goes to Twilio with To in E.164.
        let (status, body) = app
            .call(
                "POST",
                &format!("{path}/dana/actions"),
                &key,
                Some(json!({"action": "send_message", "text": "See you Tuesday", "by": "owner"})),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let sms: Vec<_> = app
            .service
            .deliveries("acme-hvac", 50)
            .await
            .unwrap()
            .into_iter()
            .filter(|d| d.channel == aisha::store::DeliveryChannel::TwilioSms)
            .collect();
        // Every text goes to an E.164 number. The race's winner may get a first text of its
        // own: the HTTP edge stamps it with the wall clock, inside or outside quiet hours.
        let to: Vec<_> = sms.iter().map(|d| d.destination.as_str()).collect();
        assert!(to.contains(&"+15551234567"), "{backend:?}: {to:?}");
        assert!(
            to.iter().all(|d| d
                .strip_prefix('+')
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))),
            "{to:?}"
        );
    }
}

/// The console's read models on both stores: customers by name then id (unnamed last), a
/// search by name, id or phone digits (LIKE's own characters taken literally), a state
/// filter, pages with totals; conversations with bookings apart; the audit log newest first.
#[tokio::test]
async fn console_lists_page_search_and_filter_on_both_stores() {
    use aisha::store::CustomerQuery;
    for backend in [common::Backend::Sqlite, common::Backend::Postgres] {
        let app = common::spawn_app(backend).await;
        app.company("acme-hvac", json!({})).await;
        let svc = &app.service;
        let people = [
            ("c10", Some("zoe"), "Engaged"),
            ("c2", Some("Adam"), "Active"),
            ("c1", Some("adam"), "Engaged"),
            ("c3", None, "Engaged"),
            ("c4", Some("Per%cent"), "Engaged"),
        ];
        for (i, (id, name, state)) in people.iter().enumerate() {
            let c = aisha_core::care::Customer {
                id: (*id).into(),
                first_name: name.map(str::to_owned),
                phone: Some(format!("555-300-000{i}")),
                ..Default::default()
            };
            let state = aisha_core::care::CareState::parse(state).unwrap();
            svc.upsert_customer("acme-hvac", c, state, now())
                .await
                .unwrap();
        }
        let q = |search: &str, state: Option<&str>, limit: i64, offset: i64| CustomerQuery {
            search: search.into(),
            state: state.map(str::to_owned),
            limit,
            offset,
        };
        let ids = |rows: Vec<aisha::store::CustomerSummary>| {
            rows.into_iter().map(|r| r.customer_id).collect::<Vec<_>>()
        };
        let (all, total) = svc
            .customers_page("acme-hvac", &q("", None, 10, 0))
            .await
            .unwrap();
        assert_eq!(total, 5);
        assert_eq!(ids(all), ["c1", "c2", "c4", "c10", "c3"], "{backend:?}");
        let (page2, total) = svc
            .customers_page("acme-hvac", &q("", None, 2, 2))
            .await
            .unwrap();
        assert_eq!((ids(page2), total), (vec!["c4".into(), "c10".into()], 5));
        let (found, total) = svc
            .customers_page("acme-hvac", &q("ADA", None, 10, 0))
            .await
            .unwrap();
        assert_eq!((ids(found), total), (vec!["c1".into(), "c2".into()], 2));
        let (found, _) = svc
            .customers_page("acme-hvac", &q("%", None, 10, 0))
            .await
            .unwrap();
        assert_eq!(ids(found), ["c4"], "{backend:?}: % is a character here");
        let (found, _) = svc
            .customers_page("acme-hvac", &q("(555) 300-0003", None, 10, 0))
            .await
            .unwrap();
        assert_eq!(ids(found), ["c3"]);
        let (found, _) = svc
            .customers_page("acme-hvac", &q("c1", None, 10, 0))
            .await
            .unwrap();
        assert_eq!(ids(found), ["c1", "c10"]);
        let (found, total) = svc
            .customers_page("acme-hvac", &q("", Some("Active"), 10, 0))
            .await
            .unwrap();
        assert_eq!((ids(found), total), (vec!["c2".into()], 1));
        let mut counts = svc.state_counts("acme-hvac").await.unwrap();
        counts.sort();
        assert_eq!(counts, [("Active".into(), 1), ("Engaged".into(), 4)]);

        // Two conversations, one booked.
        for (conv, lines) in [
            ("call-a", &["My AC stopped working"][..]),
            (
                "call-b",
                &[
                    "Hi I'm having air-conditioning issues today",
                    "The thermostat is blank and there's water dripping",
                    "Yes please",
                    "Subach",
                    "yes",
                    "John",
                    "555-123-4567",
                    "123 Main Street, Anytown",
                    "As soon as possible",
                ][..],
            ),
        ] {
            let conv = conv.parse().unwrap();
            for line in lines {
                svc.turn(aisha::service::Turn::new("acme-hvac", &conv, line, now()))
                    .await
                    .unwrap();
            }
        }
        let (convs, total) = svc.conversations("acme-hvac", None, 10, 0).await.unwrap();
        assert_eq!(total, 2);
        assert_eq!(convs.len(), 2);
        let (booked, total) = svc
            .conversations("acme-hvac", Some("COMPLETE"), 10, 0)
            .await
            .unwrap();
        assert_eq!(total, 1);
        assert_eq!(booked[0].conversation_id, "call-b");
        assert_eq!(
            booked[0].session.booking.slots.phone.as_deref(),
            Some("555-123-4567")
        );
        // No system of record configured: no hand-off to show.
        assert!(svc
            .booking_handoff("acme-hvac", "call-b")
            .await
            .unwrap()
            .is_none());

        // The audit log, newest first, a page at a time.
        let (first, head) = svc.audit_page("acme-hvac", 3, 0).await.unwrap();
        assert!(head > 6, "{head}");
        assert_eq!(
            first.iter().map(|r| r.seq).collect::<Vec<_>>(),
            [head, head - 1, head - 2]
        );
        let (last, _) = svc.audit_page("acme-hvac", 3, head - 1).await.unwrap();
        assert_eq!(last.iter().map(|r| r.seq).collect::<Vec<_>>(), [1]);
        let (beyond, _) = svc.audit_page("acme-hvac", 3, head + 5).await.unwrap();
        assert!(beyond.is_empty());
        let (out, n) = svc.deliveries_page("acme-hvac", None, 10, 0).await.unwrap();
        assert_eq!(out.len() as i64, n.min(10));
    }
}
