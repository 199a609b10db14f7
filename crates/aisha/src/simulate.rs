//! `aisha simulate`: a synthetic customer population run through the real C.A.R.E. engine
//! (`aisha_core::care::{apply_event, run_due, next_due}`) on a virtual clock.
//!
//! The population is a seeded mix of personas with realistic reply delays, silence,
//! questions, objections, complaints and opt-outs; the system of record moves responsive
//! customers through proposals, agreements and service; an operator answers escalations with
//! user-directed messages and flips shadow mode and the kill switch for a while. The engine's
//! output is checked independently: every autonomous delivery is tested against the customer's
//! own local clock, the simulator's own record of who opted out, and the company switches.
//!
//! The scheduler here is an in-memory priority queue with the semantics of the store's due
//! times (one due instant per relationship, stale entries skipped), because a 100 000-customer,
//! 90-day run through SQLite would measure the disk, not the engine.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use aisha_core::care::{
    self, ActionOrigin, CareState, Channel, Controls, Customer, Effects, Event, GateResult,
    Relationship,
};
use aisha_core::Company;
use jiff::{SignedDuration, Timestamp, ToSpan};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

#[derive(Debug, Clone)]
pub struct SimConfig {
    pub customers: usize,
    pub days: u32,
    pub seed: u64,
    pub start: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Persona {
    /// Replies quickly and often; moves through the pipeline.
    Responsive,
    /// Replies rarely and late.
    Slow,
    /// Never replies.
    Ghost,
    /// Asks about prices and objects.
    Skeptic,
    /// Asks to stop.
    OptsOut,
    /// Complains about the service.
    Unhappy,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum SimEvent {
    /// The planner's due time; stale when the generation moved on.
    Due(u32),
    Inbound(&'static str),
    Record(Record),
    /// An operator answers an escalation by hand.
    OperatorReply,
    Controls(ControlChange),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Record {
    LeadCreated,
    Proposal,
    Agreement,
    Service,
    Rejection,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ControlChange {
    Shadow(bool),
    Kill(bool),
}

struct SimCustomer {
    rel: Relationship,
    persona: Persona,
    due_generation: u32,
    scheduled_due: Option<Timestamp>,
    replies: u32,
    pipeline_started: bool,
    /// The simulator's own record of the opt-out, independent of the engine's detection.
    opted_out_at: Option<Timestamp>,
}

/// Checks the engine's decisions against the simulator's own ground truth.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Violations {
    pub quiet_hours: u64,
    pub after_opt_out: u64,
    pub under_kill_switch: u64,
    pub in_shadow_mode: u64,
    pub missing_reason: u64,
}

impl Violations {
    pub fn total(&self) -> u64 {
        self.quiet_hours
            + self.after_opt_out
            + self.under_kill_switch
            + self.in_shadow_mode
            + self.missing_reason
    }
}

#[derive(Debug, Clone, Default)]
pub struct SimReport {
    pub customers: usize,
    pub days: u32,
    pub seed: u64,
    /// One sample per simulated day, at the end of the day (UTC).
    pub daily: Vec<(String, [u64; 10])>,
    /// (origin, gate result) → number of actions.
    pub actions: BTreeMap<(String, String), u64>,
    pub delivered: u64,
    pub escalations: BTreeMap<String, u64>,
    pub transitions: u64,
    /// Planner evaluations (`next_due`) and runs (`run_due`) the engine made.
    pub evaluations: u64,
    pub planner_runs: u64,
    pub inbound_messages: u64,
    pub opt_outs: u64,
    pub violations: Violations,
}

const POSITIVE: &[&str] = &[
    "Yes, that works for us",
    "Thanks for checking in, we're still interested",
    "Sounds good, go ahead",
    "Great, thank you!",
    "Sure, Tuesday is fine",
    "Ok, talk soon",
];
const QUESTIONS: &[&str] = &[
    "How much does the install cost?",
    "What's the price for a new unit?",
    "When could a technician come out?",
    "Is the warranty included?",
];
const OBJECTIONS: &[&str] = &[
    "Honestly it seems too expensive for us",
    "I'm not sure, the other quote was cheaper",
    "We can't afford that right now",
];
const COMPLAINTS: &[&str] = &[
    "The unit is leaking again",
    "I'm really unhappy, this is the worst service I've had",
    "Nobody showed up yesterday, this is terrible",
];
const OPT_OUTS: &[&str] = &["STOP", "Please stop texting me", "UNSUBSCRIBE", "stop"];

fn pick(rng: &mut StdRng, pool: &'static [&'static str]) -> &'static str {
    pool[rng.gen_range(0..pool.len())]
}

const US_ZONES: &[&str] = &[
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
];

struct Sim<'a> {
    company: &'a Company,
    controls: Controls,
    rng: StdRng,
    queue: BinaryHeap<Reverse<(Timestamp, u64, u32, SimEvent)>>,
    seq: u64,
    people: Vec<SimCustomer>,
    report: SimReport,
}

impl<'a> Sim<'a> {
    fn push(&mut self, at: Timestamp, who: u32, ev: SimEvent) {
        self.seq += 1;
        self.queue.push(Reverse((at, self.seq, who, ev)));
    }

