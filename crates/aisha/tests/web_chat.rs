//! Web chat over real HTTP: the publishable key opens chats and nothing else, CORS answers only
//! the company's origins (and the server refuses the rest), rate limits answer 429 with
//! `Retry-After`, and a chat reaches the front desk and C.A.R.E. like a call.

mod common;

use std::num::NonZeroU32;

use aisha::web::chat::ChatLimits;
use common::*;
use reqwest::header::{ACCESS_CONTROL_ALLOW_ORIGIN, ORIGIN, RETRY_AFTER};
use serde_json::{json, Value};

const SITE: &str = "https://www.acme-hvac.example";

async fn app_with(chat: ChatLimits) -> (TestApp, String, String) {
    let app = spawn_app_with(Backend::Sqlite, chat).await;
    let key = app
        .company(
            "acme-hvac",
            json!({"webChat": {"allowedOrigins": [SITE, "http://127.0.0.1:9"]}}),
        )
        .await;
    let pk = app.publishable_key("acme-hvac").await;
    (app, key, pk)
}

async fn app() -> (TestApp, String, String) {
    app_with(ChatLimits::default()).await
}

/// A chat request as a browser page at `origin` sends it.
async fn chat(
    app: &TestApp,
    origin: Option<&str>,
    pk: &str,
    path: &str,
    body: Value,
) -> reqwest::Response {
    let mut req = app
        .http
        .post(format!("{}/v1/chat/acme-hvac{path}", app.base))
        .body(body.to_string());
    if let Some(o) = origin {
        req = req.header(ORIGIN, o);
    }
    if !pk.is_empty() {
        req = req.bearer_auth(pk);
    }
    req.send().await.unwrap()
}

async fn open(app: &TestApp, pk: &str) -> String {
    let r = chat(app, Some(SITE), pk, "/conversations", json!({})).await;
    assert_eq!(r.status(), 201);
    let v: Value = r.json().await.unwrap();
    v["conversationId"].as_str().unwrap().to_owned()
}

async fn say(app: &TestApp, pk: &str, conversation: &str, text: &str) -> (u16, Value) {
    let r = chat(
        app,
        Some(SITE),
        pk,
        &format!("/conversations/{conversation}/turns"),
        json!({"text": text}),
    )
    .await;
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn the_publishable_key_opens_chats_and_nothing_else() {
    let (app, key, pk) = app().await;
    assert!(pk.starts_with("pk_acme-hvac_"), "{pk}");

    let r = chat(&app, Some(SITE), &pk, "/conversations", json!({})).await;
    assert_eq!(r.status(), 201);
    let v: Value = r.json().await.unwrap();
    let conversation = v["conversationId"].as_str().unwrap().to_owned();
    assert!(conversation.starts_with("chat-"), "{v}");
    assert!(
        v["greeting"].as_str().unwrap().contains("How can I help"),
        "{v}"
    );
    let (status, v) = say(&app, &pk, &conversation, "My AC stopped working").await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["mode"], "DISCOVERY", "{v}");
    assert!(v["reply"].as_str().unwrap().len() > 10, "{v}");
    // The visitor sees the reply and the mode, not the company's bookkeeping.
    assert!(
        v.get("signals").is_none() && v.get("session").is_none(),
        "{v}"
    );

    // Every other route the OpenAPI document lists refuses the key: 403 on company routes
    // (it is a key, just not one for that), 401 where the admin token is asked for.
    let (_, doc) = app.call("GET", "/openapi.json", "", None).await;
    let mut refused = 0;
    for (template, ops) in doc["paths"].as_object().unwrap() {
        if template.starts_with("/v1/chat/") || !template.starts_with("/v1/") {
            continue;
        }
        let path = template
            .replace("{companyId}", "acme-hvac")
            .replace("{conversationId}", &conversation)
            .replace("{customerId}", "dana")
            .replace("{id}", "1");
        for method in ops
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| *k != "parameters")
        {
            let method = method.to_uppercase();
            let (status, body) = app
                .call(
                    &method,
                    &path,
                    &pk,
                    Some(json!({"text": "hi", "reason": "x"})),
                )
                .await;
            assert!(
                status == 401 || status == 403,
                "{method} {path} with the publishable key: {status} {body}"
            );
            refused += 1;
        }
    }
    assert!(refused >= 20, "only {refused} routes probed");
    // Not even the conversation it opened, through the company API.
    let (status, _) = app
        .call(
            "GET",
            &format!("/v1/companies/acme-hvac/conversations/{conversation}"),
            &pk,
            None,
        )
        .await;
    assert_eq!(status, 403);
    // The company key still reads it: the chat is a conversation like any other.
    let (status, session) = app
        .call(
            "GET",
            &format!("/v1/companies/acme-hvac/conversations/{conversation}"),
            &key,
            None,
        )
        .await;
    assert_eq!(status, 200, "{session}");

    // The publishable key only drives chat conversations, and only its own company's.
    let (status, v) = say(&app, &pk, "call-CA123", "hello").await;
    assert_eq!(status, 404, "{v}");
    let other_pk = {
        app.company("other-co", json!({"webChat": {"allowedOrigins": [SITE]}}))
            .await;
        app.publishable_key("other-co").await
    };
    let r = chat(&app, Some(SITE), &other_pk, "/conversations", json!({})).await;
    assert_eq!(r.status(), 401);
    // The company's API key is not a publishable key either.
    let r = chat(&app, Some(SITE), &key, "/conversations", json!({})).await;
    assert_eq!(r.status(), 401);
    let r = chat(&app, Some(SITE), "", "/conversations", json!({})).await;
    assert_eq!(r.status(), 401);

    // Rotating the key ends the old one at once; the rotation is audited, the key is not.
    let new_pk = app.publishable_key("acme-hvac").await;
    let r = chat(&app, Some(SITE), &pk, "/conversations", json!({})).await;
    assert_eq!(r.status(), 401);
    let (status, _) = say(&app, &new_pk, &conversation, "Yes please").await;
    assert_eq!(status, 200);
    let (_, audit) = app
        .call(
            "GET",
            "/v1/companies/acme-hvac/audit?limit=1000",
            &key,
            None,
        )
        .await;
    let text = audit.to_string();
    assert!(
        text.contains("company.publishable_key_rotated"),
        "no rotation in the audit log"
    );
    assert!(
        !text.contains(&new_pk) && !text.contains(&pk),
        "a key leaked"
    );
}

