package app.wasla.persona;

/** Language and script of a customer's message. */
public enum Language {
  /** Egyptian Arabic in Arabic script. */
  AR_EG("ar-EG"),
  /** Modern Standard Arabic. */
  AR("ar"),
  /** Arabic in Latin letters and digits ("3ayez a3raf el se3r"). */
  ARABIZI("arabizi"),
  EN("en"),
  /** Arabic script and English in one message. */
  MIXED("mixed");

  private final String tag;

  Language(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }

  /** The language for a tag such as "ar-EG"; null for an unknown tag. */
  public static Language fromTag(String tag) {
    if (tag == null) {
      return null;
    }
    for (Language l : values()) {
      if (l.tag.equalsIgnoreCase(tag.trim()) || l.name().equalsIgnoreCase(tag.trim())) {
        return l;
      }
    }
    return null;
  }
}
