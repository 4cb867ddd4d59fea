package app.wasla.commerce.flow;

import app.wasla.commerce.booking.BookingOptions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * What the booking flow says, in the customer's register (the turn's {@code language}): Egyptian
 * Arabic, MSA, Arabizi or English; and how it prints days, times, services and branches.
 */
final class BookingTexts {

  static final ZoneId CAIRO = ZoneId.of("Africa/Cairo");
  private static final Locale AR = Locale.forLanguageTag("ar-EG");
  private static final DateTimeFormatter AR_WHEN =
      DateTimeFormatter.ofPattern("EEEE d/M الساعة h:mm a", AR);
  private static final DateTimeFormatter EN_WHEN =
      DateTimeFormatter.ofPattern("EEEE d MMM, h:mm a", Locale.ENGLISH);
  private static final DateTimeFormatter AR_DAY = DateTimeFormatter.ofPattern("EEEE d/M", AR);
  private static final DateTimeFormatter EN_DAY =
      DateTimeFormatter.ofPattern("EEEE d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter AR_ROW = DateTimeFormatter.ofPattern("EEE d/M h:mm a", AR);
  private static final DateTimeFormatter EN_ROW =
      DateTimeFormatter.ofPattern("EEE d MMM h:mm a", Locale.ENGLISH);
  private static final DateTimeFormatter AR_TIME = DateTimeFormatter.ofPattern("h:mm a", AR);
  private static final DateTimeFormatter EN_TIME =
      DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH);

  enum Register {
    EGYPTIAN,
    MSA,
    ARABIZI,
    ENGLISH
  }

  private final Register register;

  private BookingTexts(Register register) {
    this.register = register;
  }

  static BookingTexts of(DelegateExecution execution) {
    // the register the persona answered in; a mixed turn ("أريد حجز موعد لـ iPhone 15") has its own
    Object language = execution.getVariable(app.wasla.persona.PersonaVariables.REPLY_LANGUAGE);
    if (!(language instanceof String)) {
      language = execution.getVariable(app.wasla.persona.PersonaVariables.LANGUAGE);
    }
    return of(language instanceof String s ? s : null);
  }

  static BookingTexts of(String language) {
    if (language == null) {
      return new BookingTexts(Register.EGYPTIAN);
    }
    return new BookingTexts(
        switch (language) {
          case "ar" -> Register.MSA;
          case "arabizi" -> Register.ARABIZI;
          case "en" -> Register.ENGLISH;
          default -> Register.EGYPTIAN;
        });
  }

  /** Arabic script (Egyptian or MSA) rather than Latin (Arabizi, English). */
  boolean arabicScript() {
    return register == Register.EGYPTIAN || register == Register.MSA;
  }

  String say(String egyptian, String msa, String arabizi, String english) {
    return switch (register) {
      case EGYPTIAN -> egyptian;
      case MSA -> msa;
      case ARABIZI -> arabizi;
      case ENGLISH -> english;
    };
  }

  String when(Instant at) {
    if (register == Register.ARABIZI) {
      LocalDateTime t = at.atZone(CAIRO).toLocalDateTime();
      return day(t.toLocalDate()) + " el sa3a " + time(t.toLocalTime());
    }
    return (arabicScript() ? AR_WHEN : EN_WHEN).format(at.atZone(CAIRO));
  }

  String day(LocalDate day) {
    if (register == Register.ARABIZI) {
      return "el " + ARABIZI_DAYS.get(day.getDayOfWeek()) + " " + SHORT_DATE.format(day);
    }
    return (arabicScript() ? AR_DAY : EN_DAY).format(day);
  }

  /** A day as a list row's title: "El talat 8/12", "Tuesday 8 Dec", "الثلاثاء 8/12". */
  String dayTitle(LocalDate day) {
    String d = day(day);
    return Character.toUpperCase(d.charAt(0)) + d.substring(1);
  }

  /**
   * A slot as a list row (24 characters at most): "السبت 5/12 11:00 ص", "Sabt 5/12 11:00 sob7",
   * "Sat 5 Dec 11:00 AM".
   */
  String row(Instant at) {
    if (register == Register.ARABIZI) {
      LocalDateTime t = at.atZone(CAIRO).toLocalDateTime();
      String day = ARABIZI_DAYS.get(t.getDayOfWeek());
      return Character.toUpperCase(day.charAt(0))
          + day.substring(1)
          + " "
          + SHORT_DATE.format(t)
          + " "
          + CLOCK.format(t)
          + " "
          + partOfDay(t.toLocalTime()).replaceFirst("^(el|bel) ", "");
    }
    return (arabicScript() ? AR_ROW : EN_ROW).format(at.atZone(CAIRO));
  }

