package app.wasla.persona;

import app.wasla.persona.nlp.Arabizi;
import app.wasla.persona.nlp.TextView;
import java.util.regex.Pattern;

/**
 * What went wrong, told without a word of complaint: a part missing from the box, money charged
 * above what was said, a repair that broke something else, a charger that sparked, a courier or a
 * technician who never came, a product that does not look genuine, a customer who gives up on the
 * shop. Each is a frame of two word families (something happened, and it went wrong), so that a
 * question about the same things ("does it come with a charger?", "can I pay cash instead?") is not
 * one. Also the matters a person must handle whatever the customer asks: a stolen phone, the police
 * or a court, a minor's purchase, private data.
 *
 * <p>Patterns match the normalised text's words and stems (ة as ه, أ as ا, Arabizi canonical), each
 * alternative at a word's start.
 */
final class Grievances {

  /**
   * Each alternative at a word's start; an Arabizi one also in its canonical spelling (the text's
   * words come both as typed and canonical: "wadeet" as "wadet", "ba2et" as "baet").
   */
  private static Pattern words(String alternatives) {
    StringBuilder all = new StringBuilder(alternatives);
    // a family with groups is written for both spellings already
    for (String alternative :
        alternatives.contains("(") ? new String[0] : alternatives.split("\\|")) {
      if (alternative.matches("[a-z0-9' ]+")) {
        String canonical = Arabizi.canonicalPattern(alternative).trim();
        if (canonical.length() >= 3 && !canonical.equals(alternative)) {
          all.append('|').append(Pattern.quote(canonical));
        }
      }
    }
    return Pattern.compile("(?<=\\s)(?:" + all + ")");
  }

  private static String haystack(TextView text) {
    return StoreTopics.haystack(text);
  }

  /** Something arrived or was opened: "وصلت", "جالي", "came", "fata7t el 3elba". */
  private static final Pattern ARRIVED =
      words(
          "وصل|وصلت|وصلني|وصلتني|وصلنا|جه |جت |جالي|جاتلي|جاني|جتلي|استلمت|استلمته|استلمتها|فتحت|"
              + "came(?=\\s)|arrived|received|got it|got the|got my|delivered|opened|"
              + "wesel|weslet|wselet|wesly|weslni|weslny|gat |geh |gali|galy|gatly|estalamt|fata7t");

  /** Without a part: "من غير الشاحن", "بدون كابل", "without the cable", "mn 3'er charger". */
  private static final Pattern WITHOUT =
      words(
          "بدون|من غير|مفيهاش|مفيهوش|ناقص|ناقصه|مش موجود|ملقيتش|لم اجد|غير موجود|مكنش|مكانش|ماكانش|مكانتش|مش في العلبه|"
              + "without|missing|wasn t in|wasnt in|was not in|no charger|no cable|"
              + "mn 3'er|men 3'er|mn 3er|men 3er|mn gher|men gher|mn ghir|bdoon|bedoon|na2es|msh mawgood|mesh mawgood|mal2etsh|mkansh|makansh|ma kansh");

  /** A box found opened: "العلبه مفتوحه", "box was open", "el 3elba maftoo7a". */
  private static final Pattern BOX_OPENED =
      words(
          "العلبه مفتوحه|العلبه كانت مفتوحه|الكرتونه مفتوحه|box open|box was open|box mafto|opened box|seal broken|"
              + "el 3elba maftoo7a|el 3elba mafto7a|el 3elba kanet maftoo7a|3elba maftoo7a");

  /** Ordered one thing: "طلبت", "talabt", "i ordered". */
  private static final Pattern ORDERED = words("طلبت|طالب|اوردرت|talabt|ordered|i ordered|orderet");

  /** Got something else, or only part of it: "فوصلني كابل فقط", "got a cable instead". */
  private static final Pattern GOT_OTHER =
      words(
          "فوصلني|وصلني .{0,30}(?:فقط|بس|بدل)|جالي .{0,30}(?:بس|بدل)|got .{0,30}(?:instead|only)|received .{0,30}(?:instead|only)|"
              + "instead|wrong item|wrong one|wrong color|wrong colour|لون غلط|غلط|مختلف|different|"
              + "weslni .{0,30}(?:bas|badal)|gali .{0,30}(?:bas|badal)|ghalat|3'alat");

