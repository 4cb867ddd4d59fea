package app.wasla.commerce.payment;

import app.wasla.commerce.CommerceBackendException;
import app.wasla.commerce.CommerceProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Paymob (Accept): an intention (POST /v1/intention/) gives a client secret for the unified
 * checkout link; the transaction processed callback (POST, JSON, {@code ?hmac=}) is verified by
 * HMAC-SHA512 over the values of {@link #HMAC_FIELDS}, concatenated in that order without
 * separators, booleans lower case. The payment is matched on {@code obj.order.id}, which is signed
 * (the merchant reference is not).
 */
public class PaymobGateway implements PaymentGateway {

  /** Paymob's documented order for transaction callbacks (paths into {@code obj}). */
  static final List<String> HMAC_FIELDS =
      List.of(
          "amount_cents",
          "created_at",
          "currency",
          "error_occured",
          "has_parent_transaction",
          "id",
          "integration_id",
          "is_3d_secure",
          "is_auth",
          "is_capture",
          "is_refunded",
          "is_standalone_payment",
          "is_voided",
          "order.id",
          "owner",
          "pending",
          "source_data.pan",
          "source_data.sub_type",
          "source_data.type",
          "success");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http;
  private final CommerceProperties.Paymob props;
  private final String publicBaseUrl;

  public PaymobGateway(OkHttpClient http, CommerceProperties.Paymob props, String publicBaseUrl) {
    this.http = http;
    this.props = props;
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
  }

  @Override
  public String name() {
    return "paymob";
  }

  @Override
  public Link create(Request request) {
    long cents = request.amountEgp().multiply(BigDecimal.valueOf(100)).longValueExact();
    ObjectNode body =
        JSON.createObjectNode()
            .put("amount", cents)
            .put("currency", "EGP")
            .put("special_reference", request.paymentId())
            .put("notification_url", publicBaseUrl + "/webhooks/payments/paymob")
            .put("redirection_url", publicBaseUrl + "/pay/done");
    body.putArray("payment_methods").add(props.integrationId());
    body.putArray("items")
        .addObject()
        .put("name", truncate(request.description(), 50))
        .put("amount", cents)
        .put("quantity", 1);
    String name =
        request.customerName() == null || request.customerName().isBlank()
            ? "WhatsApp Customer"
            : request.customerName();
    String[] parts = name.trim().split("\\s+", 2);
    body.putObject("billing_data")
        .put("first_name", parts[0])
        .put("last_name", parts.length > 1 ? parts[1] : "NA")
        .put("phone_number", "+" + request.customerPhone())
        .put("email", "NA");
    okhttp3.Request call =
        new okhttp3.Request.Builder()
            .url(HttpUrl.get(props.baseUrl()).newBuilder().addPathSegments("v1/intention/").build())
            .header("Authorization", "Token " + props.secretKey())
            .post(RequestBody.create(body.toString(), MediaType.get("application/json")))
            .build();
    try (Response response = http.newCall(call).execute()) {
      if (!response.isSuccessful()) {
        throw new CommerceBackendException(
            "Paymob answered " + response.code() + " to the intention");
      }
      JsonNode node = JSON.readTree(response.body().bytes());
      String clientSecret = node.path("client_secret").asText(null);
      String orderId = node.path("intention_order_id").asText(null);
      if (clientSecret == null || orderId == null) {
        throw new CommerceBackendException(
            "Paymob's intention lacks client_secret or intention_order_id");
      }
      String url =
          HttpUrl.get(props.baseUrl())
              .newBuilder()
              .addPathSegments("unifiedcheckout/")
              .addQueryParameter("publicKey", props.publicKey())
              .addQueryParameter("clientSecret", clientSecret)
              .build()
              .toString();
      return new Link(orderId, url);
    } catch (IOException e) {
      throw new CommerceBackendException("Paymob unreachable", e);
    }
  }

  @Override
  public Callback verify(CallbackRequest request) {
    JsonNode root;
    try {
      root = JSON.readTree(request.body());
    } catch (IOException e) {
      throw new InvalidSignatureException("Paymob callback is not JSON");
    }
    if (props.hmacSecret() == null || root == null || !root.has("obj")) {
      throw new InvalidSignatureException(
          "Paymob callback without obj, or no HMAC secret configured");
    }
    JsonNode obj = root.get("obj");
    String expected =
        PaymentGateway.hmacHex(
            "HmacSHA512",
            props.hmacSecret().getBytes(StandardCharsets.UTF_8),
            concatenated(obj).getBytes(StandardCharsets.UTF_8));
    if (!PaymentGateway.sameHex(expected, request.query().get("hmac"))) {
      throw new InvalidSignatureException("Paymob hmac is missing or does not match");
    }
    Outcome outcome;
    if (!"TRANSACTION".equalsIgnoreCase(root.path("type").asText("TRANSACTION"))
        || obj.path("pending").asBoolean()
        || obj.path("is_refunded").asBoolean()
        || obj.path("is_voided").asBoolean()) {
      outcome = Outcome.IGNORED;
    } else if (!obj.path("success").asBoolean()) {
      outcome = Outcome.FAILED;
    } else {
      // an auth-only transaction holds the money; its capture comes as a transaction of its own
      outcome = obj.path("is_auth").asBoolean() ? Outcome.AUTHORIZED : Outcome.PAID;
    }
    JsonNode cents = obj.path("amount_cents");
    return new Callback(
        obj.path("id").asText(),
        obj.path("order").path("id").asText(),
        outcome,
        cents.canConvertToLong() && cents.isIntegralNumber() ? cents.asLong() : null,
        obj.path("currency").asText(null));
  }

  /** The HMAC input: the documented fields' values in order; JSON booleans print as true/false. */
  static String concatenated(JsonNode obj) {
    StringBuilder b = new StringBuilder();
    for (String field : HMAC_FIELDS) {
      JsonNode node = obj;
      for (String part : field.split("\\.")) {
        node = node.path(part);
      }
      if (!node.isMissingNode() && !node.isNull()) {
        b.append(node.asText());
      }
    }
    return b.toString();
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
