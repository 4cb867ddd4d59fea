package app.wasla.conversation;

import java.util.Locale;

/**
 * A WhatsApp template's category as Meta names it. Only marketing needs the customer's consent; a
 * category Wasla is not told, or does not know, counts as marketing: a wrong guess must not reach a
 * customer who said STOP.
 */
public enum TemplateCategory {
  MARKETING,
  UTILITY,
  AUTHENTICATION;

  /** MARKETING, UTILITY or AUTHENTICATION, case aside; anything else (or nothing) is MARKETING. */
  public static TemplateCategory of(String name) {
    if (name == null) {
      return MARKETING;
    }
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      return MARKETING;
    }
  }
}
