//! The one service layer. The CLI, the conformance runner, the HTTP API, the Twilio webhooks,
//! the scheduler and the console all call these methods; none of them touches the store or the
//! domain directly.

use std::sync::Arc;

use aisha_core::care::{
    self, CareState, Channel, Controls, Customer, Effects, Event, OverrideRecord, Relationship,
};
use aisha_core::frontdesk::{self, TurnInput, TurnOutcome, TurnStep};
use aisha_core::session::Mode;
use aisha_core::signals::Signal;
use aisha_core::{Company, CompanyId, ConfigError, Session};
use jiff::Timestamp;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::llm::{SecondOpinion, Speaker};
use crate::store::{
    effects_audit, AuditEntry, AuditRecord, NewDelivery, RelationshipWrite, Saved, Store,
    StoreError, TurnWrite,
};

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("unknown company {0:?}")]
    UnknownCompany(String),
    #[error("unknown customer {0:?}")]
    UnknownCustomer(String),
    #[error("unknown escalation {0}")]
    UnknownEscalation(i64),
    #[error("invalid input: {0}")]
    Invalid(String),
    #[error("the relationship kept changing under this request; try again")]
    Contended,
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub type ServiceResult<T> = Result<T, ServiceError>;

/// Which delivery channels this deployment can use beyond the console.
#[derive(Debug, Clone, Default)]
pub struct ChannelConfig {
    /// Email goes through SMTP when configured, else to the console.
    pub smtp_enabled: bool,
}

#[derive(Clone)]
pub struct Service {
    store: Arc<dyn Store>,
    /// Company configurations read in the last [`COMPANY_TTL`]: a turn reads its company on
    /// every request, and parsing it each time is most of a turn's CPU. A change made by this
    /// process is seen at once; one made by another process within the TTL.
    companies: Arc<std::sync::RwLock<CompanyCache>>,
    speaker: Option<Arc<dyn Speaker>>,
    second_opinion: Option<Arc<dyn SecondOpinion>>,
    channels: ChannelConfig,
}

/// What a turn returns to its caller (HTTP, CLI, conformance, Twilio).
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TurnResult {
    #[serde(flatten)]
    pub outcome: TurnOutcome,
    pub active_slot: Option<String>,
    pub booking: aisha_core::session::Booking,
}

/// What an event did, or the first response again for a retried idempotent event.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventResult {
    pub duplicate: bool,
    pub state: String,
    pub effects: serde_json::Value,
}

/// A customer's relationship and everything recorded about it.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    pub relationship: Relationship,
    pub transitions: Vec<crate::store::TransitionRow>,
    pub actions: Vec<crate::store::ActionRow>,
    pub escalations: Vec<crate::store::EscalationRow>,
}

/// Company id → when it was read, and the configuration.
type CompanyCache = std::collections::HashMap<String, (std::time::Instant, Arc<Company>)>;

/// How long a company configuration read from the store is reused.
const COMPANY_TTL: std::time::Duration = std::time::Duration::from_secs(2);

/// Longest identifier (conversation, customer, idempotency key) accepted from outside.
const MAX_ID: usize = 128;
/// Optimistic-concurrency retries before a write gives up with [`ServiceError::Contended`].
const MAX_RETRIES: usize = 8;

pub fn check_id(kind: &str, id: &str) -> ServiceResult<()> {
    if id.is_empty() || id.len() > MAX_ID || id.chars().any(char::is_control) {
        return Err(ServiceError::Invalid(format!(
            "{kind} must be 1 to {MAX_ID} printable characters"
        )));
    }
    Ok(())
}

/// A human's change (an override, a switch) must say why: the reason goes to the audit log.
pub fn require_reason(reason: &str) -> ServiceResult<()> {
    if reason.trim().is_empty() {
        Err(ServiceError::Invalid(
            "reason: say why (it goes in the audit log)".into(),
        ))
    } else {
        Ok(())
    }
}