    fn reschedule(&mut self, who: u32, now: Timestamp) {
        let c = &mut self.people[who as usize];
        self.report.evaluations += 1;
        let mut next = care::next_due(&c.rel, self.company);
        if next.is_some_and(|n| n <= now) {
            next = Some(now + SignedDuration::from_mins(1)); // as the service does
        }
        if next != c.scheduled_due {
            c.due_generation += 1;
            c.scheduled_due = next;
            let generation = c.due_generation;
            if let Some(at) = next {
                self.push(at, who, SimEvent::Due(generation));
            }
        }
    }

    fn apply(&mut self, who: u32, now: Timestamp, ev: &Event) -> Effects {
        let c = &mut self.people[who as usize];
        care::apply_event(
            &mut c.rel,
            &mut care::Ctx {
                company: self.company,
                controls: &mut self.controls,
                now,
            },
            ev,
        )
    }

    /// Audit the engine's effects and let the customer and the system of record react.
    fn observe(&mut self, who: u32, now: Timestamp, fx: &Effects, answering_inbound: bool) {
        let quiet_end = self.company.care.quiet_hours_end as i8;
        let quiet_start = self.company.care.quiet_hours_start as i8;
        let tz = self.people[who as usize].rel.time_zone(self.company);
        let mut customer_reached = false;
        for a in &fx.actions {
            *self
                .report
                .actions
                .entry((
                    a.action_origin.as_str().to_owned(),
                    a.policy_gate_result.as_str().to_owned(),
                ))
                .or_default() += 1;
            if a.reason.trim().is_empty() {
                self.report.violations.missing_reason += 1;
            }
            if !a.delivered {
                continue;
            }
            self.report.delivered += 1;
            if a.action_origin == ActionOrigin::CareAutonomous {
                let hour = a.at.to_zoned(tz.clone()).hour();
                if !answering_inbound && (hour < quiet_end || hour >= quiet_start) {
                    self.report.violations.quiet_hours += 1;
                }
                if self.people[who as usize]
                    .opted_out_at
                    .is_some_and(|t| t <= a.at)
                    && !a.reason.contains("HELP")
                {
                    self.report.violations.after_opt_out += 1;
                }
                if self.controls.kill_switch {
                    self.report.violations.under_kill_switch += 1;
                }
                if self.controls.shadow_mode {
                    self.report.violations.in_shadow_mode += 1;
                }
            }
            if matches!(
                a.channel,
                Some(Channel::Sms | Channel::Email | Channel::Voice)
            ) {
                customer_reached = true;
            }
        }
        self.report.transitions += fx.transitions.len() as u64;
        for e in &fx.escalations {
            *self
                .report
                .escalations
                .entry(e.trigger.clone())
                .or_default() += 1;
        }
        if !fx.escalations.is_empty() && self.rng.gen_bool(0.7) {
            let delay = SignedDuration::from_mins(self.rng.gen_range(30..=24 * 60));
            self.push(now + delay, who, SimEvent::OperatorReply);
        }
        if customer_reached {
            self.customer_reacts(who, now);
        }
        self.pipeline(who, now, fx);
    }

