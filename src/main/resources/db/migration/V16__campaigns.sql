-- Marketing campaigns (campaign/): a template sent to an audience of the CRM, paced and capped, run by
-- processes/campaign.bpmn. Portable SQL (H2 and PostgreSQL).

-- Opt-in is recorded explicitly, as Meta requires for marketing: when and where the customer agreed (START /
-- اشتراك on WhatsApp, or consent the shop captured elsewhere and posted to /api/customers/{key}/consent).
ALTER TABLE customer ADD COLUMN marketing_opt_in_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE customer ADD COLUMN marketing_opt_in_source VARCHAR(64);

-- The category of a template send (MARKETING, UTILITY, AUTHENTICATION), so the weekly marketing cap counts a
-- customer's marketing sends of the last 7 days with one index range.
ALTER TABLE outbound_message ADD COLUMN category VARCHAR(16);
CREATE INDEX ix_outbound_category_wa_id ON outbound_message (category, wa_id, created_at);

CREATE TABLE campaign (
    id                 VARCHAR(40)   NOT NULL PRIMARY KEY,
    name               VARCHAR(200)  NOT NULL,
    phone_number_id    VARCHAR(64)   NOT NULL,
    template_name      VARCHAR(512)  NOT NULL,
    language           VARCHAR(15)   NOT NULL,
    -- where each body parameter comes from, in order: [{"field":"name","fallback":"..."}, ...]
    parameters_json    TEXT          NOT NULL,
    -- who: tags, languages, last order date, total spend, city
    audience_json      TEXT          NOT NULL,
    start_at           TIMESTAMP WITH TIME ZONE,
    rate_per_second    INTEGER,
    reminder_template  VARCHAR(512),
    reminder_after     VARCHAR(32),
    -- DRAFT, SCHEDULED, SENDING, PAUSED, SENT (waiting for the reminder), COMPLETED, CANCELLED
    status             VARCHAR(16)   NOT NULL,
    -- INITIAL, then REMINDER when the reminder goes out
    stage              VARCHAR(16)   NOT NULL,
    process_instance_id VARCHAR(64),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at         TIMESTAMP WITH TIME ZONE,
    finished_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_campaign_status ON campaign (status);

-- The audience as it was when the campaign started, one row per customer and stage; the send itself is the
-- outbound_message keyed campaign:<id>:<stage>:<customer_key>, whose status Meta's webhooks move forward.
CREATE TABLE campaign_recipient (
    campaign_id      VARCHAR(40)   NOT NULL,
    stage            VARCHAR(16)   NOT NULL,
    customer_key     VARCHAR(160)  NOT NULL,
    seq              INTEGER       NOT NULL,
    wa_id            VARCHAR(64)   NOT NULL,
    language         VARCHAR(15)   NOT NULL,
    parameters_json  TEXT          NOT NULL,
    -- PENDING, SENT, FAILED, OPTED_OUT (skipped), CAPPED (skipped), UNCONFIRMED (see docs/campaigns.md), CANCELLED
    state            VARCHAR(16)   NOT NULL,
    attempts         INTEGER       DEFAULT 0 NOT NULL,
    lease_owner      VARCHAR(64),
    lease_until      TIMESTAMP WITH TIME ZONE,
    wamid            VARCHAR(255),
    error_code       INTEGER,
    error            VARCHAR(1000),
    sent_at          TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (campaign_id, stage, customer_key)
);
CREATE INDEX ix_campaign_recipient_due ON campaign_recipient (campaign_id, stage, state, seq);
