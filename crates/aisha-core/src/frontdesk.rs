//! The front desk engine: mode routing, consent, the deterministic booking state machine.
//!
//! A turn is two-phase so the engine stays I/O-free: [`begin_turn`] either finishes the turn
//! (every BOOKING prompt, consent, disclosure, handoff) or returns a [`ResponderRequest`] for
//! the discovery speaker; the caller obtains a [`SpeakerReply`] (LLM or none) and calls
//! [`finish_turn`], which validates it and falls back to the embedded responder.

use std::sync::LazyLock;

use jiff::Timestamp;
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::company::{BookingSlot, Company, NamePart, SlotType};
use crate::extract::{self, PhoneFinding};
use crate::guardrails;
use crate::intent::{self, InterruptAnalysis};
use crate::responder::{self, ResponderRequest, ResponderTask, ScenarioKnowledge, SpeakerReply};
use crate::session::{AgentIntent, Mode, Pending, Session, Speaker, TranscriptEntry};
use crate::signals::{self, Detection, Signal, Signals};
use crate::text;

/// Longest caller utterance the engine reads; the rest is ignored (and said so in the log).
pub const MAX_TURN_CHARS: usize = 2000;

#[derive(Debug, Clone)]
pub struct TurnInput<'a> {
    pub text: &'a str,
    /// The number the channel reports (E.164 or national), if any.
    pub caller_id: Option<&'a str>,
    pub now: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Handoff {
    /// Where to transfer the call, when the company configured a number.
    pub transfer_to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TurnOutcome {
    pub reply: String,
    pub mode: Mode,
    pub last_agent_intent: AgentIntent,
    pub signals: Signals,
    /// The signals that opened an escalation on this turn (empty: none).
    pub escalation: Vec<Detection>,
    pub llm_used: bool,
    /// Why a speaker's reply was not used, when it was not.
    pub speaker_fallback: Option<String>,
    pub booking_completed: bool,
    /// The caller cancelled the booking in progress (and confirmed it).
    #[serde(default)]
    pub booking_cancelled: bool,
    pub handoff: Option<Handoff>,
    pub opted_out: bool,
}

impl TurnOutcome {
    pub fn escalated(&self) -> bool {
        !self.escalation.is_empty()
    }
}

/// Carried from [`begin_turn`] to [`finish_turn`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponderTurn {
    pub request: ResponderRequest,
    prefix: Vec<String>,
    signals: Signals,
    escalation: Vec<Detection>,
    intent_if_offer: AgentIntent,
    now: Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TurnStep {
    Done(TurnOutcome),
    NeedsResponder(Box<ResponderTurn>),
}

struct Draft {
    parts: Vec<String>,
    intent: AgentIntent,
    booking_completed: bool,
    booking_cancelled: bool,
}

impl Draft {
    fn new(intent: AgentIntent) -> Self {
        Self {
            parts: Vec::new(),
            intent,
            booking_completed: false,
            booking_cancelled: false,
        }
    }
    fn say(&mut self, s: impl Into<String>) {
        self.parts.push(s.into());
    }
}

static SYMPTOM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(not (working|cooling|heating|turning on|starting|draining|flushing|blowing|coming on)|stopped|won't|wont|doesn't|does not|isn't|can't|broke|broken|leak\w*|drip\w*|noise|noisy|banging|rattl\w*|squeal\w*|grinding|smell\w*|odor|blank|dead|no (heat|cooling|cold air|hot water|power|air)|warm air|cold air|frozen|freez\w*|ice|tripp\w*|clogg\w*|overflow\w*|burst|flood\w*|backed up|pain|ache|aching|hurts|swollen|bleeding|chipped|cracked|damaged|sparking|smoke|smoking|flicker\w*|too (hot|cold)|runs constantly|short cycl\w*|keeps (turning|shutting|running)|checkup|check-up|cleaning|tune-?up|maintenance|inspection|install\w*|replace\w*|estimate|quote)\b")
        .expect("symptom pattern")
});
static GREETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(hi|hello|hey|good (morning|afternoon|evening)|yo|howdy)( there)?\W*$")
        .expect("greeting pattern")
});
static EMPATHY_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(issue|issues|problem|problems|trouble|not|broke|broken|stopped|leak\w*|help)\b")
        .expect("empathy pattern")
});
static CORRECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(actually|sorry|wait|correction|i meant|change|changed|wrong|oops|scratch that|instead|update|new number|different number)\b").expect("correction pattern")
});
static SAME_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(this number|same number|the number i'm calling from|number i'm calling from|caller id|the one i'm calling from)\b").expect("same number pattern")
});
static SKIP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(skip|none|no|nope|n/a|nothing|pass|not applicable|no thanks)\b")
        .expect("skip pattern")
});

/// Phase one of a turn.
pub fn begin_turn(company: &Company, session: &mut Session, input: TurnInput<'_>) -> TurnStep {
    let raw = match input.text.char_indices().nth(MAX_TURN_CHARS) {
        Some((i, _)) => &input.text[..i],
        None => input.text,
    };
    let raw = raw.trim();
    session.turn += 1;
    if let Some(cid) = input.caller_id.filter(|c| !c.trim().is_empty()) {
        session.caller_id = Some(cid.trim().to_owned());
    }
    session.transcript.push(TranscriptEntry {
        speaker: Speaker::Caller,
        text: raw.to_owned(),
        at: input.now,
    });
    let norm = text::normalize(raw);
    let signals = signals::detect_normalized(raw, &norm);
    let escalation: Vec<Detection> = signals.escalating().cloned().collect();
    let prompts = &company.front_desk_behavior.booking_prompts;
    let done = |session: &mut Session,
                draft: Draft,
                signals: Signals,
                escalation: Vec<Detection>,
                handoff,
                opted_out| {
        TurnStep::Done(finalize(
            company, session, draft, signals, escalation, false, None, handoff, opted_out,
            input.now,
        ))
    };

    if session.mode == Mode::Booking {
        reconcile_with_configuration(company, session);
    }
    if norm.is_empty() {
        // Silence (a call's Gather that heard nothing) or an empty message: the question the
        // caller is on is asked again; the second silence in a row offers a person instead.
        session.silences += 1;
        if session.silences >= 2 && session.mode != Mode::Complete {
            session.silences = 0;
            let mut d = Draft::new(AgentIntent::HumanHandoff);
            let handoff = Handoff {
                transfer_to: company.transfer_number.clone(),
            };
            d.say(match handoff.transfer_to {
                Some(_) => prompts.silence_transfer.clone(),
                None => prompts.silence_callback.clone(),
            });
            // A person has to follow up (the callback was promised): an escalation says so.
            let mut escalation = escalation;
            escalation.push(Detection {
                signal: Signal::HumanRequested,
                evidence: "the caller said nothing twice in a row".into(),
            });
            return done(session, d, signals, escalation, Some(handoff), false);
        }
        let mut d = Draft::new(session.last_agent_intent.unwrap_or(AgentIntent::Discovery));
        d.say(prompts.silence_reprompt.clone());
        match session.mode {
            Mode::Booking if current_prompt(company, session).is_empty() => {
                advance(company, session, &mut d)
            }
            Mode::Booking => d.say(current_prompt(company, session)),
            _ => d.say(text::fill(
                &prompts.greeting,
                &[("company", company.display_name())],
            )),
        }
        return done(session, d, signals, escalation, None, false);
    }
    session.silences = 0;

    if signals.has(Signal::OptOut) {
        let mut d = Draft::new(AgentIntent::OptOut);
        d.say(text::fill(
            &company.care.templates.opt_out_confirmation,
            &[("company", company.display_name())],
        ));
        return done(session, d, signals, escalation, None, true);
    }

    if signals.has(Signal::HumanRequested) {
        let mut d = Draft::new(AgentIntent::HumanHandoff);
        let handoff = Handoff {
            transfer_to: company.transfer_number.clone(),
        };
        if handoff.transfer_to.is_some() {
            d.say("Let me connect you with someone from our team.");
        } else {
            d.say(prompts.human_callback.clone());
            if session.mode == Mode::Booking {
                d.say("In the meantime,");
                d.say(current_prompt(company, session));
            }
        }
        return done(session, d, signals, escalation, Some(handoff), false);
    }

    match session.mode {
        Mode::Discovery => {
            discovery_turn(company, session, raw, &norm, signals, escalation, input.now)
        }
        Mode::Booking => booking_turn(company, session, raw, &norm, signals, escalation, input.now),
        Mode::Complete => {
            complete_turn(company, session, raw, &norm, signals, escalation, input.now)
        }
    }
}