    /// The customer's answer to a message that reached them, by persona.
    fn customer_reacts(&mut self, who: u32, now: Timestamp) {
        let c = &self.people[who as usize];
        if c.opted_out_at.is_some() {
            return;
        }
        let (p, min_delay, max_delay) = match c.persona {
            Persona::Responsive => (0.65, 5, 8 * 60),
            Persona::Slow => (0.25, 12 * 60, 3 * 24 * 60),
            Persona::Ghost => (0.0, 0, 0),
            Persona::Skeptic => (0.5, 30, 24 * 60),
            Persona::OptsOut => (0.8, 1, 6 * 60),
            Persona::Unhappy => (0.5, 10, 12 * 60),
        };
        if p == 0.0 || !self.rng.gen_bool(p) {
            return;
        }
        let text = match c.persona {
            Persona::Responsive | Persona::Slow => pick(&mut self.rng, POSITIVE),
            Persona::Skeptic if self.rng.gen_bool(0.5) => pick(&mut self.rng, QUESTIONS),
            Persona::Skeptic => pick(&mut self.rng, OBJECTIONS),
            Persona::OptsOut if c.replies >= 1 || self.rng.gen_bool(0.6) => {
                pick(&mut self.rng, OPT_OUTS)
            }
            Persona::Unhappy if self.rng.gen_bool(0.6) => pick(&mut self.rng, COMPLAINTS),
            _ => pick(&mut self.rng, POSITIVE),
        };
        let delay = SignedDuration::from_mins(self.rng.gen_range(min_delay..=max_delay));
        self.push(now + delay, who, SimEvent::Inbound(text));
    }

    /// The system of record moves engaged, responsive customers along.
    fn pipeline(&mut self, who: u32, now: Timestamp, fx: &Effects) {
        let c = &self.people[who as usize];
        let entered = |s: CareState| fx.transitions.iter().any(|t| t.to == s);
        let days = |rng: &mut StdRng, a: i64, b: i64| {
            SignedDuration::from_mins(rng.gen_range(a * 1440..=b * 1440))
        };
        if !c.pipeline_started
            && c.rel.state == CareState::Engaged
            && c.replies >= 2
            && matches!(c.persona, Persona::Responsive | Persona::Skeptic)
        {
            self.people[who as usize].pipeline_started = true;
            let d = days(&mut self.rng, 1, 5);
            self.push(now + d, who, SimEvent::Record(Record::Proposal));
        } else if entered(CareState::Evaluating)
            && fx
                .transitions
                .iter()
                .any(|t| t.rule == "proposal_delivered")
        {
            let roll: f64 = self.rng.gen();
            let d = days(&mut self.rng, 2, 14);
            if roll < 0.55 {
                self.push(now + d, who, SimEvent::Record(Record::Agreement));
            } else if roll < 0.8 {
                self.push(now + d, who, SimEvent::Record(Record::Rejection));
            }
        } else if entered(CareState::Committed)
            && fx
                .transitions
                .iter()
                .any(|t| t.rule == "agreement_recorded")
        {
            let d = days(&mut self.rng, 3, 14);
            self.push(now + d, who, SimEvent::Record(Record::Service));
        }
    }

