package app.wasla.commerce.flow;

import static app.wasla.commerce.flow.BookingTexts.CAIRO;
import static app.wasla.commerce.flow.BookingTexts.cut;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.channel.whatsapp.OutboundMessage.ListMessage;
import app.wasla.channel.whatsapp.OutboundMessage.ReplyButtons;
import app.wasla.commerce.booking.Booking;
import app.wasla.commerce.booking.BookingAnswers;
import app.wasla.commerce.booking.BookingOptions;
import app.wasla.commerce.booking.Bookings;
import app.wasla.commerce.booking.SlotTakenException;
import app.wasla.conversation.FlowMessages;
import app.wasla.persona.nlp.OrderChanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The delegates of the booking flow (booking-change.bpmn): what the customer wants (a new
 * appointment, a move, a cancellation), the next question (service, branch, day, free slots, the
 * summary, "are you sure?"), reading the answer, and the actions: book (and schedule the reminder),
 * move, cancel.
 */
final class BookingDelegates {

  private BookingDelegates() {}

  static String string(DelegateExecution execution, String name) {
    Object v = execution.getVariable(name);
    return v instanceof String s && !s.isBlank() ? s : null;
  }

  static Instant slot(DelegateExecution execution) {
    Object v = execution.getVariable(BookingVariables.SLOT);
    return v instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
  }

  /**
   * Takes what the text names (service, branch, day, time) into the flow's variables; true if it
   * named any.
   */
  static boolean takeFromText(
      DelegateExecution execution, String text, BookingOptions options, LocalDate today) {
    boolean taken = false;
    boolean newBooking = "new".equals(execution.getVariable(BookingVariables.MODE));
    // a question that names a branch or a service ("where is your Alexandria branch?") is for the
    // persona, unless
    // it is the very thing the flow asked
    String step = string(execution, BookingVariables.STEP);
    boolean question = BookingAnswers.question(text);
    if (newBooking) {
      String service =
          question && step != null && !"ask_service".equals(step)
              ? null
              : BookingAnswers.service(text, options.services(), "ask_service".equals(step));
      if (service == null
          && "ask_service".equals(step)
          && execution.getVariable(BookingVariables.ASKED) instanceof String asked) {
        // "iPhone 15" after "my screen broke": the part said then, the phone now; a service for
        // another make is never taken this way
        service = BookingAnswers.service(asked + " " + text, options.services(), false);
      }
      if (service == null && (step == null || "ask_service".equals(step))) {
        // "سامسونج A54 والشاشه مشروخه" and no service for it: the free check-up, said plainly
        service = checkUpFor(execution, text, options.services(), "ask_service".equals(step));
      }
      if (service != null) {
        execution.setVariable(BookingVariables.SERVICE, service);
        taken = true;
      }
      String branch =
          question && step != null && !"ask_branch".equals(step)
              ? null
              : BookingAnswers.branch(text, options.branches());
      if (branch != null) {
        execution.setVariable(BookingVariables.BRANCH, branch);
        taken = true;
      }
    }
    LocalDate day = BookingAnswers.day(text, today);
    LocalTime time = BookingAnswers.time(text);
    if (time == null && BookingAnswers.sameTime(text)) {
      // "الخميس بدل بكره، نفس الساعه": the time the booking (or the slot on the table) has
      time = timeKept(execution);
    }
    if (day != null || time != null) {
      if (day != null) {
        execution.setVariable(BookingVariables.DAY, day.toString());
      }
      execution.setVariable(BookingVariables.TIME, time == null ? null : time.toString());
      execution.setVariable(BookingVariables.SLOT, null);
      execution.setVariable(BookingVariables.CONFIRMED, false);
      taken = true;
    }
    return taken;
  }

  /**
   * The free check-up, for a phone or a fault that no service of the list is for ("سامسونج A54
   * والشاشه مشروخه", "samsung a54, the screen is cracked"): its code, and a note that says back
   * what the customer has and why the check-up (bookingNote); null when the text names no phone and
   * fault, or a service fits.
   */
  private static String checkUpFor(
      DelegateExecution execution,
      String text,
      List<BookingOptions.Service> services,
      boolean answeringTheList) {
    BookingOptions.Service checkUp = BookingAnswers.checkUp(services);
    BookingAnswers.Unlisted what = BookingAnswers.unlisted(text, services, answeringTheList);
    if (checkUp == null || what == null) {
      return null;
    }
    BookingTexts t = BookingTexts.of(execution);
    String make =
        what.makeArabic() == null
            ? null
            : (t.arabicScript() ? what.makeArabic() : what.makeLatin())
                + (what.model() == null ? "" : " " + what.model());
    String partAr =
        "screen".equals(what.part()) ? "شاشة" : "battery".equals(what.part()) ? "بطارية" : null;
    String partArabizi =
        "screen".equals(what.part())
            ? "shashet"
            : "battery".equals(what.part()) ? "battaryet" : null;
    String ar =
        partAr == null
            ? (make == null ? "الموبايل ده" : make)
            : partAr + (make == null ? " الموبايل" : " " + make);
    String msa =
        partAr == null
            ? (make == null ? "هذا الهاتف" : make)
            : partAr + (make == null ? " الهاتف" : " " + make);
    String arabizi =
        partArabizi == null
            ? (make == null ? "el mobile da" : make)
            : partArabizi + (make == null ? " el mobile" : " " + make);
    String en =
        what.part() == null
            ? (make == null ? "this phone" : "a " + make)
            : (make == null ? "this phone's " : "a " + make + " ") + what.part();
    String name = t.service(checkUp);
    String note =
        t.say(
            "مفيش عندنا في الحجز خدمة محددة لـ"
                + ar
                + "، فهحجزلك "
                + name
                + ": الفني يكشف عليه في الفرع ويقولك التكلفة قبل أي تصليح.",
            "لا توجد لدينا في قائمة الحجز خدمة محددة لـ"
                + msa
                + "، لذا سأحجز لك "
                + name
                + ": يفحصه الفني في الفرع ويخبرك بالتكلفة قبل أي إصلاح.",
            "Mafeesh 3andena fel 7agz khedma mo7adada le "
                + arabizi
                + ", fa ha7gezlak "
                + name
                + ": el fanny haykshef 3aleh fel far3 w y2olak el taklefa 2abl ay tasle7.",
            "There's no set service for "
                + en
                + " in our booking list, so I'll book you a "
                + name.toLowerCase(java.util.Locale.ROOT)
                + ": the technician checks it at the branch and tells you the cost before any"
                + " repair.");
    String before = string(execution, BookingVariables.NOTE);
    execution.setVariable(BookingVariables.NOTE, before == null ? note : before + "\n" + note);
    return checkUp.code();
  }

