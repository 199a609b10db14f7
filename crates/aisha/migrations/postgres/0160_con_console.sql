-- Console read models. Customers: the phone in E.164 (one customer per number per company)
-- and the name to search and sort by. Conversations: the session's mode, so bookings and live
-- conversations are found without reading every session.
ALTER TABLE relationships ADD COLUMN phone_e164 TEXT;
ALTER TABLE relationships ADD COLUMN display_name TEXT;
UPDATE relationships SET display_name = NULLIF(trim(
    coalesce(relationship::jsonb #>> '{customer,firstName}', '') || ' ' ||
    coalesce(relationship::jsonb #>> '{customer,lastName}', '')), '');
-- Existing North American numbers (ten digits) and numbers stored with their country code;
-- where two customers share a number the first (by id) keeps it, so the index below holds.
UPDATE relationships SET phone_e164 = CASE
        WHEN length(phone_digits) = 10 THEN '+1' || phone_digits
        WHEN relationship::jsonb #>> '{customer,phone}' LIKE '+%' THEN '+' || phone_digits
    END
WHERE phone_digits IS NOT NULL AND customer_id = (
    SELECT min(r2.customer_id) FROM relationships r2
    WHERE r2.company_id = relationships.company_id AND r2.phone_digits = relationships.phone_digits);
ALTER TABLE relationships ADD CONSTRAINT relationships_phone_e164 UNIQUE (company_id, phone_e164);
CREATE INDEX relationships_name ON relationships (company_id, display_name, customer_id);

ALTER TABLE sessions ADD COLUMN mode TEXT NOT NULL DEFAULT 'DISCOVERY';
UPDATE sessions SET mode = coalesce(session::jsonb ->> 'mode', 'DISCOVERY');
CREATE INDEX sessions_recent ON sessions (company_id, updated_at);
