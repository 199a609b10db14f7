//! Configuration as forms: the company (name, time zone, Twilio, system of record), booking
//! slots, scenarios, consent and vocabulary, the Hands-Off cadence and its templates, web chat.
//!
//! Every section is a plain HTML form (no JavaScript), posted to its own route. A handler
//! checks the CSRF token and that the operator is an owner, applies the form to the stored
//! configuration (as JSON, so that the service parses and names every field), and saves it
//! through `Service::put_company_json` with the operator as `by` (the audit log records who).
//! A saved form redirects back to its page (post/redirect/get); a refused one shows the page
//! again with the service's error next to the field it names and the operator's input kept.
//!
//! Each section converts both ways between the configuration and a [`Form`] (the stored
//! values are shown through the same renderer as a refused post), and those conversions are
//! pure functions with round-trip tests. Secrets are write-only: the page says "set" or
//! "not set", its password field is always empty, and an empty one keeps the stored secret
//! (the service keeps what a save leaves out).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use aisha_core::company::{
    BookingSlot, CareSettings, Company, ConfigError, DiscoveryConsent, Scenario, SlotType,
    VocabularyGuardrails,
};
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use jiff::Timestamp;
use maud::{html, Markup, PreEscaped};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{check_csrf, csrf_field, layout, parse_form, Page, PageResult};
use crate::service::{Role, ServiceError};
use crate::web::{AppError, AppState, ConsoleSession};
use aisha_core::Reason;

/// The configuration routes; `console::router` merges them inside the session layer.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/console/config", get(company_page).post(save_company))
        .route("/console/config/slots", get(slots_page))
        .route("/console/config/slots/save", post(save_slot))
        .route("/console/config/slots/add", post(add_slot))
        .route("/console/config/slots/move", post(move_slot))
        .route("/console/config/slots/remove", post(remove_slot))
        .route("/console/config/scenarios", get(scenarios_page))
        .route("/console/config/scenarios/save", post(save_scenario))
        .route("/console/config/scenarios/add", post(add_scenario))
        .route("/console/config/scenarios/remove", post(remove_scenario))
        .route(
            "/console/config/consent",
            get(words_page).post(save_consent),
        )
        .route("/console/config/vocabulary", post(save_vocabulary))
        .route(
            "/console/config/cadence",
            get(cadence_page).post(save_cadence),
        )
        .route(
            "/console/config/web-chat",
            get(web_chat_page).post(rotate_publishable_key),
        )
        .route("/console/config/web-chat/origins", post(save_origins))
}

// ---------------------------------------------------------------- forms

/// A form's fields in order (a repeated name, like a group of checkboxes, appears once per
/// value). Unchecked checkboxes are absent, as browsers send them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form(Vec<(String, String)>);

impl Form {
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
    pub fn checked(&self, name: &str) -> bool {
        self.0
            .iter()
            .any(|(k, v)| k == name && !v.is_empty() && v != "false")
    }
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.0.push((name.to_owned(), value.into()));
    }
    pub fn check(&mut self, name: &str, on: bool) {
        if on {
            self.set(name, "on");
        }
    }
    /// The form without its secrets: what a refused post shows again.
    fn without(mut self, names: &[&str]) -> Form {
        self.0.retain(|(k, _)| !names.contains(&k.as_str()));
        self
    }
}

/// A list edited one item per line: trimmed, empty lines dropped.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

pub fn join_lines(items: &[String]) -> String {
    items.join("\n")
}

/// `replacementMap` edited as "word = replacement" lines. Errors name the line.
pub fn parse_replacements(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut map = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let Some((word, replacement)) = line.split_once('=') else {
            return Err(format!(
                "line {}: {line:?} needs an = between the word and what replaces it (technician = team member)",
                n + 1
            ));
        };
        let (word, replacement) = (word.trim(), replacement.trim());
        if word.is_empty() || replacement.is_empty() {
            return Err(format!(
                "line {}: both the word and its replacement are needed",
                n + 1
            ));
        }
        if map
            .insert(word.to_owned(), replacement.to_owned())
            .is_some()
        {
            return Err(format!("line {}: {word:?} is listed twice", n + 1));
        }
    }
    Ok(map)
}

pub fn show_replacements(map: &BTreeMap<String, String>) -> String {
    map.iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Hours as whole days and the hours left over: 50 → (2, 2).
pub fn split_hours(total: u32) -> (u32, u32) {
    (total / 24, total % 24)
}

/// Days and hours from a form (empty is 0) as hours; the hours may exceed a day.
pub fn join_hours(days: &str, hours: &str) -> Result<u32, String> {
    let whole = |what: &str, raw: &str| -> Result<u32, String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(0);
        }
        raw.parse::<u32>()
            .map_err(|_| format!("{what}: {raw:?} is not a whole number of {what}"))
    };
    let (d, h) = (whole("days", days)?, whole("hours", hours)?);
    d.checked_mul(24)
        .and_then(|dh| dh.checked_add(h))
        .ok_or_else(|| "that is longer than AiSHA can wait".to_owned())
}

/// A local hour as a clock reads it: 8 → "08:00".
pub fn clock(hour: u8) -> String {
    format!("{hour:02}:00")
}

/// A clock time from the form as a whole hour: "08:00", "8" → 8.
pub fn parse_clock(raw: &str) -> Result<u8, String> {
    let raw = raw.trim();
    let (h, m) = raw.split_once(':').unwrap_or((raw, "00"));
    match (h.parse::<u8>(), m) {
        (Ok(h), "00" | "0") if h <= 24 => Ok(h),
        (Ok(h), _) if h <= 24 => Err(format!("{raw:?}: whole hours only (like 08:00)")),
        _ => Err(format!("{raw:?} is not a time of day (like 08:00)")),
    }
}

/// An id from a label: "Gate code" → "gate_code".
pub fn slug(label: &str) -> String {
    let mut out = String::new();
    for c in label.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    // Ids are at most 64 characters (`custom_` and 48 of the label's).
    out.truncate(48);
    out.trim_end_matches('_').to_owned()
}

fn set_or_remove(obj: &mut Value, key: &str, text: &str) {
    if let Some(map) = obj.as_object_mut() {
        let text = text.trim();
        if text.is_empty() {
            map.remove(key);
        } else {
            map.insert(key.to_owned(), Value::String(text.to_owned()));
        }
    }
}

fn problem(field: impl Into<String>, reason: impl Into<String>) -> ConfigError {
    ConfigError {
        field: field.into(),
        reason: reason.into(),
    }
}

// ---------------------------------------------------------------- booking slots

pub const SLOT_TYPES: [(&str, &str); 6] = [
    ("name", "Name (first and last)"),
    ("phone", "Phone number"),
    ("address", "Service address"),
    ("time", "Preferred time"),
    ("text", "Free text (custom)"),
    ("select", "One of a list (custom)"),
];

fn slot_type_str(t: SlotType) -> &'static str {
    match t {
        SlotType::Name => "name",
        SlotType::Phone => "phone",
        SlotType::Address => "address",
        SlotType::Time => "time",
        SlotType::Text => "text",
        SlotType::Select => "select",
    }
}

/// A booking slot as its form shows it: every field the contract gives its type.
pub fn slot_form(s: &BookingSlot) -> Form {
    let mut f = Form::default();
    f.set("id", &s.id);
    f.set("type", slot_type_str(s.slot_type));
    f.set("label", &s.label);
    f.set("question", &s.question);
    f.check("required", s.required);
    f.check("confirmBack", s.confirm_back);
    f.set(
        "confirmPrompt",
        s.confirm_prompt.clone().unwrap_or_default(),
    );
    match s.slot_type {
        SlotType::Name => {
            let o = s.name_options();
            f.check("nameOptions.askFullName", o.ask_full_name);
            f.check("nameOptions.useFirstNameOnly", o.use_first_name_only);
            f.check(
                "nameOptions.askOnceForMissingPart",
                o.ask_once_for_missing_part,
            );
            f.set(
                "nameOptions.defaultAssumeSingleTokenAs",
                o.default_assume_single_token_as.as_str(),
            );
        }
        SlotType::Phone => {
            f.check("offerCallerId", s.offer_caller_id);
            f.set(
                "callerIdPrompt",
                s.caller_id_prompt.clone().unwrap_or_default(),
            );
        }
        SlotType::Time => {
            f.check("offerAsap", s.offer_asap);
            f.check("offerMorningAfternoon", s.offer_morning_afternoon);
            f.set("asapPhrase", s.asap_phrase.clone().unwrap_or_default());
        }
        SlotType::Select => f.set("options", join_lines(&s.options)),
        SlotType::Address | SlotType::Text => {}
    }
    f
}

/// A slot form as the configuration's JSON (the service parses and validates it). Fields of
/// other types are left out; an empty prompt means the default.
pub fn slot_json(f: &Form, order: i64) -> Value {
    let kind = f.get("type").trim();
    let mut v = json!({
        "id": f.get("id").trim(),
        "type": kind,
        "label": f.get("label").trim(),
        "question": f.get("question").trim(),
        "required": f.checked("required"),
        "order": order,
        "confirmBack": f.checked("confirmBack"),
    });
    set_or_remove(&mut v, "confirmPrompt", f.get("confirmPrompt"));
    match kind {
        "name" => {
            v["nameOptions"] = json!({
                "askFullName": f.checked("nameOptions.askFullName"),
                "useFirstNameOnly": f.checked("nameOptions.useFirstNameOnly"),
                "askOnceForMissingPart": f.checked("nameOptions.askOnceForMissingPart"),
                "defaultAssumeSingleTokenAs": f.get("nameOptions.defaultAssumeSingleTokenAs").trim(),
            });
        }
        "phone" => {
            v["offerCallerId"] = f.checked("offerCallerId").into();
            set_or_remove(&mut v, "callerIdPrompt", f.get("callerIdPrompt"));
        }
        "time" => {
            v["offerAsap"] = f.checked("offerAsap").into();
            v["offerMorningAfternoon"] = f.checked("offerMorningAfternoon").into();
            set_or_remove(&mut v, "asapPhrase", f.get("asapPhrase"));
        }
        "select" => v["options"] = json!(lines(f.get("options"))),
        _ => {}
    }
    v
}

