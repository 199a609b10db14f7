-- Service: audit chain, outbox, idempotent events, scheduler leases, global settings.
ALTER TABLE companies ADD COLUMN audit_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE companies ADD COLUMN audit_hash TEXT NOT NULL DEFAULT '';

ALTER TABLE relationships ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE relationships ADD COLUMN lease_owner TEXT;
ALTER TABLE relationships ADD COLUMN lease_until_ms INTEGER;
ALTER TABLE relationships ADD COLUMN phone_digits TEXT;
CREATE INDEX relationships_phone ON relationships (company_id, phone_digits);
CREATE INDEX relationships_due_all ON relationships (next_due_ms) WHERE next_due_ms IS NOT NULL;

CREATE TABLE audit_log (
    company_id TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    payload    TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL,
    PRIMARY KEY (company_id, seq)
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id      TEXT NOT NULL,
    customer_id     TEXT,
    channel         TEXT NOT NULL,
    destination     TEXT NOT NULL,
    payload         TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms INTEGER NOT NULL,
    lease_owner     TEXT,
    lease_until_ms  INTEGER,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX outbox_pending ON outbox (status, next_attempt_ms);
CREATE INDEX outbox_company ON outbox (company_id, id);

CREATE TABLE processed_events (
    company_id      TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    customer_id     TEXT NOT NULL,
    at              TEXT NOT NULL,
    response        TEXT NOT NULL,
    PRIMARY KEY (company_id, idempotency_key)
);

CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
