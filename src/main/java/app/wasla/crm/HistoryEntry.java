package app.wasla.crm;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line of a customer's history across all conversations.
 *
 * @param direction {@code in} (from the customer or an external system), {@code out} (sent by
 *     Wasla) or {@code event} (handoff, order, payment, booking, tag, consent)
 * @param kind for messages the message name ({@code CustomerMessage}, {@code WhatsAppMessage}, an
 *     external event's name); for events HANDOFF, ORDER, PAYMENT, BOOKING, TAG or CONSENT
 * @param type the WhatsApp message type (text, interactive, image, ...) or null
 * @param conversationId the process instance of the conversation, when known
 * @param ref order, payment or booking reference of an event
 */
public record HistoryEntry(
    String direction,
    long id,
    String kind,
    String type,
    String text,
    Instant at,
    String status,
    String conversationId,
    String ref,
    BigDecimal amount,
    String currency) {}
