//! Company configuration: the receptionist contract's `frontDeskBehavior` (field names exact),
//! scenarios, and the optional settings the contract does not name, each with a documented default.
//!
//! Parsing goes through [`Company::from_json`], which names the offending field on error and
//! validates cross-field rules (unique slot ids, known slot types, a valid time zone, …).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::settings::{
    is_public_ip, SigningSecret, TwilioAccountSid, TwilioAuthToken, WebhookUrl, E164,
};
use crate::text;

/// A tenant identifier: non-empty, at most 64 characters of `[A-Za-z0-9._-]`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CompanyId(String);

impl CompanyId {
    pub fn parse(raw: &str) -> Result<Self, String> {
        if raw.is_empty() || raw.len() > 64 {
            return Err("must be 1 to 64 characters".into());
        }
        if !raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            return Err("may only contain letters, digits, '-', '_' and '.'".into());
        }
        Ok(Self(raw.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CompanyId {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        Self::parse(&value)
    }
}
impl From<CompanyId> for String {
    fn from(value: CompanyId) -> Self {
        value.0
    }
}
impl std::fmt::Display for CompanyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Company {
    pub company_id: CompanyId,
    #[serde(default)]
    pub name: String,
    /// IANA time zone; quiet hours and relative dates use it.
    #[serde(default = "default_timezone")]
    pub timezone: String,
    /// ISO 3166 alpha-2 country a phone number without a country code is read in (US when
    /// absent); numbers are stored in E.164 and shown in this country's national format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    pub front_desk_behavior: FrontDeskBehavior,
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
    /// Hands-Off Mode cadence and limits (not named by the contract; see `CareSettings`).
    #[serde(default)]
    pub care: CareSettings,
    /// Twilio account settings for the voice and SMS webhooks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub twilio: Option<TwilioSettings>,
    /// Where a caller asking for a person is transferred (E.164).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_number: Option<E164>,
    /// System-of-record webhook for `booking.completed`, `escalation.opened`, `state.changed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_of_record: Option<SystemOfRecord>,
    /// The website chat: which origins may embed it (the publishable key is kept apart).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_chat: Option<WebChat>,
}

/// Web chat on the company's websites. A browser sends `Origin`; only these get CORS headers
/// and only their requests are answered.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebChat {
    /// Origins as browsers send them: `https://www.example.com`, `http://127.0.0.1:8080`.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
}

/// `raw` as a browser's `Origin` header names it (scheme, host, port if not the default), or
/// why it is not one.
pub fn normalize_origin(raw: &str) -> Result<String, String> {
    let url = url::Url::parse(raw).map_err(|e| format!("not an origin ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("must be http:// or https://".into());
    }
    let origin = url.origin().ascii_serialization();
    // Anything beyond the origin (a path, a query) would never match what a browser sends.
    if raw.to_ascii_lowercase().trim_end_matches('/') != origin {
        return Err(format!(
            "must be only scheme://host[:port], like {origin:?}"
        ));
    }
    Ok(origin)
}

impl Company {
    /// Whether a browser page at `origin` may chat with this company.
    pub fn allows_origin(&self, origin: &str) -> bool {
        self.web_chat
            .as_ref()
            .is_some_and(|w| w.allowed_origins.iter().any(|o| o == origin))
    }
}

fn default_timezone() -> String {
    "America/Chicago".into()
}

/// Twilio account settings. The auth token is write-only: it is read from a request, never
/// serialized (the API answers `authTokenSet`), and kept sealed apart from the configuration.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TwilioSettings {
    pub account_sid: TwilioAccountSid,
    /// `None` in a request keeps the stored token; in a loaded company it is filled in.
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "openapi", schema(write_only))]
    pub auth_token: Option<TwilioAuthToken>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_number: Option<E164>,
    /// What a GET answered; accepted back and ignored, so a configuration round-trips.
    #[serde(default, rename = "authTokenSet", skip_serializing)]
    #[cfg_attr(feature = "openapi", schema(read_only))]
    pub _auth_token_set: Option<bool>,
}

/// The system-of-record webhook. The signing secret is write-only like the Twilio token.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SystemOfRecord {
    pub webhook_url: WebhookUrl,
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "openapi", schema(write_only))]
    pub signing_secret: Option<SigningSecret>,
    #[serde(default, rename = "signingSecretSet", skip_serializing)]
    #[cfg_attr(feature = "openapi", schema(read_only))]
    pub _signing_secret_set: Option<bool>,
}

