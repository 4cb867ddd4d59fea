package app.wasla.conversation.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The S3-compatible store against MockWebServer as the bucket's endpoint (path style, as MinIO): a
 * file is PUT whole under the prefix and a month folder with a signed request, read back, a missing
 * one is a NoSuchFileException, a refused write an IOException, and a delete is a DELETE.
 */
class S3MediaStoreTest {

  private final MockWebServer s3 = new MockWebServer();
  private S3MediaStore store;

  @BeforeEach
  void start() throws Exception {
    s3.start();
    store =
        S3MediaStore.of(
            new MediaProperties.S3(
                "wasla-media",
                s3.url("/").toString(),
                "eu-central-1",
                "AKIDTEST",
                "secret-test-key",
                "media/"),
            Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void stop() throws Exception {
    s3.shutdown();
  }

  @Test
  void aFileIsPutReadAndDeleted() throws Exception {
    byte[] jpeg =
        "\u00ff\u00d8\u00ff fake jpeg for the store".getBytes(StandardCharsets.ISO_8859_1);
    s3.enqueue(new MockResponse().setHeader("ETag", "\"e1\""));
    String key = store.write("jpg", out -> out.write(jpeg));

    assertThat(key).matches("2026/12/[0-9a-f-]{36}\\.jpg");
    RecordedRequest put = s3.takeRequest();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getPath()).isEqualTo("/wasla-media/media/" + key);
    // the SDK signs on the real clock (the store's clock only names the key)
    String signedOn = put.getHeader("X-Amz-Date").substring(0, 8);
    assertThat(put.getHeader("Authorization"))
        .startsWith(
            "AWS4-HMAC-SHA256 Credential=AKIDTEST/" + signedOn + "/eu-central-1/s3/aws4_request")
        .doesNotContain("secret-test-key");
    // over plain http the SDK signs the body in chunks (aws-chunked, as S3 and MinIO take it)
    assertThat(put.getHeader("x-amz-decoded-content-length"))
        .isEqualTo(String.valueOf(jpeg.length));
    assertThat(unchunked(put.getBody().readByteArray())).isEqualTo(jpeg);

    s3.enqueue(new MockResponse().setBody(new okio.Buffer().write(jpeg)));
    try (InputStream in = store.read(key)) {
      assertThat(in.readAllBytes()).isEqualTo(jpeg);
    }
    assertThat(s3.takeRequest().getPath()).isEqualTo("/wasla-media/media/" + key);

    s3.enqueue(new MockResponse().setResponseCode(204));
    store.delete(key);
    RecordedRequest delete = s3.takeRequest();
    assertThat(delete.getMethod()).isEqualTo("DELETE");
    assertThat(delete.getPath()).isEqualTo("/wasla-media/media/" + key);
  }

  /**
   * The data of an aws-chunked body: each chunk is "<hex size>;chunk-signature=...\r\n<data>\r\n".
   */
  private static byte[] unchunked(byte[] body) {
    java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
    int i = 0;
    while (i < body.length) {
      int lineEnd = i;
      while (body[lineEnd] != '\r') {
        lineEnd++;
      }
      String header = new String(body, i, lineEnd - i, StandardCharsets.US_ASCII);
      int size = Integer.parseInt(header.split(";")[0], 16);
      if (size == 0) {
        break;
      }
      data.write(body, lineEnd + 2, size);
      i = lineEnd + 2 + size + 2;
    }
    return data.toByteArray();
  }

  @Test
  void aMissingFileAndARefusedWriteAreIoErrors() throws Exception {
    s3.enqueue(
        new MockResponse()
            .setResponseCode(404)
            .setHeader("Content-Type", "application/xml")
            .setBody(
                "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"));
    assertThatThrownBy(() -> store.read("2026/12/00000000-0000-0000-0000-000000000000.jpg"))
        .isInstanceOf(NoSuchFileException.class);

    for (int i = 0; i < 4; i++) {
      s3.enqueue(
          new MockResponse()
              .setResponseCode(403)
              .setHeader("Content-Type", "application/xml")
              .setBody("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"));
    }
    assertThatThrownBy(() -> store.write("png", out -> out.write(new byte[] {1, 2, 3})))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("did not take");
    assertThatThrownBy(() -> store.read("../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
