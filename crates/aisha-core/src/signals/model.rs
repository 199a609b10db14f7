//! A small linear model over hashed word and character n-grams: one logistic regression per
//! escalation signal, trained on the corpus's train split (`cargo run -p aisha-core --release
//! --example train_signals`), weights committed in `model.bin`.
//!
//! Inference is deterministic and allocation-light: the cleaned text's n-grams are hashed
//! (FNV-1a) into [`BUCKETS`] slots whose quantized weights are summed per signal.

use std::sync::LazyLock;

use super::Signal;

/// Hash slots per signal.
pub const BUCKETS: usize = 1 << 14;

/// The signals the model scores, in the order of the weight file.
pub const SIGNALS: [Signal; 8] = [
    Signal::Objection,
    Signal::PricingQuestion,
    Signal::ContractQuestion,
    Signal::NegativeSentiment,
    Signal::ComplianceSensitive,
    Signal::ExplicitRejection,
    Signal::OptOut,
    Signal::HumanRequested,
];

/// Weights are stored as i8 times this scale.
const SCALE: f32 = 1.0 / 32.0;

fn fnv(parts: &[&[u8]]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0x1f;
            h = h.wrapping_mul(0x0100_0193);
        }
        for &b in *p {
            h ^= b as u32;
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    h
}

/// Every feature of a cleaned text, as (bucket, the n-gram's text for evidence).
pub fn features(clean: &str, mut each: impl FnMut(usize, &str)) {
    let words: Vec<&str> = clean.split(' ').filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        each(fnv(&[b"w", w.as_bytes()]) as usize % BUCKETS, w);
        let prev = if i == 0 { "<s>" } else { words[i - 1] };
        let start = if i == 0 { 0 } else { offset(clean, prev) };
        let end = offset(clean, w) + w.len();
        each(
            fnv(&[b"b", prev.as_bytes(), w.as_bytes()]) as usize % BUCKETS,
            &clean[start.min(end)..end],
        );
    }
    // Character 4-grams across word boundaries catch spelling variants and inflections.
    let padded = format!(" {clean} ");
    let b = padded.as_bytes();
    if b.len() >= 4 {
        for i in 0..=b.len() - 4 {
            if padded.is_char_boundary(i) && padded.is_char_boundary(i + 4) {
                each(
                    fnv(&[b"c", &b[i..i + 4]]) as usize % BUCKETS,
                    &padded[i..i + 4],
                );
            }
        }
    }
}

/// Byte offset of `part` (a sub-slice of `whole`) in `whole`.
fn offset(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

pub struct Model {
    /// `SIGNALS.len()` rows of `BUCKETS` weights, then one bias per signal.
    weights: Vec<i8>,
    bias: Vec<f32>,
}

static MODEL: LazyLock<Model> = LazyLock::new(|| {
    Model::from_bytes(include_bytes!("model.bin")).expect("model.bin is well formed")
});

pub fn model() -> &'static Model {
    &MODEL
}

impl Model {
    /// Parses the weight file: `SIGNALS.len()` f32 biases (little endian), then the i8 weights.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let n = SIGNALS.len();
        if bytes.len() != n * 4 + n * BUCKETS {
            return None;
        }
        let bias = bytes[..n * 4]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let weights = bytes[n * 4..].iter().map(|&b| b as i8).collect();
        Some(Model { weights, bias })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out: Vec<u8> = self.bias.iter().flat_map(|b| b.to_le_bytes()).collect();
        out.extend(self.weights.iter().map(|&w| w as u8));
        out
    }

    /// The probability of each of [`SIGNALS`], with the n-gram that weighed most for it.
    pub fn score(&self, clean: &str) -> [(f32, String); 8] {
        let mut sums = [0i32; 8];
        let mut best: [(i32, String); 8] = Default::default();
        features(clean, |bucket, text| {
            for (k, s) in sums.iter_mut().enumerate() {
                let w = self.weights[k * BUCKETS + bucket] as i32;
                *s += w;
                if w > best[k].0 {
                    best[k] = (w, text.trim().to_owned());
                }
            }
        });
        std::array::from_fn(|k| {
            let z = sums[k] as f32 * SCALE + self.bias[k];
            (1.0 / (1.0 + (-z).exp()), std::mem::take(&mut best[k].1))
        })
    }

    /// Logistic regression by plain SGD with L2, examples in the order given (deterministic).
    /// `examples` are (cleaned text, which of [`SIGNALS`] it carries).
    pub fn train(examples: &[(String, [bool; 8])], epochs: usize) -> Model {
        let n = SIGNALS.len();
        let mut w = vec![0f32; n * BUCKETS];
        let mut bias = vec![0f32; n];
        let feats: Vec<Vec<usize>> = examples
            .iter()
            .map(|(t, _)| {
                let mut f = Vec::new();
                features(t, |b, _| f.push(b));
                f
            })
            .collect();
        let (rate, l2) = (0.1f32, 1e-4f32);
        for epoch in 0..epochs {
            let lr = rate / (1.0 + epoch as f32 * 0.2);
            for (f, (_, y)) in feats.iter().zip(examples) {
                for k in 0..n {
                    let row = &mut w[k * BUCKETS..(k + 1) * BUCKETS];
                    let z: f32 = f.iter().map(|&b| row[b]).sum::<f32>() + bias[k];
                    let p = 1.0 / (1.0 + (-z).exp());
                    // Misses are the costly error: positives weigh three times.
                    let weight = if y[k] { 3.0 } else { 1.0 };
                    let g = (p - if y[k] { 1.0 } else { 0.0 }) * weight;
                    for &b in f {
                        row[b] -= lr * (g + l2 * row[b]);
                    }
                    bias[k] -= lr * g;
                }
            }
        }
        Model {
            weights: w
                .iter()
                .map(|x| (x / SCALE).round().clamp(-127.0, 127.0) as i8)
                .collect(),
            bias,
        }
    }
}