/// The write-only secrets of a company, by the field that names them.
pub const SECRET_FIELDS: [&str; 2] = ["twilio.authToken", "systemOfRecord.signingSecret"];

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FrontDeskBehavior {
    pub booking_slots: Vec<BookingSlot>,
    #[serde(default)]
    pub discovery_consent: DiscoveryConsent,
    #[serde(default)]
    pub vocabulary_guardrails: VocabularyGuardrails,
    /// Wording the contract leaves to the company; every field has a default.
    #[serde(default)]
    pub booking_prompts: BookingPrompts,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SlotType {
    Name,
    Phone,
    Address,
    Time,
    Text,
    Select,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum NamePart {
    First,
    #[default]
    Last,
}

impl NamePart {
    pub fn as_str(self) -> &'static str {
        match self {
            NamePart::First => "first",
            NamePart::Last => "last",
        }
    }
    pub fn other(self) -> NamePart {
        match self {
            NamePart::First => NamePart::Last,
            NamePart::Last => NamePart::First,
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NameOptions {
    #[serde(default = "yes")]
    pub ask_full_name: bool,
    #[serde(default)]
    pub use_first_name_only: bool,
    #[serde(default = "yes")]
    pub ask_once_for_missing_part: bool,
    #[serde(default)]
    pub default_assume_single_token_as: NamePart,
}

impl Default for NameOptions {
    fn default() -> Self {
        Self {
            ask_full_name: true,
            use_first_name_only: false,
            ask_once_for_missing_part: true,
            default_assume_single_token_as: NamePart::Last,
        }
    }
}

fn yes() -> bool {
    true
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BookingSlot {
    pub id: String,
    #[serde(default)]
    pub label: String,
    pub question: String,
    #[serde(default = "yes")]
    pub required: bool,
    #[serde(default)]
    pub order: i64,
    #[serde(rename = "type")]
    pub slot_type: SlotType,
    #[serde(default)]
    pub confirm_back: bool,
    #[serde(default)]
    pub confirm_prompt: Option<String>,
    #[serde(default)]
    pub name_options: Option<NameOptions>,
    #[serde(default)]
    pub offer_caller_id: bool,
    #[serde(default)]
    pub caller_id_prompt: Option<String>,
    #[serde(default)]
    pub offer_asap: bool,
    #[serde(default)]
    pub offer_morning_afternoon: bool,
    #[serde(default)]
    pub asap_phrase: Option<String>,
    /// For `select` slots: the allowed answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

impl BookingSlot {
    pub fn name_options(&self) -> NameOptions {
        self.name_options.clone().unwrap_or_default()
    }
    pub fn confirm_prompt(&self) -> &str {
        self.confirm_prompt
            .as_deref()
            .unwrap_or("Got it, {value}. Did I get that right?")
    }
    pub fn caller_id_prompt(&self) -> &str {
        self.caller_id_prompt
            .as_deref()
            .unwrap_or("Is {value} the best number to reach you?")
    }
    pub fn asap_phrase(&self) -> &str {
        self.asap_phrase.as_deref().unwrap_or("as soon as possible")
    }
    /// Lower-case label for sentences ("your phone"); falls back to the id.
    pub fn spoken_label(&self) -> String {
        if self.label.is_empty() {
            self.id.replace('_', " ")
        } else {
            self.label.to_lowercase()
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiscoveryConsent {
    #[serde(default = "yes")]
    pub booking_requires_explicit_consent: bool,
    #[serde(default = "yes", rename = "forceLLMDiscovery")]
    pub force_llm_discovery: bool,
    #[serde(default = "yes")]
    pub disable_scenario_auto_responses: bool,
    #[serde(default = "default_consent_question")]
    pub consent_question_template: String,
    #[serde(default = "default_yes_words")]
    pub consent_yes_words: Vec<String>,
    #[serde(default = "yes")]
    pub consent_requires_yes_after_prompt: bool,
    #[serde(default = "default_min_fields")]
    pub min_discovery_fields_before_consent: Vec<String>,
}

fn default_consent_question() -> String {
    "Would you like me to schedule an appointment?".into()
}
fn default_yes_words() -> Vec<String> {
    // The contract's nine first, then the other ways callers say yes to an offer.
    [
        "yes",
        "yeah",
        "yep",
        "please",
        "sure",
        "okay",
        "ok",
        "sounds good",
        "absolutely",
        "yup",
        "ya",
        "yea",
        "of course",
        "definitely",
        "go ahead",
        "go for it",
        "let's do it",
        "let's do that",
        "i'd love that",
        "i would love that",
        "i'd like that",
        "i would like that",
        "i'd like to",
        "i would like to",
        "that would be great",
        "that'd be great",
        "that would be wonderful",
        "that'd be perfect",
        "that works",
        "sounds great",
        "sounds perfect",
        "perfect",
        "great",
        "alright",
        "all right",
        "by all means",
        "for sure",
        "you bet",
        "totally",
        "mhm",
        "uh huh",
        "please do",
        "book it",
        "schedule it",
        "set it up",
        "i'd appreciate that",
        "put me on the schedule",
        "on the calendar",
        // Colloquial and hedged-but-accepting yeses (issue 11, third round).
        "k",
        "kk",
        "okie",
        "okey dokey",
        "alrighty",
        "mhmm",
        "mmhmm",
        "mm hmm",
        "uh-huh",
        "yeh",
        "yah",
        "yass",
        "yessir",
        "yes sir",
        "yes ma'am",
        "bet",
        "do it",
        "let's go",
        "sign me up",
        "works for me",
        "sounds like a plan",
        "make it happen",
        "i guess",
        "i suppose",
        "i think so",
        "why not",
        "fine",
        "awesome",
        "that'd help",
        "that would help",
        "that'd be good",
        "that would be good",
        "if you could",
        "if you can",
        "i'd appreciate it",
        "please and thank you",
        "mm-hmm",
        "aight",
        "cool",
        "that'd be nice",
        "that would be nice",
        "yes indeed",
        "certainly",
        "gladly",
        "probably",
        "y",
        "👍",
        "👌",
    ]
    .map(String::from)
    .to_vec()
}
fn default_min_fields() -> Vec<String> {
    vec!["issueSummary".into()]
}

impl Default for DiscoveryConsent {
    fn default() -> Self {
        Self {
            booking_requires_explicit_consent: true,
            force_llm_discovery: true,
            disable_scenario_auto_responses: true,
            consent_question_template: default_consent_question(),
            consent_yes_words: default_yes_words(),
            consent_requires_yes_after_prompt: true,
            min_discovery_fields_before_consent: default_min_fields(),
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VocabularyGuardrails {
    #[serde(default)]
    pub forbidden_words: Vec<String>,
    #[serde(default)]
    pub replacement_map: BTreeMap<String, String>,
    #[serde(default)]
    pub allowed_service_nouns: Vec<String>,
}

/// Wording not named by the contract. Placeholders: `{value}`, `{name}`, `{label}`, `{time}`,
/// `{company}`. The defaults reproduce the golden transcript.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BookingPrompts {
    /// Said when consent is detected, before the first slot question.
    pub consent_acknowledgement: String,
    /// Said after a full name is captured: `{name}` is the name as the company refers back to it.
    pub name_acknowledgement: String,
    pub phone_acknowledgement: String,
    pub address_acknowledgement: String,
    pub time_acknowledgement: String,
    pub other_acknowledgement: String,
    pub missing_first_name_question: String,
    pub missing_last_name_question: String,
    /// Said when an answer cannot be used, before re-asking the slot question.
    pub did_not_understand: String,
    pub invalid_phone: String,
    pub correction_acknowledgement: String,
    /// `{time}` is the caller's time preference in words (the slot's `asapPhrase` for ASAP).
    pub completion_message: String,
    pub after_complete: String,
    /// Said when a question in BOOKING has no answer in the company's scenarios.
    pub interrupt_deferral: String,
    /// Said for pricing or contract questions: never a price, always a person to follow up.
    pub pricing_deferral: String,
    /// Said when the caller asks for a person and no transfer number is configured.
    pub human_callback: String,
    /// Disclosure when asked whether the caller is talking to a person.
    pub ai_disclosure: String,
    pub declined_offer: String,
    pub greeting: String,
    /// Said when the caller gives a PO box for the service address.
    pub address_not_serviceable: String,
    /// Asked when the caller says "never mind" or "cancel" during BOOKING.
    pub cancel_booking_question: String,
    /// Said when the caller confirms the cancellation.
    pub booking_cancelled: String,
    /// Said when the caller says nothing, before the question they are on is asked again.
    pub silence_reprompt: String,
    /// Said after a second silence in a row when there is no transfer number: a callback.
    pub silence_callback: String,
    /// Said after a second silence in a row before transferring to `transferNumber`.
    pub silence_transfer: String,
}

impl Default for BookingPrompts {
    fn default() -> Self {
        Self {
            consent_acknowledgement: "Perfect! Let me get your information.".into(),
            name_acknowledgement: "Perfect, {name}.".into(),
            phone_acknowledgement: "Thank you.".into(),
            address_acknowledgement: "Perfect.".into(),
            time_acknowledgement: "Got it.".into(),
            other_acknowledgement: "Got it.".into(),
            missing_first_name_question: "And what's your first name?".into(),
            missing_last_name_question: "And what's your last name?".into(),
            did_not_understand: "I'm sorry, I didn't quite catch that.".into(),
            invalid_phone: "I'm sorry, that doesn't look like a complete phone number.".into(),
            correction_acknowledgement: "Thanks, I've updated your {label}.".into(),
            completion_message:
                "Great! I have all your information. We'll follow up to confirm your appointment {time}."
                    .into(),
            after_complete: "You're all set. Is there anything else I can help you with?".into(),
            interrupt_deferral:
                "That's a good question. I'll make sure someone from our team follows up with you on that."
                    .into(),
            pricing_deferral:
                "I'm not able to quote prices or terms, but I'll have someone from our team follow up with you about that."
                    .into(),
            human_callback:
                "I've let our team know you'd like to speak with a person, and someone will call you back shortly."
                    .into(),
            ai_disclosure: "I'm an AI assistant for {company}.".into(),
            declined_offer: "No problem. Is there anything else I can help you with?".into(),
            greeting: "Thanks for contacting {company}. How can I help you today?".into(),
            address_not_serviceable:
                "We'll need the street address where the service is needed, not a PO box.".into(),
            cancel_booking_question:
                "No problem. Would you like me to cancel this appointment request?".into(),
            silence_reprompt: "I'm sorry, I didn't quite catch that.".into(),
            silence_callback:
                "I'm having trouble hearing you, so I'll have someone from our team call you back shortly."
                    .into(),
            silence_transfer:
                "I'm having trouble hearing you, so let me connect you with someone from our team."
                    .into(),
            booking_cancelled:
                "Okay, I've cancelled that request. If you change your mind, just let us know. Is there anything else I can help you with?"
                    .into(),
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    pub id: String,
    #[serde(default)]
    pub title: String,
    pub triggers: Vec<String>,
    pub response: String,
    #[serde(default = "yes")]
    pub offer_schedule: bool,
}

/// The longest cadence a company may set: ten years. Longer ones mean "never" and are refused
/// rather than stored (a due date past year 9999 cannot be computed).
pub const MAX_CADENCE_HOURS: u32 = 24 * 365 * 10;
/// The most follow-ups, attempts or weekly messages a count may name.
pub const MAX_CADENCE_COUNT: u32 = 100;

/// Hands-Off Mode cadence (not named by the contract). Durations are whole hours so a company
/// file stays readable; the defaults are in `Default`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct CareSettings {
    /// Silence before a follow-up, by state family.
    pub follow_up_after_hours: u32,
    pub evaluating_follow_up_after_hours: u32,
    pub committed_confirmation_after_hours: u32,
    pub active_check_in_after_hours: u32,
    /// Unanswered follow-ups before a relationship is At Risk.
    pub follow_ups_before_at_risk: u32,
    /// First re-engagement interval in At Risk; doubles with every unanswered attempt.
    pub at_risk_reengage_after_hours: u32,
    /// Unanswered re-engagements in At Risk before Dormant (an escalation: repeated failure).
    pub reengagements_before_dormant: u32,
    /// Low-frequency reactivation interval while Dormant.
    pub dormant_reactivation_after_hours: u32,
    /// Reactivation attempts while Dormant before AiSHA stops on its own.
    pub dormant_attempts_max: u32,
    /// How long after loss a human is asked to reconsider (never an automatic message).
    pub lost_reconsideration_after_hours: u32,
    /// Quiet hours: autonomous contact only from `quietHoursEnd` to `quietHoursStart` local time.
    pub quiet_hours_end: u8,
    pub quiet_hours_start: u8,
    /// Frequency cap: at most this many autonomous messages per customer per rolling 7 days.
    pub max_messages_per_week: u32,
    /// Minimum hours between two autonomous messages to one customer.
    pub min_hours_between_messages: u32,
    /// Outbound templates; `{firstName}`, `{company}` are filled in.
    pub templates: CareTemplates,
}

impl Default for CareSettings {
    fn default() -> Self {
        Self {
            follow_up_after_hours: 48,
            evaluating_follow_up_after_hours: 72,
            committed_confirmation_after_hours: 24,
            active_check_in_after_hours: 24 * 90,
            follow_ups_before_at_risk: 2,
            at_risk_reengage_after_hours: 72,
            reengagements_before_dormant: 3,
            dormant_reactivation_after_hours: 24 * 45,
            dormant_attempts_max: 3,
            lost_reconsideration_after_hours: 24 * 180,
            quiet_hours_end: 8,
            quiet_hours_start: 21,
            max_messages_per_week: 3,
            min_hours_between_messages: 20,
            templates: CareTemplates::default(),
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct CareTemplates {
    pub initial_outreach: String,
    pub follow_up: String,
    pub evaluating_follow_up: String,
    pub committed_confirmation: String,
    pub active_check_in: String,
    pub reengage: String,
    pub dormant_reactivation: String,
    pub help_reply: String,
    pub opt_out_confirmation: String,
    /// The one answer to START / UNSTOP / YES from a customer who had opted out.
    pub opt_in_confirmation: String,
}

impl Default for CareTemplates {
    fn default() -> Self {
        Self {
            initial_outreach: "Hi {firstName}, this is the AI assistant for {company}. Thanks for reaching out. Is there anything we can help you with? Reply STOP to opt out.".into(),
            follow_up: "Hi {firstName}, this is the AI assistant for {company}, following up on our conversation. Is there anything else we can help with?".into(),
            evaluating_follow_up: "Hi {firstName}, this is the AI assistant for {company}. Do you have any questions about the option we sent? A member of our team is happy to help.".into(),
            committed_confirmation: "Hi {firstName}, this is the AI assistant for {company}. Thanks for choosing us. We're all set on our side; reply here if anything comes up.".into(),
            active_check_in: "Hi {firstName}, this is the AI assistant for {company}, checking in. Is everything still working well for you?".into(),
            reengage: "Hi {firstName}, this is the AI assistant for {company}. We haven't heard from you in a while and wanted to make sure you have what you need.".into(),
            dormant_reactivation: "Hi {firstName}, this is the AI assistant for {company}. Just checking in. If we can ever help, reply here. Reply STOP to opt out.".into(),
            help_reply: "{company}: this number is answered by the company's AI assistant. Reply STOP to opt out; a member of our team can help with anything else.".into(),
            opt_out_confirmation: "{company}: you're unsubscribed and won't receive further messages.".into(),
            opt_in_confirmation: "{company}: you're subscribed again. Reply HELP for help, STOP to opt out.".into(),
        }
    }
}

/// A configuration problem, naming the field and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid company configuration at `{field}`: {reason}")]
pub struct ConfigError {
    pub field: String,
    pub reason: String,
}

impl ConfigError {
    fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

/// A validated company: slots sorted by `order`, time zone resolved, warnings for keys the
/// product does not read (so a typo is visible without rejecting an otherwise valid file).
#[derive(Debug, Clone)]
pub struct LoadedCompany {
    pub company: Company,
    pub ignored_fields: Vec<String>,
}

impl Company {
    /// Parse and validate a company JSON document.
    pub fn from_json(raw: &str) -> Result<LoadedCompany, ConfigError> {
        let mut ignored = Vec::new();
        let de = &mut serde_json::Deserializer::from_str(raw);
        let mut on_ignored = |path: serde_ignored::Path<'_>| ignored.push(path.to_string());
        let tracked = serde_ignored::Deserializer::new(de, &mut on_ignored);
        let company: Company = serde_path_to_error::deserialize(tracked).map_err(|err| {
            let path = err.path().to_string();
            let inner = err.into_inner();
            let field = if path == "." || path == "?" {
                "(document)".to_owned()
            } else {
                path
            };
            ConfigError::new(field, text::clean_serde_message(&inner.to_string()))
        })?;
        let company = company.validated()?;
        Ok(LoadedCompany {
            company,
            ignored_fields: ignored,
        })
    }

    /// Every sentence the company gives AiSHA to say on its own (scenario responses, slot
    /// questions, prompts, C.A.R.E. templates) passes the same outbound screen as a speaker's
    /// reply: a configured price, discount or claim to be human is refused where it is written.
    fn screen_spoken_texts(&self) -> Result<(), ConfigError> {
        let mut texts: Vec<(String, &str)> = Vec::new();
        for (i, s) in self.scenarios.iter().enumerate() {
            texts.push((format!("scenarios[{i}].response"), &s.response));
        }
        for (i, s) in self.front_desk_behavior.booking_slots.iter().enumerate() {
            texts.push((
                format!("frontDeskBehavior.bookingSlots[{i}].question"),
                &s.question,
            ));
        }
        let prompts =
            serde_json::to_value(&self.front_desk_behavior.booking_prompts).unwrap_or_default();
        let templates = serde_json::to_value(&self.care.templates).unwrap_or_default();
        let mut owned: Vec<(String, String)> = Vec::new();
        for (prefix, v) in [
            ("frontDeskBehavior.bookingPrompts", &prompts),
            ("care.templates", &templates),
        ] {
            if let Some(map) = v.as_object() {
                for (k, t) in map {
                    if let Some(t) = t.as_str() {
                        owned.push((format!("{prefix}.{k}"), t.to_owned()));
                    }
                }
            }
        }
        texts.extend(owned.iter().map(|(f, t)| (f.clone(), t.as_str())));
        // A replacement is spoken wherever its word would have been.
        for (word, with) in &self
            .front_desk_behavior
            .vocabulary_guardrails
            .replacement_map
        {
            texts.push((
                format!("frontDeskBehavior.vocabularyGuardrails.replacementMap.{word}"),
                with,
            ));
        }
        for (field, t) in texts {
            if let Some(v) = crate::guardrails::screen_outgoing(t).first() {
                return Err(ConfigError::new(
                    field,
                    format!(
                        "AiSHA would say this on its own and it {}; a person must say it",
                        v.as_str()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Every text has a size a person could have meant, and every id is an id: a name is
    /// spoken, an id goes into URLs, a template is sent as it is.
    fn check_sizes(&self) -> Result<(), ConfigError> {
        fn text(field: String, t: &str, max: usize) -> Result<(), ConfigError> {
            if t.chars().count() > max {
                return Err(ConfigError::new(field, format!("at most {max} characters")));
            }
            if t.chars().any(|c| c.is_control() && c != '\n') {
                return Err(ConfigError::new(
                    field,
                    "control characters are not allowed",
                ));
            }
            Ok(())
        }
        fn id(field: String, t: &str) -> Result<(), ConfigError> {
            let ok = !t.is_empty()
                && t.len() <= 64
                && t.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if ok {
                Ok(())
            } else {
                Err(ConfigError::new(
                    field,
                    format!("{t:?} is not an id (1 to 64 letters, digits, _ or -)"),
                ))
            }
        }
        text("name".into(), &self.name, 120)?;
        let fdb = &self.front_desk_behavior;
        for (i, s) in fdb.booking_slots.iter().enumerate() {
            let at = |f: &str| format!("frontDeskBehavior.bookingSlots[{i}].{f}");
            id(at("id"), &s.id)?;
            text(at("question"), &s.question, 1000)?;
        }
        let mut scenario_ids = std::collections::HashSet::new();
        for (i, s) in self.scenarios.iter().enumerate() {
            let at = |f: &str| format!("scenarios[{i}].{f}");
            id(at("id"), &s.id)?;
            if !scenario_ids.insert(s.id.as_str()) {
                return Err(ConfigError::new(
                    at("id"),
                    format!("duplicate scenario id {:?}", s.id),
                ));
            }
            text(at("title"), &s.title, 200)?;
            text(at("response"), &s.response, 2000)?;
            if s.triggers.len() > 200 {
                return Err(ConfigError::new(at("triggers"), "at most 200 triggers"));
            }
            for (j, t) in s.triggers.iter().enumerate() {
                text(at(&format!("triggers[{j}]")), t, 200)?;
            }
        }
        let vocab = &fdb.vocabulary_guardrails;
        for (j, w) in vocab.forbidden_words.iter().enumerate() {
            let field = format!("frontDeskBehavior.vocabularyGuardrails.forbiddenWords[{j}]");
            text(field.clone(), w, 100)?;
            if w.trim().chars().count() < 2 {
                return Err(ConfigError::new(
                    field,
                    "a forbidden word has at least two letters",
                ));
            }
        }
        for (w, with) in &vocab.replacement_map {
            let field = format!("frontDeskBehavior.vocabularyGuardrails.replacementMap.{w}");
            text(field.clone(), w, 100)?;
            text(field, with, 100)?;
        }
        let consent = &fdb.discovery_consent;
        text(
            "frontDeskBehavior.discoveryConsent.consentQuestionTemplate".into(),
            &consent.consent_question_template,
            1000,
        )?;
        if consent.booking_requires_explicit_consent
            && consent
                .consent_yes_words
                .iter()
                .all(|w| w.trim().is_empty())
        {
            return Err(ConfigError::new(
                "frontDeskBehavior.discoveryConsent.consentYesWords",
                "explicit consent needs at least one yes word, or no caller could ever book",
            ));
        }
        let templates = serde_json::to_value(&self.care.templates).unwrap_or_default();
        if let Some(map) = templates.as_object() {
            for (k, t) in map {
                let t = t.as_str().unwrap_or_default();
                let field = format!("care.templates.{k}");
                text(field.clone(), t, 2000)?;
                if t.trim().is_empty() {
                    return Err(ConfigError::new(
                        field,
                        "must not be empty: it is sent as it is",
                    ));
                }
            }
        }
        let prompts = serde_json::to_value(&fdb.booking_prompts).unwrap_or_default();
        if let Some(map) = prompts.as_object() {
            for (k, t) in map {
                text(
                    format!("frontDeskBehavior.bookingPrompts.{k}"),
                    t.as_str().unwrap_or_default(),
                    2000,
                )?;
            }
        }
        Ok(())
    }

    /// Cross-field validation; sorts booking slots by `order`.
    pub fn validated(mut self) -> Result<Self, ConfigError> {
        if jiff::tz::TimeZone::get(&self.timezone).is_err() {
            return Err(ConfigError::new(
                "timezone",
                format!("unknown IANA time zone {:?}", self.timezone),
            ));
        }
        if let Some(c) = &self.country {
            if !crate::phone::known_region(c) {
                return Err(ConfigError::new(
                    "country",
                    format!("{c:?} is not an ISO 3166 country code (US, CA, GB…)"),
                ));
            }
        }
        let slots = &self.front_desk_behavior.booking_slots;
        if slots.is_empty() {
            return Err(ConfigError::new(
                "frontDeskBehavior.bookingSlots",
                "at least one booking slot is required",
            ));
        }
        let mut seen = std::collections::HashSet::new();
        let mut seen_types = std::collections::HashSet::new();
        for (i, slot) in slots.iter().enumerate() {
            let at = |f: &str| format!("frontDeskBehavior.bookingSlots[{i}].{f}");
            if slot.id.trim().is_empty() {
                return Err(ConfigError::new(at("id"), "must not be empty"));
            }
            if !seen.insert(slot.id.as_str()) {
                return Err(ConfigError::new(
                    at("id"),
                    format!("duplicate slot id {:?}", slot.id),
                ));
            }
            let builtin = matches!(
                slot.slot_type,
                SlotType::Name | SlotType::Phone | SlotType::Address | SlotType::Time
            );
            if builtin && !seen_types.insert(slot.slot_type) {
                return Err(ConfigError::new(
                    at("type"),
                    format!("only one {:?} slot is allowed", slot.slot_type).to_lowercase(),
                ));
            }
            let schema_id = match slot.slot_type {
                SlotType::Name => Some("name"),
                SlotType::Phone => Some("phone"),
                SlotType::Address => Some("address"),
                SlotType::Time => Some("time"),
                SlotType::Text | SlotType::Select => None,
            };
            match schema_id {
                Some(expected) if slot.id != expected => {
                    return Err(ConfigError::new(at("id"), format!("a slot of type {expected:?} must have id {expected:?} (the canonical schema has no aliases)")));
                }
                None if !slot.id.starts_with("custom_") => {
                    return Err(ConfigError::new(at("id"), "custom slots (type text or select) must have an id starting with \"custom_\""));
                }
                _ => {}
            }
            if slot.question.trim().is_empty() {
                return Err(ConfigError::new(
                    at("question"),
                    "must not be empty: it is the exact text the receptionist says",
                ));
            }
            if slot.slot_type == SlotType::Select && slot.options.is_empty() {
                return Err(ConfigError::new(
                    at("options"),
                    "a select slot needs at least one option",
                ));
            }
            if slot.confirm_back {
                if let Some(p) = &slot.confirm_prompt {
                    if !p.contains("{value}") {
                        return Err(ConfigError::new(
                            at("confirmPrompt"),
                            "must contain {value}",
                        ));
                    }
                }
            }
        }
        self.check_sizes()?;
        self.screen_spoken_texts()?;
        self.front_desk_behavior
            .booking_slots
            .sort_by_key(|s| s.order);
        let consent = &self.front_desk_behavior.discovery_consent;
        if consent.consent_question_template.trim().is_empty() {
            return Err(ConfigError::new(
                "frontDeskBehavior.discoveryConsent.consentQuestionTemplate",
                "must not be empty",
            ));
        }
        for (i, field) in consent
            .min_discovery_fields_before_consent
            .iter()
            .enumerate()
        {
            if !matches!(
                field.as_str(),
                "issueSummary" | "name" | "phone" | "address"
            ) {
                return Err(ConfigError::new(
                    format!("frontDeskBehavior.discoveryConsent.minDiscoveryFieldsBeforeConsent[{i}]"),
                    format!("unknown discovery field {field:?} (known: issueSummary, name, phone, address)"),
                ));
            }
        }
        for (i, s) in self.scenarios.iter().enumerate() {
            if s.triggers.iter().all(|t| t.trim().is_empty()) {
                return Err(ConfigError::new(
                    format!("scenarios[{i}].triggers"),
                    "needs at least one non-empty trigger",
                ));
            }
        }
        let care = &self.care;
        if care.quiet_hours_end >= care.quiet_hours_start || care.quiet_hours_start > 24 {
            return Err(ConfigError::new(
                "care.quietHoursEnd",
                "quiet hours must end (morning) before they start (evening), within 0..24",
            ));
        }
        if care.follow_ups_before_at_risk == 0 || care.reengagements_before_dormant == 0 {
            return Err(ConfigError::new(
                "care",
                "followUpsBeforeAtRisk and reengagementsBeforeDormant must be at least 1",
            ));
        }
        // Every cadence in hours, and whether it must be at least an hour (a wait of zero
        // would follow up at once, forever).
        let cadences = [
            ("care.followUpAfterHours", care.follow_up_after_hours, true),
            (
                "care.evaluatingFollowUpAfterHours",
                care.evaluating_follow_up_after_hours,
                true,
            ),
            (
                "care.atRiskReengageAfterHours",
                care.at_risk_reengage_after_hours,
                true,
            ),
            (
                "care.dormantReactivationAfterHours",
                care.dormant_reactivation_after_hours,
                true,
            ),
            (
                "care.activeCheckInAfterHours",
                care.active_check_in_after_hours,
                true,
            ),
            (
                "care.committedConfirmationAfterHours",
                care.committed_confirmation_after_hours,
                false,
            ),
            (
                "care.lostReconsiderationAfterHours",
                care.lost_reconsideration_after_hours,
                false,
            ),
            (
                "care.minHoursBetweenMessages",
                care.min_hours_between_messages,
                false,
            ),
        ];
        for (field, hours, at_least_one) in cadences {
            if at_least_one && hours == 0 {
                return Err(ConfigError::new(field, "must be at least 1 hour"));
            }
        }
        for (field, hours, _) in cadences {
            if hours > MAX_CADENCE_HOURS {
                return Err(ConfigError::new(
                    field,
                    format!("at most {MAX_CADENCE_HOURS} hours (ten years)"),
                ));
            }
        }
        for (field, n) in [
            ("care.followUpsBeforeAtRisk", care.follow_ups_before_at_risk),
            (
                "care.reengagementsBeforeDormant",
                care.reengagements_before_dormant,
            ),
            ("care.dormantAttemptsMax", care.dormant_attempts_max),
            ("care.maxMessagesPerWeek", care.max_messages_per_week),
        ] {
            if n > MAX_CADENCE_COUNT {
                return Err(ConfigError::new(
                    field,
                    format!("at most {MAX_CADENCE_COUNT}"),
                ));
            }
        }
        if let Some(chat) = &mut self.web_chat {
            for (i, o) in chat.allowed_origins.iter_mut().enumerate() {
                *o = normalize_origin(o)
                    .map_err(|r| ConfigError::new(format!("webChat.allowedOrigins[{i}]"), r))?;
            }
        }
        Ok(self)
    }

    /// The configuration as it may be shown: no secret (they never serialize), and
    /// `twilio.authTokenSet` / `systemOfRecord.signingSecretSet` saying whether one is kept.
    pub fn public_json(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if let (Some(t), Some(obj)) = (&self.twilio, v.pointer_mut("/twilio")) {
            obj["authTokenSet"] = t.auth_token.is_some().into();
        }
        if let (Some(s), Some(obj)) = (&self.system_of_record, v.pointer_mut("/systemOfRecord")) {
            obj["signingSecretSet"] = s.signing_secret.is_some().into();
        }
        v
    }

    /// Keep `previous`'s secrets where this configuration leaves them out (a secret is
    /// write-only, so an edit of what a GET showed omits it). Returns the secret fields this
    /// configuration sets to a new value, for the audit log (never the values).
    pub fn keep_secrets(&mut self, previous: Option<&Company>) -> Vec<String> {
        let mut changed = Vec::new();
        if let Some(t) = &mut self.twilio {
            let old = previous.and_then(|p| p.twilio.as_ref()?.auth_token.clone());
            match &t.auth_token {
                None => t.auth_token = old,
                Some(new) if old.as_ref() != Some(new) => changed.push(SECRET_FIELDS[0].into()),
                Some(_) => {}
            }
        }
        if let Some(s) = &mut self.system_of_record {
            let old = previous.and_then(|p| p.system_of_record.as_ref()?.signing_secret.clone());
            match &s.signing_secret {
                None => s.signing_secret = old,
                Some(new) if old.as_ref() != Some(new) => changed.push(SECRET_FIELDS[1].into()),
                Some(_) => {}
            }
        }
        changed
    }

    /// Every configured integration has its secret (given now or kept from before).
    pub fn require_secrets(&self) -> Result<(), ConfigError> {
        let why = "is required: Twilio signs its webhooks with it (write-only: send it once, later updates may leave it out)";
        if self.twilio.as_ref().is_some_and(|t| t.auth_token.is_none()) {
            return Err(ConfigError::new(SECRET_FIELDS[0], why));
        }
        if self
            .system_of_record
            .as_ref()
            .is_some_and(|s| s.signing_secret.is_none())
        {
            return Err(ConfigError::new(
                SECRET_FIELDS[1],
                "is required: the webhooks are signed with it (write-only: send it once, later updates may leave it out)",
            ));
        }
        Ok(())
    }

    /// The deployment's webhook rule (https, IP literals public unless `allow_private`);
    /// the host name, if any, still has to be resolved and checked by the caller.
    pub fn check_webhook(&self, allow_private: bool) -> Result<(), ConfigError> {
        if let Some(s) = &self.system_of_record {
            s.webhook_url
                .check(allow_private)
                .map_err(|r| ConfigError::new("systemOfRecord.webhookUrl", r))?;
        }
        Ok(())
    }

    /// The region phone numbers without a country code are read in.
    pub fn phone_region(&self) -> phonenumber::country::Id {
        crate::phone::region(self.country.as_deref())
    }

    /// A phone number as stored: E.164 in the company's region, `None` if it is not one.
    pub fn e164(&self, raw: &str) -> Option<String> {
        crate::phone::to_e164(raw, self.phone_region())
    }

    pub fn display_name(&self) -> &str {
        if self.name.is_empty() {
            self.company_id.as_str()
        } else {
            &self.name
        }
    }

    pub fn slot(&self, id: &str) -> Option<&BookingSlot> {
        self.front_desk_behavior
            .booking_slots
            .iter()
            .find(|s| s.id == id)
    }

    pub fn slot_of_type(&self, t: SlotType) -> Option<&BookingSlot> {
        self.front_desk_behavior
            .booking_slots
            .iter()
            .find(|s| s.slot_type == t)
    }

    pub fn time_zone(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::get(&self.timezone).unwrap_or(jiff::tz::TimeZone::UTC)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"companyId":"a","frontDeskBehavior":{"bookingSlots":[{"id":"name","question":"Name?","type":"name"}]}}"#;

    #[test]
    fn spoken_texts_pass_the_outbound_screen() {
        let priced = r#"{"companyId":"a","frontDeskBehavior":{"bookingSlots":[{"id":"name","question":"Name?","type":"name"}]},
            "scenarios":[{"id":"s","title":"t","triggers":["x"],"response":"A tune-up is eighty-nine dollars."}]}"#;
        let e = Company::from_json(priced).unwrap_err();
        assert_eq!(e.field, "scenarios[0].response");
        assert!(e.reason.contains("states a price"), "{}", e.reason);
        let human = MINIMAL.replace(
            r#""bookingSlots""#,
            r#""bookingPrompts":{"greeting":"Hi, I’m a real person at {company}."},"bookingSlots""#,
        );
        let e = Company::from_json(&human).unwrap_err();
        assert_eq!(e.field, "frontDeskBehavior.bookingPrompts.greeting");
    }

    #[test]
    fn texts_have_sizes_and_ids_are_ids() {
        let with = |from: &str, to: &str| Company::from_json(&MINIMAL.replace(from, to));
        let long = "x".repeat(121);
        for (from, to, field) in [
            (r#""companyId":"a""#, format!(r#""companyId":"a","name":"{long}""#), "name"),
            (
                r#""id":"name""#,
                r#""id":"name <svg>""#.to_owned(),
                "frontDeskBehavior.bookingSlots[0].id",
            ),
            (
                r#""bookingSlots""#,
                r#""vocabularyGuardrails":{"replacementMap":{"technician":"$49 tech"}},"bookingSlots""#.to_owned(),
                "frontDeskBehavior.vocabularyGuardrails.replacementMap.technician",
            ),
            (
                r#""bookingSlots""#,
                r#""vocabularyGuardrails":{"forbiddenWords":["a"]},"bookingSlots""#.to_owned(),
                "frontDeskBehavior.vocabularyGuardrails.forbiddenWords[0]",
            ),
            (
                r#""bookingSlots""#,
                r#""discoveryConsent":{"consentYesWords":[" "]},"bookingSlots""#.to_owned(),
                "frontDeskBehavior.discoveryConsent.consentYesWords",
            ),
            (
                r#""frontDeskBehavior""#,
                r#""scenarios":[{"id":"s","triggers":["x"],"response":"Ok."},{"id":"s","triggers":["y"],"response":"Ok."}],"frontDeskBehavior""#.to_owned(),
                "scenarios[1].id",
            ),
            (
                r#""frontDeskBehavior""#,
                r#""care":{"templates":{"initialOutreach":"  "}},"frontDeskBehavior""#.to_owned(),
                "care.templates.initialOutreach",
            ),
        ] {
            let e = with(from, &to).unwrap_err();
            assert_eq!(e.field, field, "{to}: {}", e.reason);
        }
    }

    #[test]
    fn cadences_stay_on_the_calendar() {
        let with = |care: &str| {
            Company::from_json(&MINIMAL.replace(
                r#""frontDeskBehavior""#,
                &format!(r#""care":{care},"frontDeskBehavior""#),
            ))
        };
        assert!(with(r#"{"followUpAfterHours": 87600}"#).is_ok());
        for (care, field) in [
            (
                r#"{"followUpAfterHours": 87601}"#,
                "care.followUpAfterHours",
            ),
            (
                r#"{"lostReconsiderationAfterHours": 200000000}"#,
                "care.lostReconsiderationAfterHours",
            ),
            (
                r#"{"minHoursBetweenMessages": 4294967295}"#,
                "care.minHoursBetweenMessages",
            ),
            (
                r#"{"reengagementsBeforeDormant": 4294967295}"#,
                "care.reengagementsBeforeDormant",
            ),
            (r#"{"maxMessagesPerWeek": 101}"#, "care.maxMessagesPerWeek"),
        ] {
            let e = with(care).unwrap_err();
            assert_eq!(e.field, field, "{care}");
        }
    }

    #[test]
    fn web_chat_origins_are_origins() {
        let with = |origins: &str| {
            Company::from_json(&MINIMAL.replace(
                r#""frontDeskBehavior""#,
                &format!(r#""webChat":{{"allowedOrigins":{origins}}},"frontDeskBehavior""#),
            ))
        };
        let c = with(r#"["https://WWW.Example.com/", "http://127.0.0.1:8080"]"#)
            .unwrap()
            .company;
        assert!(c.allows_origin("https://www.example.com"));
        assert!(c.allows_origin("http://127.0.0.1:8080"));
        assert!(!c.allows_origin("http://127.0.0.1:8081"));
        assert!(!c.allows_origin("null"));
        for (bad, why) in [
            (r#"["https://example.com/chat"]"#, "scheme://host"),
            (r#"["ftp://example.com"]"#, "http"),
            (r#"["example.com"]"#, "not an origin"),
            (r#"["https://example.com:443"]"#, "scheme://host"),
        ] {
            let e = with(bad).unwrap_err();
            assert_eq!(e.field, "webChat.allowedOrigins[0]", "{bad}");
            assert!(e.reason.contains(why), "{bad}: {}", e.reason);
        }
        let none = Company::from_json(MINIMAL).unwrap().company;
        assert!(!none.allows_origin("https://www.example.com"));
    }

    #[test]
    fn secrets_never_serialize_or_show_and_are_kept_when_left_out() {
        let token = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
        let secret = "whsec_fedcba9876543210fedcba9876543210";
        let with = MINIMAL.replace(
            r#""frontDeskBehavior""#,
            &format!(
                r#""twilio":{{"accountSid":"AC0123456789abcdef0123456789abcdef","authToken":"{token}","fromNumber":"+15125550100"}},
                "systemOfRecord":{{"webhookUrl":"https://93.184.216.34/hook","signingSecret":"{secret}"}},"frontDeskBehavior""#
            ),
        );
        let mut c = Company::from_json(&with).unwrap().company;
        for shown in [
            serde_json::to_string(&c).unwrap(),
            format!("{c:?}"),
            c.public_json().to_string(),
        ] {
            assert!(!shown.contains(token) && !shown.contains(secret), "{shown}");
        }
        let public = c.public_json();
        assert_eq!(public["twilio"]["authTokenSet"], true);
        assert_eq!(public["systemOfRecord"]["signingSecretSet"], true);
        // What GET showed parses back (the flags are accepted and ignored), without secrets …
        let mut edited = Company::from_json(&public.to_string()).unwrap();
        assert!(
            edited.ignored_fields.is_empty(),
            "{:?}",
            edited.ignored_fields
        );
        assert!(edited.company.require_secrets().is_err());
        // … and keeps the stored ones; a new value is named, never shown.
        assert!(edited.company.keep_secrets(Some(&c)).is_empty());
        assert!(edited.company.require_secrets().is_ok());
        c.twilio.as_mut().unwrap().auth_token =
            Some(TwilioAuthToken::parse("fedcba9876543210fedcba9876543210").unwrap());
        assert_eq!(
            c.keep_secrets(Some(&edited.company)),
            vec!["twilio.authToken".to_string()]
        );
        let e = Company::from_json(&MINIMAL.replace(
            r#""frontDeskBehavior""#,
            r#""transferNumber":"512-555-0100","frontDeskBehavior""#,
        ))
        .unwrap_err();
        assert_eq!(e.field, "transferNumber");
    }

    #[test]
    fn minimal_company_uses_defaults() {
        let c = Company::from_json(MINIMAL).unwrap().company;
        assert!(
            c.front_desk_behavior
                .discovery_consent
                .booking_requires_explicit_consent
        );
        assert_eq!(c.timezone, "America/Chicago");
    }

    #[test]
    fn errors_name_the_field() {
        let bad = MINIMAL.replace(r#""type":"name""#, r#""type":"banana""#);
        let err = Company::from_json(&bad).unwrap_err();
        assert_eq!(err.field, "frontDeskBehavior.bookingSlots[0].type");
        assert!(err.reason.contains("banana"), "{}", err.reason);
        let err = Company::from_json("{").unwrap_err();
        assert_eq!(err.field, "(document)");
        let err = Company::from_json(&MINIMAL.replace("\"a\"", "\"\"")).unwrap_err();
        assert_eq!(err.field, "companyId");
        let err = Company::from_json(&MINIMAL.replace(
            r#""companyId":"a""#,
            r#""companyId":"a","timezone":"Mars/Olympus""#,
        ))
        .unwrap_err();
        assert_eq!(err.field, "timezone");
    }

    #[test]
    fn duplicate_and_misnamed_slots_are_rejected() {
        let dup = r#"{"companyId":"a","frontDeskBehavior":{"bookingSlots":[{"id":"name","question":"N?","type":"name"},{"id":"name","question":"N?","type":"name"}]}}"#;
        assert_eq!(
            Company::from_json(dup).unwrap_err().field,
            "frontDeskBehavior.bookingSlots[1].id"
        );
        let alias = MINIMAL.replace(r#""id":"name""#, r#""id":"fullName""#);
        assert!(Company::from_json(&alias)
            .unwrap_err()
            .reason
            .contains("no aliases"));
    }

    #[test]
    fn unknown_fields_are_reported_not_fatal() {
        let extra = MINIMAL.replace(r#""companyId":"a""#, r#""companyId":"a","colour":"blue""#);
        let loaded = Company::from_json(&extra).unwrap();
        assert_eq!(loaded.ignored_fields, vec!["colour".to_string()]);
    }
}
