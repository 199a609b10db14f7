//! Pending confirmations: the confirm-back, the missing name part, the caller-ID offer and
//! "cancel this booking?".

use super::*;

pub(super) fn pending_turn(
    t: Turn<'_>,
    session: &mut Session,
    pending: Pending,
    analysis: InterruptAnalysis,
    mut d: Draft,
) -> TurnStep {
    let (company, raw, norm, now) = (t.company, t.raw, t.norm, t.now);
    let prompts = &company.front_desk_behavior.booking_prompts;
    let yn = extract::yes_no(norm);
    match pending {
        Pending::Confirm { slot: slot_id } => {
            let Some(slot) = company.slot(&slot_id).cloned() else {
                advance(company, session, &mut d);
                return t.done(session, d);
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
                    if analysis.is_interrupt(false) || t.signals.has(Signal::PricingQuestion) {
                        return interrupt(t, session, d);
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
                return t.done(session, d);
            };
            if analysis.is_interrupt(extract::extract_name(raw).is_some()) {
                return interrupt(t, session, d);
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
                None => return booking_turn(t, session),
            }
        }
        Pending::CallerId => {
            let Some(slot) = company.slot_of_type(SlotType::Phone).cloned() else {
                advance(company, session, &mut d);
                return t.done(session, d);
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
            } else if analysis.is_interrupt(false) || t.signals.has(Signal::PricingQuestion) {
                return interrupt(t, session, d);
            } else {
                d.say(prompts.did_not_understand.clone());
                d.say(current_prompt(company, session));
            }
        }
    }
    t.done(session, d)
}
