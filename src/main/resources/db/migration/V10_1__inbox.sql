-- The owner's inbox lists every conversation, the customer who wrote last first, a page at a time (keyset paging on
-- last_inbound_at, conversation_key). Portable SQL: H2 and PostgreSQL.
CREATE INDEX ix_conversation_recent ON conversation (last_inbound_at DESC NULLS LAST, conversation_key DESC);
-- Which conversations wait for a payment (the inbox's state "payment").
CREATE INDEX ix_commerce_payment_status ON commerce_payment (status, conversation_key);
