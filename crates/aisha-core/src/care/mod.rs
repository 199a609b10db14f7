//! Customer C.A.R.E.: the ten relationship states, event- and time-driven transitions, the
//! Hands-Off planner and the policy gate. Every call takes the instant it runs at; nothing
//! here reads a clock.

pub mod policy;

use jiff::{tz::TimeZone, Timestamp, ToSpan};
use serde::{Deserialize, Serialize};

use crate::company::Company;
use crate::signals::{self, Detection, Signal, Signals};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CareState {
    Unaware,
    Aware,
    Engaged,
    Evaluating,
    Committed,
    Active,
    #[serde(rename = "At Risk", alias = "AtRisk", alias = "at_risk")]
    AtRisk,
    Dormant,
    Reactivated,
    Lost,
}

impl CareState {
    pub const ALL: [CareState; 10] = [
        CareState::Unaware,
        CareState::Aware,
        CareState::Engaged,
        CareState::Evaluating,
        CareState::Committed,
        CareState::Active,
        CareState::AtRisk,
        CareState::Dormant,
        CareState::Reactivated,
        CareState::Lost,
    ];

    /// Position in [`CareState::ALL`], for per-state counts and charts.
    pub fn index(self) -> usize {
        Self::ALL
            .iter()
            .position(|s| *s == self)
            .expect("ALL lists every state")
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CareState::Unaware => "Unaware",
            CareState::Aware => "Aware",
            CareState::Engaged => "Engaged",
            CareState::Evaluating => "Evaluating",
            CareState::Committed => "Committed",
            CareState::Active => "Active",
            CareState::AtRisk => "At Risk",
            CareState::Dormant => "Dormant",
            CareState::Reactivated => "Reactivated",
            CareState::Lost => "Lost",
        }
    }
    pub fn parse(s: &str) -> Option<CareState> {
        let n = s.trim().to_lowercase().replace(['_', '-'], " ");
        CareState::ALL
            .into_iter()
            .find(|c| c.as_str().to_lowercase() == n || (n == "atrisk" && *c == CareState::AtRisk))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    FollowUp,
    Reengage,
    SendMessage,
    SchedulePrompt,
    AdjustCadence,
    SwitchChannel,
    AdvanceState,
    OfferDiscount,
    ChangePrice,
    NegotiateTerms,
    MakeCommitment,
    RegulatedAction,
}

