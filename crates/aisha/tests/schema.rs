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

/// A database made before phones were stored in E.164 is migrated as it is: names and E.164
/// numbers filled in from the stored JSON, a number two customers shared kept by the first
/// (so the one-customer-per-number key holds), sessions' modes read, and the store finds the
/// customer by any spelling of their number afterwards. Both databases.
#[tokio::test]
async fn the_console_migration_fills_in_existing_rows() {
    let dir = tempfile::tempdir().unwrap();
    for db in ["sqlite", "postgres"] {
        // The migrations before this one, applied by sqlx as a deployment had them.
        let before = dir.path().join(format!("{db}-before"));
        std::fs::create_dir_all(&before).unwrap();
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(db);
        for entry in std::fs::read_dir(&src).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.as_str() < "0160" {
                std::fs::copy(&path, before.join(&name)).unwrap();
            }
        }
        let url = if db == "sqlite" {
            format!("sqlite://{}?mode=rwc", dir.path().join("old.db").display())
        } else {
            common::fresh_postgres().await
        };
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&url).await.unwrap();
        sqlx::migrate::Migrator::new(before.as_path())
            .await
            .unwrap()
            .run(&pool)
            .await
            .unwrap();
        let rel = |id: &str, first: &str, phone: &str| {
            serde_json::json!({"customer": {"id": id, "firstName": first, "lastName": "Doe", "phone": phone}}).to_string()
        };
        sqlx::query(
            "INSERT INTO companies (company_id, config, updated_at) VALUES ('acme', '{}', 'x')",
        )
        .execute(&pool)
        .await
        .unwrap();
        for (id, first, phone, digits) in [
            ("a", "Ann", "555-123-4567", "5551234567"),
            ("b", "Bob", "(555) 123-4567", "5551234567"),
            ("c", "Cy", "+44 20 7946 0958", "442079460958"),
        ] {
            sqlx::query("INSERT INTO relationships (company_id, customer_id, state, relationship, phone_digits) VALUES ('acme', $1, 'Engaged', $2, $3)")
                .bind(id)
                .bind(rel(id, first, phone))
                .bind(digits)
                .execute(&pool)
                .await
                .unwrap();
        }
        sqlx::query("INSERT INTO sessions (company_id, conversation_id, session, updated_at) VALUES ('acme', 'call-1', '{\"mode\": \"COMPLETE\"}', 'x')")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;

        let store_url = if db == "sqlite" {
            dir.path().join("old.db").display().to_string()
        } else {
            url.clone()
        };
        let store = aisha::store::open(&store_url).await.unwrap();
        let pool = sqlx::AnyPool::connect(&url).await.unwrap();
        let rows = sqlx::query(
            "SELECT customer_id, display_name, phone_e164 FROM relationships ORDER BY customer_id",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let got: Vec<(String, Option<String>, Option<String>)> = rows
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect();
        let s = |v: &str| Some(v.to_owned());
        assert_eq!(
            got,
            vec![
                ("a".into(), s("Ann Doe"), s("+15551234567")),
                ("b".into(), s("Bob Doe"), None),
                ("c".into(), s("Cy Doe"), s("+442079460958")),
            ],
            "{db}"
        );
        let mode: String = sqlx::query("SELECT mode FROM sessions")
            .fetch_one(&pool)
            .await
            .unwrap()
            .get(0);
        assert_eq!(mode, "COMPLETE", "{db}");
        let acme = aisha_core::CompanyId::parse("acme").unwrap();
        assert_eq!(
            store
                .customer_by_phone(&acme, "+15551234567")
                .await
                .unwrap()
                .as_deref(),
            Some("a"),
            "{db}"
        );
        // The key holds from now on.
        let dup = sqlx::query(
            "UPDATE relationships SET phone_e164 = '+15551234567' WHERE customer_id = 'b'",
        )
        .execute(&pool)
        .await;
        assert!(dup.is_err(), "{db}: two customers with one number");
        pool.close().await;
    }
}