  /** Charged: "اتحاسبت", "تم خصم", "charged", "et5asam". */
  private static final Pattern CHARGED =
      words(
          "اتحاسبت|حاسبوني|حاسبني|حسبوا عليا|اتخصم|اتخصمت|تم خصم|خصموا|خصمتوا|اتسحب|سحبوا|تم سحب|تم اخذ|اخدوا مني|خدوا مني|"
              + "charged|deducted|billed|took money|took the money|did u charge|did you charge|why charge|"
              + "et7asbet|et7asabt|7asbony|7asebny|et5asam|et5asamet|5asamo|etsa7ab|sa7abo");

  /** Above or beside what was due: "بدل ٧٠", "مع ان طلبي فوق ٣٠٠٠", "when my order was over". */
  private static final Pattern ABOVE_WHAT_WAS_DUE =
      words(
          "بدل|بدلا من|عوضا عن|مع ان|رغم ان|بالرغم|مرتين|ولا يوجد|ولا عندي|ومفيش|والطلب اتلغي|والاوردر اتلغي|"
              + "instead of|although|even though|when my order|when the order|more than|twice|no order|"
              + "and the order|order cancel|order was cancel|"
              + "badal|ma3 en|mafeesh order|w el order etl|etl3'a|etlagha");

  /** A price said and another asked: "الفني قالي ٥٠٠ وطلعت ١٢٠٠", "2ali 500 w tele3 1200". */
  private static final Pattern QUOTED =
      words(
          "قالي|قالولي|قال لي|قالوا|اتفقنا|اتفقت|told me|said it|quoted|agreed on|we agreed|"
              + "2ali|2alli|2aly|2aloly|2alo|etafa2na|ettafa2na");

  private static final Pattern TURNED_OUT =
      words(
          "وطلعت|وطلع|وفي الاخر|ولقيت في الفاتوره|لقيت في الفاتوره|وفي الفاتوره|turned out|ended up|but charged|"
              + "but it was|came to|the invoice says|on the invoice|"
              + "w tele3|w tel3et|w tel3|w fel a5er|w la2et fel fatora|la2eet fel fatora");

  /** A repair at the shop: "وديت الموبايل", "رجع من الصيانه", "fixed my screen at ur place". */
  private static final Pattern REPAIRED_THERE =
      words(
          "وديت|وديته|وديتها|رجع من الصيانه|رجعلي من الصيانه|استلمته من الصيانه|رجع من التصليح|عندكم في الصيانه|بعد الصيانه|بعد التصليح|"
              + "fixed my|repaired my|at ur place|at your place|back from repair|from the repair|after the repair|after repair|"
              + "was replaced at|replaced at your|after a battery change|اصلحتم|صلحتوا|صلحتو|you fixed|you repaired|"
              + "sala7to|salla7to|after changing the|after replacing|بعد ما غيرت|بعد تغيير|"
              + "wadeet|wadet|wadeto|wadetha|rege3 mn el siyana|ba3d el siyana|ba3d el tasle7|ba3d ma ghayart|ba3d ma 3'ayart|ba3d ma ghayaro|ba3d ma 3'ayaro");

  /**
   * And something else broke: "والشاشه فيها مشكله كمان", "new scratch", "el camera ba2et bayza".
   */
  private static final Pattern WORSE =
      words(
          "كمان|بوظتوه|بوظتوها|بوظتو|خدش|فيها مشكله|فيه مشكله|بقت بايظه|بقي بايظ|مش شغال|مش شغاله|لا تعمل|لا يعمل|"
              + "doesn t work|doesnt work|does not work|stopped|scratch|worse|now the|broke|لا يستجيب|مش بيستجيب|"
              + "not responding|isn t responding|"
              + "kaman|bawaztoh|bawaztoha|ba2et bayza|ba2a bayez|msh shaghal|khadsh|5adsh|اوحش|اسوا|aw7ash|aswa2");

