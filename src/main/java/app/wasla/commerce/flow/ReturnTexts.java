package app.wasla.commerce.flow;

import app.wasla.persona.nlp.ArabicNormalizer;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * {@code ${returnTexts.noOrder(execution)}} etc.: what processes/returns-and-warranty.bpmn says, in
 * the register the persona answered the request in (Egyptian Arabic, MSA, Arabizi or English), and
 * the reason a customer gave for a return, tapped or typed.
 */
@Component
public class ReturnTexts {

  /** The reason buttons' titles, per register: changed my mind, defective, damaged in delivery. */
  private static final String[][] REASON_BUTTONS = {
    {"غيرت رأيي", "عيب صناعة", "تلف في الشحن"},
    {"غيرت رأيي", "عيب صناعة", "تلف في الشحن"},
    {"Ghayart ra2yi", "3eib sena3a", "Et2atal fel sha7n"},
    {"Changed my mind", "Defective", "Damaged in delivery"},
  };

  private static final String[] REASONS = {"changed_mind", "defect", "damaged"};

  /** "غيرت رأيي", "msh 3agebny", "I changed my mind": nothing is wrong with it. */
  private static final Pattern CHANGED_MIND =
      words(
          "غيرت رايي|غيرت رايى|غيرت راي|غيرت رأيي|معجبنيش|مش عاجبني|مش عاجباني|لم يعجبني|عدلت عن|مش محتاجه|مش محتاجها|"
              + "لم اعد احتاج|مش عايزه|مش عايزها|"
              + "changed my mind|change of mind|don't like it|dont like it|don t like it|do not like it|don't need it|dont need it|no longer need|"
              + "ghayart ra2yi|ghayart ra2y|ghayart ra2ye|8ayart ra2yi|8ayart ra2y|ghayart rayi|msh 3agebny|mesh 3agebny|msh 3agbany|"
              + "msh me7tago|msh me7tagah|msh 3ayzo|msh 3ayzah");

  /** Delivery words: the damage came with the shipping, not from the making. */
  private static final Pattern SHIPPING =
      words(
          "الشحن|شحن|التوصيل|توصيل|وصل|وصلت|وصلني|وصلتني|جالي|جاتلي|المندوب|استلمته|استلمتها|"
              + "delivery|shipping|shipment|arrived|came|courier|received|"
              + "sha7n|el sha7n|tawseel|el tawseel|wesel|weselt|weselny|wasalny|gali|gatly|el mandoob|estalamto|estalamtaha");

  /** Broken or damaged, as a parcel arrives. */
  private static final Pattern BROKEN =
      words(
          "مكسور|مكسوره|اتكسر|اتكسرت|مخبوط|مخبوطه|مضروب|مضروبه|تالف|تالفه|تلف|اتلف|مشروخ|مشروخه|مفتوح|مفتوحه|"
              + "broken|damaged|cracked|smashed|dented|crushed|opened|"
              + "maksoor|maksor|maksoora|maksora|etkasar|etkasaret|ta2ef|talef|tallef|et2atal|mashroo5|madroob");

  /** A fault in the making: it does not work, or works badly. */
  private static final Pattern FAULT =
      words(
          "عيب|معيوب|معيب|عيب صناعه|بايظ|بايظه|باظ|باظت|عطلان|عطلانه|عطل|مش شغال|مش شغاله|مبيشتغلش|مبتشتغلش|لا يعمل|لا تعمل|"
              + "بيقطع|بتقطع|بيفصل|بتفصل|وقف|وقفت|بطل|بطلت|بيسخن|بتسخن|سخن|سخنت|مش بيشحن|مش بتشحن|مبيشحنش|مبتشحنش|توقف|توقفت|"
              + "defect|defective|faulty|fault|not working|stopped working|doesn't work|doesnt work|doesn t work|won't charge|wont charge|"
              + "stopped charging|overheats|overheating|cuts out|dead|no sound|broke|broken|"
              + "3eib|3eb|3ayb|ma3yoob|bayez|bayza|baz|bazet|3atlan|3atlana|msh shaghal|msh shaghala|mesh shaghal|mesh shaghala|"
              + "mabtshtaghalsh|mabyshtaghalsh|wa2af|wa2fet|batal|batlet|bey2ata3|bt2ata3|sokhen|bys5an|bts5an|"
              + "mabyesh7ensh|mabtesh7ensh|msh bye4a7en|msh byesh7en|msh btesh7en");

