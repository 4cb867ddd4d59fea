package app.wasla.conversation.media;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Customers' photos, voice notes, videos, documents and stickers: where they are kept, how large
 * they may be, how their download is retried, and the optional transcription of voice notes.
 */
@ConfigurationProperties("wasla.media")
public record MediaProperties(
    /* Whether media files are fetched and kept at all (the messages are stored either way). */
    @DefaultValue("true") boolean enabled,
    /* The folder of the file store; relative paths are to the working directory, like the H2 database. */
    @DefaultValue("./data/media") String folder,
    /* Wasla's own cap on one file, below Meta's limits per type (image 5 MB, audio and video 16 MB, document
    100 MB, sticker 500 KB). */
    @DefaultValue("16MB") DataSize maxSize,
    /* Document types accepted (images, audio and video follow Meta's list). */
    @DefaultValue({
          "application/pdf",
          "text/plain",
          "application/msword",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "application/vnd.ms-excel",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "application/vnd.ms-powerpoint",
          "application/vnd.openxmlformats-officedocument.presentationml.presentation",
          "image/jpeg",
          "image/png"
        })
        List<String> documentTypes,
    /* Downloads of one file before it is FAILED (the first at once, the rest by the sweep). */
    @DefaultValue("6") int attempts,
    /* Wait before the second attempt; doubles for each further one. */
    @DefaultValue("10s") Duration backoff,
    /* How often the sweep looks for downloads due (retries, and what a stopped node left). */
    @DefaultValue("5s") Duration sweepInterval,
    /* A download taken by a node and not finished after this long is taken again by the sweep. */
    @DefaultValue("2m") Duration lease,
    /* Downloads at once. */
    @DefaultValue("2") int workers,
    @DefaultValue Transcription transcription,
    @DefaultValue Vision vision,
    /* Wasla's cap on a file an agent sends (a JPEG or PNG photo, a PDF), below Meta's limits for
    sending (image 5 MB, document 100 MB). */
    @DefaultValue("16MB") DataSize sendMaxSize,
    /* Where files are kept: file (the folder above) or s3 (an S3-compatible bucket, wasla.media.s3.*). */
    @DefaultValue("file") String store,
    @DefaultValue S3 s3) {

  /**
   * An S3-compatible bucket for the media files (AWS S3, MinIO, Ceph, R2...): {@code endpoint} for
   * anything but AWS itself (then path-style addressing), the region, and the credentials (else the
   * AWS SDK's usual chain: environment, profile, instance role). Keys carry a {@code prefix}.
   */
  public record S3(
      String bucket,
      String endpoint,
      @DefaultValue("us-east-1") String region,
      String accessKey,
      String secretKey,
      @DefaultValue("media/") String prefix) {

    @Override
    public String toString() {
      return "S3[bucket="
          + bucket
          + ", endpoint="
          + endpoint
          + ", region="
          + region
          + ", accessKey="
          + (accessKey == null || accessKey.isBlank() ? "none" : "****")
          + ", secretKey="
          + (secretKey == null || secretKey.isBlank() ? "none" : "****")
          + "]";
    }
  }

  /**
   * An OpenAI-compatible chat endpoint with a vision model ({@code POST
   * {base-url}/chat/completions}); photos get a one-line description for the agents when {@code
   * base-url} is set.
   */
  public record Vision(
      String baseUrl,
      String apiKey,
      @DefaultValue("gpt-4o-mini") String model,
      @DefaultValue("5s") Duration connectTimeout,
      @DefaultValue("30s") Duration readTimeout) {

    public boolean enabled() {
      return baseUrl != null && !baseUrl.isBlank();
    }

    @Override
    public String toString() {
      return "Vision[baseUrl="
          + baseUrl
          + ", apiKey="
          + (apiKey == null || apiKey.isBlank() ? "none" : "****")
          + ", model="
          + model
          + "]";
    }
  }

  /**
   * An OpenAI-compatible transcription endpoint ({@code POST {base-url}/audio/transcriptions});
   * voice notes are transcribed when {@code base-url} is set.
   */
  public record Transcription(
      String baseUrl,
      String apiKey,
      @DefaultValue("whisper-1") String model,
      @DefaultValue("5s") Duration connectTimeout,
      @DefaultValue("60s") Duration readTimeout) {

    public boolean enabled() {
      return baseUrl != null && !baseUrl.isBlank();
    }

    @Override
    public String toString() {
      return "Transcription[baseUrl="
          + baseUrl
          + ", apiKey="
          + (apiKey == null || apiKey.isBlank() ? "none" : "****")
          + ", model="
          + model
          + "]";
    }
  }

  public MediaProperties {
    if (attempts < 1) {
      throw new IllegalArgumentException("wasla.media.attempts must be at least 1");
    }
    if (workers < 1) {
      throw new IllegalArgumentException("wasla.media.workers must be at least 1");
    }
    documentTypes = documentTypes == null ? List.of() : List.copyOf(documentTypes);
    sendMaxSize = sendMaxSize == null ? DataSize.ofMegabytes(16) : sendMaxSize;
    store = store == null ? "file" : store;
    if (!"file".equals(store) && !"s3".equals(store)) {
      throw new IllegalArgumentException("wasla.media.store must be file or s3, not " + store);
    }
    if ("s3".equals(store) && (s3 == null || s3.bucket() == null || s3.bucket().isBlank())) {
      throw new IllegalArgumentException(
          "wasla.media.s3.bucket is required when wasla.media.store=s3");
    }
  }
}
