//! Issue 13 over real HTTP on both stores: integration settings that cannot hold an invalid
//! value, write-only secrets sealed at rest (the raw database never holds them), SSRF checks
//! at configuration and at send time, the server's header timeout and connection limit,
//! per-IP limits on the public routes, the Secure cookie, and NUL refused with 400.

mod common;

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use aisha::service::Service;
use aisha::worker::{self, Channels};
use common::*;
use jiff::Timestamp;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

type Opts = AppOptions;

async fn spawn(backend: Backend, opts: Opts) -> TestApp {
    spawn_app_opts(backend, opts).await
}

/// The demo company with `patch` merged in, as a JSON body.
fn company_body(id: &str, patch: Value) -> Value {
    let mut c: Value = serde_json::from_str(&COMPANY.replace("acme-hvac", id)).unwrap();
    for (k, v) in patch.as_object().unwrap() {
        c[k] = v.clone();
    }
    c
}

async fn put_company(app: &TestApp, id: &str, body: &Value) -> (u16, Value) {
    app.call(
        "PUT",
        &format!("/v1/companies/{id}"),
        ADMIN,
        Some(body.clone()),
    )
    .await
}

/// Everything the database holds about companies and their audit log, as text.
async fn raw_database(app: &TestApp, backend: Backend) -> String {
    match backend {
        Backend::Sqlite => {
            // The file and its write-ahead log, byte for byte.
            let mut all = Vec::new();
            for suffix in ["", "-wal"] {
                if let Ok(b) = std::fs::read(format!("{}{suffix}", app.database)) {
                    all.extend(b);
                }
            }
            String::from_utf8_lossy(&all).into_owned()
        }
        Backend::Postgres => {
            use sqlx::Row;
            let pool = sqlx::PgPool::connect(&app.database).await.unwrap();
            let mut all = String::new();
            for sql in [
                "SELECT coalesce(string_agg(c::text, ' '), '') FROM companies c",
                "SELECT coalesce(string_agg(a::text, ' '), '') FROM audit_log a",
            ] {
                let row = sqlx::query(sql).fetch_one(&pool).await.unwrap();
                all.push_str(&row.get::<String, _>(0));
            }
            all
        }
    }
}

const NEW_TOKEN: &str = "fedcba9876543210fedcba9876543210";