impl ActionKind {
    pub const ALL: [ActionKind; 12] = [
        ActionKind::FollowUp,
        ActionKind::Reengage,
        ActionKind::SendMessage,
        ActionKind::SchedulePrompt,
        ActionKind::AdjustCadence,
        ActionKind::SwitchChannel,
        ActionKind::AdvanceState,
        ActionKind::OfferDiscount,
        ActionKind::ChangePrice,
        ActionKind::NegotiateTerms,
        ActionKind::MakeCommitment,
        ActionKind::RegulatedAction,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::FollowUp => "follow_up",
            ActionKind::Reengage => "reengage",
            ActionKind::SendMessage => "send_message",
            ActionKind::SchedulePrompt => "schedule_prompt",
            ActionKind::AdjustCadence => "adjust_cadence",
            ActionKind::SwitchChannel => "switch_channel",
            ActionKind::AdvanceState => "advance_state",
            ActionKind::OfferDiscount => "offer_discount",
            ActionKind::ChangePrice => "change_price",
            ActionKind::NegotiateTerms => "negotiate_terms",
            ActionKind::MakeCommitment => "make_commitment",
            ActionKind::RegulatedAction => "regulated_action",
        }
    }
    pub fn parse(s: &str) -> Option<ActionKind> {
        ActionKind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
    pub fn describe(self) -> String {
        self.as_str().replace('_', " ")
    }
    /// The contract's §4.3 list: never executed autonomously, escalated when a user asks.
    pub fn is_prohibited(self) -> bool {
        matches!(
            self,
            ActionKind::OfferDiscount
                | ActionKind::ChangePrice
                | ActionKind::NegotiateTerms
                | ActionKind::MakeCommitment
                | ActionKind::RegulatedAction
        )
    }
    /// Actions that put a message in front of the customer.
    pub fn is_message(self) -> bool {
        matches!(
            self,
            ActionKind::FollowUp
                | ActionKind::Reengage
                | ActionKind::SendMessage
                | ActionKind::SchedulePrompt
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionOrigin {
    UserDirected,
    CareAutonomous,
}

impl ActionOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionOrigin::UserDirected => "user_directed",
            ActionOrigin::CareAutonomous => "care_autonomous",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GateResult {
    Allowed,
    Escalated,
    Blocked,
}

impl GateResult {
    pub fn as_str(self) -> &'static str {
        match self {
            GateResult::Allowed => "allowed",
            GateResult::Escalated => "escalated",
            GateResult::Blocked => "blocked",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    #[default]
    Sms,
    Email,
    Voice,
    Chat,
    /// A task for a person to call the customer: never sent by AiSHA itself.
    CallTask,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
            Channel::Voice => "voice",
            Channel::Chat => "chat",
            Channel::CallTask => "call_task",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub id: String,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// The customer's own time zone for quiet hours; the company's when absent.
    #[serde(default)]
    pub timezone: Option<String>,
}

/// Company-wide switches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Controls {
    pub kill_switch: bool,
    pub shadow_mode: bool,
}

/// Who set the current state: system-of-record events outrank inference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    #[default]
    Inferred,
    SystemOfRecord,
    Human,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Relationship {
    pub customer: Customer,
    pub state: CareState,
    pub authority: Authority,
    pub hands_off: bool,
    pub opted_out: bool,
    pub opted_out_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub state_entered_at: Timestamp,
    pub state_before_risk: Option<CareState>,
    pub last_inbound_at: Option<Timestamp>,
    pub last_outbound_at: Option<Timestamp>,
    /// The last time the planner acted (any gate result), so a blocked attempt waits a cadence.
    pub last_attempt_at: Option<Timestamp>,
    pub last_autonomous_message_at: Option<Timestamp>,
    pub recent_autonomous: Vec<Timestamp>,
    /// Autonomous messages since the customer last wrote.
    pub unanswered: u32,
    pub reengage_attempts: u32,
    pub dormant_attempts: u32,
    pub channel: Channel,
    pub outreach_sent: bool,
    pub confirmation_sent: bool,
    pub reconsideration_at: Option<Timestamp>,
}

impl Relationship {
    pub fn new(customer: Customer, state: CareState, now: Timestamp) -> Self {
        let channel = if customer.phone.is_some() || customer.email.is_none() {
            Channel::Sms
        } else {
            Channel::Email
        };
        Self {
            customer,
            state,
            authority: Authority::Inferred,
            hands_off: true,
            opted_out: false,
            opted_out_at: None,
            created_at: now,
            state_entered_at: now,
            state_before_risk: None,
            last_inbound_at: None,
            last_outbound_at: None,
            last_attempt_at: None,
            last_autonomous_message_at: None,
            recent_autonomous: Vec::new(),
            unanswered: 0,
            reengage_attempts: 0,
            dormant_attempts: 0,
            channel,
            outreach_sent: state != CareState::Unaware,
            confirmation_sent: false,
            reconsideration_at: None,
        }
    }

    pub fn time_zone(&self, company: &Company) -> TimeZone {
        self.customer
            .timezone
            .as_deref()
            .and_then(|t| TimeZone::get(t).ok())
            .unwrap_or_else(|| company.time_zone())
    }

    fn last_activity(&self) -> Timestamp {
        [
            self.last_inbound_at,
            self.last_outbound_at,
            self.last_attempt_at,
            Some(self.state_entered_at),
            Some(self.created_at),
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(self.created_at)
    }
}

/// Something that happened (FORMAT.md's event list). `by` is who did it, for human actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Event {
    LeadCreated {},
    InboundMessage {
        #[serde(default)]
        channel: Option<Channel>,
        text: String,
    },
    OutboundMessage {
        #[serde(default)]
        channel: Option<Channel>,
        #[serde(default)]
        text: String,
    },
    ProposalDelivered {
        #[serde(default)]
        summary: String,
    },
    AgreementRecorded {},
    /// The front desk completed a booking (handed to the system of record).
    BookingCompleted {
        #[serde(default)]
        summary: String,
    },
    ServiceStarted {},
    RejectionRecorded {
        #[serde(default)]
        reason: String,
    },
    StateOverride {
        state: String,
        #[serde(default)]
        reason: String,
        #[serde(default)]
        by: Option<String>,
    },
    HandsOff {
        enabled: bool,
        #[serde(default)]
        reason: String,
        #[serde(default)]
        by: Option<String>,
    },
    KillSwitch {
        enabled: bool,
        #[serde(default)]
        reason: String,
        #[serde(default)]
        by: Option<String>,
    },
    ShadowMode {
        enabled: bool,
        #[serde(default)]
        reason: String,
        #[serde(default)]
        by: Option<String>,
    },
    UserDirected {
        action: String,
        #[serde(default)]
        text: String,
        #[serde(default)]
        by: Option<String>,
    },
}

impl Event {
    pub fn type_name(&self) -> &'static str {
        match self {
            Event::LeadCreated {} => "lead_created",
            Event::InboundMessage { .. } => "inbound_message",
            Event::OutboundMessage { .. } => "outbound_message",
            Event::ProposalDelivered { .. } => "proposal_delivered",
            Event::AgreementRecorded {} => "agreement_recorded",
            Event::BookingCompleted { .. } => "booking_completed",
            Event::ServiceStarted {} => "service_started",
            Event::RejectionRecorded { .. } => "rejection_recorded",
            Event::StateOverride { .. } => "state_override",
            Event::HandsOff { .. } => "hands_off",
            Event::KillSwitch { .. } => "kill_switch",
            Event::ShadowMode { .. } => "shadow_mode",
            Event::UserDirected { .. } => "user_directed",
        }
    }
    /// Events from the system of record: authoritative.
    pub fn is_system_of_record(&self) -> bool {
        matches!(
            self,
            Event::LeadCreated {}
                | Event::ProposalDelivered { .. }
                | Event::AgreementRecorded {}
                | Event::BookingCompleted { .. }
                | Event::ServiceStarted {}
                | Event::RejectionRecorded { .. }
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transition {
    pub at: Timestamp,
    pub from: CareState,
    pub to: CareState,
    /// The named rule that fired.
    pub rule: String,
    pub explanation: String,
    pub authority: Authority,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionRecord {
    pub at: Timestamp,
    pub kind: ActionKind,
    pub action_origin: ActionOrigin,
    pub reason: String,
    pub policy_gate_result: GateResult,
    pub gate_reasons: Vec<String>,
    pub channel: Option<Channel>,
    pub text: Option<String>,
    /// Whether a message left for the customer (never in shadow mode or when not allowed).
    pub delivered: bool,
    pub shadow: bool,
    pub requested_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EscalationRecord {
    pub at: Timestamp,
    pub trigger: String,
    pub reason: String,
    pub evidence: Vec<Detection>,
    pub state: CareState,
}

/// A human's change to controls or a customer, kept for the audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverrideRecord {
    pub at: Timestamp,
    pub what: String,
    pub by: String,
    pub reason: String,
}

/// Everything one event or one planner run produced.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Effects {
    pub transitions: Vec<Transition>,
    pub actions: Vec<ActionRecord>,
    pub escalations: Vec<EscalationRecord>,
    pub overrides: Vec<OverrideRecord>,
    pub signals: Signals,
}

impl Effects {
    pub fn delivered(&self) -> usize {
        self.actions.iter().filter(|a| a.delivered).count()
    }
    pub fn extend(&mut self, other: Effects) {
        self.transitions.extend(other.transitions);
        self.actions.extend(other.actions);
        self.escalations.extend(other.escalations);
        self.overrides.extend(other.overrides);
        self.signals.0.extend(other.signals.0);
    }
}

/// What the engine needs from the company for one decision.
pub struct Ctx<'a> {
    pub company: &'a Company,
    pub controls: &'a mut Controls,
    pub now: Timestamp,
}

fn set_state(
    rel: &mut Relationship,
    fx: &mut Effects,
    now: Timestamp,
    to: CareState,
    rule: &str,
    explanation: String,
    authority: Authority,
) {
    if rel.state == to && rule != "human_override" {
        return;
    }
    if to == CareState::AtRisk && rel.state != CareState::AtRisk {
        rel.state_before_risk = Some(rel.state);
    }
    fx.transitions.push(Transition {
        at: now,
        from: rel.state,
        to,
        rule: rule.into(),
        explanation,
        authority,
    });
    rel.state = to;
    rel.state_entered_at = now;
    rel.authority = authority;
    rel.reengage_attempts = 0;
    if to != CareState::Dormant {
        rel.dormant_attempts = 0;
    }
    if to == CareState::Committed {
        rel.confirmation_sent = false;
    }
}

fn escalate(
    fx: &mut Effects,
    rel: &Relationship,
    now: Timestamp,
    trigger: &str,
    reason: String,
    evidence: Vec<Detection>,
) {
    fx.escalations.push(EscalationRecord {
        at: now,
        trigger: trigger.into(),
        reason,
        evidence,
        state: rel.state,
    });
}

/// Apply one event at `ctx.now`.
pub fn apply_event(rel: &mut Relationship, ctx: &mut Ctx<'_>, event: &Event) -> Effects {
    let now = ctx.now;
    let settings = &ctx.company.care;
    let mut fx = Effects::default();
    let sor = Authority::SystemOfRecord;
    match event {
        Event::LeadCreated {} => {
            if rel.state == CareState::Unaware || rel.last_inbound_at.is_none() {
                set_state(
                    rel,
                    &mut fx,
                    now,
                    CareState::Unaware,
                    "lead_created",
                    "The system of record created the lead; no bidirectional communication yet."
                        .into(),
                    sor,
                );
                rel.outreach_sent = false;
            }
        }
        Event::InboundMessage { channel, text } => inbound(rel, ctx, *channel, text, &mut fx),
        Event::OutboundMessage { channel, .. } => {
            rel.last_outbound_at = Some(now);
            rel.unanswered = 0;
            rel.outreach_sent = true;
            if let Some(c) = channel {
                rel.channel = *c;
            }
        }
        Event::ProposalDelivered { summary } => {
            let why = if summary.is_empty() {
                "A proposal was delivered (system of record).".to_owned()
            } else {
                format!("Proposal delivered (system of record): {summary}.")
            };
            set_state(
                rel,
                &mut fx,
                now,
                CareState::Evaluating,
                "proposal_delivered",
                why,
                sor,
            );
            rel.unanswered = 0;
        }
        Event::AgreementRecorded {} => {
            set_state(
                rel,
                &mut fx,
                now,
                CareState::Committed,
                "agreement_recorded",
                "Agreement, bind or close recorded in the system of record.".into(),
                sor,
            );
            rel.unanswered = 0;
        }
        Event::BookingCompleted { summary } => {
            set_state(
                rel,
                &mut fx,
                now,
                CareState::Committed,
                "booking_completed",
                format!("The front desk booked the job and handed it to the system of record: {summary}."),
                sor,
            );
            rel.unanswered = 0;
            rel.last_inbound_at = Some(now);
        }
        Event::ServiceStarted {} => {
            set_state(
                rel,
                &mut fx,
                now,
                CareState::Active,
                "service_started",
                "Post-commitment service began (system of record).".into(),
                sor,
            );
            rel.unanswered = 0;
        }
        Event::RejectionRecorded { reason } => {
            let why = if reason.is_empty() {
                "Rejection or termination recorded in the system of record.".to_owned()
            } else {
                format!("Rejection recorded in the system of record: {reason}.")
            };
            set_state(
                rel,
                &mut fx,
                now,
                CareState::Lost,
                "rejection_recorded",
                why,
                sor,
            );
            rel.reconsideration_at =
                Some(now + (settings.lost_reconsideration_after_hours as i64).hours());
        }
        Event::StateOverride { state, reason, by } => {
            let by = by.clone().unwrap_or_else(|| "operator".into());
            match CareState::parse(state) {
                Some(to) => {
                    let reason = if reason.trim().is_empty() {
                        "no reason given".to_owned()
                    } else {
                        reason.clone()
                    };
                    set_state(
                        rel,
                        &mut fx,
                        now,
                        to,
                        "human_override",
                        format!("{by} set the state to {}: {reason}", to.as_str()),
                        Authority::Human,
                    );
                    rel.unanswered = 0;
                    rel.last_attempt_at = Some(now);
                    if to == CareState::Lost {
                        rel.reconsideration_at =
                            Some(now + (settings.lost_reconsideration_after_hours as i64).hours());
                    }
                    fx.overrides.push(OverrideRecord {
                        at: now,
                        what: format!("state -> {}", to.as_str()),
                        by,
                        reason,
                    });
                }
                None => escalate(
                    &mut fx,
                    rel,
                    now,
                    "invalid_override",
                    format!("{by} asked for unknown state {state:?}; nothing changed"),
                    Vec::new(),
                ),
            }
        }
        Event::HandsOff {
            enabled,
            reason,
            by,
        } => {
            rel.hands_off = *enabled;
            rel.last_attempt_at = Some(now);
            fx.overrides.push(OverrideRecord {
                at: now,
                what: format!("hands-off {}", on_off(*enabled)),
                by: by.clone().unwrap_or_else(|| "operator".into()),
                reason: reason.clone(),
            });
        }
        Event::KillSwitch {
            enabled,
            reason,
            by,
        } => {
            ctx.controls.kill_switch = *enabled;
            fx.overrides.push(OverrideRecord {
                at: now,
                what: format!("kill switch {}", on_off(*enabled)),
                by: by.clone().unwrap_or_else(|| "operator".into()),
                reason: reason.clone(),
            });
        }
        Event::ShadowMode {
            enabled,
            reason,
            by,
        } => {
            ctx.controls.shadow_mode = *enabled;
            fx.overrides.push(OverrideRecord {
                at: now,
                what: format!("shadow mode {}", on_off(*enabled)),
                by: by.clone().unwrap_or_else(|| "operator".into()),
                reason: reason.clone(),
            });
        }
        Event::UserDirected { action, text, by } => {
            user_directed(rel, ctx, action, text, by.clone(), &mut fx)
        }
    }
    fx
}

fn on_off(b: bool) -> &'static str {
    if b {
        "on"
    } else {
        "off"
    }
}

fn inbound(
    rel: &mut Relationship,
    ctx: &mut Ctx<'_>,
    channel: Option<Channel>,
    text: &str,
    fx: &mut Effects,
) {
    let now = ctx.now;
    let sig = signals::detect(text);
    let previous_inbound = rel.last_inbound_at;
    rel.last_inbound_at = Some(now);
    rel.unanswered = 0;
    if let Some(c) = channel.filter(|c| matches!(c, Channel::Sms | Channel::Email)) {
        rel.channel = c; // answer where the customer writes
    }
    if sig.has(Signal::OptOut) && !rel.opted_out {
        rel.opted_out = true;
        rel.opted_out_at = Some(now);
        fx.overrides.push(OverrideRecord {
            at: now,
            what: "opted out of messages".into(),
            by: "customer".into(),
            reason: format!("customer wrote {:?}", text.trim()),
        });
    }
    if sig.has(Signal::Help) {
        let reply = text::fill(
            &ctx.company.care.templates.help_reply,
            &[("company", ctx.company.display_name())],
        );
        record_action(
            rel,
            ctx,
            fx,
            ActionKind::SendMessage,
            ActionOrigin::CareAutonomous,
            "the customer sent HELP: answered with who we are and how to opt out".into(),
            Some(reply),
            true,
            None,
        );
    }
    let from = rel.state;
    if sig.has(Signal::ExplicitRejection) && from != CareState::Lost {
        if rel.authority == Authority::SystemOfRecord
            && matches!(from, CareState::Committed | CareState::Active)
        {
            escalate(fx, rel, now, "rejection_conflicts_with_record", format!("The customer wrote a rejection while the system of record says {}; a human must decide.", from.as_str()), sig.iter().filter(|d| d.signal == Signal::ExplicitRejection).cloned().collect());
        } else {
            set_state(
                rel,
                fx,
                now,
                CareState::Lost,
                "explicit_rejection",
                format!("The customer rejected explicitly: {:?}.", text.trim()),
                Authority::Inferred,
            );
            rel.reconsideration_at =
                Some(now + (ctx.company.care.lost_reconsideration_after_hours as i64).hours());
        }
    } else if !sig.has(Signal::OptOut) {
        match from {
            CareState::Unaware => set_state(
                rel,
                fx,
                now,
                CareState::Aware,
                "first_response",
                "The customer responded for the first time.".into(),
                Authority::Inferred,
            ),
            CareState::Aware
                if rel
                    .last_outbound_at
                    .is_some_and(|o| o >= rel.state_entered_at)
                    || previous_inbound.is_some_and(|p| p >= rel.state_entered_at) =>
            {
                set_state(
                    rel,
                    fx,
                    now,
                    CareState::Engaged,
                    "bidirectional",
                    "The customer replied in an ongoing exchange: communication is bidirectional."
                        .into(),
                    Authority::Inferred,
                )
            }
            CareState::AtRisk => {
                let back = rel.state_before_risk.unwrap_or(CareState::Engaged);
                set_state(
                    rel,
                    fx,
                    now,
                    back,
                    "re_engaged",
                    format!(
                        "The customer responded after engagement decay; back to {}.",
                        back.as_str()
                    ),
                    Authority::Inferred,
                )
            }
            CareState::Dormant => set_state(
                rel,
                fx,
                now,
                CareState::Reactivated,
                "response_after_dormancy",
                "The customer responded while dormant.".into(),
                Authority::Inferred,
            ),
            CareState::Lost if rel.authority == Authority::SystemOfRecord => {
                escalate(fx, rel, now, "contact_after_recorded_rejection", "The customer wrote after a rejection recorded in the system of record; a human decides whether to re-open.".into(), Vec::new());
            }
            CareState::Lost => set_state(
                rel,
                fx,
                now,
                CareState::Reactivated,
                "returned_after_loss",
                "The customer came back after an inferred loss.".into(),
                Authority::Inferred,
            ),
            _ => {}
        }
    }
    // Mandatory escalations (§4.2), in every state.
    let mandatory: Vec<Detection> = sig.escalating().cloned().collect();
    if !mandatory.is_empty() {
        let names: Vec<&str> = mandatory.iter().map(|d| d.signal.as_str()).collect();
        escalate(
            fx,
            rel,
            now,
            names[0],
            format!(
                "Mandatory escalation: {} detected in the customer's message.",
                names.join(", ")
            ),
            mandatory,
        );
    }
    // The state's own triggers (§3.1).
    let state_trigger = match rel.state {
        CareState::Engaged if sig.has(Signal::Question) => {
            Some(("explicit_question", Signal::Question))
        }
        CareState::Committed if sig.has(Signal::Exception) => {
            Some(("exception_or_confusion", Signal::Exception))
        }
        CareState::Committed if sig.has(Signal::Confusion) => {
            Some(("exception_or_confusion", Signal::Confusion))
        }
        CareState::Active if sig.has(Signal::ServiceConcern) => {
            Some(("service_concern", Signal::ServiceConcern))
        }
        _ => None,
    };
    if let Some((trigger, s)) = state_trigger {
        if fx
            .escalations
            .iter()
            .all(|e| e.at != now || e.trigger != trigger)
        {
            escalate(
                fx,
                rel,
                now,
                trigger,
                format!(
                    "{} escalation trigger: {}.",
                    rel.state.as_str(),
                    trigger.replace('_', " ")
                ),
                sig.iter().filter(|d| d.signal == s).cloned().collect(),
            );
        }
    }
    fx.signals.0.extend(sig.0);
}

fn user_directed(
    rel: &mut Relationship,
    ctx: &mut Ctx<'_>,
    action: &str,
    text: &str,
    by: Option<String>,
    fx: &mut Effects,
) {
    let now = ctx.now;
    let Some(kind) = ActionKind::parse(action) else {
        // Fail safe (§8.3): an action we cannot classify is treated as autonomous and escalated.
        let reason = format!("unrecognised user-directed action {action:?}: treated as care_autonomous and escalated for a human");
        fx.actions.push(ActionRecord {
            at: now,
            kind: ActionKind::SendMessage,
            action_origin: ActionOrigin::CareAutonomous,
            reason: reason.clone(),
            policy_gate_result: GateResult::Escalated,
            gate_reasons: vec!["uncertain origin or kind: fail safe".into()],
            channel: None,
            text: Some(text.to_owned()),
            delivered: false,
            shadow: false,
            requested_by: by,
        });
        escalate(fx, rel, now, "uncertain_action", reason, Vec::new());
        return;
    };
    let who = by.clone().unwrap_or_else(|| "a user".into());
    let reason = if text.trim().is_empty() {
        format!("{who} asked for {}", kind.describe())
    } else {
        format!("{who} asked for {}: {:?}", kind.describe(), text.trim())
    };
    // The instruction itself may carry a prohibited request ("tell her we'll take 20% off").
    let message = kind
        .is_message()
        .then(|| text.to_owned())
        .filter(|t| !t.trim().is_empty());
    let gate_text = Some(text).filter(|t| !t.trim().is_empty());
    let record = record_action(
        rel,
        ctx,
        fx,
        kind,
        ActionOrigin::UserDirected,
        reason,
        message,
        false,
        gate_text,
    );
    if record == GateResult::Allowed {
        match kind {
            ActionKind::SwitchChannel => {
                let t = text::normalize(text);
                if t.contains("email") {
                    rel.channel = Channel::Email;
                } else if t.contains("call") {
                    rel.channel = Channel::CallTask;
                } else if t.contains("sms") || t.contains("text") {
                    rel.channel = Channel::Sms;
                }
            }
            ActionKind::AdvanceState => {
                if let Some(to) = text::words(&text::normalize(text))
                    .find_map(CareState::parse)
                    .or_else(|| CareState::parse(text))
                {
                    set_state(
                        rel,
                        fx,
                        now,
                        to,
                        "human_override",
                        format!("{who} advanced the state to {}", to.as_str()),
                        Authority::Human,
                    );
                }
            }
            _ => {}
        }
    }
}

/// Gate and record one action; deliver it if allowed (and not shadow). Returns the gate result.
#[allow(clippy::too_many_arguments)]
fn record_action(
    rel: &mut Relationship,
    ctx: &mut Ctx<'_>,
    fx: &mut Effects,
    kind: ActionKind,
    origin: ActionOrigin,
    reason: String,
    message: Option<String>,
    is_reply: bool,
    screen: Option<&str>,
) -> GateResult {
    let tz = rel.time_zone(ctx.company);
    let decision = policy::decide(&policy::GateInput {
        kind,
        origin,
        text: screen.or(message.as_deref()),
        is_reply,
        relationship: rel,
        controls: ctx.controls,
        settings: &ctx.company.care,
        tz: &tz,
        now: ctx.now,
    });
    let channel = kind.is_message().then_some(rel.channel);
    let reachable = match channel {
        Some(Channel::Sms) | Some(Channel::Voice) => rel.customer.phone.is_some(),
        Some(Channel::Email) => rel.customer.email.is_some(),
        Some(Channel::Chat) => true,
        Some(Channel::CallTask) | None => false,
    };
    let executed = decision.result == GateResult::Allowed;
    let shadow = decision.shadow && origin == ActionOrigin::CareAutonomous;
    let delivered = executed && kind.is_message() && !shadow && reachable && message.is_some();
    let mut gate_reasons = decision.reasons.clone();
    if executed && kind.is_message() && !reachable {
        gate_reasons.push(format!(
            "no {} contact on file: a person must reach the customer",
            channel.map(Channel::as_str).unwrap_or("message")
        ));
    }
    if executed && kind.is_message() && origin == ActionOrigin::CareAutonomous && !is_reply {
        rel.last_autonomous_message_at = Some(ctx.now);
        rel.recent_autonomous.retain(|t| *t > ctx.now - 168.hours());
        rel.recent_autonomous.push(ctx.now);
    }
    if delivered {
        rel.last_outbound_at = Some(ctx.now);
    }
    if decision.result == GateResult::Escalated {
        escalate(
            fx,
            rel,
            ctx.now,
            "policy_gate",
            format!(
                "{} ({}) needs a human: {}",
                kind.describe(),
                origin.as_str(),
                decision.reasons.join("; ")
            ),
            Vec::new(),
        );
    }
    let requested_by = if origin == ActionOrigin::UserDirected {
        Some("user".to_owned())
    } else {
        None
    };
    fx.actions.push(ActionRecord {
        at: ctx.now,
        kind,
        action_origin: origin,
        reason,
        policy_gate_result: decision.result,
        gate_reasons,
        channel,
        text: message,
        delivered,
        shadow,
        requested_by,
    });
    decision.result
}

/// When Hands-Off Mode next has something to do for this relationship, already moved out of
/// quiet hours and past the frequency caps. `None`: nothing scheduled.
pub fn next_due(rel: &Relationship, company: &Company) -> Option<Timestamp> {
    let s = &company.care;
    if rel.opted_out {
        return None;
    }
    let base = rel.last_activity();
    let h = |hours: u32| (hours as i64).hours();
    let raw = match rel.state {
        CareState::Lost => return rel.reconsideration_at,
        CareState::Unaware if !rel.outreach_sent => rel.created_at.max(rel.state_entered_at),
        CareState::Unaware | CareState::Aware | CareState::Engaged | CareState::Reactivated => {
            base + h(s.follow_up_after_hours)
        }
        CareState::Evaluating => base + h(s.evaluating_follow_up_after_hours),
        CareState::Committed if !rel.confirmation_sent => {
            rel.state_entered_at + h(s.committed_confirmation_after_hours)
        }
        CareState::Committed => return None,
        CareState::Active => base + h(s.active_check_in_after_hours),
        CareState::AtRisk => {
            base + h(s
                .at_risk_reengage_after_hours
                .saturating_mul(1 << rel.reengage_attempts.min(6)))
        }
        CareState::Dormant if rel.dormant_attempts < s.dormant_attempts_max => {
            base + h(s.dormant_reactivation_after_hours)
        }
        CareState::Dormant => return None,
    };
    let mut due = raw;
    // A run that did not move the relationship (blocked, hands-off off) must not come due
    // again at once: the next try waits a follow-up cadence.
    if let Some(tried) = rel.last_attempt_at {
        if due <= tried {
            due = tried + h(s.follow_up_after_hours);
        }
    }
    // Caps only hold autonomous messages: a blocked attempt still waits a full cadence.
    if let Some(last) = rel.last_autonomous_message_at {
        due = due.max(last + h(s.min_hours_between_messages));
    }
    let week_ago_count = rel
        .recent_autonomous
        .iter()
        .filter(|t| **t > due - 168.hours())
        .count() as u32;
    if week_ago_count >= s.max_messages_per_week {
        if let Some(oldest) = rel
            .recent_autonomous
            .iter()
            .filter(|t| **t > due - 168.hours())
            .min()
        {
            due = due.max(*oldest + 168.hours() + 1.second());
        }
    }
    Some(policy::next_contact_time(due, &rel.time_zone(company), s))
}

/// Run Hands-Off Mode for one relationship at `ctx.now` (called when [`next_due`] has come).
pub fn run_due(rel: &mut Relationship, ctx: &mut Ctx<'_>) -> Effects {
    let mut fx = Effects::default();
    let now = ctx.now;
    let s = ctx.company.care.clone();
    let name = rel
        .customer
        .first_name
        .clone()
        .unwrap_or_else(|| "there".into());
    let company = ctx.company.display_name().to_owned();
    let fill = |t: &str| text::fill(t, &[("firstName", &name), ("company", &company)]);
    rel.last_attempt_at = Some(now);

    if rel.state == CareState::Lost {
        // Never chased: a scheduled reconsideration is a question for a human.
        if rel.reconsideration_at.is_some_and(|t| t <= now) {
            rel.reconsideration_at = None;
            fx.actions.push(ActionRecord {
                at: now,
                kind: ActionKind::Reengage,
                action_origin: ActionOrigin::CareAutonomous,
                reason: "scheduled reconsideration of a lost relationship: a human decides whether to reach out".into(),
                policy_gate_result: GateResult::Escalated,
                gate_reasons: vec!["Lost relationships are never contacted autonomously".into()],
                channel: None,
                text: None,
                delivered: false,
                shadow: false,
                requested_by: None,
            });
            escalate(
                &mut fx,
                rel,
                now,
                "scheduled_reconsideration",
                "Time to reconsider a lost relationship; AiSHA will not contact them on its own."
                    .into(),
                Vec::new(),
            );
        }
        return fx;
    }

    // Time-driven transitions first: silence decays the relationship.
    let decays = matches!(
        rel.state,
        CareState::Aware
            | CareState::Engaged
            | CareState::Evaluating
            | CareState::Reactivated
            | CareState::Active
    );
    if decays && rel.unanswered >= s.follow_ups_before_at_risk {
        let why = format!(
            "{} follow-ups went unanswered since the customer last wrote: engagement decay.",
            rel.unanswered
        );
        if advance(rel, ctx, &mut fx, CareState::AtRisk, "silence_decay", why) {
            rel.unanswered = 0;
            let cadence_reason = format!(
                "At Risk: re-engagement every {}h, doubling after each unanswered attempt",
                s.at_risk_reengage_after_hours
            );
            record_action(
                rel,
                ctx,
                &mut fx,
                ActionKind::AdjustCadence,
                ActionOrigin::CareAutonomous,
                cadence_reason,
                None,
                false,
                None,
            );
        }
    }
    if rel.state == CareState::Unaware
        && rel.unanswered >= s.follow_ups_before_at_risk + s.reengagements_before_dormant
    {
        let why = format!("{} outreach attempts without any response.", rel.unanswered);
        advance(
            rel,
            ctx,
            &mut fx,
            CareState::Dormant,
            "no_response_to_outreach",
            why,
        );
        rel.unanswered = 0;
        return fx;
    }
    if rel.state == CareState::AtRisk && rel.reengage_attempts >= s.reengagements_before_dormant {
        let attempts = rel.reengage_attempts;
        let why = format!("No engagement after {attempts} re-engagement attempts.");
        if advance(
            rel,
            ctx,
            &mut fx,
            CareState::Dormant,
            "no_engagement_after_interventions",
            why,
        ) {
            escalate(&mut fx, rel, now, "repeated_failure", format!("At Risk escalation trigger: {attempts} re-engagement attempts failed; the relationship is now Dormant."), Vec::new());
            rel.unanswered = 0;
        }
        return fx; // the first reactivation waits the dormant interval
    }

    let t = &s.templates;
    let (kind, reason, body) = match rel.state {
        CareState::Unaware if !rel.outreach_sent => (
            ActionKind::FollowUp,
            "initial outreach to a new lead".to_owned(),
            fill(&t.initial_outreach),
        ),
        CareState::Unaware | CareState::Aware | CareState::Engaged | CareState::Reactivated => (
            ActionKind::FollowUp,
            format!(
                "no reply for {}h: follow-up {} of {}",
                s.follow_up_after_hours,
                rel.unanswered + 1,
                s.follow_ups_before_at_risk
            ),
            fill(&t.follow_up),
        ),
        CareState::Evaluating => (
            ActionKind::FollowUp,
            format!(
                "deciding, quiet for {}h: a clarification follow-up without pressure",
                s.evaluating_follow_up_after_hours
            ),
            fill(&t.evaluating_follow_up),
        ),
        CareState::Committed => (
            ActionKind::SendMessage,
            "commitment recorded: confirmation and confidence reinforcement".to_owned(),
            fill(&t.committed_confirmation),
        ),
        CareState::Active => (
            ActionKind::FollowUp,
            "periodic engagement with an active customer".to_owned(),
            fill(&t.active_check_in),
        ),
        CareState::AtRisk => {
            let attempt = rel.reengage_attempts + 1;
            // Channel optimisation: the second attempt moves to email when we have one, the
            // third and later become a call task for a person.
            let want = match attempt {
                1 => rel.channel,
                2 if rel.customer.email.is_some() && rel.channel != Channel::Email => {
                    Channel::Email
                }
                2 => rel.channel,
                _ => Channel::CallTask,
            };
            if want != rel.channel && rel.channel != Channel::CallTask {
                let why = format!(
                    "re-engagement attempt {attempt}: switching from {} to {}",
                    rel.channel.as_str(),
                    want.as_str()
                );
                if record_action(
                    rel,
                    ctx,
                    &mut fx,
                    ActionKind::SwitchChannel,
                    ActionOrigin::CareAutonomous,
                    why,
                    None,
                    false,
                    None,
                ) == GateResult::Allowed
                {
                    rel.channel = want;
                }
            }
            rel.reengage_attempts = attempt;
            (
                ActionKind::Reengage,
                format!(
                    "At Risk: re-engagement attempt {attempt} of {}",
                    s.reengagements_before_dormant
                ),
                fill(&t.reengage),
            )
        }
        CareState::Dormant => {
            rel.dormant_attempts += 1;
            (
                ActionKind::Reengage,
                format!(
                    "Dormant: low-frequency reactivation {} of {}",
                    rel.dormant_attempts, s.dormant_attempts_max
                ),
                fill(&t.dormant_reactivation),
            )
        }
        CareState::Lost => unreachable!("handled above"),
    };
    let result = record_action(
        rel,
        ctx,
        &mut fx,
        kind,
        ActionOrigin::CareAutonomous,
        reason,
        Some(body),
        false,
        None,
    );
    if result == GateResult::Allowed {
        rel.unanswered += 1;
        rel.outreach_sent = true;
        if rel.state == CareState::Committed {
            rel.confirmation_sent = true;
        }
    }
    fx
}

/// A time-driven state change is itself an autonomous action and passes the gate.
fn advance(
    rel: &mut Relationship,
    ctx: &mut Ctx<'_>,
    fx: &mut Effects,
    to: CareState,
    rule: &str,
    why: String,
) -> bool {
    let reason = format!("{} -> {}: {why}", rel.state.as_str(), to.as_str());
    if record_action(
        rel,
        ctx,
        fx,
        ActionKind::AdvanceState,
        ActionOrigin::CareAutonomous,
        reason,
        None,
        false,
        None,
    ) == GateResult::Allowed
    {
        set_state(rel, fx, ctx.now, to, rule, why, Authority::Inferred);
        true
    } else {
        false
    }
}
