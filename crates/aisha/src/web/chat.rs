//! Web chat for websites: `/widget.js` (one `<script>` tag) and the two routes it calls, under
//! `/v1/chat/{companyId}/`. A browser page may call them only from an origin the company
//! allows (`webChat.allowedOrigins`): others get no CORS headers and a 403. The company's
//! publishable key (`pk_…`) authenticates them and nothing else; every caller is rate limited
//! per IP, and every conversation per visitor (429 with `Retry-After`).

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;

use aisha_core::ConversationId;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use tower_http::cors::{AllowOrigin, CorsLayer};
use utoipa::ToSchema;

use super::{parse_json, ApiResult, AppError, AppState, Path};
use crate::service::{OpenedChat, Turn};

/// The widget, served as is: vanilla JavaScript, no build step.
const WIDGET_JS: &str = include_str!("widget.js");

/// Keyed limiters forget a key once its bucket is full again; sweep when this many are kept.
const SWEEP_AT: usize = 10_000;

/// How much one visitor and one IP address may chat, and where the client's address comes from.
/// It also holds the per-IP limits of the other public routes (`web::limits`), which share
/// the client address.
pub struct ChatLimits {
    per_visitor: DefaultKeyedRateLimiter<String>,
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
    /// Behind a reverse proxy every request comes from the proxy: read the client's address
    /// from this header (`X-Real-IP`, `X-Forwarded-For`'s first entry) instead.
    ip_header: Option<HeaderName>,
    /// Twilio webhook requests per IP (default 600 a minute).
    pub webhooks: super::limits::IpLimiter,
    /// Twilio webhook requests per company (default 3,000 a minute).
    pub webhooks_per_company: super::limits::CompanyLimiter,
    /// Console sign-in attempts per IP (default 10 a minute).
    pub sign_in: super::limits::IpLimiter,
}

impl ChatLimits {
    /// `visitor_per_minute` turns per conversation and `ip_per_minute` chat requests per IP
    /// address, each allowed in a burst.
    pub fn new(
        visitor_per_minute: NonZeroU32,
        ip_per_minute: NonZeroU32,
        ip_header: Option<HeaderName>,
    ) -> Self {
        Self {
            per_visitor: DefaultKeyedRateLimiter::keyed(Quota::per_minute(visitor_per_minute)),
            per_ip: DefaultKeyedRateLimiter::keyed(Quota::per_minute(ip_per_minute)),
            ip_header,
            webhooks: super::limits::IpLimiter::per_minute(
                NonZeroU32::new(600).expect("non-zero"),
                "webhook requests from this address",
            ),
            webhooks_per_company: super::limits::CompanyLimiter::per_minute(
                NonZeroU32::new(3000).expect("non-zero"),
                "webhook requests for this company",
            ),
            sign_in: super::limits::IpLimiter::per_minute(
                NonZeroU32::new(10).expect("non-zero"),
                "sign-in attempts from this address",
            ),
        }
    }

    /// Per-IP limits for the Twilio webhooks and console sign-in, per minute.
    pub fn with_public_limits(mut self, webhooks: NonZeroU32, sign_in: NonZeroU32) -> Self {
        self.webhooks =
            super::limits::IpLimiter::per_minute(webhooks, "webhook requests from this address");
        self.sign_in =
            super::limits::IpLimiter::per_minute(sign_in, "sign-in attempts from this address");
        self
    }

    /// The per-company limit for the Twilio webhooks, per minute.
    pub fn with_webhook_company_limit(mut self, per_minute: NonZeroU32) -> Self {
        self.webhooks_per_company = super::limits::CompanyLimiter::per_minute(
            per_minute,
            "webhook requests for this company",
        );
        self
    }

