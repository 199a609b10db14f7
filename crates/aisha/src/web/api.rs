//! The JSON API under `/v1`: companies (admin token), and everything of one company under
//! the company layer (its key). Handlers parse at the edge and call the service.

use aisha_core::care::{CareState, Customer, Event};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::json;
use utoipa::{OpenApi, ToSchema};

use super::auth::company_layer;
use super::schema::Shared;
use super::{parse_json, AdminAuth, ApiResult, AppError, AppState, CompanyAuth, Path};
use aisha_core::{ConversationId, CustomerId, EscalationId, Reason};

use crate::service::{ControlsChange, Turn};

#[derive(Deserialize)]
struct ConversationPath {
    conversation_id: ConversationId,
}

#[derive(Deserialize)]
struct CustomerPath {
    customer_id: CustomerId,
}

#[derive(Deserialize)]
struct EscalationPath {
    id: String,
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/health", responses((status = 200, body = super::schema::Health)))]
async fn health() -> Json<serde_json::Value> {
    Json(json!({"status": "ok"}))
}

/// Create or update a company (admin token). Returns the company key on creation.
#[utoipa::path(put, path = "/v1/companies/{companyId}", request_body(content = aisha_core::Company, description = "the company: the receptionist contract's `frontDeskBehavior` and AiSHA's own settings"),
    responses((status = 201, body = super::schema::CompanySaved, description = "created; `apiKey` is shown once"), (status = 200, body = super::schema::CompanySaved, description = "updated"), (status = 422, description = "invalid configuration, naming the field")))]
async fn put_company(
    State(state): State<AppState>,
    _: AdminAuth,
    Path(company_id): Path<String>,
    body: String,
) -> ApiResult<Response> {
    let value: serde_json::Value = parse_json(&body)?;
    if value.get("companyId").and_then(|v| v.as_str()) != Some(company_id.as_str()) {
        return Err(AppError::new(
            StatusCode::BAD_REQUEST,
            "companyId in the body must match the path",
        ));
    }
    let (company, key) = state
        .service
        .put_company_json(&body, "admin token", Timestamp::now())
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

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RotateKeyBody {
    #[schema(value_type = String)]
    reason: Reason,
}

/// Rotate a company's API key (admin token): the new key is returned once; the old key and
/// every console session signed in with it stop working at once.
#[utoipa::path(post, path = "/v1/admin/companies/{companyId}/api-key", request_body = RotateKeyBody,
    responses((status = 200, body = super::schema::ApiKeyRotated, description = "the new key, shown once"), (status = 404, description = "no such company")))]
async fn rotate_key(
    State(state): State<AppState>,
    _: AdminAuth,
    Path(company_id): Path<String>,
    body: String,
) -> ApiResult<Response> {
    let b: RotateKeyBody = parse_json(&body)?;
    let key = state
        .service
        .rotate_key(&company_id, "admin token", &b.reason, Timestamp::now())
        .await?;
    Ok(Json(json!({"companyId": company_id, "apiKey": key})).into_response())
}

/// Create or replace the company's web-chat publishable key (admin token). The key is returned
/// once; the old one stops working at once. It can only open web chats and send their turns,
/// and only from the origins in the company's `webChat.allowedOrigins`.
#[utoipa::path(post, path = "/v1/admin/companies/{companyId}/publishable-key", request_body = RotateKeyBody,
    responses((status = 200, body = super::schema::PublishableKeyRotated, description = "the new key, shown once"), (status = 404, description = "no such company")))]
async fn rotate_publishable_key(
    State(state): State<AppState>,
    _: AdminAuth,
    Path(company_id): Path<String>,
    body: String,
) -> ApiResult<Response> {
    let b: RotateKeyBody = parse_json(&body)?;
    let key = state
        .service
        .rotate_publishable_key(&company_id, "admin token", &b.reason, Timestamp::now())
        .await?;
    Ok(Json(json!({"companyId": company_id, "publishableKey": key})).into_response())
}