/// A new slot from the short "add" form: built-in types take their type as id, custom ones
/// `custom_` and the label when no id is given; the contract's usual defaults otherwise.
pub fn new_slot_form(f: &Form) -> Form {
    let kind = f.get("type").trim().to_owned();
    let given = f.get("id").trim();
    let id = match (given.is_empty(), kind.as_str()) {
        (false, _) => given.to_owned(),
        (true, "name" | "phone" | "address" | "time") => kind.clone(),
        (true, _) => format!("custom_{}", slug(f.get("label"))),
    };
    let mut out = Form::default();
    out.set("id", id);
    out.set("type", kind.as_str());
    out.set("label", f.get("label"));
    out.set("question", f.get("question"));
    out.check("required", true);
    match kind.as_str() {
        "name" => {
            out.check("confirmBack", true);
            out.check("nameOptions.askFullName", true);
            out.check("nameOptions.askOnceForMissingPart", true);
            out.set("nameOptions.defaultAssumeSingleTokenAs", "last");
        }
        "phone" => out.check("offerCallerId", true),
        "time" => {
            out.check("offerAsap", true);
            out.check("offerMorningAfternoon", true);
        }
        "select" => out.set("options", f.get("options")),
        _ => {}
    }
    out
}

// ---------------------------------------------------------------- scenarios

pub fn scenario_form(s: &Scenario) -> Form {
    let mut f = Form::default();
    f.set("id", &s.id);
    f.set("title", &s.title);
    f.set("triggers", join_lines(&s.triggers));
    f.set("response", &s.response);
    f.check("offerSchedule", s.offer_schedule);
    f
}

pub fn scenario_json(f: &Form) -> Value {
    let title = f.get("title").trim();
    let id = match f.get("id").trim() {
        "" => slug(title).replace('_', "-"),
        id => id.to_owned(),
    };
    json!({
        "id": id,
        "title": title,
        "triggers": lines(f.get("triggers")),
        "response": f.get("response").trim(),
        "offerSchedule": f.checked("offerSchedule"),
    })
}

// ---------------------------------------------------------------- consent and vocabulary

/// The discovery fields a caller must have given before the booking offer.
pub const DISCOVERY_FIELDS: [(&str, &str); 4] = [
    ("issueSummary", "what the problem is"),
    ("name", "their name"),
    ("phone", "their phone number"),
    ("address", "the service address"),
];

pub fn consent_form(c: &DiscoveryConsent) -> Form {
    let mut f = Form::default();
    f.set("consentQuestionTemplate", &c.consent_question_template);
    f.set("consentYesWords", join_lines(&c.consent_yes_words));
    f.check(
        "bookingRequiresExplicitConsent",
        c.booking_requires_explicit_consent,
    );
    f.check(
        "consentRequiresYesAfterPrompt",
        c.consent_requires_yes_after_prompt,
    );
    f.check("forceLLMDiscovery", c.force_llm_discovery);
    f.check(
        "disableScenarioAutoResponses",
        c.disable_scenario_auto_responses,
    );
    for field in &c.min_discovery_fields_before_consent {
        f.set("minDiscoveryFieldsBeforeConsent", field);
    }
    f
}

pub fn consent_json(f: &Form) -> Value {
    json!({
        "consentQuestionTemplate": f.get("consentQuestionTemplate").trim(),
        "consentYesWords": lines(f.get("consentYesWords")),
        "bookingRequiresExplicitConsent": f.checked("bookingRequiresExplicitConsent"),
        "consentRequiresYesAfterPrompt": f.checked("consentRequiresYesAfterPrompt"),
        "forceLLMDiscovery": f.checked("forceLLMDiscovery"),
        "disableScenarioAutoResponses": f.checked("disableScenarioAutoResponses"),
        "minDiscoveryFieldsBeforeConsent": f.all("minDiscoveryFieldsBeforeConsent").map(str::trim).collect::<Vec<_>>(),
    })
}

pub fn vocabulary_form(g: &VocabularyGuardrails) -> Form {
    let mut f = Form::default();
    f.set("forbiddenWords", join_lines(&g.forbidden_words));
    f.set("replacementMap", show_replacements(&g.replacement_map));
    f.set("allowedServiceNouns", join_lines(&g.allowed_service_nouns));
    f
}

pub fn vocabulary_json(f: &Form) -> Result<Value, ConfigError> {
    let map = parse_replacements(f.get("replacementMap"))
        .map_err(|r| problem("frontDeskBehavior.vocabularyGuardrails.replacementMap", r))?;
    Ok(json!({
        "forbiddenWords": lines(f.get("forbiddenWords")),
        "replacementMap": map,
        "allowedServiceNouns": lines(f.get("allowedServiceNouns")),
    }))
}

// ---------------------------------------------------------------- cadence

/// How a cadence setting is entered.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// Hours, entered as days and hours.
    Duration,
    /// A whole number of times or messages.
    Count,
}

/// One cadence setting as a sentence: `before` [the value] `after`.
pub struct Setting {
    pub key: &'static str,
    pub kind: Kind,
    pub before: &'static str,
    pub after: &'static str,
}

const fn s(key: &'static str, kind: Kind, before: &'static str, after: &'static str) -> Setting {
    Setting {
        key,
        kind,
        before,
        after,
    }
}

/// The cadence in the order of a customer's journey, each group with what it is about.
pub const JOURNEY: [(&str, &str, &[Setting]); 6] = [
    (
        "New and engaged leads",
        "A new lead gets a first message at once (within contact hours); after that, while the customer is Unaware, Aware, Engaged or Reactivated:",
        &[
            s("followUpAfterHours", Kind::Duration, "Follow up after", "of silence"),
            s("followUpsBeforeAtRisk", Kind::Count, "After", "unanswered follow-ups, the customer is At Risk"),
        ],
    ),
    (
        "Deciding",
        "While the customer is Evaluating (weighing an offer):",
        &[s("evaluatingFollowUpAfterHours", Kind::Duration, "Follow up after", "of silence, without pressure")],
    ),
    (
        "Committed",
        "When the customer commits (books, says yes):",
        &[s("committedConfirmationAfterHours", Kind::Duration, "Send the confirmation", "after they commit")],
    ),
    (
        "Active customers",
        "While the customer is Active:",
        &[s("activeCheckInAfterHours", Kind::Duration, "Check in after", "of silence")],
    ),
    (
        "At risk",
        "When follow-ups go unanswered:",
        &[
            s("atRiskReengageAfterHours", Kind::Duration, "Re-engage after", "of silence; the wait doubles after each unanswered attempt"),
            s("reengagementsBeforeDormant", Kind::Count, "After", "unanswered re-engagements, the customer is Dormant and a person is told"),
        ],
    ),
    (
        "Dormant and lost",
        "Quiet customers get a rare message; a lost one only ever gets a person's decision:",
        &[
            s("dormantReactivationAfterHours", Kind::Duration, "Try to reactivate a Dormant customer every", ""),
            s("dormantAttemptsMax", Kind::Count, "Stop after", "reactivation attempts"),
            s("lostReconsiderationAfterHours", Kind::Duration, "Ask a person to reconsider a Lost customer after", ""),
        ],
    ),
];

/// Limits on every autonomous message, whatever the customer's state.
pub const LIMITS: [Setting; 2] = [
    s(
        "maxMessagesPerWeek",
        Kind::Count,
        "At most",
        "messages to a customer in any 7 days",
    ),
    s(
        "minHoursBetweenMessages",
        Kind::Duration,
        "At least",
        "between two messages to a customer",
    ),
];

/// The templates in the order a customer meets them, with when each is sent.
pub const TEMPLATES: [(&str, &str); 10] = [
    ("initialOutreach", "First message to a new lead"),
    (
        "followUp",
        "Follow-up after the silence above (new and engaged leads)",
    ),
    (
        "evaluatingFollowUp",
        "Follow-up while the customer is deciding",
    ),
    (
        "committedConfirmation",
        "Confirmation after the customer commits",
    ),
    ("activeCheckIn", "Check-in with an active customer"),
    ("reengage", "Re-engagement of a customer at risk"),
    ("dormantReactivation", "Reactivation of a dormant customer"),
    ("helpReply", "Reply to a text that says HELP"),
    (
        "optOutConfirmation",
        "Reply to STOP: the customer is unsubscribed",
    ),
    (
        "optInConfirmation",
        "Reply to START from a customer who had opted out",
    ),
];

fn all_settings() -> impl Iterator<Item = &'static Setting> {
    JOURNEY
        .iter()
        .flat_map(|(_, _, settings)| settings.iter())
        .chain(LIMITS.iter())
}

pub fn cadence_form(care: &CareSettings) -> Form {
    let v = serde_json::to_value(care).unwrap_or_default();
    let mut f = Form::default();
    for st in all_settings() {
        let n = v[st.key].as_u64().unwrap_or(0) as u32;
        match st.kind {
            Kind::Duration => {
                let (d, h) = split_hours(n);
                f.set(&format!("{}.days", st.key), d.to_string());
                f.set(&format!("{}.hours", st.key), h.to_string());
            }
            Kind::Count => f.set(st.key, n.to_string()),
        }
    }
    f.set("quietHoursEnd", clock(care.quiet_hours_end));
    f.set("quietHoursStart", clock(care.quiet_hours_start));
    for (key, _) in TEMPLATES {
        f.set(
            &format!("templates.{key}"),
            v["templates"][key].as_str().unwrap_or(""),
        );
    }
    f
}

/// The cadence form over the configuration's `care` object. Errors name the setting.
pub fn apply_cadence(f: &Form, care: &mut Value) -> Result<(), ConfigError> {
    for st in all_settings() {
        let field = format!("care.{}", st.key);
        let n = match st.kind {
            Kind::Duration => join_hours(
                f.get(&format!("{}.days", st.key)),
                f.get(&format!("{}.hours", st.key)),
            ),
            Kind::Count => {
                let raw = f.get(st.key).trim();
                raw.parse::<u32>()
                    .map_err(|_| format!("{raw:?} is not a whole number"))
            }
        }
        .map_err(|r| problem(&field, r))?;
        care[st.key] = n.into();
    }
    for key in ["quietHoursEnd", "quietHoursStart"] {
        let h = parse_clock(f.get(key)).map_err(|r| problem(format!("care.{key}"), r))?;
        care[key] = h.into();
    }
    for (key, _) in TEMPLATES {
        care["templates"][key] = f.get(&format!("templates.{key}")).trim().into();
    }
    Ok(())
}

// ---------------------------------------------------------------- company

