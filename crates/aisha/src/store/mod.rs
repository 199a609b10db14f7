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
    #[error("the audit chain needs the server key; this store was opened without it")]
    Unkeyed,
}

pub type StoreResult<T> = Result<T, StoreError>;

impl StoreError {
    /// The database has no room left (SQLite `SQLITE_FULL`, PostgreSQL `disk_full`): the
    /// write was refused whole and nothing of it was kept.
    pub fn is_full(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::Database(e)) => {
                matches!(e.code().as_deref(), Some("13") | Some("53100"))
            }
            _ => false,
        }
    }
}

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
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize,
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
        /// Seals a chain written before it was keyed: from here on every record is keyed.
        #[strum(serialize = "audit.keyed")]
        AuditKeyed,
        #[strum(serialize = "operator.invited")]
        OperatorInvited,
        #[strum(serialize = "operator.joined")]
        OperatorJoined,
        #[strum(serialize = "operator.changed")]
        OperatorChanged,
        #[strum(serialize = "operator.removed")]
        OperatorRemoved,
    }
);

named!(
    /// What a console account may do; each role may do everything the ones before it can.
    Role {
        /// Reads every page; changes nothing.
        Viewer,
        /// Resolves escalations, overrides states, sends messages, uses the controls.
        Operator,
        /// Also changes the configuration, the keys and who has access.
        Owner,
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

/// One customer as the console lists them.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerSummary {
    pub customer_id: String,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub state: String,
    pub next_due_ms: Option<i64>,
}

/// Which customers a page shows: a search (name, id or phone digits), a state, a page.
#[derive(Debug, Clone, Default)]
pub struct CustomerQuery {
    pub search: String,
    pub state: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

/// One conversation (call, text, chat, playground) and when it last changed.
#[derive(Debug, Clone)]
pub struct ConversationRow {
    pub conversation_id: String,
    pub updated_at: String,
    pub session: Session,
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
    /// The provider's id once sent (Twilio's message SID, the email's Message-ID).
    pub provider_id: Option<String>,
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

/// The key the audit chain is kept with (the server key's `audit-chain` subkey). The store
/// hashes every record and the head with it, so someone with only database access cannot
/// recompute a changed chain.
#[derive(Clone)]
pub struct ChainKey([u8; 32]);

impl ChainKey {
    /// The server key's subkey for the chain.
    pub fn of(key: &crate::server_key::ServerKey) -> Self {
        Self(key.derive("audit-chain"))
    }

    fn mac(&self, parts: &[&str]) -> String {
        use hmac::{Hmac, Mac};
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(&hash_parts(parts));
        hex::encode(mac.finalize().into_bytes())
    }
}

impl std::fmt::Debug for ChainKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChainKey(<redacted>)")
    }
}

/// Keyed record hashes carry this prefix; a bare 64-hex hash is a record written before the
/// chain was keyed (unkeyed SHA-256), accepted only as a prefix sealed by keyed records.
pub const KEYED_PREFIX: &str = "hmac:";

/// The chain: each record's hash covers the previous hash and everything in the record, so
/// changing, inserting or removing a record breaks every hash after it; keyed (HMAC-SHA256)
/// so the hashes cannot be recomputed without the server key.
pub fn audit_hash(
    key: &ChainKey,
    prev_hash: &str,
    seq: i64,
    at: &str,
    kind: &str,
    subject: &str,
    payload: &str,
) -> String {
    let seq = seq.to_string();
    format!(
        "{KEYED_PREFIX}{}",
        key.mac(&[prev_hash, &seq, at, kind, subject, payload])
    )
}

/// The unkeyed hash records had before the chain was keyed (still verified for old records).
pub fn legacy_audit_hash(
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

/// The MAC over a company's head (record count and last hash), kept beside it in
/// `companies`: removing records from the end and rewinding the head needs the key.
pub fn head_mac(key: &ChainKey, company: &str, seq: i64, hash: &str) -> String {
    key.mac(&["audit-head", company, &seq.to_string(), hash])
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

/// A company's chain head as `companies` keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditHead {
    pub seq: i64,
    pub hash: String,
    /// [`head_mac`]; empty on a head not yet written with a key.
    pub mac: String,
}

/// One way the audit log was tampered with, named for the operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Tamper {
    /// The triggers that keep the log append-only are gone or disabled.
    TriggersMissing { triggers: Vec<String> },
    /// The log has no record at all although the head counts some (TRUNCATE, DELETE).
    Emptied { head_count: i64 },
    /// The last records are gone: the log ends before the head.
    RemovedAtEnd { from_seq: i64, to_seq: i64 },
    /// A record's sequence number is out of place (a record removed or inserted).
    Gap { seq: i64, expected: i64 },
    /// A record's prev_hash does not name the record before it.
    Unlinked { seq: i64 },
    /// A record's content does not match its keyed hash (changed, or hashed without the key).
    Changed { seq: i64 },
    /// An unkeyed record after keyed ones: appended or rewritten without the server key.
    Unkeyed { seq: i64 },
    /// Unkeyed records that no keyed record seals (a chain rewritten without the key).
    UnsealedLegacy { from_seq: i64, to_seq: i64 },
    /// Records beyond the count the head keeps: appended outside the service.
    BeyondHead { from_seq: i64, to_seq: i64 },
    /// The head in `companies` does not match the log or its MAC.
    Head { why: String },
    /// A checkpoint taken earlier is not extended by the log.
    Checkpoint { why: String },
}

impl std::fmt::Display for Tamper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tamper::TriggersMissing { triggers } => write!(
                f,
                "triggers dropped or disabled: {} (the log is no longer append-only)",
                triggers.join(", ")
            ),
            Tamper::Emptied { head_count } => write!(
                f,
                "log emptied (truncated): no records, the head counts {head_count}"
            ),
            Tamper::RemovedAtEnd { from_seq, to_seq } => write!(
                f,
                "records {from_seq}–{to_seq} removed from the end ({} records)",
                to_seq - from_seq + 1
            ),
            Tamper::Gap { seq, expected } => {
                write!(
                    f,
                    "record {seq} where {expected} was expected (records removed or inserted)"
                )
            }
            Tamper::Unlinked { seq } => write!(
                f,
                "record {seq}: its prev_hash does not match the previous record"
            ),
            Tamper::Changed { seq } => write!(
                f,
                "record {seq} changed: its content does not match its keyed hash"
            ),
            Tamper::Unkeyed { seq } => write!(
                f,
                "record {seq} is not keyed: appended or rewritten without the server key"
            ),
            Tamper::UnsealedLegacy { from_seq, to_seq } => write!(
                f,
                "records {from_seq}–{to_seq} are unkeyed and no keyed record seals them \
                 (rewritten without the server key)"
            ),
            Tamper::BeyondHead { from_seq, to_seq } => write!(
                f,
                "records {from_seq}–{to_seq} lie beyond the head: appended outside the service"
            ),
            Tamper::Head { why } => write!(f, "head in companies: {why}"),
            Tamper::Checkpoint { why } => write!(f, "checkpoint: {why}"),
        }
    }
}

