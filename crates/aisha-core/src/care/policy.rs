//! Per-state policy as data (one table the gate enforces and the docs render) and the policy
//! gate itself.

use jiff::{tz::TimeZone, Timestamp, ToSpan};
use serde::{Deserialize, Serialize};

use super::{ActionKind, ActionOrigin, CareState, Controls, GateResult, Relationship};
use crate::company::CareSettings;
use crate::guardrails;

/// A condition that hands the relationship to a human.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    ExplicitQuestion,
    Objection,
    PricingQuestion,
    NegativeSentiment,
    ExceptionOrConfusion,
    ServiceConcern,
    RepeatedFailure,
    ExplicitObjection,
}

pub struct StatePolicy {
    pub state: CareState,
    pub description: &'static str,
    pub entry: &'static str,
    /// Autonomous actions this state allows (user-directed actions are not limited by state).
    pub allowed: &'static [ActionKind],
    /// What must not happen in this state, beyond the global prohibitions.
    pub disallowed: &'static [&'static str],
    /// The state's own escalation triggers (the contract's §3.1), on top of the mandatory ones.
    pub escalation: &'static [Trigger],
}

use ActionKind::*;

/// The contract's §3.1, one row per state.
pub static POLICY: [StatePolicy; 10] = [
    StatePolicy {
        state: CareState::Unaware,
        description: "No meaningful interaction has occurred.",
        entry: "Lead exists; no bidirectional communication",
        allowed: &[FollowUp, SendMessage, AdvanceState],
        disallowed: &[],
        escalation: &[],
    },
    StatePolicy {
        state: CareState::Aware,
        description: "Customer recognizes the brand or agent.",
        entry: "Initial response or interaction",
        allowed: &[FollowUp, SchedulePrompt, SendMessage, AdvanceState],
        disallowed: &[],
        escalation: &[],
    },
    StatePolicy {
        state: CareState::Engaged,
        description: "Bidirectional communication exists.",
        entry: "Ongoing conversation",
        allowed: &[
            FollowUp,
            AdjustCadence,
            SwitchChannel,
            SendMessage,
            SchedulePrompt,
            AdvanceState,
        ],
        disallowed: &[],
        escalation: &[Trigger::ExplicitQuestion],
    },
    StatePolicy {
        state: CareState::Evaluating,
        description: "Customer is deciding.",
        entry: "Proposal, quote, or option delivered",
        allowed: &[
            FollowUp,
            SendMessage,
            SchedulePrompt,
            AdjustCadence,
            AdvanceState,
        ],
        disallowed: &["pressure tactics", "pricing changes"],
        escalation: &[
            Trigger::Objection,
            Trigger::PricingQuestion,
            Trigger::NegativeSentiment,
        ],
    },
    StatePolicy {
        state: CareState::Committed,
        description: "Decision made.",
        entry: "Agreement, bind, or close recorded",
        allowed: &[SendMessage, FollowUp, AdvanceState],
        disallowed: &[],
        escalation: &[Trigger::ExceptionOrConfusion],
    },
    StatePolicy {
        state: CareState::Active,
        description: "Ongoing customer relationship.",
        entry: "Post-commitment continuity",
        allowed: &[FollowUp, SendMessage, AdvanceState],
        disallowed: &[],
        escalation: &[Trigger::ServiceConcern],
    },
    StatePolicy {
        state: CareState::AtRisk,
        description: "Engagement decay detected.",
        entry: "Silence, missed responses, avoidance patterns",
        allowed: &[Reengage, AdjustCadence, SwitchChannel, AdvanceState],
        disallowed: &[],
        escalation: &[Trigger::RepeatedFailure],
    },
    StatePolicy {
        state: CareState::Dormant,
        description: "Relationship inactive.",
        entry: "No engagement after intervention cycles",
        allowed: &[Reengage, AdvanceState],
        disallowed: &["anything but low-frequency reactivation"],
        escalation: &[],
    },
    StatePolicy {
        state: CareState::Reactivated,
        description: "Engagement resumes.",
        entry: "Response after dormancy",
        allowed: &[
            FollowUp,
            SendMessage,
            SchedulePrompt,
            AdjustCadence,
            AdvanceState,
        ],
        disallowed: &[],
        escalation: &[Trigger::ExplicitObjection],
    },
    StatePolicy {
        state: CareState::Lost,
        description: "Relationship closed.",
        entry: "Explicit rejection or termination",
        allowed: &[],
        disallowed: &[
            "any autonomous contact (archive; at most a scheduled reconsideration by a human)",
        ],
        escalation: &[],
    },
];

