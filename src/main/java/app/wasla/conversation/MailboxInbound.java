package app.wasla.conversation;

import app.wasla.channel.whatsapp.InboundMessage;
import app.wasla.channel.whatsapp.StatusUpdate;
import app.wasla.channel.whatsapp.WebhookPayload;
import app.wasla.channel.whatsapp.WhatsAppInbound;
import app.wasla.conversation.media.InboundMedia;
import app.wasla.conversation.media.MediaFetcher;
import app.wasla.webhook.EventTypes;
import app.wasla.webhook.WebhookEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts verified WhatsApp webhooks into the mailbox and records statuses against outbound messages.
 */
@Component
class MailboxInbound implements WhatsAppInbound {

  private static final Logger log = LoggerFactory.getLogger(MailboxInbound.class);

  private final Inbox inbox;
  private final Mailbox mailbox;
  private final OutboundMessages outbound;
  private final MailboxProperties props;
  private final Clock clock;
  private final List<CustomerMessageListener> listeners;
  private final WebhookEvents events;
  private final MailboxMetrics metrics;
  private final TransactionTemplate transaction;
  private final TransactionTemplate savepoint;
  private final InboundMedia media;
  private final MediaFetcher fetcher;
  private final ConversationEngine engine;
  private final ConversationFigures figures;

