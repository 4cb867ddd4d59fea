package app.wasla.commerce.http;

import app.wasla.commerce.CommerceBackendException;
import app.wasla.commerce.CommerceProperties;
import app.wasla.commerce.booking.Booking;
import app.wasla.commerce.booking.BookingOptions;
import app.wasla.commerce.booking.Bookings;
import app.wasla.commerce.booking.SlotTakenException;
import app.wasla.commerce.catalogue.Catalogue;
import app.wasla.commerce.catalogue.Product;
import app.wasla.commerce.catalogue.StockLevel;
import app.wasla.commerce.order.Order;
import app.wasla.commerce.order.Orders;
import app.wasla.commerce.smartinfo.CustomerSummaries;
import app.wasla.commerce.smartinfo.CustomerSummary;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The business's own backend over HTTP (the API in docs/commerce-backend.openapi.yaml). 404 means
 * "none", 409 is a business outcome (out of stock, slot taken); any other non-2xx, a timeout or a
 * body that does not parse is a {@link CommerceBackendException}, so the job fails, is retried and
 * ends as an incident.
 */
public class HttpBackend implements Catalogue, Orders, Bookings, CustomerSummaries {

  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private final OkHttpClient client;
  private final HttpUrl base;
  private final String authHeader;
  private final String authValue;
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public HttpBackend(OkHttpClient shared, CommerceProperties.Http props) {
    if (props.baseUrl() == null || props.baseUrl().isBlank()) {
      throw new IllegalStateException(
          "wasla.commerce.http.base-url is required when wasla.commerce.backend=http");
    }
    this.base =
        HttpUrl.get(props.baseUrl().endsWith("/") ? props.baseUrl() : props.baseUrl() + "/");
    this.client =
        shared
            .newBuilder()
            .connectTimeout(props.connectTimeout())
            .readTimeout(props.readTimeout())
            .callTimeout(props.connectTimeout().plus(props.readTimeout()))
            .build();
    this.authHeader = props.authHeader();
    this.authValue = props.authValue();
  }

  /** Wire shapes: what the backend sends and receives. */
  record ProductJson(
      String sku,
      String nameEn,
      String nameAr,
      java.math.BigDecimal priceEgp,
      String category,
      String imageUrl) {
    Product toProduct() {
      return new Product(
          require(sku, "sku"),
          require(nameEn, "nameEn"),
          nameAr == null ? nameEn : nameAr,
          require(priceEgp, "priceEgp"),
          category,
          httpUrl(imageUrl));
    }

    /** A photo Wasla can send: an absolute http(s) URL; anything else is left out, not sent. */
    private static String httpUrl(String url) {
      return url != null
              && url.length() <= 2000
              && (url.startsWith("https://") || url.startsWith("http://"))
              && HttpUrl.parse(url) != null
          ? url
          : null;
    }
  }

  record StockJson(
      String branchCode, String branchNameEn, String branchNameAr, Integer available) {}

  record OrderJson(
      String id,
      String customerId,
      String sku,
      String productNameEn,
      String productNameAr,
      Integer quantity,
      String branchCode,
      java.math.BigDecimal amountEgp,
      String status,
      String tracking,
      Instant createdAt) {
    Order toOrder() {
      return new Order(
          require(id, "id"),
          customerId,
          sku,
          productNameEn,
          productNameAr,
          quantity == null ? 1 : quantity,
          branchCode,
          require(amountEgp, "amountEgp"),
          require(status, "status"),
          tracking,
          createdAt);
    }
  }

  record BookingJson(
      String id,
      String customerId,
      String serviceCode,
      String serviceNameEn,
      String serviceNameAr,
      String branchCode,
      Instant startsAt,
      String status) {
    Booking toBooking() {
      return new Booking(
          require(id, "id"),
          customerId,
          serviceCode,
          serviceNameEn,
          serviceNameAr,
          branchCode,
          require(startsAt, "startsAt"),
          require(status, "status"));
    }
  }

  private static <T> T require(T value, String field) {
    if (value == null) {
      throw new CommerceBackendException("backend response lacks " + field);
    }
    return value;
  }