async fn secrets_are_write_only_and_sealed(backend: Backend) {
    let app = spawn(backend, Opts::default()).await;
    let (sor, _) = fake_peer("/hooks/aisha", vec![], 200).await;
    let mut body = company_body(
        "acme-hvac",
        json!({
            "twilio": {"accountSid": TWILIO_SID, "authToken": TWILIO_TOKEN, "fromNumber": "+15125550111"},
            "systemOfRecord": {"webhookUrl": format!("{sor}/hooks/aisha"), "signingSecret": SOR_SECRET},
        }),
    );
    let (status, created) = put_company(&app, "acme-hvac", &body).await;
    assert_eq!(status, 201, "{created}");
    let key = created["apiKey"].as_str().unwrap().to_owned();

    // GET answers whether a secret is set, never the secret.
    let (status, got) = app.call("GET", "/v1/companies/acme-hvac", &key, None).await;
    assert_eq!(status, 200);
    let text = got.to_string();
    assert!(
        !text.contains(TWILIO_TOKEN) && !text.contains(SOR_SECRET),
        "{text}"
    );
    assert_eq!(got["twilio"]["authTokenSet"], json!(true));
    assert!(got["twilio"].get("authToken").is_none());
    assert_eq!(got["systemOfRecord"]["signingSecretSet"], json!(true));
    assert_eq!(got["twilio"]["accountSid"], json!(TWILIO_SID));

    // What GET showed goes back unchanged: the stored secrets are kept, no secret changed.
    let (status, _) = put_company(&app, "acme-hvac", &got).await;
    assert_eq!(status, 200);
    assert_eq!(app.signed_sms(TWILIO_TOKEN, "SM1").await, 200);

    // An explicit value replaces the token: the old one stops verifying.
    body["twilio"]["authToken"] = json!(NEW_TOKEN);
    let (status, _) = put_company(&app, "acme-hvac", &body).await;
    assert_eq!(status, 200);
    assert_eq!(app.signed_sms(TWILIO_TOKEN, "SM2").await, 403);
    assert_eq!(app.signed_sms(NEW_TOKEN, "SM3").await, 200);

    // The audit log records that secrets changed, never their values.
    let (status, audit) = app
        .call("GET", "/v1/companies/acme-hvac/audit", &key, None)
        .await;
    assert_eq!(status, 200);
    // Payloads are the stored text (the chain covers it).
    let payloads: Vec<Value> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"].as_str().unwrap_or("").starts_with("company."))
        .map(|e| serde_json::from_str(e["payload"].as_str().unwrap()).unwrap())
        .collect();
    assert_eq!(payloads.len(), 3, "{audit}");
    assert_eq!(
        payloads[0]["secretsChanged"],
        json!(["twilio.authToken", "systemOfRecord.signingSecret"])
    );
    assert!(payloads[1].get("secretsChanged").is_none());
    assert_eq!(payloads[2]["secretsChanged"], json!(["twilio.authToken"]));
    let audit_text = audit.to_string();
    for secret in [TWILIO_TOKEN, NEW_TOKEN, SOR_SECRET] {
        assert!(!audit_text.contains(secret), "{secret} in {audit_text}");
    }

    // The raw database holds none of them: they are sealed under the server key.
    let raw = raw_database(&app, backend).await;
    assert!(raw.contains("acme-hvac"), "the dump reads the rows");
    for secret in [TWILIO_TOKEN, NEW_TOKEN, SOR_SECRET] {
        assert!(!raw.contains(secret), "{secret} is in the database");
    }

    // The SoR webhook is still signed with the kept secret.
    let company = app.service.company("acme-hvac").await.unwrap();
    assert_eq!(
        company
            .system_of_record
            .unwrap()
            .signing_secret
            .unwrap()
            .expose(),
        SOR_SECRET
    );

    // A new company's integration needs its secret.
    let mut missing = company_body("no-token", json!({"twilio": {"accountSid": TWILIO_SID}}));
    let (status, e) = put_company(&app, "no-token", &missing).await;
    assert_eq!(status, 422, "{e}");
    assert!(
        e["error"].as_str().unwrap().contains("twilio.authToken"),
        "{e}"
    );
    missing["twilio"]["authToken"] = json!("");
    let (status, e) = put_company(&app, "no-token", &missing).await;
    assert_eq!(status, 422, "{e}");
    assert!(
        e["error"].as_str().unwrap().contains("twilio.authToken"),
        "{e}"
    );
}

#[tokio::test]
async fn secrets_are_write_only_and_sealed_sqlite() {
    secrets_are_write_only_and_sealed(Backend::Sqlite).await;
}

#[tokio::test]
async fn secrets_are_write_only_and_sealed_postgres() {
    secrets_are_write_only_and_sealed(Backend::Postgres).await;
}

#[tokio::test]
async fn integration_settings_that_do_not_parse_are_refused_naming_the_field() {
    let app = spawn(Backend::Sqlite, Opts::default()).await;
    for (patch, field) in [
        (
            json!({"twilio": {"accountSid": "AC1", "authToken": TWILIO_TOKEN}}),
            "twilio.accountSid",
        ),
        (
            json!({"twilio": {"accountSid": "", "authToken": TWILIO_TOKEN}}),
            "twilio.accountSid",
        ),
        (json!({"twilio": {"authToken": TWILIO_TOKEN}}), "twilio"),
        (
            json!({"twilio": {"accountSid": TWILIO_SID, "authToken": "short"}}),
            "twilio.authToken",
        ),
        (
            json!({"twilio": {"accountSid": TWILIO_SID, "authToken": TWILIO_TOKEN, "fromNumber": "555-0100"}}),
            "twilio.fromNumber",
        ),
        (
            json!({"transferNumber": "+1 512 555 0100"}),
            "transferNumber",
        ),
        (json!({"transferNumber": "+10125550100"}), "transferNumber"),
        (
            json!({"systemOfRecord": {"webhookUrl": "file:///etc/passwd", "signingSecret": SOR_SECRET}}),
            "systemOfRecord.webhookUrl",
        ),
        (
            json!({"systemOfRecord": {"webhookUrl": "https://u:p@example.com/x", "signingSecret": SOR_SECRET}}),
            "systemOfRecord.webhookUrl",
        ),
        (
            json!({"systemOfRecord": {"webhookUrl": "https://93.184.216.34/x", "signingSecret": "whsec"}}),
            "systemOfRecord.signingSecret",
        ),
    ] {
        let (status, e) = put_company(&app, "bad", &company_body("bad", patch.clone())).await;
        assert_eq!(status, 422, "{patch}: {e}");
        let msg = e["error"].as_str().unwrap();
        assert!(msg.contains(&format!("`{field}`")), "{patch}: {msg}");
    }
}