/// Phase two: use the speaker's reply if it passes validation, else the embedded responder.
pub fn finish_turn(
    company: &Company,
    session: &mut Session,
    turn: ResponderTurn,
    speaker: Option<Result<SpeakerReply, String>>,
) -> TurnOutcome {
    let ResponderTurn {
        request,
        prefix,
        signals,
        escalation,
        intent_if_offer,
        now,
    } = turn;
    let prompts = &company.front_desk_behavior.booking_prompts;
    let mut fallback = None;
    let mut offer = request.offer_schedule;
    let mut body = None;
    match speaker {
        Some(Ok(reply)) => match responder::validate_speaker_reply(&reply) {
            Ok(()) => {
                if let (ResponderTask::Discovery, Some(summary)) =
                    (&request.task, reply.issue_summary.as_deref())
                {
                    let summary = summary.trim();
                    if !summary.is_empty() && session.discovery.issue_summary.is_none() {
                        session.discovery.issue_summary = Some(summary.chars().take(200).collect());
                    }
                }
                if reply.intent.as_deref() == Some("OFFER_SCHEDULE")
                    && request.task == ResponderTask::Discovery
                    && !request.declined_offer
                    && pre_consent_fields_known(company, session)
                {
                    offer = true;
                }
                let mut text = reply.reply.trim().to_owned();
                if let ResponderTask::Interrupt { resume_prompt } = &request.task {
                    if !text.contains(resume_prompt.as_str()) {
                        text = text::join_sentences([text.as_str(), resume_prompt.as_str()]);
                    }
                }
                body = Some(text);
            }
            Err(why) => fallback = Some(why),
        },
        Some(Err(why)) => fallback = Some(why),
        None => {}
    }
    let body = body.unwrap_or_else(|| responder::embedded_reply(&request, prompts));
    let mut d = Draft::new(match request.task {
        ResponderTask::Interrupt { .. } => AgentIntent::InterruptAnswer,
        ResponderTask::Discovery if offer => intent_if_offer,
        ResponderTask::Discovery => AgentIntent::Discovery,
    });
    d.parts = prefix;
    let question = &request.consent_question;
    d.say(body);
    if offer
        && request.task == ResponderTask::Discovery
        && !d.parts.iter().any(|p| p.contains(question.as_str()))
    {
        d.say(question.clone());
    }
    if offer && request.task == ResponderTask::Discovery {
        session.discovery.offers_made += 1;
    }
    finalize(
        company, session, d, signals, escalation, true, fallback, None, false, now,
    )
}

/// Finish a deterministic turn (no speaker, no handoff).
fn done(
    company: &Company,
    session: &mut Session,
    draft: Draft,
    signals: Signals,
    escalation: Vec<Detection>,
    now: Timestamp,
) -> TurnStep {
    TurnStep::Done(finalize(
        company, session, draft, signals, escalation, false, None, None, false, now,
    ))
}

/// Acknowledge the slot just captured and move on.
fn ack_and_advance(company: &Company, session: &mut Session, d: &mut Draft, slot: &BookingSlot) {
    let ack = acknowledgement(company, session, slot);
    advance_with_ack(company, session, d, Some(ack));
}

#[allow(clippy::too_many_arguments)]
fn finalize(
    company: &Company,
    session: &mut Session,
    draft: Draft,
    signals: Signals,
    escalation: Vec<Detection>,
    llm_used: bool,
    speaker_fallback: Option<String>,
    handoff: Option<Handoff>,
    opted_out: bool,
    now: Timestamp,
) -> TurnOutcome {
    let joined = text::join_sentences(draft.parts.iter().map(String::as_str));
    let reply =
        guardrails::apply_vocabulary(&joined, &company.front_desk_behavior.vocabulary_guardrails);
    session.last_agent_intent = Some(draft.intent);
    session.transcript.push(TranscriptEntry {
        speaker: Speaker::Agent,
        text: reply.clone(),
        at: now,
    });
    TurnOutcome {
        reply,
        mode: session.mode,
        last_agent_intent: draft.intent,
        signals,
        escalation,
        llm_used,
        speaker_fallback,
        booking_completed: draft.booking_completed,
        booking_cancelled: draft.booking_cancelled,
        handoff,
        opted_out,
    }
}

// ------------------------------------------------------------------ DISCOVERY

fn matched_scenarios(company: &Company, norm: &str) -> Vec<ScenarioKnowledge> {
    company
        .scenarios
        .iter()
        .filter(|s| {
            s.triggers
                .iter()
                .any(|t| text::contains_phrase(norm, &text::normalize(t)))
        })
        .map(|s| ScenarioKnowledge {
            id: s.id.clone(),
            title: s.title.clone(),
            response: s.response.clone(),
        })
        .collect()
}

fn pre_consent_fields_known(company: &Company, session: &Session) -> bool {
    let slots = &session.booking.slots;
    company
        .front_desk_behavior
        .discovery_consent
        .min_discovery_fields_before_consent
        .iter()
        .all(|f| match f.as_str() {
            "issueSummary" => session.discovery.issue_summary.is_some(),
            "name" => !slots.name.is_empty(),
            "phone" => slots.phone.is_some(),
            "address" => slots.address.full.is_some(),
            _ => true,
        })
}

