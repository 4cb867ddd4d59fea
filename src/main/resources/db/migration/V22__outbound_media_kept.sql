-- A photo or PDF an agent sends is kept as a customer's file is: whoever reads the conversation later (the owner, the
-- next agent) sees what went out, not only its caption. Its row carries the sent message's wamid.
ALTER TABLE inbox_media ADD COLUMN outbound BOOLEAN NOT NULL DEFAULT FALSE;
