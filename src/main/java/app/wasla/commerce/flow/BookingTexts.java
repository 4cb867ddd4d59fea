package app.wasla.commerce.flow;

import app.wasla.commerce.booking.BookingOptions;
import java.time.Instant;
import java.time.LocalDate;
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
    Object language = execution.getVariable("language");
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
    return (arabicScript() ? AR_WHEN : EN_WHEN).format(at.atZone(CAIRO));
  }

  String day(LocalDate day) {
    return (arabicScript() ? AR_DAY : EN_DAY).format(day);
  }

  /** A slot as a list row (24 characters at most): "السبت 5/12 11:00 ص", "Sat 5 Dec 11:00 AM". */
  String row(Instant at) {
    return (arabicScript() ? AR_ROW : EN_ROW).format(at.atZone(CAIRO));
  }

  String time(Instant at) {
    return (arabicScript() ? AR_TIME : EN_TIME).format(at.atZone(CAIRO));
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
