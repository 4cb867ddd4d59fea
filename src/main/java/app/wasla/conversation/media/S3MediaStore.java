package app.wasla.conversation.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Media files in an S3-compatible bucket, under {@code <prefix><yyyy/MM>/<random>.<ext>}: names
 * carry no customer data, as in the folder store. An object appears whole or not at all (a PUT is
 * atomic), so a reader never sees half of a file; the file is spooled to a temporary file first, so
 * its length is known and memory stays flat.
 */
final class S3MediaStore implements MediaStore {

  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("yyyy/MM").withZone(ZoneOffset.UTC);
  private static final Pattern KEY =
      Pattern.compile("\\d{4}/\\d{2}/[0-9a-f-]{36}(\\.[a-z0-9]{1,8})?");

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final Clock clock;

  S3MediaStore(S3Client s3, String bucket, String prefix, Clock clock) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix == null ? "" : prefix;
    this.clock = clock;
  }

  /** The store for {@code wasla.media.s3.*}. */
  static S3MediaStore of(MediaProperties.S3 props, Clock clock) {
    var builder =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.of(props.region()))
            // checksums only where S3 requires them: S3-compatible stores differ in the newer
            // (streamed, trailing) ones
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .credentialsProvider(
                props.accessKey() != null && !props.accessKey().isBlank()
                    ? StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(props.accessKey(), props.secretKey()))
                    : DefaultCredentialsProvider.builder().build());
    if (props.endpoint() != null && !props.endpoint().isBlank()) {
      // MinIO, Ceph and most S3-compatible stores address buckets by path
      builder.endpointOverride(URI.create(props.endpoint())).forcePathStyle(true);
    }
    return new S3MediaStore(builder.build(), props.bucket(), props.prefix(), clock);
  }

  @Override
  public String write(String extension, Content content) throws IOException {
    String ext = extension == null || !extension.matches("[a-z0-9]{1,8}") ? "" : "." + extension;
    String key = MONTH.format(clock.instant()) + "/" + UUID.randomUUID() + ext;
    Path spool = Files.createTempFile("wasla-media-", ".part");
    try {
      try (OutputStream out = Files.newOutputStream(spool)) {
        content.writeTo(out);
      }
      s3.putObject(b -> b.bucket(bucket).key(prefix + key), RequestBody.fromFile(spool));
      return key;
    } catch (SdkException e) {
      throw new IOException("the media store did not take " + key + ": " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  @Override
  public InputStream read(String key) throws IOException {
    checked(key);
    try {
      return s3.getObject(b -> b.bucket(bucket).key(prefix + key));
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(key);
    } catch (SdkException e) {
      throw new IOException("the media store did not give " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void delete(String key) throws IOException {
    checked(key);
    try {
      // deleting an object that is not there succeeds: gone already
      s3.deleteObject(b -> b.bucket(bucket).key(prefix + key));
    } catch (SdkException e) {
      throw new IOException("the media store did not delete " + key + ": " + e.getMessage(), e);
    }
  }

  private static void checked(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a media store key");
    }
  }
}
