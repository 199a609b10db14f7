//! The HTTP API (axum). Every handler calls the service layer; errors are JSON with the right
//! status, never a panic or a 500 for bad input.

use std::sync::Arc;
use std::time::Duration;

use aisha_core::care::{CareState, Customer, Event};
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::json;

use crate::service::{hash_key, Service, ServiceError};

#[derive(Clone)]
pub struct AppState {
    pub service: Service,
    pub admin_token: Option<Arc<str>>,
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
            ServiceError::UnknownCompany(_) | ServiceError::UnknownCustomer(_) => {
                ApiError(StatusCode::NOT_FOUND, e.to_string())
            }
            ServiceError::Invalid(m) => ApiError(StatusCode::BAD_REQUEST, m),
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
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A wrong key and an unknown company look the same (404): no probing another tenant.
async fn authorize(
    state: &AppState,
    company_id: &str,
    headers: &HeaderMap,
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
    let given = bearer(headers).ok_or_else(|| {
        ApiError(
            StatusCode::UNAUTHORIZED,
            "missing Authorization: Bearer <company key>".into(),
        )
    })?;
    if constant_time_eq(hash_key(given).as_bytes(), stored.as_bytes()) {
        Ok(cid)
    } else {
        Err(not_found())
    }
}

async fn health() -> Json<serde_json::Value> {
    Json(json!({"status": "ok"}))
}

async fn put_company(
    State(state): State<AppState>,
    Path(company_id): Path<String>,
    headers: HeaderMap,
    body: String,
) -> ApiResult<Response> {
    let Some(admin) = &state.admin_token else {
        return Err(ApiError(
            StatusCode::FORBIDDEN,
            "company administration is disabled: set AISHA_ADMIN_TOKEN".into(),
        ));
    };
    if !bearer(&headers).is_some_and(|t| constant_time_eq(t.as_bytes(), admin.as_bytes())) {
        return Err(ApiError(
            StatusCode::UNAUTHORIZED,
            "admin token required".into(),
        ));
    }
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct TurnBody {
    text: String,
    #[serde(default)]
    caller_id: Option<String>,
}

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
    Ok(Json(json!({
        "reply": r.outcome.reply,
        "mode": r.outcome.mode,
        "lastAgentIntent": r.outcome.last_agent_intent,
        "signals": r.outcome.signals,
        "escalated": r.outcome.escalated(),
        "llmUsed": r.outcome.llm_used,
        "activeSlot": r.active_slot,
        "session": {"booking": r.booking},
    }))
    .into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct CustomerBody {
    #[serde(flatten)]
    customer: Customer,
    #[serde(default)]
    state: Option<String>,
}

async fn put_customer(
    State(state): State<AppState>,
    Path((company_id, customer_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: String,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    let mut b: CustomerBody = parse_body(&body)?;
    b.customer.id = customer_id;
    let st = match b.state.as_deref() {
        Some(s) => CareState::parse(s)
            .ok_or_else(|| ApiError(StatusCode::BAD_REQUEST, format!("unknown state {s:?}")))?,
        None => CareState::Unaware,
    };
    let rel = state
        .service
        .upsert_customer(&company_id, b.customer, st, Timestamp::now())
        .await?;
    Ok(Json(json!(rel)).into_response())
}

async fn get_customer(
    State(state): State<AppState>,
    Path((company_id, customer_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let cid = authorize(&state, &company_id, &headers).await?;
    let rel = state
        .service
        .relationship(&company_id, &customer_id)
        .await?;
    let actions = state
        .service
        .store()
        .actions(&cid, &customer_id)
        .await
        .map_err(ServiceError::from)?;
    Ok(Json(json!({"relationship": rel, "actions": actions})).into_response())
}

async fn post_event(
    State(state): State<AppState>,
    Path((company_id, customer_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: String,
) -> ApiResult<Response> {
    authorize(&state, &company_id, &headers).await?;
    let event: Event = parse_body(&body)?;
    let fx = state
        .service
        .apply_event(&company_id, &customer_id, &event, Timestamp::now())
        .await?;
    Ok(Json(json!(fx)).into_response())
}

async fn escalations(
    State(state): State<AppState>,
    Path(company_id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let cid = authorize(&state, &company_id, &headers).await?;
    let rows = state
        .service
        .store()
        .escalations(&cid, false)
        .await
        .map_err(ServiceError::from)?;
    Ok(Json(json!(rows)).into_response())
}

async fn fallback() -> ApiError {
    ApiError(StatusCode::NOT_FOUND, "no such route".into())
}

/// Largest request body accepted (a company configuration is the largest legitimate one).
pub const MAX_BODY: usize = 256 * 1024;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/v1/companies/{company_id}", put(put_company))
        .route(
            "/v1/companies/{company_id}/conversations/{conversation_id}/turns",
            post(turn),
        )
        .route(
            "/v1/companies/{company_id}/customers/{customer_id}",
            put(put_customer).get(get_customer),
        )
        .route(
            "/v1/companies/{company_id}/customers/{customer_id}/events",
            post(post_event),
        )
        .route("/v1/companies/{company_id}/escalations", get(escalations))
        .fallback(fallback)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .with_state(state)
}