  /** Money the courier or the shop took: "خد مني ٩٥", "took 95 from me". */
  private static final Pattern TOOK_FROM_ME =
      words(
          "خد مني|اخد مني|خدوا مني|اخدوا مني|خدتوا مني|اخدتوا مني|took (?:\\S+ ){0,2}from me|5ad meny|5ad mny|a5ad meny|khad meny|5ado meny|5adto meny|5adto mny|khadto meny|a5adto meny");

  /** Paid: "دفعت", "i paid", "dafa3t". */
  private static final Pattern PAID = words("دفعت|paid|i paid|dafa3t|dafa3na");

  /** More than was due: "اكتر من", "زياده", "more than", "extra", "but". */
  private static final Pattern MORE =
      words("اكتر من|اكثر من|زياده|زيادة|بدل|more than|extra|instead|aktar mn|zyada|ziada|badal");

  /** "but", "بس": what the courier took set against what was said. */
  private static final Pattern BUT = words("لكن|بس |but |bas ");

  /** A supposition: "لو دفعت اكتر من ٣٠٠٠" asks a rule, it tells nothing. */
  private static final Pattern SUPPOSED = words("لو|ولو|اذا|if|law|lw");

  /** Danger: sparks, smoke, a swollen battery, heat that burns, pain. */
  private static final Pattern UNSAFE =
      words(
          "ولع|ولعت|اتحرق|اتحرقت|حرقت|حرق|نار(?=\\s)|دخان|شرار|انفجر|انفجرت|انتفخت|انتفخ|منفوخ|ساح(?=\\s)|سايح|كهربني|"
              + "وجعتني|وجعني|صداع|ذاب|ذابت|انصهر|انصهرت|حريق|"
              + "spark|smoke|burn|on fire|caught fire|explod|swollen|swelled|melt|shocked me|headache|hurts my|hurt my|"
              + "wala3|wal3et|et7ara2|sa7 mn|saye7|entafa5|mnfo5|manfo5|dokhan|shrar|kahrabni");

  /** Nobody came: "انتظر المندوب ولم يات", "الفني ما جاش", "never showed up". */
  private static final Pattern NOBODY_CAME =
      words(
          "ولم ياتي|ولم يات|ولم يحضر|لم يحضر|لم ياتي|ما جاش|مجاش|محدش جه|ماحدش جه|ماجاش|"
              + "didn t come|didnt come|never came|never showed|no show|didn t show|didnt show|no one came|nobody came|"
              + "ma gash|mgash|magash|ma7adsh geh|m7dsh geh");

  /**
   * Went to a branch that was closed: "رحت الفرع لقيته مقفول", "went to the branch and it was
   * closed".
   */
  private static final Pattern WENT = words("رحت|روحت|ذهبت|رحنا|went|ro7t|ru7t|roht");

  private static final Pattern CLOSED =
      words("مقفول|قافل|مغلق|مقفله|closed|shut|2afel|ma2fool|ma2fol|2aflin");

  /**
   * Not genuine, or used, whatever else is said: "اصلي اصلا؟", "لغته صيني", "someone else's
   * account".
   */
  private static final Pattern NOT_GENUINE =
      words(
          "اصلي اصلا|ستيكر الضمان|لغته صيني|حساب حد تاني|حساب شخص اخر|"
              + "someone elses|someone else s|language sini|lo3'to sini|sticker el daman|7esab 7ad tany");

  /** Looks used or fake, in what was bought or came: "يبدو مستعمل", "مفيش ضمان الوكيل". */
  private static final Pattern LOOKS_USED =
      words(
          "مش اصلي|مش اوريجينال|تقليد|مضروب|مستعمل(?=\\s)|مستعمله(?=\\s)|ضمان الوكيل|صحه البطاريه|"
              + "fake|not original|counterfeit|looks used|used(?=\\s)|refurbished|battery health|"
              + "msh asly|msh orginal|madroob|mdrob|mosta3mal|mesta3mel|daman el wakeel");

