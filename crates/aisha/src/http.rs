//! The HTTP API (axum) and the Twilio webhooks. Every handler calls the service layer; errors
//! are JSON with the right status, never a panic or a 500 for bad input.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use aisha_core::care::{CareState, Customer, Event};
use axum::extract::{DefaultBodyLimit, MatchedPath, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::json;
use utoipa::{OpenApi, ToSchema};

use crate::service::{hash_key, require_reason, Service, ServiceError};
use crate::twilio;

#[derive(Clone)]
pub struct AppState {
    pub service: Service,
    pub admin_token: Option<Arc<str>>,
    /// The public base URL Twilio calls (for signatures behind a proxy); else from `Host`.
    pub public_url: Option<Arc<str>>,
}

pub struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({"error": self.1}))).into_response()
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::Config(c) => ApiError(StatusCode::UNPROCESSABLE_ENTITY, c.to_string()),
            ServiceError::UnknownCompany(_)
            | ServiceError::UnknownCustomer(_)
            | ServiceError::UnknownEscalation(_) => ApiError(StatusCode::NOT_FOUND, e.to_string()),
            ServiceError::Invalid(m) => ApiError(StatusCode::BAD_REQUEST, m),
            ServiceError::Contended => ApiError(StatusCode::CONFLICT, e.to_string()),
            ServiceError::Store(s) => {
                tracing::error!(error = %s, "storage failure");
                ApiError(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "storage is unavailable; nothing was changed".into(),
                )
            }
        }
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// Parse a JSON body ourselves so malformed input gets a clear 400 naming the field.
fn parse_body<T: serde::de::DeserializeOwned>(body: &str) -> ApiResult<T> {
    let de = &mut serde_json::Deserializer::from_str(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        ApiError(
            StatusCode::BAD_REQUEST,
            format!("malformed JSON at `{path}`: {}", e.into_inner()),
        )
    })
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("authorization")?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.ct_eq(b).into()
}

/// A wrong key and an unknown company look the same (404): no probing another tenant.
pub async fn authorize(
    state: &AppState,
    company_id: &str,
    headers: &HeaderMap,
) -> ApiResult<aisha_core::CompanyId> {
    let given = bearer(headers).ok_or_else(|| {
        ApiError(
            StatusCode::UNAUTHORIZED,
            "missing Authorization: Bearer <company key>".into(),
        )
    })?;
    authorize_key(state, company_id, given).await
}

pub async fn authorize_key(
    state: &AppState,
    company_id: &str,
    given: &str,
) -> ApiResult<aisha_core::CompanyId> {
    let not_found = || {
        ApiError(
            StatusCode::NOT_FOUND,
            format!("unknown company {company_id:?}"),
        )
    };
    let cid = aisha_core::CompanyId::parse(company_id).map_err(|_| not_found())?;
    let stored = state
        .service
        .store()
        .api_key_hash(&cid)
        .await
        .map_err(ServiceError::from)?
        .ok_or_else(not_found)?;
    if constant_time_eq(hash_key(given).as_bytes(), stored.as_bytes()) {
        Ok(cid)
    } else {
        Err(not_found())
    }
}

fn require_admin(state: &AppState, headers: &HeaderMap) -> ApiResult<()> {
    let Some(admin) = &state.admin_token else {
        return Err(ApiError(
            StatusCode::FORBIDDEN,
            "administration is disabled: set AISHA_ADMIN_TOKEN".into(),
        ));
    };
    if bearer(headers).is_some_and(|t| constant_time_eq(t.as_bytes(), admin.as_bytes())) {
        Ok(())
    } else {
        Err(ApiError(
            StatusCode::UNAUTHORIZED,
            "admin token required".into(),
        ))
    }
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/health", responses((status = 200, description = "ok")))]
async fn health() -> Json<serde_json::Value> {
    Json(json!({"status": "ok"}))
}

/// Create or update a company (admin token). Returns the company key on creation.
#[utoipa::path(put, path = "/v1/companies/{companyId}", request_body(content = Object, description = "the company JSON"),
    responses((status = 201, description = "created; `apiKey` is shown once"), (status = 200, description = "updated"), (status = 422, description = "invalid configuration, naming the field")))]
