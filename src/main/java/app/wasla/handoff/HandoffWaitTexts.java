package app.wasla.handoff;

import java.time.LocalTime;

/**
 * What the customer reads while a handoff waits for its person, in Egyptian Arabic, MSA, Arabizi
 * and English (the persona's reading of the customer's language). Minutes are rounded up, never
 * less than one, and counted as each form counts them ("دقيقتين", "5 دقايق", "15 دقيقة"). Outside
 * the agents' hours no text promises minutes: it names the hours and the opening time.
 */
final class HandoffWaitTexts {

  private HandoffWaitTexts() {}

  /** An agent has the conversation: who, and within how long. */
  static String assigned(String language, String agent, long minutes) {
    if (agent == null) {
      return assignedToTheTeam(language, minutes);
    }
    return switch (form(language)) {
      case "en" -> agent + " from our team will reply within about " + minutesEn(minutes) + " ⏱️";
      case "arabizi" ->
          "El rad hayewsalak mn "
              + agent
              + " mn el team khelal 7awaly "
              + minutesArabizi(minutes)
              + " ⏱️";
      case "ar" ->
          "سيصلك الرد من " + agent + " من فريقنا خلال " + minutesMsa(minutes) + " تقريباً ⏱️";
      default ->
          "الرد هيوصلك من " + agent + " من فريقنا خلال حوالي " + minutesEgyptian(minutes) + " ⏱️";
    };
  }

  /** An agent without a name in the customer's script has the conversation: the team, and when. */
  private static String assignedToTheTeam(String language, long minutes) {
    return switch (form(language)) {
      case "en" ->
          "A colleague from our team will reply within about " + minutesEn(minutes) + " ⏱️";
      case "arabizi" ->
          "El rad hayewsalak mn zameel mn el team khelal 7awaly " + minutesArabizi(minutes) + " ⏱️";
      case "ar" -> "سيصلك الرد من أحد زملائنا خلال " + minutesMsa(minutes) + " تقريباً ⏱️";
      default -> "الرد هيوصلك من زميل من فريقنا خلال حوالي " + minutesEgyptian(minutes) + " ⏱️";
    };
  }

  /** Nobody of the team has room: the customer's place in the team's queue and the rough wait. */
  static String queued(String language, int position, long minutes) {
    return switch (form(language)) {
      case "en" ->
          "All our colleagues are busy right now and you're number "
              + position
              + " in line; someone will reply within about "
              + minutesEn(minutes)
              + " ⏱️";
      case "arabizi" ->
          "Kol zamaylna mashghoulin delwa2ty w enta rakam "
              + position
              + " f el dor; el rad hayewsalak khelal 7awaly "
              + minutesArabizi(minutes)
              + " ⏱️";
      case "ar" ->
          "جميع زملائنا مشغولون الآن وترتيبك "
              + position
              + " في قائمة الانتظار؛ سيصلك الرد خلال "
              + minutesMsa(minutes)
              + " تقريباً ⏱️";
      default ->
          "كل زملائنا مشغولين دلوقتي وانت رقم "
              + position
              + " في الدور؛ الرد هيوصلك خلال حوالي "
              + minutesEgyptian(minutes)
              + " ⏱️";
    };
  }

  /**
   * The handoff starts outside the agents' hours: when they work, and that {@code agent} (null: a
   * colleague) replies when they open.
   */
  static String afterHours(String language, String agent, LocalTime opens, LocalTime closes) {
    return switch (form(language)) {
      case "en" ->
          "Our team replies from "
              + timeEn(opens)
              + " to "
              + timeEn(closes)
              + "; "
              + (agent == null ? "a colleague" : agent + " from our team")
              + " will reply as soon as we open, from "
              + timeEn(opens)
              + " ⏰";
      case "arabizi" ->
          "Zamaylna byrodo mn "
              + timeArabizi(opens)
              + " l "
              + timeArabizi(closes)
              + "; "
              + (agent == null ? "zameel mn el team" : agent + " mn el team")
              + " hayerod 3aleek awel ma nefta7, mn "
              + timeArabizi(opens)
              + " ⏰";
      case "ar" ->
          "يرد زملاؤنا من الساعة "
              + timeMsa(opens)
              + " حتى الساعة "
              + timeMsa(closes)
              + "؛ سيصلك الرد من "
              + (agent == null ? "أحد زملائنا" : "فريقنا (" + agent + ")")
              + " فور بدء العمل، من الساعة "
              + timeMsa(opens)
              + " ⏰";
      default ->
          "زمايلنا بيردوا من "
              + timeEgyptian(opens)
              + " لـ "
              + timeEgyptian(closes)
              + "؛ الرد هيوصلك من "
              + (agent == null ? "حد من فريقنا" : "فريقنا (" + agent + ")")
              + " أول ما نفتح، من "
              + timeEgyptian(opens)
              + " ⏰";
    };
  }

