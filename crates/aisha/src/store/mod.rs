//! Storage: one interface, implemented on embedded SQLite (the default). Aggregates (sessions,
//! relationships) are stored as JSON beside the columns queries need; every record an
//! operator inspects (actions, transitions, escalations, overrides) is its own row, written in
//! the same transaction as the state that produced it.

pub mod sqlite;

use aisha_core::care::{Controls, Effects, Relationship};
use aisha_core::frontdesk::TurnOutcome;
use aisha_core::{Company, CompanyId, Session};
use async_trait::async_trait;
use jiff::Timestamp;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

#[derive(Debug, Clone, Serialize)]
pub struct EscalationRow {
    pub id: i64,
    pub customer_id: Option<String>,
    pub conversation_id: Option<String>,
    pub at: String,
    pub trigger: String,
    pub reason: String,
    pub status: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionRow {
    pub id: i64,
    pub customer_id: String,
    pub record: serde_json::Value,
}

/// Where a due relationship is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub customer_id: String,
    pub due_ms: i64,
}

#[async_trait]
pub trait Store: Send + Sync {
    async fn put_company(
        &self,
        company: &Company,
        api_key_hash: Option<&str>,
        now: Timestamp,
    ) -> StoreResult<bool>;
    async fn company(&self, id: &CompanyId) -> StoreResult<Option<Company>>;
    async fn api_key_hash(&self, id: &CompanyId) -> StoreResult<Option<String>>;
    async fn controls(&self, id: &CompanyId) -> StoreResult<Controls>;
    async fn set_controls(&self, id: &CompanyId, controls: Controls) -> StoreResult<()>;

    async fn session(
        &self,
        company: &CompanyId,
        conversation: &str,
    ) -> StoreResult<Option<Session>>;
    /// Save the session and the escalation the turn opened, in one transaction.
    async fn save_turn(
        &self,
        company: &CompanyId,
        conversation: &str,
        session: &Session,
        outcome: &TurnOutcome,
        now: Timestamp,
    ) -> StoreResult<()>;

    async fn relationship(
        &self,
        company: &CompanyId,
        customer: &str,
    ) -> StoreResult<Option<Relationship>>;
    /// Save the relationship, its next due time and everything the decision recorded, in one
    /// transaction (nothing half-written).
    async fn save_relationship(
        &self,
        company: &CompanyId,
        rel: &Relationship,
        effects: &Effects,
        next_due: Option<Timestamp>,
        controls: Option<Controls>,
    ) -> StoreResult<()>;
    /// The earliest due relationship at or before `until_ms`.
    async fn next_due(&self, company: &CompanyId, until_ms: i64) -> StoreResult<Option<Due>>;

    async fn escalations(
        &self,
        company: &CompanyId,
        open_only: bool,
    ) -> StoreResult<Vec<EscalationRow>>;
    async fn actions(&self, company: &CompanyId, customer: &str) -> StoreResult<Vec<ActionRow>>;
}
