//! Interrupts: a question mid-booking is answered (or deferred), then the pending question is
//! asked again.

use super::*;

/// A question mid-booking: answer from the company's scenarios (or defer; pricing and terms
/// always defer), then resume with the question the engine is waiting on.
pub(super) fn interrupt(t: Turn<'_>, session: &mut Session, d: Draft) -> TurnStep {
    let (company, raw, norm) = (t.company, t.raw, t.norm);
    let prompts = &company.front_desk_behavior.booking_prompts;
    let resume_prompt = if session.mode == Mode::Complete {
        String::new()
    } else {
        current_prompt(company, session)
    };
    let pricing = t.signals.has(Signal::PricingQuestion) || t.signals.has(Signal::ContractQuestion);
    if pricing {
        // Never handed to a speaker: no price, discount or term can be invented.
        let mut d = d;
        d.intent = AgentIntent::InterruptAnswer;
        d.say(prompts.pricing_deferral.clone());
        d.say(resume_prompt);
        return t.done(session, d);
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
    t.ask_speaker(request, d.parts, AgentIntent::InterruptAnswer)
}