/// The write-only fields: never shown, kept when left empty.
const SECRETS: [&str; 2] = ["twilio.authToken", "systemOfRecord.signingSecret"];

pub fn company_form(c: &Company) -> Form {
    let mut f = Form::default();
    f.set("name", &c.name);
    f.set("timezone", &c.timezone);
    f.set("country", c.country.clone().unwrap_or_default());
    f.set(
        "transferNumber",
        c.transfer_number
            .as_ref()
            .map(|n| n.as_str().to_owned())
            .unwrap_or_default(),
    );
    if let Some(t) = &c.twilio {
        f.set("twilio.accountSid", t.account_sid.as_str());
        f.set(
            "twilio.fromNumber",
            t.from_number
                .as_ref()
                .map(|n| n.as_str().to_owned())
                .unwrap_or_default(),
        );
    }
    if let Some(s) = &c.system_of_record {
        f.set("systemOfRecord.webhookUrl", s.webhook_url.as_str());
    }
    f
}

/// A phone number typed the way people write it, in E.164 when it reads as one in the
/// company's country (otherwise as typed: the service says what is wrong with it).
fn e164_or_raw(raw: &str, company: &Company) -> String {
    let raw = raw.trim();
    if raw.is_empty() {
        return String::new();
    }
    company.e164(raw).unwrap_or_else(|| raw.to_owned())
}

/// The company form over the configuration. An empty secret is left out (the service keeps
/// the stored one); an integration with every field empty is turned off.
pub fn apply_company(f: &Form, v: &mut Value, company: &Company) {
    v["name"] = f.get("name").trim().into();
    v["timezone"] = f.get("timezone").trim().into();
    let country = f.get("country").trim().to_ascii_uppercase();
    set_or_remove(v, "country", &country);
    set_or_remove(
        v,
        "transferNumber",
        &e164_or_raw(f.get("transferNumber"), company),
    );
    let (sid, from, token) = (
        f.get("twilio.accountSid").trim(),
        f.get("twilio.fromNumber"),
        f.get("twilio.authToken").trim(),
    );
    if let Some(obj) = v.as_object_mut() {
        if sid.is_empty() && from.trim().is_empty() && token.is_empty() {
            obj.remove("twilio");
        } else {
            let mut t = json!({"accountSid": sid});
            set_or_remove(&mut t, "fromNumber", &e164_or_raw(from, company));
            set_or_remove(&mut t, "authToken", token);
            obj.insert("twilio".into(), t);
        }
        let (url, secret) = (
            f.get("systemOfRecord.webhookUrl").trim(),
            f.get("systemOfRecord.signingSecret").trim(),
        );
        if url.is_empty() && secret.is_empty() {
            obj.remove("systemOfRecord");
        } else {
            let mut s = json!({"webhookUrl": url});
            set_or_remove(&mut s, "signingSecret", secret);
            obj.insert("systemOfRecord".into(), s);
        }
    }
}

/// The IANA zones the time-zone field suggests.
static ZONES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let regions = [
        "Africa/",
        "America/",
        "Antarctica/",
        "Asia/",
        "Atlantic/",
        "Australia/",
        "Europe/",
        "Indian/",
        "Pacific/",
    ];
    let mut zones: Vec<String> = jiff::tz::db()
        .available()
        .map(|n| n.to_string())
        .filter(|n| regions.iter().any(|r| n.starts_with(r)) || n == "UTC")
        .collect();
    zones.sort();
    zones.dedup();
    zones
});

// ---------------------------------------------------------------- saving

/// Only owners change the configuration (every console user is the owner until accounts
/// with roles arrive).
fn owner_only(op: &ConsoleSession) -> Result<(), Page> {
    if op.role < Role::Owner {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            "Only the company's owner can change the configuration.",
        )
        .titled("Owners only")
        .into());
    }
    Ok(())
}

/// A configuration form as posted: CSRF checked, the operator allowed to change it.
fn posted(op: &ConsoleSession, body: &str) -> Result<Form, Page> {
    let pairs: Vec<(String, String)> = parse_form(body)?;
    let form = Form(pairs);
    check_csrf(op, form.get("csrf"))?;
    owner_only(op)?;
    Ok(Form(
        form.0.into_iter().filter(|(k, _)| k != "csrf").collect(),
    ))
}

/// Apply `edit` to the stored configuration and save it through the service, as `op`.
/// `Ok(Err(_))`: refused, with the field.
async fn save(
    state: &AppState,
    op: &ConsoleSession,
    edit: impl FnOnce(&mut Value, &Company) -> Result<(), ConfigError>,
) -> Result<Result<(), ConfigError>, Page> {
    let company = state.service.company(&op.company).await?;
    // Without its secrets (they never serialize): the service keeps the stored ones.
    let mut value = company.public_json();
    if let Err(e) = edit(&mut value, &company) {
        return Ok(Err(e));
    }
    match state
        .service
        .put_company_json(&value.to_string(), &op.actor, Timestamp::now())
        .await
    {
        Ok(_) => Ok(Ok(())),
        Err(ServiceError::Config(e)) => Ok(Err(e)),
        Err(e) => Err(e.into()),
    }
}

/// Which form on a page was refused, what it held and why.
struct Failure {
    /// The form's identity on its page ("company", a slot's id, "add", …).
    target: String,
    form: Form,
    error: ConfigError,
    /// The error's field relative to this form, when it names one of its fields.
    key: Option<String>,
}

impl Failure {
    fn new(target: impl Into<String>, form: Form, error: ConfigError, prefix: &str) -> Self {
        let key = relative(&error.field, prefix);
        Failure {
            target: target.into(),
            form: form.without(&SECRETS),
            error,
            key,
        }
    }
    /// A refusal that is about no form's field (a move, a removal).
    fn banner(error: ConfigError) -> Self {
        Failure {
            target: String::new(),
            form: Form::default(),
            error,
            key: None,
        }
    }
    /// The form and field error for the form `target`, or the stored values.
    fn for_form<'a>(
        failure: Option<&'a Failure>,
        target: &str,
        stored: Form,
    ) -> (Form, Option<(&'a str, &'a str)>) {
        match failure {
            Some(f) if f.target == target => (
                f.form.clone(),
                f.key.as_deref().map(|k| (k, f.error.reason.as_str())),
            ),
            _ => (stored, None),
        }
    }
}

/// `field` relative to `prefix` ("frontDeskBehavior.bookingSlots[2]"), if it is inside it.
pub fn relative(field: &str, prefix: &str) -> Option<String> {
    if prefix.is_empty() {
        return Some(field.to_owned());
    }
    let rest = field.strip_prefix(prefix)?;
    match rest.strip_prefix('.') {
        Some(r) => Some(r.to_owned()),
        None if rest.is_empty() => Some(String::new()),
        None => None,
    }
}

/// Whether an error at relative `key` belongs to the input `name` ("options[1]" → "options").
fn names(key: &str, name: &str) -> bool {
    key == name
        || key
            .strip_prefix(name)
            .is_some_and(|r| r.starts_with('.') || r.starts_with('['))
}

fn saved_to(path: &str, what: &str, anchor: &str) -> Response {
    let q = serde_urlencoded::to_string([("saved", what)]).unwrap_or_default();
    Redirect::to(&format!("{path}?{q}{anchor}")).into_response()
}

/// Back to a list with the item just changed open for more edits.
fn saved_open(path: &str, what: &str, open: &str, anchor: &str) -> Response {
    let q = serde_urlencoded::to_string([("saved", what), ("open", open)]).unwrap_or_default();
    Redirect::to(&format!("{path}?{q}{anchor}")).into_response()
}

#[derive(Deserialize, Default)]
struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
    /// The list item to show open (the one just saved).
    #[serde(default)]
    open: Option<String>,
}

/// What a redirect after a save says (only these words: nothing from the query is shown).
fn saved_message(what: Option<&str>) -> Option<Markup> {
    let text = match what? {
        "company" => "Company settings saved.",
        "slot" => "Slot saved. New calls ask it this way now.",
        "slot-added" => "Slot added at the end; move it where it belongs.",
        "slot-moved" => "Slot moved. New calls ask in this order.",
        "slot-removed" => "Slot removed.",
        "scenario" => "Scenario saved.",
        "scenario-added" => "Scenario added.",
        "scenario-removed" => "Scenario removed.",
        "consent" => "Consent saved.",
        "vocabulary" => "Vocabulary saved.",
        "cadence" => "Cadence saved. Hands-Off Mode uses it from now on.",
        "origins" => "Web chat origins saved.",
        _ => return None,
    };
    Some(html! { p.ok #saved role="status" { (text) } })
}

fn refused(failure: &Failure) -> Markup {
    html! {
        div.card #config-error role="alert" {
            p.error { "Not saved." }
            p { code { (failure.error.field) } ": " (failure.error.reason) }
            p.muted { "What you entered is still in the form; fix the field and save again." }
        }
    }
}

// ---------------------------------------------------------------- rendering

const CONFIG_STYLE: &str = r#"
nav.sections { display: flex; flex-wrap: wrap; gap: .3rem 1rem; margin: 0 0 1rem; padding-bottom: .5rem; border-bottom: 1px solid var(--line); }
nav.sections a[aria-current=page] { font-weight: 700; color: var(--ink); text-decoration: none; }
label.check { display: flex; gap: .5rem; align-items: baseline; font-weight: 400; }
label.check input { flex: none; }
.setting { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem .5rem; margin: .6rem 0; }
.setting label { display: inline; margin: 0; font-weight: 400; }
.setting input[type=number] { width: 5.5rem; padding: .3rem; font: inherit; border: 1px solid var(--line); border-radius: 4px; }
.setting select { width: auto; }
.hint { margin: .1rem 0 .3rem; }
.field-error { margin: .2rem 0; }
[aria-invalid=true] { border-color: var(--warn) !important; outline: 1px solid var(--warn); }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.actions form { display: inline; }
#config-error code { overflow-wrap: anywhere; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: .8rem 0; padding: .4rem .8rem; min-width: 0; }
legend { font-weight: 600; }
.actions button:not(.danger) { background: white; color: var(--accent); }
.actions button:disabled { opacity: .4; cursor: default; }
details.edit > summary { cursor: pointer; color: var(--accent); margin: .3rem 0; }
article.slot h2, article.scenario h2 { margin: .2rem 0; }
"#;

/// The sections of the configuration, as a navigation between their pages.
const PAGES: [(&str, &str); 6] = [
    ("/console/config", "Company"),
    ("/console/config/slots", "Booking slots"),
    ("/console/config/scenarios", "Scenarios"),
    ("/console/config/consent", "Consent and vocabulary"),
    ("/console/config/cadence", "Hands-Off cadence"),
    ("/console/config/web-chat", "Web chat"),
];

fn page(op: &ConsoleSession, path: &str, message: Option<Markup>, body: Markup) -> Markup {
    let title = PAGES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, t)| format!("Configuration: {t}"))
        .unwrap_or_else(|| "Configuration".into());
    layout(
        op,
        &title,
        html! {
            style { (PreEscaped(CONFIG_STYLE)) }
            nav.sections aria-label="Configuration sections" {
                @for (p, t) in PAGES {
                    a href=(p) aria-current=[(p == path).then_some("page")] { (t) }
                }
            }
            @if let Some(m) = message { (m) }
            (body)
        },
    )
}