fn discovery_turn(
    company: &Company,
    session: &mut Session,
    raw: &str,
    norm: &str,
    signals: Signals,
    escalation: Vec<Detection>,
    now: Timestamp,
) -> TurnStep {
    let fdb = &company.front_desk_behavior;
    let cfg = &fdb.discovery_consent;
    let prompts = &fdb.booking_prompts;
    capture_explicit_values(company, session, raw, norm, now, None);

    let scenarios = matched_scenarios(company, norm);
    for s in &scenarios {
        if !session.discovery.matched_scenarios.contains(&s.id) {
            session.discovery.matched_scenarios.push(s.id.clone());
        }
    }
    let mut issue_is_new = false;
    if session.discovery.issue_summary.is_none()
        && (!scenarios.is_empty() || SYMPTOM.is_match(norm))
    {
        session.discovery.issue_summary = Some(raw.chars().take(200).collect());
        issue_is_new = true;
    }
    let fields_known = pre_consent_fields_known(company, session);
    let offered_before = session.discovery.offers_made > 0;
    let mut consent =
        intent::detect_booking_consent(norm, cfg, session.last_agent_intent, offered_before);
    if consent.is_none()
        && !cfg.booking_requires_explicit_consent
        && fields_known
        && mentions_scheduling(norm)
    {
        consent = Some(intent::Consent {
            reason: intent::ConsentReason::ExplicitPhrase,
            phrase: "scheduling request".into(),
        });
    }
    if consent.is_none() && fields_known {
        if let Some(phrase) = session.discovery.pending_booking_request.clone() {
            consent = Some(intent::Consent {
                reason: intent::ConsentReason::ExplicitPhrase,
                phrase,
            });
        }
    }
    let pricing = signals.has(Signal::PricingQuestion) || signals.has(Signal::ContractQuestion);

    if let Some(c) = &consent {
        if fields_known {
            let mut d = Draft::new(AgentIntent::BookingSlotQuestion);
            if pricing {
                d.say(prompts.pricing_deferral.clone());
            }
            if signals.has(Signal::BotQuestion) {
                d.say(text::fill(
                    &prompts.ai_disclosure,
                    &[("company", company.display_name())],
                ));
            }
            enter_booking(company, session, c.phrase.clone(), now, &mut d);
            return done(company, session, d, signals, escalation, now);
        }
        session.discovery.pending_booking_request = Some(c.phrase.clone());
    }

    let after_offer = session.last_agent_intent == Some(AgentIntent::OfferSchedule);
    if consent.is_none()
        && after_offer
        && fields_known
        && session.discovery.reasked_offer != Some(session.discovery.offers_made)
        && intent::read_offer_reply(norm, &cfg.consent_yes_words) == intent::OfferReply::Mixed
    {
        // "Yes, but not today": neither consent nor a decline; the offer is asked once more.
        session.discovery.reasked_offer = Some(session.discovery.offers_made);
        let mut d = Draft::new(AgentIntent::OfferSchedule);
        d.say(cfg.consent_question_template.clone());
        return done(company, session, d, signals, escalation, now);
    }
    let declined = after_offer && intent::declines(norm);
    let offer = fields_known && !declined && consent.is_none();

    if signals.has(Signal::BotQuestion) {
        let mut d = Draft::new(if offer {
            AgentIntent::OfferSchedule
        } else {
            AgentIntent::Discovery
        });
        d.say(text::fill(
            &prompts.ai_disclosure,
            &[("company", company.display_name())],
        ));
        if pricing {
            d.say(prompts.pricing_deferral.clone());
        }
        if offer {
            d.say(cfg.consent_question_template.clone());
            session.discovery.offers_made += 1;
        } else {
            d.say("How can I help you today?");
        }
        return done(company, session, d, signals, escalation, now);
    }

    // Scenario scripts, when the company lets scenarios answer without the speaker.
    if !cfg.force_llm_discovery && !cfg.disable_scenario_auto_responses {
        if let Some(s) = scenarios.first() {
            let mut d = Draft::new(if offer {
                AgentIntent::OfferSchedule
            } else {
                AgentIntent::Discovery
            });
            if pricing {
                d.say(prompts.pricing_deferral.clone());
            }
            d.say(s.response.clone());
            if offer {
                d.say(cfg.consent_question_template.clone());
                session.discovery.offers_made += 1;
            }
            return done(company, session, d, signals, escalation, now);
        }
    }

    let history = session
        .transcript
        .iter()
        .rev()
        .take(8)
        .rev()
        .map(|t| (format!("{:?}", t.speaker).to_lowercase(), t.text.clone()))
        .collect();
    let request = ResponderRequest {
        task: ResponderTask::Discovery,
        company_name: company.display_name().to_owned(),
        caller_text: raw.to_owned(),
        issue_summary: session.discovery.issue_summary.clone(),
        issue_is_new,
        scenarios,
        offer_schedule: offer,
        consent_question: cfg.consent_question_template.clone(),
        declined_offer: declined,
        asked_to_book_without_issue: consent.is_some() && !fields_known,
        greeting_only: GREETING.is_match(norm),
        pricing_or_contract: pricing,
        empathize: EMPATHY_CUE.is_match(norm) || issue_is_new,
        history,
    };
    TurnStep::NeedsResponder(Box::new(ResponderTurn {
        request,
        prefix: Vec::new(),
        signals,
        escalation,
        intent_if_offer: AgentIntent::OfferSchedule,
        now,
    }))
}

fn mentions_scheduling(norm: &str) -> bool {
    [
        "schedule",
        "book",
        "appointment",
        "come out",
        "send someone",
        "visit",
    ]
    .iter()
    .any(|w| text::contains_phrase(norm, w))
}

fn enter_booking(
    company: &Company,
    session: &mut Session,
    phrase: String,
    now: Timestamp,
    d: &mut Draft,
) {
    let b = &mut session.booking;
    b.consent_given = true;
    b.consent_phrase = Some(phrase);
    b.consent_turn = Some(session.turn);
    b.consent_timestamp = Some(now);
    session.mode = Mode::Booking;
    session.discovery.pending_booking_request = None;
    d.say(
        company
            .front_desk_behavior
            .booking_prompts
            .consent_acknowledgement
            .clone(),
    );
    advance(company, session, d);
}

// ------------------------------------------------------------------ BOOKING

fn active_slot<'c>(company: &'c Company, session: &Session) -> Option<&'c BookingSlot> {
    session
        .booking
        .active_slot
        .as_deref()
        .and_then(|id| company.slot(id))
}

