//! Signal-detection tasks (issue 12): escalation signals on customer messages and the outbound
//! screen.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::{
    parse_lines, ratio, ConfusionCounter, EvalError, Metric, SplitFilter, Task, TaskReport,
};
use crate::eval::Split;
use crate::guardrails;
use crate::signals::{self, Signal};

pub static TASKS: &[Task] = &[
    Task {
        name: "signals",
        file: "signals/messages.jsonl",
        run: score_signals,
    },
    Task {
        name: "outbound",
        file: "outbound/lines.jsonl",
        run: score_outbound,
    },
    // The fourth round's hand-written material (corpus/README.md, "Fourth round"), scored on its
    // own so that its figures and floors stand beside the first rounds' instead of diluting them.
    Task {
        name: "signals_written",
        file: "signals/written.jsonl",
        run: score_signals,
    },
    Task {
        name: "outbound_written",
        file: "outbound/written.jsonl",
        run: score_outbound,
    },
    // The sixth round's: four more message writers and one more outbound writer.
    Task {
        name: "signals_written2",
        file: "signals/written2.jsonl",
        run: score_signals,
    },
    Task {
        name: "outbound_written2",
        file: "outbound/written2.jsonl",
        run: score_outbound,
    },
];

/// The signals that open an escalation or change what AiSHA may do (stop, close): the ones
/// whose misses and false alarms the micro figures and the neutral false-alarm rate count.
/// `Signal::ALL` lists them first: objection … human requested.
pub const ESCALATION: &[Signal] = Signal::ALL.split_at(8).0;

