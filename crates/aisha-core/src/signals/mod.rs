//! The one signal detector shared by the front desk and C.A.R.E.
//!
//! Deterministic and explainable: every detection carries the evidence (the words that
//! triggered it). Negative sentiment uses the VADER lexicon and rules (Hutto & Gilbert 2014)
//! rather than a hand-made list, with a short list of service complaints VADER scores neutral.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::text;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// The eight escalation-relevant signals come first (`eval::signals::ESCALATION` is them).
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

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    pub signal: Signal,
    /// The words that triggered the signal (or the sentiment score that did).
    pub evidence: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

mod frames;
pub mod model;
mod rules;

use rules::RULES;

static VADER: LazyLock<vader_sentiment::SentimentIntensityAnalyzer<'static>> =
    LazyLock::new(vader_sentiment::SentimentIntensityAnalyzer::new);

/// Compound VADER score at or below which a message with no negative cue of its own may
/// still be negative, when it is about the business (see [`detect_normalized`]).
pub const NEGATIVE_COMPOUND: f64 = -0.6;

/// Detect every signal in `raw`.
pub fn detect(raw: &str) -> Signals {
    let norm = text::normalize(raw);
    detect_normalized(raw, &norm)
}

/// The first match of `re` that no match of `not` covers: a cue read in its context ("no
/// charge" is not a price asked about, "now that I think about it" is not an objection).
fn find_outside<'t>(re: &Regex, not: &Regex, text: &'t str) -> Option<regex::Match<'t>> {
    let excluded: Vec<(usize, usize)> = not.find_iter(text).map(|m| (m.start(), m.end())).collect();
    re.find_iter(text).find(|m| {
        !excluded
            .iter()
            .any(|&(s, e)| m.start() >= s && m.end() <= e)
    })
}

/// As [`detect`], when the caller already has the normalised text: the rules, then the shipped
/// model decides each signal it models ([`model`]; corpus/README.md, "Sixth round").
pub fn detect_normalized(raw: &str, norm: &str) -> Signals {
    detect_clean(raw, &rules::clean(norm), Some(&SHIPPED))
}

/// The model trained on the corpus, compiled in: no file is read at run time.
static SHIPPED: LazyLock<model::Model> = LazyLock::new(|| {
    model::Model::from_bytes(include_bytes!("model.bin")).expect("the shipped model.bin parses")
});

/// The rules, then `model` (`None`: the rules alone); for measuring the options side by side
/// (`examples/train_signals.rs`).
pub fn detect_with(raw: &str, model: Option<&model::Model>) -> Signals {
    detect_clean(raw, &rules::clean(&text::normalize(raw)), model)
}

/// The rules on the cleaned text `c`, then `model` decides what it models.
fn detect_clean(raw: &str, c: &str, model: Option<&model::Model>) -> Signals {
    let mut s = detect_rules(raw, c);
    if let (false, Some(m)) = (c.is_empty(), model) {
        apply_model(raw, c, &mut s.0, m);
    }
    s
}

/// What the model reads: the rules' cleaned text, and whether the message asks ("?").
pub fn model_input(raw: &str) -> (String, bool) {
    (rules::clean(&text::normalize(raw)), raw.contains('?'))
}

/// The model reads the words and the rules' findings and decides each signal it models
/// ([`model::Model::decides`]): a finding it overrules is dropped, a signal it adds carries as evidence
/// its probability and the words that weighed most ("model 0.93: wiggle room, cheaper"); a
/// finding it confirms keeps the rules' evidence.
fn apply_model(raw: &str, c: &str, out: &mut Vec<Detection>, m: &model::Model) {
    let feats = model::features(c, raw.contains('?'), m.bits);
    let found: Vec<Signal> = out.iter().map(|d| d.signal).collect();
    let p = m.probabilities(&feats, &found);
    let blocked = blocks_objection(found.iter().copied());
    for (k, &signal) in m.signals.iter().enumerate() {
        let by_rules = found.contains(&signal);
        let keep = m.decides(k, by_rules, p[k], blocked);
        if by_rules && !keep {
            out.retain(|d| d.signal != signal);
        } else if keep && !by_rules {
            let words = m.top_words(k, &feats, c, 3);
            out.push(Detection {
                signal,
                evidence: format!("model {:.2}: {}", p[k], words.join(", ")),
            });
        }
    }
}

