//! Twilio's webhooks over real HTTP: signed voice and SMS requests drive the front desk and
//! C.A.R.E.; unsigned or wrongly signed ones get 403 and change nothing.

mod common;

use aisha::twilio;
use common::*;
use serde_json::{json, Value};

async fn post_signed(
    app: &TestApp,
    path: &str,
    params: &[(&str, &str)],
    token: Option<&str>,
) -> (u16, String) {
    let url = format!("{}{path}", app.base);
    let owned: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let mut req = app.http.post(&url).form(&owned);
    if let Some(t) = token {
        req = req.header("X-Twilio-Signature", twilio::signature(t, &url, &owned));
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.text().await.unwrap())
}

/// Where Twilio posts next: the `<Gather>`'s action, or its `<Redirect>` on silence.
fn next_url(twiml: &str, silence: bool) -> String {
    let (open, close) = if silence {
        ("<Redirect method=\"POST\">", "</Redirect>")
    } else {
        ("action=\"", "\"")
    };
    let start = twiml.find(open).expect("a Gather") + open.len();
    let len = twiml[start..].find(close).expect("closed");
    twiml[start..start + len].replace("&amp;", "&")
}

async fn app_with_twilio(backend: Backend) -> (TestApp, String) {
    let app = spawn_app(backend).await;
    let key = app
        .company(
            "acme-hvac",
            json!({"twilio": {"accountSid": TWILIO_SID, "authToken": TWILIO_TOKEN}, "transferNumber": "+15125550122"}),
        )
        .await;
    (app, key)
}

