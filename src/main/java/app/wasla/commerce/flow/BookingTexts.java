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
    return arabicScript() ? service.nameAr() : service.nameEn();
  }

  String branch(BookingOptions.Branch branch) {
    return arabicScript() ? branch.nameAr() : branch.nameEn();
  }

  String price(BookingOptions.Service service) {
    if (service.priceEgp() == null || service.priceEgp().signum() == 0) {
      return say("مجاني", "مجاني", "bbalash", "free");
    }
    return SalesContext.money(service.priceEgp(), arabicScript());
  }

  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
