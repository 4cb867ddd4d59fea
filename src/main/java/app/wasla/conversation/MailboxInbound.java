package app.wasla.conversation;

import app.wasla.channel.whatsapp.InboundMessage;
import app.wasla.channel.whatsapp.StatusUpdate;
import app.wasla.channel.whatsapp.WebhookPayload;
import app.wasla.channel.whatsapp.WhatsAppInbound;
import app.wasla.crm.CustomerMemory;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Puts verified WhatsApp webhooks into the mailbox and records statuses against outbound messages. */
@Component
class MailboxInbound implements WhatsAppInbound {

  private static final Logger log = LoggerFactory.getLogger(MailboxInbound.class);

  private final Inbox inbox;
  private final Mailbox mailbox;
  private final OutboundMessages outbound;
  private final MailboxProperties props;
  private final Clock clock;
  private final CustomerMemory customers;

  MailboxInbound(Inbox inbox, Mailbox mailbox, OutboundMessages outbound, MailboxProperties props, Clock clock,
      CustomerMemory customers) {
    this.inbox = inbox;
    this.mailbox = mailbox;
    this.outbound = outbound;
    this.props = props;
    this.clock = clock;
    this.customers = customers;
  }

  @Override
  public void store(WebhookPayload payload) {
    Instant now = clock.instant();
    Set<String> toDeliver = new LinkedHashSet<>();
    for (InboundMessage m : payload.messages()) {
      ConversationKey key = new ConversationKey(m.phoneNumberId(), m.waId());
      boolean stale = m.timestamp().isBefore(now.minus(props.maxMessageAge()));
      boolean stored = inbox.accept(new NewInboxEntry(m.wamid(), key, Mailbox.CUSTOMER_MESSAGE, m.type(),
          m.text(), m.replyId(), m.contextWamid(), m.mediaId(), m.mimeType(), m.profileName(), m.rawJson(),
          null, m.timestamp(), now, stale));
      if (stored) {
        rememberCustomer(key, m);
      }
      if (stored && !stale) {
        toDeliver.add(key.value());
      } else if (stored) {
        log.info("Message {} is older than {}: recorded, no automatic reply", m.wamid(), props.maxMessageAge());
      }
    }
    for (StatusUpdate status : payload.statuses()) {
      outbound.recordStatus(status);
    }
    toDeliver.forEach(mailbox::poke);
  }

  /**
   * Profile and consent keywords in the CRM. The message is durable already and a redelivery is a no-op, so a
   * CRM failure is logged, never turned into an error that would make Meta retry in vain.
   */
  private void rememberCustomer(ConversationKey key, InboundMessage m) {
    try {
      customers.messageReceived(key.value(), m.profileName(), m.text(), m.timestamp());
    } catch (RuntimeException e) {
      log.warn("CRM update for message {} failed; the message is stored", m.wamid(), e);
    }
  }
}