    fn step(&mut self, at: Timestamp, who: u32, ev: SimEvent) {
        match ev {
            SimEvent::Due(generation) => {
                let c = &mut self.people[who as usize];
                if c.due_generation != generation {
                    return; // superseded by a later decision
                }
                c.scheduled_due = None;
                self.report.planner_runs += 1;
                let fx = care::run_due(
                    &mut c.rel,
                    &mut care::Ctx {
                        company: self.company,
                        controls: &mut self.controls,
                        now: at,
                    },
                );
                self.observe(who, at, &fx, false);
            }
            SimEvent::Inbound(text) => {
                self.report.inbound_messages += 1;
                let c = &mut self.people[who as usize];
                c.replies += 1;
                if OPT_OUTS.contains(&text) && c.opted_out_at.is_none() {
                    c.opted_out_at = Some(at);
                    self.report.opt_outs += 1;
                }
                let fx = self.apply(
                    who,
                    at,
                    &Event::InboundMessage {
                        channel: Some(Channel::Sms),
                        text: text.into(),
                    },
                );
                self.observe(who, at, &fx, true);
            }
            SimEvent::Record(r) => {
                let ev = match r {
                    Record::LeadCreated => Event::LeadCreated {},
                    Record::Proposal => Event::ProposalDelivered {
                        summary: "System replacement".into(),
                    },
                    Record::Agreement => Event::AgreementRecorded {},
                    Record::Service => Event::ServiceStarted {},
                    Record::Rejection => Event::RejectionRecorded {
                        reason: "chose another provider".into(),
                    },
                };
                let fx = self.apply(who, at, &ev);
                self.observe(who, at, &fx, false);
            }
            SimEvent::OperatorReply => {
                // Now and then the owner tries to win a price objection with a discount: a
                // hard prohibition, escalated for explicit human handling and never executed.
                let event = if self.rng.gen_bool(0.1) {
                    Event::UserDirected {
                        action: "offer_discount".into(),
                        text: "Offer them 10% off to close this week".into(),
                        by: Some("owner".into()),
                    }
                } else {
                    Event::UserDirected {
                        action: "send_message".into(),
                        text: "Thanks for your patience. A member of our team will call you today."
                            .into(),
                        by: Some("operator".into()),
                    }
                };
                let fx = self.apply(who, at, &event);
                self.observe(who, at, &fx, false);
            }
            SimEvent::Controls(change) => {
                match change {
                    ControlChange::Shadow(on) => self.controls.shadow_mode = on,
                    ControlChange::Kill(on) => self.controls.kill_switch = on,
                }
                return;
            }
        }
        self.reschedule(who, at);
    }
}

/// Run the simulation; `on_day` is called after each simulated day (for a progress bar).
pub fn simulate(company: &Company, cfg: &SimConfig, mut on_day: impl FnMut(u32)) -> SimReport {
    let mut rng = StdRng::seed_from_u64(cfg.seed);
    let day = SignedDuration::from_hours(24);
    let mut sim = Sim {
        company,
        controls: Controls::default(),
        rng: StdRng::seed_from_u64(cfg.seed ^ 0x5eed),
        queue: BinaryHeap::new(),
        seq: 0,
        people: Vec::with_capacity(cfg.customers),
        report: SimReport {
            customers: cfg.customers,
            days: cfg.days,
            seed: cfg.seed,
            ..SimReport::default()
        },
    };
    for i in 0..cfg.customers {
        let persona = match rng.gen_range(0..100) {
            0..=29 => Persona::Responsive,
            30..=49 => Persona::Slow,
            50..=74 => Persona::Ghost,
            75..=86 => Persona::Skeptic,
            87..=94 => Persona::OptsOut,
            _ => Persona::Unhappy,
        };
        let state = match rng.gen_range(0..100) {
            0..=59 => CareState::Unaware,
            60..=74 => CareState::Active,
            75..=84 => CareState::Dormant,
            85..=94 => CareState::Engaged,
            _ => CareState::Evaluating,
        };
        // New leads arrive over the first month; everyone else exists from the start.
        let arrival = if state == CareState::Unaware {
            cfg.start + SignedDuration::from_mins(rng.gen_range(0..30 * 1440))
        } else {
            cfg.start
        };
        let customer = Customer {
            id: format!("sim-{i}"),
            first_name: Some(["Dana", "Lee", "Sam", "Alex", "Jordan"][i % 5].into()),
            last_name: None,
            phone: Some(format!("+1555{:07}", i % 10_000_000)),
            email: rng
                .gen_bool(0.6)
                .then(|| format!("customer{i}@example.com")),
            timezone: rng
                .gen_bool(0.7)
                .then(|| US_ZONES[rng.gen_range(0..US_ZONES.len())].to_owned()),
        };
        let rel = Relationship::new(customer, state, arrival);
        sim.people.push(SimCustomer {
            rel,
            persona,
            due_generation: 0,
            scheduled_due: None,
            replies: 0,
            pipeline_started: false,
            opted_out_at: None,
        });
        if state == CareState::Unaware {
            sim.push(arrival, i as u32, SimEvent::Record(Record::LeadCreated));
        } else {
            sim.reschedule(i as u32, cfg.start);
        }
    }
    // The operator tries shadow mode for a day and pulls the kill switch for an afternoon.
    let at_day = |d: i64, h: i64| cfg.start + SignedDuration::from_hours(24 * d + h);
    if cfg.days > 21 {
        sim.push(
            at_day(20, 0),
            0,
            SimEvent::Controls(ControlChange::Shadow(true)),
        );
        sim.push(
            at_day(21, 0),
            0,
            SimEvent::Controls(ControlChange::Shadow(false)),
        );
    }
    if cfg.days > 46 {
        sim.push(
            at_day(45, 16),
            0,
            SimEvent::Controls(ControlChange::Kill(true)),
        );
        sim.push(
            at_day(45, 22),
            0,
            SimEvent::Controls(ControlChange::Kill(false)),
        );
    }

    for d in 0..cfg.days {
        let end = cfg.start + day * (d as i32 + 1);
        while let Some(Reverse((at, _, _, _))) = sim.queue.peek() {
            if *at >= end {
                break;
            }
            let Reverse((at, _, who, ev)) = sim.queue.pop().expect("peeked");
            sim.step(at, who, ev);
        }
        let mut counts = [0u64; 10];
        for c in &sim.people {
            // Customers whose lead has not arrived yet are not counted.
            if c.rel.created_at < end {
                counts[c.rel.state.index()] += 1;
            }
        }
        let label = end
            .checked_sub(1.second())
            .unwrap_or(end)
            .strftime("%Y-%m-%d")
            .to_string();
        sim.report.daily.push((label, counts));
        on_day(d + 1);
    }
    sim.report
}

impl SimReport {
    pub fn csv(&self) -> String {
        let mut out = String::from("date");
        for s in CareState::ALL {
            out.push(',');
            out.push_str(s.as_str());
        }
        out.push('\n');
        for (date, counts) in &self.daily {
            out.push_str(date);
            for c in counts {
                out.push(',');
                out.push_str(&c.to_string());
            }
            out.push('\n');
        }
        out
    }

