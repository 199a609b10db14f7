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

mod booking;
mod discovery;
mod interrupt;
mod pending;
mod slots;

pub use booking::current_prompt;
use booking::*;
use discovery::*;
use interrupt::*;
use pending::*;
use slots::*;

/// What one turn knows besides the session: the company, the caller's words (as said and
/// normalised), what the detector heard, and the clock. Phase functions take it by value and
/// hand it on, so each ends the turn once.
struct Turn<'a> {
    company: &'a Company,
    raw: &'a str,
    norm: &'a str,
    signals: Signals,
    escalation: Vec<Detection>,
    now: Timestamp,
}

impl Turn<'_> {
    /// Finish a turn the engine answered itself (no speaker).
    fn done(self, session: &mut Session, draft: Draft) -> TurnStep {
        TurnStep::Done(finalize(
            self.company,
            session,
            draft,
            self.signals,
            self.escalation,
            self.now,
        ))
    }

    /// Hand the turn to the speaker: what the engine has said so far goes first.
    fn ask_speaker(
        self,
        request: ResponderRequest,
        prefix: Vec<String>,
        intent_if_offer: AgentIntent,
    ) -> TurnStep {
        TurnStep::NeedsResponder(Box::new(ResponderTurn {
            request,
            prefix,
            signals: self.signals,
            escalation: self.escalation,
            intent_if_offer,
            now: self.now,
        }))
    }
}

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

/// Who wrote the words the caller heard. `llm_used` keeps FORMAT.md's meaning (the speaker
/// or the embedded responder standing in for it); this says which, so an operator never reads
/// "LLM" for a turn no model took part in.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplySource {
    /// A configured LLM's reply passed the screen and reached the caller.
    Llm,
    /// The embedded deterministic responder: no LLM is configured, or its reply was refused.
    EmbeddedResponder,
    /// Only what the company configured (booking prompts, templates, fixed confirmations).
    #[default]
    Configured,
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
    #[serde(default)]
    pub reply_source: ReplySource,
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
    handoff: Option<Handoff>,
    opted_out: bool,
    llm_used: bool,
    source: ReplySource,
    speaker_fallback: Option<String>,
}

impl Draft {
    fn new(intent: AgentIntent) -> Self {
        Self {
            parts: Vec::new(),
            intent,
            booking_completed: false,
            booking_cancelled: false,
            handoff: None,
            opted_out: false,
            llm_used: false,
            source: ReplySource::Configured,
            speaker_fallback: None,
        }
    }
    fn say(&mut self, s: impl Into<String>) {
        self.parts.push(s.into());
    }
}

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
    let mut t = Turn {
        company,
        raw,
        norm: &norm,
        signals,
        escalation,
        now: input.now,
    };

    if session.mode == Mode::Booking {
        reconcile_with_configuration(company, session);
    }
    if norm.is_empty() {
        // Silence (a call's Gather that heard nothing) or an empty message: the question the
        // caller is on is asked again; the second silence in a row offers a person instead.
        session.silences += 1;
        // A booking left with nothing to ask (the company removed the slots still open) is
        // completed below rather than handed to a person.
        let nothing_to_ask =
            session.mode == Mode::Booking && current_prompt(company, session).is_empty();
        if session.silences >= 2 && session.mode != Mode::Complete && !nothing_to_ask {
            session.silences = 0;
            let mut d = Draft::new(AgentIntent::HumanHandoff);
            let handoff = Handoff {
                transfer_to: company
                    .transfer_number
                    .as_ref()
                    .map(|n| n.as_str().to_owned()),
            };
            d.say(match handoff.transfer_to {
                Some(_) => prompts.silence_transfer.clone(),
                None => prompts.silence_callback.clone(),
            });
            // A person has to follow up (the callback was promised): an escalation says so.
            t.escalation.push(Detection {
                signal: Signal::HumanRequested,
                evidence: "the caller said nothing twice in a row".into(),
            });
            d.handoff = Some(handoff);
            return t.done(session, d);
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
        return t.done(session, d);
    }
    session.silences = 0;

    if t.signals.has(Signal::OptOut) {
        let mut d = Draft::new(AgentIntent::OptOut);
        d.say(text::fill(
            &company.care.templates.opt_out_confirmation,
            &[("company", company.display_name())],
        ));
        d.opted_out = true;
        return t.done(session, d);
    }

    if t.signals.has(Signal::HumanRequested) {
        let mut d = Draft::new(AgentIntent::HumanHandoff);
        let handoff = Handoff {
            transfer_to: company
                .transfer_number
                .as_ref()
                .map(|n| n.as_str().to_owned()),
        };
        if session.mode == Mode::Booking && current_prompt(company, session).is_empty() {
            // Everything the current configuration asks for is answered (slots still open were
            // removed mid-call): the booking is made before the caller is handed on.
            advance(company, session, &mut d);
            d.intent = AgentIntent::HumanHandoff;
        }
        if handoff.transfer_to.is_some() {
            d.say("Let me connect you with someone from our team.");
        } else {
            d.say(prompts.human_callback.clone());
            if session.mode == Mode::Booking {
                d.say("In the meantime,");
                d.say(current_prompt(company, session));
            }
        }
        d.handoff = Some(handoff);
        return t.done(session, d);
    }

    match session.mode {
        Mode::Discovery => discovery::discovery_turn(t, session),
        Mode::Booking => booking::booking_turn(t, session),
        Mode::Complete => complete_turn(t, session),
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
    let mut from_llm = false;
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
                from_llm = true;
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
    // The speaker (or the embedded responder standing in when none is configured) produced the
    // reply only when nothing was refused: a refused LLM reply never reached the caller.
    d.llm_used = fallback.is_none();
    d.source = if from_llm {
        ReplySource::Llm
    } else {
        ReplySource::EmbeddedResponder
    };
    d.speaker_fallback = fallback;
    finalize(company, session, d, signals, escalation, now)
}

fn finalize(
    company: &Company,
    session: &mut Session,
    draft: Draft,
    signals: Signals,
    escalation: Vec<Detection>,
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
        llm_used: draft.llm_used,
        reply_source: draft.source,
        speaker_fallback: draft.speaker_fallback,
        booking_completed: draft.booking_completed,
        booking_cancelled: draft.booking_cancelled,
        handoff: draft.handoff,
        opted_out: draft.opted_out,
    }
}

// ------------------------------------------------------------------ COMPLETE

fn complete_turn(t: Turn<'_>, session: &mut Session) -> TurnStep {
    let (company, raw, norm, now) = (t.company, t.raw, t.norm, t.now);
    let prompts = &company.front_desk_behavior.booking_prompts;
    let mut d = Draft::new(AgentIntent::BookingComplete);
    if t.signals.has(Signal::BotQuestion) {
        d.say(text::fill(
            &prompts.ai_disclosure,
            &[("company", company.display_name())],
        ));
        d.intent = AgentIntent::InterruptAnswer;
        return t.done(session, d);
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
        if analysis.is_interrupt(false) || t.signals.has(Signal::PricingQuestion) {
            return interrupt(t, session, d);
        }
        d.say(prompts.after_complete.clone());
    }
    t.done(session, d)
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
