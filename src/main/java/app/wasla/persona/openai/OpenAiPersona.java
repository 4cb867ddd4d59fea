package app.wasla.persona.openai;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.retry.RetryCallback;
import org.springframework.retry.support.RetryTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.wasla.conversation.ConversationKey;
import app.wasla.persona.CustomerContext;
import app.wasla.persona.EmbeddedPersona;
import app.wasla.persona.Persona;
import app.wasla.persona.PersonaResult;
import app.wasla.persona.PersonaTurn;
import app.wasla.persona.PersonaUsage;
import app.wasla.persona.TranscriptLine;
import app.wasla.persona.handoff.HandoffRules;
import app.wasla.persona.playbook.Passage;
import app.wasla.persona.playbook.PlaybookIndex;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The persona on any OpenAI-compatible Chat Completions server. The prompt carries the persona's name and tone,
 * the playbook passages retrieved for the turn, the customer's context and the recent transcript; the answer is
 * requested as strict JSON schema output and validated. 429 and 5xx are retried with backoff; a timeout, a refusal,
 * invalid output or any other failure falls back to the embedded persona, so the customer always gets an answer.
 * The handoff rules (DMN) also apply to the model's answer: either may hand off.
 */
public final class OpenAiPersona implements Persona {

    private static final Logger log = LoggerFactory.getLogger(OpenAiPersona.class);
    private static final MediaType JSON = MediaType.get("application/json");

    /** A status worth retrying (429, 5xx). */
    static final class RetryableStatusException extends IOException {
        RetryableStatusException(int code) {
            super("HTTP " + code);
        }
    }

    private final OpenAiSettings settings;
    private final String personaName;
    private final EmbeddedPersona fallback;
    private final HandoffRules rules;
    private final PersonaUsage.Listener usage;
    private final OkHttpClient http;
    private final RetryTemplate retry;
    private final ObjectMapper json = new ObjectMapper();
    private final ObjectNode schema;

    public OpenAiPersona(OpenAiSettings settings, String personaName, EmbeddedPersona fallback, HandoffRules rules,
                         PersonaUsage.Listener usage) {
        this.settings = settings;
        this.personaName = personaName;
        this.fallback = fallback;
        this.rules = rules;
        this.usage = usage == null ? PersonaUsage.Listener.NONE : usage;
        this.http = new OkHttpClient.Builder().connectTimeout(settings.connectTimeout()).readTimeout(settings.readTimeout())
                .callTimeout(settings.readTimeout().plus(settings.connectTimeout())).build();
        this.retry = RetryTemplate.builder().maxAttempts(settings.maxAttempts()).exponentialBackoff(200, 2.0, 2000)
                .retryOn(RetryableStatusException.class).build();
        this.schema = PersonaResultSchema.schema(json);
    }

    @Override
    public PersonaResult respond(PersonaTurn turn) {
        try {
            PersonaResult r = retry.execute((RetryCallback<PersonaResult, IOException>) ctx -> call(turn));
            HandoffRules.Decision d = rules.decide(new HandoffRules.Input(r.intent(), r.sentiment().score(),
                    r.entities().amount() == null ? null : r.entities().amount().doubleValue(),
                    turn.lowConfidenceStreak() + (r.lowConfidence() ? 1 : 0), r.intentConfidence()));
            if (d.handoff() && !r.handoff()) {
                return new PersonaResult(r.language(), r.intent(), r.intentConfidence(), r.sentiment(), r.entities(),
                        r.reply(), true, d.reason(), r.summary());
            }
            return r;
        } catch (InterruptedIOException e) {
            log.warn("persona LLM timed out for conversation {}; the embedded persona answers",
                ConversationKey.mask(turn.conversationKey()));
        } catch (PersonaResultSchema.InvalidResultException e) {
            log.warn("persona LLM answer invalid for conversation {} ({}); the embedded persona answers",
                ConversationKey.mask(turn.conversationKey()), e.getMessage());
        } catch (Exception e) {
            log.warn("persona LLM failed for conversation {} ({}); the embedded persona answers",
                ConversationKey.mask(turn.conversationKey()), e.toString());
        }
        return fallback.respond(turn);
    }

