//! The OpenAPI document's shapes of what the API answers, and what every operation shares:
//! the error statuses with their JSON body and the three bearer schemes. The response shapes
//! mirror what the handlers serialize; Schemathesis checks every response against them in CI
//! (`scripts/api-check.sh`), so a drift fails the build. The structs are documentation of
//! what the handlers serialize (field names are the wire names), never built themselves.
#![allow(dead_code)]

use utoipa::openapi::path::{Operation, Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::Required;
use utoipa::openapi::{Content, OpenApi, RefOr, Response, ResponseBuilder};
use utoipa::{Modify, ToSchema};

/// `GET /health`.
#[derive(ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    status: String,
}

/// A company created or updated; the key is shown once, on creation.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct CompanySaved {
    company_id: String,
    /// The company's API key on creation (201), `null` on an update (200).
    api_key: Option<String>,
}

/// A new API key, shown once.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct ApiKeyRotated {
    company_id: String,
    api_key: String,
}

/// A new web-chat publishable key, shown once.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct PublishableKeyRotated {
    company_id: String,
    publishable_key: String,
}

/// The deployment-wide kill switch after the change.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct GlobalKillSwitch {
    global_kill_switch: bool,
}

/// One detected signal and the words that triggered it.
#[derive(ToSchema)]
pub struct Detection {
    /// `pricing_question`, `objection`, `negative_sentiment`, `opt_out`, …
    signal: String,
    evidence: String,
}

/// The conversation mode after a turn.
#[derive(ToSchema)]
#[schema(rename_all = "UPPERCASE")]
pub enum Mode {
    Discovery,
    Booking,
    Complete,
}

/// The session as the receptionist contract names it.
#[derive(ToSchema)]
pub struct SessionBooking {
    /// `session.booking`: `activeSlot`, `slots` (name, phone, address, time and custom slots).
    booking: serde_json::Value,
}

/// One caller turn's result.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct TurnResponse {
    reply: String,
    mode: Mode,
    /// `DISCOVERY`, `OFFER_SCHEDULE`, `BOOKING_SLOT_QUESTION`, `INTERRUPT_ANSWER`,
    /// `BOOKING_COMPLETE`, `HUMAN_HANDOFF`, `OPTED_OUT`, …
    last_agent_intent: String,
    signals: Vec<Detection>,
    escalated: bool,
    llm_used: bool,
    booking_cancelled: bool,
    active_slot: Option<String>,
    session: SessionBooking,
}

/// A customer and their C.A.R.E. state.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct CustomerRow {
    customer_id: String,
    /// One of the ten C.A.R.E. states (`unaware` … `lost`).
    state: String,
    /// When Hands-Off Mode next looks at them (RFC 3339), if ever.
    next_due: Option<String>,
}

/// An escalation in the inbox.
#[derive(ToSchema)]
pub struct Escalation {
    id: i64,
    customer_id: Option<String>,
    conversation_id: Option<String>,
    at: String,
    trigger: String,
    reason: String,
    /// `open` or `resolved`.
    status: String,
    resolved_by: Option<String>,
    resolution_note: Option<String>,
    /// What triggered it, as recorded.
    evidence: serde_json::Value,
}

/// A recorded transition or action (the record is C.A.R.E.'s, with its explanation, origin,
/// gate result and reason).
#[derive(ToSchema)]
pub struct Recorded {
    id: i64,
    customer_id: String,
    record: serde_json::Value,
}

/// A customer's relationship and everything recorded about it.
#[derive(ToSchema)]
pub struct Timeline {
    /// The relationship: state, Hands-Off, opt-out, counters, the customer.
    relationship: serde_json::Value,
    transitions: Vec<Recorded>,
    actions: Vec<Recorded>,
    escalations: Vec<Escalation>,
}

/// What an event did (or, for a retried idempotent event, the first response again).
#[derive(ToSchema)]
pub struct EventResult {
    duplicate: bool,
    state: String,
    /// Transitions, actions, escalations and overrides the event produced.
    effects: serde_json::Value,
}

/// An escalation after it was resolved.
#[derive(ToSchema)]
pub struct Resolved {
    id: i64,
    #[schema(example = "resolved")]
    status: String,
}

/// The company's switches, with the global kill switch folded in.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct Controls {
    kill_switch: bool,
    shadow_mode: bool,
}

/// One link of the audit chain.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct AuditRecord {
    seq: i64,
    at: String,
    kind: String,
    subject: String,
    /// The record's JSON, as hashed.
    payload: String,
    prev_hash: String,
    hash: String,
}

