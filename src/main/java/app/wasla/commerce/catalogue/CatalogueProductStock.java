package app.wasla.commerce.catalogue;

import app.wasla.persona.ProductStock;
import app.wasla.system.AfterCommit;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The persona's view of the stock: a product is in stock when some branch can sell a unit now, sold
 * out when no branch can. Read from the catalogue and kept for {@code wasla.commerce.stock-cache}
 * (30 s by default): the persona answers in milliseconds, and a list names up to eight products.
 *
 * <p>Wasla's own tables (the demo store) are read in the turn. The business's backend is HTTP: its
 * read runs on a thread of its own, and a turn waits for it at most {@code
 * wasla.commerce.stock-wait} (300 ms); a read that is slower, or fails, tells nothing (the product
 * is listed) and a slow one still fills the cache for the next turn; after one slow read, the other
 * products of the list are not waited for either, so a turn waits about once. A failed read is kept
 * for a few seconds only, so a backend that is down is not asked again for every product of every
 * list.
 */
@Component
class CatalogueProductStock implements ProductStock {

  private static final Logger log = LoggerFactory.getLogger(CatalogueProductStock.class);

  /** How long "nothing known" (a failed read) is kept. */
  static final Duration UNKNOWN_KEPT = Duration.ofSeconds(5);

  private final Catalogue catalogue;
  private final Duration wait;
  private final Cache<String, Availability> local;
  private final AsyncCache<String, Availability> remote;
  private final ExecutorService reads;

  /**
   * Until when (System.nanoTime) a read that is not done is not waited for: after one read was too
   * slow, the other products of the same list do not each wait again.
   */
  private volatile long hurriedUntil = System.nanoTime();

  CatalogueProductStock(
      Catalogue catalogue,
      @Value("${wasla.commerce.stock-cache:PT30S}") Duration kept,
      @Value("${wasla.commerce.stock-wait:PT0.3S}") Duration wait) {
    this.catalogue = catalogue;
    this.wait = wait;
    Expiry<String, Availability> expiry = new KeptFor(kept);
    this.local = Caffeine.newBuilder().maximumSize(10_000).expireAfter(expiry).build();
    this.reads = Executors.newFixedThreadPool(2, AfterCommit.daemonThreads("stock-"));
    this.remote =
        Caffeine.newBuilder().maximumSize(10_000).expireAfter(expiry).executor(reads).buildAsync();
  }

  @Override
  public Availability availability(String sku) {
    if (sku == null) {
      return Availability.UNKNOWN;
    }
    if (catalogue.local()) {
      return local.get(sku, this::read);
    }
    CompletableFuture<Availability> read =
        remote.get(
            sku, (key, executor) -> CompletableFuture.supplyAsync(() -> read(key), executor));
    if (!read.isDone() && System.nanoTime() - hurriedUntil < 0) {
      return Availability.UNKNOWN;
    }
    try {
      return read.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      hurriedUntil = System.nanoTime() + wait.toNanos();
      return Availability.UNKNOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Availability.UNKNOWN;
    } catch (Exception e) {
      return Availability.UNKNOWN;
    }
  }

  /** The catalogue's stock of the SKU; nothing known when it fails or has no row for it. */
  private Availability read(String sku) {
    try {
      List<StockLevel> levels = catalogue.stock(sku);
      if (levels.isEmpty()) {
        return Availability.UNKNOWN;
      }
      return levels.stream().anyMatch(s -> s.available() > 0)
          ? Availability.IN_STOCK
          : Availability.OUT_OF_STOCK;
    } catch (RuntimeException e) {
      log.debug("Stock of {} not read: {}", sku, e.toString());
      return Availability.UNKNOWN;
    }
  }

  @PreDestroy
  void stop() {
    reads.shutdownNow();
  }

  /** Known stock is kept for the configured time, "nothing known" a few seconds. */
  private record KeptFor(Duration known) implements Expiry<String, Availability> {

    private long nanos(Availability a) {
      return (a == Availability.UNKNOWN ? UNKNOWN_KEPT : known).toNanos();
    }

    @Override
    public long expireAfterCreate(String key, Availability value, long currentTime) {
      return nanos(value);
    }

    @Override
    public long expireAfterUpdate(
        String key, Availability value, long currentTime, long currentDuration) {
      return nanos(value);
    }

    @Override
    public long expireAfterRead(
        String key, Availability value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
