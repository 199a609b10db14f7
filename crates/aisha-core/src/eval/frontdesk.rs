//! Front-desk understanding tasks (issue 11): consent, time, address, phone, name, non-answers.
//!
//! Every example goes through the real engine (`frontdesk::turn_embedded`) from the state a
//! caller would be in (an open offer, or BOOKING with the slot's question asked), and the
//! figure reads what the engine stored or decided: the same path a call takes. Label schemas
//! are in `corpus/README.md` ("Front desk").

use std::sync::LazyLock;

use jiff::Timestamp;
use serde::Deserialize;

use super::{
    parse_lines, ratio, ConfusionCounter, EvalError, Metric, Split, SplitFilter, Task, TaskReport,
};
use crate::company::Company;
use crate::frontdesk::{self, TurnInput};
use crate::session::{AgentIntent, Mode, Session};

pub static TASKS: &[Task] = &[
    Task {
        name: "consent",
        file: "frontdesk/consent.jsonl",
        run: consent,
    },
    Task {
        name: "time",
        file: "frontdesk/time.jsonl",
        run: time,
    },
    Task {
        name: "address",
        file: "frontdesk/address.jsonl",
        run: score_addresses,
    },
    Task {
        name: "address_written",
        file: "frontdesk/address_written.jsonl",
        run: score_addresses,
    },
    Task {
        name: "phone",
        file: "frontdesk/phone.jsonl",
        run: phone,
    },
    Task {
        name: "name",
        file: "frontdesk/name.jsonl",
        run: name,
    },
    Task {
        name: "nonanswer",
        file: "frontdesk/nonanswer.jsonl",
        run: nonanswer,
    },
];

/// A company with the contract's four slots and every other setting at its default (so the
/// default `consentYesWords` are the ones measured). No confirm-back except the name's, so
/// one turn shows what the engine stored.
const EVAL_COMPANY: &str = r#"{
  "companyId": "eval-desk",
  "name": "Eval Heating & Air",
  "timezone": "America/Chicago",
  "frontDeskBehavior": {
    "bookingSlots": [
      {"id": "name", "label": "Full Name", "question": "May I have your name please?", "required": true,
       "order": 1, "type": "name", "confirmBack": true, "confirmPrompt": "Got it, {value}. Did I get that right?",
       "nameOptions": {"askFullName": true, "useFirstNameOnly": false, "askOnceForMissingPart": true,
                       "defaultAssumeSingleTokenAs": "last"}},
      {"id": "phone", "label": "Phone", "question": "What's the best phone number to reach you?",
       "required": true, "order": 2, "type": "phone", "confirmBack": false, "offerCallerId": false},
      {"id": "address", "label": "Service Address", "question": "What's the service address?",
       "required": true, "order": 3, "type": "address", "confirmBack": false},
      {"id": "time", "label": "Preferred Time", "question": "When works best for you?", "required": true,
       "order": 4, "type": "time", "confirmBack": false, "offerAsap": true, "offerMorningAfternoon": true,
       "asapPhrase": "as soon as possible"}
    ]
  }
}"#;

static COMPANY: LazyLock<Result<Company, String>> = LazyLock::new(|| {
    Company::from_json(EVAL_COMPANY)
        .map(|l| l.company)
        .map_err(|e| e.to_string())
});

/// The instant most examples are heard at (a Wednesday, 09:00 in Chicago).
const DEFAULT_NOW: &str = "2026-03-04T15:00:00Z";

fn company(file: &str, tz: Option<&str>) -> Result<Company, EvalError> {
    let mut c = COMPANY.clone().map_err(|reason| EvalError {
        file: file.into(),
        line: 0,
        reason,
    })?;
    if let Some(tz) = tz {
        c.timezone = tz.to_owned();
        c = c.validated().map_err(|e| EvalError {
            file: file.into(),
            line: 0,
            reason: e.to_string(),
        })?;
    }
    Ok(c)
}

fn now_of(file: &str, ctx: &Ctx) -> Result<Timestamp, EvalError> {
    ctx.now
        .as_deref()
        .unwrap_or(DEFAULT_NOW)
        .parse()
        .map_err(|e: jiff::Error| EvalError {
            file: file.into(),
            line: 0,
            reason: format!("ctx.now: {e}"),
        })
}

#[derive(Debug, Default, Deserialize)]
struct Ctx {
    now: Option<String>,
    tz: Option<String>,
}

/// A session in BOOKING, the question of `slot` just asked.
fn at_slot(slot: &str) -> Session {
    let mut s = Session::new();
    s.mode = Mode::Booking;
    s.booking.consent_given = true;
    s.booking.active_slot = Some(slot.to_owned());
    s.last_agent_intent = Some(AgentIntent::BookingSlotQuestion);
    s.discovery.issue_summary = Some("The AC is not cooling".into());
    s
}

