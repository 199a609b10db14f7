//! Consent and interrupt detection, as the receptionist contract locks them, implemented for
//! their intent: word boundaries instead of substrings, and negation. Every deviation from the
//! literal JavaScript is listed in CONTRACT.md.

use std::sync::LazyLock;

use regex::Regex;

use crate::company::DiscoveryConsent;
use crate::session::AgentIntent;
use crate::text;

/// The contract's explicit booking phrases, then the same request in other common words.
pub const EXPLICIT_BOOKING_PHRASES: &[&str] = &[
    "schedule an appointment",
    "book an appointment",
    "send someone out",
    "need a technician",
    "come out today",
    "make an appointment",
    "set up an appointment",
    "schedule a visit",
    "schedule service",
    "schedule a service call",
    "book a service call",
    "book a visit",
    "schedule someone",
    "send a technician",
    "send somebody out",
    "have someone come out",
    "get someone out",
    "someone to come out",
    "somebody to come out",
    "can someone come",
    "get me on the schedule",
    "book me in",
    "i'd like to schedule",
    "i would like to schedule",
    "i want to schedule",
    "can i schedule",
    "let's schedule",
    "i'd like to book",
    "i want to book",
    "can i book",
    "i need an appointment",
    "i'd like an appointment",
];

const NEGATIONS: &[&str] = &[
    "don't",
    "dont",
    "do not",
    "not",
    "no",
    "never",
    "won't",
    "wont",
    "can't",
    "cant",
    "cannot",
    "wouldn't",
    "isn't",
    "no need to",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentReason {
    ExplicitPhrase,
    YesAfterOffer,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub reason: ConsentReason,
    pub phrase: String,
}

/// A phrase is negated when a negation word appears among the few words before it
/// ("I don't want to schedule an appointment yet").
fn negated_before(norm: &str, at: usize) -> bool {
    let before = &norm[..at];
    let window: Vec<&str> = before.split_whitespace().rev().take(4).collect();
    let window: String = window.into_iter().rev().collect::<Vec<_>>().join(" ");
    NEGATIONS.iter().any(|n| text::contains_phrase(&window, n))
}

fn find_phrase(norm: &str, phrase: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = norm[from..].find(phrase) {
        let at = from + i;
        let end = at + phrase.len();
        let ok_before = at == 0 || !norm.as_bytes()[at - 1].is_ascii_alphanumeric();
        let ok_after = end == norm.len() || !norm.as_bytes()[end].is_ascii_alphanumeric();
        if ok_before && ok_after {
            return Some(at);
        }
        from = end;
    }
    None
}

/// An explicit, un-negated request to book, wherever it appears.
pub fn explicit_booking_request(norm: &str) -> Option<&'static str> {
    EXPLICIT_BOOKING_PHRASES
        .iter()
        .copied()
        .find(|p| find_phrase(norm, p).is_some_and(|at| !negated_before(norm, at)))
}

static DECLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(no|not|nope|nah|don't|dont|do not|never|later|unsure|not sure|maybe|wait|hold off|hold on|think about|not yet|not now|not today|rather not)\b").expect("decline pattern")
});

/// Whether the caller declines or hedges ("no thanks", "not yet", "I'm unsure").
pub fn declines(norm: &str) -> bool {
    DECLINE
        .find_iter(norm)
        .any(|m| !(m.as_str() == "not" && norm[..m.start()].ends_with("why ")))
}

/// `detectBookingConsent`: explicit booking phrases always count; yes words count only right
/// after the agent offered to schedule (or, when the company turns off
/// `consentRequiresYesAfterPrompt`, after any earlier offer), never when negated.
pub fn detect_booking_consent(
    norm: &str,
    cfg: &DiscoveryConsent,
    last_intent: Option<AgentIntent>,
    offered_before: bool,
) -> Option<Consent> {
    if let Some(p) = explicit_booking_request(norm) {
        return Some(Consent {
            reason: ConsentReason::ExplicitPhrase,
            phrase: p.to_owned(),
        });
    }
    let after_offer = last_intent == Some(AgentIntent::OfferSchedule)
        || (!cfg.consent_requires_yes_after_prompt && offered_before);
    if !after_offer || declines(norm) {
        return None;
    }
    cfg.consent_yes_words
        .iter()
        .map(|w| w.trim().to_lowercase())
        .find(|w| text::contains_phrase(norm, w))
        .map(|w| Consent {
            reason: ConsentReason::YesAfterOffer,
            phrase: w,
        })
}

