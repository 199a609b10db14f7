-- Console accounts: people who sign in to one company's console with an email and a password
-- (argon2 PHC string), each with a role. An invitation is a one-time link whose SHA-256 is kept
-- until it is used or replaced; a removed account keeps its row (the audit log names it).
CREATE TABLE operators (
    company_id TEXT NOT NULL REFERENCES companies (company_id),
    operator_id TEXT NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT,
    invite_hash TEXT,
    invite_expires_at TEXT,
    created_at TEXT NOT NULL,
    removed_at TEXT,
    -- Bumped by every change: a change made from an older read is refused, not applied.
    version BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (company_id, operator_id)
);
ALTER TABLE operators ADD CONSTRAINT operators_email UNIQUE (company_id, email);
ALTER TABLE operators ADD CONSTRAINT operators_invite UNIQUE (invite_hash);
