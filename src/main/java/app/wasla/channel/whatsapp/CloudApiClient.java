package app.wasla.channel.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.retry.backoff.Sleeper;
import org.springframework.retry.support.RetryTemplate;

/**
 * Sends messages and read receipts through Meta's WhatsApp Cloud API, retrying what is worth
 * retrying.
 */
public final class CloudApiClient {

  private static final Logger log = LoggerFactory.getLogger(CloudApiClient.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /**
   * Longest a call waits for its number's throughput; a call still waiting then fails as retryable.
   */
  private static final Duration THROUGHPUT_WAIT = Duration.ofSeconds(30);

  private final OkHttpClient http;
  private final ObjectMapper json;
  private final HttpUrl baseUrl;
  private final String accessToken;
  private final RetryTemplate retry;
  private final RetryTemplate retryUnlessAmbiguous;

  /**
   * Meta's throughput is per business number: one limiter per phone_number_id, spreading calls
   * evenly.
   */
  private final Map<String, RateLimiter> throughput = new ConcurrentHashMap<>();

  private final RateLimiterConfig throughputLimit;

  public CloudApiClient(OkHttpClient http, ObjectMapper json, WhatsAppProperties props) {
    this(http, json, props, null);
  }

  /**
   * For tests: a {@link Sleeper} that records backoffs instead of waiting (null waits for real).
   */
  CloudApiClient(OkHttpClient http, ObjectMapper json, WhatsAppProperties props, Sleeper sleeper) {
    this.http = Objects.requireNonNull(http, "http");
    this.json = Objects.requireNonNull(json, "json");
    this.baseUrl = HttpUrl.parse(props.apiBaseUrl());
    if (baseUrl == null) {
      throw new IllegalArgumentException(
          "wasla.whatsapp.api-base-url is not an http(s) URL: " + props.apiBaseUrl());
    }
    if (props.accessToken() == null || props.accessToken().isBlank()) {
      throw new IllegalArgumentException(
          "wasla.whatsapp.access-token is required to call the Cloud API");
    }
    this.accessToken = props.accessToken();
    this.retry =
        RetryTemplate.builder()
            .maxAttempts(props.sendAttempts())
            .customBackoff(new RetryAfterBackOffPolicy(props.sendBackoff(), sleeper))
            // a pair rate limit (131056) lasts seconds: the outbox holds that conversation instead,
            // and this sender
            // thread goes on with other customers' sends
            .retryOn(t -> t instanceof CloudApiException e && e.retryable() && !e.pairRateLimit())
            .build();
    this.retryUnlessAmbiguous =
        RetryTemplate.builder()
            .maxAttempts(props.sendAttempts())
            .customBackoff(new RetryAfterBackOffPolicy(props.sendBackoff(), sleeper))
            .retryOn(
                t ->
                    t instanceof CloudApiException e
                        && e.retryable()
                        && !e.pairRateLimit()
                        && (e.httpStatus() > 0 || neverConnected(e)))
            .build();
    this.throughputLimit =
        RateLimiterConfig.custom()
            .limitForPeriod(1)
            .limitRefreshPeriod(Duration.ofNanos(1_000_000_000L / props.messagesPerSecond()))
            .timeoutDuration(THROUGHPUT_WAIT)
            .build();
  }

  /** An OkHttp client with the configured connect and read timeouts. */
  public static OkHttpClient httpClient(WhatsAppProperties props) {
    return new OkHttpClient.Builder()
        .connectTimeout(props.connectTimeout())
        .readTimeout(props.readTimeout())
        .build();
  }

  /**
   * Sends {@code message} from the business number to the customer {@code to}; returns the new
   * wamid.
   */
  public String send(String phoneNumberId, String to, OutboundMessage message) {
    return send(phoneNumberId, to, message, retry);
  }

  /**
   * As {@link #send}, for a message that must not reach the customer twice (a marketing
   * campaign's): refusals Meta answered and calls that never connected are retried as usual, but a
   * call that ended without Meta's answer (a read timeout, a reset) is not repeated, since Meta may
   * have it.
   */
  public String sendAtMostOnce(String phoneNumberId, String to, OutboundMessage message) {
    return send(phoneNumberId, to, message, retryUnlessAmbiguous);
  }

  /** Why a call was never made (the number's throughput stayed used up). */
  private static final class NotCalled extends Exception {
    NotCalled(String message) {
      super(message, null, false, false);
    }
  }

  /** True when the call failed before a connection was made: Meta cannot have the request. */
  public static boolean neverConnected(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof NotCalled) {
        return true;
      }
    }
    return false;
  }

  private String send(
      String phoneNumberId, String to, OutboundMessage message, RetryTemplate retries) {
    requireText(phoneNumberId, "phoneNumberId");
    requireText(to, "to");
    Objects.requireNonNull(message, "message");
    ObjectNode body =
        json.createObjectNode()
            .put("messaging_product", "whatsapp")
            .put("recipient_type", "individual")
            .put("to", to)
            .put("type", message.type());
    body.set(message.type(), messageObject(message));
    JsonNode response = post(phoneNumberId, body, retries);
    JsonNode id = response.path("messages").path(0).path("id");
    if (!id.isTextual() || id.asText().isBlank()) {
      // Without the wamid no status can be matched to this send; retrying could send it twice.
      throw new CloudApiException(
          "Cloud API answered success without messages[0].id for a "
              + message.type()
              + " message from "
              + phoneNumberId,
          200,
          null,
          null,
          false,
          null,
          null);
    }
    log.debug("Cloud API sent {} message {} from {}", message.type(), id.asText(), phoneNumberId);
    return id.asText();
  }

  /**
   * Marks a customer's message as read (blue ticks), optionally showing the typing indicator until
   * the reply.
   */
  public void markRead(String phoneNumberId, String wamid, boolean typingIndicator) {
    requireText(phoneNumberId, "phoneNumberId");
    requireText(wamid, "wamid");
    ObjectNode body =
        json.createObjectNode()
            .put("messaging_product", "whatsapp")
            .put("status", "read")
            .put("message_id", wamid);
    if (typingIndicator) {
      body.putObject("typing_indicator").put("type", "text");
    }
    post(phoneNumberId, body, retry);
    log.debug("Cloud API marked {} read on {}", wamid, phoneNumberId);
  }

  private ObjectNode messageObject(OutboundMessage message) {
    ObjectNode o = json.createObjectNode();
    if (message instanceof OutboundMessage.Text t) {
      o.put("body", t.body()).put("preview_url", t.previewUrl());
    } else if (message instanceof OutboundMessage.ReplyButtons b) {
      o.put("type", "button");
      interactiveTexts(o, b.header(), b.body(), b.footer());
      ArrayNode buttons = o.putObject("action").putArray("buttons");
      for (OutboundMessage.ReplyButtons.Button button : b.buttons()) {
        ObjectNode item = buttons.addObject().put("type", "reply");
        item.putObject("reply").put("id", button.id()).put("title", button.title());
      }
    } else if (message instanceof OutboundMessage.ListMessage l) {
      o.put("type", "list");
      interactiveTexts(o, l.header(), l.body(), l.footer());
      ObjectNode action = o.putObject("action").put("button", l.buttonText());
      ArrayNode sections = action.putArray("sections");
      for (OutboundMessage.ListMessage.Section section : l.sections()) {
        ObjectNode s = sections.addObject();
        if (section.title() != null) {
          s.put("title", section.title());
        }
        ArrayNode rows = s.putArray("rows");
        for (OutboundMessage.ListMessage.Row row : section.rows()) {
          ObjectNode r = rows.addObject().put("id", row.id()).put("title", row.title());
          if (row.description() != null) {
            r.put("description", row.description());
          }
        }
      }
    } else if (message instanceof OutboundMessage.CtaUrl c) {
      o.put("type", "cta_url");
      interactiveTexts(o, c.header(), c.body(), c.footer());
      o.putObject("action")
          .put("name", "cta_url")
          .putObject("parameters")
          .put("display_text", c.displayText())
          .put("url", c.url());
    } else if (message instanceof OutboundMessage.Template t) {
      o.put("name", t.name());
      o.putObject("language").put("code", t.languageCode());
      templateComponents(o, t);
    } else if (message instanceof OutboundMessage.Reaction r) {
      o.put("message_id", r.messageWamid()).put("emoji", r.emoji());
    } else if (message instanceof OutboundMessage.Image i) {
      mediaSource(o, i.link(), i.mediaId());
      if (i.caption() != null) {
        o.put("caption", i.caption());
      }
    } else if (message instanceof OutboundMessage.Document d) {
      mediaSource(o, d.link(), d.mediaId());
      if (d.caption() != null) {
        o.put("caption", d.caption());
      }
      if (d.filename() != null) {
        o.put("filename", d.filename());
      }
    } else if (message instanceof OutboundMessage.Location l) {
      o.put("latitude", l.latitude()).put("longitude", l.longitude());
      if (l.name() != null) {
        o.put("name", l.name());
      }
      if (l.address() != null) {
        o.put("address", l.address());
      }
    } else {
      throw new IllegalArgumentException(
          "Unsupported outbound message: " + message.getClass().getName());
    }
    return o;
  }

  /**
   * The template's components: header, body, then the buttons by index. An empty components array
   * is rejected for templates without variables, so it is left out entirely then.
   */
  private void templateComponents(ObjectNode template, OutboundMessage.Template t) {
    ArrayNode components = json.createArrayNode();
    OutboundMessage.Template.Header h = t.header();
    if (h != null) {
      ObjectNode p =
          components
              .addObject()
              .put("type", "header")
              .putArray("parameters")
              .addObject()
              .put("type", h.type());
      switch (h.type()) {
        case "text" -> {
          p.put("text", h.text());
          if (h.parameterName() != null) {
            p.put("parameter_name", h.parameterName());
          }
        }
        case "location" -> {
          ObjectNode l =
              p.putObject("location").put("latitude", h.latitude()).put("longitude", h.longitude());
          if (h.name() != null) {
            l.put("name", h.name());
          }
          if (h.address() != null) {
            l.put("address", h.address());
          }
        }
        default -> {
          ObjectNode media = p.putObject(h.type());
          mediaSource(media, h.link(), h.mediaId());
          if (h.filename() != null) {
            media.put("filename", h.filename());
          }
        }
      }
    }
    if (!t.bodyParameters().isEmpty() || !t.namedParameters().isEmpty()) {
      ArrayNode parameters = components.addObject().put("type", "body").putArray("parameters");
      for (String p : t.bodyParameters()) {
        parameters.addObject().put("type", "text").put("text", p);
      }
      t.namedParameters()
          .forEach(
              (name, value) ->
                  parameters
                      .addObject()
                      .put("type", "text")
                      .put("parameter_name", name)
                      .put("text", value));
    }
    for (OutboundMessage.Template.Button b : t.buttons()) {
      if (b.subType() == null) {
        throw new IllegalArgumentException(
            "template " + t.name() + ": button " + b.index() + " has no parameter type");
      }
      ObjectNode p =
          components
              .addObject()
              .put("type", "button")
              .put("sub_type", b.subType())
              .put("index", Integer.toString(b.index()))
              .putArray("parameters")
              .addObject();
      switch (b.subType()) {
        case "quick_reply" -> p.put("type", "payload").put("payload", b.text());
        case "copy_code" -> p.put("type", "coupon_code").put("coupon_code", b.text());
        default -> p.put("type", "text").put("text", b.text());
      }
    }
    if (!components.isEmpty()) {
      template.set("components", components);
    }
  }

  private static void mediaSource(ObjectNode media, String link, String mediaId) {
    if (mediaId != null) {
      media.put("id", mediaId);
    } else {
      media.put("link", link);
    }
  }

  /**
   * Uploads a file for sending ({@code POST /{phone-number-id}/media}, multipart: {@code
   * messaging_product}, {@code type} and {@code file}); returns the media id Meta gives it, to be
   * sent in an image or document message. Retried as sends are; a refusal (a type or size Meta does
   * not take) is a {@link CloudApiException} that says why.
   */
  public String uploadMedia(
      String phoneNumberId, byte[] content, String mimeType, String filename) {
    requireText(phoneNumberId, "phoneNumberId");
    requireText(mimeType, "mimeType");
    Objects.requireNonNull(content, "content");
    HttpUrl url =
        baseUrl.newBuilder().addPathSegment(phoneNumberId).addPathSegment("media").build();
    RequestBody multipart =
        new okhttp3.MultipartBody.Builder()
            .setType(okhttp3.MultipartBody.FORM)
            .addFormDataPart("messaging_product", "whatsapp")
            .addFormDataPart("type", mimeType)
            .addFormDataPart(
                "file",
                filename == null || filename.isBlank() ? "file" : filename,
                RequestBody.create(content, MediaType.get(mimeType)))
            .build();
    JsonNode response =
        retry.execute(context -> attempt(url, multipart, context.getRetryCount() + 1));
    JsonNode id = response.path("id");
    if (!id.isTextual() || id.asText().isBlank()) {
      throw new CloudApiException(
          "Cloud API answered a media upload from " + phoneNumberId + " without an id",
          200,
          null,
          null,
          false,
          null,
          null);
    }
    log.debug("Cloud API took a {} upload as media {}", mimeType, id.asText());
    return id.asText();
  }

  private static void interactiveTexts(
      ObjectNode interactive, String header, String body, String footer) {
    if (header != null) {
      interactive.putObject("header").put("type", "text").put("text", header);
    }
    interactive.putObject("body").put("text", body);
    if (footer != null) {
      interactive.putObject("footer").put("text", footer);
    }
  }

  private JsonNode post(String phoneNumberId, ObjectNode body, RetryTemplate retries) {
    HttpUrl url =
        baseUrl.newBuilder().addPathSegment(phoneNumberId).addPathSegment("messages").build();
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise a Cloud API request", e);
    }
    RateLimiter limiter =
        throughput.computeIfAbsent(
            phoneNumberId, id -> RateLimiter.of("whatsapp-" + id, throughputLimit));
    return retries.execute(
        context -> {
          if (!limiter.acquirePermission()) {
            throw new CloudApiException(
                "Cloud API throughput of "
                    + phoneNumberId
                    + " still used up after "
                    + THROUGHPUT_WAIT.toSeconds()
                    + " s (wasla.whatsapp.messages-per-second)",
                0,
                null,
                null,
                true,
                null,
                new NotCalled("throughput used up"));
          }
          return attempt(url, bytes, context.getRetryCount() + 1);
        });
  }

  private JsonNode attempt(HttpUrl url, byte[] body, int attempt) {
    return attempt(url, RequestBody.create(body, JSON), attempt);
  }

  private JsonNode attempt(HttpUrl url, RequestBody body, int attempt) {
    Request request =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + accessToken)
            .post(body)
            .build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody responseBody = response.body();
      String text = responseBody == null ? "" : responseBody.string();
      log.debug(
          "Cloud API POST {} -> HTTP {} (attempt {})", url.encodedPath(), response.code(), attempt);
      if (!response.isSuccessful()) {
        throw error(url, response.code(), text, response.header("Retry-After"));
      }
      try {
        return json.readTree(text);
      } catch (JsonProcessingException e) {
        throw new CloudApiException(
            safe(
                "Cloud API POST "
                    + url.encodedPath()
                    + " answered HTTP "
                    + response.code()
                    + " with a body that is not JSON"),
            response.code(),
            null,
            null,
            false,
            null,
            null);
      }
    } catch (IOException e) {
      // No answer at all (timeout, refused, reset): Meta may or may not have the request, and
      // trying again is
      // the only way to find out; idempotency of sends is the caller's job (one row per send).
      throw new CloudApiException(
          safe(
              "Cloud API POST "
                  + url.encodedPath()
                  + " failed without a response: "
                  + e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : ": " + e.getMessage())),
          0,
          null,
          null,
          true,
          null,
          e);
    }
  }

  private CloudApiException error(HttpUrl url, int status, String body, String retryAfterHeader) {
    Integer code = null;
    String fbtraceId = null;
    StringBuilder message =
        new StringBuilder("Cloud API POST ")
            .append(url.encodedPath())
            .append(" failed: HTTP ")
            .append(status);
    try {
      JsonNode error = json.readTree(body).path("error");
      if (error.path("code").canConvertToInt()) {
        code = error.path("code").asInt();
        message.append(", code ").append(code);
      }
      fbtraceId = error.hasNonNull("fbtrace_id") ? error.get("fbtrace_id").asText() : null;
      if (error.hasNonNull("message")) {
        // Meta's text may name the customer's number ("undeliverable to 2010..."): it is logged and
        // stored
        message.append(": ").append(PhoneMask.maskDigitRuns(error.get("message").asText()));
      }
      JsonNode details = error.path("error_data").path("details");
      if (details.isTextual()) {
        message.append(" (").append(PhoneMask.maskDigitRuns(details.asText())).append(')');
      }
      if (fbtraceId != null) {
        message.append(" [fbtrace_id ").append(fbtraceId).append(']');
      }
    } catch (JsonProcessingException | RuntimeException notJson) {
      // A proxy or load balancer answered; the status code is all we can rely on.
    }
    return new CloudApiException(
        safe(message.toString()),
        status,
        code,
        fbtraceId,
        CloudApiException.isRetryable(status, code),
        retryAfter(retryAfterHeader),
        null);
  }

  /**
   * {@code Retry-After} in seconds; the HTTP-date form is ignored (the exponential backoff still
   * applies).
   */
  private static Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds > 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Belt and braces: an exception message ends up in logs and Cockpit incidents, so the token must
   * never be in it.
   */
  private String safe(String message) {
    return message.replace(accessToken, "***");
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
