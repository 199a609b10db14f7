//! Trains the detector's linear model on the train split of `corpus/signals/messages.jsonl` and
//! writes `crates/aisha-core/src/signals/model.bin`. Deterministic: same corpus, same bytes.
//!
//! cargo run -p aisha-core --release --example train_signals

use std::path::Path;

use aisha_core::signals::{self, model};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = std::fs::read_to_string(root.join("corpus/signals/messages.jsonl"))?;
    let mut train = Vec::new();
    let mut heldout = Vec::new();
    let mut heldout_raw = Vec::new();
    for line in corpus.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let raw = v["text"].as_str().unwrap_or_default().to_owned();
        let text = signals::clean_text(&raw);
        let labels: Vec<&str> = v["labels"]
            .as_array()
            .map(|a| a.iter().filter_map(|l| l.as_str()).collect())
            .unwrap_or_default();
        let y: [bool; 8] = std::array::from_fn(|k| labels.contains(&model::SIGNALS[k].as_str()));
        match v["split"].as_str() {
            Some("train") => train.push((text, y)),
            _ => {
                heldout_raw.push(raw);
                heldout.push((text, y))
            }
        }
    }
    let m = model::Model::train(&train, 12);
    let out = root.join("crates/aisha-core/src/signals/model.bin");
    std::fs::write(&out, m.to_bytes())?;
    println!("{} training examples → {}", train.len(), out.display());
    // The model alone, at the threshold the detector uses: the figure to compare with the rules.
    for (name, set, threshold) in [
        ("train", &train, signals::MODEL_THRESHOLD),
        ("heldout", &heldout, signals::MODEL_THRESHOLD),
        ("heldout", &heldout, 0.5),
    ] {
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for (text, y) in set {
            let scores = m.score(text);
            for k in 0..8 {
                match (y[k], scores[k].0 >= threshold) {
                    (true, true) => tp += 1,
                    (false, true) => fp += 1,
                    (true, false) => fn_ += 1,
                    _ => {}
                }
            }
        }
        println!(
            "model alone on {name} at {threshold}: recall {:.4}, precision {:.4}",
            tp as f64 / (tp + fn_) as f64,
            tp as f64 / (tp + fp).max(1) as f64
        );
    }
    // Rules and model together: a signal is detected when the rules or the model find it.
    for threshold in [0.9f32, 0.97] {
        let (mut tp, mut fp, mut fn_, mut neutral, mut flagged) = (0, 0, 0, 0, 0);
        for ((text, y), raw) in heldout.iter().zip(&heldout_raw) {
            let rules = signals::detect(raw);
            let scores = m.score(text);
            let got: [bool; 8] =
                std::array::from_fn(|k| rules.has(model::SIGNALS[k]) || scores[k].0 >= threshold);
            for k in 0..8 {
                match (y[k], got[k]) {
                    (true, true) => tp += 1,
                    (false, true) => fp += 1,
                    (true, false) => fn_ += 1,
                    _ => {}
                }
            }
            if !y.iter().any(|&b| b) && !rules.has(signals::Signal::Help) {
                neutral += 1;
                flagged += got.iter().any(|&b| b) as usize;
            }
        }
        println!(
            "rules + model at {threshold} on heldout: recall {:.4}, precision {:.4}, neutral flagged {:.4}",
            tp as f64 / (tp + fn_) as f64,
            tp as f64 / (tp + fp).max(1) as f64,
            flagged as f64 / neutral.max(1) as f64
        );
    }
    Ok(())
}