/// What [`verify_chain`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainReport {
    pub records: usize,
    /// Records written before the chain was keyed (a sealed prefix), if any.
    pub legacy: usize,
    /// The last record's hash (empty for an empty log).
    pub head_hash: String,
    /// Empty when the chain is intact.
    pub tampering: Vec<Tamper>,
}

/// Walk a company's whole chain (records in `seq` order) against its head. Every problem is
/// named, the first break of the links first.
pub fn verify_chain(
    key: &ChainKey,
    company: &str,
    records: &[AuditRecord],
    head: &AuditHead,
) -> ChainReport {
    let mut tampering = Vec::new();
    let mut prev = String::new();
    let mut legacy = 0;
    let mut seen_keyed = false;
    for (i, r) in records.iter().enumerate() {
        let expected = i as i64 + 1;
        if r.seq != expected {
            tampering.push(Tamper::Gap {
                seq: r.seq,
                expected,
            });
            break;
        }
        if r.prev_hash != prev {
            tampering.push(Tamper::Unlinked { seq: r.seq });
            break;
        }
        if r.hash.starts_with(KEYED_PREFIX) {
            seen_keyed = true;
            let h = audit_hash(
                key,
                &r.prev_hash,
                r.seq,
                &r.at,
                &r.kind,
                &r.subject,
                &r.payload,
            );
            if h != r.hash {
                tampering.push(Tamper::Changed { seq: r.seq });
                break;
            }
        } else {
            let h = legacy_audit_hash(&r.prev_hash, r.seq, &r.at, &r.kind, &r.subject, &r.payload);
            if seen_keyed || h != r.hash {
                tampering.push(if seen_keyed {
                    Tamper::Unkeyed { seq: r.seq }
                } else {
                    Tamper::Changed { seq: r.seq }
                });
                break;
            }
            legacy += 1;
        }
        prev = r.hash.clone();
    }
    let n = records.len() as i64;
    let last = records.last().map(|r| r.hash.clone()).unwrap_or_default();
    if tampering.is_empty() && !seen_keyed && legacy > 0 {
        tampering.push(Tamper::UnsealedLegacy {
            from_seq: 1,
            to_seq: legacy as i64,
        });
    }
    // The head: count, hash and MAC. A head never written with a key (an old database not yet
    // sealed) has no MAC; that is reported above as unsealed legacy records.
    // Every company's log starts with its `company.created` record: an empty log was emptied.
    if n == 0 {
        tampering.push(Tamper::Emptied {
            head_count: head.seq,
        });
    } else if n < head.seq {
        tampering.push(Tamper::RemovedAtEnd {
            from_seq: n + 1,
            to_seq: head.seq,
        });
    } else if n > head.seq {
        tampering.push(Tamper::BeyondHead {
            from_seq: head.seq + 1,
            to_seq: n,
        });
    } else if head.hash != last {
        tampering.push(Tamper::Head {
            why: "its hash is not the last record's".into(),
        });
    }
    if (seen_keyed || !head.mac.is_empty())
        && head.mac != head_mac(key, company, head.seq, &head.hash)
    {
        tampering.push(Tamper::Head {
            why: "its MAC does not match (changed without the server key)".into(),
        });
    }
    ChainReport {
        records: records.len(),
        legacy,
        head_hash: last,
        tampering,
    }
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
    /// The known customer on the line (found by the caller's number), for an escalation.
    pub customer: Option<&'a str>,
    pub session: &'a Session,
    pub outcome: &'a TurnOutcome,
    pub deliveries: &'a [NewDelivery],
    pub audit: &'a [AuditEntry],
    /// A provider request id (Twilio's `MessageSid`, `CallSid` + step) and the answer given
    /// to it: a request id seen before makes the save [`Saved::Conflict`] and writes nothing.
    pub webhook: Option<(&'a str, &'a str)>,
    /// What the turn decided on C.A.R.E. relationships (a completed booking commits the
    /// caller's), in the same transaction: a version conflict on any of them makes the save
    /// [`Saved::Conflict`] and writes nothing of the turn either.
    pub relationships: &'a [RelationshipWrite<'a>],
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