  /** Bought or received here: "اشتريته", "اللي جالي", "bought", "eshtaret". */
  private static final Pattern BOUGHT =
      words(
          "اشتريت|اشتريته|اشتريتها|الذي اشتريته|التي اشتريتها|بعتولي|بيعتولي|بعتوني|بيعتوني|bought|purchased|sold me|you sold|"
              + "eshtaret|eshtareit|ashtaret|tbe3ooly|tbe3oly|bet3ooly|be3tooly|be3toly");

  /** The customer gives up on the shop: "مش عايز حاجه منكم", "لا اريد شيئا منكم". */
  private static final Pattern GIVES_UP =
      words(
          "مش عايز حاجه منكم|مش عاوز حاجه منكم|مش عايز منكم حاجه|مش عايزه حاجه منكم|لا اريد شي منكم|لا اريد شيئا منكم|لا اريد اي شي|"
              + "don t want anything from you|dont want anything from you|want nothing from you|"
              + "msh 3ayez 7aga mnko|msh 3ayez 7aga menko|mesh 3ayez 7aga|msh 3awez 7aga mnko");

  /** A stolen or lost phone, the police, a court, a lawyer. */
  private static final Pattern STOLEN_OR_LEGAL =
      words(
          "اتسرق|اتسرقت|سرق|سرقه|اتنشل|محضر|محكمه|قضيه|محامي|النيابه|الشرطه|قسم الشرطه|"
              + "stolen|stole|robbed|court|lawyer|lawsuit|police|legal case|"
              + "etsara2|et sara2|sara2o|ma7dar|ma7kama|2adeya|mo7amy|shorta|"
              // a phone lost, not a receipt: "فقدت هاتفي", "lost my phone", "el mobile da3"
              + "(?:فقدت|ضاع|ضاعت|lost|da3)\\S* (?:\\S+ )?(?:هاتفي|موبايلي|الموبايل|الهاتف|تليفوني|phone|mobile|el mobile)");

  /** A minor who bought without the parent knowing. */
  private static final Pattern MINOR =
      words(
          "قاصر|تحت السن|من غير علمي|بدون علمي|دون علمي|من غير ما اعرف|"
              + "underage|under age|is a minor|still a minor|without my permission|without my knowledge|without asking me|"
              + "ta7t el sen|2aser|mn 3'er ma a3raf|men 3'er ma a3raf|mn gher ma a3raf");

  /** Private photos or data. */
  private static final Pattern PRIVATE_DATA =
      words(
          "صوري الخاصه|صور خاصه|رقمي وعنواني|سربتو|اتسربت|تسريب|"
              + "private photos|leaked|leak|"
              + "sowary el 5asa|swary el 5asa|rakami w 3enwani|sarrabto|sarabto|etsarab");

  /** A phone found: "وجدته في الشارع", "la2eit mobile". */
  private static final Pattern FOUND_A_PHONE =
      words(
          "وجدته في|وجدت هاتف|وجدت موبايل|لقيت موبايل|لقيته في الشارع|found a phone|found this phone|la2eit mobile");

  /**
   * A sarcastic thanks or a wait mocked: "شكرا على السرعه الرهيبه", "hastana l7ad el sana el gaya".
   */
  private static final Pattern SARCASM =
      words(
          "هستني لحد|هستنى لحد|wait till next|wait until next|hastana l7ad|hastana le7ad|hastanna l7ad");

  /** Thanks for a speed nobody saw, with a clap or a rolled eye: "شكرا على السرعه 👏👏". */
  private static final Pattern SPEED_THANKED =
      words(
          "السرعه الرهيبه|شكرا على السرعه|شكرا ع السرعه|شكرا للسرعه|خدمه ممتازه|خدمه رائعه|خدمه عظيمه|احلي خدمه|"
              + "thanks for the speed|thanks for the quick|amazing speed|super fast|amazing service|great service|"
              + "wonderful service|excellent service|"
              + "el sor3a el rahiba|shokran 3al sor3a|shokran 3ala el sor3a|5edma gamda|khedma gamda|a7la 5edma");

