-- What the customer was told of each shipment event: the step's text (once per step) and the
-- courier's pin (position updates at most once a minute). Events kept before were all told.
ALTER TABLE commerce_shipment_event ADD COLUMN told_text BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE commerce_shipment_event ADD COLUMN pin_sent_at TIMESTAMP WITH TIME ZONE;
