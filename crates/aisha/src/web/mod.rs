//! Everything HTTP: the state every route shares, the router that merges the API, the Twilio
//! webhooks and the console, one error type, and authentication as extractors. Every handler
//! calls the service layer; bad input gets a JSON (or, in the console, HTML) error with the
//! right status, never a panic or a 500.

pub mod api;
pub mod auth;
pub mod chat;
pub mod console;
mod error;
pub(crate) mod input;
pub mod limits;
pub mod schema;
pub mod server;
pub mod twilio;

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;

pub use auth::{AdminAuth, CompanyAuth, ConsoleSession};
pub use error::{parse_json, status_of, ApiResult, AppError, ErrorBody, Path};

use crate::service::Service;

#[derive(Clone)]
pub struct AppState {
    pub service: Service,
    pub admin_token: Option<Arc<str>>,
    /// The public base URL Twilio calls (for signatures behind a proxy); else from `Host`.
    pub public_url: Option<Arc<str>>,
    /// Web chat's rate limits (per visitor, per IP) and where the client's address comes from.
    pub chat: Arc<chat::ChatLimits>,
}

fn prometheus() -> &'static metrics_exporter_prometheus::PrometheusHandle {
    static HANDLE: OnceLock<metrics_exporter_prometheus::PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
        let handle = recorder.handle();
        // Another recorder may already be installed (tests build several routers).
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

/// Prometheus metrics.
#[utoipa::path(get, path = "/metrics", responses((status = 200, description = "Prometheus text format")))]
pub(crate) async fn metrics_endpoint() -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        prometheus().render(),
    )
        .into_response()
}

async fn track(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".into());
    let method = req.method().to_string();
    let started = Instant::now();
    let resp = next.run(req).await;
    let status = resp.status().as_u16().to_string();
    metrics::counter!("aisha_http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status).increment(1);
    metrics::histogram!("aisha_http_request_duration_seconds", "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    resp
}

async fn fallback() -> AppError {
    AppError::not_found("no such route")
}

/// Largest request body accepted (a company configuration is the largest legitimate one).
pub const MAX_BODY: usize = 256 * 1024;

pub fn router(state: AppState) -> Router {
    prometheus();
    Router::new()
        .merge(api::router(&state))
        .merge(twilio::router(&state))
        .merge(chat::router(&state))
        .merge(console::router(&state))
        .route(
            "/",
            axum::routing::get(|| async { axum::response::Redirect::to("/console/login") }),
        )
        .fallback(fallback)
        .layer(axum::middleware::from_fn(input::refuse_unstorable_query))
        .layer(axum::middleware::from_fn(track))
        // A bug must not drop the connection: answer a clear 500 and log it.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            |_panic: Box<dyn std::any::Any + Send>| {
                tracing::error!("a request handler panicked");
                AppError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
            },
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .with_state(state)
}