async fn voice_call_gathers_speech_and_transfers_on_request(backend: Backend) {
    let (app, key) = app_with_twilio(backend).await;
    let voice = "/twilio/acme-hvac/voice";
    let (status, twiml) = post_signed(
        &app,
        voice,
        &[("CallSid", "CA1"), ("From", "+15551234567")],
        Some(TWILIO_TOKEN),
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        twiml.contains(r#"<Gather input="speech" action="/twilio/acme-hvac/voice?step=1""#),
        "{twiml}"
    );
    assert!(twiml.contains("<Say>"), "{twiml}");

    let (_, twiml) = post_signed(
        &app,
        &next_url(&twiml, false),
        &[
            ("CallSid", "CA1"),
            ("From", "+15551234567"),
            ("SpeechResult", "My AC stopped working"),
        ],
        Some(TWILIO_TOKEN),
    )
    .await;
    assert!(twiml.contains("<Gather"), "{twiml}");
    let (_, session) = app
        .call(
            "GET",
            "/v1/companies/acme-hvac/conversations/call-CA1",
            &key,
            None,
        )
        .await;
    assert_eq!(
        session["callerId"].as_str().map(|s| s.contains("555")),
        Some(true),
        "{session}"
    );

    // Asking for a person: transferred to the configured number, and an escalation opens.
    let (_, twiml) = post_signed(
        &app,
        "/twilio/acme-hvac/voice?step=2",
        &[
            ("CallSid", "CA1"),
            ("From", "+15551234567"),
            ("SpeechResult", "Can I speak to a real person please"),
        ],
        Some(TWILIO_TOKEN),
    )
    .await;
    assert!(twiml.contains("<Dial>+15125550122</Dial>"), "{twiml}");
    let (_, esc) = app
        .call(
            "GET",
            "/v1/companies/acme-hvac/escalations?status=open",
            &key,
            None,
        )
        .await;
    assert!(
        esc.as_array()
            .unwrap()
            .iter()
            .any(|e| e["conversation_id"] == "call-CA1"),
        "{esc}"
    );
}

async fn unsigned_or_wrongly_signed_requests_are_refused_and_change_nothing(backend: Backend) {
    let (app, key) = app_with_twilio(backend).await;
    let stop = [
        ("From", "+15551230000"),
        ("Body", "STOP"),
        ("MessageSid", "SM1"),
    ];
    let (status, _) = post_signed(&app, "/twilio/acme-hvac/sms", &stop, None).await;
    assert_eq!(status, 403);
    let (status, _) =
        post_signed(&app, "/twilio/acme-hvac/sms", &stop, Some("not-the-token")).await;
    assert_eq!(status, 403);
    let (status, _) = post_signed(
        &app,
        "/twilio/acme-hvac/voice",
        &[("CallSid", "CA9"), ("SpeechResult", "hello")],
        Some("wrong"),
    )
    .await;
    assert_eq!(status, 403);
    // A signature for another URL (a replay against another company's path) fails too.
    let url = format!("{}/twilio/other/sms", app.base);
    let params: Vec<(String, String)> = stop
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let sig = twilio::signature(TWILIO_TOKEN, &url, &params);
    let resp = app
        .http
        .post(format!("{}/twilio/acme-hvac/sms", app.base))
        .header("X-Twilio-Signature", sig)
        .form(&params)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
    let (_, customers) = app
        .call("GET", "/v1/companies/acme-hvac/customers", &key, None)
        .await;
    assert_eq!(customers, json!([]), "nothing was recorded");
    let (status, _) = post_signed(&app, "/twilio/nobody/sms", &stop, Some(TWILIO_TOKEN)).await;
    assert_eq!(status, 403);
}

async fn sms_feeds_the_front_desk_and_care_including_stop_and_help(backend: Backend) {
    let (app, key) = app_with_twilio(backend).await;
    let (status, _) = app
        .call(
            "PUT",
            "/v1/companies/acme-hvac/customers/dana",
            &key,
            Some(json!({"firstName": "Dana", "phone": "+1 (555) 123-0000", "state": "Engaged"})),
        )
        .await;
    assert_eq!(status, 200);
    let sms = "/twilio/acme-hvac/sms";
    let (status, twiml) = post_signed(
        &app,
        sms,
        &[
            ("From", "+15551230000"),
            ("Body", "My furnace is making a banging noise"),
            ("MessageSid", "SM-a"),
        ],
        Some(TWILIO_TOKEN),
    )
    .await;
    assert_eq!(status, 200);
    assert!(twiml.contains("<Message>"), "{twiml}");
    let (_, timeline) = app
        .call("GET", "/v1/companies/acme-hvac/customers/dana", &key, None)
        .await;
    assert!(
        timeline["relationship"]["lastInboundAt"].is_string(),
        "C.A.R.E. heard the text: {timeline}"
    );

    let (_, twiml) = post_signed(
        &app,
        sms,
        &[
            ("From", "+15551230000"),
            ("Body", "HELP"),
            ("MessageSid", "SM-b"),
        ],
        Some(TWILIO_TOKEN),
    )
    .await;
    assert!(
        !twiml.contains("<Message>"),
        "HELP is answered once, through the outbox: {twiml}"
    );
    let (_, deliveries) = app
        .call("GET", "/v1/companies/acme-hvac/deliveries", &key, None)
        .await;
    assert!(
        deliveries
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["payload"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("STOP"))),
        "{deliveries}"
    );

    let (_, twiml) = post_signed(
        &app,
        sms,
        &[
            ("From", "+15551230000"),
            ("Body", "STOP"),
            ("MessageSid", "SM-c"),
        ],
        Some(TWILIO_TOKEN),
    )
    .await;
    assert!(twiml.contains("unsubscribed"), "one confirmation: {twiml}");
    let (_, timeline) = app
        .call("GET", "/v1/companies/acme-hvac/customers/dana", &key, None)
        .await;
    assert_eq!(timeline["relationship"]["optedOut"], true);

    // A stranger's text creates a relationship keyed by phone.
    let (_, twiml) = post_signed(
        &app,
        sms,
        &[
            ("From", "+15559998888"),
            ("Body", "Do you service heat pumps?"),
            ("MessageSid", "SM-d"),
        ],
        Some(TWILIO_TOKEN),
    )
    .await;
    assert!(twiml.contains("<Message>"), "{twiml}");
    let (status, _) = app
        .call(
            "GET",
            "/v1/companies/acme-hvac/customers/phone-5559998888",
            &key,
            None,
        )
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn voice_call_gathers_speech_and_transfers_on_request_sqlite() {
    voice_call_gathers_speech_and_transfers_on_request(Backend::Sqlite).await;
}

#[tokio::test]
async fn voice_call_gathers_speech_and_transfers_on_request_postgres() {
    voice_call_gathers_speech_and_transfers_on_request(Backend::Postgres).await;
}

#[tokio::test]
async fn unsigned_or_wrongly_signed_requests_are_refused_and_change_nothing_sqlite() {
    unsigned_or_wrongly_signed_requests_are_refused_and_change_nothing(Backend::Sqlite).await;
}

#[tokio::test]
async fn unsigned_or_wrongly_signed_requests_are_refused_and_change_nothing_postgres() {
    unsigned_or_wrongly_signed_requests_are_refused_and_change_nothing(Backend::Postgres).await;
}

#[tokio::test]
async fn sms_feeds_the_front_desk_and_care_including_stop_and_help_sqlite() {
    sms_feeds_the_front_desk_and_care_including_stop_and_help(Backend::Sqlite).await;
}

#[tokio::test]
async fn sms_feeds_the_front_desk_and_care_including_stop_and_help_postgres() {
    sms_feeds_the_front_desk_and_care_including_stop_and_help(Backend::Postgres).await;
}

/// Without a transfer number the caller is told someone will call back, and a person is asked to.
#[tokio::test]
async fn asking_for_a_person_without_a_transfer_number_promises_a_call_back() {
    let app = spawn_app(Backend::Sqlite).await;
    let key = app
        .company(
            "acme-hvac",
            json!({"twilio": {"accountSid": TWILIO_SID, "authToken": TWILIO_TOKEN}}),
        )
        .await;
    let voice = "/twilio/acme-hvac/voice";
    let params = [
        ("CallSid", "CA7"),
        ("From", "+15551234567"),
        ("SpeechResult", "I want to talk to a real person"),
    ];
    let (status, twiml) = post_signed(&app, voice, &params, Some(TWILIO_TOKEN)).await;
    assert_eq!(status, 200);
    assert!(!twiml.contains("<Dial>"), "{twiml}");
    assert!(
        twiml.contains("<Hangup/>") && twiml.contains("<Say>"),
        "{twiml}"
    );
    let (_, esc) = app
        .call(
            "GET",
            "/v1/companies/acme-hvac/escalations?status=open",
            &key,
            None,
        )
        .await;
    assert!(
        esc.as_array()
            .unwrap()
            .iter()
            .any(|e| e["conversation_id"] == "call-CA7"),
        "{esc}"
    );
}

/// Silence mid-booking (the Gather's redirect, no `SpeechResult`) repeats the active question,
/// not the greeting; a second silence offers a person. Read-backs are spoken the way people say
/// them.
#[tokio::test]
async fn silence_repeats_the_question_then_offers_a_person() {
    let app = spawn_app(Backend::Sqlite).await;
    app.company(
        "acme-hvac",
        json!({"twilio": {"accountSid": TWILIO_SID, "authToken": TWILIO_TOKEN}, "transferNumber": "+15125550122"}),
    )
    .await;
    let voice = "/twilio/acme-hvac/voice";
    let say = |text: &'static str| {
        [
            ("CallSid", "CA5"),
            ("From", "+15551234567"),
            ("SpeechResult", text),
        ]
    };
    let mut twiml = String::new();
    let mut url = voice.to_owned();
    for t in ["My AC stopped working", "Yes please", "John Smith"] {
        twiml = post_signed(&app, &url, &say(t), Some(TWILIO_TOKEN)).await.1;
        url = next_url(&twiml, false);
    }
    let silence = next_url(&twiml, true);
    assert!(silence.ends_with("?step=3&silence=1"), "{silence}");
    let (status, twiml) = post_signed(
        &app,
        &silence,
        &[("CallSid", "CA5"), ("From", "+15551234567")],
        Some(TWILIO_TOKEN),
    )
    .await;
    assert_eq!(status, 200);
    assert!(twiml.contains("<Gather"), "{twiml}");
    assert!(!twiml.contains("How can I help"), "greeted again: {twiml}");
    assert!(twiml.contains("silence=1</Redirect>"), "{twiml}");
    // The caller-ID offer is the active question, its number read digit by digit.
    assert!(twiml.contains("5 5 5, 1 2 3, 4 5 6 7"), "{twiml}");
    let (_, twiml) = post_signed(
        &app,
        &next_url(&twiml, true),
        &[("CallSid", "CA5"), ("From", "+15551234567")],
        Some(TWILIO_TOKEN),
    )
    .await;
    assert!(twiml.contains("<Dial>+15125550122</Dial>"), "{twiml}");
    // A new call without speech is still greeted.
    let (_, twiml) = post_signed(
        &app,
        voice,
        &[("CallSid", "CA6"), ("From", "+15551234567")],
        Some(TWILIO_TOKEN),
    )
    .await;
    assert!(twiml.contains("How can I help"), "{twiml}");
}