  /**
   * A person asked for again while the handoff waits: a colleague has the conversation and will
   * reply: within {@code minutes} (null: as soon as possible), or, outside the agents' hours
   * ({@code opens} not null), at the opening. {@code agent} null: a colleague.
   */
  static String personAskedAgain(String language, String agent, Long minutes, LocalTime opens) {
    return switch (form(language)) {
      case "en" ->
          "A colleague already has your conversation 🙏 "
              + (agent == null ? "They" : agent)
              + " will reply "
              + (opens != null
                  ? "as soon as we open, from " + timeEn(opens)
                  : minutes == null ? "as soon as possible" : "within about " + minutesEn(minutes))
              + ".";
      case "arabizi" ->
          "Zameel mn el team ma3ah mo7adsetak 5alas 🙏 "
              + (agent == null ? "hayerod 3aleek " : agent + " hayerod 3aleek ")
              + (opens != null
                  ? "awel ma nefta7, mn " + timeArabizi(opens)
                  : minutes == null ? "f a2rab wa2t" : "khelal 7awaly " + minutesArabizi(minutes))
              + ".";
      case "ar" ->
          "محادثتك الآن لدى زميل من فريقنا 🙏 "
              + (agent == null ? "وسيصلك الرد " : "وسيصلك الرد من " + agent + " ")
              + (opens != null
                  ? "فور بدء العمل، من الساعة " + timeMsa(opens)
                  : minutes == null ? "في أقرب وقت" : "خلال " + minutesMsa(minutes) + " تقريباً")
              + ".";
      default ->
          "محادثتك دلوقتي مع زميل من فريقنا 🙏 "
              + (agent == null ? "والرد هيوصلك " : "والرد هيوصلك من " + agent + " ")
              + (opens != null
                  ? "أول ما نفتح، من " + timeEgyptian(opens)
                  : minutes == null ? "في أقرب وقت" : "خلال حوالي " + minutesEgyptian(minutes))
              + ".";
    };
  }

  /**
   * A message while the customer waits: passed on, and the time left. {@code agent} null: the team.
   */
  static String acknowledged(String language, String agent, long minutes) {
    String who = who(language, agent);
    return switch (form(language)) {
      case "en" ->
          "Got it ✅ I've passed this on to "
              + who
              + "; expect a reply within about "
              + minutesEn(minutes)
              + ".";
      case "arabizi" ->
          "Resaltak wesselet ✅ w ballaghtaha l "
              + who
              + "; el rad khelal 7awaly "
              + minutesArabizi(minutes)
              + ".";
      case "ar" ->
          "وصلت رسالتك ✅ وأبلغتُ بها "
              + who
              + "؛ سيصلك الرد خلال "
              + minutesMsa(minutes)
              + " تقريباً.";
      default ->
          "وصلت رسالتك ✅ وبلّغتها لـ"
              + who
              + "؛ الرد هيوصلك خلال حوالي "
              + minutesEgyptian(minutes)
              + ".";
    };
  }

