//! The one service layer. The CLI, the conformance runner, the HTTP API, the Twilio webhooks,
//! the scheduler and the console all call these methods; none of them touches the store or the
//! domain directly. One file per capability, each an `impl Service`.

mod accounts;
mod audit;
mod auth;
mod care_events;
mod companies;
mod console_views;
mod controls;
mod escalations;
mod front_desk;
mod handsoff;
mod outbox;
mod web_chat;

pub use crate::store::Role;
pub use accounts::{Invitation, INVITE_DAYS, MIN_PASSWORD_CHARS};
pub use audit::{AuditVerdict, Checkpoint};
pub use auth::{ConsoleSession, CONSOLE_SESSION_SECS};
pub use controls::ControlsChange;
pub use front_desk::conversation_channel;
pub use front_desk::{InboundSms, Turn};
pub use outbox::plan_deliveries;
use outbox::sor_delivery;
pub use web_chat::{publishable_key_company, OpenedChat, CHAT_PREFIX};

use std::sync::Arc;

use aisha_core::care::{
    self, CareState, Channel, Controls, Customer, Effects, Event, OverrideRecord, Relationship,
};
use aisha_core::frontdesk::{self, TurnInput, TurnOutcome, TurnStep};
use aisha_core::session::Mode;
use aisha_core::signals::Signal;
use aisha_core::types::MAX_ID;
use aisha_core::{
    Company, CompanyId, ConfigError, ConversationId, CustomerId, EscalationId, InvalidValue,
    Reason, Session,
};
use jiff::Timestamp;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::llm::{SecondOpinion, Speaker};
use crate::store::{
    effects_audit, AuditEntry, AuditKind, AuditRecord, CompanyKey, CompanySecrets, DeliveryChannel,
    NewDelivery, RelationshipWrite, Saved, Store, StoreError, TurnWrite,
};

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("unknown company {0:?}")]
    UnknownCompany(String),
    #[error("unknown customer {0:?}")]
    UnknownCustomer(String),
    #[error("unknown conversation {0:?}")]
    UnknownConversation(String),
    #[error("unknown escalation {0}")]
    UnknownEscalation(EscalationId),
    #[error("invalid input: {0}")]
    Invalid(String),
    #[error("the relationship kept changing under this request; try again")]
    Contended,
    /// The request contradicts what is stored (a phone number another customer has).
    #[error("{0}")]
    Conflict(String),
    /// The signed-in person's role does not allow this.
    #[error("{0}")]
    Forbidden(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A value from outside that does not parse (an id, a reason) is bad input.
impl From<InvalidValue> for ServiceError {
    fn from(e: InvalidValue) -> Self {
        ServiceError::Invalid(e.to_string())
    }
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
    /// Keys the audit chain and encrypts tenant secrets at rest (see `server_key`).
    server_key: Arc<crate::server_key::ServerKey>,
    /// Seals tenant secrets under a key derived from `server_key`.
    secrets: crate::secrets::SecretBox,
    /// Webhook URLs may be http and reach private addresses (local development and tests).
    allow_private_webhooks: bool,
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

/// Optimistic-concurrency retries before a write gives up with [`ServiceError::Contended`].
const MAX_RETRIES: usize = 8;

/// An idempotency key: printable, at most [`MAX_ID`] bytes, like every id from outside.
fn check_key(kind: &str, id: &str) -> ServiceResult<()> {
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

/// A short key derived from what identifies a delivery (idempotency keys).
fn digest(parts: &[&str]) -> String {
    hex::encode(&crate::store::hash_parts(parts)[..16])
}

fn audit(kind: AuditKind, subject: String, payload: serde_json::Value) -> AuditEntry {
    AuditEntry {
        kind,
        subject,
        payload,
    }
}

impl Service {
    pub fn new(store: Arc<dyn Store>, speaker: Option<Arc<dyn Speaker>>) -> Self {
        let server_key = crate::server_key::ServerKey::generate();
        Self {
            store: store.keyed(audit::chain_key(&server_key)),
            companies: Default::default(),
            speaker,
            second_opinion: None,
            channels: ChannelConfig::default(),
            secrets: crate::secrets::SecretBox::new(&server_key),
            server_key: Arc::new(server_key),
            allow_private_webhooks: false,
        }
    }

    /// Let company webhooks be http and reach loopback and private addresses
    /// (`--allow-private-webhooks`: local development and tests only).
    pub fn allow_private_webhooks(mut self, allow: bool) -> Self {
        self.allow_private_webhooks = allow;
        self
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

    /// The deployment's server key (a fresh random one otherwise, fine for one process's life).
    pub fn with_server_key(mut self, key: crate::server_key::ServerKey) -> Self {
        self.secrets = crate::secrets::SecretBox::new(&key);
        // The store writes the audit chain with the same key verify checks it with.
        self.store = self.store.keyed(audit::chain_key(&key));
        self.server_key = Arc::new(key);
        self
    }
}
