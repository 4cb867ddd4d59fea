package app.wasla.persona.playbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Loads a playbook from a folder: {@code classpath:persona/playbook/} (the default demo store),
 * {@code file:/some/dir} or a plain file-system path; a single {@code .md} file works too. Files
 * are read in name order.
 */
public final class PlaybookLoader {

  public static final String DEFAULT_LOCATION = "classpath:persona/playbook/";

  private PlaybookLoader() {}

  public static Playbook loadDefault() {
    return load(DEFAULT_LOCATION);
  }

  public static Playbook load(String location) {
    String loc = location == null || location.isBlank() ? DEFAULT_LOCATION : location.strip();
    List<Passage> passages = new ArrayList<>();
    List<Product> products = new ArrayList<>();
    try {
      if (loc.startsWith("classpath:")) {
        String folder = loc.substring("classpath:".length()).replaceFirst("^/", "");
        String pattern =
            folder.endsWith(".md")
                ? "classpath*:" + folder
                : "classpath*:" + (folder.endsWith("/") ? folder : folder + "/") + "*.md";
        Resource[] resources =
            new PathMatchingResourcePatternResolver(PlaybookLoader.class.getClassLoader())
                .getResources(pattern);
        Arrays.sort(resources, Comparator.comparing(r -> String.valueOf(r.getFilename())));
        for (Resource r : resources) {
          try (InputStream in = r.getInputStream()) {
            PlaybookParser.parse(
                new String(in.readAllBytes(), StandardCharsets.UTF_8), passages, products);
          }
        }
      } else {
        Path path = Path.of(loc.startsWith("file:") ? loc.substring(5) : loc);
        List<Path> files;
        if (Files.isDirectory(path)) {
          try (Stream<Path> s = Files.list(path)) {
            files = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
          }
        } else {
          files = List.of(path);
        }
        for (Path f : files) {
          PlaybookParser.parse(Files.readString(f, StandardCharsets.UTF_8), passages, products);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the playbook at " + loc, e);
    }
    if (passages.isEmpty() && products.isEmpty()) {
      throw new IllegalStateException("no playbook passages or products found at " + loc);
    }
    return new Playbook(passages, products);
  }
}
