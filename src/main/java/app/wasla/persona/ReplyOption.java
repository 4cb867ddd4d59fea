package app.wasla.persona;

/** A quick reply: an id the flow understands and a title of at most 20 characters. */
public record ReplyOption(String id, String title) {

  public static final int MAX_TITLE = 20;

  public ReplyOption {
    if (title != null && title.length() > MAX_TITLE) {
      title = title.substring(0, MAX_TITLE);
    }
  }
}