/// A company's two keys, each kept as a hash: the API key (machines, and the console until
/// the first account) and the web chat's publishable key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompanyKey {
    Api,
    Publishable,
}

impl CompanyKey {
    /// The `companies` column that holds the key's hash.
    fn column(self) -> &'static str {
        match self {
            CompanyKey::Api => "api_key_hash",
            CompanyKey::Publishable => "publishable_key_hash",
        }
    }
}

/// A person with a console account at one company. `password_hash` is an argon2 PHC string
/// (none until the invitation is accepted); `invite_hash` is the SHA-256 of the pending
/// invitation link's token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorRow {
    pub company_id: String,
    pub operator_id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: Option<String>,
    pub invite_hash: Option<String>,
    pub invite_expires_at: Option<String>,
    pub created_at: String,
    pub removed_at: Option<String>,
    /// The row's version when read (0 for a row not yet saved).
    pub version: i64,
}

/// What saving an account did. Every refusal writes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperatorSave {
    Saved,
    /// The account changed since it was read (or a new one exists already).
    Stale,
    /// Another account of the company has the email.
    EmailTaken,
    /// The change would leave the company without an owner who can sign in.
    LastOwner,
}

impl OperatorRow {
    /// An owner who can sign in.
    pub fn is_active_owner(&self) -> bool {
        self.is_active() && self.role == Role::Owner
    }

    /// Signed up and not removed: may sign in.
    pub fn is_active(&self) -> bool {
        self.removed_at.is_none() && self.password_hash.is_some()
    }
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

    /// The same database, its audit chain kept with `key` (the server's `audit-chain` key).
    fn keyed(&self, key: ChainKey) -> Arc<dyn Store>;

