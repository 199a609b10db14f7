//! The one SQL store. SQLite and PostgreSQL both accept `$n` parameters, `ON CONFLICT` and
//! `RETURNING`, so every statement is written once and runs through sqlx's `Any` driver. The
//! only dialect differences are row locks (`FOR UPDATE`, `SKIP LOCKED`: PostgreSQL only, SQLite
//! has a single writer), which [`Dialect`] supplies, and how a connection is opened
//! (`sqlite.rs`, `postgres.rs`). Booleans are read as integers: the `Any` driver reads a SQLite
//! boolean as its stored integer and a PostgreSQL one as a boolean, and `CASE` gives both the same.

use sqlx::any::AnyRow;
use sqlx::Any;
use sqlx::AnyPool;

/// The database behind an [`SqlStore`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// The dialect of an open connection (the `Any` driver names its backend).
    fn of(conn: &sqlx::AnyConnection) -> Self {
        if conn.backend_name().eq_ignore_ascii_case("sqlite") {
            Self::Sqlite
        } else {
            Self::Postgres
        }
    }

    pub fn kind(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }

    /// Locks a company's row (the audit chain's head). PostgreSQL takes FOR NO KEY UPDATE, which
    /// does not conflict with the KEY SHARE locks that foreign-key checks of the same
    /// transaction take on the row (FOR UPDATE would deadlock two transactions that both
    /// inserted a session first). SQLite's single writer needs no lock.
    fn lock_head(self) -> &'static str {
        match self {
            Self::Sqlite => "",
            Self::Postgres => "FOR NO KEY UPDATE",
        }
    }

    /// Lets concurrent claimers pass each other's locked rows.
    fn skip_locked(self) -> &'static str {
        match self {
            Self::Sqlite => "",
            Self::Postgres => "FOR UPDATE SKIP LOCKED",
        }
    }
}

/// A [`super::Store`] on SQLite or PostgreSQL.
#[derive(Clone)]
pub struct SqlStore {
    pool: AnyPool,
    dialect: Dialect,
    /// Keys the audit chain; a store without it refuses to write audit records.
    chain_key: Option<ChainKey>,
}

impl SqlStore {
    pub(super) fn new(pool: AnyPool, dialect: Dialect) -> Self {
        Self {
            pool,
            dialect,
            chain_key: None,
        }
    }

    fn key(&self) -> StoreResult<&ChainKey> {
        self.chain_key.as_ref().ok_or(StoreError::Unkeyed)
    }

    /// SQLite only: cap the file at `pages` pages (`PRAGMA max_page_count` on the store's one
    /// connection), so a full disk can be reproduced without a small filesystem (the fault
    /// suite); a cap above the current size gives the space back. Returns the cap in force.
    pub async fn sqlite_max_page_count(&self, pages: i64) -> StoreResult<i64> {
        if self.dialect != Dialect::Sqlite {
            return Err(StoreError::Location("max_page_count is SQLite's".into()));
        }
        let row = sqlx::query(&format!("PRAGMA max_page_count = {pages}"))
            .fetch_one(&self.pool)
            .await?;
        Ok(row.get::<i64, _>(0))
    }

    /// SQLite only: the file's size in pages.
    pub async fn sqlite_page_count(&self) -> StoreResult<i64> {
        let row = sqlx::query("PRAGMA page_count")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.get::<i64, _>(0))
    }

    /// The audit triggers that should exist and be enabled (names by database).
    fn guard_triggers(&self) -> &'static [&'static str] {
        match self.dialect {
            Dialect::Sqlite => &["audit_log_no_delete", "audit_log_no_update"],
            Dialect::Postgres => &["audit_log_no_truncate", "audit_log_no_update"],
        }
    }
}

use aisha_core::care::{Controls, Relationship};
use aisha_core::{Company, CompanyId, Session};
use jiff::Timestamp;
use sqlx::Row;

use super::{
    audit_hash, head_mac, named, ActionRow, AuditEntry, AuditHead, AuditKind, AuditRecord,
    ChainKey, CompanyKey, CompanySecrets, ConversationRow, CustomerQuery, CustomerRow,
    CustomerSummary, Delivery, Due, EscalationRow, NewDelivery, OperatorRow, OperatorSave,
    RelationshipWrite, Saved, Store, StoreError, StoreResult, TransitionRow, TurnWrite,
};

type Tx<'c> = sqlx::Transaction<'c, Any>;

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("domain types serialize")
}

