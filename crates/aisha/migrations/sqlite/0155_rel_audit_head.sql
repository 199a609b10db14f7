-- The audit chain is keyed (HMAC with a key held outside the database); the head's MAC
-- (over the record count and the last hash) lets verify see records removed from the end.
-- Empty until a keyed write: a database from before the key then holds an unsealed chain.
ALTER TABLE companies ADD COLUMN audit_head_mac TEXT NOT NULL DEFAULT '';
