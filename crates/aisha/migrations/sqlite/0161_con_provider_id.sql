-- The provider's id for a sent delivery (Twilio's message SID, the email's Message-ID), so an
-- operator can find it in the provider's own console.
ALTER TABLE outbox ADD COLUMN provider_id TEXT;