    /// Create or update a company with its sealed secrets (`secrets`, never in `config`),
    /// auditing who saved it, the configuration and the names of the secrets it changed,
    /// never a value.
    async fn put_company(
        &self,
        company: &Company,
        secrets: &CompanySecrets,
        api_key_hash: Option<&str>,
        by: &str,
        now: Timestamp,
    ) -> StoreResult<bool>;
    async fn company(&self, id: &CompanyId) -> StoreResult<Option<Company>>;
    /// The company's sealed secrets (see `crate::secrets`).
    async fn company_secrets(&self, id: &CompanyId) -> StoreResult<Option<String>>;
    /// The hash of one of the company's keys, if it has one.
    async fn key_hash(&self, id: &CompanyId, key: CompanyKey) -> StoreResult<Option<String>>;
    /// Replace one of the company's key hashes and audit it, in one transaction; `false` when
    /// there is no such company.
    async fn set_key_hash(
        &self,
        id: &CompanyId,
        key: CompanyKey,
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
    /// The company's console accounts (removed ones too), by name.
    async fn operators(&self, company: &CompanyId) -> StoreResult<Vec<OperatorRow>>;
    async fn operator(
        &self,
        company: &CompanyId,
        operator_id: &str,
    ) -> StoreResult<Option<OperatorRow>>;
    /// The account a pending invitation link's token hash belongs to.
    async fn operator_by_invite(&self, invite_hash: &str) -> StoreResult<Option<OperatorRow>>;
    /// Create or replace an account (by company and id) and audit it, in one transaction that
    /// holds the company's team still: the account must be at `row.version` as read (`new`:
    /// absent), its email free, and, with `keep_an_owner`, another owner able to sign in must
    /// remain. Saved at `row.version + 1`.
    async fn save_operator(
        &self,
        row: &OperatorRow,
        new: bool,
        keep_an_owner: bool,
        audit: &[AuditEntry],
        now: Timestamp,
    ) -> StoreResult<OperatorSave>;
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
    /// per decision. Each write is applied, or skipped on its own: on a version conflict
    /// (`Ok(Conflict)`) or an error (`Err`, rolled back to its savepoint; the rest commit).
    /// Writes here carry no idempotency key.
    async fn save_relationships(
        &self,
        writes: &[RelationshipWrite<'_>],
    ) -> StoreResult<Vec<StoreResult<Saved>>>;
    async fn customers(&self, company: &CompanyId) -> StoreResult<Vec<CustomerRow>>;
    /// One page of customers by name then id, and how many match in all.
    async fn customers_page(
        &self,
        company: &CompanyId,
        q: &CustomerQuery,
    ) -> StoreResult<(Vec<CustomerSummary>, i64)>;
    /// How many customers are in each state.
    async fn state_counts(&self, company: &CompanyId) -> StoreResult<Vec<(String, i64)>>;
    /// The customer whose phone number this is (`phone` in E.164).
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
    /// Renew `worker`'s lease on those of `ids` still pending and held by it; returns them
    /// (the others were taken over or finished elsewhere).
    async fn renew_delivery_leases(
        &self,
        ids: &[i64],
        worker: &str,
        lease_until_ms: i64,
    ) -> StoreResult<Vec<i64>>;
    /// Mark deliveries sent, each with the provider's id for it if any, in one transaction.
    async fn deliveries_sent(
        &self,
        sent: &[(i64, Option<String>)],
        worker: &str,
        now: Timestamp,
    ) -> StoreResult<()>;
    /// A failed attempt: retry at `retry_at_ms`, or give up (`None`) and mark it failed.
    async fn delivery_failed(
        &self,
        id: i64,
        worker: &str,
        error: &str,
        retry_at_ms: Option<i64>,
    ) -> StoreResult<()>;
    async fn deliveries(&self, company: &CompanyId, limit: i64) -> StoreResult<Vec<Delivery>>;
    /// One page of the outbox, newest first, and its size; `customer` narrows it to one.
    async fn deliveries_page(
        &self,
        company: &CompanyId,
        customer: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> StoreResult<(Vec<Delivery>, i64)>;
    /// The delivery queued under an idempotency key.
    async fn delivery_by_key(
        &self,
        company: &CompanyId,
        key: &str,
    ) -> StoreResult<Option<Delivery>>;
    /// One page of conversations, most recently changed first, and how many there are;
    /// `mode` narrows them (`COMPLETE`: the bookings).
    async fn conversations(
        &self,
        company: &CompanyId,
        mode: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> StoreResult<(Vec<ConversationRow>, i64)>;

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
    /// The company's chain head as `companies` keeps it.
    async fn audit_head(&self, company: &CompanyId) -> StoreResult<Option<AuditHead>>;
    /// The triggers that keep `audit_log` append-only and are missing or disabled.
    async fn missing_audit_triggers(&self) -> StoreResult<Vec<String>>;
    /// Companies whose chain has records but a head never written with a key (a database
    /// from before the chain was keyed).
    async fn unsealed_audit_chains(&self) -> StoreResult<Vec<CompanyId>>;
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

    fn key() -> ChainKey {
        ChainKey([9; 32])
    }

    /// A chain of `n` records whose first `legacy` are unkeyed (written before the key).
    fn chain(n: usize, legacy: usize) -> Vec<AuditRecord> {
        let mut prev = String::new();
        (1..=n as i64)
            .map(|seq| {
                let payload = format!("{{\"n\":{seq}}}");
                let at = "2026-01-01T00:00:00Z";
                let hash = if seq as usize <= legacy {
                    legacy_audit_hash(&prev, seq, at, "k", "s", &payload)
                } else {
                    audit_hash(&key(), &prev, seq, at, "k", "s", &payload)
                };
                let r = AuditRecord {
                    seq,
                    at: at.into(),
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

    fn head(c: &[AuditRecord]) -> AuditHead {
        let hash = c.last().map(|r| r.hash.clone()).unwrap_or_default();
        AuditHead {
            seq: c.len() as i64,
            mac: head_mac(&key(), "co", c.len() as i64, &hash),
            hash,
        }
    }

    fn verdict(c: &[AuditRecord], h: &AuditHead) -> Vec<Tamper> {
        verify_chain(&key(), "co", c, h).tampering
    }

    #[test]
    fn an_intact_chain_verifies_and_tampering_names_the_record() {
        let c = chain(5, 0);
        let r = verify_chain(&key(), "co", &c, &head(&c));
        assert_eq!((r.records, r.legacy, r.tampering.len()), (5, 0, 0), "{r:?}");
        let mut changed = c.clone();
        changed[2].payload = "{\"n\":99}".into();
        assert_eq!(
            verdict(&changed, &head(&c)),
            vec![Tamper::Changed { seq: 3 }]
        );
        let mut removed = c.clone();
        removed.remove(1);
        assert_eq!(
            verdict(&removed, &head(&c))[0],
            Tamper::Gap {
                seq: 3,
                expected: 2
            }
        );
    }

    #[test]
    fn the_end_and_the_head_are_checked() {
        let c = chain(12, 0);
        let h = head(&c);
        // The last ten removed, the head left alone.
        assert_eq!(
            verdict(&c[..2], &h),
            vec![Tamper::RemovedAtEnd {
                from_seq: 3,
                to_seq: 12
            }]
        );
        // The last one removed and the head rewound by hand: its MAC needs the key.
        let rewound = AuditHead {
            seq: 11,
            hash: c[10].hash.clone(),
            mac: h.mac.clone(),
        };
        assert!(matches!(
            &verdict(&c[..11], &rewound)[..],
            [Tamper::Head { .. }]
        ));
        // Everything gone.
        assert_eq!(verdict(&[], &h), vec![Tamper::Emptied { head_count: 12 }]);
        // One appended with an unkeyed hash, and one "keyed" with another key.
        let mut more = c.clone();
        let mut extra = chain(13, 13).pop().unwrap();
        extra.prev_hash = c[11].hash.clone();
        extra.hash = legacy_audit_hash(&extra.prev_hash, 13, &extra.at, "k", "s", &extra.payload);
        more.push(extra.clone());
        assert_eq!(verdict(&more, &h)[0], Tamper::Unkeyed { seq: 13 });
        extra.hash = audit_hash(
            &ChainKey([1; 32]),
            &extra.prev_hash,
            13,
            &extra.at,
            "k",
            "s",
            &extra.payload,
        );
        more[12] = extra;
        assert_eq!(verdict(&more, &h)[0], Tamper::Changed { seq: 13 });
    }

    #[test]
    fn legacy_records_verify_only_as_a_sealed_prefix() {
        // Written before the key, then sealed by keyed records: intact, counted.
        let c = chain(6, 3);
        let r = verify_chain(&key(), "co", &c, &head(&c));
        assert_eq!((r.legacy, r.tampering.len()), (3, 0), "{r:?}");
        // A whole chain recomputed without the key (unkeyed) is named, whatever its head says.
        let all = chain(6, 6);
        let unmacced = AuditHead {
            seq: 6,
            hash: all[5].hash.clone(),
            mac: String::new(),
        };
        assert_eq!(
            verdict(&all, &unmacced),
            vec![Tamper::UnsealedLegacy {
                from_seq: 1,
                to_seq: 6
            }]
        );
    }

    #[test]
    fn field_boundaries_are_part_of_the_hash() {
        assert_ne!(
            audit_hash(&key(), "", 1, "a", "bc", "d", "e"),
            audit_hash(&key(), "", 1, "a", "b", "cd", "e")
        );
    }
}
