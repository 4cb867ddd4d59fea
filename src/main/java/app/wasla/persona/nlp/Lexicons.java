package app.wasla.persona.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the tab-separated lexicon resources under persona/lexicon/. */
final class Lexicons {

  private Lexicons() {}

  /** The rows (split on tabs) of a classpath resource, without comments and blank lines. */
  static List<String[]> rows(String resource) {
    try (InputStream in = Lexicons.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      List<String[]> rows = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        rows.add(line.split("\t"));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A pattern normalised like the texts it is matched against, keeping a trailing $. */
  static String pattern(String p) {
    String s = p.strip();
    boolean whole = s.endsWith("$");
    String n = ArabicNormalizer.normalize(whole ? s.substring(0, s.length() - 1) : s);
    return whole ? n + "$" : n;
  }
}
