package app.wasla.persona.openai;

import app.wasla.persona.Entities;
import app.wasla.persona.Intents;
import app.wasla.persona.Language;
import app.wasla.persona.PersonaReply;
import app.wasla.persona.PersonaResult;
import app.wasla.persona.ReplyOption;
import app.wasla.persona.Sentiment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON schema the LLM must answer with (strict structured output), and its validation into a
 * {@link PersonaResult}.
 */
final class PersonaResultSchema {

  /** The model's answer broke the contract. */
  static final class InvalidResultException extends RuntimeException {
    InvalidResultException(String message) {
      super(message);
    }
  }

  private PersonaResultSchema() {}

  static ObjectNode schema(ObjectMapper json) {
    List<String> languages = java.util.Arrays.stream(Language.values()).map(Language::tag).toList();
    Map<String, Object> schema =
        obj(
            Map.of(
                "language", Map.of("type", "string", "enum", languages),
                "intent", Map.of("type", "string", "enum", Intents.ALL),
                "intentConfidence", Map.of("type", "number"),
                "sentiment",
                    obj(
                        Map.of(
                            "label",
                            Map.of(
                                "type",
                                "string",
                                "enum",
                                List.of("positive", "neutral", "negative")),
                            "score",
                            Map.of("type", "number"))),
                "entities",
                    obj(
                        Map.of(
                            "products",
                            Map.of("type", "array", "items", Map.of("type", "string")),
                            "quantity",
                            Map.of("type", List.of("integer", "null")),
                            "dateTime",
                            Map.of("type", List.of("string", "null")),
                            "reference",
                            Map.of("type", List.of("string", "null")),
                            "amount",
                            Map.of("type", List.of("number", "null")))),
                "reply",
                    obj(
                        Map.of(
                            "text",
                            Map.of("type", "string"),
                            "options",
                            Map.of(
                                "type",
                                "array",
                                "items",
                                obj(
                                    Map.of(
                                        "id",
                                        Map.of("type", "string"),
                                        "title",
                                        Map.of("type", "string")))),
                            "listButtonText",
                            Map.of("type", List.of("string", "null")))),
                "handoff", Map.of("type", "boolean"),
                "handoffReason", Map.of("type", List.of("string", "null")),
                "summary", Map.of("type", "string")));
    return json.valueToTree(schema);
  }

  private static Map<String, Object> obj(Map<String, Object> properties) {
    return Map.of(
        "type",
        "object",
        "properties",
        properties,
        "required",
        new ArrayList<>(properties.keySet()),
        "additionalProperties",
        false);
  }

  /**
   * The result the JSON describes; throws {@link InvalidResultException} when a field is missing or
   * out of range.
   */
  static PersonaResult parse(JsonNode n) {
    Language language = Language.fromTag(text(n, "language"));
    if (language == null) {
      throw new InvalidResultException("language not one of the tags");
    }
    String intent = text(n, "intent");
    if (!Intents.ALL.contains(intent)) {
      throw new InvalidResultException("unknown intent " + intent);
    }
    double confidence = number(n, "intentConfidence", 0, 1);
    JsonNode s = required(n, "sentiment");
    String label = text(s, "label");
    if (!List.of(Sentiment.POSITIVE, Sentiment.NEUTRAL, Sentiment.NEGATIVE).contains(label)) {
      throw new InvalidResultException("bad sentiment label " + label);
    }
    Sentiment sentiment = new Sentiment(label, number(s, "score", -1, 1));
    JsonNode e = required(n, "entities");
    List<String> products = new ArrayList<>();
    required(e, "products").forEach(p -> products.add(p.asText()));
    Entities entities =
        new Entities(
            products,
            e.path("quantity").isIntegralNumber() ? e.get("quantity").intValue() : null,
            nullableText(e, "dateTime"),
            nullableText(e, "reference"),
            e.path("amount").isNumber() ? e.get("amount").decimalValue() : null);
    if (entities.amount() != null && entities.amount().compareTo(BigDecimal.ZERO) < 0) {
      throw new InvalidResultException("negative amount");
    }
    JsonNode r = required(n, "reply");
    String replyText = text(r, "text");
    if (replyText.isBlank()) {
      throw new InvalidResultException("empty reply");
    }
    List<ReplyOption> options = new ArrayList<>();
    for (JsonNode o : required(r, "options")) {
      String id = text(o, "id");
      String title = text(o, "title");
      if (id.isBlank() || title.isBlank()) {
        throw new InvalidResultException("option without id or title");
      }
      options.add(new ReplyOption(id, title));
    }
    PersonaReply reply = new PersonaReply(replyText, options, nullableText(r, "listButtonText"));
    JsonNode handoff = required(n, "handoff");
    if (!handoff.isBoolean()) {
      throw new InvalidResultException("handoff is not a boolean");
    }
    return new PersonaResult(
        language,
        intent,
        confidence,
        sentiment,
        entities,
        reply,
        handoff.booleanValue(),
        nullableText(n, "handoffReason"),
        text(n, "summary"));
  }

  private static JsonNode required(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new InvalidResultException("missing " + field);
    }
    return v;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = required(n, field);
    if (!v.isTextual()) {
      throw new InvalidResultException(field + " is not a string");
    }
    return v.textValue();
  }

  private static String nullableText(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static double number(JsonNode n, String field, double min, double max) {
    JsonNode v = required(n, field);
    if (!v.isNumber() || v.doubleValue() < min || v.doubleValue() > max) {
      throw new InvalidResultException(field + " not a number in " + min + ".." + max);
    }
    return v.doubleValue();
  }
}
