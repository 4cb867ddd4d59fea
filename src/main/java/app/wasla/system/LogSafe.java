package app.wasla.system;

/** Text from outside (API callers, customers) made safe for a log line: one line, so it cannot forge log entries. */
public final class LogSafe {

  private LogSafe() {
  }

  /** CR, LF and other control characters escaped as {@code \r}, {@code \n}, {@code \\uXXXX}. */
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
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
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