/// Whether signals already found leave no room for an objection (see [`model::Model::decides`]).
pub fn blocks_objection(mut found: impl Iterator<Item = Signal>) -> bool {
    found.any(|s| matches!(s, Signal::ExplicitRejection | Signal::Exception))
}

/// The rules alone, on the cleaned text `c`.
fn detect_rules(raw: &str, c: &str) -> Signals {
    let r = &*RULES;
    let mut out = Vec::new();
    let mut push = |signal, evidence: &str| {
        out.push(Detection {
            signal,
            evidence: evidence.to_owned(),
        })
    };
    if c.is_empty() {
        return Signals(Vec::new());
    }
    let asked = raw.contains('?') || r.question.is_match(c) || r.question_inner.is_match(c);
    let requested = asked || r.request.is_match(c);

    // "Geico quoted me 90, can you beat that?" sets a competitor against us: an objection
    // (below), not a question about our prices.
    let competing = find_outside(&r.competitor, &r.competitor_not, c);
    // Prices and terms count when asked about or requested, not when mentioned.
    let pricing_asked = r.pricing_any.find(c).filter(|_| competing.is_none());
    if let Some(m) = pricing_asked.filter(|_| competing.is_none()).or_else(|| {
        (requested && competing.is_none())
            .then(|| find_outside(&r.pricing, &r.pricing_not, c))
            .flatten()
    }) {
        push(Signal::PricingQuestion, m.as_str());
    }
    let compliance = find_outside(&r.compliance, &r.compliance_not, c)
        .or_else(|| find_outside(&r.compliance_more, &r.compliance_not, c))
        .or_else(|| {
            asked
                .then(|| find_outside(&r.compliance_asked, &r.compliance_not, c))
                .flatten()
        });
    // A coverage word inside a request to change the policy (or a question about what the
    // change costs) belongs to that request.
    let asking_cost: Vec<(usize, usize)> = r
        .compliance_not
        .find_iter(c)
        .map(|m| (m.start(), m.end()))
        .collect();
    let in_request = |m: &regex::Match| {
        compliance.is_some_and(|l| m.start() >= l.start() && m.end() <= l.end())
            || asking_cost
                .iter()
                .any(|&(s, e)| m.start() >= s && m.end() <= e)
            // "what would full coverage run?" asks a price, not the terms.
            || pricing_asked.is_some_and(|p| m.start() >= p.start() && m.end() <= p.end())
    };
    if let Some(m) = r.contract_any.find(c).or_else(|| {
        asked
            .then(|| {
                let paying: Vec<(usize, usize)> = r
                    .contract_not
                    .find_iter(c)
                    .map(|m| (m.start(), m.end()))
                    .collect();
                r.contract.find_iter(c).find(|m| {
                    !in_request(m) && !paying.iter().any(|&(s, e)| m.start() >= s && m.end() <= e)
                })
            })
            .flatten()
    }) {
        push(Signal::ContractQuestion, m.as_str());
    }
    // An objection is resistance to an open offer. A customer who has already decided (a
    // rejection) or is changing what was agreed (an exception) gives reasons, not objections:
    // those are heard as the rejection or the exception.
    let rejection = r.rejection.find(c).or_else(|| r.rejection_more.find(c));
    let decided = rejection.is_some() || r.exception.is_match(c);
    let objection = find_outside(&r.objection, &r.objection_not, c)
        .or_else(|| find_outside(&r.objection_more, &r.objection_not, c))
        .or(competing)
        .filter(|_| !decided);
    if let Some(m) = objection {
        push(Signal::Objection, m.as_str());
    }
    if let Some(m) = compliance {
        push(Signal::ComplianceSensitive, m.as_str());
    }
    if let Some(m) = rejection {
        push(Signal::ExplicitRejection, m.as_str());
    }
    if let Some(m) = r.opt_out_keyword.find(c).or_else(|| r.opt_out.find(c)) {
        push(Signal::OptOut, m.as_str());
    }
    let bot = r.bot.find(c).filter(|_| !r.bot_not.is_match(c));
    if let Some(m) = bot {
        push(Signal::BotQuestion, m.as_str());
    }
    // "Am I talking to a real person?" is a question about the agent, not a transfer request:
    // look for a human request only outside the bot question.
    let human = match bot {
        Some(b) => {
            let rest = format!("{} {}", &c[..b.start()], &c[b.end()..]);
            find_outside(&r.human, &r.human_not, &rest).map(|m| m.as_str().to_owned())
        }
        None => find_outside(&r.human, &r.human_not, c).map(|m| m.as_str().to_owned()),
    };
    if let Some(h) = human.or_else(|| r.human_alone.find(c).map(|m| m.as_str().to_owned())) {
        push(Signal::HumanRequested, &h);
    }
    if let Some(m) = r.help.find(c) {
        push(Signal::Help, m.as_str());
    }
    if let Some(m) = find_outside(&r.negative, &r.negative_not, c)
        .or_else(|| find_outside(&r.negative_more, &r.negative_not, c))
        // Plain-words complaints (fifth round) count when about the business and nothing in
        // the message is an innocent reading (the weather, a compliment, "no worries").
        .or_else(|| {
            (r.complaint_target.is_match(c) && !r.negative_not.is_match(c))
                .then(|| r.negative_plain.find(c))
                .flatten()
        })
    {
        push(Signal::NegativeSentiment, m.as_str());
    } else if shouted(raw) && !r.opt_out_keyword.is_match(c) && !r.opt_out.is_match(c) {
        // "STOP TEXTING ME" is an opt-out in capitals, not a complaint.
        push(Signal::NegativeSentiment, "all caps");
    } else if let Some(score) = negative_score(raw)
        // VADER backs up the rules for statements about the business; a question ("kill the
        // breaker before you come?") asks, it does not complain, and an objection's doubts
        // ("your reviews aren't great") are the objection.
        .filter(|_| {
            !asked
                && objection.is_none()
                && r.complaint_target.is_match(c)
                && !r.negative_not.is_match(c)
        })
    {
        push(
            Signal::NegativeSentiment,
            &format!("VADER compound {score:.2}"),
        );
    }
    if raw.trim_end().ends_with('?') {
        push(Signal::Question, "?");
    } else if let Some(m) = r.question.find(c).or_else(|| r.question_inner.find(c)) {
        push(Signal::Question, m.as_str());
    } else if raw.contains('?') {
        push(Signal::Question, "?");
    }
    if let Some(m) = r.confusion.find(c) {
        push(Signal::Confusion, m.as_str());
    }
    if let Some(m) = r.exception.find(c) {
        push(Signal::Exception, m.as_str());
    }
    if let Some(m) = find_outside(&r.service, &r.service_not, c) {
        push(Signal::ServiceConcern, m.as_str());
    }
    Signals(out)
}