/// The audit chain's verdict.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct AuditVerdict {
    intact: bool,
    /// Records read.
    records: i64,
    /// Records written before the chain was keyed (sealed by a keyed record after them).
    legacy_records: i64,
    /// Every tampering found, named (empty when intact).
    tampering: Vec<String>,
}

/// A message or webhook in the outbox.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct Delivery {
    id: i64,
    company_id: String,
    customer_id: Option<String>,
    /// `console`, `twilio_sms`, `smtp` or `webhook`.
    channel: String,
    destination: String,
    payload: serde_json::Value,
    idempotency_key: String,
    /// `pending`, `sent` or `failed`.
    status: String,
    attempts: i64,
    last_error: Option<String>,
    created_at: String,
    sent_at: Option<String>,
}

/// What a route answers for each error status it can return: always the same JSON body.
fn error(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            Content::new(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                "ErrorBody",
            )))),
        )
        .into()
}

/// Adds the bearer schemes, each operation's security, and the error statuses every route
/// shares, so no handler can forget them.
pub struct Shared;

impl Modify for Shared {
    fn modify(&self, doc: &mut OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        for (name, what) in [
            (
                "adminToken",
                "the deployment's admin token (AISHA_ADMIN_TOKEN)",
            ),
            ("companyKey", "the company's API key (ak_…)"),
            (
                "publishableKey",
                "the company's web-chat publishable key (pk_…)",
            ),
        ] {
            components.add_security_scheme(
                name,
                SecurityScheme::Http(
                    HttpBuilder::new()
                        .scheme(HttpAuthScheme::Bearer)
                        .description(Some(what))
                        .build(),
                ),
            );
        }
        for (path, item) in doc.paths.paths.iter_mut() {
            declare_path_parameters(path, &mut item.parameters);
            let ops = [
                item.get.as_mut(),
                item.put.as_mut(),
                item.post.as_mut(),
                item.delete.as_mut(),
            ];
            for op in ops.into_iter().flatten() {
                add_shared(path, op);
            }
        }
    }
}

/// Every `{name}` in a path template is a required string parameter; declared once per path
/// so the handlers' annotations need not repeat them.
fn declare_path_parameters(path: &str, params: &mut Option<Vec<Parameter>>) {
    let params = params.get_or_insert_with(Vec::new);
    for name in path
        .split('/')
        .filter_map(|seg| seg.strip_prefix('{')?.strip_suffix('}'))
    {
        if !params.iter().any(|p| p.name == name) {
            params.push(
                ParameterBuilder::new()
                    .name(name)
                    .parameter_in(ParameterIn::Path)
                    .required(Required::True)
                    .schema(Some(
                        ObjectBuilder::new()
                            .schema_type(Type::String)
                            .min_length(Some(1)),
                    ))
                    .build(),
            );
        }
    }
}

fn add_shared(path: &str, op: &mut Operation) {
    let scheme = if path.starts_with("/v1/admin/") {
        Some("adminToken")
    } else if path.starts_with("/v1/chat/") {
        Some("publishableKey")
    } else if path.starts_with("/v1/companies/{companyId}") {
        // Creating or updating a company takes the admin token; everything else its key.
        Some(
            if op.request_body.is_some() && path == "/v1/companies/{companyId}" {
                "adminToken"
            } else {
                "companyKey"
            },
        )
    } else {
        None
    };
    let mut errors: Vec<(&str, &str)> = Vec::new();
    if let Some(scheme) = scheme {
        op.security = Some(vec![SecurityRequirement::new::<_, _, &str>(scheme, [])]);
        errors.push(("401", "no key, or not a valid one for this route"));
        errors.push(("403", "this key may not use this route"));
    }
    if path.starts_with("/v1/") || path.starts_with("/twilio/") {
        errors.push((
            "400",
            "malformed input: the body, a path segment or a query parameter",
        ));
        errors.push((
            "404",
            "no such company, resource or route (another company's key gets this too)",
        ));
        errors.push((
            "409",
            "the resource kept changing under this request; retry",
        ));
        errors.push((
            "422",
            "the company configuration is invalid (the error names the field)",
        ));
        errors.push(("429", "rate limited; wait Retry-After seconds"));
    }
    if op.request_body.is_some() {
        errors.push(("413", "the body is larger than 256 KiB"));
    }
    for (status, description) in errors {
        op.responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| error(description));
    }
}
