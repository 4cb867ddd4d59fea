-- Transactional notifications (notification/Notifications): one row per event id the shop's backend posted, so a
-- repeated post answers with the first result and sends nothing twice; request_hash tells a retry (same body) from a
-- different event that reuses an id (409). The send itself is an outbound_message row keyed notification:<event_id>.
CREATE TABLE notification (
    event_id         VARCHAR(100)  NOT NULL PRIMARY KEY,
    request_hash     VARCHAR(64)   NOT NULL,
    type             VARCHAR(64)   NOT NULL,
    conversation_key VARCHAR(100)  NOT NULL,
    template_name    VARCHAR(512)  NOT NULL,
    language         VARCHAR(15)   NOT NULL,
    status           VARCHAR(10)   NOT NULL,
    wamid            VARCHAR(255),
    error            VARCHAR(1000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_notification_conversation ON notification (conversation_key);
