//! BOOKING: the phases of a booking turn (guards, pending questions, the active slot), moving
//! from slot to slot, completing and cancelling, and keeping up with configuration changes.

use super::*;

pub(super) fn booking_turn(t: Turn<'_>, session: &mut Session) -> TurnStep {
    let (company, raw, norm, now) = (t.company, t.raw, t.norm, t.now);
    let prompts = &company.front_desk_behavior.booking_prompts;
    let analysis = InterruptAnalysis::of(raw, norm);
    let mut d = Draft::new(AgentIntent::BookingSlotQuestion);
    if t.signals.has(Signal::BotQuestion) {
        d.say(text::fill(
            &prompts.ai_disclosure,
            &[("company", company.display_name())],
        ));
        if t.signals.has(Signal::PricingQuestion) || t.signals.has(Signal::ContractQuestion) {
            d.say(prompts.pricing_deferral.clone());
        }
        d.intent = AgentIntent::InterruptAnswer;
        d.say(current_prompt(company, session));
        return t.done(session, d);
    }

    if session.pending.is_none() && active_slot(company, session).is_none() {
        // Nothing left to ask under the current configuration.
        advance(company, session, &mut d);
        return t.done(session, d);
    }
    if intent::instructs_assistant(norm) {
        // Instructions to the assistant are never an answer: the question is asked again.
        d.say(prompts.did_not_understand.clone());
        d.say(current_prompt(company, session));
        return t.done(session, d);
    }
    let cancelling = !matches!(session.pending, Some(Pending::CancelBooking { .. }))
        && intent::wants_to_cancel(norm)
        && !active_slot(company, session)
            .is_some_and(|slot| slot_can_answer(company, session, slot, raw, norm, now));
    if cancelling {
        let resume = session.pending.take().map(Box::new);
        session.pending = Some(Pending::CancelBooking { resume });
        d.say(prompts.cancel_booking_question.clone());
        return t.done(session, d);
    }

    if let Some(pending) = session.pending.clone() {
        return pending_turn(t, session, pending, analysis, d);
    }
    let Some(slot) = active_slot(company, session).cloned() else {
        advance(company, session, &mut d);
        return t.done(session, d);
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
        return t.done(session, d);
    }
    if slot_captured(session, &slot) {
        advance(company, session, &mut d);
        return t.done(session, d);
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
                return t.done(session, d);
            }
        }
    }
    if question
        || (!can_answer
            && (t.signals.has(Signal::PricingQuestion) || t.signals.has(Signal::ContractQuestion)))
    {
        return interrupt(t, session, d);
    }
    if !corrected.is_empty() && !can_answer {
        // The utterance was about another slot; this slot's question is asked again.
        d.say(current_prompt(company, session));
        return t.done(session, d);
    }
    match apply_answer(company, session, &slot, raw, norm, now, &mut d) {
        Answer::Captured => ack_and_advance(company, session, &mut d, &slot),
        Answer::Asked => {}
        Answer::Unusable(why) => {
            d.say(why);
            d.say(current_prompt(company, session));
        }
    }
    t.done(session, d)
}

// ------------------------------------------------------------------ BOOKING

pub(super) fn active_slot<'c>(company: &'c Company, session: &Session) -> Option<&'c BookingSlot> {
    session
        .booking
        .active_slot
        .as_deref()
        .and_then(|id| company.slot(id))
}

pub(super) fn slot_captured(session: &Session, slot: &BookingSlot) -> bool {
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

pub(super) fn caller_id_display(session: &Session) -> Option<String> {
    session.caller_id.as_deref().and_then(extract::parse_phone)
}

pub(super) fn slot_value_text(session: &Session, slot: &BookingSlot) -> String {
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

pub(super) fn acknowledgement(company: &Company, session: &Session, slot: &BookingSlot) -> String {
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

/// Acknowledge the slot just captured and move on.
pub(super) fn ack_and_advance(
    company: &Company,
    session: &mut Session,
    d: &mut Draft,
    slot: &BookingSlot,
) {
    let ack = acknowledgement(company, session, slot);
    advance_with_ack(company, session, d, Some(ack));
}

/// Move to the next slot the caller has not given, or to COMPLETE. `ack` is the
/// acknowledgement of the slot just captured; it is dropped when the booking completes (the
/// completion message speaks for it).
pub(super) fn advance_with_ack(
    company: &Company,
    session: &mut Session,
    d: &mut Draft,
    ack: Option<String>,
) {
    let before = d.parts.len();
    if let Some(a) = ack {
        d.say(a);
    }
    advance(company, session, d);
    if session.mode == Mode::Complete && d.parts.len() > before + 1 {
        d.parts.remove(before);
    }
}

pub(super) fn advance(company: &Company, session: &mut Session, d: &mut Draft) {
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

pub(super) fn complete(company: &Company, session: &mut Session, d: &mut Draft) {
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
pub(super) fn reconcile_with_configuration(company: &Company, session: &mut Session) {
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
pub(super) fn cancel_booking(company: &Company, session: &mut Session, d: &mut Draft) {
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
