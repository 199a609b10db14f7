//! DISCOVERY: the issue, matched scenarios, consent (and the one re-ask of a mixed reply), the
//! request for the discovery speaker.

use super::*;

pub(super) static SYMPTOM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(not (working|cooling|heating|turning on|starting|draining|flushing|blowing|coming on)|stopped|won't|wont|doesn't|does not|isn't|can't|broke|broken|leak\w*|drip\w*|noise|noisy|banging|rattl\w*|squeal\w*|grinding|smell\w*|odor|blank|dead|no (heat|cooling|cold air|hot water|power|air)|warm air|cold air|frozen|freez\w*|ice|tripp\w*|clogg\w*|overflow\w*|burst|flood\w*|backed up|pain|ache|aching|hurts|swollen|bleeding|chipped|cracked|damaged|sparking|smoke|smoking|flicker\w*|too (hot|cold)|runs constantly|short cycl\w*|keeps (turning|shutting|running)|checkup|check-up|cleaning|tune-?up|maintenance|inspection|install\w*|replace\w*|estimate|quote)\b")
        .expect("symptom pattern")
});
pub(super) static GREETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(hi|hello|hey|good (morning|afternoon|evening)|yo|howdy)( there)?\W*$")
        .expect("greeting pattern")
});
pub(super) static EMPATHY_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(issue|issues|problem|problems|trouble|not|broke|broken|stopped|leak\w*|help)\b")
        .expect("empathy pattern")
});

// ------------------------------------------------------------------ DISCOVERY

pub(super) fn matched_scenarios(company: &Company, norm: &str) -> Vec<ScenarioKnowledge> {
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

pub(super) fn pre_consent_fields_known(company: &Company, session: &Session) -> bool {
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

pub(super) fn discovery_turn(t: Turn<'_>, session: &mut Session) -> TurnStep {
    let (company, raw, norm, now) = (t.company, t.raw, t.norm, t.now);
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
    let pricing = t.signals.has(Signal::PricingQuestion) || t.signals.has(Signal::ContractQuestion);

    if let Some(c) = &consent {
        if fields_known {
            let mut d = Draft::new(AgentIntent::BookingSlotQuestion);
            if pricing {
                d.say(prompts.pricing_deferral.clone());
            }
            if t.signals.has(Signal::BotQuestion) {
                d.say(text::fill(
                    &prompts.ai_disclosure,
                    &[("company", company.display_name())],
                ));
            }
            enter_booking(company, session, c.phrase.clone(), now, &mut d);
            return t.done(session, d);
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
        return t.done(session, d);
    }
    let declined = after_offer && intent::declines(norm);
    let offer = fields_known && !declined && consent.is_none();

    if t.signals.has(Signal::BotQuestion) {
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
        return t.done(session, d);
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
            return t.done(session, d);
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
    t.ask_speaker(request, Vec::new(), AgentIntent::OfferSchedule)
}

pub(super) fn mentions_scheduling(norm: &str) -> bool {
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

pub(super) fn enter_booking(
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