impl Trigger {
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::ExplicitQuestion => "explicit questions",
            Trigger::Objection => "objections",
            Trigger::PricingQuestion => "pricing questions",
            Trigger::NegativeSentiment => "negative sentiment",
            Trigger::ExceptionOrConfusion => "exceptions or confusion",
            Trigger::ServiceConcern => "service concerns",
            Trigger::RepeatedFailure => "repeated failure",
            Trigger::ExplicitObjection => "explicit objections",
        }
    }
}

/// [`POLICY`] as a Markdown table: `docs/POLICY.md` is this output, and a test keeps it so.
pub fn markdown_table() -> String {
    let list = |items: Vec<&str>| {
        if items.is_empty() {
            "—".to_owned()
        } else {
            items.join(", ")
        }
    };
    let mut out = String::from(
        "| State | Description | Entry | Allowed autonomous actions | Disallowed | Escalation triggers |\n|---|---|---|---|---|---|\n",
    );
    for p in &POLICY {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            p.state.as_str(),
            p.description,
            p.entry,
            list(p.allowed.iter().map(|k| k.as_str()).collect()),
            list(p.disallowed.to_vec()),
            list(p.escalation.iter().map(|t| t.as_str()).collect()),
        ));
    }
    out
}

/// The whole of `docs/POLICY.md`: the table and the rules that hold in every state.
pub fn markdown_document() -> String {
    let d = CareSettings::default();
    format!(
        "# C.A.R.E. policy\n\n\
Generated from `aisha_core::care::policy::POLICY` by `aisha policy`; a test fails when this file \
and the code differ. The gate enforces exactly this table.\n\n\
{table}\n\
## In every state\n\n\
- **Prohibited for AiSHA, whoever asks** (escalated for explicit human handling, never executed): \
negotiate terms, change pricing, offer discounts, make binding commitments, perform regulated \
actions, impersonate a human. Outgoing text is screened for prices, discounts, commitments and \
pressure language.\n\
- **Mandatory escalations**: objections, pricing questions, contract questions, negative \
sentiment, compliance-sensitive messages, and a customer asking for a person.\n\
- **Switches** (autonomous actions only; `user_directed` actions pass them): the global and \
company kill switch blocks, shadow mode records without delivering, the per-customer hands-off \
toggle blocks.\n\
- **Quiet hours**: no autonomous contact outside {end:02}:00–{start:02}:00 in the customer's \
local time (the company's time zone when the customer's is unknown); HELP is always answered.\n\
- **Opt-out** (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, plain-language requests): honoured \
at once with one confirmation; nothing is sent and later texts get no answer until the customer \
texts START, UNSTOP or YES (confirmed once).\n\
- **Frequency caps** (defaults): at most {week} autonomous messages per customer per rolling 7 \
days, at least {gap} hours apart.\n\
- **Uncertain origin**: anything not clearly `user_directed` is treated as `care_autonomous` and \
escalated.\n",
        table = markdown_table(),
        end = d.quiet_hours_end,
        start = d.quiet_hours_start,
        week = d.max_messages_per_week,
        gap = d.min_hours_between_messages,
    )
}

pub fn policy(state: CareState) -> &'static StatePolicy {
    POLICY
        .iter()
        .find(|p| p.state == state)
        .expect("every state has a policy row")
}

/// Everything the gate looks at.
pub struct GateInput<'a> {
    pub kind: ActionKind,
    pub origin: ActionOrigin,
    pub text: Option<&'a str>,
    /// A direct answer to the customer's own message (HELP): not unsolicited contact, so quiet
    /// hours and frequency caps do not apply.
    pub is_reply: bool,
    pub relationship: &'a Relationship,
    pub controls: &'a Controls,
    pub settings: &'a CareSettings,
    pub tz: &'a TimeZone,
    pub now: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GateDecision {
    pub result: GateResult,
    pub reasons: Vec<String>,
    /// Allowed, but shadow mode: record, never deliver.
    pub shadow: bool,
}

impl GateDecision {
    fn new(result: GateResult, reason: impl Into<String>) -> Self {
        Self {
            result,
            reasons: vec![reason.into()],
            shadow: false,
        }
    }
}

