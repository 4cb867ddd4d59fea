package app.wasla.commerce.demo;

import app.wasla.commerce.booking.Booking;
import app.wasla.commerce.booking.BookingOptions;
import app.wasla.commerce.booking.Bookings;
import app.wasla.commerce.booking.SlotTakenException;
import app.wasla.commerce.catalogue.Catalogue;
import app.wasla.commerce.catalogue.Product;
import app.wasla.commerce.catalogue.ProductMatcher;
import app.wasla.commerce.catalogue.StockLevel;
import app.wasla.commerce.order.Order;
import app.wasla.commerce.order.Orders;
import app.wasla.commerce.smartinfo.CustomerSummaries;
import app.wasla.commerce.smartinfo.CustomerSummary;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.annotation.Transactional;

/**
 * The built-in demo backend: a sample Egyptian electronics store in Wasla's own tables
 * (V5__commerce.sql), so that every sales flow can be walked through on the embedded default
 * without a real shop system.
 */
public class DemoBackend implements Catalogue, Orders, Bookings, CustomerSummaries {

  /** The store's opening hours for bookings: half-hour slots from 11:00 to 21:00, Cairo time. */
  static final ZoneId CAIRO = ZoneId.of("Africa/Cairo");

  static final LocalTime FIRST_SLOT = LocalTime.of(11, 0);
  static final LocalTime LAST_SLOT = LocalTime.of(20, 30);
  static final Duration SLOT = Duration.ofMinutes(30);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final StockChanges stockChanges;
  private volatile List<ProductMatcher.Name> names;

  /** What a product's image path is relative to: Wasla's public base URL (no trailing slash). */
  private final String imageBase;

  public DemoBackend(JdbcClient jdbc, Clock clock) {
    this(jdbc, clock, "http://localhost:8080");
  }