fn slot_captured(session: &Session, slot: &BookingSlot) -> bool {
    let s = &session.booking.slots;
    match slot.slot_type {
        SlotType::Name => !s.name.is_empty(),
        SlotType::Phone => s.phone.is_some(),
        SlotType::Address => s.address.full.is_some(),
        SlotType::Time => s.time.preference.is_some(),
        SlotType::Text | SlotType::Select => s.custom.get(&slot.id).is_some_and(Option::is_some),
    }
}

/// The question the engine is waiting on: a pending confirmation, or the active slot's.
pub fn current_prompt(company: &Company, session: &Session) -> String {
    let prompts = &company.front_desk_behavior.booking_prompts;
    match &session.pending {
        Some(Pending::Confirm { slot }) => company
            .slot(slot)
            .map(|s| {
                text::fill(
                    s.confirm_prompt(),
                    &[("value", &slot_value_text(session, s))],
                )
            })
            .unwrap_or_default(),
        Some(Pending::MissingNamePart { part }) => match part {
            NamePart::First => prompts.missing_first_name_question.clone(),
            NamePart::Last => prompts.missing_last_name_question.clone(),
        },
        Some(Pending::CancelBooking { .. }) => prompts.cancel_booking_question.clone(),
        Some(Pending::CallerId) => company
            .slot_of_type(SlotType::Phone)
            .map(|s| {
                text::fill(
                    s.caller_id_prompt(),
                    &[("value", &caller_id_display(session).unwrap_or_default())],
                )
            })
            .unwrap_or_default(),
        None => active_slot(company, session)
            .map(|s| s.question.clone())
            .unwrap_or_default(),
    }
}

fn caller_id_display(session: &Session) -> Option<String> {
    session.caller_id.as_deref().and_then(extract::parse_phone)
}

fn slot_value_text(session: &Session, slot: &BookingSlot) -> String {
    let s = &session.booking.slots;
    match slot.slot_type {
        SlotType::Name => s.name.spoken(false),
        SlotType::Phone => s.phone.clone().unwrap_or_default(),
        SlotType::Address => s.address.full.clone().unwrap_or_default(),
        SlotType::Time => {
            let asap = slot.asap_phrase();
            extract::time_phrase(
                s.time.preference.as_deref().unwrap_or(""),
                s.time.window.as_deref(),
                asap,
            )
        }
        SlotType::Text | SlotType::Select => s
            .custom
            .get(&slot.id)
            .cloned()
            .flatten()
            .unwrap_or_default(),
    }
}

fn acknowledgement(company: &Company, session: &Session, slot: &BookingSlot) -> String {
    let p = &company.front_desk_behavior.booking_prompts;
    match slot.slot_type {
        SlotType::Name => {
            let first_only = slot.name_options().use_first_name_only;
            text::fill(
                &p.name_acknowledgement,
                &[("name", &session.booking.slots.name.spoken(first_only))],
            )
        }
        SlotType::Phone => p.phone_acknowledgement.clone(),
        SlotType::Address => p.address_acknowledgement.clone(),
        SlotType::Time => p.time_acknowledgement.clone(),
        SlotType::Text | SlotType::Select => p.other_acknowledgement.clone(),
    }
}

/// Move to the next slot the caller has not given, or to COMPLETE. `ack` is the
/// acknowledgement of the slot just captured; it is dropped when the booking completes (the
/// completion message speaks for it).
fn advance_with_ack(company: &Company, session: &mut Session, d: &mut Draft, ack: Option<String>) {
    let before = d.parts.len();
    if let Some(a) = ack {
        d.say(a);
    }
    advance(company, session, d);
    if session.mode == Mode::Complete && d.parts.len() > before + 1 {
        d.parts.remove(before);
    }
}

fn advance(company: &Company, session: &mut Session, d: &mut Draft) {
    session.pending = None;
    for slot in &company.front_desk_behavior.booking_slots {
        if slot_captured(session, slot) || session.skipped_slots.contains(&slot.id) {
            continue;
        }
        session.booking.active_slot = Some(slot.id.clone());
        d.intent = AgentIntent::BookingSlotQuestion;
        if slot.slot_type == SlotType::Phone
            && slot.offer_caller_id
            && !session.booking.meta.phone.used_caller_id
        {
            if let Some(display) = caller_id_display(session) {
                session.pending = Some(Pending::CallerId);
                d.say(text::fill(slot.caller_id_prompt(), &[("value", &display)]));
                return;
            }
        }
        d.say(slot.question.clone());
        return;
    }
    complete(company, session, d);
}

fn complete(company: &Company, session: &mut Session, d: &mut Draft) {
    session.booking.active_slot = None;
    session.pending = None;
    session.mode = Mode::Complete;
    let prompts = &company.front_desk_behavior.booking_prompts;
    let time_words = match company.slot_of_type(SlotType::Time) {
        Some(slot) => slot_value_text(session, slot),
        None => "soon".to_owned(),
    };
    let name = session.booking.slots.name.spoken(
        company
            .slot_of_type(SlotType::Name)
            .is_some_and(|s| s.name_options().use_first_name_only),
    );
    d.say(text::fill(
        &prompts.completion_message,
        &[
            ("time", &time_words),
            ("name", &name),
            ("company", company.display_name()),
        ],
    ));
    d.intent = AgentIntent::BookingComplete;
    d.booking_completed = true;
}

/// The company's slots may change while a call is in progress: a pending question about a
/// slot that is gone is dropped, and a removed active slot gives way to the next one the caller
/// has not answered, so every turn has a question from the current configuration.
fn reconcile_with_configuration(company: &Company, session: &mut Session) {
    let stale = match &session.pending {
        Some(Pending::Confirm { slot }) => company.slot(slot).is_none(),
        Some(Pending::MissingNamePart { .. }) => company.slot_of_type(SlotType::Name).is_none(),
        Some(Pending::CallerId) => company.slot_of_type(SlotType::Phone).is_none(),
        Some(Pending::CancelBooking { .. }) | None => false,
    };
    if stale {
        session.pending = None;
    }
    if active_slot(company, session).is_none() {
        session.booking.active_slot = company
            .front_desk_behavior
            .booking_slots
            .iter()
            .find(|slot| !slot_captured(session, slot) && !session.skipped_slots.contains(&slot.id))
            .map(|slot| slot.id.clone());
    }
}

/// The caller confirmed they do not want the booking: back to DISCOVERY without consent (a
/// later yes starts a new booking), with what they gave kept for the team.
fn cancel_booking(company: &Company, session: &mut Session, d: &mut Draft) {
    session.pending = None;
    session.booking.active_slot = None;
    session.booking.consent_given = false;
    session.mode = Mode::Discovery;
    d.say(
        company
            .front_desk_behavior
            .booking_prompts
            .booking_cancelled
            .clone(),
    );
    d.intent = AgentIntent::Discovery;
    d.booking_cancelled = true;
}