/// "Never mind" mid-booking, confirmed: the conversation goes back to DISCOVERY and the
/// caller's relationship hears the cancellation (C.A.R.E. sees it), with an audit entry.
#[tokio::test]
async fn a_confirmed_cancellation_reaches_care() {
    let app = spawn_app(Backend::Sqlite).await;
    let key = app.company("acme-hvac", json!({})).await;
    let c = "/v1/companies/acme-hvac";
    let mut last = serde_json::Value::Null;
    for text in [
        "My AC stopped working",
        "Yes please",
        "John Smith",
        "555-123-4567",
        "Never mind, I want to cancel, I'll call back later",
        "yes",
    ] {
        let (status, r) = app
            .call(
                "POST",
                &format!("{c}/conversations/chat-9/turns"),
                &key,
                Some(json!({"text": text})),
            )
            .await;
        assert_eq!(status, 200, "{r}");
        last = r;
    }
    assert_eq!(last["mode"], "DISCOVERY", "{last}");
    assert_eq!(last["bookingCancelled"], true, "{last}");
    let (_, customers) = app.call("GET", &format!("{c}/customers"), &key, None).await;
    let caller = customers
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["customerId"] == "phone-5551234567")
        .cloned()
        .expect("the caller is a customer");
    let (_, detail) = app
        .call(
            "GET",
            &format!("{c}/customers/phone-5551234567"),
            &key,
            None,
        )
        .await;
    assert!(
        detail["relationship"]["lastInboundAt"].is_string(),
        "C.A.R.E. heard the caller: {caller} {detail}"
    );
    let (_, audit) = app
        .call("GET", &format!("{c}/audit?limit=200"), &key, None)
        .await;
    let audit = audit.to_string();
    assert!(audit.contains("booking.cancelled"), "{audit}");
    assert!(audit.contains("cancelled a booking request"), "{audit}");
}

