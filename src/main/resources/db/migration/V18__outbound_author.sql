-- Who wrote an outbound message that a person wrote (the handoff form, a completed handoff's reply box): the
-- agent's Camunda user id, her name as the transcripts show it, and the team whose handoff it was (where a
-- customer's follow-up on her words is routed). Null for every other message, whose author the idempotency key
-- tells: notification:, booking-reminder:, shipment: (notifications), campaign:, api:, else the bot.
ALTER TABLE outbound_message ADD COLUMN author_id VARCHAR(64);
ALTER TABLE outbound_message ADD COLUMN author_name VARCHAR(200);
ALTER TABLE outbound_message ADD COLUMN author_team VARCHAR(64);
