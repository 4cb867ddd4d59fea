-- The invoice of a paid order, as it was when the payment was confirmed (an invoice does not change when the
-- catalogue does): the PDF is rendered from this row for the customer's WhatsApp document and the API.
CREATE TABLE commerce_invoice (
    order_ref         VARCHAR(64) PRIMARY KEY,
    customer_id       VARCHAR(64) NOT NULL,
    conversation_key  VARCHAR(160),
    -- ar or en: the customer's reading language when it was issued
    language          VARCHAR(8) NOT NULL,
    issued_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    -- JSON array of {sku, nameEn, nameAr, quantity, unitPriceEgp}
    lines_json        VARCHAR(8000) NOT NULL,
    delivery_fee_egp  NUMERIC(12, 2) NOT NULL,
    total_egp         NUMERIC(12, 2) NOT NULL,
    -- online (a payment link), cash_on_delivery, ...; the gateway for online payments
    payment_method    VARCHAR(32) NOT NULL,
    payment_provider  VARCHAR(16)
);
CREATE INDEX commerce_invoice_customer ON commerce_invoice (customer_id);
