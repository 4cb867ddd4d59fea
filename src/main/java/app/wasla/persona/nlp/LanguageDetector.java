package app.wasla.persona.nlp;

import app.wasla.persona.Language;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells Egyptian Arabic, MSA, Arabizi, English and mixed apart by script and marker words. Arabic
 * script without MSA markers counts as Egyptian (the store's customers are Egyptian); Gulf words
 * ("أبغى", "الحين", "وش") count as MSA markers, so a Gulf customer is answered in MSA; Latin
 * letters with Arabic words or digit letters ("3ayez", "7agz") are Arabizi; Arabic script with
 * English words is mixed.
 */
public final class LanguageDetector {

  /** The detected form and the form a reply should take (for mixed: the dominant language). */
  public record Detection(Language language, Language replyLanguage) {}

  private static final Set<String> EGYPTIAN =
      normalized(
          """
            عايز عاوز عايزه عاوزه عايزين عاوزين ازاي ازيك ازيكوا ازيكو ازيكم فين امتي ايه كده كدا ده دي دا بكام مش حضرتك ليه
            دلوقتي دلوقت النهارده النهاردة بكره بكرة اوي خالص بتاع بتاعي بتاعت بتاعتي بتاعه ابعتلي هاخد هاخده عشان علشان لسه
            ايوه بقالي موصلش موصلتش مفيش منكوا عندكوا انتوا احنا امبارح اللي يعني حد معاد ميعاد اغير الغي عاملين عامله ميرسي
            اوردر الاوردر حاجه كويس زبالة زباله باظ جالي ينفع هقدر هعرف هيوصل هيجي بيشحن بيسخن ازيك تبعتلي ابعتهولي
            يا كام الفل ربنا يخليك يخليكي يخليكوا خلاص شيلوا الغوا كنسل شوية شويه برضه برضو اهو اهي مين
            معلش اخليهم اخليه اخليها نخليه نخليها نخليهم""");
  private static final Set<String> MSA =
      normalized(
          """
            مرحبا وبركاته ورحمه لك
            اريد اود ارغب نرغب هل كيف متي لماذا ماذا لقد سوف ليس لديكم لديك لدي الذي التي هذا هذه يمكن يمكنني يمكنك بامكاني
            اين الان حاليا غدا اطلاقا عبر لم لن قمت تم ايضا فقط جزاكم اشكركم ارجو يرجي سيصل يصل يتوفر يوجد توصلون تقبلون
            الاستفسار معرفة ما كم إلى الي حتي أمر امر تكلفة تكلفه مواعيد اوقات موعد موعدي حجزي طلبي هاتف هاتفي تأجيل تاجيل
            إلغاء الغاء اللقاء جزيلا شخص التحدث التواصل أحد احد بي أنت انت إنسان انسان أم ام برنامج يستغرق يشمل يقع
            هناك نريد تريد أستطيع استطيع تستطيع يمكنكم بإمكانكم بامكانكم ذلك تلك إذا اذا عندما منذ لكن للغاية سيئ سيئة
            تالف تالفا تالفاً ليست لست لسنا الرجاء رجاء يرجى تتوفر المتوفرة يتم سيتم ثمن أرسلت
            الخاصة كذلك أيضاً كيفية أرغب أود نود أتمنى أطالب اطالب نطالب فوري فوراً فورا الهاتف
            ثم دون رغم بخصوص بشأن بشان حسنا حسناً أعطني اعطني أثناء اثناء بشكل ضد لائق سآخذ ساخذ سأطلب ساطلب
            سأشتري ساشتري سأدفع سادفع سيتم ستصل أرسلوا ارسلوا أرسل ارسل يعمل تعمل ينقصها ينقصه
            ابغى ابغا ابغاه ابغاها ابغاهم نبغى تبغى يبغى الحين وش ايش شلون ليش وايد""");
  private static final Set<String> ARABIZI =
      Set.copyOf(
          java.util.Arrays.asList(
              ("ana enta enty ento e7na 3ayez 3ayz 3awz 3ayza 3awza 3ayzin momken mumkin "
                      + "ezayak ezayek ezayko izayak keda kda msh mesh mish mafesh mfesh fen fein feen emta imta eh eih leh leih bkam "
                      + "bokra bukra naharda elnaharda delwa2ty dlw2ty law lw sama7t tamam tmam shokran shukran gedan awy awi khales "
                      + "ahlan sba7 masa2 salam salamo 3aleko 3alaykom el al w ya wala walla lessa lsa 7ad 7aga bta3y bta3i bta3 "
                      + "bta3ty bta3o mawgood mawgod mawgoud 3ndko 3andoko fe fi mn men 3la 3ala le lel l ma3a rakam rakamo se3r 7agz "
                      + "me3ad ma3ad seyana shasha talab talabt gorab shohna mandoob ynfa3 yenfa3 adfa3 daf3 ha5od ha5do a4tery ashtery "
                      + "atlob akalem yeklemny bgd bgad merci teslam metshaker gama3a ya3ni yaany b kam kam 3amleen wala ageeh ageh "
                      + "sherka azra2 lon el8o 5alas me7tag 8er fawa2ed ma3a salama nasabeen wara zo2 gali wslt mksora tawsil far3 "
                      + "madinet eskendereya yom bel zabt btwasalo sa3id daman kasr robot ad mafata7tha4 elghy "
                      // "mezaneyty 20 alf": a budget in Arabizi
                      + "mezaneyty mezanyty mizaneyty mizanyty mezaneyti mizaneyti mezanya alf alaf aalaf")
                  .split(" ")));
  private static final Set<String> ENGLISH =
      Set.copyOf(
          java.util.Arrays.asList(
              ("a an the i i'd i'll im i'm me my mine we our us you your yours he she it "
                      + "they them is are was were be been am do does did don't doesn't can could would should will shall may might "
                      + "have has had what what's whats where where's wheres when which who whom why how much many any some no not "
                      + "yes ok okay please pls plz thanks thank thx you're hello hi hey hiii yo good morning evening afternoon night "
                      + "bye see have nice day great perfect appreciate help cheers mate lot so very really too also and or but if "
                      + "for to from of in on at by with about into over under than then there here this that these those it's "
                      + "want need like would buy order orders ordered place take send get give price cost how much difference specs "
                      + "best camera battery life warranty support supports fast charging charger compatible with android phone phones "
                      + "available stock left back in carry have case cases blue black white screen protector protectors cable cables "
                      + "book booking appointment schedule slot slots repair visit tomorrow today tonight monday tuesday wednesday "
                      + "thursday friday saturday sunday morning reschedule change move push later time instead make cancel cancelled "
                      + "won't able anymore came up something status shipped tracking number package delivery courier arrive arrived "
                      + "update still hasn't been days week weeks pay paid payment link cash card cards credit visa installments "
                      + "interest accept take confirm wrong size color off worst service ever late terrible sound disconnecting refund "
                      + "rude unacceptable scammers money nothing broke broken again scratched disappointed very talk speak real person "
                      + "human agent someone customer manager sales rep line put through connect call bot robot open close closing "
                      + "opening hours located exactly deliver return returns policy item opened haven't accidental damage cover "
                      + "covers hiring jobs long does take takes branch office company our upper egypt free sorry thing things "
                      + "issue problem just know tell about which one ones new old there's address location")
                  .split(" ")));
  private static final Pattern DIGIT_LETTER =
      Pattern.compile("[a-z]*[2-9][a-z]+|[a-z]{2,}[2-9][a-z]*");
  private static final Pattern UNIT_OR_MODEL =
      Pattern.compile("\\d+(w|k|gb|mah|pm|am|m|h|st|nd|rd|th|s)|[a-z]{1,3}\\d+[a-z]?|\\d+[a-z]");

  static Set<String> englishWords() {
    return ENGLISH;
  }

  /**
   * As {@link #detect(TextView)}, for a customer whose previous message was in {@code previous}:
   * Latin letters without a word of English ("tab laptop?", "ORD-12001") from a customer who wrote
   * Arabizi are Arabizi.
   */
  public Detection detect(TextView text, Language previous) {
    Detection d = detect(text);
    if (previous == Language.ARABIZI
        && d.language() == Language.EN
        && text.tokens().stream().noneMatch(ENGLISH::contains)) {
      return new Detection(Language.ARABIZI, Language.ARABIZI);
    }
    // "نعم", "١", "القاهرة", a tapped title, "ORD-12001" from a formal customer: a turn with no
    // Egyptian word of its own (nor an English one) keeps the customer's MSA, so the flows' buttons
    // stay in it
    // "قارن لي بين سماعة جالاكسي بادز FE وسماعة إيربودز": Latin letters that are no English word
    // (a model's "FE") beside Arabic with no Egyptian word keep the customer's MSA too
    if (previous == Language.AR
        && ((d.language() == Language.AR_EG
                    || d.language() == Language.MIXED && d.replyLanguage() == Language.AR_EG)
                && text.tokens().stream().noneMatch(t -> egyptianWord(t))
                && text.tokens().stream().noneMatch(ENGLISH::contains)
            || d.language() == Language.EN
                && text.tokens().stream().noneMatch(ENGLISH::contains))) {
      return new Detection(Language.AR, Language.AR);
    }
    return d;
  }

  private static boolean egyptianWord(String t) {
    return ArabicNormalizer.isArabic(t)
        && (EGYPTIAN.contains(t) || EGYPTIAN.contains(TextView.strip(t)) || egyptianVerb(t));
  }

  public Detection detect(TextView text) {
    int arabic = 0;
    int egyptian = 0;
    int msa = 0;
    double arabizi = 0;
    int english = 0;
    int latin = 0;
    for (String t : text.tokens()) {
      if (ArabicNormalizer.isArabic(t)) {
        arabic++;
        String s = TextView.strip(t);
        if (EGYPTIAN.contains(t) || EGYPTIAN.contains(s) || egyptianVerb(t)) {
          egyptian++;
        }
        if (MSA.contains(t) || MSA.contains(s) || msaVerb(t)) {
          msa++;
        }
      } else if (Character.isLetter(t.charAt(0)) || t.chars().anyMatch(Character::isLetter)) {
        latin++;
        if (ENGLISH.contains(t)) {
          english++;
        } else if (ARABIZI.contains(t)) {
          arabizi += 1;
        } else if (DIGIT_LETTER.matcher(t).matches() && !UNIT_OR_MODEL.matcher(t).matches()) {
          arabizi += 2;
        }
      }
    }
    if (arabic == 0) {
      if (arabizi > 0 && arabizi >= english * 0.5) {
        return new Detection(Language.ARABIZI, Language.ARABIZI);
      }
      if (latin > 0) {
        return new Detection(Language.EN, Language.EN);
      }
      return new Detection(Language.AR_EG, Language.AR_EG);
    }
    Language arabicForm = msa > egyptian ? Language.AR : Language.AR_EG;
    if (english + arabizi >= 1) {
      return new Detection(Language.MIXED, english > arabic ? Language.EN : arabicForm);
    }
    return new Detection(arabicForm, arabicForm);
  }

  /**
   * MSA present plurals in -ون ("تقومون", "تبيعون", "يرسلون"), where Egyptian says -وا; not a noun
   * such as "تليفون".
   */
  private static boolean msaVerb(String t) {
    return t.length() >= 5
        && (t.startsWith("ت") || t.startsWith("ي") || t.startsWith("هل"))
        && t.endsWith("ون")
        && !t.startsWith("تلي")
        && !t.startsWith("تلف");
  }

  private static boolean egyptianVerb(String t) {
    // Egyptian present and future prefixes: بيشحن، بتقبلوا، هيوصل، هتأكدوا، هاخد
    return t.length() >= 4
        && (t.startsWith("بي")
            || t.startsWith("بت")
            || t.startsWith("هي")
            || t.startsWith("هت")
            || t.startsWith("هن")
            || t.startsWith("ها") && !t.startsWith("هاتف"))
        && !t.equals("بيت");
  }

  private static Set<String> normalized(String words) {
    return Set.copyOf(
        java.util.Arrays.stream(words.split("\\s+"))
            .filter(w -> !w.isBlank())
            .map(ArabicNormalizer::normalize)
            .collect(java.util.stream.Collectors.toSet()));
  }
}
