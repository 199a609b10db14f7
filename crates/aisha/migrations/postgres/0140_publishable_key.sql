-- Web chat: a company's publishable key (it can only open chats and send turns), stored as a
-- hash like the API key; NULL until the admin creates one.
ALTER TABLE companies ADD COLUMN publishable_key_hash TEXT;