pub fn hash_key(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// A short key derived from what identifies a delivery (idempotency keys).
fn digest(parts: &[&str]) -> String {
    hex::encode(&crate::store::hash_parts(parts)[..16])
}

fn sor_delivery(
    company: &Company,
    event: &str,
    key: &str,
    data: serde_json::Value,
) -> Option<NewDelivery> {
    let sor = company.system_of_record.as_ref()?;
    Some(NewDelivery {
        customer_id: data
            .get("customerId")
            .and_then(|v| v.as_str())
            .map(str::to_owned),
        channel: "webhook".into(),
        destination: sor.webhook_url.clone(),
        payload: json!({"event": event, "companyId": company.company_id, "data": data}),
        idempotency_key: format!("{event}:{key}"),
    })
}

/// The outbox rows for one relationship decision: each delivered message on its channel, and
/// the system-of-record webhooks for transitions and escalations.
pub fn plan_deliveries(
    company: &Company,
    channels: &ChannelConfig,
    rel: &Relationship,
    fx: &Effects,
) -> Vec<NewDelivery> {
    let cid = company.company_id.as_str();
    let customer = rel.customer.id.as_str();
    let mut out = Vec::new();
    for (i, a) in fx.actions.iter().enumerate().filter(|(_, a)| a.delivered) {
        let (channel, destination) = match a.channel {
            Some(Channel::Sms)
                if company
                    .twilio
                    .as_ref()
                    .is_some_and(|t| t.from_number.is_some()) =>
            {
                ("twilio_sms", rel.customer.phone.clone())
            }
            Some(Channel::Email) if channels.smtp_enabled => ("smtp", rel.customer.email.clone()),
            Some(Channel::Sms | Channel::Voice) => ("console", rel.customer.phone.clone()),
            Some(Channel::Email) => ("console", rel.customer.email.clone()),
            _ => ("console", None),
        };
        out.push(NewDelivery {
            customer_id: Some(customer.to_owned()),
            channel: channel.into(),
            destination: destination.unwrap_or_else(|| format!("customer:{customer}")),
            payload: json!({
                "customerId": customer,
                "channel": a.channel,
                "kind": a.kind,
                "actionOrigin": a.action_origin,
                "text": a.text,
            }),
            idempotency_key: format!(
                "msg:{}",
                digest(&[
                    cid,
                    customer,
                    &a.at.to_string(),
                    a.kind.as_str(),
                    &i.to_string()
                ])
            ),
        });
    }
    for (i, t) in fx.transitions.iter().enumerate() {
        let key = digest(&[
            cid,
            customer,
            &t.at.to_string(),
            &i.to_string(),
            t.to.as_str(),
        ]);
        out.extend(sor_delivery(
            company,
            "state.changed",
            &key,
            json!({"customerId": customer, "from": t.from, "to": t.to, "rule": t.rule, "explanation": t.explanation, "at": t.at}),
        ));
    }
    for (i, e) in fx.escalations.iter().enumerate() {
        let key = digest(&[cid, customer, &e.at.to_string(), &i.to_string(), &e.trigger]);
        out.extend(sor_delivery(
            company,
            "escalation.opened",
            &key,
            json!({"customerId": customer, "trigger": e.trigger, "reason": e.reason, "evidence": e.evidence, "at": e.at}),
        ));
    }
    out
}

fn audit(kind: &str, subject: String, payload: serde_json::Value) -> AuditEntry {
    AuditEntry {
        kind: kind.into(),
        subject,
        payload,
    }
}

impl Service {
    pub fn new(store: Arc<dyn Store>, speaker: Option<Arc<dyn Speaker>>) -> Self {
        Self {
            store,
            companies: Default::default(),
            speaker,
            second_opinion: None,
            channels: ChannelConfig::default(),
        }
    }

    /// Ask an LLM about every inbound message the detector did not escalate; it may add an
    /// escalation, never remove one.
    pub fn with_second_opinion(mut self, reviewer: Arc<dyn SecondOpinion>) -> Self {
        self.second_opinion = Some(reviewer);
        self
    }

    pub fn with_channels(mut self, channels: ChannelConfig) -> Self {
        self.channels = channels;
        self
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// Create or update a company from its JSON. Returns the API key when it was created.
    pub async fn put_company_json(
        &self,
        raw: &str,
        now: Timestamp,
    ) -> ServiceResult<(Company, Option<String>)> {
        let loaded = Company::from_json(raw)?;
        for field in &loaded.ignored_fields {
            tracing::warn!(company = %loaded.company.company_id, field, "company configuration field is not used");
        }
        self.put_company(loaded.company, now).await
    }

    pub async fn put_company(
        &self,
        company: Company,
        now: Timestamp,
    ) -> ServiceResult<(Company, Option<String>)> {
        let company = company.validated()?;
        let key = format!("ak_{}", uuid::Uuid::new_v4().simple());
        let created = self
            .store
            .put_company(&company, Some(&hash_key(&key)), now)
            .await?;
        self.companies
            .write()
            .expect("company cache lock")
            .remove(company.company_id.as_str());
        Ok((company, created.then_some(key)))
    }

    pub async fn company(&self, id: &str) -> ServiceResult<Company> {
        if let Some((read_at, c)) = self.companies.read().expect("company cache lock").get(id) {
            if read_at.elapsed() < COMPANY_TTL {
                return Ok(Company::clone(c));
            }
        }
        let cid = CompanyId::parse(id).map_err(|_| ServiceError::UnknownCompany(id.to_owned()))?;
        let company = self
            .store
            .company(&cid)
            .await?
            .ok_or_else(|| ServiceError::UnknownCompany(id.to_owned()))?;
        self.companies.write().expect("company cache lock").insert(
            id.to_owned(),
            (std::time::Instant::now(), Arc::new(company.clone())),
        );
        Ok(company)
    }

    /// One caller turn of a conversation; the session survives restarts in the store. A turn
    /// that completes a booking hands it to the system of record and commits the caller's
    /// relationship.
    pub async fn turn(
        &self,
        company_id: &str,
        conversation_id: &str,
        text: &str,
        caller_id: Option<&str>,
        now: Timestamp,
    ) -> ServiceResult<TurnResult> {
        check_id("conversationId", conversation_id)?;
        let company = self.company(company_id).await?;
        let mut session = self
            .store
            .session(&company.company_id, conversation_id)
            .await?
            .unwrap_or_else(Session::new);
        let was_complete = session.mode == Mode::Complete;
        let outcome = match frontdesk::begin_turn(
            &company,
            &mut session,
            TurnInput {
                text,
                caller_id,
                now,
            },
        ) {
            TurnStep::Done(o) => o,
            TurnStep::NeedsResponder(turn) => {
                let reply = match &self.speaker {
                    Some(s) => Some(s.reply(&turn.request).await),
                    None => None,
                };
                if let Some(Err(e)) = &reply {
                    tracing::warn!(error = %e, "speaker failed; embedded responder answers");
                }
                frontdesk::finish_turn(&company, &mut session, *turn, reply)
            }
        };
        let subject = format!("conversation:{conversation_id}");
        let mut entries = Vec::new();
        let mut deliveries = Vec::new();
        if outcome.escalated() {
            entries.push(audit(
                "escalation",
                subject.clone(),
                json!({"source": "front_desk", "evidence": outcome.escalation, "text": text}),
            ));
            deliveries.extend(sor_delivery(
                &company,
                "escalation.opened",
                &digest(&[company_id, conversation_id, &session.turn.to_string()]),
                json!({"conversationId": conversation_id, "callerId": session.caller_id, "trigger": outcome.escalation.first().map(|d| d.signal.as_str()), "evidence": outcome.escalation, "at": now}),
            ));
        }
        let completed_now = !was_complete && session.mode == Mode::Complete;
        if completed_now {
            entries.push(audit(
                "booking.completed",
                subject.clone(),
                json!({"booking": session.booking}),
            ));
            deliveries.extend(sor_delivery(
                &company,
                "booking.completed",
                &digest(&[company_id, conversation_id]),
                json!({"conversationId": conversation_id, "callerId": session.caller_id, "booking": session.booking, "at": now}),
            ));
        }
        self.store
            .save_turn(TurnWrite {
                company: &company.company_id,
                conversation: conversation_id,
                session: &session,
                outcome: &outcome,
                deliveries: &deliveries,
                audit: &entries,
                now,
            })
            .await?;
        if completed_now {
            self.commit_booking(&company, &session, now).await?;
        }
        Ok(TurnResult {
            active_slot: session.booking.active_slot.clone(),
            booking: session.booking.clone(),
            outcome,
        })
    }

    /// The booked caller's relationship moves to Committed (created if new, keyed by phone).
    async fn commit_booking(
        &self,
        company: &Company,
        session: &Session,
        now: Timestamp,
    ) -> ServiceResult<()> {
        let slots = &session.booking.slots;
        let phone = slots.phone.clone().or_else(|| session.caller_id.clone());
        let Some(phone) = phone else {
            return Ok(()); // nobody to follow up with
        };
        let customer = Customer {
            first_name: slots.name.first.clone(),
            last_name: slots.name.last.clone(),
            phone: Some(phone),
            ..Customer::default()
        };
        let customer_id = self
            .customer_for_phone(company, customer, CareState::Engaged, now)
            .await?;
        let cid = company.company_id.as_str();
        let what = [
            slots.address.full.as_deref(),
            slots.time.preference.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        self.apply_event(
            cid,
            &customer_id,
            &Event::BookingCompleted { summary: what },
            now,
        )
        .await?;
        Ok(())
    }

    /// The customer with `template.phone`, or a new one from `template` (id `phone-<digits>`,
    /// in `state`) when no customer has that number.
    async fn customer_for_phone(
        &self,
        company: &Company,
        mut template: Customer,
        state: CareState,
        now: Timestamp,
    ) -> ServiceResult<String> {
        let phone = template.phone.clone().unwrap_or_default();
        if let Some(id) = self
            .store
            .customer_by_phone(&company.company_id, &phone)
            .await?
        {
            return Ok(id);
        }
        let digits = crate::store::phone_digits(Some(&phone)).unwrap_or_default();
        template.id = format!("phone-{digits}");
        let id = template.id.clone();
        self.upsert_customer(company.company_id.as_str(), template, state, now)
            .await?;
        Ok(id)
    }

    /// A text message from a phone: C.A.R.E. hears it (opt-out and HELP included) and the
    /// front desk answers it. Returns the reply to send back, or `None` when the message was
    /// STOP or HELP (the carrier confirms STOP; HELP is answered through the outbox).
    pub async fn inbound_sms(
        &self,
        company_id: &str,
        from: &str,
        text: &str,
        now: Timestamp,
    ) -> ServiceResult<Option<String>> {
        let company = self.company(company_id).await?;
        let Some(digits) = crate::store::phone_digits(Some(from)) else {
            return Err(ServiceError::Invalid("From: not a phone number".into()));
        };
        let customer = Customer {
            phone: Some(from.to_owned()),
            ..Customer::default()
        };
        let customer_id = self
            .customer_for_phone(&company, customer, CareState::Unaware, now)
            .await?;
        let fx = self
            .apply_event(
                company_id,
                &customer_id,
                &Event::InboundMessage {
                    channel: Some(Channel::Sms),
                    text: text.to_owned(),
                },
                now,
            )
            .await?;
        if fx.signals.has(Signal::OptOut) || fx.signals.has(Signal::Help) {
            return Ok(None);
        }
        let r = self
            .turn(company_id, &format!("sms-{digits}"), text, Some(from), now)
            .await?;
        Ok(Some(r.outcome.reply))
    }

    pub async fn session(
        &self,
        company_id: &str,
        conversation_id: &str,
    ) -> ServiceResult<Option<Session>> {
        let company = self.company(company_id).await?;
        Ok(self
            .store
            .session(&company.company_id, conversation_id)
            .await?)
    }

    /// Create the relationship if it does not exist (Hands-Off Mode on, as the contract says).
    pub async fn upsert_customer(
        &self,
        company_id: &str,
        customer: Customer,
        state: CareState,
        now: Timestamp,
    ) -> ServiceResult<Relationship> {
        check_id("customer id", &customer.id)?;
        if let Some(tz) = &customer.timezone {
            jiff::tz::TimeZone::get(tz).map_err(|_| {
                ServiceError::Invalid(format!("timezone: unknown time zone {tz:?}"))
            })?;
        }
        let company = self.company(company_id).await?;
        for _ in 0..MAX_RETRIES {
            if let Some((r, _)) = self
                .store
                .relationship(&company.company_id, &customer.id)
                .await?
            {
                return Ok(r);
            }
            let rel = Relationship::new(customer.clone(), state, now);
            let due = care::next_due(&rel, &company);
            let entries = [audit(
                "customer.created",
                format!("customer:{}", customer.id),
                json!({"customer": customer, "state": state.as_str()}),
            )];
            let saved = self
                .store
                .save_relationship(RelationshipWrite {
                    company: &company.company_id,
                    rel: &rel,
                    expected_version: None,
                    effects: &Effects::default(),
                    next_due: due,
                    controls: None,
                    deliveries: &[],
                    audit: &entries,
                    idempotency: None,
                    now,
                })
                .await?;
            if saved == Saved::Applied {
                return Ok(rel);
            }
        }
        Err(ServiceError::Contended)
    }

    pub async fn relationship(
        &self,
        company_id: &str,
        customer_id: &str,
    ) -> ServiceResult<Relationship> {
        let company = self.company(company_id).await?;
        self.store
            .relationship(&company.company_id, customer_id)
            .await?
            .map(|(r, _)| r)
            .ok_or_else(|| ServiceError::UnknownCustomer(customer_id.to_owned()))
    }

    pub async fn timeline(&self, company_id: &str, customer_id: &str) -> ServiceResult<Timeline> {
        let company = self.company(company_id).await?;
        let cid = &company.company_id;
        let relationship = self.relationship(company_id, customer_id).await?;
        let escalations = self
            .store
            .escalations(cid, false)
            .await?
            .into_iter()
            .filter(|e| e.customer_id.as_deref() == Some(customer_id))
            .collect();
        Ok(Timeline {
            relationship,
            transitions: self.store.transitions(cid, customer_id).await?,
            actions: self.store.actions(cid, customer_id).await?,
            escalations,
        })
    }

    /// The switches in force for a company: its own, with the global kill switch folded in.
    pub async fn controls(&self, company_id: &str) -> ServiceResult<Controls> {
        let company = self.company(company_id).await?;
        self.effective_controls(&company.company_id).await
    }

    async fn effective_controls(&self, cid: &CompanyId) -> ServiceResult<Controls> {
        let own = self.store.controls(cid).await?;
        self.with_global(own).await
    }

    /// A company's own switches with the global kill switch folded in.
    async fn with_global(&self, mut own: Controls) -> ServiceResult<Controls> {
        own.kill_switch |= self.store.global_kill_switch().await?;
        Ok(own)
    }

    /// The company's own switches after a decision changed the effective ones.
    fn own_controls_after(own: Controls, effective: Controls, after: Controls) -> Option<Controls> {
        let next = Controls {
            kill_switch: if after.kill_switch != effective.kill_switch {
                after.kill_switch
            } else {
                own.kill_switch
            },
            shadow_mode: after.shadow_mode,
        };
        (next != own).then_some(next)
    }

    /// Set the company's kill switch and shadow mode; who and why go to the audit log.
    pub async fn set_controls(
        &self,
        company_id: &str,
        kill_switch: Option<bool>,
        shadow_mode: Option<bool>,
        by: &str,
        reason: &str,
        now: Timestamp,
    ) -> ServiceResult<Controls> {
        let company = self.company(company_id).await?;
        let cid = &company.company_id;
        require_reason(reason)?;
        let mut c = self.store.controls(cid).await?;
        let mut entries = Vec::new();
        for (what, value, slot) in [
            ("kill switch", kill_switch, &mut c.kill_switch),
            ("shadow mode", shadow_mode, &mut c.shadow_mode),
        ] {
            if let Some(v) = value {
                *slot = v;
                entries.push(audit(
                    "override",
                    format!("company:{}", cid.as_str()),
                    serde_json::to_value(OverrideRecord {
                        at: now,
                        what: format!("{what} {}", if v { "on" } else { "off" }),
                        by: by.to_owned(),
                        reason: reason.to_owned(),
                    })
                    .expect("serializes"),
                ));
            }
        }
        self.store.set_controls(cid, c, &entries, now).await?;
        self.effective_controls(cid).await
    }

    /// The global kill switch: no autonomous action for any company while it is on.
    pub async fn set_global_kill_switch(&self, on: bool) -> ServiceResult<()> {
        Ok(self.store.set_global_kill_switch(on).await?)
    }

    /// Apply an event to a customer's relationship at `now`, then run any Hands-Off work due
    /// at that instant. With an idempotency key, a retry returns the first response.
    pub async fn apply_event(
        &self,
        company_id: &str,
        customer_id: &str,
        event: &Event,
        now: Timestamp,
    ) -> ServiceResult<Effects> {
        Ok(self
            .apply_event_once(company_id, customer_id, event, None, now)
            .await?
            .1)
    }

    pub async fn apply_event_once(
        &self,
        company_id: &str,
        customer_id: &str,
        event: &Event,
        idempotency_key: Option<&str>,
        now: Timestamp,
    ) -> ServiceResult<(EventResult, Effects)> {
        let company = self.company(company_id).await?;
        let cid = &company.company_id;
        if let Some(key) = idempotency_key {
            check_id("Idempotency-Key", key)?;
            if let Some(first) = self.store.processed_event(cid, key).await? {
                return Ok((duplicate(first), Effects::default()));
            }
        }
        // Asked at most once per event, whatever the retries.
        let mut second_opinion: Option<Option<String>> = None;
        for _ in 0..MAX_RETRIES {
            let (mut rel, version) = self
                .store
                .relationship(cid, customer_id)
                .await?
                .ok_or_else(|| ServiceError::UnknownCustomer(customer_id.to_owned()))?;
            let own = self.store.controls(cid).await?;
            let effective = self.with_global(own).await?;
            let mut controls = effective;
            let mut fx = care::apply_event(
                &mut rel,
                &mut care::Ctx {
                    company: &company,
                    controls: &mut controls,
                    now,
                },
                event,
            );
            if let (Event::InboundMessage { text, .. }, Some(reviewer)) =
                (event, &self.second_opinion)
            {
                if fx.escalations.is_empty() {
                    if second_opinion.is_none() {
                        second_opinion = Some(
                            match reviewer.review(rel.state.as_str(), text).await {
                                Ok(r) => r,
                                Err(e) => {
                                    tracing::warn!(error = %e, "second opinion unavailable; the detector's verdict stands");
                                    None
                                }
                            },
                        );
                    }
                    if let Some(Some(reason)) = &second_opinion {
                        fx.escalations.push(care::EscalationRecord {
                            at: now,
                            trigger: "llm_second_opinion".into(),
                            reason: reason.clone(),
                            evidence: Vec::new(),
                            state: rel.state,
                        });
                    }
                }
            }
            let due = care::next_due(&rel, &company);
            let deliveries = plan_deliveries(&company, &self.channels, &rel, &fx);
            let mut entries = vec![audit(
                "event",
                format!("customer:{customer_id}"),
                json!({"event": event, "idempotencyKey": idempotency_key}),
            )];
            entries.extend(effects_audit(customer_id, &fx));
            let result = EventResult {
                duplicate: false,
                state: rel.state.as_str().to_owned(),
                effects: serde_json::to_value(&fx).expect("effects serialize"),
            };
            let response = serde_json::to_value(&result).expect("serializes");
            let saved = self
                .store
                .save_relationship(RelationshipWrite {
                    company: cid,
                    rel: &rel,
                    expected_version: Some(version),
                    effects: &fx,
                    next_due: due,
                    controls: Self::own_controls_after(own, effective, controls),
                    deliveries: &deliveries,
                    audit: &entries,
                    idempotency: idempotency_key.map(|k| (k, &response)),
                    now,
                })
                .await?;
            if saved == Saved::Conflict {
                if let Some(key) = idempotency_key {
                    if let Some(first) = self.store.processed_event(cid, key).await? {
                        return Ok((duplicate(first), Effects::default()));
                    }
                }
                continue;
            }
            let mut all = fx;
            all.extend(self.run_due(company_id, now).await?);
            return Ok((result, all));
        }
        Err(ServiceError::Contended)
    }

    /// Plan one due relationship's Hands-Off run at its due instant (read and decide; nothing
    /// is written). `None`: the relationship is gone.
    async fn plan_due(
        &self,
        company: &Company,
        mut controls: Controls,
        customer_id: &str,
        due_ms: i64,
    ) -> ServiceResult<Option<PlannedRun>> {
        let cid = &company.company_id;
        let Some((mut rel, version)) = self.store.relationship(cid, customer_id).await? else {
            return Ok(None);
        };
        let at = Timestamp::from_millisecond(due_ms)
            .map_err(|e| ServiceError::Invalid(e.to_string()))?;
        let fx = care::run_due(
            &mut rel,
            &mut care::Ctx {
                company,
                controls: &mut controls,
                now: at,
            },
        );
        let mut next = care::next_due(&rel, company);
        if next.is_some_and(|n| n <= at) {
            tracing::error!(customer = %rel.customer.id, "planner scheduled work in the past; pushing it a minute");
            next = Some(at + jiff::SignedDuration::from_secs(60));
        }
        let deliveries = plan_deliveries(company, &self.channels, &rel, &fx);
        let audit = effects_audit(customer_id, &fx);
        Ok(Some(PlannedRun {
            company: cid.clone(),
            rel,
            version,
            fx,
            next,
            deliveries,
            audit,
            at,
        }))
    }

    /// Decide one due relationship at its due instant. Returns `None` when another writer got
    /// there first (nothing was written).
    pub async fn decide_due(
        &self,
        company: &Company,
        customer_id: &str,
        due_ms: i64,
    ) -> ServiceResult<Option<Effects>> {
        let controls = self.effective_controls(&company.company_id).await?;
        let Some(p) = self
            .plan_due(company, controls, customer_id, due_ms)
            .await?
        else {
            return Ok(None);
        };
        let saved = self.store.save_relationship(p.write()).await?;
        Ok((saved == Saved::Applied).then_some(p.fx))
    }

    /// Hands-Off Mode for one company: run everything due at or before `until`, in time order,
    /// each at its own due instant (the conformance runner's virtual clock).
    pub async fn run_due(&self, company_id: &str, until: Timestamp) -> ServiceResult<Effects> {
        let company = self.company(company_id).await?;
        let mut all = Effects::default();
        // A relationship is never due twice at the same instant (every run moves its
        // last activity), so this loop ends; the cap is a guard against a planner bug.
        for _ in 0..100_000 {
            let Some(due) = self
                .store
                .next_due(&company.company_id, until.as_millisecond())
                .await?
            else {
                break;
            };
            if let Some(fx) = self
                .decide_due(&company, &due.customer_id, due.due_ms)
                .await?
            {
                all.extend(fx);
            }
        }
        Ok(all)
    }

    /// The scheduler's step for every company: claim a batch of due relationships (leased to
    /// `worker`), decide each. Returns how many were decided.
    pub async fn scheduler_tick(
        &self,
        worker: &str,
        now: Timestamp,
        lease: jiff::SignedDuration,
        batch: i64,
    ) -> ServiceResult<usize> {
        let claimed = self
            .store
            .claim_due(
                worker,
                now.as_millisecond(),
                (now + lease).as_millisecond(),
                batch,
            )
            .await?;
        // Decide the whole claimed batch, then save it in one transaction: one commit for the
        // batch instead of one per relationship.
        // Each company (with its switches) is read once per batch.
        let mut companies: std::collections::HashMap<String, (Company, Controls)> =
            Default::default();
        let mut planned = Vec::with_capacity(claimed.len());
        for due in claimed {
            if !companies.contains_key(&due.company_id) {
                let read = match self.company(&due.company_id).await {
                    Ok(c) => self
                        .effective_controls(&c.company_id)
                        .await
                        .map(|controls| (c, controls)),
                    Err(e) => Err(e),
                };
                match read {
                    Ok(entry) => {
                        companies.insert(due.company_id.clone(), entry);
                    }
                    Err(e) => {
                        tracing::warn!(company = %due.company_id, error = %e, "due relationship of an unreadable company");
                        continue;
                    }
                }
            }
            let (company, controls) = &companies[&due.company_id];
            match self
                .plan_due(company, *controls, &due.customer_id, due.due_ms)
                .await
            {
                Ok(Some(p)) => planned.push(p),
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(company = %due.company_id, customer = %due.customer_id, error = %e, "hands-off decision failed; the lease will expire and it is retried");
                }
            }
        }
        if planned.is_empty() {
            return Ok(0);
        }
        let writes: Vec<RelationshipWrite<'_>> = planned.iter().map(PlannedRun::write).collect();
        let saved = self.store.save_relationships(&writes).await?;
        Ok(saved.iter().filter(|s| **s == Saved::Applied).count())
    }

    pub async fn escalations(
        &self,
        company_id: &str,
        open_only: bool,
    ) -> ServiceResult<Vec<crate::store::EscalationRow>> {
        let company = self.company(company_id).await?;
        Ok(self
            .store
            .escalations(&company.company_id, open_only)
            .await?)
    }

    pub async fn resolve_escalation(
        &self,
        company_id: &str,
        id: i64,
        by: &str,
        note: &str,
        now: Timestamp,
    ) -> ServiceResult<()> {
        let company = self.company(company_id).await?;
        if note.trim().is_empty() {
            return Err(ServiceError::Invalid(
                "note: say how it was resolved".into(),
            ));
        }
        let entries = [audit(
            "escalation.resolved",
            format!("escalation:{id}"),
            json!({"by": by, "note": note}),
        )];
        if self
            .store
            .resolve_escalation(&company.company_id, id, by, note, &entries, now)
            .await?
        {
            Ok(())
        } else {
            Err(ServiceError::UnknownEscalation(id))
        }
    }

    pub async fn customers(
        &self,
        company_id: &str,
    ) -> ServiceResult<Vec<crate::store::CustomerRow>> {
        let company = self.company(company_id).await?;
        Ok(self.store.customers(&company.company_id).await?)
    }

    pub async fn deliveries(
        &self,
        company_id: &str,
        limit: i64,
    ) -> ServiceResult<Vec<crate::store::Delivery>> {
        let company = self.company(company_id).await?;
        Ok(self.store.deliveries(&company.company_id, limit).await?)
    }

    pub async fn audit_log(
        &self,
        company_id: &str,
        after_seq: i64,
        limit: i64,
    ) -> ServiceResult<Vec<AuditRecord>> {
        let company = self.company(company_id).await?;
        Ok(self
            .store
            .audit(&company.company_id, after_seq, limit)
            .await?)
    }

    /// Walk a company's whole audit chain. `Ok(n)`: n records, intact; `Err((seq, why))`:
    /// the first broken record.
    pub async fn verify_audit(
        &self,
        company_id: &str,
    ) -> ServiceResult<Result<usize, (i64, String)>> {
        let company = self.company(company_id).await?;
        let mut all = Vec::new();
        loop {
            let after = all.last().map(|r: &AuditRecord| r.seq).unwrap_or(0);
            let page = self.store.audit(&company.company_id, after, 5_000).await?;
            if page.is_empty() {
                break;
            }
            all.extend(page);
        }
        Ok(crate::store::verify_chain(&all))
    }
}

/// A Hands-Off run decided but not yet saved.
struct PlannedRun {
    company: CompanyId,
    rel: Relationship,
    version: i64,
    fx: Effects,
    next: Option<Timestamp>,
    deliveries: Vec<NewDelivery>,
    audit: Vec<AuditEntry>,
    at: Timestamp,
}

impl PlannedRun {
    fn write(&self) -> RelationshipWrite<'_> {
        RelationshipWrite {
            company: &self.company,
            rel: &self.rel,
            expected_version: Some(self.version),
            effects: &self.fx,
            next_due: self.next,
            controls: None,
            deliveries: &self.deliveries,
            audit: &self.audit,
            idempotency: None,
            now: self.at,
        }
    }
}

fn duplicate(first: serde_json::Value) -> EventResult {
    EventResult {
        duplicate: true,
        state: first
            .get("state")
            .and_then(|s| s.as_str())
            .unwrap_or_default()
            .to_owned(),
        effects: first.get("effects").cloned().unwrap_or_default(),
    }
}
