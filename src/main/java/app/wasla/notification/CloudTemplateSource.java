package app.wasla.notification;

import app.wasla.conversation.TemplateCategory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Reads the business's templates from the Cloud API ({@code GET /{waba-id}/message_templates}),
 * every page: the next page is asked for with the {@code after} cursor on the configured base URL,
 * never by following a URL from the answer, so the access token only ever goes to Meta.
 */
class CloudTemplateSource {

  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

  private final OkHttpClient http;
  private final ObjectMapper json;
  private final HttpUrl baseUrl;
  private final String accessToken;
  private final TemplateProperties props;

  CloudTemplateSource(
      OkHttpClient http,
      ObjectMapper json,
      String apiBaseUrl,
      String accessToken,
      TemplateProperties props) {
    this.http = http;
    this.json = json;
    this.baseUrl = HttpUrl.parse(apiBaseUrl);
    if (baseUrl == null) {
      throw new IllegalArgumentException("wasla.whatsapp.api-base-url is not an http(s) URL");
    }
    this.accessToken = accessToken;
    this.props = props;
  }

  /** Every template of the account, of every status. */
  List<WhatsAppTemplate> fetch() {
    List<WhatsAppTemplate> templates = new ArrayList<>();
    String after = null;
    for (int page = 0; page < props.maxPages(); page++) {
      HttpUrl.Builder url =
          baseUrl
              .newBuilder()
              .addPathSegment(props.wabaId())
              .addPathSegment("message_templates")
              .addQueryParameter(
                  "fields", "name,language,status,category,parameter_format,components")
              .addQueryParameter("limit", Integer.toString(props.pageSize()));
      if (after != null) {
        url.addQueryParameter("after", after);
      }
      JsonNode answer = get(url.build());
      for (JsonNode t : answer.path("data")) {
        templates.add(template(t));
      }
      JsonNode paging = answer.path("paging");
      String next = paging.path("cursors").path("after").asText(null);
      if (!paging.hasNonNull("next") || next == null || next.isBlank()) {
        return templates;
      }
      after = next;
    }
    throw new IllegalStateException(
        "more than wasla.templates.max-pages ("
            + props.maxPages()
            + ") pages of templates: the list was not replaced");
  }

  static WhatsAppTemplate template(JsonNode t) {
    Set<String> variables = new LinkedHashSet<>();
    JsonNode headerComponent = null;
    String body = null;
    String footer = null;
    List<JsonNode> buttonNodes = new ArrayList<>();
    for (JsonNode component : t.path("components")) {
      String type = component.path("type").asText("");
      if (type.equalsIgnoreCase("BODY")) {
        body = component.path("text").asText(null);
        variables.addAll(variables(component.path("text").asText("")));
      } else if (type.equalsIgnoreCase("FOOTER")) {
        footer = component.path("text").asText(null);
      } else if (type.equalsIgnoreCase("HEADER")) {
        headerComponent = component;
      } else if (type.equalsIgnoreCase("BUTTONS")) {
        component.path("buttons").forEach(buttonNodes::add);
      }
    }
    boolean named =
        "NAMED".equalsIgnoreCase(t.path("parameter_format").asText(""))
            || variables.stream().anyMatch(v -> !v.chars().allMatch(Character::isDigit));
    WhatsAppTemplate.Header header = null;
    if (headerComponent != null) {
      String format = headerComponent.path("format").asText("TEXT").toUpperCase(Locale.ROOT);
      if (format.equals("TEXT")) {
        List<String> headerVariables = variables(headerComponent.path("text").asText(""));
        header =
            new WhatsAppTemplate.Header(
                format,
                !headerVariables.isEmpty(),
                named && !headerVariables.isEmpty() ? headerVariables.get(0) : null,
                headerComponent.path("text").asText(null));
      } else {
        // the media or the place is given by every send
        header = new WhatsAppTemplate.Header(format, true, null);
      }
    }
    List<WhatsAppTemplate.Button> buttons = new ArrayList<>();
    for (int i = 0; i < buttonNodes.size(); i++) {
      buttons.add(button(i, buttonNodes.get(i)));
    }
    return new WhatsAppTemplate(
        t.path("name").asText(),
        t.path("language").asText(),
        TemplateCategory.of(t.path("category").asText(null)),
        t.path("status").asText("UNKNOWN").toUpperCase(java.util.Locale.ROOT),
        variables.size(),
        named ? List.copyOf(variables) : List.of(),
        header,
        buttons,
        body,
        footer);
  }

  /** What a send gives the button at {@code index}, as Meta's send payload names it. */
  private static WhatsAppTemplate.Button button(int index, JsonNode b) {
    String type = b.path("type").asText("").toUpperCase(Locale.ROOT);
    String text = b.path("text").asText("");
    return switch (type) {
      // a URL ending in a variable takes its suffix; a fixed URL takes nothing
      case "URL" -> {
        String url = b.path("url").asText(null);
        boolean dynamic = url != null && !variables(url).isEmpty();
        yield new WhatsAppTemplate.Button(index, type, text, dynamic ? "url" : null, dynamic, url);
      }
      case "PHONE_NUMBER" -> {
        String phone = b.path("phone_number").asText(null);
        yield new WhatsAppTemplate.Button(
            index, type, text, null, false, phone == null ? null : "tel:" + phone);
      }
      case "QUICK_REPLY" -> new WhatsAppTemplate.Button(index, type, text, "quick_reply", false);
      case "COPY_CODE" -> new WhatsAppTemplate.Button(index, type, text, "copy_code", true);
      // an authentication template's code button: the code is sent as a url parameter
      case "OTP" -> new WhatsAppTemplate.Button(index, type, text, "url", true);
      default -> new WhatsAppTemplate.Button(index, type, text, null, false);
    };
  }

  private static List<String> variables(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      if (!found.contains(m.group(1))) {
        found.add(m.group(1));
      }
    }
    return found;
  }

  private JsonNode get(HttpUrl url) {
    Request request =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + accessToken)
            .get()
            .build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      if (!response.isSuccessful()) {
        String message = "";
        try {
          message = json.readTree(text).path("error").path("message").asText("");
        } catch (IOException | RuntimeException notJson) {
          // a proxy answered: the status says enough
        }
        throw new IllegalStateException(
            safe(
                "GET "
                    + url.encodedPath()
                    + " answered HTTP "
                    + response.code()
                    + (message.isBlank() ? "" : ": " + message)));
      }
      return json.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException(
          safe("GET " + url.encodedPath() + " failed: " + e.getClass().getSimpleName()));
    }
  }

  private String safe(String message) {
    return accessToken == null || accessToken.isEmpty()
        ? message
        : message.replace(accessToken, "***");
  }
}