/// What an answer did to a slot.
enum Answer {
    /// Captured; acknowledge and move on.
    Captured,
    /// Captured, but a follow-up question was asked (confirm back, missing name part).
    Asked,
    /// Not usable; the message says why.
    Unusable(String),
}

fn apply_answer(
    company: &Company,
    session: &mut Session,
    slot: &BookingSlot,
    raw: &str,
    norm: &str,
    now: Timestamp,
    d: &mut Draft,
) -> Answer {
    let prompts = &company.front_desk_behavior.booking_prompts;
    if !slot.required && SKIP.is_match(norm) {
        session.skipped_slots.push(slot.id.clone());
        return Answer::Captured;
    }
    match slot.slot_type {
        SlotType::Name => match extract::extract_name(raw) {
            Some(tokens) => capture_name(company, session, slot, tokens, d),
            None => Answer::Unusable(prompts.did_not_understand.clone()),
        },
        SlotType::Phone => {
            if SAME_NUMBER.is_match(norm) {
                if let Some(p) = caller_id_display(session) {
                    session.booking.slots.phone = Some(p);
                    session.booking.meta.phone.used_caller_id = true;
                    return confirm_or_capture(session, slot, d);
                }
            }
            match extract::find_phone(raw) {
                Some(PhoneFinding::Valid(p)) => {
                    session.booking.slots.phone = Some(p);
                    confirm_or_capture(session, slot, d)
                }
                Some(PhoneFinding::Invalid(_)) => Answer::Unusable(prompts.invalid_phone.clone()),
                None => Answer::Unusable(prompts.did_not_understand.clone()),
            }
        }
        SlotType::Address => match extract::find_address(raw) {
            Some(extract::AddressFinding::PoBox) => {
                Answer::Unusable(prompts.address_not_serviceable.clone())
            }
            Some(extract::AddressFinding::Found(a)) => {
                let v = &mut session.booking.slots.address;
                v.full = Some(a.full);
                v.street = a.street;
                v.unit = a.unit;
                v.city = a.city;
                confirm_or_capture(session, slot, d)
            }
            None => Answer::Unusable(prompts.did_not_understand.clone()),
        },
        SlotType::Time => match extract::extract_time(norm, now, &company.time_zone()) {
            Some(t) => {
                set_time(session, t);
                confirm_or_capture(session, slot, d)
            }
            None => Answer::Unusable(prompts.did_not_understand.clone()),
        },
        SlotType::Text => {
            let value = strip_answer_filler(raw);
            if value.is_empty() {
                return Answer::Unusable(prompts.did_not_understand.clone());
            }
            session
                .booking
                .slots
                .custom
                .insert(slot.id.clone(), Some(value.chars().take(500).collect()));
            confirm_or_capture(session, slot, d)
        }
        SlotType::Select => match pick_option(&slot.options, norm) {
            Some(opt) => {
                session
                    .booking
                    .slots
                    .custom
                    .insert(slot.id.clone(), Some(opt));
                confirm_or_capture(session, slot, d)
            }
            None => Answer::Unusable(prompts.did_not_understand.clone()),
        },
    }
}

fn strip_answer_filler(raw: &str) -> String {
    let t = raw.trim();
    let lower = t.to_lowercase();
    for p in ["it's ", "it is ", "that's ", "um ", "uh ", "well "] {
        if lower.starts_with(p) {
            return t[p.len()..].trim().to_owned();
        }
    }
    t.to_owned()
}

fn pick_option(options: &[String], norm: &str) -> Option<String> {
    if let Some(o) = options
        .iter()
        .find(|o| text::contains_phrase(norm, &text::normalize(o)))
    {
        return Some(o.clone());
    }
    let ordinals = [
        ("first", 0),
        ("second", 1),
        ("third", 2),
        ("fourth", 3),
        ("last", usize::MAX),
    ];
    ordinals
        .iter()
        .find(|(w, _)| text::contains_phrase(norm, w))
        .and_then(|(_, i)| {
            if *i == usize::MAX {
                options.last().cloned()
            } else {
                options.get(*i).cloned()
            }
        })
}

fn set_time(session: &mut Session, t: extract::TimeAnswer) {
    session.booking.slots.time.preference = Some(t.preference.to_owned());
    session.booking.slots.time.window = t.window;
    session.booking.meta.time.is_asap = t.preference == "ASAP";
}

fn confirm_or_capture(session: &mut Session, slot: &BookingSlot, d: &mut Draft) -> Answer {
    if slot.confirm_back {
        session.pending = Some(Pending::Confirm {
            slot: slot.id.clone(),
        });
        d.say(text::fill(
            slot.confirm_prompt(),
            &[("value", &slot_value_text(session, slot))],
        ));
        Answer::Asked
    } else {
        Answer::Captured
    }
}

/// The name-slot state machine: a full name is captured; a single token is stored as the
/// company's assumed part, confirmed back, and the missing part asked for once.
fn capture_name(
    company: &Company,
    session: &mut Session,
    slot: &BookingSlot,
    tokens: Vec<String>,
    d: &mut Draft,
) -> Answer {
    let opts = slot.name_options();
    let name = &mut session.booking.slots.name;
    let meta = &mut session.booking.meta.name;
    if let Some((first, last)) = extract::split_full_name(&tokens) {
        name.set(NamePart::First, Some(first));
        name.set(NamePart::Last, Some(last));
        meta.source = Some("user".into());
        meta.assumed_single_token_as = None;
        return Answer::Captured;
    }
    let Some(token) = tokens.into_iter().next() else {
        return Answer::Unusable(
            company
                .front_desk_behavior
                .booking_prompts
                .did_not_understand
                .clone(),
        );
    };
    let part = opts.default_assume_single_token_as;
    *name = Default::default();
    name.set(part, Some(token.clone()));
    meta.assumed_single_token_as = Some(part.as_str().into());
    meta.source = Some("assumed".into());
    meta.last_confirmed = false;
    if slot.confirm_back {
        session.pending = Some(Pending::Confirm {
            slot: slot.id.clone(),
        });
        d.say(text::fill(slot.confirm_prompt(), &[("value", &token)]));
        return Answer::Asked;
    }
    ask_missing_name_part(company, session, slot, d)
}

fn ask_missing_name_part(
    company: &Company,
    session: &mut Session,
    slot: &BookingSlot,
    d: &mut Draft,
) -> Answer {
    let opts = slot.name_options();
    let name = &session.booking.slots.name;
    let missing = if name.first.is_none() {
        NamePart::First
    } else {
        NamePart::Last
    };
    let complete = name.first.is_some() && name.last.is_some();
    if complete
        || !opts.ask_full_name
        || !opts.ask_once_for_missing_part
        || session.booking.meta.name.asked_missing_part_once
    {
        return Answer::Captured;
    }
    session.booking.meta.name.asked_missing_part_once = true;
    session.pending = Some(Pending::MissingNamePart { part: missing });
    d.say(current_prompt(company, session));
    Answer::Asked
}