#[tokio::test]
async fn cors_answers_only_the_companys_origins() {
    let (app, _, pk) = app().await;
    let url = format!("{}/v1/chat/acme-hvac/conversations", app.base);
    let preflight = |origin: &'static str| {
        app.http
            .request(reqwest::Method::OPTIONS, &url)
            .header(ORIGIN, origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization,content-type",
            )
            .send()
    };
    let ok = preflight(SITE).await.unwrap();
    assert!(ok.status().is_success(), "{}", ok.status());
    assert_eq!(ok.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], SITE);
    let allowed_headers = ok.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(
        allowed_headers.contains("authorization"),
        "{allowed_headers}"
    );

    for origin in [
        "https://evil.example",
        "http://www.acme-hvac.example",
        "null",
    ] {
        let r = preflight(origin).await.unwrap();
        assert!(
            r.headers().get(ACCESS_CONTROL_ALLOW_ORIGIN).is_none(),
            "preflight from {origin} got CORS headers"
        );
        // A page elsewhere cannot read the answer, and the server refuses the request anyway.
        let r = chat(&app, Some(origin), &pk, "/conversations", json!({})).await;
        assert_eq!(r.status(), 403, "POST from {origin}");
        assert!(r.headers().get(ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
        let v: Value = r.json().await.unwrap();
        assert!(
            v["error"].as_str().unwrap().contains("allowedOrigins"),
            "{v}"
        );
    }
    // Without an Origin (not a browser page) the publishable key is refused too.
    let r = chat(&app, None, &pk, "/conversations", json!({})).await;
    assert_eq!(r.status(), 403);
    // The allowed page can read even a refusal (a bad key), so the widget can say why.
    let r = chat(
        &app,
        Some(SITE),
        "pk_acme-hvac_0000",
        "/conversations",
        json!({}),
    )
    .await;
    assert_eq!(r.status(), 401);
    assert_eq!(r.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], SITE);

    // A company without web chat configured allows no origin at all.
    app.company("plain-co", json!({})).await;
    let plain_pk = app.publishable_key("plain-co").await;
    let r = app
        .http
        .post(format!("{}/v1/chat/plain-co/conversations", app.base))
        .header(ORIGIN, SITE)
        .bearer_auth(&plain_pk)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    // Origins in the configuration are checked when it is saved.
    let mut c: Value = serde_json::from_str(COMPANY).unwrap();
    c["webChat"] = json!({"allowedOrigins": ["https://www.acme-hvac.example/chat"]});
    let (status, v) = app
        .call("PUT", "/v1/companies/acme-hvac", ADMIN, Some(c))
        .await;
    assert_eq!(status, 422, "{v}");
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .contains("webChat.allowedOrigins[0]"),
        "{v}"
    );
}

