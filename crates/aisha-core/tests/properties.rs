//! Property tests for the extractors, detectors and the booking state machine.

use aisha_core::extract::{self, PhoneFinding};
use aisha_core::session::Mode;
use aisha_core::{frontdesk, signals, Company, Session, TurnInput};
use proptest::prelude::*;

fn company() -> Company {
    Company::from_json(include_str!(
        "../../../conformance/shared/companies/hvac.json"
    ))
    .unwrap()
    .company
}

proptest! {
    #[test]
    fn any_ten_digit_nanp_number_round_trips(area in 200u32..999, exch in 200u32..999, line in 0u32..9999, sep in prop::sample::select(vec!["-", ".", " ", ""])) {
        let raw = format!("{area}{sep}{exch}{sep}{line:04}");
        let expected = format!("{area}-{exch}-{line:04}");
        prop_assert_eq!(extract::find_phone(&raw), Some(PhoneFinding::Valid(expected.clone())));
        prop_assert_eq!(extract::parse_phone(&format!("+1 {expected}")), Some(expected));
    }

    #[test]
    fn extractors_and_detector_never_panic(s in "\\PC{0,200}") {
        let _ = extract::find_phone(&s);
        let _ = extract::extract_name(&s);
        let _ = extract::find_address(&s);
        let _ = extract::yes_no(&s);
        let _ = signals::detect(&s);
    }

    #[test]
    fn short_numbers_are_never_valid(n in 0u32..999_999) {
        let r = extract::find_phone(&n.to_string());
        prop_assert!(!matches!(r, Some(PhoneFinding::Valid(_))));
    }

    /// Whatever the caller says, the engine answers, never leaves BOOKING without consent,
    /// and never forgets a captured slot unless the caller corrected it.
    #[test]
    fn booking_state_machine_invariants(utterances in prop::collection::vec(prop::sample::select(vec![
        "yes", "no", "John", "Subach", "John Smith", "555-123-4567", "555-1234", "123 Main Street, Anytown",
        "As soon as possible", "What are your hours?", "How much?", "my AC stopped working", "", "morning",
        "I'd like to schedule an appointment", "STOP", "are you a robot?", "actually my number is 555-222-3333",
    ]), 1..25)) {
        let company = company();
        let mut s = Session::new();
        let now: jiff::Timestamp = "2026-03-02T15:00:00Z".parse().unwrap();
        for u in utterances {
            let phone_before = s.booking.slots.phone.clone();
            let o = frontdesk::turn_embedded(&company, &mut s, TurnInput { text: u, caller_id: None, now });
            prop_assert!(!o.reply.trim().is_empty(), "empty reply to {:?}", u);
            if s.mode != Mode::Discovery {
                prop_assert!(s.booking.consent_given);
            }
            if phone_before.is_some() && !u.contains("number") && !u.contains("555") {
                prop_assert_eq!(&s.booking.slots.phone, &phone_before);
            }
            if s.mode == Mode::Complete {
                prop_assert!(s.booking.active_slot.is_none());
            }
        }
    }
}
