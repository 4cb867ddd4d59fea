package app.wasla.persona;

import app.wasla.channel.whatsapp.OutboundMessage;
import app.wasla.channel.whatsapp.OutboundMessage.ListMessage;
import app.wasla.channel.whatsapp.OutboundMessage.ReplyButtons;
import app.wasla.conversation.ActivityProperties;
import app.wasla.conversation.ConversationKey;
import app.wasla.conversation.ConversationVariables;
import app.wasla.conversation.FlowMessages;
import app.wasla.conversation.OutboundMessages;
import app.wasla.conversation.Transcript;
import app.wasla.conversation.media.MediaFetcher;
import app.wasla.crm.ConsentKeywords;
import app.wasla.crm.CustomerMemory;
import app.wasla.crm.CustomerProfile;
import app.wasla.persona.nlp.LanguageDetector;
import app.wasla.persona.nlp.TextView;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * {@code ${personaReply}}: the AI persona answers the customer's turn. Writes the turn's reading
 * into the process variables that gateways, DMN tables and forms read (intent, sentiment, language,
 * handoff) and sends the reply through the idempotent outbound path.
 */
@Component("personaReply")
class PersonaReplyDelegate implements JavaDelegate {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(PersonaReplyDelegate.class);

  /** How much of the transcript the persona sees. */
  static final int RECENT_LINES = 20;

  private final Persona persona;
  private final FlowMessages messages;
  private final Transcript transcript;
  private final CustomerMemory customers;
  private final Clock clock;
  private final PersonaTurnLog turns;
  private final MediaFetcher media;
  private final org.springframework.beans.factory.ObjectProvider<BranchLocations> branches;
  private final org.springframework.beans.factory.ObjectProvider<ProductPhotos> photos;
  private final org.springframework.beans.factory.ObjectProvider<PersonNames> personNames;
  private final ConsentKeywords consent;
  private final OutboundMessages outbound;

  /** Voice notes the customer sent in this conversation (set on voice-note turns only). */
  static final String VOICE_NOTES = "voiceNotes";

