//! `aisha conformance run`: the YAML cases of FORMAT.md, run through the service layer on a
//! fresh temporary SQLite database each, with a virtual clock and no network.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use aisha_core::care::{ActionKind, CareState, Customer, Effects, Event};
use aisha_core::signals::Signal;
use jiff::Timestamp;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::service::Service;
use crate::store::sqlite;

fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn items(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum Case {
    Conversation {
        name: String,
        company: String,
        #[serde(default)]
        caller_id: Option<String>,
        #[serde(default)]
        start: Option<String>,
        #[serde(default)]
        #[allow(dead_code)]
        description: Option<String>,
        turns: Vec<Turn>,
    },
    Relationship {
        name: String,
        company: String,
        customer: CustomerSpec,
        start: String,
        #[serde(default)]
        #[allow(dead_code)]
        description: Option<String>,
        steps: Vec<Step>,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Turn {
    user: String,
    #[serde(default)]
    expect: Option<ConvExpect>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConvExpect {
    mode: Option<String>,
    #[serde(rename = "lastAgentIntent")]
    last_agent_intent: Option<String>,
    ai: Option<String>,
    ai_contains: Option<OneOrMany>,
    ai_contains_any: Option<OneOrMany>,
    ai_not_contains: Option<OneOrMany>,
    #[serde(rename = "activeSlot", default, deserialize_with = "present")]
    active_slot: Option<Option<String>>,
    #[serde(rename = "consentGiven")]
    consent_given: Option<bool>,
    slots: Option<Value>,
    meta: Option<Value>,
    escalated: Option<bool>,
    signals: Option<Vec<String>>,
    llm_used: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct CustomerSpec {
    id: String,
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    last_name: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default)]
    state: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    #[serde(default, deserialize_with = "format_event")]
    event: Option<Event>,
    #[serde(default)]
    advance_to: Option<String>,
    #[serde(default)]
    at: Option<String>,
    #[serde(default)]
    expect: Option<RelExpect>,
}

/// FORMAT.md's switch events (`hands_off`, `kill_switch`, `shadow_mode`) carry no reason, but
/// the API requires one for the audit log; a case's switch is recorded as the runner's.
fn format_event<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Event>, D::Error> {
    let Some(mut v) = Option::<serde_json::Value>::deserialize(d)? else {
        return Ok(None);
    };
    if let Some(obj) = v.as_object_mut() {
        let switch = matches!(
            obj.get("type").and_then(|t| t.as_str()),
            Some("hands_off" | "kill_switch" | "shadow_mode")
        );
        if switch && !obj.contains_key("reason") {
            obj.insert("reason".into(), "set by a conformance case".into());
        }
    }
    serde_json::from_value(v)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RelExpect {
    state: Option<String>,
    state_in: Option<Vec<String>>,
    escalated: Option<bool>,
    signals: Option<Vec<String>>,
    actions: Option<Vec<ActionExpect>>,
    no_actions: Option<bool>,
    delivered: Option<usize>,
    delivered_at_least: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionExpect {
    kind: Option<String>,
    origin: Option<String>,
    gate: Option<String>,
}

/// The result of one case file.
#[derive(Debug)]
pub struct CaseReport {
    pub file: PathBuf,
    pub name: String,
    pub failures: Vec<String>,
}

impl CaseReport {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Every `*.yaml` under the given files and folders, sorted.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            for entry in walkdir::WalkDir::new(p).sort_by_file_name() {
                let entry = entry.map_err(|e| format!("{}: {e}", p.display()))?;
                let path = entry.path();
                if entry.file_type().is_file()
                    && path.extension().is_some_and(|e| e == "yaml" || e == "yml")
                {
                    files.push(path.to_path_buf());
                }
            }
        } else if p.is_file() {
            files.push(p.clone());
        } else {
            return Err(format!("{}: no such file or folder", p.display()));
        }
    }
    Ok(files)
}

fn parse_case(raw: &str) -> Result<Case, String> {
    let de = serde_yaml_ng::Deserializer::from_str(raw);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        if path == "." || path == "?" {
            inner
        } else {
            format!("field `{path}`: {inner}")
        }
    })
}

fn ts(raw: &str, field: &str) -> Result<Timestamp, String> {
    raw.parse::<Timestamp>().map_err(|e| {
        format!("field `{field}`: {raw:?} is not an RFC 3339 instant with an offset ({e})")
    })
}

/// Run one case file. Errors reading or parsing the case are failures, never panics.
pub async fn run_file(path: &Path) -> CaseReport {
    let mut report = CaseReport {
        file: path.to_path_buf(),
        name: String::new(),
        failures: Vec::new(),
    };
    let raw = match std::fs::read_to_string(path) {
        Ok(r) => r,
        Err(e) => {
            report.failures.push(format!("cannot read: {e}"));
            return report;
        }
    };
    let case = match parse_case(&raw) {
        Ok(c) => c,
        Err(e) => {
            report.failures.push(format!("malformed case: {e}"));
            return report;
        }
    };
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            report
                .failures
                .push(format!("cannot create a temporary database: {e}"));
            return report;
        }
    };
    let store = match sqlite::open(&dir.path().join("case.db")).await {
        Ok(s) => s,
        Err(e) => {
            report
                .failures
                .push(format!("cannot open the temporary database: {e}"));
            return report;
        }
    };
    let service = Service::new(Arc::new(store), None);
    let base = path.parent().unwrap_or(Path::new("."));
    let result = match case {
        Case::Conversation {
            name,
            company,
            caller_id,
            start,
            turns,
            ..
        } => {
            report.name = name;
            run_conversation(
                &service,
                base,
                &company,
                caller_id.as_deref(),
                start.as_deref(),
                &turns,
            )
            .await
        }
        Case::Relationship {
            name,
            company,
            customer,
            start,
            steps,
            ..
        } => {
            report.name = name;
            run_relationship(&service, base, &company, customer, &start, &steps).await
        }
    };
    if let Err(e) = result {
        report.failures.push(e);
    } else if let Ok(f) = result {
        report.failures = f;
    }
    report
}