/// A message typed in capitals ("WHY IS NOBODY ANSWERING"): several words, no lower-case
/// letter. A keyword alone ("STOP", "HELP") is not shouting.
fn shouted(raw: &str) -> bool {
    let words = raw
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    words >= 3 && !raw.chars().any(char::is_lowercase)
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

/// Whether the message is exactly an SMS opt-in keyword (START, UNSTOP, YES): it opts a
/// customer who opted out back in, and means nothing special otherwise.
pub fn is_opt_in(raw: &str) -> bool {
    let word = raw
        .trim()
        .trim_end_matches(|c: char| c.is_ascii_punctuation())
        .to_ascii_lowercase();
    matches!(word.as_str(), "start" | "unstop" | "yes")
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
    fn opt_in_keywords_only_exactly() {
        for t in ["START", "unstop", " Yes! ", "yes."] {
            assert!(is_opt_in(t), "{t}");
        }
        for t in ["yes please book it", "start over", "STOP", ""] {
            assert!(!is_opt_in(t), "{t}");
        }
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

    /// The misses and false alarms issue 12 reported, as the detector reads them now.
    #[test]
    fn issue_12_examples() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Is there a charge to come out and look at it?",
                &["pricing_question"],
            ),
            ("Do you offer financing?", &["pricing_question"]),
            ("Is it pricey?", &["pricing_question"]),
            (
                "What does the warranty cover exactly?",
                &["contract_question"],
            ),
            (
                "am I covered if a tree falls on my roof",
                &["contract_question"],
            ),
            ("what's my deductible", &["contract_question"]),
            ("We already have a guy who does this", &["objection"]),
            ("Now isn't a good time for us", &["objection"]),
            ("My husband doesn't think we need it", &["objection"]),
            ("I got a better quote from another carrier", &["objection"]),
            (
                "Your technician was rude to my wife",
                &["negative_sentiment"],
            ),
            ("You people are useless", &["negative_sentiment"]),
            (
                "I want you to delete all my personal data",
                &["compliance_sensitive"],
            ),
            (
                "You're violating the do not call list",
                &["compliance_sensitive", "opt_out"],
            ),
            ("can you bind the policy today", &["compliance_sensitive"]),
            (
                "can you add my son to the auto policy",
                &["compliance_sensitive"],
            ),
            (
                "Please cancel, we're not moving forward",
                &["explicit_rejection"],
            ),
            (
                "We won't be needing your services anymore",
                &["explicit_rejection"],
            ),
            (
                "Can you have someone from the office call me",
                &["human_requested"],
            ),
            (
                "um i'd like to uh talk to a real person",
                &["human_requested"],
            ),
            (
                "The AC is making a grinding noise again since your visit last week",
                &["service_concern"],
            ),
        ];
        for (text, want) in cases {
            let n = names(text);
            for w in *want {
                assert!(n.contains(w), "{text:?}: {n:?} lacks {w}");
            }
        }
        for text in [
            "No, not necessary, thanks",
            "no",
            "I'm staying at the Washington Court Hotel",
            "now that I think about it, Thursday works",
            "We watched a horror movie",
            "my kid loves the album Sick Boy",
            "I paid $130 last time",
            "The price was fair, thanks",
            "You can stop at the side gate",
            "My flight got cancelled so I'm free",
            "The weather is terrible today",
        ] {
            let s = detect(text);
            assert!(
                s.escalating().next().is_none() && !s.has(Signal::OptOut),
                "{text:?}: {:?}",
                s.names()
            );
        }
    }

    /// Objections by frame, service concerns and requests for a person in everyday words; and
    /// the same words where they mean nothing to escalate.
    #[test]
    fn frames_read_meaning_not_keywords() {
        let cases: &[(&str, &str)] = &[
            ("We're happy with the company we use now", "objection"),
            ("I've been with State Farm for fifteen years", "objection"),
            ("Let's circle back in a few months", "objection"),
            ("i need to run it by my wife first", "objection"),
            ("Money's tight this month", "objection"),
            ("Another company quoted me a lot less", "objection"),
            ("sounds like an upsell to me", "objection"),
            ("The breaker keeps popping", "service_concern"),
            ("The crown feels loose", "service_concern"),
            ("Can I get a call back from someone?", "human_requested"),
            ("I'd like someone to phone me back", "human_requested"),
            ("Get me your supervisor", "human_requested"),
            ("this is the third time i've called", "negative_sentiment"),
            ("Thanks but we've decided to pass", "explicit_rejection"),
            (
                "I'm filing a complaint with the state",
                "compliance_sensitive",
            ),
        ];
        for (text, want) in cases {
            let n = names(text);
            assert!(n.contains(want), "{text:?}: {n:?} lacks {want}");
        }
        for text in [
            "We already have a ladder if the plumber needs one",
            "I'll check with my wife about the gate code and text you",
            "I've been with you guys for 10 years and never had an issue",
            "Waiting for someone to call me with the time, no rush",
            "Let me talk to my daughter about which day is better",
            "Can you charge my card on file?",
            "Thanks, you guys were great, worst storm we've had in years though",
            "Kill the breaker before you come?",
            "I'm going to pass by your office later to drop off the form",
            "My husband says we should wait until she's home to start",
        ] {
            let s = detect(text);
            assert!(s.escalating().next().is_none(), "{text:?}: {:?}", s.names());
        }
        // Someone who has decided gives reasons, not objections.
        let n = names("We decided to go with another company, they came in lower");
        assert!(
            n.contains(&"explicit_rejection") && !n.contains(&"objection"),
            "{n:?}"
        );
    }

    /// Issue 12's third round: each signal's frames in words the first two rounds never used,
    /// SMS without apostrophes, and the same cues where they mean nothing to escalate.
    #[test]
    fn third_round_frames() {
        let cases: &[(&str, &str)] = &[
            ("My landlord would have to approve it", "objection"),
            ("thats way over what we budgeted", "objection"),
            ("I'm already insured through my job", "objection"),
            ("The guy down the street does it for half that", "objection"),
            ("I'm still weighing my options", "objection"),
            (
                "We had a bad experience with you guys a few years back",
                "objection",
            ),
            ("Feels like you're padding the bill", "objection"),
            ("WHY IS NOBODY ANSWERING THE PHONE", "negative_sentiment"),
            ("Your receptionist hung up on me", "negative_sentiment"),
            ("I'm leaving a one star review", "negative_sentiment"),
            ("I've been on hold for 45 minutes", "negative_sentiment"),
            ("Is this call being recorded?", "compliance_sensitive"),
            ("How did you even get my number?", "compliance_sensitive"),
            (
                "I traded in my car, can you swap it on the policy?",
                "compliance_sensitive",
            ),
            ("Did my biopsy come back?", "compliance_sensitive"),
            ("I won't be renewing", "explicit_rejection"),
            ("Hard pass, thanks", "explicit_rejection"),
            ("is there a number i can call?", "human_requested"),
            ("Can you call me back?", "human_requested"),
            ("I'd rather deal with a person", "human_requested"),
            ("Is there a human I can talk to?", "human_requested"),
            ("Is there a trip charge?", "pricing_question"),
        ];
        for (text, want) in cases {
            let n = names(text);
            assert!(n.contains(want), "{text:?}: {n:?} lacks {want}");
        }
        // A competitor's price set against ours is an objection, not a pricing question.
        let n = names("geico quoted me 90 a month, can you beat that?");
        assert!(
            n.contains(&"objection") && !n.contains(&"pricing_question"),
            "{n:?}"
        );
        assert!(
            !names("you quoted me 300 last time, is that still good for Thursday?")
                .contains(&"objection")
        );
        // A request for a person is not a question about the agent.
        assert!(!names("Is there a human I can talk to?").contains(&"bot_question"));
        for text in [
            "it's crazy how fast you guys got here",
            "I'm sick of this rain lol",
            "I'll have to ask my wife which day is better",
            "when is my premium due?",
            "can I pay my deductible online?",
            "do I pay the tech or the office?",
            "is it covered parking?",
            "the estimate looked good, when can you start?",
            "My lawyer's office is next door, the parking is shared",
            "Court ruled in our favor on the fence thing, anyway Thursday is good",
            "I'm a little nervous about the drill but I'll be there",
            "STOP TEXTING ME",
            "My AC stopped, call me back at 555-303-4040",
        ] {
            let s = detect(text);
            assert!(
                s.escalating().next().is_none() || text == "STOP TEXTING ME",
                "{text:?}: {:?}",
                s.names()
            );
            // Capitals that opt out are the opt-out, not anger.
            assert!(
                !s.has(Signal::NegativeSentiment),
                "{text:?}: {:?}",
                s.names()
            );
        }
        assert!(is_opt_out("STOP TEXTING ME"));
    }

    /// Issue 12's fifth round: frames read off the written train split (budget, delay, a third
    /// party, an existing provider, shopping around, doubt; complaints without a sentiment word;
    /// service failures in plain words; rejections and opt-outs), each beside an innocent
    /// counterpart that must stay quiet.
    #[test]
    fn fifth_round_frames() {
        let cases: &[(&str, &str)] = &[
            ("money is pretty tight for us this month", "objection"),
            (
                "thats more than we budgeted for the water heater",
                "objection",
            ),
            ("we'll probably ride it out until spring", "objection"),
            (
                "think i'll wait til after the holidays on the crown",
                "objection",
            ),
            ("let me see what my husband says", "objection"),
            ("we got a guy already", "objection"),
            ("gonna see what a couple other places charge", "objection"),
            ("do we really even need the extended warranty", "objection"),
            ("what makes yours any different", "objection"),
            (
                "the tech showed up two hours late and nobody called",
                "negative_sentiment",
            ),
            ("your guy scratched my floor and left", "negative_sentiment"),
            (
                "the third time now your office lost my form",
                "negative_sentiment",
            ),
            (
                "the dishwasher you fixed jammed up again",
                "service_concern",
            ),
            ("my filling already chipped", "service_concern"),
            ("still no check from the claim", "service_concern"),
            ("the new outlets are dead", "service_concern"),
            (
                "we went another direction, thanks anyway",
                "explicit_rejection",
            ),
            (
                "changed my mind on the patio, not gonna do it",
                "explicit_rejection",
            ),
            ("no longer a patient there, thanks", "explicit_rejection"),
            ("no more reminder texts please", "opt_out"),
            ("please take my number off your marketing list", "opt_out"),
        ];
        for (text, want) in cases {
            let s = detect(text);
            assert!(
                s.has(Signal::parse(want).unwrap()),
                "{text:?}: {:?}",
                s.names()
            );
            assert!(
                s.iter().all(|d| !d.evidence.is_empty()),
                "{text:?}: every detection keeps its evidence"
            );
        }
        // The same words where nothing is to be escalated.
        for text in [
            "the driveway is steep so park on the street",
            "i'm not worried about it, take your time",
            "we'll wait on the porch for the tech",
            "we've got a puppy so please close the gate",
            "the numbing wore off and i feel fine",
            "my brother in law is a retired lawyer and he loved the policy",
            "the loan officer confirmed receipt of the binder",
            "third time's the charm, the new thermostat works great",
            "kids are sick of being sick, see you thursday",
            "love that you guys text before showing up, really nice",
            "i'll wait for the adjuster's email then, no problem",
            "can't do the tuesday slot, is wednesday open?",
        ] {
            let s = detect(text);
            assert!(s.escalating().next().is_none(), "{text:?}: {:?}", s.names());
        }
        for (text, not) in [
            (
                "everything's running fine since the install",
                "service_concern",
            ),
            (
                "my flight got delayed, won't be back until friday",
                "explicit_rejection",
            ),
            (
                "can we find another day for the chimney guy",
                "explicit_rejection",
            ),
            ("please take us off the schedule for thursday", "opt_out"),
            (
                "switching carriers sounds like a hassle",
                "explicit_rejection",
            ),
        ] {
            let s = detect(text);
            assert!(
                !s.has(Signal::parse(not).unwrap()),
                "{text:?}: {:?}",
                s.names()
            );
        }
    }

    #[test]
    fn empty_and_hostile_input() {
        assert!(detect("").is_empty());
        let long = "a".repeat(100_000);
        let _ = detect(&long);
        let _ = detect("\u{0}\u{202e}💥 ?");
    }

    #[test]
    fn the_shipped_model_decides_every_escalation_signal() {
        let m = &*SHIPPED;
        for s in crate::eval::signals::ESCALATION {
            assert!(m.signals.contains(s), "{s} is modelled");
        }
        assert_eq!(m.weights.len(), (1 << m.bits) * m.signals.len());
    }

    #[test]
    fn the_model_hears_what_the_rules_miss_and_says_why() {
        // Sarcasm with no complaint word: the rules alone hear nothing.
        let t = "Wow 4 hour window and nobody shows. Great job guys really top notch";
        let rules_alone = detect_with(t, None);
        assert!(!rules_alone.has(Signal::NegativeSentiment));
        let s = detect(t);
        let d = s
            .iter()
            .find(|d| d.signal == Signal::NegativeSentiment)
            .expect("heard with the model");
        assert!(d.evidence.starts_with("model 0."), "{}", d.evidence);
    }

    #[test]
    fn an_opt_out_the_rules_hear_always_stands() {
        // A model that doubts everything still cannot overrule "STOP".
        let mut m = SHIPPED.clone();
        m.bias.iter_mut().for_each(|b| *b = -50.0);
        for t in ["STOP", "stop texting me", "please take me off your list"] {
            assert!(detect_with(t, Some(&m)).has(Signal::OptOut), "{t}");
        }
        assert!(
            !detect_with("we're done, don't bother following up", Some(&m))
                .has(Signal::ExplicitRejection)
        );
    }
}
