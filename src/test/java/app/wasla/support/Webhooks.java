package app.wasla.support;

import app.wasla.channel.whatsapp.WebhookSignature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Plays Meta: builds Cloud API webhook payloads and posts them, signed, to a running Wasla over
 * HTTP.
 */
public final class Webhooks {

  public static final String PHONE_NUMBER_ID = "109876543210001";
  public static final String APP_SECRET = "test-app-secret-8d41c7e2";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient HTTP =
      new OkHttpClient.Builder().readTimeout(30, TimeUnit.SECONDS).build();

  private final String url;

  public Webhooks(int port) {
    this.url = "http://127.0.0.1:" + port + "/webhooks/whatsapp";
  }

  /** A webhook with one text message. */
  public static byte[] text(String waId, String wamid, String text, Instant timestamp) {
    ObjectNode root = envelope(waId);
    ObjectNode message =
        messages(root)
            .addObject()
            .put("from", waId)
            .put("id", wamid)
            .put("timestamp", String.valueOf(timestamp.getEpochSecond()))
            .put("type", "text");
    message.putObject("text").put("body", text);
    return bytes(root);
  }

  /** A webhook with the customer's tap on a reply button Wasla sent. */
  public static byte[] buttonReply(
      String waId, String wamid, String buttonId, String title, Instant timestamp) {
    ObjectNode root = envelope(waId);
    ObjectNode message =
        messages(root)
            .addObject()
            .put("from", waId)
            .put("id", wamid)
            .put("timestamp", String.valueOf(timestamp.getEpochSecond()))
            .put("type", "interactive");
    message
        .putObject("interactive")
        .put("type", "button_reply")
        .putObject("button_reply")
        .put("id", buttonId)
        .put("title", title);
    return bytes(root);
  }

  /**
   * A webhook with the customer's tap on a template's quick-reply button ("Show me" of a campaign):
   * type {@code button}, the payload the template defined and the text the customer saw.
   */
  public static byte[] templateButton(
      String waId, String wamid, String payload, String text, Instant timestamp) {
    ObjectNode root = envelope(waId);
    ObjectNode message =
        messages(root)
            .addObject()
            .put("from", waId)
            .put("id", wamid)
            .put("timestamp", String.valueOf(timestamp.getEpochSecond()))
            .put("type", "button");
    message.putObject("button").put("payload", payload).put("text", text);
    return bytes(root);
  }

  /** A webhook with the customer's choice of a row in a list message Wasla sent. */
  public static byte[] listReply(
      String waId, String wamid, String rowId, String title, Instant timestamp) {
    ObjectNode root = envelope(waId);
    ObjectNode message =
        messages(root)
            .addObject()
            .put("from", waId)
            .put("id", wamid)
            .put("timestamp", String.valueOf(timestamp.getEpochSecond()))
            .put("type", "interactive");
    message
        .putObject("interactive")
        .put("type", "list_reply")
        .putObject("list_reply")
        .put("id", rowId)
        .put("title", title);
    return bytes(root);
  }

  /** A webhook with a location the customer shared (name may be null). */
  public static byte[] location(
      String waId,
      String wamid,
      double latitude,
      double longitude,
      String name,
      Instant timestamp) {
    ObjectNode root = envelope(waId);
    ObjectNode message =
        messages(root)
            .addObject()
            .put("from", waId)
            .put("id", wamid)
            .put("timestamp", String.valueOf(timestamp.getEpochSecond()))
            .put("type", "location");
    ObjectNode location =
        message.putObject("location").put("latitude", latitude).put("longitude", longitude);
    if (name != null) {
      location.put("name", name);
    }
    return bytes(root);
  }

  /**
   * A webhook with a customer's photo, voice note, video, document or sticker as Meta sends it: its
   * media id, type, and caption if any (caption, voice may be null/false).
   */
  public static byte[] media(
      String waId,
      String wamid,
      String kind,
      String mediaId,
      String mimeType,
      String caption,
      boolean voice,
      Instant timestamp) {
    ObjectNode root = envelope(waId);
    ObjectNode message =
        messages(root)
            .addObject()
            .put("from", waId)
            .put("id", wamid)
            .put("timestamp", String.valueOf(timestamp.getEpochSecond()))
            .put("type", kind);
    ObjectNode media =
        message.putObject(kind).put("id", mediaId).put("mime_type", mimeType).put("sha256", "x");
    if (caption != null) {
      media.put("caption", caption);
    }
    if (voice) {
      media.put("voice", true);
    }
    return bytes(root);
  }

  /** A webhook with one status update for a message Wasla sent. */
  public static byte[] status(String waId, String wamid, String status, Instant timestamp) {
    ObjectNode root = envelope(waId);
    ObjectNode value =
        (ObjectNode) root.path("entry").path(0).path("changes").path(0).path("value");
    value.remove("messages");
    value.remove("contacts");
    value
        .putArray("statuses")
        .addObject()
        .put("id", wamid)
        .put("status", status)
        .put("timestamp", String.valueOf(timestamp.getEpochSecond()))
        .put("recipient_id", waId);
    return bytes(root);
  }

  /** Posts with a valid signature; returns the HTTP status. */
  public int post(byte[] body) {
    return post(body, WebhookSignature.sign(body, APP_SECRET));
  }

  /** Posts with the given signature header (null: none). */
  public int post(byte[] body, String signature) {
    Request.Builder request =
        new Request.Builder()
            .url(url)
            .post(RequestBody.create(body, MediaType.get("application/json")));
    if (signature != null) {
      request.header("X-Hub-Signature-256", signature);
    }
    try (Response response = HTTP.newCall(request.build()).execute()) {
      return response.code();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode envelope(String waId) {
    ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
    ObjectNode value =
        root.putArray("entry")
            .addObject()
            .put("id", "WABA-1")
            .putArray("changes")
            .addObject()
            .put("field", "messages")
            .putObject("value")
            .put("messaging_product", "whatsapp");
    value
        .putObject("metadata")
        .put("display_phone_number", "201000000001")
        .put("phone_number_id", PHONE_NUMBER_ID);
    ArrayNode contacts = value.putArray("contacts");
    contacts
        .addObject()
        .put("wa_id", waId)
        .putObject("profile")
        .put("name", "عميل " + waId.substring(waId.length() - 3));
    value.putArray("messages");
    return root;
  }

  private static ArrayNode messages(ObjectNode root) {
    return (ArrayNode)
        root.path("entry").path(0).path("changes").path(0).path("value").path("messages");
  }

  private static byte[] bytes(ObjectNode root) {
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