/// Inputs of one form: values from `form`, ids under `prefix`, the error on its field.
struct Fields<'a> {
    form: &'a Form,
    prefix: String,
    error: Option<(&'a str, &'a str)>,
}

impl Fields<'_> {
    fn id(&self, name: &str) -> String {
        format!("{}{}", self.prefix, name.replace(['.', '[', ']'], "-"))
    }
    fn error(&self, name: &str) -> Option<&str> {
        self.error
            .filter(|(key, _)| names(key, name))
            .map(|(_, reason)| reason)
    }
    fn after(&self, name: &str, hint: &str) -> Markup {
        let id = self.id(name);
        html! {
            @if !hint.is_empty() { p.muted.small.hint id={(id) "-hint"} { (hint) } }
            @if let Some(e) = self.error(name) { p.error.small.field-error id={(id) "-error"} { (e) } }
        }
    }
    fn described(&self, name: &str, hint: &str) -> Option<String> {
        let id = self.id(name);
        let mut ids = Vec::new();
        if !hint.is_empty() {
            ids.push(format!("{id}-hint"));
        }
        if self.error(name).is_some() {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
    fn invalid(&self, name: &str) -> Option<&'static str> {
        self.error(name).map(|_| "true")
    }
    fn text(&self, name: &str, label: &str, hint: &str) -> Markup {
        self.text_with(name, label, hint, "")
    }
    fn text_with(&self, name: &str, label: &str, hint: &str, placeholder: &str) -> Markup {
        let id = self.id(name);
        html! {
            label for=(id) { (label) }
            input id=(id) name=(name) type="text" value=(self.form.get(name))
                placeholder=[(!placeholder.is_empty()).then_some(placeholder)]
                aria-describedby=[self.described(name, hint)] aria-invalid=[self.invalid(name)];
            (self.after(name, hint))
        }
    }
    fn area(&self, name: &str, label: &str, hint: &str, rows: usize) -> Markup {
        let id = self.id(name);
        html! {
            label for=(id) { (label) }
            textarea id=(id) name=(name) rows=(rows) spellcheck="false"
                aria-describedby=[self.described(name, hint)] aria-invalid=[self.invalid(name)] { (self.form.get(name)) }
            (self.after(name, hint))
        }
    }
    fn check(&self, name: &str, label: &str) -> Markup {
        let id = self.id(name);
        html! {
            label.check for=(id) {
                input id=(id) name=(name) type="checkbox" checked[self.form.checked(name)] aria-invalid=[self.invalid(name)];
                span { (label) }
            }
            (self.after(name, ""))
        }
    }
    fn select(&self, name: &str, label: &str, options: &[(&str, &str)], hint: &str) -> Markup {
        let id = self.id(name);
        let current = self.form.get(name);
        let known = options.iter().any(|(v, _)| *v == current);
        html! {
            label for=(id) { (label) }
            select id=(id) name=(name) aria-describedby=[self.described(name, hint)] aria-invalid=[self.invalid(name)] {
                @if !known { option value=(current) selected { (current) } }
                @for (v, words) in options { option value=(v) selected[*v == current] { (words) } }
            }
            (self.after(name, hint))
        }
    }
}

// ---------------------------------------------------------------- company page

async fn company_page(
    State(state): State<AppState>,
    Query(q): Query<SavedQuery>,
    op: ConsoleSession,
) -> PageResult {
    let company = state.service.company(&op.company).await?;
    Ok(company_view(&op, &company, None, saved_message(q.saved.as_deref())).into_response())
}

fn secret_state(id: &str, set: bool) -> Markup {
    html! {
        span id=(id) class={"pill " (if set { "ok-pill" } else { "warn-pill" })} { (if set { "set" } else { "not set" }) }
    }
}

fn company_view(
    op: &ConsoleSession,
    company: &Company,
    failure: Option<&Failure>,
    message: Option<Markup>,
) -> Markup {
    let (form, error) = Failure::for_form(failure, "company", company_form(company));
    let f = Fields {
        form: &form,
        prefix: "company-".into(),
        error,
    };
    let token_set = company
        .twilio
        .as_ref()
        .is_some_and(|t| t.auth_token.is_some());
    let secret_set = company
        .system_of_record
        .as_ref()
        .is_some_and(|s| s.signing_secret.is_some());
    let message = failure.map(refused).or(message);
    let json = serde_json::to_string_pretty(&company.public_json()).unwrap_or_default();
    page(
        op,
        "/console/config",
        message,
        html! {
            form.card #company-form method="post" action="/console/config" autocomplete="off" {
                (csrf_field(op))
                h2 { "Company" }
                (f.text("name", "Company name", "How AiSHA names the business to callers ({company} in messages)."))
                label for="company-timezone" { "Time zone" }
                input id="company-timezone" name="timezone" type="text" list="zones" value=(form.get("timezone"))
                    aria-describedby=[f.described("timezone", "An IANA zone such as America/Chicago: contact hours and every time in the console use it.")]
                    aria-invalid=[f.invalid("timezone")];
                datalist #zones { @for z in ZONES.iter() { option value=(z) {} } }
                (f.after("timezone", "An IANA zone such as America/Chicago: contact hours and every time in the console use it."))
                (f.text("country", "Country", "Two letters (US, CA, GB): phone numbers without a country code are read in it. Empty is US."))
                (f.text_with("transferNumber", "Transfer number", "Where a caller who asks for a person is transferred. Empty: a callback is promised instead.", "+15125550100"))
                fieldset {
                    legend { "Twilio (calls and texts)" }
                    (f.text_with("twilio.accountSid", "Account SID", "AC and 32 hexadecimal digits, from the Twilio console. Leave every Twilio field empty to turn Twilio off.", "AC…"))
                    (f.text_with("twilio.fromNumber", "Phone number", "The Twilio number texts are sent from.", "+15125550100"))
                    label for="company-twilio-authToken" { "Auth token " (secret_state("twilio-token-state", token_set)) }
                    input id="company-twilio-authToken" name="twilio.authToken" type="password" value="" autocomplete="new-password"
                        aria-describedby=[f.described("twilio.authToken", "Write-only: never shown again. Leave it empty to keep the stored token.")]
                        aria-invalid=[f.invalid("twilio.authToken")];
                    (f.after("twilio.authToken", "Write-only: never shown again. Leave it empty to keep the stored token."))
                }
                fieldset {
                    legend { "System of record (your CRM or job software)" }
                    (f.text_with("systemOfRecord.webhookUrl", "Webhook URL", "AiSHA posts completed bookings, escalations and state changes here (https). Leave both fields empty to turn it off.", "https://crm.example.com/aisha"))
                    label for="company-systemOfRecord-signingSecret" { "Signing secret " (secret_state("sor-secret-state", secret_set)) }
                    input id="company-systemOfRecord-signingSecret" name="systemOfRecord.signingSecret" type="password" value="" autocomplete="new-password"
                        aria-describedby=[f.described("systemOfRecord.signingSecret", "Write-only: 32 or more characters; each webhook is signed with it. Leave it empty to keep the stored secret.")]
                        aria-invalid=[f.invalid("systemOfRecord.signingSecret")];
                    (f.after("systemOfRecord.signingSecret", "Write-only: 32 or more characters; each webhook is signed with it. Leave it empty to keep the stored secret."))
                }
                button type="submit" { "Save company settings" }
            }
            details.card #config-json {
                summary { "Configuration as JSON (read-only; secrets are never shown)" }
                pre { code { (json) } }
            }
        },
    )
}

async fn save_company(
    State(state): State<AppState>,
    op: ConsoleSession,
    body: String,
) -> PageResult {
    let form = posted(&op, &body)?;
    let result = save(&state, &op, |v, c| {
        apply_company(&form, v, c);
        Ok(())
    })
    .await?;
    match result {
        Ok(()) => Ok(saved_to("/console/config", "company", "")),
        Err(e) => {
            let failure = Failure::new("company", form, e, "");
            show_refused(&state, &op, |c| company_view(&op, c, Some(&failure), None)).await
        }
    }
}

// ---------------------------------------------------------------- slots page

async fn slots_page(
    State(state): State<AppState>,
    Query(q): Query<SavedQuery>,
    op: ConsoleSession,
) -> PageResult {
    let company = state.service.company(&op.company).await?;
    let message = saved_message(q.saved.as_deref());
    Ok(slots_view(&op, &company, None, message, q.open.as_deref()).into_response())
}