/// Escalations, the conversation's turn count and the audit chain: what a replay must not change.
async fn recorded(app: &TestApp, key: &str, conversation: &str) -> (Value, Value, Value) {
    let (_, esc) = app
        .call("GET", "/v1/companies/acme-hvac/escalations", key, None)
        .await;
    let path = format!("/v1/companies/acme-hvac/conversations/{conversation}");
    let (_, session) = app.call("GET", &path, key, None).await;
    let (_, audit) = app
        .call("GET", "/v1/companies/acme-hvac/audit", key, None)
        .await;
    (esc, session["turn"].clone(), audit)
}

/// Twilio retries a webhook when the answer is slow: the same `MessageSid` (or `CallSid` and
/// step) posted again, one after another or at the same time, gets the first answer word for
/// word and records nothing new.
async fn retried_webhooks_are_answered_once(backend: Backend) {
    let (app, key) = app_with_twilio(backend).await;
    let sms = "/twilio/acme-hvac/sms";
    let text = [
        ("From", "+15551230000"),
        (
            "Body",
            "I want to talk to a real person about my broken furnace",
        ),
        ("MessageSid", "SM-retried"),
    ];
    let first = post_signed(&app, sms, &text, Some(TWILIO_TOKEN)).await;
    assert_eq!(first.0, 200);
    assert!(first.1.contains("<Message>"), "{}", first.1);
    let before = recorded(&app, &key, "sms-5551230000").await;
    assert!(!before.0.as_array().unwrap().is_empty(), "{}", before.0);
    assert_eq!(before.1, 1);
    for _ in 0..2 {
        assert_eq!(
            post_signed(&app, sms, &text, Some(TWILIO_TOKEN)).await,
            first
        );
    }
    let post = || post_signed(&app, sms, &text, Some(TWILIO_TOKEN));
    let (a, b, c) = tokio::join!(post(), post(), post());
    assert!([a, b, c].iter().all(|r| *r == first));
    assert_eq!(recorded(&app, &key, "sms-5551230000").await, before);

    // Voice: the same step of the same call is one turn, however often and however
    // concurrently it is posted; the first time it is posted concurrently.
    let voice = "/twilio/acme-hvac/voice?step=1";
    let said = [
        ("CallSid", "CA-retried"),
        ("From", "+15551234567"),
        ("SpeechResult", "My AC stopped working"),
    ];
    let post = || post_signed(&app, voice, &said, Some(TWILIO_TOKEN));
    let (a, b, c, d) = tokio::join!(post(), post(), post(), post());
    assert!(a.1.contains("step=2"), "{}", a.1);
    assert!(
        [&b, &c, &d].iter().all(|r| **r == a),
        "{a:?} {b:?} {c:?} {d:?}"
    );
    let before = recorded(&app, &key, "call-CA-retried").await;
    assert_eq!(before.1, 1);
    assert_eq!(post().await, a);
    assert_eq!(recorded(&app, &key, "call-CA-retried").await, before);
}

