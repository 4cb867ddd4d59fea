package app.wasla.crm;

/**
 * The confirmation of a STOP or START: in Egyptian Arabic to a keyword written in Arabic, in
 * Arabizi and English to a customer who writes Arabizi (a Latin keyword, preferred language
 * arabizi), else in English. Each says how to undo it.
 */
final class ConsentReplies {

  private ConsentReplies() {}

  /** The language a keyword is written in, as far as its script tells: ar or en. */
  static String language(String keyword) {
    return keyword
            .chars()
            .anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.ARABIC)
        ? "ar"
        : "en";
  }

  static String confirmation(
      ConsentKeywords.Verdict verdict, String keyword, String preferredLanguage) {
    boolean optOut = verdict == ConsentKeywords.Verdict.OPT_OUT;
    if (keyword
        .chars()
        .anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.ARABIC)) {
      return optOut
          ? "تمام، مش هنبعتلك رسايل عروض أو تسويق تاني. لو غيرت رأيك ابعت «اشتراك». وتقدر تكلمنا هنا في أي وقت."
          : "تمام، رجعنا نبعتلك العروض. لو حبيت توقفها ابعت «إلغاء الاشتراك».";
    }
    if ("arabizi".equalsIgnoreCase(preferredLanguage)) {
      return optOut
          ? "Tamam, mesh hanb3atlak resayel 3orood aw marketing tany. Law 8ayart ra2yak ebaat START.\n"
              + "Done: no more marketing messages. Send START if you change your mind."
          : "Tamam, raga3na nb3atlak el 3orood. Law 3ayez twa2afha ebaat STOP.\n"
              + "You're subscribed again. Send STOP to unsubscribe.";
    }
    return optOut
        ? "Done: you won't get marketing messages from us any more. Send START if you change your mind;"
            + " you can still message us here any time."
        : "You're subscribed again and will get our offers. Send STOP to unsubscribe.";
  }
}
