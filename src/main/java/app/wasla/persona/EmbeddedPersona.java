package app.wasla.persona;

import app.wasla.persona.handoff.DmnHandoffRules;
import app.wasla.persona.handoff.HandoffRules;
import app.wasla.persona.nlp.ClockTimes;
import app.wasla.persona.nlp.CustomerNames;
import app.wasla.persona.nlp.EntityExtractor;
import app.wasla.persona.nlp.FeminineWords;
import app.wasla.persona.nlp.IntentClassifier;
import app.wasla.persona.nlp.LanguageDetector;
import app.wasla.persona.nlp.ModelNames;
import app.wasla.persona.nlp.OrderChanges;
import app.wasla.persona.nlp.SentimentAnalyzer;
import app.wasla.persona.nlp.TextView;
import app.wasla.persona.playbook.Passage;
import app.wasla.persona.playbook.Playbook;
import app.wasla.persona.playbook.PlaybookIndex;
import app.wasla.persona.playbook.PlaybookLoader;
import app.wasla.persona.playbook.Product;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The default persona: no network, no model download. Normalises, detects language and script,
 * classifies the intent (lexicon + naive Bayes), scores sentiment, extracts entities, answers from
 * the playbook (BM25) or the catalogue, and asks the handoff rules (DMN) whether a human must take
 * over. Thread-safe; well under 5 ms a turn.
 */
public final class EmbeddedPersona implements Persona {

  /**
   * Interactive reply ids and the intents they stand for; any other "menu_<intent>" id works too.
   */
  public static final Map<String, String> REPLY_IDS =
      Map.ofEntries(
          Map.entry("menu_products", Intents.PRODUCT_INQUIRY),
          Map.entry("menu_order", Intents.ORDER),
          Map.entry("menu_order_status", Intents.ORDER_STATUS),
          Map.entry("menu_booking", Intents.BOOKING_NEW),
          Map.entry("menu_payment", Intents.PAYMENT),
          Map.entry("menu_human", Intents.HUMAN_REQUEST),
          Map.entry("payment_link", Intents.PAYMENT),
          Map.entry("booking_confirm_cancel", Intents.BOOKING_CANCEL),
          Map.entry("booking_keep", Intents.THANKS_GOODBYE),
          Map.entry("branch_cairo", Intents.BOOKING_NEW),
          Map.entry("branch_alex", Intents.BOOKING_NEW));

  /**
   * An offer's "Order now" ({@code sales_order:<sku>}), also tapped on an older offer: an order of
   * that product.
   */
  static final String ORDER_BUTTON = "sales_order";

  /** Below these a playbook passage is not trusted as an answer. */
  static final double MIN_SCORE = 2.0;

  static final double MIN_COVERAGE = 0.25;

  private static final Pattern QUESTION =
      Pattern.compile(
          "[?]|(^|\\s)(هل|ايه|ازاي|فين|امتي|كام|ليه|كيف|متي|اين|ماذا|ما|كم|"
              + "what|how|where|when|why|which|who|do|does|can|is|are|eh|ezay|fen|emta|leh|kam)(\\s|$)");
  private static final Pattern PAID =
      Pattern.compile("(دفعت|حولت|ارسلت المبلغ|paid|transferred|dafa3t|7awelt)");

  /**
   * A receipt or a transfer's screenshot sent ("ده الإيصال", "here's the receipt"), as whole words:
   * "إيصالي بقسم الدعم" is "connect me to support", not "my receipt".
   */
  private static final Pattern RECEIPT =
      Pattern.compile(
          "(?<!\\p{L})(ايصال|الايصال|وصل الدفع|وصل التحويل|صوره التحويل|سكرين التحويل|اسكرين التحويل|سكرينه التحويل|"
              + "ده التحويل|دا التحويل|هذا التحويل|التحويل اهو|receipt|screenshot of the transfer|transfer screenshot|"
              + "proof of payment|payment proof|e2sal|el esal|wasl el daf3|screen el ta7weel|sorat el ta7weel)"
              + "(?!\\p{L})");

  /** Words asking about a receipt rather than sending one ("أبعت الإيصال فين؟"). */
  private static final Pattern RECEIPT_ASKED =
      Pattern.compile("(فين|ازاي|كيف|اين|هل|where|how|should|do i|can i|fen|ezay)");

  /** MSA's other إيصال: delivering ("إيصال الطلب إلى عنواني"). */
  private static final Pattern DELIVERING =
      Pattern.compile("ايصال\\s+(الطلب|طلبي|الشحنه|المنتج|الاوردر|الطرد)");

  /** A receipt sent, not a question about sending one. */
  private static boolean sendsAReceipt(TextView text) {
    String s = " " + text.normalized() + " ";
    return RECEIPT.matcher(s).find()
        && !RECEIPT_ASKED.matcher(s).find()
        && !DELIVERING.matcher(s).find();
  }

  private final String name;
  private final Playbook playbook;
  private final PlaybookIndex index;
  private final LanguageDetector languages = new LanguageDetector();
  private final IntentClassifier intents;
  private final SentimentAnalyzer sentiment = new SentimentAnalyzer();
  private final EntityExtractor entities;
  private final HandoffRules handoffRules;
  private final StoreTopics topics = new StoreTopics();
  private final Grievances grievances = new Grievances();
  private final Map<String, String> learned;
  private final java.time.Clock clock;
  private final ProductStock stock;

  public EmbeddedPersona(
      String name, Playbook playbook, IntentClassifier intents, HandoffRules handoffRules) {
    this(name, playbook, intents, handoffRules, Map.of());
  }

  /**
   * With messages whose intent the business has stated ({@link #learnedKey} of the text → intent:
   * the agents' corrections, the analyst's examples): such a message is read as that intent, as a
   * tapped reply is.
   */
  public EmbeddedPersona(
      String name,
      Playbook playbook,
      IntentClassifier intents,
      HandoffRules handoffRules,
      Map<String, String> learned) {
    this(name, playbook, intents, handoffRules, learned, java.time.Clock.systemUTC());
  }

  /** With the clock that "are you open now?" is answered by. */
  public EmbeddedPersona(
      String name,
      Playbook playbook,
      IntentClassifier intents,
      HandoffRules handoffRules,
      Map<String, String> learned,
      java.time.Clock clock) {
    this(name, playbook, intents, handoffRules, learned, clock, ProductStock.UNKNOWN);
  }

  /**
   * With the shop's stock: lists and recommendations leave out what is sold out, and a product
   * asked for by name that is sold out is said to be, with the nearest ones in stock.
   */
  public EmbeddedPersona(
      String name,
      Playbook playbook,
      IntentClassifier intents,
      HandoffRules handoffRules,
      Map<String, String> learned,
      java.time.Clock clock,
      ProductStock stock) {
    this.stock = stock == null ? ProductStock.UNKNOWN : stock;
    this.clock = clock;
    this.learned = Map.copyOf(learned);
    this.name = name;
    this.playbook = playbook;
    this.index = new PlaybookIndex(playbook);
    this.intents = intents;
    this.entities = new EntityExtractor(playbook.products());
    this.handoffRules = handoffRules;
  }

  /** The demo store's persona "Nour", with the shipped playbook and processes/handoff-rules.dmn. */
  public static EmbeddedPersona createDefault() {
    return new EmbeddedPersona(
        "Nour",
        PlaybookLoader.loadDefault(),
        IntentClassifier.createDefault(),
        DmnHandoffRules.load());
  }

  public Playbook playbook() {
    return playbook;
  }

  public PlaybookIndex index() {
    return index;
  }

  /**
   * It answers from the turn's own text, the reply tapped and the customer's profile; of the
   * transcript it reads only the list it sent last ("compare the first two"), whether the customer
   * wrote of herself in the feminine, and a person's words followed up ({@link PersonFollowUp}).
   */
  @Override
  public boolean readsTranscript() {
    return true;
  }

  /**
   * The turn's answer; a customer following up on what a person told them ({@link PersonFollowUp})
   * goes back to that person instead of being answered from the playbook, which could contradict
   * her.
   */
  @Override
  public PersonaResult respond(PersonaTurn turn) {
    PersonaResult result = toAWoman(answer(turn), turn);
    if (turn.recentTranscript().isEmpty()
        || Intents.THANKS_GOODBYE.equals(result.intent())
            && !asksSomething(TextView.of(turn.text()))) {
      return result;
    }
    return PersonFollowUp.of(turn, clock.instant())
        .map(person -> followUp(result, person, feminine(turn)))
        .orElse(result);
  }

  /**
   * Whether the customer spoke of herself in the feminine ("عايزة", "3ayza", "محتاجة"), in this
   * turn or an earlier one of the transcript: then replies address her so.
   */
  static boolean feminine(PersonaTurn turn) {
    return FeminineWords.in(turn.text())
        || turn.recentTranscript().stream()
            .anyMatch(line -> line.fromCustomer() && FeminineWords.in(line.text()));
  }

  /** The result with its reply addressed to a woman, for a customer who wrote in the feminine. */
  private static PersonaResult toAWoman(PersonaResult result, PersonaTurn turn) {
    PersonaReply r = result.reply();
    if (r == null || r.text() == null || !feminine(turn)) {
      return result;
    }
    Language replyIn = result.language() == Language.MIXED ? Language.AR_EG : result.language();
    String text = ReplyTexts.toAWoman(r.text(), replyIn);
    if (text.equals(r.text())) {
      return result;
    }
    return new PersonaResult(
        result.language(),
        result.intent(),
        result.intentConfidence(),
        result.sentiment(),
        result.entities(),
        new PersonaReply(
            text,
            r.options(),
            r.listButtonText(),
            r.aboutProductSku(),
            r.branchesShown(),
            r.complete()),
        result.handoff(),
        result.handoffReason(),
        result.summary(),
        result.topic(),
        result.retailBigDeal());
  }

  private static PersonaResult followUp(
      PersonaResult read, TranscriptLine.Person person, boolean feminine) {
    Language replyIn = read.language() == Language.MIXED ? Language.AR_EG : read.language();
    String summary =
        read.summary() == null ? "" : read.summary().replaceAll(" · HANDOFF: [^·]*", "");
    return new PersonaResult(
        read.language(),
        read.intent(),
        read.intentConfidence(),
        read.sentiment(),
        read.entities(),
        PersonaReply.text(PersonFollowUp.reply(person, replyIn, feminine)),
        true,
        PersonFollowUp.REASON,
        summary + " · HANDOFF: " + PersonFollowUp.REASON + " (" + person.userId() + ")",
        null);
  }

  /** Reply ids of the booking flow's service, day and time rows. */
  private static final Pattern BOOKING_BUTTON = Pattern.compile("(?:service|day|slot):");