async fn text(app: &TestApp, sid: &str, body: &str) -> String {
    let params = [
        ("From", "+15557770000"),
        ("Body", body),
        ("MessageSid", sid),
    ];
    let (status, twiml) =
        post_signed(app, "/twilio/acme-hvac/sms", &params, Some(TWILIO_TOKEN)).await;
    assert_eq!(status, 200, "{twiml}");
    twiml
}

/// STOP opts out with one confirmation; later texts get no answer and nothing is queued until
/// START opts back in (confirmed once); HELP answers with the company's configured help text.
async fn stop_silences_until_start(backend: Backend) {
    let app = spawn_app(backend).await;
    let key = app
        .company(
            "acme-hvac",
            json!({"twilio": {"accountSid": TWILIO_SID, "authToken": TWILIO_TOKEN},
                   "care": {"templates": {"helpReply": "Acme help: call 555-0100."}}}),
        )
        .await;
    assert!(text(&app, "SM1", "Do you fix boilers?")
        .await
        .contains("<Message>"));
    let stop = text(&app, "SM2", "STOP").await;
    assert!(stop.contains("unsubscribed"), "{stop}");
    let outbox = || async {
        let (_, d) = app
            .call("GET", "/v1/companies/acme-hvac/deliveries", &key, None)
            .await;
        d.as_array().unwrap().len()
    };
    let queued = outbox().await;
    for (sid, body) in [
        ("SM3", "hello?"),
        ("SM4", "STOP"),
        ("SM5", "Can you come Tuesday?"),
    ] {
        let t = text(&app, sid, body).await;
        assert!(!t.contains("<Message>"), "{body}: {t}");
    }
    assert_eq!(outbox().await, queued, "nothing queued while opted out");
    let path = "/v1/companies/acme-hvac/customers/phone-5557770000";
    let (_, timeline) = app.call("GET", path, &key, None).await;
    assert_eq!(timeline["relationship"]["optedOut"], true, "{timeline}");
    let start = text(&app, "SM6", "START").await;
    assert!(start.contains("subscribed again"), "{start}");
    let (_, timeline) = app.call("GET", path, &key, None).await;
    assert_eq!(timeline["relationship"]["optedOut"], false, "{timeline}");
    assert!(text(&app, "SM7", "Can you come Tuesday?")
        .await
        .contains("<Message>"));
    // HELP: the configured help text, once, through the outbox.
    assert!(!text(&app, "SM8", "HELP").await.contains("<Message>"));
    let (_, deliveries) = app
        .call("GET", "/v1/companies/acme-hvac/deliveries", &key, None)
        .await;
    let helps = deliveries
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["payload"]["text"] == "Acme help: call 555-0100.")
        .count();
    assert_eq!(helps, 1, "{deliveries}");
}

#[tokio::test]
async fn retried_webhooks_are_answered_once_sqlite() {
    retried_webhooks_are_answered_once(Backend::Sqlite).await;
}

#[tokio::test]
async fn retried_webhooks_are_answered_once_postgres() {
    retried_webhooks_are_answered_once(Backend::Postgres).await;
}

#[tokio::test]
async fn stop_silences_until_start_sqlite() {
    stop_silences_until_start(Backend::Sqlite).await;
}

#[tokio::test]
async fn stop_silences_until_start_postgres() {
    stop_silences_until_start(Backend::Postgres).await;
}
