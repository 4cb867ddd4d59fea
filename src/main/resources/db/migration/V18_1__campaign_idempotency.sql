-- The caller's Idempotency-Key of the request that created a campaign (scoped by caller): a retried or
-- double-clicked create returns the campaign it made instead of making a second one.
ALTER TABLE campaign ADD COLUMN idempotency_key VARCHAR(300);
CREATE UNIQUE INDEX ux_campaign_idempotency_key ON campaign (idempotency_key);
