//! Storage: one interface, two implementations (embedded SQLite, the default; PostgreSQL, the
//! scale-out store) that share their SQL (`sql.rs`). Aggregates (sessions, relationships) are
//! stored as JSON beside the columns queries need; every record an operator inspects (actions,
//! transitions, escalations, overrides, deliveries, the audit chain) is its own row, written in
//! the same transaction as the decision that produced it.

pub mod postgres;
pub mod sql;
pub mod sqlite;

use std::sync::Arc;

use aisha_core::care::{Controls, Effects, Relationship};
use aisha_core::frontdesk::TurnOutcome;
use aisha_core::{Company, CompanyId, Session};
use async_trait::async_trait;
use jiff::Timestamp;
use serde::Serialize;
use sha2::{Digest, Sha256};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Location(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Where a `--database` value points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Postgres(String),
    Sqlite(std::path::PathBuf),
}

/// Read a `--database` value: `postgres://…` (or `postgresql://…`), a SQLite URL
/// (`sqlite:///abs/path.db`, `sqlite://relative.db`, `sqlite:relative.db`, query options
/// ignored) or a plain SQLite file path.
pub fn location(database: &str) -> Location {
    if database.starts_with("postgres://") || database.starts_with("postgresql://") {
        return Location::Postgres(database.to_owned());
    }
    let path = match database
        .strip_prefix("sqlite://")
        .or_else(|| database.strip_prefix("sqlite:"))
    {
        Some(rest) => rest.split_once('?').map_or(rest, |(p, _)| p),
        None => database,
    };
    Location::Sqlite(path.into())
}

/// Open the store a `--database` value names. A SQLite file whose directory does not exist is
/// an error naming that directory (SQLite itself only says "unable to open database file").
pub async fn open(database: &str) -> StoreResult<Arc<dyn Store>> {
    match location(database) {
        Location::Postgres(url) => Ok(Arc::new(postgres::connect(&url).await?)),
        Location::Sqlite(path) => {
            if path.as_os_str().is_empty() {
                return Err(StoreError::Location(format!(
                    "{database:?} names no SQLite file"
                )));
            }
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => std::path::Path::new("."),
            };
            if !dir.is_dir() {
                return Err(StoreError::Location(format!(
                    "the directory {} for the SQLite database {} does not exist",
                    dir.display(),
                    path.display()
                )));
            }
            Ok(Arc::new(sqlite::open(&path).await?))
        }
    }
}