#[tokio::test]
async fn visitors_and_addresses_are_rate_limited() {
    let three = NonZeroU32::new(3).unwrap();
    let plenty = NonZeroU32::new(1000).unwrap();
    let (app, _, pk) = app_with(ChatLimits::new(three, plenty, None)).await;
    let a = open(&app, &pk).await;
    let b = open(&app, &pk).await;
    for _ in 0..3 {
        assert_eq!(say(&app, &pk, &a, "hello").await.0, 200);
    }
    let r = chat(
        &app,
        Some(SITE),
        &pk,
        &format!("/conversations/{a}/turns"),
        json!({"text": "hello"}),
    )
    .await;
    assert_eq!(r.status(), 429);
    let wait: u64 = r.headers()[RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    // The widget on the allowed page can read the header.
    let exposed = r.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(exposed.contains("retry-after"), "{exposed}");
    // Another visitor is not held up by the first.
    assert_eq!(say(&app, &pk, &b, "hello").await.0, 200);

    // Per IP: every request from the address counts, whichever conversation.
    let two = NonZeroU32::new(2).unwrap();
    let (app, _, pk) = app_with(ChatLimits::new(plenty, two, None)).await;
    // Two requests pass (the admin's key requests are not chat requests).
    let a = open(&app, &pk).await;
    assert_eq!(say(&app, &pk, &a, "hello").await.0, 200);
    let r = chat(&app, Some(SITE), &pk, "/conversations", json!({})).await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().get(RETRY_AFTER).is_some());

    // Behind a proxy the client's address comes from the configured header.
    let header = axum::http::HeaderName::from_static("x-real-ip");
    let (app, _, pk) = app_with(ChatLimits::new(plenty, two, Some(header))).await;
    let from = |ip: &'static str| {
        app.http
            .post(format!("{}/v1/chat/acme-hvac/conversations", app.base))
            .header(ORIGIN, SITE)
            .header("x-real-ip", ip)
            .bearer_auth(&pk)
            .send()
    };
    for _ in 0..2 {
        assert_eq!(from("203.0.113.7").await.unwrap().status(), 201);
    }
    assert_eq!(from("203.0.113.7").await.unwrap().status(), 429);
    assert_eq!(from("203.0.113.8").await.unwrap().status(), 201);
}

#[tokio::test]
async fn a_chat_books_like_a_call_and_reaches_care() {
    let (app, key, pk) = app().await;
    let conversation = open(&app, &pk).await;
    for line in [
        "My AC stopped working",
        "Yes please",
        "John Smith",
        "555-123-4567",
        "123 Main Street, Anytown",
        "As soon as possible",
    ] {
        let (status, v) = say(&app, &pk, &conversation, line).await;
        assert_eq!(status, 200, "{line}: {v}");
    }
    let (_, v) = say(&app, &pk, &conversation, "thanks").await;
    assert_eq!(v["mode"], "COMPLETE", "{v}");
    // The booked visitor is a customer in C.A.R.E., keyed by the phone they gave.
    let (status, customers) = app
        .call("GET", "/v1/companies/acme-hvac/customers", &key, None)
        .await;
    assert_eq!(status, 200);
    assert!(
        customers.to_string().contains("phone-5551234567"),
        "{customers}"
    );
    // A pricing question in a chat is an escalation in the inbox, with its conversation.
    let other = open(&app, &pk).await;
    let (_, v) = say(&app, &pk, &other, "How much would a new unit cost?").await;
    assert!(v["reply"].is_string(), "{v}");
    let (_, inbox) = app
        .call(
            "GET",
            "/v1/companies/acme-hvac/escalations?status=open",
            &key,
            None,
        )
        .await;
    assert!(inbox.to_string().contains(&other), "{inbox}");

    // Bad input is a clear 400, never a 500.
    for body in [
        json!({}),
        json!({"text": 5}),
        json!({"text": "x".repeat(2001)}),
    ] {
        let r = chat(
            &app,
            Some(SITE),
            &pk,
            &format!("/conversations/{conversation}/turns"),
            body.clone(),
        )
        .await;
        assert_eq!(r.status(), 400, "{body}");
    }
}
