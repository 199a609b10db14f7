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

/// The session as the receptionist contract names it.
#[derive(ToSchema)]
pub struct SessionBooking {
    /// `session.booking`: the receptionist contract's locked slot schema, field names exact.
    booking: aisha_core::session::Booking,
}

/// One caller turn's result.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct TurnResponse {
    reply: String,
    /// The conversation mode after the turn.
    mode: aisha_core::Mode,
    /// `DISCOVERY`, `OFFER_SCHEDULE`, `BOOKING_SLOT_QUESTION`, `INTERRUPT_ANSWER`,
    /// `BOOKING_COMPLETE`, `HUMAN_HANDOFF`, `OPTED_OUT`, …
    last_agent_intent: String,
    signals: Vec<aisha_core::signals::Detection>,
    escalated: bool,
    /// FORMAT.md's `llm_used`: the speaker, or the embedded responder standing in for it,
    /// wrote the reply (false when an LLM reply was refused).
    llm_used: bool,
    /// Who really wrote it: `llm`, `embedded_responder` or `configured`.
    reply_source: aisha_core::frontdesk::ReplySource,
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
    evidence: Vec<aisha_core::signals::Detection>,
}

/// A recorded transition, with its rule and explanation.
#[derive(ToSchema)]
pub struct RecordedTransition {
    id: i64,
    customer_id: String,
    record: aisha_core::care::Transition,
}

/// A recorded action, with its origin, gate result and reason.
#[derive(ToSchema)]
pub struct RecordedAction {
    id: i64,
    customer_id: String,
    record: aisha_core::care::ActionRecord,
}

/// A customer's relationship and everything recorded about it.
#[derive(ToSchema)]
pub struct Timeline {
    /// The relationship: state, Hands-Off, opt-out, counters, the customer.
    relationship: aisha_core::care::Relationship,
    transitions: Vec<RecordedTransition>,
    actions: Vec<RecordedAction>,
    escalations: Vec<Escalation>,
}

/// What an event did (or, for a retried idempotent event, the first response again).
#[derive(ToSchema)]
pub struct EventResult {
    duplicate: bool,
    state: String,
    /// Transitions, actions, escalations and overrides the event produced.
    effects: aisha_core::care::Effects,
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
    /// The provider's id for it once sent (Twilio's message SID, the email's Message-ID).
    provider_id: Option<String>,
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

/// No text either store keeps may hold NUL (PostgreSQL cannot, and `web::input` refuses it on
/// both with 400), so every string, and every free-form key, the document describes says so,
/// and a described object lists all its fields: what the schema calls valid is then what the
/// server accepts.
pub fn without_nul(doc: &OpenApi) -> serde_json::Value {
    const NO_NUL: &str = "^[^\\x00]*$";
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                let is_string = match map.get("type") {
                    Some(serde_json::Value::String(t)) => t == "string",
                    Some(serde_json::Value::Array(ts)) => ts.iter().any(|t| t == "string"),
                    _ => false,
                };
                let free = ["pattern", "enum", "const", "format"]
                    .iter()
                    .all(|k| !map.contains_key(*k));
                if is_string && free {
                    map.insert("pattern".into(), NO_NUL.into());
                }
                // A described object takes only its described fields (an unknown one is refused or
                // ignored, never stored); a free-form one only keys without NUL.
                if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                    map.insert("additionalProperties".into(), false.into());
                }
                let free_form = map.get("additionalProperties").is_some_and(|a| a != false);
                if free_form && !map.contains_key("propertyNames") {
                    map.insert(
                        "propertyNames".into(),
                        serde_json::json!({ "pattern": NO_NUL }),
                    );
                }
                map.values_mut().for_each(walk);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(doc).unwrap_or_default();
    walk(&mut value);
    value
}

/// A struct whose fields all default (`#[serde(default)]`) gets its whole default object written
/// beside a nested struct's `$ref`; client generators refuse a default on a model property, and
/// the nested schema documents its own defaults field by field, so the copy is dropped.
fn drop_nested_object_defaults(schema: &mut RefOr<utoipa::openapi::schema::Schema>) {
    use utoipa::openapi::schema::Schema;
    if let RefOr::T(Schema::Object(object)) = schema {
        for property in object.properties.values_mut() {
            if let RefOr::T(Schema::OneOf(one_of)) = property {
                if one_of.items.iter().all(|i| matches!(i, RefOr::Ref(_))) {
                    one_of.default = None;
                }
            }
        }
    }
}

impl Modify for Shared {
    fn modify(&self, doc: &mut OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        for schema in components.schemas.values_mut() {
            drop_nested_object_defaults(schema);
        }
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
