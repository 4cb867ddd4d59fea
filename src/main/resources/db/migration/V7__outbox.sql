-- The flows' sends leave after their turn commits (conversation/Outbox): attempts made, when the next one is due
-- (a failed send's backoff, or the lease of the node that queued it), and the conversation instance that gets the
-- incident when a send fails for good. Rows of direct sends (REST API, agent replies) leave next_attempt_at empty.
ALTER TABLE outbound_message ADD COLUMN attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE outbound_message ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbound_message ADD COLUMN process_instance_id VARCHAR(64);
CREATE INDEX ix_outbound_due ON outbound_message (status, next_attempt_at);