/// Values the caller states explicitly (a phone number anywhere, "my name is …", a street
/// address, "as soon as possible"): fill slots not yet given, and update given ones (a
/// correction). The active slot is left to its own answer handling. Returns the labels of
/// the slots that were corrected.
fn capture_explicit_values(
    company: &Company,
    session: &mut Session,
    raw: &str,
    norm: &str,
    now: Timestamp,
    active: Option<&str>,
) -> Vec<String> {
    let mut corrected = Vec::new();
    let correcting = CORRECTION.is_match(norm);
    let mut update =
        |session: &mut Session, slot: &BookingSlot, apply: &mut dyn FnMut(&mut Session) -> bool| {
            if Some(slot.id.as_str()) == active && !correcting {
                return;
            }
            let had = slot_captured(session, slot);
            if apply(session) && had {
                corrected.push(slot.spoken_label());
            }
        };
    if let Some(slot) = company.slot_of_type(SlotType::Phone) {
        if let Some(PhoneFinding::Valid(p)) = extract::find_phone(raw) {
            update(session, slot, &mut |s| {
                if s.booking.slots.phone.as_deref() == Some(p.as_str()) {
                    return false;
                }
                s.booking.slots.phone = Some(p.clone());
                s.booking.meta.phone.used_caller_id = false;
                s.booking.meta.phone.confirmed = false;
                true
            });
        }
    }
    if let Some(slot) = company.slot_of_type(SlotType::Name) {
        let lower = norm;
        if let Some(tokens) = extract::volunteered_name(raw) {
            let only_last = lower.contains("last name") || lower.contains("surname");
            let only_first = lower.contains("first name");
            update(session, slot, &mut |s| {
                let name = &mut s.booking.slots.name;
                let before = name.clone();
                if only_last {
                    name.set(NamePart::Last, Some(tokens.join(" ")));
                } else if only_first {
                    name.set(NamePart::First, Some(tokens.join(" ")));
                } else if let Some((first, last)) = extract::split_full_name(&tokens) {
                    name.set(NamePart::First, Some(first));
                    name.set(NamePart::Last, Some(last));
                } else {
                    *name = Default::default();
                    name.set(NamePart::First, Some(tokens.join(" ")));
                }
                s.booking.meta.name.source = Some("user".into());
                *name != before
            });
        }
    }
    if let Some(slot) = company.slot_of_type(SlotType::Address) {
        if let Some(a) = extract::volunteered_address(raw) {
            update(session, slot, &mut |s| {
                let v = &mut s.booking.slots.address;
                if v.full.as_deref() == Some(a.full.as_str()) {
                    return false;
                }
                v.full = Some(a.full.clone());
                v.street = a.street.clone();
                v.unit = a.unit.clone();
                v.city = a.city.clone();
                s.booking.meta.address.confirmed = false;
                true
            });
        }
    }
    if let Some(slot) = company.slot_of_type(SlotType::Time) {
        if active.is_some() || session.mode == Mode::Complete {
            let asap_said =
                norm.contains("as soon as possible") || text::contains_phrase(norm, "asap");
            let explicit_time = correcting
                && (norm.contains("time")
                    || norm.contains("morning")
                    || norm.contains("afternoon")
                    || asap_said);
            if asap_said || explicit_time {
                if let Some(t) = extract::extract_time(norm, now, &company.time_zone()) {
                    update(session, slot, &mut |s| {
                        if s.booking.slots.time.preference.as_deref() == Some(t.preference)
                            && s.booking.slots.time.window == t.window
                        {
                            return false;
                        }
                        set_time(s, t.clone());
                        true
                    });
                }
            }
        }
    }
    corrected
}

fn booking_turn(
    company: &Company,
    session: &mut Session,
    raw: &str,
    norm: &str,
    signals: Signals,
    escalation: Vec<Detection>,
    now: Timestamp,
) -> TurnStep {
    let prompts = &company.front_desk_behavior.booking_prompts;
    let analysis = InterruptAnalysis::of(raw, norm);
    let mut d = Draft::new(AgentIntent::BookingSlotQuestion);
    if signals.has(Signal::BotQuestion) {
        d.say(text::fill(
            &prompts.ai_disclosure,
            &[("company", company.display_name())],
        ));
        if signals.has(Signal::PricingQuestion) || signals.has(Signal::ContractQuestion) {
            d.say(prompts.pricing_deferral.clone());
        }
        d.intent = AgentIntent::InterruptAnswer;
        d.say(current_prompt(company, session));
        return done(company, session, d, signals, escalation, now);
    }

    if session.pending.is_none() && active_slot(company, session).is_none() {
        // Nothing left to ask under the current configuration.
        advance(company, session, &mut d);
        return done(company, session, d, signals, escalation, now);
    }
    if intent::instructs_assistant(norm) {
        // Instructions to the assistant are never an answer: the question is asked again.
        d.say(prompts.did_not_understand.clone());
        d.say(current_prompt(company, session));
        return done(company, session, d, signals, escalation, now);
    }
    let cancelling = !matches!(session.pending, Some(Pending::CancelBooking { .. }))
        && intent::wants_to_cancel(norm)
        && !active_slot(company, session)
            .is_some_and(|slot| slot_can_answer(company, session, slot, raw, norm, now));
    if cancelling {
        let resume = session.pending.take().map(Box::new);
        session.pending = Some(Pending::CancelBooking { resume });
        d.say(prompts.cancel_booking_question.clone());
        return done(company, session, d, signals, escalation, now);
    }

    if let Some(pending) = session.pending.clone() {
        return pending_turn(
            company, session, pending, raw, norm, analysis, signals, escalation, now, d,
        );
    }
    let Some(slot) = active_slot(company, session).cloned() else {
        advance(company, session, &mut d);
        return done(company, session, d, signals, escalation, now);
    };

    let corrected = capture_explicit_values(company, session, raw, norm, now, Some(&slot.id));
    for label in &corrected {
        d.say(text::fill(
            &prompts.correction_acknowledgement,
            &[("label", label)],
        ));
    }
    if slot_captured(session, &slot) && !corrected.iter().any(|l| *l == slot.spoken_label()) {
        // Given in passing (or corrected) before this slot's own answer was read.
        ack_and_advance(company, session, &mut d, &slot);
        return done(company, session, d, signals, escalation, now);
    }
    if slot_captured(session, &slot) {
        advance(company, session, &mut d);
        return done(company, session, d, signals, escalation, now);
    }

    let can_answer = slot_can_answer(company, session, &slot, raw, norm, now);
    let question = analysis.is_interrupt(can_answer) || intent::asks_for_information(norm);
    if can_answer
        && question
        && intent::proposes_value(norm)
        && !matches!(slot.slot_type, SlotType::Text | SlotType::Select)
    {
        // "How about one pm?": still a question by the locked rule, but it carries a value for
        // this slot; the value is kept and read back for the caller to confirm.
        if let Answer::Captured | Answer::Asked = apply_answer(
            company,
            session,
            &slot,
            raw,
            norm,
            now,
            &mut Draft::new(d.intent),
        ) {
            if slot_captured(session, &slot) {
                session.pending = Some(Pending::Confirm {
                    slot: slot.id.clone(),
                });
                d.say(text::fill(
                    slot.confirm_prompt(),
                    &[("value", &slot_value_text(session, &slot))],
                ));
                return done(company, session, d, signals, escalation, now);
            }
        }
    }
    if question
        || (!can_answer
            && (signals.has(Signal::PricingQuestion) || signals.has(Signal::ContractQuestion)))
    {
        return interrupt(company, session, d, raw, norm, signals, escalation, now);
    }
    if !corrected.is_empty() && !can_answer {
        // The utterance was about another slot; this slot's question is asked again.
        d.say(current_prompt(company, session));
        return done(company, session, d, signals, escalation, now);
    }
    match apply_answer(company, session, &slot, raw, norm, now, &mut d) {
        Answer::Captured => ack_and_advance(company, session, &mut d, &slot),
        Answer::Asked => {}
        Answer::Unusable(why) => {
            d.say(why);
            d.say(current_prompt(company, session));
        }
    }
    done(company, session, d, signals, escalation, now)
}