/// An HTML id for a slot's card.
fn anchor(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

fn slot_fields(f: &Fields) -> Markup {
    let kind = f.form.get("type");
    html! {
        (f.select("type", "Type", &SLOT_TYPES, "Name, phone, address and time are built in (one each); text and select slots are your own."))
        (f.text("id", "Id", "Built-in slots use their type as id (name, phone, address, time); your own start with custom_."))
        (f.text("label", "Label", "How the slot is named on the console and in corrections (\"your service address\")."))
        (f.text("question", "Question", "The exact words the receptionist says to ask for it."))
        (f.check("required", "Required: the booking is not complete without it"))
        (f.check("confirmBack", "Read the answer back for the caller to confirm"))
        (f.text_with("confirmPrompt", "Read-back prompt", "Must contain {value}. Empty: the default.", "Got it, {value}. Did I get that right?"))
        @match kind {
            "name" => {
                (f.check("nameOptions.askFullName", "Ask for the full name (first and last)"))
                (f.check("nameOptions.useFirstNameOnly", "Use only the first name when speaking to the caller"))
                (f.check("nameOptions.askOnceForMissingPart", "Ask once for a missing first or last name"))
                (f.select("nameOptions.defaultAssumeSingleTokenAs", "A single word is taken as the", &[("last", "last name"), ("first", "first name")], ""))
            }
            "phone" => {
                (f.check("offerCallerId", "Offer the number the caller is calling from"))
                (f.text_with("callerIdPrompt", "Caller-ID prompt", "Must contain {value} (the number). Empty: the default.", "Is {value} the best number to reach you?"))
            }
            "time" => {
                (f.check("offerAsap", "Offer \"as soon as possible\""))
                (f.check("offerMorningAfternoon", "Offer morning or afternoon"))
                (f.text_with("asapPhrase", "How \"as soon as possible\" is said back", "Used in the completion message's {time}. Empty: the default.", "as soon as possible"))
            }
            "select" => {
                (f.area("options", "Options, one per line", "The answers the caller can choose from.", 4))
            }
            _ => {}
        }
    }
}

fn slots_view(
    op: &ConsoleSession,
    company: &Company,
    failure: Option<&Failure>,
    message: Option<Markup>,
    open: Option<&str>,
) -> Markup {
    let slots = &company.front_desk_behavior.booking_slots;
    let n = slots.len();
    let message = failure.map(refused).or(message);
    let (add, add_error) = Failure::for_form(failure, "add", Form::default());
    let add_fields = Fields {
        form: &add,
        prefix: "add-slot-".into(),
        error: add_error,
    };
    page(
        op,
        "/console/config/slots",
        message,
        html! {
            p.muted { "In BOOKING the receptionist asks for these, in this order, in exactly these words. Each change is checked and saved on its own." }
            ol.slots style="padding-left:1.2rem" {
                @for (i, slot) in slots.iter().enumerate() {
                    @let (form, error) = Failure::for_form(failure, &slot.id, slot_form(slot));
                    @let f = Fields { form: &form, prefix: format!("slot{i}-"), error };
                    li {
                        @let editing = failure.is_some_and(|x| x.target == slot.id) || open == Some(slot.id.as_str());
                        article.card.slot id={"slot-" (anchor(&slot.id))} data-slot=(slot.id) {
                            h2 { (if slot.label.is_empty() { slot.id.as_str() } else { slot.label.as_str() }) " " span.pill { (slot_type_str(slot.slot_type)) } }
                            p { "“" (slot.question) "” " span.muted.small { (if slot.required { "required" } else { "optional" }) } }
                            details.edit open[editing] {
                                summary { "Edit every field" }
                                form.slot-form method="post" action="/console/config/slots/save" {
                                    (csrf_field(op))
                                    input type="hidden" name="original" value=(slot.id);
                                    (slot_fields(&f))
                                    button type="submit" { "Save this slot" }
                                }
                            }
                            div.actions {
                                form method="post" action="/console/config/slots/move" {
                                    (csrf_field(op))
                                    input type="hidden" name="slot" value=(slot.id);
                                    input type="hidden" name="direction" value="up";
                                    button.move-up type="submit" disabled[i == 0] { "Move up" }
                                }
                                form method="post" action="/console/config/slots/move" {
                                    (csrf_field(op))
                                    input type="hidden" name="slot" value=(slot.id);
                                    input type="hidden" name="direction" value="down";
                                    button.move-down type="submit" disabled[i + 1 == n] { "Move down" }
                                }
                                form method="post" action="/console/config/slots/remove" {
                                    (csrf_field(op))
                                    input type="hidden" name="slot" value=(slot.id);
                                    button.danger.remove type="submit" { "Remove" }
                                }
                            }
                        }
                    }
                }
            }
            form.card #add-slot method="post" action="/console/config/slots/add" {
                (csrf_field(op))
                h2 { "Add a slot" }
                (add_fields.select("type", "Type", &SLOT_TYPES, "Name, phone, address and time are built in (one each); text and select slots are your own."))
                (add_fields.text("label", "Label", ""))
                (add_fields.text("question", "Question", "The exact words the receptionist says to ask for it."))
                (add_fields.text("id", "Id (optional)", "Empty: the type for built-in slots, custom_ and the label for your own."))
                (add_fields.area("options", "Options, one per line (select slots only)", "", 3))
                button type="submit" { "Add the slot" }
            }
        },
    )
}

/// The configuration's slots, for an edit.
fn slots_of(v: &mut Value) -> Result<&mut Vec<Value>, ConfigError> {
    v.pointer_mut("/frontDeskBehavior/bookingSlots")
        .and_then(Value::as_array_mut)
        .ok_or_else(|| problem("frontDeskBehavior.bookingSlots", "missing"))
}

/// The stored order is the list's order: 1, 2, 3…
fn renumber(slots: &mut [Value]) {
    for (i, s) in slots.iter_mut().enumerate() {
        s["order"] = (i as i64 + 1).into();
    }
}

fn position(slots: &[Value], id: &str, field: &str) -> Result<usize, ConfigError> {
    slots
        .iter()
        .position(|s| s["id"] == id)
        .ok_or_else(|| problem(field, format!("there is no slot {id:?} any more (someone else changed the configuration); reload the page")))
}

/// A refused save: the section's page again, as stored, with what was wrong and what the
/// owner typed (422).
async fn show_refused(
    state: &AppState,
    op: &ConsoleSession,
    view: impl FnOnce(&Company) -> Markup,
) -> PageResult {
    let company = state.service.company(&op.company).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, view(&company)).into_response())
}

async fn slot_refused(state: &AppState, op: &ConsoleSession, failure: Failure) -> PageResult {
    show_refused(state, op, |c| slots_view(op, c, Some(&failure), None, None)).await
}

const SLOTS: &str = "frontDeskBehavior.bookingSlots";

async fn save_slot(State(state): State<AppState>, op: ConsoleSession, body: String) -> PageResult {
    let form = posted(&op, &body)?;
    let original = form.get("original").to_owned();
    let mut at = 0;
    let result = save(&state, &op, |v, _| {
        let slots = slots_of(v)?;
        at = position(slots, &original, SLOTS)?;
        slots[at] = slot_json(&form, at as i64 + 1);
        renumber(slots);
        Ok(())
    })
    .await?;
    match result {
        Ok(()) => Ok(saved_open(
            "/console/config/slots",
            "slot",
            form.get("id").trim(),
            &format!("#slot-{}", anchor(form.get("id").trim())),
        )),
        Err(e) => {
            let prefix = format!("{SLOTS}[{at}]");
            slot_refused(&state, &op, Failure::new(original, form, e, &prefix)).await
        }
    }
}

async fn add_slot(State(state): State<AppState>, op: ConsoleSession, body: String) -> PageResult {
    let form = posted(&op, &body)?;
    let new = new_slot_form(&form);
    let mut at = 0;
    let result = save(&state, &op, |v, _| {
        let slots = slots_of(v)?;
        at = slots.len();
        slots.push(slot_json(&new, at as i64 + 1));
        renumber(slots);
        Ok(())
    })
    .await?;
    match result {
        Ok(()) => Ok(saved_open(
            "/console/config/slots",
            "slot-added",
            new.get("id"),
            &format!("#slot-{}", anchor(new.get("id"))),
        )),
        Err(e) => {
            let prefix = format!("{SLOTS}[{at}]");
            slot_refused(&state, &op, Failure::new("add", form, e, &prefix)).await
        }
    }
}

async fn move_slot(State(state): State<AppState>, op: ConsoleSession, body: String) -> PageResult {
    let form = posted(&op, &body)?;
    let id = form.get("slot").to_owned();
    let up = match form.get("direction") {
        "up" => true,
        "down" => false,
        other => {
            return Err(AppError::bad_request(format!(
                "direction: {other:?} is neither up nor down"
            ))
            .into())
        }
    };
    let result = save(&state, &op, |v, _| {
        let slots = slots_of(v)?;
        let i = position(slots, &id, SLOTS)?;
        let j = if up { i.checked_sub(1) } else { Some(i + 1) }
            .filter(|j| *j < slots.len())
            .ok_or_else(|| {
                problem(
                    SLOTS,
                    format!("{id:?} is already {}", if up { "first" } else { "last" }),
                )
            })?;
        slots.swap(i, j);
        renumber(slots);
        Ok(())
    })
    .await?;
    match result {
        Ok(()) => Ok(saved_open(
            "/console/config/slots",
            "slot-moved",
            &id,
            &format!("#slot-{}", anchor(&id)),
        )),
        Err(e) => slot_refused(&state, &op, Failure::banner(e)).await,
    }
}

async fn remove_slot(
    State(state): State<AppState>,
    op: ConsoleSession,
    body: String,
) -> PageResult {
    let form = posted(&op, &body)?;
    let id = form.get("slot").to_owned();
    let result = save(&state, &op, |v, _| {
        let slots = slots_of(v)?;
        let i = position(slots, &id, SLOTS)?;
        slots.remove(i);
        renumber(slots);
        Ok(())
    })
    .await?;
    match result {
        Ok(()) => Ok(saved_to("/console/config/slots", "slot-removed", "")),
        Err(e) => slot_refused(&state, &op, Failure::banner(e)).await,
    }
}

// ---------------------------------------------------------------- scenarios page

async fn scenarios_page(
    State(state): State<AppState>,
    Query(q): Query<SavedQuery>,
    op: ConsoleSession,
) -> PageResult {
    let company = state.service.company(&op.company).await?;
    let message = saved_message(q.saved.as_deref());
    Ok(scenarios_view(&op, &company, None, message, q.open.as_deref()).into_response())
}

fn scenario_fields(f: &Fields) -> Markup {
    html! {
        (f.text("title", "Title", "What the situation is, for you (\"AC not cooling\")."))
        (f.area("triggers", "Triggers, one per line", "Words or phrases a caller says that bring this scenario up.", 4))
        (f.area("response", "Response", "What the receptionist knows and may say about it. Never a price: pricing goes to a person.", 3))
        (f.check("offerSchedule", "Offer to book an appointment after it"))
        (f.text("id", "Id", "A short name for the scenario; empty: made from the title."))
    }
}