/// The names of the enums below are derived once (strum) and are what the database stores
/// and the API shows; `FromStr` reads them back.
macro_rules! named {
    ($(#[$doc:meta])* $name:ident { $($(#[$v:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize,
            strum::Display, strum::EnumString, strum::IntoStaticStr, strum::VariantArray,
        )]
        #[strum(serialize_all = "snake_case")]
        #[serde(into = "&'static str")]
        pub enum $name { $($(#[$v])* $variant),+ }

        impl $name {
            pub fn as_str(self) -> &'static str {
                self.into()
            }
        }
    };
}

named!(
    /// How a delivery leaves: the console (a human sends it), Twilio's Messages API, SMTP,
    /// or the system of record's signed webhook.
    DeliveryChannel { Console, TwilioSms, Smtp, Webhook }
);
named!(
    /// An outbox row's life: pending until sent, or failed for good (kept visible).
    DeliveryStatus { Pending, Sent, Failed }
);
named!(
    /// An escalation waits in the inbox until a human resolves it.
    EscalationStatus { Open, Resolved }
);
named!(
    /// What an audit record is about.
    AuditKind {
        Event,
        Transition,
        Action,
        Escalation,
        Override,
        #[strum(serialize = "escalation.resolved")]
        EscalationResolved,
        #[strum(serialize = "booking.completed")]
        BookingCompleted,
        #[strum(serialize = "booking.cancelled")]
        BookingCancelled,
        #[strum(serialize = "speaker.reply_refused")]
        SpeakerReplyRefused,
        #[strum(serialize = "customer.created")]
        CustomerCreated,
        #[strum(serialize = "company.created")]
        CompanyCreated,
        #[strum(serialize = "company.updated")]
        CompanyUpdated,
        #[strum(serialize = "company.key_rotated")]
        CompanyKeyRotated,
        #[strum(serialize = "company.publishable_key_rotated")]
        PublishableKeyRotated,
    }
);

/// A stored name that no enum variant has: the row was written by something else.
fn named<T: std::str::FromStr>(raw: &str, what: &str) -> StoreResult<T> {
    raw.parse()
        .map_err(|_| StoreError::Corrupt(format!("unknown {what} {raw:?}")))
}

#[derive(Debug, Clone, Serialize)]
pub struct EscalationRow {
    pub id: i64,
    pub customer_id: Option<String>,
    pub conversation_id: Option<String>,
    pub at: String,
    pub trigger: String,
    pub reason: String,
    pub status: EscalationStatus,
    pub resolved_by: Option<String>,
    pub resolution_note: Option<String>,
    pub evidence: serde_json::Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionRow {
    pub id: i64,
    pub customer_id: String,
    pub record: serde_json::Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct TransitionRow {
    pub id: i64,
    pub customer_id: String,
    pub record: serde_json::Value,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerRow {
    pub customer_id: String,
    pub state: String,
    pub next_due: Option<String>,
}

/// A relationship that has come due, claimed by one worker until `lease_until_ms`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub company_id: String,
    pub customer_id: String,
    pub due_ms: i64,
    /// The relationship's version when it was found due: a decision on a later version would
    /// be made at a stale instant (another worker decided in between).
    pub version: i64,
}

/// A message or webhook to send, recorded in the decision's transaction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewDelivery {
    pub customer_id: Option<String>,
    pub channel: DeliveryChannel,
    pub destination: String,
    pub payload: serde_json::Value,
    /// Unique across the outbox: the same decision can never queue a second copy, and the
    /// channel passes it on so a provider drops a retried send.
    pub idempotency_key: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    pub id: i64,
    pub company_id: String,
    pub customer_id: Option<String>,
    pub channel: DeliveryChannel,
    pub destination: String,
    pub payload: serde_json::Value,
    pub idempotency_key: String,
    pub status: DeliveryStatus,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
}

/// One link of a company's audit chain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    pub kind: AuditKind,
    pub subject: String,
    pub payload: serde_json::Value,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditRecord {
    pub seq: i64,
    pub at: String,
    /// As stored, not parsed: the chain covers the stored text, so verifying a tampered
    /// record must still read it.
    pub kind: String,
    pub subject: String,
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The chain: each record's hash covers the previous hash and everything in the record, so
/// changing, inserting or removing a record breaks every hash after it.
pub fn audit_hash(
    prev_hash: &str,
    seq: i64,
    at: &str,
    kind: &str,
    subject: &str,
    payload: &str,
) -> String {
    hex::encode(hash_parts(&[
        prev_hash,
        &seq.to_string(),
        at,
        kind,
        subject,
        payload,
    ]))
}

/// SHA-256 over length-prefixed parts, so no two different lists of parts hash alike.
pub fn hash_parts(parts: &[&str]) -> [u8; 32] {
    let mut h = Sha256::new();
    for part in parts {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().into()
}

/// Where a chain first breaks, if it does.
pub fn verify_chain(records: &[AuditRecord]) -> Result<usize, (i64, String)> {
    let mut prev = String::new();
    for (i, r) in records.iter().enumerate() {
        let expected_seq = i as i64 + 1;
        if r.seq != expected_seq {
            return Err((
                r.seq,
                format!("expected record {expected_seq}, found {}", r.seq),
            ));
        }
        if r.prev_hash != prev {
            return Err((
                r.seq,
                "its prev_hash does not match the previous record".into(),
            ));
        }
        let h = audit_hash(&r.prev_hash, r.seq, &r.at, &r.kind, &r.subject, &r.payload);
        if h != r.hash {
            return Err((r.seq, "its content does not match its hash".into()));
        }
        prev = r.hash.clone();
    }
    Ok(records.len())
}

/// The audit entries for what one decision did.
pub fn effects_audit(customer: &str, fx: &Effects) -> Vec<AuditEntry> {
    let mut out = Vec::new();
    let entry = |kind: AuditKind, v: serde_json::Value| AuditEntry {
        kind,
        subject: format!("customer:{customer}"),
        payload: v,
    };
    for t in &fx.transitions {
        out.push(entry(AuditKind::Transition, to_value(t)));
    }
    for a in &fx.actions {
        out.push(entry(AuditKind::Action, to_value(a)));
    }
    for e in &fx.escalations {
        out.push(entry(AuditKind::Escalation, to_value(e)));
    }
    for o in &fx.overrides {
        out.push(entry(AuditKind::Override, to_value(o)));
    }
    out
}

fn to_value<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).expect("domain types serialize")
}

/// A phone number's digits, North American numbers without their leading country code, so
/// `+1 (555) 123-4567` and `555.123.4567` are the same customer.
pub fn phone_digits(phone: Option<&str>) -> Option<String> {
    let digits: String = phone?.chars().filter(char::is_ascii_digit).collect();
    let digits = match digits.strip_prefix('1') {
        Some(rest) if rest.len() == 10 => rest.to_owned(),
        _ => digits,
    };
    (!digits.is_empty()).then_some(digits)
}

/// Everything one front-desk turn writes, in one transaction.
pub struct TurnWrite<'a> {
    pub company: &'a CompanyId,
    pub conversation: &'a str,
    pub session: &'a Session,
    pub outcome: &'a TurnOutcome,
    pub deliveries: &'a [NewDelivery],
    pub audit: &'a [AuditEntry],
    /// A provider request id (Twilio's `MessageSid`, `CallSid` + step) and the answer given
    /// to it: a request id seen before makes the save [`Saved::Conflict`] and writes nothing.
    pub webhook: Option<(&'a str, &'a str)>,
    pub now: Timestamp,
}

/// Everything one relationship decision writes, in one transaction.
pub struct RelationshipWrite<'a> {
    pub company: &'a CompanyId,
    pub rel: &'a Relationship,
    /// The version read; `None` for a new relationship. A concurrent writer makes the save
    /// fail with [`Saved::Conflict`] instead of overwriting.
    pub expected_version: Option<i64>,
    pub effects: &'a Effects,
    pub next_due: Option<Timestamp>,
    pub controls: Option<Controls>,
    pub deliveries: &'a [NewDelivery],
    pub audit: &'a [AuditEntry],
    /// A system-of-record event's idempotency key and the response to replay for a retry.
    pub idempotency: Option<(&'a str, &'a serde_json::Value)>,
    pub now: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Applied,
    /// Someone else changed the relationship (or took its lease) first; nothing was written.
    Conflict,
}

