//! Property tests for Hands-Off Mode: whatever sequence of events and clock moves happens, no
//! autonomous message is delivered inside quiet hours, after an opt-out, under the kill switch
//! or in shadow mode, and no action is recorded without origin, reason and gate result.
//!
//! The checks use the test's own model of the world (its own opt-out record, its own reading
//! of the customer's local clock), not the engine's fields, so an engine bug cannot hide.

use aisha_core::care::{
    self, ActionOrigin, CareState, Channel, Controls, Customer, Effects, Event, Relationship,
};
use aisha_core::Company;
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

const ZONES: &[&str] = &[
    "America/Chicago",
    "America/New_York",
    "America/Los_Angeles",
    "Pacific/Honolulu",
    "Europe/London",
    "Australia/Lord_Howe", // a half-hour DST shift
    "Asia/Kolkata",
];

const TEXTS: &[&str] = &[
    "Yes that works",
    "How much is it?",
    "too expensive",
    "STOP",
    "stopall",
    "Unsubscribe me",
    "cancel",
    "end",
    "QUIT",
    "please stop texting me",
    "HELP",
    "I'm furious, worst service ever",
    "the unit is leaking again",
    "not interested",
    "call my lawyer",
    "ok",
    "",
];

const OPT_OUT_TEXTS: &[&str] = &[
    "STOP",
    "stopall",
    "Unsubscribe me",
    "cancel",
    "end",
    "QUIT",
    "please stop texting me",
];

const ACTIONS: &[&str] = &[
    "send_message",
    "follow_up",
    "reengage",
    "offer_discount",
    "change_price",
    "negotiate_terms",
    "make_commitment",
    "regulated_action",
    "impersonate_human",
    "wire_money",
    "",
];

#[derive(Debug, Clone)]
enum Op {
    /// Move the clock forward by this many minutes, running due work at each due instant.
    Advance(i64),
    Inbound(usize, bool),
    Outbound,
    Record(u8),
    Override(usize),
    HandsOff(bool),
    Kill(bool),
    Shadow(bool),
    User(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (1i64..20_000).prop_map(Op::Advance),
        3 => (0..TEXTS.len(), any::<bool>()).prop_map(|(t, sms)| Op::Inbound(t, sms)),
        1 => Just(Op::Outbound),
        2 => (0u8..5).prop_map(Op::Record),
        1 => (0..CareState::ALL.len()).prop_map(Op::Override),
        1 => any::<bool>().prop_map(Op::HandsOff),
        1 => any::<bool>().prop_map(Op::Kill),
        1 => any::<bool>().prop_map(Op::Shadow),
        2 => (0..ACTIONS.len(), 0..TEXTS.len()).prop_map(|(a, t)| Op::User(a, t)),
    ]
}

fn company(quiet_end: u8, quiet_start: u8) -> Company {
    let mut c = Company::from_json(include_str!("../../../companies/demo-hvac.json"))
        .unwrap()
        .company;
    c.care.quiet_hours_end = quiet_end;
    c.care.quiet_hours_start = quiet_start;
    c.validated().unwrap()
}

struct World {
    company: Company,
    rel: Relationship,
    controls: Controls,
    now: Timestamp,
    opted_out: bool,
}

impl World {
    /// Check every action of one step against the world as it was when the step ran.
    fn check(&self, fx: &Effects, answering_inbound: bool) -> Result<(), TestCaseError> {
        let tz = self.rel.time_zone(&self.company);
        for a in &fx.actions {
            prop_assert!(
                !a.reason.trim().is_empty(),
                "action without a reason: {a:?}"
            );
            if !matches!(a.policy_gate_result, care::GateResult::Allowed) {
                prop_assert!(
                    !a.delivered,
                    "a {:?} action was delivered",
                    a.policy_gate_result
                );
                prop_assert!(
                    !a.gate_reasons.is_empty(),
                    "a refusal without reasons: {a:?}"
                );
            }
            if !a.delivered || a.action_origin != ActionOrigin::CareAutonomous {
                continue;
            }
            let hour = a.at.to_zoned(tz.clone()).hour();
            let reply = answering_inbound && a.reason.contains("HELP");
            prop_assert!(
                reply
                    || (hour >= self.company.care.quiet_hours_end as i8
                        && hour < self.company.care.quiet_hours_start as i8),
                "autonomous delivery at {hour}:00 local: {a:?}"
            );
            prop_assert!(!self.opted_out || reply, "delivered after opt-out: {a:?}");
            prop_assert!(
                !self.controls.kill_switch,
                "delivered under the kill switch: {a:?}"
            );
            prop_assert!(
                !self.controls.shadow_mode,
                "delivered in shadow mode: {a:?}"
            );
            prop_assert!(
                self.rel.hands_off || reply,
                "delivered with hands-off off: {a:?}"
            );
        }
        Ok(())
    }

    fn event(&mut self, ev: Event) -> Result<(), TestCaseError> {
        let fx = care::apply_event(
            &mut self.rel,
            &mut care::Ctx {
                company: &self.company,
                controls: &mut self.controls,
                now: self.now,
            },
            &ev,
        );
        self.check(&fx, matches!(ev, Event::InboundMessage { .. }))
    }