async fn load_company(
    service: &Service,
    base: &Path,
    company: &str,
    now: Timestamp,
) -> Result<String, String> {
    let file = base.join(company);
    let raw = std::fs::read_to_string(&file)
        .map_err(|e| format!("field `company`: cannot read {}: {e}", file.display()))?;
    let (c, _) = service
        .put_company_json(&raw, "conformance runner", now)
        .await
        .map_err(|e| format!("field `company` ({}): {e}", file.display()))?;
    Ok(c.company_id.as_str().to_owned())
}

async fn run_conversation(
    service: &Service,
    base: &Path,
    company: &str,
    caller_id: Option<&str>,
    start: Option<&str>,
    turns: &[Turn],
) -> Result<Vec<String>, String> {
    let mut now = match start {
        Some(s) => ts(s, "start")?,
        None => "2026-03-02T15:00:00Z".parse().expect("constant instant"),
    };
    let company_id = load_company(service, base, company, now).await?;
    if let Some(expect) = turns
        .iter()
        .filter_map(|t| t.expect.as_ref())
        .find_map(|e| e.signals.as_ref())
    {
        check_signal_names(expect)?;
    }
    let mut failures = Vec::new();
    let conversation = aisha_core::ConversationId::parse("conformance").expect("a valid id");
    for (i, turn) in turns.iter().enumerate() {
        let r = service
            .turn(crate::service::Turn {
                company_id: &company_id,
                conversation_id: &conversation,
                text: &turn.user,
                caller_id,
                now,
            })
            .await
            .map_err(|e| format!("turn {}: {e}", i + 1))?;
        now += jiff::SignedDuration::from_secs(20);
        let Some(e) = &turn.expect else { continue };
        let at = format!("turn {} ({:?})", i + 1, turn.user);
        let mut fail = |what: String| failures.push(format!("{at}: {what}"));
        let o = &r.outcome;
        if let Some(m) = &e.mode {
            if m != o.mode.as_str() {
                fail(format!("mode: expected {m}, observed {}", o.mode.as_str()));
            }
        }
        if let Some(li) = &e.last_agent_intent {
            if li != o.last_agent_intent.as_str() {
                fail(format!(
                    "lastAgentIntent: expected {li}, observed {}",
                    o.last_agent_intent.as_str()
                ));
            }
        }
        if let Some(ai) = &e.ai {
            if ai != &o.reply {
                fail(format!("ai: expected {ai:?}, observed {:?}", o.reply));
            }
        }
        let reply = o.reply.to_lowercase();
        if let Some(list) = &e.ai_contains {
            for s in list.items() {
                if !reply.contains(&s.to_lowercase()) {
                    fail(format!("ai_contains: {s:?} not in {:?}", o.reply));
                }
            }
        }
        if let Some(list) = &e.ai_contains_any {
            if !list
                .items()
                .iter()
                .any(|s| reply.contains(&s.to_lowercase()))
            {
                fail(format!(
                    "ai_contains_any: none of {:?} in {:?}",
                    list.items(),
                    o.reply
                ));
            }
        }
        if let Some(list) = &e.ai_not_contains {
            for s in list.items() {
                if reply.contains(&s.to_lowercase()) {
                    fail(format!("ai_not_contains: {s:?} found in {:?}", o.reply));
                }
            }
        }
        if let Some(expected) = &e.active_slot {
            if expected != &r.active_slot {
                fail(format!(
                    "activeSlot: expected {expected:?}, observed {:?}",
                    r.active_slot
                ));
            }
        }
        if let Some(c) = e.consent_given {
            if c != r.booking.consent_given {
                fail(format!(
                    "consentGiven: expected {c}, observed {}",
                    r.booking.consent_given
                ));
            }
        }
        let booking = serde_json::to_value(&r.booking).expect("booking serializes");
        for (key, expected) in [("slots", &e.slots), ("meta", &e.meta)] {
            if let Some(expected) = expected {
                let mut diffs = Vec::new();
                partial_match(expected, &booking[key], key, &mut diffs);
                for d in diffs {
                    fail(d);
                }
            }
        }
        if let Some(x) = e.escalated {
            if x != o.escalated() {
                fail(format!(
                    "escalated: expected {x}, observed {}",
                    o.escalated()
                ));
            }
        }
        if let Some(sigs) = &e.signals {
            let seen = o.signals.names();
            for s in sigs {
                if !seen.contains(&s.as_str()) {
                    fail(format!("signals: {s} not detected (detected: {seen:?})"));
                }
            }
        }
        if let Some(x) = e.llm_used {
            if x != o.llm_used {
                fail(format!("llm_used: expected {x}, observed {}", o.llm_used));
            }
        }
    }
    Ok(failures)
}