  /**
   * A message while the customer waits outside the agents' hours: passed on, and when they open.
   */
  static String acknowledgedAfterHours(String language, String agent, LocalTime opens) {
    String who = who(language, agent);
    return switch (form(language)) {
      case "en" ->
          "Got it ✅ I've passed this on to "
              + who
              + "; expect a reply as soon as we open, from "
              + timeEn(opens)
              + ".";
      case "arabizi" ->
          "Resaltak wesselet ✅ w ballaghtaha l "
              + who
              + "; el rad hayewsalak awel ma nefta7, mn "
              + timeArabizi(opens)
              + ".";
      case "ar" ->
          "وصلت رسالتك ✅ وأبلغتُ بها "
              + who
              + "؛ سيصلك الرد فور بدء العمل، من الساعة "
              + timeMsa(opens)
              + ".";
      default ->
          "وصلت رسالتك ✅ وبلّغتها لـ"
              + who
              + "؛ الرد هيوصلك أول ما نفتح، من "
              + timeEgyptian(opens)
              + ".";
    };
  }

  /**
   * The line under the bot's answer to a question asked while the handoff waits: the request for a
   * colleague still stands ({@code opens}: outside the agents' hours, when they open; else null).
   */
  static String stillPassedOn(String language, String agent, LocalTime opens) {
    String who = who(language, agent);
    return switch (form(language)) {
      case "en" ->
          "(Your request still stands: "
              + who
              + " will reply "
              + (opens == null ? "soon" : "as soon as we open, from " + timeEn(opens))
              + ".)";
      case "arabizi" ->
          "(Talabak lessa ma3 "
              + who
              + ", w hayrod 3aleek "
              + (opens == null ? "2orayeb" : "awel ma nefta7, mn " + timeArabizi(opens))
              + ".)";
      case "ar" ->
          "(طلبك ما زال قائماً، وسيصلك الرد من "
              + who
              + " "
              + (opens == null ? "قريباً" : "فور بدء العمل، من الساعة " + timeMsa(opens))
              + ".)";
      default ->
          "(طلبك لسه قائم، والرد هيوصلك من "
              + who
              + " "
              + (opens == null ? "قريب" : "أول ما نفتح، من " + timeEgyptian(opens))
              + ".)";
    };
  }

  /** A message after the first-response deadline passed (the holding message went out already). */
  static String acknowledgedLate(String language) {
    return switch (form(language)) {
      case "en" -> "Got it ✅ A colleague will be with you as soon as possible 🙏";
      case "arabizi" -> "Resaltak wesselet ✅ zamilna hayerod 3aleek f a2rab wa2t 🙏";
      case "ar" -> "وصلت رسالتك ✅ سيصلك الرد من فريقنا في أقرب وقت 🙏";
      default -> "وصلت رسالتك ✅ الرد هيوصلك من فريقنا في أقرب وقت 🙏";
    };
  }

  /** The first-response deadline passed during the agents' hours. */
  static String holding(String language) {
    return switch (form(language)) {
      case "en" -> "Thanks for your patience 🙏 A colleague will be with you in a few minutes.";
      case "arabizi" -> "Shokran 3ala sabrak 🙏 zamilna hayerod 3aleek kaman shwaya.";
      case "ar" -> "شكراً لصبرك 🙏 سيصلك الرد من فريقنا خلال دقائق.";
      default -> "شكراً لصبرك 🙏 الرد هيوصلك من فريقنا خلال دقايق.";
    };
  }

  /**
   * The conversation moved to another colleague after a person had answered: who continues ({@code
   * agent}: the name as {@code AgentNames} writes it in this language, null: none).
   */
  static String colleagueTakesOver(String language, String agent) {
    return switch (form(language)) {
      case "en" ->
          (agent == null ? "A colleague" : agent)
              + " from our team is taking over your conversation and will continue with you here 🤝";
      case "arabizi" ->
          (agent == null ? "Zamilna" : agent + " mn fari2na")
              + " hayekamel ma3ak el mo7adsa mn hena 🤝";
      case "ar" ->
          "سيتابع معك "
              + (agent == null ? "أحد زملائنا" : agent + " من فريقنا")
              + " المحادثة من هنا 🤝";
      default -> (agent == null ? "زميل" : agent) + " من فريقنا هيكمل معاك المحادثة من هنا 🤝";
    };
  }