  private static Pattern words(String alternatives) {
    return Pattern.compile(
        "(?<![\\p{L}\\p{N}])(?:" + ArabicNormalizer.normalize(alternatives) + ")(?![\\p{L}\\p{N}])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** The flow's register: eg, msa, arabizi or en. */
  public String form(DelegateExecution execution) {
    return switch (SalesContext.form(execution)) {
      case 1 -> "msa";
      case 2 -> "arabizi";
      case 3 -> "en";
      default -> "eg";
    };
  }

  /** The reason buttons, "|"-separated, in the register. */
  public String reasonButtons(DelegateExecution execution) {
    return String.join("|", REASON_BUTTONS[SalesContext.form(execution)]);
  }

  public String repairButton(DelegateExecution execution) {
    return SalesContext.say(execution, "احجز صيانة", "احجز صيانة", "E7gez siana", "Book a repair");
  }

  /**
   * The reason the customer gave: a tapped button (of any register), else the words typed ("السماعة
   * بتقطع", "el earbuds fiha 3eib", "it arrived broken"): changed_mind, defect, damaged; none for a
   * turn that gives no reason (a question, another topic).
   */
  public String reason(DelegateExecution execution) {
    Object replyId = execution.getVariable("replyId");
    if (replyId instanceof String tapped) {
      for (String[] titles : REASON_BUTTONS) {
        for (int i = 0; i < titles.length; i++) {
          if (titles[i].equalsIgnoreCase(tapped.trim())) {
            return REASONS[i];
          }
        }
      }
    }
    return typedReason(SalesContext.turnText(execution));
  }

  /** The reason in a typed text, or none. */
  static String typedReason(String text) {
    String s = ArabicNormalizer.normalize(text == null ? "" : text).toLowerCase();
    if (CHANGED_MIND.matcher(s).find()) {
      return "changed_mind";
    }
    if (BROKEN.matcher(s).find() && SHIPPING.matcher(s).find()) {
      return "damaged";
    }
    if (FAULT.matcher(s).find()) {
      return "defect";
    }
    return "none";
  }

  /**
   * No order to return: a number named that is not one of this customer's orders is said to be not
   * found on their number, with how to go on (check the number, or a person); no number and no
   * order: asked for the number.
   */
  public String noOrder(DelegateExecution execution) {
    Object named = execution.getVariable(LookUpOrderDelegate.NAMED);
    if (named instanceof String number && !number.isBlank()) {
      return SalesContext.say(
          execution,
          "مش لاقية طلب "
              + number
              + " على رقمك ده. اتأكد من رقم الطلب (موجود في رسالة تأكيد الطلب) وابعتهولي تاني، ولو الطلب على رقم تاني أو محتاج حد يراجعه قولي \"كلم موظف\" وزميل هيتابع معاك.",
          "لم أجد الطلب "
              + number
              + " على رقمك هذا. تأكد من رقم الطلب (تجده في رسالة تأكيد الطلب) وأرسله مرة أخرى، وإن كان الطلب على رقم آخر أو تريد من يراجعه فاكتب \"كلم موظف\" وسيتابع معك أحد الزملاء.",
          "Msh la2ya order "
              + number
              + " 3ala rakamak da. Et2aked men rakam el order (mawgood fi resalet ta2keed el order) w ab3atholy tany, w law el order 3ala rakam tany aw 3ayez 7ad yeraga3o 2oly \"kalem mowazaf\" w zemil hayetabe3 ma3ak.",
          "I could not find order "
              + number
              + " on this number. Please check the order number (it is in your order confirmation message) and send it again; if the order is on another number, or you would like someone to look into it, write \"talk to a person\" and a colleague will follow up.");
    }
    return SalesContext.say(
        execution,
        "مش لاقية طلب على رقمك ده. ابعتلي طلبك ومعاه رقم الطلب، زي: عايز أرجع ORD-12345",
        "لم أجد طلباً على رقمك هذا. أرسل طلبك ومعه رقم الطلب، مثل: أريد إرجاع ORD-12345",
        "Msh la2ya order 3ala rakamak da. Ab3atly talabak w ma3ah rakam el order, zay: 3ayez arag3 ORD-12345",
        "I could not find an order on this number. Send your request with the order number, for example: I want to return ORD-12345");
  }

  /**
   * A change of mind about an order that has not shipped and was not paid: nothing to send back and
   * nothing to refund, so it is offered to be cancelled (the order-cancel flow asks next).
   */
  public String cancelInstead(DelegateExecution execution) {
    Object order = execution.getVariable("orderId");
    return SalesContext.say(
        execution,
        "طلبك "
            + order
            + " لسه ما اتشحنش ومدفعتش فيه حاجة، فمش محتاج ترجعه ولا في فلوس ترجعلك: ممكن ببساطة نلغيه.",
        "طلبك "
            + order
            + " لم يُشحن بعد ولم تدفع شيئاً، فلا حاجة لإرجاعه ولا يوجد مبلغ يُرد: يمكننا ببساطة إلغاؤه.",
        "El order "
            + order
            + " lessa ma et4a7ansh w mdafa3tsh feeh 7aga, fa msh me7tag terga3o wala fe flous terga3lak: momken bbasata nelghih.",
        "Order "
            + order
            + " has not shipped yet and nothing has been paid, so there is nothing to send back or refund: we can simply cancel it.");
  }

  /** "No, keep it" tapped while a return waits for the support team: the order stays. */
  public String orderKept(DelegateExecution execution) {
    return SalesContext.say(
        execution,
        "تمام، الطلب زي ما هو.",
        "حسناً، يبقى الطلب كما هو.",
        "Tamam, el order zay ma howa.",
        "OK, the order stays as it is.");
  }

  public String askReason(DelegateExecution execution) {
    String order =
        execution.getVariable("orderId") + " (" + execution.getVariable("orderProduct") + ")";
    return SalesContext.say(
        execution,
        "طلبك " + order + ". إيه المشكلة فيه؟",
        "طلبك " + order + ". ما المشكلة فيه؟",
        "El order " + order + ". Eh el moshkla fih?",
        "Your order " + order + ". What is wrong with it?");
  }

  public String askPhoto(DelegateExecution execution) {
    return SalesContext.say(
        execution,
        "آسفين على كده. ابعتلي صورة للمنتج توضح المشكلة من فضلك.",
        "نأسف لذلك. من فضلك أرسل صورة للمنتج توضح المشكلة.",
        "Asfeen 3ala keda. Ab3atly sora lel montag bet-wada7 el moshkla law sama7t.",
        "Sorry about that. Please send a photo of the product showing the problem.");
  }

  public String pending(DelegateExecution execution) {
    return SalesContext.say(
        execution,
        "شكراً ليك. فريق الدعم هيراجع طلبك وهبلغك بردهم هنا قريب.",
        "شكراً لك. سيراجع فريق الدعم طلبك وسأبلغك بردهم هنا قريباً.",
        "Shokran. Fari2 el da3m hayraga3 talabak w hab2a a2ollak raddohom hena 2oryyeb.",
        "Thank you. Our support team reviews your request and I will tell you their answer here shortly.");
  }

  public String exchange(DelegateExecution execution) {
    return SalesContext.say(
        execution,
        "طلبك اتقبل: هنستبدله بواحد جديد. هاته بعلبته لأي فرع من فروعنا، أو المندوب هيستلمه منك خلال يومين شغل.",
        "تم قبول طلبك: سنستبدله بمنتج جديد. أحضره بعلبته إلى أحد فروعنا، أو يستلمه مندوبنا خلال يومي عمل.",
        "Talabak et2abal: hanestabdelo b wa7ed gedid. Hato b 3elbeto le ay far3 men forou3na, aw el mandoob hayestalemo menak fi yomein shoghl.",
        "Your request is accepted: we exchange it for a new one. Bring it with its box to one of our branches, or our courier collects it within 2 working days.");
  }

  public String repair(DelegateExecution execution) {
    return SalesContext.say(
        execution,
        "المنتج في الضمان: هنصلحه ببلاش في مركز الصيانة. دوس على احجز صيانة وأنا ألاقيلك ميعاد في فرع.",
        "المنتج مشمول بالضمان: نصلحه مجاناً في مركز الصيانة. اضغط احجز صيانة وسأجد لك موعداً في أحد الفروع.",
        "El montag fel daman: hansala7o bebalash fi markaz el siana. Dous 3ala E7gez siana w ana ala2ilak ma3ad fi far3.",
        "It is covered by the warranty: we repair it for free at our repair centre. Tap Book a repair and I will book you a time at a branch.");
  }

  public String refund(DelegateExecution execution) {
    return SalesContext.say(
        execution,
        "طلبك اتقبل: هنرجعلك فلوسك بنفس طريقة الدفع خلال ٧ أيام شغل بعد ما المنتج يرجعلنا في علبته الأصلية ومش متفتح.",
        "تم قبول طلبك: سنرد المبلغ بطريقة الدفع نفسها خلال ٧ أيام عمل بعد استلامنا المنتج في علبته الأصلية دون فتحه.",
        "Talabak et2abal: hanraga3lak felousak b nafs tari2et el daf3 khelal 7 ayam shoghl ba3d ma el montag yerga3lna fi 3elbeto el asleya w msh metfate7.",
        "Your request is accepted: we refund the amount by the same payment method within 7 working days once the product is back with us, unopened in its original box.");
  }

  public String refusal(DelegateExecution execution) {
    return SalesContext.say(
        execution,
        "آسفين، مش هنقدر نقبل الطلب ده: الإرجاع خلال ١٤ يوم من الاستلام، والضمان بيغطي عيوب الصناعة بس. ومركز الصيانة يقدر يصلحه بمقابل.",
        "نأسف، لا يمكننا قبول هذا الطلب: الإرجاع خلال ١٤ يوماً من الاستلام، والضمان يغطي عيوب الصناعة فقط. ويمكن لمركز الصيانة إصلاحه بمقابل.",
        "Asfeen, msh han2dar ne2bal el talab da: el erga3 khelal 14 yom men el estelam, w el daman bey-ghati 3eyoub el sena3a bas. W markaz el siana ye2dar yesala7o b moqabel.",
        "Sorry, we cannot accept this request: returns are within 14 days of delivery, and the warranty covers manufacturing defects only. Our repair centre can still fix it for a fee.");
  }
}