  /**
   * The time of day that "the same time" keeps: the slot on the table, else the time already named,
   * else (a move) the booking's; null when there is none.
   */
  private static LocalTime timeKept(DelegateExecution execution) {
    Instant slot = slot(execution);
    if (slot != null) {
      return slot.atZone(CAIRO).toLocalTime();
    }
    String named = string(execution, BookingVariables.TIME);
    if (named != null) {
      return LocalTime.parse(named);
    }
    String startsAt = string(execution, SalesVariables.BOOKING_STARTS_AT);
    if (startsAt != null && !"new".equals(execution.getVariable(BookingVariables.MODE))) {
      try {
        return Instant.parse(startsAt).atZone(CAIRO).toLocalTime();
      } catch (java.time.format.DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * {@code ${findBooking}}: what the customer wants. A cancellation or a move needs their next
   * booking (its id and time into bookingId / bookingStartsAt); a move without one becomes a new
   * booking, a cancellation without one ends (bookingStep no_booking). A new booking takes what the
   * first message already says ("... يوم الخميس").
   */
  @Component("findBooking")
  static class FindBooking implements JavaDelegate {
    private final Bookings bookings;
    private final FlowMessages messages;
    private final Clock clock;

    FindBooking(Bookings bookings, FlowMessages messages, Clock clock) {
      this.bookings = bookings;
      this.messages = messages;
      this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
      BookingTexts t = BookingTexts.of(execution);
      String intent = string(execution, "intent");
      String mode =
          "booking_cancel".equals(intent)
              ? "cancel"
              : "booking_change".equals(intent) ? "change" : "new";
      execution.setVariable(BookingVariables.STEP, null);
      execution.setVariable(BookingVariables.CONFIRMED, false);
      execution.setVariable(BookingVariables.SLOT, null);
      execution.setVariable(BookingVariables.NOTE, null);
      execution.setVariable(BookingVariables.SERVICE_MISSES, 0);
      if (!"cancel".equals(mode) && asksOwnBookings(SalesContext.turnText(execution))) {
        // "what appointments do I have?", "show my booking", "ميعادي امتى؟", "when is my existing
        // booking BK-5002?": the customer's upcoming bookings told, nothing booked nor moved
        List<Booking> upcoming = bookings.upcoming(SalesContext.customerId(execution));
        String named = bookingNumber(SalesContext.turnText(execution));
        List<Booking> told =
            named == null
                ? upcoming
                : upcoming.stream().filter(u -> u.id().equalsIgnoreCase(named)).toList();
        if (named == null || !told.isEmpty()) {
          execution.setVariable(SalesVariables.BOOKING_FOUND, !told.isEmpty());
          execution.setVariable(BookingVariables.MODE, mode);
          execution.setVariable(BookingVariables.STEP, "no_booking");
          if (told.size() > 1) {
            messages.send(execution, OutboundMessage.Text.of(list(t, told)));
          }
          messages.send(execution, whenItIs(t, told.isEmpty() ? null : told.get(0)));
          return;
        }
        // a booking number that is not the customer's: said so below, as for a move
        mode = "change";
      }
      if (!"new".equals(mode)) {
        List<Booking> upcoming = bookings.upcoming(SalesContext.customerId(execution));
        String named = bookingNumber(SalesContext.turnText(execution));
        if (named != null && upcoming.stream().noneMatch(u -> u.id().equalsIgnoreCase(named))) {
          // "kont 7agezt BK-5003 ..." of a number that is not this customer's: said plainly, and
          // nothing is booked nor moved without asking
          execution.setVariable(SalesVariables.BOOKING_FOUND, false);
          execution.setVariable(BookingVariables.MODE, mode);
          execution.setVariable(BookingVariables.STEP, "no_booking");
          messages.send(
              execution,
              ReplyButtons.of(
                  t.say(
                      "مش لاقية حجز رقم "
                          + named
                          + " على رقمك. تحب تحجز ميعاد صيانة جديد، ولا أساعدك في حاجة تانية؟",
                      "لم أجد الحجز رقم "
                          + named
                          + " على رقمك. هل تود حجز موعد صيانة جديد، أم أساعدك في شيء آخر؟",
                      "Mesh la2ya 7agz rakam "
                          + named
                          + " 3ala ra2mak. T7eb te7gez ma3ad seyana gedid, walla asa3dak f 7aga tanya?",
                      "I can't find booking "
                          + named
                          + " on your number. Would you like to book a new repair appointment, or"
                          + " can I help with something else?"),
                  new ReplyButtons.Button(
                      "menu_booking",
                      t.say("احجز ميعاد", "احجز موعداً", "A7gez ma3ad", "Book an appointment"))));
          return;
        }
        if ("change".equals(mode) && asksWhen(SalesContext.turnText(execution))) {
          // "هو الحجز بتاعي امتى؟", "when is my appointment?": told, nothing is moved nor booked
          execution.setVariable(SalesVariables.BOOKING_FOUND, !upcoming.isEmpty());
          execution.setVariable(BookingVariables.MODE, mode);
          execution.setVariable(BookingVariables.STEP, "no_booking");
          messages.send(execution, whenItIs(t, upcoming.isEmpty() ? null : upcoming.get(0)));
          return;
        }
        execution.setVariable(SalesVariables.BOOKING_FOUND, !upcoming.isEmpty());
        if (!upcoming.isEmpty()) {
          Booking b =
              upcoming.stream()
                  .filter(u -> u.id().equalsIgnoreCase(named))
                  .findFirst()
                  .orElse(upcoming.get(0));
          execution.setVariable(SalesVariables.BOOKING_ID, b.id());
          execution.setVariable(SalesVariables.BOOKING_STARTS_AT, b.startsAt().toString());
          execution.setVariable(BookingVariables.MODE, mode);
          execution.setVariable(BookingVariables.SERVICE, b.serviceCode());
          execution.setVariable(BookingVariables.BRANCH, b.branchCode());
          takeFromText(execution, SalesContext.turnText(execution), BookingOptions.NONE, today());
          return;
        }
        if ("cancel".equals(mode)) {
          execution.setVariable(BookingVariables.MODE, mode);
          execution.setVariable(BookingVariables.STEP, "no_booking");
          messages.send(
              execution,
              ReplyButtons.of(
                  t.say(
                      "مش لاقية حجز جاي على رقمك، فمفيش حاجة تتلغي. تحب تحجز ميعاد صيانة جديد؟",
                      "لا يوجد حجز قادم على رقمك، فلا يوجد ما يُلغى. هل تود حجز موعد صيانة جديد؟",
                      "Mesh la2y 7agz gay 3ala ra2mak, fa mafish 7aga tetlegh. T7eb te7gez ma3ad seyana gedid?",
                      "I can't find an upcoming booking on your number, so there is nothing to cancel. Would you like to"
                          + " book a repair appointment?"),
                  new ReplyButtons.Button(
                      "menu_booking",
                      t.say("احجز ميعاد", "احجز موعداً", "A7gez ma3ad", "Book an appointment"))));
          return;
        }
        // "الخميس الساعة ٢" read as a move, from a customer with nothing to move: they want a new
        // appointment
        execution.setVariable(
            BookingVariables.NOTE,
            t.say(
                "مش لاقية حجز على رقمك، فهحجزلك ميعاد جديد.",
                "لا يوجد حجز على رقمك، لذا سأحجز لك موعداً جديداً.",
                "Mesh la2y 7agz 3ala ra2mak, fa ha7gezlak ma3ad gedid.",
                "I can't find a booking on your number, so let's book a new appointment."));
      }
      execution.setVariable(SalesVariables.BOOKING_FOUND, false);
      execution.setVariable(BookingVariables.MODE, "new");
      String asked = SalesContext.turnText(execution);
      execution.setVariable(
          BookingVariables.ASKED, asked.length() <= 300 ? asked : asked.substring(0, 300));
      for (String name :
          List.of(
              BookingVariables.SERVICE,
              BookingVariables.BRANCH,
              BookingVariables.DAY,
              BookingVariables.TIME)) {
        execution.setVariable(name, null);
      }
      takeFromText(execution, SalesContext.turnText(execution), bookings.options(), today());
    }

    private LocalDate today() {
      return clock.instant().atZone(CAIRO).toLocalDate();
    }

    /** When a booking is asked, with no new day or time said: "امتى", "when is", "emta". */
    private static final java.util.regex.Pattern WHEN_ASKED =
        java.util.regex.Pattern.compile(
            "(?iu)(?<![\\p{L}\\p{N}])(امتى|إمتى|امتي|متى|متي|ميعاده ايه|موعده|when|what time|what day|emta|imta|amta|emte)(?![\\p{L}\\p{N}])");

    /** Words of moving a booking: "غير", "أجل", "move", "change": a move, not a question. */
    private static final java.util.regex.Pattern MOVE_ASKED =
        java.util.regex.Pattern.compile(
            "(?iu)(غير|اغير|أغير|تغيير|اأجل|أجل|اجل|انقل|نقل|بدل|move|change|reschedule|postpone|ghayar|a8ayar|aghayar|ageel|a2agel|2agel)");

    /**
     * The customer's own bookings asked about: "what appointments do I have?", "show my booking",
     * "my bookings", "ميعادي امتى؟", "مواعيدي ايه", "7agzy emta", "When is my existing booking
     * BK-5002?"; never with a move or cancel word, nor a new day or time.
     */
    static boolean asksOwnBookings(String text) {
      if (text == null || MOVE_ASKED.matcher(text).find() || CANCEL_ASKED.matcher(text).find()) {
        return false;
      }
      boolean own = OWN_BOOKING.matcher(text).find();
      if (!own) {
        return false;
      }
      String words = text.strip().replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
      return WHEN_ASKED.matcher(text).find()
          || WHICH_ASKED.matcher(text).find()
          || words.split(" ").length <= 3;
    }

    /** A booking of the customer's own: "my booking", "ميعادي", "الحجز بتاعي", "7agzy", BK-5002. */
    static final java.util.regex.Pattern OWN_BOOKING =
        java.util.regex.Pattern.compile(
            "(?iu)\\b(my|existing|current|upcoming)\\s+(booking|appointment|reservation)s?\\b"
                + "|\\b(booking|appointment)s?\\s+(do|did)\\s+i\\s+have\\b"
                + "|\\bdo\\s+i\\s+have\\s+(an?|any)\\s+(booking|appointment)"
                + "|\\bbk[-#\\s]*\\d{3,12}\\b"
                + "|(?<![\\p{L}])(ميعادي|معادي|موعدي|مواعيدي|حجزي|حجوزاتي|حجوزاتى|ميعادى|حجزى)(?![\\p{L}])"
                + "|(الحجز|الميعاد|الموعد)\\s+(بتاعي|بتاعى|الخاص بي|اللي عندي|اللى عندى)"
                + "|\\b(7agzy|7agzi|ma3ady|ma3adi|me3ady|me3adi|mi3adi|mawa3idy)\\b"
                + "|\\bel\\s+(7agz|ma3ad|me3ad)\\s+bta3(y|i)\\b");

    /** "what", "which", "show", "ايه", "وريني", "شوف": the bookings asked to be shown. */
    private static final java.util.regex.Pattern WHICH_ASKED =
        java.util.regex.Pattern.compile(
            "(?iu)\\b(what|which|show|list|check|see|tell me|details|do i have)\\b"
                + "|(?<![\\p{L}])(ايه|إيه|ايش|ما هي|ما هو|وريني|ورينى|شوف|اعرف|فين|كام)(?![\\p{L}])"
                + "|\\b(eh|eih|ewrini|warriny|fen)\\b");

    /** A cancel word: a cancellation, which the cancel mode serves. */
    private static final java.util.regex.Pattern CANCEL_ASKED =
        java.util.regex.Pattern.compile(
            "(?iu)\\bcancel|الغ[يى]|إلغاء|الغاء|كنسل|\\b(elgh|el8|algh|al8|tlgh|tel8)");

    /** Several upcoming bookings, one a line. */
    private static String list(BookingTexts t, List<Booking> upcoming) {
      StringBuilder b =
          new StringBuilder(
              t.say(
                  "عندك الحجوزات دي:",
                  "لديك هذه الحجوزات:",
                  "3andak el 7agzat di:",
                  "Your bookings:"));
      for (Booking u : upcoming) {
        String service = t.arabicScript() ? u.serviceNameAr() : u.serviceNameEn();
        b.append("\n• ")
            .append(u.id())
            .append(" (")
            .append(service)
            .append("): ")
            .append(t.when(u.startsAt()));
      }
      return b.toString();
    }

    static boolean asksWhen(String text) {
      return text != null
          && WHEN_ASKED.matcher(text).find()
          && !MOVE_ASKED.matcher(text).find()
          && bookingNumber(text) == null;
    }

    /**
     * The booking's service, day, time and branch; or that there is none on this number, with the
     * offer to book one or talk to someone.
     */
    private ReplyButtons whenItIs(BookingTexts t, Booking b) {
      if (b == null) {
        return ReplyButtons.of(
            t.say(
                "مش لاقية حجز على رقمك. تحب تحجز ميعاد، ولا أوصلك بحد من زمايلي؟",
                "لم أجد حجزاً على رقمك. هل تود حجز موعد، أم أحولك إلى أحد زملائي؟",
                "Mesh la2ya 7agz 3ala ra2mak. T7eb te7gez ma3ad, walla awaslak b 7ad mn zomalay?",
                "I can't find a booking on your number. Would you like to book an appointment, or talk to"
                    + " someone?"),
            new ReplyButtons.Button(
                "menu_booking",
                t.say("احجز ميعاد", "احجز موعداً", "A7gez ma3ad", "Book an appointment")),
            new ReplyButtons.Button(
                "menu_human", t.say("كلم موظف", "التحدث لموظف", "Akalem 7ad", "Talk to someone")));
      }
      String service = t.arabicScript() ? b.serviceNameAr() : b.serviceNameEn();
      BookingOptions.Branch branch = bookings.options().branch(b.branchCode());
      String where = branch == null ? b.branchCode() : t.branch(branch);
      String when = t.when(b.startsAt());
      return ReplyButtons.of(
          t.say(
              "حجزك " + b.id() + " (" + service + ") يوم " + when + " في فرع " + where + ".",
              "حجزك " + b.id() + " (" + service + ") يوم " + when + " في فرع " + where + ".",
              "7agzak " + b.id() + " (" + service + ") yom " + when + " f far3 " + where + ".",
              "Your booking "
                  + b.id()
                  + " ("
                  + service
                  + ") is on "
                  + when
                  + " at the "
                  + where
                  + " branch."),
          new ReplyButtons.Button(
              "menu_booking_change",
              t.say("غير الميعاد", "تغيير الموعد", "Ghayar el ma3ad", "Change time")),
          new ReplyButtons.Button(
              "menu_booking_cancel",
              t.say("الغي الحجز", "إلغاء الحجز", "Elghy el 7agz", "Cancel booking")));
    }

    private static final java.util.regex.Pattern BOOKING_NUMBER =
        java.util.regex.Pattern.compile("(?i)\\bbk[-#\\s]*(\\d{3,12})\\b");

    /** The booking number the text names ("BK-5003", "bk 5003", "BK-٥٠٠٣"), or null. */
    static String bookingNumber(String text) {
      java.util.regex.Matcher m =
          BOOKING_NUMBER.matcher(OrderCancelRequests.toWesternDigits(text == null ? "" : text));
      return m.find() ? "BK-" + m.group(1) : null;
    }
  }

  /**
   * {@code ${nextBookingStep}}: the next thing to ask (and asks it), or the action that follows:
   * bookingStep. New: service (a list), branch (buttons), day (a list of the next days), free
   * half-hour slots of that day (a list; the time the customer named is taken at once if it is
   * free), the summary (confirm / change). Move: the booking's free slots, then "move it?". Cancel:
   * "are you sure?".
   */
  @Component("nextBookingStep")
  static class NextStep implements JavaDelegate {
    static final int DAYS_OFFERED = 7;
    private final Bookings bookings;
    private final FlowMessages messages;
    private final Clock clock;

    NextStep(Bookings bookings, FlowMessages messages, Clock clock) {
      this.bookings = bookings;
      this.messages = messages;
      this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
      BookingTexts t = BookingTexts.of(execution);
      String note = string(execution, BookingVariables.NOTE);
      execution.setVariable(BookingVariables.NOTE, null);
      String mode = string(execution, BookingVariables.MODE);
      boolean confirmed = Boolean.TRUE.equals(execution.getVariable(BookingVariables.CONFIRMED));
      if ("kept".equals(execution.getVariable(BookingVariables.STEP))) {
        return;
      }
      if ("cancel".equals(mode)) {
        if (confirmed) {
          step(execution, "cancel");
          return;
        }
        Booking booking = currentBooking(execution);
        if (booking == null) {
          step(execution, "kept");
          return;
        }
        String service = t.arabicScript() ? booking.serviceNameAr() : booking.serviceNameEn();
        send(
            execution,
            note,
            ReplyButtons.of(
                t.say(
                    "متأكد إنك عايز تلغي حجز "
                        + service
                        + " يوم "
                        + t.when(booking.startsAt())
                        + "؟",
                    "هل أنت متأكد من إلغاء حجز "
                        + service
                        + " يوم "
                        + t.when(booking.startsAt())
                        + "؟",
                    "Enta met2aked enak 3ayez tlghy 7agz "
                        + service
                        + " yom "
                        + t.when(booking.startsAt())
                        + "?",
                    "Are you sure you want to cancel your "
                        + service
                        + " booking on "
                        + t.when(booking.startsAt())
                        + "?"),
                new ReplyButtons.Button(
                    BookingVariables.CANCEL_YES,
                    t.say("أيوه، ألغيه", "نعم، ألغه", "Aywa, elghih", "Yes, cancel it")),
                new ReplyButtons.Button(
                    BookingVariables.KEEP,
                    t.say("لا، خليه", "لا، أبقه", "La2, khallih", "No, keep it"))));
        step(execution, "ask_cancel");
        return;
      }
      BookingOptions options = "new".equals(mode) ? bookings.options() : BookingOptions.NONE;
      if ("new".equals(mode) && string(execution, BookingVariables.SERVICE) == null) {
        askService(execution, t, note, options);
        return;
      }
      if (execution.getVariable(BookingVariables.SERVICE_MISSES) instanceof Number n
          && n.intValue() != 0) {
        execution.setVariable(BookingVariables.SERVICE_MISSES, 0);
      }
      if ("new".equals(mode) && string(execution, BookingVariables.BRANCH) == null) {
        askBranch(execution, t, note, options);
        return;
      }
      Instant slot = slot(execution);
      if (slot == null) {
        offerSlots(execution, t, note);
        return;
      }
      if (confirmed) {
        step(execution, "new".equals(mode) ? "book" : "move");
        return;
      }
      if ("new".equals(mode)) {
        BookingOptions.Service service =
            options.service(string(execution, BookingVariables.SERVICE));
        BookingOptions.Branch branch = options.branch(string(execution, BookingVariables.BRANCH));
        String s =
            service == null ? string(execution, BookingVariables.SERVICE) : t.service(service);
        String b = branch == null ? string(execution, BookingVariables.BRANCH) : t.branch(branch);
        String price = service == null ? "" : " (" + t.price(service) + ")";
        send(
            execution,
            note,
            ReplyButtons.of(
                t.say(
                    "تمام، ده ملخص الحجز:\n• "
                        + s
                        + price
                        + "\n• فرع "
                        + b
                        + "\n• "
                        + t.when(slot)
                        + "\nأأكد الحجز؟",
                    "هذا ملخص الحجز:\n• "
                        + s
                        + price
                        + "\n• فرع "
                        + b
                        + "\n• "
                        + t.when(slot)
                        + "\nهل أؤكد الحجز؟",
                    "Tamam, da molakhas el 7agz:\n• "
                        + s
                        + price
                        + "\n• Far3 "
                        + b
                        + "\n• "
                        + t.when(slot)
                        + "\nA2akked el 7agz?",
                    "Here is your booking:\n• "
                        + s
                        + price
                        + "\n• "
                        + b
                        + " branch\n• "
                        + t.when(slot)
                        + "\nShall I confirm it?"),
                new ReplyButtons.Button(
                    BookingVariables.CONFIRM,
                    t.say("أكد الحجز", "تأكيد الحجز", "Akked el 7agz", "Confirm")),
                new ReplyButtons.Button(
                    BookingVariables.CHANGE_TIME,
                    t.say("غير الميعاد", "تغيير الموعد", "Ghayar el ma3ad", "Change time")),
                new ReplyButtons.Button(
                    BookingVariables.CHANGE_SERVICE,
                    t.say("غير الخدمة", "تغيير الخدمة", "Ghayar el khedma", "Change service"))));
        step(execution, "ask_confirm");
        return;
      }
      Booking booking = currentBooking(execution);
      String from = booking == null ? "" : t.when(booking.startsAt());
      send(
          execution,
          note,
          ReplyButtons.of(
              t.say(
                  "أنقل حجزك من " + from + " لـ " + t.when(slot) + "؟",
                  "هل أنقل حجزك من " + from + " إلى " + t.when(slot) + "؟",
                  "An2el 7agzak men " + from + " le " + t.when(slot) + "?",
                  "Move your booking from " + from + " to " + t.when(slot) + "?"),
              new ReplyButtons.Button(
                  BookingVariables.MOVE_YES,
                  t.say("أيوه، انقله", "نعم، انقله", "Aywa, en2elo", "Yes, move it")),
              new ReplyButtons.Button(
                  BookingVariables.CHANGE_TIME,
                  t.say("ميعاد تاني", "موعد آخر", "Ma3ad tany", "Another time")),
              new ReplyButtons.Button(
                  BookingVariables.KEEP,
                  t.say("خليه زي ما هو", "أبقه كما هو", "Khallih zay ma howa", "Keep it as is"))));
      step(execution, "ask_move");
    }

    private void askService(
        DelegateExecution execution, BookingTexts t, String note, BookingOptions options) {
      if (options.services().isEmpty()) {
        handoff(execution, t, note);
        return;
      }
      if (options.services().size() == 1) {
        execution.setVariable(BookingVariables.SERVICE, options.services().get(0).code());
        execute(execution);
        return;
      }
      // the list missed twice (answered with no service and no question): a person, never the same
      // list a third time
      if (execution.getVariable(BookingVariables.SERVICE_MISSES) instanceof Number n
          && n.intValue() >= 2) {
        execution.setVariable(BookingVariables.SERVICE_MISSES, 0);
        handoff(execution, t, note);
        return;
      }
      StringBuilder body =
          new StringBuilder(
              t.say(
                  "تمام، نحجزلك ميعاد صيانة. أنهي خدمة؟",
                  "حسناً، سأحجز لك موعد صيانة. ما الخدمة المطلوبة؟",
                  "Tamam, ne7gezlak ma3ad seyana. Anhy khedma?",
                  "Sure, let's book a repair appointment. Which service?"));
      List<ListMessage.Row> rows = new ArrayList<>();
      for (BookingOptions.Service s : options.services().stream().limit(10).toList()) {
        body.append("\n• ").append(t.service(s)).append(": ").append(t.price(s));
        rows.add(
            new ListMessage.Row(
                BookingVariables.SERVICE_PREFIX + s.code(),
                cut(rowTitle(t.service(s)), 24),
                cut(t.price(s), 72)));
      }
      send(
          execution,
          note,
          new ListMessage(
              body.toString(),
              t.say("الخدمات", "الخدمات", "El khadamat", "Services"),
              List.of(new ListMessage.Section(null, rows)),
              null,
              null));
      step(execution, "ask_service");
    }

    /**
     * A list row holds 24 characters: "Taghyeer shashet iPhone 15" is "Shashet iPhone 15" there.
     */
    private static String rowTitle(String service) {
      return service.length() > 24 && service.startsWith("Taghyeer ")
          ? Character.toUpperCase(service.charAt(9)) + service.substring(10)
          : service;
    }

    private void askBranch(
        DelegateExecution execution, BookingTexts t, String note, BookingOptions options) {
      if (options.branches().isEmpty()) {
        handoff(execution, t, note);
        return;
      }
      if (options.branches().size() == 1) {
        execution.setVariable(BookingVariables.BRANCH, options.branches().get(0).code());
        execute(execution);
        return;
      }
      String body =
          t.say(
              "تحب في أنهي فرع؟",
              "في أي فرع تفضّل؟",
              "T7eb f anhy far3?",
              "Which branch suits you?");
      if (options.branches().size() <= 3) {
        send(
            execution,
            note,
            new ReplyButtons(
                body,
                options.branches().stream()
                    .map(
                        b ->
                            new ReplyButtons.Button(
                                BookingVariables.BRANCH_PREFIX + b.code(), cut(t.branch(b), 20)))
                    .toList(),
                null,
                null));
      } else {
        send(
            execution,
            note,
            new ListMessage(
                body,
                t.say("الفروع", "الفروع", "El fro3", "Branches"),
                List.of(
                    new ListMessage.Section(
                        null,
                        options.branches().stream()
                            .limit(10)
                            .map(
                                b ->
                                    new ListMessage.Row(
                                        BookingVariables.BRANCH_PREFIX + b.code(),
                                        cut(t.branch(b), 24),
                                        null))
                            .toList())),
                null,
                null));
      }
      step(execution, "ask_branch");
    }

    /**
     * Free slots of the chosen day (or from now on, for a move without a day); the named time at
     * once if free.
     */
    private void offerSlots(DelegateExecution execution, BookingTexts t, String note) {
      String service = string(execution, BookingVariables.SERVICE);
      String branch = string(execution, BookingVariables.BRANCH);
      String dayText = string(execution, BookingVariables.DAY);
      String timeText = string(execution, BookingVariables.TIME);
      boolean newBooking = "new".equals(execution.getVariable(BookingVariables.MODE));
      Instant now = clock.instant();
      if (dayText == null && newBooking) {
        askDay(execution, t, note);
        return;
      }
      LocalDate day = dayText == null ? null : LocalDate.parse(dayText);
      LocalTime time = timeText == null ? null : LocalTime.parse(timeText);
      Instant wanted =
          day == null || time == null ? null : day.atTime(time).atZone(CAIRO).toInstant();
      Instant from = day == null ? now : max(now, day.atStartOfDay(CAIRO).toInstant());
      if (wanted != null) {
        from = max(from, wanted.minus(Duration.ofHours(1)));
      }
      List<Instant> slots =
          bookings.freeSlots(service, branch, from, 10).stream()
              .filter(s -> day == null || s.atZone(CAIRO).toLocalDate().equals(day))
              .toList();
      if (wanted != null && slots.contains(wanted)) {
        execution.setVariable(BookingVariables.SLOT, wanted.getEpochSecond());
        execute(execution);
        return;
      }
      if (slots.isEmpty() && wanted != null) {
        // nothing after the named time that day: the day's free slots from its start
        Instant dayStart = max(now, day.atStartOfDay(CAIRO).toInstant());
        slots =
            bookings.freeSlots(service, branch, dayStart, 10).stream()
                .filter(s -> s.atZone(CAIRO).toLocalDate().equals(day))
                .toList();
      }
      if (slots.isEmpty()) {
        String none =
            day == null
                ? t.say(
                    "مفيش مواعيد فاضية الأسبوعين الجايين للأسف.",
                    "لا توجد مواعيد متاحة خلال الأسبوعين القادمين للأسف.",
                    "Mafish mawa3id fadya el osbo3en el gayin, ma3lesh.",
                    "No free slots in the next two weeks, sorry.")
                : t.say(
                    "مفيش مواعيد فاضية يوم " + t.day(day) + ".",
                    "لا توجد مواعيد متاحة يوم " + t.day(day) + ".",
                    "Mafish mawa3id fadya yom " + t.day(day) + ".",
                    "No free slots on " + t.day(day) + ".");
        if (day == null) {
          handoff(execution, t, join(note, none));
          return;
        }
        execution.setVariable(BookingVariables.DAY, null);
        askDay(execution, t, join(note, none));
        return;
      }
      String taken =
          wanted == null
              ? null
              : t.say(
                  "الساعة " + t.time(wanted) + " مش متاحة.",
                  "الساعة " + t.time(wanted) + " غير متاحة.",
                  "El sa3a " + t.time(wanted) + " mesh fadya.",
                  t.time(wanted) + " is not free.");
      List<ListMessage.Row> rows =
          slots.stream()
              .map(
                  s ->
                      new ListMessage.Row(
                          SalesVariables.SLOT_PREFIX + s.getEpochSecond(),
                          cut(day == null ? t.row(s) : t.time(s), 24),
                          null))
              .toList();
      String body;
      if (newBooking) {
        body =
            t.say(
                "المواعيد الفاضية يوم " + t.day(day) + " (كل ميعاد نص ساعة). اختار اللي يناسبك:",
                "المواعيد المتاحة يوم " + t.day(day) + " (مدة كل موعد نصف ساعة). اختر ما يناسبك:",
                "El mawa3id el fadya yom "
                    + t.day(day)
                    + " (kol ma3ad nos sa3a). Ekhtar elly yenasbak:",
                "Free half-hour slots on " + t.day(day) + ". Pick one:");
      } else {
        Booking booking = currentBooking(execution);
        String current = booking == null ? "" : t.when(booking.startsAt());
        String serviceName =
            booking == null
                ? ""
                : t.arabicScript() ? booking.serviceNameAr() : booking.serviceNameEn();
        body =
            t.say(
                "حجزك (" + serviceName + ") يوم " + current + ". اختار ميعاد جديد:",
                "حجزك (" + serviceName + ") يوم " + current + ". اختر موعداً جديداً:",
                "7agzak (" + serviceName + ") yom " + current + ". Ekhtar ma3ad gedid:",
                "Your booking (" + serviceName + ") is on " + current + ". Pick a new time:");
      }
      send(
          execution,
          join(note, taken),
          new ListMessage(
              body,
              t.say("المواعيد", "المواعيد", "El mawa3id", "Free slots"),
              List.of(new ListMessage.Section(null, rows)),
              null,
              null));
      step(execution, "ask_slot");
    }

    private void askDay(DelegateExecution execution, BookingTexts t, String note) {
      Instant now = clock.instant();
      LocalDate today = now.atZone(CAIRO).toLocalDate();
      // today only while it still has a slot start ahead (the last one is 20:30)
      LocalDate first =
          now.atZone(CAIRO).toLocalTime().isBefore(LocalTime.of(20, 0)) ? today : today.plusDays(1);
      List<ListMessage.Row> rows = new ArrayList<>();
      for (int i = 0; i < DAYS_OFFERED; i++) {
        LocalDate d = first.plusDays(i);
        String title =
            d.equals(today)
                ? t.say("النهارده", "اليوم", "El naharda", "Today")
                : d.equals(today.plusDays(1)) ? t.say("بكرة", "غداً", "Bokra", "Tomorrow") : null;
        // "بكرة" / "Tomorrow" as the title (what the customer would say), its date below
        rows.add(
            new ListMessage.Row(
                BookingVariables.DAY_PREFIX + d,
                cut(title == null ? t.dayTitle(d) : title, 24),
                title == null ? null : t.day(d)));
      }
      send(
          execution,
          note,
          new ListMessage(
              t.say(
                  "تحب يوم إيه؟ اختار من القايمة أو اكتبلي اليوم (زي \"الخميس\" أو \"بكرة\").",
                  "أي يوم يناسبك؟ اختر من القائمة أو اكتب اليوم (مثل \"الخميس\" أو \"غداً\").",
                  "T7eb yom eh? Ekhtar men el list aw ekteb el yom (zay \"el khamis\" aw \"bokra\").",
                  "Which day suits you? Pick one or write it (like \"Thursday\" or \"tomorrow\")."),
              t.say("الأيام", "الأيام", "El ayam", "Days"),
              List.of(new ListMessage.Section(null, rows)),
              null,
              null));
      step(execution, "ask_day");
    }

    private void handoff(DelegateExecution execution, BookingTexts t, String note) {
      messages.send(
          execution,
          OutboundMessage.Text.of(
              join(
                  note,
                  t.say(
                      "هخلي حد من زمايلي يكلمك يظبطلك الميعاد.",
                      "سيتواصل معك أحد زملائي لترتيب الموعد.",
                      "Hakhally 7ad men zamayly yekalemak yezbotlak el ma3ad.",
                      "A colleague will get in touch to arrange the appointment."))));
      execution.setVariable("handoff", true);
      execution.setVariable("handoffReason", "booking needs a person");
      step(execution, "handoff");
    }

    private Booking currentBooking(DelegateExecution execution) {
      String id = string(execution, SalesVariables.BOOKING_ID);
      return id == null
          ? null
          : bookings.upcoming(SalesContext.customerId(execution)).stream()
              .filter(b -> b.id().equals(id))
              .findFirst()
              .orElse(null);
    }

    private void send(DelegateExecution execution, String note, OutboundMessage question) {
      if (note != null) {
        messages.send(execution, OutboundMessage.Text.of(note));
      }
      messages.send(execution, question);
    }

    private static void step(DelegateExecution execution, String step) {
      execution.setVariable(BookingVariables.STEP, step);
    }

    private static Instant max(Instant a, Instant b) {
      return a.isAfter(b) ? a : b;
    }

    private static String join(String a, String b) {
      return a == null ? b : b == null ? a : a + "\n" + b;
    }
  }

  /**
   * {@code ${readBookingAnswer}}: the customer's message at a wait of the flow. A tap on one of the
   * flow's buttons or rows (also from an older message: it sets what it was offered for), or words
   * that answer (a day, a time, a service, a branch, yes/no): bookingAnswer step. Anything else:
   * other, for the persona.
   */
  @Component("readBookingAnswer")
  static class ReadAnswer implements JavaDelegate {
    private final Bookings bookings;
    private final Clock clock;

    ReadAnswer(Bookings bookings, Clock clock) {
      this.bookings = bookings;
      this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
      boolean read = read(execution);
      execution.setVariable(BookingVariables.ANSWER, read ? "step" : "other");
      if (!read
          && "ask_service".equals(string(execution, BookingVariables.STEP))
          && "new".equals(string(execution, BookingVariables.MODE))
          && SalesContext.replyId(execution) == null
          && !BookingAnswers.question(SalesContext.turnText(execution))) {
        // words at the list of services that name none and ask nothing: a miss
        int misses =
            execution.getVariable(BookingVariables.SERVICE_MISSES) instanceof Number n
                ? n.intValue()
                : 0;
        execution.setVariable(BookingVariables.SERVICE_MISSES, misses + 1);
      }
    }

    private boolean read(DelegateExecution execution) {
      String replyId = SalesContext.replyId(execution);
      String step = string(execution, BookingVariables.STEP);
      String mode = string(execution, BookingVariables.MODE);
      if (replyId != null && tapped(execution, replyId, mode)) {
        return true;
      }
      String text = SalesContext.turnText(execution);
      if ("new".equals(mode) && OrderChanges.declinesABooking(text)) {
        return false; // "لا مش عايز صيانة": no service named, the booking is called off
      }
      Boolean yes = BookingAnswers.yesOrNo(text);
      if ("ask_cancel".equals(step)
          && (Boolean.TRUE.equals(yes) || BookingAnswers.cancelWord(text))) {
        execution.setVariable(BookingVariables.CONFIRMED, true);
        return true;
      }
      if (("ask_cancel".equals(step) || "ask_move".equals(step)) && Boolean.FALSE.equals(yes)) {
        keep(execution);
        return true;
      }
      if (answerPrice(execution, text)) {
        return true;
      }
      LocalDate today = clock.instant().atZone(CAIRO).toLocalDate();
      BookingOptions options = "new".equals(mode) ? bookings.options() : BookingOptions.NONE;
      if (!"ask_cancel".equals(step) && takeFromText(execution, text, options, today)) {
        if ("new".equals(mode)
            && (string(execution, BookingVariables.SERVICE) == null
                || string(execution, BookingVariables.BRANCH) == null
                || string(execution, BookingVariables.DAY) == null)) {
          noteDayAndTime(execution, text, today);
        }
        return true;
      }
      if (("ask_confirm".equals(step) || "ask_move".equals(step)) && Boolean.TRUE.equals(yes)) {
        execution.setVariable(BookingVariables.CONFIRMED, true);
        return true;
      }
      if ("ask_confirm".equals(step) && Boolean.FALSE.equals(yes)) {
        clearTime(execution);
        return true;
      }
      return false;
    }

    /**
     * A price asked of a service of the booking's list ("howa el kashf b kam?", "الكشف بكام؟", "how
     * much is the battery replacement?"): answered from the list (bookingNote), and the flow asks
     * its question again; nothing is taken from the question.
     */
    private boolean answerPrice(DelegateExecution execution, String text) {
      // "بكرة الساعة ٥؟ بكام الكشف؟": a day or time named is an answer, read as one
      if (BookingAnswers.day(text, clock.instant().atZone(CAIRO).toLocalDate()) != null
          || BookingAnswers.time(text) != null) {
        return false;
      }
      List<BookingOptions.Service> asked =
          BookingAnswers.pricesAsked(text, bookings.options().services());
      if (asked.isEmpty()) {
        return false;
      }
      BookingTexts t = BookingTexts.of(execution);
      List<String> lines = new ArrayList<>();
      for (BookingOptions.Service s : asked) {
        String name = t.service(s);
        boolean free = s.priceEgp() == null || s.priceEgp().signum() == 0;
        lines.add(
            free
                ? t.say(
                    name + ": ببلاش، مش هتدفع حاجة.",
                    name + ": مجاني، دون أي تكلفة.",
                    name + ": bbalash, mesh hatedfa3 7aga.",
                    name + ": free of charge.")
                : t.say(
                    "سعر " + name + ": " + t.price(s) + ".",
                    "سعر " + name + ": " + t.price(s) + ".",
                    name + " se3ro " + t.price(s) + ".",
                    name + " costs " + t.price(s) + "."));
      }
      execution.setVariable(BookingVariables.NOTE, String.join("\n", lines));
      return true;
    }

    /**
     * A day or time named while the service, branch or day is still to choose ("بكرة الساعة ٥
     * العصر" at the branch question, "الساعة ١١ الصبح" at the day question): said back
     * (bookingNote) before the next question, so the customer sees it kept for the slots.
     */
    private static void noteDayAndTime(DelegateExecution execution, String text, LocalDate today) {
      LocalDate day = BookingAnswers.day(text, today);
      LocalTime time = BookingAnswers.time(text);
      if (day == null && time == null) {
        return;
      }
      String dayText = string(execution, BookingVariables.DAY);
      if (day == null && dayText != null) {
        day = LocalDate.parse(dayText);
      }
      BookingTexts t = BookingTexts.of(execution);
      String when = t.dayAndTime(day, time);
      String before = string(execution, BookingVariables.NOTE);
      execution.setVariable(
          BookingVariables.NOTE,
          (before == null ? "" : before + "\n")
              + t.say(
                  "تمام، هدورلك على ميعاد " + when + ".",
                  "حسناً، سأبحث لك عن موعد " + when + ".",
                  "Tamam, hadawarlak 3ala ma3ad " + when + ".",
                  "Got it, I'll look for a slot: " + when + "."));
    }

    private boolean tapped(DelegateExecution execution, String id, String mode) {
      boolean newBooking = "new".equals(mode);
      if (newBooking && id.startsWith(BookingVariables.SERVICE_PREFIX)) {
        execution.setVariable(
            BookingVariables.SERVICE, id.substring(BookingVariables.SERVICE_PREFIX.length()));
        return true;
      }
      String branch =
          id.startsWith(BookingVariables.BRANCH_PREFIX)
              ? id.substring(BookingVariables.BRANCH_PREFIX.length())
              : "branch_cairo".equals(id) ? "CAI" : "branch_alex".equals(id) ? "ALX" : null;
      if (newBooking && branch != null) {
        execution.setVariable(BookingVariables.BRANCH, branch);
        execution.setVariable(BookingVariables.SLOT, null);
        execution.setVariable(BookingVariables.CONFIRMED, false);
        return true;
      }
      if (id.startsWith(BookingVariables.DAY_PREFIX)) {
        try {
          execution.setVariable(
              BookingVariables.DAY,
              LocalDate.parse(id.substring(BookingVariables.DAY_PREFIX.length())).toString());
        } catch (java.time.format.DateTimeParseException e) {
          return false;
        }
        execution.setVariable(BookingVariables.SLOT, null);
        execution.setVariable(BookingVariables.CONFIRMED, false);
        return true;
      }
      if (id.startsWith(SalesVariables.SLOT_PREFIX)) {
        long epoch;
        try {
          epoch = Long.parseLong(id.substring(SalesVariables.SLOT_PREFIX.length()));
        } catch (NumberFormatException e) {
          return false;
        }
        execution.setVariable(BookingVariables.SLOT, epoch);
        execution.setVariable(
            BookingVariables.DAY,
            Instant.ofEpochSecond(epoch).atZone(CAIRO).toLocalDate().toString());
        execution.setVariable(BookingVariables.CONFIRMED, false);
        return true;
      }
      switch (id) {
        case BookingVariables.CONFIRM, BookingVariables.MOVE_YES -> {
          // a confirmation counts only for what is on the table now; otherwise the flow asks again
          execution.setVariable(
              BookingVariables.CONFIRMED, slot(execution) != null && !"cancel".equals(mode));
          return true;
        }
        case BookingVariables.CANCEL_YES -> {
          execution.setVariable(BookingVariables.CONFIRMED, "cancel".equals(mode));
          return true;
        }
        case BookingVariables.CHANGE_TIME -> {
          clearTime(execution);
          return true;
        }
        case BookingVariables.CHANGE_SERVICE -> {
          // the list of services again; the day and time named stay
          if (newBooking) {
            execution.setVariable(BookingVariables.SERVICE, null);
            execution.setVariable(BookingVariables.ASKED, null);
            execution.setVariable(BookingVariables.CONFIRMED, false);
          }
          return true;
        }
        case BookingVariables.KEEP -> {
          if (!"new".equals(mode)) {
            keep(execution);
          }
          return true;
        }
        default -> {
          return false;
        }
      }
    }

    private static void clearTime(DelegateExecution execution) {
      if ("new".equals(execution.getVariable(BookingVariables.MODE))) {
        execution.setVariable(BookingVariables.DAY, null);
      }
      execution.setVariable(BookingVariables.TIME, null);
      execution.setVariable(BookingVariables.SLOT, null);
      execution.setVariable(BookingVariables.CONFIRMED, false);
    }

    private static void keep(DelegateExecution execution) {
      execution.setVariable(BookingVariables.STEP, "kept");
    }
  }

  /**
   * Sales topics that other flows serve: the booking flow ends and the conversation serves them.
   */
  static final Set<String> OTHER_SALES_TOPICS =
      Set.of("product_inquiry", "availability", "order", "order_status", "payment");

  /**
   * {@code ${bookingOtherTopic}}: after the persona read (and, for a question, answered) a message
   * that was no answer to the flow. A question: resume (the flow asks its question again). A
   * booking request: the flow goes on in that mode. Another sales topic: the flow ends
   * (salesOutcome topic_changed, the customer told that nothing was booked) and the conversation
   * serves the topic. A person: handoff.
   */
  @Component("bookingOtherTopic")
  static class OtherTopic implements JavaDelegate {
    private final FlowMessages messages;
    private final Bookings bookings;
    private final TrackOrderDelegate tracking;
    private final app.wasla.commerce.catalogue.Catalogue catalogue;

    OtherTopic(
        FlowMessages messages,
        Bookings bookings,
        TrackOrderDelegate tracking,
        app.wasla.commerce.catalogue.Catalogue catalogue) {
      this.messages = messages;
      this.bookings = bookings;
      this.tracking = tracking;
      this.catalogue = catalogue;
    }

    /**
     * A side question answered here or by the persona, so the booking goes on: where an order is
     * (looked up), a product's price (the persona's answer, else the catalogue's price), how to pay
     * (the persona's answer). False for what is not a question (an order of a product) or a product
     * question nothing here can answer.
     */
    private boolean answeredAside(DelegateExecution execution, String intent) {
      boolean personaAnswered = Boolean.TRUE.equals(execution.getVariable("personaAnswered"));
      switch (intent) {
        case "order_status" -> {
          TrackOrderDelegate.Tracked tracked = tracking.track(execution);
          messages.send(
              execution,
              TrackOrderDelegate.message(execution, tracked.text(), tracked.offerPerson()));
          return true;
        }
        case "payment" -> {
          return personaAnswered;
        }
        case "product_inquiry", "availability" -> {
          if (personaAnswered) {
            return true;
          }
          List<app.wasla.commerce.catalogue.Product> named = new ArrayList<>();
          if (execution.getVariable(app.wasla.persona.PersonaVariables.PRODUCT_READ)
              instanceof String read) {
            named.addAll(catalogue.search(read));
          }
          named.addAll(catalogue.search(SalesContext.turnText(execution)));
          var product = named.stream().filter(p -> p.priceEgp() != null).findFirst();
          if (product.isEmpty()) {
            return false;
          }
          String name = SalesContext.productName(execution, product.get());
          String price = SalesContext.money(execution, product.get().priceEgp());
          messages.send(
              execution,
              OutboundMessage.Text.of(
                  BookingTexts.of(execution)
                      .say(
                          "سعر " + name + ": " + price + ".",
                          "سعر " + name + ": " + price + ".",
                          name + " se3ro " + price + ".",
                          name + " costs " + price + ".")));
          return true;
        }
        default -> {
          return false;
        }
      }
    }

    /**
     * The customer has an upcoming booking and the turn names it as theirs ("my appointment",
     * "ميعادي", "7agzy", BK-5001; not "ألغِ الحجز", the one under way): the flow turns to
     * cancelling it (mode cancel, "are you sure?" next).
     */
    private boolean cancelsOwnBooking(DelegateExecution execution) {
      String text = SalesContext.turnText(execution);
      if (text == null || !FindBooking.OWN_BOOKING.matcher(text).find()) {
        return false;
      }
      List<Booking> upcoming = bookings.upcoming(SalesContext.customerId(execution));
      if (upcoming.isEmpty()) {
        return false;
      }
      String named = FindBooking.bookingNumber(text);
      Booking b =
          upcoming.stream()
              .filter(u -> u.id().equalsIgnoreCase(named))
              .findFirst()
              .orElse(upcoming.get(0));
      execution.setVariable(SalesVariables.BOOKING_FOUND, true);
      execution.setVariable(SalesVariables.BOOKING_ID, b.id());
      execution.setVariable(SalesVariables.BOOKING_STARTS_AT, b.startsAt().toString());
      execution.setVariable(BookingVariables.MODE, "cancel");
      execution.setVariable(BookingVariables.SERVICE, b.serviceCode());
      execution.setVariable(BookingVariables.BRANCH, b.branchCode());
      execution.setVariable(BookingVariables.DAY, null);
      execution.setVariable(BookingVariables.TIME, null);
      execution.setVariable(BookingVariables.SLOT, null);
      execution.setVariable(BookingVariables.CONFIRMED, false);
      return true;
    }

    private static String stopped(BookingTexts t) {
      return t.say(
          "تمام، وقفت الحجز ومحجزتش حاجة.",
          "حسناً، أوقفت الحجز ولم أحجز شيئاً.",
          "Tamam, wa2aft el 7agz w ma7agaztesh 7aga.",
          "OK, I've stopped there: nothing was booked.");
    }

    @Override
    public void execute(DelegateExecution execution) {
      BookingTexts t = BookingTexts.of(execution);
      String intent = string(execution, "intent");
      String mode = string(execution, BookingVariables.MODE);
      if (Boolean.TRUE.equals(execution.getVariable("handoff"))) {
        execution.setVariable(SalesVariables.SALES_OUTCOME, "handoff");
        execution.setVariable(BookingVariables.ANSWER, "handoff");
        return;
      }
      boolean declined =
          "new".equals(mode) && OrderChanges.declinesABooking(SalesContext.turnText(execution));
      boolean orderChange =
          OrderChanges.TOPIC.equals(
              execution.getVariable(app.wasla.persona.PersonaVariables.TOPIC));
      if (declined && intent != null && OTHER_SALES_TOPICS.contains(intent)) {
        // "لا مش عايز صيانة. الاوردر بتاعي فين؟": the booking ends at once, the conversation
        // serves the rest
        execution.setVariable(SalesVariables.SALES_OUTCOME, BookingVariables.TOPIC_CHANGED);
        execution.setVariable(BookingVariables.ANSWER, BookingVariables.TOPIC_CHANGED);
        messages.send(execution, OutboundMessage.Text.of(stopped(t)));
        return;
      }
      if ("booking_cancel".equals(intent)
          && "new".equals(mode)
          && !declined
          && cancelsOwnBooking(execution)) {
        // "cancel my appointment please" while a new booking is under way, from a customer who has
        // one: that booking is the one to cancel ("are you sure?"), never "nothing was booked"
        execution.setVariable(BookingVariables.ANSWER, "resume");
        return;
      }
      if ("booking_cancel".equals(intent) && "new".equals(mode) || declined) {
        execution.setVariable(SalesVariables.SALES_OUTCOME, "booking_abandoned");
        execution.setVariable(BookingVariables.ANSWER, "stopped");
        messages.send(execution, OutboundMessage.Text.of(stopped(t)));
        return;
      }
      if ("booking_cancel".equals(intent) && "change".equals(mode)) {
        execution.setVariable(BookingVariables.MODE, "cancel");
        execution.setVariable(BookingVariables.CONFIRMED, false);
      }
      if (intent != null
          && OTHER_SALES_TOPICS.contains(intent)
          && !orderChange // a change to an order is a person's: the booking lets go
          && answeredAside(execution, intent)) {
        // "btw how much is the iPhone 15?", "where is ORD-12002?" mid-booking: answered, and the
        // booking goes on with its question, as after any other question
        execution.setVariable(BookingVariables.ANSWER, "resume");
        return;
      }
      if (intent != null && OTHER_SALES_TOPICS.contains(intent)) {
        execution.setVariable(SalesVariables.SALES_OUTCOME, BookingVariables.TOPIC_CHANGED);
        execution.setVariable(BookingVariables.ANSWER, BookingVariables.TOPIC_CHANGED);
        messages.send(
            execution,
            OutboundMessage.Text.of(
                "new".equals(mode)
                    ? t.say(
                        "(الحجز لسه متأكدش. لما تحب نكمله ابعتلي \"احجز ميعاد\".)",
                        "(لم يُؤكَّد الحجز بعد. عندما تريد إكماله أرسل \"احجز موعداً\".)",
                        "(El 7agz lessa mat2akkedsh. Lama t7eb nkamelo ab3atly \"a7gez ma3ad\".)",
                        "(Your appointment isn't booked yet. Write \"book an appointment\" when you want to finish it.)")
                    : t.say(
                        "(حجزك زي ما هو من غير تغيير.)",
                        "(حجزك كما هو دون تغيير.)",
                        "(7agzak zay ma howa.)",
                        "(Your booking stays as it was.)")));
        return;
      }
      execution.setVariable(BookingVariables.ANSWER, "resume");
    }
  }

  /**
   * {@code ${bookAppointment}}: books the chosen slot, confirms and schedules the reminder; a taken
   * slot is re-offered.
   */
  @Component("bookAppointment")
  static class Book implements JavaDelegate {
    private final Bookings bookings;
    private final FlowMessages messages;
    private final SalesEvents sales;
    private final BookingReminders reminders;

    Book(Bookings bookings, FlowMessages messages, SalesEvents sales, BookingReminders reminders) {
      this.bookings = bookings;
      this.messages = messages;
      this.sales = sales;
      this.reminders = reminders;
    }

    @Override
    public void execute(DelegateExecution execution) {
      BookingTexts t = BookingTexts.of(execution);
      Instant slot = slot(execution);
      try {
        Booking booked =
            bookings.book(
                SalesContext.customerId(execution),
                string(execution, BookingVariables.SERVICE),
                string(execution, BookingVariables.BRANCH),
                slot);
        execution.setVariable(SalesVariables.BOOKING_ID, booked.id());
        execution.setVariable(SalesVariables.BOOKING_STARTS_AT, booked.startsAt().toString());
        execution.setVariable(SalesVariables.SALES_OUTCOME, "booked");
        sales.bookingChanged(execution, booked.id(), "booked", booked.startsAt().toString());
        boolean reminder = reminders.schedule(execution, booked);
        BookingOptions.Branch branch = bookings.options().branch(booked.branchCode());
        String where = branch == null ? booked.branchCode() : t.branch(branch);
        String service = t.arabicScript() ? booked.serviceNameAr() : booked.serviceNameEn();
        String remind =
            !reminder
                ? ""
                : t.say(
                    " هفكرك قبلها بيوم.",
                    " سأذكّرك قبل الموعد بيوم.",
                    " Hafakkarak 2ablaha b yom.",
                    " I'll remind you the day before.");
        messages.send(
            execution,
            OutboundMessage.Text.of(
                t.say(
                    "تم الحجز ✅ رقم الحجز "
                        + booked.id()
                        + ": "
                        + service
                        + "، فرع "
                        + where
                        + "، "
                        + t.when(slot)
                        + "."
                        + remind,
                    "تم الحجز ✅ رقم الحجز "
                        + booked.id()
                        + ": "
                        + service
                        + "، فرع "
                        + where
                        + "، "
                        + t.when(slot)
                        + "."
                        + remind,
                    "Tamam, et7agaz ✅ rakam el 7agz "
                        + booked.id()
                        + ": "
                        + service
                        + ", far3 "
                        + where
                        + ", "
                        + t.when(slot)
                        + "."
                        + remind,
                    "Booked ✅ Booking "
                        + booked.id()
                        + ": "
                        + service
                        + ", "
                        + where
                        + " branch, "
                        + t.when(slot)
                        + "."
                        + remind)));
      } catch (SlotTakenException e) {
        execution.setVariable(SalesVariables.SALES_OUTCOME, "slot_taken");
        execution.setVariable(BookingVariables.SLOT, null);
        execution.setVariable(BookingVariables.TIME, null);
        execution.setVariable(BookingVariables.CONFIRMED, false);
        execution.setVariable(
            BookingVariables.NOTE,
            t.say(
                "الميعاد ده لسه اتحجز حالا للأسف.",
                "حُجز هذا الموعد للتو للأسف.",
                "El ma3ad da lessa et7agaz 7alan, ma3lesh.",
                "That slot was just taken, sorry."));
      }
    }
  }

  /**
   * {@code ${rescheduleBooking}}: moves the booking to the chosen slot and confirms; a taken slot
   * is re-offered.
   */
  @Component("rescheduleBooking")
  static class RescheduleBooking implements JavaDelegate {
    private final Bookings bookings;
    private final FlowMessages messages;
    private final SalesEvents sales;
    private final BookingReminders reminders;

    RescheduleBooking(
        Bookings bookings, FlowMessages messages, SalesEvents sales, BookingReminders reminders) {
      this.bookings = bookings;
      this.messages = messages;
      this.sales = sales;
      this.reminders = reminders;
    }

    @Override
    public void execute(DelegateExecution execution) {
      BookingTexts t = BookingTexts.of(execution);
      Instant slot = slot(execution);
      try {
        Booking moved = bookings.reschedule(string(execution, SalesVariables.BOOKING_ID), slot);
        execution.setVariable(SalesVariables.BOOKING_STARTS_AT, moved.startsAt().toString());
        execution.setVariable(SalesVariables.SALES_OUTCOME, "rescheduled");
        sales.bookingChanged(execution, moved.id(), "rescheduled", moved.startsAt().toString());
        reminders.schedule(execution, moved);
        messages.send(
            execution,
            OutboundMessage.Text.of(
                t.say(
                    "تمام، حجزك اتنقل ليوم " + t.when(slot) + ". مستنيينك!",
                    "تم نقل حجزك إلى يوم " + t.when(slot) + ". بانتظارك!",
                    "Tamam, 7agzak et2al le yom " + t.when(slot) + ". Mestanyeenak!",
                    "Done, your booking is moved to " + t.when(slot) + ". See you then!")));
      } catch (SlotTakenException e) {
        execution.setVariable(SalesVariables.SALES_OUTCOME, "slot_taken");
        execution.setVariable(BookingVariables.SLOT, null);
        execution.setVariable(BookingVariables.CONFIRMED, false);
        execution.setVariable(
            BookingVariables.NOTE,
            t.say(
                "الميعاد ده لسه اتحجز حالا للأسف.",
                "حُجز هذا الموعد للتو للأسف.",
                "El ma3ad da lessa et7agaz 7alan, ma3lesh.",
                "That slot was just taken, sorry."));
      }
    }
  }

  /**
   * {@code ${cancelBooking}}: cancels the customer's next booking (once they said they are sure)
   * and confirms.
   */
  @Component("cancelBooking")
  static class CancelBooking implements JavaDelegate {
    private final Bookings bookings;
    private final FlowMessages messages;
    private final SalesEvents sales;

    CancelBooking(Bookings bookings, FlowMessages messages, SalesEvents sales) {
      this.bookings = bookings;
      this.messages = messages;
      this.sales = sales;
    }

    @Override
    public void execute(DelegateExecution execution) {
      BookingTexts t = BookingTexts.of(execution);
      String bookingId = string(execution, SalesVariables.BOOKING_ID);
      bookings.cancel(bookingId);
      sales.bookingChanged(execution, bookingId, "cancelled", null);
      execution.setVariable(SalesVariables.SALES_OUTCOME, "booking_cancelled");
      messages.send(
          execution,
          OutboundMessage.Text.of(
              t.say(
                  "حجزك اتلغى. لو حبيت تحجز تاني في أي وقت ابعتلي.",
                  "تم إلغاء حجزك. إذا أردت الحجز مرة أخرى في أي وقت راسلني.",
                  "7agzak etlagha. Law 7abbet te7gez tany ab3atly f ay wa2t.",
                  "Your booking is cancelled. Message me whenever you want a new one.")));
    }
  }

  /**
   * {@code ${keepBooking}}: the customer said no to "are you sure?" / "move it?": nothing changes.
   */
  @Component("keepBooking")
  static class KeepBooking implements JavaDelegate {
    private final FlowMessages messages;

    KeepBooking(FlowMessages messages) {
      this.messages = messages;
    }

    @Override
    public void execute(DelegateExecution execution) {
      BookingTexts t = BookingTexts.of(execution);
      execution.setVariable(SalesVariables.SALES_OUTCOME, "booking_kept");
      messages.send(
          execution,
          OutboundMessage.Text.of(
              t.say(
                  "تمام، حجزك زي ما هو من غير تغيير.",
                  "حسناً، حجزك باقٍ كما هو دون تغيير.",
                  "Tamam, 7agzak zay ma howa men gher taghyeer.",
                  "OK, your booking stays as it is.")));
    }
  }
}
