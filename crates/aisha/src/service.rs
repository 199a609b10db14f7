//! The one service layer. The CLI, the conformance runner and the HTTP API all call these
//! methods; none of them touches the store or the domain directly.

use std::sync::Arc;

use aisha_core::care::{self, CareState, Controls, Customer, Effects, Event, Relationship};
use aisha_core::frontdesk::{self, TurnInput, TurnOutcome, TurnStep};
use aisha_core::{Company, CompanyId, ConfigError, Session};
use jiff::Timestamp;
use sha2::{Digest, Sha256};

use crate::llm::Speaker;
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("unknown company {0:?}")]
    UnknownCompany(String),
    #[error("unknown customer {0:?}")]
    UnknownCustomer(String),
    #[error("invalid input: {0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub type ServiceResult<T> = Result<T, ServiceError>;

#[derive(Clone)]
pub struct Service {
    store: Arc<dyn Store>,
    speaker: Option<Arc<dyn Speaker>>,
}

/// What a turn returns to its caller (HTTP, CLI, conformance).
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TurnResult {
    #[serde(flatten)]
    pub outcome: TurnOutcome,
    pub active_slot: Option<String>,
    pub booking: aisha_core::session::Booking,
}

/// Longest identifier (conversation, customer) accepted from outside.
const MAX_ID: usize = 128;

fn check_id(kind: &str, id: &str) -> ServiceResult<()> {
    if id.is_empty() || id.len() > MAX_ID || id.chars().any(char::is_control) {
        return Err(ServiceError::Invalid(format!(
            "{kind} must be 1 to {MAX_ID} printable characters"
        )));
    }
    Ok(())
}

pub fn hash_key(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

impl Service {
    pub fn new(store: Arc<dyn Store>, speaker: Option<Arc<dyn Speaker>>) -> Self {
        Self { store, speaker }
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
        Ok((company, created.then_some(key)))
    }

    pub async fn company(&self, id: &str) -> ServiceResult<Company> {
        let cid = CompanyId::parse(id).map_err(|_| ServiceError::UnknownCompany(id.to_owned()))?;
        self.store
            .company(&cid)
            .await?
            .ok_or_else(|| ServiceError::UnknownCompany(id.to_owned()))
    }

    /// One caller turn of a conversation; the session survives restarts in the store.
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
        self.store
            .save_turn(
                &company.company_id,
                conversation_id,
                &session,
                &outcome,
                now,
            )
            .await?;
        Ok(TurnResult {
            active_slot: session.booking.active_slot.clone(),
            booking: session.booking.clone(),
            outcome,
        })
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
        let company = self.company(company_id).await?;
        if let Some(r) = self
            .store
            .relationship(&company.company_id, &customer.id)
            .await?
        {
            return Ok(r);
        }
        let rel = Relationship::new(customer, state, now);
        let due = care::next_due(&rel, &company);
        self.store
            .save_relationship(&company.company_id, &rel, &Effects::default(), due, None)
            .await?;
        Ok(rel)
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
            .ok_or_else(|| ServiceError::UnknownCustomer(customer_id.to_owned()))
    }

    pub async fn controls(&self, company_id: &str) -> ServiceResult<Controls> {
        let company = self.company(company_id).await?;
        Ok(self.store.controls(&company.company_id).await?)
    }

    /// Apply an event to a customer's relationship at `now`, then run any Hands-Off work due
    /// at that instant.
    pub async fn apply_event(
        &self,
        company_id: &str,
        customer_id: &str,
        event: &Event,
        now: Timestamp,
    ) -> ServiceResult<Effects> {
        let company = self.company(company_id).await?;
        let mut rel = self
            .store
            .relationship(&company.company_id, customer_id)
            .await?
            .ok_or_else(|| ServiceError::UnknownCustomer(customer_id.to_owned()))?;
        let mut controls = self.store.controls(&company.company_id).await?;
        let before = controls;
        let fx = care::apply_event(
            &mut rel,
            &mut care::Ctx {
                company: &company,
                controls: &mut controls,
                now,
            },
            event,
        );
        let due = care::next_due(&rel, &company);
        self.store
            .save_relationship(
                &company.company_id,
                &rel,
                &fx,
                due,
                (controls != before).then_some(controls),
            )
            .await?;
        let mut all = fx;
        all.extend(self.run_due(company_id, now).await?);
        Ok(all)
    }

    /// Hands-Off Mode: run everything due at or before `until`, in time order, each at its own
    /// due instant. The server's scheduler and the conformance runner's virtual clock both
    /// call this.
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
            let Some(mut rel) = self
                .store
                .relationship(&company.company_id, &due.customer_id)
                .await?
            else {
                break;
            };
            let at = Timestamp::from_millisecond(due.due_ms)
                .map_err(|e| ServiceError::Invalid(e.to_string()))?;
            let mut controls = self.store.controls(&company.company_id).await?;
            let fx = care::run_due(
                &mut rel,
                &mut care::Ctx {
                    company: &company,
                    controls: &mut controls,
                    now: at,
                },
            );
            let mut next = care::next_due(&rel, &company);
            if next.is_some_and(|n| n <= at) {
                tracing::error!(customer = %rel.customer.id, "planner scheduled work in the past; pushing it a minute");
                next = Some(at + jiff::SignedDuration::from_secs(60));
            }
            self.store
                .save_relationship(&company.company_id, &rel, &fx, next, None)
                .await?;
            all.extend(fx);
        }
        Ok(all)
    }
}
