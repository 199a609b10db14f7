//! What the discovery speaker (an LLM, or the embedded deterministic responder standing in for
//! it) is asked for, what it may answer, and the embedded responder itself.
//!
//! The speaker never sets booking state: it returns a reply, an intent and extracted fields,
//! and the engine validates all three.

use serde::{Deserialize, Serialize};

use crate::company::BookingPrompts;
use crate::guardrails;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ResponderTask {
    /// Talk with the caller in DISCOVERY.
    Discovery,
    /// Answer a question asked mid-booking, then the engine resumes with `resume_prompt`.
    Interrupt { resume_prompt: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioKnowledge {
    pub id: String,
    pub title: String,
    pub response: String,
}

/// Everything the speaker may use: the company's matched scenarios are its tools.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponderRequest {
    pub task: ResponderTask,
    pub company_name: String,
    pub caller_text: String,
    pub issue_summary: Option<String>,
    pub issue_is_new: bool,
    pub scenarios: Vec<ScenarioKnowledge>,
    /// The engine decided to offer scheduling this turn (pre-consent fields known).
    pub offer_schedule: bool,
    pub consent_question: String,
    pub declined_offer: bool,
    pub asked_to_book_without_issue: bool,
    pub greeting_only: bool,
    /// The caller asked about prices or terms: the reply must defer, never quote.
    pub pricing_or_contract: bool,
    pub empathize: bool,
    /// Recent transcript, oldest first, as (speaker, text).
    pub history: Vec<(String, String)>,
}

/// The speaker's structured output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SpeakerReply {
    pub reply: String,
    #[serde(default)]
    pub intent: Option<String>,
    #[serde(default)]
    pub issue_summary: Option<String>,
}

/// Longest reply a speaker may give; a runaway model is replaced by the embedded responder.
pub const MAX_SPEAKER_REPLY: usize = 600;

/// Why a speaker's reply was refused (the turn then falls back to the embedded responder).
pub fn validate_speaker_reply(reply: &SpeakerReply) -> Result<(), String> {
    let text = reply.reply.trim();
    if text.is_empty() {
        return Err("empty reply".into());
    }
    if text.chars().count() > MAX_SPEAKER_REPLY {
        return Err(format!("reply longer than {MAX_SPEAKER_REPLY} characters"));
    }
    let violations = guardrails::screen_outgoing(text);
    if let Some(v) = violations.first() {
        return Err(format!("reply {}", v.as_str()));
    }
    if let Some(intent) = &reply.intent {
        if !matches!(
            intent.as_str(),
            "DISCOVERY" | "OFFER_SCHEDULE" | "INTERRUPT_ANSWER"
        ) {
            return Err(format!("intent {intent:?} is not one a speaker may choose"));
        }
    }
    Ok(())
}

/// The embedded responder: deterministic, no network, grounded only in the request.
pub fn embedded_reply(req: &ResponderRequest, prompts: &BookingPrompts) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let ResponderTask::Interrupt { resume_prompt } = &req.task {
        if req.pricing_or_contract {
            parts.push(prompts.pricing_deferral.clone());
        } else if let Some(s) = req.scenarios.first() {
            parts.push(s.response.clone());
        } else {
            parts.push(prompts.interrupt_deferral.clone());
        }
        parts.push(resume_prompt.clone());
        return crate::text::join_sentences(parts.iter().map(String::as_str));
    }
    if req.pricing_or_contract {
        parts.push(prompts.pricing_deferral.clone());
    }
    let known = req.issue_summary.is_some();
    if req.greeting_only && !known {
        parts.push(crate::text::fill(
            &prompts.greeting,
            &[("company", &req.company_name)],
        ));
    } else if req.declined_offer {
        parts.push(prompts.declined_offer.clone());
    } else if req.asked_to_book_without_issue && !known {
        parts.push("I'd be happy to help you schedule. First, could you tell me a little about what's going on?".into());
    } else if known {
        if req.issue_is_new && req.empathize {
            parts.push("I'm sorry to hear that.".into());
        }
        if let Some(s) = req.scenarios.first() {
            parts.push(s.response.clone());
        }
        if req.offer_schedule {
            parts.push(req.consent_question.clone());
        } else if req.scenarios.is_empty() {
            parts.push("Can you tell me a bit more about what's happening?".into());
        }
    } else if !req.pricing_or_contract {
        if req.empathize {
            parts.push("I'm sorry to hear you're having trouble.".into());
        }
        parts.push("Can you tell me a bit more about what's going on?".into());
    } else {
        parts.push("Is there something going on that we can help with?".into());
    }
    crate::text::join_sentences(parts.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_replies_are_screened() {
        let ok = SpeakerReply {
            reply: "I'm sorry to hear that.".into(),
            intent: Some("DISCOVERY".into()),
            issue_summary: None,
        };
        assert!(validate_speaker_reply(&ok).is_ok());
        let price = SpeakerReply {
            reply: "That will be $89.".into(),
            ..ok.clone()
        };
        assert!(validate_speaker_reply(&price).is_err());
        let booking = SpeakerReply {
            intent: Some("BOOKING_COMPLETE".into()),
            ..ok.clone()
        };
        assert!(validate_speaker_reply(&booking).is_err());
        let human = SpeakerReply {
            reply: "Yes, I'm a real person.".into(),
            ..ok
        };
        assert!(validate_speaker_reply(&human).is_err());
    }
}