/// The company's configuration.
#[utoipa::path(get, path = "/v1/companies/{companyId}", responses((status = 200, body = aisha_core::Company, description = "the company as stored; secrets are write-only: `twilio.authTokenSet` and `systemOfRecord.signingSecretSet` say whether one is kept")))]
async fn get_company(
    State(state): State<AppState>,
    CompanyAuth(company): CompanyAuth,
) -> ApiResult<Response> {
    // Secrets are write-only: the configuration says only whether one is set.
    Ok(Json(state.service.company(company.as_str()).await?.public_json()).into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct KillSwitchBody {
    enabled: bool,
    #[schema(value_type = String)]
    reason: Reason,
}

/// The global kill switch (admin token): no autonomous action for any company while on.
#[utoipa::path(put, path = "/v1/admin/kill-switch", request_body = KillSwitchBody, responses((status = 200, body = super::schema::GlobalKillSwitch)))]
async fn put_global_kill_switch(
    State(state): State<AppState>,
    _: AdminAuth,
    body: String,
) -> ApiResult<Response> {
    let b: KillSwitchBody = parse_json(&body)?;
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
#[utoipa::path(post, path = "/v1/companies/{companyId}/conversations/{conversationId}/turns", request_body = TurnBody, responses((status = 200, body = super::schema::TurnResponse)))]
async fn turn(
    State(state): State<AppState>,
    CompanyAuth(company): CompanyAuth,
    Path(ConversationPath { conversation_id }): Path<ConversationPath>,
    body: String,
) -> ApiResult<Response> {
    let b: TurnBody = parse_json(&body)?;
    let r = state
        .service
        .turn(Turn {
            company_id: company.as_str(),
            conversation_id: &conversation_id,
            text: &b.text,
            caller_id: b.caller_id.as_deref(),
            now: Timestamp::now(),
        })
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
        "replySource": r.outcome.reply_source,
        "bookingCancelled": r.outcome.booking_cancelled,
        "activeSlot": r.active_slot,
        "session": {"booking": r.booking},
    })
}

/// A conversation's stored session.
#[utoipa::path(get, path = "/v1/companies/{companyId}/conversations/{conversationId}", responses((status = 200, body = aisha_core::Session, description = "the session: mode, turn, lastAgentIntent, `booking` (the contract's schema), transcript")))]
async fn get_conversation(
    State(state): State<AppState>,
    CompanyAuth(company): CompanyAuth,
    Path(ConversationPath { conversation_id }): Path<ConversationPath>,
) -> ApiResult<Response> {
    match state
        .service
        .session(company.as_str(), &conversation_id)
        .await?
    {
        Some(s) => Ok(Json(json!(s)).into_response()),
        None => Err(AppError::new(
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
#[utoipa::path(put, path = "/v1/companies/{companyId}/customers/{customerId}", request_body = CustomerBody, responses((status = 200, body = aisha_core::care::Relationship, description = "the relationship: state, Hands-Off, opt-out, counters, the customer")))]
async fn put_customer(
    State(state): State<AppState>,
    CompanyAuth(company): CompanyAuth,
    Path(CustomerPath { customer_id }): Path<CustomerPath>,
    body: String,
) -> ApiResult<Response> {
    let b: CustomerBody = parse_json(&body)?;
    let customer = Customer {
        id: customer_id.into(),
        first_name: b.first_name,
        last_name: b.last_name,
        phone: b.phone,
        email: b.email,
        timezone: b.timezone,
    };
    let st = match b.state.as_deref() {
        Some(s) => CareState::parse(s).ok_or_else(|| {
            AppError::new(
                StatusCode::BAD_REQUEST,
                format!("state: unknown state {s:?}"),
            )
        })?,
        None => CareState::Unaware,
    };
    let rel = state
        .service
        .upsert_customer(company.as_str(), customer, st, Timestamp::now())
        .await?;
    Ok(Json(json!(rel)).into_response())
}

/// Every customer with their C.A.R.E. state and next due time.
#[utoipa::path(get, path = "/v1/companies/{companyId}/customers", responses((status = 200, body = [super::schema::CustomerRow])))]
async fn list_customers(
    State(state): State<AppState>,
    CompanyAuth(company): CompanyAuth,
) -> ApiResult<Response> {
    Ok(Json(json!(state.service.customers(company.as_str()).await?)).into_response())
}

/// A customer's relationship and timeline: transitions, actions, escalations.
#[utoipa::path(get, path = "/v1/companies/{companyId}/customers/{customerId}", responses((status = 200, body = super::schema::Timeline)))]
async fn get_customer(
    State(state): State<AppState>,
    CompanyAuth(company): CompanyAuth,
    Path(CustomerPath { customer_id }): Path<CustomerPath>,
) -> ApiResult<Response> {
    Ok(Json(json!(
        state
            .service
            .timeline(company.as_str(), &customer_id)
            .await?
    ))
    .into_response())
}

async fn apply(
    state: &AppState,
    company_id: &str,
    customer_id: &CustomerId,
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
#[utoipa::path(post, path = "/v1/companies/{companyId}/customers/{customerId}/events", request_body(content = aisha_core::care::Event, description = "something that happened, by `type` (FORMAT.md's event list)"),
    params(("Idempotency-Key" = Option<String>, Header, description = "makes a retried event a no-op")),
    responses((status = 200, body = super::schema::EventResult)))]
async fn post_event(
    State(state): State<AppState>,
    CompanyAuth(company): CompanyAuth,
    Path(CustomerPath { customer_id }): Path<CustomerPath>,
    headers: HeaderMap,
    body: String,
) -> ApiResult<Response> {
    let event: Event = parse_json(&body)?;
    let key = headers
        .get("idempotency-key")
        .map(|v| {
            v.to_str()
                .map_err(|_| AppError::new(StatusCode::BAD_REQUEST, "Idempotency-Key must be text"))
        })
        .transpose()?;
    apply(&state, company.as_str(), &customer_id, &event, key).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct HandsOffBody {
    enabled: bool,
    #[schema(value_type = String)]
    reason: Reason,
    #[serde(default)]
    by: Option<String>,
}

/// Pause or resume Hands-Off Mode for one customer (recorded with who and why).
#[utoipa::path(put, path = "/v1/companies/{companyId}/customers/{customerId}/hands-off", request_body = HandsOffBody, responses((status = 200, body = super::schema::EventResult)))]
async fn put_hands_off(
    State(state): State<AppState>,
    CompanyAuth(company): CompanyAuth,
    Path(CustomerPath { customer_id }): Path<CustomerPath>,
    body: String,
) -> ApiResult<Response> {
    let b: HandsOffBody = parse_json(&body)?;
    let event = Event::HandsOff {
        enabled: b.enabled,
        reason: b.reason,
        by: b.by,
    };
    apply(&state, company.as_str(), &customer_id, &event, None).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct StateBody {
    state: String,
    #[schema(value_type = String)]
    reason: Reason,
    #[serde(default)]
    by: Option<String>,
}

/// Set a customer's state by hand (recorded with who and why).
#[utoipa::path(put, path = "/v1/companies/{companyId}/customers/{customerId}/state", request_body = StateBody, responses((status = 200, body = super::schema::EventResult)))]
async fn put_state(
    State(state): State<AppState>,
    CompanyAuth(company): CompanyAuth,
    Path(CustomerPath { customer_id }): Path<CustomerPath>,
    body: String,
) -> ApiResult<Response> {
    let b: StateBody = parse_json(&body)?;
    let Some(to) = CareState::parse(&b.state) else {
        return Err(AppError::new(
            StatusCode::BAD_REQUEST,
            format!("state: unknown state {:?}", b.state),
        ));
    };
    let event = Event::StateOverride {
        state: to,
        reason: b.reason,
        by: b.by,
    };
    apply(&state, company.as_str(), &customer_id, &event, None).await
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
#[utoipa::path(post, path = "/v1/companies/{companyId}/customers/{customerId}/actions", request_body = ActionBody, responses((status = 200, body = super::schema::EventResult)))]
async fn post_action(
    State(state): State<AppState>,
    CompanyAuth(company): CompanyAuth,
    Path(CustomerPath { customer_id }): Path<CustomerPath>,
    body: String,
) -> ApiResult<Response> {
    let b: ActionBody = parse_json(&body)?;
    let event = Event::UserDirected {
        action: b.action,
        text: b.text,
        by: b.by,
    };
    apply(&state, company.as_str(), &customer_id, &event, None).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EscalationQuery {
    #[serde(default)]
    status: Option<String>,
}

/// Escalations, newest last; `?status=open` for the inbox.
#[utoipa::path(get, path = "/v1/companies/{companyId}/escalations", params(("status" = Option<String>, Query, description = "open or all")), responses((status = 200, body = [super::schema::Escalation])))]
async fn escalations(
    State(state): State<AppState>,
    CompanyAuth(company): CompanyAuth,
    Query(q): Query<EscalationQuery>,
) -> ApiResult<Response> {
    let open_only = match q.status.as_deref() {
        None | Some("all") => false,
        Some("open") => true,
        Some(other) => {
            return Err(AppError::new(
                StatusCode::BAD_REQUEST,
                format!("status: expected open or all, got {other:?}"),
            ))
        }
    };
    Ok(Json(json!(
        state
            .service
            .escalations(company.as_str(), open_only)
            .await?
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
#[utoipa::path(post, path = "/v1/companies/{companyId}/escalations/{id}/resolve", request_body = ResolveBody, responses((status = 200, body = super::schema::Resolved)))]
async fn resolve_escalation(
    State(state): State<AppState>,
    CompanyAuth(company): CompanyAuth,
    Path(EscalationPath { id }): Path<EscalationPath>,
    body: String,
) -> ApiResult<Response> {
    // Not a number is not an escalation of this company: 404, as for an unknown one.
    let id = EscalationId::parse(&id)
        .map_err(|_| AppError::new(StatusCode::NOT_FOUND, format!("unknown escalation {id:?}")))?;
    let b: ResolveBody = parse_json(&body)?;
    state
        .service
        .resolve_escalation(
            company.as_str(),
            id,
            b.by.as_deref().unwrap_or("operator"),
            &b.note,
            Timestamp::now(),
        )
        .await?;
    Ok(Json(json!({"id": id.0, "status": "resolved"})).into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ControlsBody {
    #[serde(default)]
    kill_switch: Option<bool>,
    #[serde(default)]
    shadow_mode: Option<bool>,
    #[schema(value_type = String)]
    reason: Reason,
    #[serde(default)]
    by: Option<String>,
}

/// The company's kill switch and shadow mode (with the global switch folded in).
#[utoipa::path(get, path = "/v1/companies/{companyId}/controls", responses((status = 200, body = super::schema::Controls)))]
async fn get_controls(
    State(state): State<AppState>,
    CompanyAuth(company): CompanyAuth,
) -> ApiResult<Response> {
    Ok(Json(json!(state.service.controls(company.as_str()).await?)).into_response())
}

/// Flip the kill switch or shadow mode; who and why go to the audit log.
#[utoipa::path(put, path = "/v1/companies/{companyId}/controls", request_body = ControlsBody, responses((status = 200, body = super::schema::Controls)))]
async fn put_controls(
    State(state): State<AppState>,
    CompanyAuth(company): CompanyAuth,
    body: String,
) -> ApiResult<Response> {
    let b: ControlsBody = parse_json(&body)?;
    let c = state
        .service
        .set_controls(
            company.as_str(),
            &ControlsChange {
                kill_switch: b.kill_switch,
                shadow_mode: b.shadow_mode,
                by: b.by.as_deref().unwrap_or("operator"),
                reason: &b.reason,
            },
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
#[utoipa::path(get, path = "/v1/companies/{companyId}/audit", params(("after" = Option<i64>, Query), ("limit" = Option<i64>, Query)), responses((status = 200, body = [super::schema::AuditRecord])))]
async fn audit_log(
    State(state): State<AppState>,
    CompanyAuth(company): CompanyAuth,
    Query(q): Query<PageQuery>,
) -> ApiResult<Response> {
    let limit = q.limit.clamp(1, 1000);
    Ok(Json(json!(
        state
            .service
            .audit_log(company.as_str(), q.after.max(0), limit)
            .await?
    ))
    .into_response())
}

/// Verify the company's audit chain (keyed hashes, the head and its MAC, the append-only
/// triggers); names every tampering found.
#[utoipa::path(get, path = "/v1/companies/{companyId}/audit/verify", responses((status = 200, body = super::schema::AuditVerdict)))]
async fn audit_verify(
    State(state): State<AppState>,
    CompanyAuth(company): CompanyAuth,
) -> ApiResult<Response> {
    let v = state.service.verify_audit(company.as_str(), None).await?;
    let problems: Vec<String> = v.chain.tampering.iter().map(|t| t.to_string()).collect();
    Ok(Json(json!({
        "intact": v.intact(),
        "records": v.chain.records,
        "legacyRecords": v.chain.legacy,
        "tampering": problems,
    }))
    .into_response())
}

/// Recent outbox deliveries (messages and webhooks) with their status.
#[utoipa::path(get, path = "/v1/companies/{companyId}/deliveries", responses((status = 200, body = [super::schema::Delivery])))]
async fn deliveries(
    State(state): State<AppState>,
    CompanyAuth(company): CompanyAuth,
) -> ApiResult<Response> {
    Ok(Json(json!(
        state.service.deliveries(company.as_str(), 200).await?
    ))
    .into_response())
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "AiSHA",
        description = "The autonomous front desk and Customer C.A.R.E. engine. Everything under /v1/companies/{companyId}/ needs that company's key as `Authorization: Bearer …`; another company's key gets 404."
    ),
    paths(
        health,
        super::metrics_endpoint,
        put_company,
        get_company,
        put_global_kill_switch,
        rotate_key,
        rotate_publishable_key,
        super::chat::open,
        super::chat::turn,
        super::chat::widget,
        super::twilio::twilio_voice,
        super::twilio::twilio_sms,
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
    ),
    components(schemas(super::ErrorBody)),
    modifiers(&Shared)
)]
pub struct ApiDoc;

/// Built once: the document is the same for the life of the process.
static DOCUMENT: std::sync::LazyLock<serde_json::Value> =
    std::sync::LazyLock::new(|| super::schema::without_nul(&ApiDoc::openapi()));

async fn openapi() -> Json<serde_json::Value> {
    Json(DOCUMENT.clone())
}

/// The API's routes: health, OpenAPI, the admin routes, and the company routes under the
/// company layer.
pub fn router(state: &AppState) -> Router<AppState> {
    let c = "/v1/companies/{company_id}";
    let company = Router::new()
        .route(c, get(get_company))
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
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            company_layer,
        ));
    Router::new()
        .route("/health", get(health))
        .route("/metrics", get(super::metrics_endpoint))
        .route("/openapi.json", get(openapi))
        .route("/v1/admin/kill-switch", put(put_global_kill_switch))
        .route("/v1/admin/companies/{company_id}/api-key", post(rotate_key))
        .route(
            "/v1/admin/companies/{company_id}/publishable-key",
            post(rotate_publishable_key),
        )
        .route(c, put(put_company))
        .merge(company)
}