  MailboxInbound(
      Inbox inbox,
      Mailbox mailbox,
      OutboundMessages outbound,
      MailboxProperties props,
      Clock clock,
      ObjectProvider<CustomerMessageListener> listeners,
      WebhookEvents events,
      PlatformTransactionManager transactionManager,
      MailboxMetrics metrics,
      InboundMedia media,
      MediaFetcher fetcher,
      ConversationEngine engine,
      ConversationFigures figures) {
    this.engine = engine;
    this.figures = figures;
    this.metrics = metrics;
    this.media = media;
    this.fetcher = fetcher;
    this.inbox = inbox;
    this.mailbox = mailbox;
    this.outbound = outbound;
    this.props = props;
    this.clock = clock;
    this.listeners = listeners.orderedStream().toList();
    this.events = events;
    this.transaction = new TransactionTemplate(transactionManager);
    this.savepoint = new TransactionTemplate(transactionManager);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  @Override
  public void store(WebhookPayload payload) {
    Instant now = clock.instant();
    Set<String> toDeliver = new LinkedHashSet<>();
    for (InboundMessage m : payload.messages()) {
      ConversationKey key = new ConversationKey(m.phoneNumberId(), m.waId());
      boolean stale = m.timestamp().isBefore(now.minus(props.maxMessageAge()));
      // a consent keyword (STOP, START) is answered here, not by the flow's persona; a bare
      // "إلغاء" while a flow waits for an answer cancels that flow, not the offers
      String text = typed(m);
      String typed = cancelsAWaitingFlow(key, text) ? null : text;
      boolean answered =
          typed != null && !stale && listeners.stream().anyMatch(l -> l.answers(typed));
      NewInboxEntry entry =
          new NewInboxEntry(
              m.wamid(),
              key,
              Mailbox.CUSTOMER_MESSAGE,
              m.type(),
              m.text(),
              m.replyId(),
              m.contextWamid(),
              m.mediaId(),
              m.mimeType(),
              m.profileName(),
              m.rawJson(),
              null,
              m.timestamp(),
              now,
              stale,
              answered);
      boolean stored;
      // a photo, voice note, video, document, sticker or location: its inbox_media row commits with
      // the message, and the file is fetched after the commit
      boolean carriesMedia = InboundMedia.carries(m);
      if (inbox.acceptNeverAbortsTheTransaction()
          && !events.wanted(EventTypes.MESSAGE_RECEIVED)
          && !carriesMedia) {
        // PostgreSQL, and no subscriber: the message is one statement that commits on its own
        stored = inbox.accept(entry);
      } else {
        // The inbox row and its message.received outbox row commit together.
        stored =
            Boolean.TRUE.equals(
                transaction.execute(
                    tx -> {
                      boolean accepted = acceptInSavepoint(entry);
                      if (accepted && carriesMedia) {
                        media
                            .record(m, fetcher.enabled(), fetcher.transcribes(), now)
                            .ifPresent(fetcher::fetchSoon);
                      }
                      if (accepted) {
                        events.publish(
                            EventTypes.MESSAGE_RECEIVED, key.value(), receivedData(m, stale));
                      }
                      return accepted;
                    }));
      }
      metrics.stored(stored, stale);
      if (stored) {
        tellListeners(key, m, typed, stale, answered, now);
      }
      if (stored && !stale && !answered) {
        toDeliver.add(key.value());
      } else if (stored) {
        log.info(
            "Message {} is older than {}: recorded, no automatic reply",
            m.wamid(),
            props.maxMessageAge());
      }
    }
    for (StatusUpdate status : payload.statuses()) {
      outbound.recordStatus(status);
    }
    toDeliver.forEach(key -> mailbox.pokeWithNewMessage(key, now));
  }

  /**
   * What the customer wrote as a whole message, the only text a consent keyword may be read from: a
   * typed text, or a template's quick reply (its "Stop promotions" is Meta's marketing opt-out).
   * The title of a flow's button or list row the customer tapped ("إلغاء" on an order summary
   * cancels the order) and a media caption are not; null for them.
   */
  static String typed(InboundMessage m) {
    return "text".equals(m.type()) || "button".equals(m.type()) ? m.text() : null;
  }

  /** "إلغاء", "الغاء" alone (any alef, punctuation around): cancel, nothing more said. */
  private static final java.util.regex.Pattern BARE_CANCEL =
      java.util.regex.Pattern.compile("^[\\s\\p{P}]*[اإأآ]لغا[ءئ][\\s\\p{P}]*$");

  /**
   * A bare "إلغاء" typed while a flow the conversation called waits for the customer's answer
   * (checkout's address, a booking's day, "are you sure?", the payment wait): it cancels that flow
   * and is no marketing opt-out. The engine is asked only for such a message.
   */
  private boolean cancelsAWaitingFlow(ConversationKey key, String typed) {
    if (typed == null || !BARE_CANCEL.matcher(typed).matches()) {
      return false;
    }
    try {
      return engine.calledFlowWaits(key.value());
    } catch (RuntimeException e) {
      log.warn("Whether a flow of {} waits was not read; the keyword is read as consent", key, e);
      return false;
    }
  }

  /**
   * Tells the listeners (the CRM's consent keywords) of the stored message; a message too old to be
   * answered, or answered outside the flow, is never delivered, so they hear of its delivery here
   * too, and the one that answers it answers. The message is durable already and a redelivery is a
   * no-op, so a failure is logged, never turned into an error that would make Meta retry in vain.
   */
  private void tellListeners(
      ConversationKey key,
      InboundMessage m,
      String typed,
      boolean stale,
      boolean answered,
      Instant receivedAt) {
    if (answered) {
      try {
        inbox.answeredOutsideTheFlow(key, m.timestamp());
      } catch (RuntimeException e) {
        log.warn(
            "The window of {} was not moved for message {}; the message is stored",
            key,
            m.wamid(),
            e);
      }
      try {
        // a customer whose first message is STOP has a conversation too (docs/reports.md)
        if (!engine.hasLiveInstance(key.value())) {
          figures.startedOutsideTheFlow(key.value(), receivedAt);
        }
      } catch (RuntimeException e) {
        log.warn("The start of {} was not recorded for the reports", key, e);
      }
    }
    for (CustomerMessageListener listener : listeners) {
      try {
        listener.stored(key, typed, m.timestamp());
        if (stale || answered) {
          listener.delivered(key, m.profileName(), m.text(), m.timestamp());
        }
        if (answered && listener.answers(typed)) {
          listener.answer(key, m.wamid(), m.text(), m.timestamp());
        }
      } catch (RuntimeException e) {
        log.warn(
            "{} failed on message {}; the message is stored",
            listener.getClass().getSimpleName(),
            m.wamid(),
            e);
      }
    }
  }

  /**
   * Inbox.accept, inside a savepoint where a duplicate raises an error (a redelivered wamid, or a
   * conversation row created concurrently): the transaction goes on after rolling back to it, and
   * the second try finds the conversation row the concurrent webhook created. On PostgreSQL the
   * inserts skip duplicates (ON CONFLICT DO NOTHING) and need no savepoint: two statements fewer
   * per message.
   */
  private boolean acceptInSavepoint(NewInboxEntry entry) {
    if (inbox.acceptNeverAbortsTheTransaction()) {
      return inbox.accept(entry);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return Boolean.TRUE.equals(
            savepoint.execute(
                sp -> {
                  boolean accepted = inbox.accept(entry);
                  if (!accepted) {
                    sp.setRollbackOnly();
                  }
                  return accepted;
                }));
      } catch (DataAccessException e) {
        if (attempt == 2) {
          throw e;
        }
      }
    }
  }

  private static Map<String, Object> receivedData(InboundMessage m, boolean stale) {
    Map<String, Object> data = new HashMap<>();
    data.put("wamid", m.wamid());
    data.put("type", m.type());
    data.put("text", m.text());
    data.put("replyId", m.replyId());
    data.put("contextWamid", m.contextWamid());
    data.put("mediaId", m.mediaId());
    data.put("mimeType", m.mimeType());
    data.put("timestamp", m.timestamp().toString());
    data.put("stale", stale);
    return data;
  }
}
