package app.wasla.persona;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shop's opening hours as the playbook's {@code hours} passage states them in English
 * ("Saturday to Thursday 10 am to 11 pm and Friday 2 pm to 11 pm"), and whether the shop is open at
 * a moment in Cairo: "are you open now?" is answered from the clock.
 */
final class OpeningHours {

  static final ZoneId CAIRO = ZoneId.of("Africa/Cairo");

  private static final String DAY = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
  private static final Pattern SPAN =
      Pattern.compile(
          DAY
              + "(?:\\s+(?:to|through|-)\\s+"
              + DAY
              + ")?,?\\s+(?:from\\s+)?(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)\\s+(?:to|-|until)\\s+(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)");

  /** Open and close per day; a day missing is closed. */
  private final Map<DayOfWeek, LocalTime[]> days;

  private OpeningHours(Map<DayOfWeek, LocalTime[]> days) {
    this.days = days;
  }

  /** The hours the text states; none when it states none (the answer is then the passage alone). */
  static OpeningHours parse(String english) {
    Map<DayOfWeek, LocalTime[]> days = new EnumMap<>(DayOfWeek.class);
    Matcher m = SPAN.matcher(english == null ? "" : english.toLowerCase(Locale.ROOT));
    while (m.find()) {
      DayOfWeek from = DayOfWeek.valueOf(m.group(1).toUpperCase(Locale.ROOT));
      DayOfWeek to =
          m.group(2) == null ? from : DayOfWeek.valueOf(m.group(2).toUpperCase(Locale.ROOT));
      LocalTime open = time(m.group(3), m.group(4), m.group(5));
      LocalTime close = time(m.group(6), m.group(7), m.group(8));
      for (DayOfWeek d = from; ; d = d.plus(1)) {
        days.put(d, new LocalTime[] {open, close});
        if (d == to) {
          break;
        }
      }
    }
    return new OpeningHours(days);
  }

  private static LocalTime time(String hour, String minute, String half) {
    int h = Integer.parseInt(hour) % 12 + ("pm".equals(half) ? 12 : 0);
    return LocalTime.of(h, minute == null ? 0 : Integer.parseInt(minute));
  }

  boolean known() {
    return !days.isEmpty();
  }

  /** Open at this moment, or when it next opens: today, tomorrow or a later day. */
  record Status(boolean open, LocalTime time, int inDays, DayOfWeek day) {}

  /**
   * At {@code now}: open (with the closing time), or closed (with the next opening time and how
   * many days ahead it is).
   */
  Status at(ZonedDateTime now) {
    ZonedDateTime local = now.withZoneSameInstant(CAIRO);
    LocalTime t = local.toLocalTime();
    LocalTime[] today = days.get(local.getDayOfWeek());
    if (today != null && !t.isBefore(today[0]) && t.isBefore(today[1])) {
      return new Status(true, today[1], 0, local.getDayOfWeek());
    }
    if (today != null && t.isBefore(today[0])) {
      return new Status(false, today[0], 0, local.getDayOfWeek());
    }
    for (int i = 1; i <= 7; i++) {
      DayOfWeek d = local.getDayOfWeek().plus(i);
      LocalTime[] hours = days.get(d);
      if (hours != null) {
        return new Status(false, hours[0], i, d);
      }
    }
    return new Status(false, null, 0, null);
  }
}
