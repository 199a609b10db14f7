//! PostgreSQL, the scale-out store: many `aisha serve` processes share it. Due relationships
//! and deliveries are claimed with `FOR UPDATE SKIP LOCKED` plus a lease, so a crashed worker's
//! claims are taken over once its lease runs out; the audit chain's head row is locked per
//! company so concurrent writers append in order.

use sqlx::any::AnyPoolOptions;

use super::sql::{Dialect, SqlStore};

/// Connect and run migrations.
pub async fn connect(url: &str) -> super::StoreResult<SqlStore> {
    sqlx::any::install_default_drivers();
    let pool = AnyPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(std::time::Duration::from_secs(10))
        .connect(url)
        .await?;
    sqlx::migrate!("./migrations/postgres").run(&pool).await?;
    Ok(SqlStore::new(pool, Dialect::Postgres))
}
