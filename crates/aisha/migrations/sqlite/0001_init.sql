-- Every tenant row carries company_id; every query is scoped by it.
CREATE TABLE companies (
    company_id   TEXT PRIMARY KEY,
    config       TEXT NOT NULL,
    api_key_hash TEXT,
    kill_switch  INTEGER NOT NULL DEFAULT 0,
    shadow_mode  INTEGER NOT NULL DEFAULT 0,
    updated_at   TEXT NOT NULL
);

CREATE TABLE sessions (
    company_id      TEXT NOT NULL REFERENCES companies(company_id),
    conversation_id TEXT NOT NULL,
    session         TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (company_id, conversation_id)
);

CREATE TABLE relationships (
    company_id   TEXT NOT NULL REFERENCES companies(company_id),
    customer_id  TEXT NOT NULL,
    state        TEXT NOT NULL,
    relationship TEXT NOT NULL,
    next_due_ms  INTEGER,
    PRIMARY KEY (company_id, customer_id)
);
CREATE INDEX relationships_due ON relationships (company_id, next_due_ms) WHERE next_due_ms IS NOT NULL;

CREATE TABLE actions (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id         TEXT NOT NULL,
    customer_id        TEXT NOT NULL,
    at                 TEXT NOT NULL,
    kind               TEXT NOT NULL,
    action_origin      TEXT NOT NULL CHECK (action_origin IN ('user_directed', 'care_autonomous')),
    reason             TEXT NOT NULL CHECK (length(reason) > 0),
    policy_gate_result TEXT NOT NULL CHECK (policy_gate_result IN ('allowed', 'escalated', 'blocked')),
    delivered          INTEGER NOT NULL,
    record             TEXT NOT NULL
);
CREATE INDEX actions_customer ON actions (company_id, customer_id, id);

CREATE TABLE transitions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
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
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
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
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id  TEXT NOT NULL,
    customer_id TEXT,
    at          TEXT NOT NULL,
    what        TEXT NOT NULL,
    by_whom     TEXT NOT NULL,
    reason      TEXT NOT NULL
);
