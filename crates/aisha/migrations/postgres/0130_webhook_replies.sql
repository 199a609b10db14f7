-- Provider webhooks (Twilio) are retried on timeouts: each provider request id answered once,
-- and a retry gets the stored answer back.
CREATE TABLE webhook_replies (
    company_id  TEXT NOT NULL,
    provider_id TEXT NOT NULL,
    reply       TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (company_id, provider_id)
);
