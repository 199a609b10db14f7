//! The detector's linear model: one logistic regression per signal over hashed word 1–2-grams
//! and character 3–5-grams of the [`clean`](super::rules::clean) text, plus what the rules found
//! (issue 12, sixth round).
//!
//! The rules give evidence; the model reads it beside the words and decides each modelled
//! signal ([`decides`]): it can add a signal the rules missed ("we already have a guy") and
//! overrule a rule that fired on an innocent use of its cue. Its weights are trained on every
//! `train` line of the corpus by `cargo run -p aisha-core --release --example train_signals`,
//! which writes `model.bin` beside this file deterministically (the same corpus gives the same
//! bytes); its thresholds are chosen by leaving writers out in turn on the train split, never on
//! a held-out line. Inference is pure arithmetic: no I/O, no allocation beyond
//! the feature list.
//!
//! File layout (little endian): `b"AISHASIG"`, `u32` version (2), `u32` hash bits, `u32`
//! signal count `S`; `S` signal indices into [`Signal::ALL`] (`u8`); per signal `f32` bias,
//! `f32` weight scale, `f32` threshold to add, `f32` threshold to keep; `Signal::ALL.len() × S` rule weights as `f32` (rule-major:
//! the weight, for each modelled signal, of "the rules found this signal"); then `2^bits × S`
//! weights as `i8` (bucket-major; a weight is `i8 × scale`).

use super::Signal;

/// One hashed feature: its bucket and where it came from (for evidence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Feature {
    pub bucket: u32,
    /// Byte span in the cleaned text for word features; `None` for character n-grams and
    /// markers.
    pub words: Option<(usize, usize)>,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv(seed: u8, parts: &[&[u8]]) -> u64 {
    let mut h = FNV_OFFSET ^ u64::from(seed);
    h = h.wrapping_mul(FNV_PRIME);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0x1f;
            h = h.wrapping_mul(FNV_PRIME);
        }
        for &b in *p {
            h ^= u64::from(b);
            h = h.wrapping_mul(FNV_PRIME);
        }
    }
    avalanche(h)
}

/// Final mixing so that the low bits (the bucket) depend on every byte.
fn avalanche(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// The features of a message: `clean` is the rules' cleaned text, `asked` whether the raw text
/// held a question mark. Buckets are sorted and unique (a feature counts once).
pub fn features(clean: &str, asked: bool, bits: u32) -> Vec<Feature> {
    let mask = (1u64 << bits) - 1;
    let mut out: Vec<Feature> = Vec::with_capacity(clean.len() * 3 + 32);
    let bucket = |h: u64| (h & mask) as u32;
    // Words, with their byte spans.
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(24);
    let bytes = clean.as_bytes();
    let mut start = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (b == b' ', start) {
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, bytes.len()));
    }
    let word = |k: usize| &bytes[spans[k].0..spans[k].1];
    for k in 0..spans.len() {
        out.push(Feature {
            bucket: bucket(fnv(1, &[word(k)])),
            words: Some(spans[k]),
        });
        if k + 1 < spans.len() {
            out.push(Feature {
                bucket: bucket(fnv(2, &[word(k), word(k + 1)])),
                words: Some((spans[k].0, spans[k + 1].1)),
            });
        }
    }
    if let (Some(first), Some(last)) = (spans.first(), spans.last()) {
        out.push(Feature {
            bucket: bucket(fnv(3, &[&bytes[first.0..first.1]])),
            words: Some(*first),
        });
        out.push(Feature {
            bucket: bucket(fnv(4, &[&bytes[last.0..last.1]])),
            words: Some(*last),
        });
    }
    // Character 3–5-grams over the text padded with a space on each side.
    let mut padded = Vec::with_capacity(bytes.len() + 2);
    padded.push(b' ');
    padded.extend_from_slice(bytes);
    padded.push(b' ');
    // One pass per start position hashes its 3-, 4- and 5-gram (the length is mixed in last).
    for start in 0..padded.len() {
        let mut h = FNV_OFFSET;
        for (len, &b) in padded[start..].iter().take(5).enumerate() {
            h ^= u64::from(b);
            h = h.wrapping_mul(FNV_PRIME);
            if len >= 2 {
                out.push(Feature {
                    bucket: bucket(avalanche(h ^ (10 + len as u64))),
                    words: None,
                });
            }
        }
    }
    if asked {
        out.push(Feature {
            bucket: bucket(fnv(5, &[b"?"])),
            words: None,
        });
    }
    if spans.len() <= 3 {
        out.push(Feature {
            bucket: bucket(fnv(6, &[&[spans.len() as u8]])),
            words: None,
        });
    }
    out.sort_unstable_by_key(|f| (f.bucket, f.words.is_none()));
    out.dedup_by_key(|f| f.bucket);
    out
}