/// A company's secrets as the store keeps them: sealed, with the names of those that changed.
#[derive(Debug, Clone, Default)]
pub struct CompanySecrets {
    pub sealed: Option<String>,
    pub changed: Vec<String>,
}

#[async_trait]
pub trait Store: Send + Sync {
    /// `postgres` or `sqlite`, for logs and metrics.
    fn kind(&self) -> &'static str;

    /// Create or update a company with its sealed secrets (`secrets`, never in `config`),
    /// auditing the configuration and the names of the secrets it changed, never a value.
    async fn put_company(
        &self,
        company: &Company,
        secrets: &CompanySecrets,
        api_key_hash: Option<&str>,
        now: Timestamp,
    ) -> StoreResult<bool>;
    async fn company(&self, id: &CompanyId) -> StoreResult<Option<Company>>;
    /// The company's sealed secrets (see `crate::secrets`).
    async fn company_secrets(&self, id: &CompanyId) -> StoreResult<Option<String>>;
    async fn api_key_hash(&self, id: &CompanyId) -> StoreResult<Option<String>>;
    /// Replace the company's key hash and audit it, in one transaction; `false` when there is
    /// no such company.
    async fn set_api_key_hash(
        &self,
        id: &CompanyId,
        api_key_hash: &str,
        audit: &[AuditEntry],
        now: Timestamp,
    ) -> StoreResult<bool>;
    /// The hash of the company's web-chat publishable key, if it has one.
    async fn publishable_key_hash(&self, id: &CompanyId) -> StoreResult<Option<String>>;
    /// Replace the company's publishable key hash and audit it, in one transaction; `false`
    /// when there is no such company.
    async fn set_publishable_key_hash(
        &self,
        id: &CompanyId,
        hash: &str,
        audit: &[AuditEntry],
        now: Timestamp,
    ) -> StoreResult<bool>;
    /// The company's own switches (the global kill switch is separate).
    async fn controls(&self, id: &CompanyId) -> StoreResult<Controls>;
    /// Set the company's switches and audit who did it and why.
    async fn set_controls(
        &self,
        id: &CompanyId,
        controls: Controls,
        audit: &[AuditEntry],
        now: Timestamp,
    ) -> StoreResult<()>;
    async fn global_kill_switch(&self) -> StoreResult<bool>;
    /// The secret that signs console sessions, made on first use and shared by every process.
    async fn console_secret(&self) -> StoreResult<String>;
    async fn set_global_kill_switch(&self, on: bool) -> StoreResult<()>;