  /**
   * @param imageBase Wasla's public base URL, which serves the demo store's product photos
   */
  public DemoBackend(JdbcClient jdbc, Clock clock, String imageBase) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.stockChanges = new StockChanges(jdbc);
    this.imageBase =
        imageBase.endsWith("/") ? imageBase.substring(0, imageBase.length() - 1) : imageBase;
  }

  // ---- catalogue

  @Override
  public List<Product> search(String text) {
    return ProductMatcher.match(text, names()).stream()
        .map(this::product)
        .flatMap(Optional::stream)
        .toList();
  }

  private List<ProductMatcher.Name> names() {
    List<ProductMatcher.Name> cached = names;
    if (cached == null) {
      List<ProductMatcher.Name> all = new ArrayList<>();
      jdbc.sql("SELECT sku, name_en, name_ar, aliases FROM commerce_product")
          .query(
              (rs, i) -> {
                String sku = rs.getString("sku");
                all.add(new ProductMatcher.Name(sku, rs.getString("name_en")));
                all.add(new ProductMatcher.Name(sku, rs.getString("name_ar")));
                for (String alias : rs.getString("aliases").split(";")) {
                  all.add(new ProductMatcher.Name(sku, alias));
                }
                return sku;
              })
          .list();
      names = cached = List.copyOf(all);
    }
    return cached;
  }

  /** A product of the columns sku, name_en, name_ar, price_egp, category, image_url. */
  private Product productOf(ResultSet rs, int row) throws SQLException {
    return new Product(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getBigDecimal(4),
        rs.getString(5),
        imageUrl(rs.getString(6)));
  }

  @Override
  public List<Product> ofCategory(String category) {
    return jdbc.sql(
            "SELECT sku, name_en, name_ar, price_egp, category, image_url FROM commerce_product"
                + " WHERE category = ? ORDER BY sku")
        .param(category)
        .query(this::productOf)
        .list();
  }

  @Override
  public Optional<Product> product(String sku) {
    return jdbc.sql(
            "SELECT sku, name_en, name_ar, price_egp, category, image_url FROM commerce_product"
                + " WHERE sku = ?")
        .param(sku)
        .query(this::productOf)
        .optional();
  }

  /** A path of Wasla's own (the demo store's photos) made absolute; a URL as it is. */
  private String imageUrl(String stored) {
    if (stored == null || stored.isBlank()) {
      return null;
    }
    return stored.startsWith("/") ? imageBase + stored : stored;
  }

  /**
   * What the branches can sell now, counting this transaction's own orders that are not written
   * yet.
   */
  @Override
  public List<StockLevel> stock(String sku) {
    return jdbc.sql(
            """
        SELECT s.sku, s.branch_code, b.name_en, b.name_ar, s.on_hand - s.reserved AS available
        FROM commerce_stock s JOIN commerce_branch b ON b.code = s.branch_code
        WHERE s.sku = ? ORDER BY s.branch_code DESC""")
        .param(sku)
        .query(
            (rs, i) ->
                new StockLevel(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getInt(5)
                        + stockChanges.pendingAvailable(
                            new StockChanges.Row(rs.getString(1), rs.getString(2)))))
        .list();
  }

  // ---- orders

  @Override
  @Transactional
  public Optional<Order> place(String customerId, String sku, int quantity, String requestId) {
    return place(customerId, sku, quantity, null, requestId);
  }

  @Override
  @Transactional
  public Optional<Order> place(
      String customerId, String sku, int quantity, String branchCode, String requestId) {
    // requestId is not needed here: the reservation commits or rolls back with the flow's turn or
    // job
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be at least 1, got " + quantity);
    }
    Product product =
        product(sku).orElseThrow(() -> new IllegalArgumentException("unknown SKU " + sku));
    Optional<StockLevel> branch =
        stock(sku).stream()
            .filter(s -> s.available() >= quantity)
            .filter(s -> branchCode == null || branchCode.equals(s.branchCode()))
            .max((a, b) -> Integer.compare(a.available(), b.available()));
    if (branch.isEmpty()) {
      return Optional.empty();
    }
    // written at the commit, guarded against a concurrent order (StockChanges)
    if (!stockChanges.reserve(new StockChanges.Row(sku, branch.get().branchCode()), quantity)) {
      return Optional.empty();
    }
    OffsetDateTime now = now();
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            """
        INSERT INTO commerce_order (customer_id, sku, quantity, branch_code, amount_egp, status, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            customerId,
            sku,
            quantity,
            branch.get().branchCode(),
            product.priceEgp().multiply(BigDecimal.valueOf(quantity)),
            Order.RESERVED,
            now,
            now)
        .update(keys, "id");
    return find("ORD-" + keys.getKey().longValue());
  }

  @Override
  @Transactional
  public Order markPaid(String orderId, String paymentRef) {
    Order order =
        find(orderId).orElseThrow(() -> new IllegalArgumentException("unknown order " + orderId));
    // the status guard makes a second confirmation (a gateway's retried callback, say) change
    // nothing
    if (leaveReserved(orderId, Order.PAID)) {
      stockChanges.sell(new StockChanges.Row(order.sku(), order.branchCode()), order.quantity());
    }
    return find(orderId).orElseThrow();
  }

  @Override
  @Transactional
  public Order confirmCashOnDelivery(String orderId) {
    Order order =
        find(orderId).orElseThrow(() -> new IllegalArgumentException("unknown order " + orderId));
    if (leaveReserved(orderId, Order.CONFIRMED)) {
      stockChanges.sell(new StockChanges.Row(order.sku(), order.branchCode()), order.quantity());
    }
    return find(orderId).orElseThrow();
  }

  @Override
  @Transactional
  public void cancel(String orderId, String reason) {
    find(orderId)
        .ifPresent(
            order -> {
              StockChanges.Row row = new StockChanges.Row(order.sku(), order.branchCode());
              if (Order.RESERVED.equals(order.status())) {
                if (leaveReserved(orderId, Order.CANCELLED)) {
                  stockChanges.release(row, order.quantity());
                }
              } else if (Order.CONFIRMED.equals(order.status()) && order.tracking() == null) {
                // cash on delivery, not shipped: the units sold at confirmation go back on the
                // shelf
                if (jdbc.sql(
                            "UPDATE commerce_order SET status = ?, updated_at = ? WHERE id = ? AND status = ? AND tracking IS NULL")
                        .params(Order.CANCELLED, now(), number(orderId), Order.CONFIRMED)
                        .update()
                    == 1) {
                  stockChanges.restock(row, order.quantity());
                }
              }
            });
  }

  /** Moves a reserved order to its next status; false when it has left RESERVED already. */
  private boolean leaveReserved(String orderId, String status) {
    return jdbc.sql(
                "UPDATE commerce_order SET status = ?, updated_at = ? WHERE id = ? AND status = ?")
            .params(status, now(), number(orderId), Order.RESERVED)
            .update()
        == 1;
  }

  @Override
  public Optional<Order> find(String orderId) {
    Long id = number(orderId);
    if (id == null) {
      return Optional.empty();
    }
    return jdbc.sql(ORDER_SELECT + " WHERE o.id = ?")
        .param(id)
        .query(DemoBackend::order)
        .optional();
  }

  @Override
  public List<Order> forCustomer(String customerId, int limit) {
    return jdbc
        .sql(ORDER_SELECT + " WHERE o.customer_id = ? ORDER BY o.created_at DESC, o.id DESC")
        .param(customerId)
        .query(DemoBackend::order)
        .list()
        .stream()
        .limit(limit)
        .toList();
  }

  private static final String ORDER_SELECT =
      """
      SELECT o.id, o.customer_id, o.sku, p.name_en, p.name_ar, o.quantity, o.branch_code, o.amount_egp,
             o.status, o.tracking, o.created_at
      FROM commerce_order o JOIN commerce_product p ON p.sku = o.sku""";

  private static Order order(ResultSet rs, int row) throws SQLException {
    return new Order(
        "ORD-" + rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getInt(6),
        rs.getString(7),
        rs.getBigDecimal(8),
        rs.getString(9),
        rs.getString(10),
        rs.getObject(11, OffsetDateTime.class).toInstant());
  }

  /** "ORD-12001", "ord 12001" or "12001" to 12001; null when it is no order number. */
  static Long number(String orderId) {
    String digits = orderId == null ? "" : orderId.replaceAll("(?i)^\\s*(ord)?[-\\s#]*", "").trim();
    return digits.matches("\\d{1,18}") ? Long.valueOf(digits) : null;
  }

  // ---- bookings

  @Override
  public List<Booking> upcoming(String customerId) {
    return jdbc.sql(
            BOOKING_SELECT
                + " WHERE b.customer_id = ? AND b.status = ? AND b.starts_at >= ? ORDER BY b.starts_at")
        .params(customerId, Booking.BOOKED, now())
        .query(DemoBackend::booking)
        .list();
  }

  @Override
  public List<Instant> freeSlots(String serviceCode, String branchCode, Instant from, int limit) {
    Set<Instant> taken =
        new HashSet<>(
            jdbc.sql(
                    "SELECT starts_at FROM commerce_booking WHERE branch_code = ? AND status = ? AND starts_at >= ?")
                .params(branchCode, Booking.BOOKED, from.atOffset(ZoneOffset.UTC))
                .query((rs, i) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .list());
    List<Instant> free = new ArrayList<>();
    LocalDate day = from.atZone(CAIRO).toLocalDate();
    for (int d = 0; d < 14 && free.size() < limit; d++, day = day.plusDays(1)) {
      for (LocalTime t = FIRST_SLOT;
          !t.isAfter(LAST_SLOT) && free.size() < limit;
          t = t.plus(SLOT)) {
        Instant slot = day.atTime(t).atZone(CAIRO).toInstant();
        if (slot.isAfter(from) && !taken.contains(slot)) {
          free.add(slot);
        }
      }
    }
    return free;
  }

  @Override
  @Transactional(
      noRollbackFor = SlotTakenException.class) // a taken slot is an answer, not a failed step
  public Booking book(String customerId, String serviceCode, String branchCode, Instant startsAt) {
    requireFree(branchCode, startsAt, null);
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            """
        INSERT INTO commerce_booking (customer_id, service_code, branch_code, starts_at, status, updated_at)
        VALUES (?, ?, ?, ?, ?, ?)""")
        .params(
            customerId,
            serviceCode,
            branchCode,
            startsAt.atOffset(ZoneOffset.UTC),
            Booking.BOOKED,
            now())
        .update(keys, "id");
    return findBooking("BK-" + keys.getKey().longValue()).orElseThrow();
  }

  @Override
  @Transactional
  public Booking reschedule(String bookingId, Instant startsAt) {
    Booking booking =
        findBooking(bookingId)
            .orElseThrow(() -> new IllegalArgumentException("unknown booking " + bookingId));
    requireFree(booking.branchCode(), startsAt, bookingNumber(bookingId));
    jdbc.sql("UPDATE commerce_booking SET starts_at = ?, updated_at = ? WHERE id = ?")
        .params(startsAt.atOffset(ZoneOffset.UTC), now(), bookingNumber(bookingId))
        .update();
    return findBooking(bookingId).orElseThrow();
  }

  @Override
  public void cancel(String bookingId) {
    jdbc.sql("UPDATE commerce_booking SET status = ?, updated_at = ? WHERE id = ?")
        .params(Booking.CANCELLED, now(), bookingNumber(bookingId))
        .update();
  }

  private void requireFree(String branchCode, Instant startsAt, Long except) {
    long clashes =
        jdbc.sql(
                """
        SELECT COUNT(*) FROM commerce_booking
        WHERE branch_code = ? AND starts_at = ? AND status = ? AND id <> ?""")
            .params(
                branchCode,
                startsAt.atOffset(ZoneOffset.UTC),
                Booking.BOOKED,
                except == null ? -1L : except)
            .query(Long.class)
            .single();
    if (clashes > 0) {
      throw new SlotTakenException("slot " + startsAt + " in " + branchCode + " is taken");
    }
  }

  @Override
  public BookingOptions options() {
    List<BookingOptions.Service> services =
        jdbc.sql(
                "SELECT code, name_en, name_ar, price_egp FROM commerce_service ORDER BY price_egp, code")
            .query(
                (rs, i) ->
                    new BookingOptions.Service(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4)))
            .list();
    List<BookingOptions.Branch> branches =
        jdbc.sql(
                """
                SELECT code, name_en, name_ar, latitude, longitude, address_en, address_ar
                FROM commerce_branch ORDER BY code DESC""")
            .query(
                (rs, i) ->
                    new BookingOptions.Branch(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4) == null ? null : rs.getDouble(4),
                        rs.getObject(5) == null ? null : rs.getDouble(5),
                        rs.getString(6),
                        rs.getString(7)))
            .list();
    return new BookingOptions(services, branches);
  }

  Optional<Booking> findBooking(String bookingId) {
    return jdbc.sql(BOOKING_SELECT + " WHERE b.id = ?")
        .param(bookingNumber(bookingId))
        .query(DemoBackend::booking)
        .optional();
  }

  private static final String BOOKING_SELECT =
      """
      SELECT b.id, b.customer_id, b.service_code, s.name_en, s.name_ar, b.branch_code, b.starts_at, b.status
      FROM commerce_booking b JOIN commerce_service s ON s.code = b.service_code""";

  private static Booking booking(ResultSet rs, int row) throws SQLException {
    return new Booking(
        "BK-" + rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getObject(7, OffsetDateTime.class).toInstant(),
        rs.getString(8));
  }

  private static Long bookingNumber(String bookingId) {
    return Long.valueOf(bookingId.replaceAll("(?i)^bk-", ""));
  }

  // ---- smart info

  /**
   * One statement, whatever the customer's history (docs/benchmark.md): orders bought (not
   * reserved, not cancelled) and their total, the latest order whatever its state, open payments
   * and their total, upcoming bookings.
   */
  @Override
  public CustomerSummary summary(String customerId) {
    return jdbc.sql(
            """
            SELECT bought.orders, bought.spend, latest.id AS latest_id, p.name_en AS latest_name,
              latest.status AS latest_status, latest.created_at AS latest_at, payments.open_count,
              payments.open_total, bookings.upcoming
            FROM (SELECT COUNT(*) AS orders, COALESCE(SUM(amount_egp), 0) AS spend FROM commerce_order
                  WHERE customer_id = :customer AND status NOT IN (:cancelled, :reserved)) bought
            CROSS JOIN (SELECT COUNT(*) AS open_count, COALESCE(SUM(amount_egp), 0) AS open_total
                  FROM commerce_payment WHERE customer_id = :customer AND status = 'OPEN') payments
            CROSS JOIN (SELECT COUNT(*) AS upcoming FROM commerce_booking
                  WHERE customer_id = :customer AND status = :booked AND starts_at >= :now) bookings
            LEFT JOIN (SELECT id, sku, status, created_at FROM commerce_order WHERE customer_id = :customer
                  ORDER BY created_at DESC, id DESC FETCH FIRST 1 ROWS ONLY) latest ON 1 = 1
            LEFT JOIN commerce_product p ON p.sku = latest.sku""")
        .param("customer", customerId)
        .param("cancelled", Order.CANCELLED)
        .param("reserved", Order.RESERVED)
        .param("booked", Booking.BOOKED)
        .param("now", now())
        .query(
            (rs, row) ->
                new CustomerSummary(
                    rs.getInt("orders"),
                    rs.getBigDecimal("spend"),
                    rs.getObject("latest_id") == null
                        ? null
                        : "ORD-"
                            + rs.getLong("latest_id")
                            + " · "
                            + rs.getString("latest_name")
                            + " · "
                            + rs.getString("latest_status"),
                    rs.getInt("open_count"),
                    rs.getBigDecimal("open_total"),
                    rs.getInt("upcoming"),
                    rs.getObject("latest_at") == null
                        ? null
                        : rs.getObject("latest_at", OffsetDateTime.class).toInstant()))
        .single();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  /** Wasla's own tables: Smart Info, the catalogue and orders are queries, not calls. */
  @Override
  public boolean local() {
    return true;
  }
}
