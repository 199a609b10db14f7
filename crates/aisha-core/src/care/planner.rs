//! The Hands-Off planner: when a relationship is next due (`next_due`) and what runs then (`run_due`).

use jiff::{Timestamp, ToSpan};

use crate::company::MAX_CADENCE_HOURS;

use super::events::{escalate, record_action, set_state, Proposed};
use super::model::*;
use super::policy;
use crate::company::Company;
use crate::text;

/// When Hands-Off Mode next has something to do for this relationship, already moved out of
/// quiet hours and past the frequency caps. `None`: nothing scheduled.
pub fn next_due(rel: &Relationship, company: &Company) -> Option<Timestamp> {
    let s = &company.care;
    if rel.opted_out {
        return None;
    }
    let base = rel.last_activity();
    // Validation caps the cadence (`MAX_CADENCE_HOURS`); a configuration stored before it did
    // is clamped here, so no due date can leave the calendar.
    let h = |hours: u32| (hours.min(MAX_CADENCE_HOURS) as i64).hours();
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
                Proposed::autonomous(ActionKind::AdjustCadence, cadence_reason),
            );
        }
    }
    if rel.state == CareState::Unaware
        && rel.unanswered
            >= s.follow_ups_before_at_risk
                .saturating_add(s.reengagements_before_dormant)
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
                    Proposed::autonomous(ActionKind::SwitchChannel, why),
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
        Proposed::autonomous(kind, reason).message(Some(body)),
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
        Proposed::autonomous(ActionKind::AdvanceState, reason),
    ) == GateResult::Allowed
    {
        set_state(rel, fx, ctx.now, to, rule, why, Authority::Inferred);
        true
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::care::{CareState, Customer, Relationship};

    /// A configuration stored before cadences were capped: every due date is still a date
    /// (the scheduler once panicked here and stopped for every company).
    #[test]
    fn an_unbounded_stored_cadence_never_panics() {
        let mut company = Company::from_json(
            r#"{"companyId":"a","frontDeskBehavior":{"bookingSlots":[{"id":"name","question":"Name?","type":"name"}]}}"#,
        )
        .unwrap()
        .company;
        let c = &mut company.care;
        c.follow_up_after_hours = u32::MAX;
        c.evaluating_follow_up_after_hours = u32::MAX;
        c.committed_confirmation_after_hours = u32::MAX;
        c.active_check_in_after_hours = u32::MAX;
        c.at_risk_reengage_after_hours = u32::MAX;
        c.dormant_reactivation_after_hours = u32::MAX;
        c.min_hours_between_messages = u32::MAX;
        c.follow_ups_before_at_risk = u32::MAX;
        c.reengagements_before_dormant = u32::MAX;
        let now: Timestamp = "2026-12-07T15:00:00Z".parse().unwrap();
        for state in CareState::ALL {
            let mut rel = Relationship::new(Customer::default(), state, now);
            rel.outreach_sent = true;
            rel.reengage_attempts = 40;
            rel.last_attempt_at = Some(now);
            rel.last_autonomous_message_at = Some(now);
            let due = next_due(&rel, &company);
            assert!(due.is_none_or(|d| d > now), "{state:?}");
        }
    }
}
