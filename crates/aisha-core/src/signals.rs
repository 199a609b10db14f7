//! The one signal detector shared by the front desk and C.A.R.E.
//!
//! Deterministic and explainable: every detection carries the evidence (the words that
//! triggered it). Negative sentiment uses the VADER lexicon and rules (Hutto & Gilbert 2014)
//! rather than a hand-made list, with a short list of service complaints VADER scores neutral.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    Objection,
    PricingQuestion,
    ContractQuestion,
    NegativeSentiment,
    ComplianceSensitive,
    ExplicitRejection,
    OptOut,
    HumanRequested,
    BotQuestion,
    /// Cues beyond FORMAT.md's list, used by per-state escalation triggers.
    Question,
    Confusion,
    /// A change to what was agreed: a cancellation, postponement or missed appointment.
    Exception,
    ServiceConcern,
    Help,
}

impl Signal {
    pub const ALL: [Signal; 14] = [
        Signal::Objection,
        Signal::PricingQuestion,
        Signal::ContractQuestion,
        Signal::NegativeSentiment,
        Signal::ComplianceSensitive,
        Signal::ExplicitRejection,
        Signal::OptOut,
        Signal::HumanRequested,
        Signal::BotQuestion,
        Signal::Question,
        Signal::Confusion,
        Signal::Exception,
        Signal::ServiceConcern,
        Signal::Help,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Signal::Objection => "objection",
            Signal::PricingQuestion => "pricing_question",
            Signal::ContractQuestion => "contract_question",
            Signal::NegativeSentiment => "negative_sentiment",
            Signal::ComplianceSensitive => "compliance_sensitive",
            Signal::ExplicitRejection => "explicit_rejection",
            Signal::OptOut => "opt_out",
            Signal::HumanRequested => "human_requested",
            Signal::BotQuestion => "bot_question",
            Signal::Question => "question",
            Signal::Confusion => "confusion",
            Signal::Exception => "exception",
            Signal::ServiceConcern => "service_concern",
            Signal::Help => "help",
        }
    }

    pub fn parse(s: &str) -> Option<Signal> {
        Signal::ALL.into_iter().find(|sig| sig.as_str() == s)
    }

    /// The contract's mandatory escalations (C.A.R.E. §4.2) plus a requested human: these
    /// escalate in every state and on every front-desk turn.
    pub fn always_escalates(self) -> bool {
        matches!(
            self,
            Signal::Objection
                | Signal::PricingQuestion
                | Signal::ContractQuestion
                | Signal::NegativeSentiment
                | Signal::ComplianceSensitive
                | Signal::HumanRequested
        )
    }
}

impl std::fmt::Display for Signal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    pub signal: Signal,
    /// The words that triggered the signal (or the sentiment score that did).
    pub evidence: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Signals(pub Vec<Detection>);

impl Signals {
    pub fn has(&self, s: Signal) -> bool {
        self.0.iter().any(|d| d.signal == s)
    }
    pub fn names(&self) -> Vec<&'static str> {
        self.0.iter().map(|d| d.signal.as_str()).collect()
    }
    pub fn iter(&self) -> impl Iterator<Item = &Detection> {
        self.0.iter()
    }
    pub fn escalating(&self) -> impl Iterator<Item = &Detection> {
        self.0.iter().filter(|d| d.signal.always_escalates())
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("detector pattern compiles")
}

