package app.wasla.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A small client of Wasla's /api for tests: the status and the JSON answer. */
final class Api {

  record Answer(int status, JsonNode body) {}

  static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient HTTP =
      new OkHttpClient.Builder().readTimeout(30, TimeUnit.SECONDS).build();

  private final String base;

  Api(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  Answer call(String method, String path, String key, Object body, Map<String, String> headers) {
    Request.Builder request = new Request.Builder().url(base + path);
    if (key != null) {
      request.header("Authorization", key.startsWith("Basic ") ? key : "Bearer " + key);
    }
    headers.forEach(request::header);
    RequestBody requestBody = null;
    if (body != null) {
      try {
        byte[] bytes = body instanceof byte[] b ? b : JSON.writeValueAsBytes(body);
        requestBody = RequestBody.create(bytes, MediaType.get("application/json"));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    } else if (!method.equals("GET") && !method.equals("DELETE")) {
      requestBody = RequestBody.create(new byte[0], MediaType.get("application/json"));
    }
    request.method(method, requestBody);
    try (Response response = HTTP.newCall(request.build()).execute()) {
      String text = response.body() == null ? "" : response.body().string();
      return new Answer(response.code(), text.isBlank() ? null : JSON.readTree(text));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Answer get(String path, String key) {
    return call("GET", path, key, null, Map.of());
  }

  Answer post(String path, String key, Object body) {
    return call("POST", path, key, body, Map.of());
  }
}
