//! Slots and names: what an answer does to a slot (checked before it is captured), the name-slot
//! state machine, values stated in passing, confirmations.

use super::*;

pub(super) static CORRECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(actually|sorry|wait|correction|i meant|change|changed|wrong|oops|scratch that|instead|update|new number|different number)\b").expect("correction pattern")
});
pub(super) static SAME_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(this number|same number|the number i'm calling from|number i'm calling from|caller id|the one i'm calling from)\b").expect("same number pattern")
});
pub(super) static SKIP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(skip|none|no|nope|n/a|nothing|pass|not applicable|no thanks)\b")
        .expect("skip pattern")
});

/// What an answer did to a slot.
pub(super) enum Answer {
    /// Captured; acknowledge and move on.
    Captured,
    /// Captured, but a follow-up question was asked (confirm back, missing name part).
    Asked,
    /// Not usable; the message says why.
    Unusable(String),
}

pub(super) fn apply_answer(
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

pub(super) fn strip_answer_filler(raw: &str) -> String {
    let t = raw.trim();
    let lower = t.to_lowercase();
    for p in ["it's ", "it is ", "that's ", "um ", "uh ", "well "] {
        if lower.starts_with(p) {
            return t[p.len()..].trim().to_owned();
        }
    }
    t.to_owned()
}

pub(super) fn pick_option(options: &[String], norm: &str) -> Option<String> {
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

pub(super) fn set_time(session: &mut Session, t: extract::TimeAnswer) {
    session.booking.slots.time.preference = Some(t.preference.to_owned());
    session.booking.slots.time.window = t.window;
    session.booking.meta.time.is_asap = t.preference == "ASAP";
}

pub(super) fn confirm_or_capture(
    session: &mut Session,
    slot: &BookingSlot,
    d: &mut Draft,
) -> Answer {
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
pub(super) fn capture_name(
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

pub(super) fn ask_missing_name_part(
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
pub(super) fn capture_explicit_values(
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

/// Whether the active slot's extractor can use this text, without changing anything.
pub(super) fn slot_can_answer(
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

pub(super) fn mark_confirmed(session: &mut Session, slot: &BookingSlot) {
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

pub(super) fn reset_slot(session: &mut Session, slot: &BookingSlot) {
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