struct Patterns {
    pricing: Regex,
    contract: Regex,
    objection: Regex,
    complaint: Regex,
    compliance: Regex,
    rejection: Regex,
    opt_out_keyword: Regex,
    opt_out_phrase: Regex,
    human: Regex,
    human_alone: Regex,
    bot: Regex,
    help: Regex,
    question_start: Regex,
    confusion: Regex,
    exception: Regex,
    service: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| Patterns {
    pricing: re(
        r"\b(how much|price|prices|pricing|priced|cost|costs|costing|quote|quotes|quoted|estimate|fee|fees|charges|do you charge|expensive|cheaper|for less|discount|discounts|afford|affordable|rates|your rate|hourly rate|ballpark|coupon|deal on)\b|\$\s?\d",
    ),
    contract: re(
        r"\b(contract|contracts|agreement|terms and conditions|terms of service|the terms|your terms|fine print|cancellation (policy|fee)|liability|binding|lock(ed)? in|commitment period|auto-?renew\w*|early termination|sign (a|the|anything))\b",
    ),
    objection: re(
        r"\b(too (expensive|much|high|pricey|long|slow)|seems (high|steep|expensive|like a lot|too)|that's (a lot|steep|too)|can't afford|cannot afford|not worth|rip ?off|overpriced|think about it|need to think|not sure (about|if|that)|not convinced|don't (really )?(need|trust) (it|this|that|you)|why should i|other (company|companies|quotes?)|someone else (quoted|offered|charges)|cheaper (elsewhere|somewhere)|found (a )?cheaper|hesitant|on the fence|concerned about|worried about|i have concerns|out of (my|our) budget|over (my|our) budget|seems high|quote seems)\b",
    ),
    complaint: re(
        r"\b(fed up|sick of|still not fixed|never again|waste of (time|money)|unacceptable|ridiculous|no-show|nobody showed|no one showed)\b",
    ),
    compliance: re(
        r"\b(lawyer|attorney|legal action|lawsuit|sue|suing|court|hipaa|medical records?|diagnos\w*|prescription|social security|ssn|credit card number|card number|bank account|routing number|date of birth|insurance claim|claim number|file a claim|underwrit\w*|policy (number|change|cancellation)|gdpr|ccpa|delete my (data|information|info)|privacy|record(ing)? (this|the) call|bbb|better business bureau|attorney general|consumer protection|gas leak|smell gas|carbon monoxide)\b",
    ),
    rejection: re(
        r"\b(not interested|no longer interested|(we|i)('ve| have)? decided (not to|to go with|against)|going (with|to go with) (another|a different|someone else)|went with (another|someone else|a different)|found someone else|hired someone else|don't want (your|the|any) (service|services|help|product)|cancel (my|the|our) (service|account|membership|contract|plan)|please close (my|our) (account|file)|we're going elsewhere)\b",
    ),
    opt_out_keyword: re(
        r"^\W*(stop|stopall|stop all|unsubscribe|cancel|end|quit|revoke|optout|opt out|opt-out)\W*$",
    ),
    opt_out_phrase: re(
        r"\b(stop (texting|messaging|calling|contacting|sending|emailing)|(don't|do not|dont) (text|call|message|contact|email) (me|us)|remove me from|take me off|unsubscribe me|opt me out|no more (texts|messages|calls|emails)|leave me alone|lose my number)\b",
    ),
    human: re(
        r"\b((speak|talk|chat) (to|with) (a |an |the |some |your )?(real |live |actual )?(person|human|someone|somebody|representative|rep|agent|manager|supervisor|operator|owner|staff member)|(real|live|actual) (person|human) please|transfer me|connect me (to|with)|put me through|human please|representative please|agent please|get me a (person|human|manager|representative))\b",
    ),
    human_alone: re(
        r"^\W*(agent|representative|operator|human|a human|a person|real person|live person)( please)?\W*$",
    ),
    bot: re(
        r"\b(am i (talking|speaking|chatting) (to|with) (a |an )?(real |actual |live )?(person|human|robot|bot|machine|computer|ai|recording)|are you (a |an )?(real|human|person|robot|bot|machine|computer|ai|recording|real person|live person|actual person)|is this (a |an )?(real person|human|robot|bot|machine|computer|recording|ai|automated|live person)|are you automated|is this automated|you a (robot|bot|real person))\b",
    ),
    help: re(r"^\W*(help|info)\W*$"),
    question_start: re(
        r"^(what|when|where|why|how|who|which|can|could|do|does|did|is|are|will|would|should)\b",
    ),
    confusion: re(
        r"\b(confused|confusing|i don't understand|don't get it|what do you mean|that's not what|i thought (it|you|we|the)|wasn't expecting|not what i (ordered|expected|agreed)|mistake|wrong (date|time|address|amount|charge|bill)|double charged|didn't (receive|get) (the|my|a)|never (received|got)|reschedule|cancel (my|the) appointment|change (my|the) appointment)\b",
    ),
    exception: re(
        r"\b(cancel (my|the|our) (appointment|install\w*|booking|visit|order|job|service call)|something came up|postpone|push (it|the \w+) back|move (it|the \w+) to|delay the|can't make it|cannot make it|won't (be home|be there|make it)|need to (change|move) (the|my|our) (date|time|day))\b",
    ),
    service: re(
        r"\b(not working|stopped working|broke|broken|still (not|doesn't|isn't|won't)|leak|leaking|no (heat|cooling|hot water|cold air)|problem|problems|issue|issues|complain\w*|unhappy|not happy|didn't (show|fix)|no[- ]show|never showed|poor (service|job|work)|damaged?)\b",
    ),
});