  private PersonaResult answer(PersonaTurn turn) {
    TextView text = TextView.of(turn.text());
    LanguageDetector.Detection detection = detect(text, turn);
    Language language = detection.language();
    Language replyIn = detection.replyLanguage();

    String intent;
    double confidence;
    String tapped =
        turn.interactiveReplyId() == null
            ? null
            : REPLY_IDS.getOrDefault(
                turn.interactiveReplyId(),
                turn.interactiveReplyId().startsWith("menu_")
                        && Intents.ALL.contains(turn.interactiveReplyId().substring(5))
                    ? turn.interactiveReplyId().substring(5)
                    : turn.interactiveReplyId().startsWith(ORDER_BUTTON)
                        ? Intents.ORDER
                        // a booking's service, day or time tapped on an older message, after
                        // that booking ended: the customer wants an appointment
                        : BOOKING_BUTTON.matcher(turn.interactiveReplyId()).lookingAt()
                            ? Intents.BOOKING_NEW
                            : null);
    if (tapped == null && !learned.isEmpty()) {
      // the business said what this very message means: no heuristic below reads it otherwise
      tapped = learned.get(learnedKey(text));
    }
    Product shown = contextProduct(turn);
    Integer count = tapped == null ? bareCount(text, shown != null) : null;
    if (count != null) {
      // "عايز ٢ قطعة", "2 pieces", "x3", "2" after a card: a count of the product on show, never
      // a model number, a kind not sold ("pcs") nor a grievance
      tapped = Intents.ORDER;
    }
    if (tapped != null) {
      intent = tapped;
      confidence = 1.0;
    } else {
      Reading reading = read(text);
      intent = reading.classification().intent();
      confidence = reading.classification().confidence();
      text = reading.about();
    }

    if (tapped == null
        && (!BOOKING_INTENTS.contains(intent)
            || REPAIR_PRICE_ASKED.matcher(" " + text.normalized() + " ").find())
        && sentiment.analyze(text, false).score() > ANGRY
        && !grievances.toldCalmly(text)) {
      // "my iPhone 13 screen is cracked, how much?": the price list has no price for that
      // model; the repair centre quotes it after a free check-up
      PersonaResult unlisted =
          unlistedRepair(turn, text, language, replyIn, confidence, entities.extract(text));
      if (unlisted != null) {
        return unlisted;
      }
    }
    if (tapped == null && OrderChanges.asked(turn.text())) {
      // "ممكن اخليهم واحد بس بدل اتنين؟", "ينفع يوصل بكرة قبل الضهر؟", "a8ayar el address": a
      // change to a placed order is the order's (its status, then a person), never a booking
      return orderChange(turn, text, language, replyIn, Math.max(confidence, 0.8));
    }
    if (tapped == null
        && Intents.BOOKING_NEW.equals(intent)
        && OrderChanges.declinesABooking(turn.text())) {
      intent = Intents.BOOKING_CANCEL; // "يا عم مش عايز احجز حاجة": no appointment wanted
    }
    if (tapped == null
        && turn.contextTopic() == null
        && turn.contextProductSku() == null
        && BARE_SALAM.matcher(learnedKey(text)).matches()) {
      // "سلام", "salam" opening a conversation is a hello; after an answer it is a goodbye
      intent = Intents.GREETING;
      confidence = Math.max(confidence, 0.9);
    }
    EntityExtractor.Found found = entities.extract(text);
    if (count != null) {
      found =
          new EntityExtractor.Found(
              new Entities(
                  shown == null ? List.of() : List.of(shown.nameEn()), count, null, null, null),
              shown == null ? List.of() : List.of(shown),
              List.of());
    }
    if (tapped == null
        && (Intents.PRODUCT_INQUIRY.equals(intent)
            || Intents.AVAILABILITY.equals(intent)
            || Intents.ORDER.equals(intent))
        && found.products().isEmpty()
        && ClockTimes.saysTime(text.raw())) {
      // "الساعة الحادية عشرة صباحًا", "11 o'clock": a time of day for an appointment; its "ساعة"
      // is the hour, not the watch
      intent = Intents.BOOKING_NEW;
    }
    List<Product> firstListed =
        tapped == null && found.products().isEmpty() && compares(text)
            ? firstListed(text, turn)
            : List.of();
    if (!firstListed.isEmpty()) {
      // "compare the first two", "قارن بين أول اتنين" after a list: the list's first two
      Entities e = found.entities();
      found =
          new EntityExtractor.Found(
              new Entities(
                  firstListed.stream().map(Product::nameEn).toList(),
                  null,
                  e.dateTime(),
                  e.reference(),
                  e.amount()),
              firstListed,
              List.of());
      intent = Intents.PRODUCT_INQUIRY;
      confidence = Math.max(confidence, 0.8);
    }
    // the bot's last message listed products: "the first one" picks one of them, and "order now"
    // or "هاخد" without a name asks which of them (offered as buttons), not for a product's name
    List<Product> listed =
        found.products().isEmpty()
                && (tapped == null || "menu_order".equals(turn.interactiveReplyId()))
            ? listedInLastReply(turn)
            : List.of();
    List<Product> bothOf =
        tapped == null && found.products().isEmpty() && saysBoth(turn.text())
            ? twoShown(turn)
            : List.of();
    if (bothOf.size() == 2) {
      // "I'll take both", "هاخد الاتنين", "ha5od el etneen" after two products (a list, a
      // comparison, two prices): one of each of them
      listed = bothOf;
      Entities e = found.entities();
      found =
          new EntityExtractor.Found(
              new Entities(
                  listed.stream().map(Product::nameEn).toList(),
                  null,
                  e.dateTime(),
                  e.reference(),
                  e.amount()),
              listed,
              List.of());
      intent = Intents.ORDER;
      tapped = intent;
      confidence = Math.max(confidence, 0.9);
      listed = List.of();
    }
    if (!listed.isEmpty()) {
      TextView whole = TextView.of(turn.text());
      boolean ordering =
          "menu_order".equals(turn.interactiveReplyId())
              || tapped == null && ListPicks.ordersWithoutAName(whole);
      Product picked = tapped == null ? ListPicks.pick(whole, listed) : null;
      if (picked == null && tapped == null && askedCategory(text) == null) {
        // "والأغلى بكام؟", "the cheapest one": the dearest or cheapest of the listed, unless the
        // text names a kind of its own ("ايه اغلى ساعه سمارت")
        picked =
            ListPicks.byPrice(
                whole,
                listed.stream().filter(p -> p.priceEgp() != null).toList(),
                Product::priceEgp);
      }
      if (picked != null || ordering && listed.size() == 1) {
        found = withProduct(found, picked != null ? picked : listed.get(0));
        if (picked != null) {
          // the "one" of "the first one", "tany wa7da" is no quantity
          Entities e = found.entities();
          found =
              new EntityExtractor.Found(
                  new Entities(e.products(), null, e.dateTime(), e.reference(), e.amount()),
                  found.products(),
                  List.of());
        }
        intent =
            ordering || Intents.ORDER.equals(intent) || askedWhichOfThem(turn)
                ? Intents.ORDER
                : Intents.PRODUCT_INQUIRY;
        tapped = intent; // read as surely as a tap: no heuristic below reads it otherwise
        confidence = Math.max(confidence, 0.9);
      } else if (ordering) {
        return whichOfThem(turn, language, replyIn, listed, found);
      }
    }
    PersonaResult paymentFollowUp =
        tapped == null ? paymentFollowUp(turn, text, found, language, replyIn) : null;
    if (paymentFollowUp != null) {
      return paymentFollowUp;
    }
    PersonaResult campaignReply =
        campaignReply(turn, text, found, ABOUT_THEIR_OWN.contains(intent), language, replyIn);
    if (campaignReply != null) {
      return campaignReply;
    }
    if (tapped == null
        && Intents.BOOKING_NEW.equals(intent)
        && !found.products().isEmpty()
        && !SERVICE_WORD.matcher(text.normalized()).find()) {
      // "احجزلي واحد باور بانك وهعدي اخده", "e7gezly wa7da mn el buds": a product held for the
      // customer is an order; a booking is for a repair or a service
      intent = Intents.ORDER;
    } else if (tapped == null
        && Intents.BOOKING_NEW.equals(intent)
        && found.products().isEmpty()
        && found.entities().reference() == null
        && !SERVICE_WORD.matcher(text.normalized()).find()) {
      // "أريد حجزه لأستلمه من الفرع غداً" after a phone's card: that phone held, not a repair
      Product held = contextProduct(turn);
      if (held != null) {
        found = withProduct(found, held);
        intent = Intents.ORDER;
      }
    }
    // a short follow-up without a subject of its own is about the previous turn's: "وبياخد كام
    // يوم؟" after the delivery fees, "how much and how long?" after a repair, "بكام؟" after a
    // product's card
    // ... but never a turn that carries its own request ("عايز اكلم حد", "where is ORD-12006?")
    StoreTopics.Topic followedTopic =
        tapped == null
                && found.products().isEmpty()
                && !topics.readsOnItsOwn(
                    text,
                    turn.contextTopic(),
                    intent,
                    confidence,
                    intents.lexiconScores(text).keySet(),
                    found.entities().reference() != null)
            ? topics.followUp(text, turn.contextTopic()).orElse(null)
            : null;
    if (followedTopic != null && sentiment.analyze(text).score() > ANGRY) {
      text = TextView.of(text.raw() + " " + StoreTopics.subject(followedTopic));
      found = entities.extract(text);
      if (!ASKING.contains(intent) || Intents.GREETING.equals(intent)) {
        intent = followedTopic.intent();
      }
      confidence = Math.max(confidence, 0.8);
    } else if (tapped == null) {
      boolean regular =
          found.products().isEmpty() && REGULAR.matcher(" " + text.normalized() + " ").find();
      Product followed =
          regular ? regularOf(contextProduct(turn)) : followedProduct(text, found, turn);
      if (followed != null) {
        found = withProduct(found, followed);
        // "والعادي ١٥؟" asks about the plain model, it does not order it
        if (!Intents.AVAILABILITY.equals(intent) && (regular || !Intents.ORDER.equals(intent))) {
          intent = Intents.PRODUCT_INQUIRY;
        }
        confidence = Math.max(confidence, 0.8);
      }
    }
    if (tapped == null
        && found.products().isEmpty()
        && topics.asksWhatIsSold(text)
        && !asksCatalogue(text, found)
        && topics.notSold(text).isEmpty()) {
      // "tab 3andak eh asln": the kinds of products the shop sells
      intent = Intents.PRODUCT_INQUIRY;
      confidence = Math.max(confidence, 0.8);
    }
    // "تمام عايزة اطلبه بالتقسيط", "ok order it on instalments" after a product's card or its
    // instalments: an order of the product on show that says how it will be paid
    boolean ordersShownPaidSo =
        tapped == null
            && found.products().isEmpty()
            && found.entities().reference() == null
            && shown != null
            && (Intents.PAYMENT.equals(intent)
                || Intents.OTHER.equals(intent)
                || Intents.ORDER.equals(intent))
            && !asksSomething(text)
            && topics.find(text, false).isPresent()
            && ListPicks.ordersWithoutAName(TextView.of(turn.text()));
    if (ordersShownPaidSo) {
      found = withProduct(found, shown);
    }
    // "عايز ايفون ١٥ برو ماكس وايربودز برو ٢، هدفع كاش", "add the s24, ill pay by instapay": an
    // order that says how it will be paid is an order, not a question about paying
    boolean orderSaysHowPaid =
        ordersShownPaidSo
            || tapped == null
                && (Intents.PAYMENT.equals(intent)
                    || Intents.OTHER.equals(intent)
                    || Intents.ORDER.equals(
                        intent)) // "ill take the galaxy a15, pls deliver to maadi"
                && !found.products().isEmpty()
                && !asksSomething(text)
                && intents.lexiconScores(text).containsKey(Intents.ORDER);
    // "I want the Reno 11 plus the Galaxy Buds FE", "أريد ايفون ١٥ عدد ٢ مع التوصيل للقاهرة":
    // several products or units wanted are an order, not a question about stock or delivery
    EntityExtractor.Found named = found;
    boolean orderOfSeveral =
        tapped == null
            && (Intents.AVAILABILITY.equals(intent) || Intents.OTHER.equals(intent))
            && !asksSomething(text)
            && WANT.matcher(" " + text.normalized() + " ").find()
            && !STOCK_WORD.matcher(text.normalized()).find()
            && (found.products().size() >= 2
                || named.products().stream().anyMatch(p -> named.quantityOf(p) >= 2));
    if (orderSaysHowPaid || orderOfSeveral) {
      intent = Intents.ORDER;
      confidence = Math.max(confidence, 0.8);
    } else if (tapped == null
        && Intents.ORDER.equals(intent)
        && found.products().isEmpty()
        && found.entities().reference() != null) {
      // "عايز اتابع الطلب رقم ORD-12310": an order number names an order already placed
      intent = Intents.ORDER_STATUS;
    } else if (tapped == null
        && !Intents.HUMAN_REQUEST.equals(intent)
        && !Intents.COMPLAINT.equals(intent)
        && (topics.asksForAPersonNotABot(text) || grievances.wantsAPerson(text))) {
      intent = Intents.HUMAN_REQUEST; // "enty bot? 3ayza 7ad 7a2e2y": a person, not an answer
      confidence = Math.max(confidence, 0.8);
    } else if (tapped == null
        && !Intents.HUMAN_REQUEST.equals(intent)
        && !Intents.COMPLAINT.equals(intent)
        && !topics.asksWhoNourIs(text)
        && topics.wantsAPersonToo(text)) {
      // "do u have airpods in stock? and pls let someone from the store call me", "hotline kam?"
      intent = Intents.HUMAN_REQUEST;
      confidence = Math.max(confidence, 0.8);
    }
    // "any phone less than 20,000 EGP?", "2arn ben galaxy a55 w oppo reno 11", "تصوير اكتر
    // حاجة": a shopping question (a budget, a comparison, what the phone is for) is a product
    // question, never a grievance, a big order or a question nobody can answer
    // "My Galaxy Buds FE stopped charging after 3 weeks", "السماعة بتاعتي بطلت تشحن": a fault in
    // what the customer has is the warranty's and the repair centre's, never an offer to buy it
    // "الايربودز جت من غير كابل الشحن", "el charger sa7 mn el gamb", "REPLY!!!!!!": what went
    // wrong, told without a word of complaint, is a complaint for a person
    boolean toldAGrievance =
        tapped == null && !Intents.HUMAN_REQUEST.equals(intent) && grievances.toldCalmly(text);
    // "I've asked about ORD-12119 four times now… where is it??": the question stays where the
    // order is, and a person answers it
    boolean trackingAggrieved =
        toldAGrievance
            && found.entities().reference() != null
            && found.entities().reference().toUpperCase(java.util.Locale.ROOT).startsWith("ORD")
            && WHERE_IS.matcher(" " + learnedKey(text) + " ").find();
    if (toldAGrievance) {
      intent = trackingAggrieved ? Intents.ORDER_STATUS : Intents.COMPLAINT;
      confidence = Math.max(confidence, 0.9);
    }
    boolean ownedFault =
        tapped == null
            && !toldAGrievance
            && topics.faultOfWhatIsOwned(text, !found.products().isEmpty())
            && sentiment.analyze(text).score() > ANGRY
            && !intents.lexiconScores(text).containsKey(Intents.HUMAN_REQUEST)
            && !topics.wantsAPersonToo(text);
    if (ownedFault) {
      intent = Intents.OTHER;
      confidence = Math.max(confidence, 0.8);
    }
    boolean shopping =
        tapped == null
            && !ownedFault
            && !toldAGrievance
            && !Intents.HUMAN_REQUEST.equals(intent)
            // "el8o 7agzy bta3 el battery": the booking of a battery's repair, not a phone for
            // its battery
            && !(BOOKING_INTENTS.contains(intent) && topics.aboutABooking(text))
            && shoppingQuestion(text, found, turn)
            // "صلحت البطارية عندكم والموبايل لسه بيفصل": a repair that failed, not a battery wanted
            && !topics.serviceFailed(text)
            && sentiment.analyze(text).score() > ANGRY
            && !intents.lexiconScores(text).containsKey(Intents.COMPLAINT)
            && !intents.lexiconScores(text).containsKey(Intents.HUMAN_REQUEST)
            && !topics.wantsAPersonToo(text);
    if (shopping) {
      intent = Intents.PRODUCT_INQUIRY;
      confidence = Math.max(confidence, 0.8);
    } else if (tapped == null
        && found.products().isEmpty()
        && (Intents.ORDER.equals(intent)
            || Intents.OTHER.equals(intent)
            || Intents.PRODUCT_INQUIRY.equals(intent)
            || Intents.AVAILABILITY.equals(intent))
        && CHECKUP_WANTED.matcher(" " + text.normalized() + " ").find()
        && !asksSomething(text)) {
      // "i need a free checkup for my phone in cairo": an appointment at the repair centre
      intent = Intents.BOOKING_NEW;
      confidence = Math.max(confidence, 0.8);
    }
    if (tapped == null
        && found.products().isEmpty()
        && found.unsold().isEmpty()
        && shown != null
        && text.tokens().size() <= 5
        && !compares(text)
        && SPECS_WORD.matcher(" " + text.normalized() + " ").find()) {
      // "عطني مواصفاته", "وش مواصفاتها؟" after a card: the specifications of the product on show
      found = withProduct(found, shown);
      intent = Intents.PRODUCT_INQUIRY;
      confidence = Math.max(confidence, 0.8);
    }
    if (tapped == null
        && found.products().size() == 1
        && (Intents.ORDER.equals(intent)
            || Intents.OTHER.equals(intent)
            || Intents.AVAILABILITY.equals(intent))
        && asksSomething(text)
        && SPECS_ASKED.matcher(" " + text.normalized() + " ").find()) {
      // "redmi note 13 ram and storage?": the phone's specifications asked, nothing ordered
      intent = Intents.PRODUCT_INQUIRY;
      confidence = Math.max(confidence, 0.8);
    }
    // "law sama7t el order ORD-12007 et2a5ar showaya, howa fen?", "ana 3amel order ORD-12001 w
    // lesa mawsalsh, howa fen?": the customer's own order, late, asked after politely: where it
    // is, not a grievance; anger, a let-down repeated or an insult makes it one
    boolean calmTracking =
        tapped == null
            && !toldAGrievance
            && found.entities().reference() != null
            && found.entities().reference().toUpperCase(java.util.Locale.ROOT).startsWith("ORD")
            && !Intents.HUMAN_REQUEST.equals(intent)
            && WHERE_IS.matcher(" " + learnedKey(text) + " ").find()
            && calmlyLate(text);
    if (calmTracking) {
      intent = Intents.ORDER_STATUS;
      confidence = Math.max(confidence, 0.8);
    }
    // "انا بسأل على الجراب مش الموبايل 🙄": the customer corrects what we understood; the
    // product named is the question
    boolean corrected =
        tapped == null
            && !shopping
            && (Intents.COMPLAINT.equals(intent) || Intents.OTHER.equals(intent))
            && !found.products().isEmpty()
            && CORRECTION.matcher(" " + text.normalized() + " ").find()
            && !intents.lexiconScores(text).containsKey(Intents.COMPLAINT)
            && correctsCalmly(text);
    if (corrected) {
      intent = Intents.PRODUCT_INQUIRY;
      confidence = Math.max(confidence, 0.8);
    }
    // "معلش غيرت رأيي الغي الاوردر": an order called off, as "الغي الاوردر" alone
    if (tapped == null
        && (Intents.COMPLAINT.equals(intent)
            || Intents.OTHER.equals(intent)
            || Intents.BOOKING_CANCEL.equals(intent)
                && !SERVICE_WORD.matcher(text.normalized()).find())
        && cancelsAnOrder(text)
        && !intents.lexiconScores(text).containsKey(Intents.COMPLAINT)
        && sentiment.analyze(text).score() > ANGRY) {
      intent = Intents.ORDER_STATUS;
      confidence = Math.max(confidence, 0.8);
    }
    String read = intent; // before a store topic takes the turn over
    Product cheaperThan = tapped == null ? cheaperThan(text, found, turn) : null;
    // an angry "is there nothing cheaper?!" goes the complaint's way below
    if (cheaperThan != null && sentiment.analyze(text).score() > ANGRY) {
      return cheaper(turn, text, language, replyIn, confidence, found, cheaperThan);
    }
    if (tapped == null && sentiment.analyze(text).score() > ANGRY) {
      // "مفيش باور بانك تاني أكبر؟ ٢٠ ألف مثلا؟", "any bigger power bank?": a product question
      // (the biggest we have), never a grievance
      Product biggerThan = biggerThan(text, found, turn);
      if (biggerThan != null) {
        return bigger(turn, text, language, replyIn, confidence, found, biggerThan);
      }
      // "does the apple watch work with samsung?": the playbook's compatibility passage, never
      // an order
      PersonaResult compatible = compatibility(turn, text, language, replyIn, confidence, found);
      if (compatible != null) {
        return compatible;
      }
      // "my iPhone 13 screen is cracked, how much?": the price list has no price for that model;
      // the repair centre quotes it after a free check-up
    }
    if (tapped == null
        && Intents.COMPLAINT.equals(intent)
        && found.products().isEmpty()
        && CORRECTION.matcher(" " + text.normalized() + " ").find()
        && topics.notSold(text).isPresent()
        && sentiment.analyze(text).score() > ANGRY) {
      // "لا انا بسأل على لابتوب ديل مش سماعة": the customer corrects what we understood, naming a
      // kind we don't sell; a question, not a grievance
      intent = Intents.PRODUCT_INQUIRY;
      confidence = Math.max(confidence, 0.8);
    }
    StoreTopics.Topic topic = null;
    StoreTopics.NotSold notSold = null;
    ModelNames.Unsold unsoldModel = null;
    boolean bulk = false;
    boolean bookingMove =
        Intents.BOOKING_CHANGE.equals(intent) || Intents.BOOKING_CANCEL.equals(intent);
    // a thanks with a question mark is a question misread ("el far3 byefta7 emta?")
    boolean kept =
        // a grievance told and a human wanted in so many words are what they are, whatever
        // service or store question their words also name
        toldAGrievance
            || Intents.HUMAN_REQUEST.equals(intent)
                && tapped == null
                && grievances.wantsAPerson(text)
            || KEPT.contains(intent)
                && !(Intents.THANKS_GOODBYE.equals(intent) && asksSomething(text))
                && !(Intents.HUMAN_REQUEST.equals(intent)
                    && topics.asksWhoNourIs(text) // "are you a bot or a person?"
                    && !grievances.wantsAPerson(text)) // "انت روبوت؟ عايز بني ادم"
                && !(Intents.COMPLAINT.equals(intent)
                    && topics.asksAboutAService(text)) // "do you fix cracked screens?"
                && !(Intents.COMPLAINT.equals(intent)
                    && topics.asksAboutOffers(text)) // "فيه اي عروض او خصومات؟"
                && !(Intents.HUMAN_REQUEST.equals(intent)
                    && topics.corporate(text)
                    && found.entities().quantity() != null
                    && found.entities().quantity()
                        >= BULK_QUANTITY) // "100 chargers for the company's staff"
                && !(tapped == null && topics.questionReadAsRequest(intent, text))
                // "is there a student discount?": a store question the model alone reads as a
                // request
                && !(tapped == null
                    && Intents.HUMAN_REQUEST.equals(intent)
                    && !intents.lexiconScores(text).containsKey(Intents.HUMAN_REQUEST)
                    && !topics.namesAPerson(text)
                    && !grievances.wantsAPerson(text)
                    && topics.find(text, !found.products().isEmpty()).isPresent())
                // "meen elly byrod 3alaya?": who Nour is, not a grievance
                && !(tapped == null
                    && Intents.COMPLAINT.equals(intent)
                    && topics.asksWhoNourIs(text)
                    && !intents.lexiconScores(text).containsKey(Intents.COMPLAINT)
                    && sentiment.analyze(text).score() > ANGRY)
                // "محتاجين موظفين؟": work at the shop, not one of its people
                && !(tapped == null
                    && Intents.HUMAN_REQUEST.equals(intent)
                    && topics.asksAboutJobs(text)
                    && !topics.asksForAPersonNotABot(text))
                // "ممكن متبعتوليش رسايل عروض تاني", "yes i agree to save my data": a wish about the
                // offers or the customer's details, not a grievance nor a request for a person
                && !(tapped == null
                    && (Intents.COMPLAINT.equals(intent) || Intents.HUMAN_REQUEST.equals(intent))
                    && (topics.optsOutOfOffers(text) || topics.consentsToData(text))
                    && !topics.namesAPerson(text)
                    && sentiment.analyze(text).score() > ANGRY);
    // "ro7t el far3 3ala ma3ad el siyana w 2aloly mafeesh 7agz": a booking named, and a service
    // that failed it, is a grievance, not a move
    if (tapped == null
        && !shopping
        && !kept
        && (!(bookingMove && topics.aboutABooking(text)) || topics.serviceFailed(text))) {
      if (ownedFault) {
        topic = StoreTopics.WARRANTY; // answered by ownedFaultAnswer: the warranty, then repairs
      } else if (topics.chargedTwice(text)
          || topics.paidForNothing(text) // "اتخصمت ومفيش اوردر", "dafa3t ... msh madfoo3"
          || topics.promiseBroken(text) // "قالولي يومين وبقالهم ١٠ ايام"
          // "السماعة اللي اشتريتها منكم الأسبوع اللي فات صوتها بيقطع"
          || topics.faultOfWhatWasBought(text) && !topics.asksAboutAService(text)
          // "dafa3t ... el order et la8a w ma7adsh ragga3li felosy", "el mandoob talab felos
          // ziada", "sala7t el shasha 3andoko w rag3et"
          || topics.serviceFailed(text)) {
        intent = Intents.COMPLAINT; // money taken twice needs a person, however politely it is put
        confidence = Math.max(confidence, 0.9);
      } else if ((BULK_INTENTS.contains(intent)
              || Intents.HUMAN_REQUEST.equals(intent)
              // "e7na sherka w 3ayzeen 50 mobile a15 lel mandobeen": units wanted, no order
              // of theirs named
              || Intents.ORDER_STATUS.equals(intent)
                  && found.entities().reference() == null
                  && !found.products().isEmpty()
                  && found.entities().quantity() != null
                  && found.entities().quantity() >= BULK_QUANTITY)
          // "can u issue a tax invoice for a company" asks about invoices, it orders nothing
          && (topics.corporate(text) && !(topics.notInPlaybook(text) && found.products().isEmpty())
              || wholesaleQuantity(intent, text, found)
              // "احنا مدرسه وعايزين ١٠٠ كابل": ten units or more for a school, a hospital, a
              // factory
              || topics.institution(text)
                  && found.entities().quantity() != null
                  && found.entities().quantity() >= BULK_QUANTITY)) {
        // "we own a shop, want 100 cables at wholesale price" states an order; "quote for 30
        // watches? any discount" asks a price
        if (!BULK_QUESTIONS.contains(intent)
            || Intents.PRODUCT_INQUIRY.equals(intent) && !asksSomething(text)) {
          intent = Intents.ORDER;
        }
        confidence = Math.max(confidence, 0.8);
        bulk = true;
      } else {
        // "عايزة ارجع الاوردر ORD-12003": a return of that order, not where it is
        boolean tracking =
            Intents.ORDER_STATUS.equals(intent)
                && found.entities().reference() != null
                && !topics.findAll(text, false).contains(StoreTopics.RETURNS);
        topic =
            tracking || orderSaysHowPaid || orderOfSeveral
                ? null
                : topics.find(text, !found.products().isEmpty()).orElse(null);
        if (topic != null && found.products().isEmpty()) {
          // "do you repair Dell laptop screens?", "PS5 controllers, and do you ship to Saudi?":
          // a kind the shop does not sell or repair is said first
          notSold = topics.notSold(text).orElse(null);
        }
        if (topic != null && notSold != null) {
          intent = Intents.PRODUCT_INQUIRY;
          confidence = Math.max(confidence, 0.8);
        } else if (topic != null) {
          // "ما هو سعر Galaxy A55؟ وهل يتوفر التقسيط؟": the product's price comes first, and the
          // turn is a question about the product (not an instalment's monthly amount)
          intent =
              !found.products().isEmpty()
                      && topic != StoreTopics.REPAIRS // "تغيير شاشة الايفون ١٥ بكام؟": the repair's
                      // "... اصلي ولا كوبي؟ وبكام": the price word with its "and"
                      && PRICE_ASKED
                          .matcher(
                              " " + text.normalized() + " " + String.join(" ", text.stems()) + " ")
                          .find()
                      && !MONTHLY
                          .matcher(
                              text.normalized()
                                  + " "
                                  + text.raw().toLowerCase(java.util.Locale.ROOT))
                          .find()
                  ? Intents.PRODUCT_INQUIRY
                  // "لو اخدت ٣ ايفون برو ماكس هتعملولي خصم كام؟": a discount on a product named is
                  // its price asked
                  : topic == StoreTopics.OFFERS && !found.products().isEmpty()
                      ? Intents.PRODUCT_INQUIRY
                      : topic == StoreTopics.RETURNS && topics.asksAboutARefund(text)
                          ? Intents.PAYMENT // money coming back is a payment's question
                          : topic.intent();
          confidence = Math.max(confidence, 0.8);
        } else if (found.products().isEmpty()
            && ASKING.contains(intent)
            && !found.unsold().isEmpty()
            && !ACCESSORY_WORD.matcher(text.normalized()).find()) {
          unsoldModel = found.unsold().get(0); // "iPhone 16?": we don't have it; the nearest
          intent = Intents.PRODUCT_INQUIRY;
          confidence = Math.max(confidence, 0.8);
        } else if (found.products().isEmpty() && ASKING.contains(intent)) {
          notSold = topics.notSold(text).orElse(null);
          // an order that names a kind of product ("a cable") stays an order; the question lists
          // them
          // "is the Oppo in stock?" stays a stock question: its answer names the brand's products
          if (notSold != null
              || !Intents.ORDER.equals(intent)
                  && !(Intents.AVAILABILITY.equals(intent)
                      && STOCK_WORD.matcher(text.normalized()).find())
                  && asksCatalogue(text, found)) {
            intent = Intents.PRODUCT_INQUIRY;
            confidence = Math.max(confidence, 0.8);
          }
        }
      }
    }

    // a repair booked or asked about names its fault ("my cracked screen"): that is not the
    // customer's mood
    boolean aboutARepair =
        Intents.BOOKING_NEW.equals(intent)
            || topic == StoreTopics.REPAIRS
            || topic == StoreTopics.WARRANTY
            // "الموبايل بتاعي باظ، ينفع اقسط؟": the old phone's fault is why a new one is bought
            || topic == StoreTopics.INSTALMENTS;
    Sentiment mood = sentiment.analyze(text, !aboutARepair);
    if ((calmTracking || corrected) && mood.score() < -0.2) {
      mood = Sentiment.ofScore(-0.2); // late, and said kindly: mildly put out, not angry
    }
    // why a person is due when the turn keeps the intent it was read as: "WHERE IS MY ORDER?!"
    // asks about the order, angrily; the customer is handed over and the intent stays the topic
    String dueBy = null;
    if (tapped == null
        && topic == null
        && notSold == null
        && unsoldModel == null
        && !bulk
        && mood.score() <= ANGRY
        && GRIEVANCE.contains(intent)) {
      if (keepsTopic(intent, text, found)) {
        dueBy = "angry customer";
      } else {
        intent = Intents.COMPLAINT; // a sarcastic thanks, a grievance told: a complaint
      }
    }
    if (tapped == null
        && dueBy == null
        && Intents.COMPLAINT.equals(intent)
        && topics.askedAgainUnanswered(text)) {
      // "للمرة التالتة بطلب تغيير المعاد ومحدش بيرد!!": what was asked again is the topic its words
      // name more than a grievance's
      Map<String, Double> lex = intents.lexiconScores(text);
      double grievance = lex.getOrDefault(Intents.COMPLAINT, 0.0);
      intent =
          lex.entrySet().stream()
              .filter(e -> ASKED_AGAIN_TOPICS.contains(e.getKey()) && e.getValue() > grievance)
              .max(Map.Entry.comparingByValue())
              .map(Map.Entry::getKey)
              .orElse(intent);
    }
    if (tapped == null
        && dueBy == null
        && !Intents.COMPLAINT.equals(intent)
        && !Intents.HUMAN_REQUEST.equals(intent)
        && (topics.askedAgainUnanswered(text)
            || Intents.BOOKING_CANCEL.equals(intent) && topics.doneWithUs(text))) {
      // "للمرة الرابعة أسأل عن الطلب ولا أحد يجيب!!", "u guys cancelled on me twice and now i have
      // to reschedule AGAIN??", "الغوا الحجز، مش هتعامل معاكو تاني": the question or the cancel
      // keeps its topic, a person answers the customer's anger
      dueBy = "angry customer";
      mood = Sentiment.ofScore(Math.min(mood.score(), ANGRY));
    }
    if (tapped == null
        && dueBy == null
        && !Intents.COMPLAINT.equals(intent)
        && !Intents.HUMAN_REQUEST.equals(intent)
        && mocks(text)
        && !topics.asksWhoNourIs(text)) {
      // "entoo fat7een emta? wala el far3 da decor? 🙃", "110 geneh sha7n l sohag?? howa el
      // mandoob gay 3ala 7osan? 😂": a question asked in mockery is the customer's sarcasm; the
      // question keeps its topic, a person answers it
      dueBy = "angry customer";
      mood = Sentiment.ofScore(Math.min(mood.score(), ANGRY));
    }
    if (tapped == null
        && dueBy == null
        && !Intents.COMPLAINT.equals(intent)
        && !Intents.HUMAN_REQUEST.equals(intent)
        && grievances.delicate(text)) {
      // "الموبايل اللي اشتريته منكم اتسرق، ممكن الـ IMEI؟", "my 13 yr old son bought a phone
      // without my permission": whatever it asks, a person handles it; the intent stays
      dueBy = NEEDS_A_PERSON;
    }
    if (trackingAggrieved && dueBy == null) {
      dueBy = Intents.COMPLAINT;
      mood = Sentiment.ofScore(Math.min(mood.score(), -0.3));
    }
    if ((Intents.BOOKING_CHANGE.equals(intent) || Intents.BOOKING_CANCEL.equals(intent))
        && mood.score() <= ANGRY
        && !intents.lexiconScores(text).containsKey(Intents.COMPLAINT)) {
      // "هاجي متأخر شوية عن معادي", "running late for tomorrow's slot": the customer's own delay
      mood = Sentiment.ofScore(-0.3);
    }
    if (Intents.COMPLAINT.equals(intent) && mood.score() > -0.3) {
      mood = Sentiment.ofScore(-0.3); // a complaint is at least mildly negative
    } else if (Intents.THANKS_GOODBYE.equals(intent) && mood.score() < 0.3) {
      mood = Sentiment.ofScore(0.3);
    }

    // the learned handoff model's second opinion: a complaint put mildly, sarcasm, a person asked
    // for in words no reading names ("shokran bs el mawdoo3 me7tag 7ad yeshoofo"), an order for a
    // company: a person, although the readings and the rules left the turn to the bot
    if (dueBy == null
        && tapped == null
        && !bulk
        && !shopping
        && notSold == null
        && unsoldModel == null
        && !Intents.COMPLAINT.equals(intent)
        && !Intents.HUMAN_REQUEST.equals(intent)
        // "شكراً لا شيء آخر", "يعطيك العافية": a thanks in its words and a warm tone, not sarcasm
        // ("shokran bs el mawdoo3 me7tag 7ad yeshoofo" says more than its thanks)
        && !(Intents.THANKS_GOODBYE.equals(intent)
            && text.tokens().size() <= 10
            && !BUT.matcher(" " + text.normalized() + " ").find()
            && sentiment.analyze(text).score() >= 0.3
            && !asksSomething(text)
            && intents.lexiconScores(text).containsKey(Intents.THANKS_GOODBYE)
            && !intents.lexiconScores(text).containsKey(Intents.COMPLAINT)
            && !MOCKING_EMOJI.matcher(text.raw()).find())
        // "أود الاستفسار عن منتجاتكم": what the shop sells is answered with the catalogue
        && !(topics.asksWhatIsSold(text) && mood.score() > ANGRY)
        // "يعني مفيش ايفون ١٥ ٢٥٦ جيجا؟": a calm question about a product named is answered
        && !((asksSomething(text) || QUESTION_WORDED.matcher(" " + text.normalized()).find())
            && !found.products().isEmpty()
            && (Intents.PRODUCT_INQUIRY.equals(intent) || Intents.AVAILABILITY.equals(intent))
            && mood.score() > -0.3
            && !REPEATED.matcher(" " + learnedKey(text) + " ").find())
        && !calmTracking
        && !corrected
        // "وحدة بس": two calm words with no word of a grievance or of a person say what they want
        && !(text.tokens().size() <= 2
            && mood.score() > -0.3
            && !intents.lexiconScores(text).containsKey(Intents.COMPLAINT)
            && !intents.lexiconScores(text).containsKey(Intents.HUMAN_REQUEST))
        // "running 20 min late for my appointment": the customer's own delay is no grievance
        // unless the words are angry
        && (!bookingMove || mood.score() <= ANGRY)
        // an order is weighed by its amount and quantity ("two cases for the a55", "ايوه
        // اطلبهم"), an order's status is looked up ("track my order ORD-99999", "talabt mn 3
        // ayam w lesa mawslsh"), a store question is answered ("are you a bot?", "محتاجين
        // موظفين؟"): unless put negatively
        && (!Intents.ORDER.equals(intent) && !Intents.ORDER_STATUS.equals(intent) && topic == null
            || mood.score() <= -0.3)
        && intents.handoffDue(text)
            >= (topic == null
                    && !Intents.THANKS_GOODBYE.equals(intent)
                    && !Intents.GREETING.equals(intent)
                ? HANDOFF_MODEL_DUE
                : HANDOFF_MODEL_DUE_ANSWERED)) {
      if (Intents.ORDER.equals(intent)) {
        dueBy = "big deal";
      } else if (mood.score() <= -0.3) {
        dueBy = "angry customer";
      } else {
        var scores = intents.classify(text).scores();
        boolean wantsAPerson = scores.get(Intents.HUMAN_REQUEST) > scores.get(Intents.COMPLAINT);
        if (keepsTopic(intent, text, found)) {
          // "is the A55 back yet? third time asking": the question stays what it is about
          dueBy = wantsAPerson ? NEEDS_A_PERSON : Intents.COMPLAINT;
        } else {
          intent = wantsAPerson ? Intents.HUMAN_REQUEST : Intents.COMPLAINT;
        }
        if (!wantsAPerson && mood.score() > -0.3) {
          mood = Sentiment.ofScore(-0.3); // a complaint is at least mildly negative
        }
      }
    }
    // "عايز اطلب ايفون 15": one unit of one product for a customer, no company's or wholesale
    // order; a big deal the customer may order with the bot rather than wait for sales
    Integer units = found.entities().quantity();
    boolean retailOrder =
        Intents.ORDER.equals(intent)
            && !bulk
            // or one each of two or three products ("one for me and one for my wife")
            && !found.products().isEmpty()
            && found.products().size() <= 3
            && (units == null || units <= 1)
            && !topics.corporate(text)
            && !topics.institution(text);
    // the customer chose to order it with the bot (the handoff's "order now"): sales are not
    // called for it again
    boolean choseTheBot = turn.ordersWithTheBot() && retailOrder;
    if (choseTheBot && "big deal".equals(dueBy)) {
      dueBy = null;
    }
    // "عايز ٣ ايفون ١٥ بكام؟": units of a priced product asked about are an order's value too, for
    // the rule's amount
    // "Need 3 Galaxy A55 for my kids, any discount if I take all 3?": so are units asked for
    // with a question about buying them (an offer, delivery, instalments, how to pay)
    BigDecimal orderValue =
        !choseTheBot
                && (Intents.ORDER.equals(intent)
                    || unitsAskedAbout(intent, text, found)
                    || topic != null
                        && BUYING_TOPICS.contains(topic)
                        && unitsAskedAbout(read, text, found))
            ? found.orderValue()
            : null;
    int streak =
        turn.lowConfidenceStreak() + (confidence < PersonaResult.LOW_CONFIDENCE_THRESHOLD ? 1 : 0);
    HandoffRules.Decision decision =
        handoffRules.decide(
            new HandoffRules.Input(
                intent,
                mood.score(),
                orderValue == null ? null : orderValue.doubleValue(),
                streak,
                confidence));
    if (dueBy != null && !decision.handoff()) {
      decision = new HandoffRules.Decision(true, dueBy);
    }
    if (bulk && !decision.handoff()) {
      decision =
          new HandoffRules.Decision(
              true, "big deal"); // a wholesale quantity is a deal whatever its price
    }

    // "عايز A55 بالتقسيط", "3ayez galaxy a55 b el ta2seet", "قسط الايفون كام في الشهر؟": one
    // product on instalments is its price, its monthly amounts and an order button; "valU kam fel
    // shahr?" after a product's card is that product's
    Product monthlyOf =
        topic != StoreTopics.INSTALMENTS
            ? null
            : found.products().size() == 1
                    && (monthly(text) || topics.findAll(text, true).size() == 1)
                ? found.products().get(0)
                : found.products().isEmpty() && (monthly(text) || bareInstalments(text))
                    ? contextProduct(turn)
                    : null;
    Answer answer =
        ownedFault && topic == StoreTopics.WARRANTY
            ? ownedFaultAnswer(replyIn)
            : monthlyOf != null
                ? instalments(monthlyOf, replyIn, turn)
                : topic != null && notSold != null
                    ? notSoldWithTopic(notSold, topic, text, replyIn)
                    : topic == StoreTopics.REPAIRS && !Intents.PRODUCT_INQUIRY.equals(intent)
                        // "تغيير شاشة الايفون ١٥ بكام؟" asks the repair's price, not the phone's
                        ? topicsAnswer(topic, text, !found.products().isEmpty(), replyIn)
                        : topic != null
                            ? withPrices(
                                topicsAnswer(topic, text, !found.products().isEmpty(), replyIn),
                                text,
                                found,
                                replyIn)
                            : notSold != null
                                ? notSoldAnswer(notSold, replyIn)
                                : unsoldModel != null
                                    ? unsoldModelAnswer(unsoldModel, replyIn)
                                    : answer(intent, text, replyIn, found, turn, decision);
    if (tapped == null && sendsAReceipt(text) && mood.score() > ANGRY) {
      // "ده الإيصال" with a photo or a PDF: the receipt is thanked for and a person checks the
      // payment against it; the ways to pay were already told
      intent = Intents.PAYMENT;
      topic = null;
      decision = new HandoffRules.Decision(false, null);
      answer =
          new Answer(
              PersonaReply.text(ReplyTexts.get("receiptReceived", replyIn)),
              "payment receipt to confirm");
    }
    boolean handoff = decision.handoff() || answer.handoffReason() != null;
    String reason = decision.handoff() ? decision.reason() : answer.handoffReason();
    PersonaReply reply = answer.reply();
    if (handoff && "big deal".equals(reason) && retailOrder && found.products().size() > 1) {
      // one of each of a few products: their total, and sales told (the handoff then offers to
      // order them now with the bot)
      boolean arabic = replyIn != Language.EN && replyIn != Language.ARABIZI;
      String and =
          switch (replyIn) {
            case EN -> " and ";
            case ARABIZI -> " w ";
            default -> " و";
          };
      reply =
          new PersonaReply(
              ReplyTexts.get(
                  "bigDealFew",
                  replyIn,
                  String.join(
                      and, found.products().stream().map(p -> productName(p, arabic)).toList()),
                  money(found.orderValue())),
              List.of(),
              null);
    } else if (handoff && "big deal".equals(reason) && retailOrder) {
      // one phone is no "big order": its price, and sales told (the handoff then offers to order
      // it now with the bot)
      Product one = found.products().get(0);
      boolean arabic = replyIn != Language.EN && replyIn != Language.ARABIZI;
      reply =
          new PersonaReply(
              ReplyTexts.get(
                  "bigDealOne",
                  replyIn,
                  productName(one, arabic),
                  money(one.priceEgp() == null ? found.orderValue() : one.priceEgp())),
              List.of(),
              null);
    } else if (handoff && "big deal".equals(reason) && !Intents.ORDER.equals(intent)) {
      // several units asked about, above the rule's amount: sales quote it
      reply = new PersonaReply(ReplyTexts.get("bigDeal", replyIn), List.of(), null);
    } else if (handoff && ("angry customer".equals(reason) || Intents.COMPLAINT.equals(reason))) {
      // an upset customer gets an apology and a person, not an answer to what we guessed they asked
      reply = new PersonaReply(ReplyTexts.get("complaint", replyIn), List.of(), null);
    } else if (handoff && NEEDS_A_PERSON.equals(reason)) {
      reply = new PersonaReply(ReplyTexts.getTo("human", replyIn, feminine(turn)), List.of(), null);
    } else if (handoff
        && answer.handoffReason() == null
        && !Intents.COMPLAINT.equals(intent)
        && !Intents.HUMAN_REQUEST.equals(intent)
        && !"big deal".equals(reason)) {
      reply =
          new PersonaReply(
              reply.text() + "\n" + ReplyTexts.getTo("handoffNote", replyIn, feminine(turn)),
              List.of(),
              null);
    }
    if (reply != null
        && turn.customer() != null
        && turn.customer().subscribedToOffers()
        && reply.text().contains(ReplyTexts.get("offers", replyIn))) {
      // a subscriber is never asked to subscribe: offers come to them as they are announced
      reply =
          new PersonaReply(
              reply
                  .text()
                  .replace(
                      ReplyTexts.get("offers", replyIn),
                      ReplyTexts.get("offersSubscribed", replyIn)),
              reply.options(),
              reply.listButtonText(),
              reply.aboutProductSku(),
              reply.branchesShown(),
              reply.complete());
    }
    if (topic != null
        && !handoff
        && reply != null
        && (topic == StoreTopics.BRANCHES
            || topics.findAll(text, !found.products().isEmpty()).contains(StoreTopics.BRANCHES))) {
      // "where is the branch?": the passage's text, then each branch's pin (the city asked, else
      // all)
      String city = StoreTopics.city(text);
      if (city == null) {
        // a city without a branch: the pin of the nearest
        city =
            StoreTopics.townWithoutBranch(text).map(StoreTopics.Town::nearestBranch).orElse(null);
      }
      reply = reply.showingBranches(city == null ? "" : city);
    }
    return new PersonaResult(
        language,
        intent,
        confidence,
        mood,
        found.entities(),
        reply,
        handoff,
        reason,
        summary(language, intent, confidence, mood, found, handoff, reason, turn.text()),
        topic == null || handoff ? null : topic.name(),
        handoff && "big deal".equals(reason) && retailOrder);
  }

