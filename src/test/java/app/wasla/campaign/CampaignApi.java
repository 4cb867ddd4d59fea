package app.wasla.campaign;

import app.wasla.support.Webhooks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Wasla's REST API as a campaign's tests use it: customers with consent, and campaigns. */
final class CampaignApi {

  record Answer(int status, JsonNode body) {}

  static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient HTTP = new OkHttpClient();

  private final String baseUrl;
  private final String key;
  private final Webhooks webhooks;

  CampaignApi(int port, String key) {
    this.baseUrl = "http://127.0.0.1:" + port;
    this.key = key;
    this.webhooks = new Webhooks(port);
  }

  Answer call(String method, String path, Object body) {
    return call(method, path, body, null);
  }

  /** With an Idempotency-Key (null: none). */
  Answer call(String method, String path, Object body, String idempotencyKey) {
    Request.Builder request =
        new Request.Builder().url(baseUrl + path).header("Authorization", "Bearer " + key);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    try {
      if (body == null && method.equals("GET")) {
        request.get();
      } else {
        request.method(
            method,
            RequestBody.create(
                body == null ? new byte[0] : JSON.writeValueAsBytes(body),
                MediaType.get("application/json")));
      }
      try (Response response = HTTP.newCall(request.build()).execute()) {
        String text = response.body().string();
        return new Answer(response.code(), text.isBlank() ? null : JSON.readTree(text));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** JSON text as a tree, to compare with what Meta received. */
  JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  Answer ok(String method, String path, Object body) {
    Answer a = call(method, path, body);
    if (a.status() >= 300) {
      throw new AssertionError(method + " " + path + " answered " + a.status() + ": " + a.body());
    }
    return a;
  }

  static String newWaId() {
    return "2012" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
  }

  static String key(String waId) {
    return Webhooks.PHONE_NUMBER_ID + ":" + waId;
  }

  /**
   * {@code count} customers who agreed to marketing at the shop's checkout, in the city {@code
   * city} (the tests' audience), named "Customer<i> Test", each with a last product; sorted by key.
   */
  List<String> optedInCustomers(int count, String city) {
    List<String> waIds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String waId = newWaId();
      ok(
          "PUT",
          "/api/customers/" + key(waId) + "/consent",
          Map.of("optIn", true, "source", "checkout"));
      ok(
          "PATCH",
          "/api/customers/" + key(waId),
          Map.of(
              "name",
              "Customer" + i + " Test",
              "attributes",
              Map.of("city", city, "last_product", "Abaya " + i)));
      waIds.add(waId);
    }
    waIds.sort(String::compareTo);
    return waIds;
  }

  /** The customer writes STOP on WhatsApp; true when Meta's webhook was acknowledged. */
  boolean writeStop(String waId) {
    return webhooks.post(
            Webhooks.text(
                waId, "wamid.stop." + waId + "." + System.nanoTime(), "STOP", Instant.now()))
        == 200;
  }

  /** A campaign of template {@code spring_sale} (first name, last product) to one city. */
  String createCampaign(String city, Integer ratePerSecond) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "Spring sale " + city);
    body.put("phoneNumberId", Webhooks.PHONE_NUMBER_ID);
    body.put(
        "template",
        Map.of(
            "name",
            "spring_sale",
            "language",
            "en",
            "parameters",
            List.of(
                Map.of("field", "firstName", "fallback", "friend"),
                Map.of("field", "attribute:last_product", "fallback", "our new arrivals"))));
    body.put("audience", Map.of("cities", List.of(city)));
    if (ratePerSecond != null) {
      body.put("ratePerSecond", ratePerSecond);
    }
    Answer created = ok("POST", "/api/campaigns", body);
    return created.body().path("id").asText();
  }

  JsonNode campaign(String id) {
    return ok("GET", "/api/campaigns/" + id, null).body();
  }

  String status(String id) {
    return campaign(id).path("status").asText();
  }
}