static VADER: LazyLock<vader_sentiment::SentimentIntensityAnalyzer<'static>> =
    LazyLock::new(vader_sentiment::SentimentIntensityAnalyzer::new);

/// Compound VADER score at or below which a message is negative. VADER's own authors use
/// -0.05 for "any negativity"; -0.5 keeps a caller describing a broken appliance ("no cold
/// air") from being escalated while real frustration ("this is terrible service") is.
pub const NEGATIVE_COMPOUND: f64 = -0.5;

/// Detect every signal in `raw`.
pub fn detect(raw: &str) -> Signals {
    let norm = text::normalize(raw);
    detect_normalized(raw, &norm)
}

/// As [`detect`], when the caller already has the normalised text.
pub fn detect_normalized(raw: &str, norm: &str) -> Signals {
    let p = &*PATTERNS;
    let mut out = Vec::new();
    let mut push = |signal, evidence: &str| {
        out.push(Detection {
            signal,
            evidence: evidence.to_owned(),
        })
    };
    if norm.is_empty() {
        return Signals(Vec::new());
    }

    if let Some(m) = p.pricing.find(norm) {
        push(Signal::PricingQuestion, m.as_str());
    }
    if let Some(m) = p.contract.find(norm) {
        push(Signal::ContractQuestion, m.as_str());
    }
    if let Some(m) = p.objection.find(norm) {
        push(Signal::Objection, m.as_str());
    }
    if let Some(m) = p.compliance.find(norm) {
        push(Signal::ComplianceSensitive, m.as_str());
    }
    if let Some(m) = p.rejection.find(norm) {
        push(Signal::ExplicitRejection, m.as_str());
    }
    if let Some(m) = p
        .opt_out_keyword
        .find(norm)
        .or_else(|| p.opt_out_phrase.find(norm))
    {
        push(
            Signal::OptOut,
            m.as_str().trim_matches(|c: char| !c.is_alphanumeric()),
        );
    }
    let bot = p.bot.find(norm);
    if let Some(m) = bot {
        push(Signal::BotQuestion, m.as_str());
    }
    // "Am I talking to a real person?" is a question about the agent, not a transfer request:
    // look for a human request only outside the bot question.
    let human = match bot {
        Some(b) => {
            let rest = format!("{} {}", &norm[..b.start()], &norm[b.end()..]);
            p.human.find(&rest).map(|m| m.as_str().to_owned())
        }
        None => p.human.find(norm).map(|m| m.as_str().to_owned()),
    };
    if let Some(h) = human.or_else(|| {
        p.human_alone
            .find(norm)
            .map(|m| m.as_str().trim().to_owned())
    }) {
        push(Signal::HumanRequested, &h);
    }
    if let Some(m) = p.help.find(norm) {
        push(
            Signal::Help,
            m.as_str().trim_matches(|c: char| !c.is_alphanumeric()),
        );
    }
    if let Some(m) = p.complaint.find(norm) {
        push(Signal::NegativeSentiment, m.as_str());
    } else if let Some(score) = negative_score(raw) {
        push(
            Signal::NegativeSentiment,
            &format!("VADER compound {score:.2}"),
        );
    }
    let trimmed = raw.trim_end();
    if trimmed.ends_with('?') {
        push(Signal::Question, "?");
    } else if let Some(m) = p.question_start.find(norm) {
        push(Signal::Question, m.as_str());
    }
    if let Some(m) = p.confusion.find(norm) {
        push(Signal::Confusion, m.as_str());
    }
    if let Some(m) = p.exception.find(norm) {
        push(Signal::Exception, m.as_str());
    }
    if let Some(m) = p.service.find(norm) {
        push(Signal::ServiceConcern, m.as_str());
    }
    Signals(out)
}