/// The policy gate. Order matters: hard prohibitions (both origins) first, then — for
/// autonomous actions only — the Hands-Off gates.
pub fn decide(g: &GateInput<'_>) -> GateDecision {
    if g.kind.is_prohibited() {
        return GateDecision::new(
            GateResult::Escalated,
            format!(
                "{} is prohibited for autonomous execution; a human must handle it explicitly",
                g.kind.describe()
            ),
        );
    }
    if let Some(text) = g.text {
        let violations = guardrails::screen_outgoing(text);
        if !violations.is_empty() {
            let what: Vec<&str> = violations.iter().map(|v| v.as_str()).collect();
            return GateDecision::new(
                GateResult::Escalated,
                format!("outgoing text {}; a human must review it", what.join(", ")),
            );
        }
    }
    let rel = g.relationship;
    if g.kind.is_message() && rel.opted_out && !g.is_reply {
        return match g.origin {
            ActionOrigin::UserDirected => GateDecision::new(
                GateResult::Escalated,
                "the customer opted out of messages; contacting them needs explicit human handling outside AiSHA",
            ),
            ActionOrigin::CareAutonomous => GateDecision::new(GateResult::Blocked, "the customer opted out of messages"),
        };
    }
    if g.origin == ActionOrigin::UserDirected {
        return GateDecision::new(
            GateResult::Allowed,
            "user-directed: Hands-Off gates do not apply",
        );
    }
    if g.controls.kill_switch {
        return GateDecision::new(
            GateResult::Blocked,
            "kill switch is on: no autonomous action",
        );
    }
    if !rel.hands_off {
        return GateDecision::new(
            GateResult::Blocked,
            "Hands-Off Mode is off for this customer",
        );
    }
    let row = policy(rel.state);
    if !row.allowed.contains(&g.kind) {
        return GateDecision::new(
            GateResult::Blocked,
            format!(
                "{} is not allowed in state {}",
                g.kind.describe(),
                rel.state.as_str()
            ),
        );
    }
    if g.kind.is_message() && !g.is_reply {
        let local = g.now.to_zoned(g.tz.clone());
        let hour = local.hour();
        if !in_contact_hours(hour, g.settings) {
            return GateDecision::new(
                GateResult::Blocked,
                format!(
                    "quiet hours: {:02}:{:02} in {} (contact only {:02}:00-{:02}:00)",
                    hour,
                    local.minute(),
                    g.tz.iana_name().unwrap_or("local time"),
                    g.settings.quiet_hours_end,
                    g.settings.quiet_hours_start
                ),
            );
        }
        if let Some(why) = frequency_cap(rel, g.settings, g.now) {
            return GateDecision::new(GateResult::Blocked, why);
        }
    }
    let mut d = GateDecision::new(
        GateResult::Allowed,
        format!(
            "{} allowed in state {}",
            g.kind.describe(),
            rel.state.as_str()
        ),
    );
    if g.controls.shadow_mode {
        d.shadow = true;
        d.reasons
            .push("shadow mode: decided and recorded, not delivered".into());
    }
    d
}

pub fn in_contact_hours(hour: i8, s: &CareSettings) -> bool {
    hour >= s.quiet_hours_end as i8 && hour < s.quiet_hours_start as i8
}

/// Why another autonomous message now would exceed the caps, if it would.
pub fn frequency_cap(rel: &Relationship, s: &CareSettings, now: Timestamp) -> Option<String> {
    if let Some(last) = rel.last_autonomous_message_at {
        if now < last + (s.min_hours_between_messages as i64).hours() {
            return Some(format!(
                "frequency cap: less than {} hours since the last autonomous message",
                s.min_hours_between_messages
            ));
        }
    }
    let week_ago = now - 168.hours();
    let recent = rel
        .recent_autonomous
        .iter()
        .filter(|t| **t > week_ago)
        .count() as u32;
    if recent >= s.max_messages_per_week {
        return Some(format!(
            "frequency cap: {recent} autonomous messages in the last 7 days (max {})",
            s.max_messages_per_week
        ));
    }
    None
}

/// The first instant at or after `t` inside contact hours, in `tz`.
pub fn next_contact_time(t: Timestamp, tz: &TimeZone, s: &CareSettings) -> Timestamp {
    let local = t.to_zoned(tz.clone());
    if in_contact_hours(local.hour(), s) {
        return t;
    }
    let mut date = local.date();
    if local.hour() >= s.quiet_hours_start as i8 {
        date = date.tomorrow().unwrap_or(date);
    }
    let opening = date.at(s.quiet_hours_end as i8, 0, 0, 0);
    // `to_zoned` resolves a DST gap or fold to a real instant (compatible disambiguation).
    opening
        .to_zoned(tz.clone())
        .map(|z| z.timestamp())
        .unwrap_or(t)
}
