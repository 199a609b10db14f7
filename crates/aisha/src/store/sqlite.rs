//! Embedded SQLite: one file, WAL, a single writer.

use sqlx::any::AnyPoolOptions;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Executor};

use super::sql::{Dialect, SqlStore};

/// Open (creating if needed) the database at `path` and run its migrations.
pub async fn open(path: &std::path::Path) -> super::StoreResult<SqlStore> {
    sqlx::any::install_default_drivers();
    // The `Any` driver opens SQLite from a URL; the pragmas a URL cannot carry are set on connect.
    let url = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .to_url_lossy();
    // One connection: SQLite has a single writer, and one connection keeps every
    // read-modify-write in this process serialised (so no row locks are needed).
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .after_connect(|conn, _| {
            Box::pin(async move {
                conn.execute(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                )
                .await?;
                Ok(())
            })
        })
        .connect(url.as_str())
        .await?;
    sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
    Ok(SqlStore::new(pool, Dialect::Sqlite))
}
