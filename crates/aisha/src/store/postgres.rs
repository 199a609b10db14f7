//! PostgreSQL, the scale-out store: many `aisha serve` processes share it. Due relationships
//! and deliveries are claimed with `FOR UPDATE SKIP LOCKED` plus a lease, so a crashed worker's
//! claims are taken over once its lease runs out; the audit chain's head row is locked per
//! company so concurrent writers append in order.

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connect and run migrations.
    pub async fn connect(url: &str) -> super::StoreResult<Self> {
        let opts: PgConnectOptions = url.parse()?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(std::time::Duration::from_secs(10))
            .connect_with(opts)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(Self { pool })
    }
}

super::sql::impl_sql_store!(
    PgStore,
    sqlx::Postgres,
    kind = "postgres",
    for_update = "FOR NO KEY UPDATE",
    skip_locked = "FOR UPDATE SKIP LOCKED"
);