#[tokio::test]
async fn webhooks_to_private_addresses_are_refused_when_configured() {
    let app = spawn(
        Backend::Sqlite,
        Opts {
            allow_private: false,
            ..Default::default()
        },
    )
    .await;
    let sor = |url: &str| {
        company_body(
            "acme-hvac",
            json!({"systemOfRecord": {"webhookUrl": url, "signingSecret": SOR_SECRET}}),
        )
    };
    for (url, why) in [
        ("http://93.184.216.34/hook", "https"),
        ("https://127.0.0.1/hook", "not a public address"),
        (
            "https://169.254.169.254/latest/meta-data",
            "not a public address",
        ),
        ("https://10.0.0.7/hook", "not a public address"),
        ("https://100.64.1.1/hook", "not a public address"),
        ("https://[::1]/hook", "not a public address"),
        ("https://[fd00::1]/hook", "not a public address"),
        ("https://[::ffff:192.168.0.1]/hook", "not a public address"),
        // A name is resolved and every address checked.
        ("https://localhost/hook", "resolves to"),
    ] {
        let (status, e) = put_company(&app, "acme-hvac", &sor(url)).await;
        assert_eq!(status, 422, "{url}: {e}");
        let msg = e["error"].as_str().unwrap();
        assert!(msg.contains("`systemOfRecord.webhookUrl`"), "{url}: {msg}");
        assert!(msg.contains(why), "{url}: {msg}");
    }
    // A public address is accepted (an IP literal: no resolution needed offline).
    let (status, e) = put_company(&app, "acme-hvac", &sor("https://93.184.216.34/hook")).await;
    assert_eq!(status, 201, "{e}");
}

#[tokio::test]
async fn the_worker_checks_the_webhook_again_when_it_sends() {
    // Configured while private addresses were allowed (or before DNS changed) …
    let app = spawn(Backend::Sqlite, Opts::default()).await;
    let (sor, received) = fake_peer("/hooks/aisha", vec![], 200).await;
    let localhost = sor.replace("127.0.0.1", "localhost");
    let key = app
        .company(
            "acme-hvac",
            json!({"systemOfRecord": {"webhookUrl": format!("{localhost}/hooks/aisha"), "signingSecret": SOR_SECRET}}),
        )
        .await;
    let override_state = |state: &'static str| {
        let app = &app;
        let key = key.clone();
        async move {
            app.call(
                "PUT",
                "/v1/companies/acme-hvac/customers/cust-1/state",
                &key,
                Some(json!({"state": state, "reason": "checked", "by": "sam"})),
            )
            .await
        }
    };
    let (status, r) = app
        .call(
            "PUT",
            "/v1/companies/acme-hvac/customers/cust-1",
            &key,
            Some(json!({"firstName": "Dana", "phone": "+15125550188"})),
        )
        .await;
    assert_eq!(status, 200, "{r}");
    assert_eq!(override_state("Engaged").await.0, 200);

    // … a worker that does not allow them refuses to send, for good, and nothing arrives.
    let strict = Channels::new("http://127.0.0.1:1");
    let now = Timestamp::now();
    let report = worker::send_due(&app.service, &strict, "w1", now, 100)
        .await
        .unwrap();
    assert!(report.failed >= 1 && report.sent == 0, "{report:?}");
    assert!(received.all().is_empty());
    let (_, deliveries) = app
        .call("GET", "/v1/companies/acme-hvac/deliveries", &key, None)
        .await;
    let text = deliveries.to_string();
    assert!(text.contains("webhook URL refused"), "{text}");
    assert!(received.all().is_empty());
    // Over https the name is resolved when sending, and every address checked: localhost
    // is refused for good (not retried), whatever it resolved to at configuration time.
    let https = aisha_core::company::WebhookUrl::parse("https://localhost:9/hooks").unwrap();
    let refused = aisha::ssrf::client_for(&https, false, Duration::from_secs(5))
        .await
        .unwrap_err();
    assert!(refused.reason.contains("resolves to"), "{refused}");
    assert!(!refused.transient);
    assert!(
        aisha::ssrf::client_for(&https, true, Duration::from_secs(5))
            .await
            .is_ok()
    );

    // With --allow-private-webhooks the same kind of delivery goes out.
    let (status, r) = override_state("Evaluating").await;
    assert_eq!(status, 200, "{r}");
    let open = Channels::new("http://127.0.0.1:1").allow_private_webhooks(true);
    let report = worker::send_due(&app.service, &open, "w1", Timestamp::now(), 100)
        .await
        .unwrap();
    let (_, deliveries) = app
        .call("GET", "/v1/companies/acme-hvac/deliveries", &key, None)
        .await;
    assert!(report.sent >= 1, "{report:?} {r} {deliveries}");
    assert!(!received.all().is_empty());
}