/// Whether the active slot's extractor can use this text, without changing anything.
fn slot_can_answer(
    company: &Company,
    session: &Session,
    slot: &BookingSlot,
    raw: &str,
    norm: &str,
    now: Timestamp,
) -> bool {
    match slot.slot_type {
        SlotType::Name => extract::extract_name(raw).is_some(),
        SlotType::Phone => {
            extract::find_phone(raw).is_some()
                || (SAME_NUMBER.is_match(norm) && caller_id_display(session).is_some())
        }
        SlotType::Address => extract::find_address(raw).is_some(),
        SlotType::Time => extract::extract_time(norm, now, &company.time_zone()).is_some(),
        SlotType::Text => !raw.trim().is_empty() && !raw.trim_end().ends_with('?'),
        SlotType::Select => pick_option(&slot.options, norm).is_some(),
    }
}

#[allow(clippy::too_many_arguments)]
fn pending_turn(
    company: &Company,
    session: &mut Session,
    pending: Pending,
    raw: &str,
    norm: &str,
    analysis: InterruptAnalysis,
    signals: Signals,
    escalation: Vec<Detection>,
    now: Timestamp,
    mut d: Draft,
) -> TurnStep {
    let prompts = &company.front_desk_behavior.booking_prompts;
    let yn = extract::yes_no(norm);
    match pending {
        Pending::Confirm { slot: slot_id } => {
            let Some(slot) = company.slot(&slot_id).cloned() else {
                advance(company, session, &mut d);
                return done(company, session, d, signals, escalation, now);
            };
            match yn {
                Some(true) if !(analysis.has_question_mark && analysis.has_interrupt_keywords) => {
                    session.pending = None;
                    mark_confirmed(session, &slot);
                    let rest = extract::after_yes_no(raw);
                    if slot.slot_type == SlotType::Name {
                        // "Yes, and my first name is John" answers the next question too.
                        if let Some(tokens) =
                            extract::extract_name(rest).filter(|_| !rest.is_empty())
                        {
                            let missing = if session.booking.slots.name.first.is_none() {
                                NamePart::First
                            } else {
                                NamePart::Last
                            };
                            session
                                .booking
                                .slots
                                .name
                                .set(missing, Some(tokens.join(" ")));
                            ack_and_advance(company, session, &mut d, &slot);
                        } else {
                            if let Answer::Captured =
                                ask_missing_name_part(company, session, &slot, &mut d)
                            {
                                ack_and_advance(company, session, &mut d, &slot);
                            }
                        }
                    } else {
                        ack_and_advance(company, session, &mut d, &slot);
                    }
                }
                Some(false) => {
                    session.pending = None;
                    reset_slot(session, &slot);
                    let rest = extract::after_yes_no(raw);
                    let rest_norm = text::normalize(rest);
                    if !rest.is_empty()
                        && slot_can_answer(company, session, &slot, rest, &rest_norm, now)
                    {
                        match apply_answer(company, session, &slot, rest, &rest_norm, now, &mut d) {
                            Answer::Captured => ack_and_advance(company, session, &mut d, &slot),
                            Answer::Asked => {}
                            Answer::Unusable(_) => d.say(slot.question.clone()),
                        }
                    } else {
                        d.say(slot.question.clone());
                    }
                }
                _ => {
                    if analysis.is_interrupt(false) || signals.has(Signal::PricingQuestion) {
                        return interrupt(company, session, d, raw, norm, signals, escalation, now);
                    }
                    if slot_can_answer(company, session, &slot, raw, norm, now) {
                        session.pending = None;
                        reset_slot(session, &slot);
                        match apply_answer(company, session, &slot, raw, norm, now, &mut d) {
                            Answer::Captured => ack_and_advance(company, session, &mut d, &slot),
                            Answer::Asked => {}
                            Answer::Unusable(why) => {
                                d.say(why);
                                d.say(slot.question.clone());
                            }
                        }
                    } else {
                        d.say(prompts.did_not_understand.clone());
                        d.say(current_prompt(company, session));
                    }
                }
            }
        }
        Pending::MissingNamePart { part } => {
            // The company may have removed the slot since the question was asked.
            let Some(slot) = company.slot_of_type(SlotType::Name).cloned() else {
                advance(company, session, &mut d);
                return done(company, session, d, signals, escalation, now);
            };
            if analysis.is_interrupt(extract::extract_name(raw).is_some()) {
                return interrupt(company, session, d, raw, norm, signals, escalation, now);
            }
            let rest = extract::after_yes_no(raw);
            let name = &mut session.booking.slots.name;
            match extract::extract_name(rest) {
                Some(tokens)
                    if tokens.len() >= 2
                        && name.get(part.other()).is_some_and(|known| {
                            tokens.last().is_some_and(|t| t == known)
                                || tokens.first().is_some_and(|t| t == known)
                        }) =>
                {
                    // "John Subach": the whole name again.
                    if let Some((first, last)) = extract::split_full_name(&tokens) {
                        name.set(NamePart::First, Some(first));
                        name.set(NamePart::Last, Some(last));
                    }
                }
                Some(tokens) => name.set(part, Some(tokens.join(" "))),
                // Asked once; without an answer the partial name stands.
                None => {}
            }
            session.pending = None;
            ack_and_advance(company, session, &mut d, &slot);
        }
        Pending::CancelBooking { resume } => {
            session.pending = resume.map(|p| *p);
            match yn {
                Some(true) => {
                    cancel_booking(company, session, &mut d);
                }
                Some(false) => {
                    reconcile_with_configuration(company, session);
                    match current_prompt(company, session) {
                        p if p.is_empty() => advance(company, session, &mut d),
                        p => d.say(p),
                    }
                }
                // Not an answer to "cancel?": the turn is read as if it had not been asked.
                None => return booking_turn(company, session, raw, norm, signals, escalation, now),
            }
        }
        Pending::CallerId => {
            let Some(slot) = company.slot_of_type(SlotType::Phone).cloned() else {
                advance(company, session, &mut d);
                return done(company, session, d, signals, escalation, now);
            };
            if let Some(found) = extract::find_phone(raw) {
                session.pending = None;
                match found {
                    PhoneFinding::Valid(p) => {
                        session.booking.slots.phone = Some(p);
                        if let Answer::Captured = confirm_or_capture(session, &slot, &mut d) {
                            ack_and_advance(company, session, &mut d, &slot);
                        }
                    }
                    PhoneFinding::Invalid(_) => {
                        session.booking.meta.phone.used_caller_id = true; // offered once; ask plainly now
                        d.say(prompts.invalid_phone.clone());
                        d.say(slot.question.clone());
                    }
                }
            } else if yn == Some(true) {
                session.pending = None;
                session.booking.slots.phone = caller_id_display(session);
                session.booking.meta.phone.used_caller_id = true;
                session.booking.meta.phone.confirmed = true;
                ack_and_advance(company, session, &mut d, &slot);
            } else if yn == Some(false) {
                session.pending = None;
                session.booking.meta.phone.used_caller_id = false;
                // Don't offer the caller ID again: remember the refusal by skipping the offer.
                session.booking.meta.phone.confirmed = false;
                // The offer is not repeated: the plain question follows.
                d.say(slot.question.clone());
            } else if analysis.is_interrupt(false) || signals.has(Signal::PricingQuestion) {
                return interrupt(company, session, d, raw, norm, signals, escalation, now);
            } else {
                d.say(prompts.did_not_understand.clone());
                d.say(current_prompt(company, session));
            }
        }
    }
    done(company, session, d, signals, escalation, now)
}