  private static final Pattern MOCKING_EMOJI = Pattern.compile("👏|🙄|🙂|😒|🙃|😑|🤡");

  /** A demand to be answered, or canned replies: "ردوا علي!!!", "رد جاهز", "REPLY!!!". */
  private static final Pattern ANSWER_ME =
      words("ردوا|ردو |رد علي|ردي علي|reply|answer me|respond|trodo|rodo|rodd|ro7o");

  private static final Pattern CANNED =
      words(
          "ردود جاهزه|رد جاهز|الرد الالي|ردود اليه|canned|automated repl|copy paste|same reply|"
              + "rodood gahza|rodod gahza|rod gahez|el rodood el gahza");

  private static final Pattern INSISTING = Pattern.compile("[!؟?]{3,}");

  /**
   * Asked again, or waiting for an answer: "للمرة الثالثة اسأل", "I've asked four times", "ما زلت
   * انتظر الرد منذ الصباح", "been waiting since this morning for someone", "nobody picks up".
   */
  private static final Pattern ASKED_AGAIN =
      words(
          "للمره الثالثه|للمره التالته|للمره الرابعه|تالت مره|رابع مره|كل ما اكلمكم|كل ما اكلمكو|كل مره اسال|"
              + "third time|fourth time|fifth time|three times|four times|five times|(?:[3-9]|10) times|"
              + "keep asking|asked again and again|happened again|happens again|second time this|"
              + "تاني مره يحصل|مره تانيه يحصل|talet mara|talt mara|rabe3 mara|kol ma akalemko|tany mara ye7sal");

  private static final Pattern NO_ANSWER =
      words(
          "لا احد يرد|لا يرد احد|محدش بيرد|محدش رد|محدش يرد|مفيش حد بيرد|مفيش حد يرد|مش بتردوا|مبتردوش|"
              + "nobody answers|no one answers|nobody picks up|no one picks up|nobody replies|no one replies|"
              + "nobody responds|no one responds|no reply|no response|keep getting nothing|getting nothing|"
              + "haven t heard back|havent heard back|never heard back|no one got back|nobody got back|never got back|"
              + "still no reply|still no answer|still no response|can t reach anyone|cant reach anyone|"
              + "trying to reach you|tried to reach you|tried calling|لم يرد احد|لم يتواصل معي احد|محدش كلمني|محدش رجعلي|"
              + "ma7adsh kallemni|ma7adsh kalemni|ma7adsh rg3li|ma7adsh rege3li|"
              + "ma7adsh byrod|m7adsh byrod|ma7adesh byrod|mafeesh 7ad byrod|mfish 7ad byrod|msh btrodo|mabtrodosh");

  /** Waiting for an answer or a person, not for an order: "انتظر الرد", "waiting … for someone". */
  private static final Pattern WAITING_FOR_AN_ANSWER =
      words(
          "(?:انتظر|منتظر|مستني|مستنيه|بستني|waiting|waited|mestany|mstany|mestanya|bastana) (?:\\S+ ){0,4}"
              + "(?:الرد|رد|ردكم|حد|احد|someone|anyone|a reply|an answer|a response|your reply|el rad|radd|7ad)");

  /** The shop not there at the customer's appointment: "قالوا لا يوجد فني", "no technician". */
  private static final Pattern NO_ONE_THERE =
      words(
          "لا يوجد فني|مفيش فني|مكنش في فني|مكانش فيه فني|no technician|no tech was|no one to fix|"
              + "mafeesh fanny|mafish fanny|mkansh fe fanny");

  /** A fault soon after buying and a wait refused: "ارفض ان انتظر", "now you want me to wait". */
  private static final Pattern BROKE =
      words(
          "توقف|توقفت|عطل|عطلت|باظ|باظت|بطل|بطلت|مش شغال|مش شغاله|لا يعمل|لا تعمل|stopped|died|broke|"
              + "doesn t work|doesnt work|not working|msh sha8al|msh shaghal|msh shaghala|bayez|bayza|ba2et bayza|bata");

