package app.wasla.conversation.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Voice notes to text through an OpenAI-compatible endpoint: {@code POST
 * {base-url}/audio/transcriptions}, multipart with the file and the model; the answer's {@code
 * text} is the transcript.
 */
final class OpenAiTranscriber implements Transcriber {

  private final OkHttpClient http;
  private final ObjectMapper json;
  private final HttpUrl endpoint;
  private final MediaProperties.Transcription settings;

  OpenAiTranscriber(MediaProperties.Transcription settings, ObjectMapper json) {
    this.settings = settings;
    this.json = json;
    HttpUrl base = HttpUrl.parse(settings.baseUrl());
    if (base == null) {
      throw new IllegalArgumentException(
          "wasla.media.transcription.base-url is not an http(s) URL: " + settings.baseUrl());
    }
    this.endpoint = base.newBuilder().addPathSegments("audio/transcriptions").build();
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .build();
  }

  @Override
  public String transcribe(byte[] audio, String mimeType, String filename) {
    MediaType type = mimeType == null ? null : MediaType.parse(mimeType);
    RequestBody body =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("model", settings.model())
            .addFormDataPart("response_format", "json")
            .addFormDataPart("file", filename, RequestBody.create(audio, type))
            .build();
    Request.Builder request = new Request.Builder().url(endpoint).post(body);
    if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
      request.header("Authorization", "Bearer " + settings.apiKey());
    }
    try (Response response = http.newCall(request.build()).execute()) {
      int code = response.code();
      if (!response.isSuccessful()) {
        throw new TranscriptionException(
            "transcription answered " + code, code == 429 || code >= 500, null);
      }
      ResponseBody answer = response.body();
      JsonNode node = json.readTree(answer == null ? new byte[0] : answer.bytes());
      JsonNode text = node.path("text");
      if (!text.isTextual()) {
        throw new TranscriptionException("transcription answered without text", false, null);
      }
      return text.asText().strip();
    } catch (IOException e) {
      throw new TranscriptionException("transcription failed: " + e.getClass().getName(), true, e);
    }
  }
}