    fn check<K: Clone + std::hash::Hash + Eq>(
        limiter: &DefaultKeyedRateLimiter<K>,
        key: &K,
        what: &str,
    ) -> Result<(), AppError> {
        if limiter.len() > SWEEP_AT {
            limiter.retain_recent();
        }
        limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(limiter.clock().now());
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            AppError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!("too many chat messages from this {what}; try again in {secs} s"),
            )
            .retry_after(secs.max(1))
        })
    }

    pub(crate) fn client_ip(&self, req: &Request) -> Option<IpAddr> {
        if let Some(h) = &self.ip_header {
            return req
                .headers()
                .get(h)?
                .to_str()
                .ok()?
                .split(',')
                .next()?
                .trim()
                .parse()
                .ok();
        }
        req.extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
    }
}

impl Default for ChatLimits {
    fn default() -> Self {
        Self::new(
            NonZeroU32::new(20).expect("non-zero"),
            NonZeroU32::new(120).expect("non-zero"),
            None,
        )
    }
}

/// The company a chat request names: the path segment after `/v1/chat/`.
fn company_in_path(path: &str) -> Option<&str> {
    path.strip_prefix("/v1/chat/")?.split('/').next()
}

/// Answer only the company's own origins; a lookup failure allows nothing.
async fn origin_allowed(state: &AppState, path: &str, origin: &HeaderValue) -> bool {
    let (Some(company), Ok(origin)) = (company_in_path(path), origin.to_str()) else {
        return false;
    };
    match state.service.company(company).await {
        Ok(c) => c.allows_origin(origin),
        Err(_) => false,
    }
}

/// Every chat request: from an allowed origin, within the IP's limit, with the company's
/// publishable key. Runs after CORS (a preflight never gets here).
async fn chat_layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // What admission reads, taken out of the request (a body is not `Sync`).
    let ip = state.chat.client_ip(&req);
    let (parts, body) = req.into_parts();
    match admit(&state, &parts, ip).await {
        Ok(()) => next.run(Request::from_parts(parts, body)).await,
        Err(e) => e.into_response(),
    }
}

async fn admit(
    state: &AppState,
    req: &axum::http::request::Parts,
    ip: Option<IpAddr>,
) -> Result<(), AppError> {
    let path = req.uri.path();
    let key = super::auth::bearer(&req.headers).ok_or_else(|| {
        AppError::new(
            StatusCode::UNAUTHORIZED,
            "missing Authorization: Bearer <publishable key>",
        )
    })?;
    let allowed = match req.headers.get(header::ORIGIN) {
        Some(origin) => origin_allowed(state, path, origin).await,
        None => false,
    };
    if !allowed {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            "web chat answers only pages on the company's allowed origins (webChat.allowedOrigins)",
        ));
    }
    if let Some(ip) = ip {
        ChatLimits::check(&state.chat.per_ip, &ip, "address")?;
    }
    let company = company_in_path(path).unwrap_or_default();
    state
        .service
        .authenticate_publishable(company, key)
        .await
        .map_err(|_| AppError::new(StatusCode::UNAUTHORIZED, "unknown publishable key"))?;
    Ok(())
}

#[derive(Deserialize)]
pub(super) struct CompanyPath {
    company_id: String,
}

#[derive(Deserialize)]
pub(super) struct ChatPath {
    company_id: String,
    conversation_id: ConversationId,
}

/// A new chat: the conversation id the widget keeps, and the greeting to show.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChatOpened {
    pub conversation_id: String,
    pub greeting: String,
}

/// What the visitor says.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChatTurnBody {
    #[schema(max_length = 2000)]
    pub text: String,
}

/// The front desk's answer to a chat turn.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChatReply {
    pub reply: String,
    /// `DISCOVERY`, `BOOKING` or `COMPLETE`.
    pub mode: String,
}

/// Longest chat message accepted (a visitor types; a page of text is not a turn).
pub const MAX_CHAT_TEXT: usize = 2000;

/// Open a web chat (publishable key, from an allowed origin).
#[utoipa::path(post, path = "/v1/chat/{companyId}/conversations", tag = "web chat", operation_id = "open_chat",
    params(("companyId" = String, Path, description = "the company")),
    security(("publishableKey" = [])),
    responses((status = 201, body = ChatOpened),
        (status = 401, body = super::ErrorBody, description = "missing or unknown publishable key"),
        (status = 403, body = super::ErrorBody, description = "the page's origin is not allowed"),
        (status = 429, body = super::ErrorBody, description = "rate limited; see Retry-After",
            headers(("Retry-After" = u64, description = "seconds to wait")))))]