    pub fn svg(&self) -> String {
        let labels: Vec<String> = self.daily.iter().map(|(d, _)| d.clone()).collect();
        let series: Vec<[u64; 10]> = self.daily.iter().map(|(_, c)| *c).collect();
        crate::chart::state_distribution_svg(
            &format!(
                "C.A.R.E. states: {} customers, {} days (seed {})",
                self.customers, self.days, self.seed
            ),
            &labels,
            &series,
        )
    }

    /// A plain-text report for the terminal.
    pub fn table(&self) -> String {
        use std::fmt::Write;
        let mut t = String::new();
        let samples: Vec<usize> = {
            let n = self.daily.len();
            let mut v: Vec<usize> = (0..n).step_by((n / 6).max(1)).collect();
            if n > 0 && v.last() != Some(&(n - 1)) {
                v.push(n - 1);
            }
            v
        };
        let _ = write!(t, "{:<12}", "state");
        for &i in &samples {
            let _ = write!(t, "{:>12}", self.daily[i].0);
        }
        t.push('\n');
        for (s, state) in CareState::ALL.iter().enumerate() {
            let _ = write!(t, "{:<12}", state.as_str());
            for &i in &samples {
                let _ = write!(t, "{:>12}", self.daily[i].1[s]);
            }
            t.push('\n');
        }
        let _ = writeln!(t, "\nactions by origin and gate result:");
        for ((origin, gate), n) in &self.actions {
            let _ = writeln!(t, "  {origin:<16} {gate:<10} {n:>10}");
        }
        let _ = writeln!(t, "  delivered messages: {}", self.delivered);
        let _ = writeln!(t, "\nescalations by trigger:");
        for (trigger, n) in &self.escalations {
            let _ = writeln!(t, "  {trigger:<34} {n:>8}");
        }
        let _ = writeln!(
            t,
            "\ntransitions: {}   inbound messages: {}   opt-outs: {}   planner evaluations: {}   planner runs: {}",
            self.transitions, self.inbound_messages, self.opt_outs, self.evaluations, self.planner_runs
        );
        let v = &self.violations;
        let _ = writeln!(
            t,
            "violations: quiet hours {}, after opt-out {}, under kill switch {}, in shadow mode {}, action without reason {} (total {})",
            v.quiet_hours, v.after_opt_out, v.under_kill_switch, v.in_shadow_mode, v.missing_reason, v.total()
        );
        t
    }