fn say(company: &Company, session: &mut Session, text: &str, now: Timestamp) -> String {
    frontdesk::turn_embedded(
        company,
        session,
        TurnInput {
            text,
            caller_id: None,
            now,
        },
    )
    .reply
}

fn metric(name: &str, value: f64, n: usize, higher_is_better: bool) -> Metric {
    Metric {
        name: name.into(),
        value,
        n,
        higher_is_better,
    }
}

/// A lower-is-better share: 0 when there is nothing to count.
fn bad_share(bad: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        bad as f64 / n as f64
    }
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "∅".into())
}

// ------------------------------------------------------------------ consent

#[derive(Deserialize)]
struct ConsentExample {
    split: Split,
    text: String,
    /// "yes" | "no" | "mixed" (a yes with a hedge: consent or one re-ask are both right)
    answer: String,
}

fn consent(task: &Task, jsonl: &str, filter: SplitFilter) -> Result<TaskReport, EvalError> {
    let examples: Vec<ConsentExample> = parse_lines(task.file, jsonl)?;
    let company = company(task.file, None)?;
    let question = &company
        .front_desk_behavior
        .discovery_consent
        .consent_question_template;
    let now = now_of(task.file, &Ctx::default())?;
    let (mut n, mut right, mut n_no, mut false_yes, mut n_yes, mut goodbye, mut reasks) =
        (0, 0, 0, 0, 0, 0, 0);
    // Consent as a detector of yes: precision over the replies it took as consent, recall over
    // the clear yeses.
    let (mut consents, mut true_consents, mut clear_yes, mut clear_yes_taken) = (0, 0, 0, 0);
    let mut conf = ConfusionCounter::default();
    for ex in examples.iter().filter(|e| filter.keeps(e.split)) {
        n += 1;
        let mut s = Session::new();
        s.discovery.issue_summary = Some("The AC is not cooling".into());
        s.discovery.offers_made = 1;
        s.last_agent_intent = Some(AgentIntent::OfferSchedule);
        let reply = say(&company, &mut s, &ex.text, now);
        let got = if s.mode == Mode::Booking {
            "consent"
        } else if s.last_agent_intent == Some(AgentIntent::OfferSchedule)
            && reply.contains(question.as_str())
        {
            "reask"
        } else {
            "no consent"
        };
        if got == "reask" {
            reasks += 1;
        }
        if got == "consent" {
            consents += 1;
            true_consents += usize::from(ex.answer != "no");
        }
        if ex.answer == "yes" {
            clear_yes += 1;
            clear_yes_taken += usize::from(got == "consent");
        }
        let ok = match ex.answer.as_str() {
            "yes" => got == "consent",
            "mixed" => got != "no consent",
            _ => got != "consent",
        };
        if ex.answer == "no" {
            n_no += 1;
            false_yes += usize::from(got == "consent");
        } else {
            n_yes += 1;
            goodbye += usize::from(got == "no consent");
        }
        if ok {
            right += 1;
        } else {
            conf.add(&ex.answer, got, &ex.text);
        }
    }
    Ok(TaskReport {
        task: task.name.into(),
        examples: n,
        metrics: vec![
            metric("handled_right", ratio(right, n), n, true),
            metric("false_consent", bad_share(false_yes, n_no), n_no, false),
            metric(
                "yes_without_consent_or_reask",
                bad_share(goodbye, n_yes),
                n_yes,
                false,
            ),
            metric("reask_rate", bad_share(reasks, n), n, false),
            metric(
                "consent_precision",
                ratio(true_consents, consents),
                consents,
                true,
            ),
            metric(
                "yes_recall",
                ratio(clear_yes_taken, clear_yes),
                clear_yes,
                true,
            ),
        ],
        confusions: conf.worst(12),
    })
}

// ------------------------------------------------------------------ time

#[derive(Deserialize)]
struct TimeExample {
    split: Split,
    text: String,
    #[serde(default)]
    ctx: Ctx,
    expected: TimeLabel,
}

#[derive(Deserialize, PartialEq)]
struct TimeLabel {
    preference: String,
    window: Option<String>,
}

