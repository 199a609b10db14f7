//! The background workers of `aisha serve`: the Hands-Off scheduler (claims due relationships
//! of every company) and the outbox sender (claims pending deliveries and sends them on their
//! channel with retries and backoff). Both claim with leases, so several processes can share
//! one PostgreSQL database and a crashed process's work is taken over when its lease ends.

use std::time::Duration;

use aisha_core::Company;
use hmac::{Hmac, Mac};
use jiff::{SignedDuration, Timestamp};
use sha2::Sha256;

use crate::service::{Service, ServiceResult};
use crate::store::{Delivery, DeliveryChannel};

/// How long one send may take.
const SEND_TIMEOUT: Duration = Duration::from_secs(15);

/// Attempts before a delivery is marked failed for good (it stays visible in the outbox).
pub const MAX_ATTEMPTS: i64 = 8;

/// How a send went wrong.
#[derive(Debug)]
pub struct SendError {
    pub message: String,
    /// Worth another try later (network, 5xx, 429); otherwise the request itself is wrong.
    pub retryable: bool,
}

impl SendError {
    fn retry(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            retryable: true,
        }
    }
    fn permanent(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            retryable: false,
        }
    }
}

/// The delivery channels: the console (no account needed), Twilio's Messages API, and the
/// signed webhook to the company's system of record.
#[derive(Clone)]
pub struct Channels {
    http: reqwest::Client,
    /// `https://api.twilio.com` in production; a local server in tests.
    pub twilio_api_base: String,
    smtp: Option<Smtp>,
    /// Tenant webhooks may reach private addresses (`--allow-private-webhooks`).
    allow_private_webhooks: bool,
}

#[derive(Clone)]
struct Smtp {
    transport: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    from: lettre::message::Mailbox,
}

impl Channels {
    pub fn new(twilio_api_base: &str) -> Self {
        Self {
            http: reqwest::Client::builder()
                .timeout(SEND_TIMEOUT)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("HTTP client builds"),
            twilio_api_base: twilio_api_base.trim_end_matches('/').to_owned(),
            smtp: None,
            allow_private_webhooks: false,
        }
    }

    /// Let tenant webhooks be http and reach loopback and private addresses (development).
    pub fn allow_private_webhooks(mut self, allow: bool) -> Self {
        self.allow_private_webhooks = allow;
        self
    }

    /// Email through an SMTP relay: `smtp://host:port` (plain), `smtp://user:pass@host?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host` (TLS), sent from `from`.
    pub fn with_smtp(mut self, url: &str, from: &str) -> Result<Self, String> {
        let transport = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(url)
            .map_err(|e| format!("--smtp-url: {e}"))?
            .timeout(Some(Duration::from_secs(15)))
            .build();
        let from = from
            .parse()
            .map_err(|e| format!("--smtp-from {from:?}: {e}"))?;
        self.smtp = Some(Smtp { transport, from });
        Ok(self)
    }

    /// Send one delivery; `Ok` carries the provider's id for it when there is one (Twilio's
    /// message SID, the email's Message-ID), kept on the outbox row for the operator.
    pub async fn send(&self, company: &Company, d: &Delivery) -> Result<Option<String>, SendError> {
        match d.channel {
            DeliveryChannel::Console => {
                tracing::info!(company = %d.company_id, to = %d.destination, payload = %d.payload, "console delivery");
                Ok(None)
            }
            DeliveryChannel::TwilioSms => self.twilio_sms(company, d).await,
            DeliveryChannel::Webhook => self.webhook(company, d).await.map(|()| None),
            DeliveryChannel::Smtp => self.email(company, d).await.map(Some),
        }
    }