  // ---- catalogue

  @Override
  public List<Product> search(String text) {
    HttpUrl url = url("products").newBuilder().addQueryParameter("q", text).build();
    return this.<List<ProductJson>>get(url, new TypeReference<>() {}).orElse(List.of()).stream()
        .map(ProductJson::toProduct)
        .toList();
  }

  @Override
  public Optional<Product> product(String sku) {
    return get(url("products", sku), new TypeReference<ProductJson>() {})
        .map(ProductJson::toProduct);
  }

  @Override
  public List<StockLevel> stock(String sku) {
    return this.<List<StockJson>>get(url("products", sku, "stock"), new TypeReference<>() {})
        .orElse(List.of())
        .stream()
        .map(
            s ->
                new StockLevel(
                    sku,
                    require(s.branchCode(), "branchCode"),
                    s.branchNameEn(),
                    s.branchNameAr() == null ? s.branchNameEn() : s.branchNameAr(),
                    require(s.available(), "available")))
        .toList();
  }

  // ---- orders

  @Override
  public Optional<Order> place(String customerId, String sku, int quantity, String requestId) {
    return place(customerId, sku, quantity, null, requestId);
  }

  @Override
  public Optional<Order> place(
      String customerId, String sku, int quantity, String branchCode, String requestId) {
    Map<String, Object> body =
        new java.util.HashMap<>(Map.of("customerId", customerId, "sku", sku, "quantity", quantity));
    if (branchCode != null) {
      body.put("branchCode", branchCode);
    }
    return send("POST", url("orders"), body, new TypeReference<OrderJson>() {}, true, requestId)
        .map(OrderJson::toOrder);
  }

  @Override
  public Order confirmCashOnDelivery(String orderId) {
    return send(
            "POST",
            url("orders", orderId, "cash-on-delivery"),
            Map.of(),
            new TypeReference<OrderJson>() {},
            false)
        .map(OrderJson::toOrder)
        .orElseThrow(() -> new CommerceBackendException("unknown order " + orderId));
  }

  @Override
  public Order markPaid(String orderId, String paymentRef) {
    return send(
            "POST",
            url("orders", orderId, "payment"),
            Map.of("paymentRef", paymentRef),
            new TypeReference<OrderJson>() {},
            false)
        .map(OrderJson::toOrder)
        .orElseThrow(() -> new CommerceBackendException("unknown order " + orderId));
  }

  @Override
  public void cancel(String orderId, String reason) {
    send("POST", url("orders", orderId, "cancellation"), Map.of("reason", reason), null, false);
  }

  @Override
  public Optional<Order> find(String orderId) {
    return get(url("orders", orderId), new TypeReference<OrderJson>() {}).map(OrderJson::toOrder);
  }

  @Override
  public List<Order> forCustomer(String customerId, int limit) {
    HttpUrl url =
        url("customers", customerId, "orders")
            .newBuilder()
            .addQueryParameter("limit", Integer.toString(limit))
            .build();
    return this.<List<OrderJson>>get(url, new TypeReference<>() {}).orElse(List.of()).stream()
        .map(OrderJson::toOrder)
        .toList();
  }

  // ---- bookings

  @Override
  public List<Booking> upcoming(String customerId) {
    return this.<List<BookingJson>>get(
            url("customers", customerId, "bookings"), new TypeReference<>() {})
        .orElse(List.of())
        .stream()
        .map(BookingJson::toBooking)
        .toList();
  }

  @Override
  public List<Instant> freeSlots(String serviceCode, String branchCode, Instant from, int limit) {
    HttpUrl url =
        url("services", serviceCode, "slots")
            .newBuilder()
            .addQueryParameter("branch", branchCode)
            .addQueryParameter("from", from.toString())
            .addQueryParameter("limit", Integer.toString(limit))
            .build();
    return this.<List<Instant>>get(url, new TypeReference<>() {}).orElse(List.of());
  }