fn parse<T: serde::de::DeserializeOwned>(raw: &str, what: &str) -> StoreResult<T> {
    serde_json::from_str(raw).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

async fn append_audit_tx(
    tx: &mut Tx<'_>,
    key: &ChainKey,
    company: &str,
    entries: &[AuditEntry],
    now: Timestamp,
) -> StoreResult<()> {
    if entries.is_empty() {
        return Ok(());
    }
    // The company row is the chain's head: locking it orders concurrent writers.
    let lock = Dialect::of(tx).lock_head();
    let head = sqlx::query(&format!(
        "SELECT audit_seq, audit_hash FROM companies WHERE company_id = $1 {lock}"
    ))
    .bind(company)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| StoreError::Corrupt(format!("audit for unknown company {company}")))?;
    let (mut seq, mut prev): (i64, String) = (head.get(0), head.get(1));
    let at = now.to_string();
    for e in entries {
        seq += 1;
        let payload = e.payload.to_string();
        let hash = audit_hash(key, &prev, seq, &at, e.kind.as_str(), &e.subject, &payload);
        sqlx::query("INSERT INTO audit_log (company_id, seq, at, kind, subject, payload, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(company)
            .bind(seq)
            .bind(&at)
            .bind(e.kind.as_str())
            .bind(&e.subject)
            .bind(&payload)
            .bind(&prev)
            .bind(&hash)
            .execute(&mut **tx)
            .await?;
        prev = hash;
    }
    sqlx::query("UPDATE companies SET audit_seq = $1, audit_hash = $2, audit_head_mac = $3 WHERE company_id = $4")
        .bind(seq)
        .bind(&prev)
        .bind(head_mac(key, company, seq, &prev))
        .bind(company)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// `false` when the provider request was answered before.
async fn insert_webhook_reply(
    tx: &mut Tx<'_>,
    company: &str,
    provider_id: &str,
    reply: &str,
    now: Timestamp,
) -> StoreResult<bool> {
    let done = sqlx::query("INSERT INTO webhook_replies (company_id, provider_id, reply, at) VALUES ($1, $2, $3, $4) ON CONFLICT (company_id, provider_id) DO NOTHING")
        .bind(company)
        .bind(provider_id)
        .bind(reply)
        .bind(now.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

async fn insert_deliveries(
    tx: &mut Tx<'_>,
    company: &str,
    deliveries: &[NewDelivery],
    now: Timestamp,
) -> StoreResult<()> {
    for d in deliveries {
        sqlx::query("INSERT INTO outbox (company_id, customer_id, channel, destination, payload, idempotency_key, next_attempt_ms, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (idempotency_key) DO NOTHING")
            .bind(company)
            .bind(d.customer_id.as_deref())
            .bind(d.channel.as_str())
            .bind(&d.destination)
            .bind(d.payload.to_string())
            .bind(&d.idempotency_key)
            .bind(now.as_millisecond())
            .bind(now.to_string())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

async fn insert_effects(
    tx: &mut Tx<'_>,
    company: &str,
    customer: &str,
    fx: &aisha_core::care::Effects,
) -> StoreResult<()> {
    for a in &fx.actions {
        sqlx::query("INSERT INTO actions (company_id, customer_id, at, kind, action_origin, reason, policy_gate_result, delivered, record) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(company)
            .bind(customer)
            .bind(a.at.to_string())
            .bind(a.kind.as_str())
            .bind(a.action_origin.as_str())
            .bind(&a.reason)
            .bind(a.policy_gate_result.as_str())
            .bind(a.delivered)
            .bind(json(a))
            .execute(&mut **tx)
            .await?;
    }
    for t in &fx.transitions {
        sqlx::query("INSERT INTO transitions (company_id, customer_id, at, from_state, to_state, rule, explanation, record) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(company)
            .bind(customer)
            .bind(t.at.to_string())
            .bind(t.from.as_str())
            .bind(t.to.as_str())
            .bind(&t.rule)
            .bind(&t.explanation)
            .bind(json(t))
            .execute(&mut **tx)
            .await?;
    }
    for e in &fx.escalations {
        sqlx::query("INSERT INTO escalations (company_id, customer_id, at, trigger_name, reason, record) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(company)
            .bind(customer)
            .bind(e.at.to_string())
            .bind(&e.trigger)
            .bind(&e.reason)
            .bind(json(&e.evidence))
            .execute(&mut **tx)
            .await?;
    }
    for o in &fx.overrides {
        sqlx::query("INSERT INTO overrides (company_id, customer_id, at, what, by_whom, reason) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(company)
            .bind(customer)
            .bind(o.at.to_string())
            .bind(&o.what)
            .bind(&o.by)
            .bind(o.reason.as_str())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

fn delivery_row(r: &AnyRow) -> StoreResult<Delivery> {
    Ok(Delivery {
        id: r.get("id"),
        company_id: r.get("company_id"),
        customer_id: r.get("customer_id"),
        channel: named(&r.get::<String, _>("channel"), "delivery channel")?,
        destination: r.get("destination"),
        payload: parse(&r.get::<String, _>("payload"), "delivery payload")?,
        idempotency_key: r.get("idempotency_key"),
        status: named(&r.get::<String, _>("status"), "delivery status")?,
        attempts: r.get("attempts"),
        last_error: r.get("last_error"),
        created_at: r.get("created_at"),
        sent_at: r.get("sent_at"),
        provider_id: r.get("provider_id"),
    })
}

const DELIVERY_COLUMNS: &str = "id, company_id, customer_id, channel, destination, payload, idempotency_key, status, attempts, last_error, created_at, sent_at, provider_id";

/// "First Last" as the console searches and sorts by it; `None` when there is no name.
fn display_name(c: &aisha_core::care::Customer) -> Option<String> {
    let name = [c.first_name.as_deref(), c.last_name.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!name.is_empty()).then_some(name)
}

/// A search for LIKE: lowercase, its own `%` and `_` escaped, anywhere in the value.
fn like_pattern(text: &str) -> String {
    let mut p = String::from("%");
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// One relationship write inside `tx`; `Conflict` writes nothing of this relationship.
async fn write_relationship_tx(
    tx: &mut Tx<'_>,
    key: &ChainKey,
    w: &RelationshipWrite<'_>,
) -> StoreResult<Saved> {
    let company = w.company.as_str();
    let customer = w.rel.customer.id.as_str();
    if let Some((key, response)) = w.idempotency {
        let fresh = sqlx::query("INSERT INTO processed_events (company_id, idempotency_key, customer_id, at, response) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (company_id, idempotency_key) DO NOTHING")
            .bind(company)
            .bind(key)
            .bind(customer)
            .bind(w.now.to_string())
            .bind(response.to_string())
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1;
        if !fresh {
            return Ok(Saved::Conflict);
        }
    }
    let next_due = w.next_due.map(|t| t.as_millisecond());
    let written = match w.expected_version {
        // The service stores phones in E.164; anything else is kept in the JSON only.
        None => sqlx::query("INSERT INTO relationships (company_id, customer_id, state, relationship, next_due_ms, version, phone_digits, phone_e164, display_name) VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8) ON CONFLICT (company_id, customer_id) DO NOTHING")
            .bind(company)
            .bind(customer)
            .bind(w.rel.state.as_str())
            .bind(json(w.rel))
            .bind(next_due)
            .bind(super::phone_digits(w.rel.customer.phone.as_deref()))
            .bind(w.rel.customer.phone.as_deref().filter(|p| p.starts_with('+')))
            .bind(display_name(&w.rel.customer))
            .execute(&mut **tx)
            .await?,
        // Saving also ends any scheduler lease: the decision is made.
        Some(v) => sqlx::query("UPDATE relationships SET state = $1, relationship = $2, next_due_ms = $3, version = version + 1, lease_owner = NULL, lease_until_ms = NULL, display_name = $7 WHERE company_id = $4 AND customer_id = $5 AND version = $6")
            .bind(w.rel.state.as_str())
            .bind(json(w.rel))
            .bind(next_due)
            .bind(company)
            .bind(customer)
            .bind(v)
            .bind(display_name(&w.rel.customer))
            .execute(&mut **tx)
            .await?,
    };
    if written.rows_affected() != 1 {
        return Ok(Saved::Conflict);
    }
    insert_effects(tx, company, customer, w.effects).await?;
    if let Some(c) = w.controls {
        sqlx::query(
            "UPDATE companies SET kill_switch = $1, shadow_mode = $2 WHERE company_id = $3",
        )
        .bind(c.kill_switch)
        .bind(c.shadow_mode)
        .bind(company)
        .execute(&mut **tx)
        .await?;
    }
    insert_deliveries(tx, company, w.deliveries, w.now).await?;
    append_audit_tx(tx, key, company, w.audit, w.now).await?;
    Ok(Saved::Applied)
}

const OPERATOR_COLUMNS: &str = "company_id, operator_id, email, name, role, password_hash, invite_hash, invite_expires_at, created_at, removed_at, version";

fn operator_row(r: &AnyRow) -> StoreResult<OperatorRow> {
    Ok(OperatorRow {
        company_id: r.get(0),
        operator_id: r.get(1),
        email: r.get(2),
        name: r.get(3),
        role: named(&r.get::<String, _>(4), "role")?,
        password_hash: r.get(5),
        invite_hash: r.get(6),
        invite_expires_at: r.get(7),
        created_at: r.get(8),
        removed_at: r.get(9),
        version: r.get(10),
    })
}

#[async_trait::async_trait]
impl Store for SqlStore {
    fn kind(&self) -> &'static str {
        self.dialect.kind()
    }

    fn keyed(&self, key: ChainKey) -> std::sync::Arc<dyn Store> {
        std::sync::Arc::new(Self {
            chain_key: Some(key),
            ..self.clone()
        })
    }

    async fn put_company(
        &self,
        company: &Company,
        secrets: &CompanySecrets,
        api_key_hash: Option<&str>,
        by: &str,
        now: Timestamp,
    ) -> StoreResult<bool> {
        let id = company.company_id.as_str();
        let mut tx = self.pool.begin().await?;
        let created = sqlx::query("INSERT INTO companies (company_id, config, api_key_hash, updated_at, secrets) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (company_id) DO NOTHING")
            .bind(id)
            .bind(json(company))
            .bind(api_key_hash)
            .bind(now.to_string())
            .bind(secrets.sealed.as_deref())
            .execute(&mut *tx)
            .await?
            .rows_affected()
            == 1;
        if !created {
            sqlx::query("UPDATE companies SET config = $1, updated_at = $2, secrets = $3 WHERE company_id = $4")
                .bind(json(company))
                .bind(now.to_string())
                .bind(secrets.sealed.as_deref())
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        // The configuration serializes without its secrets; the log says which ones changed.
        let mut payload = serde_json::to_value(company).expect("company serializes");
        payload["by"] = serde_json::json!(by);
        if !secrets.changed.is_empty() {
            payload["secretsChanged"] = serde_json::json!(secrets.changed);
        }
        let entry = AuditEntry {
            kind: if created {
                AuditKind::CompanyCreated
            } else {
                AuditKind::CompanyUpdated
            },
            subject: format!("company:{id}"),
            payload,
        };
        append_audit_tx(&mut tx, self.key()?, id, &[entry], now).await?;
        tx.commit().await?;
        Ok(created)
    }

    async fn company_secrets(&self, id: &CompanyId) -> StoreResult<Option<String>> {
        let row = sqlx::query("SELECT secrets FROM companies WHERE company_id = $1")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.and_then(|r| r.get::<Option<String>, _>(0)))
    }

    async fn company(&self, id: &CompanyId) -> StoreResult<Option<Company>> {
        let row = sqlx::query("SELECT config FROM companies WHERE company_id = $1")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| parse(&r.get::<String, _>(0), "company"))
            .transpose()
    }

    async fn key_hash(&self, id: &CompanyId, key: CompanyKey) -> StoreResult<Option<String>> {
        let column = key.column();
        let row = sqlx::query(&format!(
            "SELECT {column} FROM companies WHERE company_id = $1"
        ))
        .bind(id.as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.and_then(|r| r.get::<Option<String>, _>(0)))
    }

    async fn set_key_hash(
        &self,
        id: &CompanyId,
        key: CompanyKey,
        hash: &str,
        audit: &[AuditEntry],
        now: Timestamp,
    ) -> StoreResult<bool> {
        let column = key.column();
        let mut tx = self.pool.begin().await?;
        let found = sqlx::query(&format!(
            "UPDATE companies SET {column} = $1, updated_at = $2 WHERE company_id = $3"
        ))
        .bind(hash)
        .bind(now.to_string())
        .bind(id.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if found {
            append_audit_tx(&mut tx, self.key()?, id.as_str(), audit, now).await?;
        }
        tx.commit().await?;
        Ok(found)
    }

    async fn controls(&self, id: &CompanyId) -> StoreResult<Controls> {
        let row = sqlx::query("SELECT CASE WHEN kill_switch THEN 1 ELSE 0 END, CASE WHEN shadow_mode THEN 1 ELSE 0 END FROM companies WHERE company_id = $1")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row
            .map(|r| Controls {
                kill_switch: r.get::<i64, _>(0) != 0,
                shadow_mode: r.get::<i64, _>(1) != 0,
            })
            .unwrap_or_default())
    }

    async fn set_controls(
        &self,
        id: &CompanyId,
        c: Controls,
        audit: &[AuditEntry],
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE companies SET kill_switch = $1, shadow_mode = $2 WHERE company_id = $3",
        )
        .bind(c.kill_switch)
        .bind(c.shadow_mode)
        .bind(id.as_str())
        .execute(&mut *tx)
        .await?;
        append_audit_tx(&mut tx, self.key()?, id.as_str(), audit, now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn global_kill_switch(&self) -> StoreResult<bool> {
        let row = sqlx::query("SELECT value FROM settings WHERE name = 'global_kill_switch'")
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some_and(|r| r.get::<String, _>(0) == "on"))
    }

    async fn operators(&self, company: &CompanyId) -> StoreResult<Vec<OperatorRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {OPERATOR_COLUMNS} FROM operators WHERE company_id = $1 ORDER BY lower(name), email"
        ))
        .bind(company.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(operator_row).collect()
    }

    async fn operator(
        &self,
        company: &CompanyId,
        operator_id: &str,
    ) -> StoreResult<Option<OperatorRow>> {
        let row = sqlx::query(&format!(
            "SELECT {OPERATOR_COLUMNS} FROM operators WHERE company_id = $1 AND operator_id = $2"
        ))
        .bind(company.as_str())
        .bind(operator_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(operator_row).transpose()
    }

    async fn operator_by_invite(&self, invite_hash: &str) -> StoreResult<Option<OperatorRow>> {
        let row = sqlx::query(&format!(
            "SELECT {OPERATOR_COLUMNS} FROM operators WHERE invite_hash = $1"
        ))
        .bind(invite_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(operator_row).transpose()
    }

    async fn save_operator(
        &self,
        row: &OperatorRow,
        new: bool,
        keep_an_owner: bool,
        audit: &[AuditEntry],
        now: Timestamp,
    ) -> StoreResult<OperatorSave> {
        let mut tx = self.pool.begin().await?;
        // Team changes of one company take turns: PostgreSQL locks the company's row, SQLite
        // takes its one write lock here rather than after reading.
        sqlx::query("UPDATE companies SET updated_at = updated_at WHERE company_id = $1")
            .bind(&row.company_id)
            .execute(&mut *tx)
            .await?;
        let current: Option<i64> =
            sqlx::query("SELECT version FROM operators WHERE company_id = $1 AND operator_id = $2")
                .bind(&row.company_id)
                .bind(&row.operator_id)
                .fetch_optional(&mut *tx)
                .await?
                .map(|r| r.get(0));
        let expected = (!new).then_some(row.version);
        if current != expected {
            return Ok(OperatorSave::Stale);
        }
        let taken = sqlx::query(
            "SELECT 1 FROM operators WHERE company_id = $1 AND email = $2 AND operator_id <> $3",
        )
        .bind(&row.company_id)
        .bind(&row.email)
        .bind(&row.operator_id)
        .fetch_optional(&mut *tx)
        .await?
        .is_some();
        if taken {
            return Ok(OperatorSave::EmailTaken);
        }
        if keep_an_owner {
            let others: i64 = sqlx::query(
                "SELECT count(*) FROM operators WHERE company_id = $1 AND operator_id <> $2 \
                 AND role = 'owner' AND removed_at IS NULL AND password_hash IS NOT NULL",
            )
            .bind(&row.company_id)
            .bind(&row.operator_id)
            .fetch_one(&mut *tx)
            .await?
            .get(0);
            if others == 0 {
                return Ok(OperatorSave::LastOwner);
            }
        }
        let version = if new { 0 } else { row.version + 1 };
        sqlx::query(
            "INSERT INTO operators (company_id, operator_id, email, name, role, password_hash, invite_hash, invite_expires_at, created_at, removed_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
             ON CONFLICT (company_id, operator_id) DO UPDATE SET email = excluded.email, name = excluded.name, role = excluded.role, \
             password_hash = excluded.password_hash, invite_hash = excluded.invite_hash, invite_expires_at = excluded.invite_expires_at, \
             removed_at = excluded.removed_at, version = excluded.version",
        )
        .bind(&row.company_id)
        .bind(&row.operator_id)
        .bind(&row.email)
        .bind(&row.name)
        .bind(row.role.as_str())
        .bind(row.password_hash.as_deref())
        .bind(row.invite_hash.as_deref())
        .bind(row.invite_expires_at.as_deref())
        .bind(&row.created_at)
        .bind(row.removed_at.as_deref())
        .bind(version)
        .execute(&mut *tx)
        .await?;
        append_audit_tx(&mut tx, self.key()?, &row.company_id, audit, now).await?;
        tx.commit().await?;
        Ok(OperatorSave::Saved)
    }

    async fn console_secret(&self) -> StoreResult<String> {
        let fresh = format!(
            "{}{}",
            uuid::Uuid::new_v4().simple(),
            uuid::Uuid::new_v4().simple()
        );
        sqlx::query("INSERT INTO settings (name, value) VALUES ('console_secret', $1) ON CONFLICT (name) DO NOTHING")
            .bind(fresh)
            .execute(&self.pool)
            .await?;
        let row = sqlx::query("SELECT value FROM settings WHERE name = 'console_secret'")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.get(0))
    }

    async fn set_global_kill_switch(&self, on: bool) -> StoreResult<()> {
        sqlx::query("INSERT INTO settings (name, value) VALUES ('global_kill_switch', $1) ON CONFLICT (name) DO UPDATE SET value = excluded.value")
            .bind(if on { "on" } else { "off" })
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn session(
        &self,
        company: &CompanyId,
        conversation: &str,
    ) -> StoreResult<Option<Session>> {
        let row = sqlx::query(
            "SELECT session FROM sessions WHERE company_id = $1 AND conversation_id = $2",
        )
        .bind(company.as_str())
        .bind(conversation)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| parse(&r.get::<String, _>(0), "session"))
            .transpose()
    }

    async fn save_turn(&self, w: TurnWrite<'_>) -> StoreResult<Saved> {
        let TurnWrite {
            company,
            conversation,
            customer,
            session,
            outcome,
            deliveries,
            audit,
            webhook,
            relationships,
            now,
        } = w;
        let key = self.key()?;
        let mut tx = self.pool.begin().await?;
        // First, so a concurrent retry of the same provider request waits on this row
        // and then writes nothing.
        if let Some((id, reply)) = webhook {
            if !insert_webhook_reply(&mut tx, company.as_str(), id, reply, now).await? {
                return Ok(Saved::Conflict);
            }
        }
        sqlx::query("INSERT INTO sessions (company_id, conversation_id, session, updated_at, mode) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (company_id, conversation_id) DO UPDATE SET session = excluded.session, updated_at = excluded.updated_at, mode = excluded.mode")
            .bind(company.as_str())
            .bind(conversation)
            .bind(json(session))
            .bind(now.to_string())
            .bind(session.mode.as_str())
            .execute(&mut *tx)
            .await?;
        if outcome.escalated() {
            let names: Vec<&str> = outcome
                .escalation
                .iter()
                .map(|d| d.signal.as_str())
                .collect();
            let said = session
                .transcript
                .iter()
                .rev()
                .find(|t| t.speaker == aisha_core::session::Speaker::Caller)
                .map(|t| t.text.as_str())
                .unwrap_or("");
            let reason = format!("Front desk: {} detected in {said:?}", names.join(", "));
            sqlx::query("INSERT INTO escalations (company_id, conversation_id, customer_id, at, trigger_name, reason, record) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(company.as_str())
                .bind(conversation)
                .bind(customer)
                .bind(now.to_string())
                .bind(names[0])
                .bind(reason)
                .bind(json(&outcome.escalation))
                .execute(&mut *tx)
                .await?;
        }
        insert_deliveries(&mut tx, company.as_str(), deliveries, now).await?;
        append_audit_tx(&mut tx, key, company.as_str(), audit, now).await?;
        for r in relationships {
            if write_relationship_tx(&mut tx, key, r).await? == Saved::Conflict {
                // Dropping the transaction rolls the turn back with it.
                return Ok(Saved::Conflict);
            }
        }
        tx.commit().await?;
        Ok(Saved::Applied)
    }

    async fn webhook_reply(
        &self,
        company: &CompanyId,
        provider_id: &str,
    ) -> StoreResult<Option<String>> {
        let row = sqlx::query(
            "SELECT reply FROM webhook_replies WHERE company_id = $1 AND provider_id = $2",
        )
        .bind(company.as_str())
        .bind(provider_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.get::<String, _>(0)))
    }

    async fn save_webhook_reply(
        &self,
        company: &CompanyId,
        provider_id: &str,
        reply: &str,
        now: Timestamp,
    ) -> StoreResult<Saved> {
        let mut tx = self.pool.begin().await?;
        let fresh =
            insert_webhook_reply(&mut tx, company.as_str(), provider_id, reply, now).await?;
        tx.commit().await?;
        Ok(if fresh {
            Saved::Applied
        } else {
            Saved::Conflict
        })
    }

    async fn relationship(
        &self,
        company: &CompanyId,
        customer: &str,
    ) -> StoreResult<Option<(Relationship, i64)>> {
        let row = sqlx::query("SELECT relationship, version FROM relationships WHERE company_id = $1 AND customer_id = $2")
            .bind(company.as_str())
            .bind(customer)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok((
                parse(&r.get::<String, _>(0), "relationship")?,
                r.get::<i64, _>(1),
            ))
        })
        .transpose()
    }

    async fn save_relationship(&self, w: RelationshipWrite<'_>) -> StoreResult<Saved> {
        let mut tx = self.pool.begin().await?;
        let saved = write_relationship_tx(&mut tx, self.key()?, &w).await?;
        if saved == Saved::Applied {
            tx.commit().await?;
        }
        Ok(saved)
    }

    async fn save_relationships(
        &self,
        writes: &[RelationshipWrite<'_>],
    ) -> StoreResult<Vec<StoreResult<Saved>>> {
        // One commit for the batch. Companies are locked (audit heads) in id order so two
        // workers' batches can never wait on each other in a cycle.
        let mut order: Vec<usize> = (0..writes.len()).collect();
        order.sort_by(|a, b| writes[*a].company.as_str().cmp(writes[*b].company.as_str()));
        let key = self.key()?;
        let mut tx = self.pool.begin().await?;
        let mut saved: Vec<StoreResult<Saved>> =
            (0..writes.len()).map(|_| Ok(Saved::Conflict)).collect();
        for i in order {
            debug_assert!(
                writes[i].idempotency.is_none(),
                "batched writes carry no idempotency key"
            );
            // A savepoint per write: one that fails (a row the database refuses) is rolled
            // back alone, and PostgreSQL's transaction stays usable for the rest.
            sqlx::query("SAVEPOINT batch_write")
                .execute(&mut *tx)
                .await?;
            let result = write_relationship_tx(&mut tx, key, &writes[i]).await;
            let undo = match &result {
                Ok(Saved::Applied) => "RELEASE SAVEPOINT batch_write",
                _ => "ROLLBACK TO SAVEPOINT batch_write",
            };
            sqlx::query(undo).execute(&mut *tx).await?;
            saved[i] = result;
        }
        tx.commit().await?;
        Ok(saved)
    }

    async fn customers(&self, company: &CompanyId) -> StoreResult<Vec<CustomerRow>> {
        let rows = sqlx::query("SELECT customer_id, state, next_due_ms FROM relationships WHERE company_id = $1 ORDER BY customer_id")
            .bind(company.as_str())
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| CustomerRow {
                customer_id: r.get(0),
                state: r.get(1),
                next_due: r
                    .get::<Option<i64>, _>(2)
                    .and_then(|ms| Timestamp::from_millisecond(ms).ok())
                    .map(|t| t.to_string()),
            })
            .collect())
    }

    async fn customer_by_phone(
        &self,
        company: &CompanyId,
        phone: &str,
    ) -> StoreResult<Option<String>> {
        let row = sqlx::query(
            "SELECT customer_id FROM relationships WHERE company_id = $1 AND phone_e164 = $2",
        )
        .bind(company.as_str())
        .bind(phone)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.get(0)))
    }

    async fn processed_event(
        &self,
        company: &CompanyId,
        key: &str,
    ) -> StoreResult<Option<serde_json::Value>> {
        let row = sqlx::query(
            "SELECT response FROM processed_events WHERE company_id = $1 AND idempotency_key = $2",
        )
        .bind(company.as_str())
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| parse(&r.get::<String, _>(0), "processed event"))
            .transpose()
    }

    async fn next_due(&self, company: &CompanyId, until_ms: i64) -> StoreResult<Option<Due>> {
        let row = sqlx::query("SELECT customer_id, next_due_ms, version FROM relationships WHERE company_id = $1 AND next_due_ms IS NOT NULL AND next_due_ms <= $2 ORDER BY next_due_ms, customer_id LIMIT 1")
            .bind(company.as_str())
            .bind(until_ms)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| Due {
            company_id: company.as_str().to_owned(),
            customer_id: r.get(0),
            due_ms: r.get(1),
            version: r.get(2),
        }))
    }

    async fn claim_due(
        &self,
        worker: &str,
        now_ms: i64,
        lease_until_ms: i64,
        limit: i64,
    ) -> StoreResult<Vec<Due>> {
        let skip_locked = self.dialect.skip_locked();
        let rows = sqlx::query(&format!(
            "UPDATE relationships SET lease_owner = $1, lease_until_ms = $2 WHERE (company_id, customer_id) IN (\
             SELECT company_id, customer_id FROM relationships WHERE next_due_ms IS NOT NULL AND next_due_ms <= $3 \
             AND (lease_until_ms IS NULL OR lease_until_ms < $3) ORDER BY next_due_ms LIMIT $4 {skip_locked}\
             ) RETURNING company_id, customer_id, next_due_ms, version"
        ))
        .bind(worker)
        .bind(lease_until_ms)
        .bind(now_ms)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut due: Vec<Due> = rows
            .into_iter()
            .map(|r| Due {
                company_id: r.get(0),
                customer_id: r.get(1),
                due_ms: r.get(2),
                version: r.get(3),
            })
            .collect();
        due.sort_by(|a, b| (a.due_ms, &a.customer_id).cmp(&(b.due_ms, &b.customer_id)));
        Ok(due)
    }

    async fn escalations(
        &self,
        company: &CompanyId,
        open_only: bool,
    ) -> StoreResult<Vec<EscalationRow>> {
        let sql = if open_only {
            "SELECT id, customer_id, conversation_id, at, trigger_name, reason, status, resolved_by, resolution_note, record FROM escalations WHERE company_id = $1 AND status = 'open' ORDER BY id"
        } else {
            "SELECT id, customer_id, conversation_id, at, trigger_name, reason, status, resolved_by, resolution_note, record FROM escalations WHERE company_id = $1 ORDER BY id"
        };
        let rows = sqlx::query(sql)
            .bind(company.as_str())
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter()
            .map(|r| {
                Ok(EscalationRow {
                    id: r.get(0),
                    customer_id: r.get(1),
                    conversation_id: r.get(2),
                    at: r.get(3),
                    trigger: r.get(4),
                    reason: r.get(5),
                    status: named(&r.get::<String, _>(6), "escalation status")?,
                    resolved_by: r.get(7),
                    resolution_note: r.get(8),
                    evidence: parse(&r.get::<String, _>(9), "escalation evidence")?,
                })
            })
            .collect()
    }

    async fn resolve_escalation(
        &self,
        company: &CompanyId,
        id: i64,
        by: &str,
        note: &str,
        audit: &[AuditEntry],
        now: Timestamp,
    ) -> StoreResult<bool> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query("UPDATE escalations SET status = 'resolved', resolved_by = $1, resolution_note = $2 WHERE company_id = $3 AND id = $4 AND status = 'open'")
            .bind(by)
            .bind(note)
            .bind(company.as_str())
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            == 1;
        if done {
            append_audit_tx(&mut tx, self.key()?, company.as_str(), audit, now).await?;
        }
        tx.commit().await?;
        Ok(done)
    }

    async fn actions(&self, company: &CompanyId, customer: &str) -> StoreResult<Vec<ActionRow>> {
        let rows = sqlx::query("SELECT id, customer_id, record FROM actions WHERE company_id = $1 AND customer_id = $2 ORDER BY id")
            .bind(company.as_str())
            .bind(customer)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter()
            .map(|r| {
                Ok(ActionRow {
                    id: r.get(0),
                    customer_id: r.get(1),
                    record: parse(&r.get::<String, _>(2), "action")?,
                })
            })
            .collect()
    }

    async fn transitions(
        &self,
        company: &CompanyId,
        customer: &str,
    ) -> StoreResult<Vec<TransitionRow>> {
        let rows = sqlx::query("SELECT id, customer_id, record FROM transitions WHERE company_id = $1 AND customer_id = $2 ORDER BY id")
            .bind(company.as_str())
            .bind(customer)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter()
            .map(|r| {
                Ok(TransitionRow {
                    id: r.get(0),
                    customer_id: r.get(1),
                    record: parse(&r.get::<String, _>(2), "transition")?,
                })
            })
            .collect()
    }

    async fn claim_deliveries(
        &self,
        worker: &str,
        now_ms: i64,
        lease_until_ms: i64,
        limit: i64,
    ) -> StoreResult<Vec<Delivery>> {
        let rows = sqlx::query(&format!(
            "UPDATE outbox SET lease_owner = $1, lease_until_ms = $2, attempts = attempts + 1 WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_ms <= $3 AND (lease_until_ms IS NULL OR lease_until_ms < $3) ORDER BY id LIMIT $4 {}) RETURNING {DELIVERY_COLUMNS}",
            self.dialect.skip_locked()
        ))
        .bind(worker)
        .bind(lease_until_ms)
        .bind(now_ms)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut out = rows
            .iter()
            .map(delivery_row)
            .collect::<StoreResult<Vec<_>>>()?;
        out.sort_by_key(|d| d.id);
        Ok(out)
    }

    async fn renew_delivery_leases(
        &self,
        ids: &[i64],
        worker: &str,
        lease_until_ms: i64,
    ) -> StoreResult<Vec<i64>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // Ids are integers: the list is built from numbers, not from input.
        let list = ids
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let rows = sqlx::query(&format!("UPDATE outbox SET lease_until_ms = $1 WHERE id IN ({list}) AND lease_owner = $2 AND status = 'pending' RETURNING id"))
            .bind(lease_until_ms)
            .bind(worker)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|r| r.get::<i64, _>(0)).collect())
    }

    async fn deliveries_sent(
        &self,
        sent: &[(i64, Option<String>)],
        worker: &str,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        for (id, provider_id) in sent {
            sqlx::query("UPDATE outbox SET status = 'sent', sent_at = $1, lease_owner = NULL, lease_until_ms = NULL, last_error = NULL, provider_id = $4 WHERE id = $2 AND lease_owner = $3")
                .bind(now.to_string())
                .bind(id)
                .bind(worker)
                .bind(provider_id.as_deref())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn delivery_failed(
        &self,
        id: i64,
        worker: &str,
        error: &str,
        retry_at_ms: Option<i64>,
    ) -> StoreResult<()> {
        match retry_at_ms {
            Some(at) => sqlx::query("UPDATE outbox SET next_attempt_ms = $1, last_error = $2, lease_owner = NULL, lease_until_ms = NULL WHERE id = $3 AND lease_owner = $4")
                .bind(at)
                .bind(error)
                .bind(id)
                .bind(worker)
                .execute(&self.pool)
                .await?,
            None => sqlx::query("UPDATE outbox SET status = 'failed', last_error = $1, lease_owner = NULL, lease_until_ms = NULL WHERE id = $2 AND lease_owner = $3")
                .bind(error)
                .bind(id)
                .bind(worker)
                .execute(&self.pool)
                .await?,
        };
        Ok(())
    }

    async fn deliveries(&self, company: &CompanyId, limit: i64) -> StoreResult<Vec<Delivery>> {
        let rows = sqlx::query(&format!(
            "SELECT {DELIVERY_COLUMNS} FROM outbox WHERE company_id = $1 ORDER BY id DESC LIMIT $2"
        ))
        .bind(company.as_str())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(delivery_row).collect()
    }

    async fn append_audit(
        &self,
        company: &CompanyId,
        entries: &[AuditEntry],
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        append_audit_tx(&mut tx, self.key()?, company.as_str(), entries, now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn audit(
        &self,
        company: &CompanyId,
        after_seq: i64,
        limit: i64,
    ) -> StoreResult<Vec<AuditRecord>> {
        let rows = sqlx::query("SELECT seq, at, kind, subject, payload, prev_hash, hash FROM audit_log WHERE company_id = $1 AND seq > $2 ORDER BY seq LIMIT $3")
            .bind(company.as_str())
            .bind(after_seq)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| AuditRecord {
                seq: r.get(0),
                at: r.get(1),
                kind: r.get(2),
                subject: r.get(3),
                payload: r.get(4),
                prev_hash: r.get(5),
                hash: r.get(6),
            })
            .collect())
    }

    async fn customers_page(
        &self,
        company: &CompanyId,
        q: &CustomerQuery,
    ) -> StoreResult<(Vec<CustomerSummary>, i64)> {
        let search = q.search.trim();
        let digits: String = search.chars().filter(char::is_ascii_digit).collect();
        // A search without digits must not match every phone.
        let phone = if digits.len() >= 3 {
            format!("%{digits}%")
        } else {
            "-".into()
        };
        let filter = "company_id = $1 AND ($2 = '' OR lower(coalesce(display_name, '')) LIKE $3 ESCAPE '\\' \
             OR lower(customer_id) LIKE $3 ESCAPE '\\' OR coalesce(phone_e164, '') LIKE $4) AND ($5 = '' OR state = $5)";
        let state = q.state.as_deref().unwrap_or("");
        let total: i64 = sqlx::query(&format!(
            "SELECT COUNT(*) FROM relationships WHERE {filter}"
        ))
        .bind(company.as_str())
        .bind(search)
        .bind(like_pattern(search))
        .bind(&phone)
        .bind(state)
        .fetch_one(&self.pool)
        .await?
        .get(0);
        let rows = sqlx::query(&format!(
            "SELECT customer_id, display_name, relationship, state, next_due_ms FROM relationships WHERE {filter} \
             ORDER BY CASE WHEN display_name IS NULL THEN 1 ELSE 0 END, lower(display_name), customer_id LIMIT $6 OFFSET $7"
        ))
        .bind(company.as_str())
        .bind(search)
        .bind(like_pattern(search))
        .bind(&phone)
        .bind(state)
        .bind(q.limit)
        .bind(q.offset)
        .fetch_all(&self.pool)
        .await?;
        let page = rows
            .into_iter()
            .map(|r| {
                let rel: Relationship = parse(&r.get::<String, _>(2), "relationship")?;
                Ok(CustomerSummary {
                    customer_id: r.get(0),
                    name: r.get(1),
                    phone: rel.customer.phone,
                    state: r.get(3),
                    next_due_ms: r.get(4),
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok((page, total))
    }

    async fn state_counts(&self, company: &CompanyId) -> StoreResult<Vec<(String, i64)>> {
        let rows = sqlx::query(
            "SELECT state, COUNT(*) FROM relationships WHERE company_id = $1 GROUP BY state",
        )
        .bind(company.as_str())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    async fn deliveries_page(
        &self,
        company: &CompanyId,
        customer: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> StoreResult<(Vec<Delivery>, i64)> {
        let filter = "company_id = $1 AND ($2 = '' OR customer_id = $2)";
        let customer = customer.unwrap_or("");
        let total: i64 = sqlx::query(&format!("SELECT COUNT(*) FROM outbox WHERE {filter}"))
            .bind(company.as_str())
            .bind(customer)
            .fetch_one(&self.pool)
            .await?
            .get(0);
        let rows = sqlx::query(&format!(
            "SELECT {DELIVERY_COLUMNS} FROM outbox WHERE {filter} ORDER BY id DESC LIMIT $3 OFFSET $4"
        ))
        .bind(company.as_str())
        .bind(customer)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        Ok((
            rows.iter().map(delivery_row).collect::<StoreResult<_>>()?,
            total,
        ))
    }

    async fn delivery_by_key(
        &self,
        company: &CompanyId,
        key: &str,
    ) -> StoreResult<Option<Delivery>> {
        let row = sqlx::query(&format!(
            "SELECT {DELIVERY_COLUMNS} FROM outbox WHERE company_id = $1 AND idempotency_key = $2"
        ))
        .bind(company.as_str())
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(delivery_row).transpose()
    }

    async fn conversations(
        &self,
        company: &CompanyId,
        mode: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> StoreResult<(Vec<ConversationRow>, i64)> {
        let filter = "company_id = $1 AND ($2 = '' OR mode = $2)";
        let mode = mode.unwrap_or("");
        let total: i64 = sqlx::query(&format!("SELECT COUNT(*) FROM sessions WHERE {filter}"))
            .bind(company.as_str())
            .bind(mode)
            .fetch_one(&self.pool)
            .await?
            .get(0);
        let rows = sqlx::query(&format!(
            "SELECT conversation_id, updated_at, session FROM sessions WHERE {filter} \
             ORDER BY updated_at DESC, conversation_id LIMIT $3 OFFSET $4"
        ))
        .bind(company.as_str())
        .bind(mode)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let page = rows
            .into_iter()
            .map(|r| {
                Ok(ConversationRow {
                    conversation_id: r.get(0),
                    updated_at: r.get(1),
                    session: parse(&r.get::<String, _>(2), "session")?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok((page, total))
    }

    async fn audit_head(&self, company: &CompanyId) -> StoreResult<Option<AuditHead>> {
        let row = sqlx::query(
            "SELECT audit_seq, audit_hash, audit_head_mac FROM companies WHERE company_id = $1",
        )
        .bind(company.as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| AuditHead {
            seq: r.get(0),
            hash: r.get(1),
            mac: r.get(2),
        }))
    }

    async fn missing_audit_triggers(&self) -> StoreResult<Vec<String>> {
        // PostgreSQL: a trigger disabled with ALTER TABLE … DISABLE TRIGGER counts as missing.
        let sql = match self.dialect {
            Dialect::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
            }
            Dialect::Postgres => {
                "SELECT tgname::text FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass \
                 AND NOT tgisinternal AND tgenabled <> 'D'"
            }
        };
        let present: Vec<String> = sqlx::query(sql)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| r.get(0))
            .collect();
        Ok(self
            .guard_triggers()
            .iter()
            .filter(|t| !present.iter().any(|p| p == *t))
            .map(|t| (*t).to_owned())
            .collect())
    }

    async fn unsealed_audit_chains(&self) -> StoreResult<Vec<CompanyId>> {
        let rows = sqlx::query("SELECT company_id FROM companies WHERE audit_seq > 0 AND audit_head_mac = '' ORDER BY company_id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                let id: String = r.get(0);
                CompanyId::parse(&id).map_err(StoreError::Corrupt)
            })
            .collect()
    }
}
