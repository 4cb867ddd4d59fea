package app.wasla.conversation.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A one-line description of a customer's photo for the agents, by a vision model behind an
 * OpenAI-compatible {@code POST {base-url}/chat/completions}. Best effort: no answer is no
 * description, never an error for the message or its file.
 */
final class PhotoDescriber {

  static final String PROMPT =
      "A customer of an electronics shop sent this photo on WhatsApp. In one short English sentence,"
          + " describe for a shop agent what it shows: the product, any visible damage, readable text"
          + " such as a model name or an error message.";

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient http;
  private final ObjectMapper json;
  private final HttpUrl endpoint;
  private final MediaProperties.Vision settings;

  PhotoDescriber(MediaProperties.Vision settings, ObjectMapper json) {
    this.settings = settings;
    this.json = json;
    HttpUrl base = HttpUrl.parse(settings.baseUrl());
    if (base == null) {
      throw new IllegalArgumentException(
          "wasla.media.vision.base-url is not an http(s) URL: " + settings.baseUrl());
    }
    this.endpoint = base.newBuilder().addPathSegments("chat/completions").build();
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .build();
  }

  /** The description, or empty when the model gave none or could not be reached. */
  Optional<String> describe(byte[] image, String mimeType) {
    ObjectNode body = json.createObjectNode().put("model", settings.model()).put("max_tokens", 120);
    ArrayNode content =
        body.putArray("messages").addObject().put("role", "user").putArray("content");
    content.addObject().put("type", "text").put("text", PROMPT);
    content
        .addObject()
        .put("type", "image_url")
        .putObject("image_url")
        .put("url", "data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(image));
    Request.Builder request;
    try {
      request =
          new Request.Builder()
              .url(endpoint)
              .post(RequestBody.create(json.writeValueAsBytes(body), JSON));
    } catch (IOException e) {
      return Optional.empty();
    }
    if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
      request.header("Authorization", "Bearer " + settings.apiKey());
    }
    try (Response response = http.newCall(request.build()).execute()) {
      if (!response.isSuccessful()) {
        return Optional.empty();
      }
      ResponseBody answer = response.body();
      JsonNode node = json.readTree(answer == null ? new byte[0] : answer.bytes());
      String text = node.path("choices").path(0).path("message").path("content").asText("").strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
