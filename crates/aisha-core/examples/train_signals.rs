//! Trains the signal detector's model (`crates/aisha-core/src/signals/model.bin`) on every
//! `train` line of the corpus, and measures the rules alone beside the rules with the model
//! (corpus/README.md, "Sixth round").
//!
//!     cargo run -p aisha-core --release --example train_signals [-- --dry-run | --lowo]
//!
//! `--lowo` estimates what an unseen writer gets: for each independent writer of the corpus it
//! trains on every other writer's train lines (and the first rounds') and scores that writer's
//! train lines — held-out lines are not read. Deterministic: the same corpus gives the same
//! bytes. Held-out lines are never trained on nor used to choose anything; after the model is
//! fixed they are scored once, side by side.

use std::collections::BTreeSet;
use std::path::Path;

use aisha_core::eval::signals::{is_neutral, EscalationFigures, ESCALATION};
use aisha_core::signals::model::{feature_value, features, sigmoid, Feature, Model};
use aisha_core::signals::{self, Signal};

static BITS: std::sync::LazyLock<u32> =
    std::sync::LazyLock::new(|| knob("TRAIN_BITS", 16.0) as u32);

/// The signals the model decides: the escalation signals, and the per-state cues a rule misses
/// as often (question, bot question and HELP are left to the rules: a "?" or a keyword).
fn modelled() -> Vec<Signal> {
    let cues = [Signal::Exception, Signal::ServiceConcern, Signal::Confusion];
    ESCALATION.iter().copied().chain(cues).collect()
}

fn knob(name: &str, default: f32) -> f32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// AdaGrad passes over the data.
fn epochs() -> usize {
    knob("TRAIN_EPOCHS", 30.0) as usize
}
fn rate() -> f32 {
    knob("TRAIN_RATE", 0.1)
}
fn l2() -> f32 {
    knob("TRAIN_L2", 3e-4)
}
/// How far classes are balanced: 1 weighs a signal's positives as much as its negatives, 0
/// keeps the corpus's own proportions.
/// One phrasing of a first-round family weighs this much beside a hand-written line (a family
/// repeats one meaning in one wording).
fn family_weight() -> f32 {
    knob("TRAIN_FAMILY_WEIGHT", 1.0)
}
fn balance() -> f32 {
    knob("TRAIN_BALANCE", 0.0)
}
fn add_threshold() -> f32 {
    knob("TRAIN_ADD", 0.65)
}
fn keep_threshold() -> f32 {
    knob("TRAIN_KEEP", 0.1)
}

struct Ex {
    text: String,
    heldout: bool,
    /// The writer: "main0" … "main4" for the first rounds' families, else the id's prefix.
    writer: String,
    /// Which of [`FILES`] the line is from.
    file: usize,
    weight: f32,
    labels: BTreeSet<Signal>,
    /// Hashed features: bucket, and whether it is a word feature (the two kinds are
    /// normalised apart, as in `Model::probabilities`).
    buckets: Vec<(u32, bool)>,
    values: (f32, f32),
    rules: Vec<Signal>,
}

const FILES: &[&str] = &[
    "signals/messages.jsonl",
    "signals/written.jsonl",
    "signals/written2.jsonl",
];

fn load(root: &Path) -> Vec<Ex> {
    let mut out = Vec::new();
    for (i, file) in FILES.iter().enumerate() {
        let first_rounds = i == 0;
        let text = std::fs::read_to_string(root.join(file)).expect("corpus file");
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("json line");
            let id = v["id"].as_str().unwrap();
            // The first rounds' families are left out a fifth at a time (a family shares one
            // meaning across its phrasings, so it stays in one fifth).
            let writer = if first_rounds {
                let family = id.rsplit_once('-').map_or(id, |(g, _)| g);
                let h = family.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
                });
                format!("main{}", h % 5)
            } else {
                id.split('-').next().unwrap_or(id).to_string()
            };
            let raw = v["text"].as_str().unwrap().to_string();
            let labels = v["labels"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| Signal::parse(l.as_str().unwrap()).expect("label"))
                .collect();
            let (c, asked) = signals::model_input(&raw);
            let buckets: Vec<(u32, bool)> = features(&c, asked, *BITS)
                .into_iter()
                .map(|f| (f.bucket, f.words.is_some()))
                .collect();
            let words = buckets.iter().filter(|b| b.1).count();
            let values = (feature_value(words), feature_value(buckets.len() - words));
            let rules = signals::detect_with(&raw, None)
                .iter()
                .map(|d| d.signal)
                .collect();
            out.push(Ex {
                heldout: v["split"] == "heldout",
                writer,
                file: i,
                weight: if first_rounds { family_weight() } else { 1.0 },
                text: raw,
                labels,
                buckets,
                values,
                rules,
            });
        }
    }
    out
}