  String time(Instant at) {
    return time(at.atZone(CAIRO).toLocalTime());
  }

  /**
   * A time of day: "5:00 م", "5:00 el 3asr" (Arabizi says the part of the day, as its customers
   * write it), "5:00 PM".
   */
  String time(LocalTime at) {
    if (register == Register.ARABIZI) {
      return CLOCK.format(at) + " " + partOfDay(at);
    }
    return (arabicScript() ? AR_TIME : EN_TIME).format(at);
  }

  /**
   * A day and a time the customer named, either of them null: "يوم الاثنين 7/12 الساعة 5:00 م",
   * "yom El etneen 7/12 el sa3a 5:00 el 3asr", "Monday 7 Dec, 5:00 PM".
   */
  String dayAndTime(LocalDate day, LocalTime at) {
    String d = day == null ? null : day(day);
    String h = at == null ? null : time(at);
    return switch (register) {
      case EGYPTIAN, MSA ->
          ((d == null ? "" : "يوم " + d) + (h == null ? "" : " الساعة " + h)).trim();
      case ARABIZI -> ((d == null ? "" : "yom " + d) + (h == null ? "" : " el sa3a " + h)).trim();
      case ENGLISH -> d == null ? h : h == null ? d : d + ", " + h;
    };
  }

  private static final java.util.Map<java.time.DayOfWeek, String> ARABIZI_DAYS =
      java.util.Map.of(
          java.time.DayOfWeek.SATURDAY, "sabt",
          java.time.DayOfWeek.SUNDAY, "7ad",
          java.time.DayOfWeek.MONDAY, "etneen",
          java.time.DayOfWeek.TUESDAY, "talat",
          java.time.DayOfWeek.WEDNESDAY, "arba3",
          java.time.DayOfWeek.THURSDAY, "khamis",
          java.time.DayOfWeek.FRIDAY, "gom3a");
  private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("d/M");
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("h:mm");

  /** The part of the day an Arabizi customer says after the hour ("5 el 3asr"). */
  private static String partOfDay(LocalTime at) {
    int h = at.getHour();
    return h < 12 ? "el sob7" : h < 15 ? "el dohr" : h < 18 ? "el 3asr" : "bel leil";
  }

  String service(BookingOptions.Service service) {
    if (register == Register.ARABIZI) {
      return arabizi(service.nameEn());
    }
    return arabicScript() ? service.nameAr() : service.nameEn();
  }

  private static final java.util.regex.Pattern REPLACEMENT =
      java.util.regex.Pattern.compile(
          "(?i)^(.*?)\\s*\\b(screen|battery|back glass|charging port|camera)\\s+replacement$");

  private static final java.util.Map<String, String> PARTS =
      java.util.Map.of(
          "screen", "shashet",
          "battery", "battaryet",
          "back glass", "dahr",
          "charging port", "mad5al sha7n",
          "camera", "kamerat");

  /**
   * A repair service's English name as an Arabizi customer says it ("Samsung battery replacement"
   * is "Taghyeer battaryet Samsung", "Free repair check-up" is "Kashf seyana"); a name it does not
   * know stays as it is.
   */
  static String arabizi(String english) {
    if (english == null) {
      return null;
    }
    java.util.regex.Matcher m = REPLACEMENT.matcher(english.trim());
    if (m.matches()) {
      String device = m.group(1).trim();
      String part = PARTS.get(m.group(2).toLowerCase(java.util.Locale.ROOT));
      return "Taghyeer " + part + (device.isEmpty() ? "" : " " + device);
    }
    if (english.toLowerCase(java.util.Locale.ROOT).endsWith(" fitting")) {
      return "Tarkeeb " + english.substring(0, english.length() - " fitting".length()).trim();
    }
    if (english.toLowerCase(java.util.Locale.ROOT).contains("check-up")
        || english.toLowerCase(java.util.Locale.ROOT).contains("checkup")) {
      return "Kashf seyana";
    }
    return english;
  }

  String branch(BookingOptions.Branch branch) {
    return arabicScript() ? branch.nameAr() : branch.nameEn();
  }

  String price(BookingOptions.Service service) {
    if (service.priceEgp() == null || service.priceEgp().signum() == 0) {
      return say("مجاني", "مجاني", "bbalash", "free");
    }
    String money = SalesContext.money(service.priceEgp(), arabicScript());
    return register == Register.ARABIZI ? money.replace(" EGP", " geneh") : money;
  }

  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
