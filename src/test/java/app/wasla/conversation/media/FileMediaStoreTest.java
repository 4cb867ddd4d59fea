package app.wasla.conversation.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder store: whole files or none, names that say nothing, no key outside its folder. */
class FileMediaStoreTest {

  @TempDir Path folder;

  private final FileMediaStore store =
      new FileMediaStore(
          Path.of("unused"), Clock.fixed(Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC));

  @Test
  void aFileIsWrittenWholeUnderAMonthAndARandomName() throws IOException {
    FileMediaStore store =
        new FileMediaStore(
            folder, Clock.fixed(Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC));
    String key = store.write("jpg", out -> out.write("photo".getBytes(StandardCharsets.UTF_8)));
    assertThat(key).matches("2026/12/[0-9a-f-]{36}\\.jpg");
    try (InputStream in = store.read(key)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("photo");
    }
    store.delete(key);
    assertThat(folder.resolve(key)).doesNotExist();
  }

  @Test
  void aWriteThatFailsLeavesNothingBehind() throws IOException {
    FileMediaStore store = new FileMediaStore(folder, Clock.systemUTC());
    assertThatThrownBy(
            () ->
                store.write(
                    "jpg",
                    out -> {
                      out.write(new byte[100]);
                      throw new IOException("the download broke off");
                    }))
        .hasMessageContaining("broke off");
    try (Stream<Path> files = Files.walk(folder)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void aKeyThatIsNotTheStoresOwnIsRefused() {
    for (String key : new String[] {"../../etc/passwd", "2026/12/../../x", "/etc/passwd", ""}) {
      assertThatThrownBy(() -> store.read(key)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