fn rule_index(s: Signal) -> usize {
    Signal::ALL.iter().position(|x| *x == s).unwrap()
}

/// Logistic regression per signal by AdaGrad, in a fixed order (the same data gives the same
/// weights), classes weighed as [`balance`] says.
fn train(data: &[&Ex]) -> Model {
    let signals = modelled();
    let n = signals.len();
    let r = Signal::ALL.len();
    let size = (1usize << *BITS) * n;
    let (mut w, mut g2) = (vec![0f32; size], vec![1e-8f32; size]);
    let (mut rw, mut rg2) = (vec![0f32; r * n], vec![1e-8f32; r * n]);
    let (mut b, mut gb) = (vec![0f32; n], vec![1e-8f32; n]);
    let total: f32 = data.iter().map(|e| e.weight).sum();
    let power = balance();
    let class_weight: Vec<(f32, f32)> = signals
        .iter()
        .map(|s| {
            let pos: f32 = data
                .iter()
                .filter(|e| e.labels.contains(s))
                .map(|e| e.weight)
                .sum();
            let pos = pos.max(1.0);
            (
                (total / (2.0 * pos)).powf(power),
                (total / (2.0 * (total - pos).max(1.0))).powf(power),
            )
        })
        .collect();
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let (rate, l2) = (rate(), l2());
    for _ in 0..epochs() {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let ex = data[i];
            let value = |word: bool| if word { ex.values.0 } else { ex.values.1 };
            for (k, s) in signals.iter().enumerate() {
                let mut z = b[k];
                for &(f, word) in &ex.buckets {
                    z += w[f as usize * n + k] * value(word);
                }
                for &found in &ex.rules {
                    z += rw[rule_index(found) * n + k];
                }
                let pos = ex.labels.contains(s);
                let (cw_pos, cw_neg) = class_weight[k];
                let g = (sigmoid(z) - if pos { 1.0 } else { 0.0 })
                    * ex.weight
                    * if pos { cw_pos } else { cw_neg };
                gb[k] += g * g;
                b[k] -= rate * g / gb[k].sqrt();
                for &(f, word) in &ex.buckets {
                    let j = f as usize * n + k;
                    let gw = g * value(word) + l2 * w[j];
                    g2[j] += gw * gw;
                    w[j] -= rate * gw / g2[j].sqrt();
                }
                for &found in &ex.rules {
                    let j = rule_index(found) * n + k;
                    let gw = g + l2 * rw[j];
                    rg2[j] += gw * gw;
                    rw[j] -= rate * gw / rg2[j].sqrt();
                }
            }
        }
    }
    // Quantise per signal to i8: the scale puts the 99.9th percentile of the weights' sizes at
    // 127 (the few larger ones are clamped), so that the many small weights keep their
    // resolution.
    let mut scale = vec![0f32; n];
    for (k, sc) in scale.iter_mut().enumerate() {
        let mut sizes: Vec<f32> = (0..1usize << *BITS)
            .map(|f| w[f * n + k].abs())
            .filter(|&x| x > 0.0)
            .collect();
        sizes.sort_by(f32::total_cmp);
        let top = sizes
            .get(sizes.len().saturating_sub(1) * 999 / 1000)
            .copied()
            .unwrap_or(0.0);
        *sc = if top > 0.0 { top / 127.0 } else { 1.0 };
    }
    let weights = w
        .iter()
        .enumerate()
        .map(|(j, &x)| (x / scale[j % n]).round().clamp(-127.0, 127.0) as i8)
        .collect();
    Model {
        bits: *BITS,
        signals,
        bias: b,
        scale,
        add: vec![add_threshold(); n],
        keep: vec![keep_threshold(); n],
        rule_weights: rw,
        weights,
    }
}

fn probs(m: &Model, ex: &Ex) -> Vec<f32> {
    let feats: Vec<Feature> = ex
        .buckets
        .iter()
        .map(|&(bucket, word)| Feature {
            bucket,
            words: word.then_some((0, 0)),
        })
        .collect();
    m.probabilities(&feats, &ex.rules)
}

