//! The discovery speaker behind an OpenAI-compatible chat-completions API (OpenAI, Ollama,
//! vLLM, llama.cpp). It returns structured output that the engine validates; on any error or
//! timeout the engine's embedded responder answers instead.

use std::time::Duration;

use aisha_core::responder::{ResponderRequest, ResponderTask, SpeakerReply};
use async_trait::async_trait;
use serde_json::json;

#[async_trait]
pub trait Speaker: Send + Sync {
    async fn reply(&self, request: &ResponderRequest) -> Result<SpeakerReply, String>;
}

/// An optional second opinion on a customer's message for C.A.R.E.: it may add an escalation
/// the detector missed (`Some(reason)`), never remove one; errors add nothing.
#[async_trait]
pub trait SecondOpinion: Send + Sync {
    async fn review(&self, state: &str, text: &str) -> Result<Option<String>, String>;
}

#[derive(serde::Deserialize)]
struct Review {
    escalate: bool,
    #[serde(default)]
    reason: String,
}

#[derive(Debug, Clone)]
pub struct OpenAiCompatible {
    client: reqwest::Client,
    base_url: String,
    model: String,
    api_key: Option<String>,
}

impl OpenAiCompatible {
    pub fn new(
        base_url: &str,
        model: &str,
        api_key: Option<String>,
        timeout: Duration,
    ) -> Result<Self, String> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self {
            client,
            base_url: base_url.trim_end_matches('/').to_owned(),
            model: model.to_owned(),
            api_key,
        })
    }
}

fn system_prompt(req: &ResponderRequest) -> String {
    let mut s = format!(
        "You are the AI receptionist for {}. You are an AI assistant and never claim to be human. \
         Never state prices, discounts, terms or commitments; defer those to the team. \
         Be brief (one to three sentences). Answer only from the company knowledge below. \
         Reply with a JSON object: {{\"reply\": string, \"intent\": \"DISCOVERY\"|\"OFFER_SCHEDULE\"|\"INTERRUPT_ANSWER\", \"issueSummary\": string|null}}.\n",
        req.company_name
    );
    for sc in &req.scenarios {
        s.push_str(&format!(
            "Company knowledge ({}): {}\n",
            sc.title, sc.response
        ));
    }
    match &req.task {
        ResponderTask::Discovery => {
            if req.offer_schedule {
                s.push_str(&format!(
                    "End by asking exactly: {:?}\n",
                    req.consent_question
                ));
            } else {
                s.push_str("Find out what the caller needs; do not offer to schedule yet.\n");
            }
        }
        ResponderTask::Interrupt { .. } => s.push_str(
            "Answer the caller's question briefly; the booking resumes after your answer.\n",
        ),
    }
    s
}

#[async_trait]
impl Speaker for OpenAiCompatible {
    async fn reply(&self, req: &ResponderRequest) -> Result<SpeakerReply, String> {
        let mut messages = vec![json!({"role": "system", "content": system_prompt(req)})];
        for (speaker, text) in &req.history {
            let role = if speaker == "agent" {
                "assistant"
            } else {
                "user"
            };
            messages.push(json!({"role": role, "content": text}));
        }
        if req
            .history
            .last()
            .is_none_or(|(_, t)| t != &req.caller_text)
        {
            messages.push(json!({"role": "user", "content": req.caller_text}));
        }
        let content = self.chat(messages).await?;
        serde_json::from_str::<SpeakerReply>(&content)
            .map_err(|e| format!("speaker content is not the structured reply: {e}"))
    }
}

impl OpenAiCompatible {
    /// One chat completion in JSON mode; the message content.
    async fn chat(&self, messages: Vec<serde_json::Value>) -> Result<String, String> {
        let body = json!({
            "model": self.model,
            "messages": messages,
            "temperature": 0.2,
            "response_format": {"type": "json_object"},
        });
        let mut call = self
            .client
            .post(format!("{}/chat/completions", self.base_url))
            .json(&body);
        if let Some(key) = &self.api_key {
            call = call.bearer_auth(key);
        }
        let resp = call
            .send()
            .await
            .map_err(|e| format!("LLM request failed: {e}"))?;
        let status = resp.status();
        if !status.is_success() {
            return Err(format!("LLM answered HTTP {status}"));
        }
        let v: serde_json::Value = resp
            .json()
            .await
            .map_err(|e| format!("LLM sent malformed JSON: {e}"))?;
        v["choices"][0]["message"]["content"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| "LLM response has no choices[0].message.content".to_owned())
    }
}

#[async_trait]
impl SecondOpinion for OpenAiCompatible {
    async fn review(&self, state: &str, text: &str) -> Result<Option<String>, String> {
        let system = format!(
            "You review one message from a customer of a service business for a human operator. \
             The relationship is in the state {state:?}. Say whether a person at the business should \
             look at it now (an unhappy customer, a cancellation, a dispute, a safety or legal matter, \
             a question only a person can answer). Reply with a JSON object: \
             {{\"escalate\": boolean, \"reason\": string}}."
        );
        let content = self
            .chat(vec![
                json!({"role": "system", "content": system}),
                json!({"role": "user", "content": text}),
            ])
            .await?;
        let r: Review = serde_json::from_str(&content)
            .map_err(|e| format!("second opinion is not {{escalate, reason}}: {e}"))?;
        Ok(r.escalate.then(|| {
            if r.reason.trim().is_empty() {
                "the LLM second opinion asked for a person".to_owned()
            } else {
                r.reason.chars().take(500).collect()
            }
        }))
    }
}