  PersonaReplyDelegate(
      Persona persona,
      FlowMessages messages,
      Transcript transcript,
      CustomerMemory customers,
      Clock clock,
      PersonaTurnLog turns,
      MediaFetcher media,
      org.springframework.beans.factory.ObjectProvider<BranchLocations> branches,
      org.springframework.beans.factory.ObjectProvider<ProductPhotos> photos,
      org.springframework.beans.factory.ObjectProvider<PersonNames> personNames,
      ConsentKeywords consent,
      OutboundMessages outbound) {
    this.personNames = personNames;
    this.consent = consent;
    this.outbound = outbound;
    this.branches = branches;
    this.photos = photos;
    this.turns = turns;
    this.media = media;
    this.persona = persona;
    this.messages = messages;
    this.transcript = transcript;
    this.customers = customers;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    messages.acknowledgeTurn(execution);
    String key = execution.getProcessBusinessKey();
    String turnText = (String) execution.getVariable(ConversationVariables.TURN_TEXT);
    Object streakValue = execution.getVariable(PersonaVariables.LOW_CONFIDENCE_STREAK);
    int streak = streakValue instanceof Number n ? n.intValue() : 0;
    List<String> lines = turnText == null ? List.of() : Arrays.asList(turnText.split("\n"));
    // a photo, voice note or location without words is answered as such; words sent with media
    // (a caption, a message in the same burst) are read as any text
    MediaTurns.Kind mediaOnly = MediaTurns.kindOf(lines);
    if (mediaOnly == MediaTurns.Kind.FILE && refusedFilesOnly(key, lines)) {
      mediaOnly = MediaTurns.Kind.FILE_REFUSED;
    }
    PersonaTurn turn = turn(execution, lines, mediaOnly, streak);
    List<String> tags =
        turn.customer() == null
            ? List.of()
            : java.util.stream.Stream.concat(
                    turn.customer().tags().stream(), turn.customer().manualTags().stream())
                .sorted()
                .toList();

    PersonaResult result = mediaOnly == null ? respond(turn) : respondToMedia(execution, mediaOnly);
    if (mediaOnly == null
        && turnText != null
        && consent.mentionsOptOut(turnText)
        // the persona's answer already says how to stop the offers
        && !"marketing_opt_out".equals(result.topic())) {
      result = withHowToStop(result);
    }
    turns.record(key, execution.getProcessInstanceId(), result, turnText, clock.instant());
    setIfChanged(execution, PersonaVariables.INTENT, result.intent());
    setIfChanged(execution, PersonaVariables.INTENT_CONFIDENCE, result.intentConfidence());
    setIfChanged(execution, PersonaVariables.SENTIMENT, result.sentiment().label());
    setIfChanged(execution, PersonaVariables.SENTIMENT_SCORE, result.sentiment().score());
    setIfChanged(execution, PersonaVariables.LANGUAGE, result.language().tag());
    setIfChanged(
        execution,
        PersonaVariables.REPLY_LANGUAGE,
        replyLanguage(
                result.language(),
                turnText,
                turn.customer() == null
                    ? null
                    : Language.fromTag(turn.customer().preferredLanguage()))
            .tag());
    setIfChanged(execution, PersonaVariables.HANDOFF, result.handoff());
    setIfChanged(execution, PersonaVariables.HANDOFF_REASON, result.handoffReason());
    setIfChanged(execution, PersonaVariables.SUMMARY, result.summary());
    // read by the handoff's announcement: "order now with the bot" or wait for sales
    setOrRemove(
        execution,
        PersonaVariables.RETAIL_BIG_DEAL,
        result.handoff() && result.retailBigDeal() ? Boolean.TRUE : null);
    followUp(execution, turn, result);
    setIfChanged(
        execution, PersonaVariables.LOW_CONFIDENCE_STREAK, result.lowConfidence() ? streak + 1 : 0);
    Integer quantity = result.entities() == null ? null : result.entities().quantity();
    if (quantity != null) {
      setIfChanged(execution, PersonaVariables.QUANTITY, quantity);
    } else if (execution.hasVariable(PersonaVariables.QUANTITY)) {
      execution.removeVariable(
          PersonaVariables.QUANTITY); // an older turn's count is not this one's
    }
    setOrRemove(execution, PersonaVariables.TOPIC, result.topic());
    setOrRemove(
        execution,
        PersonaVariables.PRODUCT_READ,
        result.entities() == null || result.entities().products().isEmpty()
            ? null
            : result.entities().products().get(0));
    setOrRemove(
        execution,
        PersonaVariables.PRODUCTS_MORE,
        result.entities() != null
                && result.entities().products().size() > 1
                && app.wasla.persona.Intents.ORDER.equals(result.intent())
            ? String.join(
                "|", result.entities().products().subList(1, result.entities().products().size()))
            : null);
    if (result.handoff()) {
      // the handoff routing table and the agent's form read the CRM's tags; one short string, only
      // when needed
      execution.setVariable(PersonaVariables.CUSTOMER_TAGS, String.join(",", tags));
    }
    boolean leftToSalesFlows = leftToSalesFlows(execution, result);
    boolean lists =
        !leftToSalesFlows
            && result.reply() != null
            && result.reply().text() != null
            && result.reply().text().lines().anyMatch(l -> l.strip().startsWith("•"));
    String listed = lists ? result.reply().text() : null;
    setOrRemove(
        execution,
        PersonaVariables.LISTED_REPLY,
        listed == null || listed.length() <= 2000 ? listed : listed.substring(0, 2000));
    if (!leftToSalesFlows && result.reply() != null) {
      sendProductPhoto(execution, result);
      messages.send(execution, toWhatsApp(result.reply()));
      sendBranchLocations(execution, result);
    }
    if (!leftToSalesFlows
        && result.reply() != null
        && result.reply().aboutProductSku() != null
        && !checkoutUnderWay(execution)) {
      if (PersonaReply.NO_PRODUCT.equals(result.reply().aboutProductSku())) {
        // "no, I asked about a Dell laptop, not an iPhone": the kept product is not the subject
        execution.removeVariable(PersonaVariables.CONTEXT_PRODUCT);
      } else {
        setIfChanged(execution, PersonaVariables.CONTEXT_PRODUCT, result.reply().aboutProductSku());
      }
    }
    // read by the flow's sales gateway in this transaction: a turn the persona answered calls no
    // sales flow
    execution.setVariable(
        PersonaVariables.PERSONA_ANSWERED, Variables.booleanValue(!leftToSalesFlows, true));
    // The reply leaves after this transaction commits (the outbox); the CRM's turn update locks the
    // customer row
    // until then, which is short: no HTTP call runs inside the transaction.
    if (customerKey(execution) != null) {
      customers.turnCompleted(
          new CustomerMemory.Turn(
              customerKey(execution),
              execution.getProcessInstanceId(),
              result.intent(),
              result.sentiment().label(),
              result.language().tag(),
              result.handoff(),
              result.handoffReason(),
              clock.instant()));
    }
  }

