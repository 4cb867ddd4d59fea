package app.wasla.commerce.payment;

import app.wasla.commerce.CommerceBackendException;
import app.wasla.commerce.CommerceProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Stripe: a Checkout Session (its {@code url} is the payment link; Payment Links report through the
 * same {@code checkout.session.*} events) and the webhook verified by {@code Stripe-Signature}:
 * {@code t=} and one or more {@code v1=} values, each a hex HMAC-SHA256 of {@code "<t>.<raw
 * body>"}; any v1 may match (secret rotation), and t must be within the tolerance (300 s) of now.
 */
public class StripeGateway implements PaymentGateway {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http;
  private final CommerceProperties.Stripe props;
  private final String publicBaseUrl;
  private final Clock clock;

  public StripeGateway(
      OkHttpClient http, CommerceProperties.Stripe props, String publicBaseUrl, Clock clock) {
    this.http = http;
    this.props = props;
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    this.clock = clock;
  }

  @Override
  public String name() {
    return "stripe";
  }

  @Override
  public Link create(Request request) {
    long piastres = request.amountEgp().multiply(BigDecimal.valueOf(100)).longValueExact();
    FormBody form =
        new FormBody.Builder()
            .add("mode", "payment")
            .add("line_items[0][price_data][currency]", "egp")
            .add("line_items[0][price_data][unit_amount]", Long.toString(piastres))
            .add("line_items[0][price_data][product_data][name]", request.description())
            .add("line_items[0][quantity]", "1")
            .add("client_reference_id", request.paymentId())
            .add("metadata[payment_id]", request.paymentId())
            .add("metadata[order_ref]", request.orderRef())
            .add("success_url", publicBaseUrl + "/pay/done")
            .build();
    okhttp3.Request call =
        new okhttp3.Request.Builder()
            .url(
                HttpUrl.get(props.baseUrl())
                    .newBuilder()
                    .addPathSegments("v1/checkout/sessions")
                    .build())
            .header("Authorization", "Bearer " + props.apiKey())
            // a retried job creates the same session, not a second one
            .header("Idempotency-Key", "wasla-" + request.paymentId())
            .post(form)
            .build();
    try (Response response = http.newCall(call).execute()) {
      if (!response.isSuccessful()) {
        throw new CommerceBackendException(
            "Stripe answered " + response.code() + " to the checkout session");
      }
      JsonNode node = JSON.readTree(response.body().bytes());
      if (!node.hasNonNull("id") || !node.hasNonNull("url")) {
        throw new CommerceBackendException("Stripe's checkout session lacks id or url");
      }
      return new Link(node.get("id").asText(), node.get("url").asText());
    } catch (IOException e) {
      throw new CommerceBackendException("Stripe unreachable", e);
    }
  }

  @Override
  public Callback verify(CallbackRequest request) {
    verifySignature(request.headers().get("stripe-signature"), request.body());
    JsonNode event;
    try {
      event = JSON.readTree(request.body());
    } catch (IOException e) {
      throw new IllegalArgumentException("Stripe event is not JSON", e);
    }
    JsonNode session = event.path("data").path("object");
    Outcome outcome =
        switch (event.path("type").asText()) {
          case "checkout.session.completed" ->
              "paid".equals(session.path("payment_status").asText())
                  ? Outcome.PAID
                  : Outcome.IGNORED;
          case "checkout.session.async_payment_succeeded" -> Outcome.PAID;
          case "checkout.session.async_payment_failed", "checkout.session.expired" ->
              Outcome.FAILED;
          default -> Outcome.IGNORED;
        };
    JsonNode total = session.path("amount_total");
    return new Callback(
        event.path("id").asText(),
        session.path("id").asText(null),
        outcome,
        total.isIntegralNumber() && total.canConvertToLong() ? total.asLong() : null,
        session.path("currency").asText(null));
  }

  void verifySignature(String header, byte[] body) {
    if (props.webhookSecret() == null || header == null) {
      throw new InvalidSignatureException(
          "Stripe-Signature missing or no webhook secret configured");
    }
    String timestamp = null;
    List<String> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length == 2 && kv[0].equals("t")) {
        timestamp = kv[1];
      } else if (kv.length == 2 && kv[0].equals("v1")) {
        signatures.add(kv[1]);
      }
    }
    long t;
    try {
      t = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new InvalidSignatureException("Stripe-Signature has no valid t=");
    }
    if (Math.abs(clock.instant().getEpochSecond() - t) > props.tolerance().toSeconds()) {
      throw new InvalidSignatureException("Stripe-Signature timestamp outside the tolerance");
    }
    byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, payload, 0, prefix.length);
    System.arraycopy(body, 0, payload, prefix.length, body.length);
    String expected =
        PaymentGateway.hmacHex(
            "HmacSHA256", props.webhookSecret().getBytes(StandardCharsets.UTF_8), payload);
    if (signatures.stream().noneMatch(s -> PaymentGateway.sameHex(expected, s))) {
      throw new InvalidSignatureException("no v1 signature of Stripe-Signature matches");
    }
  }
}