    async fn twilio_sms(
        &self,
        company: &Company,
        d: &Delivery,
    ) -> Result<Option<String>, SendError> {
        let Some(t) = &company.twilio else {
            return Err(SendError::permanent(
                "the company has no Twilio configuration",
            ));
        };
        let Some(from) = &t.from_number else {
            return Err(SendError::permanent("twilio.fromNumber is not configured"));
        };
        let body = d.payload.get("text").and_then(|v| v.as_str()).unwrap_or("");
        let url = format!(
            "{}/2010-04-01/Accounts/{}/Messages.json",
            self.twilio_api_base,
            t.account_sid.as_str()
        );
        let Some(token) = &t.auth_token else {
            return Err(SendError::permanent("twilio.authToken is not configured"));
        };
        // A delivery claimed before may have reached Twilio from a worker that died before it
        // could mark it sent, and the Messages API does not drop a repeat: ask Twilio first.
        if d.attempts > 1 {
            if let Some(sid) = self
                .twilio_already_sent(&url, t, token, from, body, d)
                .await?
            {
                tracing::info!(id = d.id, sid = %sid, "text already with Twilio from an earlier attempt; not sent again");
                return Ok(Some(sid));
            }
        }
        let resp = self
            .http
            .post(&url)
            .basic_auth(t.account_sid.as_str(), Some(token.expose()))
            .header("I-Twilio-Idempotency-Token", &d.idempotency_key)
            .form(&[
                ("To", d.destination.as_str()),
                ("From", from.as_str()),
                ("Body", body),
            ])
            .send()
            .await
            .map_err(|e| SendError::retry(format!("Twilio unreachable: {e}")))?;
        let status = resp.status();
        let text = resp.text().await.unwrap_or_default();
        let sid = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v["sid"].as_str().map(str::to_owned));
        classify(status, "Twilio", text)?;
        Ok(sid)
    }

    /// The SID of a text Twilio already took for this delivery: one to the same number, from
    /// the same number, with the same body, created since the delivery was queued (Twilio lists
    /// the newest first). An error is retryable: sending blind could send twice.
    async fn twilio_already_sent(
        &self,
        url: &str,
        t: &aisha_core::company::TwilioSettings,
        token: &aisha_core::settings::TwilioAuthToken,
        from: &aisha_core::settings::E164,
        body: &str,
        d: &Delivery,
    ) -> Result<Option<String>, SendError> {
        let queued: Timestamp = d.created_at.parse().map_err(|e| {
            SendError::permanent(format!("delivery {} has no creation time: {e}", d.id))
        })?;
        // A minute's grace for the two clocks.
        let since = queued
            .checked_sub(SignedDuration::from_secs(60))
            .unwrap_or(queued);
        let resp = self
            .http
            .get(url)
            .basic_auth(t.account_sid.as_str(), Some(token.expose()))
            .query(&[
                ("To", d.destination.as_str()),
                ("From", from.as_str()),
                ("PageSize", "50"),
            ])
            .send()
            .await
            .map_err(|e| SendError::retry(format!("Twilio unreachable: {e}")))?;
        let status = resp.status();
        let text = resp.text().await.unwrap_or_default();
        if !status.is_success() {
            let snippet: String = text.chars().take(200).collect();
            return Err(SendError::retry(format!(
                "Twilio's message list answered {status}: {snippet}"
            )));
        }
        let page: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| SendError::retry(format!("Twilio's message list is not JSON: {e}")))?;
        let found = page["messages"].as_array().into_iter().flatten().find(|m| {
            let created = m["date_created"]
                .as_str()
                .and_then(|c| jiff::fmt::rfc2822::parse(c).ok())
                .map(|z| z.timestamp());
            // The filters are Twilio's; the fields are checked here again all the same.
            m["to"].as_str() == Some(d.destination.as_str())
                && m["from"].as_str() == Some(from.as_str())
                && m["body"].as_str() == Some(body)
                && created.is_some_and(|c| c >= since)
        });
        Ok(found.and_then(|m| m["sid"].as_str().map(str::to_owned)))
    }

    async fn email(&self, company: &Company, d: &Delivery) -> Result<String, SendError> {
        use lettre::AsyncTransport;
        let Some(smtp) = &self.smtp else {
            return Err(SendError::retry("SMTP is not configured on this worker"));
        };
        let to: lettre::message::Mailbox = d
            .destination
            .parse()
            .map_err(|e| SendError::permanent(format!("bad address {:?}: {e}", d.destination)))?;
        let body = d.payload.get("text").and_then(|v| v.as_str()).unwrap_or("");
        let message_id = format!("<{}@aisha>", d.idempotency_key);
        let message = lettre::Message::builder()
            .from(smtp.from.clone())
            .to(to)
            .subject(format!("A message from {}", company.display_name()))
            // The idempotency key as Message-ID lets a receiving server drop a repeat.
            .message_id(Some(message_id.clone()))
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(body.to_owned())
            .map_err(|e| SendError::permanent(format!("cannot build the email: {e}")))?;
        match smtp.transport.send(message).await {
            Ok(_) => Ok(message_id),
            Err(e) if e.is_permanent() => Err(SendError::permanent(format!("SMTP refused: {e}"))),
            Err(e) => Err(SendError::retry(format!("SMTP failed: {e}"))),
        }
    }

    async fn webhook(&self, company: &Company, d: &Delivery) -> Result<(), SendError> {
        let Some(sor) = &company.system_of_record else {
            return Err(SendError::permanent(
                "the company has no systemOfRecord webhook",
            ));
        };
        let Some(secret) = &sor.signing_secret else {
            return Err(SendError::permanent(
                "systemOfRecord.signingSecret is not configured",
            ));
        };
        // The URL is checked again now, and the request pinned to the address checked.
        let url = aisha_core::company::WebhookUrl::parse(&d.destination)
            .map_err(|e| SendError::permanent(format!("webhook URL refused: {e}")))?;
        let http = crate::ssrf::client_for(&url, self.allow_private_webhooks, SEND_TIMEOUT)
            .await
            .map_err(|e| SendError {
                message: format!("webhook URL refused: {e}"),
                retryable: e.transient,
            })?;
        let body = d.payload.to_string();
        let timestamp = Timestamp::now().as_second().to_string();
        let resp = http
            .post(url.as_str())
            .header("content-type", "application/json")
            .header("Idempotency-Key", &d.idempotency_key)
            .header("X-AiSHA-Timestamp", &timestamp)
            .header(
                "X-AiSHA-Signature",
                format!(
                    "sha256={}",
                    sign_webhook(secret.expose(), &timestamp, &body)
                ),
            )
            .body(body)
            .send()
            .await
            .map_err(|e| SendError::retry(format!("system of record unreachable: {e}")))?;
        classify(
            resp.status(),
            "system of record",
            resp.text().await.unwrap_or_default(),
        )
    }
}