/// What the detector reports for `ex` given the model's probabilities (as `apply_model`).
fn predict(ex: &Ex, p: &[f32], m: &Model) -> BTreeSet<Signal> {
    let mut got: BTreeSet<Signal> = ex.rules.iter().copied().collect();
    let blocked = signals::blocks_objection(ex.rules.iter().copied());
    for (k, s) in m.signals.iter().enumerate() {
        if m.decides(k, ex.rules.contains(s), p[k], blocked) {
            got.insert(*s);
        } else {
            got.remove(s);
        }
    }
    got
}

/// One line of figures, as the corpus README's tables give them.
fn line(f: &EscalationFigures) -> String {
    format!(
        "recall {:.3} precision {:.3} neutral flagged {:.4} ({} of {})",
        f.recall(),
        f.precision(),
        f.neutral_false_alarm_rate(),
        f.flagged,
        f.neutral
    )
}

/// Rules alone and rules with `m` on `set`.
fn side_by_side(set: &[&Ex], m: &Model) -> (EscalationFigures, EscalationFigures) {
    let (mut rules, mut both) = (EscalationFigures::default(), EscalationFigures::default());
    for ex in set {
        rules.add(&ex.labels, &ex.rules.iter().copied().collect());
        let got = predict(ex, &probs(m, ex), m);
        if std::env::var_os("TRAIN_SHOW").is_some() && !ex.heldout && is_neutral(&ex.labels) {
            for s in got.iter().filter(|s| ESCALATION.contains(s)) {
                println!("FALSE {s}\t{}", ex.text);
            }
        }
        both.add(&ex.labels, &got);
    }
    (rules, both)
}

/// Leave one writer out: the estimate of what a writer nobody tuned on gets.
fn lowo(all: &[Ex]) {
    let train_set: Vec<&Ex> = all.iter().filter(|e| !e.heldout).collect();
    let writers: BTreeSet<&str> = train_set.iter().map(|e| e.writer.as_str()).collect();
    let (mut rules_all, mut both_all) =
        (EscalationFigures::default(), EscalationFigures::default());
    let (mut rules_main, mut both_main) =
        (EscalationFigures::default(), EscalationFigures::default());
    for w in writers {
        let fit: Vec<&Ex> = train_set
            .iter()
            .copied()
            .filter(|e| e.writer != w)
            .collect();
        let test: Vec<&Ex> = train_set
            .iter()
            .copied()
            .filter(|e| e.writer == w)
            .collect();
        let m = train(&fit);
        let (r, b) = side_by_side(&test, &m);
        println!("{w:>5} ({} lines)", test.len());
        println!("        rules          {}", line(&r));
        println!("        rules + model  {}", line(&b));
        let first = w.starts_with("main");
        let (ra, ba) = if first {
            (&mut rules_main, &mut both_main)
        } else {
            (&mut rules_all, &mut both_all)
        };
        for (acc, f) in [(ra, r), (ba, b)] {
            acc.absorb(f);
        }
    }
    println!("first rounds' families, a fifth left out in turn (the rules were tuned on them):");
    println!("        rules          {}", line(&rules_main));
    println!("        rules + model  {}", line(&both_main));
    println!("every writer left out in turn:");
    println!("        rules          {}", line(&rules_all));
    println!("        rules + model  {}", line(&both_all));
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dry = args.iter().any(|a| a == "--dry-run");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let all = load(&root);
    if args.iter().any(|a| a == "--lowo") {
        lowo(&all);
        return;
    }
    let train_set: Vec<&Ex> = all.iter().filter(|e| !e.heldout).collect();
    println!("{} lines, {} train", all.len(), train_set.len());
    let model = train(&train_set);

    // Held-out: scored once, after everything above is fixed.
    for (i, file) in FILES.iter().enumerate() {
        let held: Vec<&Ex> = all.iter().filter(|e| e.heldout && e.file == i).collect();
        let (r, b) = side_by_side(&held, &model);
        println!("held-out {file}:");
        println!("        rules          {}", line(&r));
        println!("        rules + model  {}", line(&b));
    }
    if dry {
        return;
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/signals/model.bin");
    let bytes = model.to_bytes();
    std::fs::write(&path, &bytes).expect("write model.bin");
    println!("wrote {} ({} bytes)", path.display(), bytes.len());
}
