//! The C.A.R.E. model: states, action kinds, the relationship aggregate, events and the records
//! a decision produces.

use jiff::{tz::TimeZone, Timestamp};
use serde::{Deserialize, Serialize};

use crate::company::Company;
use crate::signals::{Detection, Signals};
use crate::types::Reason;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

/// Names derived, not written out: serde's and strum's are the same snake_case (tested).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    Default,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
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
        self.into()
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    #[default]
    Inferred,
    SystemOfRecord,
    Human,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Relationship {
    pub customer: Customer,
    pub state: CareState,
    pub authority: Authority,
    pub hands_off: bool,
    pub opted_out: bool,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub opted_out_at: Option<Timestamp>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub state_entered_at: Timestamp,
    pub state_before_risk: Option<CareState>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub last_inbound_at: Option<Timestamp>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub last_outbound_at: Option<Timestamp>,
    /// The last time the planner acted (any gate result), so a blocked attempt waits a cadence.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub last_attempt_at: Option<Timestamp>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub last_autonomous_message_at: Option<Timestamp>,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>, format = DateTime))]
    pub recent_autonomous: Vec<Timestamp>,
    /// Autonomous messages since the customer last wrote.
    pub unanswered: u32,
    pub reengage_attempts: u32,
    pub dormant_attempts: u32,
    pub channel: Channel,
    pub outreach_sent: bool,
    pub confirmation_sent: bool,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
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

    pub(super) fn last_activity(&self) -> Timestamp {
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

/// A state as people write it ("At Risk", "at_risk", "dormant"), or an error naming the ten.
fn state_by_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<CareState, D::Error> {
    let raw = String::deserialize(d)?;
    CareState::parse(&raw).ok_or_else(|| {
        let known: Vec<&str> = CareState::ALL.iter().map(|s| s.as_str()).collect();
        serde::de::Error::custom(format!(
            "unknown state {raw:?} (known: {})",
            known.join(", ")
        ))
    })
}

/// Something that happened (FORMAT.md's event list). `by` is who did it, for human actions.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Event {
    #[cfg_attr(feature = "openapi", schema(title = "LeadCreatedEvent"))]
    LeadCreated {},
    #[cfg_attr(feature = "openapi", schema(title = "InboundMessageEvent"))]
    InboundMessage {
        #[serde(default)]
        channel: Option<Channel>,
        text: String,
    },
    #[cfg_attr(feature = "openapi", schema(title = "OutboundMessageEvent"))]
    OutboundMessage {
        #[serde(default)]
        channel: Option<Channel>,
        #[serde(default)]
        text: String,
    },
    #[cfg_attr(feature = "openapi", schema(title = "ProposalDeliveredEvent"))]
    ProposalDelivered {
        #[serde(default)]
        summary: String,
    },
    #[cfg_attr(feature = "openapi", schema(title = "AgreementRecordedEvent"))]
    AgreementRecorded {},
    /// The front desk completed a booking (handed to the system of record).
    #[cfg_attr(feature = "openapi", schema(title = "BookingCompletedEvent"))]
    BookingCompleted {
        #[serde(default)]
        summary: String,
    },
    #[cfg_attr(feature = "openapi", schema(title = "ServiceStartedEvent"))]
    ServiceStarted {},
    #[cfg_attr(feature = "openapi", schema(title = "RejectionRecordedEvent"))]
    RejectionRecorded {
        #[serde(default)]
        reason: String,
    },
    #[cfg_attr(feature = "openapi", schema(title = "StateOverrideEvent"))]
    StateOverride {
        /// Parsed where the event is read: an unknown state is refused, never applied.
        #[serde(deserialize_with = "state_by_name")]
        state: CareState,
        /// Required: a human's change says why (it goes to the audit log).
        reason: Reason,
        #[serde(default)]
        by: Option<String>,
    },
    #[cfg_attr(feature = "openapi", schema(title = "HandsOffEvent"))]
    HandsOff {
        enabled: bool,
        /// Required: a human's change says why (it goes to the audit log).
        reason: Reason,
        #[serde(default)]
        by: Option<String>,
    },
    #[cfg_attr(feature = "openapi", schema(title = "KillSwitchEvent"))]
    KillSwitch {
        enabled: bool,
        /// Required: a human's change says why (it goes to the audit log).
        reason: Reason,
        #[serde(default)]
        by: Option<String>,
    },
    #[cfg_attr(feature = "openapi", schema(title = "ShadowModeEvent"))]
    ShadowMode {
        enabled: bool,
        /// Required: a human's change says why (it goes to the audit log).
        reason: Reason,
        #[serde(default)]
        by: Option<String>,
    },
    #[cfg_attr(feature = "openapi", schema(title = "UserDirectedEvent"))]
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

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transition {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: Timestamp,
    pub from: CareState,
    pub to: CareState,
    /// The named rule that fired.
    pub rule: String,
    pub explanation: String,
    pub authority: Authority,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionRecord {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
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

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EscalationRecord {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: Timestamp,
    pub trigger: String,
    pub reason: String,
    pub evidence: Vec<Detection>,
    pub state: CareState,
}

/// A human's change to controls or a customer, kept for the audit trail.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverrideRecord {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: Timestamp,
    pub what: String,
    pub by: String,
    pub reason: Reason,
}

/// Everything one event or one planner run produced.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    #[test]
    fn channel_names_agree_between_serde_and_strum() {
        for c in Channel::VARIANTS {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
            let back: Channel = serde_json::from_value(c.as_str().into()).unwrap();
            assert_eq!(back, *c);
        }
    }
}