/// The value each present feature carries: features are L2-normalised so that a long message
/// does not outweigh a short one.
pub fn feature_value(count: usize) -> f32 {
    if count == 0 {
        0.0
    } else {
        1.0 / (count as f32).sqrt()
    }
}

/// A trained model: the weights, and per signal its bias, scale and thresholds.
#[derive(Debug, Clone)]
pub struct Model {
    pub bits: u32,
    pub signals: Vec<Signal>,
    pub bias: Vec<f32>,
    pub scale: Vec<f32>,
    /// The probability at which the model adds a signal the rules did not find.
    pub add: Vec<f32>,
    /// The probability under which the model drops a signal the rules found.
    pub keep: Vec<f32>,
    /// `Signal::ALL.len() × signals.len()` weights of the rules' findings, rule-major.
    pub rule_weights: Vec<f32>,
    /// `2^bits × signals.len()` weights, bucket-major.
    pub weights: Vec<i8>,
}

const MAGIC: &[u8; 8] = b"AISHASIG";
const VERSION: u32 = 2;
const RULES: usize = Signal::ALL.len();

impl Model {
    /// Reads the file layout of the module comment.
    pub fn from_bytes(b: &[u8]) -> Result<Model, String> {
        let mut at = 0usize;
        let mut take = |n: usize| -> Result<&[u8], String> {
            let s = b
                .get(at..at + n)
                .ok_or_else(|| "model file truncated".to_string())?;
            at += n;
            Ok(s)
        };
        if take(8)? != MAGIC {
            return Err("not a signal model file".into());
        }
        let u32_at = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
        let f32_at = |s: &[u8]| f32::from_le_bytes([s[0], s[1], s[2], s[3]]);
        let version = u32_at(take(4)?);
        if version != VERSION {
            return Err(format!("model file version {version}, expected {VERSION}"));
        }
        let bits = u32_at(take(4)?);
        if !(8..=24).contains(&bits) {
            return Err(format!("hash bits {bits} out of range"));
        }
        let n = u32_at(take(4)?) as usize;
        let mut signals = Vec::with_capacity(n);
        for &i in take(n)? {
            signals.push(
                *Signal::ALL
                    .get(i as usize)
                    .ok_or_else(|| format!("signal index {i}"))?,
            );
        }
        let (mut bias, mut scale) = (Vec::new(), Vec::new());
        let (mut add, mut keep) = (Vec::new(), Vec::new());
        for _ in 0..n {
            bias.push(f32_at(take(4)?));
            scale.push(f32_at(take(4)?));
            add.push(f32_at(take(4)?));
            keep.push(f32_at(take(4)?));
        }
        let mut rule_weights = Vec::with_capacity(RULES * n);
        for _ in 0..RULES * n {
            rule_weights.push(f32_at(take(4)?));
        }
        let weights = take((1usize << bits) * n)?
            .iter()
            .map(|&x| x as i8)
            .collect();
        if at != b.len() {
            return Err("trailing bytes after the weights".into());
        }
        Ok(Model {
            bits,
            signals,
            bias,
            scale,
            add,
            keep,
            rule_weights,
            weights,
        })
    }