fn check_signal_names(names: &[String]) -> Result<(), String> {
    for n in names {
        if Signal::parse(n).is_none() {
            return Err(format!("field `signals`: unknown signal {n:?}"));
        }
    }
    Ok(())
}

/// `expected` must match `observed` on every key it gives; a key given as null must be null.
fn partial_match(expected: &Value, observed: &Value, path: &str, diffs: &mut Vec<String>) {
    match (expected, observed) {
        (Value::Object(e), Value::Object(o)) => {
            for (k, v) in e {
                let p = format!("{path}.{k}");
                match o.get(k) {
                    Some(ov) => partial_match(v, ov, &p, diffs),
                    None if v.is_null() => {}
                    None => diffs.push(format!("{p}: expected {v}, observed nothing")),
                }
            }
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        (e, o) if e == o => {}
        (e, o) => diffs.push(format!("{path}: expected {e}, observed {o}")),
    }
}

async fn run_relationship(
    service: &Service,
    base: &Path,
    company: &str,
    customer: CustomerSpec,
    start: &str,
    steps: &[Step],
) -> Result<Vec<String>, String> {
    let mut now = ts(start, "start")?;
    let company_id = load_company(service, base, company, now).await?;
    let state = match &customer.state {
        Some(s) => CareState::parse(s)
            .ok_or_else(|| format!("field `customer.state`: unknown state {s:?}"))?,
        None => CareState::Unaware,
    };
    let customer_id = aisha_core::CustomerId::parse(&customer.id)
        .map_err(|e| format!("field `customer.id`: {e}"))?;
    let c = Customer {
        id: customer.id,
        first_name: customer.first_name,
        last_name: customer.last_name,
        phone: customer.phone,
        email: customer.email,
        timezone: customer.timezone,
    };
    service
        .upsert_customer(&company_id, c, state, now)
        .await
        .map_err(|e| format!("field `customer`: {e}"))?;
    // Validate every step before running any, so a typo is reported as such.
    for (i, step) in steps.iter().enumerate() {
        let at = format!("steps[{i}]");
        match (&step.event, &step.advance_to) {
            (Some(_), Some(_)) | (None, None) => {
                return Err(format!(
                    "field `{at}`: a step is exactly one of `event` or `advance_to`"
                ))
            }
            (None, Some(_)) if step.at.is_some() => {
                return Err(format!("field `{at}.at`: `at` belongs to event steps"))
            }
            _ => {}
        }
        if let Some(e) = &step.expect {
            for s in e.state.iter().chain(e.state_in.iter().flatten()) {
                CareState::parse(s)
                    .ok_or_else(|| format!("field `{at}.expect.state`: unknown state {s:?}"))?;
            }
            if let Some(sigs) = &e.signals {
                check_signal_names(sigs).map_err(|m| format!("{at}.expect: {m}"))?;
            }
            for a in e.actions.iter().flatten() {
                if let Some(k) = &a.kind {
                    ActionKind::parse(k).ok_or_else(|| {
                        format!("field `{at}.expect.actions.kind`: unknown action kind {k:?}")
                    })?;
                }
                if let Some(o) = &a.origin {
                    if !matches!(o.as_str(), "user_directed" | "care_autonomous") {
                        return Err(format!(
                            "field `{at}.expect.actions.origin`: unknown origin {o:?}"
                        ));
                    }
                }
                if let Some(g) = &a.gate {
                    if !matches!(g.as_str(), "allowed" | "escalated" | "blocked") {
                        return Err(format!(
                            "field `{at}.expect.actions.gate`: unknown gate result {g:?}"
                        ));
                    }
                }
            }
        }
    }
    let mut failures = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let mut fx = Effects::default();
        let label;
        if let Some(event) = &step.event {
            if let Some(at) = &step.at {
                let t = ts(at, &format!("steps[{i}].at"))?;
                if t < now {
                    return Err(format!(
                        "field `steps[{i}].at`: {at} is before the clock ({now})"
                    ));
                }
                fx.extend(
                    service
                        .run_due(&company_id, t)
                        .await
                        .map_err(|e| e.to_string())?,
                );
                now = t;
            }
            fx.extend(
                service
                    .apply_event(&company_id, &customer_id, event, now)
                    .await
                    .map_err(|e| format!("step {}: {e}", i + 1))?,
            );
            label = format!("step {} (event {})", i + 1, event.type_name());
        } else {
            let raw = step.advance_to.as_deref().expect("validated above");
            let t = ts(raw, &format!("steps[{i}].advance_to"))?;
            if t < now {
                return Err(format!(
                    "field `steps[{i}].advance_to`: {raw} is before the clock ({now})"
                ));
            }
            fx.extend(
                service
                    .run_due(&company_id, t)
                    .await
                    .map_err(|e| e.to_string())?,
            );
            now = t;
            label = format!("step {} (advance_to {raw})", i + 1);
        }
        let mut fail = |what: String| failures.push(format!("{label}: {what}"));
        for a in &fx.actions {
            if a.reason.trim().is_empty() {
                fail(format!(
                    "action {} recorded without a reason",
                    a.kind.as_str()
                ));
            }
        }
        let Some(e) = &step.expect else { continue };
        let rel = service
            .relationship(&company_id, &customer_id)
            .await
            .map_err(|e| e.to_string())?;
        if let Some(s) = &e.state {
            let want = CareState::parse(s).expect("validated");
            if want != rel.state {
                fail(format!(
                    "state: expected {}, observed {}",
                    want.as_str(),
                    rel.state.as_str()
                ));
            }
        }
        if let Some(list) = &e.state_in {
            if !list
                .iter()
                .filter_map(|s| CareState::parse(s))
                .any(|s| s == rel.state)
            {
                fail(format!(
                    "state_in: {list:?} does not contain {}",
                    rel.state.as_str()
                ));
            }
        }
        if let Some(x) = e.escalated {
            let observed = !fx.escalations.is_empty();
            if x != observed {
                fail(format!("escalated: expected {x}, observed {observed}"));
            }
        }
        if let Some(sigs) = &e.signals {
            let seen = fx.signals.names();
            for s in sigs {
                if !seen.contains(&s.as_str()) {
                    fail(format!("signals: {s} not detected (detected: {seen:?})"));
                }
            }
        }
        if let Some(expected) = &e.actions {
            let mut used = vec![false; fx.actions.len()];
            for want in expected {
                let hit = fx.actions.iter().enumerate().find(|(j, a)| {
                    !used[*j]
                        && want.kind.as_deref().is_none_or(|k| k == a.kind.as_str())
                        && want
                            .origin
                            .as_deref()
                            .is_none_or(|o| o == a.action_origin.as_str())
                        && want
                            .gate
                            .as_deref()
                            .is_none_or(|g| g == a.policy_gate_result.as_str())
                });
                match hit {
                    Some((j, _)) => used[j] = true,
                    None => {
                        let seen: Vec<String> = fx
                            .actions
                            .iter()
                            .map(|a| {
                                format!(
                                    "{}/{}/{}",
                                    a.kind.as_str(),
                                    a.action_origin.as_str(),
                                    a.policy_gate_result.as_str()
                                )
                            })
                            .collect();
                        fail(format!(
                            "actions: no recorded action matches {want:?} (recorded: {seen:?})"
                        ));
                    }
                }
            }
        }
        if e.no_actions == Some(true) && !fx.actions.is_empty() {
            fail(format!(
                "no_actions: {} actions were recorded",
                fx.actions.len()
            ));
        }
        if let Some(n) = e.delivered {
            if fx.delivered() != n {
                fail(format!(
                    "delivered: expected {n}, observed {}",
                    fx.delivered()
                ));
            }
        }
        if let Some(n) = e.delivered_at_least {
            if fx.delivered() < n {
                fail(format!(
                    "delivered_at_least: expected at least {n}, observed {}",
                    fx.delivered()
                ));
            }
        }
    }
    Ok(failures)
}
