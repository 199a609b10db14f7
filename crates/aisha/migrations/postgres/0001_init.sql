-- Every tenant row carries company_id; every query is scoped by it. JSON aggregates are TEXT so
-- that the SQL is shared with the SQLite store.
CREATE TABLE companies (
    company_id   TEXT PRIMARY KEY,
    config       TEXT NOT NULL,
    api_key_hash TEXT,
    kill_switch  BOOLEAN NOT NULL DEFAULT FALSE,
    shadow_mode  BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at   TEXT NOT NULL,
    audit_seq    BIGINT NOT NULL DEFAULT 0,
    audit_hash   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sessions (
    company_id      TEXT NOT NULL REFERENCES companies(company_id),
    conversation_id TEXT NOT NULL,
    session         TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (company_id, conversation_id)
);

CREATE TABLE relationships (
    company_id     TEXT NOT NULL REFERENCES companies(company_id),
    customer_id    TEXT NOT NULL,
    state          TEXT NOT NULL,
    relationship   TEXT NOT NULL,
    next_due_ms    BIGINT,
    version        BIGINT NOT NULL DEFAULT 0,
    lease_owner    TEXT,
    lease_until_ms BIGINT,
    phone_digits   TEXT,
    PRIMARY KEY (company_id, customer_id)
);
CREATE INDEX relationships_due ON relationships (company_id, next_due_ms) WHERE next_due_ms IS NOT NULL;
CREATE INDEX relationships_phone ON relationships (company_id, phone_digits);
CREATE INDEX relationships_due_all ON relationships (next_due_ms) WHERE next_due_ms IS NOT NULL;

CREATE TABLE actions (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id         TEXT NOT NULL,
    customer_id        TEXT NOT NULL,
    at                 TEXT NOT NULL,
    kind               TEXT NOT NULL,
    action_origin      TEXT NOT NULL CHECK (action_origin IN ('user_directed', 'care_autonomous')),
    reason             TEXT NOT NULL CHECK (length(reason) > 0),
    policy_gate_result TEXT NOT NULL CHECK (policy_gate_result IN ('allowed', 'escalated', 'blocked')),
    delivered          BOOLEAN NOT NULL,
    record             TEXT NOT NULL
);
CREATE INDEX actions_customer ON actions (company_id, customer_id, id);

CREATE TABLE transitions (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id  TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    at          TEXT NOT NULL,
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    rule        TEXT NOT NULL,
    explanation TEXT NOT NULL,
    record      TEXT NOT NULL
);
CREATE INDEX transitions_customer ON transitions (company_id, customer_id, id);

CREATE TABLE escalations (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id      TEXT NOT NULL,
    customer_id     TEXT,
    conversation_id TEXT,
    at              TEXT NOT NULL,
    trigger_name    TEXT NOT NULL,
    reason          TEXT NOT NULL,
    record          TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open',
    resolved_by     TEXT,
    resolution_note TEXT
);
CREATE INDEX escalations_open ON escalations (company_id, status, id);

CREATE TABLE overrides (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id  TEXT NOT NULL,
    customer_id TEXT,
    at          TEXT NOT NULL,
    what        TEXT NOT NULL,
    by_whom     TEXT NOT NULL,
    reason      TEXT NOT NULL
);

CREATE TABLE audit_log (
    company_id TEXT NOT NULL,
    seq        BIGINT NOT NULL,
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    payload    TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL,
    PRIMARY KEY (company_id, seq)
);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id      TEXT NOT NULL,
    customer_id     TEXT,
    channel         TEXT NOT NULL,
    destination     TEXT NOT NULL,
    payload         TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_ms BIGINT NOT NULL,
    lease_owner     TEXT,
    lease_until_ms  BIGINT,
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
