package app.wasla.handoff;

/**
 * What the customer reads while a handoff waits for its person, in Egyptian Arabic, MSA, Arabizi
 * and English (the persona's reading of the customer's language). Minutes are rounded up, never
 * less than one.
 */
final class HandoffWaitTexts {

  private HandoffWaitTexts() {}

  /** An agent has the conversation: who, and within how long. */
  static String assigned(String language, String agent, long minutes) {
    return switch (form(language)) {
      case "en" ->
          agent
              + " from our team will reply within about "
              + minutes
              + " "
              + minutesEn(minutes)
              + " ⏱️";
      case "arabizi" ->
          "El rad hayewsalak mn " + agent + " mn el team khelal 7awaly " + minutes + " d2ee2a ⏱️";
      case "ar" -> "سيصلك الرد من " + agent + " من فريقنا خلال " + minutes + " دقيقة تقريباً ⏱️";
      default -> "الرد هيوصلك من " + agent + " من فريقنا خلال حوالي " + minutes + " دقيقة ⏱️";
    };
  }

  /** Nobody of the team has room: the customer's place in the team's queue and the rough wait. */
  static String queued(String language, int position, long minutes) {
    return switch (form(language)) {
      case "en" ->
          "All our colleagues are busy right now and you're number "
              + position
              + " in line; someone will"
              + " reply within about "
              + minutes
              + " "
              + minutesEn(minutes)
              + " ⏱️";
      case "arabizi" ->
          "Kol zamaylna mashghoulin delwa2ty w enta rakam "
              + position
              + " f el dor; el rad"
              + " hayewsalak khelal 7awaly "
              + minutes
              + " d2ee2a ⏱️";
      case "ar" ->
          "جميع زملائنا مشغولون الآن وترتيبك "
              + position
              + " في قائمة الانتظار؛ سيصلك الرد خلال "
              + minutes
              + " دقيقة تقريباً ⏱️";
      default ->
          "كل زملائنا مشغولين دلوقتي وانت رقم "
              + position
              + " في الدور؛ الرد هيوصلك خلال حوالي "
              + minutes
              + " دقيقة ⏱️";
    };
  }

  /**
   * A message while the customer waits: passed on, and the time left. {@code agent} null: the team.
   */
  static String acknowledged(String language, String agent, long minutes) {
    String who =
        agent != null
            ? agent
            : switch (form(language)) {
              case "en" -> "our team";
              case "arabizi" -> "el team";
              default -> "فريقنا";
            };
    return switch (form(language)) {
      case "en" ->
          "Got it ✅ I've passed this on to "
              + who
              + "; expect a reply within about "
              + minutes
              + " "
              + minutesEn(minutes)
              + ".";
      case "arabizi" ->
          "Resaltak wesselet ✅ w ballaghtaha l "
              + who
              + "; el rad khelal 7awaly "
              + minutes
              + " d2ee2a.";
      case "ar" ->
          "وصلت رسالتك ✅ وأبلغتُ بها " + who + "؛ سيصلك الرد خلال " + minutes + " دقيقة تقريباً.";
      default ->
          "وصلت رسالتك ✅ وبلّغتها لـ" + who + "؛ الرد هيوصلك خلال حوالي " + minutes + " دقيقة.";
    };
  }

  /** A message after the first-response deadline passed (the holding message went out already). */
  static String acknowledgedLate(String language) {
    return switch (form(language)) {
      case "en" -> "Got it ✅ A colleague will be with you as soon as possible 🙏";
      case "arabizi" -> "Resaltak wesselet ✅ zamilna hayerod 3aleek f a2rab wa2t 🙏";
      case "ar" -> "وصلت رسالتك ✅ سيرد عليك أحد زملائنا في أقرب وقت 🙏";
      default -> "وصلت رسالتك ✅ زميلنا هيرد عليك في أقرب وقت 🙏";
    };
  }

  private static String minutesEn(long minutes) {
    return minutes == 1 ? "minute" : "minutes";
  }

  /** ar-EG, ar, arabizi or en; mixed and unknown read as Egyptian, like the persona's replies. */
  static String form(String language) {
    if (language == null) {
      return "ar-EG";
    }
    return switch (language) {
      case "en", "arabizi", "ar" -> language;
      default -> "ar-EG";
    };
  }
}