  private static final Pattern WAIT_REFUSED =
      words(
          "ارفض ان انتظر|ارفض الانتظار|لن انتظر|مش هستني|مش هستنى|وعايزني استني|وعايزيني استني|وعايزين استني|"
              + "refuse to wait|won t wait|not waiting|now you want me to wait|you want me to wait|"
              + "msh hastana|mesh hastana|w 3ayzeeni astana|w 3ayzny astana");

  /** An order the shop cancelled unasked: "الطلب اتلغى من غير ما حد يقولي". */
  private static final Pattern CANCELLED_UNASKED =
      words(
          "(?:الطلب|الاوردر|طلبي|اوردري|order|my order|el order) (?:\\S+ ){0,2}(?:اتلغي|اتلغى|تم الغاؤه|تم الغاء|الغي|was cancel|got cancel|"
              + "cancelled|canceled|etlagha|etl3'a|etlaghy)\\S* (?:\\S+ ){0,2}(?:من غير|بدون|دون|without|mn 3'er|men 3'er|mn gher|bdoon)");

  /** Paid and the order still unpaid: "دفعت … ولسه مكتوب مستني الدفع". */
  private static final Pattern STILL_UNPAID =
      words(
          "مستني الدفع|في انتظار الدفع|بانتظار الدفع|لم يتم الدفع|awaiting payment|pending payment|"
              + "payment pending|still unpaid|says unpaid|not paid|mestany el daf3|mstany el daf3|fe entezar el daf3");

  /** A shop that promised and did otherwise: "وعدتوني", "you promised". */
  private static final Pattern PROMISED =
      words(
          "وعدتوني|وعدوني|وعدتني|وعدتونا|you promised|promised me|wa3adtoony|wa3adtony|wa3adooni|wa3adoony");

  /** What was promised never happened: "and nobody called", "ومحدش كلمني". */
  private static final Pattern NEVER =
      words("never|nobody|no one|still|محدش|ماحدش|ولم|لم يتم|ولسه|لسه|ma7adsh|m7adsh|lessa|lesa");

  /** The customer's own "I ordered X and got Y": an order and what came. */
  private static final Pattern RECEIVED =
      words(
          "وجالي|وجاني|ووصلني|ووصلتني|وصلني|وجالنا|and got|but got|and received|but received|i got|w gali|w galy|w weslni");

  /** A challenge put to the shop: "ايه ده؟", "is this a joke?", "leeh?". */
  private static final Pattern CHALLENGE =
      words(
          "ايه ده|ايه دا|ما هذا|هل هذا معقول|معقول كده|is this a joke|are you kidding|you kidding|seriously|"
              + "what is this|eh da|eih da|ezay keda|leeh keda|leh keda");

  /** Wants a human, not a bot: "عايز بني ادم", "اريد انسان يفهمني", "3ayz bani adam". */
  private static final Pattern WANTS_A_HUMAN =
      words(
          "(?:عايز|عاوز|عايزه|اريد|ابغي|ابي|بدي|محتاج|want|need|3ayez|3ayz|3awez|3ayza|3awza|me7tag) (?:\\S+ )?"
              + "(?:بني ادم|بنى ادم|انسان|شخص حقيقي|حد حقيقي|a human|human|real person|a real person|bani adam|bany adam|7ad 7a2e2y|ensan)");

  /** A call asked for, or a number to call: "مكالمه هاتفيه", "send me a number i can call". */
  private static final Pattern A_CALL =
      words(
          "مكالمه هاتفيه|مكالمه تليفونيه|اتصال هاتفي|رقم اكلمه|رقم اتصل|رقم اكلم|"
              + "phone call|a number i can call|number i can call|want to call them|wanna call them|call you instead|"
              + "ykallemni|ykalemni|yekallemni|yetasel beya|yetasel bya|feen el hotline|el hotline");