/// The VADER compound score when it is at or below [`NEGATIVE_COMPOUND`].
fn negative_score(raw: &str) -> Option<f64> {
    // VADER's cost grows with the text; a customer message longer than this is summarised by
    // its first part, which is where complaints are stated.
    let sample = match raw.char_indices().nth(2000) {
        Some((i, _)) => &raw[..i],
        None => raw,
    };
    let scores = VADER.polarity_scores(sample);
    let compound = *scores.get("compound")?;
    (compound <= NEGATIVE_COMPOUND).then_some(compound)
}

/// Whether the message is exactly an SMS opt-out keyword or a plain-language opt-out request.
pub fn is_opt_out(raw: &str) -> bool {
    detect(raw).has(Signal::OptOut)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(t: &str) -> Vec<&'static str> {
        detect(t).names()
    }

    #[test]
    fn pricing_and_objection() {
        let n = names("Can you do it for less? That quote seems high.");
        assert!(n.contains(&"pricing_question"), "{n:?}");
        assert!(n.contains(&"objection"), "{n:?}");
        assert!(names("How much is this going to cost me?").contains(&"pricing_question"));
        assert!(!names("My AC stopped working").contains(&"pricing_question"));
        assert!(!names("it's accurate").contains(&"pricing_question"));
    }

    #[test]
    fn bot_question_is_not_a_transfer_request() {
        let n = names("Am I talking to a real person?");
        assert!(n.contains(&"bot_question"), "{n:?}");
        assert!(!n.contains(&"human_requested"), "{n:?}");
        let n = names("Are you a robot? I want to speak to a human");
        assert!(
            n.contains(&"bot_question") && n.contains(&"human_requested"),
            "{n:?}"
        );
        assert!(names("representative").contains(&"human_requested"));
        assert!(names("Can I talk to someone please").contains(&"human_requested"));
    }

    #[test]
    fn opt_out_keywords_and_phrases() {
        for t in [
            "STOP",
            "stop",
            " Unsubscribe ",
            "CANCEL",
            "end",
            "QUIT",
            "STOPALL",
            "stop!",
            "Please stop texting me",
            "don't contact me again",
            "remove me from your list",
        ] {
            assert!(is_opt_out(t), "{t}");
        }
        for t in [
            "cancel my appointment",
            "I can't stop the leak",
            "when does it end?",
            "non-stop noise",
            "the end of the hose",
        ] {
            assert!(!is_opt_out(t), "{t}");
        }
    }

    #[test]
    fn negative_sentiment_uses_vader() {
        assert!(names("This is terrible, the worst service I have ever had")
            .contains(&"negative_sentiment"));
        assert!(!names("The thermostat is blank and there's water dripping")
            .contains(&"negative_sentiment"));
        assert!(
            !names("Hi I'm having air-conditioning issues today").contains(&"negative_sentiment")
        );
        assert!(names("I'm fed up with waiting").contains(&"negative_sentiment"));
    }

    #[test]
    fn evidence_is_recorded() {
        let s = detect("What's in the contract?");
        let d = s
            .iter()
            .find(|d| d.signal == Signal::ContractQuestion)
            .unwrap();
        assert_eq!(d.evidence, "contract");
    }

    #[test]
    fn rejection_and_compliance() {
        assert!(names("We decided to go with another company").contains(&"explicit_rejection"));
        assert!(names("I'm not interested anymore").contains(&"explicit_rejection"));
        assert!(names("My lawyer will call you").contains(&"compliance_sensitive"));
        assert!(names("I think I smell gas").contains(&"compliance_sensitive"));
    }

    #[test]
    fn empty_and_hostile_input() {
        assert!(detect("").is_empty());
        let long = "a".repeat(100_000);
        let _ = detect(&long);
        let _ = detect("\u{0}\u{202e}💥 ?");
    }
}