  /**
   * Whether this turn is read by a checkout that has placed no order yet: its product is the
   * order's ({@code productSku}), which a question about another product must not replace.
   */
  private static boolean checkoutUnderWay(DelegateExecution execution) {
    String definition = execution.getProcessDefinitionId();
    return definition != null
        && definition.startsWith("order-and-pay:")
        && execution.getVariable("checkoutStep") instanceof String
        && execution.getVariable("orderId") == null;
  }

  /** The turn as the persona reads it: its words, the recent transcript, the customer. */
  PersonaTurn turn(
      DelegateExecution execution, List<String> lines, MediaTurns.Kind mediaOnly, int streak) {
    String key = execution.getProcessBusinessKey();
    if (mediaOnly == null && lines.size() > 1) {
      lines = MediaTurns.words(lines);
    }
    return new PersonaTurn(
        key,
        lines,
        (String) execution.getVariable(ConversationVariables.REPLY_ID),
        transcriptOrList(execution, key),
        customer(execution, customerKey(execution)),
        streak,
        execution.getVariable(PersonaVariables.CONTEXT_PRODUCT) instanceof String sku ? sku : null,
        execution.getVariable(PersonaVariables.TOPIC) instanceof String topic ? topic : null,
        Boolean.TRUE.equals(execution.getVariable(PersonaVariables.ORDERS_WITH_THE_BOT)));
  }

