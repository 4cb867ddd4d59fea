package app.wasla.commerce.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.wasla.commerce.CommerceProperties;
import app.wasla.commerce.http.HttpBackend;
import app.wasla.persona.ProductStock.Availability;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The persona's stock view: sold out when no branch has a unit, kept briefly, and never a failed or
 * slow turn: a backend that is down or slow tells nothing (the product is listed).
 */
class CatalogueProductStockTest {

  MockWebServer server;
  HttpBackend backend;

  /** Waits long enough for a backend that answers at once, on a busy test machine too. */
  CatalogueProductStock overHttp;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    backend =
        new HttpBackend(
            new OkHttpClient(),
            new CommerceProperties.Http(
                server.url("/api/v1").toString(),
                "X-Api-Key",
                "k-123",
                Duration.ofMillis(500),
                Duration.ofSeconds(5)));
    overHttp = new CatalogueProductStock(backend, Duration.ofSeconds(30), Duration.ofSeconds(3));
  }

  @AfterEach
  void stop() throws IOException {
    overHttp.stop();
    server.shutdown();
  }

  private static MockResponse stock(int cairo, int alexandria) {
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(
            """
            [{"branchCode":"CAI","branchNameEn":"Cairo","branchNameAr":"القاهرة","available":%d},
             {"branchCode":"ALX","branchNameEn":"Alexandria","branchNameAr":"إسكندرية","available":%d}]"""
                .formatted(cairo, alexandria));
  }

  @Test
  void soldOutWhenNoBranchHasAUnitAndKeptBriefly() {
    server.enqueue(stock(0, 0));
    server.enqueue(stock(0, 1));

    assertThat(overHttp.availability("OPR11")).isEqualTo(Availability.OUT_OF_STOCK);
    assertThat(overHttp.availability("OPR11")).isEqualTo(Availability.OUT_OF_STOCK);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(overHttp.availability("SM-A55")).isEqualTo(Availability.IN_STOCK);
  }

  @Test
  void aBackendThatIsDownTellsNothing() {
    server.enqueue(new MockResponse().setResponseCode(503));

    assertThat(overHttp.availability("OPR11")).isEqualTo(Availability.UNKNOWN);
    // kept a few seconds: the backend is not asked again for the next list
    assertThat(overHttp.availability("OPR11")).isEqualTo(Availability.UNKNOWN);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aSlowBackendTellsNothingThisTurnAndFillsTheCacheForTheNext() {
    server.enqueue(stock(0, 0).setBodyDelay(2, TimeUnit.SECONDS));
    CatalogueProductStock waitsLittle =
        new CatalogueProductStock(backend, Duration.ofSeconds(30), Duration.ofMillis(300));
    try {
      long started = System.nanoTime();
      assertThat(waitsLittle.availability("OPR11")).isEqualTo(Availability.UNKNOWN);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
      await()
          .atMost(Duration.ofSeconds(8))
          .until(() -> waitsLittle.availability("OPR11") == Availability.OUT_OF_STOCK);
      assertThat(server.getRequestCount()).isEqualTo(1);
    } finally {
      waitsLittle.stop();
    }
  }

  @Test
  void aListOfSlowProductsWaitsAboutOnce() {
    CatalogueProductStock waits =
        new CatalogueProductStock(backend, Duration.ofSeconds(30), Duration.ofMillis(500));
    try {
      for (int i = 0; i < 4; i++) {
        server.enqueue(stock(1, 1).setBodyDelay(3, TimeUnit.SECONDS));
      }
      long started = System.nanoTime();
      for (String sku : List.of("A", "B", "C", "D")) {
        assertThat(waits.availability(sku)).isEqualTo(Availability.UNKNOWN);
      }
      // four reads each waited for would take 2 s
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
    } finally {
      waits.stop();
    }
  }

  /** Wasla's own tables, as the demo store: read in the caller's thread. */
  private static final class Tables implements Catalogue {
    final Map<String, Integer> units = new ConcurrentHashMap<>();

    @Override
    public List<Product> search(String text) {
      return List.of();
    }

    @Override
    public Optional<Product> product(String sku) {
      return Optional.empty();
    }

    @Override
    public List<StockLevel> stock(String sku) {
      Integer n = units.get(sku);
      if (n != null && n < 0) {
        throw new IllegalStateException("table not there");
      }
      return n == null ? List.of() : List.of(new StockLevel(sku, "CAI", "Cairo", "القاهرة", n));
    }

    @Override
    public boolean local() {
      return true;
    }
  }

  @Test
  void ownTablesAreReadInTheTurnAndReadAgainOnceKeptLongEnough() {
    Tables tables = new Tables();
    CatalogueProductStock local =
        new CatalogueProductStock(tables, Duration.ofMillis(200), Duration.ofMillis(300));
    try {
      tables.units.put("OPR11", 0);
      tables.units.put("BROKEN", -1);
      assertThat(local.availability("OPR11")).isEqualTo(Availability.OUT_OF_STOCK);
      assertThat(local.availability("UNSOLD")).isEqualTo(Availability.UNKNOWN);
      assertThat(local.availability("BROKEN")).isEqualTo(Availability.UNKNOWN);
      tables.units.put("OPR11", 3);
      // kept: the restock is seen once the answer expires
      assertThat(local.availability("OPR11")).isEqualTo(Availability.OUT_OF_STOCK);
      await()
          .atMost(Duration.ofSeconds(3))
          .until(() -> local.availability("OPR11") == Availability.IN_STOCK);
    } finally {
      local.stop();
    }
  }
}
