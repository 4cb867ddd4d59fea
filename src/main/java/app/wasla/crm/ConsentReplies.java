package app.wasla.crm;

/**
 * The confirmation of a STOP or START: in Egyptian Arabic to a keyword written in Arabic, in
 * Arabizi and English to a customer who writes Arabizi (an Arabizi phrase such as "tamam eshtrak",
 * or a Latin keyword of a customer whose preferred language is arabizi), else in English. Each says
 * how to undo it. An opt-in of a customer who had opted out is welcomed back; a first one is not
 * told "again".
 */
final class ConsentReplies {

  private ConsentReplies() {}

  /**
   * @param optedOutBefore whether the customer had opted out before this keyword (an opt-in is then
   *     a return)
   */
  static String confirmation(
      ConsentKeywords.Verdict verdict,
      String keyword,
      String preferredLanguage,
      boolean optedOutBefore) {
    boolean optOut = verdict == ConsentKeywords.Verdict.OPT_OUT;
    if (keyword
        .chars()
        .anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.ARABIC)) {
      return optOut
          ? "تمام، مش هنبعتلك رسايل عروض أو تسويق تاني. لو غيرت رأيك ابعت «اشتراك». وتقدر تكلمنا هنا في أي وقت."
          : optedOutBefore
              ? "تمام، رجعنا نبعتلك العروض. لو حبيت توقفها ابعت «إلغاء الاشتراك»."
              : "تمام، هنبعتلك عروضنا من دلوقتي. لو حبيت توقفها ابعت «إلغاء الاشتراك».";
    }
    if ("arabizi".equalsIgnoreCase(preferredLanguage)) {
      return optOut
          ? "Tamam, mesh hanb3atlak resayel 3orood aw marketing tany. Law 8ayart ra2yak ebaat START.\n"
              + "Done: no more marketing messages. Send START if you change your mind."
          : optedOutBefore
              ? "Tamam, raga3na nb3atlak el 3orood. Law 7abeet twa2afha ebaat STOP.\n"
                  + "You're subscribed again. Send STOP to unsubscribe."
              : "Tamam, hanb3atlak 3oroodna men delwa2ty. Law 7abeet twa2afha ebaat STOP.\n"
                  + "You're subscribed to our offers. Send STOP to unsubscribe.";
    }
    return optOut
        ? "Done: you won't get marketing messages from us any more. Send START if you change your mind;"
            + " you can still message us here any time."
        : optedOutBefore
            ? "You're subscribed again and will get our offers. Send STOP to unsubscribe."
            : "You're subscribed and will get our offers. Send STOP to unsubscribe.";
  }
}