fn scenarios_view(
    op: &ConsoleSession,
    company: &Company,
    failure: Option<&Failure>,
    message: Option<Markup>,
    open: Option<&str>,
) -> Markup {
    let message = failure.map(refused).or(message);
    let (add, add_error) = Failure::for_form(failure, "add", {
        let mut f = Form::default();
        f.check("offerSchedule", true);
        f
    });
    let add_fields = Fields {
        form: &add,
        prefix: "add-scenario-".into(),
        error: add_error,
    };
    page(
        op,
        "/console/config/scenarios",
        message,
        html! {
            p.muted { "What the front desk knows about the situations callers describe. In DISCOVERY the receptionist uses the scenario whose trigger the caller's words match." }
            @if company.scenarios.is_empty() { p #no-scenarios { "No scenarios yet." } }
            @for (i, sc) in company.scenarios.iter().enumerate() {
                @let target = format!("scenario-{i}");
                @let (form, error) = Failure::for_form(failure, &target, scenario_form(sc));
                @let f = Fields { form: &form, prefix: format!("scenario{i}-"), error };
                @let editing = failure.is_some_and(|x| x.target == target) || open == Some(target.as_str());
                article.card.scenario id=(target) data-scenario=(sc.id) {
                    h2 { (if sc.title.is_empty() { sc.id.as_str() } else { sc.title.as_str() }) }
                    p.muted.small { "Triggers: " (sc.triggers.join(" · ")) }
                    details.edit open[editing] {
                        summary { "Edit every field" }
                        form method="post" action="/console/config/scenarios/save" {
                            (csrf_field(op))
                            input type="hidden" name="index" value=(i);
                            input type="hidden" name="original" value=(sc.id);
                            (scenario_fields(&f))
                            button type="submit" { "Save this scenario" }
                        }
                    }
                    div.actions {
                        form method="post" action="/console/config/scenarios/remove" {
                            (csrf_field(op))
                            input type="hidden" name="index" value=(i);
                            input type="hidden" name="original" value=(sc.id);
                            button.danger.remove type="submit" { "Remove" }
                        }
                    }
                }
            }
            form.card #add-scenario method="post" action="/console/config/scenarios/add" {
                (csrf_field(op))
                h2 { "Add a scenario" }
                (scenario_fields(&add_fields))
                button type="submit" { "Add the scenario" }
            }
        },
    )
}

fn scenarios_of(v: &mut Value) -> &mut Vec<Value> {
    if !v["scenarios"].is_array() {
        v["scenarios"] = json!([]);
    }
    v["scenarios"].as_array_mut().expect("an array")
}

/// The scenario the form was made for: same position, same id.
fn scenario_at(list: &[Value], form: &Form) -> Result<usize, ConfigError> {
    let i: usize = form.get("index").parse().unwrap_or(usize::MAX);
    match list.get(i) {
        Some(s) if s["id"] == form.get("original") => Ok(i),
        _ => Err(problem(
            "scenarios",
            "this scenario changed since the page was loaded (someone else edited the configuration); reload the page",
        )),
    }
}

async fn scenario_refused(state: &AppState, op: &ConsoleSession, failure: Failure) -> PageResult {
    show_refused(state, op, |c| {
        scenarios_view(op, c, Some(&failure), None, None)
    })
    .await
}

async fn save_scenario(
    State(state): State<AppState>,
    op: ConsoleSession,
    body: String,
) -> PageResult {
    let form = posted(&op, &body)?;
    let mut at = usize::MAX;
    let result = save(&state, &op, |v, _| {
        let list = scenarios_of(v);
        at = scenario_at(list, &form)?;
        list[at] = scenario_json(&form);
        Ok(())
    })
    .await?;
    match result {
        Ok(()) => Ok(saved_open(
            "/console/config/scenarios",
            "scenario",
            &format!("scenario-{at}"),
            &format!("#scenario-{at}"),
        )),
        Err(e) => {
            let target = format!("scenario-{}", form.get("index"));
            let prefix = format!("scenarios[{at}]");
            scenario_refused(&state, &op, Failure::new(target, form, e, &prefix)).await
        }
    }
}

async fn add_scenario(
    State(state): State<AppState>,
    op: ConsoleSession,
    body: String,
) -> PageResult {
    let form = posted(&op, &body)?;
    let mut at = 0;
    let result = save(&state, &op, |v, _| {
        let list = scenarios_of(v);
        at = list.len();
        list.push(scenario_json(&form));
        Ok(())
    })
    .await?;
    match result {
        Ok(()) => Ok(saved_open(
            "/console/config/scenarios",
            "scenario-added",
            &format!("scenario-{at}"),
            &format!("#scenario-{at}"),
        )),
        Err(e) => {
            let prefix = format!("scenarios[{at}]");
            scenario_refused(&state, &op, Failure::new("add", form, e, &prefix)).await
        }
    }
}

async fn remove_scenario(
    State(state): State<AppState>,
    op: ConsoleSession,
    body: String,
) -> PageResult {
    let form = posted(&op, &body)?;
    let result = save(&state, &op, |v, _| {
        let list = scenarios_of(v);
        let at = scenario_at(list, &form)?;
        list.remove(at);
        Ok(())
    })
    .await?;
    match result {
        Ok(()) => Ok(saved_to(
            "/console/config/scenarios",
            "scenario-removed",
            "",
        )),
        Err(e) => scenario_refused(&state, &op, Failure::banner(e)).await,
    }
}

// ---------------------------------------------------------------- consent and vocabulary page

async fn words_page(
    State(state): State<AppState>,
    Query(q): Query<SavedQuery>,
    op: ConsoleSession,
) -> PageResult {
    let company = state.service.company(&op.company).await?;
    Ok(words_view(&op, &company, None, saved_message(q.saved.as_deref())).into_response())
}

const CONSENT: &str = "frontDeskBehavior.discoveryConsent";
const VOCABULARY: &str = "frontDeskBehavior.vocabularyGuardrails";

fn words_view(
    op: &ConsoleSession,
    company: &Company,
    failure: Option<&Failure>,
    message: Option<Markup>,
) -> Markup {
    let fdb = &company.front_desk_behavior;
    let message = failure.map(refused).or(message);
    let (consent, consent_error) =
        Failure::for_form(failure, "consent", consent_form(&fdb.discovery_consent));
    let c = Fields {
        form: &consent,
        prefix: "consent-".into(),
        error: consent_error,
    };
    let (vocabulary, vocabulary_error) = Failure::for_form(
        failure,
        "vocabulary",
        vocabulary_form(&fdb.vocabulary_guardrails),
    );
    let g = Fields {
        form: &vocabulary,
        prefix: "vocabulary-".into(),
        error: vocabulary_error,
    };
    let chosen: Vec<&str> = consent.all("minDiscoveryFieldsBeforeConsent").collect();
    page(
        op,
        "/console/config/consent",
        message,
        html! {
            form.card #consent-form method="post" action="/console/config/consent" {
                (csrf_field(op))
                h2 { "Consent to book" }
                p.muted { "The receptionist only starts booking after the caller says yes to the booking offer." }
                (c.text("consentQuestionTemplate", "The booking offer", "The exact question the receptionist asks before booking."))
                (c.area("consentYesWords", "Words that mean yes, one per line", "A reply to the offer with one of these in it (as whole words) is consent, unless it also says no or hesitates (\"yes, but not today\").", 8))
                fieldset {
                    legend { "Before the offer, the caller has given" }
                    @for (value, words) in DISCOVERY_FIELDS {
                        @let id = format!("consent-min-{value}");
                        label.check for=(id) {
                            input id=(id) type="checkbox" name="minDiscoveryFieldsBeforeConsent" value=(value) checked[chosen.contains(&value)];
                            span { (words) }
                        }
                    }
                    (c.after("minDiscoveryFieldsBeforeConsent", ""))
                }
                (c.check("bookingRequiresExplicitConsent", "Booking needs an explicit yes (the contract's master gate)"))
                (c.check("consentRequiresYesAfterPrompt", "A yes only counts right after the offer (off: after any earlier offer too)"))
                (c.check("forceLLMDiscovery", "The conversational speaker always answers in discovery"))
                (c.check("disableScenarioAutoResponses", "Scenarios inform the answer instead of being read out word for word"))
                button type="submit" { "Save consent" }
            }
            form.card #vocabulary-form method="post" action="/console/config/vocabulary" {
                (csrf_field(op))
                h2 { "Vocabulary guardrails" }
                p.muted { "Applied to everything the receptionist says, so it speaks your trade's language (\"team member\", not \"technician\", at a dental office)." }
                (g.area("forbiddenWords", "Words never said, one per line", "Each is replaced: by its replacement below, or else by the first service noun.", 4))
                (g.area("replacementMap", "Replacements, one per line as word = replacement", "For example: technician = team member", 4))
                (g.area("allowedServiceNouns", "Service nouns, one per line", "What your business calls its people and visits (the first one stands in for a forbidden word with no replacement).", 4))
                button type="submit" { "Save vocabulary" }
            }
        },
    )
}

async fn words_refused(state: &AppState, op: &ConsoleSession, failure: Failure) -> PageResult {
    show_refused(state, op, |c| words_view(op, c, Some(&failure), None)).await
}

async fn save_consent(
    State(state): State<AppState>,
    op: ConsoleSession,
    body: String,
) -> PageResult {
    let form = posted(&op, &body)?;
    let result = save(&state, &op, |v, _| {
        v["frontDeskBehavior"]["discoveryConsent"] = consent_json(&form);
        Ok(())
    })
    .await?;
    match result {
        Ok(()) => Ok(saved_to("/console/config/consent", "consent", "")),
        Err(e) => words_refused(&state, &op, Failure::new("consent", form, e, CONSENT)).await,
    }
}

async fn save_vocabulary(
    State(state): State<AppState>,
    op: ConsoleSession,
    body: String,
) -> PageResult {
    let form = posted(&op, &body)?;
    let result = save(&state, &op, |v, _| {
        v["frontDeskBehavior"]["vocabularyGuardrails"] = vocabulary_json(&form)?;
        Ok(())
    })
    .await?;
    match result {
        Ok(()) => Ok(saved_to(
            "/console/config/consent",
            "vocabulary",
            "#vocabulary-form",
        )),
        Err(e) => words_refused(&state, &op, Failure::new("vocabulary", form, e, VOCABULARY)).await,
    }
}

// ---------------------------------------------------------------- cadence page