  /**
   * A change asked to an order (its quantity, delivery day or time, address, an item): read as the
   * order's matter ({@code order_status}) with the topic {@link OrderChanges#TOPIC}, which the
   * conversation's flow serves with the order's status and a person who makes the change. The reply
   * is for where no flow serves it.
   */
  private PersonaResult orderChange(
      PersonaTurn turn, TextView text, Language language, Language replyIn, double confidence) {
    Sentiment mood = sentiment.analyze(text);
    EntityExtractor.Found found = entities.extract(text);
    return new PersonaResult(
        language,
        Intents.ORDER_STATUS,
        confidence,
        mood,
        found.entities(),
        PersonaReply.text(ReplyTexts.get("orderChange", replyIn)),
        false,
        null,
        summary(language, Intents.ORDER_STATUS, confidence, mood, found, false, null, turn.text())
            + " · "
            + OrderChanges.TOPIC,
        OrderChanges.TOPIC);
  }

  /**
   * Intents about the customer's own order, booking or payment: "الاوردر نزل؟" the day of a
   * campaign asks about the order, not the campaign.
   */
  private static final java.util.Set<String> ABOUT_THEIR_OWN =
      java.util.Set.of(
          Intents.ORDER_STATUS,
          Intents.ORDER,
          Intents.BOOKING_CHANGE,
          Intents.BOOKING_CANCEL,
          Intents.PAYMENT);

  /** How long after a campaign message a question about "the new products" is about it. */
  static final java.time.Duration CAMPAIGN_REPLY_WINDOW = java.time.Duration.ofDays(1);

  /** How long after a campaign message a tap on its quick-reply button is read as interest. */
  static final java.time.Duration CAMPAIGN_TAP_WINDOW = java.time.Duration.ofDays(30);

  /**
   * What a reply to a campaign asks about: what is new, what was sent ("شفت رسالتكم", "the offer
   * you sent"), the offers, or to be shown ("Show me", "وريني").
   */
  private static final Pattern CAMPAIGN_QUESTION =
      Pattern.compile(
          "(?<=\\s)(?:جديد|الجديد|جديده|الجديده|جداد|الجداد|نزل|نزلت|نزلتوا|نازل|رسالتكم|رسالتك|الرساله|"
              + "بعتوها|بعتوه|بعتولي|عروض|العروض|عرض|العرض|خصم|خصومات|الخصومات|تخفيضات|وريني|فرجني|"
              + "new|newest|latest|arrivals|arrival|your message|the message|you sent|"
              + "offer|offers|deals|discount|discounts|promo|promotion|show me|interested|"
              + "gedid|gdid|gded|gdeed|el gedid|gdida|gedida|nezel|nazel|3orood|3orod|3ard|5asm|khasm|werini|wareny|"
              + "warini)(?=\\s)");

  /**
   * A reply to a campaign message: a tap on its quick-reply button ("Show me": an id that is none
   * of Nour's own) or, within a day of it, a question about what is new or what it offered. Both
   * are interest: the catalogue's products with their prices, never a complaint or a person. An
   * angry message, one that names a product, and a question about the customer's own order, booking
   * or payment ({@code aboutTheirOwn}) are read as any other.
   */
  private PersonaResult campaignReply(
      PersonaTurn turn,
      TextView text,
      EntityExtractor.Found found,
      boolean aboutTheirOwn,
      Language language,
      Language replyIn) {
    java.time.Instant sent = turn.customer() == null ? null : turn.customer().lastMarketingAt();
    if (sent == null || !found.products().isEmpty()) {
      return null;
    }
    java.time.Instant now = clock.instant();
    String id = turn.interactiveReplyId();
    boolean templateTap =
        id != null
            && !REPLY_IDS.containsKey(id)
            && !id.startsWith("menu_")
            && !id.startsWith(ORDER_BUTTON)
            && !now.isAfter(sent.plus(CAMPAIGN_TAP_WINDOW));
    Sentiment mood = sentiment.analyze(text);
    boolean question =
        id == null
            && !aboutTheirOwn
            && !now.isAfter(sent.plus(CAMPAIGN_REPLY_WINDOW))
            && mood.score() > ANGRY
            && (asksSomething(text) || text.tokens().size() <= 4)
            && CAMPAIGN_QUESTION.matcher(" " + learnedKey(text) + " ").find()
            && !topics.chargedTwice(text)
            && topics.find(text, false).filter(t -> t != StoreTopics.OFFERS).isEmpty();
    if (!templateTap && !question) {
      return null;
    }
    if (mood.score() < 0) {
      mood = Sentiment.ofScore(0);
    }
    Answer answer = catalogue(replyIn, "newArrivals");
    return new PersonaResult(
        language,
        Intents.PRODUCT_INQUIRY,
        0.9,
        mood,
        found.entities(),
        answer.reply(),
        false,
        null,
        summary(
            language,
            Intents.PRODUCT_INQUIRY,
            0.9,
            mood,
            found,
            false,
            null,
            "[campaign reply] " + turn.text()),
        null);
  }

  /** What a turn is about (its text, or its text without a greeting) and how that reads. */
  private record Reading(TextView about, IntentClassifier.Classification classification) {}

  /**
   * A greeting with something after it ("السلام عليكم" / "مواعيد العمل ايه؟" as two messages of a
   * turn, or "salam, el iphone bekam?" in one) is about what follows it: when the text reads as a
   * greeting, it is read again without the greeting's words, and what remains is the answer's
   * subject if it reads confidently as something else.
   */
  private Reading read(TextView whole) {
    Reading r = readGreeting(whole);
    IntentClassifier.Classification c = r.classification();
    // a complaint needs evidence: a complaint word, a negative tone or a confident model; else the
    // runner-up
    // and so does a request for a person: one read with low confidence and no word of it ("is there
    // a student
    // discount?") is a question the model half-knows, not a request
    // (the model alone must be fairly sure of a request for a person: 0.6)
    // ... and a message that says what it wants instead (a question, a correction, a count, an
    // order cancelled, "no thanks") is that, however sure the model is: a "no", "wait" or "مفيش"
    // in a follow-up is no grievance
    boolean unsure =
        Intents.COMPLAINT.equals(c.intent())
            && sentiment.analyze(r.about()).score() > -0.3
            && c.confidence() < PersonaResult.LOW_CONFIDENCE_THRESHOLD;
    boolean saysWhatItWants =
        !unsure
            && Intents.COMPLAINT.equals(c.intent())
            && (sentiment.analyze(r.about()).score() > -0.3 || correctsCalmly(r.about()))
            && saysWhatItWants(r.about());
    boolean complaint = unsure || saysWhatItWants;
    boolean person =
        Intents.HUMAN_REQUEST.equals(c.intent())
            && c.confidence()
                < (asksSomething(whole)
                    ? UNSUPPORTED_QUESTION_CONFIDENCE // "is there a student discount?"
                    : UNSUPPORTED_REQUEST_CONFIDENCE);
    if ((complaint || person) && !intents.lexiconScores(r.about()).containsKey(c.intent())) {
      String next =
          c.scores().entrySet().stream()
              .filter(e -> !e.getKey().equals(c.intent()))
              .max(Map.Entry.comparingByValue())
              .map(Map.Entry::getKey)
              .orElse(Intents.OTHER);
      // the runner-up of a sure complaint is only as sure as its share (at least not "unsure")
      double sure =
          saysWhatItWants
              ? Math.max(
                  PersonaResult.LOW_CONFIDENCE_THRESHOLD,
                  Math.min(
                      c.confidence(),
                      c.scores().get(next)
                          / Math.max(
                              1e-9,
                              c.scores().values().stream().mapToDouble(Double::doubleValue).sum())))
              : c.confidence();
      return new Reading(r.about(), new IntentClassifier.Classification(next, sure, c.scores()));
    }
    if (Intents.ORDER.equals(c.intent())
        && r.about().tokens().size() <= 3
        && !intents.lexiconScores(r.about()).containsKey(Intents.ORDER)
        && namesBrandOrKind(r.about())) {
      // "والشاومي" after the watch's price: a brand or a kind named alone is asked about, not
      // ordered (no word of ordering)
      return new Reading(
          r.about(),
          new IntentClassifier.Classification(Intents.PRODUCT_INQUIRY, c.confidence(), c.scores()));
    }
    return r;
  }

  private static boolean namesBrandOrKind(TextView text) {
    String s = text.normalized() + " " + String.join(" ", text.stems());
    return BRANDS.values().stream().anyMatch(p -> p.matcher(s).find())
        || CATEGORIES.values().stream().anyMatch(p -> p.matcher(s).find());
  }

  /**
   * Whether a message read as a complaint by the model alone says what the customer wants instead:
   * a question, a correction ("انا بسأل على الجراب مش الموبايل"), an order cancelled ("معلش غيرت
   * رأيي الغي الاوردر"), a polite "no thanks", or two words at most ("وحدة بس"). A grievance told
   * (a fault of what was bought, money taken, a promise broken) or a let-down repeated is not.
   */
  private boolean saysWhatItWants(TextView text) {
    if (topics.chargedTwice(text)
        || topics.paidForNothing(text)
        || topics.promiseBroken(text)
        || topics.faultOfWhatWasBought(text)
        || sentiment.letdown(text)
        || REPEATED.matcher(" " + learnedKey(text) + " ").find()) {
      return false;
    }
    String padded = " " + learnedKey(text) + " ";
    return asksSomething(text)
        || CORRECTION.matcher(padded).find()
        || cancelsAnOrder(text)
        || DECLINE.matcher(padded).find()
        || text.tokens().size() <= 2;
  }

  /** "الغي الاوردر", "cancel my order", "elghi el order": an order called off, no grievance. */
  static boolean cancelsAnOrder(TextView text) {
    return ORDER_CANCEL.matcher(" " + learnedKey(text) + " ").find();
  }

  private static final Pattern ORDER_CANCEL =
      Pattern.compile(
          "\\s(?:الغي|الغاء|لغي|كنسل|cancel|elghi|elghy|el8y|alghi)\\s+(?:\\S+\\s+)?"
              + "(?:الاوردر|اوردر|الطلب|طلب|طلبي|الطلبيه|order|el order|el talab)\\s");

  /** Asking where something is: "فين", "وين", "أين", "fen", "where". */
  private static final Pattern WHERE_IS =
      Pattern.compile(
          "\\s(?:فين|وين|اين|فينه|وصل فين|fen|feen|fein|wen|where|wheres|whereabouts|status|track)\\s");

  /**
   * Whether a message is calm, whatever it reports: no shouting, no "!!", no complaint word beyond
   * a delay ("et2a5ar", "lesa mawsalsh"), no let-down repeated and not angrily worded.
   */
  private boolean calmlyLate(TextView text) {
    String raw = text.raw();
    if (raw.contains("!!")
        || REPEATED.matcher(" " + learnedKey(text) + " ").find()
        || topics.chargedTwice(text)
        || topics.paidForNothing(text)
        || topics.promiseBroken(text)) {
      return false;
    }
    double complaintWords = intents.lexiconScores(text).getOrDefault(Intents.COMPLAINT, 0.0);
    if (complaintWords > 2.0) {
      return false;
    }
    TextView withoutDelay = TextView.of(DELAY_WORDS.matcher(raw).replaceAll(" "));
    return sentiment.analyze(withoutDelay).score() > -0.3;
  }

  /**
   * Whether a correction is calm but for an eye-roll ("انا بسأل على الجراب مش الموبايل 🙄"): the
   * impatience of one who was misunderstood, no anger; a cross word or a let-down beside it is.
   */
  private boolean correctsCalmly(TextView text) {
    if (!CORRECTION.matcher(" " + text.normalized() + " ").find()
        || !calmlyLate(TextView.of(text.raw().replace("🙄", " ")))) {
      return false;
    }
    return !text.raw().replace("🙄", "").matches("(?s).*(?:🙃|😒|😑|🤡|🤦|😡|🤬).*");
  }

  /** Words of a delay only: late, not arrived yet. */
  private static final Pattern DELAY_WORDS =
      Pattern.compile(
          "(?iU)\\b(?:et2a5ar|et2akhar|et2asar|it2a5ar|mawsalsh|mawsalsh|mawslsh|wesletsh|late|delayed"
              + "|اتاخر|اتأخر|متاخر|متأخر|موصلش|ماوصلش|لم يصل|لم يصلني)\\b");

  /** A polite decline before what the customer wants: "لا شكرا", "no thanks", "la2 shokran". */
  private static final Pattern DECLINE =
      Pattern.compile(
          "^\\s(?:لا|لا|no|nah|la|la2)\\s+(?:شكرا|متشكر|thanks|thank you|shokran|merci)\\s");

  /** A question put in words, without its mark: "هل سعر الايفون شامل الضريبة", "is it …". */
  private static final Pattern QUESTION_WORDED =
      Pattern.compile("^\\s(?:هل|is|are|does|do|can|could)\\s");

  /** A question or a let-down asked again: "third time asking", "كل مرة", "tany", "again". */
  private static final Pattern REPEATED =
      Pattern.compile(
          "\\s(?:تاني|تانى|مره تانيه|كل مره|للمره|بقالي|من اسبوع|من اسبوعين|من شهر|mn esbo3|for a week|again|third time|second time|every time"
              + "|still|kol mara|kol marra|tany|tani|ba2aly|ba2ali|bardo|برضو|مجددا|مره اخري)\\s");

  /** Whether the text asks something: a question mark, Latin or Arabic. */
  private static boolean asksSomething(TextView text) {
    return text.raw().contains("?") || text.raw().contains("؟");
  }

  private Reading readGreeting(TextView whole) {
    IntentClassifier.Classification all = intents.classify(whole);
    // "تمام شكرا. هو الشحن بيوصل امتى؟": a thanks before a question is read like a greeting
    // before one, for what follows it
    boolean thanksThenQuestion =
        Intents.THANKS_GOODBYE.equals(all.intent())
            && asksSomething(whole)
            && intents.lexiconScores(whole).containsKey(Intents.THANKS_GOODBYE);
    if (!Intents.GREETING.equals(all.intent()) && !thanksThenQuestion) {
      return new Reading(whole, all);
    }
    TextView about = intents.without(whole, all.intent());
    if (about == whole || about.tokens().isEmpty()) {
      return new Reading(whole, all);
    }
    IntentClassifier.Classification after = intents.classify(about);
    // what follows "salam" in "salam 3alikom ya basha" is a courtesy, not a subject
    // and a remnant with no word of any intent ("ya basha") must read very confidently to count,
    // and never as a
    // complaint ("this is Sara from Maadi"), which needs a word or a tone of its own; one such word
    // alone ("hello
    // there") is part of the greeting
    Map<String, Double> remnant = intents.lexiconScores(about);
    // "salamat ya m3alem", "ezayko ya regala": whom the greeting calls, no subject of its own
    boolean calledBy =
        remnant.isEmpty() && about.tokens().size() <= 2 && VOCATIVE.contains(about.tokens().get(0));
    boolean other =
        !calledBy
            && !Intents.GREETING.equals(after.intent())
            && !Intents.THANKS_GOODBYE.equals(after.intent())
            && after.confidence() >= PersonaResult.LOW_CONFIDENCE_THRESHOLD
            && (!remnant.isEmpty()
                || about.tokens().size() > 1
                    && after.confidence() >= 0.6
                    && !Intents.COMPLAINT.equals(after.intent()));
    // after a thanks, the whole text stays the subject: only its reading changes
    return other ? new Reading(thanksThenQuestion ? whole : about, after) : new Reading(whole, all);
  }

  /**
   * How a message is looked up among the learned ones: its normalised words (no punctuation, case
   * or diacritics).
   */
  public static String learnedKey(TextView text) {
    return String.join(" ", text.tokens());
  }

  private LanguageDetector.Detection detect(TextView text, PersonaTurn turn) {
    if (text.tokens().isEmpty() && turn.customer() != null) {
      Language preferred = Language.fromTag(turn.customer().preferredLanguage());
      if (preferred != null) {
        Language reply = preferred == Language.MIXED ? Language.AR_EG : preferred;
        return new LanguageDetector.Detection(preferred, reply);
      }
    }
    return languages.detect(
        text,
        turn.customer() == null ? null : Language.fromTag(turn.customer().preferredLanguage()));
  }

  private record Answer(PersonaReply reply, String handoffReason) {
    static Answer of(String text, ReplyOption... options) {
      return new Answer(new PersonaReply(text, List.of(options), null), null);
    }
  }