    /// Gate results and counts must be sane for the run to count as a pass.
    pub fn gate_count(&self, gate: GateResult) -> u64 {
        self.actions
            .iter()
            .filter(|((_, g), _)| g == gate.as_str())
            .map(|(_, n)| n)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Company {
        Company::from_json(include_str!("../../../companies/demo-hvac.json"))
            .expect("demo company parses")
            .company
    }

    fn cfg(customers: usize, days: u32, seed: u64) -> SimConfig {
        SimConfig {
            customers,
            days,
            seed,
            start: "2026-03-02T06:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn a_population_moves_and_never_violates_the_gates() {
        let company = demo();
        let r = simulate(&company, &cfg(2_000, 60, 7), |_| {});
        assert_eq!(r.violations, Violations::default(), "{}", r.table());
        assert_eq!(r.daily.len(), 60);
        let last = r.daily.last().unwrap().1;
        assert_eq!(last.iter().sum::<u64>(), 2_000);
        // Every kind of outcome happens in a realistic population.
        for s in [
            CareState::Engaged,
            CareState::Evaluating,
            CareState::Committed,
            CareState::Active,
            CareState::AtRisk,
            CareState::Dormant,
            CareState::Lost,
        ] {
            assert!(
                last[s.index()] > 0,
                "nobody in {}\n{}",
                s.as_str(),
                r.table()
            );
        }
        for g in [
            GateResult::Allowed,
            GateResult::Blocked,
            GateResult::Escalated,
        ] {
            assert!(
                r.gate_count(g) > 0,
                "no {} actions\n{}",
                g.as_str(),
                r.table()
            );
        }
        assert!(r.actions.keys().any(|(o, _)| o == "user_directed"));
        assert!(r.opt_outs > 0 && r.escalations.values().sum::<u64>() > 0);
        assert!(r.csv().lines().count() == 61);
        assert!(r.svg().contains("<polygon"));
    }

    #[test]
    fn the_same_seed_gives_the_same_run() {
        let company = demo();
        let a = simulate(&company, &cfg(300, 30, 42), |_| {});
        let b = simulate(&company, &cfg(300, 30, 42), |_| {});
        assert_eq!(a.csv(), b.csv());
        assert_eq!(a.actions, b.actions);
        let c = simulate(&company, &cfg(300, 30, 43), |_| {});
        assert_ne!(a.csv(), c.csv());
    }
}