async fn put_company(
    State(state): State<AppState>,
    Path(company_id): Path<String>,
    headers: HeaderMap,
    body: String,
) -> ApiResult<Response> {
    require_admin(&state, &headers)?;
    let value: serde_json::Value = parse_body(&body)?;
    if value.get("companyId").and_then(|v| v.as_str()) != Some(company_id.as_str()) {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            "companyId in the body must match the path".into(),
        ));
    }
    let (company, key) = state
        .service
        .put_company_json(&body, Timestamp::now())
        .await?;
    let status = if key.is_some() {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(json!({"companyId": company.company_id, "apiKey": key})),
    )
        .into_response())
}

/// The company's configuration.
#[utoipa::path(get, path = "/v1/companies/{companyId}", responses((status = 200, body = Object)))]
async fn get_company(
    State(state): State<AppState>,
    Path(company_id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    Ok(Json(json!(state.service.company(&company_id).await?)).into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct KillSwitchBody {
    enabled: bool,
    reason: String,
}

/// The global kill switch (admin token): no autonomous action for any company while on.
#[utoipa::path(put, path = "/v1/admin/kill-switch", request_body = KillSwitchBody, responses((status = 200)))]
async fn put_global_kill_switch(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: String,
) -> ApiResult<Response> {
    require_admin(&state, &headers)?;
    let b: KillSwitchBody = parse_body(&body)?;
    require_reason(&b.reason)?;
    state.service.set_global_kill_switch(b.enabled).await?;
    tracing::warn!(enabled = b.enabled, reason = %b.reason, "global kill switch changed");
    Ok(Json(json!({"globalKillSwitch": b.enabled})).into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct TurnBody {
    text: String,
    #[serde(default)]
    caller_id: Option<String>,
}

/// One caller turn: the reply, mode, lastAgentIntent, signals, escalation and the booking.
#[utoipa::path(post, path = "/v1/companies/{companyId}/conversations/{conversationId}/turns", request_body = TurnBody, responses((status = 200, body = Object)))]
async fn turn(
    State(state): State<AppState>,
    Path((company_id, conversation_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: String,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    let b: TurnBody = parse_body(&body)?;
    let r = state
        .service
        .turn(
            &company_id,
            &conversation_id,
            &b.text,
            b.caller_id.as_deref(),
            Timestamp::now(),
        )
        .await?;
    metrics::counter!("aisha_turns_total", "mode" => r.outcome.mode.as_str()).increment(1);
    Ok(Json(turn_json(&r)).into_response())
}

fn turn_json(r: &crate::service::TurnResult) -> serde_json::Value {
    json!({
        "reply": r.outcome.reply,
        "mode": r.outcome.mode,
        "lastAgentIntent": r.outcome.last_agent_intent,
        "signals": r.outcome.signals,
        "escalated": r.outcome.escalated(),
        "llmUsed": r.outcome.llm_used,
        "activeSlot": r.active_slot,
        "session": {"booking": r.booking},
    })
}

/// A conversation's stored session.
#[utoipa::path(get, path = "/v1/companies/{companyId}/conversations/{conversationId}", responses((status = 200, body = Object), (status = 404)))]
async fn get_conversation(
    State(state): State<AppState>,
    Path((company_id, conversation_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    match state.service.session(&company_id, &conversation_id).await? {
        Some(s) => Ok(Json(json!(s)).into_response()),
        None => Err(ApiError(
            StatusCode::NOT_FOUND,
            format!("unknown conversation {conversation_id:?}"),
        )),
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct CustomerBody {
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    last_name: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    email: Option<String>,
    /// IANA time zone for quiet hours; the company's when absent.
    #[serde(default)]
    timezone: Option<String>,
    /// Initial C.A.R.E. state (default Unaware).
    #[serde(default)]
    state: Option<String>,
}

/// Create a customer relationship (Hands-Off on); an existing one is returned unchanged.
#[utoipa::path(put, path = "/v1/companies/{companyId}/customers/{customerId}", request_body = CustomerBody, responses((status = 200, body = Object)))]
async fn put_customer(
    State(state): State<AppState>,
    Path((company_id, customer_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: String,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    let b: CustomerBody = parse_body(&body)?;
    let customer = Customer {
        id: customer_id,
        first_name: b.first_name,
        last_name: b.last_name,
        phone: b.phone,
        email: b.email,
        timezone: b.timezone,
    };
    let st = match b.state.as_deref() {
        Some(s) => CareState::parse(s).ok_or_else(|| {
            ApiError(
                StatusCode::BAD_REQUEST,
                format!("state: unknown state {s:?}"),
            )
        })?,
        None => CareState::Unaware,
    };
    let rel = state
        .service
        .upsert_customer(&company_id, customer, st, Timestamp::now())
        .await?;
    Ok(Json(json!(rel)).into_response())
}

/// Every customer with their C.A.R.E. state and next due time.
#[utoipa::path(get, path = "/v1/companies/{companyId}/customers", responses((status = 200, body = Object)))]
async fn list_customers(
    State(state): State<AppState>,
    Path(company_id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    Ok(Json(json!(state.service.customers(&company_id).await?)).into_response())
}

/// A customer's relationship and timeline: transitions, actions, escalations.
#[utoipa::path(get, path = "/v1/companies/{companyId}/customers/{customerId}", responses((status = 200, body = Object), (status = 404)))]
async fn get_customer(
    State(state): State<AppState>,
    Path((company_id, customer_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    Ok(Json(json!(
        state.service.timeline(&company_id, &customer_id).await?
    ))
    .into_response())
}

async fn apply(
    state: &AppState,
    company_id: &str,
    customer_id: &str,
    event: &Event,
    idempotency_key: Option<&str>,
) -> ApiResult<Response> {
    let (result, _) = state
        .service
        .apply_event_once(
            company_id,
            customer_id,
            event,
            idempotency_key,
            Timestamp::now(),
        )
        .await?;
    Ok(Json(json!(result)).into_response())
}

/// A system-of-record (or any FORMAT.md) event. With an `Idempotency-Key` header a retried
/// webhook is applied once and gets the first response again (`duplicate: true`).
#[utoipa::path(post, path = "/v1/companies/{companyId}/customers/{customerId}/events", request_body(content = Object, description = "{\"type\": \"agreement_recorded\"} and the other event types"),
    params(("Idempotency-Key" = Option<String>, Header, description = "makes a retried event a no-op")),
    responses((status = 200, body = Object)))]
async fn post_event(
    State(state): State<AppState>,
    Path((company_id, customer_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: String,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    let event: Event = parse_body(&body)?;
    let key = headers
        .get("idempotency-key")
        .map(|v| {
            v.to_str().map_err(|_| {
                ApiError(
                    StatusCode::BAD_REQUEST,
                    "Idempotency-Key must be text".into(),
                )
            })
        })
        .transpose()?;
    apply(&state, &company_id, &customer_id, &event, key).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct HandsOffBody {
    enabled: bool,
    reason: String,
    #[serde(default)]
    by: Option<String>,
}

/// Pause or resume Hands-Off Mode for one customer (recorded with who and why).
#[utoipa::path(put, path = "/v1/companies/{companyId}/customers/{customerId}/hands-off", request_body = HandsOffBody, responses((status = 200, body = Object)))]
async fn put_hands_off(
    State(state): State<AppState>,
    Path((company_id, customer_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: String,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    let b: HandsOffBody = parse_body(&body)?;
    require_reason(&b.reason)?;
    let event = Event::HandsOff {
        enabled: b.enabled,
        reason: b.reason,
        by: b.by,
    };
    apply(&state, &company_id, &customer_id, &event, None).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct StateBody {
    state: String,
    reason: String,
    #[serde(default)]
    by: Option<String>,
}

/// Set a customer's state by hand (recorded with who and why).
#[utoipa::path(put, path = "/v1/companies/{companyId}/customers/{customerId}/state", request_body = StateBody, responses((status = 200, body = Object)))]
async fn put_state(
    State(state): State<AppState>,
    Path((company_id, customer_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: String,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    let b: StateBody = parse_body(&body)?;
    require_reason(&b.reason)?;
    if CareState::parse(&b.state).is_none() {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            format!("state: unknown state {:?}", b.state),
        ));
    }
    let event = Event::StateOverride {
        state: b.state,
        reason: b.reason,
        by: b.by,
    };
    apply(&state, &company_id, &customer_id, &event, None).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ActionBody {
    action: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    by: Option<String>,
}

/// A user-directed action: never blocked by Hands-Off switches; hard prohibitions escalate.
#[utoipa::path(post, path = "/v1/companies/{companyId}/customers/{customerId}/actions", request_body = ActionBody, responses((status = 200, body = Object)))]
async fn post_action(
    State(state): State<AppState>,
    Path((company_id, customer_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: String,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    let b: ActionBody = parse_body(&body)?;
    let event = Event::UserDirected {
        action: b.action,
        text: b.text,
        by: b.by,
    };
    apply(&state, &company_id, &customer_id, &event, None).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EscalationQuery {
    #[serde(default)]
    status: Option<String>,
}

/// Escalations, newest last; `?status=open` for the inbox.
#[utoipa::path(get, path = "/v1/companies/{companyId}/escalations", params(("status" = Option<String>, Query, description = "open")), responses((status = 200, body = Object)))]
async fn escalations(
    State(state): State<AppState>,
    Path(company_id): Path<String>,
    Query(q): Query<EscalationQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    let open_only = match q.status.as_deref() {
        None | Some("all") => false,
        Some("open") => true,
        Some(other) => {
            return Err(ApiError(
                StatusCode::BAD_REQUEST,
                format!("status: expected open or all, got {other:?}"),
            ))
        }
    };
    Ok(Json(json!(
        state.service.escalations(&company_id, open_only).await?
    ))
    .into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ResolveBody {
    note: String,
    #[serde(default)]
    by: Option<String>,
}

/// Resolve an open escalation with a note.
#[utoipa::path(post, path = "/v1/companies/{companyId}/escalations/{id}/resolve", request_body = ResolveBody, responses((status = 200), (status = 404)))]
async fn resolve_escalation(
    State(state): State<AppState>,
    Path((company_id, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: String,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError(StatusCode::NOT_FOUND, format!("unknown escalation {id:?}")))?;
    let b: ResolveBody = parse_body(&body)?;
    state
        .service
        .resolve_escalation(
            &company_id,
            id,
            b.by.as_deref().unwrap_or("operator"),
            &b.note,
            Timestamp::now(),
        )
        .await?;
    Ok(Json(json!({"id": id, "status": "resolved"})).into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ControlsBody {
    #[serde(default)]
    kill_switch: Option<bool>,
    #[serde(default)]
    shadow_mode: Option<bool>,
    reason: String,
    #[serde(default)]
    by: Option<String>,
}

/// The company's kill switch and shadow mode (with the global switch folded in).
#[utoipa::path(get, path = "/v1/companies/{companyId}/controls", responses((status = 200, body = Object)))]
async fn get_controls(
    State(state): State<AppState>,
    Path(company_id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    Ok(Json(json!(state.service.controls(&company_id).await?)).into_response())
}

/// Flip the kill switch or shadow mode; who and why go to the audit log.
#[utoipa::path(put, path = "/v1/companies/{companyId}/controls", request_body = ControlsBody, responses((status = 200, body = Object)))]
async fn put_controls(
    State(state): State<AppState>,
    Path(company_id): Path<String>,
    headers: HeaderMap,
    body: String,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    let b: ControlsBody = parse_body(&body)?;
    let c = state
        .service
        .set_controls(
            &company_id,
            b.kill_switch,
            b.shadow_mode,
            b.by.as_deref().unwrap_or("operator"),
            &b.reason,
            Timestamp::now(),
        )
        .await?;
    Ok(Json(json!(c)).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PageQuery {
    #[serde(default)]
    after: i64,
    #[serde(default = "default_limit")]
    limit: i64,
}

fn default_limit() -> i64 {
    100
}

/// The company's audit chain, oldest first (`?after=SEQ&limit=N`, at most 1000).
#[utoipa::path(get, path = "/v1/companies/{companyId}/audit", params(("after" = Option<i64>, Query), ("limit" = Option<i64>, Query)), responses((status = 200, body = Object)))]
async fn audit_log(
    State(state): State<AppState>,
    Path(company_id): Path<String>,
    Query(q): Query<PageQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    let limit = q.limit.clamp(1, 1000);
    Ok(Json(json!(
        state
            .service
            .audit_log(&company_id, q.after.max(0), limit)
            .await?
    ))
    .into_response())
}

/// Verify the company's audit chain; names the first broken record.
#[utoipa::path(get, path = "/v1/companies/{companyId}/audit/verify", responses((status = 200, body = Object)))]
async fn audit_verify(
    State(state): State<AppState>,
    Path(company_id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    Ok(Json(match state.service.verify_audit(&company_id).await? {
        Ok(n) => json!({"intact": true, "records": n}),
        Err((seq, why)) => json!({"intact": false, "firstBrokenRecord": seq, "why": why}),
    })
    .into_response())
}

/// Recent outbox deliveries (messages and webhooks) with their status.
#[utoipa::path(get, path = "/v1/companies/{companyId}/deliveries", responses((status = 200, body = Object)))]
async fn deliveries(
    State(state): State<AppState>,
    Path(company_id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    Ok(Json(json!(state.service.deliveries(&company_id, 200).await?)).into_response())
}

// ---------------------------------------------------------------- Twilio webhooks

/// Check `X-Twilio-Signature` against the company's auth token; 403 and nothing changes when
/// it is missing or wrong.
async fn twilio_request(
    state: &AppState,
    company_id: &str,
    uri: &Uri,
    headers: &HeaderMap,
    body: &str,
) -> Result<(aisha_core::Company, Vec<(String, String)>), Response> {
    let forbidden =
        |why: &str| (StatusCode::FORBIDDEN, Json(json!({"error": why}))).into_response();
    let company = match state.service.company(company_id).await {
        Ok(c) => c,
        Err(ServiceError::UnknownCompany(_)) => return Err(forbidden("invalid Twilio signature")),
        Err(e) => return Err(ApiError::from(e).into_response()),
    };
    let Some(token) = company.twilio.as_ref().map(|t| t.auth_token.clone()) else {
        return Err(forbidden("this company has no Twilio configuration"));
    };
    let params: Vec<(String, String)> = serde_urlencoded::from_str(body).map_err(|_| {
        ApiError(StatusCode::BAD_REQUEST, "malformed form body".into()).into_response()
    })?;
    let base = match &state.public_url {
        Some(u) => u.trim_end_matches('/').to_owned(),
        None => {
            let host = headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("localhost");
            format!("http://{host}")
        }
    };
    let url = format!(
        "{base}{}",
        uri.path_and_query().map(|p| p.as_str()).unwrap_or("/")
    );
    let given = headers
        .get("x-twilio-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if given.is_empty() || !twilio::verify(&token, &url, &params, given) {
        metrics::counter!("aisha_twilio_rejected_total").increment(1);
        return Err(forbidden("invalid Twilio signature"));
    }
    Ok((company, params))
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn twiml(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/xml; charset=utf-8")], body).into_response()
}

/// Twilio Voice: answer with a speech `<Gather>`; each `SpeechResult` is a turn.
async fn twilio_voice(
    State(state): State<AppState>,
    Path(company_id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: String,
) -> Response {
    let (company, params) = match twilio_request(&state, &company_id, &uri, &headers, &body).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let action = uri.path().to_owned();
    let call = param(&params, "CallSid").unwrap_or("unknown-call");
    let from = param(&params, "From");
    let Some(speech) = param(&params, "SpeechResult").filter(|s| !s.trim().is_empty()) else {
        let greeting = aisha_core::text::fill(
            &company.front_desk_behavior.booking_prompts.greeting,
            &[("company", company.display_name())],
        );
        return twiml(twilio::gather(&greeting, &action));
    };
    let conversation = format!("call-{call}");
    match state
        .service
        .turn(&company_id, &conversation, speech, from, Timestamp::now())
        .await
    {
        Ok(r) => {
            if let Some(h) = &r.outcome.handoff {
                return twiml(match &h.transfer_to {
                    Some(number) => twilio::dial(&r.outcome.reply, number),
                    None => twilio::say_and_hang_up(&r.outcome.reply),
                });
            }
            if r.outcome.mode == aisha_core::session::Mode::Complete {
                return twiml(twilio::say_and_hang_up(&r.outcome.reply));
            }
            twiml(twilio::gather(&r.outcome.reply, &action))
        }
        Err(e) => {
            tracing::error!(error = %e, "voice turn failed");
            twiml(twilio::say_and_hang_up(
                "Sorry, something went wrong on our side. Someone from our team will call you back.",
            ))
        }
    }
}

/// Twilio SMS: feeds the front desk conversation and C.A.R.E. (STOP and HELP included).
async fn twilio_sms(
    State(state): State<AppState>,
    Path(company_id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: String,
) -> Response {
    let (_company, params) = match twilio_request(&state, &company_id, &uri, &headers, &body).await
    {
        Ok(x) => x,
        Err(r) => return r,
    };
    let (Some(from), Some(text)) = (param(&params, "From"), param(&params, "Body")) else {
        return ApiError(StatusCode::BAD_REQUEST, "From and Body are required".into())
            .into_response();
    };
    match state
        .service
        .inbound_sms(&company_id, from, text, Timestamp::now())
        .await
    {
        Ok(Some(reply)) => twiml(twilio::message(&reply)),
        Ok(None) => twiml(twilio::empty()),
        Err(e) => ApiError::from(e).into_response(),
    }
}

// ---------------------------------------------------------------- metrics, OpenAPI, router

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
async fn metrics_endpoint() -> Response {
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

#[derive(OpenApi)]
#[openapi(
    info(
        title = "AiSHA",
        description = "The autonomous front desk and Customer C.A.R.E. engine. Everything under /v1/companies/{companyId}/ needs that company's key as `Authorization: Bearer …`; another company's key gets 404."
    ),
    paths(
        health,
        metrics_endpoint,
        put_company,
        get_company,
        put_global_kill_switch,
        turn,
        get_conversation,
        put_customer,
        list_customers,
        get_customer,
        post_event,
        put_hands_off,
        put_state,
        post_action,
        escalations,
        resolve_escalation,
        get_controls,
        put_controls,
        audit_log,
        audit_verify,
        deliveries
    )
)]
pub struct ApiDoc;

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

async fn fallback() -> ApiError {
    ApiError(StatusCode::NOT_FOUND, "no such route".into())
}

/// Largest request body accepted (a company configuration is the largest legitimate one).
pub const MAX_BODY: usize = 256 * 1024;

pub fn router(state: AppState) -> Router {
    prometheus();
    let c = "/v1/companies/{company_id}";
    Router::new()
        .route("/health", get(health))
        .route("/metrics", get(metrics_endpoint))
        .route("/openapi.json", get(openapi))
        .route("/v1/admin/kill-switch", put(put_global_kill_switch))
        .route(c, put(put_company).get(get_company))
        .route(
            &format!("{c}/conversations/{{conversation_id}}/turns"),
            post(turn),
        )
        .route(
            &format!("{c}/conversations/{{conversation_id}}"),
            get(get_conversation),
        )
        .route(&format!("{c}/customers"), get(list_customers))
        .route(
            &format!("{c}/customers/{{customer_id}}"),
            put(put_customer).get(get_customer),
        )
        .route(
            &format!("{c}/customers/{{customer_id}}/events"),
            post(post_event),
        )
        .route(
            &format!("{c}/customers/{{customer_id}}/hands-off"),
            put(put_hands_off),
        )
        .route(
            &format!("{c}/customers/{{customer_id}}/state"),
            put(put_state),
        )
        .route(
            &format!("{c}/customers/{{customer_id}}/actions"),
            post(post_action),
        )
        .route(&format!("{c}/escalations"), get(escalations))
        .route(
            &format!("{c}/escalations/{{id}}/resolve"),
            post(resolve_escalation),
        )
        .route(
            &format!("{c}/controls"),
            get(get_controls).put(put_controls),
        )
        .route(&format!("{c}/audit"), get(audit_log))
        .route(&format!("{c}/audit/verify"), get(audit_verify))
        .route(&format!("{c}/deliveries"), get(deliveries))
        .route("/twilio/{company_id}/voice", post(twilio_voice))
        .route("/twilio/{company_id}/sms", post(twilio_sms))
        .merge(crate::console::router())
        .route(
            "/",
            get(|| async { axum::response::Redirect::to("/console/login") }),
        )
        .fallback(fallback)
        .layer(axum::middleware::from_fn(track))
        // A bug must not drop the connection: answer a clear 500 and log it.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            |_panic: Box<dyn std::any::Any + Send>| {
                tracing::error!("a request handler panicked");
                ApiError(StatusCode::INTERNAL_SERVER_ERROR, "internal error".into()).into_response()
            },
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .with_state(state)
}
