package app.wasla.commerce.invoice;

import app.wasla.channel.whatsapp.WhatsAppProperties;
import app.wasla.commerce.CommerceProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Paid orders' invoices: kept once per order when the payment is confirmed (in the flow's
 * transaction), rendered as a PDF on demand, and reachable by a signed link that is sent to the
 * customer as a WhatsApp document ({@code /store/invoices/{orderNumber}.pdf?key=...}): the key is
 * an HMAC of the order number, so order numbers (which are sequential) cannot be probed for others'
 * invoices.
 */
@Service
public class Invoices {

  static final String PATH = "/store/invoices/";

  /** An order number as the links and the API take it. */
  static final Pattern ORDER_NUMBER = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final InvoicePdf pdf;
  private final String linkBase;
  private final byte[] linkKey;

  Invoices(
      JdbcClient jdbc,
      ObjectMapper json,
      InvoicePdf pdf,
      CommerceProperties props,
      WhatsAppProperties whatsApp) {
    this.jdbc = jdbc;
    this.json = json;
    this.pdf = pdf;
    String base = props.publicBaseUrl();
    this.linkBase = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH;
    // a key of its own, derived from a secret every deployment has (cloud mode requires it)
    this.linkKey = hmac(whatsApp.appSecret().getBytes(StandardCharsets.UTF_8), "invoice-links");
  }

  /** Keeps the invoice (a second call for the same order keeps the first); returns its link. */
  public String issue(Invoice invoice) {
    boolean known =
        jdbc.sql("SELECT COUNT(*) FROM commerce_invoice WHERE order_ref = ?")
                .param(invoice.orderNumber())
                .query(Long.class)
                .single()
            > 0;
    if (!known) {
      jdbc.sql(
              """
          INSERT INTO commerce_invoice (order_ref, customer_id, conversation_key, language, issued_at, lines_json,
            delivery_fee_egp, total_egp, payment_method, payment_provider)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(
              invoice.orderNumber(),
              invoice.customerId(),
              invoice.conversationKey(),
              invoice.language(),
              OffsetDateTime.ofInstant(invoice.issuedAt(), ZoneOffset.UTC),
              linesJson(invoice.lines()),
              invoice.deliveryFeeEgp(),
              invoice.totalEgp(),
              invoice.paymentMethod(),
              invoice.paymentProvider())
          .update();
    }
    return link(invoice.orderNumber());
  }

  public Optional<Invoice> find(String orderNumber) {
    if (orderNumber == null || !ORDER_NUMBER.matcher(orderNumber).matches()) {
      return Optional.empty();
    }
    return jdbc.sql(
            """
        SELECT order_ref, customer_id, conversation_key, language, issued_at, lines_json, delivery_fee_egp,
          total_egp, payment_method, payment_provider
        FROM commerce_invoice WHERE order_ref = ?""")
        .param(orderNumber)
        .query(this::invoice)
        .optional();
  }

  /** The invoice as a PDF, in the language it was issued in. */
  public byte[] render(Invoice invoice) {
    return pdf.render(invoice);
  }

  /** The signed link of an order's invoice PDF. */
  public String link(String orderNumber) {
    return linkBase + orderNumber + ".pdf?key=" + key(orderNumber);
  }

  /** The order number of a signed invoice link of this Wasla, if the link is one. */
  Optional<String> orderOfLink(String link) {
    if (link == null || !link.startsWith(linkBase)) {
      return Optional.empty();
    }
    String rest = link.substring(linkBase.length());
    int dot = rest.indexOf(".pdf?key=");
    if (dot < 0) {
      return Optional.empty();
    }
    String order = rest.substring(0, dot);
    return validKey(order, rest.substring(dot + ".pdf?key=".length()))
        ? Optional.of(order)
        : Optional.empty();
  }

  /** True when {@code key} is the order's link key (compared in constant time). */
  boolean validKey(String orderNumber, String key) {
    if (orderNumber == null || key == null || !ORDER_NUMBER.matcher(orderNumber).matches()) {
      return false;
    }
    return MessageDigest.isEqual(
        key(orderNumber).getBytes(StandardCharsets.US_ASCII),
        key.getBytes(StandardCharsets.US_ASCII));
  }

  private String key(String orderNumber) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(hmac(linkKey, "invoice:" + orderNumber))
        .substring(0, 32);
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private String linesJson(List<Invoice.Line> lines) {
    try {
      return json.writeValueAsString(lines);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("invoice lines cannot be written", e);
    }
  }

  private Invoice invoice(ResultSet rs, int row) throws SQLException {
    List<Invoice.Line> lines;
    try {
      lines = json.readValue(rs.getString(6), new TypeReference<List<Invoice.Line>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("invoice " + rs.getString(1) + " cannot be read", e);
    }
    return new Invoice(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getObject(5, OffsetDateTime.class).toInstant(),
        lines,
        rs.getBigDecimal(7),
        rs.getBigDecimal(8),
        rs.getString(9),
        rs.getString(10));
  }
}