  /** Asks for a person in words no request lexicon names: a human, not a bot, or a call. */
  boolean wantsAPerson(TextView text) {
    String s = haystack(text);
    return WANTS_A_HUMAN.matcher(s).find() || A_CALL.matcher(s).find();
  }

  /** A grievance told, however calmly: a complaint for a person. */
  boolean toldCalmly(TextView text) {
    String s = haystack(text);
    String raw = text.raw();
    return ARRIVED.matcher(s).find() && WITHOUT.matcher(s).find()
        || BOX_OPENED.matcher(s).find()
        || ORDERED.matcher(s).find() && GOT_OTHER.matcher(s).find()
        || CHARGED.matcher(s).find() && ABOVE_WHAT_WAS_DUE.matcher(s).find()
        || QUOTED.matcher(s).find() && TURNED_OUT.matcher(s).find()
        // "the courier took 95 from me", "I paid 35 EGP more than your delivery fee"
        || TOOK_FROM_ME.matcher(s).find()
            && (MORE.matcher(s).find() || BUT.matcher(s).find())
            && !SUPPOSED.matcher(s).find()
        || PAID.matcher(s).find() && MORE.matcher(s).find() && !SUPPOSED.matcher(s).find()
        || REPAIRED_THERE.matcher(s).find() && WORSE.matcher(s).find()
        || UNSAFE.matcher(s).find()
        || NOBODY_CAME.matcher(s).find()
        // "رحت الفرع لقيته مقفول" told; "بتفتحوا امتى؟ رحت امبارح لقيته مقفول" asks the hours
        || WENT.matcher(s).find() && CLOSED.matcher(s).find() && !raw.matches("(?s).*[?؟].*")
        || NOT_GENUINE.matcher(s).find()
        || LOOKS_USED.matcher(s).find()
            && (ARRIVED.matcher(s).find() || BOUGHT.matcher(s).find())
            && !asksBeforeBuying(s)
        || GIVES_UP.matcher(s).find()
        || SARCASM.matcher(s).find()
        || SPEED_THANKED.matcher(s).find() && MOCKING_EMOJI.matcher(raw).find()
        || CANNED.matcher(s).find()
        || ANSWER_ME.matcher(s).find() && INSISTING.matcher(raw).find()
        || ASKED_AGAIN.matcher(s).find()
        || NO_ANSWER.matcher(s).find()
        || WAITING_FOR_AN_ANSWER.matcher(s).find()
        || NO_ONE_THERE.matcher(s).find()
        || BROKE.matcher(s).find() && WAIT_REFUSED.matcher(s).find()
        || CANCELLED_UNASKED.matcher(s).find()
        || PAID.matcher(s).find() && STILL_UNPAID.matcher(s).find()
        || PROMISED.matcher(s).find()
            && (TOOK_FROM_ME.matcher(s).find()
                || CHARGED.matcher(s).find()
                || BUT.matcher(s).find()
                || NEVER.matcher(s).find())
        || ORDERED.matcher(s).find() && RECEIVED.matcher(s).find() && CHALLENGE.matcher(s).find()
        || CHALLENGE.matcher(s).find() && MOCKING_EMOJI.matcher(raw).find();
  }

  /** "اصلي ولا كوبي؟", "is it original?": a question before buying, not a grievance. */
  private static final Pattern BEFORE_BUYING =
      words(
          "اصلي ولا|ولا كوبي|ولا تقليد|is it original|are they original|original or|asly wala|asly walla");

  private static boolean asksBeforeBuying(String s) {
    return BEFORE_BUYING.matcher(s).find();
  }

  /**
   * A matter a person must handle whatever the words ask: a phone stolen or lost, the police or a
   * court, a minor's purchase, private photos or data, a phone found.
   */
  boolean delicate(TextView text) {
    String s = haystack(text);
    return STOLEN_OR_LEGAL.matcher(s).find()
        || MINOR.matcher(s).find()
        || PRIVATE_DATA.matcher(s).find()
        || FOUND_A_PHONE.matcher(s).find();
  }
}
