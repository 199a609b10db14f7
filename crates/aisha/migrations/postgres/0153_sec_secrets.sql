-- Tenant secrets (Twilio auth token, system-of-record signing secret), sealed by the
-- service with a key derived from the server key: never in `config`, never in the audit log.
ALTER TABLE companies ADD COLUMN secrets TEXT;
