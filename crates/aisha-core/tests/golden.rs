//! The receptionist contract's golden transcript, straight through the pure engine.

use aisha_core::{frontdesk, Company, Mode, Session, TurnInput};

#[test]
fn golden_transcript_word_for_word() {
    let raw = include_str!("../../../conformance/shared/companies/hvac.json");
    let company = Company::from_json(raw).unwrap().company;
    let mut s = Session::new();
    let now: jiff::Timestamp = "2026-03-02T15:00:00Z".parse().unwrap();
    let mut say = |t: &str| {
        frontdesk::turn_embedded(
            &company,
            &mut s,
            TurnInput {
                text: t,
                caller_id: None,
                now,
            },
        )
    };
    let o = say("Hi I'm having air-conditioning issues today");
    assert_eq!(
        (o.mode, o.last_agent_intent.as_str()),
        (Mode::Discovery, "DISCOVERY"),
        "{}",
        o.reply
    );
    let o = say("The thermostat is blank and there's water dripping");
    assert_eq!(
        o.last_agent_intent.as_str(),
        "OFFER_SCHEDULE",
        "{}",
        o.reply
    );
    let o = say("Yes please");
    assert_eq!(
        o.reply,
        "Perfect! Let me get your information. May I have your name please?"
    );
    let o = say("Subach");
    assert_eq!(o.reply, "Got it, Subach. Did I get that right?");
    let o = say("yes");
    assert_eq!(o.reply, "And what's your first name?");
    let o = say("John");
    assert_eq!(
        o.reply,
        "Perfect, John Subach. What's the best phone number to reach you?"
    );
    let o = say("555-123-4567");
    assert_eq!(o.reply, "Thank you. What's the service address?");
    let o = say("123 Main Street, Anytown");
    assert_eq!(o.reply, "Perfect. When works best for you?");
    let o = say("As soon as possible");
    assert_eq!(o.mode, Mode::Complete);
    assert!(
        o.reply.contains("I have all your information") && o.reply.contains("as soon as possible"),
        "{}",
        o.reply
    );
    assert!(o.booking_completed);
}