static QUESTION_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(what|when|where|why|how|can you|could you|do you|does|are you|will you)\b")
        .expect("question pattern")
});
static INTERRUPT_KEYWORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(soonest|earliest|available|price|cost|how much|warranty|hours|open|close)\b")
        .expect("keyword pattern")
});
static SLOT_ANSWER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(my name|name is|i'm|it's|call me|yes|yeah|no|nope)\b|^\d{3}[-.\s]?\d{3}[-.\s]?\d{4}|^\d+\s+\w+").expect("slot answer pattern")
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InterruptAnalysis {
    pub has_question_mark: bool,
    pub starts_with_question_word: bool,
    pub has_interrupt_keywords: bool,
    pub looks_like_slot_answer: bool,
}

impl InterruptAnalysis {
    pub fn of(raw: &str, norm: &str) -> Self {
        let text = raw.trim();
        Self {
            has_question_mark: text.ends_with('?'),
            starts_with_question_word: QUESTION_START.is_match(text),
            has_interrupt_keywords: INTERRUPT_KEYWORDS.is_match(norm),
            // The contract's prefix test, on word boundaries ("Nora" is a name, not "no").
            looks_like_slot_answer: SLOT_ANSWER.is_match(text),
        }
    }

    /// `isInterruptQuestion`, literally.
    pub fn literal(&self) -> bool {
        (self.has_question_mark || self.starts_with_question_word || self.has_interrupt_keywords)
            && !self.looks_like_slot_answer
    }

    /// The contract's intent: a question asked mid-booking. Two deviations from the literal
    /// rule: "yes, but how much is it?" (a slot-answer opener followed by a real question with
    /// a keyword) is a question; and a keyword alone ("mornings are available") is not when the
    /// active slot can use the text as its answer.
    pub fn is_interrupt(&self, active_slot_can_answer: bool) -> bool {
        if self.looks_like_slot_answer {
            return self.has_question_mark && self.has_interrupt_keywords;
        }
        if self.has_question_mark || self.starts_with_question_word {
            return true;
        }
        self.has_interrupt_keywords && !active_slot_can_answer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> DiscoveryConsent {
        DiscoveryConsent::default()
    }

    fn consent(t: &str, last: Option<AgentIntent>) -> bool {
        detect_booking_consent(&text::normalize(t), &cfg(), last, last.is_some()).is_some()
    }

    #[test]
    fn yes_needs_an_offer() {
        assert!(!consent("Yes", None));
        assert!(!consent("Yes", Some(AgentIntent::Discovery)));
        assert!(consent("Yes please", Some(AgentIntent::OfferSchedule)));
        assert!(consent("sure, why not", Some(AgentIntent::OfferSchedule)));
    }

    #[test]
    fn hedges_are_not_consent() {
        for t in [
            "I'm unsure",
            "no thanks",
            "not yet",
            "Maybe later",
            "Yes... no, wait",
            "okay but not today",
            "I don't know",
        ] {
            assert!(!consent(t, Some(AgentIntent::OfferSchedule)), "{t}");
        }
        assert!(consent("Yes, I know", Some(AgentIntent::OfferSchedule)));
    }

    #[test]
    fn explicit_phrases_always_count_unless_negated() {
        assert!(consent("I'd like to schedule an appointment", None));
        assert!(consent("Can you send someone out?", None));
        assert!(!consent("I don't want to schedule an appointment", None));
        assert!(!consent("no need to send someone out", None));
    }

    #[test]
    fn interrupts() {
        let i = |t: &str| InterruptAnalysis::of(t, &text::normalize(t));
        assert!(i("What are your hours?").literal());
        assert!(i("how much will this cost").literal());
        assert!(!i("John Smith").literal());
        assert!(!i("555-123-4567").literal());
        assert!(!i("123 Main Street").literal());
        assert!(!i("yes").literal());
        assert!(!i("Is it John?").starts_with_question_word);
        assert!(i("yes, but how much will it cost?").is_interrupt(true));
        assert!(!i("mornings are available").is_interrupt(true));
        assert!(i("Nora, what is the price?").is_interrupt(true));
    }
}
