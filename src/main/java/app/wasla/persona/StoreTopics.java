package app.wasla.persona;

import app.wasla.persona.nlp.TextView;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The store-information questions whose answer is one playbook passage (delivery fees, hours,
 * branches, returns, warranty, repairs, instalments, who Nour is), recognised by their subject and,
 * where the subject alone is ambiguous, the question asked of it ("الشحن بكام" is a fee, "الشحن
 * اتأخر" is not). Matched on the normalised words and their canonical Arabizi spelling. Also:
 * products the shop does not sell, and corporate or wholesale orders.
 */
final class StoreTopics {

  /** A topic: the passage that answers it and the intent it is read as. */
  record Topic(String name, String passageId, String intent) {}

  static final Topic INSTALMENTS = new Topic("instalments", "payment-methods", Intents.PAYMENT);
  static final Topic DELIVERY_FEES = new Topic("delivery_fees", "delivery-fees", Intents.OTHER);
  static final Topic HOURS = new Topic("hours", "hours", Intents.OTHER);
  static final Topic RETURNS = new Topic("returns", "returns", Intents.OTHER);
  static final Topic WARRANTY = new Topic("warranty", "warranty", Intents.OTHER);
  static final Topic BRANCHES = new Topic("branches", "branches", Intents.OTHER);
  static final Topic WHO = new Topic("who_is_nour", "jobs-and-other", Intents.OTHER);
  static final Topic REPAIRS = new Topic("repairs", "repairs", Intents.OTHER);
  static final Topic JOBS = new Topic("jobs", "jobs", Intents.OTHER);

  /**
   * When an order can be picked up at a branch: the order's own status when there is one (the
   * tracking flow reads the topic), else how pickup works.
   */
  static final Topic PICKUP = new Topic("pickup", "pickup", Intents.ORDER_STATUS);

  /** Offers and discounts: the playbook has none to name, and the answer says so. */
  static final Topic OFFERS = new Topic("offers", "offers", Intents.OTHER);

  static final Topic PAYMENT_METHODS =
      new Topic("payment_methods", "payment-methods", Intents.PAYMENT);

  /**
   * A store question the playbook has no passage for (a tax invoice, the shop's Instagram, buying
   * used phones): said plainly, with what Nour can help with.
   */
  static final Topic NOT_IN_PLAYBOOK =
      new Topic("not_in_playbook", "not-in-playbook", Intents.OTHER);

  /** "ممكن متبعتوليش رسايل عروض تاني": the offers stopped; how to stop them is the answer. */
  static final Topic MARKETING_OPT_OUT =
      new Topic("marketing_opt_out", "marketing-opt-out", Intents.OTHER);

  /** "yes i agree to save my data": the customer's consent, thanked for. */
  static final Topic DATA_CONSENT = new Topic("data_consent", "data-consent", Intents.OTHER);

  private static Pattern words(String alternatives) {
    return Pattern.compile("(?<=\\s)(?:" + alternatives + ")");
  }

  private static final Pattern INSTALMENT =
      words(
          "تقسيط|بالتقسيط|اقسط|تقسط|نقسط|قسط|اقساط|فاليو|installment|instalment|valu|taset|tasit|aaset|aset|a2aset|ta2set|asat|2est|2ast|a2sat|2esto|el 2est|اقسم المبلغ|نقسم المبلغ|split the payment");

  /**
   * Work at the shop asked about ("محتاجين موظفين؟", "are you hiring?"): not a request for one of
   * its people ("عايز اكلم موظف").
   */
  private static final Pattern JOBS_WORD =
      words(
          "وظايف|وظائف|الوظايف|الوظائف|وظيفه|الوظيفه|توظيف|بتوظفوا|توظفون|تعينوا|بتعينوا|تعيين|فرص عمل|فرصه عمل|فرصه شغل|"
              + "محتاجين موظفين|محتاجين ناس|تحتاجون موظفين|مطلوب موظفين|تطلبون موظفين|اشتغل معاكم|اشتغل عندكم|اشتغل معاكو|"
              + "العمل لديكم|اعمل لديكم|العمل معكم|اعمل معكم|سيرتي الذاتيه|السيره الذاتيه|السي في|تدريب صيفي|"
              + "hiring|hire|jobs|job|vacancy|vacancies|careers|career|work for you|work with you|internship|"
              + "wazayef|wazaef|wazefa|wazifa|wazyfa|wazayf|tawzeef|ashtaghal m3ako|ashtghal m3ako|ashtaghal ma3ako|"
              + "me7tageen mowazafeen|mehtagen mowazfen|me7tagin mwazfin");

  /** "عايز اقدم في المبيعات", "3ayez a2dem": to apply for a job (not "عايز اقدمه", a booking). */
  private static final Pattern APPLY =
      words(
          "(?:عايز|عاوز|عايزه|حابب|اريد|ممكن|ازاي|كيف|ينفع|momken|3ayez|3ayza|7abeb|habeb|ezay|yenfa3)\\s+"
              + "(?:ا|ن)(?:قدم|تقدم|قدملكم|قدم عندكم)(?=\\s)|"
              + "(?:3ayez|3ayza|momken|ezay|yenfa3|7abeb)\\s+(?:a2dem|adem|at2adem|atadem)(?=\\s)|"
              + "اقدم في (?:المبيعات|الوظيفه|الشغل|وظيفه)|اقدم علي (?:وظيفه|الوظيفه|شغل)|"
              + "apply for a job|apply for the job|apply for a position|how to apply|how do i apply|can i apply|to apply|"
              + "a2dem 3andoko|a2dem 3ala wazifa|a2dem f el");

  /** The shop asked whether it hires: "بتطلبوا موظفين؟", "betotlobo mowazafeen?". */
  private static final Pattern HIRING =
      words(
          "بتطلبوا موظفين|تطلبوا موظفين|طالبين موظفين|بتطلبوا ناس|عايزين موظفين|عاوزين موظفين|محتاجين حد يشتغل|"
              + "تطلبون موظفين|هل تحتاجون موظفين|هل لديكم وظائف|"
              + "(?:betotlobo|btotlobo|bto?tlobo|totlobo|talbeen|talben|3ayzeen|me7tageen|mehtageen)\\s+(?:mowazafeen|mowazafen|mowazfen|mwazfen|mowazafin|nas)");

  /**
   * What one "applies" for besides a job: "ازاي اقدم على صيانة", "كيف أقدم طلب إصلاح؟", "a2dem
   * shakwa": a repair, a return or a complaint, no job.
   */
  private static final Pattern APPLIED_FOR_A_SERVICE =
      words(
          "صيانه|للصيانه|تصليح|اصلاح|طلب اصلاح|طلب صيانه|شكوي|شكوى|مرتجع|استرجاع|ارجاع|ضمان|استبدال|"
              + "repair|return|complaint|claim|refund|warranty|seyana|syana|tasle7|shakwa|daman");

  /** Not the shop's work: "job" of a repair ("a great job"), a CV kept for nothing else. */
  private static final Pattern NOT_A_JOB =
      words("great job|good job|bad job|nice job|the job done|job done");

  /**
   * "عمل" of the shop's hours: "ما هي مواعيد العمل لديكم؟", "ما مواعيد عمل الفرع؟" ask when the
   * shop works, not whether it hires.
   */
  private static final Pattern WORK_OF_THE_HOURS =
      Pattern.compile("(?<=\\s)(?:العمل|عمل|اعمل)(?=\\s)");

  /** "محتاجين موظفين؟", "are you hiring?": work at the shop. */
  boolean asksAboutJobs(TextView text) {
    String s = haystack(text);
    if (HOURS_WORD.matcher(s).find()) {
      // "مواعيد العمل لديكم" are the opening hours; jobs only with a word of their own
      // ("وظائف", "توظيف", "vacancies")
      s = WORK_OF_THE_HOURS.matcher(s).replaceAll(" ");
    }
    return (JOBS_WORD.matcher(s).find()
            || HIRING.matcher(s).find()
            || APPLY.matcher(s).find() && !APPLIED_FOR_A_SERVICE.matcher(s).find())
        && !NOT_A_JOB.matcher(s).find();
  }

  private static final Pattern DELIVERY =
      words(
          "شحن|الشحن|وشحن|توصيل|التوصيل|والتوصيل|للتوصيل|delivery|deliver|shipping|ship|shahn(?=\\s)|elshahn|tawsel|eltawsel|twsel");
  private static final Pattern COST =
      words(
          "بكام|كام|مصاريف|مصروفات|رسوم|تكلف|سعر|مجان|ببلاش|فري|فلوس|قيمه|how much|cost|fee|charge|price|free|bkam|kam|masaref|mgan|bbalash|balash|flos|se3r");
  private static final Pattern DELIVER_TO =
      words(
          "بتوصلوا|توصلوا|توصلون|بتشحنوا|تشحنوا|تشحنون|do you deliver|deliver to|ship to|btwaslo|twaslo|btshhno|"
              // "fe delivery?", "فيه توصيل؟", "3andoko shahn?": whether the shop delivers at all
              + "(?:في|فيه|فى|عندكم|عندكو|f|fe|feh|fi|3andoko|3andko|3ndko) (?:توصيل|شحن|delivery|shipping|tawsel|shahn)(?=\\s)");

  /** "طب والشحن؟", "w el delivery?": shipping asked alone, the message naming nothing else. */
  private static final Pattern DELIVERY_ALONE =
      Pattern.compile(
          "(?:(?:طب|طيب|و|ف|tab|w|we|and|what|about|how|el|the)\\s+)*"
              + "(?:(?:و|ف)?(?:ال)?(?:شحن|توصيل)|(?:w|we|wel)?(?:el ?)?(?:delivery|shipping|shahn|tawsel))");

  /** "الشحن بيوصل امتى؟": how long delivery takes, asked of no order in particular. */
  private static final Pattern DELIVERY_WHEN =
      words(
          "امتى|متى|امتي|متي|امته|خلال كام|كام يوم|بياخد|ياخد|يستغرق|when|how long|how many days|emta|amta|byakhod|kam yom|kam youm");

  /** Words that name the customer's own order: then "when does it arrive?" tracks it. */
  private static final Pattern AN_ORDER_OF_THEIRS =
      words(
          "طلبي|الطلب|طلبيتي|اوردري|الاوردر|اوردر|بتاعي|بتاعتي|شحنتي|رقم|my order|my package|my parcel|my shipment|order|tracking|"
              + "talaby|el order|bta3y|bta3ty|ord");

  private static final Pattern HOURS_WORD =
      words(
          "مواعيد|مواعيدكم|ساعات العمل|ساعات الدوام|اوقات العمل|اوقات الدوام|اوقات الفتح|بتفتحوا|بتقفلوا|تفتحون|تغلقون|تفتحوا|تقفلوا|فاتحين|شغالين يوم|تعملون يوم|shaghalen yom|"
              + "بيفتح|بيقفل|بتفتح|بتقفل|يفتح|يغلق|تفتح|تقفل|تغلق|بتشتغلوا يوم|تعملون صباح|btshtghalo yom|"
              + "opening hours|working hours|business hours|your hours|ur hours|store hours|shop hours|what hours|"
              + "hours of operation|are you open|you open|open today|open on|open till|open until|closing time|"
              + "you close|close at|closes|opens|open at|"
              + "mawa3ed|mawa3edko|mwa3ed|btfthho|btfatho|btaflo|btafflo|fathen|byefta|byeftah|bye2fel|byafel|btefta|bte2fel|"
              // "enta fate7 delwa2ty?", "are you open now?", "فاتحين دلوقتي؟"
              + "fate7|fateh|fat7|fat7en|fat7een|fatheen|fat7in|فاتح|فاتحين دلوقتي|مفتوح|مفتوحين|open now|open right now|open yet|still open|"
              // "لو جيت ١٠ ونص بالليل هلاقيكم؟", "law ge2t 10 ha2ly 7ad?": will the shop be open
              // then
              + "هلاقيكم|هلاقيكو|هلاقي حد|هالاقيكم|هلاقيك|الاقيكم|هنلاقيكم|"
              + "hala2eko|hala2ekom|hla2eko|hala2eeko|halaeko|halaekom|ha2ly 7ad|hala2y 7ad|hla2y 7ad|haly had|halay had");
  private static final Pattern LINK_WORD =
      words(
          "رابط|الرابط|لينك|اللينك|التطبيق|الابلكيشن|link|links|app|website|site|lenk|ellink|rabet");
  private static final Pattern BOOKING_WORD =
      words("حجز|احجز|صيانه|ميعاد صيانه|appointment|book|booking|repair|hagz|ahgez|seyana|sayana");

  /** The Arabizi verb "to fix" (canonical spelling, 7 → h): btsalah, bt9alaho, asalah, ytsalah. */
  private static final String REPAIR_VERB = "(?:bt|bet|t|yt|a|n|y|by|bey)[s9]a?ll?a?h";

  /** A part changed, in Arabizi: "te8yeer shasha", "taghyer el battery". */
  private static final String PART_CHANGED_ARABIZI =
      "t[ae]?gh?ye?r (?:el )?(?:shash|battery|batar|screen|camera|kamera|port|charging)";

  private static final Pattern REPAIR_WORD =
      words(
          "صيانه|الصيانه|تصليح|التصليح|اصلاح|بتصلحوا|تصلحوا|تصلحون|بتغيروا شاشات|تغيير الشاشه|تغيير شاشه|تغيير البطاريه|تغيير بطاريه|"
              + "تغييرها|تغيرها|تغييره|تغيره|بتغيروها|بتغيروه|تغيروها|تغيروه|btghayaroha|bt8ayaroha|btghayroha|bt8ayroha|btghayaroh|"
              + "استبدال البطاريه|استبدال بطاريه|استبدال الشاشه|استبدال شاشه|لاستبدال بطاريه|لاستبدال البطاريه|لاستبدال الشاشه|لاستبدال شاشه|"
              + "repair|repairs|fix|fixing|siana|siyana|syana|screen replacement|battery replacement|replace the|replace my|replace it|replace with|to replace|seyana|sayana|tasleh|btsalho|"
              + "taghyer el shasha|taghyer shashet|taghyer el battery|taghyer el batarya|taghyer battery|taghyer batarya|battery swap|swap|"
              // "الشاشة دي تتصلح بكام؟", "ta5od kam t8yerha?": the thing itself fixed or changed
              + "تتصلح|يتصلح|بتتصلح|تتصلحش|تصلحها|تصلحهولي|تصليحها|تصليحه|"
              + "t8yerha|t8yirha|tghyerha|tghyirha|taghyerha|taghyirha|t8ayarha|tghayarha|t8yero|tghyero|taghyero|"
              + "tetsale7|yetsale7|tetsalla7|tsala7ha|tsal7ha|tasle7ha|tasli7ha|"
              // "battery change for samsung a52", "bt9la7o shashat iphone?" (9 for ص)
              + "battery change|screen change|change battery|change the battery|change my battery|change screen|change the screen|"
              + "bt9la7o|bt9al7o|bt9le7o|t9la7o|bt9alla7o|btsla7o|btsle7o|btsal7o|bts9la7o|9ayana|9eyana|9iyana|"
              // "bt9ala7o mobilat?", "el siyana btsala7 ay brand?", "asala7 el mob" (canonical 7 →
              // h)
              + REPAIR_VERB
              + "|"
              // "te8yeer shasha a55 bkam?", "taghyer battery samsung"
              + PART_CHANGED_ARABIZI);
  private static final Pattern REPAIR_INFO =
      words(
          "بكام|كام|تكلف|سعر|بتصلحوا|تصلحون|هل تصلح|بتغيروا|بتعملوا|قد ايه|بياخد|ياخد|يستغرق|فيهم صيانه|فيه صيانه|مركز صيانه|مده|"
              + "هل تقومون|تقومون|هل يمكنكم|نفس اليوم|في نفس اليوم|"
              + "how much|cost|price|do you|can you|how long|repair cent|bkam|kam|se3r|btsalho|bt3mlo|bt3melo|btghayro|ad eh|byakhod|fehom|same day|"
              + "بتغيروها|بتغيروه|btghayaroha|bt8ayaroha|btghayroha|bt8ayroha|"
              + "do u|can u|bt9la7o|bt9al7o|bt9le7o|btsla7o|btsle7o|btsal7o|ta2reeban|ta2riban|tareban|"
              // "el siyana f smou7a shaghala?", "btsala7 ay brand?": whether and what it repairs
              + "شغاله|شغالين|اي ماركه|اي براند|اي نوع|كل الماركات|اي موبايل|shaghala|shaghalen|ay brand|any brand|all brands|ay mobile|ay marka|"
              + REPAIR_VERB);

  /**
   * "Do I need to book, or can I just walk in?" asks how the repair service works, though it names
   * a booking.
   */
  private static final Pattern WALK_IN =
      words(
          "على طول|مباشره|walk in|walk-in|show up|just come|3ala tool|لازم احجز|يلزم حجز|"
              // "do I need to book?" asks; "I need to book a repair" books
              + "do i need to book|do we need to book|do you need to book|need to book first|do i need an appointment|"
              + "do you need an appointment|need an appointment or|do i need a booking|lazem ahgez|lazem a7gez|mehtaga me3ad|me7taga me3ad|محتاجه ميعاد|تحتاج .{0,12}موعد");

  /** "Do you repair cracked screens?" asks about the service, though it names a defect. */
  private static final Pattern REPAIR_ASK =
      words(
          "بتصلحوا|تصلحون|هل تصلح|بتغيروا|هل تقومون|تقومون|do you fix|do you repair|can you fix|can you repair|btsalho|btghayro|btsal7o|"
              + "do u fix|do u repair|can u fix|can u repair|bt9la7o|bt9al7o|bt9le7o|btsla7o|btsle7o|"
              + "(?:bt|bet|by|bey)[s9]a?ll?a?h");

  /** A part of the phone replaced ("استبدال بطارية", "replace the battery"): a repair. */
  private static final Pattern PART_REPLACED =
      words(
          "(?:استبدال|استبدل|ابدل|تبديل|لاستبدال|replace|replacing|exchange|change|estebdal|abdel|badel)"
              + "\\s+(?:ال|لل)?(?:بطاري|شاش|battery|batteries|screen|batarya|battarya|shasha)");

  /**
   * "فين اقرب فرع ليا؟", "where is your branch?" asked beside a product question: a question of its
   * own about the branches ("is the iPhone in the Alexandria branch?" is not: it asks stock).
   */
  private static final Pattern NEAREST_BRANCH =
      words(
          "(?:فين|وين|اين|where|wheres|fein|fen|fin)\\s+(?:\\S+\\s+){0,2}(?:فرع|الفرع|فروعكم|الفروع|فرعكم|branch|branches|far3|el far3|fro3)|"
              + "اقرب فرع|nearest branch|closest branch|a2rab far3");

  private static final Pattern STOCK_ASK =
      words(
          "متاح|متوفر|موجود|يتوفر|تتوفر|in stock|available|mawgod|mawgood|mota7|motah|metwafer|motawafer|mtwafer");
  private static final Pattern PRODUCT_KIND =
      words(
          "شاحن|الشاحن|سماع|السماع|موبايل|الموبايل|تليفون|هاتف|الهاتف|جراب|الجراب|كابل|الكابل|ساعه|الساعه|باور|الباور|اسكرين|"
              + "charger|phone|case|cable|watch|earbuds|headphones|power bank|speaker|sama3a|mobile|cover|gorab");
  private static final Pattern PRICE_ASKED =
      words("بكام|كام|تكلف|سعر|how much|cost|price|bkam|kam|se3r");
  private static final Pattern BOOK_VERB =
      words(
          "احجز|حجز|نحجز|ميعاد|موعد|معاد|سجل لي|سجلي|سجلني|زياره لمركز|book|appointment|reservation|slot|set up a visit|sign me up|"
              + "ahgez|hagz|nhgez|me3ad|ma3ad|mi3ad|sagelny|sagelly|sagelni|"
              // "انا كنت حاجز يوم السبت", "ana kont 7agez": a booking of theirs
              + "حاجز|hagez|hagza");
  private static final Pattern DEFECT =
      words(
          "باظ|بايظ|عطلان|عطل|مكسور|اتكسر|مضروب|عيب|تالف|معيب|مش شغال|لا يعمل|مبيشتغلش|مش بيشحن|بيسخن|"
              + "broken|broke|defective|faulty|not working|stopped working|doesn't work|doesnt work|cracked|damaged|dead|"
              + "bayez|bayza|baz|3atlan|3atla|maksor|mksor|msh shaghal|msh shaghala|3eb|"
              + "اتشرخ|اتشرخت|مشروخ|مشروخه|شرخ|وقع مني|وقعت مني|بينفخ|منفوخ|منفوخه|swollen|swelling|bynafa5|mnafa5|etshara5|mashroo5");
  private static final Pattern COVERS =
      words(
          "يشمل|بيشمل|بيغطي|يغطي|يغطى|cover|covers|covered|include|includes|bygati|byghati|yeghati|"
              // "el daman by8atiha?" (canonical "byghateha")
              + "by8ati|by8aty|byghate|bygate|ye8ati|yeghate|hay8ati|haygh?ate");
  private static final Pattern RETURN_WORD =
      words(
          "ارجع|ارجاع|الارجاع|استرجاع|الاسترجاع|استرداد|استبدل|استبدال|الاستبدال|ابدل|اغير المنتج|مرتجع|"
              + "الفلوس بترجع|بترجع الفلوس|ترجع الفلوس|الفلوس هترجع|اعاده المبلغ|refund|refunds|btrga3|betrga3|btreg3|"
              + "return|returns|exchange|swap the|swap it|swap my|don't like it|dont like it|msh 3agebny|mesh 3agebny|معجبنيش|لم يعجبني|لم يعجبه|araga3|arag3|arga3|arg3|argaa|rag3|ragaa|raga3|ragga3|trg3|terga3|targa3|yrg3|yerga3|estebdal|estergaa|abdel|badel|astabdel|estabdel|nestabdel");
  private static final Pattern WARRANTY_WORD =
      words(
          "ضمان|الضمان|بضمان|وضمان|warranty|guarantee|daman|eldaman|bdaman|"
              // the French-borrowed "garanty" ("law el mobile fih moshkla fel garanty a3mel eh?")
              + "garanty|garanti|garantee|garantie|fel garanty|el garanty|جارانتي");

  /** "original ولا copy؟", "is it original?": answered by the warranty (the agent's). */
  private static final Pattern ORIGINAL =
      words(
          "original|orginal|اصلي|اصليه|asly|asli|asleya|copy|كوبي|high copy|هاي كوبي|تقليد|مقلد|fake|imitation|ta2leed|mo2alad");

  /** Offers and discounts asked about: "فيه اي عروض او خصومات؟", "any discounts?". */
  private static final Pattern OFFER_WORD =
      words(
          "عروض|العروض|خصومات|الخصومات|خصم(?=\\s)|تخفيض|تخفيضات|التخفيضات|كوبون|برومو|"
              + "offers|discount|discounts|promo|promos|promotion|promotions|coupon|deals|3orood|3orod|3rod|khosomat|5osomat|takhfedat");

  private static final Pattern BRANCH_WORD =
      words(
          "فرع|فروع|الفرع|الفروع|فرعكم|عنوان|عنوانكم|مكانكم|لوكيشن|محلكم|المحل|branch|branches|address|located|location|"
              + "store location|far3|elfar3|fro3|fr3|fer3|3enwan|makanko|ma7alko|mahalko");
  private static final Pattern WHO_WORD =
      words(
          "انت بوت|انتي بوت|روبوت|انت مين|انتي مين|من تكونين|من تكون|مين انتي|مين معايا|من انت|من انتي|هل انت انسان|who are you|are you a bot|are you human|"
              + "are you a robot|bot\\?|robot|enty men|enta men|mn m3aya|men ma3aya|ام برنامج|ولا برنامج|ام بوت|ولا بوت|ام روبوت|"
              + "بوت ولا|بوت ولا بني ادم|نظام الي|نظام آلي|مع نظام|اتكلم مع بوت|"
              + "or a bot|or a person|or a human|wala bot|wala robot|"
              // "are u a real person?": whether Nour is one
              + "are u a real|r u a real|are you a real|are u real|r u real|are you real|r u human|are u human|"
              + "am i talking to a real|is this a real person|"
              + "talking to a bot|talking to a human|who is this|who am i talking|who am i speaking|who am i chatting|"
              // "انا بكلم مين دلوقتي؟", "ana bkalem meen?": who is on the other side
              + "بكلم مين|باكلم مين|بتكلم مع مين|bkalem meen|bakalem meen|bkalem min|bakalem min|bkalem mein|betkalem ma3 meen|enta bot|enty bot|bot wala|meen m3aya|meen ma3aya|"
              // "انتي bot ولا حد حقيقي؟": a bot named in Latin letters in an Arabic question
              + "انتي bot|انت bot|bot ولا|robot ولا|انتي robot|انت robot|"
              // "who is replying to me?", "r u a real person?": what Nour is
              + "مين اللي بيرد|مين بيرد|مين اللي معايا|من الذي يرد|من يرد علي|meen elly byrod|men elly byrod|min elly byrod|meen byrod|"
              + "who is replying|who's replying|whos replying|who is answering|who's answering|"
              + "r u a real|are you a real|r u real|are you real|r u human|r u a bot|r u a person|are you a person|"
              // her name and who she is: "ما اسمك؟", "whats ur name", "who r u", "مين نور؟", "enty
              // mowazafa?"
              + "ما اسمك|ما هو اسمك|ايه اسمك|اسمك ايه|اسمك اي|اسمك منين|مين حضرتك|من حضرتك|"
              + "what's your name|whats your name|what is your name|what's ur name|whats ur name|what is ur name|"
              + "your name\\?|ur name\\?|who r u|who are u|who r you|who're you|"
              + "esmek eh|esmik eh|esmak eh|esmk eh|esmek a|esmk a|eh esmek|esmek ea|"
              + "من هي نور|من هى نور|مين نور|مين هي نور|من نور|نور مين|هل نور|نور دي مين|"
              + "who is nour|who's nour|whos nour|meen nour|men nour|min nour|mn nour|nour meen|nour men|"
              + "هل هي موظفه|هل انت موظفه|هل انتي موظفه|انتي موظفه|انت موظفه|انت موظف|"
              + "are you an employee|are you staff|do you work (?:there|here|at the)|"
              + "enty mowazafa|enti mowazafa|enty mwazafa|enty mowazfa|enta mowazaf|howa meen|hya meen");
  private static final Pattern CUSTOMER_ADDRESS =
      words(
          "العنوان ده|عنواني|لعنواني|هذا العنوان|لبيتي|للبيت|لحد البيت|منزلي|my place|my home|to my house|lel beet|"
              + "عنوان التوصيل|علي العنوان|علي عنوان|الي العنوان|الي عنوان|"
              + "this address|my address|to the address|to my address|"
              + "3enwany|3enwan da|el 3enwan da|3al 3enwan|3ala el 3enwan|3la el 3enwan|"
              + "ابعتلك العنوان|ابعتلكم العنوان|ارسل لكم العنوان|ارسل العنوان|send you the address|send you my address|"
              + "send the address|send my address|ab3tlk el address|ab3atlak el address|ab3tlko el address|el address bta3y|"
              + "ab3tlk el 3enwan|ab3atlak el 3enwan");
  private static final Pattern SEND_IT =
      words(
          "ابعتهولي|ابعتهالي|ابعتوه|ابعتوها|ابعتهولنا|ارسلوه|ارسلوها|ارسله|ارسلها|وصلوه|وصلوها|"
              + "ship it|send it|deliver it|ship them|send them|ab3atholy|ab3athaly|ab3atoh|ab3toh|ebaatholy|ab3tholi|ab3atholi");
  private static final Pattern ALEXANDRIA =
      words("اسكندري|الاسكندري|اسكندريه|الاسكندريه|سموحه|alex|eskend|eskandar|iskand|smoha|smouha");
  private static final Pattern CAIRO =
      words("القاهره|قاهره|مدينه نصر|cairo|kahera|qahera|nasr|2ahera|ahera|el 2ahera");

  private static final Pattern PAYMENT_WORD =
      words(
          "انستاباي|الانستاباي|انستا باي|فودافون كاش|محفظه|المحفظه|محافظ|"
              + "instapay|insta pay|vodafone cash|e-wallet|wallet|wallets|mahfaza|"
              // "بتقبلوا فيزا في الفرع؟": how to pay at the branch, not where the branch is
              + "فيزا|الفيزا|بالفيزا|البطاقات الائتمانيه|بطاقه ائتمان|بطاقات ائتمان|كريدت كارد|fawry|"
              + "credit card|credit cards|debit card|visa card");

  /**
   * A card or cash asked about with no product named ("bt2blo visa f el far3?", "do you take visa
   * at the branch or cash only"): how to pay. Beside a product ("I'm buying the S24, I'll pay by
   * card") it is an order's.
   */
  private static final Pattern CARD_OR_CASH =
      words(
          "visa|mastercard|master card|by card|pay by card|pay with card|card payment|cash only|"
              + "bel card|bl card|bel visa|bl visa|كروت|بالكارت|بالبطاقه|نقدا|نقدي");

  /** Cash on delivery asked about: how to pay first, beside a city's delivery fee. */
  private static final Pattern CASH_ON_DELIVERY =
      words(
          "cash on delivery|الدفع عند الاستلام|كاش عند الاستلام|الدفع كاش عند الاستلام|"
              + "cash 3and el estlam|cash 3and el estelam|cash 3nd el estlam|el daf3 3and el estlam");

  /**
   * A request to be put through: a customer who asks it wants a person, whatever else the message
   * says.
   */
  private static final Pattern PUT_THROUGH =
      words(
          "عايز اكلم|عاوز اكلم|اكلم|كلمني|حولني|وصلني|التحدث|اريد التحدث|"
              + "talk to|speak to|speak with|talk with|connect me|transfer me|put me through|"
              + "akalem|kalemny|7awelny|hawelny|wasalny|"
              + "هاتلي حد|هاتيلي حد|هاتولي حد|هات حد|هاتي حد|هاتيلي موظف|hatily|hatili|hateely|عايز حد|عاوز حد|اريد موظف|get me a person|get me someone|get me a human|get me a real|"
              + "real person|actual person|actual human|hatly|hatle|hatoly|3ayez had|3ayez 7ad|"
              + "مش عايز اتكلم مع|msh 3ayez atkalem|مش عايز بوت|مش عايز روبوت|msh 3ayez bot|msh 3ayez robot|"
              + "not a bot|not a robot|no bots|لا اريد التحدث مع|"
              // not "a real person" alone: "bot wala 7ad 7a2e2y?" asks what Nour is
              + "need a human|need a person|want a human|want a person|3ayza 7ad|3ayza had|be nafso");

  private static final Pattern STORE_WORD =
      words("store|shop|showroom|محل|المحل|محلكم|ma7al|mahal");
  private static final Pattern WHERE = words("where|wheres|فين|وين|اين|fein|fen|fin");
  private static final Pattern GOVERNORATE =
      words(
          "الجيزه|جيزه|الاقصر|اقصر|اسوان|اسيوط|سوهاج|قنا|المنصوره|منصوره|طنطا|"
              + "الزقازيق|زقازيق|بورسعيد|بور سعيد|الاسماعيليه|اسماعيليه|الصعيد|الدلتا|"
              + "giza|luxor|aswan|assiut|asyut|sohag|qena|mansoura|mansora|tanta|zagazig|za2azi2|zazea|port said|ismailia|upper egypt|delta|"
              + "الغردقه|غردقه|للغردقه|البحر الاحمر|hurghada|ghardaqa|ghardaka|el ghardaka|red sea|"
              // districts of Giza and Cairo a delivery is asked to ("delivery للشيخ زايد؟")
              + "الشيخ زايد|للشيخ زايد|زايد|اكتوبر|٦ اكتوبر|التجمع|المعادي|الهرم|الدقي|المهندسين|حلوان|شبرا|"
              + "sheikh zayed|zayed|october|tagamo3|new cairo|maadi|haram|dokki|mohandessin|helwan|shubra");
  private static final Pattern FREE =
      words("ببلاش|بلاش|مجاني|مجانا|مجانى|free|bbalash|balash|mgany|magany");
  private static final Pattern THRESHOLD =
      words(
          "من كام|فوق كام|لو اشتريت|بكام|over|above|minimum|spend|if i buy|"
              + "mn kam|fo2 kam|men kam|فوق|اكتر من|اكثر من|more than|fo2|fou2|aktar mn");

  /**
   * A question about Nour herself ("are you a bot?", "بوت ولا بني ادم؟") read as a request for a
   * person: it is a question, not a request to be put through, unless it also asks for that.
   */
  /** "are you a bot? i need a human": asks whether Nour is a bot, and to be put through. */
  boolean asksForAPersonNotABot(TextView text) {
    String s = haystack(text);
    return WHO_WORD.matcher(s).find()
        && PUT_THROUGH.matcher(s).find()
        && !onlyAsksWhich(s)
        && !asksIfNourIsReal(s)
        && !asksWhoIsOnTheLine(s);
  }

  /** Instalments named: "تقسيط", "a2aset", "instalments", "valU". */
  boolean namesInstalments(TextView text) {
    return INSTALMENT.matcher(haystack(text)).find();
  }

  boolean asksWhoNourIs(TextView text) {
    String s = haystack(text);
    return WHO_WORD.matcher(s).find()
        && (!PUT_THROUGH.matcher(s).find()
            || onlyAsksWhich(s)
            || asksIfNourIsReal(s)
            || asksWhoIsOnTheLine(s));
  }

  /**
   * "انا باكلم مين؟", "ana bkalem meen dlw2ty?": who is on the other side, asked without wanting
   * anyone else (its "اكلم" is no request to talk to a person).
   */
  private static final Pattern ON_THE_LINE =
      words(
          "بكلم مين|باكلم مين|بتكلم مع مين|bkalem meen|bakalem meen|bkalem min|bakalem min|bkalem mein|betkalem ma3 meen|"
              + "who am i talking|who am i speaking|who am i chatting");

  private static boolean asksWhoIsOnTheLine(String s) {
    return ON_THE_LINE.matcher(s).find() && !WANTS.matcher(s).find();
  }

  /** "r u a real person lol": whether Nour is one, asked without wanting one. */
  private static final Pattern ARE_YOU_REAL =
      words(
          "r u a real|are you a real|r u real|are you real|r u human|are you human|r u a person|are you a person|"
              + "are u a real|are u real|are u human|are u a person|r you a real|is this a real person|"
              + "am i talking to a real|am i talking to a person|am i talking to a human|"
              + "انت بني ادم|انتي بني ادم|انتي حقيقيه|انت حقيقي|هل انت انسان|enty 7a2e2ya|enta 7a2e2y");

  private static final Pattern WANT =
      words(
          "need|want|wanna|talk|speak|connect|transfer|عايز|عاوز|عايزه|اريد|محتاج|محتاجه|اكلم|اتكلم|3ayez|3ayza|3awez|me7tag|me7taga|akalem|atkalem");

  private static boolean asksIfNourIsReal(String s) {
    return ARE_YOU_REAL.matcher(s).find() && !WANT.matcher(s).find();
  }

  /** Words of a request for a person: "حولني", "talk to", "7ad yekalemni", "call me". */
  boolean namesAPerson(TextView text) {
    String s = haystack(text);
    return PUT_THROUGH.matcher(s).find() || CALL_ME.matcher(s).find();
  }

  /** "bot or a person?": which of the two Nour is. */
  private static final Pattern BOT_OR =
      words(
          "(?:bot|بوت|robot|روبوت)\\s+(?:wala|walla|wla|ولا|او|أم|ام|or)"
              // "am i talking to a real person or a bot?", "بكلم بني ادم ولا بوت؟"
              + "|(?:person|human|بني ادم|بنى ادم|انسان|bani adam|bany adam|ensan|7ad 7a2e2y|حد حقيقي)"
              + "\\s+(?:wala|walla|wla|ولا|او|ام|or)\\s+(?:a\\s+|an\\s+|مع\\s+)?(?:bot|بوت|robot|روبوت|chatbot)");

  /** A person asked for in so many words: "عايز اكلم حد", "i want a human", "kalemny". */
  private static final Pattern WANTS =
      words(
          "عايز|عاوز|عايزه|اريد|محتاج|حولني|وصلني|كلمني|want|need|talk to|speak to|connect me|"
              + "3ayez|3ayz|3ayza|3awez|me7tag|7awelny|hawelny|kalemny|wasalny");

  /** "enta bot wala 7ad 7a2e2y?": asks which Nour is, though it names a real person. */
  private static boolean onlyAsksWhich(String s) {
    return BOT_OR.matcher(s).find() && !WANTS.matcher(s).find();
  }

  /**
   * Money owed or a wait already long ("أين أموالي؟", "where is my money?", "بقالي شهر"): a refund
   * chased, not a question about the returns policy.
   */
  /** How long a refund takes, asked: "bta5od 2ad eh?", "بتاخد قد ايه؟", "how long". */
  private static final Pattern HOW_LONG =
      words(
          "بتاخد قد ايه|بياخد قد ايه|تاخد قد ايه|بتاخد كام يوم|كام يوم|how long|how many days|"
              + "bta5od ad eh|bta5od 2ad eh|btakhod ad eh|bya5od ad eh|ta5od ad eh|kam yom|kam youm");

  private static final Pattern OWED =
      words(
          "اموالي|فلوسي|فين فلوسي|مر شهر|مر اسبوع|مر اسبوعين|بقالي|منذ شهر|منذ اسبوع|my money|been a month|been a week|been weeks|"
              + "flosy|felosy|flousy|ba2aly|baaly");

  private static final Pattern ASKS =
      words(
          "ينفع|اقدر|امكن|يمكن|ممكن|هل|كام يوم|كم يوم|مده|can i|could i|how long|how many days|"
              + "is it possible|a2dar|momken|yenfa3|kam youm|kam yom|امتي|امتى|متى|when|emta|imta");

  /**
   * A question the classifier took for a request or a grievance: "are you a bot?" read as a request
   * for a person, "can I return it if I don't like it?" or "how long is the warranty on the watch I
   * bought?" read as a complaint. The store topic answers it.
   */
  /** The official agent whose warranty it is: "warranty from the agent or from u". */
  private static final Pattern AGENT =
      words("agent|agents|الوكيل|وكيل|الوكلاء|wakeel|wakil|el wakeel");

  boolean questionReadAsRequest(String intent, TextView text) {
    String s = haystack(text);
    if (Intents.HUMAN_REQUEST.equals(intent)) {
      // "warranty from the agent or from u": the agent is the maker's, no person asked for
      return asksWhoNourIs(text)
          || WARRANTY_WORD.matcher(s).find()
              && AGENT.matcher(s).find()
              && !PUT_THROUGH.matcher(s).find()
              && !CALL_ME.matcher(s).find();
    }
    return Intents.COMPLAINT.equals(intent)
        && (RETURN_WORD.matcher(s).find() || WARRANTY_WORD.matcher(s).find())
        && !OWED.matcher(s).find()
        && !DEFECT.matcher(s).find()
        && !chargedTwice(text)
        && (ASKS.matcher(s).find()
            || text.raw().contains("?")
            || text.raw().contains("؟")
            // "3ayez arga3 el sama3a... msh 3agbany": a sealed item the customer changed their mind
            // about is the returns policy's case, not a grievance
            || RETURN_WORD.matcher(s).find() && CHANGED_MIND.matcher(s).find());
  }

  /**
   * Money paid coming back ("how long does a refund take to reach my card?", "الفلوس هترجع امتى على
   * الكارت؟"): a question about a payment, answered by the returns passage.
   */
  private static final Pattern REFUND =
      words(
          "refund|refunds|refunded|money back|استرداد|الفلوس هترجع|هترجع الفلوس|ترجع الفلوس|الفلوس بترجع|اعاده المبلغ|"
              + "استرجاع المبلغ|استرجاع الفلوس|el flos terga3|el flos hatrga3|flosy terga3|"
              // "امتى الفلوس ترجعلي؟", "المبلغ هيرجعلي امتى", "el refund hayenzel emta?"
              + "الفلوس ترجعلي|الفلوس هترجعلي|ترجعلي الفلوس|هترجعلي الفلوس|الفلوس بترجعلي|"
              + "المبلغ يرجع|المبلغ هيرجع|المبلغ بيرجع|يرجعلي المبلغ|هيرجعلي المبلغ|المبلغ يرجعلي|المبلغ هيرجعلي|"
              + "يعود المبلغ|يسترد المبلغ|استرداد المبلغ|"
              // canonical Arabizi spellings: "el feloos hatrga3", "el felous betrga3"
              + "f(?:e)?losy? (?:ha|bt|b|t|he|hat|bet)?(?:e|a)?t?rga3");

  /** The customer changed their mind: nothing is wrong with what they bought. */
  private static final Pattern CHANGED_MIND =
      words(
          "مش عاجبني|مش عاجباني|معجبنيش|معجبتنيش|لم يعجبني|لم تعجبني|غيرت رايي|مش محتاجه|مش محتاجها|"
              + "msh 3agbany|msh 3agebny|msh 3ajbany|mesh 3agbany|ma3gbtnesh|ma3agabnish|don't like it|dont like it|"
              + "changed my mind|don't need it|dont need it|ghayart ra2yy|ghayart ra2y");

  /**
   * A refund asked about: the question is a payment's (intent payment), its answer the returns'.
   */
  boolean asksAboutARefund(TextView text) {
    String s = haystack(text);
    return REFUND.matcher(s).find()
        && (!OWED.matcher(s).find()
            // "3ayez felosy targa3 3al card, bta5od 2ad eh?": how long my money takes to come back
            || HOW_LONG.matcher(s).find() && !ELAPSED.matcher(s).find())
        && !DEFECT.matcher(s).find();
  }

  /**
   * "tab 3andak eh asln", "طيب ايه اللي عندكم يعني", "what do you sell?": what the shop sells,
   * asked of no kind or brand.
   */
  private static final Pattern WHAT_IS_SOLD =
      words(
          "ايه اللي عندكم|ايه اللي عندك|عندكم ايه|عندك ايه|بتبيعوا ايه|بتبيعوا اي|ماذا تبيعون|ماذا لديكم|ما الذي تبيعونه|ما الذي لديكم|"
              + "ما المنتجات|ما هي المنتجات|what do you sell|what do you have|what do you carry|what have you got|what products|"
              + "3andak eh|3andko eh|3andoko eh|3ndk eh|3ndko eh|btbe3o eh|btbe3oo eh|eh elly 3andoko|eh elly 3andko|eh ely 3ndko|"
              // "أود الاستفسار عن منتجاتكم": a wish to ask about the products is asked of Nour, not
              // of a person
              + "الاستفسار عن منتجاتكم|استفسر عن منتجاتكم|استفسار عن منتجاتكم|الاستفسار عن المنتجات|اسال عن منتجاتكم|"
              + "اعرف منتجاتكم|اعرف اكثر عن منتجاتكم|ask about your products|inquire about your products|enquire about your products|"
              + "know more about your products|as2al 3an montagatko|asal 3an montagatko|a3raf montagatko");

  /** A question about what the shop sells, naming no kind or brand (the caller checks those). */
  boolean asksWhatIsSold(TextView text) {
    return WHAT_IS_SOLD.matcher(haystack(text)).find();
  }

  /** The most words of a follow-up that leans on the previous turn's topic. */
  private static final int FOLLOW_UP_WORDS = 12;

  /**
   * A short follow-up without a subject of its own ("وبياخد كام يوم؟", "and how long does it
   * take?", "w lw el order fo2 3000?") read with the previous turn's topic: that topic when the
   * text, given its subject, asks it again.
   */
  Optional<Topic> followUp(TextView text, String contextTopic) {
    String subject = contextTopic == null ? null : SUBJECTS.get(contextTopic);
    List<Topic> own = subject == null ? List.of() : findAll(text, false);
    String s = haystack(text);
    if (BRANCHES.name().equals(contextTopic)
        && own.equals(List.of(DELIVERY_FEES))
        && text.tokens().size() <= FOLLOW_UP_WORDS
        && !DELIVERY.matcher(s).find()
        && !COST.matcher(s).find()
        && townWithoutBranch(text).isPresent()) {
      // "and Tanta?" after the branches asks for a branch there: none, the nearest, the delivery
      return Optional.of(BRANCHES);
    }
    // "what about Hurghada?" after the delivery fees names a city the fees list: the same topic
    if (subject == null
        || text.tokens().size() > FOLLOW_UP_WORDS
        || !own.isEmpty() && !(own.size() == 1 && own.get(0).name().equals(contextTopic))
        || notSold(text).isPresent()) {
      return Optional.empty();
    }
    return find(TextView.of(text.raw() + " " + subject), false)
        .filter(t -> t.name().equals(contextTopic));
  }

  /** Intents a turn may carry on its own, however short, after a store topic's answer. */
  private static final java.util.Set<String> OWN_INTENTS =
      java.util.Set.of(
          Intents.HUMAN_REQUEST,
          Intents.ORDER_STATUS,
          Intents.BOOKING_NEW,
          Intents.BOOKING_CHANGE,
          Intents.BOOKING_CANCEL,
          Intents.PAYMENT,
          Intents.GREETING,
          Intents.THANKS_GOODBYE,
          Intents.COMPLAINT);

  /** How sure the model alone must be of a turn's own intent for it to outweigh the context. */
  private static final double OWN_CONFIDENCE = 0.8;

  /**
   * Whether a turn after a store topic's answer is read on its own, not as a follow-up on that
   * topic: it names an order or a booking (ORD-12006, BK-5002), or its reading is a request, a
   * greeting or a thanks that a word of it says ({@code lexicon}) or the model is sure of: "عايز
   * اكلم حد", "where is my order?", "طيب الغي الحجز خالص", "ما هي طرق الدفع المتاحة؟", "hi" and
   * "شكرا" after the opening hours are what they say. A complaint needs its word (the model alone
   * reads "w lw el order fo2 3000?" as one). A thanks or a greeting that asks nothing is its own at
   * any confidence the classifier stands by ("ok" after the hours). A question about the money
   * coming back after the returns passage, or about paying after the instalments one, stays the
   * topic's.
   */
  boolean readsOnItsOwn(
      TextView text,
      String contextTopic,
      String intent,
      double confidence,
      java.util.Set<String> lexicon,
      boolean namesAReference) {
    if (namesAReference) {
      return true;
    }
    if (!OWN_INTENTS.contains(intent)) {
      return false;
    }
    if (Intents.PAYMENT.equals(intent)
        && (INSTALMENTS.name().equals(contextTopic)
            || RETURNS.name().equals(contextTopic) && REFUND.matcher(haystack(text)).find())) {
      return false;
    }
    boolean asks = text.raw().contains("?") || text.raw().contains("؟");
    if ((Intents.THANKS_GOODBYE.equals(intent) || Intents.GREETING.equals(intent))
        && !asks
        && confidence >= PersonaResult.LOW_CONFIDENCE_THRESHOLD) {
      return true;
    }
    return lexicon.contains(intent)
        || !Intents.COMPLAINT.equals(intent) && confidence >= OWN_CONFIDENCE;
  }

  /** The word that names a topic's subject, added to a follow-up that leaves it out. */
  static String subject(Topic topic) {
    return SUBJECTS.get(topic.name());
  }

  private static final java.util.Map<String, String> SUBJECTS =
      java.util.Map.of(
          DELIVERY_FEES.name(), "delivery",
          REPAIRS.name(), "repair",
          RETURNS.name(), "return",
          WARRANTY.name(), "warranty",
          INSTALMENTS.name(), "installment",
          HOURS.name(), "opening hours",
          // "tab f el 2ahera fen bezabt?" after the branches: where the Cairo branch is
          BRANCHES.name(), "branch");

  /** The topic this text asks about, if it is one of the store-information questions. */
  Optional<Topic> find(TextView text, boolean namesAProduct) {
    return findAll(text, namesAProduct).stream().findFirst();
  }

  /**
   * Every store topic the text asks about, the first being the one {@link #find} gives: "are you
   * open today, and where is the Cairo branch?" asks two.
   */
  List<Topic> findAll(TextView text, boolean namesAProduct) {
    String s = haystack(text);
    if (!namesAProduct && asksWhenToPickUp(s)) {
      return List.of(PICKUP); // "امتى اقدر استلمه من الفرع؟" asks about pickup, not the address
    }
    java.util.LinkedHashSet<Topic> found = new java.util.LinkedHashSet<>();
    if (CASH_ON_DELIVERY.matcher(s).find() && !namesAProduct) {
      // "do you do cash on delivery to assiut": a way to pay ("the Reno 11, cash on delivery to
      // Mansoura" orders it)
      found.add(PAYMENT_METHODS);
    }
    if (optsOutOfOffers(text)) {
      found.add(MARKETING_OPT_OUT);
    }
    if (consentsToData(text)) {
      found.add(DATA_CONSENT);
    }
    if (asksAboutJobs(text)) {
      found.add(JOBS);
    }
    if (INSTALMENT.matcher(s).find()) {
      found.add(INSTALMENTS);
    }
    if (DELIVERY.matcher(s).find() && COST.matcher(s).find()
        || DELIVER_TO.matcher(s).find()
        || DELIVERY.matcher(s).find()
            && DELIVERY_WHEN.matcher(s).find()
            && !AN_ORDER_OF_THEIRS.matcher(s).find()
        || DELIVERY_ALONE.matcher(String.join(" ", text.tokens())).matches()) {
      found.add(DELIVERY_FEES);
    }
    // "delivery free over 3000?", "w lw el order fo2 3000?" after the fees: the free-delivery line
    if (DELIVERY.matcher(s).find()
        && THRESHOLD.matcher(s).find()
        && !found.contains(DELIVERY_FEES)) {
      found.add(DELIVERY_FEES);
    }
    // "the payment link won't open" names a link, not the shop's opening hours
    if (HOURS_WORD.matcher(s).find()
        && !BOOKING_WORD.matcher(s).find()
        && !LINK_WORD.matcher(s).find()) {
      found.add(HOURS);
    }
    boolean defect =
        DEFECT
            .matcher(s)
            .find(); // "it broke, I want to return it" is a complaint, not a policy question
    // "استبدال بطارية هاتفي" replaces a part: a repair, not a return
    if (RETURN_WORD.matcher(s).find() && !defect && !PART_REPLACED.matcher(s).find()
        // "امتى الفلوس ترجعلي؟": money coming back is the returns passage's last line
        || REFUND.matcher(s).find() && !defect && !OWED.matcher(s).find()) {
      found.add(RETURNS);
    }
    if (WARRANTY_WORD.matcher(s).find() && (!defect || COVERS.matcher(s).find())
        || ORIGINAL.matcher(s).find()
        || problemAfterBuying(s)) {
      found.add(WARRANTY);
    }
    boolean priced = PRICE_ASKED.matcher(s).find();
    if (REPAIR_WORD.matcher(s).find()
        && (REPAIR_INFO.matcher(s).find()
                && !BOOK_VERB.matcher(s).find()
                && (!defect || priced || REPAIR_ASK.matcher(s).find())
            || WALK_IN.matcher(s).find())) {
      found.add(REPAIRS);
    }
    if (PAYMENT_WORD.matcher(s).find() || !namesAProduct && CARD_OR_CASH.matcher(s).find()) {
      found.add(PAYMENT_METHODS); // "عنوان إنستاباي" is an InstaPay address, not the shop's
    }
    // "is there a repair centre there?" asks about the branch; booking a repair is what BOOK_VERB
    // names
    // "send it to this address" names the customer's address, not the shop's
    // "is the 20W charger available at the Smouha branch?" asks stock of a kind of product
    boolean stockOfAKind = STOCK_ASK.matcher(s).find() && PRODUCT_KIND.matcher(s).find();
    if (!found.contains(PAYMENT_METHODS)
        && !CUSTOMER_ADDRESS.matcher(s).find()
        && !(stockOfAKind && !NEAREST_BRANCH.matcher(s).find())
        && (BRANCH_WORD.matcher(s).find()
            || STORE_WORD.matcher(s).find() && WHERE.matcher(s).find())
        && (!namesAProduct || NEAREST_BRANCH.matcher(s).find())
        && !BOOK_VERB.matcher(s).find()) {
      found.add(BRANCHES);
    }
    if (WHO_WORD.matcher(s).find()) {
      found.add(WHO);
    }
    if (OFFER_WORD.matcher(s).find()
        && !corporate(text)
        && !chargedTwice(text)
        && !found.contains(MARKETING_OPT_OUT)) {
      found.add(OFFERS);
    }
    // "what about Luxor?" after a delivery question; "free from how much?": only delivery has a
    // threshold
    // "send it to my place in Giza" names where the order goes, not a question about the fee
    if (!namesAProduct
        && !CUSTOMER_ADDRESS.matcher(s).find()
        && !SEND_IT.matcher(s).find()
        // "ana gy mn sohag ... 3ayez a7gez ma3ad": where the customer comes from to a booking
        && !BOOK_VERB.matcher(s).find()
        // "el order hayewsal emta? talabto 3al mansoura": an order of theirs tracked, not a fee
        && !(AN_ORDER_OF_THEIRS.matcher(s).find()
            && DELIVERY_WHEN.matcher(s).find()
            && !COST.matcher(s).find())
        && (GOVERNORATE.matcher(s).find()
            || FREE.matcher(s).find() && THRESHOLD.matcher(s).find()
            // "w Alex?" read with the delivery fees' subject: delivery to a city with a branch
            || DELIVERY.matcher(s).find()
                && city(text) != null
                && !BRANCH_WORD.matcher(s).find()
                && !found.contains(BRANCHES))) {
      found.add(DELIVERY_FEES);
    }
    if (found.isEmpty() && notInPlaybook(text)) {
      found.add(NOT_IN_PLAYBOOK);
    }
    return List.copyOf(found);
  }

  /**
   * True when the text asks about the repair service (whether or at what price it is done) or what
   * the warranty covers, though it names a defect: "screen cracked 😭 how much to replace it?" asks
   * a price.
   */
  boolean asksAboutAService(TextView text) {
    String s = haystack(text);
    return REPAIR_WORD.matcher(s).find()
            && (REPAIR_ASK.matcher(s).find() || PRICE_ASKED.matcher(s).find())
        || WARRANTY_WORD.matcher(s).find() && COVERS.matcher(s).find()
        || problemAfterBuying(s);
  }

  /**
   * "What do I do if my phone has a problem after buying?": what happens to a fault yet to come is
   * the warranty's question, not a complaint.
   */
  private static final Pattern IF_WORD =
      words("لو|اذا|ولو|في حاله|فى حاله|if|what if|in case|law|lw|wlaw|walaw");

  private static final Pattern AFTER_BUYING =
      words(
          "after buying|after i buy|after i bought|after purchase|after purchasing|after the purchase|after i get it|"
              + "بعد الشرا|بعد الشراء|بعد ما اشتري|بعد ما اشتريه|بعد ما اشتريته|بعد ما اشتريها|بعد شراء|بعد شرائه|بعد ما استلم|بعد الاستلام|"
              + "ba3d ma ashtery|ba3d ma ashtry|ba3d el shera|ba3d ma astlem|ba3d el estelam");

  private static final Pattern PROBLEM_WORD =
      words(
          "problem|problems|issue|issues|fault|faulty|defect|stops working|breaks|مشكله|مشاكل|عطل|اتعطل|باظ|خربان|"
              + "moshkela|moshkla|mo4kla|mshkla|3otl|ba2 fe moshkela|baz");

  private static boolean problemAfterBuying(String s) {
    return IF_WORD.matcher(s).find()
        && AFTER_BUYING.matcher(s).find()
        && PROBLEM_WORD.matcher(s).find();
  }

  /**
   * True when the text names a booking or an appointment (a move or cancellation of one stays what
   * it is).
   */
  boolean aboutABooking(TextView text) {
    return BOOK_VERB.matcher(haystack(text)).find();
  }

  /** "alexandria", "cairo" or null: the city a branch question names. */
  /**
   * A city of the delivery table where the shop has no branch, with its names: the one the delivery
   * passage's English text lists it under ({@code en}), and its nearest branch.
   */
  record Town(Pattern pattern, String ar, String en, String arabizi, String nearestBranch) {}

  static final List<Town> TOWNS =
      List.of(
          new Town(words("طنطا|لطنطا|tanta"), "طنطا", "Tanta", "Tanta", "cairo"),
          new Town(
              words("المنصوره|منصوره|للمنصوره|mansoura|mansora|el mansoura"),
              "المنصورة",
              "Mansoura",
              "el Mansoura",
              "cairo"),
          new Town(
              words("الزقازيق|زقازيق|zagazig|el zagazig"),
              "الزقازيق",
              "Zagazig",
              "el Zagazig",
              "cairo"),
          new Town(
              words("بورسعيد|بور سعيد|port said|bor sa3eed|bor sa3id"),
              "بورسعيد",
              "Port Said",
              "Port Said",
              "cairo"),
          new Town(
              words("الاسماعيليه|اسماعيليه|ismailia|esma3eleya|el esma3eleya"),
              "الإسماعيلية",
              "Ismailia",
              "el Ismailia",
              "cairo"),
          new Town(words("اسيوط|assiut|asyut|asyout"), "أسيوط", "Assiut", "Assiut", "cairo"),
          new Town(words("سوهاج|sohag"), "سوهاج", "Sohag", "Sohag", "cairo"),
          new Town(words("قنا|qena|2ena"), "قنا", "Qena", "Qena", "cairo"),
          new Town(words("الاقصر|اقصر|luxor|el o2sor|o2sor"), "الأقصر", "Luxor", "Luxor", "cairo"),
          new Town(words("اسوان|لاسوان|aswan|laswan"), "أسوان", "Aswan", "Aswan", "cairo"),
          new Town(
              words("الغردقه|غردقه|للغردقه|hurghada|ghardaqa|ghardaka|el ghardaka"),
              "الغردقة",
              "Hurghada",
              "el Ghardaka",
              "cairo"));

  /** The cities with a branch, as the delivery passage's English text names them. */
  private static final Town ALEXANDRIA_TOWN =
      new Town(ALEXANDRIA, "إسكندرية", "Alexandria", "Eskendereya", "alexandria");

  private static final Town CAIRO_TOWN = new Town(CAIRO, "القاهرة", "Cairo", "el Kahera", "cairo");

  /** The one city with a branch the text names ("w Alex?"), for its delivery fee. */
  static Optional<Town> branchTown(TextView text) {
    String c = city(text);
    return c == null
        ? Optional.empty()
        : Optional.of("alexandria".equals(c) ? ALEXANDRIA_TOWN : CAIRO_TOWN);
  }

  /** The city without a branch the text names, when it names no city with one. */
  static Optional<Town> townWithoutBranch(TextView text) {
    String s = haystack(text);
    if (ALEXANDRIA.matcher(s).find() || CAIRO.matcher(s).find()) {
      return Optional.empty();
    }
    return TOWNS.stream().filter(t -> t.pattern().matcher(s).find()).findFirst();
  }

  static String city(TextView text) {
    String s = haystack(text);
    boolean alex = ALEXANDRIA.matcher(s).find();
    boolean cairo = CAIRO.matcher(s).find();
    return alex == cairo ? null : alex ? "alexandria" : "cairo";
  }

  /**
   * A product kind the shop does not sell, with its names, and the skus of the catalogue's nearest
   * products where one is close (a big-screen phone for a tablet, a phone with a good camera for a
   * camera, a portable speaker for a soundbar); none where nothing is (a fridge).
   */
  record NotSold(Pattern pattern, String ar, String en, List<String> nearest) {
    NotSold {
      nearest = List.copyOf(nearest);
    }
  }

  static final List<NotSold> NOT_SOLD =
      List.of(
          new NotSold(
              words(
                  "لاب توب|لابتوب|لاب(?=\\s|$)|اللاب(?=\\s|$)|كمبيوتر|الكمبيوتر|laptop|laptops|notebook|computer|pc|macbook|ديل(?=\\s|$)|لينوفو|dell|lenovo|asus|acer|lab top|labtop|laptob|lab tob|labtob|حاسوب|حواسيب|الحواسيب"),
              "لاب توب",
              "laptops",
              List.of()),
          new NotSold(
              words("غساله|غسالات|washing machine|washer|ghasala|ghassala"),
              "غسالات",
              "washing machines",
              List.of()),
          new NotSold(
              words("تلاج|ثلاج|fridge|refrigerator|tallaga|talaga"),
              "تلاجات",
              "fridges",
              List.of()),
          new NotSold(
              words(
                  "ساوند بار|الساوند بار|مسرح منزلي|هوم ثياتر|soundbar|sound bar|home theater|home theatre"),
              "ساوند بار",
              "soundbars",
              List.of("JBLF6")),
          new NotSold(
              words(
                  "تلفزيون|التلفزيون|تليفزيون|التليفزيون|شاشه تلفزيون|تلفاز|التلفاز|tv|tvs|television|telefezyon|televezyon|"
                      // "شاشة سمارت ٥٥ بوصة": a smart screen, or a screen of 32 inches and more
                      + "شاشه سمارت|الشاشه السمارت|شاشات سمارت|shasha smart|el shasha el smart|"
                      + "(?:32|40|43|50|55|58|65|70|75|85|٣٢|٤٠|٤٣|٥٠|٥٥|٥٨|٦٥|٧٠|٧٥|٨٥)\\s*(?:بوصه|انش|inch|inches|bosa)"),
              "تلفزيونات",
              "TVs",
              List.of()),
          new NotSold(
              words(
                  "تابلت|التابلت|ايباد|الايباد|اجهزه لوحيه|الاجهزه اللوحيه|جهاز لوحي|tablet|tablets|ipad|tab s"),
              "تابلت",
              "tablets",
              List.of("IP15PM-256", "SM-A55")),
          new NotSold(
              words(
                  "بلايستيشن|بلاي ستيشن|البلايستيشن|اكس بوكس|playstation|ps5|ps4|xbox|console|consoles"),
              "أجهزة ألعاب",
              "game consoles",
              List.of()),
          new NotSold(
              words(
                  "كاميرا ديجيتال|كاميرا كانون|canon|nikon|dslr|digital camera|cameras|كاميرات|كاميرات ديجيتال|kamerat|camerat"),
              "كاميرات",
              "cameras",
              List.of("IP15PM-256", "SM-S24")),
          // an electronics shop: clothes and shoes asked of it are not sold, not a grievance
          new NotSold(
              words(
                  "هودي|الهودي|هوديز|جاكيت|الجاكيت|جزمه|الجزمه|جزم|حذاء|الحذاء|احذيه|كوتشي|الكوتشي|فستان|الفستان|فساتين|"
                      + "تيشيرت|التيشيرت|بنطلون|البنطلون|قميص|القميص|هدوم|ملابس|الملابس|"
                      + "hoodie|hoodies|jacket|jackets|shoes|shoe|sneakers|dress|dresses|t-shirt|tshirt|t shirt|jeans|"
                      + "clothes|clothing|gazma|el gazma|hedoom|kotshy"),
              "ملابس وأحذية",
              "clothes and shoes",
              List.of()));

  /** A place outside Egypt, or abroad itself: "do you ship to Saudi Arabia?". */
  private static final Pattern ABROAD =
      words(
          "السعوديه|للسعوديه|الامارات|للامارات|دبي|لدبي|الكويت|للكويت|قطر|لقطر|الاردن|للاردن|ليبيا|لليبيا|السودان|للسودان|عمان|لعمان|البحرين|للبحرين|"
              + "الخارج|للخارج|برا مصر|بره مصر|خارج مصر|دول تانيه|دول اخرى|"
              + "abroad|outside egypt|overseas|international|internationally|saudi|ksa|uae|emirates|dubai|kuwait|qatar|jordan|libya|sudan|oman|bahrain|"
              + "bara masr|bara misr|el so3odeya|so3odeya|el saudia|dubai");

  /** A delivery question about a place outside Egypt. */
  boolean deliveryAbroad(TextView text) {
    String s = haystack(text);
    return DELIVERY.matcher(s).find() && ABROAD.matcher(s).find()
        || DELIVER_TO.matcher(s).find() && ABROAD.matcher(s).find();
  }

  Optional<NotSold> notSold(TextView text) {
    String s = haystack(text);
    return NOT_SOLD.stream().filter(n -> n.pattern().matcher(s).find()).findFirst();
  }

  private static final Pattern CORPORATE =
      words(
          "company|corporate|wholesale|bulk|quotation|quote|for our office|for our staff|employees|for our team|sales team|our staff|"
              + "for my shop|for my store|accessories shop|reseller|لمحلي|لمحل الاكسسوارات|لمحل اكسسوارات|للمحل بتاعي|lel ma7al bta3y|lel mahal bta3y|"
              + "شركه|الشركه|شركتنا|للشركه|جمله|بالجمله|الجمله|كميات|كميه كبيره|عرض سعر|للموظفين|لفريق|لموظفي|sherka|elsherka|gomla|bel gomla|kamyat|lel mowazafen|"
              // "ينفع توريد؟": a supply contract, a business's purchase
              + "توريد|توريدات|نوردلكم|tawreed|tawrid|tawreedat|supply contract|supplier|procurement|"
              // a trader or a business buying: "سعر خاص لموزعين؟ عندي ثلاث محلات", "for my
              // business"
              + "موزعين|للموزعين|موزع|محلاتي|لمحلاتي|عندي محلات|عندي ثلاث محلات|عندي ٣ محلات|شركتي|لشركتي|"
              + "distributor|dealer|for my business|for our business|for my company|for my shops|"
              + "sherket|sherketna|lel sherka|ma7alaty|l ma7ali|lma7ali|3andy ma7alat");

  /**
   * Wholesale or corporate wording ("a corporate quote", "بالجملة"), a big deal whatever the price.
   */
  /**
   * "فيه اي عروض او خصومات؟", "any discounts?": a question about offers, even when "خصم" (also a
   * charge taken) leads the model to a complaint; money taken twice stays a complaint.
   */
  boolean asksAboutOffers(TextView text) {
    String raw = text.raw();
    return (raw.contains("?") || raw.contains("؟"))
        && OFFER_WORD.matcher(haystack(text)).find()
        && !chargedTwice(text);
  }

  /** A tax or company invoice asked about: "can u issue a tax invoice for a company". */
  private static final Pattern INVOICE =
      words(
          "فاتوره ضريبيه|فواتير ضريبيه|فاتوره رسميه|فاتوره باسم|فاتوره للشركه|فاتوره لشركه|فاتوره للشركات|"
              + "tax invoice|vat invoice|tax invoices|invoice for|an invoice|invoices|official invoice|company invoice|"
              + "fatora dareebeya|fatora dareebya|fatora darebeya|fatora drebya|fatora rasmeya|fatora b esm|fatoora dareebeya");

  private static final Pattern INVOICE_ASK =
      words(
          "issue|can u|can you|do you|do u|could you|تصدرون|بتطلعوا|بتعملوا|بتدوا|تعطون|momken|bt3mlo|btetla3o|btedo");

  /** The shop's pages asked about: "do u have instagram", "هل لديكم صفحة على انستغرام؟". */
  private static final Pattern SOCIAL =
      words(
          "instagram|insta(?=\\s)|انستغرام|انستجرام|انستقرام|انستا(?=\\s)|tiktok|تيك توك|تيكتوك|"
              + "facebook page|fb page|صفحه علي فيسبوك|صفحه علي الفيس|صفحتكم|صفحه فيسبوك|social media|سوشيال ميديا|"
              + "safha 3al insta|safa7et|page 3al");

  private static final Pattern HAVE_A_PAGE =
      words(
          "do u have|do you have|have an|got an|عندكم|عندكو|لديكم|لكم|صفحه|حساب|اكونت|page|account|handle|"
              + "3andoko|3ndko|3andko|safha|akawnt|account");

  /**
   * Used phones bought or traded in: "do u buy used phones? trade in?", "بتشتروا موبايلات
   * مستعملة؟".
   */
  private static final Pattern TRADE_IN =
      words(
          "trade in|trade-in|tradein|trade my|buy used|buy old|used phones|used phone|used mobiles|second hand|secondhand|"
              + "مستعمل|مستعمله|المستعمل|المستعمله|بتشتروا|تشترون|تشتروا|القديم بجديد|بالقديم|"
              + "mosta3mal|mosta3mala|mesta3mal|mesta3mala|mista3mal|btshtero|bteshtero|betshtero|btshtro|2adim b gdid|adem b gded");

  /** "متبعتوليش رسايل عروض", "stop sending me offers": the offers stopped. */
  private static final Pattern OPT_OUT_VERB =
      words(
          "متبعتوليش|ماتبعتوليش|متبعتوش|ماتبعتوش|متبعتليش|بطلوا تبعتو|بطلو تبعتو|كفايه|وقفوا|وقفو|الغوا الاشتراك|الغي الاشتراك|"
              + "لا ترسلوا|لا ترسل|توقفوا عن|اوقفوا|مش عايز|مش عاوز|"
              + "stop(?![a-z])|stop sending|don't send|dont send|do not send|no more|unsubscribe|remove me from|"
              + "mateb3atolesh|matb3tolish|mtb3tolish|mateb3atoush|mtb3tosh|batlo teb3ato|wa2afo|wa2fo|kfaya|kefaya|msh 3ayez");

  private static final Pattern MARKETING =
      words(
          "رسايل عروض|رسايل العروض|رسائل العروض|رسائل عروض|رسايل دعايه|اعلانات|الاعلانات|العروض|عروض|رسايل|رسائل|"
              + "offers|promotions|promos|marketing|ads|spam|newsletter|promo messages|messages|"
              + "resayel|rasayel|3orood|3orod|e3lanat");

  /** "yes i agree to save my data", "نعم أوافق على حفظ بياناتي": consent to keep the details. */
  private static final Pattern AGREE =
      words(
          "اوافق|موافق علي|موافقه علي|انا موافق|بوافق|i agree|agree to|i consent|consent to|i accept|"
              + "awafe2|mwafe2 3ala|mowafe2 3ala|bwafe2");

  private static final Pattern DATA =
      words(
          "بيانات|بياناتي|معلوماتي|الشروط|سياسه الخصوصيه|الخصوصيه|data|details|information|info|terms|privacy|"
              + "bayanat|bayanaty|ma3lomaty");

  private static boolean asks(TextView text) {
    String raw = text.raw();
    return raw.contains("?") || raw.contains("؟") || ASKS.matcher(haystack(text)).find();
  }

  /**
   * A store question the playbook has no passage for: a tax invoice, the shop's Instagram, used
   * phones bought or traded in.
   */
  boolean notInPlaybook(TextView text) {
    String s = haystack(text);
    return INVOICE.matcher(s).find() && (asks(text) || INVOICE_ASK.matcher(s).find())
        || SOCIAL.matcher(s).find()
            && HAVE_A_PAGE.matcher(s).find()
            && !PAYMENT_WORD.matcher(s).find()
            && !OFFER_WORD.matcher(s).find()
        || TRADE_IN.matcher(s).find() && asks(text);
  }

  /** The offers' messages stopped, in the customer's words: a wish, not a grievance. */
  boolean optsOutOfOffers(TextView text) {
    String s = haystack(text);
    return OPT_OUT_VERB.matcher(s).find() && MARKETING.matcher(s).find();
  }

  /** Consent to keep the customer's details given. */
  boolean consentsToData(TextView text) {
    String s = haystack(text);
    return AGREE.matcher(s).find() && DATA.matcher(s).find();
  }

  boolean corporate(TextView text) {
    return CORPORATE.matcher(haystack(text)).find();
  }

  /**
   * A school, a hospital, a factory or the customer's own shop buying for itself: "احنا مدرسه
   * خاصه", "e7na madrasa", "٥٠ جراب للمحل", "lel shop".
   */
  private static final Pattern INSTITUTION =
      words(
          "مدرسه|مدرستنا|للمدرسه|جامعه|للجامعه|مستشفي|مستشفى|للمستشفي|مصنع|للمصنع|جمعيه|عياده|"
              + "للمحل|لمحلي|للمحلات|لمحلنا|"
              + "madrasa|madraset|lel madrasa|game3a|mostashfa|masna3|school|university|hospital|factory|clinic|charity|ngo|"
              + "lel shop|lel ma7al|lel ma7al bta3y|for my shop|for the shop|for our shop|for my store|for our store");

  /** Whether the buyer is an institution: with ten units or more, a business's order. */
  boolean institution(TextView text) {
    return INSTITUTION.matcher(haystack(text)).find();
  }

  private static final Pattern CHARGE =
      words(
          "خصم|اتخصم|اتخصملي|خصمتوا|سحب|اتسحب|charged|deducted|debited|taken|khasm|et5asam|etkhasam|etsahab");
  private static final Pattern TWICE =
      words(
          "مرتين|مرتان|تكرر|مكرر|متكرر|twice|two times|2 times|double|duplicate|marten|marteen|martin|2 marat|marat");

  /** Money paid or taken: "اتخصمت", "dafa3t", "deducted", "حولت بفودافون كاش". */
  private static final Pattern MONEY_TAKEN =
      words(
          "اتخصم|اتخصمت|اتخصملي|تم الخصم|خصمت|اتسحب|اتسحبت|سحب المبلغ|دفعت|حولت|تم التحويل|تم الدفع|"
              + "charged|deducted|debited|taken from|i paid|paid|transferred|dafa3t|7awelt|hawelt|et5asam|et5asamt|etkhasam|etsahab|bel 5asm|el 5asm");

  /** Nothing came of the money: no order, not received, shown as unpaid, "where is my money?". */
  private static final Pattern NOTHING_FOR_IT =
      words(
          "مفيش اوردر|مفيش طلب|ومفيش اوردر|ومفيش طلب|مفيش حاجه وصلت|ولم يصلني|لم يصلني|موصلنيش|ما وصلنيش|مجاليش|مفيش دفع|مش مدفوع|غير مدفوع|"
              + "بتقولوا مفيش|مظهرش|ما ظهرش|لم يظهر|مش ظاهر|مش باين|لم يتم تاكيد|لم يتم تأكيد|راحت فين|اين المبلغ|أين المبلغ|فين الفلوس|فلوسي راحت|اين اموالي|"
              + "no order|didn't get|didnt get|not received|never received|nothing arrived|no confirmation|still unpaid|not paid|unpaid|"
              + "pending payment|still pending|didn't show|didnt show|not showing|doesn't show|doesnt show|not showing up|"
              + "mazharsh|mazhrsh|ma zaharsh|msh zaher|msh baen|where is my money|where did my money|where's my money|"
              + "msh madfoo3|msh madfo3|mesh madfoo3|mafesh order|mafish order|mafeesh order|lessa pending|ma wesletsh|mawsalneesh|flosy ra7et|flousy ra7et");

  /**
   * The money of an order called off not given back: "ومحدش رجعلي فلوسي", "ma7adsh ragga3li
   * felosy".
   */
  private static final Pattern NOT_GIVEN_BACK =
      words(
          "محدش رجعلي|محدش رجعلنا|ومحدش رجعلي|ما حدش رجعلي|محدش رجع|لم يرجع|لم يتم ارجاع|لم يتم رد|ولم ترجع|مرجعتش|مرجعوش|"
              + "ma7adsh ragga3li|ma7adsh rag3li|ma7adsh ragga3ly|ma7adsh raga3ly|mahadsh ragga3li|ma7adsh ragg3li|"
              + "madsh ragga3|mrg3tsh|marg3etsh|marag3etsh|"
              + "no refund yet|still no refund|never refunded|not refunded|didn't refund|didnt refund|haven't refunded|"
              + "didn't get my money back|didnt get my money back|haven't got my money|havent got my money|no one refunded|nobody refunded");

  /** The courier asked for more than the order says: "el mandoob talab felos ziada". */
  private static final Pattern COURIER =
      words(
          "المندوب|مندوب|الدليفري|الطيار|mandoob|mandob|el mandoob|courier|delivery guy|delivery man|driver");

  private static final Pattern MORE_MONEY =
      words(
          "فلوس زياده|مبلغ زياده|زياده عن|اكتر من المكتوب|اكثر من المكتوب|طلب فلوس|طلب مني فلوس|طلب زياده|"
              + "felos ziada|flos zyada|felos zeyada|floos ziada|ziada 3an|zyada 3an|talab felos|talab flos|talab mny|"
              + "more money|extra money|asked for more|charged me more|more than the|extra fee|extra charge");

  /** A repair done at the shop that failed again: "sala7t el shasha 3andoko w rag3et". */
  private static final Pattern REPAIRED_THERE =
      words(
          "صلحت|صلحتها|صلحته|اصلحت|صلحتوها|صلحتوه|غيرت الشاشه عندكم|غيرت البطاريه عندكم|"
              + "sala7t|sal7t|sala7to|sala7toha|salla7t|salahet|fixed it|you fixed|you repaired|got it repaired|got it fixed|"
              + "repaired it|repaired at|fixed at|replaced at your|ghayart el shasha 3andoko|ghayart el battery 3andoko");

  private static final Pattern FAILED_AGAIN =
      words(
          "رجعت|رجع تاني|تاني|تانى|نفس المشكله|عادت|عاد مره|مره اخري|"
              + "rag3et|reg3et|rg3et|raga3et|rege3|tany|tani|nafs el moshkela|"
              + "again|came back|back again|same problem|same issue|stopped again|broke again");

  /**
   * A service failed: an order called off whose money was not given back, a courier who asked for
   * more than the order says, a repair that failed again. A complaint, however calmly put.
   */
  boolean serviceFailed(TextView text) {
    String s = haystack(text);
    return MONEY_TAKEN.matcher(s).find() && NOT_GIVEN_BACK.matcher(s).find()
        || COURIER.matcher(s).find()
            && (MORE_MONEY.matcher(s).find()
                || TOOK_FROM_ME.matcher(s).find() && WRITTEN.matcher(s).find())
        || REPAIRED_THERE.matcher(s).find()
            && (FAILED_AGAIN.matcher(s).find() || FAULT.matcher(s).find())
        || WENT.matcher(s).find() && NO_BOOKING.matcher(s).find();
  }

  /** Money the courier took: "خد مني ١٢٠", "5ad meny 120", "took 120 from me". */
  private static final Pattern TOOK_FROM_ME =
      words(
          "خد مني|اخد مني|خدوا مني|اخدوا مني|خد منى|حاسبني|"
              + "5ad meny|5ad mny|5ad mni|a5ad meny|akhad meny|khad meny|5ado meny|7asebny|"
              + "took|charged me|made me pay");

  /** What the order says: "وانتو كاتبين ١١٠", "w entu katbeen 110", "the app says 110". */
  private static final Pattern WRITTEN =
      words(
          "كاتبين|كاتبينها|مكتوب|المكتوب|في الفاتوره|على الموقع|katbeen|katbin|katbenha|maktoob|maktob|"
              + "written|it says|the app says|the invoice says|on the invoice|on the app|on the site");

  /** The customer came to the branch: "رحت الفرع", "ro7t el far3", "i went to the branch". */
  private static final Pattern WENT =
      words(
          "رحت|روحت|رحنا|جيت الفرع|جيتلكم|ro7t|roo7t|rou7t|ro7na|ge2t el far3|went|i came|we came|showed up");

  /** ... and the booking was not there: "مفيش حجز باسمك", "mafeesh 7agz", "no booking". */
  private static final Pattern NO_BOOKING =
      words(
          "مفيش حجز|مفيش ميعاد|مفيش معاد|ملقوش الحجز|ملقيوش|مش لاقيين الحجز|لا يوجد حجز|"
              + "mafeesh 7agz|mafish 7agz|mafesh 7agz|mafeesh ma3ad|mafish me3ad|mafesh me3ad|"
              + "no booking|no reservation|no appointment|couldn't find my booking|couldnt find my booking");

  /** Asked again and again: "للمرة الرابعة", "tany mara ba2ol", "asked 3 times already". */
  private static final Pattern ASKED_AGAIN =
      words(
          "للمره التالته|للمره الثالثه|للمره الرابعه|للمره الخامسه|للمره الالف|للمره العاشره|تالت مره|ثالث مره|رابع مره|خامس مره|"
              + "تاني مره اقول|تاني مره اسال|كل مره اسال|بسال من|بقالي بسال|ثلاث مرات|تلات مرات|اربع مرات|3 مرات|"
              + "tany mara ba2ol|tany mara bas2al|tany mara as2al|talet mara|rabe3 mara|lel mara el talta|kol mara as2al|"
              + "asked (?:\\d|two|three|four|five|many|several|so many) times|asking for the (?:\\d|third|fourth|fifth)|"
              + "(?:\\d|2nd|3rd|4th|5th|third|fourth|fifth) time (?:i ask|asking|i'm asking|im asking)|"
              + "cancelled on me|canceled on me|postponed on me|twice already|three times already");

  /** Nobody answers: "ولا أحد يجيب", "محدش بيرد", "mafish 7ad byrod", "hello??". */
  private static final Pattern NOBODY_ANSWERS =
      words(
          "ولا احد يجيب|ولا احد يرد|لا احد يرد|لا احد يجيب|ولم يرد احد|لم يرد احد|ولم يجب احد|لم يجب احد|محدش بيرد|ومحدش بيرد|محدش رد|مفيش حد بيرد|مفيش رد|ولا رد|"
              + "mafish 7ad byrod|mafesh 7ad byrod|ma7adsh byrod|ma7adesh byrod|mafish rad|7ad yrod|"
              + "nobody answers|no one answers|nobody replies|no one replies|nobody responds|no reply|no answer|no response|hello\\?\\?|"
              + "reschedule again|again\\?\\?");

  /** From the shop's side, again: "تؤجلون موعدي من طرفكم", "u guys cancelled on me twice". */
  private static final Pattern THEIR_DOING =
      words(
          "تؤجلون|اجلتوا|أجلتم|اجلتم|لغيتوا|الغيتوا|من طرفكم|من عندكم انتم|"
              + "cancelled on me|canceled on me|postponed on me|you guys cancelled|u guys cancelled|you cancelled|u cancelled");

  /**
   * The customer asked again and again and nobody answered, or the shop let them down more than
   * once: a person is due, whatever the question.
   */
  boolean askedAgainUnanswered(TextView text) {
    String s = " " + text.raw().toLowerCase(java.util.Locale.ROOT) + " " + haystack(text);
    return ASKED_AGAIN_THIRD.matcher(s).find()
        || PUT_OFF.matcher(s).find()
        || ASKED_AGAIN.matcher(s).find()
            && (NOBODY_ANSWERS.matcher(s).find() || THEIR_DOING.matcher(s).find());
  }

  /**
   * Put off from one day to the next: "كل يوم تقولولي بكرة بكرة", "kol youm bokra bokra", "every
   * day you say tomorrow". Patience is spent as when asking for the third time.
   */
  private static final Pattern PUT_OFF =
      words(
          "بكره بكره|بكرا بكرا|كل يوم بكره|كل يوم تقولولي|كل يوم يقولولي|كل يوم تقولوا|كل مره تقولولي|"
              + "bokra bokra|bokra w bokra|kol youm bokra|kol yom bokra|kol youm t2ololy|kol yom t2oloy|kol youm te2ololy|kol mara t2ololy|"
              + "tomorrow tomorrow|every day you say|every time you say|each day you say");

  /**
   * Asking for the third time or more ("للمرة الرابعة أسأل", "Third time asking."): patience is
   * spent whether or not the customer says nobody answered.
   */
  private static final Pattern ASKED_AGAIN_THIRD =
      words(
          "للمره التالته اسال|للمره الثالثه اسال|للمره الرابعه اسال|للمره الخامسه اسال|للمره الالف|للمره العاشره|"
              + "تالت مره اسال|ثالث مره اسال|رابع مره اسال|"
              + "talet mara as2al|talet mara bas2al|rabe3 mara as2al|lel mara el talta|"
              + "(?:3rd|4th|5th|third|fourth|fifth) time (?:asking|i ask|i'm asking|im asking)|"
              + "asked (?:3|4|5|three|four|five|so many) times");

  /** Done with the shop after a let-down: "مش هتعامل معاكو تاني", "never again after last time". */
  private static final Pattern DONE_WITH_US =
      words(
          "مش هتعامل معاكو|مش هتعامل معاكم|مش هتعامل معاكوا|مش هتعامل معكم|مش هتعامل مع|لن اتعامل معكم|لن اتعامل مع|"
              + "لا اريد التعامل مع|لا اريد التعامل معكم|مش عايز اتعامل مع|مش عايز اتعامل معاكو|اخر مره اتعامل|"
              + "مبقتش عايز اتعامل|مبقتش عاوز اتعامل|مبقاش عايز اتعامل|مبقتش هتعامل|مبقتش هتعامل معاكو|"
              // a let-down referred to: "بعد اللي حصل اخر مرة", "ba3d el bahdala"
              + "بعد اللي حصل|بعد اللى حصل|بعد البهدله|بعد المرمطه|بعد اللي شفته|"
              + "mab2etsh 3ayez at3amel|mab2tsh 3ayez at3amel|mab2itsh 3ayez|ba3d elly 7asal|ba3d elli 7asal|ba3d el bahdala|ba3d el bahdla|ba3d el marmata|"
              + "after what happened|after the mess|after how you treated|"
              + "msh hat3amel m3ako|msh hat3amel ma3ako|msh hat3amel m3akom|mesh hat3amel|msh 3ayez at3amel|"
              + "don't want to deal with|dont want to deal with|never deal with|not dealing with you|ever again|never again|never coming back");

  boolean doneWithUs(TextView text) {
    return DONE_WITH_US.matcher(haystack(text)).find();
  }

  /** Money paid or taken for nothing: a complaint, however calmly put. */
  boolean paidForNothing(TextView text) {
    String s = haystack(text);
    return MONEY_TAKEN.matcher(s).find() && NOTHING_FOR_IT.matcher(s).find();
  }

  /** What the shop said it would do: "قالولي يومين", "2oltoly 48 sa3a", "you said two days". */
  private static final Pattern PROMISED =
      words(
          "قالولي|قالوا لي|قلتولي|قولتولي|قلتوا|قولتوا|وعدتوني|وعدوني|اخبرتموني|قيل لي|"
              + "2oltoly|2oltolly|2alooly|2aloly|2alouly|2olto|you said|you told me|they said|they told me|i was told|promised|"
              + "w3adtoni|wa3adtoni");

  /** How long it has been since: "بقالهم ١٠ ايام", "ba2alhom 8 ayam", "it's been a week". */
  private static final Pattern ELAPSED =
      words(
          "بقالي|بقالهم|بقاله|بقالها|بقالنا|ولسه|ومازال|ولا يزال|ba2aly|ba2alhom|ba2alo|ba2ala|ba2alna|w lessa|"
              + "it's been|its been|it has been|and still|still nothing|still not|and nothing");

  /** A promise broken: told one time, it has been longer. A complaint. */
  boolean promiseBroken(TextView text) {
    String s = haystack(text);
    return PROMISED.matcher(s).find() && ELAPSED.matcher(s).find();
  }

  /**
   * A person wanted beside whatever else the message asks: "7ad yekalemni", "let someone from the
   * store call me", or a number to call a person ("whats the phone number of the cairo branch i
   * wanna call them", "hotline kam?").
   */
  private static final Pattern CALL_ME =
      words(
          "حد يكلمني|حد يكلمنى|حد يتصل بيا|حد يتصل بي|حد يرن عليا|حد يرد عليا|حد يشوفلي حل|حد من المحل يكلمني|اتصلوا بيا|اتصلوا بي|كلموني|يتصل بي|يتصل بيا|"
              + "call me|someone call|somebody call|have someone|let someone|give me a call|ring me|"
              + "7ad yekalemni|7ad ykalemni|7ad yklmni|7ad yekallemni|had yekalemni|7ad yetasel|7ad yrn|kalmoni|kallemoni|etaslo beya|etasalo bya|"
              + "hotline|هوت لاين|الخط الساخن|الهوت لاين|whatsapp number|phone number|contact number|رقم الواتس|رقم خدمه العملاء|رقم تليفون|رقم تلفون|"
              + "rakam khedmet el 3omala|rakam el fer3|rakam lel fer3|rakam tany|rakam telefon|"
              // "someone from the repair centre on the phone?", "speak with Ahmed from Smouha",
              // "أن يهاتفني أحد", "7ad yerod"
              + "someone from|somebody from|on the phone|speak with|يهاتفني|يتواصل معي|"
              + "7ad yerod|7ad yrod|7ad yrd|had yerod|7ad yerd|"
              // "خلي حد من الفرع يكلمني", "3awz 7d yetsl bya", "momken 7ad yekalemny?": someone,
              // then (a few words on) a verb of calling or answering the customer
              + "(?:حد|حدا|موظف|7ad|7d|had|someone|somebody)(?:\\s+\\S+){0,3}?\\s+"
              + "(?:يكلمني|يكلمنى|يكلمنا|يتصل|يتواصل|يرن|يرد عليا|يرد علي|"
              + "yekalem|ykalem|yklm|yekallem|yekalm|yetsl|yetsel|yetasel|yetasal|yetassal|yet9el|yettesel|yrn|yerren|yerod 3alaya|yrod 3alaya|"
              + "call me|calls me|rings me|gets back to me|contacts me)");

  private static final Pattern TO_CALL =
      words(
          "اكلم|اتصل|اكلمهم|اتواصل|كلمهم|call|calling|contact|reach|talk|speak|guy|someone|person|"
              + "atta9el|at9al|attasel|akalem|akallem|akalemhom|ta3amol|kam|كام|nas|el nas|احد|حد|7ad|7d|had");

  private static final Pattern NOT_A_PERSON_NUMBER =
      words(
          "رقم الطلب|رقم الاوردر|رقم التتبع|رقم الشحنه|order number|tracking number|rakam el order|rakam el talab|"
              + "فودافون كاش|vodafone cash|instapay|انستاباي|wallet|محفظه");

  /** A person asked for beside another question, or a number asked for to call one. */
  boolean wantsAPersonToo(TextView text) {
    String s = haystack(text);
    return CALL_ME.matcher(s).find()
        && TO_CALL.matcher(s).find()
        && !NOT_A_PERSON_NUMBER.matcher(s).find();
  }

  /**
   * Something the customer bought from the shop or received from it: "اشتريتها منكم", "I bought
   * last week", "اللي جالي", "elly weslny".
   */
  private static final Pattern BOUGHT =
      words(
          "اشتريتها|اشتريته|اشتريتهم|اشتريت|شاريها|شاريه|جبتها منكم|جبته منكم|اللي خدتها|اللي خدته|"
              + "اشتريتها منكم|التي اشتريتها|الذي اشتريته|قمت بشرائها|قمت بشرائه|"
              + "اللي جالي|اللي جالى|اللي جاتلي|اللي جالنا|اللي وصلني|اللي وصلتني|elly gali|elly galy|elly gatly|elly weslny|elly wesly|elly weselny|"
              + "that came|that arrived|i received|i got yesterday|"
              + "i bought|bought|i got from you|purchased|ordered from you|"
              + "eshtarétha|eshtaretha|eshtareto|eshtaret|eshtareit|ashtareit|ashtaret|shareha|shareeha|gebtaha|gebto");

  /**
   * It stopped working or works badly: "صوتها بيقطع", "stopped working in one ear", "wa2fet", "مش
   * بتشحن".
   */
  private static final Pattern FAULT =
      words(
          "مبيشحنش|مبتشحنش|مقاسه مش مظبوط|مقاسها مش مظبوط|مش مظبوط عل|mabyesh7ensh|mabtesh7ansh|ma2aso msh mazboot|ma2asha msh mazboot|doesn't fit|doesnt fit|doesn t fit|"
              + "بيقطع|بتقطع|بيفصل|بتفصل|وقفت|وقف|بطلت تشتغل|بطل يشتغل|بطل شغل|بطلت شغل|بطلت|بطل|سخنت|سخن|بيسخن|بتسخن|مش شغاله|مش شغال|مبتشتغلش|مبيشتغلش|مش بتشحن|مش بيشحن|باظت|باظ|بايظه|بايظ|عطلانه|عطلان|"
              + "لا تعمل|لا يعمل|توقفت|توقف عن العمل|انقطع|ينقطع|يتقطع|"
              + "stopped working|stopped charging|not working|doesn't work|doesnt work|doesn t work|don t work|dont work|isn t working|isnt working|overheats|overheating|won't charge|wont charge|cuts out|cutting out|"
              + "keeps disconnecting|broke|broken|dead|died|no sound|"
              + "batlet|batal|battal|bttal|bta3'|sokhen|bayz|flicker|flickering|فليكر|بتفلكر|بيفلكر|بترعش|bey2ata3|bt2ata3|bey2ta3|wa2fet|wa2af|msh shaghala|msh shaghal|mabtshtaghalsh|bayza|bayez|3atlana|3atlan|bazet|baz");

  /**
   * "السماعة اللي اشتريتها منكم الأسبوع اللي فات صوتها بيقطع", "the earbuds I bought last week
   * stopped working in one ear": a fault in what the customer bought, however calmly told; a
   * complaint for customer service (not an order, not a product question).
   */
  boolean faultOfWhatWasBought(TextView text) {
    String s = haystack(text);
    return BOUGHT.matcher(s).find() && FAULT.matcher(s).find()
        || ARRIVED.matcher(s).find() && ARRIVED_AS.matcher(s).find() && !IF.matcher(s).find();
  }

  /** What was delivered: "وصلني", "wesel el naharda", "received", "arrived". */
  private static final Pattern ARRIVED =
      words(
          "وصلني|وصلتني|وصل النهارده|وصل امبارح|استلمت|استلمته|استلمتها|اتسلمت|"
              + "wesel|weselny|weselni|wesely|wasalny|estalamt|estalamto|estalamtaha|"
              + "received|arrived|was delivered|got delivered|came today|came yesterday");

  /**
   * ... came opened, scratched, used or broken: "الكرتونة مفتوحة", "el mob 3aleh 5edoosh", "da
   * gdeed wala mosta3mal?".
   */
  private static final Pattern ARRIVED_AS =
      words(
          "مفتوح|متفتح|مفتوحه|خدوش|مخدوش|متخدش|مستعمل|مستخدم|مكسور|مكسوره|مضروب|"
              + "maftoo7|maftoo7a|maftou7|metfata7|5edoosh|5dosh|khedoosh|m5adoosh|mosta3mal|mesta3mal|mksor|maksoor|maksora|madroob|"
              + "opened|open box|scratched|scratches|scratch|used one|looks used|second hand|cracked|broken|damaged|dented");

  /** A case supposed, not told: "لو وصل مكسور", "if it arrives broken". */
  private static final Pattern IF = words("لو|اذا|إذا|law|lw|if");

  /**
   * Something the customer has, named as theirs or by how long they have had it: "بتاعتي", "اللي
   * معايا", "الخاصة بي", "my", "ba2alha esbo3", "after 3 weeks".
   */
  private static final Pattern OWNED =
      words(
          "بتاعتي|بتاعي|بتوعي|اللي معايا|اللي عندي|الي معايا|الي عندي|الخاصه بي|الخاص بي|التي معي|الذي معي|التي لدي|الذي لدي|"
              + "بقالها|بقاله|بقالي|بعد اسبوع|بعد اسبوعين|بعد شهر|بعد شهرين|بعد يومين|بعد [0-9]+ (?:ايام|اسابيع|شهور|اشهر)|بعد ثلاث(?:ه)? اسابيع|"
              + "my|mine|after a week|after a month|after two weeks|after [0-9]+ (?:days|weeks|months)|"
              + "bta3ty|bta3y|bta3ti|elly m3aya|elly ma3aya|ely m3aya|elly 3andy|ely 3andy|"
              + "ba2alha|ba2alo|ba2aly|b2alha|b2alo|ba3d esbo3|ba3d osbo3|ba3d shahr|ba3d [0-9]+ (?:ayam|asabe3|shohor)");

  /** What can be under warranty or repaired: a device or an accessory. */
  private static final Pattern DEVICE =
      words(
          "شاحن|الشاحن|سماع|السماع|السماعه|سماعه|البادز|بادز|ايربودز|موبايل|الموبايل|تليفون|التليفون|هاتف|الهاتف|ساعه|الساعه|باور|الباور|شاشه|الشاشه|بطاريه|البطاريه|"
              + "charger|phone|iphone|watch|earbuds|buds|airpods|headphones|earphones|power bank|speaker|screen|battery|"
              + "sama3a|sama3at|mobile|mobil|charger|shasha|battery|buds|earbuds|sa3a");

  /** A dead battery or one that will not charge, in Arabizi and Arabic: "fasla", "مبتشحنش". */
  private static final Pattern WONT_CHARGE =
      words(
          "fasla|faslet|fasel|msh bteshe7n|msh btesh7an|mesh bteshe7n|mabtesh7ansh|mabteshe7nsh|msh byeshe7n|"
              + "مبتشحنش|مبيشحنش|مش بتشحن|مش بيشحن|لا تشحن|لا يشحن|عن الشحن|بطلت تشحن|وقفت شحن|"
              + "won't turn on|wont turn on|won't charge|wont charge|stopped responding|not charging|stopped charging|"
              + "مبيفتحش|مبتفتحش|مش بيفتح|مش بتفتح|لا يعمل|لا تعمل");

  /**
   * "My Galaxy Buds FE stopped charging after 3 weeks", "السماعة بتاعتي بطلت تشحن", "el buds
   * ba2alha esbo3 w fasla": a fault in something the customer has, not named as bought from the
   * shop ({@link #faultOfWhatWasBought} takes that), nor a repair's price or booking asked: the
   * warranty and the repair centre answer it, with a repair to book or a person to reach.
   */
  boolean faultOfWhatIsOwned(TextView text, boolean namesAProduct) {
    String s = haystack(text);
    return (FAULT.matcher(s).find() || WONT_CHARGE.matcher(s).find())
        && OWNED.matcher(s).find()
        && (namesAProduct || DEVICE.matcher(s).find())
        && !BOUGHT.matcher(s).find()
        && !BOOK_VERB.matcher(s).find()
        && !PRICE_ASKED.matcher(s).find()
        && !CHARGE.matcher(s).find();
  }

  /** "when", "امتى", "emta": when something can happen. */
  private static final Pattern WHEN =
      words("امتى|امتي|متى|متي|امته|when|what time|emta|imta|amta|emteh");

  /** Picking an order up: "pick it up", "collect", "استلمه", "astelmo". */
  private static final Pattern PICK_UP =
      words(
          "pick it up|pick up|pickup|pick them up|collect it|collect my|come get it|"
              + "استلمه|استلمها|استلم|استلامه|استلامها|استلام الطلب|استلام الاوردر|اجي اخده|اجي اخدها|اعدي اخده|اعدي اخدها|"
              + "astelmo|astelemo|astelmha|astelemha|astelem|astalem|estelamo|a3ady akhdo|ageeb|a3addi");

  /** The customer is the one who comes: "can I", "اقدر", "يمكنني", a branch named. */
  private static final Pattern I_COME =
      words(
          "اقدر|اقدار|ينفع|يمكنني|استطيع|من الفرع|في الفرع|الفرع|فرع|can i|could i|may i|branch|store|"
              + "a2dar|a2dr|yenfa3|mn el far3|men el far3|el far3|far3");

  /** "when can i pick it up?", "امتى اقدر استلمه من الفرع؟", "emta a2dar astelmo?". */
  private static boolean asksWhenToPickUp(String s) {
    return WHEN.matcher(s).find()
        && PICK_UP.matcher(s).find()
        && (I_COME.matcher(s).find()
            || s.contains(" pick ")
            || s.contains(" pickup ")
            || s.contains(" collect "));
  }

  /** Money taken twice: a complaint, however politely put. */
  boolean chargedTwice(TextView text) {
    String s = haystack(text);
    return CHARGE.matcher(s).find() && TWICE.matcher(s).find();
  }

  /**
   * The words and their clitic-stripped / canonical forms, space-separated with a space at each
   * end.
   */
  /** The text's words as typed and as stems, space-padded, for the word-start patterns. */
  static String haystack(TextView text) {
    return " " + String.join(" ", text.tokens()) + " " + String.join(" ", text.stems()) + " ";
  }
}
