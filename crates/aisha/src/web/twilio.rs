//! The Twilio webhooks (Voice and SMS). Twilio authenticates with `X-Twilio-Signature`
//! against the company's auth token, not the company key, so these routes sit outside the
//! company layer and check the signature before anything else.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use jiff::Timestamp;
use serde_json::json;

use super::{AppError, AppState};
use aisha_core::ConversationId;

use crate::service::{InboundSms, ServiceError, Turn, TurnResult};
use crate::twilio as wire;

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
        Err(e) => return Err(AppError::from(e).into_response()),
    };
    // No token, no webhook: never verify a signature against an empty key.
    let Some(token) = company
        .twilio
        .as_ref()
        .and_then(|t| t.auth_token.as_ref())
        .map(|t| t.expose().to_owned())
    else {
        return Err(forbidden("this company has no Twilio configuration"));
    };
    let params: Vec<(String, String)> = serde_urlencoded::from_str(body).map_err(|_| {
        AppError::new(StatusCode::BAD_REQUEST, "malformed form body").into_response()
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
    if given.is_empty() || !wire::verify(&token, &url, &params, given) {
        metrics::counter!("aisha_twilio_rejected_total").increment(1);
        return Err(forbidden("invalid Twilio signature"));
    }
    // Signed, but holding text a store cannot keep: 400 naming the parameter.
    super::input::check_pairs(&params).map_err(IntoResponse::into_response)?;
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

/// Twilio's Voice webhook parameters (form-encoded; Twilio sends more, all signed).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // documentation of Twilio's wire format
struct VoiceForm {
    #[schema(rename = "CallSid")]
    call_sid: String,
    #[schema(rename = "From")]
    from: Option<String>,
    /// What the caller said; absent when the call starts.
    #[schema(rename = "SpeechResult")]
    speech_result: Option<String>,
}

/// Twilio's SMS webhook parameters (form-encoded; Twilio sends more, all signed).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // documentation of Twilio's wire format
struct SmsForm {
    #[schema(rename = "MessageSid")]
    message_sid: String,
    #[schema(rename = "From")]
    from: String,
    #[schema(rename = "Body")]
    body: String,
}

/// Twilio Voice: answer with a speech `<Gather>`; each `SpeechResult` is a turn. Every
/// `<Gather>` posts back to `?step=N`, so `CallSid` + step names one caller turn: a retried
/// callback gets the first answer again and changes nothing.
#[utoipa::path(post, path = "/twilio/{companyId}/voice", tag = "twilio",
    params(("companyId" = String, Path), ("X-Twilio-Signature" = String, Header, description = "HMAC-SHA1 of the URL and parameters with the company's Twilio auth token"),
        ("step" = Option<u32>, Query, description = "the caller turn a <Gather> posts back"), ("silence" = Option<u8>, Query, description = "1: the Gather heard nothing")),
    request_body(content = VoiceForm, content_type = "application/x-www-form-urlencoded"),
    responses((status = 200, description = "TwiML", content_type = "text/xml", body = String),
        (status = 403, body = super::ErrorBody, description = "missing or invalid signature, or no Twilio configuration")))]
pub(super) async fn twilio_voice(
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
    let query = |name: &str| {
        uri.query()
            .into_iter()
            .flat_map(|q| q.split('&'))
            .find_map(|p| p.strip_prefix(name)?.strip_prefix('='))
    };
    let step: u32 = query("step").and_then(|s| s.parse().ok()).unwrap_or(0);
    let action = format!("{}?step={}", uri.path(), step + 1);
    let Some(call) = param(&params, "CallSid") else {
        return AppError::new(StatusCode::BAD_REQUEST, "CallSid is required").into_response();
    };
    let from = param(&params, "From");
    // A silence (the Gather's redirect) is a turn with no words: the question is asked again.
    let silence = query("silence") == Some("1");
    let speech = param(&params, "SpeechResult").filter(|s| !s.trim().is_empty());
    let Some(speech) = speech.or(silence.then_some("")) else {
        let greeting = aisha_core::text::fill(
            &company.front_desk_behavior.booking_prompts.greeting,
            &[("company", company.display_name())],
        );
        return twiml(wire::gather(&greeting, &action));
    };
    let conversation = match ConversationId::parse(&format!("call-{call}")) {
        Ok(c) => c,
        Err(e) => return AppError::from(e).into_response(),
    };
    let turn = Turn {
        company_id: &company_id,
        conversation_id: &conversation,
        text: speech,
        caller_id: from,
        now: Timestamp::now(),
    };
    let provider_id = format!("twilio-voice:{call}:{step}:{}", u8::from(silence));
    let render = |r: &TurnResult| {
        if let Some(h) = &r.outcome.handoff {
            return match &h.transfer_to {
                Some(number) => wire::dial(&r.outcome.reply, number),
                None => wire::say_and_hang_up(&r.outcome.reply),
            };
        }
        if r.outcome.mode == aisha_core::session::Mode::Complete {
            return wire::say_and_hang_up(&r.outcome.reply);
        }
        wire::gather(&r.outcome.reply, &action)
    };
    match state
        .service
        .webhook_turn(turn, &provider_id, &render)
        .await
    {
        Ok(answer) => twiml(answer),
        Err(e) => {
            tracing::error!(error = %e, "voice turn failed");
            twiml(wire::say_and_hang_up(
                "Sorry, something went wrong on our side. Someone from our team will call you back.",
            ))
        }
    }
}

/// Twilio SMS: feeds the front desk conversation and C.A.R.E. (STOP, START and HELP
/// included), once per `MessageSid`.
#[utoipa::path(post, path = "/twilio/{companyId}/sms", tag = "twilio",
    params(("companyId" = String, Path), ("X-Twilio-Signature" = String, Header, description = "HMAC-SHA1 of the URL and parameters with the company's Twilio auth token")),
    request_body(content = SmsForm, content_type = "application/x-www-form-urlencoded"),
    responses((status = 200, description = "TwiML", content_type = "text/xml", body = String),
        (status = 403, body = super::ErrorBody, description = "missing or invalid signature, or no Twilio configuration")))]
pub(super) async fn twilio_sms(
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
    let (Some(message_sid), Some(from), Some(text)) = (
        param(&params, "MessageSid"),
        param(&params, "From"),
        param(&params, "Body"),
    ) else {
        return AppError::new(
            StatusCode::BAD_REQUEST,
            "MessageSid, From and Body are required",
        )
        .into_response();
    };
    let sms = InboundSms {
        company_id: &company_id,
        message_sid,
        from,
        text,
        now: Timestamp::now(),
    };
    let render = |reply: Option<&str>| match reply {
        Some(reply) => wire::message(reply),
        None => wire::empty(),
    };
    match state.service.inbound_sms(sms, &render).await {
        Ok(answer) => twiml(answer),
        Err(e) => AppError::from(e).into_response(),
    }
}

pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/twilio/{company_id}/voice", post(twilio_voice))
        .route("/twilio/{company_id}/sms", post(twilio_sms))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            super::limits::limit_webhooks,
        ))
}