fn time(task: &Task, jsonl: &str, filter: SplitFilter) -> Result<TaskReport, EvalError> {
    let examples: Vec<TimeExample> = parse_lines(task.file, jsonl)?;
    let (mut n, mut right, mut captured) = (0, 0, 0);
    let mut conf = ConfusionCounter::default();
    for ex in examples.iter().filter(|e| filter.keeps(e.split)) {
        n += 1;
        let company = company(task.file, ex.ctx.tz.as_deref())?;
        let now = now_of(task.file, &ex.ctx)?;
        let mut s = at_slot("time");
        say(&company, &mut s, &ex.text, now);
        let t = &s.booking.slots.time;
        captured += usize::from(t.preference.is_some());
        let got = TimeLabel {
            preference: t.preference.clone().unwrap_or_default(),
            window: t.window.clone(),
        };
        if got == ex.expected {
            right += 1;
        } else {
            conf.add(
                format!("{} {}", ex.expected.preference, opt(&ex.expected.window)),
                format!("{} {}", got.preference, opt(&got.window)),
                &ex.text,
            );
        }
    }
    Ok(TaskReport {
        task: task.name.into(),
        examples: n,
        metrics: vec![
            metric("value_correct", ratio(right, n), n, true),
            metric("captured", ratio(captured, n), n, true),
        ],
        confusions: conf.worst(12),
    })
}

// ------------------------------------------------------------------ address

#[derive(Deserialize)]
struct AddressExample {
    split: Split,
    text: String,
    /// `null`: not a service address (a PO box): must be refused.
    expected: Option<AddressLabel>,
}

#[derive(Deserialize)]
struct AddressLabel {
    street: String,
    unit: Option<String>,
    city: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    zip: Option<String>,
}

/// Addresses, for `address` and for `address_written` (the lines written by someone who never
/// saw the code, corpus README "Fourth round", kept apart so their figures and floors are their
/// own).
fn score_addresses(task: &Task, jsonl: &str, filter: SplitFilter) -> Result<TaskReport, EvalError> {
    let examples: Vec<AddressExample> = parse_lines(task.file, jsonl)?;
    let company = company(task.file, None)?;
    let now = now_of(task.file, &Ctx::default())?;
    let (mut n, mut n_addr, mut exact, mut street_ok, mut n_refuse, mut refused) =
        (0, 0, 0, 0, 0, 0);
    // State and ZIP are not in the contract's slot schema: read from the extractor itself.
    let mut state_zip_ok = 0;
    let mut conf = ConfusionCounter::default();
    for ex in examples.iter().filter(|e| filter.keeps(e.split)) {
        n += 1;
        let mut s = at_slot("address");
        say(&company, &mut s, &ex.text, now);
        let a = &s.booking.slots.address;
        let got = format!("{} | {} | {}", opt(&a.street), opt(&a.unit), opt(&a.city));
        match &ex.expected {
            Some(want) => {
                n_addr += 1;
                let want_s = format!(
                    "{} | {} | {}",
                    want.street,
                    opt(&want.unit),
                    opt(&want.city)
                );
                street_ok += usize::from(a.street.as_deref() == Some(want.street.as_str()));
                if let Some(crate::extract::AddressFinding::Found(x)) =
                    crate::extract::find_address(&ex.text)
                {
                    state_zip_ok += usize::from(x.state == want.state && x.zip == want.zip);
                }
                if want_s == got {
                    exact += 1;
                } else {
                    conf.add(want_s, got, &ex.text);
                }
            }
            None => {
                n_refuse += 1;
                if a.full.is_none() {
                    refused += 1;
                } else {
                    conf.add("refused (PO box)", got, &ex.text);
                }
            }
        }
    }
    Ok(TaskReport {
        task: task.name.into(),
        examples: n,
        metrics: vec![
            metric("street_unit_city_exact", ratio(exact, n_addr), n_addr, true),
            metric("street_exact", ratio(street_ok, n_addr), n_addr, true),
            metric("state_zip_exact", ratio(state_zip_ok, n_addr), n_addr, true),
            metric("po_box_refused", ratio(refused, n_refuse), n_refuse, true),
        ],
        confusions: conf.worst(12),
    })
}

// ------------------------------------------------------------------ phone

#[derive(Deserialize)]
struct PhoneExample {
    split: Split,
    text: String,
    /// The number as stored (`555-123-4567`, or E.164 abroad); `null`: not a usable number.
    expected: Option<String>,
}

fn phone(task: &Task, jsonl: &str, filter: SplitFilter) -> Result<TaskReport, EvalError> {
    let examples: Vec<PhoneExample> = parse_lines(task.file, jsonl)?;
    let company = company(task.file, None)?;
    let now = now_of(task.file, &Ctx::default())?;
    let (mut n, mut n_num, mut exact, mut n_bad, mut refused) = (0, 0, 0, 0, 0);
    let mut conf = ConfusionCounter::default();
    for ex in examples.iter().filter(|e| filter.keeps(e.split)) {
        n += 1;
        let mut s = at_slot("phone");
        say(&company, &mut s, &ex.text, now);
        let got = &s.booking.slots.phone;
        match &ex.expected {
            Some(want) => {
                n_num += 1;
                if got.as_deref() == Some(want.as_str()) {
                    exact += 1;
                } else {
                    conf.add(want.as_str(), opt(got), &ex.text);
                }
            }
            None => {
                n_bad += 1;
                if got.is_none() {
                    refused += 1;
                } else {
                    conf.add("refused", opt(got), &ex.text);
                }
            }
        }
    }
    Ok(TaskReport {
        task: task.name.into(),
        examples: n,
        metrics: vec![
            metric("digits_exact", ratio(exact, n_num), n_num, true),
            metric("incomplete_refused", ratio(refused, n_bad), n_bad, true),
        ],
        confusions: conf.worst(12),
    })
}