  /**
   * A turn that speaks of stopping the marketing among other things ("...وكفاية رسايل بقى" in a
   * complaint) is no opt-out by itself: its answer ends with the exact word that is one.
   */
  private static PersonaResult withHowToStop(PersonaResult result) {
    PersonaReply r = result.reply();
    if (r == null) {
      return result;
    }
    Language lang = result.language() == Language.MIXED ? Language.AR_EG : result.language();
    return new PersonaResult(
        result.language(),
        result.intent(),
        result.intentConfidence(),
        result.sentiment(),
        result.entities(),
        new PersonaReply(
            r.text() + "\n\n" + ReplyTexts.get("howToStop", lang),
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

  /** What the persona answers; a failure to read the turn answers "didn't get that". */
  PersonaResult read(PersonaTurn turn) {
    return respond(turn);
  }

  /** Records a turn's reading (the persona's turn log), as every turn the flow answers. */
  void record(DelegateExecution execution, PersonaResult result, String turnText) {
    turns.record(
        execution.getProcessBusinessKey(),
        execution.getProcessInstanceId(),
        result,
        turnText,
        clock.instant());
  }

  /**
   * Whether every document of this turn is of a type Wasla does not open, as Meta's webhook named
   * it (the file is refused before any download): the turn's document lines matched against the
   * conversation's latest inbound documents.
   */
  private boolean refusedFilesOnly(String key, List<String> lines) {
    java.util.Set<String> files =
        lines.stream()
            .filter(java.util.Objects::nonNull)
            .map(String::strip)
            .filter(l -> l.startsWith("[document"))
            .collect(java.util.stream.Collectors.toSet());
    if (files.isEmpty()) {
      return false;
    }
    List<Transcript.Line> documents =
        transcript.latest(key, RECENT_LINES).stream()
            .filter(l -> "in".equals(l.direction()))
            .filter(l -> l.media() != null && "document".equals(l.media().kind()))
            .filter(l -> l.text() != null && files.contains(l.text().strip()))
            .toList();
    return !documents.isEmpty()
        && documents.stream()
            .allMatch(
                l ->
                    l.media().mimeType() != null && !media.takes("document", l.media().mimeType()));
  }

  /**
   * A turn of media without words: a question about the photo (or a person, in a support case), a
   * request to type (or a person, after the second voice note), nothing while a voice note's
   * transcript is on its way, a word on a location shared outside checkout.
   */
  private PersonaResult respondToMedia(DelegateExecution execution, MediaTurns.Kind kind) {
    Object tag = execution.getVariable(PersonaVariables.LANGUAGE);
    Language language = tag instanceof String t ? Language.fromTag(t) : Language.AR_EG;
    int voiceNotes = 0;
    if (kind == MediaTurns.Kind.VOICE || kind == MediaTurns.Kind.VOICE_UNTRANSCRIBED) {
      Object before = execution.getVariable(VOICE_NOTES);
      voiceNotes = (before instanceof Number n ? n.intValue() : 0) + 1;
      if (kind == MediaTurns.Kind.VOICE_UNTRANSCRIBED || !media.transcribes()) {
        // counted when the customer is asked to type: a transcribed voice note is read as text
        execution.setVariable(VOICE_NOTES, voiceNotes);
      }
    }
    Object intent = execution.getVariable(PersonaVariables.INTENT);
    return MediaTurns.respond(
        kind, language, intent instanceof String i ? i : null, voiceNotes, media.transcribes());
  }

  /**
   * The persona's answer; if reading the turn fails, a polite "didn't get that" in the customer's
   * language. A failure here would become an incident that holds the conversation's later messages
   * back; the customer rewording is better.
   */
  private PersonaResult respond(PersonaTurn turn) {
    try {
      return persona.respond(turn);
    } catch (RuntimeException e) {
      log.warn(
          "Persona failed to read a turn of conversation {} ({}); answering that it was not understood",
          ConversationKey.mask(turn.conversationKey()),
          e.getClass().getName());
      Language language = languageOf(turn);
      Language replyIn = language == Language.MIXED ? Language.AR_EG : language;
      return new PersonaResult(
          language,
          Intents.OTHER,
          0.0,
          Sentiment.ofScore(0),
          Entities.NONE,
          PersonaReply.text(ReplyTexts.get("didntGet", replyIn)),
          false,
          null,
          "[" + language.tag() + "] persona failed: " + e.getClass().getSimpleName());
    }
  }

  private static Language languageOf(PersonaTurn turn) {
    try {
      String text = turn.text();
      // the first characters are enough to tell the language, whatever made the whole text
      // unreadable
      return LANGUAGES
          .detect(TextView.of(text.length() > 500 ? text.substring(0, 500) : text))
          .language();
    } catch (RuntimeException e) {
      return Language.AR_EG;
    }
  }

  private static final LanguageDetector LANGUAGES = new LanguageDetector();

  /**
   * The register a turn is answered in: its language, or for a mixed one ("أريد شراء AirPods Pro")
   * the Arabic or English form that dominates it, as the persona reads it.
   */
  static Language replyLanguage(Language language, String text, Language previous) {
    if (language != Language.MIXED) {
      return language;
    }
    try {
      Language reply =
          LANGUAGES.detect(TextView.of(text == null ? "" : text), previous).replyLanguage();
      return reply == Language.MIXED ? Language.AR_EG : reply;
    } catch (RuntimeException e) {
      return Language.AR_EG;
    }
  }

  /**
   * Most of a turn's reading repeats the previous turn's (language, sentiment, no handoff): an
   * unchanged value is not written again, which spares the engine a runtime and a history row
   * update per variable and turn.
   */
  private static void setIfChanged(DelegateExecution execution, String name, Object value) {
    if (!execution.hasVariable(name)
        || !java.util.Objects.equals(execution.getVariable(name), value)) {
      execution.setVariable(name, value);
    }
  }

  /** A value of this turn's reading, or none: an older turn's is not this one's. */
  private static void setOrRemove(DelegateExecution execution, String name, Object value) {
    if (value != null) {
      setIfChanged(execution, name, value);
    } else if (execution.hasVariable(name)) {
      execution.removeVariable(name);
    }
  }

  /**
   * The recent transcript; for a persona that reads none, the products its latest reply listed (one
   * line, no query), which "the first one" or "order now" is about.
   */
  private List<TranscriptLine> transcriptOrList(DelegateExecution execution, String key) {
    List<TranscriptLine> lines = recentTranscript(key);
    if (lines.isEmpty()
        && execution.getVariable(PersonaVariables.LISTED_REPLY) instanceof String listed) {
      return List.of(new TranscriptLine(false, listed, null));
    }
    return lines;
  }

  /**
   * The conversation's latest lines, for a persona that reads them; none (and no query) for one
   * that does not.
   */
  private List<TranscriptLine> recentTranscript(String key) {
    // a persona that answers from the turn alone still reads the transcript after a person wrote
    // to the customer: a follow-up on her words is hers (PersonFollowUp)
    if (!persona.readsTranscript()
        && !transcript.personWroteSince(key, clock.instant().minus(PersonFollowUp.WINDOW))) {
      return List.of();
    }
    PersonNames arabic = personNames.getIfAvailable();
    java.util.Map<String, String> arabicNames = new java.util.HashMap<>();
    return transcript.latest(key, RECENT_LINES).stream()
        .map(
            line ->
                line.byPerson() && line.authorId() != null
                    ? TranscriptLine.byPerson(
                        line.text(),
                        line.at(),
                        new TranscriptLine.Person(
                            line.authorId(),
                            line.authorName(),
                            arabic == null
                                ? null
                                : arabicNames.computeIfAbsent(line.authorId(), arabic::inArabic),
                            line.authorTeam()))
                    : new TranscriptLine("in".equals(line.direction()), line.text(), line.at()))
        .toList();
  }

  /**
   * Who follows up on a person's words (a turn handed over as {@link PersonFollowUp#REASON}): the
   * routing prefers her and her team; any other turn clears them.
   */
  private void followUp(DelegateExecution execution, PersonaTurn turn, PersonaResult result) {
    TranscriptLine.Person person =
        PersonFollowUp.REASON.equals(result.handoffReason())
            ? PersonFollowUp.of(turn, clock.instant())
                .or(() -> PersonFollowUp.latest(turn.recentTranscript(), clock.instant()))
                .orElse(null)
            : null;
    setOrRemove(
        execution, PersonaVariables.FOLLOW_UP_AGENT, person == null ? null : person.userId());
    setOrRemove(execution, PersonaVariables.FOLLOW_UP_TEAM, person == null ? null : person.team());
  }

  /**
   * The reply task's extension property (or input parameter) that leaves sales questions to the
   * sales flows.
   */
  static final String LEAVE_TO_SALES_FLOWS = "leaveToSalesFlows";

  /** Intents that the sales flows answer with live stock, bookings and orders. */
  static final java.util.Set<String> SALES_INTENTS =
      java.util.Set.of(
          "product_inquiry",
          "availability",
          "order",
          "booking_new",
          "booking_change",
          "booking_cancel",
          "order_status");

  /**
   * Where the flow calls a sales flow right after this task (the task's extension property {@code
   * leaveToSalesFlows=true}; an input parameter of that name, as in earlier flows, works too), the
   * persona reads the turn but leaves the answer to that flow, so the customer gets one reply, not
   * two.
   */
  private static boolean leftToSalesFlows(DelegateExecution execution, PersonaResult result) {
    if (BOOKINGS.equals(ActivityProperties.get(execution, LEAVE_TO_SALES_FLOWS))) {
      // "can I book a screen repair meanwhile?" while a return waits for the team: the booking
      // flow called next asks its questions; every other question is answered here
      return !result.handoff() && BOOKING_INTENTS.contains(result.intent());
    }
    boolean leave =
        ActivityProperties.isTrue(execution, LEAVE_TO_SALES_FLOWS)
            || Boolean.TRUE.equals(execution.getVariableLocal(LEAVE_TO_SALES_FLOWS));
    return leave
        && !result.handoff()
        && SALES_INTENTS.contains(result.intent())
        && !answersItself(result);
  }

  /**
   * The value of {@link #LEAVE_TO_SALES_FLOWS} that leaves only booking questions to the booking
   * flow called next and answers every other question.
   */
  static final String BOOKINGS = "bookings";

  /** Intents the booking flow serves. */
  static final java.util.Set<String> BOOKING_INTENTS =
      java.util.Set.of("booking_new", "booking_change", "booking_cancel");

  /** Intents whose questions the sales flows can only answer when they name a catalogue product. */
  static final java.util.Set<String> PRODUCT_INTENTS =
      java.util.Set.of("product_inquiry", "availability");

  /**
   * A product question that names no catalogue product (a category or brand, a budget, a product
   * the shop does not sell) has nothing for the sales flows to look up: the persona's answer (the
   * matching products, or "we don't sell that" and what the shop has) is the reply.
   */
  private static boolean answersItself(PersonaResult result) {
    return PRODUCT_INTENTS.contains(result.intent())
            && (result.entities() == null || result.entities().products().isEmpty())
        // a product's price beside a store question's passage: both are in the answer
        || result.reply() != null && result.reply().complete();
  }

  /** The customer's key: the process variable, else the business key (they are the same value). */
  private static String customerKey(DelegateExecution execution) {
    Object key = execution.getVariable(ConversationVariables.CUSTOMER_KEY);
    return key instanceof String k && !k.isBlank() ? k : execution.getProcessBusinessKey();
  }

  /**
   * What the CRM knows of the customer; the WhatsApp profile name when the CRM has no profile yet.
   */
  private CustomerContext customer(DelegateExecution execution, String customerKey) {
    CustomerProfile p = customerKey == null ? null : customers.context(customerKey).orElse(null);
    Object variable = execution.getVariable(ConversationVariables.CUSTOMER_NAME);
    String name =
        p != null && p.name() != null
            ? p.name()
            : variable instanceof String n && !n.isBlank() ? n : null;
    Instant lastMarketing =
        customerKey == null
            ? null
            : outbound.latestMarketingSend(ConversationKey.parse(customerKey).waId()).orElse(null);
    if (p == null) {
      return name == null && lastMarketing == null
          ? null
          : new CustomerContext(name, null, List.of(), null, 0, null)
              .withMarketing(false, lastMarketing);
    }
    // a tag the rules give is the rules' even if an agent set it too; the agents' own stay apart
    // (not for an LLM)
    List<String> rules =
        p.tags().stream()
            .filter(t -> !"MANUAL".equals(t.source()))
            .map(CustomerProfile.Tag::name)
            .distinct()
            .sorted()
            .toList();
    List<String> manual = p.tagNames().stream().filter(t -> !rules.contains(t)).toList();
    return new CustomerContext(
            name, p.preferredLanguage(), rules, p.totalSpend(), p.orders(), p.openBalance(), manual)
        .withMarketing(p.marketingOptInAt() != null && !p.marketingOptOut(), lastMarketing);
  }

  /**
   * Before the persona's own answer about one catalogue product (a price beside a store passage:
   * the sales flows leave it whole), the product's photo; not when the flow waiting here showed it.
   */
  private void sendProductPhoto(DelegateExecution execution, PersonaResult result) {
    String sku = result.reply().aboutProductSku();
    if (!result.reply().complete()
        || sku == null
        || PersonaReply.NO_PRODUCT.equals(sku)
        || sku.equals(execution.getVariable(ProductPhotos.SHOWN_VARIABLE))) {
      return;
    }
    ProductPhotos catalogue = photos.getIfAvailable();
    if (catalogue == null) {
      return;
    }
    try {
      catalogue.photo(sku, result.language()).ifPresent(photo -> messages.send(execution, photo));
    } catch (RuntimeException e) {
      // the answer names the product and its price; a catalogue that cannot tell costs only the
      // photo
      log.warn("Product photo not sent: {}", e.toString());
    }
  }

  /** After an answer about where the branches are: each branch's location message. */
  private void sendBranchLocations(DelegateExecution execution, PersonaResult result) {
    String city = result.reply().branchesShown();
    BranchLocations locations = branches.getIfAvailable();
    if (city == null || locations == null) {
      return;
    }
    try {
      for (OutboundMessage.Location location : locations.locations(city, result.language())) {
        messages.send(execution, location);
      }
    } catch (RuntimeException e) {
      // the text already says where the branches are; a backend that cannot tell costs only the pin
      log.warn("Branch locations not sent: {}", e.toString());
    }
  }

  /** Up to three options become reply buttons, more become a list. */
  static OutboundMessage toWhatsApp(PersonaReply reply) {
    List<ReplyOption> options = reply.options() == null ? List.of() : reply.options();
    if (options.isEmpty()) {
      return new OutboundMessage.Text(reply.text(), false);
    }
    // interactive bodies are limited to 1,024 characters
    String body =
        reply.text().length() <= 1024 ? reply.text() : reply.text().substring(0, 1023) + "…";
    if (options.size() <= 3) {
      return new ReplyButtons(
          body,
          options.stream().map(o -> new ReplyButtons.Button(o.id(), o.title())).toList(),
          null,
          null);
    }
    String button =
        reply.listButtonText() == null || reply.listButtonText().isBlank()
            ? "Options"
            : reply.listButtonText();
    List<ListMessage.Row> rows =
        options.stream().limit(10).map(o -> new ListMessage.Row(o.id(), o.title(), null)).toList();
    return new ListMessage(body, button, List.of(new ListMessage.Section(null, rows)), null, null);
  }
}