  private Answer answer(
      String intent,
      TextView text,
      Language lang,
      EntityExtractor.Found found,
      PersonaTurn turn,
      HandoffRules.Decision decision) {
    List<Product> products = found.products();
    Product product = products.isEmpty() ? null : products.get(0);
    boolean arabic = lang != Language.EN && lang != Language.ARABIZI;
    return switch (intent) {
      case Intents.GREETING -> {
        // "Ahmed" of "Ahmed Samir"; an Arabic reply leaves a Latin name out ("أهلاً Mariam")
        String customer =
            turn.customer() == null
                ? null
                : CustomerNames.inGreeting(turn.customer().name(), arabic);
        String greet =
            customer == null || customer.isBlank()
                ? ReplyTexts.getTo("greeting", lang, feminine(turn), name(lang))
                : ReplyTexts.getTo("greetingNamed", lang, feminine(turn), name(lang), customer);
        yield Answer.of(
            greet,
            opt("menu_products", "optProducts", lang),
            opt("menu_order_status", "optOrderStatus", lang),
            opt("menu_human", "optHuman", lang));
      }
      case Intents.PRODUCT_INQUIRY -> {
        if (products.size() >= 2 && compares(text)) {
          Answer forUse = comparisonFor(products, text, lang);
          if (forUse != null) {
            // "which one has the better camera?": the two set side by side for that use
            yield forUse;
          }
          yield comparison(products.subList(0, Math.min(3, products.size())), lang);
        }
        Answer againstUnsold =
            products.size() == 1 && !found.unsold().isEmpty() && compares(text)
                ? comparisonWithUnsold(products.get(0), found.unsold().get(0), lang)
                : null;
        if (againstUnsold != null) {
          // "ما الفرق بين جالاكسي A55 وآيفون 13؟": we don't sell the iPhone 13; the A55 set beside
          // the nearest one we sell
          yield againstUnsold;
        }
        Answer advice = products.isEmpty() ? advice(text, found, turn, lang) : null;
        if (advice != null) {
          yield advice;
        }
        Answer size = products.size() == 1 ? otherSize(product, text, lang) : null;
        if (size != null) {
          // "يعني مفيش ايفون ١٥ ٢٥٦ جيجا؟": the size it comes in, and where the size asked is
          yield size;
        }
        if (products.size() == 1 && soldOut(product)) {
          // "بكام اوبو رينو ١١؟" when it is sold out: said so, with the nearest ones in stock
          yield soldOutAnswer(product, lang);
        }
        if (product != null
            && products.size() > 1
            && products.stream().allMatch(p -> p.priceEgp() != null)) {
          // "el galaxy s24 w el iphone 15 b kam?": each price, listed, and the answer whole (the
          // sales flow's card shows one product); "both" then orders one of each
          StringBuilder sb = new StringBuilder(priceLines(products, lang, arabic)).append('\n');
          PlaybookIndex.Hit hit = bestPassage(text, intent);
          if (hit != null && !hit.passage().id().startsWith("product:") && hit.coverage() >= 0.5) {
            sb.append('\n').append(passageText(hit.passage(), lang)).append('\n');
          }
          sb.append(ReplyTexts.get("compareFollowUpOther", lang));
          yield new Answer(
              new PersonaReply(
                  sb.toString().strip(),
                  List.of(opt("menu_order", "optOrder", lang), opt("menu_human", "optHuman", lang)),
                  null,
                  product.sku(),
                  true),
              null);
        }
        if (product != null) {
          StringBuilder sb = new StringBuilder();
          for (Product p : products) {
            sb.append(ReplyTexts.get("price", lang, productName(p, arabic), money(p.priceEgp())))
                .append(' ');
          }
          String specs = arabic ? product.specsAr() : product.specsEn();
          boolean specsTold = false;
          if (products.size() == 1
              && specs != null
              && !specs.isBlank()
              && SPECS_ASKED.matcher(" " + text.normalized() + " ").find()) {
            sb.append('\n').append(specs).append('\n'); // "ram and storage?": the catalogue's specs
            specsTold = true;
          } else if (products.size() == 1
              && (specs == null || specs.isBlank())
              && SPECS_WORD.matcher(" " + text.normalized() + " ").find()) {
            // no specifications in the catalogue for it: its name and price are what there is
            sb.append('\n').append(ReplyTexts.get("noSpecs", lang)).append('\n');
            specsTold = true;
          }
          PlaybookIndex.Hit hit = bestPassage(text, intent);
          if (hit != null && !hit.passage().id().startsWith("product:") && hit.coverage() >= 0.5) {
            sb.append('\n').append(passageText(hit.passage(), lang)).append('\n');
          }
          sb.append(ReplyTexts.getTo("priceFollowUp", lang, feminine(turn)));
          if (specsTold) {
            // the specifications are the answer: the sales flow's price card would leave them out
            yield new Answer(
                new PersonaReply(
                    sb.toString().strip(),
                    List.of(
                        opt("menu_order", "optOrder", lang), opt("menu_human", "optHuman", lang)),
                    null,
                    product.sku(),
                    true),
                null);
          }
          yield Answer.of(
              sb.toString().strip(),
              opt("menu_order", "optOrder", lang),
              opt("menu_human", "optHuman", lang));
        }
        List<Product> listed = catalogueQuery(text, found);
        Product allSoldOut = listed == null ? firstSoldOut(text, found) : null;
        if (allSoldOut != null) {
          // "عندكم موبايلات اوبو؟" when the Reno is all there is and it is sold out
          yield soldOutAnswer(allSoldOut, lang);
        }
        List<Product> budget = listed != null ? listed : withinBudget(found, text, turn);
        if (!budget.isEmpty()) {
          // "a cheaper one" after a list is cheaper than the list's first (with a budget, its
          // dearest)
          Product fitted = listed != null ? fitsTheOneOnShow(text, found, turn) : null;
          yield new Answer(
              new PersonaReply(
                  (fitted == null
                          ? ""
                          : ReplyTexts.get("fitsTheOneOnShow", lang, productName(fitted, arabic))
                              + "\n")
                      + priceLines(budget, lang, arabic),
                  List.of(opt("menu_order", "optOrder", lang), opt("menu_human", "optHuman", lang)),
                  null,
                  budget.get(0).sku()),
              null);
        }
        Answer cheapest = belowTheCheapest(text, found, lang);
        if (cheapest != null) {
          // "معايا ٥٠٠٠ جنيه بس وعايز موبايل كويس": less than any phone costs; the cheapest ones
          yield cheapest;
        }
        if ("menu_products".equals(turn.interactiveReplyId()) || topics.asksWhatIsSold(text)) {
          yield catalogue(lang);
        }
        yield fromPlaybook(text, intent, lang, true);
      }
      case Intents.AVAILABILITY -> {
        List<Product> listed = product == null ? catalogueQuery(text, found) : null;
        Product about =
            product != null
                ? product
                : listed != null && listed.size() == 1
                    ? listed.get(0)
                    : listed == null ? firstSoldOut(text, found) : null;
        if (about == null && listed != null && !listed.isEmpty()) {
          StringBuilder sb = new StringBuilder();
          listed.forEach(
              p ->
                  sb.append("• ")
                      .append(
                          ReplyTexts.get(
                              "price", lang, productName(p, arabic), money(p.priceEgp())))
                      .append('\n'));
          yield new Answer(
              new PersonaReply(
                  sb.toString().strip(),
                  List.of(opt("menu_order", "optOrder", lang), opt("menu_human", "optHuman", lang)),
                  null,
                  listed.get(0).sku()),
              null);
        }
        if (about != null && soldOut(about)) {
          yield soldOutAnswer(about, lang);
        }
        yield about == null
            ? Answer.of(ReplyTexts.get("whichProduct", lang))
            : Answer.of(
                ReplyTexts.get(
                    "availability", lang, productName(about, arabic), money(about.priceEgp())),
                opt("menu_order", "optOrder", lang));
      }
      case Intents.ORDER -> {
        if ("big deal".equals(decision.reason())) {
          yield Answer.of(ReplyTexts.get("bigDeal", lang));
        }
        List<Product> ofKind = product == null ? catalogueQuery(text, found) : null;
        if (ofKind != null && ofKind.size() >= 2) {
          // "3ayza charger lel iphone": the kind wanted has several products; they are listed (a
          // whole answer: no sales flow looks up the phone it is for)
          yield new Answer(
              new PersonaReply(
                  priceLines(ofKind, lang, arabic),
                  List.of(opt("menu_order", "optOrder", lang), opt("menu_human", "optHuman", lang)),
                  null,
                  ofKind.get(0).sku(),
                  true),
              null);
        }
        if (product == null) {
          yield Answer.of(
              ReplyTexts.getTo("orderWhat", lang, feminine(turn)),
              opt("menu_products", "optProducts", lang));
        }
        if (products.size() == 1 && soldOut(product)) {
          yield soldOutAnswer(product, lang);
        }
        int qty = found.entities().quantity() == null ? 1 : found.entities().quantity();
        String names =
            String.join(" + ", products.stream().map(p -> productName(p, arabic)).toList());
        // "٢ جراب واسكرينة": each product with its own quantity
        boolean oneQuantity =
            products.stream().map(found::quantityOf).distinct().count() == 1
                && found.quantityOf(products.get(0)) == qty;
        String items =
            String.join(
                " + ",
                products.stream()
                    .map(p -> found.quantityOf(p) + " × " + productName(p, arabic))
                    .toList());
        yield Answer.of(
            oneQuantity
                ? ReplyTexts.get("order", lang, qty, names, money(found.orderValue()))
                : ReplyTexts.get("orderItems", lang, items, money(found.orderValue())),
            opt("payment_link", "optPaymentLink", lang),
            opt("menu_human", "optHuman", lang));
      }
      case Intents.BOOKING_NEW -> {
        String when =
            found.entities().dateTime() == null
                ? ""
                : ReplyTexts.get("onDate", lang, found.entities().dateTime());
        yield Answer.of(
            ReplyTexts.get("bookingNew", lang, when),
            opt("branch_cairo", "optBranchCairo", lang),
            opt("branch_alex", "optBranchAlex", lang));
      }
      case Intents.BOOKING_CHANGE -> {
        String ref =
            found.entities().reference() == null
                ? ""
                : ReplyTexts.get("refFor", lang, found.entities().reference());
        String to =
            found.entities().dateTime() == null
                ? ""
                : ReplyTexts.get("toDate", lang, found.entities().dateTime());
        String t = ReplyTexts.get("bookingChange", lang, ref, to);
        yield Answer.of(ref.isEmpty() ? t + " " + ReplyTexts.get("bookingRef", lang) : t);
      }
      case Intents.BOOKING_CANCEL -> {
        String named = found.entities().reference();
        if (named != null && named.toUpperCase(java.util.Locale.ROOT).startsWith("ORD-")) {
          // an order number is an order's cancel, never a booking's: the order-cancel buttons
          String order = named.toUpperCase(java.util.Locale.ROOT);
          yield Answer.of(
              ReplyTexts.get("orderCancelConfirm", lang, order),
              opt("ocancel_yes:" + order, "optConfirm", lang),
              opt("ocancel_keep", "optKeep", lang));
        }
        String ref =
            found.entities().reference() == null
                ? ""
                : ReplyTexts.get("refFor", lang, found.entities().reference());
        yield Answer.of(
            ReplyTexts.get("bookingCancel", lang, ref),
            opt("booking_confirm_cancel", "optConfirm", lang),
            opt("booking_keep", "optKeep", lang));
      }
      case Intents.ORDER_STATUS ->
          found.entities().reference() == null
              ? Answer.of(ReplyTexts.get("orderStatusAsk", lang))
              : Answer.of(ReplyTexts.get("orderStatus", lang, found.entities().reference()));
      case Intents.PAYMENT -> {
        if (PAID.matcher(text.normalized()).find()) {
          yield Answer.of(ReplyTexts.get("paymentReceived", lang));
        }
        Answer a = fromPlaybook(text, intent, lang, false);
        yield a.reply() == null
            ? Answer.of(
                passageText(playbook.passage("payment-methods").orElseThrow(), lang),
                opt("payment_link", "optPaymentLink", lang))
            : a;
      }
      case Intents.COMPLAINT -> Answer.of(ReplyTexts.get("complaint", lang));
      case Intents.HUMAN_REQUEST -> Answer.of(ReplyTexts.getTo("human", lang, feminine(turn)));
      case Intents.THANKS_GOODBYE -> Answer.of(ReplyTexts.get("thanks", lang));
      default -> fromPlaybook(text, intent, lang, QUESTION.matcher(text.normalized()).find());
    };
  }

  /** How long something takes: a question about delivery or a repair, not a product's price. */
  private static final Pattern DURATION =
      Pattern.compile(
          "(يوم|ايام|وقت|مده|بياخد|ياخد|يستغرق|day|days|long|time|takes|yom|youm|ayam|wa2t|byakhod|bya5od|ya5od)");

  /** The most words of a follow-up that leans on the previous turn's product. */
  private static final int FOLLOW_UP_WORDS = 7;

  /**
   * "بكام؟", "bkam", "is it available in Alexandria?" after a product's card: a short price or
   * stock question that names no product, kind, brand or store topic is about the product on show;
   * null when the turn is not such a follow-up.
   */
  private Product followedProduct(TextView text, EntityExtractor.Found found, PersonaTurn turn) {
    if (!found.products().isEmpty()
        || !found.unsold().isEmpty()
        || text.tokens().size() > FOLLOW_UP_WORDS) {
      return null;
    }
    String n = " " + text.normalized() + " ";
    boolean asks = ASKS_PRICE.matcher(n).find() || STOCK_WORD.matcher(text.normalized()).find();
    if (!asks
        || DURATION.matcher(n).find()
        || asksCatalogue(text, found)
        || topics.find(text, false).isPresent()
        || topics.notSold(text).isPresent()
        || topics.corporate(text)) {
      return null;
    }
    return contextProduct(turn);
  }

  /** "والعادي ١٥؟", "the regular one?": the plain model of the one on show. */
  private static final Pattern REGULAR =
      Pattern.compile("\\s(?:و)?(?:ال)?(?:عادي|regular|normal|standard|basic|3ady|3adi)\\s");

  /**
   * The catalogue's plain model of a variant ("iPhone 15" of "iPhone 15 Pro Max 256GB"): the
   * product of the same kind whose name is the variant's up to its model number, shortest first.
   */
  private Product regularOf(Product variant) {
    if (variant == null) {
      return null;
    }
    java.util.regex.Matcher m = Pattern.compile("^(.*?\\d+)\\b").matcher(variant.nameEn());
    if (!m.find()) {
      return null;
    }
    String base = m.group(1);
    return playbook.products().stream()
        .filter(p -> p != variant && p.priceEgp() != null)
        .filter(p -> p.category().equals(variant.category()))
        .filter(p -> p.nameEn().startsWith(base + " ") || p.nameEn().equals(base))
        .min(java.util.Comparator.comparingInt(p -> p.nameEn().length()))
        .orElse(null);
  }

  /** A storage size asked: "٢٥٦ جيجا", "256gb", "256 GB". */
  private static final Pattern STORAGE =
      Pattern.compile(
          "(?<![\\p{N}])(\\d{2,4})\\s*(?:جيجا|جيجابايت|جيجه|gb|giga|gega|g)(?![\\p{L}])");

  private static final Pattern SIZE_IN_NAME = Pattern.compile("(\\d{2,4})GB");

  /**
   * A size asked of a phone the shop sells in another size only: the size it has, its price, and
   * the phone of the same line that has the size asked, if any ("iPhone 15" in 128 GB only; 256 GB
   * in the iPhone 15 Pro Max).
   */
  private Answer otherSize(Product product, TextView text, Language lang) {
    java.util.regex.Matcher asked =
        STORAGE.matcher(text.normalized().toLowerCase(java.util.Locale.ROOT));
    java.util.regex.Matcher has = SIZE_IN_NAME.matcher(product.nameEn());
    if (!asked.find() || !has.find() || has.group(1).equals(asked.group(1))) {
      return null;
    }
    String size = asked.group(1);
    boolean arabic = lang != Language.EN && lang != Language.ARABIZI;
    java.util.regex.Matcher line = Pattern.compile("^(\\S+)").matcher(product.nameEn());
    String brand = line.find() ? line.group(1) : product.nameEn();
    String base = product.nameEn().replace(has.group(0), "").strip();
    StringBuilder sb =
        new StringBuilder(
            ReplyTexts.get(
                "sizeOnly",
                lang,
                arabic ? product.nameAr().replaceAll("\\s*\\S+\\s*جيجا$", "") : base,
                has.group(1),
                money(product.priceEgp())));
    playbook.products().stream()
        .filter(p -> p.priceEgp() != null && p.category().equals(product.category()))
        .filter(p -> p.nameEn().startsWith(brand) && p.nameEn().contains(size + "GB"))
        .findFirst()
        .ifPresent(
            p ->
                sb.append(' ')
                    .append(
                        ReplyTexts.get(
                            "sizeElsewhere",
                            lang,
                            size,
                            productName(p, arabic),
                            money(p.priceEgp()))));
    return new Answer(
        new PersonaReply(
            sb.toString(),
            List.of(opt("menu_order", "optOrder", lang), opt("menu_human", "optHuman", lang)),
            null,
            product.sku(),
            true),
        null);
  }

  /**
   * A count and nothing else but a unit word, a "want" and a filler: "عايز ٢ قطعة", "2 pieces", "I
   * want 2", "3ayza 2 pcs", "x3". The digit of such a turn is how many, never a model number.
   */
  private static final Pattern BARE_COUNT =
      Pattern.compile(
          "^(?:(?:تمام|طيب|اوك|ok|okay|tmam|tayeb|طب|yes|ايوه|aywa)\\s+)?"
              + "(?:(?:انا|ana|i|we|احنا)\\s+)?"
              + "(?:(?:عايز|عايزه|عاوز|عاوزه|محتاج|محتاجه|هاخد|هناخد|خد|هات|هاتلي|ابعتلي|اطلب|"
              + "3ayez|3ayz|3ayza|3aiza|3awez|3awza|me7tag|me7taga|ha5od|want|need|wanna|will take|"
              + "ll take|take|d like|would like|give me|make it|order)\\s+)?"
              + "(?:(?:x|×)\\s*)?(\\d{1,3}|واحد|واحده|وحده|اتنين|اثنين|تلاته|تلات|اربعه|خمسه|one|two|three|"
              + "four|five|wa7ed|wa7da|etnen|itnen|talata|arba3a|khamsa)"
              + "(\\s*(?:x|×|قطعه|قطع|حته|حتت|حبه|حبات|pieces?|pcs|units?|items?|of them|منهم|منها|منه|"
              + "7etta|7etat|2et3a))?(?:\\s+(?:بس|فقط|bas|bs|only|just|please|pls))?$");