// ------------------------------------------------------------------ name

#[derive(Deserialize)]
struct NameExample {
    split: Split,
    text: String,
    /// `{first, last}`, `{single}` (one token, stored as the company's assumed part) or
    /// `null` (not a name: nothing may be stored).
    expected: Option<NameLabel>,
}

#[derive(Deserialize)]
struct NameLabel {
    first: Option<String>,
    last: Option<String>,
    single: Option<String>,
}

fn name(task: &Task, jsonl: &str, filter: SplitFilter) -> Result<TaskReport, EvalError> {
    let examples: Vec<NameExample> = parse_lines(task.file, jsonl)?;
    let company = company(task.file, None)?;
    let now = now_of(task.file, &Ctx::default())?;
    let (mut n, mut n_name, mut exact, mut n_non, mut refused) = (0, 0, 0, 0, 0);
    let mut conf = ConfusionCounter::default();
    for ex in examples.iter().filter(|e| filter.keeps(e.split)) {
        n += 1;
        let mut s = at_slot("name");
        say(&company, &mut s, &ex.text, now);
        let v = &s.booking.slots.name;
        let got = format!("{} / {}", opt(&v.first), opt(&v.last));
        match &ex.expected {
            Some(want) => {
                n_name += 1;
                let (ok, want_s) = match &want.single {
                    Some(tok) => (
                        (v.first.as_deref() == Some(tok.as_str()))
                            ^ (v.last.as_deref() == Some(tok.as_str()))
                            && (v.first.is_none() || v.last.is_none()),
                        format!("one token {tok}"),
                    ),
                    None => (
                        v.first == want.first && v.last == want.last,
                        format!("{} / {}", opt(&want.first), opt(&want.last)),
                    ),
                };
                if ok {
                    exact += 1;
                } else {
                    conf.add(want_s, got, &ex.text);
                }
            }
            None => {
                n_non += 1;
                if v.is_empty() {
                    refused += 1;
                } else {
                    conf.add("not a name", got, &ex.text);
                }
            }
        }
    }
    Ok(TaskReport {
        task: task.name.into(),
        examples: n,
        metrics: vec![
            metric("first_last_exact", ratio(exact, n_name), n_name, true),
            metric("non_name_refused", ratio(refused, n_non), n_non, true),
        ],
        confusions: conf.worst(12),
    })
}

// ------------------------------------------------------------------ non-answers

#[derive(Deserialize)]
struct NonAnswerExample {
    split: Split,
    text: String,
    /// The slot whose question was just asked: name | phone | address | time.
    slot: String,
    /// question | cancel | hold | complaint | instruction | unsure | refusal | chitchat
    kind: String,
}

fn nonanswer(task: &Task, jsonl: &str, filter: SplitFilter) -> Result<TaskReport, EvalError> {
    let examples: Vec<NonAnswerExample> = parse_lines(task.file, jsonl)?;
    let company = company(task.file, None)?;
    let now = now_of(task.file, &Ctx::default())?;
    let (mut n, mut filled) = (0, 0);
    let mut conf = ConfusionCounter::default();
    for ex in examples.iter().filter(|e| filter.keeps(e.split)) {
        n += 1;
        let mut s = at_slot(&ex.slot);
        say(&company, &mut s, &ex.text, now);
        let b = &s.booking.slots;
        let got = match ex.slot.as_str() {
            "name" => (!b.name.is_empty())
                .then(|| format!("{} / {}", opt(&b.name.first), opt(&b.name.last))),
            "phone" => b.phone.clone(),
            "address" => b.address.full.clone(),
            "time" => b
                .time
                .preference
                .as_ref()
                .map(|p| format!("{p} {}", opt(&b.time.window))),
            other => {
                return Err(EvalError {
                    file: task.file.into(),
                    line: 0,
                    reason: format!("unknown slot {other:?}"),
                })
            }
        };
        if let Some(v) = got {
            filled += 1;
            conf.add(format!("{} at {}: nothing", ex.kind, ex.slot), v, &ex.text);
        }
    }
    Ok(TaskReport {
        task: task.name.into(),
        examples: n,
        metrics: vec![metric("filled_slot", bad_share(filled, n), n, false)],
        confusions: conf.worst(12),
    })
}