/// A message labelled with no escalation signal (nor the HELP keyword): the kind whose flagging
/// the neutral false-alarm rate counts.
pub fn is_neutral(labels: &BTreeSet<Signal>) -> bool {
    labels.iter().all(|s| !ESCALATION.contains(s)) && !labels.contains(&Signal::Help)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Message {
    #[allow(dead_code)]
    id: String,
    split: Split,
    text: String,
    labels: Vec<String>,
    #[allow(dead_code)]
    business: String,
    #[allow(dead_code)]
    channel: String,
    #[serde(default)]
    #[allow(dead_code)]
    state: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

/// The three figures over the escalation signals, counted message by message: micro
/// recall and precision, and the share of neutral messages flagged with any of them.
#[derive(Debug, Default, Clone, Copy)]
pub struct EscalationFigures {
    pub micro: Counts,
    /// Neutral messages seen ([`is_neutral`]), and how many of them were flagged.
    pub neutral: usize,
    pub flagged: usize,
}

impl EscalationFigures {
    /// Counts one message labelled `expected` for which the detector said `got`.
    pub fn add(&mut self, expected: &BTreeSet<Signal>, got: &BTreeSet<Signal>) {
        for s in ESCALATION {
            match (expected.contains(s), got.contains(s)) {
                (true, true) => self.micro.tp += 1,
                (false, true) => self.micro.fp += 1,
                (true, false) => self.micro.fn_ += 1,
                (false, false) => {}
            }
        }
        if is_neutral(expected) {
            self.neutral += 1;
            if got.iter().any(|s| ESCALATION.contains(s)) {
                self.flagged += 1;
            }
        }
    }

    /// Both counts together (figures of several sets pooled).
    pub fn absorb(&mut self, other: EscalationFigures) {
        self.micro.tp += other.micro.tp;
        self.micro.fp += other.micro.fp;
        self.micro.fn_ += other.micro.fn_;
        self.neutral += other.neutral;
        self.flagged += other.flagged;
    }

    pub fn recall(&self) -> f64 {
        self.micro.recall()
    }

    pub fn precision(&self) -> f64 {
        self.micro.precision()
    }

    pub fn neutral_false_alarm_rate(&self) -> f64 {
        if self.neutral == 0 {
            0.0
        } else {
            self.flagged as f64 / self.neutral as f64
        }
    }
}

impl Counts {
    pub fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn metric(name: impl Into<String>, value: f64, n: usize, higher_is_better: bool) -> Metric {
    Metric {
        name: name.into(),
        value,
        n,
        higher_is_better,
    }
}

fn score_signals(task: &Task, jsonl: &str, filter: SplitFilter) -> Result<TaskReport, EvalError> {
    let lines: Vec<Message> = parse_lines(task.file, jsonl)?;
    let mut per = [Counts::default(); Signal::ALL.len()];
    let mut figures = EscalationFigures::default();
    let mut examples = 0;
    let mut confusions = ConfusionCounter::default();
    for (i, m) in lines.iter().enumerate() {
        let mut expected = BTreeSet::new();
        for l in &m.labels {
            expected.insert(Signal::parse(l).ok_or_else(|| EvalError {
                file: task.file.into(),
                line: i + 1,
                reason: format!("unknown label {l:?}"),
            })?);
        }
        if !filter.keeps(m.split) {
            continue;
        }
        examples += 1;
        let got: BTreeSet<Signal> = signals::detect(&m.text).iter().map(|d| d.signal).collect();
        for (k, s) in Signal::ALL.into_iter().enumerate() {
            let (e, g) = (expected.contains(&s), got.contains(&s));
            let c = &mut per[k];
            match (e, g) {
                (true, true) => c.tp += 1,
                (false, true) => c.fp += 1,
                (true, false) => c.fn_ += 1,
                (false, false) => {}
            }
            if ESCALATION.contains(&s) {
                match (e, g) {
                    (false, true) => confusions.add("-", s.as_str(), &m.text),
                    (true, false) => confusions.add(s.as_str(), "-", &m.text),
                    _ => {}
                }
            }
        }
        figures.add(&expected, &got);
    }
    let micro = figures.micro;
    let mut metrics = vec![
        metric("recall_micro", micro.recall(), micro.tp + micro.fn_, true),
        metric(
            "precision_micro",
            micro.precision(),
            micro.tp + micro.fp,
            true,
        ),
        metric(
            "neutral_false_alarm_rate",
            figures.neutral_false_alarm_rate(),
            figures.neutral,
            false,
        ),
    ];
    for (k, s) in Signal::ALL.into_iter().enumerate() {
        let c = per[k];
        metrics.push(metric(
            format!("{s}_precision"),
            c.precision(),
            c.tp + c.fp,
            true,
        ));
        metrics.push(metric(
            format!("{s}_recall"),
            c.recall(),
            c.tp + c.fn_,
            true,
        ));
        metrics.push(metric(format!("{s}_f1"), c.f1(), c.tp + c.fp + c.fn_, true));
    }
    Ok(TaskReport {
        task: task.name.into(),
        examples,
        metrics,
        confusions: confusions.worst(20),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutboundLine {
    #[allow(dead_code)]
    id: String,
    split: Split,
    text: String,
    prohibited: bool,
    category: String,
}

fn score_outbound(task: &Task, jsonl: &str, filter: SplitFilter) -> Result<TaskReport, EvalError> {
    let lines: Vec<OutboundLine> = parse_lines(task.file, jsonl)?;
    let (mut bad, mut passed, mut good, mut refused) = (0, 0, 0, 0);
    let mut confusions = ConfusionCounter::default();
    for l in lines.iter().filter(|l| filter.keeps(l.split)) {
        let found = guardrails::screen_outgoing(&l.text);
        if l.prohibited {
            bad += 1;
            if found.is_empty() {
                passed += 1;
                confusions.add(&l.category, "passed", &l.text);
            }
        } else {
            good += 1;
            if let Some(v) = found.first() {
                refused += 1;
                confusions.add("allowed", v.as_str(), &l.text);
            }
        }
    }
    let refused_rate = if good == 0 {
        0.0
    } else {
        refused as f64 / good as f64
    };
    Ok(TaskReport {
        task: task.name.into(),
        examples: bad + good,
        metrics: vec![
            metric("prohibited_passed", passed as f64, bad, false),
            metric("allowed_refused_rate", refused_rate, good, false),
        ],
        confusions: confusions.worst(20),
    })
}