  /**
   * A reminder while the customer still waits for a person, after the holding message (at most
   * {@code wasla.handoff.reminders-max}).
   */
  static String stillWaiting(String language) {
    return switch (form(language)) {
      case "en" ->
          "We haven't forgotten you 🙏 Your request is with our team; a colleague will reply as soon"
              + " as possible.";
      case "arabizi" ->
          "Mesh nasyeenak 🙏 talabak 3and fari2na, w zamilna hayerod 3aleek f a2rab wa2t.";
      case "ar" -> "لم ننسَك 🙏 طلبك لدى فريقنا، وسيصلك الرد من أحد الزملاء في أقرب وقت.";
      default -> "مش ناسيينك 🙏 طلبك عند فريقنا، والرد هيوصلك من زميل في أقرب وقت.";
    };
  }

  /** The first-response deadline passed after the agents stopped work: when they open again. */
  static String holdingAfterHours(String language, LocalTime opens, LocalTime closes) {
    return switch (form(language)) {
      case "en" ->
          "Thanks for your patience 🙏 Our team replies from "
              + timeEn(opens)
              + " to "
              + timeEn(closes)
              + "; a colleague will be with you as soon as we open, from "
              + timeEn(opens)
              + ".";
      case "arabizi" ->
          "Shokran 3ala sabrak 🙏 zamaylna byrodo mn "
              + timeArabizi(opens)
              + " l "
              + timeArabizi(closes)
              + "; zamilna hayerod 3aleek awel ma nefta7, mn "
              + timeArabizi(opens)
              + ".";
      case "ar" ->
          "شكراً لصبرك 🙏 يرد زملاؤنا من الساعة "
              + timeMsa(opens)
              + " حتى الساعة "
              + timeMsa(closes)
              + "؛ سيصلك الرد من فريقنا فور بدء العمل، من الساعة "
              + timeMsa(opens)
              + ".";
      default ->
          "شكراً لصبرك 🙏 زمايلنا بيردوا من "
              + timeEgyptian(opens)
              + " لـ "
              + timeEgyptian(closes)
              + "؛ الرد هيوصلك من فريقنا أول ما نفتح، من "
              + timeEgyptian(opens)
              + ".";
    };
  }

  /**
   * The customer withdrew the request for a person before anyone answered: the bot is theirs again
   * ({@code askWhat}: nothing else was in the message, so the bot asks what it can do).
   */
  static String withdrawn(String language, boolean askWhat) {
    return switch (form(language)) {
      case "en" ->
          "OK, I've withdrawn your request for a colleague 👍 I'm with you again."
              + (askWhat ? " How can I help?" : "");
      case "arabizi" ->
          "Tamam, lagheit talab el ta7weel l zameel 👍 ana ma3ak tany."
              + (askWhat ? " A2dar asa3dak f eh?" : "");
      case "ar" ->
          "حسناً، ألغيتُ طلب التحويل إلى أحد الزملاء 👍 أنا معك من جديد."
              + (askWhat ? " كيف يمكنني مساعدتك؟" : "");
      default ->
          "تمام، لغيت طلب التحويل لزميل 👍 أنا معاك تاني."
              + (askWhat ? " أقدر أساعدك في إيه؟" : "");
    };
  }

  /**
   * A purchase written while a handoff waits: the bot offers to take the order now ({@code opens}:
   * the opening time outside the agents' hours, else null).
   */
  static String offerToContinue(String language, java.time.LocalTime opens) {
    String at = opens == null ? null : opens.toString();
    return switch (form(language)) {
      case "en" ->
          "I can take your order myself right now 🛍️ or you can wait for our colleague"
              + (at == null ? "." : ", who replies from " + opensEn(opens) + ".")
              + " Which do you prefer?";
      case "arabizi" ->
          "A2dar akammel m3ak el order delwa2ty 🛍️ aw testanna el zameel"
              + (at == null ? "." : " (byrod mn " + opens.getHour() + " el sob7).")
              + " Te7eb eh?";
      case "ar" ->
          "يمكنني إتمام طلبك معك الآن 🛍️ أو يمكنك انتظار الزميل"
              + (at == null ? "." : " (يرد من الساعة " + opens.getHour() + " صباحاً).")
              + " ماذا تفضّل؟";
      default ->
          "أقدر أكمل معاك الطلب دلوقتي 🛍️ أو تستنى الزميل"
              + (at == null ? "." : " (بيرد من " + opens.getHour() + " الصبح).")
              + " تحب إيه؟";
    };
  }

