//! The migrations are kept per database (each in its own dialect), so this test checks they
//! describe one schema: the same tables, the same columns with mapped types and nullability,
//! the same primary keys, unique keys, foreign keys and CHECK constraints (by column), and
//! the append-only triggers on the audit log.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use sqlx::{Connection, Row};

/// A column as both databases can state it: a type class and whether it may be NULL.
type Columns = BTreeMap<String, (&'static str, bool)>;

#[derive(Debug, Default, PartialEq)]
struct Table {
    columns: Columns,
    primary_key: Vec<String>,
    unique: BTreeSet<Vec<String>>,
    /// (column, referenced table)
    foreign_keys: BTreeSet<(String, String)>,
    /// Columns with a CHECK constraint, with how many.
    checks: BTreeMap<String, usize>,
    has_triggers: bool,
}

/// The type classes both databases' types map onto. SQLite has no boolean type: a
/// PostgreSQL `boolean` is an `INTEGER` (0 or 1) there, so both are "integer" here.
fn class(db_type: &str) -> &'static str {
    match db_type.to_ascii_lowercase().as_str() {
        "text" | "character varying" | "varchar" => "text",
        "integer" | "bigint" | "int" | "int8" | "int4" | "smallint" => "integer",
        "boolean" | "bool" => "integer",
        "real" | "double precision" | "float8" => "real",
        "blob" | "bytea" => "blob",
        other => panic!("no type class for {other:?}: map it here for both databases"),
    }
}

async fn sqlite_schema(path: &std::path::Path) -> BTreeMap<String, Table> {
    aisha::store::sqlite::open(path).await.unwrap();
    let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let tables = sqlx::query(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
    )
    .fetch_all(&mut c)
    .await
    .unwrap();
    let mut out = BTreeMap::new();
    for t in tables {
        let name: String = t.get(0);
        let sql: String = t.get(1);
        let mut table = Table::default();
        let mut pk: Vec<(i64, String)> = Vec::new();
        for col in sqlx::query(&format!("PRAGMA table_info({name})"))
            .fetch_all(&mut c)
            .await
            .unwrap()
        {
            let col_name: String = col.get("name");
            let ty: String = col.get("type");
            let not_null: i64 = col.get("notnull");
            let pk_pos: i64 = col.get("pk");
            if pk_pos > 0 {
                pk.push((pk_pos, col_name.clone()));
            }
            table
                .columns
                .insert(col_name, (class(&ty), not_null == 0 && pk_pos == 0));
        }
        pk.sort();
        table.primary_key = pk.into_iter().map(|(_, c)| c).collect();
        for idx in sqlx::query(&format!("PRAGMA index_list({name})"))
            .fetch_all(&mut c)
            .await
            .unwrap()
        {
            let unique: i64 = idx.get("unique");
            let origin: String = idx.get("origin");
            if unique == 1 && origin != "pk" {
                let idx_name: String = idx.get("name");
                let cols = sqlx::query(&format!("PRAGMA index_info({idx_name})"))
                    .fetch_all(&mut c)
                    .await
                    .unwrap()
                    .iter()
                    .map(|r| r.get::<String, _>("name"))
                    .collect();
                table.unique.insert(cols);
            }
        }
        for fk in sqlx::query(&format!("PRAGMA foreign_key_list({name})"))
            .fetch_all(&mut c)
            .await
            .unwrap()
        {
            table
                .foreign_keys
                .insert((fk.get::<String, _>("from"), fk.get::<String, _>("table")));
        }
        // Column constraints: a column's definition line carries its CHECKs.
        for line in sql.lines() {
            let line = line.trim();
            let Some(col) = line.split_whitespace().next() else {
                continue;
            };
            let n = line.matches("CHECK").count();
            if n > 0 && table.columns.contains_key(col) {
                *table.checks.entry(col.to_owned()).or_default() += n;
            }
        }
        let triggers: i64 = sqlx::query(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $1",
        )
        .bind(&name)
        .fetch_one(&mut c)
        .await
        .unwrap()
        .get(0);
        table.has_triggers = triggers > 0;
        out.insert(name, table);
    }
    out
}

async fn postgres_schema(url: &str) -> BTreeMap<String, Table> {
    aisha::store::postgres::connect(url).await.unwrap();
    let mut c = sqlx::PgConnection::connect(url).await.unwrap();
    let mut out: BTreeMap<String, Table> = BTreeMap::new();
    for col in sqlx::query(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
    )
    .fetch_all(&mut c)
    .await
    .unwrap()
    {
        let table: String = col.get(0);
        let ty: String = col.get(2);
        let nullable: String = col.get(3);
        out.entry(table)
            .or_default()
            .columns
            .insert(col.get(1), (class(&ty), nullable == "YES"));
    }
    // Every constraint with its columns in key order.
    for con in sqlx::query(
        "SELECT c.conrelid::regclass::text, c.contype::text, c.confrelid::regclass::text,
                array_agg(a.attname::text ORDER BY k.ord)
         FROM pg_constraint c
         JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord) ON true
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
         WHERE c.connamespace = 'public'::regnamespace
         GROUP BY c.oid, c.conrelid, c.contype, c.confrelid",
    )
    .fetch_all(&mut c)
    .await
    .unwrap()
    {
        let table: String = con.get(0);
        let kind: String = con.get(1);
        let cols: Vec<String> = con.get(3);
        let Some(t) = out.get_mut(&table) else {
            continue;
        };
        match kind.as_str() {
            "p" => t.primary_key = cols,
            "u" => {
                t.unique.insert(cols);
            }
            "f" => {
                t.foreign_keys.insert((cols[0].clone(), con.get(2)));
            }
            "c" => {
                for col in cols {
                    *t.checks.entry(col).or_default() += 1;
                }
            }
            _ => {}
        }
    }
    for (table, t) in out.iter_mut() {
        for col in &t.primary_key {
            if let Some(c) = t.columns.get_mut(col) {
                c.1 = false;
            }
        }
        let triggers: i64 = sqlx::query(
            "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = $1::regclass",
        )
        .bind(table)
        .fetch_one(&mut c)
        .await
        .unwrap()
        .get(0);
        t.has_triggers = triggers > 0;
    }
    out
}

#[tokio::test]
async fn sqlite_and_postgres_migrations_describe_one_schema() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = sqlite_schema(&dir.path().join("schema.db")).await;
    let postgres = postgres_schema(&common::fresh_postgres().await).await;
    assert!(sqlite.contains_key("audit_log") && sqlite["audit_log"].has_triggers);
    assert!(
        sqlite["actions"].checks.contains_key("reason"),
        "{:?}",
        sqlite["actions"]
    );
    let names = |s: &BTreeMap<String, Table>| s.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&sqlite), names(&postgres), "the same tables");
    let mut differences = Vec::new();
    for (name, s) in &sqlite {
        let p = &postgres[name];
        if s != p {
            differences.push(format!("{name}:\n  sqlite   {s:?}\n  postgres {p:?}"));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
