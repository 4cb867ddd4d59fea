package app.wasla.campaign;

import app.wasla.campaign.Campaign.Stage;
import app.wasla.commerce.Sales;
import app.wasla.conversation.OutboundMessages;
import app.wasla.crm.ConsentKeywords;
import app.wasla.crm.MarketingAudience;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What became of a campaign, derived from what Wasla already keeps: the recipient rows (who was
 * selected, skipped, refused), the outbound messages that Meta's status webhooks move forward
 * (sent, delivered, read, failed with Meta's error code), the customers' messages after the send
 * (replied; an opt-out such as STOP or the template's "Stop promotions" is no reply), the CRM's
 * opt-outs after it, and the orders placed within the attribution window.
 */
@Component
@Transactional(readOnly = true)
public class CampaignResults {

  /** One recipient's outcome. {@code outcome} is the one word a list shows. */
  public record RecipientResult(
      String customerKey,
      String waId,
      String stage,
      String language,
      List<String> parameters,
      String outcome,
      String wamid,
      Instant sentAt,
      Instant statusAt,
      Integer errorCode,
      String error,
      Instant repliedAt,
      Instant optedOutAt,
      int orders,
      BigDecimal revenueEgp) {}

  /** A page of recipients. */
  public record RecipientPage(
      String campaignId,
      String stage,
      int page,
      int size,
      long total,
      List<RecipientResult> items) {}

  /** Counts of one stage's recipients by outcome. */
  public record StageCounts(
      long recipients,
      long queued,
      long sent,
      long delivered,
      long read,
      long failed,
      long skippedOptedOut,
      long skippedCap,
      long skippedInHandoff,
      long unconfirmed,
      long cancelled,
      long replied,
      long optedOut) {}

  /** The campaign's figures. Rates are of the messages Meta accepted ({@code sent}). */
  public record Summary(
      String campaignId,
      String name,
      String status,
      long recipients,
      long sent,
      long delivered,
      long read,
      long failed,
      StageCounts initial,
      StageCounts reminder,
      Map<String, Double> rates,
      Attribution attribution) {}

  /** Orders the recipients placed within the window after their message, and their amount. */
  public record Attribution(String window, long orders, long buyers, BigDecimal revenueEgp) {}

  private final CampaignStore store;
  private final OutboundMessages outbound;
  private final MarketingAudience audience;
  private final Sales sales;
  private final CampaignProperties props;
  private final ConsentKeywords consentKeywords;

  CampaignResults(
      CampaignStore store,
      OutboundMessages outbound,
      MarketingAudience audience,
      Sales sales,
      CampaignProperties props,
      ConsentKeywords consentKeywords) {
    this.consentKeywords = consentKeywords;
    this.store = store;
    this.outbound = outbound;
    this.audience = audience;
    this.sales = sales;
    this.props = props;
  }

  public RecipientPage recipients(Campaign c, Stage stage, int page, int size) {
    int p = Math.max(0, page);
    int s = Math.max(1, Math.min(200, size));
    Map<String, Long> counts = store.stateCounts(c.id(), stage);
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    return new RecipientPage(
        c.id(), stage.name(), p, s, total, results(c, store.recipients(c.id(), stage, p, s)));
  }

  public Summary summary(Campaign c) {
    List<RecipientResult> initial = results(c, store.allRecipients(c.id(), Stage.INITIAL));
    List<RecipientResult> reminder = results(c, store.allRecipients(c.id(), Stage.REMINDER));
    StageCounts first = counts(initial);
    StageCounts second = counts(reminder);
    Map<String, Double> rates = new java.util.LinkedHashMap<>();
    rates.put("delivered", rate(first.delivered(), first.sent()));
    rates.put("read", rate(first.read(), first.sent()));
    rates.put("replied", rate(first.replied(), first.sent()));
    rates.put("optedOut", rate(first.optedOut(), first.sent()));
    rates.put("failed", rate(first.failed(), first.sent() + first.failed()));
    long orders = 0;
    long buyers = 0;
    BigDecimal revenue = BigDecimal.ZERO;
    for (RecipientResult r : initial) {
      orders += r.orders();
      buyers += r.orders() > 0 ? 1 : 0;
      revenue = revenue.add(r.revenueEgp());
    }
    rates.put("conversion", rate(buyers, first.sent()));
    return new Summary(
        c.id(),
        c.name(),
        c.status().name(),
        first.recipients(),
        first.sent(),
        first.delivered(),
        first.read(),
        first.failed(),
        first,
        c.reminds() ? second : null,
        rates,
        new Attribution(props.attributionWindow().toString(), orders, buyers, revenue));
  }

  /** The first message's recipients who got it and neither read it nor wrote since. */
  List<RecipientResult> unreadRecipients(Campaign c) {
    return results(c, store.allRecipients(c.id(), Stage.INITIAL)).stream()
        .filter(r -> r.outcome().equals("sent") || r.outcome().equals("delivered"))
        .filter(r -> r.repliedAt() == null && r.optedOutAt() == null)
        .toList();
  }

  private List<RecipientResult> results(Campaign c, List<CampaignStore.Recipient> recipients) {
    Map<String, String> keys = new HashMap<>();
    for (CampaignStore.Recipient r : recipients) {
      keys.put(Campaign.sendKey(c.id(), r.stage(), r.seq()), r.customerKey());
    }
    Map<String, OutboundMessages.SendResult> sends = outbound.results(keys.keySet());
    Map<String, Instant> optedOut =
        audience.optedOut(recipients.stream().map(CampaignStore.Recipient::customerKey).toList());
    Map<String, Instant> sentAt = new HashMap<>();
    for (CampaignStore.Recipient r : recipients) {
      if (r.sentAt() != null) {
        sentAt.merge(r.customerKey(), r.sentAt(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    Duration window = props.attributionWindow();
    Map<String, Sales.Attributed> attributed = sales.attributed(sentAt, window);
    Map<String, Instant> replies = repliesOfWhoOptedOut(c, recipients, sends, optedOut);
    List<RecipientResult> results = new ArrayList<>();
    for (CampaignStore.Recipient r : recipients) {
      OutboundMessages.SendResult send = sends.get(Campaign.sendKey(c.id(), r.stage(), r.seq()));
      Instant optOut = optedOut.get(r.customerKey());
      Instant optOutAfterSend =
          optOut != null && r.sentAt() != null && optOut.isAfter(r.sentAt()) ? optOut : null;
      Sales.Attributed bought = r.stage() == Stage.INITIAL ? attributed.get(r.customerKey()) : null;
      results.add(
          new RecipientResult(
              r.customerKey(),
              r.waId(),
              r.stage().name(),
              r.language(),
              r.parameters(),
              outcome(r, send),
              r.wamid(),
              r.sentAt(),
              send == null ? null : send.statusAt(),
              r.errorCode() != null ? r.errorCode() : send == null ? null : send.errorCode(),
              r.error() != null
                  ? r.error()
                  : send == null || !"FAILED".equals(send.status()) ? null : send.error(),
              send == null
                  ? null
                  : optOutAfterSend != null
                      ? replies.get(Campaign.sendKey(c.id(), r.stage(), r.seq()))
                      : send.repliedAt(),
              optOutAfterSend,
              bought == null ? 0 : bought.orders(),
              bought == null ? BigDecimal.ZERO : bought.revenueEgp()));
    }
    return results;
  }

  /**
   * When the recipients who opted out after their message replied, by send key: their first message
   * after it that is no opt-out (STOP, "وقف العروض", the template's "Stop promotions" button),
   * absent when the opt-out was all they wrote. An opt-out is counted as such, not as interest.
   */
  private Map<String, Instant> repliesOfWhoOptedOut(
      Campaign c,
      List<CampaignStore.Recipient> recipients,
      Map<String, OutboundMessages.SendResult> sends,
      Map<String, Instant> optedOut) {
    Map<String, Instant> after = new HashMap<>();
    Map<String, String> sendKeys = new HashMap<>();
    for (CampaignStore.Recipient r : recipients) {
      String sendKey = Campaign.sendKey(c.id(), r.stage(), r.seq());
      OutboundMessages.SendResult send = sends.get(sendKey);
      Instant optOut = optedOut.get(r.customerKey());
      if (send != null
          && send.repliedAt() != null
          && send.sentAt() != null
          && optOut != null
          && r.sentAt() != null
          && optOut.isAfter(r.sentAt())) {
        after.merge(r.customerKey(), send.sentAt(), (a, b) -> a.isBefore(b) ? a : b);
        sendKeys.put(sendKey, r.customerKey());
      }
    }
    if (after.isEmpty()) {
      return Map.of();
    }
    Map<String, List<OutboundMessages.CustomerWords>> words = outbound.customerMessagesAfter(after);
    Map<String, Instant> replied = new HashMap<>();
    sendKeys.forEach(
        (sendKey, customerKey) -> {
          Instant sent = sends.get(sendKey).sentAt();
          words.getOrDefault(customerKey, List.of()).stream()
              .filter(w -> w.at().isAfter(sent))
              .filter(w -> consentKeywords.classify(w.typed()) != ConsentKeywords.Verdict.OPT_OUT)
              .findFirst()
              .ifPresent(w -> replied.put(sendKey, w.at()));
        });
    return replied;
  }

  /**
   * queued, sent, delivered, read, failed (Meta refused it, or could not deliver it),
   * skipped_opted_out, skipped_cap, skipped_in_handoff, unconfirmed, cancelled.
   */
  private static String outcome(CampaignStore.Recipient r, OutboundMessages.SendResult send) {
    return switch (r.state()) {
      case "PENDING" -> "queued";
      case "OPTED_OUT" -> "skipped_opted_out";
      case "CAPPED" -> "skipped_cap";
      case "IN_HANDOFF" -> "skipped_in_handoff";
      case "SENT" ->
          send == null || send.status() == null
              ? "sent"
              : switch (send.status()) {
                case "DELIVERED", "READ", "FAILED" -> send.status().toLowerCase(Locale.ROOT);
                default -> "sent";
              };
      default -> r.state().toLowerCase(Locale.ROOT);
    };
  }

  private static StageCounts counts(List<RecipientResult> results) {
    long queued = 0, sent = 0, delivered = 0, read = 0, failed = 0, optedOutSkip = 0, cap = 0;
    long unconfirmed = 0, cancelled = 0, replied = 0, optedOut = 0, inHandoff = 0;
    for (RecipientResult r : results) {
      switch (r.outcome()) {
        case "queued" -> queued++;
        case "sent" -> sent++;
        case "delivered" -> {
          sent++;
          delivered++;
        }
        case "read" -> {
          sent++;
          delivered++;
          read++;
        }
        case "failed" -> {
          failed++;
          if (r.wamid() != null) {
            sent++;
          }
        }
        case "skipped_opted_out" -> optedOutSkip++;
        case "skipped_cap" -> cap++;
        case "skipped_in_handoff" -> inHandoff++;
        case "unconfirmed" -> unconfirmed++;
        case "cancelled" -> cancelled++;
        default -> {}
      }
      if (r.repliedAt() != null) {
        replied++;
      }
      if (r.optedOutAt() != null) {
        optedOut++;
      }
    }
    return new StageCounts(
        results.size(),
        queued,
        sent,
        delivered,
        read,
        failed,
        optedOutSkip,
        cap,
        inHandoff,
        unconfirmed,
        cancelled,
        replied,
        optedOut);
  }

  private static double rate(long part, long whole) {
    return whole == 0 ? 0.0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
  }
}