  private static String opensEn(java.time.LocalTime opens) {
    int h = opens.getHour();
    return (h % 12 == 0 ? 12 : h % 12) + (h < 12 ? " am" : " pm");
  }

  /** The button that goes on with the bot (at most 20 characters). */
  static String continueWithBot(String language) {
    return switch (form(language)) {
      case "en" -> "Order with you now";
      case "arabizi" -> "Kammel m3aya";
      case "ar" -> "أكمل الطلب معك";
      default -> "كمّل معايا الطلب";
    };
  }

  /** The button that keeps the handoff (at most 20 characters). */
  static String waitForColleague(String language) {
    return switch (form(language)) {
      case "en" -> "Wait for colleague";
      case "arabizi" -> "Hastanna el zameel";
      case "ar" -> "سأنتظر الزميل";
      default -> "استنى الزميل";
    };
  }

  private static String who(String language, String agent) {
    return agent != null
        ? agent
        : switch (form(language)) {
          case "en" -> "our team";
          case "arabizi" -> "el team";
          default -> "فريقنا";
        };
  }

  static String minutesEn(long minutes) {
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }

  /** Egyptian: دقيقة، دقيقتين، 3 to 10 دقايق, 11 and more دقيقة. */
  static String minutesEgyptian(long minutes) {
    if (minutes == 1) {
      return "دقيقة";
    }
    if (minutes == 2) {
      return "دقيقتين";
    }
    return minutes + (minutes <= 10 ? " دقايق" : " دقيقة");
  }

  /** MSA after a preposition: دقيقة واحدة، دقيقتين، 3 to 10 دقائق, 11 and more دقيقة. */
  static String minutesMsa(long minutes) {
    if (minutes == 1) {
      return "دقيقة واحدة";
    }
    if (minutes == 2) {
      return "دقيقتين";
    }
    return minutes + (minutes <= 10 ? " دقائق" : " دقيقة");
  }

  static String minutesArabizi(long minutes) {
    if (minutes == 1) {
      return "d2ee2a";
    }
    if (minutes == 2) {
      return "d2e2teen";
    }
    return minutes + (minutes <= 10 ? " da2aye2" : " d2ee2a");
  }

  private static int hour12(LocalTime t) {
    int h = t.getHour() % 12;
    return h == 0 ? 12 : h;
  }

  private static String clock(LocalTime t) {
    return t.getMinute() == 0
        ? String.valueOf(hour12(t))
        : hour12(t) + ":" + String.format("%02d", t.getMinute());
  }

  static String timeEn(LocalTime t) {
    return clock(t) + (t.getHour() < 12 ? " am" : " pm");
  }

  static String timeEgyptian(LocalTime t) {
    int h = t.getHour();
    String part =
        h >= 5 && h < 12
            ? "الصبح"
            : h >= 12 && h < 15 ? "الضهر" : h >= 15 && h < 18 ? "العصر" : "بالليل";
    return clock(t) + " " + part;
  }

  static String timeMsa(LocalTime t) {
    int h = t.getHour();
    String part =
        h >= 5 && h < 12
            ? "صباحاً"
            : h >= 12 && h < 15 ? "ظهراً" : h >= 15 && h < 18 ? "عصراً" : "مساءً";
    return clock(t) + " " + part;
  }

  static String timeArabizi(LocalTime t) {
    int h = t.getHour();
    String part =
        h >= 5 && h < 12
            ? "el sob7"
            : h >= 12 && h < 15 ? "el dohr" : h >= 15 && h < 18 ? "el 3asr" : "bel leil";
    return clock(t) + " " + part;
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
