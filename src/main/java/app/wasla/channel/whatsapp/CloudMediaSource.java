package app.wasla.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fetches customers' media from the Cloud API: {@code GET {api-base-url}/{media-id}} gives a URL
 * that expires after minutes, which is then downloaded with the same bearer token.
 */
public final class CloudMediaSource implements MediaSource {

  /** Media ids are digits; anything that could change the path is refused before a call. */
  private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9._-]{1,255}");

  private final OkHttpClient http;
  private final ObjectMapper json;
  private final HttpUrl baseUrl;
  private final String accessToken;

  public CloudMediaSource(OkHttpClient http, ObjectMapper json, WhatsAppProperties props) {
    this.http = Objects.requireNonNull(http, "http");
    this.json = Objects.requireNonNull(json, "json");
    this.baseUrl = HttpUrl.parse(props.apiBaseUrl());
    if (baseUrl == null) {
      throw new IllegalArgumentException(
          "wasla.whatsapp.api-base-url is not an http(s) URL: " + props.apiBaseUrl());
    }
    if (props.accessToken() == null || props.accessToken().isBlank()) {
      throw new IllegalArgumentException(
          "wasla.whatsapp.access-token is required to fetch media from the Cloud API");
    }
    this.accessToken = props.accessToken();
  }

  @Override
  public Located locate(String mediaId) {
    if (mediaId == null || !MEDIA_ID.matcher(mediaId).matches()) {
      throw new MediaFetchException(MediaFetchException.Kind.PERMANENT, "not a media id");
    }
    HttpUrl url = baseUrl.newBuilder().addPathSegment(mediaId).build();
    Request request =
        new Request.Builder().url(url).header("Authorization", "Bearer " + accessToken).build();
    try (Response response = http.newCall(request).execute()) {
      int code = response.code();
      if (code == 429 || code >= 500) {
        throw new MediaFetchException(
            MediaFetchException.Kind.RETRYABLE, "media lookup answered " + code);
      }
      if (!response.isSuccessful()) {
        throw new MediaFetchException(
            MediaFetchException.Kind.PERMANENT, "media lookup answered " + code);
      }
      ResponseBody body = response.body();
      JsonNode node = json.readTree(body == null ? new byte[0] : body.bytes());
      String location = node.path("url").asText(null);
      if (location == null || HttpUrl.parse(location) == null) {
        throw new MediaFetchException(
            MediaFetchException.Kind.RETRYABLE, "media lookup gave no download URL");
      }
      JsonNode size = node.path("file_size");
      return new Located(
          location,
          node.path("mime_type").asText(null),
          size.canConvertToLong() || size.isTextual() ? parseLong(size.asText()) : null,
          node.path("sha256").asText(null));
    } catch (IOException e) {
      throw new MediaFetchException(
          MediaFetchException.Kind.RETRYABLE, "media lookup failed: " + e.getClass().getName(), e);
    }
  }

  @Override
  public long download(Located located, OutputStream target, long maxBytes) {
    Request request =
        new Request.Builder()
            .url(located.url())
            .header("Authorization", "Bearer " + accessToken)
            .build();
    try (Response response = http.newCall(request).execute()) {
      int code = response.code();
      if (code == 401 || code == 403 || code == 404 || code == 410) {
        throw new MediaFetchException(
            MediaFetchException.Kind.EXPIRED, "media download answered " + code);
      }
      if (!response.isSuccessful()) {
        throw new MediaFetchException(
            MediaFetchException.Kind.RETRYABLE, "media download answered " + code);
      }
      ResponseBody body = response.body();
      if (body == null) {
        throw new MediaFetchException(MediaFetchException.Kind.RETRYABLE, "empty media download");
      }
      if (body.contentLength() > maxBytes) {
        throw new MediaFetchException(
            MediaFetchException.Kind.TOO_LARGE,
            "media has " + body.contentLength() + " bytes, more than " + maxBytes);
      }
      return copy(body.byteStream(), target, maxBytes);
    } catch (IOException e) {
      throw new MediaFetchException(
          MediaFetchException.Kind.RETRYABLE,
          "media download failed: " + e.getClass().getName(),
          e);
    }
  }

  /** Copies at most {@code maxBytes}; one byte more is too large. */
  static long copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > maxBytes) {
        throw new MediaFetchException(
            MediaFetchException.Kind.TOO_LARGE, "media has more than " + maxBytes + " bytes");
      }
      out.write(buffer, 0, n);
    }
    return total;
  }

  private static Long parseLong(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