fn mark_confirmed(session: &mut Session, slot: &BookingSlot) {
    let m = &mut session.booking.meta;
    match slot.slot_type {
        SlotType::Name => {
            m.name.last_confirmed = true;
            m.name.source = Some("confirmed".into());
        }
        SlotType::Phone => m.phone.confirmed = true,
        SlotType::Address => m.address.confirmed = true,
        SlotType::Time => m.time.confirmed = true,
        SlotType::Text | SlotType::Select => {}
    }
}

fn reset_slot(session: &mut Session, slot: &BookingSlot) {
    let b = &mut session.booking;
    match slot.slot_type {
        SlotType::Name => {
            b.slots.name = Default::default();
            b.meta.name = Default::default();
        }
        SlotType::Phone => {
            b.slots.phone = None;
            b.meta.phone = Default::default();
        }
        SlotType::Address => {
            b.slots.address = Default::default();
            b.meta.address = Default::default();
        }
        SlotType::Time => {
            b.slots.time = Default::default();
            b.meta.time = Default::default();
        }
        SlotType::Text | SlotType::Select => {
            b.slots.custom.remove(&slot.id);
        }
    }
}

/// A question mid-booking: answer from the company's scenarios (or defer; pricing and terms
/// always defer), then resume with the question the engine is waiting on.
#[allow(clippy::too_many_arguments)]
fn interrupt(
    company: &Company,
    session: &mut Session,
    d: Draft,
    raw: &str,
    norm: &str,
    signals: Signals,
    escalation: Vec<Detection>,
    now: Timestamp,
) -> TurnStep {
    let prompts = &company.front_desk_behavior.booking_prompts;
    let resume_prompt = if session.mode == Mode::Complete {
        String::new()
    } else {
        current_prompt(company, session)
    };
    let pricing = signals.has(Signal::PricingQuestion) || signals.has(Signal::ContractQuestion);
    if pricing {
        // Never handed to a speaker: no price, discount or term can be invented.
        let mut d = d;
        d.intent = AgentIntent::InterruptAnswer;
        d.say(prompts.pricing_deferral.clone());
        d.say(resume_prompt);
        return done(company, session, d, signals, escalation, now);
    }
    let request = ResponderRequest {
        task: ResponderTask::Interrupt { resume_prompt },
        company_name: company.display_name().to_owned(),
        caller_text: raw.to_owned(),
        issue_summary: session.discovery.issue_summary.clone(),
        issue_is_new: false,
        scenarios: matched_scenarios(company, norm),
        offer_schedule: false,
        consent_question: company
            .front_desk_behavior
            .discovery_consent
            .consent_question_template
            .clone(),
        declined_offer: false,
        asked_to_book_without_issue: false,
        greeting_only: false,
        pricing_or_contract: false,
        empathize: false,
        history: Vec::new(),
    };
    TurnStep::NeedsResponder(Box::new(ResponderTurn {
        request,
        prefix: d.parts,
        signals,
        escalation,
        intent_if_offer: AgentIntent::InterruptAnswer,
        now,
    }))
}

// ------------------------------------------------------------------ COMPLETE

fn complete_turn(
    company: &Company,
    session: &mut Session,
    raw: &str,
    norm: &str,
    signals: Signals,
    escalation: Vec<Detection>,
    now: Timestamp,
) -> TurnStep {
    let prompts = &company.front_desk_behavior.booking_prompts;
    let mut d = Draft::new(AgentIntent::BookingComplete);
    if signals.has(Signal::BotQuestion) {
        d.say(text::fill(
            &prompts.ai_disclosure,
            &[("company", company.display_name())],
        ));
        d.intent = AgentIntent::InterruptAnswer;
        return done(company, session, d, signals, escalation, now);
    }
    let corrected = capture_explicit_values(company, session, raw, norm, now, None);
    for label in &corrected {
        d.say(text::fill(
            &prompts.correction_acknowledgement,
            &[("label", label)],
        ));
    }
    if corrected.is_empty() {
        let analysis = InterruptAnalysis::of(raw, norm);
        if analysis.is_interrupt(false) || signals.has(Signal::PricingQuestion) {
            return interrupt(company, session, d, raw, norm, signals, escalation, now);
        }
        d.say(prompts.after_complete.clone());
    }
    done(company, session, d, signals, escalation, now)
}

/// Run a whole turn with the embedded responder (tests, benchmarks, the CLI without an LLM).
pub fn turn_embedded(
    company: &Company,
    session: &mut Session,
    input: TurnInput<'_>,
) -> TurnOutcome {
    match begin_turn(company, session, input) {
        TurnStep::Done(o) => o,
        TurnStep::NeedsResponder(t) => finish_turn(company, session, *t, None),
    }
}