async fn cadence_page(
    State(state): State<AppState>,
    Query(q): Query<SavedQuery>,
    op: ConsoleSession,
) -> PageResult {
    let company = state.service.company(&op.company).await?;
    Ok(cadence_view(&op, &company, None, saved_message(q.saved.as_deref())).into_response())
}

fn setting(f: &Fields, st: &Setting) -> Markup {
    let id = f.id(st.key);
    let error = f.error(st.key);
    let invalid = error.map(|_| "true");
    let described = error.map(|_| format!("{id}-error"));
    html! {
        div.setting id={(id) "-setting"} {
            @match st.kind {
                Kind::Duration => {
                    @let days = format!("{}.days", st.key);
                    @let hours = format!("{}.hours", st.key);
                    label for={(id) "-days"} { (st.before) }
                    input id={(id) "-days"} name=(days) type="number" min="0" step="1" value=(f.form.get(&days)) aria-invalid=[invalid] aria-describedby=[described.clone()];
                    span { "days" }
                    input id={(id) "-hours"} name=(hours) type="number" min="0" step="1" value=(f.form.get(&hours)) aria-label={(st.before) ": hours"} aria-invalid=[invalid] aria-describedby=[described.clone()];
                    span { "hours" }
                }
                Kind::Count => {
                    label for=(id) { (st.before) }
                    input id=(id) name=(st.key) type="number" min="0" step="1" value=(f.form.get(st.key)) aria-invalid=[invalid] aria-describedby=[described.clone()];
                }
            }
            @if !st.after.is_empty() { span { (st.after) } }
        }
        @if let Some(e) = error { p.error.small.field-error id={(id) "-error"} { (e) } }
    }
}

fn cadence_view(
    op: &ConsoleSession,
    company: &Company,
    failure: Option<&Failure>,
    message: Option<Markup>,
) -> Markup {
    let message = failure.map(refused).or(message);
    let (form, error) = Failure::for_form(failure, "cadence", cadence_form(&company.care));
    let f = Fields {
        form: &form,
        prefix: "care-".into(),
        error,
    };
    let hour_options = |from: u8, to: u8| -> Vec<(String, String)> {
        (from..=to)
            .map(|h| {
                (
                    clock(h),
                    if h == 24 {
                        "24:00 (midnight)".to_owned()
                    } else {
                        clock(h)
                    },
                )
            })
            .collect()
    };
    let from = hour_options(0, 23);
    let until = hour_options(1, 24);
    let hour_select = |name: &str, options: &[(String, String)]| {
        let id = f.id(name);
        let current = form.get(name);
        let known = options.iter().any(|(v, _)| v == current);
        html! {
            select id=(id) name=(name) aria-invalid=[f.invalid(name)] {
                @if !known { option value=(current) selected { (current) } }
                @for (v, words) in options { option value=(v) selected[v == current] { (words) } }
            }
        }
    };
    let quiet_error = f.error("quietHoursEnd").or(f.error("quietHoursStart"));
    page(
        op,
        "/console/config/cadence",
        message,
        html! {
            form.card #cadence-form method="post" action="/console/config/cadence" {
                (csrf_field(op))
                p.muted { "How Hands-Off Mode keeps each relationship moving, in the order a customer goes through it. Times are the company's local time (" (company.timezone) ")." }
                @for (title, about, settings) in JOURNEY {
                    fieldset {
                        legend { (title) }
                        p.muted.small.hint { (about) }
                        @for st in settings { (setting(&f, st)) }
                    }
                }
                fieldset {
                    legend { "Limits on every message AiSHA sends on its own" }
                    div.setting #care-quiet-hours {
                        label for="care-quietHoursEnd" { "Contact allowed from" }
                        (hour_select("quietHoursEnd", &from))
                        label for="care-quietHoursStart" { "until" }
                        (hour_select("quietHoursStart", &until))
                        span.muted.small { "(quiet hours are the rest of the day)" }
                    }
                    @if let Some(e) = quiet_error { p.error.small.field-error { (e) } }
                    @for st in &LIMITS { (setting(&f, st)) }
                }
                fieldset {
                    legend { "Message templates" }
                    p.muted.small.hint { "{firstName} and {company} are filled in. Every message says it comes from the AI assistant; none may state a price." }
                    @for (key, when) in TEMPLATES {
                        (f.area(&format!("templates.{key}"), when, "", 2))
                    }
                }
                button type="submit" { "Save cadence" }
            }
        },
    )
}

async fn save_cadence(
    State(state): State<AppState>,
    op: ConsoleSession,
    body: String,
) -> PageResult {
    let form = posted(&op, &body)?;
    let result = save(&state, &op, |v, _| {
        if !v["care"].is_object() {
            v["care"] = json!({});
        }
        apply_cadence(&form, &mut v["care"])
    })
    .await?;
    match result {
        Ok(()) => Ok(saved_to("/console/config/cadence", "cadence", "")),
        Err(e) => {
            let failure = Failure::new("cadence", form, e, "care");
            show_refused(&state, &op, |c| cadence_view(&op, c, Some(&failure), None)).await
        }
    }
}

// ---------------------------------------------------------------- web chat page

async fn web_chat_page(
    State(state): State<AppState>,
    Query(q): Query<SavedQuery>,
    op: ConsoleSession,
) -> PageResult {
    let company = state.service.company(&op.company).await?;
    Ok(web_chat_view(
        &op,
        &state,
        &company,
        None,
        saved_message(q.saved.as_deref()),
    )
    .await?
    .into_response())
}

async fn web_chat_view(
    op: &ConsoleSession,
    state: &AppState,
    company: &Company,
    failure: Option<&Failure>,
    message: Option<Markup>,
) -> Result<Markup, Page> {
    let has_pk = state.service.has_publishable_key(&op.company).await?;
    let stored = {
        let mut f = Form::default();
        f.set(
            "allowedOrigins",
            join_lines(
                &company
                    .web_chat
                    .as_ref()
                    .map(|w| w.allowed_origins.clone())
                    .unwrap_or_default(),
            ),
        );
        f
    };
    let message = failure.map(refused).or(message);
    let (form, error) = Failure::for_form(failure, "origins", stored);
    let f = Fields {
        form: &form,
        prefix: "webChat-".into(),
        error,
    };
    Ok(page(
        op,
        "/console/config/web-chat",
        message,
        html! {
            form.card #origins-form method="post" action="/console/config/web-chat/origins" {
                (csrf_field(op))
                h2 { "Sites that may show the chat" }
                (f.area("allowedOrigins", "Allowed origins, one per line", "Each as the browser names the site: scheme and host (and port), like https://www.example.com. Chats from any other site are refused.", 4))
                button type="submit" { "Save origins" }
            }
            form.card method="post" action="/console/config/web-chat" {
                (csrf_field(op))
                h2 { "Publishable key" }
                p #web-chat-key-state { "Publishable key: " (if has_pk { "set (shown only when made)" } else { "none yet" }) }
                p.muted { "The website's key opens chats and nothing else, from the origins above. Making a new one stops the old one at once." }
                label for="web-chat-reason" { "Reason" }
                input id="web-chat-reason" name="reason" type="text" required;
                button type="submit" { (if has_pk { "Replace the publishable key" } else { "Make a publishable key" }) }
            }
        },
    ))
}

async fn save_origins(
    State(state): State<AppState>,
    op: ConsoleSession,
    body: String,
) -> PageResult {
    let form = posted(&op, &body)?;
    let result = save(&state, &op, |v, _| {
        let origins = lines(form.get("allowedOrigins"));
        if let Some(obj) = v.as_object_mut() {
            if origins.is_empty() {
                obj.remove("webChat");
            } else {
                obj.insert("webChat".into(), json!({"allowedOrigins": origins}));
            }
        }
        Ok(())
    })
    .await?;
    match result {
        Ok(()) => Ok(saved_to("/console/config/web-chat", "origins", "")),
        Err(e) => {
            let company = state.service.company(&op.company).await?;
            let failure = Failure::new("origins", form, e, "webChat");
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                web_chat_view(&op, &state, &company, Some(&failure), None).await?,
            )
                .into_response())
        }
    }
}

#[derive(Deserialize)]
struct WebChatForm {
    csrf: String,
    reason: String,
}

