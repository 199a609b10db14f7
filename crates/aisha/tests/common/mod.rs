//! `spawn_app`: the real router on 127.0.0.1 over a real SQLite file or a fresh PostgreSQL
//! database, plus local servers that speak Twilio's and a system of record's wire formats.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use aisha::service::Service;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use serde_json::Value;

pub const COMPANY: &str = include_str!("../../../../companies/demo-hvac.json");
pub const ADMIN: &str = "admin-token";
pub const TWILIO_TOKEN: &str = "5f4dcc3b5aa765d61d8327deb882cf99";
pub const TWILIO_SID: &str = "AC0123456789abcdef0123456789abcdef";
pub const SOR_SECRET: &str = "whsec_0123456789abcdef0123456789abcdef";

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server tests use (CI and every developer machine run one).
pub fn postgres_base() -> String {
    std::env::var("AISHA_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

/// A fresh, empty PostgreSQL database for one test.
pub async fn fresh_postgres() -> String {
    use sqlx::Connection;
    let base = postgres_base();
    let name = format!("aisha_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(&format!("{base}/postgres"))
        .await
        .expect("PostgreSQL is running on 127.0.0.1:5432 (see .ci/run)");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    format!("{base}/{name}")
}

/// What a local fake peer received.
#[derive(Clone, Default)]
pub struct Received(pub Arc<Mutex<Vec<(HeaderMap, String)>>>);

impl Received {
    pub fn all(&self) -> Vec<(HeaderMap, String)> {
        self.0.lock().unwrap().clone()
    }
}

/// A local server answering POSTs with the scripted statuses (then 200/201 for ever). A GET
/// of the same path lists what was accepted the way Twilio's Messages API does (newest first),
/// so a worker can ask whether a text already went out.
pub async fn fake_peer(path: &str, mut script: Vec<u16>, ok: u16) -> (String, Received) {
    let received = Received::default();
    script.reverse();
    let script = Arc::new(Mutex::new(script));
    let accepted: Arc<Mutex<Vec<Value>>> = Arc::default();
    let r = received.clone();
    let list = accepted.clone();
    let app = Router::new().route(
        path,
        post(move |headers: HeaderMap, body: String| {
            let r = r.clone();
            let script = script.clone();
            let accepted = accepted.clone();
            async move {
                r.0.lock().unwrap().push((headers, body.clone()));
                let code = script.lock().unwrap().pop().unwrap_or(ok);
                let status = StatusCode::from_u16(code).unwrap();
                if status.is_success() {
                    accepted.lock().unwrap().push(twilio_message(&body));
                }
                (status, "{\"sid\":\"SM123\"}")
            }
        })
        .get(move || {
            let list = list.clone();
            async move {
                let mut messages = list.lock().unwrap().clone();
                messages.reverse();
                axum::Json(serde_json::json!({ "messages": messages }))
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}"), received)
}

/// A text as Twilio's Messages API lists it, from the form a client posted.
pub fn twilio_message(form: &str) -> Value {
    let fields: std::collections::HashMap<String, String> =
        serde_urlencoded::from_str(form).unwrap_or_default();
    let now = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC);
    serde_json::json!({
        "sid": format!("SM{}", uuid::Uuid::new_v4().simple()),
        "to": fields.get("To"),
        "from": fields.get("From"),
        "body": fields.get("Body"),
        "date_created": jiff::fmt::rfc2822::to_string(&now).unwrap(),
    })
}

pub struct TestApp {
    pub base: String,
    pub http: reqwest::Client,
    pub service: Service,
    /// The same store the service uses, for storage-level tests.
    pub store: std::sync::Arc<dyn aisha::store::Store>,
    pub database: String,
    /// The server key the service and the store keep the audit chain with.
    pub key: aisha::server_key::ServerKey,
    pub _dir: tempfile::TempDir,
}

/// How a test app is served: what `aisha serve` would be given.
pub struct AppOptions {
    /// `--allow-private-webhooks` (the fake peers listen on 127.0.0.1).
    pub allow_private: bool,
    pub public_url: Option<&'static str>,
    pub chat: aisha::web::chat::ChatLimits,
    pub limits: aisha::web::server::ServerLimits,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            allow_private: true,
            public_url: None,
            chat: Default::default(),
            limits: Default::default(),
        }
    }
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_opts(backend, AppOptions::default()).await
}

/// [`spawn_app`] with web chat's and the public routes' rate limits chosen by the test.
pub async fn spawn_app_with(backend: Backend, chat: aisha::web::chat::ChatLimits) -> TestApp {
    spawn_app_opts(
        backend,
        AppOptions {
            chat,
            ..Default::default()
        },
    )
    .await
}

/// The real router behind `aisha serve`'s own accept loop (`web::server::serve`), on a fresh
/// SQLite file or PostgreSQL database with a fresh server key.
pub async fn spawn_app_opts(backend: Backend, opts: AppOptions) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let database = match backend {
        Backend::Sqlite => dir.path().join("aisha.db").display().to_string(),
        Backend::Postgres => fresh_postgres().await,
    };
    let key = aisha::server_key::ServerKey::generate();
    let store = aisha::store::open(&database)
        .await
        .unwrap()
        .keyed(aisha::store::ChainKey::of(&key));
    let service = Service::new(store.clone(), None)
        .with_server_key(key.clone())
        .allow_private_webhooks(opts.allow_private);
    let app = aisha::web::router(aisha::web::AppState {
        service: service.clone(),
        admin_token: Some(ADMIN.into()),
        public_url: opts.public_url.map(Into::into),
        chat: std::sync::Arc::new(opts.chat),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(aisha::web::server::serve(
        listener,
        app,
        opts.limits,
        std::future::pending(),
    ));
    TestApp {
        base,
        http: reqwest::Client::new(),
        service,
        store,
        database,
        key,
        _dir: dir,
    }
}

impl TestApp {
    /// A signed Twilio SMS webhook to acme-hvac with `token`: 200 when it is the company's.
    #[allow(dead_code)] // not every test binary sends one
    pub async fn signed_sms(&self, token: &str, sid: &str) -> u16 {
        let url = format!("{}/twilio/acme-hvac/sms", self.base);
        let params: Vec<(String, String)> = [
            ("MessageSid", sid),
            ("From", "+15125550177"),
            ("Body", "hi"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        self.http
            .post(&url)
            .header(
                "X-Twilio-Signature",
                aisha::twilio::signature(token, &url, &params),
            )
            .form(&params)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    /// Create a company from the demo JSON with `patch` merged in; returns its key.
    pub async fn company(&self, id: &str, patch: Value) -> String {
        let mut c: Value = serde_json::from_str(&COMPANY.replace("acme-hvac", id)).unwrap();
        if let (Some(obj), Some(p)) = (c.as_object_mut(), patch.as_object()) {
            for (k, v) in p {
                obj.insert(k.clone(), v.clone());
            }
        }
        let resp = self
            .http
            .put(format!("{}/v1/companies/{id}", self.base))
            .bearer_auth(ADMIN)
            .body(c.to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 201);
        let v: Value = resp.json().await.unwrap();
        v["apiKey"].as_str().unwrap().to_owned()
    }

    /// Give company `id` a publishable key (admin token); returns it.
    pub async fn publishable_key(&self, id: &str) -> String {
        let (status, v) = self
            .call(
                "POST",
                &format!("/v1/admin/companies/{id}/publishable-key"),
                ADMIN,
                Some(serde_json::json!({"reason": "website chat"})),
            )
            .await;
        assert_eq!(status, 200, "{v}");
        v["publishableKey"].as_str().unwrap().to_owned()
    }

    pub async fn call(
        &self,
        method: &str,
        path: &str,
        key: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let url = format!("{}{path}", self.base);
        let req = match method {
            "GET" => self.http.get(url),
            "PUT" => self.http.put(url),
            _ => self.http.post(url),
        };
        // An empty key sends no Authorization header at all.
        let req = if key.is_empty() {
            req
        } else {
            req.bearer_auth(key)
        };
        let req = match body {
            Some(b) => req.body(b.to_string()),
            None => req,
        };
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }
}