  @Override
  public Booking book(String customerId, String serviceCode, String branchCode, Instant startsAt) {
    return send(
            "POST",
            url("bookings"),
            Map.of(
                "customerId",
                customerId,
                "serviceCode",
                serviceCode,
                "branchCode",
                branchCode,
                "startsAt",
                startsAt.toString()),
            new TypeReference<BookingJson>() {},
            true)
        .map(BookingJson::toBooking)
        .orElseThrow(() -> new SlotTakenException("slot " + startsAt + " is taken"));
  }

  @Override
  public Booking reschedule(String bookingId, Instant startsAt) {
    return send(
            "PATCH",
            url("bookings", bookingId),
            Map.of("startsAt", startsAt.toString()),
            new TypeReference<BookingJson>() {},
            true)
        .map(BookingJson::toBooking)
        .orElseThrow(() -> new SlotTakenException("slot " + startsAt + " is taken"));
  }

  @Override
  public void cancel(String bookingId) {
    send("DELETE", url("bookings", bookingId), null, null, false);
  }

  /**
   * GET /booking-options: optional; a backend without it (404) offers no new appointments over
   * WhatsApp.
   */
  @Override
  public BookingOptions options() {
    return this.get(url("booking-options"), new TypeReference<BookingOptions>() {})
        .orElse(BookingOptions.NONE);
  }

  // ---- smart info

  @Override
  public CustomerSummary summary(String customerId) {
    return get(url("customers", customerId, "summary"), new TypeReference<CustomerSummary>() {})
        .orElse(CustomerSummary.empty());
  }

  // ---- HTTP

  private HttpUrl url(String... segments) {
    HttpUrl.Builder b = base.newBuilder();
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b.build();
  }

  private <T> Optional<T> get(HttpUrl url, TypeReference<T> type) {
    return call(request(url).get().build(), type, false);
  }

  /**
   * @param conflictIsEmpty a 409 answers empty instead of failing (out of stock, slot taken)
   */
  private <T> Optional<T> send(
      String method, HttpUrl url, Object body, TypeReference<T> type, boolean conflictIsEmpty) {
    return send(method, url, body, type, conflictIsEmpty, null);
  }

  private <T> Optional<T> send(
      String method,
      HttpUrl url,
      Object body,
      TypeReference<T> type,
      boolean conflictIsEmpty,
      String idempotencyKey) {
    RequestBody requestBody = null;
    if (body != null) {
      try {
        requestBody = RequestBody.create(json.writeValueAsBytes(body), JSON_TYPE);
      } catch (IOException e) {
        throw new IllegalArgumentException(e);
      }
    }
    Request.Builder request = request(url).method(method, requestBody);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return call(request.build(), type, conflictIsEmpty);
  }

  private Request.Builder request(HttpUrl url) {
    Request.Builder b = new Request.Builder().url(url).header("Accept", "application/json");
    if (authValue != null && !authValue.isBlank()) {
      b.header(authHeader, authValue);
    }
    return b;
  }

  private <T> Optional<T> call(Request request, TypeReference<T> type, boolean conflictIsEmpty) {
    String what = request.method() + " " + request.url().encodedPath();
    try (Response response = client.newCall(request).execute()) {
      int code = response.code();
      if (code == 404 || conflictIsEmpty && code == 409) {
        return Optional.empty();
      }
      if (!response.isSuccessful()) {
        throw new CommerceBackendException("commerce backend answered " + code + " to " + what);
      }
      if (type == null || code == 204) {
        return Optional.empty();
      }
      byte[] bytes = response.body() == null ? new byte[0] : response.body().bytes();
      try {
        T value = json.readValue(bytes, type);
        if (value == null) {
          throw new CommerceBackendException("commerce backend sent an empty body to " + what);
        }
        return Optional.of(value);
      } catch (IOException e) {
        throw new CommerceBackendException("commerce backend sent a malformed body to " + what, e);
      }
    } catch (IOException e) {
      throw new CommerceBackendException("commerce backend unreachable or too slow: " + what, e);
    }
  }

  /** Every call crosses the network: the flows put it after an async boundary. */
  @Override
  public boolean local() {
    return false;
  }
}