/// `hex(HMAC-SHA256(secret, timestamp + "." + body))`: the receiver recomputes it and rejects
/// stale timestamps to stop replays.
pub fn sign_webhook(secret: &str, timestamp: &str, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

fn classify(status: reqwest::StatusCode, who: &str, body: String) -> Result<(), SendError> {
    if status.is_success() {
        return Ok(());
    }
    let snippet: String = body.chars().take(200).collect();
    let message = format!("{who} answered {status}: {snippet}");
    if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
        Err(SendError::retry(message))
    } else {
        Err(SendError::permanent(message))
    }
}

/// Exponential backoff: 2, 4, 8 … seconds after each failed attempt, at most an hour.
pub fn backoff(attempts: i64) -> SignedDuration {
    SignedDuration::from_secs(2i64.saturating_pow(attempts.clamp(1, 12) as u32).min(3600))
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SendReport {
    pub sent: usize,
    pub retrying: usize,
    pub failed: usize,
    /// Claimed, but another worker took them over before they were sent (a lease ran out).
    pub skipped: usize,
}

/// One pass of the outbox sender: claim a batch, send each, record the outcome.
pub async fn send_due(
    service: &Service,
    channels: &Channels,
    worker: &str,
    now: Timestamp,
    batch: i64,
) -> ServiceResult<SendReport> {
    send_due_leased(
        service,
        channels,
        worker,
        now,
        SignedDuration::from_secs(60),
        batch,
    )
    .await
}

/// One pass with an explicit lease. Before each send, once a third of the lease has passed since
/// the claim (or the last renewal), the leases of what is left of the batch are renewed in one
/// statement, and deliveries another worker has claimed meanwhile are skipped instead of sent
/// twice: a batch may outlast its lease, a single send may not take two thirds of it (the
/// channels time out at 15 s; the default lease is 30 s). Each success
/// is marked sent at once, so a crash repeats at most the send in flight.
pub async fn send_due_leased(
    service: &Service,
    channels: &Channels,
    worker: &str,
    now: Timestamp,
    lease: SignedDuration,
    batch: i64,
) -> ServiceResult<SendReport> {
    let started = std::time::Instant::now();
    let claimed = service.claim_deliveries(worker, now, lease, batch).await?;
    let mut report = SendReport::default();
    // `now` is the caller's clock (virtual in tests); the time this pass has taken is added.
    let clock = || now + SignedDuration::try_from(started.elapsed()).unwrap_or(SignedDuration::MAX);
    let mut held_since = now;
    let mut lost: std::collections::HashSet<i64> = Default::default();
    for (i, d) in claimed.iter().enumerate() {
        let at = clock();
        if at.duration_since(held_since) >= lease / 3 {
            let rest: Vec<i64> = claimed[i..].iter().map(|d| d.id).collect();
            let held = service
                .renew_delivery_leases(&rest, worker, at, lease)
                .await?;
            lost.extend(rest.into_iter().filter(|id| !held.contains(id)));
            held_since = at;
        }
        if lost.contains(&d.id) {
            tracing::info!(id = d.id, "delivery taken over by another worker; skipped");
            report.skipped += 1;
            continue;
        }
        let result = match service.company(&d.company_id).await {
            Ok(company) => channels.send(&company, d).await,
            Err(e) => Err(SendError::permanent(format!("company unavailable: {e}"))),
        };
        match result {
            Ok(provider_id) => {
                // Should this fail, the lease lapses and the delivery is sent again under the
                // same idempotency key: at least once, never lost.
                service
                    .deliveries_sent(&[(d.id, provider_id)], worker, now)
                    .await?;
                metrics::counter!("aisha_deliveries_total", "channel" => d.channel.as_str(), "result" => "sent").increment(1);
                report.sent += 1;
            }
            Err(e) if e.retryable && d.attempts < MAX_ATTEMPTS => {
                let at = now + backoff(d.attempts);
                tracing::warn!(id = d.id, channel = %d.channel, attempt = d.attempts, error = %e.message, "delivery failed; retrying");
                service
                    .delivery_failed(d.id, worker, &e.message, Some(at))
                    .await?;
                metrics::counter!("aisha_deliveries_total", "channel" => d.channel.as_str(), "result" => "retry").increment(1);
                report.retrying += 1;
            }
            Err(e) => {
                tracing::error!(id = d.id, channel = %d.channel, error = %e.message, "delivery failed for good");
                service
                    .delivery_failed(d.id, worker, &e.message, None)
                    .await?;
                metrics::counter!("aisha_deliveries_total", "channel" => d.channel.as_str(), "result" => "failed").increment(1);
                report.failed += 1;
            }
        }
    }
    Ok(report)
}

pub struct WorkerConfig {
    /// This process's name in leases.
    pub worker: String,
    pub every: Duration,
    /// How long a claim lasts before another worker may take it over.
    pub lease: SignedDuration,
    pub batch: i64,
}

/// Run the scheduler and the outbox sender until the process ends. Each pass runs as a task
/// of its own: a panic in one (a bug) is logged and counted, and the next tick runs again,
/// so one company's bad decision never stops delivery for every company.
pub async fn run(service: Service, channels: Channels, cfg: WorkerConfig) {
    let channels = std::sync::Arc::new(channels);
    let cfg = std::sync::Arc::new(cfg);
    let mut tick = tokio::time::interval(cfg.every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let pass = tokio::spawn(scheduler_pass(service.clone(), cfg.clone())).await;
        survive("scheduler", pass);
        let pass = tokio::spawn(outbox_pass(service.clone(), channels.clone(), cfg.clone())).await;
        survive("outbox", pass);
    }
}

fn survive(pass: &'static str, result: Result<(), tokio::task::JoinError>) {
    if let Err(e) = result {
        metrics::counter!("aisha_worker_panics_total", "pass" => pass).increment(1);
        tracing::error!(pass, error = %e, "worker pass panicked; the next tick runs again");
    }
}

/// Drain the due relationships: keep claiming while a full batch came back.
async fn scheduler_pass(service: Service, cfg: std::sync::Arc<WorkerConfig>) {
    loop {
        match service
            .scheduler_tick(&cfg.worker, Timestamp::now(), cfg.lease, cfg.batch)
            .await
        {
            Ok(n) => {
                metrics::counter!("aisha_scheduler_decisions_total").increment(n as u64);
                if (n as i64) < cfg.batch {
                    break;
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "scheduler pass failed; retrying next tick");
                break;
            }
        }
    }
}

async fn outbox_pass(
    service: Service,
    channels: std::sync::Arc<Channels>,
    cfg: std::sync::Arc<WorkerConfig>,
) {
    loop {
        match send_due_leased(
            &service,
            &channels,
            &cfg.worker,
            Timestamp::now(),
            cfg.lease,
            cfg.batch,
        )
        .await
        {
            Ok(r) if (r.sent + r.retrying + r.failed + r.skipped) as i64 == cfg.batch => continue,
            Ok(_) => break,
            Err(e) => {
                tracing::warn!(error = %e, "outbox pass failed; retrying next tick");
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        assert_eq!(backoff(1).as_secs(), 2);
        assert_eq!(backoff(3).as_secs(), 8);
        assert_eq!(backoff(40).as_secs(), 3600);
    }

    #[test]
    fn webhook_signature_is_hmac_sha256_of_timestamp_dot_body() {
        let mut mac = Hmac::<Sha256>::new_from_slice(b"s3cret").unwrap();
        mac.update(b"1767225600.{\"event\":\"x\"}");
        let expected = hex::encode(mac.finalize().into_bytes());
        assert_eq!(
            sign_webhook("s3cret", "1767225600", r#"{"event":"x"}"#),
            expected
        );
        assert_ne!(
            sign_webhook("s3cret", "1767225601", r#"{"event":"x"}"#),
            expected
        );
    }
}
