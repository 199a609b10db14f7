//! Event-driven transitions: `apply_event` and the helpers the planner shares with it.

use jiff::{Timestamp, ToSpan};

use super::model::*;
use super::policy;
use crate::signals::{self, Detection, Signal};
use crate::text;
use crate::types::Reason;

pub(super) fn set_state(
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

pub(super) fn escalate(
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
            rel.reconsideration_at = Some(
                now + (settings
                    .lost_reconsideration_after_hours
                    .min(crate::company::MAX_CADENCE_HOURS) as i64)
                    .hours(),
            );
        }
        Event::StateOverride { state, reason, by } => {
            let by = by.clone().unwrap_or_else(|| "operator".into());
            let to = *state;
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
                rel.reconsideration_at = Some(
                    now + (settings
                        .lost_reconsideration_after_hours
                        .min(crate::company::MAX_CADENCE_HOURS) as i64)
                        .hours(),
                );
            }
            fx.overrides.push(OverrideRecord {
                at: now,
                what: format!("state -> {}", to.as_str()),
                by,
                reason: reason.clone(),
            });
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
            reason: Reason::stated(&format!("customer wrote {:?}", text.trim())),
        });
    }
    if rel.opted_out && signals::is_opt_in(text) {
        rel.opted_out = false;
        rel.opted_out_at = None;
        fx.overrides.push(OverrideRecord {
            at: now,
            what: "opted back in to messages".into(),
            by: "customer".into(),
            reason: Reason::stated(&format!("customer wrote {:?}", text.trim())),
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
            Proposed::autonomous(
                ActionKind::SendMessage,
                "the customer sent HELP: answered with who we are and how to opt out".into(),
            )
            .message(Some(reply))
            .reply(),
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
            rel.reconsideration_at = Some(
                now + (ctx
                    .company
                    .care
                    .lost_reconsideration_after_hours
                    .min(crate::company::MAX_CADENCE_HOURS) as i64)
                    .hours(),
            );
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
        Proposed::new(kind, ActionOrigin::UserDirected, reason)
            .message(message)
            .screened_as(gate_text),
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

/// An action C.A.R.E. or a user proposes, before the policy gate has seen it.
pub(super) struct Proposed<'a> {
    pub kind: ActionKind,
    pub origin: ActionOrigin,
    /// Why, for the audit trail (never empty: every caller states one).
    pub reason: String,
    /// The text that would leave for the customer, if the action is a message.
    pub message: Option<String>,
    /// An answer to the customer's own message (not counted against the autonomous caps).
    pub is_reply: bool,
    /// What the gate screens when it is not the message itself (a user's instruction).
    pub screen: Option<&'a str>,
}

impl<'a> Proposed<'a> {
    pub fn new(kind: ActionKind, origin: ActionOrigin, reason: String) -> Self {
        Self {
            kind,
            origin,
            reason,
            message: None,
            is_reply: false,
            screen: None,
        }
    }
    /// An action AiSHA takes on its own (Hands-Off Mode).
    pub fn autonomous(kind: ActionKind, reason: String) -> Self {
        Self::new(kind, ActionOrigin::CareAutonomous, reason)
    }
    pub fn message(mut self, text: Option<String>) -> Self {
        self.message = text;
        self
    }
    pub fn reply(mut self) -> Self {
        self.is_reply = true;
        self
    }
    pub fn screened_as(mut self, text: Option<&'a str>) -> Self {
        self.screen = text;
        self
    }
}

/// Gate and record one action; deliver it if allowed (and not shadow). Returns the gate result.
pub(super) fn record_action(
    rel: &mut Relationship,
    ctx: &mut Ctx<'_>,
    fx: &mut Effects,
    proposed: Proposed<'_>,
) -> GateResult {
    let Proposed {
        kind,
        origin,
        reason,
        message,
        is_reply,
        screen,
    } = proposed;
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