/// Make (or replace) the publishable key and show it once, with the tag to embed.
async fn rotate_publishable_key(
    State(state): State<AppState>,
    op: ConsoleSession,
    headers: axum::http::HeaderMap,
    body: String,
) -> PageResult {
    let f: WebChatForm = parse_form(&body)?;
    check_csrf(&op, &f.csrf)?;
    owner_only(&op)?;
    let key = state
        .service
        .rotate_publishable_key(
            &op.company,
            &op.actor,
            &Reason::parse(&f.reason)?,
            Timestamp::now(),
        )
        .await?;
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("aisha.example.com");
    let snippet =
        format!("<script src=\"https://{host}/widget.js\" data-key=\"{key}\" async></script>");
    let message = html! {
        div.card role="status" {
            p.ok { "New publishable key (shown once): " code #publishable-key { (key) } }
            p { "Put this on every page of the site (its origin must be among the allowed origins):" }
            pre { code #embed-snippet { (snippet) } }
        }
    };
    let company = state.service.company(&op.company).await?;
    Ok(web_chat_view(&op, &state, &company, None, Some(message))
        .await?
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use aisha_core::company::{NameOptions, NamePart};
    use proptest::prelude::*;

    #[test]
    fn days_and_hours() {
        assert_eq!(split_hours(48), (2, 0));
        assert_eq!(split_hours(50), (2, 2));
        assert_eq!(split_hours(5), (0, 5));
        assert_eq!(join_hours("2", "0"), Ok(48));
        assert_eq!(join_hours("1", "6"), Ok(30));
        assert_eq!(join_hours("", "36"), Ok(36), "hours may exceed a day");
        assert_eq!(join_hours(" 3 ", ""), Ok(72));
        assert!(join_hours("-1", "0").unwrap_err().contains("days"));
        assert!(join_hours("1", "2.5").unwrap_err().contains("hours"));
        assert!(join_hours("999999999", "0").is_err(), "overflow");
    }

    #[test]
    fn clock_times() {
        assert_eq!(clock(8), "08:00");
        assert_eq!(parse_clock("08:00"), Ok(8));
        assert_eq!(parse_clock("21"), Ok(21));
        assert_eq!(parse_clock("24:00"), Ok(24));
        assert!(parse_clock("08:30").unwrap_err().contains("whole hours"));
        assert!(parse_clock("25:00").is_err());
        assert!(parse_clock("noon").is_err());
    }

    #[test]
    fn replacements_are_lines_of_word_equals_replacement() {
        let map = parse_replacements("technician = team member\n\n  tech=person  \n").unwrap();
        assert_eq!(map["technician"], "team member");
        assert_eq!(map["tech"], "person");
        assert_eq!(
            show_replacements(&map),
            "tech = person\ntechnician = team member"
        );
        assert!(parse_replacements("a = b\ntechnician")
            .unwrap_err()
            .starts_with("line 2"));
        assert!(parse_replacements("= b").unwrap_err().contains("both"));
        assert!(parse_replacements("a = b\na = c")
            .unwrap_err()
            .contains("twice"));
    }

    #[test]
    fn new_slots_get_their_ids() {
        let mut f = Form::default();
        f.set("type", "text");
        f.set("label", "Gate code?");
        f.set("question", "Is there a gate code?");
        let s = new_slot_form(&f);
        assert_eq!(s.get("id"), "custom_gate_code");
        assert!(s.checked("required"));
        let mut f = Form::default();
        f.set("type", "time");
        assert_eq!(new_slot_form(&f).get("id"), "time");
        assert!(new_slot_form(&f).checked("offerAsap"));
        let mut f = Form::default();
        f.set("type", "select");
        f.set("id", "custom_pets");
        f.set("options", "dog\ncat\n");
        let v = slot_json(&new_slot_form(&f), 5);
        assert_eq!(v["id"], "custom_pets");
        assert_eq!(v["options"], json!(["dog", "cat"]));
        assert_eq!(v["order"], 5);
    }

    #[test]
    fn errors_find_their_field() {
        assert_eq!(
            relative(
                "frontDeskBehavior.bookingSlots[2].question",
                "frontDeskBehavior.bookingSlots[2]"
            ),
            Some("question".into())
        );
        assert_eq!(
            relative(
                "frontDeskBehavior.bookingSlots[12].id",
                "frontDeskBehavior.bookingSlots[1]"
            ),
            None
        );
        assert_eq!(relative("care", "care"), Some(String::new()));
        assert_eq!(relative("timezone", ""), Some("timezone".into()));
        assert!(names("options[1]", "options"));
        assert!(names("nameOptions.askFullName", "nameOptions.askFullName"));
        assert!(!names("optionsX", "options"));
    }

    #[test]
    fn every_cadence_setting_has_a_field() {
        // A setting added to CareSettings without a place on the form would be unreachable.
        let care = CareSettings::default();
        let v = serde_json::to_value(&care).unwrap();
        let on_form: Vec<&str> = all_settings().map(|s| s.key).collect();
        for (key, value) in v.as_object().unwrap() {
            if value.is_number() && !key.starts_with("quietHours") {
                assert!(on_form.contains(&key.as_str()), "{key} is not on the form");
            }
        }
        let templates: Vec<&str> = TEMPLATES.iter().map(|(k, _)| *k).collect();
        for key in v["templates"].as_object().unwrap().keys() {
            assert!(templates.contains(&key.as_str()), "template {key}");
        }
        assert_eq!(on_form.len() + 2 + 1, v.as_object().unwrap().len());
    }

    #[test]
    fn the_cadence_form_round_trips_and_names_bad_fields() {
        let care = CareSettings {
            follow_up_after_hours: 30,
            quiet_hours_end: 7,
            quiet_hours_start: 22,
            ..CareSettings::default()
        };
        let f = cadence_form(&care);
        assert_eq!(f.get("followUpAfterHours.days"), "1");
        assert_eq!(f.get("followUpAfterHours.hours"), "6");
        assert_eq!(f.get("quietHoursEnd"), "07:00");
        let mut v = json!({"templates": {}});
        apply_cadence(&f, &mut v).unwrap();
        let back: CareSettings = serde_json::from_value(v).unwrap();
        assert_eq!(back, care);
        let mut bad = f.clone();
        bad.0.retain(|(k, _)| k != "maxMessagesPerWeek");
        bad.set("maxMessagesPerWeek", "many");
        let e = apply_cadence(&bad, &mut json!({"templates": {}})).unwrap_err();
        assert_eq!(e.field, "care.maxMessagesPerWeek");
    }

    #[test]
    fn the_company_form_keeps_secrets_out_and_turns_integrations_off() {
        let raw = include_str!("../../../../../companies/demo-hvac.json");
        let mut c = Company::from_json(raw).unwrap().company;
        let mut f = company_form(&c);
        f.set("twilio.accountSid", "AC0123456789abcdef0123456789abcdef");
        f.set("twilio.fromNumber", "(512) 555-0100");
        f.set("twilio.authToken", "");
        let mut v = c.public_json();
        apply_company(&f, &mut v, &c);
        assert_eq!(v["twilio"]["fromNumber"], "+15125550100");
        assert!(
            v["twilio"].get("authToken").is_none(),
            "empty keeps the stored one"
        );
        c.name = "Acme".into();
        let mut f = company_form(&c);
        f.set("systemOfRecord.signingSecret", "x".repeat(40));
        let mut v = c.public_json();
        apply_company(&f, &mut v, &c);
        assert!(v.get("twilio").is_none());
        assert_eq!(v["name"], "Acme");
        assert_eq!(v["systemOfRecord"]["webhookUrl"], "");
        let failure = Failure::new(
            "company",
            f,
            problem("systemOfRecord.webhookUrl", "not a URL"),
            "",
        );
        assert_eq!(
            failure.form.get("systemOfRecord.signingSecret"),
            "",
            "never echoed"
        );
    }

    fn text() -> impl Strategy<Value = String> {
        "[A-Za-z][A-Za-z ,.?'{}]{0,30}".prop_map(|s| s.trim().to_owned())
    }

    fn slot() -> impl Strategy<Value = BookingSlot> {
        (
            prop::sample::select(vec![
                SlotType::Name,
                SlotType::Phone,
                SlotType::Address,
                SlotType::Time,
                SlotType::Text,
                SlotType::Select,
            ]),
            (text(), text(), any::<bool>(), any::<bool>()),
            prop::option::of(text()),
            any::<[bool; 6]>(),
            (prop::option::of(text()), prop::option::of(text())),
            prop::collection::vec(text(), 1..5),
        )
            .prop_map(
                |(
                    kind,
                    (label, question, required, confirm_back),
                    confirm_prompt,
                    b,
                    (p1, p2),
                    options,
                )| {
                    let id = match kind {
                        SlotType::Text | SlotType::Select => "custom_x".to_owned(),
                        other => slot_type_str(other).to_owned(),
                    };
                    BookingSlot {
                        id,
                        label,
                        question,
                        required,
                        order: 3,
                        slot_type: kind,
                        confirm_back,
                        confirm_prompt,
                        name_options: (kind == SlotType::Name).then_some(NameOptions {
                            ask_full_name: b[0],
                            use_first_name_only: b[1],
                            ask_once_for_missing_part: b[2],
                            default_assume_single_token_as: if b[3] {
                                NamePart::First
                            } else {
                                NamePart::Last
                            },
                        }),
                        offer_caller_id: kind == SlotType::Phone && b[4],
                        caller_id_prompt: p1.filter(|_| kind == SlotType::Phone),
                        offer_asap: kind == SlotType::Time && b[4],
                        offer_morning_afternoon: kind == SlotType::Time && b[5],
                        asap_phrase: p2.filter(|_| kind == SlotType::Time),
                        options: if kind == SlotType::Select {
                            options
                        } else {
                            Vec::new()
                        },
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn a_slot_round_trips_through_its_form(s in slot()) {
            let back: BookingSlot = serde_json::from_value(slot_json(&slot_form(&s), s.order)).unwrap();
            let mut want = serde_json::to_value(&s).unwrap();
            let mut got = serde_json::to_value(&back).unwrap();
            // A name slot without options means the defaults, which the form spells out.
            if s.name_options.is_none() {
                want["nameOptions"] = Value::Null;
                got["nameOptions"] = Value::Null;
            }
            prop_assert_eq!(got, want);
        }

        #[test]
        fn a_scenario_round_trips_through_its_form(
            id in "[a-z][a-z-]{0,12}", title in text(), response in text(),
            triggers in prop::collection::vec(text(), 1..6), offer in any::<bool>(),
        ) {
            let s = Scenario { id, title, triggers, response, offer_schedule: offer };
            let back: Scenario = serde_json::from_value(scenario_json(&scenario_form(&s))).unwrap();
            prop_assert_eq!(serde_json::to_value(&back).unwrap(), serde_json::to_value(&s).unwrap());
        }

        #[test]
        fn word_lists_and_replacements_round_trip(
            words in prop::collection::vec(text(), 0..8),
            map in prop::collection::btree_map("[a-z][a-z ]{0,10}[a-z]|[a-z]", text(), 0..6),
        ) {
            let g = VocabularyGuardrails {
                forbidden_words: words.clone(),
                replacement_map: map,
                allowed_service_nouns: words,
            };
            let back: VocabularyGuardrails = serde_json::from_value(vocabulary_json(&vocabulary_form(&g)).unwrap()).unwrap();
            prop_assert_eq!(serde_json::to_value(&back).unwrap(), serde_json::to_value(&g).unwrap());
        }

        #[test]
        fn hours_round_trip_through_days_and_hours(total in any::<u32>()) {
            let (d, h) = split_hours(total);
            prop_assert!(h < 24);
            prop_assert_eq!(join_hours(&d.to_string(), &h.to_string()), Ok(total));
        }
    }

    #[test]
    fn consent_round_trips() {
        let c = DiscoveryConsent::default();
        let back: DiscoveryConsent =
            serde_json::from_value(consent_json(&consent_form(&c))).unwrap();
        assert_eq!(
            serde_json::to_value(&back).unwrap(),
            serde_json::to_value(&c).unwrap()
        );
        let mut f = consent_form(&c);
        f.0.retain(|(k, _)| k != "consentRequiresYesAfterPrompt");
        f.set("minDiscoveryFieldsBeforeConsent", "name");
        let v = consent_json(&f);
        assert_eq!(
            v["consentRequiresYesAfterPrompt"], false,
            "an unchecked box is off"
        );
        assert_eq!(
            v["minDiscoveryFieldsBeforeConsent"],
            json!(["issueSummary", "name"])
        );
    }
}