    private PersonaResult call(PersonaTurn turn) throws IOException {
        Request.Builder request = new Request.Builder().url(settings.baseUrl() + "/chat/completions")
                .post(RequestBody.create(json.writeValueAsBytes(body(turn)), JSON));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        try (Response response = http.newCall(request.build()).execute()) {
            if (response.code() == 429 || response.code() >= 500) {
                throw new RetryableStatusException(response.code());
            }
            if (!response.isSuccessful()) {
                throw new IOException("HTTP " + response.code());
            }
            ResponseBody body = response.body();
            JsonNode root = json.readTree(body == null ? "{}" : body.string());
            JsonNode u = root.path("usage");
            if (u.isObject()) {
                usage.onUsage(new PersonaUsage(turn.conversationKey(), root.path("model").asText(settings.model()),
                        u.path("prompt_tokens").asInt(), u.path("completion_tokens").asInt(), Instant.now()));
            }
            JsonNode message = root.path("choices").path(0).path("message");
            if (message.hasNonNull("refusal")) {
                throw new PersonaResultSchema.InvalidResultException("refusal");
            }
            String content = message.path("content").asText("");
            JsonNode parsed;
            try {
                parsed = json.readTree(content);
            } catch (IOException e) {
                throw new PersonaResultSchema.InvalidResultException("content is not JSON");
            }
            if (parsed == null || !parsed.isObject()) {
                throw new PersonaResultSchema.InvalidResultException("content is not a JSON object");
            }
            return PersonaResultSchema.parse(parsed);
        }
    }

    ObjectNode body(PersonaTurn turn) {
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.model());
        body.put("temperature", 0.2);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", systemPrompt(turn));
        for (TranscriptLine line : turn.recentTranscript()) {
            messages.addObject().put("role", line.fromCustomer() ? "user" : "assistant").put("content", line.text());
        }
        String user = turn.text() + (turn.interactiveReplyId() == null ? "" : "\n[tapped option id: " + turn.interactiveReplyId() + "]");
        messages.addObject().put("role", "user").put("content", user);
        ObjectNode format = body.putObject("response_format");
        format.put("type", "json_schema");
        ObjectNode js = format.putObject("json_schema");
        js.put("name", "persona_result");
        js.put("strict", true);
        js.set("schema", schema);
        return body;
    }

    String systemPrompt(PersonaTurn turn) {
        StringBuilder sb = new StringBuilder();
        sb.append("You are ").append(personaName).append(", the WhatsApp sales assistant of the store described below.\n");
        fallback.playbook().passage("tone-of-voice").ifPresent(p -> sb.append(p.en()).append('\n').append(p.ar()).append('\n'));
        sb.append("""
                Languages: detect the customer's language and script: ar-EG (Egyptian Arabic), ar (Modern Standard Arabic),
                arabizi (Arabic in Latin letters and digits), en (English), mixed (Arabic script with English). Reply in the
                same form (for mixed, the dominant one).
                Intents: greeting, product_inquiry, availability, order, booking_new, booking_change, booking_cancel,
                order_status, payment, complaint, human_request, thanks_goodbye, other.
                Answer only from the playbook passages below. If they do not answer the question, say so honestly and set
                handoff=true with handoffReason "unanswered question". Set handoff=true for complaints, requests for a human,
                angry customers and orders above 20000 EGP. Option titles have at most 20 characters. summary is one line for
                a human agent. Answer with the JSON object only.
                """);
        sb.append("\nPlaybook passages for this turn:\n");
        List<PlaybookIndex.Hit> hits = fallback.index().search(turn.text(), null, 4);
        for (PlaybookIndex.Hit h : hits) {
            Passage p = h.passage();
            sb.append("- [").append(p.id()).append("] ").append(p.en()).append(" / ").append(p.ar()).append('\n');
        }
        if (hits.isEmpty()) {
            sb.append("(none found)\n");
        }
        CustomerContext c = turn.customer();
        if (c != null) {
            sb.append("\nCustomer: ").append(json.valueToTree(Map.of(
                    "name", String.valueOf(c.name()), "preferredLanguage", String.valueOf(c.preferredLanguage()),
                    "tags", c.tags(), "orders", c.orders(),
                    "totalSpendEgp", String.valueOf(c.totalSpend()), "openBalanceEgp", String.valueOf(c.openBalance()))).toString()).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "OpenAiPersona[" + settings + "]";
    }
}
