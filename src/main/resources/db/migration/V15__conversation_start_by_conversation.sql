-- The mailbox looks up a conversation's latest start on every flow start (a conversation begun by an opt-out
-- continues in its flow): without this index each lookup read the whole table.
CREATE INDEX ix_conversation_start_conversation ON conversation_start (conversation_key, first_message_at);