/// Read until the server closes the connection; what it sent.
async fn read_to_close(stream: &mut tokio::net::TcpStream) -> String {
    let mut out = Vec::new();
    // A guard, not a timing assumption: the server must close well within this.
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut out))
        .await
        .expect("the server closed the connection")
        .ok();
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn a_connection_that_sends_half_a_header_is_closed() {
    let app = spawn(
        Backend::Sqlite,
        Opts {
            limits: aisha::web::server::ServerLimits {
                header_read_timeout: Duration::from_millis(300),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await;
    let addr = app.base.trim_start_matches("http://").to_owned();
    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    slow.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .unwrap();
    let answer = read_to_close(&mut slow).await;
    assert!(!answer.contains("200 OK"), "{answer}");
    // A client that finishes its headers is served.
    let (status, _) = app.call("GET", "/health", "", None).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn connections_beyond_the_limit_are_closed() {
    let app = spawn(
        Backend::Sqlite,
        Opts {
            limits: aisha::web::server::ServerLimits {
                max_connections: 2,
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await;
    let addr = app.base.trim_start_matches("http://").to_owned();
    let mut first = tokio::net::TcpStream::connect(&addr).await.unwrap();
    // One full request on the first proves it was accepted before the next connects.
    first
        .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 512];
    let n = first.read(&mut buf).await.unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    let mut second = tokio::net::TcpStream::connect(&addr).await.unwrap();
    second
        .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let n = second.read(&mut buf).await.unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    // The third is closed without an answer.
    let mut third = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let _ = third
        .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .await;
    assert_eq!(read_to_close(&mut third).await, "");
    // The first two still work.
    first
        .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let n = first.read(&mut buf).await.unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
}

#[tokio::test]
async fn webhooks_and_sign_in_are_limited_per_ip() {
    let app = spawn(
        Backend::Sqlite,
        Opts {
            chat: aisha::web::chat::ChatLimits::default()
                .with_public_limits(NonZeroU32::new(3).unwrap(), NonZeroU32::new(2).unwrap()),
            ..Default::default()
        },
    )
    .await;
    app.company(
        "acme-hvac",
        json!({"twilio": {"accountSid": TWILIO_SID, "authToken": TWILIO_TOKEN}}),
    )
    .await;
    let mut statuses = Vec::new();
    let mut retry_after = None;
    for _ in 0..4 {
        let resp = app
            .http
            .post(format!("{}/twilio/acme-hvac/sms", app.base))
            .form(&[("MessageSid", "SMx"), ("Body", "hi")])
            .send()
            .await
            .unwrap();
        statuses.push(resp.status().as_u16());
        retry_after = resp.headers().get("retry-after").cloned().or(retry_after);
    }
    assert_eq!(statuses, [403, 403, 403, 429]);
    let secs: u64 = retry_after.unwrap().to_str().unwrap().parse().unwrap();
    assert!(secs >= 1);

    let mut statuses = Vec::new();
    for _ in 0..3 {
        let resp = app
            .http
            .post(format!("{}/console/login", app.base))
            .form(&[("company", "acme-hvac"), ("key", "ak_guess")])
            .send()
            .await
            .unwrap();
        statuses.push(resp.status().as_u16());
        if resp.status() == 429 {
            assert!(resp.headers().contains_key("retry-after"));
        }
    }
    assert_eq!(statuses, [401, 401, 429]);
}

/// One company's webhooks are limited as a whole, whatever the addresses (behind a proxy that
/// names the client): a flood for one tenant leaves the others answered.
#[tokio::test]
async fn webhooks_are_limited_per_company_too() {
    let app = spawn(
        Backend::Sqlite,
        Opts {
            chat: aisha::web::chat::ChatLimits::new(
                NonZeroU32::new(20).unwrap(),
                NonZeroU32::new(120).unwrap(),
                Some(axum::http::HeaderName::from_static("x-real-ip")),
            )
            .with_webhook_company_limit(NonZeroU32::new(3).unwrap()),
            ..Default::default()
        },
    )
    .await;
    for id in ["acme-hvac", "other-co"] {
        app.company(
            id,
            json!({"twilio": {"accountSid": TWILIO_SID, "authToken": TWILIO_TOKEN}}),
        )
        .await;
    }
    let post = |company: &'static str, ip: String| {
        let http = app.http.clone();
        let url = format!("{}/twilio/{company}/sms", app.base);
        async move {
            http.post(url)
                .header("x-real-ip", ip)
                .form(&[("MessageSid", "SMx"), ("Body", "hi")])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    let mut statuses = Vec::new();
    for i in 0..4 {
        statuses.push(post("acme-hvac", format!("198.51.100.{i}")).await);
    }
    // Unsigned, so refused (403) until the company's budget is spent, from four addresses.
    assert_eq!(statuses, [403, 403, 403, 429]);
    assert_eq!(post("other-co", "198.51.100.9".into()).await, 403);
}

async fn session_cookie(app: &TestApp, key: &str) -> String {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let resp = http
        .post(format!("{}/console/login", app.base))
        .form(&[("company", "acme-hvac"), ("key", key)])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    resp.headers()["set-cookie"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_session_cookie_is_secure_behind_https() {
    let app = spawn(
        Backend::Sqlite,
        Opts {
            public_url: Some("https://aisha.example.com"),
            ..Default::default()
        },
    )
    .await;
    let key = app.company("acme-hvac", json!({})).await;
    let cookie = session_cookie(&app, &key).await;
    assert!(cookie.contains("; Secure"), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));

    let plain = spawn(Backend::Sqlite, Opts::default()).await;
    let key = plain.company("acme-hvac", json!({})).await;
    assert!(!session_cookie(&plain, &key).await.contains("Secure"));
}

async fn nul_is_refused_with_400(backend: Backend) {
    let app = spawn(backend, Opts::default()).await;
    let key = app
        .company(
            "acme-hvac",
            json!({"twilio": {"accountSid": TWILIO_SID, "authToken": TWILIO_TOKEN}}),
        )
        .await;
    let customers = "/v1/companies/acme-hvac/customers";
    let (status, r) = app
        .call(
            "PUT",
            &format!("{customers}/cust-1"),
            &key,
            Some(json!({"firstName": "Dana"})),
        )
        .await;
    assert_eq!(status, 200, "{r}");
    for (path, method, body, field) in [
        (
            format!("{customers}/cust-2"),
            "PUT",
            json!({"firstName": "Da\u{0}na"}),
            "firstName",
        ),
        (
            format!("{customers}/cust-1/state"),
            "PUT",
            json!({"state": "Engaged", "reason": "called\u{0}back", "by": "sam"}),
            "reason",
        ),
        (
            format!("{customers}/cust-1/events"),
            "POST",
            json!({"type": "inbound_message", "text": "hi\u{0}", "channel": "sms"}),
            "text",
        ),
        (
            "/v1/companies/acme-hvac/conversations/c1/turns".to_owned(),
            "POST",
            json!({"text": "my AC\u{0} is broken"}),
            "text",
        ),
        (
            "/v1/companies/acme-hvac".to_owned(),
            "PUT",
            company_body("acme-hvac", json!({"name": "Acme\u{0}"})),
            "name",
        ),
    ] {
        let k = if method == "PUT" && field == "name" {
            ADMIN
        } else {
            &key
        };
        let (status, e) = app.call(method, &path, k, Some(body)).await;
        assert_eq!(status, 400, "{path}: {e}");
        let msg = e["error"].as_str().unwrap_or_default();
        assert!(
            msg.starts_with(&format!("{field}:")) && msg.contains("NUL"),
            "{path}: {msg}"
        );
    }
    // A lone surrogate is not text either (neither store could hold it): 400, not 5xx.
    let resp = app
        .http
        .put(format!("{}{customers}/cust-3", app.base))
        .bearer_auth(&key)
        .body(r#"{"firstName": "Da\ud800na"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    // Forms: Twilio's (after the signature: unsigned is still a 403) and the console's.
    let url = format!("{}/twilio/acme-hvac/sms", app.base);
    let params: Vec<(String, String)> = [
        ("MessageSid", "SM1"),
        ("From", "+15125550177"),
        ("Body", "hi\0there"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let unsigned = app.http.post(&url).form(&params).send().await.unwrap();
    assert_eq!(unsigned.status(), 403);
    let resp = app
        .http
        .post(&url)
        .header(
            "X-Twilio-Signature",
            aisha::twilio::signature(TWILIO_TOKEN, &url, &params),
        )
        .form(&params)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    assert!(resp.text().await.unwrap().contains("Body: contains a NUL"));
    let resp = app
        .http
        .post(format!("{}/console/login", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("company=acme%00&key=x")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    // A query string too.
    let (status, _) = app
        .call(
            "GET",
            "/v1/companies/acme-hvac/audit?after=1%00",
            &key,
            None,
        )
        .await;
    assert_eq!(status, 400);
    // Nothing was stored: cust-2 does not exist, cust-1 is still Unaware.
    let (status, _) = app
        .call("GET", &format!("{customers}/cust-2"), &key, None)
        .await;
    assert_eq!(status, 404);
    let (_, t) = app
        .call("GET", &format!("{customers}/cust-1"), &key, None)
        .await;
    assert_eq!(t["relationship"]["state"], json!("Unaware"), "{t}");
}

#[tokio::test]
async fn nul_is_refused_with_400_sqlite() {
    nul_is_refused_with_400(Backend::Sqlite).await;
}

#[tokio::test]
async fn nul_is_refused_with_400_postgres() {
    nul_is_refused_with_400(Backend::Postgres).await;
}

#[tokio::test]
async fn secrets_sealed_under_another_key_do_not_open_and_can_be_given_again() {
    let app = spawn(Backend::Sqlite, Opts::default()).await;
    let with_token = |token: &str| {
        company_body(
            "acme-hvac",
            json!({"twilio": {"accountSid": TWILIO_SID, "authToken": token}}),
        )
        .to_string()
    };
    app.service
        .put_company_json(&with_token(TWILIO_TOKEN), "test", Timestamp::now())
        .await
        .unwrap();
    // Another server key (a lost or wrong AISHA_SECRET_KEY): the secrets do not open …
    let other = Service::new(app.store.clone(), None);
    let err = other.company("acme-hvac").await.unwrap_err();
    assert!(err.to_string().contains("server key"), "{err}");
    // … a save that leaves them out cannot keep what it cannot read …
    let without = company_body("acme-hvac", json!({"twilio": {"accountSid": TWILIO_SID}}));
    let err = other
        .put_company_json(&without.to_string(), "test", Timestamp::now())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("twilio.authToken"), "{err}");
    // … and giving them again seals them under the new key.
    other
        .put_company_json(&with_token(NEW_TOKEN), "test", Timestamp::now())
        .await
        .unwrap();
    let c = other.company("acme-hvac").await.unwrap();
    assert_eq!(c.twilio.unwrap().auth_token.unwrap().expose(), NEW_TOKEN);
}

#[tokio::test]
async fn a_webhook_redirect_is_not_followed() {
    // A system of record that redirects to where the tenant could not configure (here the
    // same server's /internal): the worker does not follow it.
    let hits = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let h = hits.clone();
    let peer = axum::Router::new()
        .route(
            "/hooks/aisha",
            axum::routing::post(|| async {
                (
                    axum::http::StatusCode::TEMPORARY_REDIRECT,
                    [(axum::http::header::LOCATION, "/internal")],
                )
            }),
        )
        .route(
            "/internal",
            axum::routing::post(move || {
                h.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                async { "secret" }
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let sor = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, peer).await.unwrap() });

    let app = spawn(Backend::Sqlite, Opts::default()).await;
    let key = app
        .company(
            "acme-hvac",
            json!({"systemOfRecord": {"webhookUrl": format!("{sor}/hooks/aisha"), "signingSecret": SOR_SECRET}}),
        )
        .await;
    let c = "/v1/companies/acme-hvac/customers/cust-1";
    let (status, _) = app
        .call("PUT", c, &key, Some(json!({"firstName": "Dana"})))
        .await;
    assert_eq!(status, 200);
    let (status, _) = app
        .call(
            "PUT",
            &format!("{c}/state"),
            &key,
            Some(json!({"state": "Engaged", "reason": "called", "by": "sam"})),
        )
        .await;
    assert_eq!(status, 200);
    let channels = Channels::new("http://127.0.0.1:1").allow_private_webhooks(true);
    let report = worker::send_due(&app.service, &channels, "w1", Timestamp::now(), 100)
        .await
        .unwrap();
    assert_eq!((report.sent, report.failed), (0, 1), "{report:?}");
    assert_eq!(hits.load(std::sync::atomic::Ordering::SeqCst), 0);
}