  private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}×\\s]");

  private static final Pattern SPACES = Pattern.compile("\\s+");

  /**
   * The count of a turn that says only how many (see {@link #BARE_COUNT}), or null. Without a
   * product on show, a count needs its unit or an "x" ("2 pcs"): a bare "2" may answer something
   * else.
   */
  static Integer bareCount(TextView text, boolean productShown) {
    // every turn is asked: the patterns are compiled once, not by String.replaceAll
    String t =
        SPACES
            .matcher(NOT_A_WORD.matcher(text.normalized()).replaceAll(" "))
            .replaceAll(" ")
            .strip();
    java.util.regex.Matcher m = BARE_COUNT.matcher(t);
    if (!m.matches()) {
      return null;
    }
    boolean unit = m.group(2) != null || t.startsWith("x") || t.startsWith("×");
    if (!productShown && !unit) {
      return null;
    }
    String n = m.group(1);
    int q = Character.isDigit(n.charAt(0)) ? Integer.parseInt(n) : EntityExtractor.numberWord(n);
    return q > 0 ? q : null;
  }

  /** The product the sales flow last showed, if the conversation has one in the catalogue. */
  private Product contextProduct(PersonaTurn turn) {
    String sku = turn.contextProductSku();
    return sku == null || sku.isBlank()
        ? null
        : playbook.products().stream()
            .filter(p -> sku.equals(p.sku()) && p.priceEgp() != null)
            .findFirst()
            .orElse(null);
  }

  /**
   * The first two (or three) of a list: "compare the first two", "قارن بين أول اتنين", "el etnen el
   * awalaniin ayhom a7san", "الأول والتاني".
   */
  private static final Pattern FIRST_OF_THE_LIST =
      Pattern.compile(
          "\\s(?:(?:the\\s)?(?:first|top)\\s(two|2|three|3)|(?:the\\s)?first\\sand\\s(?:the\\s)?second|"
              + "(?:اول|اوائل)\\s(اتنين|اثنين|2|تلاته|ثلاثه|3)|(?:ال)?(اتنين|اثنين)\\s(?:ال)?(?:اولانيين|اولانين|اولين|الاوائل|الاولين)|"
              + "(?:ال)?اول\\s(?:و)?(?:ال)?(?:تاني|ثاني)|"
              + "(?:awel|awl|a2wel)\\s(etnen|2|talata|3)|(?:el\\s)?(etnen|itnen)\\s(?:el\\s)?"
              + "(?:awalaniin|awalanyeen|awlanyeen|awalanin|awlanin|awalanien|awlaneen|awelin|awleen)|"
              + "el\\sawel\\s(?:w|we)\\s?(?:el\\s)?tany|"
              // "الأول أحسن ولا التاني؟", "el awel a7san wala el tany?", "the first or the second"
              + "(?:ال)?اول\\s(?:\\S+\\s){0,2}(?:ولا|او)\\s(?:ال)?(?:تاني|ثاني)|"
              + "el\\sawel\\s(?:\\S+\\s){0,2}(?:wala|walla|aw)\\s(?:el\\s)?tany|"
              + "(?:the\\s)?first\\s(?:\\S+\\s){0,2}or\\s(?:the\\s)?second)\\s");

  /**
   * "Which of them", or the difference asked with no product named ("el fara2 eh?", "ايه الفرق؟"):
   * the products last talked about.
   */
  private static final Pattern WHICH_OR_DIFFERENCE =
      Pattern.compile(
          "\\s(?:which one|which of|which is|ايهم|انهي واحد|انهو واحد|مين فيهم|ايهما|اي منهما|ayhom|anhi wa7ed|"
              + "anhy wa7ed|anho wa7ed|anhi fehom|الفرق|فرق|والفرق|far2|fara2|difference|differ)\\s");

  /**
   * The products of the list the bot last sent ("• ..." lines, in their order) that the text's "the
   * first two" names; none when the text names no place in a list or no list was sent.
   */
  private List<Product> firstListed(TextView text, PersonaTurn turn) {
    String said =
        " "
            + text.normalized().replaceAll("[^\\p{L}\\p{N}]+", " ")
            + " "
            + text.raw().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ")
            + " ";
    java.util.regex.Matcher m = FIRST_OF_THE_LIST.matcher(said);
    boolean first = m.find();
    // "الفرق بينهم ايه", "what's the difference between them": the two or three just listed
    boolean which = WHICH_OR_DIFFERENCE.matcher(said).find();
    boolean them =
        !first
            && (ListPicks.meansThem(TextView.of(turn.text())) || which)
            && askedCategory(text) == null;
    if (!first && !them) {
      return List.of();
    }
    String count = null;
    for (int g = 1; first && g <= m.groupCount(); g++) {
      count = count == null ? m.group(g) : count;
    }
    int n = count != null && count.matches("three|3|تلاته|ثلاثه|talata") ? 3 : 2;
    List<TranscriptLine> lines = turn.recentTranscript();
    for (int i = lines.size() - 1; i >= 0; i--) {
      TranscriptLine line = lines.get(i);
      if (line.fromCustomer() || line.person() != null || line.text() == null) {
        continue;
      }
      List<Product> listed = listedIn(line.text());
      if (them && listed.size() >= 2) {
        // "them" is the latest list, when it is short enough to set side by side
        return listed.size() <= 3 ? listed : List.of();
      }
      if (them) {
        // no list last: the two products last talked about, one card after the other
        return lastTwoTalkedAbout(lines);
      }
      if (listed.size() >= 2) {
        return List.copyOf(listed.subList(0, Math.min(n, listed.size())));
      }
    }
    return first ? lastTwoTalkedAbout(lines) : List.of();
  }

  /**
   * The two catalogue products the conversation last spoke of, in the order they came up: named by
   * the customer, or the one product of a reply of the bot (a price card); none unless two.
   */
  private List<Product> lastTwoTalkedAbout(List<TranscriptLine> lines) {
    List<Product> seen = new ArrayList<>();
    for (int i = lines.size() - 1; i >= 0 && seen.size() < 2; i--) {
      TranscriptLine line = lines.get(i);
      if (line.person() != null || line.text() == null) {
        continue;
      }
      List<Product> named;
      if (line.fromCustomer()) {
        named = entities.extract(TextView.of(line.text())).products();
      } else {
        named =
            playbook.products().stream()
                .filter(p -> p.priceEgp() != null)
                .filter(p -> line.text().contains(p.nameEn()) || line.text().contains(p.nameAr()))
                .toList();
        if (named.size() != 1) {
          continue;
        }
      }
      for (int k = named.size() - 1; k >= 0 && seen.size() < 2; k--) {
        if (!seen.contains(named.get(k))) {
          seen.add(named.get(k));
        }
      }
    }
    if (seen.size() < 2) {
      return List.of();
    }
    return List.of(seen.get(1), seen.get(0));
  }

  /**
   * The catalogue products a message of the bot listed ("• X is 1,199 EGP" rows), in their order;
   * empty when it listed none. What Nour listed reaches her as the transcript's bot lines (the
   * process's {@code personaListed} is passed as one for a persona that reads no transcript).
   */
  private List<Product> listedIn(String botText) {
    List<Product> listed = new ArrayList<>();
    for (String row : botText.split("\n")) {
      if (!row.strip().startsWith("•")) {
        continue;
      }
      playbook.products().stream()
          .filter(p -> row.contains(p.nameEn()) || row.contains(p.nameAr()))
          .findFirst()
          .or(() -> entities.extract(TextView.of(row)).products().stream().findFirst())
          .filter(p -> !listed.contains(p))
          .ifPresent(listed::add);
    }
    return List.copyOf(listed);
  }

  /** What was found, about this product (the conversation's) instead of none. */
  private static EntityExtractor.Found withProduct(EntityExtractor.Found found, Product product) {
    Entities e = found.entities();
    // "والعادي ١٥": the number of the product's own name is no quantity
    Integer quantity =
        e.quantity() != null
                && java.util.Arrays.asList(product.nameEn().split("\\s+"))
                    .contains(String.valueOf(e.quantity()))
            ? null
            : e.quantity();
    return new EntityExtractor.Found(
        new Entities(List.of(product.nameEn()), quantity, e.dateTime(), e.reference(), e.amount()),
        List.of(product),
        List.of());
  }

  /** Intents that a topic, a product not sold or a bulk order never overrides. */
  /**
   * Words that ask about stock, not about what the shop sells: "is the Oppo in stock?" versus "do
   * you have Samsung earbuds?".
   */
  /** What a booking is for: a repair, a service, an appointment or a part to fix. */
  private static final Pattern SERVICE_WORD =
      Pattern.compile(
          "ميعاد|موعد|معاد|صيان|تصليح|اصلاح|شاش|بطاري|فحص|زياره|كشف|"
              + "appointment|slot|repair|fix|screen|battery|visit|check|service|"
              + "me3ad|ma3ad|mi3ad|seyana|sayana|siana|siyana|syana|9eyana|9iyana|tasle7|tasleh|shasha|shashet|batarya|battery|fa7s");

  /**
   * A customer correcting what was understood, or saying what they ask about: "انا بسأل على",
   * "قصدي", "I'm asking about", "I meant", "ana bas2al 3ala".
   */
  private static final Pattern CORRECTION =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:بسال|بسأل|بسئل|سالت|كنت بسال|اسال عن|اسال علي|استفسر|بستفسر|قصدي|اقصد|كنت اقصد"
              + "|asking|asked|i meant|i mean|bas2al|bas2l|basal|sa2alt|2asdy|asdy|a2sod)(?![\\p{L}\\p{N}])");

  /** Words of wanting something: "عايز", "أريد", "I want", "need", "3ayez". */
  private static final Pattern WANT =
      Pattern.compile(
          "\\s(عايز|عاوز|عايزه|عاوزه|عايزين|اريد|نريد|محتاج|محتاجه|محتاجين|نحتاج|احتاج|ابغي|بدي|"
              + "want|wanna|need|3ayez|3ayz|3ayza|3awez|me7tag|me7taga)\\s");

  /** Store topics about buying: units asked for with them are an order's value. */
  private static final java.util.Set<StoreTopics.Topic> BUYING_TOPICS =
      java.util.Set.of(
          StoreTopics.OFFERS,
          StoreTopics.DELIVERY_FEES,
          StoreTopics.INSTALMENTS,
          StoreTopics.PAYMENT_METHODS);

  private static final Pattern STOCK_WORD =
      Pattern.compile(
          "موجود|متوفر|متاح|يتوفر|تتوفر|توفر|نفد|نفذ|خلص|stock|available|sold out"
              + "|هيرجع|هترجع|هينزل|هتنزل|سيتوفر|هيتوفر|مخزون|فاضل|back in|restock|in again|left|fadel|"
              + "mawgood|mawgod|mwgod|motawafer|metwafar|mota7|motah|5eles|5ls|hayrga3|hyrga3|yerga3|hayenzel|hyenzl");

  /**
   * Below this, a request for a person read by the model alone (no word of one) is taken for the
   * runner-up.
   */
  static final double UNSUPPORTED_REQUEST_CONFIDENCE = 0.7;

  /** As {@link #UNSUPPORTED_REQUEST_CONFIDENCE}, for a question: it asks something else first. */
  static final double UNSUPPORTED_QUESTION_CONFIDENCE = 0.8;

  /** "but": what follows a thanks says more than the thanks. */
  private static final Pattern BUT =
      Pattern.compile("(?<=\\s)(?:بس|لكن|ولكن|but|bs|bas|bass|however|except)(?=\\s)");

  /** What a customer asking again and again may be asking about. */
  private static final java.util.Set<String> ASKED_AGAIN_TOPICS =
      java.util.Set.of(
          Intents.BOOKING_CHANGE,
          Intents.BOOKING_CANCEL,
          Intents.ORDER_STATUS,
          Intents.AVAILABILITY,
          Intents.PRODUCT_INQUIRY,
          Intents.PAYMENT);

  private static final java.util.Set<String> BOOKING_INTENTS =
      java.util.Set.of(Intents.BOOKING_NEW, Intents.BOOKING_CHANGE, Intents.BOOKING_CANCEL);

  /** The specifications asked as such: "مواصفاته", "specs", "mowasafat". */
  private static final Pattern SPECS_WORD =
      Pattern.compile(
          "(?<=\\s)(?:specs|specifications|spec|features|مواصفات|المواصفات|مواصفاته|مواصفاتها|مواصفاتو|"
              + "امكانيات|امكانياته|امكانياتها|mowasafat|mwasafat|mosafat|mowasfat|mowasafato|mowasafatha)"
              + "(?![\\p{L}\\p{N}])");

  /** A product's specifications asked: its memory, storage, camera, screen, battery, chip. */
  private static final Pattern SPECS_ASKED =
      Pattern.compile(
          "(?<=\\s)(?:ram|rom|storage|memory|specs|specifications|spec|camera|screen size|processor|chip|"
              + "رام|الرام|مساحه|المساحه|ذاكره|الذاكره|مواصفات|المواصفات|مواصفاته|مواصفاتها|الكاميرا|كاميرته|المعالج|معالج|"
              + "mowasafat|mwasafat|mosafat|mas7a|masaha|el ram|kamera|camera)(?![\\p{L}\\p{N}])");

  private static final java.util.Set<String> KEPT =
      java.util.Set.of(Intents.COMPLAINT, Intents.HUMAN_REQUEST, Intents.THANKS_GOODBYE);

  /**
   * What a company's big order may ask first and stays asked ("عندكم ٢٠ ايفون ١٥ متاحين؟ محتاجينهم
   * للشركة", "fe ta2seet sharekat?", "quote for 30 watches? any discount"): whether it is in stock,
   * how to pay, what it costs; a person takes it over all the same.
   */
  private static final java.util.Set<String> BULK_QUESTIONS =
      java.util.Set.of(Intents.AVAILABILITY, Intents.PAYMENT, Intents.PRODUCT_INQUIRY);

  private static final java.util.Set<String> BULK_INTENTS =
      java.util.Set.of(
          Intents.ORDER,
          Intents.PRODUCT_INQUIRY,
          Intents.AVAILABILITY,
          Intents.OTHER,
          Intents.PAYMENT);

  /** Words of an address: a number beside them is a house, a floor or a flat, not units. */
  private static final Pattern ADDRESS =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(عنوان\\p{L}*|شارع|ش|عماره|عمارة|برج|شقه|شقة|الدور|دور|بلوك|ميدان|address|street|st|"
              + "road|rd|building|bldg|floor|flat|apartment|apt|block|3enwan\\p{L}*|share3|shar3|3omara)"
              + "(?![\\p{L}\\p{N}])");

  private static final Pattern UNIT =
      Pattern.compile(
          "\\d\\s*(واط|وات|w|watt|mah|gb|الف|ألف|k|جنيه|ج|egp|le|pound)(?![\\p{L}\\p{N}])");

  /**
   * An order of 20 units or more that the catalogue cannot price, or a question about that many
   * units of a product ("40 Galaxy A15 for our team, your price?"): a quantity, not a model number,
   * a wattage or a budget.
   */
  private static boolean wholesaleQuantity(
      String intent, TextView text, EntityExtractor.Found found) {
    Integer q = found.entities().quantity();
    if (q == null || q < BULK_QUANTITY || !BUYING.contains(intent)) {
      return false;
    }
    if (found.products().isEmpty() && ADDRESS.matcher(text.normalized()).find()) {
      // "my address is 12 Qazwaq Street", "عنواني ١٥ شارع التحرير": a house number, not units
      return false;
    }
    if (Intents.ORDER.equals(intent)) {
      return found.orderValue() == null;
    }
    return !found.products().isEmpty()
        && found.entities().amount() == null
        && !UNIT.matcher(text.normalized()).find();
  }

  /**
   * Two or more units of a catalogue product asked about or asked for ("٣ ايفون ١٥ بكام؟"): a
   * quantity, not a wattage, a budget or an amount.
   */
  private static boolean unitsAskedAbout(
      String intent, TextView text, EntityExtractor.Found found) {
    Integer q = found.entities().quantity();
    return q != null
        && q >= 2
        && (BUYING.contains(intent) || Intents.PAYMENT.equals(intent))
        && !found.products().isEmpty()
        && found.entities().amount() == null
        // "JBL Flip 6", "Charge 5": the number of a product's own name is no count of units
        && found.products().stream().noneMatch(p -> namesNumber(p, q))
        && found.unsold().isEmpty()
        // "JBL charge 5", "galaxy buds 3": a number after a product line's word is its model
        && !Pattern.compile("(?<![\\p{L}\\p{N}])" + LINE_WORDS + "\\s+" + q + "(?![\\p{N}])")
            .matcher(text.normalized())
            .find()
        && !Pattern.compile(
                "(?<![\\p{N}])"
                    + q
                    + "\\s*(واط|وات|w|watt|mah|gb|جيجا|الف|ألف|k|جنيه|ج|egp|le|pound|شهر|شهور|اشهر|month|months|shahr|shohoor|قسط|اقساط|payments|installments)(?![\\p{L}\\p{N}])")
            .matcher(text.normalized())
            .find();
  }

  /** Words of a product line that a model number follows ("charge 5", "note 13", "series 9"). */
  private static final String LINE_WORDS =
      "(?:charge|flip|clip|go|xtreme|note|reno|buds|band|watch|series|pro|max|plus|ultra|lite|galaxy|iphone|"
          + "pixel|mate|nova|redmi|xiaomi|oppo|realme|vivo|tab|pad|ps|xbox|gen|mark|version|model|type|"
          + "فليب|شارج|نوت|رينو|بادز|باند|واتش|سيريس|برو|ماكس|بلس|الترا|جالاكسي|ايفون|ريدمي)";

  /** Whether the number is a word of the product's name or of one of its aliases. */
  private static boolean namesNumber(Product p, int n) {
    String number = String.valueOf(n);
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.of(p.nameEn()), p.aliases().stream())
        .flatMap(a -> java.util.Arrays.stream(a.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")))
        .anyMatch(number::equals);
  }

  /**
   * Intents whose wholesale quantity ("40 Galaxy A15 for our team, your price?") makes a big deal.
   */
  private static final java.util.Set<String> BUYING =
      java.util.Set.of(Intents.ORDER, Intents.PRODUCT_INQUIRY, Intents.AVAILABILITY);

  private static final java.util.Set<String> ASKING =
      java.util.Set.of(
          Intents.PRODUCT_INQUIRY,
          Intents.AVAILABILITY,
          Intents.ORDER,
          Intents.OTHER,
          Intents.GREETING);

  /** Laughing at, rolling the eyes at or mocking what was said. */
  private static final Pattern MOCKING_EMOJI = Pattern.compile("😂|🤣|🙃|🙄|🤡|😒|🤦|😏");

  private static final Pattern TWO_QUESTIONS = Pattern.compile("[?؟][^?؟]*[?؟]");

  /**
   * Two question marks (doubled or two questions) beside a mocking emoji: "الايفون بـ ٤٨ الف؟؟ ليه
   * هو بيعمل شاي كمان؟ 😂". One question with a laugh ("انتي روبوت؟ 😂") is no mockery.
   */
  private boolean mocks(TextView text) {
    String raw = text.raw();
    if (SHOP_OR_MUSEUM.matcher(" " + learnedKey(text) + " ").find()) {
      return true; // "فاتحين محل ولا متحف؟": mockery without a laugh
    }
    if (MOCKING_EMOJI.matcher(raw).find() && TWO_QUESTIONS.matcher(raw).find()) {
      return true;
    }
    boolean laughs = MOCKING_EMOJI.matcher(raw).find();
    if (!laughs && !raw.contains("🙂")) {
      return false;
    }
    boolean quotes = QUOTED.matcher(raw).find();
    boolean cue =
        MOCKING_CUE
            .matcher(" " + learnedKey(text) + " " + String.join(" ", text.stems()) + " ")
            .find();
    // "بتبيعوه اصلا ولا ديكور؟ 😂", "byelef masr kolaha wala eh? 🙃", "ba2alha shahr \"hatregga3
    // 2orayeb\" 😂": one question (or our own words quoted back) with a laugh and a word of a
    // let-down or of a rhetorical question; a smile (🙂) only with the rhetorical word
    return (asksSomething(text) || quotes) && (cue || quotes || laughs && sentiment.letdown(text));
  }

  /** The shop asked whether it is a museum or a display: "انتوا فاتحين محل ولا متحف؟". */
  private static final Pattern SHOP_OR_MUSEUM =
      Pattern.compile(
          "\\s(?:ولا|او|wala|wla|walla|or) (?:فاتحين |fat7een |a )?(?:متحف|ديكور|mat7af|mathaf|dekor|decor|museum)(?=\\s)");

  /** Words quoted back at the shop: "قيد التجهيز", "hatregga3 2orayeb". */
  private static final Pattern QUOTED = Pattern.compile("[\"“«][^\"”»]{3,}[\"”»]");

  /**
   * Words of a rhetorical question or a let-down repeated: "ولا ايه", "اصلا", "بالظبط", "السنة
   * الجاية", "كل ما اسأل", "ولا ديكور".
   */
  private static final Pattern MOCKING_CUE =
      Pattern.compile(
          "\\s(?:ولا ايه|ولا اي|اصلا|بالظبط|بالضبط|السنه الجايه|السنه الجيه|كل ما|كل مره|ديكور|متحف|"
              + "wala eh|wla eh|walla eh|wala eih|asln|aslan|bel zabt|belzabt|bezabt|el sana el gaya|elsana elgaya|"
              + "kol ma|kol mara|kol marra|dekor|decor|mat7af|mathaf|"
              + "exactly|next year|every time|museum|or what)(?=\\s)");

  /**
   * The handoff reason of a turn the learned handoff model hands over as a wish for a person that
   * no word of a request names; the turn keeps its intent.
   */
  static final String NEEDS_A_PERSON = "needs a person";

  /**
   * Intents a turn keeps when a person is due for its tone or by the handoff model: the writers of
   * customer text label a sarcastic tracking question {@code order_status}, a handoff all the same.
   */
  private static final java.util.Set<String> TOPIC_INTENTS =
      java.util.Set.of(
          Intents.ORDER_STATUS,
          Intents.PRODUCT_INQUIRY,
          Intents.AVAILABILITY,
          Intents.ORDER,
          Intents.PAYMENT,
          Intents.OTHER,
          Intents.BOOKING_NEW,
          Intents.BOOKING_CHANGE,
          Intents.BOOKING_CANCEL);

  /**
   * Whether a turn due a person keeps the topic it was read as, else it is a complaint or a request
   * for a person: it must ask something ("WHERE IS MY ORDER?!", "as3arko di 7a2e2y? el redmi b
   * kam"; a grievance told without a question is a complaint), and a stock or product question must
   * name a product or a kind of one ("fe 7ad mawgood?" asks for a person, not for stock).
   */
  private boolean keepsTopic(String intent, TextView text, EntityExtractor.Found found) {
    if (!TOPIC_INTENTS.contains(intent) || !asksSomething(text)) {
      return false;
    }
    boolean aboutProducts =
        Intents.AVAILABILITY.equals(intent) || Intents.PRODUCT_INQUIRY.equals(intent);
    return !aboutProducts || !found.products().isEmpty() || asksCatalogue(text, found);
  }

  private static final java.util.Set<String> GRIEVANCE =
      java.util.Set.of(
          Intents.ORDER_STATUS,
          Intents.PRODUCT_INQUIRY,
          Intents.AVAILABILITY,
          Intents.ORDER,
          Intents.PAYMENT,
          Intents.OTHER,
          Intents.THANKS_GOODBYE);

  /** "Now" or "today" asked of the opening hours: "فاتحين دلوقتي؟", "are you open now?". */
  private static final Pattern NOW =
      Pattern.compile(
          "\\s(?:دلوقتي|دلوقت|دلوئتي|الان|حاليا|النهارده|النهاردا|اليوم|now|today|tonight|rn|delwa2ty|delwa2te|delwa2ti|dlw2ty|dlwa2ty|"
              + "elnaharda|ennaharda|naharda|elnahrda|el naharda)\\s");

  /**
   * Whether the shop is open at this moment, from the clock and the hours passage: "yes, open until
   * 11 pm", or "closed now, we open tomorrow at 10 am"; null when the passage states no hours the
   * persona can read.
   */
  private String openNow(Passage hoursPassage, Language lang) {
    OpeningHours hours = OpeningHours.parse(hoursPassage.en());
    if (!hours.known()) {
      return null;
    }
    OpeningHours.Status status =
        hours.at(java.time.ZonedDateTime.now(clock).withZoneSameInstant(OpeningHours.CAIRO));
    if (status.time() == null) {
      return null;
    }
    String time = clockTime(status.time(), lang);
    if (status.open()) {
      return ReplyTexts.get("openNow", lang, time);
    }
    String when =
        status.inDays() == 0
            ? ReplyTexts.get("today", lang)
            : status.inDays() == 1
                ? ReplyTexts.get("tomorrow", lang)
                : ReplyTexts.get("on" + status.day().name(), lang);
    return ReplyTexts.get("opensAt", lang, time, when);
  }

  /** "١١ بالليل", "11 pm", "11 bel leil": a time of day as the customer's form says it. */
  private static String clockTime(java.time.LocalTime t, Language lang) {
    int h = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
    String hour = h + (t.getMinute() == 0 ? "" : String.format(":%02d", t.getMinute()));
    String period = t.getHour() < 12 ? "morning" : t.getHour() < 17 ? "afternoon" : "evening";
    if (lang == Language.EN) {
      return hour + (t.getHour() < 12 ? " am" : " pm");
    }
    if (lang != Language.ARABIZI) {
      StringBuilder digits = new StringBuilder();
      hour.chars()
          .forEach(c -> digits.append(Character.isDigit(c) ? (char) ('٠' + c - '0') : (char) c));
      hour = digits.toString();
    }
    return ReplyTexts.get("time_" + period, lang, hour);
  }

  /** Two products set side by side: "الفرق ايه بين", "احسن", "which is better", "vs". */
  private static final Pattern COMPARE =
      Pattern.compile(
          "\\s(?:الفرق|فرق|والفرق|احسن|افضل|مقارنه|قارن|قارنلي|قارني|تقارن|اقارن|الافضل|الاحسن|انسب|افرق|"
              + "vs|versus|compare|comparison|compared|better|best|difference|differ|"
              + "far2|el far2|elfar2|fara2|el fara2|elfara2|a7san|ahsan|afdal|afdl|a7sn|mo2arna|2aren|aren|2arn|arn|2arenly|"
              + "arenly|2arenli|arenli|2arnly|arnly|2arinly|2arenlna|n2aren|te2aren|to2aren|"
              + "2arenholy|2arenhomly)\\s");

  /** Whether the text sets products side by side, in any of the four forms. */
  private static boolean compares(TextView text) {
    return COMPARE
        .matcher(
            " "
                + learnedKey(text)
                + " "
                + text.raw().toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ")
                + " ")
        .find();
  }

  /** A check-up or repair wanted: "i need a free checkup", "عايز افحص الموبايل", "me7tag fa7s". */
  private static final Pattern CHECKUP_WANTED =
      Pattern.compile(
          "\\s(?:need|want|book|like|عايز|عاوز|عايزه|محتاج|محتاجه|اريد|احتاج|ارغب|3ayez|3ayza|me7tag|me7taga|mehtag)\\s"
              + "(?:\\S+\\s){0,3}(?:checkup|check-up|check up|فحص|كشف|افحص|fa7s|kashf|diagnosis|inspection)\\s");

  /** Words that ask for a recommendation: "احسن", "best", "ترشحلي", "recommend". */
  private static final Pattern RECOMMEND =
      Pattern.compile(
          "(احسن|افضل|ترشح|رشح|انسب|تنصح|best|recommend|suggest|which phone|a7san|afdal|rasha7|"
              + "tensa7ny|tensa7ni|"
              // "is there one with a good camera (of these)?": "فيه حاجة كاميرتها حلوة من دول؟"
              + "فيه حاجه|في حاجه|فيه واحد|حاجه من دول|واحد من دول|fe 7aga|fi 7aga|fe haga|fe wa7ed|"
              + "anything with|something with|any with|one with)");

  /**
   * A shopping question the persona answers from the catalogue: a budget with a kind of product,
   * two products compared, or what a phone is wanted for.
   */
  private boolean shoppingQuestion(TextView text, EntityExtractor.Found found, PersonaTurn turn) {
    if (found.budget() != null
        && found.products().isEmpty()
        && (asksCatalogue(text, found)
            || PHONE_WORD.matcher(text.normalized()).find()
            || askedCategory(text) != null)) {
      return true;
    }
    if (found.products().size() >= 2 && compares(text)) {
      return true;
    }
    return found.products().isEmpty() && adviceAsked(text, turn);
  }

  /**
   * What the phone is wanted for, asked about phones: the text names a phone or a recommendation,
   * or it is a short answer while a phone is on show ("تصوير اكتر حاجة" after a comparison).
   */
  private boolean adviceAsked(TextView text, PersonaTurn turn) {
    if (ProductAdvice.of(text.normalized(), text.raw()).isEmpty()
        || topics.find(text, false).isPresent()
        || topics.notSold(text).isPresent()) {
      return false;
    }
    Product shown = contextProduct(turn);
    return PHONE_WORD.matcher(text.normalized()).find()
        || RECOMMEND.matcher(text.normalized() + " " + text.raw().toLowerCase(Locale.ROOT)).find()
        // "تصوير اكتر حاجة" answers; "الكاميرا حلوة؟" asks about the phone on show, answered first
        || text.tokens().size() <= 5
            && (shown == null ? !asksSomething(text) : "phone".equals(shown.category()));
  }

  /** The phones for the use the text names, best first, with what makes each good for it. */
  private Answer advice(
      TextView text, EntityExtractor.Found found, PersonaTurn turn, Language lang) {
    ProductAdvice.Use use = ProductAdvice.of(text.normalized(), text.raw()).orElse(null);
    if (use == null
        || !adviceAsked(text, turn)
        || asksCatalogue(text, found) && !PHONE_WORD.matcher(text.normalized()).find()) {
      return null;
    }
    List<Product> ranked =
        ProductAdvice.rank(
            playbook.products().stream()
                .filter(p -> "phone".equals(p.category()))
                .filter(this::forSale)
                .toList(),
            use,
            found.budget());
    if (ranked.isEmpty()) {
      return null;
    }
    boolean arabic = lang != Language.EN && lang != Language.ARABIZI;
    String useKey = "use" + use.name().charAt(0) + use.name().substring(1).toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder();
    Product shown = contextProduct(turn);
    if (shown != null
        && "phone".equals(shown.category())
        && asksSomething(text)
        // a budget the phone on show is outside of asks for other phones
        && (found.budget() == null || found.budget().admits(shown.priceEgp()))) {
      // "الكاميرا حلوة؟" after the A55's card: the A55's camera first, then the best for it
      String feature = ProductAdvice.feature(shown, use, arabic);
      if (!feature.isBlank()) {
        sb.append(
                ReplyTexts.get(
                        "compareLine",
                        lang,
                        productName(shown, arabic),
                        money(shown.priceEgp()),
                        feature)
                    .replaceFirst("^• ", ""))
            .append("\n\n");
      }
    }
    sb.append(ReplyTexts.get("adviceHead", lang, ReplyTexts.get(useKey, lang)));
    return useLines(sb, ranked, ranked.get(0), use, lang);
  }

  /**
   * Each product's line for a use (what of it speaks to the use, or its price) after what {@code
   * sb} holds, then the best of them for it, with "order" and "a person" to go on.
   */
  private Answer useLines(
      StringBuilder sb, List<Product> lines, Product best, ProductAdvice.Use use, Language lang) {
    boolean arabic = lang != Language.EN && lang != Language.ARABIZI;
    String useKey = "use" + use.name().charAt(0) + use.name().substring(1).toLowerCase(Locale.ROOT);
    for (Product p : lines) {
      String feature = ProductAdvice.feature(p, use, arabic);
      sb.append(sb.isEmpty() ? "" : "\n")
          .append(
              feature.isBlank()
                  ? "• "
                      + ReplyTexts.get("price", lang, productName(p, arabic), money(p.priceEgp()))
                  : ReplyTexts.get(
                      "compareLine", lang, productName(p, arabic), money(p.priceEgp()), feature));
    }
    sb.append('\n')
        .append(
            ReplyTexts.get(
                "adviceFollowUp", lang, productName(best, arabic), ReplyTexts.get(useKey, lang)));
    return new Answer(
        new PersonaReply(
            sb.toString(),
            List.of(opt("menu_order", "optOrder", lang), opt("menu_human", "optHuman", lang)),
            null,
            best.sku(),
            true),
        null);
  }

  /**
   * An instalment's amount asked: "قسط الايفون كام في الشهر؟", "monthly instalment of the S24?".
   */
  /**
   * Instalments asked in a word or two, of nothing named ("instalments?", "تقسيط؟", "وبالتقسيط؟",
   * "bel ta2seet?"): of the product on show, when there is one.
   */
  private boolean bareInstalments(TextView text) {
    return text.tokens().size() <= 3 && topics.findAll(text, true).size() == 1;
  }

  private boolean monthly(TextView text) {
    return MONTHLY
        .matcher(text.normalized() + " " + text.raw().toLowerCase(java.util.Locale.ROOT))
        .find();
  }

  /**
   * The monthly amounts of a product's instalments, by the playbook's {@code instalments} passage:
   * its months ("6 or 12 months") and the smallest order ("from 1,500 EGP"); its price divided by
   * each, rounded up to the pound; then the passage.
   */
  private Answer instalments(Product p, Language lang, PersonaTurn turn) {
    Passage terms = playbook.passage("instalments").orElse(null);
    if (terms == null || p.priceEgp() == null) {
      return Answer.of(
          passageText(playbook.passage("payment-methods").orElseThrow(), lang),
          opt("payment_link", "optPaymentLink", lang));
    }
    boolean arabic = lang != Language.EN && lang != Language.ARABIZI;
    List<Integer> months = new ArrayList<>();
    java.util.regex.Matcher m =
        Pattern.compile("((?:\\d{1,2}(?:\\s*,\\s*|\\s+or\\s+|\\s+and\\s+))*\\d{1,2})\\s+months")
            .matcher(terms.en());
    if (m.find()) {
      for (String n : m.group(1).split("\\D+")) {
        if (!n.isEmpty()) {
          months.add(Integer.parseInt(n));
        }
      }
    }
    java.util.regex.Matcher min = Pattern.compile("from ([\\d,]+) EGP").matcher(terms.en());
    BigDecimal minimum =
        min.find() ? new BigDecimal(min.group(1).replace(",", "")) : BigDecimal.ZERO;
    String name = productName(p, arabic);
    if (months.isEmpty()) {
      return Answer.of(passageText(terms, lang), opt("payment_link", "optPaymentLink", lang));
    }
    if (p.priceEgp().compareTo(minimum) < 0) {
      return new Answer(
          new PersonaReply(
              ReplyTexts.get(
                  "instalmentBelowMinimum", lang, name, money(p.priceEgp()), money(minimum)),
              List.of(orderOf(p, lang)),
              null,
              p.sku(),
              true),
          null);
    }
    // asked again right after the same answer: the amounts again without the terms, and the order
    // or a person offered, not the same paragraph
    String previous = lastBotText(turn);
    String head = ReplyTexts.get("instalmentHead", lang, name, money(p.priceEgp()));
    boolean again = previous != null && previous.contains(head);
    StringBuilder sb = new StringBuilder(head);
    months.stream()
        .sorted(java.util.Comparator.reverseOrder())
        .forEach(
            n ->
                sb.append('\n')
                    .append(
                        ReplyTexts.get(
                            n <= 10 ? "instalmentLineFew" : "instalmentLine",
                            lang,
                            String.valueOf(n),
                            money(
                                p.priceEgp()
                                    .divide(
                                        BigDecimal.valueOf(n),
                                        0,
                                        java.math.RoundingMode.CEILING)))));
    if (again) {
      sb.append("\n").append(ReplyTexts.get("instalmentAgain", lang));
    } else {
      sb.append("\n\n")
          .append(passageText(terms, lang))
          .append("\n")
          .append(ReplyTexts.get("instalmentHowTo", lang));
    }
    return new Answer(
        new PersonaReply(
            sb.toString(),
            List.of(orderOf(p, lang), opt("menu_human", "optHuman", lang)),
            null,
            p.sku(),
            true),
        null);
  }

  /** Each product's price on a line of its own ("• سعر ...: 1,199 جنيه."). */
  /**
   * Whether the product may be listed: not known to be sold out. A stock source that fails or is
   * slow tells nothing, and the product is listed as it was without one.
   */
  private boolean forSale(Product p) {
    return !soldOut(p);
  }

  /** The shop's stock says the product is sold out in every branch now. */
  private boolean soldOut(Product p) {
    try {
      return stock.availability(p.sku()) == ProductStock.Availability.OUT_OF_STOCK;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * A product asked for by name that is sold out: said plainly, with the nearest ones in stock (the
   * same kind, the closest prices) to order instead; whole as it is, so no card offers the sold-out
   * one.
   */
  private Answer soldOutAnswer(Product product, Language lang) {
    boolean arabic = lang != Language.EN && lang != Language.ARABIZI;
    List<Product> nearest =
        product.priceEgp() == null
            ? List.of()
            : playbook.products().stream()
                .filter(
                    p ->
                        !p.sku().equals(product.sku())
                            && p.priceEgp() != null
                            && product.category() != null
                            && product.category().equals(p.category()))
                .sorted(
                    java.util.Comparator.comparing(
                        (Product p) -> p.priceEgp().subtract(product.priceEgp()).abs()))
                .filter(this::forSale)
                .limit(2)
                .toList();
    StringBuilder sb =
        new StringBuilder(
            ReplyTexts.get(
                "soldOutNow",
                lang,
                productName(product, arabic),
                product.priceEgp() == null ? "" : money(product.priceEgp())));
    List<ReplyOption> options = new ArrayList<>();
    if (!nearest.isEmpty()) {
      sb.append('\n').append(ReplyTexts.get("soldOutNearest", lang));
      for (Product p : nearest) {
        sb.append("\n• ")
            .append(ReplyTexts.get("price", lang, productName(p, arabic), money(p.priceEgp())));
        // the tap orders that one, as "Order now" on its card would
        options.add(
            new ReplyOption(ORDER_BUTTON + ":" + p.sku(), buttonTitle(productName(p, arabic))));
      }
    } else {
      options.add(opt("menu_products", "optProducts", lang));
    }
    options.add(opt("menu_human", "optHuman", lang));
    return new Answer(
        new PersonaReply(sb.toString().strip(), options, null, product.sku(), true), null);
  }

  private static String priceLines(List<Product> products, Language lang, boolean arabic) {
    StringBuilder sb = new StringBuilder();
    products.forEach(
        p ->
            sb.append("• ")
                .append(ReplyTexts.get("price", lang, productName(p, arabic), money(p.priceEgp())))
                .append('\n'));
    return sb.toString().strip();
  }

  /** A whole answer about {@code offered}, with its "Order now" and "Talk to a person". */
  private static PersonaReply orderOrAPerson(String text, Product offered, Language replyIn) {
    return new PersonaReply(
        text,
        List.of(orderOf(offered, replyIn), opt("menu_human", "optHuman", replyIn)),
        null,
        offered.sku(),
        true);
  }

  /** "Order now" naming the product ({@code sales_order:<sku>}): the tap orders that one. */
  private static ReplyOption orderOf(Product p, Language lang) {
    return new ReplyOption(ORDER_BUTTON + ":" + p.sku(), ReplyTexts.get("optOrder", lang));
  }

  /**
   * Phones compared for a use the text names ("which has the better camera?", "ايهم بطاريته
   * احسن؟"): what of each speaks to it, and the better of them; null without a use or for other
   * kinds.
   */
  private Answer comparisonFor(List<Product> products, TextView text, Language lang) {
    ProductAdvice.Use use = ProductAdvice.of(text.normalized(), text.raw()).orElse(null);
    if (use == null
        || use == ProductAdvice.Use.VALUE
        || !products.stream().allMatch(p -> "phone".equals(p.category()) && p.priceEgp() != null)) {
      return null;
    }
    List<Product> ranked = ProductAdvice.rank(products, use, null);
    if (ranked.isEmpty()) {
      return null;
    }
    return useLines(
        new StringBuilder(),
        products.subList(0, Math.min(3, products.size())),
        ranked.get(0),
        use,
        lang);
  }

  /**
   * Two or three catalogue products side by side: each one's price and key specifications, which is
   * cheaper and by how much, and a question that helps the customer choose.
   */
  private Answer comparison(List<Product> products, Language lang) {
    boolean arabic = lang != Language.EN && lang != Language.ARABIZI;
    List<String> names = products.stream().map(p -> productName(p, arabic)).toList();
    StringBuilder sb =
        new StringBuilder(
            ReplyTexts.get(
                "compareHead", lang, String.join(ReplyTexts.get("compareAnd", lang), names)));
    for (Product p : products) {
      String specs = arabic ? p.specsAr() : p.specsEn();
      if (lang == Language.AR) {
        specs = specs.replace("لحد", "حتى"); // the catalogue's Arabic is Egyptian
      }
      sb.append('\n');
      if (specs.isBlank()) {
        sb.append("• ")
            .append(ReplyTexts.get("price", lang, productName(p, arabic), money(p.priceEgp())));
      } else {
        sb.append(
            ReplyTexts.get(
                "compareLine", lang, productName(p, arabic), money(p.priceEgp()), specs));
      }
    }
    List<Product> priced = products.stream().filter(p -> p.priceEgp() != null).toList();
    if (priced.size() == 2 && priced.get(0).priceEgp().compareTo(priced.get(1).priceEgp()) != 0) {
      Product cheap =
          priced.get(0).priceEgp().compareTo(priced.get(1).priceEgp()) < 0
              ? priced.get(0)
              : priced.get(1);
      Product dear = cheap == priced.get(0) ? priced.get(1) : priced.get(0);
      sb.append('\n')
          .append(
              ReplyTexts.get(
                  "compareCheaper",
                  lang,
                  productName(cheap, arabic),
                  money(dear.priceEgp().subtract(cheap.priceEgp()))));
    }
    // the phone's uses are asked of phones only; earbuds or watches compared are offered the order
    sb.append('\n')
        .append(
            ReplyTexts.get(
                products.stream().allMatch(p -> "phone".equals(p.category()))
                    ? "compareFollowUp"
                    : "compareFollowUpOther",
                lang));
    return new Answer(
        new PersonaReply(
            sb.toString(),
            List.of(opt("menu_order", "optOrder", lang), opt("menu_human", "optHuman", lang)),
            null,
            products.get(0).sku(),
            true),
        null);
  }

  /**
   * A catalogue product compared with a model the shop does not sell: that we don't have it, then
   * the product beside the nearest one we sell of that line; null when there is none besides the
   * product itself.
   */
  private Answer comparisonWithUnsold(Product product, ModelNames.Unsold unsold, Language lang) {
    Product nearest =
        unsold.nearest().stream()
            .filter(p -> !p.sku().equals(product.sku()))
            .filter(this::forSale)
            .findFirst()
            .orElse(null);
    if (nearest == null) {
      return null;
    }
    boolean latin = lang == Language.EN || lang == Language.ARABIZI;
    Answer compared = comparison(List.of(product, nearest), lang);
    PersonaReply r = compared.reply();
    return new Answer(
        new PersonaReply(
            ReplyTexts.get(
                    "modelNotSoldCompare",
                    lang,
                    latin ? unsold.nameEn() : unsold.nameAr(),
                    productName(nearest, !latin))
                + "\n"
                + r.text(),
            r.options(),
            r.listButtonText(),
            r.aboutProductSku(),
            r.branchesShown(),
            r.complete()),
        null);
  }

  /** "سلام", "salam ya basha": the one word that greets or takes leave, alone. */
  /** The Egyptian vocative ("يا جماعة", "ya m3alem") that addresses the one greeted. */
  private static final java.util.Set<String> VOCATIVE = java.util.Set.of("يا", "ya", "yaa");

  private static final Pattern BARE_SALAM =
      Pattern.compile(
          "(?:سلام|سلامو|سلامات|salam|salaam|slam|salamo|salamz|salamat|slm|slmo+|slamo+|salamo+)"
              + "(?: (?:يا|ya) \\S+)?");

  /** The DMN's "angry customer" threshold: as angry as that, the message is a complaint. */
  static final double ANGRY = -0.5;

  /**
   * How sure the learned handoff model must be to hand over a turn the readings and rules left to
   * the bot; a store question the playbook answers, a thanks or a hello needs more. Chosen on a
   * 5-fold cross-validation of the training messages and an outside-written development set
   * (docs/persona.md): lower thresholds found more of the customers due a person but handed over
   * questions the bot answers ("are you a bot?", "what's your return policy").
   */
  static final double HANDOFF_MODEL_DUE = 0.7;

  static final double HANDOFF_MODEL_DUE_ANSWERED = 0.9;

  /** Units that make an order wholesale when the catalogue cannot price it. */
  static final int BULK_QUANTITY = 10;

  /** A price asked per month: an instalment's amount, not the product's price. */
  private static final Pattern MONTHLY =
      Pattern.compile(
          "(في الشهر|فى الشهر|شهري|القسط|قسطه|قسطها|قسط .{0,40}كام|كام .{0,20}قسط|كل شهر|"
              + "monthly|a month|per month|each month|every month|installment of|instalment of|"
              + "fel shahr|f el shahr|kol shahr|2esto|2este|el 2est)");

  /** The product's price asked in so many words ("سعر", "بكام", "how much"; not "ضمان كام سنة"). */
  private static final Pattern PRICE_ASKED =
      Pattern.compile(
          "\\s(بكام|سعر|سعره|سعرها|السعر|اسعار|الاسعار|تمن|بكم|how much|price|prices|bkam|se3r|as3ar|b kam)\\s");

  private static final Pattern CHEAPER =
      Pattern.compile(
          "(ارخص|اوفر|اقل سعر|سعر اقل|cheaper|less expensive|lower price|ar5as|arkhas|ar5s|arkhs|ar7as|"
              // "في اقل؟", "fe a2al?": less, but not "أقل من ١٠ آلاف" (a budget)
              + "(?<![\\p{L}\\p{N}])(?:اقل|a2al|a2all|a2l)(?!\\s*(?:من|men|mn|min|than|\\d)))");

  /**
   * For "a cheaper one" ("في أرخص؟", "anything cheaper?"): the product it should be cheaper than,
   * the one the turn names or else the one the conversation is about; null when the turn asks no
   * such thing or names no reference.
   */
  private Product cheaperThan(TextView text, EntityExtractor.Found found, PersonaTurn turn) {
    if (!CHEAPER
        .matcher(text.normalized() + " " + text.raw().toLowerCase(java.util.Locale.ROOT))
        .find()) {
      return null;
    }
    if (!found.products().isEmpty()) {
      return found.products().get(0);
    }
    if (found.budget() != null) {
      // "أبحث عن هاتف بسعر أقل من عشرة آلاف جنيه" after the iPhone's card: a budget, not
      // cheaper than the iPhone
      return null;
    }
    String sku = turn.contextProductSku();
    return sku == null
        ? null
        : playbook.products().stream()
            .filter(p -> sku.equals(p.sku()) && p.priceEgp() != null)
            .findFirst()
            .orElse(null);
  }

  /** "Bigger", "أكبر", "akbar": more capacity asked ("بسعة أكبر", "higher capacity"). */
  private static final Pattern BIGGER =
      Pattern.compile(
          "(?<![\\p{L}])(?:اكبر|الاكبر|bigger|biggest|larger|largest|akbar|a kbar|2akbar)(?![\\p{L}])"
              + "|more capacity|higher capacity|سعه اعلي|سعه اكبر");

  private static final Pattern CAPACITY = Pattern.compile("(\\d[\\d,]*)\\s*mAh");

  /** A power bank's capacity in mAh from its English specifications; 0 when none is given. */
  private static int capacity(Product p) {
    if (p.specsEn() == null) {
      return 0;
    }
    java.util.regex.Matcher m = CAPACITY.matcher(p.specsEn());
    return m.find() ? Integer.parseInt(m.group(1).replace(",", "")) : 0;
  }

  /**
   * For "a bigger power bank" ("مفيش باور بانك أكبر؟", "fe power bank akbar?"): the power bank it
   * should be bigger than, the one named or else the one on show; null when the turn asks no such
   * thing. Capacity is what "bigger" means of a power bank alone (of a phone it may be the screen,
   * the storage or the battery).
   */
  private Product biggerThan(TextView text, EntityExtractor.Found found, PersonaTurn turn) {
    if (!BIGGER
        .matcher(text.normalized() + " " + text.raw().toLowerCase(java.util.Locale.ROOT))
        .find()) {
      return null;
    }
    Product reference =
        !found.products().isEmpty() ? found.products().get(0) : contextProduct(turn);
    return reference != null
            && "power".equals(reference.category())
            && reference.priceEgp() != null
            && capacity(reference) > 0
        ? reference
        : null;
  }

  /**
   * The power banks bigger than {@code reference}, or that it is the biggest we have (its capacity
   * said), with "Order now": a whole answer, the sales flows add no card.
   */
  private PersonaResult bigger(
      PersonaTurn turn,
      TextView text,
      Language language,
      Language replyIn,
      double confidence,
      EntityExtractor.Found found,
      Product reference) {
    boolean arabic = replyIn != Language.EN && replyIn != Language.ARABIZI;
    int least = capacity(reference);
    List<Product> bigger =
        playbook.products().stream()
            .filter(
                p ->
                    p.priceEgp() != null
                        && reference.category().equals(p.category())
                        && capacity(p) > least)
            .filter(this::forSale)
            .sorted(java.util.Comparator.comparingInt(EmbeddedPersona::capacity).reversed())
            .limit(3)
            .toList();
    Product biggest =
        playbook.products().stream()
            .filter(p -> p.priceEgp() != null && reference.category().equals(p.category()))
            .filter(this::forSale)
            .max(java.util.Comparator.comparingInt(EmbeddedPersona::capacity))
            .orElse(reference);
    StringBuilder sb = new StringBuilder();
    if (bigger.isEmpty()) {
      sb.append(
          ReplyTexts.get(
              "biggestPowerBank",
              replyIn,
              productName(biggest, arabic),
              String.format(java.util.Locale.ROOT, "%,d", capacity(biggest)),
              money(biggest.priceEgp())));
    } else {
      sb.append(ReplyTexts.get("biggerThan", replyIn, productName(reference, arabic))).append('\n');
      bigger.forEach(
          p ->
              sb.append("• ")
                  .append(
                      ReplyTexts.get("price", replyIn, productName(p, arabic), money(p.priceEgp())))
                  .append('\n'));
    }
    Product offered = bigger.isEmpty() ? biggest : bigger.get(0);
    PersonaReply reply = orderOrAPerson(sb.toString().strip(), offered, replyIn);
    return answered(turn, language, confidence, text, found, offered, reply);
  }

  /** A whole product answer about {@code about}: no handoff, no quantity, a product question. */
  private PersonaResult answered(
      PersonaTurn turn,
      Language language,
      double confidence,
      TextView text,
      EntityExtractor.Found found,
      Product about,
      PersonaReply reply) {
    return answered(
        turn, language, Intents.PRODUCT_INQUIRY, confidence, text, found, about, reply, null);
  }

  private PersonaResult answered(
      PersonaTurn turn,
      Language language,
      String intent,
      double confidence,
      TextView text,
      EntityExtractor.Found found,
      Product product,
      PersonaReply reply,
      String topic) {
    Sentiment mood = sentiment.analyze(text, false);
    Entities named = found.entities();
    // the product the answer is about (none for a repair of the customer's own phone); no
    // quantity: nothing was ordered
    Entities about =
        new Entities(
            product == null ? List.of() : List.of(product.nameEn()),
            null,
            named.dateTime(),
            named.reference(),
            named.amount());
    double sure = Math.max(confidence, 0.8);
    return new PersonaResult(
        language,
        intent,
        sure,
        mood,
        about,
        reply,
        false,
        null,
        summary(language, intent, sure, mood, found, false, null, turn.text()),
        topic);
  }

  /**
   * The playbook passages that say which phones a product works with ({@code ## compatibility-…}).
   */
  static final String COMPATIBILITY = "compatibility-";

  /** "Does it work with", "متوافقة مع", "yenfa3 m3": whether a product works with a phone. */
  private static final Pattern WORKS_WITH =
      Pattern.compile(
          "متوافق|يتوافق|تتوافق|التوافق|(?:بيشتغل|بتشتغل|يشتغل|تشتغل|تعمل|يعمل|ينفع|بينفع|تنفع|بتنفع|"
              + "بيركب|تركب|بتتوصل|تتوصل|يتوصل)\\s+(?:مع|علي|ب)|compatib|work(?:s|ing)? with|pair(?:s)? with|"
              + "connect(?:s)? (?:to|with)|support(?:s)? (?:android|iphone|samsung|ios)|"
              + "(?:yenfa3|tenfa3|byenfa3|btenfa3|yeshta8al|teshta8al|byeshta8al|bteshta8al|btshta8al|"
              + "yeshtaghal|teshtaghal|bteshtaghal|btshtaghal|yerkab|terkab)\\s+(?:m3|ma3|maa|3ala|3la)");

  /** A phone or its system the product is to work with. */
  private static final Pattern PLATFORM =
      Pattern.compile(
          "android|اندرويد|samsung|سامسونج|iphone|ايفون|ios|xiaomi|شاومي|oppo|اوبو|huawei|هواوي|"
              + "realme|ريلمي|infinix|انفينكس|honor|هونر|redmi|ريدمي|galaxy|جالاكسي");

  /**
   * "Does the Apple Watch SE work with Samsung?", "ال band 8 بتشتغل مع iPhone؟": the product's
   * price and the playbook's compatibility passage for it, with "Order now" of the product the
   * passage suggests for the customer's phone (or of the one asked); null when the turn asks no
   * such thing or the playbook says nothing of the product's compatibility.
   */
  private PersonaResult compatibility(
      PersonaTurn turn,
      TextView text,
      Language language,
      Language replyIn,
      double confidence,
      EntityExtractor.Found found) {
    String said = text.normalized() + " " + text.raw().toLowerCase(java.util.Locale.ROOT);
    if (!WORKS_WITH.matcher(said).find() || !PLATFORM.matcher(said).find()) {
      return null;
    }
    List<Product> candidates = new ArrayList<>(found.products());
    Product shown = contextProduct(turn);
    if (shown != null) {
      candidates.add(shown);
    }
    for (Product asked : candidates) {
      Passage passage =
          playbook.passages().stream()
              .filter(p -> p.id().startsWith(COMPATIBILITY))
              .filter(p -> p.en() != null && p.en().contains(asked.nameEn()))
              .filter(
                  p ->
                      p.en().indexOf(asked.nameEn())
                          == playbook.products().stream()
                              .filter(o -> o.nameEn() != null && p.en().contains(o.nameEn()))
                              .mapToInt(o -> p.en().indexOf(o.nameEn()))
                              .min()
                              .orElse(-1))
              .findFirst()
              .orElse(null);
      if (passage == null) {
        continue;
      }
      boolean arabic = replyIn != Language.EN && replyIn != Language.ARABIZI;
      // the product the passage suggests instead (named after the one asked), if any
      Product suggested =
          playbook.products().stream()
              .filter(o -> o != asked && o.nameEn() != null && passage.en().contains(o.nameEn()))
              .filter(this::forSale)
              .min(java.util.Comparator.comparingInt(o -> passage.en().indexOf(o.nameEn())))
              .orElse(null);
      StringBuilder sb = new StringBuilder(passageText(passage, replyIn)).append("\n\n");
      Product offered = suggested != null ? suggested : asked;
      for (Product p : suggested == null ? List.of(asked) : List.of(asked, suggested)) {
        if (p.priceEgp() != null) {
          sb.append("• ")
              .append(ReplyTexts.get("price", replyIn, productName(p, arabic), money(p.priceEgp())))
              .append('\n');
        }
      }
      sb.append(ReplyTexts.get("orderWhich", replyIn, productName(offered, arabic)));
      PersonaReply reply = orderOrAPerson(sb.toString().strip(), offered, replyIn);
      return answered(turn, language, confidence, text, found, asked, reply);
    }
    return null;
  }

  private static final Pattern SCREEN_WORD =
      Pattern.compile("شاشه|الشاشه|شاشتي|شاشته|شاشتها|screen|shasha|el shasha|display");

  private static final Pattern BATTERY_WORD =
      Pattern.compile("بطاريه|البطاريه|بطاريته|battery|batteries|batarya|baatarya|el battery");

  /**
   * A repair asked of a phone model the repair price list (the playbook's {@code repairs} passage)
   * gives no price for ("my iPhone 13 screen is cracked, how much?", then "I said iPhone 13, not
   * 15"): said so, and a free check-up offered, where the repair centre quotes it. Never another
   * model's price, and never "we don't sell it": the phone is the customer's own. Null when the
   * turn is no repair question, names no phone model, or the list has its price.
   */
  private PersonaResult unlistedRepair(
      PersonaTurn turn,
      TextView text,
      Language language,
      Language replyIn,
      double confidence,
      EntityExtractor.Found found) {
    Passage repairs = playbook.passage(StoreTopics.REPAIRS.passageId()).orElse(null);
    if (repairs == null || repairs.en() == null) {
      return null;
    }
    String said = text.normalized() + " " + text.raw().toLowerCase(java.util.Locale.ROOT);
    boolean screen = SCREEN_WORD.matcher(said).find();
    boolean battery = BATTERY_WORD.matcher(said).find();
    boolean repairAsked =
        topics.findAll(text, !found.products().isEmpty()).contains(StoreTopics.REPAIRS)
            // "I said iPhone 13, not 15" right after a repair's answer: the same repair
            || StoreTopics.REPAIRS.passageId().equals(turn.contextTopic())
                && text.tokens().size() <= 10
                && !WANT.matcher(" " + text.normalized() + " ").find()
                && (screen || battery || SAID_NOT.matcher(" " + said + " ").find());
    if (!repairAsked) {
      return null;
    }
    String nameEn;
    String nameAr;
    String brand;
    if (!found.unsold().isEmpty()) {
      ModelNames.Unsold unsold = found.unsold().get(0);
      nameEn = unsold.nameEn();
      nameAr = unsold.nameAr();
      brand = unsold.nameEn().split(" ")[0];
    } else if (!found.products().isEmpty() && "phone".equals(found.products().get(0).category())) {
      Product phone = found.products().get(0);
      nameEn = SIZE_SUFFIX.matcher(phone.nameEn()).replaceAll("").strip();
      nameAr = productName(phone, true);
      brand = brandOf(phone);
    } else {
      return null;
    }
    String list = repairs.en().toLowerCase(java.util.Locale.ROOT);
    String model = nameEn.toLowerCase(java.util.Locale.ROOT);
    String maker = brand == null ? "" : brand.toLowerCase(java.util.Locale.ROOT);
    boolean priced =
        screen
            ? list.contains(model + " screen")
            : battery
                ? list.contains(model + " batter")
                    || !maker.isEmpty() && list.contains(maker + " batter")
                : false;
    if (priced) {
      return null; // the list's price answers it
    }
    String what =
        switch (replyIn) {
          case EN -> nameEn + (screen ? " screen" : battery ? " battery" : "");
          case ARABIZI -> (screen ? "shashet el " : battery ? "battery el " : "") + nameEn;
          default -> (screen ? "شاشة " : battery ? "بطارية " : "") + nameAr;
        };
    PersonaReply reply =
        new PersonaReply(
            ReplyTexts.get("repairNotListed", replyIn, what),
            List.of(
                opt("menu_booking_new", "optFreeCheckup", replyIn),
                opt("menu_human", "optHuman", replyIn)),
            null,
            null,
            true);
    return answered(
        turn,
        language,
        StoreTopics.REPAIRS.intent(),
        confidence,
        text,
        found,
        null,
        reply,
        StoreTopics.REPAIRS.passageId());
  }

  /** "I said X, not Y", "قلت ١٣ مش ١٥", "2olt 13 msh 15": a correction of the model named. */
  private static final Pattern SAID_NOT =
      Pattern.compile(
          "(?<![\\p{L}])(?:i said|i meant|said|not|قلت|بقول|قصدي|اقصد|مش|ليس|وليس|لا|2olt|olt|msh|mesh|mish)(?![\\p{L}])");

  /** A repair's price asked: "بكام", "how much", "cost", "تكلفة", "b kam". */
  private static final Pattern REPAIR_PRICE_ASKED =
      Pattern.compile(
          "\\s(بكام|سعر|سعرها|تمن|بكم|كام|تكلفه|تكلف|يكلف|how much|price|cost|costs|bkam|b kam|se3r|kam)[\\s?؟]");

  private static final Pattern SIZE_SUFFIX = Pattern.compile("\\s*\\d+\\s*(?:GB|TB)$");

  /**
   * The catalogue products the bot's last message listed ("• X is 1,199 EGP" lines), in their
   * order; empty when it listed none.
   */
  private List<Product> listedInLastReply(PersonaTurn turn) {
    String last = lastBotText(turn);
    return last == null ? List.of() : listedIn(last);
  }

  /** The text of the bot's latest message before this turn, or null. */
  private static String lastBotText(PersonaTurn turn) {
    List<TranscriptLine> lines = turn.recentTranscript();
    for (int i = lines.size() - 1; i >= 0; i--) {
      TranscriptLine line = lines.get(i);
      if (!line.fromCustomer() && line.person() == null && line.text() != null) {
        if (line.text().isBlank()) {
          continue;
        }
        return line.text();
      }
    }
    return null;
  }

  /** A product's name as a button's title (20 characters at most), cut between words. */
  private static String buttonTitle(String name) {
    if (name.length() <= 20) {
      return name;
    }
    String cut = name.substring(0, 20);
    int space = cut.lastIndexOf(' ');
    return (space > 8 ? cut.substring(0, space) : cut).strip();
  }

  /** The bot's last message asked which of the listed products the customer orders. */
  private static boolean askedWhichOfThem(PersonaTurn turn) {
    String last = lastBotText(turn);
    return last != null
        && java.util.stream.Stream.of(Language.AR_EG, Language.AR, Language.ARABIZI, Language.EN)
            .anyMatch(l -> last.startsWith(ReplyTexts.get("whichOfThese", l)));
  }

  /**
   * "Which of them would you like to order?" with the listed products again, each an order button
   * (sales_order:sku): the tap orders that one.
   */
  private PersonaResult whichOfThem(
      PersonaTurn turn,
      Language language,
      Language replyIn,
      List<Product> listed,
      EntityExtractor.Found found) {
    boolean arabic = replyIn != Language.EN && replyIn != Language.ARABIZI;
    StringBuilder sb = new StringBuilder(ReplyTexts.get("whichOfThese", replyIn)).append('\n');
    List<ReplyOption> options = new ArrayList<>();
    for (Product p : listed.stream().limit(10).toList()) {
      sb.append("• ")
          .append(ReplyTexts.get("price", replyIn, productName(p, arabic), money(p.priceEgp())))
          .append('\n');
      String title = productName(p, arabic);
      options.add(new ReplyOption(ORDER_BUTTON + ":" + p.sku(), buttonTitle(title)));
    }
    Sentiment mood = sentiment.analyze(TextView.of(turn.text()));
    PersonaReply reply =
        new PersonaReply(
            sb.toString().strip(), options, ReplyTexts.get("optOrder", replyIn), null, true);
    return new PersonaResult(
        language,
        Intents.ORDER,
        0.9,
        mood,
        found.entities(),
        reply,
        false,
        null,
        summary(language, Intents.ORDER, 0.9, mood, found, false, null, turn.text()));
  }

  /**
   * Up to three products of the same kind, cheaper than the reference, dearest first; the reply
   * names no product to look up, so the sales flows leave it to this answer.
   */
  private PersonaResult cheaper(
      PersonaTurn turn,
      TextView text,
      Language language,
      Language replyIn,
      double confidence,
      EntityExtractor.Found found,
      Product reference) {
    boolean arabic = replyIn != Language.EN && replyIn != Language.ARABIZI;
    List<Product> cheaper =
        playbook.products().stream()
            .filter(
                p ->
                    p.priceEgp() != null
                        && reference.category().equals(p.category())
                        && p.priceEgp().compareTo(reference.priceEgp()) < 0)
            .filter(this::forSale)
            .sorted((a, b) -> b.priceEgp().compareTo(a.priceEgp()))
            .limit(3)
            .toList();
    StringBuilder sb = new StringBuilder();
    if (cheaper.isEmpty()) {
      sb.append(ReplyTexts.get("cheapest", replyIn, productName(reference, arabic)));
    } else {
      sb.append(ReplyTexts.get("cheaperThan", replyIn, productName(reference, arabic)))
          .append('\n');
      cheaper.forEach(
          p ->
              sb.append("• ")
                  .append(
                      ReplyTexts.get("price", replyIn, productName(p, arabic), money(p.priceEgp())))
                  .append('\n'));
    }
    Sentiment mood = sentiment.analyze(text);
    Entities named = found.entities();
    Entities none =
        new Entities(
            List.of(), named.quantity(), named.dateTime(), named.reference(), named.amount());
    PersonaReply reply =
        new PersonaReply(
            sb.toString().strip(),
            cheaper.isEmpty()
                ? List.of(opt("menu_human", "optHuman", replyIn))
                : List.of(
                    opt("menu_order", "optOrder", replyIn), opt("menu_human", "optHuman", replyIn)),
            null,
            (cheaper.isEmpty() ? reference : cheaper.get(0)).sku());
    double sure = Math.max(confidence, 0.8);
    return new PersonaResult(
        language,
        Intents.PRODUCT_INQUIRY,
        sure,
        mood,
        none,
        reply,
        false,
        null,
        summary(language, Intents.PRODUCT_INQUIRY, sure, mood, found, false, null, turn.text()));
  }

  /**
   * The answer to a store question, and to a second one asked in the same message ("open today?
   * where's the branch?").
   */
  /**
   * A kind the shop does not sell named beside a store question: "we don't repair laptops" and what
   * the repair centre does, or "we don't sell X" and the other question's answer.
   */
  private Answer notSoldWithTopic(
      StoreTopics.NotSold notSold, StoreTopics.Topic topic, TextView text, Language lang) {
    boolean latin = lang == Language.EN || lang == Language.ARABIZI;
    Answer passage = topicsAnswer(topic, text, false, lang);
    String rest = passage.reply() == null ? "" : passage.reply().text();
    if (topic == StoreTopics.REPAIRS) {
      return new Answer(
          new PersonaReply(
              ReplyTexts.get("notRepaired", lang, latin ? notSold.en() : notSold.ar())
                  + "\n"
                  + rest,
              passage.reply() == null ? List.of() : passage.reply().options(),
              null,
              PersonaReply.NO_PRODUCT),
          passage.handoffReason());
    }
    Answer first = notSoldAnswer(notSold, lang);
    PersonaReply r = first.reply();
    return new Answer(
        new PersonaReply(
            r.text() + "\n\n" + rest, r.options(), r.listButtonText(), r.aboutProductSku()),
        passage.handoffReason());
  }

  /**
   * A fault in something the customer has: the warranty passage, the repair centre's, and the way
   * on (a repair to book, a person to reach). The reply is whole: no sales flow answers it with the
   * product's card.
   */
  private Answer ownedFaultAnswer(Language lang) {
    StringBuilder sb = new StringBuilder();
    for (StoreTopics.Topic t : List.of(StoreTopics.WARRANTY, StoreTopics.REPAIRS)) {
      playbook
          .passage(t.passageId())
          .ifPresent(p -> sb.append(passageText(p, lang)).append("\n\n"));
    }
    sb.append(ReplyTexts.get("ownedFaultNext", lang));
    return new Answer(
        new PersonaReply(
            sb.toString(),
            List.of(opt("menu_booking", "optBooking", lang), opt("menu_human", "optHuman", lang)),
            null,
            PersonaReply.NO_PRODUCT,
            null,
            true),
        null);
  }

  private Answer topicsAnswer(
      StoreTopics.Topic topic, TextView text, boolean namesAProduct, Language lang) {
    List<StoreTopics.Topic> asked = topics.findAll(text, namesAProduct);
    if (topic == StoreTopics.DELIVERY_FEES
        && asked.stream().allMatch(t -> t == StoreTopics.DELIVERY_FEES)
        && StoreTopics.townWithoutBranch(text).isEmpty()) {
      // "w Alex?" after the fee to Cairo, "delivery to Alexandria?": that city's fee and days
      Answer branchTown =
          StoreTopics.branchTown(text).map(t -> townAnswer(t, false, lang)).orElse(null);
      if (branchTown != null) {
        return branchTown;
      }
    }
    StoreTopics.Town town =
        asked.contains(StoreTopics.BRANCHES) || asked.contains(StoreTopics.DELIVERY_FEES)
            ? StoreTopics.townWithoutBranch(text).orElse(null)
            : null;
    Answer townAnswer =
        town == null ? null : townAnswer(town, asked.contains(StoreTopics.BRANCHES), lang);
    if (townAnswer != null
        && asked.stream()
            .allMatch(t -> t == StoreTopics.BRANCHES || t == StoreTopics.DELIVERY_FEES)) {
      return townAnswer;
    }
    Answer first = topicAnswer(topic, text, lang);
    if (topic == StoreTopics.DELIVERY_FEES
        && topics.deliveryAbroad(text)
        && first.reply() != null) {
      // "do you ship to Saudi Arabia?": no, within Egypt only; then where and for how much
      PersonaReply r = first.reply();
      first =
          new Answer(
              new PersonaReply(
                  ReplyTexts.get("deliveryEgyptOnly", lang) + "\n" + r.text(),
                  r.options(),
                  r.listButtonText(),
                  r.aboutProductSku()),
              first.handoffReason());
    }
    StoreTopics.Topic second =
        topics.findAll(text, namesAProduct).stream()
            .filter(t -> t != topic)
            .findFirst()
            .orElse(null);
    if (second == null) {
      return first;
    }
    Answer more = topicAnswer(second, text, lang);
    return new Answer(
        new PersonaReply(
            first.reply().text() + "\n\n" + more.reply().text(),
            first.reply().options(),
            first.reply().listButtonText()),
        first.handoffReason());
  }

  /** "Delta and Canal cities (Mansoura, Tanta, …) 85 EGP, 2-3 days": one zone of the fees. */
  private static final Pattern ZONE =
      Pattern.compile("\\(([^)]*)\\)\\s*([\\d,]+) EGP, ([\\d-]+) (?:working )?days");

  /**
   * A city without a branch ("عندكو فرع في طنطا؟", "delivery to aswan?"): that there is no branch
   * there and which is nearest (for a branch question), then the delivery to that city with its fee
   * and days from the delivery passage, and the free-delivery threshold; null when the passage does
   * not list the city.
   */
  private Answer townAnswer(StoreTopics.Town town, boolean branchAsked, Language lang) {
    Passage fees = playbook.passage(StoreTopics.DELIVERY_FEES.passageId()).orElse(null);
    if (fees == null) {
      return null;
    }
    java.util.regex.Matcher zone = ZONE.matcher(fees.en());
    String fee = null;
    String days = null;
    while (zone.find()) {
      if (zone.group(1).contains(town.en())) {
        fee = zone.group(2);
        days = zone.group(3);
        break;
      }
    }
    if (fee == null) {
      // a city the passage names outside a zone's brackets: "Alexandria 70 EGP, 1-2 days"
      java.util.regex.Matcher own =
          Pattern.compile(
                  Pattern.quote(town.en()) + "[^;:()]*?([\\d,]+) EGP, ([\\d-]+) (?:working )?days")
              .matcher(fees.en());
      if (own.find()) {
        fee = own.group(1);
        days = own.group(2);
      }
    }
    if (fee == null) {
      return null;
    }
    java.util.regex.Matcher free =
        Pattern.compile("free on orders over ([\\d,]+) EGP").matcher(fees.en());
    String over = free.find() ? free.group(1) : null;
    String name =
        switch (lang) {
          case EN -> town.en();
          case ARABIZI -> town.arabizi();
          default -> town.ar();
        };
    StringBuilder sb = new StringBuilder();
    if (branchAsked) {
      sb.append(ReplyTexts.get("noBranchIn", lang, name)).append(' ');
      playbook
          .passage("branch-" + town.nearestBranch())
          .ifPresent(
              p -> sb.append(ReplyTexts.get("nearestBranch", lang)).append(passageText(p, lang)));
      sb.append("\n\n");
    }
    boolean arabic = lang != Language.EN && lang != Language.ARABIZI;
    // "للمنصورة", "لطنطا": the Egyptian preposition joins the city's name
    String toName = name.startsWith("ال") ? "ل" + name.substring(1) : "ل" + name;
    sb.append(
        ReplyTexts.get(
            "deliveryToTown",
            lang,
            name,
            arabic ? indicDigits(fee) : fee,
            arabic ? indicDigits(days) : days,
            toName));
    if (over != null) {
      sb.append(' ')
          .append(ReplyTexts.get("freeDeliveryOver", lang, arabic ? indicDigits(over) : over));
    }
    return new Answer(
        new PersonaReply(
            sb.toString().strip(),
            List.of(),
            null,
            null,
            branchAsked ? town.nearestBranch() : null,
            false),
        null);
  }

  /** "85" as the Arabic passages write it: "٨٥"; "3,000" as "٣٠٠٠". */
  private static String indicDigits(String latin) {
    StringBuilder out = new StringBuilder();
    for (char c : latin.toCharArray()) {
      if (c >= '0' && c <= '9') {
        out.append((char) ('٠' + (c - '0')));
      } else if (c != ',') {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A store-information question: its passage, for branches only the city asked about. */
  private Answer topicAnswer(StoreTopics.Topic topic, TextView text, Language lang) {
    if (topic == StoreTopics.OFFERS) {
      return Answer.of(ReplyTexts.get("offers", lang)); // the playbook names no offer
    }
    if (topic == StoreTopics.NOT_IN_PLAYBOOK) {
      return Answer.of(ReplyTexts.get("notInPlaybook", lang)); // said plainly, no guess
    }
    if (topic == StoreTopics.MARKETING_OPT_OUT) {
      return Answer.of(ReplyTexts.get("optOutOfOffers", lang));
    }
    if (topic == StoreTopics.DATA_CONSENT) {
      return Answer.of(ReplyTexts.get("consentNoted", lang));
    }
    String id = topic.passageId();
    if (topic == StoreTopics.BRANCHES) {
      String city = StoreTopics.city(text);
      id = city == null ? id : "branch-" + city;
    }
    Passage p = playbook.passage(id).or(() -> playbook.passage(topic.passageId())).orElse(null);
    if (p == null) {
      return fromPlaybook(text, topic.intent(), lang, true);
    }
    if (topic == StoreTopics.HOURS && NOW.matcher(" " + learnedKey(text) + " ").find()) {
      // "انتو فاتحين دلوقتي؟": open now or when we open, from the clock, then the hours
      String now = openNow(p, lang);
      if (now != null) {
        return Answer.of(now + "\n" + passageText(p, lang));
      }
    }
    if (topic == StoreTopics.WHO) {
      // "am i talking to a real person or a bot?": Nour says what she is, and a person is a tap
      // away, never called unasked
      return Answer.of(passageText(p, lang), opt("menu_human", "optHuman", lang));
    }
    return Intents.PAYMENT.equals(topic.intent())
        ? Answer.of(passageText(p, lang), opt("payment_link", "optPaymentLink", lang))
        : Answer.of(passageText(p, lang));
  }

  /**
   * A store question asked with a product's price in the same message ("bkam el S24 w 3aleh
   * daman?", "سعر S24 وهل يتوفر بالتقسيط؟"): the price first, then the passage; the product becomes
   * what "order it" refers to.
   */
  private Answer withPrices(
      Answer topicAnswer, TextView text, EntityExtractor.Found found, Language lang) {
    if (found.products().isEmpty()
        || !ASKS_PRICE.matcher(" " + text.normalized() + " ").find()
        || topicAnswer.reply() == null) {
      return topicAnswer;
    }
    boolean arabic = lang != Language.EN && lang != Language.ARABIZI;
    StringBuilder sb = new StringBuilder();
    found.products().stream()
        .filter(p -> p.priceEgp() != null)
        .forEach(
            p ->
                sb.append(
                        ReplyTexts.get("price", lang, productName(p, arabic), money(p.priceEgp())))
                    .append('\n'));
    if (sb.length() == 0) {
      return topicAnswer;
    }
    PersonaReply r = topicAnswer.reply();
    // "Order now" names the product priced, as an offer's does: the tap orders it, not "which
    // product?"
    ReplyOption order =
        new ReplyOption(
            ORDER_BUTTON + ":" + found.products().get(0).sku(), ReplyTexts.get("optOrder", lang));
    List<ReplyOption> options = new ArrayList<>(r.options());
    options.removeIf(o -> o.id().equals("menu_order"));
    options.add(0, order);
    return new Answer(
        new PersonaReply(
            sb + "\n" + r.text(),
            options.stream().limit(3).toList(),
            r.listButtonText(),
            found.products().get(0).sku(),
            true),
        topicAnswer.handoffReason());
  }

  /**
   * "Do you have the iPhone 16 Pro Max?": we don't, said so, with the catalogue's nearest models
   * and their prices (the first becomes what "order it" refers to).
   */
  private Answer unsoldModelAnswer(ModelNames.Unsold unsold, Language lang) {
    boolean latin = lang == Language.EN || lang == Language.ARABIZI;
    StringBuilder sb =
        new StringBuilder(
                ReplyTexts.get("modelNotSold", lang, latin ? unsold.nameEn() : unsold.nameAr()))
            .append('\n');
    // the nearest models in stock
    List<Product> nearest = unsold.nearest().stream().filter(this::forSale).toList();
    nearest.forEach(
        p ->
            sb.append("• ")
                .append(ReplyTexts.get("price", lang, productName(p, !latin), money(p.priceEgp())))
                .append('\n'));
    sb.append(ReplyTexts.get("notSoldNearestAsk", lang));
    return new Answer(
        new PersonaReply(
            sb.toString().strip(),
            List.of(opt("menu_order", "optOrder", lang), opt("menu_human", "optHuman", lang)),
            null,
            nearest.isEmpty() ? null : nearest.get(0).sku()),
        null);
  }

  /** A price asked ("بكام", "سعر", "أسعار", "how much", "bkam"). */
  private static final Pattern ASKS_PRICE =
      Pattern.compile(
          "\\s(بكام|كام|سعر|سعره|سعرها|السعر|اسعار|الاسعار|تمن|بكم|how much|price|prices|cost|bkam|kam|se3r|as3ar)\\s");

  /** Accessories named with a phone model ("شاحن ايفون 11"): the phone is what it is for. */
  private static final Pattern ACCESSORY_WORD =
      Pattern.compile(
          "(شاحن|جراب|كابل|سكرينه|اسكرينه|لزقه|charger|case|cover|cable|protector|shahen|sha7en|gorab|شاشه|بطاريه|screen|battery)");

  /**
   * "We don't sell tablets": with the catalogue's nearest products where one is close (their
   * prices, and they become what "order it" refers to), else the kinds of products the shop has.
   */
  private Answer notSoldAnswer(StoreTopics.NotSold notSold, Language lang) {
    boolean latin = lang == Language.EN || lang == Language.ARABIZI;
    String what = latin ? notSold.en() : notSold.ar();
    List<Product> nearest =
        notSold.nearest().stream()
            .flatMap(
                sku ->
                    playbook.products().stream()
                        .filter(p -> sku.equals(p.sku()) && p.priceEgp() != null))
            .filter(this::forSale)
            .toList();
    if (!nearest.isEmpty()) {
      StringBuilder sb =
          new StringBuilder(ReplyTexts.get("notSoldNearest", lang, what)).append('\n');
      nearest.forEach(
          p ->
              sb.append("• ")
                  .append(
                      ReplyTexts.get("price", lang, productName(p, !latin), money(p.priceEgp())))
                  .append('\n'));
      sb.append(ReplyTexts.get("notSoldNearestAsk", lang));
      return new Answer(
          new PersonaReply(
              sb.toString().strip(),
              List.of(opt("menu_order", "optOrder", lang), opt("menu_human", "optHuman", lang)),
              null,
              nearest.get(0).sku()),
          null);
    }
    return new Answer(
        new PersonaReply(
            ReplyTexts.get("notSold", lang, what),
            List.of(opt("menu_products", "optProducts", lang), opt("menu_human", "optHuman", lang)),
            null,
            PersonaReply.NO_PRODUCT),
        null);
  }

  /**
   * Categories in the order they are tried: a phone word is often only what an accessory is for
   * ("شاحن للموبايل", "a phone case"), so the accessories come first and phones last; an ordered
   * map keeps the choice the same from run to run.
   */
  private static final java.util.Map<String, Pattern> CATEGORIES =
      ordered(
          java.util.Map.entry(
              "charger", Pattern.compile("(^|\\s)(شاحن|شواحن|chargers?|shahen|sha7en)")),
          java.util.Map.entry("power", Pattern.compile("(^|\\s)(باور بانك|power ?banks?)")),
          java.util.Map.entry("cable", Pattern.compile("(^|\\s)(كابل|كابلات|وصله|cables?)")),
          java.util.Map.entry(
              "case",
              Pattern.compile(
                  "(^|\\s)(جراب|جرابات|cases|covers?|screen protectors?|اسكرينه|سكرينه)")),
          java.util.Map.entry(
              "watch",
              Pattern.compile(
                  "(^|\\s)(ساعه ذكيه|ساعات ذكيه|ساعه سمارت|ساعات سمارت|سمارت واتش|smart ?watch(es)?|watches|"
                      // "عندكم ساعات؟": watches asked for; "ساعات العمل" stays the hours
                      + "(?:عندكم|عندكو|عندك|لديكم|لديك|فيه|في|بتبيعوا|بتبيعو|تبيعون|تبيعوا|انواع|اشكال)"
                      + " (?:ال)?ساعات(?!\\s*(?:عمل|العمل|الدوام|دوام|الشغل|شغل|فتح|الفتح|كام|ايه))|"
                      + "سمارت باند|smart ?bands?|sa3a smart|sa3at smart|smart sa3a|sa3at zakeya|sa3a zakeya)")),
          java.util.Map.entry(
              "audio",
              Pattern.compile(
                  "(^|\\s)(سماع|ال سماع|هيدفون|ايربود|earphones?|headphones?|earbuds|headsets?|speakers?|sama3|sma3|samaat|samat|sammaat|سبيكر)")),
          java.util.Map.entry(
              "phone",
              Pattern.compile(
                  "(^|\\s)(موبايل|موبيل|تليفون|تلفون|هاتف|هواتف|جوال|phones?|mobiles?|smartphones?|mobayl|mobil|telefon)")));

  /**
   * Where a brand's name starts: a word's start, with a conjunction or preposition written onto it
   * ("والشاومي", "بالسامسونج").
   */
  private static final String BRAND_START = "(^|\\s)(?:و|ف|ب|ل|وب|ول|فال|وال|بال|لل|ال)?";

  private static final java.util.Map<String, Pattern> BRANDS =
      ordered(
          java.util.Map.entry(
              "Samsung",
              Pattern.compile(
                  BRAND_START + "(سامسون|ال سامسون|سامسونح|samsung|samsong|galaxy|جالاكسي)")),
          java.util.Map.entry(
              "Apple", Pattern.compile(BRAND_START + "(ابل|apple|ايفون|iphone|ايربودز|airpods)")),
          java.util.Map.entry(
              "Xiaomi", Pattern.compile(BRAND_START + "(شاومي|xiaomi|redmi|ريدمي)")),
          java.util.Map.entry("Oppo", Pattern.compile(BRAND_START + "(اوبو|oppo)")),
          java.util.Map.entry("Anker", Pattern.compile(BRAND_START + "(انكر|anker)")),
          java.util.Map.entry("JBL", Pattern.compile(BRAND_START + "(jbl|جي بي ال)")),
          java.util.Map.entry("Oraimo", Pattern.compile(BRAND_START + "(اورايمو|oraimo)")));

  @SafeVarargs
  private static java.util.Map<String, Pattern> ordered(
      java.util.Map.Entry<String, Pattern>... entries) {
    java.util.Map<String, Pattern> map = new java.util.LinkedHashMap<>();
    for (java.util.Map.Entry<String, Pattern> e : entries) {
      map.put(e.getKey(), e.getValue());
    }
    return java.util.Collections.unmodifiableMap(map);
  }

  /**
   * The catalogue's products for a category, brand and/or budget question; null when the text names
   * none of them.
   */
  private List<Product> catalogueQuery(TextView text, EntityExtractor.Found found) {
    return catalogueQuery(text, found, true);
  }

  /**
   * The first product of the question's category, brand or budget when there are some and every one
   * is sold out; else null.
   */
  private Product firstSoldOut(TextView text, EntityExtractor.Found found) {
    if (catalogueQuery(text, found) != null) {
      return null;
    }
    List<Product> all = catalogueQuery(text, found, false);
    return all == null || all.isEmpty() ? null : all.get(0);
  }

  /**
   * Whether the text asks the catalogue for a category, brand or budget: what the turn is read as,
   * whatever of it is in stock now.
   */
  private boolean asksCatalogue(TextView text, EntityExtractor.Found found) {
    return catalogueQuery(text, found, false) != null;
  }

  /** The products of the question; with {@code inStock}, only those not sold out. */
  private List<Product> catalogueQuery(
      TextView text, EntityExtractor.Found found, boolean inStock) {
    String s = text.normalized() + " " + String.join(" ", text.stems());
    String category =
        CATEGORIES.entrySet().stream()
            .filter(e -> e.getValue().matcher(s).find())
            .map(java.util.Map.Entry::getKey)
            .findFirst()
            .orElse(null);
    String brand =
        BRANDS.entrySet().stream()
            .filter(e -> e.getValue().matcher(s).find())
            .map(java.util.Map.Entry::getKey)
            .findFirst()
            .orElse(null);
    app.wasla.persona.nlp.Budget.Range budget = budgetOf(found);
    if (category == null && brand == null) {
      return null;
    }
    List<Product> hits = catalogueQuery(category, brand, budget, false, inStock);
    if (DEAREST.matcher(s + " " + text.raw().toLowerCase(Locale.ROOT)).find()) {
      // "ايه اغلى ساعه سمارت عندكو": the dearest first
      hits =
          catalogueQuery(category, brand, budget, true, inStock).stream()
              .filter(p -> !"audio".equals(category) || SPEAKER.matcher(s).find() || !isSpeaker(p))
              .toList();
      return hits.isEmpty() ? null : hits;
    }
    if ("audio".equals(category) && !SPEAKER.matcher(s).find()) {
      // "cheapest earbuds", "سماعات": a speaker is no earphone
      List<Product> earphones = hits.stream().filter(p -> !isSpeaker(p)).toList();
      hits = earphones.isEmpty() ? hits : earphones;
    }
    if (hits.isEmpty()
        && category != null
        && brand != null
        // "oppo phones?" when the Oppo phones are sold out: not every phone (firstSoldOut says so)
        && !(inStock && !catalogueQuery(category, brand, budget, false, false).isEmpty())) {
      // "شاحن سريع لهاتف آيفون": the brand is the phone's, the chargers are what is asked
      hits = catalogueQuery(category, null, budget, false, inStock);
    }
    boolean fits = FITS_A_DEVICE.matcher(s).find();
    if ("charger".equals(category) && fits) {
      // "which charger works with the Galaxy S24?": every charger that fits it, whatever its brand
      hits = catalogueQuery(category, null, budget);
    }
    if ("charger".equals(category)
        && !hits.isEmpty()
        && (brand != null || fits || PHONE_WORD.matcher(s).find())) {
      // "3ayza charger lel iphone": a charger for a phone, and the cable it plugs in with
      List<Product> withCables = new ArrayList<>(hits);
      catalogueQuery("cable", null, budget, false, inStock).stream()
          .filter(c -> !withCables.contains(c))
          .forEach(withCables::add);
      hits = List.copyOf(withCables);
    }
    return hits.isEmpty() ? null : hits;
  }

  /** The kind of product the text names ("موبايل", "earbuds", "sa3a smart"), or null. */
  private static String askedCategory(TextView text) {
    String s = text.normalized() + " " + String.join(" ", text.stems());
    return CATEGORIES.entrySet().stream()
        .filter(e -> e.getValue().matcher(s).find())
        .map(java.util.Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }

  /**
   * A budget below the cheapest product of the kind asked ("I only have 4000 for a phone"): that it
   * is below our prices, and the two cheapest of that kind with their prices; null when the text
   * names no kind, no upper bound, or something of the kind is within it.
   */
  private Answer belowTheCheapest(TextView text, EntityExtractor.Found found, Language lang) {
    app.wasla.persona.nlp.Budget.Range budget = found.budget();
    String category = askedCategory(text);
    if (budget == null || budget.max() == null || category == null) {
      return null;
    }
    List<Product> ofKind = catalogueQuery(category, null, null);
    if (ofKind.isEmpty() || budget.admits(ofKind.get(0).priceEgp())) {
      return null;
    }
    boolean arabic = lang != Language.EN && lang != Language.ARABIZI;
    StringBuilder sb =
        new StringBuilder(ReplyTexts.get("belowTheCheapest", lang, money(budget.max())));
    ofKind.stream()
        .limit(2)
        .forEach(
            p ->
                sb.append("\n• ")
                    .append(
                        ReplyTexts.get(
                            "price", lang, productName(p, arabic), money(p.priceEgp()))));
    sb.append('\n').append(ReplyTexts.get("notSoldNearestAsk", lang));
    return new Answer(
        new PersonaReply(
            sb.toString(),
            List.of(opt("menu_order", "optOrder", lang), opt("menu_human", "optHuman", lang)),
            null,
            ofKind.get(0).sku()),
        null);
  }

  /** The most expensive asked for: "اغلى", "most expensive", "a8la". */
  private static final Pattern DEAREST =
      Pattern.compile(
          "(اغلى|اغلي|الاغلى|اعلى سعر|most expensive|priciest|dearest|top of the line|a8la|aghla|a8lahom|aghlahom)");

  private List<Product> catalogueQuery(
      String category, String brand, app.wasla.persona.nlp.Budget.Range budget) {
    return catalogueQuery(category, brand, budget, false, true);
  }

  private List<Product> catalogueQuery(
      String category,
      String brand,
      app.wasla.persona.nlp.Budget.Range budget,
      boolean dearest,
      boolean inStock) {
    return playbook.products().stream()
        .filter(p -> p.priceEgp() != null)
        .filter(p -> category == null || category.equals(p.category()))
        .filter(p -> brand == null || brandOf(p).equals(brand))
        .filter(p -> budget == null || budget.admits(p.priceEgp()))
        .filter(p -> !inStock || forSale(p))
        .sorted(
            !dearest && (budget == null || budget.max() == null)
                ? java.util.Comparator.comparing(Product::priceEgp)
                : java.util.Comparator.comparing(Product::priceEgp).reversed())
        // the phones are the shop's main line: a question about phones lists them all
        .limit("phone".equals(category) && brand == null && budget == null ? 8 : 4)
        .toList();
  }

  /** A question that names speakers: then a speaker is among the audio products asked about. */
  private static final Pattern SPEAKER = Pattern.compile("(speaker|سبيكر|سماعه خارجيه|spiker)");

  private static boolean isSpeaker(Product p) {
    return SPEAKER.matcher(p.nameEn().toLowerCase(Locale.ROOT) + " " + p.nameAr()).find();
  }

  private static String brandOf(Product p) {
    String n = p.nameEn();
    return n.startsWith("iPhone") || n.startsWith("AirPods") || n.startsWith("Apple")
        ? "Apple"
        : n.startsWith("Samsung")
            ? "Samsung"
            : n.startsWith("Xiaomi")
                ? "Xiaomi"
                : n.startsWith("Oppo")
                    ? "Oppo"
                    : n.startsWith("Anker")
                        ? "Anker"
                        : n.startsWith("JBL") ? "JBL" : n.startsWith("Oraimo") ? "Oraimo" : "";
  }

  /**
   * The phone on show that an accessory is asked to fit without naming a device ("شاحن ينفع معاه؟",
   * "a charger that works with it?"), or null.
   */
  private Product fitsTheOneOnShow(TextView text, EntityExtractor.Found found, PersonaTurn turn) {
    Product shown = contextProduct(turn);
    String s = text.normalized() + " " + String.join(" ", text.stems());
    return shown != null
            && "phone".equals(shown.category())
            && found.products().isEmpty()
            && FITS_A_DEVICE.matcher(s + " " + text.raw().toLowerCase(Locale.ROOT)).find()
            && !PHONE_WORD.matcher(s).find()
            && BRANDS.values().stream().noneMatch(b -> b.matcher(s).find())
        ? shown
        : null;
  }

  private static final Pattern PHONE_WORD =
      Pattern.compile("(موبايل|تليفون|هاتف|phone|mobile|موبيل)");

  /**
   * What fits a device: "works with", "fits", "compatible with", "ينفع مع", "المناسب لـ", "yenfa3
   * m3".
   */
  private static final Pattern FITS_A_DEVICE =
      Pattern.compile(
          "(^|\\s)(works? with|fits?|compatible|suitable for|goes with|"
              + "ينفع مع|تنفع مع|بينفع مع|يشتغل مع|بيشتغل مع|يركب|بيركب|متوافق|يتوافق|المناسب ل|مناسب ل|يناسب|"
              + "yenfa3 m3|yenfa3 ma3|tenfa3 m3|byenfa3 m3|yerkab|byshtghal m3|monaseb le?)");

  /**
   * For "the best phone under 10k": the catalogue's products within the amount, dearest first, at
   * most three.
   */
  private List<Product> withinBudget(EntityExtractor.Found found, TextView text, PersonaTurn turn) {
    app.wasla.persona.nlp.Budget.Range budget =
        found.budget() != null
            ? found.budget()
            : found.entities().amount() != null
                ? new app.wasla.persona.nlp.Budget.Range(null, found.entities().amount(), 0, 0)
                : null;
    if (budget == null) {
      return List.of();
    }
    // "mezaneyty 20 alf": a budget without a kind is for the kind the conversation is about, else
    // for a phone (the shop's main line), never a watch among phones; any kind only when none of
    // that kind is within it
    Product shown = contextProduct(turn);
    boolean phoneNamed = PHONE_WORD.matcher(text.normalized()).find();
    String kind = phoneNamed || shown == null ? "phone" : shown.category();
    List<Product> within =
        playbook.products().stream()
            .filter(p -> budget.admits(p.priceEgp()))
            .filter(this::forSale)
            .sorted((a, b) -> b.priceEgp().compareTo(a.priceEgp()))
            .toList();
    List<Product> ofKind = within.stream().filter(p -> kind.equals(p.category())).toList();
    // a kind named ("I only have 4000 for a phone") is never answered with another kind: the
    // cheapest of it are (belowTheCheapest)
    return (ofKind.isEmpty() && !phoneNamed ? within : ofKind).stream().limit(3).toList();
  }

  /**
   * What the customer can spend: the budget said ("أقل من عشرة آلاف"), else a price said with its
   * preposition for no product named ("عايز موبايل ب 10000"): products around it, up to a tenth
   * above.
   */
  private static app.wasla.persona.nlp.Budget.Range budgetOf(EntityExtractor.Found found) {
    if (found.budget() != null) {
      return found.budget();
    }
    BigDecimal amount = found.entities().amount();
    if (amount == null || !found.products().isEmpty() || amount.compareTo(BUDGET_LEAST) < 0) {
      return null;
    }
    return new app.wasla.persona.nlp.Budget.Range(
        null, amount.multiply(new BigDecimal("1.1")), 0, 0);
  }

  /** The least amount read as what a customer can spend on a product. */
  private static final BigDecimal BUDGET_LEAST = BigDecimal.valueOf(100);

  /**
   * The tap on "Products & prices": the cheapest product of each category with its price, then ask
   * which one.
   */
  private Answer catalogue(Language lang) {
    return catalogue(lang, "catalogue");
  }

  /** The catalogue's products and prices after the lead line of {@code leadKey}. */
  private Answer catalogue(Language lang, String leadKey) {
    boolean arabic = lang != Language.EN && lang != Language.ARABIZI;
    StringBuilder sb = new StringBuilder(ReplyTexts.get(leadKey, lang)).append('\n');
    playbook.products().stream()
        .filter(p -> p.priceEgp() != null)
        .filter(this::forSale)
        .collect(
            java.util.stream.Collectors.groupingBy(
                Product::category,
                java.util.LinkedHashMap::new,
                java.util.stream.Collectors.minBy(
                    java.util.Comparator.comparing(Product::priceEgp))))
        .values()
        .forEach(
            p ->
                p.ifPresent(
                    product ->
                        sb.append("• ")
                            .append(
                                ReplyTexts.get(
                                    "price",
                                    lang,
                                    productName(product, arabic),
                                    money(product.priceEgp())))
                            .append('\n')));
    sb.append(ReplyTexts.get("catalogueAsk", lang));
    return Answer.of(
        sb.toString().strip(),
        opt("menu_order", "optOrder", lang),
        opt("menu_human", "optHuman", lang));
  }

  /**
   * The best passage as the answer; if none is good enough: "I don't know" + handoff for a
   * question, else the menu.
   */
  private Answer fromPlaybook(TextView text, String intent, Language lang, boolean isQuestion) {
    PlaybookIndex.Hit hit = bestPassage(text, intent);
    if (hit != null) {
      return Answer.of(passageText(hit.passage(), lang));
    }
    if (Intents.PAYMENT.equals(intent)) {
      return new Answer(null, null);
    }
    if (isQuestion && !text.tokens().isEmpty()) {
      // a "?" alone asks what we can do: the menu, not a person
      return new Answer(PersonaReply.text(ReplyTexts.get("dontKnow", lang)), "unanswered question");
    }
    return new Answer(
        new PersonaReply(
            ReplyTexts.get("menu", lang),
            List.of(
                opt("menu_products", "optProducts", lang),
                opt("menu_order", "optOrder", lang),
                opt("menu_order_status", "optOrderStatus", lang),
                opt("menu_booking", "optBooking", lang),
                opt("menu_human", "optHuman", lang)),
            ReplyTexts.get("listButton", lang)),
        null);
  }

  /**
   * Thanks beside a question name no topic: "thanks 👍 when can i pick it up?" once matched the
   * jobs passage's "Thank you for your interest".
   */
  private static final Pattern THANKS_WORDS =
      Pattern.compile(
          "(?iU)\\b(?:thanks|thank you|thank u|thx|tnx|ty|shokran|shukran|merci|mersi)\\b"
              + "|(?<![\\p{L}])(?:شكرا|شكراً|شكرًا|متشكر|متشكره|متشكرة|مشكور|مشكورة)(?![\\p{L}])");

  private PlaybookIndex.Hit bestPassage(TextView text, String intent) {
    if (text.tokens().isEmpty()) {
      // emoji or punctuation alone names no topic (🙏 once matched the jobs passage's own 🙏)
      return null;
    }
    // "الساعة ١١ الصبح": the hour word of a time is no search for the watch
    List<PlaybookIndex.Hit> hits =
        index.search(
            THANKS_WORDS.matcher(ClockTimes.withoutHourWord(text.raw())).replaceAll(" "),
            intent,
            3);
    // a compatibility passage answers its own question ("does it work with samsung?") alone
    hits = hits.stream().filter(h -> !h.passage().id().startsWith(COMPATIBILITY)).toList();
    if (hits.isEmpty()) {
      return null;
    }
    PlaybookIndex.Hit top = hits.get(0);
    return top.score() >= MIN_SCORE && top.coverage() >= MIN_COVERAGE ? top : null;
  }

  /**
   * The passage in the reply's register: MSA, Arabizi (if written; else the English text after a
   * lead), English or Egyptian.
   */
  private static String passageText(Passage p, Language lang) {
    return switch (lang) {
      case AR -> p.msaText();
      case ARABIZI ->
          p.arabiziText() != null
              ? p.arabiziText()
              : ReplyTexts.get("passageLead", lang) + p.text(false);
      case EN -> p.text(false);
      default -> p.text(true);
    };
  }

  private static ReplyOption opt(String id, String key, Language lang) {
    return new ReplyOption(id, ReplyTexts.get(key, lang));
  }

  private String name(Language lang) {
    boolean arabic = lang != Language.EN && lang != Language.ARABIZI;
    return arabic && "Nour".equalsIgnoreCase(name) ? "نور" : name;
  }

  private static String productName(Product p, boolean arabic) {
    return arabic ? p.nameAr() : p.nameEn();
  }

  static String money(BigDecimal v) {
    if (v == null) {
      return "";
    }
    return new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
  }

  /** "both", "الاتنين", "el etnen" in a text, whatever punctuation follows ("both, one for me"). */
  private static boolean saysBoth(String text) {
    String words = TextView.of(text).normalized().replaceAll("[^\\p{L}\\p{N}]+", " ");
    return BOTH.matcher(" " + words + " ").find();
  }

  /**
   * The two products the bot showed last (a list, a comparison, two prices), or none: the latest of
   * its few recent messages that names products is read (the handoff's offer between names none),
   * and counts only when it names exactly two.
   */
  private List<Product> twoShown(PersonaTurn turn) {
    List<TranscriptLine> lines = turn.recentTranscript();
    int read = 0;
    for (int i = lines.size() - 1; i >= 0 && read < 4; i--) {
      TranscriptLine line = lines.get(i);
      if (line.fromCustomer() || line.person() != null || line.text() == null) {
        continue;
      }
      if (line.text().isBlank()) {
        continue;
      }
      read++;
      List<Product> named = listedIn(line.text());
      if (named.isEmpty()) {
        named = entities.extract(TextView.of(line.text())).products().stream().distinct().toList();
      }
      if (!named.isEmpty()) {
        return named.size() == 2 ? named : List.of();
      }
    }
    return List.of();
  }

  /** "both", "الاتنين", "el etnen": each of two products shown. */
  private static final Pattern BOTH =
      Pattern.compile(
          "\\s(both|both of them|الاتنين|الاثنين|الاتنين دول|كلاهما|الاثنان|الإثنين|etneen|el etnen|el etneen|l etnen|el 2etnen|el tnen|el itnen)\\s");

  /** Delivery named: "التوصيل", "الشحن", "delivery", "el tawseel". */
  private static final Pattern DELIVERY_NAMED =
      Pattern.compile(
          "(^|\\s)(توصيل|التوصيل|والتوصيل|شحن|الشحن|والشحن|delivery|shipping|tawseel|tawsil|el tawseel|el tawsil|sha7n|el sha7n)(\\s|$)");

  /** An order supposed: "لو الطلب", "if the order is", "law el order". */
  private static final Pattern IF_ORDER =
      Pattern.compile(
          "(^|\\s)(لو|ولو|اذا|واذا|if|law|lw)\\s+(?:(?:كان|كانت|is|was|kan)\\s+)?(ال)?(طلب|الطلب|طلبي|اوردر|الاوردر|order|the order|my order|el order|el talab|talab)(\\s|$)");

  /** An order or free delivery named: "الطلب", "order", "مجاني", "free", "bbalash". */
  private static final Pattern ORDER_OR_FREE =
      Pattern.compile(
          "(^|\\s)(طلب|الطلب|طلبي|لطلب|اوردر|الاوردر|order|orders|talab|el talab|مجاني|مجانا|ببلاش|free|bbalash|balash|belash)(\\s|$|\\?)");

  /**
   * Cash on delivery asked: "كاش عند الاستلام", "الدفع عند الاستلام", "cash on delivery", "COD".
   */
  private static final Pattern CASH_ON_DELIVERY =
      Pattern.compile(
          "(عند الاستلام|عند الاستلم|لما يوصل|لما يجي|cash on delivery|pay on delivery|on delivery|cod|"
              + "3and el estelam|3nd el estelam|3and el estlam|lama yewsal|lama yosal)");

  /** A down payment asked: "المقدم كام؟", "down payment?", "el mo2adam". */
  private static final Pattern DOWN_PAYMENT =
      Pattern.compile(
          "(مقدم|المقدم|دفعه مقدمه|الدفعه المقدمه|down ?payment|deposit|upfront|up front|mo2adam|el mo2adam|ma2adam|mokadam)");

  /** A number of months: "على ٦", "over 6 months", "3ala 12 shahr". */
  private static final Pattern TERM =
      Pattern.compile(
          "(^|\\s)(?:على|علي|ع|في|over|for|in|on|3ala|3la|fe|fi)?\\s*(\\d{1,2})\\s*(شهر|شهور|اشهر|months?|shohoor|shhor|shahr)?(\\s|$|\\?)");

  /**
   * A follow-up about paying for what was just answered: the delivery of an order of an amount ("طب
   * لو الطلب ٢٥٠٠ جنيه؟" after the fees, or with delivery named), an instalment's term or down
   * payment after the product's instalments, cash on delivery for the product on show; null for
   * anything else.
   */
  private PersonaResult paymentFollowUp(
      PersonaTurn turn,
      TextView text,
      EntityExtractor.Found found,
      Language language,
      Language replyIn) {
    if (found.products().size() == 1 && found.entities().reference() == null) {
      return productPaymentQuestion(turn, text, found, language, replyIn);
    }
    if (!found.products().isEmpty() || found.entities().reference() != null) {
      return null;
    }
    String s = " " + TextView.of(turn.text()).normalized() + " ";
    if (text.tokens().size() > 14) {
      return null;
    }
    boolean arabic = replyIn != Language.EN && replyIn != Language.ARABIZI;
    Answer answer = null;
    String topic = null;
    BigDecimal amount = found.entities().amount();
    if (amount != null
        // "w lw el order fo2 3000?" asks the threshold itself: the fees passage answers it
        && found.budget() == null
        && amount.compareTo(BigDecimal.valueOf(100)) >= 0
        // an order's value asked about ("لو الطلب", "free for a 4000 EGP order?"), not a fee
        // complained of ("١١٠ جنيه شحن لقنا؟؟ هو جاي بطياره 😂")
        && (IF_ORDER.matcher(s).find() || ORDER_OR_FREE.matcher(s).find())
        && (StoreTopics.DELIVERY_FEES.name().equals(turn.contextTopic())
            || DELIVERY_NAMED.matcher(s).find()
            || IF_ORDER.matcher(s).find())
        && sentiment.analyze(text).score() > ANGRY
        // "delivery guy charged me 300 EGP more than the order total": money taken, not a fee asked
        && !grievances.toldCalmly(text)) {
      answer = deliveryFor(amount, replyIn, arabic);
      topic = StoreTopics.DELIVERY_FEES.name();
    }
    Product shown = contextProduct(turn);
    if (answer == null
        && shown != null
        && shown.priceEgp() != null
        && StoreTopics.INSTALMENTS.name().equals(turn.contextTopic())) {
      answer = instalmentFollowUp(shown, s, replyIn, arabic);
      topic = answer == null ? null : StoreTopics.INSTALMENTS.name();
    }
    if (answer == null
        && shown != null
        && shown.priceEgp() != null
        && CASH_ON_DELIVERY.matcher(s).find()) {
      answer = cashOnDeliveryFor(shown, replyIn, arabic);
      topic = answer == null ? null : StoreTopics.PAYMENT_METHODS.name();
    }
    if (answer == null) {
      return null;
    }
    Sentiment mood = sentiment.analyze(text);
    String intent = topicIntent(topic);
    return new PersonaResult(
        language,
        intent,
        0.9,
        mood,
        found.entities(),
        answer.reply(),
        false,
        null,
        summary(language, intent, 0.9, mood, found, false, null, turn.text()),
        topic);
  }

  /** A yes/no question: "ينفع", "ممكن", "هل يمكن", "can I", "momken", "yenfa3". */
  private static final Pattern YES_NO_ASKED =
      Pattern.compile(
          "\\s(ينفع|ينفعش|ممكن|يمكن|هل|اقدر|نقدر|تقدر|بتقبلوا|تقبلون|can|could|may|is it possible|possible|"
              + "do you accept|do you take|momken|mmkn|ynfa3|yenfa3|ynf3|yenf3|a2dar|n2dar)\\s");

  /** An order or a wish, not a question: "عايز اطلبه", "I want", "هاخده". */
  private static final Pattern WANTS_OR_ORDERS =
      Pattern.compile(
          "\\s(عايز|عاوز|عايزه|عاوزه|اريد|أريد|اطلب|اطلبه|هاخد|هاخده|want|order|i'd like|id like|"
              + "3ayez|3ayz|3awez|3ayza|a3mel order|ha5od|hakhod)\\s");

  /**
   * A yes/no question about paying for one named product in one way ("can I pay for the S24 in
   * instalments?", "ينفع ادفع الايفون ١٥ كاش عند الاستلام؟", "momken a2aset el A15?"): yes or no
   * for that product, and why (the cash-on-delivery limit, the instalments' minimum, their months
   * and no down payment); null for anything else.
   */
  private PersonaResult productPaymentQuestion(
      PersonaTurn turn,
      TextView text,
      EntityExtractor.Found found,
      Language language,
      Language replyIn) {
    String s = " " + TextView.of(turn.text()).normalized() + " ";
    Product p = found.products().get(0);
    if (text.tokens().size() > 16
        || p.priceEgp() == null
        || !(YES_NO_ASKED.matcher(s).find()
            || turn.text().contains("?")
            || turn.text().contains("؟"))
        || WANTS_OR_ORDERS.matcher(s).find()
        || ASKS_PRICE.matcher(s).find()
        || sentiment.analyze(text).score() <= ANGRY) {
      return null;
    }
    boolean arabic = replyIn != Language.EN && replyIn != Language.ARABIZI;
    boolean cod = CASH_ON_DELIVERY.matcher(s).find();
    boolean instalments = topics.namesInstalments(text);
    if (cod == instalments) {
      return null; // neither, or both: the passages answer
    }
    Answer answer;
    String topic;
    if (cod) {
      answer = cashOnDeliveryFor(p, replyIn, arabic);
      topic = StoreTopics.PAYMENT_METHODS.name();
    } else {
      Answer terms = instalments(p, replyIn, turn);
      PersonaReply r = terms.reply();
      if (r == null || r.aboutProductSku() == null) {
        return null;
      }
      String name = productName(p, arabic);
      boolean below = r.text().equals(belowMinimumText(p, replyIn, arabic));
      answer =
          new Answer(
              new PersonaReply(
                  ReplyTexts.get(below ? "instalmentNo" : "instalmentYes", replyIn, name)
                      + (below ? " " : "\n")
                      + r.text(),
                  r.options(),
                  r.listButtonText(),
                  r.aboutProductSku(),
                  true),
              terms.handoffReason());
      topic = StoreTopics.INSTALMENTS.name();
    }
    if (answer == null || answer.reply() == null) {
      return null;
    }
    Sentiment mood = sentiment.analyze(text);
    return new PersonaResult(
        language,
        Intents.PAYMENT,
        0.9,
        mood,
        found.entities(),
        answer.reply(),
        false,
        null,
        summary(language, Intents.PAYMENT, 0.9, mood, found, false, null, turn.text()),
        topic);
  }

  /** The instalments' "below the minimum" answer for the product, to tell it from the terms. */
  private String belowMinimumText(Product p, Language lang, boolean arabic) {
    Passage terms = playbook.passage("instalments").orElse(null);
    if (terms == null) {
      return null;
    }
    java.util.regex.Matcher min = Pattern.compile("from ([\\d,]+) EGP").matcher(terms.en());
    if (!min.find()) {
      return null;
    }
    return ReplyTexts.get(
        "instalmentBelowMinimum",
        lang,
        productName(p, arabic),
        money(p.priceEgp()),
        money(new BigDecimal(min.group(1).replace(",", ""))));
  }

  private static String topicIntent(String topic) {
    return StoreTopics.DELIVERY_FEES.name().equals(topic) ? Intents.OTHER : Intents.PAYMENT;
  }

  /** Whether an order of this amount is delivered free, and the fee when it is not. */
  private Answer deliveryFor(BigDecimal amount, Language lang, boolean arabic) {
    Passage fees = playbook.passage(StoreTopics.DELIVERY_FEES.passageId()).orElse(null);
    if (fees == null) {
      return null;
    }
    java.util.regex.Matcher free =
        Pattern.compile("free on orders over ([\\d,]+) EGP").matcher(fees.en());
    java.util.regex.Matcher fee = Pattern.compile("(\\d[\\d,]*) EGP,").matcher(fees.en());
    List<BigDecimal> all = new ArrayList<>();
    while (fee.find()) {
      all.add(new BigDecimal(fee.group(1).replace(",", "")));
    }
    if (!free.find() || all.isEmpty()) {
      return null;
    }
    BigDecimal over = new BigDecimal(free.group(1).replace(",", ""));
    String overText = money(over);
    String text =
        amount.compareTo(over) > 0
            ? ReplyTexts.get("deliveryFreeFor", lang, money(amount), overText)
            : ReplyTexts.get(
                "deliveryNotFreeFor",
                lang,
                money(amount),
                money(java.util.Collections.min(all)),
                money(java.util.Collections.max(all)),
                overText);
    return new Answer(new PersonaReply(text, List.of(), null, null, true), null);
  }

  /** An instalment's term ("و على ٦؟") or down payment ("المقدم كام؟") for the product on show. */
  private Answer instalmentFollowUp(Product p, String s, Language lang, boolean arabic) {
    Passage terms = playbook.passage("instalments").orElse(null);
    if (terms == null) {
      return null;
    }
    List<Integer> months = new ArrayList<>();
    java.util.regex.Matcher m =
        Pattern.compile("((?:\\d{1,2}(?:\\s*,\\s*|\\s+or\\s+|\\s+and\\s+))*\\d{1,2})\\s+months")
            .matcher(terms.en());
    if (m.find()) {
      for (String n : m.group(1).split("\\D+")) {
        if (!n.isEmpty()) {
          months.add(Integer.parseInt(n));
        }
      }
    }
    if (months.isEmpty()) {
      return null;
    }
    String name = productName(p, arabic);
    int longest = java.util.Collections.max(months);
    if (DOWN_PAYMENT.matcher(s).find() && terms.en().contains("no down payment")) {
      return new Answer(
          new PersonaReply(
              ReplyTexts.get(
                  "instalmentNoDownPayment",
                  lang,
                  name,
                  money(p.priceEgp()),
                  String.valueOf(longest),
                  money(monthlyOf(p, longest))),
              List.of(orderOf(p, lang), opt("menu_human", "optHuman", lang)),
              null,
              p.sku(),
              true),
          null);
    }
    java.util.regex.Matcher term = TERM.matcher(s);
    while (term.find()) {
      int n = Integer.parseInt(term.group(2));
      if (!months.contains(n)) {
        continue;
      }
      return new Answer(
          new PersonaReply(
              ReplyTexts.get(
                  "instalmentTerm",
                  lang,
                  name,
                  String.valueOf(n),
                  money(monthlyOf(p, n)),
                  money(p.priceEgp())),
              List.of(orderOf(p, lang), opt("menu_human", "optHuman", lang)),
              null,
              p.sku(),
              true),
          null);
    }
    return null;
  }

  private static BigDecimal monthlyOf(Product p, int months) {
    return p.priceEgp().divide(BigDecimal.valueOf(months), 0, java.math.RoundingMode.CEILING);
  }

  /**
   * Cash on delivery for the product on show: within the limit of the payment passage ("cash on
   * delivery (up to 20,000 EGP)"), or above it and the ways that fit it.
   */
  private Answer cashOnDeliveryFor(Product p, Language lang, boolean arabic) {
    Passage pay = playbook.passage(StoreTopics.PAYMENT_METHODS.passageId()).orElse(null);
    if (pay == null) {
      return null;
    }
    java.util.regex.Matcher limit =
        Pattern.compile("cash on delivery \\(up to ([\\d,]+) EGP\\)").matcher(pay.en());
    if (!limit.find()) {
      return null;
    }
    BigDecimal max = new BigDecimal(limit.group(1).replace(",", ""));
    String name = productName(p, arabic);
    String text =
        p.priceEgp().compareTo(max) <= 0
            ? ReplyTexts.get("codFits", lang, name, money(p.priceEgp()), money(max))
            : ReplyTexts.get(
                "codAboveLimit",
                lang,
                name,
                money(p.priceEgp()),
                money(max),
                money(monthlyOf(p, 12)));
    return new Answer(
        new PersonaReply(
            text,
            List.of(orderOf(p, lang), opt("payment_link", "optPaymentLink", lang)),
            null,
            p.sku(),
            true),
        null);
  }

  private static String summary(
      Language language,
      String intent,
      double confidence,
      Sentiment mood,
      EntityExtractor.Found found,
      boolean handoff,
      String reason,
      String text) {
    List<String> parts = new ArrayList<>();
    parts.add(
        "["
            + language.tag()
            + "] "
            + intent
            + " ("
            + String.format(Locale.ROOT, "%.2f", confidence)
            + ")");
    parts.add(mood.label() + " " + String.format(Locale.ROOT, "%.2f", mood.score()));
    Entities e = found.entities();
    if (!e.products().isEmpty()) {
      parts.add(
          String.join(", ", e.products()) + (e.quantity() == null ? "" : " ×" + e.quantity()));
    }
    if (e.reference() != null) {
      parts.add("ref " + e.reference());
    }
    if (e.dateTime() != null) {
      parts.add("when " + e.dateTime());
    }
    if (handoff) {
      parts.add("HANDOFF: " + reason);
    }
    String quote = text.replaceAll("\\s+", " ").strip();
    parts.add("\"" + (quote.length() > 80 ? quote.substring(0, 80) + "…" : quote) + "\"");
    return String.join(" · ", parts);
  }
}
