package app.wasla.commerce.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The embedded default's gateway: the link opens Wasla's own pay page ({@code
 * /pay/sandbox/{paymentId}}), whose Pay / Fail buttons post a callback signed like Meta's webhooks:
 * {@code X-Sandbox-Signature: sha256=<hex HMAC-SHA256 of the raw body>}. Body: {@code
 * {"eventId","paymentId","status":"paid|failed"}}.
 */
public class SandboxGateway implements PaymentGateway {

  static final String HEADER = "x-sandbox-signature";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final byte[] secret;
  private final String publicBaseUrl;

  public SandboxGateway(String secret, String publicBaseUrl) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
  }

  @Override
  public String name() {
    return "sandbox";
  }

  /** The sandbox's pay page is Wasla's own: a link is made without a call. */
  @Override
  public boolean local() {
    return true;
  }

  @Override
  public Link create(Request request) {
    return new Link(request.paymentId(), publicBaseUrl + "/pay/sandbox/" + request.paymentId());
  }

  /** The signed callback body and its signature header value, as the pay page sends them. */
  public Signed sign(String eventId, String paymentId, boolean paid) {
    byte[] body =
        JSON.createObjectNode()
            .put("eventId", eventId)
            .put("paymentId", paymentId)
            .put("status", paid ? "paid" : "failed")
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    return new Signed(body, "sha256=" + PaymentGateway.hmacHex("HmacSHA256", secret, body));
  }

  /** A body and its signature. */
  public record Signed(byte[] body, String signature) {}

  @Override
  public Callback verify(CallbackRequest request) {
    String header = request.headers().get(HEADER);
    String expected = PaymentGateway.hmacHex("HmacSHA256", secret, request.body());
    if (header == null
        || !header.startsWith("sha256=")
        || !PaymentGateway.sameHex(expected, header.substring(7))) {
      throw new InvalidSignatureException(
          "X-Sandbox-Signature is missing or does not match the body");
    }
    try {
      JsonNode node = JSON.readTree(request.body());
      Outcome outcome =
          switch (node.path("status").asText()) {
            case "paid" -> Outcome.PAID;
            case "failed" -> Outcome.FAILED;
            default -> Outcome.IGNORED;
          };
      return new Callback(node.path("eventId").asText(), node.path("paymentId").asText(), outcome);
    } catch (IOException e) {
      throw new IllegalArgumentException("sandbox callback is not JSON", e);
    }
  }
}
