package app.wasla.conversation.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Media files in a folder, one per month ({@code 2026/12/<random>.jpg}): names carry no customer
 * data. A file is written to a temporary name and moved into place, so a reader never sees half of
 * one.
 */
public final class FileMediaStore implements MediaStore {

  private static final Pattern KEY =
      Pattern.compile("\\d{4}/\\d{2}/[0-9a-f-]{36}(\\.[a-z0-9]{1,8})?");
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("yyyy/MM").withZone(ZoneOffset.UTC);

  private final Path root;
  private final Clock clock;

  public FileMediaStore(Path root, Clock clock) {
    this.root = root.toAbsolutePath().normalize();
    this.clock = clock;
  }

  @Override
  public String write(String extension, Content content) throws IOException {
    String ext = extension == null || !extension.matches("[a-z0-9]{1,8}") ? "" : "." + extension;
    String key = MONTH.format(clock.instant()) + "/" + UUID.randomUUID() + ext;
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    Path temporary = Files.createTempFile(target.getParent(), ".part-", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temporary)) {
        content.writeTo(out);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      return key;
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  @Override
  public InputStream read(String key) throws IOException {
    return Files.newInputStream(resolve(key));
  }

  @Override
  public void delete(String key) throws IOException {
    try {
      Files.deleteIfExists(resolve(key));
    } catch (NoSuchFileException e) {
      // gone already
    }
  }

  private Path resolve(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a media store key");
    }
    return root.resolve(key);
  }
}