    async fn session(
        &self,
        company: &CompanyId,
        conversation: &str,
    ) -> StoreResult<Option<Session>>;
    /// Save the session, the escalation the turn opened, its deliveries and audit entries, in
    /// one transaction. [`Saved::Conflict`] when its provider request was answered before.
    async fn save_turn(&self, w: TurnWrite<'_>) -> StoreResult<Saved>;
    /// The answer given to a provider request (a webhook retry gets it again).
    async fn webhook_reply(
        &self,
        company: &CompanyId,
        provider_id: &str,
    ) -> StoreResult<Option<String>>;
    /// Record the answer to a provider request that made no turn; [`Saved::Conflict`] when
    /// one was recorded before.
    async fn save_webhook_reply(
        &self,
        company: &CompanyId,
        provider_id: &str,
        reply: &str,
        now: Timestamp,
    ) -> StoreResult<Saved>;

    /// The relationship and its version.
    async fn relationship(
        &self,
        company: &CompanyId,
        customer: &str,
    ) -> StoreResult<Option<(Relationship, i64)>>;
    async fn save_relationship(&self, w: RelationshipWrite<'_>) -> StoreResult<Saved>;
    /// Several decisions in one transaction (the scheduler's batch): one commit instead of one
    /// per decision. Each write is applied or, on a version conflict, skipped on its own.
    /// Writes here carry no idempotency key.
    async fn save_relationships(&self, writes: &[RelationshipWrite<'_>])
        -> StoreResult<Vec<Saved>>;
    async fn customers(&self, company: &CompanyId) -> StoreResult<Vec<CustomerRow>>;
    /// The customer whose phone number this is (North American numbers match with or
    /// without the country code).
    async fn customer_by_phone(
        &self,
        company: &CompanyId,
        phone: &str,
    ) -> StoreResult<Option<String>>;
    /// A previously processed system-of-record event's response.
    async fn processed_event(
        &self,
        company: &CompanyId,
        key: &str,
    ) -> StoreResult<Option<serde_json::Value>>;

    /// The earliest due relationship of one company at or before `until_ms` (virtual clock).
    async fn next_due(&self, company: &CompanyId, until_ms: i64) -> StoreResult<Option<Due>>;
    /// Claim up to `limit` due relationships of any company for `worker` until
    /// `lease_until_ms`; rows another live worker holds are skipped, expired leases are taken.
    async fn claim_due(
        &self,
        worker: &str,
        now_ms: i64,
        lease_until_ms: i64,
        limit: i64,
    ) -> StoreResult<Vec<Due>>;
    async fn escalations(
        &self,
        company: &CompanyId,
        open_only: bool,
    ) -> StoreResult<Vec<EscalationRow>>;
    /// Resolve an open escalation; `false` when there is no such open escalation.
    async fn resolve_escalation(
        &self,
        company: &CompanyId,
        id: i64,
        by: &str,
        note: &str,
        audit: &[AuditEntry],
        now: Timestamp,
    ) -> StoreResult<bool>;
    async fn actions(&self, company: &CompanyId, customer: &str) -> StoreResult<Vec<ActionRow>>;
    async fn transitions(
        &self,
        company: &CompanyId,
        customer: &str,
    ) -> StoreResult<Vec<TransitionRow>>;

    /// Claim up to `limit` pending deliveries whose time has come.
    async fn claim_deliveries(
        &self,
        worker: &str,
        now_ms: i64,
        lease_until_ms: i64,
        limit: i64,
    ) -> StoreResult<Vec<Delivery>>;
    /// Mark deliveries sent, in one transaction.
    async fn deliveries_sent(&self, ids: &[i64], worker: &str, now: Timestamp) -> StoreResult<()>;
    /// A failed attempt: retry at `retry_at_ms`, or give up (`None`) and mark it failed.
    async fn delivery_failed(
        &self,
        id: i64,
        worker: &str,
        error: &str,
        retry_at_ms: Option<i64>,
    ) -> StoreResult<()>;
    async fn deliveries(&self, company: &CompanyId, limit: i64) -> StoreResult<Vec<Delivery>>;

    /// Append entries to a company's audit chain outside any other write.
    async fn append_audit(
        &self,
        company: &CompanyId,
        entries: &[AuditEntry],
        now: Timestamp,
    ) -> StoreResult<()>;
    async fn audit(
        &self,
        company: &CompanyId,
        after_seq: i64,
        limit: i64,
    ) -> StoreResult<Vec<AuditRecord>>;
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use strum::VariantArray;

    /// Each name is written once (strum) and read back by the store and shown by the API.
    fn round_trips<T>()
    where
        T: VariantArray + Copy + PartialEq + std::fmt::Debug + Serialize + std::str::FromStr,
        &'static str: From<T>,
    {
        for v in T::VARIANTS {
            let name: &'static str = (*v).into();
            assert_eq!(named::<T>(name, "test").unwrap(), *v);
            assert_eq!(serde_json::to_value(v).unwrap(), name);
        }
        assert!(named::<T>("no such name", "test").is_err());
    }

    #[test]
    fn stored_names_round_trip() {
        round_trips::<DeliveryChannel>();
        round_trips::<DeliveryStatus>();
        round_trips::<EscalationStatus>();
        round_trips::<AuditKind>();
        assert_eq!(AuditKind::BookingCompleted.as_str(), "booking.completed");
        assert_eq!(DeliveryChannel::TwilioSms.as_str(), "twilio_sms");
    }

    proptest! {
        /// Every SQLite spelling of a relative path names that path (`sqlite:///…` an absolute
        /// one); PostgreSQL URLs pass through.
        #[test]
        fn database_locations(path in "[a-zA-Z0-9_.-][a-zA-Z0-9_./-]{0,39}", query in "[a-z=&]{0,12}") {
            let want = Location::Sqlite(path.clone().into());
            prop_assert_eq!(location(&path), want.clone());
            prop_assert_eq!(location(&format!("sqlite://{path}")), want.clone());
            prop_assert_eq!(location(&format!("sqlite:{path}?{query}")), want);
            prop_assert_eq!(
                location(&format!("sqlite:///{path}")),
                Location::Sqlite(format!("/{path}").into())
            );
            let pg = format!("postgres://u@h/{path}");
            prop_assert_eq!(location(&pg), Location::Postgres(pg.clone()));
        }
    }

    #[tokio::test]
    async fn a_missing_directory_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope");
        let url = format!("sqlite://{}/aisha.db", missing.display());
        let err = open(&url)
            .await
            .err()
            .expect("no directory, no store")
            .to_string();
        assert!(err.contains(&missing.display().to_string()), "{err}");
        // The URL form opens a real file.
        let url = format!("sqlite://{}/aisha.db", dir.path().display());
        let store = open(&url).await.unwrap();
        assert_eq!(store.kind(), "sqlite");
        assert!(dir.path().join("aisha.db").is_file());
    }

    fn chain(n: usize) -> Vec<AuditRecord> {
        let mut prev = String::new();
        (1..=n as i64)
            .map(|seq| {
                let payload = format!("{{\"n\":{seq}}}");
                let hash = audit_hash(&prev, seq, "2026-01-01T00:00:00Z", "k", "s", &payload);
                let r = AuditRecord {
                    seq,
                    at: "2026-01-01T00:00:00Z".into(),
                    kind: "k".into(),
                    subject: "s".into(),
                    payload,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                r
            })
            .collect()
    }

    #[test]
    fn an_intact_chain_verifies_and_tampering_names_the_record() {
        let mut c = chain(5);
        assert_eq!(verify_chain(&c), Ok(5));
        c[2].payload = "{\"n\":99}".into();
        assert_eq!(verify_chain(&c).unwrap_err().0, 3);
        let mut c = chain(5);
        c.remove(1);
        assert_eq!(verify_chain(&c).unwrap_err().0, 3);
    }

    #[test]
    fn field_boundaries_are_part_of_the_hash() {
        assert_ne!(
            audit_hash("", 1, "a", "bc", "d", "e"),
            audit_hash("", 1, "a", "b", "cd", "e")
        );
    }
}
