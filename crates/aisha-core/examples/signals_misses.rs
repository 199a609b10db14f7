//! Lists the rules' misses and false alarms on the *train* split of a signals corpus file, per
//! signal (held-out lines are skipped before they are read into anything printed):
//! `cargo run -p aisha-core --example signals_misses -- corpus/signals/written.jsonl [signal]`.

use std::collections::BTreeSet;

use aisha_core::signals::{self, Signal};

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("a corpus file");
    let only = args.next();
    let text = std::fs::read_to_string(&file).expect("readable corpus file");
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        if v["split"] != "train" {
            continue;
        }
        let msg = v["text"].as_str().unwrap_or_default();
        let expected: BTreeSet<Signal> = v["labels"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|l| l.as_str().and_then(Signal::parse))
            .collect();
        let found = signals::detect(msg);
        let got: BTreeSet<Signal> = found.iter().map(|d| d.signal).collect();
        for s in Signal::ALL {
            if only.as_deref().is_some_and(|o| o != s.as_str()) {
                continue;
            }
            if matches!(s, Signal::Question | Signal::Help | Signal::BotQuestion) {
                continue;
            }
            match (expected.contains(&s), got.contains(&s)) {
                (true, false) => println!("MISS {s}\t{msg}"),
                (false, true) => {
                    let ev = found
                        .iter()
                        .find(|d| d.signal == s)
                        .map(|d| d.evidence.as_str())
                        .unwrap_or_default();
                    let neutral = if expected.iter().all(|e| matches!(e, Signal::Question)) {
                        "NEUTRAL "
                    } else {
                        ""
                    };
                    println!("FA {s}\t{neutral}[{ev}]\t{msg}")
                }
                _ => {}
            }
        }
    }
}
