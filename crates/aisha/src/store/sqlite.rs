//! Embedded SQLite: one file, WAL, a single writer.

use std::str::FromStr;

use aisha_core::care::{Controls, Effects, Relationship};
use aisha_core::frontdesk::TurnOutcome;
use aisha_core::{Company, CompanyId, Session};
use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};

use super::{ActionRow, Due, EscalationRow, Store, StoreError, StoreResult};

pub struct SqliteStore {
    pool: SqlitePool,
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("domain types serialize")
}

fn parse<T: serde::de::DeserializeOwned>(raw: &str, what: &str) -> StoreResult<T> {
    serde_json::from_str(raw).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

impl SqliteStore {
    /// Open (creating if needed) the database at `path` and run migrations.
    pub async fn open(path: &std::path::Path) -> StoreResult<Self> {
        let opts = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(std::time::Duration::from_secs(10));
        // One connection: SQLite has a single writer, and one connection keeps every
        // read-modify-write in this process serialised.
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(opts)
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(Self { pool })
    }
}

async fn insert_effects(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    company: &str,
    customer: &str,
    fx: &Effects,
) -> StoreResult<()> {
    for a in &fx.actions {
        sqlx::query("INSERT INTO actions (company_id, customer_id, at, kind, action_origin, reason, policy_gate_result, delivered, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
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
        sqlx::query("INSERT INTO transitions (company_id, customer_id, at, from_state, to_state, rule, explanation, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
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
        sqlx::query("INSERT INTO escalations (company_id, customer_id, at, trigger_name, reason, record) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(company)
            .bind(customer)
            .bind(e.at.to_string())
            .bind(&e.trigger)
            .bind(&e.reason)
            .bind(json(e))
            .execute(&mut **tx)
            .await?;
    }
    for o in &fx.overrides {
        sqlx::query("INSERT INTO overrides (company_id, customer_id, at, what, by_whom, reason) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(company)
            .bind(customer)
            .bind(o.at.to_string())
            .bind(&o.what)
            .bind(&o.by)
            .bind(&o.reason)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

#[async_trait]
impl Store for SqliteStore {
    async fn put_company(
        &self,
        company: &Company,
        api_key_hash: Option<&str>,
        now: Timestamp,
    ) -> StoreResult<bool> {
        let id = company.company_id.as_str();
        let existed = sqlx::query("SELECT 1 FROM companies WHERE company_id = ?")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .is_some();
        if existed {
            sqlx::query("UPDATE companies SET config = ?, updated_at = ? WHERE company_id = ?")
                .bind(json(company))
                .bind(now.to_string())
                .bind(id)
                .execute(&self.pool)
                .await?;
        } else {
            sqlx::query("INSERT INTO companies (company_id, config, api_key_hash, updated_at) VALUES (?, ?, ?, ?)")
                .bind(id)
                .bind(json(company))
                .bind(api_key_hash)
                .bind(now.to_string())
                .execute(&self.pool)
                .await?;
        }
        Ok(!existed)
    }

    async fn company(&self, id: &CompanyId) -> StoreResult<Option<Company>> {
        let row = sqlx::query("SELECT config FROM companies WHERE company_id = ?")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| parse(&r.get::<String, _>(0), "company"))
            .transpose()
    }

    async fn api_key_hash(&self, id: &CompanyId) -> StoreResult<Option<String>> {
        let row = sqlx::query("SELECT api_key_hash FROM companies WHERE company_id = ?")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.and_then(|r| r.get::<Option<String>, _>(0)))
    }

    async fn controls(&self, id: &CompanyId) -> StoreResult<Controls> {
        let row =
            sqlx::query("SELECT kill_switch, shadow_mode FROM companies WHERE company_id = ?")
                .bind(id.as_str())
                .fetch_optional(&self.pool)
                .await?;
        Ok(row
            .map(|r| Controls {
                kill_switch: r.get::<bool, _>(0),
                shadow_mode: r.get::<bool, _>(1),
            })
            .unwrap_or_default())
    }

    async fn set_controls(&self, id: &CompanyId, c: Controls) -> StoreResult<()> {
        sqlx::query("UPDATE companies SET kill_switch = ?, shadow_mode = ? WHERE company_id = ?")
            .bind(c.kill_switch)
            .bind(c.shadow_mode)
            .bind(id.as_str())
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
            "SELECT session FROM sessions WHERE company_id = ? AND conversation_id = ?",
        )
        .bind(company.as_str())
        .bind(conversation)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| parse(&r.get::<String, _>(0), "session"))
            .transpose()
    }

    async fn save_turn(
        &self,
        company: &CompanyId,
        conversation: &str,
        session: &Session,
        outcome: &TurnOutcome,
        now: Timestamp,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("INSERT INTO sessions (company_id, conversation_id, session, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (company_id, conversation_id) DO UPDATE SET session = excluded.session, updated_at = excluded.updated_at")
            .bind(company.as_str())
            .bind(conversation)
            .bind(json(session))
            .bind(now.to_string())
            .execute(&mut *tx)
            .await?;
        if outcome.escalated() {
            let names: Vec<&str> = outcome
                .escalation
                .iter()
                .map(|d| d.signal.as_str())
                .collect();
            let reason = format!(
                "Front desk: {} detected in {:?}",
                names.join(", "),
                session
                    .transcript
                    .iter()
                    .rev()
                    .find(|t| t.speaker == aisha_core::session::Speaker::Caller)
                    .map(|t| t.text.as_str())
                    .unwrap_or("")
            );
            sqlx::query("INSERT INTO escalations (company_id, conversation_id, customer_id, at, trigger_name, reason, record) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .bind(company.as_str())
                .bind(conversation)
                .bind(session.caller_id.as_deref())
                .bind(now.to_string())
                .bind(names[0])
                .bind(reason)
                .bind(json(&outcome.escalation))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn relationship(
        &self,
        company: &CompanyId,
        customer: &str,
    ) -> StoreResult<Option<Relationship>> {
        let row = sqlx::query(
            "SELECT relationship FROM relationships WHERE company_id = ? AND customer_id = ?",
        )
        .bind(company.as_str())
        .bind(customer)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| parse(&r.get::<String, _>(0), "relationship"))
            .transpose()
    }

    async fn save_relationship(
        &self,
        company: &CompanyId,
        rel: &Relationship,
        effects: &Effects,
        next_due: Option<Timestamp>,
        controls: Option<Controls>,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("INSERT INTO relationships (company_id, customer_id, state, relationship, next_due_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT (company_id, customer_id) DO UPDATE SET state = excluded.state, relationship = excluded.relationship, next_due_ms = excluded.next_due_ms")
            .bind(company.as_str())
            .bind(&rel.customer.id)
            .bind(rel.state.as_str())
            .bind(json(rel))
            .bind(next_due.map(|t| t.as_millisecond()))
            .execute(&mut *tx)
            .await?;
        insert_effects(&mut tx, company.as_str(), &rel.customer.id, effects).await?;
        if let Some(c) = controls {
            sqlx::query(
                "UPDATE companies SET kill_switch = ?, shadow_mode = ? WHERE company_id = ?",
            )
            .bind(c.kill_switch)
            .bind(c.shadow_mode)
            .bind(company.as_str())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn next_due(&self, company: &CompanyId, until_ms: i64) -> StoreResult<Option<Due>> {
        let row = sqlx::query("SELECT customer_id, next_due_ms FROM relationships WHERE company_id = ? AND next_due_ms IS NOT NULL AND next_due_ms <= ? ORDER BY next_due_ms, customer_id LIMIT 1")
            .bind(company.as_str())
            .bind(until_ms)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| Due {
            customer_id: r.get(0),
            due_ms: r.get(1),
        }))
    }

    async fn escalations(
        &self,
        company: &CompanyId,
        open_only: bool,
    ) -> StoreResult<Vec<EscalationRow>> {
        let rows = sqlx::query("SELECT id, customer_id, conversation_id, at, trigger_name, reason, status FROM escalations WHERE company_id = ? AND (? = 0 OR status = 'open') ORDER BY id")
            .bind(company.as_str())
            .bind(open_only)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| EscalationRow {
                id: r.get(0),
                customer_id: r.get(1),
                conversation_id: r.get(2),
                at: r.get(3),
                trigger: r.get(4),
                reason: r.get(5),
                status: r.get(6),
            })
            .collect())
    }

    async fn actions(&self, company: &CompanyId, customer: &str) -> StoreResult<Vec<ActionRow>> {
        let rows = sqlx::query("SELECT id, customer_id, record FROM actions WHERE company_id = ? AND customer_id = ? ORDER BY id")
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
}