    /// The file layout of the module comment.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.weights.len() + 64);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(self.signals.len() as u32).to_le_bytes());
        for s in &self.signals {
            let i = Signal::ALL.iter().position(|x| x == s).unwrap_or(0);
            out.push(i as u8);
        }
        for k in 0..self.signals.len() {
            out.extend_from_slice(&self.bias[k].to_le_bytes());
            out.extend_from_slice(&self.scale[k].to_le_bytes());
            out.extend_from_slice(&self.add[k].to_le_bytes());
            out.extend_from_slice(&self.keep[k].to_le_bytes());
        }
        for w in &self.rule_weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend(self.weights.iter().map(|&w| w as u8));
        out
    }

    /// The probability of each of [`Model::signals`] for these features, given the signals the
    /// rules found.
    pub fn probabilities(&self, feats: &[Feature], found: &[Signal]) -> Vec<f32> {
        let n = self.signals.len();
        let mut z: Vec<f32> = self.bias.clone();
        for s in found {
            if let Some(r) = Signal::ALL.iter().position(|x| x == s) {
                for (zk, w) in z.iter_mut().zip(&self.rule_weights[r * n..(r + 1) * n]) {
                    *zk += w;
                }
            }
        }
        // Word and character features are normalised apart, as two blocks of unit length: the
        // many character n-grams would otherwise drown the few words.
        let words = feats.iter().filter(|f| f.words.is_some()).count();
        let (vw, vc) = (feature_value(words), feature_value(feats.len() - words));
        let (mut acc_w, mut acc_c) = (vec![0i32; n], vec![0i32; n]);
        for f in feats {
            let row = &self.weights[f.bucket as usize * n..(f.bucket as usize + 1) * n];
            let acc = if f.words.is_some() {
                &mut acc_w
            } else {
                &mut acc_c
            };
            for (a, &w) in acc.iter_mut().zip(row) {
                *a += i32::from(w);
            }
        }
        (0..n)
            .map(|k| {
                let dot = acc_w[k] as f32 * vw + acc_c[k] as f32 * vc;
                sigmoid(z[k] + dot * self.scale[k])
            })
            .collect()
    }

    /// Whether the detector reports the `k`th modelled signal, at probability `p`. A signal the
    /// rules found stands unless the model is sure it is wrong (`keep`); one they did not find
    /// is added only when the model is sure of it (`add`): an uninformative message leaves the
    /// rules' reading as it is. An opt-out the rules heard always stands (a carrier keyword or
    /// "stop texting me" must be honoured whatever a model thinks), and an objection yields to
    /// a rejection or an exception in the same message (`blocked`: someone who has decided
    /// gives reasons, not objections).
    pub fn decides(&self, k: usize, by_rules: bool, p: f32, blocked: bool) -> bool {
        let signal = self.signals[k];
        if by_rules {
            return signal == Signal::OptOut || p >= self.keep[k];
        }
        !(signal == Signal::Objection && blocked) && p >= self.add[k]
    }

    /// The word n-grams that pushed signal `k` up the most, strongest first (the evidence of a
    /// model detection).
    pub fn top_words<'t>(
        &self,
        k: usize,
        feats: &[Feature],
        text: &'t str,
        max: usize,
    ) -> Vec<&'t str> {
        let n = self.signals.len();
        let mut scored: Vec<(i8, (usize, usize))> = feats
            .iter()
            .filter_map(|f| {
                let w = self.weights[f.bucket as usize * n + k];
                f.words
                    .filter(|&(s, e)| w > 0 && !FUNCTION_WORDS.contains(&&text[s..e]))
                    .map(|s| (w, s))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<&'t str> = Vec::new();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for (_, (s, e)) in scored {
            // A word already shown inside a stronger bigram (or the reverse) adds nothing.
            if spans.iter().any(|&(a, b)| s < b && a < e) {
                continue;
            }
            spans.push((s, e));
            out.push(&text[s..e]);
            if out.len() == max {
                break;
            }
        }
        out
    }
}

/// Words that weigh in the model but explain nothing to the person reading the evidence.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "are", "at", "but", "for", "i", "i'm", "in", "is", "it", "it's", "me", "my",
    "of", "on", "or", "so", "that", "the", "this", "to", "was", "we", "with", "you", "your",
];

pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_deterministic_sorted_and_unique() {
        let a = features("can i get a call back", true, 16);
        let b = features("can i get a call back", true, 16);
        assert_eq!(a, b);
        assert!(a.windows(2).all(|w| w[0].bucket < w[1].bucket));
        assert!(features("", false, 16).len() <= 4);
    }

    #[test]
    fn a_model_round_trips_and_reads_its_features() {
        let n = 2;
        let m = Model {
            bits: 8,
            signals: vec![Signal::Objection, Signal::OptOut],
            bias: vec![-1.0, -2.0],
            scale: vec![0.5, 0.25],
            add: vec![0.5, 0.9],
            keep: vec![0.1, 0.2],
            rule_weights: (0..RULES * n).map(|i| i as f32 / 10.0).collect(),
            weights: (0..(1usize << 8) * n).map(|i| (i % 7) as i8 - 3).collect(),
        };
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.to_bytes(), m.to_bytes());
        assert!(Model::from_bytes(b"AISHASIG").is_err());
        let f = features("we already have a guy", false, 8);
        let p = back.probabilities(&f, &[Signal::Objection]);
        assert!(p.iter().all(|x| (0.0..=1.0).contains(x)));
        assert_eq!(p, m.probabilities(&f, &[Signal::Objection]));
        assert_ne!(p, m.probabilities(&f, &[]), "the rules' findings count");
    }
}
