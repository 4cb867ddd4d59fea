package app.wasla.system;

/**
 * Text from outside (API callers, customers) made safe for a log line: one line, so it cannot forge
 * log entries.
 */
public final class LogSafe {

  private LogSafe() {}

  /**
   * CR, LF, other control and format characters escaped as {@code \r}, {@code \n}, {@code \\uXXXX}.
   */
  public static String oneLine(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        default -> {
          // format characters (bidi overrides and isolates, zero-width ones) could make a line read
          // otherwise
          if (Character.isISOControl(c)
              || c == '\u2028'
              || c == '\u2029'
              || Character.getType(c) == Character.FORMAT) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