    fn advance(&mut self, minutes: i64) -> Result<(), TestCaseError> {
        let until = self.now + SignedDuration::from_mins(minutes);
        let mut guard = 0;
        while let Some(due) = care::next_due(&self.rel, &self.company) {
            if due > until {
                break;
            }
            guard += 1;
            prop_assert!(guard < 1000, "the planner never settles");
            // Due work runs at its own instant, never before the clock.
            self.now = due.max(self.now);
            let fx = care::run_due(
                &mut self.rel,
                &mut care::Ctx {
                    company: &self.company,
                    controls: &mut self.controls,
                    now: self.now,
                },
            );
            self.check(&fx, false)?;
            if care::next_due(&self.rel, &self.company).is_some_and(|n| n <= self.now) {
                self.now += SignedDuration::from_mins(1); // as the service does
            }
        }
        self.now = until.max(self.now);
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn hands_off_never_breaks_a_gate(
        zone in 0..ZONES.len(),
        quiet in prop_oneof![Just((8u8, 21u8)), Just((9, 17)), Just((7, 22))],
        start_state in 0..CareState::ALL.len(),
        start_minute in 0i64..(365 * 24 * 60),
        has_email in any::<bool>(),
        ops in prop::collection::vec(op(), 1..40),
    ) {
        let company = company(quiet.0, quiet.1);
        let now = Timestamp::from_second(1_767_225_600).unwrap() // 2026-01-01
            + SignedDuration::from_mins(start_minute);
        let customer = Customer {
            id: "c".into(),
            first_name: Some("Dana".into()),
            phone: Some("+15551230000".into()),
            email: has_email.then(|| "dana@example.com".into()),
            timezone: Some(ZONES[zone].into()),
            ..Customer::default()
        };
        let mut w = World {
            rel: Relationship::new(customer, CareState::ALL[start_state], now),
            company,
            controls: Controls::default(),
            now,
            opted_out: false,
        };
        for op in ops {
            match op {
                Op::Advance(m) => w.advance(m)?,
                Op::Inbound(t, sms) => {
                    let text = TEXTS[t];
                    w.event(Event::InboundMessage {
                        channel: Some(if sms { Channel::Sms } else { Channel::Email }),
                        text: text.into(),
                    })?;
                    if OPT_OUT_TEXTS.contains(&text) {
                        w.opted_out = true;
                    }
                }
                Op::Outbound => w.event(Event::OutboundMessage { channel: None, text: "hi".into() })?,
                Op::Record(r) => w.event(match r {
                    0 => Event::LeadCreated {},
                    1 => Event::ProposalDelivered { summary: String::new() },
                    2 => Event::AgreementRecorded {},
                    3 => Event::ServiceStarted {},
                    _ => Event::RejectionRecorded { reason: String::new() },
                })?,
                Op::Override(s) => w.event(Event::StateOverride {
                    state: CareState::ALL[s],
                    reason: reason(),
                    by: None,
                })?,
                Op::HandsOff(on) => w.event(Event::HandsOff { enabled: on, reason: reason(), by: None })?,
                Op::Kill(on) => w.event(Event::KillSwitch { enabled: on, reason: reason(), by: None })?,
                Op::Shadow(on) => w.event(Event::ShadowMode { enabled: on, reason: reason(), by: None })?,
                Op::User(a, t) => w.event(Event::UserDirected {
                    action: ACTIONS[a].into(),
                    text: TEXTS[t].into(),
                    by: Some("owner".into()),
                })?,
            }
        }
    }

    /// A user-directed message is delivered whatever the Hands-Off switches say, unless it is a
    /// hard prohibition or the customer opted out.
    #[test]
    fn user_directed_messages_ignore_hands_off_switches(
        kill in any::<bool>(), shadow in any::<bool>(), hands_off in any::<bool>(),
        minute in 0i64..(7 * 24 * 60),
    ) {
        let company = company(8, 21);
        let now = Timestamp::from_second(1_767_225_600).unwrap() + SignedDuration::from_mins(minute);
        let mut rel = Relationship::new(
            Customer { id: "c".into(), phone: Some("+15551230000".into()), ..Customer::default() },
            CareState::Engaged,
            now,
        );
        rel.hands_off = hands_off;
        let mut controls = Controls { kill_switch: kill, shadow_mode: shadow };
        let fx = care::apply_event(
            &mut rel,
            &mut care::Ctx { company: &company, controls: &mut controls, now },
            &Event::UserDirected {
                action: "send_message".into(),
                text: "Your part arrived; we can install it Tuesday.".into(),
                by: Some("owner".into()),
            },
        );
        prop_assert_eq!(fx.actions.len(), 1);
        let a = &fx.actions[0];
        prop_assert_eq!(a.action_origin, ActionOrigin::UserDirected);
        prop_assert_eq!(a.policy_gate_result, care::GateResult::Allowed);
        prop_assert!(a.delivered);
    }
}

fn reason() -> aisha_core::Reason {
    aisha_core::Reason::parse("property test").unwrap()
}
