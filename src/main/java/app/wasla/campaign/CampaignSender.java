package app.wasla.campaign;

import app.wasla.campaign.Campaign.Status;
import app.wasla.channel.whatsapp.CloudApiException;
import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.OutboundMessages;
import app.wasla.conversation.TemplateCategory;
import app.wasla.crm.Consent;
import app.wasla.system.AfterCommit;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the campaigns that are SENDING, on every node: claims a batch of due recipients under a
 * lease (a dead node's claims are taken over when it ends), and for each, right before the send,
 * asks again whether the campaign still runs, whether the customer still agrees (a STOP mid-run
 * holds at once) and whether the weekly cap allows one more; then waits for the business number's
 * pace and sends at most once ({@link OutboundMessages#sendAtMostOnce}). When no recipient of the
 * stage is left, the process hears {@code CampaignAudienceSent}.
 */
@Component
class CampaignSender implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CampaignSender.class);
  private static final Duration WEEK = Duration.ofDays(7);

  private final CampaignStore store;
  private final CampaignProcess process;
  private final OutboundMessages outbound;
  private final Consent consent;
  private final app.wasla.conversation.ConversationOwners owners;
  private final CampaignProperties props;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final String node = UUID.randomUUID().toString().substring(0, 8);
  private final AtomicLong batches = new AtomicLong();
  private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

  private volatile boolean running;
  private boolean failing;
  private ScheduledExecutorService poller;
  private ExecutorService workers;
  private Semaphore inFlight;

  CampaignSender(
      CampaignStore store,
      CampaignProcess process,
      OutboundMessages outbound,
      Consent consent,
      app.wasla.conversation.ConversationOwners owners,
      CampaignProperties props,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.process = process;
    this.outbound = outbound;
    this.consent = consent;
    this.owners = owners;
    this.props = props;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
  }

  void poll() {
    if (!running) {
      return;
    }
    try {
      for (Campaign campaign : store.sending()) {
        while (running && sendBatch(campaign)) {
          // the next batch at once while there are due recipients
        }
        if (running) {
          completeStage(campaign);
        }
      }
      failing = false;
    } catch (RuntimeException e) {
      // once per outage, not every poll (the database away, say)
      if (!failing) {
        log.warn("Campaign sending waits for the next poll: {}", e.toString());
      }
      failing = true;
    }
  }

  /** One claimed batch; false when there was nothing due or the campaign stopped. */
  private boolean sendBatch(Campaign campaign) {
    Instant now = clock.instant();
    // a batch must be sent well within its lease, at the campaign's pace
    int size =
        (int)
            Math.max(1, Math.min(100, rate(campaign) * Math.max(1, props.lease().toSeconds() / 4)));
    String owner = node + ":" + batches.incrementAndGet();
    List<CampaignStore.Recipient> claimed =
        store.claim(campaign.id(), campaign.stage(), owner, now, now.plus(props.lease()), size);
    if (claimed.isEmpty()) {
      return false;
    }
    int done = 0;
    try {
      for (CampaignStore.Recipient r : claimed) {
        if (!running || store.status(campaign.id()).orElse(null) != Status.SENDING) {
          break;
        }
        inFlight.acquire();
        boolean handedOver = false;
        try {
          if (r.customerKey().startsWith("erased:")) {
            // erased meanwhile (which opts out as well)
            store.finish(r, owner, "OPTED_OUT", null, null, "erased", null);
            done++;
            continue;
          }
          ConversationKey key = ConversationKey.parse(r.customerKey());
          String sendKey = Campaign.sendKey(campaign.id(), r.stage(), r.seq());
          if (!consent.allowsCampaign(key)) {
            store.finish(r, owner, "OPTED_OUT", null, null, "opted out", null);
          } else if (owners.personInCharge(key).isPresent()) {
            // one voice: a person is serving the customer; marketing beside her would talk over her
            store.finish(
                r,
                owner,
                "IN_HANDOFF",
                null,
                null,
                "a person was serving the customer in an open handoff",
                null);
          } else if (props.maxMarketingPerWeek() > 0
              && outbound.marketingSendsSince(r.waId(), clock.instant().minus(WEEK), sendKey)
                  >= props.maxMarketingPerWeek()) {
            store.finish(
                r,
                owner,
                "CAPPED",
                null,
                null,
                "already had "
                    + props.maxMarketingPerWeek()
                    + " marketing messages in 7 days (wasla.campaigns.max-marketing-per-week)",
                null);
          } else if (!pace(campaign)) {
            break;
          } else {
            workers.execute(
                () -> {
                  try {
                    send(campaign, r, key, sendKey, owner);
                  } catch (RuntimeException e) {
                    log.warn("Campaign send {} failed: {}", sendKey, e.toString());
                  } finally {
                    inFlight.release();
                  }
                });
            handedOver = true;
          }
        } finally {
          if (!handedOver) {
            inFlight.release();
          }
        }
        done++;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // the batch's sends end before the next claim; what was not begun goes back at once
      try {
        inFlight.acquire(props.senders());
        inFlight.release(props.senders());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (CampaignStore.Recipient r : claimed.subList(done, claimed.size())) {
        store.release(r, owner, null, false, null);
      }
    }
    return done == claimed.size();
  }

  private void send(
      Campaign campaign,
      CampaignStore.Recipient r,
      ConversationKey key,
      String sendKey,
      String owner) {
    OutboundMessage.Template template =
        new OutboundMessage.Template(
            r.stage() == Campaign.Stage.REMINDER
                ? campaign.reminderTemplate()
                : campaign.template(),
            r.language(),
            campaign.namedParameters() ? List.of() : r.parameters(),
            campaign.named(r.parameters()),
            campaign.header(),
            campaign.buttons());
    OutboundMessages.AtMostOnce result =
        outbound.sendAtMostOnce(key, template, TemplateCategory.MARKETING, sendKey);
    Instant now = clock.instant();
    switch (result.outcome()) {
      case SENT, ALREADY_SENT -> store.finish(r, owner, "SENT", result.wamid(), null, null, now);
      case UNCONFIRMED ->
          store.finish(
              r,
              owner,
              "UNCONFIRMED",
              null,
              null,
              "a send began and Meta's answer never came: not sent again, so no one gets it twice",
              null);
      case REFUSED -> {
        CloudApiException e = result.error();
        int attempts = r.attempts() + 1;
        if (e.retryable() && attempts < props.maxAttempts()) {
          Duration wait =
              e.retryAfter() != null
                  ? e.retryAfter()
                  : props.retryBackoff().multipliedBy(1L << Math.min(10, attempts - 1));
          store.release(r, owner, now.plus(wait), true, e.publicSummary());
        } else {
          // a reason that will not change (131026: not a WhatsApp user) is not tried again
          store.finish(r, owner, "FAILED", null, e.errorCode(), e.publicSummary(), null);
        }
      }
    }
  }

  /** Waits for the number's (and the campaign's own) pace; false when it did not come in time. */
  private boolean pace(Campaign campaign) {
    RateLimiter number =
        limiters.computeIfAbsent(
            "number:" + campaign.phoneNumberId(), id -> limiter(id, props.ratePerSecond()));
    if (!number.acquirePermission()) {
      return false;
    }
    if (campaign.ratePerSecond() != null && campaign.ratePerSecond() < props.ratePerSecond()) {
      return limiters
          .computeIfAbsent("campaign:" + campaign.id(), id -> limiter(id, campaign.ratePerSecond()))
          .acquirePermission();
    }
    return true;
  }

  private RateLimiter limiter(String name, int perSecond) {
    // one permit every 1/rate seconds: evenly spread, never a burst at a period's start
    return RateLimiter.of(
        name,
        RateLimiterConfig.custom()
            .limitForPeriod(1)
            .limitRefreshPeriod(Duration.ofNanos(1_000_000_000L / perSecond))
            .timeoutDuration(props.lease().dividedBy(4))
            .build());
  }

  private int rate(Campaign campaign) {
    return campaign.ratePerSecond() == null
        ? props.ratePerSecond()
        : Math.min(campaign.ratePerSecond(), props.ratePerSecond());
  }

  /** No recipient of the stage left: the process goes on (the reminder's wait, or the close). */
  private void completeStage(Campaign campaign) {
    boolean sent =
        Boolean.TRUE.equals(
            tx.execute(
                status -> {
                  if (!store.stageSent(campaign.id(), campaign.stage())) {
                    return false;
                  }
                  if (!process.correlate(
                      campaign.processInstanceId(), CampaignProcess.AUDIENCE_SENT)) {
                    status.setRollbackOnly();
                    return false;
                  }
                  return true;
                }));
    if (sent) {
      limiters.remove("campaign:" + campaign.id());
    }
  }

  @Override
  public void start() {
    workers = Executors.newFixedThreadPool(props.senders(), AfterCommit.daemonThreads("campaign-"));
    poller =
        Executors.newSingleThreadScheduledExecutor(AfterCommit.daemonThreads("campaign-poll-"));
    inFlight = new Semaphore(props.senders());
    running = true;
    poller.scheduleWithFixedDelay(
        this::poll,
        props.pollInterval().toMillis(),
        props.pollInterval().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    running = false;
    if (poller != null) {
      poller.shutdown();
      workers.shutdown();
      try {
        poller.awaitTermination(30, TimeUnit.SECONDS);
        workers.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 300;
  }
}