pub(super) async fn open(
    State(state): State<AppState>,
    Path(CompanyPath { company_id }): Path<CompanyPath>,
) -> ApiResult<Response> {
    let OpenedChat {
        conversation_id,
        greeting,
    } = state.service.open_chat(&company_id).await?;
    Ok((
        StatusCode::CREATED,
        Json(ChatOpened {
            conversation_id: conversation_id.to_string(),
            greeting,
        }),
    )
        .into_response())
}

/// One visitor turn of a web chat, answered by the front desk (channel `chat`).
#[utoipa::path(post, path = "/v1/chat/{companyId}/conversations/{conversationId}/turns", tag = "web chat", operation_id = "chat_turn",
    params(("companyId" = String, Path, description = "the company"),
        ("conversationId" = String, Path, description = "from opening the chat")),
    security(("publishableKey" = [])),
    request_body = ChatTurnBody,
    responses((status = 200, body = ChatReply),
        (status = 400, body = super::ErrorBody, description = "malformed body"),
        (status = 401, body = super::ErrorBody, description = "missing or unknown publishable key"),
        (status = 403, body = super::ErrorBody, description = "the page's origin is not allowed"),
        (status = 404, body = super::ErrorBody, description = "not a chat conversation"),
        (status = 429, body = super::ErrorBody, description = "rate limited; see Retry-After",
            headers(("Retry-After" = u64, description = "seconds to wait")))))]
pub(super) async fn turn(
    State(state): State<AppState>,
    Path(ChatPath {
        company_id,
        conversation_id,
    }): Path<ChatPath>,
    body: String,
) -> ApiResult<Response> {
    ChatLimits::check(
        &state.chat.per_visitor,
        &format!("{company_id}/{conversation_id}"),
        "conversation",
    )?;
    let b: ChatTurnBody = parse_json(&body)?;
    if b.text.chars().count() > MAX_CHAT_TEXT {
        return Err(AppError::bad_request(format!(
            "text: at most {MAX_CHAT_TEXT} characters"
        )));
    }
    let r = state
        .service
        .chat_turn(Turn::new(
            &company_id,
            &conversation_id,
            &b.text,
            Timestamp::now(),
        ))
        .await?;
    metrics::counter!("aisha_turns_total", "mode" => r.outcome.mode.as_str()).increment(1);
    Ok(Json(ChatReply {
        reply: r.outcome.reply,
        mode: r.outcome.mode.as_str().to_owned(),
    })
    .into_response())
}

/// The embeddable widget.
#[utoipa::path(get, path = "/widget.js", tag = "web chat",
    responses((status = 200, description = "the web chat widget", content_type = "text/javascript", body = String)))]
pub(super) async fn widget() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        WIDGET_JS,
    )
        .into_response()
}

/// The widget and the chat routes, CORS outermost so a preflight is answered (or not) before
/// anything else runs, and so a refusal an allowed page receives is readable by it.
pub fn router(state: &AppState) -> Router<AppState> {
    let s = state.clone();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::async_predicate(
            move |origin: HeaderValue, parts: &axum::http::request::Parts| {
                let s = s.clone();
                let path = parts.uri.path().to_owned();
                async move { origin_allowed(&s, &path, &origin).await }
            },
        ))
        .allow_methods([Method::POST])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        .expose_headers([header::RETRY_AFTER])
        .max_age(std::time::Duration::from_secs(600));
    let chat = Router::new()
        .route("/v1/chat/{company_id}/conversations", post(open))
        .route(
            "/v1/chat/{company_id}/conversations/{conversation_id}/turns",
            post(turn),
        )
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            chat_layer,
        ))
        .layer(cors);
    Router::new().route("/widget.js", get(widget)).merge(chat)
}
