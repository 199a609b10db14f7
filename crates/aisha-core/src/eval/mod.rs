//! Measuring understanding on the labeled corpus (`corpus/`): `aisha eval`.
//!
//! Pure: a task receives the text of its corpus file (JSONL, one labeled example per line)
//! and returns figures. Reading files, printing tables and checking floors happen in the CLI.
//!
//! Every corpus line carries `"split": "train" | "heldout"`. Code is tuned on `train` only;
//! `heldout` is what the floors in `corpus/floors.json` hold.

use serde::{Deserialize, Serialize};

pub mod frontdesk;
pub mod signals;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    Train,
    Heldout,
}

/// Which examples a run scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitFilter {
    Only(Split),
    All,
}

impl SplitFilter {
    pub fn keeps(self, split: Split) -> bool {
        match self {
            SplitFilter::All => true,
            SplitFilter::Only(s) => s == split,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            SplitFilter::All => "all",
            SplitFilter::Only(Split::Train) => "train",
            SplitFilter::Only(Split::Heldout) => "heldout",
        }
    }
}

/// One figure of a task. `higher_is_better` tells the floor check which way a bound goes.
#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    pub name: String,
    pub value: f64,
    /// Examples the figure is computed over (its denominator).
    pub n: usize,
    pub higher_is_better: bool,
}

/// A misreading, with how often it happened and one example.
#[derive(Debug, Clone, Serialize)]
pub struct Confusion {
    pub expected: String,
    pub got: String,
    pub count: usize,
    pub example: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaskReport {
    pub task: String,
    pub examples: usize,
    pub metrics: Vec<Metric>,
    /// Worst first.
    pub confusions: Vec<Confusion>,
}

impl TaskReport {
    pub fn metric(&self, name: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.name == name)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct EvalError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

/// A task: its name, its corpus file (relative to the corpus root) and its scorer.
pub struct Task {
    pub name: &'static str,
    pub file: &'static str,
    /// Scores `jsonl` (the task's file) as this task: the name and file come from the task.
    pub run: fn(task: &Task, jsonl: &str, filter: SplitFilter) -> Result<TaskReport, EvalError>,
}

/// Every task `aisha eval` knows, front desk first.
pub fn tasks() -> Vec<&'static Task> {
    frontdesk::TASKS
        .iter()
        .chain(signals::TASKS.iter())
        .collect()
}

/// Parses a JSONL corpus into `T`, skipping blank lines and `//` comments, naming the line of
/// any error.
pub fn parse_lines<T: serde::de::DeserializeOwned>(
    file: &str,
    jsonl: &str,
) -> Result<Vec<T>, EvalError> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with("//"))
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| EvalError {
                file: file.to_string(),
                line: i + 1,
                reason: e.to_string(),
            })
        })
        .collect()
}

/// A fraction, 1.0 when there is nothing to count (no examples cannot be wrong).
pub fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

/// Counts misreadings and returns them worst first, `limit` at most.
#[derive(Default)]
pub struct ConfusionCounter {
    /// Ordered, so that confusions seen equally often come out in the same order every run.
    seen: std::collections::BTreeMap<(String, String), (usize, String)>,
}

impl ConfusionCounter {
    pub fn add(&mut self, expected: impl Into<String>, got: impl Into<String>, example: &str) {
        let e = self
            .seen
            .entry((expected.into(), got.into()))
            .or_insert_with(|| (0, example.to_string()));
        e.0 += 1;
    }
    pub fn worst(self, limit: usize) -> Vec<Confusion> {
        let mut v: Vec<Confusion> = self
            .seen
            .into_iter()
            .map(|((expected, got), (count, example))| Confusion {
                expected,
                got,
                count,
                example,
            })
            .collect();
        // Stable: ties keep the map's (expected, got) order.
        v.sort_by_key(|c| std::cmp::Reverse(c.count));
        v.truncate(limit);
        v
    }
}

/// A floor a figure must meet: `min` for higher-is-better figures, `max` otherwise.
/// Keys are `task.metric`.
pub type Floors = std::collections::BTreeMap<String, f64>;

/// The figures that miss their floor, as readable lines.
pub fn check_floors(reports: &[TaskReport], floors: &Floors) -> Vec<String> {
    let mut misses = Vec::new();
    for (key, bound) in floors {
        let Some((task, metric)) = key.split_once('.') else {
            misses.push(format!("{key}: not of the form task.metric"));
            continue;
        };
        let Some(m) = reports
            .iter()
            .find(|r| r.task == task)
            .and_then(|r| r.metric(metric))
        else {
            misses.push(format!("{key}: no such figure in this run"));
            continue;
        };
        let ok = if m.higher_is_better {
            m.value + 1e-9 >= *bound
        } else {
            m.value <= *bound + 1e-9
        };
        if !ok {
            let dir = if m.higher_is_better { "≥" } else { "≤" };
            misses.push(format!("{key} = {:.4}, floor {dir} {bound:.4}", m.value));
        }
    }
    misses
}
